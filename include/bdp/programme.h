// Programme parser: the structure of MOPS/GOPS/PCPR programme pages and slide-deck
// transcripts — organisation, department, locality (nominative), period, goals tree, author,
// numbered slides. Vocabulary in grammars/programme.grammar.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "bdp/boilerplate.h"
#include "bdp/classify.h"
#include "bdp/diagnostic.h"
#include "bdp/grammar.h"
#include "bdp/json_writer.h"
#include "bdp/morphology.h"
#include "bdp/source.h"

namespace bdp {

/// One goal of a programme's goals tree; `id` is empty for an unnumbered goal.
struct Goal {
  std::string id;  ///< "1", "1.1", …
  std::string text;
};

/// One numbered slide of a transcript. `title` is the rest of the slide's first line (empty
/// when the boilerplate stage stripped that line as the deck's repeated header); `text` its
/// further lines, each whitespace-normalised, joined by '\n'.
struct Slide {
  int number = 0;
  std::string title;
  std::string text;
  int line = 0;  ///< 1-based line of the slide's first line
};

/// Record key `programme`.
struct Programme {
  std::string title;  ///< the programme's/presentation's own title, when the page states it
  std::string organisation, department, locality;
  std::optional<int> period_from, period_to;
  std::vector<Goal> goals;
  std::string author_name, author_role;
  std::vector<Slide> slides;
  std::vector<std::pair<std::string, int>> field_lines;  ///< field → 1-based line (explain)
  std::vector<Diagnostic> diagnostics;
};

/// `{organisation, department, locality, period: {from, to}, goals, author: {name, role},
/// slides}`, absent fields left out.
void write_json(JsonWriter& w, const Programme& p);
/// The same as an object (for tests and tools; the record is written with write_json).
nlohmann::ordered_json to_json(const Programme& p);

/// Compiled rules of grammars/programme.grammar. Build once per process; const use is
/// thread-safe.
class ProgrammeRules {
 public:
  /// Compiles every section; bad entries go to `errors` (file and line) and are skipped.
  /// Returns nullptr only when a required `[settings]` regex is missing or bad.
  static std::unique_ptr<ProgrammeRules> compile(const Grammars& g,
                                                 std::vector<GrammarError>& errors);
  ~ProgrammeRules();
  struct Impl;
  const Impl& impl() const { return *impl_; }

 private:
  explicit ProgrammeRules(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Parses the programme structure of a `mops_programme` or `slide_transcript` page (for other
/// types it still finds what it can). `lemmatizer` may be null.
Programme parse_programme(const SourcePage& page, const BoilerplateResult& bp, PageType type,
                          const ProgrammeRules& rules, const Lemmatizer* lemmatizer);

/// parse_programme's fast paths (RE2 asked for a match's groups only once it has found the
/// match, …) give the results of the plain way of working. For tests: `false` turns them off,
/// which must change no result. Default on; process-wide.
void set_programme_fast_paths(bool on);

/// For tests: how many of the rules' searches of `text` (every rule, unanchored and anchored;
/// the rules with start literals also from those literals' places, in the text and in a part
/// of it) give a different match or different groups on the fast path than on the plain one.
/// 0 is right. The searches start from every code point of a text of up to 16 bytes, or with
/// `every`; in a longer text from the places where a result can change: the text's ends, each
/// place a match starts (as the plain search finds them, one after the other) and, for a rule
/// with start literals, its literals' places and the word before them, each with the code
/// points either side.
std::size_t programme_match_mismatches(const ProgrammeRules& rules, std::string_view text,
                                       bool every = false);

/// For tests: 0 when the one-pass Aho-Corasick scan of the rules' prefilter atoms (the fast
/// path) finds in `text` (folded as the prefilter folds) the same atoms and the same start
/// literal places, in the same order, as the bigram-index scan (the reference); else the
/// number of differences (atoms, places, and the fold: the fast path's sixteen-byte fold must
/// write what the byte loop writes and check the same texts). 0 also for a text neither fold
/// checks.
std::size_t programme_atom_scan_mismatches(const ProgrammeRules& rules, std::string_view text);

/// For tests: of the rules that have a group twin (their narrowed Unicode classes cut down to
/// ASCII and the Polish letters, the fast path's regex for reading a match's groups), how many
/// matches in `text` (one search from every code point) whose span is in that alphabet the
/// twin does not match as the rule does, with the same groups; `spans` (when given) is
/// increased by the number of spans compared. 0 is right.
std::size_t programme_twin_mismatches(const ProgrammeRules& rules, std::string_view text,
                                      std::size_t* spans = nullptr);

}  // namespace bdp
