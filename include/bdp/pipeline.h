// The whole page pipeline: source → reflow → diacritics → boilerplate → classify → layout → metryka / programme →
// quantities → record. Each stage is a pure function of what the previous ones produced;
// `Pipeline` holds the compiled rules of all stages (built once per process, shared by all
// worker threads) and runs them in order.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bdp/boilerplate.h"
#include "bdp/classify.h"
#include "bdp/diagnostic.h"
#include "bdp/grammar.h"
#include "bdp/layout.h"
#include "bdp/metryka.h"
#include "bdp/programme.h"
#include "bdp/quantities.h"
#include "bdp/source.h"

namespace bdp {

/// Everything the stages found on one page. `record` is built from the rest by `to_record`.
struct PageResult {
  SourcePage source;
  BoilerplateResult boilerplate;
  Classification classification;
  PageLayout layout;
  Metryka metryka;
  Programme programme;
  std::vector<NumberedLine> body;  ///< the lines of `text`, views into `source.text`
  std::string text;                ///< body paragraphs joined by "\n\n"
  std::vector<Quantity> quantities;
  std::string id;
  std::vector<Diagnostic> diagnostics;  ///< all stages' diagnostics, in line order
};

/// How contact persons are written (issue: privacy). `none` keeps them as scraped.
enum class Redaction { none, drop, hash };

struct RecordOptions {
  Redaction redaction = Redaction::none;
  std::string salt;  ///< for Redaction::hash
};

class Pipeline {
 public:
  /// Compiles every stage's rules from `g`. Returns nullptr when `errors` got any entry.
  static std::unique_ptr<Pipeline> create(const Grammars& g, std::vector<GrammarError>& errors);
  ~Pipeline();

  /// Runs all stages on a decoded page. Thread-safe (const). `repeated`: the run's
  /// cross-page repetition table for the boilerplate stage (nullptr = none).
  PageResult run(SourcePage page, const RepeatedLines* repeated = nullptr) const;

  /// Runs all stages on several pages; the same results as run() on each, in order. Faster
  /// per page than run() for batches of tens of pages (see docs/performance.md, "Round 4").
  std::vector<PageResult> run_batch(std::vector<SourcePage> pages,
                                    const RepeatedLines* repeated = nullptr) const;

  /// The page the stages read: decode_page, then the reflow and diacritics stages (reflow.h,
  /// diacritics.h). run() takes a page decoded alone, and does both itself.
  SourcePage read_page(std::string path, std::string_view raw) const;

  /// Convenience: decode_page + run.
  PageResult run_bytes(std::string path, std::string_view raw,
                       const RepeatedLines* repeated = nullptr) const;

  struct Stages;
  const Stages& stages() const { return *stages_; }

 private:
  explicit Pipeline(std::unique_ptr<Stages> s);
  std::unique_ptr<Stages> stages_;
};

/// The record of record.md as one JSON line, no trailing newline (keys in contract order,
/// absent facts left out, strings whitespace-normalised, invalid UTF-8 replaced). Written
/// straight from the page's results, with no JSON object in between.
std::string write_record(const PageResult& r, const RecordOptions& opts = {});

/// The same record as an object (the pretty printer, tests, tools).
nlohmann::ordered_json to_record(const PageResult& r, const RecordOptions& opts = {});

/// One JSON line (no trailing newline); invalid UTF-8 is replaced, never thrown on.
std::string dump_record(const nlohmann::ordered_json& record);

namespace detail {
/// dump_record through nlohmann's serializer only; for the test that compares the two.
std::string dump_record_nlohmann(const nlohmann::ordered_json& record);
}  // namespace detail

/// Stable practice id: page type + normalised title + locality → readable slug + 8 hex chars.
/// `qualifier`, when not empty, goes into the hash only: what tells apart two pages with one
/// title and no locality (an official act's header).
std::string practice_id(std::string_view page_type, std::string_view title,
                        std::string_view locality, std::string_view qualifier = {});

}  // namespace bdp
