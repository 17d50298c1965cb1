// A streaming JSON writer: the record is written straight into one string, with no JSON
// object model in between. The bytes are exactly what nlohmann's
// `dump(-1, ' ', false, error_handler_t::replace)` writes for the same values (strings with
// invalid UTF-8 and floats are handed to nlohmann), so `to_json` functions built on it can
// parse the text back for callers that want an object.
#pragma once

#include <charconv>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace bdp {

/// Strings inside a container are written escaped but not checked for UTF-8 one by one: when
/// the outermost container closes, its whole text is checked at once (simdjson), and only when
/// that finds a sequence that is not UTF-8 are the strings read back and the broken ones
/// written again as nlohmann writes them (invalid bytes replaced). A value written outside any
/// container is checked at once. set_json_writer_fast_paths(false) checks every string alone.
class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}
  /// An outermost container left open (never in the record writer) is checked here.
  ~JsonWriter() {
    if (depth_ > 0) finish();
  }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  JsonWriter& begin_object() { return open('{'); }
  JsonWriter& end_object() { return close('}'); }
  JsonWriter& begin_array() { return open('['); }
  JsonWriter& end_array() { return close(']'); }

  /// The next value is this key's.
  JsonWriter& key(std::string_view k);

  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
  JsonWriter& value(bool b);
  JsonWriter& value(double v);
  JsonWriter& null();
  template <std::integral T>
    requires(!std::same_as<T, bool>)
  JsonWriter& value(T v) {
    separate();
    char buf[24];
    auto res = std::to_chars(buf, buf + sizeof buf, v);
    out_.append(buf, static_cast<std::size_t>(res.ptr - buf));
    return *this;
  }

  template <class T>
  JsonWriter& field(std::string_view k, const T& v) {
    return key(k).value(v);
  }

  /// Where the writer is, to go back to when what was written since turns out unwanted
  /// (an optional member whose object came out empty).
  struct Mark {
    std::size_t size;
    bool first;
    int depth;
  };
  Mark mark() const { return {out_.size(), first_, depth_}; }
  void rollback(Mark m) {
    out_.resize(m.size);
    first_ = m.first;
    depth_ = m.depth;
  }
  /// True when the last thing written was a container closed with nothing in it.
  bool wrote_empty() const { return closed_empty_ && out_.size() == closed_at_; }

  std::string& str() { return out_; }

 private:
  JsonWriter& open(char c);
  JsonWriter& close(char c);
  void string(std::string_view s);
  /// The check of the outermost container's text, from `start_` (see the class comment).
  void finish();
  void separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (!first_) out_.push_back(',');
    first_ = false;
  }

  std::string& out_;
  bool first_ = true;       // nothing written yet in the innermost container
  bool after_key_ = false;  // a key was written, its value is next
  bool closed_empty_ = false;
  std::size_t closed_at_ = 0;
  int depth_ = 0;           // open containers
  std::size_t start_ = 0;   // where the outermost open container starts in out_
};

/// What `write_json(w, v)` writes, parsed back into an object: the `to_json` of each stage,
/// for tests and tools (the record itself is written without the object).
template <class T>
nlohmann::ordered_json parsed_json(const T& v) {
  std::string out;
  JsonWriter w(out);
  write_json(w, v);
  return nlohmann::ordered_json::parse(out);
}

/// Appends `s` as a JSON string; false (and `out` unchanged) when `s` is not valid UTF-8.
bool append_json_string(std::string_view s, std::string& out);

/// JsonWriter's one check of a whole container (see the class) against a check of every string
/// alone. For tests: `false` checks each string, which must change no byte. Default on;
/// process-wide.
void set_json_writer_fast_paths(bool on);

namespace detail {
/// The UTF-8 check append_json_string makes (short ASCII strings told by their bytes' OR,
/// the rest by simdjson), for the test that compares it with nlohmann on any bytes.
bool well_formed_utf8_for_test(std::string_view s);
}  // namespace detail

}  // namespace bdp
