#include <doctest/doctest.h>

#include <algorithm>

#include <filesystem>
#include <functional>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <re2/re2.h>

#include "bdp/boilerplate.h"
#include "bdp/text.h"
#include "test_util.h"

namespace {

std::string read_file(const std::string& rel) { return bdp::test::read_file(std::string(BDP_SOURCE_DIR) + "/" + rel); }
using bdp::test::replace_all;

std::string replace_first(std::string s, const std::string& from, const std::string& to) {
  std::size_t p = s.find(from);
  REQUIRE(p != std::string::npos);
  return s.replace(p, from.size(), to);
}

struct Rules {
  std::unique_ptr<bdp::BoilerplateRules> bp;
  std::vector<bdp::GrammarError> errors;
  Rules() { bp = bdp::BoilerplateRules::compile(bdp::Grammars::embedded(), errors); }
};

const Rules& rules() {
  static const Rules r;
  return r;
}

/// Kept and stripped text of a page, lines whitespace-normalised.
struct Stripped {
  std::string kept, dropped;
  bdp::BoilerplateResult result;
};

Stripped strip(const std::string& text) {
  auto page = bdp::decode_page("t.txt", text);
  Stripped s;
  s.result = bdp::strip_boilerplate(page, *rules().bp);
  REQUIRE(s.result.lines.size() == page.line_count());
  for (std::size_t i = 0; i < page.line_count(); ++i)
    (s.result.lines[i].keep ? s.kept : s.dropped) += bdp::normalize_space(page.line(i)) + "\n";
  return s;
}

struct Expect {
  std::vector<std::string> keep;  // each must be in a kept line, never in a dropped one
  std::vector<std::string> drop;  // each must be in a dropped line, never in a kept one
  std::optional<std::int64_t> visitors;
  std::string since, page_date, funding;
};

void check(const Stripped& s, const Expect& e) {
  for (const auto& k : e.keep) {
    CAPTURE(k);
    CHECK(s.kept.find(k) != std::string::npos);
    CHECK(s.dropped.find(k) == std::string::npos);
  }
  for (const auto& d : e.drop) {
    CAPTURE(d);
    CHECK(s.dropped.find(d) != std::string::npos);
    CHECK(s.kept.find(d) == std::string::npos);
  }
  CHECK(s.result.site.visitors == e.visitors);
  CHECK(s.result.site.visitors_since == e.since);
  CHECK(s.result.site.page_date == e.page_date);
  CHECK(s.result.site.funding == e.funding);
}

const Expect kBdp000{
    {"Praktyka pokazuje całościowe", "Dzięki skoncentrowaniu zadań", "Koszt całego przedsięwzięcia",
     "Kompleksowy system profilaktyki", "Typ jednostki: gmina miejska",
     "Dyrektor Wydziału Polityki Społecznej", "e@mail: k.mikolajewska@plonsk.pl"},
    {"Strona główna", "» Kultura", "Efektywność energetyczna", "Portal jst.org.pl", "1.552.935",
     "gości odwiedziło", "od 1 kwietnia 2008", "Usługi społeczne : Pomoc społeczna",
     "Skrót i Metryka", "Wsparcie udzielone", "Norweskiego Mechanizmu", "Norweski Związek",
     "i Regionalnych"},
    1552935, "2008-04-01", "", "Norweski Mechanizm Finansowy"};

const Expect kBdp001{
    {"Przekształcenie Domu Dziecka w nowoczesną instytucję opiekuńczą", "W powiecie słupskim",
     "Inicjatywa słupska", "www.towarzystwonaszdom.pl", "Fax: 59 842-71-11"},
    {"Strona główna", "Dialog społeczny", "1.530.366", "Skrót i Metryka", "Miast Polskich"},
    1530366, "2008-04-01", "", "Norweski Mechanizm Finansowy"};

const Expect kBdp002{
    {"Zaspokojenie potrzeb społecznych", "Organizacje pozarządowe oraz inne podmioty",
     "Koszt realizacji praktyki to ponad", "www.ump.pl/cwop/"},
    {"wypracowanie i upowszechnienie standardów", "» Praktyki", "Mapa Praktyk", "1.634.199",
     "Współpraca JST-NGO : Praktyki", "Skrót i Metryka",
     "Projekt współfinansowany przez Unię Europejską"},
    1634199, "2008-04-01", "", "Europejski Fundusz Społeczny"};

const Expect kMops003{
    {"Program ograniczania strat i szkód osób z problemem alkoholowym klientów MOPS",
     "193 rodzin", "W 2007 r. interwencje", "125 interwencji", "Ośrodek jako jedno z ogniw"},
    {"Niedziela 10 grudnia 2023", "BIP", "Pobierz Acrobat Reader", "Pajacyk"},
    std::nullopt, "", "2023-12-10", ""};

const Expect kSlides004{
    {"opracował Program Systemu Opieki", "Słabe strony to m. in.", "CELE PROGRAMU",
     "CELE SZCZEGÓŁOWE", "MISJA PROGRAMU", "PODSUMOWANIE CD.",
     "2 PROGRAM SYSTEMU OPIEKI NAD DZIECKIEM"},
    {"Pobieranie prezentacji", "Podobne prezentacje", "Reklamy Google", "Pobierz ppt",
     "Prezentacja na temat", "3 Miejski Ośrodek Pomocy Społecznej w Sopocie Dział Pomocy Rodzinie",
     "29 Miejski Ośrodek Pomocy Społecznej w Sopocie Dział Pomocy Rodzinie",
     "22 Miejski Ośrodek Pomocy Społecznej w Sopocie Punkt Interwencji Kryzysowej"},
    std::nullopt, "", "", ""};

const char* kFiles[] = {"samples/000_42b64f40e6b1f379.txt", "samples/001_32a605242a6a7ebd.txt",
                        "samples/002_a827141f76dcf969.txt", "samples/003_a330b8b9da82a7d9.txt",
                        "samples/004_76bfd50073182376.txt"};
const Expect* kExpects[] = {&kBdp000, &kBdp001, &kBdp002, &kMops003, &kSlides004};

/// The lines of `page`, split at its newlines (the last one ends the last line).
std::vector<std::string_view> page_lines(std::string_view page) {
  std::vector<std::string_view> lines;
  for (std::size_t at = 0; at < page.size();) {
    const std::size_t nl = std::min(page.find('\n', at), page.size());
    lines.push_back(page.substr(at, nl - at));
    at = nl + 1;
  }
  return lines;
}

/// The decision on the first line of `page` that starts with `start`, or null.
const bdp::LineDecision* decision_of(std::string_view page, const bdp::BoilerplateResult& r,
                                     std::string_view start) {
  const auto lines = page_lines(page);
  for (std::size_t i = 0; i < lines.size() && i < r.lines.size(); ++i)
    if (lines[i].starts_with(start)) return &r.lines[i];
  return nullptr;
}

/// That line's rule ("kept" when it was kept, with `kept_as_such`), or "missing".
std::string rule_of(std::string_view page, const bdp::BoilerplateResult& r, std::string_view start,
                    bool kept_as_such = false) {
  const bdp::LineDecision* d = decision_of(page, r, start);
  return !d ? "missing" : kept_as_such && d->keep ? "kept" : d->rule;
}

/// Every non-blank line of `page` is kept exactly when it starts with one of `content`.
void check_kept_only(std::string_view page, const bdp::BoilerplateResult& r,
                     std::initializer_list<std::string_view> content) {
  const auto lines = page_lines(page);
  REQUIRE(lines.size() == r.lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].empty()) continue;
    const bool kept = std::any_of(content.begin(), content.end(),
                                  [&](std::string_view c) { return lines[i].starts_with(c); });
    CHECK_MESSAGE(r.lines[i].keep == kept, std::string(lines[i]));
  }
}

}  // namespace

TEST_SUITE("boilerplate") {
TEST_CASE("the embedded grammar compiles") {
  CHECK(rules().errors.empty());
  for (const auto& e : rules().errors) MESSAGE(e.to_string());
}

TEST_CASE("samples: keep and drop lists, site furniture") {
  for (std::size_t k = 0; k < 5; ++k) {
    CAPTURE(kFiles[k]);
    const std::string raw = read_file(kFiles[k]);
    REQUIRE(!raw.empty());
    check(strip(raw), *kExpects[k]);
    // NBSPs replaced by plain spaces must not change a decision.
    check(strip(replace_all(raw, "\u00a0", " ")), *kExpects[k]);
  }
}

TEST_CASE("every line gets a rule name") {
  for (const char* f : kFiles) {
    auto s = strip(read_file(f));
    for (const auto& d : s.result.lines) CHECK(!d.rule.empty());
  }
}

TEST_CASE("a day's or a month's visits are stripped but are no site's visitors") {
  const std::string head = "Rodziny wspierające w Rawiczu\n\nOśrodek ustanowił rodziny wspierające, "
                           "które pomagają rodzinom w opiece nad dziećmi i prowadzeniu domu.\n\n";
  auto s = strip(head + "Statystyki\nOdwiedziny dziś: 143\nOdwiedziny ogółem: 418 920\n");
  check(s, {{}, {"dziś: 143", "ogółem: 418 920"}, 418920, "", "", ""});
  // alone, a day's count gives no visitors at all
  check(strip(head + "Liczba odwiedzin dzisiaj: 57\n"), {{}, {"dzisiaj: 57"}, std::nullopt, "", "", ""});
  check(strip(head + "Odwiedza nas 12 gości oraz 0 użytkowników\n"),
        {{}, {"Odwiedza nas"}, std::nullopt, "", "", ""});
  check(strip(head + "Licznik odwiedzin: 9 120\nOdwiedzin w tym miesiącu: 311\n"),
        {{}, {"9 120", "311"}, 9120, "", "", ""});
}

TEST_CASE("a count of the page's views is site.page_views, never the site's visitors") {
  const std::string head = "Rodziny wspierające w Rawiczu\n\nOśrodek ustanowił rodziny wspierające, "
                           "które pomagają rodzinom w opiece nad dziećmi i prowadzeniu domu.\n\n";
  struct Case {
    const char* line;
    std::optional<std::int64_t> views;
  };
  const Case cases[] = {
      {"Wyświetleń praktyki: 1 215", 1215},
      {"Liczba wyświetleń: 318", 318},
      {"Odsłon: 196", 196},
      {"mops_radom · 9 slajdów · 2 318 wyświetleń", 2318},
      {"Liczba slajdów: 9 | Pobrań: 74 | Odsłon: 1 106", 1106},
      {"Przesłano: 29.04.2024 · 9 stron · 418 odsłon · 37 pobrań", 418},
  };
  for (const auto& c : cases) {
    CAPTURE(c.line);
    const auto s = strip(head + c.line + "\n");
    CHECK(s.dropped.find(c.line) != std::string::npos);
    CHECK_FALSE(s.result.site.visitors);
    CHECK(s.result.site.page_views == c.views);
  }
  // the site's counter next to a page's views: each in its field
  const auto both = strip(head + "Wyświetleń: 87\n\n1.552.935\ngości odwiedziło nas\n");
  CHECK(both.result.site.visitors == std::optional<std::int64_t>(1552935));
  CHECK(both.result.site.page_views == std::optional<std::int64_t>(87));
}

TEST_CASE("fund names in a sponsor footer, in the forms sites write them") {
  const std::string head = "Rodziny wspierające w Koszalinie\n\nOśrodek ustanowił rodziny wspierające, "
                           "które pomagają rodzinom w opiece nad dziećmi i prowadzeniu domu.\n\n";
  struct Case {
    const char* footer;
    const char* fund;
  };
  const Case cases[] = {
      {"Serwis prowadzony przez Związek Miast Polskich w ramach projektu finansowanego ze środków "
       "Mechanizmu Finansowego EOG",
       "Mechanizm Finansowy Europejskiego Obszaru Gospodarczego"},
      {"Projekt współfinansowany ze środków Norweskiego Mechanizmu Finansowego",
       "Norweski Mechanizm Finansowy"},
      {"Projekt współfinansowany przez Unię Europejską w ramach Europejskiego Funduszu Społecznego",
       "Europejski Fundusz Społeczny"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.footer);
    const auto s = strip(head + c.footer + "\n");
    CHECK(s.result.site.funding == c.fund);
    CHECK(s.dropped.find(c.footer) != std::string::npos);
  }
}

TEST_CASE("a site counter under the copyright line is still the site's visitors") {
  const auto s = strip("Klub seniora w Olsztynie\n\nOśrodek prowadzi klub seniora, w którym "
                       "zajęcia prowadzą terapeuci i wolontariusze z całego miasta.\n\n"
                       "© 2024 Miejski Ośrodek Pomocy Społecznej\nLicznik odwiedzin: 48 215\n");
  CHECK(s.result.site.visitors == std::optional<std::int64_t>(48215));
  CHECK(s.dropped.find("Licznik odwiedzin") != std::string::npos);
}

TEST_CASE("a one-line counter that says since when, and 'Jesteś naszym N gościem', are visitors") {
  const std::string head = "Klub seniora w Olsztynie\n\nOśrodek prowadzi klub seniora, w którym "
                           "zajęcia prowadzą terapeuci i wolontariusze z całego miasta.\n\n";
  struct Case {
    const char* line;
    std::int64_t visitors;
    const char* since;
  };
  for (const Case& c : {Case{"1.498.310 gości odwiedziło nas od 1 kwietnia 2008 r.", 1498310, "2008-04-01"},
                        Case{"Licznik: 1 577 890 odwiedzin od 01.04.2008", 1577890, "2008-04-01"},
                        Case{"Jesteś naszym 0098213 gościem", 98213, ""},
                        Case{"Jesteś 18342 gościem na naszej stronie", 18342, ""}}) {
    CAPTURE(c.line);
    const auto s = strip(head + c.line + "\n");
    CHECK(s.result.site.visitors == std::optional<std::int64_t>(c.visitors));
    CHECK(s.result.site.visitors_since == c.since);
    CHECK(s.dropped.find(c.line) != std::string::npos);
  }
  // a sentence about the programme's guests with a date is body
  for (const char* line : {"W 2019 roku klub odwiedziło 340 gości z całego powiatu i regionu od 1 maja 2019 r.",
                           "Ośrodek przyjął w ubiegłym roku 240 gości z zaprzyjaźnionych gmin oraz wolontariuszy."}) {
    CAPTURE(line);
    const auto s = strip(head + line + "\n");
    CHECK_FALSE(s.result.site.visitors);
    CHECK(s.dropped.find(line) == std::string::npos);
  }
}

TEST_CASE("a funding line that names its amount is the page's figure, not a sponsor footer") {
  const std::string head = "Usługi sąsiedzkie w gminie\n\nGminny Ośrodek Pomocy Społecznej "
                           "prowadzi usługi sąsiedzkie dla seniorów z 29 sołectw gminy.\n\n";
  const auto s = strip(head + "Dofinansowanie z programu „Aktywni+”: 150 000 zł\n\nJoanna Kreft, "
                              "kierownik GOPS\n");
  CHECK(s.kept.find("150 000 zł") != std::string::npos);
  // an amount with its scale word ("301 tys. zł", "1,2 mln zł") is one too
  for (const char* amount : {"301 tys. zł", "1,2 mln zł"}) {
    const auto t = strip(head + "Dofinansowanie z Funduszu Pracy: " + amount + "\nŚredni koszt godziny "
                         "usługi: 37,60 zł\n\nJoanna Kreft, kierownik GOPS\n");
    CHECK(t.kept.find(amount) != std::string::npos);
    CHECK(t.kept.find("37,60 zł") != std::string::npos);
  }
  // without an amount it is the footer it reads as
  const auto f = strip(head + "Dofinansowanie z programu „Aktywni+” Ministerstwa Rodziny\n");
  CHECK(f.dropped.find("Dofinansowanie") != std::string::npos);
}

TEST_CASE("a line naming an amount under a sponsor line ends the footer above it") {
  const std::string head = "Opieka wytchnieniowa w gminie\n\nGminny Ośrodek Pomocy Społecznej "
                           "prowadzi opiekę wytchnieniową dla opiekunów osób zależnych.\n\n";
  const auto s = strip(head + "Zadanie finansowane ze środków Funduszu Pracy\nKwota dotacji: "
                              "84 300 zł\n");
  CHECK(s.dropped.find("Zadanie finansowane") != std::string::npos);
  CHECK(s.kept.find("84 300 zł") != std::string::npos);
}

TEST_CASE("a PDF's running footer that carries the page's number is furniture on every page") {
  const char* slides[] = {"Kim są wychowankowie?\n• 47 osób w latach 2019–2021\n",
                          "Formy pomocy\n• pomoc na kontynuowanie nauki – 640 zł miesięcznie\n",
                          "Wydatki\nW 2021 r. powiat wydał 312 400 zł.\n",
                          "Wnioski\n• potrzeba drugiego mieszkania chronionego\n"};
  std::string text = "Powiatowe Centrum Pomocy Rodzinie w Braniewie\n\nUsamodzielnienie wychowanków\n";
  int n = 0;
  for (const char* slide : slides) {
    text += "\n\nPCPR Braniewo – Konferencja „Razem dla rodziny” 2022                 " +
            std::to_string(++n) + "\n\f" + slide;
  }
  const auto s = strip(text);
  CHECK(s.kept.find("Konferencja") == std::string::npos);
  CHECK(s.kept.find("Formy pomocy") != std::string::npos);
  CHECK(s.kept.find("312 400 zł") != std::string::npos);
}

TEST_CASE("a publication line with a weekday before its date dates the page") {
  struct Case {
    const char* line;
    const char* date;
  };
  for (const Case& c : {Case{"Opublikowano: wtorek, 09 stycznia 2024 10:12", "2024-01-09"},
                        Case{"Opublikowano: wtorek, 18, kwiecień 2023 09:27", "2023-04-18"},
                        Case{"Dodano: środa, 18.04.2023", "2023-04-18"}}) {
    CAPTURE(c.line);
    const auto s = strip(std::string("Klub seniora\n\n") + c.line +
                         "\n\nOśrodek prowadzi klub seniora, w którym zajęcia prowadzą terapeuci "
                         "i wolontariusze z całego miasta.\n");
    CHECK(s.result.site.page_date == c.date);
  }
}

TEST_CASE("page metadata in '|' cells: the date and the view count are read from their cells") {
  struct Case {
    const char* line;
    const char* date;
    std::int64_t views;
  };
  for (const Case& c : {Case{"Dodano: 22.01.2024 | Autor: Urząd Gminy Trzcianne | Wyświetleń: 318", "2024-01-22", 318},
                        Case{"Autor: anna.wrona | Przesłano: 04.11.2020 | Wyświetlenia: 1 877 | Pobrania: 63", "2020-11-04", 1877},
                        Case{"Data publikacji: 15.04.2024 | Odsłon: 219 | Wersja do druku", "2024-04-15", 219},
                        Case{"Kategoria: Projekty | Odsłon: 311", "", 311}}) {
    CAPTURE(c.line);
    const auto s = strip(std::string("Klub seniora\n\n") + c.line +
                         "\n\nOśrodek prowadzi klub seniora, w którym zajęcia prowadzą terapeuci "
                         "i wolontariusze z całego miasta.\n");
    CHECK(s.result.site.page_date == c.date);
    CHECK(s.result.site.page_views == std::optional<std::int64_t>(c.views));
    CHECK(s.dropped.find(c.line) != std::string::npos);
  }
}

TEST_CASE("an English WordPress byline dates the page") {
  const auto s = strip("Asystent rodziny\n\nPosted on 15 marca 2021 by redakcja_mops\n\nOśrodek "
                       "zatrudnia czterech asystentów rodziny, którzy pracują z 56 rodzinami.\n");
  CHECK(s.result.site.page_date == "2021-03-15");
  CHECK(s.dropped.find("Posted on") != std::string::npos);
}

TEST_CASE("'Strona główna | …' with many items is the site's menu, not a breadcrumb") {
  const std::string body = "\n\nW środę odbyła się uroczystość, na którą przybyło ponad 120 babć "
                           "i dziadków z całej gminy.\n";
  auto menu = strip("Strona główna | O szkole | Aktualności | Dla rodziców | Świetlica\n" + body);
  CHECK(menu.result.lines[0].rule != "breadcrumb_start");
  CHECK_FALSE(menu.result.lines[0].keep);
  auto trail = strip("Strona główna | Aktualności | Dzień Babci\n" + body);
  CHECK(trail.result.lines[0].rule == "breadcrumb_start");
}

TEST_CASE("a Polish document host's header, login and download bar are furniture") {
  const auto s = strip(
      "dokumenty.info.pl – udostępniaj prezentacje\nZaloguj przez Google\nPrzeglądaj ▾ Prześlij "
      "Szukaj\n\nStrategia Rozwiązywania Problemów Społecznych na lata 2020–2025\n⬇ Pobierz plik "
      "(PPT, 3,4 MB) ❤ Lubię to (5) ⚑ Zgłoś naruszenie\n\nMiejski Ośrodek Pomocy Społecznej "
      "objął w 2019 roku pomocą 1 642 rodziny, czyli 3 915 osób w rodzinach.\n");
  for (const char* d : {"dokumenty.info.pl", "Zaloguj przez Google", "Przeglądaj", "Pobierz plik"}) {
    CAPTURE(d);
    CHECK(s.dropped.find(d) != std::string::npos);
  }
  CHECK(s.kept.find("1 642 rodziny") != std::string::npos);
  // "Pobierz plik" opening an instruction is no download bar
  const auto t = strip("Karta dużej rodziny\n\nPobierz plik wniosku ze strony, wypełnij go i złóż "
                       "w ośrodku pomocy społecznej przy ulicy Długiej 5.\n");
  CHECK(t.dropped.find("Pobierz plik wniosku") == std::string::npos);
}

TEST_CASE("a short outcome sentence with 'odwiedziło' is body, not the site's counter") {
  const std::string head = "Punkt Konsultacyjny w Olsztynie\n\nPunkt prowadzi bezpłatne porady "
                           "prawne i psychologiczne dla mieszkańców całego miasta.\n\n";
  for (const char* line : {"Punkt odwiedziło w ubiegłym roku 1 245 osób.",
                           "W 2022 r. Punkt odwiedziło 870 osób."}) {
    CAPTURE(line);
    const auto s = strip(head + line + "\n");
    CHECK_FALSE(s.result.site.visitors);
    CHECK(s.dropped.find(line) == std::string::npos);
  }
  // the site's own counters, with the verb
  for (const char* line : {"Odwiedziło nas: 125 430", "Stronę odwiedziło 12345 osób", "Odwiedziło: 4521"}) {
    CAPTURE(line);
    CHECK(strip(head + line + "\n").result.site.visitors.has_value());
  }
}

TEST_CASE("a table of figures scraped as '|' rows is the page's content, not navigation") {
  const std::string head = "Rodzinna piecza zastępcza w powiecie\n\nCentrum organizuje rodzinną "
                           "pieczę zastępczą na terenie całego powiatu od wielu lat.\n\n";
  for (const char* table : {"Rok | Liczba rodzin | Liczba dzieci\n2021 | 44 | 67\n2022 | 46 | 71\n",
                            "| Rok | Liczba osób |\n| 2021 | 812 |\n| 2022 | 1 045 |\n"}) {
    CAPTURE(table);
    const auto s = strip(head + table);
    CHECK(s.dropped.find("2021") == std::string::npos);
    CHECK(s.dropped.find("Liczba") == std::string::npos);
  }
  // a menu laid out in cells stays navigation
  const auto menu = strip(head + "Start | O nas | Kontakt\nProgramy | Projekty | Galeria\n");
  CHECK(menu.dropped.find("O nas") != std::string::npos);
}

TEST_CASE("variants: menus, counters, dates, slides") {
  const std::string s000 = read_file(kFiles[0]);
  const std::string s003 = read_file(kFiles[3]);
  const std::string s004 = read_file(kFiles[4]);
  struct Case {
    std::string name;
    std::string text;
    Expect expect;
  };
  Expect more_menu = kBdp000;
  more_menu.drop.push_back("» Mieszkalnictwo");
  more_menu.drop.push_back("Transport publiczny");
  Expect counter_other = kBdp000;
  counter_other.visitors = 25089228;
  counter_other.since = "2010-03-15";
  counter_other.drop = {"25 089 228", "od 15 marca 2010"};
  Expect counter_one_line = kBdp000;
  counter_one_line.visitors = 1234;
  counter_one_line.since = "";
  counter_one_line.drop = {"Liczba odwiedzin: 1234"};
  Expect counter_odwiedzin = counter_one_line;
  counter_odwiedzin.visitors = 25089228;
  counter_odwiedzin.drop = {"25089228 odwiedzin"};
  Expect other_day = kMops003;
  other_day.page_date = "2024-02-29";
  other_day.drop = {"czwartek, 29 LUTEGO 2024 r.", "Pajacyk"};
  Expect extra_slide = kSlides004;
  extra_slide.drop.push_back("30 Miejski Ośrodek Pomocy Społecznej w Sopocie Dział Pomocy Rodzinie");
  extra_slide.keep.push_back("Kontakt z asystentem rodziny jest bezpłatny");
  const Case cases[] = {
      {"extra menu items",
       replace_first(s000, "» Sport i rekreacja\n",
                     "» Sport i rekreacja\n» Mieszkalnictwo\nTransport publiczny\n"),
       more_menu},
      {"counter with other figures and date",
       replace_first(replace_first(s000, "1.552.935", "25 089 228"), "od 1 kwietnia 2008 r.",
                     "od 15 marca 2010"),
       counter_other},
      {"counter on one line",
       replace_first(s000, "1.552.935\ngości odwiedziło nas\nod 1 kwietnia 2008 r.",
                     "Liczba odwiedzin: 1234"),
       counter_one_line},
      {"counter as figure and word",
       replace_first(s000, "1.552.935\ngości odwiedziło nas\nod 1 kwietnia 2008 r.",
                     "25089228 odwiedzin"),
       counter_odwiedzin},
      {"another weekday and month",
       replace_first(s003, "Niedziela 10 grudnia 2023", "czwartek, 29 LUTEGO 2024 r."), other_day},
      {"an extra slide",
       replace_first(s004, "\n\nPobierz ppt",
                     "\n30 Miejski Ośrodek Pomocy Społecznej w Sopocie Dział Pomocy Rodzinie\n"
                     "Kontakt z asystentem rodziny jest bezpłatny, a spotkania odbywają się w "
                     "siedzibie ośrodka przy ulicy Kościuszki.\n\n\nPobierz ppt"),
       extra_slide},
      {"CRLF line ends", replace_all(s000, "\n", "\r\n"), kBdp000},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    check(strip(c.text), c.expect);
  }
}

TEST_CASE("small pages") {
  struct Case {
    std::string text;
    std::vector<std::string> keep, drop;
  };
  const Case cases[] = {
      // A heading between body paragraphs stays; a menu at the top goes.
      {"Start\nO nas\nKontakt\n\nPierwszy akapit tekstu, w którym opisano działania ośrodka "
       "na rzecz rodzin w trudnej sytuacji.\n\nWyniki\n\nDrugi akapit tekstu o tym, jak "
       "program pomógł mieszkańcom gminy w ciągu roku.\n",
       {"Wyniki", "Pierwszy akapit", "Drugi akapit"},
       {"Start", "O nas", "Kontakt"}},
      // Breadcrumb-navigation with other separators.
      {"Strona główna » Aktualności » Ogłoszenia\n\nOgłoszenie o naborze wniosków, które można "
       "składać w sekretariacie urzędu do końca miesiąca.\n\nDrukuj | Zgłoś błąd | Do góry\n",
       {"Ogłoszenie o naborze"},
       {"Strona główna » Aktualności", "Drukuj | Zgłoś błąd"}},
      // Nothing but furniture: all dropped, nothing invented.
      {"Reklamy Google\n\nPodobne prezentacje\n", {}, {"Reklamy Google", "Podobne prezentacje"}},
      // A notice of one short sentence with figures: no line reads as body, the sentence is
      // still all the page says; a one-word label above it is not.
      {"Ogłoszenie\n\nW 2010 r. pomoc otrzymało 120 osób.\n", {"W 2010 r. pomoc"}, {"Ogłoszenie"}},
      {"Start\nKontakt\n\nTel. 55 123 45 67.\n\nW 2010 r. pomoc otrzymało 120 osób.\n",
       {"W 2010 r. pomoc"},
       {"Start", "Kontakt", "Tel. 55 123 45 67."}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    auto s = strip(c.text);
    for (const auto& k : c.keep) {
      CAPTURE(k);
      CHECK(s.kept.find(k) != std::string::npos);
    }
    for (const auto& d : c.drop) {
      CAPTURE(d);
      CHECK(s.dropped.find(d) != std::string::npos);
      CHECK(s.kept.find(d) == std::string::npos);
    }
  }
}

TEST_CASE("a two-word line is the title only where it opens the page's text, right above the body") {
  auto title_of = [](const std::string& text) {
    auto page = bdp::decode_page("t.txt", text);
    auto r = bdp::strip_boilerplate(page, *rules().bp);
    for (std::size_t i = 0; i < r.lines.size(); ++i)
      if (r.lines[i].rule == "title") return bdp::normalize_space(page.line(i));
    return std::string();
  };
  const std::string body = "Zapraszamy seniorów na spotkania klubu w każdy wtorek o godzinie 10.\n";
  CHECK(title_of("Klub Seniora\n\n" + body) == "Klub Seniora");
  CHECK(title_of("\n\nDodatek energetyczny\n\n" + body) == "Dodatek energetyczny");
  // under the site's menu, which is furniture, it still opens the page's own text
  CHECK(title_of("Menu\nAktualności\nOgłoszenia\nPrzetargi\nKontakt\n\nAsystent rodziny\n\n" + body) ==
        "Asystent rodziny");
  // under other lines, two words are a menu item or a label, not the title
  CHECK(title_of("Urząd Gminy Sopot\n\nKlub Seniora\n\n" + body) != "Klub Seniora");
  // a menu word opening the page is not a title either
  CHECK(title_of("Aktualności\n\n" + body).empty());
  // one word is not enough
  CHECK(title_of("Ogłoszenie\n\n" + body).empty());
}

TEST_CASE("a transcript without blank lines: each slide marker after text starts a slide") {
  const std::string deck =
      "Slajd 1\nPiecza zastępcza w powiecie 2008–2011\nSlajd 2\nLiczba rodzin zastępczych: 74\n"
      "Slajd 3\nW rodzinach zastępczych przebywa 131 dzieci.\nSlajd 4\n"
      "Wydatki wzrosły z 1,1 mln zł do 1,6 mln zł.\nSlajd 5\n"
      "Wzrost liczby usamodzielnionych wychowanków o 40 proc.\nSlajd 6\nDziękuję za uwagę\n";
  auto s = strip(deck);
  for (const char* k : {"Piecza zastępcza", "131 dzieci", "Wydatki wzrosły", "o 40 proc."}) {
    CAPTURE(k);
    CHECK(s.kept.find(k) != std::string::npos);
  }
  CHECK(s.dropped.find("Slajd 5") != std::string::npos);
  // markers one under another (a list of slide links) are one block, not a deck
  auto list = strip("Slajd 1\nSlajd 2\nSlajd 3\nSlajd 4\n\nTo jest zwykła strona z "
                    "krótkim tekstem o programie.\n");
  CHECK(list.kept.find("Slajd") == std::string::npos);
}

TEST_CASE("a deck's slides of partners, contacts and thanks are slides, not the page's footer") {
  // no blank lines: a partners slide (sponsor-footer words), the last slide's thanks
  auto a = strip("Slajd 1\nWolontariat seniorów w Gminie Łagów\nSlajd 2\nDlaczego wolontariat?\n"
                 "Slajd 3\nCel 1. Aktywizacja osób starszych\nSlajd 4\nPartnerzy\n"
                 "Koło Gospodyń Wiejskich w Łagowie, parafia, Ochotnicza Straż Pożarna.\n"
                 "Slajd 5\nDziękujemy za uwagę\n");
  for (const char* k : {"Partnerzy", "Koło Gospodyń", "Dziękujemy za uwagę"}) {
    CAPTURE(k);
    CHECK(a.kept.find(k) != std::string::npos);
  }
  // blank lines: the last slide's block is its slide; the host's list after it is not
  auto b = strip("Slajd 1\n\nPrzemoc w rodzinie – diagnoza\n\nSlajd 2\n\nLiczba Niebieskich Kart "
                 "wzrosła w 2012 roku do 140.\n\nSlajd 3\n\nWnioski\nRośnie liczba zgłoszeń, co "
                 "świadczy o większej świadomości mieszkańców.\n\nSlajd 4\n\nDziękuję za uwagę\n\n"
                 "Podobne prezentacje\nPrzemoc domowa – diagnoza\nPomoc społeczna w gminie\n");
  CHECK(b.kept.find("Dziękuję za uwagę") != std::string::npos);
  CHECK(b.kept.find("Podobne prezentacje") == std::string::npos);
}

TEST_CASE("diagnostics") {
  auto furniture_only = strip("Reklamy Google\n\nPodobne prezentacje\n");
  REQUIRE(furniture_only.result.diagnostics.size() == 1);
  CHECK(furniture_only.result.diagnostics[0].code == "boilerplate.no_body");
  auto bad_date = strip("Poniedziałek 31 lutego 2023\n\nTekst strony, który jest zwykłym "
                        "akapitem i zostaje w treści.\n");
  REQUIRE(bad_date.result.diagnostics.size() == 1);
  CHECK(bad_date.result.diagnostics[0].code == "boilerplate.bad_date");
  CHECK(bad_date.result.diagnostics[0].line == 1);
  CHECK(bad_date.result.site.page_date.empty());
}

TEST_CASE("the page's date from a publication line, first one wins, modification dates not") {
  const std::string body = "\n\nTekst strony, który jest zwykłym akapitem i zostaje w treści.\n";
  struct Case {
    std::string text;
    const char* date;
  };
  const Case cases[] = {
      {"Opublikowano: 14.05.2020" + body, "2020-05-14"},
      {"Data publikacji: 2022-03-08" + body, "2022-03-08"},
      {"Dodano: 2019-06-12 10:45" + body, "2019-06-12"},
      // a document's creation date gives way to the page's publication date, beside it or not
      {"Data wytworzenia: 18.01.2021\nData publikacji: 20.01.2021" + body, "2021-01-20"},
      {"Data wytworzenia:\n18.01.2021\nData publikacji:\n20.01.2021" + body, "2021-01-20"},
      {"Data wytworzenia: 18.01.2021" + body, "2021-01-18"},
      // Joomla's weekday date with its time
      {"wtorek, 12 października 2021 09:15" + body, "2021-10-12"},
      // a blog's entry meta: the date, its category and its comments after bars
      {"12 marca 2025 | Aktualności | Brak komentarzy" + body, "2025-03-12"},
      {"Data dodania: 2 października 2023 r." + body, "2023-10-02"},
      {"Ostatnia aktualizacja: 2020-02-03" + body, ""},
      {"Opublikowano: wczoraj" + body, ""},
      {"Niedziela 10 grudnia 2023" + body, "2023-12-10"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    auto s = strip(c.text);
    CHECK(s.result.site.page_date == c.date);
    CHECK_FALSE(s.result.lines[0].keep);  // the date line is furniture either way
    CHECK(s.kept.find("zwykłym akapitem") != std::string::npos);
  }
  // Joomla's byline under the date is furniture too
  auto joomla = strip("wtorek, 12 października 2021 09:15\nNapisane przez Redakcja" + body);
  CHECK(joomla.dropped.find("Napisane przez Redakcja") != std::string::npos);
}

TEST_CASE("cookie notices in the wordings Polish sites use") {
  const std::string body = "\n\nTekst strony, który jest zwykłym akapitem i zostaje w treści.\n";
  for (const char* notice :
       {"Strona korzysta z plików cookie w celu realizacji usług. Możesz określić warunki "
        "przechowywania lub dostępu do cookie w Twojej przeglądarce.",
        "Serwis wykorzystuje pliki cookies. Korzystając z serwisu zgadzasz się na ich użycie.",
        "Nasza strona korzysta z ciasteczek (cookies). Dowiedz się więcej | Akceptuję"}) {
    CAPTURE(notice);
    auto s = strip(notice + body);
    CHECK_FALSE(s.result.lines[0].keep);
    CHECK(s.kept.find("zwykłym akapitem") != std::string::npos);
  }
  // A sentence of the text about cookies is not a notice.
  auto text = strip("Ciasteczka upieczone przez seniorów z klubu trafiły na kiermasz." + body);
  CHECK(text.result.lines[0].keep);
}

TEST_CASE("Joomla and English slide-host furniture") {
  const std::string body = "\n\nTekst strony, który jest zwykłym akapitem i zostaje w treści.\n";
  for (const char* line :
       {"Joomla! jest wolnym oprogramowaniem wydanym na licencji GNU/GPL.", "Nie pamiętasz hasła?",
        "Download Presentation", "Embed Code",
        "Download Policy: Content on the Website is provided to you AS IS for your information."}) {
    CAPTURE(line);
    auto s = strip(line + body);
    CHECK_FALSE(s.result.lines[0].keep);
    CHECK(s.kept.find("zwykłym akapitem") != std::string::npos);
  }
}

TEST_CASE("site furniture as JSON leaves absent facts out") {
  bdp::SiteFurniture s;
  CHECK(to_json(s).dump() == "{}");
  s.visitors = 5;
  s.page_date = "2023-12-10";
  CHECK(to_json(s).dump() == R"({"visitors":5,"page_date":"2023-12-10"})");
}

TEST_CASE("bad grammar entries are reported with their line") {
  struct Case {
    const char* grammar;
    int line;
  };
  const Case cases[] = {
      {"[strip]\nads = (unclosed\n", 2},
      {"[months]\nstycznia = 13\n", 2},
      {"[date]\nxyz = (\\d+)\n", 2},
      {"[thresholds]\ngood = high\n", 2},
  };
  for (const auto& c : cases) {
    CAPTURE(c.grammar);
    auto dir = std::filesystem::temp_directory_path() / "bdp_boilerplate_test";
    std::filesystem::create_directories(dir);
    // The override replaces the whole file: keep the embedded one and add the bad entry.
    {
      std::ofstream out(dir / "boilerplate.grammar", std::ios::binary);
      out << bdp::embedded_resource("boilerplate.grammar") << "\n" << c.grammar;
    }
    std::vector<bdp::GrammarError> errors;
    auto g = bdp::Grammars::with_overrides(dir, errors);
    REQUIRE(errors.empty());
    bdp::BoilerplateRules::compile(g, errors);
    REQUIRE(errors.size() == 1);
    const int base = static_cast<int>(std::count(
        bdp::embedded_resource("boilerplate.grammar").begin(),
        bdp::embedded_resource("boilerplate.grammar").end(), '\n'));
    CHECK(errors[0].line == base + 1 + c.line);
  }
}

TEST_CASE("a field label has at most 49 characters (guard)") {
  auto rule_of_first = [](const std::string& text) {
    auto page = bdp::decode_page("t.txt", text);
    return bdp::strip_boilerplate(page, *rules().bp).lines.at(0).rule;
  };
  CHECK(rule_of_first("Ł" + std::string(48, 'a') + ": wartość\n") == "field");
  CHECK(rule_of_first("Ł" + std::string(49, 'a') + ": wartość\n") != "field");
}
}

TEST_CASE("page structure: decks, signatures, metadata and footer blocks, lead-in lists") {
  struct Case {
    const char* name;
    std::string text;
    std::vector<std::pair<std::string, std::string>> rules;  // line start -> rule ("!rule": not)
  };
  const std::string para =
      "Ośrodek prowadzi ten program od kilku lat i obejmuje nim rodziny, które potrzebują "
      "wsparcia w codziennych sprawach.";
  const Case cases[] = {
      {"page numbers make a deck: short slide lines are kept, numbers and running header go",
       "Nagłówek ośrodka\nCele\n• wsparcie rodzin\n1\n\nNagłówek ośrodka\nDziałania\n"
       "• klub seniora\n2\n\nNagłówek ośrodka\nEfekty\n• 40 osób\n3\n\nPodobne prezentacje\n",
       {{"Cele", "slide_text"}, {"• wsparcie", "slide_text"}, {"Działania", "slide_text"},
        {"1", "page_number"}, {"3", "page_number"}, {"Nagłówek", "repeated_header"}}},
      {"numbers that do not increase are not page numbers",
       "Cele\n• wsparcie rodzin\n3\n\nDziałania\n• klub\n2\n\nEfekty\n• 40 osób\n1\n",
       {{"3", "!page_number"}, {"1", "!page_number"}}},
      {"slide markers: the host's copy of the deck title goes",
       "Prezentacja: Program wsparcia rodzin w gminie\n\nSlajd 1\nProgram wsparcia rodzin "
       "w gminie\n\nSlajd 2\nAdresaci\n\nSlajd 3\nDziękuję za uwagę\n",
       {{"Prezentacja:", "repeated_title"}, {"Slajd 2", "slide_marker"},
        {"Program wsparcia", "slide_text"}, {"Dziękuję", "slide_text"}}},
      {"a signature under the document is body; without body above it is not",
       para + "\n\nPrzewodniczący Rady Gminy\nJan Kowalski\n",
       {{"Przewodniczący", "signature"}, {"Jan Kowalski", "signature"}}},
      {"numbered block heads in order separate slides; the footer repeated on each goes",
       "1. Program wsparcia\nOśrodek w gminie\nstopka.pl · 2024\n\n2. Adresaci\n– seniorzy\n"
       "stopka.pl · 2024\n\n3. Trudności\n– zasięg sieci\nstopka.pl · 2024\n",
       {{"1. Program", "slide_text"}, {"– seniorzy", "slide_text"}, {"– zasięg", "slide_text"},
        {"stopka.pl", "repeated_header"}}},
      {"numbered heads without blank lines: the deck runs from the first head to known furniture",
       "Host prezentacji\nZapis tekstowy slajdów:\n1 Program wsparcia rodzin\nGmina Przykładowo\n"
       "2 Adresaci\nrodziny z dziećmi\n3 Działania\nwizyty domowe\nPodobne prezentacje\n"
       "Inna prezentacja o gminie\n",
       {{"Zapis tekstowy", "slide_host"}, {"1 Program", "slide_text"}, {"rodziny z", "slide_text"},
        {"wizyty domowe", "slide_text"}, {"Inna prezentacja", "link_list"}}},
      {"title-case bullet items between a menu and the title are a sub-menu",
       "Start\nAktualności\nKontakt\n\nOśrodek Pomocy\n• Świadczenia rodzinne\n"
       "• Karta Dużej Rodziny\n• Dodatek osłonowy\n\n" + para + "\n",
       {{"• Świadczenia", "menu_block"}, {"• Dodatek", "menu_block"}}},
      {"a signature may put the institution between function and name",
       para + "\n\nDyrektor\nMiejskiego Ośrodka Pomocy Społecznej w Bełchatowie\n"
              "/-/ Katarzyna Pietrzak\n",
       {{"Dyrektor", "signature"}, {"Miejskiego", "signature"}, {"/-/", "signature"}}},
      {"a function line under a kept 'Opracował: Name' line is the signature's second line",
       para + "\n\nOpracował: Tomasz Wiśniewski\nKierownik Zespołu Interwencji Kryzysowej PCPR\n\n"
              "Wersja do druku | Powrót | Do góry\n",
       {{"Opracował", "field"}, {"Kierownik", "signature"}}},
      {"a metadata block takes its unknown labels along",
       para + "\n\nData publikacji: 2024-03-02\nSporządził: Anna Nowak\n"
              "Opublikował: Jan Lis\n",
       {{"Sporządził", "meta_block"}, {"Opublikował", "page_meta"}}},
      {"below the body, an address block takes its phone and e-mail lines",
       para + "\n\nMiejski Ośrodek Pomocy Społecznej\nul. Długa 5\n00-950 Warszawa\n"
              "tel. 22 123 45 67\ne-mail: mops@example.pl\n",
       {{"tel. 22", "footer_block"}, {"e-mail:", "footer_block"}}},
      {"a lead-in line with a colon makes the short lines under it a list",
       para + "\n\nPartnerzy naszej akcji zimowej:\nCaritas Diecezji\nStraż Miejska\n"
              "Komenda Policji\nStowarzyszenie Dom\n",
       {{"Straż Miejska", "body_block"}, {"Stowarzyszenie Dom", "body_block"}}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    auto page = bdp::decode_page("t.txt", c.text);
    auto res = bdp::strip_boilerplate(page, *rules().bp);
    for (const auto& [start, rule] : c.rules) {
      CAPTURE(start);
      std::string got = "(no such line)";
      for (std::size_t i = 0; i < page.line_count(); ++i)
        if (bdp::normalize_space(page.line(i)).rfind(start, 0) == 0) {
          got = res.lines[i].rule;
          break;
        }
      if (rule[0] == '!')
        CHECK(got != rule.substr(1));
      else
        CHECK(got == rule);
    }
  }
  // No body above: a name under a function line in a page header is not a signature.
  auto page = bdp::decode_page("t.txt", "Dyrektor Ośrodka\nAnna Nowak\n\n" + para + "\n");
  auto res = bdp::strip_boilerplate(page, *rules().bp);
  CHECK(res.lines[0].rule != "signature");
}

TEST_CASE("property: random pages of every line kind — one decision a line, deterministic, "
          "line ends do not matter, furniture read from dropped lines") {
  // Lines of the kinds the stage's passes look at: menus, slide markers, page numbers,
  // numbered heads, signatures, metadata, addresses, bullets, body sentences, odd bytes.
  const std::vector<std::string> kinds = {
      "Start", "Aktualności", "Kontakt", "O nas", "Napisz do nas", "• Karta Dużej Rodziny",
      "Slajd 3", "Slajd 4 z 9", "3/10", "– 4 –", "Strona 2", "7", "1. Cel programu",
      "2 Adresaci", "3) Działania", "Przewodniczący Rady Gminy", "Jan Kowalski",
      "/-/ Anna Nowak", "Dyrektor", "Data publikacji: 2024-03-02", "Opublikował: Jan Lis",
      "Sporządził: Anna Nowak", "Kategoria: Pomoc społeczna", "ul. Długa 5",
      "00-950 Warszawa", "tel. 22 123 45 67", "e-mail: mops@example.pl",
      "Prezentacja: Program wsparcia rodzin", "Program wsparcia rodzin",
      "Partnerzy naszej akcji zimowej:", "Czytaj także", "Zobacz też",
      "© 2024 Gmina Przykładowo", "Licznik odwiedzin: 12 345", "Poniedziałek, 16.30–18.00",
      "Ośrodek prowadzi program od kilku lat i obejmuje nim rodziny, które potrzebują wsparcia.",
      "W 2023 roku z pomocy skorzystało 120 osób, a 40 z nich zakończyło udział w programie.",
      "Projekt współfinansowany ze środków Europejskiego Funduszu Społecznego",
      "Korzystając z serwisu akceptujesz politykę cookies.", "   wcięta kontynuacja pola",
      "", "", "", "\xC5", "A\xC2\xA0" "B", std::string(300, 'x') + " koniec."};
  std::uint64_t state = 0x9E3779B97F4A7C15ull;
  auto next = [&] {  // splitmix64: the same pages on every platform
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  };
  for (int page_no = 0; page_no < 600; ++page_no) {
    std::string lf;
    const std::size_t lines = 1 + next() % 60;
    for (std::size_t k = 0; k < lines; ++k) lf += kinds[next() % kinds.size()] + "\n";
    CAPTURE(lf);
    auto page = bdp::decode_page("t.txt", lf);
    auto a = bdp::strip_boilerplate(page, *rules().bp);
    auto b = bdp::strip_boilerplate(page, *rules().bp);
    REQUIRE(a.lines.size() == page.line_count());
    for (std::size_t i = 0; i < page.line_count(); ++i) {
      const bool blank = bdp::normalize_space(page.line(i)).empty();
      CHECK(!a.lines[i].rule.empty());
      if (blank) CHECK_FALSE(a.lines[i].keep);
      CHECK(a.lines[i].keep == b.lines[i].keep);
      CHECK(a.lines[i].rule == b.lines[i].rule);
    }
    // Furniture the record keeps is read from lines the stage dropped.
    for (int line : {a.site.visitors_line, a.site.page_date_line, a.site.funding_line})
      if (line > 0) CHECK_FALSE(a.lines.at(static_cast<std::size_t>(line - 1)).keep);
    // The same page saved with CRLF line ends is decided the same way.
    auto crlf_page = bdp::decode_page("t.txt", replace_all(lf, "\n", "\r\n"));
    auto c = bdp::strip_boilerplate(crlf_page, *rules().bp);
    REQUIRE(c.lines.size() == a.lines.size());
    for (std::size_t i = 0; i < a.lines.size(); ++i) CHECK(c.lines[i].rule == a.lines[i].rule);
  }
}

/// The .txt pages of the given directories (relative to the source tree).
std::vector<bdp::SourcePage> pages_of(std::initializer_list<const char*> dirs) {
  std::vector<bdp::SourcePage> pages;
  for (const char* dir : dirs)
    for (const auto& e : std::filesystem::directory_iterator(std::string(BDP_SOURCE_DIR) + "/" + dir))
      if (e.path().extension() == ".txt")
        pages.push_back(bdp::decode_page(e.path().filename().string(),
                                         bdp::test::read_file(e.path().string())));
  return pages;
}

/// Rules compiled from the embedded boilerplate grammar with `edit` applied to its text.
std::unique_ptr<bdp::BoilerplateRules> rules_with(const std::string& name,
                                                  const std::function<std::string(std::string)>& edit) {
  auto dir = std::filesystem::temp_directory_path() / name;
  std::filesystem::create_directories(dir);
  {
    std::ofstream out(dir / "boilerplate.grammar", std::ios::binary);
    out << edit(std::string(bdp::embedded_resource("boilerplate.grammar")));
  }
  std::vector<bdp::GrammarError> errors;
  auto r = bdp::BoilerplateRules::compile(bdp::Grammars::with_overrides(dir, errors), errors);
  REQUIRE(errors.empty());
  return r;
}

/// Every decision, score, site fact and diagnostic of `a` and `b` is the same.
void check_same(const bdp::BoilerplateResult& a, const bdp::BoilerplateResult& b) {
  REQUIRE(a.lines.size() == b.lines.size());
  for (std::size_t i = 0; i < a.lines.size(); ++i) {
    CAPTURE(i);
    CHECK(a.lines[i].keep == b.lines[i].keep);
    CHECK(a.lines[i].rule == b.lines[i].rule);
    CHECK(a.lines[i].score == b.lines[i].score);
  }
  CHECK(bdp::to_json(a.site).dump() == bdp::to_json(b.site).dump());
  REQUIRE(a.diagnostics.size() == b.diagnostics.size());
  for (std::size_t k = 0; k < a.diagnostics.size(); ++k) {
    CHECK(a.diagnostics[k].code == b.diagnostics[k].code);
    CHECK(a.diagnostics[k].line == b.diagnostics[k].line);
    CHECK(a.diagnostics[k].message == b.diagnostics[k].message);
  }
}

/// Every test page, then a page of `probes`.
std::vector<bdp::SourcePage> test_pages_and(const std::string& probes) {
  auto pages = pages_of({"tests/data/eval", "tests/data/unknown", "tests/data/boilerplate_probe", "samples"});
  pages.push_back(bdp::decode_page("probes.txt", probes));
  return pages;
}

/// Every page stripped by the embedded rules with a run-time switch off (`set_fast(false)`),
/// then on, the line memo off so that every line is read both ways: the same results.
void same_with_switch(const std::vector<bdp::SourcePage>& pages, void (*set_fast)(bool)) {
  const auto& r = *rules().bp;
  bdp::set_boilerplate_line_memo(false);
  set_fast(false);
  std::vector<bdp::BoilerplateResult> plain;
  for (const auto& page : pages) plain.push_back(bdp::strip_boilerplate(page, r));
  set_fast(true);
  std::vector<bdp::BoilerplateResult> fast;
  for (const auto& page : pages) fast.push_back(bdp::strip_boilerplate(page, r));
  bdp::set_boilerplate_line_memo(true);
  for (std::size_t k = 0; k < pages.size(); ++k) {
    CAPTURE(pages[k].path);
    check_same(plain[k], fast[k]);
  }
}

/// Rules compiled from the grammar `edit` makes with a fast path on (`set_fast(true)`) and off,
/// compared on every test page and a page of `probes`, the line memo off so that every line
/// is read both ways. Returns the probe page as the fast rules read it.
bdp::BoilerplateResult same_both_ways(const std::string& name,
                                      const std::function<std::string(std::string)>& edit,
                                      void (*set_fast)(bool), const std::string& probes) {
  const auto pages = test_pages_and(probes);
  auto fast = rules_with(name + "_fast", edit);
  set_fast(false);
  auto plain = rules_with(name + "_plain", edit);
  set_fast(true);
  bdp::set_boilerplate_line_memo(false);
  for (const auto& page : pages) {
    CAPTURE(page.path);
    check_same(bdp::strip_boilerplate(page, *plain), bdp::strip_boilerplate(page, *fast));
  }
  auto probed = bdp::strip_boilerplate(pages.back(), *fast);
  bdp::set_boilerplate_line_memo(true);
  return probed;
}

TEST_CASE("the line memo changes no result: pages described afresh, then from the memo") {
  // Every eval page and sample, stripped with the memo off (each line described afresh),
  // must come out the same on a thread whose memo holds the lines of all of them (the second
  // round finds every line there) and with a second rule set whose scores differ.
  const auto pages = pages_of({"tests/data/eval", "samples"});
  REQUIRE(pages.size() > 50);
  auto other = rules_with("bdp_boilerplate_memo_test", [](std::string g) {
    return replace_first(std::move(g), "\nw_len = 0.4\n", "\nw_len = 0.5\n");
  });
  for (const bdp::BoilerplateRules* r : {rules().bp.get(), other.get(), rules().bp.get()}) {
    bdp::set_boilerplate_line_memo(false);
    std::vector<bdp::BoilerplateResult> fresh;
    for (const auto& p : pages) fresh.push_back(bdp::strip_boilerplate(p, *r));
    bdp::set_boilerplate_line_memo(true);
    for (int round = 0; round < 2; ++round)
      for (std::size_t k = 0; k < pages.size(); ++k) {
        CAPTURE(pages[k].path);
        check_same(fresh[k], bdp::strip_boilerplate(pages[k], *r));
      }
  }
  // A page of more distinct lines than the memo holds (it starts afresh at 4 096), long and
  // short ones (folded or not), read with the memo off, then twice with it on.
  std::string many;
  for (int k = 0; k < 5000; ++k)
    many += (k % 3 ? "Wiersz " + std::to_string(k) + " menu"
                   : "Zdanie numer " + std::to_string(k) +
                         " opisuje działania gminy, które prowadzi ośrodek pomocy.") +
            "\n" + (k % 7 ? "" : "\n");
  const auto page = bdp::decode_page("many.txt", many);
  bdp::set_boilerplate_line_memo(false);
  const auto fresh = bdp::strip_boilerplate(page, *rules().bp);
  bdp::set_boilerplate_line_memo(true);
  for (int round = 0; round < 2; ++round) check_same(fresh, bdp::strip_boilerplate(page, *rules().bp));
}

TEST_CASE("the marker sets split by anchoring, long repetitions opened, change no result") {
  // The rules as compiled (patterns anchored at the line's start in a set of their own, long
  // counted repetitions opened up and confirmed by the pattern) against every pattern as
  // written in one set, on every test page and on probe lines for patterns whose anchoring
  // or bound is easy to get wrong: an alternative without '^', a group holding the '^', a
  // second flag group, bounds at their edge.
  auto with_probes = [](std::string g) {
    return g + "\n[strip]\n"
               "probe_alt = (?i)^zzq start|tail zzq\n"
               "probe_group = (?i)(^grouped probe|other grouped probe)\n"
               "probe_flags = (?i)(?s)^flagged probe\n"
               "probe_multi = (?m)^multi probe\n"
               "probe_bound = (?i)^bound probe .{0,70}$\n"
               "probe_float = inner probe [a-zł ]{2,66}x$\n"
               "probe_class = ^class probe [{]0,99[}]\n"
               "probe_edge = (?i)^edge guard\n"
               "guard = ^[a-z ]{0,64}x$\n";
  };
  std::string probes;
  for (const char* line : {"xx tail zzq yy", "zzq start here", "my other grouped probe",
                           "flagged probe", "multi probe", "class probe {0,99}", "class probe {0,"})
    probes += std::string(line) + "\n\n";
  for (int n : {69, 70, 71}) probes += "Bound probe " + std::string(static_cast<std::size_t>(n), 'a') + "\n\n";
  for (int n : {65, 66, 67}) {
    std::string run;
    for (int k = 0; k < n; ++k) run += k % 2 ? "ł" : "a";
    probes += "lead inner probe " + run + "x\n\n";
  }
  // A guard's opened form answers on lines of at most 64 bytes (its bound), the guard as
  // written on longer ones: 63, 64, 65 bytes match, 66 not.
  for (int n : {51, 52, 53, 54})
    probes += "edge guard " + std::string(static_cast<std::size_t>(n), 'a') + "x\n\n";
  const auto probed = same_both_ways("bdp_boilerplate_split_test", with_probes,
                                     bdp::set_boilerplate_marker_split, probes);
  // The probes decide what they should (so that the comparison above looks at them).
  std::vector<std::string> decided;
  for (std::size_t i = 0; i < probed.lines.size(); i += 2) decided.push_back(probed.lines[i].rule);
  const std::vector<std::string> expected = {
      "probe_alt",   "probe_alt",   "probe_group", "probe_flags", "probe_multi", "probe_class"};
  REQUIRE(decided.size() >= expected.size() + 7);
  for (std::size_t k = 0; k < expected.size(); ++k) CHECK(decided[k] == expected[k]);
  CHECK(decided[6] != "probe_class");
  CHECK(decided[7] == "probe_bound");  // 69 and 70 characters after the label, not 71
  CHECK(decided[8] == "probe_bound");
  CHECK(decided[9] != "probe_bound");
  CHECK(decided[10] == "probe_float");  // 65 and 66 letters, not 67
  CHECK(decided[11] == "probe_float");
  CHECK(decided[12] != "probe_float");
  REQUIRE(decided.size() >= 17);
  CHECK(decided[13] == "probe_edge");
  CHECK(decided[14] == "probe_edge");
  CHECK(decided[15] == "probe_edge");
  CHECK(decided[16] != "probe_edge");
}

TEST_CASE("the floating markers read through RE2's prefilter change no result") {
  // Every test page and probe lines, each line's floating markers found through the prefilter
  // (atoms in the line lower-cased as RE2 lower-cases them, candidates' own regexes, the
  // patterns without atoms as a set) and through the floating set alone. The probes hold
  // atoms behind Polish capitals (Ś, Ć, Ż, Ł: folded by table), letters the prefilter does not
  // fold (É, the Kelvin sign: such a line goes to the set), invalid UTF-8, and lines matched
  // only by patterns without atoms (dateline, postal code).
  std::string probes;
  for (const char* line :
       {"NIE PONOSI ODPOWIEDZIALNOŚCI ZA TREŚĆ zamieszczonych materiałów",
        "Wszelkie Prawa ZASTRZEŻONE", "© 2024 Miejski Ośrodek Pomocy Społecznej",
        "Ta strona używa PLIKÓW COOKIES, aby korzystać z serwisu zgodnie z polityką prywatności",
        "Informacja prasowa RÉSUMÉ: nie ponosi odpowiedzialności za treść",
        "Jo\xE2\x84\xAAomla! is free software", "Nr KONTA: 12 3456 7890",
        "Zapraszamy \xff\xfe do BIULETYNU informacji publicznej", "14.05.2021 r., godz. 10:30",
        "ul. Długa 5, 00-950 Łódź", "Strona główna › Pomoc społeczna › Asystent rodziny",
        "[Drukuj] [Powrót]", "Licznik odwiedzin: 12 345", "Wyświetleń: 1 873",
        "OPRAC. MK", "Chcesz otrzymywać nowości? Wpisz swój adres e-mail"})
    probes += std::string(line) + "\n\n";
  const auto pages = test_pages_and(probes);
  const auto& r = *rules().bp;
  same_with_switch(pages, bdp::set_boilerplate_marker_prefilter);
  // The probes behind Polish capitals are found (so that the comparison above looks at them).
  const auto probed = bdp::strip_boilerplate(pages.back(), r);
  REQUIRE(probed.lines.size() > 4);
  CHECK(probed.lines[0].rule == "doc_host");
  CHECK(probed.lines[2].rule == "copyright");
}

TEST_CASE("the anchored markers split by their start literals change no result") {
  // Rules whose anchored markers are one set against rules that run the keyword-led ones only
  // on lines starting with one of their literals, on every test page and on probe lines for
  // the ways a pattern's start is read: an optional group, a starred group, a digit, a flag
  // group, a named group, an escape, a class first (not read: always run); lines whose start
  // is in capitals, Polish capitals, or letters the check does not fold (the Kelvin sign and
  // the long s, which (?i) matches as k and s: such a line runs them).
  auto with_probes = [](std::string g) {
    return g + "\n[strip]\n"
               "probe_optional = (?i)^(very )?optional probe$\n"
               "probe_star = (?i)^(x-)*starred probe$\n"
               "probe_digit = ^\\d+ digit probe$\n"
               "probe_flags = ^(?i:inner) flag probe$\n"
               "probe_named = (?i)^(?P<w>named|called) probe$\n"
               "probe_escape = (?i)^\\[x\\] escaped probe$\n"
               "probe_polish = (?i)^śląsk probe$\n"
               "probe_kelvin = (?i)^kelvin probe$\n"
               "probe_sunny = (?i)^sunny probe$\n"
               "probe_class = ^[xy]led probe$\n";
  };
  const std::vector<std::pair<std::string, std::string>> probes = {
      {"VERY optional probe", "probe_optional"}, {"Optional Probe", "probe_optional"},
      {"x-X-starred probe", "probe_star"},       {"starred probe", "probe_star"},
      {"907 digit probe", "probe_digit"},        {"INNER flag probe", "probe_flags"},
      {"Called probe", "probe_named"},           {"[X] escaped probe", "probe_escape"},
      {"ŚLĄSK PROBE", "probe_polish"},           {"\xE2\x84\xAA" "elvin probe", "probe_kelvin"},
      {"\xC5\xBF" "unny probe", "probe_sunny"},  {"yled probe", "probe_class"}};
  std::string text;
  for (const auto& [line, rule] : probes) text += line + "\n\n";
  const auto probed = same_both_ways("bdp_boilerplate_anchor_split_test", with_probes,
                                     bdp::set_boilerplate_anchor_split, text);
  REQUIRE(probed.lines.size() >= 2 * probes.size() - 1);
  for (std::size_t k = 0; k < probes.size(); ++k) {
    CAPTURE(probes[k].first);
    CHECK(probed.lines[2 * k].rule == probes[k].second);
  }
}

TEST_CASE("counting and folding a line sixteen bytes at a time change no result") {
  // Every test page and generated lines (ASCII letters of both cases, digits, '@', '[', '`',
  // '{' and '/' beside the letters' and digits' ranges, Polish letters, a euro sign, dashes,
  // at every place of a block), each line's counts feeding its score and its folding the
  // comparisons of short lines: described byte by byte and in blocks, every decision and
  // score the same.
  // Blanks, tabs, NBSPs, an em space, DEL, a control byte and runs of more than sixteen
  // printable bytes make lines whose spaces are collapsed (a run skipped sixteen bytes at a
  // time up to its first blank or non-ASCII byte).
  const char* pieces[] = {"a", "Z", "7", "0", "9", "@", "[",    "`",      "{",
                          "/", " ", "ą", "Ł", "€", "—", "ab12", "Zażółć", "x",
                          "  ", "\t", "\xC2\xA0", "\xE2\x80\x83", "\x7F", "\x01", "!~",
                          "Tekst_bez_spacji-0123456789"};
  // A title copied further down in other cases and dashes (runs of more than sixteen ASCII
  // bytes folded, dashes made ASCII), then the generated lines.
  std::string probes =
      "Program Wspierania Rodziny ABCdefGHIjkl 2024–2027\n\nKARTA PRAKTYKI\n\n"
      "Tekst praktyki, który opisuje działania gminy w wielu słowach i zdaniach.\n\n"
      "PROGRAM WSPIERANIA RODZINY abcDEFghiJKL 2024-2027\n\nStrona 1\n\n"
      "program wspierania rodziny ABCDEFGHIJKL 2024—2027\n\nStrona 2\n\n";
  std::uint32_t state = 12345;
  auto next = [&] {
    state = state * 1103515245u + 12345u;
    return (state >> 16) & 0x7FFF;
  };
  for (int line = 0; line < 400; ++line) {
    const int n = static_cast<int>(next() % 40) + 1;
    std::string text = next() % 2 ? "Ab" : next() % 2 ? " " : "";
    for (int k = 0; k < n; ++k) text += pieces[next() % std::size(pieces)];
    probes += text + "\n\n";
  }
  same_with_switch(test_pages_and(probes), bdp::set_boilerplate_count_blocks);
}

TEST_CASE("the floating markers' atom scan reads eight bytes a step as it reads byte by byte") {
  // Every line of every test page and generated lines: pieces holding the floating markers'
  // atoms in both cases and with Polish capitals, at every place of an eight-byte word (a
  // prefix of 0-7 bytes), cut by two- and three-byte characters, invalid bytes and characters
  // whose folding is not checked (É, the Kelvin sign, the long s). Each line's atoms (or that
  // the scan cannot read it) are the same both ways, and the strip results are too.
  const auto& r = *rules().bp;
  const char* pieces[] = {"cookie",    "COOKIES",    "Ciasteczka", "ciastecz", "WYŚWIETLEŃ",
                          "wyświetleń", "Odsłon",    "ODWIEDZIN",  "licznik",  "Joomla!",
                          "Newsletter", "biuletyn informacji publicznej", "nr konta", "oprac. KN",
                          "PROSTO NA TWOJĄ SKRZYNKĘ", " ", "a", "7", "ą", "Ł", "€", "—", "É",
                          "\xE2\x84\xAA", "\xC5\xBF", "\xFF", "\xC3", "x", ".", "-", "ab12cd34"};
  std::string probes;
  std::uint32_t state = 777;
  auto next = [&] {
    state = state * 1103515245u + 12345u;
    return (state >> 16) & 0x7FFF;
  };
  std::vector<std::string> lines;
  for (int line = 0; line < 3000; ++line) {
    std::string text(next() % 8, 'x');
    const int n = static_cast<int>(next() % 12) + 1;
    for (int k = 0; k < n; ++k) text += pieces[next() % std::size(pieces)];
    lines.push_back(text);
    probes += text + "\n\n";
  }
  const auto pages = test_pages_and(probes);
  for (const auto& page : pages)
    for (std::size_t i = 0; i < page.line_count(); ++i) lines.emplace_back(page.line(i));
  int read = 0, with_atoms = 0;
  for (const auto& line : lines) {
    CAPTURE(line);
    const auto plain = bdp::detail::boilerplate_line_atoms(r, line, false);
    const auto fast = bdp::detail::boilerplate_line_atoms(r, line, true);
    REQUIRE(plain.has_value() == fast.has_value());
    if (!plain) continue;
    ++read;
    with_atoms += !plain->empty();
    CHECK(*plain == *fast);
  }
  CHECK(read > 5000);
  CHECK(with_atoms > 2000);
  same_with_switch(pages, bdp::set_boilerplate_scan_blocks);
}

TEST_CASE("the bytes a regex requires, and the floating markers without atoms gated by them") {
  using bdp::detail::boilerplate_required_bytes;
  // The dateline (a digit, or the '-' of the ISO date: every alternative holds one; the blank
  // is dearer than a digit), the
  // postal code ('-' is the rarest of its items), `][`, case-blind letters (k and s have
  // non-ASCII partners: no requirement), optional items, alternations, groups, classes.
  CHECK(boilerplate_required_bytes(
            R"((?i)(\d{1,2}[./-]\d{1,2}[./-]\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2} \pL{3,} \d{4})( r\.)?$)") ==
        "-0123456789");
  CHECK(boilerplate_required_bytes(R"(\b\d{2}-\d{3} \pL)") == "-");
  CHECK(boilerplate_required_bytes(R"(\]\s*\[)") == "]");
  CHECK(boilerplate_required_bytes("(?i)ab") == "Aa");
  CHECK(boilerplate_required_bytes("(?i)k") == std::nullopt);
  CHECK(boilerplate_required_bytes("(?i)skx") == "Xx");
  CHECK(boilerplate_required_bytes("(?i)(?-i:k)") == "k");
  CHECK(boilerplate_required_bytes("(?i:s)(?-i)s") == "s");
  CHECK(boilerplate_required_bytes("x?y") == "y");
  CHECK(boilerplate_required_bytes("x*") == std::nullopt);
  CHECK(boilerplate_required_bytes("x+") == "x");
  CHECK(boilerplate_required_bytes("x{0,3}y") == "y");
  CHECK(boilerplate_required_bytes("x{00,3}") == std::nullopt);
  CHECK(boilerplate_required_bytes("x{2}") == "x");
  CHECK(boilerplate_required_bytes("x{") == std::nullopt);
  CHECK(boilerplate_required_bytes("[ab]") == std::nullopt);
  CHECK(boilerplate_required_bytes(".") == std::nullopt);
  CHECK(boilerplate_required_bytes("a|b") == "ab");
  CHECK(boilerplate_required_bytes("a|") == std::nullopt);
  CHECK(boilerplate_required_bytes("(a|b)c") == "c");
  CHECK(boilerplate_required_bytes("(?:a|)c") == "c");
  CHECK(boilerplate_required_bytes("(?P<n>a|b)") == "ab");
  CHECK(boilerplate_required_bytes("(a|b)?") == std::nullopt);
  CHECK(boilerplate_required_bytes("\\.pdf") == ".");
  CHECK(boilerplate_required_bytes("ż") == std::nullopt);
  CHECK(boilerplate_required_bytes("(?x)a b") == std::nullopt);
  CHECK(boilerplate_required_bytes("\\Qab\\E") == std::nullopt);

  // Sound on every regex of the boilerplate grammar and every line of the test pages (each
  // text once): a line holding none of a regex's required bytes is matched by it nowhere.
  const auto pages = test_pages_and("");
  std::set<std::string_view> lines;
  for (const auto& page : pages)
    for (std::size_t i = 0; i < page.line_count(); ++i) lines.insert(page.line(i));
  const auto grammars = bdp::Grammars::embedded();
  int regexes = 0, checked = 0;
  std::vector<std::string> wrong;
  for (const auto& section : grammars.file("boilerplate.grammar")->sections)
    for (const auto& e : section.entries) {
      if (e.value.empty()) continue;
      const auto req = boilerplate_required_bytes(e.value);
      if (!req) continue;
      RE2 re(bdp::narrow_unicode_classes(e.value), RE2::Quiet);
      if (!re.ok()) continue;
      ++regexes;
      for (std::string_view line : lines) {
        if (line.find_first_of(*req) != std::string_view::npos) continue;
        ++checked;
        if (RE2::PartialMatch(line, re)) wrong.push_back(e.value + " matches " + std::string(line));
      }
    }
  CHECK(wrong == std::vector<std::string>{});
  CHECK(regexes > 60);
  CHECK(checked > 50000);

  // The strip results with the gate and without, on every test page and on lines that only
  // the atom-less markers match (datelines, postal codes, `][`), with and without digits.
  const std::string probes =
      "Kraków, 12 marca 2024\n\n12.03.2024\n\n2024-03-12, 10:45\n\n00-950 Warszawa\n\n"
      "[Start] [Kontakt] [Mapa strony]\n\nul. Długa 5, 62-300 Września\n\n"
      "Redakcja | 14.11.2023, 08:45\n\nTekst bez cyfr i nawiasów, zwykłe zdanie o pomocy.\n\n"
      "Spotkanie - rozmowa - warsztat\n\n";
  same_with_switch(test_pages_and(probes), bdp::set_boilerplate_rest_gate);
}

TEST_CASE("a counter line without dates read without replacing them changes no result") {
  // Counter lines with and without dates (a date whose day would be read as the figure if it
  // were not replaced, an impossible date, a date the since line holds), page dates, and every
  // test page: the same visitors, since dates, page views and decisions both ways.
  const std::string probes =
      "Licznik odwiedzin od 01.04.2008: 12 345\n\nTekst strony, który opisuje pomoc gminy.\n\n"
      "Licznik odwiedzin: 48 215\n\nOdwiedzin 2024-03-12 razem 7 001\n\n"
      "Licznik: 1 577 890 odwiedzin od 1 kwietnia 2008 r.\n\nLicznik odwiedzin\n184502\n"
      "od 31.02.2009\n\nGości: 12 od 31 lutego 2010\n\nOpublikowano: 14.05.2020\n\n"
      "Data publikacji: 2021-13-40\n\nLiczba odwiedzin: 318\n\n";
  same_with_switch(test_pages_and(probes), bdp::set_boilerplate_counter_date_skip);
}

TEST_SUITE("boilerplate") {

TEST_CASE("a length guard ^.{0,N}$ is a count of code points, as RE2 reads it") {
  // The embedded guards of that form are checked by counting; spelled so that they stay
  // regexes ("^(?:.){0,N}$"), they must give every page the same decisions.
  std::string grammar(bdp::embedded_resource("boilerplate.grammar"));
  std::string as_regex;
  int rewritten = 0;
  for (std::size_t pos = 0; pos < grammar.size();) {
    std::size_t end = grammar.find('\n', pos);
    if (end == std::string::npos) end = grammar.size();
    std::string line = grammar.substr(pos, end - pos);
    if (line.starts_with("guard = ^.{0,") && line.ends_with("}$")) {
      line = "guard = ^(?:.){0," + line.substr(13);
      ++rewritten;
    }
    as_regex += line + "\n";
    pos = end + 1;
  }
  REQUIRE(rewritten >= 5);
  auto dir = std::filesystem::temp_directory_path() / "bdp_boilerplate_guard_test";
  std::filesystem::create_directories(dir);
  {
    std::ofstream out(dir / "boilerplate.grammar", std::ios::binary);
    out << as_regex;
  }
  std::vector<bdp::GrammarError> errors;
  auto regex_rules = bdp::BoilerplateRules::compile(bdp::Grammars::with_overrides(dir, errors), errors);
  REQUIRE(errors.empty());
  std::vector<bdp::SourcePage> pages;
  for (const char* d : {"tests/data/eval", "tests/data/unknown", "samples"})
    for (const auto& e : std::filesystem::directory_iterator(std::string(BDP_SOURCE_DIR) + "/" + d))
      if (e.path().extension() == ".txt")
        pages.push_back(bdp::decode_page(e.path().filename().string(),
                                         bdp::test::read_file(e.path().string())));
  // lines of guarded markers at their bounds, with two-byte letters: N code points in, N + 1 out
  std::string near;
  for (const auto& [prefix, bound] : {std::pair<std::string, int>{"Udostępnij: ", 80},
                                      {"Pogoda: ", 60},
                                      {"Następny artykuł ", 160}})
    for (int n : {bound - 1, bound, bound + 1}) {
      std::string line = prefix;
      for (int k = static_cast<int>(bdp::count_code_points(prefix)); k < n; ++k) line += k % 2 ? "ł" : "a";
      near += line + "\n\n";
    }
  pages.push_back(bdp::decode_page("bounds.txt", near));
  for (const auto& page : pages) {
    CAPTURE(page.path);
    auto a = bdp::strip_boilerplate(page, *rules().bp);
    auto b = bdp::strip_boilerplate(page, *regex_rules);
    REQUIRE(a.lines.size() == b.lines.size());
    for (std::size_t i = 0; i < a.lines.size(); ++i) {
      CAPTURE(i);
      CHECK(a.lines[i].keep == b.lines[i].keep);
      CHECK(a.lines[i].rule == b.lines[i].rule);
    }
  }
}

TEST_CASE("article navigation whose label ends in a Polish letter ('Poprzedni artykuł: …')") {
  // RE2's \b is ASCII-only: "artykuł" followed by ':' had no word boundary, and the lines
  // were kept as "Label: value" fields.
  const std::string body = "Asystent rodziny\n\nAsystent rodziny pracuje z rodzinami, które mają "
                           "trudności w opiece i wychowaniu dzieci, w ich domu.\n\nO przydzieleniu asystenta "
                           "decyduje kierownik Ośrodka na wniosek pracownika socjalnego.\n\n";
  auto s = strip(body + "Poprzedni artykuł: Dodatek osłonowy 2023\nNastępny artykuł: Ferie zimowe "
                        "w świetlicy\n\n« Poprzedni artykuł\nNowszy wpis: Dzień Seniora\n");
  check(s, {{"Asystent rodziny pracuje"},
            {"Poprzedni artykuł: Dodatek", "Następny artykuł: Ferie", "« Poprzedni artykuł",
             "Nowszy wpis: Dzień"},
            std::nullopt, "", "", ""});
  // a word that only begins with the label's letters is no navigation
  auto t = strip(body + "Następny artykułem tej serii będzie opis pracy z rodziną zastępczą i jej "
                        "dziećmi w Kraśniku.\n");
  CHECK(t.kept.find("Następny artykułem") != std::string::npos);
}

TEST_CASE("a short page's title and paragraph over furniture lines are not the site's header") {
  // The furniture under the text made a menu block, and the two lines above the page's first
  // menu block were taken for the site's header: the whole page was dropped.
  auto s = strip("Asystent rodziny\n\nAsystent rodziny pracuje z rodzinami, które mają trudności "
                 "w opiece i wychowaniu dzieci, w ich domu.\n\nPoprzedni artykuł: Dodatek osłonowy "
                 "2023\nNastępny artykuł: Ferie zimowe w świetlicy\nDrukuj\n");
  check(s, {{"Asystent rodziny pracuje"}, {"Poprzedni artykuł", "Następny artykuł", "Drukuj"},
            std::nullopt, "", "", ""});
  // a site's name over its menu is still header
  auto h = strip("MOPS Kraśnik\n\nStart\nO nas\nAktualności\nKontakt\n\nAsystent rodziny pracuje "
                 "z rodzinami, które mają trudności w opiece i wychowaniu dzieci, w ich domu.\n");
  check(h, {{"Asystent rodziny pracuje"}, {"MOPS Kraśnik", "O nas"}, std::nullopt, "", "", ""});
}

TEST_CASE("a sponsor line naming its project in quotes ('Projekt „Rodzina w centrum” współfinansowany …')") {
  // The quoted name between "Projekt" and "współfinansowany" hid the sponsor start; a long
  // line ending in a full stop then read as body.
  const std::string head = "Rodzina w centrum\n\nPowiatowe Centrum Pomocy Rodzinie zaprasza rodziny "
                           "zastępcze do udziału w projekcie, w którym oferujemy terapię rodzinną.\n\n";
  const std::string meta = "\n\nData dodania: 04.05.2018\nDodał: Administrator\n";
  for (const char* footer :
       {"Projekt „Rodzina w centrum” współfinansowany ze środków Europejskiego Funduszu Społecznego "
        "w ramach Regionalnego Programu Operacyjnego Województwa Warmińsko-Mazurskiego na lata "
        "2014-2020.",
        "Projekt \"Aktywni razem\" realizowany w ramach Europejskiego Funduszu Społecznego."}) {
    CAPTURE(footer);
    auto s = strip(head + footer + meta);
    check(s, {{"Powiatowe Centrum Pomocy Rodzinie zaprasza"}, {footer}, std::nullopt, "",
              "2018-05-04", "Europejski Fundusz Społeczny"});
  }
}

TEST_CASE("a slide host's figures about the file ('Liczba slajdów: 7') are its metadata") {
  // "Prezentacja: …" and "Liczba slajdów: 7" over a deck were kept as "Label: value" fields.
  auto s = strip("Prezentacja: Program przeciwdziałania przemocy w rodzinie\nKategoria: Pomoc "
                 "społeczna\nLiczba slajdów: 7\n\nSlajd 1\nPowiatowy Program Przeciwdziałania "
                 "Przemocy\n\nSlajd 2\nW 2020 roku wszczęto 312 procedur „Niebieskie Karty”.\n\n"
                 "Slajd 3\nCel główny: ograniczenie zjawiska przemocy w rodzinie.\n");
  check(s, {{"Powiatowy Program", "312 procedur", "Cel główny"},
            {"Prezentacja: Program", "Kategoria: Pomoc", "Liczba slajdów: 7"}, std::nullopt, "", "",
            ""});
  // with the views on the same line, the views are still read
  auto v = strip("Liczba stron: 12 · Rozmiar: 1,3 MB · Wyświetleń: 984\n\nSprawozdanie z działalności "
                 "ośrodka za rok 2023, w którym opisano pomoc udzieloną rodzinom.\n");
  CHECK(v.result.site.page_views == std::optional<std::int64_t>(984));
}

TEST_CASE("an English host's view count with a comma between thousands ('1,284 views')") {
  auto s = strip("Asystent rodziny w Gminie Wadowice\n\nMar. 14, 2019\n1,284 views\n\nAsystent "
                 "rodziny pracuje z rodziną w jej miejscu zamieszkania i pomaga jej w opiece nad "
                 "dziećmi.\n");
  CHECK(s.dropped.find("1,284 views") != std::string::npos);
  CHECK(s.result.site.page_views == std::optional<std::int64_t>(1284));
  CHECK_FALSE(s.result.site.visitors);
}

TEST_CASE("a news item's dateline and a blog post's byline give the page's date") {
  const std::string title = "Klub Seniora zaprasza na zajęcia\n\n";
  const std::string body = "\n\nOd kwietnia w budynku dawnej szkoły działa klub seniora, utworzony "
                           "przez ośrodek pomocy społecznej w ramach programu.\n";
  struct Case {
    const char* line;
    const char* date;
  };
  const Case cases[] = {
      {"12 marca 2024", "2024-03-12"},
      {"Redakcja | 14.11.2023, 08:45", "2023-11-14"},
      {"Monika Zawadzka | 22 marca 2024, 11:05 | aktualizacja: 12:40", "2024-03-22"},
      {"Wpis opublikowany 2 października 2023 przez Administrator", "2023-10-02"},
      {"Zamieszczono 8 stycznia 2024 przez admin_mops", "2024-01-08"},
      // the update's date written as the publication's, ISO or dotted
      {"Anna Wiśniewska | 2023-05-17, 09:30 | edycja: 2023-05-18, 10:02", "2023-05-17"},
      {"oprac. red. | 03.02.2022, 12:00 | zmiana: 2022-02-04, 08:15", "2022-02-03"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.line);
    auto s = strip(title + c.line + body);
    check(s, {{"Od kwietnia w budynku"}, {c.line}, std::nullopt, "", c.date, ""});
  }
  // a place and date line of a document is no dateline: body, no page date
  auto d = strip(title + "Zarzecze, 27 marca 2024 r." + body);
  CHECK(d.result.site.page_date.empty());
  // a sentence's end wrapped onto its own line is no dateline: "w" is no month
  auto w = strip(title + "Liczba opiekunek zatrudnionych przez ośrodek wzrosła z 14 w 2018 r. do\n"
                         "22 w 2020 r." + body);
  CHECK(w.kept.find("22 w 2020 r.") != std::string::npos);
  CHECK(w.result.site.page_date.empty());
}

TEST_CASE("SlideShare's 'Slide N: Title' lines separate slides; a contact slide stays a slide") {
  // The titled markers were not slide markers: the page was no deck, the first slide's lines
  // were dropped as short, a list item as a menu, and the contact slide as the page's footer.
  auto s = strip("SlideShare\nExplore\nUpload\nLogin\n\n"
                 "Slide 1: Asystent rodziny w Gminie Wadowice\nOśrodek Pomocy Społecznej w "
                 "Wadowicach\nWadowice, marzec 2019\n\n"
                 "Slide 2: Kim jest asystent rodziny?\nAsystent rodziny pracuje z rodziną w jej "
                 "miejscu zamieszkania.\n\n"
                 "Slide 3: Formy pracy\nWizyty w domu rodziny\nPomoc w prowadzeniu gospodarstwa "
                 "domowego\nTowarzyszenie w wizytach w urzędach\n\n"
                 "Slide 4: Kontakt\nOśrodek Pomocy Społecznej w Wadowicach\nul. Lwowska 23\n"
                 "34-100 Wadowice\ntel. 33 873 18 20\nops@wadowice.pl\n\n"
                 "Recommended\nRodzina wspierająca – nowa forma pomocy\nPiecza zastępcza w Polsce\n"
                 "Fundacja Dzieci Niczyje\n\nAbout\nSupport\nTerms\nPrivacy\n");
  check(s, {{"Slide 1: Asystent", "Wadowice, marzec 2019", "Slide 3: Formy pracy",
             "Towarzyszenie w wizytach", "Slide 4: Kontakt", "ul. Lwowska 23", "34-100 Wadowice",
             "tel. 33 873 18 20", "ops@wadowice.pl"},
            {"Explore", "Recommended", "Piecza zastępcza w Polsce", "Privacy"}, std::nullopt, "", "",
            ""});
  // bare markers: the last slide's whole block is the slide, its address line too
  auto b = strip("Slajd 1\nPomoc dla rodzin w Gminie Łagów\nSlajd 2\nDlaczego asystent?\nSlajd 3\n"
                 "Cel 1. Wsparcie rodzin z dziećmi\nSlajd 4\nKontakt\nGminny Ośrodek Pomocy "
                 "Społecznej\nul. Rynek 1, 26-025 Łagów\ntel. 41 307 40 12\n");
  check(b, {{"Kontakt", "ul. Rynek 1, 26-025 Łagów", "tel. 41 307 40 12"}, {"Slajd 4"},
            std::nullopt, "", "", ""});
}

TEST_CASE("the institution's staff list under the page's text ('Kadra GOPS') is furniture") {
  // Its "Kierownik: …" lines were kept as "Label: value" fields; the page's own contact lines
  // above it stay.
  auto s = strip("Posiłek w szkole i w domu\n\nGminny Ośrodek Pomocy Społecznej informuje, że w "
                 "2024 roku kontynuowany jest rządowy program pomocy w zakresie dożywiania.\n\n"
                 "Wnioski przyjmują pracownicy socjalni:\nMarta Kos – tel. 59 821 44 02\n\n"
                 "Kadra GOPS\nKierownik: Elżbieta Nowicka\nGłówny księgowy: Danuta Klein\n"
                 "Pracownicy socjalni: Marta Kos, Piotr Adamczyk\n");
  check(s, {{"Gminny Ośrodek Pomocy Społecznej informuje", "Marta Kos – tel. 59 821 44 02"},
            {"Kadra GOPS", "Kierownik: Elżbieta", "Główny księgowy", "Pracownicy socjalni: Marta"},
            std::nullopt, "", "", ""});
}

TEST_CASE("'Data wpisu:' is the page's metadata and its date") {
  // It was kept as a "Label: value" field, and under it the page's title was lost.
  const std::string body = "\n\nW 2023 roku z pomocy asystentów rodziny skorzystało 58 rodzin, "
                           "w których wychowywało się 131 dzieci.\n";
  auto s = strip("Asystent rodziny – podsumowanie 2023 roku\n\nData wpisu: 2024-02-11" + body);
  check(s, {{"Asystent rodziny – podsumowanie", "58 rodzin"}, {"Data wpisu"}, std::nullopt, "",
            "2024-02-11", ""});
  CHECK(s.result.lines[0].rule == "title");
}

TEST_CASE("a back link to a list ('Wróć do listy aktualności') is furniture, not the title") {
  // The line after a breadcrumb is the title: the back link was.
  const std::string body = "\n\nW 2023 roku z pomocy asystentów rodziny skorzystało 58 rodzin, "
                           "w których wychowywało się 131 dzieci.\n";
  for (const char* link : {"Wróć do listy aktualności", "« Powrót do strony głównej",
                           "« wróć do wyników wyszukiwania"}) {
    CAPTURE(link);
    // under a breadcrumb, the line after it was taken for the title
    auto s = strip("Strona główna › Aktualności › Asystent rodziny\n\n" + std::string(link) +
                   "\n\nAsystent rodziny – podsumowanie 2023 roku" + body);
    check(s, {{"Asystent rodziny – podsumowanie", "58 rodzin"}, {link}, std::nullopt, "", "", ""});
  }
}

TEST_CASE("a newsletter box is furniture") {
  const std::string body = "\n\nW 2023 roku z pomocy asystentów rodziny skorzystało 58 rodzin, "
                           "w których wychowywało się 131 dzieci.\n";
  auto s = strip("Asystent rodziny – podsumowanie 2023 roku" + body +
                 "\nNewsletter\nZapisz się, aby otrzymywać informacje o nowych naborach.\nZapisz się\n");
  check(s, {{"58 rodzin"}, {"Newsletter", "Zapisz się, aby otrzymywać", "Zapisz się\n"},
            std::nullopt, "", "", ""});
}

TEST_CASE("a view count whose figure stands alone under its label ('Liczba wyświetleń' / '57')") {
  // Only figures of three digits or more were read from the next line.
  const std::string body = "\n\nW 2023 roku z pomocy asystentów rodziny skorzystało 58 rodzin, "
                           "w których wychowywało się 131 dzieci.\n";
  auto s = strip("Asystent rodziny – podsumowanie 2023 roku" + body +
                 "\nData wytworzenia informacji\n2024-02-02\nLiczba wyświetleń\n57\n");
  CHECK(s.result.site.page_views == std::optional<std::int64_t>(57));
  CHECK(s.dropped.find("57") != std::string::npos);
}

TEST_CASE("sidebar widgets under the text: calendar, name days, poll") {
  // Under the body they were kept: the calendar's rows of figures as a body block, the name
  // days as a field, the poll's question as body.
  auto s = strip("Bezpłatna pomoc prawna\n\nGminny Ośrodek Pomocy Społecznej informuje, że od lutego "
                 "w budynku Ośrodka dyżuruje radca prawny, a porady są bezpłatne.\n\nKalendarz\n"
                 "Pn Wt Śr Cz Pt So N\n1 2 3 4 5 6 7\n8 9 10 11 12 13 14\n\nImieniny obchodzą: "
                 "Anny, Jana, Pawła\n\nSonda\nCzy korzystałeś z pomocy GOPS?\nTak\nNie\nGłosuj\n"
                 "Wyniki\n");
  check(s, {{"dyżuruje radca prawny"},
            {"Kalendarz", "Pn Wt Śr", "1 2 3 4 5 6 7", "8 9 10", "Imieniny obchodzą", "Sonda",
             "Czy korzystałeś", "Głosuj"},
            std::nullopt, "", "", ""});
}

TEST_CASE("a counter in a BIP metryczka counts the document's views, not the site's visitors") {
  const std::string head = "Gminny Program Wspierania Rodziny\n\nProgram został przyjęty uchwałą "
                           "Rady Miejskiej i jest realizowany przez ośrodek pomocy społecznej.\n\n";
  auto s = strip(head + "Metryczka\nWytworzył: Joanna Kruk\nData publikacji: 2024-01-10 09:14\n"
                        "Liczba odwiedzin: 318\n");
  CHECK_FALSE(s.result.site.visitors);
  CHECK(s.result.site.page_views == std::optional<std::int64_t>(318));
  CHECK(s.dropped.find("Liczba odwiedzin: 318") != std::string::npos);
  // the site's counter in its own block is still the site's visitors
  auto v = strip(head + "Metryczka\nWytworzył: Joanna Kruk\n\nLiczba odwiedzin: 184 522\n");
  CHECK(v.result.site.visitors == std::optional<std::int64_t>(184522));
  CHECK_FALSE(v.result.site.page_views);
}

TEST_CASE("a modification stamp under an article ('Aktualizacja: …', 'Poprawiono: …') is metadata") {
  // Both were kept as "Label: value" fields at the end of the text.
  const std::string body = "\n\nW 2023 roku z pomocy asystentów rodziny skorzystało 58 rodzin, "
                           "w których wychowywało się 131 dzieci.\n\n";
  auto s = strip("Asystent rodziny – podsumowanie 2023 roku" + body +
                 "Aktualizacja: 2024-02-07 15:40\nPoprawiono: czwartek, 11 styczeń 2024 10:31\n"
                 "Zmodyfikowano: 12.01.2024\n");
  check(s, {{"58 rodzin"}, {"Aktualizacja: 2024", "Poprawiono: czwartek", "Zmodyfikowano"},
            std::nullopt, "", "", ""});
  // an update note in the text is not a stamp
  auto t = strip("Asystent rodziny – podsumowanie 2023 roku" + body +
                 "Aktualizacja: od 1 lipca 2024 r. kryterium dochodowe wzrasta do 1 010 zł.\n");
  check(t, {{"Aktualizacja: od 1 lipca"}, {}, std::nullopt, "", "", ""});
}

TEST_CASE("site builders' and social posts' own lines (Wix, Facebook, a WordPress comment form)") {
  // Each was kept: as the title, as body ("Ta strona została stworzona …" reads as a
  // sentence), or as an in-body line between a post and its comments.
  const std::string body = "\n\nOd 2 kwietnia 2024 r. zapraszamy seniorów na zajęcia w Klubie przy ul. "
                           "Gdańskiej 7, a udział w zajęciach jest bezpłatny.\n\n";
  auto wix = strip("top of page\nTa strona została stworzona w kreatorze Wix.com. Utwórz własną stronę "
                   "już dziś.\nZaczynamy\nUse tab to navigate through the menu items.\n\nKlub Seniora "
                   "w Kętach" + body + "bottom of page\n");
  check(wix, {{"Klub Seniora w Kętach", "zapraszamy seniorów"},
              {"top of page", "stworzona w kreatorze Wix", "Use tab to navigate", "bottom of page"},
              std::nullopt, "", "", ""});
  auto fb = strip("Facebook\nZaloguj się\nZapomniałeś(-aś) konta?\n3 dni ·\nKlub Seniora w Kętach" +
                  body + "12 udostępnień\nLubię to!\nNajtrafniejsze\nOdpowiedz\n"
                  "Wyświetl więcej komentarzy\nNapisz komentarz...\n");
  check(fb, {{"zapraszamy seniorów"},
             {"Zapomniałeś(-aś) konta?", "3 dni ·", "12 udostępnień", "Lubię to!", "Najtrafniejsze",
              "Odpowiedz", "Wyświetl więcej komentarzy", "Napisz komentarz"},
             std::nullopt, "", "", ""});
  auto wp = strip("Klub Seniora w Kętach" + body +
                  "Zapisz moje dane, adres e-mail i witrynę w przeglądarce aby wypełnić dane podczas "
                  "pisania kolejnych moich komentarzy.\nJoomla! jest darmowym oprogramowaniem dostępnym "
                  "na licencji GNU/GPL.\n");
  check(wp, {{"zapraszamy seniorów"}, {"Zapisz moje dane", "Joomla! jest darmowym"}, std::nullopt,
             "", "", ""});
  // a figure and unit alone in a table row is no post age
  auto table = strip("Klub Seniora w Kętach" + body + "Czas zajęć w tygodniu:\n12 godz.\n\n"
                     "Zajęcia prowadzą wolontariusze i pracownicy ośrodka pomocy społecznej.\n");
  check(table, {{"12 godz."}, {}, std::nullopt, "", "", ""});
}

TEST_CASE("a newsletter box's offer and thanks in other words are furniture") {
  // The offer read as a sentence and was kept, and kept the box's heading with it.
  const std::string body = "\n\nW 2023 roku z pomocy asystentów rodziny skorzystało 58 rodzin, "
                           "w których wychowywało się 131 dzieci.\n\n";
  auto s = strip("Asystent rodziny – podsumowanie 2023 roku" + body +
                 "Newsletter\nChcesz otrzymywać informacje o naborach i programach? Podaj adres "
                 "e-mail.\nZapisz się\n\nNajważniejsze informacje z regionu prosto na Twoją "
                 "skrzynkę.\nDziękujemy za subskrypcję!\n");
  check(s, {{"58 rodzin"},
            {"Newsletter", "Chcesz otrzymywać informacje", "prosto na Twoją skrzynkę",
             "Dziękujemy za subskrypcję"},
            std::nullopt, "", "", ""});
  // an e-mail address asked for in the text is not a newsletter
  auto t = strip("Asystent rodziny – podsumowanie 2023 roku" + body +
                 "Aby zapisać się na warsztaty, wyślij formularz zgłoszeniowy i podaj adres e-mail.\n");
  check(t, {{"wyślij formularz zgłoszeniowy"}, {}, std::nullopt, "", "", ""});
}

TEST_CASE("a title opening with a quoted name ('„Ciepły kąt” – punkt wsparcia …') is the title") {
  // The title search above the body wanted a capital letter first and gave up at the quote.
  auto s = strip("Aktualności\nKontakt\nGaleria\n\n„Ciepły kąt” – punkt wsparcia w okresie zimowym\n\n"
                 "Gminny Ośrodek Pomocy Społecznej informuje, że od 15 grudnia w świetlicy przy ul. "
                 "Szkolnej 2 działa punkt, w którym można się ogrzać.\n");
  CHECK(s.result.lines[4].keep);
  CHECK(s.result.lines[4].rule == "title");
}

TEST_CASE("a subheading over a block of figures after the last paragraph leads the block in") {
  // "Plan dnia" over its timetable, under the last paragraph: the heading scored as
  // furniture, which broke the chain of body blocks, and the timetable went with it.
  auto s = strip("Dzienny Dom Pomocy w Mławie\n\nDzienny Dom Pomocy zapewnia seniorom całodzienny "
                 "pobyt, dwa posiłki dziennie oraz zajęcia terapeutyczne dla uczestników.\n\n"
                 "Plan dnia\n\n8:00 śniadanie\n9:00 gimnastyka usprawniająca\n13:00 obiad\n\n"
                 "© 2024 MOPS Mława\n\nDeklaracja dostępności\n");
  check(s, {{"Plan dnia", "8:00 śniadanie", "13:00 obiad"}, {"© 2024", "Deklaracja dostępności"},
            std::nullopt, "", "", ""});
  // a link list's heading over links is no subheading
  auto t = strip("Dzienny Dom Pomocy w Mławie\n\nDzienny Dom Pomocy zapewnia seniorom całodzienny "
                 "pobyt, dwa posiłki dziennie oraz zajęcia terapeutyczne dla uczestników.\n\n"
                 "Na skróty\n\nDodatki mieszkaniowe\nKarta Dużej Rodziny\nPrzetargi\n");
  check(t, {{"zajęcia terapeutyczne"}, {"Na skróty", "Karta Dużej Rodziny"}, std::nullopt, "", "", ""});
}

TEST_CASE("a table's header row is navigation only when every row of its table is") {
  // "| Dochód osoby | Odpłatność za dzień |" split as navigation, and the table under its
  // heading lost the chain to the body above.
  const std::string head = "Dzienny Dom Pomocy w Mławie\n\nDzienny Dom Pomocy zapewnia seniorom "
                           "całodzienny pobyt, dwa posiłki dziennie oraz zajęcia terapeutyczne.\n\n";
  auto s = strip(head + "Odpłatność\n\n| Dochód osoby | Odpłatność za dzień |\n| do 1 207 zł | "
                        "nieodpłatnie |\n| powyżej 1 207 zł | 10 zł |\n\n© 2024 MOPS Mława\n");
  check(s, {{"Odpłatność\n", "| Dochód osoby |", "| powyżej 1 207 zł | 10 zł |"}, {"© 2024"},
            std::nullopt, "", "", ""});
  // a menu laid out as a table is still navigation
  auto t = strip("| Strona główna | Aktualności | Kontakt |\n| Pomoc społeczna | Świadczenia |\n\n" +
                 head);
  check(t, {{"zajęcia terapeutyczne"}, {"| Strona główna |", "| Pomoc społeczna |"}, std::nullopt,
            "", "", ""});
}

TEST_CASE("'Partnerzy projektu:' over a list with the text going on below is the text's list") {
  // The heading started a sponsor footer and took the list of partners with it.
  const std::string head = "Ruszyła druga edycja projektu\n\nOd 1 marca 2024 r. realizujemy drugą "
                           "edycję projektu skierowanego do kobiet wracających na rynek pracy.\n\n";
  const std::string list = "Partnerzy projektu:\nPowiatowy Urząd Pracy w Gnieźnie\nCech Rzemiosł "
                           "Różnych w Gnieźnie\n\n";
  auto s = strip(head + list + "Rekrutacja trwa do 30 kwietnia 2024 r., a formularz można pobrać w "
                               "biurze Fundacji przy ul. Chrobrego 18.\n");
  check(s, {{"Partnerzy projektu:", "Cech Rzemiosł Różnych"}, {}, std::nullopt, "", "", ""});
  // at the foot of the page, it is the sponsor footer it was
  auto t = strip(head + list + "© 2024 Fundacja\n");
  check(t, {{"realizujemy drugą edycję"}, {"Partnerzy projektu:", "Cech Rzemiosł Różnych"},
            std::nullopt, "", "", ""});
}

TEST_CASE("a contact block led in by 'Kontakt …:' after the text keeps its address line") {
  // The address with its postal code was taken alone as an institution's footer.
  auto s = strip("Zostań rodziną zastępczą\n\nPowiat poszukuje kandydatów na rodziny zastępcze, w tym "
                 "rodziny zawodowe i pogotowia rodzinne, a kandydaci przechodzą szkolenie.\n\n"
                 "Kontakt w sprawie rodzinnej pieczy zastępczej:\nZespół ds. Pieczy Zastępczej\n"
                 "ul. Podrzeczna 30, 99-400 Łowicz\ntel. 46 837 45 12 wew. 31\n\nDrukuj\n");
  check(s, {{"Kontakt w sprawie", "Zespół ds. Pieczy", "ul. Podrzeczna 30, 99-400 Łowicz",
             "tel. 46 837 45 12"},
            {"Drukuj"}, std::nullopt, "", "", ""});
  // the institution's footer under the text, with no lead-in, is still a footer
  auto t = strip("Zostań rodziną zastępczą\n\nPowiat poszukuje kandydatów na rodziny zastępcze, w tym "
                 "rodziny zawodowe i pogotowia rodzinne, a kandydaci przechodzą szkolenie.\n\n"
                 "Powiatowe Centrum Pomocy Rodzinie\nul. Podrzeczna 30, 99-400 Łowicz\n"
                 "tel. 46 837 45 00\n");
  check(t, {{"kandydaci przechodzą"}, {"ul. Podrzeczna 30, 99-400 Łowicz", "tel. 46 837 45 00"},
            std::nullopt, "", "", ""});
}

TEST_CASE("a document's place and date line ('Wiśniowa, 15 IV 2024 r.') is part of the document") {
  // Short and without stopwords, it scored as furniture between the title and the text.
  for (const char* line : {"Wiśniowa, 15 IV 2024 r.", "Zbąszyń, 28.02.2024 r.",
                           "Nowa Dęba, dnia 17 listopada 2023 r."}) {
    CAPTURE(line);
    auto s = strip("Program „Asystent rodziny” na 2024 rok\n\n" + std::string(line) +
                   "\n\nGminny Ośrodek Pomocy Społecznej informuje, że w 2024 roku kontynuuje "
                   "realizację programu „Asystent rodziny”.\n");
    check(s, {{line, "kontynuuje realizację"}, {}, std::nullopt, "", "", ""});
  }
  // a weekday with its date is still the page's date
  auto d = strip("Program „Asystent rodziny” na 2024 rok\n\nCzwartek, 7 marca 2024\n\nGminny Ośrodek "
                 "Pomocy Społecznej informuje, że w 2024 roku kontynuuje realizację programu.\n");
  check(d, {{"kontynuuje realizację"}, {"Czwartek, 7 marca 2024"}, std::nullopt, "", "2024-03-07", ""});
}

TEST_CASE("a publication date with a Roman month ('Opublikowano: 15 IV 2024 r.') is the page's date") {
  auto s = strip("Asystent rodziny\n\nOpublikowano: 15 IV 2024 r.\n\nGminny Ośrodek Pomocy Społecznej "
                 "informuje, że w 2024 roku kontynuuje realizację programu.\n");
  check(s, {{"kontynuuje realizację"}, {"Opublikowano"}, std::nullopt, "", "2024-04-15", ""});
  auto x = strip("Asystent rodziny\n\nData publikacji: 3 XII 2023\n\nGminny Ośrodek Pomocy Społecznej "
                 "informuje, że w 2024 roku kontynuuje realizację programu.\n");
  CHECK(x.result.site.page_date == "2023-12-03");
}

TEST_CASE("a footer's data-protection notice pointing elsewhere is furniture") {
  // It read as a sentence and was kept at the end of the text.
  const std::string body = "Klub Senior+ w Wierzbicy\n\nOd października 2023 roku w budynku dawnej "
                           "szkoły działa Klub „Senior+”, utworzony w ramach programu wieloletniego.\n\n";
  auto s = strip(body + "Klauzula informacyjna RODO\nAdministratorem Pani/Pana danych osobowych jest "
                        "Wójt Gminy Wierzbica. Szczegóły w zakładce Ochrona danych osobowych.\n");
  check(s, {{"utworzony w ramach"}, {"Administratorem Pani/Pana"}, std::nullopt, "", "", ""});
  // the clause itself, on its page, stays
  auto t = strip(body + "Administratorem Pani/Pana danych osobowych jest Kierownik Gminnego Ośrodka "
                        "Pomocy Społecznej w Wierzbicy, ul. Kościuszki 73.\n");
  check(t, {{"Administratorem Pani/Pana"}, {}, std::nullopt, "", "", ""});
}

TEST_CASE("a comment thread under the text goes, comments that read as body too") {
  // The comments read as sentences and were kept; on a Facebook copy one became the title.
  const std::string body = "Mieszkania treningowe dla młodzieży\n\nDwa mieszkania treningowe przy ul. "
                           "Kolejowej przyjmą pierwszych lokatorów w marcu, a remont kosztował 412 tys. zł.\n\n";
  auto s = strip(body + "Komentarze (2)\n~mieszkaniec 2024-02-07 14:11\nWreszcie coś sensownego za "
                        "nasze pieniądze.\nOdpowiedz\nZgłoś do moderacji\n~Gość 2024-02-07 16:32\nA dla "
                        "seniorów nic nie ma?\nOdpowiedz\n");
  check(s, {{"przyjmą pierwszych lokatorów"},
            {"Komentarze (2)", "Wreszcie coś sensownego", "~Gość", "A dla seniorów nic nie ma?"},
            std::nullopt, "", "", ""});
  // a comment count in the byline over the article is no thread
  auto t = strip("Mieszkania treningowe dla młodzieży\n\nTo pierwsze takie mieszkania w powiecie i "
                 "pierwsi lokatorzy już czekają na klucze od nowych lokali.\n\n5 komentarzy\n\n"
                 "Dwa mieszkania treningowe przy ul. Kolejowej przyjmą pierwszych lokatorów w marcu, a "
                 "remont kosztował 412 tys. zł.\n\nW każdym mieszkaniu zamieszkają dwie osoby, które "
                 "kończą 18 lat i uczą się samodzielnego życia.\n\nMłodzi lokatorzy będą mieli opiekuna, "
                 "który pomoże im założyć konto w banku i znaleźć pracę w mieście.\n\nOdpowiedz\n");
  check(t, {{"przyjmą pierwszych lokatorów", "zamieszkają dwie osoby", "Młodzi lokatorzy"}, {},
            std::nullopt, "", "", ""});
}

TEST_CASE("a paged document's running header under its page numbers (pdftotext) is furniture") {
  // Twice on a three-page report it was under repeat_min and read as body.
  auto s = strip("SPRAWOZDANIE z realizacji programu za 2023 rok\n\nProgram został przyjęty uchwałą Rady "
                 "Miejskiej, a jego realizatorem jest Ośrodek Pomocy Społecznej.\n\n1\nSprawozdanie z "
                 "realizacji GPWR za 2023 r.\nW 2023 roku wsparciem asystenta rodziny objęto 21 rodzin, "
                 "a w 2022 roku 17 rodzin.\n\n2\nSprawozdanie z realizacji GPWR za 2023 r.\nProgram "
                 "należy kontynuować, z naciskiem na profilaktykę i pracę z rodzinami.\n\n3\n");
  check(s, {{"objęto 21 rodzin", "Program należy kontynuować"}, {"Sprawozdanie z realizacji GPWR"},
            std::nullopt, "", "", ""});
}

TEST_CASE("a PDF's short pages (form feeds) are slides; their running footer is furniture") {
  // pdftotext without blank lines: the slides' short lines read as a menu before pages counted
  auto s = strip("Wsparcie rodziny 2024\nMOPS Wieliczka\n\fKim jest asystent?\nPracownik socjalny "
                 "wspierający rodziny.\nMOPS Wieliczka\n\fCele programu\n1. Wsparcie\n2. Edukacja\n"
                 "MOPS Wieliczka\n\fDziękujemy\nMOPS Wieliczka\n\f");
  check(s, {{"Wsparcie rodziny 2024", "Kim jest asystent?", "Cele programu", "1. Wsparcie", "2. Edukacja"},
            {"MOPS Wieliczka"}, std::nullopt, "", "", ""});
  // a report's long pages keep their paragraphs and lose the footer under each page
  auto para = [](int k) {
    return "W kwartale " + std::to_string(k) + " Ośrodek udzielił pomocy " + std::to_string(100 + k) +
           " rodzinom, najczęściej z powodu niepełnosprawności, długotrwałej choroby i ubóstwa, a "
           "także bezradności w sprawach opiekuńczo-wychowawczych i prowadzenia gospodarstwa.\n\n";
  };
  std::string report = "Sprawozdanie za 2023 rok\n\n";
  // (the footer under two pages of three: fewer than repeat_min copies)
  for (int k = 1; k <= 3; ++k)
    report += para(k) + para(k + 3) + (k > 1 ? "OPS Tuchola – sprawozdanie 2023\n\f" : "\f");
  check(strip(report), {{"W kwartale 1 Ośrodek", "W kwartale 6 Ośrodek"}, {"OPS Tuchola – sprawozdanie"}, std::nullopt, "", "", ""});
}

TEST_CASE("a sponsor footer right under a list of files is still read for its fund") {
  // The list under "Pliki do pobrania" took the sponsor line, and site.funding was lost.
  auto s = strip("Projekt „Aktywni razem” zakończony\n\nW grudniu 2023 r. zakończyliśmy realizację "
                 "projektu, w którym 34 osoby wzięły udział w treningach kompetencji.\n\nPliki do "
                 "pobrania\nRaport końcowy (PDF, 2,4 MB)\nProjekt współfinansowany ze środków "
                 "Europejskiego Funduszu Społecznego w ramach Regionalnego Programu Operacyjnego\n");
  check(s, {{"zakończyliśmy realizację"}, {"Pliki do pobrania", "Raport końcowy", "Projekt współfinansowany"},
            std::nullopt, "", "", "Europejski Fundusz Społeczny"});
}

TEST_CASE("a comment's links on one line ('Odpowiedz · Zgłoś') end each comment of a thread") {
  // Not read as a reply line, the thread was not one, and the comments stayed as body.
  auto s = strip("Opieka wytchnieniowa także w weekendy\n\nMiejski Ośrodek Pomocy Społecznej rozszerzył "
                 "program o usługi w soboty i niedziele, a korzysta z niego 28 opiekunów.\n\nKomentarze\n"
                 "Jan_K · 12.03.2024 10:02\nŚwietna sprawa, moja sąsiadka na pewno skorzysta.\n"
                 "Odpowiedz · Zgłoś\nEwa · 12.03.2024 11:40\nA jak długo czeka się na decyzję?\n"
                 "Cytuj | Odpowiedz\n");
  check(s, {{"korzysta z niego 28 opiekunów"},
            {"Jan_K", "Świetna sprawa", "Odpowiedz · Zgłoś", "A jak długo", "Cytuj | Odpowiedz"},
            std::nullopt, "", "", ""});
}

TEST_CASE("blind probe B2 pages: every line kept or stripped as labelled before the tool ran") {
  // tests/data/boilerplate_probe/X.txt with X.expect: "K text" / "S text" per line, "-" for a
  // blank line. Pages of other CMS templates (WordPress, Drupal, a news portal's comment
  // thread, a pdftotext report with form feeds and no final newline, a price table under
  // its subheading); each line here was wrong once.
  for (const char* name : {"p02_wordpress_fundacja", "p03_drupal_pcpr", "p06_mops_tabela_galeria",
                           "p07_pdftotext_sprawozdanie", "p14_portal_komentarze",
                           "q01_news_komentarze_disqus"}) {
    CAPTURE(name);
    const std::string dir = std::string("tests/data/boilerplate_probe/") + name;
    auto page = bdp::decode_page(name, read_file(dir + ".txt"));
    const auto result = bdp::strip_boilerplate(page, *rules().bp);
    std::istringstream expect(read_file(dir + ".expect"));
    std::string label;
    std::size_t i = 0;
    for (; std::getline(expect, label); ++i) {
      REQUIRE(i < result.lines.size());
      if (label == "-") continue;
      CAPTURE(label);
      CHECK(result.lines[i].keep == (label[0] == 'K'));
    }
    CHECK(i == page.line_count());
  }
}

TEST_CASE("blank lines doubled by a scraper are one separator: a list under a heading stays") {
  const std::string page =
      "Świetlica środowiskowa – zajęcia w ferie\n\nŚwietlica przy Gminnym Ośrodku Pomocy Społecznej "
      "zaprasza dzieci i młodzież na zajęcia w czasie ferii zimowych, a udział jest bezpłatny.\n\n"
      "Plan tygodnia\nPoniedziałek – zajęcia plastyczne\nWtorek – gry planszowe\nCzwartek – "
      "wyjście na basen\n\nZapisy przyjmują wychowawcy świetlicy do piątku, a liczba miejsc jest "
      "ograniczona do 25.\n";
  for (const std::string& text : {page, replace_all(page, "\n\n", "\n\n\n"),
                                  replace_all(page, "\n\n", "\n\n\n\n")}) {
    CAPTURE(text);
    auto s = strip(text);
    check(s, {{"Plan tygodnia", "Wtorek – gry planszowe", "Czwartek – wyjście na basen"}, {},
              std::nullopt, "", "", ""});
  }
  // a menu across doubled blank lines is still a menu
  auto m = strip("Start\n\n\nO nas\n\n\nKontakt\n\n\nOgłoszenie o naborze wniosków, które można "
                 "składać w sekretariacie urzędu do końca miesiąca.\n");
  CHECK(m.dropped.find("O nas") != std::string::npos);
  CHECK(m.kept.find("Ogłoszenie o naborze") != std::string::npos);
}

TEST_CASE("an abbreviation's full stop ends no sentence: a title ending in '2025 r.' is a title") {
  for (const char* title : {"Harmonogram dyżurów psychologa w punkcie na 2025 r.",
                            "Zmiana siedziby punktu konsultacyjnego na ul. Lipową 4"}) {
    CAPTURE(title);
    auto s = strip(std::string("GOPS Wola\nGminny Ośrodek Pomocy Społecznej w Woli\n\n") + title +
                   "\n\nW ubiegłym roku z dodatku skorzystało 212 gospodarstw domowych, a wnioski "
                   "można składać osobiście lub przez ePUAP.\n");
    REQUIRE(s.result.lines.size() > 3);
    CHECK(s.result.lines[3].rule == "title");
    CHECK(s.result.lines[0].keep == false);
  }
}

TEST_CASE("opening hours in a footer are its metadata whichever dash they are typed with") {
  for (const char* dash : {"–", "-", "—"}) {
    CAPTURE(dash);
    const std::string hours = std::string("Pon. ") + dash + " pt.: 8:00 " + dash + " 16:00";
    auto s = strip("Wsparcie asystenta rodziny\n\nAsystent rodziny pomaga rodzinom w prowadzeniu "
                   "domu i w opiece nad dziećmi, a w 2024 roku objął wsparciem 31 rodzin.\n\n"
                   "Godziny otwarcia:\n" + hours +
                   "\n\nPolityka prywatności\nDeklaracja dostępności\nMapa strony\n");
    check(s, {{"Asystent rodziny pomaga"}, {hours, "Godziny otwarcia:"}, std::nullopt, "", "", ""});
  }
}

TEST_CASE("a BIP page's 'Udostępnił: …' line is its metadata, as 'Opublikował: …' is") {
  for (const char* meta : {"Udostępnił: Jan Nowak, data: 2023-10-02 11:40",
                           "Udostępniła: Ewa Lis, 14.06.2022", "Udostępnił(a): sekretariat GOPS"}) {
    CAPTURE(meta);
    auto s = strip(std::string("Zarządzenie Nr 14/2023 Wójta Gminy Lipno\n") + meta +
                   "\n\nNa podstawie art. 30 ust. 1 ustawy o samorządzie gminnym zarządza się, co "
                   "następuje: wprowadza się regulamin punktu wsparcia dla rodzin.\n");
    CHECK(s.dropped.find(meta) != std::string::npos);
    CHECK(s.kept.find("Na podstawie art. 30") != std::string::npos);
  }
}

TEST_CASE("a BIP metryczka over its print links, a printout's footer, placeholders, a post's time") {
  const std::string body =
      "Gminny Program Przeciwdziałania Przemocy w Rodzinie na lata 2021-2025\n\nProgram realizuje "
      "Gminny Ośrodek Pomocy Społecznej w Kobylnicy wraz z Zespołem Interdyscyplinarnym.\n\n";
  auto s = strip(body +
                 "Metryczka\nWytworzył: Anna Nowicka\nData wytworzenia: 2021-03-01\nWprowadził: "
                 "Krzysztof Mazur\nData wprowadzenia: 2021-03-03 10:12\nLiczba odwiedzin: 341\n"
                 "Drukuj   Powrót\n");
  CHECK(s.dropped.find("Data wprowadzenia: 2021-03-03 10:12") != std::string::npos);
  CHECK(s.kept.find("Program realizuje") != std::string::npos);
  for (const char* line : {"Wydrukowano ze strony: http://www.dobrepraktyki.pl/index.php?option=com_bdp&"
                           "view=practice&id=1184&Itemid=12",
                           "Kliknij, aby dodać notatki", "Notatki prelegenta", "3 grudnia o 14:27 ·",
                           "Zaloguj się lub zarejestruj na Facebooku, aby połączyć się ze znajomymi."}) {
    CAPTURE(line);
    auto t = strip(body + line + "\n");
    CHECK(t.dropped.find(line) != std::string::npos);
  }
}

TEST_CASE("a counter at the end of a sidebar's list is the site's visitors; who is online is not") {
  const std::string page =
      "Powiatowy Program Rozwoju Pieczy Zastępczej\n\nProgram realizuje Powiatowe Centrum Pomocy "
      "Rodzinie w Wieluniu we współpracy z gminami powiatu i organizacjami pozarządowymi.\n\n"
      "Najnowsze artykuły\nDzień Rodzicielstwa Zastępczego 2023\nSzkolenie dla kandydatów na "
      "rodziny zastępcze\nKto jest online\nNaszą witrynę przegląda teraz 3 gości\nLicznik "
      "odwiedzin: 184502\n";
  auto r = bdp::strip_boilerplate(bdp::decode_page("p.txt", page), *rules().bp);
  CHECK(r.site.visitors == std::optional<std::int64_t>(184502));
  auto online = bdp::strip_boilerplate(
      bdp::decode_page("o.txt", "Program realizuje Powiatowe Centrum Pomocy Rodzinie w Wieluniu we "
                                "współpracy z gminami powiatu.\n\nKto jest online\nNaszą witrynę "
                                "przegląda teraz 3 gości\n"),
      *rules().bp);
  CHECK_FALSE(online.site.visitors);
}

TEST_CASE("a BIP's metryczka views and the site's visit statistics are told apart") {
  // A menu column that ends with "Rejestr zmian" and the site's statistics, then a metryczka
  // whose views line a link list took, then a footer that runs on from the metryczka.
  const std::string page =
      "Biuletyn Informacji Publicznej\nStrona główna\nOgłoszenia\nSprawozdania\nRejestr zmian\n"
      "Statystyka odwiedzin: 248 311\n\nAsystent osobisty osoby z niepełnosprawnością\n\n"
      "Gminny Ośrodek Pomocy Społecznej w Garwolinie informuje, że gmina przystąpiła do programu "
      "asystencji osobistej i przyjmuje zgłoszenia uczestników do końca lutego.\n\n"
      "Metryczka\nWytworzył: Renata Wysocka\nData wytworzenia: 2024-01-29\nOpublikował: Tomasz "
      "Piątek\nData publikacji: 2024-01-30 14:22\nZmodyfikował: Tomasz Piątek\nData modyfikacji: "
      "2024-02-06 09:15\nLiczba odsłon: 519\nDrukuj | Zapisz do PDF | Powrót | Do góry\n";
  auto r = bdp::strip_boilerplate(bdp::decode_page("g.txt", page), *rules().bp);
  CHECK(r.site.visitors == std::optional<std::int64_t>(248311));
  CHECK(r.site.page_views == std::optional<std::int64_t>(519));
  const std::string footer =
      "Zapytanie ofertowe na świadczenie usług opiekuńczych\n\nMiejski Ośrodek Pomocy Społecznej "
      "w Czarnkowie zaprasza do składania ofert na świadczenie usług opiekuńczych w 2025 roku.\n\n"
      "Informacje o dokumencie\nWytworzył: Beata Kaczmarek (2024-11-13)\nData publikacji: "
      "2024-11-14\nOdsłon: 438\nRejestr zmian | Drukuj | Powrót\nOstatnio dodane\nPlan "
      "postępowań na 2025 r.\nInformacja z otwarcia ofert\nMiejski Ośrodek Pomocy Społecznej w "
      "Czarnkowie\nul. Rybaki 3, 64-700 Czarnków\nNIP 763-10-04-612\nLiczba wizyt: 96 211\n";
  auto f = bdp::strip_boilerplate(bdp::decode_page("c.txt", footer), *rules().bp);
  CHECK(f.site.visitors == std::optional<std::int64_t>(96211));
  CHECK(f.site.page_views == std::optional<std::int64_t>(438));
}

TEST_CASE("a table of figures between a heading and the body is kept, however short its rows") {
  // Its rows scored as short lines, with a blank line and not body below them, went as "short".
  const std::string page =
      "Menu główne: O nas | Pomoc społeczna | Świadczenia | Programy | Projekty UE | Ogłoszenia | Kontakt\n"
      "\n"
      "MOPS Grajewo – Miejski Ośrodek Pomocy Społecznej\n"
      "Jesteś tutaj: Start / Programy / Posiłek w szkole i w domu\n"
      "\n"
      "„Posiłek w szkole i w domu” – informacja o realizacji w latach 2019–2023\n"
      "\n"
      "Program wieloletni „Posiłek w szkole i w domu” na lata 2019–2023 ustanowiono uchwałą nr 140 Rady Ministrów z dnia 15 października 2018 r. (M.P. poz. 1007). Gmina realizowała go na podstawie uchwały Nr V/37/19 Rady Miasta Grajewo z dnia 28 lutego 2019 r.\n"
      "\n"
      "Dane za lata 2019–2023\n"
      "| Rok | 2019 | 2020 | 2021 | 2022 | 2023 |\n"
      "| Liczba osób objętych programem | 1 012 | 1 146 | 1 203 | 987 | 934 |\n"
      "| w tym dzieci i młodzież | 402 | 455 | 471 | 390 | 366 |\n"
      "| Wydatki ogółem (tys. zł) | 812 | 915 | 1 004 | 1 088 | 1 142 |\n"
      "\n"
      "Z posiłku w formie świadczenia pieniężnego lub rzeczowego korzystało ponad 1,2 tys. rodzin rocznie. Łączne wydatki w pięciu latach wyniosły blisko 5 mln zł, z czego 3,1 mln zł stanowiła dotacja z budżetu państwa (60 proc. kosztów), a 2 mln zł środki własne gminy.\n"
      "\n"
      "Najważniejsze efekty\n"
      "1. Liczba dzieci spożywających gorący posiłek w szkole wzrosła z 288 w roku szkolnym 2018/2019 do 341 w roku szkolnym 2022/2023.\n"
      "2. W 2022 r. kryterium dochodowe podniesiono do 150% kryterium z art. 8 ustawy, tj. do 900 zł na osobę w rodzinie.\n"
      "3. Średni koszt jednego posiłku wyniósł 6,20 zł, a dzienne wydatki na posiłki w szkołach – około 2 100 zł.\n"
      "4. Stołówki w 7 szkołach wydały łącznie 254 tys. posiłków.\n";
  auto r = bdp::strip_boilerplate(bdp::decode_page("t.txt", page), *rules().bp);
  const auto lines = page_lines(page);
  REQUIRE(lines.size() == r.lines.size());
  int rows = 0;
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (lines[i].starts_with("| ")) {
      ++rows;
      CHECK(r.lines[i].keep);
    }
  CHECK(rows == 4);
}

TEST_CASE("a portal's portlet chrome, an English cookie banner and a table of contents are furniture") {
  const std::string page =
      "We use cookies to improve your experience. By continuing to browse this site, you agree "
      "to our use of cookies.\n\nPortlet: Treść internetowa\nOpcje ▾ Konfiguracja Wygląd i "
      "zachowanie Eksport / Import Uprawnienia\n\nŚwietlice środowiskowe z dożywianiem w "
      "szkołach wiejskich\n\nW gminie co piąte dziecko w wieku szkolnym pochodzi z rodziny "
      "korzystającej z pomocy społecznej, a świetlice prowadzi ośrodek pomocy.\n\nSPIS TREŚCI\n"
      "1. Wstęp ............................ 3\n2. Diagnoza …………………… 4\n\n"
      "Portlet: Zasoby powiązane\nDożywianie dzieci w szkołach – Gmina Kcynia\n"
      "Świetlica „Promyk” w Szubinie\n";
  auto r = bdp::strip_boilerplate(bdp::decode_page("l.txt", page), *rules().bp);
  auto rule = [&](std::string_view start) { return rule_of(page, r, start, true); };
  CHECK(rule("We use cookies") == "cookie_notice");
  CHECK(rule("Portlet: Treść") == "cms");
  CHECK(rule("Opcje ▾") == "cms");
  CHECK(rule("Świetlice środowiskowe") == "kept");
  CHECK(rule("1. Wstęp") == "contents");
  CHECK(rule("2. Diagnoza") == "contents");
  CHECK(rule("Świetlica „Promyk”") == "link_list");
}

TEST_CASE("toolbars, printout headers, drawn search boxes, card pagers and tag lists are furniture") {
  const std::string page =
      "Przejdź do treści Przejdź do menu Mapa strony A A+ A++ Kontrast\n"
      "Baza Dobrych Praktyk - wersja do druku\nAdres strony: http://www.dobrepraktyki.pl/index.php?id=12\n"
      "Data wydruku: 2011-07-04 12:31\nSzukaj w BDP: ______ [>]\n\n"
      "Centrum Wolontariatu Senioralnego w Głogowie\n\nWersja do druku Wyślij znajomemu Dodaj do ulubionych\n\n"
      "Głogów należy do miast o najszybciej starzejącej się populacji, a centrum łączy seniorów "
      "potrzebujących pomocy z wolontariuszami z całego miasta.\n\n"
      "« Poprzednia praktyka | Następna praktyka »\nZobacz także w dziedzinie Ochrona zdrowia:\n"
      "- Wypożyczalnia sprzętu rehabilitacyjnego przy OPS\n\n"
      "Popularne tagi: rehabilitacja (14) | seniorzy (52) | zdrowie (33)\n";
  auto r = bdp::strip_boilerplate(bdp::decode_page("g.txt", page), *rules().bp);
  check_kept_only(page, r, {"Centrum", "Głogów"});
}

TEST_CASE("a conference page's header over 'Slajd 1 z N' and its footer after the last slide are not the deck's") {
  std::string page =
      "Regionalny Ośrodek Polityki Społecznej w Opolu\nWojewództwo Opolskie – Urząd Marszałkowski\n"
      "II Opolskie Forum Pomocy Społecznej – Materiały pokonferencyjne\n"
      "Prezentacja: Mieszkania wspomagane w Gminie Namysłów\n"
      "Prelegent: Krzysztof Bąk, Dyrektor Ośrodka Pomocy Społecznej w Namysłowie\n";
  const char* slides[] = {"Mieszkania wspomagane w Gminie Namysłów\nOśrodek Pomocy Społecznej w Namysłowie\n",
                          "Dla kogo?\nosoby z niepełnosprawnością intelektualną\nwychowankowie pieczy zastępczej\n",
                          "Efekty\nPrzez mieszkania przeszło 34 osoby.\n21 osób zamieszkało samodzielnie.\n",
                          "Dziękuję za uwagę\nops@namyslow.eu\n"};
  for (int i = 0; i < 4; ++i) page += "Slajd " + std::to_string(i + 1) + " z 4\n" + slides[i];
  page += "Program Forum:\n9.30 Otwarcie – Marszałek Województwa Opolskiego\n"
          "10.00 Panel I: Strategia polityki społecznej województwa na lata 2021–2030\n"
          "11.30 Panel II: Deinstytucjonalizacja usług w praktyce gmin\n"
          "13.30 Panel III: Kadry pomocy społecznej\n15.00 Podsumowanie i zakończenie\n"
          "Zapisz się na newsletter ROPS: [adres e-mail] [Zapisz]\n";
  auto r = bdp::strip_boilerplate(bdp::decode_page("n.txt", page), *rules().bp);
  auto rule = [&](std::string_view start) { return rule_of(page, r, start); };
  CHECK(rule("Województwo Opolskie") != "slide_text");
  CHECK(rule("Regionalny Ośrodek") != "slide_text");
  CHECK(rule("Ośrodek Pomocy Społecznej w Namysłowie") != "short");
  CHECK(rule("ops@namyslow.eu") == "slide_text");
  // (the last slide runs at most two lines past the longest slide before it, or six)
  CHECK(rule("15.00 Podsumowanie") != "slide_text");
  CHECK(rule("Zapisz się na newsletter") == "link_furniture");
}

TEST_CASE("a date under its label written without a colon is the label's value, not the page's date") {
  const std::string body =
      "Gminne Centrum Integracji Społecznej\n\nUczestnicy Centrum przez 11 miesięcy biorą udział "
      "w zajęciach reintegracji zawodowej i społecznej prowadzonych przez ośrodek.\n\n"
      "Metryka praktyki\n\n";
  auto r = bdp::strip_boilerplate(
      bdp::decode_page("s.txt", body + "Data wprowadzenia do BDP\n2011-04-21\nData aktualizacji\n2011-06-09\n"),
      *rules().bp);
  CHECK(r.site.page_date.empty());
  // a publication's label keeps its date the page's
  auto p = bdp::strip_boilerplate(bdp::decode_page("p.txt", body + "Data publikacji\n2011-04-21\n"), *rules().bp);
  CHECK(p.site.page_date == "2011-04-21");
}

TEST_CASE("a viewer's 'Strona N z M' headers with no blank line between the pages mark a deck") {
  const std::string page =
      "Canva\nProjektuj wszystko\nPrezentacje\nZaloguj się\n"
      "Strona 1 z 4\nProgram osłonowy „Ciepły Dom”\nw Gminie Opoczno\n"
      "Strona 2 z 4\nFormy pomocy\n• zasiłek celowy na zakup opału\n• dowóz opału dla osób\n"
      "Strona 3 z 4\nEfekty sezonu\nPomoc przyznano 628 rodzinom.\n"
      "Strona 4 z 4\nKontakt\nMOPS Opoczno, ul. Kwiatowa 1a\n";
  auto r = bdp::strip_boilerplate(bdp::decode_page("c.txt", page), *rules().bp);
  auto kept = [&](std::string_view start) {
    const bdp::LineDecision* d = decision_of(page, r, start);
    return d && d->keep;
  };
  CHECK(kept("Program osłonowy"));
  CHECK(kept("• zasiłek celowy"));
  CHECK(kept("Pomoc przyznano 628"));
  CHECK_FALSE(kept("Projektuj wszystko"));
}

}  // TEST_SUITE

TEST_CASE("forms drawn as text, polls, rating widgets, reading times and photo credits are furniture") {
  const std::string page =
      "Wyszukiwarka praktyk\nSłowo kluczowe: [ ]\nWojewództwo: [-- wszystkie --]\n"
      "Szukaj w bazie: ____________ [Szukaj] Wyszukiwanie zaawansowane\n\n"
      "Mieszkanie treningowe dla wychowanków pieczy zastępczej\n\nCzas czytania: 3 min\n\n"
      "Powiatowe Centrum Pomocy Rodzinie od 2009 roku prowadzi mieszkanie treningowe dla "
      "pełnoletnich wychowanków rodzin zastępczych, a w tym czasie skorzystało z niego 11 osób.\n\n"
      "Zdjęcie: MOPS Myszków\n\nOcena praktyki (4 głosy): ****\nOceń: 1 2 3 4 5\n\n"
      "Ankieta: Czy praktyka była dla Ciebie przydatna? ( ) Tak ( ) Nie [Głosuj] Wyniki\n"
      "Twój e-mail: ________ [Zapisz się]\n"
      "Pełna funkcjonalność serwisu dostępna jest w najnowszych wersjach przeglądarek.\n"
      "Ostatnia aktualizacja serwisu: 2013-04-12\nInne praktyki z obszaru: Pomoc społeczna\n"
      "Popularne: Sprawozdania | Uchwały | Prezentacje | Regulaminy | Wzory pism | Strategie\n";
  auto r = bdp::strip_boilerplate(bdp::decode_page("f.txt", page), *rules().bp);
  check_kept_only(page, r, {"Mieszkanie", "Powiatowe"});
  // A talk's meta line, the rating's parts on their own lines.
  const std::string talk =
      "Centrum Usług Społecznych w Nisku – pierwsze dwa lata\n\nCzas wystąpienia: 20 min | Pobierz "
      "PDF (2,8 MB) | Pobierz notatki (DOCX)\n\nCentrum Usług Społecznych w Nisku działa od 2022 "
      "roku i w tym czasie objęło usługami społecznymi ponad 400 mieszkańców gminy.\n\n****\nOceń\n"
      "1 2 3 4 5\n";
  auto t = bdp::strip_boilerplate(bdp::decode_page("t.txt", talk), *rules().bp);
  CHECK(rule_of(talk, t, "Czas wystąpienia") == "page_meta");
  CHECK(rule_of(talk, t, "****") == "separator");
  CHECK(rule_of(talk, t, "Oceń") == "rating");
  CHECK(rule_of(talk, t, "1 2 3 4 5") == "rating");
  CHECK(rule_of(talk, t, "Centrum Usług Społecznych w Nisku działa", true) == "kept");
}

TEST_CASE("a reader's comments end at the thread's last link, the page's furniture after them") {
  // The thread's links are on one line ("Pokaż wszystkie komentarze | Dodaj komentarz"), a
  // list of articles follows: the thread is still one, its comments go however they read.
  const std::string page =
      "Opieka wytchnieniowa w Myszkowie pomogła już 46 rodzinom\n\nMiejski Ośrodek Pomocy "
      "Społecznej w Myszkowie podsumował drugi rok realizacji programu, z którego skorzystało 46 "
      "rodzin opiekunów osób z niepełnosprawnościami.\n\nKomentarze (4)\nmieszkanka_Myszkow: Super "
      "sprawa, moja mama korzysta i jest zadowolona.\nJan: A czemu tak mało godzin?\nPokaż "
      "wszystkie komentarze | Dodaj komentarz\n\nNajczęściej czytane\n1. Wypadek na DK 78 w "
      "Myszkowie\n2. Koncert noworoczny w MDK\n\nNowe praktyki w Bazie: 14 w styczniu 2012 roku, "
      "zapraszamy do lektury wszystkich opisów\n";
  auto r = bdp::strip_boilerplate(bdp::decode_page("m.txt", page), *rules().bp);
  CHECK(rule_of(page, r, "mieszkanka_Myszkow") == "comment");
  CHECK(rule_of(page, r, "Jan: A czemu") == "comment");
  CHECK(rule_of(page, r, "Miejski Ośrodek", true) == "kept");
  // A comment signed with a name and a date, a comment box for the logged-in.
  const std::string card =
      "Mieszkanie treningowe w Powiecie Piskim\n\nPowiatowe Centrum Pomocy Rodzinie w Piszu od 2009 "
      "roku prowadzi mieszkanie treningowe dla pełnoletnich wychowanków rodzin zastępczych.\n\n"
      "Komentarze\nAnna (2012-02-14): Świetny pomysł, u nas w powiecie też przydałoby się takie "
      "mieszkanie.\n\nKomentarze (0)\nDodaj komentarz – musisz być zalogowany.\n";
  auto c = bdp::strip_boilerplate(bdp::decode_page("c.txt", card), *rules().bp);
  CHECK_FALSE(decision_of(card, c, "Anna (2012")->keep);
  CHECK_FALSE(decision_of(card, c, "Dodaj komentarz")->keep);
}

TEST_CASE("an online converter's notices around the text it made are furniture") {
  const std::string page =
      "PDF2TXT.pl – darmowy konwerter PDF online\nBezpieczne: pliki są usuwane z serwera po 1 "
      "godzinie. Obsługujemy pliki do 50 MB.\nKrok 1: Wybierz plik › Krok 2: Konwertuj › Krok 3: "
      "Pobierz\nTwój plik został przekonwertowany. Podgląd tekstu poniżej.\n\n"
      "kornik_dla_seniora.pdf — konwersja PDF do tekstu\nPobrano z: www.kornik.pl/pliki/kornik_dla_seniora.pdf"
      "\n\nProgram „Kórnik dla Seniora” na lata "
      "2023–2027 realizuje Ośrodek Pomocy Społecznej w Kórniku, a w 2023 roku objął nim 54 osoby.\n\n"
      "Często zadawane pytania\nCzy konwersja jest darmowa? Tak, do 10 plików dziennie bez "
      "rejestracji.\nCzy moje pliki są bezpieczne? Tak, połączenie jest szyfrowane, a pliki "
      "usuwamy automatycznie po godzinie.\n";
  auto r = bdp::strip_boilerplate(bdp::decode_page("k.txt", page), *rules().bp);
  check_kept_only(page, r, {"Program"});
  CHECK(rule_of(page, r, "Krok 1") == "file_tool");
}

TEST_CASE("a table of contents with its page numbers after a TAB is furniture; a table of figures is not") {
  const std::string page =
      "Gminny Program Przeciwdziałania Przemocy Domowej\n\nSPIS TREŚCI\n1. Wprowadzenie\t2\n"
      "2. Diagnoza zjawiska przemocy domowej w Gminie Kołbaskowo\t2\n3. Zasoby gminy\t3\n"
      "4. Cele programu\t3\n\n1. Wprowadzenie\nPrzemoc domowa narusza podstawowe prawa człowieka "
      "i stanowi jeden z najpoważniejszych problemów społecznych, z którym gmina mierzy się od lat.\n\n"
      "Wskaźnik\tLiczba\nRodziny objęte procedurą\t41\nDzieci w rodzinach\t53\nInterwencje policji\t77\n";
  auto r = bdp::strip_boilerplate(bdp::decode_page("t.txt", page), *rules().bp);
  CHECK(rule_of(page, r, "SPIS TREŚCI") == "contents");
  CHECK(rule_of(page, r, "2. Diagnoza") == "contents");
  CHECK(rule_of(page, r, "4. Cele") == "contents");
  // a table's rows of figures after a TAB open with no chapter's number
  CHECK(rule_of(page, r, "Rodziny objęte") != "contents");
  CHECK(rule_of(page, r, "Dzieci w rodzinach") != "contents");
}

TEST_CASE("a document host's meta line gives the page's views, not a similar document's") {
  const std::string page =
      "docplayer.pl\n\nProgram „Posiłek w szkole i w domu” w Gminie Ustrzyki Dolne na lata 2024–2028\n"
      "Wyświetleń: 1 482 | Rozmiar: 1.9 MB | Stron: 9 | Dodano: 2024-05-20\n\n"
      "Program obejmuje dzieci do czasu podjęcia nauki w szkole podstawowej i uczniów do czasu "
      "ukończenia szkoły ponadpodstawowej, a w 2023 roku posiłki w szkołach otrzymało 412 dzieci.\n\n"
      "Podobne dokumenty\nProgram osłonowy w zakresie dożywiania – Gmina Lesko 2019–2023\n"
      "Wyświetleń: 612\nUchwała w sprawie podwyższenia kryterium dochodowego – Gmina Olszanica\n"
      "Wyświetleń: 231\n";
  auto r = bdp::strip_boilerplate(bdp::decode_page("d.txt", page), *rules().bp);
  CHECK(r.site.page_views == std::optional<std::int64_t>(1482));
  // The host's bar: a search prompt and its account buttons.
  const std::string bar = "docplayer.pl\nSzukaj dokumentów... Zaloguj się Zarejestruj\n\n" + page.substr(14);
  auto b = bdp::strip_boilerplate(bdp::decode_page("b.txt", bar), *rules().bp);
  CHECK(rule_of(bar, b, "Szukaj dokumentów") == "slide_host");
  // Without the page's own line, the list's views are still none of the page's.
  const std::string listed = replace_all(page, "Wyświetleń: 1 482 | ", "");
  auto l = bdp::strip_boilerplate(bdp::decode_page("l.txt", listed), *rules().bp);
  CHECK_FALSE(l.site.page_views.has_value());
  // A card's meta line in cells split by '·'.
  const std::string card =
      "Kaszubskie Centrum Wolontariatu Senioralnego w Kartuzach\n\nObszar: Usługi społeczne / Pomoc "
      "społeczna · Dodano: 2014-06-02 · Wyświetlenia: 964\n\nCentrum łączy seniorów potrzebujących "
      "pomocy z wolontariuszami, a w 2013 roku działało w nim już 112 wolontariuszy z całego powiatu.\n";
  auto c = bdp::strip_boilerplate(bdp::decode_page("c.txt", card), *rules().bp);
  CHECK(c.site.page_views == std::optional<std::int64_t>(964));
}

TEST_CASE("a deck's closing slide of contacts above its page number is the deck's, not a footer") {
  // Page numbers under each slide ("– 3 –"), the host's copyright after the last one: the
  // closing slide's thanks and contacts are slide text, as every other slide's lines.
  const std::string page =
      "Program „Kórnik dla Seniora” na lata 2023–2027\nInformacja o realizacji w 2023 roku\n\n– 1 –\n\n"
      "Klub Senior+ w Bninie\n• otwarty w marcu 2023 r.\n• 30 miejsc\n\n– 2 –\n\nUsługi opiekuńcze\n"
      "• 54 osoby objęte usługami w 2023 r.\n• 11 200 godzin usług\n\n– 3 –\n\nDziękuję za uwagę\n"
      "Ośrodek Pomocy Społecznej w Kórniku\nul. Poznańska 34a, 62-035 Kórnik\ntel. 61 817 04 97 | "
      "ops@kornik.pl\n\n– 4 –\n\n© 2025 PDF2TXT.pl | Regulamin | Polityka prywatności | Kontakt\n";
  auto r = bdp::strip_boilerplate(bdp::decode_page("k.txt", page), *rules().bp);
  CHECK(rule_of(page, r, "Dziękuję za uwagę", true) == "kept");
  CHECK(rule_of(page, r, "Ośrodek Pomocy Społecznej w Kórniku", true) == "kept");
  CHECK(rule_of(page, r, "tel. 61 817", true) == "kept");
  CHECK(rule_of(page, r, "© 2025") == "copyright");
}

TEST_CASE("a blog's closed thread and post links, a host's comments and a document host's box") {
  const std::string body = "Ośrodek prowadzi klub dla seniorów, który spotyka się dwa razy w "
                           "tygodniu w świetlicy przy ulicy Parkowej.\n\n";
  check(strip(body + "Nawigacja wpisu\n« Dodatek osłonowy – wnioski do 30 kwietnia\n"
                     "Ferie zimowe w świetlicach »\n\nMożliwość komentowania została wyłączona.\n"),
        {{"klub dla seniorów"},
         {"Dodatek osłonowy", "Ferie zimowe", "komentowania została wyłączona"}, std::nullopt,
         "", "", ""});
  check(strip(body + "Zostaw komentarz\n\nComments (0)\nPlease log in to add your comment.\n"
                     "Report abuse\n"),
        {{"klub dla seniorów"}, {"Zostaw komentarz", "Comments (0)", "log in", "Report abuse"},
         std::nullopt, "", "", ""});
  check(strip("Pobierz bezpłatnie przez 30 dni\n0 oceny0% uznało ten dokument za przydatny (0 "
              "głosów)\nPDF, TXT lub czytaj online z Scribd\nUdostępnij ten dokument\n"
              "Czy ten dokument jest przydatny?\n\n" + body),
        {{"klub dla seniorów"},
         {"Pobierz bezpłatnie", "uznało ten dokument", "czytaj online", "Udostępnij ten",
          "Czy ten dokument"},
         std::nullopt, "", "", ""});
  // a guillemet that hugs its words is a quotation, not a link
  check(strip(body + "Program nosi nazwę «Senior w sieci» i trwa do końca roku.\n"),
        {{"«Senior w sieci»"}, {}, std::nullopt, "", "", ""});
}

TEST_CASE("a social post's comments aged '2 tyg.', a form's consent, an act editor's id, a counter in a footer's cell") {
  const std::string body = "Ośrodek prowadzi klub dla seniorów, który spotyka się dwa razy w "
                           "tygodniu w świetlicy przy ulicy Parkowej.\n\n";
  check(strip(body + "Najtrafniejsze\n\nMaria Kołodziej\nWspaniała robota, dziękujemy za "
                     "warsztaty!\n2 tyg.\nLubię to!\nOdpowiedz\n"),
        {{"klub dla seniorów"}, {"Maria Kołodziej", "Wspaniała robota", "2 tyg."}, std::nullopt,
         "", "", ""});
  check(strip(body + "Formularz kontaktowy\n[ ] Wyrażam zgodę na przetwarzanie moich danych "
                     "osobowych w celu udzielenia odpowiedzi.\nWyślij\n"),
        {{"klub dla seniorów"}, {"Wyrażam zgodę", "Wyślij"}, std::nullopt, "", "", ""});
  check(strip("Przejdź do menu   Przejdź do treści   Mapa strony   Wersja kontrastowa   A- A A+\n" +
              body),
        {{"klub dla seniorów"}, {"Przejdź do menu"}, std::nullopt, "", "", ""});
  check(strip(body + "Id: 4F2E8D1A-7C3B-4A5E-9F1D-2B6C8E0A3D57. Podpisany\n"),
        {{"klub dla seniorów"}, {"4F2E8D1A"}, std::nullopt, "", "", ""});
  check(strip(body + "© 2024 MOPS w Świnoujściu | Polityka prywatności | Odwiedzin: 1 204 553\n"),
        {{"klub dla seniorów"}, {"Odwiedzin"}, 1204553, "", "", ""});
}

TEST_CASE("a site's credit that names the project paying for it gives the funding") {
  const std::string body = "Ośrodek prowadzi klub dla seniorów, który spotyka się dwa razy w "
                           "tygodniu w świetlicy przy ulicy Parkowej.\n\n";
  check(strip(body + "Baza Dobrych Praktyk jest prowadzona przez Związek Miast Polskich w ramach "
                     "projektu współfinansowanego ze środków Norweskiego Mechanizmu Finansowego.\n"),
        {{"klub dla seniorów"}, {"Związek Miast Polskich"}, std::nullopt, "", "",
         "Norweski Mechanizm Finansowy"});
}
