// Diacritics stage: runs after reflow, before boilerplate. Some sites publish Polish with its
// diacritics stripped (an old CMS, text pasted from SMS or e-mail, a scraper that ran
// `unidecode`): "Miejski Osrodek Pomocy Spolecznej w Elku", "10 626 osob", "42 000 zl". On
// such a page — enough letters, (almost) none of them ąćęłńóśźż, and enough words that the
// pl_PL dictionary knows only with diacritics — each word the dictionary does not know as
// written gets the diacritics of its one known variant ("osob" → "osób", "Elku" → "Ełku"),
// the variants with the fewest restored letters first; a word with several known variants
// at that level stays as written unless grammars/diacritics.grammar decides, and so does a
// word known as written ("lat", "ze"), but for the grammar's lists and context rules ("z
// rodzina" → "z rodziną", "Uchwala Nr" → "Uchwała Nr"). Letters are replaced one for one, so
// lines and code-point columns stay; the other stages then read the restored page, and the
// record's `text` is the restored reading. Any other page costs one scan that stops at its
// first few Polish letters, and is left byte for byte.
#pragma once

#include <memory>
#include <vector>

#include "bdp/grammar.h"
#include "bdp/morphology.h"
#include "bdp/source.h"

namespace bdp {

/// The compiled rules of diacritics.grammar, and a cache of the words already decided
/// (shared by the worker threads; a word's restoration does not depend on its page).
class DiacriticsRules {
 public:
  /// Reads [settings], [letters], [words], [phrases], [after_comma] and [after]; bad entries go
  /// to `errors`.
  static std::unique_ptr<DiacriticsRules> compile(const Grammars& g,
                                                  std::vector<GrammarError>& errors);
  ~DiacriticsRules();
  struct Impl;
  const Impl& impl() const { return *impl_; }

 private:
  explicit DiacriticsRules(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// What restore_diacritics found on a page.
struct DiacriticsStats {
  bool candidate = false;  ///< enough letters and (almost) no Polish letter among them
  int words = 0;           ///< words of the page (letter runs outside addresses)
  int restorable = 0;      ///< words unknown as written with one known variant
  int restored = 0;        ///< words given their diacritics (restorable and [words] entries)
  int ambiguous = 0;       ///< words left as written: several variants are known
  bool changed() const { return restored > 0; }
};

/// Restores the diacritics of a page written without them (see the top of this file), in
/// place: `page.text` and the byte offsets of `page.file_lines` are updated, and a
/// `source.diacritics_restored` info diagnostic is added. `lemmatizer` decides which words
/// are Polish; without its dictionary nothing is done.
DiacriticsStats restore_diacritics(SourcePage& page, const DiacriticsRules& rules,
                                   const Lemmatizer& lemmatizer);

}  // namespace bdp
