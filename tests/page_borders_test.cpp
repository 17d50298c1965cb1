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
