// Golden tests: samples/X.txt → samples/X.expected.json, compared field by field (flattened
// to JSON paths) and printed side by side on mismatch. BDP_UPDATE_GOLDEN=1 rewrites the files.
// Also: the same page re-encoded (windows-1250, ISO-8859-2, UTF-16, BOM, CRLF) gives the
// same record except `source`.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <map>


#include "test_util.h"

namespace {

using bdp::test::encode;

using nlohmann::ordered_json;

void flatten(const ordered_json& j, const std::string& path, std::map<std::string, std::string>& out) {
  if (j.is_object()) {
    for (const auto& [k, v] : j.items()) flatten(v, path.empty() ? k : path + "." + k, out);
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i) flatten(j[i], path + "[" + std::to_string(i) + "]", out);
    if (j.empty()) out[path] = "[]";
  } else {
    out[path] = j.dump();
  }
}

std::string side_by_side(const ordered_json& want, const ordered_json& got) {
  std::map<std::string, std::string> a, b;
  flatten(want, "", a);
  flatten(got, "", b);
  std::string report;
  for (const auto& [k, v] : a) {
    auto it = b.find(k);
    if (it == b.end()) report += "  - " + k + ": expected " + v + ", missing\n";
    else if (it->second != v) report += "  ≠ " + k + ": expected " + v + "\n" + std::string(k.size() + 6, ' ') + "got " + it->second + "\n";
  }
  for (const auto& [k, v] : b)
    if (!a.count(k)) report += "  + " + k + ": unexpected " + v + "\n";
  return report;
}

ordered_json record_of(const std::string& name, std::string_view bytes) {
  return bdp::to_record(bdp::test::pipeline().run_bytes("samples/" + name, bytes));
}

// NBSP, "»", "„" and en dashes are not in ISO-8859-2; pages in that encoding carry plain
// spaces and ASCII quotes instead, so compare against the same substitution in UTF-8.
std::string latin2_safe(std::string s) {
  const std::pair<std::string, std::string> subs[] = {
      {"\u00BB", ">"}, {"\u201E", "\""}, {"\u201D", "\""}, {"\u2013", "-"}, {"\u2014", "-"},
      {"\u2022", "*"}, {"\u201C", "\""}};
  for (const auto& [from, to] : subs)
    for (std::size_t p; (p = s.find(from)) != std::string::npos;) s.replace(p, from.size(), to);
  return s;
}

ordered_json without_source(ordered_json j) {
  j.erase("source");
  if (j.contains("diagnostics")) {
    ordered_json kept = ordered_json::array();
    for (const auto& d : j["diagnostics"])
      if (!d["code"].get<std::string>().starts_with("source.")) kept.push_back(d);
    if (kept.empty()) j.erase("diagnostics"); else j["diagnostics"] = kept;
  }
  return j;
}

}  // namespace

TEST_SUITE("golden") {

TEST_CASE("each sample matches its expected record") {
  bool update = std::getenv("BDP_UPDATE_GOLDEN") != nullptr;
  auto names = bdp::test::sample_names();
  REQUIRE(names.size() >= 5);
  for (const auto& name : names) {
    CAPTURE(name);
    std::string txt = bdp::test::sample_path(name);
    std::string golden = txt.substr(0, txt.size() - 4) + ".expected.json";
    ordered_json got = record_of(name, bdp::test::read_file(txt));
    if (update) {
      std::ofstream(golden) << got.dump(2) << "\n";
      continue;
    }
    std::string want_text = bdp::test::read_file(golden);
    REQUIRE_MESSAGE(!want_text.empty(), "missing " << golden << " (run with BDP_UPDATE_GOLDEN=1)");
    ordered_json want = ordered_json::parse(want_text);
    std::string report = side_by_side(want, got);
    CHECK_MESSAGE(report.empty(), name << " differs from its golden record:\n" << report);
  }
}

TEST_CASE("re-encoded samples give the same record except source") {
  struct Case { const char* charset; const char* expected_encoding; bool bom; };
  const Case cases[] = {
      {"windows-1250", "windows-1250", false},
      {"ISO-8859-2", "ISO-8859-2", false},
      {"UTF-16LE", "UTF-16LE", true},
      {"UTF-16BE", "UTF-16BE", true},
  };
  for (const auto& name : bdp::test::sample_names()) {
    std::string utf8 = latin2_safe(bdp::test::read_file(bdp::test::sample_path(name)));
    ordered_json base = without_source(record_of(name, utf8));
    for (const auto& c : cases) {
      CAPTURE(name);
      CAPTURE(c.charset);
      std::string bytes = encode(utf8, c.charset);
      if (c.bom) bytes = encode("\uFEFF", c.charset) + bytes;
      ordered_json rec = record_of(name, bytes);
      CHECK(rec["source"]["encoding"] == c.expected_encoding);
      std::string report = side_by_side(base, without_source(rec));
      CHECK_MESSAGE(report.empty(), report);
    }
  }
}

TEST_CASE("BOM and CRLF do not change the record") {
  for (const auto& name : bdp::test::sample_names()) {
    CAPTURE(name);
    std::string utf8 = bdp::test::read_file(bdp::test::sample_path(name));
    std::string crlf;
    for (char ch : utf8) {
      if (ch == '\n') crlf += '\r';
      crlf += ch;
    }
    ordered_json base = without_source(record_of(name, utf8));
    ordered_json with_bom = record_of(name, "\xEF\xBB\xBF" + crlf);
    CHECK(with_bom["source"]["encoding"] == "UTF-8");
    CHECK(side_by_side(base, without_source(with_bom)) == "");
  }
}

TEST_CASE("the id is stable across snapshots: other file name, other visitor counter") {
  std::string name = bdp::test::sample_names().front();
  std::string page = bdp::test::read_file(bdp::test::sample_path(name));
  ordered_json a = record_of(name, page);
  std::string changed = page;
  auto pos = changed.find("gości odwiedziło");
  if (pos != std::string::npos) {
    auto line_start = changed.rfind('\n', pos - 2);
    changed.replace(line_start + 1, pos - line_start - 2, "1.999.999");
  }
  ordered_json b = bdp::to_record(bdp::test::pipeline().run_bytes("elsewhere/renamed.txt", changed));
  CHECK(a["id"] == b["id"]);
  CHECK(a["source"]["sha256"] != b["source"]["sha256"]);
}

}  // TEST_SUITE
