// The whole page pipeline on arbitrary bytes: decode_page → Pipeline::run → to_record →
// dump_record. The line must be one line of valid UTF-8 JSON that parses back to an object
// with the contract's first keys, and line numbers must lie inside the page.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "bdp/pipeline.h"
#include "fuzz_util.h"

namespace {
const bdp::Pipeline& pipeline_once() {
  return bdp::fuzz::compiled_once<bdp::Pipeline>(
      [](const bdp::Grammars& g, std::vector<bdp::GrammarError>& e) {
        return bdp::Pipeline::create(g, e);
      });
}
}  // namespace

// Compile before the first input so start-up never counts against -timeout.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  pipeline_once();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& pipeline = pipeline_once();
  std::string_view raw(reinterpret_cast<const char*>(data), size);
  bdp::PageResult r = pipeline.run(bdp::decode_page("fuzz.txt", raw));
  // The record's quantities and diagnostics count the file's lines (wrap_up maps them back
  // through the reflow stage's joins); the body counts the reflowed page's.
  const auto lines = static_cast<int>(r.source.line_count());
  const auto file_lines = static_cast<int>(r.source.file_line_count());
  for (const auto& d : r.diagnostics) BDP_FUZZ_CHECK(d.line >= 0 && d.line <= file_lines);
  for (const auto& q : r.quantities) BDP_FUZZ_CHECK(q.line >= 1 && q.line <= file_lines);
  for (const auto& b : r.body) BDP_FUZZ_CHECK(b.line >= 1 && b.line <= lines);
  BDP_FUZZ_CHECK(bdp::fuzz::valid_utf8(r.text));

  for (auto redaction : {bdp::Redaction::none, bdp::Redaction::hash}) {
    bdp::RecordOptions opts;
    opts.redaction = redaction;
    opts.salt = "fuzz";
    std::string line = bdp::dump_record(bdp::to_record(r, opts));
    BDP_FUZZ_CHECK(line.find('\n') == std::string::npos);
    BDP_FUZZ_CHECK(bdp::fuzz::valid_utf8(line));
    auto back = nlohmann::ordered_json::parse(line, nullptr, /*allow_exceptions=*/false);
    BDP_FUZZ_CHECK(back.is_object());
    BDP_FUZZ_CHECK(back.contains("schema_version") && back.contains("id") &&
                   back.contains("source") && back.contains("page_type"));
    BDP_FUZZ_CHECK(back["id"].is_string() && !back["id"].get<std::string>().empty());
  }
  return 0;
}
