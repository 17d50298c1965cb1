#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bdp/boilerplate.h"
#include "bdp/classify.h"
#include "bdp/layout.h"
#include "test_util.h"

namespace {

std::string read_file(const std::string& rel) { return bdp::test::read_file(std::string(BDP_SOURCE_DIR) + "/" + rel); }
using bdp::test::replace_all;

struct Rules {
  std::unique_ptr<bdp::BoilerplateRules> bp;
  std::unique_ptr<bdp::ClassifierRules> cl;
  std::unique_ptr<bdp::LayoutRules> lay;
  std::vector<bdp::GrammarError> errors;
  Rules() {
    auto g = bdp::Grammars::embedded();
    bp = bdp::BoilerplateRules::compile(g, errors);
    cl = bdp::ClassifierRules::compile(g, errors);
    lay = bdp::LayoutRules::compile(g, errors);
  }
  bdp::PageLayout layout(const std::string& text) const {
    auto page = bdp::decode_page("t.txt", text);
    auto b = bdp::strip_boilerplate(page, *bp);
    auto c = bdp::classify_page(page, b, *cl);
    return bdp::find_layout(page, b, c.type, *lay);
  }
  /// Every line kept (no boilerplate stage).
  bdp::PageLayout layout_as(const std::string& text, bdp::PageType type) const {
    auto page = bdp::decode_page("t.txt", text);
    return bdp::find_layout(page, bdp::BoilerplateResult{}, type, *lay);
  }
};

const Rules& rules() {
  static const Rules r;
  return r;
}

bool starts_with(const std::string& s, const std::string& p) { return s.rfind(p, 0) == 0; }

/// Line `line` of a page as the boilerplate stage decided it: stripped (or kept) by `rule`.
struct Decision {
  std::size_t line;
  const char* rule;
  bool keep = false;
};

/// The layout of `text` read as `type`, every line kept but as `decisions` say.
bdp::PageLayout layout_with(const std::string& text, bdp::PageType type,
                            std::initializer_list<Decision> decisions) {
  auto page = bdp::decode_page("t.txt", text);
  bdp::BoilerplateResult bp;
  bp.lines.resize(page.line_count());
  for (const Decision& d : decisions) {
    bp.lines[d.line].keep = d.keep;
    bp.lines[d.line].rule = d.rule;
  }
  return bdp::find_layout(page, bp, type, *rules().lay);
}

}  // namespace

TEST_SUITE("layout") {
TEST_CASE("the embedded grammar compiles") {
  CHECK(rules().errors.empty());
  for (const auto& e : rules().errors) MESSAGE(e.to_string());
}

TEST_CASE("titles and sections of the samples") {
  struct Case {
    const char* file;
    const char* title_prefix;
    std::vector<std::string> section;
  };
  const Case cases[] = {
      {"samples/000_42b64f40e6b1f379.txt",
       "Kompleksowy system profilaktyki i opieki nad dzieckiem",
       {"Usługi społeczne", "Pomoc społeczna"}},
      {"samples/001_32a605242a6a7ebd.txt",
       "Przekształcenie Domu Dziecka w nowoczesną instytucję opiekuńczą",
       {"Usługi społeczne", "Pomoc społeczna"}},
      {"samples/002_a827141f76dcf969.txt", "Zaspokojenie potrzeb społecznych",
       {"Współpraca JST-NGO", "Praktyki"}},
      {"samples/003_a330b8b9da82a7d9.txt",
       "Program ograniczania strat i szkód osób z problemem alkoholowym klientów MOPS",
       {}},
      {"samples/004_76bfd50073182376.txt",
       "Miejski Ośrodek Pomocy Społecznej w Sopocie Dział Pomocy Rodzinie",
       {}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.file);
    const std::string raw = read_file(c.file);
    for (const std::string& text : {raw, replace_all(raw, "\u00a0", " ")}) {
      auto l = rules().layout(text);
      CHECK(starts_with(l.title, c.title_prefix));
      CHECK(l.title.find("  ") == std::string::npos);
      CHECK(l.title.find("\u00a0") == std::string::npos);
      CHECK(l.title.find('"') == std::string::npos);
      CHECK(l.title_line > 0);
      CHECK(l.section == c.section);
    }
  }
}

TEST_CASE("breadcrumbs of re-templated cards: other separators, the home item, a 'you are here' prefix") {
  struct Case {
    const char* crumb;
    std::vector<std::string> section;
  };
  const Case cases[] = {
      {"Usługi społeczne > Pomoc społeczna", {"Usługi społeczne", "Pomoc społeczna"}},
      {"Usługi społeczne / Ochrona zdrowia", {"Usługi społeczne", "Ochrona zdrowia"}},
      {"Usługi społeczne › Pomoc społeczna", {"Usługi społeczne", "Pomoc społeczna"}},
      {"Strona główna » Usługi społeczne » Pomoc społeczna", {"Usługi społeczne", "Pomoc społeczna"}},
      {"Jesteś tutaj: Usługi społeczne » Pomoc społeczna", {"Usługi społeczne", "Pomoc społeczna"}},
      {"Obszar: Pomoc społeczna › Bezdomność", {"Pomoc społeczna", "Bezdomność"}},
      {"Obszary tematyczne: Pomoc społeczna › Bezdomność", {"Pomoc społeczna", "Bezdomność"}},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.crumb));
    std::string text = std::string("Baza Dobrych Praktyk\n\n") + c.crumb +
                       "\n« wróć do wyników wyszukiwania\n„Klub Seniora” w gminie\n\nOpis praktyki: "
                       "klub działa od 2010 roku i skupia seniorów z całej gminy.\n";
    auto page = bdp::decode_page("t.txt", text);
    auto b = bdp::strip_boilerplate(page, *rules().bp);
    auto l = bdp::find_layout(page, b, bdp::PageType::bdp_practice, *rules().lay);
    CHECK(l.section == c.section);
    CHECK(l.title == "„Klub Seniora” w gminie");
  }
}

TEST_CASE("a card's catalogue number and tab bar between breadcrumb and title are passed over") {
  const std::string text =
      "Portal Dobrych Praktyk Samorządowych\n\nKatalog praktyk » Polityka społeczna » Wsparcie rodziny\n"
      "Praktyka nr 1347\n\n[ Opis ]  [ Metryka ]  [ Pliki ]  [ Opinie (2) ]\n\n"
      "Rodziny wspierające – sąsiedzka pomoc dla rodzin w Rawiczu\n\nW 2012 roku ośrodek "
      "ustanowił rodziny wspierające, które pomagają rodzinom w opiece nad dziećmi.\n";
  auto page = bdp::decode_page("t.txt", text);
  auto b = bdp::strip_boilerplate(page, *rules().bp);
  auto l = bdp::find_layout(page, b, bdp::PageType::bdp_practice, *rules().lay);
  CHECK(l.section == std::vector<std::string>{"Katalog praktyk", "Polityka społeczna", "Wsparcie rodziny"});
  CHECK(l.title == "Rodziny wspierające – sąsiedzka pomoc dla rodzin w Rawiczu");
  CHECK(l.title_line == 8);
}

TEST_CASE("a stripped line that repeats the trail's last part is passed over; a kept one is the title") {
  const std::string head =
      "Baza Dobrych Praktyk | Samorządowe praktyki w usługach publicznych\n"
      "Start | O projekcie | Praktyki | Mapa Praktyk | Publikacje | Kontakt\n"
      "Szukaj w BDP: ______ [>]\n"
      "Jesteś tutaj: Baza Dobrych Praktyk » Usługi społeczne » Ochrona zdrowia\n";
  const std::string body =
      "\n.:   Skrót i Metryka -> Pełna prezentacja -> Załączniki   :.\n\n"
      "Gmina Busko-Zdrój ma duży odsetek mieszkańców w podeszłym wieku, mieszkających w "
      "rozproszonych sołectwach, daleko od poradni rehabilitacyjnych.\n\nMetryka praktyki\n"
      "Data wprowadzenia do BDP: 2011-02-10\nWojewództwo: świętokrzyskie\n";
  auto category = rules().layout(head + "Ochrona zdrowia\nMobilny punkt rehabilitacji domowej\n" + body);
  CHECK(category.section.back() == "Ochrona zdrowia");
  CHECK(category.title == "Mobilny punkt rehabilitacji domowej");
  // The trail's last part is the card itself: its repeat under the trail is the title.
  auto itself = rules().layout(
      "Jesteś tutaj: Baza Dobrych Praktyk » Usługi społeczne » Mobilny punkt rehabilitacji domowej\n"
      "Mobilny punkt rehabilitacji domowej\n" + body);
  CHECK(itself.title == "Mobilny punkt rehabilitacji domowej");
}

TEST_CASE("a Word export: its attachment header is no title; its running header is, over each page") {
  std::string text =
      "Załącznik nr 1 do Uchwały Nr LXII/611/23 Rady Miejskiej w Żarach z dnia 14 grudnia 2023 r.\n\n\n"
      "PROGRAM PRZECIWDZIAŁANIA BEZDOMNOŚCI\nW MIEŚCIE ŻARY\nNA LATA 2024-2027\n\n";
  const char* pages[] = {
      "1. Wstęp\n\nBezdomność jest jednym z najbardziej skrajnych przejawów wykluczenia społecznego, "
      "a program wskazuje kierunki działań miasta na najbliższe lata.\n",
      "2. Diagnoza\n\nWedług badania liczby osób bezdomnych w Żarach przebywało 46 osób, w tym 9 kobiet, "
      "a schronisko prowadzi stowarzyszenie.\n",
      "3. Cele programu\n\nCelem programu jest ograniczenie zjawiska bezdomności i wspieranie osób "
      "wychodzących z kryzysu bezdomności.\n"};
  for (int i = 0; i < 3; ++i)
    text += "Program Przeciwdziałania Bezdomności w Mieście Żary na lata 2024-2027\n\n" + std::string(pages[i]) +
            "\nMiejski Ośrodek Pomocy Społecznej w Żarach Strona " + std::to_string(i + 2) + " z 4\n";
  auto l = rules().layout(text);
  CHECK(l.title == "Program Przeciwdziałania Bezdomności w Mieście Żary na lata 2024-2027");
}

TEST_CASE("the site banner of a BDP card is not its title") {
  auto l = rules().layout(read_file("samples/002_a827141f76dcf969.txt"));
  CHECK(l.title.find("wypracowanie i upowszechnienie standardów") == std::string::npos);
  CHECK(l.section_line == 21);
  CHECK(l.title_line == 22);
}

TEST_CASE("titles of small pages") {
  struct Case {
    const char* text;
    bdp::PageType type;
    const char* title;
  };
  const Case cases[] = {
      {"Prezentacja na temat: „Budżet   obywatelski”— Zapis prezentacji:\n\n1 Inny tytuł\n",
       bdp::PageType::slide_transcript, "Budżet obywatelski"},
      {"Pobieranie prezentacji. Proszę czekać\n\n1 Plan pracy świetlicy\n\n2 Cele\n",
       bdp::PageType::slide_transcript, "Plan pracy świetlicy"},
      {"Strona główna\nAktualności\nKontakt\n\nNabór na opiekunów\n\nOśrodek ogłasza nabór na "
       "stanowisko opiekuna w klubie seniora, w którym pracują również wolontariusze.\n",
       bdp::PageType::unknown, "Nabór na opiekunów"},
      {"Strona główna\nPraktyki\nKontakt\n\nPraktyki : Pomoc rodzinie\nAsystent   rodziny w gminie\n",
       bdp::PageType::bdp_practice, "Asystent rodziny w gminie"},
      // The institution's name right above the page's heading is the site's header ([site_name]).
      {"Miejski Ośrodek Pomocy Społecznej w Tczewie\nProgram „Mieszkanie na start” – mieszkania "
       "chronione\n\nOd 2019 roku ośrodek prowadzi dwa mieszkania chronione dla osób, które "
       "opuszczają placówki opiekuńczo-wychowawcze.\n",
       bdp::PageType::mops_programme, "Program „Mieszkanie na start” – mieszkania chronione"},
      {"MOPS Zielona Góra\nKlub Seniora przy ulicy Długiej\n\nKlub działa od poniedziałku do "
       "piątku, a zajęcia prowadzą terapeuci zajęciowi i wolontariusze.\n",
       bdp::PageType::mops_programme, "Klub Seniora przy ulicy Długiej"},
      // A one-word section name with the page's longer heading right under it is not the title
      // (section_label_max_words).
      {"MOPS Zielona Góra\nOgłoszenia\nOgłoszenie o naborze na wolne stanowisko urzędnicze\n\n"
       "Dyrektor ośrodka ogłasza nabór na stanowisko pracownika socjalnego w dziale pomocy.\n",
       bdp::PageType::unknown, "Ogłoszenie o naborze na wolne stanowisko urzędnicze"},
      // A heading may end in the year's "r."; another final full stop ends a sentence. An act's
      // header is no title: its subject ("w sprawie …") is, in the nominative ([act_header]).
      {"Zarządzenie Nr 17/2024 Dyrektora Ośrodka z dnia 11 kwietnia 2024 r.\nw sprawie zasad "
       "pobytu w mieszkaniu chronionym\n\n§ 1. Mieszkanie chronione przeznaczone jest dla osób "
       "starszych.\n",
       bdp::PageType::unknown, "Zasady pobytu w mieszkaniu chronionym"},
      {"Zarządzenie Nr 17/2024 Dyrektora Ośrodka z dnia 11 kwietnia 2024 r.\n\n§ 1. Mieszkanie "
       "chronione przeznaczone jest dla osób starszych.\n",
       bdp::PageType::unknown, "Zarządzenie Nr 17/2024 Dyrektora Ośrodka z dnia 11 kwietnia 2024 r."},
      {"Ośrodek zaprasza seniorów.\nKlub Seniora przy ulicy Długiej\n\nKlub działa od "
       "poniedziałku do piątku, a zajęcia prowadzą terapeuci zajęciowi i wolontariusze.\n",
       bdp::PageType::mops_programme, "Klub Seniora przy ulicy Długiej"},
      // … but it is the title when no heading follows right under it.
      {"Miejski Ośrodek Pomocy Społecznej w Tczewie\n\nOśrodek prowadzi dwa mieszkania chronione "
       "dla osób, które opuszczają placówki opiekuńczo-wychowawcze.\n",
       bdp::PageType::mops_programme, "Miejski Ośrodek Pomocy Społecznej w Tczewie"},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.text));
    auto page = bdp::decode_page("t.txt", c.text);
    auto b = bdp::strip_boilerplate(page, *rules().bp);
    auto l = bdp::find_layout(page, b, c.type, *rules().lay);
    CHECK(l.title == c.title);
  }
}

TEST_CASE("guards bound breadcrumb parts and labels as the counted patterns did") {
  const auto& r = rules();
  auto find = [&](const std::string& text, bdp::PageType type) {
    auto page = bdp::decode_page("t.txt", text);
    return bdp::find_layout(page, bdp::BoilerplateResult{}, type, *r.lay);
  };
  // A breadcrumb part has at most 61 characters.
  auto ok = find("Usługi : Ą" + std::string(60, 'a') + "\nTytuł\n", bdp::PageType::bdp_practice);
  CHECK(ok.section.size() == 2);
  CHECK(ok.title == "Tytuł");
  auto too_long = find("Usługi : Ą" + std::string(61, 'a') + "\nTytuł\n",
                       bdp::PageType::bdp_practice);
  CHECK(too_long.section.empty());
  // … but the last part of a trail, often the page's own title, may be long.
  auto long_last = find("Strona główna » Aktualności » Laureaci konkursu „Pomorskie Dobre Praktyki "
                        "w Pomocy Społecznej 2019”\nTytuł\n",
                        bdp::PageType::bdp_practice);
  REQUIRE(long_last.section.size() == 2);
  CHECK(long_last.section[0] == "Aktualności");
  auto long_middle = find("Strona główna » Laureaci konkursu „Pomorskie Dobre Praktyki w Pomocy "
                          "Społecznej 2019” » Aktualności\nTytuł\n",
                          bdp::PageType::bdp_practice);
  CHECK(long_middle.section.empty());
  // "Label: value" (a label of at most 49 characters) is not a heading.
  auto label = find("Ł" + std::string(48, 'a') + ": x\nTytuł\n", bdp::PageType::unknown);
  CHECK(label.title == "Tytuł");
  auto heading = find("Ł" + std::string(49, 'a') + ": x\nTytuł\n", bdp::PageType::unknown);
  CHECK(heading.title_line == 1);
}
}

TEST_CASE("a page without a title or a card without a breadcrumb says so") {
  const auto& r = rules();
  auto codes = [&](const std::string& text, bdp::PageType type) {
    auto page = bdp::decode_page("t.txt", text);
    auto l = bdp::find_layout(page, bdp::BoilerplateResult{}, type, *r.lay);
    std::vector<std::string> out;
    for (const auto& d : l.diagnostics) out.push_back(d.code);
    return out;
  };
  const std::string card = "Praktyki : Pomoc rodzinie\nAsystent rodziny w gminie\n";
  CHECK(codes(card, bdp::PageType::bdp_practice).empty());
  // The same card cut above its breadcrumb: a title is still found, the section is not.
  CHECK(codes("Asystent rodziny w gminie\n", bdp::PageType::bdp_practice) ==
        std::vector<std::string>{"layout.no_section"});
  // Nothing heading-like at all: only sentences.
  const std::string prose = "Ośrodek prowadzi zajęcia dla dzieci, które odbywają się co tydzień.\n";
  CHECK(codes(prose, bdp::PageType::mops_programme) == std::vector<std::string>{"layout.no_title"});
  // Unknown pages are not expected to have either.
  CHECK(codes(prose, bdp::PageType::unknown).empty());
  // The samples have both.
  for (const auto& name : bdp::test::sample_names()) {
    CAPTURE(name);
    auto page = bdp::decode_page(name, read_file("samples/" + name));
    auto b = bdp::strip_boilerplate(page, *r.bp);
    auto c = bdp::classify_page(page, b, *r.cl);
    CHECK(bdp::find_layout(page, b, c.type, *r.lay).diagnostics.empty());
  }
}

TEST_CASE("a SlideShare transcript's title is its first slide's, without the 'Slide 1:' label") {
  const auto& r = rules();
  auto title = [&](const std::string& text) {
    auto page = bdp::decode_page("t.txt", text);
    return bdp::find_layout(page, bdp::BoilerplateResult{}, bdp::PageType::slide_transcript, *r.lay)
        .title;
  };
  CHECK(title("Transcript\nSlide 1: Klub Integracji Społecznej w Zielonej Górze\nSlide 2: "
              "Podstawa działania\n") == "Klub Integracji Społecznej w Zielonej Górze");
  CHECK(title("Zapis prezentacji:\n1 Asystent rodziny\n2 Cele\n") == "Asystent rodziny");
  // "Slide 1 of 7" is no title line
  CHECK(title("Transcript\nSlide 1 of 7: x\nSlide 2: Cele\n") != "of 7: x");
}

TEST_SUITE("layout") {
TEST_CASE("a title written over two or three lines is one title") {
  using bdp::PageType;
  const std::string body = "\n\nProgram jest realizowany przez ośrodek we współpracy z gminami "
                           "powiatu i organizacjami pozarządowymi.\n";
  struct Case {
    const char* text;
    PageType type;
    const char* title;
  };
  const std::vector<Case> cases = {
      {"Jesteś tutaj: Programy › Piecza zastępcza\n\nPowiatowy Program Rozwoju Pieczy "
       "Zastępczej\nw Powiecie Oleskim na lata 2022–2024",
       PageType::mops_programme,
       "Powiatowy Program Rozwoju Pieczy Zastępczej w Powiecie Oleskim na lata 2022–2024"},
      {"Program „Aktywny Senior”\n– Klub Seniora w Korszach", PageType::mops_programme,
       "Program „Aktywny Senior” – Klub Seniora w Korszach"},
      // a card: the title under the breadcrumb, its first line ending in a dash
      {"Obszar: Pomoc społeczna › Wsparcie rodziny\nAsystent rodziny w gminie "
       "miejsko-wiejskiej –\nmodel pracy z rodzinami wielodzietnymi w Lesku",
       PageType::bdp_practice,
       "Asystent rodziny w gminie miejsko-wiejskiej – model pracy z rodzinami wielodzietnymi w "
       "Lesku"},
      {"Usługi społeczne : Pomoc społeczna\nKlub Integracji Społecznej\n„Krok do pracy”",
       PageType::bdp_practice, "Klub Integracji Społecznej „Krok do pracy”"},
      // a noun phrase wrapped after any word
      {"Usamodzielnienie wychowanków\npieczy zastępczej w Powiecie Braniewskim",
       PageType::slide_transcript,
       "Usamodzielnienie wychowanków pieczy zastępczej w Powiecie Braniewskim"},
      // … or its last word alone (a text browser's wrap); a short one is no part of it
      {"Usługi społeczne : Pomoc społeczna\nProgram wsparcia rodzin zastępczych i "
       "usamodzielniania\nwychowanków",
       PageType::bdp_practice, "Program wsparcia rodzin zastępczych i usamodzielniania wychowanków"},
      {"Klub Seniora w Korszach\nmenu", PageType::mops_programme, "Klub Seniora w Korszach"},
      // a cover's title over four lines
      {"Gminny Program Wspierania Rodziny\nw Gminie Kutno\nna lata 2021–2023\n", PageType::slide_transcript,
       "Gminny Program Wspierania Rodziny w Gminie Kutno na lata 2021–2023"},
      {"Powiatowy program rozwoju\npieczy zastępczej\nw Powiecie Kutnowskim\nna lata 2021–2023\n",
       PageType::slide_transcript,
       "Powiatowy program rozwoju pieczy zastępczej w Powiecie Kutnowskim na lata 2021–2023"},
      // what stands under a title and is no part of it
      {"Grupa wsparcia dla osób po stracie\nopublikowano 11.01.2024 · Ośrodek Interwencji",
       PageType::mops_programme, "Grupa wsparcia dla osób po stracie"},
      {"Sąsiad blisko – pomoc sąsiedzka\nwtorek, 08 października 2024 11:05",
       PageType::mops_programme, "Sąsiad blisko – pomoc sąsiedzka"},
      {"Program „Aktywny Senior”\nmgr Anna Nowak, koordynator", PageType::mops_programme,
       "Program „Aktywny Senior”"},
      {"Program „Aktywny Senior”\nDodano: 2015-09-08", PageType::mops_programme,
       "Program „Aktywny Senior”"},
      {"Program „Aktywny Senior”\n\nw Korszach od 2015 roku", PageType::mops_programme,
       "Program „Aktywny Senior”"},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.text));
    CHECK(rules().layout_as(c.text + body, c.type).title == std::string(c.title));
  }
}

TEST_CASE("a heading stripped as a short line right above the body is the title") {
  // the title of `text` when the boilerplate stage stripped the given lines by the given rules
  // and kept every other line
  auto title = [](const std::string& text,
                  std::initializer_list<std::pair<std::size_t, const char*>> stripped,
                  bdp::PageType type = bdp::PageType::mops_programme) {
    auto page = bdp::decode_page("t.txt", text);
    bdp::BoilerplateResult bp;
    bp.lines.resize(page.line_count());
    for (const auto& [i, rule] : stripped) {
      bp.lines[i].keep = false;
      bp.lines[i].rule = rule;
    }
    return bdp::find_layout(page, bp, type, *rules().lay).title;
  };
  const std::string text =
      "Centrum Usług Społecznych w Dąbrowie Górniczej\n\nUsługi sąsiedzkie\n\nOd 2023 roku Centrum "
      "realizuje program usług sąsiedzkich.\n\nDla kogo?\nDla osób starszych.\n";
  CHECK(title(text, {{0, "short"}, {2, "short"}}) == "Usługi sąsiedzkie");
  // stripped by another rule (a menu item), or a section's one word: the later heading stands
  CHECK(title(text, {{0, "short"}, {2, "navigation"}}) == "Dla kogo?");
  CHECK(title("Aktualności\n\nOd 2023 roku Centrum realizuje program.\n\nDla kogo?\n",
              {{0, "short"}}) == "Dla kogo?");
  // a heading over two lines, the second opening with a quote, above the institution's name
  CHECK(title("Program Aktywności Lokalnej\n„Aktywny Senior” w Gminie Pleśna\n\nGminny Ośrodek "
              "Pomocy Społecznej w Pleśnej\nPleśna, 2015\n",
              {{0, "short"}, {1, "short"}}, bdp::PageType::slide_transcript) ==
        "Program Aktywności Lokalnej „Aktywny Senior” w Gminie Pleśna");
}

TEST_CASE("a line that opens a list is no title") {
  const auto l = rules().layout_as(
      "Gminny Ośrodek Pomocy Społecznej w Rybnie realizuje następujące programy:\n\n"
      "1. Gminny Program Wspierania Rodziny na lata 2022–2024 – wsparcie dla 9 rodzin.\n"
      "Program „Posiłek w szkole i w domu”\n",
      bdp::PageType::mops_programme);
  CHECK(l.title == "Program „Posiłek w szkole i w domu”");
}

TEST_CASE("a deck whose organisation stands above a bare 'Slajd 1'") {
  const std::string deck =
      "Miejski Ośrodek Pomocy Społecznej w Bolesławcu\nSlajd 1\nKlub Integracji Społecznej\n"
      "Slajd 2\nKim jesteśmy\nKIS działa od 2009 roku.\nSlajd 3\nEfekty\n"
      "Zatrudnienie podjęło 17 uczestników.\n";
  CHECK(rules().layout_as(deck, bdp::PageType::slide_transcript).title == "Klub Integracji Społecznej");
  // a running header under the marker that the boilerplate stage stripped is no title
  {
    const std::string text = "Slajd 1 z 5\nMOPS w Kutnie\nAsystent rodziny – trzy lata doświadczeń\n"
                             "Slajd 2 z 5\nMOPS w Kutnie\nPodstawa prawna\n";
    auto page = bdp::decode_page("t.txt", text);
    bdp::BoilerplateResult bp;
    bp.lines.resize(page.line_count());
    bp.lines[1].keep = bp.lines[4].keep = false;
    bp.lines[1].rule = bp.lines[4].rule = "repeated_header";
    CHECK(bdp::find_layout(page, bp, bdp::PageType::slide_transcript, *rules().lay).title ==
          "Asystent rodziny – trzy lata doświadczeń");
  }
  // the institution's name under the marker gives way to the heading under it, and is the
  // title when no heading follows
  CHECK(rules().layout_as("Slajd 1\nGminny Ośrodek Pomocy Społecznej w Dobrej\nProgram „Aktywny "
                          "senior” 2021–2023\nSlajd 2\nCele\nSlajd 3\nEfekty\n",
                          bdp::PageType::slide_transcript)
            .title == "Program „Aktywny senior” 2021–2023");
  CHECK(rules().layout_as("Slajd 1\nGminny Ośrodek Pomocy Społecznej w Dobrej\n\nOśrodek działa od "
                          "1990 roku i pomaga mieszkańcom gminy.\nSlajd 2\nCele\n",
                          bdp::PageType::slide_transcript)
            .title == "Gminny Ośrodek Pomocy Społecznej w Dobrej");
  // a view counter that starts with "1 " is no first slide
  CHECK(rules().layout_as("Aktywny Senior\n1 876 odsłon · 11 pobrań\n", bdp::PageType::slide_transcript)
            .title == "Aktywny Senior");
  // the host's title of the deck above it stays the title
  CHECK(rules().layout_as("Klub Integracji Społecznej – podsumowanie 2022 roku\n\n" + deck,
                          bdp::PageType::slide_transcript)
            .title == "Klub Integracji Społecznej – podsumowanie 2022 roku");
}

TEST_CASE("a breadcrumb's leading site items (domain, the database's name) are no section") {
  for (const char* line : {"jst.org.pl » Baza Dobrych Praktyk » Usługi społeczne » Pomoc społeczna",
                           "Jesteś tutaj: Baza Dobrych Praktyk › Usługi społeczne › Pomoc społeczna",
                           "Strona główna » www.bdp.example.pl » Usługi społeczne » Pomoc społeczna"}) {
    CAPTURE(line);
    auto l = rules().layout_as(std::string(line) + "\nAsystent rodziny w gminie\n",
                               bdp::PageType::bdp_practice);
    CHECK(l.section == std::vector<std::string>{"Usługi społeczne", "Pomoc społeczna"});
  }
  // only before the first section: a later part that names the database stays
  auto l = rules().layout_as("Usługi społeczne » Baza Dobrych Praktyk\nTytuł\n", bdp::PageType::bdp_practice);
  CHECK(l.section == std::vector<std::string>{"Usługi społeczne", "Baza Dobrych Praktyk"});
}

TEST_CASE("a title written as 'Subject: its description' when no other heading stands") {
  auto with = [](const std::string& text, std::size_t stripped_to, const std::string& rule) {
    auto page = bdp::decode_page("t.txt", text);
    bdp::BoilerplateResult bp;
    bp.lines.resize(page.line_count());
    for (std::size_t i = 0; i < stripped_to; ++i) {
      bp.lines[i].keep = false;
      bp.lines[i].rule = i + 1 == stripped_to ? rule : "menu_block";
    }
    return bdp::find_layout(page, bp, bdp::PageType::mops_programme, *rules().lay);
  };
  const std::string body =
      "\nAsystent rodziny: wsparcie dla rodzin w kryzysie\n\nOśrodek zatrudnia czterech "
      "asystentów, którzy w 2023 roku pracowali z 56 rodzinami z terenu gminy.\n";
  // under a breadcrumb the boilerplate stage took for a one-line menu
  auto l = with("Start\nGmina\nStart / Pomoc społeczna / Gminny Program Wspierania Rodziny\n" + body,
                3, "navigation");
  CHECK(l.title == "Asystent rodziny: wsparcie dla rodzin w kryzysie");
  CHECK(l.section == std::vector<std::string>{"Pomoc społeczna", "Gminny Program Wspierania Rodziny"});
  // the first kept line under a menu
  CHECK(with("Start\nO nas\nKontakt\n" + body, 3, "menu_block").title ==
        "Asystent rodziny: wsparcie dla rodzin w kryzysie");
  // a run of fields is none, nor a one-line menu that does not open with the home item
  CHECK(with("Start\nO nas\n\nTelefon: 85 718 20 00\nE-mail: gops@trzcianne.pl\n", 2, "menu_block")
            .title.empty());
  auto menu = with("Gmina\nOferta / Pomoc społeczna / Programy\n" + body, 2, "navigation");
  CHECK(menu.section.empty());
}

TEST_CASE("a heading stripped as short above an article's metadata block is the title") {
  const std::string text =
      "Wyszukaj...\n\nProjekt „Klucz do pracy” - aktywizacja społeczno-zawodowa 2016-2018\n"
      "Szczegóły\nKategoria: Projekty unijne\nOpublikowano: piątek, 16 lutego 2018 11:20\n"
      "Odsłony: 2417\n\nMiejski Ośrodek Pomocy Rodzinie w Poznaniu realizował projekt dla 120 "
      "osób długotrwale bezrobotnych.\n";
  auto with_menu = [&](const char* menu_rule) {
    return layout_with(text, bdp::PageType::mops_programme,
                       {{0, "search"}, {1, "blank"}, {2, "short"}, {3, menu_rule},
                        {4, "page_meta"}, {5, "page_meta"}, {6, "page_views"}, {7, "blank"}})
        .title;
  };
  CHECK(with_menu("menu_block") == "Projekt „Klucz do pracy” - aktywizacja społeczno-zawodowa 2016-2018");
  // a menu of several words between them is no metadata: no title from above it
  CHECK(with_menu("navigation") != "Projekt „Klucz do pracy” - aktywizacja społeczno-zawodowa 2016-2018");
}

TEST_CASE("a deck's cover: the institution over two lines, the programme's heading under it") {
  const std::string cover =
      "Miejski Ośrodek Pomocy Społecznej\nw Puławach\n\nPROGRAM OSŁONOWY\n„PUŁAWSKI SENIOR”\n"
      "2014-2017\n\nMałgorzata Lis\nZastępca Dyrektora MOPS\n\nCele programu\n1. Zapewnienie "
      "usług opiekuńczych w miejscu zamieszkania\n2. Aktywizacja seniorów\n";
  auto l = rules().layout_as(cover, bdp::PageType::slide_transcript);
  CHECK(l.title == "PROGRAM OSŁONOWY „PUŁAWSKI SENIOR” 2014-2017");
  // a goals list is no deck's listed slides: its "1." is no title
  CHECK(l.title.find("Zapewnienie") == std::string::npos);
  // a listed deck's first slide
  CHECK(rules().layout_as("Transkrypcja\n\n1. Korpus Wsparcia Seniorów\nMOPS w Nysie\n\n2. Cel "
                          "programu\nBezpieczeństwo seniorów.\n",
                          bdp::PageType::slide_transcript)
            .title == "Korpus Wsparcia Seniorów");
}

TEST_CASE("a breadcrumb ending in the page's heading is its trail, not its title") {
  // kept as text, no home item: the trail, the heading under it the title
  auto l = rules().layout_as(
      "Programy » Program profilaktyki zdrowia psychicznego dzieci i młodzieży „Głowa do góry” na "
      "lata 2023–2025\n\nProgram profilaktyki zdrowia psychicznego dzieci i młodzieży „Głowa do "
      "góry” na lata 2023–2025\n\nCentrum realizuje program w 12 szkołach powiatu.\n",
      bdp::PageType::mops_programme);
  CHECK(l.title ==
        "Program profilaktyki zdrowia psychicznego dzieci i młodzieży „Głowa do góry” na lata 2023–2025");
  CHECK(l.section.size() == 2);
  CHECK(l.section.front() == "Programy");
  // a heading with a slash in it over other text stays the title
  CHECK(rules().layout_as("Pomoc dla osób starszych / niepełnosprawnych\n\nOśrodek świadczy usługi "
                          "opiekuńcze dla 40 osób.\n",
                          bdp::PageType::mops_programme)
            .title == "Pomoc dla osób starszych / niepełnosprawnych");
  // the title the boilerplate stage kept under a stripped trail ending with it wins over a
  // widget's heading higher up
  {
    const std::string text =
        "Dziennik elektroniczny Librus\nSzczęśliwy numerek: 17\n\nAktualności » Dzień Babci i "
        "Dziadka w naszej szkole\n\nDzień Babci i Dziadka w naszej szkole\n\nW środę odbyła się "
        "uroczystość, na którą przybyło ponad 120 babć i dziadków.\n";
    CHECK(layout_with(text, bdp::PageType::unknown, {{3, "short"}, {5, "title", true}}).title ==
          "Dzień Babci i Dziadka w naszej szkole");
    // no trail above: the first heading stays
    const std::string no_trail = "Dziennik elektroniczny Librus\n\nInne\n\n" +
                                 text.substr(text.find("Dzień Babci i Dziadka w naszej szkole\n\nW"));
    CHECK(layout_with(no_trail, bdp::PageType::unknown, {{4, "title", true}}).title ==
          "Dziennik elektroniczny Librus");
  }
}

TEST_CASE("titles under a site's own furniture: host lines, menus, the institution's header") {
  // a deck host's title of the deck, stripped above "Slajd 1 z 8" as a repeat of the first
  // slide's heading, is the title, not the host's login link kept above it
  {
    const std::string text =
        "Zaloguj przez Google\n\nStrategia Rozwiązywania Problemów Społecznych na lata 2020–2025\n"
        "Autor: anna.wrona | Wyświetlenia: 1 877\n\nSlajd 1 z 8\nStrategia Rozwiązywania "
        "Problemów Społecznych na lata 2020–2025\nMOPS w Tarnobrzegu\n\nSlajd 2 z 8\nDiagnoza\n";
    auto l = layout_with(text, bdp::PageType::slide_transcript, {{2, "repeated_title"}});
    CHECK(l.title == "Strategia Rozwiązywania Problemów Społecznych na lata 2020–2025");
    CHECK(l.title_line == 3);
    // stripped by another rule: the kept heading above it
    CHECK(layout_with(text, bdp::PageType::slide_transcript, {{2, "short"}}).title ==
          "Zaloguj przez Google");
  }
  // a card's menu stripped as navigation between breadcrumb and title is passed over
  {
    const std::string text =
        "Baza Dobrych Praktyk » Usługi społeczne » Pomoc społeczna\n\nSzukaj praktyki | Dodaj "
        "praktykę | Ranking | Newsletter\n\nGorący posiłek dla ucznia i seniora\n\nGmina "
        "zorganizowała w 2008 r. centralną kuchnię przy Zespole Szkół.\n";
    CHECK(layout_with(text, bdp::PageType::bdp_practice, {{2, "navigation"}}).title ==
          "Gorący posiłek dla ucznia i seniora");
    // kept, it reads as the heading
    CHECK(layout_with(text, bdp::PageType::bdp_practice, {{2, "navigation", true}}).title ==
          "Szukaj praktyki | Dodaj praktykę | Ranking | Newsletter");
  }
  // the institution's header, blank lines, then the page's heading
  CHECK(rules().layout_as("Powiatowe Centrum Pomocy Rodzinie w Braniewie\n\nUsamodzielnienie "
                          "wychowanków pieczy zastępczej\n\nBraniewo, 18 października 2022 r.\n",
                          bdp::PageType::slide_transcript)
            .title == "Usamodzielnienie wychowanków pieczy zastępczej");
  // the institution's header over a contact line, the page's heading stripped as a short line
  // right above the body further down
  {
    const std::string text =
        "CENTRUM USŁUG SPOŁECZNYCH W REDZIE\nInfolinia: 58 678 31 90 | ePUAP: /CUSReda/Skrytka\n"
        "\nKLUB SENIORA+ „POD LIPAMI”\n\nTermin realizacji: 01.01.2022 – 31.12.2023\nKlub działa "
        "od 2022 roku i przyjmuje 30 seniorów z Redy.\n";
    CHECK(layout_with(text, bdp::PageType::mops_programme,
                      {{2, "blank"}, {3, "short"}, {4, "blank"}})
              .title == "KLUB SENIORA+ „POD LIPAMI”");
    // a menu is no heading
    CHECK(layout_with(text, bdp::PageType::mops_programme,
                      {{2, "blank"}, {3, "menu_block"}, {4, "blank"}})
              .title == "CENTRUM USŁUG SPOŁECZNYCH W REDZIE");
  }
  // a first slide that opens with the institution: the subject under it
  CHECK(rules().layout_as("1 Gminny Ośrodek Pomocy Społecznej w Przodkowie\nUsługi sąsiedzkie – "
                          "pilotaż 2022–2023\nPrzodkowo, styczeń 2024\n\n2 Dlaczego usługi "
                          "sąsiedzkie?\nGmina wiejska, 29 sołectw\n",
                          bdp::PageType::slide_transcript)
            .title == "Usługi sąsiedzkie – pilotaż 2022–2023");
  // SlidePlayer's English "Presentation on theme" line is the host's title
  CHECK(rules().layout_as("Presentation on theme: \"Usługi sąsiedzkie w Przodkowie\"— Presentation "
                          "transcript:\n\n1 Usługi sąsiedzkie\n",
                          bdp::PageType::slide_transcript)
            .title == "Usługi sąsiedzkie w Przodkowie");
}

TEST_CASE("a heading may open with a quote or a pictograph") {
  const std::string body =
      "\nGminny Ośrodek Pomocy Społecznej w Krasnosielcu już trzeci rok z rzędu prowadzi akcję "
      "„Sąsiad na zimę”. W każdym z 28 sołectw wybieramy osobę, która odwiedza seniorów.\n";
  CHECK(rules().layout_as("„Sąsiad na zimę” – pomoc dla samotnych seniorów\n" + body,
                          bdp::PageType::mops_programme)
            .title == "„Sąsiad na zimę” – pomoc dla samotnych seniorów");
  CHECK(rules().layout_as("\"Ciepły kąt\" – punkt wsparcia\n" + body, bdp::PageType::mops_programme)
            .title == "\"Ciepły kąt\" – punkt wsparcia");
  CHECK(rules().layout_as("\U0001F4E2 Ruszają zapisy do Klubu Seniora!\n" + body,
                          bdp::PageType::mops_programme)
            .title == "\U0001F4E2 Ruszają zapisy do Klubu Seniora!");
  // what follows the quote or the pictograph still decides: a lower-case start is no heading
  CHECK(rules().layout_as("„sąsiad na zimę” – pomoc\n" + body, bdp::PageType::mops_programme)
            .title.empty());
  CHECK(rules().layout_as("\U0001F4E2 \U0001F4E2\n" + body, bdp::PageType::mops_programme)
            .title.empty());
}

TEST_CASE("a programme page's breadcrumb is its section; a menu and body text are not") {
  const std::string body =
      "Program „Asystent rodziny” na rok 2022\n"
      "Miejski Ośrodek Pomocy Społecznej w Świnoujściu realizuje w 2022 roku rządowy program "
      "„Asystent rodziny”. Celem programu jest wsparcie rodzin przeżywających trudności.\n"
      "W 2021 roku asystenci rodziny objęli wsparciem 62 rodziny, w tym 151 dzieci, a 9 dzieci "
      "powróciło do rodzin biologicznych.\n";
  const std::string menu = "Aktualności | O nas | Świadczenia | Projekty | Kontakt\n";
  for (const char* crumb : {"Strona główna » Projekty » Asystent rodziny",
                            "Jesteś tutaj: Projekty > Asystent rodziny",
                            "Strona główna / Projekty / Asystent rodziny"}) {
    CAPTURE(crumb);
    auto l = rules().layout(menu + crumb + "\n" + body);
    CHECK(l.section == std::vector<std::string>{"Projekty", "Asystent rodziny"});
    CHECK(l.section_line == 2);
    CHECK(l.title == "Program „Asystent rodziny” na rok 2022");
    CHECK(l.diagnostics.empty());
  }
  // Without a breadcrumb line: no section (the menu is navigation, the body is text), and a
  // programme page does not miss one.
  auto none = rules().layout(menu + body);
  CHECK(none.section.empty());
  CHECK(none.diagnostics.empty());
  // The home alone is no section.
  CHECK(rules().layout(menu + "Strona główna »\n" + body).section.empty());
  // Every line kept (no boilerplate decision): a programme page reads no breadcrumb.
  CHECK(rules()
            .layout_as("Strona główna » Projekty » Asystent rodziny\n" + body,
                       bdp::PageType::mops_programme)
            .section.empty());
}

TEST_CASE("a heading wrapped in capitals, and a period line that is no title alone") {
  const std::string body =
      "Miejski Ośrodek Pomocy Społecznej w Brzesku realizuje program od 2021 roku. Celem "
      "programu jest wsparcie rodzin w wypełnianiu funkcji opiekuńczo-wychowawczych.\n";
  auto wrapped = rules().layout_as(
      "GMINNY PROGRAM PROFILAKTYKI\nNA LATA 2021-2023\n\n" + body, bdp::PageType::mops_programme);
  CHECK(wrapped.title == "GMINNY PROGRAM PROFILAKTYKI NA LATA 2021-2023");
  auto sentence_case = rules().layout_as(
      "Gminny Program Profilaktyki\nNa lata 2021–2023\n\n" + body, bdp::PageType::mops_programme);
  CHECK(sentence_case.title == "Gminny Program Profilaktyki Na lata 2021–2023");
  // A capitalised line under a mixed-case heading is no continuation of it.
  auto other = rules().layout_as("Klub Seniora\nW Gminie Kłodawa od 2019 roku\n\n" + body,
                                 bdp::PageType::mops_programme);
  CHECK(other.title == "Klub Seniora");
  // A period alone is never the title: with no heading above it, the next heading is.
  auto alone = rules().layout_as("NA LATA 2021-2023\n\nProgram Wspierania Rodziny\n\n" + body,
                                 bdp::PageType::mops_programme);
  CHECK(alone.title == "Program Wspierania Rodziny");
}

TEST_CASE("a deck whose first slide opens with its running header takes the title under it") {
  auto deck = [](const std::string& first_slide) {
    std::string t = "Transkrypt\n\n";
    const char* header = "Miejski Ośrodek Pomocy Społecznej w Przemyślu";
    t += std::string("1 ") + header + "\n" + first_slide + "\n";
    const char* titles[] = {"Diagnoza", "Cele programu", "Działania", "Finansowanie", "Kontakt"};
    for (int n = 2; n <= 6; ++n)
      t += "\n" + std::to_string(n) + " " + header + "\n" + titles[n - 2] +
           "\nW 2023 roku objęto wsparciem 40 rodzin, a 12 rodzin zakończyło współpracę.\n";
    return t;
  };
  auto l = rules().layout(deck("Lokalny system wsparcia rodziny"));
  CHECK(l.title == "Lokalny system wsparcia rodziny");
  // A first slide with nothing under its header: the next slide's title.
  auto m = rules().layout(deck("") );
  CHECK(m.title == "Diagnoza");
  // Without the boilerplate stage (every line kept) the first slide's line is the title.
  auto plain = rules().layout_as("1 Program Wspierania Rodziny\nWstęp\n\n2 Cele\n",
                                 bdp::PageType::slide_transcript);
  CHECK(plain.title == "Program Wspierania Rodziny");
}

TEST_CASE("a page that opens with an act's header is titled by the act's subject, in the nominative") {
  const std::string body =
      "\n\nNa podstawie art. 18 ust. 2 pkt 15 ustawy z dnia 8 marca 1990 r. o samorządzie gminnym "
      "zarządza się, co następuje:\n§ 1. Wykonanie powierza się Kierownikowi Ośrodka Pomocy "
      "Społecznej.\n";
  struct Case {
    const char* header;
    const char* title;
  };
  const Case cases[] = {
      // the header over three lines in capitals, the subject under it
      {"ZARZĄDZENIE NR 12/2021\nWÓJTA GMINY KŁODAWA\nz dnia 3 marca 2021 r.\nw sprawie przyjęcia "
       "Gminnego Programu Wspierania Rodziny na lata 2021-2023",
       "Gminny Program Wspierania Rodziny na lata 2021-2023"},
      // all in capitals, the date line too, the subject wrapped: it stays in capitals
      {"UCHWAŁA NR XVI/120/2020\nRADY MIEJSKIEJ W KORSZACH\nZ DNIA 24 LUTEGO 2020 R.\nW SPRAWIE "
       "PRZYJĘCIA GMINNEGO PROGRAMU PROFILAKTYKI\nI ROZWIĄZYWANIA PROBLEMÓW ALKOHOLOWYCH NA ROK "
       "2020",
       "GMINNY PROGRAM PROFILAKTYKI I ROZWIĄZYWANIA PROBLEMÓW ALKOHOLOWYCH NA ROK 2020"},
      // one line of 27 words; a feminine head
      {"Uchwała Nr XXIV/180/2020 Rady Powiatu Lipskiego z dnia 30 czerwca 2020 r. w sprawie "
       "przyjęcia Powiatowej Strategii Rozwiązywania Problemów Społecznych na lata 2021-2030",
       "Powiatowa Strategia Rozwiązywania Problemów Społecznych na lata 2021-2030"},
      // not a programme: the adjective after the head agrees with it before a preposition
      {"Zarządzenie Nr 45/2022 Burmistrza Miasta Rawicz z dnia 2 sierpnia 2022 r.\nw sprawie "
       "powołania Zespołu Interdyscyplinarnego do spraw Przeciwdziałania Przemocy Domowej",
       "Zespół Interdyscyplinarny do spraw Przeciwdziałania Przemocy Domowej"},
      // the institution's name above the header; an adjective after the head before another one
      {"Miejski Ośrodek Pomocy Społecznej w Rawiczu\nZarządzenie nr 7/2023 Dyrektora Miejskiego "
       "Ośrodka Pomocy Społecznej w Rawiczu z dnia 9 stycznia 2023 r. w sprawie wprowadzenia "
       "Regulaminu Organizacyjnego Miejskiego Ośrodka Pomocy Społecznej w Rawiczu",
       "Regulamin Organizacyjny Miejskiego Ośrodka Pomocy Społecznej w Rawiczu"},
      // lower case, the subject ending in a full stop
      {"Uchwała nr 311/2023 Rady Gminy Pleśna z dnia 5 grudnia 2023 r.\nw sprawie uchwalenia "
       "rocznego programu współpracy Gminy Pleśna z organizacjami pozarządowymi na 2024 rok.",
       "Roczny program współpracy Gminy Pleśna z organizacjami pozarządowymi na 2024 rok"},
      // the issuer before the number
      {"Zarządzenie Wójta Gminy Zbuczyn Nr 0050.15.2024 z dnia 12 lutego 2024 r.\nw sprawie "
       "ogłoszenia otwartego konkursu ofert na realizację zadań publicznych z zakresu pomocy "
       "społecznej w 2024 roku",
       "Otwarty konkurs ofert na realizację zadań publicznych z zakresu pomocy społecznej w 2024 "
       "roku"},
      // an adjective before a noun of the complement is that noun's ("Dużej Rodziny")
      {"Uchwała Nr XL/300/2022 Rady Miasta Kutno z dnia 6 września 2022 r. w sprawie wprowadzenia "
       "Gminnej Karty Dużej Rodziny",
       "Gminna Karta Dużej Rodziny"},
      // a quote around the whole name
      {"Zarządzenie nr 21/2022 Kierownika Ośrodka Pomocy Społecznej w Kłodawie z dnia 1 lipca 2022 "
       "r.\nw sprawie przyjęcia „Programu osłonowego w zakresie dożywiania dzieci na lata "
       "2022-2026”",
       "Program osłonowy w zakresie dożywiania dzieci na lata 2022-2026"},
      // the header's parts apart, the subject over two lines
      {"Uchwała Nr XXXV/250/2021\nRady Powiatu w Oleśnie\n\nz dnia 28 kwietnia 2021 r.\n\nw "
       "sprawie przyjęcia Powiatowego Programu Rozwoju Pieczy Zastępczej\nw Powiecie Oleskim na "
       "lata 2021–2023",
       "Powiatowy Program Rozwoju Pieczy Zastępczej w Powiecie Oleskim na lata 2021–2023"},
      // unsure (no head of the table, an amendment): the header stays the title, as before
      {"Uchwała Nr LII/401/2023 Rady Gminy Baranów z dnia 14 czerwca 2023 r. w sprawie zmiany "
       "uchwały w sprawie przyjęcia Gminnego Programu Wspierania Rodziny",
       "Uchwała Nr LII/401/2023 Rady Gminy Baranów z dnia 14 czerwca 2023 r. w sprawie zmiany "
       "uchwały w sprawie przyjęcia Gminnego Programu Wspierania Rodziny"},
      {"Zarządzenie Nr 3/2024 Burmistrza Brzeska z dnia 8 stycznia 2024 r.\nw sprawie powołania "
       "Pełnomocnika Burmistrza do spraw Osób Niepełnosprawnych",
       "Zarządzenie Nr 3/2024 Burmistrza Brzeska z dnia 8 stycznia 2024 r. w sprawie powołania "
       "Pełnomocnika Burmistrza do spraw Osób Niepełnosprawnych"},
      // a sentence that opens with an act's name is no header
      {"Uchwała nr XII/85/2023 w sprawie przyjęcia programu została podjęta jednogłośnie.\n\n"
       "Program wsparcia",
       "Program wsparcia"},
      // the page's own heading above the act stays its title
      {"Asystent rodziny\n\nZarządzenie Nr 5/2020 Kierownika Gminnego Ośrodka Pomocy Społecznej w "
       "Pleśnej z dnia 2 marca 2020 r. w sprawie wprowadzenia Regulaminu pracy asystenta rodziny",
       "Asystent rodziny"},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.header));
    auto l = rules().layout(c.header + body);
    CHECK(l.title == c.title);
    CHECK(l.diagnostics.empty());
  }
  // An adjective after the head before a noun agrees with the head when the page writes the
  // two so.
  const std::string act =
      "Uchwała Nr X/70/2019 Rady Gminy Kłodawa z dnia 30 maja 2019 r.\nw sprawie przyjęcia "
      "Regulaminu Organizacyjnego Ośrodka Pomocy Społecznej w Kłodawie\n\n";
  CHECK(rules().layout(act + "§ 1. Przyjmuje się Regulamin Organizacyjny Ośrodka Pomocy "
                             "Społecznej w Kłodawie.\n").title ==
        "Regulamin Organizacyjny Ośrodka Pomocy Społecznej w Kłodawie");
  CHECK(rules().layout(act + "§ 1. Przyjmuje się regulamin.\n").title ==
        "Regulamin Organizacyjnego Ośrodka Pomocy Społecznej w Kłodawie");
  // The title line is the subject's. On this small page the boilerplate stage strips the
  // header's four lines as short ones: the header is still read.
  auto l = rules().layout("UCHWAŁA NR 214/XLI/2022\nRADY POWIATU W OLEŚNIE\nz dnia 30 listopada "
                          "2022 r.\nw sprawie przyjęcia Powiatowego Programu Rozwoju Pieczy "
                          "Zastępczej" + body);
  CHECK(l.title == "Powiatowy Program Rozwoju Pieczy Zastępczej");
  CHECK(l.title_line == 4);
}

TEST_CASE("a title ending in an abbreviation's full stop ('… na 2025 r.') is a heading") {
  const std::string body =
      "\n\nW ubiegłym roku z dyżurów skorzystały 64 osoby, w tym rodziny zastępcze i seniorzy, "
      "a 19 z nich przyszło więcej niż raz.\n\nZapisy w sekretariacie, pokój 12, od poniedziałku "
      "do piątku.\n";
  for (const char* t : {"Harmonogram dyżurów psychologa na 2025 r.",
                        "Stypendia socjalne dla uczniów – nawet do 2 tys.",
                        "Nowa siedziba punktu konsultacyjnego przy ul. Lipowej 4",
                        "Ferie w świetlicy – m.in. warsztaty i wycieczki",
                        // nine words: it reads as body, the institution's names above are no title
                        "Wypoczynek letni dla dzieci z rodzin zastępczych w 2025 r."}) {
    CAPTURE(t);
    // under the institution's short name and full name: not those, the page's heading
    const auto l = rules().layout("MOPS Kraśnik\nMiejski Ośrodek Pomocy Społecznej w Kraśniku\n\n" +
                                  std::string(t) + body);
    CHECK(l.title == t);
  }
  // read with every line kept: the abbreviation's full stop is no sentence's end
  CHECK(rules().layout_as("Stypendia socjalne dla uczniów – nawet do 2 tys.\n" + body,
                          bdp::PageType::mops_programme).title ==
        "Stypendia socjalne dla uczniów – nawet do 2 tys.");
  // a sentence's full stop still is
  CHECK(rules().layout_as("Zapisy przyjmuje sekretariat do 2025 r. włącznie.\nDyżury\n" + body,
                          bdp::PageType::mops_programme).title == "Dyżury");
}

TEST_CASE("a document's title that is also its running header stays the title") {
  // a document host's page: its title, then the document whose pages repeat it as their header
  auto page = [](const char* title, const char* header) {
    std::string p = std::string("dokumenty-gmin.pl\nDokumenty › Pomoc społeczna\n\n") + title +
                    "\nDodał: gość · 14 stron\n\nZałącznik nr 1 do Uchwały Nr XII/88/2024 Rady "
                    "Gminy Zawonia z dnia 20 listopada 2024 r.\n\n1. Wstęp\nProgram określa zadania "
                    "gminy we wspieraniu rodzin przeżywających trudności, z udziałem asystenta.\n";
    for (int n = 2; n <= 4; ++n)
      p += "\n" + std::string(header) + "\n" + std::to_string(n) + "\n" + std::to_string(n) +
           ". Rozdział\nW tym rozdziale opisano, jak ośrodek współpracuje ze szkołami, a asystent "
           "rodziny odwiedza 14 rodzin w ich domach.\n";
    return p;
  };
  const char* hyphen = "Program Wspierania Rodziny w Gminie Zawonia – lata 2025-2027";
  const char* dash = "Program Wspierania Rodziny w Gminie Zawonia – lata 2025–2027";
  for (auto [title, header] : {std::pair{hyphen, hyphen}, std::pair{dash, dash},
                               std::pair{hyphen, dash}, std::pair{dash, hyphen}}) {
    CAPTURE(title);
    CAPTURE(header);
    const auto l = rules().layout(page(title, header));
    CHECK(l.title == title);
    CHECK(l.title_line == 4);
  }
}

TEST_CASE("fast paths: every page's layout, as each page type, is the plain path's") {
  auto key = [](const bdp::PageLayout& l) {
    std::string s = l.title + "|" + std::to_string(l.title_line) + "|" + l.act + "|" +
                    std::to_string(l.section_line);
    for (const auto& p : l.section) s += "|" + p;
    for (const auto& d : l.diagnostics) s += "|" + d.code;
    return s;
  };
  std::size_t pages = 0, sections = 0;
  auto both = [&](const std::string& text) {
    for (auto type : {bdp::PageType::bdp_practice, bdp::PageType::mops_programme,
                      bdp::PageType::slide_transcript, bdp::PageType::unknown}) {
      bdp::set_layout_fast_paths(false);
      const auto plain = rules().layout_as(text, type);
      bdp::set_layout_fast_paths(true);
      const auto fast = rules().layout_as(text, type);
      CHECK(key(fast) == key(plain));
      sections += !plain.section.empty();
    }
    bdp::set_layout_fast_paths(false);
    const auto plain = rules().layout(text);
    bdp::set_layout_fast_paths(true);
    CHECK(key(rules().layout(text)) == key(plain));
  };
  for (const std::string& path : bdp::test::all_test_pages()) {
    CAPTURE(path);
    both(bdp::test::read_file(path));
    ++pages;
  }
  // Every separator of [breadcrumb], a prefix, a home item, NBSPs, near misses.
  for (const char* text :
       {"Usługi społeczne : Pomoc społeczna\nTytuł praktyki\n",
        "Strona główna » Pomoc społeczna » Programy\nProgram Senior\n",
        "Start › Aktualności › Klub\nKlub seniora\n", "Home > Ośrodek > Usługi\nUsługi\n",
        "Pomoc / Rodzina / Asystent\nAsystent rodziny\n",
        "Jesteś tutaj: Strona główna / Pomoc\nPomoc\n",
        "Usługi\u00A0:\u00A0Pomoc\nTytuł\n", "Usługi : \nx\n", "a : b : c : d\nTytuł\n",
        "Ala ma kota » \nx\n", "1 » 2\nx\n",
        // blank lines (spaces, NBSPs) above, prefixes of each kind, a prefix alone
        " \n\u00A0\t\n\nObszar: Pomoc społeczna › Bezdomność\nTytuł karty\n",
        "\n\nAktualnie jesteś tutaj:\u00A0Start » Pomoc » Rodzina\nRodzina\n",
        "Twoja lokalizacja: Home > Usługi\nUsługi\n", "Jesteś tutaj:\nUsługi : Pomoc\nTytuł\n",
        "Ośrodek » " "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nx\n"})
    both(text);
  CHECK(pages > 100);
  CHECK(sections > 20);  // the pages hold breadcrumbs the fast path must find
}
}

TEST_CASE("a breadcrumb written a crumb a line under its heading is the section") {
  const std::string page =
      "Centrum Usług Społecznych w Jaśle\nGłówne menu\nAktualności\nO Centrum\nProjekty\nKontakt\n"
      "Ścieżka nawigacyjna\nStrona główna\nProjekty\nMieszkania wspomagane\n\nProgram „Mieszkania "
      "wspomagane” 2022-2024\n\nCentrum Usług Społecznych w Jaśle prowadzi sześć mieszkań "
      "wspomaganych dla pełnoletnich mieszkańców Jasła z niepełnosprawnością.\n";
  const auto l = rules().layout(page);
  CHECK(l.section == std::vector<std::string>{"Projekty", "Mieszkania wspomagane"});
  CHECK(l.title == "Program „Mieszkania wspomagane” 2022-2024");
  // the same lines under no breadcrumb heading are a menu, no section
  const auto menu = rules().layout(bdp::test::replace_all(page, "Ścieżka nawigacyjna\n", ""));
  CHECK(menu.section.empty());
  // the whole trail on the line under the heading
  const auto trail = rules().layout(bdp::test::replace_all(
      page, "Strona główna\nProjekty\nMieszkania wspomagane\n",
      "Strona główna » Projekty » Mieszkania wspomagane\n"));
  CHECK(trail.section == std::vector<std::string>{"Projekty", "Mieszkania wspomagane"});
}
