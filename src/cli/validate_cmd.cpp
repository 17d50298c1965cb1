// `bdp-ingest validate`: runs the ingest pipeline over the inputs and checks every page
// against the rules of grammars/validate.grammar. The rule table is adjusted by the config
// file (`.bdp-ingest.json` in the current directory, or --config FILE) and then by --disable /
// --enable / --strict. Text, JSON lines and GitHub findings are written page by page as they
// come; SARIF needs the whole run and is written at the end. Exit: 0 nothing fails, 1
// findings that fail, 2 usage or internal error.
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "bdp/validate.h"
#include "commands.h"
#include "common.h"

namespace bdp::cli {

namespace {

constexpr std::string_view k_default_config = ".bdp-ingest.json";

struct ValidateOptions {
  std::vector<std::string> inputs;
  std::string files_from;
  std::string format = "text";
  std::string output;
  std::string config;
  std::vector<std::string> disable, enable;
  std::string today;
  bool strict = false;
  bool list_rules = false;
  int jobs = 0;
  std::uint64_t max_bytes = k_default_max_bytes;
};

std::string today_utc() {
  using namespace std::chrono;
  year_month_day ymd{floor<days>(system_clock::now())};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

bool is_iso_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  std::chrono::year_month_day ymd{std::chrono::year(std::stoi(s.substr(0, 4))),
                                  std::chrono::month(std::stoul(s.substr(5, 2))),
                                  std::chrono::day(std::stoul(s.substr(8, 2)))};
  return ymd.ok();
}

std::unique_ptr<ValidateRules> load_rules(const GlobalOptions& g) {
  std::vector<GrammarError> errors;
  Grammars grammars = g.grammars_dir.empty() ? Grammars::embedded()
                                             : Grammars::with_overrides(g.grammars_dir, errors);
  auto rules = errors.empty() ? ValidateRules::compile(grammars, errors) : nullptr;
  print_grammar_errors(errors);
  return rules;
}

std::string rule_table(const ValidateRules& rules) {
  std::string out;
  for (const auto& r : rules.rules())
    out += fmt::format("  {:<32} {:<8} {}\n", r.code,
                       r.enabled_by_default ? to_string(r.severity) : "off", r.description);
  return out;
}

/// Config file, then command line. Prints the problem and returns false on a usage error.
bool build_config(const ValidateOptions& o, const ValidateRules& rules, ValidateConfig& config) {
  std::string path = o.config;
  std::error_code ec;
  if (path.empty() && std::filesystem::exists(k_default_config, ec))
    path = std::string(k_default_config);
  if (!path.empty()) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    std::string error;
    if (!in)
      error = "cannot read the file";
    else
      parse_validate_config(buf.str(), rules, config, error);
    if (!error.empty()) {
      std::cerr << fmt::format("{}: error: bad config: {}\n", path, error);
      return false;
    }
  }
  for (const auto* list : {&o.disable, &o.enable}) {
    bool disable = list == &o.disable;
    for (const auto& code : *list) {
      if (rules.rule(code) == nullptr) {
        std::cerr << fmt::format("error: --{} {}: unknown rule code (see --list-rules)\n",
                                 disable ? "disable" : "enable", code);
        return false;
      }
      (disable ? config.enabled : config.disabled).erase(code);
      (disable ? config.disabled : config.enabled).insert(code);
    }
  }
  if (o.strict) config.strict = true;
  if (!o.today.empty() && !is_iso_date(o.today)) {
    std::cerr << fmt::format("error: --today {}: expected YYYY-MM-DD\n", o.today);
    return false;
  }
  config.today = o.today.empty() ? today_utc() : o.today;
  return true;
}

int run_validate(const GlobalOptions& g, const ValidateOptions& o) {
  if (o.format != "text" && o.format != "json" && o.format != "github" && o.format != "sarif") {
    std::cerr << fmt::format("error: --format {}: expected text, json, github or sarif\n",
                             o.format);
    return 2;
  }
  auto rules = load_rules(g);
  if (!rules) return 2;
  if (o.list_rules) {
    std::cout << rule_table(*rules);
    return 0;
  }
  ValidateConfig config;
  if (!build_config(o, *rules, config)) return 2;
  InputList inputs = collect_inputs(o.inputs, o.files_from);  // before the pipeline: peak RSS
  auto pipeline = load_pipeline(g);
  if (!pipeline) return 2;

  Output out(o.output);
  if (!out.ok()) {
    std::cerr << fmt::format("error: {}\n", out.error());
    return 2;
  }
  const bool colour = o.format == "text" && (o.output.empty() || o.output == "-") &&
                      is_tty(stdout) && std::getenv("NO_COLOR") == nullptr;
  ValidateSummary summary;
  std::vector<Finding> all;  // SARIF only
  bool writing = true;
  auto emit = [&](std::vector<Finding> findings) {
    tally(summary, findings, config);
    if (findings.empty() || !writing) return writing;
    if (o.format == "sarif") {
      std::move(findings.begin(), findings.end(), std::back_inserter(all));
      return true;
    }
    const std::string text = o.format == "json"     ? format_json(findings)
                             : o.format == "github" ? format_github(findings)
                                                    : format_text(findings, colour);
    writing = out.write(text);
    return writing;
  };

  for (const auto& [path, error] : inputs.failed) {
    ++summary.inputs;
    std::vector<Finding> f;
    if (auto finding = unreadable_input(path, error, *rules, config)) f.push_back(*finding);
    emit(std::move(f));
  }
  // The sink sees the pages in input order, so its call count is the page's input number.
  RunChecks run_checks(*rules, config, [&](std::size_t i) { return inputs.paths[i]; });
  std::size_t ordinal = 0;
  for_each_page(*pipeline, inputs.paths, o.jobs, o.max_bytes, [&](PageOutcome& page) {
    ++summary.inputs;
    const std::size_t this_input = ordinal++;
    std::vector<Finding> f;
    if (!page.result) {
      if (auto finding = unreadable_input(page.path, page.error, *rules, config))
        f.push_back(*finding);
    } else {
      f = validate_page(*page.result, *rules, config);
      auto dup = run_checks.add(*page.result, this_input);
      std::move(dup.begin(), dup.end(), std::back_inserter(f));
    }
    return emit(std::move(f));
  });

  if (writing) {
    if (o.format == "sarif")
      writing = out.write(format_sarif(all, *rules, BDP_VERSION));
    else if (o.format == "json")
      writing = out.write(format_json_summary(summary));
    else if (o.format == "text" && !g.quiet)
      writing = out.write(format_text_summary(summary, colour));
  }
  // A closed pipe is not an error; any other output failure is (a full disk: the report at
  // -o keeps its old content rather than a truncated one).
  if ((!writing || !out.commit()) && !out.broken_pipe()) {
    std::cerr << fmt::format("error: {}\n", out.error().empty() ? "write error" : out.error());
    return 2;
  }
  return summary.failed ? 1 : 0;
}

}  // namespace

CLI::App* add_validate_command(CLI::App& app, const GlobalOptions& g, Runner& run) {
  auto o = std::make_shared<ValidateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "validate", "Check pages against the validation rules; report findings with file:line:col");
  cmd->add_option("inputs", o->inputs, "Files, directories (walked for *.txt) or - for stdin");
  cmd->add_option("--files-from", o->files_from,
                  "Read input paths from FILE (- = stdin), newline or NUL separated");
  cmd->add_option("-f,--format", o->format, "Output format: text, json, github or sarif")
      ->capture_default_str();
  cmd->add_option("-o,--output", o->output, "Write findings to FILE instead of stdout");
  cmd->add_option("--config", o->config,
                  "Config file (JSON; default: .bdp-ingest.json in the current directory)");
  cmd->add_option("--disable", o->disable, "Switch rule CODE off (repeatable)")
      ->type_name("CODE")
      ->allow_extra_args(false);
  cmd->add_option("--enable", o->enable, "Switch rule CODE on (repeatable)")
      ->type_name("CODE")
      ->allow_extra_args(false);
  cmd->add_flag("--strict", o->strict, "Warnings fail the run too");
  cmd->add_flag("--list-rules", o->list_rules, "Print the rule table and exit");
  cmd->add_option("-j,--jobs", o->jobs, "Worker threads (0 = all cores)")
      ->check(CLI::Range(0, 4096))
      ->capture_default_str();
  add_max_bytes_option(cmd, o->max_bytes, "Largest input to read (512K, 1M, 2G …)")->capture_default_str();
  cmd->add_option("--today", o->today, "Date future dates are judged against (YYYY-MM-DD)")
      ->group("");
  // Compiled only when help is shown: every other run must not pay for it.
  cmd->footer(std::function<std::string()>([] {
    std::vector<GrammarError> errors;
    auto rules = ValidateRules::compile(Grammars::embedded(), errors);
    if (!rules) return std::string();
    return "Rules (code, default severity, description):\n" + rule_table(*rules) +
           "\nExit status: 0 no failing findings, 1 failing findings, 2 usage or internal "
           "error.";
  }));
  cmd->callback([&run, &g, o] { run = [&g, o] { return run_validate(g, *o); }; });
  return cmd;
}

}  // namespace bdp::cli
