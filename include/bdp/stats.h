// A summary of many records, the first thing a researcher reads about a snapshot: records by
// page type, voivodeship, unit type and year of entry, the most frequent quantity units with
// their totals, and diagnostics by code.
//
// Life cycle: make a `StatsAccumulator`, `add()` records one at a time (streaming: memory
// grows with the number of distinct keys, never with the number of records), then `result()`
// gives a `Stats`, which the pure formatters turn into text, JSON or one self-contained HTML
// page. Reading files and reporting malformed lines is the caller's business.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <unordered_set>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace bdp {

/// One row of a breakdown: a key (a page type, a voivodeship, a year, a code) and how often
/// it was seen.
struct StatsCount {
  std::string key;
  std::uint64_t count = 0;
  bool operator==(const StatsCount&) const = default;
};

/// A breakdown of records by one field. `missing` counts records without the field (absent,
/// empty or of the wrong JSON type); it is not one of `rows`.
struct StatsBreakdown {
  std::vector<StatsCount> rows;  ///< most frequent first, ties by key; years: oldest first
  std::uint64_t missing = 0;
};

/// The quantities of one unit (`osoba`, `PLN`, …).
struct UnitStats {
  std::string unit;
  std::uint64_t quantities = 0;  ///< items of any kind with this unit
  std::uint64_t summed = 0;      ///< of which kind `count` or `money`, the ones in `total`
  double total = 0;              ///< sum of `value` over those
  bool operator==(const UnitStats&) const = default;
};

struct Stats {
  std::uint64_t records = 0;
  StatsBreakdown page_types;       ///< `page_type`
  StatsBreakdown voivodeships;     ///< `metryka.voivodeship`
  StatsBreakdown unit_types;       ///< `metryka.unit_type`
  StatsBreakdown entered_years;    ///< year of `metryka.entered` (`YYYY-…`)
  std::vector<UnitStats> units;    ///< most frequent first (ties by unit), at most `top_units`
  std::size_t units_distinct = 0;  ///< units seen in all (`units` may show fewer)
  std::uint64_t quantities = 0;    ///< quantity items in all
  std::uint64_t quantities_no_unit = 0;  ///< of which without a unit
  StatsBreakdown diagnostics;  ///< diagnostic items by `code`; `missing` = items without one
  std::uint64_t records_with_diagnostics = 0;
  std::uint64_t duplicate_ids = 0;  ///< records whose `id` an earlier record had (a page twice?)
};

/// Collects records one by one. Not thread-safe; add from one thread.
class StatsAccumulator {
 public:
  /// Counts one record (anything shaped as in record.md; unexpected shapes count as missing
  /// fields, never throw). A non-object is ignored and returns false.
  bool add(const nlohmann::json& record);
  bool add(const nlohmann::ordered_json& record);

  /// The summary so far, with the `top_units` most frequent units (0 = all). Can be called
  /// more than once; adding may continue afterwards.
  Stats result(std::size_t top_units = 0) const;

 private:
  template <class Json>
  bool add_impl(const Json& record);

  std::uint64_t records_ = 0;
  std::map<std::string, std::uint64_t> page_types_, voivodeships_, unit_types_, years_, codes_;
  std::uint64_t page_types_missing_ = 0, voivodeships_missing_ = 0, unit_types_missing_ = 0,
                years_missing_ = 0, codes_missing_ = 0;
  std::map<std::string, UnitStats> units_;
  std::uint64_t quantities_ = 0, quantities_no_unit_ = 0, records_with_diagnostics_ = 0;
  std::unordered_set<std::string> ids_;
  std::uint64_t duplicate_ids_ = 0;
};

/// Where the records came from and what went wrong reading them; shown by the formatters.
struct StatsContext {
  std::string title = "bdp-ingest stats";  ///< HTML <title> and heading (escaped)
  std::vector<std::string> inputs;         ///< input names as given
  std::uint64_t malformed_lines = 0;       ///< JSONL lines that were not records
  std::uint64_t unreadable_pages = 0;      ///< pages that could not be read
  std::uint64_t unreadable_inputs = 0;     ///< JSON Lines inputs that could not be opened
};

/// Aligned plain-text tables, one per breakdown ("(none)" rows for missing fields).
std::string format_stats_text(const Stats& s, const StatsContext& ctx = {});

/// One pretty-printed JSON object (keys as in `Stats`; breakdowns as {key: count} in the
/// order of `rows`, plus `missing`), ending in a newline.
std::string format_stats_json(const Stats& s, const StatsContext& ctx = {});

/// One self-contained HTML page (inline CSS, inline SVG bar charts, no scripts, no external
/// resources); every string from the data is escaped. Each bar is an SVG
/// `<rect class="bar" data-label=… data-count=…>`.
std::string format_stats_html(const Stats& s, const StatsContext& ctx = {});

}  // namespace bdp
