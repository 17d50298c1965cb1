// Validation of pipeline results (`bdp-ingest validate`): every page is checked against the
// rules of grammars/validate.grammar, each with a stable code, a default severity and a
// description; findings are located at a line/column of the original file. Run-level checks
// (duplicate ids) live in `RunChecks`. The formatters render findings as text, JSON lines,
// GitHub workflow commands or SARIF 2.1.0 into strings; the CLI does the I/O.
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "bdp/diagnostic.h"
#include "bdp/grammar.h"
#include "bdp/pipeline.h"

namespace bdp {

/// One rule broken at one place. `line`/`column` are 1-based in the original file (column
/// counted in characters); 0 when the finding is about the whole input.
struct Finding {
  std::string path;
  int line = 0;
  int column = 0;
  Severity severity = Severity::warning;
  std::string code;
  std::string message;
};

/// A rule of the table: its stable code, default severity and one-line description.
/// `enabled_by_default` is false for rules marked `off` in the grammar.
struct ValidateRule {
  std::string code;
  Severity severity = Severity::warning;
  bool enabled_by_default = true;
  std::string description;
};

/// What a run changes about the rule table: from the config file and the command line.
struct ValidateConfig {
  std::string today;                        ///< ISO date; later dates are "in the future"
  std::set<std::string> disabled;           ///< codes switched off
  std::set<std::string> enabled;            ///< codes switched on (wins over `disabled`)
  std::map<std::string, Severity> severity; ///< code → severity overriding the default
  bool strict = false;                      ///< warnings fail the run too
};

/// The compiled rule table and the patterns and thresholds of the checks. Build once per
/// process with `compile`; const use is thread-safe.
class ValidateRules {
 public:
  /// Compiles grammars/validate.grammar. Returns nullptr when `errors` got any entry.
  static std::unique_ptr<ValidateRules> compile(const Grammars& g,
                                                std::vector<GrammarError>& errors);
  ~ValidateRules();

  /// All rules in grammar order (for help, SARIF and docs).
  const std::vector<ValidateRule>& rules() const;
  /// The rule called `code`, or nullptr.
  const ValidateRule* rule(std::string_view code) const;
  /// The severity `code` has under `config`, or nullopt when it is switched off.
  std::optional<Severity> effective(std::string_view code, const ValidateConfig& config) const;

  struct Impl;
  const Impl& impl() const { return *impl_; }

 private:
  explicit ValidateRules(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Checks one page. Findings come in line order (whole-page findings first), with the
/// severity `config` gives them; switched-off rules produce nothing.
std::vector<Finding> validate_page(const PageResult& page, const ValidateRules& rules,
                                   const ValidateConfig& config);

/// A finding for an input that could not be read (`input.unreadable`), or nullopt when that
/// rule is switched off.
std::optional<Finding> unreadable_input(const std::string& path, const ReadError& error,
                                        const ValidateRules& rules,
                                        const ValidateConfig& config);

/// Checks across the inputs of one run: the same practice id on two inputs with different
/// content (`run.duplicate_id`), or with the same content (`run.duplicate_input`). Pages
/// without a title are skipped (their id carries no identity). Feed pages in input order.
class RunChecks {
 public:
  /// `path_of(ordinal)` gives the path of the input passed as `ordinal` to `add` (the CLI's
  /// input list already holds every path; the table does not keep a second copy).
  using PathOf = std::function<std::string(std::size_t ordinal)>;
  RunChecks(const ValidateRules& rules, const ValidateConfig& config, PathOf path_of);
  /// Records `page` (input number `ordinal`) and returns the findings it raises against
  /// earlier pages.
  std::vector<Finding> add(const PageResult& page, std::size_t ordinal);

 private:
  /// One id's first page: 16 bytes, whatever the id and path. The id is kept as the first
  /// 64 bits of its SHA-256 (two of 10^6 different ids agree in them with probability
  /// ~3·10^-8) and the content as the first 32 bits of the page's SHA-256 (compared only
  /// with the one earlier page of the same id: a false "identical" has probability 2^-32).
  /// A 100 000-page run keeps ~2 MB (was ~27 MB with the ids and paths).
  struct Seen {
    std::uint64_t id = 0;
    std::uint32_t content = 0;
    std::uint32_t ordinal = 0;
  };
  const Seen* find(std::uint64_t id) const;
  void insert(const Seen& seen);
  const ValidateRules& rules_;
  const ValidateConfig& config_;
  PathOf path_of_;
  std::vector<Seen> slots_;  ///< open addressing, linear probing, load ≤ 3/4; id 0 = empty
  std::size_t used_ = 0;
};

/// Totals of a run.
struct ValidateSummary {
  std::size_t inputs = 0;
  std::size_t errors = 0;
  std::size_t warnings = 0;
  bool failed = false;  ///< any error, or any warning under `strict`
};

/// Adds `findings` to the totals (inputs are counted by the caller).
void tally(ValidateSummary& summary, const std::vector<Finding>& findings,
           const ValidateConfig& config);

/// Reads a config file's JSON (`{"disable": [...], "enable": [...], "severity": {code:
/// "error"|"warning"|"off"}, "strict": bool}`) into `config`. Unknown codes, unknown keys and
/// wrong types are errors: returns false with `error` set.
bool parse_validate_config(std::string_view json, const ValidateRules& rules,
                           ValidateConfig& config, std::string& error);

/// `path:line:col: severity[code]: message` lines (`path: …` for whole-input findings), with
/// ANSI colour when `colour`.
std::string format_text(const std::vector<Finding>& findings, bool colour);
/// The closing line of the text format: "N errors, M warnings in K inputs".
std::string format_text_summary(const ValidateSummary& summary, bool colour);

/// One JSON object per finding per line:
/// `{"type":"finding","path","line","column","severity","code","message"}`.
std::string format_json(const std::vector<Finding>& findings);
/// `{"type":"summary","inputs","errors","warnings","failed"}` and a newline.
std::string format_json_summary(const ValidateSummary& summary);

/// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=code::message`.
std::string format_github(const std::vector<Finding>& findings);

/// A SARIF 2.1.0 log (pretty-printed, trailing newline) with every rule of `rules` in
/// `tool.driver.rules` and one result per finding.
std::string format_sarif(const std::vector<Finding>& findings, const ValidateRules& rules,
                         std::string_view version);

}  // namespace bdp
