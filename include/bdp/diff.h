// Comparing two snapshots of records (issue 6). Records are matched by `id`, never by file
// name or line position. Life cycle: build a `PathFilter` from --ignore/--only, `index` each
// snapshot (one streaming pass keeping per id only a hash of the canonical record and where
// the line is), then `diff_snapshots` re-reads only the records whose hashes differ and hands
// one `PracticeDiff` per differing practice, in id order, to a sink; the `format_*` functions
// turn those into text, JSON Lines or CSV. Nothing here prints.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "bdp/diagnostic.h"

namespace bdp {

/// One step of a record path: an object key, an array index, or (in patterns only) `[*]`,
/// any index.
struct PathSegment {
  enum class Kind { key, index, any_index };
  Kind kind = Kind::key;
  std::string key;
  std::size_t index = 0;
};

/// Parses a dotted path: `metryka.population`, `metryka.contacts[0].phones`,
/// `quantities[*].line` (`[]` is the same as `[*]`), `metryka.other["Nr. KRS"]` for keys that
/// are not plain. False (and `error` set) on a syntax error.
bool parse_path(std::string_view text, std::vector<PathSegment>& out, std::string* error);

/// The inverse of parse_path: keys joined by '.', indices as `[N]`, keys holding '.', '[',
/// ']', '"' or nothing written as `["..."]`.
std::string format_path(const std::vector<PathSegment>& path);

/// Volatile paths left out of the comparison unless `--only` is given or defaults are off:
/// `source`, `classification`, `site.visitors`, `site.visitors_since`, `site.page_views`,
/// `site.page_date`, `diagnostics`, `quantities[*].line`, `quantities[*].context`.
const std::vector<std::string>& default_ignored_paths();

/// Which paths take part in a comparison. Patterns match by whole-segment prefix: `metryka`
/// selects `metryka.population` and `metryka.contacts[0].name`, not `metrykax`.
class PathFilter {
 public:
  /// Everything except the default ignores.
  PathFilter();

  /// `ignore` paths are always dropped; with `only` non-empty, just those paths (and what
  /// lies below them) are compared and the default ignores no longer apply; otherwise the
  /// default ignores apply when `use_defaults`. Returns nullopt with `error` set when a
  /// pattern does not parse.
  static std::optional<PathFilter> create(const std::vector<std::string>& ignore,
                                          const std::vector<std::string>& only,
                                          bool use_defaults, std::string* error);

  enum class Decision {
    drop,     ///< the node is not compared
    keep,     ///< the node is compared (its children are still checked)
    descend,  ///< only some children may be compared: keep the node if any of them is
  };
  /// What happens to the node at `path` (a path of keys and indices).
  Decision decide(const std::vector<PathSegment>& path) const;
  /// False when everything below `path` is kept once `path` is, so that a walk need not
  /// `decide` there.
  bool may_drop_below(const std::vector<PathSegment>& path) const;

 private:
  std::vector<std::vector<PathSegment>> ignore_, only_;
};

/// `record` without the paths `filter` drops; containers left empty by dropping disappear.
/// Key order is kept.
nlohmann::ordered_json filter_record(const nlohmann::ordered_json& record,
                                     const PathFilter& filter);

/// A canonical serialisation of the filtered record: object keys sorted, set-like lists
/// (see `diff_records`) sorted, so two records serialise alike exactly when diff_records finds
/// no change. `record` may be the raw record; the filter is applied on the way. Not JSON: it
/// is only compared and hashed.
std::string canonical_string(const nlohmann::ordered_json& record, const PathFilter& filter);

/// One field-level difference. `old_value` / `new_value` are null when the path is absent on
/// that side (the record contract has no nulls). `similarity` is the word-level similarity
/// (see `diff_words`) for the text fields `title`, `text`, `programme.slides[*].text|title`,
/// `programme.goals[*].text`, and -1 otherwise.
struct FieldChange {
  std::string path;
  nlohmann::ordered_json old_value;
  nlohmann::ordered_json new_value;
  double similarity = -1;
};

/// Field-level changes between two versions of one record, after `filter`. Lists where order
/// carries no meaning are compared as sets: `metryka.{websites,emails,phones,faxes}`,
/// `metryka.contacts` (and each contact's phones and emails), `classification.signals`,
/// `quantities`. Equal elements match whatever their position; the rest are paired by a key
/// (contacts by `name`, quantities by `kind` + `unit`, plain values by nothing) in order,
/// leftover contacts and plain values in order too, and paired elements are compared field by
/// field at the index of the new element; unpaired ones are removed (old index) or added (new
/// index). Other lists (`section`, `programme.slides`, `programme.goals`, …) are compared
/// element-wise by index. Objects are compared key by key in the new record's key order, keys
/// only the old record has come last.
std::vector<FieldChange> diff_records(const nlohmann::ordered_json& old_record,
                                      const nlohmann::ordered_json& new_record,
                                      const PathFilter& filter);

/// A word-level diff of two texts. Words are runs of non-space characters (Unicode spaces and
/// newlines separate them). `old_words` / `new_words` are views into the strings given to
/// `diff_words`, which must outlive this.
struct WordDiff {
  enum class Kind { equal, removed, added };
  struct Op {
    Kind kind;
    std::size_t first;  ///< index into old_words (equal, removed) or new_words (added)
    std::size_t count;
  };
  std::vector<std::string_view> old_words, new_words;
  std::vector<Op> ops;  ///< in text order; runs of one kind merged
  std::size_t removed = 0, added = 0;
  /// 2·LCS / (old words + new words); 1 for two empty texts.
  double similarity = 1;
  /// True when the texts differed by more than `max_edits` words: the common prefix and
  /// suffix are kept and the middle is one removal plus one addition, so `similarity` is a
  /// lower bound.
  bool coarse = false;
};

/// Myers' O(ND) diff over words, with D bounded by `max_edits` (memory O(max_edits²)).
WordDiff diff_words(std::string_view old_text, std::string_view new_text,
                    std::size_t max_edits = 1000);

/// A problem with a snapshot, as `origin:line: severity: message [code]`. Codes:
/// `diff.read_error`, `diff.malformed_json`, `diff.missing_id` (errors: the line is skipped and
/// the run ends with exit 2), `diff.duplicate_id` (warning: the later record is used).
struct SnapshotDiagnostic {
  std::string origin;
  Diagnostic diagnostic;
};
std::string format_diagnostic(const SnapshotDiagnostic& d);

/// Where one record's line is, and the hash of its canonical string
/// (`std::hash<std::string_view>` of `canonical_string`).
struct RecordRef {
  std::uint64_t hash = 0;
  std::uint64_t offset = 0;
  std::uint32_t length = 0;
  std::uint32_t line = 0;
};

/// The first pass over a JSON Lines snapshot: per id, a RecordRef. Memory is proportional to
/// the number of ids, not to the records. The file stays borrowed for `load`.
class Snapshot {
 public:
  /// Streams `f` (seekable; read from offset 0) on `threads` threads (0 = all cores), parsing
  /// with simdjson (nlohmann for what simdjson refuses: integers beyond 64 bits, nesting deeper
  /// than 1024, malformed lines, whose message is nlohmann's). Blank lines are skipped;
  /// malformed lines and lines without a string `id` are skipped with an error diagnostic; of
  /// two records with one id the later is kept, with a warning.
  static Snapshot index(std::FILE* f, std::string origin, const PathFilter& filter,
                        std::vector<SnapshotDiagnostic>& diagnostics, unsigned threads = 0);

  const std::unordered_map<std::string, RecordRef>& records() const { return records_; }
  const std::string& origin() const { return origin_; }

  /// Re-reads one record (second pass); several threads may do so at once. nullopt, with an
  /// error diagnostic, when the line can no longer be read or parsed (the file changed under
  /// us).
  std::optional<nlohmann::ordered_json> load(const RecordRef& ref,
                                             std::vector<SnapshotDiagnostic>& diagnostics) const;

 private:
  std::FILE* file_ = nullptr;
  std::string origin_;
  std::unordered_map<std::string, RecordRef> records_;
};

enum class DiffOp { added, removed, changed };

/// "added", "removed" or "changed".
std::string_view to_string(DiffOp op);

/// The differences of one practice. `title` is the new record's (the old one's when
/// removed); `changes` is empty for added and removed practices.
struct PracticeDiff {
  DiffOp op = DiffOp::changed;
  std::string id;
  std::string title;
  std::vector<FieldChange> changes;
};

struct DiffSummary {
  std::size_t added = 0, removed = 0, changed = 0, unchanged = 0;
  bool any() const { return added + removed + changed > 0; }
};

/// Compares two indexed snapshots: calls `sink` once per differing practice in id order, from
/// the calling thread (returning false stops early, e.g. on a broken pipe), and returns the
/// counts. Records whose hashes differ but show no field change count as unchanged. A removed
/// and an added record read from files of the same name, of one page type, whose texts share
/// at least half their words, are one practice whose id changed with its title: compared as
/// a changed practice under the new id (`id` and `title` among its changes). Re-reading and
/// comparing run on all cores.
DiffSummary diff_snapshots(const Snapshot& old_snapshot, const Snapshot& new_snapshot,
                           const PathFilter& filter,
                           const std::function<bool(const PracticeDiff&)>& sink,
                           std::vector<SnapshotDiagnostic>& diagnostics);

enum class DiffFormat { text, jsonl, csv };

/// How text output looks: ANSI colour, and a unified word diff under changed text fields.
struct TextStyle {
  bool colour = false;
  bool word_diff = false;
  std::size_t context_words = 5;
};

/// What comes before the first practice: the CSV header line, nothing otherwise.
std::string format_header(DiffFormat format);

/// One practice. text: `~ id  title` (`+` added, `-` removed) then one indented line per
/// change, `path: old → new`; long texts as `path: changed, word similarity S (…)`.
/// jsonl: `{"op","id","title","changes":[{"path","old","new"(,"similarity")}]}`.
/// csv: one row per change (op,id,title,path,old,new; strings raw, other values as JSON,
/// absent as empty), one row with empty path for added/removed; RFC 4180, CRLF.
std::string format_practice(const PracticeDiff& p, DiffFormat format, const TextStyle& style);

/// The counts: text `N added, N removed, N changed, N unchanged` (after a blank line when
/// `after_practices`), jsonl `{"added":N,…}`, csv a header and one row.
std::string format_summary(const DiffSummary& s, DiffFormat format, bool after_practices);

}  // namespace bdp
