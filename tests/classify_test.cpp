#include <doctest/doctest.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>
#include <algorithm>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bdp/boilerplate.h"
#include "bdp/classify.h"
#include "bdp/text.h"
#include "test_util.h"

namespace {

std::string read_file(const std::string& rel) { return bdp::test::read_file(std::string(BDP_SOURCE_DIR) + "/" + rel); }
using bdp::test::replace_all;

struct Rules {
  std::unique_ptr<bdp::BoilerplateRules> bp;
  std::unique_ptr<bdp::ClassifierRules> cl;
  std::vector<bdp::GrammarError> errors;
  Rules() {
    auto g = bdp::Grammars::embedded();
    bp = bdp::BoilerplateRules::compile(g, errors);
    cl = bdp::ClassifierRules::compile(g, errors);
  }
  bdp::Classification classify(const std::string& path, const std::string& text) const {
    auto page = bdp::decode_page(path, text);
    return bdp::classify_page(page, bdp::strip_boilerplate(page, *bp), *cl);
  }
};

const Rules& rules() {
  static const Rules r;
  return r;
}

bool has(const bdp::Classification& c, const char* signal) {
  return std::find(c.signals.begin(), c.signals.end(), signal) != c.signals.end();
}

/// A report under `heading`: `pages` pages numbered "Strona N", each `para` twice (long pages:
/// a document, no deck); `gap` goes before each number's line.
std::string paged_report(const std::string& heading, const std::string& para, int pages,
                         const std::string& gap = "") {
  std::string doc = heading + "\n";
  for (int k = 1; k <= pages; ++k) doc += gap + "Strona " + std::to_string(k) + "\n" + para + para;
  return doc;
}

/// `text` is classified as a slide transcript, with each of `signals` among its evidence.
void check_deck(const std::string& text, std::initializer_list<const char*> signals) {
  const auto c = rules().classify("deck.txt", text);
  for (const char* signal : signals) {
    CAPTURE(signal);
    CHECK(has(c, signal));
  }
  CHECK(c.type == bdp::PageType::slide_transcript);
}

}  // namespace

TEST_SUITE("classify") {
TEST_CASE("the embedded grammar compiles") {
  CHECK(rules().errors.empty());
  for (const auto& e : rules().errors) MESSAGE(e.to_string());
}

TEST_CASE("samples get their type with confidence") {
  struct Case {
    const char* file;
    bdp::PageType type;
    const char* signal;
  };
  const Case cases[] = {
      {"samples/000_42b64f40e6b1f379.txt", bdp::PageType::bdp_practice, "metryka_heading"},
      {"samples/001_32a605242a6a7ebd.txt", bdp::PageType::bdp_practice, "metryka_label"},
      {"samples/002_a827141f76dcf969.txt", bdp::PageType::bdp_practice, "metryka_navigation"},
      {"samples/003_a330b8b9da82a7d9.txt", bdp::PageType::mops_programme, "social_workers"},
      {"samples/004_76bfd50073182376.txt", bdp::PageType::slide_transcript, "numbered_slides"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.file);
    const std::string raw = read_file(c.file);
    // The same page with NBSPs as plain spaces and with CRLF line ends must not change type.
    for (const std::string& text : {raw, replace_all(raw, "\u00a0", " "), replace_all(raw, "\n", "\r\n")}) {
      auto cl = rules().classify(c.file, text);
      CHECK(bdp::to_string(cl.type) == bdp::to_string(c.type));
      CHECK(cl.confidence > 0.5);
      CHECK(cl.confidence <= 1.0);
      CHECK(std::find(cl.signals.begin(), cl.signals.end(), c.signal) != cl.signals.end());
    }
  }
}

TEST_CASE("pages of other kinds are unknown") {
  const char* files[] = {
      "tests/data/unknown/news_article.txt",   "tests/data/unknown/bip_zarzadzenie.txt",
      "tests/data/unknown/school_page.txt",    "tests/data/unknown/tender_notice.txt",
      "tests/data/unknown/council_session.txt",
  };
  for (const char* f : files) {
    CAPTURE(f);
    const std::string text = read_file(f);
    REQUIRE(!text.empty());
    auto cl = rules().classify(f, text);
    CHECK(bdp::to_string(cl.type) == "unknown");
    CHECK(cl.confidence >= 0.0);
    CHECK(cl.confidence <= 1.0);
  }
}

TEST_CASE("evidence in small pages") {
  struct Case {
    const char* text;
    const char* type;
  };
  const Case cases[] = {
      // A single mention of social assistance is not a MOPS programme.
      {"Festyn rodzinny\n\nW sobotę na stadionie odbędzie się festyn. Ośrodek Pomocy Społecznej "
       "przygotuje stoisko z informacjami.\n",
       "unknown"},
      {"", "unknown"},
      // Slide-host furniture and numbered slides make a transcript whatever the topic.
      {"Prezentacja na temat: \"Budżet obywatelski 2024\"— Zapis prezentacji:\n\n1 Budżet "
       "obywatelski 2024\n\n2 Harmonogram\nNabór wniosków trwa do maja.\n\n3 Zasady\n\n4 "
       "Głosowanie\n\n5 Wyniki\n\n6 Kontakt\n\nPobierz ppt \"Budżet obywatelski 2024\"\n",
       "slide_transcript"},
      // A programme of a social-welfare centre.
      {"Gminny Program Wspierania Rodziny na lata 2021-2023\n\nProgram realizowany jest przez "
       "Gminny Ośrodek Pomocy Społecznej w Kłodawie. Pracownicy socjalni oraz asystent rodziny "
       "obejmują wsparciem rodziny przeżywające trudności. Celem głównym programu jest "
       "wzmocnienie rodziny.\n\nW 2022 r. GOPS udzielił pomocy 84 rodzinom, a pracownicy "
       "socjalni przeprowadzili 31 interwencji.\n",
       "mops_programme"},
      // A programme's name in quotes right after "Program", at a MOPR ("Ośrodek Pomocy Rodzinie").
      {"Program „Rodzina w Centrum” – sprawozdanie\n\nProgram realizowany jest przez Miejski "
       "Ośrodek Pomocy Rodzinie w Kielcach od 2019 r.\n\nW 2022 r. wsparciem objęto 120 "
       "rodzin.\n\nPracownicy socjalni przeprowadzili 40 wywiadów.\n",
       "mops_programme"},
      // "realizuje program" (present tense) and "w ramach programu" say a programme is run.
      {"Program wsparcia rodzin\n\nMiejski Ośrodek Pomocy Społecznej w Tczewie realizuje "
       "program wsparcia rodzin przeżywających trudności. Pracownicy socjalni prowadzą pracę "
       "socjalną w środowisku.\n\nW ramach programu prowadzone są warsztaty.\n",
       "mops_programme"},
      // A BIP site's menu ("Zamówienia publiczne", "Uchwały Rady") is furniture: it does not
      // make the programme page on it a tender or an act.
      {"Biuletyn Informacji Publicznej\nStrona główna\nZamówienia publiczne\nPrzetargi\n"
       "Sesje Rady Gminy\nPorządek obrad\nSzkoła Podstawowa nr 1\nPrzedszkole Gminne\n"
       "Ogłoszenia\nKontakt\n\nGminny Program Wspierania Rodziny\n\n"
       "Program realizowany jest przez Gminny Ośrodek Pomocy Społecznej w Lubieniu. Pracownicy "
       "socjalni obejmują wsparciem rodziny przeżywające trudności.\n\nCele programu:\n1. "
       "Wzmocnienie rodzin.\n2. Rozwój pracy socjalnej.\n\nW 2022 r. wsparciem objęto 84 "
       "rodziny.\n",
       "mops_programme"},
      // A project of a welfare centre: a quoted name after "Projekt", "Cele projektu:".
      {"Projekt „Razem łatwiej”\n\nProjekt był realizowany przez GOPS w Białej Podlaskiej w "
       "latach 2019-2021.\n\nCele projektu:\n1. Aktywizacja społeczna.\n2. Rozwój usług "
       "środowiskowych.\n\nWsparciem objęto 23 uczestników.\n",
       "mops_programme"},
      // … but a draft resolution is not a project page.
      {"Projekt uchwały w sprawie przyjęcia programu\n\nNa podstawie art. 18 ust. 2 ustawy o "
       "samorządzie gminnym Rada Gminy uchwala, co następuje. Uchwała wchodzi w życie po "
       "upływie 14 dni. Przewodniczący Rady Gminy.\n",
       "unknown"},
      // A deck of "Slajd N" headings with a programme's heading and goals is still a deck.
      {"GOPS Kościerzyna – prezentacja\n\nSlajd 1\nProjekt „Razem dla Seniora”\nGminny "
       "Ośrodek Pomocy Społecznej w Kościerzynie\n\nSlajd 2\nGOPS Kościerzyna | Projekt\n"
       "Diagnoza\n\nSlajd 3\nGOPS Kościerzyna | Projekt\nCele projektu:\n1. Ograniczenie "
       "osamotnienia.\n\nSlajd 4\nGOPS Kościerzyna | Projekt\nRezultaty\n\nSlajd 5\n"
       "GOPS Kościerzyna | Projekt\nDziękuję za uwagę\n",
       "slide_transcript"},
      // "Slajd N" headings number the slides as bare numbers do; a slide host counts them.
      {"GOPS Kościerzyna – prezentacja · 6 slajdów\n\nSlajd 1\nProjekt „Razem dla Seniora”\n\n"
       "Slajd 2\nDiagnoza\n\nSlajd 3\nCele projektu\n\nSlajd 4\nDziałania\n\nSlajd 5\n"
       "Rezultaty\n\nSlajd 6\nDziękuję za uwagę\n",
       "slide_transcript"},
      // English "Slide N" headings under a transcript heading, on a deck about a welfare
      // centre's programme.
      {"Dzienny Dom „Senior+” – podsumowanie 2019–2022\nPobierz prezentację\n\n"
       "Transkrypcja slajdów\n\nSlide 1\nDzienny Dom „Senior+”\nMiejski Ośrodek Pomocy "
       "Społecznej w Gorzowie\n\nSlide 2\nMOPS Gorzów – Dział Usług Opiekuńczych\nProgram "
       "Wieloletni „Senior+” realizowany przez MOPS\n\nSlide 3\nCele Domu\n\nSlide 4\n"
       "Oferta\n\nSlide 5\nUczestnicy\n\nSlide 6\nDziękuję za uwagę\n",
       "slide_transcript"},
      // SlideShare's transcript: "Slide N:" with the slide's text on the same line.
      {"Klub Integracji Społecznej MOPS Zielona Góra\n\nTranscript\nSlide 1: Klub Integracji "
       "Społecznej przy Miejskim Ośrodku Pomocy Społecznej w Zielonej Górze\nSlide 2: Podstawa "
       "działania\nKlub prowadzony jest przez Dział Aktywizacji Zawodowej.\nSlide 3: Do kogo "
       "kierujemy wsparcie?\nSlide 4: Formy wsparcia\nSlide 5: Wyniki w 2022 roku\nSlide 6: "
       "Kontakt\n",
       "slide_transcript"},
      // A welfare centre's job offer is no programme page.
      {"Gminny Ośrodek Pomocy Społecznej w Michałowie\n\nOgłoszenie o naborze na stanowisko "
       "pracownika socjalnego\n\nKierownik Gminnego Ośrodka Pomocy Społecznej w Michałowie "
       "ogłasza nabór na wolne stanowisko urzędnicze: pracownik socjalny.\n\nWymagania "
       "niezbędne:\n- dyplom ukończenia studiów na kierunku praca socjalna,\n\nZakres zadań: "
       "praca socjalna z rodzinami, wywiady środowiskowe.\n\nWymagane dokumenty: CV, list "
       "motywacyjny.\n\nKierownik GOPS\nAnna Sawicka\n",
       "unknown"},
      // A deck's text with the page numbers pdftotext puts under each slide ("2/6").
      {"Tekst prezentacji\n\nUsamodzielnienie wychowanków w powiecie\nPowiatowe Centrum "
       "Pomocy Rodzinie w Olecku\n1/6\n\nKogo dotyczy?\nOsób pełnoletnich.\n2/6\n\nSkala\n47 "
       "wychowanków\n3/6\n\nFormy pomocy\n– na naukę\n4/6\n\nRezultaty\n38 osób pracuje\n5/6\n\n"
       "Kontakt\ntel. 87 520 31 44\n6/6\n",
       "slide_transcript"},
      // … but times of a day's schedule are no slide numbers.
      {"Piknik rodzinny\n\n9:00 Otwarcie\n10:00 Występy dzieci\n11:00 Konkursy\n12:00 "
       "Obiad\n13:00 Koncert\n14:00 Zakończenie\n",
       "unknown"},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.text));
    CHECK(bdp::to_string(rules().classify("t.txt", c.text).type) == c.type);
  }
}

namespace {
std::string upper(const char* s) {
  std::string out;
  icu::UnicodeString::fromUTF8(s).toUpper(icu::Locale("pl")).toUTF8String(out);
  return out;
}
}  // namespace

TEST_CASE("a heading in capitals is read as the same heading capitalised") {
  const std::string body =
      "\n\nGminny Ośrodek Pomocy Społecznej w Lubiczu informuje, że w 2024 roku gmina "
      "realizuje rządowy program „Posiłek w szkole i w domu”.\n";
  for (const char* heading : {"Program „Posiłek w szkole i w domu” w gminie Lubicz",
                              "Gminny Program Wspierania Rodziny na lata 2024–2026",
                              "Projekt „Aktywni razem”"}) {
    const std::string capitals = upper(heading);
    CAPTURE(capitals);
    const auto a = rules().classify("t.txt", heading + body);
    const auto b = rules().classify("t.txt", capitals + body);
    CHECK(b.type == a.type);
    CHECK(b.signals == a.signals);
    CHECK(std::find(b.signals.begin(), b.signals.end(), "programme_heading") != b.signals.end());
  }
}

TEST_CASE("bad signal entries are reported with their line") {
  struct Case {
    const char* grammar;
    int line;
  };
  const Case cases[] = {
      {"[signals]\nbroken = 1 1 bdp_practice (unclosed\n", 2},
      {"[signals]\nno_type = 1 1 newspaper abc\n", 2},
      {"[signals]\nok = 1 1 unknown abc\nno_weight = x 1 unknown abc\n", 3},
      {"[thresholds]\nmin_score = -1\n", 2},
  };
  for (const auto& c : cases) {
    CAPTURE(c.grammar);
    auto dir = std::filesystem::temp_directory_path() / "bdp_classify_test";
    std::filesystem::create_directories(dir);
    {
      std::ofstream out(dir / "classify.grammar", std::ios::binary);
      out << c.grammar << "[patterns]\nslide_number = ^(\\d+)\\s\n";
    }
    std::vector<bdp::GrammarError> errors;
    auto g = bdp::Grammars::with_overrides(dir, errors);
    REQUIRE(errors.empty());
    bdp::ClassifierRules::compile(g, errors);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].line == c.line);
  }
}

TEST_CASE("what a line gives is remembered per rule set, and the same line counts each time") {
  // Lines are read once per thread and rule set; a page repeating a line, a second rule set
  // reading the same lines, and the first set again must each count as if read afresh.
  const std::string lines = "Metryka praktyki\nMiejscowość: Ełk\nPowiat: ełcki\n";
  const auto first = rules().classify("a.txt", lines);
  CHECK(first.type == bdp::PageType::bdp_practice);

  auto dir = std::filesystem::temp_directory_path() / "bdp_classify_memo_test";
  std::filesystem::create_directories(dir);
  {
    std::ofstream out(dir / "classify.grammar", std::ios::binary);
    out << "[signals]\nmetryka = 2 5 unknown (?i)metryka\nlabel = 2 5 unknown ^Powiat:\n"
           "[patterns]\nslide_number = ^(\\d+)\\s\n";
  }
  std::vector<bdp::GrammarError> errors;
  auto g = bdp::Grammars::with_overrides(dir, errors);
  auto other = bdp::ClassifierRules::compile(g, errors);
  std::filesystem::remove_all(dir);
  REQUIRE(errors.empty());
  auto page = bdp::decode_page("a.txt", lines + lines);
  auto c = bdp::classify_page(page, bdp::strip_boilerplate(page, *rules().bp), *other);
  CHECK(c.type == bdp::PageType::unknown);
  CHECK(c.signals == std::vector<std::string>{"metryka", "label"});

  const auto again = rules().classify("a.txt", lines);
  CHECK(again.type == first.type);
  CHECK(again.signals == first.signals);
  CHECK(again.confidence == first.confidence);
  // the numbered-slides signal: lines "1 …" … "6 …" twice over count as a sequence each time
  std::string deck;
  for (int i = 1; i <= 6; ++i) deck += std::to_string(i) + " Slajd o programie\n";
  const auto one = rules().classify("d.txt", deck);
  CHECK(std::find(one.signals.begin(), one.signals.end(), "numbered_slides") != one.signals.end());
  CHECK(rules().classify("d.txt", deck).signals == one.signals);
}

TEST_CASE("a site's menu says nothing of the page; a service's own headings do") {
  const std::string menu =
      "Miejski Ośrodek Pomocy Społecznej w Tarnowie\nStart\nO nas\nProgramy i projekty\n"
      "Aktualności\nKontakt\n\n";
  // a contact page of a MOPS site whose menu names "Programy i projekty": not a programme
  const auto contact = rules().classify(
      "k.txt", menu + "Kontakt\n\nMOPS w Tarnowie, ul. Długa 12, 33-100 Tarnów. Sekretariat "
                      "MOPS czynny jest od poniedziałku do piątku w godzinach 7.30–15.30.\n"
                      "Dział Świadczeń MOPS: tel. 14 688 20 00.\n");
  CHECK(contact.type == bdp::PageType::unknown);
  // a service page of the same site, with the headings such pages have
  const auto service = rules().classify(
      "s.txt", menu + "Teleopieka dla seniorów\n\nMOPS w Tarnowie prowadzi usługę teleopieki dla "
                      "osób starszych mieszkających samotnie, którym opaska pozwala wezwać pomoc.\n\n"
                      "Dla kogo?\nDla mieszkańców Tarnowa w wieku 65+.\n\nJak skorzystać?\n"
                      "Wniosek można złożyć w siedzibie MOPS.\n");
  CHECK(service.type == bdp::PageType::mops_programme);
  CHECK(std::find(service.signals.begin(), service.signals.end(), "service_page") != service.signals.end());
  // a report's table of contents is no programme page
  const auto toc = rules().classify(
      "t.txt", "SPRAWOZDANIE z realizacji Gminnego Programu Wspierania Rodziny\n\nSPIS TREŚCI\n"
               "1. Wprowadzenie ........................ 3\n2. Diagnoza ........................ 5\n"
               "3. Realizacja programu przez MOPS ........................ 9\n");
  CHECK(toc.type == bdp::PageType::unknown);
}

TEST_CASE("a news section in a site's menu is no evidence of a news page; a news byline is") {
  // "Wiadomości" / "Aktualności" is an item of nearly every municipal menu: stripped as a menu,
  // it says nothing of the page under it.
  const std::string page =
      "Aktualności\nO ośrodku\nWiadomości\nKontakt\nDeklaracja dostępności\n\n"
      "Program „Razem w Grębocinie” na lata 2025–2027\n\n"
      "Gminny Ośrodek Pomocy Społecznej w Grębocinie realizuje program wsparcia rodzin.\n";
  const auto menu = rules().classify("m.txt", page);
  CHECK_FALSE(has(menu, "news"));
  // the same words kept above the article are the page's own furniture
  const auto byline = rules().classify(
      "b.txt", "Program „Razem w Grębocinie”\n\nDodano: 12.03.2025\n\nGminny Ośrodek Pomocy "
               "Społecznej w Grębocinie zaprasza rodziny do udziału w programie.\n");
  CHECK(has(byline, "news"));
}

TEST_CASE("a card's metryka as a table or as labels alone on their lines is evidence") {
  const std::string body = "Asystent rodziny w gminie wiejskiej\n\nGmina zatrudniła asystenta "
                           "rodziny, który pracował z 14 rodzinami z terenu gminy.\n\n";
  const auto table = rules().classify(
      "t.txt", body + "| Metryka praktyki | |\n|---|---|\n| Data wprowadzenia do BDP | 2011-02-14 |\n"
                      "| Typ jednostki | gmina wiejska |\n| Miejscowość | Czarna |\n"
                      "| Powiat | dębicki |\n| Województwo | podkarpackie |\n");
  CHECK(table.type == bdp::PageType::bdp_practice);
  const auto alone = rules().classify(
      "a.txt", body + "Metryka\nData wprowadzenia do BDP\n2011-05-09\nTyp jednostki\ngmina wiejska\n"
                      "Kod pocztowy i Poczta\n39-215 Czarna\nJednostka wdrażająca\nGOPS w Czarnej\n"
                      "Liczba mieszkańców\n12.118\nOsoby kontaktowe\nAgata Ryba\n");
  CHECK(alone.type == bdp::PageType::bdp_practice);
}

TEST_CASE("a card's labels before their values without a colon, as the metryka parser reads them") {
  const std::string body = "Mieszkania treningowe w Żaganiu\n\nOśrodek prowadzi dwa mieszkania dla "
                           "usamodzielnianych wychowanków pieczy zastępczej.\n\nMetryka praktyki\n";
  const std::string labels[] = {"Data wprowadzenia do BDP", "Typ jednostki", "Miejscowość",
                                "Powiat", "Województwo", "Liczba mieszkańców"};
  const std::string values[] = {"2013-04-22", "gmina miejska", "Żagań", "żagański", "lubuskie",
                                "26 000"};
  for (const std::string gap : {"\t", "   ", "\u00A0\u00A0", " \t "}) {
    CAPTURE(gap);
    std::string page = body;
    for (std::size_t k = 0; k < std::size(labels); ++k) page += labels[k] + gap + values[k] + "\n";
    const auto c = rules().classify("card.txt", page);
    CHECK(has(c, "metryka_label"));
    CHECK(c.type == bdp::PageType::bdp_practice);
  }
  // prose with its spaces doubled has many wide gaps: no label
  const auto prose = rules().classify(
      "p.txt", "Gmina  Żagań  realizuje  program  wsparcia.\nPowiat  żagański  pomaga  rodzinom.\n");
  CHECK_FALSE(has(prose, "metryka_label"));
  // one space is no gap
  const auto one = rules().classify("o.txt", "Gmina Żagań realizuje program wsparcia.\n");
  CHECK_FALSE(has(one, "metryka_label"));
}

TEST_CASE("combined metryka labels and other wordings of a card's labels are evidence") {
  const auto c = rules().classify(
      "t.txt", "Obszar: Pomoc społeczna › Wsparcie rodziny\nAsystent rodziny w Lesku\n\n"
               "Od 2011 roku Miejski Ośrodek Pomocy Społecznej w Lesku zatrudnia asystentów "
               "rodziny w ramach Programu „Asystent rodziny”.\n\nMetryka\n"
               "Data wprowadzenia do BDP: 14.03.2012\nTyp jednostki: gmina miejsko-wiejska\n"
               "Gmina / miasto: Lesko\nWojewództwo / powiat: podkarpackie / leski\n"
               "Jednostka realizująca: MOPS w Lesku\nOsoba do kontaktu: Anna Kowal\n");
  CHECK(c.type == bdp::PageType::bdp_practice);
}

TEST_CASE("a deck numbered only under its short slides is a deck; a document's pages are not") {
  const std::string deck =
      "Gminny Ośrodek Pomocy Społecznej w Wierzbicy\nGminny Program Profilaktyki i Rozwiązywania "
      "Problemów Alkoholowych na rok 2019\n– 1 –\nDiagnoza problemu\nZ pomocy skorzystało 37 "
      "rodzin z problemem alkoholowym.\n– 2 –\nCele programu\n1. Ograniczenie spożycia alkoholu."
      "\n2. Pomoc terapeutyczna dla osób uzależnionych.\n– 3 –\nZadania\n• punkt konsultacyjny\n"
      "• zajęcia w świetlicy\n– 4 –\nBudżet programu\nPlanowane wydatki: 68 000 zł.\n– 5 –\n"
      "Dziękuję za uwagę\n– 6 –\n";
  check_deck(deck, {"short_slides"});
  // bare numbers under the slides of a deck about a programme, its centre on every slide
  std::string bare = "Program „Aktywny Senior” w Gminie Kozienice\n";
  const char* titles[] = {"Dlaczego program?", "Adresaci", "Działania", "Efekty", "Finansowanie",
                          "Dziękujemy!"};
  int n = 0;
  for (const char* t : titles)
    bare += "Gminny Ośrodek Pomocy Społecznej w Kozienicach\n" + std::string(t) +
            "\nProgram „Korpus Wsparcia Seniorów” dla 40 osób.\n" + std::to_string(++n) + "\n\n";
  CHECK(rules().classify("k.txt", bare).type == bdp::PageType::slide_transcript);
  // the same numbers under a document's pages of paragraphs
  const std::string para =
      "Gminę zamieszkuje 17 860 osób, a udział osób w wieku poprodukcyjnym wzrósł w ostatnich latach "
      "z 17,9% do 21,4%; Ośrodek Pomocy Społecznej udzielił pomocy 412 rodzinom, najczęściej z "
      "powodu niepełnosprawności, długotrwałej choroby i ubóstwa, a także bezradności w sprawach "
      "opiekuńczo-wychowawczych i prowadzenia gospodarstwa domowego.\n";
  std::string doc = "Strategia Rozwiązywania Problemów Społecznych Gminy Tuchów\n";
  for (int n = 1; n <= 6; ++n) doc += para + para + "– " + std::to_string(n) + " –\n";
  CHECK_FALSE(has(rules().classify("s.txt", doc), "short_slides"));
}

/// Pages as pdftotext writes a PDF: each page's lines, then a form feed.
std::string pdf_text(const std::vector<std::string>& pages) {
  std::string s;
  for (const std::string& p : pages) s += p + "\n\f";
  return s;
}

TEST_CASE("a PDF's short pages (form feeds) about a centre are a deck; a report's long pages are not") {
  const std::vector<std::string> slides = {
      "Asystent rodziny w Gminie Wieliczka\nMiejsko-Gminny Ośrodek Pomocy Społecznej w Wieliczce",
      "Kim jest asystent?\nPracownik wspierający rodziny w trudnościach opiekuńczo-wychowawczych.",
      "Wyniki 2023\n58 rodzin objętych wsparciem\n131 dzieci w rodzinach",
      "Finansowanie\nKoszt zadania: 412 500 zł",
      "Dziękujemy\nmgops@wieliczka.pl"};
  check_deck(pdf_text(slides), {"numbered_slides", "short_slides"});
  // the same lines without form feeds: no deck evidence of their shape
  std::string joined;
  for (const std::string& p : slides) joined += p + "\n\n";
  CHECK_FALSE(has(rules().classify("w.txt", joined), "short_slides"));
  // a report's pages, long ones
  const std::string para =
      "Ośrodek Pomocy Społecznej udzielił pomocy 412 rodzinom, najczęściej z powodu "
      "niepełnosprawności, długotrwałej choroby i ubóstwa, a także bezradności w sprawach "
      "opiekuńczo-wychowawczych i prowadzenia gospodarstwa domowego, w tym 96 rodzinom z dziećmi.";
  CHECK_FALSE(has(rules().classify("r.txt", pdf_text({para + para, para + para, para + para, para})),
                  "short_slides"));
  // short pages that speak of no centre or programme (a photo album's captions)
  CHECK_FALSE(has(rules().classify("a.txt", pdf_text({"Zdjęcie 1", "Zdjęcie 2", "Zdjęcie 3", "Zdjęcie 4"})),
                  "short_slides"));
}

TEST_CASE("a deck whose transcript header was lost is a deck; numbered goals and chapters are not") {
  // "N Title" slides, each with a line or two under it, about a centre's programme: no
  // "Zapis prezentacji", no download buttons
  const std::string deck =
      "Gminny Ośrodek Pomocy Społecznej w Brzeszczach\n\n"
      "1 GMINNY PROGRAM PROFILAKTYKI\nNA LATA 2021-2023\n\n"
      "2 Diagnoza\nW 2020 roku Ośrodek objął pomocą 312 rodzin; pracownicy socjalni "
      "przeprowadzili 41 interwencji w rodzinach z problemem alkoholowym.\n\n"
      "3 Cele programu\nCel główny: ograniczenie problemów alkoholowych i przemocy w rodzinie.\n\n"
      "4 Realizatorzy\nGOPS w Brzeszczach, Gminna Komisja Rozwiązywania Problemów Alkoholowych\n\n"
      "5 Zadania\nProgram realizowany jest przez Ośrodek Pomocy Społecznej wspólnie ze "
      "szkołami.\nPunkt konsultacyjny dla klientów Ośrodka.\n\n"
      "6 Budżet\n120 000 zł rocznie\n\n"
      "7 Kontakt\nul. Kościuszki 2, tel. 32 211 10 10\n";
  check_deck(deck, {"slide_blocks"});
  // numbers alone on their lines ("1", "Slajd 2"), a title and text under each
  std::string bare;
  const char* slides[] = {"Program Wspierania Rodziny\nMiejski Ośrodek Pomocy Społecznej w Ełku",
                          "Podstawa prawna\nUstawa o wspieraniu rodziny i systemie pieczy "
                          "zastępczej z dnia 9 czerwca 2011 r.",
                          "Cele programu\nWzmocnienie rodzin przeżywających trudności "
                          "opiekuńczo-wychowawcze, przeciwdziałanie przemocy w rodzinie.",
                          "Asystent rodziny\nW 2022 roku MOPS zatrudniał 4 asystentów, którzy "
                          "pracowali z 56 rodzinami.",
                          "Realizatorzy\nMOPS w Ełku, pracownicy socjalni, szkoły, policja",
                          "Dziękuję\nAnna Nowak, kierownik Działu Pomocy Rodzinie"};
  int n = 0;
  for (const char* s : slides)
    bare += (++n % 2 ? std::to_string(n) : "Slajd " + std::to_string(n)) + "\n" + s + "\n\n";
  check_deck(bare, {"slide_blocks"});
  // a programme page's numbered goals, one paragraph each, blank lines between: no slide numbers
  std::string goals =
      "Gminny Program Wspierania Rodziny na lata 2021-2023\n\nMiejski Ośrodek Pomocy Społecznej "
      "w Ełku realizuje program wspólnie ze szkołami.\n\nCele szczegółowe:\n\n";
  const char* items[] = {"Cel: wzmocnienie rodzin przeżywających trudności",
                         "Rozwój asystentury rodzinnej",
                         "Przeciwdziałanie przemocy w rodzinie",
                         "Pomoc dzieciom z rodzin z problemem alkoholowym",
                         "Współpraca z pracownikami socjalnymi i kuratorami",
                         "Szkolenia dla rodzin zastępczych"};
  n = 0;
  for (const char* it : items)
    goals += std::to_string(++n) + ". " + it + "\nDziałanie realizuje MOPS.\n\n";
  const auto g = rules().classify("g.txt", goals);
  CHECK_FALSE(has(g, "slide_blocks"));
  CHECK(g.type == bdp::PageType::mops_programme);
  // a programme document's chapters, "N Title" after a blank line, several paragraphs each
  const std::string para =
      "Ośrodek Pomocy Społecznej udzielił w 2023 roku pomocy 904 rodzinom, najczęściej z powodu "
      "długotrwałej choroby, niepełnosprawności i ubóstwa.\n";
  std::string doc = "Gminny Program Wspierania Rodziny w Gminie Tuchów na lata 2024-2026\n\n";
  const char* chapters[] = {"Wstęp", "Diagnoza", "Cele programu", "Realizatorzy", "Finansowanie",
                            "Monitoring"};
  n = 0;
  for (const char* ch : chapters)
    doc += std::to_string(++n) + " " + ch + "\n" + para + para + para + para + para + "\n";
  const auto c = rules().classify("c.txt", doc);
  CHECK_FALSE(has(c, "slide_blocks"));
  CHECK(c.type != bdp::PageType::slide_transcript);
}

TEST_CASE("blank lines holding only invisible characters separate a deck's slides") {
  // a CMS writes an empty paragraph as a zero-width space, a BOM or a soft hyphen
  for (const std::string blank : {"\u200B", "\uFEFF", "\u00AD", " \u200B\u00A0", "\u2060"}) {
    CAPTURE(blank);
    std::string deck = "Powiatowe Centrum Pomocy Rodzinie w Krośnie\n" + blank + "\n";
    const char* slides[] = {"PIECZA ZASTĘPCZA W POWIECIE\nstan na 2023 rok",
                            "Rodziny zastępcze\nW powiecie działa 48 rodzin zastępczych.",
                            "Cele\nRozwój rodzinnej pieczy zastępczej.",
                            "Szkolenia\nPCPR przeszkolił 12 kandydatów na rodziny zastępcze.",
                            "Kontakt\nul. Bieszczadzka 1, tel. 13 437 66 00"};
    int n = 0;
    for (const char* slide : slides) deck += std::to_string(++n) + " " + slide + "\n" + blank + "\n";
    check_deck(deck, {"slide_blocks"});
  }
}

TEST_CASE("a service page's headings ending in a Polish letter are its headings") {
  for (const char* heading : {"Jak skorzystać z usługi?", "Jak skorzystać?", "Kto może skorzystać",
                              "Jak się zgłosić:", "Kto może się zgłosić?"}) {
    CAPTURE(heading);
    const auto c = rules().classify(
        "s.txt", std::string("Opieka wytchnieniowa\n\nUsługa dla opiekunów osób niepełnosprawnych.\n\n") +
                     heading + "\nWniosek składa się w sekretariacie.\n");
    CHECK(has(c, "service_page"));
  }
  // a word going on is no heading
  const auto prose = rules().classify("p.txt", "Jak skorzystaćby z tego?\n");
  CHECK_FALSE(has(prose, "service_page"));
}

TEST_CASE("a page written without diacritics gets the type and signals of the page with them") {
  const std::string pages[] = {
      // a programme page
      "Gminny Program Wspierania Rodziny na lata 2024–2026\n\nGminny Ośrodek Pomocy Społecznej w "
      "Łączniku realizuje program wspólnie z pracownikami socjalnymi i szkołami. Głównym celem "
      "programu jest wzmocnienie rodzin przeżywających trudności opiekuńczo-wychowawcze.\n\n"
      "Adresaci programu: rodziny z terenu gminy Łącznik.\nOkres realizacji: 2024–2026\n",
      // a card
      "Świetlica środowiskowa w Żółkiewce\n\nŚwietlica prowadzona przez stowarzyszenie przyjmuje "
      "dzieci z rodzin, w których występują problemy opiekuńczo-wychowawcze; dzieci odrabiają "
      "lekcje i uczestniczą w zajęciach.\n\nMetryka\nData wprowadzenia do BDP: 2012-03-01\n"
      "Typ jednostki: gmina wiejska\nMiejscowość: Żółkiewka\nWojewództwo: lubelskie\n"
      "Liczba mieszkańców: 5 800\nOsoby kontaktowe: Ewa Żak\n",
      // a council's resolution
      "Uchwała Nr XII/98/2024 Rady Gminy Łącznik z dnia 28 marca 2024 r. w sprawie przyjęcia "
      "regulaminu\n\nNa podstawie art. 18 ust. 2 ustawy o samorządzie gminnym (Dz. U. z 2023 r. "
      "poz. 40) Rada Gminy uchwala, co następuje. Przyjmuje się regulamin udzielania pomocy "
      "w formie posiłku dla osób potrzebujących. Uchwała wchodzi w życie po upływie 14 dni.\n"
      "Przewodniczący Rady Gminy\n"};
  for (const auto& page : pages) {
    CAPTURE(page.substr(0, 40));
    const auto with = rules().classify("p.txt", page);
    const auto without = rules().classify("p.txt", bdp::to_ascii(page));
    CHECK(without.type == with.type);
    CHECK(without.signals == with.signals);
  }
}

TEST_CASE("a document viewer's 'Strona N' numbers make a deck only when its pages are short") {
  std::string deck = "Lokalny System Wsparcia Osób Starszych\nOśrodek Pomocy Społecznej w Wołominie\n";
  const char* slides[] = {"Problem\nBrakuje miejsc opieki dziennej.", "Cele\n1. Usługi opiekuńcze",
                          "Budżet\n420 000 zł rocznie", "Kontakt\nul. Prądzyńskiego 3"};
  int n = 0;
  for (const char* s : slides) deck += "\nStrona " + std::to_string(++n) + "\n\n" + s + "\n";
  deck += "\nStrona 5\n";
  check_deck(deck, {"numbered_slides", "short_slides"});
  // a report's pages under the same numbers: nothing
  const std::string para =
      "Miejski Ośrodek Pomocy Społecznej udzielił w 2023 roku pomocy 904 rodzinom, najczęściej z "
      "powodu długotrwałej choroby, niepełnosprawności i ubóstwa; usługami opiekuńczymi objęto "
      "196 osób, a asystenci rodziny pracowali z 71 rodzinami.\n";
  const auto r =
      rules().classify("r.txt", paged_report("Sprawozdanie z działalności MOPS za rok 2023", para, 6));
  CHECK_FALSE(has(r, "numbered_slides"));
  CHECK_FALSE(has(r, "short_slides"));
}

TEST_CASE("three or four labelled short slides of a centre's deck make a deck, as in boilerplate") {
  // "Strona N" / "[Slajd N]" / "--- Page N ---" over three or four short slides about a centre
  const char* slides[] = {"Centrum Usług Społecznych w Sokółce\nUsługi sąsiedzkie 2023",
                          "Efekty\nZ usług skorzystało 27 osób starszych.",
                          "Budżet\n96 tys. zł z Funduszu Solidarnościowego",
                          "Kontakt\nCUS Sokółka, ul. Kościelna 1"};
  for (const char* marker : {"Strona N", "[Slajd N]", "--- Page N ---", "Slajd N z 3"}) {
    for (int count : {3, 4}) {
      const std::string shown = std::string(marker) + " x" + std::to_string(count);
      CAPTURE(shown);
      std::string deck = "Prezentacja\n";
      for (int n = 1; n <= count; ++n)
        deck += "\n" + replace_all(marker, "N", std::to_string(n)) + "\n" + slides[n - 1] + "\n";
      check_deck(deck, {"numbered_slides", "short_slides"});
    }
  }
  // A report of four pages under "Strona N": its pages are long.
  const std::string para =
      "Centrum Usług Społecznych w Sokółce objęło w 2023 roku usługami sąsiedzkimi 27 osób "
      "starszych i niepełnosprawnych, a opiekunowie wykonali łącznie 3 100 godzin usług w "
      "miejscu zamieszkania, głównie w gminach wiejskich powiatu.\n";
  const std::string report =
      paged_report("Sprawozdanie z realizacji programu Usługi sąsiedzkie", para, 4, "\n");
  CHECK_FALSE(has(rules().classify("r.txt", report), "numbered_slides"));
  // A pagination menu ("Strona 1" / "Strona 2" / "Strona 3", nothing between) on a centre's page.
  const std::string menu =
      "Klub Seniora „Pogodna Jesień”\n\nKlub działa przy Miejskim Ośrodku Pomocy Społecznej w "
      "Łowiczu. Zajęcia odbywają się od poniedziałku do piątku.\n\nStrona 1\nStrona 2\n"
      "Strona 3\nNastępna\n";
  CHECK(rules().classify("m.txt", menu).type != bdp::PageType::slide_transcript);
  // A slider's three captions ("Slajd 1 z 3") over a programme page's paragraphs.
  const std::string slider =
      "Ośrodek Pomocy Społecznej w Brzozowie\n\nSlajd 1 z 3\nZapraszamy do Klubu Seniora\n\n"
      "Slajd 2 z 3\nNabór do programu Asystent osobisty\n\nSlajd 3 z 3\nDyżury pracowników\n\n"
      "Program „Opieka wytchnieniowa” 2024\n\nOśrodek realizuje program „Opieka "
      "wytchnieniowa” dla opiekunów osób z niepełnosprawnościami; usługą objęto 12 osób, a "
      "wartość programu wynosi 86 400 zł.\n\nZgłoszenia przyjmują pracownicy socjalni w "
      "siedzibie ośrodka przy ul. Armii Krajowej 2, od poniedziałku do piątku.\n";
  CHECK_FALSE(has(rules().classify("s.txt", slider), "numbered_slides"));
}

TEST_CASE("a short page of a centre's service: its name as the heading, the centre running it") {
  const auto c = rules().classify(
      "p.txt",
      "Punkt Interwencji Kryzysowej\n\nPunkt Interwencji Kryzysowej działa przy Gminnym Ośrodku "
      "Pomocy Społecznej w Łomiankach.\nDyżury psychologa: wtorek 16:00–19:00.\n"
      "Zapisy pod numerem 22 751 32 66.\n");
  CHECK(c.type == bdp::PageType::mops_programme);
  // a news headline about the service is not its page's heading
  const auto n = rules().classify(
      "n.txt",
      "Aktualności\n\nKlub Seniora zaprasza na zajęcia\n\nW piątek w Klubie Seniora odbyło się "
      "spotkanie. Wzięło w nim udział 45 osób.\n\nDodano: 22.01.2024\n");
  CHECK(n.type == bdp::PageType::unknown);
  // the service's heading may name its town
  const auto t = rules().classify(
      "t.txt",
      "Środowiskowy Dom Samopomocy „Przystań” w Nowym Targu\n\nDom prowadzony jest przez "
      "Miejski Ośrodek Pomocy Społecznej w Nowym Targu.\nW 2023 r. z zajęć korzystało 30 osób.\n");
  CHECK(has(t, "service_unit"));
  CHECK(t.type == bdp::PageType::mops_programme);
}

TEST_CASE("a programme that 'obowiązuje' in its years is a programme being run") {
  const auto c = rules().classify(
      "p.txt",
      "Powiatowe Centrum Pomocy Rodzinie w Krasnymstawie\n\nPowiatowy Program Działań na Rzecz Osób "
      "Niepełnosprawnych\n\nProgram obowiązuje w latach 2022-2027 na terenie powiatu.\n\n"
      "Cele programu:\n1. Integracja osób niepełnosprawnych.\n2. Likwidacja barier.\n");
  CHECK(c.type == bdp::PageType::mops_programme);
}

TEST_CASE("'Główne cele:' is a programme's goals heading too") {
  const auto c = rules().classify("t.txt", "Dzienny Dom Pomocy\n\nGłówne cele:\n- aktywizacja seniorów\n");
  CHECK(std::find(c.signals.begin(), c.signals.end(), "programme_goals") != c.signals.end());
}

TEST_CASE("the breadcrumb signal's guard bounds each part to 41 characters") {
  auto fired = [](const std::string& line) {
    auto c = rules().classify("t.txt", line + "\n");
    return std::find(c.signals.begin(), c.signals.end(), "bdp_breadcrumb") != c.signals.end();
  };
  CHECK(fired("Usługi społeczne : Pomoc społeczna"));
  CHECK(fired("Ż" + std::string(40, 'a') + " : Pomoc"));
  CHECK_FALSE(fired("Ż" + std::string(41, 'a') + " : Pomoc"));
  CHECK_FALSE(fired("Pomoc : Ż" + std::string(41, 'a')));
  CHECK_FALSE(fired("U : Pomoc"));
}
}

TEST_CASE("a short deck of four 'Slajd N' slides is a deck; three slide headings are not enough") {
  std::string deck = "Powiatowe Centrum Pomocy Rodzinie w Kraśniku\n";
  const char* slides[] = {"Rodzinna piecza zastępcza w powiecie kraśnickim\nKraśnik, marzec 2021",
                          "Cele programu\n• zwiększenie liczby rodzin zastępczych",
                          "Efekty\n• w 2020 r. utworzono 12 nowych rodzin zastępczych",
                          "Kontakt\nPCPR w Kraśniku, ul. Narutowicza 6"};
  for (int n = 1; n <= 4; ++n) deck += "Slajd " + std::to_string(n) + "\n" + slides[n - 1] + "\n";
  CHECK(rules().classify("d.txt", deck).type == bdp::PageType::slide_transcript);
  // Three headings alone on a page that is no programme's: not a deck.
  const std::string three = "Ogłoszenie\nSlajd 1\nZdjęcie z festynu\nSlajd 2\nZdjęcie z pikniku\n"
                            "Slajd 3\nZdjęcie z wycieczki\n";
  CHECK(rules().classify("g.txt", three).type != bdp::PageType::slide_transcript);
}

TEST_SUITE("classify") {
TEST_CASE("the prefilter and the digit check give what the signal set gives, line by line") {
  // Each line alone (every signal it gives is listed), then each page whole, with the
  // shortcuts off (the reference: one RE2 set) and on.
  auto signals_of = [](const bdp::SourcePage& page) {
    const auto c = bdp::classify_page(page, bdp::BoilerplateResult{}, *rules().cl);
    std::string s = std::string(bdp::to_string(c.type)) + " " + std::to_string(c.confidence);
    for (const auto& sig : c.signals) s += " " + sig;
    return s;
  };
  auto both = [&](const std::string& text) {
    const auto page = bdp::decode_page("t.txt", text);
    bdp::set_classify_fast_paths(false);
    std::string slow = signals_of(page);
    bdp::set_classify_fast_paths(true);
    return std::make_pair(slow, signals_of(page));
  };
  std::size_t pages = 0, lines = 0, with_signals = 0;
  for (const std::string& path : bdp::test::all_test_pages()) {
    CAPTURE(path);
    const std::string text = bdp::test::read_file(path);
    const auto [slow, fast] = both(text);
    CHECK(fast == slow);
    ++pages;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
      CAPTURE(line);
      const auto [line_slow, line_fast] = both(line);
      CHECK(line_fast == line_slow);
      ++lines;
      with_signals += line_slow.find(' ', line_slow.find(' ') + 1) != std::string::npos;
    }
  }
  // Letters the prefilter folds (Polish capitals), letters it leaves to the set (é, the Kelvin
  // sign, Greek), caseless symbols and invalid bytes.
  for (const char* line :
       {"OŚRODEK POMOCY SPOŁECZNEJ", "ŚWIETLICA ŚRODOWISKOWA „Promyk”", "PRZETARG NA DOSTAWĘ",
        "Café Senior – KLUB SENIORA", "\xE2\x84\xAA"
        "lienci ośrodka", "Ωmega: Program „Ακ”", "Zapis prezentacji \xF0\x9F\x93\xA2",
        "SIWZ \xC3\x28 przetarg", "Slajd 3 z 12", "Strona 4 z 9", "– 7 –", "12/40",
        "Spis treści", "Wstęp ............ 3"}) {
    CAPTURE(line);
    const auto [slow, fast] = both(line);
    CHECK(fast == slow);
  }
  CHECK(pages > 100);
  CHECK(lines > 5000);
  CHECK(with_signals > 500);
}

TEST_CASE("each line's signals and slide, page and list numbers are the plain path's") {
  // Line by line (read_line itself, no memo): the numbers' one-pass pre-check must rule out
  // only lines that no number pattern matches.
  const auto& cl = *rules().cl;
  std::size_t lines = 0, numbered = 0;
  auto compare = [&](std::string_view line) {
    CAPTURE(line);
    const std::string slow = bdp::detail::line_facts_for_test(line, cl, false);
    CHECK(bdp::detail::line_facts_for_test(line, cl, true) == slow);
    ++lines;
    numbered += slow.find(" number 0 page 0 list 0") == std::string::npos;
  };
  for (const std::string& path : bdp::test::all_test_pages()) {
    CAPTURE(path);
    std::istringstream in(bdp::test::read_file(path));
    for (std::string line; std::getline(in, line);) compare(line);
  }
  for (const char* line :
       {"Slajd 3", "SLIDE 12 of 40", "Slajd nr 4: Cele", "[Slide 3] Formy wsparcia", "=== Slajd 7 ===",
        "# Slajd 2", "--- Slajd 5 ---", "– 7 –", "(3)", "3/12", "12 / 40", "Strona 4 z 9", "Str. 2",
        "[Strona 3]", "--- Page 3 ---", "1. Korpus Wsparcia", "2) Cele", "3 Cele programu",
        "10:00 spotkanie", "1.5 mln zł", "Slajd", "7", "  7  ", "Rok 2024", "ul. Długa 3"})
    compare(line);
  CHECK(lines > 5000);
  CHECK(numbered > 100);
}
}

TEST_CASE("a BIP's metadata block counts once: a programme on a BIP is a programme, a resolution is not") {
  const std::string metryczka =
      "\nMetryczka\nWytworzył: Dyrektor PCPR\nData wytworzenia: 2021-03-18\nOpublikował: Anna Nowak\n"
      "Data publikacji: 2021-03-19 10:42\nLiczba odwiedzin: 956\nRejestr zmian\n";
  const auto programme = rules().classify(
      "p.txt",
      "Biuletyn Informacji Publicznej\nPowiatowe Centrum Pomocy Rodzinie w Sieradzu\n\n"
      "Powiatowy program rozwoju pieczy zastępczej w Powiecie Sieradzkim na lata 2022-2024\n\n"
      "Program opracowało Powiatowe Centrum Pomocy Rodzinie na podstawie art. 180 pkt 1 ustawy.\n\n"
      "Cel główny: rozwój rodzinnych form pieczy zastępczej.\n" + metryczka);
  CHECK(has(programme, "bip_metadata"));
  CHECK(programme.type == bdp::PageType::mops_programme);
  const auto resolution = rules().classify(
      "u.txt",
      "Biuletyn Informacji Publicznej\nPowiatowe Centrum Pomocy Rodzinie w Sieradzu\n\n"
      "Zarządzenie nr 12/2021 Dyrektora PCPR w sprawie regulaminu pracy\n\n"
      "Na podstawie art. 104 Kodeksu pracy zarządza się, co następuje.\n" + metryczka);
  CHECK(resolution.type == bdp::PageType::unknown);
}

TEST_CASE("a programme told by its parts, a report on one and a resolution adopting one are programmes; a deck about one stays a deck") {
  // A programme page whose only programme words are its heading and its parts' headings.
  const auto programme = rules().classify(
      "p.txt",
      "Powiatowe Centrum Pomocy Rodzinie w Mławie\n\n"
      "Powiatowy program rozwoju pieczy zastępczej w Powiecie Mławskim na lata 2021-2023\n\n"
      "Diagnoza\nNa koniec 2020 r. w powiecie było 58 rodzin, w których przebywało 81 dzieci.\n\n"
      "Działania i rezultaty oczekiwane\n1. Pozyskanie 6 nowych rodzin do końca 2023 r.\n\n"
      "Finansowanie\nBudżet programu: 150 000 zł rocznie ze środków własnych powiatu.\n");
  CHECK(has(programme, "programme_sections"));
  CHECK(programme.type == bdp::PageType::mops_programme);
  // A report on a programme, on a page with a byline and a resolution's number.
  const auto report = rules().classify(
      "r.txt",
      "Miejski Ośrodek Pomocy Społecznej w Łukowie\n\n"
      "Sprawozdanie z realizacji Gminnego Programu Wspierania Rodziny na lata 2019-2021\n\n"
      "Opublikowano: 28.03.2022\n\n"
      "Program przyjęto uchwałą Nr VI/48/2019 Rady Miasta na podstawie art. 176 ustawy.\n"
      "Ośrodek objął wsparciem 1 234 osoby, pracownicy socjalni przeprowadzili 900 wywiadów.\n");
  CHECK(has(report, "programme_report"));
  CHECK(report.type == bdp::PageType::mops_programme);
  // The same title in a link list at the foot of another page says nothing about that page.
  const auto linked = rules().classify(
      "l.txt",
      "Aktualności\n\nDzień otwarty w Klubie Seniora\n\nZapraszamy seniorów w piątek o 10:00.\n\n"
      "Zobacz także:\nSprawozdanie z realizacji Gminnego Programu Wspierania Rodziny\n"
      "Ocena zasobów pomocy społecznej 2023\nKontakt\n");
  CHECK_FALSE(has(linked, "programme_report"));
  // A deck whose slide titles are a programme's parts is a deck.
  std::string deck = "Wersja tekstowa prezentacji:\n\nProgram Wspierania Rodziny\nMOPS w Sandomierzu\n1/6\n\n";
  const char* titles[] = {"Diagnoza", "Cel główny", "Działania", "Realizatorzy programu", "Finansowanie"};
  for (int i = 0; i < 5; ++i)
    deck += std::string(titles[i]) + "\n• pierwsza rzecz na slajdzie\n" + std::to_string(i + 2) + "/6\n\n";
  const auto slides = rules().classify("s.txt", deck);
  CHECK(has(slides, "programme_sections"));
  CHECK(slides.type == bdp::PageType::slide_transcript);
}
