// Page understanding on shapes a seventh blind test found misread: metryka labels wrapped in
// their column, a welfare centre's account of a service and a post that sums a programme up, a
// document viewer's deck about a programme, a saved social post's comments and login wall,
// page metadata cells with "r." or "·", pictographs around a post's headline.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "test_util.h"

namespace {

bdp::PageResult read(const std::string& text) {
  return bdp::test::pipeline().run_bytes("p.txt", text);
}

const std::string k_card_head =
    "Baza Dobrych Praktyk\nUsługi społeczne : Pomoc społeczna\n"
    "Sąsiedzka pomoc dla seniorów w Lipsku\n"
    ".: Skrót i Metryka -> Pełna prezentacja -> Załączniki :.\n"
    "Gmina Lipsk wspiera osoby starsze przez sąsiadów, którzy pomagają im w codziennych "
    "sprawach. W 2012 roku z pomocy skorzystało 31 osób.\n"
    "Metryka praktyki\n";

/// A deck transcript: `head`, then each slide under its marker (`marker(n)`, n from 1).
std::string deck_of(
    const std::vector<std::string>& slides, const std::string& head = "Zapis prezentacji\n\n",
    std::string (*marker)(int) = [](int n) {
      return "=== Slajd " + std::to_string(n) + " ===\n";
    }) {
  std::string text = head;
  for (std::size_t i = 0; i < slides.size(); ++i)
    text += marker(static_cast<int>(i) + 1) + slides[i] + "\n";
  return text;
}

/// The programme's period read from `r` is from–to.
void check_period(const bdp::PageResult& r, int from, int to) {
  REQUIRE(r.programme.period_from.has_value());
  CHECK(*r.programme.period_from == from);
  CHECK(r.programme.period_to == to);
}

bool has_signal(const bdp::PageResult& r, const std::string& name) {
  return std::find(r.classification.signals.begin(), r.classification.signals.end(), name) !=
         r.classification.signals.end();
}

}  // namespace

TEST_CASE("a metryka label wrapped in its column is one label, its tail on the next line") {
  // Copied from the card's two columns (the label's tail alone with its colon, the value
  // under), and a text browser's table (the value after a gap on the label's first line).
  const std::string copied =
      "Data wprowadzenia do\nBDP:\n2013-05-14\nTyp jednostki:\ngmina miejsko-wiejska\n"
      "Miejscowość:\nLipsk\nKod pocztowy i\nPoczta:\n16-315 Lipsk\n"
      "Jednostka wdrażająca:\nMiejsko-Gminny Ośrodek Pomocy Społecznej w Lipsku\n"
      "Liczba mieszkańców:\n5.610\n";
  const std::string table =
      "Data wprowadzenia do   2013-05-14\nBDP:\nTyp jednostki:         gmina miejsko-wiejska\n"
      "Kod pocztowy i         16-315 Lipsk\nPoczta:\n"
      "Jednostka wdrażająca:  Miejsko-Gminny Ośrodek Pomocy Społecznej w\n"
      "                       Lipsku\nLiczba mieszkańców:    5.610\n";
  for (const std::string& block : {copied, table}) {
    CAPTURE(block);
    auto r = read(k_card_head + block);
    CHECK(r.metryka.entered == "2013-05-14");
    CHECK(r.metryka.unit_type == "gmina miejsko-wiejska");
    CHECK(r.metryka.postal_code == "16-315");
    CHECK(r.metryka.post_office == "Lipsk");
    CHECK(r.metryka.implementing_unit == "Miejsko-Gminny Ośrodek Pomocy Społecznej w Lipsku");
    CHECK(r.metryka.population == 5610);
    CHECK(r.text.find("BDP:") == std::string::npos);
  }

  // Two lines that make no label together stay what they were: the block ends.
  auto other =
      read(k_card_head + "Data wprowadzenia do\nkalendarza:\n2013-05-14\nMiejscowość:\nLipsk\n");
  CHECK_FALSE(other.metryka.entered.has_value());
}

TEST_CASE(
    "a centre's account of a service, and a post that sums a programme up, are programme pages") {
  auto service = read(
      "Miejski Ośrodek Pomocy Społecznej w Kozienicach\nStrona główna\nO nas\nKontakt\n\n"
      "Usługi opiekuńcze w 2024 roku\n\nOpublikowano: 3 lutego 2025\n\n"
      "Usługi opiekuńcze przysługują osobie samotnej, która wymaga pomocy innych osób. W 2024 r. "
      "ośrodek objął usługami opiekuńczymi 118 osób, a specjalistyczne usługi otrzymało 14 osób.\n"
      "Wniosek można złożyć w siedzibie MOPS przy ul. Parkowej 5.\n\n"
      "© 2025 Miejski Ośrodek Pomocy Społecznej w Kozienicach\n");
  CHECK(service.classification.type == bdp::PageType::mops_programme);
  CHECK(has_signal(service, "service_outcome"));
  // The same words in a menu are no account (counted on kept lines only).
  auto menu = read(
      "Urząd Miasta Kozienice\nAktualności\nFestyn rodzinny w parku\n\n"
      "Zapraszamy na festyn rodzinny w sobotę. Wstęp wolny, koncert o 18.00.\n");
  CHECK_FALSE(has_signal(menu, "service_outcome"));

  auto post = read(
      "Gminny Ośrodek Pomocy Społecznej w Bukowinie\n2 stycznia · 🌍\n\n"
      "✅ Podsumowanie programu „Asystent osobisty” w 2024 roku ✅\n\n"
      "W 2024 r. GOPS objął wsparciem asystentów 9 osób z niepełnosprawnościami. Program "
      "będzie kontynuowany.\n");
  CHECK(post.classification.type == bdp::PageType::mops_programme);
  CHECK(has_signal(post, "programme_report"));
  // the headline without its pictographs
  CHECK(post.layout.title == "Podsumowanie programu „Asystent osobisty” w 2024 roku");
}

TEST_CASE(
    "a viewer's deck about a programme is a deck, its numbers above the slides under its title") {
  auto r = read(deck_of(
      {"Program „Wsparcie Seniora” – edycja 2024\nMiejski Ośrodek Pomocy Społecznej w Nysie\n",
       "Cel programu\nZapewnienie seniorom poczucia bezpieczeństwa.\n",
       "Kto może skorzystać?\nOsoby, które ukończyły 65 lat.\n",
       "Finansowanie\nDotacja z budżetu państwa: 80 000 zł.\n",
       "Realizacja w 2023 r.\nW 2023 r. wsparciem objęto 40 osób.\n",
       "Dziękujemy za uwagę\nMOPS w Nysie\n"},
      "Wyszukaj\nZaloguj się\n\nProgram „Wsparcie Seniora” w Nysie – prezentacja 2024\n"
      "Przesłane przez\nMOPS Nysa\n\n",
      [](int n) { return "\n" + std::to_string(n) + "/6\n"; }));
  REQUIRE(r.classification.type == bdp::PageType::slide_transcript);
  CHECK(has_signal(r, "short_slides"));
  REQUIRE(r.programme.slides.size() == 6);
  CHECK(r.programme.slides[0].title == "Program „Wsparcie Seniora” – edycja 2024");
  CHECK(r.programme.slides[1].title == "Cel programu");
  CHECK(r.programme.slides[5].title == "Dziękujemy za uwagę");
}

TEST_CASE("a saved post's comments, their ages and its login wall are furniture") {
  auto r = read(
      "Facebook\nZaloguj się\n\nOśrodek Pomocy Społecznej w Skale\n12 marca o 9:05 ·\n\n"
      "Program „Opieka wytchnieniowa” – edycja 2024\n\n"
      "Ośrodek Pomocy Społecznej w Skale realizuje program „Opieka wytchnieniowa”. Wsparciem "
      "zostanie objętych 12 opiekunów.\n\n"
      "Najtrafniejsze\n\nJan Nowak\nCzy można się jeszcze zapisać?\n3 tyg. Lubię to! Odpowiedz "
      "2\n\n"
      "Anna Kos\nSuper sprawa!\n1 tydz. Lubię to! Odpowiedz\n\nNapisz komentarz…\n\n"
      "Zobacz więcej na Facebooku\n"
      "Zaloguj się lub utwórz nowe konto, aby połączyć się ze znajomymi.\nNie pamiętasz nazwy "
      "konta?\n"
      "Utwórz nowe konto\n");
  CHECK(r.layout.title == "Program „Opieka wytchnieniowa” – edycja 2024");
  CHECK(r.text.find("Super sprawa") == std::string::npos);
  CHECK(r.text.find("Lubię to") == std::string::npos);
  CHECK(r.text.find("Zaloguj") == std::string::npos);
  for (const auto& q : r.quantities) CHECK(q.unit != "tydz");
}

TEST_CASE("page metadata cells date the page with \"r.\" after the year or '·' between them") {
  const std::string body =
      "Dożynki gminne\n\nW niedzielę odbyły się dożynki gminne. Wstęp wolny, koncert i festyn.\n";
  auto pipe = read(
      "Aktualności\nDodano: 2 września 2024 r. | Autor: Referat Promocji | Wyświetleń: 1 082\n" +
      body);
  CHECK(pipe.boilerplate.site.page_date == "2024-09-02");
  auto dot = read(
      "Aktualności\nData publikacji: 20.06.2024 · Autor: Dział Promocji · Wyświetlenia: 341\n" +
      body);
  CHECK(dot.boilerplate.site.page_date == "2024-06-20");
}

TEST_CASE(
    "a card's category menu under its trail is passed over to the title; its footer counter is "
    "read") {
  const std::string page =
      "Baza Dobrych Praktyk\nZaloguj | Rejestracja | Kontakt\n"
      "Strona główna > Usługi społeczne > Pomoc społeczna\nSzukaj praktyki\n"
      "Usługi społeczne\nUsługi techniczne\nRozwój instytucjonalny\nWspółpraca JST-NGO\n"
      "Dialog społeczny\n"
      "Dzienny opiekun w domu seniora prowadzony przez miejską spółkę non-profit w Bochni\n"
      "Skrót i Metryka\nPełna prezentacja\nZałączniki\nDrukuj\n"
      "W latach 2010-2012 Miasto Bochnia powierzyło świadczenie usług opiekuńczych spółce, która "
      "zatrudniła 21 opiekunek.\nLiczba osób objętych usługami wzrosła z 80 do 130.\n"
      "Metryka praktyki\nData wprowadzenia do BDP: 2013-02-11\nMiejscowość: Bochnia\n"
      "Województwo: małopolskie\nSkrót i Metryka\nPełna prezentacja\nZałączniki\nDrukuj\n"
      "1.312.411\ngości odwiedziło nas\nod 1 kwietnia 2008 r.\nRedakcja | Regulamin | Polityka "
      "prywatności\n"
      "Związek Miast Polskich\nZwiązek Gmin Wiejskich RP\nZwiązek Powiatów Polskich\n";
  auto r = read(page);
  REQUIRE(r.classification.type == bdp::PageType::bdp_practice);
  CHECK(r.layout.title ==
        "Dzienny opiekun w domu seniora prowadzony przez miejską spółkę non-profit w Bochni");
  CHECK(r.boilerplate.site.visitors == 1312411);
  CHECK(r.boilerplate.site.visitors_since == "2008-04-01");
}

TEST_CASE(
    "a report's letterhead, the institution and its address, gives way to the report's heading") {
  auto r = read(
      "POWIATOWE CENTRUM POMOCY RODZINIE W OPATOWIE\n"
      "ul. Sienkiewicza 17, 27-500 Opatów, tel. 15 868 21 40, e-mail: pcpr@opatow.pl\n\n"
      "SPRAWOZDANIE\nz realizacji Powiatowego Programu Rozwoju Pieczy Zastępczej\nza 2023 rok\n\n"
      "I. Podstawa prawna\n\nProgram realizowany jest na podstawie ustawy o wspieraniu rodziny i "
      "systemie pieczy zastępczej. W 2023 r. w pieczy zastępczej przebywało 64 dzieci.\n");
  CHECK(r.layout.title.starts_with("SPRAWOZDANIE z realizacji Powiatowego Programu"));
}

TEST_CASE(
    "a pager of the previous and next items' titles is furniture; guillemets in prose are not") {
  auto r = read(
      "Miejski Ośrodek Pomocy Społecznej w Końskich\n\nDożywianie w 2023 roku\n\n"
      "W 2023 r. ośrodek objął pomocą w formie posiłku 312 osób, w tym 140 dzieci.\n\n"
      "Program «Posiłek w szkole» finansuje budżet państwa i gmina.\n\n"
      "« Dodatek osłonowy 2024 Asystent rodziny »\n");
  CHECK(r.text.find("Dodatek osłonowy") == std::string::npos);
  CHECK(r.text.find("«Posiłek w szkole»") != std::string::npos);
  for (const auto& q : r.quantities) CHECK(q.value != 2024);
}

TEST_CASE("a deck's slide on its centre's staff keeps its figures") {
  auto r = read(
      deck_of({"Ośrodek Pomocy Społecznej w Gryficach\nSprawozdanie za 2023 rok\n",
               "Klienci ośrodka\nPomocą objęto 412 rodzin\n",
               "Kadra ośrodka\nZatrudnienie: 31 osób\n12 pracowników socjalnych\n",
               "Usługi opiekuńcze\nUsługi: 64 osoby, 18 200 godzin\n", "Dziękuję za uwagę\n"}));
  REQUIRE(r.classification.type == bdp::PageType::slide_transcript);
  CHECK(r.text.find("Zatrudnienie: 31 osób") != std::string::npos);
  bool staff = false;
  for (const auto& q : r.quantities) staff = staff || (q.value == 31 && q.unit == "osoba");
  CHECK(staff);
}

TEST_CASE("a programme's period: how long it lasted, its years of activity, not a predecessor's") {
  const std::string centre = "Gminny Ośrodek Pomocy Społecznej w Kolbudach\n\n";
  auto lasted =
      read(centre +
           "Projekt „Razem łatwiej” – podsumowanie\n\n"
           "GOPS w Kolbudach zakończył realizację projektu „Razem łatwiej”. Projekt trwał od "
           "1 marca 2021 r. do 30 czerwca 2023 r. W porównaniu z pierwszą edycją projektu "
           "(2016–2018) liczba uczestników wzrosła z 20 do 41.\n");
  check_period(lasted, 2021, 2023);

  auto continued =
      read(centre +
           "Gminny Program Wspierania Rodziny na lata 2022–2024\n\n"
           "Niniejszy program jest kontynuacją działań prowadzonych w latach 2019–2021. "
           "GOPS realizuje go we współpracy ze szkołami.\n\nCele programu\n"
           "Celem głównym programu jest wzmocnienie rodzin z dziećmi.\n"
           "Realizatorzy: GOPS w Kolbudach, szkoły podstawowe.\n");
  check_period(continued, 2022, 2024);

  auto active =
      read(deck_of({"Klub Seniora w Kolbudach\n5 lat działalności (2019–2024)\n",
                    "Historia\nKlub utworzono w 2019 r. w ramach Programu Wieloletniego "
                    "„Senior+” na lata 2015–2020.\n",
                    "Uczestnicy\nZ zajęć korzysta 35 osób\n", "Zajęcia\nGimnastyka, rękodzieło\n",
                    "Dziękuję za uwagę\nGOPS w Kolbudach\n"}));
  check_period(active, 2019, 2024);
}

TEST_CASE(
    "a WordPress thread under \"N komentarze do „…”\" is comments; a host's view count is the "
    "page's views") {
  auto r = read(
      "Forum Pomocy Społecznej\n\nMieszkania chronione w Oławie\n\n"
      "Miejski Ośrodek Pomocy Społecznej w Oławie prowadzi od 2015 roku mieszkania chronione dla "
      "usamodzielnianych wychowanków. W 2023 r. mieszkało w nich 9 osób.\n\n"
      "2 komentarze do „Mieszkania chronione w Oławie”\n\nMarta z Brzegu\n5 marca 2024 o 21:14\n"
      "Świetny pomysł. U nas od roku działają 3 takie mieszkania.\nOdpowiedz\n\nTomasz\n"
      "7 marca 2024 o 08:02\nIle wynosi czynsz?\nOdpowiedz\n");
  CHECK(r.text.find("Świetny pomysł") == std::string::npos);
  for (const auto& q : r.quantities) CHECK(q.value != 3);

  auto host = read(
      "Scribd\nWyszukaj\nZaloguj się\n\nProgram „Opieka 75+” w Nysie\n42 wyświetleń\n8 stron\n\n"
      "Miejski Ośrodek Pomocy Społecznej w Nysie realizuje program „Opieka 75+”. "
      "W 2023 r. usługami objęto 26 osób.\n");
  CHECK(host.boilerplate.site.page_views == 42);
}

TEST_CASE("a trail's last crumb that is the title's head before its dash is the page itself") {
  auto r = read(
      "Miejski Ośrodek Pomocy Społecznej w Chełmnie\n"
      "Jesteś tutaj: Strona główna » Pomoc społeczna » Klub Integracji Społecznej w Chełmnie\n\n"
      "Klub Integracji Społecznej w Chełmnie – reintegracja społeczna i zawodowa\n\n"
      "Klub Integracji Społecznej działa przy Miejskim Ośrodku Pomocy Społecznej w Chełmnie. "
      "W 2023 r. z zajęć klubu skorzystało 54 osoby.\n");
  CHECK(r.layout.section == std::vector<std::string>{"Pomoc społeczna"});
}

TEST_CASE("a deck's signature: a name under its degree, the role after a comma on the line under") {
  auto r =
      read(deck_of({"Program korekcyjno-edukacyjny\nPCPR w Limanowej\nmgr Anna Gąsienica-Makowska\n"
                    "psycholog, specjalista psychoterapii uzależnień\n",
                    "Cele programu\n1. Powstrzymanie sprawców od przemocy.\n",
                    "Uczestnicy\nW 2023 r. program ukończyło 14 osób.\n",
                    "Finansowanie\nBudżet państwa: 12 000 zł.\n", "Dziękuję za uwagę\n"}));
  CHECK(r.programme.author_name == "Anna Gąsienica-Makowska");
  CHECK(r.programme.author_role == "psycholog, specjalista psychoterapii uzależnień");
}

TEST_CASE(
    "a card's metryka as a text browser's table, across a printed page break, as html2text's "
    "rows") {
  // w3m: labels in a column of their own, the values aligned after them; no two text columns
  auto table = read(k_card_head +
                    "Data wprowadzenia do BDP: 08.11.2012\nData aktualizacji:        2013-04-12\n\n"
                    "Typ jednostki:            gmina miejska\nMiejscowość:              Lipsk\n"
                    "Województwo:              PODLASKIE\nJednostka wdrażająca:     Ośrodek Pomocy "
                    "Społecznej w Lipsku\n"
                    "Liczba mieszkańców:       5 610\nOsoby kontaktowe:         Anna Kos\n"
                    "                          kierownik OPS\n");
  CHECK(table.metryka.unit_type == "gmina miejska");
  CHECK(table.metryka.voivodeship == "podlaskie");
  CHECK(table.metryka.population == 5610);
  REQUIRE(table.metryka.contacts.size() == 1);
  CHECK(table.metryka.contacts[0].name == "Anna Kos");

  // a browser's print: the page's footer and the next page's header between two labels
  auto printed =
      read(k_card_head +
           "Data wprowadzenia do BDP: 12 kwietnia 2012\nMiejscowość: Lipsk\nPowiat: augustowski\n"
           "http://www.dobrepraktyki.pl/index.php?option=com_bdp&task=praktyka&id=618 1/2\n"
           "\f12.10.2013 Baza Dobrych Praktyk - Skrót i Metryka\n\nWojewództwo: podlaskie\n"
           "Liczba mieszkańców: 5.610\n");
  CHECK(printed.metryka.county == "augustowski");
  CHECK(printed.metryka.voivodeship == "podlaskie");
  CHECK(printed.metryka.population == 5610);

  // html2text: a table without its outer pipes
  auto rows = read(k_card_head +
                   "**Data wprowadzenia do BDP:** | 2009-06-18  \n---|---  \n"
                   "**Miejscowość:** | Lipsk  \n**Województwo:** | podlaskie  \n**Liczba "
                   "mieszkańców:** | 5 610  \n");
  CHECK(rows.metryka.entered == "2009-06-18");
  CHECK(rows.metryka.locality == "Lipsk");
  CHECK(rows.metryka.voivodeship == "podlaskie");
  CHECK(rows.metryka.population == 5610);
}

TEST_CASE(
    "a BIP's list of documents, each name above its file's line, is furniture and no programme "
    "page") {
  std::string page =
      "Biuletyn Informacji Publicznej\nGminny Ośrodek Pomocy Społecznej w Mielnie\n\n"
      "Jesteś w: Strona główna > Programy, strategie i plany\n\nProgramy, strategie i plany\n\n"
      "Poniżej zamieszczono obowiązujące dokumenty strategiczne i programowe dotyczące pomocy "
      "społecznej w gminie.\n\n";
  const char* docs[] = {
      "Gminna Strategia Rozwiązywania Problemów Społecznych Gminy Mielno na lata 2021–2030",
      "Gminny Program Wspierania Rodziny w Gminie Mielno na lata 2024–2026",
      "Sprawozdanie z realizacji Gminnego Programu Wspierania Rodziny za 2023 rok",
      "Ocena zasobów pomocy społecznej za 2023 rok"};
  for (const char* d : docs)
    page += std::string(d) + "\n(pdf, 512,4 KB) Data dodania: 2024-02-09 Pobrań: 143\n\n";
  auto r = read(page);
  CHECK(r.classification.type == bdp::PageType::unknown);
  CHECK(r.text.find("Gminny Program Wspierania Rodziny") == std::string::npos);
  CHECK(r.text.find("Pobrań") == std::string::npos);
}

TEST_CASE("trails: a long last crumb, \"Start / …\", a \"Ścieżka:\" label and the BIP's home") {
  const std::string body =
      "\n\nMiejski Ośrodek Pomocy Społecznej zaprasza mieszkańców na rodzinny piknik w parku "
      "miejskim. W programie koncert, festyn i konkursy dla dzieci.\n";
  auto arrows = read(
      "Urząd Miasta Kutno\nAktualności › Wydarzenia › Za nami XV Piknik Rodzinny „Kutno "
      "Rodzinie”\n\n"
      "Za nami XV Piknik Rodzinny „Kutno Rodzinie”" +
      body);
  CHECK(arrows.layout.section == std::vector<std::string>{"Aktualności", "Wydarzenia"});
  auto slashes = read(
      "Szkoła Podstawowa nr 2 w Iławie\nStart / Aktualności / Świąteczna zbiórka dla "
      "podopiecznych MOPS – dziękujemy!\n\nŚwiąteczna zbiórka dla podopiecznych MOPS – "
      "dziękujemy!" +
      body);
  CHECK(slashes.layout.section == std::vector<std::string>{"Aktualności"});
  CHECK(slashes.layout.title == "Świąteczna zbiórka dla podopiecznych MOPS – dziękujemy!");
  auto labelled = read(
      "Biuletyn Informacji Publicznej\nŚcieżka: Strona główna BIP > Praca – nabory > Nabór na "
      "stanowisko pracownika socjalnego\n\nOgłoszenie o naborze na stanowisko pracownika "
      "socjalnego" +
      body);
  CHECK(labelled.layout.section.front() == "Praca – nabory");
}

TEST_CASE("an English counter with its date since, and the Solidarity Fund and the EU as funders") {
  auto english = read(k_card_head.substr(0, k_card_head.find(".:")) +
                      "1,587,220\nguests visited us\nsince April 1, 2008\n\n"
                      "Gmina Lipsk wspiera osoby starsze przez sąsiadów. W 2012 roku z pomocy "
                      "skorzystało 31 osób.\n");
  CHECK(english.boilerplate.site.visitors == 1587220);
  CHECK(english.boilerplate.site.visitors_since == "2008-04-01");
  const std::string body =
      "Ośrodek Pomocy Społecznej w Skale\n\nAsystent osobisty – edycja 2024\n\n"
      "Ośrodek zakończył realizację programu. Usługami objęto 14 osób.\n\n";
  auto solidarity = read(body + "Sfinansowano ze środków Funduszu Solidarnościowego\n");
  CHECK(solidarity.boilerplate.site.funding == "Fundusz Solidarnościowy");
  auto eu = read(body + "Dofinansowane przez Unię Europejską\n");
  CHECK(eu.boilerplate.site.funding == "Unia Europejska");
}

TEST_CASE(
    "a PDF report's cover, its title in capitals over several lines, titles it; a date-first "
    "byline dates the page") {
  auto r = read(
      "\nGMINNY OŚRODEK POMOCY SPOŁECZNEJ W KOMORNIKACH\nul. Szkolna 3, 62-052 Komorniki\n\n\n"
      "SPRAWOZDANIE Z REALIZACJI\nGMINNEGO PROGRAMU WSPIERANIA RODZINY\nNA LATA 2022–2024\nZA ROK "
      "2023\n\n\n"
      "Komorniki, marzec 2024 r.\n\fGminny Ośrodek Pomocy Społecznej w Komornikach\n\nI. "
      "Wprowadzenie\n\n"
      "Gminny Program Wspierania Rodziny przyjęto uchwałą Rady Gminy. W 2023 r. asystent rodziny "
      "pracował z 14 rodzinami, a z pomocy ośrodka skorzystało 212 rodzin z dziećmi.\n\n"
      "II. Cele programu\n\nCelem głównym programu jest wzmocnienie rodzin.\n");
  CHECK(r.layout.title ==
        "SPRAWOZDANIE Z REALIZACJI GMINNEGO PROGRAMU WSPIERANIA RODZINY NA LATA 2022–2024 ZA ROK "
        "2023");
  auto news = read(
      "Urząd Miasta Kutno\n\nZa nami Piknik Rodzinny\n\n09.06.2024, 18:42 • Wydział Promocji\n\n"
      "Słoneczna pogoda i mnóstwo atrakcji: festyn, koncert i konkursy dla dzieci.\n");
  CHECK(news.boilerplate.site.page_date == "2024-06-09");
}

TEST_CASE("a voivodeship written in another case; the card's attachments end its metryka") {
  auto r = read(k_card_head +
                "Miejscowość:\tŁomża\nWojewództwo:\tw województwie podlaskim\n"
                "Data aktualizacji:\t30.01.2012\n\nZałączniki:\n1.\tRegulamin pracy asystenta "
                "rodziny (DOC, 56 KB)\n");
  CHECK(r.metryka.voivodeship == "podlaskie");
  CHECK(r.metryka.voivodeship_teryt == "20");
  CHECK(r.metryka.updated == "2012-01-30");
  CHECK(r.metryka.other.empty());
  auto genitive = read(k_card_head + "Miejscowość: Kutno\nWojewództwo: województwa łódzkiego\n");
  CHECK(genitive.metryka.voivodeship == "łódzkie");
}

TEST_CASE("the Wayback Machine's toolbar over an archived card is furniture") {
  auto r = read(
      "The Wayback Machine - http://web.archive.org/web/20111002/http://www.dobrepraktyki.pl/\n\n"
      "7 captures\n2 Oct 2011 - 14 Mar 2016\n\nSEP OCT NOV\nPrevious capture 02 Next capture\n"
      "success\nfail\nAbout this capture\nCOLLECTED BY\nOrganization: Alexa Crawls\n"
      "Starting in 1996, Alexa Internet has been donating their crawl data to the Internet "
      "Archive.\n"
      "Collection: Alexa Crawls DZ\nTIMESTAMPS\nloading\n" +
      k_card_head + "Miejscowość: Lipsk\nWojewództwo: podlaskie\n");
  CHECK(r.text.find("Alexa") == std::string::npos);
  CHECK(r.text.find("capture") == std::string::npos);
  for (const auto& q : r.quantities) CHECK(q.value != 2);
}

TEST_CASE("a goals heading repeated over the next slide goes on with the list's numbers") {
  auto r = read(deck_of(
      {"Gminny Program Wspierania Rodziny w Kole\nOśrodek Pomocy Społecznej w Kole\n",
       "Cel główny\nWspieranie rodzin przeżywających trudności.\n",
       "Cele szczegółowe (1/2)\n1. Wczesne rozpoznawanie problemów.\n2. Wzmacnianie kompetencji "
       "rodziców.\n"
       "3. Rozwój pracy asystentów rodziny.\n",
       "Cele szczegółowe (2/2)\n4. Rozwój wolontariatu.\n5. Wspieranie rodzin w powrocie dzieci.\n",
       "Dziękujemy za uwagę\n"},
      "Zapis prezentacji\n\n", [](int n) { return "Slajd nr " + std::to_string(n) + "\n"; }));
  REQUIRE(r.programme.goals.size() == 6);
  CHECK(r.programme.goals[5].id == "5");
  CHECK(r.programme.goals[5].text == "Wspieranie rodzin w powrocie dzieci");
}

TEST_CASE(
    "a centre's report on its work, its heading wrapped, and a club's year summed up are programme "
    "pages") {
  // a report (its heading wrapped), a club's year summed up, the summing up after a news
  // title's first sentence
  const std::string pages[] = {
      "POWIATOWE CENTRUM POMOCY RODZINIE W DĘBICY\nul. Parkowa 28, 39-200 Dębica\n\nSPRAWOZDANIE\n"
      "z efektów pracy organizatora rodzinnej pieczy zastępczej\nza 2023 rok\n\n"
      "Na dzień 31 grudnia 2023 r. w powiecie funkcjonowało 98 rodzin zastępczych, w których "
      "przebywało 141 dzieci. PCPR zatrudnia 5 koordynatorów rodzinnej pieczy zastępczej.\n\n"
      "Wychowankowie kontynuują naukę; w roku szkolnym 2023/2024 usamodzielniło się 12 osób.\n",
      "Dzienny Dom Senior+ w Łasku\n3 stycznia · 🌍\n\n"
      "📢 Podsumowanie 2024 roku w Klubie Senior+ nr 2 w Łasku\n\n"
      "W 2024 roku w ramach Programu „Senior+” z zajęć klubu korzystało 30 seniorów. "
      "Program realizowany jest przez gminę.\n",
      "Miejski Ośrodek Pomocy Społecznej w Elblągu\nAktualności\n\n"
      "Absolwenci CIS znaleźli pracę. Podsumowanie programu „Aktywny Elbląg”\n\n"
      "W 2024 r. z zajęć Centrum Integracji Społecznej skorzystało 46 osób; 19 z nich "
      "podjęło pracę. MOPS dziękuje pracodawcom.\n"};
  for (const std::string& page : pages) {
    CAPTURE(page);
    CHECK(read(page).classification.type == bdp::PageType::mops_programme);
  }
}

TEST_CASE(
    "a printout's running header and \"Strona N z M\" footer at a page break inside the metryka; a "
    "post's dated time") {
  auto r = read(k_card_head +
                "Miejscowość: Lipsk\nUlica: ul. Mściwoja 1\n\nBaza Dobrych Praktyk Strona 1 z 2\n"
                "\fBaza Dobrych Praktyk – wydruk praktyki\nTelefon: 58 681 47 75\nLiczba "
                "mieszkańców: 5.610\n\n"
                "Baza Dobrych Praktyk Strona 2 z 2\n\fBaza Dobrych Praktyk – wydruk praktyki\n");
  CHECK(r.metryka.street == "ul. Mściwoja 1");
  CHECK(r.metryka.phones == std::vector<std::string>{"+48586814775"});
  CHECK(r.metryka.population == 5610);
  auto post = read(
      "Facebook\nMiejski Ośrodek Pomocy Społecznej w Pucku\n20 grudnia 2024 o 12:05 · 🌍\n\n"
      "Wesołych Świąt życzą pracownicy ośrodka!\n");
  CHECK(post.boilerplate.site.page_date == "2024-12-20");
}

TEST_CASE(
    "a trail's last crumb that shortens the title by its end or by words left out is the page "
    "itself") {
  const std::string body =
      "\n\nGminny Ośrodek Pomocy Społecznej w Bogdańcu realizuje program. Wsparciem objęto 40 "
      "seniorów.\n";
  auto cut = read(
      "Strona główna > Programy > Powiatowy Program Rozwoju Pieczy Zastępczej\n\n"
      "Powiatowy Program Rozwoju Pieczy Zastępczej w Powiecie Nyskim na lata 2024–2026" +
      body);
  CHECK(cut.layout.section == std::vector<std::string>{"Programy"});
  auto words = read(
      "Strona główna > Programy > Korpus Wsparcia Seniorów 2024\n\n"
      "Korpus Wsparcia Seniorów na rok 2024 – opaski bezpieczeństwa dla seniorów" +
      body);
  CHECK(words.layout.section == std::vector<std::string>{"Programy"});
  // two words may be the programme's category: they stay
  auto category = read(
      "Strona główna > Programy > Asystent osobisty\n\n"
      "Asystent osobisty osoby z niepełnosprawnością – edycja 2024" +
      body);
  CHECK(category.layout.section == std::vector<std::string>{"Programy", "Asystent osobisty"});
  // the title said in other words and forms
  auto restated = read(
      "Strona główna > Praca – nabory > Nabór na stanowisko pracownika socjalnego\n\n"
      "Ogłoszenie o naborze na wolne stanowisko urzędnicze – pracownik socjalny" +
      body);
  CHECK(restated.layout.section == std::vector<std::string>{"Praca – nabory"});
  // … but not a category of three words whose forms the title shares
  auto listing = read(
      "Strona główna > Zamówienia publiczne > Zapytania ofertowe 2025\n\n"
      "Zapytanie ofertowe nr 3/2025 na dostawę posiłków" +
      body);
  CHECK(listing.layout.section ==
        std::vector<std::string>{"Zamówienia publiczne", "Zapytania ofertowe 2025"});
}

TEST_CASE("an extension by a stretch of time is a duration") {
  auto r = read(
      "Centrum Integracji Społecznej w Nowej Dębie\n\nProgram reintegracji\n\n"
      "Program trwa do 12 miesięcy, a w uzasadnionych przypadkach może zostać przedłużony o "
      "kolejne 6 miesięcy. W 2023 r. w zajęciach uczestniczyło 40 osób.\n");
  bool six = false;
  for (const auto& q : r.quantities)
    if (q.value == 6) {
      six = true;
      CHECK(q.kind == "duration");
    }
  CHECK(six);
}

TEST_CASE(
    "a card's trail written again under it with another separator is passed over to the title") {
  auto r = read(
      "Baza Dobrych Praktyk - Olsztynek\nStrona główna > Usługi społeczne > Pomoc społeczna\n\n"
      "Szukaj: [ ] [Szukaj]\n\nUsługi społeczne : Pomoc społeczna\n"
      "Zespół Interdyscyplinarny w gminie – przeciwdziałanie przemocy w Olsztynku\n\n"
      ".: Skrót i Metryka -> Pełna prezentacja -> Załączniki :.\n\n"
      "Zespół Interdyscyplinarny powołany przez Burmistrza prowadził w 2012 roku 64 procedury.\n\n"
      "Metryka praktyki\nData wprowadzenia do BDP: 2015-04-09\nMiejscowość: Olsztynek\n");
  CHECK(r.layout.title ==
        "Zespół Interdyscyplinarny w gminie – przeciwdziałanie przemocy w Olsztynku");
  CHECK(r.layout.section == std::vector<std::string>{"Usługi społeczne", "Pomoc społeczna"});
}

TEST_CASE("a chapter heading is no title when the document's heading stands above its contents") {
  auto r = read(
      "Załącznik nr 1 do Uchwały Nr XLI/612/2022\nRady Miasta Gorzowa Wielkopolskiego\n"
      "z dnia 23 listopada 2022 r.\n\nPROGRAM MIESZKAŃ WSPOMAGANYCH DLA MIASTA GORZOWA NA LATA "
      "2023–2026\n\n"
      "Spis treści\nI. Wprowadzenie ........................ 2\nII. Diagnoza "
      "........................ 3\n"
      "III. Cele programu ........................ 5\n\nI. Wprowadzenie\n\n"
      "Program mieszkań wspomaganych realizuje Miejski Ośrodek Pomocy Społecznej. W 2021 roku "
      "z mieszkań korzystało 14 osób.\n\nII. Diagnoza\n\nNa koniec 2021 roku w zasobie Miasta "
      "pozostawało 6 mieszkań treningowych.\n\nIII. Cele programu\n\nCel główny: Zwiększenie "
      "dostępności mieszkalnictwa wspomaganego.\n");
  CHECK(r.layout.title == "PROGRAM MIESZKAŃ WSPOMAGANYCH DLA MIASTA GORZOWA NA LATA 2023–2026");
}
