// Cross-page repetition: fingerprints, the per-site table, and what the boilerplate stage does
// with it (the eval set's figures are in boilerplate_eval_test.cpp).
#include "bdp/repetition.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "bdp/boilerplate.h"
#include "bdp/pipeline.h"
#include "bdp/text.h"
#include "test_util.h"

namespace {

const bdp::BoilerplateRules& rules() { return bdp::test::boilerplate_rules(); }

/// A page of a small site: menu, title, body, footer; `n` varies the title, body and date.
std::string site_page(int n) {
  return "Gmina Przykładowo\n"
         "Nasze sprawy\n"
         "\n"
         "Program numer " +
         std::to_string(n) +
         " dla seniorów w gminie\n"
         "\n"
         "Ośrodek pomocy społecznej prowadzi od lat zajęcia dla seniorów, a w tym roku objął "
         "nimi " +
         std::to_string(20 + n) +
         " osób z terenu całej gminy i okolicznych sołectw.\n"
         "\n"
         "Wspólna formuła: program jest realizowany przez ośrodek we współpracy z parafią, szkołą "
         "i kołem gospodyń wiejskich, które co roku przygotowuje wigilię.\n"
         "\n"
         "Licznik odwiedzin: " +
         std::to_string(1000 + n) +
         "\n"
         "Obsługa serwisu: Dział Informatyki, 1" +
         std::to_string(n) + ".05.2024\n";
}

bdp::SourcePage page_at(const std::string& path, const std::string& text) {
  return bdp::decode_page(path, text);
}

const bdp::LineDecision& decision(const bdp::BoilerplateResult& r, const bdp::SourcePage& p,
                                  std::string_view starts) {
  for (std::size_t i = 0; i < p.line_count(); ++i)
    if (bdp::normalize_space(p.line(i)).starts_with(starts)) return r.lines[i];
  FAIL("no line starts with " << starts);
  return r.lines.front();
}

}  // namespace

TEST_SUITE("repetition") {
  TEST_CASE("fingerprints fold case, digits and spaces") {
    using bdp::line_fingerprint;
    CHECK(line_fingerprint("Liczba odwiedzin: 1234") ==
          line_fingerprint("liczba  odwiedzin: 9876"));
    CHECK(line_fingerprint("  Strona\u00a0główna ") == line_fingerprint("STRONA GŁÓWNA"));
    CHECK(line_fingerprint("ŁÓDŹ") == line_fingerprint("łódź"));
    CHECK(line_fingerprint("Kontakt") != line_fingerprint("Kontakty"));
    CHECK(line_fingerprint("a b") != line_fingerprint("ab"));
    CHECK(line_fingerprint("") == 0);
    CHECK(line_fingerprint(" \u00a0\t") == 0);
    CHECK(line_fingerprint("1") != 0);
  }

  TEST_CASE("site key is the directory of the path") {
    CHECK(bdp::site_key("a/b/c.txt") == "a/b");
    CHECK(bdp::site_key("c.txt") == "");
    CHECK(bdp::site_key("-") == "");
  }

  TEST_CASE("a page counts once per line; merged tables equal one table") {
    bdp::RepeatedLines one, a, b;
    std::vector<bdp::SourcePage> pages;
    for (int n = 0; n < 4; ++n)
      pages.push_back(page_at("s/p" + std::to_string(n) + ".txt", site_page(n)));
    pages.push_back(page_at("other/x.txt", "Nasze sprawy\nNasze sprawy\n"));
    for (std::size_t i = 0; i < pages.size(); ++i) {
      one.add_page(pages[i]);
      (i % 2 ? a : b).add_page(pages[i]);
    }
    a.merge(b);
    for (const bdp::RepeatedLines* t : {&one, &a}) {
      CHECK(t->pages() == 5);
      CHECK(t->sites() == 2);
      REQUIRE(t->site("s") != nullptr);
      CHECK(t->site("s")->pages == 4);
      CHECK(t->site("s")->pages_with(bdp::line_fingerprint("Nasze sprawy")) == 4);
      CHECK(t->site("other")->pages_with(bdp::line_fingerprint("Nasze sprawy")) == 1);
      CHECK(t->site("s")->pages_with(bdp::line_fingerprint("Licznik odwiedzin: 5555")) == 4);
      CHECK(t->site("s")->pages_with(
                bdp::line_fingerprint("Program numer 1 dla seniorów w gminie")) == 4);
      CHECK(t->site("nowhere") == nullptr);
    }
  }

  TEST_CASE("boilerplate: lines repeated on the site's pages go, body and site furniture stay") {
    bdp::RepeatedLines table;
    std::vector<bdp::SourcePage> pages;
    for (int n = 0; n < 3; ++n) {
      pages.push_back(page_at("s/p" + std::to_string(n) + ".txt", site_page(n)));
      table.add_page(pages.back());
    }
    const auto& p = pages[0];
    auto alone = bdp::strip_boilerplate(p, rules());
    auto with = bdp::strip_boilerplate(p, rules(), &table);
    // Without the table the footer credit reads as a "Label: value" field and is kept.
    CHECK(decision(alone, p, "Obsługa serwisu").keep);
    const auto& footer = decision(with, p, "Obsługa serwisu");
    CHECK_FALSE(footer.keep);
    CHECK(footer.rule == "cross_page_repeat");
    CHECK(footer.pages == 3);
    // A body line shared by every page reads as body and stays.
    CHECK(decision(with, p, "Wspólna formuła").keep);
    CHECK(decision(with, p, "Ośrodek pomocy").keep);
    // The visitor counter is read before repetition is looked at.
    CHECK(with.site.visitors == alone.site.visitors);
    CHECK(with.site.visitors.has_value());
    // A page of another site, or nullptr, is decided as before.
    auto elsewhere = page_at("t/p0.txt", site_page(0));
    auto other = bdp::strip_boilerplate(elsewhere, rules(), &table);
    for (std::size_t i = 0; i < elsewhere.line_count(); ++i) {
      CHECK(other.lines[i].keep == alone.lines[i].keep);
      CHECK(other.lines[i].rule == alone.lines[i].rule);
    }
  }

  TEST_CASE("a line repeats as furniture only with a neighbour that repeats with it") {
    // Every page has the heading "Efekty" and a "tel. …" line (digits map to '#'), each over
    // text of its own; the footer pair recurs as a block.
    auto page_text = [](int n) {
      const char* town[] = {"Kłodzko", "Nysa", "Brzeg", "Olesno"};
      const char* what[] = {"rodzin", "seniorów", "dzieci", "opiekunów"};
      return std::string("Program wsparcia ") + what[n] + " w gminie " + town[n] +
             "\n\nEfekty\nZ programu skorzystało w tym roku wielu " + what[n] + " z gminy " +
             town[n] + ", a część z nich zakończyła już udział.\n\nPunkt w mieście " + town[n] +
             "\ntel. 12 34" + std::to_string(n) + " 56 78\nZapraszamy " + what[n] +
             "\n\nStopka serwisu gminy\nRedakcja strony\n";
    };
    bdp::RepeatedLines table;
    std::vector<bdp::SourcePage> pages;
    for (int n = 0; n < 4; ++n) {
      pages.push_back(page_at("s/p" + std::to_string(n) + ".txt", page_text(n)));
      table.add_page(pages.back());
    }
    for (const auto& p : pages) {
      auto with = bdp::strip_boilerplate(p, rules(), &table);
      CHECK(decision(with, p, "Efekty").rule != "cross_page_repeat");
      CHECK(decision(with, p, "tel. 12").rule != "cross_page_repeat");
      CHECK(decision(with, p, "Stopka serwisu").rule == "cross_page_repeat");
      CHECK(decision(with, p, "Redakcja strony").rule == "cross_page_repeat");
    }
    // Pair fingerprints are ordered and never collide with the lines' own.
    const auto a = bdp::line_fingerprint("Stopka"), b = bdp::line_fingerprint("Redakcja");
    CHECK(bdp::pair_fingerprint(a, b) != bdp::pair_fingerprint(b, a));
    CHECK(bdp::pair_fingerprint(a, b) != a);
    CHECK(bdp::pair_fingerprint(a, b) != 0);
  }

  TEST_CASE("fewer pages than cross_page_min_pages: nothing is repeated") {
    bdp::RepeatedLines table;
    auto a = page_at("s/a.txt", site_page(1)), b = page_at("s/b.txt", site_page(2));
    table.add_page(a);
    table.add_page(b);
    auto alone = bdp::strip_boilerplate(a, rules());
    auto with = bdp::strip_boilerplate(a, rules(), &table);
    for (std::size_t i = 0; i < a.line_count(); ++i)
      CHECK(with.lines[i].rule == alone.lines[i].rule);
  }

  TEST_CASE("pipeline: only text changes; the parsers see the page's own decisions") {
    // Three BDP cards of one site: the metryka labels recur on every page, and the metryka
    // must come out whole.
    bdp::RepeatedLines table;
    std::vector<std::pair<std::string, std::string>> cards;
    for (const char* name :
         {"000_42b64f40e6b1f379", "001_32a605242a6a7ebd", "002_a827141f76dcf969"}) {
      std::string raw =
          bdp::test::read_file(std::string(BDP_SOURCE_DIR) + "/samples/" + name + ".txt");
      cards.emplace_back("samples/" + std::string(name) + ".txt", raw);
      table.add_page(bdp::decode_page(cards.back().first, raw));
    }
    const auto& pl = bdp::test::pipeline();
    for (const auto& [path, raw] : cards) {
      CAPTURE(path);
      auto a = bdp::to_record(pl.run_bytes(path, raw));
      auto b = bdp::to_record(pl.run_bytes(path, raw, &table));
      for (const auto& [key, value] : a.items())
        if (key != "text" && key != "quantities") CHECK(b[key] == value);
      CHECK(a.contains("metryka"));
    }
  }
}
