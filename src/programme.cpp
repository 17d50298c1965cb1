// Programme parser. Works on the raw page lines (the boilerplate decisions are only a hint:
// a stripped line never ends a goals list and never adds to a slide's text, and a stripped
// slide header gives the slide no title). Order of work:
//  1. slides: after the transcript marker, a line starting with the next number (or a small
//     jump after a blank line, reported as a gap) starts a slide; the slide numbers are then
//     cut off the lines, so the other steps see the slide content only;
//  2. organisation: every mention of a welfare institution (full name in any case, or an
//     abbreviation) with the place and department that follow it; the most frequent name
//     wins, abbreviations expand only when the page names the full form;
//  3. locality: the organisation's place, else the most frequent place of the [locality]
//     patterns, in the nominative through the Lemmatizer;
//  4. period, title, author: the first match of the rules in grammar order;
//  5. goals: a goals heading opens a list; numbered markers split it, and only numbers that
//     continue the list's sequence count (1 → 2, 1 → 1.1, 1.3 → 2.1), so numbers inside the
//     goals' text stay text. The list runs on over lines that start with a marker, skipping
//     blank and repeated header lines (goals split over several slides). Arabic numbers
//     under a Roman-numbered goal are its parts; the unnumbered goal under a main goal's
//     heading ("Cel główny") is goal 0.
#include "bdp/programme.h"

#include <fmt/format.h>
#include <re2/filtered_re2.h>
#include <re2/re2.h>
#include <re2/set.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <map>
#include <mutex>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "bdp/atoms.h"
#include "bdp/quantities.h"
#include "bdp/text.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace bdp {

namespace {

constexpr std::string_view k_file = "programme.grammar";

using Regex = std::unique_ptr<RE2>;

struct OrgRule {
  const RE2* re;  // owned by the organisation list's filter
  std::string nominative;
};

/// The rule lists a page line is searched with; each has a literal prefilter.
enum ListId : std::size_t {
  k_organisations,  // the [organisation] rules, then the abbreviation regex
  k_localities,
  k_periods,
  k_titles,
  k_goal_headings,
  k_goal_markers,
  k_goal_explicit_markers,
  k_goal_groups,
  k_goal_bullets,
  k_goal_stops,
  k_goal_sentences,
  k_authors,
  k_transcript_starts,
  k_transcript_ends,
  k_list_count
};

/// Every prefilter atom of the stage (lower-case literals from RE2's FilteredRE2, at least
/// three characters), indexed by their first two bytes for one pass over a line.
class AtomTable {
 public:
  int id(const std::string& atom) {
    auto [it, added] = ids_.emplace(atom, static_cast<int>(atoms_.size()));
    if (added) {
      atoms_.push_back(atom);
      index_built_ = false;
    }
    return it->second;
  }

  /// Marks atom `id` as a rule's start literal: find() reports where it occurs.
  void mark_start(int id) {
    if (is_start_.size() <= static_cast<std::size_t>(id)) is_start_.resize(id + 1, false);
    is_start_[static_cast<std::size_t>(id)] = true;
    index_built_ = false;
  }

  std::size_t size() const { return atoms_.size(); }

  /// After the last id(): the bigram index.
  void build_index() {
    std::vector<std::pair<std::uint16_t, int>> keyed;
    for (std::size_t a = 0; a < atoms_.size(); ++a)
      keyed.emplace_back(bigram(atoms_[a]), static_cast<int>(a));
    std::sort(keyed.begin(), keyed.end());
    first_.assign(65537, 0);
    by_bigram_.clear();
    for (const auto& [key, a] : keyed) {
      ++first_[key + 1];
      const std::string& atom = atoms_[static_cast<std::size_t>(a)];
      const bool start = static_cast<std::size_t>(a) < is_start_.size() &&
                         is_start_[static_cast<std::size_t>(a)];
      Entry e{0, 0, static_cast<std::uint32_t>(atom.size()), a, start, atom.data()};
      for (std::size_t k = 0; k < 4 && k < atom.size(); ++k) {
        e.head |= std::uint32_t{static_cast<unsigned char>(atom[k])} << (8 * k);
        e.mask |= std::uint32_t{0xFF} << (8 * k);
      }
      by_bigram_.push_back(e);
    }
    for (std::size_t k = 1; k < first_.size(); ++k) first_[k] += first_[k - 1];
    // The same atoms as an Aho-Corasick automaton (atom k is id k), with each atom's length
    // and whether it is a start literal, for find_automaton().
    ac_ok_ = ac_.build(atoms_);
    // The transitions in 16 bits when the states allow: half the table, more of it in cache
    // (each byte's step waits for the one before it).
    next16_.clear();
    if (ac_ok_ && ac_.states() <= 0xFFFF)
      next16_.assign(ac_.next.begin(), ac_.next.end());
    if (ac_ok_) build_step_table();
    atom_len_.assign(atoms_.size(), 0);
    atom_start_.assign(atoms_.size(), 0);
    for (std::size_t a = 0; a < atoms_.size(); ++a) {
      atom_len_[a] = static_cast<std::uint32_t>(atoms_[a].size());
      atom_start_[a] = a < is_start_.size() && is_start_[a];
    }
    index_built_ = true;
  }

  /// Appends to `present` the ids of the atoms occurring in `folded` (unsorted, may repeat),
  /// and to `starts` each occurrence of a start literal (id, byte offset), in text order (by
  /// offset, then id). `automaton`: one Aho-Corasick pass (a table step a byte); else the
  /// bigram index (the reference: a lookup in a 65 537-entry table and a head compare per
  /// byte, memcmp per candidate).
  void find(std::string_view folded, std::vector<int>& present,
            std::vector<std::pair<int, std::uint32_t>>& starts, bool automaton = true) const {
    if (!index_built_) return;
    if (automaton && ac_ok_) {
      find_automaton(folded, present, starts);
      return;
    }
    const std::size_t n = folded.size();
    const auto* b = reinterpret_cast<const unsigned char*>(folded.data());
    const std::uint32_t* first = first_.data();
    for (std::size_t pos = 0; pos + 1 < n; ++pos) {
      std::size_t key = std::size_t{b[pos]} << 8 | b[pos + 1];
      std::uint32_t from = first[key], to = first[key + 1];
      if (from == to) continue;
      std::uint32_t head = 0;  // the next four bytes, little-endian, zero past the end
      for (std::size_t k = 0; k < 4 && pos + k < n; ++k) head |= std::uint32_t{b[pos + k]} << (8 * k);
      for (std::uint32_t k = from; k < to; ++k) {
        const Entry& e = by_bigram_[k];
        if ((head & e.mask) != e.head || e.len > n - pos) continue;
        if (e.len <= 4 || std::memcmp(e.data + 4, b + pos + 4, e.len - 4) == 0) {
          present.push_back(e.id);
          if (e.start) starts.emplace_back(e.id, static_cast<std::uint32_t>(pos));
        }
      }
    }
  }

 private:
  /// Atom `id`, found ending at byte `pos`: present, and a start literal's offset (its end less
  /// its length) after the starts since `first_start`; `sorted` false when it goes before them.
  void report(int id, std::size_t pos, std::vector<int>& present,
              std::vector<std::pair<int, std::uint32_t>>& starts, std::size_t first_start,
              bool& sorted) const {
    present.push_back(id);
    if (!atom_start_[static_cast<std::size_t>(id)]) return;
    const auto at = static_cast<std::uint32_t>(pos + 1 - atom_len_[static_cast<std::size_t>(id)]);
    if (starts.size() > first_start) {
      const auto& last = starts.back();
      if (at < last.second || (at == last.second && id < last.first)) sorted = false;
    }
    starts.emplace_back(id, at);
  }

  /// The starts since `first_start` by offset, then id (the bigram scan's order).
  static void sort_starts(std::vector<std::pair<int, std::uint32_t>>& starts, std::size_t first_start) {
    std::sort(starts.begin() + static_cast<std::ptrdiff_t>(first_start), starts.end(),
              [](const auto& x, const auto& y) {
                return x.second != y.second ? x.second < y.second : x.first < y.first;
              });
  }

  /// find() in one pass of the automaton: an atom is reported where it ends, so a start
  /// literal's offset is its end less its length, and the starts are sorted by offset, then id
  /// (the bigram scan's order: by offset, and at one offset by id).
  void find_automaton(std::string_view folded, std::vector<int>& present,
                      std::vector<std::pair<int, std::uint32_t>>& starts) const {
    if (!step16_.empty()) return find_stepped(step16_.data(), folded, present, starts);
    if (!step32_.empty()) return find_stepped(step32_.data(), folded, present, starts);
    const auto* b = reinterpret_cast<const unsigned char*>(folded.data());
    const std::size_t n = folded.size();
    const std::uint8_t* cls = ac_.byte_class.data();
    const std::uint32_t* out = ac_.out.data();
    const int* out_atoms = ac_.out_atoms.data();
    const std::size_t classes = ac_.classes;
    const std::size_t first_start = starts.size();
    bool sorted = true;
    std::uint32_t state = 0;
    const std::uint16_t* next16 = next16_.empty() ? nullptr : next16_.data();
    const std::uint32_t* next = ac_.next.data();
    for (std::size_t pos = 0; pos < n; ++pos) {
      state = next16 ? next16[state * classes + cls[b[pos]]] : next[state * classes + cls[b[pos]]];
      const std::uint32_t from = out[state], to = out[state + 1];
      for (std::uint32_t k = from; k < to; ++k)
        report(out_atoms[k], pos, present, starts, first_start, sorted);
    }
    if (!sorted) sort_starts(starts, first_start);
  }

  /// The automaton renumbered for find_stepped: the states that report atoms last (from
  /// step_out_from_ on), each transition the target's offset in the table (state × classes),
  /// in 16 bits when every offset fits. A byte's step is then one load and an add, and
  /// "reports nothing" is one compare, instead of two loads of `out`.
  void build_step_table() {
    const std::size_t n = ac_.states(), classes = ac_.classes;
    std::vector<std::uint32_t> renamed(n);
    std::uint32_t next_id = 0;
    for (int pass = 0; pass < 2; ++pass)
      for (std::size_t st = 0; st < n; ++st)
        if ((ac_.out[st] != ac_.out[st + 1]) == (pass == 1)) renamed[st] = next_id++;
    if (renamed[0] != 0) return;  // the root reports an atom: not expected (atoms are not empty)
    std::uint32_t reporting = 0;
    for (std::size_t st = 0; st < n; ++st) reporting += ac_.out[st] != ac_.out[st + 1];
    step_out_from_ = (n - reporting) * classes;
    std::vector<std::size_t> old_of(n);
    for (std::size_t st = 0; st < n; ++st) old_of[renamed[st]] = st;
    step_out_.assign(n + 1, 0);
    step_out_atoms_.clear();
    for (std::size_t ns = 0; ns < n; ++ns) {
      const std::size_t st = old_of[ns];
      step_out_[ns] = static_cast<std::uint32_t>(step_out_atoms_.size());
      step_out_atoms_.insert(step_out_atoms_.end(), ac_.out_atoms.begin() + ac_.out[st],
                             ac_.out_atoms.begin() + ac_.out[st + 1]);
    }
    step_out_[n] = static_cast<std::uint32_t>(step_out_atoms_.size());
    std::vector<std::uint32_t> table(n * classes);
    for (std::size_t st = 0; st < n; ++st)
      for (std::size_t c = 0; c < classes; ++c)
        table[renamed[st] * classes + c] =
            static_cast<std::uint32_t>(renamed[ac_.next[st * classes + c]] * classes);
    step16_.clear();
    step32_.clear();
    if (n * classes <= 0x10000) step16_.assign(table.begin(), table.end());
    else step32_ = std::move(table);
  }

  /// find_automaton over the renumbered table (step16_ or step32_): the same atoms and places.
  template <class Step>
  void find_stepped(const Step* step, std::string_view folded, std::vector<int>& present,
                    std::vector<std::pair<int, std::uint32_t>>& starts) const {
    const auto* b = reinterpret_cast<const unsigned char*>(folded.data());
    const std::size_t n = folded.size();
    const std::uint8_t* cls = ac_.byte_class.data();
    const std::size_t classes = ac_.classes, out_from = step_out_from_;
    const std::size_t first_start = starts.size();
    bool sorted = true;
    std::size_t at_state = 0;  // the state's offset in the table
    for (std::size_t pos = 0; pos < n; ++pos) {
      at_state = step[at_state + cls[b[pos]]];
      if (at_state < out_from) continue;
      const std::size_t st = at_state / classes;
      for (std::uint32_t k = step_out_[st]; k < step_out_[st + 1]; ++k)
        report(step_out_atoms_[k], pos, present, starts, first_start, sorted);
    }
    if (!sorted) sort_starts(starts, first_start);
  }

  static std::uint16_t bigram(const std::string& atom) {
    return static_cast<std::uint16_t>(static_cast<unsigned char>(atom[0]) << 8 |
                                      static_cast<unsigned char>(atom[1]));
  }

  std::vector<std::string> atoms_;
  std::vector<bool> is_start_;
  std::unordered_map<std::string, int> ids_;
  std::vector<std::uint32_t> first_;  ///< bigram → start in by_bigram_ (65537 entries)
  struct Entry {
    std::uint32_t head, mask;  ///< the atom's first (up to) four bytes, little-endian
    std::uint32_t len;
    int id;
    bool start;  ///< a start literal: its positions are reported
    const char* data;
  };
  std::vector<Entry> by_bigram_;
  atoms::Automaton ac_;
  std::vector<std::uint16_t> next16_;  ///< ac_.next in 16 bits, when every state fits
  // build_step_table's renumbered automaton: one of the tables, the reporting states' offsets
  // from step_out_from_ on, and their atoms (step_out_ by the new state number).
  std::vector<std::uint16_t> step16_;
  std::vector<std::uint32_t> step32_;
  std::size_t step_out_from_ = 0;
  std::vector<std::uint32_t> step_out_;
  std::vector<int> step_out_atoms_;
  bool ac_ok_ = false;
  std::vector<std::uint32_t> atom_len_;
  std::vector<std::uint8_t> atom_start_;
  bool index_built_ = false;
};

/// Which rules of a list can match anywhere in a line: RE2's prefilter gives each regex a
/// condition on literal strings ("atoms") that any match must contain, so a rule whose
/// condition fails on a line is not run on it (nor on any part of it). Rules without such a
/// condition always run. Bit k of a mask is rule k. The filter owns the list's regexes.
class ListFilter {
 public:
  static constexpr std::uint64_t k_all = ~std::uint64_t{0} >> 1;  // bit 63: "computed"

  ListFilter() : filter_(std::make_unique<re2::FilteredRE2>(3)) {}

  /// Compiles the next rule of the list; nullptr (and `error`) when RE2 rejects it.
  const RE2* add(const std::string& pattern, const RE2::Options& opt, std::string& error) {
    int id = 0;
    if (filter_->Add(pattern, opt, &id) != RE2::NoError) {
      error = RE2(pattern, opt).error();
      usable_ = false;
      return nullptr;
    }
    ++count_;
    return &filter_->GetRE2(id);
  }

  /// A rule added was left out of the list (the rule numbers no longer line up).
  void disable() { usable_ = false; }

  void compile(AtomTable& table) {
    if (!usable_ || count_ == 0 || count_ > 63) {
      usable_ = false;
      return;
    }
    std::vector<std::string> atoms;
    filter_->Compile(&atoms);
    for (std::size_t k = 0; k < atoms.size(); ++k) {
      if (atoms[k].size() < 2) {
        usable_ = false;
        return;
      }
      int g = table.id(atoms[k]);
      if (local_of_.size() <= static_cast<std::size_t>(g)) local_of_.resize(g + 1, -1);
      local_of_[g] = static_cast<int>(k);
    }
    std::vector<int> none, ids;
    filter_->AllPotentials(none, &ids);
    unfiltered_ = to_mask(ids);
  }

  /// Candidate rules for a line holding the atoms `present` (global ids); k_all when the
  /// line could not be checked.
  /// With `rules` (the rule set's serial, not 0) the answer is kept per thread for the list's
  /// atoms in the line: lines hold few of a list's atoms, in few combinations, and RE2's
  /// AllPotentials walks its prefilter tree each time.
  std::uint64_t candidates(const std::vector<int>* present, std::uint64_t rules = 0) const {
    if (!usable_ || !present) return k_all;
    std::vector<int> local;
    for (int g : *present)
      if (static_cast<std::size_t>(g) < local_of_.size() && local_of_[g] >= 0)
        local.push_back(local_of_[g]);
    if (local.empty()) return unfiltered_;
    if (rules == 0) return potentials(local);
    struct Memo {
      std::uint64_t rules = 0;
      std::unordered_map<std::string, std::uint64_t> masks;
    };
    thread_local Memo memo;
    if (memo.rules != rules || memo.masks.size() >= 8192) {
      memo.masks.clear();
      memo.rules = rules;
    }
    std::sort(local.begin(), local.end());
    std::string key(reinterpret_cast<const char*>(&filter_), sizeof filter_);
    key.append(reinterpret_cast<const char*>(local.data()), local.size() * sizeof(int));
    auto [it, fresh] = memo.masks.try_emplace(std::move(key), 0);
    if (fresh) it->second = potentials(local);
    return it->second;
  }

 private:
  std::uint64_t potentials(const std::vector<int>& local) const {
    std::vector<int> ids;
    filter_->AllPotentials(local, &ids);
    return to_mask(ids);
  }

  static std::uint64_t to_mask(const std::vector<int>& ids) {
    std::uint64_t m = 0;
    for (int id : ids) m |= std::uint64_t{1} << id;
    return m;
  }

  std::unique_ptr<re2::FilteredRE2> filter_;
  int count_ = 0;
  bool usable_ = true;
  std::vector<int> local_of_;  // global atom id → index in filter_'s atoms, -1: not its atom
  std::uint64_t unfiltered_ = k_all;
};

/// Where a rule's matches can start, read off the rule's leading literals (start_literals()):
/// every match begins with one of them (folded as the prefilter folds), or, with `back` 1,
/// one character of white space before it. A search then tries RE2 anchored at those places
/// only, in text order, instead of scanning the whole line for a start.
struct StartInfo {
  std::vector<std::uint64_t> literals;  ///< bit set over the atom table's ids
  std::size_t back = 0;
  /// Places read off the text itself, without the line's fold: a match may start at the
  /// text's start (an alternative opens with `^`), or at a byte of `bytes` (an alternative opens
  /// with an ASCII non-letter or a class of them: "[.!]", "\d", "\"").
  bool at_begin = false;
  std::array<std::uint64_t, 4> bytes{};
  bool any_bytes = false;
  bool byte_then_space = false;  ///< white space follows each such byte in a match
  /// Whether the places need the line's fold (start literals, lead-ins).
  bool folded() const { return !literals.empty() || !lead_ins.empty(); }
  bool has_byte(unsigned char b) const { return (bytes[b / 64] >> (b % 64)) & 1; }
  std::array<bool, 256> byte_table{};  ///< has_byte, one load a byte
  /// The bytes of byte_table as runs [first, last], when there are at most k_max_byte_runs of
  /// them (else empty): the fast path finds them sixteen bytes at a time.
  static constexpr std::size_t k_max_byte_runs = 4;
  std::vector<std::pair<unsigned char, unsigned char>> byte_runs;
  /// Literals a short word and white space stand before ("na\s+terenie"): (id, the word's
  /// bytes); the match starts that many bytes before the white space before the literal.
  std::vector<std::pair<int, std::size_t>> lead_ins;
  bool has(int id) const {
    auto k = static_cast<std::size_t>(id);
    return k / 64 < literals.size() && ((literals[k / 64] >> (k % 64)) & 1);
  }
};

class GroupTwin;

}  // namespace

struct ProgrammeRules::Impl {
  std::uint64_t serial = 0;  ///< this rule set among those compiled in the process (from 1)
  std::vector<OrgRule> organisations;
  /// Every organisation rule and the abbreviation regex in one set: a line it does not match
  /// holds no mention, so the rules are not run one by one on it. Null when not built.
  std::unique_ptr<RE2::Set> organisation_filter;
  std::vector<std::pair<std::string, std::string>> abbreviations;  // ABBR → full name
  const RE2* abbreviation = nullptr;  // owned by filters[k_organisations]
  Regex organisation_place;
  Regex organisation_owner;  ///< optional: the self-government owning it ("… Gminy Kłodzko")
  /// optional: a [locality] match's words before its place that put it in the nominative
  /// ("Gmina ", "w miejscowości ")
  Regex locality_nominative_head;
  Regex slide_line;
  /// A list's number and title opening a line ("1. Korpus …", "2) Cele"): a deck's slides
  /// when a slide transcript has no other numbering. Optional.
  Regex slide_list_line;
  Regex main_goal_sentence;  // optional
  Regex main_goal_label;     // optional
  /// optional: a goals heading naming one main goal ("Cel główny", "II. Cel główny programu")
  Regex main_goal_heading;
  std::vector<std::string> heading_name_words;  // layout.grammar [heading_name_words]
  Regex slide_title_trailer;  ///< optional: decoration closing a slide's title ("… ===")
  Regex author_name_word;
  Regex slide_title_line;  ///< optional
  /// The rules read on every line of a deck (slide_line, the footers) every match of which
  /// holds an ASCII digit, as their prefilter tells (match_needs_digit): a line without one is
  /// not searched on the fast path.
  std::vector<const RE2*> digit_rules;
  Regex slide_footer;      ///< optional: a page number under a slide's text ("– 3 –", "3/12")
  Regex slide_footer_bare;  ///< optional: a bare number under a slide's text ("3")
  int slide_footer_min = 3;
  Regex contact_line;      ///< optional
  int slide_title_max_chars = 150;
  int max_slide_gap = 3;
  int repeated_line_min = 3;
  int author_name_max_words = 3;
  int title_max_chars = 200;
  std::vector<Regex> departments;
  std::vector<Regex> period_fundings;
  std::vector<Regex> departments_before;  ///< optional
  std::vector<Regex> department_agents;   ///< [department_agent], optional
  std::vector<std::string> department_nominatives;  ///< [department_head]'s values, unique
  Regex department_end;                   ///< optional
  Regex department_not;                   ///< optional
  Regex department_apposition;            ///< optional
  /// boilerplate.grammar [abbreviations] (lower case, no full stop): a title ending in one
  /// keeps its full stop ("… w 2016 r.")
  std::unordered_set<std::string> title_abbreviations;
  std::vector<std::pair<std::string, std::string>> department_heads;  ///< inflected → nominative
  /// [place_abbreviation]: an abbreviated adjective of a place's name ("Wlkp.") → its
  /// masculine, feminine and neuter forms
  std::map<std::string, std::array<std::string, 3>, std::less<>> place_abbreviations;
  // Owned by `filters`:
  std::vector<const RE2*> localities, periods, titles;
  std::vector<const RE2*> goal_headings, goal_markers, goal_explicit_markers, goal_groups,
      goal_bullets, goal_stops, goal_sentences;
  std::vector<const RE2*> authors, transcript_starts, transcript_ends;
  std::vector<std::string> locality_stop, honorifics, role_words, institution_words;
  /// [author_page_meta]: boilerplate rules whose lines are the page's metadata block
  std::vector<std::string> page_meta_rules;
  std::vector<bool> locality_genitive;  // per [locality] rule: its place is a genitive
  std::vector<bool> period_single;      // per [period] rule: its year is both ends
  std::vector<bool> period_until;       // per [period] rule: its year is the end only
  AtomTable atoms;
  std::array<ListFilter, k_list_count> filters;
  std::unordered_map<const RE2*, StartInfo> starts;  ///< rules whose start literals are known
  /// Rules with groups whose Unicode classes were narrowed, each with its group twin: the same
  /// pattern with those classes cut down to the twin alphabet (group_twin_pattern).
  std::unordered_map<const RE2*, std::unique_ptr<GroupTwin>> group_twins;

  const StartInfo* start_info(const RE2& re) const {
    auto it = starts.find(&re);
    return it == starts.end() ? nullptr : &it->second;
  }

  const std::vector<const RE2*>& list(ListId id) const {
    switch (id) {
      case k_localities: return localities;
      case k_periods: return periods;
      case k_titles: return titles;
      case k_goal_headings: return goal_headings;
      case k_goal_markers: return goal_markers;
      case k_goal_explicit_markers: return goal_explicit_markers;
      case k_goal_groups: return goal_groups;
      case k_goal_bullets: return goal_bullets;
      case k_goal_stops: return goal_stops;
      case k_goal_sentences: return goal_sentences;
      case k_authors: return authors;
      case k_transcript_starts: return transcript_starts;
      case k_transcript_ends: return transcript_ends;
      default: return goal_stops;  // k_organisations is built from two members
    }
  }
  std::vector<const RE2*>& list(ListId id) {
    return const_cast<std::vector<const RE2*>&>(std::as_const(*this).list(id));
  }
};

namespace {

using Impl = ProgrammeRules::Impl;

re2::StringPiece piece(std::string_view s) { return {s.data(), s.size()}; }

std::string_view view(const re2::StringPiece& p) { return {p.data(), p.size()}; }

Regex compile_regex(const Grammars& g, const GrammarEntry& e, const std::string& pattern,
                    int min_groups, std::vector<GrammarError>& errors) {
  RE2::Options opt;
  opt.set_log_errors(false);
  opt.set_encoding(RE2::Options::EncodingUTF8);
  auto re = std::make_unique<RE2>(narrow_unicode_classes(pattern), opt);
  if (!re->ok()) {
    errors.push_back(g.error_at(k_file, e, fmt::format("bad regex: {}", re->error())));
    return nullptr;
  }
  if (re->NumberOfCapturingGroups() < min_groups) {
    errors.push_back(
        g.error_at(k_file, e, fmt::format("regex needs at least {} capture group(s)", min_groups)));
    return nullptr;
  }
  return re;
}

std::vector<Regex> compile_unfiltered_list(const Grammars& g, std::string_view section,
                                           int min_groups, std::vector<GrammarError>& errors) {
  std::vector<Regex> out;
  for (const auto& e : g.entries(k_file, section)) {
    std::string pattern = e.value.empty() ? e.key : e.key + " = " + e.value;
    if (auto re = compile_regex(g, e, pattern, min_groups, errors)) out.push_back(std::move(re));
  }
  return out;
}

RE2::Options rule_options() {
  RE2::Options opt;
  opt.set_log_errors(false);
  opt.set_encoding(RE2::Options::EncodingUTF8);
  return opt;
}

/// compile_regex for a rule of a filtered list: the regex is compiled (once) into `filter`.
const RE2* compile_into(ListFilter& filter, const Grammars& g, const GrammarEntry& e,
                        const std::string& pattern, int min_groups,
                        std::vector<GrammarError>& errors) {
  std::string error;
  const RE2* re = filter.add(narrow_unicode_classes(pattern), rule_options(), error);
  if (!re) {
    errors.push_back(g.error_at(k_file, e, fmt::format("bad regex: {}", error)));
    return nullptr;
  }
  if (re->NumberOfCapturingGroups() < min_groups) {
    errors.push_back(
        g.error_at(k_file, e, fmt::format("regex needs at least {} capture group(s)", min_groups)));
    filter.disable();
    return nullptr;
  }
  return re;
}

std::vector<const RE2*> compile_list(const Grammars& g, std::string_view section, int min_groups,
                                     ListFilter& filter, std::vector<GrammarError>& errors) {
  std::vector<const RE2*> out;
  for (const auto& e : g.entries(k_file, section)) {
    std::string pattern = e.value.empty() ? e.key : e.key + " = " + e.value;
    if (const RE2* re = compile_into(filter, g, e, pattern, min_groups, errors)) out.push_back(re);
  }
  return out;
}

std::vector<std::string> word_list(const Grammars& g, std::string_view section) {
  std::vector<std::string> out;
  for (const auto& e : g.entries(k_file, section)) out.push_back(e.key);
  return out;
}

const GrammarEntry* setting(const Grammars& g, std::string_view key) {
  for (const auto& e : g.entries(k_file, "settings"))
    if (e.key == key) return &e;
  return nullptr;
}

Regex setting_regex(const Grammars& g, std::string_view key, int min_groups,
                    std::vector<GrammarError>& errors) {
  const GrammarEntry* e = setting(g, key);
  if (!e || e->value.empty()) {
    errors.push_back({std::string(k_file), 0, fmt::format("[settings] needs '{} = regex'", key)});
    return nullptr;
  }
  return compile_regex(g, *e, e->value, min_groups, errors);
}

/// setting_regex for a setting the grammar may leave out: null when it is not there.
Regex optional_setting_regex(const Grammars& g, std::string_view key, int min_groups,
                             std::vector<GrammarError>& errors) {
  return setting(g, key) ? setting_regex(g, key, min_groups, errors) : nullptr;
}

int setting_int(const Grammars& g, std::string_view key, int fallback,
                std::vector<GrammarError>& errors) {
  const GrammarEntry* e = setting(g, key);
  if (!e) return fallback;
  int v = 0;
  auto [p, ec] = std::from_chars(e->value.data(), e->value.data() + e->value.size(), v);
  if (ec != std::errc() || p != e->value.data() + e->value.size() || v < 0) {
    errors.push_back(g.error_at(k_file, *e, fmt::format("'{}' needs a whole number", key)));
    return fallback;
  }
  return v;
}

/// One match: the whole span and up to two groups (empty views when a group did not take
/// part); offsets are relative to the searched text.
struct Hit {
  std::size_t start = 0, end = 0;
  std::string_view g1, g2;
};

std::atomic<bool> fast_paths_on{true};

/// The Hit of a match in `text`: whole match sub[0], groups sub[1..n-1] (n ≤ 3).
Hit hit_of(std::string_view text, const re2::StringPiece* sub, int n) {
  Hit h;
  h.start = static_cast<std::size_t>(sub[0].data() - text.data());
  h.end = h.start + sub[0].size();
  if (n > 1 && sub[1].data()) h.g1 = view(sub[1]);
  if (n > 2 && sub[2].data()) h.g2 = view(sub[2]);
  return h;
}

/// match() in one RE2 call asking for the groups (the slow path, kept for tests).
std::optional<Hit> match_direct(const RE2& re, std::string_view text, std::size_t pos,
                                RE2::Anchor anchor) {
  re2::StringPiece sub[3];
  int n = std::min(3, 1 + re.NumberOfCapturingGroups());
  if (pos > text.size() || !re.Match(piece(text), pos, text.size(), anchor, sub, n))
    return std::nullopt;
  return hit_of(text, sub, n);
}

/// The twin alphabet: ASCII and the Polish letters. A rule's group twin is its pattern with
/// each class narrow_unicode_classes wrote (`\pL`, `\p{Lu}`, `\p{Ll}`, `\pN`: thousands of
/// code points, a program of thousands of instructions) cut down to its code points in this
/// alphabet. On a text of these code points only, the twin matches exactly as the rule does,
/// with the same groups: RE2 tests a class only against the text's code points, which belong
/// to both classes or to neither, and the case folding of `(?i)` adds nothing from outside
/// the alphabet that the full class holds (the only partners of these letters beyond it, the
/// Kelvin sign and the long s, are no members of a narrowed class without `k`/`K` resp. `s`/
/// `S`). Everything else in the pattern is unchanged. RE2's group extraction (BitState) costs
/// in proportion to the program, so the twin reads a place after an institution's name in
/// ~2 k instructions instead of ~19 k.
bool in_twin_alphabet(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  for (std::size_t i = 0; i < n;) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    if (i + 1 >= n || p[i] < 0xC3 || p[i] > 0xC5 || (p[i + 1] & 0xC0) != 0x80) return false;
    const char32_t cp = (static_cast<char32_t>(p[i] & 0x1F) << 6) | (p[i + 1] & 0x3F);
    switch (cp) {
      case 0x104: case 0x105: case 0x106: case 0x107: case 0x118: case 0x119: case 0x141:
      case 0x142: case 0x143: case 0x144: case 0xD3: case 0xF3: case 0x15A: case 0x15B:
      case 0x179: case 0x17A: case 0x17B: case 0x17C:
        break;
      default:
        return false;
    }
    i += 2;
  }
  return true;
}

/// `pattern` (narrowed) with every class body narrow_unicode_classes writes cut down to the
/// twin alphabet; empty when it holds none.
/// The smallest program (RE2's ProgramSize) of a rule that gets a group twin: BitState, which
/// reads a short span's groups, costs in proportion to the program (a rule of ~5 000
/// instructions ~19 k a span, its twin of ~300 ~2 k).
constexpr int k_twin_min_program = 1000;

std::string group_twin_pattern(std::string_view pattern) {
  // (full body, its code points in the alphabet), longest body first.
  static const std::vector<std::pair<std::string, std::string>> bodies = [] {
    std::vector<char32_t> alphabet;
    for (char32_t c = 0; c < 0x80; ++c) alphabet.push_back(c);
    for (char32_t c : {0x104, 0x105, 0x106, 0x107, 0x118, 0x119, 0x141, 0x142, 0x143, 0x144,
                       0xD3, 0xF3, 0x15A, 0x15B, 0x179, 0x17A, 0x17B, 0x17C})
      alphabet.push_back(c);
    std::vector<std::pair<std::string, std::string>> out;
    for (const char* name : {"\\pL", "\\p{Lu}", "\\p{Ll}", "\\pN"}) {
      const std::string full = narrow_unicode_classes(name);
      if (full.size() < 3 || full.front() != '[' || full.back() != ']') continue;
      // The body is a list of `\x{h}` and `\x{h}-\x{h}`; anything else, and no twins.
      std::vector<std::pair<char32_t, char32_t>> ranges;
      const std::string_view body = std::string_view(full).substr(1, full.size() - 2);
      auto code = [&](std::size_t& i, char32_t& c) {
        if (body.substr(i, 3) != "\\x{") return false;
        const std::size_t end = body.find('}', i + 3);
        if (end == std::string_view::npos || end == i + 3) return false;
        unsigned v = 0;
        auto [ptr, ec] = std::from_chars(body.data() + i + 3, body.data() + end, v, 16);
        if (ec != std::errc() || ptr != body.data() + end) return false;
        c = v;
        i = end + 1;
        return true;
      };
      bool parsed = true;
      for (std::size_t i = 0; i < body.size() && parsed;) {
        char32_t a = 0, b = 0;
        parsed = code(i, a);
        b = a;
        if (parsed && i < body.size() && body[i] == '-') {
          ++i;
          parsed = code(i, b);
        }
        ranges.emplace_back(a, b);
      }
      if (!parsed) return std::vector<std::pair<std::string, std::string>>{};
      std::string cut;
      for (char32_t c : alphabet)
        for (const auto& [a, b] : ranges)
          if (c >= a && c <= b) {
            cut += fmt::format("\\x{{{:x}}}", static_cast<unsigned>(c));
            break;
          }
      if (cut.empty()) continue;  // a class must keep a member
      out.emplace_back(full.substr(1, full.size() - 2), std::move(cut));
    }
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    return out;
  }();
  std::string out(pattern);
  bool changed = false;
  for (const auto& [body, cut] : bodies)
    for (std::size_t at = out.find(body); at != std::string::npos; at = out.find(body, at + cut.size())) {
      out.replace(at, body.size(), cut);
      changed = true;
    }
  return changed ? out : std::string();
}

std::string tail_twin_pattern(std::string_view pattern);
bool valid_utf8_without_newline(std::string_view s);

/// A rule's group twin, compiled once the rule has read the groups of k_after spans its twin
/// can read in this process (a compile costs ~0.8 M instructions, as much as ~50 of the
/// extractions it makes cheaper; most rules read few spans in a run, or none). Two cuts, each
/// when the rule allows it: `alphabet`, the narrowed classes cut to the twin alphabet
/// (group_twin_pattern; spans in_twin_alphabet); `tail`, a last group `(.*)` read as bytes
/// (tail_twin_pattern; spans of valid UTF-8 without a line break).
class GroupTwin {
 public:
  static constexpr unsigned k_after = 16;
  GroupTwin(const RE2& rule, bool alphabet, bool tail)
      : rule_(rule), alphabet_(alphabet), tail_(tail) {}
  /// Whether the twin reads the groups of the rule's match `span` as the rule does.
  bool reads(std::string_view span) const {
    return (!alphabet_ || in_twin_alphabet(span)) && (!tail_ || valid_utf8_without_newline(span));
  }
  /// The twin, or null when it is not compiled yet or does not compile to the rule's groups
  /// (`now`: compile it at once, for tests).
  const RE2* get(bool now = false) const {
    if (!now && uses_.load(std::memory_order_relaxed) < k_after) {
      uses_.fetch_add(1, std::memory_order_relaxed);
      return nullptr;
    }
    std::call_once(once_, [this] {
      std::string pattern(rule_.pattern());
      if (alphabet_) pattern = group_twin_pattern(pattern);
      if (tail_ && !pattern.empty()) pattern = tail_twin_pattern(pattern);
      if (pattern.empty()) return;  // nothing to cut: the rule is its own twin
      auto re = std::make_unique<RE2>(pattern, rule_.options());
      if (re->ok() && re->NumberOfCapturingGroups() == rule_.NumberOfCapturingGroups())
        re_ = std::move(re);
    });
    return re_.get();
  }

 private:
  const RE2& rule_;
  const bool alphabet_, tail_;
  mutable std::atomic<unsigned> uses_{0};
  mutable std::once_flag once_;
  mutable std::unique_ptr<RE2> re_;
};
using GroupTwins = std::unordered_map<const RE2*, std::unique_ptr<GroupTwin>>;

/// Per thread: the groups RE2 found in a match, keyed by the rule, the match's text and what
/// lies either side of it — all that a full anchored match of the span can read (\b, ^ and $
/// look one byte beyond a position at most). Group extraction is most of a matching line's
/// cost (RE2's NFA for the rules over 512 instructions), and a site's pages repeat the same
/// headers and lists. Direct-mapped; a slot is overwritten on a collision. The entries hold
/// for one compiled rule set (use()).
class GroupMemo {
 public:
  static constexpr std::size_t k_slots = 4096;   // a power of two
  static constexpr std::size_t k_max_span = 512;  // longer matches are not remembered

  static GroupMemo& of_thread() {
    thread_local GroupMemo memo;
    return memo;
  }

  /// Starts afresh unless the entries belong to rule set `rules` (never 0); `twins` are the
  /// set's group twins.
  void use(std::uint64_t rules, const GroupTwins* twins = nullptr) {
    twins_ = twins;
    if (rules == rules_) return;
    rules_ = rules;
    for (auto& e : slots_) e.re = nullptr;
  }

  /// The groups of the match text[s, e) of `re` (sub[0] is that span) into sub[1..n).
  bool groups(const RE2& re, std::string_view text, std::size_t s, std::size_t e,
              re2::StringPiece* sub, int n) {
    if (rules_ == 0 || e - s > k_max_span)
      return twin(re, text.substr(s, e - s)).Match(piece(text), s, e, RE2::ANCHOR_BOTH, sub, n);
    int before = s > 0 ? static_cast<unsigned char>(text[s - 1]) : -1;
    int after = e < text.size() ? static_cast<unsigned char>(text[e]) : -1;
    std::string_view span = text.substr(s, e - s);
    std::size_t h = std::hash<std::string_view>{}(span);
    h ^= (reinterpret_cast<std::uintptr_t>(&re) >> 4) * 0x9E3779B97F4A7C15ull;
    h ^= static_cast<std::size_t>(before + 1) << 7 ^ static_cast<std::size_t>(after + 1) << 17;
    if (slots_.empty()) slots_.resize(k_slots);
    Entry& slot = slots_[(h ^ (h >> 29)) & (k_slots - 1)];
    if (slot.re == &re && slot.before == before && slot.after == after && slot.span == span) {
      for (int g = 1; g < n; ++g)
        sub[g] = slot.group[g - 1].first < 0
                     ? re2::StringPiece()
                     : re2::StringPiece(text.data() + s + slot.group[g - 1].first,
                                        static_cast<std::size_t>(slot.group[g - 1].second));
      return true;
    }
    if (!twin(re, span).Match(piece(text), s, e, RE2::ANCHOR_BOTH, sub, n)) return false;
    slot.re = &re;
    slot.before = before;
    slot.after = after;
    slot.span.assign(span);
    for (int g = 1; g < 3; ++g)
      slot.group[g - 1] = g < n && sub[g].data()
                              ? std::pair<int, int>(static_cast<int>(sub[g].data() - text.data() - s),
                                                    static_cast<int>(sub[g].size()))
                              : std::pair<int, int>(-1, 0);
    return true;
  }

 private:
  struct Entry {
    const RE2* re = nullptr;
    int before = -1, after = -1;  // the bytes either side, -1: the text's start / end
    std::string span;
    std::array<std::pair<int, int>, 2> group{};  // offset in the span (-1: no part), size
  };
  /// The regex that reads the groups of `re`'s match `span`: its group twin when it has one
  /// and the span is in the twin alphabet, else `re`.
  const RE2& twin(const RE2& re, std::string_view span) const {
    if (!twins_ || twins_->empty()) return re;
    auto it = twins_->find(&re);
    if (it == twins_->end() || !it->second->reads(span)) return re;
    const RE2* twin = it->second->get();
    return twin ? *twin : re;
  }

  std::uint64_t rules_ = 0;
  std::vector<Entry> slots_;
  const GroupTwins* twins_ = nullptr;
};

/// The Hit of the match sub[0] that a search of `re` in text[pos..] found, its groups read
/// (from the thread's GroupMemo, else RE2 over the span).
std::optional<Hit> with_groups(const RE2& re, std::string_view text, std::size_t pos,
                               RE2::Anchor anchor, re2::StringPiece* sub) {
  int n = std::min(3, 1 + re.NumberOfCapturingGroups());
  if (n > 1) {
    auto s = static_cast<std::size_t>(sub[0].data() - text.data());
    if (!GroupMemo::of_thread().groups(re, text, s, s + sub[0].size(), sub, n))
      return match_direct(re, text, pos, anchor);  // not expected: RE2 found this span
  }
  return hit_of(text, sub, n);
}

/// The leftmost-first match of `re` in text[pos..] and its first two groups. Two RE2 calls:
/// the first asks only for the span, so RE2 answers with its DFAs (a line without a match,
/// the common case, costs one DFA pass); the second finds the groups in that span only, as a
/// full anchored match with the whole text as context — what RE2 itself does after its DFA
/// pass — or takes them from the thread's GroupMemo. A single call asking for the groups of
/// an anchored rule (^…, ANCHOR_START) skips the DFA and runs BitState over the whole rest of
/// the text, match or not.
std::optional<Hit> match(const RE2& re, std::string_view text, std::size_t pos = 0,
                         RE2::Anchor anchor = RE2::UNANCHORED) {
  if (!fast_paths_on.load(std::memory_order_relaxed)) return match_direct(re, text, pos, anchor);
  re2::StringPiece sub[3];
  if (pos > text.size() || !re.Match(piece(text), pos, text.size(), anchor, sub, 1))
    return std::nullopt;
  return with_groups(re, text, pos, anchor, sub);
}


std::size_t offset_in(std::string_view outer, std::string_view inner) {
  return static_cast<std::size_t>(inner.data() - outer.data());
}

bool contains(const std::vector<std::string>& list, std::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

bool has_letter(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size())
    if (u_isalpha(static_cast<UChar32>(next_cp(s, i)))) return true;
  return false;
}

bool starts_lower(std::string_view s) {
  std::size_t i = 0;
  return !s.empty() && u_islower(static_cast<UChar32>(next_cp(s, i)));
}

/// Whether `s` starts with a group of three digits ("204 wyświetleń"): after a number of one
/// to three digits this is the rest of a figure grouped by spaces ("1 204"), not a title.
bool starts_digit_group(std::string_view s) {
  return s.size() >= 3 && std::isdigit(static_cast<unsigned char>(s[0])) &&
         std::isdigit(static_cast<unsigned char>(s[1])) &&
         std::isdigit(static_cast<unsigned char>(s[2])) &&
         (s.size() == 3 || !std::isdigit(static_cast<unsigned char>(s[3])));
}

/// Whitespace-normalised, without list punctuation at either end.
std::string clean_item(std::string_view s) {
  std::string t = normalize_space(s);
  auto strip = [](char c) { return c == ' ' || c == '.' || c == ',' || c == ';' || c == ':'; };
  while (!t.empty() && strip(t.back())) t.pop_back();
  std::size_t b = 0;
  while (b < t.size() && (strip(t[b]) || t[b] == '-')) ++b;
  return t.substr(b);
}

/// A title as clean_item() makes it, keeping an abbreviation's full stop at its end ("Efekty
/// realizacji w 2016 r.", "Stan na 31.12.2012 r.", "Punkt przy ul."): the stop is the word's.
std::string clean_title(const Impl& r, std::string_view s) {
  std::string t = clean_item(s);
  std::string n = normalize_space(s);
  while (!n.empty() && n.back() == ' ') n.pop_back();
  if (t.empty() || !n.ends_with('.') ||
      !std::string_view(n).substr(0, n.size() - 1).ends_with(t))
    return t;
  const auto sp = t.rfind(' ');
  std::string_view w = std::string_view(t).substr(sp == std::string::npos ? 0 : sp + 1);
  while (!w.empty() && (w.front() == '(' || w.front() == '"' || w.front() == '['))
    w.remove_prefix(1);
  if (!w.empty() && r.title_abbreviations.contains(to_lower(w))) t += '.';
  return t;
}

/// The value of a Roman numeral ("IV" → 4), 0 when `s` is not one.
int roman_value(std::string_view s) {
  auto digit = [](char c) {
    switch (c) {
      case 'I': return 1;
      case 'V': return 5;
      case 'X': return 10;
      case 'L': return 50;
      case 'C': return 100;
      default: return 0;
    }
  };
  int total = 0;
  for (std::size_t k = 0; k < s.size(); ++k) {
    int d = digit(s[k]);
    if (d == 0) return 0;
    int next = k + 1 < s.size() ? digit(s[k + 1]) : 0;
    total += next > d ? -d : d;
  }
  return total;
}

/// A goal id's numbers: "1.2.3" → {1, 2, 3}; a Roman numeral ("II") → {2}.
std::vector<int> parse_id(std::string_view id) {
  if (int roman = roman_value(id)) return {roman};
  std::vector<int> out;
  std::size_t i = 0;
  while (i < id.size()) {
    int v = 0;
    auto [p, ec] = std::from_chars(id.data() + i, id.data() + id.size(), v);
    if (ec != std::errc()) break;
    out.push_back(v);
    i = static_cast<std::size_t>(p - id.data());
    while (i < id.size() && id[i] == '.') ++i;
  }
  return out;
}

std::string format_id(const std::vector<int>& id) {
  std::string out;
  for (int c : id) {
    if (!out.empty()) out += '.';
    out += std::to_string(c);
  }
  return out;
}

/// True when `id` may follow `last` in a numbered goals list: the first child of `last`, or
/// the next sibling of `last` or of one of its ancestors, optionally followed by first
/// children (1.3 → 2.1). An empty `last` (list just opened) accepts any first item.
bool continues(const std::vector<int>& last, const std::vector<int>& id) {
  if (id.empty()) return false;
  if (last.empty()) return id.back() == 1;
  if (id.size() == last.size() + 1 && std::equal(last.begin(), last.end(), id.begin()) &&
      id.back() == 1)
    return true;
  for (std::size_t k = 1; k <= last.size() && k <= id.size(); ++k) {
    if (!std::equal(last.begin(), last.begin() + static_cast<std::ptrdiff_t>(k - 1), id.begin()))
      continue;
    if (id[k - 1] != last[k - 1] + 1) continue;
    if (std::all_of(id.begin() + static_cast<std::ptrdiff_t>(k), id.end(),
                    [](int c) { return c == 1; }))
      return true;
  }
  return false;
}

/// Whether every match of `re` holds an ASCII digit, as RE2's prefilter reads the pattern
/// (atoms of one byte and up): its condition on atoms fails when every atom without a digit is
/// present. The condition holds on the atoms of any text `re` matches (lower-cased: a digit
/// stays a digit), and it only grows with more atoms present, so a text without digits lacks
/// only atoms that hold one and cannot match. A pattern the prefilter cannot read, or that
/// gives no condition, is taken to match without digits.
bool match_needs_digit(const RE2& re) {
  re2::FilteredRE2 filter(1);
  int id = 0;
  if (filter.Add(re.pattern(), re.options(), &id) != RE2::NoError) return false;
  std::vector<int> unfiltered;
  const std::vector<std::string> atoms = atoms::compile_filter(filter, unfiltered);
  if (!unfiltered.empty()) return false;
  std::vector<int> present, candidates;
  for (std::size_t a = 0; a < atoms.size(); ++a)
    if (std::none_of(atoms[a].begin(), atoms[a].end(), [](char c) { return c >= '0' && c <= '9'; }))
      present.push_back(static_cast<int>(a));
  filter.AllPotentials(present, &candidates);
  return candidates.empty();
}

/// A code point as fold_for_atoms writes it: ASCII lower-cased, the Polish capitals as their
/// small letters, the Polish small letters and a fixed set of punctuation and spaces as they
/// are; 0 for any other code point (U+FFFD, which invalid bytes decode to, among them).
char32_t atom_fold_cp(char32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + ('a' - 'A') : cp;
  if (const char32_t small = atoms::polish_small(cp)) return small;
  switch (cp) {
    case 0x00A0: case 0x00A7: case 0x00A9: case 0x00AB: case 0x00AD: case 0x00AE:
    case 0x00B0: case 0x00B7: case 0x00BB: case 0x00D7:
    case 0x2002: case 0x2003: case 0x2004: case 0x2005: case 0x2006: case 0x2007:
    case 0x2008: case 0x2009: case 0x200A: case 0x200B:
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2018: case 0x2019: case 0x201A: case 0x201C: case 0x201D: case 0x201E:
    case 0x2022: case 0x2026: case 0x202F: case 0x20AC: case 0x2122: case 0xFEFF:
      return cp;
    default:
      return 0;
  }
}

/// For the two-byte sequences of lead bytes C2..C5 (Latin-1 and Latin Extended-A, where the
/// Polish letters are): the second byte fold_for_atoms writes (the lead byte stays), indexed
/// by (lead - 0xC2) * 64 + (second & 0x3F); 0 where atom_fold_cp gives 0.
const std::array<std::uint8_t, 256>& two_byte_folds() {
  static const std::array<std::uint8_t, 256> table = [] {
    std::array<std::uint8_t, 256> t{};
    for (unsigned lead = 0xC2; lead <= 0xC5; ++lead)
      for (unsigned c = 0; c < 64; ++c) {
        const char32_t cp = ((lead & 0x1F) << 6) | c;
        const char32_t f = atom_fold_cp(cp);
        if (f != 0 && (0xC0 | (f >> 6)) == lead) t[(lead - 0xC2) * 64 + c] = static_cast<std::uint8_t>(0x80 | (f & 0x3F));
      }
    return t;
  }();
  return table;
}

/// Appends the lower-case form of `s` the prefilter atoms are matched against: ASCII and the
/// Polish letters folded as RE2 folds them, a fixed set of punctuation and spaces copied
/// (atom_fold_cp). False when `s` holds any other code point or invalid UTF-8 (its fold is
/// not checked here, so the line keeps every rule). With `fast` (the fast path) ASCII runs
/// are folded sixteen bytes at a time and the two-byte sequences of the Polish letters through
/// a table, into a buffer sized once; the bytes written and the answer are the plain loop's.
bool fold_for_atoms(std::string_view s, std::string& out, bool fast) {
  out.clear();
  if (!fast) {
    for (std::size_t i = 0; i < s.size();) {
      auto b = static_cast<unsigned char>(s[i]);
      if (b < 0x80) {
        std::size_t j = i;  // the ASCII run
        while (j < s.size() && static_cast<unsigned char>(s[j]) < 0x80) ++j;
        std::size_t at = out.size();
        out.resize(at + (j - i));
        char* o = out.data() + at;
        for (std::size_t k = i; k < j; ++k) {
          char c = s[k];
          *o++ = static_cast<char>(c + ((c >= 'A' && c <= 'Z') ? 'a' - 'A' : 0));
        }
        i = j;
        continue;
      }
      std::size_t start = i;
      const char32_t cp = next_cp(s, i);
      const char32_t lower = atom_fold_cp(cp);
      if (lower == 0) return false;
      if (lower == cp) {
        out.append(s.data() + start, i - start);
        continue;
      }
      char buf[2] = {static_cast<char>(0xC0 | (lower >> 6)), static_cast<char>(0x80 | (lower & 0x3F))};
      out.append(buf, 2);
    }
    return true;
  }
  const std::size_t n = s.size();
  // Every code point folds to one of its own length: the result is as long as `s`. Sixteen
  // bytes of room past it for a block stored whole.
  out.resize(n + 16);
  const auto* in = reinterpret_cast<const unsigned char*>(s.data());
  auto* o = reinterpret_cast<unsigned char*>(out.data());
  const auto& folds = two_byte_folds();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char b = in[i];
    if (b < 0x80) {
#if defined(__SSE2__)
      // 'A'..'Z' get 0x20 added (signed compares: a byte >= 0x80 is negative and stays); the
      // block is stored whole and only its ASCII run counts (what follows is written again).
      const __m128i below_a = _mm_set1_epi8('A' - 1), above_z = _mm_set1_epi8('Z' + 1);
      const __m128i case_bit = _mm_set1_epi8(0x20);
      bool ended = false;
      while (i + 16 <= n) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + i));
        const __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(v, below_a), _mm_cmplt_epi8(v, above_z));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(o + i), _mm_add_epi8(v, _mm_and_si128(upper, case_bit)));
        const auto high = static_cast<unsigned>(_mm_movemask_epi8(v));
        if (high != 0) {
          i += static_cast<std::size_t>(__builtin_ctz(high));
          ended = true;
          break;
        }
        i += 16;
      }
      if (ended) continue;
#endif
      while (i < n && in[i] < 0x80) {
        const unsigned char c = in[i];
        o[i++] = static_cast<unsigned char>(c + ((c >= 'A' && c <= 'Z') ? 'a' - 'A' : 0));
      }
      continue;
    }
    if (b >= 0xC2 && b <= 0xC5 && i + 1 < n && (in[i + 1] & 0xC0) == 0x80) {
      if (const std::uint8_t second = folds[(b - 0xC2) * 64 + (in[i + 1] & 0x3F)]) {
        o[i] = b;
        o[i + 1] = second;
        i += 2;
        continue;
      }
    }
    std::size_t j = i;
    const char32_t cp = next_cp(s, j);
    const char32_t lower = atom_fold_cp(cp);
    if (lower == 0) return false;
    if (lower == cp) {
      std::memcpy(o + i, in + i, j - i);  // copied as written
    } else if (j - i == 2) {
      o[i] = static_cast<unsigned char>(0xC0 | (lower >> 6));
      o[i + 1] = static_cast<unsigned char>(0x80 | (lower & 0x3F));
    } else {
      return fold_for_atoms(s, out, false);  // a capital written in more bytes than its fold
    }
    i = j;
  }
  out.resize(n);
  return true;
}

/// The end of the character class opening at s[open] ('['), or npos.
std::size_t class_end(std::string_view s, std::size_t open) {
  std::size_t j = open + 1;
  if (j < s.size() && s[j] == '^') ++j;
  if (j < s.size() && s[j] == ']') ++j;  // a ']' first is a member
  for (; j < s.size(); ++j) {
    if (s[j] == '\\') {
      ++j;
    } else if (s[j] == '[' && j + 1 < s.size() && s[j + 1] == ':') {
      std::size_t e = s.find(":]", j + 2);
      if (e == std::string_view::npos) return e;
      j = e + 1;
    } else if (s[j] == ']') {
      return j;
    }
  }
  return std::string_view::npos;
}

/// `pattern` with its last group read as bytes, when the pattern ends in a group `(.*)`,
/// `(.+)` (or their lazy forms) followed only by closing brackets (`)`, `)?`) and `$`; else
/// "". On a span of valid UTF-8 without '\n' the two match alike with the same groups: the
/// rest of the pattern is the same, a path reaches the group at a code point's boundary (no
/// `\C` elsewhere), and from there both `.*` and `\C*` can only end where `$` holds, which
/// inside such a span is its end; `.` reads the rest of the span as code points and `\C` as
/// bytes, so both take it whole. `\C` is one instruction a byte, `.` in UTF-8 a small
/// automaton, so the group extraction (BitState, per byte and instruction) costs half.
std::string tail_twin_pattern(std::string_view pattern) {
  // The pattern's structural characters: not escaped, not inside a character class.
  std::vector<std::size_t> structural;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\') {
      if (i + 1 >= pattern.size() || pattern[i + 1] == 'C' || pattern[i + 1] == 'Q') return {};
      ++i;
    } else if (c == '[') {
      i = class_end(pattern, i);
      if (i == std::string_view::npos) return {};
    } else {
      structural.push_back(i);
    }
  }
  const std::size_t m = structural.size();
  auto ch = [&](std::size_t q) { return pattern[structural[q]]; };
  auto adjacent = [&](std::size_t from, std::size_t to) {  // structural[from..to] in a row
    for (std::size_t q = from; q < to; ++q)
      if (structural[q] + 1 != structural[q + 1]) return false;
    return true;
  };
  // The place of the '.' of a group "(.*)", "(.+)", "(.*?)", "(.+?)" whose ')' is
  // structural[close], or npos.
  auto group_dot = [&](std::size_t close) -> std::size_t {
    std::size_t q = close;
    if (q >= 1 && ch(q - 1) == '?') --q;
    if (q < 3 || (ch(q - 1) != '*' && ch(q - 1) != '+') || ch(q - 2) != '.' || ch(q - 3) != '(' ||
        !adjacent(q - 3, close))
      return std::string_view::npos;
    return q - 2;
  };
  if (m == 0 || structural[m - 1] + 1 != pattern.size() || ch(m - 1) != '$') return {};
  std::size_t dot = std::string_view::npos;
  // Backwards from the '$' over closers ")" and ")?" to the group.
  for (std::size_t j = m - 1; j > 0 && dot == std::string_view::npos;) {
    std::size_t c = j - 1;
    if (ch(c) == '?' && c >= 1 && ch(c - 1) == ')') --c;
    if (ch(c) != ')' || !adjacent(c, j)) return {};
    dot = group_dot(c);
    j = c;
  }
  if (dot == std::string_view::npos) return {};
  std::string out(pattern);
  out.replace(structural[dot], 1, "\\C");
  return out;
}

/// Whether `s` is well-formed UTF-8 (no overlong forms, no surrogates, at most U+10FFFF)
/// without a '\n'.
bool valid_utf8_without_newline(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  for (std::size_t i = 0; i < n;) {
    const unsigned char b = p[i];
    if (b < 0x80) {
      if (b == '\n') return false;
      ++i;
      continue;
    }
    std::size_t len;
    char32_t cp;
    if (b >= 0xC2 && b < 0xE0) {
      len = 2;
      cp = b & 0x1F;
    } else if (b >= 0xE0 && b < 0xF0) {
      len = 3;
      cp = b & 0x0F;
    } else if (b >= 0xF0 && b < 0xF5) {
      len = 4;
      cp = b & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp < 0xE000))
      return false;
    i += len;
  }
  return true;
}

/// The top-level alternatives of the regex `s`, or nothing when its brackets do not pair.
std::vector<std::string_view> alternatives_of(std::string_view s) {
  std::vector<std::string_view> alts;
  int depth = 0;
  std::size_t from = 0;
  for (std::size_t j = 0; j < s.size(); ++j) {
    if (s[j] == '\\') {
      ++j;
    } else if (s[j] == '[') {
      j = class_end(s, j);
      if (j == std::string_view::npos) return {};
    } else if (s[j] == '(') {
      ++depth;
    } else if (s[j] == ')') {
      if (--depth < 0) return {};
    } else if (s[j] == '|' && depth == 0) {
      alts.push_back(s.substr(from, j - from));
      from = j + 1;
    }
  }
  if (depth != 0) return {};
  alts.push_back(s.substr(from));
  return alts;
}

/// The literal texts every match of the regex `s` (one alternative: a concatenation) starts
/// with, folded as fold_for_atoms folds a line (so case does not matter), each of at least
/// three bytes, appended to `out`; false when `s` does not start so. Zero-width items and flag
/// groups before them are passed over; with `top`, so is "(?:^|\s)", which sets `back` to 1
/// (a match starts one white-space character before its literal, or at the text's start).
/// A group counts when it is not optional and each of its alternatives starts so.
/// One start literal: its folded text, and the bytes of a word that stands before it with white
/// space between ("na" of "na\s+terenie"; 0: none).
struct StartLiteral {
  std::string text;
  std::size_t lead_in = 0;
};

/// The places of a rule's matches that need no fold (StartInfo::at_begin, bytes), and whether
/// the rule is multi-line (`^` then starts every line, not the text only).
struct StartBytes {
  bool multiline = false;
  bool at_begin = false;
  std::array<std::uint64_t, 4> bytes{};
  bool any = false;
  bool then_space = true;  ///< every byte added is followed by white space in the match
  void add(unsigned char b) {
    bytes[b / 64] |= std::uint64_t{1} << (b % 64);
    any = true;
  }
  /// After the bytes of an item ending at s[j]: whether white space must follow them.
  void followed(std::string_view s, std::size_t j) {
    then_space = then_space && s.substr(j).starts_with("\\s") &&
                 !(j + 2 < s.size() && std::string_view("?*{").find(s[j + 2]) != std::string_view::npos);
  }
};

/// An ASCII byte that case folding leaves alone (no letter: `(?i)` folds 'k' and 's' to
/// code points outside ASCII too).
bool fold_free(unsigned char c) { return c < 0x80 && !std::isalpha(c); }

/// Whether a quantifier at s[j] may leave out the item before it.
bool optional_at(std::string_view s, std::size_t j) {
  return j < s.size() &&
         (s[j] == '?' || s[j] == '*' || (s[j] == '{' && j + 1 < s.size() && s[j + 1] == '0'));
}

/// The members of the class s[open..close] ('[' … ']') into `sb` when they are all fold_free
/// bytes (single ones, ranges of them, escaped punctuation, \d, \s); false otherwise.
bool class_bytes(std::string_view s, std::size_t open, std::size_t close, StartBytes& sb) {
  StartBytes add;
  std::size_t j = open + 1;
  if (j < close && s[j] == '^') return false;
  while (j < close) {
    auto c = static_cast<unsigned char>(s[j]);
    if (c == '\\') {
      if (j + 1 >= close) return false;
      auto e = static_cast<unsigned char>(s[j + 1]);
      if (e == 'd') {
        for (unsigned char d = '0'; d <= '9'; ++d) add.add(d);
      } else if (e == 's') {
        for (unsigned char w : {' ', '\t', '\n', '\f', '\r'}) add.add(w);
      } else if (e < 0x80 && !std::isalnum(e)) {
        add.add(e);
      } else {
        return false;
      }
      j += 2;
      continue;
    }
    if (c == '[' || !fold_free(c)) return false;  // "[:digit:]", letters, non-ASCII
    if (j + 2 < close && s[j + 1] == '-') {
      auto d = static_cast<unsigned char>(s[j + 2]);
      if (d == '\\' || d < c) return false;
      for (unsigned x = c; x <= d; ++x) {
        if (!fold_free(static_cast<unsigned char>(x))) return false;
        add.add(static_cast<unsigned char>(x));
      }
      j += 3;
      continue;
    }
    add.add(c);
    ++j;
  }
  if (!add.any) return false;
  for (std::size_t k = 0; k < 4; ++k) sb.bytes[k] |= add.bytes[k];
  sb.any = true;
  sb.followed(s, close + 1);
  return true;
}

bool leading_literals(std::string_view s, std::vector<StartLiteral>& out, std::size_t& back,
                      bool top, StartBytes& sb) {
  auto is_flag = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-'; };
  std::size_t i = 0;
  while (i < s.size()) {
    std::string_view rest = s.substr(i);
    if (rest.starts_with("\\b")) {
      i += 2;
    } else if (rest.starts_with("^")) {
      // (not multi-line) the match starts at the text's start, whatever follows
      if (!sb.multiline && !(rest.size() > 1 && std::string_view("?*{+").find(rest[1]) !=
                                                    std::string_view::npos)) {
        sb.at_begin = true;
        return true;
      }
      i += 1;
    } else if (top && rest.starts_with("(?:^|\\s)")) {
      back = 1;
      top = false;
      i += 8;
    } else if (rest.starts_with("(?")) {
      std::size_t j = 2;  // a flag group: "(?i)"
      while (j < rest.size() && is_flag(rest[j])) ++j;
      if (j == 2 || j >= rest.size() || rest[j] != ')') break;
      i += j + 1;
    } else {
      break;
    }
  }
  if (i >= s.size()) return false;
  if (s[i] == '(') {
    std::size_t close = std::string_view::npos;
    int depth = 0;
    for (std::size_t j = i; j < s.size() && close == std::string_view::npos; ++j) {
      if (s[j] == '\\') {
        ++j;
      } else if (s[j] == '[') {
        j = class_end(s, j);
        if (j == std::string_view::npos) return false;
      } else if (s[j] == '(') {
        ++depth;
      } else if (s[j] == ')' && --depth == 0) {
        close = j;
      }
    }
    if (close == std::string_view::npos) return false;
    if (close + 1 < s.size()) {
      char q = s[close + 1];
      if (q == '?' || q == '*' || (q == '{' && close + 2 < s.size() && s[close + 2] == '0'))
        return false;  // optional
    }
    std::size_t body = i + 1;
    if (s[body] == '?') {
      if (s.substr(body).starts_with("?P<")) {
        body = s.find('>', body);
        if (body == std::string_view::npos || body > close) return false;
        ++body;
      } else {
        std::size_t j = body + 1;  // "(?:" or "(?i:"
        while (j < close && is_flag(s[j])) ++j;
        if (j >= close || s[j] != ':') return false;
        body = j + 1;
      }
    }
    auto alts = alternatives_of(s.substr(body, close - body));
    if (alts.empty()) return false;
    std::size_t no_back = 0;
    for (std::string_view alt : alts)
      if (!leading_literals(alt, out, no_back, false, sb)) return false;
    return true;
  }
  if (s[i] == '[') {  // a class of bytes that folding leaves alone
    std::size_t close = class_end(s, i);
    return close != std::string_view::npos && !optional_at(s, close + 1) &&
           class_bytes(s, i, close, sb);
  }
  if (s.substr(i).starts_with("\\d")) {
    if (optional_at(s, i + 2)) return false;
    for (unsigned char d = '0'; d <= '9'; ++d) sb.add(d);
    sb.followed(s, i + 2);
    return true;
  }
  // A literal run from s[j]: its text, ending before a metacharacter or class escape (a code
  // point under a quantifier that may leave it out is not part of it); j ends after it.
  auto literal_run = [&s](std::size_t& j, std::string& lit) {
    lit.clear();
    std::size_t last = 0;  // where lit's last code point starts
    while (j < s.size()) {
      char c = s[j];
      if (c == '\\') {
        if (j + 1 >= s.size()) return false;
        auto e = static_cast<unsigned char>(s[j + 1]);
        if (e >= 0x80 || std::isalnum(e)) break;  // \s, \d, \pL, \x{…}, \b, …: no literal
        last = lit.size();
        lit += s[j + 1];
        j += 2;
      } else if (std::string_view(".[]()|^$*+?{}").find(c) != std::string_view::npos) {
        break;
      } else {
        auto b = static_cast<unsigned char>(c);
        std::size_t len = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
        if (j + len > s.size()) return false;
        last = lit.size();
        lit.append(s.substr(j, len));
        j += len;
      }
      if (j < s.size() && (s[j] == '?' || s[j] == '*' || s[j] == '{')) {
        lit.resize(last);  // that code point may be absent
        break;
      }
      if (j < s.size() && s[j] == '+') break;
    }
    return true;
  };
  std::string lit, folded;
  std::size_t j = i;
  if (!literal_run(j, lit) || !fold_for_atoms(lit, folded, false)) return false;
  std::size_t lead_in = 0;
  if (folded.size() < 3 && !folded.empty() && s.substr(j).starts_with("\\s+") &&
      folded.find_first_of(" \t\n\f\r") == std::string::npos) {
    // a short word, white space, a literal ("na\s+terenie"): the literal is the start's mark
    lead_in = folded.size();
    j += 3;
    if (!literal_run(j, lit) || !fold_for_atoms(lit, folded, false) ||
        folded.find_first_of(" \t\n\f\r") != std::string::npos)
      return false;
  }
  if (folded.size() < 3) {
    // a short literal that opens with a byte folding leaves alone ("\"", "#"): that byte
    if (lead_in != 0 || folded.empty() || !fold_free(static_cast<unsigned char>(folded[0])))
      return false;
    sb.add(static_cast<unsigned char>(folded[0]));
    if (folded.size() == 1)
      sb.followed(s, j);
    else
      sb.then_space = false;
    return true;
  }
  out.push_back({std::move(folded), lead_in});
  return true;
}

/// A rule's start literals (leading_literals of each alternative), shortest first, none that
/// another one starts; false when some match may start elsewhere.
bool start_literals(std::string_view pattern, std::vector<StartLiteral>& out, std::size_t& back,
                    StartBytes& sb) {
  auto alts = alternatives_of(pattern);
  if (alts.empty()) return false;
  std::vector<StartLiteral> lits;
  back = 0;
  sb = StartBytes{};
  // (?m) anywhere (a flag group naming m): `^` may start any line of the text
  for (std::size_t q = pattern.find("(?"); q != std::string_view::npos;
       q = pattern.find("(?", q + 2)) {
    if (q > 0 && pattern[q - 1] == '\\') continue;
    std::size_t e = q + 2;
    while (e < pattern.size() && (std::isalpha(static_cast<unsigned char>(pattern[e])) ||
                                  pattern[e] == '-'))
      ++e;
    if (pattern.substr(q + 2, e - q - 2).find('m') != std::string_view::npos) sb.multiline = true;
  }
  if (alts.size() == 1) {
    if (!leading_literals(alts.front(), lits, back, true, sb)) return false;
  } else {
    std::size_t no_back = 0;
    for (std::string_view alt : alts)
      if (!leading_literals(alt, lits, no_back, false, sb)) return false;
  }
  std::sort(lits.begin(), lits.end(), [](const StartLiteral& a, const StartLiteral& b) {
    return a.text.size() < b.text.size() || (a.text.size() == b.text.size() && a.text < b.text);
  });
  out.clear();
  for (auto& l : lits)
    if (std::none_of(out.begin(), out.end(), [&](const StartLiteral& o) {
          return o.lead_in == 0 && l.lead_in == 0 && l.text.starts_with(o.text);
        }))
      out.push_back(std::move(l));
  return !out.empty() || sb.at_begin || sb.any;
}

/// One mention of an institution (read_mentions).
struct Mention {
  std::string name;
  std::string place_phrase, place;
  std::string department;
  int line = 0;
  bool full = false;  // a full name (an [organisation] rule), not an abbreviation
  bool ends_line = false;  // nothing but its place follows it on the line
};

/// What the parser makes of a line's text wherever it stands: the prefilter atoms it holds,
/// per rule list the candidate mask, the institutions it names (the last two found when first
/// asked for). A function of the text alone.
struct LineFacts {
  bool checked = false;   ///< false: the line was not checked (every rule is a candidate)
  bool mentions_read = false;
  std::vector<int> atoms;  ///< global atom ids, sorted, each once
  /// where start literals occur in the text: (atom id, byte offset), in text order
  std::vector<std::pair<int, std::uint32_t>> starts;
  std::array<std::uint64_t, k_list_count> masks{};  ///< bit 63 set once computed
  std::vector<Mention> mentions;  ///< when mentions_read; `line` is not set
  bool norm_known = false;
  std::string norm;  ///< normalize_space of the text, when norm_known
  /// The slide_line match in the text, when slide_known: offsets from the text's start, -1
  /// for a group that took no part.
  bool slide_known = false, slide_found = false;
  std::size_t slide_start = 0, slide_end = 0;
  std::ptrdiff_t slide_g1 = -1, slide_g2 = -1;
  std::size_t slide_g1_size = 0, slide_g2_size = 0;
};

/// Per thread: the LineFacts of line texts seen on earlier pages (a site repeats its headers,
/// menus and footers on every page), for one compiled rule set. Starts afresh when a page
/// would take it past k_max_lines, which bounds its memory; the facts of a page's lines stay
/// in place while the page is parsed (nothing is added or removed before the next page).
class LineMemo {
 public:
  static constexpr std::size_t k_max_lines = 4096;

  static LineMemo& of_thread() {
    thread_local LineMemo memo;
    return memo;
  }

  void begin_page(std::uint64_t rules, std::size_t lines) {
    if (rules != rules_ || lines_.size() + lines > k_max_lines) {
      lines_.clear();
      rules_ = rules;
    }
  }

  /// The entry of `text`, whose text_hash is `hash` (the page's line_hash where `text` is the
  /// page's line: hashed once a page for every stage); `fresh` when it was just added (its
  /// facts are still to be found). The hash only places the entry: entries are told apart by
  /// their text.
  LineFacts& facts(std::string_view text, std::uint64_t hash, bool& fresh) {
    auto it = lines_.find(View{text, hash});
    fresh = it == lines_.end();
    if (fresh) it = lines_.emplace(Key{std::string(text), hash}, LineFacts{}).first;
    return it->second;
  }

 private:
  struct Key {
    std::string text;
    std::uint64_t hash;
  };
  struct View {
    std::string_view text;
    std::uint64_t hash;
  };
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(const Key& k) const { return k.hash; }
    std::size_t operator()(const View& v) const { return v.hash; }
  };
  struct Equal {
    using is_transparent = void;
    bool operator()(const Key& a, const Key& b) const { return a.text == b.text; }
    bool operator()(const View& a, const Key& b) const { return a.text == b.text; }
    bool operator()(const Key& a, const View& b) const { return a.text == b.text; }
  };
  std::uint64_t rules_ = 0;
  std::unordered_map<Key, LineFacts, Hash, Equal> lines_;
};

/// The page lines as the parser sees them.
struct PageView {
  std::vector<std::string_view> raw;     ///< the page's lines, Unicode spaces as ASCII blanks
  std::vector<std::string> spaced;       ///< the lines `raw` holds copies of (see make_view)
  std::vector<bool> kept;                 ///< the boilerplate stage's decision (hint)
  std::vector<std::string_view> content;  ///< the line without its slide number
  std::vector<bool> furniture;            ///< stripped or repeated: skipped inside lists
  std::vector<bool> page_meta;  ///< stripped by an [author_page_meta] rule (page metadata)
  /// Per raw line, its prefilter facts (in the thread's LineMemo, or in `own` with the fast
  /// paths off). Whatever the parser searches in a line is a part of it, so the atoms of the
  /// raw line bound every search in it.
  std::vector<LineFacts*> facts;
  std::vector<LineFacts> own;
  const Impl* rules = nullptr;

  /// Candidate rules of a list for line i.
  std::uint64_t mask(ListId list, std::size_t i) const {
    LineFacts& f = *facts[i];
    std::uint64_t& m = f.masks[list];
    if (!(m >> 63))
      m = rules->filters[list].candidates(
              f.checked ? &f.atoms : nullptr,
              fast_paths_on.load(std::memory_order_relaxed) ? rules->serial : 0) |
          (std::uint64_t{1} << 63);
    return m;
  }
  static bool has(std::uint64_t mask, std::size_t k) { return k >= 63 || ((mask >> k) & 1); }
};

void find_facts(std::string_view line, const Impl& r, std::string& folded, LineFacts& f) {
  if (!fold_for_atoms(line, folded, fast_paths_on.load(std::memory_order_relaxed))) return;
  f.checked = true;
  r.atoms.find(folded, f.atoms, f.starts, fast_paths_on.load(std::memory_order_relaxed));
  std::sort(f.atoms.begin(), f.atoms.end());
  f.atoms.erase(std::unique(f.atoms.begin(), f.atoms.end()), f.atoms.end());
}

PageView make_view(const SourcePage& page, const BoilerplateResult& bp, const Impl& r) {
  PageView v;
  std::size_t n = page.line_count();
  v.raw.reserve(n);
  // Lines with NBSPs (or other Unicode spaces) are read with ASCII blanks instead: the rules
  // say `\s`, which RE2 reads as ASCII only, and a CMS binds one-letter words to the next
  // with NBSPs ("Ośrodek Pomocy Społecznej w&nbsp;Żyrardowie"). The copies stay in `v.spaced`
  // (reserved: no reallocation moves them).
  v.spaced.reserve(n);
  std::string copy;
  for (std::size_t i = 0; i < n; ++i) {
    std::string_view line = page.line(i);
    if (ascii_spaces(line, copy)) line = v.spaced.emplace_back(std::move(copy));
    v.raw.push_back(line);
  }
  v.kept.assign(n, true);
  v.page_meta.assign(n, false);
  if (bp.lines.size() == n)
    for (std::size_t i = 0; i < n; ++i) {
      v.kept[i] = bp.lines[i].keep;
      v.page_meta[i] = !bp.lines[i].keep && contains(r.page_meta_rules, bp.lines[i].rule);
    }
  v.content = v.raw;
  v.rules = &r;
  v.facts.resize(n);
  std::string folded;
  if (!fast_paths_on.load(std::memory_order_relaxed)) {
    v.own.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      v.facts[i] = &v.own[i];
      find_facts(v.raw[i], r, folded, v.own[i]);
    }
    return v;
  }
  LineMemo& memo = LineMemo::of_thread();
  memo.begin_page(r.serial, n);
  for (std::size_t i = 0; i < n; ++i) {
    bool fresh = false;
    // raw[i] is the page's line unless it is a copy with ASCII blanks (ascii_spaces).
    const std::uint64_t hash =
        v.raw[i].data() == page.line(i).data() ? page.line_hash(i) : text_hash(v.raw[i]);
    LineFacts& f = memo.facts(v.raw[i], hash, fresh);
    if (fresh) find_facts(v.raw[i], r, folded, f);
    v.facts[i] = &f;
  }
  return v;
}

bool is_re2_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

/// The leftmost-first match of `re` in text[pos..], as match() finds it, where `text` is a
/// part of a line (from its byte `offset`) whose facts are `f`: RE2 runs anchored at the
/// places the rule's start literals occur (StartInfo), in text order, instead of scanning the
/// text for a start. A rule's match starts with one of its literals, and a literal within
/// the text is one of the line's. The leftmost place where RE2 matches anchored holds the
/// leftmost match, and RE2's anchored match there is that match (leftmost-first).
std::optional<Hit> match_at_starts(const RE2& re, const StartInfo& si, const LineFacts& f,
                                   std::size_t offset, std::string_view text, std::size_t pos,
                                   bool span = true) {
  // The places a match may start, in text order.
  thread_local std::vector<std::size_t> places;
  places.clear();
  bool sorted = true;
  auto place = [&](std::size_t q) {  // a literal at text[q]
    std::size_t c = q;
    if (si.back) {  // "(?:^|\s)" before the literal: at the text's start, or a space before it
      if (q > 0) {
        if (!is_re2_space(text[q - 1])) return;
        c = q - 1;
      }
    }
    if (c < pos) return;
    if (!places.empty() && c <= places.back()) {
      if (c == places.back()) return;
      sorted = false;
    }
    places.push_back(c);
  };
  if (si.at_begin) place(0);
  if (si.any_bytes) {
    const auto* t = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    const bool* table = si.byte_table.data();
    std::size_t q = pos;
#if defined(__SSE2__)
    if (!si.byte_runs.empty() && fast_paths_on.load(std::memory_order_relaxed)) {
      // Sixteen bytes at a time: a byte is in run [first, last] when, less `first`, it is at
      // most last - first (unsigned: min(v, span) == v).
      __m128i first[StartInfo::k_max_byte_runs], span[StartInfo::k_max_byte_runs];
      const std::size_t runs = si.byte_runs.size();
      for (std::size_t k = 0; k < runs; ++k) {
        first[k] = _mm_set1_epi8(static_cast<char>(si.byte_runs[k].first));
        span[k] = _mm_set1_epi8(static_cast<char>(si.byte_runs[k].second - si.byte_runs[k].first));
      }
      for (; q + 16 <= n; q += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t + q));
        __m128i in = _mm_setzero_si128();
        for (std::size_t k = 0; k < runs; ++k) {
          const __m128i d = _mm_sub_epi8(v, first[k]);
          in = _mm_or_si128(in, _mm_cmpeq_epi8(_mm_min_epu8(d, span[k]), d));
        }
        for (auto bits = static_cast<unsigned>(_mm_movemask_epi8(in)); bits != 0; bits &= bits - 1) {
          const std::size_t at = q + static_cast<std::size_t>(__builtin_ctz(bits));
          if (si.byte_then_space && (at + 1 >= n || !is_re2_space(text[at + 1]))) continue;
          place(at);
        }
      }
    }
#endif
    for (; q < n; ++q) {
      if (!table[t[q]]) continue;
      if (si.byte_then_space && (q + 1 >= n || !is_re2_space(text[q + 1]))) continue;
      place(q);
    }
  }
  if (si.folded())
  for (const auto& [id, at] : f.starts) {
    if (at < offset) continue;
    std::size_t q = at - offset;
    if (q >= text.size()) break;
    if (si.has(id)) place(q);
    for (const auto& [lead_id, lead_in] : si.lead_ins) {
      if (lead_id != id) continue;
      std::size_t w = 0;  // the white space before the literal, then the word before it
      while (w < q && is_re2_space(text[q - 1 - w])) ++w;
      if (w > 0 && q - w >= lead_in) place(q - w - lead_in);
    }
  }
  if (!sorted) {
    std::sort(places.begin(), places.end());
    places.erase(std::unique(places.begin(), places.end()), places.end());
  }
  re2::StringPiece sub[3];
  for (std::size_t c : places)
    if (re.Match(piece(text), c, text.size(), RE2::ANCHOR_START, sub, span ? 1 : 0))
      return span ? with_groups(re, text, pos, RE2::UNANCHORED, sub) : Hit{c, c, {}, {}};
  return std::nullopt;
}

/// match(re, text, pos) where `text` is `line` or a part of it and `f` the line's facts:
/// match_at_starts for a rule with start literals on a checked line.
/// The StartInfo of `re` when match_at_starts can search `text` (`line` or a part of it, whose
/// facts are `f`) with it: places that need the fold need a checked line.
const StartInfo* usable_starts(const Impl& r, const RE2& re, const LineFacts* f,
                               std::string_view line, std::string_view text) {
  if (!fast_paths_on.load(std::memory_order_relaxed)) return nullptr;
  const StartInfo* si = r.start_info(re);
  if (!si || !si->folded()) return si;
  if (f && f->checked && text.data() >= line.data() &&
      text.data() + text.size() <= line.data() + line.size())
    return si;
  return nullptr;
}

const LineFacts k_no_facts{};

std::optional<Hit> search(const Impl& r, const RE2& re, const LineFacts* f, std::string_view line,
                          std::string_view text, std::size_t pos = 0) {
  if (const StartInfo* si = usable_starts(r, re, f, line, text))
    return match_at_starts(re, *si, si->folded() ? *f : k_no_facts,
                           si->folded() ? static_cast<std::size_t>(text.data() - line.data()) : 0,
                           text, pos);
  return match(re, text, pos);
}

/// Whether `re` matches in `text` (no span, no groups: RE2's DFA alone).
bool matches(const RE2& re, std::string_view text, RE2::Anchor anchor = RE2::UNANCHORED) {
  if (!fast_paths_on.load(std::memory_order_relaxed))
    return match_direct(re, text, 0, anchor).has_value();
  return re.Match(piece(text), 0, text.size(), anchor, nullptr, 0);
}

/// Whether `re` matches in `text` (matches()), `text` being `line` or a part of it and `f`
/// the line's facts.
bool search_matches(const Impl& r, const RE2& re, const LineFacts* f, std::string_view line,
                    std::string_view text) {
  if (const StartInfo* si = usable_starts(r, re, f, line, text))
    return match_at_starts(re, *si, si->folded() ? *f : k_no_facts,
                           si->folded() ? static_cast<std::size_t>(text.data() - line.data()) : 0,
                           text, 0, false)
        .has_value();
  return matches(re, text);
}

/// Searches of one text from increasing positions. A rule's last result still holds while it
/// starts at or after the new position (the leftmost match from there is the same match: no
/// match starts in between, and the text around is the same), and a rule that found nothing
/// finds nothing from a later position either; only the other rules are searched again.
class SearchCache {
 public:
  /// `text` is `line` or a part of it; `f`, the line's facts, may be null.
  void reset(std::string_view text, const Impl* r = nullptr, const LineFacts* f = nullptr,
             std::string_view line = {}) {
    text_ = text;
    rules_ = r;
    facts_ = f;
    line_ = line;
    entries_.clear();
  }
  bool holds(std::string_view text) const {
    return text.data() == text_.data() && text.size() == text_.size();
  }

  std::optional<Hit> match(const RE2& re, std::size_t pos) {
    for (auto& e : entries_)
      if (e.re == &re) {
        if (e.pos <= pos && (!e.hit || e.hit->start >= pos)) return e.hit;
        e.pos = pos;
        e.hit = find(re, pos);
        return e.hit;
      }
    entries_.push_back({&re, pos, find(re, pos)});
    return entries_.back().hit;
  }

 private:
  struct Entry {
    const RE2* re;
    std::size_t pos;
    std::optional<Hit> hit;
  };
  std::optional<Hit> find(const RE2& re, std::size_t pos) const {
    return rules_ ? search(*rules_, re, facts_, line_, text_, pos) : bdp::match(re, text_, pos);
  }

  std::string_view text_;
  const Impl* rules_ = nullptr;
  const LineFacts* facts_ = nullptr;
  std::string_view line_;
  std::vector<Entry> entries_;
};


/// Whether a rule of `list` matches in `text`, which is line i or a part of it.
bool any_match(const PageView& v, ListId list, std::size_t i, std::string_view text) {
  const auto& rules = v.rules->list(list);
  std::uint64_t m = v.mask(list, i);
  for (std::size_t k = 0; k < rules.size(); ++k)
    if (PageView::has(m, k) && matches(*rules[k], text)) return true;
  return false;
}

/// Line i ends the sentence above it, wrapped there ("• ograniczanie umieszczania dzieci w
/// pieczy" / "zastępczej"): it opens in lower case right under a kept line with no closing
/// punctuation. Repeated on the page (the same tail of several sentences), it is no header.
bool wrapped_tail(const PageView& v, std::size_t i) {
  if (i == 0 || !v.kept[i - 1]) return false;
  const std::string_view line = trim(v.content[i]), above = trim(v.content[i - 1]);
  if (line.empty() || above.empty() || !starts_lower(line) || !words_only(line)) return false;
  const char last = above.back();
  return last != '.' && last != '!' && last != '?' && last != ':' && last != ';';
}

void mark_furniture(PageView& v, const Impl& r) {
  if (!fast_paths_on.load(std::memory_order_relaxed)) {
    std::map<std::string, int> counts;
    std::vector<std::string> norm(v.content.size());
    for (std::size_t i = 0; i < v.content.size(); ++i) {
      norm[i] = normalize_space(v.content[i]);
      if (!norm[i].empty()) ++counts[norm[i]];
    }
    v.furniture.assign(v.content.size(), false);
    for (std::size_t i = 0; i < v.content.size(); ++i)
      v.furniture[i] = !v.kept[i] || (!norm[i].empty() && counts[norm[i]] >= r.repeated_line_min &&
                                       !wrapped_tail(v, i));
    return;
  }
  // The normal form of a whole line is kept with its facts; a slide line cut short is
  // normalised here.
  const std::size_t n = v.content.size();
  std::vector<std::string> cut;
  cut.reserve(n);  // never reallocated: the map's keys view into it
  std::unordered_map<std::string_view, int> counts;
  counts.reserve(n);
  // each line's count, looked up once (the map's nodes stay where they are)
  std::vector<const int*> count_of(n, nullptr);
  for (std::size_t i = 0; i < n; ++i) {
    std::string_view norm;
    if (v.content[i].data() == v.raw[i].data() && v.content[i].size() == v.raw[i].size()) {
      LineFacts& f = *v.facts[i];
      if (!f.norm_known) {
        f.norm = normalize_space(v.raw[i]);
        f.norm_known = true;
      }
      norm = f.norm;  // a view of the memo's string, which stays while the page is parsed
    } else {
      norm = cut.emplace_back(normalize_space(v.content[i]));
    }
    if (!norm.empty()) {
      int& c = counts[norm];
      ++c;
      count_of[i] = &c;
    }
  }
  v.furniture.assign(n, false);
  for (std::size_t i = 0; i < n; ++i)
    v.furniture[i] = !v.kept[i] || (count_of[i] && *count_of[i] >= r.repeated_line_min &&
                                     !wrapped_tail(v, i));
}

/// Appends normalize_space(v.raw[i]) to `out`; kept with the line's facts on the fast path.
void append_line_norm(const PageView& v, std::size_t i, std::string& out) {
  if (!fast_paths_on.load(std::memory_order_relaxed)) {
    out += normalize_space(v.raw[i]);
    return;
  }
  LineFacts& f = *v.facts[i];
  if (!f.norm_known) {
    f.norm = normalize_space(v.raw[i]);
    f.norm_known = true;
  }
  out += f.norm;
}

/// Whether `re` is one of Impl::digit_rules (every match holds an ASCII digit) and `text` holds
/// none, on the fast path: `re` cannot match anywhere in `text` then.
bool cannot_match_without_digit(const Impl& r, const RE2& re, std::string_view text) {
  if (!fast_paths_on.load(std::memory_order_relaxed)) return false;
  if (std::find(r.digit_rules.begin(), r.digit_rules.end(), &re) == r.digit_rules.end()) return false;
  return !detail::has_ascii_digit(text);
}

/// match(*r.slide_line, v.raw[i]), kept with the line's facts.
std::optional<Hit> slide_match(const PageView& v, const Impl& r, std::size_t i) {
  std::string_view line = v.raw[i];
  LineFacts& f = *v.facts[i];
  if (!f.slide_known) {
    auto h = cannot_match_without_digit(r, *r.slide_line, line) ? std::nullopt
                                                                 : match(*r.slide_line, line);
    if (h && !h->g2.empty() && r.slide_title_trailer) {
      re2::StringPiece m;
      if (r.slide_title_trailer->Match(piece(h->g2), 0, h->g2.size(), RE2::UNANCHORED, &m, 1))
        h->g2 = h->g2.substr(0, static_cast<std::size_t>(m.data() - h->g2.data()));
    }
    f.slide_known = true;
    f.slide_found = h.has_value();
    if (h) {
      f.slide_start = h->start;
      f.slide_end = h->end;
      f.slide_g1 = h->g1.data() ? h->g1.data() - line.data() : -1;
      f.slide_g1_size = h->g1.size();
      f.slide_g2 = h->g2.data() ? h->g2.data() - line.data() : -1;
      f.slide_g2_size = h->g2.size();
    }
    return h;
  }
  if (!f.slide_found) return std::nullopt;
  Hit h;
  h.start = f.slide_start;
  h.end = f.slide_end;
  if (f.slide_g1 >= 0) h.g1 = std::string_view(line.data() + f.slide_g1, f.slide_g1_size);
  if (f.slide_g2 >= 0) h.g2 = std::string_view(line.data() + f.slide_g2, f.slide_g2_size);
  return h;
}

/// Whether a line after line `i` starts slide `num` as a slide's first line does: the
/// number, then nothing or a word that does not start lower-case. Looks no further than a
/// line that starts slide num + 1 so.
bool later_slide_start(const PageView& v, const Impl& r, std::size_t i, int num) {
  for (std::size_t j = i + 1; j < v.raw.size(); ++j) {
    auto h = slide_match(v, r, j);
    if (!h) continue;
    int n = 0;
    std::from_chars(h->g1.data(), h->g1.data() + h->g1.size(), n);
    if (n != num && n != num + 1) continue;
    if (starts_lower(trim(h->g2)) || starts_digit_group(trim(h->g2))) continue;
    return n == num;
  }
  return false;
}

/// Per slide, the lines of its text (indices into the page), and whether its number stood
/// without a title ("2", "Slajd 2", "Slajd 2 z 10").
struct SlideLines {
  std::vector<std::size_t> text;
  bool bare = false;  ///< no title on the number's line (a number alone, a running header)
  bool footed = false;  ///< numbered by a page number under its text: the title is its first line
  /// the number's line is the deck's running header: a title under it needs text under that
  bool header = false;
};

/// A deck whose slides are numbered under their text, as pdftotext gives a presentation's
/// pages ("Diagnoza" / … / "– 2 –", "… / 2/8"): a slide_footer line ends slide N, whose lines
/// are those after the footer before it (the first: from the transcript's start). The
/// numbers run 1, 2, … (a jump of at most max_slide_gap is a gap); fewer than
/// slide_footer_min such footers are no deck. Empty when the page has none.
///
/// With `bare` the footers are bare numbers ("3"), which more often head their slides: they
/// are footers only when kept lines stand before the first and none after the last.
std::vector<SlideLines> find_footed_slides(PageView& v, std::size_t start, const Impl& r,
                                           Programme& p, const RE2* footer, bool bare) {
  std::vector<SlideLines> lines;
  if (!footer) return lines;
  std::vector<std::pair<std::size_t, int>> footers;  // line, number
  int last = 0;
  for (std::size_t i = start; i < v.raw.size(); ++i) {
    if (cannot_match_without_digit(r, *footer, v.raw[i])) continue;
    auto h = match(*footer, v.raw[i]);
    if (!h) continue;
    int num = 0;
    std::from_chars(h->g1.data(), h->g1.data() + h->g1.size(), num);
    if (num <= last || num > last + 1 + r.max_slide_gap) continue;
    footers.emplace_back(i, num);
    last = num;
  }
  if (footers.size() < static_cast<std::size_t>(r.slide_footer_min) || footers.front().second != 1)
    return lines;
  auto content = [&](std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i)
      if (v.kept[i] && !trim(v.raw[i]).empty()) return true;
    return false;
  };
  // A viewer that prints each page's number above it ("1/12" / "Zgierska Rodzina" / … / "2/12"
  // / "Podstawa prawna"): nothing kept above the first number, the last slide's text under the
  // last one. The lines under a number, to the next, are its slide. (Bare numbers above their
  // slides are read by find_slides' numbering.)
  // So too when text stands above the first number (the viewer's title, its chrome) but every
  // number has a blank line above it and its slide's text right under it.
  auto heads = [&] {
    return std::all_of(footers.begin(), footers.end(), [&](const auto& fn) {
      const std::size_t m = fn.first;
      return m > start && trim(v.raw[m - 1]).empty() && m + 1 < v.raw.size() && v.kept[m + 1] &&
             !trim(v.raw[m + 1]).empty();
    });
  };
  const bool above = !bare && content(footers.back().first + 1, v.raw.size()) &&
                     (!content(start, footers.front().first) || heads());
  if (bare && !above &&
      (!content(start, footers.front().first) || content(footers.back().first + 1, v.raw.size())))
    return lines;
  std::size_t from = start;
  last = 0;
  for (std::size_t f = 0; f < footers.size(); ++f) {
    const auto [marker, num] = footers[f];
    SlideLines sl;
    sl.footed = true;
    const std::size_t end = above ? (f + 1 < footers.size() ? footers[f + 1].first : v.raw.size())
                                  : marker;
    if (above) from = marker + 1;
    for (std::size_t i = from; i < end; ++i)
      if (!trim(v.raw[i]).empty() && v.kept[i]) sl.text.push_back(i);
    Slide s;
    s.number = num;
    s.line = static_cast<int>(sl.text.empty() ? marker : sl.text.front()) + 1;
    if (num > last + 1)
      p.diagnostics.push_back(
          {Severity::warning, "programme.slide_gap", static_cast<int>(marker) + 1, 0,
           num == last + 2 ? fmt::format("slide {} is missing", last + 1)
                           : fmt::format("slides {}–{} are missing", last + 1, num - 1)});
    p.slides.push_back(std::move(s));
    lines.push_back(std::move(sl));
    v.content[marker] = v.raw[marker].substr(v.raw[marker].size());  // the number is no content
    from = marker + 1;
    last = num;
  }
  return lines;
}

/// A slide transcript that numbers its slides as a list ("1. Korpus Wsparcia Seniorów" / … /
/// "2. Cel programu" / …): slide_list_line lines numbered 1, 2, 3, … (no gaps), each opening a
/// block (a blank or stripped line above it, or the transcript's start), at least
/// slide_footer_min of them. The number's line is the slide's title; the lines under it, up to
/// the next number or the transcript's end, its text. A list inside a slide ("1. …" / "2. …"
/// line under line) opens no blocks. Empty when the page has no such run.
std::vector<SlideLines> find_listed_slides(PageView& v, std::size_t start, const Impl& r,
                                           Programme& p) {
  std::vector<SlideLines> lines;
  if (!r.slide_list_line) return lines;
  std::vector<Slide> slides;
  bool gap_above = true;
  // The transcript's first line numbered 1, the line right under it numbered 2: a slide a
  // line (SlideShare's "1. Rodzinna piecza … Jarosław, 2016" / "2. Stan pieczy …"), numbers
  // line under line. A list inside a slide is under the slide's title, not the first line.
  bool line_per_slide = false, first_line = true;
  for (std::size_t i = start; i < v.raw.size(); ++i) {
    const std::string_view line = v.raw[i];
    if (!slides.empty() && any_match(v, k_transcript_ends, i, line)) break;
    const bool blank = trim(line).empty();
    if (first_line && !blank && v.kept[i]) {
      first_line = false;
      if (i + 1 < v.raw.size() && v.kept[i + 1])
        if (auto h = match(*r.slide_list_line, line), h2 = match(*r.slide_list_line, v.raw[i + 1]);
            h && h2 && h->g1 == "1" && h2->g1 == "2")
          line_per_slide = true;
    }
    if ((gap_above || line_per_slide) && v.kept[i]) {
      if (auto h = match(*r.slide_list_line, line)) {
        int num = 0;
        std::from_chars(h->g1.data(), h->g1.data() + h->g1.size(), num);
        if (num == static_cast<int>(slides.size()) + 1) {
          Slide s;
          s.number = num;
          s.line = static_cast<int>(i) + 1;
          s.title = normalize_space(h->g2);
          if (line_per_slide) {
            // the whole slide on the line: its title, then its text
            const std::size_t cut = heading_end(h->g2, r.heading_name_words);
            s.title = normalize_space(h->g2.substr(0, cut));
            s.text = normalize_space(h->g2.substr(cut));
          }
          slides.push_back(std::move(s));
          lines.push_back({});
          v.content[i] = h->g2;
          gap_above = false;
          continue;
        }
      }
    }
    gap_above = blank || !v.kept[i];
    if (!lines.empty() && !blank && v.kept[i]) lines.back().text.push_back(i);
  }
  if (slides.size() < static_cast<std::size_t>(r.slide_footer_min)) {
    for (const Slide& s : slides) {
      const auto i = static_cast<std::size_t>(s.line - 1);
      v.content[i] = v.raw[i];
    }
    lines.clear();
    return lines;
  }
  p.slides = std::move(slides);
  return lines;
}

/// A deck made text from a PDF (pdftotext): a form feed starts each slide
/// (SourcePage::page_breaks), numbered by its page, titled by its first line. At least
/// slide_footer_min pages; a blank page (a picture) is no slide. Empty otherwise.
std::vector<SlideLines> find_paged_slides(const PageView& v, std::span<const std::uint32_t> breaks,
                                          std::size_t start, const Impl& r, Programme& p) {
  std::vector<SlideLines> lines;
  if (breaks.size() + 1 < static_cast<std::size_t>(r.slide_footer_min)) return lines;
  for (std::size_t k = 0; k <= breaks.size(); ++k) {
    const std::size_t from = std::max<std::size_t>(k == 0 ? 0 : breaks[k - 1], start);
    const std::size_t to = std::min<std::size_t>(k < breaks.size() ? breaks[k] : v.raw.size(), v.raw.size());
    SlideLines sl;
    sl.footed = true;
    std::size_t first = to;
    for (std::size_t i = from; i < to; ++i) {
      if (trim(v.raw[i]).empty()) continue;
      first = std::min(first, i);
      if (v.kept[i]) sl.text.push_back(i);
    }
    if (first == to) continue;
    Slide s;
    s.number = static_cast<int>(k) + 1;
    s.line = static_cast<int>(first) + 1;
    p.slides.push_back(std::move(s));
    lines.push_back(std::move(sl));
  }
  if (lines.size() < static_cast<std::size_t>(r.slide_footer_min)) {
    p.slides.clear();
    lines.clear();
  }
  return lines;
}

std::vector<SlideLines> find_slides(PageView& v, PageType type, const Impl& r, Programme& p,
                                    std::span<const std::uint32_t> page_breaks,
                                    std::span<const std::uint32_t> block_slides) {
  std::vector<SlideLines> lines;
  std::size_t n = v.raw.size(), start = n;
  for (std::size_t i = 0; i < n && start == n; ++i)
    if (any_match(v, k_transcript_starts, i, v.raw[i])) start = i + 1;
  if (start == n) {
    if (type != PageType::slide_transcript) return lines;
    start = 0;
  }
  lines = find_footed_slides(v, start, r, p, r.slide_footer.get(), false);
  if (lines.empty()) lines = find_footed_slides(v, start, r, p, r.slide_footer_bare.get(), true);
  if (!lines.empty()) {
    p.field_lines.emplace_back("slides", p.slides.front().line);
    return lines;
  }
  const std::size_t diagnostics_before = p.diagnostics.size();
  int last = 0;
  bool after_blank = true;
  for (std::size_t i = start; i < n; ++i) {
    std::string_view line = v.raw[i];
    // A download button or a list of similar decks above the deck ("Pobierz prezentację"
    // before "Slajd 1") is not the transcript's end: only a marker after a slide is.
    if (!p.slides.empty() && any_match(v, k_transcript_ends, i, line)) break;
    if (auto h = slide_match(v, r, i)) {
      int num = 0;
      std::from_chars(h->g1.data(), h->g1.data() + h->g1.size(), num);
      bool next = num == last + 1;
      bool jump = num > last + 1 && num <= last + 1 + r.max_slide_gap && after_blank;
      const std::string_view rest = trim(h->g2);
      if ((next || jump) && (starts_lower(rest) || starts_digit_group(rest)) &&
          later_slide_start(v, r, i, num)) {
        // "6 mieszkań chronionych …": a sentence that starts with a number, and "1 204
        // wyświetleń": a figure grouped by spaces; the real slide 6 or 1 comes later
        next = jump = false;
      }
      if (next || jump) {
        int ln = static_cast<int>(i) + 1;
        if (jump)
          p.diagnostics.push_back(
              {Severity::warning, "programme.slide_gap", ln, 0,
               num == last + 2 ? fmt::format("slide {} is missing", last + 1)
                               : fmt::format("slides {}–{} are missing", last + 1, num - 1)});
        Slide s;
        s.number = num;
        s.line = ln;
        // A slide header the boilerplate stage stripped is the deck's repeated header: the
        // slide's title is then under it, as under a number alone.
        if (v.kept[i]) s.title = normalize_space(h->g2);
        p.slides.push_back(std::move(s));
        const bool header = !v.kept[i] && !trim(h->g2).empty();
        lines.push_back({{}, trim(h->g2).empty() || header, false, header});
        v.content[i] = h->g2.data() ? h->g2 : line.substr(line.size());
        last = num;
        after_blank = false;
        continue;
      }
    }
    after_blank = trim(line).empty() || !v.kept[i];
    if (p.slides.empty() || after_blank) continue;
    lines.back().text.push_back(i);
  }
  // A PDF's pages make the slides unless numbered slides make as many (a stray "3 cele" on one
  // page is no deck's numbering), or unless those numbers stand at the foot of the pages: then
  // they are the pages' numbers ("… / PCPR w Ostrowie / 2" before the form feed), the cover
  // unnumbered, and each page is the slide of its number.
  auto numbers_foot_pages = [&] {
    if (page_breaks.empty() || p.slides.empty()) return false;
    std::size_t footing = 0;
    for (const Slide& sl : p.slides) {
      std::size_t j = static_cast<std::size_t>(sl.line);  // the line after the number's
      while (j < n && trim(v.raw[j]).empty()) ++j;
      footing += j == n || std::binary_search(page_breaks.begin(), page_breaks.end(),
                                              static_cast<std::uint32_t>(j));
    }
    return footing * 2 > p.slides.size();
  };
  if (type == PageType::slide_transcript && !page_breaks.empty() &&
      (p.slides.size() < static_cast<std::size_t>(r.slide_footer_min) || numbers_foot_pages())) {
    Programme paged;
    std::vector<SlideLines> paged_lines = find_paged_slides(v, page_breaks, start, r, paged);
    if (paged.slides.size() > p.slides.size()) {
      for (const Slide& s : p.slides) {  // the numbers the loop above took off are text again
        const auto i = static_cast<std::size_t>(s.line - 1);
        v.content[i] = v.raw[i];
      }
      p.diagnostics.resize(diagnostics_before);
      p.slides = std::move(paged.slides);
      lines = std::move(paged_lines);
    }
  }
  // A deck written out with no marker (BoilerplateResult::block_slides): each unit a slide,
  // numbered in order, titled by its first line, as a PDF's pages are.
  if (type == PageType::slide_transcript && p.slides.empty() && !block_slides.empty()) {
    p.diagnostics.resize(diagnostics_before);
    lines = find_paged_slides(v, block_slides.subspan(1), block_slides.front(), r, p);
  }
  if (type == PageType::slide_transcript && p.slides.empty()) {
    std::vector<SlideLines> listed = find_listed_slides(v, start, r, p);
    if (!listed.empty()) lines = std::move(listed);
  }
  if (!p.slides.empty())
    p.field_lines.emplace_back("slides", p.slides.front().line);
  else if (type == PageType::slide_transcript)
    p.diagnostics.push_back({Severity::warning, "programme.no_slides", 0, 0,
                             "slide transcript without numbered slides"});
  return lines;
}

/// Titles of slides whose number stands alone on its line ("2" / "MGOPS w Brzesku" /
/// "Diagnoza"): the first line under the number, past blank lines and furniture (the deck's
/// running header), when it reads as a title (slide_title_line, at most
/// slide_title_max_chars); that line then leaves the slide's text. Then the texts.
void finish_slides(const PageView& v, const Impl& r, const std::vector<SlideLines>& lines,
                   Programme& p) {
  for (std::size_t k = 0; k < p.slides.size() && k < lines.size(); ++k) {
    Slide& s = p.slides[k];
    std::size_t title_line = v.raw.size();
    // Line i is the slide's title when it reads as one.
    auto take_title = [&](std::size_t i) {
      std::string t = normalize_space(v.raw[i]);
      if (count_code_points(t) <= static_cast<std::size_t>(r.slide_title_max_chars) &&
          matches(*r.slide_title_line, t)) {
        s.title = clean_title(r, t);
        title_line = i;
      }
    };
    if (lines[k].footed && r.slide_title_line) {
      // the slide's first line that is no running header, when it reads as a title
      for (std::size_t i : lines[k].text) {
        if (v.furniture[i]) continue;
        take_title(i);
        break;
      }
    } else if (lines[k].bare && s.title.empty() && r.slide_title_line) {
      std::size_t end = k + 1 < p.slides.size() ? static_cast<std::size_t>(p.slides[k + 1].line - 1)
                                                 : v.raw.size();
      std::size_t lines_left = 0;  // the slide's lines under the title's candidate
      for (std::size_t i : lines[k].text) lines_left += v.furniture[i] ? 0 : 1;
      for (std::size_t i = static_cast<std::size_t>(s.line); i < end; ++i) {
        if (v.furniture[i] || trim(v.raw[i]).empty()) continue;
        // a one-line slide under a running header ("Dziękuję Państwu za uwagę") is its text
        if (!lines[k].header || lines_left > 1) take_title(i);
        break;
      }
    }
    for (std::size_t i : lines[k].text) {
      if (i == title_line) continue;
      if (!s.text.empty()) s.text += '\n';
      append_line_norm(v, i, s.text);
    }
  }
}

/// The nominative of a place as written after "na terenie", "Gminy", … (genitive or already
/// nominative): Lemmatizer::place_lemma; multi-word names only through overrides.
std::string nominative_place(std::string_view written, const Lemmatizer* lem) {
  std::string w = normalize_space(written);
  if (!lem || w.empty()) return w;
  return lem->place_lemma(w);
}

/// The nominative of a place after an institution ("Gorzowie" → "Gorzów"); an abbreviated
/// adjective after it ("Gorzowie Wlkp.", [place_abbreviation]) is written out in the noun's
/// gender, told by its nominative's ending: -a feminine, -o/-e neuter, else masculine
/// ("Gorzów Wielkopolski", "Środa Wielkopolska").
std::string place_nominative(std::string_view written, const Impl& r, const Lemmatizer* lem) {
  std::string w = normalize_space(written);
  auto lemma = [&](std::string_view s) {
    return lem ? lem->place_from_locative(s) : std::string(s);
  };
  const auto space = w.rfind(' ');
  if (space == std::string::npos) return lemma(w);
  auto abbr = r.place_abbreviations.find(std::string_view(w).substr(space + 1));
  if (abbr == r.place_abbreviations.end()) return lemma(w);
  std::string noun = lemma(std::string_view(w).substr(0, space));
  if (noun.empty()) return noun;
  const char last = noun.back();
  const std::size_t gender = last == 'a' ? 1 : (last == 'o' || last == 'e') ? 2 : 0;
  return noun + " " + abbr->second[gender];
}

/// Whether `line` holds a department's head word in the nominative ("Dział", "Zespół"): the
/// cheap test before the [department_agent] rules.
bool has_department_head(const Impl& r, std::string_view line) {
  for (const auto& w : r.department_nominatives)
    if (line.find(w) != std::string_view::npos) return true;
  return false;
}

std::string trim_department(const Impl& r, std::string_view d) {
  std::string s = normalize_space(d);
  // cut before the institution it belongs to, an abbreviation or a heading in capitals
  if (r.department_end)
    if (auto h = match(*r.department_end, s)) s.resize(h->start);
  if (r.department_not && matches(*r.department_not, s)) return {};
  while (true) {
    auto sp = s.rfind(' ');
    if (sp == std::string::npos) break;
    std::string_view tail(s.data() + sp + 1, s.size() - sp - 1);
    if (starts_upper(tail)) break;
    s.resize(sp);
  }
  return s;
}

template <typename Key>
Key most_frequent(const std::vector<std::pair<Key, int>>& items) {
  // items in page order; ties go to the earliest
  std::map<Key, int> count;
  for (const auto& [k, line] : items) ++count[k];
  Key best{};
  int best_n = 0;
  for (const auto& [k, line] : items)
    if (count[k] > best_n) {
      best = k;
      best_n = count[k];
    }
  return best;
}

/// The institutions named in line `i`, left to right, each with the place and department
/// written right after it. A pure function of the line's text.
void read_mentions(const PageView& v, const Impl& r, std::size_t i,
                   std::vector<Mention>& mentions) {
  std::string_view line = v.raw[i];
  std::uint64_t cand = v.mask(k_organisations, i);
  if (!(cand & ListFilter::k_all)) return;
  if (r.organisation_filter && !r.organisation_filter->Match(piece(line), nullptr)) return;
  SearchCache searches;
  searches.reset(line, &r, v.facts[i], line);
  std::size_t pos = 0;
  while (pos < line.size()) {
    std::optional<Hit> best;
    std::string name;
    bool full = false;
    for (std::size_t k = 0; k < r.organisations.size(); ++k) {
      if (!PageView::has(cand, k)) continue;
      const auto& rule = r.organisations[k];
      auto h = searches.match(*rule.re, pos);
      if (h &&
          (!best || h->start < best->start || (h->start == best->start && h->end > best->end))) {
        best = h;
        name = rule.nominative;
        full = true;
      }
    }
    if (r.abbreviation && PageView::has(cand, r.organisations.size()))
      if (auto h = searches.match(*r.abbreviation, pos); h && (!best || h->start < best->start)) {
        best = h;
        name = std::string(line.substr(h->start, h->end - h->start));
        full = false;
      }
    if (!best) break;
    Mention m;
    m.name = name;
    m.line = static_cast<int>(i) + 1;
    m.full = full;
    std::string_view rest = line.substr(best->end);
    if (auto ow = r.organisation_owner ? match(*r.organisation_owner, rest) : std::nullopt) {
      // part of the name; the locality comes from the [locality] rules ("Gminy Kłodzko")
      m.place_phrase = normalize_space(ow->g1);
      rest = rest.substr(offset_in(rest, ow->g1) + ow->g1.size());
    } else if (auto pl = match(*r.organisation_place, rest)) {
      m.place_phrase = normalize_space(pl->g1);
      m.place = normalize_space(pl->g2);
      // what follows the place, its punctuation included (a comma before a department)
      rest = rest.substr(offset_in(rest, pl->g1) + pl->g1.size());
    }
    for (const auto& d : r.departments)
      if (auto h = match(*d, rest)) {
        // After a comma, a unit followed by further items is one of a list of partners
        // ("Realizatorzy: MOPS w Kole, Zespół Interdyscyplinarny, placówki …"), not the
        // institution's department.
        std::string_view before = rest.substr(0, offset_in(rest, h->g1));
        std::string_view after = trim(rest.substr(h->end));
        // (Unless the sentence's verb follows: "MOPS w Tczewie, Dział Wspierania Rodziny,
        // realizuje …" names the department in apposition.)
        if (before.find(',') == std::string_view::npos || !after.starts_with(',') ||
            (r.department_apposition && matches(*r.department_apposition, after)))
          m.department = trim_department(r, h->g1);
        break;
      }
    if (m.department.empty()) {
      // "w Dziale Wspierania Rodziny Miejskiego Ośrodka …": the department before the
      // institution's name in the genitive, its head word inflected; before an abbreviation
      // too ("Realizator: Dział Pomocy Rodzinie MOPS w Ustce"), whose case does not show
      std::string_view before = line.substr(0, best->start);
      for (const auto& d : r.departments_before)
        if (auto h = search(r, *d, v.facts[i], line, before)) {
          for (const auto& [form, nominative] : r.department_heads)
            if (h->g1 == form) {
              m.department = trim_department(r, nominative + " " + std::string(h->g2));
              break;
            }
          break;
        }
    }
    m.ends_line = trim(rest).empty() || !has_letter(rest);
    mentions.push_back(std::move(m));
    pos = offset_in(line, rest);
    if (pos <= best->start) pos = best->end;
  }
}

/// Whether line `i` is a contact block's address or phone line ([settings] contact_line).
bool contact_block_line(const PageView& v, const Impl& r, std::size_t i) {
  return r.contact_line && i < v.raw.size() && matches(*r.contact_line, v.raw[i]);
}

/// Whether line `i` is an author label alone ("Opracowanie:", "Sporządził:"): the block under
/// it names who made the programme, an institution and its department.
bool author_label_line(const Impl& r, const PageView& v, std::size_t i) {
  if (i >= v.raw.size() || v.raw[i].find(':') == std::string_view::npos) return false;
  for (const RE2* re : r.authors)
    if (auto h = match(*re, v.raw[i])) return trim(h->g1).empty();
  return false;
}

/// Returns the place after the institution's name as written (a locative) when it gave the
/// locality, else "".
std::string find_organisation(const PageView& v, const Impl& r, const Lemmatizer* lem,
                              Programme& p, const std::vector<bool>* deck) {
  std::vector<Mention> mentions;
  if (fast_paths_on.load(std::memory_order_relaxed)) {
    // A line's mentions are kept with its facts, so a line repeated on the page (a deck's
    // running header on every slide) or on the site's other pages is read once.
    for (std::size_t i = 0; i < v.raw.size(); ++i) {
      LineFacts& f = *v.facts[i];
      if (!f.mentions_read) {
        read_mentions(v, r, i, f.mentions);
        f.mentions_read = true;
      }
      for (const Mention& m : f.mentions) {
        mentions.push_back(m);
        mentions.back().line = static_cast<int>(i) + 1;
      }
    }
  }
  // A line repeated on the page (a deck's running header on every slide) is read once; its
  // copies reuse the mentions (RE2's group extraction is ~2 µs a mention).
  std::unordered_map<std::string_view, std::pair<std::size_t, std::size_t>> read;
  for (std::size_t i = 0; i < v.raw.size() && !fast_paths_on.load(std::memory_order_relaxed);
       ++i) {
    const std::size_t begin = mentions.size();
    auto [it, fresh] = read.try_emplace(v.raw[i], begin, begin);
    if (fresh) {
      read_mentions(v, r, i, mentions);
      it->second.second = mentions.size();
      continue;
    }
    for (std::size_t k = it->second.first; k < it->second.second; ++k) {
      Mention m = mentions[k];
      m.line = static_cast<int>(i) + 1;
      mentions.push_back(std::move(m));
    }
  }
  // A full name that ends its line with its place alone on the next line, a cover's name
  // wrapped over two lines ("Miejsko-Gminny Ośrodek Pomocy Społecznej" / "w Nowej Dębie"):
  // that place is the name's.
  for (Mention& m : mentions) {
    const auto next = static_cast<std::size_t>(m.line);
    if (!m.full || !m.ends_line || !m.place_phrase.empty() || next >= v.raw.size()) continue;
    const std::string_view below = trim(v.raw[next]);
    if (below.empty() || below.size() > 60 || (below[0] != 'w' && below[0] != 'W')) continue;
    const std::string spaced = " " + std::string(below);
    if (auto pl = match(*r.organisation_place, spaced); pl && trim(spaced.substr(pl->end)).empty()) {
      m.place_phrase = normalize_space(pl->g1);
      m.place = normalize_space(pl->g2);
    }
  }
  std::vector<std::string> full_names;
  for (const auto& m : mentions)
    if (m.full) full_names.push_back(m.name);
  // A deck's slides (and its running header) name who made it; the host page around them (a
  // conference organiser's header) names itself. The host's lines count only when no slide
  // names anyone (their full names still expand an abbreviation on a slide).
  auto on_deck = [&](const Mention& m) {
    const auto i = static_cast<std::size_t>(m.line - 1);
    return i < deck->size() && (*deck)[i];
  };
  std::vector<Mention> all;  // the whole page's, for the chosen name's place and department
  if (deck && std::any_of(mentions.begin(), mentions.end(), on_deck)) {
    all = mentions;
    std::erase_if(mentions, [&](const Mention& m) { return !on_deck(m); });
  }
  if (mentions.empty()) return {};
  for (auto& m : mentions)
    for (const auto& [abbr, expansion] : r.abbreviations)
      if (m.name == abbr && contains(full_names, expansion)) m.name = expansion;

  std::vector<std::pair<std::string, int>> names, places, departments;
  for (const auto& m : mentions) names.emplace_back(m.name, m.line);
  std::string name = most_frequent(names);
  if (!all.empty()) {
    for (auto& m : all)
      for (const auto& [abbr, expansion] : r.abbreviations)
        if (m.name == abbr && contains(full_names, expansion)) m.name = expansion;
    mentions = std::move(all);
  }
  for (const auto& m : mentions) {
    if (m.name != name) continue;
    if (!m.place_phrase.empty()) places.emplace_back(m.place_phrase, m.line);
    if (!m.department.empty()) {
      departments.emplace_back(m.department, m.line);
    } else if (m.full && m.ends_line && static_cast<std::size_t>(m.line) < v.raw.size() &&
               (v.kept[static_cast<std::size_t>(m.line)] ||
                contact_block_line(v, r, static_cast<std::size_t>(m.line) + 1) ||
                (m.line >= 2 && author_label_line(r, v, static_cast<std::size_t>(m.line) - 2)))) {
      // A header's department on the line under the institution's full name, the whole
      // line, and not a menu's (which the boilerplate stage stripped) — unless an address
      // follows it, as in a contact block ("Informacji udziela: / MOPS w X / Dział … /
      // ul. …", which the stage strips too), or an author label stands over it ("Opracowanie:"
      // / "PCPR w X" / "Zespół …", a cover the stage strips).
      std::string_view next = v.raw[static_cast<std::size_t>(m.line)];
      for (const auto& d : r.departments)
        if (auto h = match(*d, next)) {
          if (std::string d = trim_department(r, h->g1); !d.empty() && trim(next.substr(h->end)).empty())
            departments.emplace_back(std::move(d), m.line + 1);
          break;
        }
    }
  }
  if (departments.empty() && !r.department_agents.empty()) {
    // No department beside the institution's name: one that does the programme's work in
    // running text ("Program realizuje Dział …", "… przez Zespół …"), the first.
    for (std::size_t i = 0; i < v.raw.size() && departments.empty(); ++i) {
      if (!v.kept[i] || !has_department_head(r, v.raw[i])) continue;
      for (const auto& d : r.department_agents)
        if (auto h = match(*d, v.raw[i])) {
          if (std::string dep = trim_department(r, h->g1); dep.find(' ') != std::string::npos) {
            departments.emplace_back(std::move(dep), static_cast<int>(i) + 1);
            break;
          }
        }
    }
  }
  std::string phrase = places.empty() ? std::string() : most_frequent(places);
  const Mention* first = nullptr;
  for (const auto& m : mentions)
    if (m.name == name && (phrase.empty() || m.place_phrase == phrase)) {
      first = &m;
      break;
    }
  p.organisation = phrase.empty() ? name : name + " " + phrase;
  p.field_lines.emplace_back("organisation", first->line);
  if (!departments.empty()) {
    p.department = most_frequent(departments);
    for (const auto& [department, line] : departments)
      if (department == p.department) {
        p.field_lines.emplace_back("department", line);
        break;
      }
  }
  if (!phrase.empty() && !first->place.empty()) {
    std::string place = place_nominative(first->place, r, lem);
    if (!contains(r.locality_stop, place)) {
      p.locality = place;
      p.field_lines.emplace_back("locality", first->line);
      return normalize_space(first->place);
    }
  }
  return {};
}

/// The locality where no institution's place gave it, and a check of the one it gave:
/// `locative` is that place as written ("Łącku"), empty when there is none.
void find_locality(const PageView& v, const Impl& r, const Lemmatizer* lem, Programme& p,
                   const std::string& locative) {
  if (!p.locality.empty() && locative.empty()) return;
  std::vector<std::pair<std::string, int>> found;
  struct Written {
    std::string place;
    int line;
    bool nominative;  // after a head that puts it in the nominative ("Gmina Korczyna")
  };
  std::vector<Written> as_written;  // names no ending was taken off
  for (std::size_t i = 0; i < v.raw.size(); ++i)
    for (std::size_t k = 0, mask = 0; k < r.localities.size(); ++k) {
      if (k == 0) mask = v.mask(k_localities, i);  // the line's, once
      if (!PageView::has(mask, k)) continue;
      const auto& re = r.localities[k];
      std::size_t pos = 0;
      while (auto h = search(r, *re, v.facts[i], v.raw[i], v.raw[i], pos)) {
        // "Gmina Korczyna", "w miejscowości Korczyna": the head word leaves the name in the
        // nominative, as written, whatever case a rule reads after the other heads.
        const std::size_t at = offset_in(v.raw[i], h->g1);
        const bool nominative =
            r.locality_nominative_head && at >= h->start &&
            matches(*r.locality_nominative_head, v.raw[i].substr(h->start, at - h->start));
        std::string place = nominative ? normalize_space(h->g1)
                            : r.locality_genitive[k] && lem ? lem->place_from_genitive(h->g1)
                                                            : nominative_place(h->g1, lem);
        if (!place.empty() && !contains(r.locality_stop, place)) {
          found.emplace_back(place, static_cast<int>(i) + 1);
          if (place == normalize_space(h->g1))
            as_written.push_back({place, static_cast<int>(i) + 1, nominative});
        }
        pos = std::max(h->end, h->start + 1);
      }
    }
  if (!p.locality.empty()) {
    // The locative's endings can stand for several nominatives ("w Łącku": Łąck or Łącko);
    // one of them written on the page as it is, and not a genitive form itself ("gminy
    // Łącko") unless a head word puts it in the nominative ("Gmina Korczyna"), settles it.
    if (!lem) return;
    for (const auto& [place, line, nominative] : as_written)
      if (place != p.locality && (nominative || !lem->could_be_genitive(place)) &&
          lem->is_locative_reading(locative, place)) {
        p.locality = place;
        for (auto& [key, l] : p.field_lines)
          if (key == "locality") l = line;
        return;
      }
    return;
  }
  if (found.empty()) return;
  p.locality = most_frequent(found);
  for (const auto& [place, line] : found)
    if (place == p.locality) {
      p.field_lines.emplace_back("locality", line);
      break;
    }
}

/// Whether a period match reads as a funding programme's ("w ramach Programu Wieloletniego
/// „Senior+” na lata 2015–2020"): a [period_funding] rule matches the line up to its first year.
bool funding_period(const Impl& r, const LineFacts* f, std::string_view line, const Hit& h) {
  std::string_view before = line.substr(0, offset_in(line, h.g1));
  for (const auto& re : r.period_fundings)
    if (search_matches(r, *re, f, line, before)) return true;
  return false;
}

/// The first match of the [period] rules in rule order, on lines the boilerplate stage kept
/// (a menu's "Strategia … na lata 2016–2025" is not the page's period); a funding programme's
/// period only when the page gives no other.
void find_period(const PageView& v, const Impl& r, Programme& p) {
  // (from, to), line; to 0: an open-ended period ("realizowany od 2010 r."); from 0: one
  // with its end only ("realizowany do 31.12.2024 r.")
  std::optional<std::pair<std::pair<int, int>, int>> funding;
  auto take = [&](int from, int to, int ln) {
    if (from > 0) p.period_from = from;
    if (to > 0) p.period_to = to;
    p.field_lines.emplace_back("period", ln);
  };
  std::vector<std::uint64_t> masks(v.raw.size(), 0);  // per line, once (never 0: bit 63)
  for (std::size_t k = 0; k < r.periods.size(); ++k)
    for (std::size_t i = 0; i < v.raw.size(); ++i) {
      if (!v.kept[i]) continue;
      if (!masks[i]) masks[i] = v.mask(k_periods, i);
      if (!PageView::has(masks[i], k)) continue;
      const auto& re = r.periods[k];
      std::size_t pos = 0;
      while (auto h = search(r, *re, v.facts[i], v.raw[i], v.raw[i], pos)) {
        pos = std::max(h->end, h->start + 1);
        int from = 0, to = 0;
        std::from_chars(h->g1.data(), h->g1.data() + h->g1.size(), from);
        // no second year: one year ("na rok 2019", a `single` rule) or open-ended
        if (!h->g2.empty())
          std::from_chars(h->g2.data(), h->g2.data() + h->g2.size(), to);
        else if (r.period_single[k])
          to = from;
        else if (r.period_until[k])
          std::swap(from, to);
        int ln = static_cast<int>(i) + 1;
        if (to > 0 && from > to) {
          p.diagnostics.push_back({Severity::warning, "programme.period_reversed", ln, 0,
                                   fmt::format("period {}–{} ends before it starts", from, to)});
          continue;
        }
        if (funding_period(r, v.facts[i], v.raw[i], *h)) {
          if (!funding) funding = {{from, to}, ln};
          continue;
        }
        take(from, to, ln);
        return;
      }
    }
  if (funding) take(funding->first.first, funding->first.second, funding->second);
}

void find_title(const PageView& v, const Impl& r, Programme& p) {
  std::vector<std::uint64_t> masks(v.raw.size(), 0);  // per line, once (never 0: bit 63)
  for (std::size_t k = 0; k < r.titles.size(); ++k)
    for (std::size_t i = 0; i < v.raw.size(); ++i) {
      if (!v.kept[i]) continue;
      if (!masks[i]) masks[i] = v.mask(k_titles, i);
      if (!PageView::has(masks[i], k)) continue;
      const auto& re = r.titles[k];
      // A match longer than title_max_chars is not a title; the line is searched on from the
      // next start, as a bounded repetition in the rule would have done (the bound lives here:
      // in the rule it made RE2's automata 150–200 times larger, a third of this stage's time).
      std::size_t pos = 0;
      while (auto h = search(r, *re, v.facts[i], v.raw[i], v.content[i], pos)) {
        if (count_code_points(h->g1) > static_cast<std::size_t>(r.title_max_chars)) {
          pos = h->start + 1;
          while (pos < v.content[i].size() &&
                 (static_cast<unsigned char>(v.content[i][pos]) & 0xC0) == 0x80)
            ++pos;
          continue;
        }
        std::string t = clean_title(r, h->g1);
        if (t.empty()) break;
        p.title = std::move(t);
        p.field_lines.emplace_back("title", static_cast<int>(i) + 1);
        return;
      }
    }
}

/// The role on a short line whose first word is a role word ("Kierownik Ośrodka …"), or "".
std::string role_line(const PageView& v, const Impl& r, std::size_t i) {
  if (i >= v.raw.size()) return {};
  std::string next = normalize_space(v.content[i]);
  std::string_view first_word = std::string_view(next).substr(0, next.find(' '));
  // "psycholog, specjalista psychoterapii": the word before its comma
  while (!first_word.empty() && (first_word.back() == ',' || first_word.back() == ';'))
    first_word.remove_suffix(1);
  if (!next.empty() && next.back() != '.' && std::count(next.begin(), next.end(), ' ') < 12 &&
      contains(r.role_words, capitalize_first(to_lower(first_word))))
    return clean_item(next);
  return {};
}

/// A deck's signature without a label: a line of two or three name words alone, a role line
/// under it ("Joanna Michalczuk" / "Kierownik Ośrodka Interwencji Kryzysowej"). Only inside
/// the slides, where a page's contact persons do not stand.
void find_signature(const PageView& v, const Impl& r, Programme& p) {
  if (p.slides.empty()) return;
  for (std::size_t i = static_cast<std::size_t>(p.slides.front().line - 1); i + 1 < v.raw.size();
       ++i) {
    if (v.furniture[i]) continue;
    std::string line = normalize_space(v.content[i]);
    std::vector<std::string_view> words;
    for (std::string_view s = line; !s.empty();) {
      auto sp = s.find(' ');
      words.push_back(s.substr(0, sp));
      s = sp == std::string_view::npos ? std::string_view() : s.substr(sp + 1);
    }
    std::size_t k = 0;
    while (k < words.size() && contains(r.honorifics, words[k])) ++k;
    std::size_t n = words.size() - k;
    if (n < 2 || n > static_cast<std::size_t>(r.author_name_max_words)) continue;
    bool name = true;
    for (std::size_t w = k; w < words.size() && name; ++w)
      name = match(*r.author_name_word, words[w]).has_value() && !contains(r.role_words, words[w]);
    if (!name) continue;
    std::string role = role_line(v, r, i + 1);
    if (role.empty()) continue;
    p.author_name.clear();
    for (std::size_t w = k; w < words.size(); ++w) {
      if (!p.author_name.empty()) p.author_name += ' ';
      p.author_name += words[w];
    }
    p.author_role = std::move(role);
    p.field_lines.emplace_back("author", static_cast<int>(i) + 1);
    return;
  }
}

/// Whether the nearest non-blank line above (`step` -1) or below (+1) line `i`, past one
/// blank line at most, is page metadata.
bool page_meta_beside(const PageView& v, std::size_t i, int step) {
  for (int d = 1; d <= 2; ++d) {
    const auto j = static_cast<std::ptrdiff_t>(i) + step * d;
    if (j < 0 || j >= static_cast<std::ptrdiff_t>(v.raw.size())) return false;
    const auto k = static_cast<std::size_t>(j);
    if (!trim(v.raw[k]).empty()) return v.page_meta[k];
  }
  return false;
}

/// The date a deck's title slide writes after the author's role ("Kierownik MGOPS Ustrzyki
/// Dolne, maj 2024", "Dyrektor CUS, 12.03.2024"): no part of the role.
void drop_role_date(std::string& role) {
  const std::size_t comma = role.rfind(", ");
  if (comma == std::string::npos || comma == 0) return;
  std::string_view tail = std::string_view(role).substr(comma + 2);
  if (tail.ends_with(" r.")) tail.remove_suffix(3);
  else if (tail.ends_with(" r")) tail.remove_suffix(2);
  // the year: four digits at the end, after a month's word or a day and month in digits
  if (tail.size() < 4) return;
  const std::string_view year = tail.substr(tail.size() - 4);
  if (!std::all_of(year.begin(), year.end(), [](char c) { return c >= '0' && c <= '9'; })) return;
  std::string_view before = tail.substr(0, tail.size() - 4);
  const bool digits_date = !before.empty() && std::all_of(before.begin(), before.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '/';
  });
  const bool month_word =
      before.empty() || (before.back() == ' ' && before.find(' ') == before.size() - 1 &&
                         before.size() <= 24 && !std::any_of(before.begin(), before.end(), [](char c) {
                           return c >= '0' && c <= '9';
                         }));
  if (digits_date || month_word) role.erase(comma);
}

void find_author(const PageView& v, const Impl& r, Programme& p) {
  for (std::size_t i = 0; i < v.raw.size(); ++i) {
    std::optional<Hit> h;
    std::uint64_t cand = v.mask(k_authors, i);
    for (std::size_t k = 0; k < r.authors.size(); ++k)
      if (PageView::has(cand, k) &&
          (h = search(r, *r.authors[k], v.facts[i], v.raw[i], v.content[i])))
        break;
    if (!h) continue;
    // "Opublikowano: … / Autor: … / Liczba wyświetleń: …": a CMS's byline in the page's
    // metadata block (a blank line may part its lines) names who put the page on the site, not
    // who wrote the programme. So does one after another metadata label on its line
    // ("Opublikowano: 14.03.2024 | Autor: …").
    if (v.page_meta[i] &&
        (page_meta_beside(v, i, -1) || page_meta_beside(v, i, 1) ||
         !trim(v.content[i].substr(0, std::min(h->start, v.content[i].size()))).empty()))
      continue;
    std::string rest = normalize_space(h->g1);
    int ln = static_cast<int>(i) + 1;
    if (rest.empty())  // the name on the next non-blank line
      for (std::size_t j = i + 1; j < v.raw.size() && rest.empty(); ++j) {
        rest = normalize_space(v.content[j]);
        ln = static_cast<int>(j) + 1;
      }
    std::vector<std::string_view> words;
    std::string_view s = rest;
    while (!s.empty()) {
      auto sp = s.find(' ');
      words.push_back(s.substr(0, sp));
      s = sp == std::string_view::npos ? std::string_view() : s.substr(sp + 1);
    }
    std::size_t k = 0;
    while (k < words.size() && contains(r.honorifics, words[k])) ++k;
    std::size_t name_begin = k;
    std::string name;
    while (k < words.size() && static_cast<int>(k - name_begin) < r.author_name_max_words) {
      // "Kowalska," ends the name at its comma
      std::string_view w = words[k];
      bool comma = w.ends_with(',');
      if (comma) w.remove_suffix(1);
      if (!match(*r.author_name_word, w) || (k - name_begin >= 2 && contains(r.role_words, w)))
        break;
      if (!name.empty()) name += ' ';
      name += w;
      ++k;
      if (comma) break;
    }
    if (k - name_begin < 2) continue;
    // "Opracowanie:" over "Miejski Ośrodek Pomocy Społecznej w Żarach": an institution wrote
    // it, no person; a later label may name one
    bool institution = false;
    for (std::size_t x = name_begin; x < k && !institution; ++x) {
      std::string_view w = words[x];
      if (w.ends_with(',')) w.remove_suffix(1);
      institution = contains(r.institution_words, w);
    }
    if (institution) continue;
    auto join = [&](std::size_t b, std::size_t e) {
      std::string out;
      for (std::size_t x = b; x < e; ++x) {
        if (!out.empty()) out += ' ';
        out += words[x];
      }
      return out;
    };
    // "Karolina Pawlak – Kierownik GOPS": the dash between name and role is neither
    while (k < words.size() &&
           (words[k] == "–" || words[k] == "—" || words[k] == "-" || words[k] == ","))
      ++k;
    p.author_name = std::move(name);
    p.author_role = clean_item(join(k, words.size()));
    // The role on the line under the name ("Kierownik Zespołu Interwencji Kryzysowej"):
    // a short line whose first word is a role word.
    if (p.author_role.empty()) p.author_role = role_line(v, r, static_cast<std::size_t>(ln));
    p.field_lines.emplace_back("author", ln);
    return;
  }
  find_signature(v, r, p);
}

/// The goals-list state machine over content lines.
class GoalParser {
 public:
  GoalParser(const Impl& r, Programme& p) : r_(r), p_(p) {}

  void parse(const PageView& v) {
    v_ = &v;
    for (std::size_t i = 0; i < v.content.size(); ++i) {
      std::string_view line = trim(v.content[i]);
      // A blank line counts even when the boilerplate stage stripped it (it strips them
      // all): it ends a list of unnumbered goals as it ends a goal's sentence.
      if (line.empty()) {
        blank_ = true;
        continue;
      }
      if (v.furniture[i]) continue;
      index_ = i;
      line_ = static_cast<int>(i) + 1;
      std::vector<int> closed;  // the numbers of a list this line ended
      if (open_) {
        if (continues_list(line)) {
          scan(line, 0);
        } else {
          closed = last_;
          close();
        }
      }
      if (!open_) {
        if (auto h = first_of(k_goal_headings, line, 0)) {
          open();
          // a heading right under the list it ended ("Cele programu (cd.) 3. …", the next
          // slide of a transcript that writes one slide a line) may go on with its numbers
          if (!closed.empty()) before_heading_ = std::move(closed);
          std::size_t goals_before = p_.goals.size();
          scan(line, h->start);
          // "3. Cele programu: 1. … 2. … 3. …" — a numbered section holding its goals on its
          // own line: the line of the next section ("4. Zadania programu …") ends the list,
          // though its number would continue the goals' sequence.
          if (p_.goals.size() > goals_before) section_ = section_number(line.substr(0, h->start));
        } else if (explicit_marker(line)) {
          open();
          scan(line, 0);
        }
      }
      blank_ = false;
    }
    close();
  }

 private:
  struct Found {
    enum Kind { heading, group, marker, bullet, stop } kind;
    Hit hit;
    std::size_t text_start = 0;  // where a goal's text begins (markers, bullets)
  };

  /// N of a section number "N." / "N)" that is all of `prefix` (spaces aside), else 0.
  static int section_number(std::string_view prefix) {
    prefix = trim(prefix);
    if (prefix.size() < 2 || (prefix.back() != '.' && prefix.back() != ')')) return 0;
    prefix.remove_suffix(1);
    int n = 0;
    auto [end, ec] = std::from_chars(prefix.data(), prefix.data() + prefix.size(), n);
    return ec == std::errc() && end == prefix.data() + prefix.size() ? n : 0;
  }

  void open() {
    section_ = 0;
    open_ = true;
    last_.clear();
    current_ = -1;
    after_heading_ = false;
    roman_top_ = false;
  }

  void close() {
    open_ = false;
    current_ = -1;
    after_heading_ = false;
    main_heading_ = false;
  }

  /// A marker's id in the list: under a Roman-numbered goal ("II. Wsparcie rodzin"), an Arabic
  /// number ("1.", "2.") is that goal's child (2.1, 2.2), as a document numbers its parts.
  std::vector<int> list_id(std::string_view marker) const {
    std::vector<int> id = parse_id(marker);
    if (roman_top_ && !last_.empty() && !id.empty() && roman_value(marker) == 0)
      id.insert(id.begin(), last_.front());
    return id;
  }

  /// The rules of `list` that may match in the current line.
  std::uint64_t candidates(ListId list) const { return v_->mask(list, index_); }

  std::optional<Hit> first_of(ListId list, std::string_view s, std::size_t pos) const {
    std::optional<Hit> best;
    const auto& rules = r_.list(list);
    std::uint64_t cand = candidates(list);
    if (!searches_.holds(s)) searches_.reset(s, &r_, v_->facts[index_], v_->raw[index_]);
    for (std::size_t k = 0; k < rules.size(); ++k)
      if (!PageView::has(cand, k)) continue;
      else if (auto h = searches_.match(*rules[k], pos); h && (!best || h->start < best->start))
        best = h;
    return best;
  }

  std::optional<Hit> explicit_marker(std::string_view line) const {
    const auto& rules = r_.goal_explicit_markers;
    std::uint64_t cand = candidates(k_goal_explicit_markers);
    for (std::size_t k = 0; k < rules.size(); ++k)
      if (!PageView::has(cand, k)) continue;
      else if (auto h = match(*rules[k], line, 0, RE2::ANCHOR_START)) return h;
    return std::nullopt;
  }

  bool unnumbered_mode() const {
    return current_ >= 0 && p_.goals[static_cast<std::size_t>(current_)].id.empty();
  }

  /// The current goal's text when it is an item of a list written as one sentence's parts,
  /// in lower case ("zwiększenie aktywności seniorów," / "rozwój kompetencji cyfrowych," /
  /// "wsparcie osób samotnych."), else empty. Such a list's item ends at its comma or
  /// semicolon, and the list at the item that ends with a full stop.
  std::string_view lower_item() const {
    if (!unnumbered_mode()) return {};
    std::string_view t = trim(p_.goals[static_cast<std::size_t>(current_)].text);
    return !t.empty() && starts_lower(t) ? t : std::string_view{};
  }

  /// Whether a line keeps an open list going: it starts with a heading, a group, a bullet or
  /// a marker that continues the sequence, or it carries on the current goal's sentence.
  bool continues_list(std::string_view line) const {
    if (section_ > 0) {
      std::size_t k = 0;
      while (k < line.size() && line[k] >= '0' && line[k] <= '9') ++k;
      if (k > 0 && k < line.size() && (line[k] == '.' || line[k] == ')') &&
          section_number(line.substr(0, k + 1)) == section_ + 1)
        return false;
    }
    for (ListId list : {k_goal_headings, k_goal_groups, k_goal_bullets}) {
      const auto& rules = r_.list(list);
      std::uint64_t cand = candidates(list);
      for (std::size_t k = 0; k < rules.size(); ++k)
        if (PageView::has(cand, k) && matches(*rules[k], line, RE2::ANCHOR_START)) return true;
    }
    for (ListId list : {k_goal_markers, k_goal_explicit_markers}) {
      const auto& rules = r_.list(list);
      std::uint64_t cand = candidates(list);
      for (std::size_t k = 0; k < rules.size(); ++k)
        if (!PageView::has(cand, k)) continue;
        else if (auto h = match(*rules[k], line, 0, RE2::ANCHOR_START))
          if (continues(last_, list_id(h->g1))) return true;
    }
    if (const std::string_view item = lower_item(); !item.empty() && item.back() == '.' &&
                                                    !starts_lower(line))
      return false;  // the paragraph or heading under the list
    if (current_ >= 0 && !blank_ && starts_lower(line)) return true;
    if (after_heading_) return true;
    return unnumbered_mode() && !blank_ && line.size() <= k_unnumbered_max;
  }

  std::optional<Found> next(std::string_view s, std::size_t pos) const {
    std::optional<Found> best;
    if (!searches_.holds(s)) searches_.reset(s, &r_, v_->facts[index_], v_->raw[index_]);
    auto consider = [&](Found::Kind kind, ListId list) {
      const auto& rules = r_.list(list);
      std::uint64_t cand = candidates(list);
      for (std::size_t k = 0; k < rules.size(); ++k)
        if (!PageView::has(cand, k)) continue;
        else if (auto h = searches_.match(*rules[k], pos);
                 h && (!best || h->start < best->hit.start)) {
          best = Found{kind, *h, h->end};
          if ((kind == Found::marker || kind == Found::bullet) && (h->g2.data() || h->g1.data()))
            best->text_start = offset_in(s, kind == Found::marker ? h->g2 : h->g1);
        }
    };
    consider(Found::heading, k_goal_headings);
    consider(Found::group, k_goal_groups);
    consider(Found::marker, k_goal_explicit_markers);
    consider(Found::marker, k_goal_markers);
    consider(Found::bullet, k_goal_bullets);
    consider(Found::stop, k_goal_stops);
    return best;
  }

  void add_text(std::string_view t) {
    if (current_ < 0 && (after_heading_ || unnumbered_mode_pending_) && has_letter(t)) {
      start_goal("");
      after_heading_ = false;
    }
    if (current_ < 0 || trim(t).empty()) return;
    std::string& text = p_.goals[static_cast<std::size_t>(current_)].text;
    text += ' ';
    text += t;
  }

  /// {n} for a letter item "a)" … (a = 1), else {}.
  static std::vector<int> letter_item(std::string_view marker) {
    marker = trim(marker);
    if (marker.size() >= 2 && marker[0] >= 'a' && marker[0] <= 'z' && marker[1] == ')')
      return {marker[0] - 'a' + 1};
    return {};
  }

  void start_goal(std::string id) {
    // the first goal under a main goal's heading, unnumbered: the list's goal 0
    if (main_heading_ && id.empty()) main_goals_.push_back(p_.goals.size());
    main_heading_ = false;
    p_.goals.push_back({std::move(id), {}});
    current_ = static_cast<int>(p_.goals.size()) - 1;
    if (first_line_ == 0) first_line_ = line_;
  }

  void scan(std::string_view s, std::size_t pos) {
    // a line on its own in a list of unnumbered goals is the next goal
    const std::string_view item = lower_item();
    unnumbered_mode_pending_ =
        unnumbered_mode() && pos == 0 &&
        (!starts_lower(s) || (!item.empty() && (item.back() == ',' || item.back() == ';')));
    if (unnumbered_mode_pending_) current_ = -1;
    while (pos < s.size()) {
      auto f = next(s, pos);
      if (!f) {
        add_text(s.substr(pos));
        break;
      }
      add_text(s.substr(pos, f->hit.start - pos));
      switch (f->kind) {
        case Found::heading:
          if (!last_.empty()) before_heading_ = last_;
          last_.clear();
          roman_top_ = false;
          current_ = -1;
          after_heading_ = true;
          main_heading_ = r_.main_goal_heading &&
                          RE2::PartialMatch(s.substr(f->hit.start, f->hit.end - f->hit.start),
                                            *r_.main_goal_heading);
          // a heading's group 1, when it has one, is the heading without the list it runs into
          pos = f->hit.g1.data() ? offset_in(s, f->hit.g1) + f->hit.g1.size() : f->hit.end;
          break;
        case Found::group: {
          auto g = parse_id(f->hit.g1);
          if (!g.empty()) last_ = {g.front(), 0};
          current_ = -1;
          after_heading_ = false;
          pos = f->hit.end;
          break;
        }
        case Found::marker: {
          auto id = list_id(f->hit.g1);
          // a Roman numeral's id is its value ("II" → "2"): the record's ids are numbers
          std::string sid = format_id(id);
          bool dup = std::any_of(p_.goals.begin(), p_.goals.end(),
                                 [&](const Goal& g) { return g.id == sid; });
          // "Cele szczegółowe (2/2)" over "5. …" on the next slide: a heading repeated over
          // the list's next items goes on with its numbers
          const bool goes_on = !continues(last_, id) && after_heading_ && last_.empty() &&
                               !before_heading_.empty() && continues(before_heading_, id);
          if ((continues(last_, id) || goes_on) && !dup) {
            start_goal(sid);
            if (id.size() == 1) roman_top_ = roman_value(f->hit.g1) > 0;
            last_ = id;
            after_heading_ = false;
          } else {
            add_text(s.substr(f->hit.start, f->text_start - f->hit.start));
          }
          pos = f->text_start;
          break;
        }
        case Found::bullet: {
          // "a)", "b)" under a numbered goal ("2) Wsparcie rodzin, w tym: / a) … / b) …")
          // are its sub-goals: 2.1, 2.2
          std::vector<int> sub = letter_item(s.substr(f->hit.start, f->text_start - f->hit.start));
          if (!sub.empty() && !last_.empty() && current_ >= 0 &&
              !p_.goals[static_cast<std::size_t>(current_)].id.empty()) {
            // "a)" is the first child of the goal before; "b)" the next sibling of "a)"
            std::vector<int> id = last_;
            if (sub[0] > 1) id.pop_back();
            id.push_back(sub[0]);
            if (continues(last_, id)) {
              start_goal(format_id(id));
              last_ = std::move(id);
              after_heading_ = false;
              pos = f->text_start;
              break;
            }
          }
          start_goal("");
          after_heading_ = false;
          pos = f->text_start;
          break;
        }
        case Found::stop:
          close();
          return;
      }
      unnumbered_mode_pending_ = false;
      if (pos <= f->hit.start && f->hit.end <= f->hit.start) {
        // an empty match (possible with an overridden grammar) must not stall the scan
        add_text(s.substr(f->hit.start));
        break;
      }
    }
    unnumbered_mode_pending_ = false;
  }

  static constexpr std::size_t k_unnumbered_max = 200;
  const Impl& r_;
  Programme& p_;
  const PageView* v_ = nullptr;
  std::size_t index_ = 0;  // the current line
  mutable SearchCache searches_;  // unanchored searches in the line being scanned
  bool open_ = false, blank_ = false, after_heading_ = false, unnumbered_mode_pending_ = false;
  bool roman_top_ = false;     // the list's last top-level goal had a Roman numeral
  bool main_heading_ = false;  // the last heading names the main goal ("Cel główny")
  std::vector<std::size_t> main_goals_;  // goals under such a heading, in p_.goals
  int section_ = 0;  // the number of the section whose line held the goals, 0: none
  std::vector<int> last_;
  std::vector<int> before_heading_;  // last_ when a heading cleared it
  int current_ = -1;
  int line_ = 0;
  int first_line_ = 0;

 public:
  /// 1-based line of the first goal, 0 when there is none.
  int first_line() const { return first_line_; }
  /// Indices in the programme's goals of the unnumbered goals under a main goal's heading.
  const std::vector<std::size_t>& main_goals() const { return main_goals_; }
};

/// Ids for goals the page writes without a number (bullets, a "Cel główny" paragraph): the
/// record's goal ids are numbers. With no numbered goal on the page they are 1, 2, … in
/// order; one unnumbered goal above numbered ones (the main goal over the specific ones) is
/// 0, several are 0.1, 0.2, …; unnumbered goals after numbered ones go on from the highest
/// top-level number.
void number_unnumbered(std::vector<Goal>& goals) {
  auto first_numbered = std::find_if(goals.begin(), goals.end(), [](const Goal& g) { return !g.id.empty(); });
  if (first_numbered == goals.end()) {
    int k = 0;
    for (auto& g : goals) g.id = std::to_string(++k);
    return;
  }
  const auto before = static_cast<std::size_t>(first_numbered - goals.begin());
  for (std::size_t i = 0; i < before; ++i)
    goals[i].id = before == 1 ? "0" : "0." + std::to_string(i + 1);
  int top = 0;
  for (auto it = first_numbered; it != goals.end(); ++it) {
    if (it->id.empty()) {
      it->id = std::to_string(++top);
      continue;
    }
    int head = 0;
    std::from_chars(it->id.data(), it->id.data() + it->id.size(), head);
    top = std::max(top, head);
  }
}

/// Goals stated in a sentence ("Celem programu jest zwiększenie …"), for a page without a
/// goals list: group 1 of each [goal_sentence] match on a kept line, in page order.
int find_goal_sentences(const PageView& v, const Impl& r, Programme& p,
                        std::size_t end = std::string_view::npos) {
  int first_line = 0;
  for (std::size_t i = 0; i < v.content.size() && i < end; ++i) {
    if (!v.kept[i] || v.furniture[i]) continue;
    for (std::size_t k = 0; k < r.goal_sentences.size(); ++k) {
      if (!PageView::has(v.mask(k_goal_sentences, i), k)) continue;
      std::size_t pos = 0;
      while (auto h = search(r, *r.goal_sentences[k], v.facts[i], v.raw[i], v.content[i], pos)) {
        pos = std::max(h->end, h->start + 1);
        std::string t = clean_item(h->g1);
        if (t.empty() || std::any_of(p.goals.begin(), p.goals.end(),
                                     [&](const Goal& g) { return g.text == t; }))
          continue;
        p.goals.push_back({"", std::move(t)});
        if (first_line == 0) first_line = static_cast<int>(i) + 1;
      }
    }
  }
  return first_line;
}

void find_goals(const PageView& v, const Impl& r, Programme& p) {
  GoalParser parser(r, p);
  parser.parse(v);
  for (std::size_t k : parser.main_goals()) p.goals[k].id = "0";
  std::erase_if(p.goals, [&r](Goal& g) {
    g.text = clean_item(g.text);
    // a goal written as a sentence under its heading ("Cel projektu" / "Celem projektu jest
    // …"): the goal is what the sentence states
    for (const RE2* re : r.goal_sentences)
      if (auto h = match(*re, g.text, 0, RE2::ANCHOR_START); h && h->g1.data()) {
        g.text = clean_item(g.text.substr(offset_in(g.text, h->g1)));
        break;
      }
    return g.text.empty();
  });
  // a main goal is 0 over the specific goals (0.1, 0.2, … when several headings name one);
  // with nothing else it is a goal like any other
  const auto mains = std::count_if(p.goals.begin(), p.goals.end(), [](const Goal& g) { return g.id == "0"; });
  if (mains > 0 && static_cast<std::size_t>(mains) == p.goals.size()) {
    for (auto& g : p.goals) g.id.clear();
  } else if (mains > 1) {
    int k = 0;
    for (auto& g : p.goals)
      if (g.id == "0") g.id = "0." + std::to_string(++k);
  }
  const bool has_main = mains > 0 && static_cast<std::size_t>(mains) < p.goals.size();
  int first_line = parser.first_line();
  if (p.goals.empty()) {
    first_line = find_goal_sentences(v, r, p);
  } else if (r.main_goal_sentence && first_line > 0 && !has_main &&
             // no main goal in the list: no unnumbered goal ("Cel główny: …") above a numbered one
             (!p.goals.front().id.empty() ||
              std::none_of(p.goals.begin(), p.goals.end(), [](const Goal& g) { return !g.id.empty(); }))) {
    // "Celem głównym programu jest …" above the list: its goal 0
    Programme above;
    if (const int ln = find_goal_sentences(v, r, above, static_cast<std::size_t>(first_line - 1));
        ln > 0 && above.goals.size() == 1 &&
        RE2::PartialMatch(v.raw[static_cast<std::size_t>(ln - 1)], *r.main_goal_sentence)) {
      above.goals.front().id = "0";
      p.goals.insert(p.goals.begin(), std::move(above.goals.front()));
      first_line = ln;
    }
  }
  // "Cel główny: …" over unnumbered specific goals ("Cele szczegółowe:" / "promocja …,"):
  // the list's goal 0, as above a numbered list
  if (r.main_goal_label && first_line > 0 && p.goals.size() >= 2 &&
      std::all_of(p.goals.begin(), p.goals.end(), [](const Goal& g) { return g.id.empty(); }) &&
      RE2::PartialMatch(v.raw[static_cast<std::size_t>(first_line - 1)], *r.main_goal_label))
    p.goals.front().id = "0";
  number_unnumbered(p.goals);
  if (!p.goals.empty()) p.field_lines.emplace_back("goals", first_line);
}

}  // namespace

ProgrammeRules::ProgrammeRules(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ProgrammeRules::~ProgrammeRules() = default;

std::unique_ptr<ProgrammeRules> ProgrammeRules::compile(const Grammars& g,
                                                        std::vector<GrammarError>& errors) {
  auto r = std::make_unique<Impl>();
  static std::atomic<std::uint64_t> compiled{0};
  r->serial = ++compiled;
  for (const auto& e : g.entries(k_file, "organisation")) {
    if (e.value.empty()) {
      errors.push_back(g.error_at(k_file, e, "organisation needs 'regex = nominative name'"));
      continue;
    }
    if (const RE2* re = compile_into(r->filters[k_organisations], g, e, e.key, 0, errors))
      r->organisations.push_back({re, e.value});
  }
  std::string alternatives;
  for (const auto& e : g.entries(k_file, "abbreviation")) {
    if (e.value.empty()) {
      errors.push_back(g.error_at(k_file, e, "abbreviation needs 'ABBR = full name'"));
      continue;
    }
    r->abbreviations.emplace_back(e.key, e.value);
    if (!alternatives.empty()) alternatives += '|';
    alternatives += RE2::QuoteMeta(e.key);
  }
  if (!alternatives.empty()) {
    GrammarEntry where{"abbreviation", "", 0};
    r->abbreviation = compile_into(r->filters[k_organisations], g, where,
                                   "\\b(?:" + alternatives + ")\\b", 0, errors);
  }
  {
    RE2::Options opt;
    opt.set_log_errors(false);
    opt.set_encoding(RE2::Options::EncodingUTF8);
    auto set = std::make_unique<RE2::Set>(opt, RE2::UNANCHORED);
    bool ok = true;
    for (const auto& rule : r->organisations) ok = ok && set->Add(rule.re->pattern(), nullptr) >= 0;
    if (r->abbreviation) ok = ok && set->Add(r->abbreviation->pattern(), nullptr) >= 0;
    if (ok && set->Compile()) r->organisation_filter = std::move(set);
  }
  r->organisation_place = setting_regex(g, "organisation_place", 2, errors);
  r->organisation_owner = optional_setting_regex(g, "organisation_owner", 1, errors);
  r->locality_nominative_head = optional_setting_regex(g, "locality_nominative_head", 0, errors);
  r->slide_line = setting_regex(g, "slide_line", 2, errors);
  r->slide_title_trailer = optional_setting_regex(g, "slide_title_trailer", 0, errors);
  r->author_name_word = setting_regex(g, "author_name_word", 0, errors);
  r->contact_line = optional_setting_regex(g, "contact_line", 0, errors);
  r->slide_title_line = optional_setting_regex(g, "slide_title_line", 0, errors);
  r->slide_footer = optional_setting_regex(g, "slide_footer", 1, errors);
  r->slide_list_line = optional_setting_regex(g, "slide_list_line", 2, errors);
  r->main_goal_sentence = optional_setting_regex(g, "main_goal_sentence", 0, errors);
  r->main_goal_label = optional_setting_regex(g, "main_goal_label", 0, errors);
  r->main_goal_heading = optional_setting_regex(g, "main_goal_heading", 0, errors);
  // the words after which a place's name goes on in a heading: one list, layout's
  for (const auto& e : g.entries("layout.grammar", "heading_name_words"))
    for (auto w : split_words(e.key)) r->heading_name_words.push_back(to_lower(w));
  r->slide_footer_bare = optional_setting_regex(g, "slide_footer_bare", 1, errors);
  r->slide_footer_min = std::max(2, setting_int(g, "slide_footer_min", 3, errors));
  r->slide_title_max_chars = setting_int(g, "slide_title_max_chars", 150, errors);
  r->max_slide_gap = setting_int(g, "max_slide_gap", 3, errors);
  r->repeated_line_min = std::max(2, setting_int(g, "repeated_line_min", 3, errors));
  r->author_name_max_words = std::max(2, setting_int(g, "author_name_max_words", 3, errors));
  r->title_max_chars = setting_int(g, "title_max_chars", 200, errors);
  r->departments = compile_unfiltered_list(g, "department", 1, errors);
  r->period_fundings = compile_unfiltered_list(g, "period_funding", 0, errors);
  for (auto& re : compile_unfiltered_list(g, "period_previous", 0, errors))
    r->period_fundings.push_back(std::move(re));
  r->departments_before = compile_unfiltered_list(g, "department_before", 2, errors);
  r->department_agents = compile_unfiltered_list(g, "department_agent", 1, errors);
  r->department_end = optional_setting_regex(g, "department_end", 0, errors);
  r->department_not = optional_setting_regex(g, "department_not", 0, errors);
  r->department_apposition = optional_setting_regex(g, "department_apposition", 0, errors);
  for (const auto& e : g.entries("boilerplate.grammar", "abbreviations")) {
    const std::string words = e.key + " " + e.value;
    for (auto w : split_words(words)) {
      std::string a = to_lower(w);
      while (!a.empty() && a.back() == '.') a.pop_back();
      if (!a.empty()) r->title_abbreviations.insert(std::move(a));
    }
  }
  for (const auto& e : g.entries(k_file, "department_head")) {
    if (e.value.empty()) {
      errors.push_back(g.error_at(k_file, e, "department_head needs 'form = nominative'"));
      continue;
    }
    r->department_heads.emplace_back(e.key, e.value);
    if (!contains(r->department_nominatives, e.value)) r->department_nominatives.push_back(e.value);
  }
  for (const auto& e : g.entries(k_file, "place_abbreviation")) {
    std::array<std::string, 3> forms;
    std::size_t n = 0;
    for (std::string_view w : split_words(e.value))
      if (n < forms.size()) forms[n++] = std::string(w);
    if (n != forms.size()) {
      errors.push_back(
          g.error_at(k_file, e, "place_abbreviation needs 'Abbr. = masculine feminine neuter'"));
      continue;
    }
    r->place_abbreviations[e.key] = std::move(forms);
  }
  // The filtered rule lists: grammar section, and the capture groups each of its rules needs.
  struct ListSpec {
    ListId id;
    std::string_view section;
    int min_groups;
  };
  static constexpr ListSpec k_lists[] = {
      {k_localities, "locality", 1},          {k_periods, "period", 1},
      {k_titles, "title", 1},                 {k_goal_headings, "goal_heading", 0},
      {k_goal_markers, "goal_marker", 2},     {k_goal_explicit_markers, "goal_explicit_marker", 2},
      {k_goal_groups, "goal_group", 1},       {k_goal_bullets, "goal_bullet", 1},
      {k_goal_stops, "goal_stop", 0},         {k_goal_sentences, "goal_sentence", 1},
      {k_authors, "author", 1},
      {k_transcript_starts, "transcript_start", 0}, {k_transcript_ends, "transcript_end", 0}};
  for (const auto& spec : k_lists)
    r->list(spec.id) = compile_list(g, spec.section, spec.min_groups, r->filters[spec.id], errors);
  // A locality rule whose place group is named `genitive` reads the place as a genitive.
  for (const RE2* re : r->localities)
    r->locality_genitive.push_back(re->NamedCapturingGroups().count("genitive") > 0);
  // A period rule whose first year is named `single` gives a one-year period ("na rok 2019").
  // One whose year is named `until` gives a period with its end only ("realizowany do
  // 31.12.2024 r.").
  for (const RE2* re : r->periods) {
    r->period_single.push_back(re->NamedCapturingGroups().count("single") > 0);
    r->period_until.push_back(re->NamedCapturingGroups().count("until") > 0);
  }
  r->locality_stop = word_list(g, "locality_stop");
  r->honorifics = word_list(g, "author_honorific");
  r->role_words = word_list(g, "author_role_word");
  r->institution_words = word_list(g, "author_institution_word");
  r->page_meta_rules = word_list(g, "author_page_meta");
  if (!r->organisation_place || !r->slide_line || !r->author_name_word) return nullptr;
  for (auto& f : r->filters) f.compile(r->atoms);
  // The start literals of the filtered lists' rules (the lists' searches go through search()).
  {
    std::vector<const RE2*> all;
    for (const auto& o : r->organisations) all.push_back(o.re);
    if (r->abbreviation) all.push_back(r->abbreviation);
    for (std::size_t l = k_localities; l < k_list_count; ++l)
      for (const RE2* re : r->list(static_cast<ListId>(l))) all.push_back(re);
    for (const auto& d : r->departments_before) all.push_back(d.get());
    for (const auto& d : r->period_fundings) all.push_back(d.get());
    std::vector<StartLiteral> lits;
    for (const RE2* re : all) {
      StartInfo si;
      StartBytes sb;
      if (!start_literals(re->pattern(), lits, si.back, sb)) continue;
      si.at_begin = sb.at_begin;
      si.bytes = sb.bytes;
      si.any_bytes = sb.any;
      si.byte_then_space = sb.any && sb.then_space;
      for (unsigned b = 0; b < 256; ++b) si.byte_table[b] = si.has_byte(static_cast<unsigned char>(b));
      si.byte_runs.clear();
      for (unsigned b = 0; b < 256; ++b) {
        if (!si.byte_table[b]) continue;
        if (!si.byte_runs.empty() && si.byte_runs.back().second + 1u == b)
          si.byte_runs.back().second = static_cast<unsigned char>(b);
        else
          si.byte_runs.emplace_back(static_cast<unsigned char>(b), static_cast<unsigned char>(b));
      }
      if (si.byte_runs.size() > StartInfo::k_max_byte_runs) si.byte_runs.clear();
      for (const auto& lit : lits) {
        int id = r->atoms.id(lit.text);
        r->atoms.mark_start(id);
        if (lit.lead_in > 0) {
          si.lead_ins.emplace_back(id, lit.lead_in);
          continue;
        }
        auto k = static_cast<std::size_t>(id);
        if (si.literals.size() <= k / 64) si.literals.resize(k / 64 + 1, 0);
        si.literals[k / 64] |= std::uint64_t{1} << (k % 64);
      }
      r->starts.emplace(re, std::move(si));
    }
  }
  r->atoms.build_index();
  for (const Regex* one : {&r->slide_line, &r->slide_footer, &r->slide_footer_bare})
    if (*one && match_needs_digit(**one)) r->digit_rules.push_back(one->get());
  // Group twins of every rule whose groups are read (with_groups).
  {
    std::vector<const RE2*> all;
    for (const auto& o : r->organisations) all.push_back(o.re);
    if (r->abbreviation) all.push_back(r->abbreviation);
    for (std::size_t l = k_localities; l < k_list_count; ++l)
      for (const RE2* re : r->list(static_cast<ListId>(l))) all.push_back(re);
    for (const auto* list : {&r->departments, &r->departments_before, &r->period_fundings})
      for (const auto& d : *list) all.push_back(d.get());
    for (const Regex* one : {&r->organisation_place, &r->organisation_owner,
                             &r->locality_nominative_head, &r->slide_line,
                             &r->slide_title_trailer, &r->author_name_word, &r->slide_title_line,
                             &r->slide_footer, &r->slide_footer_bare, &r->contact_line})
      if (*one) all.push_back(one->get());
    for (const RE2* re : all) {
      // Only a big program (narrowed classes) or a last group over the rest of the line
      // makes group extraction dear.
      if (re->NumberOfCapturingGroups() < 1 || r->group_twins.count(re)) continue;
      const bool alphabet = re->ProgramSize() >= k_twin_min_program;
      // (the pattern is read whole only when a group "(." stands near its end)
      const std::string& pat = re->pattern();
      const bool tail = pat.ends_with('$') &&
                        pat.find("(.", pat.size() > 16 ? pat.size() - 16 : 0) != std::string::npos &&
                        !tail_twin_pattern(pat).empty();
      if (alphabet || tail) r->group_twins.emplace(re, std::make_unique<GroupTwin>(*re, alphabet, tail));
    }
  }
  return std::unique_ptr<ProgrammeRules>(new ProgrammeRules(std::move(r)));
}

void set_programme_fast_paths(bool on) { fast_paths_on.store(on, std::memory_order_relaxed); }

namespace {

std::size_t next_boundary(std::string_view t, std::size_t q) {
  if (q >= t.size()) return t.size();
  ++q;
  while (q < t.size() && (static_cast<unsigned char>(t[q]) & 0xC0) == 0x80) ++q;
  return q;
}

std::size_t prev_boundary(std::string_view t, std::size_t q) {
  if (q == 0) return 0;
  --q;
  while (q > 0 && (static_cast<unsigned char>(t[q]) & 0xC0) == 0x80) --q;
  return q;
}

/// The positions programme_match_mismatches searches `re` in `text` (a part of a line from
/// its byte `offset`; the line's facts `f`) from: every code point of a short text (or with
/// `every`). In a longer one, the places where a result can differ: a search's result is the
/// match at the first place from `pos` on where the rule matches anchored, so it changes only
/// at the places where a match starts, which the plain search finds one after the other (the
/// next from one code point past the last); with `si`, the places of the rule's start
/// literals (match_at_starts decides there). Each with a code point either side, and the
/// text's start and end.
constexpr std::size_t k_every_max = 16;

void rule_positions(const RE2& re, const StartInfo* si, const LineFacts& f, std::size_t offset,
                    std::string_view text, bool every, std::vector<std::size_t>& out) {
  out.clear();
  if (every || text.size() <= k_every_max) {
    for (std::size_t q = 0;; q = next_boundary(text, q)) {
      out.push_back(q);
      if (q == text.size()) break;
    }
    return;
  }
  auto around = [&](std::size_t q) {
    out.push_back(prev_boundary(text, q));
    out.push_back(q);
    out.push_back(next_boundary(text, q));
  };
  around(0);
  around(text.size());
  for (std::size_t pos = 0; pos <= text.size();) {
    auto h = match_direct(re, text, pos, RE2::UNANCHORED);
    if (!h) break;
    around(h->start);
    out.push_back(h->end);
    if (h->start == text.size()) break;
    pos = next_boundary(text, h->start);
  }
  if (si && si->any_bytes)
    for (std::size_t q = 0; q < text.size(); ++q)
      if (si->has_byte(static_cast<unsigned char>(text[q]))) around(q);
  if (si && si->folded())
    for (const auto& [id, at] : f.starts) {
      if (at < offset || at - offset > text.size()) continue;
      std::size_t q = at - offset;
      bool lead = std::any_of(si->lead_ins.begin(), si->lead_ins.end(),
                              [&](const auto& l) { return l.first == id; });
      if (!si->has(id) && !lead) continue;
      around(q);
      std::size_t w = q;  // the word before the literal, past white space: a lead-in's start
      while (w > 0 && is_re2_space(text[w - 1])) --w;
      if (w > 0) around(w - 1);
      while (w > 0 && !is_re2_space(text[w - 1])) --w;
      around(w);
    }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

}  // namespace

std::size_t programme_atom_scan_mismatches(const ProgrammeRules& rules, std::string_view text) {
  const Impl& r = rules.impl();
  std::string folded, folded_simd;
  const bool checked = fold_for_atoms(text, folded, false);
  // the sixteen-byte fold (fast path) writes what the byte loop writes, and checks the same
  std::size_t bad = fold_for_atoms(text, folded_simd, true) != checked ||
                    (checked && folded_simd != folded);
  if (!checked) return bad;
  std::vector<int> present[2];
  std::vector<std::pair<int, std::uint32_t>> starts[2];
  for (int k = 0; k < 2; ++k) {
    r.atoms.find(folded, present[k], starts[k], k == 1);
    std::sort(present[k].begin(), present[k].end());
    present[k].erase(std::unique(present[k].begin(), present[k].end()), present[k].end());
  }
  bad += present[0] != present[1];
  bad += starts[0] != starts[1];
  return bad;
}

std::size_t programme_twin_mismatches(const ProgrammeRules& rules, std::string_view text,
                                      std::size_t* spans) {
  const Impl& r = rules.impl();
  std::size_t bad = 0;
  for (const auto& [re, lazy] : r.group_twins) {
    const RE2* twin = lazy->get(true);
    if (!twin) continue;
    const int n = std::min(3, 1 + re->NumberOfCapturingGroups());
    // The match from each place one after the other: from the code point after the last
    // match's start.
    for (std::size_t pos = 0; pos <= text.size();) {
      re2::StringPiece a[3], b[3];
      if (!re->Match(piece(text), pos, text.size(), RE2::UNANCHORED, a, n)) break;
      const auto s = static_cast<std::size_t>(a[0].data() - text.data());
      const std::size_t e = s + a[0].size();
      if (lazy->reads(text.substr(s, e - s))) {
        if (spans) ++*spans;
        if (!twin->Match(piece(text), s, e, RE2::ANCHOR_BOTH, b, n))
          ++bad;
        else
          for (int g = 0; g < n; ++g)
            bad += a[g].data() != b[g].data() || a[g].size() != b[g].size();
      }
      if (s >= text.size()) break;
      pos = next_boundary(text, s);
    }
  }
  return bad;
}

std::size_t programme_match_mismatches(const ProgrammeRules& rules, std::string_view text,
                                       bool every) {
  const Impl& r = rules.impl();
  GroupMemo::of_thread().use(r.serial, &r.group_twins);
  // A rule skipped on a line without digits (Impl::digit_rules) matches nowhere in it.
  std::size_t skipped_wrongly = 0;
  for (const RE2* re : r.digit_rules)
    skipped_wrongly += cannot_match_without_digit(r, *re, text) &&
                       re->Match(piece(text), 0, text.size(), RE2::UNANCHORED, nullptr, 0);
  std::vector<const RE2*> all;
  for (const auto& o : r.organisations) all.push_back(o.re);
  for (const RE2* re : std::initializer_list<const RE2*>{r.abbreviation, r.organisation_place.get(),
                        r.organisation_owner.get(), r.slide_line.get(),
                        r.author_name_word.get(), r.slide_title_line.get(), r.contact_line.get(),
                        r.slide_footer.get(), r.slide_footer_bare.get()})
    if (re) all.push_back(re);
  for (const auto& d : r.departments) all.push_back(d.get());
  for (const auto& d : r.period_fundings) all.push_back(d.get());
  for (const auto& d : r.departments_before) all.push_back(d.get());
  for (std::size_t l = k_localities; l < k_list_count; ++l)
    for (const RE2* re : r.list(static_cast<ListId>(l))) all.push_back(re);
  std::size_t bad = skipped_wrongly;
  auto same = [](const std::optional<Hit>& a, const std::optional<Hit>& b) {
    if (!a || !b) return !a && !b;
    return a->start == b->start && a->end == b->end && a->g1.data() == b->g1.data() &&
           a->g1.size() == b->g1.size() && a->g2.data() == b->g2.data() &&
           a->g2.size() == b->g2.size();
  };
  std::vector<std::size_t> positions;
  // The searches from the start literals' places, in the whole text and in a part of it (as
  // a slide's content is a part of its line).
  LineFacts facts;
  std::string folded;
  find_facts(text, r, folded, facts);
  // A part: the text from its first space on, or up to its last one (as the text before an
  // institution's name is searched).
  const std::size_t space = text.find(' '), last_space = text.rfind(' ');
  for (int variant = 0; variant < 3; ++variant) {
    std::size_t offset = variant == 1 && space != std::string_view::npos ? space + 1 : 0;
    std::string_view part = text.substr(offset);
    if (variant == 2) part = text.substr(0, last_space == std::string_view::npos ? 0 : last_space);
    for (const RE2* re : all)
      if (const StartInfo* si = r.start_info(*re); si && (facts.checked || !si->folded())) {
        bad += match_at_starts(*re, *si, facts, offset, part, 0, false).has_value() !=
               match_direct(*re, part, 0, RE2::UNANCHORED).has_value();
        rule_positions(*re, si, facts, offset, part, every, positions);
        for (std::size_t pos : positions)
          bad += !same(match_at_starts(*re, *si, facts, offset, part, pos),
                       match_direct(*re, part, pos, RE2::UNANCHORED));
      }
  }
  for (const RE2* re : all) {
    rule_positions(*re, nullptr, facts, 0, text, every, positions);
    for (RE2::Anchor anchor : {RE2::UNANCHORED, RE2::ANCHOR_START})
      for (std::size_t pos : positions) {
        auto fast = match(*re, text, pos, anchor);
        auto slow = match_direct(*re, text, pos, anchor);
        bad += !same(fast, slow);
        if (pos == 0) bad += matches(*re, text, anchor) != slow.has_value();
      }
  }
  return bad;
}

Programme parse_programme(const SourcePage& page, const BoilerplateResult& bp, PageType type,
                          const ProgrammeRules& rules, const Lemmatizer* lemmatizer) {
  const Impl& r = rules.impl();
  GroupMemo::of_thread().use(r.serial, &r.group_twins);
  Programme p;
  PageView v = make_view(page, bp, r);
  std::vector<SlideLines> slide_lines = find_slides(v, type, r, p, page.page_breaks, bp.block_slides);
  mark_furniture(v, r);
  finish_slides(v, r, slide_lines, p);
  // a deck's own lines: the kept lines from its first slide on, and its running header
  std::vector<bool> deck_lines;
  const bool deck = type == PageType::slide_transcript && !p.slides.empty();
  if (deck) {
    deck_lines.assign(v.kept.size(), false);
    const auto first = static_cast<std::size_t>(std::max(p.slides.front().line, 1) - 1);
    for (std::size_t i = 0; i < deck_lines.size(); ++i)
      deck_lines[i] = (i >= first && v.kept[i]) ||
                      (i < bp.lines.size() && bp.lines[i].rule == "repeated_header");
  }
  std::string locative = find_organisation(v, r, lemmatizer, p, deck ? &deck_lines : nullptr);
  find_locality(v, r, lemmatizer, p, locative);
  find_period(v, r, p);
  find_title(v, r, p);
  find_goals(v, r, p);
  find_author(v, r, p);
  drop_role_date(p.author_role);
  return p;
}

void write_json(JsonWriter& w, const Programme& p) {
  auto put = [&](const char* key, const std::string& s) {
    std::string t = normalize_space(s);
    if (!t.empty()) w.field(key, t);
  };
  w.begin_object();
  put("organisation", p.organisation);
  put("department", p.department);
  put("locality", p.locality);
  if (p.period_from || p.period_to) {
    w.key("period").begin_object();
    if (p.period_from) w.field("from", *p.period_from);
    if (p.period_to) w.field("to", *p.period_to);
    w.end_object();
  }
  if (!p.goals.empty()) {
    w.key("goals").begin_array();
    for (const auto& g : p.goals) {
      w.begin_object();
      put("id", g.id);
      put("text", g.text);
      w.end_object();
    }
    w.end_array();
  }
  if (!p.author_name.empty() || !p.author_role.empty()) {
    w.key("author").begin_object();
    put("name", p.author_name);
    put("role", p.author_role);
    w.end_object();
  }
  if (!p.slides.empty()) {
    w.key("slides").begin_array();
    for (const auto& s : p.slides) {
      w.begin_object();
      w.field("number", s.number);
      put("title", s.title);
      // slide text keeps its line breaks; each line is already normalised
      if (!s.text.empty()) w.field("text", s.text);
      w.end_object();
    }
    w.end_array();
  }
  w.end_object();
}

nlohmann::ordered_json to_json(const Programme& p) { return parsed_json(p); }

}  // namespace bdp
