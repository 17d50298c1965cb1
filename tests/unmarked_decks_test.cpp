// Decks written out without a viewer's slide markers, as the twentieth session's blind tests
// found them misread: a PDF deck's pdftotext pages a little longer than the classifier's own
// bound, a word cut at a hyphen on a short slide line, a cover title wrapped in Title Case,
// Google Slides' plain text (blocks between blank lines) and PowerPoint's outline (titles flush
// left over tab-indented bullets).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "test_util.h"

namespace {

bdp::PageResult read(const std::string& text) {
  return bdp::test::pipeline().run_bytes("p.txt", text);
}

// A PDF deck made text: each page ends with the running footer and its number, a form feed
// starts the next. Pages of about 350 bytes (more than slide_short_max_chars).
std::string pdf_deck() {
  const std::string footer = "\nGOPS w Pleśnej | Gminny Program Profilaktyki 2022–2024\n";
  const std::vector<std::string> pages = {
      "Gminny Program Profilaktyki\nUzależnień Behawioralnych\nw Gminie Pleśna\n"
      "na lata 2022–2024\n\nGminny Ośrodek Pomocy Społecznej w Pleśnej\n"
      "Zespół Profilaktyki i Wsparcia\n\nPleśna, 12 kwietnia 2022 r.\n",
      "Diagnoza problemu w gminie\n• badanie ankietowe uczniów klas siódmych i ósmych "
      "przeprowadzone jesienią 2021 r.\n• co czwarty uczeń spędza przy ekranie ponad "
      "cztery godziny dziennie\n• rodzice rzadko znają zasady gier, w które grają ich dzieci\n"
      "• w 2021 r. z porad terapeuty skorzystało 37 rodzin z terenu gminy\n",
      "Cel główny programu\nOgraniczenie skutków uzależnień behawioralnych wśród dzieci\n"
      "i młodzieży oraz wzmocnienie kompetencji wychowawczych rodziców z terenu gminy\n"
      "poprzez działania profilaktyczne prowadzone w szkołach i świetlicach.\n",
      "Działania w szkołach\n• warsztaty dla uczniów prowadzone przez psychologa szkolnego\n"
      "• spotkania integra-\ncyjne dla rodziców w każdej szkole podstawowej gminy\n"
      "• konkurs plastyczny „Dzień bez ekranu” dla klas młodszych\n"
      "• dyżury terapeuty uzależnień w Punkcie Konsultacyjnym raz w tygodniu\n",
      "Efekty realizacji w 2023 r.\n• W warsztatach wzięło udział 412 uczniów.\n"
      "• Z konsultacji terapeuty skorzystały 52 rodziny.\n• Przeszkolono 28 nauczycieli "
      "i pedagogów szkolnych w rozpoznawaniu objawów uzależnień.\n"
      "• Koszt programu w 2023 r. wyniósł 46 500 zł.\n",
      "Dziękuję za uwagę\nAnna Wiśniewska\nKierownik Gminnego Ośrodka Pomocy Społecznej\n"
      "ul. Rynek 5, 33-171 Pleśna\ntel. 14 679 81 20\ngops@plesna.pl\n"};
  std::string text;
  for (std::size_t k = 0; k < pages.size(); ++k)
    text += pages[k] + footer + std::to_string(k + 1) + "\n\f";
  return text;
}

// Google Slides' "Download as plain text": the slides' text, blocks between blank lines.
const std::string k_block_deck =
    "Asystent rodziny w Gminie Kłaj\n"
    "Podsumowanie pierwszego roku pracy\n"
    "Gminny Ośrodek Pomocy Społecznej w Kłaju\n"
    "Kłaj, marzec 2024\n\n"
    "Skąd pomysł?\n"
    "W 2022 r. pomocy udzielono 96 rodzinom z dziećmi.\n"
    "Część rodzin nie radziła sobie z prowadzeniem domu.\n\n"
    "Cele asystentury\n"
    "Wzmocnienie rodziców w opiece nad dziećmi\n"
    "Poprawa organizacji życia codziennego rodzin\n\n"
    "Z kim pracujemy\n"
    "Asystent pracował z 14 rodzinami.\n"
    "W rodzinach wychowuje się 31 dzieci.\n\n"
    "Formy pracy\n"
    "Wizyty w domu rodziny dwa razy w tygodniu\n"
    "Wspólne zakupy i planowanie budżetu\n"
    "Towarzyszenie w wizytach w szkole i poradni\n\n"
    "Finansowanie\n"
    "Budżet gminy: 58 000 zł\n"
    "Dotacja z programu „Asystent rodziny”: 21 000 zł\n\n"
    "Dziękujemy za uwagę\n"
    "Przygotowała: Ewa Kowalczyk, asystent rodziny\n"
    "gops@klaj.pl\n";

}  // namespace

TEST_CASE("a PDF deck's pages are its slides when the boilerplate stage reads a paged deck") {
  auto r = read(pdf_deck());
  CHECK(r.boilerplate.paged_deck);
  CHECK(r.classification.type == bdp::PageType::slide_transcript);
  REQUIRE(r.programme.slides.size() == 6);
  CHECK(r.programme.slides[0].number == 1);
  CHECK(r.programme.slides[2].title == "Cel główny programu");
  CHECK(r.programme.slides[5].title == "Dziękuję za uwagę");
  // an abbreviation's period ends a slide's title as written
  CHECK(r.programme.slides[4].title == "Efekty realizacji w 2023 r.");
  // the running footer is furniture, not slide text
  CHECK(r.programme.slides[3].text.find("GOPS w Pleśnej |") == std::string::npos);
  CHECK(r.text.find("GOPS w Pleśnej |") == std::string::npos);
  // a word cut at a hyphen on a short slide line is rejoined
  CHECK(r.text.find("spotkania integracyjne dla rodziców") != std::string::npos);
  // the cover's title wrapped in Title Case after any word goes on over its next line
  CHECK(r.layout.title.find("Gminny Program Profilaktyki Uzależnień Behawioralnych") == 0);
}

TEST_CASE("a hyphen ends a short line: the word is rejoined, a compound keeps its hyphen") {
  auto r = read("Nasze działania\n\n• zajęcia terapeu-\ntyczne dla dzieci\n"
                "• wsparcie opiekuńczo-\nwychowawcze dla rodziców\n• pomoc e-\nmail\n");
  // (the page as the stages read it, after the reflow stage)
  const std::string& page = r.source.text;
  CHECK(page.find("zajęcia terapeutyczne dla dzieci") != std::string::npos);
  CHECK(page.find("opiekuńczo-wychowawcze") != std::string::npos);
  // one letter is no syllable: "e-" / "mail" stays as written
  CHECK(page.find("pomoc e-\nmail") != std::string::npos);
}

TEST_CASE("blocks of a short title over a few short lines, closed by thanks, are a deck") {
  auto r = read(k_block_deck);
  CHECK(r.classification.type == bdp::PageType::slide_transcript);
  REQUIRE(r.programme.slides.size() == 7);
  CHECK(r.programme.slides[0].number == 1);
  CHECK(r.programme.slides[1].title == "Skąd pomysł?");
  CHECK(r.programme.slides[6].number == 7);
  CHECK(r.programme.slides[6].title == "Dziękujemy za uwagę");
  CHECK(r.layout.title == "Asystent rodziny w Gminie Kłaj");
  // Without a deck's closing slide the same blocks are a programme page's sections.
  const std::string no_thanks = k_block_deck.substr(0, k_block_deck.find("Dziękujemy"));
  auto page = read(no_thanks);
  CHECK(page.classification.type != bdp::PageType::slide_transcript);
  CHECK(page.boilerplate.block_slides.empty());
}

TEST_CASE("a PowerPoint outline: titles flush left over tab-indented bullets are its slides") {
  const std::string outline =
      "Program „Senior w Sieci” w Gminie Żarnów na lata 2023–2025\n"
      "\tGminny Ośrodek Pomocy Społecznej w Żarnowie\n"
      "\tŻarnów, maj 2023 r.\n"
      "Diagnoza\n"
      "\t•\tW gminie mieszka 1 840 osób w wieku 60+.\n"
      "\t•\tCo drugi senior nie korzysta z internetu.\n"
      "Cele programu\n"
      "\t1.\tPrzeciwdziałanie wykluczeniu cyfrowemu seniorów.\n"
      "\t2.\tRozwój wolontariatu młodzieży na rzecz osób starszych.\n"
      "Działania\n"
      "\t•\tkursy obsługi smartfona w bibliotece gminnej\n"
      "\t•\tdyżury wolontariuszy w klubie seniora\n"
      "\t\t–\tw każdy wtorek i czwartek\n"
      "Partnerzy\n"
      "\t•\tGminna Biblioteka Publiczna w Żarnowie\n"
      "\t•\tZespół Szkół w Żarnowie\n"
      "Dziękuję za uwagę\n"
      "\tKrzysztof Adamczyk\n"
      "\tKierownik GOPS w Żarnowie\n";
  auto r = read(outline);
  CHECK(r.classification.type == bdp::PageType::slide_transcript);
  REQUIRE(r.programme.slides.size() == 6);
  CHECK(r.programme.slides[1].title == "Diagnoza");
  CHECK(r.programme.slides[2].title == "Cele programu");
  CHECK(r.programme.slides[5].number == 6);
}

TEST_CASE("a regulation's short paragraphs under section signs are no deck") {
  auto r = read(
      "Regulamin Klubu Seniora przy Ośrodku Pomocy Społecznej w Kłaju\n\n"
      "§ 1\nKlub jest miejscem spotkań mieszkańców gminy w wieku 60+.\n\n"
      "§ 2\nKlub jest czynny od poniedziałku do piątku.\n\n"
      "§ 3\nUdział w zajęciach jest bezpłatny.\n\n"
      "§ 4\nUczestnicy pokrywają koszt wycieczek.\n\n"
      "§ 5\nRegulamin wchodzi w życie z dniem podpisania.\n\n"
      "Dziękujemy za uwagę\nKierownik Ośrodka\n");
  CHECK(r.boilerplate.block_slides.empty());
  CHECK(r.classification.type != bdp::PageType::slide_transcript);
}

TEST_CASE("a viewer's navigation bar over each slide, with no number on it, separates slides") {
  const std::string bar =
      "\n[Pierwsza strona] [Poprzednia strona] [Następna strona] [Ostatnia strona] [Tekst]\n\n";
  const std::vector<std::pair<std::string, std::string>> slides = {
      {"Centrum Integracji Społecznej w Mławie", "  • Raport za 2023 rok\n  • Zespół CIS"},
      {"Uczestnicy", "  • 48 osób rozpoczęło reintegrację\n  • 19 osób podjęło pracę"},
      {"Warsztaty", "  • gastronomiczny\n  • remontowo-budowlany\n  • opiekuńczy"},
      {"Partnerzy", "  • Powiatowy Urząd Pracy w Mławie\n  • spółdzielnie socjalne"},
      {"Dziękuję za uwagę", "  • Marek Zieliński, kierownik CIS"}};
  std::string page =
      "Centrum Integracji Społecznej w Mławie\n\nAutor: Marek Zieliński\n\n"
      "Kliknij tutaj, aby rozpocząć\n\nPobierz prezentację (odp, 1,1 MB)\n";
  for (const auto& [title, bullets] : slides)
    page += bar + title + "\n\n" + bullets + "\n\nNotatki:\nKrótko, dwie minuty.\n";
  auto r = read(page);
  CHECK(r.classification.type == bdp::PageType::slide_transcript);
  REQUIRE(r.programme.slides.size() == 5);
  CHECK(r.programme.slides[1].title == "Uczestnicy");
  CHECK(r.programme.slides[4].number == 5);
  // the slides' bullets are slide text, not a menu
  CHECK(r.text.find("48 osób rozpoczęło reintegrację") != std::string::npos);
  CHECK(r.text.find("Pierwsza strona") == std::string::npos);
}
