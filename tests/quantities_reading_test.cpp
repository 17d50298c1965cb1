// Quantities stage: readings two blind tests of new pages found wrong (tables of figures per
// year, the year a sentence carries, qualifiers, numerals, durations, dates). Items are written
// as in quantities_test.cpp: "kind value unit key=value…; next item".
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "bdp/quantities.h"
#include "bdp/text.h"
#include "quantity_summary.h"

namespace {

const bdp::test::QuantityFixture& fixture() { return bdp::test::quantity_fixture(); }
std::string summary(const std::vector<bdp::Quantity>& items) { return bdp::test::quantity_summary(items); }

std::string page(std::initializer_list<const char*> lines) { return bdp::test::quantity_page(lines); }
using Case = bdp::test::QuantityCase;
void check_all(const std::vector<Case>& cases) { bdp::test::check_quantities(cases); }

}  // namespace

TEST_SUITE("quantities reading") {

TEST_CASE("a table of years: each cell counts its row label's noun, in its column's year") {
  CHECK(page({"| Forma wsparcia | 2019 | 2020 |", "| Rodziny objęte asystenturą | 34 | 41 |",
              "| Porady psychologiczne | 215 | 180 |"}) ==
        "count 34 rodzina y=2019; count 41 rodzina y=2020; count 215 porada y=2019; "
        "count 180 porada y=2020");
  CHECK(page({"| Rok | 2019 | 2020 |", "| Liczba osób objętych programem | 1 012 | 1 146 |",
              "| w tym dzieci i młodzież | 402 | 455 |", "| Wydatki ogółem (tys. zł) | 812 | 1 004 |"}) ==
        "count 1012 osoba y=2019; count 1146 osoba y=2020; count 402 dziecko y=2019 part=0; "
        "count 455 dziecko y=2020 part=1; money 812000 PLN y=2019; money 1004000 PLN y=2020");
  CHECK(page({"| Wskaźnik | 2018 | 2019 |", "| Wydatki na pieczę rodzinną (zł) | 1 420 300 | 1 512 870 |"}) ==
        "money 1420300 PLN y=2018; money 1512870 PLN y=2019");
  // Tab-separated, and a year written "2019 r.".
  CHECK(page({"Wskaźnik\t2019 r.\t2020 r.", "Liczba rodzin\t34\t41"}) ==
        "count 34 rodzina y=2019; count 41 rodzina y=2020");
  // Aligned with blanks (a PDF's table through pdftotext -layout, a slide's table).
  CHECK(page({"Wyszczególnienie          2021      2022", "Liczba rodzin zastępczych  118       121",
              "Rodziny        241   228"}) ==
        "count 118 rodzina y=2021; count 121 rodzina y=2022; count 241 rodzina y=2021; "
        "count 228 rodzina y=2022");
  // Prose spaced twice after its full stops is no table: its cells are long.
  CHECK(page({"W 2021 r. pomogliśmy 40 rodzinom.  Rok później  2022  2023",
              "Wydano też 120 posiłków dla dzieci ze szkół.  Dużo  5  6"}) ==
        "count 40 rodzina y=2021; count 120 posiłek");
}

TEST_CASE("a table whose header is no years: a column header's unit, else silence") {
  CHECK(page({"| Forma | Liczba osób | Kwota (zł) |", "| Zasiłek celowy | 120 | 45 000 |"}) ==
        "count 120 osoba; money 45000 PLN");
  // A row label that is a year dates its row.
  CHECK(page({"| Rok | Liczba rodzin | Kwota |", "| 2019 | 34 | 12 000 zł |"}) ==
        "count 34 rodzina y=2019; money 12000 PLN y=2019");
  // Headers that name no unit: the bare figures are not read.
  CHECK(page({"| Forma | Gmina | Powiat |", "| Zasiłek celowy | 120 | 45 |"}) == "");
}

TEST_CASE("a sentence-opening time dates the undated items of the paragraph's next sentences") {
  check_all({
      {"W 2022 r. zespół pracował z 96 rodzinami. Wszczęto 71 procedur, w tym 58 przez Policję.",
       "count 96 rodzina y=2022; count 71 procedura y=2022; count 58 procedura y=2022 part=1"},
      {"Na dzień 31 grudnia 2020 r. w rodzinach przebywało 81 dzieci. W placówkach przebywało "
       "dwadzieścioro troje dzieci.",
       "count 81 dziecko y=2020; count 23 dziecko y=2020"},
      // Until another time is named: a time not opening its sentence stops the frame.
      {"W 2022 r. przyjęto 40 osób. Klub działa od 2010 r. Zorganizowano 12 spotkań.",
       "count 40 osoba y=2022; count 12 spotkanie"},
      // Not into a sentence that states a rule (no verb of the past), nor from an open time.
      {"W latach 2022–2023 przeprowadzono 84 mediacje. Koszt programu wynosi 96 000 zł rocznie.",
       "year_span 2 rok p=2022..2023; count 84 mediacja p=2022..2023; money 96000 PLN per=year"},
      {"Od 2015 r. wydano 1 200 kart. Karta uprawnia do zniżek u ponad 60 partnerów.",
       "count 1200 karta p=2015..; count 60 partner q=more_than"},
      // A year survives ';'.
      {"W 2008 r. pomoc otrzymało 40 rodzin; 55 osób skorzystało z porad.",
       "count 40 rodzina y=2008; count 55 osoba y=2008"},
  });
}

TEST_CASE("a sentence's year survives 'art. 8 ustawy, tj.' and a yearless inserted period") {
  check_all({
      {"Kryterium podniesiono w 2022 r. do 150% kryterium z art. 8 ustawy, tj. do 900 zł na osobę.",
       "percent 150 % y=2022; money 900 PLN y=2022 per=osoba"},
      {"W 2020 r., mimo przerwy trwającej od marca do czerwca, zorganizowano 148 spotkań.",
       "count 148 spotkanie y=2020"},
  });
}

TEST_CASE("a change between school years") {
  check_all({
      {"Liczba dzieci wzrosła z 288 w roku szkolnym 2018/2019 do 341 w roku szkolnym 2022/2023.",
       "change 341 dziecko from=288 to=341 dir=increase"},
  });
}

TEST_CASE("'w tym czasie' copies the whole period named before it") {
  check_all({
      {"W okresie od stycznia do czerwca 2020 r. zajęcia były zawieszone; w tym czasie "
       "przeprowadzono 1 876 rozmów.",
       "count 1876 rozmowa y=2020 p=2020-01..2020-06"},
  });
}

TEST_CASE("qualifiers 'nie dłużej niż', 'najwyżej', 'nie niższej niż'") {
  check_all({
      {"Asystent pracuje z rodziną nie dłużej niż 12 miesięcy.", "duration 12 miesiąc q=up_to"},
      {"Każdy obejmował wsparciem najwyżej 15 rodzin.", "count 15 rodzina q=up_to"},
      {"Pomoc w wysokości nie niższej niż 1 765 zł.", "money 1765 PLN q=at_least"},
  });
}

TEST_CASE("numerals 'dwiema', collective '-orgiem' and '-orgu'") {
  check_all({
      {"Grupa spotykała się z dwudziestoma dwiema kobietami.", "count 22 kobieta"},
      {"Opiekowali się 20 osobami, w tym sześciorgiem dzieci.",
       "count 20 osoba; count 6 dziecko part=0"},
      {"Opiekowali się siedmiorgiem dzieci.", "count 7 dziecko"},
  });
}

TEST_CASE("durations: 'w okresie ostatnich 3 lat', a label before a colon, 'na 12 miesięcy'") {
  check_all({
      {"Wykonawca zrealizował w okresie ostatnich 3 lat dwie usługi.", "duration 3 rok; count 2 usługa"},
      {"Termin związania ofertą: 30 dni.", "duration 30 dzień"},
      {"Umowa zostanie zawarta na 12 miesięcy.", "duration 12 miesiąc"},
  });
}

}  // TEST_SUITE

TEST_SUITE("quantities reading") {

TEST_CASE("an adjective before the noun is not the unit; 'wychowankami' is wychowanek") {
  check_all({
      {"Pozyskano 1 nowej zawodowej rodziny.", "count 1 rodzina"},
      {"Pracowano z 14 wychowankami.", "count 14 wychowanek"},
  });
}

TEST_CASE("the days of a range of days and English dates are no counts") {
  check_all({
      {"Według badania liczby osób bezdomnych przeprowadzonego w nocy z 14 na 15 lutego 2019 r. "
       "w Żarach przebywało 58 osób.",
       "count 58 osoba y=2019"},
      {"Warsztaty odbyły się 14–15 maja 2023 r. dla 40 osób.", "count 40 osoba y=2023"},
      {"by Monika Zawadzka on 12 October 2022", ""},
  });
}

}  // TEST_SUITE

TEST_SUITE("quantities reading") {

TEST_CASE("a word ending as a past verb that is none ('około') does not make a rule an event") {
  CHECK(page({"W latach 2022–2023 przeprowadzono 84 mediacje. Koszt wynosi około 96 000 zł rocznie."}) ==
        "year_span 2 rok p=2022..2023; count 84 mediacja p=2022..2023; money 96000 PLN q=about per=year");
}

}  // TEST_SUITE

TEST_SUITE("quantities reading") {

TEST_CASE("a sub-count is part of the count of its own noun; an elliptical list item counts it") {
  check_all({
      {"Funkcjonowało 58 rodzin zastępczych, w których przebywało 81 dzieci, w tym 44 rodziny "
       "spokrewnione, 11 niezawodowych i 3 zawodowe.",
       "count 58 rodzina; count 81 dziecko; count 44 rodzina part=0; count 11 rodzina part=0; "
       "count 3 rodzina part=0"},
      // A bracketed measure of the same staff and an "oraz" item are no parts.
      {"Program realizowało 28 pracowników socjalnych (25,5 etatu) oraz trzech asystentów rodziny.",
       "count 28 pracownik; count 25.5 etat; count 3 asystent"},
  });
}

TEST_CASE("a year is no comparison's base across a sentence; a span dates a change's ends") {
  check_all({
      {"Większość pozostaje w bezdomności dłużej niż 5 lat. W 2022 r. MOPS udzielił schronienia "
       "46 osobom.",
       "duration 5 rok q=more_than; count 46 osoba y=2022"},
      {"Liczba zawodowych rodzin zastępczych wzrosła w latach 2020–2023 z 3 do 6.",
       "year_span 4 rok p=2020..2023; change 6 rodzina from=3@2020 to=6@2023 dir=increase"},
  });
}

}  // TEST_SUITE

TEST_SUITE("quantities reading") {

TEST_CASE("'Dziewięciu z nich …, pięciu …, a dwóch …' count the noun of the sentence before") {
  check_all({
      {"Na pytania ankiety odpowiedziało 16 z 18 opiekunów. Dziewięciu z nich oceniło usługi "
       "jako bardzo dobre, pięciu jako dobre, a dwóch jako dostateczne.",
       "count 16 opiekun part=1; count 18 opiekun; count 9 opiekun part=1; count 5 opiekun part=1; "
       "count 2 opiekun"},
  });
}

}  // TEST_SUITE

TEST_SUITE("quantities reading") {

TEST_CASE("a heading naming one year dates the undated items under it") {
  CHECK(page({"VI. Potrzeby na 2023 r.", "Planowane wydatki na pomoc społeczną wynoszą 3 214 800 zł."}) ==
        "money 3214800 PLN y=2023");
  // Not a sentence with other figures, nor a heading's span.
  CHECK(page({"W 2023 r. przyjęto 40 osób", "Wydano 12 decyzji."}) ==
        "count 40 osoba y=2023; count 12 decyzja");
  CHECK(page({"Program na lata 2021–2025", "Wydano 12 decyzji."}) ==
        "year_span 5 rok p=2021..2025; count 12 decyzja");
}

}  // TEST_SUITE

namespace {
std::string titled(const char* title, std::initializer_list<const char*> lines) {
  return bdp::test::quantity_page(lines, title);
}
}  // namespace

TEST_SUITE("quantities reading") {

TEST_CASE("a heading's year is read through the NBSPs a CMS bound its words with") {
  CHECK(page({"VI. Potrzeby\u00a0na\u00a02023\u00a0r.", "Planowane wydatki na pomoc społeczną wynoszą 3 214 800 zł."}) ==
        page({"VI. Potrzeby na 2023 r.", "Planowane wydatki na pomoc społeczną wynoszą 3 214 800 zł."}));
  CHECK(page({"Plany\u00a0na\u00a02024\u00a0rok", "złożenie wniosku o dofinansowanie 10 dodatkowych miejsc"}).find("2024") !=
        std::string::npos);
}

TEST_CASE("a title naming one year dates the undated items of past events") {
  CHECK(titled("Usługi opiekuńcze świadczone przez GOPS w Sokółce w 2023 roku",
               {"Łącznie zrealizowano 21 560 godzin usług.", "Każda opiekunka obsługuje 6 podopiecznych."}) ==
        "count 21560 godzina y=2023; count 6 podopieczny");
}

}  // TEST_SUITE

TEST_SUITE("quantities reading") {

TEST_CASE("a ratio's base is no rate of a count in the next clause") {
  check_all({
      {"Na jednego pracownika socjalnego przypada 1 583 mieszkańców, podczas gdy ustawa wymaga "
       "zatrudnienia co najmniej 3 pracowników socjalnych.",
       "count 1583 mieszkaniec per=pracownik; count 3 pracownik q=at_least"},
  });
}

}  // TEST_SUITE

TEST_SUITE("quantities reading") {

TEST_CASE("'w tym czasie' after a stretch of time points to it, not to a date before") {
  check_all({
      {"Mieszkania utworzono 30 października 2019 r. Pobyt trwa do 18 miesięcy; w tym czasie "
       "opiekun odwiedza mieszkańców co najmniej 2 razy w tygodniu.",
       "duration 18 miesiąc q=up_to"},
  });
}

}  // TEST_SUITE

// A third blind test: how far a year reaches, averages, changes between months, durations of
// activity, funding programmes' spans.
TEST_SUITE("quantities reading") {

TEST_CASE("a year does not reach back over a sentence's end after a post's pictographs") {
  check_all({
      {"Gratulujemy naszym 25 seniorom! 🎉 Zajęcia wrócą we wrześniu 2025 r.", "count 25 senior"},
      {"Dziękujemy 12 rodzinom zastępczym!👏👏 W 2026 r. ruszy kolejny nabór.", "count 12 rodzina"},
  });
}

TEST_CASE("a time opening a clause after a comma dates that clause's figure, not the one before") {
  check_all({
      {"W pierwszym miesiącu na zajęcia przyszło 48 dzieci, w 2020 r. już 75.",
       "count 48 dziecko; count 75 dziecko y=2020"},
      // A clause of the time with no figure of its own still dates the figures before it.
      {"Pomocy udzielono 150 rodzinom, w tym 40 rodzinom wielodzietnym, w 2019 r.",
       "count 150 rodzina y=2019; count 40 rodzina y=2019 part=0"},
      // A time inside the main clause dates an inserted clause too.
      {"Opiekunki, zatrudnione na 5 etatach, pracowały w 2021 r. z 64 podopiecznymi.",
       "count 5 etat y=2021; count 64 podopieczny y=2021"},
  });
}

TEST_CASE("'średnio', 'przeciętnie' earlier in the clause make its first figure an average") {
  check_all({
      {"Średnio na jedną rodzinę przypadało 3,4 wizyty miesięcznie.",
       "count 3.4 wizyta q=average per=month"},
      {"Każdy wolontariusz przepracował przeciętnie ponad 20 godzin.",
       "count 20 godzina q=more_than"},
      {"Uczestnicy korzystali średnio z 12 porad.", "count 12 porada q=average"},
      {"Przeciętnie seniorzy dopłacali 35% ceny posiłku, a gmina 65%.",
       "percent 35 % q=average; percent 65 %"},
      // Only the figure it speaks of: not one after another figure.
      {"Średnio 4 razy w tygodniu zajęcia odwiedzało 30 osób.",
       "count 30 osoba"},
  });
}

TEST_CASE("a change between two months of one year") {
  check_all({
      {"Liczba osób oczekujących zmalała z 27 w lutym do 9 w listopadzie 2022 r.",
       "change 9 osoba from=27@2022 to=9@2022 dir=decrease"},
      {"Liczba rodzin wzrosła z 40 w grudniu 2021 r. do 52 w marcu.",
       "change 52 rodzina from=40@2021 to=52@2022 dir=increase"},
  });
}

TEST_CASE("'z jednego do trzech' after a verb of change in the sentence is a change") {
  check_all({
      {"Liczba klubów wzrosła z dwóch w 2018 r. do pięciu w 2022 r., a liczba świetlic z jednej do "
       "czterech.",
       "change 5 klub from=2@2018 to=5@2022 dir=increase; "
       "change 4 świetlica from=1 to=4 dir=increase"},
      // "jeden" alone stays a pronoun.
      {"Jeden z 12 uczestników zrezygnował.", "count 12 uczestnik"},
  });
}

TEST_CASE("years of an activity are a duration") {
  check_all({
      {"Stowarzyszenie podsumowało 10 lat działalności.", "duration 10 rok"},
      {"Po 2 latach funkcjonowania klub liczy 45 członków.", "duration 2 rok; count 45 członek"},
      // Hours of work are the work done.
      {"Opiekunki przepracowały 1 200 godzin pracy.", "count 1200 godzina"},
  });
}

TEST_CASE("the span of an EU fund's programme named by its acronym is no year_span") {
  check_all({
      {"Projekt złożono w naborze FERS 2021–2027.", ""},
      {"Wsparcie z EFS+ 2021-2027 otrzymało 30 osób.", "count 30 osoba"},
      {"Środki pochodzą z perspektywy finansowej 2014–2020.", ""},
      // A span of the page's own figures stays one.
      {"W latach 2019–2021 przyjęto 60 osób.",
       "year_span 3 rok p=2019..2021; count 60 osoba p=2019..2021"},
  });
}

TEST_CASE("a heading's year dates the tallies and figure-only list items under it") {
  CHECK(page({"Powody przyznania pomocy w 2022 r.", "- bezrobocie – 140 rodzin", "- 35 rodzin",
              "Każda rodzina ma prawo do porady."}) ==
        "count 140 rodzina y=2022; count 35 rodzina y=2022");
  CHECK(page({"Wsparcie w 2023 r.", "Zatrudnienie: 18 osób", "Do klubu należy 40 osób."}) ==
        "count 18 osoba y=2023; count 40 osoba");
}

TEST_CASE("a slide's heading year does not date the next slide; the cover's dates the deck") {
  auto deck = [](std::initializer_list<const char*> paragraphs, std::vector<int> slides) {
    std::vector<bdp::NumberedLine> lines;
    int n = 0;
    for (const char* p : paragraphs) lines.push_back({p, ++n});
    return summary(bdp::parse_quantities(lines, *fixture().rules, nullptr, {}, slides));
  };
  const std::initializer_list<const char*> pages = {
      "Ośrodek Pomocy Społecznej w Lesznie", "Plan na 2024 r.", "Zakup 2 samochodów dla opiekunek.",
      "Wnioski", "Liczba klientów spadła o 8%."};
  // Slides start at lines 1 (the cover), 2 and 4.
  CHECK(deck(pages, {1, 2, 4}) == "count 2 samochód y=2024; percent 8 % dir=decrease");
  // Without the slides the plan's year reached the conclusions.
  CHECK(deck(pages, {}) == "count 2 samochód y=2024; percent 8 % y=2024 dir=decrease");
  // A year on the cover (the first slide) is the deck's.
  CHECK(deck({"Realizacja programu w 2023 roku", "Efekty", "Pracę podjęło 14 uczestników."},
             {1, 2}) == "count 14 uczestnik y=2023");
}

}  // TEST_SUITE
