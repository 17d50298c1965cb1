// Page understanding on shapes a sixth blind test found misread: trails written a crumb a line,
// a trail's last crumb that is the page itself, publication stamps under their label, decks
// whose host says so in English or that write a slide a line, numbers above their slides, a
// card's part heading under its trail, an institution's name taken for a document's title.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "test_util.h"

namespace {

bdp::PageResult read(const std::string& text) { return bdp::test::pipeline().run_bytes("p.txt", text); }

const std::string k_govpl_header =
    "Przejdź do treści\nPrzejdź do menu\nSerwis Rzeczypospolitej Polskiej\ngov.pl\nZaloguj się\n"
    "Menu\nPowiat Sejneński\nStarostwo Powiatowe w Sejnach\nInformacje o powiecie\nAktualności\n"
    "Powiatowe Centrum Pomocy Rodzinie w Sejnach\nProgramy i projekty\nKontakt\n";

const std::string k_programme_body =
    "Rada Powiatu uchwałą z 30 stycznia 2025 r. przyjęła nowy program działań na rzecz osób z "
    "niepełnosprawnościami, który realizuje Powiatowe Centrum Pomocy Rodzinie w Sejnach.\n"
    "Cele programu\n"
    "Cel główny: wyrównywanie szans osób z niepełnosprawnościami w dostępie do usług.\n"
    "Powiat zamieszkuje 18 612 osób, z czego 1 540 ma orzeczenie o niepełnosprawności.\n";

}  // namespace

TEST_CASE("a trail written a crumb a line under its home item is the section, the title under it") {
  const std::string title =
      "Powiatowy Program Działań na Rzecz Osób Niepełnosprawnych w Powiecie Sejneńskim na lata 2025–2030";
  const std::string page = k_govpl_header +
                           "Strona główna\nPowiat Sejneński\nPowiatowe Centrum Pomocy Rodzinie w Sejnach\n"
                           "Programy i projekty\n" +
                           title + "\n" + k_programme_body;
  auto r = read(page);
  REQUIRE(r.classification.type == bdp::PageType::mops_programme);
  CHECK(r.layout.section == std::vector<std::string>{"Powiat Sejneński",
                                                     "Powiatowe Centrum Pomocy Rodzinie w Sejnach",
                                                     "Programy i projekty"});
  CHECK(r.layout.title == title);
  // the crumbs are no body text
  CHECK(r.text.find("Programy i projekty") == std::string::npos);

  // The menu written twice (a mobile and a desktop copy) is no trail.
  const std::string menu = "Strona główna\nO nas\nAktualności\nKontakt\n";
  auto twice = read("Ośrodek Pomocy Społecznej w Sejnach\n" + menu + menu + title + "\n" + k_programme_body);
  CHECK(twice.layout.section.empty());
  // Nor are lines that repeat nothing above them (a menu after its home item).
  auto menu_once = read("Ośrodek Pomocy Społecznej w Sejnach\n" + menu + title + "\n" + k_programme_body);
  CHECK(menu_once.layout.section.empty());
}

TEST_CASE("a trail's last crumb that is the page's own title is left out of the section") {
  const std::string title = "Asystent osobisty osoby z niepełnosprawnością – edycja 2024";
  const std::string body =
      "Gminny Ośrodek Pomocy Społecznej informuje, że Gmina przystąpiła do realizacji Programu "
      "„Asystent osobisty osoby z niepełnosprawnością”. Wsparciem zostanie objętych 12 osób.\n";
  auto whole = read("Strona główna > Menu przedmiotowe > Programy i projekty > " + title + "\n" + title +
                    "\n" + body);
  CHECK(whole.layout.title == title);
  CHECK(whole.layout.section == std::vector<std::string>{"Menu przedmiotowe", "Programy i projekty"});
  // a crumb the site shortened
  auto shortened = read("Strona główna > Programy i projekty > Asystent osobisty osoby z…\n" + title +
                        "\n" + body);
  CHECK(shortened.layout.section == std::vector<std::string>{"Programy i projekty"});
  // a last crumb that is not the title stays
  auto other = read("Strona główna > Programy i projekty > Asystent osobisty\n" + title + "\n" + body);
  CHECK(other.layout.section ==
        std::vector<std::string>{"Programy i projekty", "Asystent osobisty"});
}

TEST_CASE("gov.pl's publication stamp under its label is the page's date; an update's is not") {
  const std::string page = k_govpl_header + "Powiatowy Program Działań na Rzecz Osób Niepełnosprawnych na lata 2025–2030\n" +
                           k_programme_body +
                           "Informacje o publikacji dokumentu\nAktualizacja:\n19.02.2025 08:12 Magdalena Sadowska\n"
                           "Pierwsza publikacja:\n17.02.2025 10:41 Magdalena Sadowska\n"
                           "Wytworzenie informacji:\nPowiatowe Centrum Pomocy Rodzinie w Sejnach\n"
                           "30.01.2025 Magdalena Sadowska\nPokaż rejestr zmian\n";
  auto r = read(page);
  CHECK(r.boilerplate.site.page_date == "2025-02-17");
  // the stamps are furniture, not text
  CHECK(r.text.find("Sadowska") == std::string::npos);
}

TEST_CASE("decks a host names in English, or writes a slide a line, are decks") {
  // Prezi: "Transcript of …" over the frames' text, no slide numbers, a programme's parts.
  const std::string prezi =
      "Prezi\nProduct\nSolutions\nLog in\nProgram „Goleniów Przyjazny Seniorom” 2021–2025\n"
      "by Monika Zawadzka on 12 October 2022\n"
      "Transcript of Program „Goleniów Przyjazny Seniorom” 2021–2025\n"
      "Program „Goleniów Przyjazny Seniorom” 2021–2025\nOśrodek Pomocy Społecznej w Goleniowie\n"
      "Cele programu\n1. Wydłużenie samodzielnego życia seniorów\n2. Przeciwdziałanie samotności\n"
      "Działania\nTeleopieka – opaski SOS dla osób samotnych\nKlub Seniora w Maszewie\n"
      "Co osiągnęliśmy\nTeleopieką objęto 96 osób.\nFinansowanie\n"
      "Budżet programu na lata 2021–2025: 2,6 mln zł, realizowany przez OPS.\nDziękuję za uwagę!\n";
  auto p = read(prezi);
  CHECK(p.classification.type == bdp::PageType::slide_transcript);
  CHECK(p.layout.title == "Program „Goleniów Przyjazny Seniorom” 2021–2025");
  // the same text without the host's words is a programme page
  auto plain = read(bdp::test::replace_all(prezi, "Transcript of ", "O programie: "));
  CHECK(plain.classification.type == bdp::PageType::mops_programme);

  // docplayer: "Transkrypt" and a slide a line, numbered without dots.
  std::string doc =
      "docplayer.pl\nProgram „Posiłek w szkole i w domu” w Gminie Ustrzyki Dolne na lata 2024–2028\n"
      "Transkrypt\n"
      "1 Miejsko-Gminny Ośrodek Pomocy Społecznej w Ustrzykach Dolnych Program „Posiłek w szkole i w domu”\n"
      "2 Podstawa prawna Uchwała Rady Ministrów z dnia 12 grudnia 2023 r. w sprawie programu\n"
      "3 Gmina Ustrzyki Dolne 15 tys. mieszkańców 45 sołectw\n"
      "4 Cele programu 1. Zapewnienie posiłku dzieciom 2. Pomoc osobom starszym\n"
      "5 Realizacja w 2023 r. posiłki w szkołach: 412 dzieci, realizowany przez MGOPS\n"
      "6 Kontakt MGOPS Ustrzyki Dolne tel. 13 461 14 60\n";
  auto d = read(doc);
  CHECK(d.classification.type == bdp::PageType::slide_transcript);
  // without the page's word that it shows a transcript, numbered lines are a programme's
  auto no_word = read(bdp::test::replace_all(doc, "Transkrypt\n", ""));
  CHECK(no_word.classification.type != bdp::PageType::slide_transcript);
}

TEST_CASE("a viewer's page numbers above their slides head them") {
  std::string deck =
      "Miejski Ośrodek Pomocy Społecznej w Zgierzu\nMenu\nStrona główna\nO nas\nKontakt\n\n"
      "Pobierz prezentację (PDF, 3,4 MB) | Otwórz na pełnym ekranie\n\n";
  const char* slides[] = {"Zgierska Rodzina\nProgram wspierania rodzin z dziećmi na lata 2023–2025\n",
                          "Podstawa prawna\nUstawa o wspieraniu rodziny i systemie pieczy zastępczej\n",
                          "Zgierz w liczbach\n612 rodzin z dziećmi korzystających z pomocy MOPS\n",
                          "Cel główny\nWzmocnienie rodzin z dziećmi\n",
                          "Dziękujemy za uwagę\nmops@zgierz.pl\n"};
  for (int i = 0; i < 5; ++i) deck += std::to_string(i + 1) + "/5\n" + slides[i] + "\n";
  auto r = read(deck);
  REQUIRE(r.classification.type == bdp::PageType::slide_transcript);
  REQUIRE(r.programme.slides.size() == 5);
  CHECK(r.programme.slides[0].title == "Zgierska Rodzina");
  CHECK(r.programme.slides[2].title == "Zgierz w liczbach");
  CHECK(r.programme.slides[4].title == "Dziękujemy za uwagę");
}

TEST_CASE("a card's part heading under its trail is no title: the heading above the trail is") {
  const std::string card =
      "Baza Dobrych Praktyk\n\nKaszubskie Centrum Wolontariatu Senioralnego w Kartuzach\n\n"
      "Obszar: Usługi społeczne / Pomoc społeczna · Dodano: 2014-06-02 · Wyświetlenia: 964\n\n"
      "Opis praktyki\n\n"
      "Powiat Kartuski w 2012 roku powołał przy Powiatowym Centrum Pomocy Rodzinie centrum "
      "wolontariatu, które skupia 112 wolontariuszy w wieku 60+.\n\n"
      "Metryka praktyki\nData wprowadzenia do BDP: 2014-06-02\nTyp jednostki: powiat\n"
      "Jednostka realizująca: Powiatowe Centrum Pomocy Rodzinie w Kartuzach\nWojewództwo: pomorskie\n"
      "Liczba mieszkańców: 131 000\n";
  auto r = read(card);
  REQUIRE(r.classification.type == bdp::PageType::bdp_practice);
  CHECK(r.layout.section == std::vector<std::string>{"Usługi społeczne", "Pomoc społeczna"});
  CHECK(r.layout.title == "Kaszubskie Centrum Wolontariatu Senioralnego w Kartuzach");
}

TEST_CASE("a deck's unit goals, and the date after its author's role") {
  std::string deck = "Regionalny Ośrodek Polityki Społecznej\n\n";
  const char* slides[] = {"Centrum Usług Społecznych w Nisku\nKatarzyna Lis, Kierownik CUS Nisko, maj 2024\n",
                          "Od MGOPS do CUS\n• Gmina Nisko: 21 640 mieszkańców\n",
                          "Cele Centrum\n• zwiększenie dostępności usług społecznych\n"
                          "• koordynacja usług w jednym miejscu\n• włączenie mieszkańców w planowanie usług\n",
                          "Katalog usług\n• 14 usług społecznych w 6 obszarach\n",
                          "Dziękuję za uwagę\ncus@nisko.pl\n"};
  for (int i = 0; i < 5; ++i) deck += "Slajd " + std::to_string(i + 1) + "\n" + slides[i] + "\n";
  auto r = read(deck);
  REQUIRE(r.classification.type == bdp::PageType::slide_transcript);
  CHECK(r.programme.goals.size() == 3);
  CHECK(r.programme.author_name == "Katarzyna Lis");
  CHECK(r.programme.author_role == "Kierownik CUS Nisko");
}

TEST_CASE("a document's running header is its title rather than an institution on its cover") {
  // A blind test's pdftotext dump of a programme: "Opracowanie:" / "Miejski Ośrodek Pomocy
  // Rodzinie w Chełmie" on the cover, the programme's name as every page's running header.
  const std::string path = std::string(BDP_SOURCE_DIR) + "/tests/data/blind/mops_chelm_pdftotext_hyphen_twocol.txt";
  auto r = bdp::test::pipeline().run_bytes(path, bdp::test::read_file(path));
  REQUIRE(r.classification.type == bdp::PageType::mops_programme);
  CHECK(r.layout.title == "Gminny Program Wspierania Rodziny dla Miasta Chełm na lata 2024–2026");
  CHECK(r.programme.organisation == "Miejski Ośrodek Pomocy Rodzinie w Chełmie");
}

TEST_CASE("a deck's slides bound the reach of a slide heading's year") {
  const std::string page =
      "Prezentacja_GOPS.pptx\nEksport tekstu z prezentacji (4 slajdy)\n\n=== Slajd 1 ===\n"
      "Gminny Ośrodek Pomocy Społecznej w Lesznie\nInformacja dla Rady Gminy\n\n=== Slajd 2 ===\n"
      "Główne powody przyznania pomocy w 2021 r.\n- bezrobocie - 210 rodzin\n"
      "- niepełnosprawność - 95 rodzin\n- alkoholizm - 31 rodzin\n\n=== Slajd 3 ===\n"
      "Plan na 2022 r.\nzakup 2 samochodów dla opiekunek\n\n=== Slajd 4 ===\nWnioski\n"
      "Liczba klientów spadła o 8%\n";
  auto r = read(page);
  REQUIRE(r.classification.type == bdp::PageType::slide_transcript);
  std::vector<std::string> got;
  for (const auto& q : r.quantities)
    got.push_back(std::to_string(static_cast<long>(q.value)) + " " +
                  (q.year ? std::to_string(*q.year) : "-"));
  CHECK(got == std::vector<std::string>{"210 2021", "95 2021", "31 2021", "2 2022", "8 -"});
}
