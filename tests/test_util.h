// Helpers shared by the test files: reading samples, a pipeline built once per test binary.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bdp/pipeline.h"

namespace bdp::test {

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string sample_path(const std::string& name) {
  return std::string(BDP_SOURCE_DIR) + "/samples/" + name;
}

/// `s` with every `from` replaced by `to`.
inline std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size()))
    s.replace(p, from.size(), to);
  return s;
}

/// The sample page names (`000_….txt` …), sorted.
std::vector<std::string> sample_names();

/// Every page of the repository's page sets (tests/data/eval, samples, tests/data/unknown,
/// tests/data/boilerplate_probe), as paths, sorted: what the fast-vs-plain tests run through.
std::vector<std::string> all_test_pages();

/// `utf8` converted to `charset` with ICU (for re-encoding pages in tests).
std::string encode(const std::string& utf8, const char* charset);

/// One pipeline over the embedded grammars, built on first use.
const Pipeline& pipeline();

/// The embedded boilerplate rules, compiled once.
const BoilerplateRules& boilerplate_rules();

}  // namespace bdp::test
