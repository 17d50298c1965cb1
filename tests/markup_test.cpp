// Markdown made plain text (markup.h): each mark, the pages left alone, line numbers kept, and
// Markdown renderings of the samples and eval pages giving the records of the plain pages.
#include "bdp/markup.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <regex>
#include <string>

#include "bdp/pipeline.h"
#include "test_util.h"

namespace {

std::string plain(const std::string& md) {
  bdp::MarkdownCounts c;
  auto out = bdp::markdown_to_text(md, c);
  return out ? *out : md;
}

bool converted(const std::string& text) {
  bdp::MarkdownCounts c;
  return bdp::markdown_to_text(text, c).has_value();
}

}  // namespace

TEST_CASE("Markdown marks become plain text, line by line") {
  CHECK(plain("# Program „Senior+”\n\nTekst.") == "Program „Senior+”\n\nTekst.");
  CHECK(plain("## Cele ##\n[a](/b)") == "Cele\na");
  CHECK(plain("Tytuł strony\n============\n\nTekst [x](/y)") == "Tytuł strony\n\n\nTekst x");
  CHECK(plain("# T\n**Miejscowość:** Płońsk\n__Powiat:__ płoński") ==
        "T\nMiejscowość: Płońsk\nPowiat: płoński");
  CHECK(plain("# T\nStrona: [www.plock.eu](http://www.plock.eu \"Płock\")") ==
        "T\nStrona: www.plock.eu");
  CHECK(plain("# T\n[](https://mops.pl/)") == "T\nhttps://mops.pl/");
  CHECK(plain("# T\n![Logo gminy](logo.png) Gmina") == "T\nLogo gminy Gmina");
  CHECK(plain("# T\nE-mail: <mops@gmina.pl>, <https://gmina.pl>, <mailto:a@b.pl>") ==
        "T\nE-mail: mops@gmina.pl, https://gmina.pl, a@b.pl");
  CHECK(plain("# T\n1\\. Cel pierwszy\n2\\. Cel drugi") == "T\n1. Cel pierwszy\n2. Cel drugi");
  CHECK(plain("# T\n* pierwszy\n+ drugi\n- trzeci") == "T\n• pierwszy\n• drugi\n- trzeci");
  CHECK(plain("# T\n> cytat\n> > głębiej") == "T\ncytat\ngłębiej");
  CHECK(plain("# T\n| a | b |\n|---|:--:|\n| 1 | 2 |") == "T\n| a | b |\n\n| 1 | 2 |");
  CHECK(plain("# T\n```\n*kod* bez zmian\n```") == "T\n\n*kod* bez zmian\n");
  CHECK(plain("# T\nto *ważne* i _też_, `kod`, ~~stare~~") == "T\nto ważne i też, kod, stare");
  CHECK(plain("# T\n[Wykaz [2024]](/w) i [tekst][ref]") == "T\nWykaz [2024] i tekst");
  // Jina Reader's header is the scraper's: its lines are left empty, the page follows.
  CHECK(plain("Title: Program\n\nURL Source: https://mops.pl/p\n\nPublished Time: "
              "2024-03-05T10:12:00+01:00\n\nMarkdown Content:\nProgram\n=======\nTekst") ==
        "\n\n\n\n\n\n\nProgram\n\nTekst");
  CHECK(plain("Title: x\nTekst bez nagłówka Markdown Content:\n") ==
        "Title: x\nTekst bez nagłówka Markdown Content:\n");
}

TEST_CASE("what only looks like Markdown stays as it is") {
  // In a Markdown page: words with '_' or '*' inside, lone marks, signature lines.
  CHECK(plain("# T\ne_mail: jan_kowalski@gmina.pl") == "T\ne_mail: jan_kowalski@gmina.pl");
  CHECK(plain("# T\n5 * 3 = 15, a*b, 2 ** 3") == "T\n5 * 3 = 15, a*b, 2 ** 3");
  CHECK(plain("# T\n________________\npodpis") == "T\n________________\npodpis");
  CHECK(plain("# T\n[nie link] (x) i [x]") == "T\n[nie link] (x) i [x]");
  CHECK(plain("# T\n*** Slide 3 ***\n___ x ___") == "T\n*** Slide 3 ***\n___ x ___");
  CHECK(plain("# T\n** nie ** i **tak**") == "T\n** nie ** i tak");
  // Plain pages: no conversion at all.
  for (const char* text :
       {"Ośrodek Pomocy Społecznej\n\nTel. 23 662 27 25\n", "Cena: 5 * 3 zł*\n* przypis\n",
        "Podpis\n____________\n", "C:\\Dokumenty\\plik.txt\n", "Hasło: #WspieramySeniorów\n",
        "---------\nStopka\n---------\n", "Zarządzenie nr 12/2024\n"})
    CHECK_FALSE(converted(text));
  // One heading or one link is enough; one escape or one strong emphasis is not.
  CHECK(converted("# Program\nTekst"));
  CHECK(converted("Zobacz [regulamin](/regulamin.pdf)"));
  CHECK_FALSE(converted("Cena 1\\.50"));
  CHECK_FALSE(converted("To jest **ważne**"));
  CHECK(converted("To jest **ważne**\n1\\. punkt"));
}

TEST_CASE("every line keeps its number") {
  const char* pieces[] = {"# ", "## ", "**", "__", "*", "_", "[a](b)", "![x](y)", "\\.", "> ",
                          "```", "|---|", "===", "tekst ", "ł", " ", "<a@b.pl>", "`", "~~"};
  std::mt19937 rng(7);
  for (int k = 0; k < 3000; ++k) {
    std::string text = "# T\n";
    for (int n = static_cast<int>(rng() % 30); n > 0; --n)
      text += rng() % 5 == 0 ? "\n" : pieces[rng() % std::size(pieces)];
    bdp::MarkdownCounts c;
    auto out = bdp::markdown_to_text(text, c);
    REQUIRE(out.has_value());
    CAPTURE(text);
    CHECK(std::count(out->begin(), out->end(), '\n') == std::count(text.begin(), text.end(), '\n'));
    CHECK(out->size() <= text.size() + 2 * static_cast<std::size_t>(std::count(text.begin(), text.end(), '*')));
  }
}

TEST_CASE("a Markdown rendering of each page gives the record of the plain page") {
  // As a Markdown scraper writes a page: the first line a setext heading, "Label:" bold,
  // bare URLs and e-mail addresses as links, "1." escaped, "-"/"•" bullets as "*", a logo.
  auto markdown = [](const std::string& text) {
    std::string out = "![Logo](https://example.gov.pl/logo.png)\n";
    std::size_t b = 0;
    bool first = true;
    const std::regex label(R"(^(\s*)([^:*\[\]]{2,40}):(\s+\S.*)$)");
    const std::regex url(R"(^(https?://\S+)$)");
    const std::regex numbered(R"(^(\s*)(\d{1,2})\. )");
    const std::regex bullet(R"(^(\s*)(?:-|•) )");
    while (b < text.size()) {
      std::size_t e = text.find('\n', b);
      if (e == std::string::npos) e = text.size();
      std::string line = text.substr(b, e - b);
      b = e + 1;
      std::smatch m;
      if (first && line.find_first_not_of(' ') != std::string::npos) {
        out += line + "\n" + std::string(8, '=') + "\n";
        first = false;
        continue;
      }
      if (std::regex_match(line, m, url)) line = "[" + m[1].str() + "](" + m[1].str() + ")";
      else if (std::regex_search(line, m, numbered)) line = std::regex_replace(line, numbered, "$1$2\\. ");
      else if (std::regex_search(line, m, bullet)) line = std::regex_replace(line, bullet, "$1* ");
      else if (std::regex_match(line, m, label)) line = m[1].str() + "**" + m[2].str() + ":**" + m[3].str();
      out += line + "\n";
    }
    return out;
  };
  // The record's fields that must not change (line numbers move by the lines added on top).
  auto facts = [](const bdp::PageResult& r) {
    nlohmann::ordered_json j = bdp::to_record(r);
    for (const char* k : {"source", "id", "text", "classification", "diagnostics"}) j.erase(k);
    if (j.contains("quantities"))
      for (auto& q : j["quantities"])
        for (const char* k : {"line", "surface", "context"}) q.erase(k);
    return j.dump();
  };
  int pages = 0, different = 0;
  for (const char* dir : {"samples", "tests/data/eval"})
    for (const auto& e : std::filesystem::directory_iterator(std::string(BDP_SOURCE_DIR) + "/" + dir)) {
      if (e.path().extension() != ".txt") continue;
      const std::string text = bdp::test::read_file(e.path().string());
      // UTF-8 pages with LF line ends (the legacy-encoded and CRLF eval pages are read as
      // they are: the rendering works on their bytes).
      if (text.find('\r') != std::string::npos || text.starts_with("\xEF\xBB\xBF")) continue;
      if (bdp::decode_page("page.txt", text).encoding != "UTF-8") continue;
      const auto a = bdp::test::pipeline().run_bytes("page.txt", text);
      const auto b = bdp::test::pipeline().run_bytes("page.txt", markdown(text));
      CAPTURE(e.path().string());
      ++pages;
      different += facts(a) != facts(b);
      CHECK(facts(b) == facts(a));
    }
  CHECK(pages > 60);
  CHECK(different == 0);
}

namespace {

std::string dashes(std::size_t n) { return std::string(n, '-'); }

}  // namespace

TEST_CASE("a lynx -dump page: link numbers and its list of URLs go, every line in its place") {
  const std::string dump =
      "   [1]Przejdź do treści [2]Przejdź do menu\n\n"
      "   Szukaj: ____________________ [3]Szukaj\n\n"
      "   [4]Baza Dobrych Praktyk » [5]Usługi społeczne » [6]Pomoc społeczna\n\n"
      "Klub Seniora [IMG] w Obornikach\n\n"
      "   Witryna internetowa\n          [7]www.ops-trzebnica.pl\n\n"
      "References\n\n   1. https://www.dobrepraktyki.pl/praktyka/3310#tresc\n"
      "   2. https://www.dobrepraktyki.pl/praktyka/3310#menu\n   3. https://www.dobrepraktyki.pl/szukaj\n"
      "   4. https://www.dobrepraktyki.pl/\n   5. https://www.dobrepraktyki.pl/uslugi\n"
      "   6. https://www.dobrepraktyki.pl/pomoc\n   7. http://www.ops-trzebnica.pl/\n";
  bdp::LynxCounts c;
  const auto out = bdp::lynx_to_text(dump, c);
  REQUIRE(out.has_value());
  CHECK(c.marks == 8);
  CHECK(c.references == 7);
  CHECK(*out ==
        "   Przejdź do treści Przejdź do menu\n\n   Szukaj: ____________________ Szukaj\n\n"
        "   Baza Dobrych Praktyk » Usługi społeczne » Pomoc społeczna\n\nKlub Seniora  w Obornikach\n\n"
        "   Witryna internetowa\n          www.ops-trzebnica.pl\n\n\n\n\n\n\n\n\n\n\n");
  CHECK(std::count(out->begin(), out->end(), '\n') == std::count(dump.begin(), dump.end(), '\n'));
  // Decoding reads it so, and says so.
  const bdp::SourcePage p = bdp::decode_page("lynx.txt", dump);
  CHECK(p.text == *out);
  CHECK(std::any_of(p.diagnostics.begin(), p.diagnostics.end(),
                    [](const bdp::Diagnostic& d) { return d.code == "source.lynx"; }));
  // Six link numbers glued to their text and running up the page, with no list, are one too.
  bdp::LynxCounts six;
  CHECK(bdp::lynx_to_text("[1]Start [2]Praktyki\n[3]Mapa\n* [4]Kontakt\n[5]RSS | [6]Zaloguj\n", six) ==
        std::optional<std::string>("Start Praktyki\nMapa\n* Kontakt\nRSS | Zaloguj\n"));
}

TEST_CASE("footnotes, a bibliography and a Markdown reference are no lynx dump") {
  bdp::LynxCounts c;
  // a footnote's mark follows its word; its note opens with the mark and a blank
  CHECK_FALSE(bdp::lynx_to_text("Ustawa[1] o pomocy społecznej[2] i jej nowelizacja[3] oraz "
                                "rozporządzenie[4].\n\n[1] Dz. U. z 2023 r. poz. 901.\n[2] Tekst "
                                "jednolity.\n[3] Dz. U. z 2024 r.\n[4] Dz. U. z 2022 r.\n",
                                c));
  // marks glued to their text, but too few for a page without lynx's list
  CHECK_FALSE(bdp::lynx_to_text("[1]Ustawa o pomocy społecznej\n[2]Rozporządzenie Ministra\n"
                                "[3]Uchwała Rady Gminy\n[4]Zarządzenie Wójta\n",
                                c));
  // numbers that do not run up the page
  CHECK_FALSE(bdp::lynx_to_text("[5]a [2]b [9]c [1]d [7]e [3]f [8]g [4]h\n", c));
  // Markdown's reference definitions
  CHECK_FALSE(bdp::lynx_to_text("[a][1] [b][2] [c][3]\n\n[1]: https://a.pl\n[2]: https://b.pl\n"
                                "[3]: https://c.pl\n",
                                c));
  CHECK(c.marks == 0);
}

TEST_CASE("rules under a plain page's header, menu and counter are no setext headings") {
  // A plain page drawn with rules of one width: not Markdown, however many rules it has.
  const std::string page = "Przejdź do zawartości | Przejdź do menu | Mapa strony\n" + dashes(80) +
                           "\nBAZA DOBRYCH PRAKTYK\nSerwis Związku Miast Polskich\n" + dashes(80) +
                           "\nStrona główna | O Bazie | Praktyki | Obszary | Mapa | Kontakt\n" +
                           dashes(80) + "\nMieszkanie treningowe w Powiecie Piskim\n\nOdwiedzin: 1 653 "
                           "889\n" + dashes(80) + "\n(c) Związek Miast Polskich\n";
  CHECK_FALSE(converted(page));
  // An underline as long as its heading still is one ("Title" over its "-----", '=' too).
  CHECK(plain("Opis praktyki\n" + dashes(13) + "\nTekst [a](/b).") == "Opis praktyki\n\nTekst a.");
  CHECK(plain("Cel\n---\n\n**Tekst**") == "Cel\n\n\nTekst");
  CHECK(plain("Start | O nas | Kontakt\n" + dashes(23) + "\n# Tytuł") ==
        "Start | O nas | Kontakt\n" + dashes(23) + "\nTytuł");
}
