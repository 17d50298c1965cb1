// The diacritics stage (see diacritics.h). First a scan for the letters the grammar's
// [letters] restore (all two-byte UTF-8, looked up in a table of lead and continuation bytes)
// that gives up as soon as they pass `max_marked_share` of the page's bytes — on a page with
// diacritics a few hundred bytes in. Only a page that passes goes on: its words are the runs
// of ASCII letters of its blank-separated chunks (a chunk with '@', "://" or a dot between two
// letters or digits is an address, left alone; a run touching another letter is a foreign
// word). Each word is decided once per process (a cache shared by the threads): known to
// Hunspell as written, a [words] entry, restored (one known variant at the lowest number of
// changed letters), ambiguous (several) or unknown. The page is restored when enough of its
// words have their one variant; [words] entries alone never decide that ("sie" is German too).
// Context then corrects single words: [phrases] (words in a row), [after_comma] ("…, ze" →
// "…, że"), [after] (a preposition of the instrumental gives the next words their -ą) and
// agreement (a word ending in -ą passes it on to the next). Hunspell is called under the
// Lemmatizer's lock, so -j2 workers take turns.
#include "bdp/diacritics.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include <fmt/format.h>
#include <unicode/uchar.h>

#include "bdp/text.h"

namespace bdp {

namespace {
constexpr std::string_view kFile = "diacritics.grammar";

/// What a word written without diacritics is.
enum class Kind : std::uint8_t { known, listed, restored, ambiguous, unknown };

struct Decision {
  Kind kind = Kind::unknown;
  std::string restored;  // for listed and restored
};

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_alnum(char c) { return is_ascii_letter(c) || (c >= '0' && c <= '9'); }

}  // namespace

struct DiacriticsRules::Impl {
  bool enabled = true;
  double max_marked_share = 0.002;
  std::size_t min_letters = 200;
  double min_restorable_share = 0.06;
  std::size_t min_restorable = 5;
  std::size_t max_variants = 300;
  std::size_t max_word_length = 40;
  std::size_t acronym_max_length = 3;
  /// For each ASCII letter, the letters it may stand for (capitals for a capital).
  std::array<std::vector<char32_t>, 128> variants;
  /// The restored letters as two-byte UTF-8: bit (c & 63) of marked[lead] for each.
  std::array<std::uint64_t, 256> marked{};
  std::unordered_map<std::string, std::string> words;  // lower case → restored lower case
  std::unordered_map<std::string, std::string> capital_words;  // the same, for "Uchwala"/"UCHWALA"
  /// [phrases]: words in a row (lower case) and their restored forms, by their first word.
  struct Phrase {
    std::vector<std::string> words, restored;
  };
  std::unordered_map<std::string, std::vector<Phrase>> phrases;
  std::unordered_map<std::string, std::string> after_comma;  // [after_comma]: ze → że
  /// [after]: a word (lower case) and the final letter a word after it takes ('a' → U'ą').
  struct After {
    char from = 0;
    char32_t to = 0;
  };
  std::unordered_map<std::string, After> after;
  std::size_t after_words = 2;
  std::size_t agreement_min_length = 4;

  mutable std::mutex cache_mutex;
  mutable std::unordered_map<std::string, Decision> cache;
  static constexpr std::size_t kCacheMax = 200000;

  /// Decides `word` (ASCII letters only).
  Decision decide(const std::string& word, const Lemmatizer& lem) const;
  Decision cached(const std::string& word, const Lemmatizer& lem) const {
    {
      std::lock_guard lock(cache_mutex);
      if (auto it = cache.find(word); it != cache.end()) return it->second;
    }
    Decision d = decide(word, lem);
    std::lock_guard lock(cache_mutex);
    if (cache.size() < kCacheMax) cache.emplace(word, d);
    return d;
  }
};

DiacriticsRules::DiacriticsRules(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DiacriticsRules::~DiacriticsRules() = default;

namespace {

/// `form` (lower case) in the case pattern of `like`: all capitals, a capital first, or as is.
std::string with_case_of(std::string_view like, std::string_view form) {
  const bool first_upper = !like.empty() && like[0] >= 'A' && like[0] <= 'Z';
  bool all_upper = like.size() > 1;
  for (char c : like) all_upper = all_upper && c >= 'A' && c <= 'Z';
  if (!first_upper) return std::string(form);
  std::string out;
  out.reserve(form.size());
  bool first = true;
  for (std::size_t i = 0; i < form.size();) {
    char32_t c = next_cp(form, i);
    if (first || all_upper) c = static_cast<char32_t>(u_toupper(static_cast<UChar32>(c)));
    first = false;
    append_utf8(out, c);
  }
  return out;
}

}  // namespace

std::unique_ptr<DiacriticsRules> DiacriticsRules::compile(const Grammars& g,
                                                          std::vector<GrammarError>& errors) {
  auto impl = std::make_unique<Impl>();
  const std::size_t errors_before = errors.size();
  auto number = [&](const GrammarEntry& e, double max) -> double {
    double v = 0;
    auto [p, ec] = std::from_chars(e.value.data(), e.value.data() + e.value.size(), v);
    if (ec != std::errc() || p != e.value.data() + e.value.size() || v < 0 || v > max) {
      errors.push_back(
          g.error_at(kFile, e, fmt::format("'{}' needs a number from 0 to {}", e.key, max)));
      return -1;
    }
    return v;
  };
  auto whole = [&](const GrammarEntry& e, std::size_t& out) {
    if (double v = number(e, 100000); v >= 0) out = static_cast<std::size_t>(v);
  };
  auto share = [&](const GrammarEntry& e, double& out) {
    if (double v = number(e, 1); v >= 0) out = v;
  };
  for (const auto& e : g.entries(kFile, "settings")) {
    if (e.key == "enabled") {
      std::size_t v = 1;
      whole(e, v);
      impl->enabled = v != 0;
    } else if (e.key == "max_marked_share") share(e, impl->max_marked_share);
    else if (e.key == "min_letters") whole(e, impl->min_letters);
    else if (e.key == "min_restorable_share") share(e, impl->min_restorable_share);
    else if (e.key == "min_restorable") whole(e, impl->min_restorable);
    else if (e.key == "max_variants") whole(e, impl->max_variants);
    else if (e.key == "max_word_length") whole(e, impl->max_word_length);
    else if (e.key == "acronym_max_length") whole(e, impl->acronym_max_length);
    else if (e.key == "after_words") whole(e, impl->after_words);
    else if (e.key == "agreement_min_length") whole(e, impl->agreement_min_length);
    else errors.push_back(g.error_at(kFile, e, fmt::format("unknown setting '{}'", e.key)));
  }
  auto mark = [&](char32_t c) {
    std::string u;
    append_utf8(u, c);
    if (u.size() != 2) return false;
    impl->marked[static_cast<unsigned char>(u[0])] |=
        std::uint64_t{1} << (static_cast<unsigned char>(u[1]) & 63);
    return true;
  };
  for (const auto& e : g.entries(kFile, "letters")) {
    const bool one_letter = e.key.size() == 1 && e.key[0] >= 'a' && e.key[0] <= 'z';
    bool ok = one_letter && !e.value.empty();
    std::vector<char32_t> lower, upper;
    for (std::string_view v : split_words(e.value)) {
      std::size_t i = 0;
      const char32_t c = next_cp(v, i);
      const auto up = static_cast<char32_t>(u_toupper(static_cast<UChar32>(c)));
      ok = ok && i == v.size() && c >= 0x80 && mark(c) && mark(up);
      lower.push_back(c);
      upper.push_back(up);
    }
    if (!ok) {
      errors.push_back(g.error_at(
          kFile, e, "needs 'a = ą': an ASCII letter and the Polish letters it may stand for"));
      continue;
    }
    impl->variants[static_cast<unsigned char>(e.key[0])] = std::move(lower);
    impl->variants[static_cast<unsigned char>(e.key[0] - 'a' + 'A')] = std::move(upper);
  }
  for (const auto& e : g.entries(kFile, "words")) {
    const bool capital = !e.key.empty() && e.key[0] >= 'A' && e.key[0] <= 'Z';
    const std::string key = to_lower(e.key), value = to_lower(e.value);
    bool ok = !e.value.empty() && count_code_points(key) == count_code_points(value);
    for (char c : key) ok = ok && c >= 'a' && c <= 'z';
    if (!ok) {
      errors.push_back(g.error_at(
          kFile, e, "needs 'zl = zł': an ASCII word and the same word with diacritics"));
      continue;
    }
    (capital ? impl->capital_words : impl->words)[key] = value;
  }
  for (const auto& e : g.entries(kFile, "phrases")) {
    Impl::Phrase ph;
    for (std::string_view w : split_words(e.key)) ph.words.push_back(to_lower(w));
    for (std::string_view w : split_words(e.value)) ph.restored.push_back(to_lower(w));
    bool ok = ph.words.size() >= 2 && ph.words.size() == ph.restored.size();
    for (std::size_t k = 0; ok && k < ph.words.size(); ++k) {
      ok = count_code_points(ph.words[k]) == count_code_points(ph.restored[k]);
      for (char c : ph.words[k]) ok = ok && c >= 'a' && c <= 'z';
    }
    if (!ok) {
      errors.push_back(g.error_at(kFile, e,
                                  "needs 'a b = ą b': two or more ASCII words and the same "
                                  "words with diacritics"));
      continue;
    }
    impl->phrases[ph.words.front()].push_back(std::move(ph));
  }
  for (const auto& e : g.entries(kFile, "after_comma")) {
    bool ok = !e.value.empty() && count_code_points(e.key) == count_code_points(e.value);
    for (char c : e.key) ok = ok && c >= 'a' && c <= 'z';
    if (!ok) {
      errors.push_back(g.error_at(
          kFile, e, "needs 'ze = że': a lower-case ASCII word and the same word with diacritics"));
      continue;
    }
    impl->after_comma[e.key] = to_lower(e.value);
  }
  for (const auto& e : g.entries(kFile, "after")) {
    const auto parts = split_words(e.value);
    bool ok = !e.key.empty() && parts.size() == 2 && parts[0].size() == 1 &&
              parts[0][0] >= 'a' && parts[0][0] <= 'z';
    for (char c : e.key) ok = ok && c >= 'a' && c <= 'z';
    char32_t to = 0;
    if (ok) {
      std::size_t i = 0;
      to = next_cp(parts[1], i);
      ok = i == parts[1].size() && to >= 0x80;
    }
    if (!ok) {
      errors.push_back(g.error_at(kFile, e, "needs 'z = a ą': an ASCII word, a final letter and "
                                            "the letter it becomes"));
      continue;
    }
    impl->after[e.key] = {parts[0][0], to};
  }
  if (errors.size() != errors_before) return nullptr;
  return std::unique_ptr<DiacriticsRules>(new DiacriticsRules(std::move(impl)));
}

Decision DiacriticsRules::Impl::decide(const std::string& word, const Lemmatizer& lem) const {
  const std::string lower = to_lower(word);
  if (auto it = words.find(lower); it != words.end())
    return {Kind::listed, with_case_of(word, it->second)};
  if (word[0] >= 'A' && word[0] <= 'Z')
    if (auto it = capital_words.find(lower); it != capital_words.end())
      return {Kind::listed, with_case_of(word, it->second)};
  bool capitals = true;
  for (char c : word) capitals = capitals && c >= 'A' && c <= 'Z';
  if (capitals && word.size() <= acronym_max_length) return {Kind::known, {}};  // KIS, OPS
  if (lem.spelled(word)) return {Kind::known, {}};
  // The letters that may have lost a diacritic; variants with 1, 2, … of them changed.
  std::vector<std::size_t> at;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (!variants[static_cast<unsigned char>(word[i])].empty()) at.push_back(i);
  std::vector<char32_t> choice(word.size(), 0);  // 0: as written
  std::vector<std::string> found;
  std::size_t tried = 0;
  auto build = [&] {
    std::string v;
    v.reserve(word.size() + 8);
    for (std::size_t i = 0; i < word.size(); ++i) {
      if (choice[i]) append_utf8(v, choice[i]);
      else v.push_back(word[i]);
    }
    return v;
  };
  // Chooses `left` more positions from at[from…] (and a letter for each); false when the
  // budget ran out.
  auto level = [&](auto& self, std::size_t from, std::size_t left) -> bool {
    if (left == 0) {
      if (++tried > max_variants) return false;
      std::string v = build();
      if (lem.spelled(v)) found.push_back(std::move(v));
      return true;
    }
    for (std::size_t k = from; k + left <= at.size(); ++k) {
      for (char32_t c : variants[static_cast<unsigned char>(word[at[k]])]) {
        choice[at[k]] = c;
        const bool go_on = self(self, k + 1, left - 1);
        choice[at[k]] = 0;
        if (!go_on) return false;
      }
    }
    return true;
  };
  for (std::size_t changes = 1; changes <= at.size(); ++changes) {
    // A level cut short by the budget still decides when it found one variant: a long word
    // ("niepelnosprawnoscia") rarely has two at one number of changes.
    const bool complete = level(level, 0, changes);
    if (found.size() == 1) return {Kind::restored, std::move(found.front())};
    if (!found.empty()) return {Kind::ambiguous, {}};
    if (!complete) break;
  }
  return {Kind::unknown, {}};
}

namespace {

/// Whether the page may be written without diacritics: few of `marked` letters among its
/// letters, and enough letters. Gives up as soon as the marked letters pass the share of the
/// page's bytes (a bound on its letters).
bool candidate_page(std::string_view text, const DiacriticsRules::Impl& r) {
  if (text.size() < r.min_letters) return false;
  const auto limit = static_cast<std::size_t>(r.max_marked_share * static_cast<double>(text.size()));
  std::size_t marked = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  for (std::size_t i = 0; i + 1 < n; ++i) {
    if (p[i] < 0xC2) continue;
    const std::uint64_t m = r.marked[p[i]];
    if (m != 0 && (p[i + 1] & 0xC0) == 0x80 && ((m >> (p[i + 1] & 63)) & 1) != 0 && ++marked > limit)
      return false;
  }
  std::size_t letters = 0;
  for (std::size_t i = 0; i < n;) {
    if (is_ascii_letter(text[i])) {
      ++letters;
      ++i;
      continue;
    }
    const char32_t c = next_cp(text, i);
    letters += c >= 0x80 && u_isalpha(static_cast<UChar32>(c));
  }
  return letters >= r.min_letters &&
         static_cast<double>(marked) <= r.max_marked_share * static_cast<double>(letters);
}

bool is_blank_byte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// A word of the page: where it is and what it is.
struct Word {
  std::size_t at = 0, size = 0;
  Decision decision;
};

/// The ASCII words of `text`, outside addresses (see the top of this file).
std::vector<Word> page_words(std::string_view text, std::size_t max_length) {
  std::vector<Word> out;
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    while (i < n && is_blank_byte(text[i])) ++i;
    std::size_t end = i;
    while (end < n && !is_blank_byte(text[end])) ++end;
    const std::string_view chunk = text.substr(i, end - i);
    bool address = chunk.find('@') != std::string_view::npos ||
                   chunk.find("://") != std::string_view::npos;
    for (std::size_t k = 1; !address && k + 1 < chunk.size(); ++k)
      address = chunk[k] == '.' && is_ascii_alnum(chunk[k - 1]) && is_ascii_alnum(chunk[k + 1]);
    if (!address) {
      for (std::size_t k = 0; k < chunk.size();) {
        if (!is_ascii_letter(chunk[k])) {
          ++k;
          continue;
        }
        std::size_t e = k;
        while (e < chunk.size() && is_ascii_letter(chunk[e])) ++e;
        // a letter of another alphabet right before or after: a foreign word ("Müller")
        bool foreign = false;
        if (e < chunk.size() && static_cast<unsigned char>(chunk[e]) >= 0x80) {
          std::size_t j = e;
          foreign = u_isalpha(static_cast<UChar32>(next_cp(chunk, j)));
        }
        if (k > 0 && static_cast<unsigned char>(chunk[k - 1]) >= 0x80) {
          std::size_t j = k - 1;
          while (j > 0 && (static_cast<unsigned char>(chunk[j]) & 0xC0) == 0x80) --j;
          foreign = foreign || u_isalpha(static_cast<UChar32>(next_cp(chunk, j)));
        }
        if (!foreign && e - k <= max_length) out.push_back({i + k, e - k, {}});
        k = e;
      }
    }
    i = end;
  }
  return out;
}

}  // namespace

DiacriticsStats restore_diacritics(SourcePage& page, const DiacriticsRules& rules,
                                   const Lemmatizer& lemmatizer) {
  const DiacriticsRules::Impl& r = rules.impl();
  DiacriticsStats st;
  if (!r.enabled || !candidate_page(page.text, r) || !lemmatizer.available()) return st;
  st.candidate = true;
  std::vector<Word> words = page_words(page.text, r.max_word_length);
  std::string w;
  st.words = static_cast<int>(words.size());
  for (std::size_t k = 0; k < words.size(); ++k) {
    // A long page in another language gives up early: its first few hundred words already show
    // far fewer restorable words than the threshold (each unknown word costs its variants).
    if (k > 0 && k % 256 == 0 &&
        2.0 * st.restorable < r.min_restorable_share * static_cast<double>(k))
      return st;
    Word& word = words[k];
    w.assign(page.text, word.at, word.size);
    word.decision = r.cached(w, lemmatizer);
    st.restorable += word.decision.kind == Kind::restored;
    st.ambiguous += word.decision.kind == Kind::ambiguous;
  }
  const auto restorable = static_cast<std::size_t>(st.restorable);
  if (restorable < r.min_restorable ||
      static_cast<double>(restorable) < r.min_restorable_share * static_cast<double>(words.size()))
    return st;

  // [phrases]: words in a row, with nothing but blanks between them, take the phrase's forms.
  if (!r.phrases.empty()) {
    for (std::size_t i = 0; i < words.size(); ++i) {
      auto it = r.phrases.find(to_lower(std::string_view(page.text).substr(words[i].at, words[i].size)));
      if (it == r.phrases.end()) continue;
      for (const auto& ph : it->second) {
        bool match = i + ph.words.size() <= words.size();
        for (std::size_t k = 1; match && k < ph.words.size(); ++k) {
          const Word& a = words[i + k - 1];
          const Word& b = words[i + k];
          for (std::size_t j = a.at + a.size; match && j < b.at; ++j)
            match = page.text[j] == ' ' || page.text[j] == '\t';
          match = match && to_lower(std::string_view(page.text).substr(b.at, b.size)) == ph.words[k];
        }
        if (!match) continue;
        for (std::size_t k = 0; k < ph.words.size(); ++k) {
          Word& w = words[i + k];
          w.decision = {Kind::listed,
                        with_case_of(std::string_view(page.text).substr(w.at, w.size), ph.restored[k])};
        }
        break;
      }
    }
  }

  // [after_comma]: a word right after a comma (blanks between) takes its entry's form.
  for (Word& w : words) {
    if (r.after_comma.empty()) break;
    std::size_t j = w.at;
    while (j > 0 && (page.text[j - 1] == ' ' || page.text[j - 1] == '\t')) --j;
    if (j == 0 || page.text[j - 1] != ',') continue;
    const std::string_view written = std::string_view(page.text).substr(w.at, w.size);
    if (auto it = r.after_comma.find(to_lower(written)); it != r.after_comma.end())
      w.decision = {Kind::listed, with_case_of(written, it->second)};
  }

  // [after]: up to `after_words` words right after a preposition of the instrumental ending in
  // "a" end in "ą" when the dictionary knows that form ("z rodzina zastepcza").
  auto blanks_between = [&](const Word& a, const Word& b) {
    for (std::size_t j = a.at + a.size; j < b.at; ++j)
      if (page.text[j] != ' ' && page.text[j] != '\t') return false;
    return true;
  };
  auto current = [&](const Word& w) {
    const bool restored = w.decision.kind == Kind::restored || w.decision.kind == Kind::listed;
    return restored ? w.decision.restored : page.text.substr(w.at, w.size);
  };
  if (!r.after.empty()) {
    std::string form;
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
      auto it = r.after.find(to_lower(std::string_view(page.text).substr(words[i].at, words[i].size)));
      if (it == r.after.end()) continue;
      for (std::size_t k = i + 1; k < words.size() && k <= i + r.after_words; ++k) {
        Word& w = words[k];
        if (!blanks_between(words[k - 1], w)) break;
        const char last = page.text[w.at + w.size - 1];
        if ((last | 0x20) != it->second.from || w.size < 2) break;
        form = current(w);
        form.pop_back();
        append_utf8(form, last >= 'a' ? it->second.to
                                      : static_cast<char32_t>(u_toupper(static_cast<UChar32>(it->second.to))));
        if (!lemmatizer.spelled(form)) break;
        w.decision = {Kind::listed, form};
      }
    }
  }

  // Agreement: a word of at least `agreement_min_length` letters whose form ends in an [after]
  // rule's second letter passes the rule on to the next word ("za pomocą spoleczna" →
  // "za pomocą społeczną").
  if (r.agreement_min_length > 0 && !r.after.empty()) {
    std::string form;
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
      if (words[i].size < r.agreement_min_length) continue;
      const std::string prev = current(words[i]);
      Word& w = words[i + 1];
      const char last = page.text[w.at + w.size - 1];
      for (const auto& [key, rule] : r.after) {
        std::string to;
        append_utf8(to, rule.to);
        if (!prev.ends_with(to) || last != rule.from || w.size < 2 || !blanks_between(words[i], w))
          continue;
        form = current(w);
        form.pop_back();
        form += to;
        if (lemmatizer.spelled(form)) w.decision = {Kind::listed, form};
        break;
      }
    }
  }

  // The restored text; each restored word keeps its code points, so only byte offsets move.
  std::string out;
  out.reserve(page.text.size() + page.text.size() / 8);
  std::vector<std::pair<std::size_t, std::size_t>> shifts;  // (old byte, bytes added before it)
  std::size_t from = 0, added = 0;
  for (const Word& word : words) {
    const Decision& d = word.decision;
    if (d.kind != Kind::restored && d.kind != Kind::listed) continue;
    out.append(page.text, from, word.at - from);
    out += d.restored;
    from = word.at + word.size;
    added += d.restored.size() - word.size;
    shifts.emplace_back(from, added);
    ++st.restored;
  }
  out.append(page.text, from, std::string::npos);
  auto added_before = [&](std::size_t old_byte) {
    auto it = std::upper_bound(shifts.begin(), shifts.end(), std::make_pair(old_byte, SIZE_MAX));
    return it == shifts.begin() ? std::size_t{0} : std::prev(it)->second;
  };
  for (SourcePage::FileLine& f : page.file_lines) {
    if (f.offset == 0 || f.line >= page.line_count()) continue;
    const std::string_view line = page.line(f.line);
    const auto start = static_cast<std::size_t>(line.data() - page.text.data());
    f.offset += static_cast<std::uint32_t>(added_before(start + f.offset) - added_before(start));
  }
  page.text = std::move(out);
  page.index_lines();
  page.diagnostics.push_back(
      {Severity::info, "source.diacritics_restored", 0, 0,
       fmt::format("written without Polish diacritics: {} of {} words restored{}", st.restored,
                   st.words,
                   st.ambiguous > 0 ? fmt::format(", {} left as written (several readings)",
                                                  st.ambiguous)
                                    : std::string())});
  return st;
}

}  // namespace bdp
