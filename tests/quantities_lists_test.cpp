// Quantities in list items and around them: a year labelling a bullet, a heading's year over
// bullets that are figures and their nouns, a change wrapped onto the bullet's next line, a
// comparison with the year before, bounds of a stretch of time, a base after "na każdy", and a
// document's length as furniture.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "bdp/quantities.h"
#include "bdp/text.h"
#include "quantity_summary.h"

namespace {

std::string page(std::initializer_list<const char*> lines, std::string_view title = {}) {
  return bdp::test::quantity_page(lines, title);
}
void check_all(const std::vector<bdp::test::QuantityCase>& cases) {
  bdp::test::check_quantities(cases);
}

}  // namespace

TEST_SUITE("quantities") {

TEST_CASE("a year labelling a bulleted list item dates its figure: '• 2022: 38 osób'") {
  check_all({
      {"• 2020: 115 rodzin", "count 115 rodzina y=2020"},
      {"- 2019 – 48 200 zł", "money 48200 PLN y=2019"},
      {"* 2024: 17 wolontariuszy", "count 17 wolontariusz y=2024"},
      // a range after a bullet is still a range, and an old year no label
      {"• 1500–2500 zł na rodzinę", "range 1500 PLN 1500..2500 per=rodzina"},
  });
  CHECK(page({"Liczba klientów punktu", "• 2021: 212 klientów", "• 2022 – 260 klientów"}) ==
        "count 212 klient y=2021; count 260 klient y=2022");
}

TEST_CASE("a heading's year reaches a bullet that is its figure and a noun phrase") {
  CHECK(page({"Działania klubu w 2022 r.", "• 340 godzin zajęć ruchowych dla seniorów",
              "• 52 wycieczki krajoznawcze"}) ==
        "count 340 godzina y=2022; count 52 wycieczka y=2022");
  // a verb of being states a fact, which the heading does not date
  CHECK(page({"Działania klubu w 2022 r.", "• 25 miejsc jest w sali"}) == "count 25 miejsce");
}

TEST_CASE("a heading's state on a day dates its tally: 'stan na 31.12.2023 r.'") {
  CHECK(page({"Piecza zastępcza – stan na 31.12.2023 r.", "• 142 dzieci w rodzinach zastępczych",
              "• 87 rodzin zastępczych"}) ==
        "count 142 dziecko y=2023; count 87 rodzina y=2023");
  // two dates make no heading's year
  CHECK(page({"Dyżury od 01.01.2023 do 31.12.2023", "• 142 dzieci w rodzinach zastępczych"}) ==
        "count 142 dziecko");
}

TEST_CASE("'niż w roku poprzednim' is a comparison's base, not the time of the figure") {
  CHECK(page({"Sprawozdanie z działalności Ośrodka za 2021 rok",
              "Pomocą objęto 208 rodzin, o 11 rodzin mniej niż w roku poprzednim."}) ==
        "count 208 rodzina y=2021; count 11 rodzina y=2021 dir=decrease");
  // a base with its own figure keeps the year before
  CHECK(page({"Sprawozdanie z działalności Ośrodka za 2021 rok",
              "Wydano 640 decyzji wobec 598 w roku poprzednim."}) ==
        "count 640 decyzja y=2021; count 598 decyzja y=2020");
}

TEST_CASE("a stretch of time with a bound: 'dłużej niż', 'krócej niż'") {
  check_all({
      {"Połowa z nich pozostawała bez pracy dłużej niż dwa lata.", "duration 2 rok q=more_than"},
      {"Pobyt trwał krócej niż 6 miesięcy.", "duration 6 miesiąc q=less_than"},
      {"Nie dłużej niż 12 miesięcy.", "duration 12 miesiąc q=up_to"},
  });
}

TEST_CASE("money 'na każdą osobę' is per that base, as 'na osobę' is") {
  check_all({
      {"Gmina przekazała po 1 500 zł na każdą rodzinę.", "money 1500 PLN per=rodzina"},
      {"Przyznano 8 tys. zł na każde nowe miejsce w żłobku.", "money 8000 PLN per=miejsce"},
  });
}

TEST_CASE("a change wrapped onto its list item's next line") {
  CHECK(page({"• liczba klientów wzrosła z 86 (2020)", "do 143 (2023)"}) ==
        "change 143 klient from=86@2020 to=143@2023 dir=increase");
  CHECK(page({"• liczba porad spadła ze 410 w 2019 r.", "do 295 w 2022 r."}) ==
        "change 295 porada from=410@2019 to=295@2022 dir=decrease");
  // a line that closed its change keeps the next line apart
  CHECK(page({"• liczba rodzin wzrosła z 12 do 20", "do 30 czerwca 2023 r."}) ==
        "change 20 rodzina from=12 to=20 dir=increase");
}

TEST_CASE("a title naming a part of a year dates the past events under it with that part") {
  CHECK(page({"Z usług skorzystało 58 osób.", "Do klubu należy 40 osób."},
             "Dożywianie dzieci – sprawozdanie za II kwartał 2022 r.") ==
        "count 58 osoba y=2022 p=2022-04..2022-06; count 40 osoba");
  CHECK(page({"Realizacja w I półroczu 2024 r.", "• wydano 2 300 paczek"}) ==
        "count 2300 paczka y=2024 p=2024-01..2024-06");
}

TEST_CASE("a document's length is furniture, as a gallery's size is") {
  check_all({
      {"Pełny opis projektu – 14 stron, do pobrania poniżej.", ""},
      {"Raport końcowy (PDF, 48 stron)", ""},
      {"Wydrukowano 500 broszur.", "count 500 broszura"},
  });
}

}  // TEST_SUITE
