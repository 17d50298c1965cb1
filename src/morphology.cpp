// Lemmatiser: Hunspell's stemmer over the pl_PL dictionary, with an override table from
// grammars/morphology.grammar consulted first. The dictionary is ISO-8859-2, so words are
// converted with ICU on the way in and out. Hunspell is not documented as thread-safe; one
// mutex per dictionary serialises calls, and a small per-word cache keeps the lock short on
// hot words.
#include "bdp/morphology.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include <hunspell/hunspell.hxx>
#include <unicode/ucnv.h>

#include "bdp/grammar.h"
#include "bdp/text.h"

#ifndef BDP_HUNSPELL_DIR
#define BDP_HUNSPELL_DIR "/usr/share/hunspell"
#endif

namespace bdp {

namespace {

std::atomic<bool> fast_paths_on{true};

/// ICU's conversion of `in` from charset `from` to `to` (the plain way; ucnv_convert opens
/// and closes both converters on every call).
std::string icu_convert(std::string_view in, const char* to, const char* from) {
  if (in.empty()) return {};
  UErrorCode status = U_ZERO_ERROR;
  std::string out(in.size() * 4 + 4, '\0');
  int32_t n = ucnv_convert(to, from, out.data(), static_cast<int32_t>(out.size()), in.data(),
                           static_cast<int32_t>(in.size()), &status);
  if (U_FAILURE(status)) return {};
  out.resize(static_cast<std::size_t>(n));
  return out;
}

/// A single-byte charset (the dictionary's ISO-8859-2) as a table read off ICU once: each
/// byte's UTF-8, and back each code point that one byte alone gives. ICU converts such a
/// charset byte by byte, without state, so a word's conversion is the concatenation of its
/// bytes' (or code points') conversions. What the table does not hold (a code point no
/// byte gives, invalid UTF-8) goes to ICU as before.
class ByteCharset {
 public:
  explicit ByteCharset(const std::string& name) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter* conv = ucnv_open(name.c_str(), &status);
    if (U_FAILURE(status) || !conv) return;
    const UConverterType type = ucnv_getType(conv);
    const bool single = ucnv_getMaxCharSize(conv) == 1 &&
                        (type == UCNV_SBCS || type == UCNV_LATIN_1 || type == UCNV_US_ASCII);
    ucnv_close(conv);
    if (!single) return;
    // Two ICU calls: every byte at once (one code point each), then the code points back.
    std::string bytes(256, '\0');
    for (int b = 0; b < 256; ++b) bytes[static_cast<std::size_t>(b)] = static_cast<char>(b);
    const std::string u = icu_convert(bytes, "UTF-8", name.c_str());
    std::unordered_map<char32_t, int> seen;  // code point → byte, -1: given by two bytes
    std::size_t i = 0;
    for (int b = 0; b < 256; ++b) {
      if (i >= u.size()) return;
      const std::size_t from = i;
      const char32_t cp = next_cp(u, i);
      utf8_[static_cast<std::size_t>(b)] = u.substr(from, i - from);
      auto [it, fresh] = seen.emplace(cp, b);
      if (!fresh) it->second = -1;
    }
    if (i != u.size()) return;
    for (int b = 0; b < 0x80; ++b)  // ASCII as itself, both ways
      if (auto it = seen.find(static_cast<char32_t>(b)); it == seen.end() || it->second != b) return;
    std::string back_utf8, back_bytes;
    for (const auto& [cp, b] : seen)
      if (b >= 0x80) {
        back_utf8 += utf8_[static_cast<std::size_t>(b)];
        back_bytes += static_cast<char>(b);
        back_.emplace(cp, static_cast<char>(b));
      }
    if (icu_convert(back_utf8, name.c_str(), "UTF-8") != back_bytes) return;
    ok_ = true;
  }
  bool ok() const { return ok_; }

  /// `in` (this charset) as UTF-8.
  std::string to_utf8(std::string_view in) const {
    std::string out;
    out.reserve(in.size() * 2);
    for (char c : in) out += utf8_[static_cast<unsigned char>(c)];
    return out;
  }

  /// UTF-8 `in` in this charset; false when a code point is not in the table or the UTF-8
  /// is not valid.
  bool from_utf8(std::string_view in, std::string& out) const {
    out.clear();
    out.reserve(in.size());
    const auto* p = reinterpret_cast<const unsigned char*>(in.data());
    const std::size_t n = in.size();
    for (std::size_t i = 0; i < n;) {
      if (p[i] < 0x80) {
        out += static_cast<char>(p[i++]);
        continue;
      }
      // Two- and three-byte sequences only, well formed, no surrogates (all else to ICU).
      char32_t cp;
      if (p[i] >= 0xC2 && p[i] < 0xE0 && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
        cp = (static_cast<char32_t>(p[i] & 0x1F) << 6) | (p[i + 1] & 0x3F);
        i += 2;
      } else if (p[i] >= 0xE0 && p[i] < 0xF0 && i + 2 < n && (p[i + 1] & 0xC0) == 0x80 &&
                 (p[i + 2] & 0xC0) == 0x80) {
        cp = (static_cast<char32_t>(p[i] & 0x0F) << 12) |
             (static_cast<char32_t>(p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F);
        if (cp < 0x800 || (cp >= 0xD800 && cp < 0xE000)) return false;
        i += 3;
      } else {
        return false;
      }
      auto it = back_.find(cp);
      if (it == back_.end()) return false;
      out += it->second;
    }
    return true;
  }

 private:
  bool ok_ = false;
  std::array<std::string, 256> utf8_;
  std::unordered_map<char32_t, char> back_;
};

/// `in` converted between UTF-8 and a charset (either way) as ICU converts it, through
/// `table` (the charset's, or null).
std::string table_convert(std::string_view in, const char* to, const char* from,
                          const ByteCharset* table) {
  if (table && table->ok() && !in.empty()) {
    if (std::strcmp(from, "UTF-8") != 0) return table->to_utf8(in);
    std::string out;
    if (table->from_utf8(in, out)) return out;
  }
  return icu_convert(in, to, from);
}

/// table_convert on the fast path, else ICU alone.
std::string convert(std::string_view in, const char* to, const char* from,
                    const ByteCharset* table) {
  return table_convert(in, to, from,
                       fast_paths_on.load(std::memory_order_relaxed) ? table : nullptr);
}

bool is_all_lower(std::string_view s) { return to_lower(s) == s; }

std::size_t common_prefix_cps(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0, n = 0;
  while (i < a.size() && j < b.size()) {
    if (next_cp(a, i) != next_cp(b, j)) break;
    ++n;
  }
  return n;
}

/// A loaded Hunspell dictionary, shared by every Lemmatizer of the process and never freed:
/// loading costs ~0.1 s and freeing its million small allocations at exit as much again,
/// for nothing (the OS takes the memory back). Reachable from a static, so leak checkers
/// do not report it.
struct Dictionary {
  Hunspell hunspell;
  std::string encoding;
  std::mutex mutex;
  std::unique_ptr<ByteCharset> charset;  // the encoding's table, unless it is UTF-8
  Dictionary(const std::string& aff, const std::string& dic)
      : hunspell(aff.c_str(), dic.c_str()), encoding(hunspell.get_dict_encoding()) {
    if (encoding == "ISO8859-2") encoding = "ISO-8859-2";
    if (encoding != "UTF-8") charset = std::make_unique<ByteCharset>(encoding);
  }
};

Dictionary& shared_dictionary(const std::string& aff, const std::string& dic) {
  static std::mutex mutex;
  static auto* loaded = new std::unordered_map<std::string, Dictionary*>();
  std::lock_guard lock(mutex);
  Dictionary*& d = (*loaded)[aff + '\n' + dic];
  if (!d) d = new Dictionary(aff, dic);
  return *d;
}

}  // namespace

struct Lemmatizer::Impl {
  // The dictionary is loaded on the first lookup, so runs that never need a lemma (and
  // --help, schema, diff) do not pay for it.
  std::string aff_path, dic_path;
  mutable std::once_flag loaded;
  mutable Dictionary* dictionary = nullptr;
  mutable std::thread preloader;  // joined before the Impl goes away
  std::unordered_map<std::string, std::string> overrides;  // lower-case form → lemma
  /// An inflected noun ending and the nominative endings it may stand for, in order.
  struct NounEnding {
    std::string ending;
    std::vector<std::string> nominatives;
    bool plural = false;
  };
  /// An inflected adjective ending and its nominative per gender (masculine, feminine,
  /// neuter, plural); empty where the ending cannot be that gender.
  struct AdjectiveEnding {
    std::string ending;
    std::array<std::string, 4> nominatives;
    std::array<bool, 4> possible{};
  };
  /// The endings of one grammatical case, longest first (file order within a length).
  struct CaseEndings {
    std::vector<NounEnding> nouns;
    std::vector<AdjectiveEnding> adjectives;
  };
  CaseEndings locative, genitive;
  std::vector<std::string> nominative_endings;  // [place_nominative]
  mutable std::mutex cache_mutex;
  mutable std::unordered_map<std::string, std::vector<std::string>> cache;

  ~Impl() {
    if (preloader.joinable()) preloader.join();
  }

  void load() const {
    std::call_once(loaded, [this] {
      if (!aff_path.empty()) dictionary = &shared_dictionary(aff_path, dic_path);
    });
  }

  std::vector<std::string> hunspell_stems(const std::string& word) const {
    load();
    if (!dictionary) return {};
    {
      std::lock_guard lock(cache_mutex);
      if (auto it = cache.find(word); it != cache.end()) return it->second;
    }
    const std::string& enc = dictionary->encoding;
    std::string encoded =
        enc == "UTF-8" ? word : convert(word, enc.c_str(), "UTF-8", dictionary->charset.get());
    std::vector<std::string> out;
    if (!encoded.empty()) {
      std::vector<std::string> stems;
      {
        std::lock_guard lock(dictionary->mutex);
        stems = dictionary->hunspell.stem(encoded);
      }
      for (const auto& s : stems) {
        std::string u =
            enc == "UTF-8" ? s : convert(s, "UTF-8", enc.c_str(), dictionary->charset.get());
        if (!u.empty() && std::find(out.begin(), out.end(), u) == out.end()) out.push_back(u);
      }
    }
    std::lock_guard lock(cache_mutex);
    if (cache.size() < 100000) cache.emplace(word, out);
    return out;
  }
};

bool Lemmatizer::spelled(std::string_view word) const {
  impl_->load();
  Dictionary* d = impl_->dictionary;
  if (!d || word.empty()) return false;
  const std::string encoded =
      d->encoding == "UTF-8" ? std::string(word)
                              : convert(word, d->encoding.c_str(), "UTF-8", d->charset.get());
  if (encoded.empty()) return false;
  std::lock_guard lock(d->mutex);
  return d->hunspell.spell(encoded);
}

Lemmatizer::Lemmatizer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Lemmatizer::~Lemmatizer() = default;

std::unique_ptr<Lemmatizer> Lemmatizer::create(const Grammars& g,
                                               std::vector<GrammarError>& errors) {
  auto impl = std::make_unique<Impl>();
  for (const auto& e : g.entries("morphology.grammar", "override")) {
    if (e.value.empty()) {
      errors.push_back(g.error_at("morphology.grammar", e, "override needs 'form = lemma'"));
      continue;
    }
    impl->overrides[to_lower(e.key)] = e.value;
  }
  auto read_nouns = [&](const char* section, bool plural, Impl::CaseEndings& into) {
    for (const auto& e : g.entries("morphology.grammar", section)) {
      Impl::NounEnding n{to_lower(e.key), {}, plural};
      std::string_view rest = e.value;
      while (!rest.empty()) {
        std::size_t bar = rest.find('|');
        std::string a(trim(rest.substr(0, bar)));
        rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
        if (!a.empty()) n.nominatives.push_back(a == "0" ? std::string() : a);
      }
      if (n.ending.empty() || n.nominatives.empty()) {
        errors.push_back(g.error_at("morphology.grammar", e,
                                    "needs 'ending = nominative ending | …' (0 for none)"));
        continue;
      }
      into.nouns.push_back(std::move(n));
    }
  };
  auto read_adjectives = [&](const char* section, Impl::CaseEndings& into) {
    for (const auto& e : g.entries("morphology.grammar", section)) {
      Impl::AdjectiveEnding a{to_lower(e.key), {}, {}};
      auto forms = split_words(e.value);
      if (a.ending.empty() || forms.size() != 4) {
        errors.push_back(g.error_at("morphology.grammar", e,
                                    "needs 'ending = masculine feminine neuter plural' (- for none)"));
        continue;
      }
      for (std::size_t k = 0; k < 4; ++k) {
        a.possible[k] = forms[k] != "-";
        if (a.possible[k]) a.nominatives[k] = std::string(forms[k]);
      }
      into.adjectives.push_back(std::move(a));
    }
  };
  auto longest_first = [](Impl::CaseEndings& c) {
    auto by_length = [](const auto& a, const auto& b) { return a.ending.size() > b.ending.size(); };
    std::stable_sort(c.nouns.begin(), c.nouns.end(), by_length);
    std::stable_sort(c.adjectives.begin(), c.adjectives.end(), by_length);
  };
  read_nouns("place_locative", false, impl->locative);
  read_nouns("place_locative_plural", true, impl->locative);
  read_adjectives("place_adjective", impl->locative);
  longest_first(impl->locative);
  read_nouns("place_genitive", false, impl->genitive);
  read_adjectives("place_adjective_genitive", impl->genitive);
  longest_first(impl->genitive);
  for (const auto& e : g.entries("morphology.grammar", "place_nominative"))
    if (!e.key.empty()) impl->nominative_endings.push_back(to_lower(e.key));
  std::string dir = BDP_HUNSPELL_DIR;
  if (const char* env = std::getenv("BDP_HUNSPELL_DIR"); env && *env) dir = env;
  std::string aff = dir + "/pl_PL.aff", dic = dir + "/pl_PL.dic";
  std::error_code ec;
  if (std::filesystem::exists(aff, ec) && std::filesystem::exists(dic, ec)) {
    impl->aff_path = aff;
    impl->dic_path = dic;
  }
  return std::unique_ptr<Lemmatizer>(new Lemmatizer(std::move(impl)));
}

void Lemmatizer::preload() const {
  if (!impl_->aff_path.empty() && !impl_->preloader.joinable())
    impl_->preloader = std::thread([impl = impl_.get()] { impl->load(); });
}

bool Lemmatizer::available() const { return !impl_->aff_path.empty(); }

std::vector<std::string> Lemmatizer::stems(std::string_view word) const {
  std::vector<std::string> out;
  if (auto it = impl_->overrides.find(to_lower(word)); it != impl_->overrides.end())
    out.push_back(it->second);
  for (auto& s : impl_->hunspell_stems(std::string(word)))
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
  return out;
}

std::string Lemmatizer::noun_lemma(std::string_view word) const {
  std::string lower = to_lower(word);
  if (auto it = impl_->overrides.find(lower); it != impl_->overrides.end()) return it->second;
  auto stems = impl_->hunspell_stems(lower);
  for (const auto& s : stems)
    if (is_all_lower(s)) return s;
  return lower;
}

std::string Lemmatizer::place_lemma(std::string_view word) const {
  std::string w(word);
  std::string lower = to_lower(w);
  if (auto it = impl_->overrides.find(lower); it != impl_->overrides.end()) return it->second;
  for (const auto& e : impl_->nominative_endings)
    if (lower.size() > e.size() && lower.compare(lower.size() - e.size(), e.size(), e) == 0)
      return w;
  auto stems = impl_->hunspell_stems(w);
  // A place name keeps its capital; among capitalised stems prefer the one sharing the longest
  // prefix with the written form, then the shortest (Płocku → Płock, not Płocko).
  // Hunspell lists a known form as its own stem too (Płocku → Płocku, Płock); the written
  // form wins only when it is the sole capitalised stem.
  std::size_t capitalised = 0;
  for (const auto& s : stems) capitalised += starts_upper(s) ? 1 : 0;
  const std::string* best = nullptr;
  std::size_t best_prefix = 0;
  for (const auto& s : stems) {
    if (!starts_upper(s) || (s == w && capitalised > 1)) continue;
    std::size_t p = common_prefix_cps(s, w);
    if (!best || p > best_prefix || (p == best_prefix && s.size() < best->size())) {
      best = &s;
      best_prefix = p;
    }
  }
  return best ? *best : w;
}


namespace {

enum Gender : std::size_t { masculine = 0, feminine = 1, neuter = 2, plural = 3 };

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

/// The gender a nominative's last letter suggests: -a feminine, -o/-e/-ę neuter, else masculine.
Gender gender_of(std::string_view nominative) {
  if (ends_with(nominative, "a")) return feminine;
  if (ends_with(nominative, "o") || ends_with(nominative, "e") || ends_with(nominative, "ę"))
    return neuter;
  return masculine;
}

}  // namespace

std::string Lemmatizer::place_from_locative(std::string_view phrase) const {
  return place_from(phrase, false);
}

std::string Lemmatizer::place_from_genitive(std::string_view phrase) const {
  return place_from(phrase, true);
}

std::string Lemmatizer::place_from(std::string_view phrase, bool genitive) const {
  std::string w = normalize_space(phrase);
  if (w.empty()) return w;
  if (auto it = impl_->overrides.find(to_lower(w)); it != impl_->overrides.end())
    return it->second;
  const Impl& im = *impl_;
  const Impl::CaseEndings& endings = genitive ? im.genitive : im.locative;

  auto adjective = [&](std::string_view word) -> const Impl::AdjectiveEnding* {
    std::string lower = to_lower(word);
    for (const auto& a : endings.adjectives)
      if (ends_with(lower, a.ending)) return &a;
    return nullptr;
  };
  // A noun's nominative and whether it is plural. `sure`: the phrase is known to be in this
  // case, so an ending Hunspell does not confirm still counts (a locative after "w", a
  // genitive with a genitive adjective); else an unconfirmed word goes to place_lemma (after
  // "Gminy" a name may be written in the nominative: "Gminy Kobylnica").
  auto noun = [&](std::string_view word, bool sure) -> std::pair<std::string, bool> {
    std::string lower = to_lower(word);
    if (auto it = im.overrides.find(lower); it != im.overrides.end()) return {it->second, false};
    std::vector<std::pair<std::string, bool>> candidates;
    for (const auto& n : endings.nouns) {
      if (!ends_with(lower, n.ending)) continue;
      std::string stem(word.substr(0, word.size() - n.ending.size()));
      for (const auto& nom : n.nominatives) {
        std::string c = stem.empty() ? capitalize_first(nom) : stem + nom;
        candidates.emplace_back(std::move(c), n.plural);
      }
    }
    if (candidates.empty()) return {place_lemma(word), false};
    std::vector<std::string> known;
    for (auto& s : im.hunspell_stems(std::string(word))) known.push_back(to_lower(s));
    // The candidates are tried in order against the stems of the word as written and
    // lower-cased. A lower-case word's second set is its first; and when the first candidate
    // is among the written form's stems it is the answer whatever the lower-cased form's
    // stems are: no Hunspell lookup of the lower-cased form then (a first lookup costs
    // ~75 k instructions).
    const bool lazy = fast_paths_on.load(std::memory_order_relaxed);
    if (lazy && word != lower &&
        std::find(known.begin(), known.end(), to_lower(candidates.front().first)) != known.end())
      return candidates.front();
    if (!lazy || word != lower)
      for (auto& s : im.hunspell_stems(lower)) known.push_back(to_lower(s));
    for (const auto& c : candidates)
      if (std::find(known.begin(), known.end(), to_lower(c.first)) != known.end()) return c;
    if (!sure) return {place_lemma(word), false};
    return candidates.front();
  };

  std::string out;
  std::size_t start = 0;
  while (start <= w.size()) {
    // One name: up to the next hyphen.
    std::size_t end = w.find('-', start);
    if (end == std::string::npos) end = w.size();
    std::string_view part(w.data() + start, end - start);
    auto words = split_words(part);
    std::vector<std::string> forms(words.size());
    std::vector<const Impl::AdjectiveEnding*> adjectives(words.size());
    std::optional<Gender> gender;
    bool any_adjective = false;
    for (std::size_t k = 0; k < words.size(); ++k) {
      // A one-word name with an adjective's ending is an adjective too ("w Końskich").
      adjectives[k] = adjective(words[k]);
      any_adjective = any_adjective || adjectives[k];
    }
    for (std::size_t k = 0; k < words.size(); ++k) {
      if (adjectives[k]) continue;
      auto [nom, is_plural] = noun(words[k], !genitive || any_adjective);
      if (!gender) gender = is_plural ? plural : gender_of(nom);
      forms[k] = std::move(nom);
    }
    for (std::size_t k = 0; k < words.size(); ++k) {
      const auto* a = adjectives[k];
      if (!a) continue;
      std::size_t g = gender ? static_cast<std::size_t>(*gender) : 0;
      if (!a->possible[g]) {
        // The noun's gender does not fit this ending: the first gender that does.
        g = 0;
        while (g < 4 && !a->possible[g]) ++g;
      }
      std::string_view word = words[k];
      forms[k] = std::string(word.substr(0, word.size() - a->ending.size())) + a->nominatives[g];
    }
    for (std::size_t k = 0; k < forms.size(); ++k) {
      if (k) out += ' ';
      out += forms[k];
    }
    if (end >= w.size()) break;
    out += '-';
    start = end + 1;
  }
  return out;
}

bool Lemmatizer::is_locative_reading(std::string_view phrase, std::string_view written) const {
  const std::string phrase_norm = normalize_space(phrase), written_norm = normalize_space(written);
  auto from = split_words(phrase_norm);  // views into the strings above
  auto to = split_words(written_norm);
  if (from.empty() || from.size() != to.size()) return false;
  for (std::size_t k = 0; k < from.size(); ++k) {
    if (from[k] == to[k]) continue;
    std::string lower = to_lower(from[k]), target = to_lower(to[k]);
    bool fits = false;
    for (const auto& n : impl_->locative.nouns) {
      if (!ends_with(lower, n.ending)) continue;
      std::string stem = lower.substr(0, lower.size() - n.ending.size());
      for (const auto& nom : n.nominatives) fits = fits || stem + nom == target;
    }
    for (const auto& a : impl_->locative.adjectives) {
      if (!ends_with(lower, a.ending)) continue;
      std::string stem = lower.substr(0, lower.size() - a.ending.size());
      for (std::size_t g = 0; g < 4; ++g) fits = fits || (a.possible[g] && stem + a.nominatives[g] == target);
    }
    if (!fits) return false;
  }
  return true;
}

bool Lemmatizer::could_be_genitive(std::string_view word) const {
  std::string lower = to_lower(word);
  for (const auto& n : impl_->genitive.nouns) {
    if (!ends_with(lower, n.ending)) continue;
    for (const auto& nom : n.nominatives)
      if (nom != n.ending) return true;
  }
  for (const auto& a : impl_->genitive.adjectives)
    if (ends_with(lower, a.ending)) return true;
  return false;
}

void set_morphology_fast_paths(bool on) { fast_paths_on.store(on, std::memory_order_relaxed); }

std::string detail::convert_charset(std::string_view in, const std::string& to,
                                    const std::string& from, bool fast) {
  static std::mutex mutex;
  static std::unordered_map<std::string, std::unique_ptr<ByteCharset>> tables;
  const ByteCharset* table = nullptr;
  if (fast) {
    const std::string& name = from == "UTF-8" ? to : from;
    std::lock_guard lock(mutex);
    auto& t = tables[name];
    if (!t) t = std::make_unique<ByteCharset>(name);
    table = t.get();
  }
  return table_convert(in, to.c_str(), from.c_str(), table);
}

}  // namespace bdp
