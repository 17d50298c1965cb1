// JSON text without an object model, byte for byte what nlohmann writes (see json_writer.h).
// Strings, most of a record, are checked for well-formed UTF-8 at once (simdjson) and copied
// in runs: sixteen bytes (SSE2), then eight, at a time while none is a control character, a
// quote or a backslash.
#include "bdp/json_writer.h"

#include <array>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <nlohmann/json.hpp>
#include <simdjson.h>

namespace bdp {

namespace {

std::string nlohmann_dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void append_string(std::string_view s, std::string& out) {
  if (!append_json_string(s, out)) out += nlohmann_dump(nlohmann::json(std::string(s)));
}

/// Whether `s` is well-formed UTF-8 (Unicode Table 3-7, what nlohmann's decoder accepts).
/// Most strings of a record are short ASCII (keys, kinds, units, numbers): told by an OR of
/// their bytes, eight at a time, instead of paying simdjson's dispatch; any other string goes
/// to simdjson (its SIMD walk beats a byte-by-byte one on Polish letters).
bool well_formed_utf8(std::string_view s) {
  const std::size_t n = s.size();
  if (n <= 64) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    std::uint64_t any = 0;
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      std::uint64_t x;
      std::memcpy(&x, p + i, 8);
      any |= x;
    }
    for (; i < n; ++i) any |= p[i];
    if ((any & 0x8080808080808080ULL) == 0) return true;
  }
  return simdjson::validate_utf8(s.data(), n);
}

}  // namespace

namespace detail {

bool well_formed_utf8_for_test(std::string_view s) { return well_formed_utf8(s); }

}  // namespace detail

bool append_json_string(std::string_view s, std::string& out) {
  static constexpr char k_hex[] = "0123456789abcdef";
  // The bytes JSON writes escaped: control characters, '"' and '\\'.
  static constexpr std::array<bool, 256> k_needs_escape = [] {
    std::array<bool, 256> t{};
    for (int b = 0; b < 0x20; ++b) t[static_cast<std::size_t>(b)] = true;
    t['"'] = t['\\'] = true;
    return t;
  }();
  // Well-formed UTF-8 (what nlohmann's decoder accepts, Unicode Table 3-7) is checked for the
  // whole string at once; then only control characters, '"' and '\\' need a look, eight bytes
  // at a time whatever the letters (Polish text has a two-byte letter every few bytes).
  if (!well_formed_utf8(s)) return false;
  out.push_back('"');
  std::size_t run = 0, i = 0;
  const std::size_t n = s.size();
  while (i < n) {
#if defined(__SSE2__)
    {
      const __m128i low = _mm_set1_epi8(0x1F), quote = _mm_set1_epi8('"'),
                    backslash = _mm_set1_epi8('\\');
      while (i + 16 <= n) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
        const __m128i special =
            _mm_or_si128(_mm_cmpeq_epi8(_mm_max_epu8(v, low), low),  // bytes ≤ 0x1F
                         _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
        const auto mask = static_cast<unsigned>(_mm_movemask_epi8(special));
        if (mask != 0) {
          i += static_cast<std::size_t>(__builtin_ctz(mask));
          break;
        }
        i += 16;
      }
    }
#endif
    while (i + 8 <= n) {
      std::uint64_t x;
      std::memcpy(&x, s.data() + i, 8);
      constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
      auto zero_byte = [&](std::uint64_t y) { return (y - ones) & ~y & highs; };
      // a byte below 0x20 (exact as to whether there is one), or '"', or '\\'
      std::uint64_t special = ((x - ones * 0x20) & ~x & highs) | zero_byte(x ^ (ones * '"')) |
                              zero_byte(x ^ (ones * '\\'));
      if (special) break;
      i += 8;
    }
    while (i < n && !k_needs_escape[static_cast<unsigned char>(s[i])]) ++i;  // the tail, or
    if (i >= n) break;                                                       // up to the byte
    const auto b = static_cast<unsigned char>(s[i]);
    out.append(s.data() + run, i - run);
    switch (b) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      default: {
        char u[6] = {'\\', 'u', '0', '0', k_hex[b >> 4], k_hex[b & 0xF]};
        out.append(u, 6);
      }
    }
    run = ++i;
  }
  out.append(s.data() + run, s.size() - run);
  out.push_back('"');
  return true;
}

JsonWriter& JsonWriter::open(char c) {
  separate();
  out_.push_back(c);
  first_ = true;
  return *this;
}

JsonWriter& JsonWriter::close(char c) {
  closed_empty_ = first_;
  out_.push_back(c);
  closed_at_ = out_.size();
  first_ = false;  // the container just closed is a member of the one around it
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view k) {
  separate();
  append_string(k, out_);
  out_.push_back(':');
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) {
  separate();
  append_string(s, out_);
  return *this;
}

JsonWriter& JsonWriter::value(bool b) {
  separate();
  out_ += b ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::null() {
  separate();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::value(double v) {
  // nlohmann's shortest round-trip form ("0.5", "1.0", "1e+20"; NaN and infinities as null)
  separate();
  out_ += nlohmann::json(v).dump();
  return *this;
}

}  // namespace bdp
