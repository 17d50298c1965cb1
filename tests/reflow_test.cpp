// Reflow stage: text dumps (lynx -dump, w3m, html2text, PDF exports) indent every line and
// wrap paragraphs at one width; the stage gives the other stages the page as written.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "bdp/reflow.h"
#include "bdp/text.h"
#include "test_util.h"

namespace {

using bdp::SourcePage;

const bdp::ReflowRules& rules() {
  static const auto r = [] {
    std::vector<bdp::GrammarError> errors;
    auto rr = bdp::ReflowRules::compile(bdp::Grammars::embedded(), errors);
    REQUIRE(errors.empty());
    return rr;
  }();
  return *r;
}

SourcePage page_of(const std::string& text) {
  return bdp::decode_page("t.txt", text);
}

std::vector<std::string> lines_of(const SourcePage& p) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < p.line_count(); ++i) out.emplace_back(p.line(i));
  return out;
}

/// Greedy word wrap at `width` code points of the lines longer than width + 5 (what a dumper
/// does), each line indented by `indent` blanks; label lines ("Miejscowość: …") are kept.
std::string dumped(const std::string& text, std::size_t width, std::size_t indent) {
  const std::string pad(indent, ' ');
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    const std::string_view t = bdp::trim(line);
    const std::size_t colon = line.find(':');
    const bool label = colon != std::string::npos && colon < 45 && colon + 1 < line.size() &&
                       (line[colon + 1] == ' ' || line[colon + 1] == '\t');
    if (t.empty()) {
      out += line;
    } else if (bdp::count_code_points(line) <= width + 5 || label) {
      out += pad + line;
    } else {
      std::string cur;
      for (std::string_view w : bdp::split_words(line)) {
        if (!cur.empty() && bdp::count_code_points(cur) + 1 + bdp::count_code_points(w) + indent > width) {
          out += pad + cur + "\n";
          cur.clear();
        }
        if (!cur.empty()) cur += ' ';
        cur += w;
      }
      out += pad + cur;
    }
    if (end == text.size()) break;
    out += '\n';
    start = end + 1;
  }
  return out;
}

/// Whether one of `p`'s diagnostics says `text`.
bool said(const SourcePage& p, std::string_view text) {
  return std::any_of(p.diagnostics.begin(), p.diagnostics.end(),
                     [&](const auto& d) { return d.message.find(text) != std::string::npos; });
}

}  // namespace

TEST_CASE("reflow: a page with long lines and no indentation is left byte for byte") {
  const std::string text =
      "Strona główna\nAktualności\n\nProgram wspierania rodzin w Nowym Targu\n\n"
      "W 2022 roku Miejski Ośrodek Pomocy Społecznej objął wsparciem asystenta rodziny 41 rodzin, "
      "a w 2023 roku już 48 rodzin; większość z nich zakończyła współpracę z poprawą sytuacji.\n"
      "Kontakt: tel. 18 266 11 22\n";
  SourcePage p = page_of(text);
  const bdp::ReflowStats st = bdp::reflow_page(p, rules());
  CHECK_FALSE(st.changed());
  CHECK(p.text == text);
  CHECK(p.file_lines.empty());
  CHECK(p.file_line_count() == 7);
}

TEST_CASE("reflow: lines of invisible characters become blank") {
  SourcePage p = page_of("Prezentacja\n\u200b\n1 Cele\nAktywizacja\n\u2060\u00a0\n2 Zadania\n");
  const bdp::ReflowStats st = bdp::reflow_page(p, rules());
  CHECK(st.blanked == 2);
  CHECK(lines_of(p) == std::vector<std::string>{"Prezentacja", "", "1 Cele", "Aktywizacja", "", "2 Zadania"});
  REQUIRE(p.diagnostics.size() == 1);
  CHECK(p.diagnostics[0].code == "source.reflowed");
}

TEST_CASE("reflow: the indentation most lines carry is taken off, relative indentation stays") {
  SourcePage p = page_of(
      "  Dane teleadresowe\n\n  Miejscowość:  Kłodzko\n  Powiat:  kłodzki\n"
      "  Osoby kontaktowe:  Anna Nowak\n    tel. 74 865 44 10\n    anna.nowak@example.pl\n");
  const bdp::ReflowStats st = bdp::reflow_page(p, rules());
  CHECK(st.dedent == 2);
  CHECK(st.joined == 0);
  CHECK(lines_of(p) == std::vector<std::string>{"Dane teleadresowe", "", "Miejscowość:  Kłodzko",
                                               "Powiat:  kłodzki", "Osoby kontaktowe:  Anna Nowak",
                                               "  tel. 74 865 44 10", "  anna.nowak@example.pl"});
  CHECK(p.file_line_count() == 7);
}

TEST_CASE("reflow: a page with a few indented lines keeps them") {
  const std::string text = "Tytuł strony\nPierwszy akapit.\n  wcięty wiersz\nDrugi akapit.\nTrzeci.\n";
  SourcePage p = page_of(text);
  CHECK_FALSE(bdp::reflow_page(p, rules()).changed());
  CHECK(p.text == text);
}

// A dump wrapped at 70: paragraphs joined, but not the list items, labels, slide markers or
// the heading after a sentence; the file's lines are mapped back.
const char* kWrapped =
    "   Sprawozdanie z działalności Centrum Usług Społecznych w Białej Podlaskiej\n"  // 1
    "   za rok 2023\n"                                                                 // 2
    "\n"                                                                               // 3
    "   W ubiegłym roku pracownicy socjalni Centrum przeprowadzili łącznie 412\n"     // 4
    "   wywiadów środowiskowych, a z usług opiekuńczych skorzystało 86 osób\n"        // 5
    "   starszych i niepełnosprawnych mieszkających samotnie w mieście.\n"            // 6
    "   Zadania na kolejny rok obejmują rozwój usług sąsiedzkich i mieszkań.\n"      // 7
    "   Działania\n"                                                                   // 8
    "   - prowadzenie klubu seniora oraz punktu wsparcia dla opiekunów osób\n"      // 9
    "     zależnych, działającego od poniedziałku do piątku w godzinach\n"            // 10
    "   - dowóz posiłków do domów osób, które nie mogą samodzielnie wychodzić\n"     // 11
    "   Osoba do kontaktu: Ewa Zielińska, kierownik działu usług opiekuńczych\n"    // 12
    "   tel. 83 341 22 10, e-mail: cus@example.pl, pokój nr 14 na pierwszym\n"      // 13
    "   3 Wnioski końcowe z analizy potrzeb seniorów w Białej Podlaskiej\n";        // 14

TEST_CASE("reflow: hard-wrapped paragraphs are joined, list items and labels are not") {
  SourcePage p = page_of(kWrapped);
  const bdp::ReflowStats st = bdp::reflow_page(p, rules());
  CHECK(st.width == 76);
  CHECK(st.dedent == 3);
  const std::vector<std::string> l = lines_of(p);
  REQUIRE(l.size() == 10);
  CHECK(l[0] == "Sprawozdanie z działalności Centrum Usług Społecznych w Białej Podlaskiej za rok 2023");
  CHECK(l[1] == "");
  CHECK(l[2].starts_with("W ubiegłym roku pracownicy"));
  CHECK(l[2].ends_with("skorzystało 86 osób starszych i niepełnosprawnych mieszkających samotnie w mieście."));
  // "Zadania" would have fitted on the line above: a new line of the text, not a cut
  CHECK(l[3] == "Zadania na kolejny rok obejmują rozwój usług sąsiedzkich i mieszkań.");
  CHECK(l[4] == "Działania");  // a heading after a sentence
  CHECK(l[5] == "- prowadzenie klubu seniora oraz punktu wsparcia dla opiekunów osób zależnych, działającego od poniedziałku do piątku w godzinach");
  CHECK(l[6].starts_with("- dowóz posiłków"));
  CHECK(l[7].starts_with("Osoba do kontaktu:"));
  CHECK(l[8].starts_with("tel. 83 341 22 10"));
  CHECK(l[9].starts_with("3 Wnioski"));
  // the file's lines: reflowed line 3 (1-based) starts at line 4; "86 osób" is on line 5
  CHECK(bdp::file_line(p, 1) == 1);
  CHECK(bdp::file_line(p, 1, l[0].find("za rok")) == 2);
  CHECK(bdp::file_line(p, 3) == 4);
  CHECK(bdp::file_line(p, 3, l[2].find("86 osób")) == 5);
  CHECK(bdp::file_line(p, 3, l[2].find("starszych")) == 6);
  CHECK(bdp::file_line(p, 4) == 7);
  CHECK(bdp::file_line(p, 6, l[5].find("zależnych")) == 10);
  CHECK(bdp::file_line(p, 10) == 14);
  int line = 3, column = static_cast<int>(bdp::count_code_points(l[2].substr(0, l[2].find("86 osób")))) + 1;
  bdp::file_position(p, line, column);
  CHECK(line == 5);
  CHECK(column == 4 + static_cast<int>(bdp::count_code_points(
                          std::string_view("wywiadów środowiskowych, a z usług opiekuńczych skorzystało "))));
  CHECK(p.file_line_count() == 14);
}

namespace {

/// The record's facts a dump must not change: title, page type, metryka, quantities (their
/// values, units, years and periods; not where they were read).
nlohmann::ordered_json facts(const bdp::PageResult& r) {
  nlohmann::ordered_json rec = bdp::to_record(r);
  nlohmann::ordered_json out;
  out["title"] = rec.value("title", "");
  out["page_type"] = rec["page_type"];
  out["metryka"] = rec.value("metryka", nlohmann::ordered_json::object());
  out["quantities"] = nlohmann::ordered_json::array();
  for (auto q : rec.value("quantities", nlohmann::ordered_json::array())) {
    q.erase("line");
    q.erase("surface");
    q.erase("context");
    out["quantities"].push_back(q);
  }
  return out;
}

}  // namespace

TEST_CASE("reflow: each sample dumped (wrapped at 76, indented by 3) reads as the sample") {
  for (const std::string& name : bdp::test::sample_names()) {
    CAPTURE(name);
    const std::string raw = bdp::test::read_file(bdp::test::sample_path(name));
    const bdp::PageResult original = bdp::test::pipeline().run_bytes(name, raw);
    const std::string variant = dumped(bdp::decode_page(name, raw).text, 76, 3);
    REQUIRE(variant != original.source.text);
    const bdp::PageResult dump = bdp::test::pipeline().run_bytes(name, variant);
    CHECK(facts(dump).dump(1) == facts(original).dump(1));
    CHECK(dump.source.file_line_count() == bdp::decode_page(name, variant).line_count());
    // each quantity's line is the line of the file where its surface starts
    const SourcePage file = bdp::decode_page(name, variant);
    for (const bdp::Quantity& q : dump.quantities) {
      CAPTURE(q.surface);
      REQUIRE(q.line >= 1);
      REQUIRE(static_cast<std::size_t>(q.line) <= file.line_count());
      const std::string_view s = q.surface;
      CHECK(file.line(static_cast<std::size_t>(q.line) - 1).find(s.substr(0, s.find(' '))) !=
            std::string_view::npos);
    }
  }
}

namespace {

/// A paragraph wrapped at 60 columns: it makes a page a wrapped one.
std::string club_paragraph_at_60() {
  return dumped(
      "Gminny Ośrodek Pomocy Społecznej w Krasnymstawie prowadzi od kilku lat klub dla osób "
      "starszych, w którym seniorzy spotykają się trzy razy w tygodniu, ćwiczą pamięć, "
      "uczą się obsługi telefonów i komputerów, a latem wyjeżdżają razem na wycieczki po "
      "regionie; z zajęć korzysta stale kilkadziesiąt osób z miasta i okolicznych wsi.",
      60, 0);
}

}  // namespace

TEST_CASE("reflow: what a wrapped line may not be joined with, and the dashes a wrapper moved") {
  // a paragraph wrapped at 60 makes the page a wrapped one; each case adds two lines
  const std::string prose = club_paragraph_at_60();
  {
    SourcePage base = page_of(prose + "\n");
    REQUIRE(bdp::reflow_page(base, rules()).width == 60);
  }
  struct Case {
    const char* above;
    const char* below;
    bool joined;
  };
  const Case cases[] = {
      // a dash that went to the line's start in a sentence, and a list item
      {"Wśród słabych stron wymieniono też brak mieszkań chronionych", "– długie kolejki do specjalistów i brak transportu.", true},
      {"Wśród słabych stron wskazano też brak mieszkań chronionych.", "– długie kolejki do specjalistów i brak transportu.", false},
      {"- prowadzenie punktu konsultacyjnego dla rodzin w kryzysie i", "- dowożenie posiłków osobom, które nie wychodzą z domu.", false},
      // a byline ending in a time, a weekday's date, a breadcrumb before the title
      {"Anna Kowalczyk, redakcja portalu, 14.03.2024, 09:45", "komentarzy brak", false},
      {"Świetlica środowiskowa otwiera się po wakacyjnej przerwie", "czwartek, 12 września 2024, godz. 10:00", false},
      {"Strona główna / Aktualności / Świetlica środowiskowa Promyk", "Nowe zajęcia dla dzieci w świetlicy Promyk od września", false},
      // a title that ends with its period and the institution below; a lower-case line goes on
      {"Piecza zastępcza w powiecie iławskim w latach 2015–2020", "Powiatowe Centrum Pomocy Rodzinie w Iławie", false},
      {"Szacunkowy koszt realizacji programu w latach 2024–2030", "wynosi 9,6 mln zł i jest pokrywany ze środków PFRON.", true},
      // a slide's first line and a capital below; unless it ends with a preposition
      {"4 Program wspierania rodziny w Miejskim Ośrodku Pomocy", "Wnioski z ewaluacji za lata 2021–2023", false},
      {"4 Program wspierania rodziny w Miejskim Ośrodku Pomocy w", "Krasnymstawie", true},
      // a byline under a title; a breadcrumb that ends with its separator goes on
      {"Wypożyczalnia sprzętu rehabilitacyjnego wydłuża godziny", "opublikowano 3 marca 2025 przez Redakcję", false},
      {"Nowe miejsca w dziennym domu pomocy dla seniorów w Izbicy", "Redakcja portalu, 7 maja 2025, 08:15", false},
      {"Strona główna › Usługi › Pomoc społeczna › Opieka domowa ›", "Karta usługi", true},
      // an act's title and its legal basis
      {"w sprawie zasad udzielania pomocy w formie posiłku w szkole", "Na podstawie art. 18 ust. 1 ustawy o samorządzie gminnym", false},
      // a label, a contact line
      {"Opis: klub działa przy ośrodku od 2015 roku, w budynku przy", "Miejscowość: Krasnystaw", false},
      {"Kontakt z koordynatorką klubu seniorów w godzinach pracy", "tel. 82 576 33 10 wewn. 24", false},
      // a sentence's figure a wrapper put at the line's start: no item 46 above it, and the
      // line above goes on; a line that ends its sentence keeps the number's line its own
      {"W tym roku do ośrodka wpłynęły 83 podania, przyjęto z nich", "47. Pozostałe wrócą do uzupełnienia w marcu.", true},
      {"Na liście oczekujących na miejsce w dziennym domu jest teraz", "19. Ośrodek szuka większego lokalu.", true},
      {"Do ośrodka wpłynęło 83 podania, przyjęto wszystkie z nich.", "47. Pozostałe wrócą do uzupełnienia w marcu.", false},
      // a schedule's entry opens with its hours; hours that end a sentence go on it
      {"8:30–10:00 gimnastyka usprawniająca w sali na parterze", "10:30–12:00 warsztaty pamięci z psychologiem", false},
      {"Dyżur pracownika socjalnego odbywa się we wtorki w godz.", "14.00–17.00.", true},
  };
  for (const Case& c : cases) {
    CAPTURE(c.above);
    // the case is a cut line: no longer than 60, and the word below would not have fitted
    const std::string below = c.below;
    REQUIRE(bdp::count_code_points(c.above) <= 60);
    REQUIRE(bdp::count_code_points(c.above) + 1 +
                bdp::count_code_points(below.substr(0, below.find(' '))) > 60);
    SourcePage p = page_of(prose + "\n\n" + c.above + "\n" + c.below + "\n");
    bdp::reflow_page(p, rules());
    const std::vector<std::string> l = lines_of(p);
    const bool joined = l.back() != c.below;
    CHECK(joined == c.joined);
  }
}

TEST_CASE("reflow: a short page of one wrapped paragraph under its title") {
  // two cut lines are enough when no line runs over the width
  SourcePage p = page_of(
      "Program opieki wytchnieniowej w gminie Kłodawa\n\n"
      "W ubiegłym roku gmina zapewniła opiekę wytchnieniową 14 rodzinom, a\n"
      "asystenci osobiści przepracowali z mieszkańcami łącznie ponad 3 200\n"
      "godzin; na kolejny rok zaplanowano wsparcie dla 20 rodzin.\n");
  const bdp::ReflowStats st = bdp::reflow_page(p, rules());
  CHECK(st.joined == 2);
  CHECK(lines_of(p).back() ==
        "W ubiegłym roku gmina zapewniła opiekę wytchnieniową 14 rodzinom, a asystenci osobiści "
        "przepracowali z mieszkańcami łącznie ponad 3 200 godzin; na kolejny rok zaplanowano "
        "wsparcie dla 20 rodzin.");
}

TEST_CASE("reflow: a figure at a wrapped line's start after an item numbered one less is an item") {
  const std::string prose = club_paragraph_at_60();
  SourcePage p = page_of(prose + "\n\n1. Zajęcia ruchowe dla seniorów prowadzi fizjoterapeutka z\n"
                                 "2. Warsztaty pamięci odbywają się w każdy wtorek.\n");
  REQUIRE(bdp::reflow_page(p, rules()).width == 60);
  CHECK(lines_of(p).back() == "2. Warsztaty pamięci odbywają się w każdy wtorek.");
}

TEST_CASE("reflow: a wrapper's indentation of the paragraphs it cut is taken off them") {
  // the wrapper indents only the lines it cuts; the contact's lines keep theirs
  SourcePage p = page_of(
      "Klub Seniora w Brzozowie\n\n"
      "Miejscowość: Brzozów\n"
      "Powiat: brzozowski\n"
      "Województwo: podkarpackie\n"
      "Typ jednostki: gmina miejsko-wiejska\n"
      "Data wprowadzenia: 2024-03-12\n"
      "Osoby kontaktowe:\n"
      "   Ewa Nowak, Dział Usług Opiekuńczych\n"
      "   tel. 13 434 11 22\n\n"
      "   Klub działa dzięki dofinansowaniu z programu rządowego Senior+, a\n"
      "   gmina pokrywa koszty dowozu uczestników z sołectw oddalonych od\n"
      "   siedziby klubu.\n\n"
      "   Projekt współfinansowany ze środków Unii Europejskiej w ramach\n"
      "   programu regionalnego na lata 2021-2027.\n");
  const bdp::ReflowStats st = bdp::reflow_page(p, rules());
  REQUIRE(st.width > 0);
  CHECK(st.dedent == 0);
  const std::vector<std::string> l = lines_of(p);
  REQUIRE(l.size() == 14);
  CHECK(l[8] == "   Ewa Nowak, Dział Usług Opiekuńczych");
  CHECK(l[9] == "   tel. 13 434 11 22");
  CHECK(l[11] ==
        "Klub działa dzięki dofinansowaniu z programu rządowego Senior+, a gmina pokrywa koszty "
        "dowozu uczestników z sołectw oddalonych od siedziby klubu.");
  CHECK(l[13] == "Projekt współfinansowany ze środków Unii Europejskiej w ramach programu regionalnego "
                "na lata 2021-2027.");
  // the file's positions still count the indentation taken off
  int line = 12, column = 1;
  bdp::file_position(p, line, column);
  CHECK(line == 12);
  CHECK(column == 4);
}

TEST_CASE("reflow: one wrapped paragraph above a list of half-width lines is found wrapped") {
  // the addresses and opening hours, a line each, are no evidence for or against the wrapping
  const std::string para = dumped(
      "W sezonie grzewczym Miejski Ośrodek Pomocy Społecznej w Dębicy prosi mieszkańców o "
      "zwracanie uwagi na osoby starsze i samotne, które mogą potrzebować pomocy; informację "
      "o osobie zagrożonej wychłodzeniem można przekazać dyżurnemu ośrodka albo policji, a "
      "pracownicy socjalni sprawdzą ją jeszcze tego samego dnia.",
      76, 0);
  std::string list;
  for (const char* l : {"Noclegownia dla mężczyzn, ul. Kościuszki 41, Dębica",
                        "Ogrzewalnia przy parafii, codziennie 18.00–8.00",
                        "Schronisko dla kobiet z dziećmi, ul. Krakowska 9",
                        "Jadłodajnia Caritas, ul. Rzeszowska 3, 12.00–14.00",
                        "Punkt wydawania odzieży – wtorek i piątek 9.00–13.00",
                        "Łaźnia miejska, ul. Sportowa 2, środa 15.00–19.00",
                        "Streetworker MOPS, tel. 14 680 22 19 (pon.–pt.)",
                        "Punkt interwencji kryzysowej, ul. Szkolna 4, pokój 7"})
    list += std::string(l) + "\n\n";
  list += list;  // twice as many lines of half the width as cut lines
  SourcePage p = page_of("Pomoc w okresie zimowym\n\n" + para + "\n\n" + list);
  const bdp::ReflowStats st = bdp::reflow_page(p, rules());
  CHECK(st.width == 75);  // the longest line cut
  CHECK(lines_of(p)[2].size() > 200);  // the paragraph on one line
  CHECK(lines_of(p)[4] == "Noclegownia dla mężczyzn, ul. Kościuszki 41, Dębica");
}

TEST_CASE("reflow: a line the page repeats is not joined with the line above") {
  // a slide deck's running footer under a list item that fills the line
  const std::string footer = "PCPR w Sokółce | Konferencja rodzin zastępczych | 2024";
  const std::string prose = dumped(
      "Powiatowe Centrum Pomocy Rodzinie w Sokółce prowadzi szkolenia dla kandydatów na "
      "rodziny zastępcze, grupy wsparcia dla rodzin już działających i poradnictwo "
      "psychologiczne dla dzieci umieszczonych w pieczy, a w razie potrzeby kieruje rodziny "
      "na terapię do specjalistów z poradni w Białymstoku. Od ubiegłego roku centrum "
      "organizuje też wyjazdowe warsztaty dla całych rodzin, na których psycholodzy i "
      "pedagodzy pracują z dziećmi, a rodzice wymieniają się doświadczeniami.",
      60, 0);
  SourcePage p = page_of(prose + "\n" + footer + "\n\nSzkolenia\n• szkolenia dla kandydatów na rodziny zastępcze, 41 osób w\n" +
                         footer + "\n\nWsparcie\n• grupy wsparcia co miesiąc w siedzibie centrum i w gminach\n" + footer + "\n");
  REQUIRE(bdp::reflow_page(p, rules()).width >= 55);
  const std::vector<std::string> l = lines_of(p);
  CHECK(l.back() == footer);
  CHECK(l[1] == footer);
}

// A scraper that breaks the line at every inline tag (get_text("\n"), //text()): a sentence
// arrives as lines of any length, with no blank line between them.
TEST_CASE("reflow: sentences cut at inline tags are joined, the file's lines kept") {
  SourcePage p = page_of(
      "Aktualności\n\n"
      "Klub Seniora działa przy ośrodku od 2016\n"
      "roku. W minionym sezonie na zajęcia\n"
      "przychodziło 212 osób, a wolontariusze z Zespołu Szkół nr 2\n"
      "przepracowali 3 400 godzin.\n\n"
      "Od marca ośrodek prowadzi też program\n"
      "Aktywny Senior Plus\n"
      "w partnerstwie z biblioteką miejską.\n");
  const bdp::ReflowStats st = bdp::reflow_page(p, rules());
  CHECK(st.width == 0);
  CHECK(st.cut == 5);
  const std::vector<std::string> l = lines_of(p);
  CHECK(l == std::vector<std::string>{
                 "Aktualności", "",
                 "Klub Seniora działa przy ośrodku od 2016 roku. W minionym sezonie na zajęcia "
                 "przychodziło 212 osób, a wolontariusze z Zespołu Szkół nr 2 przepracowali 3 400 "
                 "godzin.",
                 "",
                 "Od marca ośrodek prowadzi też program Aktywny Senior Plus w partnerstwie z "
                 "biblioteką miejską."});
  CHECK(bdp::file_line(p, 3) == 3);
  CHECK(bdp::file_line(p, 3, l[2].find("roku.")) == 4);
  CHECK(bdp::file_line(p, 3, l[2].find("3 400")) == 6);
  CHECK(bdp::file_line(p, 5, l[4].find("Plus")) == 9);
  CHECK(bdp::file_line(p, 5, l[4].find("biblioteką")) == 10);
  CHECK(p.file_line_count() == 10);
  REQUIRE(p.diagnostics.size() == 1);
  CHECK(p.diagnostics[0].message == "5 lines cut at inline tags joined");
}

TEST_CASE("reflow: a figure in bold and a name in a link go on with their sentence") {
  SourcePage p = page_of(
      "W ubiegłym roku z pomocy skorzystało\n"
      "1 245\n"
      "mieszkańców gminy. Wsparcie koordynował\n"
      "Gminny Ośrodek Pomocy Społecznej\n"
      "we współpracy z parafią.\n");
  const bdp::ReflowStats st = bdp::reflow_page(p, rules());
  CHECK(st.width == 0);
  CHECK(st.cut == 4);
  CHECK(lines_of(p) == std::vector<std::string>{
                           "W ubiegłym roku z pomocy skorzystało 1 245 mieszkańców gminy. Wsparcie "
                           "koordynował Gminny Ośrodek Pomocy Społecznej we współpracy z parafią."});
}

TEST_CASE("reflow: on a page cut at inline tags menus, lists, headings and counters stay") {
  const std::string furniture =
      "Start\nO nas\nKontakt\n\n"
      "2.104.377\ngości odwiedziło nas\nod 1 stycznia 2010 r.\n\n"
      "Powiatowe Centrum Pomocy Rodzinie\nul. Lipowa 4\n\n"
      "Nasze działania\n"
      "dyżury psychologa\nporadnictwo prawne\ngrupa wsparcia\n\n"
      "ZARZĄDZENIE NR 5/2024\nz dnia 3 kwietnia 2024 r.\n\n"
      "Wyniki\n";
  const std::string body =
      "W pierwszym półroczu do punktu zgłosiło się\n"
      "58 rodzin. Z porad prawnika\n"
      "skorzystało 40 osób.\n";
  SourcePage p = page_of(furniture + "74 osoby zakończyły terapię.\n\n" + body);
  bdp::reflow_page(p, rules());
  const std::vector<std::string> l = lines_of(p);
  // the furniture is line for line as written; only the paragraph's cut sentence is one line
  std::vector<std::string> want;
  for (std::size_t s = 0, e; (e = furniture.find('\n', s)) != std::string::npos; s = e + 1)
    want.push_back(furniture.substr(s, e - s));
  want.push_back("74 osoby zakończyły terapię.");
  want.push_back("");
  want.push_back("W pierwszym półroczu do punktu zgłosiło się 58 rodzin. Z porad prawnika skorzystało 40 osób.");
  CHECK(l == want);
}

TEST_CASE("reflow: an ordinary page with continuations in its furniture keeps its lines") {
  // one cut line proves nothing alone: a list without markers, a name over an address
  const std::string text =
      "Kontakt\nMiejski Ośrodek Pomocy Rodzinie\nul. Długa 12\n\n"
      "Zakres pomocy\nzasiłki celowe\nposiłki dla dzieci\nusługi opiekuńcze\n\n"
      "Ośrodek wydał w 2023 roku 1 820 decyzji.\n";
  SourcePage p = page_of(text);
  const bdp::ReflowStats st = bdp::reflow_page(p, rules());
  CHECK_FALSE(st.changed());
  CHECK(p.text == text);
}

TEST_CASE("reflow: a year cut from its 'roku' and a figure after a short word are joined") {
  // "W 2024" holds one capital only: no heading in capitals; "się" / "57 dzieci. Zajęcia …"
  // shows the cut by itself (a figure that opens a line holding a sentence's end)
  SourcePage p = page_of(
      "Nowy punkt pomocy działa od stycznia.\n"
      "W 2024\n"
      "roku z zajęć korzystały rodziny, w których wychowywało\n"
      "się\n"
      "57 dzieci. Zajęcia prowadził pedagog.\n");
  const bdp::ReflowStats st = bdp::reflow_page(p, rules());
  CHECK(st.cut == 3);
  CHECK(lines_of(p) == std::vector<std::string>{
                           "Nowy punkt pomocy działa od stycznia.",
                           "W 2024 roku z zajęć korzystały rodziny, w których wychowywało się 57 "
                           "dzieci. Zajęcia prowadził pedagog."});
}

TEST_CASE("reflow: a cut after an abbreviation's full stop ('W 2007 r.') goes on in lower case") {
  SourcePage p = page_of(
      "Pracownicy socjalni prowadzili w tych rodzinach pracę socjalną, a wyniki\n"
      "są podane niżej.\n"
      "W 2007 r.\n"
      "interwencje podjęte były w 132 środowiskach.\n");
  bdp::reflow_page(p, rules());
  CHECK(lines_of(p) == std::vector<std::string>{
                           "Pracownicy socjalni prowadzili w tych rodzinach pracę socjalną, a wyniki "
                           "są podane niżej.",
                           "W 2007 r. interwencje podjęte były w 132 środowiskach."});
}

TEST_CASE("reflow: a form feed's page starts a line, and its break follows the lines") {
  // the same cut sentence as above, but a PDF page ends after "wychowywało"
  SourcePage p = page_of(
      "Nowy punkt pomocy działa od stycznia.\n"
      "W 2024\n"
      "roku z zajęć korzystały rodziny, w których wychowywało\n\f"
      "się\n"
      "57 dzieci. Zajęcia prowadził pedagog.\n");
  REQUIRE(p.page_breaks == std::vector<std::uint32_t>{3});
  bdp::reflow_page(p, rules());
  CHECK(lines_of(p) == std::vector<std::string>{
                           "Nowy punkt pomocy działa od stycznia.",
                           "W 2024 roku z zajęć korzystały rodziny, w których wychowywało",
                           "się 57 dzieci. Zajęcia prowadził pedagog."});
  CHECK(p.page_breaks == std::vector<std::uint32_t>{2});
}

TEST_CASE("reflow: a cut deck keeps its slide titles, counters and running footer") {
  SourcePage p = page_of(
      "W ubiegłym roku z pomocy ośrodka w naszej gminie skorzystało łącznie 1\n"
      "138 osób, w tym 40 dzieci. Najwięcej\n"
      "rodzin zgłosiło się zimą, gdy rosną rachunki za ogrzewanie mieszkań.\n\n"
      "Slajd 3\n"
      "Rezultaty 2023\n"
      "46 uczestników, 12 osób podjęło pracę.\n"
      "MOPS Lipno | www.mops.lipno.pl\n"
      "3/9\n\n"
      "Slajd 4\n"
      "Partnerzy programu to szkoły oraz\n"
      "Powiatowy Urząd Pracy w Lipnie\n"
      "MOPS Lipno | www.mops.lipno.pl\n"
      "4/9\n");
  const bdp::ReflowStats st = bdp::reflow_page(p, rules());
  CHECK(st.width == 0);
  CHECK(lines_of(p) == std::vector<std::string>{
                           "W ubiegłym roku z pomocy ośrodka w naszej gminie skorzystało łącznie 1 "
                           "138 osób, w tym 40 dzieci. Najwięcej rodzin zgłosiło się zimą, gdy "
                           "rosną rachunki za ogrzewanie mieszkań.",
                           "", "Slajd 3", "Rezultaty 2023", "46 uczestników, 12 osób podjęło pracę.",
                           "MOPS Lipno | www.mops.lipno.pl", "3/9", "", "Slajd 4",
                           "Partnerzy programu to szkoły oraz Powiatowy Urząd Pracy w Lipnie",
                           "MOPS Lipno | www.mops.lipno.pl", "4/9"});
}

TEST_CASE("reflow: a cut sentence after 'dzięki', a cut breadcrumb is not joined with the title") {
  SourcePage p = page_of(
      "Aktualności / Pomoc\n"
      "i wsparcie / Dla seniorów\n"
      "Klub „Pogodna Jesień” działa dzięki\n"
      "wsparciu gminy\n"
      "z całego powiatu.\n");
  const bdp::ReflowStats st = bdp::reflow_page(p, rules());
  CHECK(st.cut == 2);
  CHECK(lines_of(p) == std::vector<std::string>{
                           "Aktualności / Pomoc", "i wsparcie / Dla seniorów",
                           "Klub „Pogodna Jesień” działa dzięki wsparciu gminy z całego powiatu."});
}

TEST_CASE("reflow: a list without markers under a colon is no cut sentence; a cut sentence still is") {
  SourcePage p = page_of(
      "Cele programu:\n"
      "zwiększenie aktywności społecznej i fizycznej seniorów,\n"
      "rozwój kompetencji cyfrowych osób starszych,\n"
      "wsparcie osób samotnych w codziennym funkcjonowaniu.\n"
      "Klub „Pogodna Jesień” działa dzięki\n"
      "wsparciu gminy\n"
      "z całego powiatu.\n");
  bdp::reflow_page(p, rules());
  CHECK(lines_of(p) == std::vector<std::string>{
                           "Cele programu:", "zwiększenie aktywności społecznej i fizycznej seniorów,",
                           "rozwój kompetencji cyfrowych osób starszych,",
                           "wsparcie osób samotnych w codziennym funkcjonowaniu.",
                           "Klub „Pogodna Jesień” działa dzięki wsparciu gminy z całego powiatu."});
}

TEST_CASE("reflow: a name cut at its hyphen is joined, on any page; other hyphens stay") {
  SourcePage p = page_of(
      "Osoby kontaktowe:  Jolanta Kamińska-\nRybak\n Dyrektor Centrum\n\nSiedziba: Bielsko-\n"
      "Biała Podlaska, ul. Krótka 1\n\nKontakt z MOPS-\nGdańsk\n\nprogram społeczno-\nZawodowy\n\n"
      "Ewa Nowak-\nTelefon: 22 111 22 33\n\nStrona -\nPomoc\n");
  const auto st = bdp::reflow_page(p, rules());
  CHECK(st.names == 2);
  CHECK(st.joined == 2);
  CHECK(lines_of(p) == std::vector<std::string>{
                           "Osoby kontaktowe:  Jolanta Kamińska-Rybak", " Dyrektor Centrum", "",
                           "Siedziba: Bielsko-Biała Podlaska, ul. Krótka 1", "", "Kontakt z MOPS-",
                           "Gdańsk", "", "program społeczno-", "Zawodowy", "", "Ewa Nowak-",
                           "Telefon: 22 111 22 33", "", "Strona -", "Pomoc"});
  // the record reports the file's lines
  CHECK(bdp::file_line(p, 2) == 3);
  CHECK(said(p, "2 names cut at their hyphen joined"));
}

TEST_CASE("reflow: a word the typesetter cut at a hyphen is rejoined; a compound keeps its hyphen") {
  // pdftotext's lines of a document hyphenated by its word processor: "zapo-" / "biegać" is
  // one word, "opiekuńczo-" / "wychowawczych" a compound cut at its own hyphen.
  SourcePage p = page_of(
      "Rodzina jest podstawowym środowiskiem rozwoju dziecka. Gminny Program Wspierania Rodziny\n"
      "na lata 2024–2026 określa kierunki działań samorządu, które mają zapobiegać oraz zapo-\n"
      "biegać powstawaniu sytuacji kryzysowych w rodzinach, wzmacniać ich kompetencje opiekuń-\n"
      "czo-wychowawcze i ograniczać konieczność umieszczania dzieci w pieczy zastępczej. Koordy-\n"
      "natorem programu jest Miejski Ośrodek Pomocy Rodzinie, który wspiera rodziny w ich funkcji\n"
      "opiekuńczej. Wzmocnienie rodzin w prawidłowym wypełnianiu ich funkcji opiekuńczo-\n"
      "wychowawczych oraz pomoc w sprawach społeczno-zawodowych prowadzi Poradnia Psychologiczno-\n"
      "Pedagogiczna, Punkt Interwencji Kryzysowej i Miejska Komisja Rozwiązywania Problemów Alko-\n"
      "holowych, a wsparcie dla rodzin z dziećmi daje też 14 organizacji pozarządowych oraz e-\n"
      "mail i telefon zaufania czynne od poniedziałku do piątku w godzinach pracy ośrodka.\n");
  const auto st = bdp::reflow_page(p, rules());
  REQUIRE(st.width > 0);
  const std::vector<std::string> l = lines_of(p);
  REQUIRE(l.size() == 1);
  CHECK(l[0].find(" zapobiegać powstawaniu") != std::string::npos);
  CHECK(l[0].find(" opiekuńczo-wychowawcze i") != std::string::npos);
  CHECK(l[0].find(" Koordynatorem programu") != std::string::npos);
  CHECK(l[0].find(" opiekuńczo-wychowawczych oraz") != std::string::npos);
  CHECK(l[0].find(" Psychologiczno-Pedagogiczna,") != std::string::npos);
  CHECK(l[0].find(" Alkoholowych, a") != std::string::npos);
  CHECK(l[0].find(" e-mail i") != std::string::npos);
  CHECK(st.unhyphenated == 4);
  // the file's lines: "biegać" was cut off line 2, and now follows "zapo"
  CHECK(bdp::file_line(p, 1, l[0].find("powstawaniu")) == 3);
  CHECK(bdp::file_line(p, 1, l[0].find("natorem")) == 5);
  CHECK(said(p, "4 words cut at a line-end hyphen rejoined"));
}

TEST_CASE("reflow: two columns side by side are read column by column") {
  // pdftotext -layout: a passage in two columns, each line holding a line of both.
  SourcePage p = page_of(
      "III. Zasoby instytucjonalne\n"
      "Placówki wsparcia dziennego                   Organizacje pozarządowe\n"
      "W mieście działają 3 placówki wsparcia        Na rzecz rodzin działa w Chełmie 14 or-\n"
      "dziennego prowadzone w formie opiekuńczej     ganizacji pozarządowych, w tym Caritas\n"
      "i specjalistycznej, dysponujące łącznie       Diecezji Lubelskiej i Stowarzyszenie\n"
      "105 miejscami dla dzieci.                     „Rodzina”.\n"
      "\n"
      "Wskaźnik      2022      2023\n"
      "Rodziny       41        53\n"
      "Dzieci        77        80\n");
  const auto st = bdp::reflow_page(p, rules());
  CHECK(st.columns == 1);
  const std::vector<std::string> l = lines_of(p);
  REQUIRE(l.size() == 10);
  CHECK(l[0] == "III. Zasoby instytucjonalne");
  CHECK(l[1] == "Placówki wsparcia dziennego W mieście działają 3 placówki wsparcia dziennego "
                "prowadzone w formie opiekuńczej i specjalistycznej, dysponujące łącznie 105 "
                "miejscami dla dzieci.");
  CHECK(l[2] == "Organizacje pozarządowe Na rzecz rodzin działa w Chełmie 14 organizacji "
                "pozarządowych, w tym Caritas Diecezji Lubelskiej i Stowarzyszenie „Rodzina”.");
  CHECK(l[3].empty());
  CHECK(l[6].empty());
  // a table's rows (more than one gap) stay as they are
  CHECK(l[8] == "Rodziny       41        53");
  CHECK(bdp::file_line(p, 3) == 3);
  CHECK(bdp::file_line(p, 9) == 9);
}
