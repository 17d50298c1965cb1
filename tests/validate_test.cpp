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
#include <re2/re2.h>

#include "bdp/source.h"
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
  r.layout.title = "Tytuł praktyki";
  r.layout.title_line = 1;
  r.id = "bdp-plonsk-tytul-00000000";
  return r;
}


/// The text of the sample whose file name starts with `prefix`, as lines.
std::vector<std::string> sample_lines(std::string_view prefix) {
  for (const auto& e : fs::directory_iterator(fs::path(BDP_SOURCE_DIR) / "samples")) {
    std::string name = e.path().filename().string();
    if (name.starts_with(prefix) && name.ends_with(".txt")) {
      std::ifstream in(e.path(), std::ios::binary);
      std::vector<std::string> lines;
      for (std::string line; std::getline(in, line);) lines.push_back(line);
      return lines;
    }
  }
  FAIL("no sample ", prefix);
  return {};
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

/// `lines` with `from` replaced by `to` on 1-based line `n` (which must contain it).
std::vector<std::string> replace_on(std::vector<std::string> lines, int n, std::string_view from,
                                    std::string_view to) {
  std::string& l = lines.at(static_cast<std::size_t>(n - 1));
  std::size_t at = l.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, "line ", n, " has no '", from, "'");
  l.replace(at, from.size(), to);
  return lines;
}

/// A scratch directory removed at the end of the test.
struct TempDir {
  fs::path path;
  explicit TempDir(std::string_view tag)
      : path(fs::temp_directory_path() / fmt::format("bdp-validate-{}-{}", tag, ::getpid())) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  fs::path write(const std::string& name, std::string_view bytes) const {
    std::ofstream(path / name, std::ios::binary) << bytes;
    return path / name;
  }
};

struct CliRun {
  int status = -1;
  std::string out;
};

/// Runs the built bdp-ingest with `args` (shell words) in `cwd`; stderr is dropped.
CliRun run_cli(const std::string& args, const fs::path& cwd) {
  std::string cmd = fmt::format("cd '{}' && '{}' {} 2>/dev/null", cwd.string(), BDP_BINARY, args);
  CliRun r;
  FILE* p = ::popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) r.out.append(buf, n);
  int st = ::pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

/// (file name, code, line, column) of one finding as printed; file names only, so every
/// format can be compared with every other.
using Printed = std::tuple<std::string, std::string, int, int>;

std::multiset<Printed> parse_json_findings(const std::string& out, nlohmann::json& summary) {
  std::multiset<Printed> got;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    auto j = nlohmann::json::parse(line);
    if (j["type"] == "summary") {
      summary = j;
      continue;
    }
    REQUIRE(j["type"] == "finding");
    got.emplace(fs::path(j["path"].get<std::string>()).filename().string(), j["code"],
                j["line"].get<int>(), j["column"].get<int>());
  }
  return got;
}

std::multiset<Printed> parse_text_findings(const std::string& out, std::string& summary) {
  static const RE2 finding(R"((.*?)(?::(\d+):(\d+))?: (?:error|warning)\[([a-z_.]+)\]: .*)");
  std::multiset<Printed> got;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    std::string path, code, l, c;
    if (RE2::FullMatch(line, finding, &path, &l, &c, &code))
      got.emplace(fs::path(path).filename().string(), code, l.empty() ? 0 : std::stoi(l),
                  c.empty() ? 0 : std::stoi(c));
    else
      summary = line;
  }
  return got;
}

std::multiset<Printed> parse_github_findings(const std::string& out) {
  static const RE2 command(R"(::(?:error|warning) file=([^,]*)(?:,line=(\d+),col=(\d+))?,)"
                           R"(title=([a-z_.]+)::.+)");
  std::multiset<Printed> got;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    std::string path, code, l, c;
    CHECK_MESSAGE(RE2::FullMatch(line, command, &path, &l, &c, &code), line);
    got.emplace(fs::path(path).filename().string(), code, l.empty() ? 0 : std::stoi(l),
                  c.empty() ? 0 : std::stoi(c));
  }
  return got;
}

std::multiset<Printed> parse_sarif_findings(const std::string& out) {
  auto log = nlohmann::json::parse(out);
  REQUIRE(log["version"] == "2.1.0");
  const auto& run = log["runs"].at(0);
  std::set<std::string> rule_ids;
  for (const auto& r : run["tool"]["driver"]["rules"]) rule_ids.insert(r["id"]);
  std::multiset<Printed> got;
  for (const auto& res : run["results"]) {
    CHECK(rule_ids.count(res["ruleId"]) == 1);
    CHECK(!res["message"]["text"].get<std::string>().empty());
    const auto& phys = res["locations"].at(0)["physicalLocation"];
    std::string uri = phys["artifactLocation"]["uri"];
    CHECK(uri.starts_with("file:///"));
    int line = phys.contains("region") ? phys["region"]["startLine"].get<int>() : 0;
    int col = phys.contains("region") ? phys["region"]["startColumn"].get<int>() : 0;
    got.emplace(fs::path(uri).filename().string(), res["ruleId"], line, col);
  }
  return got;
}

/// One page broken from a sample, and the findings (code, line) it must yield.
struct Broken {
  std::string name;
  std::string bytes;
  std::vector<std::pair<std::string, int>> expected;
};

std::vector<Broken> broken_corpus() {
  const auto card = sample_lines("000_");
  const auto deck = sample_lines("004_");
  const auto mops = sample_lines("003_");
  auto with = [](std::vector<std::string> lines, int before, std::string line) {
    lines.insert(lines.begin() + before - 1, std::move(line));
    return lines;
  };
  auto without = [](std::vector<std::string> lines, int n) {
    lines.erase(lines.begin() + n - 1);
    return lines;
  };
  std::vector<std::string> mops_no_numbers = mops;
  for (auto& l : mops_no_numbers) RE2::GlobalReplace(&l, R"(\d+ ?)", "");
  std::string binary = "PK\x03\x04";
  for (int i = 0; i < 128; ++i) binary += static_cast<char>(i % 64);
  return {
      {"bad_date.txt", join_lines(replace_on(card, 39, "2010-09-30", "2010-13-45")),
       {{"metryka.missing_field", 38}, {"metryka.bad_date", 39}}},
      {"no_unit_type.txt", join_lines(without(card, 42)), {{"metryka.missing_field", 38}}},
      {"postcode.txt", join_lines(replace_on(card, 45, "09-100", "80-100")),
       {{"metryka.postcode_voivodeship", 45}}},
      {"updated_early.txt", join_lines(replace_on(card, 40, "2011-02-27", "2009-02-27")),
       {{"metryka.updated_before_entered", 40}}},
      {"future.txt", join_lines(replace_on(card, 40, "2011-02-27", "2030-02-27")),
       {{"metryka.future_date", 40}}},
      {"duplicate_label.txt", join_lines(with(card, 44, "Miejscowość:  Warszawa")),
       {{"metryka.duplicate_label", 44}}},
      {"unknown_label.txt", join_lines(with(card, 48, "Ulubiony kolor:  zielony")),
       {{"metryka.unknown_label", 48}}},
      {"truncated.txt", join_lines(std::vector<std::string>(card.begin(), card.begin() + 24)),
       {{"classify.unknown_type", 0}, {"boilerplate.mostly_boilerplate", 0}}},
      {"slide.txt", join_lines(replace_on(deck, 23, "5 ", "7 ")), {{"programme.slide_gap", 23}}},
      {"mops_no_numbers.txt", join_lines(mops_no_numbers), {{"programme.no_quantities", 0}}},
      {"empty.txt", "", {{"page.empty", 0}}},
      {"binary.txt", binary, {{"page.binary", 1}}},
  };
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
        "programme.no_quantities", "layout.no_title", "layout.no_section",
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
      // "Jednostka wdrażająca" is left out by newer card layouts: not required
      {"implementing unit missing",
       [](PageResult& p, ValidateConfig&) { p.metryka.implementing_unit.reset(); },
       {}},
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
  const std::vector<std::string> paths = {"a.txt", "b.txt", "c.txt", "d.txt", "u.txt"};
  auto path_of = [&](std::size_t i) { return paths.at(i); };
  bdp::RunChecks run(rules(), config, path_of);
  PageResult a = good_card(), b = good_card(), c = good_card(), d = good_card();
  a.source.path = "a.txt";
  a.source.sha256 = "11";
  b.source.path = "b.txt";
  b.source.sha256 = "22";
  c.source.path = "c.txt";
  c.source.sha256 = "11";
  d.source.path = "d.txt";
  d.id = "another-id";
  PageResult untitled = good_card();
  untitled.layout.title.clear();
  untitled.source.sha256 = "33";
  CHECK(run.add(a, 0).empty());
  auto f = run.add(b, 1);
  REQUIRE(f.size() == 1);
  CHECK(f[0].code == "run.duplicate_id");
  CHECK(f[0].path == "b.txt");
  CHECK(f[0].message.find("a.txt") != std::string::npos);
  CHECK(run.add(c, 2).empty());  // identical to a: run.duplicate_input is off by default
  CHECK(run.add(d, 3).empty());
  CHECK(run.add(untitled, 4).empty());

  config.enabled.insert("run.duplicate_input");
  bdp::RunChecks run2(rules(), config, path_of);
  run2.add(a, 0);
  auto g = run2.add(c, 2);
  CHECK(spots(g) == std::vector<Spot>{{"run.duplicate_input", 0, 0}});
  REQUIRE(g.size() == 1);
  CHECK(g[0].message.find("a.txt") != std::string::npos);
}

TEST_CASE("run checks: the table across growth") {
  // Thousands of distinct ids, each seen twice: every second sighting is found however
  // often the table has been rehashed in between, and no first sighting is.
  ValidateConfig config;
  config.enabled.insert("run.duplicate_input");
  bdp::RunChecks run(rules(), config, [](std::size_t i) { return fmt::format("p{}.txt", i); });
  const std::size_t n = 5000;
  std::size_t first_findings = 0, second_findings = 0, same = 0;
  for (int round = 0; round < 2; ++round)
    for (std::size_t i = 0; i < n; ++i) {
      PageResult p = good_card();
      p.id = fmt::format("id-{}", i);
      // The second sighting keeps the content of even ids and changes odd ones.
      p.source.sha256 =
          bdp::sha256_hex(fmt::format("page {}", round == 1 && i % 2 == 1 ? i + n : i));
      p.source.path = fmt::format("r{}-{}.txt", round, i);
      auto f = run.add(p, round * n + i);
      (round == 0 ? first_findings : second_findings) += f.size();
      for (const auto& x : f) {
        same += x.code == "run.duplicate_input";
        CHECK(x.message.find(fmt::format("p{}.txt", i)) != std::string::npos);
      }
    }
  CHECK(first_findings == 0);
  CHECK(second_findings == n);
  CHECK(same == n / 2);
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


TEST_CASE("CLI: the samples validate clean") {
  TempDir dir("samples");
  auto r = run_cli(fmt::format("validate --format json '{}/samples'", BDP_SOURCE_DIR), dir.path);
  nlohmann::json summary;
  CHECK(parse_json_findings(r.out, summary).empty());
  CHECK(summary["inputs"] == 5);
  CHECK(summary["failed"] == false);
  CHECK(r.status == 0);
}

TEST_CASE("CLI: a corpus of broken pages, in all four formats") {
  TempDir dir("corpus");
  std::multiset<Printed> expected_lines;  // column left 0: compared across formats below
  for (const auto& b : broken_corpus()) {
    dir.write(b.name, b.bytes);
    for (const auto& [code, line] : b.expected) expected_lines.emplace(b.name, code, line, 0);
  }
  const std::string args =
      fmt::format("validate --today 2024-06-01 --disable run.duplicate_id '{}'", dir.path.string());

  auto json = run_cli(args + " --format json", dir.path);
  CHECK(json.status == 1);
  nlohmann::json summary;
  auto from_json = parse_json_findings(json.out, summary);
  std::multiset<Printed> lines_only;
  for (auto [name, code, line, col] : from_json) {
    CHECK_MESSAGE((line == 0) == (col == 0), name, " ", code);
    lines_only.emplace(name, code, line, 0);
  }
  CHECK(lines_only == expected_lines);
  CHECK(summary["inputs"] == broken_corpus().size());
  CHECK(summary["errors"].get<std::size_t>() + summary["warnings"].get<std::size_t>() ==
        expected_lines.size());
  CHECK(summary["failed"] == true);

  auto text = run_cli(args + " --format text", dir.path);
  CHECK(text.status == 1);
  std::string text_summary;
  CHECK(parse_text_findings(text.out, text_summary) == from_json);
  CHECK(text_summary == fmt::format("{} errors, {} warnings in {} inputs", summary["errors"].get<int>(),
                                    summary["warnings"].get<int>(), summary["inputs"].get<int>()));
  CHECK(text.out.find('\x1b') == std::string::npos);  // not a terminal: no colour

  auto github = run_cli(args + " --format github", dir.path);
  CHECK(github.status == 1);
  CHECK(parse_github_findings(github.out) == from_json);

  auto sarif = run_cli(args + " --format sarif", dir.path);
  CHECK(sarif.status == 1);
  CHECK(parse_sarif_findings(sarif.out) == from_json);
}

TEST_CASE("CLI: duplicate scrapes and furniture left in the body") {
  TempDir dir("run");
  const auto card = sample_lines("000_");
  dir.write("a.txt", join_lines(card));
  dir.write("b_same.txt", join_lines(card));
  dir.write("c_changed.txt", join_lines(replace_on(card, 34, "426", "427")));
  // Furniture the boilerplate stage would strip survives when its rule is taken out of
  // boilerplate.grammar; validate's own furniture list still catches it.
  auto slupsk = sample_lines("001_");
  slupsk.insert(slupsk.begin() + 32, "Reklamy Google");
  dir.write("d_ads.txt", join_lines(slupsk));
  fs::create_directories(dir.path / "grammars");
  {
    std::ifstream in(fs::path(BDP_SOURCE_DIR) / "grammars" / "boilerplate.grammar");
    std::ofstream out(dir.path / "grammars" / "boilerplate.grammar");
    int dropped = 0;
    for (std::string line; std::getline(in, line);) {
      if (RE2::PartialMatch(line, "(?i)reklamy google")) {
        ++dropped;
        continue;
      }
      out << line << "\n";
    }
    REQUIRE(dropped > 0);
  }
  auto r = run_cli(
      "validate --grammars grammars --format json a.txt b_same.txt c_changed.txt d_ads.txt",
      dir.path);
  nlohmann::json summary;
  auto got = parse_json_findings(r.out, summary);
  std::multiset<std::tuple<std::string, std::string, int>> spots_got;
  for (auto [name, code, line, col] : got) spots_got.emplace(name, code, line);
  CHECK(spots_got == std::multiset<std::tuple<std::string, std::string, int>>{
                         {"c_changed.txt", "run.duplicate_id", 0},
                         {"d_ads.txt", "boilerplate.left_in_body", 33}});
  CHECK(r.status == 1);
}

TEST_CASE("CLI: exit codes, --strict and the config file") {
  TempDir dir("exit");
  const auto card = sample_lines("000_");
  dir.write("warn.txt", join_lines(replace_on(card, 47, "Ulica:", "Ulubiona ulica:")));
  struct Case {
    const char* args;
    const char* config;  ///< .bdp-ingest.json in the working directory, or null
    int status;
  };
  const Case cases[] = {
      {"validate warn.txt", nullptr, 0},
      {"validate --strict warn.txt", nullptr, 1},
      {"validate warn.txt", R"({"strict": true})", 1},
      {"validate --format yaml warn.txt", nullptr, 2},
      {"validate --disable no.such_rule warn.txt", nullptr, 2},
      {"validate warn.txt", R"({"disable": [)", 2},
      {"validate --config missing.json warn.txt", nullptr, 2},
      {"validate --today 2024-13-01 warn.txt", nullptr, 2},
  };
  for (const auto& c : cases) {
    CAPTURE(c.args);
    CAPTURE(c.config);
    fs::remove(dir.path / ".bdp-ingest.json");
    if (c.config) dir.write(".bdp-ingest.json", c.config);
    CHECK(run_cli(c.args, dir.path).status == c.status);
  }
}

}  // TEST_SUITE("validate")
