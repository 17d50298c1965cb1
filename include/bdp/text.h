// Small UTF-8 text helpers shared by the stages. Pure functions, no I/O.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bdp {

/// True for the Unicode space characters a Polish page uses between words and inside numbers:
/// ASCII blank and tab, NBSP (U+00A0), narrow NBSP (U+202F), figure space, thin space and the
/// other Zs characters. `cp` is a code point. (Inline, as next_cp: both run on every
/// character of many lines.)
inline bool is_space_cp(char32_t cp) {
  switch (cp) {
    case ' ': case '\t': case 0x00A0: case 0x1680: case 0x202F: case 0x205F: case 0x3000:
    case 0xFEFF:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200B;
  }
}

namespace detail {
/// next_cp for a byte ≥ 0x80 at `s[i]`.
char32_t next_cp_multibyte(std::string_view s, std::size_t& i);
}  // namespace detail

/// Decodes one code point at `s[i]` and advances `i`; invalid bytes yield U+FFFD.
inline char32_t next_cp(std::string_view s, std::size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {
    ++i;
    return b;
  }
  return detail::next_cp_multibyte(s, i);
}

/// The number of code points of UTF-8 `s` (bytes that are not continuation bytes).
inline std::size_t count_code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

/// A 64-bit hash of `s`'s bytes, never 0: the key of the stages' per-thread memos of what a
/// line's text gives (SourcePage::line_hash keeps it per line). Distinct strings may share a
/// hash, so a memo compares the text too where the hashes agree.
std::uint64_t text_hash(std::string_view s);

/// Every run of Unicode spaces replaced by one ASCII space, trimmed at both ends. This is the
/// form of every string the record writes.
std::string normalize_space(std::string_view s);

/// Whether normalize_space would return `s` unchanged (single ASCII spaces between words,
/// none at either end, no other blank): a check eight bytes at a time, cheaper than the copy.
bool normal_already(std::string_view s);

namespace detail {
/// normal_already eight bytes at a time only (no SSE2): the reference its tests compare with.
bool normal_already_swar(std::string_view s);
}  // namespace detail

/// `s` with each Unicode space other than ASCII blank and tab (NBSP, narrow NBSP, thin space,
/// …: is_space_cp) replaced by one ASCII blank, nothing collapsed or trimmed, into `out`.
/// False, `out` untouched, when `s` holds none. Rules written with `\s` then read a line whose
/// words a CMS bound with NBSPs ("w&nbsp;Żyrardowie", Polish typography's orphans).
bool ascii_spaces(std::string_view s, std::string& out);

/// Appends the UTF-8 encoding of `cp` (a surrogate becomes U+FFFD).
void append_utf8(std::string& out, char32_t cp);

/// Trims Unicode spaces at both ends (no collapsing inside).
std::string_view trim(std::string_view s);

/// `s` without the code points at its start for which `strip_front(cp)` holds and then those
/// at its end for which `strip_back(cp)` holds.
template <class Front, class Back>
std::string_view trim_if(std::string_view s, Front strip_front, Back strip_back) {
  std::size_t b = 0;
  while (b < s.size()) {
    std::size_t i = b;
    if (!strip_front(next_cp(s, i))) break;
    b = i;
  }
  std::size_t e = s.size();
  while (e > b) {
    std::size_t k = e - 1;  // back to the lead byte of the last code point
    while (k > b && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
    std::size_t i = k;
    if (!strip_back(next_cp(s, i))) break;
    e = k;
  }
  return s.substr(b, e - b);
}

/// Locale-independent full lower-casing (ICU), e.g. "ŁÓDŹ" → "łódź".
std::string to_lower(std::string_view s);

/// `s` safe to print on a terminal: control characters (C0 but tab and newline, DEL, the C1
/// controls U+0080–U+009F) written as `\xHH` / `\u00HH`, so page text cannot move the cursor,
/// recolour or retitle the terminal. Everything else as it is.
std::string printable(std::string_view s);

/// ASCII transliteration for slugs and matching: "Płońsk" → "Plonsk", "Żółć" → "Zolc".
std::string to_ascii(std::string_view s);

/// A readable ASCII slug: lower case, words joined by '-', at most `max_len` bytes, cut at a
/// word boundary.
std::string slugify(std::string_view s, std::size_t max_len = 60);

/// The words of `s` split at ASCII blanks (callers normalise other spaces first).
std::vector<std::string_view> split_words(std::string_view s);

/// True when `s` starts with an upper-case letter (any script).
bool starts_upper(std::string_view s);

/// Whether `s` reads as words of a sentence: no figure, no address or domain ("mops.nysa.pl",
/// "a@b.pl", "www/…"), no separator of a page's furniture ('·', '|', '•'): the tail of a wrapped
/// sentence ("zastępczej", "i prawnego.") is; a running footer ("mops.nysa.pl · Nysa 2024")
/// is not.
bool words_only(std::string_view s);

/// `s` with its first code point upper-cased (ICU's simple case mapping): "zielona" → "Zielona".
std::string capitalize_first(std::string_view s);

/// Where a heading ends in a line that goes on with its text ("Stan pieczy zastępczej W 2015
/// r. …", "Koszty Wydatki powiatu …", "Dziękuję za uwagę Renata Kulpa …", a slide a line):
/// the byte offset of the first word that opens with a capital after a lower-case word of four
/// letters or more (not one of `name_heads`, lower case, after which a name goes on: "w gminie
/// Kłodawa"), or after a figure; of a list's marker after such a word ("Cele programu 1. Rozwój
/// …" → "Cele programu"); or of the second word, when the line's first word is a
/// capitalised one alone ("Koszty Wydatki powiatu …"). `s.size()` when there is none.
std::size_t heading_end(std::string_view s, const std::vector<std::string>& name_heads = {});

}  // namespace bdp

namespace bdp {

/// A line of page text with its 1-based line number in the decoded page.
struct NumberedLine {
  std::string_view text;
  int line = 0;
};

}  // namespace bdp
