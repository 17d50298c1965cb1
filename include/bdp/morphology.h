// Polish morphology: lemmas of inflected nouns and place names (Hunspell + pl_PL dictionary,
// corrected by the override table in grammars/morphology.grammar).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace bdp {

class Grammars;
struct GrammarError;

/// A thread-safe lemmatiser. Build once per process; `lemma`/`stems`/`spelled` may be called
/// from several threads (Hunspell calls are serialised inside).
class Lemmatizer {
 public:
  /// Loads Hunspell's pl_PL dictionary (from /usr/share/hunspell, or $BDP_HUNSPELL_DIR) and the
  /// `[override]` section of morphology.grammar (`form = lemma`, lower case). Without the
  /// dictionary only the overrides work; `available()` says which.
  static std::unique_ptr<Lemmatizer> create(const Grammars& g, std::vector<GrammarError>& errors);
  ~Lemmatizer();

  /// Starts loading the dictionary on a background thread (it is otherwise loaded by the
  /// first lookup, which then waits ~0.1 s); lookups made meanwhile wait for it. The
  /// pipeline calls this while it compiles the other stages' rules.
  void preload() const;

  /// True when the Hunspell dictionary was loaded.
  bool available() const;
  /// True when Hunspell's dictionary knows `word` as written, with its case rules (a
  /// capitalised or all-caps form of a lower-case word counts, a lower-case form of a name
  /// does not): "osób", "Ośrodek", "Ełku" yes; "osob", "ełku" no. False without the
  /// dictionary. The overrides play no part.
  bool spelled(std::string_view word) const;
  /// All stems Hunspell (or an override) gives for `word`, overrides first; may be empty.
  std::vector<std::string> stems(std::string_view word) const;
  /// The lemma of a common noun, lower case: an override, else the first stem that is all
  /// lower case, else the lower-cased word itself. "osobom" → "osoba", "dzieci" → "dziecko".
  std::string noun_lemma(std::string_view word) const;
  /// The nominative of a place name, capitalised as written: "Sopocie" → "Sopot",
  /// "Zgorzelca" → "Zgorzelec", "Płocku" → "Płock". Prefers a capitalised stem that is a
  /// prefix-sharing noun over adjectives ("płocki"); returns `word` when nothing fits.
  std::string place_lemma(std::string_view word) const;
  /// The nominative of a place name written in the locative, one or more words: "Kleszczowie"
  /// → "Kleszczów", "Ustrzykach Dolnych" → "Ustrzyki Dolne", "Bielsku-Białej" →
  /// "Bielsko-Biała". Endings from morphology.grammar's [place_locative],
  /// [place_locative_plural] and [place_adjective], checked against Hunspell's stems; an
  /// [override] of the whole phrase or of a word first. A word no ending fits goes through
  /// place_lemma.
  std::string place_from_locative(std::string_view phrase) const;
  /// The same for a name written in the genitive ("na terenie Nowego Sącza" → "Nowy Sącz",
  /// "miasta Zielonej Góry" → "Zielona Góra"): [place_genitive] and
  /// [place_adjective_genitive]. A noun's ending counts only when Hunspell confirms the
  /// nominative or a genitive adjective stands beside it; otherwise the word goes through
  /// place_lemma, since a name after "Gminy" is often left in the nominative.
  std::string place_from_genitive(std::string_view phrase) const;
  /// True when `written` could be the nominative of the locative `phrase` by the
  /// [place_locative] endings, word by word ("Łącku" → "Łącko" or "Łąck"), whether or not
  /// Hunspell knows it.
  bool is_locative_reading(std::string_view phrase, std::string_view written) const;
  /// True when a [place_genitive] ending other than one it keeps fits the word: it may be a
  /// genitive rather than a nominative ("Tczewa" may be; "Łącko" may not).
  bool could_be_genitive(std::string_view word) const;

 private:
  std::string place_from(std::string_view phrase, bool genitive) const;
  struct Impl;
  explicit Lemmatizer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// The lemmatiser's fast paths on (the default) or off, for tests: the dictionary charset's
/// conversion through a table of its bytes instead of ICU, and a place name's lower-cased
/// form looked up in Hunspell only when its answer can matter. Results are the same.
void set_morphology_fast_paths(bool on);

namespace detail {
/// `in` converted from charset `from` to `to` (one of them "UTF-8") as the lemmatiser
/// converts a word for Hunspell: `fast` through the single-byte charset's table (ICU for what
/// it does not hold), else ICU alone. For tests.
std::string convert_charset(std::string_view in, const std::string& to, const std::string& from,
                            bool fast);
}  // namespace detail

}  // namespace bdp
