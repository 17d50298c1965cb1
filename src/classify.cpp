// Page-type classifier. Every signal of grammars/classify.grammar is one pattern of a single
// RE2::Set, so each line is matched once; a signal adds its weight for every matching line up
// to its cap. Computed signals look at the page's shape: a long run of lines starting with
// increasing numbers is a slide transcript, the more so when the numbers stand alone over
// short pages (short_slides) or each opens a short block after a blank line (slide_blocks: a
// deck whose transcript header was lost). Scores are summed per type, `unknown`
// (evidence of news, notices, school or council pages) competing like a type. The leader
// wins when it reaches `min_score` and leads; confidence grows with the lead.
//
// The set is the reference; a line is usually read faster through RE2's prefilter. Each
// signal's regex has a condition on lower-case literals ("atoms") that any match contains; a
// line is lower-cased once, scanned once for every atom, and only the signals whose condition
// holds run their own regex on it (about one line in three has a candidate at all). The set's
// many-match DFA builds a new state for nearly every new line (its states combine the threads
// of all signals: ~30 k instructions a line on varied pages); the signals' own automata are
// small and stay built. Lines the prefilter cannot read (letters whose case folding is not
// checked here) go through the set. A line longer than k_prefilter_max_line (kept by no memo),
// up to k_long_line_max, is read for what the page still needs: the signals below their cap
// and counted on that line; when at most k_long_line_candidates of those are floating
// candidates, only they run, else (and for longer lines) it goes through the set, as two:
// the signals anchored at the line's start, searched from its start only, and the others (a
// paragraph of the bench corpus has several candidates, each of which would scan it again,
// while the set's states stay built there). A line's slide, page and list numbers are looked
// for only when it holds a digit and the alternation of all their patterns matches it.
#include "bdp/classify.h"

#include <algorithm>

#include <array>
#include <atomic>
#include <charconv>
#include <cmath>
#include <cstring>
#include <mutex>
#include <set>
#include <sstream>
#include <unordered_map>

#include <re2/filtered_re2.h>
#include <re2/re2.h>
#include <re2/set.h>

#include "bdp/atoms.h"
#include "bdp/text.h"

namespace bdp {

namespace {

constexpr std::string_view kFile = "classify.grammar";
constexpr std::size_t kTypes = 4;

std::optional<PageType> type_from_name(std::string_view s) {
  for (PageType t : {PageType::bdp_practice, PageType::mops_programme,
                     PageType::slide_transcript, PageType::unknown})
    if (to_string(t) == s) return t;
  return std::nullopt;
}

bool parse_number(std::string_view s, double& out) {
  auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

std::atomic<bool> fast_paths_on{true};

/// The signals' own regexes with RE2's prefilter (FilteredRE2) over them, and the prefilter's
/// atoms in one Aho-Corasick automaton (byte classes, full transition table) for one pass over
/// a line. Signal k is regex k.
class SignalFilter {
 public:
  /// Adds the next signal's regex; false when RE2 rejects it (the filter is then unusable).
  bool add(const std::string& pattern, const RE2::Options& opt) {
    int id = 0;
    if (filter_.Add(pattern, opt, &id) != RE2::NoError) {
      usable_ = false;
      return false;
    }
    ++count_;
    return true;
  }

  void compile() {
    if (!usable_ || count_ == 0) {
      usable_ = false;
      return;
    }
    const std::vector<std::string> atoms = atoms::compile_filter(filter_, unfiltered_);
    if (!ac_.build(atoms)) {
      usable_ = false;
      return;
    }
    // step_: the automaton's table with each target flagged when atoms end there;
    // folded_class_: byte classes with A-Z as a-z.
    if (ac_.states() >= k_ends_atoms) {
      usable_ = false;
      return;
    }
    step_.resize(ac_.next.size());
    for (std::size_t k = 0; k < ac_.next.size(); ++k) {
      const std::uint32_t target = ac_.next[k];
      step_[k] = target | (ac_.out[target] != ac_.out[target + 1] ? k_ends_atoms : 0);
    }
    for (int byte = 0; byte < 256; ++byte)
      folded_class_[static_cast<std::size_t>(byte)] =
          ac_.byte_class[static_cast<std::size_t>(byte >= 'A' && byte <= 'Z' ? byte + 'a' - 'A' : byte)];
    atom_count_ = atoms.size();
  }

  bool usable() const { return usable_; }
  const RE2& regex(int id) const { return filter_.GetRE2(id); }

  /// Appends to `present` the atoms occurring in `line` lower-cased as RE2's prefilter
  /// lower-cases (each once, sorted). False when the line holds a code point whose folding is
  /// not checked here (see atoms::prefilter_fold_cp); `present` is then unspecified.
  bool atoms_in(std::string_view line, std::vector<int>& present) const {
    present.clear();
    // A state's atoms are listed the first time the line reaches it (its stamp is then this
    // call's), each atom once (its own stamp), and only for the states where some atom ends
    // (the flag bit of step_). A two-byte code point (most of Polish text's) is decoded and
    // folded here, from a table; others through next_cp.
    thread_local std::vector<std::uint32_t> seen_of_thread;
    thread_local std::uint32_t stamp_of_thread = 0;
    std::vector<std::uint32_t>& seen_vec = seen_of_thread;
    const std::size_t states = ac_.states();
    if (seen_vec.size() < atom_count_ + states) seen_vec.assign(atom_count_ + states, 0);
    std::uint32_t stamp = ++stamp_of_thread;
    if (stamp == 0) {
      std::fill(seen_vec.begin(), seen_vec.end(), 0);
      stamp = stamp_of_thread = 1;
    }
    std::uint32_t* const seen = seen_vec.data();                // atoms
    std::uint32_t* const state_seen = seen_vec.data() + atom_count_;  // states
    const std::uint32_t* const step_table = step_.data();
    const std::uint8_t* const cls = folded_class_.data();
    const std::size_t classes = ac_.classes;
    std::uint32_t state = 0;
    auto step = [&](std::uint32_t byte_class) __attribute__((always_inline)) {
      const std::uint32_t v = step_table[state * classes + byte_class];
      state = v & ~k_ends_atoms;
      if ((v & k_ends_atoms) && state_seen[state] != stamp) [[unlikely]] {
        state_seen[state] = stamp;
        for (std::uint32_t k = ac_.out[state], end = ac_.out[state + 1]; k < end; ++k) {
          const int a = ac_.out_atoms[k];
          if (seen[static_cast<std::size_t>(a)] != stamp) {
            seen[static_cast<std::size_t>(a)] = stamp;
            present.push_back(a);
          }
        }
      }
    };
    static const std::array<char32_t, 0x800> fold2 = [] {
      std::array<char32_t, 0x800> t{};
      for (char32_t c = 0x80; c < 0x800; ++c) t[c] = atoms::prefilter_fold_cp(c);
      return t;
    }();
    const auto* p = reinterpret_cast<const unsigned char*>(line.data());
    const std::size_t n = line.size();
    for (std::size_t i = 0; i < n;) {
      const unsigned char b = p[i];
      if (b < 0x80) {
        step(cls[b]);  // an ASCII capital's class is its small letter's
        ++i;
        continue;
      }
      char32_t cp, lower;
      const std::size_t start = i;
      if (b >= 0xC2 && b <= 0xDF && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
        cp = (static_cast<char32_t>(b & 0x1F) << 6) | (p[i + 1] & 0x3F);
        lower = fold2[cp];
        i += 2;
      } else {
        cp = next_cp(line, i);
        lower = atoms::prefilter_fold_cp(cp);
      }
      if (lower == 0) return false;
      if (lower == cp) {
        for (std::size_t k = start; k < i; ++k) step(cls[p[k]]);
      } else {  // the Polish capitals: two bytes, as their small letters
        step(cls[0xC0 | (lower >> 6)]);
        step(cls[0x80 | (lower & 0x3F)]);
      }
    }
    if (present.size() > 1) std::sort(present.begin(), present.end());
    return true;
  }

  /// The signals that may match a line holding the atoms `present` (sorted).
  void candidates(const std::vector<int>& present, std::vector<int>& out) const {
    if (present.empty())
      out = unfiltered_;
    else
      filter_.AllPotentials(present, &out);
  }

 private:
  re2::FilteredRE2 filter_{2};
  int count_ = 0;
  bool usable_ = true;
  std::vector<int> unfiltered_;  // signals without a condition: always candidates
  atoms::Automaton ac_;          // the prefilter's atoms
  static constexpr std::uint32_t k_ends_atoms = 0x80000000u;
  std::vector<std::uint32_t> step_;           // see compile()
  std::array<std::uint8_t, 256> folded_class_{};
  std::size_t atom_count_ = 0;
};

}  // namespace

void set_classify_fast_paths(bool on) { fast_paths_on.store(on, std::memory_order_relaxed); }

std::string_view to_string(PageType t) {
  switch (t) {
    case PageType::bdp_practice: return "bdp_practice";
    case PageType::mops_programme: return "mops_programme";
    case PageType::slide_transcript: return "slide_transcript";
    case PageType::unknown: return "unknown";
  }
  return "unknown";
}

struct ClassifierRules::Impl {
  struct Signal {
    std::string name;
    double weight = 0;
    int cap = 1;
    PageType type = PageType::unknown;
    std::unique_ptr<RE2> guard;  // a second pattern the line must match too; null = none
  };
  /// The signals for the lines the prefilter does not read (long ones, other scripts), in two
  /// sets: those anchored at the line's start (atoms::anchored_at_start) searched from the
  /// start only, whose DFA stops where none of them can match any more, and the others
  /// throughout the line; the signal of each set's pattern k is its `_ids[k]`. Apart, the
  /// floating signals' DFA states do not also carry the anchored ones' threads (a line's first
  /// words), which on new text roughly halves the states built.
  std::unique_ptr<RE2::Set> anchored_set, floating_set;
  std::vector<int> anchored_ids, floating_ids;
  std::vector<char> anchored_signal;  // per signal: in the anchored set
  /// Every signal in one set (the reference, for fast paths off), compiled on first use.
  const RE2::Set& one_set() const;
  mutable std::once_flag one_set_once;
  mutable std::unique_ptr<RE2::Set> set;
  SignalFilter filter;  // the signals again, each its own regex, behind RE2's prefilter
  std::vector<Signal> signals;
  std::vector<bool> body_only;  // per signal: counted on kept lines only ([body_signals])
  std::vector<bool> not_on_navigation;  // per signal: not on lines a [navigation_rules] rule stripped
  /// per signal: not on a contact entry's lines, a run of non-blank lines one of which holds a
  /// [contact_words] word ([not_in_contacts]); any_not_in_contacts: some signal is so flagged
  std::vector<bool> not_in_contacts;
  bool any_not_in_contacts = false;
  std::vector<std::string> contact_words;  // lower case, ASCII: found in a line lowered so
  std::string contact_first;  // the words' first letters, lower and upper case
  /// per signal: also matched with a line's label gap read as a colon ([gap_as_colon])
  std::vector<bool> gap_as_colon;
  bool any_gap_as_colon = false;
  std::set<std::string, std::less<>> navigation_rules;  // boilerplate rule names
  Signal numbered_slides{"numbered_slides", 0, 1, PageType::slide_transcript, nullptr};
  /// Fires beside numbered_slides when the sequence's numbers stand alone on their lines
  /// ("– 3 –", "3/7", "Slajd 3") and the pages between them are short (a slide's few lines, not
  /// a document's paragraphs). Weight 0: not in the grammar.
  Signal short_slides{"short_slides", 0, 1, PageType::slide_transcript, nullptr};
  /// Fires beside numbered_slides when slide_sequence_min of the sequence's numbers in a row
  /// each open a block (a blank line above the number's line) of at most slide_block_max_lines
  /// lines under it, and at least half of them have a line under: a deck's slides, its
  /// transcript header lost. Weight 0: not in the grammar.
  Signal slide_blocks{"slide_blocks", 0, 1, PageType::slide_transcript, nullptr};
  /// Fires when a list's numbers ("1. Tytuł", "2) Cele") run 1, 2, 3, … over at least
  /// slide_sequence_min blocks, each number opening its block (a blank or stripped line above),
  /// on a page whose own lines say it shows a deck (a [listed_slides_evidence] signal: a
  /// transcript's heading, a slide count): a transcript that numbers its slides as a list.
  /// A programme page's goals list has no such evidence. Weight 0: not in the grammar.
  Signal listed_slides{"listed_slides", 0, 1, PageType::slide_transcript, nullptr};
  std::vector<bool> listed_slides_evidence;  // per signal
  /// Fires when the boilerplate stage found the page written as unnumbered slides
  /// (BoilerplateResult::block_slides: blocks of a title over short lines, or an outline's
  /// titles over indented bullets), on a page that speaks of a centre or a programme and uses a
  /// deck's words ([block_slides_evidence]: "Dziękuję za uwagę", a host's word).
  Signal block_slides{"block_slides", 0, 1, PageType::slide_transcript, nullptr};
  std::vector<bool> block_slides_evidence;  // per signal
  /// [deck_content]: signals of what a deck speaks of (a centre, a programme's goals and
  /// parts), which do not count for their type on a page of short slides (short_slides).
  std::vector<bool> deck_content;  // per signal
  /// [deck_words]: a host's or a page's own word that it shows a presentation (not a document).
  std::vector<bool> deck_words;  // per signal
  std::unique_ptr<RE2> list_slide_number;    // [patterns] list_slide_number; optional
  std::vector<std::unique_ptr<RE2>> slide_numbers;  // [patterns] slide_number, first match wins
  std::unique_ptr<RE2> slide_marker_alone;           // [patterns] slide_marker_alone; optional
  /// [patterns] page_number, optional: a labelled page or slide number alone on its line
  /// ("Strona 3", "Slajd 3", "[Slide 3]"), a slide's number only when the pages between them
  /// are short (both computed signals fire then).
  std::vector<std::unique_ptr<RE2>> page_numbers;
  /// Every slide_number, page_number and list_slide_number pattern in one alternation, each
  /// in a group of its own ("(?:P1)|(?:P2)|…"): it matches wherever one of them matches, so a
  /// line it does not match has no number of any kind, told by one DFA pass instead of one a
  /// pattern (fast paths). Searched from the line's start only (`numbers_anchor`) when every
  /// pattern is anchored there. Null when a pattern cannot be grouped (`\Q` without its `\E`
  /// would quote the group's end) or the alternation does not compile: no pre-check.
  std::unique_ptr<RE2> any_number;
  RE2::Anchor numbers_anchor = RE2::UNANCHORED;
  double slide_short_max_chars = 300;
  double slide_block_max_lines = 4;
  double slide_sequence_min = 5;
  /// page_number sequences (labelled, with text between them, short pages) this long suffice
  double page_sequence_min = 5;
  double slide_max_step = 3;
  double min_score = 5;
  double confidence_scale = 3;
  std::uint64_t serial = 0;  // this rule set among those compiled in the process (from 1)
  /// Per signal, its pattern and its guard's (empty: none) as compiled, for `folded_rules`.
  std::vector<std::string> patterns, guard_patterns;
  /// The signals' patterns (and guards) with each Polish letter matching its ASCII letter too
  /// (fold_pattern), for a page written without diacritics; compiled on first use.
  struct Folded {
    std::vector<std::unique_ptr<RE2>> signals, guards;  // guards[k] null: none
  };
  const Folded& folded_rules() const;
  mutable std::once_flag folded_once;
  mutable Folded folded;
};

ClassifierRules::ClassifierRules(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ClassifierRules::~ClassifierRules() = default;

std::unique_ptr<ClassifierRules> ClassifierRules::compile(const Grammars& g,
                                                          std::vector<GrammarError>& errors) {
  auto impl = std::make_unique<Impl>();
  static std::atomic<std::uint64_t> compiled{0};
  impl->serial = ++compiled;
  RE2::Options opts;
  opts.set_log_errors(false);
  opts.set_encoding(RE2::Options::EncodingUTF8);
  impl->anchored_set = std::make_unique<RE2::Set>(opts, RE2::ANCHOR_START);
  impl->floating_set = std::make_unique<RE2::Set>(opts, RE2::UNANCHORED);
  bool last_added = false;
  for (const auto& e : g.entries(kFile, "signals")) {
    if (e.key == "guard") {
      if (!last_added || impl->signals.back().guard) {
        errors.push_back(g.error_at(kFile, e, "a guard must follow a signal"));
        continue;
      }
      auto re = std::make_unique<RE2>(narrow_unicode_classes(e.value), opts);
      if (!re->ok())
        errors.push_back(g.error_at(kFile, e, "bad regex: " + re->error()));
      else {
        impl->signals.back().guard = std::move(re);
        impl->guard_patterns.back() = narrow_unicode_classes(e.value);
      }
      continue;
    }
    last_added = false;
    std::istringstream in(e.value);
    std::string weight, cap, type;
    in >> weight >> cap >> type;
    std::string pattern;
    std::getline(in >> std::ws, pattern);
    Impl::Signal s{e.key, 0, 1, PageType::unknown, nullptr};
    double c = 0;
    auto t = type_from_name(type);
    if (!parse_number(weight, s.weight) || !parse_number(cap, c) || c < 1 || !t ||
        pattern.empty()) {
      errors.push_back(g.error_at(kFile, e, "expected 'name = weight cap type regex'"));
      continue;
    }
    s.cap = static_cast<int>(c);
    s.type = *t;
    std::string err;
    const std::string narrowed = narrow_unicode_classes(pattern);
    const bool anchored = atoms::anchored_at_start(narrowed);
    if ((anchored ? impl->anchored_set : impl->floating_set)->Add(narrowed, &err) < 0) {
      errors.push_back(g.error_at(kFile, e, "bad regex: " + err));
      continue;
    }
    (anchored ? impl->anchored_ids : impl->floating_ids)
        .push_back(static_cast<int>(impl->signals.size()));
    impl->filter.add(narrowed, opts);
    impl->signals.push_back(std::move(s));
    impl->patterns.push_back(narrowed);
    impl->guard_patterns.emplace_back();
    last_added = true;
  }
  // A section naming signals: each listed signal's flag is set.
  auto flag_signals = [&](std::string_view section, std::vector<bool>& flags) {
    flags.assign(impl->signals.size(), false);
    for (const auto& e : g.entries(kFile, section)) {
      auto it = std::find_if(impl->signals.begin(), impl->signals.end(),
                             [&](const Impl::Signal& sig) { return sig.name == e.key; });
      if (it == impl->signals.end())
        errors.push_back(g.error_at(kFile, e, "no signal '" + e.key + "'"));
      else
        flags[static_cast<std::size_t>(it - impl->signals.begin())] = true;
    }
  };
  flag_signals("body_signals", impl->body_only);
  flag_signals("not_on_navigation", impl->not_on_navigation);
  flag_signals("gap_as_colon", impl->gap_as_colon);
  flag_signals("not_in_contacts", impl->not_in_contacts);
  impl->any_not_in_contacts =
      std::find(impl->not_in_contacts.begin(), impl->not_in_contacts.end(), true) !=
      impl->not_in_contacts.end();
  for (const auto& e : g.entries(kFile, "contact_words")) {
    impl->contact_words.push_back(to_lower(e.key));
    const char c = impl->contact_words.back().empty() ? 0 : impl->contact_words.back()[0];
    if (c && impl->contact_first.find(c) == std::string::npos) {
      impl->contact_first.push_back(c);
      if (c >= 'a' && c <= 'z') impl->contact_first.push_back(static_cast<char>(c - 'a' + 'A'));
    }
  }
  flag_signals("listed_slides_evidence", impl->listed_slides_evidence);
  flag_signals("block_slides_evidence", impl->block_slides_evidence);
  flag_signals("deck_content", impl->deck_content);
  flag_signals("deck_words", impl->deck_words);
  impl->any_gap_as_colon =
      std::find(impl->gap_as_colon.begin(), impl->gap_as_colon.end(), true) !=
      impl->gap_as_colon.end();
  for (const auto& e : g.entries(kFile, "navigation_rules")) impl->navigation_rules.insert(e.key);
  for (const auto& e : g.entries(kFile, "computed")) {
    std::istringstream in(e.value);
    std::string weight, type;
    in >> weight >> type;
    auto t = type_from_name(type);
    Impl::Signal* sig = e.key == "numbered_slides" ? &impl->numbered_slides
                        : e.key == "short_slides"  ? &impl->short_slides
                        : e.key == "slide_blocks"  ? &impl->slide_blocks
                        : e.key == "listed_slides" ? &impl->listed_slides
                        : e.key == "block_slides"  ? &impl->block_slides
                                                   : nullptr;
    if (!sig || !parse_number(weight, sig->weight) || !t) {
      errors.push_back(g.error_at(
          kFile, e,
          "expected 'numbered_slides = weight type' (or short_slides, slide_blocks, listed_slides, block_slides)"));
      continue;
    }
    sig->type = *t;
  }
  for (const auto& e : g.entries(kFile, "patterns")) {
    if (e.key == "slide_marker_alone") {
      auto re = std::make_unique<RE2>(narrow_unicode_classes(e.value), opts);
      if (!re->ok())
        errors.push_back(g.error_at(kFile, e, "bad regex: " + re->error()));
      else
        impl->slide_marker_alone = std::move(re);
      continue;
    }
    if (e.key == "list_slide_number") {
      auto re = std::make_unique<RE2>(narrow_unicode_classes(e.value), opts);
      if (!re->ok() || re->NumberOfCapturingGroups() != 1)
        errors.push_back(g.error_at(kFile, e, e.key + " needs one capture"));
      else
        impl->list_slide_number = std::move(re);
      continue;
    }
    if (e.key != "slide_number" && e.key != "page_number") {
      errors.push_back(g.error_at(kFile, e, "unknown pattern '" + e.key + "'"));
      continue;
    }
    auto re = std::make_unique<RE2>(narrow_unicode_classes(e.value), opts);
    if (!re->ok() || re->NumberOfCapturingGroups() != 1)
      errors.push_back(g.error_at(kFile, e, e.key + " needs one capture"));
    else
      (e.key == "slide_number" ? impl->slide_numbers : impl->page_numbers).push_back(std::move(re));
  }
  for (const auto& e : g.entries(kFile, "thresholds")) {
    double v = 0;
    double* slot = e.key == "slide_sequence_min" ? &impl->slide_sequence_min
                   : e.key == "slide_max_step"   ? &impl->slide_max_step
                   : e.key == "min_score"        ? &impl->min_score
                   : e.key == "confidence_scale" ? &impl->confidence_scale
                   : e.key == "slide_short_max_chars" ? &impl->slide_short_max_chars
                   : e.key == "slide_block_max_lines" ? &impl->slide_block_max_lines
                   : e.key == "page_sequence_min" ? &impl->page_sequence_min
                                                 : nullptr;
    if (!slot || !parse_number(e.value, v) || v <= 0)
      errors.push_back(g.error_at(kFile, e, "unknown threshold or not a positive number"));
    else
      *slot = v;
  }
  if (impl->slide_numbers.empty())
    errors.push_back({g.origin("classify.grammar"), 0, "missing [patterns] slide_number"});
  {
    std::vector<const RE2*> numbers;
    for (const auto& re : impl->slide_numbers) numbers.push_back(re.get());
    for (const auto& re : impl->page_numbers) numbers.push_back(re.get());
    if (impl->list_slide_number) numbers.push_back(impl->list_slide_number.get());
    std::string alternation;
    bool groupable = !numbers.empty(), anchored = true;
    for (const RE2* re : numbers) {
      groupable = groupable && re->pattern().find("\\Q") == std::string::npos;
      anchored = anchored && atoms::anchored_at_start(re->pattern());
      alternation += (alternation.empty() ? "(?:" : "|(?:") + re->pattern() + ")";
    }
    if (groupable) {
      auto any = std::make_unique<RE2>(alternation, opts);
      if (any->ok()) {
        impl->any_number = std::move(any);
        impl->numbers_anchor = anchored ? RE2::ANCHOR_START : RE2::UNANCHORED;
      }
    }
  }
  if (!impl->anchored_set->Compile() || !impl->floating_set->Compile())
    errors.push_back({g.origin("classify.grammar"), 0, "the signals do not fit in one RE2 set"});
  impl->filter.compile();
  impl->anchored_signal.assign(impl->signals.size(), 0);
  for (int k : impl->anchored_ids) impl->anchored_signal[static_cast<std::size_t>(k)] = 1;
  return std::unique_ptr<ClassifierRules>(new ClassifierRules(std::move(impl)));
}

namespace {

/// The ASCII letter of a Polish letter with a diacritic ('ą' → 'a', 'Ł' → 'L'); 0 for any other.
char polish_base(char32_t cp) {
  switch (cp) {
    case U'ą': return 'a'; case U'ć': return 'c'; case U'ę': return 'e'; case U'ł': return 'l';
    case U'ń': return 'n'; case U'ó': return 'o'; case U'ś': return 's'; case U'ź': return 'z';
    case U'ż': return 'z'; case U'Ą': return 'A'; case U'Ć': return 'C'; case U'Ę': return 'E';
    case U'Ł': return 'L'; case U'Ń': return 'N'; case U'Ó': return 'O'; case U'Ś': return 'S';
    case U'Ź': return 'Z'; case U'Ż': return 'Z';
    default: return 0;
  }
}

/// `pattern` with each Polish letter matching its ASCII letter too: "ośrod" → "o[śs]rod", and
/// inside a class "[ąę]" → "[ąaęe]". Escapes are copied as written.
std::string fold_pattern(std::string_view pattern) {
  std::string out;
  bool in_class = false;
  for (std::size_t i = 0; i < pattern.size();) {
    const std::size_t at = i;
    const char32_t cp = next_cp(pattern, i);
    const std::string_view written = pattern.substr(at, i - at);
    if (cp == '\\' && i < pattern.size()) {
      const std::size_t esc = i;
      next_cp(pattern, i);
      out.append(written).append(pattern.substr(esc, i - esc));
      continue;
    }
    if (cp == '[' && !in_class) {
      in_class = true;
      out += '[';
      if (i < pattern.size() && pattern[i] == '^') out += pattern[i++];
      if (i < pattern.size() && pattern[i] == ']') out += pattern[i++];  // "[]…]": a bracket
      continue;
    }
    if (cp == ']' && in_class) in_class = false;
    if (const char base = polish_base(cp)) {
      if (in_class) {
        out.append(written);
        out += base;
      } else {
        out.append("[").append(written);
        out += base;
        out += ']';
      }
      continue;
    }
    out.append(written);
  }
  return out;
}

/// A page written without Polish diacritics (an ASCII-folded export): at least k_folded_letters
/// letters, none of them a Polish letter with a diacritic.
bool written_without_diacritics(const SourcePage& page) {
  constexpr std::size_t k_folded_letters = 200;
  std::size_t letters = 0;
  for (std::size_t l = 0; l < page.line_count(); ++l) {
    const std::string_view line = page.line(l);
    for (std::size_t i = 0; i < line.size();) {
      const auto b = static_cast<unsigned char>(line[i]);
      if (b < 0x80) {
        letters += (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
        ++i;
        continue;
      }
      if (polish_base(next_cp(line, i))) return false;
    }
  }
  return letters >= k_folded_letters;
}

}  // namespace

const RE2::Set& ClassifierRules::Impl::one_set() const {
  std::call_once(one_set_once, [&] {
    RE2::Options opts;
    opts.set_log_errors(false);
    opts.set_encoding(RE2::Options::EncodingUTF8);
    set = std::make_unique<RE2::Set>(opts, RE2::UNANCHORED);
    for (const auto& p : patterns) set->Add(p, nullptr);  // each compiled once already
    set->Compile();
  });
  return *set;
}

const ClassifierRules::Impl::Folded& ClassifierRules::Impl::folded_rules() const {
  std::call_once(folded_once, [&] {
    RE2::Options opts;
    opts.set_log_errors(false);
    opts.set_encoding(RE2::Options::EncodingUTF8);
    for (std::size_t k = 0; k < patterns.size(); ++k) {
      auto re = std::make_unique<RE2>(fold_pattern(patterns[k]), opts);
      // a pattern the folding broke keeps its own form (none in the grammar)
      if (!re->ok()) re = std::make_unique<RE2>(patterns[k], opts);
      folded.signals.push_back(std::move(re));
      std::unique_ptr<RE2> guard;
      if (!guard_patterns[k].empty()) {
        guard = std::make_unique<RE2>(fold_pattern(guard_patterns[k]), opts);
        if (!guard->ok()) guard = std::make_unique<RE2>(guard_patterns[k], opts);
      }
      folded.guards.push_back(std::move(guard));
    }
  });
  return folded;
}

namespace {

/// What the rules make of one line's text: the signals it gives (guards checked) and its
/// slide number (0: none).
struct LineFacts {
  std::vector<int> signals;
  int number = 0;
  bool marker_alone = false;  // the slide number is all the line holds
  int page = 0;               // a page_number's number (0: none)
  int list_number = 0;        // a list_slide_number's number (0: none)
};

/// Whether a line holds only white space (ASCII, NBSP, the other Unicode spaces) or invisible
/// format characters (a zero-width space, a BOM, a soft hyphen, a word joiner): a CMS writes
/// "&#8203;" for an empty paragraph, and a deck's slides are blocks between blank lines.
bool is_blank(std::string_view line) {
  for (std::size_t i = 0; i < line.size();) {
    const char c = line[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      ++i;
      continue;
    }
    if (static_cast<unsigned char>(c) < 0x80) return false;
    const char32_t cp = next_cp(line, i);
    if (!is_space_cp(cp) && cp != 0x00AD && cp != 0x200C && cp != 0x200D && cp != 0x2060)
      return false;
  }
  return true;
}

/// Lines up to this many bytes go through the prefilter. On the eval pages all lines through it
/// would cost 31 M instructions (75 M with this bound, 157 M through the set alone); on the
/// bench corpus, whose paragraphs come back with small changes and keep the set's DFA states
/// built, 169 M (121 M with the bound, 130 M through the set).
constexpr std::size_t k_prefilter_max_line = 256;

/// A longer line is read through the prefilter when at most this many floating signals that
/// the page still wants are candidates (each scans the whole line); with more, through the
/// sets. On the bench corpus, whose paragraphs keep the sets' DFA states built, a candidate's
/// scan costs about a third of the sets' pass; on varied pages the sets build new states for
/// nearly every long line (~300-550 k instructions a line on the eval pages), while each
/// candidate's own automaton stays built. With 2, classify_page cost 45.9 M on the eval pages
/// and 118.9 M on the bench's; with 3, 36.6 M on eval; with 4 (or more), 32.0 M and 118.7 M.
constexpr std::size_t k_long_line_candidates = 4;

/// Longer lines than this go through the sets whatever the page still wants: the scan for
/// atoms costs about as much a byte as the sets' warm pass, and the eval pages' long lines are
/// 257–600 bytes, the bench corpus's paragraphs 650 on average.
constexpr std::size_t k_long_line_max = 512;

/// The signals `line` (space-normalised) gives before their guards: through the prefilter and
/// the candidates' own regexes when `fast` and the line can be folded, else through the set.
/// `wanted` (fast paths, a line too long for the line memo): per signal, whether the page
/// still needs its hit on this line. A line up to k_long_line_max bytes then goes through the
/// prefilter, and when at most k_long_line_candidates of the wanted candidates are floating signals,
/// only the wanted candidates run their regex (an anchored one stops within the line's first
/// bytes); else the line goes to the sets. The hits of other signals may be left out.
void signal_hits(std::string_view line, const ClassifierRules::Impl& r, bool fast,
                 std::vector<int>& hits, const std::vector<char>* wanted = nullptr) {
  hits.clear();
  if (fast && r.filter.usable() &&
      (line.size() <= k_prefilter_max_line || (wanted && line.size() <= k_long_line_max))) {
    thread_local std::vector<int> present;
    if (r.filter.atoms_in(line, present)) {
      auto& memo = atoms::CandidateMemo<SignalFilter>::of_thread();
      const std::vector<int>& candidates = memo.candidates(r.filter, r.serial, present);
      if (!wanted) {
        for (int c : candidates)
          if (RE2::PartialMatch(line, r.filter.regex(c))) hits.push_back(c);
        return;
      }
      std::size_t floating = 0;
      for (int c : candidates)
        floating += (*wanted)[static_cast<std::size_t>(c)] &&
                    !r.anchored_signal[static_cast<std::size_t>(c)];
      if (floating <= k_long_line_candidates) {
        for (int c : candidates)
          if ((*wanted)[static_cast<std::size_t>(c)] && RE2::PartialMatch(line, r.filter.regex(c)))
            hits.push_back(c);
        return;
      }
    }
  }
  if (!fast) {
    r.one_set().Match(line, &hits);
    return;
  }
  thread_local std::vector<int> part;
  for (const auto& [set, ids] : {std::pair{r.anchored_set.get(), &r.anchored_ids},
                                 std::pair{r.floating_set.get(), &r.floating_ids}}) {
    if (ids->empty()) continue;
    part.clear();
    set->Match(line, &part);
    for (int k : part) hits.push_back((*ids)[static_cast<std::size_t>(k)]);
  }
  std::sort(hits.begin(), hits.end());
}

/// The runs of space code points (NBSP and tab included) of `t`: where each starts and ends,
/// how many code points it has and whether it holds a tab.
struct SpaceRun {
  std::size_t at = 0, end = 0, count = 0;
  bool tab = false;
};

/// The next run of spaces of `t` from byte `i` on (at == end == t.size() when none).
SpaceRun next_space_run(std::string_view t, std::size_t i) {
  SpaceRun run{t.size(), t.size(), 0, false};
  while (i < t.size()) {
    std::size_t j = i;
    const char32_t cp = next_cp(t, j);
    if (is_space_cp(cp)) {
      run.at = i;
      run.end = j;
      run.count = 1;
      run.tab = cp == '\t';
      while (run.end < t.size()) {
        std::size_t k = run.end;
        const char32_t c = next_cp(t, k);
        if (!is_space_cp(c)) break;
        run.tab = run.tab || c == '\t';
        ++run.count;
        run.end = k;
      }
      return run;
    }
    i = j;
  }
  return run;
}

/// A line of two columns, label and value, without a colon between ("Typ jednostki<TAB>gmina
/// miejska", "Powiat    dębicki"), as the metryka parser reads a known label before a clear
/// gap: the line written "label: value" (spaces normalised); empty for any other line. The gap
/// is the line's first run of spaces that holds a tab or two or more spaces (NBSPs included),
/// after at most k_max_label bytes without a colon; without a tab it must be the line's only
/// such run (prose with every space doubled has many).
std::string label_gap_as_colon(std::string_view raw) {
  constexpr std::size_t k_max_label = 60;
  const std::string_view t = trim(raw);
  SpaceRun gap;
  for (std::size_t i = 0;; i = gap.end) {
    gap = next_space_run(t, i);
    if (gap.at >= t.size() || gap.at > k_max_label) return {};
    if (gap.tab || gap.count >= 2) break;
  }
  if (gap.at == 0 || t.substr(0, gap.at).find(':') != std::string_view::npos) return {};
  if (!gap.tab)
    for (SpaceRun r = next_space_run(t, gap.end); r.at < t.size(); r = next_space_run(t, r.end))
      if (r.tab || r.count >= 2) return {};
  return normalize_space(t.substr(0, gap.at)) + ": " + normalize_space(t.substr(gap.end));
}

/// What `raw` gives. `wanted` (see signal_hits): null, every signal; none wanted, no signal
/// is looked for.
LineFacts read_line(std::string_view raw, const ClassifierRules::Impl& r, bool fast,
                    const std::vector<char>* wanted = nullptr) {
  LineFacts f;
  // The line as normalize_space gives it; most lines are normal already and are read in place
  // (no copy), the others through a per-thread buffer.
  thread_local std::string normalised;
  std::string_view line = raw;
  const bool normal = fast && normal_already(raw);
  if (!normal) {
    normalised = normalize_space(raw);
    line = normalised;
  }
  if (line.empty()) return f;
  const bool any_wanted =
      !wanted || std::find(wanted->begin(), wanted->end(), 1) != wanted->end();
  thread_local std::vector<int> hits;
  hits.clear();
  if (any_wanted) signal_hits(line, r, fast, hits, wanted);
  for (int h : hits) {
    const auto& guard = r.signals[static_cast<std::size_t>(h)].guard;
    if (!guard || RE2::PartialMatch(line, *guard)) f.signals.push_back(h);
  }
  // "Label<TAB>value": the signals of [gap_as_colon] read it as "Label: value", as the metryka
  // parser does. A line normal already has no such gap (every blank a single ASCII space).
  if (r.any_gap_as_colon && !normal && any_wanted)
    if (const std::string labelled = label_gap_as_colon(raw); !labelled.empty()) {
      thread_local std::vector<int> gap_hits;
      signal_hits(labelled, r, fast, gap_hits, wanted);
      for (int h : gap_hits) {
        const auto& guard = r.signals[static_cast<std::size_t>(h)].guard;
        if (r.gap_as_colon[static_cast<std::size_t>(h)] &&
            std::find(f.signals.begin(), f.signals.end(), h) == f.signals.end() &&
            (!guard || RE2::PartialMatch(labelled, *guard)))
          f.signals.push_back(h);
      }
    }
  // A slide or page number is an int read from its capture, which needs an ASCII digit; and
  // one of the number patterns must match, which one pass of their alternation tells.
  if (fast && std::none_of(line.begin(), line.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return f;
  if (fast && r.any_number &&
      !r.any_number->Match(line, 0, line.size(), r.numbers_anchor, nullptr, 0))
    return f;
  // RE2 reads a capture of a rule anchored at the line's start with its one-pass or bit-state
  // matcher without asking its DFA first, which costs more on the many lines that do not
  // match: the DFA is asked first (fast paths), and the capture read only where it matches.
  auto matches = [&](const RE2& re, RE2::Anchor anchor) {
    return !fast || re.Match(line, 0, line.size(), anchor, nullptr, 0);
  };
  int number = 0;
  for (const auto& re : r.slide_numbers)
    if (matches(*re, RE2::UNANCHORED) && RE2::PartialMatch(line, *re, &number)) {
      f.number = number;
      f.marker_alone = r.slide_marker_alone && RE2::FullMatch(line, *r.slide_marker_alone);
      break;
    }
  for (const auto& re : r.page_numbers)
    if (matches(*re, RE2::ANCHOR_BOTH) && RE2::FullMatch(line, *re, &f.page)) break;
  if (r.list_slide_number && matches(*r.list_slide_number, RE2::UNANCHORED))
    RE2::PartialMatch(line, *r.list_slide_number, &f.list_number);
  return f;
}

/// The signals of `raw` by the folded patterns (a page written without diacritics): each
/// signal's own regex and guard, no prefilter; [gap_as_colon] as in read_line.
void folded_signals(std::string_view raw, const ClassifierRules::Impl& r, std::vector<int>& out) {
  out.clear();
  const std::string line = normalize_space(raw);
  if (line.empty()) return;
  const auto& folded = r.folded_rules();
  const std::string labelled = r.any_gap_as_colon ? label_gap_as_colon(raw) : std::string();
  for (std::size_t k = 0; k < folded.signals.size(); ++k) {
    auto gives = [&](const std::string& text) {
      return RE2::PartialMatch(text, *folded.signals[k]) &&
             (!folded.guards[k] || RE2::PartialMatch(text, *folded.guards[k]));
    };
    if (gives(line) || (!labelled.empty() && r.gap_as_colon[k] && gives(labelled)))
      out.push_back(static_cast<int>(k));
  }
}

/// The facts of lines already read, per thread, keyed by the line's text: a site's menus,
/// footers and labels come back on each of its pages, and the RE2 set is most of this stage's
/// time. At most k_slots lines; one rule set at a time.
class LineMemo {
 public:
  static LineMemo& of_thread() {
    thread_local LineMemo memo;
    return memo;
  }
  void use(std::uint64_t serial) {
    if (serial == serial_) return;
    serial_ = serial;
    for (auto& e : slots_) e.used = false;
  }
  /// The facts of line `i` of `page` (found by its line_hash, then compared by text). A line
  /// too long for the memo is read for the signals `wanted()` gives (fast paths; see
  /// signal_hits), the page's own state, since its facts are not kept.
  template <class Wanted>
  const LineFacts& facts(const SourcePage& page, std::size_t i, const ClassifierRules::Impl& r,
                         Wanted&& wanted) {
    const std::string_view line = page.line(i);
    const bool fast = fast_paths_on.load(std::memory_order_relaxed);
    if (!fast) {
      scratch_ = read_line(line, r, false);
      return scratch_;
    }
    if (line.size() > k_max_line) {
      scratch_ = read_line(line, r, true, &wanted());
      return scratch_;
    }
    if (slots_.empty()) slots_.resize(k_slots);
    const std::uint64_t h = page.line_hash(i);
    Entry& e = slots_[(h ^ (h >> 29)) & (k_slots - 1)];
    if (!e.used || e.hash != h || e.line != line) {
      e.facts = read_line(line, r, true);
      e.line.assign(line);
      e.hash = h;
      e.used = true;
    }
    return e.facts;
  }

 private:
  // At most k_slots × k_max_line bytes of line text per thread (a slot keeps the capacity of
  // the longest line it held): 0.5 MB. Furniture lines are short; long lines rarely repeat.
  static constexpr std::size_t k_slots = 2048;    // a power of two
  static constexpr std::size_t k_max_line = 256;  // longer lines are read each time
  struct Entry {
    bool used = false;
    std::uint64_t hash = 0;  // text_hash(line)
    std::string line;
    LineFacts facts;
  };
  std::uint64_t serial_ = 0;
  std::vector<Entry> slots_;
  LineFacts scratch_;
};

}  // namespace

namespace detail {

std::string line_facts_for_test(std::string_view line, const ClassifierRules& rules, bool fast) {
  LineFacts f = read_line(line, rules.impl(), fast);
  std::sort(f.signals.begin(), f.signals.end());  // the set gives them in any order
  std::string s;
  for (int h : f.signals) s += std::to_string(h) + ",";
  s += " number " + std::to_string(f.number) + (f.marker_alone ? " alone" : "") + " page " +
       std::to_string(f.page) + " list " + std::to_string(f.list_number);
  return s;
}

}  // namespace detail

Classification classify_page(const SourcePage& page, const BoilerplateResult& bp,
                             const ClassifierRules& rules) {
  // Every line counts, furniture included: it tells which site the page is from. Signals of
  // what the page says ([body_signals]) count only on lines the boilerplate stage kept, so a
  // menu item "Zamówienia publiczne" does not make a programme page a tender.
  const auto& r = rules.impl();
  std::vector<int> counts(r.signals.size(), 0);
  LineMemo& memo = LineMemo::of_thread();
  memo.use(r.serial);
  // A page written without diacritics (an ASCII-folded export: "Osrodek Pomocy Spolecznej")
  // is read with the signals' folded patterns, each Polish letter matching its ASCII letter.
  const bool folded = written_without_diacritics(page);
  std::vector<int> folded_hits;
  int sequence = 0, last_number = 0;
  // the sequence's numbers that stand alone: how many, and the lines of the first and last
  int alone = 0;
  std::size_t first_alone = 0, last_alone = 0;
  // the same for the page numbers' sequence; whether a line of text stood since its last number
  // (a pagination menu's "Strona 1" / "Strona 2" / "Strona 3" has none)
  int pages = 0, last_page = 0;
  std::size_t first_page = 0, last_page_line = 0;
  bool page_text = true;
  // the sequence's numbers in a row that open short blocks: the run, how many of its blocks
  // have a line under the number's, the lines under the last one; whether a run was long enough
  int block_run = 0, block_text = 0, block_lines = 0;
  bool blocks = false, blank_above = true;
  // the list numbers' run that opens blocks (1, 2, 3, …) and the longest such run
  int listed_run = 0, listed_best = 0;
  // whether the run (and the longest run) is a slide a line right under the page's word
  // (line_per_slide), and the bytes of its lines
  bool listed_run_lines = false, listed_best_lines = false;
  std::size_t listed_run_bytes = 0, listed_best_bytes = 0;
  bool listed_gap_above = true;  // a blank line or a stripped one above this line
  // The page's word that it shows a deck on the last non-blank line ("Transcript"), and a
  // list run that began right under it: a transcript of a slide a line ("1. Rodzinna piecza …"
  // / "2. Stan pieczy …", SlideShare's), whose numbers follow line under line.
  bool evidence_above = false, line_per_slide = false;
  // The same without list dots, a slide a line ("Transkrypt" / "1 Miejsko-Gminny Ośrodek …
  // Program …" / "2 Podstawa prawna …", docplayer's): the run of numbers 1, 2, 3, … on lines one
  // under another from right under the page's word, and the bytes of its lines; the longest run.
  int line_run = 0, line_run_best = 0;
  std::size_t line_run_bytes = 0, line_run_best_bytes = 0;
  auto end_block_run = [&] {
    if (block_run >= r.slide_sequence_min && 2 * block_text >= block_run) blocks = true;
    block_run = 0;
  };
  // Per signal, whether a hit on line i could still change the result: the signal is below
  // its cap and counted on this line (body and navigation rules). Asked for long lines only,
  // which the line memo does not keep: their other signals need not be looked for.
  std::vector<char> wanted(r.signals.size(), 0);
  // The lines of contact entries: in a run of non-blank lines, those from its start down to its
  // last line with a contact word ("Zespół ds. Programów" / "program „Opieka wytchnieniowa”" /
  // "pokój nr 12, tel. …"; a footer's sponsor line under its phones is no entry's). A directory
  // names teams after programmes; that says nothing of what the page is about.
  // Found when a signal so flagged first hits a line: most pages' lines are never looked at.
  std::vector<char> in_contacts;
  bool contacts_found = false;
  std::string low;
  auto contact_line = [&](std::string_view line) {
    // a contact entry's line holds a figure or an '@' (a phone, a room, an address): a cheap
    // test first, then the words in the line lowered (ASCII)
    if (std::none_of(line.begin(), line.end(),
                     [](char c) { return (c >= '0' && c <= '9') || c == '@'; }))
      return false;
    low.assign(line.begin(), line.end());
    for (char& c : low)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return std::any_of(r.contact_words.begin(), r.contact_words.end(),
                       [&](const std::string& w) { return low.find(w) != std::string::npos; });
  };
  // per line: 0 unknown, 1 in a contact entry, 2 not; worked out a block (a run of non-blank
  // lines) at a time, for the blocks a flagged signal hits
  auto in_contact_entry = [&](std::size_t line_index) {
    if (!contacts_found) {
      contacts_found = true;
      in_contacts.assign(page.line_count(), 0);
    }
    if (in_contacts[line_index] == 0) {
      std::size_t b = line_index, e = line_index + 1;
      while (b > 0 && !is_blank(page.line(b - 1))) --b;
      while (e < page.line_count() && !is_blank(page.line(e))) ++e;
      std::size_t last = e;  // the block's last contact line, e: none
      for (std::size_t k = e; k-- > b;)
        if (contact_line(page.line(k))) {
          last = k;
          break;
        }
      for (std::size_t k = b; k < e; ++k) in_contacts[k] = last < e && k <= last ? 1 : 2;
    }
    return in_contacts[line_index] == 1;
  };
  for (std::size_t i = 0; i < page.line_count(); ++i) {
    const LineFacts& f = memo.facts(page, i, r, [&]() -> const std::vector<char>& {
      for (std::size_t s = 0; s < r.signals.size(); ++s) {
        const bool stripped = i < bp.lines.size() && !bp.lines[i].keep;
        wanted[s] = !folded && counts[s] < r.signals[s].cap && !(r.body_only[s] && stripped) &&
                    !(r.not_on_navigation[s] && stripped &&
                      r.navigation_rules.contains(bp.lines[i].rule));
      }
      return wanted;
    });
    if (folded) folded_signals(page.line(i), r, folded_hits);
    const std::vector<int>& line_signals = folded ? folded_hits : f.signals;
    const bool blank = is_blank(page.line(i));
    bool evidence_line = false;
    for (int h : line_signals) {
      evidence_line = evidence_line || (static_cast<std::size_t>(h) < r.listed_slides_evidence.size() &&
                                        r.listed_slides_evidence[static_cast<std::size_t>(h)]);
      if (r.body_only[static_cast<std::size_t>(h)] && i < bp.lines.size() && !bp.lines[i].keep)
        continue;
      if (r.not_on_navigation[static_cast<std::size_t>(h)] && i < bp.lines.size() &&
          !bp.lines[i].keep && r.navigation_rules.contains(bp.lines[i].rule))
        continue;
      if (r.not_in_contacts[static_cast<std::size_t>(h)] && !r.contact_words.empty() &&
          in_contact_entry(i))
        continue;
      ++counts[static_cast<std::size_t>(h)];
    }
    bool opens_block = false;
    if (f.number > last_number && f.number - last_number <= r.slide_max_step) {
      ++sequence;
      last_number = f.number;
      if (f.marker_alone) {
        if (alone++ == 0) first_alone = i;
        last_alone = i;
      }
      opens_block = blank_above;
    }
    if (opens_block) {
      if (block_run == 0) block_text = 0;
      ++block_run;
      block_lines = 0;
    } else if (!blank && block_run > 0) {
      if (block_lines++ == 0) ++block_text;
      if (block_lines > r.slide_block_max_lines) end_block_run();
    }
    blank_above = blank;
    if (!blank) {
      if (f.list_number == 1 && evidence_above) line_per_slide = true;
      else if (f.list_number == 0) line_per_slide = false;
      if (f.number == 1 && evidence_above) {
        line_run = 1;
        line_run_bytes = page.line(i).size();
      } else if (line_run > 0 && f.number == line_run + 1) {
        ++line_run;
        line_run_bytes += page.line(i).size();
      } else {
        line_run = 0;
      }
      if (line_run > line_run_best) {
        line_run_best = line_run;
        line_run_best_bytes = line_run_bytes;
      }
    }
    if (f.list_number > 0 && (listed_gap_above || line_per_slide)) {
      listed_run = f.list_number == listed_run + 1 ? listed_run + 1 : f.list_number == 1 ? 1 : 0;
      if (listed_run == 1) {
        listed_run_lines = line_per_slide;
        listed_run_bytes = 0;
      }
      listed_run_lines = listed_run_lines && line_per_slide;
      listed_run_bytes += page.line(i).size();
      if (listed_run > listed_best) {
        listed_best = listed_run;
        listed_best_lines = listed_run_lines;
        listed_best_bytes = listed_run_bytes;
      }
    }
    listed_gap_above = blank || (i < bp.lines.size() && !bp.lines[i].keep);
    if (!blank) evidence_above = evidence_line;
    if (f.page > last_page && f.page - last_page <= r.slide_max_step && page_text) {
      if (pages++ == 0) first_page = i;
      last_page = f.page;
      last_page_line = i;
      page_text = false;
    } else if (!blank && f.page == 0) {
      page_text = true;
    }
  }
  end_block_run();
  // The pages between the numbers of lines first..last (inclusive), `n` numbers, are short.
  auto short_pages = [&](std::size_t first, std::size_t last, int n) {
    std::size_t bytes = 0;
    for (std::size_t i = first; i <= last; ++i) bytes += page.line(i).size();
    return static_cast<double>(bytes) <= r.slide_short_max_chars * (n - 1);
  };

  std::array<double, kTypes> score{};
  Classification c;
  for (std::size_t s = 0; s < r.signals.size(); ++s) {
    if (counts[s] == 0) continue;
    const auto& sig = r.signals[s];
    score[static_cast<std::size_t>(sig.type)] += sig.weight * std::min(counts[s], sig.cap);
    c.signals.push_back(sig.name);
  }
  const bool slides = sequence >= r.slide_sequence_min;
  // Labelled pages or slides ("Strona 3", "Slajd 3", each over its text) are a deck's slides
  // only when they are short (a report's pages are long). Fewer than slide_sequence_min, down
  // to page_sequence_min (as boilerplate counts a deck's markers), make a deck when the page
  // speaks of what a card or a programme page does (a centre, a programme): a deck of title,
  // figures and thanks, not a photo slider's three captions ("Slajd 1" / "Zdjęcie z festynu").
  // And the page is its slides: besides them (the last one: the block under its number) it
  // keeps at most half a slide's text (a deck's title), not a programme page's paragraphs
  // under a slider's three "Slajd 1 z 3" captions.
  const bool known_evidence = score[static_cast<std::size_t>(PageType::bdp_practice)] > 0 ||
                              score[static_cast<std::size_t>(PageType::mops_programme)] > 0;
  auto text_is_slides = [&] {
    const std::size_t n = page.line_count();
    std::size_t end = last_page_line + 1;  // past the last slide's block
    while (end < n && is_blank(page.line(end))) ++end;
    while (end < n && !is_blank(page.line(end))) ++end;
    std::size_t outside = 0;
    for (std::size_t i = 0; i < n && i < bp.lines.size(); ++i)
      if ((i < first_page || i >= end) && bp.lines[i].keep) outside += page.line(i).size();
    return static_cast<double>(outside) <= r.slide_short_max_chars / 2;
  };
  // The pages of a PDF made text (pdftotext's form feeds) are a deck's slides when the
  // boilerplate stage read them as a paged deck (short pages: BoilerplateResult::paged_deck)
  // and the page speaks of a centre or a programme. A report's pages are long.
  // (Their page numbers, one under each page, may make a numbered sequence of their own.)
  const bool short_pdf_pages = r.short_slides.weight > 0 && bp.paged_deck && known_evidence;
  const bool short_viewer_pages =
      short_pdf_pages ||
      (!slides && r.short_slides.weight > 0 &&
       (pages >= r.slide_sequence_min ||
        (pages >= r.page_sequence_min && known_evidence && text_is_slides())) &&
       short_pages(first_page, last_page_line, pages));
  auto any_of_flagged = [&](const std::vector<bool>& flags) {
    for (std::size_t s = 0; s < r.signals.size(); ++s)
      if (counts[s] > 0 && s < flags.size() && flags[s]) return true;
    return false;
  };
  // The page is its slides: short ones, or numbered ones on a page that says it shows a
  // presentation.
  bool deck_shape = false;
  if (slides || short_viewer_pages) {
    deck_shape = any_of_flagged(r.deck_words);
    score[static_cast<std::size_t>(r.numbered_slides.type)] += r.numbered_slides.weight;
    c.signals.push_back(r.numbered_slides.name);
    // a slide a line, each no longer than a short slide
    const bool slide_lines =
        r.short_slides.weight > 0 && line_run_best >= r.slide_sequence_min &&
        static_cast<double>(line_run_best_bytes) <= r.slide_short_max_chars * line_run_best;
    if (short_viewer_pages || slide_lines ||
        (r.short_slides.weight > 0 && alone >= r.slide_sequence_min &&
         short_pages(first_alone, last_alone, alone))) {
      score[static_cast<std::size_t>(r.short_slides.type)] += r.short_slides.weight;
      c.signals.push_back(r.short_slides.name);
      deck_shape = true;
    }
    if (blocks && r.slide_blocks.weight > 0) {
      score[static_cast<std::size_t>(r.slide_blocks.type)] += r.slide_blocks.weight;
      c.signals.push_back(r.slide_blocks.name);
    }
  } else if (r.listed_slides.weight > 0 && listed_best >= r.slide_sequence_min) {
    if (any_of_flagged(r.listed_slides_evidence)) {
      score[static_cast<std::size_t>(r.listed_slides.type)] += r.listed_slides.weight;
      c.signals.push_back(r.listed_slides.name);
      // a slide a line, each no longer than a short slide: the page is its slides, as
      // slide_lines above
      deck_shape = listed_best_lines && static_cast<double>(listed_best_bytes) <=
                                            r.slide_short_max_chars * listed_best;
    }
  }

  if (!slides && !short_viewer_pages && r.block_slides.weight > 0 && !bp.block_slides.empty() &&
      known_evidence && any_of_flagged(r.block_slides_evidence)) {
    score[static_cast<std::size_t>(r.block_slides.type)] += r.block_slides.weight;
    c.signals.push_back(r.block_slides.name);
    deck_shape = true;
  }
  // What the slides say of a centre and its programme is the deck's content, no evidence of a
  // programme's own page.
  if (deck_shape)
    for (std::size_t s = 0; s < r.signals.size(); ++s)
      if (counts[s] > 0 && s < r.deck_content.size() && r.deck_content[s])
        score[static_cast<std::size_t>(r.signals[s].type)] -=
            r.signals[s].weight * std::min(counts[s], r.signals[s].cap);
  std::size_t best = static_cast<std::size_t>(PageType::unknown);
  for (std::size_t t = 0; t < kTypes; ++t)
    if (t != static_cast<std::size_t>(PageType::unknown) &&
        (best == static_cast<std::size_t>(PageType::unknown) || score[t] > score[best]))
      best = t;
  double runner_up = 0;
  for (std::size_t t = 0; t < kTypes; ++t)
    if (t != best) runner_up = std::max(runner_up, score[t]);
  const double margin = score[best] - runner_up;
  if (score[best] >= r.min_score && margin > 0) {
    c.type = static_cast<PageType>(best);
    c.confidence = 1 - std::exp(-margin / r.confidence_scale);
  } else {
    // Unknown is surer the further the best type is from the bar and the more evidence of
    // other kinds of pages there is.
    double shortfall = std::clamp(1 - score[best] / r.min_score, 0.0, 1.0);
    double other = score[static_cast<std::size_t>(PageType::unknown)];
    c.type = PageType::unknown;
    c.confidence = 1 - (1 - shortfall) * std::exp(-other / r.confidence_scale);
    if (score[best] >= r.min_score) c.confidence = std::min(c.confidence, 0.5);
  }
  return c;
}

}  // namespace bdp
