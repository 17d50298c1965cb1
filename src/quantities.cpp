// Quantity extractor. Each body line goes through four passes:
//  1. a pre-check: lines with no ASCII digit and no word whose first two bytes start a numeral
//     word are skipped without further work;
//  2. spans that are never quantities (URLs, e-mails, dates, postal codes, phone numbers,
//     references like 12/2009) are found with one combined RE2 built from the [ignore]
//     section, and masked;
//  3. a hand-written tokenizer reads numbers the Polish way (10 626 with any space, 1.552.935,
//     1,5; "68, 410" is a list) and words (lower-cased into an arena); numeral words
//     ("dwadzieścia pięć", "pół miliona") become number tokens, scale words multiply;
//  4. time expressions (years, spans, month ranges, parts of years, dates) are recognised
//     first, so that what remains is quantities: change series, ranges and single values,
//     with qualifier, unit, rate, direction, and the year/period of their sentence.
// All vocabulary comes from grammars/quantities.grammar; nothing here is specific to a site.
#include "bdp/quantities.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cassert>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include <mutex>
#include <shared_mutex>

#include <re2/re2.h>
#include <unicode/uchar.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "bdp/atoms.h"

namespace bdp {

namespace {

constexpr std::string_view k_file = "quantities.grammar";

// set_quantities_fast_paths: off, every filter below answers "maybe" (the test compares).
std::atomic<bool> fast_paths_on{true};
[[gnu::always_inline]] inline bool fast_paths() {
  return fast_paths_on.load(std::memory_order_relaxed);
}

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <class V>
using PlainWordMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

// A table of grammar words whose lookups first test the word's first two bytes against a
// 1024-bit filter of its keys: most words of a line are in none of the tables (and w() of a
// token that is no word is empty), so they are ruled out without hashing. The filter is built
// by seal(), once the table is filled; before it every lookup goes to the table.
template <class Table>
class FilteredWords : public Table {
 public:
  void seal() {
    bits_.fill(0);
    empty_ = false;
    for (const auto& e : *this) {
      const std::string& key = key_of(e);
      if (key.empty()) empty_ = true;
      else bits_[slot(key) / 64] |= std::uint64_t{1} << (slot(key) % 64);
    }
    sealed_ = true;
  }
  bool contains(std::string_view w) const { return may_hold(w) && Table::contains(w); }
  auto find(std::string_view w) const { return may_hold(w) ? Table::find(w) : this->end(); }

 private:
  static const std::string& key_of(const std::string& key) { return key; }
  template <class Pair>
  static const std::string& key_of(const Pair& e) { return e.first; }
  static std::size_t slot(std::string_view w) {
    const std::size_t b0 = static_cast<unsigned char>(w[0]);
    const std::size_t b1 = w.size() > 1 ? static_cast<unsigned char>(w[1]) : 0;
    return (b0 * 131 + b1) & 1023;
  }
  bool may_hold(std::string_view w) const {
    if (!sealed_ || !fast_paths()) return true;
    if (w.empty()) return empty_;
    return bits_[slot(w) / 64] >> (slot(w) % 64) & 1;
  }
  std::array<std::uint64_t, 16> bits_{};
  bool empty_ = false, sealed_ = false;
};
template <class V>
using WordMap = FilteredWords<PlainWordMap<V>>;
using WordSet = FilteredWords<std::unordered_set<std::string, StringHash, std::equal_to<>>>;

struct NumeralValue {
  double value = 0;
  double min = 0, max = 0;
  bool approx = false;
  bool compound_only = false;
};

struct Currency {
  std::string unit;
  double multiplier = 1;
};

// Lower-cases the letters Polish text uses (ASCII, Latin-1, Latin Extended-A) without ICU:
// this runs on every word of every candidate line.
[[gnu::always_inline]] inline char32_t lower_cp(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 0x20;
  if (c >= 0x100 && c <= 0x137) return c | 1;
  if (c >= 0x139 && c <= 0x148) return (c & 1) ? c + 1 : c;
  if (c >= 0x14A && c <= 0x177) return c | 1;
  if (c >= 0x179 && c <= 0x17E) return (c & 1) ? c + 1 : c;
  return c;
}

[[gnu::always_inline]] inline bool is_letter_cp(char32_t c) {
  if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  if (c >= 0xC0 && c <= 0x24F) return c != 0xD7 && c != 0xF7;
  return c >= 0x370 && c < 0x2000;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Spaces that may separate digit groups: ASCII blank, NBSP, narrow NBSP, thin and figure space.
std::size_t group_space_len(std::string_view s, std::size_t i) {
  if (i >= s.size()) return 0;
  if (s[i] == ' ') return 1;
  if (s.compare(i, 2, "\xC2\xA0") == 0) return 2;
  if (s.compare(i, 3, "\xE2\x80\xAF") == 0 || s.compare(i, 3, "\xE2\x80\x89") == 0 ||
      s.compare(i, 3, "\xE2\x80\x87") == 0)
    return 3;
  return 0;
}

std::size_t digit_run(std::string_view s, std::size_t i) {
  std::size_t j = i;
  while (j < s.size() && is_digit(s[j])) ++j;
  return j - i;
}

// 10^k for k ≤ 15, exact in a double.
constexpr std::array<double, 16> k_pow10 = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                            1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

}  // namespace

namespace {

// Two-byte sequences (all Polish letters) are decoded here, inline; the rest by next_cp.
[[gnu::always_inline]] inline char32_t decode_cp_inline(std::string_view s, std::size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b >= 0xC2 && b < 0xE0 && i + 1 < s.size()) {
    const auto c = static_cast<unsigned char>(s[i + 1]);
    if ((c & 0xC0) == 0x80) {
      i += 2;
      return static_cast<char32_t>((b & 0x1F) << 6 | (c & 0x3F));
    }
  }
  return next_cp(s, i);
}

}  // namespace

namespace detail {

char32_t decode_cp(std::string_view s, std::size_t& i) { return decode_cp_inline(s, i); }

bool has_ascii_digit(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
#if defined(__SSE2__)
  // A byte minus '0' is a digit's value when it is at most 9 (unsigned, so bytes below '0'
  // wrap to large values): min(v, 9) == v.
  const __m128i zero = _mm_set1_epi8('0'), nine = _mm_set1_epi8(9);
  for (; i + 16 <= n; i += 16) {
    const __m128i v =
        _mm_sub_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i)), zero);
    if (_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(v, nine), v)) != 0) return true;
  }
#endif
  for (; i < n; ++i)
    if (static_cast<unsigned>(p[i] - '0') < 10u) return true;
  return false;
}

// Up to 15 digits the value is an integer below 2^53, exact in a double, and 10^d is exact
// too, so one division is correctly rounded: the value strtod (correctly rounded) returns.
double digits_value(std::string_view digits, bool fraction) {
  if (digits.empty() || digits.size() >= k_pow10.size()) {
    std::string text = fraction ? "0." : "";
    text += digits;
    return std::strtod(text.c_str(), nullptr);
  }
  std::uint64_t v = 0;
  for (char c : digits) v = v * 10 + static_cast<unsigned>(c - '0');
  const auto d = static_cast<double>(v);
  return fraction ? d / k_pow10[digits.size()] : d;
}

}  // namespace detail

using detail::decode_cp;
using detail::digits_value;

namespace {

// A trie of byte strings with byte classes (0: a byte in no key), for walking a word's
// lower-cased bytes as they are read: the numerals that start a number, tested in the line
// pre-check without reading words into a buffer or hashing them.
class ByteTrie {
 public:
  void build(const std::vector<std::string>& keys) {
    atoms::ByteClassTrie trie;
    trie.build(keys);
    cls_ = trie.byte_class;
    classes_ = trie.classes;
    next_ = std::move(trie.next);
    terminal_.assign(trie.states, 0);
    for (std::uint32_t end : trie.key_end) terminal_[end] = 1;
  }
  static constexpr std::uint32_t kRoot = 0, kDead = 0;  // the root is never a child
  // The node after `b` from `node` (not kDead), or kDead.
  std::uint32_t step(std::uint32_t node, unsigned char b) const {
    const std::uint8_t c = cls_[b];
    return c == 0 ? kDead : next_[node * classes_ + c];
  }
  bool terminal(std::uint32_t node) const { return terminal_[node] != 0; }

 private:
  std::array<std::uint8_t, 256> cls_{};
  std::size_t classes_ = 1;
  std::vector<std::uint32_t> next_;
  std::vector<std::uint8_t> terminal_;
};

// A set of words' prefix keys (their first three bytes) as a hashed 2^15-bit filter (4 KB): a
// key not in it is the key of no word of the set; one in it may be. Tested at nearly every
// word of a candidate line, it stays in the cache, where the exact 2^24-bit set it replaced
// (2 MB) missed on most lookups.
class KeyFilter {
 public:
  void add(std::uint32_t key) {
    const std::uint32_t s = slot(key);
    bits_[s / 64] |= std::uint64_t{1} << (s % 64);
  }
  bool may_hold(std::uint32_t key) const {
    const std::uint32_t s = slot(key);
    return bits_[s / 64] >> (s % 64) & 1;
  }

 private:
  static std::uint32_t slot(std::uint32_t key) { return (key * 2654435761u) >> 17; }
  std::array<std::uint64_t, 512> bits_{};
};

}  // namespace

struct QuantityRules::Impl {
  const Lemmatizer* lemmatizer = nullptr;
  WordMap<NumeralValue> numerals;
  WordMap<double> scale;
  WordMap<Currency> currency;
  WordSet percent;
  // "punktów procentowych", "p.p." → punkt procentowy; longest first.
  std::vector<std::pair<std::vector<std::string>, std::string>> unit_phrases;
  std::vector<std::pair<std::vector<std::string>, std::string>> qualifiers;  // longest first
  std::vector<std::vector<std::string>> part_of;
  std::vector<std::vector<std::string>> duration_before;  // "w ciągu", "przez", "na okres"
  std::vector<std::vector<std::string>> part_of_after;  // "19 z nich ukończyło kurs"
  WordSet part_of_not_before;  // "w tym roku", "w tym celu": no sub-count marker
  std::vector<std::string> participle_suffixes;          // "341 dotyczących przemocy"
  std::vector<std::pair<std::string, std::string>> direction;  // prefix → direction
  // Indices into `direction` by the prefix's first byte, in grammar order: a word is compared
  // only with the prefixes that can match it.
  std::array<std::vector<std::uint8_t>, 256> direction_by_byte;
  // First two bytes a direction prefix of one or two bytes allows (a one-byte prefix allows
  // any second byte; a one-byte word has 0 there), by prefix_key >> 8; the first three bytes
  // of longer prefixes, hashed into 4096 bits. A word that neither allows is no direction
  // word: most are ruled out by two bits ("po-", "pr-", "wy-" words pass two bytes, not three).
  std::vector<bool> direction_pair = std::vector<bool>(1u << 16);
  std::array<std::uint64_t, 64> direction_triple{};
  static std::size_t triple_slot(std::uint32_t key) { return (key * 2654435761u) >> 20; }
  bool may_start_direction(std::uint32_t key) const {
    const std::size_t slot = triple_slot(key);
    return direction_pair[key >> 8] || (direction_triple[slot / 64] >> (slot % 64) & 1) ||
           !fast_paths();
  }
  // May a word with this prefix_key be a numeral / a month? (Filters: "maybe" when off.)
  bool may_be_numeral(std::uint32_t key) const { return numeral_prefix.may_hold(key) || !fast_paths(); }
  bool may_be_month(std::uint32_t key) const { return month_prefix.may_hold(key) || !fast_paths(); }
  // A token's first two bytes (key >> 8) in one of the pair filters below.
  static bool pair_in(const std::vector<bool>& pairs, std::uint32_t key) {
    return pairs[key >> 8] || !fast_paths();
  }
  WordMap<std::string> per;
  WordMap<std::string> per_after_preposition;  // "na dobę" → day
  WordMap<std::string> per_base_periods;       // a base "na 1 godzinę" → hour
  WordMap<std::string> per_after_slash;        // "12,50 zł/godz." → hour
  // "co roku", "w każdym roku" (before or after the quantity), "w tygodniu" (after it only).
  std::vector<std::pair<std::vector<std::string>, std::string>> per_phrases, per_phrases_after;
  WordMap<std::string> per_adjectives;         // "Roczny koszt … 64 tys. zł" → year (money)
  WordSet unit_heads;
  WordSet change_heads;  // "Liczba …: z 120 do 340", "Czas oczekiwania z 3 do 5 dni": a change
  WordSet document_nouns;     // "ustawy z dnia 9 czerwca 2011 r.": the document's date
  WordSet restatement_words;  // "(słownie: czterdzieści pięć tysięcy złotych)"
  WordSet partitive_prepositions;  // "Spośród uczestników kilkunastu …"
  WordSet adjectives_not_nouns;    // "5 innych": not a noun as "troje dorosłych" is
  WordSet degree_adverbs;          // "40 najbardziej potrzebujących rodzin": passed over
  WordSet copulas, prepositions;   // "uczestników było 27" (not "w klubie było 27")
  WordSet multiplier_units;        // "trzy razy więcej": a multiple
  WordSet duration_units;          // "rok", "miesiąc", "dzień": what a duration is counted in
  WordSet duration_clause_words;   // "mieszka w nim do 12 miesięcy", "czas pracy: 14 miesięcy"
  WordSet year_label_not_after;    // "Łącznie 2010 osób": no year after it at a sentence's start
  WordSet span_name_words;         // "Program Operacyjny … na lata 2014–2020": a name's span
  // "Średnio podopieczni pokrywali 27% kosztów": a qualifier earlier in the figure's clause
  WordMap<std::string> clause_qualifiers;
  // "5 lat działalności": what has lasted, after its unit of time → the units it follows
  PlainWordMap<std::vector<std::string>> duration_after;
  // a qualifier that is a verb after a word in its sentence ("przez Dom przeszło 57 osób")
  std::unordered_map<std::string, std::string> qualifier_verbs;
  // "do 4 rodzin wróciły dzieci": stems of verbs of motion, return or transfer whose "do" is
  // the preposition "to", not up_to.
  std::vector<std::string> motion_verbs;
  WordSet per_base_heads;          // "koszt 1 godziny": a price of one base
  WordSet per_base_markers;        // "w przeliczeniu na mieszkańca"
  std::vector<std::string> since_participle_endings;  // ", prowadzonego od 2016 roku,"
  std::vector<std::pair<std::string, std::string>> adjective_nominative;  // "ych" → "y"
  std::vector<std::string> feminine_endings;  // "beneficjentek": -ek on a known masculine noun
  WordSet per_base_nouns;   // "120 zł na osobę": a base; "na obsługę": a purpose
  WordSet per_base_before;  // "na każde 100 zł": a base, not an outcome
  WordMap<std::string> per_base_money;  // "każda złotówka …": a base of "1 PLN"
  WordMap<std::string> unit_lemma;
  std::vector<std::string> adjective_suffixes;
  std::vector<std::string> past_endings;  // "skorzystało", "wszczęto": a sentence of past events
  WordSet past_endings_not;               // "około", "szkoła": no verbs
  WordSet heading_year_words;             // "Potrzeby na 2023 r.": a heading's year
  WordSet plan_year_words;                // "na 2023 r.": a plan, dating all under it
  WordSet stop_words, reference_words, year_words, time_prepositions, span_words;
  WordSet boundary_prepositions, list_joiners, age_words, time_heads, age_nouns, age_verbs;
  WordSet abbreviations;  // "ok", "tj", "m.in": words whose stop does not end a sentence
  WordSet clause_joiners;  // ", a …", ", natomiast …": a new clause after a comma
  WordMap<std::string> comparatives;  // "o 12 mniej": word after a number → direction
  std::vector<std::pair<std::string, std::string>> comparative_prefixes;  // "wyższe o 0,6 mln zł"
  std::vector<std::vector<std::string>> comparison_bases;  // "niż w 2010 r.": not the time of a count
  WordSet comparison_last;  // the last words of [comparison_bases]: a phrase ends with one
  // "od tego czasu" (since), "w tym czasie" (during): the time of an earlier expression
  std::vector<std::pair<std::vector<std::string>, std::string>> anaphoric_times;
  // [anaphoric_times] by first word: the indices of the phrases it starts, in grammar order.
  PlainWordMap<std::vector<std::size_t>> anaphoric_by_first;
  WordSet when_words;  // "…z rokiem 2021, kiedy złożono 47 wniosków": the base year dates its clause
  // "Sprawozdanie … za 2022 rok": the opening words of a heading of a report for one year.
  std::vector<std::vector<std::string>> report_headings;
  std::vector<std::string> change_arrows;  // "40 → 55", "40 -> 55": a change; longest first
  WordSet anaphoric_pronouns;  // "Rok wcześniej było ich 1 050": the noun of the count before
  WordSet ratio_verbs;  // "Na 1 pracownika przypada 2 000 mieszkańców": a count per that base
  WordMap<int> months, year_parts, part_ordinals;
  int year_min = 1900, year_max = 2100;
  int bare_year_min = 1990, bare_year_max = 2039;  // a bare number here with no noun: a year
  std::size_t max_items = 10000;
  std::unique_ptr<RE2> ignore;
  // Lemmas of unit words seen so far: the dictionary is slow and the vocabulary small.
  mutable std::shared_mutex lemma_mutex;
  mutable PlainWordMap<std::string> lemma_cache;
  // First three bytes of numeral words and of month words (ASCII-lower-cased, prefix_key): a
  // filter before hash lookups, tested at nearly every word of a candidate line.
  KeyFilter numeral_prefix, month_prefix;
  // Byte lengths of the numeral words that can start a number (not compound-only): the
  // whole-word pre-check looks up only words of these lengths.
  std::size_t numeral_min_len = SIZE_MAX, numeral_max_len = 0;
  // The numerals that start a number (not compound-only), as a trie: the pre-check walks each
  // word's lower-cased bytes through it in the same pass that looks for a digit.
  ByteTrie numeral_trie;
  // First two bytes (pair_key) of the words that end a qualifier, end a rate before a number
  // (the last word of a [per_phrases] phrase, a [per] or [per_adjectives] word), start a rate
  // phrase after one, and start an [anaphoric_times] phrase: a token whose pair is not here
  // cannot be that word, and is passed over without comparing strings or hashing.
  std::vector<bool> qualifier_last_pair = std::vector<bool>(1u << 16);
  std::vector<bool> rate_before_pair = std::vector<bool>(1u << 16);
  std::vector<bool> per_first_pair = std::vector<bool>(1u << 16);
  std::vector<bool> anaphoric_first_pair = std::vector<bool>(1u << 16);
  bool rate_empty_word = false;  // an empty [per] or [per_adjectives] key (matches no word)

  // A word's first two bytes, the second 0 for a one-byte word: a token's is its key >> 8.
  static std::size_t pair_key(std::string_view w) {
    assert(!w.empty());
    return std::size_t{static_cast<unsigned char>(w[0])} << 8 |
           (w.size() > 1 ? static_cast<unsigned char>(w[1]) : 0u);
  }

  void seal_tables() {
    std::vector<std::string> starting;
    for (const auto& [word, v] : numerals)
      if (!v.compound_only) starting.push_back(word);
    numeral_trie.build(starting);
    for (auto* set : {&percent, &past_endings_not, &heading_year_words, &plan_year_words, &part_of_not_before, &unit_heads, &change_heads, &document_nouns,
                      &restatement_words,
                      &partitive_prepositions, &adjectives_not_nouns, &degree_adverbs, &copulas,
                      &prepositions, &multiplier_units, &duration_units, &duration_clause_words, &year_label_not_after, &span_name_words, &per_base_heads, &per_base_markers,
                      &per_base_nouns, &per_base_before, &stop_words, &reference_words, &year_words,
                      &time_prepositions, &span_words, &boundary_prepositions, &list_joiners,
                      &age_words, &time_heads, &age_nouns, &age_verbs, &abbreviations,
                      &clause_joiners, &when_words, &comparison_last})
      set->seal();
    for (auto* map : {&per, &per_after_preposition, &per_base_periods, &per_after_slash, &per_base_money,
                      &per_adjectives, &unit_lemma, &comparatives, &clause_qualifiers})
      map->seal();
    for (auto* map : {&months, &year_parts, &part_ordinals}) map->seal();
    numerals.seal();
    scale.seal();
    currency.seal();
  }

  static std::size_t prefix_key(std::string_view w) {
    std::size_t key = 0;
    for (std::size_t k = 0; k < 3; ++k) {
      auto c = k < w.size() ? static_cast<unsigned char>(w[k]) : 0u;
      if (c >= 'A' && c <= 'Z') c += 32;
      if (c == ' ' || c == '.' || c == ',') c = 0;
      key = (key << 8) | c;
    }
    return key;
  }
};

QuantityRules::QuantityRules(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
QuantityRules::~QuantityRules() = default;

std::unique_ptr<QuantityRules> QuantityRules::compile(const Grammars& g,
                                                      const Lemmatizer* lemmatizer,
                                                      std::vector<GrammarError>& errors) {
  auto impl = std::make_unique<Impl>();
  impl->lemmatizer = lemmatizer;
  auto each_word = [&](std::string_view section, auto&& fn) {
    for (const auto& e : g.entries(k_file, section))
      for (auto w : split_words(e.key)) fn(std::string(w), e);
  };
  auto parse_double = [&](const GrammarEntry& e, std::string_view text, double& out) {
    std::string s(text);
    char* end = nullptr;
    out = std::strtod(s.c_str(), &end);
    if (s.empty() || end != s.c_str() + s.size()) {
      errors.push_back(g.error_at(k_file, e, "expected a number, got '" + s + "'"));
      return false;
    }
    return true;
  };
  auto note_length = [&](std::size_t len) {
    impl->numeral_min_len = std::min(impl->numeral_min_len, len);
    impl->numeral_max_len = std::max(impl->numeral_max_len, len);
  };
  auto add_numeral = [&](std::string_view section, bool compound_only) {
    each_word(section, [&](std::string w, const GrammarEntry& e) {
      NumeralValue v;
      if (!parse_double(e, e.value, v.value)) return;
      v.min = v.max = v.value;
      v.compound_only = compound_only;
      if (!compound_only) note_length(w.size());
      impl->numeral_prefix.add(static_cast<std::uint32_t>(Impl::prefix_key(w)));
      impl->numerals[w] = v;
    });
  };
  add_numeral("numerals", false);
  add_numeral("numerals_in_compound", true);
  each_word("numerals_approx", [&](std::string w, const GrammarEntry& e) {
    auto dash = e.value.find('-');
    NumeralValue v;
    if (dash == std::string::npos) {
      errors.push_back(g.error_at(k_file, e, "expected 'min-max'"));
      return;
    }
    if (!parse_double(e, std::string_view(e.value).substr(0, dash), v.min) ||
        !parse_double(e, std::string_view(e.value).substr(dash + 1), v.max))
      return;
    v.approx = true;
    v.value = (v.min + v.max) / 2;
    note_length(w.size());
    impl->numeral_prefix.add(static_cast<std::uint32_t>(Impl::prefix_key(w)));
    impl->numerals[w] = v;
  });
  each_word("scale", [&](std::string w, const GrammarEntry& e) {
    double v = 0;
    if (parse_double(e, e.value, v)) impl->scale[w] = v;
  });
  each_word("currency", [&](std::string w, const GrammarEntry& e) {
    auto parts = split_words(e.value);
    Currency c;
    if (parts.size() != 2 || !parse_double(e, parts[1], c.multiplier)) {
      errors.push_back(g.error_at(k_file, e, "expected 'UNIT multiplier'"));
      return;
    }
    c.unit = std::string(parts[0]);
    impl->currency[w] = c;
  });
  // Word lists: each section's words go into its set.
  for (const auto& [section, set] : std::initializer_list<std::pair<const char*, WordSet*>>{
           {"percent", &impl->percent},
           {"past_endings_not", &impl->past_endings_not},
           {"heading_year_words", &impl->heading_year_words},
           {"plan_year_words", &impl->plan_year_words},
           {"part_of_not_before", &impl->part_of_not_before},
           {"unit_heads", &impl->unit_heads},
           {"change_heads", &impl->change_heads},
           {"document_nouns", &impl->document_nouns},
           {"restatement_words", &impl->restatement_words},
           {"partitive_prepositions", &impl->partitive_prepositions},
           {"adjectives_not_nouns", &impl->adjectives_not_nouns},
           {"degree_adverbs", &impl->degree_adverbs},
           {"copulas", &impl->copulas},
           {"multiplier_units", &impl->multiplier_units},
           {"duration_units", &impl->duration_units},
           {"duration_clause_words", &impl->duration_clause_words},
           {"year_label_not_after", &impl->year_label_not_after},
           {"span_name_words", &impl->span_name_words},
           {"per_base_heads", &impl->per_base_heads},
           {"per_base_markers", &impl->per_base_markers},
           {"prepositions", &impl->prepositions},
           {"per_base_nouns", &impl->per_base_nouns},
           {"per_base_before", &impl->per_base_before},
           {"stop_words", &impl->stop_words},
           {"reference_words", &impl->reference_words},
           {"year_words", &impl->year_words},
           {"time_prepositions", &impl->time_prepositions},
           {"list_joiners", &impl->list_joiners},
           {"boundary_prepositions", &impl->boundary_prepositions},
           {"span_words", &impl->span_words},
           {"age_words", &impl->age_words},
           {"age_nouns", &impl->age_nouns},
           {"age_verbs", &impl->age_verbs},
           {"clause_joiners", &impl->clause_joiners},
           {"abbreviations", &impl->abbreviations},
           {"time_heads", &impl->time_heads},
           {"when_words", &impl->when_words},
           {"anaphoric_pronouns", &impl->anaphoric_pronouns},
           {"ratio_verbs", &impl->ratio_verbs}})
    each_word(section, [&, set = set](std::string w, const GrammarEntry&) { set->insert(std::move(w)); });
  // A section of "words of a phrase = value" entries, kept longest phrase first.
  auto phrase_section = [&](const char* section, const char* expected,
                            std::vector<std::pair<std::vector<std::string>, std::string>>& into) {
    for (const auto& e : g.entries(k_file, section)) {
      std::vector<std::string> words;
      for (auto w : split_words(e.key)) words.emplace_back(w);
      if (e.value.empty() || words.empty()) {
        errors.push_back(g.error_at(k_file, e, expected));
        continue;
      }
      into.emplace_back(std::move(words), e.value);
    }
    std::stable_sort(into.begin(), into.end(),
                     [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  };
  phrase_section("unit_phrases", "expected 'words = lemma'", impl->unit_phrases);
  phrase_section("qualifiers", "expected 'phrase = qualifier'", impl->qualifiers);
  phrase_section("anaphoric_times", "expected 'phrase = since|during|previous|report'", impl->anaphoric_times);
  for (const auto& e : g.entries(k_file, "part_of")) {
    std::vector<std::string> words;
    for (auto w : split_words(e.key)) words.emplace_back(w);
    if (!words.empty()) impl->part_of.push_back(std::move(words));
  }
  each_word("motion_verbs", [&](std::string w, const GrammarEntry&) { impl->motion_verbs.push_back(std::move(w)); });
  for (const auto& e : g.entries(k_file, "qualifier_verbs")) {
    if (e.value.empty()) {
      errors.push_back(g.error_at(k_file, e, "expected 'qualifier = word before it'"));
      continue;
    }
    impl->qualifier_verbs[e.key] = e.value;
  }
  for (const auto& e : g.entries(k_file, "duration_before")) {
    std::vector<std::string> words;
    for (auto w : split_words(e.key)) words.emplace_back(w);
    if (!words.empty()) impl->duration_before.push_back(std::move(words));
  }
  for (const auto& e : g.entries(k_file, "report_headings")) {
    std::vector<std::string> words;
    for (auto w : split_words(e.key)) words.emplace_back(w);
    if (!words.empty()) impl->report_headings.push_back(std::move(words));
  }
  each_word("change_arrows", [&](std::string w, const GrammarEntry&) { impl->change_arrows.push_back(w); });
  std::stable_sort(impl->change_arrows.begin(), impl->change_arrows.end(),
                   [](const auto& a, const auto& b) { return a.size() > b.size(); });
  for (const auto& e : g.entries(k_file, "part_of_after")) {
    std::vector<std::string> words;
    for (auto w : split_words(e.key)) words.emplace_back(w);
    if (!words.empty()) impl->part_of_after.push_back(std::move(words));
  }
  for (const auto& e : g.entries(k_file, "participle_suffixes"))
    for (auto w : split_words(e.key)) impl->participle_suffixes.emplace_back(w);
  for (const auto& e : g.entries(k_file, "direction")) {
    if (e.value != "increase" && e.value != "decrease") {
      errors.push_back(g.error_at(k_file, e, "direction must be increase or decrease"));
      continue;
    }
    if (e.key.empty() || impl->direction.size() >= 255) {
      errors.push_back(g.error_at(k_file, e, "expected a non-empty prefix (at most 255)"));
      continue;
    }
    impl->direction_by_byte[static_cast<unsigned char>(e.key[0])].push_back(
        static_cast<std::uint8_t>(impl->direction.size()));
    const std::size_t first = static_cast<unsigned char>(e.key[0]) << 8;
    if (e.key.size() == 1) {
      for (std::size_t second = 0; second < 256; ++second) impl->direction_pair[first | second] = true;
    } else if (e.key.size() == 2) {
      impl->direction_pair[first | static_cast<unsigned char>(e.key[1])] = true;
    } else {
      const std::size_t slot = Impl::triple_slot(static_cast<std::uint32_t>(Impl::prefix_key(e.key)));
      impl->direction_triple[slot / 64] |= std::uint64_t{1} << (slot % 64);
    }
    impl->direction.emplace_back(e.key, e.value);
  }
  for (const auto& e : g.entries(k_file, "per")) impl->per[e.key] = e.value;
  each_word("clause_qualifiers", [&](std::string w, const GrammarEntry& e) {
    if (e.value.empty()) {
      errors.push_back(g.error_at(k_file, e, "expected 'word = qualifier'"));
      return;
    }
    impl->clause_qualifiers[w] = e.value;
  });
  each_word("duration_after", [&](std::string w, const GrammarEntry& e) {
    std::vector<std::string> units;
    for (auto u : split_words(e.value)) units.emplace_back(u);
    if (units.empty()) {
      errors.push_back(g.error_at(k_file, e, "expected 'nouns = units of time'"));
      return;
    }
    impl->duration_after[w] = std::move(units);
  });
  for (const auto& e : g.entries(k_file, "per_adjectives")) impl->per_adjectives[e.key] = e.value;
  for (const char* section : {"per_phrases", "per_phrases_after"})
    for (const auto& e : g.entries(k_file, section)) {
      std::vector<std::string> words;
      for (auto w : split_words(e.key)) words.emplace_back(w);
      if (words.empty() || e.value.empty()) {
        errors.push_back(g.error_at(k_file, e, "expected 'phrase = per'"));
        continue;
      }
      (std::string_view(section) == "per_phrases" ? impl->per_phrases : impl->per_phrases_after)
          .emplace_back(std::move(words), e.value);
    }
  for (const auto& e : g.entries(k_file, "per_after_preposition"))
    impl->per_after_preposition[e.key] = e.value;
  for (const auto& e : g.entries(k_file, "per_base_periods")) impl->per_base_periods[e.key] = e.value;
  for (const auto& e : g.entries(k_file, "adjective_nominative"))
    impl->adjective_nominative.emplace_back(e.key, e.value);
  for (const auto& e : g.entries(k_file, "per_after_slash")) impl->per_after_slash[e.key] = e.value;
  for (const auto& e : g.entries(k_file, "per_base_money")) impl->per_base_money[e.key] = e.value;
  for (const auto& e : g.entries(k_file, "unit_lemma")) {
    if (e.value.empty()) {
      errors.push_back(g.error_at(k_file, e, "expected 'form = lemma'"));
      continue;
    }
    impl->unit_lemma[e.key] = e.value;
  }
  each_word("since_participle_endings",
            [&](std::string w, const GrammarEntry&) { impl->since_participle_endings.push_back(w); });
  each_word("feminine_endings",
            [&](std::string w, const GrammarEntry&) { impl->feminine_endings.push_back(w); });
  each_word("adjective_suffixes",
            [&](std::string w, const GrammarEntry&) { impl->adjective_suffixes.push_back(w); });
  each_word("past_endings",
            [&](std::string w, const GrammarEntry&) { impl->past_endings.push_back(w); });
  for (const auto& e : g.entries(k_file, "comparison_bases")) {
    std::vector<std::string> words;
    for (auto w : split_words(e.key)) words.emplace_back(w);
    if (words.empty()) continue;
    impl->comparison_last.insert(words.back());
    impl->comparison_bases.push_back(std::move(words));
  }
  for (const char* section : {"comparatives", "comparative_prefixes"})
    for (const auto& e : g.entries(k_file, section)) {
      if (e.key.empty() || (e.value != "increase" && e.value != "decrease")) {
        errors.push_back(g.error_at(k_file, e, "expected 'word = increase|decrease'"));
        continue;
      }
      if (std::string_view(section) == "comparatives") impl->comparatives[e.key] = e.value;
      else impl->comparative_prefixes.emplace_back(e.key, e.value);
    }
  auto add_int_map = [&](std::string_view section, WordMap<int>& map) {
    each_word(section, [&](std::string w, const GrammarEntry& e) {
      double v = 0;
      if (parse_double(e, e.value, v)) map[w] = static_cast<int>(v);
    });
  };
  add_int_map("months", impl->months);
  for (const auto& [word, month] : impl->months) impl->month_prefix.add(static_cast<std::uint32_t>(Impl::prefix_key(word)));
  add_int_map("year_parts", impl->year_parts);
  add_int_map("part_ordinals", impl->part_ordinals);
  for (const auto& e : g.entries(k_file, "years")) {
    double v = 0;
    if (!parse_double(e, e.value, v)) continue;
    if (e.key == "min") impl->year_min = static_cast<int>(v);
    else if (e.key == "max") impl->year_max = static_cast<int>(v);
    else if (e.key == "bare_min") impl->bare_year_min = static_cast<int>(v);
    else if (e.key == "bare_max") impl->bare_year_max = static_cast<int>(v);
    else errors.push_back(g.error_at(k_file, e, "expected 'min', 'max', 'bare_min' or 'bare_max'"));
  }
  for (const auto& e : g.entries(k_file, "limits")) {
    double v = 0;
    if (!parse_double(e, e.value, v)) continue;
    if (e.key == "max_items" && v >= 1) impl->max_items = static_cast<std::size_t>(v);
    else errors.push_back(g.error_at(k_file, e, "expected 'max_items = N' (N ≥ 1)"));
  }

  for (const auto& [words, q] : impl->qualifiers) impl->qualifier_last_pair[Impl::pair_key(words.back())] = true;
  for (const auto& [words, per] : impl->per_phrases) {
    impl->rate_before_pair[Impl::pair_key(words.back())] = true;
    impl->per_first_pair[Impl::pair_key(words.front())] = true;
  }
  for (const auto& [words, per] : impl->per_phrases_after) impl->per_first_pair[Impl::pair_key(words.front())] = true;
  for (const auto* map : {&impl->per, &impl->per_adjectives})
    for (const auto& [word, per] : *map) {
      if (word.empty()) impl->rate_empty_word = true;
      else impl->rate_before_pair[Impl::pair_key(word)] = true;
    }
  for (std::size_t k = 0; k < impl->anaphoric_times.size(); ++k) {
    const std::vector<std::string>& words = impl->anaphoric_times[k].first;
    impl->anaphoric_first_pair[Impl::pair_key(words.front())] = true;
    impl->anaphoric_by_first[words.front()].push_back(k);
  }

  RE2::Options opt;
  opt.set_log_errors(false);
  opt.set_encoding(RE2::Options::EncodingUTF8);
  std::string combined;
  for (const auto& e : g.entries(k_file, "ignore")) {
    std::string pattern = narrow_unicode_classes(e.value);
    RE2 one(pattern, opt);
    if (e.value.empty() || !one.ok()) {
      errors.push_back(g.error_at(k_file, e, "bad pattern: " + one.error()));
      continue;
    }
    if (!combined.empty()) combined += '|';
    combined += "(?:" + pattern + ")";
  }
  if (!combined.empty()) {
    impl->ignore = std::make_unique<RE2>(combined, opt);
    // RE2 compiles the program it runs backwards from a match's end to its start on the first
    // match of a run (~8 M instructions for this alternation): compile it here, with the rules
    // (beside the dictionary's loading), not inside the first page that has a mask. Results are
    // the same either way.
    if (!impl->ignore->ok()) impl->ignore.reset();
    else impl->ignore->ReverseProgramSize();
  }
  impl->seal_tables();
  return std::unique_ptr<QuantityRules>(new QuantityRules(std::move(impl)));
}

void write_json(JsonWriter& w, const Quantity& q) {
  // integral values as integers ("260", not "260.0")
  auto number = [&](std::string_view key, double v) {
    w.key(key);
    if (v == std::floor(v) && std::fabs(v) < 1e15) w.value(static_cast<long long>(v));
    else w.value(v);
  };
  w.begin_object();
  w.field("kind", q.kind);
  number("value", q.value);
  w.field("unit", q.unit);
  // NBSPs stay inside the page; most surfaces are written with single blanks already.
  if (normal_already(q.surface)) w.field("surface", q.surface);
  else w.field("surface", normalize_space(q.surface));
  w.field("line", q.line);
  if (q.year) w.field("year", *q.year);
  if (q.period) {
    w.key("period").begin_object();
    w.field("from", q.period->first);
    if (!q.period->second.empty()) w.field("to", q.period->second);  // "Od 2019 r. …": open
    w.end_object();
  }
  if (!q.qualifier.empty()) w.field("qualifier", q.qualifier);
  if (q.min) number("min", *q.min);
  if (q.max) number("max", *q.max);
  auto point = [&](std::string_view key, const QuantityPoint& p) {
    w.key(key).begin_object();
    number("value", p.value);
    if (p.year) w.field("year", *p.year);
    w.end_object();
  };
  if (q.from) point("from", *q.from);
  if (q.to) point("to", *q.to);
  if (!q.direction.empty()) w.field("direction", q.direction);
  if (!q.per.empty()) w.field("per", q.per);
  if (q.part_of) w.field("part_of", *q.part_of);
  if (!q.context.empty()) w.field("context", q.context);
  w.end_object();
}

nlohmann::ordered_json to_json(const Quantity& q) { return parsed_json(q); }

namespace {

enum class TokType : std::uint8_t { num, word, punct, mask };

struct Tok {
  TokType type = TokType::punct;
  std::uint32_t b = 0, e = 0;    // bytes in the line
  std::uint32_t lb = 0, le = 0;  // lower-cased word in the arena
  std::uint32_t key = 0;         // the word's Impl::prefix_key, 0 for other tokens
  char32_t cp = 0;               // punctuation code point
  bool space_before = false;
  bool upper_first = false, all_upper = false;
  // Numbers.
  double value = 0, min = 0, max = 0;
  bool approx = false;
  bool from_words = false;
  bool plain = false;     // a bare digit run: may be a year
  bool section = false;   // 1.1, 8.00: never a quantity
  bool glued = false;     // letters right after the digits (39a, 3D)
  bool glued_before = false;
  bool scaled = false;
  double factor = 1;  // the scale word's factor, for ranges written "2–3 tys."
  int sentence = 0;
  int time = -1;  // index of the time expression this token belongs to
  bool used = false;
};

// A new token is a copy of this one: value-initialising a Tok in place zeroes it with `rep
// stos` (slow to start, and paid at every token) before its members are set.
const Tok k_blank_tok{};

struct TimeExpr {
  int first = 0, last = 0;  // token range
  int sentence = 0;
  std::optional<int> year;
  std::optional<std::pair<std::string, std::string>> period;
  bool span = false;
  bool boundary = false;
  bool open = false;  // "Od 2019 r. wydano …" opening its sentence: a period with no end
  int span_from = 0, span_to = 0;
  int anchor = 0;  // token of the (first) year
};

std::string two(int m) { return m < 10 ? "0" + std::to_string(m) : std::to_string(m); }

// Buffers kept from line to line and page to page (one set per thread): a line costs no
// allocation once they have grown.
struct Scratch {
  std::vector<Tok> tokens, merged;
  std::string arena, word;
  std::vector<std::pair<std::size_t, std::size_t>> masks;
  std::vector<TimeExpr> times;
};

// 0 not a letter, 1 ASCII lower-case, 2 ASCII upper-case, 3 a non-ASCII byte.
constexpr std::array<std::uint8_t, 256> k_letter_class = [] {
  std::array<std::uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    if (c >= 'a' && c <= 'z') t[c] = 1;
    else if (c >= 'A' && c <= 'Z') t[c] = 2;
    else if (c >= 0x80) t[c] = 3;
  }
  return t;
}();

// Reads the letters from s[i] on (the tokenizer's notion of a word: code points that
// is_letter_cp accepts), appends them lower-cased to `out` and returns the end. ASCII runs are
// copied in bulk; only other code points are decoded one at a time. `out` has room for the
// rest of `s`: lower-casing never makes a letter's UTF-8 longer. `o` is advanced.
//
// With `simd` (the fast path), an ASCII run is read sixteen bytes at a time while sixteen
// bytes of `s` are left: the block is lower-cased and stored whole (`out` has room: `o` never
// passes the bytes read, and sixteen of them are left), and the run ends at the block's first
// byte that is no ASCII letter. Without, byte by byte: the reference.
[[gnu::always_inline]] inline std::size_t read_word(std::string_view s, std::size_t i, char* out,
                                                   std::size_t& o, bool& upper_first,
                                                   bool& all_upper, bool simd = false) {
  const std::size_t n = s.size();
  const std::size_t start = i;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  char* d = out + o;
  bool lower_seen = false;  // a letter that is not upper-case
  upper_first = false;
  (void)simd;
  while (i < n) {
    if (p[i] < 0x80) {
      std::size_t j = i;
      unsigned seen = 0;  // bit 1: a lower-case letter
      bool ended = false;  // the run's end was found sixteen bytes at a time
#if defined(__SSE2__)
      if (simd) {
        // A byte OR 0x20 is a lower-case ASCII letter when, plus 0x1F, it is below 0x9A as a
        // signed byte ('a'..'z' become 0x80..0x99; every other byte lands at 0x9A or above,
        // or wraps to a positive value). A letter is lower-case when OR 0x20 leaves it as it is.
        const __m128i bit = _mm_set1_epi8(0x20), shift = _mm_set1_epi8(0x1F),
                      limit = _mm_set1_epi8(static_cast<char>(0x9A));
        while (j + 16 <= n) {
          const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + j));
          const __m128i lo = _mm_or_si128(v, bit);
          const auto letters = static_cast<unsigned>(
              _mm_movemask_epi8(_mm_cmplt_epi8(_mm_add_epi8(lo, shift), limit)));
          const unsigned run = static_cast<unsigned>(__builtin_ctz(~letters));  // at most 16
          _mm_storeu_si128(reinterpret_cast<__m128i*>(d), lo);
          const unsigned in_run = (1u << run) - 1;
          if (static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, lo))) & in_run) seen |= 1;
          d += run;
          j += run;
          if (run < 16) {
            ended = true;
            break;
          }
        }
      }
#endif
      for (; !ended && j < n; ++j) {
        unsigned cls = k_letter_class[p[j]];
        if (cls - 1 > 1) break;  // not an ASCII letter
        seen |= cls;
        *d++ = static_cast<char>(p[j] | 0x20);
      }
      if (j == i) break;
      if (i == start) upper_first = k_letter_class[p[i]] == 2;
      lower_seen = lower_seen || (seen & 1);
      i = j;
      // The run ended at a byte that is no ASCII letter: an ASCII one ends the word.
      if (i < n && p[i] < 0x80) break;
      continue;
    }
    std::size_t k = i;
    char32_t cp = decode_cp_inline(s, k);
    if (!is_letter_cp(cp)) break;
    char32_t lc = lower_cp(cp);
    if (i == start) upper_first = lc != cp;
    lower_seen = lower_seen || lc == cp;
    if (lc < 0x80) {  // an over-long encoding
      *d++ = static_cast<char>(lc);
    } else if (lc < 0x800) {
      *d++ = static_cast<char>(0xC0 | (lc >> 6));
      *d++ = static_cast<char>(0x80 | (lc & 0x3F));
    } else {  // letters end below U+2000: three bytes at most
      *d++ = static_cast<char>(0xE0 | (lc >> 12));
      *d++ = static_cast<char>(0x80 | ((lc >> 6) & 0x3F));
      *d++ = static_cast<char>(0x80 | (lc & 0x3F));
    }
    i = k;
  }
  all_upper = !lower_seen;
  o = static_cast<std::size_t>(d - out);
  return i;
}

// Impl::prefix_key of a word read_word wrote: its bytes are lower-case letters (never
// 'A'-'Z', ' ', '.' or ','), so the key is its first three bytes, zero-padded.
std::uint32_t word_key(std::string_view w) {
  std::uint32_t key = static_cast<std::uint32_t>(static_cast<unsigned char>(w[0])) << 16;
  if (w.size() > 1) key |= static_cast<std::uint32_t>(static_cast<unsigned char>(w[1])) << 8;
  if (w.size() > 2) key |= static_cast<unsigned char>(w[2]);
  assert(key == QuantityRules::Impl::prefix_key(w));
  return key;
}

}  // namespace

namespace detail {
WordRead read_word(std::string_view s, std::size_t i, bool simd) {
  WordRead r;
  std::string out(s.size(), '\0');
  std::size_t o = 0;
  r.end = bdp::read_word(s, i, out.data(), o, r.upper_first, r.all_upper, simd);
  out.resize(o);
  r.lower = std::move(out);
  return r;
}
}  // namespace detail

namespace {

class LineParser {
 public:
  LineParser(const QuantityRules::Impl& r, std::vector<Quantity>& out, Scratch& sc)
      : r_(r), out_(out), t_(sc.tokens), merged_(sc.merged), arena_(sc.arena), word_(sc.word),
        masks_(sc.masks), times_(sc.times) {}

  void parse(const NumberedLine& nl);
  bool has_numeral_word(std::string_view s, bool plain);
  /// The year of the page's report heading: the time of quantities with none of their own.
  void set_page_year(std::optional<int> year, bool past_only = false) {
    page_year_ = year;
    page_year_past_only_ = past_only;
  }
  void set_page_period(std::optional<std::pair<std::string, std::string>> period) {
    page_period_ = std::move(period);
  }
  /// The part of `year` a report heading names ("za I półrocze 2023" → 2023-01..2023-06), or
  /// none (a whole year, or no part named).
  std::optional<std::pair<std::string, std::string>> heading_period(std::string_view text, int year);

 private:
  const QuantityRules::Impl& r_;
  std::vector<Quantity>& out_;
  std::string_view s_;
  int line_ = 0;
  std::vector<Tok>& t_;
  std::vector<Tok>& merged_;
  std::string& arena_;
  std::string& word_;
  std::vector<std::pair<std::size_t, std::size_t>>& masks_;
  std::vector<TimeExpr>& times_;
  std::optional<int> page_year_;
  bool page_year_past_only_ = false;  // a heading's year, no report's: past events only
  std::optional<std::pair<std::string, std::string>> page_period_;
  // The count that ends the line before (in its last sentence), for a pronoun opening this
  // one ("Z pomocy skorzystało 1 124 osoby." / "Rok wcześniej było ich 1 050."): its index in
  // out_, or -1. tail_item_ is the one this line leaves for the next.
  int prev_tail_item_ = -1, tail_item_ = -1;
  // The single year of the line before's last sentence, for "rok wcześniej" opening this one
  // ("W 2023 r. z pomocy skorzystało 1 124 osoby." / "Rok wcześniej …"); tail_year_ is the one
  // this line leaves for the next.
  std::optional<int> prev_tail_year_, tail_year_;

  [[gnu::always_inline]] std::string_view w(int i) const {
    if (static_cast<std::size_t>(i) >= t_.size() || t_[i].type != TokType::word) return {};
    return std::string_view(arena_.data() + t_[i].lb, t_[i].le - t_[i].lb);
  }
  bool is_num(int i) const {
    return i >= 0 && i < static_cast<int>(t_.size()) && t_[i].type == TokType::num;
  }
  bool is_punct(int i, char32_t c) const {
    return i >= 0 && i < static_cast<int>(t_.size()) && t_[i].type == TokType::punct &&
           t_[i].cp == c;
  }
  bool is_dash(int i) const { return is_punct(i, '-') || is_punct(i, 0x2013) || is_punct(i, 0x2014); }
  // A plain number that may be a year with no word to say so ([years] bare_min..bare_max).
  bool year_like(int k) const {
    return is_num(k) && t_[k].plain && t_[k].value >= r_.bare_year_min &&
           t_[k].value <= r_.bare_year_max && t_[k].value == std::floor(t_[k].value);
  }
  // A quotation mark: '"', „ ” “ « ».
  bool quote_at(int i) const {
    return is_punct(i, '"') || is_punct(i, 0x201E) || is_punct(i, 0x201D) || is_punct(i, 0x201C) ||
           is_punct(i, 0xAB) || is_punct(i, 0xBB);
  }
  // A pictograph of a social post ("❤️", "👏"), its variation selector or joiner.
  bool pictograph(int i) const {
    if (i < 0 || i >= n() || t_[i].type != TokType::punct || t_[i].cp < 0x80) return false;
    const auto type = static_cast<UCharCategory>(u_charType(static_cast<UChar32>(t_[i].cp)));
    return type == U_OTHER_SYMBOL || type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK ||
           type == U_FORMAT_CHAR;
  }
  int n() const { return static_cast<int>(t_.size()); }
  std::string_view surface(int a, int b) const { return s_.substr(t_[a].b, t_[b].e - t_[a].b); }
  std::string context(int a, int b) const;

  bool candidate_line();
  bool numeral_scan(std::string_view s, bool digits) const;
  void find_masks();
  void tokenize();
  bool decimal_dot_before_scale(std::size_t dot) const;
  void merge_numerals();
  void merge_scales();
  void split_sentences();
  bool abbreviation_before(int i) const;
  bool year_candidate(int i) const;
  int after_year_word(int i) const;
  void find_times();
  int add_time(int first, int last, int anchor) {
    TimeExpr te;
    te.first = first;
    te.last = last;
    te.anchor = anchor;
    te.sentence = t_[anchor].sentence;
    for (int k = first; k <= last; ++k) t_[k].time = static_cast<int>(times_.size());
    times_.push_back(te);
    return static_cast<int>(times_.size()) - 1;
  }
  bool excluded(int i) const;
  void note_tail_year();
  std::string unit_after(int i, int* end) const;
  const std::string* unit_phrase_at(int j, int* end) const;
  std::string lemma_of(int i) const;
  std::string lookup_lemma(std::string_view word) const;
  std::string clause_unit(int i) const;
  bool change_head_before(int i) const;
  std::string shared_unit(int last) const;
  std::string qualifier_before(int i, int* start) const;
  bool motion_do(int at, int i) const;
  bool phrase_before(int i, const std::vector<std::string>& words) const;
  bool comparison_base_before(int i) const;
  const std::string* direction_at(int k) const;
  const std::string& sentence_direction(int i) const;
  double shared_factor(int a, int b) const;
  /// Whether a clause ends between tokens a and b (either order): a ';', or a comma before a
  /// [clause_joiners] word (", a …"). False when a < 0.
  bool clause_between(int a, int b) const;
  const std::string* per_phrase(int j, bool before) const;
  const TimeExpr* time_for(int i, int last) const;
  const TimeExpr* frame_before(int s) const;
  bool past_sentence(int s) const;
  bool tally_sentence(int s) const;
  bool bullet_at(int k) const;
  const TimeExpr* time_at(int j, int* end) const;
  int arrow_at(int j) const;
  bool arrow_before(int i) const {
    for (int k = i - 1; k >= 0 && k >= i - 3 && t_[k].type == TokType::punct; --k)
      if (arrow_at(k) == i - 1) return true;
    return false;
  }
  bool pronoun_before(int first) const;
  void quantities();
};

// Byte classes for the pre-check: 0 other, 1 ASCII letter, 2 digit, 3 non-ASCII byte.
constexpr std::array<std::uint8_t, 256> k_byte_class = [] {
  std::array<std::uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    if (c >= '0' && c <= '9') t[c] = 2;
    else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) t[c] = 1;
    else if (c >= 0x80) t[c] = 3;
  }
  return t;
}();

// A line can hold a quantity only if it has a digit or a numeral word that starts a number.
// The digit is looked for first, sixteen bytes at a time (most candidate lines have one, often
// far into a paragraph); only a line without digits has its words walked.
bool LineParser::candidate_line() {
  if (!fast_paths()) return true;  // every line is read whole
  return detail::has_ascii_digit(s_) || numeral_scan(s_, false);
}

// One pass over `s`: true at an ASCII digit (when `digits`) or at a word (a run of letters, as
// read_word reads it) that is a numeral starting a number. Each word's lower-cased bytes, as
// read_word would write them, are walked through the numeral trie while they are read; a word
// the trie has left is passed over to its end.
bool LineParser::numeral_scan(std::string_view s, bool digits) const {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  const ByteTrie& trie = r_.numeral_trie;
  // The code point at i when it is a letter: its end in `k`, its lower case in `lc`.
  auto letter_at = [&](std::size_t i, std::size_t& k, char32_t& lc) __attribute__((always_inline)) {
    k = i;
    const char32_t cp = decode_cp_inline(s, k);
    if (!is_letter_cp(cp)) return false;
    lc = lower_cp(cp);
    return true;
  };
  for (std::size_t i = 0; i < n;) {
    std::size_t k = 0;
    char32_t lc = 0;
    if (p[i] < 0x80) {
      const std::uint8_t cls = k_byte_class[p[i]];
      if (cls != 1) {
        if (cls == 2 && digits) return true;
        ++i;
        continue;
      }
    } else if (!letter_at(i, k, lc)) {
      i = k;
      continue;
    }
    // A word starts at i: walk its lower-cased bytes (as read_word writes them) through the
    // trie until the word ends or the trie has no way on.
    std::uint32_t node = ByteTrie::kRoot;
    bool ended = false;
    for (;;) {
      if (i >= n) {
        ended = true;
        break;
      }
      if (p[i] < 0x80) {
        if (k_byte_class[p[i]] != 1) {
          ended = true;
          break;
        }
        node = trie.step(node, p[i] | 0x20);
        ++i;
      } else {
        if (!letter_at(i, k, lc)) {
          ended = true;
          break;
        }
        if (lc < 0x80) {
          node = trie.step(node, static_cast<unsigned char>(lc));
        } else if (lc < 0x800) {
          node = trie.step(node, static_cast<unsigned char>(0xC0 | (lc >> 6)));
          if (node != ByteTrie::kDead) node = trie.step(node, static_cast<unsigned char>(0x80 | (lc & 0x3F)));
        } else {
          node = trie.step(node, static_cast<unsigned char>(0xE0 | (lc >> 12)));
          if (node != ByteTrie::kDead)
            node = trie.step(node, static_cast<unsigned char>(0x80 | ((lc >> 6) & 0x3F)));
          if (node != ByteTrie::kDead) node = trie.step(node, static_cast<unsigned char>(0x80 | (lc & 0x3F)));
        }
        i = k;
      }
      if (node == ByteTrie::kDead) break;
    }
    if (ended) {
      if (node != ByteTrie::kDead && trie.terminal(node)) return true;
      continue;
    }
    // The rest of a word the trie has left: its ASCII letters sixteen bytes at a time (as
    // read_word reads them), the other letters one code point at a time.
    while (i < n) {
#if defined(__SSE2__)
      if (i + 16 <= n) {
        const __m128i v = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i)),
                                       _mm_set1_epi8(0x20));
        const auto letters = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmplt_epi8(
            _mm_add_epi8(v, _mm_set1_epi8(0x1F)), _mm_set1_epi8(static_cast<char>(0x9A)))));
        const unsigned run = static_cast<unsigned>(__builtin_ctz(~letters));  // at most 16
        i += run;
        if (run == 16) continue;
        if (p[i] < 0x80) break;  // an ASCII byte the block did not take is no letter
      } else
#endif
      if (p[i] < 0x80) {
        if (k_byte_class[p[i]] != 1) break;
        ++i;
        continue;
      }
      if (!letter_at(i, k, lc)) break;
      i = k;
    }
  }
  return false;
}

// The pre-check's word test on a line without digits, plain: reads every word and looks it up
// in the numeral table (the reference numeral_scan is tested against).
bool LineParser::has_numeral_word(std::string_view s, bool plain) {
  if (!plain) return numeral_scan(s, false);
  const std::size_t n = s.size();
  if (word_.size() < n) word_.resize(n);
  bool in_word = false;  // the code point before i is a letter of a word passed over
  for (std::size_t i = 0; i < n;) {
    std::size_t k = i;
    const bool letter = is_letter_cp(decode_cp(s, k));
    if (!letter || in_word) {
      in_word = letter;
      i = k;
      continue;
    }
    // A word starts at i: read it whole (it ends at a non-letter).
    bool upper_first = false, all_upper = false;
    std::size_t len = 0;
    i = read_word(s, i, word_.data(), len, upper_first, all_upper);
    std::string_view word(word_.data(), len);
    if (auto it = r_.numerals.find(word); it != r_.numerals.end() && !it->second.compound_only)
      return true;
  }
  return false;
}

void LineParser::find_masks() {
  masks_.clear();
  if (!r_.ignore) return;
  re2::StringPiece input(s_.data(), s_.size()), m;
  std::size_t pos = 0;
  while (pos < s_.size() &&
         r_.ignore->Match(input, pos, s_.size(), RE2::UNANCHORED, &m, 1)) {
    std::size_t b = static_cast<std::size_t>(m.data() - s_.data());
    std::size_t e = b + m.size();
    if (e == b) {
      pos = b + 1;
      continue;
    }
    // A postal code pattern looks ahead at the place name; mask only the digits.
    while (e > b && !is_digit(s_[e - 1]) && !(s_[e - 1] & 0x80) && s_[e - 1] != '/' &&
           (s_[e - 1] == ' ' || ((s_[e - 1] | 0x20) >= 'a' && (s_[e - 1] | 0x20) <= 'z')) &&
           digit_run(s_, b) == 2 && s_[b + 2] == '-')
      --e;
    masks_.emplace_back(b, e);
    pos = m.data() - s_.data() + m.size();
  }
}

/// True when the dot at `dot` and the digits after it are followed by a scale word
/// ("2.5 mln", "1.2 tys."): the dot is then a decimal point, not a section number's.
bool LineParser::decimal_dot_before_scale(std::size_t dot) const {
  std::size_t k = dot + 1 + digit_run(s_, dot + 1);
  std::size_t sp = group_space_len(s_, k);
  if (sp == 0) return false;
  k += sp;
  std::size_t e = k;
  while (e < s_.size() && static_cast<unsigned char>(s_[e]) >= 'a' && static_cast<unsigned char>(s_[e]) <= 'z') ++e;
  return e > k && r_.scale.contains(s_.substr(k, e - k));
}

void LineParser::tokenize() {
  t_.clear();
  const bool simd = fast_paths();
  // Words are written lower-cased at arena_[0, used): never longer than the line.
  if (arena_.size() < s_.size()) arena_.resize(s_.size());
  std::size_t used = 0;
  std::size_t i = 0, mask = 0;
  std::size_t list_end = 0;  // a run of digit groups read as a list ends here
  bool space = true;
  // Where the first mask not yet passed begins: before it there is nothing to look up.
  std::size_t mask_from = masks_.empty() ? SIZE_MAX : masks_[0].first;
  while (i < s_.size()) {
    if (i >= mask_from) {
      while (mask < masks_.size() && masks_[mask].second <= i) ++mask;
      mask_from = mask < masks_.size() ? masks_[mask].first : SIZE_MAX;
    }
    if (i >= mask_from) {
      Tok t = k_blank_tok;
      t.type = TokType::mask;
      t.b = static_cast<std::uint32_t>(i);
      t.e = static_cast<std::uint32_t>(masks_[mask].second);
      t.space_before = space;
      t_.push_back(t);
      i = masks_[mask].second;
      space = false;
      continue;
    }
    std::size_t start = i;
    if (is_digit(s_[i])) {
      Tok t = k_blank_tok;
      t.type = TokType::num;
      t.b = static_cast<std::uint32_t>(i);
      t.space_before = space;
      t.glued_before = !t_.empty() && !space &&
                       (t_.back().type == TokType::word || t_.back().type == TokType::num);
      std::size_t first = digit_run(s_, i);
      std::string digits(s_.substr(i, first));
      std::string_view dot_fraction;
      i += first;
      t.plain = true;
      if (i + 4 <= s_.size() && s_[i] == '.' && first <= 3 && digit_run(s_, i + 1) == 3) {
        // 1.552.935: dots group thousands only when every group has three digits.
        std::size_t j = i;
        std::string grouped = digits;
        while (j < s_.size() && s_[j] == '.' && digit_run(s_, j + 1) == 3) {
          grouped.append(s_.substr(j + 1, 3));
          j += 4;
        }
        if (j < s_.size() && s_[j] == '.' && digit_run(s_, j + 1) > 0) {
          t.section = true;
          while (j < s_.size() && (s_[j] == '.' || is_digit(s_[j])) &&
                 !(s_[j] == '.' && digit_run(s_, j + 1) == 0))
            ++j;
        }
        digits = grouped;
        i = j;
        t.plain = false;
      } else if (i + 1 < s_.size() && s_[i] == '.' && is_digit(s_[i + 1]) &&
                 decimal_dot_before_scale(i)) {
        // "2.5 mln zł": a dot before a scale word is a decimal point (English habit).
        std::size_t d = digit_run(s_, i + 1);
        dot_fraction = s_.substr(i + 1, d);
        i += 1 + d;
        t.plain = false;
      } else if (i + 1 < s_.size() && s_[i] == '.' && is_digit(s_[i + 1])) {
        t.section = true;
        while (i + 1 < s_.size() && s_[i] == '.' && is_digit(s_[i + 1])) i += 1 + digit_run(s_, i + 1);
        t.plain = false;
      } else if (first <= 3 && i >= list_end) {
        // 10 626, 2 500 000: a following group of exactly three digits after one space.
        std::size_t j = i;
        std::string grouped = digits;
        for (;;) {
          std::size_t sp = group_space_len(s_, j);
          if (sp == 0 || digit_run(s_, j + sp) != 3) break;
          std::size_t after = j + sp + 3;
          if (after < s_.size() && (s_[after] == '.' || s_[after] == ',') &&
              after + 1 < s_.size() && is_digit(s_[after + 1]) && s_[after] == '.')
            break;
          grouped.append(s_.substr(j + sp, 3));
          j = after;
        }
        // "120 145 160" after "Liczba rodzin" is a list of three numbers, not 120 million:
        // three full groups or more are one number only when money follows ("125 000 000 zł").
        if (j != i && first == 3 && grouped.size() >= 9) {
          std::size_t k = j;
          while (k < s_.size() && group_space_len(s_, k) > 0) k += group_space_len(s_, k);
          // The word after the groups, as [currency] and [scale] spell it.
          std::size_t e = k;
          while (e < s_.size() && !group_space_len(s_, e) && s_[e] != '.' && s_[e] != ',' &&
                 s_[e] != ';' && s_[e] != ')')
            ++e;
          std::string next = to_lower(s_.substr(k, e - k));
          bool money = r_.currency.contains(next) || r_.scale.contains(next);
          if (!money) {
            list_end = j;  // its other groups are numbers of their own too
            j = i;
          }
        }
        if (j != i) {
          digits = grouped;
          i = j;
          t.plain = false;
        }
      }
      double v = digits_value(digits, false);
      if (!dot_fraction.empty()) v += digits_value(dot_fraction, true);
      if (!t.section && i + 1 < s_.size() && s_[i] == ',' && is_digit(s_[i + 1])) {
        // 1,5: a decimal comma has no space after it ("68, 410" is a list).
        std::size_t d = digit_run(s_, i + 1);
        v += digits_value(s_.substr(i + 1, d), true);
        i += 1 + d;
        t.plain = false;
      } else if (!t.section && i + 1 < s_.size() && s_[i] == ',') {
        // "15 000,- zł": the accounting form writes no grosze as ",-" (",--", ",–", ",—").
        std::size_t k = i + 1;
        while (k < s_.size() && s_[k] == '-') ++k;
        if (k == i + 1 && (s_.compare(k, 3, "\xE2\x80\x93") == 0 || s_.compare(k, 3, "\xE2\x80\x94") == 0))
          k += 3;
        if (k > i + 1 && k - i <= 4 && (k == s_.size() || !is_digit(s_[k]))) {
          i = k;
          t.plain = false;
        }
      }
      t.value = t.min = t.max = v;
      if (i < s_.size()) {
        std::size_t k = i;
        t.glued = is_letter_cp(decode_cp(s_, k));
      }
      t.e = static_cast<std::uint32_t>(i);
      t_.push_back(t);
      space = false;
      continue;
    }
    auto c0 = static_cast<unsigned char>(s_[i]);
    if (c0 == ' ' || c0 == '\t') {
      ++i;
      space = true;
      continue;
    }
    char32_t cp = c0;
    bool letter = false;
    if (c0 < 0x80) {
      letter = (c0 | 0x20u) - 'a' <= 'z' - 'a';
      if (!letter) ++i;
    } else {
      std::size_t k = i;
      cp = decode_cp_inline(s_, k);
      if (is_space_cp(cp)) {
        i = k;
        space = true;
        continue;
      }
      letter = is_letter_cp(cp);
      if (!letter) i = k;
    }
    t_.push_back(k_blank_tok);
    Tok& t = t_.back();
    t.b = static_cast<std::uint32_t>(start);
    t.space_before = space;
    space = false;
    if (letter) {
      t.type = TokType::word;
      t.lb = static_cast<std::uint32_t>(used);
      bool all_upper = false;
      i = read_word(s_, i, arena_.data(), used, t.upper_first, all_upper, simd);
      t.le = static_cast<std::uint32_t>(used);
      t.all_upper = all_upper && t.le - t.lb > 1;
      t.key = word_key(std::string_view(arena_.data() + t.lb, t.le - t.lb));
    } else {
      t.type = TokType::punct;
      t.cp = cp;
    }
    t.e = static_cast<std::uint32_t>(i);
  }
}

// Numeral words become number tokens: units, tens and hundreds add up in falling order
// (sto dwadzieścia trzy), scale words multiply what came before (dwa tysiące pięćset).
void LineParser::merge_numerals() {
  // A form of "one" is a number as the first end of "z/od … do" another numeral: "liczba
  // domów z jednego do trzech", "od jednej do pięciu osób" (not "jeden z", "w jednej").
  auto one_end = [&](int i) {
    if (w(i - 1) != "z" && w(i - 1) != "ze" && w(i - 1) != "od") return false;
    if (w(i + 1) != "do" || i + 2 >= n()) return false;
    if (t_[i + 2].type == TokType::num) return true;
    auto next = r_.numerals.find(w(i + 2));
    return next != r_.numerals.end() && !next->second.compound_only && !next->second.approx;
  };
  auto starts_number = [&](int i) {
    if (t_[i].type != TokType::word || !r_.may_be_numeral(t_[i].key)) return false;
    auto it = r_.numerals.find(w(i));
    return it != r_.numerals.end() && (!it->second.compound_only || one_end(i));
  };
  int first = 0;
  while (first < n() && !starts_number(first)) ++first;
  if (first == n()) return;  // most lines: nothing to merge
  std::vector<Tok>& out = merged_;
  out.assign(t_.begin(), t_.begin() + first);
  for (int i = first; i < n();) {
    auto it = t_[i].type == TokType::word && r_.may_be_numeral(t_[i].key)
                  ? r_.numerals.find(w(i))
                  : r_.numerals.end();
    if (it == r_.numerals.end() || (it->second.compound_only && !one_end(i))) {
      out.push_back(t_[i++]);
      continue;
    }
    double total = 0, current = 0, min = it->second.min, max = it->second.max;
    bool approx = it->second.approx;
    double last = 0;
    int j = i;
    for (; j < n() && t_[j].type == TokType::word; ++j) {
      auto nv = r_.numerals.find(w(j));
      auto sc = r_.scale.find(w(j));
      if (j > i && sc != r_.scale.end() && (current > 0 || total == 0)) {
        double base = current > 0 ? current : 1;
        total += base * sc->second;
        if (approx) {
          min *= sc->second;
          max *= sc->second;
        }
        current = 0;
        last = sc->second;
        continue;
      }
      if (nv == r_.numerals.end()) break;
      double v = nv->second.value;
      if (j > i) {
        if (nv->second.approx || approx) break;
        double limit = last >= 1000 ? last : last >= 100 ? 100 : (last >= 20 && std::fmod(last, 10) == 0) ? 10 : 0;
        if (!(v < limit)) break;
      }
      current += v;
      last = v;
    }
    Tok t = t_[i];
    t.type = TokType::num;
    t.e = t_[j - 1].e;
    t.value = total + current;
    t.approx = approx;
    t.min = approx ? min : t.value;
    t.max = approx ? max : t.value;
    t.from_words = true;
    t.scaled = total > 0;
    t.factor = last >= 1000 ? last : 1;
    out.push_back(t);
    i = j;
  }
  t_.swap(out);
  // Word offsets stay valid: the arena is unchanged, only tokens were merged.
}

// "300 tys. zł", "1,5 mln": a scale word after a number multiplies it. A whole number of
// thousands or millions may go on with the rest: "4 tys. 500 bonów" (4500), "2 mln 300 tys.
// zł" (2 300 000), "1 tys. 250 zł"; the rest is smaller than the scale, written right after
// it (no comma: "4 tys. osób, 500 bonów" are two), and no year ("2 mln 2009 r.").
void LineParser::merge_scales() {
  // The last token of the scale word at k: its abbreviation's stop ("300 tys. zł"), unless
  // the stop also ends the sentence: a capital word follows that is no currency ("… do 231
  // tys. Koszt jednego posiłku …").
  auto scale_end = [&](int k) {
    if (is_punct(k + 1, '.') && !t_[k + 1].space_before &&
        !(k + 2 < n() && t_[k + 2].type == TokType::word && t_[k + 2].upper_first &&
          t_[k + 2].space_before && !r_.currency.contains(w(k + 2))))
      return k + 1;
    return k;
  };
  for (int i = 0; i + 1 < n(); ++i) {
    if (!is_num(i) || t_[i].scaled || t_[i].section) continue;
    auto sc = r_.scale.find(w(i + 1));
    if (sc == r_.scale.end()) continue;
    Tok& t = t_[i];
    const bool whole = t.value == std::floor(t.value) && !t.approx;
    t.value *= sc->second;
    t.min *= sc->second;
    t.max *= sc->second;
    t.scaled = true;
    t.factor = sc->second;
    t.glued = false;
    int last = scale_end(i + 1);
    t.e = t_[last].e;
    t_.erase(t_.begin() + i + 1, t_.begin() + last + 1);
    const int r = i + 1;
    if (!whole || t.factor < 1000 || !is_num(r) || !t_[r].space_before || t_[r].section ||
        t_[r].glued || t_[r].from_words || t_[r].scaled || t_[r].value <= 0 ||
        t_[r].value != std::floor(t_[r].value) || year_candidate(r))
      continue;
    double rest = t_[r].value;
    int rest_last = r;
    if (auto sc2 = r_.scale.find(w(r + 1)); sc2 != r_.scale.end()) {
      rest *= sc2->second;
      rest_last = scale_end(r + 1);
    }
    if (rest >= t.factor) continue;
    // Nor when the rest is another item: a percentage ("4 tys. 35% więcej") or the start of a
    // range ("4 tys. 350–400 osób").
    if (is_punct(rest_last + 1, '%') || r_.percent.contains(w(rest_last + 1)) ||
        (is_dash(rest_last + 1) && is_num(rest_last + 2)))
      continue;
    t.value += rest;
    t.min = t.max = t.value;
    t.e = t_[rest_last].e;
    t_.erase(t_.begin() + r, t_.begin() + rest_last + 1);
  }
}

void LineParser::split_sentences() {
  int sentence = 0, start = 0;
  // Is the sentence from `start` up to token `last` only a time phrase ("W 2022 r.", "Na
  // koniec 2023 r.", "W I kwartale 2023 r.")? Then its "r." opens the sentence, not ends it.
  auto only_time = [&](int last) {
    for (int k = start; k <= last; ++k) {
      if (t_[k].type == TokType::num || t_[k].type == TokType::punct) continue;
      std::string_view word = w(k);
      if (word.empty()) return false;
      if (!r_.time_prepositions.contains(word) && !r_.time_heads.contains(word) &&
          !r_.year_words.contains(word) && !r_.span_words.contains(word) &&
          !r_.months.contains(word) && !r_.year_parts.contains(word) &&
          !r_.part_ordinals.contains(word))
        return false;
    }
    return true;
  };
  for (int i = 0; i < n(); ++i) {
    t_[i].sentence = sentence;
    bool end = is_punct(i, '.') || is_punct(i, '!') || is_punct(i, '?');
    if (!end || i + 1 >= n()) continue;
    // "Dziękujemy wolontariuszom! ❤️ Program …": the pictographs of a social post after the
    // stop are passed over; the word after them decides.
    int after = i + 1;
    while (after + 1 < n() && pictograph(after)) ++after;
    // "gminy.Dzięki": scraped text often loses the space after a full stop.
    const Tok& next = t_[after];
    if (!(next.space_before || next.type == TokType::word) ||
        !(next.upper_first || next.type == TokType::num))
      continue;
    // An abbreviation that never ends a sentence ("ok. 300 osób", "tj. 612 rodzin", "m.in.
    // 45 rodzinom"): the sentence, and its year, go on.
    if (abbreviation_before(i)) continue;
    // A one-letter word before the stop is an initial or an abbreviation ("J. Kowalski"),
    // except a year word after a number: "w 2019 r. Zatrudniono" ends a sentence when a
    // capitalised word follows ("w 2019 r. udzielono" goes on), not a number or an acronym
    // ("w 2019 r. MOPS udzielił"), nor when the sentence so far is only the time phrase ("W
    // 2022 r. Zespół prowadził"). After a number, '%' or ')' the stop ends the sentence.
    std::string_view before = w(i - 1);
    if (!before.empty() && before.size() <= 1 &&
        !(r_.year_words.contains(before) && is_num(i - 2) && next.type == TokType::word &&
          !next.all_upper && !only_time(i - 1)))
      continue;
    ++sentence;
    start = i + 1;
  }
}

// Is the stop at token i the end of an [abbreviations] word, dotted ones ("m.in") included?
// The word is read back over letters and inner stops written without spaces.
bool LineParser::abbreviation_before(int i) const {
  if (r_.abbreviations.empty() || i < 1 || t_[i - 1].type != TokType::word) return false;
  int k = i - 1;
  while (k >= 2 && is_punct(k - 1, '.') && t_[k - 2].type == TokType::word &&
         !t_[k - 1].space_before && !t_[k].space_before)
    k -= 2;
  for (; k < i; k += 2) {
    if (k == i - 1) return r_.abbreviations.contains(w(k));  // the word alone: no copy
    std::string word;
    for (int m = k; m < i; ++m) word += t_[m].type == TokType::word ? std::string(w(m)) : ".";
    if (r_.abbreviations.contains(word)) return true;
  }
  return false;
}

bool LineParser::year_candidate(int i) const {
  if (!is_num(i) || !t_[i].plain || t_[i].from_words || t_[i].e - t_[i].b != 4) return false;
  return t_[i].value >= r_.year_min && t_[i].value <= r_.year_max;
}

// Index of the last token of a year word after token i ("r." or "roku"), or -1.
int LineParser::after_year_word(int i) const {
  if (!r_.year_words.contains(w(i + 1))) return -1;
  if (w(i + 1) == "r" || w(i + 1) == "rr") return is_punct(i + 2, '.') ? i + 2 : i + 1;
  return i + 1;
}

void LineParser::find_times() {
  times_.clear();
  auto month_of = [&](int i) {
    if (i >= n() || t_[i].type != TokType::word || !r_.may_be_month(t_[i].key)) return 0;
    auto it = r_.months.find(w(i));
    return it == r_.months.end() ? 0 : it->second;
  };
  auto end_with_year_word = [&](int i) {
    int k = after_year_word(i);
    return k < 0 ? i : k;
  };
  // "1 lipca", "30 czerwca": a day number before a month.
  auto day_of_month = [&](int i) {
    return is_num(i) && t_[i].plain && t_[i].value >= 1 && t_[i].value <= 31 &&
           t_[i].e - t_[i].b <= 2 && t_[i].time < 0;
  };
  // "15.05.2023", "31.12.2023": a date the [ignore] patterns masked; its year, or 0.
  auto dotted_date_year = [&](int i) {
    if (t_[i].type != TokType::mask) return 0;
    std::string_view d = s_.substr(t_[i].b, t_[i].e - t_[i].b);
    std::size_t day = digit_run(d, 0);
    if (day < 1 || day > 2 || day >= d.size() || (d[day] != '.' && d[day] != '/')) return 0;
    std::size_t mon = digit_run(d, day + 1);
    std::size_t at = day + 1 + mon;
    if (mon < 1 || mon > 2 || at >= d.size() || d[at] != d[day] || digit_run(d, at + 1) != 4 ||
        at + 5 != d.size())
      return 0;
    const int y = std::atoi(std::string(d.substr(at + 1)).c_str());
    return y >= r_.year_min && y <= r_.year_max ? y : 0;
  };
  for (int i = 0; i < n(); ++i) {
    if (t_[i].time >= 0) continue;
    // "W dniu 15.05.2023 r. …", "(stan na 31.12.2023)": the date's year dates its sentence,
    // as "15 maja 2023 r." does; not a document's ("uchwałą z dnia 28.03.2019 r.") nor a
    // boundary ("od 01.07.2023 r.").
    if (const int y = dotted_date_year(i)) {
      int last = end_with_year_word(i);
      int k = add_time(i, last, i);
      times_[k].year = y;
      int before = i - 1;
      if (is_punct(before, '.')) --before;
      if (w(before) == "dnia" || w(before) == "dn") --before;
      times_[k].boundary = r_.boundary_prepositions.contains(w(i - 1)) ||
                           ((w(before) == "z" || w(before) == "ze") &&
                            r_.document_nouns.contains(w(before - 1)));
      i = last;
      continue;
    }
    const int month = t_[i].type == TokType::word && r_.may_be_month(t_[i].key) ? month_of(i) : 0;
    // Every pattern below starts at a month, a year (token i) or a year part before a year
    // (token i + 1, or i + 2 after an abbreviation's stop: "III kw. 2023"): most tokens are
    // none of these and are passed over here.
    if (!month && !is_num(i) && !is_num(i + 1) && !(is_punct(i + 1, '.') && is_num(i + 2)))
      continue;
    // "od stycznia [2008 r.] do czerwca 2009 r.", with days: "od 1 lipca 2023 r. do 30
    // czerwca 2024 r."
    const int open = !month                                              ? -1
                     : (w(i - 1) == "od" || w(i - 1) == "z")             ? i - 1
                     : day_of_month(i - 1) && (w(i - 2) == "od" || w(i - 2) == "z") ? i - 2
                                                                        : -1;
    if (open >= 0) {
      int m1 = month, j = i + 1;
      std::optional<int> y1;
      if (year_candidate(j)) {
        y1 = static_cast<int>(t_[j].value);
        j = end_with_year_word(j) + 1;
      }
      const int to = day_of_month(j + 1) && month_of(j + 2) ? j + 2 : j + 1;
      if ((w(j) == "do" || w(j) == "po") && month_of(to) && year_candidate(to + 1)) {
        int m2 = month_of(to), y2 = static_cast<int>(t_[to + 1].value);
        int last = end_with_year_word(to + 1);
        int k = add_time(open, last, to + 1);
        times_[k].period = {std::to_string(y1.value_or(y2)) + "-" + two(m1),
                            std::to_string(y2) + "-" + two(m2)};
        if (!y1 || *y1 == y2) times_[k].year = y2;
        i = last;
        continue;
      }
    }
    // "w pierwszym półroczu 2009 r.", "w I kwartale 2010", "w III kw. 2023 r." (an
    // abbreviated part, its stop between it and the year)
    const int part_year = is_punct(i + 1, '.') && year_candidate(i + 2) ? i + 2 : i + 1;
    if (auto part = year_candidate(part_year) ? r_.year_parts.find(w(i)) : r_.year_parts.end();
        part != r_.year_parts.end()) {
      auto ord = r_.part_ordinals.find(w(i - 1));
      // "w 3 kwartale 2023 r.", "w 2 półroczu 2022": a plain number no greater than the parts
      // of a year is the part's ordinal, not a count of parts.
      int arabic = 0;
      if (ord == r_.part_ordinals.end() && is_num(i - 1) && t_[i - 1].plain &&
          t_[i - 1].value >= 1 && t_[i - 1].value * part->second <= 12 &&
          t_[i - 1].value == static_cast<int>(t_[i - 1].value))
        arabic = static_cast<int>(t_[i - 1].value);
      // "I–III kwartał 2023 r.": a run of parts, from the first ordinal's
      auto ord_from = ord != r_.part_ordinals.end() && is_dash(i - 2)
                          ? r_.part_ordinals.find(w(i - 3))
                          : r_.part_ordinals.end();
      if (ord_from != r_.part_ordinals.end() && ord_from->second > ord->second)
        ord_from = r_.part_ordinals.end();
      int y = static_cast<int>(t_[part_year].value);
      int last = end_with_year_word(part_year);
      int first = ord_from != r_.part_ordinals.end()              ? i - 3
                  : ord != r_.part_ordinals.end() || arabic > 0 ? i - 1
                                                                 : i;
      int k = add_time(first, last, part_year);
      times_[k].year = y;
      if (ord != r_.part_ordinals.end() || arabic > 0) {
        const int to = arabic > 0 ? arabic : ord->second;
        const int from = ord_from != r_.part_ordinals.end() ? ord_from->second : to;
        int m1 = (from - 1) * part->second + 1, m2 = to * part->second;
        if (m2 <= 12)
          times_[k].period = {std::to_string(y) + "-" + two(m1), std::to_string(y) + "-" + two(m2)};
      }
      i = last;
      continue;
    }
    // "10 grudnia 2023", "w styczniu 2009 r."
    if (month) {
      int first = i, m = month;
      if (is_num(i - 1) && t_[i - 1].plain && t_[i - 1].value >= 1 && t_[i - 1].value <= 31 &&
          t_[i - 1].time < 0) {
        first = i - 1;
        // The first day of a range of days: "14–15 maja", "w nocy z 14 na 15 lutego".
        if ((is_dash(i - 2) || w(i - 2) == "na") && day_of_month(i - 3) &&
            t_[i - 3].value < t_[i - 1].value)
          first = i - 3;
      }
      int last = i;
      std::optional<int> y;
      if (year_candidate(i + 1)) {
        y = static_cast<int>(t_[i + 1].value);
        last = end_with_year_word(i + 1);
      }
      int k = add_time(first, last, y ? i + 1 : i);
      times_[k].year = y;
      // "ustawy z dnia 9 czerwca 2011 r.": the date of a document dates nothing else.
      int before = first - 1;
      if (is_punct(before, '.')) --before;
      if (w(before) == "dnia" || w(before) == "dn") --before;
      times_[k].boundary = (w(before) == "z" || w(before) == "ze") &&
                           r_.document_nouns.contains(w(before - 1));
      if (y && first == i)
        times_[k].period = {std::to_string(*y) + "-" + two(m), std::to_string(*y) + "-" + two(m)};
      // "Od stycznia 2024 r. kryterium wynosi 776 zł": from that month on, not in it.
      if (y && w(first - 1) == "od" && !times_[k].boundary) {
        times_[k].open = true;
        times_[k].period = {std::to_string(*y) + "-" + two(m), std::string()};
      }
      i = last;
      continue;
    }
    if (!year_candidate(i)) continue;
    // A school or academic year: "w roku szkolnym 2011/2012" — a period of two years, no span.
    if (is_punct(i + 1, '/') && year_candidate(i + 2) && !t_[i + 2].space_before &&
        t_[i + 2].value == t_[i].value + 1) {
      int last = end_with_year_word(i + 2);
      // With its words before it ("w roku szkolnym", "roku akademickiego"): the time a change's
      // end is written with ("z 288 w roku szkolnym 2018/2019 do 341 w roku …").
      int first = i;
      if (r_.year_words.contains(w(i - 2)) && t_[i - 1].type == TokType::word) first = i - 2;
      else if (r_.year_words.contains(w(i - 1))) first = i - 1;
      if (first < i && r_.time_prepositions.contains(w(first - 1))) --first;
      int k = add_time(first, last, i);
      times_[k].period = {std::to_string(static_cast<int>(t_[i].value)),
                          std::to_string(static_cast<int>(t_[i + 2].value))};
      i = last;
      continue;
    }
    // A span: 2007-2009, 2006–2014, "od 2001 do 2005 roku".
    int second = -1;
    if (is_dash(i + 1) && year_candidate(i + 2)) second = i + 2;
    else if (w(i - 1) == "od" && w(i + 1) == "do" && year_candidate(i + 2)) second = i + 2;
    else if (r_.year_words.contains(w(i + 1)) && w(i - 1) == "od") {
      int k = end_with_year_word(i) + 1;
      if (w(k) == "do" && year_candidate(k + 1)) second = k + 1;
    }
    if (second > 0 && t_[second].value >= t_[i].value) {
      int last = end_with_year_word(second);
      int first = r_.span_words.contains(w(i - 1)) || w(i - 1) == "od" ? i - 1 : i;
      int k = add_time(first, last, i);
      times_[k].span = true;
      times_[k].span_from = static_cast<int>(t_[i].value);
      times_[k].span_to = static_cast<int>(t_[second].value);
      times_[k].period = {std::to_string(times_[k].span_from), std::to_string(times_[k].span_to)};
      // "Regionalny Program Operacyjny … na lata 2014–2020": the span in a funding programme's
      // name ([span_name_words] before it) is no period of the page's figures, nor an item.
      // ("EFS+ 2021–2027": a name's '+' is passed over)
      // (and the quotes around a name: "Program Wieloletni „Senior+” na lata 2021–2025")
      for (int b = first - 1; b >= 0 && (t_[b].type == TokType::word || is_punct(b, '+') || quote_at(b)) &&
                              t_[b].sentence == t_[i].sentence;
           --b)
        if (r_.span_name_words.contains(w(b))) {
          times_[k].boundary = true;
          break;
        }
      i = last;
      continue;
    }
    // A single year: with a year word after, or a time preposition before, or alone.
    bool followed_by_unit = r_.currency.contains(w(i + 1)) || r_.percent.contains(w(i + 1)) ||
                            is_punct(i + 1, '%') || t_[i].glued || t_[i].scaled;
    if (followed_by_unit) continue;
    int yw = after_year_word(i);
    bool prep = r_.time_prepositions.contains(w(i - 1));
    bool noun_after = t_[i].glued || (!w(i + 1).empty() && !r_.stop_words.contains(w(i + 1)) &&
                                      !t_[i + 1].upper_first);
    bool year_word_before = r_.year_words.contains(w(i - 1));  // "w roku 2010"
    bool bracketed = is_punct(i - 1, '(') && is_punct(i + 1, ')');  // "ze 150 (2017) do …"
    // A year labelling the number after it at the head of a list item: "Liczba porad: 2019 –
    // 340; 2020 – 410", "312 dzieci (2022: 290)". The dash must stand apart ("2000–2500 zł"
    // is a range), and the year be a recent one.
    // After an arrow too: "Liczba rodzin: 2021 – 40 → 2022 – 55".
    // Or after a list item's bullet: "• 2022: 38 osób", "- 2021 – 612 430 zł".
    const bool item_head = i == 0 || is_punct(i - 1, ':') || is_punct(i - 1, ';') ||
                           is_punct(i - 1, ',') || is_punct(i - 1, '(') ||
                           t_[i - 1].sentence != t_[i].sentence || arrow_before(i) ||
                           (i <= 2 && bullet_at(i - 1) && (i == 1 || bullet_at(0)));
    const bool label = item_head && t_[i].value >= r_.bare_year_min &&
                       t_[i].value <= r_.bare_year_max && is_num(i + 2) &&
                       (is_punct(i + 1, ':') || (is_dash(i + 1) && t_[i + 1].space_before &&
                                                 t_[i + 2].space_before));
    // A recent year right after the word that opens its sentence (after a slide's number):
    // "Finansowanie 2024 środki z budżetu państwa: 80%", a heading run into its text, names
    // the time, not 2024 of the noun after it. Not after a verb ("Wydano 2024 posiłki"), a
    // qualifier ("Ponad 2000 osób"), a preposition ("Dla 2000 osób") or a [year_label_not_after]
    // adverb ("Łącznie 2010 osób").
    auto opening_year = [&] {
      if (!t_[i].plain || t_[i].value < r_.bare_year_min || t_[i].value > r_.bare_year_max ||
          i < 1 || t_[i - 1].type != TokType::word || !t_[i - 1].upper_first ||
          t_[i - 1].sentence != t_[i].sentence)
        return false;
      if (i > 1 && t_[i - 2].sentence == t_[i].sentence && !(i == 2 && is_num(0) && excluded(0)))
        return false;
      const std::string_view opener = w(i - 1);
      if (r_.year_label_not_after.contains(opener) || r_.stop_words.contains(opener) ||
          r_.prepositions.contains(opener) || !qualifier_before(i, nullptr).empty())
        return false;
      if (!r_.past_endings_not.contains(opener))
        for (const auto& e : r_.past_endings)
          if (opener.size() > e.size() + 2 && opener.ends_with(e)) return false;
      return true;
    };
    const bool opening = noun_after && !prep && opening_year();
    if (yw >= 0 || year_word_before || (prep && !noun_after) || bracketed || label || opening) {
      int last = yw >= 0 ? yw : label ? i + 1 : i;
      int k = add_time(prep ? i - 1 : i, last, i);
      times_[k].year = static_cast<int>(t_[i].value);
      // "od 2001 roku", "do 2022 roku" bound a period; they do not date the counts near them.
      // Nor does the base of a comparison: "… wyższe o 0,6 mln zł niż w 2010 r.", "W porównaniu
      // z 2009 r. liczba rodzin wzrosła o 115" (before the year a preposition or year word).
      times_[k].boundary = r_.boundary_prepositions.contains(w(i - 1));
      // "Od 2019 r. wydano 1 268 kart": opening its sentence, it is the sentence's period, open
      // at the end. Elsewhere ("klub działa od 2010 r. i …") it belongs to its own verb.
      // So is an insertion of a participle naming the programme's start: "W ramach programu,
      // prowadzonego od 2016 roku, przeszkolono 230 opiekunów".
      auto participle_insertion = [&] {
        if (i < 3 || !is_punct(i - 3, ',') || !is_punct(last + 1, ',')) return false;
        std::string_view participle = w(i - 2);
        return std::any_of(r_.since_participle_endings.begin(), r_.since_participle_endings.end(),
                           [&](const std::string& e) {
                             return participle.size() > e.size() + 3 && participle.ends_with(e);
                           });
      };
      if (w(i - 1) == "od" &&
          (i - 1 == 0 || t_[i - 2].sentence != t_[i - 1].sentence || participle_insertion())) {
        times_[k].open = true;
        times_[k].period = {std::to_string(static_cast<int>(t_[i].value)), std::string()};
      }
      // A clause about the base year after it is dated by it: "… w porównaniu z rokiem 2021,
      // kiedy złożono 47 wniosków".
      const bool dates_clause = is_punct(last + 1, ',') && r_.when_words.contains(w(last + 2));
      for (int end = i; !times_[k].boundary && !dates_clause && end >= i - 1; --end) {
        if (end < i && !r_.time_prepositions.contains(w(end)) && !r_.year_words.contains(w(end)))
          break;
        if (comparison_base_before(end)) times_[k].boundary = true;
      }
      i = last;
    }
  }
  // "Program realizujemy od 2016 r. W tym czasie opaski otrzymało 412 seniorów", "… od 2012 r.
  // i od tego czasu skorzystało z niej ponad 500 rodzin": the phrase points back to the last
  // time of the line, in its sentence or the one before. "since" opens a period at its start,
  // "during" is that time itself ("od 2016 r." read there as from 2016 on).
  const int times_before = static_cast<int>(times_.size());
  for (int i = 0; i < n() && (times_before > 0 || page_year_ || prev_tail_year_) &&
                  !r_.anaphoric_times.empty();
       ++i) {
    if (t_[i].type != TokType::word || t_[i].time >= 0 ||
        !QuantityRules::Impl::pair_in(r_.anaphoric_first_pair, t_[i].key))
      continue;
    const std::string_view first_word = w(i);
    // The phrases that start with this word, in grammar order: looked up by the word (fast
    // path), or all of them, each compared by its first word.
    const std::vector<std::size_t>* starting = nullptr;
    if (fast_paths()) {
      const auto it = r_.anaphoric_by_first.find(first_word);
      if (it == r_.anaphoric_by_first.end()) continue;
      starting = &it->second;
    }
    const std::size_t phrases = starting ? starting->size() : r_.anaphoric_times.size();
    for (std::size_t p = 0; p < phrases; ++p) {
      const auto& [words, kind] = r_.anaphoric_times[starting ? (*starting)[p] : p];
      if (words.empty() || first_word != words.front()) continue;
      int last = i + static_cast<int>(words.size()) - 1;
      if (last >= n()) continue;
      // Unless a stop ends it (phrase_before then reads it one token earlier), the phrase's
      // second word is the next token: most phrases fail there (fast path).
      if (starting && words.size() > 1 && !is_punct(last, '.') && w(i + 1) != words[1]) continue;
      if (!phrase_before(last + 1, words)) continue;
      // "w roku sprawozdawczym": the year of the page's report, when it names one.
      if (kind == "report") {
        if (!page_year_) break;
        const int k = add_time(i, last, i);
        times_[k].year = *page_year_;
        i = last;
        break;
      }
      const TimeExpr* ref = nullptr;
      for (int k = times_before - 1; k >= 0 && !ref; --k)
        if (times_[k].last < i && (times_[k].year || times_[k].period)) ref = &times_[k];
      // With no time before it in the line, "rok wcześniej" on a page of a report for one year
      // ("Sprawozdanie … za 2022 rok") is the year before the report's.
      // Or, opening a paragraph, before the single year that ended the paragraph before.
      const bool opens_line = t_[i].sentence == t_[0].sentence;
      if (!ref && kind == "previous" && ((opens_line && prev_tail_year_) || page_year_)) {
        const int year = opens_line && prev_tail_year_ ? *prev_tail_year_ : *page_year_;
        const int k = add_time(i, last, i);
        times_[k].year = year - 1;
        // "objęto 156 osób, o 18 więcej niż w roku poprzednim": the base of a comparison, not
        // the time of the sentence's figures (as "niż w 2022 r." is).
        times_[k].boundary = comparison_base_before(i);
        i = last;
        break;
      }
      if (!ref || ref->sentence < t_[i].sentence - 1) break;
      // "Pobyt trwa do 18 miesięcy; w tym czasie …": a stretch of time counted between the time
      // and the phrase is what the phrase points back to, not the time.
      if (kind == "during") {
        bool stretch = false;
        for (int k = ref->last + 1; k < i && !stretch; ++k)
          stretch = is_num(k) && t_[k].time < 0 && r_.duration_units.contains(unit_after(k, nullptr));
        if (stretch) break;
      }
      // "W 2023 r. wydano 1 024 decyzje wobec 998 w roku poprzednim": the year before the
      // one named, when one year was named.
      if (kind == "previous") {
        if (!ref->year || ref->period || ref->open) break;
        const int year = *ref->year - 1;  // read before add_time moves the times
        int k = add_time(i, last, i);
        times_[k].year = year;
        times_[k].boundary = comparison_base_before(i);
        i = last;
        break;
      }
      // "od 2016 r." is from then on; "od stycznia do czerwca 2020 r." is a whole period.
      const bool closed = ref->period && !ref->period->second.empty();
      const bool from_on =
          ref->open || (!closed && (w(ref->first) == "od" || w(ref->first - 1) == "od"));
      std::string start = ref->period ? ref->period->first : std::to_string(*ref->year);
      std::optional<int> year = ref->year;
      std::optional<std::pair<std::string, std::string>> period = ref->period;
      const bool open = kind == "since" || from_on;
      if (open) period = std::make_pair(std::move(start), std::string());
      int k = add_time(i, last, i);
      times_[k].year = year;
      times_[k].period = std::move(period);
      times_[k].open = open;
      i = last;
      break;
    }
  }
}

// The single year the line's last sentence is about, for the next line's "rok wcześniej".
void LineParser::note_tail_year() {
  tail_year_.reset();
  if (n() == 0) return;
  for (const TimeExpr& te : times_)
    if (te.sentence == t_[n() - 1].sentence && te.year && !te.period && !te.open && !te.boundary &&
        !te.span) {
      if (tail_year_ && *tail_year_ != *te.year) {
        tail_year_.reset();
        return;
      }
      tail_year_ = te.year;
    }
}

bool LineParser::excluded(int i) const {
  const Tok& t = t_[i];
  if (t.section || t.glued_before || t.time >= 0) return true;
  if (t.glued && !(r_.currency.contains(w(i + 1)) || r_.percent.contains(w(i + 1)) ||
                   r_.scale.contains(w(i + 1))))
    return true;
  // 15-latków, 3-osobowy: a number fused with a word is part of an adjective.
  if (is_dash(i + 1) && !t_[i + 1].space_before && i + 2 < n() && t_[i + 2].type == TokType::word &&
      !t_[i + 2].space_before)
    return true;
  // An enumerator: "1." or "2)" at the start of a line or sentence, or after ':' / ';'. It is
  // a short plain number ("Łączna liczba świadczeń: 15 678." is a value), and after ':'
  // something follows it ("Liczba rodzin: 12." ends with the value).
  if (!t.from_words && t.plain && t.e - t.b <= 2 && (is_punct(i + 1, '.') || is_punct(i + 1, ')')) &&
      !t_[i + 1].space_before && !(is_punct(i - 1, ':') && i + 2 >= n())) {
    // Not after the stop of "r." or "ok.": "wyniosła 1 032 (w 2022 r. 987)" is a number.
    const bool stop_of_word = is_punct(i - 1, '.') &&
                              ((r_.year_words.contains(w(i - 2)) && is_num(i - 3)) ||
                               abbreviation_before(i - 1));
    bool opens = i == 0 || t_[i - 1].sentence != t.sentence ||
                 (is_punct(i - 1, ':') && t_[i - 1].time < 0) ||  // not "(2022: 290)"
                 is_punct(i - 1, ';') || (is_punct(i - 1, '.') && !stop_of_word) ||
                 is_punct(i - 1, 0x2022) ||
                 // "(1) …" opening a list item, not "choroba (176), bezradność (49)."
                 (is_punct(i - 1, '(') && (i == 1 || t_[i - 2].type == TokType::punct ||
                                           t_[i - 2].sentence != t_[i - 1].sentence));
    if (opens && (i + 2 >= n() || t_[i + 2].upper_first || !t_[i + 2].space_before)) return true;
    // A list run on in one line ("Cele: 1. Zwiększenie liczby rodzin 2. Szkolenia …"): "2."
    // before a capital, after "1." before one earlier in the line.
    if (t.value >= 2 && is_punct(i + 1, '.') && i + 2 < n() && t_[i + 2].upper_first)
      for (int k = i - 1; k >= 0; --k)
        if (t_[k].type == TokType::num && t_[k].plain && t_[k].value == t.value - 1 &&
            is_punct(k + 1, '.') && !t_[k + 1].space_before && k + 2 < n() && t_[k + 2].upper_first)
          return true;
  }
  // A slide or heading number: the first token of the line before a capitalised word.
  if (i == 0 && !t.from_words && i + 1 < n() && t_[i + 1].upper_first) return true;
  // "§ 8": a paragraph of a legal act.
  if (is_punct(i - 1, 0xA7)) return true;
  // A reference: "art. 12", "nr 5", "ul. Płocka 39" (capitalised street words in between).
  auto reference = [&](int at) {
    for (int k = at - 1, names = 0; k >= 0 && names < 4; --k) {
      if (is_punct(k, '.')) continue;
      if (t_[k].type != TokType::word) break;
      if (r_.reference_words.contains(w(k))) return true;
      if (!t_[k].upper_first) break;
      ++names;
    }
    return false;
  };
  if (reference(i)) return true;
  // and the numbers listed after one: "art. 13 ust. 1 i 2", "pkt 3, 4 oraz 5"
  for (int k = i; k >= 2 && is_num(k - 2) && t_[k - 2].plain &&
                  (r_.list_joiners.contains(w(k - 1)) || is_punct(k - 1, ','));
       k -= 2)
    if (reference(k - 2)) return true;
  return false;
}

std::string LineParser::lemma_of(int i) const {
  std::string_view word = w(i);
  if (auto it = r_.unit_lemma.find(word); it != r_.unit_lemma.end()) return it->second;
  if (!r_.lemmatizer) return std::string(word);
  {
    std::shared_lock lock(r_.lemma_mutex);
    if (auto it = r_.lemma_cache.find(word); it != r_.lemma_cache.end()) return it->second;
  }
  std::string lemma = lookup_lemma(word);
  std::unique_lock lock(r_.lemma_mutex);
  if (r_.lemma_cache.size() < 200000) r_.lemma_cache.emplace(word, lemma);
  return lemma;
}

// Called once per distinct word (lemma_of caches the answer), so the extra dictionary
// lookups below cost nothing on the hot path.
std::string LineParser::lookup_lemma(std::string_view word) const {
  auto stems = r_.lemmatizer->stems(word);
  // An infinitive ends in "ć"; a noun of the -ość class ("miejscowość", "wartość") does too,
  // and no verb ends so.
  auto infinitive = [](const std::string& s) { return s.ends_with("ć") && !s.ends_with("ość"); };
  // A feminine noun the dictionary lacks, made from a masculine one it knows ("48
  // beneficjentek", "beneficjentkom": beneficjent → beneficjentka).
  if (stems.empty())
    for (const auto& ending : r_.feminine_endings) {
      if (!word.ends_with(ending) || word.size() < ending.size() + 4) continue;
      std::string base(word.substr(0, word.size() - ending.size()));
      auto of_base = r_.lemmatizer->stems(base);
      if (std::find(of_base.begin(), of_base.end(), base) != of_base.end()) return base + "ka";
    }
  // A verb after a number ("68 znalazło") is not what is counted: its stems are infinitives.
  if (!stems.empty() && std::all_of(stems.begin(), stems.end(), infinitive)) return {};
  // Nor is a verb in the present tense whose form is also a noun's ("Wśród seniorów 40
  // mieszka samotnie": mieszkać, and mieszek): the third person of an -ać verb is its
  // infinitive without the "ć"; a noun after a number is seldom such a form.
  // Only "-a": "12 tłumaczy", "80 gości" are nouns beside tłumaczyć, gościć.
  auto finite_of = [&](const std::string& s) {
    return word.size() >= 3 && word.back() == 'a' && s.size() == word.size() + 2 && infinitive(s) &&
           std::string_view(s).substr(0, word.size()) == word;
  };
  if (std::any_of(stems.begin(), stems.end(), finite_of)) return {};
  // Nor is an adverb ("czterech ponownie objęto"), an adjective's other form ("nowa") or a
  // past verb whose only stem is its participle ("rosła" → rosły): every stem is an adjective
  // made from the written form, its -ie, -o, -a or -e for the adjective's -y or -i.
  auto adverb_of = [&](const std::string& s) {
    for (std::string_view tail : {std::string_view("ie"), std::string_view("o"),
                                  std::string_view("a"), std::string_view("e")}) {
      if (!word.ends_with(tail) || word.size() <= tail.size() + 1) continue;
      std::string_view stem = word.substr(0, word.size() - tail.size());
      if (s.size() == stem.size() + 1 && s.starts_with(stem) && (s.back() == 'y' || s.back() == 'i'))
        return true;
    }
    return false;
  };
  if (!stems.empty() && std::all_of(stems.begin(), stems.end(), adverb_of)) return {};
  // A verb's past form ("wzrosła", "rosła") has its infinitive among the stems and an
  // adjective (the participle "wzrosły") beside it: not a noun either.
  if (std::any_of(stems.begin(), stems.end(), infinitive) &&
      std::all_of(stems.begin(), stems.end(), [&](const std::string& s) {
        return infinitive(s) || s == word || s.ends_with("y") || s.ends_with("i");
      }))
    return {};
  // The candidates: lower-case stems that are not infinitives ("domów": domówić, dom).
  std::vector<std::string> nouns;
  for (auto& s : stems)
    if (!infinitive(s) && to_lower(s) == s) nouns.push_back(std::move(s));
  if (nouns.empty()) return r_.lemmatizer->noun_lemma(word);
  if (nouns.size() == 1) return nouns[0];
  // Hunspell lists every entry the form belongs to, and some entries are themselves forms of
  // another: the written form ("wychowawców", "ton" → wychowawców, wychowawca; ton, tona), a
  // plurale tantum beside its singular ("rodziców" → rodzice, rodzic). After a number a
  // noun is rarely in the nominative singular, so the lemma is the first candidate that is
  // not a form of another candidate.
  for (const auto& x : nouns) {
    auto of_x = r_.lemmatizer->stems(x);
    bool form_of_other = std::any_of(of_x.begin(), of_x.end(), [&](const std::string& y) {
      return y != x && std::find(nouns.begin(), nouns.end(), y) != nouns.end();
    });
    if (!form_of_other) return x;
  }
  return nouns[0];
}

// The counted noun after token i: adjectives and participles are skipped ("125 nowych rodzin").
std::string LineParser::unit_after(int i, int* end) const {
  int j = i + 1;
  for (int skipped = 0; skipped < 3; ++skipped) {
    std::string_view word = w(j);
    if (word.empty() || r_.unit_lemma.contains(word)) break;
    // An adverb of degree before the adjective ("40 najbardziej potrzebujących rodzin",
    // "12 długotrwale bezrobotnych") goes with it.
    if (r_.degree_adverbs.contains(word) && j + 1 < n() && t_[j + 1].type == TokType::word) {
      ++j;
      continue;
    }
    bool adjective = std::any_of(r_.adjective_suffixes.begin(), r_.adjective_suffixes.end(),
                                 [&](const std::string& suf) { return word.ends_with(suf); });
    if (!adjective || r_.stop_words.contains(word)) break;
    ++j;
  }
  auto noun_at = [&](int k) {
    std::string_view word = w(k);
    // A capitalised head of a count ("… 139 146 Liczba dzieci …") opens the next label of a
    // table flowed into one line: it is not the number's noun.
    return !(word.empty() || t_[k].all_upper || r_.stop_words.contains(word) || r_.per.contains(word) ||
             (t_[k].upper_first && r_.unit_heads.contains(word)) ||
             r_.degree_adverbs.contains(word) ||
             r_.comparatives.contains(word) ||
             (r_.year_words.contains(word) && !r_.unit_lemma.contains(word)) ||
             r_.months.contains(word) || word.size() < 2);
  };
  if (!noun_at(j)) {
    // "troje dorosłych i pięcioro dzieci", "12 potrzebujących": an adjective with no noun
    // after it is the noun; not a determiner ("przyjęto 5 innych", "12 kolejnych,").
    if (j == i + 1 || !noun_at(j - 1) || r_.adjectives_not_nouns.contains(w(j - 1)) ||
        r_.degree_adverbs.contains(w(j - 1)))
      return {};
    --j;
    // A participle ("Wśród obdarowanych 31 …") has only its verb as a stem: the adjective's
    // nominative from its ending.
    if (std::string lemma = lemma_of(j); !lemma.empty()) {
      if (end) *end = j;
      return lemma;
    }
    for (const auto& [ending, nominative] : r_.adjective_nominative)
      if (std::string_view word = w(j); word.ends_with(ending) && word.size() > ending.size() + 2) {
        if (end) *end = j;
        return std::string(word.substr(0, word.size() - ending.size())) + nominative;
      }
    return {};
  }
  std::string lemma = lemma_of(j);
  if (!lemma.empty() && end) *end = j;
  return lemma;
}

// A unit of [unit_phrases] starting at token j ("punktów procentowych", "p.p.", "pkt proc."):
// its lemma, *end its last word; a stop glued to a word before the next one is passed over.
const std::string* LineParser::unit_phrase_at(int j, int* end) const {
  if (r_.unit_phrases.empty() || j >= n() || t_[j].type != TokType::word) return nullptr;
  for (const auto& [words, lemma] : r_.unit_phrases) {
    int k = j;
    bool ok = true;
    for (std::size_t m = 0; m < words.size() && ok; ++m) {
      if (m > 0 && is_punct(k, '.') && !t_[k].space_before) ++k;
      ok = w(k) == words[m];
      ++k;
    }
    if (ok) {
      *end = k - 1;
      return &lemma;
    }
  }
  return nullptr;
}

// A noun shared by a list of numbers: "dla 68, 410 i 328 osób" counts osoby three times.
std::string LineParser::shared_unit(int last) const {
  int j = last + 1;
  while (j < n()) {
    bool joiner = is_punct(j, ',') || r_.list_joiners.contains(w(j));
    if (!joiner) return {};
    while (j < n() && (is_punct(j, ',') || r_.list_joiners.contains(w(j)))) ++j;
    if (!is_num(j) || t_[j].time >= 0) return {};
    int end = j;
    std::string unit = unit_after(j, &end);
    if (!unit.empty()) return unit;
    j = j + 1;
  }
  return {};
}

// A unit named earlier in the sentence: "Liczba udzielonych konsultacji wzrosła ze 187 …".
std::string LineParser::clause_unit(int i) const {
  for (int k = i - 1; k >= 0 && t_[k].sentence == t_[i].sentence; --k)
    if (r_.unit_heads.contains(w(k))) return unit_after(k, nullptr);
  return {};
}

// A [change_heads] noun before token i in its clause ("Liczba uczestników: ze 120 do 340 osób"):
// not across ';' nor a comma opening a new clause (", a …").
bool LineParser::change_head_before(int i) const {
  for (int k = i - 1; k >= 0 && t_[k].sentence == t_[i].sentence; --k) {
    if (is_punct(k, ';') || (is_punct(k, ',') && r_.clause_joiners.contains(w(k + 1)))) return false;
    if (r_.change_heads.contains(w(k))) return true;
  }
  return false;
}

bool LineParser::phrase_before(int i, const std::vector<std::string>& words) const {
  int k = i - 1;
  if (is_punct(k, '.')) --k;
  for (int m = static_cast<int>(words.size()) - 1; m >= 0; --m, --k)
    if (w(k) != words[m]) return false;
  return true;
}

// Does a [comparison_bases] phrase end right before token i ("niż w 2010 r.", "(wobec 35 …)")?
// The word where each phrase would end is looked up in their last words first (fast path).
bool LineParser::comparison_base_before(int i) const {
  if (fast_paths()) {
    int k = i - 1;
    if (is_punct(k, '.')) --k;
    if (!r_.comparison_last.contains(w(k))) return false;
  }
  return std::any_of(r_.comparison_bases.begin(), r_.comparison_bases.end(),
                     [&](const auto& phrase) { return phrase_before(i, phrase); });
}

// Is the "do" at token `at` before the number at `i` the preposition of a verb of motion or
// transfer in its clause ("do 4 rodzin wróciły dzieci", "skierowano do 3 placówek")? Not
// before money or a percentage ("przekazano do 5 000 zł" is at most that), nor the "do" of
// "z/od X do Y".
bool LineParser::motion_do(int at, int i) const {
  if (r_.motion_verbs.empty() || is_num(at - 1) || is_num(at - 2)) return false;
  const std::string_view after = w(i + 1);
  if (r_.currency.contains(after) || r_.scale.contains(after) || r_.percent.contains(after) ||
      is_punct(i + 1, '%'))
    return false;
  // The verb stands next to the phrase: right before the "do" or right after the count's
  // noun, a word or two away ("Skierowanie do mieszkania … na okres do 12 miesięcy" is none).
  // Not a verbal noun ("skierowanie", "przekazania").
  auto verb = [&](int k) {
    const std::string_view word = w(k);
    for (std::string_view noun : {"nie", "nia", "niu", "niem", "niach", "ń"})
      if (word.ends_with(noun)) return false;
    for (const std::string& stem : r_.motion_verbs)
      if (word.starts_with(stem)) return true;
    return false;
  };
  auto bound = [&](int k) {
    return t_[k].sentence != t_[i].sentence || is_punct(k, ',') || is_punct(k, ';') ||
           is_punct(k, ':');
  };
  constexpr int kReach = 3;
  for (int k = at - 1; k >= 0 && k >= at - kReach && !bound(k); --k)
    if (verb(k)) return true;
  for (int k = i + 1; k < n() && k <= i + kReach + 1 && !bound(k); ++k)
    if (verb(k)) return true;
  return false;
}

std::string LineParser::qualifier_before(int i, int* start) const {
  // Every qualifier ends with a word right before the number (or its stop).
  const int end = is_punct(i - 1, '.') ? i - 2 : i - 1;
  if (end < 0 || end >= n() || t_[end].type != TokType::word ||
      !QuantityRules::Impl::pair_in(r_.qualifier_last_pair, t_[end].key))
    return {};
  for (const auto& [words, q] : r_.qualifiers) {
    int k = i - 1;
    if (is_punct(k, '.')) --k;
    bool ok = true;
    for (int m = static_cast<int>(words.size()) - 1; m >= 0 && ok; --m, --k) ok = w(k) == words[m];
    if (ok) {
      // "Przez Dom przeszło 57 osób": after "przez" in its sentence the word is a verb
      if (auto verb = r_.qualifier_verbs.find(words.front()); verb != r_.qualifier_verbs.end())
        for (int b = k; b >= 0 && t_[b].sentence == t_[i].sentence; --b)
          if (w(b) == verb->second) return {};
      if (words.size() == 1 && words.front() == "do" && motion_do(k + 1, i)) return {};
      if (start) *start = k + 1;
      return q;
    }
  }
  return {};
}

// The direction of change in effect at token i: the nearest direction word before it in its
// sentence ("wzrosła z 38 do 61, a liczba dzieci zmalała o 35%": the 35% fell), else the first
// one after it in the sentence ("z 120 do 310 wzrosła").
// The direction of the [direction] word at token k, or null.
const std::string* LineParser::direction_at(int k) const {
  if (t_[k].type != TokType::word || !r_.may_start_direction(t_[k].key)) return nullptr;
  std::string_view word = w(k);
  for (std::uint8_t d : r_.direction_by_byte[static_cast<unsigned char>(word[0])])
    if (word.starts_with(r_.direction[d].first)) return &r_.direction[d].second;
  return nullptr;
}

const std::string& LineParser::sentence_direction(int i) const {
  static const std::string none;
  const int sentence = t_[i].sentence;
  // Most tokens are ruled out here, without a call (direction_at tests the same first).
  auto may_be = [&](int k) {
    return t_[k].type == TokType::word && r_.may_start_direction(t_[k].key);
  };
  for (int k = i; k >= 0 && t_[k].sentence == sentence; --k)
    if (may_be(k))
      if (const std::string* d = direction_at(k)) return *d;
  for (int k = i + 1; k < n() && t_[k].sentence == sentence; ++k)
    if (may_be(k))
      if (const std::string* d = direction_at(k)) return *d;
  return none;
}

// "2–3 tys. zł", "z 1,5 do 2 mln zł": a scale word written once, after the second number b,
// multiplies the first number a too; the factor for a, or 1. Not when a reads better alone:
// "z 1 250 w 2008 r. do 2,1 tys.", "od 800 do 1,2 tys. zł" — of the two readings the one whose
// ends are closer in size is taken.
bool LineParser::clause_between(int a, int b) const {
  if (a < 0 || b < 0) return false;
  for (int k = std::min(a, b); k < std::max(a, b); ++k)
    if (is_punct(k, ';') || (is_punct(k, ',') && r_.clause_joiners.contains(w(k + 1)))) return true;
  return false;
}

double LineParser::shared_factor(int a, int b) const {
  if (!t_[b].scaled || t_[a].scaled) return 1;
  const double f = t_[b].factor, x = t_[a].value, y = t_[b].value;
  if (x <= 0 || y <= 0) return f;
  auto spread = [](double p, double q) { return p > q ? p / q : q / p; };
  return spread(x * f, y) <= spread(x, y) ? f : 1;
}

// A rate phrase of [per_phrases] ("co roku", "w każdym roku") starting at token j, or (when
// `before`) ending at it; after a quantity also one of [per_phrases_after] ("w tygodniu").
const std::string* LineParser::per_phrase(int j, bool before) const {
  // The phrase's last word (before) or first word (after) is at j.
  if (j < 0 || j >= n() || t_[j].type != TokType::word ||
      !QuantityRules::Impl::pair_in(before ? r_.rate_before_pair : r_.per_first_pair, t_[j].key))
    return nullptr;
  auto match = [&](const std::vector<std::string>& words) {
    const int size = static_cast<int>(words.size());
    const int from = before ? j - size + 1 : j;
    if (from < 0) return false;
    for (int m = 0; m < size; ++m)
      if (w(from + m) != words[static_cast<std::size_t>(m)]) return false;
    return true;
  };
  for (const auto& [words, per] : r_.per_phrases)
    if (match(words)) return &per;
  if (!before)
    for (const auto& [words, per] : r_.per_phrases_after)
      if (match(words)) return &per;
  return nullptr;
}

// The time expression starting at token j, bare or in brackets ("12 (2015 r.)"); *end is its
// last token (the closing bracket when bracketed). Null when none starts there.
const TimeExpr* LineParser::time_at(int j, int* end) const {
  if (j >= n()) return nullptr;
  if (t_[j].time >= 0) {
    const TimeExpr& te = times_[t_[j].time];
    *end = te.last;
    return &te;
  }
  if (is_punct(j, '(') && j + 1 < n() && t_[j + 1].time >= 0) {
    const TimeExpr& te = times_[t_[j + 1].time];
    if (te.first == j + 1 && !te.span && is_punct(te.last + 1, ')')) {
      *end = te.last + 1;
      return &te;
    }
  }
  return nullptr;
}

// The time expression of the item at tokens i..last: one written right after it ("…, wobec
// 540 000 PLN w 2021 r.", "(wobec 35 w roku 2022)", "150 osób (2019 r.)"), else the nearest one before it in its
// sentence, else one after it.
const TimeExpr* LineParser::time_for(int i, int last) const {
  // A time right before another number, or before a colon or a dash and a number, dates that
  // number: "1 032 (w 2022 r. 987)", "wyniosła 1 024 (w 2022 r.: 998)", "40 (w 2019 r. – 35)".
  auto dates_next_number = [&](const TimeExpr& te) {
    return is_num(te.last + 1) ||
           ((is_dash(te.last + 1) || is_punct(te.last + 1, ':')) && is_num(te.last + 2));
  };
  for (int j = last + 1; j <= last + 2 && j < n(); ++j) {
    if (t_[j].time >= 0) {
      const TimeExpr& te = times_[t_[j].time];
      // Not one labelling the number after it: "40 (w 2019 r. – 35)".
      if (te.first == j && te.sentence == t_[i].sentence && (!te.boundary || te.open) &&
          !dates_next_number(te))
        return &te;
      break;
    }
    if (!r_.time_prepositions.contains(w(j)) && !is_punct(j, '(')) break;
  }
  // The year of a comparison's base ("(wobec 35 w roku 2022)", "niż 120 osób w 2022 r.") is
  // that base's only: the number before it follows a [comparison_bases] phrase.
  auto year_of_base = [&](const TimeExpr& te) {
    int k = te.first - 1;
    if (r_.time_prepositions.contains(w(k))) --k;
    for (int skipped = 0; skipped < 2 && k >= 0 && !is_num(k); ++skipped) --k;  // its unit
    // Not the base of a comparison in the sentence before ("… dłużej niż 5 lat. W 2022 r. …").
    if (!is_num(k) || t_[k].sentence != te.sentence) return false;
    return comparison_base_before(k);
  };
  // A time before the item in its sentence dates it across a ';' too ("W 2008 r. 40 rodzin;
  // 55 osób …", "otrzymali w 2020 r. pomoc …; pomocą objęto 14 wychowanków").
  const TimeExpr* best = nullptr;
  bool any_time = false;  // in the item's sentence
  for (const auto& te : times_) {
    // A month with no year ("mimo przerwy od marca do czerwca") is of the year in force: it
    // neither dates the item nor hides the sentence's year.
    if (te.sentence != t_[i].sentence || (!te.year && !te.period)) continue;
    any_time = true;
    if ((te.boundary && !te.open) || year_of_base(te)) continue;
    if (te.first < i) {
      best = &te;
    } else if (!best) {
      // A time right before another number is that number's: "1 032 (w 2022 r. 987)".
      if (dates_next_number(te)) continue;
      // A year after the number in another clause ("46 osób, a w 2011 roku już 132") is that
      // clause's, not this number's.
      int comma = -1;
      for (int k = last + 1; k < te.first; ++k) {
        if (is_punct(k, ';') || (is_punct(k, ',') && r_.clause_joiners.contains(w(k + 1))))
          return nullptr;
        if (is_punct(k, ',')) comma = k;
      }
      // A time opening a clause after a comma frames that clause: "zapisało się 214 seniorów,
      // w 2011 r. już 386" — 2011 is the 386's. Only such a clause with no figure of its own
      // lends its time to the figure before ("… 150 rodzinom, w tym 40 dzieciom, w 2011 r.").
      // A time inside a clause ("Asystenci, zatrudnieni na 7 etatach, pracowali w 2022 r. z
      // 96 rodzinami") is the whole sentence's.
      if (comma >= 0 && te.first == comma + 1)
        for (int k = comma + 1; k < n() && t_[k].sentence == te.sentence && !is_punct(k, ',') &&
                                !is_punct(k, ';');
             ++k)
          if (is_num(k) && t_[k].time < 0 && !excluded(k)) return nullptr;
      return &te;
    }
  }
  return best || any_time ? best : frame_before(t_[i].sentence);
}

// Does sentence `s` tell of past events: a word with a [past_endings] ending ("skorzystało",
// "wyniósł", "zorganizowano")? "Pobyt trwa do 18 miesięcy", "Koszt wynosi 96 000 zł rocznie"
// state a rule, which a time framing the paragraph does not date.
bool LineParser::past_sentence(int s) const {
  for (int k = 0; k < n(); ++k) {
    if (t_[k].sentence != s || t_[k].type != TokType::word) continue;
    const std::string_view word = w(k);
    if (r_.past_endings_not.contains(word)) continue;
    for (const auto& e : r_.past_endings)
      if (word.size() > e.size() + 2 && word.ends_with(e)) return true;
  }
  return false;
}

// Is token k a list item's bullet ("-", "*", "•", "·", "▪", "●", "◦", "►")?
bool LineParser::bullet_at(int k) const {
  return k >= 0 && k < n() && t_[k].type == TokType::punct &&
         (is_dash(k) || t_[k].cp == '*' || t_[k].cp == 0x2022 || t_[k].cp == 0x00B7 ||
          t_[k].cp == 0x25AA || t_[k].cp == 0x25CF || t_[k].cp == 0x25E6 || t_[k].cp == 0x25BA);
}

// Is sentence `s` a tally, a label and its figure ("ubóstwo - 512 rodzin", "Zatrudnienie: 74
// osoby"), or a list item that is only a figure and its noun ("- 96 rodzin")? It reports a
// figure as a past event does, and a heading's year dates it; a rule ("Pobyt trwa do 18
// miesięcy") has a verb before its figure.
bool LineParser::tally_sentence(int s) const {
  int k = 0;
  while (k < n() && t_[k].sentence != s) ++k;
  // A list item's bullet ("- ubóstwo - 512 rodzin", "• 96 rodzin").
  bool bullet = false;
  for (; k < n() && t_[k].sentence == s && bullet_at(k); ++k) bullet = true;
  // An item that is its figure and noun with what the noun is of ("- 96 rodzin", "• 612 godzin
  // terapii zajęciowej", "• 96 spacerów z kijkami nordic walking"): a short phrase with no verb
  // of being and no other figure ("- 30 miejsc jest w Domu" states a fact).
  if (bullet && is_num(k)) {
    constexpr int k_tally_words = 6;
    int words = 0;
    for (int m = k + 1; m < n() && t_[m].sentence == s; ++m) {
      if (is_num(m) || r_.copulas.contains(w(m))) return false;
      if (t_[m].type != TokType::punct && ++words > k_tally_words) return false;
    }
    return true;
  }
  int words = 0;
  // the label: words, hyphenated ones too ("opiekuńczo-wychowawczych")
  for (; k < n() && t_[k].sentence == s; ++k) {
    if (t_[k].type == TokType::word) ++words;
    else if (!(is_dash(k) && !t_[k].space_before && t_[k].type == TokType::punct && words > 0))
      break;
  }
  if (words == 0 || k >= n() || t_[k].sentence != s) return false;
  if (!(is_punct(k, ':') || (is_dash(k) && t_[k].space_before))) return false;
  if (is_num(k + 1)) return true;
  for (int m = k + 2; m <= k + 4 && m < n(); ++m)
    if (is_num(m)) {
      int start = m;
      return !qualifier_before(m, &start).empty() && start == k + 1;
    }
  return false;
}

// "W 2022 r. zespół pracował z 96 rodzinami. Wszczęto 71 procedur …": a time opening a sentence
// (after at most two words: "Na dzień 31 grudnia 2020 r.") frames the sentences after it in
// the paragraph (the line) that name no time of their own and tell of past events. The last sentence before `s` that
// names a time decides: its first time, when that opens it, else none.
const TimeExpr* LineParser::frame_before(int s) const {
  int sentence = -1;
  for (const auto& te : times_)
    if (te.sentence < s && (te.year || te.period)) sentence = std::max(sentence, te.sentence);
  if (sentence < 0) return nullptr;
  const TimeExpr* first = nullptr;
  for (const auto& te : times_)
    if (te.sentence == sentence && (te.year || te.period) && (!first || te.first < first->first))
      first = &te;
  // Not an open time ("Od 2015 r. …"): what follows may be true from then on, not then.
  if (first->boundary || first->open || !past_sentence(s)) return nullptr;
  int words = 0;
  for (int k = first->first - 1; k >= 0 && t_[k].sentence == sentence; --k)
    if (t_[k].type != TokType::word || ++words > 2) return nullptr;
  return first;
}

// A [change_arrows] arrow starting at token j ("→"; "->" is read as '-' and '>'): its last
// token, or -1.
int LineParser::arrow_at(int j) const {
  if (j >= n() || t_[j].type != TokType::punct || r_.change_arrows.empty()) return -1;
  const std::string_view rest = s_.substr(t_[j].b);
  for (const auto& arrow : r_.change_arrows) {
    if (!rest.starts_with(arrow)) continue;
    const std::size_t end = t_[j].b + arrow.size();
    for (int k = j; k < n() && t_[k].type == TokType::punct && t_[k].e <= end; ++k) {
      if (k > j && t_[k].space_before) break;
      if (t_[k].e == end) return k;
    }
  }
  return -1;
}

// An [anaphoric_pronouns] pronoun standing for what the number at `first` counts: right
// before it ("było ich 1 050"), before a copula before it ("ich było 1 050"), or before a
// [unit_heads] noun and at most one word ("ich liczba wyniosła 1 050").
bool LineParser::pronoun_before(int first) const {
  if (r_.anaphoric_pronouns.empty()) return false;
  auto pronoun = [&](int k) {
    return k >= 0 && t_[k].sentence == t_[first].sentence && r_.anaphoric_pronouns.contains(w(k));
  };
  if (pronoun(first - 1)) return true;
  if (r_.copulas.contains(w(first - 1)) && pronoun(first - 2)) return true;
  for (int head = first - 1; head >= first - 2; --head)
    if (r_.unit_heads.contains(w(head)) && pronoun(head - 1)) return true;
  return false;
}

void LineParser::quantities() {
  std::string per_base;
  int per_base_sentence = -1;
  int per_base_tok = -1;  // where the base was named
  int marked_base_sentence = -1;  // "w przeliczeniu na mieszkańca": all the sentence's money
  std::size_t line_first = out_.size();
  std::vector<int> item_sentence, item_tok;
  // Items that are ages ("w wieku powyżej 65 lat"): they describe who is counted, so they are
  // neither the parent of a sub-count nor lend their unit to a bare number after them.
  std::vector<bool> item_age;
  // Items that are a part of the count after them ("12 z 30 uczestników"): item, its token.
  std::vector<std::pair<std::size_t, int>> out_of;
  // A base that is a stretch of time is a period ("godzina" → hour), another stays its lemma.
  auto base_per = [&](const std::string& base) {
    auto p = r_.per_base_periods.find(base);
    return p != r_.per_base_periods.end() ? p->second : base;
  };
  auto is_age = [&](int first) { return r_.age_words.contains(w(first - 1)); };
  // An item of tokens [first, last] whose number is token `at`: its surface and context, the
  // line's bookkeeping of items, and the item itself.
  auto emit = [&](Quantity&& q, int at, int first, int last) {
    q.surface = std::string(surface(first, last));
    q.context = context(first, last);
    item_sentence.push_back(t_[at].sentence);
    item_tok.push_back(at);
    item_age.push_back(is_age(first));
    out_.push_back(std::move(q));
  };
  // Arrows are rare: the numbers of a line without one are not read for a change by arrow.
  const bool line_has_arrow =
      std::any_of(r_.change_arrows.begin(), r_.change_arrows.end(),
                  [&](const std::string& a) { return s_.find(a) != std::string_view::npos; });
  // Does sentence `s` hold a [ratio_verbs] word ("przypada")?
  auto ratio_sentence = [&](int s) {
    for (int k = 0; k < n(); ++k)
      if (t_[k].sentence == s && t_[k].type == TokType::word && r_.ratio_verbs.contains(w(k)))
        return true;
    return false;
  };
  // Years of age after a noun of people ("dla dzieci od 3 do 6 lat", "osób powyżej 65 lat")
  // or in "do lat 7": who is helped, not an item.
  auto years_of_age = [&](int first, const Quantity& q) {
    if (q.unit != "rok") return false;
    if ((q.kind == "range" || !q.qualifier.empty()) && r_.age_nouns.contains(w(first - 1)))
      return true;
    if (r_.age_verbs.contains(w(first - 1))) return true;  // "uczestniczka ma 92 lata"
    // "Średnia wieku uczestników to 71 lat", "średni wiek podopiecznych wynosi 78 lat"
    for (int k = first - 1; k >= 0 && k >= first - 4 && t_[k].sentence == t_[first].sentence; --k)
      if (r_.age_words.contains(w(k))) return true;
    return false;
  };
  auto apply_time = [&](Quantity& q, const TimeExpr* te, int i) {
    if (!te) {
      // A heading's year that is no report's dates only what happened ("… w 2023 roku" /
      // "Zrealizowano 21 560 godzin", not "Do klubu należy 40 osób").
      if (page_year_past_only_ && !past_sentence(t_[i].sentence) &&
          !tally_sentence(t_[i].sentence))
        return;
      if (page_year_) q.year = page_year_;  // "Sprawozdanie … za 2022 rok": the report's year
      if (page_period_) q.period = page_period_;  // "… za I półrocze 2023 r."
      return;
    }
    if (te->year && !te->open) q.year = te->year;
    if (te->period) q.period = te->period;
  };
  auto suffix = [&](int j, Quantity& q, int& last) {
    // Currency, percent or counted noun, then a rate ("rocznie").
    if (is_punct(j + 1, '%')) {
      q.kind = "percent";
      q.unit = "%";
      last = j + 1;
    } else if (r_.percent.contains(w(j + 1))) {
      q.kind = "percent";
      q.unit = "%";
      last = is_punct(j + 2, '.') && w(j + 1) == "proc" ? j + 2 : j + 1;
    } else if (auto c = r_.currency.find(w(j + 1)); c != r_.currency.end()) {
      q.kind = "money";
      q.unit = c->second.unit;
      last = j + 1;
      return c->second.multiplier;
    } else if (is_punct(j + 1, 0x20AC)) {
      q.kind = "money";
      q.unit = "EUR";
      last = j + 1;
    } else if (int phrase_end = j; const std::string* lemma = unit_phrase_at(j + 1, &phrase_end)) {
      q.unit = *lemma;
      last = phrase_end;
    } else {
      int end = j;
      q.unit = unit_after(j, &end);
      last = end;
    }
    return 1.0;
  };
  auto read_per = [&](int last, Quantity& q) {
    // "4,5 godz. tygodniowo": past the stop of an abbreviated unit
    if (is_punct(last + 1, '.') && !t_[last + 1].space_before && t_[last].type == TokType::word &&
        last + 2 < n() && t_[last + 2].type == TokType::word && !t_[last + 2].upper_first)
      ++last;
    if (auto p = r_.per.find(w(last + 1)); p != r_.per.end()) {
      q.per = p->second;
      return;
    }
    // past the noun's complement: "14 godzin wsparcia miesięcznie", "300 zł dopłaty rocznie"
    if (t_[last].type == TokType::word && !w(last + 1).empty() && !r_.stop_words.contains(w(last + 1)))
      if (auto p = r_.per.find(w(last + 2)); p != r_.per.end()) {
        q.per = p->second;
        return;
      }
    if (const std::string* p = per_phrase(last + 1, false)) {
      q.per = *p;
      return;
    }
    // "12,50 zł/godz.", "1 200 zł/mies."
    if (is_punct(last + 1, '/') && last + 2 < n() && !t_[last + 2].space_before)
      if (auto p = r_.per_after_slash.find(w(last + 2)); p != r_.per_after_slash.end()) {
        q.per = p->second;
        return;
      }
    // "na dobę", "za godzinę", "na miesiąc"; money also "na osobę" (per the noun's lemma).
    std::string_view prep = w(last + 1);
    if (prep != "na" && prep != "za") return;
    // "2 000 mieszkańców na 1 pracownika socjalnego", "150 zł na jednego uczestnika": one of a
    // base noun, after any quantity.
    // "na 1 X" names a base whatever X is; "na jednym turnusie" is a place unless X is a
    // [per_base_nouns] noun.
    const bool digit_one = is_num(last + 2) && t_[last + 2].value == 1 && t_[last + 2].plain;
    auto one = r_.numerals.find(w(last + 2));
    if (digit_one ||
        (one != r_.numerals.end() && one->second.compound_only && one->second.value == 1)) {
      if (std::string base = unit_after(last + 2, nullptr);
          !base.empty() && (digit_one || r_.per_base_nouns.contains(base)))
        q.per = base_per(base);
      return;
    }
    if (is_num(last + 2)) return;
    if (auto p = r_.per_after_preposition.find(w(last + 2)); p != r_.per_after_preposition.end())
      q.per = p->second;
    else if (q.kind == "money" || (q.kind == "range" && q.unit == "PLN")) {
      // "po 24 tys. zł na każde utworzone miejsce pracy": "każde" before the base is "na osobę"'s.
      const int at = r_.per_base_before.contains(w(last + 2)) ? last + 2 : last + 1;
      if (std::string base = unit_after(at, nullptr); r_.per_base_nouns.contains(base))
        q.per = base_per(base);
    }
  };

  // A rate word before the number in its sentence, and no other number in the sentence
  // before the rate word either (that one would be its: "4–8 godzin dziennie, co najmniej dwa
  // razy"): "Rocznie wydawanych jest około 42 ton żywności". For money also an adjective:
  // "Roczny koszt pobytu wynosi ok. 64 tys. zł", "Miesięczna odpłatność wynosi od 150 do 600 zł".
  auto rate_before = [&](int first, int i, Quantity& q) {
    if (!q.per.empty() || (q.kind != "count" && q.kind != "money" && q.kind != "range")) return;
    for (int k = first - 1; k >= 0 && t_[k].sentence == t_[i].sentence && !is_num(k); --k) {
      if (t_[k].type == TokType::word
              ? !QuantityRules::Impl::pair_in(r_.rate_before_pair, t_[k].key)
              : !r_.rate_empty_word && fast_paths())
        continue;  // no rate ends here
      const std::string* rate = per_phrase(k, true);
      if (rate) {
      } else if (auto p = r_.per.find(w(k)); p != r_.per.end()) rate = &p->second;
      else if (q.kind == "money" || (q.kind == "range" && q.unit == "PLN"))
        if (auto a = r_.per_adjectives.find(w(k)); a != r_.per_adjectives.end()) rate = &a->second;
      if (!rate) continue;
      int b = k - 1;
      while (b >= 0 && t_[b].sentence == t_[i].sentence && !is_num(b)) --b;
      if (b < 0 || t_[b].sentence != t_[i].sentence) q.per = *rate;
      break;
    }
  };

  // The time at an end of a change, or after a preposition there: a month's time starts at
  // the month ("z 31 w styczniu do 12 w grudniu 2023 r.").
  auto end_time = [&](int j, int* end) -> const TimeExpr* {
    if (const TimeExpr* te = time_at(j, end)) return te;
    if (!r_.time_prepositions.contains(w(j)) || r_.boundary_prepositions.contains(w(j)) ||
        !r_.months.contains(w(j + 1)))
      return nullptr;
    return time_at(j + 1, end);
  };
  // The month a time names, or 0.
  auto month_in = [&](const TimeExpr& te) {
    for (int k = te.first; k <= te.last; ++k)
      if (auto m = r_.months.find(w(k)); m != r_.months.end()) return m->second;
    return 0;
  };
  for (int i = 0; i < n(); ++i) {
    // Spans of years are items of their own.
    if (t_[i].time >= 0) {
      const TimeExpr& te = times_[t_[i].time];
      if (te.span && te.anchor == i && !te.boundary) {
        Quantity q;
        q.kind = "year_span";
        q.value = te.span_to - te.span_from + 1;
        q.unit = "rok";
        q.surface = std::string(surface(te.first, te.last));
        q.context = context(te.first, te.last);
        q.line = line_;
        q.period = te.period;
        item_sentence.push_back(te.sentence);
        item_tok.push_back(i);
        item_age.push_back(false);
        out_.push_back(std::move(q));
      }
      continue;
    }
    // "Koszt jednej godziny usługi wynosi 40 zł": a form of "one" before a base noun makes
    // the money of its sentence a rate, as "na 1 godzinę" does.
    if (t_[i].type == TokType::word) {
      // "Wydatki wyniosły 320 zł w przeliczeniu na (jednego) mieszkańca": before or after it,
      // the money of its sentence is per that base.
      if (w(i) == "na" && r_.per_base_markers.contains(w(i - 1))) {
        int at = i;
        if (auto one = r_.numerals.find(w(i + 1));
            one != r_.numerals.end() && one->second.compound_only && one->second.value == 1)
          ++at;
        if (std::string base = unit_after(at, nullptr); r_.per_base_nouns.contains(base)) {
          per_base = base_per(base);
          per_base_sentence = marked_base_sentence = t_[i].sentence;
          per_base_tok = i;
          i = at;
          continue;
        }
      }
      // "każda złotówka wydatków przyniosła blisko dwa złote": one unit of money after a
      // [per_base_before] word is a base, as "na każde 100 zł" is; the money after it is per it.
      if (r_.per_base_before.contains(w(i)))
        if (auto m = r_.per_base_money.find(w(i + 1)); m != r_.per_base_money.end()) {
          per_base = m->second;
          per_base_sentence = t_[i].sentence;
          per_base_tok = i;
          ++i;
          continue;
        }
      if (!r_.may_be_numeral(t_[i].key)) continue;  // no numeral
      if (auto one = r_.numerals.find(w(i));
          one != r_.numerals.end() && one->second.compound_only && one->second.value == 1)
        if (std::string base = unit_after(i, nullptr); r_.per_base_nouns.contains(base)) {
          per_base = base_per(base);
          per_base_sentence = t_[i].sentence;
          per_base_tok = i;
        }
      continue;
    }
    if (!is_num(i) || t_[i].used || excluded(i)) continue;
    // "(słownie: czterdzieści pięć tysięcy złotych)": the number before, written out.
    if (r_.restatement_words.contains(w(i - 1)) ||
        ((is_punct(i - 1, ':') || is_punct(i - 1, '.')) && r_.restatement_words.contains(w(i - 2))))
      continue;

    // A per-unit base ("w przeliczeniu na 1 konsultację") qualifies money, it is not a count.
    if (w(i - 1) == "na" && t_[i].value == 1 && !t_[i].scaled) {
      per_base = base_per(unit_after(i, nullptr));
      per_base_sentence = t_[i].sentence;
      per_base_tok = i;
      continue;
    }
    // Nor is "koszt 1 godziny usług wynosił 38 zł": a price of one base, as "jednej" above.
    if (r_.per_base_heads.contains(w(i - 1)) && t_[i].value == 1 && t_[i].plain)
      if (std::string base = unit_after(i, nullptr); r_.per_base_nouns.contains(base)) {
        per_base = base_per(base);
        per_base_sentence = t_[i].sentence;
        per_base_tok = i;
        continue;
      }
    // Nor is "na każde 100 zł": the money of its sentence is per 100 PLN.
    if (w(i - 2) == "na" && r_.per_base_before.contains(w(i - 1))) {
      Quantity base;
      int end = i;
      const double mult = suffix(i, base, end);
      char value[32];
      std::snprintf(value, sizeof value, "%.12g", t_[i].value * mult);
      per_base = base.unit.empty() ? std::string(value) : std::string(value) + " " + base.unit;
      per_base_sentence = t_[i].sentence;
      per_base_tok = i;
      i = end;
      continue;
    }

    Quantity q;
    q.line = line_;
    int first = i, last = i;
    std::string direction = sentence_direction(i);

    // A change series: "(wzrosła) ze 187 w 2005 roku do 426 w 2009 roku".
    std::string_view prep = w(i - 1);
    // Either end may carry a qualifier: "z ok. 120 w 2009 r. do ok. 310 w 2011 r.".
    int head_start = i;
    const std::string head_qual = qualifier_before(i, &head_start);
    std::string_view change_prep = head_qual.empty() ? prep : w(head_start - 1);
    // "40 → 55 rodzin", "wzrosła z 40 -> 55", "187 (2005 r.) ⇒ 426 (2009 r.)": an arrow between
    // two numbers is a change, as "z 40 do 55" with a verb of change is. Its unit is either
    // end's, or the clause's ("Liczba rodzin: 40 → 55"); with none it says nothing.
    if (line_has_arrow) {
      Quantity head;
      int unit_end = i;
      const double mult1 = suffix(i, head, unit_end);
      int j = unit_end + 1, t1_end = -1;
      const TimeExpr* t1 = time_at(j, &t1_end);
      if (t1 && t1->span) t1 = nullptr;
      if (t1) j = t1_end + 1;
      // A year labelling an end ("2021 – 40 → 2022 – 55") dates it.
      auto label_of = [&](int num) -> const TimeExpr* {
        if (num < 1 || t_[num - 1].time < 0) return nullptr;
        const TimeExpr& te = times_[t_[num - 1].time];
        return te.last == num - 1 && te.year && !te.span &&
                       (is_dash(num - 1) || is_punct(num - 1, ':'))
                   ? &te
                   : nullptr;
      };
      const TimeExpr* t1_label = t1 ? nullptr : label_of(i);
      if (t1_label) t1 = t1_label;
      const int arrow = arrow_at(j);
      int k = arrow + 1;
      const TimeExpr* t2_label = nullptr;
      if (int label_end = -1; arrow >= 0 && time_at(k, &label_end) && label_of(label_end + 1)) {
        t2_label = label_of(label_end + 1);
        k = label_end + 1;
      }
      std::string tail_qual;
      for (int m = k + 1; arrow >= 0 && !is_num(k) && m <= k + 3 && m < n(); ++m) {
        if (!is_num(m)) continue;
        int qs = m;
        if (std::string q2 = qualifier_before(m, &qs); !q2.empty() && qs == k) {
          k = m;
          tail_qual = q2;
        }
        break;
      }
      if (arrow >= 0 && is_num(k) && t_[k].time < 0 && !excluded(k)) {
        int end = k;
        Quantity tail;
        const double mult = suffix(k, tail, end);
        int t2_end = -1;
        const TimeExpr* t2 = time_at(end + 1, &t2_end);
        if (t2 && t2->span) t2 = nullptr;
        const bool same_kind = head.kind.empty() || tail.kind.empty() || head.kind == tail.kind;
        std::string unit = !tail.unit.empty() ? tail.unit : !head.unit.empty() ? head.unit : clause_unit(i);
        // "2019 → 2020": two bare years are a step of time, not a change of a count.
        auto bare_year = [&](int m, const Quantity& e) {
          return e.kind.empty() && e.unit.empty() && t_[m].plain && t_[m].value >= r_.bare_year_min &&
                 t_[m].value <= r_.bare_year_max;
        };
        if (bare_year(i, head) && bare_year(k, tail)) unit.clear();
        if (same_kind && !unit.empty()) {
          const std::optional<int> year2 = t2 ? t2->year : t2_label ? t2_label->year : std::nullopt;
          q.kind = "change";
          if (head_qual == tail_qual || tail_qual.empty()) q.qualifier = head_qual;
          else if (head_qual.empty()) q.qualifier = tail_qual;
          q.unit = std::move(unit);
          const double scale1 = head.kind.empty() ? shared_factor(i, k) : 1;
          q.from = QuantityPoint{t_[i].value * scale1 * (head.kind.empty() ? mult : mult1),
                                 t1 ? t1->year : std::nullopt};
          q.to = QuantityPoint{t_[k].value * mult, year2};
          q.value = q.to->value;
          // The ends say which way it went; the sentence's verb when they are equal.
          q.direction = q.to->value > q.from->value   ? "increase"
                        : q.to->value < q.from->value ? "decrease"
                                                      : direction;
          read_per(end, q);
          if (q.per.empty() && t2) read_per(t2_end, q);
          first = t1_label                                                          ? t1_label->first
                  : change_prep == "z" || change_prep == "ze" || change_prep == "od" ? head_start - 1
                                                                                    : head_start;
          last = t2 ? t2_end : end;
          emit(std::move(q), i, first, last);
          for (int m = i; m <= k; ++m) t_[m].used = true;
          i = last;
          continue;
        }
      }
    }
    if (change_prep == "z" || change_prep == "ze" || change_prep == "od") {
      // The first value keeps its own unit ("z 12% do 7%", "z 1,2 mln zł w 2008 r. do …").
      Quantity head;
      int unit_end = i;
      const double mult1 = suffix(i, head, unit_end);
      int j = unit_end + 1;
      int t1_end = -1;
      const TimeExpr* t1 = end_time(j, &t1_end);
      if (t1 && !t1->span) j = t1_end + 1;
      int k = j + 1;
      std::string tail_qual;
      for (int m = j + 2; !is_num(j + 1) && m <= j + 4 && m < n(); ++m) {
        int qs = m;
        if (!is_num(m)) continue;
        if (std::string q2 = qualifier_before(m, &qs); !q2.empty() && qs == j + 1) {
          k = m;
          tail_qual = q2;
        }
        break;
      }
      if ((w(j) == "do" || w(j) == "na") && is_num(k) && t_[k].time < 0 && !excluded(k)) {
        int end = k;
        Quantity tail;
        double mult = suffix(k, tail, end);
        int t2_end = -1;
        const TimeExpr* t2 = end_time(end + 1, &t2_end);
        bool same_kind = head.kind.empty() || tail.kind.empty() || head.kind == tail.kind;
        std::string unit = !tail.unit.empty() ? tail.unit : !head.unit.empty() ? head.unit : clause_unit(i);
        // "z … do" with no verb of change is a change only when something says it spans time
        // and names what changed: a year at either end, a period of its sentence ("W latach
        // 2019–2021 z 40 do 55 rodzin"), money or a percentage at an end ("z 12% do 7%"), or a
        // noun of a level before it in its clause ("Czas oczekiwania z 3 do 5 dni", "Liczba
        // uczestników: ze 120 do 340 osób"). Else it is a range below ("Zespół składa się z 3
        // do 5 osób": the "z" is the verb's), or nothing ("z 8 do 16" alone: hours). "od 120
        // do 340 osób" is a range unless years mark its ends.
        auto over_time = [&] {
          if (t1 || t2) return true;
          for (const Quantity* e : {&head, &tail})
            if (e->kind == "money" || e->kind == "percent") return true;
          if (const TimeExpr* te = time_for(i, end); te && te->period) return true;
          return change_head_before(head_start);
        };
        const bool from_to =
            change_prep != "od" &&
            (!direction.empty() || (w(j) == "do" && !unit.empty() && over_time()));
        if (same_kind && ((t1 && t2) || from_to)) {
          q.kind = "change";
          if (head_qual == tail_qual || tail_qual.empty()) q.qualifier = head_qual;
          else if (head_qual.empty()) q.qualifier = tail_qual;
          q.unit = std::move(unit);
          double scale1 = head.kind.empty() ? shared_factor(i, k) : 1;
          q.from = QuantityPoint{t_[i].value * scale1 * (head.kind.empty() ? mult : mult1),
                                 t1 ? t1->year : std::nullopt};
          q.to = QuantityPoint{t_[k].value * mult, t2 ? t2->year : std::nullopt};
          // "z 31 w styczniu do 12 w grudniu 2023 r.": a month with no year is of the other
          // end's year, or of the year before or after it when the months go round a new year.
          if (t1 && t2 && t1->year.has_value() != t2->year.has_value()) {
            const int m1 = month_in(*t1), m2 = month_in(*t2);
            if (m1 > 0 && m2 > 0) {
              if (t2->year) q.from->year = *t2->year - (m1 > m2 ? 1 : 0);
              else q.to->year = *t1->year + (m2 < m1 ? 1 : 0);
            }
          }
          // "wzrosła w latach 2020–2023 z 3 do 6": the span of its sentence dates the ends.
          if (!t1 && !t2)
            if (const TimeExpr* te = time_for(i, end); te && te->span && te->sentence == t_[i].sentence) {
              q.from->year = te->span_from;
              q.to->year = te->span_to;
            }
          q.value = q.to->value;
          q.direction = q.to->value >= q.from->value ? "increase" : "decrease";
          if (!direction.empty()) q.direction = direction;
          // "z 410 do 520 rocznie"
          read_per(end, q);
          if (q.per.empty() && t2) read_per(t2_end, q);
          first = head_start - 1;
          last = t2 ? t2_end : end;
          emit(std::move(q), i, first, last);
          for (int m = i; m <= k; ++m) t_[m].used = true;
          i = last;
          continue;
        }
      }
    }

    // A range: "od 260 do 360 zł", "260–360 zł", "między 10 a 20", "2 do 3 pracowników", and
    // "z 3 do 5 sal" when it is no change (above); not "(wzrosła) o 20 do 140 osób": by 20, to
    // 140.
    const bool do_range = prep != "między" && change_prep != "o";
    int second = -1;
    bool to_do = false;  // the second end after "do": "z" before the first is the range's
    if ((w(i + 1) == "do" && do_range) || (prep == "między" && w(i + 1) == "a")) {
      second = i + 2;
      to_do = w(i + 1) == "do";
    } else if (is_dash(i + 1) && (!t_[i].approx || (is_num(i + 2) && t_[i + 2].approx)))
      second = i + 2;
    // "kilkanaście–kilkadziesiąt osób", "od kilkunastu do kilkudziesięciu": vague at both ends
    const bool vague = second > 0 && t_[i].approx && is_num(second) && t_[second].approx;
    // "od 260 zł do 360 zł", "od 10% do 30%", "5%–20%": the currency or percent written at
    // both ends; the second end must have the same one.
    Quantity both_ends;
    if (second < 0 && (is_punct(i + 1, '%') || is_punct(i + 1, 0x20AC) ||
                       r_.percent.contains(w(i + 1)) || r_.currency.contains(w(i + 1)))) {
      int head_end = i;
      suffix(i, both_ends, head_end);
      if (both_ends.kind != "money" && both_ends.kind != "percent") both_ends = Quantity{};
      else if ((w(head_end + 1) == "do" && do_range) ||
               (prep == "między" && w(head_end + 1) == "a") || is_dash(head_end + 1)) {
        second = head_end + 2;
        to_do = w(head_end + 1) == "do";
      }
    }
    // "program ASOS 2015 – 48 700 zł": a year then an amount, no range; the ends of a range
    // are comparable, and a year is not so with a figure tenfold and more.
    const bool year_then_amount = second > 0 && is_dash(i + 1) && year_like(i) && is_num(second) &&
                                  t_[second].value > 10 * t_[i].value;
    if (second > 0 && is_num(second) && t_[second].time < 0 && !excluded(second) &&
        (!t_[second].approx || vague) && !year_then_amount) {
      // "2–3 tys. zł": the scale written once applies to both ends.
      double scale1 = both_ends.kind.empty() ? shared_factor(i, second) : 1;
      double mult = suffix(second, q, last);
      // Not a range when the ends differ: "od 10% do 30 osób".
      const bool ends_agree =
          both_ends.kind.empty() || (q.kind == both_ends.kind && q.unit == both_ends.unit);
      if (ends_agree && (q.kind.empty() || q.kind == "money" || q.kind == "percent")) {
        q.min = (vague ? t_[i].min : t_[i].value) * scale1 * mult;
        q.max = (vague ? t_[second].max : t_[second].value) * mult;
        if (*q.min <= *q.max) {
          q.kind = "range";
          q.value = *q.min;
          if (vague) q.qualifier = "approx";
          if (q.unit.empty()) q.unit = clause_unit(i);
          // A bare pair says nothing either ("czynne pn.–pt. 8–16"): hours, pages, grades.
          if (q.unit.empty()) {
            t_[second].used = true;
            i = last;
            continue;
          }
          first = prep == "od" || prep == "między" || (to_do && (prep == "z" || prep == "ze"))
                      ? i - 1
                      : i;
          // "ok. 150-200 dzieci", "blisko 20–25 osób"
          if (int qs = i; first == i) {
            std::string qual = qualifier_before(i, &qs);
            if (!qual.empty() && qual != "up_to") {
              q.qualifier = qual;
              first = qs;
            }
          }
          if (years_of_age(first, q)) {
            t_[second].used = true;
            i = last;
            continue;
          }
          read_per(last, q);
          rate_before(first, i, q);
          // "3-4 razy w tygodniu": a frequency (below)
          if (!q.per.empty() && r_.multiplier_units.contains(q.unit)) {
            t_[second].used = true;
            i = last;
            continue;
          }
          q.surface = std::string(surface(first, last));
          q.context = context(first, last);
          apply_time(q, time_for(i, last), i);
          t_[second].used = true;
          item_sentence.push_back(t_[i].sentence);
          item_tok.push_back(i);
          item_age.push_back(is_age(first));
          out_.push_back(std::move(q));
          i = last;
          continue;
        }
      }
      q = Quantity{};
      q.line = line_;
      last = i;
    }

    // A single value.
    if (prep == "lat" && (w(i - 2) == "do" || w(i - 2) == "od" || w(i - 2) == "powyżej" ||
                          w(i - 2) == "poniżej"))
      continue;  // "dzieci do lat 7": an age
    double mult = suffix(i, q, last);
    q.value = t_[i].value * mult;
    if (q.kind == "money" && mult == 1 && is_num(last + 1) && t_[last + 1].plain &&
        t_[last + 1].value < 100) {
      // "12 zł 50 gr": the grosze belong to the złote before them.
      if (auto c = r_.currency.find(w(last + 2));
          c != r_.currency.end() && c->second.unit == q.unit && c->second.multiplier < 1) {
        q.value += t_[last + 1].value * c->second.multiplier;
        t_[last + 1].used = true;
        last += 2;
      }
    }
    // "o 24 więcej osób", "o 15 mniej dzieci": a comparative right after the number is the
    // difference's direction, and the noun after it is what is counted.
    const std::string* comparative = nullptr;
    if (q.kind.empty())
      if (auto c = r_.comparatives.find(w(i + 1)); c != r_.comparatives.end()) {
        comparative = &c->second;
        int end = i + 1;
        q.unit = unit_after(i + 1, &end);
        last = end;
      }
    if (q.kind.empty()) q.kind = "count";
    if (t_[i].approx) {
      q.qualifier = "approx";
      q.min = t_[i].min * mult;
      q.max = t_[i].max * mult;
    }
    int qstart = i;
    std::string qual = qualifier_before(i, &qstart);
    // After "wzrosła do" the preposition names the level reached, not an upper bound.
    if (qual == "up_to" && w(i - 1) == "do" && !direction.empty()) qual.clear();
    if (!qual.empty()) {
      q.qualifier = qual;
      first = qstart;
    }
    // "Średnio na jednego podopiecznego przypadało 16,8 godziny", "korzystał średnio z 46
    // godzin": a [clause_qualifiers] word earlier in the clause speaks of its first figure.
    if (q.qualifier.empty() && !r_.clause_qualifiers.empty())
      for (int k = first - 1; k >= 0 && t_[k].sentence == t_[i].sentence; --k) {
        if (is_punct(k, ',') || is_punct(k, ';') || (is_num(k) && t_[k].time < 0)) break;
        if (auto c = r_.clause_qualifiers.find(w(k)); c != r_.clause_qualifiers.end()) {
          q.qualifier = c->second;
          break;
        }
      }
    // "o" before the number or its qualifier ("wzrosła o ok. 18%"): a difference.
    const int by = w(first - 1) == "o" ? first - 1 : -1;
    if (by >= 0 && !direction.empty()) {
      q.direction = direction;
      first = by;
    }
    // A comparison: "o 12 mniej niż przed rokiem", "o 24 więcej", "wyższe o 0,6 mln zł".
    if (comparative) {
      q.direction = *comparative;
      if (by >= 0) first = by;
    } else if (auto c = r_.comparatives.find(w(last + 1)); c != r_.comparatives.end()) {
      // "Trzy razy więcej osób", "dwa razy częściej": a multiple, not a count of times
      if (r_.multiplier_units.contains(q.unit)) {
        i = last + 1;
        continue;
      }
      q.direction = c->second;
      last += 1;
      if (by >= 0) first = by;
    } else if (std::string_view adjective = w(by - 1); by >= 0 && !adjective.empty()) {
      for (const auto& [stem, dir] : r_.comparative_prefixes)
        if (adjective.starts_with(stem)) {
          q.direction = dir;
          first = by;
          break;
        }
    }
    read_per(last, q);
    // "dwa razy w tygodniu", "3 razy w roku": how often a service is given, not a count of
    // times it was.
    if (q.kind == "count" && !q.per.empty() && r_.multiplier_units.contains(q.unit)) {
      i = last;
      continue;
    }
    // An item of a list that names only an adjective ("44 rodziny spokrewnione, 11
    // niezawodowych i 3 zawodowe") counts the noun of the item before it, when that one was
    // a noun with an adjective after it (or such an item itself).
    if (q.kind == "count" && !item_sentence.empty() && item_sentence.back() == t_[i].sentence &&
        (is_punct(first - 1, ',') || r_.list_joiners.contains(w(first - 1)))) {
      auto adjective = [&](int k) {
        const std::string_view word = w(k);
        return word.size() > 3 && !r_.stop_words.contains(word) &&
               std::any_of(r_.adjective_suffixes.begin(), r_.adjective_suffixes.end(),
                           [&](const std::string& suf) { return word.ends_with(suf); });
      };
      // An adjective with no noun after it, and none that is a noun of its own ("12
      // bezdomnych", [unit_lemma]).
      auto bare = [&](int k) {
        return adjective(k) && !r_.unit_lemma.contains(w(k)) &&
               (w(k + 1).empty() || r_.list_joiners.contains(w(k + 1)));
      };
      const int p = item_tok.back();
      const Quantity& prev = out_[line_first + item_sentence.size() - 1];
      if (bare(i + 1) && prev.kind == "count" && !prev.unit.empty() &&
          ((!w(p + 1).empty() && !adjective(p + 1) && adjective(p + 2)) || bare(p + 1))) {
        q.unit = prev.unit;
        last = std::max(last, i + 1);
      }
    }
    // A sub-count ("…, w tym 12", "z czego 410 to osoby samotne") of the nearest count before
    // it in the sentence that is not an age.
    int parent = -1;
    // The marker may stand before a preposition ("z czego w 38 przypadkach", "w tym z 11"),
    // or after the number ("19 z nich ukończyło kurs").
    const bool preposition_between = r_.stop_words.contains(w(first - 1)) && w(first - 1).size() <= 3;
    bool marked = false;
    for (const auto& marker : r_.part_of)
      marked = marked || phrase_before(first, marker) ||
               (preposition_between && phrase_before(first - 1, marker));
    // Or a few words before it, after a comma: "…, w tym dotacja z budżetu państwa w
    // wysokości 410 000 zł", "…, z czego PFRON sfinansował 168 000 zł" (not "w tym roku").
    for (int k = first - 1, words = 0; !marked && k > 0 && words < 6 && t_[k].type == TokType::word &&
                                       t_[k].sentence == t_[i].sentence;
         --k, ++words) {
      if (r_.part_of_not_before.contains(w(k))) break;
      for (const auto& marker : r_.part_of) {
        const int start = k - static_cast<int>(marker.size());
        if (start >= 1 && is_punct(start - 1, ',') && phrase_before(k, marker)) {
          marked = true;
          break;
        }
      }
    }
    bool marked_after = false;  // "19 z nich": the pronoun stands for the whole
    for (const auto& marker : r_.part_of_after) {
      bool ok = !marked;
      for (std::size_t m = 0; m < marker.size() && ok; ++m)
        ok = w(i + 1 + static_cast<int>(m)) == marker[m];
      marked = marked || ok;
      marked_after = marked_after || ok;
    }
    // The base of a comparison ("42 podopiecznych (wobec 35 w 2022 r.), z czego 29 …") is
    // not what a sub-count is part of.
    auto comparison_base = [&](int tok) { return comparison_base_before(tok); };
    // The nearest count before it of the sub-count's own noun when there is one ("58 rodzin,
    // w których przebywało 81 dzieci, w tym 44 rodziny …": of the 58), else the nearest.
    if (marked) {
      const std::string own_unit = q.kind == "count" ? q.unit : std::string();
      for (int pass = own_unit.empty() ? 1 : 0; pass < 2 && parent < 0; ++pass)
        for (int k = static_cast<int>(item_sentence.size()) - 1; k >= 0; --k)
          if (item_sentence[k] == t_[i].sentence && !item_age[k] && !comparison_base(item_tok[k]) &&
              (out_[line_first + k].kind == q.kind || out_[line_first + k].kind == "count") &&
              (pass == 1 || out_[line_first + k].unit == own_unit)) {
            parent = k;
            break;
          }
    }
    // Unmarked parts of a whole named just before: a breakdown in brackets right after a
    // count ("60 uczestników (36 kobiet i 24 mężczyzn)"), and the rest of a list that a
    // sub-count opened ("350 tys. zł, w tym 280 tys. zł z budżetu państwa i 70 tys. zł ze
    // środków gminy", "w tym 31 spokrewnionych, 12 niezawodowych i 5 zawodowych"). A part is
    // of the whole's kind and no greater than it.
    if (!marked && !item_sentence.empty() &&
        item_sentence.back() == t_[i].sentence) {
      const int k = static_cast<int>(item_sentence.size()) - 1;
      const Quantity& prev = out_[line_first + k];
      int whole = -1;
      if (is_punct(first - 1, '(') && !item_age[k] && first - 1 - item_tok[k] <= 3) {
        bool words_between = true;
        for (int m = item_tok[k] + 1; m < first - 1 && words_between; ++m)
          words_between = t_[m].type == TokType::word;
        if (words_between) whole = k;
      } else if ((is_punct(first - 1, ',') || w(first - 1) == "i" || w(first - 1) == "oraz") &&
                 prev.part_of && *prev.part_of >= static_cast<int>(line_first)) {
        whole = *prev.part_of - static_cast<int>(line_first);
      }
      // A part of a count is a whole number: "28 pracowników (25,5 etatu)" is a measure of
      // the same staff, no part of it.
      if (whole >= 0 && out_[line_first + whole].kind == q.kind &&
          q.value <= out_[line_first + whole].value &&
          (q.kind != "count" || q.value == std::floor(q.value)))
        parent = whole;
    }
    // "Na pytania odpowiedziało 16 z 18 opiekunów. Dziewięciu z nich oceniło …": with no count
    // before it in its sentence, the pronoun stands for the last count of the sentence before.
    if (marked_after && parent < 0 && q.unit.empty())
      for (int k = static_cast<int>(item_sentence.size()) - 1; k >= 0; --k)
        if (item_sentence[k] == t_[i].sentence - 1 && !item_age[k] &&
            out_[line_first + k].kind == "count" && !out_[line_first + k].unit.empty()) {
          parent = k;
          break;
        }
    // A list item opening with a sub-count ("• ok. 300 z nich mieszka z rodzicami") is a part
    // of the count of the item right above it.
    int above = -1;
    if (marked && parent < 0 && item_sentence.empty() && line_first > 0 &&
        out_[line_first - 1].line == line_ - 1 &&
        (out_[line_first - 1].kind == q.kind || out_[line_first - 1].kind == "count")) {
      bool opens_line = true;
      for (int k = 0; k < first && opens_line; ++k) opens_line = t_[k].type == TokType::punct;
      if (opens_line) above = static_cast<int>(line_first) - 1;
    }
    // "w tym 341 dotyczących przemocy": a participle after a sub-count's number describes
    // what the parent counts; the noun after it is its object, not the counted noun.
    if (parent >= 0 && q.kind == "count")
      for (const auto& suffix : r_.participle_suffixes)
        if (std::string_view word = w(i + 1); word.size() > suffix.size() + 2 && word.ends_with(suffix)) {
          q.unit = out_[line_first + parent].unit;
          break;
        }
    const bool age = is_age(first);
    if (years_of_age(first, q)) {
      i = last;
      continue;
    }
    // "po kilku latach", "od kilkunastu lat": a vague stretch of time, not an outcome.
    // So is any indefinite number of a unit of time ("kilka godzin w tygodniu", "trwa to kilka
    // minut").
    if (t_[i].approx && t_[i].from_words && r_.duration_units.contains(q.unit)) {
      i = last;
      continue;
    }
    // "w ciągu trzech lat", "przez ponad 5 lat", "na okres 12 miesięcy": how long something
    // lasts, in a unit of time, is a duration, not a count of years or months.
    // The marker may stand before a qualifier ("nie dłużej niż 12 miesięcy") or be a label
    // before a colon ("Termin związania ofertą: 30 dni").
    if (q.kind == "count" && r_.duration_units.contains(q.unit))
      for (const auto& marker : r_.duration_before)
        if (phrase_before(first, marker) || (first != i && phrase_before(i, marker)) ||
            (is_punct(first - 1, ':') && phrase_before(first - 1, marker))) {
          q.kind = "duration";
          break;
        }
    // "5 lat działalności", "po 3 latach pracy": a noun of what has lasted after the unit of
    // time ([duration_after]) makes the number how long it lasted.
    if (q.kind == "count" && r_.duration_units.contains(q.unit))
      if (auto d = r_.duration_after.find(w(last + 1));
          d != r_.duration_after.end() &&
          std::find(d->second.begin(), d->second.end(), q.unit) != d->second.end())
        q.kind = "duration";
    // A word of a length of time earlier in its clause, or in the label before its colon:
    // "wychowanek mieszka w nim do 12 miesięcy", "średni czas pracy z rodziną: 14 miesięcy",
    // "umowa na czas określony 6 miesięcy". Not under a head of a count ("Liczba dni pobytu").
    if (q.kind == "count" && r_.duration_units.contains(q.unit)) {
      int k = is_punct(first - 1, ':') ? first - 2 : first - 1;
      bool marked = false;
      for (; k >= 0 && t_[k].type == TokType::word && t_[k].sentence == t_[i].sentence; --k) {
        if (r_.unit_heads.contains(w(k))) break;
        marked = marked || r_.duration_clause_words.contains(w(k));
      }
      if (marked && !(k >= 0 && t_[k].type == TokType::word && r_.unit_heads.contains(w(k))))
        q.kind = "duration";
    }
    // A row of years heading a table's columns ("Wskaźnik 2022 2023 Liczba rodzin … 139 146"
    // with its cells aligned by blanks): a year beside another year, nothing between them, is
    // a year, not a count of the word after it.
    if (q.kind == "count" && first == i && year_like(i) && (year_like(i - 1) || year_like(i + 1)))
      continue;
    if (q.kind == "count" && q.unit.empty()) {
      // A bare year-like number with no noun after it ("w latach 2017, 2018 i 2019") is a
      // year of a list the time reader did not take, not a count of the sentence's noun.
      if (t_[i].plain && first == last && q.value >= r_.bare_year_min && q.value <= r_.bare_year_max &&
          q.value == std::floor(q.value))
        continue;
      // "12 z 30 uczestników": a part of the count right after it, of its noun.
      if (parent < 0 && (w(i + 1) == "z" || w(i + 1) == "ze" || w(i + 1) == "spośród") &&
          is_num(i + 2) && t_[i + 2].time < 0 && !excluded(i + 2)) {
        q.unit = unit_after(i + 2, nullptr);
        if (!q.unit.empty()) out_of.emplace_back(out_.size(), i + 2);
      }
      if (q.unit.empty()) q.unit = shared_unit(last);
      // "z czego 29 to kobiety", "Spośród wnioskodawców 112 to kobiety, a 75 – mężczyźni":
      // the noun after "to" or a dash names the part of a whole.
      auto of_whole = [&] {
        if (parent >= 0) return true;
        for (int k = first - 1; k >= 0 && t_[k].sentence == t_[i].sentence; --k)
          if (r_.partitive_prepositions.contains(w(k))) return true;
        return false;
      };
      if (q.unit.empty() && (w(i + 1) == "to" || (is_dash(i + 1) && t_[i + 1].space_before)) &&
          of_whole())
        q.unit = unit_after(i + 1, nullptr);
      // "Spośród uczestników kilkunastu korzystało …", "Wśród rodzin objętych wsparciem 23
      // wychowuje …": the whole names what is counted (a few words may describe it).
      for (int k = first - 1, words = 0; q.unit.empty() && k >= 1 && words < 4 &&
                                         t_[k].type == TokType::word;
           --k, ++words)
        if (r_.partitive_prepositions.contains(w(k - 1))) q.unit = unit_after(k - 1, nullptr);
      // A sub-count without a noun counts what its parent counts.
      if (q.unit.empty() && parent >= 0) q.unit = out_[line_first + parent].unit;
      if (q.unit.empty() && above >= 0) q.unit = out_[above].unit;
      // "Z pomocy skorzystało 1 124 osoby. Rok wcześniej było ich 1 050": a pronoun stands for
      // the noun of the count before it in its sentence or the one before.
      if (q.unit.empty() && pronoun_before(first))
        for (int k = static_cast<int>(item_sentence.size()) - 1;
             k >= 0 && item_sentence[k] >= t_[i].sentence - 1; --k)
          if (out_[line_first + k].kind == "count" && !item_age[k] &&
              !out_[line_first + k].unit.empty()) {
            q.unit = out_[line_first + k].unit;
            break;
          }
      // or for the count that ended the paragraph before, in the first sentence of this one
      if (q.unit.empty() && prev_tail_item_ >= 0 && item_sentence.empty() &&
          t_[i].sentence == t_[0].sentence && pronoun_before(first))
        q.unit = out_[prev_tail_item_].unit;
      if (q.unit.empty()) q.unit = clause_unit(i);
      // "a stałych uczestników było 27": the noun before a copula, not after a preposition
      // ("w klubie było 27").
      if (q.unit.empty() && first == i && r_.copulas.contains(w(i - 1)) && !w(i - 2).empty() &&
          (!t_[i - 2].upper_first || i == 2 || t_[i - 3].sentence != t_[i - 2].sentence) &&
          !r_.stop_words.contains(w(i - 2)) &&
          !r_.prepositions.contains(w(i - 3)))
        q.unit = lemma_of(i - 2);
      // A list continues its unit: "68 osób …, 410 osobom …, 328 – dostało paczki".
      for (int k = static_cast<int>(item_sentence.size()) - 1; q.unit.empty() && k >= 0; --k)
        if (item_sentence[k] == t_[i].sentence && out_[line_first + k].kind == "count" &&
            !item_age[k]) {
          q.unit = out_[line_first + k].unit;
          break;
        }
      // A difference ("W 2010 r. przyjęto o 15 mniej.") counts what the line counted before;
      // with no count before it, it stays a difference of an unnamed noun.
      for (std::size_t k = out_.size(); comparative && q.unit.empty() && k > line_first; --k)
        if (out_[k - 1].kind == "count" && !item_age[k - 1 - line_first]) q.unit = out_[k - 1].unit;
      if (q.unit.empty() && !comparative) continue;  // a bare number without a noun says nothing
    }
    if (parent >= 0) q.part_of = static_cast<int>(line_first + parent);
    else if (above >= 0 && out_[above].unit == q.unit) q.part_of = above;
    // A rate word before it comes first: "Miesięczny koszt utrzymania jednego miejsca wyniósł
    // 1 420 zł" is per month.
    rate_before(first, i, q);
    // Not across a clause ("Koszt jednej porady wynosi 42 zł, a gmina przeznaczyła 96 000 zł
    // na wynagrodzenia": the total is no price of one).
    if (q.kind == "money" && q.per.empty() && per_base_sentence == t_[i].sentence &&
        (marked_base_sentence == t_[i].sentence || !clause_between(per_base_tok, first)))
      q.per = per_base;
    // "Na 1 pracownika socjalnego przypada 2 000 mieszkańców": a count per the base before it,
    // in its clause ("…, podczas gdy ustawa wymaga co najmniej 3 pracowników" is none).
    if (q.kind == "count" && q.per.empty() && per_base_sentence == t_[i].sentence &&
        !per_base.empty() && ratio_sentence(t_[i].sentence) && !clause_between(per_base_tok, first))
      q.per = per_base;
    apply_time(q, time_for(i, last), i);
    q.surface = std::string(surface(first, last));
    q.context = context(first, last);
    item_sentence.push_back(t_[i].sentence);
    item_tok.push_back(i);
    item_age.push_back(age);
    out_.push_back(std::move(q));
    i = last;
  }
  for (const auto& [item, whole] : out_of)
    for (std::size_t k = 0; k < item_tok.size(); ++k)
      if (item_tok[k] == whole && out_[line_first + k].unit == out_[item].unit) {
        out_[item].part_of = static_cast<int>(line_first + k);
        break;
      }
  // A per-unit base named after the money ("… wynosił od 260 do 360 zł na osobę") is rare;
  // one named before it in the sentence also applies to ranges, and one of [per_base_markers]
  // to all the money of its sentence.
  // The count ending the line, in its last sentence, for a pronoun opening the next line.
  if (!item_sentence.empty() && item_sentence.back() == t_[n() - 1].sentence && !item_age.back() &&
      out_.back().kind == "count" && !out_.back().unit.empty())
    tail_item_ = static_cast<int>(out_.size()) - 1;
  // "2 000 mieszkańców przypada na 1 pracownika": a count per a base named after it.
  for (std::size_t k = line_first; k < out_.size(); ++k)
    if (out_[k].kind == "count" && out_[k].per.empty() && !per_base.empty() &&
        per_base_sentence == item_sentence[k - line_first] && ratio_sentence(per_base_sentence) &&
        !clause_between(per_base_tok, item_tok[k - line_first]))
      out_[k].per = per_base;
  for (std::size_t k = line_first; k < out_.size(); ++k)
    if (out_[k].unit == "PLN" && out_[k].per.empty() &&
        ((out_[k].kind == "range" && per_base_sentence == item_sentence[k - line_first]) ||
         (out_[k].kind == "money" && marked_base_sentence == item_sentence[k - line_first])))
      out_[k].per = per_base;
}

// The sentence holding tokens a..b, whitespace-normalised, so a reader sees what a number
// counts without opening the page. A sentence longer than k_context_max bytes is cut to a
// window around the item, at spaces, with "…" where it was cut.
std::string LineParser::context(int a, int b) const {
  constexpr std::size_t k_context_max = 240;
  int first = a, last = b;
  while (first > 0 && t_[first - 1].sentence == t_[a].sentence) --first;
  while (last + 1 < n() && t_[last + 1].sentence == t_[b].sentence) ++last;
  std::size_t begin = t_[first].b, end = t_[last].e;
  if (end < s_.size() && (s_[end] == '.' || s_[end] == '!' || s_[end] == '?')) ++end;
  bool cut_front = false, cut_back = false;
  if (end - begin > k_context_max) {
    std::size_t item_b = t_[a].b, item_e = t_[b].e;
    std::size_t room = k_context_max > item_e - item_b ? (k_context_max - (item_e - item_b)) / 2 : 0;
    if (item_b - begin > room) {
      std::size_t sp = s_.find(' ', item_b - room);
      begin = sp < item_b ? sp + 1 : item_b;
      cut_front = true;
    }
    if (end - item_e > room) {
      std::size_t sp = s_.rfind(' ', item_e + room);
      end = sp != std::string_view::npos && sp >= item_e ? sp : item_e;
      cut_back = true;
    }
  }
  std::string out = normalize_space(s_.substr(begin, end - begin));
  if (cut_front) out.insert(0, "… ");
  if (cut_back) out += " …";
  return out;
}

std::optional<std::pair<std::string, std::string>> LineParser::heading_period(std::string_view text,
                                                                           int year) {
  s_ = text;
  line_ = 0;
  find_masks();
  tokenize();
  merge_numerals();
  merge_scales();
  split_sentences();
  find_times();
  const std::string y = std::to_string(year);
  for (const TimeExpr& te : times_) {
    if (!te.period || te.span || te.open || te.boundary) continue;
    const auto& [from, to] = *te.period;
    if (from.size() == 7 && to.size() == 7 && from.starts_with(y) && to.starts_with(y) &&
        !(from.ends_with("-01") && to.ends_with("-12")))
      return te.period;
  }
  return std::nullopt;
}

void LineParser::parse(const NumberedLine& nl) {
  s_ = nl.text;
  line_ = nl.line;
  prev_tail_item_ = tail_item_;
  tail_item_ = -1;
  prev_tail_year_ = tail_year_;
  tail_year_.reset();
  if (!candidate_line()) return;
  find_masks();
  tokenize();
  merge_numerals();
  merge_scales();
  if (std::none_of(t_.begin(), t_.end(), [](const Tok& t) { return t.type == TokType::num; })) return;
  split_sentences();
  find_times();
  note_tail_year();
  quantities();
}

/// The end of the run of letters in `s` whose first code point (a letter) ends at `next`.
std::size_t letter_run_end(std::string_view s, std::size_t next) {
  std::size_t e = next;
  while (e < s.size()) {
    std::size_t m = e;
    if (!is_letter_cp(decode_cp(s, m))) break;
    e = m;
  }
  return e;
}


}  // namespace

namespace {

// Does `text` open with a [report_headings] phrase ("Sprawozdanie z działalności …", "Informacja
// z realizacji …") and name exactly one year ("za 2022 rok", "w roku 2023", "31.12.2021")? That
// year, else none. Words are runs of letters, compared lower-cased; years are runs of four
// digits in [years] min..max.
std::optional<int> report_year(std::string_view text, const QuantityRules::Impl& r) {
  constexpr std::size_t k_heading_max = 300;  // a heading, not a paragraph
  if (text.empty() || text.size() > k_heading_max || r.report_headings.empty()) return std::nullopt;
  // No year without a run of exactly four ASCII digits in [years] (lower-casing keeps the runs):
  // most lines are ruled out here, before the copy and the word walk.
  bool any_year = !fast_paths_on.load(std::memory_order_relaxed);  // off: the walk decides
  for (std::size_t i = 0; i < text.size() && !any_year;) {
    if (!is_digit(text[i])) {
      ++i;
      continue;
    }
    const std::size_t d = digit_run(text, i);
    if (d == 4) {
      const int y = (text[i] - '0') * 1000 + (text[i + 1] - '0') * 100 + (text[i + 2] - '0') * 10 +
                    (text[i + 3] - '0');
      any_year = y >= r.year_min && y <= r.year_max;
    }
    i += d;
  }
  if (!any_year) return std::nullopt;
  const std::string lower = to_lower(text);
  std::vector<std::string_view> words;
  std::optional<int> year;
  std::size_t i = 0;
  while (i < lower.size()) {
    std::size_t k = i;
    const char32_t cp = decode_cp(lower, k);
    if (is_letter_cp(cp)) {
      const std::size_t e = letter_run_end(lower, k);
      words.push_back(std::string_view(lower).substr(i, e - i));
      i = e;
    } else if (is_digit(lower[i])) {
      const std::size_t d = digit_run(lower, i);
      if (d == 4) {
        const int y = std::atoi(lower.substr(i, 4).c_str());
        if (y >= r.year_min && y <= r.year_max) {
          if (year && *year != y) return std::nullopt;  // "za lata 2021–2022": no one year
          year = y;
        }
      }
      if (words.empty()) return std::nullopt;  // a number before the heading's words
      i += d;
    } else {
      i = k;
    }
  }
  if (!year) return std::nullopt;
  for (const auto& phrase : r.report_headings)
    if (phrase.size() <= words.size() && std::equal(phrase.begin(), phrase.end(), words.begin()))
      return year;
  return std::nullopt;
}


// A heading that names one year ("VI. Potrzeby na 2023 r.", "Usługi opiekuńcze świadczone przez
// GOPS w Sokółce w 2023 roku"): a short line whose only figure is a year after a
// [heading_year_words] word or a part of a year ([year_parts]: "I półrocza 2023 r."), and which ends no sentence (unless with the year's "r."). That year
// dates the undated items under it, else none.
struct HeadingYear {
  int year = 0;
  bool plan = false;  // "na 2023 r.": a plan for that year, which dates all under it
};

std::optional<HeadingYear> heading_year(std::string_view text, const QuantityRules::Impl& r) {
  constexpr std::size_t k_heading_max = 120;
  // (a heading whose words a CMS bound with NBSPs reads as with blanks)
  std::string spaced;
  if (text.size() <= 4 * k_heading_max && ascii_spaces(text, spaced)) text = spaced;
  text = trim(text);
  if (text.size() < 6 || text.size() > k_heading_max || r.heading_year_words.empty())
    return std::nullopt;
  if ((text.back() == '.' && !text.ends_with(" r.")) || text.back() == ';' || text.back() == ',')
    return std::nullopt;
  std::size_t at = std::string_view::npos;
  std::size_t date_at = std::string_view::npos;  // a date's start ("stan na 31.12.2023 r.")
  for (std::size_t i = 0; i < text.size();) {
    if (!is_digit(text[i])) {
      ++i;
      continue;
    }
    const std::size_t d = digit_run(text, i);
    // a day and a month before the year: one date ("31.12.2023"), the state on that day
    if (d <= 2 && at == std::string_view::npos && i + d + 1 < text.size() && text[i + d] == '.') {
      const std::size_t m = i + d + 1, md = digit_run(text, m);
      if (md >= 1 && md <= 2 && m + md + 1 < text.size() && text[m + md] == '.' &&
          digit_run(text, m + md + 1) == 4) {
        date_at = i;
        at = m + md + 1;
        i = at + 4;
        continue;
      }
    }
    if (d != 4 || at != std::string_view::npos) return std::nullopt;  // another figure
    at = i;
    i += d;
  }
  if (at == std::string_view::npos) return std::nullopt;
  const int y = (text[at] - '0') * 1000 + (text[at + 1] - '0') * 100 + (text[at + 2] - '0') * 10 +
                (text[at + 3] - '0');
  if (y < r.year_min || y > r.year_max) return std::nullopt;
  std::size_t e = date_at != std::string_view::npos ? date_at : at;
  while (e > 0 && text[e - 1] == ' ') --e;
  std::size_t b = e;
  // (the bytes of a Polish letter too: "półrocza", "kwartał")
  while (b > 0 && (((text[b - 1] | 0x20) >= 'a' && (text[b - 1] | 0x20) <= 'z') ||
                   static_cast<unsigned char>(text[b - 1]) >= 0x80))
    --b;
  if (b == e) return std::nullopt;
  const std::string word = to_lower(text.substr(b, e - b));
  // Or a part of a year ("podsumowanie I półrocza 2023 r."): a report of past events too.
  if (!r.heading_year_words.contains(word) && !r.year_parts.contains(word)) return std::nullopt;
  // "stan na 31.12.2023 r.": the state on a day is no plan
  return HeadingYear{y, date_at == std::string_view::npos && r.plan_year_words.contains(word)};
}

// A change wrapped inside a list item ("… wzrosła z 121 (2021)" / "do 215 (2023)"): `next`
// opens with "do" and a figure, and `line` has an end of a change opened after its last "do"
// ("z 121", "ze 187", "od 40"). Both are then read as one line; whether it is a change is the
// parser's to say.
bool wrapped_change(std::string_view line, std::string_view next) {
  next = trim(next);
  if (next.size() < 4 || !next.starts_with("do ") || !is_digit(next[3])) return false;
  if (line.size() < 4) return false;
  const std::size_t last_do = line.rfind(" do ");
  for (std::string_view open : {" z ", " ze ", " od ", " Z ", " Ze ", " Od "}) {
    for (std::size_t at = line.rfind(open); at != std::string_view::npos && at > 0;
         at = line.rfind(open, at - 1)) {
      if (last_do != std::string_view::npos && last_do > at) break;
      const std::size_t d = at + open.size();
      if (d < line.size() && is_digit(line[d])) return true;
    }
  }
  return false;
}

// Tables scraped as rows of cells: "| Wskaźnik | 2019 | 2020 |" / "| Liczba rodzin | 34 | 41 |",
// or the same with tabs. A cell holds a bare figure; what it counts is named by its row's label
// ("Liczba rodzin objętych wsparciem", "w tym dzieci i młodzież", "Wydatki ogółem (tys. zł)")
// or its column's header ("| Forma | Liczba osób | Kwota (zł) |"), and when it was by a header
// of years (or a label that is a year). Each cell is read as its figure followed by that unit.

// The cells of a row aligned with blanks ("Liczba rodzin zastępczych     118     121"): runs of
// two blanks or more part them. Only a row whose cells after the label are short (a figure, a
// year, "12,5%", "Liczba osób") is one: prose spaced twice after a full stop is none.
constexpr std::size_t k_aligned_cell_max = 24;

bool aligned_cells(std::string_view s, std::vector<std::string_view>& cells) {
  for (std::size_t at = 0; at < s.size();) {
    std::size_t gap = s.find("  ", at);
    if (gap == std::string_view::npos) gap = s.size();
    cells.push_back(s.substr(at, gap - at));
    at = s.find_first_not_of(' ', gap);
    if (at == std::string_view::npos) break;
  }
  if (cells.size() < 3) return false;
  for (std::size_t c = 1; c < cells.size(); ++c)
    if (cells[c].size() > k_aligned_cell_max) return false;
  return true;
}

// The cells of a table row: a line that opens with '|' (its last '|' optional), one with tabs
// between cells, or one aligned with blanks; at least three cells (a label and two figures, or
// a metryka's "| Label: | value |" is no table row). Cells are trimmed.
bool table_cells(std::string_view text, std::vector<std::string_view>& cells) {
  cells.clear();
  std::string_view s = trim(text);
  char sep = 0;
  if (s.starts_with('|')) {
    sep = '|';
    s.remove_prefix(1);
    if (s.ends_with('|')) s.remove_suffix(1);
  } else if (s.find('\t') != std::string_view::npos) {
    sep = '\t';
  } else if (s.find("  ") != std::string_view::npos) {
    return aligned_cells(s, cells);
  } else {
    return false;
  }
  for (std::size_t at = 0;;) {
    const std::size_t bar = s.find(sep, at);
    cells.push_back(trim(s.substr(at, bar == std::string_view::npos ? bar : bar - at)));
    if (bar == std::string_view::npos) break;
    at = bar + 1;
    if (sep == '\t')
      while (at < s.size() && s[at] == '\t') ++at;  // tabs that align the columns
  }
  return cells.size() >= 3;
}

// A cell that is one year ("2019", "2019 r.", "2019 rok"): that year, else 0.
int year_cell(std::string_view cell, const QuantityRules::Impl& r) {
  if (cell.size() < 4 || digit_run(cell, 0) != 4) return 0;
  std::string_view rest = trim(cell.substr(4));
  if (!rest.empty() && rest != "r." && rest != "r" && rest != "rok" && rest != "roku") return 0;
  const int y = (cell[0] - '0') * 1000 + (cell[1] - '0') * 100 + (cell[2] - '0') * 10 + (cell[3] - '0');
  return y >= r.year_min && y <= r.year_max ? y : 0;
}

bool has_digit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return is_digit(c); });
}

// What a row label or a column header says the figures under it are: the words to read after
// a figure ("osób objętych programem", "tys. zł", "%"), empty when it names none. `part`: the
// label opens with a [part_of] marker ("w tym dzieci"); `headed`: the unit followed a
// [unit_heads] noun ("Liczba osób") or is money or a percentage, so it is surely the unit.
struct TableUnit {
  std::string phrase;
  bool part = false, headed = false;
};

TableUnit table_unit(std::string_view label, const QuantityRules::Impl& r) {
  TableUnit u;
  const std::string lower = to_lower(label);
  struct Word {
    std::size_t b, e;
    int depth;  // inside brackets
  };
  std::vector<Word> words;
  int depth = 0;
  bool percent_sign = false;
  for (std::size_t i = 0; i < lower.size();) {
    std::size_t k = i;
    const char32_t cp = decode_cp(lower, k);
    if (is_letter_cp(cp)) {
      const std::size_t e = letter_run_end(lower, k);
      words.push_back({i, e, depth});
      i = e;
      continue;
    }
    if (cp == '(' || cp == '[') ++depth;
    else if ((cp == ')' || cp == ']') && depth > 0) --depth;
    else if (cp == '%') percent_sign = true;
    i = k;
  }
  auto word = [&](std::size_t k) { return std::string_view(lower).substr(words[k].b, words[k].e - words[k].b); };
  // Money: a currency word, with the scale word right before it ("tys. zł", "w mln zł").
  for (std::size_t k = 0; k < words.size(); ++k) {
    if (r.currency.find(word(k)) == r.currency.end()) continue;
    std::size_t from = k;
    if (k > 0 && r.scale.find(word(k - 1)) != r.scale.end()) from = k - 1;
    u.phrase = lower.substr(words[from].b, words[k].e - words[from].b);
    u.headed = true;
    return u;
  }
  bool percent = percent_sign;
  for (std::size_t k = 0; k < words.size() && !percent; ++k) percent = r.percent.contains(word(k));
  if (percent) {
    u.phrase = "%";
    u.headed = true;
    return u;
  }
  std::size_t k = 0;
  for (const auto& marker : r.part_of) {
    bool ok = marker.size() <= words.size();
    for (std::size_t m = 0; m < marker.size() && ok; ++m) ok = word(m) == marker[m];
    if (ok) {
      u.part = true;
      k = marker.size();
      break;
    }
  }
  if (k < words.size() && r.unit_heads.contains(word(k))) {
    u.headed = true;
    ++k;
  }
  if (k >= words.size() || words[k].depth > 0) return u;
  std::size_t end = k;  // the words up to a bracket
  while (end + 1 < words.size() && words[end + 1].depth == 0) ++end;
  u.phrase = lower.substr(words[k].b, words[end].e - words[k].b);
  return u;
}

// Reads a block of table rows (header first) that has years or units to give its cells. False,
// nothing read, when it has neither: its rows are then read as text.
bool read_table(std::span<const NumberedLine> rows, const QuantityRules::Impl& r, LineParser& parser,
                std::vector<Quantity>& out) {
  std::vector<std::string_view> header, cells;
  table_cells(rows[0].text, header);
  const std::size_t columns = header.size();
  std::vector<int> column_year(columns, 0);
  std::vector<TableUnit> column_unit(columns);
  bool years = true, units = false;
  for (std::size_t c = 1; c < columns; ++c) {
    column_year[c] = year_cell(header[c], r);
    years = years && column_year[c] != 0;
    if (has_digit(header[c])) continue;
    column_unit[c] = table_unit(header[c], r);
    units = units || (column_unit[c].headed && !column_unit[c].phrase.empty());
  }
  if (has_digit(header[0]) || (!years && !units)) return false;
  if (years) column_unit.assign(columns, TableUnit{});
  // The items of the last row that was no part ("w tym …"), per column: the wholes of parts.
  std::vector<int> whole(columns, -1);
  std::string text;
  for (std::size_t k = 1; k < rows.size(); ++k) {
    table_cells(rows[k].text, cells);
    const int row_year = year_cell(cells[0], r);
    const TableUnit row_unit = row_year ? TableUnit{} : table_unit(cells[0], r);
    const std::string context = normalize_space(rows[k].text);
    for (std::size_t c = 1; c < columns; ++c) {
      const std::string_view cell = cells[c];
      if (!has_digit(cell)) continue;
      // A cell with letters or a sign of its own ("45 000 zł", "12%") is read as it is.
      bool own = false;
      for (std::size_t i = 0; i < cell.size() && !own;) {
        const char32_t cp = decode_cp(cell, i);
        own = is_letter_cp(cp) || cp == '%';
      }
      // The row's label names the unit in a table of years; else the column's header does
      // when it surely names one, else a label that does.
      const TableUnit& unit = years ? row_unit
                              : !column_unit[c].phrase.empty() && column_unit[c].headed
                                  ? column_unit[c]
                                  : row_unit;
      if (!own && (unit.phrase.empty() || (!years && !unit.headed))) continue;
      text.assign(cell);
      if (!own) {
        text += ' ';
        text += unit.phrase;
      }
      const std::size_t before = out.size();
      parser.parse(NumberedLine{text, rows[k].line});
      if (out.size() != before + 1) {  // a cell is one figure: else it was misread
        out.resize(before);
        continue;
      }
      Quantity& q = out.back();
      q.surface = std::string(cell);
      q.context = context;
      if (const int y = column_year[c] ? column_year[c] : row_year) {
        q.year = y;
        q.period.reset();
      }
      if (row_unit.part) {
        if (whole[c] >= 0 && out[whole[c]].kind == q.kind) q.part_of = whole[c];
      } else {
        whole[c] = static_cast<int>(before);
      }
    }
  }
  return true;
}

}  // namespace

std::vector<Quantity> parse_quantities(std::span<const NumberedLine> lines,
                                       const QuantityRules& rules, bool* truncated,
                                       std::string_view heading,
                                       std::span<const int> section_starts) {
  std::vector<Quantity> out;
  thread_local Scratch scratch;
  LineParser parser(rules.impl(), out, scratch);
  // The page's heading: its title, else its first lines (where a page's own title stands when
  // the layout took a site banner for it).
  std::optional<int> page_year = report_year(heading, rules.impl());
  std::string_view page_heading = heading;
  // A list of reports ("Sprawozdanie … za 2023 rok", "Sprawozdanie … za 2022 rok") is no report
  // of one year: the line after the heading must not name another.
  for (std::size_t k = 0; !page_year && k < lines.size() && k < 2; ++k) {
    const std::optional<int> year = report_year(lines[k].text, rules.impl());
    if (!year) continue;
    const std::optional<int> next =
        k + 1 < lines.size() ? report_year(lines[k + 1].text, rules.impl()) : std::nullopt;
    if (!next || next == year) {
      page_year = year;
      page_heading = lines[k].text;
    }
    break;
  }
  std::optional<std::pair<std::string, std::string>> page_period;
  if (page_year) page_period = parser.heading_period(page_heading, *page_year);
  // Else a title naming one year ("Usługi opiekuńcze … w 2023 roku").
  bool page_past_only = false;
  if (!page_year)
    if (const std::optional<HeadingYear> h = heading_year(heading, rules.impl())) {
      page_year = h->year;
      page_past_only = !h->plan;
      page_period = parser.heading_period(heading, h->year);  // "… I półrocza 2023 r."
    }
  // The page's own time; a new section (a slide) goes back to it, leaving the headings of the
  // section before.
  auto page_time = [&] {
    parser.set_page_year(page_year, page_past_only);
    parser.set_page_period(page_period);
  };
  page_time();
  std::size_t section = 0;
  const std::size_t max = rules.impl().max_items;
  bool cut = false;
  std::vector<std::string_view> cells;
  std::string joined;  // a line and its wrapped rest, read as one
  for (std::size_t k = 0; k < lines.size(); ++k) {
    if (out.size() >= max) {
      cut = true;
      break;
    }
    bool new_section = false;
    for (; section < section_starts.size() && section_starts[section] <= lines[k].line; ++section)
      new_section = true;
    if (new_section) page_time();
    // A heading naming one year ("VI. Potrzeby na 2023 r.") dates the undated items under it;
    // not one of a list of such lines ("Sprawozdanie … za 2023 rok" / "… za 2022 rok").
    if (const std::optional<HeadingYear> h = heading_year(lines[k].text, rules.impl());
        h && !(k > 0 && heading_year(lines[k - 1].text, rules.impl())) &&
        !(k + 1 < lines.size() && heading_year(lines[k + 1].text, rules.impl()))) {
      parser.set_page_year(h->year, !h->plan);
      parser.set_page_period(parser.heading_period(lines[k].text, h->year));
      // On a deck's cover ("Realizacja w 2022 roku") it is the whole deck's time.
      if (!section_starts.empty() && section <= 1) {
        page_year = h->year;
        page_past_only = !h->plan;
        page_period = parser.heading_period(lines[k].text, h->year);
      }
    }
    // A block of table rows of one width (a cheap test first: a row opens with '|', holds a
    // tab or two blanks) is read as a table when its header gives years or units.
    const std::string_view text = lines[k].text;
    const std::size_t lead = text.find_first_not_of(' ');
    if (lead != std::string_view::npos &&
        (text[lead] == '|' || text.find('\t') != std::string_view::npos ||
         text.find("  ", lead) != std::string_view::npos) &&
        table_cells(text, cells)) {
      const std::size_t columns = cells.size();
      std::size_t end = k + 1;
      while (end < lines.size() && table_cells(lines[end].text, cells) && cells.size() == columns)
        ++end;
      if (end - k >= 2 && !read_table(lines.subspan(k, end - k), rules.impl(), parser, out))
        for (std::size_t row = k; row < end; ++row) parser.parse(lines[row]);
      if (end - k >= 2) {
        k = end - 1;
        continue;
      }
    }
    if (k + 1 < lines.size() && wrapped_change(text, lines[k + 1].text)) {
      joined.assign(text);
      joined += ' ';
      joined += trim(lines[k + 1].text);
      parser.parse(NumberedLine{joined, lines[k].line});
      ++k;
      continue;
    }
    parser.parse(lines[k]);
  }
  if (out.size() > max) {
    cut = true;
    out.resize(max);
  }
  // part_of points at earlier items only, so no kept item refers to a dropped one.
  if (truncated) *truncated = cut;
  // "4,1 mln zł" is 4.1 × 10⁶ in binary floating point: 4099999.9999999995. A figure written
  // with a few decimals is exact to the millionth; rounded there, it is what the page says.
  auto exact = [](double& v) {
    if (std::isfinite(v) && std::fabs(v) < 1e12) v = std::round(v * 1e6) / 1e6;
  };
  for (Quantity& q : out) {
    exact(q.value);
    if (q.min) exact(*q.min);
    if (q.max) exact(*q.max);
    if (q.from) exact(q.from->value);
    if (q.to) exact(q.to->value);
  }
  return out;
}

namespace detail {

bool has_numeral_word(std::string_view line, const QuantityRules& rules, bool plain) {
  std::vector<Quantity> out;
  Scratch scratch;
  return LineParser(rules.impl(), out, scratch).has_numeral_word(line, plain);
}

}  // namespace detail

void set_quantities_fast_paths(bool on) { fast_paths_on.store(on, std::memory_order_relaxed); }

}  // namespace bdp
