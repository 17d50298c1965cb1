// The record writer's one UTF-8 check per outermost container against a check of every string.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bdp/json_writer.h"
#include "bdp/pipeline.h"
#include "test_util.h"

namespace {

const char* const k_pieces[] = {
    "Ośrodek „Pomocy” – 2010–2020 r.", "\u00a0", "\U0001F600", "\xc3\xa9", "\xc3", "\xc3\x28",
    "\xe2\x82", "\xe2\x82\xac", "\xed\xa0\x80", "\xf0\x90\x80\x80", "\xf4\x90\x80\x80", "\xc0\xaf",
    "\x80", "\xbf", "\xfe", "\xff", "\"", "\\", "\\u00", "\b\f\n\r\t", "\x01\x1f\x7f", "a", "\\\"",
    ""};

// A random document: objects, arrays and strings (keys too) made of the pieces above.
void write_random(bdp::JsonWriter& w, std::mt19937& rng, int depth) {
  auto text = [&] {
    std::string s;
    for (int n = static_cast<int>(rng() % 5); n > 0; --n) s += k_pieces[rng() % std::size(k_pieces)];
    return s;
  };
  const unsigned kind = depth > 3 ? 2 : rng() % 3;
  if (kind == 0) {
    w.begin_object();
    for (int n = static_cast<int>(rng() % 4); n > 0; --n) {
      w.key(text());
      write_random(w, rng, depth + 1);
    }
    w.end_object();
  } else if (kind == 1) {
    w.begin_array();
    for (int n = static_cast<int>(rng() % 4); n > 0; --n) write_random(w, rng, depth + 1);
    w.value(static_cast<int>(rng() % 100)).end_array();
  } else {
    w.value(text());
  }
}

}  // namespace

TEST_SUITE("json_writer") {

TEST_CASE("fast paths: one check per container writes what a check per string writes") {
  // Broken UTF-8 anywhere (keys, values, nested, next to escapes) is written as nlohmann
  // writes it, whether found string by string or read back after the container's check.
  std::mt19937 rng(11);
  int broken = 0;
  for (int k = 0; k < 4000; ++k) {
    const std::uint32_t seed = rng();
    std::string fast, plain;
    {
      std::mt19937 r(seed);
      bdp::set_json_writer_fast_paths(true);
      bdp::JsonWriter w(fast);
      write_random(w, r, 0);
    }
    {
      std::mt19937 r(seed);
      bdp::set_json_writer_fast_paths(false);
      bdp::JsonWriter w(plain);
      write_random(w, r, 0);
    }
    bdp::set_json_writer_fast_paths(true);
    CAPTURE(plain);
    REQUIRE(fast == plain);
    broken += plain.find("\\ufffd") != std::string::npos || plain.find("\xef\xbf\xbd") != std::string::npos;
  }
  CHECK(broken > 100);  // the read-back path was taken
  // text before the writer's first container is left alone; a container left open is checked
  // when the writer goes
  std::string out = "\xff";
  {
    bdp::JsonWriter w(out);
    w.begin_array().value("ok \xc3").value("\xe2\x82\xac");
  }
  CHECK(out == "\xff[\"ok \xef\xbf\xbd\",\"\xe2\x82\xac\"");
}

TEST_CASE("fast paths: every page's record is written alike both ways") {
  int seen = 0;
  for (const auto& path : bdp::test::all_test_pages()) {
    CAPTURE(path);
    const std::string bytes = bdp::test::read_file(path);
    const auto r = bdp::test::pipeline().run_bytes(path, bytes);
    // and the page's text cut at every 7th byte (inside letters too) as a stray string
    std::string cut = r.text;
    for (std::size_t at = 7; at < cut.size(); at += 7) cut.insert(at, 1, '\x80');
    bdp::set_json_writer_fast_paths(true);
    const std::string fast = bdp::write_record(r);
    std::string fast_cut;
    bdp::JsonWriter(fast_cut).begin_object().field("path", path).field("cut", cut).end_object();
    bdp::set_json_writer_fast_paths(false);
    const std::string plain = bdp::write_record(r);
    std::string plain_cut;
    bdp::JsonWriter(plain_cut).begin_object().field("path", path).field("cut", cut).end_object();
    bdp::set_json_writer_fast_paths(true);
    CHECK(fast == plain);
    CHECK(fast_cut == plain_cut);
    ++seen;
  }
  CHECK(seen > 100);
}

}  // TEST_SUITE

TEST_CASE("fast paths: a double is written as nlohmann writes it") {
  // Shortest round-trip forms, exponents, integral doubles ("1.0"), signed zeros, the
  // subnormals and the extremes, NaN and the infinities (null), and random bit patterns.
  std::vector<double> values = {0.0, -0.0, 1.0, -1.0, 0.5, 0.1, 1.0 / 3, 2.5e-7, 1e15, 1e16,
                                1e20, 1e21, 1e22, 123456789.125, -98.6, 5e-324, 2.2250738585072014e-308,
                                1.7976931348623157e308, std::nan(""), HUGE_VAL, -HUGE_VAL};
  std::mt19937_64 rng(7);
  for (int k = 0; k < 20000; ++k) {
    const std::uint64_t bits = rng();
    double d;
    std::memcpy(&d, &bits, sizeof d);
    values.push_back(d);
    values.push_back(static_cast<double>(rng() % 100000) / 100);  // a figure of a page
  }
  auto written = [](double v, bool fast) {
    bdp::set_json_writer_fast_paths(fast);
    std::string out;
    {
      bdp::JsonWriter w(out);
      w.begin_array().value(v).value(v).end_array();
    }
    std::string alone;
    {
      bdp::JsonWriter w(alone);
      w.value(v);
    }
    bdp::set_json_writer_fast_paths(true);
    return out + " " + alone;
  };
  for (double v : values) {
    CAPTURE(v);
    const std::string slow = written(v, false);
    REQUIRE(written(v, true) == slow);
    CHECK(slow == "[" + nlohmann::json(v).dump() + "," + nlohmann::json(v).dump() + "] " +
                      nlohmann::json(v).dump());
  }
}
