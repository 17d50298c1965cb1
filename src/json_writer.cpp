// JSON text without an object model, byte for byte what nlohmann writes (see json_writer.h).
// Strings, most of a record, are copied in runs: sixteen bytes (SSE2), then eight, at a time
// while none is a control character, a quote or a backslash; their UTF-8 is checked once for
// the whole record (simdjson) when its outermost container closes.
#include "bdp/json_writer.h"

#include <array>
#include <atomic>
#include <cmath>
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

namespace {

std::atomic<bool> writer_fast_paths_on{true};  // set_json_writer_fast_paths

/// `s` as a JSON string, escaped as nlohmann escapes well-formed UTF-8, without checking it.
void append_escaped(std::string_view s, std::string& out) {
  static constexpr char k_hex[] = "0123456789abcdef";
  // The bytes JSON writes escaped: control characters, '"' and '\\'.
  static constexpr std::array<bool, 256> k_needs_escape = [] {
    std::array<bool, 256> t{};
    for (int b = 0; b < 0x20; ++b) t[static_cast<std::size_t>(b)] = true;
    t['"'] = t['\\'] = true;
    return t;
  }();
  // Only control characters, '"' and '\\' need a look, sixteen or eight bytes at a time
  // whatever the letters (Polish text has a two-byte letter every few bytes).
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
}

/// The bytes of a string append_escaped wrote (`body`: between its quotes), as they were.
std::string unescaped(std::string_view body) {
  std::string raw;
  raw.reserve(body.size());
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '\\' || i + 1 >= body.size()) {
      raw.push_back(body[i]);
      continue;
    }
    switch (const char e = body[++i]) {
      case 'b': raw.push_back('\b'); break;
      case 't': raw.push_back('\t'); break;
      case 'n': raw.push_back('\n'); break;
      case 'f': raw.push_back('\f'); break;
      case 'r': raw.push_back('\r'); break;
      case 'u': {  // \u00XX: a control character
        unsigned v = 0;
        for (std::size_t k = i + 1; k < i + 5 && k < body.size(); ++k) {
          const char h = body[k];
          v = v * 16 + static_cast<unsigned>(h <= '9' ? h - '0' : h - 'a' + 10);
        }
        raw.push_back(static_cast<char>(v));
        i += 4;
        break;
      }
      default: raw.push_back(e);  // '"', '\\'
    }
  }
  return raw;
}

/// Whether none of the `n` bytes at `p` is one JSON writes escaped (a control character, '"',
/// '\\'): eight bytes a step, the last step overlapping, for the short keys and values most
/// of a record's strings are.
bool nothing_to_escape(const char* p, std::size_t n) {
  constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  auto special = [](std::uint64_t x) {
    auto zero_byte = [](std::uint64_t y) { return (y - ones) & ~y & highs; };
    return ((x - ones * 0x20) & ~x & highs) | zero_byte(x ^ (ones * '"')) |
           zero_byte(x ^ (ones * '\\'));
  };
  if (n < 8) {
    for (std::size_t i = 0; i < n; ++i) {
      const auto b = static_cast<unsigned char>(p[i]);
      if (b < 0x20 || b == '"' || b == '\\') return false;
    }
    return true;
  }
  std::uint64_t any = 0, x;
  for (std::size_t i = 0; i + 8 <= n; i += 8) {
    std::memcpy(&x, p + i, 8);
    any |= special(x);
  }
  std::memcpy(&x, p + n - 8, 8);
  return (any | special(x)) == 0;
}

/// Strings up to this many bytes are checked whole before they are copied; longer ones go
/// to append_escaped's scan at once.
constexpr std::size_t k_short_string = 61;

/// `"s"` followed by `tail` (0: nothing), copied without a scan when `s` is short and holds
/// nothing to escape; false (nothing written) otherwise.
bool append_short_plain(std::string_view s, char tail, std::string& out) {
  std::size_t n = s.size();
  if (n > k_short_string || !nothing_to_escape(s.data(), n)) return false;
  // The copy's length is hidden from the optimiser: knowing it below 64, GCC inlines the copy
  // as `rep movsq`, whose start-up cost natively outweighed the instructions saved (perf).
  __asm__("" : "+r"(n));
  out.push_back('"');
  out.append(s.data(), n);
  out.push_back('"');
  if (tail) out.push_back(tail);
  return true;
}

}  // namespace

bool append_json_string(std::string_view s, std::string& out) {
  // Well-formed UTF-8 (what nlohmann's decoder accepts, Unicode Table 3-7) is checked for the
  // whole string at once, then the string is escaped.
  if (!well_formed_utf8(s)) return false;
  append_escaped(s, out);
  return true;
}

void set_json_writer_fast_paths(bool on) {
  writer_fast_paths_on.store(on, std::memory_order_relaxed);
}

void JsonWriter::string(std::string_view s) {
  // Inside a container the check waits for the outermost one's end (finish).
  if (depth_ > 0 && writer_fast_paths_on.load(std::memory_order_relaxed)) {
    if (!append_short_plain(s, 0, out_)) append_escaped(s, out_);
  } else {
    append_string(s, out_);
  }
}

void JsonWriter::finish() {
  depth_ = 0;
  const std::string_view text = std::string_view(out_).substr(start_);
  // The JSON around the strings is ASCII, and escaping touches only ASCII bytes: the text is
  // well-formed UTF-8 exactly when every string is.
  if (simdjson::validate_utf8(text.data(), text.size())) return;
  // Some string is not: each string is read back and, when broken, written as nlohmann writes
  // it (what append_string does with it).
  std::string fixed;
  fixed.reserve(text.size() + 64);
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t open = text.find('"', i);
    if (open == std::string_view::npos) break;
    std::size_t close = open + 1;
    while (close < text.size() && text[close] != '"') close += text[close] == '\\' ? 2 : 1;
    fixed.append(text.substr(i, open - i));
    const std::string_view body = text.substr(open + 1, close - open - 1);
    if (simdjson::validate_utf8(body.data(), body.size()))
      fixed.append(text.substr(open, close + 1 - open));
    else
      fixed += nlohmann_dump(nlohmann::json(unescaped(body)));
    i = close + 1;
  }
  if (i < text.size()) fixed.append(text.substr(i));
  out_.replace(start_, std::string::npos, fixed);
}

JsonWriter& JsonWriter::open(char c) {
  separate();
  if (depth_++ == 0) start_ = out_.size();
  out_.push_back(c);
  first_ = true;
  return *this;
}

JsonWriter& JsonWriter::close(char c) {
  closed_empty_ = first_;
  out_.push_back(c);
  if (depth_ > 0 && --depth_ == 0) finish();
  closed_at_ = out_.size();
  first_ = false;  // the container just closed is a member of the one around it
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view k) {
  separate();
  // Most keys are short literals: quotes and colon written with the key in one append.
  if (depth_ == 0 || !writer_fast_paths_on.load(std::memory_order_relaxed) ||
      !append_short_plain(k, ':', out_)) {
    string(k);
    out_.push_back(':');
  }
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) {
  separate();
  string(s);
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
  // nlohmann's shortest round-trip form ("0.5", "1.0", "1e+20"; NaN and infinities as null):
  // with fast paths, written by the function nlohmann's serializer calls (its dump_float),
  // without a json value and a string of its own in between.
  separate();
  if (!writer_fast_paths_on.load(std::memory_order_relaxed)) {
    out_ += nlohmann::json(v).dump();
    return *this;
  }
  if (!std::isfinite(v)) {
    out_ += "null";
    return *this;
  }
  std::array<char, 64> buf;  // the serializer's number_buffer
  const char* end = nlohmann::detail::to_chars(buf.data(), buf.data() + buf.size(), v);
  out_.append(buf.data(), static_cast<std::size_t>(end - buf.data()));
  return *this;
}

}  // namespace bdp
