// Tests of `bdp-ingest stats`: the accumulator over hand-made records (each breakdown, unit
// totals, diagnostics by code, missing and oddly typed fields), the three formatters (text
// exactly, JSON by field, HTML self-contained and escaped), and the built CLI on the samples
// (pages and JSONL give the same summary; malformed lines and missing inputs exit 2).
#include "bdp/stats.h"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace bdp;

Stats stats_of(const std::vector<std::string>& records, std::size_t top = 0) {
  StatsAccumulator acc;
  for (const auto& r : records) acc.add(json::parse(r));
  return acc.result(top);
}

std::size_t occurrences(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + what.size())) ++n;
  return n;
}

// Three BDP cards, a MOPS page without metryka and a record with odd types everywhere.
const std::vector<std::string> k_records = {
    R"({"page_type":"bdp_practice","metryka":{"entered":"2010-09-30","unit_type":"gmina miejska","voivodeship":"mazowieckie"},
        "quantities":[{"kind":"count","value":68,"unit":"osoba"},{"kind":"money","value":499308,"unit":"PLN"},
                      {"kind":"range","value":260,"unit":"PLN","min":260,"max":360},
                      {"kind":"change","value":426,"unit":"konsultacja"}]})",
    R"({"page_type":"bdp_practice","metryka":{"entered":"2008-01-07","unit_type":"powiat ziemski","voivodeship":"pomorskie"},
        "quantities":[{"kind":"money","value":300000,"unit":"PLN"},{"kind":"count","value":2.5,"unit":"osoba"}],
        "diagnostics":[{"severity":"warning","code":"metryka.unknown_label","line":3,"message":"x"},
                       {"severity":"info","code":"quantities.ambiguous","line":9,"message":"y"}]})",
    R"({"page_type":"bdp_practice","metryka":{"entered":"2011-05-30","unit_type":"gmina miejska","voivodeship":"mazowieckie"},
        "quantities":[{"kind":"count","value":410,"unit":"osoba"},{"kind":"year_span","value":3,"unit":"rok"}],
        "diagnostics":[{"severity":"warning","code":"metryka.unknown_label","line":5,"message":"z"}]})",
    R"({"page_type":"mops_programme","quantities":[{"kind":"count","value":193,"unit":"rodzina"},{"kind":"count","value":7}]})",
    R"({"page_type":7,"metryka":{"entered":"wczoraj","unit_type":"","voivodeship":["x"]},
        "quantities":[{"kind":"count","value":"12","unit":"osoba"},"junk"],
        "diagnostics":[{"severity":"error","line":1,"message":"no code"},42]})",
};

struct BreakdownCase {
  const char* name;
  StatsBreakdown Stats::*field;
  std::vector<StatsCount> rows;
  std::uint64_t missing;
};

TEST_SUITE("stats") {
  TEST_CASE("breakdowns count records per key; absent, empty or mistyped fields are missing") {
    const BreakdownCase cases[] = {
        {"page type", &Stats::page_types, {{"bdp_practice", 3}, {"mops_programme", 1}}, 1},
        {"voivodeship", &Stats::voivodeships, {{"mazowieckie", 2}, {"pomorskie", 1}}, 2},
        {"unit type", &Stats::unit_types, {{"gmina miejska", 2}, {"powiat ziemski", 1}}, 2},
        {"entered year, oldest first",
         &Stats::entered_years,
         {{"2008", 1}, {"2010", 1}, {"2011", 1}},
         2},
        {"diagnostics by code",
         &Stats::diagnostics,
         {{"metryka.unknown_label", 2}, {"quantities.ambiguous", 1}},
         1},
    };
    Stats s = stats_of(k_records);
    CHECK(s.records == 5);
    for (const auto& c : cases) {
      CAPTURE(c.name);
      CHECK((s.*c.field).rows == c.rows);
      CHECK((s.*c.field).missing == c.missing);
    }
    CHECK(s.records_with_diagnostics == 3);
  }

  TEST_CASE("units: most frequent first, totals over count and money only") {
    Stats s = stats_of(k_records);
    const std::vector<UnitStats> expected = {
        {"osoba", 4, 3, 480.5},  // "12" as a string is counted but not summed
        {"PLN", 3, 2, 799308},   // the range is not summed
        {"konsultacja", 1, 0, 0}, {"rodzina", 1, 1, 193}, {"rok", 1, 0, 0},
    };
    CHECK(s.units == expected);
    CHECK(s.units_distinct == 5);
    CHECK(s.quantities == 11);
    CHECK(s.quantities_no_unit == 1);

    Stats top2 = stats_of(k_records, 2);
    CHECK(top2.units.size() == 2);
    CHECK(top2.units[1].unit == "PLN");
    CHECK(top2.units_distinct == 5);
  }

  TEST_CASE("totals leave out sub-counts and vague words' midpoints") {
    Stats s = stats_of({R"({"quantities":[
        {"kind":"count","value":1126,"unit":"interwencja"},
        {"kind":"count","value":341,"unit":"interwencja","part_of":0},
        {"kind":"count","value":5.5,"unit":"interwencja","qualifier":"approx","min":2,"max":9},
        {"kind":"count","value":20,"unit":"interwencja","qualifier":"about"}]})"});
    REQUIRE(s.units.size() == 1);
    CHECK(s.units[0].quantities == 4);
    CHECK(s.units[0].summed == 2);
    CHECK(s.units[0].total == 1146);
  }

  TEST_CASE("records with an id seen before are counted (the same page twice)") {
    Stats s = stats_of({R"({"id":"a","page_type":"unknown"})", R"({"id":"b","page_type":"unknown"})",
                        R"({"id":"a","page_type":"unknown"})", R"({"page_type":"unknown"})"});
    CHECK(s.records == 4);
    CHECK(s.duplicate_ids == 1);
    CHECK(format_stats_text(s).find("Records with an id seen before: 1") != std::string::npos);
    CHECK(json::parse(format_stats_json(s))["duplicate_ids"] == 1);
  }

  TEST_CASE("edge records") {
    struct Case {
      const char* name;
      std::vector<std::string> records;
      std::uint64_t records_counted, missing_types, missing_years;
    };
    const Case cases[] = {
        {"no records", {}, 0, 0, 0},
        {"empty object", {"{}"}, 1, 1, 1},
        {"metryka not an object", {R"({"page_type":"unknown","metryka":[1,2]})"}, 1, 0, 1},
        {"a bare year counts", {R"({"metryka":{"entered":"2009"}})"}, 1, 1, 0},
        {"a date without a year", {R"({"metryka":{"entered":"09-2009"}})"}, 1, 1, 1},
    };
    for (const auto& c : cases) {
      CAPTURE(c.name);
      Stats s = stats_of(c.records);
      CHECK(s.records == c.records_counted);
      CHECK(s.page_types.missing == c.missing_types);
      CHECK(s.entered_years.missing == c.missing_years);
      CHECK(s.units.empty());
    }
    StatsAccumulator acc;
    CHECK_FALSE(acc.add(json::array()));
    CHECK_FALSE(acc.add(json("text")));
    CHECK(acc.result().records == 0);
    // Both JSON flavours count alike.
    CHECK(acc.add(nlohmann::ordered_json::parse(k_records[0])));
    CHECK(acc.result().units.size() == 3);
  }

  TEST_CASE("text format") {
    StatsContext ctx;
    ctx.malformed_lines = 1;
    std::string expected =
        "Records: 5\n"
        "Malformed lines: 1\n"
        "\n"
        "Page type       Records\n"
        "bdp_practice          3\n"
        "mops_programme        1\n"
        "(none)                1\n"
        "\n"
        "Voivodeship  Records\n"
        "mazowieckie        2\n"
        "pomorskie          1\n"
        "(none)             2\n"
        "\n"
        "Unit type       Records\n"
        "gmina miejska         2\n"
        "powiat ziemski        1\n"
        "(none)                2\n"
        "\n"
        "Entered (year)  Records\n"
        "2008                  1\n"
        "2010                  1\n"
        "2011                  1\n"
        "(none)                2\n"
        "\n"
        "Unit         Quantities  Summed   Total\n"
        "osoba                 4       3   480.5\n"
        "PLN                   3       2  799308\n"
        "konsultacja           1       0       -\n"
        "rodzina               1       1     193\n"
        "rok                   1       0       -\n"
        "(11 quantities; 5 distinct units, 5 shown; 1 without a unit)\n"
        "(Total: the sum of the values of kind count and money)\n"
        "\n"
        "Diagnostic code        Count\n"
        "metryka.unknown_label      2\n"
        "quantities.ambiguous       1\n"
        "(none)                     1\n"
        "(3 records with diagnostics)\n";
    CHECK(format_stats_text(stats_of(k_records), ctx) == expected);

    // Columns are aligned by code points, not bytes.
    Stats pl = stats_of({R"({"page_type":"x","metryka":{"voivodeship":"śląskie"}})",
                         R"({"page_type":"x","metryka":{"voivodeship":"łódzkie"}})"});
    std::string text = format_stats_text(pl);
    CHECK(text.find("Voivodeship  Records\nłódzkie            1\nśląskie            1\n") !=
          std::string::npos);
  }

  TEST_CASE("json format") {
    StatsContext ctx;
    ctx.inputs = {"a.jsonl"};
    json j = json::parse(format_stats_json(stats_of(k_records, 2), ctx));
    CHECK(j["inputs"] == json::array({"a.jsonl"}));
    CHECK(j["records"] == 5);
    CHECK(j["malformed_lines"] == 0);
    CHECK(j["page_type"]["counts"]["bdp_practice"] == 3);
    CHECK(j["page_type"]["missing"] == 1);
    CHECK(j["voivodeship"]["counts"] == json{{"mazowieckie", 2}, {"pomorskie", 1}});
    CHECK(j["unit_type"]["counts"]["gmina miejska"] == 2);
    CHECK(j["entered_year"]["counts"]["2010"] == 1);
    CHECK(j["entered_year"]["missing"] == 2);
    CHECK(j["quantities"]["items"] == 11);
    CHECK(j["quantities"]["units_distinct"] == 5);
    CHECK(j["quantities"]["units"].size() == 2);
    CHECK(j["quantities"]["units"][0] ==
          json{{"unit", "osoba"}, {"quantities", 4}, {"summed", 3}, {"total", 480.5}});
    CHECK(j["quantities"]["units"][1]["total"].is_number_integer());
    CHECK(j["quantities"]["units"][1]["total"] == 799308);
    CHECK(j["diagnostics"]["counts"]["metryka.unknown_label"] == 2);
    CHECK(j["diagnostics"]["missing"] == 1);
    CHECK(j["diagnostics"]["records_with_diagnostics"] == 3);
    // Keys keep the order of the rows (most frequent first).
    std::string raw = format_stats_json(stats_of(k_records), ctx);
    CHECK(raw.find("\"metryka.unknown_label\"") < raw.find("\"quantities.ambiguous\""));
  }

  TEST_CASE("html format: self-contained, charts, escaped") {
    StatsContext ctx;
    ctx.title = "Report <script>alert(1)</script> & \"more\"";
    ctx.inputs = {"<b onmouseover=alert(1)>.jsonl"};
    std::vector<std::string> records = k_records;
    records.push_back(
        R"({"page_type":"bdp_practice","quantities":[{"kind":"count","value":1,"unit":"<b>\"x\"&'y'</b>"}]})");
    std::string html = format_stats_html(stats_of(records), ctx);

    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(html.find("<meta charset=\"utf-8\">") != std::string::npos);
    // Nothing to fetch: no scripts, no links, no src/href attributes, no URLs at all.
    for (const char* bad :
         {"<script", "<link", "<img", "<iframe", "src=", "href=", "http", "@import", "url("})
      CHECK_MESSAGE(html.find(bad) == std::string::npos, bad);
    CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;") !=
          std::string::npos);
    CHECK(html.find("&lt;b onmouseover=alert(1)&gt;.jsonl") != std::string::npos);
    CHECK(html.find("<b onmouseover") == std::string::npos);
    CHECK(html.find("data-label=\"&lt;b&gt;&quot;x&quot;&amp;&#39;y&#39;&lt;/b&gt;\"") !=
          std::string::npos);

    // Six charts; one bar per row, missing rows grey: page types 2+1, voivodeships 2+1, unit
    // types 2+1, years 3+1, units 6, diagnostics 2+1.
    CHECK(occurrences(html, "<svg class=\"chart\"") == 6);
    CHECK(occurrences(html, "<rect class=\"bar") == 3 + 3 + 3 + 4 + 6 + 3);
    CHECK(occurrences(html, "<rect class=\"bar missing\"") == 5);
    CHECK(html.find("data-label=\"mazowieckie\" data-count=\"2\"") != std::string::npos);
    CHECK(html.find("<td>PLN</td><td>3</td><td>2</td><td>799308</td>") != std::string::npos);

    // An empty summary still renders, without bars.
    std::string empty = format_stats_html(Stats{}, {});
    CHECK(occurrences(empty, "<rect") == 0);
    CHECK(empty.find("No data.") != std::string::npos);
    CHECK(empty.find("</html>") != std::string::npos);
  }

  struct CliRun {
    int status = -1;
    std::string out, err;
  };

  std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  CliRun run_cli(const fs::path& dir, const std::string& args) {
    std::string cmd =
        fmt::format("cd '{}' && '{}' stats {} >out.txt 2>err.txt", dir.string(), BDP_BINARY, args);
    int rc = std::system(cmd.c_str());
    CliRun r;
    r.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    r.out = slurp(dir / "out.txt");
    r.err = slurp(dir / "err.txt");
    return r;
  }

  TEST_CASE("CLI on the samples: pages and JSONL agree; malformed lines exit 2") {
    fs::path dir = fs::temp_directory_path() / fmt::format("bdp-stats-test-{}", ::getpid());
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string samples = std::string(BDP_SOURCE_DIR) + "/samples";

    CliRun pages = run_cli(dir, fmt::format("--format json '{}'", samples));
    REQUIRE(pages.status == 0);
    CHECK(pages.err == "");
    json j = json::parse(pages.out);
    CHECK(j["records"] == 5);
    CHECK(j["page_type"]["counts"] ==
          json{{"bdp_practice", 3}, {"mops_programme", 1}, {"slide_transcript", 1}});
    CHECK(j["voivodeship"]["counts"] == json{{"mazowieckie", 2}, {"pomorskie", 1}});
    CHECK(j["voivodeship"]["missing"] == 2);
    CHECK(j["unit_type"]["counts"]["gmina miejska"] == 2);
    CHECK(j["entered_year"]["counts"] == json{{"2008", 1}, {"2010", 1}, {"2011", 1}});
    json units = json::object();
    for (const auto& u : j["quantities"]["units"]) units[u["unit"].get<std::string>()] = u;
    // 002: 68 + 410 + 328 + 170 + 10626 + 1930 persons; money 499308 + 147030 + 300000 + 2500000.
    CHECK(units["osoba"]["total"] == 13532);
    CHECK(units["PLN"]["total"] == 3446338);
    CHECK(units["interwencja"]["summed"] == 2);  // 169 and 125; 110 and 72 are sub-counts

    // The same records as JSON Lines give the same summary.
    std::string ingest =
        fmt::format("cd '{}' && '{}' '{}' > records.jsonl", dir.string(), BDP_BINARY, samples);
    REQUIRE(std::system(ingest.c_str()) == 0);
    CliRun jsonl = run_cli(dir, "--format json records.jsonl");
    CHECK(jsonl.status == 0);
    json k = json::parse(jsonl.out);
    k["inputs"] = j["inputs"];
    CHECK(k == j);
    json from_stdin = json::parse(run_cli(dir, "--format json - < records.jsonl").out);
    CHECK(from_stdin["inputs"] == json::array({"-"}));
    from_stdin["inputs"] = j["inputs"];
    CHECK(from_stdin == j);

    // @LIST names pages (and nothing is read from stdin then).
    std::ofstream(dir / "list") << samples << "/000_42b64f40e6b1f379.txt\n"
                                << samples << "/003_a330b8b9da82a7d9.txt\n";
    CliRun list = run_cli(dir, "--format json @list < /dev/null");
    CHECK(list.status == 0);
    CHECK(json::parse(list.out)["records"] == 2);

    // Text by default; HTML to a file.
    CliRun text = run_cli(dir, "records.jsonl");
    CHECK(text.out.rfind("Records: 5\n", 0) == 0);
    CHECK(run_cli(dir, "--format html -o report.html records.jsonl").status == 0);
    // No diagnostics on the samples: five charts and a "No data." note.
    CHECK(occurrences(slurp(dir / "report.html"), "<svg class=\"chart\"") == 5);

    // A malformed line is reported with its place and counted; the rest is still summarised.
    std::ofstream(dir / "bad.jsonl", std::ios::binary)
        << slurp(dir / "records.jsonl") << "{not json\n[1]\n\n";
    CliRun bad = run_cli(dir, "bad.jsonl");
    CHECK(bad.status == 2);
    CHECK(bad.err.rfind("bad.jsonl:6: error: malformed JSON", 0) == 0);
    CHECK(bad.err.find("bad.jsonl:7: error: not a record") != std::string::npos);
    CHECK(bad.out.rfind("Records: 5\nMalformed lines: 2\n", 0) == 0);

    CliRun missing = run_cli(dir, "records.jsonl nowhere.jsonl");
    CHECK(missing.status == 2);
    CHECK(missing.err.rfind("nowhere.jsonl: ", 0) == 0);
    CHECK(missing.out.rfind("Records: 5\n", 0) == 0);
    fs::remove_all(dir);
  }

}  // TEST_SUITE
}  // namespace
