// The accumulator keeps one ordered map per breakdown (key → count) and one per unit, so its
// size follows the distinct keys; `result()` sorts copies of them. The formatters are pure:
// text tables aligned by code points, JSON through nlohmann::ordered_json (invalid UTF-8
// replaced), HTML as one string with inline CSS and SVG, every data string escaped.
#include "bdp/stats.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "bdp/text.h"

namespace bdp {

namespace {

/// The value of a non-empty string member, or "" (absent, empty or not a string).
template <class Json>
std::string string_member(const Json& obj, const char* key) {
  if (!obj.is_object()) return {};
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_string()) return {};
  return it->template get<std::string>();
}

void tally(std::map<std::string, std::uint64_t>& m, std::uint64_t& missing,
           const std::string& key) {
  if (key.empty())
    ++missing;
  else
    ++m[key];
}

/// "2010-09-30" → "2010"; anything that does not start with a 4-digit year → "".
std::string year_of(const std::string& date) {
  if (date.size() < 4 || (date.size() > 4 && date[4] != '-')) return {};
  for (int i = 0; i < 4; ++i)
    if (date[i] < '0' || date[i] > '9') return {};
  return date.substr(0, 4);
}

StatsBreakdown by_count(const std::map<std::string, std::uint64_t>& m, std::uint64_t missing) {
  StatsBreakdown b{{}, missing};
  for (const auto& [k, n] : m) b.rows.push_back({k, n});
  std::stable_sort(b.rows.begin(), b.rows.end(),
                   [](const StatsCount& a, const StatsCount& c) { return a.count > c.count; });
  return b;
}

StatsBreakdown by_key(const std::map<std::string, std::uint64_t>& m, std::uint64_t missing) {
  StatsBreakdown b{{}, missing};
  for (const auto& [k, n] : m) b.rows.push_back({k, n});
  return b;
}

constexpr std::string_view k_none = "(none)";

/// Integral totals print as integers; others with up to two decimals.
std::string format_number(double v) {
  if (std::isfinite(v) && std::fabs(v) < 9e15 && v == std::floor(v))
    return fmt::format("{:.0f}", v);
  std::string s = fmt::format("{:.2f}", v);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

std::size_t width(std::string_view s) {
  std::size_t i = 0, n = 0;
  while (i < s.size()) {
    next_cp(s, i);
    ++n;
  }
  return n;
}

/// First `max_cps` code points of `s`, with "…" when cut.
std::string clip(std::string_view s, std::size_t max_cps) {
  std::size_t i = 0, n = 0;
  while (i < s.size() && n + 1 < max_cps) {
    next_cp(s, i);
    ++n;
  }
  if (width(s) <= max_cps) return std::string(s);
  return std::string(s.substr(0, i)) + "…";
}

/// A table: first column left-aligned, the others right-aligned, two spaces between.
std::string text_table(const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> w(header.size());
  for (std::size_t c = 0; c < header.size(); ++c) w[c] = width(header[c]);
  for (const auto& r : rows)
    for (std::size_t c = 0; c < r.size() && c < w.size(); ++c) w[c] = std::max(w[c], width(r[c]));
  auto line = [&](const std::vector<std::string>& r) {
    std::string out;
    for (std::size_t c = 0; c < r.size() && c < w.size(); ++c) {
      std::string pad(w[c] - width(r[c]), ' ');
      if (c == 0)
        out += r[c] + (r.size() > 1 ? pad : "");
      else
        out += "  " + pad + r[c];
    }
    return out + "\n";
  };
  std::string out = line(header);
  for (const auto& r : rows) out += line(r);
  return out;
}

std::vector<std::vector<std::string>> breakdown_rows(const StatsBreakdown& b) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : b.rows) rows.push_back({r.key, std::to_string(r.count)});
  if (b.missing) rows.push_back({std::string(k_none), std::to_string(b.missing)});
  return rows;
}

}  // namespace

template <class Json>
bool StatsAccumulator::add_impl(const Json& r) {
  if (!r.is_object()) return false;
  ++records_;
  if (std::string id = string_member(r, "id"); !id.empty() && !ids_.insert(std::move(id)).second)
    ++duplicate_ids_;
  tally(page_types_, page_types_missing_, string_member(r, "page_type"));
  auto m = r.find("metryka");
  static const Json empty = Json::object();
  const Json& metryka = m != r.end() && m->is_object() ? *m : empty;
  tally(voivodeships_, voivodeships_missing_, string_member(metryka, "voivodeship"));
  tally(unit_types_, unit_types_missing_, string_member(metryka, "unit_type"));
  tally(years_, years_missing_, year_of(string_member(metryka, "entered")));

  if (auto q = r.find("quantities"); q != r.end() && q->is_array()) {
    for (const auto& item : *q) {
      if (!item.is_object()) continue;
      ++quantities_;
      std::string unit = string_member(item, "unit");
      if (unit.empty()) {
        ++quantities_no_unit_;
        continue;
      }
      UnitStats& u = units_[unit];
      u.unit = unit;
      ++u.quantities;
      std::string kind = string_member(item, "kind");
      auto v = item.find("value");
      // Summed: exact counts and money. Not a sub-count ("w tym 341": its parent counts it
      // already), nor a vague word's midpoint ("kilka razy" is not 5.5).
      const bool sub_count = item.contains("part_of");
      const bool vague = string_member(item, "qualifier") == "approx";
      if ((kind == "count" || kind == "money") && !sub_count && !vague && v != item.end() &&
          v->is_number()) {
        ++u.summed;
        u.total += v->template get<double>();
      }
    }
  }
  if (auto d = r.find("diagnostics"); d != r.end() && d->is_array()) {
    bool any = false;
    for (const auto& item : *d) {
      if (!item.is_object()) continue;
      any = true;
      tally(codes_, codes_missing_, string_member(item, "code"));
    }
    if (any) ++records_with_diagnostics_;
  }
  return true;
}

bool StatsAccumulator::add(const nlohmann::json& record) { return add_impl(record); }
bool StatsAccumulator::add(const nlohmann::ordered_json& record) { return add_impl(record); }

Stats StatsAccumulator::result(std::size_t top_units) const {
  Stats s;
  s.records = records_;
  s.page_types = by_count(page_types_, page_types_missing_);
  s.voivodeships = by_count(voivodeships_, voivodeships_missing_);
  s.unit_types = by_count(unit_types_, unit_types_missing_);
  s.entered_years = by_key(years_, years_missing_);
  s.diagnostics = by_count(codes_, codes_missing_);
  for (const auto& [k, u] : units_) s.units.push_back(u);
  std::stable_sort(s.units.begin(), s.units.end(), [](const UnitStats& a, const UnitStats& b) {
    return a.quantities > b.quantities;
  });
  s.units_distinct = s.units.size();
  if (top_units && s.units.size() > top_units) s.units.resize(top_units);
  s.quantities = quantities_;
  s.quantities_no_unit = quantities_no_unit_;
  s.records_with_diagnostics = records_with_diagnostics_;
  s.duplicate_ids = duplicate_ids_;
  return s;
}

std::string format_stats_text(const Stats& s, const StatsContext& ctx) {
  std::string out = fmt::format("Records: {}\n", s.records);
  if (ctx.malformed_lines) out += fmt::format("Malformed lines: {}\n", ctx.malformed_lines);
  if (ctx.unreadable_pages) out += fmt::format("Unreadable pages: {}\n", ctx.unreadable_pages);
  if (ctx.unreadable_inputs) out += fmt::format("Unreadable inputs: {}\n", ctx.unreadable_inputs);
  if (s.duplicate_ids)
    out += fmt::format("Records with an id seen before: {} (the same page twice?)\n", s.duplicate_ids);
  auto section = [&](const char* title, const StatsBreakdown& b, const char* what) {
    out += "\n";
    if (b.rows.empty() && !b.missing)
      out += fmt::format("{}: none\n", title);
    else
      out += text_table({title, what}, breakdown_rows(b));
  };
  section("Page type", s.page_types, "Records");
  section("Voivodeship", s.voivodeships, "Records");
  section("Unit type", s.unit_types, "Records");
  section("Entered (year)", s.entered_years, "Records");

  out += "\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& u : s.units)
    rows.push_back({u.unit, std::to_string(u.quantities), std::to_string(u.summed),
                    u.summed ? format_number(u.total) : "-"});
  if (rows.empty())
    out += "Unit: none\n";
  else
    out += text_table({"Unit", "Quantities", "Summed", "Total"}, rows);
  out += fmt::format("({} quantities; {} distinct units, {} shown; {} without a unit)\n",
                     s.quantities, s.units_distinct, s.units.size(), s.quantities_no_unit);
  out += "(Total: the sum of the values of kind count and money)\n";

  section("Diagnostic code", s.diagnostics, "Count");
  out += fmt::format("({} records with diagnostics)\n", s.records_with_diagnostics);
  return out;
}

std::string format_stats_json(const Stats& s, const StatsContext& ctx) {
  using ojson = nlohmann::ordered_json;
  auto breakdown = [](const StatsBreakdown& b) {
    ojson counts = ojson::object();
    for (const auto& r : b.rows) counts[r.key] = r.count;
    return ojson{{"counts", counts}, {"missing", b.missing}};
  };
  ojson j;
  j["inputs"] = ctx.inputs;
  j["records"] = s.records;
  j["malformed_lines"] = ctx.malformed_lines;
  j["unreadable_pages"] = ctx.unreadable_pages;
  j["unreadable_inputs"] = ctx.unreadable_inputs;
  j["duplicate_ids"] = s.duplicate_ids;
  j["page_type"] = breakdown(s.page_types);
  j["voivodeship"] = breakdown(s.voivodeships);
  j["unit_type"] = breakdown(s.unit_types);
  j["entered_year"] = breakdown(s.entered_years);
  ojson units = ojson::array();
  for (const auto& u : s.units) {
    ojson o{{"unit", u.unit}, {"quantities", u.quantities}, {"summed", u.summed}};
    if (u.total == std::floor(u.total) && std::fabs(u.total) < 9e15)
      o["total"] = static_cast<std::int64_t>(u.total);
    else
      o["total"] = u.total;
    units.push_back(std::move(o));
  }
  j["quantities"] = {{"items", s.quantities},
                     {"without_unit", s.quantities_no_unit},
                     {"units_distinct", s.units_distinct},
                     {"units", units}};
  ojson diag = breakdown(s.diagnostics);
  diag["records_with_diagnostics"] = s.records_with_diagnostics;
  j["diagnostics"] = diag;
  return j.dump(2, ' ', false, ojson::error_handler_t::replace) + "\n";
}

namespace {

std::string escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

/// Valid UTF-8 for the page (JSON strings are, but `ctx` strings come from the command line).
std::string clean(std::string_view s) {
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t start = i;
    char32_t cp = next_cp(s, i);
    if (cp == 0xFFFD && !(i - start == 3 && s.substr(start, 3) == "\xEF\xBF\xBD"))
      out += "\xEF\xBF\xBD";
    else if (cp < 0x20 && cp != '\n' && cp != '\t')
      out += ' ';
    else
      out.append(s.substr(start, i - start));
  }
  return out;
}

std::string html_text(std::string_view s) { return escape(clean(s)); }

struct Bar {
  std::string label;
  std::uint64_t count;
  bool missing;
};

constexpr int k_chart_width = 440, k_label_width = 170, k_row = 22, k_bar = 15;

/// A horizontal bar chart: one `<rect class="bar">` per row, labels on the left (clipped,
/// the full label in a <title> tooltip), counts at the bar's end.
std::string bar_chart(const std::vector<Bar>& bars, const std::string& caption) {
  if (bars.empty()) return "<p class=\"empty\">No data.</p>\n";
  std::uint64_t max = 1;
  for (const auto& b : bars) max = std::max(max, b.count);
  const int bar_area = k_chart_width - k_label_width - 60;
  const int height = static_cast<int>(bars.size()) * k_row + 4;
  std::string out = fmt::format(
      "<svg class=\"chart\" role=\"img\" aria-label=\"{}\" "
      "width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\">\n",
      html_text(caption), k_chart_width, height, k_chart_width, height);
  int y = 2;
  for (const auto& b : bars) {
    std::string label = html_text(b.label);
    int w = std::max(1, static_cast<int>(std::lround(static_cast<double>(b.count) /
                                                     static_cast<double>(max) * bar_area)));
    out += fmt::format(
        "<g><title>{}: {}</title>"
        "<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>"
        "<rect class=\"bar{}\" data-label=\"{}\" data-count=\"{}\" x=\"{}\" y=\"{}\" "
        "width=\"{}\" height=\"{}\"/>"
        "<text class=\"count\" x=\"{}\" y=\"{}\">{}</text></g>\n",
        label, b.count, k_label_width - 6, y + k_bar - 3, html_text(clip(b.label, 24)),
        b.missing ? " missing" : "", label, b.count, k_label_width, y, w, k_bar,
        k_label_width + w + 4, y + k_bar - 3, b.count);
    y += k_row;
  }
  return out + "</svg>\n";
}

std::vector<Bar> breakdown_bars(const StatsBreakdown& b) {
  std::vector<Bar> bars;
  for (const auto& r : b.rows) bars.push_back({r.key, r.count, false});
  if (b.missing) bars.push_back({std::string(k_none), b.missing, true});
  return bars;
}

constexpr const char* k_css = R"(
body{font-family:"DejaVu Sans","Liberation Sans",Arial,sans-serif;margin:24px;color:#222;background:#fff}
h1{font-size:22px;margin:0 0 6px}
h2{font-size:15px;margin:0 0 8px}
p.summary{margin:0 0 18px;color:#444;font-size:13px}
.grid{display:grid;grid-template-columns:repeat(2,460px);gap:18px 24px}
section{border:1px solid #ddd;border-radius:4px;padding:10px}
section.wide{grid-column:1/-1}
svg.chart text{font-size:12px;fill:#222}
rect.bar{fill:#3b6ea5}
rect.bar.missing{fill:#b8b8b8}
p.note,p.empty{font-size:12px;color:#555;margin:6px 0 0}
div.units{display:flex;gap:24px;align-items:flex-start}
table{border-collapse:collapse;font-size:12px}
th,td{padding:2px 10px;border-bottom:1px solid #eee;text-align:right}
th:first-child,td:first-child{text-align:left}
)";

}  // namespace

std::string format_stats_html(const Stats& s, const StatsContext& ctx) {
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += fmt::format("<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
                     html_text(ctx.title), k_css);
  out += fmt::format("<h1>{}</h1>\n<p class=\"summary\"><strong>{}</strong> records",
                     html_text(ctx.title), s.records);
  if (!ctx.inputs.empty()) {
    std::string names;
    for (std::size_t i = 0; i < ctx.inputs.size() && i < 5; ++i)
      names += (i ? ", " : "") + html_text(ctx.inputs[i]);
    if (ctx.inputs.size() > 5) names += fmt::format(" and {} more", ctx.inputs.size() - 5);
    out += " from " + names;
  }
  if (ctx.malformed_lines) out += fmt::format("; {} malformed lines", ctx.malformed_lines);
  if (ctx.unreadable_pages) out += fmt::format("; {} unreadable pages", ctx.unreadable_pages);
  if (ctx.unreadable_inputs) out += fmt::format("; {} unreadable inputs", ctx.unreadable_inputs);
  if (s.duplicate_ids) out += fmt::format("; {} records with an id seen before", s.duplicate_ids);
  out += ".</p>\n<div class=\"grid\">\n";

  auto section = [&](const char* id, const char* title, const StatsBreakdown& b) {
    out += fmt::format("<section id=\"{}\"><h2>{}</h2>\n", id, title);
    out += bar_chart(breakdown_bars(b), title);
    out += "</section>\n";
  };
  section("page-type", "Records by page type", s.page_types);
  section("voivodeship", "Records by voivodeship", s.voivodeships);
  section("unit-type", "Records by unit type", s.unit_types);
  section("entered-year", "Entries per year (metryka.entered)", s.entered_years);

  out += "<section id=\"units\" class=\"wide\"><h2>Most frequent quantity units</h2>\n";
  std::vector<Bar> bars;
  for (const auto& u : s.units) bars.push_back({u.unit, u.quantities, false});
  out += "<div class=\"units\">\n" + bar_chart(bars, "Quantities per unit");
  if (!s.units.empty()) {
    out +=
        "<table><thead><tr><th>Unit</th><th>Quantities</th><th>Summed (count, money)</th>"
        "<th>Total</th></tr></thead><tbody>\n";
    for (const auto& u : s.units)
      out +=
          fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", html_text(u.unit),
                      u.quantities, u.summed, u.summed ? format_number(u.total) : "–");
    out += "</tbody></table>\n";
  }
  out += "</div>\n";
  out += fmt::format(
      "<p class=\"note\">{} quantities, {} distinct units ({} shown), {} without a unit.</p>\n",
      s.quantities, s.units_distinct, s.units.size(), s.quantities_no_unit);
  out += "</section>\n";

  out += "<section id=\"diagnostics\" class=\"wide\"><h2>Diagnostics by code</h2>\n";
  out += bar_chart(breakdown_bars(s.diagnostics), "Diagnostics by code");
  out += fmt::format("<p class=\"note\">{} records with diagnostics.</p>\n",
                     s.records_with_diagnostics);
  out += "</section>\n</div>\n</body>\n</html>\n";
  return out;
}

}  // namespace bdp
