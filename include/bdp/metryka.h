// Metryka parser: the "Metryka praktyki" key–value block of BDP cards, normalised.
// Labels, their variants and typos live in grammars/metryka.grammar; voivodeships and TERYT
// codes in grammars/voivodeships.grammar; phones are normalised with libphonenumber.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "bdp/diagnostic.h"
#include "bdp/grammar.h"
#include "bdp/json_writer.h"
#include "bdp/source.h"

namespace bdp {

/// A contact person of the metryka ("Osoby kontaktowe"); empty fields are left out.
struct Contact {
  std::string name;
  std::string role;
  std::vector<std::string> phones;  ///< E.164
  std::vector<std::string> emails;  ///< lower case
};

/// The normalised block (record key `metryka`). Absent facts are empty/nullopt.
struct Metryka {
  bool found = false;   ///< a metryka block (heading or at least two known labels) was seen
  int first_line = 0;   ///< 1-based line range of the block in the page (heading included)
  int last_line = 0;
  std::optional<std::string> entered, updated;  ///< ISO dates
  std::optional<std::string> unit_type, locality, county, voivodeship, voivodeship_teryt;
  std::optional<std::string> postal_code, post_office, implementing_unit, street;
  std::vector<std::string> phones, faxes, websites, emails;
  std::optional<std::int64_t> population;
  std::vector<Contact> contacts;
  std::vector<std::pair<std::string, std::string>> other;  ///< unknown label → value
  std::vector<std::pair<std::string, int>> field_lines;    ///< record key → 1-based line
  std::vector<Diagnostic> diagnostics;  ///< metryka.unknown_label, metryka.bad_date, …
};

/// The record's `metryka` object in contract order; nothing when `!m.found`.
void write_json(JsonWriter& w, const Metryka& m);
/// The same as an object (for tests and tools; the record is written with write_json).
nlohmann::ordered_json to_json(const Metryka& m);

/// The compiled rules of the metryka parser (labels, patterns, voivodeships). Build once per
/// process; immutable and shareable between threads afterwards.
class MetrykaRules {
 public:
  /// Compiles metryka.grammar and voivodeships.grammar. Every problem (bad regex, unknown
  /// record key, missing pattern) is appended to `errors`; never throws. The result is usable
  /// but finds nothing when a required pattern is missing.
  static std::unique_ptr<MetrykaRules> compile(const Grammars& g,
                                               std::vector<GrammarError>& errors);
  ~MetrykaRules();
  struct Impl;
  /// The compiled state, for the parser and the lookup functions below.
  const Impl& impl() const { return *impl_; }

 private:
  explicit MetrykaRules(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Finds and parses the metryka block anywhere in the page (labels in any order, missing,
/// with NBSPs, continuation lines, contact sub-block).
Metryka parse_metryka(const SourcePage& page, const MetrykaRules& rules);

/// parse_metryka's fast paths (label keys folded in one pass, the words of a line read without
/// decoding ASCII, …) give the results of the plain way of working. For tests: `false` turns
/// them off, which must change no result. Default on; process-wide.
void set_metryka_fast_paths(bool on);

/// Normalises a Polish phone number to E.164 ("59 841-85-00" → "+48598418500"); an extension
/// after "wew." is dropped. nullopt when it is not a valid number.
std::optional<std::string> normalize_phone(std::string_view raw);

/// A seven-digit subscriber number written without its area code ("751-24-11" after
/// "(89) 751 24 10" in one value) as E.164, with the area code of `previous` (E.164, a Polish
/// fixed line); nullopt when `local` is no such number or `previous` no fixed line.
std::optional<std::string> phone_with_area_code(std::string_view local,
                                                const std::string& previous);

namespace detail {
/// normalize_phone with every candidate through libphonenumber (no fast path for the common
/// Polish shapes); for the test that compares the two.
std::optional<std::string> normalize_phone_libphonenumber(std::string_view raw);
/// The form labels are compared in (lower case, accents dropped, spaces collapsed, final colon
/// dropped), by the path set_metryka_fast_paths chose; for the test that compares the two.
std::string metryka_label_key(std::string_view s);
}  // namespace detail

/// The canonical lower-case voivodeship name for a value as written ("woj. Mazowieckie",
/// "MAZOWIECKIE", "mazowieckie" → "mazowieckie"; accents optional), or nullopt.
std::optional<std::string> canonical_voivodeship(const MetrykaRules& rules,
                                                 std::string_view name);

/// TERYT code of a voivodeship name ("pomorskie" → "22"), or nullopt. Accepts what
/// `canonical_voivodeship` accepts.
std::optional<std::string> voivodeship_teryt(const MetrykaRules& rules, std::string_view name);

/// True when the first digit of `postcode` ("76-200") is a postal district plausible for the
/// voivodeship (grammars/voivodeships.grammar `[postal_districts]`). False for an unknown
/// voivodeship or a postcode not starting with a digit.
bool postcode_plausible(const MetrykaRules& rules, std::string_view voivodeship,
                        std::string_view postcode);

}  // namespace bdp
