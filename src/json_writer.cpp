// JSON text without an object model, byte for byte what nlohmann writes (see json_writer.h).
// Strings, most of a record, are checked for well-formed UTF-8 at once (simdjson) and copied
// in runs: eight bytes at a time while none is a control character, a quote or a backslash.
#include "bdp/json_writer.h"

#include <cstring>

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

}  // namespace

bool append_json_string(std::string_view s, std::string& out) {
  static constexpr char k_hex[] = "0123456789abcdef";
  // Well-formed UTF-8 (what nlohmann's decoder accepts, Unicode Table 3-7) is checked for the
  // whole string at once; then only control characters, '"' and '\\' need a look, eight bytes
  // at a time whatever the letters (Polish text has a two-byte letter every few bytes).
  if (!simdjson::validate_utf8(s.data(), s.size())) return false;
  out.push_back('"');
  std::size_t run = 0, i = 0;
  const std::size_t n = s.size();
  while (i < n) {
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
    if (i >= n) break;
    auto b = static_cast<unsigned char>(s[i]);
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
