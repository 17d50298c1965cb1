// Quantity extractor: outcome numbers in Polish text (counts, money, changes, ranges,
// percentages) with units lemmatised, qualifiers, years and periods attached.
// Vocabulary (scale words, currencies, numeral words, qualifiers, months, unit overrides) lives
// in grammars/quantities.grammar.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "bdp/grammar.h"
#include "bdp/json_writer.h"
#include "bdp/morphology.h"
#include "bdp/text.h"

namespace bdp {

/// A value at a time, used for the ends of a change series.
struct QuantityPoint {
  double value = 0;
  std::optional<int> year;
};

/// One outcome number. `kind`: count, money, change, range, year_span, percent.
struct Quantity {
  std::string kind;
  double value = 0;
  std::string unit;     ///< lemma of the counted noun, "PLN" for money, "%" for percent
  std::string surface;  ///< the text as written
  int line = 0;         ///< 1-based line in the page
  std::optional<int> year;
  std::optional<std::pair<std::string, std::string>> period;  ///< ISO-ish from/to ("2007", "2009-06")
  std::string qualifier;  ///< more_than, about, less_than, at_least, up_to, approx
  std::optional<double> min, max;
  std::optional<QuantityPoint> from, to;
  std::string direction;  ///< "increase" / "decrease": changes, and differences ("o 24 więcej osób")
  std::string per;        ///< "year", "month" for rates
  std::optional<int> part_of;  ///< index into the list of the item this one is part of
  std::string context;
};

/// One item as in the record contract; absent fields left out.
void write_json(JsonWriter& w, const Quantity& q);
/// The same as an object (for tests and tools; the record is written with write_json).
nlohmann::ordered_json to_json(const Quantity& q);

class QuantityRules {
 public:
  /// `lemmatizer` may be null (units then come from the override table or stay as written);
  /// it must outlive the rules.
  static std::unique_ptr<QuantityRules> compile(const Grammars& g, const Lemmatizer* lemmatizer,
                                                std::vector<GrammarError>& errors);
  ~QuantityRules();
  struct Impl;
  const Impl& impl() const { return *impl_; }

 private:
  explicit QuantityRules(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Extracts quantities from body lines (in page order). At most `[limits] max_items` of
/// quantities.grammar are kept (a page that is one repeated sentence can hold millions, and
/// every item carries its context); `truncated`, when given, says whether the limit cut.
/// `heading` is the page's title: when it (else one of the first two lines) is the heading of
/// a report for one year (`[report_headings]`: "Sprawozdanie … za 2022 rok"), items with no
/// time of their own get that year. `section_starts` (ascending line numbers: a deck's slides)
/// end the reach of a heading's year: a slide is not dated by the slide before's heading.
std::vector<Quantity> parse_quantities(std::span<const NumberedLine> lines,
                                       const QuantityRules& rules, bool* truncated = nullptr,
                                       std::string_view heading = {},
                                       std::span<const int> section_starts = {});

/// Turns the quantity stage's word filters (the first two or three bytes of a word tested
/// against bit sets before string compares and hash lookups, and the line pre-check) off or
/// on for the whole process; on by default. Results are the same either way: for tests.
void set_quantities_fast_paths(bool on);

namespace detail {
/// For tests, which compare the fast paths of parse_quantities with their plain forms. Part of
/// the line pre-check: is a word of `line` (which has no ASCII digit) a numeral that starts a
/// number? `plain` reads and looks up every word instead of ruling words out by their bytes.
bool has_numeral_word(std::string_view line, const QuantityRules& rules, bool plain);
/// Whether `s` holds an ASCII digit (sixteen bytes at a time where SSE2 is there): the first
/// half of the line pre-check.
bool has_ascii_digit(std::string_view s);
/// next_cp, with two-byte sequences decoded inline.
char32_t decode_cp(std::string_view s, std::size_t& i);
/// For tests: the tokenizer's word reader at s[i] (a run of letters), sixteen bytes at a time
/// where it can (`simd`, the fast path) or byte by byte: where the word ends, the word
/// lower-cased, and whether its first letter is upper-case and whether no letter is lower-case.
struct WordRead {
  std::size_t end = 0;
  std::string lower;
  bool upper_first = false, all_upper = false;
};
WordRead read_word(std::string_view s, std::size_t i, bool simd);
/// The value of a digit string (of "0." and the string when `fraction`), as strtod gives it.
double digits_value(std::string_view digits, bool fraction);
}  // namespace detail

}  // namespace bdp
