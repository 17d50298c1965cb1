// Reading stage: encoding detection, normalisation, line index, provenance, input expansion.
#include <doctest/doctest.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>


#include "bdp/source.h"
#include "test_util.h"
#include "bdp/grammar.h"
#include "bdp/text.h"

using bdp::test::encode;

TEST_SUITE("source") {

TEST_CASE("windows-1250 and ISO-8859-2 are told apart on short Polish text") {
  const char* phrases[] = {
      "Świetlica środowiskowa dla dzieci",
      "Ośrodek Pomocy Społecznej w Łodzi",
      "Pomoc dla 193 rodzin z Zgorzelca, źródło: MOPS",
      "Ala ma kota, a kot ma Alę i ją lubi",
      "Wsparcie udzielone przez Norwegię ze środków",
      "Ząbkowice Śląskie, ul. Źródlana 5",
      "Wielkość zadań, jakość usług, ilość świadczeń",
  };
  for (const char* ph : phrases) {
    CAPTURE(ph);
    for (const char* cs : {"windows-1250", "ISO-8859-2"}) {
      CAPTURE(cs);
      bdp::SourcePage p = bdp::decode_page("x", encode(ph, cs));
      CHECK(p.encoding == cs);
      CHECK(p.text == ph);
      CHECK(p.encoding_confidence < 1.0);
    }
  }
}

TEST_CASE("a legacy page reads every byte as ICU's converter does") {
  // The one-byte charsets are decoded by a table made from ICU; this pins the table to ICU on
  // every high byte, on a whole page and line by line (a page with a UTF-8 line in it).
  std::string all_high;
  for (int b = 0x80; b <= 0xFF; ++b) {
    all_high.push_back(static_cast<char>(b));
    all_high.push_back(' ');
  }
  for (const char* cs : {"windows-1250", "ISO-8859-2"}) {
    CAPTURE(cs);
    std::string polish;
    for (int i = 0; i < 30; ++i)  // enough evidence that the byte table does not tip the guess
      polish += encode("Ośrodek Pomocy Społecznej w Łodzi, ząbkowice, źródło, ścieżka.\n", cs);
    for (bool utf8_line : {false, true}) {
      CAPTURE(utf8_line);
      const std::string raw = polish + all_high + "\n" + (utf8_line ? "Zażółć gęślą jaźń\n" : "");
      bdp::SourcePage p = bdp::decode_page("x", raw);
      REQUIRE(p.encoding == cs);
      UErrorCode status = U_ZERO_ERROR;
      UConverter* conv = ucnv_open(cs, &status);
      REQUIRE(U_SUCCESS(status));
      const std::string legacy = polish + all_high + "\n";
      icu::UnicodeString u(legacy.data(), static_cast<int32_t>(legacy.size()), conv, status);
      ucnv_close(conv);
      std::string expected;
      u.toUTF8String(expected);
      if (utf8_line) expected += "Zażółć gęślą jaźń\n";
      // The soft hyphen (0xAD in both) is typesetting and leaves the text (typeset_to_text).
      for (std::size_t at; (at = expected.find("\xC2\xAD")) != std::string::npos;) expected.erase(at, 2);
      CHECK(p.text == expected);
    }
  }
}

TEST_CASE("the confidence of a legacy guess says how Polish the decoded text reads") {
  // A whole sample page re-encoded: nearly every non-ASCII byte is a Polish letter or quote.
  for (const char* cs : {"windows-1250", "ISO-8859-2"}) {
    CAPTURE(cs);
    std::string page = bdp::test::read_file(bdp::test::sample_path(bdp::test::sample_names().front()));
    bdp::SourcePage p = bdp::decode_page("x", encode(page, cs));
    CHECK(p.encoding == cs);
    CHECK(p.encoding_confidence > 0.9);
  }
  // Bytes that are not text in any encoding: a guess is still made, with low confidence, so
  // validate's source.low_confidence_encoding (threshold 0.5) fires.
  std::string noise;
  std::uint32_t x = 12345;
  for (int i = 0; i < 4000; ++i) {
    x = x * 1103515245u + 12345u;
    noise.push_back(static_cast<char>(0x80 | ((x >> 16) & 0x7F)));  // high bytes only
    if (i % 7 == 0) noise.push_back(' ');
  }
  bdp::SourcePage junk = bdp::decode_page("x", noise);
  CHECK(junk.encoding_confidence < 0.5);
  // One telling byte is evidence, not proof.
  bdp::SourcePage one = bdp::decode_page("x", encode("Zespol ds. rodzin, ą", "windows-1250"));
  CHECK(one.encoding == "windows-1250");
  CHECK(one.encoding_confidence < 0.8);
}

TEST_CASE("BOMs decide and are stripped") {
  struct Case { std::string bytes; const char* encoding; };
  const std::string text = "Gmina Płońsk\n";
  const Case cases[] = {
      {"\xEF\xBB\xBF" + text, "UTF-8"},
      {"\xFF\xFE" + encode(text, "UTF-16LE"), "UTF-16LE"},
      {"\xFE\xFF" + encode(text, "UTF-16BE"), "UTF-16BE"},
      {encode(text, "UTF-16LE"), "UTF-16LE"},
      {encode(text, "UTF-16BE"), "UTF-16BE"},
  };
  for (const auto& c : cases) {
    bdp::SourcePage p = bdp::decode_page("x", c.bytes);
    CHECK(p.encoding == c.encoding);
    CHECK(p.text == text);
    CHECK(p.line_count() == 1);
  }
}

TEST_CASE("a lying UTF-8 BOM before windows-1250 text is ignored and reported") {
  const std::string text = "Ośrodek Pomocy Społecznej w Świdnicy, źródła finansowania";
  bdp::SourcePage p = bdp::decode_page("x", "\xEF\xBB\xBF" + encode(text, "windows-1250"));
  CHECK(p.encoding == "windows-1250");
  CHECK(p.text == text);
  bool reported = false;
  for (const auto& d : p.diagnostics) reported |= d.code == "source.lying_bom";
  CHECK(reported);
  // A BOM before a few broken bytes in UTF-8 text: UTF-8, repaired, never invalid output.
  bdp::SourcePage q = bdp::decode_page("x", "\xEF\xBB\xBFZażółć gęślą jaźń \xff koniec");
  CHECK(q.encoding == "UTF-8");
  CHECK(q.text.find("\xEF\xBF\xBD") != std::string::npos);
  CHECK(q.text.find('\xff') == std::string::npos);
}

TEST_CASE("line ends, NFC and NBSP") {
  struct Case { std::string in, text; std::size_t lines; };
  const Case cases[] = {
      {"a\r\nb\r\n", "a\nb\n", 2},
      {"a\rb", "a\nb", 2},
      {"a\n\nb", "a\n\nb", 3},
      {"", "", 0},
      {"\n", "\n", 1},
      {"a\xc2\xa0" "b", "a\xc2\xa0" "b", 1},            // NBSP kept for the parsers
      {"a\xcc\xa8", "\xc4\x85", 1},                      // a + combining ogonek → ą
  };
  for (const auto& c : cases) {
    bdp::SourcePage p = bdp::decode_page("x", c.in);
    CHECK(p.text == c.text);
    CHECK(p.line_count() == c.lines);
  }
  bdp::SourcePage p = bdp::decode_page("x", "one\ntwo\r\nthree");
  REQUIRE(p.line_count() == 3);
  CHECK(p.line(0) == "one");
  CHECK(p.line(1) == "two");
  CHECK(p.line(2) == "three");
}

TEST_CASE("decode_page: text is NFC whichever path decides it (fast check or ICU)") {
  // Pages of code points that are NFC-stable skip ICU's normaliser; any other code point
  // (combining marks, singletons such as U+2000 and U+212B, Hangul, code points from U+3000
  // on) sends the page to ICU. Either way the text equals ICU's NFC of the input.
  const char* const pieces[] = {
      "Ośrodek", " ", "\n", "a", "e\xcc\x81", "\xcc\xa8", "\xc3\xa9", "\xc4\x85", "\xe2\x80\x9e",
      "\xe2\x80\x93", "\xe2\x80\x80", "\xe2\x80\x81", "\xe2\x84\xab", "\xe2\x84\xa6", "\xcd\xb4",
      "\xcd\xbe", "\xce\x87", "\xe1\x84\x80\xe1\x85\xa1", "\xea\xb0\x80", "\xe3\x81\x8b\xe3\x82\x99",
      "\xef\xbc\xa1", "\xc2\xa0", "\xe0\xa4\x95\xe0\xa4\xbc", "\xd7\x90\xd6\xb7", "\xe2\x80\xaf"};
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  REQUIRE(U_SUCCESS(status));
  std::mt19937 rng(3);
  for (int k = 0; k < 3000; ++k) {
    std::string s;
    for (int m = static_cast<int>(rng() % 8); m > 0; --m) s += pieces[rng() % std::size(pieces)];
    CAPTURE(s);
    std::string expected;
    icu::StringByteSink<std::string> sink(&expected);
    status = U_ZERO_ERROR;
    n->normalizeUTF8(0, icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), sink, nullptr,
                     status);
    REQUIRE(U_SUCCESS(status));
    CHECK(bdp::decode_page("x", s).text == expected);
  }
}

TEST_CASE("invalid UTF-8 inside UTF-8 text is repaired with U+FFFD and reported") {
  std::string s = "Zażółć gęślą jaźń. Pomoc społeczna w Płońsku, łącznie 193 rodzin. \xff koniec";
  bdp::SourcePage p = bdp::decode_page("x", s);
  CHECK(p.encoding == "UTF-8");
  CHECK(p.text.find("\xEF\xBF\xBD") != std::string::npos);
  bool reported = false;
  for (const auto& d : p.diagnostics) reported |= d.code == "source.invalid_utf8";
  CHECK(reported);
}

TEST_CASE("invalid bytes in UTF-8 text that read as windows-1250 letters are decoded so") {
  // A paragraph from a windows-1250 database inside a UTF-8 template.
  std::string s = "Zażółć gęślą jaźń. Pomoc społeczna w Płońsku: " + encode("świetlica", "windows-1250") +
                  " dla 30 dzieci.\xa0Koniec.";
  bdp::SourcePage p = bdp::decode_page("x", s);
  CHECK(p.encoding == "UTF-8");
  CHECK(p.text == "Zażółć gęślą jaźń. Pomoc społeczna w Płońsku: świetlica dla 30 dzieci.\u00a0Koniec.");
  std::string message;
  for (const auto& d : p.diagnostics)
    if (d.code == "source.invalid_utf8") message = d.message;
  CHECK(message == "2 invalid UTF-8 byte(s): 2 read as windows-1250, the rest replaced by U+FFFD");
}

namespace {

/// `utf8` as a scraper that read it as `charset` and saved it as UTF-8 again leaves it.
std::string double_encoded(const std::string& utf8, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(charset, &status);
  REQUIRE(U_SUCCESS(status));
  icu::UnicodeString u(utf8.data(), static_cast<int32_t>(utf8.size()), conv, status);
  ucnv_close(conv);
  std::string out;
  u.toUTF8String(out);
  return out;
}

bool has_code(const bdp::SourcePage& p, std::string_view code) {
  return std::any_of(p.diagnostics.begin(), p.diagnostics.end(),
                     [&](const bdp::Diagnostic& d) { return d.code == code; });
}

}  // namespace

TEST_CASE("UTF-8 read as a one-byte charset and saved again is decoded back") {
  const std::string page =
      "Klub Seniora „Złota Jesień” w Łańcucie\nW 2019 r. skorzystało 245 osób – przeznaczono "
      "120 tys. zł.\nŹródło: MOPS. ŚĆŹŻĄĘÓŁŃ śćźżąęółń €";
  for (const char* charset : {"ISO-8859-1", "windows-1252", "windows-1250", "ISO-8859-2"}) {
    CAPTURE(charset);
    const std::string mojibake = double_encoded(page, charset);
    REQUIRE(mojibake != page);
    bdp::SourcePage p = bdp::decode_page("x", mojibake);
    CHECK(p.encoding == "UTF-8");
    CHECK(p.text == page);
    CHECK(has_code(p, "source.double_encoded"));
  }
  // A scraper that lost windows-1250's undefined bytes (0x81 of "Ł" as U+FFFD): the letter
  // stays lost, the rest is decoded back.
  std::string lossy = double_encoded("Łańcut: Ośrodek Pomocy Społecznej, świetlica", "windows-1250");
  REQUIRE(lossy.find("\u0081") != std::string::npos);
  lossy.replace(lossy.find("\u0081"), 2, "\uFFFD");
  bdp::SourcePage p = bdp::decode_page("x", lossy);
  CHECK(p.text == "\uFFFDańcut: Ośrodek Pomocy Społecznej, świetlica");
  CHECK(has_code(p, "source.double_encoded"));
  // Proper UTF-8 with the telltale letters of its own ("Ärzte", "Å") is left alone.
  for (std::string proper : {page + " Ärzte ohne Grenzen, Ångström, Ăn, Ĺ", std::string("Ä…"),
                             std::string("Ã³ i Ä™ — to nie polskie litery, ale tak zostają")}) {
    CAPTURE(proper);
    bdp::SourcePage p = bdp::decode_page("x", proper);
    CHECK(p.text == proper);
    CHECK_FALSE(has_code(p, "source.double_encoded"));
  }
  // Random Polish text in proper UTF-8 is never "repaired"; its mojibake always is.
  const char* const pieces[] = {"ą", "ę", "ł", "ó", "ś", "ż", "ź", "ć", "ń", "Ł", "Ż", "Ó",
                                "„", "”", "–", " ", "a", "Pomoc", "zł", "\u00a0", "€", "1"};
  std::mt19937 rng(5);
  for (int k = 0; k < 500; ++k) {
    std::string s;
    int letters = 0;  // a repair needs two multi-byte characters to go on
    for (int n = 2 + static_cast<int>(rng() % 30); n > 0; --n) {
      std::string_view piece = pieces[rng() % std::size(pieces)];
      letters += static_cast<unsigned char>(piece[0]) >= 0x80;
      s += piece;
    }
    CAPTURE(s);
    bdp::SourcePage proper = bdp::decode_page("x", s);
    CHECK_FALSE(has_code(proper, "source.double_encoded"));
    if (letters < 2) continue;
    bdp::SourcePage repaired = bdp::decode_page("x", double_encoded(s, "windows-1252"));
    CHECK(repaired.text == proper.text);
  }
}

TEST_CASE("soft hyphens, ligatures and font bullets become plain text") {
  bdp::SourcePage p = bdp::decode_page(
      "x", "Ośro\u00ADdek Pomocy Spo&shy;łecznej\n\uF0B7 wsparcie ﬁnansowe\n\uF0A7 proﬂaktyka "
           "\uFB00\uFB03\uFB04\uFB06\n\uF0D8 dalej\n\uE000 inny znak");
  CHECK(p.text ==
        "Ośrodek Pomocy Społecznej\n• wsparcie finansowe\n• proflaktyka ffffifflst\n• dalej\n"
        "\uE000 inny znak");
  CHECK(has_code(p, "source.typesetting"));
  CHECK(p.line_count() == 5);
  // A page without them is not touched and says nothing.
  bdp::SourcePage plain = bdp::decode_page("x", "Ośrodek Pomocy Społecznej – „Klub” • 12 zł");
  CHECK(plain.text == "Ośrodek Pomocy Społecznej – „Klub” • 12 zł");
  CHECK_FALSE(has_code(plain, "source.typesetting"));
}

TEST_CASE("an HTML document is made text: lines from its elements, tables as rows") {
  const std::string html =
      "<!DOCTYPE html>\n<html lang=\"pl\"><head><meta charset=\"utf-8\"><title>MOPS</title>\n"
      "<style>p { color: red }</style><script>var s = \"<p>nie</p>\";</script></head>\n"
      "<body><nav><ul><li><a href=\"/\" title='a > b'>Strona główna</a></li>\n"
      "<li><a href=\"/k\">Kontakt</a></li></ul></nav><!-- <p>komentarz</p> -->\n"
      "<h1>Klub   Seniora\n &bdquo;Złota Jesień&rdquo;</h1>\n"
      "<p>W 2019 r. z zajęć skorzystało\n  <strong>245 osób</strong>.<br/>Nowa linia.</p>\n"
      "<table><tr><th>Miejscowość:</th><td>Łańcut</td></tr>\n"
      "<tr><th>Województwo:</th> <td>podkarpackie</td></tr></table>\n"
      "<div>dzieci &lt;7 lat</div><custom-widget>tekst</custom-widget></body></html>";
  bdp::SourcePage p = bdp::decode_page("x.html", html);
  CHECK(p.text ==
        "• Strona główna\n• Kontakt\n\n"
        "Klub Seniora „Złota Jesień”\n\n"
        "W 2019 r. z zajęć skorzystało 245 osób.\nNowa linia.\n\n"
        "| Miejscowość: | Łańcut |\n| Województwo: | podkarpackie |\n\n"
        "dzieci <7 lat\ntekst\n");
  CHECK(has_code(p, "source.html"));
}

TEST_CASE("an HTML document's <pre> keeps its lines") {
  // A document's line breaks are spaces, and a timetable in <pre> came out as one line.
  const std::string html =
      "<!DOCTYPE html><html><body><h2>Plan dnia</h2>\n<pre>\n 8:00  śniadanie\r\n"
      " 9:00  gimnastyka\n</pre><p>Informacji  udziela\nkierownik.</p></body></html>";
  bdp::SourcePage p = bdp::decode_page("x.html", html);
  CHECK(p.text == "Plan dnia\n\n 8:00  śniadanie\n 9:00  gimnastyka\n\nInformacji udziela kierownik.\n");
}

TEST_CASE("tags a CMS left in plain text go; its own lines stay; '<' in prose is text") {
  bdp::SourcePage p = bdp::decode_page(
      "x", "Klub Seniora<br />w Łańcucie\nW 2019 r. <strong>245 osób</strong>, w tym <b>12</b> "
           "nowych.\n<p>Drugi akapit.</p>\nOstatnia linia");
  CHECK(p.text ==
        "Klub Seniora\nw Łańcucie\nW 2019 r. 245 osób, w tym 12 nowych.\n\nDrugi akapit.\n\n"
        "Ostatnia linia");
  CHECK(has_code(p, "source.html"));
  CHECK(bdp::decode_page("x", "Jedno <b>wyróżnienie</b> i nic więcej\n").text ==
        "Jedno wyróżnienie i nic więcej\n");
  // Not markup: comparisons, a name in angle brackets, one tag alone, an unclosed '<'.
  for (std::string plain : {std::string("dzieci w wieku <7 lat i >65 lat, <Kraków>, a <b"),
                            std::string("Zobacz <br> w słowniku"), std::string("x < y oraz <p")}) {
    CAPTURE(plain);
    bdp::SourcePage q = bdp::decode_page("x", plain);
    CHECK(q.text == plain);
    CHECK_FALSE(has_code(q, "source.html"));
  }
}

TEST_CASE("UTF-8 lines inside a windows-1250 page stay UTF-8; the page's own lines are decoded") {
  // "PÓŁ" in windows-1250 is D3 A3, valid UTF-8 for U+04E3: no Polish letter, so decoded.
  const std::string page = encode("Klub Seniora w Łańcucie\nPÓŁKOLONIE DLA DZIECI\nświetlica "
                                  "środowiskowa, źdźbło\n",
                                  "windows-1250") +
                           "Źródło: MOPS Łańcut – „świetlica” dla 30 dzieci.\n" +
                           encode("Ostatnia linia: żółć", "windows-1250");
  bdp::SourcePage p = bdp::decode_page("x", page);
  CHECK(p.encoding == "windows-1250");
  CHECK(p.text ==
        "Klub Seniora w Łańcucie\nPÓŁKOLONIE DLA DZIECI\nświetlica środowiskowa, źdźbło\n"
        "Źródło: MOPS Łańcut – „świetlica” dla 30 dzieci.\nOstatnia linia: żółć");
  CHECK(has_code(p, "source.mixed_encoding"));
  // A page in windows-1250 alone says nothing of the kind.
  bdp::SourcePage plain = bdp::decode_page(
      "x", encode("Klub Seniora w Łańcucie\nPÓŁKOLONIE, ĘŚ, ÓŻ, ćęłą\n", "windows-1250"));
  CHECK(plain.text == "Klub Seniora w Łańcucie\nPÓŁKOLONIE, ĘŚ, ÓŻ, ćęłą\n");
  CHECK_FALSE(has_code(plain, "source.mixed_encoding"));
}

TEST_CASE("Unicode line and paragraph separators are line breaks") {
  bdp::SourcePage p = bdp::decode_page("x", "Pierwsza\u2028Druga\u2029Trzecia – koniec");
  CHECK(p.text == "Pierwsza\nDruga\nTrzecia – koniec");
  CHECK(p.line_count() == 3);
}

TEST_CASE("provenance: size and sha256 of the raw bytes") {
  bdp::SourcePage p = bdp::decode_page("dir/a.txt", "abc");
  CHECK(p.path == "dir/a.txt");
  CHECK(p.bytes == 3);
  CHECK(p.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("sha256_hex: the standard's vectors, call after call on one thread's context") {
  // The context is reused from call to call: each digest must start afresh.
  for (int round = 0; round < 3; ++round) {
    CHECK(bdp::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(bdp::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(bdp::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  }
  std::string hash_of_other_thread;
  std::thread([&] { hash_of_other_thread = bdp::sha256_hex("abc"); }).join();
  CHECK(hash_of_other_thread == bdp::sha256_hex("abc"));
}

TEST_CASE("binary input is flagged, never dropped") {
  static constexpr char k_png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\0\0\0";
  std::string bin(k_png, sizeof k_png - 1);
  bdp::SourcePage p = bdp::decode_page("x.txt", bin);
  bool flagged = false;
  for (const auto& d : p.diagnostics) flagged |= d.code == "source.binary";
  CHECK(flagged);
}

TEST_CASE("read_input and expand_inputs report missing files, walk dirs, survive loops") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("bdp_src_test_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "sub");
  std::ofstream(dir / "b.txt") << "b";
  std::ofstream(dir / "sub" / "a.txt") << "a";
  std::ofstream(dir / "skip.md") << "x";
  fs::create_directory_symlink(dir, dir / "sub" / "loop");

  std::vector<std::pair<std::string, bdp::ReadError>> errors;
  auto paths = bdp::expand_inputs({dir.string(), "missing.txt"}, errors);
  CHECK(paths.size() == 3);  // b.txt, sub/a.txt, missing.txt (reported when read)
  CHECK(std::count_if(paths.begin(), paths.end(), [](const std::string& p) { return p.ends_with(".md"); }) == 0);
  bool loop = false;
  for (const auto& [p, e] : errors) loop |= e.code == "input.loop";
  CHECK(loop);

  bdp::ReadError err;
  CHECK_FALSE(bdp::read_input("definitely/missing.txt", 1 << 20, err));
  CHECK(err.code == "input.missing");
  CHECK_FALSE(bdp::read_input((dir / "b.txt").string(), 0, err));
  CHECK(err.code == "input.too_large");
  CHECK_FALSE(bdp::read_input(dir.string(), 1 << 20, err));
  CHECK(err.code == "input.not_file");
  auto ok = bdp::read_input((dir / "b.txt").string(), 1 << 20, err);
  REQUIRE(ok);
  CHECK(*ok == "b");
  fs::remove_all(dir);
}

TEST_CASE("read_input reads every byte of files of any size, and of pipes") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("bdp_read_test_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  // Sizes around the read steps (64 KiB) and the one-byte end probe; bytes of every value.
  for (std::size_t size : {std::size_t{0}, std::size_t{1}, std::size_t{4095}, std::size_t{65535},
                           std::size_t{65536}, std::size_t{65537}, std::size_t{200000}}) {
    std::string bytes(size, '\0');
    for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<char>((i * 131 + size) & 0xFF);
    std::string name = std::to_string(size);
    name += ".txt";
    const fs::path f = dir / name;
    std::ofstream(f, std::ios::binary) << bytes;
    bdp::ReadError err;
    auto got = bdp::read_input(f.string(), 1 << 20, err);
    REQUIRE(got);
    CHECK(*got == bytes);
    // --max-bytes is inclusive: a file of exactly the limit is read, one byte less is refused.
    CHECK(bdp::read_input(f.string(), size, err));
    if (size > 0) {
      CHECK_FALSE(bdp::read_input(f.string(), size - 1, err));
      CHECK(err.code == "input.too_large");
    }
  }
  // A FIFO has no size: it is read in steps until its writer closes it, and the limit holds.
  const fs::path fifo = dir / "pipe.txt";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  // The reader stops at the limit and closes its end: the writer then sees EPIPE, not a signal.
  auto old_pipe = std::signal(SIGPIPE, SIG_IGN);
  for (std::size_t limit : {std::size_t{1} << 20, std::size_t{100000}}) {
    const std::string bytes(150000, 'x');
    std::thread writer([&] { std::ofstream(fifo, std::ios::binary) << bytes; });
    bdp::ReadError err;
    auto got = bdp::read_input(fifo.string(), limit, err);
    writer.join();
    if (limit >= bytes.size()) {
      REQUIRE(got);
      CHECK(got->size() == bytes.size());
    } else {
      CHECK_FALSE(got);
      CHECK(err.code == "input.too_large");
    }
  }
  std::signal(SIGPIPE, old_pipe);
  fs::remove_all(dir);
}

}  // TEST_SUITE

TEST_SUITE("text") {

TEST_CASE("normalize_space, slugify, to_ascii, to_lower") {
  CHECK(bdp::normalize_space("\xc2\xa0 a \xe2\x80\xaf b\t\n c  ") == "a b c");
  CHECK(bdp::to_ascii("Płońsk Żółć ĄĘŚ") == "Plonsk Zolc AES");
  CHECK(bdp::slugify("Płońsk: Kompleksowy system — profilaktyki") == "plonsk-kompleksowy-system-profilaktyki");
  CHECK(bdp::slugify("aaa bbb ccc", 6) == "aaa");
  CHECK(bdp::to_lower("ŁÓDŹ") == "łódź");
  CHECK(bdp::trim("\xc2\xa0 x \xc2\xa0") == "x");
}

TEST_CASE("normalize_space agrees with a code-point-by-code-point reference on any bytes") {
  // The reference: decode every code point, collapse spaces, copy the rest as written.
  auto reference = [](std::string_view s) {
    std::string out;
    bool pending = false;
    for (std::size_t i = 0; i < s.size();) {
      std::size_t start = i;
      char32_t cp = bdp::next_cp(s, i);
      if (bdp::is_space_cp(cp) || cp == '\n' || cp == '\r') {
        pending = !out.empty();
        continue;
      }
      if (pending) out.push_back(' ');
      pending = false;
      out.append(s.substr(start, i - start));
    }
    return out;
  };
  // Random strings over an alphabet rich in spaces, their lead bytes and broken sequences.
  const std::string_view pieces[] = {" ", "\t", "\n", "\r", "a", "Ż", "ó", "\xc2\xa0", "\xc2",
                                     "\xe2\x80\xaf", "\xe2\x80", "\xe2\x80\x8b", "\xe3\x80\x80",
                                     "\xef\xbb\xbf", "\xef", "\xe1\x9a\x80", "\x80", "\xf0\x9f\x98\x80",
                                     "\xff", "x1"};
  std::uint32_t seed = 7;
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    int len = round % 17;
    for (int k = 0; k < len; ++k) {
      seed = seed * 1664525u + 1013904223u;
      s += pieces[(seed >> 16) % std::size(pieces)];
    }
    CAPTURE(s);
    CHECK(bdp::normalize_space(s) == reference(s));
  }
}

TEST_CASE("HTML character references a scraper left are decoded, and said so") {
  auto p = bdp::decode_page("t.txt", "Miejscowo&#347;&#x107;:&nbsp;P&#322;o&#324;sk\n"
                                     "&bdquo;Klub Seniora&rdquo; &ndash; Caritas &amp; MOPS\n");
  CHECK(p.line(0) == "Miejscowość:\u00a0Płońsk");
  CHECK(p.line(1) == "„Klub Seniora” – Caritas & MOPS");
  REQUIRE(p.diagnostics.size() == 1);
  CHECK(p.diagnostics[0].code == "source.html_references");
  CHECK(p.diagnostics[0].message.starts_with("9 HTML"));
  // not references: no ';', unknown names, control characters, surrogates, a bare '&'
  const std::string kept = "R&D; B&B, &foo; &#0; &#xD800; &#12 & &;";
  auto q = bdp::decode_page("t.txt", kept);
  CHECK(q.text == kept);
  CHECK(q.diagnostics.empty());
  // a windows-1250 page: the references are decoded after the charset
  auto w = bdp::decode_page("t.txt", "Gmina \xa3\xf3" "d\x9f &ndash; pomoc spo\xb3" "eczna dla rodzin i senior\xf3w\n");
  CHECK(w.text.find("Gmina Łódź – pomoc") != std::string::npos);
}

TEST_CASE("a form feed (pdftotext's page break) is a line break") {
  auto p = bdp::decode_page("t.txt", "Slajd 1\nTytuł\n\fSlajd 2\nCele\fSlajd 3\n");
  REQUIRE(p.line_count() == 5);
  CHECK(p.line(2) == "Slajd 2");
  CHECK(p.line(4) == "Slajd 3");
  // and it starts a page: the lines it puts on a new page are kept
  CHECK(p.page_breaks == std::vector<std::uint32_t>{2, 4});
}

TEST_CASE("page breaks: a form feed at either end or doubled starts no extra page") {
  // pdftotext ends every page with a form feed; CRLF lines count as one line each
  auto p = bdp::decode_page("t.txt", "\fStrona pierwsza\r\n\r\n\f\fStrona druga\r\nciąg dalszy\r\n\f");
  // (a form feed first makes an empty first line, as it did before pages were kept)
  REQUIRE(p.line_count() == 5);
  CHECK(p.line(3) == "Strona druga");
  CHECK(p.page_breaks == std::vector<std::uint32_t>{1, 3});
  // a vertical tab is a line break but no page; a page without form feeds has no breaks
  CHECK(bdp::decode_page("t.txt", "a\vb\n").page_breaks.empty());
  CHECK(bdp::decode_page("t.txt", "a\nb\n").page_breaks.empty());
  // a windows-1250 page keeps its breaks too
  CHECK(bdp::decode_page("t.txt", "Pomoc spo\xb3" "eczna\n\fSlajd 2\n").page_breaks ==
        std::vector<std::uint32_t>{1});
}

TEST_CASE("printable: page text cannot drive the terminal") {
  CHECK(bdp::printable("Płońsk\tzwykły tekst\n") == "Płońsk\tzwykły tekst\n");
  CHECK(bdp::printable("a\x1b[31mb\x07" "c\x7f") == "a\\x1b[31mb\\x07c\\x7f");
  CHECK(bdp::printable("x\xc2\x9b" "31m") == "x\\u009b31m");  // C1 CSI
  CHECK(bdp::printable("\xc2\xa0nbsp") == "\xc2\xa0nbsp");       // U+00A0 is no control
}

TEST_CASE("decode_page taking the bytes (moved into the text) gives what decode_page viewing them gives") {
  auto same = [](const std::string& raw) {
    const bdp::SourcePage viewed = bdp::decode_page("p.txt", std::string_view(raw));
    const bdp::SourcePage taken = bdp::decode_page("p.txt", std::string(raw));
    CHECK(taken.text == viewed.text);
    CHECK(taken.bytes == viewed.bytes);
    CHECK(taken.sha256 == viewed.sha256);
    CHECK(taken.encoding == viewed.encoding);
    CHECK(taken.encoding_confidence == viewed.encoding_confidence);
    CHECK(taken.line_count() == viewed.line_count());
    REQUIRE(taken.diagnostics.size() == viewed.diagnostics.size());
    for (std::size_t k = 0; k < taken.diagnostics.size(); ++k)
      CHECK(taken.diagnostics[k].message == viewed.diagnostics[k].message);
  };
  std::size_t pages = 0;
  for (const char* dir : {"tests/data/eval", "samples"})
    for (const auto& e : std::filesystem::directory_iterator(std::string(BDP_SOURCE_DIR) + "/" + dir))
      if (e.path().extension() == ".txt") {
        const std::string page = bdp::test::read_file(e.path().string());
        CAPTURE(e.path().string());
        same(page);
        same("\xEF\xBB\xBF" + page);                     // a BOM: taken, then cut off
        same(page + "\xff tail");                          // invalid UTF-8: repaired, not taken
        ++pages;
      }
  CHECK(pages > 100);
  same("");
  same("\xEF\xBB\xBF");
  same(encode("Zażółć gęślą jaźń", "windows-1250"));
  same("OÅ›rodek Pomocy SpoÅ‚ecznej w Å»yrardowie, ul. Å»eromskiego\n");  // undone once taken
  same("<p>Jedno <b>wyróżnienie</b></p>\r\n&nbsp;koniec");
}

TEST_CASE("decode_page's fast paths change nothing: test pages, their legacy encodings, any bytes") {
  auto same = [](const std::string& raw) {
    bdp::set_source_fast_paths(false);
    const bdp::SourcePage plain = bdp::decode_page("p.txt", raw);
    bdp::set_source_fast_paths(true);
    const bdp::SourcePage fast = bdp::decode_page("p.txt", raw);
    CHECK(fast.text == plain.text);
    CHECK(fast.encoding == plain.encoding);
    CHECK(fast.encoding_confidence == plain.encoding_confidence);
    CHECK(fast.line_count() == plain.line_count());
    REQUIRE(fast.diagnostics.size() == plain.diagnostics.size());
    for (std::size_t k = 0; k < fast.diagnostics.size(); ++k) {
      CHECK(fast.diagnostics[k].code == plain.diagnostics[k].code);
      CHECK(fast.diagnostics[k].message == plain.diagnostics[k].message);
    }
  };
  std::vector<std::string> pages;
  for (const char* dir : {"tests/data/eval", "tests/data/unknown", "tests/data/boilerplate_probe", "samples"})
    for (const auto& e : std::filesystem::directory_iterator(std::string(BDP_SOURCE_DIR) + "/" + dir))
      if (e.path().extension() == ".txt") pages.push_back(bdp::test::read_file(e.path().string()));
  for (const std::string& page : pages) {
    CAPTURE(page.substr(0, 80));
    same(page);
    same("\xEF\xBB\xBF" + page);
    same(encode(page, "windows-1250"));
    same(encode(page, "ISO-8859-2"));
    // mojibake (UTF-8 read as windows-1252 and saved again) and a stray invalid byte
    same(bdp::test::replace_all(page, "ł", "\xC3\x85\xE2\x80\x9A"));
    same(page.substr(0, page.size() / 2) + "\xB9" + page.substr(page.size() / 2));
  }
  // Random bytes near the telltales', the validator's and the NFC check's edges (combining
  // marks, Hangul, Devanagari's nukta), of every length up to 40 pieces.
  const std::string_view pieces[] = {"a", " ", "\n", "ł", "ą", "\xC3", "\xC4", "\x82", "\x85",
                                     "\xA2", "\xB9", "\xC3\x85", "\xC4\x82", "\xC3\xA2", "\xC4\xB9",
                                     "\xE2\x80\x9E", "\xED\xA0\x80", "\xF0\x9F\x98\x80", "\xFF",
                                     "e\xCC\x81", "\xC3\xA9", "\xCD\x85", "\xEA\xB0\x80",
                                     "\xE0\xA4\xBC", "\xC2\xAD", "\xEF\xAC\x81", "\r\n",
                                     "\x01", "\x7F", "\xC2\x85", "\xC2\x9F", "\xC2\xA0",
                                     "\xEF\xBF\xBD", "\xEF\xBF", "\t", "\f", "\v", "\r",
                                     "\xE2\x80\xA8", "\xE2\x80\xA9", "\xE2\x80",
                                     std::string_view("\0", 1)};
  std::mt19937 rng(5);
  for (int k = 0; k < 4000; ++k) {
    std::string s;
    for (int n = static_cast<int>(rng() % 41); n > 0; --n) s += pieces[rng() % std::size(pieces)];
    CAPTURE(s);
    same(s);
  }
  // Valid UTF-8 only (the SIMD checks' own ground): combining marks and other characters NFC
  // may change at every place of a sixteen-byte block.
  const std::string_view valid[] = {"a", " ", "ł", "ą", "e\xCC\x81", "\xCD\x85", "\xC3\xA9",
                                    "„", "\xEA\xB0\x80", "\xE0\xA4\xBC", "\xEF\xAC\x81", "\n"};
  for (int k = 0; k < 4000; ++k) {
    std::string s;
    for (int n = static_cast<int>(rng() % 41); n > 0; --n) s += valid[rng() % std::size(valid)];
    CAPTURE(s);
    same(s);
  }
  // One character NFC changes at every place of a block, among letters it keeps.
  for (std::size_t at = 0; at < 48; ++at)
    for (const char* mark : {"e\xCC\x81", "\xCD\x85", "\xE0\xA4\xBC", "\xEA\xB0\x80"}) {
      std::string s;
      for (std::size_t k = 0; k < at; ++k) s += k % 3 == 0 ? "ł" : "a";
      s += mark;
      s += " Ośrodek Pomocy Społecznej";
      CAPTURE(s);
      same(s);
    }
  // UTF-8 read as windows-1252 and saved again, where the only telltale is "â" ("„" → "â€ž").
  for (const char* text : {"Program „Razem” na lata 2024–2030", "„Senior+” – 12 osób", "x „y”"}) {
    const std::string utf8 = text;
    icu::UnicodeString u(utf8.data(), static_cast<int32_t>(utf8.size()), "windows-1252");
    std::string mojibake;
    u.toUTF8String(mojibake);
    CAPTURE(mojibake);
    same(mojibake);
    CHECK(bdp::decode_page("m.txt", mojibake).text == utf8);
  }
}

TEST_CASE("line_hash: each line's text_hash, kept until the text is indexed again") {
  bdp::SourcePage p = bdp::decode_page("h.txt", std::string("Menu\n\nOśrodek Pomocy Społecznej\nMenu\nlast"));
  REQUIRE(p.line_count() == 5);
  for (std::size_t i = 0; i < p.line_count(); ++i) {
    CHECK(p.line_hash(i) == bdp::text_hash(p.line(i)));
    CHECK(p.line_hash(i) != 0);
    CHECK(p.line_hash(i) == p.line_hash(i));  // the kept value
  }
  CHECK(p.line_hash(0) == p.line_hash(3));  // the same text
  CHECK(p.line_hash(0) != p.line_hash(2));
  // Strings of every length up to three words, and ones differing in one byte anywhere, hash
  // apart (the memos would still be right if they did not: they compare the text).
  std::string s;
  std::vector<std::uint64_t> seen;
  for (int n = 0; n < 24; ++n) {
    seen.push_back(bdp::text_hash(s));
    for (std::size_t k = 0; k < s.size(); ++k) {
      std::string t = s;
      t[k] = static_cast<char>(t[k] ^ 1);
      CHECK(bdp::text_hash(t) != bdp::text_hash(s));
    }
    s += static_cast<char>('a' + n);
  }
  std::sort(seen.begin(), seen.end());
  CHECK(std::adjacent_find(seen.begin(), seen.end()) == seen.end());
  // A stage that rewrites the text (reflow) indexes it again: the hashes follow the new lines.
  // (As many lines as before, so that hashes kept from the old text would be wrong.)
  const std::uint64_t before = p.line_hash(2);
  p.text = "x\ny\nOśrodek\nz\nw\n";
  p.index_lines();
  REQUIRE(p.line_count() == 5);
  CHECK(p.line_hash(2) == bdp::text_hash("Ośrodek"));
  CHECK(p.line_hash(2) != before);
  CHECK(p.line_hash(0) == bdp::text_hash("x"));
}

}  // TEST_SUITE
