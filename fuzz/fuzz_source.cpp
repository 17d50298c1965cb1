// decode_page on arbitrary bytes: never throws, and the decoded page keeps its promises —
// valid UTF-8 without CR, a line index that agrees with the text, provenance of the raw bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "bdp/source.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view raw(reinterpret_cast<const char*>(data), size);
  bdp::SourcePage p = bdp::decode_page("fuzz.txt", raw);
  BDP_FUZZ_CHECK(p.bytes == size);
  BDP_FUZZ_CHECK(p.sha256.size() == 64);
  BDP_FUZZ_CHECK(!p.encoding.empty());
  BDP_FUZZ_CHECK(bdp::fuzz::valid_utf8(p.text));
  BDP_FUZZ_CHECK(p.text.find('\r') == std::string::npos);
  std::size_t newlines = 0;
  for (char c : p.text) newlines += c == '\n';
  std::size_t expected = newlines + (!p.text.empty() && p.text.back() != '\n' ? 1 : 0);
  BDP_FUZZ_CHECK(p.line_count() == expected);
  std::size_t total = 0;
  for (std::size_t i = 0; i < p.line_count(); ++i) {
    std::string_view l = p.line(i);
    BDP_FUZZ_CHECK(l.find('\n') == std::string_view::npos);
    BDP_FUZZ_CHECK(l.data() >= p.text.data() && l.data() + l.size() <= p.text.data() + p.text.size());
    total += l.size();
  }
  BDP_FUZZ_CHECK(total + newlines == p.text.size());
  for (const auto& d : p.diagnostics) BDP_FUZZ_CHECK(!d.code.empty());
  return 0;
}
