// Every input a fuzzer ever crashed on (fuzz/regressions/<target>/*) runs through the whole
// pipeline in the ordinary test binary, so the sanitizer build of the suite replays them too.
#include <doctest/doctest.h>

#include <filesystem>

#include "test_util.h"

TEST_SUITE("fuzz_regressions") {

TEST_CASE("crashing inputs found by fuzzing now yield a valid record") {
  namespace fs = std::filesystem;
  fs::path root = fs::path(BDP_SOURCE_DIR) / "fuzz" / "regressions";
  int seen = 0;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file() || e.path().filename().string().starts_with(".")) continue;
    if (e.path().filename() == "README.md") continue;
    CAPTURE(e.path().string());
    std::string bytes = bdp::test::read_file(e.path().string());
    bdp::PageResult r = bdp::test::pipeline().run_bytes(e.path().filename().string(), bytes);
    std::string line = bdp::dump_record(bdp::to_record(r));
    auto parsed = nlohmann::json::parse(line, nullptr, false);
    CHECK_FALSE(parsed.is_discarded());
    CHECK(parsed["source"]["bytes"] == bytes.size());
    // the record's lines are the file's (a reflowed page has fewer of its own)
    const auto file_lines = static_cast<int>(r.source.file_line_count());
    for (const auto& q : r.quantities) CHECK((q.line >= 1 && q.line <= file_lines));
    for (const auto& b : r.body) CHECK((b.line >= 1 && b.line <= static_cast<int>(r.source.line_count())));
    ++seen;
  }
  CHECK(seen >= 2);
}

}  // TEST_SUITE
