// Text helpers: normalize_space against a plain reference over random mixes of words, ASCII
// blanks, Unicode spaces, other multi-byte characters that share lead bytes with spaces, and
// broken UTF-8; to_lower and to_ascii on Polish letters against ICU.
#include "bdp/text.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

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

TEST_CASE("ascii_spaces: Unicode spaces become ASCII blanks, nothing else moves") {
  std::string out = "left over";
  CHECK_FALSE(bdp::ascii_spaces("Ośrodek Pomocy – „cel”\t", out));
  CHECK(out == "left over");  // untouched when there is nothing to replace
  REQUIRE(bdp::ascii_spaces("w\u00a0Żyrardowie,\u202f1\u2009250\u00a0\u00a0zł\u3000", out));
  CHECK(out == "w Żyrardowie, 1 250  zł ");  // one blank per space, runs kept, no trim
  // The reference agrees: a string with its spaces replaced normalises as before.
  const char* const pieces[] = {"a", "ż", " ", "\u00a0", "\u202f", "\u2013", "\u201e", "\xc2", "\xe2\x80"};
  std::mt19937 rng(12);
  for (int k = 0; k < 5000; ++k) {
    std::string s;
    for (int n = static_cast<int>(rng() % 16); n > 0; --n) s += pieces[rng() % std::size(pieces)];
    std::string t;
    const bool any = bdp::ascii_spaces(s, t);
    CAPTURE(s);
    CHECK(any == (s.find("\u00a0") != std::string::npos || s.find("\u202f") != std::string::npos));
    if (!any) continue;
    CHECK(bdp::normalize_space(t) == reference_normalize_space(s));
    CHECK(t.find("\u00a0") == std::string::npos);
  }
}

TEST_CASE("to_lower and to_ascii read Polish letters as ICU does") {
  CHECK(bdp::to_lower("ŻÓŁĆ Gęślą JAŹŃ, ĄĘŚ") == "żółć gęślą jaźń, ąęś");
  CHECK(bdp::to_ascii("Zażółć Gęślą Jaźń, ŁÓDŹ") == "Zazolc Gesla Jazn, LODZ");
  CHECK(bdp::to_ascii("„Ośrodek” – MOPS\u00A0Łódź") == "Osrodek - MOPS Lodz");
  // Strings of ASCII, Polish letters and punctuation take a path without ICU. A character outside that set
  // (here "É" or "é" at the end) sends the whole string through ICU, so the same string
  // with it, less what it became, is ICU's answer.
  const std::vector<std::string> alphabet = {"a", "Z", "q", "0", " ", "-", ".", "\t", "~",
                                             "ą", "Ą", "ć", "Ć", "ę", "Ę", "ł", "Ł", "ń", "Ń",
                                             "ó", "Ó", "ś", "Ś", "ź", "Ź", "ż", "Ż", "„", "”",
                                             "“", "‘", "’", "«", "»", "–", "—", "\u00A0"};
  std::mt19937 rng(7);
  for (int n = 0; n < 3000; ++n) {
    std::string s;
    const int len = static_cast<int>(rng() % 12);
    for (int k = 0; k < len; ++k) s += alphabet[rng() % alphabet.size()];
    CAPTURE(s);
    const std::string lower_icu = bdp::to_lower(s + "É");
    REQUIRE(lower_icu.size() >= 2);
    CHECK(bdp::to_lower(s) == lower_icu.substr(0, lower_icu.size() - 2));  // "é" is two bytes
    const std::string ascii_icu = bdp::to_ascii(s + "é");
    REQUIRE(!ascii_icu.empty());
    CHECK(bdp::to_ascii(s) == ascii_icu.substr(0, ascii_icu.size() - 1));  // "é" became "e"
  }
}

TEST_CASE("normal_already: sixteen bytes at a time, eight, and the reference agree") {
  // normal_already is normalize_space's shortcut: true exactly when normalize_space keeps `s`.
  auto check = [](const std::string& s) {
    CAPTURE(s);
    const bool expected = reference_normalize_space(s) == s;
    CHECK(bdp::normal_already(s) == expected);
    CHECK(bdp::detail::normal_already_swar(s) == expected);
  };
  const char* const pieces[] = {
      "a",      "Ośrodek", "ŻÓŁĆ",   " ",      "  ",      "\t",     "\n",     "\r",
      "\u00a0", "\u202f",  "\u2009", "\u200b", "\u3000",  "\ufeff", "\u1680", "\u205f",
      "\u00e9", "\u00c2",  "\u2013", "\u201e", "\u20ac",  "\u3042", "\uff21", "\u1e00",
      "\xc2",   "\xe2\x80", "\xe2",  "\xef\xbb", "\x80",  "\xff",   "\x01",   "„cel”: 12,5 r."};
  std::mt19937 rng(17);
  for (int k = 0; k < 20000; ++k) {
    const int len = static_cast<int>(rng() % 48);
    std::string s;
    for (int n = len; n > 0; --n) s += pieces[rng() % std::size(pieces)];
    check(s);
  }
  // Every piece at every place of a line longer than two sixteen-byte blocks, either side of
  // a block's end.
  const std::string words = "Ośrodek Pomocy Społecznej w Gminie Dębica „Razem” – 2024 r.";
  for (std::size_t at = 0; at <= words.size(); ++at)
    for (const char* piece : pieces) {
      std::string s = words;
      s.insert(at, piece);
      check(s);
    }
  // Every line of the test pages and the samples, as they are and as normalize_space makes them.
  for (const char* dir : {"tests/data/eval", "samples"})
    for (const auto& e : std::filesystem::directory_iterator(std::string(BDP_SOURCE_DIR) + "/" + dir)) {
      if (e.path().extension() != ".txt") continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      const std::string page = text.str();
      check(page);
      for (std::size_t at = 0; at < page.size();) {
        std::size_t end = page.find('\n', at);
        if (end == std::string::npos) end = page.size();
        const std::string line = page.substr(at, end - at);
        check(line);
        check(bdp::normalize_space(line));
        at = end + 1;
      }
    }
}

TEST_CASE("trim: the shortcut for lines with printable ASCII at both ends agrees with trim_if") {
  auto space = [](char32_t cp) { return bdp::is_space_cp(cp) || cp == '\n' || cp == '\r'; };
  const char* const pieces[] = {"a", "Ż", " ", "\t", "\n", "\r", "\u00a0", "\u2009", "\x0b",
                                "\x7f", "\x80", "\xc2", "~", "!", "1", "\u201e"};
  std::mt19937 rng(3);
  for (int k = 0; k < 20000; ++k) {
    std::string s;
    for (int n = static_cast<int>(rng() % 8); n > 0; --n) s += pieces[rng() % std::size(pieces)];
    CAPTURE(s);
    CHECK(bdp::trim(s) == bdp::trim_if(s, space, space));
  }
}

TEST_CASE("ascii_spaces: sixteen bytes at a time as code point by code point") {
  // The reference: each code point that is a space other than blank and tab becomes ' '.
  auto reference = [](std::string_view s, bool& any) {
    std::string out;
    any = false;
    for (std::size_t i = 0; i < s.size();) {
      const std::size_t start = i;
      const char32_t cp = bdp::next_cp(s, i);
      if (cp != ' ' && cp != '\t' && cp != 0xFFFD && bdp::is_space_cp(cp)) {
        out += ' ';
        any = true;
      } else {
        out.append(s.substr(start, i - start));
      }
    }
    return out;
  };
  const char* const pieces[] = {"a", "ż", " ", "Ośrodek Pomocy", "\u00a0", "\u202f", "\u2009",
                                "\u3000", "\ufeff", "\u1680", "\u2013", "\u201e", "\xc2",
                                "\xe2\x80", "\xef\xbb", "\u00e9"};
  std::mt19937 rng(21);
  for (int k = 0; k < 5000; ++k) {
    std::string s;
    for (int n = static_cast<int>(rng() % 24); n > 0; --n) s += pieces[rng() % std::size(pieces)];
    CAPTURE(s);
    bool any = false;
    const std::string expected = reference(s, any);
    std::string out = "untouched";
    CHECK(bdp::ascii_spaces(s, out) == any);
    CHECK(out == (any ? expected : std::string("untouched")));
  }
}

TEST_CASE("heading_end: where a heading ends in a line that goes on with its text") {
  auto head = [](std::string_view s) { return std::string(s.substr(0, bdp::heading_end(s))); };
  CHECK(head("Stan pieczy zastępczej W 2015 r. funkcjonowało 118 rodzin") == "Stan pieczy zastępczej ");
  CHECK(head("Koszty Wydatki powiatu na pieczę") == "Koszty ");
  CHECK(head("Szkolenia W latach 2013–2015 przeszkolono") == "Szkolenia ");
  CHECK(head("Program na lata 2016–2018 Cele: 1. Zwiększenie") == "Program na lata 2016–2018 ");
  CHECK(head("Dziękuję za uwagę Renata Kulpa") == "Dziękuję za uwagę ");
  // a name after a preposition, and an institution's name, stay in the heading
  CHECK(head("Klub Seniora w Jarosławiu") == "Klub Seniora w Jarosławiu");
  CHECK(head("Powiatowe Centrum Pomocy Rodzinie") == "Powiatowe Centrum Pomocy Rodzinie");
  CHECK(head("Koordynatorzy Pracę z rodzinami prowadzi 6 osób") == "Koordynatorzy ");
  // a place's name after a word of name_heads
  const std::vector<std::string> heads = {"gminie"};
  const std::string_view gmina = "Asystent w gminie Kłodawa Gminny Ośrodek";
  CHECK(gmina.substr(0, bdp::heading_end(gmina)) == "Asystent w gminie ");
  CHECK(gmina.substr(0, bdp::heading_end(gmina, heads)) == "Asystent w gminie Kłodawa ");
  CHECK(bdp::heading_end("Asystent w gminie Kłodawa", heads) == std::string_view("Asystent w gminie Kłodawa").size());
  CHECK(head("") == "");
}
