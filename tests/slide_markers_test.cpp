// One list of slide markers through the three stages that read them: boilerplate
// (slide_marker, [slide_markers] titled, [page_number]), classify ([patterns] slide_number,
// page_number, slide_marker_alone; the slide_heading signal) and programme (slide_line). Each
// grammar writes the marker shapes on its own; this test keeps them in step.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "bdp/boilerplate.h"
#include "bdp/source.h"
#include "test_util.h"

namespace {

using bdp::test::replace_all;

/// A five-slide deck of a centre's programme with `marker` ("N" standing for the number) over
/// each slide ("– N –" is read as a footer under its slide: programme.grammar slide_footer).
/// Slide 4 holds lines that start with a number ("- 3 spotkania", "1/2 etatu"): no slides.
std::string deck(const std::string& marker) {
  const char* slides[] = {
      "Miejski Ośrodek Pomocy Społecznej w Gorlicach\nDzienny Dom „Senior+” 2022–2024",
      "Diagnoza\nZ usług opiekuńczych korzystało w 2021 r. 112 osób.",
      "Cele\n1. Aktywizacja seniorów\n2. Wsparcie opiekunów rodzinnych",
      ("Działania\n- 3 spotkania w miesiącu\n* 2 grupy wsparcia\n1/2 etatu opiekuna\nZ zajęć "
       "skorzystało 30 seniorów."),
      "Dziękujemy za uwagę\nMOPS Gorlice, ul. Michalusa 4"};
  std::string page;
  for (int n = 1; n <= 5; ++n)
    page += replace_all(marker, "N", std::to_string(n)) + "\n" + slides[n - 1] + "\n\n";
  return page;
}

}  // namespace

TEST_CASE("one list of slide markers, decorated or not, reads the same in all three stages") {
  const char* markers[] = {
      "Slajd N",         "Slide N",         "Slajd nr N",      "Slide N of 5", "[Slide N]",
      "[Slajd N]",       "(Slajd N)",       "=== Slajd N ===", "# Slajd N",    "## Slide N",
      "--- Slajd N ---", "*** Slide N ***", "--- N ---",       "=== N ===",    "(N)",
      "Slajd N:",        "--- Page N ---",  "[Strona N]",      "Strona N",     "Strona N z 5",
      "Slajd N/5",       "[Slide N/5]",     "— Slajd N —",     "– Slide N –",  "— Strona N —",
  };
  for (const char* marker : markers) {
    const std::string shown = marker;
    CAPTURE(shown);
    const std::string text = deck(marker);
    const auto r = bdp::test::pipeline().run_bytes("deck.txt", text);
    CHECK(bdp::to_string(r.classification.type) == "slide_transcript");
    std::vector<int> numbers;
    for (const auto& s : r.programme.slides) numbers.push_back(s.number);
    CHECK(numbers == std::vector<int>{1, 2, 3, 4, 5});
    if (r.programme.slides.size() == 5) {
      CHECK(r.programme.slides[2].title == "Cele");
      CHECK(r.programme.slides[3].text.find("- 3 spotkania") != std::string::npos);
      CHECK(r.programme.slides[3].text.find("1/2 etatu opiekuna") != std::string::npos);
    }
    // every marker line is furniture; the slides' text stays
    for (int n = 1; n <= 5; ++n) {
      const std::string line = replace_all(marker, "N", std::to_string(n));
      CAPTURE(line);
      CHECK(r.text.find(line + "\n") == std::string::npos);
      CHECK_FALSE(r.text.ends_with(line));
    }
    CHECK(r.text.find("Z zajęć skorzystało 30 seniorów.") != std::string::npos);
    CHECK(r.programme.organisation == "Miejski Ośrodek Pomocy Społecznej w Gorlicach");
    CHECK(r.programme.locality == "Gorlice");
  }
}

TEST_CASE("a marker with the slide's title on its line, decorated or not, in all three stages") {
  const char* titles[] = {"Ośrodek Wsparcia w Nowym Targu", "Diagnoza", "Cele", "Działania",
                          "Dziękujemy"};
  const char* texts[] = {"Miejski Ośrodek Pomocy Społecznej w Nowym Targu, 2023",
                         "W 2022 r. z pomocy skorzystało 418 rodzin.",
                         "1. Wsparcie rodzin\n2. Integracja", "Warsztaty dla 25 rodziców.",
                         "MOPS Nowy Targ, ul. Szaflarska 2"};
  for (const char* marker : {"Slajd N: T", "Slide N: T", "[Slide N] T", "[Slajd N]: T",
                             "=== Slajd N: T ===", "# Slajd N: T", "--- Slajd N --- T"}) {
    const std::string shown = marker;
    CAPTURE(shown);
    std::string page;
    for (int n = 1; n <= 5; ++n)
      page += replace_all(replace_all(marker, "N", std::to_string(n)), "T", titles[n - 1]) + "\n" +
              texts[n - 1] + "\n\n";
    const auto r = bdp::test::pipeline().run_bytes("deck.txt", page);
    CHECK(bdp::to_string(r.classification.type) == "slide_transcript");
    std::vector<std::string> got;
    for (const auto& s : r.programme.slides)
      got.push_back(std::to_string(s.number) + " " + s.title);
    CHECK(got == std::vector<std::string>{"1 Ośrodek Wsparcia w Nowym Targu", "2 Diagnoza",
                                          "3 Cele", "4 Działania", "5 Dziękujemy"});
  }
}

TEST_CASE("a list item that starts with a dash and a number is no slide marker") {
  // A programme page with bullets "- 1 …", "- 2 …", "- 3 …": no deck, no slides.
  const std::string page =
      "Program „Bezpieczny Senior” w Gminie Wieliczka\n\nMiejsko-Gminny Ośrodek Pomocy Społecznej "
      "w Wieliczce realizuje program wsparcia seniorów. W ramach programu oferujemy:\n\n- 1 "
      "dyżur prawnika w tygodniu,\n\n- 2 grupy wsparcia dla opiekunów,\n\n- 3 wyjazdy "
      "integracyjne w roku,\n\n- 4 spotkania z dzielnicowym,\n\n- 5 warsztatów kulinarnych.\n";
  const auto r = bdp::test::pipeline().run_bytes("p.txt", page);
  CHECK(bdp::to_string(r.classification.type) == "mops_programme");
  CHECK(r.programme.slides.empty());
  CHECK(r.text.find("- 3 wyjazdy integracyjne w roku,") != std::string::npos);
}

TEST_CASE("a footnote's number in brackets alone on its line is no slide marker") {
  const std::string page =
      "Gminny Program Wspierania Rodziny na lata 2023-2025\n\nProgram realizuje Gminny Ośrodek "
      "Pomocy Społecznej w Rzgowie. W 2022 r. asystent rodziny pracował z 14 rodzinami.\n\n"
      "Przypisy:\n\n[1]\nUstawa z dnia 9 czerwca 2011 r. o wspieraniu rodziny.\n\n[2]\n"
      "Ustawa z dnia 12 marca 2004 r. o pomocy społecznej.\n\n[3]\nGminna Strategia "
      "Rozwiązywania Problemów Społecznych.\n\n[4]\nUchwała Rady Gminy Rzgów.\n\n[5]\n"
      "Sprawozdanie GOPS za 2022 r.\n";
  const auto r = bdp::test::pipeline().run_bytes("p.txt", page);
  CHECK(bdp::to_string(r.classification.type) == "mops_programme");
  CHECK(r.text.find("[3]\n") != std::string::npos);
}

TEST_CASE("a slide host's account buttons and the lists under its deck are furniture") {
  const std::string body =
      "Powiatowe Centrum Pomocy Rodzinie w Bochni prowadzi szkolenia dla kandydatów na rodziny "
      "zastępcze, w których w 2023 roku wzięło udział 18 osób.";
  for (const char* line : {"Upload Login Sign up", "Sign in Register", "Related", "More by User",
                           "Related Presentations"}) {
    const std::string shown = line;
    CAPTURE(shown);
    const auto page = bdp::decode_page("h.txt", body + "\n\n" + line + "\n\n" + body + "\n");
    const auto bp = bdp::strip_boilerplate(page, bdp::test::boilerplate_rules());
    REQUIRE(bp.lines.size() >= 3);
    CHECK_FALSE(bp.lines[2].keep);
    CHECK(bp.lines[2].rule == "slide_host");
  }
}
