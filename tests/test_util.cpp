#include "test_util.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

namespace bdp::test {

std::vector<std::string> sample_names() {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(std::string(BDP_SOURCE_DIR) + "/samples"))
    if (e.path().extension() == ".txt") out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

const Pipeline& pipeline() {
  static std::unique_ptr<Pipeline> p = [] {
    std::vector<GrammarError> errors;
    auto made = Pipeline::create(Grammars::embedded(), errors);
    if (!made) throw std::runtime_error("embedded grammars do not compile: " + errors.front().to_string());
    return made;
  }();
  return *p;
}

}  // namespace bdp::test
