// Diacritics stage: Polish written without its diacritics ("osob", "zl", "Spolecznej") is read
// with them restored, word by word, when the dictionary knows exactly one variant; pages with
// diacritics and pages in other languages are left byte for byte.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "bdp/diacritics.h"
#include "bdp/morphology.h"
#include "bdp/reflow.h"
#include "bdp/text.h"
#include "test_util.h"

namespace {

using bdp::SourcePage;

const bdp::DiacriticsRules& rules() {
  static const auto r = [] {
    std::vector<bdp::GrammarError> errors;
    auto rr = bdp::DiacriticsRules::compile(bdp::Grammars::embedded(), errors);
    REQUIRE(errors.empty());
    return rr;
  }();
  return *r;
}

const bdp::Lemmatizer& lemmatizer() {
  static const auto l = [] {
    std::vector<bdp::GrammarError> errors;
    auto ll = bdp::Lemmatizer::create(bdp::Grammars::embedded(), errors);
    REQUIRE(errors.empty());
    return ll;
  }();
  return *l;
}

/// `s` with the Polish letters folded to ASCII, as `unidecode` writes them.
std::string folded(const std::string& s) {
  static const std::pair<const char*, const char*> k_fold[] = {
      {"ą", "a"}, {"ć", "c"}, {"ę", "e"}, {"ł", "l"}, {"ń", "n"}, {"ó", "o"}, {"ś", "s"},
      {"ź", "z"}, {"ż", "z"}, {"Ą", "A"}, {"Ć", "C"}, {"Ę", "E"}, {"Ł", "L"}, {"Ń", "N"},
      {"Ó", "O"}, {"Ś", "S"}, {"Ź", "Z"}, {"Ż", "Z"}};
  std::string out = s;
  for (const auto& [from, to] : k_fold) out = bdp::test::replace_all(out, from, to);
  return out;
}

// Written for these tests (not taken from the sample or probe pages).
const std::string k_page =
    "Gminny Ośrodek Pomocy Społecznej w Łańcucie\n"
    "\n"
    "Program \"Sąsiedzka pomoc\" realizowany był w latach 2021-2023 we współpracy z parafią "
    "i szkołą podstawową. Wolontariusze odwiedzali samotnych seniorów, robili zakupy i "
    "towarzyszyli im w drodze do lekarza.\n"
    "\n"
    "Efekty: z pomocy skorzystało 214 osób starszych, a koszt programu wyniósł 58 400 zł. "
    "Dzięki współpracy z pielęgniarkami środowiskowymi udało się też objąć wsparciem osoby "
    "niepełnosprawne mieszkające w odległych miejscowościach.\n"
    "Kontakt: sekretariat@gops-przyklad.pl, www.gops-przyklad.pl/sasiedzka-pomoc\n";

SourcePage restored_page(const std::string& text, bdp::DiacriticsStats* st = nullptr) {
  SourcePage p = bdp::decode_page("t.txt", text);
  const bdp::DiacriticsStats s = bdp::restore_diacritics(p, rules(), lemmatizer());
  if (st) *st = s;
  return p;
}

}  // namespace

TEST_SUITE("diacritics") {

TEST_CASE("a page written without diacritics gets them back, word by word") {
  if (!lemmatizer().available()) return;  // no pl_PL dictionary: the stage does nothing
  bdp::DiacriticsStats st;
  const SourcePage p = restored_page(folded(k_page), &st);
  CHECK(st.candidate);
  CHECK(st.changed());
  // the words the dictionary knows only with their diacritics
  for (const char* w : {"Ośrodek", "Społecznej", "Łańcucie", "seniorów", "skorzystało", "214 osób",
                        "58 400 zł", "wyniósł", "Dzięki", "współpracy", "się", "też"})
    CHECK_MESSAGE(p.text.find(w) != std::string::npos, w);
  // addresses are left as written
  CHECK(p.text.find("sekretariat@gops-przyklad.pl") != std::string::npos);
  CHECK(p.text.find("www.gops-przyklad.pl/sasiedzka-pomoc") != std::string::npos);
  // one letter for one: the lines and their code points stay
  REQUIRE(p.line_count() == bdp::decode_page("t.txt", folded(k_page)).line_count());
  for (std::size_t i = 0; i < p.line_count(); ++i)
    CHECK(folded(std::string(p.line(i))) == std::string(bdp::decode_page("t.txt", folded(k_page)).line(i)));
  REQUIRE(p.diagnostics.size() == 1);
  CHECK(p.diagnostics[0].code == "source.diacritics_restored");
  CHECK(p.diagnostics[0].severity == bdp::Severity::info);
}

TEST_CASE("a word the dictionary knows as written stays as written") {
  if (!lemmatizer().available()) return;
  // "lat", "ze", "za" are words without diacritics too; "rok" has no variant at all
  const SourcePage p = restored_page(
      folded(k_page) + "Przez 12 lat pracowali ze szkolami za darmo, rok po roku.\n");
  CHECK(p.text.find("Przez 12 lat pracowali ze szkołami za darmo, rok po roku.") !=
        std::string::npos);
}

TEST_CASE("grammar lists decide what the dictionary cannot") {
  if (!lemmatizer().available()) return;
  const SourcePage p = restored_page(
      "Uchwała nr 12/2024 Rady Gminy\n" + folded(k_page) +
      folded("Rada Gminy uchwala, co następuje: wszystkie informacje o programie są jawne.\n"
             "Podmiot udostępniający informację: Urząd Gminy\n"
             "Wiemy, że program działa ze wsparciem gminy.\n"
             "UCHWAŁA WCHODZI W DNIU PODJĘCIA\n"));
  // a capitalised [words] entry: the noun of a heading, the verb of a sentence
  CHECK(p.text.find("Rada Gminy uchwala, co następuje") != std::string::npos);
  CHECK(p.text.find("UCHWAŁA WCHODZI W DNIU") != std::string::npos);
  // [after_comma]: the conjunction after a comma, the preposition elsewhere
  CHECK(p.text.find("Wiemy, że program działa ze wsparciem gminy.") != std::string::npos);
  // [phrases]: the footer's singular; the plural elsewhere stays
  CHECK(p.text.find("Podmiot udostępniający informację: Urząd Gminy") != std::string::npos);
  CHECK(p.text.find("wszystkie informacje o programie są jawne") != std::string::npos);
}

TEST_CASE("after a preposition of the instrumental, -a becomes -ą where the dictionary knows it") {
  if (!lemmatizer().available()) return;
  const SourcePage p = restored_page(
      folded(k_page) +
      folded("Asystent spotyka się z rodziną zastępczą co tydzień, przed szkołą czeka opiekunka.\n"
             "Dzieci wracają z miasta, a nad rzeką jest boisko; taka sytuacja trwa.\n"
             "Rodziny korzystają z zajęć prowadzonych za pomocą nowoczesną metodą pracy.\n"));
  CHECK(p.text.find("z rodziną zastępczą co tydzień") != std::string::npos);
  CHECK(p.text.find("przed szkołą czeka") != std::string::npos);
  CHECK(p.text.find("nad rzeką jest") != std::string::npos);
  // agreement: "pomocą" passes -ą on to the next words ("nowoczesna" is known as written)
  CHECK(p.text.find("za pomocą nowoczesną metodą pracy") != std::string::npos);
  // "miastą" is no word; "taka sytuacja" follows no preposition
  CHECK(p.text.find("z miasta, a") != std::string::npos);
  CHECK(p.text.find("taka sytuacja trwa") != std::string::npos);
}

TEST_CASE("a page with diacritics is left byte for byte") {
  bdp::DiacriticsStats st;
  const SourcePage p = restored_page(k_page, &st);
  CHECK_FALSE(st.candidate);
  CHECK(p.text == bdp::decode_page("t.txt", k_page).text);
  CHECK(p.diagnostics.empty());
}

TEST_CASE("English and German pages without Polish letters are not touched") {
  if (!lemmatizer().available()) return;
  const std::string english =
      "Community Care Centre of the Town\n\n"
      "The neighbourhood help programme ran from 2021 to 2023 together with the parish and the "
      "local primary school. Volunteers visited lonely older people, did their shopping and went "
      "with them to the doctor. As a result 214 older persons were helped and the programme cost "
      "58 400 zloty. Thanks to the cooperation with community nurses, disabled persons living in "
      "remote villages were also supported. Contact the office for details on how to join.\n";
  const std::string german =
      "Sozialamt der Gemeinde\n\n"
      "Das Programm der Nachbarschaftshilfe lief von 2021 bis 2023 zusammen mit der Pfarrei und "
      "der Grundschule. Ehrenamtliche besuchten einsame Senioren, erledigten Einkaeufe und "
      "begleiteten sie zum Arzt. So wurde 214 aelteren Menschen geholfen; das Programm kostete "
      "58 400 Zloty. Dank der Zusammenarbeit mit den Gemeindeschwestern konnten sie auch "
      "Menschen mit Behinderung in entlegenen Doerfern unterstuetzen, wenn sie es wollten.\n";
  for (const std::string& text : {english, german}) {
    bdp::DiacriticsStats st;
    const SourcePage p = restored_page(text, &st);
    CHECK(st.candidate);
    CHECK_FALSE(st.changed());
    CHECK(p.text == bdp::decode_page("t.txt", text).text);
    CHECK(p.diagnostics.empty());
  }
}

TEST_CASE("a few Polish letters in the site's menu do not stop the restoration") {
  if (!lemmatizer().available()) return;
  std::string body;
  for (int k = 0; k < 4; ++k) body += folded(k_page);
  bdp::DiacriticsStats st;
  const SourcePage p = restored_page("Strona główna > Aktualności\n" + body, &st);
  CHECK(st.changed());
  CHECK(p.text.find("214 osób") != std::string::npos);
}

TEST_CASE("the pipeline reads the restored page, and reports the file's lines") {
  if (!lemmatizer().available()) return;
  // indented like a text dump, so that reflow rewrites the page first
  std::string page;
  const std::string text = folded(k_page);
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) page += "    ";
    page.append(text, start, end - start);
    page += '\n';
    start = end + 1;
  }
  const bdp::PageResult r = bdp::test::pipeline().run_bytes("t.txt", page);
  bool persons = false, money = false;
  for (const auto& q : r.quantities) {
    if (q.unit == "osoba" && q.value == 214) {
      persons = true;
      CHECK(q.line == 5);
    }
    if (q.unit == "PLN" && q.value == 58400) money = true;
  }
  CHECK(persons);
  CHECK(money);
  bool said = false;
  for (const auto& d : r.diagnostics) said = said || d.code == "source.diacritics_restored";
  CHECK(said);
  CHECK(r.text.find("Wolontariusze odwiedzali samotnych seniorów") != std::string::npos);
}

TEST_CASE("a wrapped page: the record's lines are the file's, after reflow and restoration") {
  if (!lemmatizer().available()) return;
  // the paragraphs of the page wrapped at 60 code points, as a text dump does
  std::string file;
  std::size_t start = 0;
  const std::string text = folded(k_page);
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string cur;
    for (std::string_view w : bdp::split_words(std::string_view(text).substr(start, end - start))) {
      if (!cur.empty() && cur.size() + 1 + w.size() > 60) {
        file += cur + "\n";
        cur.clear();
      }
      if (!cur.empty()) cur += ' ';
      cur += w;
    }
    file += cur + "\n";
    start = end + 1;
  }
  SourcePage p = bdp::decode_page("t.txt", file);
  static const auto reflow = [] {
    std::vector<bdp::GrammarError> errors;
    return bdp::ReflowRules::compile(bdp::Grammars::embedded(), errors);
  }();
  REQUIRE(bdp::reflow_page(p, *reflow).joined > 0);
  REQUIRE(bdp::restore_diacritics(p, rules(), lemmatizer()).changed());
  const SourcePage file_page = bdp::decode_page("t.txt", file);
  // every word of the restored page maps to the file's line that holds it
  int checked = 0;
  for (std::size_t i = 0; i < p.line_count(); ++i) {
    const std::string_view line = p.line(i);
    for (std::string_view w : bdp::split_words(line)) {
      const auto byte = static_cast<std::size_t>(w.data() - line.data());
      const int at = bdp::file_line(p, static_cast<int>(i) + 1, byte);
      REQUIRE(at >= 1);
      REQUIRE(static_cast<std::size_t>(at) <= file_page.line_count());
      CHECK_MESSAGE(file_page.line(at - 1).find(folded(std::string(w))) != std::string_view::npos,
                    std::string(w));
      ++checked;
    }
  }
  CHECK(checked > 50);
}

TEST_CASE("diacritics.grammar: bad entries are reported") {
  const auto dir = std::filesystem::temp_directory_path() / "bdp_diacritics_grammar_test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "diacritics.grammar")
      << "[settings]\nmax_marked_share = 2\nno_such = 1\n[letters]\nab = ą\nq = x\n"
         "[words]\nzl = zlo\n";
  std::vector<bdp::GrammarError> errors;
  const auto g = bdp::Grammars::with_overrides(dir, errors);
  std::filesystem::remove_all(dir);
  REQUIRE(errors.empty());
  CHECK(bdp::DiacriticsRules::compile(g, errors) == nullptr);
  CHECK(errors.size() == 5);
}

}  // TEST_SUITE
