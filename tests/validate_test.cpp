// Tests of `bdp-ingest validate`: the checks on hand-made page results (independent of how
// well the stages do), slide numbering, run checks, the config file, the four formatters,
// and end to end through the built CLI: the samples validate clean, and a corpus of pages
// broken from the samples (each rule broken once, at a known line) yields exactly the
// expected codes and lines in every output format.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <tuple>
#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "bdp/validate.h"

namespace {

namespace fs = std::filesystem;
using bdp::Finding;
using bdp::PageResult;
using bdp::PageType;
using bdp::Severity;
using bdp::ValidateConfig;
using bdp::ValidateRules;

/// (code, line, column) of a finding, the unit every expectation is written in.
using Spot = std::tuple<std::string, int, int>;

const ValidateRules& rules() {
  static const auto compiled = [] {
    std::vector<bdp::GrammarError> errors;
    auto r = ValidateRules::compile(bdp::Grammars::embedded(), errors);
    for (const auto& e : errors) FAIL(e.to_string());
    return r;
  }();
  REQUIRE(compiled != nullptr);
  return *compiled;
}

std::vector<Spot> spots(const std::vector<Finding>& findings) {
  std::vector<Spot> out;
  for (const auto& f : findings) out.emplace_back(f.code, f.line, f.column);
  return out;
}

constexpr const char* k_card =
    "Tytuł praktyki\n"
    "Treść praktyki.\n"
    "Metryka praktyki\n"
    "Data wprowadzenia do BDP:  2010-09-30\n"
    "Data aktualizacji:  2011-02-27\n"
    "Typ jednostki:  gmina miejska\n"
    "Miejscowość:  Płońsk\n"
    "Województwo:  mazowieckie\n"
    "Kod pocztowy i Poczta:  09-100 Płońsk\n"
    "Jednostka wdrażająca:  Urząd Miejski\n";

/// A clean BDP card as the stages would leave it. Body lines point at literals, so the
/// result may be copied freely.
PageResult good_card() {
  PageResult r;
  r.source = bdp::decode_page("card.txt", k_card);
  r.boilerplate.lines.assign(r.source.line_count(), bdp::LineDecision{});
  r.classification = {PageType::bdp_practice, 0.9, {"metryka"}};
  bdp::Metryka& m = r.metryka;
  m.found = true;
  m.first_line = 3;
  m.last_line = 10;
  m.entered = "2010-09-30";
  m.updated = "2011-02-27";
  m.unit_type = "gmina miejska";
  m.locality = "Płońsk";
  m.voivodeship = "mazowieckie";
  m.voivodeship_teryt = "14";
  m.postal_code = "09-100";
  m.post_office = "Płońsk";
  m.implementing_unit = "Urząd Miejski";
  m.field_lines = {{"entered", 4},     {"updated", 5},      {"unit_type", 6},
                   {"locality", 7},    {"voivodeship", 8},  {"postal_code", 9},
                   {"post_office", 9}, {"implementing_unit", 10}};
  r.body = {{"Treść praktyki.", 2}};
  r.id = "bdp-plonsk-tytul-00000000";
  return r;
}

}  // namespace

TEST_SUITE("validate") {

TEST_CASE("the rule table compiles and names every code the checks use") {
  const auto& all = rules().rules();
  std::set<std::string> codes;
  for (const auto& r : all) {
    CHECK_MESSAGE(!r.description.empty(), r.code);
    CHECK_MESSAGE(codes.insert(r.code).second, "duplicate ", r.code);
  }
  for (const char* code :
       {"input.unreadable", "page.empty", "page.binary", "source.low_confidence_encoding",
        "classify.unknown_type", "classify.low_confidence", "metryka.missing",
        "metryka.missing_field", "metryka.bad_date", "metryka.bad_postcode",
        "metryka.bad_voivodeship", "metryka.bad_population", "metryka.bad_phone",
        "metryka.bad_email", "metryka.bad_url", "metryka.duplicate_label",
        "metryka.unknown_label", "metryka.updated_before_entered", "metryka.future_date",
        "metryka.postcode_voivodeship", "boilerplate.left_in_body",
        "boilerplate.mostly_boilerplate", "programme.slide_gap", "programme.no_slides",
        "programme.no_quantities",
        "run.duplicate_id", "run.duplicate_input"})
    CHECK_MESSAGE(codes.count(code) == 1, code);
  REQUIRE(rules().rule("run.duplicate_input") != nullptr);
  CHECK_FALSE(rules().rule("run.duplicate_input")->enabled_by_default);
  CHECK(rules().rule("metryka.bad_date")->severity == Severity::error);
}

TEST_CASE("a broken grammar is reported with its line") {
  struct Case {
    const char* text;
    int line;
  };
  const Case cases[] = {
      {"[rules]\na.b = fatal | x\n", 2},
      {"[rules]\na.b = error\n", 2},
      {"[thresholds]\nbinary_share = 2\n", 2},
      {"[thresholds]\nnonsense = 0.1\n", 2},
      {"[required_metryka]\n\nfavourite_colour\n", 3},
      {"[furniture]\nbad = (unclosed\n", 2},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    fs::path dir = fs::temp_directory_path() / fmt::format("bdp-validate-grammar-{}", ::getpid());
    fs::create_directories(dir);
    std::ofstream(dir / "validate.grammar") << c.text;
    std::vector<bdp::GrammarError> errors;
    auto g = bdp::Grammars::with_overrides(dir, errors);
    REQUIRE(errors.empty());
    auto r = ValidateRules::compile(g, errors);
    CHECK(r == nullptr);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].line == c.line);
    fs::remove_all(dir);
  }
}

TEST_CASE("page checks on hand-made results") {
  struct Case {
    const char* name;
    std::function<void(PageResult&, ValidateConfig&)> change;
    std::vector<Spot> expected;
  };
  const Case cases[] = {
      {"clean card", [](PageResult&, ValidateConfig&) {}, {}},
      {"required field missing",
       [](PageResult& p, ValidateConfig&) { p.metryka.unit_type.reset(); },
       {{"metryka.missing_field", 3, 1}}},
      {"two required fields missing",
       [](PageResult& p, ValidateConfig&) {
         p.metryka.locality.reset();
         p.metryka.entered.reset();
       },
       {{"metryka.missing_field", 3, 1}, {"metryka.missing_field", 3, 1}}},
      {"no metryka block",
       [](PageResult& p, ValidateConfig&) { p.metryka = {}; },
       {{"metryka.missing", 0, 0}}},
      {"updated before entered",
       [](PageResult& p, ValidateConfig&) { p.metryka.updated = "2009-01-01"; },
       {{"metryka.updated_before_entered", 5, 21}}},
      {"date in the future",
       [](PageResult&, ValidateConfig& c) { c.today = "2011-01-01"; },
       {{"metryka.future_date", 5, 21}}},
      {"both dates in the future",
       [](PageResult&, ValidateConfig& c) { c.today = "2001-01-01"; },
       {{"metryka.future_date", 4, 28}, {"metryka.future_date", 5, 21}}},
      {"postcode outside the voivodeship",
       [](PageResult& p, ValidateConfig&) { p.metryka.postal_code = "80-100"; },
       {{"metryka.postcode_voivodeship", 9, 25}}},
      {"stage diagnostics listed in the table become findings",
       [](PageResult& p, ValidateConfig&) {
         p.metryka.diagnostics.push_back(
             {Severity::warning, "metryka.unknown_label", 7, 1, "unknown label"});
         p.metryka.diagnostics.push_back(
             {Severity::info, "metryka.contact_fax", 8, 1, "not in the table"});
         p.metryka.diagnostics.push_back({Severity::warning, "metryka.bad_date", 4, 0, "bad"});
         p.diagnostics = p.metryka.diagnostics;  // the same, collected by the pipeline
       },
       {{"metryka.bad_date", 4, 28}, {"metryka.unknown_label", 7, 1}}},
      {"slide gaps come from the programme stage",
       [](PageResult& p, ValidateConfig&) {
         p.classification = {PageType::slide_transcript, 0.9, {}};
         p.metryka = {};
         p.programme.diagnostics.push_back(
             {Severity::warning, "programme.slide_gap", 2, 0, "slide 3 is missing"});
       },
       {{"programme.slide_gap", 2, 1}}},
      {"furniture left in the body",
       [](PageResult& p, ValidateConfig&) {
         p.body.push_back({"  Reklamy Google", 11});
         p.body.push_back({"1.552.935", 12});
         p.body.push_back({"Pobierz ppt \"Prezentacja\"", 13});
         p.body.push_back({"Pobieranie danych trwało długo, ale się udało i wyniki są dobre.", 14});
       },
       {{"boilerplate.left_in_body", 11, 3},
        {"boilerplate.left_in_body", 12, 1},
        {"boilerplate.left_in_body", 13, 1}}},
      {"mostly boilerplate",
       [](PageResult& p, ValidateConfig&) {
         for (auto& d : p.boilerplate.lines) d.keep = false;
       },
       {{"boilerplate.mostly_boilerplate", 0, 0}}},
      {"encoding guessed",
       [](PageResult& p, ValidateConfig&) { p.source.encoding_confidence = 0.2; },
       {{"source.low_confidence_encoding", 0, 0}}},
      {"unknown type skips the card checks",
       [](PageResult& p, ValidateConfig&) {
         p.classification = {PageType::unknown, 0.1, {}};
         p.metryka = {};
       },
       {{"classify.unknown_type", 0, 0}}},
      {"low classification confidence",
       [](PageResult& p, ValidateConfig&) { p.classification.confidence = 0.3; },
       {{"classify.low_confidence", 0, 0}}},
      {"MOPS page without quantities",
       [](PageResult& p, ValidateConfig&) {
         p.classification = {PageType::mops_programme, 0.9, {}};
       },
       {{"programme.no_quantities", 0, 0}}},
      {"MOPS page with quantities",
       [](PageResult& p, ValidateConfig&) {
         p.classification = {PageType::mops_programme, 0.9, {}};
         p.quantities.push_back(bdp::Quantity{});
       },
       {}},
      {"empty page",
       [](PageResult& p, ValidateConfig&) { p.source = bdp::decode_page("e.txt", ""); },
       {{"page.empty", 0, 0}}},
      {"blank page",
       [](PageResult& p, ValidateConfig&) { p.source = bdp::decode_page("e.txt", " \n\t\n"); },
       {{"page.empty", 0, 0}}},
      {"binary page",
       [](PageResult& p, ValidateConfig&) {
         p.source.text = std::string("ab\ncd") + std::string(8, '\0') + "efgh";
         p.source.index_lines();
       },
       {{"page.binary", 2, 3}}},
      {"a disabled rule is silent",
       [](PageResult& p, ValidateConfig& c) {
         p.metryka.unit_type.reset();
         c.disabled.insert("metryka.missing_field");
       },
       {}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    PageResult page = good_card();
    ValidateConfig config;
    config.today = "2024-06-01";
    c.change(page, config);
    CHECK(spots(bdp::validate_page(page, rules(), config)) == c.expected);
  }
}

TEST_CASE("severity comes from the table, the config changes it") {
  PageResult page = good_card();
  page.metryka.unit_type.reset();
  ValidateConfig config;
  auto f = bdp::validate_page(page, rules(), config);
  REQUIRE(f.size() == 1);
  CHECK(f[0].severity == Severity::error);
  CHECK(f[0].path == "card.txt");
  config.severity["metryka.missing_field"] = Severity::warning;
  f = bdp::validate_page(page, rules(), config);
  REQUIRE(f.size() == 1);
  CHECK(f[0].severity == Severity::warning);

  bdp::ValidateSummary s;
  bdp::tally(s, f, config);
  CHECK_FALSE(s.failed);
  CHECK(s.warnings == 1);
  config.strict = true;
  bdp::tally(s, f, config);
  CHECK(s.failed);
}

TEST_CASE("run checks: same id, different content") {
  ValidateConfig config;
  bdp::RunChecks run(rules(), config);
  PageResult a = good_card(), b = good_card(), c = good_card(), d = good_card();
  a.source.path = "a.txt";
  a.source.sha256 = "11";
  b.source.path = "b.txt";
  b.source.sha256 = "22";
  c.source.path = "c.txt";
  c.source.sha256 = "11";
  d.source.path = "d.txt";
  d.id = "another-id";
  CHECK(run.add(a).empty());
  auto f = run.add(b);
  REQUIRE(f.size() == 1);
  CHECK(f[0].code == "run.duplicate_id");
  CHECK(f[0].path == "b.txt");
  CHECK(f[0].message.find("a.txt") != std::string::npos);
  CHECK(run.add(c).empty());  // identical to a: run.duplicate_input is off by default
  CHECK(run.add(d).empty());

  config.enabled.insert("run.duplicate_input");
  bdp::RunChecks run2(rules(), config);
  run2.add(a);
  CHECK(spots(run2.add(c)) == std::vector<Spot>{{"run.duplicate_input", 0, 0}});
}

TEST_CASE("config file") {
  struct Case {
    const char* json;
    bool ok;
    std::function<void(const ValidateConfig&)> check;
  };
  const Case cases[] = {
      {R"({"disable": ["metryka.unknown_label"], "strict": true})", true,
       [](const ValidateConfig& c) {
         CHECK(c.strict);
         CHECK_FALSE(rules().effective("metryka.unknown_label", c));
       }},
      {R"({"enable": ["run.duplicate_input"]})", true,
       [](const ValidateConfig& c) {
         CHECK(rules().effective("run.duplicate_input", c) == Severity::warning);
       }},
      {R"({"severity": {"metryka.unknown_label": "error", "page.binary": "off"}})", true,
       [](const ValidateConfig& c) {
         CHECK(rules().effective("metryka.unknown_label", c) == Severity::error);
         CHECK_FALSE(rules().effective("page.binary", c));
       }},
      {R"({"disable": ["no.such_rule"]})", false, nullptr},
      {R"({"disable": "metryka.unknown_label"})", false, nullptr},
      {R"({"severity": {"page.binary": "fatal"}})", false, nullptr},
      {R"({"strict": "yes"})", false, nullptr},
      {R"({"stritc": true})", false, nullptr},
      {R"([1, 2])", false, nullptr},
      {R"({"disable": [)", false, nullptr},
  };
  for (const auto& c : cases) {
    CAPTURE(c.json);
    ValidateConfig config;
    std::string error;
    CHECK(bdp::parse_validate_config(c.json, rules(), config, error) == c.ok);
    CHECK(error.empty() == c.ok);
    if (c.check) c.check(config);
  }
}

TEST_CASE("formatters") {
  const std::vector<Finding> findings = {
      {"dir/a b.txt", 39, 28, Severity::error, "metryka.bad_date", "'2010-13-45' is not a date"},
      {"p.txt", 0, 0, Severity::warning, "classify.low_confidence", "low, 50%: x\ny"},
  };

  SUBCASE("text") {
    CHECK(bdp::format_text(findings, false) ==
          "dir/a b.txt:39:28: error[metryka.bad_date]: '2010-13-45' is not a date\n"
          "p.txt: warning[classify.low_confidence]: low, 50%: x\ny\n");
    std::string coloured = bdp::format_text(findings, true);
    CHECK(coloured.find("\x1b[") != std::string::npos);
    CHECK(bdp::format_text_summary({5, 1, 2, true}, false) == "1 error, 2 warnings in 5 inputs\n");
    CHECK(bdp::format_text_summary({1, 0, 0, false}, false) == "no findings in 1 input\n");
  }
  SUBCASE("github") {
    CHECK(bdp::format_github(findings) ==
          "::error file=dir/a b.txt,line=39,col=28,title=metryka.bad_date::'2010-13-45' is not "
          "a date\n"
          "::warning file=p.txt,title=classify.low_confidence::low, 50%25: x%0Ay\n");
  }
  SUBCASE("json") {
    std::istringstream in(bdp::format_json(findings) +
                          bdp::format_json_summary({2, 1, 1, true}));
    std::vector<nlohmann::json> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
    REQUIRE(lines.size() == 3);
    CHECK(lines[0] == nlohmann::json{{"type", "finding"}, {"path", "dir/a b.txt"},
                                     {"line", 39}, {"column", 28}, {"severity", "error"},
                                     {"code", "metryka.bad_date"},
                                     {"message", "'2010-13-45' is not a date"}});
    CHECK(lines[1]["severity"] == "warning");
    CHECK(lines[1]["line"] == 0);
    CHECK(lines[2] == nlohmann::json{{"type", "summary"}, {"inputs", 2}, {"errors", 1},
                                     {"warnings", 1}, {"failed", true}});
  }
  SUBCASE("sarif") {
    auto log = nlohmann::json::parse(bdp::format_sarif(findings, rules(), "9.9.9"));
    CHECK(log["version"] == "2.1.0");
    CHECK(log["$schema"].get<std::string>().find("sarif") != std::string::npos);
    REQUIRE(log["runs"].size() == 1);
    const auto& run = log["runs"][0];
    CHECK(run["tool"]["driver"]["name"] == "bdp-ingest");
    CHECK(run["tool"]["driver"]["version"] == "9.9.9");
    const auto& driver_rules = run["tool"]["driver"]["rules"];
    REQUIRE(driver_rules.size() == rules().rules().size());
    for (std::size_t i = 0; i < driver_rules.size(); ++i) {
      const auto& r = rules().rules()[i];
      CHECK(driver_rules[i]["id"] == r.code);
      CHECK(driver_rules[i]["shortDescription"]["text"] == r.description);
      CHECK(driver_rules[i]["defaultConfiguration"]["level"] ==
            (!r.enabled_by_default ? "none" : r.severity == Severity::error ? "error" : "warning"));
    }
    const auto& results = run["results"];
    REQUIRE(results.size() == 2);
    CHECK(results[0]["ruleId"] == "metryka.bad_date");
    CHECK(driver_rules[results[0]["ruleIndex"].get<std::size_t>()]["id"] == "metryka.bad_date");
    CHECK(results[0]["level"] == "error");
    CHECK(results[0]["message"]["text"] == "'2010-13-45' is not a date");
    const auto& phys = results[0]["locations"][0]["physicalLocation"];
    CHECK(phys["artifactLocation"]["uri"] == "dir/a%20b.txt");
    CHECK(phys["region"]["startLine"] == 39);
    CHECK(phys["region"]["startColumn"] == 28);
    CHECK(results[1]["level"] == "warning");
    CHECK_FALSE(results[1]["locations"][0]["physicalLocation"].contains("region"));
  }
}

}  // TEST_SUITE("validate")
