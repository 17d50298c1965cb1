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

/// The embedded programme rules and the lemmatiser, compiled once (errors kept).
struct ProgrammeEnv {
  Grammars grammars = Grammars::embedded();
  std::vector<GrammarError> errors;
  std::unique_ptr<Lemmatizer> lemmatizer = Lemmatizer::create(grammars, errors);
  std::unique_ptr<ProgrammeRules> rules = ProgrammeRules::compile(grammars, errors);
};
const ProgrammeEnv& programme_env();

/// The programme stage alone on `text` (no boilerplate decisions: every line kept), with the
/// embedded rules and lemmatiser of programme_env().
Programme parse_programme_text(std::string_view text, PageType type = PageType::mops_programme);

/// Goal ids / texts as one string ("1|1.1|2"), so a mismatch prints readably.
std::string goal_ids(const Programme& p);
std::string goal_texts(const Programme& p);

}  // namespace bdp::test
