// Boilerplate stage. Every line is first normalised (Unicode spaces collapsed) and run once
// through the single-line patterns of grammars/boilerplate.grammar (strip rules, weekday
// dates, counter parts, sponsor starts, field labels, navigation separators), held in two
// RE2::Sets: the patterns anchored at the line's start (searched from there, the DFA stops
// when none can match; those whose matches start with literals only on lines that start with
// one of them) and the others, which are read through RE2's prefilter (only the
// patterns whose literal atoms the line holds run, each its own regex); the answer is kept per
// line as a bit mask of rule groups. Decisions are
// then taken in passes, the first decision for a line wins: single-line rules, counters
// (marker line plus figure/since lines around it), navigation lines, sponsor footers,
// "Label: value" fields, menu blocks (runs of short navigation-like lines; lines above a menu
// at the page top are header), lines repeated as slide headers, the title after a
// breadcrumb, and finally a jusText-like scorer (length, stopword share, punctuation, title
// case, digits) whose middling lines are settled by their neighbours. Furniture worth
// keeping (visitor counter, weekday date, fund name) is read while deciding.
#include "bdp/boilerplate.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <bitset>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>
#include <re2/filtered_re2.h>
#include <re2/re2.h>
#include <re2/set.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <unicode/uchar.h>
#include <unicode/ustring.h>

#include "bdp/atoms.h"
#include "bdp/text.h"

namespace bdp {

namespace {

using atoms::anchored_at_start;
using atoms::open_repeats;
using atoms::token_end;

constexpr std::string_view kFile = "boilerplate.grammar";

/// Whether a line's rule name is `name`: the lengths first, then the bytes, inline (the rule
/// passes compare rule names some 170 times a page).
inline bool rule_is(const std::string& rule, std::string_view name) {
  return rule.size() == name.size() && std::memcmp(rule.data(), name.data(), name.size()) == 0;
}

// Counted repetitions with an upper bound of at least this many are opened up in the marker
// sets (open_repeats); the markers' own regexes keep the bound.
constexpr std::size_t kOpenRepeatMin = 64;

std::atomic<bool> marker_split_on{true};  // set_boilerplate_marker_split
std::atomic<bool> anchor_split_on{true};  // set_boilerplate_anchor_split
// set_boilerplate_count_blocks: describe() counts characters, and case folding lowers ASCII
// runs and finds the typography's lead bytes, and append_normal_space skips printable ASCII,
// sixteen bytes at a time
std::atomic<bool> count_blocks_on{true};
// set_boilerplate_scan_blocks: the floating markers' atom scan reads ASCII eight bytes a step
std::atomic<bool> scan_blocks_on{true};
// set_boilerplate_rest_gate: the floating patterns without atoms run only on lines with a byte
// they require
std::atomic<bool> rest_gate_on{true};
// set_boilerplate_counter_date_skip: counters() leaves out the dates' replacement on a line no
// date pattern matches
std::atomic<bool> counter_date_skip_on{true};

enum Group : unsigned {
  g_strip = 1u << 0,
  g_page_date = 1u << 1,
  g_counter_marker = 1u << 2,
  g_figure_line = 1u << 3,
  g_since_line = 1u << 4,
  g_sponsor = 1u << 5,
  g_field = 1u << 6,
  g_navigation = 1u << 7,
  g_link_list = 1u << 8,
  g_bullet = 1u << 9,  // the [menu] bullet pattern; Consume runs only on lines that have it
  g_sig_function = 1u << 10,  // [signature] function
  g_sig_name = 1u << 11,      // [signature] name
  g_page_number = 1u << 12,   // [page_number]
  g_numbered_head = 1u << 13, // [numbered_head]
  g_page_views = 1u << 14,    // [counter] page_views: a count of this page's views
  g_slide_title = 1u << 15,   // [slide_markers] titled: a slide marker with the slide's title
  g_sponsor_list = 1u << 16,  // [sponsor] list: a heading over partners, footer only at the end
};

RE2::Options re_options() {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_encoding(RE2::Options::EncodingUTF8);
  // The marker set is large; a roomy DFA cache keeps it from being rebuilt on every line.
  o.set_max_mem(64 << 20);
  return o;
}

std::unique_ptr<RE2> compile_one(const Grammars& g, const GrammarEntry& e,
                                 std::string_view pattern, std::vector<GrammarError>& errors) {
  auto re = std::make_unique<RE2>(narrow_unicode_classes(pattern), re_options());
  if (!re->ok()) {
    errors.push_back(g.error_at(kFile, e, "bad regex: " + re->error()));
    return nullptr;
  }
  return re;
}

/// N when `pattern` is exactly `^.{0,N}$` (a line of at most N code points), else nothing.
std::optional<std::size_t> length_bound(std::string_view pattern) {
  constexpr std::string_view head = "^.{0,", tail = "}$";
  if (!pattern.starts_with(head) || !pattern.ends_with(tail)) return std::nullopt;
  std::string_view digits = pattern.substr(head.size(), pattern.size() - head.size() - tail.size());
  std::size_t n = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || n > 1000)
    return std::nullopt;  // RE2 refuses repeats over 1000: keep its error for the grammar
  return n;
}


bool is_word_punct(char32_t cp) {
  return u_ispunct(static_cast<UChar32>(cp)) || cp == '+' || cp == '<' || cp == '>' ||
         cp == '=' || cp == '|';
}

/// is_word_punct of the ASCII characters, looked up instead of asking ICU.
const std::array<bool, 128>& ascii_word_punct() {
  static const std::array<bool, 128> table = [] {
    std::array<bool, 128> t{};
    for (char32_t c = 0; c < 128; ++c) t[c] = is_word_punct(c);
    return t;
  }();
  return table;
}

/// Strips punctuation from both ends of a word.
std::string_view bare_word(std::string_view w) {
  const auto& ascii = ascii_word_punct();
  std::size_t b = 0;
  while (b < w.size()) {
    auto c = static_cast<unsigned char>(w[b]);
    if (c < 0x80) {
      if (!ascii[c]) break;
      ++b;
      continue;
    }
    std::size_t i = b;
    if (!is_word_punct(next_cp(w, i))) break;
    b = i;
  }
  std::size_t e = w.size();
  while (e > b) {
    auto c = static_cast<unsigned char>(w[e - 1]);
    if (c < 0x80) {
      if (!ascii[c]) break;
      --e;
      continue;
    }
    std::size_t k = e - 1;
    while (k > b && (static_cast<unsigned char>(w[k]) & 0xC0) == 0x80) --k;
    std::size_t i = k;
    if (!is_word_punct(next_cp(w, i))) break;
    e = k;
  }
  return w.substr(b, e - b);
}

/// Appends normalize_space(s) to `out` (the same walk, without a temporary string). Most
/// lines are already normal; appending nothing and returning false says so, and the line
/// itself is then its normal form.
bool append_normal_space(std::string_view s, std::string& out) {
  if (normal_already(s)) return false;
  // Phase 2: normalize_space from the start (a departure may be a trailing blank only). The
  // characters between spaces are appended as one run each.
  constexpr std::size_t none = std::string_view::npos;
  const std::size_t start = out.size();
  bool pending_space = false;
  std::size_t run = none;  // where the current run of characters other than spaces began
#if defined(__SSE2__)
  // Inside a run, the bytes 0x21-0x7F (printable ASCII and DEL: no space, no lead byte) go on
  // with it as they are: skipped sixteen at a time (set_boilerplate_count_blocks).
  const bool blocks = count_blocks_on.load(std::memory_order_relaxed);
  const __m128i above_blank = _mm_set1_epi8(0x20);
#endif
  for (std::size_t k = 0; k < s.size();) {
#if defined(__SSE2__)
    if (blocks && run != none) {
      while (k + 16 <= s.size()) {
        const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + k));
        // Signed: the bytes of 0x80 and above are negative, not above the blank.
        const auto other =
            ~static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpgt_epi8(b, above_blank))) & 0xFFFFu;
        if (other == 0) {
          k += 16;
          continue;
        }
        k += static_cast<std::size_t>(__builtin_ctz(other));
        break;
      }
      if (k >= s.size()) break;
    }
#endif
    auto b = static_cast<unsigned char>(s[k]);
    std::size_t from = k;
    bool space;
    if (b < 0x80) {
      ++k;
      space = b == ' ' || b == '\t' || b == '\n' || b == '\r';
    } else {
      std::size_t next = k;  // a copy: `k` itself stays in a register
      space = is_space_cp(next_cp(s, next));
      k = next;
    }
    if (space) {
      if (run != none) {
        out.append(s.data() + run, from - run);
        run = none;
      }
      pending_space = out.size() > start;
      continue;
    }
    if (run == none) {
      if (pending_space) out.push_back(' ');
      pending_space = false;
      run = from;
    }
  }
  if (run != none) out.append(s.data() + run, s.size() - run);
  return true;
}

/// Full case folding (ICU, default options) of one code point as UTF-8, for the code points
/// below U+0800 (Latin, Greek, Cyrillic): computed once, looked up per character.
struct FoldEntry {
  std::uint8_t len = 0;  // 0: folding leaves the character as it is
  char bytes[7] = {};
};

/// Folds `cp` with ICU into `out` (UTF-8); false when ICU fails.
bool icu_fold(UChar32 cp, std::string& out) {
  UChar src[2], dst[8];
  int32_t n = 0;
  U16_APPEND_UNSAFE(src, n, cp);
  UErrorCode status = U_ZERO_ERROR;
  int32_t len = u_strFoldCase(dst, 8, src, n, U_FOLD_CASE_DEFAULT, &status);
  char utf8[32];
  int32_t written = 0;
  if (U_SUCCESS(status)) u_strToUTF8(utf8, sizeof utf8, &written, dst, len, &status);
  if (U_FAILURE(status)) return false;
  out.append(utf8, static_cast<std::size_t>(written));
  return true;
}

const std::array<FoldEntry, 0x800>& fold_table() {
  static const std::array<FoldEntry, 0x800> table = [] {
    std::array<FoldEntry, 0x800> t{};
    std::string f;
    for (UChar32 cp = 0; cp < 0x800; ++cp) {
      if (!u_hasBinaryProperty(cp, UCHAR_CHANGES_WHEN_CASEFOLDED)) continue;
      f.clear();
      if (!icu_fold(cp, f) || f.size() > sizeof t[0].bytes) continue;
      t[static_cast<std::size_t>(cp)].len = static_cast<std::uint8_t>(f.size());
      std::copy(f.begin(), f.end(), t[static_cast<std::size_t>(cp)].bytes);
    }
    return t;
  }();
  return table;
}

/// Appends the case folding of `s` to `out`: exactly to_lower(s) (ICU full case folding is
/// per code point), with a table instead of ICU calls below U+0800.
void fold_case_into(std::string_view s, std::string& out) {
  const auto& table = fold_table();
  for (std::size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {  // an ASCII run, lowered as it is copied
      std::size_t j = i + 1;
      while (j < s.size() && static_cast<unsigned char>(s[j]) < 0x80) ++j;
      const std::size_t at = out.size();
      out.resize(at + (j - i));
      char* o = out.data() + at;
      std::size_t k = i;
#if defined(__SSE2__)
      if (count_blocks_on.load(std::memory_order_relaxed)) {  // sixteen bytes at a time
        const __m128i before_A = _mm_set1_epi8('A' - 1), after_Z = _mm_set1_epi8('Z' + 1);
        const __m128i case_bit = _mm_set1_epi8(0x20);
        for (; k + 16 <= j; k += 16, o += 16) {
          const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + k));
          const __m128i upper =
              _mm_and_si128(_mm_cmpgt_epi8(b, before_A), _mm_cmplt_epi8(b, after_Z));
          _mm_storeu_si128(reinterpret_cast<__m128i*>(o),
                           _mm_or_si128(b, _mm_and_si128(upper, case_bit)));
        }
      }
#endif
      for (; k < j; ++k) {
        const char c = s[k];
        *o++ = static_cast<char>(c + ((c >= 'A' && c <= 'Z') ? 'a' - 'A' : 0));
      }
      i = j;
      continue;
    }
    std::size_t start = i;
    auto cp = static_cast<UChar32>(next_cp(s, i));
    if (cp < 0x800) {
      const FoldEntry& e = table[static_cast<std::size_t>(cp)];
      if (e.len == 0)
        out.append(s.substr(start, i - start));
      else
        out.append(e.bytes, e.len);
    } else if (!u_hasBinaryProperty(cp, UCHAR_CHANGES_WHEN_CASEFOLDED)) {
      out.append(s.substr(start, i - start));
    } else if (!icu_fold(cp, out)) {
      out += to_lower(s.substr(start, i - start));
    }
  }
}

/// `s` from `from` on with its typographic dashes (– — ‒ −) as "-" and its quotes („ ” “ « »
/// as '"', ‘ ’ as "'"): lines compared as copies of one another ("Program … 2024–2027" as the
/// page's title and "… 2024-2027" as a document's running header) are the same line whichever
/// a page or its converter typed.
void fold_typography(std::string& s, std::size_t from) {
  // Every byte before the first lead byte of a dash or quote (E2, C2) stays where it is.
  std::size_t i = from;
#if defined(__SSE2__)
  if (count_blocks_on.load(std::memory_order_relaxed)) {  // sixteen bytes at a time
    const __m128i e2 = _mm_set1_epi8(static_cast<char>(0xE2)),
                  c2 = _mm_set1_epi8(static_cast<char>(0xC2));
    for (; i + 16 <= s.size(); i += 16) {
      const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
      const int m = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(b, e2), _mm_cmpeq_epi8(b, c2)));
      if (m != 0) {
        i += static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(m)));
        break;
      }
    }
  }
#endif
  while (i < s.size() && static_cast<unsigned char>(s[i]) != 0xE2 &&
         static_cast<unsigned char>(s[i]) != 0xC2)
    ++i;
  std::size_t o = i;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0xE2 && i + 2 < s.size()) {
      const auto c1 = static_cast<unsigned char>(s[i + 1]);
      const auto c2 = static_cast<unsigned char>(s[i + 2]);
      char to = 0;
      if (c1 == 0x80 && c2 >= 0x92 && c2 <= 0x94) to = '-';
      else if (c1 == 0x88 && c2 == 0x92) to = '-';
      else if (c1 == 0x80 && (c2 == 0x9C || c2 == 0x9D || c2 == 0x9E)) to = '"';
      else if (c1 == 0x80 && (c2 == 0x98 || c2 == 0x99)) to = '\'';
      if (to) {
        s[o++] = to;
        i += 3;
        continue;
      }
    } else if (c == 0xC2 && i + 1 < s.size() &&
               (static_cast<unsigned char>(s[i + 1]) == 0xAB ||
                static_cast<unsigned char>(s[i + 1]) == 0xBB)) {
      s[o++] = '"';
      i += 2;
      continue;
    }
    s[o++] = s[i++];
  }
  s.resize(o);
}

std::size_t group_end(std::string_view pattern, std::size_t open);

/// The top-level alternatives of regex `re` (split at the `|`s outside groups) into `alts`;
/// false when its parentheses do not balance.
bool top_level_alternatives(std::string_view re, std::vector<std::string_view>& alts) {
  std::size_t from = 0;
  int level = 0;
  for (std::size_t i = 0; i < re.size(); i = token_end(re, i)) {
    if (re[i] == '(') {
      ++level;
    } else if (re[i] == ')') {
      if (--level < 0) return false;
    } else if (re[i] == '|' && level == 0) {
      alts.push_back(re.substr(from, i - from));
      from = i + 1;
    }
  }
  if (level != 0) return false;
  alts.push_back(re.substr(from));
  return true;
}

/// A set of bytes (bit b: byte b) of which every match of the regex `re` (RE2 syntax) holds
/// one, or nothing when none is found: of a concatenation, an item that is not optional (a
/// literal ASCII character, an escaped punctuation character, `\d`, or a group each of whose
/// alternatives gives a set), the one least likely in text (a blank costs most, then letters,
/// then digits); of an alternation, the union of its alternatives' sets. Classes, `.`, other
/// escapes and non-ASCII characters give none; under `(?i)` a letter gives both cases, and
/// `k` and `s` none (the Kelvin sign and the long s match them); a flag other than i, m, s, U
/// or a brace that is no repetition makes the whole regex give none.
std::optional<std::bitset<256>> required_bytes(std::string_view re, bool icase = false,
                                               int depth = 0) {
  if (depth > 16) return std::nullopt;
  std::vector<std::string_view> alts;
  if (!top_level_alternatives(re, alts)) return std::nullopt;
  auto cost = [](const std::bitset<256>& set) {
    double c = 0;
    for (int b = 0; b < 256; ++b) {
      if (!set[static_cast<std::size_t>(b)]) continue;
      c += b == ' ' ? 100 : std::isalpha(b) ? 10 : std::isdigit(b) ? 3 : 1;
    }
    return c;
  };
  // Flags: true when `f` (the letters of a flag group) are all known; `on` gets i's state.
  auto read_flags = [](std::string_view f, bool& on) {
    bool negate = false;
    for (char c : f) {
      if (c == '-') negate = true;
      else if (c == 'i') on = !negate;
      else if (c != 'm' && c != 's' && c != 'U') return false;
    }
    return true;
  };
  std::bitset<256> all;
  for (std::string_view s : alts) {
    std::optional<std::bitset<256>> best;
    bool ci = icase;
    const std::size_t n = s.size();
    for (std::size_t i = 0; i < n;) {
      std::optional<std::bitset<256>> item;
      std::size_t end = token_end(s, i);
      const char c = s[i];
      if (c == '(') {
        end = group_end(s, i);
        if (end == std::string_view::npos) return std::nullopt;
        std::string_view body = s.substr(i + 1, end - 1 - (i + 1));
        bool inner = ci;
        if (!body.empty() && body[0] == '?') {
          if (body.starts_with("?P<")) {
            const std::size_t gt = body.find('>');
            if (gt == std::string_view::npos) return std::nullopt;
            body.remove_prefix(gt + 1);
          } else {
            const std::size_t colon = body.find(':');
            const std::size_t flags_end = std::min(colon, body.size());
            bool on = ci;
            if (!read_flags(body.substr(1, flags_end - 1), on)) return std::nullopt;
            if (colon == std::string_view::npos) {  // "(?i)": flags for the rest
              ci = on;
              i = end;
              continue;
            }
            inner = on;
            body.remove_prefix(colon + 1);
          }
        }
        item = required_bytes(body, inner, depth + 1);
      } else if (c == '\\') {
        if (i + 1 >= n) return std::nullopt;
        const auto e = static_cast<unsigned char>(s[i + 1]);
        if (e == 'd') {
          item.emplace();
          for (int d = '0'; d <= '9'; ++d) item->set(static_cast<std::size_t>(d));
        } else if (e < 0x80 && !std::isalnum(e)) {
          item.emplace();
          item->set(e);
        }
      } else if (std::string_view(")*+?{}|").find(c) != std::string_view::npos) {
        return std::nullopt;  // not read here
      } else if (static_cast<unsigned char>(c) >= 0x80) {
        while (end < n && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) ++end;
      } else if (c != '[' && c != '.' && c != '^' && c != '$') {
        const auto b = static_cast<unsigned char>(c);
        const auto lower = static_cast<unsigned char>(std::tolower(b));
        if (!ci || !std::isalpha(b)) {
          item.emplace();
          item->set(b);
        } else if (lower != 'k' && lower != 's') {
          item.emplace();
          item->set(lower);
          item->set(static_cast<unsigned char>(std::toupper(b)));
        }
      }
      // The item's quantifier: optional under ?, * and {0…}.
      bool optional = false;
      std::size_t q = end;
      if (q < n && (s[q] == '?' || s[q] == '*')) {
        optional = true;
        ++q;
      } else if (q < n && s[q] == '+') {
        ++q;
      } else if (q < n && s[q] == '{') {
        std::size_t k = q + 1;
        while (k < n && std::isdigit(static_cast<unsigned char>(s[k]))) ++k;
        if (k == q + 1) return std::nullopt;  // a brace that is no repetition
        optional = s.find_first_not_of('0', q + 1) == k;  // a least count of 0
        if (k < n && s[k] == ',') {
          ++k;
          while (k < n && std::isdigit(static_cast<unsigned char>(s[k]))) ++k;
        }
        if (k >= n || s[k] != '}') return std::nullopt;
        q = k + 1;
      }
      if (q > end && q < n && s[q] == '?') ++q;  // lazy
      if (!optional && item && (!best || cost(*item) < cost(*best))) best = item;
      i = q;
    }
    if (!best) return std::nullopt;
    all |= *best;
  }
  return all;
}

/// RE2's prefilter (FilteredRE2) over the patterns of the floating marker set: each pattern
/// gets a condition on lower-case literals ("atoms") that any line it matches contains. A
/// line is lower-cased as RE2 lower-cases atoms and scanned once by an Aho-Corasick automaton
/// of all atoms (byte classes, full transition table, fused with the lower-casing); only the
/// patterns whose condition holds run, each its own regex; the patterns without a condition
/// are run as a small set of their own. The set of all patterns builds a new DFA state for
/// nearly every new line (its states combine the threads of every pattern); each pattern's
/// own automaton is small and stays built. Pattern k is the set's pattern k.
class AtomFilter {
 public:
  // Atoms of one byte (digits, ':', '|') would be in nearly every line: the patterns whose
  // only literals are that short (the dateline, the postal code) run as a set of their own.
  static constexpr int kMinAtomLen = 2;

  /// Adds the set's next pattern; false when RE2 rejects it (the filter is then unusable).
  bool add(const std::string& pattern, const RE2::Options& opt) {
    int id = 0;
    if (filter_.Add(pattern, opt, &id) != RE2::NoError) {
      usable_ = false;
      return false;
    }
    patterns_.push_back(pattern);
    return true;
  }

  void compile(const RE2::Options& opt, RE2::Anchor anchor) {
    if (!usable_ || patterns_.empty()) {
      usable_ = false;
      return;
    }
    const std::vector<std::string> atoms = atoms::compile_filter(filter_, unfiltered_);
    is_unfiltered_.assign(patterns_.size(), false);
    // The bytes each pattern without a condition requires: a line holding none of them is
    // matched by none, and the set of them is not run on it.
    gated_ = !unfiltered_.empty();
    gate_.reset();
    for (int k : unfiltered_) {
      const auto req = required_bytes(patterns_[static_cast<std::size_t>(k)]);
      if (!req) gated_ = false;
      else gate_ |= *req;
    }
    for (std::size_t b = 0; b < 256; ++b) gate_table_[b] = gate_[b];
    if (!unfiltered_.empty()) {
      rest_ = std::make_unique<RE2::Set>(opt, anchor);
      for (int k : unfiltered_) {
        is_unfiltered_[static_cast<std::size_t>(k)] = true;
        if (rest_->Add(patterns_[static_cast<std::size_t>(k)], nullptr) < 0) usable_ = false;
      }
      if (usable_ && !rest_->Compile()) usable_ = false;
    }
    patterns_.clear();
    patterns_.shrink_to_fit();
    if (usable_) build_automaton(atoms);
    seen_words_ = (atom_count_ + 63) / 64;
    compiled_ = usable_;
  }

  bool usable() const { return compiled_; }
  std::size_t atom_count() const { return atom_count_; }
  std::size_t seen_words() const { return seen_words_; }

  /// Appends to `present` the atoms occurring in `line` lower-cased as RE2's prefilter
  /// lower-cases (each once, sorted); `seen` is seen_words() zero words, left zero. False when
  /// the line holds a code point whose folding is not checked here (atoms::prefilter_fold_cp):
  /// `present` is then unspecified. With `blocks` (set_boilerplate_scan_blocks), ASCII is read
  /// eight bytes a step and two-byte characters are folded by a table; else byte by byte.
  bool atoms_in(std::string_view line, std::vector<int>& present, std::uint64_t* seen,
                bool blocks = true) const {
    present.clear();
    std::uint32_t state = 0;
    // The atoms ending where the automaton reached `state` (its kOutput bit set): rare, out of
    // the byte loop, which stays a table look-up and a test per byte.
    auto emit = [&]() __attribute__((noinline)) {
      state &= ~kOutput;
      for (std::uint32_t k = out_[state / classes_], end = out_[state / classes_ + 1]; k < end; ++k) {
        const int a = out_atoms_[k];
        std::uint64_t& word = seen[static_cast<std::size_t>(a) >> 6];
        const std::uint64_t bit = std::uint64_t{1} << (a & 63);
        if (!(word & bit)) {
          word |= bit;
          present.push_back(a);
        }
      }
    };
    auto step = [&](std::uint8_t cls) {
      state = next_[state + cls];
      if (state & kOutput) [[unlikely]] emit();
    };
    bool ok = true;
    std::size_t i = 0;
    // (the eight-byte words are read little-endian: the first byte is the lowest)
    if (blocks && std::endian::native == std::endian::little) {
      const auto* p = reinterpret_cast<const unsigned char*>(line.data());
      const std::size_t n = line.size();
      const std::uint32_t* next = next_.data();
      const std::uint8_t* lower = lower_class_.data();
      // `count` ASCII bytes from `i` stepped with no test between them; the states' kOutput
      // bits are gathered, and when one is set the bytes are stepped again one by one from the
      // state before them (each atom ending there is emitted, in order).
      auto ascii_run = [&](std::size_t count) {
        std::uint32_t s = state, any = 0;
        for (std::size_t k = 0; k < count; ++k) {
          s = next[(s & ~kOutput) + lower[p[i + k]]];
          any |= s;
        }
        if (any & kOutput) [[unlikely]] {
          for (std::size_t k = 0; k < count; ++k) step(lower[p[i + k]]);
        } else {
          state = s;
        }
        i += count;
      };
      while (i < n) {
        // Eight bytes: ASCII up to the first byte of 0x80 or above.
        if (i + 8 <= n) {
          std::uint64_t w;
          std::memcpy(&w, p + i, 8);
          const std::uint64_t high = w & 0x8080808080808080ull;
          if (high == 0) {
            ascii_run(8);
            continue;
          }
          ascii_run(static_cast<std::size_t>(__builtin_ctzll(high)) / 8);  // little-endian
        }
        const unsigned char b = p[i];
        if (b < 0x80) {
          step(lower[b]);
          ++i;
          continue;
        }
        // A two-byte character: folded by the table (0: not checked, the general step below).
        if (b >= 0xC2 && b < 0xE0 && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
          const std::uint16_t f = fold2_[((b & 0x1Fu) << 6) | (p[i + 1] & 0x3Fu)];
          if (f != 0) {
            step(byte_class_[0xC0 | (f >> 6)]);
            step(byte_class_[0x80 | (f & 0x3F)]);
            i += 2;
            continue;
          }
        }
        if (!fold_step(line, i, step)) {
          ok = false;
          break;
        }
      }
    } else {
      while (i < line.size()) {
        const auto b = static_cast<unsigned char>(line[i]);
        if (b < 0x80) {
          step(lower_class_[b]);
          ++i;
          continue;
        }
        if (!fold_step(line, i, step)) {
          ok = false;
          break;
        }
      }
    }
    for (int a : present) seen[static_cast<std::size_t>(a) >> 6] = 0;
    if (ok && present.size() > 1) std::sort(present.begin(), present.end());
    return ok;
  }

  /// The patterns with a condition that may match a line holding the atoms `present` (sorted).
  void candidates(const std::vector<int>& present, std::vector<int>& out) const {
    out.clear();
    if (present.empty()) return;
    std::vector<int> all;
    filter_.AllPotentials(present, &all);
    for (int k : all)
      if (!is_unfiltered_[static_cast<std::size_t>(k)]) out.push_back(k);
  }

  const RE2& regex(int k) const { return filter_.GetRE2(k); }

  /// The patterns without a condition matching `line`, appended to `hits`.
  /// Whether `line` holds a byte of gate_: eight bytes looked up a step, no test between them.
  bool holds_gate_byte(std::string_view line) const {
    const auto* p = reinterpret_cast<const unsigned char*>(line.data());
    const std::size_t n = line.size();
    const std::uint8_t* t = gate_table_.data();
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8)
      if (t[p[i]] | t[p[i + 1]] | t[p[i + 2]] | t[p[i + 3]] | t[p[i + 4]] | t[p[i + 5]] |
          t[p[i + 6]] | t[p[i + 7]])
        return true;
    for (; i < n; ++i)
      if (t[p[i]]) return true;
    return false;
  }

  /// With `gate` (set_boilerplate_rest_gate), only on a line that holds one of the bytes each
  /// of those patterns requires (required_bytes).
  void match_rest(std::string_view line, std::vector<int>& scratch, std::vector<int>& hits,
                  bool gate = true) const {
    if (!rest_) return;
    if (gate && gated_ && !holds_gate_byte(line)) return;
    if (!rest_->Match(line, nullptr) || !rest_->Match(line, &scratch)) return;
    for (int k : scratch) hits.push_back(unfiltered_[static_cast<std::size_t>(k)]);
  }

 private:
  void build_automaton(const std::vector<std::string>& atoms) {
    atom_count_ = atoms.size();
    atoms::Automaton ac;
    if (!ac.build(atoms)) {
      usable_ = false;
      return;
    }
    byte_class_ = ac.byte_class;
    classes_ = ac.classes;
    next_ = std::move(ac.next);
    out_ = std::move(ac.out);
    out_atoms_ = std::move(ac.out_atoms);
    const std::size_t nodes = out_.size() - 1;
    // Transitions hold the target's row (node × classes) and kOutput when it ends atoms.
    if (nodes * classes_ >= kOutput) {
      usable_ = false;
      return;
    }
    for (auto& target : next_)
      target = static_cast<std::uint32_t>(target * classes_) |
               (out_[target + 1] == out_[target] ? 0 : kOutput);
    for (int c = 0; c < 128; ++c)
      lower_class_[static_cast<std::size_t>(c)] =
          byte_class_[static_cast<std::size_t>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c)];
    for (char32_t cp = 0x80; cp < 0x800; ++cp) {
      const char32_t f = atoms::prefilter_fold_cp(cp);
      fold2_[cp] = f >= 0x80 && f < 0x800 ? static_cast<std::uint16_t>(f) : 0;
    }
  }

  /// The character at `i` (not ASCII) folded as RE2's prefilter folds and stepped, `i` moved
  /// past it; false for a code point whose folding is not checked (prefilter_fold_cp gives 0).
  template <class Step>
  bool fold_step(std::string_view line, std::size_t& i, Step& step) const {
    const std::size_t start = i;
    const char32_t cp = next_cp(line, i);
    const char32_t lower = atoms::prefilter_fold_cp(cp);
    if (lower == 0) return false;
    if (lower == cp) {
      for (std::size_t k = start; k < i; ++k) step(byte_class_[static_cast<unsigned char>(line[k])]);
    } else {  // the Polish capitals: two bytes, as their small letters
      step(byte_class_[0xC0 | (lower >> 6)]);
      step(byte_class_[0x80 | (lower & 0x3F)]);
    }
    return true;
  }

  static constexpr std::uint32_t kOutput = 1u << 31;

  re2::FilteredRE2 filter_{kMinAtomLen};
  bool usable_ = true;
  bool compiled_ = false;  // compile() built a usable filter
  std::vector<std::string> patterns_;  // until compile(): for the set of the unfiltered
  std::vector<int> unfiltered_;        // patterns without a condition, ascending
  std::vector<bool> is_unfiltered_;
  bool gated_ = false;           // every unfiltered pattern requires one of the bytes of gate_
  std::bitset<256> gate_;
  std::array<std::uint8_t, 256> gate_table_{};  // gate_ as bytes, 1: in the gate
  std::unique_ptr<RE2::Set> rest_;     // the unfiltered patterns (set index → unfiltered_)
  std::size_t atom_count_ = 0, seen_words_ = 0;
  std::array<std::uint8_t, 128> lower_class_{};  // an ASCII byte's class once lower-cased
  // A two-byte character's code point (U+0080..U+07FF) → its folding when that is two bytes
  // too (prefilter_fold_cp), else 0: the general step.
  std::array<std::uint16_t, 0x800> fold2_{};
  std::array<std::uint8_t, 256> byte_class_{};
  std::size_t classes_ = 1;
  std::vector<std::uint32_t> next_;  // row (state × classes) + class → row | kOutput
  std::vector<std::uint32_t> out_;   // state → its atoms in out_atoms_ [out_[s], out_[s + 1])
  std::vector<int> out_atoms_;
};

/// Appends the code point `cp` folded as StartFilter folds a line (ASCII and the Polish capitals
/// to small letters, code points without a case mapping as they are) to `out` as UTF-8; false
/// for a code point whose folding is not checked here (atoms::prefilter_fold_cp gives 0).
bool append_start_fold(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp));
    return true;
  }
  const char32_t f = atoms::prefilter_fold_cp(cp);
  if (f == 0) return false;
  if (f < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (f >> 6)));
  } else {
    if (f < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (f >> 12)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (f >> 18)));
      out.push_back(static_cast<char>(0x80 | ((f >> 12) & 0x3F)));
    }
    out.push_back(static_cast<char>(0x80 | ((f >> 6) & 0x3F)));
  }
  out.push_back(static_cast<char>(0x80 | (f & 0x3F)));
  return true;
}

/// The end of the group opening at `pattern[open]` ('('), past its ')'; npos when unpaired.
std::size_t group_end(std::string_view pattern, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < pattern.size(); i = token_end(pattern, i)) {
    if (pattern[i] == '(') ++depth;
    else if (pattern[i] == ')' && --depth == 0) return i + 1;
  }
  return std::string_view::npos;
}

/// The literal texts that every match of the regex `re` starts with, folded as
/// append_start_fold folds (so case does not matter), appended to `out`; false when some match
/// may start otherwise (a class, an escape such as `\d`, an optional item, a construct not read
/// here). Each top-level alternative must start so: after `^`, `\b` and flag groups, with a
/// literal run (a code point under `?`, `*` or `{` is not part of it) or with a group that is
/// not optional and each of whose alternatives starts so.
bool start_literals(std::string_view re, std::vector<std::string>& out, int depth = 0) {
  if (depth > 16) return false;
  std::vector<std::string_view> alts;
  if (!top_level_alternatives(re, alts)) return false;
  for (std::string_view s : alts) {
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {  // zero-width items and flag groups
      if (s[i] == '^') {
        ++i;
      } else if (s.substr(i, 2) == "\\b") {
        i += 2;
      } else if (s.substr(i, 2) == "(?" && i + 2 < n && s[i + 2] != ':' && s[i + 2] != 'P') {
        std::size_t e = i + 2;
        while (e < n && std::isalpha(static_cast<unsigned char>(s[e]))) ++e;
        if (e < n && s[e] == '-') ++e;
        while (e < n && std::isalpha(static_cast<unsigned char>(s[e]))) ++e;
        if (e >= n || s[e] != ')') break;  // "(?i:…)": a group, read below
        i = e + 1;
      } else {
        break;
      }
    }
    if (i >= n) return false;
    if (s[i] == '(') {
      const std::size_t end = group_end(s, i);
      if (end == std::string_view::npos) return false;
      // An optional group: a match starts with the group's literals or with what follows it.
      std::size_t after = end;
      if (end < n && (s[end] == '?' || s[end] == '*')) {
        after = end + 1;
      } else if (end + 1 < n && s[end] == '{' && s[end + 1] == '0') {
        after = s.find('}', end);
        if (after == std::string_view::npos) return false;
        ++after;
      }
      if (after != end && after < n && s[after] == '?') ++after;  // lazy
      std::size_t body = i + 1;
      if (s[body] == '?') {  // "(?:", "(?i:", "(?P<name>"
        if (s.substr(body, 3) == "?P<") {
          body = s.find('>', body);
          if (body == std::string_view::npos || body >= end) return false;
          ++body;
        } else {
          std::size_t e = body + 1;
          while (e < end && (std::isalpha(static_cast<unsigned char>(s[e])) || s[e] == '-')) ++e;
          if (e >= end || s[e] != ':') return false;
          body = e + 1;
        }
      }
      if (!start_literals(s.substr(body, end - 1 - body), out, depth + 1)) return false;
      if (after != end && !start_literals(s.substr(after), out, depth + 1)) return false;
      continue;
    }
    if (s.substr(i, 2) == "\\d") {  // a digit (RE2's \d is ASCII): ten literals of one byte
      if (i + 2 < n && (s[i + 2] == '?' || s[i + 2] == '*' ||
                        (s[i + 2] == '{' && i + 3 < n && s[i + 3] == '0')))
        return false;
      for (char d = '0'; d <= '9'; ++d) out.emplace_back(1, d);
      continue;
    }
    std::string lit;
    std::size_t last = 0;  // where lit's last code point starts
    while (i < n) {
      const char c = s[i];
      if (c == '\\') {
        if (i + 1 >= n) return false;
        const auto e = static_cast<unsigned char>(s[i + 1]);
        if (e >= 0x80 || std::isalnum(e)) break;  // \d, \pL, \x{…}, \b, \Q…: not read
        last = lit.size();
        if (!append_start_fold(e, lit)) return false;
        i += 2;
      } else if (std::string_view(".[]()|^$*+?{}").find(c) != std::string_view::npos) {
        break;
      } else {
        last = lit.size();
        std::size_t k = i;
        if (!append_start_fold(next_cp(s, k), lit)) return false;
        i = k;
      }
      if (i < n && (s[i] == '?' || s[i] == '*' || s[i] == '{')) {
        lit.resize(last);  // that code point may be absent
        break;
      }
      if (i < n && s[i] == '+') break;
    }
    if (lit.empty()) return false;
    out.push_back(std::move(lit));
  }
  return true;
}

/// The literals that the anchored markers' matches start with (start_literals), as a trie over
/// folded bytes: a line that starts with none of them cannot match any of those markers, and
/// the set that holds them is not run on it.
class StartFilter {
 public:
  void add(std::string_view literal) {
    std::uint32_t node = 0;
    for (char ch : literal) {
      const auto b = static_cast<unsigned char>(ch);
      auto it = build_[node].find(b);
      if (it == build_[node].end()) {
        it = build_[node].emplace(b, static_cast<std::uint32_t>(build_.size())).first;
        build_.emplace_back();
        ends_.push_back(false);
      }
      node = it->second;
    }
    ends_[node] = true;
  }

  /// Flattens the trie: edges of a node in byte order, contiguous.
  void finish() {
    nodes_.assign(build_.size(), {});
    edges_.clear();
    for (std::size_t k = 0; k < build_.size(); ++k) {
      nodes_[k].first = static_cast<std::uint32_t>(edges_.size());
      for (const auto& [b, child] : build_[k]) edges_.push_back({b, child});
      nodes_[k].last = static_cast<std::uint32_t>(edges_.size());
      nodes_[k].end = ends_[k];
    }
    root_.fill(0);
    for (std::uint32_t e = nodes_[0].first; e < nodes_[0].last; ++e)
      root_[edges_[e].byte] = edges_[e].child;
    build_.clear();
    ends_.clear();
  }

  /// False when `line` folded starts with none of the literals. True when it starts with one,
  /// or when a code point whose folding is not checked comes before the answer.
  bool may_start(std::string_view line) const {
    std::uint32_t node = 0;
    auto step = [&](unsigned char b) {
      if (node == 0) {  // the root has an edge for most first letters: a table, not a scan
        node = root_[b];
        return node != 0;
      }
      const Node& nd = nodes_[node];
      for (std::uint32_t e = nd.first; e < nd.last; ++e)
        if (edges_[e].byte == b) {
          node = edges_[e].child;
          return true;
        }
      return false;
    };
    char buf[4];
    for (std::size_t i = 0; i < line.size();) {
      const auto b = static_cast<unsigned char>(line[i]);
      if (b < 0x80) {
        const auto lower = static_cast<unsigned char>(b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b);
        if (!step(lower)) return false;
        ++i;
      } else {
        const char32_t cp = next_cp(line, i);
        const char32_t f = atoms::prefilter_fold_cp(cp);
        if (f == 0) return true;
        std::size_t len = 0;
        if (f < 0x800) {
          buf[len++] = static_cast<char>(0xC0 | (f >> 6));
        } else if (f < 0x10000) {
          buf[len++] = static_cast<char>(0xE0 | (f >> 12));
          buf[len++] = static_cast<char>(0x80 | ((f >> 6) & 0x3F));
        } else {
          buf[len++] = static_cast<char>(0xF0 | (f >> 18));
          buf[len++] = static_cast<char>(0x80 | ((f >> 12) & 0x3F));
          buf[len++] = static_cast<char>(0x80 | ((f >> 6) & 0x3F));
        }
        buf[len++] = static_cast<char>(0x80 | (f & 0x3F));
        for (std::size_t k = 0; k < len; ++k)
          if (!step(static_cast<unsigned char>(buf[k]))) return false;
      }
      if (nodes_[node].end) return true;
    }
    return false;
  }

 private:
  struct Node {
    std::uint32_t first = 0, last = 0;
    bool end = false;
  };
  struct Edge {
    unsigned char byte;
    std::uint32_t child;
  };
  std::vector<std::map<unsigned char, std::uint32_t>> build_{1};
  std::vector<bool> ends_{false};
  std::vector<Node> nodes_;
  std::vector<Edge> edges_;
  std::array<std::uint32_t, 256> root_{};  // the root's child by byte (0: none; no child is 0)
};

/// A set of short strings (the stopwords) looked up by a cheap hash: open addressing over a
/// power-of-two table, FNV-1a of the bytes.
class SmallStringSet {
 public:
  void insert(std::string w) {
    if (contains(w)) return;
    words_.push_back(std::move(w));
    max_len_ = std::max(max_len_, words_.back().size());
    std::size_t size = 16;
    while (size < words_.size() * 4) size *= 2;
    slots_.assign(size, -1);
    for (std::size_t k = 0; k < words_.size(); ++k) {
      std::size_t h = hash(words_[k]) & (size - 1);
      while (slots_[h] >= 0) h = (h + 1) & (size - 1);
      slots_[h] = static_cast<int>(k);
    }
  }
  bool contains(std::string_view w) const {
    if (w.size() > max_len_ || slots_.empty()) return false;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t h = hash(w) & mask;; h = (h + 1) & mask) {
      int k = slots_[h];
      if (k < 0) return false;
      if (words_[static_cast<std::size_t>(k)] == w) return true;
    }
  }

 private:
  // Length and the first two and last bytes: enough to spread a few hundred short words.
  static std::size_t hash(std::string_view w) {
    if (w.empty()) return 0;
    auto byte = [&](std::size_t k) { return static_cast<std::uint64_t>(static_cast<unsigned char>(w[k])); };
    std::uint64_t h = w.size() | byte(0) << 8 | byte(w.size() > 1 ? 1 : 0) << 16 | byte(w.size() - 1) << 24;
    h *= 0x9E3779B97F4A7C15ull;
    return static_cast<std::size_t>(h >> 32);
  }
  std::vector<std::string> words_;
  std::vector<int> slots_;
  std::size_t max_len_ = 0;
};

/// Counts kept for texts of one page (views into the page's arenas): an open-addressing table
/// keyed by text_hash, a slot per text holding two counts and a flag. One per thread, its slots
/// kept from page to page and emptied at each use: the passes that compare a page's lines by
/// their folding (repeated_title, repeated_lines) allocate nothing per key or page.
class TextCounts {
 public:
  struct Slot {
    std::uint64_t hash = 0;  // 0: empty (text_hash is never 0)
    std::string_view text;
    std::size_t a = 0, b = 0;
    bool flag = false;
  };
  /// Empties the table for at most `keys` distinct texts.
  void reset(std::size_t keys) {
    const std::size_t cap = std::bit_ceil(std::max<std::size_t>(16, 2 * keys));
    if (slots_.size() < cap) slots_.resize(cap);
    for (std::size_t k = 0; k < cap; ++k) slots_[k].hash = 0;
    mask_ = cap - 1;
  }
  /// The slot of `text`, new (zero counts) if it was not there.
  Slot& add(std::string_view text) {
    const std::uint64_t h = text_hash(text);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.hash == 0) {
        s = {h, text, 0, 0, false};
        return s;
      }
      if (s.hash == h && s.text == text) return s;
    }
  }
  /// The slot of `text`, or null.
  const Slot* find(std::string_view text) const {
    const std::uint64_t h = text_hash(text);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.hash == 0) return nullptr;
      if (s.hash == h && s.text == text) return &s;
    }
  }
  static TextCounts& of_thread() {
    thread_local TextCounts t;
    return t;
  }

 private:
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
};

/// Calls `f(word)` for every word of `s` split at ASCII blanks (split_words without a vector).
template <class F>
void for_each_word(std::string_view s, F&& f) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (s[i] == ' ') {
      ++i;
      continue;
    }
    std::size_t e = std::min(s.find(' ', i), s.size());
    f(s.substr(i, e - i));
    i = e;
  }
}

std::size_t word_count(std::string_view s) {
  std::size_t n = 0;
  for_each_word(s, [&](std::string_view) { ++n; });
  return n;
}

/// starts_upper with an ASCII fast path.
bool starts_upper_fast(std::string_view s) {
  if (s.empty()) return false;
  auto b = static_cast<unsigned char>(s[0]);
  if (b < 0x80) return b >= 'A' && b <= 'Z';
  return starts_upper(s);
}

/// starts_upper after opening quotes and brackets: a title may open with the programme's
/// name in quotes ("„Ciepły kąt” – punkt wsparcia …").
bool starts_upper_quoted(std::string_view s) {
  s = trim_if(
      s,
      [](char32_t c) {
        return c == U'„' || c == U'“' || c == U'"' || c == U'«' || c == U'‚' || c == U'\'' ||
               c == U'(' || c == U'‘';
      },
      [](char32_t) { return false; });
  return starts_upper_fast(s);
}

/// What the rules need to know about one line, computed once.
struct LineInfo {
  std::string_view norm;  // spaces collapsed, trimmed: the line itself or the page's arena
  bool blank = true;
  bool indented = false;
  unsigned groups = 0;
  std::uint32_t separators = 0;  // bit k: [navigation] separator k occurs in the line
  int strip_rule = -1;  // index into Impl::marker_rules of the first strip rule that matched
  int words = 0;
  int stopwords = 0;
  int title_words = 0;
  int letters = 0;
  int digits = 0;
  int chars = 0;
  bool sentence_punct = false;
  bool bullet = false;     // starts with a menu bullet
  bool menu_word = false;  // is one of [menu_words]
  bool starts_upper = false;  // after the bullet
  bool ends_colon_or_punct = false;
  double score = 0;
  // The case folding of `norm`, its dashes and quotes made ASCII (fold_typography), in
  // Stripper::fold_arena_ (lines of few words only: the rules that compare lines case-blind
  // look at short lines).
  bool has_fold = false;
  std::size_t fold_at = 0, fold_len = 0;
  // [navigation] separator that splits the line into navigation parts (see navigation()),
  // or -1; looked for on lines of the group with at most nav_max_words words.
  int nav_separator = -1;
};

bool days_ok(int y, int m, int d) {
  static constexpr int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1]) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && d == 29 && !leap);
}

int to_int(std::string_view s) {
  int v = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  return r.ec == std::errc() ? v : -1;
}

}  // namespace

struct BoilerplateRules::Impl {
  std::uint64_t id = 0;  // distinct for every compiled rule set: keys the line memo
  struct Marker {
    Group group;
    std::string rule;
    // A second pattern the line must match too; null = none. Markers whose guards are
    // spelled alike share one regex (the dateline of [strip] and of [page_date]): its states
    // are built once, and describe() asks it once a line.
    std::shared_ptr<const RE2> guard;
    // The guard with its long repetitions opened up (open_repeats; null: none), asked instead
    // of it on lines of at most guard_open_bytes bytes, where both answer alike: a bound such
    // as `.{0,200}` makes the guard's DFA build new states on nearly every line it reads.
    std::shared_ptr<const RE2> guard_open;
    std::size_t guard_open_bytes = 0;
    // The pattern itself when the set holds it with its repetitions opened up
    // (open_repeats): a line the set reports must match it too. Null = the set's answer is
    // exact, as it is on lines of at most exact_from bytes (open_repeats).
    std::unique_ptr<RE2> exact;
    std::size_t exact_from = 0;
    // A guard that only bounds the line's length (`^.{0,N}$`) is this count of code points
    // instead: RE2 compiles N copies of a UTF-8 "any character" for it, ~6 M instructions at
    // start-up for each of the fourteen, and runs them on every line the marker matches.
    std::size_t guard_max_cps = std::numeric_limits<std::size_t>::max();
    int separator = -1;  // [navigation]: index into `separators`
    bool guard_holds(std::string_view line) const {
      if (guard_max_cps != std::numeric_limits<std::size_t>::max())
        return count_code_points(line) <= guard_max_cps;
      if (!guard) return true;
      const bool open = guard_open && line.size() <= guard_open_bytes;
      return RE2::PartialMatch(line, open ? *guard_open : *guard);
    }
  };
  // The single-line patterns in two sets: those anchored at the line's start, searched from
  // there only, and the rest. `markers[k]` are the indices into marker_rules of the set's
  // pattern k: a pattern given by several entries (the dateline of [strip] and of
  // [page_date]) is in the set once.
  struct MarkerSet {
    std::unique_ptr<RE2::Set> set;
    std::vector<std::vector<int>> markers;
    std::unordered_map<std::string, std::size_t> index;  // pattern → k
    // The floating set's patterns again behind RE2's prefilter (pattern k is the set's k);
    // unused in the anchored set, whose DFA stops early on its own.
    AtomFilter filter;
    // The anchored set in two (set_boilerplate_anchor_split), `set` then unused: the patterns
    // whose matches start with literals (start_literals) in `lead`, run only on the lines that
    // start with one of them (`starts`), the others in `rest`. The set's states combine what
    // every pattern is in the middle of: the keyword patterns' words with the label and name
    // patterns that read any line, so that nearly every new line built new states; apart, each
    // set's states stay few, and most lines start with no keyword. `lead_k` and `rest_k` map a
    // pattern of theirs to the set's pattern k.
    bool split_starts = false;
    std::unique_ptr<RE2::Set> lead, rest;
    std::vector<int> lead_k, rest_k;
    StartFilter starts;
    /// Appends the marker_rules indices of the patterns matching `line` to `hits`.
    void match(std::string_view line, std::vector<int>& scratch, std::vector<int>& hits) const {
      if (split_starts) {
        auto read = [&](const RE2::Set& s, const std::vector<int>& ks) {
          if (!s.Match(line, &scratch)) return;
          for (int j : scratch)
            for (int m : markers[static_cast<std::size_t>(ks[static_cast<std::size_t>(j)])])
              hits.push_back(m);
        };
        if (!rest_k.empty()) read(*rest, rest_k);
        if (!lead_k.empty() && starts.may_start(line)) read(*lead, lead_k);
        return;
      }
      if (markers.empty() || !set->Match(line, &scratch)) return;
      for (int k : scratch)
        for (int m : markers[static_cast<std::size_t>(k)]) hits.push_back(m);
    }
  };
  MarkerSet anchored, floating;
  std::vector<Marker> marker_rules;
  std::vector<std::pair<std::string, std::unique_ptr<RE2>>> separators;  // rule, regex
  // [navigation_part]: characters stripped, with blanks, from a part's start and end.
  std::u32string part_trim_start, part_trim_end;
  std::unique_ptr<RE2> figure;
  std::unique_ptr<RE2> views_figure;  // [counter] views_figure: the figure before or after the word
  std::unique_ptr<RE2> site_counter;  // [counter] site: a counter that names the whole site's visits
  std::unique_ptr<RE2> partial_counter;  // [counter] partial: a day's or a month's visits, no total
  std::unique_ptr<RE2> counter_cell;  // [counter] cell: a counter in a cell of a footer line
  /// [counter] since_tail: a counter line's own "since" date at its end ("… od 1 kwietnia
  /// 2008 r."), not counted in its words; optional
  std::unique_ptr<RE2> since_tail;
  /// [sponsor] except: a sponsor footer's first line that matches one of these is the page's
  /// own fact ("Dofinansowanie z programu „Aktywni+”: 150 000 zł")
  std::vector<std::unique_ptr<RE2>> sponsor_except;
  /// [date_label]: a date's label written without a colon ("Data wprowadzenia do BDP" over
  /// "2011-04-21"): the date under it is the label's value
  std::vector<std::unique_ptr<RE2>> date_labels;
  /// [date_label] stamp: a date line that is no label's value ("19.02.2024 08:12 Magdalena
  /// Sadowska" under gov.pl's "Aktualizacja:"): furniture under any label but a publication's.
  std::vector<std::unique_ptr<RE2>> stamps;
  bool stamp(std::string_view line) const {
    return std::any_of(stamps.begin(), stamps.end(),
                       [&](const auto& re) { return RE2::FullMatch(line, *re); });
  }
  /// [date_label] created: a document's creation date ("Data wytworzenia: …"), the page's date
  /// only when the page gives no other (a BIP's "Data publikacji" beside it wins).
  std::vector<std::unique_ptr<RE2>> created_labels;
  bool created(std::string_view line) const {
    return std::any_of(created_labels.begin(), created_labels.end(),
                       [&](const auto& re) { return RE2::PartialMatch(line, *re); });
  }
  struct DatePattern {
    std::string order;
    std::unique_ptr<RE2> re;
  };
  std::vector<DatePattern> dates;
  std::unordered_map<std::string, int> months;
  std::vector<std::pair<std::string, std::unique_ptr<RE2>>> funds;
  std::unique_ptr<RE2> bullet;
  /// [deck_closing] closing = regex: a deck's closing slide ("Dziękuję za uwagę"); a page of
  /// unmarked slides (block_slides) needs one among its units' titles.
  std::unique_ptr<RE2> deck_closing;
  std::vector<std::unique_ptr<RE2>> page_numbers;  // [page_number], in the set as g_page_number
  std::vector<std::unique_ptr<RE2>> numbered_heads;  // [numbered_head], as g_numbered_head
  // [page_date]'s patterns one by one: whether a label and the date under it, joined, read
  // as a publication line ("Opublikowano:" / "14.05.2020"). Compiled on the first page that
  // asks (a date alone under a label is rare; compiling them costs ~11 M instructions).
  std::vector<std::string> page_date_patterns;  // narrowed, checked by the set already
  mutable std::once_flag page_dates_once;
  mutable std::vector<std::unique_ptr<RE2>> page_dates;
  bool publication(std::string_view label, std::string_view date) const {
    std::call_once(page_dates_once, [&] {
      for (const auto& p : page_date_patterns) {
        auto re = std::make_unique<RE2>(p, re_options());
        if (re->ok()) page_dates.push_back(std::move(re));
      }
    });
    const std::string joined = std::string(label) + " " + std::string(date);
    for (const auto& re : page_dates)
      if (RE2::PartialMatch(joined, *re) && !RE2::PartialMatch(date, *re)) return true;
    return false;
  }
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  SmallStringSet stopwords;  // lower case and capitalised
  /// [abbreviations]: words whose full stop ends no sentence ("r", "ul", "m.in"), lower case,
  /// without that full stop
  SmallStringSet abbreviations;
  std::size_t abbreviation_max_bytes = 0;
  /// Whether the full stop at `dot` of `line` is an abbreviation's ("w 2024 r.", "ul. Długa",
  /// "m.in. dzieci"), no sentence's end.
  bool abbreviation_dot(std::string_view line, std::size_t dot) const {
    std::size_t start = line.rfind(' ', dot);
    start = start == std::string_view::npos ? 0 : start + 1;
    std::string_view w = line.substr(start, dot - start);
    while (!w.empty() && (w.front() == '(' || w.front() == '"' || w.front() == '['))
      w.remove_prefix(1);
    if (w.empty() || w.size() > abbreviation_max_bytes) return false;
    return abbreviations.contains(to_lower(w));
  }
  /// Whether `line` reads as a sentence by its punctuation: a comma, a final ! or ?, a full
  /// stop before a blank, a final full stop; an abbreviation's full stop only on a line that
  /// may not be a heading. Before a blank, `short_line` (at most
  /// inline_abbreviation_max_words words) says it may: "Racibórz · od 2012 r. razem z …", "ul.
  /// Lipowa 4". At the end, `heading` (a capital first and at most
  /// heading_abbreviation_max_words words): a sentence ending in "… 2023 r." has one full stop
  /// for both, and a line wrapped off a sentence ("marca 2024 r.") is its end. `last` is the
  /// line's last character; `whole`: `line` is the whole line (else the head of a long one,
  /// whose full stops are taken as they are).
  bool sentence_punct(std::string_view line, char last, bool whole, bool heading,
                      bool short_line) const {
    if (last == '!' || last == '?' || line.find(", ") != std::string_view::npos) return true;
    if (last == '.' && !(whole && heading && abbreviation_dot(line, line.size() - 1)))
      return true;
    for (std::size_t p = line.find(". "); p != std::string_view::npos; p = line.find(". ", p + 1))
      if (!whole || !short_line || !abbreviation_dot(line, p)) return true;
    return false;
  }
  std::unordered_set<std::string, Hash, std::equal_to<>> menu_words;  // case folded
  std::size_t menu_word_max_bytes = 0;  // no longer folded line can be a menu word
  std::unordered_set<std::string> footer_rules;  // [footer_start]: rule names ending the page
  std::unordered_set<std::string> thread_heads, thread_replies;  // [comment_thread]
  std::unordered_set<std::string> slide_marker_rules;  // [slide_markers]
  std::unordered_set<std::string> meta_block_rules;    // [meta_block]
  std::unordered_set<std::string> footer_block_rules;  // [footer_block]
  std::unordered_set<std::string> slide_text_rules;    // [slide_text]
  /// [name_above]: rules whose line names nothing itself but is the file or item the line
  /// above names ("Gminny Program … na lata 2024–2026" / "(pdf, 512 KB) Data dodania: …")
  std::unordered_set<std::string> name_above_rules;
  /// [thresholds], read once: they are consulted several times per line.
  struct Thresholds {
    double bad = 0;
    double block_min_medium_share = 0;
    double cross_page_min_pages = 0;
    double cross_page_min_share = 0;
    double counter_max_words = 0;
    double name_above_max_words = 30;
    double counter_window = 0;
    double metadata_reach = 0;
    double enclosed_max_lines = 0;
    double good = 0;
    double header_max_lines = 0;
    double len_full_words = 0;
    double menu_max_chars = 0;
    double menu_max_gap = 0;
    double heading_abbreviation_max_words = 0;
    double inline_abbreviation_max_words = 0;
    double menu_max_stop_share = 0;
    double menu_max_words = 0;
    double menu_min_run = 0;
    double menu_min_run_known = 0;
    double meta_block_min_lines = 0;
    double nav_max_words = 0;
    double nav_part_max_words = 0;
    double repeat_max_words = 0;
    double repeat_min = 0;
    double paged_deck_max_chars = 0;
    double block_slides_min = 0;
    double block_slide_max_lines = 0;
    double block_slide_title_max_words = 0;
    double block_slide_line_max_chars = 0;
    double block_slides_share = 0;
    double numbered_transcript_min = 0;
    double repeat_prefix_coverage = 0;
    double repeat_prefix_min_words = 0;
    double scan_max_bytes = 0;
    double signature_body_window = 0;
    double signature_max_words = 0;
    double slide_title_min_words = 0;
    double lead_in_min_words = 0;
    double comment_reach = 0;
    double sole_sentence_min_words = 0;
    double sponsor_max_words = 0;
    double stop_full_share = 0;
    double w_digits = 0;
    double w_len = 0;
    double w_punct = 0;
    double w_stop = 0;
    double w_title = 0;
  } t;

  std::vector<std::pair<std::string_view, double*>> threshold_slots() {
    return {
        {"bad", &t.bad},
        {"block_min_medium_share", &t.block_min_medium_share},
        {"cross_page_min_pages", &t.cross_page_min_pages},
        {"cross_page_min_share", &t.cross_page_min_share},
        {"counter_max_words", &t.counter_max_words},
        {"counter_window", &t.counter_window},
        {"name_above_max_words", &t.name_above_max_words},
        {"metadata_reach", &t.metadata_reach},
        {"enclosed_max_lines", &t.enclosed_max_lines},
        {"good", &t.good},
        {"header_max_lines", &t.header_max_lines},
        {"len_full_words", &t.len_full_words},
        {"menu_max_chars", &t.menu_max_chars},
        {"menu_max_gap", &t.menu_max_gap},
        {"heading_abbreviation_max_words", &t.heading_abbreviation_max_words},
        {"inline_abbreviation_max_words", &t.inline_abbreviation_max_words},
        {"menu_max_stop_share", &t.menu_max_stop_share},
        {"menu_max_words", &t.menu_max_words},
        {"menu_min_run", &t.menu_min_run},
        {"menu_min_run_known", &t.menu_min_run_known},
        {"meta_block_min_lines", &t.meta_block_min_lines},
        {"nav_max_words", &t.nav_max_words},
        {"nav_part_max_words", &t.nav_part_max_words},
        {"repeat_max_words", &t.repeat_max_words},
        {"repeat_min", &t.repeat_min},
        {"paged_deck_max_chars", &t.paged_deck_max_chars},
        {"block_slides_min", &t.block_slides_min},
        {"block_slide_max_lines", &t.block_slide_max_lines},
        {"block_slide_title_max_words", &t.block_slide_title_max_words},
        {"block_slide_line_max_chars", &t.block_slide_line_max_chars},
        {"block_slides_share", &t.block_slides_share},
        {"numbered_transcript_min", &t.numbered_transcript_min},
        {"repeat_prefix_coverage", &t.repeat_prefix_coverage},
        {"repeat_prefix_min_words", &t.repeat_prefix_min_words},
        {"scan_max_bytes", &t.scan_max_bytes},
        {"signature_body_window", &t.signature_body_window},
        {"signature_max_words", &t.signature_max_words},
        {"slide_title_min_words", &t.slide_title_min_words},
        {"lead_in_min_words", &t.lead_in_min_words},
        {"comment_reach", &t.comment_reach},
        {"sole_sentence_min_words", &t.sole_sentence_min_words},
        {"sponsor_max_words", &t.sponsor_max_words},
        {"stop_full_share", &t.stop_full_share},
        {"w_digits", &t.w_digits},
        {"w_len", &t.w_len},
        {"w_punct", &t.w_punct},
        {"w_stop", &t.w_stop},
        {"w_title", &t.w_title}};
  }

  /// ISO date found in `s`, or "": the first date on the line (a byline's publication date
  /// before its update's, "Redakcja | 14.11.2023, 08:45 | aktualizacja: 2023-11-15, 10:00"),
  /// of two at one place the one of the shape tried first.
  /// `any` (optional) is set when a pattern of [date] matches `s` at all, a valid date or not.
  std::string parse_date(std::string_view s, bool* any = nullptr) const {
    std::string best;
    std::size_t best_at = s.size() + 1;
    for (const auto& p : dates) {
      re2::StringPiece m[4];
      if (!p.re->Match(s, 0, s.size(), RE2::UNANCHORED, m, 4)) continue;
      if (any) *any = true;
      const auto at = static_cast<std::size_t>(m[0].data() - s.data());
      if (at >= best_at) continue;
      const std::string a(m[1].data(), m[1].size()), b(m[2].data(), m[2].size()),
          c(m[3].data(), m[3].size());
      const std::string* parts[3] = {&a, &b, &c};
      int y = -1, month = -1, d = -1;
      for (std::size_t k = 0; k < 3 && k < p.order.size(); ++k) {
        switch (p.order[k]) {
          case 'y': y = to_int(*parts[k]); break;
          case 'm': month = to_int(*parts[k]); break;
          case 'd': d = to_int(*parts[k]); break;
          case 'w': {
            auto it = months.find(to_lower(*parts[k]));
            month = it == months.end() ? -1 : it->second;
            break;
          }
          default: break;
        }
      }
      if (days_ok(y, month, d)) {
        best = fmt::format("{:04}-{:02}-{:02}", y, month, d);
        best_at = at;
      }
    }
    return best;
  }
};

BoilerplateRules::BoilerplateRules(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BoilerplateRules::~BoilerplateRules() = default;

std::unique_ptr<BoilerplateRules> BoilerplateRules::compile(const Grammars& g,
                                                            std::vector<GrammarError>& errors) {
  auto impl = std::make_unique<Impl>();
  static std::atomic<std::uint64_t> next_id{1};
  impl->id = next_id++;
  const bool split = marker_split_on.load(std::memory_order_relaxed);
  impl->anchored.set = std::make_unique<RE2::Set>(re_options(), RE2::ANCHOR_START);
  if (split && anchor_split_on.load(std::memory_order_relaxed)) {
    impl->anchored.split_starts = true;
    impl->anchored.lead = std::make_unique<RE2::Set>(re_options(), RE2::ANCHOR_START);
    impl->anchored.rest = std::make_unique<RE2::Set>(re_options(), RE2::ANCHOR_START);
  }
  impl->floating.set = std::make_unique<RE2::Set>(re_options(), RE2::UNANCHORED);

  // Whether the entry before the current one (same section) added a marker: a `guard = regex`
  // entry attaches to it.
  bool last_marker = false;
  auto add_marker = [&](const GrammarEntry& e, Group group, const std::string& rule) {
    std::string err;
    last_marker = false;
    if (e.value.empty()) {
      // A bare line would be an empty pattern, which matches every line.
      errors.push_back(g.error_at(kFile, e, "needs 'name = regex'"));
      return;
    }
    const std::string pattern = narrow_unicode_classes(e.value);
    std::size_t least = std::numeric_limits<std::size_t>::max();
    std::string open = split ? open_repeats(pattern, kOpenRepeatMin, &least) : pattern;
    std::unique_ptr<RE2> exact;
    if (open != pattern) {
      exact = std::make_unique<RE2>(pattern, re_options());
      if (!exact->ok()) {  // the set reports the error, as for any other bad pattern
        exact.reset();
        open = pattern;
      }
    }
    Impl::MarkerSet& set = split && anchored_at_start(pattern) ? impl->anchored : impl->floating;
    const int marker = static_cast<int>(impl->marker_rules.size());
    if (auto it = split ? set.index.find(open) : set.index.end(); it != set.index.end()) {
      set.markers[it->second].push_back(marker);
    } else {
      std::vector<std::string> literals;
      const bool lead = set.split_starts && start_literals(open, literals);
      RE2::Set& to = set.split_starts ? (lead ? *set.lead : *set.rest) : *set.set;
      if (to.Add(open, &err) < 0) {
        errors.push_back(g.error_at(kFile, e, "bad regex: " + err));
        return;
      }
      if (set.split_starts) {
        (lead ? set.lead_k : set.rest_k).push_back(static_cast<int>(set.markers.size()));
        for (const auto& l : literals) set.starts.add(l);
      }
      set.index.emplace(open, set.markers.size());
      set.markers.push_back({marker});
      if (split && &set == &impl->floating) set.filter.add(open, re_options());
    }
    impl->marker_rules.emplace_back();
    impl->marker_rules.back().group = group;
    impl->marker_rules.back().rule = rule;
    if (exact) impl->marker_rules.back().exact_from = least;
    impl->marker_rules.back().exact = std::move(exact);
    last_marker = true;
  };
  // pattern → the guard's regex and, with the marker split on, its opened form
  struct GuardRegex {
    std::shared_ptr<const RE2> re, open;
    std::size_t open_bytes = 0;
  };
  std::unordered_map<std::string, GuardRegex> guards;
  // True when `e` is a guard (handled here, attached to the marker above it).
  auto guard = [&](const GrammarEntry& e) {
    if (e.key != "guard") return false;
    auto& marker = impl->marker_rules.back();
    if (!last_marker || marker.guard ||
        marker.guard_max_cps != std::numeric_limits<std::size_t>::max())
      errors.push_back(g.error_at(kFile, e, "a guard must follow a pattern"));
    else if (auto n = length_bound(e.value))
      marker.guard_max_cps = *n;
    else if (auto it = guards.find(e.value); it != guards.end()) {
      marker.guard = it->second.re;
      marker.guard_open = it->second.open;
      marker.guard_open_bytes = it->second.open_bytes;
    } else if ((marker.guard = compile_one(g, e, e.value, errors))) {
      GuardRegex& gr = guards[e.value];
      gr.re = marker.guard;
      std::size_t least = std::numeric_limits<std::size_t>::max();
      const std::string narrow = narrow_unicode_classes(e.value);
      const std::string open = split ? open_repeats(narrow, kOpenRepeatMin, &least) : narrow;
      if (open != narrow) {
        auto re = std::make_shared<const RE2>(open, re_options());
        if (re->ok()) {
          gr.open = std::move(re);
          gr.open_bytes = least;
        }
      }
      marker.guard_open = gr.open;
      marker.guard_open_bytes = gr.open_bytes;
    }
    last_marker = false;
    return true;
  };
  for (const auto& e : g.entries(kFile, "strip"))
    if (!guard(e)) add_marker(e, g_strip, e.key);
  last_marker = false;
  for (const auto& e : g.entries(kFile, "link_list"))
    if (!guard(e)) add_marker(e, g_link_list, "link_list");
  for (const auto& e : g.entries(kFile, "footer_start")) impl->footer_rules.insert(e.key);
  for (const auto& e : g.entries(kFile, "comment_thread")) {
    if (e.key == "head") impl->thread_heads.insert(e.value);
    else if (e.key == "reply") impl->thread_replies.insert(e.value);
    else errors.push_back(g.error_at(kFile, e, "[comment_thread] takes head = rule and reply = rule"));
  }
  last_marker = false;
  for (const auto& e : g.entries(kFile, "slide_markers")) {
    if (guard(e)) continue;
    if (e.key == "titled")
      add_marker(e, g_slide_title, "slide_title");
    else if (e.value.empty())
      impl->slide_marker_rules.insert(e.key);
    else
      errors.push_back(g.error_at(kFile, e, "[slide_markers] takes rule names and `titled = regex`"));
  }
  for (const auto& e : g.entries(kFile, "meta_block")) impl->meta_block_rules.insert(e.key);
  for (const auto& e : g.entries(kFile, "footer_block")) impl->footer_block_rules.insert(e.key);
  for (const auto& e : g.entries(kFile, "slide_text")) impl->slide_text_rules.insert(e.key);
  for (const auto& e : g.entries(kFile, "name_above")) impl->name_above_rules.insert(e.key);
  last_marker = false;
  for (const auto& e : g.entries(kFile, "page_number")) {
    if (e.key != "number") {
      errors.push_back(g.error_at(kFile, e, "unknown [page_number] key '" + e.key + "'"));
      continue;
    }
    auto re = compile_one(g, e, e.value, errors);
    if (!re) continue;
    if (re->NumberOfCapturingGroups() < 1) {
      errors.push_back(g.error_at(kFile, e, "a page number pattern needs a capture"));
      continue;
    }
    impl->page_numbers.push_back(std::move(re));
    add_marker(e, g_page_number, "page_number");
  }
  last_marker = false;
  for (const auto& e : g.entries(kFile, "numbered_head")) {
    auto re = e.key == "head" ? compile_one(g, e, e.value, errors) : nullptr;
    if (e.key != "head" || (re && re->NumberOfCapturingGroups() < 1)) {
      errors.push_back(g.error_at(kFile, e, "[numbered_head] takes `head = regex` with a capture"));
      continue;
    }
    if (!re) continue;
    impl->numbered_heads.push_back(std::move(re));
    add_marker(e, g_numbered_head, "numbered_head");
  }
  last_marker = false;
  for (const auto& e : g.entries(kFile, "signature")) {
    if (guard(e)) continue;
    if (e.key == "function") add_marker(e, g_sig_function, "signature");
    else if (e.key == "name") add_marker(e, g_sig_name, "signature");
    else errors.push_back(g.error_at(kFile, e, "unknown [signature] key '" + e.key + "'"));
  }
  last_marker = false;
  for (const auto& e : g.entries(kFile, "page_date")) {
    if (guard(e)) continue;
    add_marker(e, g_page_date, e.key);
    impl->page_date_patterns.push_back(narrow_unicode_classes(e.value));
  }
  last_marker = false;
  for (const auto& e : g.entries(kFile, "counter")) {
    if (guard(e)) continue;
    last_marker = false;
    if (e.key == "marker") add_marker(e, g_counter_marker, "visitor_counter");
    else if (e.key == "figure_line") add_marker(e, g_figure_line, "visitor_counter");
    else if (e.key == "since_line") add_marker(e, g_since_line, "visitor_counter");
    else if (e.key == "page_views") add_marker(e, g_page_views, "page_views");
    else if (e.key == "figure") impl->figure = compile_one(g, e, e.value, errors);
    else if (e.key == "views_figure") impl->views_figure = compile_one(g, e, e.value, errors);
    else if (e.key == "since_tail") impl->since_tail = compile_one(g, e, e.value, errors);
    else if (e.key == "site") impl->site_counter = compile_one(g, e, e.value, errors);
    else if (e.key == "partial") impl->partial_counter = compile_one(g, e, e.value, errors);
    else if (e.key == "cell") impl->counter_cell = compile_one(g, e, e.value, errors);
    else errors.push_back(g.error_at(kFile, e, "unknown [counter] key '" + e.key + "'"));
  }
  last_marker = false;
  for (const auto& e : g.entries(kFile, "sponsor")) {
    if (guard(e)) continue;
    if (e.key == "start") add_marker(e, g_sponsor, "sponsor_footer");
    else if (e.key == "list") add_marker(e, g_sponsor_list, "sponsor_footer");
    else if (e.key == "except") {
      if (auto re = compile_one(g, e, e.value, errors)) impl->sponsor_except.push_back(std::move(re));
    }
    else errors.push_back(g.error_at(kFile, e, "unknown [sponsor] key '" + e.key + "'"));
  }
  last_marker = false;
  for (const auto& e : g.entries(kFile, "date_label")) {
    auto re = compile_one(g, e, e.value, errors);
    if (!re) continue;
    if (e.key == "stamp") impl->stamps.push_back(std::move(re));
    else if (e.key == "created") impl->created_labels.push_back(std::move(re));
    else impl->date_labels.push_back(std::move(re));
  }
  for (const auto& e : g.entries(kFile, "field"))
    if (!guard(e)) add_marker(e, g_field, "field");
  last_marker = false;
  for (const auto& e : g.entries(kFile, "navigation")) {
    add_marker(e, g_navigation, e.key);
    const bool added = last_marker;
    if (auto re = compile_one(g, e, e.value, errors)) {
      if (impl->separators.size() >= 32) {
        errors.push_back(g.error_at(kFile, e, "at most 32 [navigation] separators"));
        continue;
      }
      if (added) impl->marker_rules.back().separator = static_cast<int>(impl->separators.size());
      impl->separators.emplace_back(e.key, std::move(re));
    }
  }
  for (const auto& e : g.entries(kFile, "navigation_part")) {
    std::u32string chars;
    for (std::size_t k = 0; k < e.value.size();) chars.push_back(next_cp(e.value, k));
    if (e.key == "trim_start") impl->part_trim_start = std::move(chars);
    else if (e.key == "trim_end") impl->part_trim_end = std::move(chars);
    else errors.push_back(g.error_at(kFile, e, "unknown [navigation_part] key '" + e.key + "'"));
  }
  for (const auto& e : g.entries(kFile, "date")) {
    if (auto re = compile_one(g, e, e.value, errors)) {
      if (re->NumberOfCapturingGroups() != 3 || e.key.size() != 3)
        errors.push_back(g.error_at(kFile, e, "a date pattern needs 3 captures and a 3-letter key"));
      else
        impl->dates.push_back({e.key, std::move(re)});
    }
  }
  for (const auto& e : g.entries(kFile, "months")) {
    int m = to_int(e.value);
    if (m < 1 || m > 12)
      errors.push_back(g.error_at(kFile, e, "month number must be 1..12"));
    else
      impl->months[to_lower(e.key)] = m;
  }
  for (const auto& e : g.entries(kFile, "funding"))
    if (auto re = compile_one(g, e, e.value, errors)) impl->funds.emplace_back(e.key, std::move(re));
  for (const auto& e : g.entries(kFile, "menu")) {
    if (e.key != "bullet") continue;
    impl->bullet = compile_one(g, e, e.value, errors);
    // In the set too: describe() runs the bullet's Consume only on lines the set says have one.
    if (impl->bullet) add_marker(e, g_bullet, "bullet");
  }
  for (const auto& e : g.entries(kFile, "deck_closing")) {
    if (e.key != "closing") {
      errors.push_back(g.error_at(kFile, e, "[deck_closing] takes closing = regex"));
      continue;
    }
    impl->deck_closing = compile_one(g, e, e.value, errors);
  }
  for (const auto& e : g.entries(kFile, "menu_words")) {
    std::string w = to_lower(e.key);
    impl->menu_word_max_bytes = std::max(impl->menu_word_max_bytes, w.size());
    impl->menu_words.insert(std::move(w));
  }
  for (const auto& e : g.entries(kFile, "abbreviations")) {
    const std::string words = e.key + " " + e.value;
    for (auto w : split_words(words)) {
      std::string a = to_lower(w);
      while (!a.empty() && a.back() == '.') a.pop_back();
      if (a.empty()) continue;
      impl->abbreviation_max_bytes = std::max(impl->abbreviation_max_bytes, a.size());
      impl->abbreviations.insert(std::move(a));
    }
  }
  for (const auto& e : g.entries(kFile, "stopwords")) {
    std::string w = to_lower(e.key);
    impl->stopwords.insert(capitalize_first(w));
    impl->stopwords.insert(std::move(w));
  }
  auto slots = impl->threshold_slots();
  std::vector<bool> seen(slots.size(), false);
  for (const auto& e : g.entries(kFile, "thresholds")) {
    auto it = std::find_if(slots.begin(), slots.end(), [&](const auto& s) { return s.first == e.key; });
    double v = 0;
    auto r = std::from_chars(e.value.data(), e.value.data() + e.value.size(), v);
    if (it == slots.end()) {
      errors.push_back(g.error_at(kFile, e, "unknown threshold '" + e.key + "'"));
    } else if (r.ec != std::errc() || r.ptr != e.value.data() + e.value.size()) {
      errors.push_back(g.error_at(kFile, e, "threshold must be a number"));
    } else {
      *it->second = v;
      seen[static_cast<std::size_t>(it - slots.begin())] = true;
    }
  }
  for (std::size_t k = 0; k < slots.size(); ++k)
    if (!seen[k])
      errors.push_back({g.origin(kFile), 0,
                        "missing threshold '" + std::string(slots[k].first) + "'"});
  if (!impl->figure || impl->part_trim_start.empty() || impl->part_trim_end.empty() ||
      !impl->bullet)
    errors.push_back({g.origin(kFile), 0,
                      "missing [counter] figure, [navigation_part] trim_start/trim_end or [menu] "
                      "bullet"});
  Impl::MarkerSet& anchored = impl->anchored;
  const bool anchored_fits =
      anchored.split_starts
          ? (anchored.lead_k.empty() || anchored.lead->Compile()) &&
                (anchored.rest_k.empty() || anchored.rest->Compile())
          : anchored.markers.empty() || anchored.set->Compile();
  anchored.starts.finish();
  if (!anchored_fits || (!impl->floating.markers.empty() && !impl->floating.set->Compile()))
    errors.push_back({g.origin(kFile), 0,
                      "the boilerplate patterns do not fit in one RE2 set"});
  else if (split && !impl->floating.markers.empty())
    impl->floating.filter.compile(re_options(), RE2::UNANCHORED);
  return std::unique_ptr<BoilerplateRules>(new BoilerplateRules(std::move(impl)));
}

void write_json(JsonWriter& w, const SiteFurniture& s) {
  w.begin_object();
  if (s.visitors) w.field("visitors", *s.visitors);
  if (!s.visitors_since.empty()) w.field("visitors_since", s.visitors_since);
  if (s.page_views) w.field("page_views", *s.page_views);
  if (!s.page_date.empty()) w.field("page_date", s.page_date);
  if (!s.funding.empty()) w.field("funding", s.funding);
  w.end_object();
}

nlohmann::ordered_json to_json(const SiteFurniture& s) { return parsed_json(s); }

namespace {

std::atomic<bool> line_memo_on{true};
std::atomic<bool> marker_prefilter_on{true};  // set_boilerplate_marker_prefilter

/// What describe() made of a line's normal form (all of LineInfo but the line's place in the
/// page), remembered per thread across pages: a site's menus, footers and counters recur on
/// every page, and the marker set is most of a line's cost. The entries hold for one compiled
/// rule set; the memo starts afresh at kMaxLines lines, which bounds its memory.
///
/// The table a lookup probes holds only each entry's hash and index (16 bytes a slot, 128 KiB
/// in all): a probe that misses reads no entry, and one that hits reads one. The entries sit in
/// a vector in the order they came, their texts (normal form, folding) one after another in one
/// string; starting afresh empties the three and frees nothing line by line.
struct LineMemo {
  static constexpr std::size_t kMaxLines = 4096;
  struct Entry {
    std::size_t norm_at = 0, norm_len = 0;  // the line's normal form, in text_
    std::size_t fold_at = 0;                // its folding (info.fold_len bytes), when info.has_fold
    LineInfo info;
  };
  std::uint64_t rules = 0;

  /// The entry of `norm` (whose text_hash is `hash`), or null. An open-addressing table keyed
  /// by the hash (a whole line that is normal already has the page's line_hash, computed once
  /// a page for every stage); the text is compared where the hashes agree.
  const Entry* find(std::uint64_t hash, std::string_view norm) const {
    if (slots_.empty()) return nullptr;
    for (std::size_t i = hash & kMask;; i = (i + 1) & kMask) {
      const Slot& s = slots_[i];
      if (s.hash == 0) return nullptr;
      if (s.hash == hash) {
        const Entry& e = entries_[s.entry];
        if (std::string_view(text_).substr(e.norm_at, e.norm_len) == norm) return &e;
      }
    }
  }
  /// The folding remembered with `e` (info.has_fold).
  std::string_view fold(const Entry& e) const {
    return std::string_view(text_).substr(e.fold_at, e.info.fold_len);
  }
  /// Remembers a line not found. At kMaxLines lines the memo starts afresh, which bounds its
  /// memory.
  void add(std::uint64_t hash, std::string_view norm, const LineInfo& info, std::string_view fold) {
    if (slots_.empty() || entries_.size() >= kMaxLines) {
      slots_.assign(kSlots, Slot{});
      entries_.clear();
      entries_.reserve(kMaxLines);
      // A generation's texts are some 4 096 short lines; a string grown past that by long
      // ones is given back rather than kept for the thread's life.
      if (text_.capacity() > kKeepTextBytes) std::string().swap(text_);
      text_.clear();
    }
    std::size_t i = hash & kMask;
    while (slots_[i].hash != 0) i = (i + 1) & kMask;
    slots_[i] = {hash, static_cast<std::uint32_t>(entries_.size())};
    Entry& e = entries_.emplace_back();
    e.norm_at = text_.size();
    e.norm_len = norm.size();
    text_.append(norm);
    e.fold_at = text_.size();
    text_.append(fold);
    e.info = info;
  }
  void clear() {
    slots_.clear();
    entries_.clear();
    text_.clear();
  }

  static LineMemo& of_thread() {
    thread_local LineMemo memo;
    return memo;
  }

 private:
  struct Slot {
    std::uint64_t hash = 0;  // text_hash(norm); 0: an empty slot
    std::uint32_t entry = 0;
  };
  static constexpr std::size_t kSlots = 2 * kMaxLines;  // a power of two, at most half full
  static constexpr std::size_t kMask = kSlots - 1;
  static constexpr std::size_t kKeepTextBytes = std::size_t{2} << 20;
  std::vector<Slot> slots_;
  std::vector<Entry> entries_;
  std::string text_;
};

class Stripper {
 public:
  Stripper(const SourcePage& page, const BoilerplateRules::Impl& r, const RepeatedLines* repeated)
      : page_(page), r_(r), repeated_(repeated) {}

  BoilerplateResult run() {
    const std::size_t n = page_.line_count();
    arena_.reserve(page_.text.size());  // never reallocated: LineInfo::norm views into it
    info_.resize(n);
    res_.lines.resize(n);
    decided_.assign(n, false);
    for (std::size_t i = 0; i < n; ++i) describe(i);
    for (std::size_t i = 0; i < n; ++i)
      if (info_[i].blank) decide(i, false, "blank");
    blank_unit_ = blank_unit();
    res_.paged_deck = paged_deck();
    if (!res_.paged_deck) res_.block_slides = block_slides();
    single_line_rules();
    names_above();
    link_lists();
    tab_contents();
    // Counters first: a site's counter under the copyright line ("Licznik odwiedzin: 48 215")
    // is footer too, but its figure is the site's visitors.
    page_views();
    counters();
    counter_cells();
    footer();
    comment_threads();
    navigation();
    find_deck_body();
    sponsor_footers();
    cross_page();
    slide_blocks();
    running_headers();
    repeated_title();
    footer_blocks();
    fields();
    meta_blocks();
    signatures();
    menu_blocks();
    repeated_lines();
    titles_after_breadcrumb();
    title_above_body();
    score_rest();
    trailing();
    bool any_text = false, any_kept = false;
    for (std::size_t i = 0; i < n; ++i) {
      any_text |= !info_[i].blank;
      any_kept |= res_.lines[i].keep;
    }
    if (any_text && !any_kept)
      res_.diagnostics.push_back(
          {Severity::warning, "boilerplate.no_body", 0, 0, "every line was taken for furniture"});
    return std::move(res_);
  }

 private:
  const SourcePage& page_;
  const BoilerplateRules::Impl& r_;
  const RepeatedLines* repeated_;
  std::string arena_;      // normal forms of the lines that are not already normal
  std::vector<int> hits_;  // the marker sets' answer for one line (marker_rules indices)
  std::vector<int> set_hits_;  // one set's answer
  std::vector<int> rest_hits_;  // the floating patterns without atoms that match
  std::vector<int> present_;    // the prefilter's atoms in a line
  std::vector<std::pair<const RE2*, bool>> guards_;  // describe_text: guards asked on the line
  std::vector<std::uint64_t> seen_;  // AtomFilter::atoms_in: one bit an atom, kept zero
  std::string key_;        // repeated_title: a line's value case folded
  /// How many blank lines make one separator on this page: the shortest run of blank lines
  /// between two lines of text. 1 on most pages; 2 where a scraper doubled every blank line,
  /// which must not read as a wider gap (a list under its heading as a menu across them).
  std::size_t blank_unit_ = 1;

  std::size_t blank_unit() const {
    std::size_t unit = 0, run = 0;
    bool text_above = false;
    for (const LineInfo& li : info_) {
      if (li.blank) {
        ++run;
        continue;
      }
      if (text_above && run > 0) unit = unit == 0 ? run : std::min(unit, run);
      text_above = true;
      run = 0;
    }
    return std::max<std::size_t>(unit, 1);
  }
  std::vector<std::string_view> parts_;  // one navigation line's parts
  std::string fold_arena_;               // the short lines case folded (LineInfo::fold_at)
  std::vector<std::size_t> word_ends_;   // repeated_lines: where each key word ends
  std::vector<LineInfo> info_;
  // Bytes, not std::vector<bool>: read for nearly every line in every pass.
  std::vector<std::uint8_t> decided_;
  std::vector<std::uint8_t> in_slide_;  // slide_blocks: under a slide marker of a deck
  std::vector<std::uint8_t> deck_body_;  // find_deck_body: between a deck's slide markers
  bool marked_deck_ = false;    // slide_blocks: the page has repeat_min slide markers
  BoilerplateResult res_;

  const BoilerplateRules::Impl::Thresholds& t() const { return r_.t; }
  int line_no(std::size_t i) const { return static_cast<int>(i) + 1; }

  /// A document's name right above its file's line ("Gminny Program Wspierania Rodziny … na
  /// lata 2024–2026" / "(pdf, 512,4 KB) Data dodania: 2024-02-09 Pobrań: 143"): no blank line
  /// between, no sentence (no final full stop), at most name_above_max_words words: the same
  /// furniture as the file's line, a link to it.
  void names_above() {
    if (r_.name_above_rules.empty()) return;
    for (std::size_t i = 1; i < info_.size(); ++i) {
      if (!decided_[i] || res_.lines[i].keep || !r_.name_above_rules.count(res_.lines[i].rule))
        continue;
      const std::size_t k = i - 1;
      const LineInfo& above = info_[k];
      if (above.blank || decided_[k] || above.norm.ends_with('.') ||
          above.words > t().name_above_max_words)
        continue;
      decide(k, false, res_.lines[i].rule);
    }
  }

  void decide(std::size_t i, bool keep, std::string rule, double score = 0) {
    if (decided_[i]) return;
    decided_[i] = true;
    res_.lines[i] = {keep, std::move(rule), score};
  }

  void describe(std::size_t i) {
    LineInfo& li = info_[i];
    std::string_view raw = page_.line(i);
    // Rules are about short lines or line starts; on a long body line only its first bytes
    // are looked at, which keeps the cost per line bounded.
    std::string_view head = raw;
    if (static_cast<double>(raw.size()) > t().scan_max_bytes) {
      std::size_t cut = static_cast<std::size_t>(t().scan_max_bytes);
      while (cut > 0 && (static_cast<unsigned char>(raw[cut]) & 0xC0) == 0x80) --cut;
      head = raw.substr(0, cut);
    }
    // The arena was reserved for every line's bytes: views into it stay valid.
    std::size_t at = arena_.size();
    li.norm = append_normal_space(head, arena_) ? std::string_view(arena_).substr(at) : head;
    li.blank = li.norm.empty();
    if (li.blank) return;
    std::size_t k = 0;
    li.indented = !raw.empty() && is_space_cp(next_cp(raw, k));
    // A line scanned whole is described by its normal form alone; a longer one also by the
    // last character of the whole line (trim() strips the spaces normalisation does).
    const bool whole = head.size() == raw.size();
    LineMemo* memo = whole && line_memo_on.load(std::memory_order_relaxed)
                         ? &LineMemo::of_thread()
                         : nullptr;
    if (memo && memo->rules != r_.id) {
      memo->clear();
      memo->rules = r_.id;
    }
    std::uint64_t hash = 0;
    if (memo) {
      hash = li.norm.data() == raw.data() && li.norm.size() == raw.size() ? page_.line_hash(i)
                                                                          : text_hash(li.norm);
      if (const LineMemo::Entry* hit = memo->find(hash, li.norm)) {
        const LineInfo& m = hit->info;
        const std::string_view norm = li.norm;
        const bool indented = li.indented;
        li = m;
        li.norm = norm;
        li.indented = indented;
        if (li.has_fold) {
          li.fold_at = fold_arena_.size();
          fold_arena_ += memo->fold(*hit);
        }
        return;
      }
    }
    describe_text(li, whole ? li.norm.back() : trim(raw).back(), whole);
    if (memo) memo->add(hash, li.norm, li, li.has_fold ? folded(i) : std::string_view());
  }

  /// Appends the marker_rules indices of the patterns of `f` matching `line` to hits_: through
  /// the set's prefilter (the floating set has one) and the candidates' own regexes when the
  /// prefilter can read the line, else through the set.
  void match_markers(const BoilerplateRules::Impl::MarkerSet& f, std::string_view line) {
    if (f.markers.empty()) return;
    if (f.filter.usable() && marker_prefilter_on.load(std::memory_order_relaxed)) {
      if (seen_.size() < f.filter.seen_words()) seen_.resize(f.filter.seen_words(), 0);
      if (f.filter.atoms_in(line, present_, seen_.data(),
                            scan_blocks_on.load(std::memory_order_relaxed))) {
        const re2::StringPiece text(line.data(), line.size());
        auto& memo = atoms::CandidateMemo<AtomFilter>::of_thread();
        for (int k : memo.candidates(f.filter, r_.id, present_))
          if (f.filter.regex(k).Match(text, 0, text.size(), RE2::UNANCHORED, nullptr, 0))
            for (int m : f.markers[static_cast<std::size_t>(k)]) hits_.push_back(m);
        rest_hits_.clear();
        f.filter.match_rest(line, set_hits_, rest_hits_, rest_gate_on.load(std::memory_order_relaxed));
        for (int k : rest_hits_)
          for (int m : f.markers[static_cast<std::size_t>(k)]) hits_.push_back(m);
        return;
      }
    }
    f.match(line, set_hits_, hits_);
  }

  /// The part of describe() that depends on the line's normal form only (and on `last`, the
  /// line's last character).
  /// m.guard_holds(line), a guard regex shared by several markers asked once a line.
  bool guard_holds(const BoilerplateRules::Impl::Marker& m, std::string_view line) {
    if (!m.guard || m.guard_max_cps != std::numeric_limits<std::size_t>::max())
      return m.guard_holds(line);
    for (const auto& [re, holds] : guards_)
      if (re == m.guard.get()) return holds;
    const bool holds = m.guard_holds(line);
    guards_.emplace_back(m.guard.get(), holds);
    return holds;
  }

  void describe_text(LineInfo& li, char last, bool whole) {
    hits_.clear();
    guards_.clear();
    match_markers(r_.anchored, li.norm);
    match_markers(r_.floating, li.norm);
    std::sort(hits_.begin(), hits_.end());
    for (int h : hits_) {
      const auto& m = r_.marker_rules[static_cast<std::size_t>(h)];
      if (m.exact && li.norm.size() > m.exact_from && !RE2::PartialMatch(li.norm, *m.exact))
        continue;
      if (!guard_holds(m, li.norm)) continue;
      li.groups |= m.group;
      if (m.separator >= 0) li.separators |= 1u << m.separator;
      if (m.group == g_strip && li.strip_rule < 0) li.strip_rule = h;
    }

    // Counted in locals: stores through `li` could alias the line's bytes, so the compiler
    // would reload and store the counters on every byte.
    int n_words = 0, n_stop = 0, n_title = 0;
    // A word whose first and last bytes are ASCII and no punctuation is its own bare word
    // (set_boilerplate_count_blocks; else every word goes through bare_word).
    const auto& punct = ascii_word_punct();
    const bool ascii_ends = count_blocks_on.load(std::memory_order_relaxed);
    for_each_word(li.norm, [&](std::string_view w) {
      const auto first = static_cast<unsigned char>(w.front());
      const auto last = static_cast<unsigned char>(w.back());
      std::string_view b = ascii_ends && first < 0x80 && last < 0x80 && !punct[first] && !punct[last]
                               ? w
                               : bare_word(w);
      if (b.empty()) return;
      ++n_words;
      if (r_.stopwords.contains(b))
        ++n_stop;
      else if (starts_upper_fast(b))
        ++n_title;
    });
    li.words = n_words;
    li.stopwords = n_stop;
    li.title_words = n_title;
    // Split here, not in navigation(), so that the line memo keeps the answer.
    if ((li.groups & g_navigation) && li.words <= t().nav_max_words)
      li.nav_separator = navigation_split(li);
    // An ASCII byte adds its counts packed in one word (characters, digits << 21, letters
    // << 42: no field overflows on a line shorter than 2^21 bytes; a longer one, which only a
    // grammar's scan_max_bytes allows, is counted in runs); a two-byte character (Polish
    // letters) is looked up in a table made once with u_isalpha; longer ones ask ICU.
    static constexpr auto ascii_counts = [] {
      std::array<std::uint64_t, 128> t{};
      for (auto& v : t) v = 1;
      for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] |= std::uint64_t{1} << 21;
      for (int c = 'a'; c <= 'z'; ++c) {
        t[static_cast<std::size_t>(c)] |= std::uint64_t{1} << 42;
        t[static_cast<std::size_t>(c - 32)] |= std::uint64_t{1} << 42;
      }
      return t;
    }();
    static const auto alpha_2byte = [] {
      std::array<bool, 0x800> t{};
      for (UChar32 cp = 0x80; cp < 0x800; ++cp) t[static_cast<std::size_t>(cp)] = u_isalpha(cp);
      return t;
    }();
    constexpr std::uint64_t field = (std::uint64_t{1} << 21) - 1;
    std::uint64_t packed = 0;
    int chars = 0, digits = 0, letters = 0;
    const std::string_view norm = li.norm;
    const bool long_line = norm.size() >= field;
    std::size_t p = 0;
    // The character at p, not ASCII: counted, a letter when it is one; p moves past it.
    auto non_ascii = [&] {
      const auto c = static_cast<unsigned char>(norm[p]);
      ++chars;
      if (c >= 0xC2 && c < 0xE0 && p + 1 < norm.size() &&
          (static_cast<unsigned char>(norm[p + 1]) & 0xC0) == 0x80) {  // as next_cp reads it
        const auto cp = static_cast<std::size_t>(((c & 0x1F) << 6) | (norm[p + 1] & 0x3F));
        letters += alpha_2byte[cp];
        p += 2;
        return;
      }
      if (u_isalpha(static_cast<UChar32>(next_cp(norm, p)))) ++letters;
    };
#if defined(__SSE2__)
    static constexpr auto byte_bits = [] {
      std::array<std::uint8_t, 256> t{};
      for (unsigned v = 0; v < 256; ++v)
        for (unsigned b = v; b; b &= b - 1) ++t[v];
      return t;
    }();
    auto bits16 = [](unsigned m) { return byte_bits[m & 0xFF] + byte_bits[m >> 8]; };
    // Sixteen bytes at a time (set_boilerplate_count_blocks): the ASCII bytes before a block's
    // first non-ASCII byte are counted by masks (a digit, a letter of either case), that byte's
    // character by the step below; the block loop then goes on from the next character.
    if (count_blocks_on.load(std::memory_order_relaxed)) {
      const __m128i before_0 = _mm_set1_epi8('0' - 1), after_9 = _mm_set1_epi8('9' + 1);
      const __m128i before_a = _mm_set1_epi8('a' - 1), after_z = _mm_set1_epi8('z' + 1);
      const __m128i case_bit = _mm_set1_epi8(0x20);
      while (p + 16 <= norm.size()) {
        const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(norm.data() + p));
        const auto high = static_cast<unsigned>(_mm_movemask_epi8(b));
        // Bytes of 0x80 and above are negative here: in neither range.
        const auto digit = static_cast<unsigned>(_mm_movemask_epi8(
            _mm_and_si128(_mm_cmpgt_epi8(b, before_0), _mm_cmplt_epi8(b, after_9))));
        const __m128i lower = _mm_or_si128(b, case_bit);
        const auto letter = static_cast<unsigned>(_mm_movemask_epi8(
            _mm_and_si128(_mm_cmpgt_epi8(lower, before_a), _mm_cmplt_epi8(lower, after_z))));
        // x86-64's baseline has no popcnt instruction: the bits are counted by a byte table.
        const unsigned ascii = high == 0 ? 0xFFFFu : (1u << __builtin_ctz(high)) - 1;
        chars += high == 0 ? 16 : __builtin_ctz(high);
        digits += bits16(digit & ascii);
        letters += bits16(letter & ascii);
        if (high == 0) {
          p += 16;
          continue;
        }
        p += static_cast<std::size_t>(__builtin_ctz(high));
        non_ascii();
      }
    }
#endif
    while (p < norm.size()) {
      auto c = static_cast<unsigned char>(norm[p]);
      if (c < 0x80) {
        packed += ascii_counts[c];
        ++p;
        if (long_line && (packed & field) == field) [[unlikely]] {  // a field is full
          chars += static_cast<int>(packed & field);
          digits += static_cast<int>((packed >> 21) & field);
          letters += static_cast<int>(packed >> 42);
          packed = 0;
        }
        continue;
      }
      non_ascii();
    }
    li.chars = chars + static_cast<int>(packed & field);
    li.digits = digits + static_cast<int>((packed >> 21) & field);
    li.letters = letters + static_cast<int>(packed >> 42);
    li.ends_colon_or_punct = last == '.' || last == ',' || last == ';' || last == ':' ||
                             last == '!' || last == '?';

    std::string_view after = li.norm;
    if (li.groups & g_bullet) {  // the set saw the bullet: find where it ends
      re2::StringPiece rest = li.norm;
      li.bullet = RE2::Consume(&rest, *r_.bullet);
      after = std::string_view(rest.data(), rest.size());
    } else if (after.starts_with("\u2022 ")) {
      // A list bullet ("• Aktualności GOPS"): the item is judged by its own first letter, but
      // the bullet does not make the line a menu item as the [menu] bullets do.
      after.remove_prefix(4);
    }
    li.starts_upper = starts_upper_fast(after);
    li.sentence_punct = r_.sentence_punct(
        li.norm, last, whole,
        li.starts_upper && static_cast<double>(li.words) <= t().heading_abbreviation_max_words,
        static_cast<double>(li.words) <= t().inline_abbreviation_max_words);
    // Lines of few words are compared case-blind by the menu words, repeated_title and
    // repeated_lines: folded once here. Folding is per code point, so the line's folding is
    // the bullet's followed by the item's.
    const double w = li.words;
    if (li.words <= 4 || w <= t().nav_max_words || w <= t().repeat_max_words + 1) {
      li.has_fold = true;
      li.fold_at = fold_arena_.size();
      fold_case_into(li.norm.substr(0, li.norm.size() - after.size()), fold_arena_);
      fold_typography(fold_arena_, li.fold_at);
      const std::size_t item_at = fold_arena_.size();
      fold_case_into(after, fold_arena_);
      fold_typography(fold_arena_, item_at);
      li.fold_len = fold_arena_.size() - li.fold_at;
      if (li.words <= 4 && after.size() <= r_.menu_word_max_bytes * 3)
        li.menu_word = r_.menu_words.find(std::string_view(fold_arena_).substr(item_at)) !=
                       r_.menu_words.end();
    }

    double words = li.words;
    double stop_share = words > 0 ? li.stopwords / words : 0;
    double title_share = words > 0 ? li.title_words / words : 0;
    double digit_share = li.letters + li.digits > 0
                             ? static_cast<double>(li.digits) / (li.letters + li.digits)
                             : 0;
    li.score = t().w_len * std::min(words / t().len_full_words, 1.0) +
               t().w_stop * std::min(stop_share / t().stop_full_share, 1.0) +
               t().w_punct * (li.sentence_punct ? 1.0 : 0.0) -
               t().w_title * title_share - t().w_digits * digit_share;
  }

  /// The case folding of line `i` (which has_fold); stable once describe() has run.
  std::string_view folded(std::size_t i) const {
    return std::string_view(fold_arena_).substr(info_[i].fold_at, info_[i].fold_len);
  }

  bool good(std::size_t i) const { return !info_[i].blank && info_[i].score >= t().good; }

  void single_line_rules() {
    std::string created_date;  // a creation date ("Data wytworzenia"), the fallback
    int created_line = 0;
    bool continuation = false;  // indented under a "Label: value" line (or its continuation)
    for (std::size_t i = 0; i < info_.size(); ++i) {
      const LineInfo& li = info_[i];
      continuation = li.indented && i > 0 && !info_[i - 1].blank &&
                     ((info_[i - 1].groups & g_field) || continuation);
      // A field's continuation line ("   www.towarzystwo.pl" under "Witryna internetowa:")
      // is part of the field, whatever a single-line rule would make of it alone.
      if (continuation) continue;
      // A date alone under a "Label:" line is the label's value ("Data wprowadzenia do BDP:" /
      // "2013-01-21", "Termin rozpoczęcia:" / "01.03.2024", a table scraped a cell a line):
      // a field, and the page's date only when the label is a publication's ("Opublikowano:").
      // A stamp wrapped after its date and time, the editor's name alone on the next line
      // (gov.pl's "Pierwsza publikacja:" / "12.02.2024 09:31" / "Katarzyna Lipińska"): the
      // name is the stamp's, no heading.
      const bool wrapped_stamp = (li.groups & g_page_date) && i > 0 && label_alone(i - 1) &&
                                 i + 1 < info_.size() && (info_[i + 1].groups & g_sig_name) &&
                                 has_clock_time(li.norm);
      if (wrapped_stamp) {
        if (!decided_[i - 1]) decide(i - 1, false, "page_meta");
        if (!decided_[i + 1]) decide(i + 1, false, "page_meta");
      }
      if ((li.groups & g_page_date) && i > 0 && label_alone(i - 1) &&
          !r_.publication(info_[i - 1].norm, li.norm)) {
        // a publication stamp under another label ("Aktualizacja:"): furniture, no date
        if (r_.stamp(li.norm) || wrapped_stamp) {
          if (!decided_[i - 1]) decide(i - 1, false, "page_meta");
          if (!decided_[i]) decide(i, false, "page_date");
          continue;
        }
        if (!decided_[i - 1]) decide(i - 1, true, "field");
        if (!decided_[i]) decide(i, true, "field");
        continue;
      }
      // Under a date's label written without its colon ("Data wprowadzenia do BDP" /
      // "2011-04-21"; [date_label]) the date is the label's value: the rules decide the
      // line, but it is no page's date unless the label is a publication's.
      const bool labelled = (li.groups & g_page_date) && i > 0 && date_label(i - 1) &&
                            !r_.publication(info_[i - 1].norm, li.norm);
      // A dated line ("Opublikowano: 14.05.2020") is often a [strip] rule's too: the rule
      // decides, and the date, read first, is the page's when it is the first on the page.
      std::string iso =
          (li.groups & g_page_date) && !labelled ? r_.parse_date(li.norm) : std::string();
      if (!iso.empty() && res_.site.page_date.empty()) {
        if (r_.created(li.norm) || (i > 0 && label_alone(i - 1) && r_.created(info_[i - 1].norm))) {
          if (created_date.empty()) {
            created_date = iso;
            created_line = line_no(i);
          }
        } else {
          res_.site.page_date = iso;
          res_.site.page_date_line = line_no(i);
        }
      }
      if (li.strip_rule >= 0) {
        if (!decided_[i]) {
          decide(i, false, r_.marker_rules[static_cast<std::size_t>(li.strip_rule)].rule);
          res_.lines[i].line_rule = true;
        }
      } else if (li.groups & g_slide_title) {
        decide(i, true, "slide_title", li.score);
      } else if (li.groups & g_page_date) {
        if (iso.empty())
          res_.diagnostics.push_back({Severity::info, "boilerplate.bad_date", line_no(i), 0,
                                      "date line without a valid date: " + std::string(li.norm)});
        decide(i, false, "page_date");
      }
    }
    if (res_.site.page_date.empty() && !created_date.empty()) {
      res_.site.page_date = created_date;
      res_.site.page_date_line = created_line;
    }
  }

  /// A link-list heading and the lines right under it, up to a blank or a body line.
  /// The page number a table of contents' line gives after a TAB ("1. Wprowadzenie\t2", as a
  /// word processor's export writes it): -1 when the line is no such entry (one TAB, letters
  /// before it, one to three digits after it). `numbered`: the entry opens with its chapter's
  /// number ("1.", "2)", "IV.").
  static int tab_page_number(std::string_view raw, bool& numbered) {
    while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\r')) raw.remove_suffix(1);
    const std::size_t tab = raw.rfind('\t');
    if (tab == std::string_view::npos) return -1;
    std::string_view digits = raw.substr(tab + 1);
    while (!digits.empty() && digits.front() == ' ') digits.remove_prefix(1);
    int page = 0;
    if (digits.empty() || digits.size() > 3) return -1;
    for (char c : digits) {
      if (c < '0' || c > '9') return -1;
      page = page * 10 + (c - '0');
    }
    std::string_view text = raw.substr(0, tab);
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    if (text.find('\t') != std::string_view::npos) return -1;
    bool letter = false;
    for (char c : text) letter = letter || static_cast<unsigned char>(c) >= 0x80 || std::isalpha(static_cast<unsigned char>(c));
    if (!letter) return -1;
    std::size_t k = 0;
    while (k < text.size() && ((text[k] >= '0' && text[k] <= '9') || text[k] == 'I' || text[k] == 'V' || text[k] == 'X')) ++k;
    numbered = k > 0 && k < text.size() && (text[k] == '.' || text[k] == ')');
    return page;
  }

  /// A table of contents whose page numbers follow a TAB (dot leaders are the [strip]
  /// `contents` rule's): a run of entries (tab_page_number) each opening with its chapter's
  /// number, their page numbers never falling, under a heading of at most three words and no
  /// figure ("SPIS TREŚCI", which goes with them) or three at least. The chapters' headings
  /// come again below, with their text; a table's rows of figures open with no number.
  void tab_contents() {
    const std::size_t n = info_.size();
    for (std::size_t i = 0; i < n; ++i) {
      if (info_[i].blank || decided_[i] || page_.line(i).find('\t') == std::string_view::npos) continue;
      std::size_t k = i;
      int last = 0, numbered = 0;
      for (; k < n && !info_[k].blank && !decided_[k]; ++k) {
        bool num = false;
        const int page = tab_page_number(page_.line(k), num);
        if (page < last) break;
        last = page;
        numbered += num;
      }
      const std::size_t run = k - i;
      const bool headed = i > 0 && !info_[i - 1].blank && !decided_[i - 1] &&
                          page_.line(i - 1).find('\t') == std::string_view::npos &&
                          info_[i - 1].words <= 3 &&
                          info_[i - 1].norm.find_first_of("0123456789") == std::string_view::npos;
      if (run >= 2 && numbered == static_cast<int>(run) && (headed || run >= 3))
        for (std::size_t j = headed ? i - 1 : i; j < k; ++j) decide(j, false, "contents");
      i = std::max(i, k);
    }
  }

  void link_lists() {
    for (std::size_t i = 0; i < info_.size(); ++i) {
      if (!(info_[i].groups & g_link_list)) continue;
      decide(i, false, "link_list");
      // A sponsor footer right under the list ends it: the footer's fund is read there.
      for (std::size_t k = i + 1; k < info_.size() && !info_[k].blank && !body_paragraph(k) &&
                                  !(info_[k].groups & (g_sponsor | g_sponsor_list));
           ++k)
        decide(k, false, "link_list");
    }
  }

  /// A body line that is a paragraph, not a headline of a link list ("Rodzina zastępcza – jak
  /// nią zostać?"): a good line of more than nav_max_words words, or one ending in a full stop.
  bool body_paragraph(std::size_t k) const {
    if (!good(k)) return false;
    // A full stop after a word of more than three letters ends a sentence ("… 2022 r." not).
    std::string_view line = info_[k].norm;
    const std::size_t sp = line.rfind(' ');
    const std::size_t last_word = sp == std::string_view::npos ? line.size() : line.size() - sp - 1;
    return static_cast<double>(info_[k].words) > t().nav_max_words * 0.75 ||
           (line.back() == '.' && last_word > 3);
  }

  /// Whether `i` was decided furniture by a rule of `rules`.
  bool furniture_by(std::size_t i, const std::unordered_set<std::string>& rules) const {
    return decided_[i] && !res_.lines[i].keep && rules.count(res_.lines[i].rule) > 0;
  }

  /// The first line that reads as body and no rule has taken, or n.
  std::size_t first_body() const {
    std::size_t k = 0;
    while (k < info_.size() && (decided_[k] || !good(k))) ++k;
    return k;
  }

  /// The last line that reads as body and is not furniture, or n.
  std::size_t last_body() const {
    for (std::size_t i = info_.size(); i-- > 0;)
      if (good(i) && !(decided_[i] && !res_.lines[i].keep)) return i;
    return info_.size();
  }

  /// Whether line `i` stands where a page's title does: above the first body line `first`,
  /// right under a breadcrumb (titles_after_breadcrumb) or with only blank lines and furniture
  /// above it (opens_text), not numbered nor in a slide, and reading as a heading (a capital,
  /// no sentence punctuation). A document host's page opens with the document's title, which
  /// the document repeats as its running header: that first copy is the title, not a header.
  bool title_position(std::size_t i, std::size_t first) const {
    const LineInfo& li = info_[i];
    if (i >= first || li.blank || !li.starts_upper || li.sentence_punct || in_slide(i) ||
        std::isdigit(static_cast<unsigned char>(li.norm.front())))
      return false;
    const std::size_t above = content_before(i, info_.size());
    const bool under_breadcrumb = above < info_.size() && decided_[above] &&
                                  (rule_is(res_.lines[above].rule, "breadcrumb") ||
                                   rule_is(res_.lines[above].rule, "breadcrumb_start"));
    return under_breadcrumb || opens_text(i);
  }

  /// A line above the body repeated word for word further down — alone or as the value of
  /// a "Label: value" line ("Prezentacja: Piecza zastępcza …" over the deck's title slide) —
  /// is a document host's copy of the title: the page keeps the copy in the document.
  void repeated_title() {
    const std::size_t n = info_.size(), first = first_body();  // n: no body, look at all
    // folded line -> a: its last index, b: its lines
    TextCounts& lines = TextCounts::of_thread();
    lines.reset(n);
    for (std::size_t k = 0; k < n; ++k) {
      if (info_[k].blank || info_[k].words < 3 ||
          static_cast<double>(info_[k].words) > t().nav_max_words)
        continue;
      TextCounts::Slot& s = lines.add(folded(k));  // describe() folded every line of
      s.a = k;                                      // nav_max_words or fewer
      ++s.b;
    }
    for (std::size_t i = 0; i < first; ++i) {
      // A numbered line is a document's heading in its table of contents.
      if (decided_[i] || info_[i].words < 3 || in_slide(i) || std::isdigit(
              static_cast<unsigned char>(info_[i].norm.front())))
        continue;
      // The copy is a "Label: value" line, or sits right over the host's own furniture
      // ("Kategoria: …", "Liczba stron: 12"); a page heading over a blank line is the page's.
      const bool field = info_[i].groups & g_field;
      if (!field && !(i + 1 < n && decided_[i + 1] && !res_.lines[i + 1].keep &&
                      !info_[i + 1].blank))
        continue;
      std::string_view key;
      if (!field && info_[i].has_fold) {
        key = folded(i);
      } else {
        std::string_view v = info_[i].norm;
        if (field) v = trim(v.substr(v.find(':') + 1));
        key_.clear();
        fold_case_into(v, key_);
        fold_typography(key_, 0);
        key = key_;
      }
      const TextCounts::Slot* it = lines.find(key);
      if (!it || it->a <= i) continue;
      // Copied further down more than once, the line is the document's running header: the
      // title of the page is this copy, none of those.
      if (!field && it->b > 2 && title_position(i, first)) continue;
      decide(i, false, "repeated_title");
    }
  }

  /// Below the last body line, a block (no blank line inside) holding a [footer_block] line
  /// (an address with a postal code) is the institution's footer: its phone and e-mail lines
  /// go with it.
  void footer_blocks() {
    const std::size_t n = info_.size();
    std::size_t b = last_body();
    b = b == n ? 0 : b + 1;
    std::size_t first_after_body = b;
    while (first_after_body < n && info_[first_after_body].blank) ++first_after_body;
    while (b < n) {
      if (info_[b].blank) {
        ++b;
        continue;
      }
      std::size_t e = b;
      bool footer = false, slide = false;
      for (; e < n && !info_[e].blank; ++e) {
        footer |= furniture_by(e, r_.footer_block_rules);
        // (a deck's closing slide of contacts above its page number: "Dziękuję za uwagę",
        // the centre's address, "– 10 –")
        slide |= deck_body(e) || in_slide(e);
      }
      // The text's own lead-in ("Kontakt w sprawie rodzinnej pieczy zastępczej:", not a bare
      // "Kontakt:") over the first block after the body: the contacts the page gives.
      const bool lead_in = b == first_after_body && !decided_[b] &&
                           info_[b].norm.back() == ':' &&
                           static_cast<double>(info_[b].words) >= t().lead_in_min_words;
      if (footer && !slide && !lead_in)
        for (std::size_t k = b; k < e; ++k) decide(k, false, "footer_block");
      b = e;
    }
  }

  /// A block of "Label: value" lines with at least meta_block_min_lines page-metadata lines
  /// ([meta_block] rules), and not fewer than its other fields, is page metadata: the other
  /// fields go too (a BIP metryczka's "Osoba sporządzająca: …").
  void meta_blocks() {
    const std::size_t n = info_.size();
    for (std::size_t b = 0; b < n;) {
      if (info_[b].blank) {
        ++b;
        continue;
      }
      std::size_t e = b;
      int meta = 0, fields = 0, other = 0;
      // undecided lines without a colon at the block's end (the BIP's "Drukuj   Powrót" under
      // its metryczka): not fields, left to the rules after this one
      int tail = 0;
      for (; e < n && !info_[e].blank; ++e) {
        const bool undecided_plain = (!decided_[e] || res_.lines[e].keep) &&
                                     info_[e].norm.find(':') == std::string_view::npos;
        if (furniture_by(e, r_.meta_block_rules)) ++meta;
        else if (decided_[e] && res_.lines[e].keep && rule_is(res_.lines[e].rule, "field"))
          ++fields;
        else if (!decided_[e] || res_.lines[e].keep) ++other;
        tail = undecided_plain && !furniture_by(e, r_.meta_block_rules) ? tail + 1 : 0;
      }
      other -= tail;
      // A metadata label alone on its line ("Godziny pracy:") over fields: they are its value
      // ("Poniedziałek – piątek: 7:30 – 15:30").
      const bool label_over_values =
          meta == 1 && furniture_by(b, r_.meta_block_rules) && info_[b].norm.back() == ':';
      if (other == 0 && fields > 0 &&
          ((meta >= fields && meta >= t().meta_block_min_lines) || label_over_values))
        for (std::size_t k = b; k < e - static_cast<std::size_t>(tail); ++k)
          if (res_.lines[k].keep) res_.lines[k] = {false, "meta_block", 0};
      b = e;
    }
  }

  bool in_slide(std::size_t i) const { return marked_deck_ && in_slide_[i]; }

  /// Page or slide separators of a transcript: slide markers ("Slajd 3") and page numbers
  /// ("3/10", "– 4 –", a bare "4" under each slide) in increasing order. With repeat_min of
  /// them in as many blocks of lines, the page is a deck (or a paged document): the lines
  /// from the block of the first separator to the block of the last are slide text unless a
  /// rule takes them (a running header, a repeated footer).
  void slide_blocks() {
    const std::size_t n = info_.size();
    std::vector<std::size_t> seps;
    int markers = 0;  // slide markers with slide text above them (or the first one)
    int last_number = -1;
    std::vector<std::size_t> numbers;
    for (std::size_t i = 0; i < n; ++i) {
      if (slide_separator(i)) {
        // A transcript without blank lines ("Slajd 1" / title / "Slajd 2" / text …) has its
        // markers in one block; each marker after a line of text still starts a slide.
        markers += seps.empty() || seps.back() + 1 < i;
        seps.push_back(i);
        continue;
      }
      if (!(info_[i].groups & g_page_number)) continue;
      for (const auto& re : r_.page_numbers) {
        int v = 0;
        if (!RE2::FullMatch(info_[i].norm, *re, &v)) continue;
        if (v > last_number) {
          numbers.push_back(i);
          last_number = v;
        }
        break;
      }
    }
    auto blocks = [&](const std::vector<std::size_t>& lines) {
      int count = 0;
      for (std::size_t k = 0; k < lines.size(); ++k) {
        bool same = false;
        if (k > 0) {
          same = true;
          for (std::size_t j = lines[k - 1]; j < lines[k]; ++j) same &= !info_[j].blank;
        }
        count += !same;
      }
      return count;
    };
    // A viewer's page header that says of how many ("Strona 3 z 8", "3/8", "3 of 8") starts
    // its page even with no blank line between the pages (Canva, a PDF viewer's text): each
    // one after a line of text counts as a page of its own.
    auto of_total = [&](std::size_t i) {
      std::string_view t = info_[i].norm;
      std::size_t e = t.size();
      while (e > 0 && t[e - 1] >= '0' && t[e - 1] <= '9') --e;
      if (e == t.size() || e == 0) return false;
      std::string_view before = t.substr(0, e);
      while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
      return before.ends_with("/") || before.ends_with(" z") || before.ends_with(" of");
    };
    int headed = 0;
    for (std::size_t k = 0; k < numbers.size(); ++k)
      headed += of_total(numbers[k]) && (k == 0 || numbers[k - 1] + 1 < numbers[k]);
    if (blocks(numbers) >= t().repeat_min || headed >= t().repeat_min) {
      for (std::size_t i : numbers) decide(i, false, "page_number");
      seps.insert(seps.end(), numbers.begin(), numbers.end());
      std::sort(seps.begin(), seps.end());
    }
    // Numbered block heads in increasing order ("1. Cel programu" … "9. Kontakt"): kept,
    // but they separate slides too.
    std::vector<std::size_t> heads;
    int last_head = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (decided_[i] || !(info_[i].groups & g_numbered_head)) continue;
      for (const auto& re : r_.numbered_heads) {
        int v = 0;
        if (!RE2::PartialMatch(info_[i].norm, *re, &v)) continue;
        if (v == last_head + 1 || (heads.empty() && v == 2)) {
          heads.push_back(i);
          last_head = v;
        }
        break;
      }
    }
    // Heads start their slides: the deck runs from the first head to the end of the last
    // slide (a blank line or furniture already recognised), also on transcripts without
    // blank lines between slides.
    std::size_t head_from = n, head_to = 0;
    if (static_cast<double>(heads.size()) >= t().repeat_min) {
      head_from = heads.front();
      head_to = heads.back();
      while (head_to + 1 < n && !info_[head_to + 1].blank &&
             !(decided_[head_to + 1] && !res_.lines[head_to + 1].keep))
        ++head_to;
    }
    const bool marked =
        static_cast<double>(std::max({blocks(seps), markers, headed})) >= t().repeat_min;
    const bool paged = !marked && unmarked_deck();
    if (!marked && head_from == n && !paged) return;
    // Markers that carry no number (a viewer's navigation bar over each slide): each slide
    // starts at the first line under its marker, numbered in order as block_slides are.
    if (marked && res_.block_slides.empty() && !seps.empty() &&
        std::all_of(seps.begin(), seps.end(), [&](std::size_t i) {
          return slide_separator(i) && first_number(info_[i].norm) < 0;
        })) {
      for (std::size_t k = 0; k < seps.size(); ++k) {
        const std::size_t end = k + 1 < seps.size() ? seps[k + 1] : n;
        std::size_t i = seps[k] + 1;
        while (i < end && info_[i].blank) ++i;
        if (i < end) res_.block_slides.push_back(static_cast<std::uint32_t>(i));
      }
    }
    marked_deck_ = true;
    in_slide_.assign(n, false);
    if (paged) {
      for (std::size_t k = 0; k < n; ++k) in_slide_[k] = !info_[k].blank;
      return;
    }
    std::size_t b = head_from, e = head_to;
    if (marked) {
      std::size_t mb = seps.front(), me = seps.back();
      // A page number stands under its page: the block above the first one is the first
      // page. A slide marker ("Slajd 1 z 9") heads its slide: a line or two right above the
      // first one, which no rule took, are the first slide's (the deck's institution over
      // "Slajd 1"); a longer block is the host page's (a conference's header and byline).
      // (A viewer's "Strona 1 z 8" with its page's text right under it heads its page as a
      // marker does; a "1/8" over a blank line ends its page.)
      const bool heads_page = of_total(mb) && mb + 1 < n && !info_[mb + 1].blank;
      if (std::find(numbers.begin(), numbers.end(), mb) != numbers.end() && !heads_page) {
        while (mb > 0 && !info_[mb - 1].blank) --mb;
      } else {
        std::size_t up = mb;
        while (up > 0 && !info_[up - 1].blank && !decided_[up - 1] && mb - up < 2) --up;
        if (up == 0 || info_[up - 1].blank) mb = up;
      }
      while (me + 1 < n && !info_[me + 1].blank) ++me;
      // A last slide marker alone in its block ("Slajd 8", blank, "Dziękuję za uwagę"): the
      // block under it is its slide, as under every other marker. (Page numbers stand under
      // their page, so the block after the last one is not a page.)
      if (me == seps.back() && slide_separator(me)) {
        std::size_t k = me + 1;
        while (k < n && info_[k].blank) ++k;
        if (k < n && !decided_[k])
          for (me = k; me + 1 < n && !info_[me + 1].blank; ++me) {
          }
      }
      // The last slide under a marker runs to its block's end, but no further than two lines
      // past the longest slide before it (or four): a host page's footer that follows it without a
      // blank line (other talks, the organiser's address, an agenda) is not the deck's.
      if (seps.size() >= 2 && slide_separator(seps.back())) {
        std::size_t longest = 0;
        for (std::size_t s = 0; s + 1 < seps.size(); ++s) {
          std::size_t lines = 0;
          for (std::size_t k = seps[s] + 1; k < seps[s + 1]; ++k) lines += !info_[k].blank;
          longest = std::max(longest, lines);
        }
        // (at least six lines: a closing slide of contacts is often the longest)
        const std::size_t cap = std::max<std::size_t>(longest, 4) + 2;
        std::size_t lines = 0;
        for (std::size_t k = seps.back() + 1; k <= me; ++k)
          if (!info_[k].blank && ++lines > cap) {
            me = k - 1;
            break;
          }
      }
      // A first page without a number (a title block over the block of page 2): the block
      // above, when it has two or more lines and no rule took any of them. Not when the first
      // separator is a slide marker of slide 1: the block above is the host's (its menu).
      std::size_t pe = slide_separator(seps.front()) && first_number(info_[seps.front()].norm) == 1
                           ? 0
                           : mb;
      while (pe > 0 && info_[pe - 1].blank) --pe;
      if (pe > 0 && pe < mb) {
        std::size_t pb = pe - 1;
        while (pb > 0 && !info_[pb - 1].blank) --pb;
        bool clean = pe - pb >= 2;
        for (std::size_t k = pb; k < pe; ++k) clean = clean && !decided_[k];
        if (clean) mb = pb;
      }
      // A PDF whose first page ends with its number: that page is the first slide, from the
      // document's start (a cover of short lines: "Dzienny Dom „Senior+”" / "w Chodzieży" /
      // … / "1" before the form feed).
      if (!page_.page_breaks.empty() && seps.front() < page_.page_breaks.front()) mb = 0;
      b = std::min(b, mb);
      e = head_from == n ? me : std::max(e, me);
    }
    for (std::size_t k = b; k <= e; ++k) in_slide_[k] = !info_[k].blank;
  }

  /// A function line next to a name line under body text ("Przewodniczący Rady Gminy" /
  /// "Tadeusz Kmieć"): the document's signature, body.
  void signatures() {
    const std::size_t n = info_.size();
    auto candidate = [&](std::size_t k, unsigned group) {
      return k < n && !info_[k].blank && !decided_[k] && (info_[k].groups & group) &&
             static_cast<double>(info_[k].words) <= t().signature_max_words;
    };
    for (std::size_t i = 0; i + 1 < n; ++i) {
      // Name over function, or function over name with up to two lines between them
      // ("Dyrektor" / "Miejskiego Ośrodka Pomocy Społecznej w Bełchatowie" / "/-/ K. Pietrzak").
      std::size_t end = n;
      if (candidate(i, g_sig_name) && candidate(i + 1, g_sig_function)) {
        end = i + 1;
      } else if (candidate(i, g_sig_function)) {
        for (std::size_t j = i + 1; j < n && j <= i + 3 && !info_[j].blank && !decided_[j]; ++j) {
          if (candidate(j, g_sig_name)) {
            end = j;
            break;
          }
          if (static_cast<double>(info_[j].words) > t().signature_max_words) break;
        }
      }
      if (end == n || !body_above(i)) continue;
      for (std::size_t k = i; k <= end; ++k) decide(k, true, "signature", info_[k].score);
      i = end;
    }
    // A function line under a kept "Label: Name" line ("Opracował: Tomasz Wiśniewski" /
    // "Kierownik Zespołu Interwencji Kryzysowej PCPR"): the signature's second line.
    for (std::size_t i = 1; i < n; ++i)
      if (candidate(i, g_sig_function) && decided_[i - 1] && res_.lines[i - 1].keep &&
          rule_is(res_.lines[i - 1].rule, "field") && body_above(i - 1))
        decide(i, true, "signature", info_[i].score);
  }

  /// Body text within signature_body_window non-blank lines above `i`, no furniture between.
  bool body_above(std::size_t i) const {
    int looked = 0;
    for (std::size_t k = i; k-- > 0 && looked < t().signature_body_window;) {
      if (info_[k].blank) continue;
      ++looked;
      if (decided_[k] && !res_.lines[k].keep) return false;
      if (good(k)) return true;
    }
    return false;
  }

  /// After the last body line, a [footer_start] line (the copyright) ends the page: what
  /// follows it is footer unless it reads as body.
  void footer() {
    std::size_t last_good = 0;
    for (std::size_t i = 0; i < info_.size(); ++i)
      if (good(i) && !(decided_[i] && !res_.lines[i].keep)) last_good = i;
    std::size_t k = last_good;
    while (k < info_.size() &&
           !(decided_[k] && !res_.lines[k].keep && r_.footer_rules.count(res_.lines[k].rule)))
      ++k;
    for (++k; k < info_.size(); ++k)
      if (!info_[k].blank && !good(k)) decide(k, false, "footer");
  }

  /// A comment thread under the text ([comment_thread]): its head below body, then lines
  /// each with a reply line right below; they all go, however much they read as body.
  void comment_threads() {
    const std::size_t n = info_.size();
    bool body_above = false;
    for (std::size_t i = 0; i < n; ++i) {
      if (!body_above) {
        body_above = !info_[i].blank && good(i) && !(decided_[i] && !res_.lines[i].keep);
        continue;
      }
      if (!furniture_by(i, r_.thread_heads)) continue;
      std::vector<std::size_t> nonblank, replies;  // positions after the head
      for (std::size_t k = i + 1; k < n; ++k) {
        if (info_[k].blank) continue;
        if (furniture_by(k, r_.thread_replies)) replies.push_back(nonblank.size());
        nonblank.push_back(k);
      }
      if (replies.empty()) return;
      // The thread runs while its lines have replies near them, and ends with its last reply:
      // the page's furniture below it (a list of articles, a newsletter box) ends it too.
      const auto reach = static_cast<std::size_t>(t().comment_reach);
      std::size_t end = nonblank.size();
      for (std::size_t j = 0; j < nonblank.size(); ++j) {
        if (decided_[nonblank[j]]) continue;
        const bool near = std::any_of(replies.begin(), replies.end(),
                                      [&](std::size_t r) { return r > j && r - j <= reach; });
        if (!near) {
          end = j;
          break;
        }
      }
      while (end > 0 && !std::binary_search(replies.begin(), replies.end(), end - 1)) --end;
      if (end == 0) return;
      for (std::size_t j = 0; j < end; ++j) decide(nonblank[j], false, "comment", info_[nonblank[j]].score);
      // A comment's date ("Jan_K · 12.03.2024 10:02") is not the page's.
      if (res_.site.page_date_line > line_no(i)) {
        res_.site.page_date.clear();
        res_.site.page_date_line = 0;
      }
      return;
    }
  }

  /// site.page_views from `text` (of line i) by [counter] views_figure, the figure before or
  /// after the word; whether it was read.
  bool read_views(std::string_view text, std::size_t i) {
    std::string before, after;
    if (!RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *r_.views_figure, &before,
                           &after))
      return false;
    std::string digits;
    for (char c : before.empty() ? after : before)
      if (c >= '0' && c <= '9') digits.push_back(c);
    if (digits.empty() || digits.size() > 15) return false;
    res_.site.page_views = std::stoll(digits);
    res_.site.page_views_line = line_no(i);
    return true;
  }

  /// A count of this page's views ("Wyświetleń: 1 873", "10 slajdów · 418 wyświetleń"):
  /// furniture, and site.page_views when the figure stands next to the word; never the
  /// site's visitors.
  void page_views() {
    for (std::size_t i = 0; i < info_.size(); ++i) {
      const LineInfo& li = info_[i];
      if (!(li.groups & g_page_views)) continue;
      // A line of page metadata in '|' cells ("Dodano: 22.01.2024 | Autor: … | Wyświetleń:
      // 318"), which a [strip] rule took already: the count is read from its cell.
      // A BIP metryczka's "Liczba odsłon: 519" among lines a link list took is still read.
      const bool listed = decided_[i] && !res_.lines[i].keep && rule_is(res_.lines[i].rule, "link_list");
      // A list of other documents with their views ("Podobne dokumenty" over titles, each with
      // its "Wyświetleń: 612"): none of them is the page's.
      if (listed && listed_views_elsewhere(i)) continue;
      // A document host's count of the document's views alone on its line ("42 wyświetleń"
      // under a Scribd title), which the host's [strip] rule took: the page's views.
      const bool host = decided_[i] && !res_.lines[i].keep && rule_is(res_.lines[i].rule, "doc_host");
      if ((decided_[i] && !listed && !host) || li.words > t().counter_max_words) {
        // (an undecided line too: a host's "Wyświetleń: 1 482 | Rozmiar: 1.9 MB | Stron: 9";
        // cells split by '·' as well: "Obszar: … · Dodano: 2014-06-02 · Wyświetlenia: 964")
        auto cell_end = [&](std::size_t at, std::size_t& width) {
          const std::size_t bar = li.norm.find(" | ", at), dot = li.norm.find(" \u00B7 ", at);
          width = bar <= dot ? 3 : 4;
          return std::min({bar, dot, li.norm.size()});
        };
        std::size_t width = 0;
        if (!(decided_[i] && res_.lines[i].keep) && cell_end(0, width) < li.norm.size() &&
            r_.views_figure && !res_.site.page_views)
          for (std::size_t at = 0; at <= li.norm.size();) {
            const std::size_t bar = cell_end(at, width);
            const std::string_view cell = li.norm.substr(at, bar - at);
            int words = 0;
            for_each_word(cell, [&](std::string_view w) { words += !bare_word(w).empty(); });
            if (words <= t().counter_max_words && read_views(cell, i)) break;
            at = bar + width;
          }
        continue;
      }
      std::size_t end = i;
      if (r_.views_figure && !res_.site.page_views) {
        std::string s(li.norm);
        // "Liczba wyświetleń" with its figure alone on the next line (no blank between), of
        // any size ("57" under a BIP metryczka's label)
        if (const std::size_t k = i + 1;
            k < info_.size() && !info_[k].blank && !decided_[k] &&
            ((info_[k].groups & g_figure_line) || RE2::FullMatch(info_[k].norm, *r_.figure))) {
          s += " " + std::string(info_[k].norm);
          end = k;
        }
        read_views(s, i);
      }
      for (std::size_t k = i; k <= end; ++k) decide(k, false, "page_views");
    }
  }

  /// Another line of line i's link list (its run of link_list lines) counts views too.
  bool listed_views_elsewhere(std::size_t i) const {
    auto listed = [&](std::size_t k) {
      return !info_[k].blank && decided_[k] && !res_.lines[k].keep && rule_is(res_.lines[k].rule, "link_list");
    };
    for (std::size_t k = i + 1; k < info_.size() && listed(k); ++k)
      if (info_[k].groups & g_page_views) return true;
    for (std::size_t k = i; k > 0 && listed(k - 1); --k)
      if (info_[k - 1].groups & g_page_views) return true;
    return false;
  }

  /// The words of counter line `li`, its own "since" date at its end left out ("1.498.310
  /// gości odwiedziło nas" / "od 1 kwietnia 2008 r.", on one line): the date says since when,
  /// it makes no sentence of the counter.
  int counter_words(const LineInfo& li) const {
    re2::StringPiece m;
    if (li.words <= t().counter_max_words || !r_.since_tail ||
        !r_.since_tail->Match(re2::StringPiece(li.norm.data(), li.norm.size()), 0, li.norm.size(), RE2::UNANCHORED, &m, 1))
      return li.words;
    int n = 0;
    for_each_word(li.norm.substr(0, static_cast<std::size_t>(m.data() - li.norm.data())),
                  [&](std::string_view w) { n += !bare_word(w).empty(); });
    return n;
  }

  /// A counter marker line (short), plus figure-only and "since" lines next to it.
  /// A counter in a cell of a footer line the other rules took whole ("© 2024 MOPS | Polityka
  /// prywatności | Odwiedzin: 1 204 553"): the site's visitors, when no counter gave them.
  void counter_cells() {
    if (res_.site.visitors || !r_.counter_cell) return;
    for (std::size_t i = 0; i < info_.size(); ++i) {
      const LineInfo& li = info_[i];
      if (!(li.groups & g_counter_marker) || li.norm.find('|') == std::string_view::npos) continue;
      for (std::size_t at = 0; at <= li.norm.size();) {
        std::size_t bar = li.norm.find('|', at);
        if (bar == std::string_view::npos) bar = li.norm.size();
        const std::string_view cell = trim(li.norm.substr(at, bar - at));
        std::string fig;
        if (RE2::FullMatch(re2::StringPiece(cell.data(), cell.size()), *r_.counter_cell, &fig)) {
          std::string digits;
          for (char c : fig)
            if (c >= '0' && c <= '9') digits.push_back(c);
          if (!digits.empty() && digits.size() <= 15) {
            res_.site.visitors = std::stoll(digits);
            res_.site.visitors_line = line_no(i);
            if (!decided_[i]) decide(i, false, "visitor_counter");
            return;
          }
        }
        at = bar + 1;
      }
    }
  }

  void counters() {
    const auto window = static_cast<std::size_t>(t().counter_window);
    for (std::size_t i = 0; i < info_.size(); ++i) {
      const LineInfo& li = info_[i];
      // A counter at the end of a sidebar's list ("Najnowsze artykuły" / … / "Licznik
      // odwiedzin: 184502"), or at the end of a footer's list ("1.629.944" / "gości odwiedziło
      // nas" / "od 1 kwietnia 2008 r." over "Redakcja | Regulamin"), which link_lists() took:
      // still the site's visitors.
      auto listed = [&](std::size_t k) {
        return decided_[k] && !res_.lines[k].keep && rule_is(res_.lines[k].rule, "link_list");
      };
      if (!(li.groups & g_counter_marker) || (li.groups & g_page_views) ||
          (decided_[i] && !listed(i)) || counter_words(li) > t().counter_max_words)
        continue;
      const bool digits = li.norm.find_first_of("0123456789") != std::string_view::npos;
      // in a list, the figure on the marker's line or on its own line next to it
      const bool in_list = decided_[i];
      std::vector<std::size_t> part = {i};
      for (std::size_t k = i; k > 0 && i - (k - 1) <= window;) {
        --k;
        if (info_[k].blank) continue;
        if ((decided_[k] && !(in_list && listed(k))) || !(info_[k].groups & g_figure_line)) break;
        part.push_back(k);
      }
      for (std::size_t k = i + 1; k < info_.size() && k - i <= window; ++k) {
        if (info_[k].blank) continue;
        if ((decided_[k] && !(in_list && listed(k))) ||
            !(info_[k].groups & (g_figure_line | g_since_line)))
          break;
        part.push_back(k);
      }
      // (Only while the page has no visitors yet: such lines are stripped already, and only
      // the first counter gives the figure.)
      if (in_list && !digits &&
          (res_.site.visitors ||
           std::none_of(part.begin(), part.end(),
                        [&](std::size_t k) { return (info_[k].groups & g_figure_line) != 0; })))
        continue;
      std::sort(part.begin(), part.end());
      std::optional<std::int64_t> figure;
      std::string since;
      for (std::size_t k : part) {
        std::string s(info_[k].norm);
        bool any_date = false;
        std::string date = r_.parse_date(s, &any_date);
        if (!date.empty() && since.empty()) since = date;
        if (info_[k].groups & g_since_line) continue;
        // The day and year of a date on the counter line are not the figure. (A line no date
        // pattern matches is left as it is by every replacement.)
        if (any_date || !counter_date_skip_on.load(std::memory_order_relaxed))
          for (const auto& p : r_.dates) RE2::GlobalReplace(&s, *p.re, " ");
        std::string fig;
        if (!figure && RE2::PartialMatch(s, *r_.figure, &fig)) {
          std::string digits;
          for (char c : fig)
            if (c >= '0' && c <= '9') digits.push_back(c);
          if (!digits.empty() && digits.size() <= 15) figure = std::stoll(digits);
        }
      }
      // In a block of page metadata (a BIP metryczka: "Wytworzył: …", "Data publikacji: …",
      // "Liczba odwiedzin: 318") the counter counts this document's views, not the site's.
      // (Unless it names the site's visits: "Statystyka odwiedzin: 248 311" under a BIP's menu.)
      if (figure &&
          !(r_.site_counter && RE2::PartialMatch(re2::StringPiece(li.norm.data(), li.norm.size()),
                                                 *r_.site_counter)) &&
          in_metadata_block(part.front(), part.back())) {
        if (!res_.site.page_views) {
          res_.site.page_views = figure;
          res_.site.page_views_line = line_no(part.front());
        }
        for (std::size_t k : part) decide(k, false, "page_views");
        continue;
      }
      if (!figure) {
        res_.diagnostics.push_back({Severity::info, "boilerplate.counter_without_figure",
                                    line_no(i), 0, "visitor counter without a figure"});
      } else if (!res_.site.visitors &&
                 !(r_.partial_counter &&
                   RE2::PartialMatch(re2::StringPiece(li.norm.data(), li.norm.size()),
                                     *r_.partial_counter))) {
        res_.site.visitors = figure;
        res_.site.visitors_since = since;
        res_.site.visitors_line = line_no(part.front());
      }
      for (std::size_t k : part) decide(k, false, "visitor_counter");
    }
  }

  /// The block around lines b..e (no blank line between) holds a document's metadata: a
  /// publication date line ([page_date]: "Data publikacji: …", "Data wytworzenia: …") or a
  /// BIP metryczka's heading ("Metryczka", "Informacje o publikacji dokumentu"). A site
  /// footer's credits ("Projekt i wykonanie: …") are not. The metadata line is at most
  /// metadata_reach lines away: a site footer that runs on from a metryczka without a blank
  /// line (address, NIP, "Liczba wizyt: 96 211") counts the site's visits.
  bool in_metadata_block(std::size_t b, std::size_t e) const {
    auto meta = [&](std::size_t k) {
      return (info_[k].groups & g_page_date) ||
             (decided_[k] && !res_.lines[k].keep && rule_is(res_.lines[k].rule, "bip_furniture"));
    };
    const auto reach = static_cast<std::size_t>(t().metadata_reach);
    for (std::size_t k = b; k > 0 && !info_[k - 1].blank && b - (k - 1) <= reach; --k)
      if (meta(k - 1)) return true;
    for (std::size_t k = e + 1; k < info_.size() && !info_[k].blank && k - e <= reach; ++k)
      if (meta(k)) return true;
    return false;
  }

  /// A table row as the reading stage writes one ("| Dochód | Odpłatność |").
  bool table_row(std::size_t i) const {
    std::string_view t = info_[i].norm;
    return t.size() >= 4 && t.starts_with("| ") && t.ends_with(" |");
  }

  /// The cells of a line split at '|' (blank edge cells of "| a | b |" dropped), and how many
  /// of them are figures ("41", "1 250", "63,5%", "2020"): 0 cells when the line has no '|'.
  struct PipeCells {
    int cells = 0;
    int figures = 0;
  };
  static PipeCells pipe_cells(std::string_view t) {
    PipeCells c;
    if (t.find('|') == std::string_view::npos) return c;
    std::size_t at = 0;
    while (at <= t.size()) {
      std::size_t bar = t.find('|', at);
      if (bar == std::string_view::npos) bar = t.size();
      std::string_view cell = trim(t.substr(at, bar - at));
      if (!cell.empty()) {
        ++c.cells;
        bool digit = false, figure = true;
        for (char ch : cell) {
          if (ch >= '0' && ch <= '9') digit = true;
          else if (ch != ' ' && ch != ',' && ch != '.' && ch != '%' && ch != '-') figure = false;
        }
        if (digit && figure) ++c.figures;
      }
      at = bar + 1;
    }
    return c;
  }

  /// A data table scraped as '|'-separated lines ("Rok | Liczba rodzin | Liczba dzieci" over
  /// "2020 | 41 | 63"): at least two rows in a row with the same number of cells (two or
  /// more), one of them mostly figures. A menu laid out in cells holds words; a pager
  /// ("1 | 2 | 3") is one line. Its rows are the page's content, not navigation.
  bool in_data_table(std::size_t i) const {
    const PipeCells here = pipe_cells(info_[i].norm);
    if (here.cells < 2) return false;
    std::size_t b = i, e = i + 1;
    while (b > 0 && pipe_cells(info_[b - 1].norm).cells == here.cells) --b;
    while (e < info_.size() && pipe_cells(info_[e].norm).cells == here.cells) ++e;
    if (e - b < 2) return false;
    for (std::size_t k = b; k < e; ++k) {
      const PipeCells c = pipe_cells(info_[k].norm);
      if (c.figures * 2 > c.cells) return true;
    }
    return false;
  }

  /// Lines made of short capitalised parts between navigation separators. A table's header
  /// row splits so too; it is navigation only when every row of its table is (a menu laid
  /// out as a table), and never in a table of figures.
  void navigation() {
    for (std::size_t i = 0; i < info_.size(); ++i) {
      const LineInfo& li = info_[i];
      if (decided_[i] || !(li.groups & g_navigation) || li.words > t().nav_max_words ||
          in_field_block(i) || in_data_table(i))
        continue;
      if (table_row(i)) {
        std::size_t b = i, e = i + 1;
        while (b > 0 && table_row(b - 1)) --b;
        while (e < info_.size() && table_row(e)) ++e;
        bool all_nav = true;
        for (std::size_t k = b; k < e && all_nav; ++k)
          all_nav = (info_[k].groups & g_navigation) && info_[k].nav_separator >= 0;
        if (!all_nav) continue;
      }
      if (li.nav_separator >= 0)
        decide(i, false, r_.separators[static_cast<std::size_t>(li.nav_separator)].first);
    }
  }

  /// The first separator whose parts of `li` are all navigation parts (short, capitalised or
  /// a number; at least two), or -1. Depends on the line's text only.
  int navigation_split(const LineInfo& li) {
    for (std::size_t sep = 0; sep < r_.separators.size(); ++sep) {
      // The marker set saw which separators occur; the others cannot split the line.
      if (!(li.separators >> sep & 1u)) continue;
      const auto& re = r_.separators[sep].second;
      std::vector<std::string_view>& parts = parts_;
      parts.clear();
      re2::StringPiece rest = li.norm;
      re2::StringPiece m;
      while (re->Match(rest, 0, rest.size(), RE2::UNANCHORED, &m, 1) && !m.empty()) {
        auto at = static_cast<std::size_t>(m.data() - rest.data());
        parts.emplace_back(rest.data(), at);
        rest.remove_prefix(at + m.size());
      }
      if (parts.empty()) continue;
      parts.emplace_back(rest.data(), rest.size());
      int good_parts = 0;
      bool ok = true;
      // A trail's last crumb is the page itself, its title as long as it is ("Aktualności ›
      // Wydarzenia › Za nami XV Piknik Rodzinny „Kutno Rodzinie”"); not after " : ", which
      // prose uses too.
      const bool trail = r_.separators[sep].first == "breadcrumb" &&
                         re->pattern().find(':') == std::string::npos;
      for (std::size_t pi = 0; pi < parts.size(); ++pi) {
        std::string_view trimmed = trim_part(parts[pi]);
        if (trimmed.empty()) continue;  // decoration only (".:")
        const bool number = std::all_of(trimmed.begin(), trimmed.end(),
                                        [](char c) { return c >= '0' && c <= '9'; });
        const bool last_crumb = trail && pi + 1 == parts.size() && good_parts > 0;
        if ((!starts_upper_fast(trimmed) && !number) ||
            (!last_crumb && static_cast<double>(word_count(trimmed)) > t().nav_part_max_words)) {
          ok = false;
          break;
        }
        ++good_parts;
      }
      if (ok && good_parts >= 2) return static_cast<int>(sep);
    }
    return -1;
  }

  /// A navigation part without the decoration around it: blanks and [navigation_part]
  /// trim_start characters from its start, then blanks and trim_end characters from its end.
  std::string_view trim_part(std::string_view p) const {
    auto stripped_by = [](const std::u32string& set) {
      return [&set](char32_t c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' ||
               set.find(c) != std::u32string::npos;
      };
    };
    return trim_if(p, stripped_by(r_.part_trim_start), stripped_by(r_.part_trim_end));
  }

  /// A sponsor-footer start line and the non-body lines after it; the fund is read from
  /// their joined text.
  /// The text of a deck transcript's slides: the lines after its first slide marker and
  /// before its last, and the first line of the last slide. The rules for a page's own
  /// footer and menus (sponsor footers, footer blocks, menu blocks) leave them alone: a slide
  /// of partners or contacts, a closing "Dziękuję za uwagę", are slides. Needs repeat_min
  /// markers, each after text or a blank line (as slide_blocks counts them).
  void find_deck_body() {
    const std::size_t n = info_.size();
    std::vector<std::size_t> marks;
    int distinct = 0;
    for (std::size_t i = 0; i < n; ++i)
      if (slide_separator(i)) {
        distinct += marks.empty() || marks.back() + 1 < i;
        marks.push_back(i);
      }
    if (static_cast<double>(distinct) < t().repeat_min) {
      if (unmarked_deck()) {
        deck_body_.assign(n, false);
        for (std::size_t k = 0; k < n; ++k) deck_body_[k] = !info_[k].blank;
        return;
      }
      if (!numbered_transcript()) return;
    } else {
      deck_body_.assign(n, false);
      for (std::size_t k = marks.front() + 1; k < marks.back(); ++k)
        deck_body_[k] = !info_[k].blank && !slide_separator(k);
      // The last slide: the rest of the last marker's block, or the block under a marker that
      // stands alone ("Slajd 8", blank, "Dziękuję za uwagę").
      std::size_t k = marks.back() + 1;
      if (k < n && info_[k].blank)
        while (k < n && info_[k].blank) ++k;
      for (; k < n && !info_[k].blank; ++k) deck_body_[k] = true;
    }
    // A slide of contacts ("ul. Lwowska 23", "34-100 Wadowice") is a slide: the lines the
    // footer rules took alone are slide text, and so are those of [slide_text] rules (a
    // slide "Kadra ośrodka" over its figures, which a site's staff list looks like).
    // (Not a line the site's furniture was read from: a counter, a date, a sponsor.)
    const auto& site = res_.site;
    auto read_from = [&](std::size_t j) {
      const int ln = line_no(j);
      return ln == site.visitors_line || ln == site.page_date_line || ln == site.funding_line ||
             ln == site.page_views_line;
    };
    for (std::size_t j = 0; j < n; ++j)
      if (deck_body_[j] && (furniture_by(j, r_.footer_block_rules) ||
                            (furniture_by(j, r_.slide_text_rules) && !read_from(j))))
        res_.lines[j] = {true, "slide_text", info_[j].score};
  }

  /// A deck with no slide markers: a PDF's short pages, or blocks shaped as slides (each line
  /// of it slide text unless a rule takes it).
  bool unmarked_deck() const { return res_.paged_deck || !res_.block_slides.empty(); }

  /// The line's indentation in the file, in bytes of blanks (the reflow stage may have taken a
  /// common indentation off: SourcePage::file_lines keeps it).
  std::size_t file_indent(std::size_t i, const std::vector<std::size_t>& dedent) const {
    const std::string_view t = page_.line(i);
    const std::size_t own = std::min(t.find_first_not_of(" \t"), t.size());
    return own + dedent[i];
  }

  /// A deck written out with no marker (Google Slides' plain text, PowerPoint's outline): its
  /// lines fall into units, each opened by a line after a blank line, or by a line flush left
  /// under an indented one (the outline's slide title over its tab-indented bullets). When
  /// block_slides_min units or more are slides (a title of at most block_slide_title_max_words
  /// words, not a sentence nor a list item, over 1 to block_slide_max_lines short lines) and
  /// they hold block_slides_share of the page's text, and a unit's title closes a deck
  /// ([deck_closing]: "Dziękuję za uwagę"), the units' first lines; else none.
  std::vector<std::uint32_t> block_slides() const {
    const std::size_t n = info_.size();
    std::vector<std::uint32_t> heads;
    if (static_cast<double>(n) < 2 * t().block_slides_min || t().block_slides_min <= 0) return heads;
    std::vector<std::size_t> dedent(n, 0);
    for (const auto& fl : page_.file_lines)
      if (fl.line < n && fl.offset == 0) dedent[fl.line] = fl.dedent;
    std::vector<std::size_t> starts;
    bool indented_above = false, blank_above = true;
    for (std::size_t i = 0; i < n; ++i) {
      if (info_[i].blank) {
        blank_above = true;
        continue;
      }
      const std::size_t indent = file_indent(i, dedent);
      if (blank_above || (indent == 0 && indented_above)) starts.push_back(i);
      indented_above = indent > 0;
      blank_above = false;
    }
    if (static_cast<double>(starts.size()) < t().block_slides_min) return heads;
    std::size_t all = 0, in_slides = 0;
    int slides = 0;
    bool closing = false;
    for (std::size_t k = 0; k < starts.size(); ++k) {
      const std::size_t b = starts[k], e = k + 1 < starts.size() ? starts[k + 1] : n;
      std::size_t lines = 0, bytes = 0;
      bool short_lines = true;
      for (std::size_t i = b; i < e; ++i) {
        if (info_[i].blank) continue;
        const std::size_t len = trim(page_.line(i)).size();
        bytes += len;
        if (i > b) {
          ++lines;
          short_lines &= static_cast<double>(len) <= t().block_slide_line_max_chars;
        }
      }
      all += bytes;
      const std::string_view head = trim(page_.line(b));
      closing = closing || (r_.deck_closing && RE2::PartialMatch(head, *r_.deck_closing));
      // (a title has words: not "§ 3", "2.", a figure)
      std::size_t letters = 0;
      for (char c : head)
        letters += (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c & 0xC0) == 0xC0;
      const bool title = letters >= 2 && !(head.front() >= '0' && head.front() <= '9') &&
                         !head.ends_with(".") &&
                         !head.starts_with("•") && !head.starts_with("-") &&
                         !head.starts_with("–") && !head.starts_with("*") &&
                         static_cast<double>(word_count(head)) <= t().block_slide_title_max_words;
      if (title && short_lines && lines >= 1 &&
          static_cast<double>(lines) <= t().block_slide_max_lines) {
        ++slides;
        in_slides += bytes;
      }
    }
    if (!closing) return heads;
    if (static_cast<double>(slides) < t().block_slides_min ||
        static_cast<double>(in_slides) < t().block_slides_share * static_cast<double>(all))
      return heads;
    for (std::size_t b : starts) heads.push_back(static_cast<std::uint32_t>(b));
    return heads;
  }

  /// A PDF made text whose form feeds (SourcePage::page_breaks) start repeat_min pages or
  /// more, paged_deck_max_chars of text a page at most on average: a deck, each page a slide.
  bool paged_deck() const {
    const std::size_t pages = page_.page_breaks.empty() ? 0 : page_.page_breaks.size() + 1;
    if (static_cast<double>(pages) < t().repeat_min) return false;
    std::size_t bytes = 0;
    for (std::size_t i = 0; i < info_.size(); ++i)
      if (!info_[i].blank) bytes += page_.line(i).size();
    return static_cast<double>(bytes) <= t().paged_deck_max_chars * static_cast<double>(pages);
  }

  /// The first run of ASCII digits in `s` as a number ("Slide 12: …" → 12), or -1.
  static int first_number(std::string_view s) {
    const std::size_t b = s.find_first_of("0123456789");
    if (b == std::string_view::npos) return -1;
    const std::size_t e = std::min(s.find_first_not_of("0123456789", b), s.size());
    return e - b > 3 ? -1 : to_int(s.substr(b, e - b));
  }

  /// A slide separator: a bare slide marker ("Slajd 3", furniture) or a marker with the
  /// slide's title ("Slide 3: Kim jest asystent?", kept).
  bool slide_separator(std::size_t i) const {
    return furniture_by(i, r_.slide_marker_rules) ||
           ((info_[i].groups & g_slide_title) && decided_[i] && res_.lines[i].keep &&
            rule_is(res_.lines[i].rule, "slide_title"));
  }
  bool deck_body(std::size_t i) const { return !deck_body_.empty() && deck_body_[i]; }

  /// The number a line opens with, followed by '.' or ')' and a blank ("9. Dziękujemy …"),
  /// else 0.
  int opening_number(std::size_t i) const {
    const std::string_view t = info_[i].norm;
    int v = 0;
    std::size_t k = 0;
    for (; k < t.size() && k < 3 && (t[k] >= '0' && t[k] <= '9'); ++k) v = v * 10 + (t[k] - '0');
    return k > 0 && k + 1 < t.size() && (t[k] == '.' || t[k] == ')') && t[k + 1] == ' ' ? v : 0;
  }

  /// A transcript that writes each slide as one numbered line (SlideShare's "1. Powiatowe
  /// Centrum … 2. Podstawa prawna …"): adjacent lines numbered 1, 2, 3, … at least
  /// numbered_transcript_min of them. They are the deck's body; true when the page has one.
  bool numbered_transcript() {
    const std::size_t n = info_.size();
    for (std::size_t i = 0; i < n; ++i) {
      if (info_[i].blank || opening_number(i) != 1) continue;
      std::size_t end = i + 1;
      while (end < n && !info_[end].blank &&
             opening_number(end) == static_cast<int>(end - i) + 1)
        ++end;
      if (static_cast<double>(end - i) < t().numbered_transcript_min) {
        i = end - 1;
        continue;
      }
      deck_body_.assign(n, false);
      for (std::size_t k = i; k < end; ++k) deck_body_[k] = true;
      return true;
    }
    return false;
  }

  void sponsor_footers() {
    for (std::size_t i = 0; i < info_.size(); ++i) {
      // A good line of several sentences is running text that mentions its financing.
      if (decided_[i] || deck_body(i) || !(info_[i].groups & (g_sponsor | g_sponsor_list)) ||
          info_[i].words > t().sponsor_max_words ||
          (good(i) && info_[i].norm.find(". ") != std::string::npos))
        continue;
      if (std::any_of(r_.sponsor_except.begin(), r_.sponsor_except.end(),
                      [&](const auto& re) { return RE2::PartialMatch(info_[i].norm, *re); }))
        continue;
      // A long line reading as body is a sentence about the programme's money ("Program
      // finansowany jest ze środków budżetu gminy …") unless it names a fund.
      if (good(i) && static_cast<double>(info_[i].words) > t().sponsor_max_words * 0.6 &&
          std::none_of(r_.funds.begin(), r_.funds.end(), [&](const auto& f) {
            return RE2::PartialMatch(info_[i].norm, *f.second);
          }))
        continue;
      // A list of partners under its heading with body below it is the text's own list.
      if (info_[i].groups & g_sponsor_list) {
        std::size_t k = i + 1;
        while (k < info_.size() &&
               (info_[k].blank || (!decided_[k] && !good(k)) || (decided_[k] && !res_.lines[k].keep)))
          ++k;
        if (k < info_.size() && good(k) && !deck_body(k)) continue;
      }
      std::string joined(info_[i].norm);
      decide(i, false, "sponsor_footer");
      std::size_t k = i + 1;
      for (; k < info_.size(); ++k) {
        if (info_[k].blank) continue;
        if (good(k) || (decided_[k] && res_.lines[k].keep) || deck_body(k)) break;
        // A line naming an amount ([sponsor] except: "Wartość dofinansowania: 265 680 zł") is
        // the page's own figure, as it would be on the first line: the footer ends above it.
        if (std::any_of(r_.sponsor_except.begin(), r_.sponsor_except.end(),
                        [&](const auto& re) { return RE2::PartialMatch(info_[k].norm, *re); }))
          break;
        joined += ' ';
        joined += info_[k].norm;
        decide(k, false, "sponsor_footer");
      }
      note_funding(joined, i);
      i = k - 1;
    }
  }

  /// Lines found on many pages of the page's site in this run, unless they read as body.
  /// Runs after the rules that read site furniture (counter, date, fund), so those are kept.
  void cross_page() {
    if (!repeated_) return;
    const RepeatedLines::Site* site = repeated_->site(site_key(page_.path));
    if (!site) return;
    const double need = std::max(t().cross_page_min_pages,
                                 t().cross_page_min_share * static_cast<double>(site->pages));
    // A line repeats as furniture in its context: with the line above or below it (blank
    // lines skipped) on as many pages. A section heading ("Efekty") or a phone line recurs
    // on many pages, but over different text; a menu item recurs with its neighbours.
    const std::size_t n = info_.size();
    std::vector<std::uint64_t> fp(n, 0);
    for (std::size_t i = 0; i < n; ++i)
      if (!info_[i].blank) fp[i] = line_fingerprint(page_.line(i));
    auto enough = [&](std::uint64_t f) {
      return static_cast<double>(site->pages_with(f)) >= need;
    };
    std::uint64_t prev = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (!fp[i]) continue;
      const std::uint64_t above = prev;
      prev = fp[i];
      if (decided_[i] || good(i)) continue;
      std::uint32_t pages = site->pages_with(fp[i]);
      if (static_cast<double>(pages) < need) continue;
      std::uint64_t below = 0;
      for (std::size_t k = i + 1; k < n && !below; ++k) below = fp[k];
      const bool context = (!above && !below) || (above && enough(pair_fingerprint(above, fp[i]))) ||
                           (below && enough(pair_fingerprint(fp[i], below)));
      if (!context) continue;
      decide(i, false, "cross_page_repeat");
      res_.lines[i].pages = pages;
    }
  }

  void note_funding(const std::string& text, std::size_t line) {
    if (!res_.site.funding.empty()) return;
    for (const auto& [name, re] : r_.funds) {
      if (RE2::PartialMatch(text, *re)) {
        res_.site.funding = name;
        res_.site.funding_line = line_no(line);
        return;
      }
    }
  }

  void fields() {
    bool in_field = false;
    for (std::size_t i = 0; i < info_.size(); ++i) {
      const LineInfo& li = info_[i];
      if (li.blank) {
        in_field = false;
      } else if (decided_[i]) {
        in_field = res_.lines[i].keep && rule_is(res_.lines[i].rule, "field");
      } else if ((li.groups & g_field) || bare_label_with_continuation(i)) {
        decide(i, true, "field");
        in_field = true;
      } else if (in_field && li.indented) {
        decide(i, true, "field");
      } else {
        in_field = false;
      }
    }
  }

  /// A label alone on its line, its value on the next ("Data aktualizacji:"): a few words
  /// ending in a colon.
  /// Whether `s` holds a clock time ("09:31", "9:05"): a stamp's date carries one.
  static bool has_clock_time(std::string_view s) {
    auto digit = [&](std::size_t j) { return j < s.size() && s[j] >= '0' && s[j] <= '9'; };
    for (std::size_t c = s.find(':'); c != std::string_view::npos; c = s.find(':', c + 1))
      if (c > 0 && digit(c - 1) && digit(c + 1) && digit(c + 2) && !digit(c + 3)) return true;
    return false;
  }

  bool label_alone(std::size_t i) const {
    const LineInfo& li = info_[i];
    return !li.blank && li.words >= 1 && li.words <= 6 && li.norm.back() == ':';
  }

  /// A date's label without its colon ([date_label]: "Data wprowadzenia do BDP").
  bool date_label(std::size_t i) const {
    const LineInfo& li = info_[i];
    if (li.blank || li.words > 6) return false;
    for (const auto& re : r_.date_labels)
      if (RE2::FullMatch(li.norm, *re)) return true;
    return false;
  }

  /// "Osoby kontaktowe:" with its values on the indented lines below.
  bool bare_label_with_continuation(std::size_t i) const {
    const LineInfo& li = info_[i];
    return li.words <= 4 && li.norm.back() == ':' && i + 1 < info_.size() &&
           !info_[i + 1].blank && info_[i + 1].indented;
  }

  /// A "Label: value" line with another one right above or below it: part of a field block,
  /// even when a spaced colon makes it look like a breadcrumb.
  bool in_field_block(std::size_t i) const {
    if (!(info_[i].groups & g_field)) return false;
    return (i > 0 && (info_[i - 1].groups & g_field)) ||
           (i + 1 < info_.size() && (info_[i + 1].groups & g_field));
  }

  /// A short capitalised line a menu is made of. `loose`: the stopword share is not looked
  /// at (an item right under another one: "Napisz do nas").
  bool nav_like(std::size_t i, bool loose = false) const {
    const LineInfo& li = info_[i];
    if (li.blank) return false;
    if (in_slide(i) && !decided_[i]) return false;
    // Furniture already recognised (a download prompt, a date) belongs to the menu around it.
    if (decided_[i]) return !res_.lines[i].keep && !rule_is(res_.lines[i].rule, "blank");
    if (li.menu_word) return true;
    if (li.words == 0 || li.words > t().menu_max_words || li.chars > t().menu_max_chars ||
        li.ends_colon_or_punct || li.digits > 0)
      return false;
    if (!loose && li.words >= 2 &&
        static_cast<double>(li.stopwords) / li.words > t().menu_max_stop_share)
      return false;
    return li.bullet || li.starts_upper;
  }

  bool is_menu_word(std::size_t i) const { return info_[i].menu_word; }

  /// The next text under `i` is body, across blank lines and one page-metadata line (a
  /// title, "Wpis opublikowany … przez …", the post).
  bool body_follows(std::size_t i) const {
    bool skipped = false;
    for (std::size_t k = i + 1; k < info_.size(); ++k) {
      if (info_[k].blank) continue;
      if (!skipped && furniture_by(k, r_.meta_block_rules)) {
        skipped = true;
        continue;
      }
      return good(k) && !decided_[k];
    }
    return false;
  }

  /// Body follows `i`, or `i` heads a block of text: the line right under it is neither blank
  /// nor navigation-like ("GMINNY PROGRAM …" over "dla Gminy … na lata 2024–2026").
  bool text_follows(std::size_t i) const {
    return body_follows(i) ||
           (i + 1 < info_.size() && !info_[i + 1].blank && !decided_[i + 1] && !nav_like(i + 1));
  }

  /// Nearest non-blank line before `i` (at most `max_gap` blanks away), or n.
  std::size_t content_before(std::size_t i, std::size_t max_gap) const {
    max_gap *= blank_unit_;
    for (std::size_t k = i, blanks = 0; k-- > 0;) {
      if (!info_[k].blank) return k;
      if (++blanks > max_gap) break;
    }
    return info_.size();
  }

  /// Nearest non-blank line after `i` (at most `max_gap` blanks away), or n.
  std::size_t content_after(std::size_t i, std::size_t max_gap) const {
    max_gap *= blank_unit_;
    for (std::size_t k = i + 1, blanks = 0; k < info_.size(); ++k) {
      if (!info_[k].blank) return k;
      if (++blanks > max_gap) break;
    }
    return info_.size();
  }

  /// A subheading: a short line opening with a capital, no menu word, no sentence end.
  bool heading_like(std::size_t k) const {
    const LineInfo& li = info_[k];
    return !li.blank && li.words <= t().menu_max_words && li.starts_upper && !li.menu_word &&
           !li.sentence_punct && li.norm.back() != ':';
  }

  /// A line that reads as text: body by score, or already kept (a field).
  bool texty(std::size_t k) const {
    if (k >= info_.size()) return false;
    if (decided_[k]) return res_.lines[k].keep;
    return good(k) || (info_[k].groups & g_field);
  }

  void menu_blocks() {
    const auto max_gap = static_cast<std::size_t>(t().menu_max_gap);
    const std::size_t max_blanks = max_gap * blank_unit_;  // content_before/after scale max_gap
    bool first_block = true;
    std::size_t i = 0;
    while (i < info_.size()) {
      if (!nav_like(i)) {
        ++i;
        continue;
      }
      std::vector<std::size_t> run;
      bool known = false;
      std::size_t k = i, last = i;
      while (k < info_.size()) {
        // A line across a blank gap is a heading, not a menu item, when text follows it.
        if ((nav_like(k) || (k == last + 1 && k > i && nav_like(k, true) && !text_follows(k))) &&
            (k <= last + 1 || !text_follows(k))) {
          run.push_back(k);
          known |= is_menu_word(k);
          last = k;
          ++k;
        } else if (info_[k].blank && k - last <= max_blanks) {
          ++k;
        } else {
          break;
        }
      }
      double need = known ? t().menu_min_run_known : t().menu_min_run;
      // Short lines between two pieces of text, none of them known furniture, are a list
      // of the body ("Harmonogram zajęć", "Poniedziałek – gimnastyka", …), not a menu.
      bool furniture_inside = known;
      for (std::size_t j : run) furniture_inside |= decided_[j];
      bool enclosed = !furniture_inside && texty(content_before(run.front(), max_gap)) &&
                      texty(content_after(run.back(), max_gap));
      // Right under a lead-in line of the text ("Partnerzy akcji „Ciepła zima”:"), a list.
      std::size_t lead = run.front();
      while (lead > 0 && !info_[lead - 1].blank && std::find(run.begin(), run.end(), lead - 1) == run.end())
        --lead;
      if (lead > 0 && lead == run.front() && !info_[lead - 1].blank) --lead;
      bool block_furniture = false;  // among the run's lines in the lead-in's block
      for (std::size_t j = run.front(); j < info_.size() && !info_[j].blank; ++j)
        block_furniture |= decided_[j] || is_menu_word(j);
      const bool listed = !block_furniture && lead < run.front() && !decided_[lead] &&
                          info_[lead].words >= 3 && info_[lead].norm.back() == ':';
      const bool slide = std::any_of(run.begin(), run.end(), [&](std::size_t j) { return deck_body(j); });
      if (!enclosed && !listed && !slide && static_cast<double>(run.size()) >= need) {
        if (first_block) header_above(run.front());
        first_block = false;
        for (std::size_t j = run.front(); j <= run.back(); ++j) decide(j, false, "menu_block");
      }
      i = last + 1;
    }
  }

  /// The few lines above the page's first menu are the site's header (name, logo), unless
  /// one of them reads as body: then the "menu" is furniture under a short page's own text
  /// (a title and one paragraph over "Poprzedni artykuł: …", "Drukuj").
  void header_above(std::size_t menu_start) {
    std::vector<std::size_t> above;
    for (std::size_t k = 0; k < menu_start; ++k)
      if (!info_[k].blank) above.push_back(k);
    if (static_cast<double>(above.size()) > t().header_max_lines) return;
    if (std::any_of(above.begin(), above.end(), [&](std::size_t k) { return good(k); })) return;
    for (std::size_t k : above) decide(k, false, "header");
  }

  /// Lines repeated (ignoring a leading slide number and case) are headers; so are numbered
  /// lines mostly made of a repeated word prefix ("12 Miejski Ośrodek … Punkt Interwencji").
  void repeated_lines() {
    // A line's key is its words after a leading number, case folded and joined by blanks:
    // the tail of its folding made by describe() (folding neither makes nor takes blanks or
    // ASCII digits, so the folding's words are the folded words of the line). The key of its
    // first k words is a prefix of it (ends at word_ends_[from + k - 1], offsets into
    // fold_arena_).
    struct Key {
      std::size_t at = 0, from = 0, words = 0;
      bool numbered = false;
      TextCounts::Slot* whole = nullptr;  // the slot of its whole key (hashed once)
    };
    const std::size_t n = info_.size();
    std::vector<Key> keys(n);
    const std::string& arena = fold_arena_;
    std::vector<std::size_t>& ends = word_ends_;
    ends.clear();
    const auto min_prefix = static_cast<std::size_t>(t().repeat_prefix_min_words);
    for (std::size_t i = 0; i < n; ++i) {
      const LineInfo& li = info_[i];
      if (li.blank || decided_[i] || li.words > t().repeat_max_words + 1)
        continue;
      // describe() folded every line of repeat_max_words + 1 words or fewer.
      Key& key = keys[i];
      const std::string_view f = folded(i);
      key.at = li.fold_at;
      key.from = ends.size();
      for (std::size_t b = 0; b < f.size();) {
        const std::size_t e = std::min(f.find(' ', b), f.size());
        if (b == 0 && std::all_of(f.begin(), f.begin() + static_cast<std::ptrdiff_t>(e),
                                  [](char c) { return c >= '0' && c <= '9'; })) {
          key.numbered = true;
          key.at = li.fold_at + e + 1;
        } else {
          ends.push_back(li.fold_at + e);
          ++key.words;
        }
        b = e + 1;
      }
    }
    auto prefix_of = [&](const Key& key, std::size_t w) {
      return std::string_view(arena).substr(key.at, ends[key.from + w] - key.at);
    };
    // key -> a: lines whose whole key it is, b: numbered lines whose prefix it is, flag: a
    // line of that whole key was looked at (the first copy of a running header)
    TextCounts& counts = TextCounts::of_thread();
    counts.reset(ends.size());  // at most one text a key word
    for (std::size_t i = 0; i < n; ++i) {
      Key& key = keys[i];
      if (key.words == 0) continue;
      if (key.numbered)
        for (std::size_t w = 0; w + 1 < key.words; ++w)
          if (w + 1 >= min_prefix) ++counts.add(prefix_of(key, w)).b;
      key.whole = &counts.add(prefix_of(key, key.words - 1));  // slots stay where they are
      ++key.whole->a;
    }
    // The first copy of a running header where the page's title stands is the title.
    const std::size_t first = first_body();
    for (std::size_t i = 0; i < n; ++i) {
      const Key& key = keys[i];
      if (key.words == 0 || decided_[i]) continue;
      if (!key.numbered) {
        const bool first_copy = !key.whole->flag;
        key.whole->flag = true;
        if (first_copy && title_position(i, first)) continue;
      }
      bool repeated = false;
      for (std::size_t w = 0; w < key.words; ++w) {
        if (w + 1 == key.words) {
          repeated |= static_cast<double>(key.whole->a) >= t().repeat_min;
          continue;
        }
        if (key.numbered && w + 1 >= min_prefix &&
            static_cast<double>(w + 1) / static_cast<double>(key.words) >=
                t().repeat_prefix_coverage) {
          const TextCounts::Slot* acc = counts.find(prefix_of(key, w));
          repeated |= static_cast<double>(acc ? acc->b + acc->a : 0) >= t().repeat_min;
        }
      }
      if (repeated && !wrapped_tail(i)) decide(i, false, "repeated_header");
    }
  }

  /// Line i is the end of the sentence above it, wrapped there ("• ograniczanie umieszczania
  /// dzieci w pieczy" / "zastępczej"): it opens in lower case right under a line that ends
  /// with no punctuation. A running header repeated on every page does not; the same tail of
  /// several sentences is no header.
  bool wrapped_tail(std::size_t i) const {
    if (i == 0 || info_[i - 1].blank || info_[i].norm.empty()) return false;
    std::size_t at = 0;
    const char32_t c = next_cp(info_[i].norm, at);
    if (c == 0xFFFD || !u_islower(static_cast<UChar32>(c))) return false;
    if (!words_only(info_[i].norm)) return false;
    const std::string_view above = info_[i - 1].norm;
    const char last = above.empty() ? '.' : above.back();
    return last != '.' && last != '!' && last != '?' && last != ':' && last != ';';
  }

  /// A paged document's running header: the line right under its page numbers (pdftotext
  /// writes a page's header after the previous page's number), the same on at least two
  /// pages and on half of them. Slide markers are not looked at: a deck's slide titles may
  /// repeat. Pages a form feed starts (SourcePage::page_breaks) have their first line as
  /// their header and their last as their footer, both read the same way.
  void running_headers() {
    const std::size_t n = info_.size();
    std::vector<std::size_t> heads, feet;
    for (std::size_t i = 0; i < n; ++i) {
      if (!(decided_[i] && rule_is(res_.lines[i].rule, "page_number"))) continue;
      const std::size_t k = content_after(i, 1);
      if (k < n && !decided_[k]) heads.push_back(k);
    }
    const std::vector<std::uint32_t>& breaks = page_.page_breaks;
    const std::size_t fed_pages = breaks.empty() ? 0 : breaks.size() + 1;
    if (fed_pages >= 3) {
      for (std::size_t p = 0; p < fed_pages; ++p) {
        const std::size_t from = p == 0 ? 0 : std::min<std::size_t>(breaks[p - 1], n);
        const std::size_t to = p < breaks.size() ? std::min<std::size_t>(breaks[p], n) : n;
        std::size_t first = from, last = to;
        while (first < to && info_[first].blank) ++first;
        while (last > first && info_[last - 1].blank) --last;
        if (first < to && !decided_[first]) heads.push_back(first);
        if (last > first + 1 && !decided_[last - 1]) feet.push_back(last - 1);
      }
    }
    const std::size_t pages = std::max(heads.size(), fed_pages);
    // A running footer of pdftotext -layout carries the page's number at its end
    // ("PCPR Braniewo – Konferencja 2022 <spaces> 3"): compared without it.
    auto key = [&](std::size_t k) {
      std::string s = to_lower(info_[k].norm);
      fold_typography(s, 0);
      std::size_t end = s.size();
      while (end > 0 && s[end - 1] >= '0' && s[end - 1] <= '9') --end;
      if (end < s.size() && s.size() - end <= 3 && end > 0 && s[end - 1] == ' ' &&
          s.find(' ') < end - 1)
        s.resize(end - 1);
      return s;
    };
    std::unordered_set<std::string> running;
    for (const std::vector<std::size_t>* ends : {&heads, &feet}) {
      std::unordered_map<std::string, std::vector<std::size_t>> same;
      for (std::size_t k : *ends) same[key(k)].push_back(k);
      for (const auto& [key, lines] : same)
        if (lines.size() >= 2 && lines.size() * 2 >= pages) running.insert(key);
    }
    if (running.empty()) return;
    // Its other copies too (the first page's, above any number), but for a first copy where
    // the page's title stands (title_position).
    const std::size_t first = first_body();
    std::unordered_set<std::string> seen;
    for (std::size_t k = 0; k < n; ++k) {
      if (info_[k].blank || decided_[k]) continue;
      std::string s = key(k);
      if (!running.count(s)) continue;
      if (seen.insert(s).second && title_position(k, first)) continue;
      decide(k, false, "repeated_header");
    }
  }

  /// The line right after a breadcrumb is the page's title.
  void titles_after_breadcrumb() {
    for (std::size_t i = 0; i + 1 < info_.size(); ++i) {
      if (!decided_[i] || (!rule_is(res_.lines[i].rule, "breadcrumb") &&
                           !rule_is(res_.lines[i].rule, "breadcrumb_start")))
        continue;
      std::size_t k = i + 1;
      while (k < info_.size() && info_[k].blank) ++k;
      if (k < info_.size() && !decided_[k]) decide(k, true, "title", info_[k].score);
    }
  }

  /// Without a breadcrumb, the page's title is the nearest line above the first body line,
  /// across blank lines and single furniture lines (a dateline, "Dodano: …"), not across a
  /// menu.
  /// True when every line above `k` is blank or already decided furniture (menus,
  /// breadcrumbs, the site's header): `k` is the first line of the page's own text.
  bool opens_text(std::size_t k) const {
    for (std::size_t j = 0; j < k; ++j)
      if (!info_[j].blank && !(decided_[j] && !res_.lines[j].keep)) return false;
    return true;
  }

  void title_above_body() {
    const std::size_t n = info_.size();
    for (std::size_t i = 0; i < n; ++i)
      if (decided_[i] && rule_is(res_.lines[i].rule, "title")) return;
    std::size_t first = 0;
    while (first < n && (decided_[first] || !good(first))) ++first;
    if (first == n) return;
    // Page metadata lines (a block of them: category, date, views) are looked across; so is
    // a one- or two-word line heading such a block ("Szczegóły").
    int looked = 0;
    for (std::size_t k = first; k-- > 0 && looked < 3;) {
      if (info_[k].blank) continue;
      if (furniture_by(k, r_.meta_block_rules)) continue;
      // A block of furniture holding page metadata ("Szczegóły" over category, date, views).
      std::size_t b = k, e = k;
      while (b > 0 && !info_[b - 1].blank) --b;
      while (e + 1 < n && !info_[e + 1].blank) ++e;
      bool meta = false, furniture = true;
      for (std::size_t j = b; j <= e; ++j) {
        meta |= furniture_by(j, r_.meta_block_rules);
        furniture &= decided_[j] && !res_.lines[j].keep;
      }
      if (meta && furniture) {
        k = b;
        continue;
      }
      ++looked;
      if (!decided_[k]) {
        // Two words are a title only as the first line of the page's own text, right above
        // its body (a notice "Dodatek energetyczny" over its paragraph, under the menus);
        // elsewhere they are menu items or labels.
        const bool opens_page = opens_text(k) && looked == 1;
        if ((info_[k].words >= 3 || (info_[k].words == 2 && opens_page)) &&
            starts_upper_quoted(info_[k].norm) && !info_[k].menu_word) {
          decide(k, true, "title", info_[k].score);
          return;
        }
        if (info_[k].words < 3 && k + 1 < n && furniture_by(k + 1, r_.meta_block_rules)) continue;
        return;
      }
      const std::string& rule = res_.lines[k].rule;
      if (res_.lines[k].keep || rule_is(rule, "menu_block") || rule_is(rule, "header") ||
          rule_is(rule, "breadcrumb") || rule_is(rule, "repeated_header") ||
          rule_is(rule, "cross_page_repeat"))
        return;
    }
  }

  bool kept_content(std::size_t k) const {
    return decided_[k] && res_.lines[k].keep;
  }

  /// jusText-like: good lines are body; the rest are kept only as headings of body or field
  /// lines, or as short lines between body paragraphs.
  void score_rest() {
    const std::size_t n = info_.size();
    for (std::size_t i = 0; i < n; ++i)
      if (!decided_[i] && good(i)) decide(i, true, "body", info_[i].score);
    auto next_nonblank = [&](std::size_t i) -> std::size_t {
      std::size_t k = i + 1, blanks = 0;
      while (k < n && info_[k].blank && blanks < 2 * blank_unit_) ++k, ++blanks;
      return k < n && !info_[k].blank ? k : n;
    };
    auto prev_nonblank = [&](std::size_t i) -> std::size_t {
      std::size_t k = i, blanks = 0;
      while (k > 0) {
        --k;
        if (!info_[k].blank) return k;
        if (++blanks >= 2 * blank_unit_) break;
      }
      return n;
    };
    // In a slide deck (numbered repeated headers), numbered lines are slide titles and the
    // line under a slide number or header is slide text.
    auto numbered = [&](std::size_t k) {
      std::string_view t = info_[k].norm;
      std::size_t d = 0;
      while (d < t.size() && t[d] >= '0' && t[d] <= '9') ++d;
      return d > 0 && d <= 3 && (d == t.size() || t[d] == ' ');
    };
    int numbered_headers = 0;
    for (std::size_t i = 0; i < n; ++i)
      numbered_headers += rule_is(res_.lines[i].rule, "repeated_header") && numbered(i);
    const bool deck = numbered_headers >= t().repeat_min || marked_deck_;
    for (std::size_t i = 0; marked_deck_ && i < n; ++i)
      if (in_slide(i) && !decided_[i]) decide(i, true, "slide_text", info_[i].score);
    // A page with no line that reads as body (a notice of one or two short sentences with
    // figures in them) keeps its medium sentences: they are all the page says.
    bool any_kept = false;
    for (std::size_t i = 0; i < n && !any_kept; ++i) any_kept = decided_[i] && res_.lines[i].keep;
    for (std::size_t i = 0; !deck && !any_kept && i < n; ++i) {
      const LineInfo& li = info_[i];
      const char last = li.blank ? '\0' : li.norm.back();
      if (!decided_[i] && li.score >= t().bad && li.words >= t().sole_sentence_min_words &&
          (last == '.' || last == '!' || last == '?'))
        decide(i, true, "body", li.score);
    }
    // A short run of undecided lines between two body lines (an in-body heading, list
    // items) is body. Not in a deck, where slides have rules of their own.
    for (std::size_t i = 0; !deck && i < n;) {
      if (!(decided_[i] && rule_is(res_.lines[i].rule, "body"))) {
        ++i;
        continue;
      }
      std::size_t k = i + 1;
      int undecided = 0;
      bool clean = true;
      while (k < n && !(decided_[k] && rule_is(res_.lines[k].rule, "body"))) {
        if (decided_[k] && !info_[k].blank) clean = false;
        undecided += !decided_[k];
        ++k;
      }
      if (k < n && clean && undecided > 0 && undecided <= t().enclosed_max_lines)
        for (std::size_t j = i + 1; j < k; ++j) decide(j, true, "in_body", info_[j].score);
      i = k;
    }
    // A block of undecided lines right after body, most of them medium (score >= bad), is
    // body that goes on after the last paragraph: contacts, a numbered list under its
    // heading. The next block may follow it the same way.
    for (std::size_t i = 0; !deck && i < n; ++i) {
      if (!decided_[i] || !res_.lines[i].keep || info_[i].blank) continue;
      const std::string& rule = res_.lines[i].rule;
      auto body_rule = [](const std::string& r) {
        return rule_is(r, "body") || rule_is(r, "in_body") || rule_is(r, "body_block");
      };
      // A field closing a block of body ("prowadzi: …, tel. …") continues the chain too.
      std::size_t start = i;
      while (start > 0 && !info_[start - 1].blank) --start;
      if (!body_rule(rule) &&
          !(rule_is(rule, "field") && start < i && body_rule(res_.lines[start].rule)))
        continue;
      std::size_t b = content_after(i, 2);
      if (b >= n || decided_[b]) continue;
      // Lines with figures (addresses, phone numbers, opening hours) count as medium: a list
      // of help points under its heading. A block led in by a line ending with a colon
      // ("Partnerzy akcji:") is its list.
      // A block led in by a line ending with a colon ("Kontakt w sprawie rodzinnej pieczy
      // zastępczej:", lead_in_min_words) holds its address too: a line the footer rules took
      // alone ("ul. Podrzeczna 30, 99-400 Łowicz") is the block's.
      auto block_end = [&](std::size_t from, std::size_t& medium) {
        const bool lead_in = !decided_[from] && info_[from].norm.back() == ':' &&
                             static_cast<double>(info_[from].words) >= t().lead_in_min_words;
        std::size_t e = from;
        medium = 0;
        for (; e < n && !info_[e].blank &&
               (!decided_[e] || (lead_in && furniture_by(e, r_.footer_block_rules)));
             ++e)
          medium += info_[e].score >= t().bad || info_[e].digits > 0;
        return e;
      };
      auto take = [&](std::size_t from, std::size_t e) {
        for (std::size_t k = from; k < e; ++k) {
          if (decided_[k]) res_.lines[k] = {true, "body_block", info_[k].score};
          else decide(k, true, "body_block", info_[k].score);
        }
      };
      auto body_like = [&](std::size_t from, std::size_t e, std::size_t medium) {
        return info_[from].norm.back() == ':' ||
               static_cast<double>(medium) >=
                   t().block_min_medium_share * static_cast<double>(e - from);
      };
      std::size_t medium = 0;
      const std::size_t e = block_end(b, medium);
      if (body_like(b, e, medium)) {
        take(b, e);
        continue;
      }
      // A heading alone on its line ("Plan dnia", "Odpłatność"; no menu word, no full
      // stop) over such a block leads it in: the body goes on under a subheading.
      if (e != b + 1 || !heading_like(b)) continue;
      const std::size_t b2 = content_after(b, 2);
      if (b2 >= n || decided_[b2]) continue;
      const std::size_t e2 = block_end(b2, medium);
      if (!body_like(b2, e2, medium)) continue;
      decide(b, true, "heading", info_[b].score);
      take(b2, e2);
    }
    // In a deck, a numbered line of a few words that is not a repeated header is a slide
    // title; the line right under a slide header is slide text, and so are the lines of a
    // few words under a slide title or slide text, up to a blank line.
    for (std::size_t i = 0; deck && i < n; ++i) {
      const bool header = rule_is(res_.lines[i].rule, "repeated_header") && numbered(i);
      if (!decided_[i] && numbered(i) && info_[i].words >= t().slide_title_min_words)
        decide(i, true, "slide_title", info_[i].score);
      if (!header && !rule_is(res_.lines[i].rule, "slide_title")) continue;
      for (std::size_t k = i + 1; k < n && !info_[k].blank && !decided_[k]; ++k) {
        if (!(header && k == i + 1) && info_[k].words < t().slide_title_min_words - 1) break;
        decide(k, true, "slide_text", info_[k].score);
      }
    }
    // Backwards, so that a heading above a heading of body is one too.
    for (std::size_t i = n; i-- > 0;) {
      if (decided_[i]) continue;
      const double s = info_[i].score;
      // A data table's rows ("| Rok | 2019 | 2020 |" over "| Liczba osób | 1 012 | 1 146 |")
      // are the page's figures, however short their lines and wherever they stand.
      if (in_data_table(i)) {
        decide(i, true, "table", s);
        continue;
      }
      const bool medium = s >= t().bad;
      if (deck && medium && numbered(i)) {
        decide(i, true, "slide_title", s);
        continue;
      }
      if (deck && medium && i > 0 && !info_[i - 1].blank &&
          (numbered(i - 1) || rule_is(res_.lines[i - 1].rule, "repeated_header"))) {
        decide(i, true, "slide_text", s);
        continue;
      }
      bool next_direct = i + 1 < n && kept_content(i + 1);
      std::size_t nn = next_nonblank(i), pn = prev_nonblank(i);
      bool next_near =
          nn < n && kept_content(nn) &&
          (rule_is(res_.lines[nn].rule, "body") || rule_is(res_.lines[nn].rule, "field") ||
           rule_is(res_.lines[nn].rule, "heading") || rule_is(res_.lines[nn].rule, "slide_text") ||
           rule_is(res_.lines[nn].rule, "slide_title"));
      bool prev_near = pn < n && kept_content(pn) && rule_is(res_.lines[pn].rule, "body");
      bool prev_direct = i > 0 && kept_content(i - 1);
      if (next_direct || (medium && next_near))
        decide(i, true, "heading", s);
      else if ((prev_direct && (next_direct || info_[i].sentence_punct)) ||
               (prev_near && next_near) ||
               (prev_near && info_[i].words >= 4 && info_[i].norm.back() == '.'))
        decide(i, true, "short_in_body", s);
      else
        decide(i, false, "short", s);
    }
  }

  /// Short lines after the last kept line are trailing links; a fund named there counts.
  void trailing() {
    std::size_t last_kept = info_.size();
    for (std::size_t i = info_.size(); i > 0; --i)
      if (res_.lines[i - 1].keep) {
        last_kept = i - 1;
        break;
      }
    std::string joined;
    std::size_t first = info_.size();
    for (std::size_t i = last_kept == info_.size() ? 0 : last_kept + 1; i < info_.size(); ++i) {
      if (info_[i].blank) continue;
      if (rule_is(res_.lines[i].rule, "short")) res_.lines[i].rule = "trailing_links";
      if (rule_is(res_.lines[i].rule, "trailing_links") ||
          rule_is(res_.lines[i].rule, "menu_block") ||
          rule_is(res_.lines[i].rule, "cross_page_repeat")) {
        first = std::min(first, i);
        joined += info_[i].norm;
        joined += ' ';
      }
    }
    if (!joined.empty()) note_funding(joined, first);
  }
};

}  // namespace

void set_boilerplate_line_memo(bool on) { line_memo_on.store(on, std::memory_order_relaxed); }

void set_boilerplate_marker_split(bool on) { marker_split_on.store(on, std::memory_order_relaxed); }

void set_boilerplate_anchor_split(bool on) { anchor_split_on.store(on, std::memory_order_relaxed); }

void set_boilerplate_marker_prefilter(bool on) {
  marker_prefilter_on.store(on, std::memory_order_relaxed);
}

void set_boilerplate_count_blocks(bool on) { count_blocks_on.store(on, std::memory_order_relaxed); }

void set_boilerplate_scan_blocks(bool on) { scan_blocks_on.store(on, std::memory_order_relaxed); }

void set_boilerplate_rest_gate(bool on) { rest_gate_on.store(on, std::memory_order_relaxed); }

void set_boilerplate_counter_date_skip(bool on) {
  counter_date_skip_on.store(on, std::memory_order_relaxed);
}

namespace detail {
std::optional<std::vector<int>> boilerplate_line_atoms(const BoilerplateRules& rules,
                                                       std::string_view line, bool blocks) {
  const AtomFilter& f = rules.impl().floating.filter;
  if (!f.usable()) return std::nullopt;
  std::vector<std::uint64_t> seen(f.seen_words(), 0);
  std::vector<int> present;
  if (!f.atoms_in(line, present, seen.data(), blocks)) return std::nullopt;
  for (std::uint64_t w : seen)
    if (w != 0) return std::vector<int>{-1};  // `seen` must be left zero
  return present;
}

std::optional<std::string> boilerplate_required_bytes(std::string_view pattern) {
  const auto set = required_bytes(pattern);
  if (!set) return std::nullopt;
  std::string out;
  for (int b = 0; b < 256; ++b)
    if ((*set)[static_cast<std::size_t>(b)]) out.push_back(static_cast<char>(b));
  return out;
}
}  // namespace detail

BoilerplateResult strip_boilerplate(const SourcePage& page, const BoilerplateRules& rules,
                                    const RepeatedLines* repeated) {
  return Stripper(page, rules.impl(), repeated).run();
}

}  // namespace bdp
