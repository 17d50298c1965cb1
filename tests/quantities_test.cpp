// Quantities stage: Polish phrases → items, written as one compact summary string per phrase
// ("kind value unit key=value…; next item"), so each table row reads like a specification.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bdp/quantities.h"

namespace {

struct Fixture {
  bdp::Grammars grammars = bdp::Grammars::embedded();
  std::vector<bdp::GrammarError> errors;
  std::unique_ptr<bdp::Lemmatizer> lemmatizer = bdp::Lemmatizer::create(grammars, errors);
  std::unique_ptr<bdp::QuantityRules> rules =
      bdp::QuantityRules::compile(grammars, lemmatizer.get(), errors);
};

const Fixture& fixture() {
  static const Fixture f;
  return f;
}

std::string num(double v) {
  std::ostringstream os;
  os.precision(12);
  os << v;
  return os.str();
}

std::string summary(const std::vector<bdp::Quantity>& items) {
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

std::string run(std::string_view text) {
  bdp::NumberedLine line{text, 1};
  return summary(bdp::parse_quantities(std::span(&line, 1), *fixture().rules));
}

struct Case {
  const char* input;
  const char* expected;
};

void check_all(std::initializer_list<Case> cases) {
  for (const auto& c : cases) {
    CAPTURE(c.input);
    CHECK(run(c.input) == std::string(c.expected));
  }
}

}  // namespace

TEST_SUITE("quantities") {

TEST_CASE("grammar compiles without errors") {
  CHECK(fixture().errors.empty());
  for (const auto& e : fixture().errors) MESSAGE(e.to_string());
}

TEST_CASE("digit grouping and decimals") {
  check_all({
      {"przeszkolono 10 626 osób", "count 10626 osoba"},
      {"przeszkolono 10\u00a0626 osób", "count 10626 osoba"},
      {"przeszkolono 10\u202f626 osób", "count 10626 osoba"},
      {"stronę odwiedziło 1.552.935 osób", "count 1552935 osoba"},
      {"koszt 2 500 000 zł", "money 2500000 PLN"},
      {"dotacja 1,5 mln zł", "money 1500000 PLN"},
  });
}

}
