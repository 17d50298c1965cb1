// UTF-8 helpers. Case mapping and decomposition go through ICU; the rest is a hand-written
// UTF-8 walk because it runs on every line of every page.
#include "bdp/text.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace bdp {

namespace detail {

char32_t next_cp_multibyte(std::string_view s, std::size_t& i) {
  auto b = static_cast<unsigned char>(s[i]);
  int len = (b >= 0xF0 && b < 0xF8) ? 4 : (b >= 0xE0) ? 3 : (b >= 0xC2 && b < 0xE0) ? 2 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = b & (0x7F >> len);
  for (int k = 1; k < len; ++k) {
    auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  i += len;
  return cp;
}

}  // namespace detail

// Lead bytes of the multi-byte spaces is_space_cp knows (U+00A0, U+1680, U+2000–U+200B,
// U+202F, U+205F, U+3000, U+FEFF) are class 2 in k_space_class; any other byte ≥ 0x80 is
// copied without decoding.
namespace {

/// Byte classes for normalize_space: 0 other, 1 ASCII blank (' ', '\t', '\n', '\r'), 2 the
/// lead byte of a multi-byte space.
constexpr std::array<unsigned char, 256> k_space_class = [] {
  std::array<unsigned char, 256> t{};
  t[' '] = t['\t'] = t['\n'] = t['\r'] = 1;
  for (unsigned char b : {0xC2, 0xE1, 0xE2, 0xE3, 0xEF}) t[b] = 2;
  return t;
}();

/// 0x80 in each byte of `t` that is zero, 0 elsewhere (exact: no borrow between bytes).
constexpr std::uint64_t zero_bytes(std::uint64_t t) {
  constexpr std::uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL;
  return ~(((t & low7) + low7) | t | low7);
}

constexpr std::uint64_t bytes_of(unsigned char b) { return 0x0101010101010101ULL * b; }

}  // namespace

namespace {

/// One character of normal_already's byte-by-byte walk at `i`: false when it makes `s` not
/// normal, else `i` moved past it and `after_space` updated.
inline bool normal_step(std::string_view s, std::size_t& i, bool& after_space) {
  const auto b = static_cast<unsigned char>(s[i]);
  const unsigned char c = k_space_class[b];
  if (c == 0) {
    after_space = false;
    ++i;
  } else if (c == 1) {
    if (b != ' ' || after_space) return false;
    after_space = true;
    ++i;
  } else {
    if (is_space_cp(next_cp(s, i))) return false;  // next_cp moves i past the character
    after_space = false;
  }
  return true;
}

/// normal_already from byte `i` on with `after_space` as the walk left it: eight bytes at a
/// time, byte by byte where a block holds a control byte or a multi-byte space's lead byte.
bool normal_from(std::string_view s, std::size_t i, bool after_space) {
  const char* const d = s.data();
  const std::size_t n = s.size();
  while (i < n) {
    if (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, d + i, 8);
      std::uint64_t odd = zero_bytes(w & bytes_of(0xE0));  // bytes below 0x20
      if (w & bytes_of(0x80))
        odd |= zero_bytes(w ^ bytes_of(0xC2)) | zero_bytes(w ^ bytes_of(0xE1)) |
               zero_bytes(w ^ bytes_of(0xE2)) | zero_bytes(w ^ bytes_of(0xE3)) |
               zero_bytes(w ^ bytes_of(0xEF));
      if (odd == 0) {
        const std::uint64_t sp = zero_bytes(w ^ bytes_of(' '));  // little-endian: byte k at bit 8k+7
        if ((sp & (sp >> 8)) != 0 || (after_space && (sp & 0x80) != 0)) return false;
        after_space = (sp >> 63) != 0;
        i += 8;
        continue;
      }
    }
    if (!normal_step(s, i, after_space)) return false;
  }
  return !after_space || n == 0;
}

}  // namespace

namespace detail {

bool normal_already_swar(std::string_view s) { return normal_from(s, 0, true); }

}  // namespace detail

/// Whether normalize_space would return `s` unchanged: single ASCII spaces between words,
/// none at either end, no other blank. Most lines are, and checking is cheaper than copying
/// word by word: sixteen bytes at a time (SSE2), then eight, while they hold no control byte
/// and no lead byte of a multi-byte space, byte by byte (as normalize_space reads them) where
/// they do.
bool normal_already(std::string_view s) {
  std::size_t i = 0;
  bool after_space = true;  // a blank at the start is not normal
#if defined(__SSE2__)
  // Sixteen bytes at a time: a block without a byte below 0x20 or a multi-byte space's lead
  // byte (C2 E1 E2 E3 EF) is normal unless it has two blanks in a row (or one right after
  // the previous block's last). Up to the first such byte the block is read so too; that
  // byte takes normal_already's byte-by-byte step, and the walk goes on from after it.
  const char* const d = s.data();
  const std::size_t n = s.size();
  const __m128i blank = _mm_set1_epi8(' '), low = _mm_set1_epi8(0x1F);
  const __m128i c2 = _mm_set1_epi8(static_cast<char>(0xC2)),
                e1 = _mm_set1_epi8(static_cast<char>(0xE1)),
                e2 = _mm_set1_epi8(static_cast<char>(0xE2)),
                e3 = _mm_set1_epi8(static_cast<char>(0xE3)),
                ef = _mm_set1_epi8(static_cast<char>(0xEF));
  while (i + 16 <= n) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(d + i));
    const __m128i odd_v = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(_mm_max_epu8(v, low), low),  // bytes ≤ 0x1F
                     _mm_or_si128(_mm_cmpeq_epi8(v, c2), _mm_cmpeq_epi8(v, e1))),
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, e2), _mm_cmpeq_epi8(v, e3)),
                     _mm_cmpeq_epi8(v, ef)));
    const auto odd = static_cast<unsigned>(_mm_movemask_epi8(odd_v));
    auto sp = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, blank)));
    const unsigned k = odd == 0 ? 16 : static_cast<unsigned>(__builtin_ctz(odd));
    if (k < 16) sp &= (1u << k) - 1;  // the blanks before the first odd byte
    if ((sp & (sp >> 1)) != 0 || (after_space && (sp & 1)) != 0) return false;
    if (k > 0) after_space = ((sp >> (k - 1)) & 1) != 0;
    i += k;
    if (k < 16 && !normal_step(s, i, after_space)) return false;
  }
#endif
  return normal_from(s, i, after_space);
}

namespace {

/// The first index at or after `i` whose byte leads a multi-byte space (C2 E1 E2 E3 EF:
/// k_space_class 2), or s.size(): sixteen bytes at a time (SSE2), then byte by byte.
std::size_t next_space_lead(std::string_view s, std::size_t i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
#if defined(__SSE2__)
  const __m128i c2 = _mm_set1_epi8(static_cast<char>(0xC2)),
                e1 = _mm_set1_epi8(static_cast<char>(0xE1)),
                e2 = _mm_set1_epi8(static_cast<char>(0xE2)),
                e3 = _mm_set1_epi8(static_cast<char>(0xE3)),
                ef = _mm_set1_epi8(static_cast<char>(0xEF));
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i lead = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(v, c2), _mm_cmpeq_epi8(v, e1)),
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, e2), _mm_cmpeq_epi8(v, e3)), _mm_cmpeq_epi8(v, ef)));
    if (const auto m = static_cast<unsigned>(_mm_movemask_epi8(lead)); m != 0)
      return i + static_cast<std::size_t>(__builtin_ctz(m));
  }
#endif
  while (i < n && k_space_class[p[i]] != 2) ++i;
  return i;
}

}  // namespace

bool ascii_spaces(std::string_view s, std::string& out) {
  std::size_t i = 0, copied = 0;
  bool any = false;
  while (i < s.size()) {
    if (k_space_class[static_cast<unsigned char>(s[i])] != 2) {
      i = next_space_lead(s, i);
      continue;
    }
    const std::size_t start = i;
    if (!is_space_cp(next_cp(s, i))) continue;  // next_cp moves i past the character
    if (!any) out.clear();
    any = true;
    out.append(s.data() + copied, start - copied);
    out += ' ';
    copied = i;
  }
  if (any) out.append(s.data() + copied, s.size() - copied);
  return any;
}

std::uint64_t text_hash(std::string_view s) {
  // Eight bytes a step, each word mixed in by a multiplication (the high half folded down),
  // the last bytes as one word; a final avalanche so that the low bits a table takes depend
  // on every byte.
  constexpr std::uint64_t k = 0x9E3779B97F4A7C15ull;
  std::uint64_t h = (s.size() + 1) * k;
  const char* p = s.data();
  std::size_t n = s.size();
  for (; n >= 8; p += 8, n -= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * k;
    h ^= h >> 32;
  }
  if (n > 0) {
    std::uint64_t w = 0;
    for (std::size_t i = 0; i < n; ++i)
      w |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
    h = (h ^ w) * k;
    h ^= h >> 32;
  }
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ull;
  h ^= h >> 32;
  return h != 0 ? h : 1;
}

std::string normalize_space(std::string_view s) {
  if (normal_already(s)) return std::string(s);
  // Copies runs of non-space bytes whole into a buffer sized up front: this runs on every
  // line in several stages, and per-byte push_back, then per-run append, were most of its cost.
  std::string out;
  out.resize(s.size());
  char* const begin = out.data();
  char* o = begin;
  const char* const data = s.data();
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    std::size_t j = i;  // end of the run of non-space bytes starting at i
    std::size_t space_end = n;
    while (j < n) {
      unsigned char c = k_space_class[static_cast<unsigned char>(data[j])];
      if (c == 0) {
        ++j;
        continue;
      }
      if (c == 1) {
        space_end = j + 1;
        break;
      }
      std::size_t k = j;
      if (is_space_cp(next_cp(s, k))) {
        space_end = k;
        break;
      }
      j = k;
    }
    if (j > i) {
      if (o != begin) *o++ = ' ';
      std::memcpy(o, data + i, j - i);
      o += j - i;
    }
    if (j >= n) break;
    i = space_end;
  }
  out.resize(static_cast<std::size_t>(o - begin));
  return out;
}

std::string_view trim(std::string_view s) {
  // A line that starts and ends with a printable ASCII character (most) has nothing to trim.
  if (!s.empty()) {
    const auto f = static_cast<unsigned char>(s.front()), l = static_cast<unsigned char>(s.back());
    if (f > ' ' && f < 0x80 && l > ' ' && l < 0x80) return s;
  }
  auto space = [](char32_t cp) { return is_space_cp(cp) || cp == '\n' || cp == '\r'; };
  return trim_if(s, space, space);
}

std::string printable(std::string_view s) {
  auto control = [](unsigned char c) { return (c < 0x20 && c != '\t' && c != '\n') || c == 0x7F; };
  bool clean = true;
  for (std::size_t i = 0; i < s.size() && clean; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    clean = !control(c) && !(c == 0xC2 && i + 1 < s.size() &&
                             static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
                             static_cast<unsigned char>(s[i + 1]) <= 0x9F);
  }
  if (clean) return std::string(s);
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(s.size() + 16);
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (control(c)) {
      out += "\\x";
      out += k_hex[c >> 4];
      out += k_hex[c & 0xF];
    } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
      const auto d = static_cast<unsigned char>(s[++i]);
      out += "\\u00";
      out += k_hex[d >> 4];
      out += k_hex[d & 0xF];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

namespace {

/// Polish letters outside ASCII: the code point, its case fold (ICU's foldCase) and the ASCII
/// letter to_ascii makes of it (NFD without the mark; ł and Ł by hand, as below).
struct PolishLetter {
  char32_t cp, folded;
  char ascii;
};
constexpr PolishLetter k_polish_letters[] = {
    {0x0104, 0x0105, 'A'}, {0x0105, 0x0105, 'a'}, {0x0106, 0x0107, 'C'}, {0x0107, 0x0107, 'c'},
    {0x0118, 0x0119, 'E'}, {0x0119, 0x0119, 'e'}, {0x0141, 0x0142, 'L'}, {0x0142, 0x0142, 'l'},
    {0x0143, 0x0144, 'N'}, {0x0144, 0x0144, 'n'}, {0x00D3, 0x00F3, 'O'}, {0x00F3, 0x00F3, 'o'},
    {0x015A, 0x015B, 'S'}, {0x015B, 0x015B, 's'}, {0x0179, 0x017A, 'Z'}, {0x017A, 0x017A, 'z'},
    {0x017B, 0x017C, 'Z'}, {0x017C, 0x017C, 'z'}};

/// The Polish letter whose two-byte UTF-8 starts at s[i], or nullptr.
const PolishLetter* polish_letter_at(std::string_view s, std::size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  if ((b != 0xC3 && b != 0xC4 && b != 0xC5) || i + 1 >= s.size()) return nullptr;
  const auto c = static_cast<unsigned char>(s[i + 1]);
  if ((c & 0xC0) != 0x80) return nullptr;
  const char32_t cp = (char32_t{b} & 0x1F) << 6 | (c & 0x3F);
  for (const PolishLetter& l : k_polish_letters)
    if (l.cp == cp) return &l;
  return nullptr;
}

/// Punctuation of Polish text that case folding leaves alone and to_ascii drops or makes a
/// dash or a space (none decomposes; NBSP is a space, the dashes are '-'): the length of its
/// UTF-8 at s[i] and its ASCII form, or 0.
std::size_t polish_punctuation_at(std::string_view s, std::size_t i, std::string_view& ascii) {
  static constexpr std::pair<std::string_view, std::string_view> k_marks[] = {
      {"\u201E", ""}, {"\u201D", ""}, {"\u201C", ""}, {"\u2018", ""}, {"\u2019", ""},
      {"\u00AB", ""}, {"\u00BB", ""}, {"\u2013", "-"}, {"\u2014", "-"}, {"\u00A0", " "}};
  const std::string_view rest = s.substr(i);
  for (const auto& [mark, as] : k_marks)
    if (rest.starts_with(mark)) {
      ascii = as;
      return mark.size();
    }
  return 0;
}

void append_utf8_2(std::string& out, char32_t cp) {  // cp in U+0080–U+07FF
  out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
  out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
}

}  // namespace

std::string to_lower(std::string_view s) {
  // ASCII and Polish letters, nearly every string here, without ICU; anything else (other
  // scripts, other diacritics, marks) goes to ICU's case folding whole.
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      out.push_back(b >= 'A' && b <= 'Z' ? static_cast<char>(b - 'A' + 'a') : static_cast<char>(b));
      ++i;
    } else if (const PolishLetter* l = polish_letter_at(s, i)) {
      append_utf8_2(out, l->folded);
      i += 2;
    } else if (std::string_view as; std::size_t len = polish_punctuation_at(s, i, as)) {
      out.append(s, i, len);
      i += len;
    } else {
      out.clear();
      icu::UnicodeString u = icu::UnicodeString::fromUTF8(
          icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
      u.foldCase();
      u.toUTF8String(out);
      return out;
    }
  }
  return out;
}

std::string to_ascii(std::string_view s) {
  // ASCII and Polish letters without ICU (a Polish letter's NFD is an ASCII letter and a mark
  // that goes); anything else takes the whole string through NFD below.
  {
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
      const auto b = static_cast<unsigned char>(s[i]);
      if (b < 0x80) {
        out.push_back(static_cast<char>(b));
        ++i;
      } else if (const PolishLetter* l = polish_letter_at(s, i)) {
        out.push_back(l->ascii);
        i += 2;
      } else if (std::string_view as; std::size_t len = polish_punctuation_at(s, i, as)) {
        out += as;
        i += len;
      } else {
        break;
      }
    }
    if (i == s.size()) return out;
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  if (U_SUCCESS(status)) u = nfd->normalize(u, status);
  std::string out;
  out.reserve(s.size());
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK) continue;
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c == 0x0142) {
      out.push_back('l');
    } else if (c == 0x0141) {
      out.push_back('L');
    } else if (is_space_cp(static_cast<char32_t>(c))) {
      out.push_back(' ');
    } else if (c == 0x2013 || c == 0x2014) {
      out.push_back('-');
    }
  }
  return out;
}

std::string slugify(std::string_view s, std::size_t max_len) {
  std::string ascii = to_ascii(s);
  std::string out;
  bool dash = false;
  for (char c : ascii) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
    if (alnum) {
      if (dash && !out.empty()) out.push_back('-');
      dash = false;
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    } else {
      dash = true;
    }
  }
  if (out.size() > max_len) {
    std::size_t cut = out.rfind('-', max_len);
    out.resize(cut == std::string::npos || cut == 0 ? max_len : cut);
  }
  return out;
}

std::vector<std::string_view> split_words(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    std::size_t b = i;
    while (i < s.size() && s[i] != ' ') ++i;
    if (i > b) out.push_back(s.substr(b, i - b));
  }
  return out;
}

bool starts_upper(std::string_view s) {
  if (s.empty()) return false;
  std::size_t i = 0;
  return u_isupper(static_cast<UChar32>(next_cp(s, i)));
}

bool words_only(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t at = i;
    const char32_t c = next_cp(s, i);
    if (c >= '0' && c <= '9') return false;
    if (c == '@' || c == '/' || c == '|' || c == '_' || c == '=' || c == 0xB7 || c == 0x2022)
      return false;
    if (c == '.' && at + 1 < s.size()) {
      std::size_t j = at + 1;
      const char32_t next = next_cp(s, j);
      if (next != 0xFFFD && u_isalpha(static_cast<UChar32>(next))) return false;
    }
  }
  return true;
}

std::string capitalize_first(std::string_view w) {
  if (w.empty()) return {};
  std::size_t i = 0;
  char32_t cp = next_cp(w, i);
  UChar32 up = u_toupper(static_cast<UChar32>(cp));
  std::string out;
  append_utf8(out, static_cast<char32_t>(up));
  out.append(w.substr(i));
  return out;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;  // a lone surrogate
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

/// Where a heading ends in a line that goes on with its text: see text.h.
std::size_t heading_end(std::string_view t, const std::vector<std::string>& name_heads) {
  struct Word {
    std::size_t b, e;
    bool upper = false, lower = false, digit = false;  // capitalised; all lower case; a figure
    std::size_t lowers = 0, cps = 0;
  };
  std::vector<Word> words;
  for (std::size_t at = 0; at < t.size();) {
    while (at < t.size() && (t[at] == ' ' || t[at] == '\t')) ++at;
    if (at >= t.size()) break;
    Word w{at, at};
    while (w.e < t.size() && t[w.e] != ' ' && t[w.e] != '\t') ++w.e;
    w.lower = true;
    for (std::size_t j = w.b; j < w.e;) {
      const char32_t c = next_cp(t, j);
      const bool lo = c != 0xFFFD && u_islower(static_cast<UChar32>(c));
      if (w.cps++ == 0) w.upper = c != 0xFFFD && u_isupper(static_cast<UChar32>(c));
      w.digit = w.digit || (c >= '0' && c <= '9');
      w.lowers += lo;
      w.lower = w.lower && lo;
    }
    words.push_back(w);
    at = w.e;
  }
  auto name_head = [&](const Word& w) {
    const std::string_view s = t.substr(w.b, w.e - w.b);
    return std::find(name_heads.begin(), name_heads.end(), s) != name_heads.end();
  };
  // A list's marker ("1.", "2)", "1.1.") opening a capitalised item.
  auto marker = [&](const Word& w) {
    const std::string_view s = t.substr(w.b, w.e - w.b);
    if (s.size() < 2 || s.size() > 6 || s[0] < '0' || s[0] > '9') return false;
    if (s.back() != '.' && s.back() != ')') return false;
    return std::all_of(s.begin(), s.end() - 1, [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
  };
  for (std::size_t k = 1; k < words.size(); ++k) {
    // "Cele programu 1. Rozwój …": the list under the heading starts at its first marker
    if (k + 1 < words.size() && marker(words[k]) && words[k + 1].upper && words[k - 1].lower &&
        words[k - 1].lowers >= 4 && !name_head(words[k - 1]))
      return words[k].b;
    if (!words[k].upper) continue;
    const Word& prev = words[k - 1];
    // "… zastępczej W 2015 r.", "… 2016–2018 Cele:"; not "w gminie Kłodawa" (a name after a
    // word of [name_heads]) nor "w Jarosławiu" (after a preposition)
    if (prev.digit || (prev.lower && prev.lowers >= 4 && !name_head(prev))) return words[k].b;
    // the next capital after the name: "w gminie Kłodawa Gminny Ośrodek …"
    if (k >= 2 && prev.upper && words[k - 2].lower && name_head(words[k - 2])) return words[k].b;
    // The line's first word alone ("Koszty Wydatki powiatu …", "Szkolenia W latach …"): the
    // word after the second is in lower case or a figure, and no name follows a preposition
    // there ("Klub Seniora w Jarosławiu"; "Powiatowe Centrum Pomocy …" has a capital there).
    if (k == 1 && prev.upper && prev.lowers >= 3 && prev.lowers + 1 == prev.cps && words.size() > 2) {
      const Word& after = words[2];
      if (!after.lower && !after.digit) continue;
      if (after.lower && after.cps <= 3 && words.size() > 3 && words[3].upper) continue;
      return words[k].b;
    }
  }
  return t.size();
}

}  // namespace bdp
