// Record serialisation: the record is written by JsonWriter (write_record) and dump_record
// writes JSON values itself; both must stay byte-identical to nlohmann's serializer
// (ensure_ascii off, invalid UTF-8 replaced).
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <random>
#include <string>

#include "bdp/json_writer.h"
#include "bdp/text.h"
#include "bdp/repetition.h"
#include "test_util.h"

namespace {

/// Writes a JSON value through JsonWriter's calls, as the stages' write_json functions do.
void write_value(bdp::JsonWriter& w, const nlohmann::ordered_json& j) {
  using V = nlohmann::ordered_json::value_t;
  switch (j.type()) {
    case V::object:
      w.begin_object();
      for (auto it = j.begin(); it != j.end(); ++it) {
        w.key(it.key());
        write_value(w, it.value());
      }
      w.end_object();
      return;
    case V::array:
      w.begin_array();
      for (const auto& v : j) write_value(w, v);
      w.end_array();
      return;
    case V::string: w.value(j.get_ref<const std::string&>()); return;
    case V::boolean: w.value(j.get<bool>()); return;
    case V::number_integer: w.value(j.get<std::int64_t>()); return;
    case V::number_unsigned: w.value(j.get<std::uint64_t>()); return;
    case V::number_float: w.value(j.get<double>()); return;
    case V::null: w.null(); return;
    default: FAIL("binary and discarded values are never written"); return;
  }
}

std::string written(const nlohmann::ordered_json& j) {
  std::string out;
  bdp::JsonWriter w(out);
  write_value(w, j);
  return out;
}

}  // namespace

TEST_SUITE("pipeline") {

TEST_CASE("dump_record is byte-identical to nlohmann's dump") {
  using nlohmann::ordered_json;
  auto same = [](const ordered_json& j) {
    std::string ours = bdp::dump_record(j);
    std::string theirs = bdp::detail::dump_record_nlohmann(j);
    CHECK(ours == theirs);
    CHECK(written(j) == theirs);  // the writer the record goes through
    return ours == theirs;
  };

  // every byte value alone and inside text, valid and broken UTF-8 sequences
  for (int b = 0; b < 256; ++b) {
    std::string c(1, static_cast<char>(b));
    CAPTURE(b);
    same(ordered_json(c));
    same(ordered_json("ab" + c + "cd"));
    same(ordered_json::object({{c, c}}));
  }
  const char* const pieces[] = {
      "Ośrodek „Pomocy” – 2010–2020 r.", "\u00a0", "\u202f", "\ufeff", "\U0001F600",
      "\xc3\xa9", "\xc3", "\xc3\x28", "\xe2\x82", "\xe2\x82\xac", "\xe2\x28\xa1",
      "\xed\xa0\x80", "\xed\x9f\xbf", "\xee\x80\x80", "\xef\xbf\xbf", "\xf0\x8f\xbf\xbf",
      "\xf0\x90\x80\x80", "\xf4\x8f\xbf\xbf", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80",
      "\xc0\xaf", "\xc1\xbf", "\xe0\x80\xaf", "\xe0\x9f\xbf", "\xe0\xa0\x80", "\x80", "\xbf",
      "\xfe", "\xff", "\"", "\\", "\b\f\n\r\t", "\x01\x1f\x7f", "/", "</script>", ""};
  std::mt19937 rng(7);
  for (int k = 0; k < 5000; ++k) {
    std::string s;
    for (int n = static_cast<int>(rng() % 6); n > 0; --n) s += pieces[rng() % std::size(pieces)];
    CAPTURE(s);
    same(ordered_json(s));
  }

  ordered_json j;
  j["int"] = -42;
  j["unsigned"] = std::uint64_t{18446744073709551615ULL};
  j["floats"] = {0.0, -0.0, 0.96, 1.0 / 3.0, 1e300, 12.5, 100.0, 2.5e-8};
  j["bool"] = {true, false};
  j["null"] = nullptr;
  j["empty"] = {{"object", ordered_json::object()}, {"array", ordered_json::array()}};
  j["nested"] = {{{"a", {{"b", {1, "x\ny", ordered_json::array({ordered_json::object()})}}}}}};
  j["bad \xff key"] = "bad \xc3 value";
  same(j);
}

TEST_CASE("the writer's UTF-8 check (short ASCII by its bytes, the rest by simdjson) is nlohmann's") {
  // nlohmann's strict dump throws exactly on what is not well-formed UTF-8.
  auto nlohmann_accepts = [](const std::string& s) {
    try {
      (void)nlohmann::json(s).dump();
      return true;
    } catch (const nlohmann::json::type_error&) {
      return false;
    }
  };
  const char* const pieces[] = {
      "a", "Ośrodek", " ", "\xc3\xa9", "\xc3", "\xe2\x82", "\xe2\x82\xac", "\xed\xa0\x80",
      "\xed\x9f\xbf", "\xef\xbf\xbf", "\xf0\x8f\xbf\xbf", "\xf0\x90\x80\x80",
      "\xf4\x8f\xbf\xbf", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xc0\xaf", "\xc1\xbf",
      "\xe0\x80\xaf", "\xe0\x9f\xbf", "\xe0\xa0\x80", "\x80", "\xbf", "\xfe", "\xff", "12345678"};
  std::mt19937 rng(9);
  for (int k = 0; k < 20000; ++k) {
    std::string s;
    for (int n = static_cast<int>(rng() % 24); n > 0; --n) s += pieces[rng() % std::size(pieces)];
    CAPTURE(s);
    CHECK(bdp::detail::well_formed_utf8_for_test(s) == nlohmann_accepts(s));
  }
}

TEST_CASE("JsonWriter: commas across nesting, and an empty member taken back") {
  std::string out;
  bdp::JsonWriter w(out);
  w.begin_object().field("a", 1).key("b").begin_array();
  w.begin_object().end_object();
  w.begin_array().value("x").end_array().value(2.5).value(false);
  w.end_array();
  auto m = w.mark();
  w.key("gone").begin_object().end_object();
  CHECK(w.wrote_empty());
  w.rollback(m);
  m = w.mark();
  w.key("kept").begin_object().field("k", std::size_t{7}).end_object();
  CHECK_FALSE(w.wrote_empty());
  w.key("n").value(static_cast<const char*>("ptr, not bool"));
  w.end_object();
  CHECK(out == R"({"a":1,"b":[{},["x"],2.5,false],"kept":{"k":7},"n":"ptr, not bool"})");
  // a first member taken back leaves no comma behind
  std::string two;
  bdp::JsonWriter v(two);
  v.begin_object();
  auto first = v.mark();
  v.key("x").begin_array().end_array();
  CHECK(v.wrote_empty());
  v.rollback(first);
  v.field("y", -3).end_object();
  CHECK(two == R"({"y":-3})");
}

TEST_CASE("write_record: the record as nlohmann writes it, for every kind of page") {
  // to_record parses write_record's line; writing that object again must give the same
  // bytes (valid JSON, nothing lost or reordered), with and without redaction.
  namespace fs = std::filesystem;
  int seen = 0;
  for (const char* dir : {"samples", "tests/data/eval", "tests/data/unknown"})
    for (const auto& e : fs::recursive_directory_iterator(fs::path(BDP_SOURCE_DIR) / dir)) {
      if (e.path().extension() != ".txt") continue;
      CAPTURE(e.path().string());
      std::string bytes = bdp::test::read_file(e.path().string());
      auto r = bdp::test::pipeline().run_bytes(e.path().string(), bytes);
      for (auto red : {bdp::Redaction::none, bdp::Redaction::drop, bdp::Redaction::hash}) {
        bdp::RecordOptions opts{red, "salt"};
        std::string line = bdp::write_record(r, opts);
        CHECK(bdp::detail::dump_record_nlohmann(bdp::to_record(r, opts)) == line);
      }
      ++seen;
    }
  CHECK(seen > 100);
  // the contract's keys, in order, absent ones left out
  auto r = bdp::test::pipeline().run_bytes(
      "x.txt", "Program wspierania rodzin w Gminie Sopot\n\n"
               "W 2010 r. pomoc otrzymało 120 osób, a w 2011 r. już 150 osób.\n");
  auto rec = bdp::to_record(r);
  std::vector<std::string> keys;
  for (auto it = rec.begin(); it != rec.end(); ++it) keys.push_back(it.key());
  CHECK(keys == std::vector<std::string>{"schema_version", "id", "source", "page_type",
                                         "classification", "title", "text", "quantities"});
}

TEST_CASE("write_record: redaction drops or hashes contact names, phones and e-mails") {
  bdp::PageResult r;
  r.metryka.found = true;
  r.metryka.locality = "Sopot";
  bdp::Contact c;
  c.name = "Anna  Kowalska";
  c.role = "kierownik";
  c.phones = {"+48585213600"};
  c.emails = {"a.kowalska@example.pl"};
  r.metryka.contacts = {c};
  CHECK(bdp::write_record(r).find(R"("contacts":[{"name":"Anna Kowalska","role":"kierownik",)"
                                  R"("phones":["+48585213600"],"emails":["a.kowalska@example.pl"]}])") !=
        std::string::npos);
  std::string dropped = bdp::write_record(r, {bdp::Redaction::drop, ""});
  CHECK(dropped.find(R"("contacts":[{"role":"kierownik"}])") != std::string::npos);
  std::string hashed = bdp::write_record(r, {bdp::Redaction::hash, "s"});
  const std::string name_hash = "sha256:" + bdp::sha256_hex("s\x1f" "Anna Kowalska").substr(0, 16);
  CHECK(hashed.find(R"("name":")" + name_hash + "\"") != std::string::npos);
  CHECK(hashed.find("a.kowalska") == std::string::npos);
  CHECK(hashed.find("+48585213600") == std::string::npos);
  CHECK(hashed != bdp::write_record(r, {bdp::Redaction::hash, "t"}));
}

TEST_CASE("dump_record matches nlohmann on the records of the samples") {
  namespace fs = std::filesystem;
  int seen = 0;
  for (const auto& e : fs::directory_iterator(fs::path(BDP_SOURCE_DIR) / "samples")) {
    if (e.path().extension() != ".txt") continue;
    CAPTURE(e.path().string());
    std::string bytes = bdp::test::read_file(e.path().string());
    auto record = bdp::to_record(bdp::test::pipeline().run_bytes(e.path().string(), bytes));
    CHECK(bdp::dump_record(record) == bdp::detail::dump_record_nlohmann(record));
    ++seen;
  }
  CHECK(seen >= 5);
}

TEST_CASE("run_batch gives each page the record and diagnostics run gives it") {
  // Pages of every kind (samples, the boilerplate evaluation set of other sites, unknown
  // pages), in batches of several sizes, with and without a cross-page repetition table.
  namespace fs = std::filesystem;
  std::vector<std::pair<std::string, std::string>> inputs;  // path, bytes
  for (const char* dir : {"samples", "tests/data/eval", "tests/data/unknown"})
    for (const auto& e : fs::recursive_directory_iterator(fs::path(BDP_SOURCE_DIR) / dir))
      if (e.path().extension() == ".txt")
        inputs.emplace_back(e.path().string(), bdp::test::read_file(e.path().string()));
  std::sort(inputs.begin(), inputs.end());
  inputs.emplace_back("empty.txt", "");
  inputs.emplace_back("binary.txt", std::string("\x00\xff\xfe\x01", 4));
  REQUIRE(inputs.size() > 100);
  bdp::RepeatedLines repeated;
  for (const auto& [path, bytes] : inputs) repeated.add_page(bdp::decode_page(path, bytes));
  const bdp::Pipeline& pl = bdp::test::pipeline();
  auto fingerprint = [](const bdp::PageResult& r) {
    std::string s = bdp::dump_record(bdp::to_record(r));
    for (const auto& d : r.diagnostics) s += "\n" + d.code + " " + std::to_string(d.line) + " " + d.message;
    return s;
  };
  for (const bdp::RepeatedLines* rep : {static_cast<const bdp::RepeatedLines*>(nullptr),
                                        static_cast<const bdp::RepeatedLines*>(&repeated)}) {
    std::vector<std::string> single;
    for (const auto& [path, bytes] : inputs)
      single.push_back(fingerprint(pl.run_bytes(path, bytes, rep)));
    for (std::size_t batch : {std::size_t{2}, std::size_t{7}, std::size_t{64}, inputs.size()}) {
      CAPTURE(batch);
      CAPTURE(rep != nullptr);
      for (std::size_t i = 0; i < inputs.size(); i += batch) {
        std::vector<bdp::SourcePage> pages;
        for (std::size_t k = i; k < std::min(inputs.size(), i + batch); ++k)
          pages.push_back(bdp::decode_page(inputs[k].first, inputs[k].second));
        std::vector<bdp::PageResult> results = pl.run_batch(std::move(pages), rep);
        REQUIRE(results.size() == std::min(inputs.size(), i + batch) - i);
        for (std::size_t k = 0; k < results.size(); ++k) {
          CAPTURE(inputs[i + k].first);
          CHECK(fingerprint(results[k]) == single[i + k]);
        }
      }
    }
  }
  CHECK(pl.run_batch({}).empty());
}

TEST_CASE("pages without a title get ids from their first paragraph, not one shared id") {
  const bdp::Pipeline& pl = bdp::test::pipeline();
  auto id_of = [&](const std::string& text) {
    auto r = pl.run_bytes("t.txt", text);
    CHECK(r.layout.title.empty());
    return r.id;
  };
  std::string a = id_of("mieszkańcy mogą zgłaszać się do ośrodka od poniedziałku do piątku w godzinach pracy.\n");
  std::string b = id_of("wnioski o dodatek osłonowy przyjmujemy do końca kwietnia, w pokoju numer dwanaście.\n");
  CHECK(a != b);
  CHECK(a == id_of("mieszkańcy  mogą zgłaszać się do ośrodka od poniedziałku do piątku w godzinach pracy.\n\n"));
  CHECK(a.rfind("page-mieszkancy-moga", 0) == 0);
  // A titled page's id is still type + title + locality.
  auto titled = pl.run_bytes("t.txt", "Nabór na opiekunów\n\nOśrodek ogłasza nabór na stanowisko "
                                      "opiekuna w klubie seniora.\n");
  CHECK(titled.id == bdp::practice_id(bdp::to_string(titled.classification.type), titled.layout.title, ""));
}

TEST_CASE("two acts with one subject and no locality read have two ids; a snapshot keeps its id") {
  const bdp::Pipeline& pl = bdp::test::pipeline();
  auto act = [&](const std::string& header) {
    return pl.run_bytes("a.txt", header +
                                     "\nw sprawie przyjęcia Powiatowego Programu Wyrównywania Szans "
                                     "Osób Niepełnosprawnych na lata 2025–2030\n\n§ 1. Przyjmuje się "
                                     "program stanowiący załącznik do uchwały.\n");
  };
  auto a = act("Uchwała Nr X/71/2025 Rady Powiatu z dnia 12 lutego 2025 r.");
  auto b = act("Uchwała Nr XV/102/2025 Rady Powiatu z dnia 30 kwietnia 2025 r.");
  REQUIRE(a.layout.title == b.layout.title);
  CHECK(a.layout.title.rfind("Powiatowy Program Wyrównywania Szans", 0) == 0);
  CHECK_FALSE(a.layout.act.empty());
  CHECK(a.id != b.id);
  CHECK(a.id == act("Uchwała Nr X/71/2025 Rady Powiatu z dnia 12 lutego 2025 r.").id);
}

TEST_CASE("a page with nothing left is named by its whole text; an empty one says so") {
  const bdp::Pipeline& pl = bdp::test::pipeline();
  auto empty = pl.run_bytes("e.txt", "");
  auto blank = pl.run_bytes("b.txt", "  \n\n");
  auto furniture = pl.run_bytes("f.txt", "W 2019 r. MOPS\n");
  auto has = [](const bdp::PageResult& r, const std::string& code) {
    for (const auto& d : r.diagnostics)
      if (d.code == code) return true;
    return false;
  };
  CHECK(has(empty, "page.empty"));
  CHECK(has(blank, "page.empty"));
  CHECK_FALSE(has(furniture, "page.empty"));
  CHECK(empty.id == blank.id);  // no content, the same (absent) page
  CHECK(furniture.id != empty.id);
  CHECK(furniture.id != pl.run_bytes("g.txt", "W 2020 r. GOPS\n").id);
}

TEST_CASE("a transcript with 'Slajd N' or 'Slajd N z M' headings has its slides read") {
  const bdp::Pipeline& pl = bdp::test::pipeline();
  for (const char* of : {"", " z 6"}) {
    std::string text = "GOPS Kościerzyna – prezentacja · 6 slajdów\n\n";
    const char* titles[] = {"Projekt „Razem dla Seniora”", "Diagnoza", "Cele projektu",
                            "Działania", "Rezultaty", "Dziękuję za uwagę"};
    for (int n = 1; n <= 6; ++n)
      text += "Slajd " + std::to_string(n) + of + "\n" + titles[n - 1] + "\nTreść slajdu numer " +
              std::to_string(n) + ".\n\n";
    CAPTURE(text);
    auto r = pl.run_bytes("t.txt", text);
    CHECK(r.classification.type == bdp::PageType::slide_transcript);
    REQUIRE(r.programme.slides.size() == 6);
    for (int n = 1; n <= 6; ++n) CHECK(r.programme.slides[n - 1].number == n);
    CHECK(r.text.find("Slajd 2") == std::string::npos);
  }
}

TEST_CASE("a BIP page's 'Metryczka' or a contact block is no metryka; a card's metryka stays") {
  const bdp::Pipeline& pl = bdp::test::pipeline();
  const std::string programme =
      "Biuletyn Informacji Publicznej\nMiejski Ośrodek Pomocy Społecznej w Radomsku\n\n"
      "Program „Asystent rodziny” na lata 2024–2026\n\nMiejski Ośrodek Pomocy Społecznej w "
      "Radomsku realizuje program asystenta rodziny. W 2023 roku asystenci pracowali z 48 "
      "rodzinami, a pracownicy socjalni skierowali do programu 12 nowych rodzin.\n\nCele "
      "programu:\n1. Wzmocnienie rodzin w wypełnianiu funkcji opiekuńczych.\n2. Ograniczenie "
      "umieszczania dzieci w pieczy zastępczej.\n\nMetryczka\nWytworzył: Anna Nowak\n"
      "Data wytworzenia: 2024-01-15\nWprowadził: Piotr Lis\nData wprowadzenia: 2024-01-16 12:41\n"
      "Data modyfikacji: 2024-02-02 09:13\nLiczba wyświetleń: 318\n";
  auto r = pl.run_bytes("p.txt", programme);
  REQUIRE(r.classification.type == bdp::PageType::mops_programme);
  CHECK_FALSE(r.metryka.found);
  // nor is a contact page's block of phones and e-mails
  auto contact = pl.run_bytes(
      "k.txt", "Miejski Ośrodek Pomocy Społecznej w Ostrowi Mazowieckiej\n\nKontakt\n\nAdres: ul. "
               "3 Maja 48, 07-300 Ostrów Mazowiecka\nTelefon: 29 745 20 11\nFax: 29 745 20 12\n"
               "Adres e@mail: sekretariat@mops.ostrowmaz.pl\nMiejscowość: Ostrów Mazowiecka\n");
  CHECK(contact.classification.type != bdp::PageType::bdp_practice);
  CHECK_FALSE(contact.metryka.found);
  // the samples' cards keep theirs
  auto card = pl.run_bytes("c.txt", bdp::test::read_file("samples/000_42b64f40e6b1f379.txt"));
  CHECK(card.metryka.found);
}

TEST_CASE("a transcript that numbers its slides as a list ('1. Tytuł') has its slides read") {
  const bdp::Pipeline& pl = bdp::test::pipeline();
  const char* titles[] = {"Program „Bezpieczny Senior” w Gminie Brzeg", "Cel programu",
                          "Uczestnicy", "Koszty", "Trudności", "Kontakt"};
  const char* texts[] = {"Miejski Ośrodek Pomocy Społecznej w Brzegu",
                         "Poprawa bezpieczeństwa osób starszych mieszkających samotnie, zwłaszcza "
                         "na terenach wiejskich gminy, przez opaski SOS i wizyty wolontariuszy.",
                         "84 seniorów objętych opieką\n12 wolontariuszy",
                         "Koszt programu wyniósł 45 600 zł.",
                         "– słaby zasięg sieci na wsiach\n– mało wolontariuszy",
                         "tel. 77 416 22 11, e-mail: senior@mops.brzeg.pl"};
  // the deck's slides, "N. Title" (or "N) Title") over its text, a running footer under each
  auto deck = [&](const std::string& heading, const std::string& mark, const std::string& gap) {
    std::string page =
        "prezentacje.example.pl\nPrezentacje · Dokumenty · Kursy · Dodaj plik · Zaloguj się · "
        "Załóż konto\n" + heading;
    for (int n = 1; n <= 6; ++n)
      page += std::to_string(n) + mark + titles[n - 1] + "\n" + texts[n - 1] +
              "\nmops.brzeg.pl · 2024\n" + gap;
    return page + "Zobacz też\nRegulamin serwisu | Kontakt\n";
  };
  for (const std::string mark : {". ", ") ", ".\u00a0"})
    for (const std::string gap : {"\n", ""}) {  // footer then blank, or the footer alone
      CAPTURE(mark);
      CAPTURE(gap);
      for (const std::string heading : {"Transkrypcja prezentacji\n\n", "Liczba slajdów: 6\n\n"}) {
        auto r = pl.run_bytes("t.txt", deck(heading, mark, gap));
        CHECK(r.classification.type == bdp::PageType::slide_transcript);
        REQUIRE(r.programme.slides.size() == 6);
        for (int n = 1; n <= 6; ++n) {
          CHECK(r.programme.slides[n - 1].number == n);
          CHECK(r.programme.slides[n - 1].title == titles[n - 1]);
        }
        CHECK(r.programme.slides[3].text == texts[3]);
        CHECK(r.layout.title == titles[0]);
        CHECK(r.text.find(mark + "Cel programu") == std::string::npos);
        CHECK(r.text.find(". Cel programu") == std::string::npos);
        CHECK(r.text.find("Cel programu") != std::string::npos);
      }
      // without the page's word that it shows a deck, a numbered list is no deck
      auto plain = pl.run_bytes("p.txt", deck("", mark, gap));
      CHECK(plain.classification.type != bdp::PageType::slide_transcript);
    }
  // a transcript's list inside a slide, item under item, is no numbering of slides
  std::string inside = "Transkrypcja prezentacji\n\nSlajd 1\nProgram Senior+\n\nSlajd 2\nCele:\n";
  for (int n = 1; n <= 6; ++n) inside += std::to_string(n) + ". " + titles[n - 1] + "\n";
  inside += "\nSlajd 3\nDziękuję za uwagę\n";
  auto r = pl.run_bytes("i.txt", inside);
  REQUIRE(r.programme.slides.size() == 3);
  CHECK(r.programme.slides[1].title.empty() == false);
  CHECK(std::find(r.classification.signals.begin(), r.classification.signals.end(),
                  "listed_slides") == r.classification.signals.end());
}

TEST_CASE("a transcript of a slide a line ('1. Title text', SlideShare) has its slides and title") {
  const bdp::Pipeline& pl = bdp::test::pipeline();
  const std::string host =
      "SlideShare a Scribd company\nSearch\nUpload\nLogin\nSignup\n\nAsystent rodziny w gminie "
      "Kłodawa\nFollow\n518 views\n\nAsystent rodziny w gminie Kłodawa\n1 of 6\nDownload Now\n"
      "Download to read offline\n\nRecommended\nWolontariat seniorów 2019\nKlub Seniora – "
      "działania\n\n";
  const std::string slides =
      "1. Asystent rodziny w gminie Kłodawa Gminny Ośrodek Pomocy Społecznej w Kłodawie, 2021\n"
      "2. Diagnoza W 2020 r. ośrodek objął pomocą 64 rodziny z dziećmi.\n"
      "3. Cele Cele: 1. Wzmocnienie rodziców 2. Powrót dzieci z pieczy zastępczej\n"
      "4. Efekty Asystent pracował z 18 rodzinami.\n"
      "5. Koszty Koszt zatrudnienia asystenta wyniósł 52 000 zł.\n"
      "6. Dziękuję za uwagę Anna Lis, kierownik GOPS\n";
  const std::string footer = "\nRecommended\nMore Related Content\n© 2024 SlideShare from Scribd\n";
  auto r = pl.run_bytes("s.txt", host + "Transcript\n" + slides + footer);
  CHECK(r.classification.type == bdp::PageType::slide_transcript);
  CHECK(r.layout.title == "Asystent rodziny w gminie Kłodawa");
  std::vector<std::string> titles;
  for (const auto& sl : r.programme.slides) titles.push_back(std::to_string(sl.number) + " " + sl.title);
  CHECK(titles == std::vector<std::string>{"1 Asystent rodziny w gminie Kłodawa", "2 Diagnoza",
                                           "3 Cele", "4 Efekty", "5 Koszty", "6 Dziękuję za uwagę"});
  REQUIRE(r.programme.slides.size() == 6);
  CHECK(r.programme.slides[3].text == "Asystent pracował z 18 rodzinami.");
  // the host's buttons, counter and list of other decks are furniture; "2." in the line's
  // list of goals is no count
  for (const char* furniture : {"1 of 6", "Download Now", "Wolontariat seniorów 2019", "Transcript"})
    CHECK(r.text.find(furniture) == std::string::npos);
  for (const auto& q : r.quantities) CHECK(q.value != 2);
  // without the transcript's heading the same lines are a list, no deck
  auto plain = pl.run_bytes("p.txt", slides);
  CHECK(plain.classification.type != bdp::PageType::slide_transcript);
}

TEST_CASE("a PDF deck whose pages end with their numbers keeps its cover as slide 1") {
  const bdp::Pipeline& pl = bdp::test::pipeline();
  const char* pages[] = {"Dzienny Dom „Senior+”\nw Chodzieży\nPodsumowanie działalności 2019–2023\n\n"
                         "Miejski Ośrodek Pomocy Społecznej w Chodzieży\n",
                         "Dlaczego Senior+?\n• co czwarty mieszkaniec ma ukończone 60 lat\n",
                         "Oferta Domu\n• 30 miejsc dla seniorów\n• ciepły posiłek\n",
                         "Uczestnicy\n• liczba uczestników wzrosła z 30 w 2019 r. do 42 w 2023 r.\n",
                         "Finansowanie\n• budżet Domu w 2022 r.: 412 000 zł\n",
                         "Dziękujemy!\nul. Kościuszki 2, tel. 67 282 00 00\n"};
  for (const std::string footer : {"", "MOPS Chodzież | Dzienny Dom „Senior+”\n"}) {
    CAPTURE(footer);
    std::string text;
    int n = 0;
    for (const char* page : pages) {
      if (n++ > 0) text += "\f";
      text += std::string(page) + "\n" + footer + std::to_string(n) + "\n";
    }
    auto r = pl.run_bytes("d.txt", text);
    CHECK(r.classification.type == bdp::PageType::slide_transcript);
    REQUIRE(r.programme.slides.size() == 6);
    CHECK(r.programme.slides[0].title == "Dzienny Dom „Senior+”");
    CHECK(r.programme.slides[1].title == "Dlaczego Senior+?");
    CHECK(r.programme.slides[5].title == "Dziękujemy!");
    CHECK(r.layout.title.starts_with("Dzienny Dom „Senior+”"));
  }
}

/// `deck` (a transcript with "Slajd N" / "Slide N: title" markers) as pdftotext writes the PDF:
/// each slide a page ended by a form feed, the markers gone (a title after a marker's colon
/// kept), the host's lines around the slides gone. Empty when `deck` has fewer than 3 markers.
std::string as_pdf_text(const std::string& deck) {
  std::vector<std::string> lines;
  for (std::size_t b = 0; b <= deck.size();) {
    std::size_t e = std::min(deck.find('\n', b), deck.size());
    lines.push_back(deck.substr(b, e - b));
    b = e + 1;
  }
  auto marker = [](const std::string& l, std::string& title) {
    std::size_t i = l.find_first_not_of(" [(#=*-");
    if (i == std::string::npos) return false;
    const std::string_view v = std::string_view(l).substr(i);
    if (!v.starts_with("Slajd ") && !v.starts_with("Slide ")) return false;
    std::size_t d = 6;
    while (d < v.size() && v[d] == ' ') ++d;
    if (d >= v.size() || !std::isdigit(static_cast<unsigned char>(v[d]))) return false;
    const std::size_t colon = v.find(':');
    title = colon == std::string_view::npos ? "" : std::string(bdp::trim(v.substr(colon + 1)));
    return true;
  };
  std::vector<std::size_t> marks;
  std::vector<std::string> titles;
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (std::string t; marker(lines[i], t)) {
      marks.push_back(i);
      titles.push_back(t);
    }
  if (marks.size() < 3) return "";
  std::string out;
  for (std::size_t k = 0; k < marks.size(); ++k) {
    std::string page = titles[k].empty() ? "" : titles[k] + "\n";
    const std::size_t end = k + 1 < marks.size() ? marks[k + 1] : lines.size();
    bool seen = false;
    for (std::size_t i = marks[k] + 1; i < end; ++i) {
      const bool blank = bdp::trim(lines[i]).empty();
      if (k + 1 == marks.size() && blank && seen) break;  // the host's lines under the last slide
      seen |= !blank;
      if (!blank) page += lines[i] + "\n";
    }
    out += page + "\f";
  }
  return out;
}

TEST_CASE("a deck made text from its PDF (form feeds, no markers) keeps its type and slides") {
  const bdp::Pipeline& pl = bdp::test::pipeline();
  int decks = 0;
  for (const auto& e : std::filesystem::directory_iterator(std::string(BDP_SOURCE_DIR) + "/tests/data/eval")) {
    if (e.path().extension() != ".txt") continue;
    const std::string text = bdp::test::read_file(e.path().string());
    const std::string pdf = as_pdf_text(text);
    if (pdf.empty()) continue;
    const auto a = pl.run_bytes("a.txt", text);
    if (a.classification.type != bdp::PageType::slide_transcript) continue;
    ++decks;
    CAPTURE(e.path().filename().string());
    const auto b = pl.run_bytes("b.txt", pdf);
    CHECK(b.classification.type == bdp::PageType::slide_transcript);
    REQUIRE(b.programme.slides.size() == a.programme.slides.size());
    for (std::size_t k = 0; k < a.programme.slides.size(); ++k) {
      CHECK(b.programme.slides[k].number == a.programme.slides[k].number);
      CHECK(b.programme.slides[k].title == a.programme.slides[k].title);
    }
    CHECK(b.programme.organisation == a.programme.organisation);
  }
  CHECK(decks >= 5);
}

}  // TEST_SUITE

namespace {

/// The quantities of a page as "line value unit year" strings.
std::vector<std::string> quantity_lines(const std::string& page) {
  std::vector<std::string> out;
  for (const auto& q : bdp::test::pipeline().run_bytes("t.txt", page).quantities)
    out.push_back(std::to_string(q.line) + " " + fmt::format("{}", q.value) + " " + q.unit + " " +
                  (q.year ? std::to_string(*q.year) : "-"));
  return out;
}

}  // namespace

TEST_CASE("hard-wrapped paragraphs reach the quantity parser as sentences, lines kept") {
  const std::string page =
      "Asystent rodziny w Kędzierzynie-Koźlu\n\n"
      "Miejski Ośrodek Pomocy Społecznej realizuje program „Asystent rodziny” od 2015 roku.\n\n"
      "W 2021 roku Miejski Ośrodek Pomocy Społecznej w Kędzierzynie-Koźlu\n"
      "zatrudniał 6 asystentów rodziny, którzy objęli wsparciem łącznie 84\n"
      "rodziny, w tym 173 dzieci. Liczba opiekunek wzrosła z 14 w 2018 r. do\n"
      "22 w 2021 r. Na realizację zadania wydatkowano kwotę 412 350 zł ze\n"
      "środków gminy.\n";
  const auto q = quantity_lines(page);
  // "84" meets its noun on the next line, and the paragraph's year reaches every count.
  CHECK(std::find(q.begin(), q.end(), "6 84 rodzina 2021") != q.end());
  CHECK(std::find(q.begin(), q.end(), "6 6 asystent 2021") != q.end());
  CHECK(std::find(q.begin(), q.end(), "7 173 dziecko 2021") != q.end());
  CHECK(std::find(q.begin(), q.end(), "8 412350 PLN -") != q.end());
  const auto r = bdp::test::pipeline().run_bytes("t.txt", page);
  const bool change = std::any_of(r.quantities.begin(), r.quantities.end(), [](const auto& x) {
    return x.kind == "change" && x.line == 7 && x.from && x.to && x.from->value == 14 &&
           x.to->value == 22 && x.to->year == 2021;
  });
  CHECK(change);
  // The record's text has the paragraph as one, as the contract's "body paragraphs" wants.
  CHECK(r.text.find("łącznie 84 rodziny, w tym 173 dzieci.") != std::string::npos);
  CHECK(r.text.find("\n\nW 2021 roku Miejski") != std::string::npos);
}

TEST_CASE("lists are not joined: phrases without a full stop, items that start with figures") {
  // A list of phrases under a heading: the year of one item must not date the next (a
  // heading that names the plan's year would date them all: "Plany na 2024 rok").
  const auto phrases = quantity_lines(
      "Dzienny Dom Senior+ w Mrągowie\n\n"
      "Dzienny Dom Senior+ działa przy Miejskim Ośrodku Pomocy Społecznej od 2019 roku. W 2023 "
      "roku z jego oferty skorzystało 35 seniorów.\n\n"
      "Nasze plany\n"
      "wydłużenie godzin otwarcia do 16:00 w czwartki w 2024 roku\n"
      "dowóz uczestników z osiedli Grunwaldzkie i Mazurskie własnym busem\n"
      "grupa wsparcia dla opiekunów osób z demencją (start: kwiecień)\n"
      "złożenie wniosku o dofinansowanie 10 dodatkowych miejsc\n");
  CHECK(std::find(phrases.begin(), phrases.end(), "9 10 miejsce -") != phrases.end());
  const auto r = bdp::test::pipeline().run_bytes(
      "t.txt",
      "Dzienny Dom Senior+ w Mrągowie\n\nW 2023 roku z oferty domu skorzystało 35 seniorów.\n\n"
      "Plany na 2024 rok\n"
      "wydłużenie godzin otwarcia do 16:00 w czwartki od marca\n"
      "dowóz uczestników z osiedli Grunwaldzkie i Mazurskie własnym busem\n"
      "złożenie wniosku o dofinansowanie 10 dodatkowych miejsc\n");
  for (const auto& q : r.quantities) {
    CAPTURE(q.context);
    CHECK(q.context.find("dowóz") == std::string::npos);  // each item read in its own line
  }
  // Items that start with their figures stay items.
  const auto figures = quantity_lines(
      "Korpus Wsparcia Seniorów w Nysie\n\n"
      "Efekty programu w 2023 roku i kolejne plany ośrodka na rok 2024 w Nysie.\n"
      "38 seniorów korzystających ze wsparcia w module I (styczeń 2023)\n"
      "21 wolontariuszy przeszkolonych przez ośrodek w ramach projektu\n"
      "4 osoby po raz pierwszy od lat wyjechały na wycieczkę poza powiat.\n");
  CHECK(std::find(figures.begin(), figures.end(), "5 21 wolontariusz -") != figures.end());
}

TEST_CASE("a deck's organisation: its slides and running header before the host page around it") {
  std::string conference =
      "Regionalny Ośrodek Polityki Społecznej w Opolu\nII Opolskie Forum Pomocy Społecznej\n"
      "Regionalny Ośrodek Polityki Społecznej w Opolu\nPrelegent: Krzysztof Bąk\n";
  const char* slides[] = {"Mieszkania wspomagane w Gminie Namysłów\nOśrodek Pomocy Społecznej w Namysłowie\n",
                          "Dla kogo?\nosoby z niepełnosprawnością intelektualną\nwychowankowie pieczy zastępczej\n",
                          "Efekty\nPrzez mieszkania przeszło 34 osoby.\n21 osób zamieszkało samodzielnie.\n",
                          "Dziękuję za uwagę\nops@namyslow.eu\n"};
  for (int i = 0; i < 4; ++i) conference += "Slajd " + std::to_string(i + 1) + " z 4\n" + slides[i];
  auto c = bdp::test::pipeline().run_bytes("c.txt", conference);
  REQUIRE(c.classification.type == bdp::PageType::slide_transcript);
  CHECK(c.programme.organisation == "Ośrodek Pomocy Społecznej w Namysłowie");
  // A deck whose running header names its centre and whose slides name it short.
  std::string deck;
  const char* pages[] = {"Strategia rozwiązywania problemów społecznych\nGminy Jarocin 2016–2025\n",
                         "Diagnoza\nZ pomocy skorzystało 1 240 rodzin.\n",
                         "Budżet\nBudżet MGOPS w 2015 r. wyniósł 18,6 mln zł.\n",
                         "Kontakt\nMGOPS Jarocin, ul. Kasztelańska 1\n"};
  for (int i = 0; i < 4; ++i)
    deck += "Slajd " + std::to_string(i + 1) + "\nMiejsko-Gminny Ośrodek Pomocy Społecznej w Jarocinie\n" +
            pages[i] + "\n";
  auto d = bdp::test::pipeline().run_bytes("d.txt", deck);
  REQUIRE(d.classification.type == bdp::PageType::slide_transcript);
  CHECK(d.programme.organisation == "Miejsko-Gminny Ośrodek Pomocy Społecznej w Jarocinie");
}
