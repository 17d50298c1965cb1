// Metryka parser. Works in two passes over the page lines:
//
// 1. Segmenting. The block starts after a heading line ("Metryka praktyki", from
//    metryka.grammar `[heading]`) or, when there is no heading, at the first run of label lines
//    holding at least `min_labels_without_heading` known labels. Inside the block each line is
//    a label line ("Label:<NBSP> value", or a known label followed by NBSP/several spaces), a
//    continuation line (indented, NBSP included, further than the block's first label line:
//    a block indented as a whole reads as one at the margin), a blank line, or
//    anything else, which ends the block (so does a line matching `[end]`, the navigation bar).
//    Lines without indentation that hold just a URL/e-mail/phone are also taken as
//    continuations of a list label, because some scrapers drop the leading NBSP. So are, right
//    after the block's previous line: the value of a label written alone on its line ("Typ
//    jednostki:" then "gmina wiejska"), and the contact sub-block's lines when the scraper
//    dropped their indentation (see `unindented_contact_line`). Every line taken is inside the
//    block's line range, which the body leaves out. Without a heading, the block needs
//    `min_labels_without_heading` known labels written as labels (a colon, a tab, a dash, a
//    table cell, alone on the line); "Known label<NBSP>value" counts only inside a block.
//    The result is a list of occurrences: label,
//    record key (empty when unknown) and value pieces with their line and column.
// 2. Interpreting. Each occurrence is normalised by the rule of its key (dates, postcode,
//    voivodeship → TERYT, phones via libphonenumber, URLs, e-mails, population, the contact
//    sub-block, whose lines may also hold name, role, phones and e-mails at once). A value that
//    cannot be normalised is left out and reported with the line and column of the value.
//
// Labels are compared by `label_key`: lower case, accents dropped, spaces collapsed, final
// colon dropped, so case, NBSPs and missing Polish letters do not matter.
#include "bdp/metryka.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <bitset>
#include <charconv>
#include <map>
#include <set>
#include <unordered_map>

#include <phonenumbers/phonenumberutil.h>
#include <re2/re2.h>
#include <re2/set.h>

#include "bdp/atoms.h"
#include "bdp/text.h"

namespace i18n::phonenumbers {
// libphonenumber's embedded metadata (PhoneMetadataCollection, serialised); declared in its
// metadata.h, which the package does not install.
int metadata_size();
const void* metadata_get();
}  // namespace i18n::phonenumbers

namespace bdp {

namespace {

constexpr std::string_view kMetrykaFile = "metryka.grammar";
constexpr std::string_view kVoivodeshipFile = "voivodeships.grammar";

// A non-ASCII code point as to_ascii(to_lower(…)) writes it, for the Polish letters and the
// dashes and punctuation Polish pages use: the ASCII byte, 0 when it is dropped, -1 when the
// ICU path must decide.
inline int fold_polish_cp(char32_t cp) {
  switch (cp) {
    case U'ą': case U'Ą': return 'a';
    case U'ć': case U'Ć': return 'c';
    case U'ę': case U'Ę': return 'e';
    case U'ł': case U'Ł': return 'l';
    case U'ń': case U'Ń': return 'n';
    case U'ó': case U'Ó': return 'o';
    case U'ś': case U'Ś': return 's';
    case U'ź': case U'Ź': case U'ż': case U'Ż': return 'z';
    case 0x2013: case 0x2014: return '-';
    // Punctuation without case or decomposition: to_ascii drops it.
    case 0x00A7: case 0x00AB: case 0x00B0: case 0x00B7: case 0x00BB: case 0x2018:
    case 0x2019: case 0x201C: case 0x201D: case 0x201E: case 0x2022: case 0x2026:
      return 0;
    default: return -1;
  }
}

// to_ascii(to_lower(s)) without ICU for the common case: `s` (already space-normalised)
// holds only ASCII and the Polish letters, whose case folding and transliteration are fixed.
// Returns false, leaving `out` unspecified, when another code point needs the ICU path.
bool fold_polish_ascii(std::string_view s, std::string& out) {
  out.clear();
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      out.push_back(b >= 'A' && b <= 'Z' ? static_cast<char>(b - 'A' + 'a') : static_cast<char>(b));
      ++i;
      continue;
    }
    const int c = fold_polish_cp(next_cp(s, i));
    if (c < 0) return false;
    if (c > 0) out.push_back(static_cast<char>(c));
  }
  return true;
}

std::atomic<bool> fast_paths_on{true};  // set_metryka_fast_paths

bool fast_paths() { return fast_paths_on.load(std::memory_order_relaxed); }

// label_key (below) in one pass over `s`, into `out` (its capacity reused): the spaces of
// normalize_space (Unicode spaces, '\n', '\r') become one blank between two written bytes, and
// none next to a '/'; each other code point is folded as fold_polish_ascii folds it; ':' and
// blanks at the end are dropped. That is label_key's result whenever fold_polish_ascii takes
// every code point (a dropped punctuation mark leaves the blanks around it to be collapsed;
// the " /" and "/ " erasures take each blank next to a slash). False, `out` unspecified, for
// any other code point (U+FFFD from bytes that are not UTF-8 included): label_key's ICU path.
/// The one-pass fold's step: the code point at `i` (moved past it) as the key's byte; k_none
/// when it writes none (a space, which sets `pending`: a blank is owed; a mark the fold
/// drops), -1 when the fold does not take it (label_key's ICU path).
constexpr int k_none = -2;
inline int key_byte(std::string_view s, std::size_t& i, bool& pending) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {
    ++i;
    if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
      pending = true;
      return k_none;
    }
    return b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b;
  }
  const char32_t cp = next_cp(s, i);
  if (is_space_cp(cp)) {
    pending = true;
    return k_none;
  }
  const int folded = fold_polish_cp(cp);
  return folded == 0 ? k_none : folded;
}

bool label_key_one_pass(std::string_view s, std::string& out) {
  out.clear();
  bool pending = false;  // a blank is owed before the next written byte
  const std::size_t n = s.size();
  for (std::size_t i = 0; i < n;) {
    const int k = key_byte(s, i, pending);
    if (k == k_none) continue;
    if (k < 0) return false;
    const char c = static_cast<char>(k);
    if (pending && !out.empty() && out.back() != '/' && c != '/') out.push_back(' ');
    pending = false;
    out.push_back(c);
  }
  while (!out.empty() && (out.back() == ':' || out.back() == ' ')) out.pop_back();
  return true;
}

// The comparison form of labels, headings, month names and voivodeship names, as written
// (the reference for label_key_one_pass).
std::string label_key_plain(std::string_view s) {
  std::string n = normalize_space(s);
  std::string k;
  if (!fold_polish_ascii(n, k)) k = to_ascii(to_lower(n));
  while (!k.empty() && (k.back() == ':' || k.back() == ' ')) k.pop_back();
  k = normalize_space(k);
  // "Gmina / miasto" and "Gmina/miasto" are one label
  for (std::size_t at; (at = k.find(" /")) != std::string::npos;) k.erase(at, 1);
  for (std::size_t at; (at = k.find("/ ")) != std::string::npos;) k.erase(at + 1, 1);
  return k;
}

// The comparison form of labels, headings, month names and voivodeship names: lower case,
// accents dropped, spaces collapsed, final colon dropped, no blank next to a '/'.
std::string label_key(std::string_view s) {
  std::string k;
  if (fast_paths() && label_key_one_pass(s, k)) return k;
  return label_key_plain(s);
}

// label_key(s) in a buffer of the thread, valid until the next call: for lookups, which
// then allocate nothing.
const std::string& label_key_buffered(std::string_view s) {
  thread_local std::string k;
  if (!fast_paths() || !label_key_one_pass(s, k)) k = label_key_plain(s);
  return k;
}

// Rules out texts whose label_key is none of a set of keys by the key's first bytes, read as
// label_key_one_pass would write them, without writing the key: a page line's key is looked
// up against a few dozen labels or headings, and the first bytes of nearly every line's key
// ("w ramach", "program ", "ze srodkow") begin none of them.
class KeyFilter {
 public:
  KeyFilter() = default;
  template <class Keys>
  explicit KeyFilter(const Keys& keys) {
    for (const auto& entry : keys) {
      const std::string& k = key_of(entry);
      if (k.empty()) return;  // the empty key is never ruled out: the filter stays off
      std::uint64_t packed = 0;
      for (std::size_t j = 0; j < k.size() && j < k_depth; ++j) {
        const auto b = static_cast<unsigned char>(k[j]);
        if (b >= 0x80) return;  // nor is a key the one-pass fold cannot write
        packed |= std::uint64_t{b} << (8 * j);
        prefixes_[j].push_back(packed);
        if (j == 1) pairs_.set(static_cast<std::size_t>(packed));
      }
      if (k.size() <= k_depth) keys_[k.size() - 1].push_back(packed);
    }
    for (auto* all : {&prefixes_, &keys_})
      for (auto& v : *all) {
        std::sort(v.begin(), v.end());
        v.erase(std::unique(v.begin(), v.end()), v.end());
      }
    on_ = true;
  }

  /// False only when neither label_key(s) nor the key of any prefix of `s` is one of the
  /// keys: the key is empty, or its first j + 1 bytes (j < 8), the last of them neither ':'
  /// nor a blank (which the key's end may lose; the bytes before it stay), begin none of the
  /// keys while no shorter run of its first bytes that ends in such a byte (a prefix's key:
  /// the key so far, its ':' and blanks at the end taken off) is one. Those bytes are read
  /// as the one-pass fold writes them, from the code points before them; one the fold does
  /// not take there (ICU's path) gives true. Past them nothing can change them: ICU's path
  /// (case folding, NFD, marks and other non-ASCII dropped) maps each code point on its own,
  /// the ones before as the one-pass fold does.
  bool may_hold(std::string_view s) const {
    if (!on_ || !fast_paths()) return true;
    std::uint64_t packed = 0;  // the key's bytes so far
    std::size_t len = 0;
    int last = 0;
    bool pending = false;
    // Writes byte `x` of the key: 0 when the key so far begins no key, 1 when it is one (a
    // prefix's key may be), 2 when it begins one.
    auto write = [&](int x) {
      packed |= std::uint64_t(static_cast<unsigned>(x)) << (8 * len);
      const std::size_t j = len++;
      last = x;
      if (x == ':' || x == ' ') return 2;
      if (j == 1 ? !pairs_.test(static_cast<std::size_t>(packed))
                 : !std::binary_search(prefixes_[j].begin(), prefixes_[j].end(), packed))
        return 0;
      return std::binary_search(keys_[j].begin(), keys_[j].end(), packed) ? 1 : 2;
    };
    const std::size_t n = s.size();
    for (std::size_t i = 0; i < n;) {
      const int c = key_byte(s, i, pending);
      if (c == k_none) continue;
      if (c < 0) return true;
      // label_key_one_pass writes an owed blank first, except next to a '/'
      if (pending && len > 0 && last != '/' && c != '/') {
        write(' ');
        if (len == k_depth) return true;
      }
      pending = false;
      if (const int w = write(c); w < 2) return w == 1;
      if (len == k_depth) return true;
    }
    return len > 0;  // no byte written: the empty key, none of them
  }

 private:
  static constexpr std::size_t k_depth = 8;  // key bytes looked at
  static const std::string& key_of(const std::string& k) { return k; }
  template <class V>
  static const std::string& key_of(const std::pair<const std::string, V>& e) { return e.first; }

  bool on_ = false;
  std::array<std::vector<std::uint64_t>, k_depth> prefixes_;  // [j]: keys' first j + 1 bytes
  std::array<std::vector<std::uint64_t>, k_depth> keys_;      // [j]: the keys of j + 1 bytes
  std::bitset<1u << 15> pairs_;  // prefixes_[1] (two ASCII bytes) as bits
};

// RE2::FullMatch(text, re, args...), asking RE2's DFA first whether `re` matches at all: given
// groups to fill, RE2 skips that test on short texts and runs its BitState engine, which costs
// far more than the DFA on the many texts the rule does not match.
template <typename... Args>
bool full_match(re2::StringPiece text, const RE2& re, Args&&... args) {
  if (fast_paths() && !re.Match(text, 0, text.size(), RE2::ANCHOR_BOTH, nullptr, 0)) return false;
  return RE2::FullMatch(text, re, std::forward<Args>(args)...);
}

// RE2::PartialMatch the same way.
template <typename... Args>
bool partial_match(re2::StringPiece text, const RE2& re, Args&&... args) {
  if (fast_paths() && !re.Match(text, 0, text.size(), RE2::UNANCHORED, nullptr, 0)) return false;
  return RE2::PartialMatch(text, re, std::forward<Args>(args)...);
}

// 1-based column, in code points, of byte offset `off` of `line`.
int column_of(std::string_view line, std::size_t off) {
  int col = 1;
  for (std::size_t i = 0; i < off && i < line.size();) {
    next_cp(line, i);
    ++col;
  }
  return col;
}

bool starts_with_space(std::string_view s) {
  if (s.empty()) return false;
  std::size_t i = 0;
  return is_space_cp(next_cp(s, i));
}

// The number of space code points (NBSP and tab included) `s` starts with.
std::size_t indentation(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++n) {
    std::size_t j = i;
    if (!is_space_cp(next_cp(s, j))) break;
    i = j;
  }
  return n;
}

// `s` without at most `n` of its leading space code points (a view into `s`).
std::string_view dedent(std::string_view s, std::size_t n) {
  std::size_t i = 0;
  for (; n > 0 && i < s.size(); --n) {
    std::size_t j = i;
    if (!is_space_cp(next_cp(s, j))) break;
    i = j;
  }
  return s.substr(i);
}

// The ASCII letters and digits of `s`: label_key keeps every one of them (lower-cased), so a
// text with more of them than any known label's key is no known label.
std::size_t ascii_alnum(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  return n;
}

bool has_digit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Which normalisation a record key gets.
enum class Kind { date, lower_text, text, voivodeship, postcode, post_office, phones, faxes,
                  phones_and_faxes, urls, emails, population, contacts };

const std::map<std::string, Kind, std::less<>>& key_kinds() {
  static const std::map<std::string, Kind, std::less<>> kinds = {
      {"entered", Kind::date},          {"updated", Kind::date},
      {"unit_type", Kind::lower_text},  {"locality", Kind::text},
      {"county", Kind::text},           {"voivodeship", Kind::voivodeship},
      {"postal_code", Kind::postcode},  {"post_office", Kind::post_office},
      {"implementing_unit", Kind::text},
      {"street", Kind::text},           {"phones", Kind::phones},
      {"faxes", Kind::faxes},           {"phones_and_faxes", Kind::phones_and_faxes},
      {"websites", Kind::urls},
      {"emails", Kind::emails},         {"population", Kind::population},
      {"contacts", Kind::contacts}};
  return kinds;
}

bool is_list_kind(Kind k) {
  return k == Kind::phones || k == Kind::faxes || k == Kind::phones_and_faxes ||
         k == Kind::urls || k == Kind::emails || k == Kind::contacts;
}

}  // namespace

struct MetrykaRules::Impl {
  std::set<std::string> headings;
  std::size_t max_heading_chars = 0;  // longest heading key, in bytes
  std::unordered_map<std::string, std::string> labels;  // label_key → record key
  /// [labels_under_heading]: label_key → record key, known only in a block under a heading
  std::unordered_map<std::string, std::string> heading_labels;
  std::size_t max_label_prefix_words = 1;               // longest known label, in words
  std::size_t max_label_alnum = 0;  // most ASCII letters and digits in a known label's key
  /// Texts whose key is certainly no heading / no key of `labels` (fast paths).
  KeyFilter heading_filter, label_filter;
  /// label_line opens with "^(": its label (group 1) is a prefix of the line, whose key
  /// label_filter can rule out as any known label's.
  bool label_at_start = false;
  std::vector<std::unique_ptr<RE2>> end;
  /// The [end] rules again, in one set searched from the line's start only (null: none or not
  /// compiled): those anchored at the start (atoms::anchored_at_start) as written, the others
  /// after "(?s:.*?)"; and the indices in `end` of the rules left out (a `\Q` in them): is_end
  /// asks every block line, one DFA pass then instead of one a rule.
  std::unique_ptr<RE2::Set> end_anchored;
  std::vector<std::size_t> end_floating;
  std::set<std::string> empty_values;
  std::unordered_map<std::string, int> months;
  std::set<std::string> role_words;
  std::unordered_map<std::string, std::int64_t> population_multipliers;  // label_key → factor
  // [combined_part_words]: label_key of a word naming a combined value's part → record key
  std::unordered_map<std::string, std::string> combined_part_words;
  std::unique_ptr<RE2> label_line, date_iso, date_dmy, date_words, postcode, population,
      list_separator, url_scheme, url_bare, email, contact_phone, contact_fax, contact_email,
      bare_phone, person_name, phone_extension, contact_separator, name_role_separator,
      voivodeship_prefix, email_at, email_dot, phone_range, name_title, street_postcode,
      combined_separator, phone_and_fax, population_approximate;
  struct Voivodeship {
    std::string name;
    std::string teryt;
    std::string districts;  // plausible first postcode digits
  };
  std::vector<Voivodeship> voivodeships;
  std::unordered_map<std::string, std::size_t> voivodeship_index;  // label_key(name) → index
  std::size_t max_label_chars = 40;
  std::uint64_t serial = 0;  ///< this rule set among those compiled in the process (from 1)
  std::size_t max_label_words = 5;
  int min_labels = 2;
  std::size_t max_contact_line_words = 12;

  /// [inflection]: an inflected ending and the nominative's ("im" → "ie")
  std::vector<std::pair<std::string, std::string>> voivodeship_inflection;

  const Voivodeship* find_voivodeship(std::string_view raw) const {
    std::string v = to_lower(normalize_space(raw));
    // As scraped: "Warmińsko - Mazurskie", "podkarpackie.", "podkarpackie (Polska)".
    if (auto open = v.find(" ("); open != std::string::npos && v.back() == ')') v.resize(open);
    while (!v.empty() && (v.back() == '.' || v.back() == ',' || v.back() == ';')) v.pop_back();
    for (std::string_view dash : {" - ", " – ", "- ", " -", " – ", "– "})
      for (std::size_t at; (at = v.find(dash)) != std::string::npos;) v.replace(at, dash.size(), "-");
    if (voivodeship_prefix) {
      re2::StringPiece sp(v);
      if (RE2::Consume(&sp, *voivodeship_prefix)) v = std::string(sp);
    }
    auto it = voivodeship_index.find(label_key(v));
    if (it == voivodeship_index.end())
      for (const auto& [ending, nominative] : voivodeship_inflection)
        if (v.size() > ending.size() && v.ends_with(ending)) {
          it = voivodeship_index.find(label_key(v.substr(0, v.size() - ending.size()) + nominative));
          if (it != voivodeship_index.end()) break;
        }
    return it == voivodeship_index.end() ? nullptr : &voivodeships[it->second];
  }
};

MetrykaRules::MetrykaRules(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
MetrykaRules::~MetrykaRules() = default;

namespace {

std::unique_ptr<RE2> compile_regex(const Grammars& g, std::string_view file,
                                   const GrammarEntry& e, std::string_view pattern,
                                   std::vector<GrammarError>& errors) {
  RE2::Options opt;
  opt.set_log_errors(false);
  opt.set_encoding(RE2::Options::EncodingUTF8);
  auto re = std::make_unique<RE2>(narrow_unicode_classes(pattern), opt);
  if (!re->ok()) {
    errors.push_back(g.error_at(file, e, "bad regex: " + re->error()));
    return nullptr;
  }
  return re;
}

int parse_int(std::string_view s, int fallback) {
  int v = fallback;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && p == s.data() + s.size() ? v : fallback;
}

}  // namespace

std::unique_ptr<MetrykaRules> MetrykaRules::compile(const Grammars& g,
                                                    std::vector<GrammarError>& errors) {
  auto impl = std::make_unique<Impl>();
  static std::atomic<std::uint64_t> compiled{0};
  impl->serial = ++compiled;
  auto missing = [&](std::string_view file, std::string what) {
    const GrammarFile* f = g.file(file);
    errors.push_back({f ? f->origin : std::string(file), 0, std::move(what)});
  };
  if (!g.file(kMetrykaFile)) missing(kMetrykaFile, "grammar file missing");
  if (!g.file(kVoivodeshipFile)) missing(kVoivodeshipFile, "grammar file missing");

  for (const auto& e : g.entries(kMetrykaFile, "heading")) {
    std::string k = label_key(e.key);
    impl->max_heading_chars = std::max(impl->max_heading_chars, k.size());
    impl->headings.insert(std::move(k));
  }
  const auto& kinds = key_kinds();
  for (const auto& e : g.entries(kMetrykaFile, "labels")) {
    // A combined label names several keys ("województwo / powiat = voivodeship county").
    std::string unknown;
    for (std::string_view rest = e.value; !rest.empty();) {
      std::string_view key = rest.substr(0, rest.find(' '));
      rest.remove_prefix(std::min(rest.size(), key.size() + 1));
      const auto kind = kinds.find(key);
      if (kind == kinds.end() || (key != e.value && (is_list_kind(kind->second) ||
                                                      kind->second == Kind::contacts)))
        unknown = std::string(key);
    }
    if (e.value.empty() || !unknown.empty()) {
      errors.push_back(g.error_at(kMetrykaFile, e, "unknown record key '" + unknown + "'"));
      continue;
    }
    std::string k = label_key(e.key);
    impl->labels[k] = e.value;
    impl->max_label_prefix_words = std::max<std::size_t>(
        impl->max_label_prefix_words, 1 + static_cast<std::size_t>(std::count(k.begin(), k.end(), ' ')));
    impl->max_label_alnum = std::max(impl->max_label_alnum, ascii_alnum(k));
  }
  impl->heading_filter = KeyFilter(impl->headings);
  impl->label_filter = KeyFilter(impl->labels);
  for (const auto& e : g.entries(kMetrykaFile, "labels_under_heading")) {
    const auto kind = kinds.find(e.value);
    if (kind == kinds.end()) {
      errors.push_back(g.error_at(kMetrykaFile, e, "unknown record key '" + e.value + "'"));
      continue;
    }
    impl->heading_labels[label_key(e.key)] = e.value;
  }
  for (const auto& e : g.entries(kMetrykaFile, "end"))
    if (auto re = compile_regex(g, kMetrykaFile, e, e.key, errors)) impl->end.push_back(std::move(re));
  {
    RE2::Options opt;
    opt.set_log_errors(false);
    opt.set_encoding(RE2::Options::EncodingUTF8);
    auto set = std::make_unique<RE2::Set>(opt, RE2::ANCHOR_START);
    std::vector<std::size_t> floating;
    bool any = false, ok = true;
    for (std::size_t k = 0; k < impl->end.size(); ++k) {
      const std::string& p = impl->end[k]->pattern();  // as compiled (narrowed)
      if (atoms::anchored_at_start(p)) {
        ok = ok && set->Add(p, nullptr) >= 0;
        any = true;
      } else if (p.find("\\Q") == std::string::npos &&
                 set->Add("(?s:.*?)(?:" + p + ")", nullptr) >= 0) {
        // A floating rule matches from the line's start after any text: searched in the same
        // DFA pass (`\Q` could quote the group's end: such a rule is asked on its own).
        any = true;
      } else {
        floating.push_back(k);
      }
    }
    if (any && ok && set->Compile()) {
      impl->end_anchored = std::move(set);
      impl->end_floating = std::move(floating);
    } else {  // every rule on its own
      impl->end_floating.clear();
      for (std::size_t k = 0; k < impl->end.size(); ++k) impl->end_floating.push_back(k);
    }
  }
  for (const auto& e : g.entries(kMetrykaFile, "empty_values"))
    impl->empty_values.insert(label_key(e.key));
  for (const auto& e : g.entries(kMetrykaFile, "months")) {
    int m = parse_int(e.value, 0);
    if (m < 1 || m > 12) {
      errors.push_back(g.error_at(kMetrykaFile, e, "month number must be 1..12"));
      continue;
    }
    impl->months[label_key(e.key)] = m;
  }
  for (const auto& e : g.entries(kMetrykaFile, "role_words"))
    impl->role_words.insert(label_key(e.key));
  for (const auto& e : g.entries(kMetrykaFile, "combined_part_words")) {
    const auto kind = kinds.find(e.value);
    if (kind == kinds.end() || (kind->second != Kind::text && kind->second != Kind::voivodeship)) {
      errors.push_back(g.error_at(kMetrykaFile, e, "'" + e.value + "' is no place key"));
      continue;
    }
    impl->combined_part_words[label_key(e.key)] = e.value;
  }
  for (const auto& e : g.entries(kMetrykaFile, "population_multipliers")) {
    std::int64_t f = 0;
    auto [p, ec] = std::from_chars(e.value.data(), e.value.data() + e.value.size(), f);
    if (ec != std::errc() || p != e.value.data() + e.value.size() || f < 1) {
      errors.push_back(g.error_at(kMetrykaFile, e, "multiplier must be a positive integer"));
      continue;
    }
    std::string k = label_key(e.key);
    while (!k.empty() && k.back() == '.') k.pop_back();
    impl->population_multipliers[k] = f;
  }

  const std::pair<const char*, std::unique_ptr<RE2> Impl::*> patterns[] = {
      {"label_line", &Impl::label_line},       {"date_iso", &Impl::date_iso},
      {"date_dmy", &Impl::date_dmy},           {"date_words", &Impl::date_words},
      {"postcode", &Impl::postcode},           {"population", &Impl::population},
      {"list_separator", &Impl::list_separator}, {"url_scheme", &Impl::url_scheme},
      {"url_bare", &Impl::url_bare},           {"email", &Impl::email},
      {"contact_phone", &Impl::contact_phone}, {"contact_fax", &Impl::contact_fax},
      {"contact_email", &Impl::contact_email}, {"bare_phone", &Impl::bare_phone},
      {"person_name", &Impl::person_name},     {"phone_extension", &Impl::phone_extension},
      {"contact_separator", &Impl::contact_separator},
      {"name_role_separator", &Impl::name_role_separator},
      {"email_at", &Impl::email_at},           {"email_dot", &Impl::email_dot},
      {"phone_range", &Impl::phone_range},     {"name_title", &Impl::name_title},
      {"street_postcode", &Impl::street_postcode},
      {"combined_separator", &Impl::combined_separator},
      {"phone_and_fax", &Impl::phone_and_fax},
      {"population_approximate", &Impl::population_approximate}};
  // Optional rules: a grammar written before them still loads.
  auto optional = [](std::string_view name) {
    return name == "email_at" || name == "email_dot" || name == "phone_range" ||
           name == "name_title" || name == "street_postcode" || name == "combined_separator" ||
           name == "phone_and_fax" || name == "population_approximate";
  };
  for (const auto& e : g.entries(kMetrykaFile, "patterns")) {
    auto it = std::find_if(std::begin(patterns), std::end(patterns),
                           [&](const auto& p) { return e.key == p.first; });
    if (it == std::end(patterns)) {
      errors.push_back(g.error_at(kMetrykaFile, e, "unknown pattern '" + e.key + "'"));
      continue;
    }
    (*impl).*(it->second) = compile_regex(g, kMetrykaFile, e, e.value, errors);
  }
  for (const auto& [name, member] : patterns)
    if (!((*impl).*member) && g.file(kMetrykaFile) && !optional(name))
      missing(kMetrykaFile, std::string("[patterns] ") + name + " missing or invalid");
  if (impl->label_line && impl->label_line->NumberOfCapturingGroups() < 1) {
    missing(kMetrykaFile, "[patterns] label_line needs a group (the label)");
    impl->label_line.reset();
  }
  if (impl->label_line) {
    const std::string& p = impl->label_line->pattern();
    impl->label_at_start = p.starts_with("^(") && !p.starts_with("^(?");
  }

  for (const auto& e : g.entries(kMetrykaFile, "settings")) {
    if (e.key == "max_label_chars") {
      impl->max_label_chars = static_cast<std::size_t>(parse_int(e.value, 40));
    } else if (e.key == "max_label_words") {
      impl->max_label_words = static_cast<std::size_t>(parse_int(e.value, 5));
    } else if (e.key == "min_labels_without_heading") {
      impl->min_labels = parse_int(e.value, 2);
    } else if (e.key == "max_contact_line_words") {
      impl->max_contact_line_words = static_cast<std::size_t>(parse_int(e.value, 12));
    } else {
      errors.push_back(g.error_at(kMetrykaFile, e, "unknown setting '" + e.key + "'"));
    }
  }

  std::unordered_map<std::string, std::string> districts;
  for (const auto& e : g.entries(kVoivodeshipFile, "postal_districts")) {
    std::string digits;
    for (char c : e.value)
      if (c >= '0' && c <= '9') digits.push_back(c);
    districts[label_key(e.key)] = digits;
  }
  for (const auto& e : g.entries(kVoivodeshipFile, "teryt")) {
    if (e.value.size() != 2 || !has_digit(e.value)) {
      errors.push_back(g.error_at(kVoivodeshipFile, e, "TERYT code must be two digits"));
      continue;
    }
    std::string k = label_key(e.key);
    impl->voivodeship_index[k] = impl->voivodeships.size();
    impl->voivodeships.push_back({to_lower(normalize_space(e.key)), e.value, districts[k]});
  }
  for (const auto& e : g.entries(kVoivodeshipFile, "inflection"))
    impl->voivodeship_inflection.emplace_back(to_lower(e.key), to_lower(e.value));
  for (const auto& e : g.entries(kVoivodeshipFile, "prefix"))
    impl->voivodeship_prefix = compile_regex(g, kVoivodeshipFile, e, e.key, errors);

  return std::unique_ptr<MetrykaRules>(new MetrykaRules(std::move(impl)));
}

namespace {

/// Polish numbers without libphonenumber's parser. `Parse` (≈ 120 k instructions) and
/// `IsValidNumber` (≈ 50 k) were half the metryka stage; for the shapes a Polish page writes
/// (nine national digits with blanks, dashes, dots or parentheses between them, optionally after
/// "+48") their result is decided here by the same rules: validity is libphonenumber's own
/// `GetNumberTypeHelper` over the PL metadata read from the library itself (its embedded
/// metadata blob), so the answer follows the installed library. Any other shape returns
/// "undecided" and goes to libphonenumber. tests/metryka_test.cpp compares both paths over
/// generated shapes.
class PolishNumbers {
 public:
  static const PolishNumbers& get() {
    static const PolishNumbers instance;
    return instance;
  }

  /// nullopt: not decided here. Otherwise what `Parse` + `IsValidNumber` + `Format(E164)`
  /// give for `candidate` with region PL (an inner nullopt: not a valid number).
  std::optional<std::optional<std::string>> e164(std::string_view candidate) const {
    if (!usable_ || candidate.size() > 250) return std::nullopt;
    bool plus = candidate.starts_with("+48");
    std::string_view rest = plus ? candidate.substr(3) : candidate;
    char digits[9];
    std::size_t n = 0;
    for (char c : rest) {
      if (c >= '0' && c <= '9') {
        if (n == 9) return std::nullopt;
        digits[n++] = c;
      } else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '.') {
        return std::nullopt;
      }
    }
    if (n != 9 || digits[0] == '0') return std::nullopt;
    std::string_view nsn(digits, 9);
    // Without "+", a number starting with the country code could have it stripped
    // (MaybeExtractCountryCode): only when the nine digits fail the general pattern or are
    // too long, which is decided here only for the plain case.
    if (!plus && nsn.starts_with(country_code_) &&
        !(matches_pattern(general_, nsn) && general_max_length_ >= 9))
      return std::nullopt;
    if (!valid(nsn)) return std::optional<std::string>();
    return std::optional<std::string>("+" + country_code_ + std::string(nsn));
  }

 private:
  struct Desc {
    std::unique_ptr<RE2> pattern;  // null: empty pattern, never matches
    std::vector<int> lengths;
  };

  static bool matches_pattern(const Desc& d, std::string_view nsn) {
    return d.pattern && RE2::FullMatch(re2::StringPiece(nsn.data(), nsn.size()), *d.pattern);
  }

  // PhoneNumberUtil::IsNumberMatchingDesc
  static bool matches(const Desc& d, std::string_view nsn) {
    if (!d.lengths.empty() &&
        std::find(d.lengths.begin(), d.lengths.end(), static_cast<int>(nsn.size())) ==
            d.lengths.end())
      return false;
    return matches_pattern(d, nsn);
  }

  // PhoneNumberUtil::GetNumberTypeHelper(...) != UNKNOWN
  bool valid(std::string_view nsn) const {
    if (!matches(general_, nsn)) return false;
    for (const Desc* d : {&premium_rate_, &toll_free_, &shared_cost_, &voip_, &personal_number_,
                          &pager_, &uan_, &voicemail_, &fixed_line_})
      if (matches(*d, nsn)) return true;
    return !same_mobile_and_fixed_line_pattern_ && matches(mobile_, nsn);
  }

  // Protocol-buffer wire format, just enough for phonemetadata.proto.
  struct Wire {
    const unsigned char* p;
    const unsigned char* end;
    bool ok = true;
    std::uint64_t varint() {
      std::uint64_t v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (p == end) break;
        unsigned char b = *p++;
        v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
        if (!(b & 0x80)) return v;
      }
      ok = false;
      return 0;
    }
    std::string_view bytes() {
      std::uint64_t len = varint();
      if (!ok || len > static_cast<std::uint64_t>(end - p)) {
        ok = false;
        return {};
      }
      std::string_view s(reinterpret_cast<const char*>(p), len);
      p += len;
      return s;
    }
    void skip(int wire_type) {
      switch (wire_type) {
        case 0: varint(); break;
        case 1: if (end - p < 8) ok = false; else p += 8; break;
        case 2: bytes(); break;
        case 5: if (end - p < 4) ok = false; else p += 4; break;
        default: ok = false;
      }
    }
  };

  static Wire wire(std::string_view s) {
    auto* b = reinterpret_cast<const unsigned char*>(s.data());
    return {b, b + s.size()};
  }

  static bool parse_desc(std::string_view msg, Desc& d) {
    Wire w = wire(msg);
    while (w.ok && w.p < w.end) {
      std::uint64_t key = w.varint();
      auto field = key >> 3;
      int type = static_cast<int>(key & 7);
      if (field == 2 && type == 2) {  // national_number_pattern
        std::string_view pat = w.bytes();
        if (pat.empty()) continue;
        RE2::Options opt;
        opt.set_log_errors(false);
        d.pattern = std::make_unique<RE2>(re2::StringPiece(pat.data(), pat.size()), opt);
        if (!d.pattern->ok()) return false;
      } else if (field == 9 && type == 0) {  // possible_length
        d.lengths.push_back(static_cast<int>(static_cast<std::int32_t>(w.varint())));
      } else if (field == 9 && type == 2) {  // possible_length, packed
        Wire packed = wire(w.bytes());
        while (packed.ok && packed.p < packed.end)
          d.lengths.push_back(static_cast<int>(static_cast<std::int32_t>(packed.varint())));
        if (!packed.ok) return false;
      } else {
        w.skip(type);
      }
    }
    return w.ok;
  }

  PolishNumbers() {
    std::string_view blob(static_cast<const char*>(i18n::phonenumbers::metadata_get()),
                          static_cast<std::size_t>(i18n::phonenumbers::metadata_size()));
    Wire all = wire(blob);
    std::string_view pl;
    int regions_with_code = 0;
    while (all.ok && all.p < all.end) {
      std::uint64_t key = all.varint();
      if (key >> 3 != 1 || (key & 7) != 2) {
        all.skip(static_cast<int>(key & 7));
        continue;
      }
      std::string_view msg = all.bytes();
      Wire w = wire(msg);
      std::string_view id;
      std::uint64_t code = 0;
      while (w.ok && w.p < w.end) {
        std::uint64_t k = w.varint();
        if (k >> 3 == 9 && (k & 7) == 2) id = w.bytes();
        else if (k >> 3 == 10 && (k & 7) == 0) code = w.varint();
        else w.skip(static_cast<int>(k & 7));
      }
      if (!w.ok) return;
      if (code == 48) ++regions_with_code;
      if (id == "PL") pl = msg;
    }
    if (!all.ok || pl.empty() || regions_with_code != 1) return;
    const std::pair<int, Desc*> descs[] = {
        {1, &general_},  {2, &fixed_line_},       {3, &mobile_},  {4, &toll_free_},
        {5, &premium_rate_}, {6, &shared_cost_},  {7, &personal_number_}, {8, &voip_},
        {21, &pager_},   {25, &uan_},             {28, &voicemail_}};
    std::string_view international_prefix, national_prefix_for_parsing;
    std::uint64_t code = 0;
    Wire w = wire(pl);
    while (w.ok && w.p < w.end) {
      std::uint64_t k = w.varint();
      auto field = static_cast<int>(k >> 3);
      int type = static_cast<int>(k & 7);
      Desc* target = nullptr;
      for (const auto& [f, d] : descs)
        if (f == field) target = d;
      if (target && type == 2) {
        if (!parse_desc(w.bytes(), *target)) return;
      } else if (field == 10 && type == 0) {
        code = w.varint();
      } else if (field == 11 && type == 2) {
        international_prefix = w.bytes();
      } else if (field == 15 && type == 2) {
        national_prefix_for_parsing = w.bytes();
      } else if (field == 18 && type == 0) {
        same_mobile_and_fixed_line_pattern_ = w.varint() != 0;
      } else {
        w.skip(type);
      }
    }
    // The shortcuts above assume what the PL metadata says today: calling code 48, "00" as
    // the international prefix (a number starting 1–9 never has one), no national prefix to
    // strip, and possible lengths for the general description.
    if (!w.ok || code != 48 || international_prefix != "00" ||
        !national_prefix_for_parsing.empty() || general_.lengths.empty() || !general_.pattern)
      return;
    country_code_ = "48";
    general_max_length_ = *std::max_element(general_.lengths.begin(), general_.lengths.end());
    usable_ = true;
  }

  bool usable_ = false;
  std::string country_code_;
  int general_max_length_ = 0;
  bool same_mobile_and_fixed_line_pattern_ = false;
  Desc general_, fixed_line_, mobile_, toll_free_, premium_rate_, shared_cost_,
      personal_number_, voip_, pager_, uan_, voicemail_;
};

std::optional<std::string> normalize_phone_impl(std::string_view raw, bool fast) {
  // Language-free: the number is the first run of digits and phone punctuation; whatever
  // follows a letter ("wew. 12", "w. 3", "(sekretariat)") is not part of it.
  std::size_t start = raw.find_first_of("+0123456789(");
  if (start == std::string_view::npos) return std::nullopt;
  std::string run;
  for (std::size_t i = start; i < raw.size();) {
    char32_t cp = next_cp(raw, i);
    if (is_space_cp(cp)) {
      run.push_back(' ');
    } else if (cp < 0x80 && std::string_view("0123456789+()-./").find(static_cast<char>(cp)) !=
                                std::string_view::npos) {
      run.push_back(static_cast<char>(cp));
    } else {
      break;
    }
  }
  auto attempt = [&](std::string candidate) -> std::optional<std::string> {
    std::string digits;
    for (char c : candidate)
      if (c >= '0' && c <= '9') digits.push_back(c);
    // The old trunk prefix "(0-59) 841 85 00" is not part of the national number.
    if (digits.size() == 10 && digits[0] == '0' && digits[1] != '0' &&
        candidate.find('+') == std::string::npos)
      candidate = digits.substr(1);
    if (fast)
      if (auto decided = PolishNumbers::get().e164(candidate)) return *decided;
    const auto* util = i18n::phonenumbers::PhoneNumberUtil::GetInstance();
    i18n::phonenumbers::PhoneNumber number;
    if (util->Parse(candidate, "PL", &number) !=
            i18n::phonenumbers::PhoneNumberUtil::NO_PARSING_ERROR ||
        !util->IsValidNumber(number))
      return std::nullopt;
    std::string out;
    util->Format(number, i18n::phonenumbers::PhoneNumberUtil::E164, &out);
    return out;
  };
  if (auto r = attempt(run)) return r;
  // "23 662-27-25/26": an alternative ending after a slash.
  if (auto slash = run.rfind('/'); slash != std::string::npos) return attempt(run.substr(0, slash));
  return std::nullopt;
}

bool fixed_line(const std::string& e164) {
  const auto* util = i18n::phonenumbers::PhoneNumberUtil::GetInstance();
  i18n::phonenumbers::PhoneNumber number;
  return util->Parse(e164, "PL", &number) ==
             i18n::phonenumbers::PhoneNumberUtil::NO_PARSING_ERROR &&
         util->GetNumberType(number) == i18n::phonenumbers::PhoneNumberUtil::FIXED_LINE;
}

}  // namespace

void set_metryka_fast_paths(bool on) { fast_paths_on.store(on, std::memory_order_relaxed); }

std::optional<std::string> normalize_phone(std::string_view raw) {
  return normalize_phone_impl(raw, true);
}

std::optional<std::string> phone_with_area_code(std::string_view local,
                                                const std::string& previous) {
  // Seven digits, written with spaces, dashes or dots only: a subscriber number without its
  // area code. Anything else ("+48 …", "(89) …", a letter) is no such number.
  std::string digits;
  for (char c : local) {
    if (c >= '0' && c <= '9') digits.push_back(c);
    else if (c != ' ' && c != '-' && c != '.') return std::nullopt;
  }
  if (digits.size() != 7 || digits[0] == '0' || previous.size() != 12 ||
      !previous.starts_with("+48") || !fixed_line(previous))
    return std::nullopt;
  auto e164 = normalize_phone(previous.substr(3, 2) + digits);
  if (!e164 || !fixed_line(*e164)) return std::nullopt;
  return e164;
}

namespace detail {

std::optional<std::string> normalize_phone_libphonenumber(std::string_view raw) {
  return normalize_phone_impl(raw, false);
}

std::string metryka_label_key(std::string_view s) { return label_key(s); }

}  // namespace detail

std::optional<std::string> canonical_voivodeship(const MetrykaRules& rules,
                                                 std::string_view name) {
  const auto* v = rules.impl().find_voivodeship(name);
  return v ? std::optional<std::string>(v->name) : std::nullopt;
}

std::optional<std::string> voivodeship_teryt(const MetrykaRules& rules, std::string_view name) {
  const auto* v = rules.impl().find_voivodeship(name);
  return v ? std::optional<std::string>(v->teryt) : std::nullopt;
}

bool postcode_plausible(const MetrykaRules& rules, std::string_view voivodeship,
                        std::string_view postcode) {
  const auto* v = rules.impl().find_voivodeship(voivodeship);
  std::string_view p = trim(postcode);
  if (!v || p.empty() || p[0] < '0' || p[0] > '9') return false;
  return v->districts.find(p[0]) != std::string::npos;
}

namespace {

// A piece of a value: text as written, with where it sits in the page.
struct Piece {
  std::string_view text;
  int line = 0;
  int column = 0;
};

// One label line with its continuation lines.
struct Occurrence {
  std::string label;  // as written, spaces normalised
  std::string key;    // record key; empty for an unknown label
  int line = 0;
  std::vector<Piece> pieces;
};

struct LabelHit {
  std::string label;
  std::string key;
  std::string_view value;
  std::size_t value_offset = 0;
  /// A known label before its value with only spaces between (NBSP or several; no colon, tab,
  /// dash or table cell): read so inside a block, but no evidence that one starts ("tel.<NBSP>41
  /// 247 92 00" in a footer is a CMS binding the abbreviation to its number).
  bool loose = false;
};

struct Segment {
  bool heading = false;
  int first_line = 0;
  int last_line = 0;
  int known_labels = 0;
  std::vector<Occurrence> occurrences;
  std::vector<Diagnostic> diagnostics;  ///< lines of a field the block ended on (not taken)
};

/// What the label_line rule's group is in a span it matched, per thread, keyed by the span's
/// text and the byte after it: a card's labels are the same few spans on every card.
class LabelMemo {
 public:
  static LabelMemo& of_thread() {
    thread_local LabelMemo memo;
    return memo;
  }

  /// sub[1] = the group of `re` (rule set `serial`) in the match line[0, end).
  bool label(const RE2& re, std::uint64_t serial, std::string_view line, std::size_t end,
             re2::StringPiece* sub) {
    std::string_view span = line.substr(0, end);
    const int after = end < line.size() ? static_cast<unsigned char>(line[end]) : -1;
    if (end > k_max_span) return re.Match(line, 0, end, RE2::ANCHOR_BOTH, sub, 2);
    std::size_t h = std::hash<std::string_view>{}(span) ^ (static_cast<std::size_t>(after + 1) << 17);
    if (slots_.empty()) slots_.resize(k_slots);
    Entry& e = slots_[(h ^ (h >> 29)) & (k_slots - 1)];
    if (e.serial == serial && e.after == after && e.span == span) {
      sub[0] = re2::StringPiece(line.data(), end);
      sub[1] = e.group_at < 0 ? re2::StringPiece()
                              : re2::StringPiece(line.data() + e.group_at,
                                                 static_cast<std::size_t>(e.group_size));
      return true;
    }
    if (!re.Match(line, 0, end, RE2::ANCHOR_BOTH, sub, 2)) return false;
    e.serial = serial;
    e.after = after;
    e.span.assign(span);
    e.group_at = sub[1].data() ? static_cast<int>(sub[1].data() - line.data()) : -1;
    e.group_size = static_cast<int>(sub[1].size());
    return true;
  }

 private:
  static constexpr std::size_t k_slots = 1024;   // a power of two
  static constexpr std::size_t k_max_span = 256;  // longer spans are not remembered
  struct Entry {
    std::uint64_t serial = 0;  // 0: empty
    int after = -1;            // the byte after the span, -1: the line's end
    std::string span;
    int group_at = -1, group_size = 0;
  };
  std::vector<Entry> slots_;
};

/// `text` lower-cased, with the [patterns] email_at spellings ("[at]", "(małpa)", " @ ")
/// written as "@" and the email_dot ones ("[dot]", "(kropka)") as "."; a "mailto:" taken off.
std::string plain_email(const MetrykaRules::Impl& r, std::string_view text) {
  std::string e = to_lower(text);
  if (e.starts_with("mailto:")) e.erase(0, 7);  // a link's target copied as written
  if (r.email_at && e.find_first_of("[( @") != std::string::npos)
    RE2::GlobalReplace(&e, *r.email_at, "@");
  if (r.email_dot && e.find_first_of("[(") != std::string::npos)
    RE2::GlobalReplace(&e, *r.email_dot, ".");
  return e;
}

class Segmenter {
 public:
  Segmenter(const SourcePage& page, const MetrykaRules::Impl& r) : page_(page), r_(r) {}

  /// `line` holds a heading; its indentation does not matter (a block indented as a whole).
  bool is_heading(std::string_view line) const {
    line = dedent(line, std::string_view::npos);
    if (auto row = table_row(line); row && row->second.empty()) line = row->first;  // "| Metryka |"
    // The key filter first: it decides on a line's first bytes. Then every ASCII letter and
    // digit survives label_key: a line with more of them than the longest heading is none.
    if (!r_.heading_filter.may_hold(line)) return false;
    std::size_t alnum = 0;
    for (char c : line)
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        if (++alnum > r_.max_heading_chars) return false;
    return r_.headings.count(label_key_buffered(line)) > 0;
  }

  // "Label: value" or "Known label<NBSP or 2+ spaces>value".
  /// The label_line rule on `line`. With one group the rule covers the label and its colon
  /// and the value is the rest of the line: RE2 then extracts the group from the label's few
  /// bytes, where a `(.*)$` group made it run its NFA over the whole line (a prose line with
  /// a colon cost ~30 k instructions). A rule with two groups still gives the value itself.
  ///
  /// The span is found by RE2's DFA alone; the label inside it comes from the thread's
  /// LabelMemo when the same span ("Miejscowość: ", "Powiat: ") was read before, otherwise
  /// from a match with the group over the span (RE2's BitState: ~10 k instructions a line).
  bool label_value(std::string_view line, re2::StringPiece& label,
                   re2::StringPiece& value) const {
    const RE2& re = *r_.label_line;
    if (re.NumberOfCapturingGroups() >= 2) return RE2::FullMatch(line, re, &label, &value);
    re2::StringPiece m[2];
    if (!re.Match(line, 0, line.size(), RE2::ANCHOR_START, m, 1)) return false;
    const std::size_t end = m[0].size();  // anchored at the start: the span is [0, end)
    if (!LabelMemo::of_thread().label(re, r_.serial, line, end, m)) return false;
    label = m[1];
    value = re2::StringPiece(line.data() + end, line.size() - end);
    return true;
  }

  /// A table row as a scraper writes an HTML table: "| Label | value |" (the outer bars
  /// optional after the first): the first cell and the rest, trimmed of the bars.
  static std::optional<std::pair<std::string_view, std::string_view>> table_row(std::string_view line) {
    std::string_view t = trim(line);
    if (!t.starts_with('|')) return std::nullopt;
    t.remove_prefix(1);
    const std::size_t bar = t.find('|');
    if (bar == std::string_view::npos) return std::nullopt;
    std::string_view cell = trim(t.substr(0, bar));
    std::string_view rest = trim(t.substr(bar + 1));
    while (!rest.empty() && rest.back() == '|') rest = trim(rest.substr(0, rest.size() - 1));
    if (cell.empty()) return std::nullopt;
    return std::make_pair(cell, rest);
  }

  /// A table row whose first cell is empty ("|  | tel. 81 855 21 47 |"): the row goes on with
  /// the value of the row above (an HTML cell of several lines, a scraper writing each line
  /// as a row of its own); its other cells, trimmed of the bars. Empty for any other line.
  static std::string_view continued_row(std::string_view t) {
    if (!t.starts_with('|')) return {};
    t.remove_prefix(1);
    const std::size_t bar = t.find('|');
    if (bar == std::string_view::npos || !trim(t.substr(0, bar)).empty()) return {};
    std::string_view rest = trim(t.substr(bar + 1));
    while (!rest.empty() && rest.back() == '|') rest = trim(rest.substr(0, rest.size() - 1));
    return rest;
  }

  // The record key of a label key: as written, or without a note in brackets at its end
  // ("Liczba mieszkańców (2010 r.)", "Telefon (sekretariat)"); null when unknown.
  const std::string* known_label(const std::string& key) const {
    if (auto it = r_.labels.find(key); it != r_.labels.end()) return &it->second;
    if (key.ends_with(')')) {
      const std::size_t open = key.rfind('(');
      if (open != std::string::npos && open > 0)
        if (auto it = r_.labels.find(label_key_buffered(std::string_view(key).substr(0, open)));
            it != r_.labels.end())
          return &it->second;
    }
    return nullptr;
  }

  std::optional<LabelHit> match_label(std::string_view line) const {
    if (starts_with_space(line)) return std::nullopt;
    if (auto row = table_row(line)) {
      auto [cell, value] = *row;
      std::string written = normalize_space(cell);
      while (!written.empty() && written.back() == ':') written.pop_back();
      std::string key = label_key(written);
      const std::string* known = known_label(key);
      const std::size_t off = value.empty() ? line.size() : static_cast<std::size_t>(value.data() - line.data());
      if (known) return LabelHit{written, *known, value, off};
      std::size_t words = 1 + static_cast<std::size_t>(std::count(key.begin(), key.end(), ' '));
      if (!value.empty() && written.size() <= r_.max_label_chars && words <= r_.max_label_words)
        return LabelHit{written, "", value, off};
      return std::nullopt;
    }
    re2::StringPiece label, value;
    // label_line needs a colon; most page lines have none.
    if (line.find(':') != std::string_view::npos && label_value(line, label, value) &&
        !std::string_view(value).starts_with("//")) {
      // A table without its outer pipes ("**Miejscowość:** | Dobczyce", html2text): the cell
      // separator is no part of the value.
      if (value.starts_with("|")) {
        value.remove_prefix(1);
        while (!value.empty() && (value[0] == ' ' || value[0] == '\t')) value.remove_prefix(1);
      }
      std::string written = normalize_space(std::string_view(label));
      std::string key = label_key(written);
      const std::string* known = known_label(key);
      std::size_t off = static_cast<std::size_t>(value.data() - line.data());
      if (known) return LabelHit{written, *known, value, off};
      std::size_t words = 1 + static_cast<std::size_t>(std::count(key.begin(), key.end(), ' '));
      if (written.size() <= r_.max_label_chars && words <= r_.max_label_words)
        return LabelHit{written, "", value, off};
    }
    return match_label_without_colon(line);
  }

  /// A label wrapped over two lines in its column: `t` (trimmed, at the block's margin) holds
  /// the label's start and perhaps its value after a clear gap (two or more spaces, a tab or
  /// an NBSP); `next`, unindented, holds the label's tail up to its colon and perhaps the value
  /// after it. The hit when the two parts make a known label (its value then a view of the line
  /// that holds it); none when `t` or `next` says otherwise (a colon in `t`'s label part, a tail
  /// of more than max_label_words words, values on both lines).
  std::optional<LabelHit> wrapped_label(std::string_view t, std::string_view next) const {
    if (t.empty() || indented_line(next)) return std::nullopt;
    const std::string_view n = trim(next);
    const std::size_t colon = n.find(':');
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    const std::string_view tail = trim(n.substr(0, colon));
    if (tail.empty() || static_cast<std::size_t>(std::count(tail.begin(), tail.end(), ' ')) + 1 >
                            r_.max_label_words)
      return std::nullopt;
    std::string_view head = t, value;
    if (const std::size_t gap = clear_gap(t); gap != std::string_view::npos) {
      head = trim(t.substr(0, gap));
      value = trim(t.substr(gap));
    }
    if (head.empty() || head.find(':') != std::string_view::npos) return std::nullopt;
    const std::string_view next_value = trim(n.substr(colon + 1));
    if (!value.empty() && !next_value.empty()) return std::nullopt;
    std::string joined(head);
    joined += ' ';
    joined += tail;
    std::string written = normalize_space(joined);
    const std::string* known = known_label(label_key(written));
    if (!known) return std::nullopt;
    const std::string_view v = value.empty() ? next_value : value;
    const std::string_view holder = value.empty() ? next : t;
    return LabelHit{std::move(written), *known, v,
                    v.empty() ? holder.size() : static_cast<std::size_t>(v.data() - holder.data())};
  }

  /// Where `t`'s first clear gap starts (two or more spaces, a tab, an NBSP), npos when none.
  static std::size_t clear_gap(std::string_view t) {
    for (std::size_t i = 0; i + 1 < t.size(); ++i) {
      if (t[i] == '\t') return i;
      if (t[i] == ' ' && t[i + 1] == ' ') return i;
      if (static_cast<unsigned char>(t[i]) == 0xC2 && static_cast<unsigned char>(t[i + 1]) == 0xA0)
        return i;
    }
    return std::string_view::npos;
  }

  static bool indented_line(std::string_view s) { return starts_with_space(s); }

  /// A line a browser prints at a page's foot or head: an address ("http://…", "www.…"), a
  /// page count at its end ("1/2", "Strona 1 z 2") or a date at its start ("12.10.2012 …").
  static bool print_line(std::string_view t) {
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (t.find("http://") != std::string_view::npos || t.find("https://") != std::string_view::npos ||
        t.starts_with("www."))
      return true;
    // "… 1/2"
    std::size_t e = t.size();
    std::size_t k = e;
    while (k > 0 && digit(t[k - 1])) --k;
    if (k < e && k > 0 && t[k - 1] == '/') {
      std::size_t j = k - 1;
      std::size_t d = j;
      while (d > 0 && digit(t[d - 1])) --d;
      if (d < j && (d == 0 || t[d - 1] == ' ')) return true;
    }
    // "… Strona 2 z 3"
    if (const std::size_t z = t.rfind(" z "); z != std::string_view::npos && z + 3 < t.size() &&
        std::all_of(t.begin() + static_cast<std::ptrdiff_t>(z + 3), t.end(), digit)) {
      std::string_view head = t.substr(0, z);
      std::size_t d = head.size();
      while (d > 0 && digit(head[d - 1])) --d;
      if (d < head.size() && d >= 7 && head.substr(0, d).ends_with("trona ")) return true;
    }
    // "12.10.2012 …", "2012-10-12 …"
    if (t.size() >= 10 && digit(t[0]) && digit(t[1]) &&
        ((t[2] == '.' && digit(t[3]) && digit(t[4]) && t[5] == '.') ||
         (digit(t[2]) && digit(t[3]) && t[4] == '-')))
      return true;
    return false;
  }

  /// Line i (trimmed `t`) is a print header or footer: a print_line that is no label, on one of
  /// the two lines before a page break or the three after it (blank lines between).
  bool print_furniture(std::size_t i, std::string_view t) const {
    for (const std::uint32_t b : page_.page_breaks) {
      if ((i < b && b - i <= 2) || (i >= b && i - b <= 3)) {
        // or a running header or footer: the same line elsewhere on the page
        if (!print_line(t) && !repeated_elsewhere(i, t)) return false;
        const auto hit = match_label(t);
        return !hit || hit->key.empty();
      }
    }
    return false;
  }

  bool repeated_elsewhere(std::size_t i, std::string_view t) const {
    for (std::size_t k = 0; k < page_.line_count(); ++k)
      if (k != i && trim(page_.line(k)) == t) return true;
    return false;
  }

  bool is_end(std::string_view line) const {
    if (!fast_paths())
      return std::any_of(r_.end.begin(), r_.end.end(),
                         [&](const auto& re) { return RE2::PartialMatch(line, *re); });
    if (r_.end_anchored && r_.end_anchored->Match(line, nullptr)) return true;
    return std::any_of(r_.end_floating.begin(), r_.end_floating.end(),
                       [&](std::size_t k) { return RE2::PartialMatch(line, *r_.end[k]); });
  }

  // Parses the block whose first candidate line is index `from`. `from_hit`: what match_label
  // gave for that line seen from its own margin, when the caller has asked already.
  Segment run(std::size_t from, bool heading, const LabelHit* from_hit = nullptr) const {
    Segment s;
    s.heading = heading;
    s.first_line = heading ? static_cast<int>(from) : static_cast<int>(from) + 1;
    s.last_line = s.first_line;
    // The indentation of the block's label lines, set by its first label: a line is indented
    // (a continuation) when it is indented further, so a block indented as a whole (a table
    // cell's export, a dump of a nested list) reads as one written at the margin.
    std::size_t base = 0;
    const bool fast = fast_paths();
    for (std::size_t i = from; i < page_.line_count(); ++i) {
      std::string_view raw = page_.line(i);
      int consumed = 0;  // the last line a wrapped label took, when it took one
      // Until the first label, a line is read from its own margin first. When that is also the
      // line as seen from the block's margin (a line not indented), its answers are reused
      // below instead of asked again (fast paths).
      std::string_view margin;
      bool margin_end = false;
      std::optional<LabelHit> margin_hit;
      if (s.occurrences.empty()) {
        margin = dedent(raw, std::string_view::npos);
        margin_end = is_end(margin);
        if (!margin_end)
          margin_hit = fast && i == from && from_hit ? *from_hit : match_label(margin);
        base = !margin_end && margin_hit ? indentation(raw) : 0;
      }
      // the line as seen from the block's margin
      const std::string_view line = dedent(raw, base);
      const bool read_already = fast && margin.data() && line.data() == margin.data() &&
                                line.size() == margin.size();
      int ln = static_cast<int>(i) + 1;
      std::string_view t = trim(line);
      if (t.empty()) continue;
      // A browser's print header or footer at a page break inside the block ("http://… 1/2" /
      // form feed / "12.10.2012 Baza Dobrych Praktyk - Skrót i Metryka"): no part of it.
      if (!page_.page_breaks.empty() && print_furniture(i, t)) continue;
      // a table's rule row ("|---|---|") between its heading and its rows
      if (t.starts_with('|') && t.find_first_not_of("|-:+= ") == std::string_view::npos) continue;
      if (read_already ? margin_end : is_end(line)) break;
      std::optional<LabelHit> hit = read_already ? std::move(margin_hit) : match_label(line);
      // "Data wprowadzenia do" / "BDP:", "Kod pocztowy i   11-400 Kętrzyn" / "Poczta:": a
      // label wrapped in its narrow column, its tail on the next line.
      if (!indented_line(line) && (!hit || hit->key.empty()) && i + 1 < page_.line_count())
        if (auto joined = wrapped_label(t, dedent(page_.line(i + 1), base))) {
          // The value is on the tail's line, or on this one after the gap (a w3m table).
          const std::string_view tail_raw = page_.line(i + 1);
          if (joined->value.empty() || (joined->value.data() >= tail_raw.data() &&
                                        joined->value.data() <= tail_raw.data() + tail_raw.size())) {
            raw = tail_raw;
            ln = static_cast<int>(i) + 2;
          }
          consumed = static_cast<int>(i) + 2;
          hit = std::move(joined);
          ++i;
        }
      if (heading && hit && hit->key.empty())
        if (auto it = r_.heading_labels.find(label_key_buffered(hit->label));
            it != r_.heading_labels.end())
          hit->key = it->second;
      Occurrence* cur = s.occurrences.empty() ? nullptr : &s.occurrences.back();
      const bool indented = starts_with_space(line);
      // The line right after the block's last line (no blank line between).
      const bool adjacent = cur && s.last_line == ln - 1;
      auto absorb = [&] {
        cur->pieces.push_back({t, ln, column_of(raw, static_cast<std::size_t>(t.data() - raw.data()))});
      };
      if (const std::string_view cells = cur && adjacent ? continued_row(t) : std::string_view();
          !cells.empty()) {
        // "| Osoby kontaktowe | Anna Wróblewska |" / "|  | tel. 81 855 21 47 |": the cell
        // under the value is the value's next line.
        t = cells;
        absorb();
      } else if (cur && adjacent && !indented && !hit && cur->pieces.empty() && cur->line == ln - 1) {
        // "Label:" alone on its line: the value is the next line.
        absorb();
      } else if (cur && adjacent && !indented && !hit && !cur->pieces.empty() &&
                 wraps_text_value(*cur, t)) {
        // "Jednostka wdrażająca: Miejski Ośrodek Pomocy Społecznej" / "w Wągrowcu, Dział …":
        // the value wrapped onto a line of its own, without indentation.
        absorb();
      } else if (cur && adjacent && !indented && cur->key == "contacts" &&
                 unindented_contact_line(*cur, i, t, hit ? &*hit : nullptr, base)) {
        absorb();
      } else if (cur && !indented && !hit && cur->key == "contacts" && s.last_line == ln - 2 &&
                 next_contact(i, t)) {
        // The next contact after one blank line: "Ewa Zając" / " Prezes …" / " tel. …".
        absorb();
      } else if (hit) {
        if (!hit->key.empty() && !hit->loose) ++s.known_labels;
        Occurrence o{hit->label, hit->key, ln, {}};
        std::string_view v = trim(hit->value);
        if (!v.empty())
          o.pieces.push_back({v, ln, column_of(raw, static_cast<std::size_t>(v.data() - raw.data()))});
        s.occurrences.push_back(std::move(o));
      } else if (cur && (indented || continues_list(*cur, t))) {
        absorb();
      } else if (!indented) {
        // A contact the rules above did not take (a name with no contact or role line under
        // it): said, so that it does not vanish between the block and the body.
        if (cur && cur->key == "contacts" && s.last_line >= ln - 2 &&
            (is_person_line(t) || (adjacent && is_role_line(t))))
          s.diagnostics.push_back(
              {Severity::warning, "metryka.dropped_line", ln,
               column_of(raw, static_cast<std::size_t>(t.data() - raw.data())),
               "'" + std::string(t) +
                   "' after the contacts ends the metryka block; not read as a contact"});
        break;
      }
      s.last_line = std::max(ln, consumed);
    }
    return s;
  }

 private:
  std::optional<LabelHit> match_label_without_colon(std::string_view line) const {
    // Every text looked up below (the trimmed line, the line's first words) has the key of a
    // prefix of the line, or an empty one (no label's).
    if (!r_.label_filter.may_hold(line)) return std::nullopt;
    // A known label alone on its line, its value on the next ("Województwo" / "podkarpackie"):
    // a definition list or a table scraped one cell per line.
    if (std::string_view t = trim(line); !t.empty() && t.size() <= r_.max_label_chars * 2 &&
                                         (!fast_paths() || ascii_alnum(t) <= r_.max_label_alnum)) {
      if (auto alone = r_.labels.find(label_key_buffered(t)); alone != r_.labels.end())
        return LabelHit{normalize_space(t), alone->second, std::string_view(), line.size()};
    }
    if (!fast_paths()) return without_colon_words_plain(line);
    // Word boundaries of the line (where a run of spaces starts, and where it ends), up to
    // the longest known label's number of words; ASCII bytes are read without decoding.
    thread_local std::vector<std::pair<std::size_t, std::size_t>> gaps;
    gaps.clear();
    const std::size_t n = line.size();
    auto space_at = [&](std::size_t& i) {  // is_space_cp(next_cp(line, i)), moving i past it
      const auto b = static_cast<unsigned char>(line[i]);
      if (b < 0x80) {
        ++i;
        return b == ' ' || b == '\t';
      }
      return is_space_cp(next_cp(line, i));
    };
    for (std::size_t i = 0; i < n && gaps.size() < r_.max_label_prefix_words;) {
      const std::size_t at = i;
      if (!space_at(i)) continue;
      std::size_t j = i;
      while (j < n) {
        std::size_t k = j;
        if (!space_at(k)) break;
        j = k;
      }
      gaps.emplace_back(at, j);
      i = j;
    }
    for (auto it = gaps.rbegin(); it != gaps.rend(); ++it) {
      const auto [at, j] = *it;
      std::string_view prefix = line.substr(0, at);
      // trim(rest) starts with a dash only if rest does or starts with a line break.
      if (j < n && (line[j] == '-' || line[j] == '\xE2' || line[j] == '\n' || line[j] == '\r')) {
        // A known label, then a dash, then the value ("Miejscowość - Krosno"): a template
        // that writes dashes for colons. "Osoby kontaktowe -": the dash ends the line, the
        // value is under it.
        std::string_view rest = line.substr(j);
        std::string_view tr = trim(rest);
        if (tr == "-" || tr == "–" || tr == "—") {
          auto known = r_.labels.find(label_key_buffered(prefix));
          if (known != r_.labels.end())
            return LabelHit{normalize_space(prefix), known->second, std::string_view(), n};
        }
        for (std::string_view dash : {"- ", "– ", "— "})
          if (rest.starts_with(dash)) {
            auto known = r_.labels.find(label_key_buffered(prefix));
            if (known == r_.labels.end()) break;
            std::size_t v = j + dash.size();
            while (v < n && line[v] == ' ') ++v;
            return LabelHit{normalize_space(prefix), known->second, line.substr(v), v};
          }
      }
      // Only a clear gap (NBSP, tab or several spaces) separates a label from prose.
      if (j >= n || (j == at + 1 && line[at] == ' ')) continue;
      auto found = r_.labels.find(label_key_buffered(prefix));
      if (found == r_.labels.end()) continue;
      const bool tab = line.substr(at, j - at).find('\t') != std::string_view::npos;
      return LabelHit{normalize_space(prefix), found->second, line.substr(j), j, !tab};
    }
    return std::nullopt;
  }

  // The words of match_label_without_colon as first written (the reference of the loop
  // above, for set_metryka_fast_paths(false)).
  std::optional<LabelHit> without_colon_words_plain(std::string_view line) const {
    // Word boundaries of the line, with the kind of space that follows each word.
    std::vector<std::size_t> word_ends;
    std::size_t i = 0;
    while (i < line.size() && word_ends.size() < r_.max_label_prefix_words) {
      std::size_t at = i;
      char32_t cp = next_cp(line, i);
      if (is_space_cp(cp)) {
        if (at > 0 && !word_ends.empty() && word_ends.back() == at) continue;
        word_ends.push_back(at);
        while (i < line.size()) {
          std::size_t j = i;
          if (!is_space_cp(next_cp(line, j))) break;
          i = j;
        }
      }
    }
    for (auto it = word_ends.rbegin(); it != word_ends.rend(); ++it) {
      // Only a clear gap (NBSP, tab or several spaces) separates a label from prose; checked
      // before the (costlier) label lookup.
      std::size_t j = *it;
      while (j < line.size()) {
        std::size_t k = j;
        char32_t cp = next_cp(line, k);
        if (!is_space_cp(cp)) break;
        j = k;
      }
      std::string_view prefix = line.substr(0, *it);
      // A known label, then a dash, then the value ("Miejscowość - Krosno"): a template that
      // writes dashes for colons.
      if (j < line.size()) {
        std::string_view rest = line.substr(j);
        // "Osoby kontaktowe -": the dash ends the line, the value is under it
        if (trim(rest) == "-" || trim(rest) == "–" || trim(rest) == "—") {
          auto known = r_.labels.find(label_key(prefix));
          if (known != r_.labels.end())
            return LabelHit{normalize_space(prefix), known->second, std::string_view(),
                            line.size()};
        }
        for (std::string_view dash : {"- ", "– ", "— "})
          if (rest.starts_with(dash)) {
            auto known = r_.labels.find(label_key(prefix));
            if (known == r_.labels.end()) break;
            std::size_t v = j + dash.size();
            while (v < line.size() && line[v] == ' ') ++v;
            return LabelHit{normalize_space(prefix), known->second, line.substr(v), v};
          }
      }
      if (j >= line.size() || (j == *it + 1 && line[*it] == ' ')) continue;
      auto found = r_.labels.find(label_key(prefix));
      if (found == r_.labels.end()) continue;
      const bool tab = line.substr(*it, j - *it).find('\t') != std::string_view::npos;
      return LabelHit{normalize_space(prefix), found->second, line.substr(j), j, !tab};
    }
    return std::nullopt;
  }

  // `t`, unindented right under a text value ("Jednostka wdrażająca", "Ulica", …), goes on
  // with that value: it starts with a lower-case letter, as a wrapped line does and prose or
  // the next label does not.
  static bool wraps_text_value(const Occurrence& cur, std::string_view t) {
    auto kind = key_kinds().find(cur.key);
    if (kind == key_kinds().end() || kind->second != Kind::text || t.empty() || starts_upper(t))
      return false;
    std::size_t i = 0;
    next_cp(t, i);
    std::string first = label_key(t.substr(0, i));
    return first.size() == 1 && first[0] >= 'a' && first[0] <= 'z';
  }

  bool is_role_line(std::string_view t) const {
    std::string k = label_key(t);
    if (k.empty()) return false;
    std::size_t words = 1 + static_cast<std::size_t>(std::count(k.begin(), k.end(), ' '));
    if (words > r_.max_contact_line_words) return false;
    std::string first = k.substr(0, std::min(k.find(' '), k.size()));
    while (!first.empty() && (first.back() == ',' || first.back() == '.')) first.pop_back();
    return r_.role_words.count(first) > 0;
  }

  bool is_person_line(std::string_view t) const {
    if (!RE2::FullMatch(t, *r_.person_name)) return false;
    std::string first = label_key(t.substr(0, std::min(t.find(' '), t.size())));
    return r_.role_words.count(first) == 0;
  }

  enum Detail { kNone = 0, kPhone = 1, kEmail = 2, kFax = 4 };

  // What kind of contact detail line `t` is ("tel. …", "e@mail: …", "fax …", a bare number or
  // address); kNone for anything else.
  int detail_kind(std::string_view t) const {
    if (RE2::FullMatch(t, *r_.contact_fax)) return kFax;
    if (RE2::FullMatch(t, *r_.contact_phone) || RE2::FullMatch(t, *r_.bare_phone)) return kPhone;
    if (RE2::FullMatch(t, *r_.contact_email) || RE2::FullMatch(plain_email(r_, t), *r_.email)) return kEmail;
    return kNone;
  }

  // The details the contact being read already has: the detail lines since its last name or
  // role line, and what that line holds itself ("Jan Nowak, tel. 22 …, e-mail: …").
  int details_seen(const Occurrence& o) const {
    int seen = 0;
    for (auto it = o.pieces.rbegin(); it != o.pieces.rend(); ++it) {
      int k = detail_kind(trim(it->text));
      if (k != kNone) {
        seen |= k;
        continue;
      }
      std::string_view t = it->text;
      if (t.find('@') != std::string_view::npos) seen |= kEmail;
      if (std::count_if(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; }) >= 7)
        seen |= kPhone;
      break;
    }
    return seen;
  }

  // A line of the contact sub-block written without indentation (the scraper dropped the NBSPs):
  // a role ("Kierownik Referatu …", first word in `[role_words]`), a detail line ("tel. …",
  // "e@mail: …" — even when it reads as a label of the unit, as long as no clear gap follows its
  // colon and the contact has no such detail yet), or a person's name followed by one of those
  // (the next contact). Only while the contact's own lines are unindented too: after indented
  // contact lines an unindented line is the next label or the end of the block.
  bool unindented_contact_line(const Occurrence& o, std::size_t i, std::string_view t,
                               const LabelHit* hit, std::size_t base) const {
    if (o.pieces.empty()) return false;
    // The lines of the contact being read: back to its first, unindented line (the label's
    // line or the name line of a later contact).
    for (auto it = o.pieces.rbegin(); it != o.pieces.rend() && it->line != o.line; ++it) {
      if (starts_with_space(dedent(page_.line(static_cast<std::size_t>(it->line) - 1), base))) {
        // Its lines are indented: an unindented line is the next label, the end of the block,
        // or the name of the next contact, written at column 0.
        return !hit && next_contact(i, t);
      }
      if (is_person_line(trim(it->text))) break;
    }
    int kind = detail_kind(t);
    if (hit) {
      if (kind == kNone) return false;
      if (!hit->key.empty() && (gap_after_label(t, *hit) || (details_seen(o) & kind))) return false;
      return true;
    }
    if (kind != kNone || is_role_line(t)) return true;
    return next_contact(i, t);
  }

  // A whole contact on one line: a person's name, a comma or dash, and a phone number or an
  // e-mail address among what follows ("Ewa Zając, Prezes Stowarzyszenia, tel. 604 112 223").
  bool one_line_contact(std::string_view t) const {
    if (!r_.name_role_separator) return false;
    re2::StringPiece match;
    if (!r_.name_role_separator->Match(t, 0, t.size(), RE2::UNANCHORED, &match, 1) ||
        match.empty())
      return false;
    const auto at = static_cast<std::size_t>(match.data() - t.data());
    if (!is_person_line(trim(t.substr(0, at)))) return false;
    std::string_view rest = t.substr(at);
    const auto digits =
        std::count_if(rest.begin(), rest.end(), [](char c) { return c >= '0' && c <= '9'; });
    return rest.find('@') != std::string_view::npos || digits >= 9;
  }

  // `t` (line `i`) is a person's name and the line under it a contact detail or a role: the
  // first line of the next contact.
  bool next_contact(std::size_t i, std::string_view t) const {
    if (one_line_contact(t)) return true;
    if (!is_person_line(t) || i + 1 >= page_.line_count()) return false;
    std::string_view next = trim(page_.line(i + 1));
    return !next.empty() && (detail_kind(next) != kNone || is_role_line(next));
  }

  // True when the value of a label line starts after a clear gap (NBSP, tab or several spaces),
  // as the card writes its labels; "e@mail: a@b.pl" with one space has none.
  static bool gap_after_label(std::string_view t, const LabelHit& hit) {
    std::size_t colon = t.rfind(':', static_cast<std::size_t>(std::max<std::ptrdiff_t>(
                                         0, hit.value.data() - t.data())));
    std::size_t start = colon == std::string_view::npos ? 0 : colon + 1;
    std::size_t end = static_cast<std::size_t>(hit.value.data() - t.data());
    if (end < start || end > t.size()) return false;
    std::string_view gap = t.substr(start, end - start);
    return gap.size() > 1 || (gap.size() == 1 && gap[0] != ' ');
  }

  // An unindented line that is plainly another value of a list label.
  bool continues_list(const Occurrence& o, std::string_view t) const {
    if (o.key == "websites") return RE2::FullMatch(t, *r_.url_scheme) || RE2::FullMatch(t, *r_.url_bare);
    if (o.key == "emails") return RE2::FullMatch(plain_email(r_, t), *r_.email);
    if (o.key == "phones" || o.key == "faxes") return RE2::FullMatch(t, *r_.bare_phone);
    if (o.key == "contacts")
      return RE2::FullMatch(t, *r_.contact_phone) || RE2::FullMatch(t, *r_.contact_email) ||
             RE2::FullMatch(t, *r_.contact_fax);
    return false;
  }

  const SourcePage& page_;
  const MetrykaRules::Impl& r_;
};

class Interpreter {
 public:
  Interpreter(const MetrykaRules::Impl& r, Metryka& m) : r_(r), m_(m) {}

  void run(const std::vector<Occurrence>& occurrences) {
    for (const auto& o : occurrences) {
      if (o.key.empty()) {
        other(o);
        continue;
      }
      if (std::all_of(o.pieces.begin(), o.pieces.end(),
                      [&](const Piece& p) { return is_empty_value(trim(p.text)); })) {
        // "Telefon:" with nothing after it or under it, or "brak" ([empty_values]): the card
        // leaves the field blank. Said, so a required field's absence has its reason.
        m_.diagnostics.push_back({Severity::info, "metryka.empty_value", o.line, 1,
                                  "label '" + o.label + "' has no value"});
        continue;
      }
      if (o.key.find(' ') != std::string::npos) {
        combined(o);
        continue;
      }
      Kind kind = key_kinds().find(o.key)->second;
      if (kind == Kind::contacts) {
        contacts(o);
        continue;
      }
      if (is_list_kind(kind)) {
        for (const auto& p : o.pieces) list_value(kind, o.key, p);
        continue;
      }
      scalar(kind, o);
    }
  }

 private:
  void diag(std::string code, const Piece& p, std::string message,
            Severity sev = Severity::warning) {
    m_.diagnostics.push_back({sev, std::move(code), p.line, p.column, std::move(message)});
  }

  void mark(const std::string& key, int line) {
    for (const auto& [k, l] : m_.field_lines)
      if (k == key) return;
    m_.field_lines.emplace_back(key, line);
  }

  bool is_empty_value(std::string_view v) const {
    return v.empty() || r_.empty_values.count(label_key_buffered(v)) > 0;
  }

  void other(const Occurrence& o) {
    std::string value;
    for (const auto& p : o.pieces) value += std::string(p.text) + " ";
    value = normalize_space(value);
    m_.other.emplace_back(o.label, value);
    mark("other", o.line);
    m_.diagnostics.push_back({Severity::warning, "metryka.unknown_label", o.line, 1,
                              "unknown metryka label '" + o.label + "', kept under other"});
  }

  // Joins pieces of a single-valued label (a wrapped line continues the value).
  static Piece joined(const Occurrence& o, std::string& storage) {
    for (const auto& p : o.pieces) storage += std::string(p.text) + " ";
    storage = normalize_space(storage);
    Piece first = o.pieces.empty() ? Piece{{}, o.line, 1} : o.pieces.front();
    first.text = storage;
    return first;
  }

  // Sets a scalar field, reporting a second different value of the same label.
  void set(std::optional<std::string>& field, const std::string& key, std::string value,
           const Piece& p) {
    if (field) {
      if (*field != value)
        diag("metryka.duplicate_label", p,
             "second value '" + value + "' for " + key + " ignored, kept '" + *field + "'");
      return;
    }
    field = std::move(value);
    mark(key, p.line);
  }

  // A combined label ("Województwo / powiat: podkarpackie / leski"): the value's parts, split
  // at combined_separator, go to the label's keys in order. One part alone goes to the
  // voivodeship when it names one, else to the first other key; parts beyond the keys stay
  // with the last.
  void combined(const Occurrence& o) {
    std::vector<std::string> keys;
    for (std::string_view rest = o.key; !rest.empty();) {
      std::string_view key = rest.substr(0, rest.find(' '));
      rest.remove_prefix(std::min(rest.size(), key.size() + 1));
      keys.emplace_back(key);
    }
    std::string storage;
    Piece whole = joined(o, storage);
    std::vector<std::string> parts;
    std::size_t from = 0;
    while (r_.combined_separator && from <= storage.size()) {
      re2::StringPiece rest(storage.data() + from, storage.size() - from), m;
      if (!r_.combined_separator->Match(rest, 0, rest.size(), RE2::UNANCHORED, &m, 1) ||
          m.empty()) {
        parts.push_back(storage.substr(from));
        break;
      }
      const std::size_t at = static_cast<std::size_t>(m.data() - storage.data());
      parts.push_back(storage.substr(from, at - from));
      from = at + m.size();
    }
    if (parts.empty()) parts.push_back(storage);
    if (named_parts(parts.size() > 1 ? parts : split_list(storage), whole, o.label)) return;
    while (parts.size() > keys.size()) {
      std::string last = parts.back();
      parts.pop_back();
      parts.back() += " / " + last;
    }
    std::vector<std::string> targets = keys;
    if (parts.size() == 1 && keys.size() > 1) {
      auto voiv = std::find(keys.begin(), keys.end(), "voivodeship");
      bool is_voiv = r_.find_voivodeship(parts.front()) != nullptr;
      if (is_voiv && voiv != keys.end()) {
        targets = {*voiv};
      } else {
        auto other = std::find_if(keys.begin(), keys.end(),
                                  [](const std::string& k) { return k != "voivodeship"; });
        targets = {other == keys.end() ? keys.front() : *other};
      }
    }
    for (std::size_t k = 0; k < parts.size() && k < targets.size(); ++k) {
      if (is_empty_value(trim(parts[k]))) continue;
      Occurrence part{o.label, targets[k], o.line, {whole}};
      part.pieces.front().text = parts[k];
      scalar(key_kinds().find(targets[k])->second, part);
    }
  }

  // The value's parts each named by a word before them ("powiat gorzowski, gmina Kłodawa",
  // [combined_part_words]) go to the key the word names, without the word, whatever order
  // the label gives. False, doing nothing, unless there are two parts at least, all named.
  bool named_parts(const std::vector<std::string>& parts, const Piece& whole,
                   const std::string& label) {
    if (parts.size() < 2) return false;
    std::vector<std::pair<std::string, std::string>> named;  // key, value
    for (const auto& part : parts) {
      std::string_view t = trim(part);
      const std::size_t space = t.find(' ');
      if (space == std::string_view::npos) return false;
      auto it = r_.combined_part_words.find(label_key(t.substr(0, space)));
      if (it == r_.combined_part_words.end()) return false;
      named.emplace_back(it->second, std::string(trim(t.substr(space + 1))));
    }
    for (const auto& [key, value] : named) {
      Occurrence part{label, key, whole.line, {whole}};
      part.pieces.front().text = value;
      scalar(key_kinds().find(key)->second, part);
    }
    return true;
  }

  // `v` cut at commas and semicolons, parts trimmed.
  static std::vector<std::string> split_list(const std::string& v) {
    std::vector<std::string> out;
    std::size_t from = 0;
    for (std::size_t at; (at = v.find_first_of(",;", from)) != std::string::npos; from = at + 1)
      out.emplace_back(trim(std::string_view(v).substr(from, at - from)));
    out.emplace_back(trim(std::string_view(v).substr(from)));
    return out;
  }

  void scalar(Kind kind, const Occurrence& o) {
    std::string storage;
    Piece p = joined(o, storage);
    if (is_empty_value(storage)) return;
    switch (kind) {
      case Kind::date:
        if (auto d = parse_date(storage)) {
          set(o.key == "entered" ? m_.entered : m_.updated, o.key, *d, p);
        } else {
          diag("metryka.bad_date", p, "'" + storage + "' is not a date");
        }
        break;
      case Kind::lower_text:
        set(m_.unit_type, o.key, to_lower(storage), p);
        break;
      case Kind::text: {
        // An address with its postcode and town ("Adres: ul. Kolejowa 32, 19-400 Olecko"): the
        // street, then the postcode and post office as if written on their own label.
        std::string street, rest;
        if (o.key == "street" && r_.street_postcode &&
            full_match(storage, *r_.street_postcode, &street, &rest)) {
          set(m_.street, o.key, normalize_space(street), p);
          postcode(rest, p);
          break;
        }
        set(text_field(o.key), o.key, storage, p);
        break;
      }
      case Kind::voivodeship:
        if (const auto* v = r_.find_voivodeship(storage)) {
          set(m_.voivodeship, "voivodeship", v->name, p);
          set(m_.voivodeship_teryt, "voivodeship_teryt", v->teryt, p);
        } else {
          diag("metryka.bad_voivodeship", p, "'" + storage + "' is not a voivodeship");
        }
        break;
      case Kind::postcode:
        postcode(storage, p);
        break;
      case Kind::post_office:
        post_office(storage, p);
        break;
      case Kind::population:
        population(storage, p);
        break;
      default:
        break;
    }
  }

  std::optional<std::string>& text_field(const std::string& key) {
    if (key == "locality") return m_.locality;
    if (key == "county") return m_.county;
    if (key == "implementing_unit") return m_.implementing_unit;
    return m_.street;
  }

  std::optional<std::string> parse_date(const std::string& v) const {
    int y = 0, mo = 0, d = 0;
    std::string month;
    if (full_match(v, *r_.date_iso, &y, &mo, &d) ||
        full_match(v, *r_.date_dmy, &d, &mo, &y)) {
    } else if (full_match(v, *r_.date_words, &d, &month, &y)) {
      auto it = r_.months.find(label_key(month));
      if (it == r_.months.end()) return std::nullopt;
      mo = it->second;
    } else {
      return std::nullopt;
    }
    static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > kDays[mo - 1]) return std::nullopt;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (mo == 2 && d == 29 && !leap) return std::nullopt;
    return fmt::format("{:04}-{:02}-{:02}", y, mo, d);
  }

  void postcode(const std::string& v, const Piece& p) {
    std::string before, a, b, after;
    if (full_match(v, *r_.postcode, &before, &a, &b, &after)) {
      set(m_.postal_code, "postal_code", a + "-" + b, p);
      std::string office = normalize_space(before + " " + after);
      while (!office.empty() && (office.front() == ',' || office.front() == ' ')) office.erase(0, 1);
      while (!office.empty() && (office.back() == ',' || office.back() == ' ')) office.pop_back();
      if (!office.empty()) set(m_.post_office, "post_office", office, p);
      return;
    }
    diag("metryka.bad_postcode", p, "no NN-NNN postcode in '" + v + "'");
    if (!has_digit(v)) set(m_.post_office, "post_office", v, p);
  }

  // "Poczta" on its own label: the post office, or a postcode and post office written there.
  void post_office(const std::string& v, const Piece& p) {
    std::string before, a, b, after;
    if (full_match(v, *r_.postcode, &before, &a, &b, &after)) {
      postcode(v, p);
      return;
    }
    set(m_.post_office, "post_office", v, p);
  }

  // The number of group 1 of the population rule times the multiplier word of group 2
  // ("45 tys." = 45000, "1,5 tys." = 1500); nullopt when it is not a whole number.
  std::optional<std::int64_t> population_value(const std::string& number,
                                               const std::string& word) const {
    std::int64_t factor = 1;
    if (!word.empty()) {
      std::string k = label_key(word);
      while (!k.empty() && k.back() == '.') k.pop_back();
      auto it = r_.population_multipliers.find(k);
      if (it == r_.population_multipliers.end()) return std::nullopt;
      factor = it->second;
    }
    std::string digits;
    std::size_t decimals = 0;
    bool after_comma = false;
    for (char c : number) {
      if (c == ',') {
        after_comma = true;
      } else if (c >= '0' && c <= '9') {
        digits.push_back(c);
        if (after_comma) ++decimals;
      }
    }
    if (after_comma && word.empty()) return std::nullopt;  // "22,5" inhabitants
    if (digits.empty() || digits.size() > 15) return std::nullopt;
    std::int64_t n = 0;
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (ec != std::errc() || ptr != digits.data() + digits.size()) return std::nullopt;
    std::int64_t scale = 1;
    for (std::size_t i = 0; i < decimals; ++i) scale *= 10;
    if (n > INT64_MAX / factor || (n * factor) % scale != 0) return std::nullopt;
    return n * factor / scale;
  }

  void population(const std::string& v, const Piece& p) {
    std::string number, word;
    bool matched = r_.population->NumberOfCapturingGroups() >= 2
                       ? full_match(v, *r_.population, &number, &word)
                       : full_match(v, *r_.population, &number);
    if (matched) {
      if (auto value = population_value(number, word)) {
        std::int64_t n = *value;
        if (m_.population && *m_.population != n) {
          diag("metryka.duplicate_label", p, "second population '" + v + "' ignored");
        } else if (!m_.population) {
          m_.population = n;
          mark("population", p.line);
          // "ok. 29 tys.": the record's number has no room for the approximation; said.
          if (r_.population_approximate && RE2::PartialMatch(v, *r_.population_approximate))
            diag("metryka.approximate_population", p,
                 "population '" + v + "' is approximate; kept as " + std::to_string(n),
                 Severity::info);
        }
        return;
      }
    }
    diag("metryka.bad_population", p, "'" + v + "' is not a number of inhabitants");
  }

  // Splits a value at `list_separator`, keeping each part's column.
  std::vector<Piece> split(const Piece& p) const {
    std::vector<Piece> out;
    std::string_view rest = p.text;
    int col = p.column;
    auto push = [&](std::string_view part, int part_col) {
      std::string_view t = trim(part);
      if (t.empty()) return;
      out.push_back({t, p.line, part_col + column_of(part, static_cast<std::size_t>(t.data() - part.data())) - 1});
    };
    re2::StringPiece input(rest);
    re2::StringPiece match;
    std::size_t pos = 0;
    while (pos <= rest.size() &&
           r_.list_separator->Match(input, pos, rest.size(), RE2::UNANCHORED, &match, 1)) {
      if (match.empty()) break;
      std::size_t mstart = static_cast<std::size_t>(match.data() - rest.data());
      push(rest.substr(pos, mstart - pos), col + column_of(rest, pos) - 1);
      pos = mstart + match.size();
    }
    push(rest.substr(pos), col + column_of(rest, pos) - 1);
    return out;
  }

  static void add_unique(std::vector<std::string>& list, std::string v) {
    if (std::find(list.begin(), list.end(), v) == list.end()) list.push_back(std::move(v));
  }

  // The part of `p` that `sub` (a view into p.text) covers, with its column.
  static Piece sub_piece(const Piece& p, std::string_view sub) {
    return {sub, p.line,
            p.column + column_of(p.text, static_cast<std::size_t>(sub.data() - p.text.data())) - 1};
  }

  // The numbers of a phone or fax value (`fax`), or of a contact's phone line (`contact`). A
  // part marked as the other kind ("…; fax 22 123 45 69" in a phone value, "tel. …" in a fax
  // value) goes to the other list; a contact has no fax (info). An extension ("wew. 212") is
  // reported (info): E.164 has none.
  /// `also_fax`: a "Tel./fax" label, whose numbers answer both (a part written "fax: …"
  /// still goes to the faxes only).
  /// The numbers a phone value stands for when it ends in a range of its last digits
  /// ("14 676 10 25 do 27", "14 676 10 25-27"): the national number with each ending; or the
  /// number again with `ending` in place of its last digits ("… 25 lub 29"). Empty if neither.
  static std::vector<std::string> numbers_with_endings(std::string_view first, int from_end,
                                                       std::string_view to_end) {
    std::string digits;
    for (char c : first)
      if (c >= '0' && c <= '9') digits.push_back(c);
    if (digits.size() < 9 || to_end.empty() || to_end.size() > 2 ||
        digits.size() < to_end.size())
      return {};
    int to = 0;
    std::from_chars(to_end.data(), to_end.data() + to_end.size(), to);
    const std::size_t keep = digits.size() - to_end.size();
    if (from_end < 0) {  // one alternative ending
      return {digits.substr(0, keep) + std::string(to_end)};
    }
    if (to <= from_end || to - from_end > 20) return {};
    std::vector<std::string> out;
    for (int k = from_end + 1; k <= to; ++k) {
      std::string tail = std::to_string(k);
      if (tail.size() < to_end.size()) tail.insert(0, to_end.size() - tail.size(), '0');
      out.push_back(digits.substr(0, keep) + tail);
    }
    return out;
  }

  void add_phones(const Piece& value, bool fax, Contact* contact, bool also_fax = false) {
    std::string last_number;  // the previous full number of this value, for "… lub 29"
    std::string last_e164;    // and its E.164 form, for "(89) 751 24 10, 751-24-11"
    for (const auto& part : split(value)) {
      if (is_empty_value(part.text)) continue;
      std::vector<std::string> extra;  // numbers the part's range or ending stands for
      std::string_view text = part.text;
      std::string_view ending;
      if (r_.phone_range) {
        re2::StringPiece head, tail;
        if (full_match(text, *r_.phone_range, &head, &tail)) {
          std::string d;
          for (char c : head)
            if (c >= '0' && c <= '9') d.push_back(c);
          if (d.size() >= 9 && d.size() >= tail.size()) {
            int from = 0;
            std::from_chars(d.data() + d.size() - tail.size(), d.data() + d.size(), from);
            extra = numbers_with_endings(head, from, tail);
            if (!extra.empty()) text = std::string_view(head.data(), head.size());
          }
        }
      }
      if (text.size() <= 2 && !last_number.empty() &&
          text.find_first_not_of("0123456789") == std::string_view::npos) {
        ending = text;  // "14 676 10 25 lub 29": the same number ending in 29
        extra = numbers_with_endings(last_number, -1, ending);
      }
      bool part_fax = fax;
      bool part_both = false;  // "Telefon: 46 830 01 00, tel./fax 46 837 45 33"
      Piece num = part;
      re2::StringPiece rest;
      if (r_.phone_and_fax && full_match(part.text, *r_.phone_and_fax, &rest)) {
        part_fax = false;
        part_both = true;
        num = sub_piece(part, rest);
      } else if (!fax && full_match(part.text, *r_.contact_fax, &rest)) {
        part_fax = true;
        num = sub_piece(part, rest);
      } else if (fax && full_match(part.text, *r_.contact_phone, &rest) &&
                 !RE2::FullMatch(part.text, *r_.contact_fax)) {
        part_fax = false;
        num = sub_piece(part, rest);
      }
      if (part_fax && contact) {
        diag("metryka.contact_fax", num, "fax of a contact person not kept", Severity::info);
        continue;
      }
      auto& into = contact ? contact->phones : part_fax ? m_.faxes : m_.phones;
      const char* key = contact ? "contacts" : part_fax ? "faxes" : "phones";
      const bool both = (also_fax || part_both) && !part_fax && !contact;
      auto add_extra = [&] {
        for (const auto& n : extra)
          if (auto e = normalize_phone(n)) {
            add_unique(into, *e);
            if (both) add_unique(m_.faxes, *e);
          }
      };
      if (!ending.empty()) {
        if (extra.empty())
          diag("metryka.bad_phone", num, "'" + std::string(num.text) + "' is not a phone number");
        add_extra();
        continue;
      }
      if (!extra.empty()) num = sub_piece(num, text);
      auto e164 = normalize_phone(num.text);
      bool local = false;  // "(89) 751 24 10, 751-24-11": the first number's area code
      if (!e164 && extra.empty() && (e164 = phone_with_area_code(trim(num.text), last_e164)))
        local = true;
      if (e164) {
        last_number = local ? e164->substr(3) : std::string(num.text);
        last_e164 = *e164;
        add_unique(into, *e164);
        mark(key, num.line);
        if (both) {
          add_unique(m_.faxes, *e164);
          mark("faxes", num.line);
        }
        add_extra();
        re2::StringPiece ext;
        if (r_.phone_extension && partial_match(num.text, *r_.phone_extension, &ext))
          diag("metryka.phone_extension", sub_piece(num, ext),
               "extension " + std::string(ext) + " of " + *e164 +
                   " not kept (phone numbers are E.164)",
               Severity::info);
      } else {
        diag("metryka.bad_phone", num, "'" + std::string(num.text) + "' is not a phone number");
      }
    }
  }

  void add_emails(const Piece& value, std::vector<std::string>& into, const std::string& key) {
    const auto parts = words(value);
    for (std::size_t k = 0; k < parts.size(); ++k) {
      Piece part = parts[k];
      // An address written apart against spam robots: "jan @ mops.pl", "jan [at] mops.pl".
      if (k + 2 < parts.size() && r_.email_at && parts[k + 1].line == part.line &&
          parts[k + 2].line == part.line && RE2::FullMatch(parts[k + 1].text, *r_.email_at)) {
        part.text = std::string_view(part.text.data(), static_cast<std::size_t>(
            parts[k + 2].text.data() + parts[k + 2].text.size() - part.text.data()));
        k += 2;
      }
      std::string e = plain_email(r_, part.text);
      while (!e.empty() && (e.back() == '.' || e.back() == ',')) e.pop_back();
      if (is_empty_value(e)) continue;
      if (RE2::FullMatch(e, *r_.email)) {
        add_unique(into, e);
        mark(key, part.line);
      } else {
        diag("metryka.bad_email", part, "'" + std::string(part.text) + "' is not an e-mail address");
      }
    }
  }


  void add_urls(const Piece& value) {
    for (const auto& part : words(value)) {
      std::string u(part.text);
      while (!u.empty() && std::string_view(".,;)").find(u.back()) != std::string_view::npos)
        u.pop_back();
      if (is_empty_value(u)) continue;
      if (!RE2::FullMatch(u, *r_.url_scheme)) {
        if (!RE2::FullMatch(u, *r_.url_bare)) {
          diag("metryka.bad_url", part, "'" + std::string(part.text) + "' is not a web address");
          continue;
        }
        u = "http://" + u;
      }
      // Scheme and host are case-insensitive; the path is kept as written.
      std::size_t host_start = u.find("://") + 3;
      std::size_t host_end = std::min(u.find('/', host_start), u.size());
      for (std::size_t i = 0; i < host_end; ++i)
        u[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(u[i])));
      add_unique(m_.websites, u);
      mark("websites", part.line);
    }
  }

  // Whitespace- or separator-delimited tokens (URLs and e-mails contain no spaces).
  std::vector<Piece> words(const Piece& value) const {
    std::vector<Piece> out;
    for (const auto& part : split(value)) {
      std::string_view s = part.text;
      std::size_t i = 0, start = 0;
      bool in_word = false;
      auto flush = [&](std::size_t end) {
        if (in_word)
          out.push_back({s.substr(start, end - start), part.line,
                         part.column + column_of(s, start) - 1});
        in_word = false;
      };
      while (i < s.size()) {
        std::size_t at = i;
        char32_t cp = next_cp(s, i);
        if (is_space_cp(cp)) {
          flush(at);
        } else if (!in_word) {
          in_word = true;
          start = at;
        }
      }
      flush(s.size());
    }
    return out;
  }

  void list_value(Kind kind, const std::string& key, const Piece& p) {
    if (is_empty_value(trim(p.text))) return;
    switch (kind) {
      case Kind::phones: add_phones(p, false, nullptr); break;
      case Kind::faxes: add_phones(p, true, nullptr); break;
      case Kind::phones_and_faxes: add_phones(p, false, nullptr, true); break;
      case Kind::emails: add_emails(p, m_.emails, key); break;
      case Kind::urls: add_urls(p); break;
      default: break;
    }
  }

  bool is_person_name(std::string_view t) const {
    if (!RE2::FullMatch(t, *r_.person_name)) return false;
    std::string first = label_key(t.substr(0, std::min(t.find(' '), t.size())));
    return r_.role_words.count(first) == 0;
  }

  // A text that starts with a person's name: the name and what follows it after a comma or a
  // dash ("Barbara Wójcik – Kierownik Referatu" → name, role). The name alone when the whole
  // text is one; nothing when the text does not start with a name.
  std::optional<std::pair<std::string, std::string>> name_and_role(const std::string& text) const {
    if (is_person_name(text)) return std::make_pair(text, std::string());
    if (!r_.name_role_separator) return std::nullopt;
    re2::StringPiece input(text), match;
    if (!r_.name_role_separator->Match(input, 0, text.size(), RE2::UNANCHORED, &match, 1) ||
        match.empty())
      return std::nullopt;
    std::size_t at = static_cast<std::size_t>(match.data() - text.data());
    std::string name(trim(std::string_view(text).substr(0, at)));
    std::string role(trim(std::string_view(text).substr(at + match.size())));
    if (name.empty() || !is_person_name(name)) return std::nullopt;
    return std::make_pair(std::move(name), std::move(role));
  }

  // The first word of `t` is in [role_words] ("Kierownik GOPS", "Pełnomocnik Burmistrza …").
  bool starts_with_role(std::string_view t) const {
    std::string k = label_key(t);
    std::string first = k.substr(0, std::min(k.find(' '), k.size()));
    while (!first.empty() && (first.back() == ',' || first.back() == '.')) first.pop_back();
    return !first.empty() && r_.role_words.count(first) > 0;
  }

  // A role, then the person's name after the last comma or dash: "Kierownik GOPS – Anna Nowak".
  std::optional<std::pair<std::string, std::string>> role_and_name(const std::string& text) const {
    if (!r_.name_role_separator || !starts_with_role(text)) return std::nullopt;
    re2::StringPiece input(text), match, last;
    std::size_t pos = 0;
    while (pos < text.size() &&
           r_.name_role_separator->Match(input, pos, text.size(), RE2::UNANCHORED, &match, 1) &&
           !match.empty()) {
      last = match;
      pos = static_cast<std::size_t>(match.data() - text.data()) + match.size();
    }
    if (last.empty()) return std::nullopt;
    std::size_t at = static_cast<std::size_t>(last.data() - text.data());
    std::string role(trim(std::string_view(text).substr(0, at)));
    std::string name(trim(std::string_view(text).substr(at + last.size())));
    if (role.empty() || !is_person_name(name)) return std::nullopt;
    return std::make_pair(std::move(name), std::move(role));
  }

  enum class PartKind { phone, fax, email, text };
  struct ContactPart {
    PartKind kind;
    Piece value;  // the number(s) or address(es) after their marker, or the text
  };

  // A contact line cut into its parts: "Tomasz Nowak, koordynator ds. …, tel. 61 640 40 77,
  // e-mail: t.nowak@wrzesnia.pl" is a text, a phone and an e-mail. The line is cut at
  // `contact_separator`; neighbouring text pieces are joined again as written ("Urząd Miasta
  // Torunia, Wydział Kultury" stays one text), so a line without a phone or e-mail is one part.
  std::vector<ContactPart> contact_parts(const Piece& p) const {
    std::vector<ContactPart> out;
    std::string_view line = trim(p.text);
    Piece whole = sub_piece(p, line);
    std::vector<std::string_view> segments;
    if (r_.contact_separator) {
      re2::StringPiece input(line), match;
      std::size_t pos = 0;
      while (pos <= line.size() &&
             r_.contact_separator->Match(input, pos, line.size(), RE2::UNANCHORED, &match, 1) &&
             !match.empty()) {
        std::size_t mstart = static_cast<std::size_t>(match.data() - line.data());
        segments.push_back(line.substr(pos, mstart - pos));
        pos = mstart + match.size();
      }
      segments.push_back(line.substr(pos));
    } else {
      segments.push_back(line);
    }
    for (std::string_view seg : segments) {
      std::string_view t = trim(seg);
      if (t.empty()) continue;
      re2::StringPiece rest;
      ContactPart part{PartKind::text, sub_piece(whole, t)};
      if (full_match(t, *r_.contact_phone, &rest)) {
        part = {PartKind::phone, sub_piece(whole, rest)};
      } else if (RE2::FullMatch(t, *r_.bare_phone)) {
        part.kind = PartKind::phone;
      } else if (full_match(t, *r_.contact_fax, &rest)) {
        part = {PartKind::fax, sub_piece(whole, rest)};
      } else if (full_match(t, *r_.contact_email, &rest)) {
        part = {PartKind::email, sub_piece(whole, rest)};
      } else if (RE2::FullMatch(plain_email(r_, t), *r_.email)) {
        part.kind = PartKind::email;
      }
      if (part.kind == PartKind::text && !out.empty() && out.back().kind == PartKind::text) {
        // Join with the previous text, separator included.
        std::string_view prev = out.back().value.text;
        out.back().value.text = std::string_view(
            prev.data(), static_cast<std::size_t>(t.data() + t.size() - prev.data()));
        continue;
      }
      out.push_back(part);
    }
    return out;
  }

  // The contact sub-block: the label's value is the first name; continuation lines are the
  // role, "tel. …", "e@mail: …", or all of them on one line. A person's name after a contact
  // that already has a role or a phone/e-mail starts the next contact; so does the label
  // itself, written again.
  void contacts(const Occurrence& o) {
    bool fresh = true;  // the next name line starts a new contact
    mark("contacts", o.line);
    auto current = [&]() -> Contact& {
      if (fresh || m_.contacts.empty()) m_.contacts.emplace_back();
      fresh = false;
      return m_.contacts.back();
    };
    for (const auto& p : o.pieces) {
      if (is_empty_value(trim(p.text))) continue;
      for (const auto& part : contact_parts(p)) {
        switch (part.kind) {
          case PartKind::phone:
            add_phones(part.value, false, &current());
            break;
          case PartKind::fax:
            // A contact has no fax field; the number usually repeats the unit's fax.
            diag("metryka.contact_fax", part.value, "fax of a contact person not kept",
                 Severity::info);
            break;
          case PartKind::email: {
            Contact& c = current();
            add_emails(part.value, c.emails, "contacts");
            break;
          }
          case PartKind::text:
            contact_text(normalize_space(part.value.text), fresh, current);
            break;
        }
      }
    }
    // "Osoby kontaktowe: Tomasz Nowak, Ewa Zając": the names after the first are contacts of
    // their own, unless the block gives one of them again with its details.
    for (auto& name : also_named_)
      if (std::none_of(m_.contacts.begin(), m_.contacts.end(),
                       [&](const Contact& c) { return c.name == name; }))
        m_.contacts.push_back(Contact{std::move(name), {}, {}, {}});
    also_named_.clear();
  }

  // `role` (what follows a name after a comma) is one or more further names, not a role.
  std::optional<std::vector<std::string>> names_only(const std::string& role) const {
    std::vector<std::string> names;
    std::string_view rest = role;
    while (!rest.empty()) {
      const std::size_t comma = rest.find_first_of(",;");
      std::string name(trim(rest.substr(0, comma)));
      if (!is_person_name(name)) return std::nullopt;
      if (r_.name_title) RE2::Replace(&name, *r_.name_title, "");
      names.push_back(std::move(name));
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
    if (names.empty()) return std::nullopt;
    return names;
  }

  // A name or role text of the contact sub-block.
  template <typename Current>
  void contact_text(const std::string& text, bool& fresh, Current& current) {
    auto name_role = name_and_role(text);
    bool contact_open = !fresh && !m_.contacts.empty();
    Contact* c = contact_open ? &m_.contacts.back() : nullptr;
    if (c && !c->name.empty() && name_role &&
        (!c->role.empty() || !c->phones.empty() || !c->emails.empty())) {
      fresh = true;
      c = nullptr;
    }
    if (!c) c = &current();
    if (c->name.empty() && c->role.empty() && c->phones.empty() && c->emails.empty()) {
      if (!name_role) name_role = role_and_name(text);
      if (name_role) {
        c->name = name_role->first;
        if (auto more = names_only(name_role->second))
          also_named_.insert(also_named_.end(), more->begin(), more->end());
        else
          c->role = name_role->second;
      } else {
        c->name = text;
      }
      // "mgr Jan Nowak": the academic title is not part of the name
      if (r_.name_title && is_person_name(c->name)) RE2::Replace(&c->name, *r_.name_title, "");
    } else if (name_role && c->role.empty() && c->phones.empty() && c->emails.empty() &&
               !is_person_name(c->name) && starts_with_role(c->name)) {
      // The role came first, on the label's line: "Osoby kontaktowe: Pełnomocnik Burmistrza
      // ds. Profilaktyki" / "Andrzej Górski".
      c->role = c->name;
      if (!name_role->second.empty()) c->role += ", " + name_role->second;
      c->name = name_role->first;
      if (r_.name_title) RE2::Replace(&c->name, *r_.name_title, "");
    } else if (c->role.empty()) {
      c->role = text;
    } else {
      c->role += " " + text;
    }
  }

  const MetrykaRules::Impl& r_;
  Metryka& m_;
  std::vector<std::string> also_named_;  // names listed after the first on one line
};

}  // namespace

Metryka parse_metryka(const SourcePage& page, const MetrykaRules& rules) {
  const auto& r = rules.impl();
  Metryka m;
  if (!r.label_line || !r.person_name || !r.contact_phone || !r.contact_email ||
      !r.contact_fax || !r.bare_phone || !r.email || !r.url_bare || !r.url_scheme ||
      !r.list_separator || !r.population || !r.postcode || !r.date_iso || !r.date_dmy ||
      !r.date_words)
    return m;  // rules failed to compile; the pipeline refuses to run in that case anyway
  Segmenter seg(page, r);
  std::optional<Segment> block;
  // A heading word alone (a menu entry "Metryka") is not a block: it needs a label after it.
  for (std::size_t i = 0; i < page.line_count() && !block; ++i) {
    if (!seg.is_heading(page.line(i))) continue;
    Segment s = seg.run(i + 1, true);
    if (!s.occurrences.empty()) block = std::move(s);
  }
  for (std::size_t i = 0; i < page.line_count() && !block; ++i) {
    // an indented label too: the block's lines are read from its first label's indentation
    const std::string_view margin = dedent(page.line(i), std::string_view::npos);
    // Only a known label opens a block here. Every way match_label finds one looks up the key
    // of a prefix of the line (label_line's label when the rule opens with "^(", the line's
    // first words, the line) but a table row's first cell.
    if (r.label_at_start && !r.label_filter.may_hold(margin) && !trim(margin).starts_with('|'))
      continue;
    auto hit = seg.match_label(margin);
    if (!hit || hit->key.empty()) continue;
    Segment s = seg.run(i, false, &*hit);
    if (s.known_labels >= r.min_labels) block = std::move(s);
  }
  if (!block) return m;
  m.found = true;
  m.first_line = block->first_line;
  m.last_line = block->last_line;
  m.diagnostics = std::move(block->diagnostics);
  Interpreter(r, m).run(block->occurrences);
  std::stable_sort(m.diagnostics.begin(), m.diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return a.line != b.line ? a.line < b.line : a.column < b.column;
                   });
  return m;
}

void write_json(JsonWriter& w, const Metryka& m) {
  w.begin_object();
  if (!m.found) {
    w.end_object();
    return;
  }
  auto str = [&](const char* key, const std::optional<std::string>& v) {
    if (!v) return;
    std::string t = normalize_space(*v);
    if (!t.empty()) w.field(key, t);
  };
  auto list = [&](const char* key, const std::vector<std::string>& v) {
    if (v.empty()) return;
    w.key(key).begin_array();
    for (const auto& s : v) w.value(normalize_space(s));
    w.end_array();
  };
  str("entered", m.entered);
  str("updated", m.updated);
  str("unit_type", m.unit_type);
  str("locality", m.locality);
  str("county", m.county);
  str("voivodeship", m.voivodeship);
  str("voivodeship_teryt", m.voivodeship_teryt);
  str("postal_code", m.postal_code);
  str("post_office", m.post_office);
  str("implementing_unit", m.implementing_unit);
  str("street", m.street);
  list("phones", m.phones);
  list("faxes", m.faxes);
  list("websites", m.websites);
  list("emails", m.emails);
  if (m.population) w.field("population", *m.population);
  auto raw_list = [&](const char* key, const std::vector<std::string>& v) {
    if (v.empty()) return;
    w.key(key).begin_array();
    for (const auto& s : v) w.value(s);
    w.end_array();
  };
  if (!m.contacts.empty()) {
    w.key("contacts").begin_array();
    for (const auto& c : m.contacts) {
      w.begin_object();
      if (!c.name.empty()) w.field("name", normalize_space(c.name));
      if (!c.role.empty()) w.field("role", normalize_space(c.role));
      raw_list("phones", c.phones);
      raw_list("emails", c.emails);
      w.end_object();
    }
    w.end_array();
  }
  if (!m.other.empty()) {
    // a key written twice keeps its first place and its last value, as an object does
    std::vector<std::pair<std::string, std::string>> kept;
    for (const auto& [k, v] : m.other) {
      std::string nk = normalize_space(k);
      auto it = std::find_if(kept.begin(), kept.end(), [&](const auto& e) { return e.first == nk; });
      if (it == kept.end()) kept.emplace_back(std::move(nk), normalize_space(v));
      else it->second = normalize_space(v);
    }
    w.key("other").begin_object();
    for (const auto& [k, v] : kept) w.field(k, v);
    w.end_object();
  }
  w.end_object();
}

nlohmann::ordered_json to_json(const Metryka& m) { return parsed_json(m); }

}  // namespace bdp
