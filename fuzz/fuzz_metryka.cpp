// parse_metryka on any decoded page: line numbers inside the page and the block, normalised
// fields in their promised shapes, and to_json dumps without throwing.
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "bdp/metryka.h"
#include "fuzz_util.h"

namespace {
const bdp::MetrykaRules& rules_once() {
  return bdp::fuzz::compiled_once<bdp::MetrykaRules>(
      [](const bdp::Grammars& g, std::vector<bdp::GrammarError>& e) {
        return bdp::MetrykaRules::compile(g, e);
      });
}
}  // namespace

// Compile before the first input so start-up never counts against -timeout.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  rules_once();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& rules = rules_once();
  std::string_view raw(reinterpret_cast<const char*>(data), size);
  bdp::SourcePage page = bdp::decode_page("fuzz.txt", raw);
  bdp::Metryka m = bdp::parse_metryka(page, rules);
  const auto lines = static_cast<int>(page.line_count());
  if (m.found) {
    BDP_FUZZ_CHECK(m.first_line >= 1 && m.first_line <= m.last_line && m.last_line <= lines);
  }
  for (const auto& [key, line] : m.field_lines) BDP_FUZZ_CHECK(line >= 1 && line <= lines);
  for (const auto& d : m.diagnostics) BDP_FUZZ_CHECK(d.line >= 0 && d.line <= lines);
  if (m.postal_code) {
    const std::string& pc = *m.postal_code;
    BDP_FUZZ_CHECK(pc.size() == 6 && pc[2] == '-');
  }
  if (m.entered) BDP_FUZZ_CHECK(m.entered->size() == 10);
  if (m.updated) BDP_FUZZ_CHECK(m.updated->size() == 10);
  for (const auto& p : m.phones) BDP_FUZZ_CHECK(!p.empty() && p[0] == '+');
  for (const auto& p : m.faxes) BDP_FUZZ_CHECK(!p.empty() && p[0] == '+');
  if (m.population) BDP_FUZZ_CHECK(*m.population >= 0);
  std::string s = bdp::to_json(m).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  BDP_FUZZ_CHECK(bdp::fuzz::valid_utf8(s));
  return 0;
}
