// parse_quantities on the lines of any decoded page (the pipeline only ever hands it valid
// UTF-8 lines): items point at real lines, ranges are ordered, to_json dumps.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bdp/morphology.h"
#include "bdp/quantities.h"
#include "bdp/source.h"
#include "fuzz_util.h"

namespace {
const bdp::QuantityRules& rules_once() {
  const auto& lemmatizer = bdp::fuzz::compiled_once<bdp::Lemmatizer>(
      [](const bdp::Grammars& g, std::vector<bdp::GrammarError>& e) {
        return bdp::Lemmatizer::create(g, e);
      });
  return bdp::fuzz::compiled_once<bdp::QuantityRules>(
      [&](const bdp::Grammars& g, std::vector<bdp::GrammarError>& e) {
        return bdp::QuantityRules::compile(g, &lemmatizer, e);
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
  std::vector<bdp::NumberedLine> lines;
  for (std::size_t i = 0; i < page.line_count(); ++i)
    lines.push_back({page.line(i), static_cast<int>(i + 1)});
  auto qs = bdp::parse_quantities(lines, rules);
  const auto n = static_cast<int>(lines.size());
  for (std::size_t i = 0; i < qs.size(); ++i) {
    const auto& q = qs[i];
    BDP_FUZZ_CHECK(q.line >= 1 && q.line <= n);
    BDP_FUZZ_CHECK(!q.kind.empty());
    BDP_FUZZ_CHECK(bdp::fuzz::valid_utf8(q.surface) && bdp::fuzz::valid_utf8(q.unit));
    BDP_FUZZ_CHECK(!std::isnan(q.value));
    if (q.part_of) BDP_FUZZ_CHECK(*q.part_of >= 0 && static_cast<std::size_t>(*q.part_of) < qs.size());
    std::string s = bdp::to_json(q).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    BDP_FUZZ_CHECK(!s.empty());
  }
  return 0;
}
