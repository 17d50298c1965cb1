// Grammar files: parsing, errors, the embedded set, and the pattern rewriting every stage
// applies before compiling a rule.
#include <doctest/doctest.h>

#include <re2/re2.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "bdp/grammar.h"

TEST_SUITE("grammar") {

TEST_CASE("grammar files parse into sections and entries with lines") {
  std::vector<bdp::GrammarError> errors;
  auto f = bdp::parse_grammar("t.grammar", "t.grammar",
                              "# comment\n[one]\nkey = value\nbare line\n\n[two]\n x = y = z \n[one]\nmore\n",
                              errors);
  CHECK(errors.empty());
  const auto* one = f.section("one");
  REQUIRE(one);
  REQUIRE(one->entries.size() == 3);
  CHECK(one->entries[0].key == "key");
  CHECK(one->entries[0].value == "value");
  CHECK(one->entries[0].line == 3);
  CHECK(one->entries[1].key == "bare line");
  CHECK(one->entries[1].value.empty());
  CHECK(one->entries[2].key == "more");
  const auto* two = f.section("two");
  REQUIRE(two);
  CHECK(two->entries[0].key == "x");
  CHECK(two->entries[0].value == "y = z");
}

TEST_CASE("malformed grammar lines are errors naming file and line") {
  std::vector<bdp::GrammarError> errors;
  bdp::parse_grammar("bad.grammar", "grammars/bad.grammar", "[ok]\n[broken\n = no key\n", errors);
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].to_string().starts_with("grammars/bad.grammar:2: "));
  CHECK(errors[1].line == 3);
}

TEST_CASE("every embedded grammar file parses without an error") {
  // Grammars::embedded() drops parse errors (the files are fixed at build time): this is where
  // a broken line in grammars/ (a section header inside a comment) fails the build's tests.
  for (const char* name : {"boilerplate.grammar", "classify.grammar", "diacritics.grammar",
                           "layout.grammar", "metryka.grammar", "morphology.grammar",
                           "programme.grammar", "quantities.grammar", "reflow.grammar",
                           "validate.grammar", "voivodeships.grammar"}) {
    CAPTURE(name);
    const std::string_view data = bdp::embedded_resource(name);
    REQUIRE_FALSE(data.empty());
    std::vector<bdp::GrammarError> errors;
    bdp::parse_grammar(name, name, data, errors);
    for (const auto& e : errors) FAIL_CHECK(e.to_string());
    CHECK(errors.empty());
  }
  // and the list above names every embedded grammar
  CHECK(bdp::Grammars::embedded().files().size() == 11);
}

TEST_CASE("an override directory: known files replace embedded ones; unknown names and sections are errors") {
  auto dir = std::filesystem::temp_directory_path() / "bdp_grammar_override_test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "layout.grammar") << "[thresholds]\nmax_words = 12\n[headnig]\nx = y\n";
  std::ofstream(dir / "layot.grammar") << "[thresholds]\n";
  std::vector<bdp::GrammarError> errors;
  auto g = bdp::Grammars::with_overrides(dir, errors);
  std::filesystem::remove_all(dir);
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].origin.ends_with("layot.grammar"));
  CHECK(errors[0].message.starts_with("no grammar of this name"));
  CHECK(errors[1].line == 3);
  CHECK(errors[1].message.starts_with("unknown section [headnig]"));
  CHECK(g.origin("layout.grammar").ends_with("bdp_grammar_override_test/layout.grammar"));
  CHECK(g.origin("classify.grammar") == "embedded:classify.grammar");
  REQUIRE(g.entries("layout.grammar", "thresholds").size() == 1);
  CHECK(g.file("layot.grammar") == nullptr);
}

TEST_CASE("embedded grammars are all present and parse cleanly") {
  auto g = bdp::Grammars::embedded();
  CHECK(g.file("morphology.grammar") != nullptr);
  CHECK(g.files().size() >= 5);
  CHECK(!bdp::embedded_resource("record.schema.json").empty());
}

TEST_CASE("narrowed letter classes match like \\pL on Latin, Greek and Cyrillic text") {
  const char* patterns[] = {
      R"(\pL+)",           R"((?i)\p{Lu}\pL+)",    R"([\pL ]+)",      R"([^\pL]+)",
      R"(\p{Lu}\p{Ll}+)", R"([]\pL]+)",            R"([[:digit:]\pL]+)", R"(\pN+ \p{L}+)",
      R"(\\pL)",          R"([\[\pL\]]+)",
  };
  const char* inputs[] = {
      "Zażółć",  "gęślą jaźń", "ŁÓDŹ",   "Київ",  "Αθήνα", "ÀÉÎÕÜ ß", "123 zł", "]abc",
      "[Kraków]", "\\pL",      "x-y",    " ",     "½ kg",  "2² m",     "Ǆemal",  "ẞ",
  };
  for (const char* p : patterns) {
    CAPTURE(p);
    RE2 wide(p), narrow(bdp::narrow_unicode_classes(p));
    REQUIRE(wide.ok());
    REQUIRE(narrow.ok());
    for (const char* in : inputs) {
      CAPTURE(in);
      CHECK(RE2::FullMatch(in, wide) == RE2::FullMatch(in, narrow));
    }
  }
  // The documented difference: letters outside those scripts are not letters for the rules.
  CHECK(RE2::FullMatch("漢字", RE2(R"(\pL+)")));
  CHECK_FALSE(RE2::FullMatch("漢字", RE2(bdp::narrow_unicode_classes(R"(\pL+)"))));
  // Escapes other than the classes, and class syntax, pass through untouched.
  CHECK(bdp::narrow_unicode_classes(R"(\\pL \d+ [^a-z] \pZ)") == R"(\\pL \d+ [^a-z] \pZ)");
}

}  // TEST_SUITE
