// Reading stage. Detection, in order:
//   1. a BOM (UTF-8, UTF-16LE/BE) decides and is stripped;
//   2. text that is valid UTF-8 (or nearly: a few broken sequences in otherwise valid UTF-8)
//      is UTF-8;
//   3. NUL-heavy text without BOM is UTF-16, the byte order taken from where the NULs sit;
//   4. otherwise the Polish letters whose bytes differ between windows-1250 and ISO-8859-2
//      (ą ś ź Ą Ś Ź, and the C1 range that ISO-8859-2 never uses for letters) settle which of
//      the two it is, and the confidence says how much of the non-ASCII text then reads as
//      Polish letters and typographic punctuation. (ICU's charset detector was used for the
//      confidence once; it scored n-grams for every charset it knows and took a fifth of
//      ingest time on legacy pages, for a number it could not make more precise.)
// Two repairs follow for UTF-8: invalid bytes read as windows-1250/ISO-8859-2 letters where
// they are some (else U+FFFD), and UTF-8 that a scraper had read as a one-byte charset and
// saved again ("Å‚" for "ł") decoded back; each is reported.
// The text is converted with ICU (undecodable bytes → U+FFFD), NFC-normalised, and CRLF/CR
// become LF. NBSPs stay as they are: parsers use them, the record writer normalises them.
#include "bdp/source.h"

#include "bdp/markup.h"
#include "bdp/text.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>
#include <set>
#include <unordered_map>
#include <vector>

#include <fcntl.h>
#include <fmt/format.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/uchar.h>
#include <simdjson.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace bdp {

namespace {

/// The first index at or after `i` whose byte is not ASCII, or n: eight bytes at a time,
/// then byte by byte inside the block that holds one.
inline std::size_t skip_ascii(const unsigned char* p, std::size_t i, std::size_t n) {
  while (i + 8 <= n) {
    std::uint64_t x;
    std::memcpy(&x, p + i, 8);
    if (x & 0x8080808080808080ULL) break;
    i += 8;
  }
  while (i < n && p[i] < 0x80) ++i;
  return i;
}

struct Utf8Scan {
  std::size_t multibyte = 0;
  std::size_t invalid = 0;
  /// Two-byte characters that are lead bytes' mojibake: Â Ã Ä Å â (UTF-8 read as
  /// windows-1252 or Latin-1) and Ă Ĺ (read as windows-1250 or ISO-8859-2).
  std::size_t telltales = 0;
};

/// Counts valid and invalid UTF-8 sequences (invalid = a byte that starts no valid sequence).
Utf8Scan scan_utf8(std::string_view s) {
  Utf8Scan r;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t n = s.size(), i = 0;
  while (i < n) {
    i = skip_ascii(p, i, n);
    if (i >= n) break;
    const unsigned char b = p[i];
    int len = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) {
      len = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
      len = 3;
      if (b == 0xE0) lo = 0xA0;
      if (b == 0xED) hi = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
      len = 4;
      if (b == 0xF0) lo = 0x90;
      if (b == 0xF4) hi = 0x8F;
    }
    bool ok = len > 0 && i + len <= n;
    for (int k = 1; ok && k < len; ++k) {
      unsigned char c = p[i + k];
      ok = k == 1 ? (c >= lo && c <= hi) : (c & 0xC0) == 0x80;
    }
    if (ok) {
      ++r.multibyte;
      if (len == 2) {
        const unsigned char c = p[i + 1];
        r.telltales += (b == 0xC3 && ((c >= 0x82 && c <= 0x85) || c == 0xA2)) ||
                       (b == 0xC4 && (c == 0x82 || c == 0xB9));
      }
      i += len;
    } else {
      ++r.invalid;
      ++i;
    }
  }
  return r;
}

std::atomic<bool> source_fast_paths_on{true};  // set_source_fast_paths

/// The set bits of a sixteen-bit mask (inline: without -mpopcnt the builtin is a libgcc call).
inline unsigned popcount16(unsigned x) {
  x = x - ((x >> 1) & 0x5555u);
  x = (x & 0x3333u) + ((x >> 2) & 0x3333u);
  x = (x + (x >> 4)) & 0x0F0Fu;
  return (x + (x >> 8)) & 0x1Fu;
}

/// Utf8Scan::telltales of text that is valid UTF-8 (where every C3 and C4 byte leads a
/// two-byte character): the pairs C3 82–85, C3 A2, C4 82 and C4 B9, sixteen positions at a
/// time (SSE2).
std::size_t valid_utf8_telltales(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t count = 0, i = 0;
#if defined(__SSE2__)
  const __m128i c3 = _mm_set1_epi8(static_cast<char>(0xC3)),
                c4 = _mm_set1_epi8(static_cast<char>(0xC4)),
                x82 = _mm_set1_epi8(static_cast<char>(0x82)),
                x85 = _mm_set1_epi8(static_cast<char>(0x85)),
                xa2 = _mm_set1_epi8(static_cast<char>(0xA2)),
                xb9 = _mm_set1_epi8(static_cast<char>(0xB9));
  for (; i + 17 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i lead = _mm_or_si128(_mm_cmpeq_epi8(v, c3), _mm_cmpeq_epi8(v, c4));
    if (_mm_movemask_epi8(lead) == 0) continue;
    const __m128i w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 1));
    // w in 0x82–0x85: unsigned min/max against the range's ends
    const __m128i in_82_85 = _mm_and_si128(_mm_cmpeq_epi8(_mm_max_epu8(w, x82), w),
                                           _mm_cmpeq_epi8(_mm_min_epu8(w, x85), w));
    const __m128i after_c3 = _mm_and_si128(_mm_cmpeq_epi8(v, c3),
                                           _mm_or_si128(in_82_85, _mm_cmpeq_epi8(w, xa2)));
    const __m128i after_c4 = _mm_and_si128(
        _mm_cmpeq_epi8(v, c4), _mm_or_si128(_mm_cmpeq_epi8(w, x82), _mm_cmpeq_epi8(w, xb9)));
    count += popcount16(static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(after_c3, after_c4))));
  }
#endif
  for (; i + 1 < n; ++i) {
    const unsigned char b = p[i], c = p[i + 1];
    count += (b == 0xC3 && ((c >= 0x82 && c <= 0x85) || c == 0xA2)) ||
             (b == 0xC4 && (c == 0x82 || c == 0xB9));
  }
  return count;
}

/// Polish-letter evidence for windows-1250 against ISO-8859-2: positive favours windows-1250.
/// Letters at the same byte in both (ł ó ż ę ć ń …) carry no evidence and are not counted.
struct LegacyEvidence {
  std::size_t cp1250 = 0;
  std::size_t iso = 0;
};

LegacyEvidence legacy_evidence(std::string_view s) {
  LegacyEvidence e;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  for (std::size_t i = skip_ascii(p, 0, n); i < n; i = skip_ascii(p, i + 1, n)) {
    switch (p[i]) {
      // windows-1250: ą ś ź Ą Ś Ź; in ISO-8859-2 these are C1 controls or symbols (¹ is not
      // a letter in either, but 0xB9 is ą only in windows-1250).
      case 0xB9: case 0x9C: case 0x9F: case 0xA5: case 0x8C: case 0x8F:
        ++e.cp1250;
        break;
      // ISO-8859-2: ą ś ź Ą Ś Ź; in windows-1250 ± ¶ Ľ ˇ ¦ ¬, rare in Polish prose.
      case 0xB1: case 0xB6: case 0xBC: case 0xA1: case 0xA6: case 0xAC:
        ++e.iso;
        break;
      default:
        if (p[i] <= 0x9F) ++e.cp1250;  // other C1 bytes: printable only in cp1250
        break;
    }
  }
  return e;
}

/// A one-byte charset's upper half (bytes 0x80–0xFF) as ICU decodes it, built once so no
/// table is written out by hand: each byte's UTF-8, whether it reads as a Polish letter or as
/// punctuation/space a Polish page uses (quotes, dashes, NBSP, …), and the way back from a
/// code point to its byte. A byte the charset leaves undefined reads as the C1 control of
/// the same value, as browsers and HTTP clients decode it.
struct OneByteCharset {
  const char* name;
  std::array<std::string, 128> utf8;
  std::array<bool, 128> plausible{};
  std::unordered_map<char32_t, unsigned char> byte_of;
};

/// A Polish letter, or punctuation or a space a Polish page uses (quotes — "„" is an opening
/// one, Ps —, dashes, NBSP, …).
bool polish_or_punctuation(UChar32 c) {
  static const icu::UnicodeString polish = icu::UnicodeString::fromUTF8("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ");
  const int8_t cat = u_charType(c);
  return polish.indexOf(c) >= 0 || cat == U_DASH_PUNCTUATION || cat == U_INITIAL_PUNCTUATION ||
         cat == U_FINAL_PUNCTUATION || cat == U_START_PUNCTUATION || cat == U_END_PUNCTUATION ||
         cat == U_OTHER_PUNCTUATION || cat == U_SPACE_SEPARATOR;
}

enum Charset : std::size_t { k_cp1250, k_iso2, k_cp1252 };

const std::array<OneByteCharset, 3>& one_byte_charsets() {
  static const auto sets = [] {
    std::array<OneByteCharset, 3> t{{{"windows-1250", {}, {}, {}},
                                      {"ISO-8859-2", {}, {}, {}},
                                      {"windows-1252", {}, {}, {}}}};
    for (OneByteCharset& cs : t) {
      UErrorCode status = U_ZERO_ERROR;
      UConverter* conv = ucnv_open(cs.name, &status);
      for (int b = 0x80; b <= 0xFF; ++b) {
        char byte = static_cast<char>(b);
        UChar32 c = b;  // undefined: the C1 control or Latin-1 letter of the same value
        if (!U_FAILURE(status)) {
          UErrorCode st = U_ZERO_ERROR;
          icu::UnicodeString u(&byte, 1, conv, st);
          if (!U_FAILURE(st) && u.length() >= 1 && u.char32At(0) != 0xFFFD &&
              u.char32At(0) != 0x1A)
            c = u.char32At(0);
        }
        icu::UnicodeString one(c);
        one.toUTF8String(cs.utf8[static_cast<std::size_t>(b - 0x80)]);
        cs.plausible[static_cast<std::size_t>(b - 0x80)] = polish_or_punctuation(c);
        cs.byte_of.emplace(static_cast<char32_t>(c), static_cast<unsigned char>(b));
      }
      // Latin-1's C1 controls too: a client that decoded as ISO-8859-1 wrote them.
      for (char32_t c = 0x80; c <= 0x9F; ++c) cs.byte_of.emplace(c, static_cast<unsigned char>(c));
      if (!U_FAILURE(status)) ucnv_close(conv);
    }
    return t;
  }();
  return sets;
}

/// Share of the bytes ≥ 0x80 that read as Polish letters or punctuation in the chosen
/// encoding: near 1 for a Polish page, low for binary or another language's 8-bit text.
double polish_share(std::string_view s, bool iso) {
  const auto& table = one_byte_charsets()[iso ? k_iso2 : k_cp1250].plausible;
  std::size_t high = 0, plausible = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  for (std::size_t i = skip_ascii(p, 0, n); i < n; i = skip_ascii(p, i + 1, n)) {
    ++high;
    plausible += table[p[i] - 0x80];
  }
  return static_cast<double>(plausible + 1) / static_cast<double>(high + 2);
}

std::string icu_to_utf8(std::string_view raw, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(charset, &status);
  if (U_FAILURE(status)) return std::string(raw);
  icu::UnicodeString u(raw.data(), static_cast<int32_t>(raw.size()), conv, status);
  ucnv_close(conv);
  std::string out;
  u.toUTF8String(out);
  return out;
}

/// `raw` in a one-byte `charset`, made UTF-8 by a table of what ICU makes of each byte (the
/// one-byte charsets are stateless, so byte by byte is what ICU does with the whole text, at a
/// fraction of its cost). Other charsets go to ICU.
std::string one_byte_to_utf8(std::string_view raw, const char* charset) {
  struct Table {
    const char* name;
    std::array<std::array<char, 4>, 256> utf8{};  // each byte's UTF-8, at most three bytes
    std::array<unsigned char, 256> length{};
    bool ok = false;
    bool ascii_as_is = true;  // every byte below 0x80 is its own UTF-8
  };
  static const std::array<Table, 2> tables = [] {
    std::array<Table, 2> t{{{"windows-1250"}, {"ISO-8859-2"}}};
    for (Table& table : t) {
      UErrorCode status = U_ZERO_ERROR;
      UConverter* conv = ucnv_open(table.name, &status);
      if (U_FAILURE(status)) continue;
      table.ok = true;
      for (int b = 0; b <= 0xFF; ++b) {
        const char byte = static_cast<char>(b);
        UErrorCode st = U_ZERO_ERROR;
        icu::UnicodeString u(&byte, 1, conv, st);
        ucnv_reset(conv);
        std::string utf8;
        u.toUTF8String(utf8);
        const auto k = static_cast<std::size_t>(b);
        table.ok = table.ok && !U_FAILURE(st) && utf8.size() <= 3;
        if (b < 0x80) table.ascii_as_is = table.ascii_as_is && utf8 == std::string(1, byte);
        table.length[k] = static_cast<unsigned char>(std::min<std::size_t>(utf8.size(), 3));
        std::copy_n(utf8.begin(), table.length[k], table.utf8[k].begin());
      }
      ucnv_close(conv);
    }
    return t;
  }();
  for (const Table& table : tables) {
    if (!table.ok || std::strcmp(table.name, charset) != 0) continue;
    std::string out(raw.size() * 3 + 4, '\0');
    char* o = out.data();
    const auto* p = reinterpret_cast<const unsigned char*>(raw.data());
    const std::size_t n = raw.size();
    const bool runs = table.ascii_as_is && source_fast_paths_on.load(std::memory_order_relaxed);
    for (std::size_t i = 0; i < n;) {
      if (runs && i + 8 <= n) {  // ASCII, most of a page, eight bytes at a time as it is
        std::uint64_t x;
        std::memcpy(&x, p + i, 8);
        if ((x & 0x8080808080808080ULL) == 0) {
          std::memcpy(o, &x, 8);
          o += 8;
          i += 8;
          continue;
        }
      }
      const unsigned char b = p[i++];
      std::memcpy(o, table.utf8[b].data(), 4);  // four bytes copied, `length` kept
      o += table.length[b];
    }
    out.resize(static_cast<std::size_t>(o - out.data()));
    return out;
  }
  return icu_to_utf8(raw, charset);
}

/// A windows-1250 or ISO-8859-2 page with lines in UTF-8 (a paragraph pasted from another
/// source): a line that is valid UTF-8 with multi-byte characters that all read as Polish
/// letters or punctuation stays UTF-8, the rest is decoded from `charset`. Polish text in a
/// one-byte charset is almost never valid UTF-8 (its letters ą ł ś ź ż are continuation
/// bytes after ASCII); where it is ("PÓŁ" is D3 A3, U+04E3), the character is no Polish one.
/// `utf8_lines` counts the lines kept.
std::string legacy_to_utf8(std::string_view raw, const char* charset, std::size_t& utf8_lines) {
  utf8_lines = 0;
  std::vector<bool> keep;  // per line: UTF-8 as it is
  bool any = false;
  for (std::size_t at = 0; at <= raw.size();) {
    std::size_t end = raw.find('\n', at);
    if (end == std::string_view::npos) end = raw.size();
    const std::string_view line = raw.substr(at, end - at);
    // A line of ASCII (most of them) has no multi-byte character: not scanned.
    const auto* lp = reinterpret_cast<const unsigned char*>(line.data());
    const Utf8Scan scan = skip_ascii(lp, 0, line.size()) < line.size() ? scan_utf8(line) : Utf8Scan{};
    bool utf8 = scan.invalid == 0 && scan.multibyte > 0;
    for (std::size_t i = 0; utf8 && i < line.size();) {
      if (static_cast<unsigned char>(line[i]) < 0x80) {
        ++i;
        continue;
      }
      utf8 = polish_or_punctuation(static_cast<UChar32>(next_cp(line, i)));
    }
    keep.push_back(utf8);
    any |= utf8;
    at = end + 1;
  }
  if (!any) return one_byte_to_utf8(raw, charset);
  std::string out;
  out.reserve(raw.size() * 2);
  std::size_t k = 0;
  for (std::size_t at = 0; at <= raw.size(); ++k) {
    std::size_t end = raw.find('\n', at);
    if (end == std::string_view::npos) end = raw.size();
    const std::string_view line = raw.substr(at, end - at);
    if (keep[k]) {
      out.append(line);
      ++utf8_lines;
    } else {
      out += one_byte_to_utf8(line, charset);
    }
    if (end < raw.size()) out.push_back('\n');
    at = end + 1;
  }
  return out;
}

/// The length of the valid UTF-8 sequence at `i`, or 0.
std::size_t valid_sequence(std::string_view s, std::size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  std::size_t len = b < 0x80 ? 1 : (b >= 0xC2 && b <= 0xDF) ? 2 : (b >= 0xE0 && b <= 0xEF) ? 3
                    : (b >= 0xF0 && b <= 0xF4) ? 4 : 0;
  if (len > 1 && (i + len > s.size() || scan_utf8(s.substr(i, len)).invalid != 0)) len = 0;
  return len;
}

/// UTF-8 text with invalid bytes in it (a paragraph pasted from a windows-1250 database into a
/// UTF-8 template, a Latin-2 NBSP): each invalid byte that reads as a Polish letter or
/// punctuation in the legacy charset its bytes point to is decoded so; any other becomes
/// U+FFFD. `legacy` counts the bytes decoded, `charset` names their charset.
std::string repair_utf8(std::string_view s, std::size_t& legacy, const char*& charset) {
  std::string invalid;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = valid_sequence(s, i);
    if (len == 0) invalid.push_back(s[i]);
    i += len == 0 ? 1 : len;
  }
  LegacyEvidence ev = legacy_evidence(invalid);
  const OneByteCharset& cs = one_byte_charsets()[ev.iso > ev.cp1250 ? k_iso2 : k_cp1250];
  charset = cs.name;
  legacy = 0;
  std::string out;
  out.reserve(s.size() + 2 * invalid.size());
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = valid_sequence(s, i);
    if (len > 0) {
      out.append(s.substr(i, len));
      i += len;
      continue;
    }
    const auto b = static_cast<unsigned char>(s[i++]);
    if (b >= 0x80 && cs.plausible[b - 0x80]) {
      out += cs.utf8[b - 0x80];
      ++legacy;
    } else {
      out += "\xEF\xBF\xBD";
    }
  }
  return out;
}

/// Text that was UTF-8, read by a scraper as a one-byte charset and saved as UTF-8 again:
/// "Å‚" for "ł", "Ä…" for "ą", "â€ž" for "„" (an HTTP client's ISO-8859-1 default for
/// text/html without a charset), or "Ĺ‚" and "Ä…" through windows-1250. Decoded back when
/// every non-ASCII character maps back to a byte of one such charset and those bytes are
/// valid UTF-8 again with at least two multi-byte sequences: Polish text in proper UTF-8
/// never does (its letters map back to lone high bytes). A U+FFFD stands for a byte the
/// charset left undefined and the scraper lost ("Ł" is C5 81, and 0x81 is undefined in
/// windows-1250): its character stays U+FFFD, and at most a quarter of the characters may be
/// lost so. Returns the charset, or null. Worth calling only on text with Utf8Scan::telltales.
const char* undo_double_encoding(std::string& text) {
  constexpr char k_lost = '\xFF';  // never a byte of UTF-8
  // Each charset whose reading maps back; where two do (ISO-8859-2's "Ĺš" maps back through
  // windows-1250 too, as "Ś" instead of "Ź"), the one whose letters read most as Polish.
  std::string best;
  const char* best_name = nullptr;
  std::size_t best_score = 0;
  for (Charset c : {k_cp1252, k_cp1250, k_iso2}) {
    const OneByteCharset& cs = one_byte_charsets()[c];
    std::string bytes;
    bytes.reserve(text.size());
    std::size_t lost = 0;
    bool maps = true;
    for (std::size_t i = 0; i < text.size() && maps;) {
      const auto b = static_cast<unsigned char>(text[i]);
      if (b < 0x80) {
        bytes.push_back(static_cast<char>(b));
        ++i;
        continue;
      }
      const char32_t cp = next_cp(text, i);
      if (cp == 0xFFFD) {
        bytes.push_back(k_lost);
        ++lost;
        continue;
      }
      auto it = cs.byte_of.find(cp);
      maps = it != cs.byte_of.end();
      if (maps) bytes.push_back(static_cast<char>(it->second));
    }
    if (!maps) continue;
    const Utf8Scan scan = scan_utf8(bytes);
    if (scan.multibyte < 2 || scan.invalid > 2 * lost || lost * 4 > scan.multibyte) continue;
    // A lost byte and the lead byte it belonged to make one U+FFFD.
    std::string out;
    out.reserve(bytes.size());
    std::size_t score = 1;
    for (std::size_t i = 0; i < bytes.size();) {
      const std::size_t len = valid_sequence(bytes, i);
      if (len > 1) {
        std::size_t k = i;
        score += polish_or_punctuation(next_cp(bytes, k));
      }
      if (len > 0) {
        out.append(bytes, i, len);
        i += len;
        continue;
      }
      out += "\xEF\xBF\xBD";
      const bool lead_of_lost = bytes[i] != k_lost && i + 1 < bytes.size() && bytes[i + 1] == k_lost;
      i += lead_of_lost ? 2 : 1;
    }
    if (score > best_score) {
      best = std::move(out);
      best_name = cs.name;
      best_score = score;
    }
  }
  if (best_name) text = std::move(best);
  return best_name;
}

struct Detection {
  std::string encoding;
  double confidence = 1;
  std::size_t bom = 0;
  std::size_t telltales = 0;  // UTF-8 only: see Utf8Scan
};

Detection detect(std::string_view raw, std::vector<Diagnostic>& diags) {
  auto starts = [&](std::string_view bom) { return raw.starts_with(bom); };
  // A UTF-8 BOM is believed only as far as the bytes after it agree (see below): scrapers
  // prepend one to pages they never re-encoded.
  std::size_t utf8_bom = starts("\xEF\xBB\xBF") ? 3 : 0;
  if (utf8_bom) raw.remove_prefix(3);
  if (starts("\xFF\xFE")) return {"UTF-16LE", 1, 2};
  if (starts("\xFE\xFF")) return {"UTF-16BE", 1, 2};

  // NULs at one parity in the first KiB: UTF-16 without BOM.
  std::size_t probe = std::min<std::size_t>(raw.size(), 4096), even0 = 0, odd0 = 0;
  // Counted from the first NUL on (memchr finds none in nearly every page).
  if (const void* nul = probe > 0 ? std::memchr(raw.data(), '\0', probe) : nullptr)
    for (std::size_t i = static_cast<std::size_t>(static_cast<const char*>(nul) - raw.data());
         i < probe; ++i)
      if (raw[i] == '\0') (i % 2 ? odd0 : even0)++;
  if (probe >= 4 && (odd0 + even0) * 4 >= probe) {
    bool le = odd0 > even0 * 3;
    bool be = even0 > odd0 * 3;
    if (le || be) {
      diags.push_back({Severity::info, "source.encoding_guessed", 0, 0,
                       "UTF-16 without BOM, byte order guessed from NUL positions"});
      return {le ? "UTF-16LE" : "UTF-16BE", 0.8, utf8_bom};
    }
  }

  // Nearly every page is valid UTF-8: simdjson's validator says so many bytes at a time (SIMD),
  // and only the telltales are then counted; scan_utf8 reads the others.
  if (source_fast_paths_on.load(std::memory_order_relaxed) &&
      simdjson::validate_utf8(raw.data(), raw.size()))
    return {"UTF-8", 1, utf8_bom, valid_utf8_telltales(raw)};
  Utf8Scan scan = scan_utf8(raw);
  if (scan.invalid == 0) return {"UTF-8", 1, utf8_bom, scan.telltales};
  // Mostly valid UTF-8 with a few broken bytes (a truncated download, a stray byte).
  if (scan.multibyte >= 3 && scan.invalid * 4 <= scan.multibyte) {
    return {"UTF-8", 0.9, utf8_bom, scan.telltales};  // decode_page repairs the bytes and reports them
  }
  if (utf8_bom)
    diags.push_back({Severity::warning, "source.lying_bom", 0, 0,
                     "a UTF-8 BOM precedes text that is not UTF-8; the BOM was ignored"});

  // A legacy 8-bit page: which of the two, and how Polish the result reads.
  LegacyEvidence ev = legacy_evidence(raw);
  bool iso = ev.iso > ev.cp1250;
  std::string enc = iso ? "ISO-8859-2" : "windows-1250";
  // Both shares with add-one smoothing: a page with two telling bytes is a guess, not a fact.
  double margin = static_cast<double>(std::max(ev.iso, ev.cp1250) + 1) /
                  static_cast<double>(ev.iso + ev.cp1250 + 2);
  // Text that does not read as Polish in either encoding (binary, another language) caps
  // the confidence whatever the margin.
  double conf = std::clamp(polish_share(raw, iso) * (0.5 + 0.5 * margin), 0.0, 1.0);
  diags.push_back({Severity::info, "source.encoding_guessed", 0, 0,
                   fmt::format("not UTF-8; decoded as {} (confidence {:.2f})", enc, conf)});
  return {enc, conf, utf8_bom};
}

/// The first index at or after `i` whose byte is CR, FF, VT or E2 (the separators' lead
/// byte), or s.size(): sixteen bytes at a time (SSE2), then byte by byte.
std::size_t next_break_candidate(std::string_view s, std::size_t i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
#if defined(__SSE2__)
  if (source_fast_paths_on.load(std::memory_order_relaxed)) {
    const __m128i cr = _mm_set1_epi8('\r'), ff = _mm_set1_epi8('\f'), vt = _mm_set1_epi8('\v'),
                  e2 = _mm_set1_epi8(static_cast<char>(0xE2));
    for (; i + 16 <= n; i += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      const __m128i c = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, ff)),
                                     _mm_or_si128(_mm_cmpeq_epi8(v, vt), _mm_cmpeq_epi8(v, e2)));
      if (const auto m = static_cast<unsigned>(_mm_movemask_epi8(c)); m != 0)
        return i + static_cast<std::size_t>(__builtin_ctz(m));
    }
  }
#endif
  while (i < n && p[i] != '\r' && p[i] != '\f' && p[i] != '\v' && p[i] != 0xE2) ++i;
  return i;
}

/// Whether `s` holds a CR, a form feed, a vertical tab or U+2028/U+2029 (E2 80 A8/A9).
bool has_line_break_to_normalize(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  for (std::size_t i = 0; (i = next_break_candidate(s, i)) < n; ++i)
    if (p[i] != 0xE2 || (i + 2 < n && p[i + 1] == 0x80 && (p[i + 2] == 0xA8 || p[i + 2] == 0xA9)))
      return true;  // CR, FF, VT, or U+2028/U+2029 (an E2 of a quote or a dash is none)
  return false;
}

/// CRLF and CR line ends become '\n'; a form feed or vertical tab (pdftotext's page break
/// before "Slajd 2") is a line break too, and so are Unicode's line and paragraph separators
/// (U+2028, U+2029: text exported through JSON or from a word processor). The lines a form
/// feed starts go to `page_breaks` (0-based line numbers of the result, ascending).
std::string normalize_newlines(std::string s, std::vector<std::uint32_t>& page_breaks) {
  if (!has_line_break_to_normalize(s)) return s;
  std::string out;
  out.reserve(s.size());
  std::size_t run = 0;  // the bytes from `run` to `i` are copied as they are, in one append
  std::size_t counted = 0, lines = 0;  // '\n's of out[0, counted)
  for (std::size_t i = 0; (i = next_break_candidate(s, i)) < s.size(); ++i) {
    if (s[i] == '\r') {
      out.append(s, run, i - run);
      out.push_back('\n');
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
      run = i + 1;
    } else if (s[i] == '\f' || s[i] == '\v') {
      out.append(s, run, i - run);
      if (out.empty() || out.back() != '\n') out.push_back('\n');
      run = i + 1;
      if (s[i] == '\f') {
        lines += static_cast<std::size_t>(std::count(out.begin() + static_cast<std::ptrdiff_t>(counted), out.end(), '\n'));
        counted = out.size();
        if (lines > 0 && (page_breaks.empty() || page_breaks.back() < lines))
          page_breaks.push_back(static_cast<std::uint32_t>(lines));
      }
    } else if (s[i] == '\xE2' && i + 2 < s.size() && s[i + 1] == '\x80' &&
               (s[i + 2] == '\xA8' || s[i + 2] == '\xA9')) {
      out.append(s, run, i - run);
      out.push_back('\n');
      i += 2;
      run = i + 1;
    }
  }
  out.append(s, run, std::string::npos);
  return out;
}

/// Code points below U+3000 that leave any string in NFC: NFC_Quick_Check = Yes and canonical
/// combining class 0 (ICU's own properties). A string of such code points passes the NFC
/// quick check, so it is already normalised.
class NfcStable {
 public:
  static const NfcStable& get() {
    static const NfcStable instance;
    return instance;
  }
  /// True when every code point of valid UTF-8 `s` is stable; false also for anything
  /// undecided here (invalid UTF-8, code points from U+3000 on).
  bool all(std::string_view s) const {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t i = 0;
#if defined(__SSE2__)
    // Valid UTF-8 (simdjson's SIMD check) is read sixteen bytes at a time: a block without a
    // byte from `checked_lead_` on holds only ASCII and two-byte characters whose every code
    // point is stable; the first such byte, the lead of a character that may not be, is
    // decoded and looked up below, and the walk goes on after it.
    if (source_fast_paths_on.load(std::memory_order_relaxed) && n >= 16 &&
        simdjson::validate_utf8(s.data(), n)) {
      const __m128i checked = _mm_set1_epi8(static_cast<char>(checked_lead_));
      while (i + 16 <= n) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        const auto m = static_cast<unsigned>(
            _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(v, checked), v)));  // v ≥ checked
        if (m == 0) {
          i += 16;
          continue;
        }
        i += static_cast<std::size_t>(__builtin_ctz(m));
        if (!stable_at(p, n, i)) return false;
      }
      while (i < n && (p[i] & 0xC0) == 0x80) ++i;  // the rest of a character a block cut
    }
#endif
    while (i < n) {
      i = skip_ascii(p, i, n);
      if (i >= n) break;
      const unsigned char b = p[i];
      char32_t cp;
      if (b >= 0xC2 && b <= 0xDF && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
        cp = (char32_t{b} & 0x1F) << 6 | (p[i + 1] & 0x3F);
        i += 2;
      } else if (b >= 0xE0 && b <= 0xE2 && i + 2 < n && (p[i + 1] & 0xC0) == 0x80 &&
                 (p[i + 2] & 0xC0) == 0x80) {
        cp = (char32_t{b} & 0x0F) << 12 | char32_t{p[i + 1] & 0x3Fu} << 6 | (p[i + 2] & 0x3F);
        if (cp < 0x800) return false;  // over-long
        i += 3;
      } else {
        return false;
      }
      if (!stable_[cp]) return false;
    }
    return true;
  }

 private:
  NfcStable() : stable_(k_limit) {
    for (UChar32 c = 0; c < static_cast<UChar32>(k_limit); ++c)
      stable_[static_cast<std::size_t>(c)] =
          u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK) == UNORM_YES &&
          u_getCombiningClass(c) == 0;
    // The first two-byte lead with a code point that is not stable (U+0300's CC, by ICU's
    // data); three- and four-byte leads are always checked.
    while (checked_lead_ < 0xE0) {
      bool all_stable = true;
      for (char32_t c = (checked_lead_ & 0x1Fu) << 6, e = c + 0x40; c < e; ++c)
        all_stable = all_stable && stable_[c];
      if (!all_stable) break;
      ++checked_lead_;
    }
  }

  /// Whether the character at `i` of valid UTF-8 (a lead byte) is stable; moves `i` past it.
  bool stable_at(const unsigned char* p, std::size_t n, std::size_t& i) const {
    const unsigned char b = p[i];
    char32_t cp;
    if (b <= 0xDF && i + 1 < n) {
      cp = (char32_t{b} & 0x1F) << 6 | (p[i + 1] & 0x3F);
      i += 2;
    } else if (b >= 0xE0 && b <= 0xE2 && i + 2 < n) {
      cp = (char32_t{b} & 0x0F) << 12 | char32_t{p[i + 1] & 0x3Fu} << 6 | (p[i + 2] & 0x3F);
      i += 3;  // valid UTF-8 has no over-long forms
    } else {
      return false;  // from U+3000 on: undecided here
    }
    return stable_[cp];
  }

  static constexpr std::size_t k_limit = 0x3000;
  std::vector<bool> stable_;
  unsigned char checked_lead_ = 0xC2;
};

/// HTML markup in a page, made text. Two cases: a saved document ("<!DOCTYPE html>",
/// "<html>" first), whose line breaks are spaces and whose elements make the lines; and
/// plain text with the tags a CMS export left in it ("<p>", "<br />", "<strong>"), whose
/// line breaks stay. Only HTML's own element names are tags in plain text ("<5 osób" and
/// "<Kraków>" stay text), and at least two of them; in a document every "<name …>" is.
/// Scripts, styles and the head go with their content; paragraphs, headings, lists and
/// tables end a paragraph, divisions and rows a line; list items start with "• ", and table
/// rows read "| cell | cell |", as the Metryka parser knows them. Character references are
/// left to decode_html_references, which runs next. A small scanner, not a DOM: the text is
/// all that is wanted, and tag soup only has to come out as lines.
class HtmlText {
 public:
  /// The text of `s`, or nullopt when `s` has no markup; `tags` counts the tags read.
  static std::optional<std::string> convert(std::string_view s, std::size_t& tags) {
    tags = 0;
    if (s.find('<') == std::string_view::npos) return std::nullopt;
    HtmlText h(s, is_document(s));
    if (!h.document_ && h.count_known_tags(2) < 2) return std::nullopt;
    std::string out = h.run();
    tags = h.tags_;
    return out;
  }

 private:
  enum class Kind { inline_tag, paragraph, line, item, row, cell, skip };
  struct Tag {
    std::string_view name;
    bool closing = false;
    bool self_closing = false;
    std::size_t end = 0;  // index after '>'
  };

  HtmlText(std::string_view s, bool document) : s_(s), document_(document) {}

  static char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

  static bool starts_ci(std::string_view s, std::size_t at, std::string_view prefix) {
    if (s.size() - at < prefix.size()) return false;
    for (std::size_t k = 0; k < prefix.size(); ++k)
      if (lower(s[at + k]) != prefix[k]) return false;
    return true;
  }

  static bool is_document(std::string_view s) {
    std::size_t at = 0;
    while (at < s.size() && (s[at] == ' ' || s[at] == '\t' || s[at] == '\n' || s[at] == '\r')) ++at;
    for (std::string_view start : {"<!doctype html", "<html", "<head", "<body"})
      if (starts_ci(s, at, start)) return true;
    return false;
  }

  static std::optional<Kind> kind_of(std::string_view name) {
    static const std::unordered_map<std::string_view, Kind> k_kinds = [] {
      std::unordered_map<std::string_view, Kind> m;
      for (std::string_view n : {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl",
                                 "table", "blockquote", "section", "article", "aside", "header",
                                 "footer", "nav", "main", "form", "fieldset", "figure", "address",
                                 "center", "pre", "body", "html"})
        m.emplace(n, Kind::paragraph);
      for (std::string_view n : {"div", "br", "hr", "dt", "dd", "caption", "figcaption", "legend",
                                 "option", "thead", "tbody", "tfoot"})
        m.emplace(n, Kind::line);
      m.emplace("li", Kind::item);
      m.emplace("tr", Kind::row);
      m.emplace("td", Kind::cell);
      m.emplace("th", Kind::cell);
      for (std::string_view n : {"script", "style", "head", "noscript", "template", "svg",
                                 "iframe", "object", "select", "title"})
        m.emplace(n, Kind::skip);
      for (std::string_view n : {"a", "abbr", "b", "big", "button", "cite", "code", "del", "em",
                                 "font", "i", "img", "input", "ins", "kbd", "label", "mark",
                                 "meta", "link", "q", "s", "small", "span", "strike", "strong",
                                 "sub", "sup", "time", "u", "wbr", "area", "map", "source",
                                 "picture", "video", "audio"})
        m.emplace(n, Kind::inline_tag);
      return m;
    }();
    auto it = k_kinds.find(name);
    if (it == k_kinds.end()) return std::nullopt;
    return it->second;
  }

  /// The tag at `at` ('<'), if one is there: a name of letters and digits after '<' or
  /// "</", then attributes (quotes respected) up to '>'.
  std::optional<Tag> tag_at(std::size_t at) {
    Tag t;
    std::size_t i = at + 1;
    if (i < s_.size() && s_[i] == '/') {
      t.closing = true;
      ++i;
    }
    const std::size_t name_at = i;
    if (i >= s_.size() || !std::isalpha(static_cast<unsigned char>(s_[i]))) return std::nullopt;
    while (i < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i])) || s_[i] == ':' ||
                             s_[i] == '-'))
      ++i;
    name_.clear();
    for (std::size_t k = name_at; k < i; ++k) name_.push_back(lower(s_[k]));
    t.name = name_;
    if (i < s_.size() && s_[i] != '>' && s_[i] != '/' && s_[i] != ' ' && s_[i] != '\t' &&
        s_[i] != '\n')
      return std::nullopt;
    // A '<' ends the scan even inside quotes ("<a <b" is no tag): each byte is then scanned
    // for at most one tag, and a page of unclosed "<a \"" stays linear.
    char quote = 0;
    for (; i < s_.size(); ++i) {
      const char c = s_[i];
      if (c == '<') return std::nullopt;
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        t.self_closing = i > name_at && s_[i - 1] == '/';
        t.end = i + 1;
        return t;
      }
    }
    return std::nullopt;
  }

  std::size_t count_known_tags(std::size_t enough) {
    std::size_t n = 0;
    for (std::size_t at = s_.find('<'); at != std::string_view::npos && n < enough;
         at = s_.find('<', at + 1))
      if (auto t = tag_at(at); t && kind_of(t->name)) ++n;
    return n;
  }

  void trim_trailing_spaces() {
    while (!out_.empty() && (out_.back() == ' ' || out_.back() == '\t')) out_.pop_back();
  }

  /// Ends the current line; `blank` also leaves an empty line (a paragraph's end).
  void brk(bool blank) {
    trim_trailing_spaces();
    if (out_.empty()) return;
    std::size_t newlines = 0;
    for (auto it = out_.rbegin(); it != out_.rend() && *it == '\n'; ++it) ++newlines;
    const std::size_t want = blank ? 2 : 1;
    for (; newlines < want; ++newlines) out_.push_back('\n');
    cells_ = 0;
    absorb_ = true;
  }

  void text(std::string_view t) {
    for (char c : t) {
      const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
      if (document_ && pre_ > 0) {  // preformatted: its lines and spaces stay
        if (c == '\r') continue;
        if (c == '\n') {
          trim_trailing_spaces();
          if (skip_newline_) {
            skip_newline_ = false;
            continue;
          }
        }
        skip_newline_ = false;
        out_.push_back(c);
        continue;
      }
      if (document_ && space) {
        if (!out_.empty() && out_.back() != ' ' && out_.back() != '\n') out_.push_back(' ');
        continue;
      }
      if (c == '\n') {
        trim_trailing_spaces();
        if (absorb_) {  // the line break a tag just made ("</p>\n", "<br />\n")
          absorb_ = false;
          continue;
        }
      } else if (c != ' ' && c != '\t' && c != '\r') {
        absorb_ = false;
      }
      out_.push_back(c);
    }
  }

  std::string run() {
    out_.reserve(s_.size());
    std::size_t i = 0;
    while (i < s_.size()) {
      const std::size_t lt = s_.find('<', i);
      text(s_.substr(i, lt == std::string_view::npos ? std::string_view::npos : lt - i));
      if (lt == std::string_view::npos) break;
      i = lt;
      if (s_.compare(i, 4, "<!--") == 0) {  // a comment
        const std::size_t end = s_.find("-->", i + 4);
        i = end == std::string_view::npos ? s_.size() : end + 3;
        ++tags_;
        continue;
      }
      if (i + 1 < s_.size() && (s_[i + 1] == '!' || s_[i + 1] == '?')) {  // doctype, <?xml
        const std::size_t end = s_.find_first_of("<>", i + 1);
        if (end != std::string_view::npos && s_[end] == '>' && document_) {
          i = end + 1;
          ++tags_;
          continue;
        }
      }
      auto t = tag_at(i);
      std::optional<Kind> kind = t ? kind_of(t->name) : std::nullopt;
      if (!t || (!kind && !document_)) {  // text after all
        text(s_.substr(i, 1));
        ++i;
        continue;
      }
      ++tags_;
      i = t->end;
      if (t->name == "pre" && !t->self_closing) {
        // A newline right after <pre> is not content (HTML's parsing rule).
        pre_ = t->closing ? (pre_ > 0 ? pre_ - 1 : 0) : pre_ + 1;
        skip_newline_ = !t->closing;
      }
      switch (kind.value_or(Kind::inline_tag)) {
        case Kind::inline_tag:
          if (t->name == "br") brk(false);
          break;
        case Kind::paragraph: brk(true); break;
        case Kind::line: brk(false); break;
        case Kind::item:
          brk(false);
          if (!t->closing) out_ += "• ";
          break;
        case Kind::row:
          if (t->closing && cells_ > 0) out_ += " |";
          brk(false);
          break;
        case Kind::cell:
          if (!t->closing) {
            trim_trailing_spaces();
            out_ += cells_++ == 0 ? "| " : " | ";
          }
          break;
        case Kind::skip:
          if (!t->closing && !t->self_closing) {  // to the matching end tag, content and all
            const std::string close = "</" + std::string(t->name);
            std::size_t at = i;
            while (at < s_.size() && !starts_ci(s_, at, close)) {
              at = s_.find('<', at + 1);
              if (at == std::string_view::npos) at = s_.size();
            }
            const std::size_t end = s_.find('>', at);
            i = end == std::string_view::npos ? s_.size() : end + 1;
          }
          break;
      }
    }
    trim_trailing_spaces();
    // A document ends with its last line; plain text as it ended, whatever tag was last.
    std::size_t keep = 1;
    if (!document_) {
      keep = 0;
      for (auto it = s_.rbegin(); it != s_.rend() && *it == '\n'; ++it) ++keep;
    }
    std::size_t have = 0;
    for (auto it = out_.rbegin(); it != out_.rend() && *it == '\n'; ++it) ++have;
    if (have > keep) out_.resize(out_.size() - (have - keep));
    else if (!out_.empty()) out_.append(keep - have, '\n');
    return std::move(out_);
  }

  std::string_view s_;
  bool document_;
  std::string out_;
  std::string name_;  // the current tag's name, lower case
  std::size_t tags_ = 0;
  std::size_t cells_ = 0;  // cells written on the current table row
  bool absorb_ = false;    // plain text: the next newline is the one a tag's break made
  std::size_t pre_ = 0;    // open <pre> elements: a document's line breaks count there
  bool skip_newline_ = false;  // right after <pre>
};

/// HTML character references a scraper left in the text ("&nbsp;", "&bdquo;", "&#322;",
/// "&#x142;"), decoded. Only references closed by ';' are read; a name outside the table, a
/// control character or a surrogate stays as written. `count` is how many were decoded.
/// The names are HTML's (WHATWG), those of Polish letters and of the punctuation and signs
/// seen on Polish sites: a standard's table, not a rule.
std::string decode_html_references(std::string s, std::size_t& count) {
  count = 0;
  if (s.find('&') == std::string::npos) return s;
  static const std::unordered_map<std::string_view, char32_t> k_named = {
      {"nbsp", 0xA0},    {"amp", '&'},       {"quot", '"'},     {"apos", '\''},
      {"lt", '<'},       {"gt", '>'},        {"shy", 0xAD},     {"ndash", 0x2013},
      {"mdash", 0x2014}, {"hellip", 0x2026}, {"bdquo", 0x201E}, {"ldquo", 0x201C},
      {"rdquo", 0x201D}, {"lsquo", 0x2018},  {"rsquo", 0x2019}, {"sbquo", 0x201A},
      {"laquo", 0xAB},   {"raquo", 0xBB},    {"middot", 0xB7},  {"bull", 0x2022},
      {"deg", 0xB0},     {"sect", 0xA7},     {"copy", 0xA9},    {"reg", 0xAE},
      {"trade", 0x2122}, {"euro", 0x20AC},   {"times", 0xD7},   {"minus", 0x2212},
      {"frac12", 0xBD},  {"frac14", 0xBC},   {"frac34", 0xBE},  {"sup2", 0xB2},
      {"ensp", 0x2002},  {"emsp", 0x2003},   {"thinsp", 0x2009}, {"zwnj", 0x200C},
      {"oacute", 0xF3},  {"Oacute", 0xD3},   {"aogon", 0x105},  {"Aogon", 0x104},
      {"cacute", 0x107}, {"Cacute", 0x106},  {"eogon", 0x119},  {"Eogon", 0x118},
      {"lstrok", 0x142}, {"Lstrok", 0x141},  {"nacute", 0x144}, {"Nacute", 0x143},
      {"sacute", 0x15B}, {"Sacute", 0x15A},  {"zacute", 0x17A}, {"Zacute", 0x179},
      {"zdot", 0x17C},   {"Zdot", 0x17B},    {"eacute", 0xE9},  {"Eacute", 0xC9},
      {"uuml", 0xFC},    {"ouml", 0xF6},     {"auml", 0xE4},    {"szlig", 0xDF},
  };
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t amp = s.find('&', i);
    if (amp == std::string::npos) break;
    out.append(s, i, amp - i);
    i = amp + 1;
    const std::size_t semi = s.find(';', i);
    char32_t cp = 0;
    if (semi != std::string::npos && semi - i >= 2 && semi - i <= 8) {
      std::string_view ref(s.data() + i, semi - i);
      if (ref[0] == '#') {
        const bool hex = ref.size() > 1 && (ref[1] == 'x' || ref[1] == 'X');
        std::string_view digits = ref.substr(hex ? 2 : 1);
        std::uint32_t v = 0;
        auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v, hex ? 16 : 10);
        if (ec == std::errc() && end == digits.data() + digits.size() && !digits.empty() &&
            (v == '\t' || v >= 0x20) && v != 0x7F && !(v >= 0xD800 && v <= 0xDFFF) && v <= 0x10FFFF)
          cp = v;
      } else if (auto it = k_named.find(ref); it != k_named.end()) {
        cp = it->second;
      }
    }
    if (!cp) {
      out.push_back('&');
      continue;
    }
    char buf[4];
    std::size_t len = 0;
    if (cp < 0x80) {
      buf[len++] = static_cast<char>(cp);
    } else if (cp < 0x800) {
      buf[len++] = static_cast<char>(0xC0 | (cp >> 6));
      buf[len++] = static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      buf[len++] = static_cast<char>(0xE0 | (cp >> 12));
      buf[len++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      buf[len++] = static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      buf[len++] = static_cast<char>(0xF0 | (cp >> 18));
      buf[len++] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      buf[len++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      buf[len++] = static_cast<char>(0x80 | (cp & 0x3F));
    }
    out.append(buf, len);
    ++count;
    i = semi + 1;
  }
  if (i < s.size()) out.append(s, i, std::string::npos);
  return out;
}

std::string nfc(std::string s) {
  if (NfcStable::get().all(s)) return s;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return s;
  icu::StringPiece piece(s.data(), static_cast<int32_t>(s.size()));
  if (n->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return s;
  status = U_ZERO_ERROR;
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  n->normalizeUTF8(0, piece, sink, nullptr, status);
  return U_SUCCESS(status) ? out : s;
}

/// Characters of a page's typesetting rather than its text, as PDF and word-processor
/// exports leave them: the soft hyphen (U+00AD, invisible, yet it splits "Ośro\u00ADdek" for
/// every keyword and label), Latin ligatures ("ﬁnansowe" → "finansowe": compatibility
/// decompositions that NFC keeps), and list bullets of the Symbol and Wingdings fonts,
/// which pdftotext writes as private-use code points (U+F0B7 "", U+F0A7 "", …) and which
/// become "•". Unicode's and the fonts' facts, not Polish rules: no grammar holds them.
std::string typeset_to_text(std::string s, std::size_t& changed) {
  changed = 0;
  // All three live behind the bytes C2 AD and EF: a page without them is left alone.
  if (s.find('\xEF') == std::string::npos && s.find("\xC2\xAD") == std::string::npos) return s;
  static constexpr std::pair<char32_t, std::string_view> k_map[] = {
      {0x00AD, ""},    {0xFB00, "ff"},  {0xFB01, "fi"},  {0xFB02, "fl"},  {0xFB03, "ffi"},
      {0xFB04, "ffl"}, {0xFB05, "st"},  {0xFB06, "st"},
      // Symbol: bullet; Wingdings: ● ■ □ ❑ ❖ ◆ ▪ ➢ ⇨ ✓ and their kin used as bullets.
      {0xF0B7, "•"}, {0xF06C, "•"}, {0xF06E, "•"}, {0xF06F, "•"}, {0xF071, "•"},
      {0xF076, "•"}, {0xF075, "•"}, {0xF0A7, "•"}, {0xF0A8, "•"}, {0xF0D8, "•"},
      {0xF0E0, "•"}, {0xF0E8, "•"}, {0xF0F0, "•"}, {0xF0FC, "•"}, {0xF0FE, "•"}};
  std::string out;
  out.reserve(s.size());
  std::size_t run = 0;  // the bytes from `run` on are copied as they are, in one append
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b != 0xC2 && b != 0xEF) {
      ++i;
      continue;
    }
    const std::size_t at = i;
    const char32_t cp = next_cp(s, i);
    auto it = std::find_if(std::begin(k_map), std::end(k_map),
                           [&](const auto& m) { return m.first == cp; });
    if (it != std::end(k_map)) {
      out.append(s, run, at - run);
      out += it->second;
      run = i;
      ++changed;
    }
  }
  out.append(s, run, std::string::npos);
  return out;
}

/// Code points of decoded text, and those of them no text holds: NUL and the other C0
/// controls but tab, line feed, carriage return, form feed and vertical tab; DEL and the C1
/// controls; U+FFFD, the mark of undecodable bytes. A gzip, PDF or PNG body saved as `.txt`
/// decodes as a legacy charset into many of them.
/// Counted eight bytes at a time: a block without a byte below 0x20, DEL, C2 or EF (most of
/// a page: a line feed every few blocks) holds none, and the characters are counted only
/// when some were found.
std::pair<std::size_t, std::size_t> binary_characters(std::string_view t) {
  const auto* p = reinterpret_cast<const unsigned char*>(t.data());
  const std::size_t n = t.size();
  auto bad_at = [&](std::size_t i) -> bool {
    const unsigned char b = p[i];
    if (b < 0x20) return b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != '\v';
    if (b == 0x7F) return true;
    if (b == 0xC2) return i + 1 < n && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F;
    if (b == 0xEF) return i + 2 < n && p[i + 1] == 0xBF && p[i + 2] == 0xBD;
    return false;
  };
  constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  auto has_zero = [&](std::uint64_t y) { return (y - ones) & ~y & highs; };
  std::size_t bad = 0, i = 0;
#if defined(__SSE2__)
  if (source_fast_paths_on.load(std::memory_order_relaxed)) {
    // Sixteen positions at a time, each told exactly as bad_at tells it: a control byte other
    // than tab … carriage return (9–13), DEL, C2 before 80–9F, EF BF BD.
    const __m128i x1f = _mm_set1_epi8(0x1F), x09 = _mm_set1_epi8(9), x0d = _mm_set1_epi8(13),
                  x7f = _mm_set1_epi8(0x7F), xc2 = _mm_set1_epi8(static_cast<char>(0xC2)),
                  x80 = _mm_set1_epi8(static_cast<char>(0x80)),
                  x9f = _mm_set1_epi8(static_cast<char>(0x9F)),
                  xef = _mm_set1_epi8(static_cast<char>(0xEF)),
                  xbf = _mm_set1_epi8(static_cast<char>(0xBF)),
                  xbd = _mm_set1_epi8(static_cast<char>(0xBD));
    auto in_range = [](__m128i v, __m128i lo, __m128i hi) {  // lo ≤ v ≤ hi, unsigned
      return _mm_and_si128(_mm_cmpeq_epi8(_mm_max_epu8(v, lo), v), _mm_cmpeq_epi8(_mm_min_epu8(v, hi), v));
    };
    for (; i + 18 <= n; i += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      const __m128i control = _mm_andnot_si128(in_range(v, x09, x0d),
                                               _mm_cmpeq_epi8(_mm_max_epu8(v, x1f), x1f));
      __m128i b = _mm_or_si128(control, _mm_cmpeq_epi8(v, x7f));
      const __m128i lead = _mm_or_si128(_mm_cmpeq_epi8(v, xc2), _mm_cmpeq_epi8(v, xef));
      if (_mm_movemask_epi8(lead) != 0) {
        const __m128i w1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 1));
        const __m128i w2 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 2));
        b = _mm_or_si128(b, _mm_and_si128(_mm_cmpeq_epi8(v, xc2), in_range(w1, x80, x9f)));
        b = _mm_or_si128(b, _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(v, xef), _mm_cmpeq_epi8(w1, xbf)),
                                          _mm_cmpeq_epi8(w2, xbd)));
      }
      bad += popcount16(static_cast<unsigned>(_mm_movemask_epi8(b)));
    }
  }
#endif
  for (; i + 8 <= n; i += 8) {
    std::uint64_t x;
    std::memcpy(&x, p + i, 8);
    if (!(((x - ones * 0x20) & ~x & highs) | has_zero(x ^ (ones * 0x7F)) |
          has_zero(x ^ (ones * 0xC2)) | has_zero(x ^ (ones * 0xEF))))
      continue;
    for (std::size_t k = i; k < i + 8; ++k) bad += bad_at(k);
  }
  for (; i < n; ++i) bad += bad_at(i);
  if (bad == 0) return {n, 0};  // no need to count the characters exactly
  std::size_t chars = 0;
  for (std::size_t k = 0; k < n; ++k) chars += (p[k] & 0xC0) != 0x80;
  return {chars, bad};
}

/// The share of binary_characters above which a page is said to be binary (the default of
/// validate.grammar's binary_share, so that ingest warns where validate fails the page).
constexpr double k_binary_share = 0.02;

/// A page's file name ending: .txt, .html or .htm in any case (".TXT", ".Htm": files saved
/// on Windows, or by a scraper that keeps the server's names).
bool is_page_extension(std::string ext) {
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".txt" || ext == ".html" || ext == ".htm";
}

}  // namespace

void SourcePage::index_lines() {
  line_starts_.clear();
  line_hashes_.clear();
  if (text.empty()) return;
  line_starts_.push_back(0);
  const char* const begin = text.data();
  const char* const last = begin + text.size() - 1;  // a '\n' here starts no line
  for (const char* p = begin; p < last;) {
    const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(last - p));
    if (!nl) break;
    p = static_cast<const char*>(nl) + 1;
    line_starts_.push_back(static_cast<std::uint32_t>(p - begin));
  }
}

void set_source_fast_paths(bool on) { source_fast_paths_on.store(on, std::memory_order_relaxed); }

namespace {

/// SHA-256 fetched from OpenSSL's provider once, and a digest context per thread: EVP_Digest
/// with EVP_sha256() fetches the algorithm again at each call (a lock and a table lookup,
/// ~20 000 instructions, more than hashing a page title).
struct Sha256 {
  EVP_MD* fetched = nullptr;
  EVP_MD_CTX* ctx = nullptr;
  Sha256() {
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
    fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
#endif
    ctx = EVP_MD_CTX_new();
  }
  ~Sha256() {
    EVP_MD_CTX_free(ctx);
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
    EVP_MD_free(fetched);
#endif
  }
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
};

}  // namespace

std::string sha256_hex(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int len = 0;
  thread_local Sha256 sha;
  if (!sha.fetched || !sha.ctx || !EVP_DigestInit_ex(sha.ctx, sha.fetched, nullptr) ||
      !EVP_DigestUpdate(sha.ctx, data.data(), data.size()) ||
      !EVP_DigestFinal_ex(sha.ctx, md.data(), &len))
    EVP_Digest(data.data(), data.size(), md.data(), &len, EVP_sha256(), nullptr);
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(len * 2);
  for (unsigned int i = 0; i < len; ++i) {
    out.push_back(k_hex[md[i] >> 4]);
    out.push_back(k_hex[md[i] & 15]);
  }
  return out;
}

namespace {

/// decode_page: `owned`, when given, holds the bytes `raw` views, and is taken as the text
/// (no copy) when they are valid UTF-8 to be read as they are.
SourcePage decode_bytes(std::string path, std::string_view raw, std::string* owned) {
  SourcePage p;
  p.path = std::move(path);
  p.bytes = raw.size();
  p.sha256 = sha256_hex(raw);
  Detection d = detect(raw, p.diagnostics);
  p.encoding = d.encoding;
  p.encoding_confidence = d.confidence;
  std::string_view body = raw.substr(d.bom);
  std::string utf8;
  if (d.encoding == "UTF-8") {
    if (d.confidence < 1) {
      std::size_t legacy = 0;
      const char* charset = nullptr;
      utf8 = repair_utf8(body, legacy, charset);
      const Utf8Scan scan = scan_utf8(body);
      p.diagnostics.push_back(
          {Severity::warning, "source.invalid_utf8", 0, 0,
           legacy == 0 ? fmt::format("{} invalid UTF-8 byte(s) replaced by U+FFFD", scan.invalid)
                       : fmt::format("{} invalid UTF-8 byte(s): {} read as {}, the rest replaced "
                                     "by U+FFFD",
                                     scan.invalid, legacy, charset)});
    } else if (owned != nullptr) {
      utf8 = std::move(*owned);  // `raw` and `body` view these bytes: not read again below
      utf8.erase(0, d.bom);
    } else {
      utf8 = std::string(body);
    }
    if (const char* via = d.telltales > 0 ? undo_double_encoding(utf8) : nullptr)
      p.diagnostics.push_back(
          {Severity::warning, "source.double_encoded", 0, 0,
           fmt::format("UTF-8 text had been read as {} and saved as UTF-8 again (\"Å‚\" for "
                       "\"ł\"); decoded back",
                       via)});
  } else if (d.encoding.starts_with("UTF-16")) {
    utf8 = icu_to_utf8(body, d.encoding.c_str());
    if (utf8.starts_with("\xEF\xBB\xBF")) utf8.erase(0, 3);
  } else {
    std::size_t utf8_lines = 0;
    utf8 = legacy_to_utf8(body, d.encoding.c_str(), utf8_lines);
    if (utf8_lines > 0)
      p.diagnostics.push_back(
          {Severity::warning, "source.mixed_encoding", 0, 0,
           fmt::format("{} line(s) in UTF-8 inside {} text, kept as UTF-8", utf8_lines, d.encoding)});
  }
  std::size_t references = 0, typeset = 0, tags = 0;
  utf8 = normalize_newlines(std::move(utf8), p.page_breaks);
  if (auto text = HtmlText::convert(utf8, tags)) {
    utf8 = std::move(*text);
    p.page_breaks.clear();  // the markup's lines are not the file's
    p.diagnostics.push_back({Severity::info, "source.html", 0, 0,
                             fmt::format("HTML markup made text ({} tags)", tags)});
  }
  LynxCounts lynx;
  if (auto text = lynx_to_text(utf8, lynx)) {
    utf8 = std::move(*text);
    p.diagnostics.push_back(
        {Severity::info, "source.lynx", 0, 0,
         fmt::format("a lynx -dump page: {} link number(s) and placeholder(s) removed, its list of "
                     "{} URL(s) left out",
                     lynx.marks, lynx.references)});
  }
  MarkdownCounts md;
  if (auto text = markdown_to_text(utf8, md)) {
    utf8 = std::move(*text);
    p.diagnostics.push_back(
        {Severity::info, "source.markdown", 0, 0,
         fmt::format("Markdown made plain text ({} heading(s), {} link(s), {} emphasis mark(s), "
                     "{} other mark(s))",
                     md.headings, md.links, md.emphases, md.other)});
  }
  p.text = typeset_to_text(nfc(decode_html_references(std::move(utf8), references)), typeset);
  if (typeset > 0)
    p.diagnostics.push_back({Severity::info, "source.typesetting", 0, 0,
                             fmt::format("{} soft hyphen(s), ligature(s) or font bullet(s) made "
                                         "plain text",
                                         typeset)});
  if (references > 0)
    p.diagnostics.push_back({Severity::info, "source.html_references", 0, 0,
                             fmt::format("{} HTML character reference{} (&nbsp;, &#322;, …) decoded",
                                         references, references == 1 ? "" : "s")});
  if (const auto [chars, bad] = binary_characters(p.text);
      p.text.size() >= 4 && static_cast<double>(bad) > k_binary_share * static_cast<double>(chars)) {
    p.diagnostics.push_back(
        {Severity::error, "source.binary", 0, 0,
         fmt::format("the input looks binary ({} of {} characters are NUL, control characters or "
                     "undecodable bytes: a compressed or image file saved as text?)",
                     bad, chars)});
  }
  p.index_lines();
  // A form feed at the end (pdftotext ends every page with one) starts no page.
  while (!p.page_breaks.empty() && p.page_breaks.back() >= p.line_count()) p.page_breaks.pop_back();
  return p;
}

}  // namespace

SourcePage decode_page(std::string path, std::string_view raw) {
  return decode_bytes(std::move(path), raw, nullptr);
}

SourcePage decode_page(std::string path, std::string raw) {
  const std::string_view view = raw;
  return decode_bytes(std::move(path), view, &raw);
}

SourcePage decode_page(std::string path, const char* raw) {
  return decode_bytes(std::move(path), std::string_view(raw), nullptr);
}

std::optional<std::string> read_input(const std::string& path, std::uint64_t max_bytes,
                                      ReadError& err) {
  // POSIX I/O: one open, one fstat of the opened file (no window between a stat and the
  // open), and the bytes read straight into the result: for a regular file usually one
  // read() of its size plus the one that sees the end.
  const bool is_stdin = path == "-";
  int fd = is_stdin ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  auto fail = [&](std::string code, std::string message) {
    if (fd >= 0 && !is_stdin) ::close(fd);
    err = {std::move(code), std::move(message)};
    return std::nullopt;
  };
  if (fd < 0) return fail(errno == ENOENT ? "input.missing" : "input.unreadable", std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0) return fail("input.unreadable", std::strerror(errno));
  if (S_ISDIR(st.st_mode)) return fail("input.not_file", "is a directory");
  const bool regular = S_ISREG(st.st_mode);
  if (regular && static_cast<std::uint64_t>(st.st_size) > max_bytes)
    return fail("input.too_large",
                fmt::format("{} bytes is over --max-bytes {}", st.st_size, max_bytes));
  // A regular file is read into a buffer one byte larger than its size (two reads: the
  // bytes, then the end; a file that grew since fstat is still read to its end); pipes and
  // devices in 64 KiB steps.
  std::string data(regular ? static_cast<std::size_t>(st.st_size) + 1 : std::size_t{1} << 16,
                   '\0');
  std::size_t have = 0;
  for (;;) {
    if (have == data.size()) data.resize(have + (std::size_t{1} << 16));
    const ssize_t n = ::read(fd, data.data() + have, data.size() - have);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("input.unreadable", fmt::format("read error: {}", std::strerror(errno)));
    }
    if (n == 0) break;
    have += static_cast<std::size_t>(n);
    if (have > max_bytes)
      return fail("input.too_large", fmt::format("more than --max-bytes {} bytes", max_bytes));
  }
  if (!is_stdin) ::close(fd);
  data.resize(have);
  return data;
}

std::vector<std::string> expand_inputs(const std::vector<std::string>& args,
                                       std::vector<std::pair<std::string, ReadError>>& errors) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (const auto& arg : args) {
    std::error_code ec;
    if (arg == "-" || !fs::is_directory(arg, ec)) {
      out.push_back(arg);
      continue;
    }
    // Walk with symlinks followed, but never enter the same directory twice (loops).
    std::set<std::pair<dev_t, ino_t>> seen;
    std::vector<std::string> found;
    std::vector<fs::path> stack{fs::path(arg)};
    while (!stack.empty()) {
      fs::path dir = stack.back();
      stack.pop_back();
      struct stat st {};
      if (::stat(dir.c_str(), &st) != 0) {
        errors.push_back({dir.string(), {"input.unreadable", std::strerror(errno)}});
        continue;
      }
      if (!seen.insert({st.st_dev, st.st_ino}).second) {
        errors.push_back({dir.string(), {"input.loop", "directory loop (symlink), not followed"}});
        continue;
      }
      fs::directory_iterator it(dir, ec), end;
      if (ec) {
        errors.push_back({dir.string(), {"input.unreadable", ec.message()}});
        continue;
      }
      for (; it != end; it.increment(ec)) {
        if (ec) break;
        const fs::path& p = it->path();
        std::error_code e2;
        // The entry's type comes from the walk (d_type); only symlinks cost a stat.
        if (it->is_directory(e2)) {
          stack.push_back(p);
        } else if (is_page_extension(p.extension().string())) {
          // A FIFO or device met in a walk would block or never end; only named ones are read.
          if (it->is_regular_file(e2))
            found.push_back(p.string());
          else
            errors.push_back({p.string(), {"input.not_file", "not a regular file; skipped in a directory walk"}});
        }
      }
    }
    // A directory without pages is an input that gave nothing: said, not skipped in silence
    // (a scrape that saved PDFs, or into another directory, must not pass as empty). Pages
    // are *.txt, and *.html / *.htm, whose markup the reading stage makes text.
    if (found.empty())
      errors.push_back({arg, {"input.no_pages", "directory holds no *.txt, *.html or *.htm files"}});
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

}  // namespace bdp
