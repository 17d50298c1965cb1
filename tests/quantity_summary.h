// The quantities tests' shared reading: the rules over the embedded grammars, built once, and
// items written as one compact summary string ("kind value unit key=value…; next item"), so
// that each case reads like a specification.
#pragma once

#include <doctest/doctest.h>

#include <initializer_list>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "bdp/quantities.h"

namespace bdp::test {

struct QuantityFixture {
  Grammars grammars = Grammars::embedded();
  std::vector<GrammarError> errors;
  std::unique_ptr<Lemmatizer> lemmatizer = Lemmatizer::create(grammars, errors);
  std::unique_ptr<QuantityRules> rules = QuantityRules::compile(grammars, lemmatizer.get(), errors);
};

inline const QuantityFixture& quantity_fixture() {
  static const QuantityFixture f;
  return f;
}

inline std::string quantity_number(double v) {
  std::ostringstream os;
  os.precision(12);
  os << v;
  return os.str();
}

inline std::string quantity_summary(const std::vector<Quantity>& items) {
  const auto num = quantity_number;
  std::string out;
  for (const auto& q : items) {
    if (!out.empty()) out += "; ";
    out += q.kind + " " + num(q.value) + " " + q.unit;
    if (q.year) out += " y=" + std::to_string(*q.year);
    if (q.period) out += " p=" + q.period->first + ".." + q.period->second;
    if (!q.qualifier.empty()) out += " q=" + q.qualifier;
    if (q.min && q.kind == "range") out += " " + num(*q.min) + ".." + num(*q.max);
    if (q.from) {
      out += " from=" + num(q.from->value);
      if (q.from->year) out += "@" + std::to_string(*q.from->year);
    }
    if (q.to) {
      out += " to=" + num(q.to->value);
      if (q.to->year) out += "@" + std::to_string(*q.to->year);
    }
    if (!q.direction.empty()) out += " dir=" + q.direction;
    if (!q.per.empty()) out += " per=" + q.per;
    if (q.part_of) out += " part=" + std::to_string(*q.part_of);
  }
  return out;
}

/// The items of a page of paragraphs, one per line, as the pipeline passes them, under the
/// page's title `title` (none when empty).
inline std::string quantity_page(std::initializer_list<const char*> paragraphs,
                                 std::string_view title = {}) {
  std::vector<NumberedLine> lines;
  int n = 0;
  for (const char* p : paragraphs) lines.push_back({p, ++n});
  return quantity_summary(parse_quantities(lines, *quantity_fixture().rules, nullptr, title));
}

struct QuantityCase {
  const char* input;
  const char* expected;
};

/// Each case's line read alone against its summary.
inline void check_quantities(const std::vector<QuantityCase>& cases) {
  for (const auto& c : cases) {
    std::string input = c.input;
    CAPTURE(input);
    CHECK(quantity_page({c.input}) == std::string(c.expected));
  }
}

}  // namespace bdp::test
