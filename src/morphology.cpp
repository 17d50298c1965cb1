// Lemmatiser: Hunspell's stemmer over the pl_PL dictionary, with an override table from
// grammars/morphology.grammar consulted first. The dictionary is ISO-8859-2, so words are
// converted with ICU on the way in and out. Hunspell is not documented as thread-safe; one
// mutex per dictionary serialises calls, and a small per-word cache keeps the lock short on
// hot words.
#include "bdp/morphology.h"

#include <cstdlib>
#include <filesystem>
#include <mutex>
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

std::string convert(std::string_view in, const char* to, const char* from) {
  if (in.empty()) return {};
  UErrorCode status = U_ZERO_ERROR;
  std::string out(in.size() * 4 + 4, '\0');
  int32_t n = ucnv_convert(to, from, out.data(), static_cast<int32_t>(out.size()), in.data(),
                           static_cast<int32_t>(in.size()), &status);
  if (U_FAILURE(status)) return {};
  out.resize(static_cast<std::size_t>(n));
  return out;
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
  Dictionary(const std::string& aff, const std::string& dic)
      : hunspell(aff.c_str(), dic.c_str()), encoding(hunspell.get_dict_encoding()) {
    if (encoding == "ISO8859-2") encoding = "ISO-8859-2";
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
    std::string encoded = enc == "UTF-8" ? word : convert(word, enc.c_str(), "UTF-8");
    std::vector<std::string> out;
    if (!encoded.empty()) {
      std::vector<std::string> stems;
      {
        std::lock_guard lock(dictionary->mutex);
        stems = dictionary->hunspell.stem(encoded);
      }
      for (const auto& s : stems) {
        std::string u = enc == "UTF-8" ? s : convert(s, "UTF-8", enc.c_str());
        if (!u.empty() && std::find(out.begin(), out.end(), u) == out.end()) out.push_back(u);
      }
    }
    std::lock_guard lock(cache_mutex);
    if (cache.size() < 100000) cache.emplace(word, out);
    return out;
  }
};

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
  if (auto it = impl_->overrides.find(to_lower(w)); it != impl_->overrides.end()) return it->second;
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

}  // namespace bdp
