// Page layout: the page's own title and its breadcrumb (`section`), per page type.
// BDP cards: the breadcrumb line ("Usługi społeczne : Pomoc społeczna") and the title after
// it, never the site banner above the menu; MOPS pages: the first heading-like kept line, or
// the subject of the official act the page opens with ("Zarządzenie Nr … w sprawie przyjęcia
// Gminnego Programu …" → "Gminny Program …");
// slide transcripts: the presentation title ("Prezentacja na temat: "…"").
// Rules in grammars/layout.grammar.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "bdp/boilerplate.h"
#include "bdp/classify.h"
#include "bdp/diagnostic.h"
#include "bdp/grammar.h"
#include "bdp/source.h"

namespace bdp {

struct PageLayout {
  std::string title;                 ///< whitespace-normalised
  int title_line = 0;                ///< 1-based, 0 = none
  std::vector<std::string> section;  ///< breadcrumb parts
  int section_line = 0;
  /// The last line of a trail written a crumb a line (1-based; 0 = section_line's only).
  int section_last_line = 0;
  /// When the title is an official act's subject: the act's header as written, its lines up
  /// to the subject joined ("Uchwała Nr XXIV/180/2020 Rady Powiatu we Włodawie z dnia …").
  /// Not in the record; it tells apart the ids of two acts with one subject and no locality.
  std::string act;
  /// `layout.no_title` when a page of a known type has no title line, `layout.no_section`
  /// when a BDP card has no breadcrumb (both usually mean a truncated or re-templated page).
  std::vector<Diagnostic> diagnostics;
};

class LayoutRules {
 public:
  static std::unique_ptr<LayoutRules> compile(const Grammars& g,
                                              std::vector<GrammarError>& errors);
  ~LayoutRules();
  struct Impl;
  const Impl& impl() const { return *impl_; }

 private:
  explicit LayoutRules(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Finds title and breadcrumb of a page of the given type.
PageLayout find_layout(const SourcePage& page, const BoilerplateResult& bp, PageType type,
                       const LayoutRules& rules);

/// find_layout rules out a line as a breadcrumb by one pass of the [breadcrumb] line patterns
/// joined (their long counted repetitions opened) before trying each. For tests: `false` tries
/// each pattern on every line, which must change no result. Default on; process-wide.
void set_layout_fast_paths(bool on);

}  // namespace bdp
