// Page type and title at their borders: a page's own heading under its trail when it repeats a
// menu item, slide markers under a host's figure grouped by spaces, and pages of a centre that
// mention programmes without being about one.
#include <doctest/doctest.h>

#include <string>

#include "test_util.h"

namespace {

using nlohmann::ordered_json;

ordered_json record(const std::string& page) {
  return bdp::to_record(bdp::test::pipeline().run_bytes("t.txt", page));
}

std::string menu_page(const std::string& heading, const std::string& body) {
  return "Gminny Ośrodek Pomocy Społecznej w Lipnie\n\n"
         "Strona główna\nO Ośrodku\nProgramy\nDokumenty\n" + heading + "\nKontakt\n\n"
         "Jesteś tutaj: Strona główna » Dokumenty » " + heading + "\n\n" + heading + "\n\n" + body;
}

}  // namespace

TEST_CASE("the heading under the trail that repeats a menu item and the last crumb is the title") {
  // a one-word heading over an office's address and teams
  ordered_json r = record(menu_page(
      "Kontakt",
      "ul. Piłsudskiego 12\n87-600 Lipno\n\n"
      "Sekretariat: tel. 54 287 31 10\n\n"
      "Dział Świadczeń Rodzinnych\n"
      "zasiłki rodzinne, fundusz alimentacyjny, program „Dobry start”\n"
      "pokój nr 4, tel. 54 287 31 12\n"));
  CHECK(r["title"] == "Kontakt");
  // an article's icon line between the heading and the body
  r = record(menu_page(
      "Wnioski i formularze",
      "Drukuj   E-mail\n\n"
      "Poniżej publikujemy formularze wniosków obowiązujące w naszym Ośrodku od stycznia.\n\n"
      "Wniosek o przyznanie zasiłku celowego (pdf, 120 KB) Pobierz\n"
      "Wniosek o usługi opiekuńcze (docx, 38 KB) Pobierz\n"));
  CHECK(r["title"] == "Wnioski i formularze");
  // a section's name under the trail with the post's own heading under it stays no title
  r = record(
      "Strona główna\nO Ośrodku\nAktualności\nKontakt\n\n"
      "Jesteś tutaj: Strona główna » Aktualności\n\nAktualności\n"
      "Piknik rodzinny w parku miejskim\n\n"
      "W sobotę w parku miejskim odbył się piknik rodzinny, na który zaprosiliśmy rodziny z "
      "naszej gminy. Dzieci brały udział w zabawach i konkursach.\n");
  CHECK(r["title"] != "Aktualności");
}

TEST_CASE("a host's figure grouped by spaces above 'Slajd 1/N' is no slide 1") {
  std::string page =
      "Prezentacje online   Zaloguj\n\n"
      "Klub Integracji Społecznej w Kętach\n"
      "2 318 wyświetleń\n"
      "Pobierz prezentację\n\n";
  const char* slides[] = {"Klub Integracji Społecznej w Kętach\nMOPS w Kętach, 2024",
                          "Cele klubu\n• aktywizacja zawodowa\n• integracja uczestników",
                          "Wyniki\n• 41 uczestników\n• 12 osób podjęło pracę",
                          "Dziękujemy za uwagę"};
  for (int n = 1; n <= 4; ++n)
    page += "Slajd " + std::to_string(n) + "/4\n" + slides[n - 1] + "\n\n";
  const ordered_json r = record(page);
  REQUIRE(r.contains("programme"));
  REQUIRE(r["programme"]["slides"].size() == 4);
  CHECK(r["programme"]["slides"][1]["title"] == "Cele klubu");
  CHECK(r["programme"]["slides"][3]["number"] == 4);
}

TEST_CASE("a centre's directory whose teams are named after programmes is no programme page") {
  const ordered_json r = record(
      "Miejski Ośrodek Pomocy Społecznej w Kole\n\n"
      "Strona główna » Kontakt\n\n"
      "Kontakt\n\n"
      "Miejski Ośrodek Pomocy Społecznej w Kole\nul. Toruńska 30, 62-600 Koło\n\n"
      "Dział Pomocy Środowiskowej\nprogram „Posiłek w szkole i w domu”, praca socjalna\n"
      "pokój nr 2, tel. 63 272 11 20\n\n"
      "Zespół ds. Programów Rządowych\nprogram „Korpus Wsparcia Seniorów”, program „Opieka "
      "wytchnieniowa”\npokój nr 7, tel. 63 272 11 27\n\n"
      "Punkt Interwencji Kryzysowej\nul. Sienkiewicza 4\ntel. 63 272 11 40\n"
      "e-mail: pik@mops.kolo.pl\n\n"
      "Zespół ds. Przemocy w Rodzinie\ntel. 63 272 11 44\n");
  CHECK(r["page_type"] == "unknown");
}

TEST_CASE("a list of forms to download that name programmes is no programme page") {
  const ordered_json r = record(
      "Gminny Ośrodek Pomocy Społecznej w Krzywiniu\n\n"
      "Strona główna\nO nas\nDokumenty\nFormularze\nKontakt\n\n"
      "Jesteś tutaj: Strona główna » Dokumenty » Formularze\n\nFormularze\n\n"
      "Wzory dokumentów dla klientów Gminnego Ośrodka Pomocy Społecznej w Krzywiniu do "
      "pobrania.\n\n"
      "Wniosek w ramach programu „Posiłek w szkole i w domu” (pdf, 120 KB) Pobierz\n"
      "Karta zgłoszenia do realizowanego programu „Asystent” (docx, 40 KB) Pobierz\n"
      "Oświadczenie do programu „Opieka wytchnieniowa” (pdf, 88 KB) Pobierz\n"
      "Wniosek o zasiłek celowy (pdf, 95 KB) Pobierz\n\n"
      "GOPS Krzywiń, ul. Rynek 1\n");
  CHECK(r["page_type"] == "unknown");
}

TEST_CASE("a news post about an official's visit is news, not a programme page") {
  const ordered_json r = record(
      "Gmina Dobre Miasto – serwis informacyjny\n\n"
      "Wojewoda odwiedził Klub Seniora „Pogodna Jesień”\n\n"
      "W piątek Klub Seniora prowadzony przez Miejsko-Gminny Ośrodek Pomocy Społecznej w Dobrym "
      "Mieście odwiedził wojewoda warmińsko-mazurski.\n\n"
      "Goście obejrzeli występ zespołu seniorów i rozmawiali z kierownik MGOPS o potrzebach "
      "mieszkańców.\n\n"
      "Na zakończenie wizyty wojewoda wpisał się do kroniki klubu. Klub działa przy "
      "Miejsko-Gminnym Ośrodku Pomocy Społecznej od 2018 roku.\n");
  CHECK(r["page_type"] == "unknown");
}

TEST_CASE("a centre's post summing up a drive is a programme page") {
  const ordered_json r = record(
      "Miejski Ośrodek Pomocy Społecznej w Zambrowie\n3 stycznia o 10:12\n\n"
      "🎁 Podsumowanie II edycji akcji „Ciepły Posiłek dla Samotnych” 🎁\n\n"
      "Dziękujemy wszystkim darczyńcom! W tym roku przygotowaliśmy 214 obiadów dla osób samotnych, "
      "o 40 więcej niż przed rokiem.\n\n"
      "W akcję włączyło się dwunastu wolontariuszy Miejskiego Ośrodka Pomocy Społecznej.\n");
  CHECK(r["page_type"] == "mops_programme");
}

TEST_CASE("a deck cover's institution wrapped over two lines keeps its place") {
  const ordered_json r = record(
      "Miejski Ośrodek Pomocy Społecznej\nw Białej Podlaskiej\n\n"
      "Program „Sąsiedzka pomoc”\nna lata 2024–2026\n\n"
      "Anna Lis – kierownik MOPS\nBiała Podlaska, 5 marca 2024 r.\n"
      "\fCele programu\n• wsparcie osób samotnych\n• rozwój wolontariatu\n"
      "\fDziałania\n• wizyty wolontariuszy\n• dyżury telefoniczne\n"
      "\fRezultaty\n• 60 osób objętych pomocą\n• 25 wolontariuszy\n"
      "\fDziękuję za uwagę\n");
  REQUIRE(r.contains("programme"));
  CHECK(r["programme"]["organisation"] == "Miejski Ośrodek Pomocy Społecznej w Białej Podlaskiej");
  CHECK(r["programme"]["locality"] == "Biała Podlaska");
}

TEST_CASE("a cover's heading wrapped before 'w latach …' gives the period") {
  const ordered_json r = record(
      "Gminny Ośrodek Pomocy Społecznej w Osieku\n\n"
      "Realizacja programu „Wspieraj Seniora”\nw latach 2022–2024\n\n"
      "\fCele\n• pomoc w zakupach\n• opaski bezpieczeństwa\n"
      "\fWyniki\n• 48 seniorów objętych wsparciem\n• 12 wolontariuszy\n"
      "\fFinansowanie\n• dotacja celowa\n• środki gminy\n"
      "\fDziękuję za uwagę\n");
  REQUIRE(r.contains("programme"));
  REQUIRE(r["programme"].contains("period"));
  CHECK(r["programme"]["period"]["from"] == 2022);
  CHECK(r["programme"]["period"]["to"] == 2024);
}

TEST_CASE("a publication stamp wrapped after its time: the editor's name is no title") {
  const ordered_json r = record(
      "Przejdź do treści głównej\nSerwis Rzeczypospolitej Polskiej\ngov.pl\n\n"
      "Gmina Sulęczyno\nMenu\nStrona główna\nGminny Ośrodek Pomocy Społecznej\nAktualności\n"
      "Dowóz posiłków dla seniorów w 2024 roku\n"
      "Pierwsza publikacja:\n03.04.2024 10:15\nTomasz Wrona\n"
      "Aktualizacja:\n04.04.2024 08:40\nTomasz Wrona\n"
      "Udostępnij\nFacebook X LinkedIn E-mail\n\n"
      "W 2024 roku Gminny Ośrodek Pomocy Społecznej w Sulęczynie dowozi ciepłe posiłki do domów "
      "osób starszych, które nie mogą samodzielnie przygotować obiadu.\n\n"
      "Z posiłków korzysta obecnie 26 seniorów, a dowóz odbywa się pięć razy w tygodniu.\n");
  CHECK(r["title"] == "Dowóz posiłków dla seniorów w 2024 roku");
  CHECK(r["text"].get<std::string>().find("Aktualizacja") == std::string::npos);
}
