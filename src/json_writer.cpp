// JSON text without an object model, byte for byte what nlohmann writes (see json_writer.h).
// Strings, most of a record, are copied in runs: eight bytes at a time while none needs an
// escape or is non-ASCII, Polish two-byte letters inline.
#include "bdp/json_writer.h"

#include <cstring>

#include <nlohmann/json.hpp>

namespace bdp {

namespace {

std::string nlohmann_dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

/// Length of the well-formed UTF-8 sequence at s[i] (Unicode Table 3-7, what nlohmann's
/// decoder accepts), 0 when it is not one.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b = at(i);
  std::size_t left = s.size() - i;
  auto cont = [&](std::size_t k, unsigned char lo, unsigned char hi) {
    return at(i + k) >= lo && at(i + k) <= hi;
  };
  if (b >= 0xC2 && b <= 0xDF) return left >= 2 && cont(1, 0x80, 0xBF) ? 2 : 0;
  if (b >= 0xE0 && b <= 0xEF) {
    if (left < 3) return 0;
    unsigned char lo = b == 0xE0 ? 0xA0 : 0x80, hi = b == 0xED ? 0x9F : 0xBF;
    return cont(1, lo, hi) && cont(2, 0x80, 0xBF) ? 3 : 0;
  }
  if (b >= 0xF0 && b <= 0xF4) {
    if (left < 4) return 0;
    unsigned char lo = b == 0xF0 ? 0x90 : 0x80, hi = b == 0xF4 ? 0x8F : 0xBF;
    return cont(1, lo, hi) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF) ? 4 : 0;
  }
  return 0;
}

void append_string(std::string_view s, std::string& out) {
  if (!append_json_string(s, out)) out += nlohmann_dump(nlohmann::json(std::string(s)));
}

}  // namespace

bool append_json_string(std::string_view s, std::string& out) {
  static constexpr char k_hex[] = "0123456789abcdef";
  std::size_t mark = out.size();
  out.push_back('"');
  std::size_t run = 0, i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    // eight bytes at a time while none is a control character, '"', '\\' or non-ASCII
    while (i + 8 <= n) {
      std::uint64_t x;
      std::memcpy(&x, s.data() + i, 8);
      constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
      auto zero_byte = [&](std::uint64_t y) { return (y - ones) & ~y & highs; };
      std::uint64_t special = (x & highs) | ((x - ones * 0x20) & ~x & highs) |
                              zero_byte(x ^ (ones * '"')) | zero_byte(x ^ (ones * '\\'));
      if (special) break;
      i += 8;
    }
    if (i >= n) break;
    auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0x80) {
      if (b >= 0xC2 && b <= 0xDF && i + 1 < n &&
          (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80) {  // two bytes: Polish letters
        i += 2;
        continue;
      }
      std::size_t len = utf8_length(s, i);
      if (len == 0) {
        out.resize(mark);
        return false;
      }
      i += len;
      continue;
    }
    if (b >= 0x20 && b != '"' && b != '\\') {
      ++i;
      continue;
    }
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
