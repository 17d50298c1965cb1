// Shared by the fuzz targets: the embedded grammars compiled once per process, and a check
// that aborts (so libFuzzer keeps the input) when an invariant fails.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string_view>
#include <vector>

#include "bdp/grammar.h"

#define BDP_FUZZ_CHECK(cond)                                                   \
  do {                                                                         \
    if (!(cond)) {                                                             \
      std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, \
                   #cond);                                                     \
      std::abort();                                                            \
    }                                                                          \
  } while (0)

namespace bdp::fuzz {

inline const Grammars& grammars() {
  static const Grammars g = Grammars::embedded();
  return g;
}

/// Compiles rules with `make(grammars, errors)` once; aborts on grammar errors.
template <class T, class F>
const T& compiled_once(F make) {
  static const std::unique_ptr<T> rules = [&] {
    std::vector<GrammarError> errors;
    auto r = make(grammars(), errors);
    if (!r || !errors.empty()) {
      for (const auto& e : errors) std::fprintf(stderr, "%s\n", e.to_string().c_str());
      std::abort();
    }
    return r;
  }();
  return *rules;
}

/// True when `s` is well-formed UTF-8 (no overlongs, surrogates or code points > U+10FFFF).
inline bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  while (i < s.size()) {
    unsigned c = p[i];
    std::size_t n;
    unsigned cp;
    if (c < 0x80) { ++i; continue; }
    if (c >= 0xC2 && c <= 0xDF) { n = 1; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 2; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 3; cp = c & 0x07; }
    else return false;
    for (std::size_t k = 1; k <= n; ++k) {
      if (i + k >= s.size() || (p[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += n + 1;
  }
  return true;
}

}  // namespace bdp::fuzz
