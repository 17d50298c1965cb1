// The reflow stage: a text dump's indentation and hard wrapping taken off before the stages
// read the page (see reflow.h). Everything is measured in code points of the physical lines,
// indentation included, since that is what a dumper counts when it wraps.
#include "bdp/reflow.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>
#include <re2/re2.h>
#include <unicode/uchar.h>

#include "bdp/text.h"

namespace bdp {

namespace {
constexpr std::string_view kFile = "reflow.grammar";
}

struct ReflowRules::Impl {
  bool enabled = true;
  double indent_share = 0.6;
  double box_table_min_lines = 3;
  int wrap_min_width = 40;
  int wrap_max_width = 100;
  int wrap_min_lines = 3;
  double wrap_near_share = 0.4;
  double wrap_near_from = 0.5;
  double wrap_over_share = 0.1;
  int wrap_over_slack = 6;
  int wrap_over_lines = 0;
  std::u32string continuing_end;
  double full_share = 0.55;
  std::u32string sentence_end = U".!?…";
  std::u32string colon_end = U":;";
  std::u32string inline_dashes = U"-–—";
  std::vector<std::unique_ptr<RE2>> starts_block;
  std::vector<std::unique_ptr<RE2>> own_line;
  std::vector<std::unique_ptr<RE2>> own_line_before_capital;
  /// [title_end]: a wrapped line that ends a title is not continued by a capitalised line
  std::vector<std::unique_ptr<RE2>> title_end;
  // A page cut at inline tags (see cut_joins)
  /// A word cut at a line-end hyphen is a compound cut at its own hyphen ("opiekuńczo-" /
  /// "wychowawczych") when its first part, of at least `compound_first_min` letters, ends with
  /// one of `compound_first_end` and its second part has at least `compound_second_min`
  /// letters; any other word so cut is rejoined without the hyphen ("zapo-" / "biegać").
  int compound_first_min = 5;
  int compound_second_min = 6;
  std::u32string compound_first_end = U"o";
  int cut_evidence = 1;
  int cut_prose_words = 4;
  double cut_prose_share = 0.5;
  std::unordered_set<std::string> continuing_words;
  std::unordered_set<std::string> abbreviations;
  std::vector<std::unique_ptr<RE2>> not_continued;
  std::vector<std::unique_ptr<RE2>> inside_only;
  std::vector<std::unique_ptr<RE2>> not_continued_by_capital;

  static bool any(const std::vector<std::unique_ptr<RE2>>& res, std::string_view s) {
    for (const auto& re : res)
      if (RE2::PartialMatch(s, *re)) return true;
    return false;
  }

  /// Length in bytes of the block start `s` begins with (0: none).
  std::size_t block_start(std::string_view s) const {
    for (const auto& re : starts_block) {
      re2::StringPiece m;
      if (re->Match(s, 0, s.size(), RE2::ANCHOR_START, &m, 1)) return std::max<std::size_t>(m.size(), 1);
    }
    return 0;
  }
};

ReflowRules::ReflowRules(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ReflowRules::~ReflowRules() = default;

std::unique_ptr<ReflowRules> ReflowRules::compile(const Grammars& g,
                                                  std::vector<GrammarError>& errors) {
  auto impl = std::make_unique<Impl>();
  const std::size_t errors_before = errors.size();
  auto number = [&](const GrammarEntry& e, double& out, double max) {
    double v = 0;
    auto [p, ec] = std::from_chars(e.value.data(), e.value.data() + e.value.size(), v);
    if (ec != std::errc() || p != e.value.data() + e.value.size() || v < 0 || v > max)
      errors.push_back(g.error_at(kFile, e, fmt::format("'{}' needs a number from 0 to {}", e.key, max)));
    else
      out = v;
  };
  auto whole = [&](const GrammarEntry& e, int& out) {
    double v = out;
    number(e, v, 1000);
    out = static_cast<int>(v);
  };
  auto chars = [&](const GrammarEntry& e, std::u32string& out) {
    out.clear();
    for (std::size_t i = 0; i < e.value.size();) out.push_back(next_cp(e.value, i));
  };
  for (const auto& e : g.entries(kFile, "settings")) {
    if (e.key == "enabled") {
      double v = 1;
      number(e, v, 1);
      impl->enabled = v != 0;
    } else if (e.key == "indent_share") number(e, impl->indent_share, 1);
    else if (e.key == "box_table_min_lines") number(e, impl->box_table_min_lines, 1000);
    else if (e.key == "wrap_min_width") whole(e, impl->wrap_min_width);
    else if (e.key == "wrap_max_width") whole(e, impl->wrap_max_width);
    else if (e.key == "wrap_min_lines") whole(e, impl->wrap_min_lines);
    else if (e.key == "wrap_near_share") number(e, impl->wrap_near_share, 1);
    else if (e.key == "wrap_near_from") number(e, impl->wrap_near_from, 1);
    else if (e.key == "wrap_over_share") number(e, impl->wrap_over_share, 1);
    else if (e.key == "wrap_over_slack") whole(e, impl->wrap_over_slack);
    else if (e.key == "wrap_over_lines") whole(e, impl->wrap_over_lines);
    else if (e.key == "continuing_end") chars(e, impl->continuing_end);
    else if (e.key == "full_share") number(e, impl->full_share, 1);
    else if (e.key == "sentence_end") chars(e, impl->sentence_end);
    else if (e.key == "colon_end") chars(e, impl->colon_end);
    else if (e.key == "inline_dashes") chars(e, impl->inline_dashes);
    else if (e.key == "compound_first_min") whole(e, impl->compound_first_min);
    else if (e.key == "compound_second_min") whole(e, impl->compound_second_min);
    else if (e.key == "compound_first_end") chars(e, impl->compound_first_end);
    else if (e.key == "cut_evidence") whole(e, impl->cut_evidence);
    else if (e.key == "cut_prose_words") whole(e, impl->cut_prose_words);
    else if (e.key == "cut_prose_share") number(e, impl->cut_prose_share, 1);
    else if (e.key == "continuing_words" || e.key == "abbreviations") {
      auto& set = e.key == "abbreviations" ? impl->abbreviations : impl->continuing_words;
      set.clear();
      for (std::string_view w : split_words(e.value)) set.emplace(w);
    }
    else errors.push_back(g.error_at(kFile, e, fmt::format("unknown setting '{}'", e.key)));
  }
  RE2::Options opts;
  opts.set_log_errors(false);
  opts.set_encoding(RE2::Options::EncodingUTF8);
  auto patterns = [&](std::string_view section, std::vector<std::unique_ptr<RE2>>& out) {
    for (const auto& e : g.entries(kFile, section)) {
      auto re = std::make_unique<RE2>(narrow_unicode_classes(e.key), opts);
      if (!re->ok()) errors.push_back(g.error_at(kFile, e, "bad regex: " + re->error()));
      else out.push_back(std::move(re));
    }
  };
  patterns("starts_block", impl->starts_block);
  patterns("own_line", impl->own_line);
  patterns("own_line_before_capital", impl->own_line_before_capital);
  patterns("title_end", impl->title_end);
  patterns("not_continued", impl->not_continued);
  patterns("inside_only", impl->inside_only);
  patterns("not_continued_by_capital", impl->not_continued_by_capital);
  if (errors.size() != errors_before) return nullptr;
  return std::unique_ptr<ReflowRules>(new ReflowRules(std::move(impl)));
}

namespace {

bool invisible_cp(char32_t c) {
  return c == '\t' || c == '\r' || c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 ||
         c == 0xFEFF || c == 0x00AD || is_space_cp(c);
}

/// What the stage needs of one physical line.
struct LineInfo {
  std::string_view text;
  std::size_t indent_bytes = 0;  // leading blanks
  int indent = 0;                // the same in code points
  int width = 0;                 // code points up to the last visible one
  bool blank = true;             // nothing visible
  bool invisible = false;        // blank, and holds more than ASCII blanks and tabs
  char32_t last = 0;             // the last visible code point
};

/// describe() read code point by code point: the reference, and the way for blank lines.
LineInfo describe_slow(std::string_view t) {
  LineInfo l;
  l.text = t;
  bool leading = true;
  int cps = 0;
  for (std::size_t i = 0; i < t.size();) {
    const unsigned char b = static_cast<unsigned char>(t[i]);
    char32_t c = b;
    if (b < 0x80) {  // most of a page: no decoding
      ++i;
    } else {
      c = next_cp(t, i);
    }
    ++cps;
    const bool blank = c == ' ' || c == '\t' || (c >= 0x80 && is_space_cp(c));
    if (leading && blank) {
      l.indent_bytes = i;
      l.indent = cps;
      continue;
    }
    leading = false;
    if (blank || (c >= 0x80 && invisible_cp(c))) {
      if (c != ' ' && c != '\t') l.invisible = true;
      continue;
    }
    l.blank = false;
    l.width = cps;
    l.last = c;
  }
  if (l.blank) {
    l.invisible = l.invisible || t.find_first_not_of(" \t") != std::string_view::npos;
    l.indent = 0;
    l.indent_bytes = 0;
  }
  return l;
}

/// The code point that ends at byte `end` of `t` (its start in `start`).
char32_t cp_before(std::string_view t, std::size_t end, std::size_t& start) {
  start = end - 1;
  while (start > 0 && (static_cast<unsigned char>(t[start]) & 0xC0) == 0x80 && end - start < 4)
    --start;
  std::size_t i = start;
  const char32_t c = next_cp(t, i);
  if (i != end) {  // not a whole character: an invalid byte, read alone as next_cp reads it
    start = end - 1;
    return 0xFFFD;
  }
  return c;
}

/// What the stage needs of line `t`: the indentation from its start, the last visible
/// character from its end, and the code points between counted without decoding them.
/// Lines with nothing visible take describe_slow.
LineInfo describe(std::string_view t) {
  LineInfo l;
  l.text = t;
  std::size_t i = 0;
  int cps = 0;
  while (i < t.size()) {
    const std::size_t at = i;
    const auto b = static_cast<unsigned char>(t[i]);
    const char32_t c = b < 0x80 ? (++i, b) : next_cp(t, i);
    if (!(c == ' ' || c == '\t' || (c >= 0x80 && is_space_cp(c)))) {
      i = at;
      break;
    }
    ++cps;
  }
  // Back from the end over blanks and invisible characters to the last visible one.
  std::size_t end = t.size();
  while (end > i) {
    const auto b = static_cast<unsigned char>(t[end - 1]);
    if (b < 0x80) {
      if (b == ' ' || b == '\t') {
        --end;
        continue;
      }
      l.last = b;
      break;
    }
    std::size_t start = 0;
    const char32_t c = cp_before(t, end, start);
    if (start < i) break;  // cannot happen for a whole character; the slow way decides
    if (is_space_cp(c) || invisible_cp(c)) {
      end = start;
      continue;
    }
    l.last = c;
    break;
  }
  if (end <= i || l.last == 0) return describe_slow(t);  // nothing visible (or undecided)
  l.indent_bytes = i;
  l.indent = cps;
  l.blank = false;
  l.width = cps + static_cast<int>(count_code_points(t.substr(i, end - i)));
  return l;
}

/// Code points of the first word of `t` (from its first visible character to a blank).
int first_word(std::string_view t) {
  int n = 0;
  for (std::size_t i = 0; i < t.size();) {
    const char32_t c = next_cp(t, i);
    if (c == ' ' || c == '\t' || is_space_cp(c)) break;
    ++n;
  }
  return n;
}

bool starts_upper(char32_t c) { return c != 0xFFFD && u_isupper(static_cast<UChar32>(c)); }

bool punctuation_end(char32_t c) {
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == 0x2026;
}

/// Whether `t` ends with a lower-case word of at most three letters ("w", "i", "dla"): a
/// preposition or conjunction, which ends no title or sentence.
bool ends_short_word(std::string_view t) {
  std::size_t start = t.rfind(' ');
  start = start == std::string_view::npos ? 0 : start + 1;
  int letters = 0;
  for (std::size_t i = start; i < t.size();) {
    const char32_t c = next_cp(t, i);
    if (c == 0xFFFD || !u_islower(static_cast<UChar32>(c))) return false;
    ++letters;
  }
  return letters >= 1 && letters <= 3;
}

/// Whether `w` is a capitalised word: an upper-case letter, then at least one lower-case
/// letter, and nothing else ("Kamińska", "Bielsko").
bool capitalised_word(std::string_view w) {
  std::size_t i = 0;
  if (w.empty() || !starts_upper(next_cp(w, i))) return false;
  int lower = 0;
  while (i < w.size()) {
    const char32_t c = next_cp(w, i);
    if (c == 0xFFFD || !u_islower(static_cast<UChar32>(c))) return false;
    ++lower;
  }
  return lower > 0;
}

/// The code-point column where a second column starts on line `t` (a PDF's two columns side
/// by side: "W mieście działają 3 placówki wsparcia        Na rzecz rodzin działa w …"): the
/// one gap of three blanks or more between two texts of `min_words` words or more each; 0 when
/// the line has no such gap, or more than one (a table's row).
int second_column(std::string_view t, int min_words) {
  // most lines have no gap after their first text: a byte search, no code points read
  const std::size_t visible = t.find_first_not_of(' ');
  if (visible == std::string_view::npos || t.find("   ", visible) == std::string_view::npos) return 0;
  int col = 0, found = 0, cps = 0, run = 0;
  bool text = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i < t.size();) {
    const char32_t c = next_cp(t, i);
    if (c == ' ') {
      ++run;
    } else {
      if (text && run >= 3) {
        ++found;
        col = cps;
        start = i;
      }
      text = true;
      run = 0;
    }
    ++cps;
  }
  if (found != 1) return 0;
  auto words = [](std::string_view w) {
    w = trim(w);
    return w.empty() ? 0 : 1 + static_cast<int>(std::count(w.begin(), w.end(), ' '));
  };
  const std::size_t right = t.rfind(' ', start) + 1;
  return words(t.substr(0, right)) >= min_words && words(t.substr(right)) >= min_words ? col : 0;
}

/// The line so far, `before` (its final hyphen taken off), and the next line, `after`, hold a
/// word the typesetter cut at the line's end ("zapo" / "biegać", "opiekuńczo-wychowaw" /
/// "czych"), not a compound cut at its own hyphen ("opiekuńczo" / "wychowawczych", see
/// compound_first_min): the part before is two letters or more back to a non-letter (one
/// letter is no syllable: "e-" / "mail"), the part after opens in lower case.
bool typeset_cut(std::string_view before, std::string_view after, const ReflowRules::Impl& r) {
  std::size_t b = before.size();
  int first = 0;
  char32_t last = 0;
  while (b > 0) {
    std::size_t k = b - 1;
    while (k > 0 && (static_cast<unsigned char>(before[k]) & 0xC0) == 0x80) --k;
    std::size_t j = k;
    const char32_t c = next_cp(before, j);
    if (c == 0xFFFD || !u_isalpha(static_cast<UChar32>(c))) break;
    if (first++ == 0) last = c;
    b = k;
  }
  if (first < 2 || (b > 0 && before[b - 1] >= '0' && before[b - 1] <= '9')) return false;
  int second = 0;
  for (std::size_t i = 0; i < after.size();) {
    const char32_t c = next_cp(after, i);
    if (c == 0xFFFD || !u_isalpha(static_cast<UChar32>(c))) break;
    if (second++ == 0 && !u_islower(static_cast<UChar32>(c))) return false;
  }
  if (second == 0) return false;
  const auto end = static_cast<char32_t>(u_tolower(static_cast<UChar32>(last)));
  return first < r.compound_first_min || second < r.compound_second_min ||
         r.compound_first_end.find(end) == std::u32string::npos;
}

/// The number a line opens with when a '.' or ')' and a blank follow it ("51. " → 51); -1
/// when it opens with none.
int leading_number(std::string_view t, bool need_blank) {
  int v = 0;
  std::size_t i = 0;
  while (i < t.size() && i < 4 && t[i] >= '0' && t[i] <= '9') v = v * 10 + (t[i++] - '0');
  if (i == 0 || i > 3 || i >= t.size() || (t[i] != '.' && t[i] != ')')) return -1;
  if (need_blank && (i + 1 >= t.size() || (t[i + 1] != ' ' && t[i + 1] != '\t'))) return -1;
  return v;
}

/// Byte offset of `count` code points into `s` (its end when shorter).
std::size_t skip_cps(std::string_view s, int count) {
  std::size_t i = 0;
  for (int k = 0; k < count && i < s.size(); ++k) next_cp(s, i);
  return i;
}

// --- A page cut at inline tags -------------------------------------------------------------
// A scraper that puts a line break at every inline tag (BeautifulSoup's get_text("\n"),
// XPath //text()) leaves a sentence as lines of any length with no blank between them:
// "Liczba wolontariuszy wzrosła z 35 w 2007" / "roku do 148 w 2010 roku. Rocznie" /
// "wolontariusze przepracowują …". No width tells such a page; its own sentences do.

bool lower_cp(char32_t c) {
  if (c < 0x80) return c >= 'a' && c <= 'z';
  return c != 0xFFFD && u_islower(static_cast<UChar32>(c));
}
bool upper_cp(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  return c != 0xFFFD && u_isupper(static_cast<UChar32>(c));
}

char32_t first_cp(std::string_view t) {
  std::size_t i = 0;
  return t.empty() ? 0 : next_cp(t, i);
}

/// Calls f(word) for the words of `t` (split at ASCII blanks).
template <class F>
void for_words(std::string_view t, F&& f) {
  std::size_t i = 0;
  while (i < t.size()) {
    while (i < t.size() && (t[i] == ' ' || t[i] == '\t')) ++i;
    const std::size_t start = i;
    while (i < t.size() && t[i] != ' ' && t[i] != '\t') ++i;
    if (i > start && !f(t.substr(start, i - start))) return;
  }
}

/// The last word of `t` (no trailing blanks: a LineInfo's text up to its last visible one).
std::string_view last_word(std::string_view t) {
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
  const std::size_t blank = t.find_last_of(" \t");
  return blank == std::string_view::npos ? t : t.substr(blank + 1);
}

/// Whether `t` reads as a sentence's words: at least `min_words` words, and of those that
/// open with a letter at least `share` open with a lower-case one (a heading or a name
/// capitalises its words).
bool prose_line(std::string_view t, int min_words, double share) {
  int words = 0, alpha = 0, lower = 0;
  for_words(t, [&](std::string_view w) {
    ++words;
    const char32_t c = first_cp(w);
    if (c != 0xFFFD && u_isalpha(static_cast<UChar32>(c))) {
      ++alpha;
      lower += lower_cp(c);
    }
    return true;
  });
  return words >= min_words && alpha > 0 && lower >= share * alpha;
}

/// Whether word `w` ends a sentence: a word of three lower-case letters or more that is no
/// abbreviation ("roku.", not "tel."), a figure of two digits or more ("2010.") or a bracket
/// ("(stan na 2024 r.)."), then one of `sentence_end`.
bool ends_sentence(std::string_view w, const ReflowRules::Impl& r) {
  if (w.empty()) return false;
  std::size_t start = 0;
  const char32_t c = cp_before(w, w.size(), start);
  if (r.sentence_end.find(c) == std::u32string::npos) return false;
  const std::string_view stem = w.substr(0, start);
  if (stem.empty()) return false;
  if (stem.back() == ')') return true;
  int letters = 0, digits = 0;
  std::size_t from = stem.size();
  while (from > 0) {
    std::size_t s = 0;
    const char32_t p = cp_before(stem, from, s);
    if (lower_cp(p) && digits == 0) ++letters;
    else if (p >= '0' && p <= '9' && letters == 0) ++digits;
    else break;
    from = s;
  }
  if (digits >= 2) return true;
  if (letters < 3) return false;
  return !r.abbreviations.count(std::string(stem.substr(from)));
}

/// Whether `t` holds a sentence's end: a word that ends_sentence followed by a capitalised
/// word or (unless `need_next`) the line's end.
bool holds_sentence_end(std::string_view t, bool need_next, const ReflowRules::Impl& r) {
  bool found = false, pending = false;
  for_words(t, [&](std::string_view w) {
    if (pending && upper_cp(first_cp(w))) {
      found = true;
      return false;
    }
    pending = ends_sentence(w, r);
    return true;
  });
  return found || (pending && !need_next);
}

/// Whether line `t` ends its sentence (its last word ends with `sentence_end`, closing
/// brackets and quotes aside, and is no abbreviation: "tel.", "ust.").
bool line_ends_sentence(std::string_view t, const ReflowRules::Impl& r) {
  std::string_view w = last_word(t);
  // closing quotes and brackets: ASCII and ” ’ » (UTF-8)
  for (;;) {
    if (!w.empty() && (w.back() == ')' || w.back() == '"' || w.back() == '\'')) {
      w.remove_suffix(1);
      continue;
    }
    if (w.size() >= 3 && (w.ends_with("\u201D") || w.ends_with("\u2019"))) {
      w.remove_suffix(3);
      continue;
    }
    if (w.size() >= 2 && w.ends_with("\u00BB")) {
      w.remove_suffix(2);
      continue;
    }
    break;
  }
  if (w.empty()) return false;
  std::size_t start = 0;
  const char32_t c = cp_before(w, w.size(), start);
  if (r.sentence_end.find(c) == std::u32string::npos) return false;
  std::string stem(w.substr(0, start));
  for (char& ch : stem) ch = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
  return !r.abbreviations.count(stem);
}

/// The lines of a list without markers under a line that ends with a colon ("Cele
/// programu:" / "zwiększenie aktywności seniorów," / "rozwój kompetencji cyfrowych," /
/// "wsparcie osób samotnych."): two items or more that end with a comma or a semicolon, and
/// the item after them. Its items are neither wrapped lines nor a sentence cut at inline tags.
std::vector<bool> unmarked_list_items(const std::vector<LineInfo>& info, const ReflowRules::Impl& r) {
  const std::size_t n = info.size();
  auto text_of = [&](std::size_t i) { return info[i].text.substr(info[i].indent_bytes); };
  std::vector<bool> item(n, false);
  for (std::size_t i = 0; i + 1 < n; ++i) {
    if (info[i].blank || r.colon_end.find(info[i].last) == std::u32string::npos) continue;
    std::size_t j = i + 1, commas = 0;
    while (j < n && !info[j].blank && (info[j].last == ',' || info[j].last == ';') &&
           text_of(j).find(' ') != std::string_view::npos &&
           r.continuing_words.count(std::string(last_word(text_of(j)))) == 0) {
      ++commas;
      ++j;
    }
    if (commas < 2) continue;
    for (std::size_t k = i + 1; k <= j && k < n; ++k) item[k] = !info[k].blank;
  }
  return item;
}

/// Joins, on a page whose sentences were cut at inline tags, each line to the line above
/// where it goes on with that line's sentence (sets `join`, returns how many lines).
///  * Evidence, joined on any page: a line that does not end its clause, is prose
///    (prose_line) and is followed by a line that opens with a lower-case letter and ends a
///    sentence; a line that ends one sentence and opens the next ("… roku. Rocznie") and a
///    next line that opens in lower case, or a line in lower case that does so ("gminy.
///    Wsparcie …") after one that does not end its clause (or one that opens with a figure,
///    after a line inside a block that ends in lower case: "się" / "131 dzieci. Asystenci");
///    a line of two words or more that ends with a
///    preposition or conjunction (`continuing_words`) and a next line that opens in lower
///    case or with a figure ("… wzrosła z 35 w" / "2007 roku"). A page needs `cut_evidence`
///    of them to be read as cut; then, too:
///  * a line that opens with a lower-case letter or closing punctuation goes on the line
///    above that does not end its clause (unless that line is all capitals: an act's heading
///    above "z dnia …"); a figure too, unless the line above opens its block, is no prose
///    (a heading above a paragraph) and ends with no preposition or comma (or a figure's
///    thousands are cut off: "… objęto 1" / "138 osób"); a
///    capitalised line after a preposition ("w" / "Kraśniku"), or where it goes on with a
///    name (its first two words capitalised, after a word that is capitalised or inside a
///    block; not after a figure: "… na lata 2024–2026" / "Konferencja „Razem …”"), or
///    where it is a short name (a word, or its first two capitalised) between the line above
///    and a line in lower case ("…
///    realizuje program" / "Opieka Wytchnieniowa" / "w latach 2024–2025.": a name inside
///    the sentence); a line in `inside_only` (a figure alone) goes on only where it went on
///    from the line above, and no line goes on into one in `not_continued` (an address);
///  * such joins stand only where the run of joined lines ends a sentence, or holds
///    evidence or a join after a preposition: a menu, a list without markers or a heading
///    over an address does not.
int cut_joins(const std::vector<LineInfo>& info, const std::vector<bool>& item,
              std::vector<bool>& join, const ReflowRules::Impl& r) {
  const std::size_t n = info.size();
  auto text_of = [&](std::size_t i) { return info[i].text.substr(info[i].indent_bytes); };
  auto ends_clause = [&](char32_t c) {
    return r.sentence_end.find(c) != std::u32string::npos ||
           r.colon_end.find(c) != std::u32string::npos;
  };
  // line i opens its block: after a blank, a clause's end, a slide marker or an item
  auto opens_block = [&](std::size_t i) {
    return i == 0 || info[i - 1].blank || ends_clause(info[i - 1].last) ||
           r.block_start(text_of(i - 1));
  };
  // the pairs (i, i + 1) that may be joined at all (1), and the evidence among them (2);
  // the evidence first, its cheap tests before the patterns: most pages show none
  std::vector<std::uint8_t> pair(n, 0);
  // "W 2007 r." / "interwencje podjęte były …": a full stop after an abbreviation ("r.", "ul.",
  // "ust.") with a lower-case line under it ends no clause
  auto abbreviated = [&](std::size_t i) {
    return info[i].last == '.' && lower_cp(first_cp(text_of(i + 1))) &&
           !ends_sentence(last_word(text_of(i)), r);
  };
  auto candidate = [&](std::size_t i) {
    return !info[i].blank && !info[i + 1].blank && !join[i + 1] &&
           (!ends_clause(info[i].last) || abbreviated(i)) && !(item[i] && item[i + 1]);
  };
  int evidence = 0;
  for (std::size_t i = 0; i + 1 < n; ++i) {
    if (!candidate(i)) continue;  // (a pair the wrap pass joined: a wrapper's cuts look the same)
    const std::string_view bt = text_of(i + 1);
    const char32_t c = first_cp(bt);
    const bool lower = lower_cp(c);
    const bool figure = c >= '0' && c <= '9';
    if (!lower && !figure) continue;
    const std::string_view at = text_of(i);
    const bool shows =
        (lower && ((prose_line(at, r.cut_prose_words, r.cut_prose_share) &&
                    holds_sentence_end(bt, false, r)) ||
                   holds_sentence_end(at, true, r) || holds_sentence_end(bt, true, r))) ||
        (at.find(' ') != std::string_view::npos &&
         r.continuing_words.count(std::string(last_word(at))) > 0) ||
        // "… w których wychowywało" / "się" / "131 dzieci. Asystenci …"
        (figure && lower_cp(info[i].last) && holds_sentence_end(bt, true, r) && !opens_block(i));
    if (!shows || r.block_start(bt) || r.any(r.own_line, at)) continue;
    pair[i] = 2;
    ++evidence;
  }
  if (evidence == 0) return 0;
  for (std::size_t i = 0; i + 1 < n; ++i) {
    if (pair[i] != 0 || !candidate(i)) continue;
    const char32_t c = first_cp(text_of(i + 1));
    if (c == 0 || c == ' ' || c == '\t') continue;
    if (!r.block_start(text_of(i + 1)) && !r.any(r.own_line, text_of(i))) pair[i] = 1;
  }
  const bool cut = evidence >= r.cut_evidence;
  std::vector<bool> strong(n, false), cut_join(n, false);
  // a line of three words or more that the page repeats (a deck's running footer "MOPS X |
  // www.mops.x.pl") is not continued by, nor continues, a line that opens with no lower-case
  // letter
  std::unordered_map<std::string_view, int> seen;
  for (std::size_t i = 0; i < n; ++i)
    if (!info[i].blank) ++seen[text_of(i)];
  auto repeated = [&](std::size_t i) {
    const std::string_view t = text_of(i);
    const std::size_t blank = t.find(' ');
    return blank != std::string_view::npos && t.find(' ', blank + 1) != std::string_view::npos &&
           seen[t] > 1;
  };
  for (std::size_t i = 0; i + 1 < n; ++i) {
    if (pair[i] == 0) continue;
    if (pair[i] == 2) {
      join[i + 1] = strong[i + 1] = cut_join[i + 1] = true;
      continue;
    }
    if (!cut) continue;
    const std::string_view at = text_of(i);
    const std::string_view bt = text_of(i + 1);
    if (r.any(r.not_continued, bt)) continue;
    // (a sentence may go on in lower case after the name the footer repeats)
    if (!lower_cp(first_cp(bt)) && (repeated(i) || repeated(i + 1))) continue;
    if (!join[i] && r.any(r.inside_only, at)) continue;
    const char32_t c = first_cp(bt);
    const bool first = opens_block(i);
    const std::string_view aw = last_word(at);
    const bool after_word = r.continuing_words.count(std::string(aw)) > 0;
    int capitals = 0;  // all capitals (two or more, no lower-case letter): a heading
    bool lower = false;
    for (std::size_t k = 0; k < at.size() && !lower;) {
      const char32_t x = next_cp(at, k);
      capitals += upper_cp(x);
      lower = lower_cp(x);
    }
    const bool all_capitals = capitals >= 2 && !lower;
    // a slide's first line ("6 Współpraca" / "szkoły i …"), a breadcrumb
    if (!after_word && r.any(r.own_line_before_capital, at)) continue;
    bool joined = false;
    if (lower_cp(c) || c == ',' || c == '.' || c == ';' || c == ':' || c == ')' || c == '%' ||
        c == 0x201D || c == 0x2019) {
      joined = !all_capitals;
    } else if (c >= '0' && c <= '9') {
      // a figure's thousands cut off ("… objęto 1" / "138 osób"), not a heading's year
      // ("Rezultaty 2022" / "46 uczestników")
      const bool thousands = info[i].last >= '0' && info[i].last <= '9' && bt.size() > 3 &&
                             std::all_of(bt.begin(), bt.begin() + 3, [](char d) { return d >= '0' && d <= '9'; }) &&
                             !(bt[3] >= '0' && bt[3] <= '9') && last_word(at).size() <= 3;
      joined = !all_capitals && (!first || after_word || info[i].last == ',' || thousands ||
                                 prose_line(at, r.cut_prose_words, r.cut_prose_share));
    } else if ((upper_cp(c) || c == 0x201E || c == '"' || c == 0x00AB) &&
               !r.any(r.not_continued_by_capital, at)) {
      if (after_word || info[i].last == ',') {  // "… przez Islandię," / "Liechtenstein i …"
        joined = true;
      } else {
        // a name going on: "… prowadzi Miejski Ośrodek" / "Pomocy Społecznej w …"
        int a_words = 0, b_words = 0;
        bool b_second_capital = false;
        for_words(at, [&](std::string_view) { return ++a_words < 2; });
        for_words(bt, [&](std::string_view w) {
          if (++b_words == 2) {
            const char32_t x = first_cp(w);
            b_second_capital = upper_cp(x) || x == 0x201E || x == '"' || x == 0x00AB;
          }
          return b_words <= 6;
        });
        joined = a_words >= 2 && b_second_capital && (upper_cp(first_cp(aw)) || !first) &&
                 u_isalpha(static_cast<UChar32>(info[i].last)) && !r.block_start(at);
        // a short capitalised fragment between two continuations is a name inside the
        // sentence: "… realizuje program" / "Opieka Wytchnieniowa" / "w latach 2024–2025."
        if (!joined && (b_words == 1 || b_second_capital) && b_words <= 6 && i + 2 < n &&
            !info[i + 2].blank && !ends_clause(info[i + 1].last)) {
          const std::string_view ct = text_of(i + 2);
          joined = lower_cp(first_cp(ct)) && !r.block_start(ct) && !r.block_start(at) &&
                   prose_line(at, r.cut_prose_words, r.cut_prose_share);
        }
      }
    }
    if (joined) {
      join[i + 1] = cut_join[i + 1] = true;
      // a preposition ends no sentence nor title: the run stands ("… z dnia 5 maja 2024 r. w"
      // / "sprawie …")
      strong[i + 1] = after_word;
    }
  }
  // a run of joined lines stands if it ends a sentence or holds evidence
  int count = 0;
  for (std::size_t i = 1; i < n;) {
    if (!join[i]) {
      ++i;
      continue;
    }
    std::size_t k = i;
    bool keep = strong[i];
    while (k + 1 < n && join[k + 1]) {
      ++k;
      keep = keep || strong[k];
    }
    keep = keep || line_ends_sentence(text_of(k), r);
    for (std::size_t j = i; j <= k; ++j) {
      if (!keep && cut_join[j]) join[j] = false;
      count += cut_join[j] && join[j];
    }
    i = k + 1;
  }
  return count;
}

/// Box-drawing characters U+2500–U+257F: three bytes E2 94 80 … E2 95 BF.
bool box_at(std::string_view t, std::size_t i) {
  return i + 2 < t.size() && static_cast<unsigned char>(t[i]) == 0xE2 &&
         (static_cast<unsigned char>(t[i + 1]) == 0x94 || static_cast<unsigned char>(t[i + 1]) == 0x95);
}

/// Step 0: a table drawn with box characters opened (see reflow.h). Only on a page with
/// box_table_min_lines lines or more that hold a box character; returns the lines changed and
/// marks them in `boxed` (a table's rows neither vote for a wrap width nor are joined).
int open_box_table(SourcePage& page, const ReflowRules::Impl& r, std::vector<std::uint8_t>& boxed) {
  const std::string_view text = page.text;
  if (text.find("\xE2\x94") == std::string_view::npos && text.find("\xE2\x95") == std::string_view::npos)
    return 0;
  std::size_t with_box = 0;
  for (std::size_t i = 0; i < page.line_count(); ++i) {
    const std::string_view l = page.line(i);
    for (std::size_t k = 0; k + 2 < l.size(); ++k)
      if (box_at(l, k)) {
        ++with_box;
        break;
      }
  }
  if (static_cast<double>(with_box) < r.box_table_min_lines) return 0;
  std::string out;
  out.reserve(text.size());
  boxed.assign(page.line_count(), 0);
  int changed = 0;
  for (std::size_t i = 0; i < page.line_count(); ++i) {
    const std::string_view l = page.line(i);
    if (i > 0) out.push_back('\n');
    bool box = false, other = false;
    for (std::size_t k = 0; k < l.size();) {
      if (box_at(l, k)) {
        box = true;
        k += 3;
      } else {
        other = other || (l[k] != ' ' && l[k] != '\t');
        ++k;
      }
    }
    if (!box) {
      out.append(l);
      continue;
    }
    ++changed;
    boxed[i] = 1;
    if (!other) continue;  // a border: the line becomes empty
    // The bars at the row's ends go (the row is no indented line); those between cells
    // become two blanks.
    std::size_t b = 0, e = l.size();
    while (b < e && (l[b] == ' ' || l[b] == '\t')) ++b;
    if (box_at(l, b)) b += 3;
    while (e > b && (l[e - 1] == ' ' || l[e - 1] == '\t')) --e;
    if (e >= b + 3 && box_at(l, e - 3)) e -= 3;
    for (std::size_t k = b; k < e;) {
      if (box_at(l, k)) {
        out.append("  ");
        k += 3;
      } else {
        out.push_back(l[k++]);
      }
    }
  }
  if (!text.empty() && text.back() == '\n') out.push_back('\n');
  page.text = std::move(out);
  page.index_lines();
  return changed;
}

}  // namespace

ReflowStats reflow_page(SourcePage& page, const ReflowRules& rules) {
  const ReflowRules::Impl& r = rules.impl();
  ReflowStats st;
  if (page.line_count() == 0 || !r.enabled) return st;
  std::vector<std::uint8_t> boxed;
  st.box_lines = open_box_table(page, r, boxed);
  const std::size_t n = page.line_count();
  auto in_box = [&](std::size_t i) { return i < boxed.size() && boxed[i] != 0; };
  std::vector<LineInfo> info(n);
  std::size_t visible = 0;
  for (std::size_t i = 0; i < n; ++i) {
    info[i] = describe(page.line(i));
    visible += !info[i].blank;
    st.blanked += info[i].blank && info[i].invisible;
  }
  if (visible == 0 && st.blanked == 0) {
    if (st.box_lines > 0)
      page.diagnostics.push_back({Severity::info, "source.reflowed", 0, 0,
                                  fmt::format("{} lines of a box-drawn table opened", st.box_lines)});
    return st;
  }

  // 2. The largest indentation that indent_share of the non-blank lines carry.
  if (visible > 0) {
    std::vector<int> indents;
    indents.reserve(visible);
    for (const LineInfo& l : info)
      if (!l.blank) indents.push_back(l.indent);
    // the k-th largest, k = ceil(share · visible): at least that many lines carry it
    const std::size_t need = std::max<std::size_t>(
        1, static_cast<std::size_t>(std::ceil(r.indent_share * static_cast<double>(visible))));
    std::nth_element(indents.begin(), indents.begin() + static_cast<std::ptrdiff_t>(need - 1),
                     indents.end(), std::greater<int>());
    st.dedent = indents[need - 1];
  }

  // 3. The wrap width: a line cut by a wrapper at W is at most W long, and the next line's
  // first word would have made it longer than W. Each pair of adjacent lines votes for the
  // widths that would have cut it so; W is the width most pairs vote for: the smallest of a
  // run of such widths (the longest line cut), and of two runs the wider widths (a
  // paragraph's last line votes for widths below the wrapper's, never above).
  std::vector<bool> join(n, false);  // line i is joined to line i - 1
  const std::vector<bool> item = unmarked_list_items(info, r);
  const int max_w = r.wrap_max_width;
  std::vector<int> votes(static_cast<std::size_t>(max_w) + 2, 0);  // a difference array
  std::unordered_set<std::string_view> voted;  // a running header or footer votes once
  for (std::size_t i = 0; i + 1 < n; ++i) {
    const LineInfo& cur = info[i];
    const LineInfo& next = info[i + 1];
    if (cur.blank || next.blank || cur.width > max_w || in_box(i) || in_box(i + 1)) continue;
    const int hi = std::min(max_w, cur.width + first_word(next.text.substr(next.indent_bytes)));
    if (hi < r.wrap_min_width) continue;  // votes for no width looked at
    if (!voted.insert(cur.text.substr(cur.indent_bytes)).second) continue;
    ++votes[static_cast<std::size_t>(cur.width)];
    --votes[static_cast<std::size_t>(hi) + 1];
  }
  int best = 0, best_votes = 0;
  for (int w = 0, run = 0, before = 0; w <= max_w; before = run, ++w) {
    run += votes[static_cast<std::size_t>(w)];
    if (w < r.wrap_min_width || run == 0) continue;
    // the first width of the last run of widths with the most votes
    if (run > best_votes || (run == best_votes && before != run)) best = w, best_votes = run;
  }
  if (best > 0 && best_votes >= r.wrap_min_lines) {
    int longer = 0, near = 0, over = 0;
    for (const LineInfo& l : info) {
      if (l.blank || 2 * l.width <= best) continue;
      ++longer;
      near += l.width > r.wrap_near_from * best;
      over += l.width > best + r.wrap_over_slack;
    }
    if (best_votes >= r.wrap_near_share * near && (over <= r.wrap_over_lines || over <= r.wrap_over_share * longer))
      st.width = best;
  }
  if (st.width > 0) {
    const int w = st.width;
    // a line of three words or more that the page repeats (a slide deck's running footer, a
    // header) is a line of its own; a menu's word ("Aktualności") may also end a sentence
    std::unordered_map<std::string_view, int> seen;
    for (const LineInfo& l : info)
      if (!l.blank) ++seen[l.text.substr(l.indent_bytes)];
    auto repeated = [&](const LineInfo& l) {
      const std::string_view t = l.text.substr(l.indent_bytes);
      const std::size_t blank = t.find(' ');
      return blank != std::string_view::npos && t.find(' ', blank + 1) != std::string_view::npos &&
             seen[t] > 1;
    };
    for (std::size_t i = 0; i + 1 < n; ++i) {
      const LineInfo& cur = info[i];
      const LineInfo& next = info[i + 1];
      if (cur.blank || next.blank || (item[i] && item[i + 1])) continue;
      if (cur.width > w || cur.width < r.full_share * w) continue;
      const std::string_view next_text = next.text.substr(next.indent_bytes);
      if (cur.width + 1 + first_word(next_text) <= w) continue;  // the word would have fitted
      // the same left edge, or the hanging indentation of a list item's text
      if (next.indent != cur.indent) {
        const std::string_view cur_text = cur.text.substr(cur.indent_bytes);
        const std::size_t marker = r.block_start(cur_text);
        if (marker == 0 ||
            next.indent != cur.indent + static_cast<int>(count_code_points(cur_text.substr(0, marker))))
          continue;
      }
      const std::string_view cur_text = cur.text.substr(cur.indent_bytes);
      if (r.any(r.own_line, cur_text)) continue;
      // (unless the line above ends with a separator: "… w Aktualności," / "Dla opiekunów")
      if ((repeated(cur) || repeated(next)) && r.continuing_end.find(cur.last) == std::u32string::npos)
        continue;
      std::size_t k = 0;
      const char32_t first = next_cp(next_text, k);
      // "… pozytywnie rozpatrzono" / "51. Dofinansowanie …": a number item that follows no
      // item numbered one less, after a line that does not end its clause, is the sentence's
      // figure a wrapper put at the line's start
      bool figure = false;
      if (const int num = leading_number(next_text, true);
          num > 1 && cur.last != 0xFFFD && u_islower(static_cast<UChar32>(cur.last))) {
        figure = true;
        for (std::size_t j = 0; j <= i && figure; ++j)
          figure = info[j].blank || leading_number(info[j].text.substr(info[j].indent_bytes), false) != num - 1;
      }
      if (!figure && r.block_start(next_text)) {
        // "… społecznej," / "– niskie wynagrodzenia …": a dash a wrapper moved to the line's
        // start, unless the paragraph is a list or the line above ends its clause
        if (r.inline_dashes.find(first) == std::u32string::npos ||
            r.sentence_end.find(cur.last) != std::u32string::npos ||
            r.colon_end.find(cur.last) != std::u32string::npos)
          continue;
        std::size_t head = i;
        while (join[head]) --head;
        const std::string_view head_text = info[head].text.substr(info[head].indent_bytes);
        if (r.block_start(head_text)) continue;
      }
      if (starts_upper(first)) {
        const bool continues = ends_short_word(cur_text) ||
                               r.continuing_end.find(cur.last) != std::u32string::npos;
        if (!continues && (r.any(r.own_line_before_capital, cur_text) || r.any(r.title_end, cur_text)))
          continue;
        if (r.colon_end.find(cur.last) != std::u32string::npos) continue;
        if (r.sentence_end.find(cur.last) != std::u32string::npos && !punctuation_end(next.last))
          continue;  // a heading after a sentence
      }
      join[i + 1] = true;
      ++st.joined;
    }
  }
  // 4. Sentences cut at inline tags, on any page (a short cut page may look wrapped).
  if (r.cut_evidence > 0) {
    st.cut = cut_joins(info, item, join, r);
    st.joined += st.cut;
  }
  // 5. A name cut at its hyphen, on any page ("Jolanta Kamińska-" / "Rybak", "Bielsko-" /
  // "Biała Podlaska"): a line that ends with a capitalised word and a hyphen, under it a line
  // that opens with a capitalised word (a blank or a comma after it, no colon: not a label)
  // and starts no block. One name, joined without a blank.
  for (std::size_t i = 0; i + 1 < n; ++i) {
    const LineInfo& cur = info[i];
    const LineInfo& next = info[i + 1];
    if (join[i + 1] || cur.blank || next.blank || cur.last != '-') continue;
    std::string_view cur_text = cur.text.substr(cur.indent_bytes);
    cur_text = cur_text.substr(0, cur_text.find_last_not_of(" \t\r") + 1);
    const std::size_t blank = cur_text.find_last_of(' ');
    const std::string_view word =
        cur_text.substr(blank == std::string_view::npos ? 0 : blank + 1);
    if (word.size() < 3 || !capitalised_word(word.substr(0, word.size() - 1))) continue;
    const std::string_view next_text = next.text.substr(next.indent_bytes);
    std::size_t end = 0;
    while (end < next_text.size() && next_text[end] != ' ' && next_text[end] != '\t' &&
           next_text[end] != ',' && next_text[end] != '\r')
      ++end;
    if (!capitalised_word(next_text.substr(0, end)) || r.block_start(next_text)) continue;
    join[i + 1] = true;
    ++st.joined;
    ++st.names;
  }
  // 5b. A word cut at a line-end hyphen, on any page: a short line (a slide's bullet, a PDF
  // page's line too short to show a wrap width) that ends with a word of letters and a hyphen
  // ("warsztaty kompe-"), under it a line that opens in lower case and starts no block
  // ("tencji społecznych"). Joined; the hyphen goes as on a wrapped page (typeset_cut).
  for (std::size_t i = 0; i + 1 < n; ++i) {
    const LineInfo& cur = info[i];
    const LineInfo& next = info[i + 1];
    if (cur.last != '-' || join[i + 1] || cur.blank || next.blank) continue;
    std::string_view cur_text = cur.text.substr(cur.indent_bytes);
    cur_text = cur_text.substr(0, cur_text.find_last_not_of(" \t\r") + 1);
    if (cur_text.size() < 3) continue;
    const std::string_view next_text = next.text.substr(next.indent_bytes);
    if (r.block_start(next_text)) continue;
    std::size_t k = 0;
    const char32_t first = next_cp(next_text, k);
    if (!u_islower(static_cast<UChar32>(first))) continue;
    // the part before the hyphen: two letters or more back to a blank (not "e-" / "mail",
    // not "8-" / "16", not a dash standing alone)
    std::string_view before = cur_text.substr(0, cur_text.size() - 1);
    const std::size_t blank = before.find_last_of(" \t");
    const std::string_view word = before.substr(blank == std::string_view::npos ? 0 : blank + 1);
    int letters = 0;
    bool all_letters = !word.empty();
    for (std::size_t j = 0; j < word.size() && all_letters;) {
      const char32_t c = next_cp(word, j);
      all_letters = c != 0xFFFD && u_isalpha(static_cast<UChar32>(c));
      ++letters;
    }
    if (!all_letters || letters < 2) continue;
    join[i + 1] = true;
    ++st.joined;
    ++st.hyphens;
  }
  // 6. Two columns side by side (a PDF made text with its layout kept), three lines or more
  // whose one wide gap opens the second column at the same column (between parts of two words
  // or more on three of them, a column's last line may hold one): read column by column, the
  // left column's text on the block's first line, the right column's on its second, the other
  // lines left empty (each column a paragraph, its words cut at a hyphen rejoined).
  std::vector<std::string> columns;
  columns.reserve(n);
  for (std::size_t b = 0; b < n;) {
    const int col = info[b].blank ? 0 : second_column(info[b].text, 2);
    std::size_t e = b + 1, full = 1;
    while (col > 0 && e < n && !info[e].blank && second_column(info[e].text, 1) == col)
      full += second_column(info[e++].text, 2) == col;
    // A table of labels and values ("Typ jednostki:      miasto na prawach powiatu", a text
    // browser's metryka): its left column ends in colons. Not two columns of text.
    std::size_t labels = 0;
    for (std::size_t k = b; col > 0 && k < e; ++k)
      labels += trim(info[k].text.substr(0, skip_cps(info[k].text, col))).ends_with(':');
    if (col == 0 || full < 3 || 2 * labels >= e - b) {
      b = e;
      continue;
    }
    std::string left, right;
    auto append = [&](std::string& to, std::string_view part) {
      part = trim(part);
      if (part.empty()) return;
      if (!to.empty() && to.back() == '-' && typeset_cut(std::string_view(to).substr(0, to.size() - 1), part, r))
        to.pop_back();
      else if (!to.empty() && to.back() != '-')
        to.push_back(' ');
      to.append(part);
    };
    for (std::size_t k = b; k < e; ++k) {
      const std::size_t at = skip_cps(info[k].text, col);
      append(left, info[k].text.substr(0, at));
      append(right, info[k].text.substr(at));
    }
    columns.push_back(std::move(left));
    columns.push_back(std::move(right));
    for (std::size_t k = b; k < e; ++k) {
      LineInfo& l = info[k];
      l = LineInfo{};
      l.text = k == b ? std::string_view(columns[columns.size() - 2])
               : k == b + 1 ? std::string_view(columns.back()) : std::string_view();
      l.blank = k > b + 1;
      if (join[k]) {
        join[k] = false;
        --st.joined;
      }
    }
    if (e < n && join[e]) {
      join[e] = false;
      --st.joined;
    }
    ++st.columns;
    b = e;
  }
  // A box-drawn table's rows stand as they are: no row is joined, nor a line to one.
  for (std::size_t i = 0; i < n; ++i)
    if (join[i] && (in_box(i) || (i > 0 && in_box(i - 1)))) {
      join[i] = false;
      --st.joined;
    }
  // A form feed's page (SourcePage::page_breaks: a PDF's page, a deck's slide) starts a line.
  for (std::uint32_t b : page.page_breaks)
    if (b < n && join[b]) {
      join[b] = false;
      --st.joined;
    }
  // The wrapper's own indentation: a wrapper that indents the lines it cuts ("   Wsparcie
  // udzielone …" / "   dofinansowanie …") under lines it left alone indents the wrapped
  // paragraphs alone; the least indentation of the joined paragraphs that open with no marker
  // is taken off those paragraphs (a list item's deeper indentation stays).
  int wrap_indent = 0;
  if (st.width > 0 && st.joined > 0) {
    wrap_indent = -1;
    for (std::size_t i = 0; i + 1 < n; ++i)
      if (!join[i] && join[i + 1] && !r.block_start(info[i].text.substr(info[i].indent_bytes)))
        wrap_indent = wrap_indent < 0 ? info[i].indent : std::min(wrap_indent, info[i].indent);
    if (wrap_indent <= st.dedent) wrap_indent = 0;
  }
  auto wrapper_indented = [&](std::size_t i) {
    return wrap_indent > 0 && !join[i] && i + 1 < n && join[i + 1] && info[i].indent == wrap_indent &&
           !r.block_start(info[i].text.substr(info[i].indent_bytes));
  };
  if (!st.changed()) return st;

  // Rewrite the text, and where each of the file's lines went.
  std::string out;
  out.reserve(page.text.size());
  std::vector<SourcePage::FileLine> map(n);
  std::uint32_t line = 0;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const LineInfo& l = info[i];
    if (join[i]) {
      while (out.size() > line_start && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
      // "społeczno-" / "zawodowej": a word cut at its hyphen goes on without a blank; a word
      // the typesetter cut ("zapo-" / "biegać") loses the hyphen too
      const bool hyphen = out.size() >= 2 && out.back() == '-' && out[out.size() - 2] != ' ';
      if (!hyphen) out.push_back(' ');
      else if (typeset_cut(std::string_view(out).substr(line_start, out.size() - 1 - line_start),
                           l.text.substr(l.indent_bytes), r)) {
        out.pop_back();
        ++st.unhyphenated;
      }
      map[i] = {line, static_cast<std::uint32_t>(out.size() - line_start),
                static_cast<std::uint32_t>(l.indent)};
      out.append(l.text.substr(l.indent_bytes));
      continue;
    }
    if (i > 0) {
      out.push_back('\n');
      ++line;
      line_start = out.size();
    }
    if (l.blank && l.invisible) {
      map[i] = {line, 0, 0};
      continue;
    }
    const int cut = l.blank ? 0 : wrapper_indented(i) ? l.indent : std::min(l.indent, st.dedent);
    map[i] = {line, 0, static_cast<std::uint32_t>(cut)};
    out.append(l.text.substr(skip_cps(l.text, cut)));
  }
  // a final '\n' ends the last line; an empty last line needs one too to be a line
  if ((!page.text.empty() && page.text.back() == '\n') || out.size() == line_start)
    out.push_back('\n');
  page.text = std::move(out);
  page.index_lines();
  page.file_lines = std::move(map);
  // A page break stays on the line that holds its file line (a joined line keeps the first).
  std::vector<std::uint32_t> breaks;
  for (std::uint32_t b : page.page_breaks)
    if (const std::uint32_t l = page.file_lines[b].line; l > 0 && (breaks.empty() || breaks.back() < l))
      breaks.push_back(l);
  page.page_breaks = std::move(breaks);

  std::vector<std::string> parts;
  if (const int wrapped = st.joined - st.cut - st.names - st.hyphens; wrapped > 0)
    parts.push_back(fmt::format("{} wrapped line{} joined (width {})", wrapped,
                                wrapped == 1 ? "" : "s", st.width));
  if (st.unhyphenated > 0)
    parts.push_back(fmt::format("{} word{} cut at a line-end hyphen rejoined", st.unhyphenated,
                                st.unhyphenated == 1 ? "" : "s"));
  if (st.names > 0)
    parts.push_back(fmt::format("{} name{} cut at {} hyphen joined", st.names,
                                st.names == 1 ? "" : "s", st.names == 1 ? "its" : "their"));
  if (st.cut > 0)
    parts.push_back(fmt::format("{} line{} cut at inline tags joined", st.cut,
                                st.cut == 1 ? "" : "s"));
  if (st.columns > 0)
    parts.push_back(fmt::format("{} passage{} of two columns read column by column", st.columns,
                                st.columns == 1 ? "" : "s"));
  if (st.box_lines > 0)
    parts.push_back(fmt::format("{} line{} of a box-drawn table opened", st.box_lines,
                                st.box_lines == 1 ? "" : "s"));
  if (st.dedent > 0) parts.push_back(fmt::format("indentation of {} removed", st.dedent));
  if (st.blanked > 0)
    parts.push_back(fmt::format("{} line{} of invisible characters made blank", st.blanked,
                                st.blanked == 1 ? "" : "s"));
  page.diagnostics.push_back({Severity::info, "source.reflowed", 0, 0,
                              fmt::format("{}", fmt::join(parts, ", "))});
  return st;
}

int file_line(const SourcePage& page, int line, std::size_t byte) {
  const auto& m = page.file_lines;
  if (m.empty() || line <= 0) return line;
  const SourcePage::FileLine key{static_cast<std::uint32_t>(line - 1),
                                 static_cast<std::uint32_t>(std::min<std::size_t>(byte, UINT32_MAX)), 0};
  auto it = std::upper_bound(m.begin(), m.end(), key, [](const auto& a, const auto& b) {
    return a.line != b.line ? a.line < b.line : a.offset < b.offset;
  });
  if (it == m.begin()) return line;
  --it;
  if (it->line != key.line) return line;  // out of range
  return static_cast<int>(it - m.begin()) + 1;
}

void file_position(const SourcePage& page, int& line, int& column) {
  const auto& m = page.file_lines;
  if (m.empty() || line <= 0 || static_cast<std::size_t>(line) > page.line_count()) return;
  const std::string_view t = page.line(static_cast<std::size_t>(line) - 1);
  const std::size_t byte = column > 0 ? skip_cps(t, column - 1) : 0;
  const int file = file_line(page, line, byte);
  if (column > 0) {
    const SourcePage::FileLine& e = m[static_cast<std::size_t>(file) - 1];
    const std::size_t from = std::min<std::size_t>(byte, e.offset);
    column = static_cast<int>(count_code_points(t.substr(from, byte - from)) + e.dedent) + 1;
  }
  line = file;
}

}  // namespace bdp
