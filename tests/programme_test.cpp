// Programme parser: the two programme samples, variants of them made here, pages of other
// municipalities and goal formats written for the tests, and pages with nothing to find.
#include "bdp/programme.h"
#include "bdp/morphology.h"

#include <doctest/doctest.h>

#include "test_util.h"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

using bdp::PageType;
using bdp::Programme;
using bdp::test::goal_ids;
using bdp::test::goal_texts;

const bdp::test::ProgrammeEnv& env() { return bdp::test::programme_env(); }


std::string read_sample(const std::string& name) {
  std::ifstream in(std::string(BDP_SOURCE_DIR) + "/samples/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const std::string k_deck = "004_76bfd50073182376.txt";
const std::string k_mops = "003_a330b8b9da82a7d9.txt";

Programme parse(std::string_view text, PageType type = PageType::mops_programme) {
  return bdp::test::parse_programme_text(text, type);
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (auto p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size()))
    s.replace(p, from.size(), to);
  return s;
}

std::vector<int> slide_numbers(const Programme& p) {
  std::vector<int> n;
  for (const auto& s : p.slides) n.push_back(s.number);
  return n;
}

std::vector<int> range(int from, int to) {
  std::vector<int> v;
  for (int i = from; i <= to; ++i) v.push_back(i);
  return v;
}

int count_code(const Programme& p, const std::string& code) {
  int n = 0;
  for (const auto& d : p.diagnostics) n += d.code == code;
  return n;
}

int field_line(const Programme& p, const std::string& field) {
  for (const auto& [f, line] : p.field_lines)
    if (f == field) return line;
  return 0;
}

}  // namespace

TEST_SUITE("programme") {
  TEST_CASE("the embedded grammar compiles without errors") {
    for (const auto& e : env().errors) FAIL_CHECK(e.to_string());
    REQUIRE(env().rules != nullptr);
  }

  TEST_CASE("sample 004: slide deck of MOPS Sopot") {
    Programme p = parse(read_sample(k_deck), PageType::slide_transcript);
    CHECK(p.organisation == "Miejski Ośrodek Pomocy Społecznej w Sopocie");
    CHECK(p.department == "Dział Pomocy Rodzinie");
    CHECK(p.locality == "Sopot");
    CHECK(p.period_from == 2006);
    CHECK(p.period_to == 2014);
    CHECK(p.title == "Program Systemu Opieki nad Dzieckiem i Rodziną");
    CHECK(p.author_name == "Urszula Szymańska");
    CHECK(p.author_role == "Kierownik Działu Pomocy Rodzinie MOPS w Sopocie");
    CHECK(goal_ids(p) == "1|2|3|4|1.1|1.2|1.3|2.1|2.2|2.3|2.4|3.1|3.2|4.1|4.2");
    REQUIRE(p.goals.size() == 15);
    CHECK(p.goals[0].text ==
          "Edukowanie i wczesne interweniowanie w rodzinach zagrożonych dysfunkcją (profilaktyka)");
    CHECK(p.goals[11].text ==
          "Przygotowanie rodzin biologicznych do powrotu dzieci funkcjonujących w zastępczych "
          "formach opieki");
    CHECK(slide_numbers(p) == range(1, 29));
    CHECK(count_code(p, "programme.slide_gap") == 0);
    REQUIRE(p.slides.size() == 29);
    CHECK(p.slides[0].line == 12);
    CHECK(p.slides[1].title == "PROGRAM SYSTEMU OPIEKI NAD DZIECKIEM I RODZINĄ W SOPOCIE");
    CHECK(p.slides[1].text == "NA LATA");
    CHECK(p.slides[9].title.empty());  // a bare "10" line is an empty slide
    CHECK(p.slides[9].text.empty());
    CHECK(p.slides[11].title == "Hel Gdynia");
    // "1. Problemy" and "(2001 – 2005 …)" stay inside slide 5
    CHECK(p.slides[4].text.find("1. Problemy opiekuńczo-wychowawcze") != std::string::npos);
    CHECK(p.slides[4].text.find("2001 – 2005") != std::string::npos);
    // the transcript ends before the site furniture after the last slide
    CHECK(p.slides[28].text == "Dziękuję Państwu za uwagę");
    CHECK(field_line(p, "slides") == 12);
    CHECK(field_line(p, "organisation") == 5);
    CHECK(field_line(p, "author") == 81);
  }

  TEST_CASE("sample 003: MOPS Zgorzelec programme page") {
    Programme p = parse(read_sample(k_mops));
    CHECK(p.locality == "Zgorzelec");
    // named on the page only in the genitive ("klientów Miejskiego Ośrodka …")
    CHECK(p.organisation == "Miejski Ośrodek Pomocy Społecznej");
    CHECK(p.department.empty());
    CHECK_FALSE(p.period_from.has_value());
    CHECK(p.goals.empty());  // "ma on na celu" is no goals heading
    CHECK(p.slides.empty());
    CHECK(p.author_name.empty());
    CHECK(p.title ==
          "Program ograniczania strat i szkód osób z problemem alkoholowym klientów Miejskiego "
          "Ośrodka Pomocy Społecznej");
    CHECK(p.diagnostics.empty());
  }

  TEST_CASE("variants of sample 004") {
    const std::string deck = read_sample(k_deck);
    const std::string last_slide = "Dziękuję Państwu za uwagę\n";
    struct Case {
      const char* name;
      std::string text;
      std::vector<int> slides;
      int from, to;
      int gaps;
    };
    std::vector<int> without_15 = range(1, 14);
    for (int i = 16; i <= 29; ++i) without_15.push_back(i);
    std::vector<int> with_30 = range(1, 30);
    const std::vector<Case> cases = {
        {"an extra slide appended",
         replace_all(deck, last_slide, last_slide + "\n30 Kontakt\nul. Kolejowa 1\n"), with_30,
         2006, 2014, 0},
        {"hyphen instead of en dash", replace_all(deck, "2006–2014", "2007-2015"), range(1, 29),
         2007, 2015, 0},
        {"spaced hyphen", replace_all(deck, "2006–2014", "2008 - 2016"), range(1, 29), 2008, 2016,
         0},
        {"a slide missing", replace_all(deck, "\n15\n", "\n"), without_15, 2006, 2014, 1},
        {"CRLF line ends", replace_all(deck, "\n", "\r\n"), range(1, 29), 2006, 2014, 0},
    };
    for (const auto& c : cases) {
      std::string name = c.name;
      CAPTURE(name);
      Programme p = parse(c.text, PageType::slide_transcript);
      CHECK(slide_numbers(p) == c.slides);
      CHECK(p.period_from == c.from);
      CHECK(p.period_to == c.to);
      CHECK(count_code(p, "programme.slide_gap") == c.gaps);
      CHECK(p.goals.size() == 15);
      CHECK(p.locality == "Sopot");
    }
    Programme extra = parse(cases[0].text, PageType::slide_transcript);
    REQUIRE(extra.slides.size() == 30);
    CHECK(extra.slides[29].title == "Kontakt");
    CHECK(extra.slides[29].text == "ul. Kolejowa 1");
  }

  TEST_CASE("slide headers stripped by the boilerplate stage give no title") {
    auto page = bdp::decode_page("004.txt", read_sample(k_deck));
    bdp::BoilerplateResult bp;
    bp.lines.resize(page.line_count());
    const std::string header = "Miejski Ośrodek Pomocy Społecznej w Sopocie Dział Pomocy Rodzinie";
    int stripped = 0;
    for (std::size_t i = 0; i < page.line_count(); ++i)
      if (page.line(i).ends_with(header) || page.line(i).starts_with("Pobierz ppt")) {
        bp.lines[i].keep = false;
        ++stripped;
      }
    REQUIRE(stripped > 10);
    Programme p = bdp::parse_programme(page, bp, PageType::slide_transcript, *env().rules,
                                       env().lemmatizer.get());
    CHECK(slide_numbers(p) == range(1, 29));
    CHECK(p.slides[0].title.empty());
    CHECK(p.slides[2].title.empty());
    CHECK(p.slides[1].title == "PROGRAM SYSTEMU OPIEKI NAD DZIECKIEM I RODZINĄ W SOPOCIE");
    // the department still comes from the (stripped) header lines
    CHECK(p.department == "Dział Pomocy Rodzinie");
    CHECK(p.organisation == "Miejski Ośrodek Pomocy Społecznej w Sopocie");
    CHECK(p.goals.size() == 15);
  }

  TEST_CASE("slides: only the next number at the start of a line starts a slide") {
    struct Case {
      const char* text;
      std::vector<int> slides;
      int gaps;
    };
    const std::vector<Case> cases = {
        {"Zapis prezentacji:\n\n1 Tytuł\n\n2 Drugi\n2001 – 2005 dane\n\n3 Trzeci\n", {1, 2, 3}, 0},
        {"Zapis prezentacji:\n\n1 Tytuł\n1. Problemy\n\n2\n\n3 Koniec\n", {1, 2, 3}, 0},
        {"Zapis prezentacji:\n\n1 Tytuł\n\n2 Drugi\n\n5 Piąty\n", {1, 2, 5}, 1},
        {"Zapis prezentacji:\n\n1 Tytuł\n\n2 Drugi\n\n9 Dziewiąty\n", {1, 2}, 0},
        // without a blank line before it, a jump is text, not a slide
        {"Zapis prezentacji:\n\n1 Tytuł\n4 osoby w zespole\n", {1}, 0},
        {"Zapis prezentacji:\n\n1 Tytuł\n\n2 Drugi\n\nPodobne prezentacje\n\n3 Obca\n", {1, 2}, 0},
        // lines before the transcript marker are not slides
        {"1 Menu\n\nZapis prezentacji:\n\n1 Tytuł\n", {1}, 0},
    };
    for (const auto& c : cases) {
      std::string text = c.text;
      CAPTURE(text);
      Programme p = parse(c.text, PageType::slide_transcript);
      CHECK(slide_numbers(p) == c.slides);
      CHECK(count_code(p, "programme.slide_gap") == c.gaps);
    }
  }

  TEST_CASE("the literal prefilter does not hide matches: upper case, other letters, parts") {
    // Rules run only on lines holding their literals (lower-cased); lines with code points
    // the folding does not know keep every rule.
    Programme upper = parse("MIEJSKI OŚRODEK POMOCY SPOŁECZNEJ W ŁODZI realizuje PROGRAM NA LATA 2010-2012.\n");
    CHECK(upper.organisation.rfind("Miejski Ośrodek Pomocy Społecznej", 0) == 0);
    CHECK(upper.period_from.value_or(0) == 2010);
    Programme other = parse("Zespół Ökumenisch: Program na LATA 2011–2013 (МОПС).\n");
    CHECK(other.period_from.value_or(0) == 2011);
    CHECK(other.period_to.value_or(0) == 2013);
    Programme split = parse("Ośrodek Pomocy\nSpołecznej w Sopocie\nOśrodek Pomocy Społecznej w Sopocie\n");
    CHECK(split.organisation == "Ośrodek Pomocy Społecznej w Sopocie");
    CHECK(split.field_lines.front().second == 3);
  }

  TEST_CASE("organisation, department and locality of other municipalities") {
    struct Case {
      const char* text;
      const char* organisation;
      const char* department;
      const char* locality;
    };
    const std::vector<Case> cases = {
        {"Gminny Ośrodek Pomocy Społecznej w Kowalu Sekcja Świadczeń Rodzinnych\n\n"
         "GOPS w Kowalu realizuje program.\n"
         "Gminny Ośrodek Pomocy Społecznej w Kowalu Sekcja Świadczeń Rodzinnych\n",
         "Gminny Ośrodek Pomocy Społecznej w Kowalu", "Sekcja Świadczeń Rodzinnych", "Kowal"},
        {"GOPS w Kowalu prowadzi świetlicę.\n", "GOPS w Kowalu", "", "Kowal"},
        {"Sprawozdanie Miejskiego Ośrodka Pomocy Rodzinie w Płocku za rok 2009.\n",
         "Miejski Ośrodek Pomocy Rodzinie w Płocku", "", "Płock"},
        {"Powiatowe Centrum Pomocy Rodzinie w Zgorzelcu Zespół ds. Pieczy Zastępczej\n",
         "Powiatowe Centrum Pomocy Rodzinie w Zgorzelcu", "Zespół ds. Pieczy Zastępczej",
         "Zgorzelec"},
        {"Miejsko-Gminny Ośrodek Pomocy Społecznej w Kutnie\n",
         "Miejsko-Gminny Ośrodek Pomocy Społecznej w Kutnie", "", "Kutno"},
        {"MOPS w Gdyni oraz Miejski Ośrodek Pomocy Społecznej w Gdyni, MOPS-u.\n",
         "Miejski Ośrodek Pomocy Społecznej w Gdyni", "", "Gdynia"},
        {"Pracownicy przeprowadzili na terenie Gminy Kowal 20 interwencji.\n", "", "", "Kowal"},
        {"Uchwała Rady Miasta Płocka. Na terenie Płocka działa 5 świetlic.\n", "", "", "Płock"},
        {"Pomoc udzielana jest na terenie Polski.\n", "", "", ""},
        // a name ending in -ów is a nominative (its genitive is -owa): kept, not "Baran"
        {"Urząd Gminy Baranów, ul. Rynek 1.\n", "", "", "Baranów"},
        // places Hunspell does not inflect, through morphology.grammar overrides
        {"Miejski Ośrodek Pomocy Społecznej we Wrocławiu\n",
         "Miejski Ośrodek Pomocy Społecznej we Wrocławiu", "", "Wrocław"},
        {"Miejski Ośrodek Pomocy Społecznej w Białymstoku\n",
         "Miejski Ośrodek Pomocy Społecznej w Białymstoku", "", "Białystok"},
        {"Powiatowe Centrum Pomocy Rodzinie w Krasnymstawie\n",
         "Powiatowe Centrum Pomocy Rodzinie w Krasnymstawie", "", "Krasnystaw"},
        {"Program realizowany na terenie Warszawy i w Warszawie.\n", "", "", "Warszawa"},
        // the self-government it belongs to, part of its name; the locality from it
        {"Ośrodek Pomocy Społecznej Gminy Kłodzko prowadzi program.\n",
         "Ośrodek Pomocy Społecznej Gminy Kłodzko", "", "Kłodzko"},
        // a region's abbreviated adjective after the place, written out in the noun's gender
        {"Miejski Ośrodek Pomocy Rodzinie w Gorzowie Wlkp. prowadzi program.\n",
         "Miejski Ośrodek Pomocy Rodzinie w Gorzowie Wlkp.", "", "Gorzów Wielkopolski"},
        {"Gminny Ośrodek Pomocy Społecznej w Środzie Śl. prowadzi program.\n",
         "Gminny Ośrodek Pomocy Społecznej w Środzie Śl.", "", "Środa Śląska"},
        // two words after "Gminy" / "w Gminie": a nominative adjective in -e, a genitive one
        {"Program dla mieszkańców Gminy Stare Babice w wieku 60+.\n", "", "", "Stare Babice"},
        {"Klub Seniora działa w Gminie Stare Pole od 2015 roku.\n", "", "", "Stare Pole"},
        {"Program Wspierania Rodziny Miasta Nowego Sącza.\n", "", "", "Nowy Sącz"},
        {"Program dla rodzin z terenu Miasta i Gminy Kórnik.\n", "", "", "Kórnik"},
    };
    for (const auto& c : cases) {
      std::string text = c.text;
      CAPTURE(text);
      Programme p = parse(c.text);
      CHECK(p.organisation == c.organisation);
      CHECK(p.department == c.department);
      CHECK(p.locality == c.locality);
    }
  }

  TEST_CASE("a place written in the locative, one word or several, is named in the nominative") {
    // Endings from morphology.grammar's [place_locative*] and [place_adjective]; the
    // adjectives agree with the noun. Hunspell alone gave "Kleszcz" (a surname) and left
    // multi-word names as written.
    const std::vector<std::pair<const char*, const char*>> cases = {
        {"Kleszczowie", "Kleszczów"},
        {"Ustrzykach Dolnych", "Ustrzyki Dolne"},
        {"Wręczycy Wielkiej", "Wręczyca Wielka"},
        {"Jeleniej Górze", "Jelenia Góra"},
        {"Nowym Sączu", "Nowy Sącz"},
        {"Nowym Mieście", "Nowe Miasto"},
        {"Tarnowskich Górach", "Tarnowskie Góry"},
        {"Gorzowie Wielkopolskim", "Gorzów Wielkopolski"},
        {"Zduńskiej Woli", "Zduńska Wola"},
        {"Końskich", "Końskie"},
        {"Zakopanem", "Zakopane"},
        {"Trzciannem", "Trzcianne"},
        {"Suchym Lesie", "Suchy Las"},
        {"Nowem", "Nowe"},
        {"Limanowej", "Limanowa"},
        {"Kędzierzynie-Koźlu", "Kędzierzyn-Koźle"},
        {"Krynicy-Zdroju", "Krynica-Zdrój"},
        {"Kielcach", "Kielce"},
        {"Sosnowcu", "Sosnowiec"},
        {"Włocławku", "Włocławek"},
        {"Bytomiu", "Bytom"},
        {"Bydgoszczy", "Bydgoszcz"},
        {"Pile", "Piła"},
        {"Sopocie", "Sopot"},
        // o → ó, a fleeting e, -niec, -lno; the alternative Hunspell knows first ("Jawor")
        {"Nowym Dworze Gdańskim", "Nowy Dwór Gdański"},
        {"Myśliborzu", "Myślibórz"},
        {"Jaworze", "Jawor"},
        {"Turku", "Turek"},
        {"Malborku", "Malbork"},
        {"Lublińcu", "Lubliniec"},
        {"Sępólnie Krajeńskim", "Sępólno Krajeńskie"},
        // Wieś drops its e ("Wsi"): the commonest village name, and others with it
        {"Nowej Wsi", "Nowa Wieś"},
        {"Czarnej Wsi", "Czarna Wieś"},
        {"Nowej Wsi Lęborskiej", "Nowa Wieś Lęborska"},
        {"Szczecinku", "Szczecinek"},
        {"Barlinku", "Barlinek"},
    };
    for (const auto& [written, nominative] : cases) {
      CAPTURE(written);
      CHECK(env().lemmatizer->place_from_locative(written) == nominative);
      // and through the parser, after an institution's name
      std::string text = std::string("Program prowadzi Miejski Ośrodek Pomocy Społecznej w ") +
                         written + ", od 2015 roku.\n";
      Programme p = parse(text);
      CHECK(p.organisation ==
            std::string("Miejski Ośrodek Pomocy Społecznej w ") + written);
      CHECK(p.locality == nominative);
    }
  }

  TEST_CASE("a department on the line under the institution's name") {
    Programme p = parse(
        "1 Program wychodzenia z bezdomności\n"
        "Miejski Ośrodek Pomocy Społecznej w Tczewie\n"
        "Dział Pomocy Osobom Bezdomnym\n\n"
        "2 Skala problemu\nW 2017 roku udzielono pomocy 412 osobom.\n");
    CHECK(p.organisation == "Miejski Ośrodek Pomocy Społecznej w Tczewie");
    CHECK(p.department == "Dział Pomocy Osobom Bezdomnym");
    CHECK(field_line(p, "department") == 3);

    // not a menu item under an abbreviation ("O MOPR" / "Dział …" in a site menu), nor a
    // line of prose that starts with a department's word
    CHECK(parse("O MOPR\nDział Świadczeń Rodzinnych\nDział Pomocy Środowiskowej\n").department
              .empty());
    CHECK(parse("Miejski Ośrodek Pomocy Społecznej w Tczewie\n"
                "Dział Pomocy Osobom Bezdomnym prowadzi noclegownię od 2010 roku.\n")
              .department.empty());
    // a line the boilerplate stage stripped is not a department
    std::string text =
        "Miejski Ośrodek Pomocy Społecznej w Tczewie\nDział Pomocy Osobom Bezdomnym\n";
    auto page = bdp::decode_page("test.txt", text);
    bdp::BoilerplateResult bp;
    bp.lines.resize(page.line_count());
    bp.lines[1].keep = false;
    CHECK(bdp::parse_programme(page, bp, PageType::mops_programme, *env().rules,
                               env().lemmatizer.get())
              .department.empty());
    // … unless an address follows it: a contact block, which the stage strips too
    text = "Informacji udziela:\nMiejski Ośrodek Pomocy Społecznej w Zielonej Górze\n"
           "Dział Przeciwdziałania Przemocy w Rodzinie\nul. Długa 13, tel. 68 327 10 77\n";
    page = bdp::decode_page("test.txt", text);
    bp.lines.assign(page.line_count(), {});
    for (auto& l : bp.lines) l.keep = false;
    CHECK(bdp::parse_programme(page, bp, PageType::mops_programme, *env().rules,
                               env().lemmatizer.get())
              .department == "Dział Przeciwdziałania Przemocy w Rodzinie");
  }

  TEST_CASE("department: not one of a list of partners; after a dash; names with 'w Rodzinie'") {
    CHECK(parse("Realizatorzy: Miejski Ośrodek Pomocy Społecznej w Kole, Zespół Interdyscyplinarny, "
                "placówki oświatowe, Komenda Powiatowa Policji w Kole.\n")
              .department.empty());
    CHECK(parse("Miejski Ośrodek Pomocy Społecznej w Kole, Dział Pomocy Środowiskowej\n").department ==
          "Dział Pomocy Środowiskowej");
    CHECK(parse("Projekt realizuje Powiatowe Centrum Pomocy Rodzinie w Nowym Targu – Zespół ds. "
                "Pieczy Zastępczej i Usamodzielnień w partnerstwie z Fundacją.\n")
              .department == "Zespół ds. Pieczy Zastępczej i Usamodzielnień");
    CHECK(parse("MOPS Gorzów Wlkp. – Dział Usług Opiekuńczych\nTekst.\n").department ==
          "Dział Usług Opiekuńczych");
    // before the institution's name in the genitive, its head word inflected
    CHECK(parse("Asystenci są zatrudnieni w Dziale Wspierania Rodziny Miejskiego Ośrodka Pomocy "
                "Społecznej w Kędzierzynie-Koźlu.\n")
              .department == "Dział Wspierania Rodziny");
    CHECK(parse("Pracownicy Miejskiego Ośrodka Pomocy Społecznej w Kole.\n").department.empty());
    CHECK(parse("Miejski Ośrodek Pomocy Społecznej w Zielonej Górze Dział Przeciwdziałania Przemocy "
                "w Rodzinie\n")
              .department == "Dział Przeciwdziałania Przemocy w Rodzinie");
  }

  TEST_CASE("a place written in the genitive is named in the nominative") {
    const std::vector<std::pair<const char*, const char*>> cases = {
        {"Nowego Sącza", "Nowy Sącz"},         {"Zielonej Góry", "Zielona Góra"},
        {"Dąbrowy Górniczej", "Dąbrowa Górnicza"}, {"Gorzowa Wielkopolskiego", "Gorzów Wielkopolski"},
        {"Nowego Miasta", "Nowe Miasto"},      {"Krakowa", "Kraków"},
        {"Pszczyny", "Pszczyna"},              {"Zgorzelca", "Zgorzelec"},
        // a name left in the nominative after "gminy" stays as written
        {"Kobylnica", "Kobylnica"},            {"Kleszczów", "Kleszczów"},
        // a masculine -u beside its adjective
        {"Nowego Targu", "Nowy Targ"},         {"Starego Sącza", "Stary Sącz"},
    };
    for (const auto& [written, nominative] : cases) {
      CAPTURE(written);
      CHECK(env().lemmatizer->place_from_genitive(written) == nominative);
      std::string text = std::string("Program jest realizowany na terenie miasta ") + written +
                         " od 2015 roku.\n";
      CHECK(parse(text).locality == nominative);
    }
    // one word of a two-word name is not taken alone any more
    CHECK(parse("Pomoc świadczona jest na terenie Zielonej Góry i okolic.\n").locality ==
          "Zielona Góra");
  }

  TEST_CASE("a nominative written on the page settles what a locative's ending left open") {
    // "w Łącku" reads as Łąck or Łącko; "gminy Łącko" on the same page says which.
    Programme p = parse("Gminny Ośrodek Pomocy Społecznej w Łącku prowadzi klub.\n"
                        "Klub jest otwarty dla mieszkańców gminy Łącko.\n");
    CHECK(p.organisation == "Gminny Ośrodek Pomocy Społecznej w Łącku");
    CHECK(p.locality == "Łącko");
    CHECK(field_line(p, "locality") == 2);
    // a genitive on the page ("Rady Miasta Tczewa") is not such a nominative
    Programme t = parse("Miejski Ośrodek Pomocy Społecznej w Tczewie prowadzi klub.\n"
                        "Uchwała Rady Miasta Tczewa.\n");
    CHECK(t.locality == "Tczew");
    // nor is a name that is no reading of the locative
    Programme k = parse("Miejski Ośrodek Pomocy Społecznej w Krakowie prowadzi klub.\n"
                        "Urząd Miasta Sądu i Gminy Kobylnica.\n");
    CHECK(k.locality == "Kraków");
    CHECK(env().lemmatizer->is_locative_reading("Łącku", "Łącko"));
    CHECK(env().lemmatizer->is_locative_reading("Ustrzykach Dolnych", "Ustrzyki Dolne"));
    CHECK_FALSE(env().lemmatizer->is_locative_reading("Krakowie", "Krakówu"));
    CHECK(env().lemmatizer->could_be_genitive("Tczewa"));
    CHECK_FALSE(env().lemmatizer->could_be_genitive("Łącko"));
  }

  TEST_CASE("overrides name towns the ending tables get wrong") {
    CHECK(parse("Powiatowe Centrum Pomocy Rodzinie w Ostrowi Mazowieckiej prowadzi program.\n")
              .locality == "Ostrów Mazowiecka");
    CHECK(parse("Miejski Ośrodek Pomocy Rodzinie w Piotrkowie Trybunalskim prowadzi program.\n")
              .locality == "Piotrków Trybunalski");
  }

  TEST_CASE("a line repeated on the page names what it named the first time") {
    // A deck's running header on every slide is read once; the copies must count as if each
    // were read afresh. Against the same page whose copies differ by a trailing space (read
    // afresh), nothing may differ.
    const std::string header = "MOPS Starachowice | Zespół ds. Wspierania Rodziny";
    const std::string other = "Gminny Ośrodek Pomocy Społecznej w Kowalu Sekcja Świadczeń";
    std::string repeated, distinct;
    for (int slide = 1; slide <= 6; ++slide) {
      const std::string body = std::to_string(slide) + "\nSlajd o pomocy rodzinom.\n";
      repeated += header + "\n" + body;
      distinct += header + std::string(static_cast<std::size_t>(slide), ' ') + "\n" + body;
    }
    repeated += other + "\n" + other + "\n";
    distinct += other + "\n" + other + " \n";
    const Programme a = parse(repeated, PageType::slide_transcript);
    const Programme b = parse(distinct, PageType::slide_transcript);
    CHECK(a.organisation == "MOPS");  // six mentions beat two
    CHECK(bdp::to_json(a).dump() == bdp::to_json(b).dump());
    CHECK(a.field_lines == b.field_lines);
  }

  TEST_CASE("title: the three rule forms, and title_max_chars") {
    std::string long_words;
    while (long_words.size() < 230) long_words += "wsparcia rodzin ";  // ASCII: bytes = chars
    struct Case {
      std::string text, title;
    };
    const std::vector<Case> cases = {
        {"Realizujemy „Program Wspierania Rodziny” od lat.", "Program Wspierania Rodziny"},
        {"Gmina przyjęła Program Profilaktyki na lata 2010-2012 i go realizuje.",
         "Program Profilaktyki"},
        {"Program Pomocy Seniorom w Gminie", "Program Pomocy Seniorom w Gminie"},
        // Quoted text over title_max_chars (200) is no title; a later quote on the line is.
        {"Zob. „Program " + long_words + "” oraz „Program Asystent Rodziny”.",
         "Program Asystent Rodziny"},
        // Just under the limit is still a title.
        {"Zob. „Program " + long_words.substr(0, 180) + "”.",
         "Program " + long_words.substr(0, 180)},
        // Over the limit with nothing else: no title from that line.
        {"Przyjęto Program " + long_words + "na lata 2010-2012.", ""},
    };
    for (const auto& c : cases) {
      CAPTURE(c.text);
      Programme p = parse(c.text);
      CHECK(p.title == c.title);
    }
  }

  TEST_CASE("period") {
    struct Case {
      const char* text;
      int from, to;  // 0 = no period
      int reversed;
    };
    const std::vector<Case> cases = {
        {"Program Wspierania Rodziny na lata 2010-2012.", 2010, 2012, 0},
        {"Program realizowany w latach 2007-2009 przez MOPS.", 2007, 2009, 0},
        {"Strategia Rozwiązywania Problemów Społecznych 2010–2020", 2010, 2020, 0},
        {"W latach 2007-2009 udzielono pomocy 300 rodzinom.", 0, 0, 0},
        // a line that is only a period: a deck's cover, a heading's second line
        {"Asystent rodziny\nw Gminie Szczytno\n2012–2014\nSzczytno, 2014 r.", 2012, 2014, 0},
        {"Dyżury\n2019 - 2021 r.", 2019, 2021, 0},
        {"Liczba rodzin w latach\n2019 12 2020 14", 0, 0, 0},
        {"Przyjęto dokument na lata 2014-2006.", 0, 0, 1},
        {"W 2001 r. opracowano diagnozę. Od 2005 do 2009 r. wzrosła liczba rodzin.", 0, 0, 0},
        // what was run comes before a funding programme's "na lata"
        {"Projekt był realizowany przez GOPS w latach 2019-2021 w ramach Regionalnego Programu "
         "Operacyjnego na lata 2014-2020.", 2019, 2021, 0},
        {"Program obowiązuje od 1 stycznia 2020 r. do 31 grudnia 2024 r.", 2020, 2024, 0},
        // forms of what was run
        {"Zadanie realizowane było od 2018 r. do 2020 r. na terenie gminy.", 2018, 2020, 0},
        {"Program obejmował okres od 2018 r. do 2020 r.", 2018, 2020, 0},
        // the institution runs it between two dates written in words or with stops
        {"Gminny Ośrodek Pomocy Społecznej w Kościerzynie realizuje Gminny Program Wspierania "
         "Rodziny od 1 stycznia 2022 r. do 31 grudnia 2024 r.", 2022, 2024, 0},
        {"MOPS prowadzi projekt „Aktywni” od 01.03.2019 do 28.02.2021.", 2019, 2021, 0},
        {"Okres realizacji projektu: 01.01.2021 r. – 31.12.2023 r.", 2021, 2023, 0},
        // the label's other words, and dates with a day and month, a month, a quarter
        {"Termin realizacji zadania: 15 kwietnia 2018 r. – 30 czerwca 2019 r.", 2018, 2019, 0},
        {"Okres realizacji: wrzesień 2020 – czerwiec 2021", 2020, 2021, 0},
        {"Czas trwania realizacji: 09.2017–08.2018", 2017, 2018, 0},
        {"Okres realizacji: III kw. 2016 r. – I kwartał 2017 r.", 2016, 2017, 0},
        {"Zadanie prowadzone jest w okresie od 02.2022 do 11.2023.", 2022, 2023, 0},
        // a project's name with its years, as a programme's
        {"Projekt „Razem w gminie” 2019–2020 realizował GOPS w Kołaczycach.", 2019, 2020, 0},
        // a label, then the years as "lata …"
        {"Program realizowany: lata 2019–2021.", 2019, 2021, 0},
        {"Czas trwania: w latach 2016-2018", 2016, 2018, 0},
        {"Podsumowanie realizacji programu w latach 2019–2022", 2019, 2022, 0},
        // a funding programme's period gives way to the page's own, wherever it stands
        {"Klub utworzono w ramach Programu Wieloletniego „Senior+” na lata 2015–2020.\n"
         "Gminny Program Wspierania Rodziny na lata 2021–2023", 2021, 2023, 0},
        {"Dom powstał dzięki dotacji z Programu Wieloletniego „Senior+” na lata 2015–2020.\n"
         "W latach 2019–2022 Program Domu objął 87 seniorów.", 2019, 2022, 0},
        {"Projekt współfinansowany w ramach Regionalnego Programu Operacyjnego Województwa "
         "Małopolskiego na lata 2014-2020\nProgram Mieszkań Chronionych 2021–2023", 2021, 2023, 0},
        // … and stands when the page gives no other
        {"Klub utworzono w ramach Programu Wieloletniego „Senior+” na lata 2015–2020.", 2015, 2020, 0},
    };
    for (const auto& c : cases) {
      std::string text = c.text;
      CAPTURE(text);
      Programme p = parse(c.text);
      CHECK(p.period_from.value_or(0) == c.from);
      CHECK(p.period_to.value_or(0) == c.to);
      CHECK(count_code(p, "programme.period_reversed") == c.reversed);
    }
  }

  TEST_CASE("period: open-ended and one-year periods") {
    struct Case {
      const char* text;
      int from, to;  // 0 = none
    };
    const std::vector<Case> cases = {
        {"Program „Rodzina w Centrum” jest realizowany od 2010 r. przez MOPS w Ustce.", 2010, 0},
        {"Program „Aktywny Senior” prowadzony jest od 2015 roku przez MGOPS.", 2015, 0},
        {"Od września 2018 roku Gminny Ośrodek Pomocy Społecznej realizuje program „Asystent "
         "rodziny”.", 2018, 0},
        {"Od 1 lipca 2022 roku MOPS w Tczewie realizuje projekt dla osób bezrobotnych.", 2022, 0},
        {"Dzienny Dom Pomocy „Pogodna Jesień” funkcjonuje od 2012 roku w strukturze MOPS.", 2012, 0},
        // both ends still win over the open form
        {"Program jest realizowany od 2010 r. do 2012 r.", 2010, 2012},
        {"Program realizowany od 2016 r.\nGminny Program Wspierania Rodziny na lata 2021–2023",
         2021, 2023},
        // one year
        {"Gminny Program Profilaktyki i Rozwiązywania Problemów Alkoholowych na rok 2019", 2019, 2019},
        {"Gminny Program Profilaktyki\ni Rozwiązywania Problemów Alkoholowych\nna rok 2019", 2019,
         2019},
        // months of one year
        {"Program będzie realizowany od maja do października 2023 r. przez GOPS.", 2023, 2023},
        {"Projekt prowadzony jest od 1 marca do 30 listopada 2024 r.", 2024, 2024},
        // a yearly edition
        {"Program „Opieka wytchnieniowa” – edycja 2024", 2024, 2024},
        {"Projekt „Asystent osobisty” – edycja 2023\nRealizowany do 31.12.2023 r.", 2023, 2023},
        // a service the page is about, run since a year
        {"Od 2016 roku MOPS w Rzeszowie prowadzi Punkt Wsparcia Rodziny dla rodziców.", 2016, 0},
        {"Od 2019 r. GOPS prowadzi świetlicę środowiskową.", 2019, 0},
        // its end only
        {"Program „Senior+” realizowany będzie do 31.12.2024 r. przez MOPS w Ełku.", 0, 2024},
        {"Projekt prowadzony jest do końca 2025 roku przez PCPR w Gnieźnie.", 0, 2025},
        {"Program realizowany do 30 czerwca 2026 r.", 0, 2026},
        {"Wnioski przyjmowane są do 31.12.2024 r. w siedzibie GOPS.", 0, 0},
        // a year something began that is no programme's
        {"Od 2011 roku ośrodek zatrudnia dwóch asystentów rodziny.", 0, 0},
        {"Od 2005 r. liczba rodzin wzrosła, a program pomógł wielu z nich.", 0, 0},
    };
    for (const auto& c : cases) {
      CAPTURE(c.text);
      Programme p = parse(c.text);
      CHECK(p.period_from.value_or(0) == c.from);
      CHECK(p.period_to.value_or(0) == c.to);
      CHECK(count_code(p, "programme.period_reversed") == 0);
    }
  }

  TEST_CASE("goals under 'Cele pracy z …' and goals stated in a sentence") {
    Programme p = parse(
        "Asystent rodziny\n\nCele pracy z rodziną\n"
        "- poprawa sytuacji życiowej rodziny, tak aby mogła samodzielnie pokonywać trudności\n"
        "- wzmocnienie umiejętności rodzicielskich\n\nAsystent obejmuje wsparciem 15 rodzin.\n");
    CHECK(goal_ids(p) == "1|2");
    REQUIRE(p.goals.size() == 2);
    CHECK(p.goals[0].text == "poprawa sytuacji życiowej rodziny, tak aby mogła samodzielnie pokonywać trudności");
    CHECK(p.goals[1].text == "wzmocnienie umiejętności rodzicielskich");
    p = parse("Slajd 3\nCele pracy z uczestnikami:\n- odbudowa umiejętności społecznych\n"
              "- przygotowanie do podjęcia zatrudnienia\n");
    CHECK(goal_ids(p) == "1|2");
    p = parse("Cele pracy asystenta\n1. Osiągnięcie stabilności życiowej.\n2. Powrót dzieci z pieczy.\n");
    CHECK(goal_ids(p) == "1|2");
    CHECK(parse("Cele pracy asystenta rodziny w gminie w 2023 roku\n1. Szkolenia.\n2. Porady.\n")
              .goals.empty());
    // a sentence, when the page has no goals list
    p = parse("Program został przyjęty uchwałą Rady Powiatu.\n\nCelem programu jest zwiększenie "
              "liczby rodzin zastępczych na terenie powiatu oraz zapewnienie im wsparcia. Program "
              "koordynuje PCPR.\n");
    REQUIRE(p.goals.size() == 1);
    CHECK(p.goals[0].id == "1");
    CHECK(p.goals[0].text == "zwiększenie liczby rodzin zastępczych na terenie powiatu oraz zapewnienie im wsparcia");
    p = parse("Głównym celem projektu jest aktywizacja seniorów.\n");
    REQUIRE(p.goals.size() == 1);
    CHECK(p.goals[0].text == "aktywizacja seniorów");
    // a goals list wins over the sentence
    p = parse("Celem programu jest wsparcie rodzin.\nCele szczegółowe:\n1. Szkolenia.\n2. Porady.\n");
    CHECK(goal_ids(p) == "1|2");
    // a sentence stating the main goal above the list is the list's goal 0
    p = parse("Celem głównym programu jest rozwój rodzinnej pieczy zastępczej.\nCele szczegółowe:\n"
              "- promowanie rodzicielstwa zastępczego,\n- szkolenie kandydatów.\n");
    CHECK(goal_ids(p) == "0|1|2");
    REQUIRE(p.goals.size() == 3);
    CHECK(p.goals[0].text == "rozwój rodzinnej pieczy zastępczej");
    p = parse("Głównym celem projektu jest aktywizacja seniorów.\nCele szczegółowe:\n1. Szkolenia.\n"
              "2. Porady.\n");
    CHECK(goal_ids(p) == "0|1|2");
    // not when the list has its main goal
    p = parse("Głównym celem projektu jest aktywizacja seniorów.\nCel główny: aktywizacja.\n"
              "Cele szczegółowe:\n1. Szkolenia.\n2. Porady.\n");
    CHECK(goal_ids(p) == "0|1|2");
    CHECK(p.goals[0].text == "aktywizacja");
    // no goal in a sentence about something else
    p = parse("Celem tej strony jest informowanie mieszkańców.\n");
    CHECK(p.goals.empty());
  }

  TEST_CASE("goals in other formats") {
    struct Case {
      const char* name;
      const char* text;
      const char* ids;
      const char* texts;
    };
    const std::vector<Case> cases = {
        {"one goal per line, 'Cel N:'",
         "Cele programu:\nCel 1: Zmniejszenie przemocy w rodzinie.\nCel 2: Wsparcie rodzin.\n",
         "1|2", "Zmniejszenie przemocy w rodzinie|Wsparcie rodzin"},
        {"'Cel N:' without a heading", "Cel 1: Zmniejszenie przemocy.\nCel 2 – Wsparcie rodzin.\n",
         "1|2", "Zmniejszenie przemocy|Wsparcie rodzin"},
        {"'1.1.' with a trailing dot, one per line",
         "Cele szczegółowe:\n1.1. Promowanie zdrowia.\n1.2. Edukacja rodziców.\n2.1. Pomoc "
         "dzieciom.\n",
         "1.1|1.2|2.1", "Promowanie zdrowia|Edukacja rodziców|Pomoc dzieciom"},
        {"a heading with a note in parentheses, sub-goal numbers without a dot",
         "Cele operacyjne (wybrane)\n1.1 Aktywizacja zawodowa osób bezrobotnych\n2.1 Rozwój "
         "asystentury rodzinnej\n",
         "1.1|2.1", "Aktywizacja zawodowa osób bezrobotnych|Rozwój asystentury rodzinnej"},
        {"'Celem programu jest:' over dashed items",
         "Celem programu jest:\n- przywrócenie zdolności do aktywności społecznej,\n- nabycie "
         "umiejętności radzenia sobie w sytuacjach trudnych.\n",
         "1|2",
         "przywrócenie zdolności do aktywności społecznej|nabycie umiejętności radzenia sobie w "
         "sytuacjach trudnych"},
        {"the word alone on its line heads them (a slide's title)",
         "Cele\n1. Rozwój rodzinnej pieczy zastępczej\n2. Ograniczenie liczby dzieci w placówkach\n",
         "1|2", "Rozwój rodzinnej pieczy zastępczej|Ograniczenie liczby dzieci w placówkach"},
        {"a numbered list of problems is not goals",
         "Problemy: 1. Problemy opiekuńczo-wychowawcze 2. Przemoc domowa 3. Ubóstwo rodzin.\n", "",
         ""},
        {"numbers inside a goal's text stay text",
         "CELE: 1. Objęcie wsparciem 20 rodzin 2. Utworzenie 5 Klubów Rodzica\n", "1|2",
         "Objęcie wsparciem 20 rodzin|Utworzenie 5 Klubów Rodzica"},
        {"a main goal without a number, then numbered ones",
         "Cel główny: Poprawa jakości życia rodzin.\nCele szczegółowe:\n"
         "1) zwiększenie dostępu do poradnictwa,\n2) rozwój pracy socjalnej.\n",
         "0|1|2",
         "Poprawa jakości życia rodzin|zwiększenie dostępu do poradnictwa|rozwój pracy socjalnej"},
        {"a goal wrapped over two lines; the list ends at ordinary text",
         "Cele:\n1. Poprawa jakości\nżycia rodzin.\n2. Wsparcie dzieci.\nInny akapit o czymś.\n",
         "1|2", "Poprawa jakości życia rodzin|Wsparcie dzieci"},
        {"another label ends the list",
         "Cele: 1. Wsparcie rodzin 2. Edukacja dzieci Realizatorzy: MOPS, szkoły\n", "1|2",
         "Wsparcie rodzin|Edukacja dzieci"},
        {"bullets under a heading: numbered in order", "Cele szczegółowe:\n- wsparcie rodzin,\n- edukacja dzieci.\n",
         "1|2", "wsparcie rodzin|edukacja dzieci"},
        {"letters a) b) under a heading are bullets",
         "Główne cele programu to:\na) wsparcie rodzin,\nb) edukacja dzieci.\n", "1|2",
         "wsparcie rodzin|edukacja dzieci"},
        {"'Ad. N' groups and a heading on its own line",
         "Cele szczegółowe\nAd. 1\n1.1 Promowanie zdrowia\nAd. 2\n2.1 Pomoc dzieciom\n", "1.1|2.1",
         "Promowanie zdrowia|Pomoc dzieciom"},
        {"'Cel strategiczny N.' / 'Cel operacyjny N.N.' under a main goal",
         "CEL GŁÓWNY PROGRAMU\nOgraniczenie skutków nadużywania alkoholu.\n\n"
         "Cel strategiczny 1. Zwiększenie dostępności pomocy.\n"
         "Cel operacyjny 1.1. Prowadzenie Punktu Konsultacyjnego.\n"
         "Cel operacyjny 1.2. Finansowanie programów terapeutycznych.\n"
         "Cel strategiczny 2. Prowadzenie profilaktyki.\n"
         "Cel operacyjny 2.1. Realizacja programów w szkołach.\n",
         "0|1|1.1|1.2|2|2.1",
         "Ograniczenie skutków nadużywania alkoholu|Zwiększenie dostępności pomocy|Prowadzenie "
         "Punktu Konsultacyjnego|Finansowanie programów terapeutycznych|Prowadzenie "
         "profilaktyki|Realizacja programów w szkołach"},
        {"'Cel szczegółowy N:' without a heading",
         "Cel szczegółowy 1: Wsparcie rodzin.\nCel szczegółowy 2: Edukacja dzieci.\n", "1|2",
         "Wsparcie rodzin|Edukacja dzieci"},
        {"Roman-numbered headings 'I. Cel główny' / 'II. Cele szczegółowe'",
         "I. Cel główny\nUsamodzielnienie 24 osób.\n\nII. Cele szczegółowe\n1. Utworzenie "
         "mieszkań.\n2. Nabycie umiejętności.\n\nWsparcie obejmuje m.in.:\n- trening,\n",
         "0|1|2", "Usamodzielnienie 24 osób|Utworzenie mieszkań|Nabycie umiejętności"},
        {"a numbered section holding its goals inline ends at the next section's line",
         "3. Cele programu: 1. Zmniejszenie problemów 2. Zwiększenie pomocy 3. Ograniczenie "
         "szkód\n4. Zadania programu Prowadzenie Punktu\n5. Budżet Na realizację programu\n",
         "1|2|3", "Zmniejszenie problemów|Zwiększenie pomocy|Ograniczenie szkód"},
        {"… but goals under a numbered section heading on their own lines go on",
         "2. Cele programu:\n1. Wsparcie rodzin.\n2. Edukacja dzieci.\n3. Rozwój kadr.\n",
         "1|2|3", "Wsparcie rodzin|Edukacja dzieci|Rozwój kadr"},
        {"letters a) b) under a numbered goal are its sub-goals",
         "Cele szczegółowe:\n1) Podniesienie umiejętności rodziców.\n2) Wsparcie rodzin, w tym:\n"
         "a) nauka planowania budżetu,\nb) pomoc w spłacie zadłużeń.\n3) Powrót dzieci do rodzin.\n",
         "1|2|2.1|2.2|3",
         "Podniesienie umiejętności rodziców|Wsparcie rodzin, w tym|nauka planowania budżetu|pomoc "
         "w spłacie zadłużeń|Powrót dzieci do rodzin"},
        {"several unnumbered goals above numbered ones are 0.1, 0.2; one after them goes on",
         "Cele główne:\n- wsparcie rodzin,\n- edukacja dzieci.\nCele szczegółowe:\n1. Poradnictwo.\n"
         "2. Praca socjalna.\n",
         "0.1|0.2|1|2", "wsparcie rodzin|edukacja dzieci|Poradnictwo|Praca socjalna"},
        {"Roman-numbered goals: the ids are their values (the schema's ids are numbers)",
         "Cele programu:\nI. Wsparcie rodzin.\nII. Edukacja dzieci.\nIII. Rozwój kadr.\n",
         "1|2|3", "Wsparcie rodzin|Edukacja dzieci|Rozwój kadr"},
    };
    for (const auto& c : cases) {
      std::string name = c.name;
      CAPTURE(name);
      Programme p = parse(c.text);
      CHECK(goal_ids(p) == c.ids);
      CHECK(goal_texts(p) == c.texts);
    }
  }

  TEST_CASE("author") {
    struct Case {
      const char* text;
      const char* name;
      const char* role;
    };
    const std::vector<Case> cases = {
        {"Opracował: Jan Kowalski\n", "Jan Kowalski", ""},
        {"Opracowała: mgr Anna Maria Nowak Starszy Specjalista Pracy Socjalnej\n",
         "Anna Maria Nowak", "Starszy Specjalista Pracy Socjalnej"},
        {"Przygotowała: Ewa Wiśniewska-Kos, Kierownik Sekcji Pracy Socjalnej\n",
         "Ewa Wiśniewska-Kos", "Kierownik Sekcji Pracy Socjalnej"},
        {"Autor:\nPiotr Zieliński\n", "Piotr Zieliński", ""},
        {"MOPS opracował Program Wsparcia Rodziny.\n", "", ""},
        {"Opracowanie: MOPS\n", "", ""},
        // the dash between name and role belongs to neither
        {"Sporządziła: Karolina Pawlak – Kierownik GOPS\n", "Karolina Pawlak", "Kierownik GOPS"},
        // a signature without a label: name, comma or dash, a role word, no sentence end
        {"Dziękuję za uwagę\nKatarzyna Lis, koordynator projektu\n", "Katarzyna Lis",
         "koordynator projektu"},
        {"Anna Maria Nowak – Kierownik Działu Pomocy Środowiskowej\n", "Anna Maria Nowak",
         "Kierownik Działu Pomocy Środowiskowej"},
        {"Anna Nowak, kierownik MOPS, przedstawiła wyniki programu.\n", "", ""},
        {"Warszawa, dyrektor\n", "", ""},
        {"Autor prezentacji: Renata Sobczak, przewodnicząca Zespołu\n", "Renata Sobczak",
         "przewodnicząca Zespołu"},
        {"Dziękuję za uwagę. Anna Krawczyk, Dyrektor PCPR w Zamościu\n", "Anna Krawczyk",
         "Dyrektor PCPR w Zamościu"},
        // the role on the line under the name
        {"Opracował: Tomasz Wiśniewski\nKierownik Zespołu Interwencji Kryzysowej PCPR\n",
         "Tomasz Wiśniewski", "Kierownik Zespołu Interwencji Kryzysowej PCPR"},
        {"Opracował: Tomasz Wiśniewski\nProgram przyjęto w 2020 roku.\n", "Tomasz Wiśniewski", ""},
    };
    for (const auto& c : cases) {
      std::string text = c.text;
      CAPTURE(text);
      Programme p = parse(c.text);
      CHECK(p.author_name == c.name);
      CHECK(p.author_role == c.role);
    }
  }

  TEST_CASE("a page with nothing of this gives an empty programme") {
    struct Case {
      const char* text;
      PageType type;
      int no_slides;  // programme.no_slides diagnostics expected
    };
    const std::vector<Case> cases = {
        {"", PageType::mops_programme, 0},
        {"Lorem ipsum dolor sit amet.\n\nDruga linia tekstu, 12 osób.\n", PageType::mops_programme,
         0},
        // bare numbers are slides only in a transcript
        {"Strona główna\nKontakt\n1\n2\n3\n", PageType::mops_programme, 0},
        {"Strona główna\nKontakt\n", PageType::unknown, 0},
        {"", PageType::slide_transcript, 1},
        {"Lorem ipsum dolor sit amet.\n\nDruga linia tekstu, 12 osób.\n",
         PageType::slide_transcript, 1},
    };
    for (const auto& c : cases) {
      std::string text = c.text;
      CAPTURE(text);
      Programme p = parse(c.text, c.type);
      CHECK(bdp::to_json(p).dump() == "{}");
      CHECK(p.title.empty());
      CHECK(p.field_lines.empty());
      CHECK(p.diagnostics.size() == static_cast<std::size_t>(c.no_slides));
      CHECK(count_code(p, "programme.no_slides") == c.no_slides);
    }
  }

  TEST_CASE("to_json: contract keys, in order, absent ones left out") {
    Programme p;
    p.locality = "Sopot";
    p.organisation = "Miejski\u00a0Ośrodek  Pomocy Społecznej";
    p.period_from = 2006;
    p.period_to = 2014;
    p.goals = {{"1", "Wsparcie"}, {"", "Edukacja"}};
    p.author_name = "Jan Kowalski";
    p.slides = {{1, "Tytuł", "", 3}, {2, "", "", 5}};
    auto j = bdp::to_json(p);
    CHECK(j.dump() == R"({"organisation":"Miejski Ośrodek Pomocy Społecznej","locality":"Sopot",)"
                      R"("period":{"from":2006,"to":2014},"goals":[{"id":"1","text":"Wsparcie"},)"
                      R"({"text":"Edukacja"}],"author":{"name":"Jan Kowalski"},)"
                      R"("slides":[{"number":1,"title":"Tytuł"},{"number":2}]})");
  }

  TEST_CASE("grammar errors name the file and line, and are all collected") {
    auto dir = std::filesystem::temp_directory_path() / "bdp_programme_test_grammar";
    std::filesystem::create_directories(dir);
    std::string text(bdp::embedded_resource("programme.grammar"));
    REQUIRE_FALSE(text.empty());
    text += "\n[period]\n(unclosed\n[title]\nno groups here\n[organisation]\nMOPS\n";
    {
      std::ofstream out(dir / "programme.grammar", std::ios::binary);
      out << text;
    }
    std::vector<bdp::GrammarError> errors;
    auto g = bdp::Grammars::with_overrides(dir, errors);
    REQUIRE(errors.empty());
    auto rules = bdp::ProgrammeRules::compile(g, errors);
    std::filesystem::remove_all(dir);
    REQUIRE(errors.size() == 3);
    for (const auto& e : errors) {
      CHECK(e.origin.find("programme.grammar") != std::string::npos);
      CHECK(e.line > 0);
    }
    CHECK(rules != nullptr);  // the good rules still work
  }

  TEST_CASE("fast paths: every rule's match and groups as RE2 gives them in one call") {
    // Lines written to hit each rule (groups that take part or not, anchored rules, long rests
    // of a line), each rule searched from every code point, unanchored and anchored; and every
    // distinct line of the eval pages, samples and unknown pages, searched so from every code
    // point of a short line and from the places where a result can differ in a longer one
    // (programme_match_mismatches: word starts, punctuation, start literals, match starts).
    const std::vector<std::string> written = {
        "",
        " 12  Tytuł slajdu",
        "7",
        "Miejskiego Ośrodka Pomocy Społecznej w Nowym Targu Dział Świadczeń Rodzinnych i Alimentacyjnych oraz",
        "MOPS, w Sopocie Sekcja ds. Pracy Socjalnej nad Rodziną i",
        "GMINNEGO OŚRODKA POMOCY SPOŁECZNEJ we Wrześni",
        "Cel 1: Wsparcie rodzin. 1.1. Poprawa 1.2 Zwiększenie 2. Ograniczenie Ad. 2 - punkt",
        "  - punkt listy • drugi",
        "Cele szczegółowe:",
        "  cele główne programu  ",
        "Realizatorzy: MOPS",
        "Opracowała: mgr Anna Nowak-Kowalska, Kierownik Działu",
        "Program „Program Wspierania Rodziny w Gminie Sopot” na lata 2021–2025 r.",
        "Strategia Rozwiązywania Problemów Społecznych w latach 2016 - 2020 program",
        "na terenie gminy Nowa-Wieś oraz w mieście Płocku, Gmina Miejska Kraków",
        "zapis prezentacji: Pobierz ppt Podobne prezentacje Reklamy Google",
        "Zq Zqa aZq Zq aZqa",
        // start literals: at the line's start, after a space or not, in upper case, twice
        "Opracowała: Anna Nowak; autor:Jan Kos,\tautorka : Ewa Lis",
        "xcel: 1. Cel 1: a Cele: b cele:c",
        "PROGRAMY programu Program realizowany od 2010 r., prowadzony od 2011 do 2012",
        "GMINA Gminy gminie MIASTA miasto Gminą Nowa Wieś, na terenie Gminy Stare Babice",
        "OPS MOPS-u GOPSie ośrodek POMOCY społecznej OŚRODKA pomocy Społecznej w Łodzi",
        "w Dziale Wspierania Rodziny Dział Pomocy Miejskiego Ośrodka w ramach Programu "
        "Wieloletniego i funduszy unijnych, Regionalnego Programu Operacyjnego na lata 2014-2020",
        "Na \t terenie Łodzi; xna terenie Gminy Kłodzko, na terenie  na terenie Miasta Nowego Sącza",
        "w mieście Płocku,w  Mieście Łodzi",
        // places read off the text: the text's start, a sentence's end, digits, quote marks
        "Dziękuję za uwagę. Anna Krawczyk, koordynator projektu! Jan Lis – kierownik",
        "mgr Ewa Sikora – koordynator. Koniec!Ewa Lis, dyrektor",
        "1. Zq 2) 20 zł, 3 zł #Zq \"Zq\" - Zq – Zq\tZq kZq !Zq",
        "!Zq .Zq ! Zq .\tZq # Zq #Zq. Zq!",
    };
    std::set<std::string> lines;
    for (const char* dir : {"tests/data/eval", "samples", "tests/data/unknown"})
      for (const auto& e :
           std::filesystem::directory_iterator(std::string(BDP_SOURCE_DIR) + "/" + dir))
        if (e.path().extension() == ".txt") {
          auto page = bdp::decode_page("t.txt", bdp::test::read_file(e.path().string()));
          for (std::size_t i = 0; i < page.line_count(); ++i)
            lines.emplace(page.line(i));
        }
    REQUIRE(lines.size() > 1000);
    // A second rule set whose rules take other groups from the same spans: the memo of a
    // match's groups must not answer for one set with what it found for the other.
    auto dir = std::filesystem::temp_directory_path() / "bdp_programme_test_fast_paths";
    std::filesystem::create_directories(dir);
    {
      std::string text(bdp::embedded_resource("programme.grammar"));
      const std::string from = "organisation_place = ^,?\\s+((?:w|we)\\s+(";
      auto at = text.find(from);
      REQUIRE(at != std::string::npos);
      text.replace(at, from.size(), "organisation_place = ^,?\\s+((?:w|we))\\s+((");
      // rules whose groups in one span depend on the bytes either side of it
      text += "\n[title]\n(Zq)\\b|Z(q)\n\\b(Zq)|Z(q)\n";
      // rules whose matches start at the text's start or at bytes of a class (and forms that
      // must not be read so: multi-line, optional, letters, non-ASCII, negated)
      // (a line opening with '[' would be a section header: classes stand in a group)
      text += "(?:^|[.!]\\s+)(\\p{Lu}\\pL+)\n(?:^|\\s)(\\d+)\\s*zł\n(?:[\"#])(Zq)\n"
              "(?:[-–])(\\s*Zq)\n(?m)^(Zq)\n\\d?(Zq)\n(?i)(?:[k!])(Zq)\n(?:[^a-z])(Zq)\n"
              "^\\s*(\\d)|!(Zq)\n\\b[0-9.](\\s*\\pL+)\n(?:[.!])\\s*(Zq)\n(?:[.!]\\s|#\\s+)(Zq)\n"
              "(?:[.!]\\s|#)(Zq)\n";
      std::ofstream out(dir / "programme.grammar", std::ios::binary);
      out << text;
    }
    std::vector<bdp::GrammarError> errors;
    auto other = bdp::ProgrammeRules::compile(bdp::Grammars::with_overrides(dir, errors), errors);
    std::filesystem::remove_all(dir);
    REQUIRE(errors.empty());
    REQUIRE(other != nullptr);
    // One rule set over all the page lines, then the other, so the groups a line's matches
    // left in the thread's memo answer on the next lines; the written lines switch sets at
    // each call (a switch must forget the other set's groups).
    std::size_t bad = 0;
    auto check = [&](const bdp::ProgrammeRules& rules, const std::string& line, bool every) {
      std::size_t b = bdp::programme_match_mismatches(rules, line, every);
      if (b) MESSAGE("mismatches in: " << line);
      bad += b;
    };
    for (const bdp::ProgrammeRules* rules : {env().rules.get(), other.get()})
      for (const auto& line : lines) check(*rules, line, false);
    for (const auto& line : written)
      for (const bdp::ProgrammeRules* rules : {env().rules.get(), other.get()})
        check(*rules, line, true);
    CHECK(bad == 0);
  }

  TEST_CASE("fast paths: the atom automaton finds the atoms and start places the bigram scan finds") {
    // Every distinct line of the eval pages, samples and unknown pages, and lines with atoms
    // overlapping, nested, in capitals, next to each other and at both ends.
    std::set<std::string> lines = {
        "", "a", "Program", "programprogram", "PROGRAMU programu; Cele:cele. cel 1",
        "OŚRODKA POMOCY SPOŁECZNEJ ośrodek pomocy społecznej Ośrodku",
        "Opracowała: autor:autorka; realizator, Realizatorzy",
        "na terenie gminy na terenie miasta w mieście w gminie gminna gminy",
        "MOPS-u GOPS MOPR PCPR ops; mgr dr koordynator kierownik dyrektor",
    };
    for (const char* dir : {"tests/data/eval", "samples", "tests/data/unknown"})
      for (const auto& e :
           std::filesystem::directory_iterator(std::string(BDP_SOURCE_DIR) + "/" + dir))
        if (e.path().extension() == ".txt") {
          auto page = bdp::decode_page("t.txt", bdp::test::read_file(e.path().string()));
          for (std::size_t i = 0; i < page.line_count(); ++i) lines.emplace(page.line(i));
        }
    REQUIRE(lines.size() > 1000);
    // The fast fold (sixteen ASCII bytes at a time, a table for the Polish letters' two bytes):
    // letters, capitals, the bytes beside 'A'..'Z', punctuation it copies, letters it does not
    // check, invalid and overlong sequences, at every place of lines around the block's length.
    const char* pieces[] = {"Ą", "ż", "Ż", "Ó", "ó", "Ł", "\xC2\xA0", "–", "„", "é", "\xC4",
                            "\xC5(", "\xC5", "\xE0\x84\x84", "\xE0\x82\xA0", "@", "[", "`", "{",
                            "\xFF", "\x7F"};
    for (std::size_t len = 1; len <= 40; ++len)
      for (const char* piece : pieces)
        for (std::size_t at = 0; at <= len; ++at) {
          std::string line;
          for (std::size_t k = 0; k < len; ++k) line += "AbZyQ mN@z[a`"[k % 13];
          line.insert(at, piece);
          lines.insert(line);
        }
    std::size_t bad = 0;
    for (const auto& line : lines) {
      std::size_t b = bdp::programme_atom_scan_mismatches(*env().rules, line);
      if (b) MESSAGE("atom scans differ in: " << line);
      bad += b;
    }
    CHECK(bad == 0);
  }

  TEST_CASE("fast paths change no result: eval pages and samples parsed with them off and on") {
    auto dump = [](const Programme& p) {
      std::string s = bdp::to_json(p).dump();
      for (const auto& [field, line] : p.field_lines) s += "|" + field + ":" + std::to_string(line);
      for (const auto& d : p.diagnostics)
        s += "|" + d.code + ":" + std::to_string(d.line) + ":" + d.message;
      return s;
    };
    std::size_t pages = 0, nonempty = 0;
    for (const char* dir : {"tests/data/eval", "samples", "tests/data/unknown"})
      for (const auto& e :
           std::filesystem::directory_iterator(std::string(BDP_SOURCE_DIR) + "/" + dir)) {
        if (e.path().extension() != ".txt") continue;
        auto page = bdp::decode_page("t.txt", bdp::test::read_file(e.path().string()));
        // all lines kept, and every third line stripped (furniture inside lists)
        for (int variant = 0; variant < 2; ++variant) {
          bdp::BoilerplateResult bp;
          bp.lines.resize(page.line_count());
          if (variant == 1)
            for (std::size_t i = 0; i < bp.lines.size(); i += 3) bp.lines[i].keep = false;
          for (PageType type : {PageType::mops_programme, PageType::slide_transcript}) {
            CAPTURE(e.path().string());
            CAPTURE(variant);
            bdp::set_programme_fast_paths(false);
            bdp::set_morphology_fast_paths(false);
            std::string slow = dump(bdp::parse_programme(page, bp, type, *env().rules,
                                                         env().lemmatizer.get()));
            bdp::set_programme_fast_paths(true);
            bdp::set_morphology_fast_paths(true);
            std::string fast = dump(bdp::parse_programme(page, bp, type, *env().rules,
                                                         env().lemmatizer.get()));
            CHECK(fast == slow);
            nonempty += slow.size() > 40;
          }
        }
        ++pages;
      }
    CHECK(pages > 50);
    CHECK(nonempty > 50);
  }

  TEST_CASE("one-letter words bound to the next by NBSPs (a CMS's orphans) change no field") {
    // Polish typography keeps "w", "z", "i", "o", "u", "a" off a line's end: many CMSs write
    // "w&nbsp;Żyrardowie", so a scraped page has NBSPs where the rules say `\s`.
    auto orphans = [](const std::string& s) {
      std::string out;
      for (std::size_t i = 0; i < s.size(); ++i) {
        const bool one_letter = i >= 1 && std::strchr("wWzZiIoOuUaA", s[i - 1]) != nullptr &&
                                (i == 1 || s[i - 2] == ' ' || s[i - 2] == '\n' || s[i - 2] == '(');
        if (s[i] == ' ' && one_letter && i + 1 < s.size() && s[i + 1] != ' ' && s[i + 1] != '\n')
          out += "\u00A0";
        else
          out += s[i];
      }
      return out;
    };
    std::size_t pages = 0, bound = 0, with_organisation = 0;
    for (const char* dir : {"tests/data/eval", "samples"})
      for (const auto& e :
           std::filesystem::directory_iterator(std::string(BDP_SOURCE_DIR) + "/" + dir)) {
        if (e.path().extension() != ".txt") continue;
        const std::string text = bdp::test::read_file(e.path().string());
        const std::string nbsp = orphans(text);
        if (nbsp == text) continue;
        ++bound;
        CAPTURE(e.path().string());
        for (PageType type : {PageType::mops_programme, PageType::slide_transcript}) {
          Programme a = parse(text, type), b = parse(nbsp, type);
          CHECK(bdp::to_json(b).dump() == bdp::to_json(a).dump());
          with_organisation += !a.organisation.empty();
        }
        ++pages;
      }
    CHECK(bound > 50);
    CHECK(with_organisation > 30);
  }

  TEST_CASE("a download button above the deck does not end the transcript") {
    Programme p = parse(
        "Gminny Program Wspierania Rodziny na lata 2021–2026\n"
        "Pobierz prezentację (PPT, 1,8 MB)\n\n"
        "Slajd 1\nGminny Program Wspierania Rodziny\n\n"
        "Slajd 2\nPodstawa prawna\nUstawa o pomocy społecznej\n\n"
        "Slajd 3\nDziękuję za uwagę\n\n"
        "Pobierz prezentację\nSlajd 4 innej prezentacji\n",
        PageType::slide_transcript);
    CHECK(slide_numbers(p) == range(1, 3));
    Programme q = parse("Pobierz prezentację\n\n1\nWstęp\n\n2\nCele\n\nPodobne prezentacje\n3 inne\n",
                        PageType::slide_transcript);
    CHECK(slide_numbers(q) == range(1, 2));
  }

  TEST_CASE("a slide number on its own line: the title is the first line under it, past the header") {
    const std::string deck =
        "Zapis prezentacji:\n\n"
        "1\nGminny Program Wspierania Rodziny na lata 2023–2025\nMGOPS w Brzesku\n\n"
        "2\nMGOPS w Brzesku\nDiagnoza\nW 2022 roku MGOPS objął pomocą 684 rodziny.\n\n"
        "3\nMGOPS w Brzesku\nCel główny:\nWspieranie rodzin.\n\n"
        "4\nMGOPS w Brzesku\n3. Zapobieganie umieszczaniu dzieci w pieczy zastępczej.\n\n"
        "5\nMGOPS w Brzesku\nOd 1 stycznia 2023 r. Ośrodek działa jako centrum usług.\n\n"
        "Slajd 6 z 10\nDziękuję za uwagę\nKatarzyna Nowak\n";
    Programme p = parse(deck, PageType::slide_transcript);
    REQUIRE(slide_numbers(p) == range(1, 6));
    CHECK(p.slides[0].title == "Gminny Program Wspierania Rodziny na lata 2023–2025");
    CHECK(p.slides[1].title == "Diagnoza");
    CHECK(p.slides[1].text == "MGOPS w Brzesku\nW 2022 roku MGOPS objął pomocą 684 rodziny.");
    CHECK(p.slides[2].title == "Cel główny");
    CHECK(p.slides[3].title.empty());  // a numbered item is no title
    CHECK(p.slides[4].title.empty());  // nor a sentence
    CHECK(p.slides[5].title == "Dziękuję za uwagę");
    CHECK(p.slides[5].text == "Katarzyna Nowak");
  }

  TEST_CASE("period: a line the boilerplate stage stripped gives none") {
    const std::string text =
        "Strategia Rozwiązywania Problemów Społecznych na lata 2016–2025\n"
        "Asystent rodziny – Gminny Program Wspierania Rodziny\n"
        "Gminny Program Wspierania Rodziny 2019–2023\n";
    auto page = bdp::decode_page("test.txt", text);
    bdp::BoilerplateResult bp;
    bp.lines.resize(page.line_count());
    bp.lines[0].keep = false;  // a menu line
    Programme p = bdp::parse_programme(page, bp, PageType::mops_programme, *env().rules,
                                       env().lemmatizer.get());
    CHECK(p.period_from.value_or(0) == 2019);
    CHECK(p.period_to.value_or(0) == 2023);
    CHECK(field_line(p, "period") == 3);
    bp.lines[2].keep = false;
    p = bdp::parse_programme(page, bp, PageType::mops_programme, *env().rules, env().lemmatizer.get());
    CHECK_FALSE(p.period_from.has_value());
  }

  TEST_CASE("a bulleted goals list ends at a blank line the boilerplate stage stripped") {
    // The boilerplate stage strips every blank line; a blank line still ends a list of
    // unnumbered goals, as it does a numbered one.
    const std::string text =
        "Cele programu:\n• zwiększenie aktywności seniorów,\n• wzmacnianie więzi.\n\n"
        "Oferta Klubu obejmuje zajęcia ruchowe.\n\nW latach 2018–2020 z oferty skorzystało 46 "
        "seniorów.\n";
    auto page = bdp::decode_page("test.txt", text);
    bdp::BoilerplateResult bp;
    bp.lines.resize(page.line_count());
    for (std::size_t i = 0; i < page.line_count(); ++i)
      bp.lines[i].keep = !page.line(i).empty();
    Programme p = bdp::parse_programme(page, bp, PageType::mops_programme, *env().rules,
                                       env().lemmatizer.get());
    CHECK(goal_ids(p) == "1|2");
    CHECK(goal_texts(p) == "zwiększenie aktywności seniorów|wzmacnianie więzi");
  }

  TEST_CASE("a sentence that starts with the next slide's number is no slide when that slide comes later") {
    const std::string deck =
        "Zapis prezentacji:\n\n"
        "1 Program Mieszkań Chronionych\n\n"
        "2 Baza lokalowa\n"
        "3 mieszkania chronione treningowe (łącznie 18 miejsc) przy ul. Kossaka.\n\n"
        "3 Efekty\nW 2023 roku skorzystały 23 osoby.\n\n"
        "4 Dziękuję za uwagę\n";
    Programme p = parse(deck, PageType::slide_transcript);
    REQUIRE(slide_numbers(p) == range(1, 4));
    CHECK(p.slides[1].title == "Baza lokalowa");
    CHECK(p.slides[1].text == "3 mieszkania chronione treningowe (łącznie 18 miejsc) przy ul. Kossaka.");
    CHECK(p.slides[2].title == "Efekty");
    // without a later slide 3 the line stays a slide
    Programme q = parse("Zapis prezentacji:\n\n1 Wstęp\n\n2 mieszkania chronione\n\n",
                        PageType::slide_transcript);
    CHECK(slide_numbers(q) == range(1, 2));
  }

  TEST_CASE("author: a deck's signature on a name line and a role line, without a label") {
    Programme p = parse(
        "Slajd 1\nPowiatowy Program Przeciwdziałania Przemocy\nJoanna Michalczuk\n"
        "Kierownik Ośrodka Interwencji Kryzysowej\nBiała Podlaska, 18 listopada 2021 r.\n\n"
        "Slajd 2\nPodstawa prawna\n",
        PageType::slide_transcript);
    CHECK(p.author_name == "Joanna Michalczuk");
    CHECK(p.author_role == "Kierownik Ośrodka Interwencji Kryzysowej");
    // a labelled author wins
    Programme q = parse(
        "1\nDziękuję za uwagę\nKatarzyna Nowak-Gil\nKierownik Ośrodka\n\n"
        "2\nOpracowała: Anna Lis, koordynator projektu\n",
        PageType::slide_transcript);
    CHECK(q.author_name == "Anna Lis");
    // not outside the slides (a page's contact person), nor without a role line
    CHECK(parse("Kontakt:\nJoanna Michalczuk\nKierownik Działu Pomocy\n").author_name.empty());
    CHECK(parse("1\nWstęp\nJoanna Michalczuk\nBiała Podlaska\n", PageType::slide_transcript)
              .author_name.empty());
  }

  TEST_CASE("English 'Slide N' labels and a transcript heading start the slides") {
    Programme p = parse(
        "Slide 7 of our series\nTranskrypcja slajdów\n\nSlide 1\nDzienny Dom „Senior+”\n\n"
        "Slide 2 of 3\nMOPS Gorzów\nCele Domu\n\nSlide 3\nDziękuję za uwagę\n",
        PageType::mops_programme);
    CHECK(slide_numbers(p) == range(1, 3));
    REQUIRE(p.slides.size() == 3);
    CHECK(p.slides[0].title == "Dzienny Dom „Senior+”");
    CHECK(p.slides[1].title == "MOPS Gorzów");
    Programme q = parse("Transcript\n\n1 Program\n\n2 Cele\n", PageType::mops_programme);
    CHECK(slide_numbers(q) == range(1, 2));
  }

  TEST_CASE("SlideShare's 'Slide N:' lines start slides, the title after the colon") {
    Programme p = parse(
        "Transcript\nSlide 1: Klub Integracji Społecznej\nSlide 2: Podstawa działania\nKlub "
        "działa od 2012 roku.\nSlide 3: Formy wsparcia\nwarsztaty, poradnictwo\n",
        PageType::slide_transcript);
    CHECK(slide_numbers(p) == range(1, 3));
    REQUIRE(p.slides.size() == 3);
    CHECK(p.slides[0].title == "Klub Integracji Społecznej");
    CHECK(p.slides[1].title == "Podstawa działania");
    CHECK(p.slides[1].text == "Klub działa od 2012 roku.");
    // a time is no slide number
    Programme q = parse("Transcript\n1 Harmonogram\n2 Dzień pierwszy\n3:00 Otwarcie\n",
                        PageType::slide_transcript);
    CHECK(slide_numbers(q) == range(1, 2));
  }

  TEST_CASE("a deck numbered under its slides ('– 2 –', '2/8', pdftotext) is cut at the numbers") {
    Programme p = parse(
        "Tekst prezentacji\n\nRodzina w centrum\nProgram Wspierania Rodziny\nMOPS Kielce | 2024\n"
        "1/4\n\nDiagnoza\n214 rodzin korzystało z pomocy.\nMOPS Kielce | 2024\n2/4\n\n"
        "Cel główny\nWzmocnienie rodzin.\nMOPS Kielce | 2024\n3/4\n\nKontakt\nul. Portowa 24\n"
        "MOPS Kielce | 2024\n4/4\n\nWięcej od tego autora\n",
        PageType::slide_transcript);
    CHECK(slide_numbers(p) == range(1, 4));
    REQUIRE(p.slides.size() == 4);
    CHECK(p.slides[0].title == "Rodzina w centrum");
    CHECK(p.slides[0].line == 3);
    CHECK(p.slides[1].title == "Diagnoza");
    CHECK(p.slides[1].text == "214 rodzin korzystało z pomocy.\nMOPS Kielce | 2024");
    CHECK(p.slides[3].title == "Kontakt");
    CHECK(p.slides[3].text.find("Więcej") == std::string::npos);
    Programme q = parse("Diagnoza\n48 tys. seniorów\n\n– 1 –\n\nCele programu\n1. Bezpieczeństwo\n\n"
                        "– 2 –\n\nEfekty\n287 osób\n\n– 3 –\n",
                        PageType::slide_transcript);
    CHECK(slide_numbers(q) == range(1, 3));
    REQUIRE(q.slides.size() == 3);
    CHECK(q.slides[1].title == "Cele programu");
    CHECK(q.slides[2].text == "287 osób");
    // two numbers are no deck; numbers that do not start at 1 neither
    CHECK(parse("Wstęp\n– 1 –\nCele\n– 2 –\n", PageType::slide_transcript).slides.empty());
    CHECK(parse("A\n– 2 –\nB\n– 3 –\nC\n– 4 –\n", PageType::slide_transcript).slides.empty());
  }

  TEST_CASE("bare numbers under the slides are footers when nothing follows the last") {
    Programme p = parse("Gminny Ośrodek Pomocy Społecznej w Krzczonowie\nUsługi opiekuńcze\n1\n"
                        "Kto może skorzystać?\nOsoby samotne.\n2\nZakres usług\nPomoc w domu.\n3\n"
                        "Kontakt\ntel. 81 512 40 22\n4\n",
                        PageType::slide_transcript);
    CHECK(slide_numbers(p) == range(1, 4));
    REQUIRE(p.slides.size() == 4);
    CHECK(p.slides[1].title == "Kto może skorzystać?");
    CHECK(p.slides[1].text == "Osoby samotne.");
    CHECK(p.slides[3].title == "Kontakt");
    // a slide's text after the last number: the numbers head their slides
    Programme q = parse("1\nWstęp\nTekst.\n2\nCele\nTekst.\n3\nKontakt\ntel. 81 512 40 22\n",
                        PageType::slide_transcript);
    REQUIRE(q.slides.size() == 3);
    CHECK(q.slides[0].title == "Wstęp");
    CHECK(q.slides[2].title == "Kontakt");
  }

  TEST_CASE("a document viewer's 'Strona N' numbers: footers under the slides or headers above") {
    Programme p = parse("Lokalny System Wsparcia\nOśrodek Pomocy Społecznej w Wołominie\n\nStrona 1\n\n"
                        "Problem\nBrakuje miejsc.\n\nStrona 2\n\nCele\n1. Usługi w domu\n\nStrona 3\n",
                        PageType::slide_transcript);
    CHECK(slide_numbers(p) == range(1, 3));
    REQUIRE(p.slides.size() == 3);
    CHECK(p.slides[0].title == "Lokalny System Wsparcia");
    CHECK(p.slides[1].title == "Problem");
    CHECK(p.slides[1].text == "Brakuje miejsc.");
    Programme q = parse("Strona 1 z 3\nSprawozdanie MOPS\n\nStrona 2 z 3\nDiagnoza\nTekst.\n\n"
                        "Strona 3 z 3\nWnioski\nTekst.\n",
                        PageType::slide_transcript);
    REQUIRE(q.slides.size() == 3);
    CHECK(q.slides[1].title == "Diagnoza");
    CHECK(q.slides[2].title == "Wnioski");
  }

  TEST_CASE("under a running header stripped as furniture the slide's title is its next line") {
    const std::string text =
        "Zapis prezentacji:\n\n1 Asystent rodziny w Gminie Żukowo\nGOPS w Żukowie\nŻukowo, 2015\n\n"
        "2 Asystent rodziny w Gminie Żukowo\nPodstawa prawna\nUstawa o wspieraniu rodziny\n\n"
        "3 Asystent rodziny w Gminie Żukowo\nEfekty\n28 rodzin\n\n"
        "4 Asystent rodziny w Gminie Żukowo\nDziękuję za uwagę\n";
    auto page = bdp::decode_page("test.txt", text);
    bdp::BoilerplateResult bp;
    bp.lines.resize(page.line_count());
    for (std::size_t i = 0; i < page.line_count(); ++i)
      bp.lines[i].keep = page.line(i).find("Asystent rodziny w Gminie") == std::string_view::npos;
    Programme p = bdp::parse_programme(page, bp, PageType::slide_transcript, *env().rules,
                                       env().lemmatizer.get());
    REQUIRE(p.slides.size() == 4);
    CHECK(p.slides[1].title == "Podstawa prawna");
    CHECK(p.slides[1].text == "Ustawa o wspieraniu rodziny");
    CHECK(p.slides[2].title == "Efekty");
    // a slide of one line keeps it as its text
    CHECK(p.slides[3].title.empty());
    CHECK(p.slides[3].text == "Dziękuję za uwagę");
  }

  TEST_CASE("author: a signature line with a degree before the name") {
    Programme p = parse("Zapis prezentacji:\n\n1 Asystent rodziny w Ostrowcu\nMiejski Ośrodek Pomocy "
                        "Społecznej\nmgr Ewa Sikora – koordynator asystentów rodziny\n\n2 Cele\n",
                        PageType::slide_transcript);
    CHECK(p.author_name == "Ewa Sikora");
    CHECK(p.author_role == "koordynator asystentów rodziny");
  }

  TEST_CASE("department: its nominative before the institution's genitive") {
    Programme p = parse("Program opracował Dział Pomocy Środowiskowej Miejskiego Ośrodka Pomocy "
                        "Społecznej w Augustowie we współpracy z Radą Osiedla.\n");
    CHECK(p.organisation == "Miejski Ośrodek Pomocy Społecznej w Augustowie");
    CHECK(p.department == "Dział Pomocy Środowiskowej");
    Programme q = parse("Program realizowany od 2010 r. przez Dział Pomocy Środowiskowej Miejskiego "
                        "Ośrodka Pomocy Społecznej w Sulechowie.\n");
    CHECK(q.department == "Dział Pomocy Środowiskowej");
    // a unit beside the institution is not its department
    CHECK(parse("Punkt Konsultacyjny przy Miejskim Ośrodku Pomocy Społecznej, ul. Kościuszki 7.\n")
              .department.empty());
    // a lower-case word between them: no department
    Programme n = parse("Zespół Interdyscyplinarny współpracuje z Miejskim Ośrodkiem Pomocy "
                        "Społecznej w Augustowie.\n");
    CHECK(n.department.empty());
  }

  TEST_CASE("department: before the institution's abbreviation") {
    Programme p = parse("Program „Rodzina w Centrum” realizuje Miejski Ośrodek Pomocy Społecznej w "
                        "Ustce.\n\nRealizator: Dział Pomocy Rodzinie MOPS w Ustce, tel. 59 814 71 20\n");
    CHECK(p.organisation == "Miejski Ośrodek Pomocy Społecznej w Ustce");
    CHECK(p.department == "Dział Pomocy Rodzinie");
    p = parse("Miejski Ośrodek Pomocy Społecznej w Łomży prowadzi mediacje.\nZapisy: Punkt Mediacji "
              "Rodzinnej MOPS, tel. 86 216 22 11\n");
    CHECK(p.department == "Punkt Mediacji Rodzinnej");
    // a unit beside it, not its department
    CHECK(parse("Miejski Ośrodek Pomocy Społecznej w Łomży.\nPunkt Konsultacyjny przy MOPS.\n")
              .department.empty());
  }

  TEST_CASE("a three-word place after the institution: adjective, noun, adjective") {
    Programme p = parse("Realizatorem jest Miejsko-Gminny Ośrodek Pomocy Społecznej w Nowym Dworze "
                        "Gdańskim, który współpracuje ze szkołami.\n");
    CHECK(p.organisation == "Miejsko-Gminny Ośrodek Pomocy Społecznej w Nowym Dworze Gdańskim");
    // the department after a two-word place is still not taken for part of it
    Programme q = parse("Powiatowe Centrum Pomocy Rodzinie w Nowym Targu Zespół ds. Pieczy\n");
    CHECK(q.organisation == "Powiatowe Centrum Pomocy Rodzinie w Nowym Targu");
    CHECK(q.department == "Zespół ds. Pieczy");
  }

  TEST_CASE("a name after a nominative head settles the locative though it could be a genitive") {
    // "w Żabinie" reads as Żabin or Żabina; "Gmina Żabina" says which, though "Żabina" could
    // also be Żabin's genitive.
    Programme p = parse("Gminny Ośrodek Pomocy Społecznej w Żabinie prowadzi klub seniora.\n"
                        "Gmina Żabina liczy 8 tysięcy mieszkańców.\n");
    CHECK(p.locality == "Żabina");
    CHECK(field_line(p, "locality") == 2);
    // "w miejscowości …" and "w gminie …" are such heads too
    CHECK(parse("Miejsko-Gminny Ośrodek Pomocy Społecznej w Ruszynie prowadzi świetlicę.\n"
                "Świetlica mieści się w miejscowości Ruszyna przy szkole.\n")
              .locality == "Ruszyna");
    CHECK(parse("Gminny Ośrodek Pomocy Społecznej w Sulinie zaprasza.\n"
                "Program obejmuje rodziny mieszkające w gminie Sulina.\n")
              .locality == "Sulina");
    // a genitive head leaves the genitive test in place ("Rady Miasta Tczewa" above); without
    // a nominative on the page the locative's first reading stays
    CHECK(parse("Gminny Ośrodek Pomocy Społecznej w Żabinie prowadzi klub seniora.\n"
                "Budżet Rady Gminy pokrywa koszty.\n")
              .locality == "Żabin");
    // a village's name after "miejscowości" where no institution names a place
    CHECK(parse("Klub działa w miejscowości Stare Pole od 2019 roku.\n").locality == "Stare Pole");
  }

  TEST_CASE("an institution of a Warsaw district: the capital's name is part of it, the locality") {
    Programme p = parse("Program realizuje Ośrodek Pomocy Społecznej Dzielnicy Bielany m.st. "
                        "Warszawy od 2020 roku.\n");
    CHECK(p.organisation == "Ośrodek Pomocy Społecznej Dzielnicy Bielany m.st. Warszawy");
    CHECK(p.locality == "Warszawa");
    Programme q = parse("Ośrodek Pomocy Społecznej Dzielnicy Praga-Północ Miasta Stołecznego "
                        "Warszawy prowadzi klub.\n");
    CHECK(q.organisation ==
          "Ośrodek Pomocy Społecznej Dzielnicy Praga-Północ Miasta Stołecznego Warszawy");
    CHECK(q.locality == "Warszawa");
    CHECK(parse("Dofinansowanie przyznał Urząd m. st. Warszawy.\n").locality == "Warszawa");
    // "w Dzielnicy …": a district, not a place named Dzielnica
    Programme w =
        parse("Klub prowadzi Ośrodek Pomocy Społecznej w Dzielnicy Ursus m.st. Warszawy.\n");
    CHECK(w.organisation == "Ośrodek Pomocy Społecznej w Dzielnicy Ursus m.st. Warszawy");
    CHECK(w.locality == "Warszawa");
  }

  TEST_CASE("author: a CMS byline in the page's metadata block is not the programme's author") {
    const std::string text =
        "Program Wspierania Rodziny realizujemy od 2019 roku.\n"
        "\n"
        "Data publikacji: 02.02.2024\n"
        "Autor: Marek Górecki\n"
        "Odsłon: 211\n";
    auto page = bdp::decode_page("test.txt", text);
    bdp::BoilerplateResult bp;
    bp.lines.resize(page.line_count());
    auto strip = [&](std::size_t i, const char* rule) {
      bp.lines[i].keep = false;
      bp.lines[i].rule = rule;
    };
    strip(1, "blank");
    strip(2, "page_meta");
    strip(3, "page_meta");
    strip(4, "page_views");
    auto run = [&] {
      return bdp::parse_programme(page, bp, PageType::mops_programme, *env().rules,
                                  env().lemmatizer.get());
    };
    CHECK(run().author_name.empty());
    // alone, the label line is a deck's or a document's author
    strip(2, "blank");
    strip(4, "blank");
    CHECK(run().author_name == "Marek Górecki");
    // and so is a kept line between metadata lines
    strip(2, "page_meta");
    bp.lines[3].keep = true;
    CHECK(run().author_name == "Marek Górecki");
    // a bare date beside it is a deck's title slide as often as a CMS's byline
    strip(2, "dateline");
    strip(3, "page_meta");
    CHECK(run().author_name == "Marek Górecki");
    // a blank line between the byline and the rest of the block
    const std::string apart = "Program Wspierania Rodziny realizujemy od 2019 roku.\n\n"
                              "Autor: Marek Górecki\n\nOdsłon: 211\n";
    auto page2 = bdp::decode_page("test.txt", apart);
    bdp::BoilerplateResult bp2;
    bp2.lines.resize(page2.line_count());
    bp2.lines[2] = {false, "page_meta"};
    bp2.lines[4] = {false, "page_views"};
    CHECK(bdp::parse_programme(page2, bp2, PageType::mops_programme, *env().rules,
                               env().lemmatizer.get())
              .author_name.empty());
    // after another metadata label on its line
    const std::string one = "Program Wspierania Rodziny realizujemy od 2019 roku.\n\n"
                            "Dodano: 02.02.2024 | Autor: Marek Górecki\n";
    auto page1 = bdp::decode_page("test.txt", one);
    bdp::BoilerplateResult bp1;
    bp1.lines.resize(page1.line_count());
    bp1.lines[2].keep = false;
    bp1.lines[2].rule = "page_meta";
    CHECK(bdp::parse_programme(page1, bp1, PageType::mops_programme, *env().rules,
                               env().lemmatizer.get())
              .author_name.empty());
  }

TEST_CASE("a PDF deck's pages (form feeds) are its slides, each titled by its first line") {
  const std::string deck =
      "Asystent rodziny w Gminie Wieliczka\nMiejsko-Gminny Ośrodek Pomocy Społecznej w Wieliczce\n\f"
      "Kim jest asystent?\nPracownik wspierający rodziny.\n\f"
      "\n\f"  // a page with a picture only: no slide, and no gap
      "Wyniki 2023\n58 rodzin objętych wsparciem\n131 dzieci w rodzinach\n\f"
      "Dziękujemy\nmgops@wieliczka.pl\n\f";
  const Programme p = parse(deck, PageType::slide_transcript);
  REQUIRE(p.slides.size() == 4);
  CHECK(p.slides[0].number == 1);
  CHECK(p.slides[0].title == "Asystent rodziny w Gminie Wieliczka");
  CHECK(p.slides[1].title == "Kim jest asystent?");
  CHECK(p.slides[1].text == "Pracownik wspierający rodziny.");
  CHECK(p.slides[2].number == 4);
  CHECK(p.slides[2].line == 6);
  CHECK(p.slides[2].text == "58 rodzin objętych wsparciem\n131 dzieci w rodzinach");
  CHECK(p.slides[3].title == "Dziękujemy");
  // marked slides win over the pages; a programme page's pages are no slides
  CHECK(parse("Slajd 1\nTytuł\n\fSlajd 2\nCele\n\fSlajd 3\nKoszty\n", PageType::slide_transcript)
            .slides[1].title == "Cele");
  CHECK(parse(deck, PageType::mops_programme).slides.empty());
  // two pages are too few to be a deck
  CHECK(parse("Tytuł\nMOPS w Wieliczce\n\fDziękujemy\n", PageType::slide_transcript).slides.empty());
}

TEST_CASE("a goal sentence opens a list item of either numbering") {
  for (const char* marker : {"2.", "2)", "•"}) {
    CAPTURE(marker);
    const Programme p = parse("Regulamin usługi opieki wytchnieniowej\n\n1) Usługę realizuje Gminny Ośrodek "
                              "Pomocy Społecznej w Kłodawie.\n" + std::string(marker) +
                              " Celem programu jest wsparcie opiekunów osób z niepełnosprawnością.\n");
    REQUIRE(p.goals.size() == 1);
    CHECK(p.goals[0].text == "wsparcie opiekunów osób z niepełnosprawnością");
  }
}

TEST_CASE("an author label over an institution names no author; a later one over a person does") {
  const Programme p = parse(
      "Program Przeciwdziałania Bezdomności\n\nOpracowanie:\nMiejski Ośrodek Pomocy Społecznej w Żarach\n"
      "Dział Pomocy Środowiskowej\n\nCele programu\n1. Profilaktyka bezdomności.\n\n"
      "Opracowała: Marta Kołodziej, kierownik Działu Pomocy Środowiskowej\n");
  CHECK(p.author_name == "Marta Kołodziej");
  CHECK(p.author_role == "kierownik Działu Pomocy Środowiskowej");
  const Programme q = parse("Program wsparcia rodzin\n\nOpracowanie: Dział Pomocy Rodzinie MOPS w Przemyślu\n");
  CHECK(q.author_name.empty());
}

TEST_CASE("a deck's speaker under 'Prelegent:' is its author") {
  const Programme p = parse(
      "Prezentacja: Mieszkania wspomagane w Gminie Namysłów\n"
      "Prelegent: Krzysztof Bąk, Dyrektor Ośrodka Pomocy Społecznej w Namysłowie\n\n"
      "Slajd 1\nMieszkania wspomagane\n\nSlajd 2\nCele\n1. Usamodzielnienie uczestników\n",
      PageType::slide_transcript);
  CHECK(p.author_name == "Krzysztof Bąk");
  CHECK(p.author_role == "Dyrektor Ośrodka Pomocy Społecznej w Namysłowie");
}

TEST_CASE("a list written as one sentence's parts: each item a goal, the list ends at its full stop") {
  const Programme p = parse(
      "Aktywny Senior Krotoszyn – program na lata 2023–2026\n\nCele programu:\n"
      "zwiększenie aktywności społecznej i fizycznej seniorów,\n"
      "rozwój kompetencji cyfrowych osób starszych;\n"
      "wsparcie osób samotnych w codziennym funkcjonowaniu.\n"
      "W Klubie Seniora działają sekcje: nordic walking, taniec w kręgu i rękodzieło.\n"
      "Efekty pierwszego roku\n");
  REQUIRE(p.goals.size() == 3);
  CHECK(p.goals[0].text == "zwiększenie aktywności społecznej i fizycznej seniorów");
  CHECK(p.goals[1].text == "rozwój kompetencji cyfrowych osób starszych");
  CHECK(p.goals[2].text == "wsparcie osób samotnych w codziennym funkcjonowaniu");
  // "Cel główny:" over such a list is its goal 0
  const Programme m = parse(
      "Program rozwoju pieczy zastępczej\n\nCele programu\n"
      "Cel główny: rozwój rodzinnych form pieczy zastępczej.\nCele szczegółowe:\n"
      "promocja rodzicielstwa zastępczego,\nwsparcie rodzin zastępczych, w tym szkolenia,\n"
      "usamodzielnianie wychowanków.\nLimit rodzin zawodowych\n");
  REQUIRE(m.goals.size() == 4);
  CHECK(m.goals[0].id == "0");
  CHECK(m.goals[0].text == "rozwój rodzinnych form pieczy zastępczej");
  CHECK(m.goals[1].id == "1");
  CHECK(m.goals[2].text == "wsparcie rodzin zastępczych, w tym szkolenia");
  CHECK(m.goals[3].id == "3");
}

TEST_CASE("fast paths: a rule's group twin reads every span in its alphabet as the rule does") {
  // Group twins (the narrowed Unicode classes cut down to ASCII and the Polish letters) read
  // the groups of a match whose span holds only those letters: on every distinct line of the
  // eval pages, samples and unknown pages, and on written lines with every Polish letter in
  // the places the rules read, each match the rule finds is matched by its twin with the same
  // groups.
  std::set<std::string> lines = {
      "MOPS w Łodzi, GOPS we Włocławku, Ośrodek w Żarach, w Ścinawie, w Ćmielowie, w Ęlku",
      "Ośrodek Pomocy Społecznej w Gorzowie Wielkopolskim, w Kędzierzynie-Koźlu, w Łańcucie",
      "na terenie Gminy Świętajno, na terenie miasta Źródła, na terenie Gminy Ńąśćźżółę",
      "Program Wspierania Rodziny „Bądź z nami” na lata 2021–2025, Strategia Ąę Óź",
      "1. Zwiększenie dostępności usług. 2) Ograniczenie ubóstwa. Cel 3: Ścieżka Żółwia",
      "Opracowała: Żaneta Łęcka-Ćwik, kierownik; autor: Śliwa Ąkowski",
      "Dział Świadczeń Rodzinnych Miejskiego Ośrodka, Sekcja Łódzka, Zespół Ńąśćźżółę",
      // a last group over the rest of the line (slide_line's title), read as bytes by the
      // tail twin: titles with letters of two, three and four bytes, tabs, dashes
      "3 Diagnoza społeczna – wnioski i rekomendacje dla programu",
      "Slajd 4 z 20: Harmonogram realizacji działań „Bezpieczna rodzina”",
      "\t12.\tCele szczegółowe — 2021–2025 € ✓ 😀 koniec",
      "-- 7 -- Źródła finansowania", "[5] Ewaluacja", "Strona 2/8", "9", "10 ",
      "Opracowała: Anna Nowak 😀 – kierownik", "Autor prezentacji: Jan Kowalski\r"};
  for (const char* dir : {"tests/data/eval", "samples", "tests/data/unknown"})
    for (const auto& e : std::filesystem::directory_iterator(std::string(BDP_SOURCE_DIR) + "/" + dir))
      if (e.path().extension() == ".txt") {
        auto page = bdp::decode_page("t.txt", bdp::test::read_file(e.path().string()));
        for (std::size_t i = 0; i < page.line_count(); ++i) lines.emplace(page.line(i));
      }
  std::size_t bad = 0, spans = 0;
  for (const auto& line : lines) {
    const std::size_t b = bdp::programme_twin_mismatches(*env().rules, line, &spans);
    if (b) MESSAGE("twin mismatches in: " << line);
    bad += b;
  }
  CHECK(bad == 0);
  CHECK(spans > 100);  // enough spans, Polish letters among them, that the check means something
}

TEST_CASE("fast paths: the dictionary charset's table converts every word as ICU does") {
  // The lemmatiser converts a word to the dictionary's ISO-8859-2 and Hunspell's stems back
  // through a table of the charset's bytes read off ICU; ICU alone is the plain way. Every
  // byte, every code point up to U+02FF and some beyond, invalid and overlong UTF-8, and
  // generated strings of them, both ways.
  const std::string cs = "ISO-8859-2";
  std::vector<std::string> pieces;
  for (int b = 1; b < 256; ++b) pieces.emplace_back(1, static_cast<char>(b));
  auto utf8 = [](char32_t c) {
    std::string o;
    if (c < 0x80) o += static_cast<char>(c);
    else if (c < 0x800) {
      o += static_cast<char>(0xC0 | (c >> 6));
      o += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      o += static_cast<char>(0xE0 | (c >> 12));
      o += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      o += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      o += static_cast<char>(0xF0 | (c >> 18));
      o += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      o += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      o += static_cast<char>(0x80 | (c & 0x3F));
    }
    return o;
  };
  std::vector<std::string> cps;
  for (char32_t c = 1; c < 0x300; ++c) cps.push_back(utf8(c));
  for (char32_t c : {0x2013, 0x2014, 0x201E, 0x201D, 0x20AC, 0x2122, 0xFFFD, 0x1F600})
    cps.push_back(utf8(c));
  for (const char* bad : {"\xE0\x83\xB3", "\xC1\xB3", "\xC0\x80", "\xED\xA0\x80", "\xC5",
                          "\xE2\x80", "\x80", "\xBF", "\xF8\x88\x80\x80\x80", "\xFF"})
    cps.emplace_back(bad);
  std::size_t bad = 0, checked = 0;
  auto both = [&](const std::string& in, const std::string& to, const std::string& from) {
    const std::string fast = bdp::detail::convert_charset(in, to, from, true);
    const std::string plain = bdp::detail::convert_charset(in, to, from, false);
    if (fast != plain) {
      MESSAGE("conversion differs for " << in.size() << " bytes from " << from);
      ++bad;
    }
    ++checked;
  };
  for (const auto& p : pieces) both(p, "UTF-8", cs);
  for (const auto& c : cps) both(c, cs, "UTF-8");
  std::uint32_t seed = 7;
  auto next = [&] {
    seed = seed * 1103515245u + 12345u;
    return seed >> 8;
  };
  for (int k = 0; k < 3000; ++k) {
    std::string a, b;
    const int len = 1 + static_cast<int>(next() % 12);
    for (int j = 0; j < len; ++j) {
      a += pieces[next() % pieces.size()];
      b += next() % 3 ? cps[next() % 0x17F] : cps[next() % cps.size()];
    }
    both(a, "UTF-8", cs);
    both(b, cs, "UTF-8");
  }
  CHECK(bad == 0);
  CHECK(checked > 6000);
}

TEST_CASE("fast paths: place names read with and without the lemmatiser's fast paths agree") {
  // A place word's lower-cased form is looked up in Hunspell only when its stems can change
  // the answer: every capitalised word and pair of words of the eval pages and samples, and
  // written names, as a locative and a genitive, both ways.
  if (!env().lemmatizer->available()) return;
  std::set<std::string> phrases = {"Kole", "Łodzi", "Kędzierzynie-Koźlu", "Ustrzykach Dolnych",
                                   "Bielsku-Białej", "Nowego Sącza", "Zielonej Góry", "Płocku",
                                   "Sopocie", "Kleszczowie", "Końskich", "Tczewa", "Gminy Kobylnica"};
  for (const char* dir : {"tests/data/eval", "samples"})
    for (const auto& e : std::filesystem::directory_iterator(std::string(BDP_SOURCE_DIR) + "/" + dir)) {
      if (e.path().extension() != ".txt") continue;
      auto page = bdp::decode_page("t.txt", bdp::test::read_file(e.path().string()));
      for (std::size_t i = 0; i < page.line_count(); ++i) {
        std::string last;
        std::istringstream words{std::string(page.line(i))};
        for (std::string w; words >> w;) {
          while (!w.empty() && std::strchr(".,;:()\"'!?", w.back())) w.pop_back();
          const bool cap = w.size() >= 3 && ((w[0] >= 'A' && w[0] <= 'Z') ||
                                             static_cast<unsigned char>(w[0]) >= 0xC3);
          if (!cap) {
            last.clear();
            continue;
          }
          phrases.insert(w);
          if (!last.empty()) phrases.insert(last + " " + w);
          last = w;
        }
      }
    }
  std::size_t bad = 0;
  for (const auto& p : phrases) {
    bdp::set_morphology_fast_paths(false);
    const std::string loc = env().lemmatizer->place_from_locative(p);
    const std::string gen = env().lemmatizer->place_from_genitive(p);
    bdp::set_morphology_fast_paths(true);
    const std::string loc_fast = env().lemmatizer->place_from_locative(p);
    const std::string gen_fast = env().lemmatizer->place_from_genitive(p);
    if (loc != loc_fast || gen != gen_fast) {
      MESSAGE(p << ": " << loc << " / " << loc_fast << ", " << gen << " / " << gen_fast);
      ++bad;
    }
  }
  CHECK(bad == 0);
  CHECK(phrases.size() > 500);
}

TEST_CASE("fast paths: a line repeated repeated_line_min times is furniture, once fewer is not") {
  // mark_furniture counts each line's normal form once and reads the count back by pointer;
  // the plain way counts in a std::map. A goal sentence written three times (the default
  // repeated_line_min) is the page's furniture and no goal; one written twice is a goal.
  std::string text = "Program osłonowy gminy\n\n";
  for (int k = 0; k < 3; ++k)
    text += "Celem programu jest ograniczenie ubóstwa wśród seniorów.\n\nAkapit " +
            std::to_string(k) + " o działaniach.\n\n";
  for (int k = 0; k < 2; ++k)
    text += "Celem  programu jest wsparcie rodzin w kryzysie.\n\nInny akapit " +
            std::to_string(k) + ".\n\n";
  auto goals = [&] {
    std::string out;
    for (const auto& g : parse(text).goals) out += g.text + "|";
    return out;
  };
  bdp::set_programme_fast_paths(false);
  const std::string plain = goals();
  bdp::set_programme_fast_paths(true);
  const std::string fast = goals();
  CHECK(fast == plain);
  CHECK(fast.find("ubóstwa") == std::string::npos);
  CHECK(fast.find("wsparcie rodzin") != std::string::npos);
}
}
