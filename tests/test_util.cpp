#include "test_util.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include <unicode/ucnv.h>
#include <unicode/unistr.h>

namespace bdp::test {

std::vector<std::string> sample_names() {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(std::string(BDP_SOURCE_DIR) + "/samples"))
    if (e.path().extension() == ".txt") out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> all_test_pages() {
  std::vector<std::string> out;
  for (const char* dir : {"tests/data/eval", "samples", "tests/data/unknown", "tests/data/boilerplate_probe"})
    for (const auto& e : std::filesystem::directory_iterator(std::string(BDP_SOURCE_DIR) + "/" + dir))
      if (e.path().extension() == ".txt") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

std::string encode(const std::string& utf8, const char* charset) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(charset, &status);
  std::string out(static_cast<std::size_t>(u.length()) * 4 + 8, '\0');
  int32_t n = u.extract(out.data(), static_cast<int32_t>(out.size()), conv, status);
  ucnv_close(conv);
  out.resize(static_cast<std::size_t>(n));
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

const ProgrammeEnv& programme_env() {
  static const ProgrammeEnv env;
  return env;
}

Programme parse_programme_text(std::string_view text, PageType type) {
  auto page = decode_page("test.txt", text);
  BoilerplateResult bp;
  bp.lines.resize(page.line_count());
  return parse_programme(page, bp, type, *programme_env().rules, programme_env().lemmatizer.get());
}

std::string goal_ids(const Programme& p) {
  std::string ids;
  for (std::size_t i = 0; i < p.goals.size(); ++i) ids += (i ? "|" : "") + p.goals[i].id;
  return ids;
}

std::string goal_texts(const Programme& p) {
  std::string texts;
  for (std::size_t i = 0; i < p.goals.size(); ++i) texts += (i ? "|" : "") + p.goals[i].text;
  return texts;
}

const BoilerplateRules& boilerplate_rules() {
  static std::unique_ptr<BoilerplateRules> r = [] {
    std::vector<GrammarError> errors;
    auto made = BoilerplateRules::compile(Grammars::embedded(), errors);
    if (!made || !errors.empty()) throw std::runtime_error("boilerplate grammar does not compile");
    return made;
  }();
  return *r;
}

}  // namespace bdp::test
