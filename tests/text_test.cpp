// Text helpers: normalize_space against a plain reference over random mixes of words, ASCII
// blanks, Unicode spaces, other multi-byte characters that share lead bytes with spaces, and
// broken UTF-8.
#include "bdp/text.h"

#include <doctest/doctest.h>

#include <random>
#include <string>

namespace {

/// normalize_space as specified: decode code point by code point (invalid bytes are not
/// spaces), every run of spaces (is_space_cp, '\n', '\r') → one ' ', trimmed.
std::string reference_normalize_space(std::string_view s) {
  std::string out;
  bool pending = false;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t start = i;
    auto b = static_cast<unsigned char>(s[i]);
    bool space = false;
    if (b == '\n' || b == '\r') {
      space = true;
      ++i;
    } else {
      char32_t cp = bdp::next_cp(s, i);
      space = cp != 0xFFFD && bdp::is_space_cp(cp);
    }
    if (space) {
      pending = !out.empty();
      continue;
    }
    if (pending) out.push_back(' ');
    pending = false;
    out.append(s.data() + start, i - start);
  }
  return out;
}

}  // namespace

TEST_CASE("normalize_space agrees with the reference") {
  const char* const pieces[] = {
      "a",      "Ośrodek", "ŻÓŁĆ",   " ",      "  ",      "\t",     "\n",     "\r\n",
      "\u00a0", "\u202f",  "\u2009", "\u200b", "\u3000",  "\ufeff", "\u1680", "\u205f",
      "\u00e9", "\u00c2",  "\u2013", "\u201e", "\u20ac",  "\u3042", "\uff21", "\u1e00",
      "\xc2",   "\xe2\x80", "\xe2",  "\xef\xbb", "\x80",  "\xff",   "12,5",   "„cel”:"};
  std::mt19937 rng(11);
  for (int k = 0; k < 30000; ++k) {
    // Short strings and long ones: normalize_space checks eight bytes at a time where it can.
    const int len = static_cast<int>(k % 3 == 0 ? rng() % 40 : rng() % 12);
    std::string s;
    for (int n = len; n > 0; --n) s += pieces[rng() % std::size(pieces)];
    CAPTURE(s);
    CHECK(bdp::normalize_space(s) == reference_normalize_space(s));
  }
  CHECK(bdp::normalize_space("  Ośrodek\u00a0 Pomocy\t\n") == "Ośrodek Pomocy");
  CHECK(bdp::normalize_space("").empty());
  CHECK(bdp::normalize_space(" \u00a0 ").empty());
  // A blank at each place of an eight-byte block, and at the block boundaries.
  const std::string words = "Ośrodek Pomocy Społecznej w Gminie Dębica";
  for (std::size_t at = 0; at <= words.size(); ++at)
    for (const char* blank : {" ", "\t", "\u00a0", "  "}) {
      std::string s = words;
      s.insert(at, blank);
      CAPTURE(s);
      CHECK(bdp::normalize_space(s) == reference_normalize_space(s));
    }
}
