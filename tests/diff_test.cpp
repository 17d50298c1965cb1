// Tests of `bdp-ingest diff`: paths and filters, the word diff, field-level record diffs
// (set lists, keyed pairing, ordered lists), and two snapshots built here from records shaped
// as in record.md — a contact changed, a population updated, a page removed, one added, files
// renamed and visitor counters changed (both ignored) — whose report is checked exactly in
// every format, through the library and through the built CLI (exit codes, duplicate ids,
// malformed lines).
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "bdp/diff.h"

namespace {

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;
using namespace bdp;

ojson plonsk() {
  return ojson::parse(R"({
    "schema_version": 1,
    "id": "bdp-plonsk-kompleksowy-system-profilaktyki-3f9a1c2e",
    "source": {"path": "pages/000_42b64f40e6b1f379.txt", "bytes": 9210, "sha256": "aa11",
               "encoding": "windows-1250", "line_count": 120},
    "page_type": "bdp_practice",
    "classification": {"confidence": 0.97, "signals": ["metryka", "bdp_banner"]},
    "title": "Kompleksowy system profilaktyki",
    "section": ["Usługi społeczne", "Pomoc społeczna"],
    "text": "Liczba konsultacji wzrosła ze 187 w 2005 roku do 426 w 2009 roku.",
    "metryka": {"entered": "2010-09-30", "updated": "2011-02-27", "unit_type": "gmina miejska",
                "locality": "Płońsk", "voivodeship": "mazowieckie", "voivodeship_teryt": "14",
                "postal_code": "09-100", "post_office": "Płońsk", "street": "ul. Płocka 39",
                "population": 22465,
                "contacts": [{"name": "Katarzyna Mikołajewska", "phones": ["+48236622725"],
                              "emails": ["k.mikolajewska@plonsk.pl"]}]},
    "quantities": [{"kind": "change", "value": 426, "unit": "konsultacja",
                    "surface": "ze 187 w 2005 roku do 426 w 2009 roku", "line": 40,
                    "from": {"value": 187, "year": 2005}, "to": {"value": 426, "year": 2009}}],
    "site": {"visitors": 1552935, "visitors_since": "2008-04-01",
             "funding": "Norweski Mechanizm Finansowy"},
    "diagnostics": [{"severity": "info", "code": "metryka.unknown_label", "line": 12,
                     "message": "x"}]})");
}

ojson slupsk() {
  return ojson::parse(R"({
    "schema_version": 1, "id": "bdp-slupsk-powiatowe-centrum-1b2c3d4e",
    "source": {"path": "pages/001_32a605242a6a7ebd.txt", "bytes": 8000, "sha256": "bb22",
               "encoding": "UTF-8", "line_count": 90},
    "page_type": "bdp_practice", "title": "Powiatowe centrum",
    "metryka": {"locality": "Słupsk", "phones": ["+48598418500"], "faxes": ["+48598427111"],
                "websites": ["http://www.powiat.slupsk.pl", "http://www.pcpr.slupsk.pl"],
                "population": 92045},
    "site": {"visitors": 1200, "visitors_since": "2008-04-01"}})");
}

ojson plock() {
  return ojson::parse(R"({
    "schema_version": 1, "id": "bdp-plock-centrum-wspierania-9a8b7c6d",
    "source": {"path": "pages/002.txt", "bytes": 7000, "sha256": "cc33", "encoding": "UTF-8",
               "line_count": 80},
    "page_type": "bdp_practice", "title": "Centrum Wspierania Organizacji Pozarządowych",
    "metryka": {"locality": "Płock", "population": 123143}})");
}

ojson zgorzelec() {
  return ojson::parse(R"({
    "schema_version": 1, "id": "mops-zgorzelec-przemoc-w-rodzinie-5e6f7a8b",
    "source": {"path": "pages/003.txt", "bytes": 5000, "sha256": "dd44", "encoding": "UTF-8",
               "line_count": 60},
    "page_type": "mops_programme", "title": "Przeciwdziałanie przemocy w rodzinie",
    "site": {"page_date": "2023-12-10"}})");
}

ojson gdansk() {
  return ojson::parse(R"({
    "schema_version": 1, "id": "bdp-gdansk-asystent-rodziny-0a1b2c3d",
    "source": {"path": "pages/005.txt", "bytes": 4000, "sha256": "ee55", "encoding": "UTF-8",
               "line_count": 50},
    "page_type": "bdp_practice", "title": "Asystent rodziny",
    "text": "W 2009 roku asystenci objęli opieką 193 rodziny z terenu miasta, głównie rodziny wielodzietne i niepełne.",
    "metryka": {"locality": "Gdańsk", "websites": ["http://www.gdansk.pl", "http://www.mops.gda.pl"]},
    "quantities": [{"kind": "count", "value": 193, "unit": "rodzina", "surface": "193 rodziny",
                    "line": 30}]})");
}

/// The new snapshot's versions: renamed files everywhere, new counters, and the real edits.
std::vector<ojson> old_records() { return {plonsk(), slupsk(), plock(), gdansk()}; }

std::vector<ojson> new_records() {
  ojson a = plonsk();
  a["source"]["path"] = "pages/plonsk.txt";
  a["site"]["visitors"] = 1600000;
  a["metryka"]["population"] = 22510;
  a["metryka"]["contacts"][0]["phones"][0] = "+48236622799";
  a["quantities"][0]["line"] = 41;
  ojson b = slupsk();
  b["source"]["path"] = "pages/slupsk.txt";
  b["site"]["visitors"] = 1300;
  b["metryka"]["websites"] = {"http://www.pcpr.slupsk.pl", "http://www.powiat.slupsk.pl"};
  ojson e = gdansk();
  e["source"]["path"] = "pages/gdansk.txt";
  e["text"] =
      "W 2009 roku asystenci objęli opieką 205 rodzin z terenu miasta, głównie rodziny "
      "wielodzietne i niepełne.";
  e["quantities"][0]["value"] = 205;
  e["quantities"][0]["surface"] = "205 rodzin";
  e["metryka"]["websites"] = {"http://www.mops.gda.pl", "http://www.gdansk.pl"};
  // new order of lines, to show that position means nothing
  return {zgorzelec(), e, b, a};
}

std::string jsonl(const std::vector<ojson>& records) {
  std::string out;
  for (const auto& r : records) out += r.dump() + "\n";
  return out;
}

/// A seekable temp FILE* holding `content`, closed at scope end.
struct TempFile {
  explicit TempFile(const std::string& content) : f(std::tmpfile()) {
    std::fwrite(content.data(), 1, content.size(), f);
    std::fflush(f);
  }
  ~TempFile() { std::fclose(f); }
  std::FILE* f;
};

struct LibraryRun {
  std::string out;
  DiffSummary summary;
  std::vector<std::string> diagnostics;
};

/// What the CLI composes: header, one block per practice, the summary.
LibraryRun run_library(const std::string& old_text, const std::string& new_text,
                       DiffFormat format, bool stat, const PathFilter& filter = PathFilter(),
                       TextStyle style = {}) {
  TempFile a(old_text), b(new_text);
  std::vector<SnapshotDiagnostic> diags;
  Snapshot old_snap = Snapshot::index(a.f, "old.jsonl", filter, diags);
  Snapshot new_snap = Snapshot::index(b.f, "new.jsonl", filter, diags);
  LibraryRun run;
  if (!stat) run.out += format_header(format);
  bool any = false;
  run.summary = diff_snapshots(
      old_snap, new_snap, filter,
      [&](const PracticeDiff& p) {
        any = true;
        if (!stat) run.out += format_practice(p, format, style);
        return true;
      },
      diags);
  if (stat || format == DiffFormat::text) run.out += format_summary(run.summary, format, any && !stat);
  for (const auto& d : diags) run.diagnostics.push_back(format_diagnostic(d));
  return run;
}

PathFilter make_filter(std::vector<std::string> ignore, std::vector<std::string> only,
                       bool defaults = true) {
  std::string error;
  auto f = PathFilter::create(ignore, only, defaults, &error);
  REQUIRE_MESSAGE(f.has_value(), error);
  return *f;
}

struct CliRun {
  int status = -1;
  std::string out, err;
};

/// Runs the built CLI with `args` (shell words) in a scratch directory.
CliRun run_cli(const fs::path& dir, const std::string& args) {
  std::string cmd = fmt::format("cd '{}' && '{}' diff {} >out.txt 2>err.txt", dir.string(),
                                BDP_BINARY, args);
  int rc = std::system(cmd.c_str());
  CliRun r;
  r.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  auto slurp = [](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  r.out = slurp(dir / "out.txt");
  r.err = slurp(dir / "err.txt");
  return r;
}

fs::path scratch_dir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / fmt::format("bdp-diff-test-{}-{}", name, ::getpid());
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void write(const fs::path& p, const std::string& content) {
  std::ofstream(p, std::ios::binary) << content;
}

const std::string k_expected_text =
    "~ bdp-gdansk-asystent-rodziny-0a1b2c3d  Asystent rodziny\n"
    "    text: changed, word similarity 0.87 (words: 2 removed, 2 added)\n"
    "    quantities[0].value: 193 → 205\n"
    "    quantities[0].surface: \"193 rodziny\" → \"205 rodzin\"\n"
    "- bdp-plock-centrum-wspierania-9a8b7c6d  Centrum Wspierania Organizacji Pozarządowych\n"
    "~ bdp-plonsk-kompleksowy-system-profilaktyki-3f9a1c2e  Kompleksowy system profilaktyki\n"
    "    metryka.population: 22465 → 22510\n"
    "    metryka.contacts[0].phones[0]: \"+48236622725\" → \"+48236622799\"\n"
    "+ mops-zgorzelec-przemoc-w-rodzinie-5e6f7a8b  Przeciwdziałanie przemocy w rodzinie\n"
    "\n"
    "1 added, 1 removed, 2 changed, 1 unchanged\n";

}  // namespace

TEST_SUITE("diff") {

TEST_CASE("paths parse and print back") {
  struct Case {
    const char* text;
    bool ok;
    const char* printed;
  };
  const Case cases[] = {
      {"metryka.population", true, "metryka.population"},
      {"metryka.contacts[0].phones[1]", true, "metryka.contacts[0].phones[1]"},
      {"quantities[*].line", true, "quantities[*].line"},
      {"quantities[].line", true, "quantities[*].line"},
      {"metryka.other[\"Nr. KRS\"]", true, "metryka.other[\"Nr. KRS\"]"},
      {"", false, ""},
      {"metryka.", false, ""},
      {"a..b", false, ""},
      {"a[x]", false, ""},
      {"a[1", false, ""},
      {"a[1]b", false, ""},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.text));
    std::vector<PathSegment> p;
    std::string error;
    CHECK(parse_path(c.text, p, &error) == c.ok);
    if (c.ok) CHECK(format_path(p) == c.printed);
    else CHECK(!error.empty());
  }
}

TEST_CASE("filters: defaults, --ignore, --only") {
  using D = PathFilter::Decision;
  struct Case {
    std::vector<std::string> ignore, only;
    const char* path;
    D expected;
  };
  const Case cases[] = {
      {{}, {}, "source", D::drop},
      {{}, {}, "source.path", D::drop},
      {{}, {}, "site.visitors", D::drop},
      {{}, {}, "site.funding", D::keep},
      {{}, {}, "quantities[3].line", D::drop},
      {{}, {}, "quantities[3].value", D::keep},
      {{}, {}, "metryka.population", D::keep},
      {{"metryka.contacts"}, {}, "metryka.contacts[0].phones[0]", D::drop},
      {{"metryka.contacts"}, {}, "metryka.contactsx", D::keep},
      {{}, {"metryka.population"}, "metryka", D::descend},
      {{}, {"metryka.population"}, "metryka.population", D::keep},
      {{}, {"metryka.population"}, "metryka.locality", D::drop},
      {{}, {"source"}, "source.path", D::keep},  // --only turns the defaults off
      {{"site.visitors"}, {"site"}, "site.visitors", D::drop},
      {{}, {"quantities[*].value"}, "quantities[2]", D::descend},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.path));
    std::vector<PathSegment> p;
    REQUIRE(parse_path(c.path, p, nullptr));
    CHECK(make_filter(c.ignore, c.only).decide(p) == c.expected);
  }
  CHECK(make_filter({}, {}, false).decide({{PathSegment::Kind::key, "source", 0}}) == D::keep);
  std::string error;
  CHECK_FALSE(PathFilter::create({"a[x]"}, {}, true, &error).has_value());
  CHECK(error.find("a[x]") != std::string::npos);
}

TEST_CASE("word diff: similarity, counts, ops") {
  struct Case {
    const char* a;
    const char* b;
    double similarity;
    std::size_t removed, added;
  };
  const Case cases[] = {
      {"", "", 1.0, 0, 0},
      {"ala ma kota", "ala ma kota", 1.0, 0, 0},
      {"ala  ma\n\nkota", "ala ma kota", 1.0, 0, 0},  // spacing is not a change
      {"ala ma kota", "ala ma psa", 2.0 * 2 / 6, 1, 1},
      {"a b c d", "a c d", 2.0 * 3 / 7, 1, 0},
      {"a b c", "x a b c y", 2.0 * 3 / 8, 0, 2},
      {"a b c", "", 0.0, 3, 0},
      {"a b c d e f", "f e d c b a", 2.0 * 1 / 12, 5, 5},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.a));
    CAPTURE(std::string(c.b));
    WordDiff d = diff_words(c.a, c.b);
    CHECK(d.similarity == doctest::Approx(c.similarity));
    CHECK(d.removed == c.removed);
    CHECK(d.added == c.added);
    CHECK_FALSE(d.coarse);
    // The ops rebuild both texts.
    std::vector<std::string_view> a, b;
    for (const auto& op : d.ops)
      for (std::size_t i = op.first; i < op.first + op.count; ++i) {
        if (op.kind != WordDiff::Kind::added) a.push_back(d.old_words[i]);
        if (op.kind == WordDiff::Kind::equal) b.push_back(d.old_words[i]);
        if (op.kind == WordDiff::Kind::added) b.push_back(d.new_words[i]);
      }
    CHECK(a == d.old_words);
    CHECK(b == d.new_words);
  }
}

TEST_CASE("word diff: too many edits falls back to a coarse diff") {
  std::string a = "start", b = "start";
  for (int i = 0; i < 50; ++i) {
    a += fmt::format(" a{}", i);
    b += fmt::format(" b{}", i);
  }
  a += " end";
  b += " end";
  WordDiff d = diff_words(a, b, 10);
  CHECK(d.coarse);
  CHECK(d.removed == 50);
  CHECK(d.added == 50);
  CHECK(d.similarity == doctest::Approx(4.0 / 104));
  CHECK_FALSE(diff_words(a, b).coarse);
}

TEST_CASE("record diffs: sets, keyed pairs, ordered lists, absent fields") {
  struct Case {
    const char* name;
    const char* old_record;
    const char* new_record;
    std::vector<std::string> expected;  ///< "path: old → new"
  };
  const Case cases[] = {
      {"reordered set list is no change",
       R"({"metryka":{"websites":["a","b"],"emails":["x","y"]}})",
       R"({"metryka":{"websites":["b","a"],"emails":["y","x"]}})", {}},
      {"replaced set element pairs in order",
       R"({"metryka":{"phones":["+481","+482"]}})", R"({"metryka":{"phones":["+482","+483"]}})",
       {"metryka.phones[1]: \"+481\" → \"+483\""}},
      {"set element added", R"({"metryka":{"emails":["a"]}})",
       R"({"metryka":{"emails":["b","a"]}})", {"metryka.emails[0]: null → \"b\""}},
      {"contacts paired by name whatever the order",
       R"({"metryka":{"contacts":[{"name":"A","phones":["1"]},{"name":"B","phones":["2"]}]}})",
       R"({"metryka":{"contacts":[{"name":"B","phones":["3"]},{"name":"A","phones":["1"]}]}})",
       {"metryka.contacts[0].phones[0]: \"2\" → \"3\""}},
      {"contact renamed: leftovers pair in order",
       R"({"metryka":{"contacts":[{"name":"Iwona Niemasz"}]}})",
       R"({"metryka":{"contacts":[{"name":"Iwona Niemasz-Kowalska"}]}})",
       {"metryka.contacts[0].name: \"Iwona Niemasz\" → \"Iwona Niemasz-Kowalska\""}},
      {"quantities paired by kind and unit, line ignored",
       R"({"quantities":[{"kind":"count","unit":"osoba","value":68,"line":3},
                         {"kind":"count","unit":"rodzina","value":10,"line":5}]})",
       R"({"quantities":[{"kind":"count","unit":"rodzina","value":12,"line":9},
                         {"kind":"count","unit":"osoba","value":68,"line":4}]})",
       {"quantities[0].value: 10 → 12"}},
      {"unrelated quantities are not paired",
       R"({"quantities":[{"kind":"money","unit":"PLN","value":300000}]})",
       R"({"quantities":[{"kind":"count","unit":"osoba","value":300000}]})",
       {"quantities[0]: null → {\"kind\":\"count\",\"unit\":\"osoba\",\"value\":300000}",
        "quantities[0]: {\"kind\":\"money\",\"unit\":\"PLN\",\"value\":300000} → null"}},
      {"ordered list element-wise", R"({"section":["A","B"]})", R"({"section":["B","A","C"]})",
       {"section[0]: \"A\" → \"B\"", "section[1]: \"B\" → \"A\"", "section[2]: null → \"C\""}},
      {"slides element-wise",
       R"({"programme":{"slides":[{"number":1,"text":"a b"},{"number":2,"text":"c"}]}})",
       R"({"programme":{"slides":[{"number":1,"text":"a c"}]}})",
       {"programme.slides[0].text: \"a b\" → \"a c\"",
        "programme.slides[1]: {\"number\":2,\"text\":\"c\"} → null"}},
      {"field added and removed", R"({"title":"T","metryka":{"updated":"2011-02-27"}})",
       R"({"title":"T","metryka":{"population":5}})",
       {"metryka.population: null → 5", "metryka.updated: \"2011-02-27\" → null"}},
      {"volatile fields ignored",
       R"({"source":{"path":"a"},"site":{"visitors":1,"page_date":"2023-01-01"},"diagnostics":[1]})",
       R"({"source":{"path":"b"},"site":{"visitors":2,"page_date":"2024-01-01"}})", {}},
      {"site emptied by the filter is not a change", R"({"site":{"visitors":1}})", R"({})", {}},
      {"a type change", R"({"metryka":{"population":"22.465"}})",
       R"({"metryka":{"population":22465}})", {"metryka.population: \"22.465\" → 22465"}},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.name));
    auto changes = diff_records(ojson::parse(c.old_record), ojson::parse(c.new_record),
                                PathFilter());
    std::vector<std::string> got;
    for (const auto& ch : changes)
      got.push_back(fmt::format("{}: {} → {}", ch.path, ch.old_value.dump(), ch.new_value.dump()));
    CHECK(got == c.expected);
    // The hash pass agrees with the field pass on "no change".
    CHECK((canonical_string(ojson::parse(c.old_record), PathFilter()) ==
           canonical_string(ojson::parse(c.new_record), PathFilter())) == c.expected.empty());
  }
}

TEST_CASE("text fields carry a word similarity") {
  auto changes = diff_records(ojson::parse(R"({"title":"Asystent rodziny"})"),
                              ojson::parse(R"({"title":"Asystent rodziny w Gdańsku"})"),
                              PathFilter());
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].similarity == doctest::Approx(2.0 * 2 / 6));
  auto other = diff_records(ojson::parse(R"({"metryka":{"street":"a"}})"),
                            ojson::parse(R"({"metryka":{"street":"b"}})"), PathFilter());
  REQUIRE(other.size() == 1);
  CHECK(other[0].similarity == -1);
}

TEST_CASE("snapshot report: text") {
  auto run = run_library(jsonl(old_records()), jsonl(new_records()), DiffFormat::text, false);
  CHECK(run.out == k_expected_text);
  CHECK(run.diagnostics.empty());
  CHECK(run.summary.added == 1);
  CHECK(run.summary.removed == 1);
  CHECK(run.summary.changed == 2);
  CHECK(run.summary.unchanged == 1);
}

TEST_CASE("a reworded title changes the id: same file name, type and text make it one practice") {
  ojson old_gd = gdansk();
  ojson new_gd = gdansk();
  new_gd["id"] = "bdp-gdansk-asystent-rodziny-w-miescie-77aa88bb";
  new_gd["title"] = "Asystent rodziny w mieście";
  new_gd["source"]["path"] = "snap2/005.txt";  // another directory, the same file name
  auto run = run_library(jsonl({old_gd, plock()}), jsonl({new_gd, plock()}), DiffFormat::text, false);
  CHECK(run.summary.changed == 1);
  CHECK(run.summary.added == 0);
  CHECK(run.summary.removed == 0);
  CHECK(run.out.find("~ bdp-gdansk-asystent-rodziny-w-miescie-77aa88bb") != std::string::npos);
  CHECK(run.out.find("id: \"bdp-gdansk-asystent-rodziny-0a1b2c3d\" → "
                     "\"bdp-gdansk-asystent-rodziny-w-miescie-77aa88bb\"") != std::string::npos);

  // another file name, another page type, or a text that is mostly other words: two practices
  ojson other_file = new_gd;
  other_file["source"]["path"] = "snap2/099.txt";
  ojson other_type = new_gd;
  other_type["page_type"] = "mops_programme";
  ojson other_text = new_gd;
  other_text["text"] = "Klub seniora zaprasza na zajęcia ruchowe, warsztaty i wycieczki po regionie.";
  for (const ojson& n : {other_file, other_type, other_text}) {
    auto r = run_library(jsonl({old_gd}), jsonl({n}), DiffFormat::text, false);
    CHECK(r.summary.added == 1);
    CHECK(r.summary.removed == 1);
  }
}

TEST_CASE("snapshot report: jsonl, csv, --stat") {
  struct Case {
    DiffFormat format;
    bool stat;
    std::string expected;
  };
  const Case cases[] = {
      {DiffFormat::jsonl, false,
       R"({"op":"changed","id":"bdp-gdansk-asystent-rodziny-0a1b2c3d","title":"Asystent rodziny","changes":[)"
       R"({"path":"text","old":"W 2009 roku asystenci objęli opieką 193 rodziny z terenu miasta, głównie rodziny wielodzietne i niepełne.","new":"W 2009 roku asystenci objęli opieką 205 rodzin z terenu miasta, głównie rodziny wielodzietne i niepełne.","similarity":0.875},)"
       R"({"path":"quantities[0].value","old":193,"new":205},)"
       R"({"path":"quantities[0].surface","old":"193 rodziny","new":"205 rodzin"}]})"
       "\n"
       R"({"op":"removed","id":"bdp-plock-centrum-wspierania-9a8b7c6d","title":"Centrum Wspierania Organizacji Pozarządowych","changes":[]})"
       "\n"
       R"({"op":"changed","id":"bdp-plonsk-kompleksowy-system-profilaktyki-3f9a1c2e","title":"Kompleksowy system profilaktyki","changes":[)"
       R"({"path":"metryka.population","old":22465,"new":22510},)"
       R"({"path":"metryka.contacts[0].phones[0]","old":"+48236622725","new":"+48236622799"}]})"
       "\n"
       R"({"op":"added","id":"mops-zgorzelec-przemoc-w-rodzinie-5e6f7a8b","title":"Przeciwdziałanie przemocy w rodzinie","changes":[]})"
       "\n"},
      {DiffFormat::csv, false,
       "op,id,title,path,old,new\r\n"
       "changed,bdp-gdansk-asystent-rodziny-0a1b2c3d,Asystent rodziny,text,"
       "\"W 2009 roku asystenci objęli opieką 193 rodziny z terenu miasta, głównie rodziny wielodzietne i niepełne.\","
       "\"W 2009 roku asystenci objęli opieką 205 rodzin z terenu miasta, głównie rodziny wielodzietne i niepełne.\"\r\n"
       "changed,bdp-gdansk-asystent-rodziny-0a1b2c3d,Asystent rodziny,quantities[0].value,193,205\r\n"
       "changed,bdp-gdansk-asystent-rodziny-0a1b2c3d,Asystent rodziny,quantities[0].surface,193 rodziny,205 rodzin\r\n"
       "removed,bdp-plock-centrum-wspierania-9a8b7c6d,Centrum Wspierania Organizacji Pozarządowych,,,\r\n"
       "changed,bdp-plonsk-kompleksowy-system-profilaktyki-3f9a1c2e,Kompleksowy system profilaktyki,metryka.population,22465,22510\r\n"
       "changed,bdp-plonsk-kompleksowy-system-profilaktyki-3f9a1c2e,Kompleksowy system profilaktyki,metryka.contacts[0].phones[0],+48236622725,+48236622799\r\n"
       "added,mops-zgorzelec-przemoc-w-rodzinie-5e6f7a8b,Przeciwdziałanie przemocy w rodzinie,,,\r\n"},
      {DiffFormat::text, true, "1 added, 1 removed, 2 changed, 1 unchanged\n"},
      {DiffFormat::jsonl, true, "{\"added\":1,\"removed\":1,\"changed\":2,\"unchanged\":1}\n"},
      {DiffFormat::csv, true, "added,removed,changed,unchanged\r\n1,1,2,1\r\n"},
  };
  for (const auto& c : cases) {
    CAPTURE(static_cast<int>(c.format));
    CAPTURE(c.stat);
    CHECK(run_library(jsonl(old_records()), jsonl(new_records()), c.format, c.stat).out ==
          c.expected);
  }
}

TEST_CASE("csv quoting follows RFC 4180") {
  PracticeDiff p;
  p.op = DiffOp::changed;
  p.id = "x";
  p.title = "Tytuł, \"cytat\"";
  p.changes.push_back({"metryka.street", "ul. A\nB", nlohmann::ordered_json::array({1, 2}), -1});
  CHECK(format_practice(p, DiffFormat::csv, {}) ==
        "changed,x,\"Tytuł, \"\"cytat\"\"\",metryka.street,\"ul. A\nB\",\"[1,2]\"\r\n");
}

TEST_CASE("--only, --ignore and --no-default-ignores change the report") {
  struct Case {
    PathFilter filter;
    std::string expected_stat;
  };
  const Case cases[] = {
      {make_filter({}, {"metryka.population"}), "1 added, 1 removed, 1 changed, 2 unchanged\n"},
      {make_filter({"metryka", "text", "quantities"}, {}),
       "1 added, 1 removed, 0 changed, 3 unchanged\n"},  // nothing of the rest changed
      {make_filter({}, {}, false), "1 added, 1 removed, 3 changed, 0 unchanged\n"},
      {make_filter({}, {"source.path"}), "1 added, 1 removed, 3 changed, 0 unchanged\n"},
  };
  for (const auto& c : cases) {
    auto run = run_library(jsonl(old_records()), jsonl(new_records()), DiffFormat::text, true,
                           c.filter);
    CHECK(run.out == c.expected_stat);
  }
}

TEST_CASE("--text shows a unified word diff") {
  TextStyle style;
  style.word_diff = true;
  style.context_words = 3;
  auto run = run_library(jsonl({gdansk()}), jsonl({new_records()[1]}), DiffFormat::text, false,
                         PathFilter(), style);
  CHECK(run.out ==
        "~ bdp-gdansk-asystent-rodziny-0a1b2c3d  Asystent rodziny\n"
        "    text: changed, word similarity 0.87 (words: 2 removed, 2 added)\n"
        "      @@ -4,8 +4,8 @@ asystenci objęli opieką [-193 rodziny-] {+205 rodzin+} z terenu miasta,\n"
        "    quantities[0].value: 193 → 205\n"
        "    quantities[0].surface: \"193 rodziny\" → \"205 rodzin\"\n"
        "\n"
        "0 added, 0 removed, 1 changed, 0 unchanged\n");
}

TEST_CASE("snapshots: duplicate ids, malformed lines, blank lines, missing ids") {
  ojson first = plock();
  ojson later = plock();
  later["metryka"]["population"] = 1;
  std::string old_text = jsonl({first}) + "\n{\"id\": \n" + jsonl({later}) +
                         "{\"title\":\"no id\"}\n" + "[1,2]\n";
  auto run = run_library(old_text, jsonl({plock()}), DiffFormat::text, true);
  // The later duplicate is compared: population 1 → 123143.
  CHECK(run.out == "0 added, 0 removed, 1 changed, 0 unchanged\n");
  REQUIRE(run.diagnostics.size() == 4);
  CAPTURE(run.diagnostics[0]);
  CHECK(run.diagnostics[0].rfind("old.jsonl:3: error: malformed JSON at column 8: ", 0) == 0);
  CHECK(run.diagnostics[0].find("[diff.malformed_json]") != std::string::npos);
  CHECK(run.diagnostics[1] ==
        "old.jsonl:4: warning: duplicate id \"bdp-plock-centrum-wspierania-9a8b7c6d\" (also at "
        "line 1); the later record is compared [diff.duplicate_id]");
  CHECK(run.diagnostics[2] == "old.jsonl:5: error: record has no \"id\" string [diff.missing_id]");
  CHECK(run.diagnostics[3] == "old.jsonl:6: error: record has no \"id\" string [diff.missing_id]");
}

TEST_CASE("index hash: equal exactly when the canonical comparison says so") {
  // The first pass hashes simdjson's reading of a line; these pin it to nlohmann's reading,
  // to canonical_string and to diff_records on what the two parsers could read differently.
  struct Case {
    const char* name;
    const char* a;
    const char* b;
    bool equal;
  };
  const Case cases[] = {
      {"key order", R"({"id":"r","title":"T","metryka":{"locality":"A","population":5}})",
       R"({"metryka":{"population":5,"locality":"A"},"title":"T","id":"r"})", true},
      {"set list order", R"({"id":"r","metryka":{"websites":["a","b"],"emails":["x","y"]}})",
       R"({"id":"r","metryka":{"emails":["y","x"],"websites":["b","a"]}})", true},
      {"contacts and their phones as sets",
       R"({"id":"r","metryka":{"contacts":[{"name":"A","phones":["1","2"]},{"name":"B"}]}})",
       R"({"id":"r","metryka":{"contacts":[{"name":"B"},{"phones":["2","1"],"name":"A"}]}})", true},
      {"ordered list order", R"({"id":"r","section":["A","B"]})",
       R"({"id":"r","section":["B","A"]})", false},
      {"escapes", R"({"id":"r","title":"\u0105 \"\\ \/ \n"})", "{\"id\":\"r\",\"title\":\"ą \\\"\\\\ / \\n\"}",
       true},
      {"surrogate pair", R"({"id":"r","title":"\ud83d\ude00"})", "{\"id\":\"r\",\"title\":\"😀\"}", true},
      {"escaped key", R"({"id":"r","metryka":{"\u006cocality":"A"}})",
       R"({"id":"r","metryka":{"locality":"A"}})", true},
      {"ignored paths, nested too",
       R"({"id":"r","source":{"path":"a"},"quantities":[{"kind":"count","value":1,"line":3}],"site":{"visitors":1,"funding":"F"}})",
       R"({"id":"r","source":{"path":"b"},"quantities":[{"kind":"count","value":1,"line":4}],"site":{"visitors":2,"funding":"F"}})",
       true},
      {"container emptied by the filter is absent", R"({"id":"r","site":{"visitors":1}})",
       R"({"id":"r"})", true},
      {"empty container is not absent", R"({"id":"r","metryka":{}})", R"({"id":"r"})", false},
      {"1 and 1.0 differ", R"({"id":"r","n":1})", R"({"id":"r","n":1.0})", false},
      {"1e5 and 100000.0 are one double", R"({"id":"r","n":1e5})", R"({"id":"r","n":100000.0})",
       true},
      {"1e5 and 100000 differ", R"({"id":"r","n":1e5})", R"({"id":"r","n":100000})", false},
      {"-0 and 0 are one integer", R"({"id":"r","n":-0})", R"({"id":"r","n":0})", true},
      {"an integer beyond 64 bits is a double", R"({"id":"r","n":100000000000000000000})",
       R"({"id":"r","n":1e20})", true},
      {"of two members with one key the later counts", R"({"id":"r","title":"A","title":"B"})",
       R"({"id":"r","title":"B"})", true},
      {"string boundaries", R"({"id":"r","section":["ab","c"]})",
       R"({"id":"r","section":["a","bc"]})", false},
      {"key and value boundaries", R"({"id":"r","m":{"a:b":"c"}})", R"({"id":"r","m":{"a":"b:c"}})",
       false},
      {"string and number", R"({"id":"r","n":"5"})", R"({"id":"r","n":5})", false},
      // Objects at one depth reuse the last one's key order when their keys come alike.
      {"objects of a list in changing key orders",
       R"({"id":"r","q":[{"a":1,"b":2},{"b":3,"a":4},{"a":5,"b":6}]})",
       R"({"id":"r","q":[{"b":2,"a":1},{"a":4,"b":3},{"b":6,"a":5}]})", true},
      {"same keys in another order are other values",
       R"({"id":"r","q":[{"a":1,"b":2},{"b":1,"a":2}]})",
       R"({"id":"r","q":[{"a":1,"b":2},{"a":1,"b":2}]})", false},
      {"alternating key sets at one depth",
       R"({"id":"r","q":[{"a":1,"b":2},{"c":3,"d":4},{"b":5,"a":6},{"d":7,"c":8}]})",
       R"({"id":"r","q":[{"b":2,"a":1},{"d":4,"c":3},{"a":6,"b":5},{"c":8,"d":7}]})", true},
      {"a key order remembered from two objects back is checked",
       R"({"id":"r","q":[{"a":1,"b":2},{"c":3,"d":4},{"b":1,"a":2}]})",
       R"({"id":"r","q":[{"a":1,"b":2},{"c":3,"d":4},{"a":1,"b":2}]})", false},
      {"a repeated key sequence with a duplicate key",
       R"({"id":"r","q":[{"a":1,"a":2},{"a":3,"a":4}]})", R"({"id":"r","q":[{"a":2},{"a":4}]})",
       true},
  };
  const PathFilter filter;
  auto hash_of = [&](const std::string& line) {
    TempFile f(line + "\n");
    std::vector<SnapshotDiagnostic> diags;
    Snapshot s = Snapshot::index(f.f, "x", filter, diags, 1);
    REQUIRE(diags.empty());
    REQUIRE(s.records().count("r") == 1);
    return s.records().at("r").hash;
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.name));
    ojson a = ojson::parse(c.a), b = ojson::parse(c.b);
    std::string ca = canonical_string(a, filter), cb = canonical_string(b, filter);
    CHECK(hash_of(c.a) == std::hash<std::string_view>{}(ca));
    CHECK(hash_of(c.b) == std::hash<std::string_view>{}(cb));
    CHECK((ca == cb) == c.equal);
    CHECK(diff_records(a, b, filter).empty() == c.equal);
  }
}

TEST_CASE("snapshots: malformed lines are diagnostics, whichever parser reads them") {
  std::string deep = R"({"id":"deep","x":)" + std::string(1500, '[') + std::string(1500, ']') + "}";
  std::string text = std::string(R"({"id":"a","title":"\ud800"})") + "\n" +  // lone surrogate
                     "{\"id\":\"a\",\"title\":\"\xff\"}\n" +              // not UTF-8
                     "{\"id\":\"a\",\"title\":\"x\x01\"}\n" +             // raw control character
                     R"({"id":"a"} x)" "\n" +
                     R"({"id":"a","n":1e400})" "\n" +
                     R"({"id":"a",})" "\n" +
                     R"("id")" "\n" +
                     R"({"id":""})" "\n" +
                     R"({"id":5})" "\n" +
                     R"({"id":"big","n":123456789012345678901234567890})" "\n" + deep + "\n" +
                     R"({"id":"deeper","x":)" + std::string(60000, '[') + "\n";
  TempFile f(text);
  std::vector<SnapshotDiagnostic> diags;
  Snapshot s = Snapshot::index(f.f, "old.jsonl", PathFilter(), diags, 1);
  std::vector<std::string> got;
  for (const auto& d : diags) got.push_back(format_diagnostic(d));
  const std::vector<std::string> expected = {
      "old.jsonl:1: error: malformed JSON at column 26: syntax error while parsing value - "
      "invalid string: surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF; last read: "
      "'\"\\ud800\"' [diff.malformed_json]",
      "old.jsonl:2: error: malformed JSON at column 20: syntax error while parsing value - "
      "invalid string: ill-formed UTF-8 byte; last read: '\"\xff' [diff.malformed_json]",
      "old.jsonl:3: error: malformed JSON at column 21: syntax error while parsing value - "
      "invalid string: control character U+0001 (SOH) must be escaped to \\u0001; last read: "
      "'\"x<U+0001>' [diff.malformed_json]",
      "old.jsonl:4: error: malformed JSON at column 12: syntax error while parsing value - "
      "invalid literal; last read: '\"a\"} x'; expected end of input [diff.malformed_json]",
      "old.jsonl:5: error: malformed JSON: [json.exception.out_of_range.406] number overflow "
      "parsing '1e400' [diff.malformed_json]",
      "old.jsonl:6: error: malformed JSON at column 11: syntax error while parsing object key - "
      "unexpected '}'; expected string literal [diff.malformed_json]",
      "old.jsonl:7: error: record has no \"id\" string [diff.missing_id]",
      "old.jsonl:8: error: record has no \"id\" string [diff.missing_id]",
      "old.jsonl:9: error: record has no \"id\" string [diff.missing_id]",
      "old.jsonl:12: error: malformed JSON: nested deeper than 2048 levels [diff.malformed_json]",
  };
  CHECK(got == expected);
  // Too big an integer for simdjson, too deep a nesting: nlohmann reads them.
  CHECK(s.records().size() == 2);
  CHECK(s.records().count("big") == 1);
  CHECK(s.records().count("deep") == 1);
}

TEST_CASE("snapshots: many blocks and long lines index like one") {
  // Lines longer than a read block and more lines than fit in one block.
  std::vector<ojson> many;
  for (int i = 0; i < 3000; ++i) {
    ojson r = plock();
    r["id"] = fmt::format("id-{:05}", i);
    r["text"] = std::string(i == 1500 ? 9u << 20 : 1000u, 'x');
    many.push_back(r);
  }
  std::string text = jsonl(many);
  TempFile f(text);
  std::vector<SnapshotDiagnostic> diags;
  Snapshot s = Snapshot::index(f.f, "many", PathFilter(), diags, 2);
  CHECK(diags.empty());
  REQUIRE(s.records().size() == 3000);
  const RecordRef& ref = s.records().at("id-01501");
  CHECK(ref.line == 1502);
  auto rec = s.load(ref, diags);
  REQUIRE(rec.has_value());
  CHECK((*rec)["id"] == "id-01501");
}

TEST_CASE("CLI: exact report, exit codes 0/1/2, diagnostics") {
  fs::path dir = scratch_dir("cli");
  write(dir / "old.jsonl", jsonl(old_records()));
  write(dir / "new.jsonl", jsonl(new_records()));
  write(dir / "bad.jsonl", jsonl({plock()}) + "{oops\n");
  write(dir / "dup.jsonl", jsonl({plock(), plock()}));
  std::string garbage;
  for (int i = 0; i < 30; ++i) garbage += "\x1f\x8b binary line " + std::to_string(i) + "\n";
  write(dir / "garbage.jsonl.gz", garbage);

  struct Case {
    std::string args;
    int status;
    std::string out;
    std::string err;
  };
  const Case cases[] = {
      {"old.jsonl new.jsonl", 1, k_expected_text, ""},
      {"old.jsonl old.jsonl", 0, "0 added, 0 removed, 0 changed, 4 unchanged\n", ""},
      {"--stat --format jsonl old.jsonl new.jsonl", 1,
       "{\"added\":1,\"removed\":1,\"changed\":2,\"unchanged\":1}\n", ""},
      {"--only title old.jsonl new.jsonl", 1,
       "- bdp-plock-centrum-wspierania-9a8b7c6d  Centrum Wspierania Organizacji Pozarządowych\n"
       "+ mops-zgorzelec-przemoc-w-rodzinie-5e6f7a8b  Przeciwdziałanie przemocy w rodzinie\n"
       "\n1 added, 1 removed, 0 changed, 3 unchanged\n",
       ""},
      {"--stat - new.jsonl < old.jsonl", 1, "1 added, 1 removed, 2 changed, 1 unchanged\n", ""},
      {"--stat bad.jsonl bad.jsonl", 2, "0 added, 0 removed, 0 changed, 1 unchanged\n",
       "bad.jsonl:2: error: malformed JSON at column 2: "},
      {"--stat dup.jsonl dup.jsonl", 0, "0 added, 0 removed, 0 changed, 1 unchanged\n",
       "dup.jsonl:2: warning: duplicate id"},
      {"--stat missing.jsonl new.jsonl", 2, "", "missing.jsonl: No such file or directory\n"},
      {"--ignore 'a[x]' old.jsonl new.jsonl", 2, "", "bdp-ingest diff: bad path \"a[x]\""},
      {"--format xml old.jsonl new.jsonl", 2, "", ""},
      // a side with lines but no record is no snapshot: nothing is reported as removed
      {"old.jsonl garbage.jsonl.gz", 2, "", "garbage.jsonl.gz:1: error: malformed JSON"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.args);
    CliRun r = run_cli(dir, c.args);
    CHECK(r.status == c.status);
    CHECK(r.out == c.out);
    if (!c.err.empty()) CHECK(r.err.rfind(c.err, 0) == 0);
    else if (c.status != 2) CHECK(r.err == "");
  }
  // a path of --only or --ignore that names no field of the record is said (a typo would
  // compare nothing); real paths, indices and metryka.other keys are not
  CHECK(run_cli(dir, "--stat --only metryka.populaton old.jsonl new.jsonl").err ==
        "bdp-ingest diff: warning: 'metryka.populaton' names no field of the record (see "
        "`bdp-ingest schema`)\n");
  CHECK(run_cli(dir, "--stat --only metryka.population --ignore 'quantities[*].value' "
                     "--ignore 'metryka.other[\"Nr KRS\"]' old.jsonl new.jsonl").err.empty());
  CliRun g = run_cli(dir, "old.jsonl garbage.jsonl.gz");
  CHECK(g.err.find("… and 20 more diff.malformed_json diagnostics") != std::string::npos);
  CHECK(g.err.find("garbage.jsonl.gz: no record could be read (30 bad lines); decompress it first") !=
        std::string::npos);
  // -o writes the file; colour only when asked, never on a pipe.
  CliRun r = run_cli(dir, "-o report.csv --format csv old.jsonl new.jsonl");
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  std::ifstream in(dir / "report.csv", std::ios::binary);
  std::string csv((std::istreambuf_iterator<char>(in)), {});
  CHECK(csv.rfind("op,id,title,path,old,new\r\nchanged,bdp-gdansk", 0) == 0);
  CHECK(run_cli(dir, "--color always old.jsonl new.jsonl").out.find("\x1b[33m~ ") !=
        std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("CLI: page sides are ingested on the fly") {
  fs::path dir = scratch_dir("pages");
  fs::create_directories(dir / "a");
  fs::create_directories(dir / "b");
  const std::string samples = std::string(BDP_SOURCE_DIR) + "/samples/";
  // b holds the same pages under other names, minus one: ids, not file names, match.
  for (const char* name : {"000_42b64f40e6b1f379.txt", "001_32a605242a6a7ebd.txt"}) {
    fs::copy_file(samples + name, dir / "a" / name);
    fs::copy_file(samples + name, dir / "b" / (std::string("renamed-") + name));
  }
  fs::copy_file(samples + "002_a827141f76dcf969.txt", dir / "a" / "002.txt");
  CliRun r = run_cli(dir, "--stat a b");
  CHECK(r.status == 1);
  CHECK(r.out == "0 added, 1 removed, 0 changed, 2 unchanged\n");
  write(dir / "list.txt", (dir / "a" / "000_42b64f40e6b1f379.txt").string() + "\n");
  r = run_cli(dir, "--stat @list.txt b/renamed-000_42b64f40e6b1f379.txt");
  CHECK(r.status == 0);
  CHECK(r.out == "0 added, 0 removed, 0 changed, 1 unchanged\n");
  fs::remove_all(dir);
}

}  // TEST_SUITE
