// Validation of pipeline results. `ValidateRules::compile` reads grammars/validate.grammar:
// the rule table (code, default severity, description), thresholds, the metryka fields a BDP
// card must have and the furniture patterns (one RE2::Set, anchored at both ends, matched
// against trimmed body lines). `validate_page` runs the checks in a fixed order: whole-input
// problems (empty, binary) end the page's checks because nothing else is meaningful then;
// otherwise encoding, classification, stage diagnostics listed in the table (metryka's bad
// values and labels, the programme stage's slide gaps), metryka and boilerplate checks
// follow. Every finding passes through `ValidateRules::effective`, so switched-off rules
// cost nothing downstream. The formatters build strings only; nlohmann's replacing error
// handler keeps stray bytes from throwing.
#include "bdp/validate.h"

#include <algorithm>
#include <charconv>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>
#include <re2/re2.h>
#include <re2/set.h>

#include "bdp/source.h"
#include "bdp/text.h"

namespace bdp {

namespace {

constexpr std::string_view k_grammar = "validate.grammar";

struct Thresholds {
  double encoding_confidence = 0.5;
  double classification_confidence = 0.5;
  double binary_share = 0.02;
  double boilerplate_share = 0.85;
};

/// Record keys of `Metryka` a grammar may require, with a presence test each.
bool has_metryka_field(const Metryka& m, std::string_view key, bool& known) {
  known = true;
  if (key == "entered") return m.entered.has_value();
  if (key == "updated") return m.updated.has_value();
  if (key == "unit_type") return m.unit_type.has_value();
  if (key == "locality") return m.locality.has_value();
  if (key == "county") return m.county.has_value();
  if (key == "voivodeship") return m.voivodeship.has_value();
  if (key == "postal_code") return m.postal_code.has_value();
  if (key == "post_office") return m.post_office.has_value();
  if (key == "implementing_unit") return m.implementing_unit.has_value();
  if (key == "street") return m.street.has_value();
  if (key == "phones") return !m.phones.empty();
  if (key == "faxes") return !m.faxes.empty();
  if (key == "websites") return !m.websites.empty();
  if (key == "emails") return !m.emails.empty();
  if (key == "population") return m.population.has_value();
  if (key == "contacts") return !m.contacts.empty();
  known = false;
  return false;
}

std::optional<Severity> parse_severity(std::string_view s, bool& off) {
  off = false;
  if (s == "error") return Severity::error;
  if (s == "warning") return Severity::warning;
  if (s == "off") {
    off = true;
    return Severity::warning;
  }
  return std::nullopt;
}

/// 1-based character column of byte `offset` in `line`.
int column_at(std::string_view line, std::size_t offset) {
  int col = 1;
  std::size_t i = 0;
  while (i < offset && i < line.size()) {
    next_cp(line, i);
    ++col;
  }
  return col;
}

/// Byte offset of the first non-space character of `line` (line.size() when blank).
std::size_t first_non_space(std::string_view line, std::size_t from = 0) {
  std::size_t i = from;
  while (i < line.size()) {
    std::size_t start = i;
    if (!is_space_cp(next_cp(line, i))) return start;
  }
  return line.size();
}

/// Column of the value on a `Label: value` line: after the first ':' and the blanks
/// following it; the first non-blank character when there is no ':'.
int value_column(std::string_view line) {
  std::size_t colon = line.find(':');
  std::size_t at = first_non_space(line, colon == std::string_view::npos ? 0 : colon + 1);
  if (at == line.size()) at = first_non_space(line);
  return column_at(line, at);
}

std::string_view page_line(const SourcePage& page, int line) {
  if (line < 1 || static_cast<std::size_t>(line) > page.line_count()) return {};
  return page.line(static_cast<std::size_t>(line - 1));
}

int field_line(const Metryka& m, std::string_view key) {
  for (const auto& [k, line] : m.field_lines)
    if (k == key) return line;
  return 0;
}

/// A short quotation of `s` for messages.
std::string quote(std::string_view s) {
  std::string n = normalize_space(s);
  constexpr std::size_t k_max = 60;
  if (n.size() > k_max) {
    std::size_t cut = k_max;
    while (cut > 0 && (static_cast<unsigned char>(n[cut]) & 0xC0) == 0x80) --cut;
    n = n.substr(0, cut) + "…";
  }
  return "\"" + n + "\"";
}

}  // namespace

struct ValidateRules::Impl {
  std::vector<ValidateRule> rules;
  std::unordered_map<std::string, std::size_t> index;
  Thresholds thresholds;
  std::vector<std::string> required_fields;
  std::vector<std::string> furniture_names;
  std::unique_ptr<RE2::Set> furniture;
  std::unique_ptr<MetrykaRules> metryka;  ///< for the postcode/voivodeship table
};

ValidateRules::ValidateRules(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ValidateRules::~ValidateRules() = default;

std::unique_ptr<ValidateRules> ValidateRules::compile(const Grammars& g,
                                                      std::vector<GrammarError>& errors) {
  const std::size_t errors_before = errors.size();
  auto impl = std::make_unique<Impl>();
  if (g.file(k_grammar) == nullptr) {
    errors.push_back({std::string(k_grammar), 0, "grammar file is missing"});
    return nullptr;
  }
  for (const auto& e : g.entries(k_grammar, "rules")) {
    std::size_t bar = e.value.find('|');
    std::string sev(trim(std::string_view(e.value).substr(0, bar)));
    bool off = false;
    auto severity = parse_severity(sev, off);
    if (bar == std::string::npos || !severity) {
      errors.push_back(g.error_at(k_grammar, e, "expected `code = error|warning|off | description`"));
      continue;
    }
    if (impl->index.count(e.key) != 0) {
      errors.push_back(g.error_at(k_grammar, e, fmt::format("rule '{}' defined twice", e.key)));
      continue;
    }
    impl->index.emplace(e.key, impl->rules.size());
    impl->rules.push_back(
        {e.key, *severity, !off, std::string(trim(std::string_view(e.value).substr(bar + 1)))});
  }
  for (const auto& e : g.entries(k_grammar, "thresholds")) {
    double v = 0;
    auto [ptr, ec] = std::from_chars(e.value.data(), e.value.data() + e.value.size(), v);
    if (ec != std::errc() || ptr != e.value.data() + e.value.size() || v < 0 || v > 1) {
      errors.push_back(g.error_at(k_grammar, e, "threshold must be a number in 0..1"));
      continue;
    }
    Thresholds& t = impl->thresholds;
    if (e.key == "encoding_confidence") t.encoding_confidence = v;
    else if (e.key == "classification_confidence") t.classification_confidence = v;
    else if (e.key == "binary_share") t.binary_share = v;
    else if (e.key == "boilerplate_share") t.boilerplate_share = v;
    else errors.push_back(g.error_at(k_grammar, e, fmt::format("unknown threshold '{}'", e.key)));
  }
  Metryka empty;
  for (const auto& e : g.entries(k_grammar, "required_metryka")) {
    bool known = false;
    has_metryka_field(empty, e.key, known);
    if (!known)
      errors.push_back(g.error_at(k_grammar, e, fmt::format("unknown metryka field '{}'", e.key)));
    else
      impl->required_fields.push_back(e.key);
  }
  RE2::Options opts;
  opts.set_log_errors(false);
  impl->furniture = std::make_unique<RE2::Set>(opts, RE2::ANCHOR_BOTH);
  for (const auto& e : g.entries(k_grammar, "furniture")) {
    std::string error;
    if (impl->furniture->Add(narrow_unicode_classes(e.value), &error) < 0) {
      errors.push_back(g.error_at(k_grammar, e, fmt::format("bad pattern: {}", error)));
      continue;
    }
    impl->furniture_names.push_back(e.key);
  }
  if (!impl->furniture->Compile())
    errors.push_back({std::string(k_grammar), 0, "furniture patterns do not compile"});
  impl->metryka = MetrykaRules::compile(g, errors);
  if (errors.size() != errors_before) return nullptr;
  return std::unique_ptr<ValidateRules>(new ValidateRules(std::move(impl)));
}

const std::vector<ValidateRule>& ValidateRules::rules() const { return impl_->rules; }

const ValidateRule* ValidateRules::rule(std::string_view code) const {
  auto it = impl_->index.find(std::string(code));
  return it == impl_->index.end() ? nullptr : &impl_->rules[it->second];
}

std::optional<Severity> ValidateRules::effective(std::string_view code,
                                                 const ValidateConfig& config) const {
  const ValidateRule* r = rule(code);
  if (r == nullptr) return std::nullopt;
  std::string key(code);
  auto sev = config.severity.find(key);
  bool on = r->enabled_by_default || sev != config.severity.end();
  if (config.disabled.count(key) != 0) on = false;
  if (config.enabled.count(key) != 0) on = true;
  if (!on) return std::nullopt;
  return sev != config.severity.end() ? sev->second : r->severity;
}

namespace {

/// Collects findings of one page, dropping switched-off rules.
class Collector {
 public:
  Collector(const PageResult& page, const ValidateRules& rules, const ValidateConfig& config)
      : page_(page), rules_(rules), config_(config) {}

  bool on(std::string_view code) const { return rules_.effective(code, config_).has_value(); }

  void add(std::string_view code, int line, int column, std::string message) {
    auto sev = rules_.effective(code, config_);
    if (!sev) return;
    out_.push_back({page_.source.path, line, column, *sev, std::string(code), std::move(message)});
  }

  std::vector<Finding> take() {
    std::stable_sort(out_.begin(), out_.end(), [](const Finding& a, const Finding& b) {
      return std::tie(a.line, a.column) < std::tie(b.line, b.column);
    });
    return std::move(out_);
  }

 private:
  const PageResult& page_;
  const ValidateRules& rules_;
  const ValidateConfig& config_;
  std::vector<Finding> out_;
};

bool is_binary_cp(char32_t cp) {
  if (cp == '\n' || cp == '\t' || cp == '\r' || cp == '\f' || cp == '\v') return false;
  return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0xFFFD;
}

/// Empty or binary text. Returns true when the page's other checks make no sense.
bool check_text(const SourcePage& src, const Thresholds& t, Collector& c) {
  std::size_t total = 0, bad = 0, first_bad = std::string::npos;
  bool blank = true;
  for (std::size_t i = 0; i < src.text.size();) {
    std::size_t at = i;
    char32_t cp = next_cp(src.text, i);
    ++total;
    if (is_binary_cp(cp)) {
      ++bad;
      if (first_bad == std::string::npos) first_bad = at;
    } else if (cp != '\n' && cp != '\r' && !is_space_cp(cp)) {
      blank = false;
    }
  }
  if (blank && bad == 0) {
    c.add("page.empty", 0, 0, src.bytes == 0 ? "the input is empty" : "the page has only blanks");
    return true;
  }
  if (total > 0 && static_cast<double>(bad) > t.binary_share * static_cast<double>(total)) {
    std::string_view head(src.text.data(), first_bad);
    int line = 1 + static_cast<int>(std::count(head.begin(), head.end(), '\n'));
    std::size_t line_start = head.rfind('\n');
    line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
    int column = column_at(head.substr(line_start), first_bad - line_start);
    c.add("page.binary", line, column,
          fmt::format("{} of {} characters are NUL, control characters or undecodable bytes", bad,
                      total));
    return true;
  }
  return false;
}

void check_diagnostics(const PageResult& p, const ValidateRules& rules, Collector& c) {
  std::vector<const Diagnostic*> all;
  for (const auto* list : {&p.diagnostics, &p.source.diagnostics, &p.boilerplate.diagnostics,
                           &p.metryka.diagnostics, &p.programme.diagnostics})
    for (const auto& d : *list) all.push_back(&d);
  std::vector<std::tuple<std::string_view, int, int, std::string_view>> seen;
  for (const Diagnostic* d : all) {
    if (rules.rule(d->code) == nullptr) continue;
    auto key = std::make_tuple(std::string_view(d->code), d->line, d->column,
                               std::string_view(d->message));
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
    seen.push_back(key);
    int column = d->column;
    if (column == 0 && d->line > 0) column = value_column(page_line(p.source, d->line));
    c.add(d->code, d->line, column, d->message);
  }
}

void check_metryka(const PageResult& p, const ValidateRules::Impl& r,
                   const ValidateConfig& config, Collector& c) {
  const Metryka& m = p.metryka;
  if (!m.found) {
    c.add("metryka.missing", 0, 0, "a BDP card without a metryka block");
    return;
  }
  for (const auto& key : r.required_fields) {
    bool known = false;
    if (!has_metryka_field(m, key, known))
      c.add("metryka.missing_field", m.first_line, m.first_line > 0 ? 1 : 0,
            fmt::format("required metryka field '{}' is missing or has no usable value", key));
  }
  auto at = [&](std::string_view key) {
    int line = field_line(m, key);
    return std::make_pair(line, line > 0 ? value_column(page_line(p.source, line)) : 0);
  };
  if (m.entered && m.updated && *m.updated < *m.entered) {
    auto [line, col] = at("updated");
    c.add("metryka.updated_before_entered", line, col,
          fmt::format("updated {} is earlier than entered {}", *m.updated, *m.entered));
  }
  if (m.postal_code && m.voivodeship &&
      !postcode_plausible(*r.metryka, *m.voivodeship, *m.postal_code)) {
    auto [line, col] = at("postal_code");
    c.add("metryka.postcode_voivodeship", line, col,
          fmt::format("postcode {} is not in voivodeship {}", *m.postal_code, *m.voivodeship));
  }
  if (!config.today.empty()) {
    for (const auto& [key, value] : {std::pair{"entered", &m.entered}, {"updated", &m.updated}}) {
      if (*value && **value > config.today) {
        auto [line, col] = at(key);
        c.add("metryka.future_date", line, col,
              fmt::format("{} {} is after today ({})", key, **value, config.today));
      }
    }
  }
}

void check_boilerplate(const PageResult& p, const ValidateRules::Impl& r, Collector& c) {
  if (c.on("boilerplate.left_in_body")) {
    std::vector<int> hits;
    for (const auto& nl : p.body) {
      std::string_view t = trim(nl.text);
      if (t.empty()) continue;
      hits.clear();
      if (!r.furniture->Match(re2::StringPiece(t.data(), t.size()), &hits) || hits.empty())
        continue;
      std::sort(hits.begin(), hits.end());
      int column = column_at(nl.text, first_non_space(nl.text));
      c.add("boilerplate.left_in_body", nl.line, column,
            fmt::format("body line {} looks like furniture ({})", quote(t),
                        r.furniture_names[static_cast<std::size_t>(hits.front())]));
    }
  }
  const SourcePage& src = p.source;
  if (p.boilerplate.lines.size() != src.line_count() || src.line_count() == 0) return;
  std::size_t total = 0, stripped = 0;
  for (std::size_t i = 0; i < src.line_count(); ++i) {
    std::size_t n = trim(src.line(i)).size();
    total += n;
    if (!p.boilerplate.lines[i].keep) stripped += n;
  }
  double share = total == 0 ? 0 : static_cast<double>(stripped) / static_cast<double>(total);
  if (share > r.thresholds.boilerplate_share)
    c.add("boilerplate.mostly_boilerplate", 0, 0,
          fmt::format("{:.0f}% of the text is page furniture; the scrape may be truncated",
                      share * 100));
}

}  // namespace

std::vector<Finding> validate_page(const PageResult& page, const ValidateRules& rules,
                                   const ValidateConfig& config) {
  const ValidateRules::Impl& r = rules.impl();
  Collector c(page, rules, config);
  if (check_text(page.source, r.thresholds, c)) return c.take();
  if (page.source.encoding_confidence < r.thresholds.encoding_confidence)
    c.add("source.low_confidence_encoding", 0, 0,
          fmt::format("encoding guessed as {} with confidence {:.2f}", page.source.encoding,
                      page.source.encoding_confidence));
  const Classification& cls = page.classification;
  if (cls.type == PageType::unknown) {
    c.add("classify.unknown_type", 0, 0, "the page type could not be determined");
  } else if (cls.confidence < r.thresholds.classification_confidence) {
    c.add("classify.low_confidence", 0, 0,
          fmt::format("page type determined with confidence {:.2f}", cls.confidence));
  }
  check_diagnostics(page, rules, c);
  if (cls.type == PageType::bdp_practice) check_metryka(page, r, config, c);
  check_boilerplate(page, r, c);
  if (cls.type == PageType::mops_programme && page.quantities.empty())
    c.add("programme.no_quantities", 0, 0, "a MOPS programme page with no outcome numbers");
  return c.take();
}

std::optional<Finding> unreadable_input(const std::string& path, const ReadError& error,
                                        const ValidateRules& rules,
                                        const ValidateConfig& config) {
  auto sev = rules.effective("input.unreadable", config);
  if (!sev) return std::nullopt;
  return Finding{path, 0, 0, *sev, "input.unreadable",
                 fmt::format("{} ({})", error.message, error.code)};
}

RunChecks::RunChecks(const ValidateRules& rules, const ValidateConfig& config, PathOf path_of)
    : rules_(rules), config_(config), path_of_(std::move(path_of)) {}

namespace {

/// The first 64 bits of a hex SHA-256 (a shorter or malformed string leaves zero bits: it then
/// equals only the same malformed string, which is what "same content" needs).
std::uint64_t hex_prefix64(std::string_view hex) {
  std::uint64_t out = 0;
  for (std::size_t i = 0; i < 16; ++i) {
    const char c = i < hex.size() ? hex[i] : '0';
    const int v = c >= '0' && c <= '9'   ? c - '0'
                  : c >= 'a' && c <= 'f' ? c - 'a' + 10
                  : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                         : 0;
    out = out << 4 | static_cast<std::uint64_t>(v);
  }
  return out;
}

/// The id's table key: never 0, which marks an empty slot.
std::uint64_t id_key(std::string_view id) {
  const std::uint64_t k = hex_prefix64(sha256_hex(id));
  return k == 0 ? 1 : k;
}

}  // namespace

const RunChecks::Seen* RunChecks::find(std::uint64_t id) const {
  if (slots_.empty()) return nullptr;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = id & mask;; i = (i + 1) & mask) {
    if (slots_[i].id == id) return &slots_[i];
    if (slots_[i].id == 0) return nullptr;
  }
}

void RunChecks::insert(const Seen& seen) {
  if (4 * (used_ + 1) > 3 * slots_.size()) {
    std::vector<Seen> old(std::max<std::size_t>(64, 2 * slots_.size()));
    old.swap(slots_);
    used_ = 0;
    for (const auto& s : old)
      if (s.id != 0) insert(s);
  }
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = seen.id & mask;
  while (slots_[i].id != 0) i = (i + 1) & mask;
  slots_[i] = seen;
  ++used_;
}

std::vector<Finding> RunChecks::add(const PageResult& page, std::size_t ordinal) {
  std::vector<Finding> out;
  // An id made from no title identifies nothing: every such page would share it.
  if (page.id.empty() || page.layout.title.empty()) return out;
  const std::uint64_t id = id_key(page.id);
  const auto content = static_cast<std::uint32_t>(hex_prefix64(page.source.sha256) >> 32);
  const Seen* first = find(id);
  if (first == nullptr) {
    insert(Seen{id, content, static_cast<std::uint32_t>(ordinal)});
    return out;
  }
  const bool same = first->content == content;
  std::string_view code = same ? "run.duplicate_input" : "run.duplicate_id";
  if (auto sev = rules_.effective(code, config_)) {
    const std::string earlier = path_of_ ? path_of_(first->ordinal)
                                         : fmt::format("input #{}", first->ordinal + 1);
    out.push_back({page.source.path, 0, 0, *sev, std::string(code),
                   same ? fmt::format("identical to {} (id {})", earlier, page.id)
                        : fmt::format("same id {} as {}, but different content", page.id,
                                      earlier)});
  }
  return out;
}

void tally(ValidateSummary& summary, const std::vector<Finding>& findings,
           const ValidateConfig& config) {
  for (const auto& f : findings) {
    if (f.severity == Severity::error) {
      ++summary.errors;
      summary.failed = true;
    } else if (f.severity == Severity::warning) {
      ++summary.warnings;
      if (config.strict) summary.failed = true;
    }
  }
}

bool parse_validate_config(std::string_view json, const ValidateRules& rules,
                           ValidateConfig& config, std::string& error) {
  auto j = nlohmann::json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    error = "not a JSON object";
    return false;
  }
  auto codes = [&](const nlohmann::json& list, std::string_view key,
                   std::vector<std::string>& out) {
    if (!list.is_array()) {
      error = fmt::format("\"{}\" must be a list of rule codes", key);
      return false;
    }
    for (const auto& v : list) {
      if (!v.is_string() || rules.rule(v.get<std::string>()) == nullptr) {
        error = fmt::format("\"{}\": unknown rule code {}", key, v.dump());
        return false;
      }
      out.push_back(v.get<std::string>());
    }
    return true;
  };
  for (const auto& [key, value] : j.items()) {
    std::vector<std::string> list;
    if (key == "disable" || key == "enable") {
      if (!codes(value, key, list)) return false;
      for (const auto& code : list) {
        (key == "disable" ? config.enabled : config.disabled).erase(code);
        (key == "disable" ? config.disabled : config.enabled).insert(code);
      }
    } else if (key == "severity") {
      if (!value.is_object()) {
        error = "\"severity\" must map rule codes to \"error\", \"warning\" or \"off\"";
        return false;
      }
      for (const auto& [code, sev] : value.items()) {
        bool off = false;
        auto s = sev.is_string() ? parse_severity(sev.get<std::string>(), off) : std::nullopt;
        if (rules.rule(code) == nullptr || !s) {
          error = fmt::format("\"severity\": bad entry \"{}\": {}", code, sev.dump());
          return false;
        }
        if (off) {
          config.enabled.erase(code);
          config.disabled.insert(code);
        } else {
          config.severity[code] = *s;
          config.disabled.erase(code);
        }
      }
    } else if (key == "strict") {
      if (!value.is_boolean()) {
        error = "\"strict\" must be true or false";
        return false;
      }
      config.strict = value.get<bool>();
    } else {
      error = fmt::format("unknown key \"{}\"", key);
      return false;
    }
  }
  return true;
}

namespace {

constexpr std::string_view k_reset = "\x1b[0m";
constexpr std::string_view k_bold = "\x1b[1m";

std::string_view colour_of(Severity s) {
  return s == Severity::error ? "\x1b[1;31m" : s == Severity::warning ? "\x1b[1;33m" : "\x1b[1;36m";
}

std::string location(const Finding& f) {
  if (f.line <= 0) return f.path;
  if (f.column <= 0) return fmt::format("{}:{}", f.path, f.line);
  return fmt::format("{}:{}:{}", f.path, f.line, f.column);
}

std::string plural(std::size_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

std::string dump(const nlohmann::ordered_json& j, int indent = -1) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

/// Escapes for GitHub workflow command data; properties also escape ':' and ','.
std::string github_escape(std::string_view s, bool property) {
  std::string out;
  for (char ch : s) {
    switch (ch) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      case ':': out += property ? "%3A" : ":"; break;
      case ',': out += property ? "%2C" : ","; break;
      default: out += ch;
    }
  }
  return out;
}

/// A path as a SARIF artifact URI: percent-encoded, absolute paths as file:// URIs.
std::string artifact_uri(std::string_view path) {
  std::string out = path.starts_with('/') ? "file://" : "";
  for (char ch : path) {
    auto b = static_cast<unsigned char>(ch);
    if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') ||
        ch == '-' || ch == '.' || ch == '_' || ch == '~' || ch == '/')
      out += ch;
    else
      out += fmt::format("%{:02X}", b);
  }
  return out;
}

std::string_view sarif_level(Severity s) {
  return s == Severity::error ? "error" : s == Severity::warning ? "warning" : "note";
}

}  // namespace

std::string format_text(const std::vector<Finding>& findings, bool colour) {
  std::string out;
  for (const auto& f : findings) {
    std::string_view sev = to_string(f.severity);
    if (colour)
      out += fmt::format("{}{}:{} {}{}{}[{}]: {}\n", k_bold, printable(location(f)), k_reset,
                         colour_of(f.severity), sev, k_reset, f.code, printable(f.message));
    else
      out += fmt::format("{}: {}[{}]: {}\n", printable(location(f)), sev, f.code,
                         printable(f.message));
  }
  return out;
}

std::string format_text_summary(const ValidateSummary& s, bool colour) {
  std::string text =
      s.errors + s.warnings == 0
          ? fmt::format("no findings in {}", plural(s.inputs, "input"))
          : fmt::format("{}, {} in {}", plural(s.errors, "error"), plural(s.warnings, "warning"),
                        plural(s.inputs, "input"));
  if (!colour) return text + "\n";
  return fmt::format("{}{}{}\n", s.failed ? colour_of(Severity::error) : k_bold, text, k_reset);
}

std::string format_json(const std::vector<Finding>& findings) {
  std::string out;
  for (const auto& f : findings) {
    nlohmann::ordered_json j;
    j["type"] = "finding";
    j["path"] = f.path;
    j["line"] = f.line;
    j["column"] = f.column;
    j["severity"] = to_string(f.severity);
    j["code"] = f.code;
    j["message"] = f.message;
    out += dump(j) + "\n";
  }
  return out;
}

std::string format_json_summary(const ValidateSummary& s) {
  nlohmann::ordered_json j;
  j["type"] = "summary";
  j["inputs"] = s.inputs;
  j["errors"] = s.errors;
  j["warnings"] = s.warnings;
  j["failed"] = s.failed;
  return dump(j) + "\n";
}

std::string format_github(const std::vector<Finding>& findings) {
  std::string out;
  for (const auto& f : findings) {
    std::string_view cmd = f.severity == Severity::error     ? "error"
                           : f.severity == Severity::warning ? "warning"
                                                             : "notice";
    std::string props = "file=" + github_escape(f.path, true);
    if (f.line > 0) props += fmt::format(",line={}", f.line);
    if (f.line > 0 && f.column > 0) props += fmt::format(",col={}", f.column);
    props += ",title=" + github_escape(f.code, true);
    out += fmt::format("::{} {}::{}\n", cmd, props, github_escape(f.message, false));
  }
  return out;
}

std::string format_sarif(const std::vector<Finding>& findings, const ValidateRules& rules,
                         std::string_view version) {
  using ojson = nlohmann::ordered_json;
  ojson driver_rules = ojson::array();
  for (const auto& r : rules.rules()) {
    ojson rule;
    rule["id"] = r.code;
    rule["shortDescription"]["text"] = r.description;
    rule["defaultConfiguration"]["level"] =
        r.enabled_by_default ? sarif_level(r.severity) : std::string_view("none");
    driver_rules.push_back(std::move(rule));
  }
  ojson results = ojson::array();
  for (const auto& f : findings) {
    ojson res;
    res["ruleId"] = f.code;
    const auto& all = rules.rules();
    auto it = std::find_if(all.begin(), all.end(),
                           [&](const ValidateRule& r) { return r.code == f.code; });
    if (it != all.end()) res["ruleIndex"] = it - all.begin();
    res["level"] = sarif_level(f.severity);
    res["message"]["text"] = f.message;
    ojson phys;
    phys["artifactLocation"]["uri"] = artifact_uri(f.path);
    if (f.line > 0) {
      phys["region"]["startLine"] = f.line;
      if (f.column > 0) phys["region"]["startColumn"] = f.column;
    }
    ojson loc;
    loc["physicalLocation"] = std::move(phys);
    res["locations"] = ojson::array({std::move(loc)});
    results.push_back(std::move(res));
  }
  ojson driver;
  driver["name"] = "bdp-ingest";
  driver["version"] = version;
  driver["rules"] = std::move(driver_rules);
  ojson run;
  run["tool"]["driver"] = std::move(driver);
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = std::move(results);
  ojson log;
  log["version"] = "2.1.0";
  log["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  log["runs"] = ojson::array({std::move(run)});
  return dump(log, 2) + "\n";
}

}  // namespace bdp
