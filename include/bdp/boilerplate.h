// Boilerplate stage: decides for every line of a page whether it is body text or site
// furniture (menus, counters, navigation, sponsor footers, download prompts, repeated slide
// headers), and keeps the furniture worth keeping (visitor counter, page date, funding).
// Rules live in grammars/boilerplate.grammar.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "bdp/diagnostic.h"
#include "bdp/grammar.h"
#include "bdp/json_writer.h"
#include "bdp/repetition.h"
#include "bdp/source.h"

namespace bdp {

/// The decision for one line. `rule` names what decided (a grammar rule name such as
/// "menu_block", "visitor_counter", "repeated_header", "cross_page_repeat", or "body" /
/// "blank").
struct LineDecision {
  bool keep = true;
  std::string rule;
  double score = 0;        ///< body-likeness score where a scorer decided, else 0
  std::uint32_t pages = 0;  ///< cross_page_repeat: pages of the site that carry the line
  bool line_rule = false;   ///< a [strip] rule of one line decided (not a block or a scorer)
};

/// Page furniture worth keeping (record key `site`). Line numbers are 1-based, 0 = absent.
struct SiteFurniture {
  std::optional<std::int64_t> visitors;    ///< the site's visitor counter
  std::string visitors_since;              ///< ISO date
  std::optional<std::int64_t> page_views;  ///< views of this page ("Wyświetleń: 1 873")
  std::string page_date;       ///< ISO date
  std::string funding;         ///< e.g. "Norweski Mechanizm Finansowy"
  int visitors_line = 0;
  int page_views_line = 0;
  int page_date_line = 0;
  int funding_line = 0;
};

/// `{visitors, visitors_since, page_views, page_date, funding}`, absent fields left out.
void write_json(JsonWriter& w, const SiteFurniture& s);
/// The same as an object (for tests and tools; the record is written with write_json).
nlohmann::ordered_json to_json(const SiteFurniture& s);

struct BoilerplateResult {
  std::vector<LineDecision> lines;  ///< one per page line, same index
  SiteFurniture site;
  std::vector<Diagnostic> diagnostics;
  /// The page is a PDF made text whose form feeds part short pages (paged_deck_max_chars a
  /// page on average): a deck, each page a slide. The classifier and the slide splitter read
  /// it from here, so the three stages agree on what a paged deck is.
  bool paged_deck = false;
  /// A deck written out with no marker nor form feed (Google Slides' plain text: blocks between
  /// blank lines; PowerPoint's outline: titles flush left over indented bullets): the lines
  /// (0-based) that open its slides, the first one's included; so too the first lines under
  /// slide markers that carry no number (a viewer's navigation bar over each slide). Empty
  /// when the page is not shaped so. The classifier weighs it with the deck's words; the slide splitter cuts there.
  std::vector<std::uint32_t> block_slides;
};

/// Compiled boilerplate rules. Build once per process; const use is thread-safe.
class BoilerplateRules {
 public:
  static std::unique_ptr<BoilerplateRules> compile(const Grammars& g,
                                                   std::vector<GrammarError>& errors);
  ~BoilerplateRules();
  struct Impl;
  const Impl& impl() const { return *impl_; }

 private:
  explicit BoilerplateRules(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Marks every line of `page` kept or stripped and extracts the site furniture. With
/// `repeated` (a run's first pass, see repetition.h), a line found on at least
/// max(cross_page_min_pages, cross_page_min_share × pages) pages of the page's site that does
/// not read as body is stripped as `cross_page_repeat`; nullptr = each page on its own.
BoilerplateResult strip_boilerplate(const SourcePage& page, const BoilerplateRules& rules,
                                    const RepeatedLines* repeated = nullptr);

/// strip_boilerplate remembers, per thread, what it made of each line's text and reuses it
/// on later pages (a site repeats its furniture on every page). For tests: `false` turns
/// that off (every line described afresh), which must change no result. Default on.
void set_boilerplate_line_memo(bool on);

/// BoilerplateRules::compile puts the single-line patterns anchored at the line's start in a
/// set searched from the start only, and the others in a second set, both with long counted
/// repetitions opened up (`.{0,80}` → `.*`, each hit confirmed by the pattern as written).
/// For tests: `false` makes rules compiled afterwards hold every pattern as written in one
/// set, which must change no result. Default on.
void set_boilerplate_marker_split(bool on);

/// BoilerplateRules::compile splits the set of the markers anchored at the line's start in two:
/// the patterns whose matches start with literals (`(?i)^(komentarze|najtrafniejsze)`, `^\d+ `),
/// run only on lines that start with one of those literals (ASCII and Polish letters case-blind;
/// any other cased letter runs them), and the others (`^\pL[\pL ]*:`, `^[«<]?\s*wróć`), run on
/// every line. For tests: `false` makes rules compiled afterwards hold them in one set (only
/// with the marker split on), which must change no result. Default on.
void set_boilerplate_anchor_split(bool on);

/// describe() reads a line's floating markers (the set of patterns not anchored at the line's
/// start) through RE2's prefilter: the line lower-cased and scanned once for the patterns'
/// literal atoms, and only the patterns whose atoms it holds run, each its own regex. For
/// tests: `false` sends every line through the floating set, which must change no result.
/// Default on.
void set_boilerplate_marker_prefilter(bool on);

/// describe() counts a line's characters, digits and letters sixteen bytes at a time (SSE2,
/// where the target has it): the ASCII bytes of a block by masks, each other character as
/// before; the case folding of short lines lowers ASCII runs and looks for dashes and quotes
/// sixteen bytes at a time too, and so does the collapsing of a line's spaces (runs of
/// printable ASCII skipped). For tests: `false` reads byte by byte, which must change no
/// result. Default on.
void set_boilerplate_count_blocks(bool on);

/// describe()'s atom scan of the floating markers (set_boilerplate_marker_prefilter) reads ASCII
/// eight bytes a step (one test for the eight, the automaton stepped without a test between
/// bytes) and folds two-byte characters by a table. For tests: `false` reads byte by byte,
/// which must change no result. Default on.
void set_boilerplate_scan_blocks(bool on);

/// describe() runs the floating markers without literal atoms (the set of them) only on lines
/// that hold one of the bytes each of them requires (a digit for `\d{1,2}\.\d{4}`, a ']' for
/// `\]\s*\[`), found in the patterns at rule-compile time. For tests: `false` runs the set on
/// every line the prefilter reads, which must change no result. Default on.
void set_boilerplate_rest_gate(bool on);

/// A visitor counter's line that no [date] pattern matches skips the replacement of dates
/// before its figure is read (each pattern would leave it as it is). For tests: `false`
/// replaces on every line, which must change no result. Default on.
void set_boilerplate_counter_date_skip(bool on);

namespace detail {
/// For tests: the atoms (indices, sorted) that the floating markers' prefilter finds in `line`,
/// read eight bytes a step (`blocks`) or byte by byte; nullopt when the prefilter cannot read
/// the line (a code point whose folding is not checked) or the rules have no prefilter.
std::optional<std::vector<int>> boilerplate_line_atoms(const BoilerplateRules& rules,
                                                       std::string_view line, bool blocks);
/// For tests: the bytes (ascending) of which every match of the regex `pattern` holds one, as
/// describe()'s gate of the floating markers without atoms reads them; nullopt when the regex
/// gives none.
std::optional<std::string> boilerplate_required_bytes(std::string_view pattern);
}  // namespace detail

}  // namespace bdp
