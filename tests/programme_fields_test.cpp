// Programme fields other than goals and slides, on shapes the twentieth session's blind tests
// found misread: a department that does the programme's work in running text, periods that a
// funding programme's name or year stood in for, a signature on the original as the author, a
// one-line-a-slide transcript whose deck content tied with a programme page's signals, and a
// slide title ending in an abbreviation's full stop.
#include <doctest/doctest.h>

#include <string>

#include "test_util.h"

namespace {

bdp::PageResult read(const std::string& text) {
  return bdp::test::pipeline().run_bytes("p.txt", text);
}

// A centre's news post about a programme; `body` is its middle paragraph.
std::string post(const std::string& body) {
  return "Gminny Ośrodek Pomocy Społecznej w Sulęcinie\n\n"
         "Program „Bezpieczna przystań” – informacja\n\n"
         "Gminny Ośrodek Pomocy Społecznej w Sulęcinie realizuje program „Bezpieczna "
         "przystań” dla rodzin przeżywających trudności opiekuńczo-wychowawcze.\n\n" +
         body +
         "\n\nW ubiegłym roku wsparciem objęto 42 rodziny, a pracownicy socjalni przeprowadzili "
         "310 wizyt w środowisku.\n";
}

}  // namespace

TEST_CASE("a department that does the programme's work in running text") {
  struct Case {
    const char* body;
    const char* department;
  };
  const Case cases[] = {
      {"Zadania programu prowadzi nasz Dział Wsparcia Rodziny – tam można zgłosić rodzinę.",
       "Dział Wsparcia Rodziny"},
      {"Program jest realizowany przez Zespół Pracy Socjalnej i obejmuje rodziny z dziećmi.",
       "Zespół Pracy Socjalnej"},
      {"Za kwalifikację rodzin odpowiada Sekcja Usług Opiekuńczych Ośrodka.",
       "Sekcja Usług Opiekuńczych"},
      {"Realizatorem programu jest Referat Świadczeń GOPS w Sulęcinie.", "Referat Świadczeń"},
      // a contact list names no agent; the Zespół Interdyscyplinarny is no department
      {"Informacji udziela Dział Świadczeń Rodzinnych, pokój 4.", ""},
      {"Program koordynuje Zespół Interdyscyplinarny w Sulęcinie.", ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.body);
    CHECK(read(post(c.body)).programme.department == c.department);
  }
}

TEST_CASE("a department beside the centre's name ends before a heading in capitals") {
  const auto r = read(
      "Transcript\n"
      "1. Miejski Ośrodek Pomocy Społecznej w Lesznie Dział Pomocy Rodzinie PROGRAM "
      "WSPIERANIA RODZINY NA LATA 2023–2025\n"
      "2. Diagnoza W 2022 r. wsparciem objęto 214 rodzin.\n"
      "3. Cele programu 1. Wzmocnienie rodziny. 2. Rozwój pieczy rodzinnej.\n"
      "4. Działania Asystentura rodzinna, poradnictwo, grupy wsparcia.\n"
      "5. Efekty Do rodzin powróciło 9 dzieci.\n"
      "6. Dziękuję za uwagę! Ewa Marczak kierownik Działu Pomocy Rodzinie\n");
  CHECK(r.programme.department == "Dział Pomocy Rodzinie");
}

TEST_CASE("a period stated in the body beats a funding programme's year and span") {
  // the year of a programme that funds the work ("w ramach Programu … na rok 2024")
  auto r = read(post(
      "Program prowadzony jest od 2020 r. Koszt zatrudnienia asystentów pokryto z dotacji "
      "celowej w ramach Programu „Asystent rodziny” na rok 2024."));
  CHECK(r.programme.period_from == 2020);
  CHECK_FALSE(r.programme.period_to.has_value());
  // a regional EU fund's span, the dates before the centre's verb
  r = read(post(
      "Ośrodek informuje, że od 1 lutego 2024 r. do 30 czerwca 2026 r. realizuje projekt "
      "„Razem łatwiej” współfinansowany w ramach programu Fundusze Europejskie dla Lubuskiego "
      "2021-2027."));
  CHECK(r.programme.period_from == 2024);
  CHECK(r.programme.period_to == 2026);
}

TEST_CASE("a signature on the original names the author") {
  const auto r = read(post("Program przyjęto do realizacji.") +
                      "\nKierownik\nGminnego Ośrodka Pomocy Społecznej w Sulęcinie\n"
                      "(-) Tomasz Wierzbicki\n(podpis na oryginale)\n");
  CHECK(r.programme.author_name == "Tomasz Wierzbicki");
}

TEST_CASE("a transcript of a slide a line is a deck though its slides speak of a programme") {
  const auto r = read(
      "SlideShare a Scribd company\nExplore\nSearch\nUpload\nLogin\n\n"
      "Gminny Program Wspierania Rodziny „Bliżej siebie” 2023–2025\nAnna Wrona\n"
      "Uploaded by Anna Wrona\n0 likes · 412 views\nDownload now\n"
      "Realizowany przez GOPS w Lubiczu program wspierania rodzin.\n1 of 9\n\n"
      "Transcript\n"
      "1. Gminny Ośrodek Pomocy Społecznej w Lubiczu PROGRAM WSPIERANIA RODZINY „BLIŻEJ "
      "SIEBIE” 2023–2025\n"
      "2. Czym jest program? Program realizowany jest w latach 2023–2025 przez GOPS.\n"
      "3. Cel główny Wzmocnienie rodzin w wypełnianiu funkcji opiekuńczo-wychowawczych.\n"
      "4. Cele szczegółowe 1. Poprawa umiejętności rodzicielskich. 2. Ograniczenie "
      "umieszczania dzieci w pieczy zastępczej.\n"
      "5. Adresaci programu • rodziny z dziećmi • rodziny zastępcze\n"
      "6. Efekty W 2023 r. wsparciem objęto 64 rodziny, a 12 dzieci wróciło do domu.\n"
      "7. Partnerzy Szkoła Podstawowa nr 2, Parafia, Gminna Komisja\n"
      "8. Festyn rodzinny Zorganizowano festyn dla 300 mieszkańców.\n"
      "9. Dziękuję za uwagę! Anna Wrona kierownik GOPS\n\n"
      "Recommended\nStrategia rozwiązywania problemów społecznych\n");
  CHECK(r.classification.type == bdp::PageType::slide_transcript);
}

TEST_CASE("a slide title keeps an abbreviation's full stop") {
  const auto r = read(
      "Zapis prezentacji:\n"
      "1\nAsystent rodziny w Gminie Brzeziny\n\n"
      "2\nEfekty pracy w 2019 r.\nWsparciem objęto 18 rodzin.\n\n"
      "3\nStan na 31.12.2019 r.\nDo rodzin powróciło 4 dzieci.\n\n"
      "4\nPodsumowanie.\nDziękujemy.\n");
  REQUIRE(r.programme.slides.size() == 4);
  CHECK(r.programme.slides[1].title == "Efekty pracy w 2019 r.");
  CHECK(r.programme.slides[2].title == "Stan na 31.12.2019 r.");
}

TEST_CASE("the department under the institution in an author block of a cover") {
  const auto r = read(
      "Załącznik do Uchwały Nr XII/88/2023\nRady Gminy Kłodawa\n\n"
      "GMINNY PROGRAM WSPIERANIA SENIORÓW\nNA LATA 2023–2026\n\n"
      "Opracowanie:\nGminny Ośrodek Pomocy Społecznej w Kłodawie\nDział Usług Opiekuńczych\n\n"
      "marzec 2023 r.\n\n"
      "1. Wstęp\nGminny Ośrodek Pomocy Społecznej w Kłodawie realizuje program wsparcia "
      "seniorów, który obejmuje usługi opiekuńcze i klub seniora. W 2022 r. z usług "
      "skorzystało 57 osób.\n");
  CHECK(r.programme.department == "Dział Usług Opiekuńczych");
}

TEST_CASE("a signature whose role follows the name after a blank, in lower case") {
  const auto r = read(
      "Transcript\n"
      "1. Gminny Ośrodek Pomocy Społecznej w Lubiczu Klub Seniora 2022–2024\n"
      "2. Cele programu 1. Aktywizacja seniorów. 2. Integracja międzypokoleniowa.\n"
      "3. Uczestnicy W zajęciach wzięło udział 48 seniorów.\n"
      "4. Zajęcia Gimnastyka, warsztaty, wycieczki.\n"
      "5. Dziękuję za uwagę! Marta Zielińska koordynator Klubu Seniora ds. aktywizacji\n");
  CHECK(r.programme.author_name == "Marta Zielińska");
}

TEST_CASE("a department in apposition after the institution, the sentence's verb after it") {
  const std::string head = "Asystent rodziny – program wsparcia rodzin\n\n";
  const std::string tail = " program „Asystent rodziny” od 2015 roku. Celem programu jest "
                           "wsparcie rodzin w wypełnianiu funkcji opiekuńczo-wychowawczych. W 2023 "
                           "r. wsparciem objęto 64 rodziny.\n";
  auto apposition = read(head + "Miejski Ośrodek Pomocy Społecznej w Tczewie, Dział Wspierania "
                                "Rodziny, realizuje" + tail);
  CHECK(apposition.programme.department == "Dział Wspierania Rodziny");
  // a list of partners goes on with another partner, not a verb
  auto partners = read(head + "Program prowadzą: Miejski Ośrodek Pomocy Społecznej w Tczewie, "
                              "Zespół Interdyscyplinarny, placówki oświatowe oraz" + tail);
  CHECK(partners.programme.department.empty());
}

TEST_CASE("a club at work since a year, in a funding programme's span: the club's period") {
  auto r = read("Rok 2023 w Klubie Seniora „Pogodna Jesień” – podsumowanie\n\n"
                "Klub Seniora „Pogodna Jesień”, który od 2019 r. działa przy Miejskim Ośrodku "
                "Pomocy Społecznej w Kole w ramach Programu Wieloletniego „Senior+” na lata "
                "2021–2025, w 2023 r. zorganizował 48 spotkań. Celem klubu jest aktywizacja "
                "seniorów.\n");
  REQUIRE(r.programme.period_from.has_value());
  CHECK(*r.programme.period_from == 2019);
  CHECK_FALSE(r.programme.period_to.has_value());
}
