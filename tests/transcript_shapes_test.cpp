// Page understanding on shapes the eighteenth session's blind tests found misread: a
// transcript that writes each slide as one numbered line (SlideShare's), its goals heading run
// into the list, its closing slide of contacts.
#include <doctest/doctest.h>

#include <string>

#include "bdp/text.h"
#include "test_util.h"

namespace {

bdp::PageResult read(const std::string& text) {
  return bdp::test::pipeline().run_bytes("p.txt", text);
}

// A host's page around a transcript whose slides are one numbered line each.
std::string one_line_deck(const std::string& last_slide) {
  return "SlideShare a Scribd company\nExplore\nSearch\nUpload\nLogin\n\n"
         "Klub Integracji Społecznej w Kutnie 2016–2018\nMOPS Kutno\n"
         "Mar. 3, 2019 • 0 likes • 812 views\n\nDownload Now\nDownload to read offline\n\n"
         "Transcript\n"
         "1. Miejski Ośrodek Pomocy Społecznej w Kutnie Klub Integracji Społecznej "
         "Sprawozdanie z działalności w latach 2016–2018\n"
         "2. Podstawa prawna Ustawa z dnia 13 czerwca 2003 r. o zatrudnieniu socjalnym.\n"
         "3. Cele programu 1. Aktywizacja zawodowa osób bezrobotnych. 2. Przeciwdziałanie "
         "wykluczeniu społecznemu. 3. Wsparcie rodzin uczestników.\n"
         "4. Uczestnicy W latach 2016–2018 w zajęciach Klubu wzięło udział 126 osób.\n"
         "5. Efekty Pracę podjęło 41 uczestników, a 17 rozpoczęło kursy zawodowe.\n" +
         last_slide +
         "\n\nRecommended\nProgram wspierania rodziny na lata 2015-2017\nMOPS Siedlce\n";
}

}  // namespace

TEST_CASE("a heading runs into its list: the list's first marker ends the heading") {
  const std::string line = "Cele programu 1. Aktywizacja zawodowa osób bezrobotnych.";
  CHECK(line.substr(0, bdp::heading_end(line)) == "Cele programu ");
  // a figure that is no marker leaves the heading to the next capital
  const std::string figure = "Uczestnicy projektu 2016 Liczba osób wzrosła";
  CHECK(figure.substr(0, bdp::heading_end(figure)) == "Uczestnicy projektu 2016 ");
}

TEST_CASE("a transcript of one numbered line a slide: every slide, goals run into their heading") {
  auto r = read(one_line_deck(
      "6. Dziękujemy za uwagę Miejski Ośrodek Pomocy Społecznej w Kutnie ul. Wojska Polskiego "
      "2, 99-300 Kutno tel. 24 254 23 96"));
  CHECK(r.classification.type == bdp::PageType::slide_transcript);
  REQUIRE(r.programme.slides.size() == 6);
  CHECK(r.programme.slides[2].title == "Cele programu");
  // the closing slide of contacts is a slide, not the page's footer
  CHECK(r.programme.slides[5].number == 6);
  CHECK(r.programme.slides[5].title == "Dziękujemy za uwagę");
  REQUIRE(r.programme.goals.size() == 3);
  CHECK(r.programme.goals[0].id == "1");
  CHECK(r.programme.goals[0].text == "Aktywizacja zawodowa osób bezrobotnych");
  CHECK(r.programme.goals[2].text == "Wsparcie rodzin uczestników");
  // Lines numbered out of sequence make no transcript: the address line stays furniture.
  auto broken = read(one_line_deck(
      "8. Dziękujemy za uwagę Miejski Ośrodek Pomocy Społecznej w Kutnie ul. Wojska Polskiego "
      "2, 99-300 Kutno tel. 24 254 23 96"));
  CHECK(broken.text.find("99-300 Kutno") == std::string::npos);
}

TEST_CASE("a sentence's tail wrapped alike on several slides is no running header") {
  // Three slides of a PDF made text, each with a running footer, and the same word wrapped
  // onto a line of its own under three bullets.
  const std::string footer = "\nGOPS w Lipnie – Program Wspierania Rodziny 2024–2026\n";
  std::string text = "Gminny Program Wspierania Rodziny w Gminie Lipno na lata 2024–2026\n" +
                     footer + "1\n\fDiagnoza\n• w 2023 r. 9 dzieci przebywało w pieczy\nzastępczej\n" +
                     footer + "2\n\fCele szczegółowe\n• wzmacnianie kompetencji rodzicielskich\n"
                              "• ograniczanie umieszczania dzieci w pieczy\nzastępczej\n" +
                     footer + "3\n\fDziałania\n• szkolenia kandydatów na rodziny w pieczy\nzastępczej\n" +
                     footer + "4\n";
  auto r = read(text);
  CHECK(r.text.find("zastępczej") != std::string::npos);
  CHECK(r.text.find("GOPS w Lipnie – Program") == std::string::npos);  // the footer is one
  bool found = false;
  for (const auto& g : r.programme.goals)
    found = found || g.text == "ograniczanie umieszczania dzieci w pieczy zastępczej";
  CHECK(found);
}

TEST_CASE("a one-line slide's goals heading may name whose goals they are: 'Cele CIS 1. …'") {
  std::string deck = one_line_deck(
      "6. Dziękujemy za uwagę Miejski Ośrodek Pomocy Społecznej w Kutnie ul. Wojska Polskiego "
      "2, 99-300 Kutno tel. 24 254 23 96");
  const std::string from = "3. Cele programu 1.";
  deck.replace(deck.find(from), from.size(), "3. Cele KIS 1.");
  auto r = read(deck);
  REQUIRE(r.programme.goals.size() == 3);
  CHECK(r.programme.goals[1].text == "Przeciwdziałanie wykluczeniu społecznemu");
}

TEST_CASE("a card's metryka drawn as a box table (w3m -graph) reads as the block") {
  const std::string card =
      "Baza Dobrych Praktyk\nUsługi społeczne : Pomoc społeczna\n"
      "Asystent rodziny w Złocieńcu\n"
      ".: Skrót i Metryka -> Pełna prezentacja -> Załączniki :.\n"
      "Gmina Złocieniec zatrudnia asystentów rodziny, którzy pracują z rodzinami w ich domach. W "
      "2012 roku wsparciem objęto 24 rodziny.\n\nMetryka praktyki\n"
      "┌────────────────────┬──────────────────────────────────────┐\n"
      "│Data wprowadzenia do│2012-10-03                            │\n"
      "│BDP:                │                                      │\n"
      "├────────────────────┼──────────────────────────────────────┤\n"
      "│Typ jednostki:      │gmina miejsko-wiejska                 │\n"
      "├────────────────────┼──────────────────────────────────────┤\n"
      "│Województwo:        │zachodniopomorskie                    │\n"
      "├────────────────────┼──────────────────────────────────────┤\n"
      "│Jednostka           │Ośrodek Pomocy Społecznej w Złocieńcu │\n"
      "│wdrażająca:         │                                      │\n"
      "├────────────────────┼──────────────────────────────────────┤\n"
      "│Liczba mieszkańców: │13.150                                │\n"
      "└────────────────────┴──────────────────────────────────────┘\n";
  auto r = read(card);
  CHECK(r.classification.type == bdp::PageType::bdp_practice);
  CHECK(r.metryka.entered == "2012-10-03");
  CHECK(r.metryka.unit_type == "gmina miejsko-wiejska");
  CHECK(r.metryka.voivodeship == "zachodniopomorskie");
  CHECK(r.metryka.implementing_unit == "Ośrodek Pomocy Społecznej w Złocieńcu");
  CHECK(r.metryka.population == 13150);
  CHECK(r.text.find("│") == std::string::npos);
}

TEST_CASE("a PDF deck whose pages end with their numbers, the cover unnumbered: a page a slide") {
  std::string text =
      "Powiatowe Centrum Pomocy Rodzinie\nw Lesznie\n\n\nProgram rozwoju pieczy zastępczej\n\n"
      "Leszno, marzec 2024 r.\n";
  const char* pages[] = {"Podstawa prawna\n\n• ustawa o wspieraniu rodziny i systemie pieczy",
                         "Stan pieczy\n\n• 212 dzieci w pieczy zastępczej",
                         "Cele\n\n• pozyskiwanie kandydatów na rodziny zastępcze",
                         "Efekty\n\n• 14 nowych rodzin zastępczych w 2023 r.",
                         "Dziękuję za uwagę\n\nAnna Nowak, kierownik zespołu"};
  int n = 2;
  for (const char* p : pages) text += std::string("\f") + p + "\n\n\nPCPR w Lesznie\n" + std::to_string(n++) + "\n";
  auto r = read(text);
  REQUIRE(r.classification.type == bdp::PageType::slide_transcript);
  REQUIRE(r.programme.slides.size() == 6);
  CHECK(r.programme.slides[0].number == 1);
  CHECK(r.programme.slides[2].number == 3);
  // slide 3 is the page footed "3", not the page under that number
  CHECK(r.programme.slides[2].text.find("212 dzieci") != std::string::npos);
  CHECK(r.layout.title != "Leszno, marzec 2024 r.");
}

TEST_CASE("a one-line transcript's title is the host's title of the deck, not its cover line") {
  std::string deck = one_line_deck(
      "6. Dziękujemy za uwagę Miejski Ośrodek Pomocy Społecznej w Kutnie ul. Wojska Polskiego "
      "2, 99-300 Kutno tel. 24 254 23 96");
  // the host writes the deck's title again right above the transcript
  const std::string mark = "Transcript\n";
  deck.insert(deck.find(mark), "Klub Integracji Społecznej w Kutnie 2016–2018\n\n");
  auto r = read(deck);
  CHECK(r.layout.title == "Klub Integracji Społecznej w Kutnie 2016–2018");
}
