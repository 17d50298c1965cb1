// Metryka parser: the sample cards' blocks, variants of them built here (reordered, labels
// missing, NBSPs replaced, spacing and case changed, typos, unknown labels, several contacts,
// bad values) and pages that have no metryka at all.
#include <doctest/doctest.h>

#include <unicode/unistr.h>

#include <cstdio>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "bdp/metryka.h"
#include "bdp/text.h"
#include "test_util.h"

namespace {

using bdp::test::replace_all;

using json = nlohmann::ordered_json;
const std::string kNbsp = "\u00A0";
const std::string kSep = ":" + kNbsp + kNbsp + " ";  // how the cards separate label and value

const bdp::MetrykaRules& rules() {
  static const auto compiled = [] {
    std::vector<bdp::GrammarError> errors;
    auto r = bdp::MetrykaRules::compile(bdp::Grammars::embedded(), errors);
    for (const auto& e : errors) FAIL_CHECK(e.to_string());
    return r;
  }();
  return *compiled;
}

bdp::Metryka parse(const std::string& text) {
  return bdp::parse_metryka(bdp::decode_page("test.txt", text), rules());
}

std::string read_sample(const std::string& prefix) {
  for (const auto& e : std::filesystem::directory_iterator(std::string(BDP_SOURCE_DIR) + "/samples"))
    if (e.path().filename().string().starts_with(prefix) && e.path().extension() == ".txt") {
      std::ifstream f(e.path(), std::ios::binary);
      std::stringstream ss;
      ss << f.rdbuf();
      return ss.str();
    }
  FAIL("sample " << prefix << " missing");
  return {};
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::stringstream ss(text);
  for (std::string l; std::getline(ss, l);) lines.push_back(l);
  return lines;
}

std::string join_lines(const std::vector<std::string>& lines, const std::string& eol = "\n") {
  std::string out;
  for (const auto& l : lines) out += l + eol;
  return out;
}

// The label/continuation lines of a sample's block (heading and navigation bar excluded).
std::vector<std::string> block_lines(const std::string& sample) {
  auto lines = split_lines(sample);
  std::vector<std::string> out;
  bool in = false;
  for (const auto& l : lines) {
    if (l == "Metryka praktyki") {
      in = true;
      continue;
    }
    if (in && l.starts_with(".:")) break;
    if (in && !l.empty()) out.push_back(l);
  }
  return out;
}

// Groups block lines into a label line plus its continuation lines.
std::vector<std::vector<std::string>> groups(const std::vector<std::string>& block) {
  std::vector<std::vector<std::string>> out;
  for (const auto& l : block) {
    if (l.starts_with(kNbsp) && !out.empty()) {
      out.back().push_back(l);
    } else {
      out.push_back({l});
    }
  }
  return out;
}

std::string page_with(const std::vector<std::string>& block, bool heading = true) {
  std::string text = "Tytuł praktyki\n\nOpis praktyki w kilku zdaniach.\n\n";
  if (heading) text += "Metryka praktyki\n";
  text += join_lines(block);
  text += "\n.: " + kNbsp + " Skrót i Metryka -> Pełna prezentacja :.\n\nStopka strony\n";
  return text;
}

std::string upper(const std::string& s) {
  std::string out;
  icu::UnicodeString::fromUTF8(s).toUpper().toUTF8String(out);
  return out;
}

// Applies `f` to the label part (before the first ':') of every label line.
std::vector<std::string> map_labels(std::vector<std::string> block,
                                    const std::function<std::string(const std::string&)>& f) {
  for (auto& l : block) {
    if (l.starts_with(kNbsp)) continue;
    auto colon = l.find(':');
    if (colon != std::string::npos) l = f(l.substr(0, colon)) + l.substr(colon);
  }
  return block;
}

// The diagnostics other than the info that a phone extension was not kept (E.164 has none).
std::vector<bdp::Diagnostic> without_extensions(const bdp::Metryka& m) {
  std::vector<bdp::Diagnostic> out;
  for (const auto& d : m.diagnostics)
    // the info diagnostics some value forms give by design ("wew. 12", "brak", "ok. 8 000")
    if (d.code != "metryka.phone_extension" && d.code != "metryka.empty_value" &&
        d.code != "metryka.approximate_population")
      out.push_back(d);
  return out;
}

bool has_diag(const bdp::Metryka& m, const std::string& code, int line, int column = 0) {
  for (const auto& d : m.diagnostics)
    if (d.code == code && d.line == line && (column == 0 || d.column == column)) return true;
  return false;
}

int field_line(const bdp::Metryka& m, const std::string& key) {
  for (const auto& [k, l] : m.field_lines)
    if (k == key) return l;
  return 0;
}

}  // namespace

TEST_SUITE("metryka") {

TEST_CASE("sample blocks normalise to the facts of record.md") {
  struct Case {
    const char* sample;
    int first_line, last_line;
    const char* expected;
  };
  const Case cases[] = {
      {"000_", 38, 53, R"({"entered":"2010-09-30","updated":"2011-02-27","unit_type":"gmina miejska",
        "locality":"Płońsk","voivodeship":"mazowieckie","voivodeship_teryt":"14",
        "postal_code":"09-100","post_office":"Płońsk","implementing_unit":"Urząd Miejski w Płońsku",
        "street":"ul. Płocka 39","websites":["http://www.plonsk.pl"],"population":22465,
        "contacts":[{"name":"Katarzyna Mikołajewska","role":"Dyrektor Wydziału Polityki Społecznej",
        "phones":["+48236622725"],"emails":["k.mikolajewska@plonsk.pl"]}]})"},
      {"001_", 36, 56, R"({"entered":"2008-01-07","updated":"2011-02-26","unit_type":"powiat ziemski",
        "locality":"Słupsk","county":"słupski","voivodeship":"pomorskie","voivodeship_teryt":"22",
        "postal_code":"76-200","post_office":"Słupsk",
        "implementing_unit":"Starostwo Powiatowe w Słupsku","street":"ul. Szarych Szeregów 14",
        "phones":["+48598418500"],"faxes":["+48598427111"],
        "websites":["http://www.pcprslupsk.mojbip.pl","http://www.towarzystwonaszdom.pl"],
        "emails":["starostwo@powiat.slupsk.pl"],"population":92045,
        "contacts":[{"name":"Iwona Niemasz",
        "role":"Dyrektor Domów dla Dzieci Towarzystwa Nasz Dom w Słupsku i Ustce",
        "phones":["+48598145959"],"emails":["dzieciakiustka@poczta.onet.pl"]}]})"},
      {"002_", 35, 51, R"({"entered":"2011-05-30","unit_type":"gmina miejska","locality":"Płock",
        "county":"płocki","voivodeship":"mazowieckie","voivodeship_teryt":"14",
        "postal_code":"09-400","post_office":"Płock","implementing_unit":"Urząd Miasta",
        "street":"Stary Rynek 1","websites":["http://www.plock.eu","http://www.ump.pl/cwop/"],
        "population":123143,"contacts":[{"name":"Kazimierz Cieślik",
        "role":"Pełnomocnik ds. Organizacji Pozarządowych","phones":["+48243667711"],
        "emails":["kazimierz.cieslik@plock.eu"]}]})"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.sample);
    auto m = parse(read_sample(c.sample));
    CHECK(m.found);
    CHECK(m.first_line == c.first_line);
    CHECK(m.last_line == c.last_line);
    CHECK(bdp::to_json(m) == json::parse(c.expected));
    CHECK(m.diagnostics.empty());
    for (const char* key : {"entered", "unit_type", "locality", "voivodeship", "postal_code",
                            "street", "websites", "population", "contacts"})
      CHECK_MESSAGE(field_line(m, key) > c.first_line, key);
  }
}

TEST_CASE("field lines point at the label line of each fact") {
  auto m = parse(read_sample("001_"));
  const std::pair<const char*, int> expected[] = {
      {"entered", 37}, {"updated", 38},  {"county", 42},    {"voivodeship_teryt", 43},
      {"post_office", 44}, {"phones", 47}, {"faxes", 48}, {"websites", 49},
      {"emails", 51},  {"population", 52}, {"contacts", 53}};
  for (const auto& [key, line] : expected) {
    CAPTURE(key);
    CHECK(field_line(m, key) == line);
  }
}

TEST_CASE("variants of a sample block give the same record") {
  for (const char* sample : {"000_", "001_", "002_"}) {
    CAPTURE(sample);
    const auto block = block_lines(read_sample(sample));
    const json expected = bdp::to_json(parse(page_with(block)));
    REQUIRE(!expected.empty());

    auto reversed = [&] {
      auto g = groups(block);
      std::reverse(g.begin(), g.end());
      std::vector<std::string> out;
      for (const auto& grp : g) out.insert(out.end(), grp.begin(), grp.end());
      return out;
    };
    auto plain_spaces = [&] {
      std::vector<std::string> out;
      for (const auto& l : block) out.push_back(replace_all(l, kNbsp, " "));
      return out;
    };
    auto extra_spaces = [&] {
      std::vector<std::string> out;
      for (auto l : map_labels(block, [](const std::string& s) { return replace_all(s, " ", "   ") + "  "; }))
        out.push_back(replace_all(l, kNbsp + " ", kNbsp + "    ") + "   ");
      return out;
    };
    auto no_colon = [&] {
      std::vector<std::string> out;
      for (const auto& l : block) out.push_back(replace_all(l, kSep, kNbsp + kNbsp + " "));
      return out;
    };
    auto typo = [&] {
      std::vector<std::string> out;
      for (const auto& l : block) out.push_back(replace_all(l, "Wirtyna", "Witryna"));
      return out;
    };
    struct Variant {
      const char* name;
      std::string page;
    };
    const Variant variants[] = {
        {"groups reversed", page_with(reversed())},
        {"NBSPs as plain spaces", page_with(plain_spaces())},
        {"extra spaces", page_with(extra_spaces())},
        {"labels upper case", page_with(map_labels(block, upper))},
        {"labels lower case", page_with(map_labels(block, [](const std::string& s) { return bdp::to_lower(s); }))},
        {"labels without accents", page_with(map_labels(block, [](const std::string& s) { return bdp::to_ascii(s); }))},
        {"labels without colon", page_with(no_colon())},
        {"Witryna spelt right", page_with(typo())},
        {"CRLF line ends", replace_all(page_with(block), "\n", "\r\n")},
        {"no heading", page_with(block, false)},
    };
    for (const auto& v : variants) {
      CAPTURE(v.name);
      auto m = parse(v.page);
      CHECK(m.found);
      CHECK(bdp::to_json(m) == expected);
      CHECK(m.diagnostics.empty());
    }
  }
}

TEST_CASE("a missing label only removes its fields") {
  const auto block = block_lines(read_sample("001_"));
  const json full = bdp::to_json(parse(page_with(block)));
  const std::pair<const char*, std::vector<const char*>> cases[] = {
      {"Województwo", {"voivodeship", "voivodeship_teryt"}},
      {"Kod pocztowy", {"postal_code", "post_office"}},
      {"Data aktualizacji", {"updated"}},
      {"Fax", {"faxes"}},
      {"Liczba", {"population"}},
  };
  for (const auto& [prefix, keys] : cases) {
    CAPTURE(prefix);
    std::vector<std::string> lines;
    for (const auto& l : block)
      if (!l.starts_with(prefix)) lines.push_back(l);
    json expected = full;
    for (const char* k : keys) expected.erase(k);
    auto m = parse(page_with(lines));
    CHECK(bdp::to_json(m) == expected);
  }
}

TEST_CASE("unknown label goes to other with a diagnostic at its line") {
  auto block = block_lines(read_sample("000_"));
  block.insert(block.begin() + 3, "Forma prawna" + kSep + "jednostka  budżetowa");
  auto m = parse(page_with(block));
  auto j = bdp::to_json(m);
  REQUIRE(j.contains("other"));
  CHECK(j["other"] == json::parse(R"({"Forma prawna":"jednostka budżetowa"})"));
  // page_with puts 4 lines before the heading; the inserted line is the 4th of the block.
  CHECK(has_diag(m, "metryka.unknown_label", 4 + 1 + 4));
  CHECK(j["locality"] == "Płońsk");
  CHECK(j["population"] == 22465);
}

TEST_CASE("several contact persons") {
  const std::string head = "Metryka praktyki\nMiejscowość" + kSep + "Płońsk\n";
  struct Case {
    const char* name;
    std::string block;
    const char* contacts;
  };
  const Case cases[] = {
      {"second name after a completed contact",
       "Osoby kontaktowe" + kSep + "Anna Nowak\n" + kNbsp + " Kierownik Działu Pomocy\n" + kNbsp +
           " tel. 23 662-27-25\n" + kNbsp + " Jan Kowalski-Wiśniewski\n" + kNbsp +
           " Specjalista ds. rodziny\n" + kNbsp + " tel. 600 123 456 wew. 12\n" + kNbsp +
           " e@mail: J.Kowalski@Plonsk.pl\n",
       R"([{"name":"Anna Nowak","role":"Kierownik Działu Pomocy","phones":["+48236622725"]},
           {"name":"Jan Kowalski-Wiśniewski","role":"Specjalista ds. rodziny",
            "phones":["+48600123456"],"emails":["j.kowalski@plonsk.pl"]}])"},
      {"second name after a role only",
       "Osoby kontaktowe" + kSep + "Anna Nowak\n" + kNbsp + " Kierownik Działu\n" + kNbsp +
           " dr Jan Kowalski\n" + kNbsp + " e-mail: jan@example.pl\n",
       R"([{"name":"Anna Nowak","role":"Kierownik Działu"},
           {"name":"Jan Kowalski","emails":["jan@example.pl"]}])"},
      {"label written twice",
       "Osoby kontaktowe" + kSep + "Anna Nowak\n" + kNbsp + " tel. 22 123 45 67\n" +
           "Osoby kontaktowe" + kSep + "Jan Kowalski\n" + kNbsp + " tel. 59 841-85-00\n",
       R"([{"name":"Anna Nowak","phones":["+48221234567"]},
           {"name":"Jan Kowalski","phones":["+48598418500"]}])"},
      {"name on the line after an empty label",
       "Osoba kontaktowa:\n" + kNbsp + " Anna Nowak\n" + kNbsp + " Dyrektor\n" + kNbsp +
           " tel. 22 123 45 67, 600 123 456\n",
       R"([{"name":"Anna Nowak","role":"Dyrektor","phones":["+48221234567","+48600123456"]}])"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    auto m = parse(head + c.block + "\nStopka\n");
    CHECK(bdp::to_json(m)["contacts"] == json::parse(c.contacts));
    CHECK(without_extensions(m).empty());
  }
}

TEST_CASE("bad values are reported at the line and column of the value") {
  struct Case {
    std::string label;
    std::string value;
    const char* code;
    int column_in_value;  // 1 = the value's first character
    const char* absent_key;
  };
  const Case cases[] = {
      {"Data aktualizacji", "2011-13-45", "metryka.bad_date", 1, "updated"},
      {"Data wprowadzenia do BDP", "wczoraj", "metryka.bad_date", 1, "entered"},
      {"Data aktualizacji", "31.02.2011", "metryka.bad_date", 1, "updated"},
      {"Data aktualizacji", "10.01.2024 12:41 i 13:00", "metryka.bad_date", 1, "updated"},
      {"Kod pocztowy i Poczta", "Płońsk", "metryka.bad_postcode", 1, "postal_code"},
      {"Kod pocztowy i Poczta", "9-100 Płońsk", "metryka.bad_postcode", 1, "postal_code"},
      {"Województwo", "mazurskie", "metryka.bad_voivodeship", 1, "voivodeship_teryt"},
      {"Liczba mieszkańców", "dużo", "metryka.bad_population", 1, "population"},
      {"Liczba mieszkańców", "22,5", "metryka.bad_population", 1, "population"},
      {"Liczba mieszkańców", "45 sztuk", "metryka.bad_population", 1, "population"},
      {"Telefon", "123", "metryka.bad_phone", 1, "phones"},
      {"Fax", "59 842-71-11, 123", "metryka.bad_phone", 15, nullptr},
      {"Adres e@mail", "starostwo(at)powiat", "metryka.bad_email", 1, "emails"},
      {"E-mail", "a@b.pl biuro@", "metryka.bad_email", 8, nullptr},
      {"Witryna internetowa", "plonsk", "metryka.bad_url", 1, "websites"},
      {"Miejscowość", "Płock", "metryka.duplicate_label", 1, nullptr},
  };
  for (const auto& c : cases) {
    CAPTURE(c.label);
    CAPTURE(c.value);
    const std::string line = c.label + kSep + c.value;
    const std::string text = "Metryka praktyki\nMiejscowość" + kSep + "Płońsk\n" + line + "\n";
    auto m = parse(text);
    CHECK(m.found);
    std::size_t i = 0;
    int value_col = 1;
    for (const std::string prefix = c.label + kSep; i < prefix.size(); ++value_col)
      bdp::next_cp(prefix, i);
    CHECK(has_diag(m, c.code, 3, value_col + c.column_in_value - 1));
    if (c.absent_key) CHECK_FALSE(bdp::to_json(m).contains(c.absent_key));
    CHECK(bdp::to_json(m)["locality"] == "Płońsk");
  }
}

TEST_CASE("the same label twice with the same value is not a duplicate") {
  auto m = parse("Metryka praktyki\nPowiat" + kSep + "słupski\nPowiat" + kSep + "słupski\n");
  CHECK(m.diagnostics.empty());
  CHECK(bdp::to_json(m)["county"] == "słupski");
}

TEST_CASE("value forms") {
  struct Case {
    std::string line;
    const char* key;
    json expected;
  };
  const Case cases[] = {
      {"Data aktualizacji" + kSep + "2011-02-27", "updated", "2011-02-27"},
      {"Data aktualizacji" + kSep + "27.02.2011", "updated", "2011-02-27"},
      {"Data aktualizacji" + kSep + "7.2.2011 r.", "updated", "2011-02-07"},
      {"Data aktualizacji" + kSep + "30 września 2010", "updated", "2010-09-30"},
      {"Data aktualizacji" + kSep + "30 WRZESNIA 2010 r.", "updated", "2010-09-30"},
      {"Data aktualizacji" + kSep + "29.02.2012", "updated", "2012-02-29"},
      {"Data aktualizacji" + kSep + "12 V 2014", "updated", "2014-05-12"},
      {"Data aktualizacji" + kSep + "3.XII.2014 r.", "updated", "2014-12-03"},
      {"Data aktualizacji" + kSep + "2015.03.02", "updated", "2015-03-02"},
      {"Data aktualizacji" + kSep + "2015/3/2", "updated", "2015-03-02"},
      // the time a CMS stamps a date with is dropped
      {"Data aktualizacji" + kSep + "2024-01-10 12:41:07", "updated", "2024-01-10"},
      {"Data aktualizacji" + kSep + "10.01.2024, 12:41", "updated", "2024-01-10"},
      {"Data aktualizacji" + kSep + "10.01.2024 r., godz. 9:05", "updated", "2024-01-10"},
      {"Data aktualizacji" + kSep + "10 stycznia 2024 r. 12:41", "updated", "2024-01-10"},
      {"Typ jednostki" + kSep + "Gmina Wiejska", "unit_type", "gmina wiejska"},
      {"Województwo" + kSep + "woj. mazowieckie", "voivodeship_teryt", "14"},
      {"Województwo" + kSep + "MAZOWIECKIE", "voivodeship", "mazowieckie"},
      {"Województwo" + kSep + "Województwo Śląskie", "voivodeship_teryt", "24"},
      {"Województwo" + kSep + "lodzkie", "voivodeship", "łódzkie"},
      {"Województwo" + kSep + "wojewodztwo lubuskie", "voivodeship_teryt", "08"},
      {"Województwo" + kSep + "woj.podlaskie", "voivodeship_teryt", "20"},
      {"Województwo" + kSep + "Warmińsko-Mazurskie", "voivodeship_teryt", "28"},
      {"Kod pocztowy i Poczta" + kSep + "09100 Płońsk", "postal_code", "09-100"},
      {"Kod pocztowy i Poczta" + kSep + "76-200 Słupsk 1", "post_office", "Słupsk 1"},
      {"Kod pocztowy" + kSep + "Słupsk, 76-200", "post_office", "Słupsk"},
      {"Liczba mieszkańców" + kSep + "22 465", "population", 22465},
      {"Liczba mieszkańców" + kSep + "22" + kNbsp + "465", "population", 22465},
      {"Liczba mieszkańców" + kSep + "22465", "population", 22465},
      {"Liczba mieszkańców" + kSep + "1.552.935", "population", 1552935},
      {"Liczba mieszkańców" + kSep + "ok. 8 000 mieszkańców", "population", 8000},
      {"Telefon" + kSep + "59 841-85-00; 600 123 456 lub (0-22) 123 45 67 wew. 12", "phones",
       json::parse(R"(["+48598418500","+48600123456","+48221234567"])")},
      {"Strona www" + kSep + "https://WWW.Example.PL/Strona/Index.html", "websites",
       json::parse(R"(["https://www.example.pl/Strona/Index.html"])")},
      {"Witryna internetowa" + kSep + "www.a.pl, www.b.pl/x", "websites",
       json::parse(R"(["http://www.a.pl","http://www.b.pl/x"])")},
      {"E-mail" + kSep + "Biuro@Example.PL; kontakt@example.pl", "emails",
       json::parse(R"(["biuro@example.pl","kontakt@example.pl"])")},
      {"Adres e-mail" + kSep + "brak", "emails", nullptr},
      {"Telefon / Fax" + kSep + "59 841-85-00", "phones", json::parse(R"(["+48598418500"])")},
      {"Ulica i numer" + kSep + "ul.  Płocka 39", "street", "ul. Płocka 39"},
      {"Jednostka wdrażająca" + kSep + "Urząd Miejski\n" + kNbsp + " w Płońsku", "implementing_unit",
       "Urząd Miejski w Płońsku"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.line);
    auto m = parse("Metryka praktyki\n" + c.line + "\n");
    auto j = bdp::to_json(m);
    if (c.expected.is_null()) {
      CHECK_FALSE(j.contains(c.key));
    } else {
      CHECK(j[c.key] == c.expected);
    }
    CHECK(without_extensions(m).empty());
  }
}

TEST_CASE("pages without a metryka give nothing") {
  const std::string cases[] = {
      read_sample("003_"),
      read_sample("004_"),
      "Wiadomości\n\nDyżur pełni pracownik socjalny.\nTelefon: 22 123 45 67\n\nZapraszamy.\n",
      "Kontakt:\nTelefon: 22 123 45 67\nGodziny: 8-16\n",
      "Uwaga: zmiana godzin pracy.\nTermin: do 30 września 2010\n",
      "Menu\nMetryka\nPełna prezentacja\nZałączniki\n",
      "",
  };
  for (const auto& text : cases) {
    CAPTURE(text.substr(0, 60));
    auto m = parse(text);
    CHECK_FALSE(m.found);
    CHECK(bdp::to_json(m).empty());
    CHECK(m.diagnostics.empty());
    CHECK(m.field_lines.empty());
  }
}

TEST_CASE("two known labels without a heading are a block") {
  auto m = parse("Tekst.\n\nMiejscowość" + kSep + "Sopot\nTelefon" + kSep + "58 521 36 00\n\nKoniec tekstu\n");
  CHECK(m.found);
  CHECK(m.first_line == 3);
  CHECK(m.last_line == 4);
  CHECK(bdp::to_json(m) == json::parse(R"({"locality":"Sopot","phones":["+48585213600"]})"));
}

TEST_CASE("normalize_phone") {
  const std::pair<const char*, const char*> cases[] = {
      {"59 841-85-00", "+48598418500"},
      {"23 662-27-25", "+48236622725"},
      {"24 3667711", "+48243667711"},
      {"tel. 59 814 59 59", "+48598145959"},
      {"(0-59) 841 85 00", "+48598418500"},
      {"+48 59 841 85 00", "+48598418500"},
      {"0048 59 841 85 00", "+48598418500"},
      {"22 123 45 67 wew. 12", "+48221234567"},
      {"22 123 45 67 w. 3", "+48221234567"},
      {"23 662-27-25/26", "+48236622725"},
      {"123", nullptr},
      {"brak", nullptr},
      {"", nullptr},
  };
  for (const auto& [raw, expected] : cases) {
    CAPTURE(raw);
    auto got = bdp::normalize_phone(raw);
    if (expected) {
      CHECK(got == std::optional<std::string>(expected));
    } else {
      CHECK_FALSE(got);
    }
  }
}

TEST_CASE("normalize_phone: the fast path for Polish shapes agrees with libphonenumber") {
  // normalize_phone decides the common Polish shapes itself; every other input goes through
  // libphonenumber. Both must give the same answer for any input.
  std::mt19937 rng(20261125);
  auto digit = [&] { return static_cast<char>('0' + rng() % 10); };
  auto number = [&](std::size_t len) {
    std::string d;
    for (std::size_t i = 0; i < len; ++i) d += digit();
    return d;
  };
  auto group = [](const std::string& d, std::initializer_list<std::size_t> sizes,
                  std::string_view sep) {
    std::string out;
    std::size_t at = 0;
    for (std::size_t n : sizes) {
      if (at >= d.size()) break;
      if (!out.empty()) out += sep;
      out += d.substr(at, n);
      at += n;
    }
    if (at < d.size()) out += d.substr(at);
    return out;
  };
  const std::string_view prefixes[] = {"", "", "", "+48 ", "+48", "0048 ", "+ 48 ", "48 ",
                                       "tel. ", "(0-", "0", "++48 ", "+49 ", "(+48) "};
  const std::string_view suffixes[] = {"", "", "", " wew. 12", "/26", " ", ".", " (sekretariat)",
                                       "-", " x 12", "#", ";ext=5", " / 27", ")"};
  const std::string_view seps[] = {" ", "-", "", ".", "  ", " - ", "\u00a0", "/", "–"};
  auto shape = [&](const std::string& d) {
    std::string sep(seps[rng() % std::size(seps)]);
    switch (rng() % 6) {
      case 0: return group(d, {2, 3, 2, 2}, sep);
      case 1: return group(d, {3, 3, 3}, sep);
      case 2: return "(" + d.substr(0, 2) + ") " + group(d.substr(2), {3, 2, 2}, sep);
      case 3: return d.substr(0, 2) + " " + group(d.substr(2), {3, 2, 2}, "-");
      case 4: {
        std::string out = d;  // punctuation at random places
        for (int k = rng() % 4; k > 0; --k)
          out.insert(rng() % (out.size() + 1), std::string(1, " -().+/"[rng() % 7]));
        return out;
      }
      default: return d;
    }
  };
  std::vector<std::string> inputs;
  // every 4-digit start of a nine-digit number (validity depends on the first digits)
  for (int p = 0; p < 10000; ++p) {
    char buf[5];
    std::snprintf(buf, sizeof buf, "%04d", p);
    for (int k = 0; k < 2; ++k) inputs.push_back(shape(std::string(buf) + number(5)));
  }
  for (int k = 0; k < 20000; ++k) {
    std::size_t len = rng() % 4 == 0 ? 5 + rng() % 9 : 9;
    std::string d = number(len);
    if (rng() % 8 == 0) d = "48" + d.substr(2);
    inputs.push_back(std::string(prefixes[rng() % std::size(prefixes)]) + shape(d) +
                     std::string(suffixes[rng() % std::size(suffixes)]));
  }
  for (int k = 0; k < 3000; ++k) {  // noise from phone punctuation
    std::string s;
    for (int n = rng() % 20; n > 0; --n) s += "0123456789 +-()./48"[rng() % 19];
    inputs.push_back(s);
  }
  int valid = 0, mismatches = 0;
  for (const auto& in : inputs) {
    auto fast = bdp::normalize_phone(in);
    auto slow = bdp::detail::normalize_phone_libphonenumber(in);
    if (slow) ++valid;
    if (fast != slow && ++mismatches <= 20) {
      CAPTURE(in);
      CHECK(fast == slow);
    }
  }
  CHECK(mismatches == 0);
  CHECK(valid > 10000);  // the inputs are mostly numbers, valid and invalid ones
  CHECK(valid < static_cast<int>(inputs.size()) - 5000);
}

TEST_CASE("voivodeship lookups and postcode plausibility") {
  const std::pair<const char*, const char*> teryt[] = {
      {"dolnośląskie", "02"}, {"kujawsko-pomorskie", "04"}, {"lubelskie", "06"},
      {"lubuskie", "08"},     {"łódzkie", "10"},            {"małopolskie", "12"},
      {"mazowieckie", "14"},  {"opolskie", "16"},           {"podkarpackie", "18"},
      {"podlaskie", "20"},    {"pomorskie", "22"},          {"śląskie", "24"},
      {"świętokrzyskie", "26"}, {"warmińsko-mazurskie", "28"}, {"wielkopolskie", "30"},
      {"zachodniopomorskie", "32"}, {"woj. pomorskie", "22"}, {"ZACHODNIOPOMORSKIE", "32"},
      {"Mazowsze", nullptr},  {"", nullptr}};
  for (const auto& [name, code] : teryt) {
    CAPTURE(name);
    auto got = bdp::voivodeship_teryt(rules(), name);
    if (code) {
      CHECK(got == std::optional<std::string>(code));
    } else {
      CHECK_FALSE(got);
    }
  }
  CHECK(bdp::canonical_voivodeship(rules(), "Woj. Świętokrzyskie") ==
        std::optional<std::string>("świętokrzyskie"));

  struct Plausible {
    const char* voivodeship;
    const char* postcode;
    bool expected;
  };
  const Plausible plausible[] = {
      {"mazowieckie", "09-100", true},  {"mazowieckie", "26-600", true},
      {"pomorskie", "76-200", true},    {"pomorskie", "80-001", true},
      {"pomorskie", "09-100", false},   {"dolnośląskie", "50-001", true},
      {"dolnośląskie", "80-001", false}, {"podlaskie", "15-001", true},
      {"łódzkie", "90-001", true},      {"zachodniopomorskie", "70-001", true},
      {"Mazowsze", "00-001", false},    {"mazowieckie", "", false}};
  for (const auto& p : plausible) {
    CAPTURE(p.voivodeship);
    CAPTURE(p.postcode);
    CHECK(bdp::postcode_plausible(rules(), p.voivodeship, p.postcode) == p.expected);
  }
}

/// The embedded metryka rules with `label_line` replaced by `rule` (a whole grammar line).
std::unique_ptr<bdp::MetrykaRules> rules_with_label_line(const std::string& rule) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("bdp_metryka_label_line_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    std::ifstream in(std::string(BDP_SOURCE_DIR) + "/grammars/metryka.grammar");
    std::ofstream out(dir / "metryka.grammar");
    int replaced = 0;
    for (std::string line; std::getline(in, line);) {
      if (line.starts_with("label_line = ")) {
        line = rule;
        ++replaced;
      }
      out << line << "\n";
    }
    REQUIRE(replaced == 1);
  }
  std::vector<bdp::GrammarError> errors;
  auto g = bdp::Grammars::with_overrides(dir, errors);
  auto compiled = bdp::MetrykaRules::compile(g, errors);
  std::filesystem::remove_all(dir);
  for (const auto& e : errors) FAIL_CHECK(e.to_string());
  return compiled;
}

TEST_CASE("label_line: the label-only rule reads what the label-and-value rule read") {
  // The embedded rule leaves the value to the parser; a grammar may still give the value as a
  // second group (the rule then spans the line). Both must read every block alike.
  auto two_groups =
      rules_with_label_line(R"(label_line = ^(\pL[\pL\pN@ \x{00A0}./()'-]*?)[\s\pZ]*:[\s\pZ]*(.*)$)");
  REQUIRE(two_groups);

  std::vector<std::string> pages;
  for (const char* prefix : {"000", "001", "002", "003", "004"}) pages.push_back(read_sample(prefix));
  // Label and value shapes: NBSPs and spaces around the colon, empty values, URLs, a colon in
  // the value, unknown labels, prose with a colon, lines that start with a space.
  pages.push_back("Metryka praktyki\nMiejscowość" + kSep + "Płock\nWojewództwo :mazowieckie\n"
                  "Witryna internetowa:\thttp://www.plock.eu/a:b\nTyp jednostki:\n"
                  "Osoby kontaktowe" + kSep + "Jan Kowalski, tel. 24 367 14 00\n"
                  "  e-mail: jan@plock.eu\nNowa etykieta:  wartość: z dwukropkiem\n"
                  "W roku 2009 zrobiliśmy to: opis, który ciągnie się przez całą linię.\n");
  pages.push_back("Metryka praktyki\n" + kNbsp + "Miejscowość: Ełk\nPowiat:" + kNbsp + "ełcki\n"
                  "Data wprowadzenia do BDP: 2010-02-03\n");
  for (std::size_t i = 0; i < pages.size(); ++i) {
    CAPTURE(i);
    const auto page = bdp::decode_page("t.txt", pages[i]);
    const auto one = bdp::parse_metryka(page, rules());
    const auto two = bdp::parse_metryka(page, *two_groups);
    CHECK(one.found == two.found);
    CHECK(bdp::to_json(one).dump() == bdp::to_json(two).dump());
  }
  CHECK(parse(pages[5]).found);
}

TEST_CASE("label_line: a span's label is remembered per rule set, not across rule sets") {
  // The label inside a matched span ("Miejscowość: ") is remembered per thread; a rule set
  // whose label group covers less of the same span must not be given the other set's label.
  auto first_letter =
      rules_with_label_line(R"(label_line = ^(\pL)[\pL\pN@ \x{00A0}./()'-]*?[\s\pZ]*:[\s\pZ]*)");
  REQUIRE(first_letter);

  const auto page = bdp::decode_page(
      "t.txt", "Metryka praktyki\nMiejscowość: Ełk\nPowiat: ełcki\nWojewództwo: warmińsko-mazurskie\n");
  const auto before = bdp::to_json(bdp::parse_metryka(page, rules())).dump();
  CHECK(before.find("\"locality\":\"Ełk\"") != std::string::npos);
  const auto other = bdp::parse_metryka(page, *first_letter);
  CHECK(other.locality != std::optional<std::string>("Ełk"));  // label "M" is no known label
  CHECK(bdp::to_json(other).dump().find("\"M\"") != std::string::npos);
  CHECK(bdp::to_json(bdp::parse_metryka(page, rules())).dump() == before);
}

TEST_CASE("e-mail addresses written against spam robots") {
  const auto m = parse(
      "Metryka praktyki\nMiejscowość: Elbląg\n"
      "Adres e@mail:\tmops[at]mops.elblag.pl, biuro (małpa) mops.elblag.pl; info @ elblag.pl\n"
      "Osoby kontaktowe: Marek Kozłowski\n   Zastępca Dyrektora MOPS\n"
      "   e-mail: m.kozlowski[at]mops[dot]elblag[dot]pl\n   tel. 55 625 61 00\n");
  CHECK(m.emails == std::vector<std::string>{"mops@mops.elblag.pl", "biuro@mops.elblag.pl",
                                             "info@elblag.pl"});
  REQUIRE(m.contacts.size() == 1);
  CHECK(m.contacts[0].role == "Zastępca Dyrektora MOPS");
  CHECK(m.contacts[0].emails == std::vector<std::string>{"m.kozlowski@mops.elblag.pl"});
  for (const auto& d : m.diagnostics) CHECK(d.code != "metryka.bad_email");
  // a word in brackets that is no "at" stays what it was
  const auto bad = parse("Metryka praktyki\nMiejscowość: Elbląg\nAdres e@mail: mops[w]mops.pl\n");
  CHECK(bad.emails.empty());
}

TEST_CASE("a rating widget under the block ends it") {
  const auto m = parse("Metryka praktyki\nMiejscowość: Dębica\nPowiat: dębicki\n"
                       "Oceń praktykę: (brak głosów)\n");
  CHECK(m.locality == std::optional<std::string>("Dębica"));
  CHECK(m.other.empty());
  for (const auto& d : m.diagnostics) CHECK(d.code != "metryka.unknown_label");
}

TEST_CASE("phone endings, scraped voivodeship spellings, population notes, academic titles") {
  const auto m = parse(
      "Metryka praktyki\nMiejscowość: Czarna\nWojewództwo: Warmińsko - Mazurskie\n"
      "Telefon: 14 676 10 25 do 27\nFax: 14 676 10 28 lub 29\n"
      "Liczba mieszkańców: 12 345 (stan na 31.12.2009)\n"
      "Osoby kontaktowe:\n   mgr inż. Jan Nowak\n   tel. 14 676 10 25-26\n");
  CHECK(m.voivodeship == std::optional<std::string>("warmińsko-mazurskie"));
  CHECK(m.phones == std::vector<std::string>{"+48146761025", "+48146761026", "+48146761027"});
  CHECK(m.faxes == std::vector<std::string>{"+48146761028", "+48146761029"});
  CHECK(m.population == std::optional<std::int64_t>(12345));
  REQUIRE(m.contacts.size() == 1);
  CHECK(m.contacts[0].name == "Jan Nowak");
  CHECK(m.contacts[0].phones == std::vector<std::string>{"+48146761025", "+48146761026"});
  for (const auto& v : {"podkarpackie.", "podkarpackie (Polska)", "Podkarpackie"})
    CHECK(bdp::canonical_voivodeship(rules(), v) == std::optional<std::string>("podkarpackie"));
  // a dashed number is no range; a range of more than 20 numbers is no range either
  const auto n = parse("Metryka praktyki\nMiejscowość: Słupsk\nTelefon: 59 841-85-00\n"
                       "Fax: 14 676 10 05 do 99\n");
  CHECK(n.phones == std::vector<std::string>{"+48598418500"});
  CHECK(n.faxes.size() <= 1);
}

TEST_CASE("a metryka scraped as a table, or as labels alone on their lines") {
  const auto t = parse(
      "| Metryka praktyki | |\n|---|---|\n| Data wprowadzenia do BDP | 2011-02-14 |\n"
      "| Miejscowość | Wiązownica |\n| Województwo | podkarpackie |\n| Telefon | 16 622 13 55 |\n"
      "| Liczba mieszkańców | 11.402 |\n");
  CHECK(t.found);
  CHECK(t.entered == std::optional<std::string>("2011-02-14"));
  CHECK(t.locality == std::optional<std::string>("Wiązownica"));
  CHECK(t.voivodeship_teryt == std::optional<std::string>("18"));
  CHECK(t.phones == std::vector<std::string>{"+48166221355"});
  CHECK(t.population == std::optional<std::int64_t>(11402));
  CHECK(t.other.empty());

  const auto a = parse(
      "Metryka\nData wprowadzenia do BDP\n2011-05-09\nTyp jednostki\ngmina wiejska\n"
      "Miejscowość\nCzarna\nWojewództwo\npodkarpackie\nLiczba mieszkańców\n12.118\n"
      "Osoby kontaktowe\nAgata Ryba, kierownik GOPS\n");
  CHECK(a.entered == std::optional<std::string>("2011-05-09"));
  CHECK(a.unit_type == std::optional<std::string>("gmina wiejska"));
  CHECK(a.locality == std::optional<std::string>("Czarna"));
  CHECK(a.population == std::optional<std::int64_t>(12118));
  REQUIRE(a.contacts.size() == 1);
  CHECK(a.contacts[0].name == "Agata Ryba");
  // a lone "Powiat" in prose is no block
  CHECK_FALSE(parse("Powiat\nW powiecie działa wiele organizacji.\n").found);
}

TEST_CASE("values on the line after their label, without indentation") {
  // Every label alone on its line, its value on the next one; the contact's details indented.
  const std::string block =
      "Metryka praktyki\r\nData wprowadzenia do BDP:\r\n2019-10-04\r\nTyp jednostki:\r\n"
      "gmina miejsko-wiejska\r\nMiejscowość:\r\nUstrzyki Dolne\r\nPowiat:\r\nbieszczadzki\r\n"
      "Województwo:\r\npodkarpackie\r\nKod pocztowy i Poczta:\r\n38-700 Ustrzyki Dolne\r\n"
      "Ulica:\r\nul. Mikołaja Kopernika 1\r\nTelefon:\r\n13 460-80-10\r\nWitryna internetowa:\r\n"
      "www.ustrzyki-dolne.pl\r\nLiczba mieszkańców:\r\n15.650\r\nOsoby kontaktowe:\r\n"
      "Ewa Kuźniar\r\n Pedagog Gminnego Centrum Wsparcia Rodziny\r\n tel. 13 460-80-25\r\n"
      " e@mail: e.kuzniar@ustrzyki-dolne.pl\r\n";
  const std::string page = "\xEF\xBB\xBFTytuł\r\n\r\nOpis praktyki.\r\n\r\n" + block +
                           "\r\n.:   Skrót i Metryka -> Pełna prezentacja   :.\r\n";
  auto m = parse(page);
  REQUIRE(m.found);
  CHECK(bdp::to_json(m) == json::parse(R"({"entered":"2019-10-04",
      "unit_type":"gmina miejsko-wiejska","locality":"Ustrzyki Dolne","county":"bieszczadzki",
      "voivodeship":"podkarpackie","voivodeship_teryt":"18","postal_code":"38-700",
      "post_office":"Ustrzyki Dolne","street":"ul. Mikołaja Kopernika 1",
      "phones":["+48134608010"],"websites":["http://www.ustrzyki-dolne.pl"],"population":15650,
      "contacts":[{"name":"Ewa Kuźniar","role":"Pedagog Gminnego Centrum Wsparcia Rodziny",
      "phones":["+48134608025"],"emails":["e.kuzniar@ustrzyki-dolne.pl"]}]})"));
  CHECK(m.diagnostics.empty());
  CHECK(m.first_line == 5);
  CHECK(m.last_line == 30);  // the contact's e-mail line: the body leaves the whole block out
  CHECK(field_line(m, "locality") == 11);  // the line of the value
  // Without a heading too (known labels with their values on the next line).
  auto no_heading = parse(replace_all(page, "Metryka praktyki\r\n", ""));
  CHECK(bdp::to_json(no_heading) == bdp::to_json(m));
  // A label alone on its line before a blank line and prose takes no value from the prose.
  auto prose = parse("Metryka praktyki\nMiejscowość" + kSep + "Sopot\nOsoby kontaktowe:\n\n"
                     "Program realizowano w latach 2008-2010.\n");
  CHECK(bdp::to_json(prose) == json::parse(R"({"locality":"Sopot"})"));
  CHECK(prose.last_line == 3);
}

TEST_CASE("a template writing dashes for colons: known labels only") {
  auto m = parse("Opis praktyki.\n\nMetryka praktyki\nData wprowadzenia do BDP - 2010-12-01\n"
                 "Miejscowość – Krosno\nWojewództwo - podkarpackie\nLiczba mieszkańców - 111 500\n");
  REQUIRE(m.found);
  CHECK(bdp::to_json(m) == json::parse(R"({"entered":"2010-12-01","locality":"Krosno",
      "voivodeship":"podkarpackie","voivodeship_teryt":"18","population":111500})"));
  // prose with a dash after an unknown first word is no label
  auto prose = parse("Metryka praktyki\nMiejscowość: Sopot\nProgram - realizowany od 2008 roku.\n");
  CHECK(bdp::to_json(prose) == json::parse(R"({"locality":"Sopot"})"));
}

TEST_CASE("a second number without its area code takes the first one's") {
  const auto m = parse(
      "Metryka praktyki\nMiejscowość: Kętrzyn\nTelefon: (89) 751 24 10, 751-24-11\n"
      "Fax: 89 751 24 12; 751 24 13\n"
      "Osoby kontaktowe:\n   Piotr Zając\n   tel. 607 123 456, 751 24 14\n");
  CHECK(m.phones == std::vector<std::string>{"+48897512410", "+48897512411"});
  CHECK(m.faxes == std::vector<std::string>{"+48897512412", "+48897512413"});
  REQUIRE(m.contacts.size() == 1);
  // after a mobile number there is no area code to take: "751 24 14" stays unread
  CHECK(m.contacts[0].phones == std::vector<std::string>{"+48607123456"});
  CHECK(bdp::phone_with_area_code("751 24 11", "+48897512410") ==
        std::optional<std::string>("+48897512411"));
  CHECK(bdp::phone_with_area_code("751 24 11", "+48607123456") == std::nullopt);  // mobile
  CHECK(bdp::phone_with_area_code("751 24 1", "+48897512410") == std::nullopt);   // 6 digits
  CHECK(bdp::phone_with_area_code("(89) 751 24", "+48897512410") == std::nullopt);
  CHECK(bdp::phone_with_area_code("751 24 11", "") == std::nullopt);
}

TEST_CASE("a 'Tel./fax' number is a phone and a fax") {
  auto m = parse("Metryka praktyki\nMiejscowość" + kSep + "Końskie\nTel./fax" + kSep +
                 "41 372-29-22\nTelefon" + kSep + "41 372-29-23\n");
  CHECK(bdp::to_json(m) == json::parse(R"({"locality":"Końskie",
      "phones":["+48413722922","+48413722923"],"faxes":["+48413722922"]})"));
  CHECK(field_line(m, "faxes") == 3);
}

TEST_CASE("several names on the label's line are several contacts, not a name and a role") {
  const std::string head =
      "Metryka praktyki\nMiejscowość" + kSep + "Kutno\nOsoby kontaktowe" + kSep;
  // the second name given again with its details below
  auto m = parse(head + "Marek Lis, Joanna Kruk\n" + kNbsp + " Kierownik Działu\n" + kNbsp +
                 " tel. 24 253 10 10\nJoanna Kruk\n" + kNbsp + " Koordynator projektu\n");
  CHECK(bdp::to_json(m)["contacts"] == json::parse(R"([
      {"name":"Marek Lis","role":"Kierownik Działu","phones":["+48242531010"]},
      {"name":"Joanna Kruk","role":"Koordynator projektu"}])"));
  // only listed: a contact with a name alone
  auto n =
      parse(head + "mgr Marek Lis, dr Joanna Kruk, Ewa Sowa\n" + kNbsp + " tel. 24 253 10 10\n");
  CHECK(bdp::to_json(n)["contacts"] == json::parse(R"([
      {"name":"Marek Lis","phones":["+48242531010"]},{"name":"Joanna Kruk"},
      {"name":"Ewa Sowa"}])"));
  // a role after the comma stays the role, in a woman's form too
  auto r = parse(head + "Marek Lis, Kierownik Działu Pomocy\n");
  CHECK(bdp::to_json(r)["contacts"] == json::parse(R"([
      {"name":"Marek Lis","role":"Kierownik Działu Pomocy"}])"));
  auto f = parse(head + "Ewa Sowa, Kierowniczka Klubu\n");
  CHECK(bdp::to_json(f)["contacts"] == json::parse(R"([
      {"name":"Ewa Sowa","role":"Kierowniczka Klubu"}])"));
  auto k = parse(head + "Ewa Sowa, Główna Księgowa\n");
  CHECK(bdp::to_json(k)["contacts"] ==
        json::parse(R"([{"name":"Ewa Sowa","role":"Główna Księgowa"}])"));
}

TEST_CASE("a number marked 'tel./fax' inside a phone or fax value is a phone and a fax") {
  auto m = parse("Metryka praktyki\nMiejscowość" + kSep + "Sieradz\nTelefon" + kSep +
                 "43 822 61 00, Tel/faks: 43 822 61 09\nFax" + kSep +
                 "43 822 61 05; telefon / fax 43 822 61 07\n");
  CHECK(bdp::to_json(m) == json::parse(R"({"locality":"Sieradz",
      "phones":["+48438226100","+48438226109","+48438226107"],
      "faxes":["+48438226109","+48438226105","+48438226107"]})"));
  CHECK(m.diagnostics.empty());
}

TEST_CASE("an approximate population is kept as its number, and the approximation is said") {
  auto m = parse("Metryka praktyki\nMiejscowość" + kSep + "Sieradz\nLiczba mieszkańców" + kSep +
                 "około 41 tys.\n");
  CHECK(m.population.value_or(0) == 41000);
  CHECK(has_diag(m, "metryka.approximate_population", 3));
  auto exact = parse("Metryka praktyki\nMiejscowość" + kSep + "Sieradz\nLiczba mieszkańców" +
                     kSep + "41 234\n");
  CHECK(exact.population.value_or(0) == 41234);
  CHECK(exact.diagnostics.empty());
}

TEST_CASE("a label without a value is said, not dropped in silence") {
  auto m = parse("Metryka praktyki\nMiejscowość" + kSep + "Sopot\nTelefon:\nFax" + kSep +
                 "brak\nAdres e-mail:\nLiczba mieszkańców" + kSep + "38000\n");
  REQUIRE(m.found);
  CHECK(bdp::to_json(m) == json::parse(R"({"locality":"Sopot","population":38000})"));
  CHECK(has_diag(m, "metryka.empty_value", 3));  // blank
  CHECK(has_diag(m, "metryka.empty_value", 4));  // "brak", an [empty_values] word
  CHECK(has_diag(m, "metryka.empty_value", 5));
  CHECK(m.diagnostics.size() == 3);
  for (const auto& d : m.diagnostics) CHECK(d.severity == bdp::Severity::info);
}

TEST_CASE("contact lines without indentation belong to the contact and to the block") {
  const std::string head = "Tytuł\n\nOpis.\n\nMetryka praktyki\nMiejscowość" + kSep +
                           "Kleszczów\nAdres e@mail" + kSep + "Gmina@Kleszczow.PL\n";
  const std::string tail = "\n.: Skrót i Metryka -> Pełna prezentacja :.\n\nProjekt UE.\n";
  struct Case {
    const char* name;
    std::string block;
    int last_line;  // of the block, 1-based
    const char* expected;
  };
  const Case cases[] = {
      {"name, role, phone and e-mail on lines of their own",
       "Osoby kontaktowe" + kSep + "Barbara Wójcik\nKierownik Referatu Spraw Społecznych\n"
           "tel. 44 731-66-03\ne@mail: b.wojcik@kleszczow.pl\n",
       11,
       R"({"locality":"Kleszczów","emails":["gmina@kleszczow.pl"],"contacts":[{
           "name":"Barbara Wójcik","role":"Kierownik Referatu Spraw Społecznych",
           "phones":["+48447316603"],"emails":["b.wojcik@kleszczow.pl"]}]})"},
      {"two contacts",
       "Osoby kontaktowe" + kSep + "Piotr Jaworski\nSekretarz Miasta\ntel. 18 355 12 20\n"
           "e-mail: p.jaworski@gorlice.pl\nAgnieszka Mróz\nPełnomocnik ds. współpracy z NGO\n"
           "tel. 18 355 12 22\n",
       14,
       R"({"locality":"Kleszczów","emails":["gmina@kleszczow.pl"],"contacts":[
           {"name":"Piotr Jaworski","role":"Sekretarz Miasta","phones":["+48183551220"],
            "emails":["p.jaworski@gorlice.pl"]},
           {"name":"Agnieszka Mróz","role":"Pełnomocnik ds. współpracy z NGO",
            "phones":["+48183551222"]}]})"},
      {"a label of the unit written as the card writes labels is not the contact's",
       "Osoby kontaktowe" + kSep + "Barbara Wójcik\nKierownik Referatu\ntel. 44 731-66-03\n"
           "Telefon" + kSep + "44 731-31-10\nFax" + kSep + "44 731-32-56\n",
       12,
       R"({"locality":"Kleszczów","phones":["+48447313110"],"faxes":["+48447313256"],
           "emails":["gmina@kleszczow.pl"],"contacts":[{"name":"Barbara Wójcik",
           "role":"Kierownik Referatu","phones":["+48447316603"]}]})"},
      {"a second e-mail label after the contact's e-mail is the unit's",
       "Osoby kontaktowe" + kSep + "Barbara Wójcik\ne-mail: b.wojcik@kleszczow.pl\n"
           "e-mail: sekretariat@kleszczow.pl\n",
       10,
       R"({"locality":"Kleszczów","emails":["gmina@kleszczow.pl","sekretariat@kleszczow.pl"],
           "contacts":[{"name":"Barbara Wójcik","emails":["b.wojcik@kleszczow.pl"]}]})"},
      {"prose right after the contact is not part of it",
       "Osoby kontaktowe" + kSep + "Barbara Wójcik\nKierownik Referatu\n"
           "Ośrodek prowadzi zajęcia dla seniorów od poniedziałku do piątku w godzinach "
           "od ósmej do szesnastej, a w soboty organizuje wycieczki.\nAnna Nowak\n",
       9,
       R"({"locality":"Kleszczów","emails":["gmina@kleszczow.pl"],"contacts":[{
           "name":"Barbara Wójcik","role":"Kierownik Referatu"}]})"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    auto m = parse(head + c.block + tail);
    CHECK(bdp::to_json(m) == json::parse(c.expected));
    CHECK(m.last_line == c.last_line);
    CHECK(m.diagnostics.empty());
  }
}

TEST_CASE("the next contact's name at column 0 or after a blank line, under indented lines") {
  const std::string head = "Metryka praktyki\nMiejscowość" + kSep + "Kutno\nOsoby kontaktowe" +
                           kSep + "Marek Lis\n" + kNbsp + " Kierownik Działu Świadczeń\n" +
                           kNbsp + " tel. 24 253 10 10\n";
  const std::string lines =
      "Joanna Kruk-Sowa\n" + kNbsp + " Koordynator projektu\n" + kNbsp + " e-mail: j.kruk@kutno.pl\n";
  const std::string tail = "\n.: Skrót i Metryka -> Pełna prezentacja :.\n";
  const char* both = R"({"locality":"Kutno","contacts":[
      {"name":"Marek Lis","role":"Kierownik Działu Świadczeń","phones":["+48242531010"]},
      {"name":"Joanna Kruk-Sowa","role":"Koordynator projektu","emails":["j.kruk@kutno.pl"]}]})";
  struct Case {
    const char* name;
    std::string block;
    int last_line;
  };
  const Case cases[] = {
      {"name at column 0, its lines indented", lines, 8},
      {"name at column 0, its lines too",
       "Joanna Kruk-Sowa\nKoordynator projektu\ne-mail: j.kruk@kutno.pl\n", 8},
      {"a blank line before the name", "\n" + lines, 9},
      {"the next contact on one line",
       "Joanna Kruk-Sowa – Koordynator projektu, e-mail: j.kruk@kutno.pl\n", 6},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    auto m = parse(head + c.block + tail);
    CHECK(bdp::to_json(m) == json::parse(both));
    CHECK(m.last_line == c.last_line);
    CHECK(m.diagnostics.empty());
  }
  // A name with nothing of a contact under it ends the block, and is said to.
  auto m = parse(head + "Joanna Kruk-Sowa\n\nProgram prowadzimy od 2015 roku.\n");
  CHECK(bdp::to_json(m)["contacts"].size() == 1);
  CHECK(m.last_line == 5);
  CHECK(has_diag(m, "metryka.dropped_line", 6, 1));
  // Prose after a blank line is the body, said nothing of.
  auto b = parse(head + "\nProgram prowadzimy od 2015 roku.\n");
  CHECK(b.diagnostics.empty());
}

TEST_CASE("a contact written on one line is split into name, role, phones and e-mails") {
  const std::string head = "Metryka praktyki\nMiejscowość" + kSep + "Września\nOsoby kontaktowe" + kSep;
  struct Case {
    std::string line;
    const char* contacts;
  };
  const Case cases[] = {
      {"Tomasz Nowak, koordynator ds. osób niepełnosprawnych, tel. 61 640 40 77, e-mail: "
       "t.nowak@wrzesnia.pl",
       R"([{"name":"Tomasz Nowak","role":"koordynator ds. osób niepełnosprawnych",
            "phones":["+48616404077"],"emails":["t.nowak@wrzesnia.pl"]}])"},
      {"Barbara Wójcik – Kierownik Referatu Spraw Społecznych",
       R"([{"name":"Barbara Wójcik","role":"Kierownik Referatu Spraw Społecznych"}])"},
      {"dr Jan Kowalski - Dyrektor, tel. 22 123 45 67; 600 123 456",
       R"([{"name":"Jan Kowalski","role":"Dyrektor",
            "phones":["+48221234567","+48600123456"]}])"},
      // A role with a comma keeps it; a text that is not a person's name stays the name.
      {"Joanna Kamińska, Urząd Miasta Torunia, Wydział Kultury",
       R"([{"name":"Joanna Kamińska","role":"Urząd Miasta Torunia, Wydział Kultury"}])"},
      {"Biuro Promocji, Urząd Miasta",
       R"([{"name":"Biuro Promocji, Urząd Miasta"}])"},
      {"Anna Nowak-Wiśniewska",
       R"([{"name":"Anna Nowak-Wiśniewska"}])"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.line);
    auto m = parse(head + c.line + "\n");
    CHECK(bdp::to_json(m)["contacts"] == json::parse(c.contacts));
    CHECK(m.diagnostics.empty());
  }
  // Second contact on its own line after a complete one.
  auto two = parse(head + "Anna Nowak, Kierownik, tel. 22 123 45 67\n" + kNbsp +
                   " Jan Kowalski, Specjalista ds. rodziny, e-mail: jan@example.pl\n");
  CHECK(bdp::to_json(two)["contacts"] == json::parse(R"([
      {"name":"Anna Nowak","role":"Kierownik","phones":["+48221234567"]},
      {"name":"Jan Kowalski","role":"Specjalista ds. rodziny","emails":["jan@example.pl"]}])"));
}

TEST_CASE("fax in a phone value, Poczta on its own label, population in thousands, extensions") {
  auto one = [](const std::string& lines) { return parse("Metryka praktyki\n" + lines); };
  auto m = one("Telefon" + kSep + "22 123 45 67; fax 22 123 45 69\nFax" + kSep +
               "22 123 45 70, tel. 22 123 45 71\n");
  CHECK(bdp::to_json(m) == json::parse(R"({"phones":["+48221234567","+48221234571"],
      "faxes":["+48221234569","+48221234570"]})"));
  CHECK(m.diagnostics.empty());

  m = one("Kod pocztowy" + kSep + "62-300\nPoczta" + kSep + "Września\n");
  CHECK(bdp::to_json(m) == json::parse(R"({"postal_code":"62-300","post_office":"Września"})"));
  CHECK(m.diagnostics.empty());
  m = one("Poczta" + kSep + "62-300 Września\n");
  CHECK(bdp::to_json(m) == json::parse(R"({"postal_code":"62-300","post_office":"Września"})"));

  const std::pair<std::string, std::int64_t> populations[] = {
      {"ok. 45 tys.", 45000}, {"45 tys", 45000}, {"22,5 tys. mieszkańców", 22500},
      {"1,2 mln", 1200000},   {"około 8 tysięcy", 8000}, {"22.465", 22465}};
  for (const auto& [value, n] : populations) {
    CAPTURE(value);
    m = one("Liczba mieszkańców" + kSep + value + "\n");
    CHECK(bdp::to_json(m)["population"] == n);
    // an approximation is said (info), nothing else
    const bool approximate = value.starts_with("ok");  // "ok. 45 tys.", "około 8 tysięcy"
    CHECK(m.diagnostics.size() == (approximate ? 1u : 0u));
    for (const auto& d : m.diagnostics) CHECK(d.code == "metryka.approximate_population");
  }

  // E.164 has no extension: the number is kept, the extension reported (info) at its column.
  m = one("Telefon" + kSep + "56 611 88 88 wew. 212\nOsoby kontaktowe" + kSep + "Anna Nowak\n" +
          kNbsp + " tel. 600 123 456 w. 12\n");
  CHECK(bdp::to_json(m)["phones"] == json::parse(R"(["+48566118888"])"));
  CHECK(bdp::to_json(m)["contacts"][0]["phones"] == json::parse(R"(["+48600123456"])"));
  REQUIRE(m.diagnostics.size() == 2);
  CHECK(m.diagnostics[0].code == "metryka.phone_extension");
  CHECK(m.diagnostics[0].severity == bdp::Severity::info);
  CHECK(m.diagnostics[0].message.find("212") != std::string::npos);
  CHECK(has_diag(m, "metryka.phone_extension", 2, 12 + 18));
  CHECK(has_diag(m, "metryka.phone_extension", 4));
}

TEST_CASE("titles before a contact's name in any case, and courtesy titles, are taken off") {
  const std::string head = "Metryka praktyki\nMiejscowość" + kSep + "Olecko\nOsoby kontaktowe" + kSep;
  const std::pair<std::string, std::string> cases[] = {
      {"Mgr Anna Nowak\n" + kNbsp + " Kierownik GOPS\n", "Anna Nowak"},
      {"Dr hab. Jan Kowalski\n" + kNbsp + " Kierownik GOPS\n", "Jan Kowalski"},
      {"Pani Jadwiga Zielińska, Zastępca Kierownika, tel. 87 520 20 12\n", "Jadwiga Zielińska"},
      {"Pan mgr inż. Jan Nowak\n", "Jan Nowak"},
  };
  for (const auto& [block, name] : cases) {
    CAPTURE(block);
    auto m = parse(head + block);
    REQUIRE(m.contacts.size() == 1);
    CHECK(m.contacts[0].name == name);
  }
}

TEST_CASE("a contact's role written before the name") {
  const std::string head = "Metryka praktyki\nMiejscowość" + kSep + "Kluczbork\nOsoby kontaktowe" + kSep;
  auto m = parse(head + "Pełnomocnik Burmistrza ds. Profilaktyki\n" + kNbsp + " Andrzej Górski\n" +
                 kNbsp + " tel. 77 418 15 95\n");
  CHECK(bdp::to_json(m)["contacts"] == json::parse(R"([{"name":"Andrzej Górski",
      "role":"Pełnomocnik Burmistrza ds. Profilaktyki","phones":["+48774181595"]}])"));
  m = parse(head + "Kierownik GOPS – mgr Anna Nowak, tel. 13 468 40 25\n");
  CHECK(bdp::to_json(m)["contacts"] == json::parse(R"([{"name":"Anna Nowak",
      "role":"Kierownik GOPS","phones":["+48134684025"]}])"));
  // a unit without a person stays as written
  m = parse(head + "Wydział Spraw Społecznych\n" + kNbsp + " tel. 77 418 15 95\n");
  CHECK(bdp::to_json(m)["contacts"] == json::parse(R"([{"name":"Wydział Spraw Społecznych",
      "phones":["+48774181595"]}])"));
}

TEST_CASE("label wordings of other sites, and a note in brackets after a label") {
  const auto m = parse(
      "Metryka praktyki\nData wprowadzenia praktyki do BDP: 2011-03-15\nData modyfikacji: 2012-01-02\n"
      "Typ JST: gmina wiejska\nNazwa jednostki: Urząd Gminy Baligród\n"
      "Kod pocztowy / Poczta: 38-606 Baligród\nTelefon kontaktowy: 13 468 40 11\n"
      "Tel./faks: 13 468 40 12\nAdres poczty elektronicznej: ug@baligrod.pl\n"
      "Liczba mieszkańców gminy: 3 512\nOsoba odpowiedzialna: Jan Nowak\n");
  CHECK(bdp::to_json(m) == json::parse(R"({"entered":"2011-03-15","updated":"2012-01-02",
      "unit_type":"gmina wiejska","postal_code":"38-606","post_office":"Baligród",
      "implementing_unit":"Urząd Gminy Baligród","phones":["+48134684011","+48134684012"],
      "faxes":["+48134684012"],"emails":["ug@baligrod.pl"],"population":3512,
      "contacts":[{"name":"Jan Nowak"}]})"));
  CHECK(m.diagnostics.empty());
  const auto n = parse("Metryka praktyki\nOstatnia aktualizacja: 12.05.2012\nLudność: 22 100\n"
                       "Liczba mieszkańców (2010 r.): 22 150\nTelefon (sekretariat): 87 520 20 11\n");
  CHECK(n.updated == std::optional<std::string>("2012-05-12"));
  CHECK(n.phones == std::vector<std::string>{"+48875202011"});
  CHECK(n.population.has_value());
  CHECK(n.other.empty());
}

TEST_CASE("value forms of other sites: '56 / 57', 'mailto:', '… osoby'") {
  const auto m = parse("Metryka praktyki\nMiejscowość: Kętrzyn\n"
                       "Telefon: 89 751 34 56 / 57, 89 751 34 60/61\nFax: 13/468 40 12\n"
                       "E-mail: mailto:biuro@gops.pl.\nLiczba mieszkańców: 125 992 osoby\n");
  CHECK(bdp::to_json(m) == json::parse(R"({"locality":"Kętrzyn","phones":["+48897513456",
      "+48897513457","+48897513460","+48897513461"],"faxes":["+48134684012"],
      "emails":["biuro@gops.pl"],"population":125992})"));
  CHECK(m.diagnostics.empty());
}

TEST_CASE("an address with its postcode and town gives street, postcode and post office") {
  auto m = parse("Metryka praktyki\nMiejscowość: Olecko\nAdres: ul. Kolejowa 32, 19-400 Olecko\n");
  CHECK(bdp::to_json(m) == json::parse(R"({"locality":"Olecko","postal_code":"19-400",
      "post_office":"Olecko","street":"ul. Kolejowa 32"})"));
  CHECK(m.diagnostics.empty());
  // the same postcode on its own label is no second value
  m = parse("Metryka praktyki\nUlica: Plac Wolności 3, 19-400 Olecko\n"
            "Kod pocztowy i Poczta: 19-400 Olecko\n");
  CHECK(m.street == std::optional<std::string>("Plac Wolności 3"));
  CHECK(m.diagnostics.empty());
  // no postcode: as written
  m = parse("Metryka praktyki\nMiejscowość: Olecko\nAdres: ul. 3 Maja 1, 2 piętro\n");
  CHECK(m.street == std::optional<std::string>("ul. 3 Maja 1, 2 piętro"));
}

TEST_CASE("combined labels split their value over their keys; a bare 'Gmina' is the locality") {
  auto m = parse("Metryka\nTyp jednostki: gmina miejsko-wiejska\nGmina / miasto: Lesko\n"
                 "Województwo / powiat: podkarpackie / leski\n");
  CHECK(m.locality == std::optional<std::string>("Lesko"));
  CHECK(m.voivodeship == std::optional<std::string>("podkarpackie"));
  CHECK(m.voivodeship_teryt == std::optional<std::string>("18"));
  CHECK(m.county == std::optional<std::string>("leski"));
  CHECK(m.other.empty());
  CHECK(m.diagnostics.empty());
  // without spaces around the slash, and the keys the other way round
  m = parse("Metryka praktyki\nGmina/miasto: Świebodzin\nPowiat/województwo: świebodziński/lubuskie\n");
  CHECK(m.locality == std::optional<std::string>("Świebodzin"));
  CHECK(m.county == std::optional<std::string>("świebodziński"));
  CHECK(m.voivodeship == std::optional<std::string>("lubuskie"));
  CHECK(m.other.empty());
  // one part alone: the voivodeship when it names one, else the county
  m = parse("Metryka praktyki\nGmina: Dobczyce\nWojewództwo / powiat: małopolskie\n");
  CHECK(m.locality == std::optional<std::string>("Dobczyce"));
  CHECK(m.voivodeship == std::optional<std::string>("małopolskie"));
  CHECK_FALSE(m.county);
  m = parse("Metryka praktyki\nMiejscowość: Dobczyce\nWojewództwo / powiat: myślenicki\n");
  CHECK(m.county == std::optional<std::string>("myślenicki"));
  CHECK_FALSE(m.voivodeship);
}

TEST_CASE("combined labels: parts named by a word go to the key it names, in any order") {
  auto m = parse("Metryka praktyki\nGmina / powiat: powiat gorzowski, gmina Kłodawa\n");
  CHECK(m.county == std::optional<std::string>("gorzowski"));
  CHECK(m.locality == std::optional<std::string>("Kłodawa"));
  CHECK(m.other.empty());
  m = parse("Metryka praktyki\nWojewództwo / powiat: pow. leski / woj. podkarpackie\n");
  CHECK(m.county == std::optional<std::string>("leski"));
  CHECK(m.voivodeship == std::optional<std::string>("podkarpackie"));
  // a part without such a word: the label's order, as before
  m = parse("Metryka praktyki\nPowiat / gmina: leski / Lesko\n");
  CHECK(m.county == std::optional<std::string>("leski"));
  CHECK(m.locality == std::optional<std::string>("Lesko"));
}

TEST_CASE("a text value wrapped onto an unindented line goes on when the line starts in lower case") {
  auto m = parse("Metryka praktyki\nJednostka wdrażająca: Miejski Ośrodek Pomocy Społecznej\n"
                 "w Wągrowcu, Dział Aktywizacji Zawodowej\nUlica: ul. Kościuszki 15a\n"
                 "Liczba mieszkańców: 25 tys.\n");
  CHECK(m.implementing_unit ==
        std::optional<std::string>("Miejski Ośrodek Pomocy Społecznej w Wągrowcu, Dział Aktywizacji Zawodowej"));
  CHECK(m.street == std::optional<std::string>("ul. Kościuszki 15a"));
  CHECK(m.population == std::optional<std::int64_t>(25000));
  // a line in upper case after the block is prose, not the value's end
  m = parse("Metryka praktyki\nMiejscowość: Wągrowiec\nPowiat: wągrowiecki\nW 2010 roku powstało CIS.\n");
  CHECK(m.county == std::optional<std::string>("wągrowiecki"));
}

TEST_CASE("a label written with a dash for its colon, its value under it ('Osoby kontaktowe -')") {
  auto m = parse("Metryka praktyki\nMiejscowość - Olecko\nOsoby kontaktowe -\n   Krystyna Kamińska\n"
                 "   Referat Promocji i Rozwoju\n   tel. 87 520 16 71\n");
  CHECK(m.locality == std::optional<std::string>("Olecko"));
  REQUIRE(m.contacts.size() == 1);
  CHECK(m.contacts[0].name == "Krystyna Kamińska");
  CHECK(m.contacts[0].role == "Referat Promocji i Rozwoju");
  CHECK(m.contacts[0].phones == std::vector<std::string>{"+48875201671"});
}

TEST_CASE("'Data publikacji' is the card's entry date under a heading only") {
  auto m = parse("Metryka praktyki\nNazwa JST: Gmina Stare Babice\nWoj.: mazowieckie\n"
                 "Data publikacji: 14.03.2013\nKoszt: 96 000 zł\n");
  CHECK(m.entered == std::optional<std::string>("2013-03-14"));
  CHECK(m.voivodeship == std::optional<std::string>("mazowieckie"));
  CHECK(m.other.size() == 2);  // Nazwa JST, Koszt: no field of the record
  // a BIP page's metadata, no heading: no block
  m = parse("Treść ogłoszenia.\n\nData publikacji: 12.03.2024\nData modyfikacji: 14.03.2024\n");
  CHECK_FALSE(m.found);
}

TEST_CASE("more label wordings: 'Data dodania do bazy', 'Adres jednostki'") {
  auto m = parse("Metryka praktyki\nData dodania do bazy: 12.10.2013\nAdres jednostki: ul. Kcyńska 13\n"
                 "Adres siedziby: ul. Polna 1\n");
  CHECK(m.entered == std::optional<std::string>("2013-10-12"));
  CHECK(m.street == std::optional<std::string>("ul. Kcyńska 13"));
  CHECK(m.other.empty());
}

TEST_CASE("share buttons under the block end it") {
  auto m = parse("Metryka praktyki\nMiejscowość: Olecko\nPowiat: olecki\n\n"
                 "Udostępnij: Facebook | Twitter | E-mail\n");
  CHECK(m.other.empty());
  CHECK(m.county == std::optional<std::string>("olecki"));
}

TEST_CASE("a block indented as a whole reads as one at the margin; continuations are relative") {
  // a table cell's export or a dump of a nested list indents the label lines, not the page
  for (const std::string& indent : std::vector<std::string>{"  ", "    ", "\t", kNbsp + " "}) {
    CAPTURE(indent);
    const std::string labels = indent + "Miejscowość:  Kłodzko\n" + indent + "Powiat:  kłodzki\n" +
                               indent + "Liczba mieszkańców:  26 800\n" + indent +
                               "Osoby kontaktowe:  Irena Wąs\n" + indent + "  Kierownik Działu\n" +
                               indent + "  tel. 74 865 40 12\n";
    for (const std::string& heading :
         std::vector<std::string>{"Metryka praktyki\n", indent + "Metryka praktyki\n", ""}) {
      CAPTURE(heading);
      const auto m = parse("Świetlica dla dzieci w Kłodzku.\n\n" + heading + labels +
                           "\nOpis praktyki zaczyna się tutaj.\n");
      CHECK(m.locality == std::optional<std::string>("Kłodzko"));
      CHECK(m.county == std::optional<std::string>("kłodzki"));
      CHECK(m.population == std::optional<std::int64_t>(26800));
      REQUIRE(m.contacts.size() == 1);
      CHECK(m.contacts[0].name == "Irena Wąs");
      CHECK(m.contacts[0].role == "Kierownik Działu");
      CHECK(m.contacts[0].phones == std::vector<std::string>{"+48748654012"});
      CHECK(m.last_line == (heading.empty() ? 8 : 9));
      CHECK(m.other.empty());
    }
  }
  // columns point into the line as written
  const auto m = parse("Metryka praktyki\n    Miejscowość:  Kłodzko\n    Data wprowadzenia do BDP:  "
                       "31.02.2011\n    Powiat:  kłodzki\n");
  bool bad_date = false;
  for (const auto& d : m.diagnostics)
    if (d.code == "metryka.bad_date") {
      bad_date = true;
      CHECK(d.line == 3);
      CHECK(d.column == 32);
    }
  CHECK(bad_date);
}

TEST_CASE("a known label before a value after only spaces does not start a block by itself") {
  const std::string nbsp_tel = "Ośrodek Wsparcia w Wieluniu\nul. Kościuszki 9\n98-300 Wieluń\ntel." +
                               kNbsp + "43 843 11 22\ne-mail: biuro@ow.wielun.pl\n\n";
  const std::string doubled = "Stowarzyszenie Razem\nTelefon   601 222 333\nE-mail: razem@wp.pl\n";
  for (const std::string& footer : {nbsp_tel, doubled}) {
    CAPTURE(footer);
    const auto m = parse("Klub działa od poniedziałku do piątku.\n\n" + footer);
    CHECK_FALSE(m.found);
  }
  // a tab is a table's cell boundary: two such labels are a block
  const auto tab = parse("Tekst.\n\nMiejscowość\tKłodzko\nPowiat\tkłodzki\n");
  CHECK(tab.locality == std::optional<std::string>("Kłodzko"));
  CHECK(tab.county == std::optional<std::string>("kłodzki"));
  // inside a block such a line is a label line as before
  const auto in_block = parse("Miejscowość: Kłodzko\nPowiat: kłodzki\nTel." + kNbsp + "74 865 40 12\n");
  CHECK(in_block.phones == std::vector<std::string>{"+48748654012"});
}

TEST_CASE("end lines with their words' spaces doubled or NBSPs end the block") {
  for (const std::string& sp : std::vector<std::string>{"  ", kNbsp, " " + kNbsp}) {
    CAPTURE(sp);
    const auto m = parse("Metryka praktyki\nMiejscowość: Wieluń\nPowiat: wieluński\nOceń" + sp +
                         "praktykę: ★★★☆☆ (3 głosy)\nPodziel" + sp + "się: Facebook\n");
    CHECK(m.other.empty());
    CHECK(m.last_line == 3);
  }
  // without Polish letters, as the labels are read
  for (const char* end : {"Ocen praktyke: (brak glosow)", "Podziel sie: Facebook", "Udostepnij: X",
                          "Wyslij znajomemu", "Pelna prezentacja"}) {
    CAPTURE(end);
    const auto m = parse(std::string("Metryka praktyki\nMiejscowosc: Wielun\nPowiat: wielunski\n") +
                         end + "\nKoniec\n");
    CHECK(m.other.empty());
    CHECK(m.last_line == 3);
  }
}

TEST_CASE("grammar problems are collected, not thrown") {
  const auto dir = std::filesystem::temp_directory_path() / "bdp_metryka_test_grammars";
  std::filesystem::create_directories(dir);
  {
    std::ofstream f(dir / "metryka.grammar");
    f << "[heading]\nmetryka praktyki\n[labels]\nmiejscowość = locality\nulica = nowhere\n"
         "[patterns]\nlabel_line = ^(unclosed\nemail = [z-a]\n";
  }
  std::vector<bdp::GrammarError> load_errors;
  auto g = bdp::Grammars::with_overrides(dir, load_errors);
  CHECK(load_errors.empty());
  std::vector<bdp::GrammarError> errors;
  auto r = bdp::MetrykaRules::compile(g, errors);
  std::filesystem::remove_all(dir);
  CHECK(r != nullptr);
  const int lines[] = {5, 7, 8};  // unknown record key, two bad regexes
  for (int line : lines) {
    CAPTURE(line);
    CHECK(std::any_of(errors.begin(), errors.end(), [&](const bdp::GrammarError& e) {
      return e.line == line && e.origin.find("metryka.grammar") != std::string::npos;
    }));
  }
  // With broken rules the parser finds nothing rather than crashing.
  CHECK_FALSE(bdp::parse_metryka(bdp::decode_page("x", "Metryka praktyki\nUlica: a\n"), *r).found);
}

}  // TEST_SUITE

TEST_CASE("fast paths: label keys and every page's metryka are those of the plain path") {
  // Label keys folded in one pass (and the words of a line read without decoding ASCII) must
  // give what normalize_space + fold + the slash and colon rules give, on every line of the
  // eval pages, samples, unknown and boilerplate_probe pages, on each line's first words, and
  // on spellings that test the rules' order (punctuation dropped between spaces, blanks next
  // to a slash, a colon before the end, bytes that are not UTF-8, a letter ICU must fold).
  std::vector<std::string> texts = {
      "a § b", "§ abc", "abc §", "abc /:", "abc / :", "a / / b", "a/ /b", "/ abc", "abc/ :",
      "a :/", "Gmina / miasto:", "gmina /miasto", "GMINA/ MIASTO ::", " \u00A0Województwo:\u00A0",
      "Tel.\u2013fax", "a\r-", "x\t\t/ y :: ", "Ż\u2026ółć", "a \u00B7 / \u00B7 b", "\xE2 x",
      "\xC5", "a\xC5\x81" "b", "Straße: x", "ÉCOLE", "\u00A0", ":", " : ", "a:b:", "\u2003a\u2003",
      "kod pocztowy, poczta", "A\u0085B", "\uFEFFMetryka praktyki", "x\u200B/\u200By"};
  std::vector<bdp::SourcePage> pages;
  const std::string root = std::string(BDP_SOURCE_DIR) + "/";
  for (const char* dir : {"tests/data/eval", "samples", "tests/data/unknown", "tests/data/boilerplate_probe"})
    for (const auto& e : std::filesystem::directory_iterator(root + dir))
      if (e.path().extension() == ".txt") {
        std::ifstream f(e.path(), std::ios::binary);
        std::stringstream ss;
        ss << f.rdbuf();
        pages.push_back(bdp::decode_page(e.path().filename().string(), ss.str()));
      }
  REQUIRE(pages.size() > 100);
  // Pages built to take the dash and gap branches of labels written without a colon.
  for (const char* text : {"Miejscowość \r- Krosno\nPowiat\u00A0krośnieński\nGmina\t\r-\n",
                           "Osoby kontaktowe -\n  Jan Nowak\nTelefon \u2013 22 111 22 33\n"
                           "Województwo\u00A0\u00A0podkarpackie\nKod  pocztowy  38-400\n",
                           // a label line holding an [end] rule ends the block (anchored rules
                           // and the floating "skrót i metryka" alike)
                           "Metryka praktyki\nMiejscowość: Dębica\nZobacz: skrót i metryka\nPowiat: dębicki\n",
                           "Metryka praktyki\nMiejscowość: Dębica\nOceń praktykę: (brak głosów)\nPowiat: x\n",
                           "Metryka praktyki\nMiejscowość: Dębica\nUdostępnij: Facebook\nGmina: x\n",
                           "Metryka praktyki\nMiejscowość: Dębica\nPełna prezentacja: tak\nGmina: x\n",
                           "Metryka praktyki\nMiejscowość: Dębica\n.: menu\nGmina: x\n",
                           // labels without a heading as lines may begin them (capitals, Polish
                           // capitals, quotes the key drops, NBSPs, a table cell, a slash, a
                           // colon first, a letter ICU folds), for the key filter
                           "MIEJSCOWOŚĆ:\u00A0Krosno\n„Powiat”: krośnieński\nŚwiadczenia: x\n",
                           "\u00A0\u00A0Województwo\u00A0\u00A0podkarpackie\nGmina / miasto: Sanok\n",
                           "| Miejscowość | Krosno |\n| Powiat | krośnieński |\n",
                           "«Miejscowość» Krosno\n:Powiat: x\nPOWIAT\tkrośnieński\n",
                           "Ｍiejscowość: Krosno\nMiejscowość\u0301: Krosno\nPowiat: x\n",
                           "M\u00A0iejscowość: x\nP/owiat: y\nGm ina: z\nMetryka\u00A0praktyki\nWoj.: a\n",
                           "  METRYKA  \nUlica: Długa 1\nKod pocztowy: 38-400\n"})
    pages.push_back(bdp::decode_page("t.txt", text));
  for (const auto& page : pages)
    for (std::size_t i = 0; i < page.line_count(); ++i) {
      std::string_view line = page.line(i);
      texts.emplace_back(line);
      for (std::size_t at = 0, words = 0; words < 6 && (at = line.find(' ', at + 1)) != std::string_view::npos; ++words)
        texts.emplace_back(line.substr(0, at));
    }
  std::size_t differ = 0;
  for (const auto& t : texts) {
    bdp::set_metryka_fast_paths(true);
    const std::string fast = bdp::detail::metryka_label_key(t);
    bdp::set_metryka_fast_paths(false);
    const std::string plain = bdp::detail::metryka_label_key(t);
    if (fast != plain) {
      ++differ;
      CAPTURE(t);
      CHECK(fast == plain);
    }
  }
  CHECK(differ == 0);
  std::size_t found = 0;
  for (const auto& page : pages) {
    CAPTURE(page.path);
    bdp::set_metryka_fast_paths(true);
    const auto fast = bdp::parse_metryka(page, rules());
    bdp::set_metryka_fast_paths(false);
    const auto plain = bdp::parse_metryka(page, rules());
    found += fast.found;
    CHECK(bdp::to_json(fast).dump() == bdp::to_json(plain).dump());
    CHECK(fast.first_line == plain.first_line);
    CHECK(fast.last_line == plain.last_line);
    REQUIRE(fast.diagnostics.size() == plain.diagnostics.size());
    for (std::size_t k = 0; k < fast.diagnostics.size(); ++k) {
      CHECK(fast.diagnostics[k].code == plain.diagnostics[k].code);
      CHECK(fast.diagnostics[k].line == plain.diagnostics[k].line);
      CHECK(fast.diagnostics[k].column == plain.diagnostics[k].column);
      CHECK(fast.diagnostics[k].message == plain.diagnostics[k].message);
    }
  }
  bdp::set_metryka_fast_paths(true);
  CHECK(found > 10);
}

TEST_CASE("a card's view counter under the block ends it; it is no field") {
  for (const char* counter : {"Wyświetleń praktyki: 2 041", "Liczba wyświetleń: 318", "Odsłon: 88"}) {
    CAPTURE(counter);
    const auto m = parse(std::string("Metryka praktyki\nData wprowadzenia do BDP: 2010-11-08\n"
                                     "Miejscowość: Wadowice\nOsoby kontaktowe: Anna Nowak\n\n") +
                         counter + "\n");
    REQUIRE(m.found);
    CHECK(m.locality == std::optional<std::string>("Wadowice"));
    CHECK(m.other.empty());
    CHECK(m.diagnostics.empty());
  }
}

TEST_CASE("a table row with an empty first cell goes on with the value of the row above") {
  const auto m = parse(
      "Metryka praktyki\n| Data wprowadzenia do BDP | 2011-03-14 |\n| Miejscowość | Lubartów |\n"
      "| Osoby kontaktowe | Anna Wróblewska |\n|  | Kierownik Klubu Integracji Społecznej |\n"
      "|  | tel. 81 855 21 47 |\n|  | e@mail: kis@mops.lubartow.pl |\n\nOpis praktyki\n");
  REQUIRE(m.found);
  CHECK(m.locality == std::optional<std::string>("Lubartów"));
  REQUIRE(m.contacts.size() == 1);
  CHECK(m.contacts[0].name == "Anna Wróblewska");
  CHECK(m.contacts[0].role == "Kierownik Klubu Integracji Społecznej");
  CHECK(m.contacts[0].phones == std::vector<std::string>{"+48818552147"});
  CHECK(m.contacts[0].emails == std::vector<std::string>{"kis@mops.lubartow.pl"});
  CHECK(m.other.empty());
}

TEST_CASE("a printout's footer under the card ends the block") {
  const auto m = parse("Metryka praktyki\nMiejscowość: Września\nOsoby kontaktowe: Jolanta Pawlak\n"
                       " tel. 61 640 40 55\n\nWydrukowano ze strony: http://www.dobrepraktyki.pl/x\n");
  REQUIRE(m.found);
  CHECK(m.other.empty());
  CHECK(m.diagnostics.empty());
}
