// Literal atoms of RE2's prefilter (re2::FilteredRE2), for the stages that put it in front of
// many regexes (boilerplate's floating markers, classify's signals): a code point lower-cased
// as the prefilter lower-cases its atoms, an Aho-Corasick automaton of the atoms for one pass
// over a line, and a per-thread memo of the regexes a set of atoms leaves as candidates.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class FilteredRE2;
}

namespace bdp::atoms {

/// A non-ASCII code point lower-cased as RE2's prefilter lower-cases its atoms: the Polish
/// capitals to their small letters; the Polish small letters and any code point without a case
/// mapping that folds to itself as they are; 0 for any other letter (é, the Kelvin sign: their
/// folding is RE2's table's, not checked here) and for U+FFFD, which invalid bytes decode to.
char32_t prefilter_fold_cp(char32_t cp);

/// The small letter of a Polish letter ("Ą" → "ą", "ą" → "ą"); 0 for any other code point.
/// The part of prefilter_fold_cp and programme's atom fold that both make.
char32_t polish_small(char32_t c);

/// The end of the regex token at `pattern[i]` (RE2 syntax): past an escape (`\\pL`, `\\p{..}`,
/// `\\x{..}`, `\\Q..\\E`), past a character class, or past the byte.
std::size_t token_end(std::string_view pattern, std::size_t i);

/// Whether `pattern` can only match at the start of the text: after leading flag groups
/// (`(?i)`, none of them multi-line), every alternative at the top level opens with `^`. Such
/// patterns can go to an `RE2::ANCHOR_START` set, whose DFA stops as soon as no pattern can
/// match any more (boilerplate's markers, classify's signals on long lines).
bool anchored_at_start(std::string_view pattern);

/// `pattern` with every counted repetition `{m,n}` whose upper bound is at least `min_max`
/// opened up to `{m,}`: a pattern that matches wherever `pattern` does, for sets and pre-checks.
/// A bound such as `.{0,80}` makes the set's DFA count positions after every place the
/// repetition could start, multiplied by what the other patterns are in the middle of; the
/// marker's own regex confirms each line the set reports. A brace that is not a repetition
/// is left as it is. `least` (when given) gets the smallest bound opened, if one is: on a text
/// of at most that many bytes the opened pattern matches exactly where `pattern` does (each
/// non-empty round of a repetition takes a byte at least, and empty rounds can be left out or
/// added back).
std::string open_repeats(std::string_view pattern, std::size_t min_max,
                         std::size_t* least = nullptr);

/// Compiles `filter` (its regexes all added) and returns its atoms; `unfiltered` gets the
/// regexes without a condition on atoms, candidates whatever a line holds.
std::vector<std::string> compile_filter(re2::FilteredRE2& filter, std::vector<int>& unfiltered);

/// An Aho-Corasick automaton over a list of atoms: byte classes (0 for a byte in no atom) and a
/// full transition table, each state with the atoms that end there (along its failure chain).
/// A trie of byte strings over byte classes (class 0: a byte in no key; the others numbered
/// in order of first use): `next[state * classes + class]` is the child (0: none; the root,
/// state 0, is never a child), `key_end[k]` the state where key k ends.
struct ByteClassTrie {
  std::array<std::uint8_t, 256> byte_class{};
  std::size_t classes = 1;
  std::vector<std::uint32_t> next;
  std::size_t states = 1;
  std::vector<std::uint32_t> key_end;
  void build(const std::vector<std::string>& keys);
};

struct Automaton {
  std::array<std::uint8_t, 256> byte_class{};
  std::size_t classes = 1;
  std::vector<std::uint32_t> next;  // state × classes + class → state; state 0 is the root
  std::vector<std::uint32_t> out;   // state → its atoms in out_atoms [out[s], out[s + 1])
  std::vector<int> out_atoms;

  /// Builds the automaton of `atoms` (atom k is k); false when an atom is empty.
  bool build(const std::vector<std::string>& atoms);
  std::size_t states() const { return out.empty() ? 0 : out.size() - 1; }
};

/// The candidates of a set of atoms, per thread and per `Filter` type (which has
/// `void candidates(const std::vector<int>& present, std::vector<int>& out) const`):
/// FilteredRE2::AllPotentials walks its prefilter tree on every call (~3 k instructions), and
/// lines share few sets of atoms (a card's labels, "ośrodek pomocy społecznej"). Keyed by the
/// atoms, not the line's text; one rule set (`serial`) at a time, at most kSlots sets.
template <class Filter>
class CandidateMemo {
 public:
  static CandidateMemo& of_thread() {
    thread_local CandidateMemo memo;
    return memo;
  }
  const std::vector<int>& candidates(const Filter& f, std::uint64_t serial,
                                     const std::vector<int>& present) {
    if (serial != serial_) {
      serial_ = serial;
      for (auto& e : slots_) e.used = false;
    }
    if (slots_.empty()) slots_.resize(kSlots);
    std::uint64_t h = 14695981039346656037ull;
    for (int a : present) h = (h ^ static_cast<std::uint32_t>(a)) * 1099511628211ull;
    Entry& e = slots_[(h ^ (h >> 29)) & (kSlots - 1)];
    if (!e.used || e.atoms != present) {
      e.atoms = present;
      f.candidates(present, e.candidates);
      e.used = true;
    }
    return e.candidates;
  }

 private:
  static constexpr std::size_t kSlots = 1024;  // a power of two
  struct Entry {
    bool used = false;
    std::vector<int> atoms, candidates;
  };
  std::uint64_t serial_ = 0;
  std::vector<Entry> slots_;
};

}  // namespace bdp::atoms
