// Page-type classifier: weighted evidence from grammars/classify.grammar (metryka labels,
// breadcrumb, slide numbering, "Prezentacja na temat", MOPS vocabulary) → one of four types.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bdp/boilerplate.h"
#include "bdp/grammar.h"
#include "bdp/source.h"

namespace bdp {

enum class PageType { bdp_practice, mops_programme, slide_transcript, unknown };

/// "bdp_practice", "mops_programme", "slide_transcript", "unknown".
std::string_view to_string(PageType t);

/// The type, a confidence in 0..1 and the names of the signals that fired.
struct Classification {
  PageType type = PageType::unknown;
  double confidence = 0;
  std::vector<std::string> signals;
};

class ClassifierRules {
 public:
  static std::unique_ptr<ClassifierRules> compile(const Grammars& g,
                                                  std::vector<GrammarError>& errors);
  ~ClassifierRules();
  struct Impl;
  const Impl& impl() const { return *impl_; }

 private:
  explicit ClassifierRules(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Classifies a page. Pages with too little evidence for any type are `unknown`.
Classification classify_page(const SourcePage& page, const BoilerplateResult& bp,
                             const ClassifierRules& rules);

/// Turns the classifier's shortcuts off (every line through the one RE2 set of signals and
/// every slide-number pattern, no line memo) or back on; for tests comparing the two.
void set_classify_fast_paths(bool on);

namespace detail {
/// What one line gives on its own, read with the shortcuts (`fast`) or without: its signals
/// (guards checked) and its slide, page and list numbers, as text; for the test comparing the
/// two paths line by line.
std::string line_facts_for_test(std::string_view line, const ClassifierRules& rules, bool fast);
}  // namespace detail

}  // namespace bdp
