// Goals lists of programme pages and decks: a main goal's heading over specific goals in any
// list style, Roman-numbered goals with their Arabic-numbered parts, a goals heading that
// other words decorate, and a list that a transcript's next slide goes on with.
#include "bdp/programme.h"
#include "bdp/morphology.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "test_util.h"

namespace {

using bdp::PageType;
using bdp::Programme;
using bdp::test::goal_ids;
using bdp::test::goal_texts;


Programme parse(std::string_view text, PageType type = PageType::mops_programme) {
  return bdp::test::parse_programme_text(text, type);
}

struct Case {
  const char* name;
  const char* text;
  const char* ids;
  const char* texts;
  PageType type = PageType::mops_programme;
};

void check_cases(const std::vector<Case>& cases) {
  for (const auto& c : cases) {
    std::string name = c.name;
    CAPTURE(name);
    Programme p = parse(c.text, c.type);
    CHECK(goal_ids(p) == c.ids);
    CHECK(goal_texts(p) == c.texts);
  }
}

}  // namespace

TEST_SUITE("programme goals") {
  TEST_CASE("a main goal's heading on its own line: its goal is 0 over any list style") {
    check_cases({
        {"letters a) b) c)",
         "Program Aktywizacji Seniorów\n\nCel główny Programu\nWłączenie osób starszych w życie "
         "wspólnoty lokalnej.\n\nCele szczegółowe:\na) rozwój klubów seniora,\nb) wsparcie "
         "wolontariatu,\nc) promocja zdrowego stylu życia.\n",
         "0|1|2|3",
         "Włączenie osób starszych w życie wspólnoty lokalnej|rozwój klubów seniora|wsparcie "
         "wolontariatu|promocja zdrowego stylu życia"},
        {"dashes, the heading with a colon",
         "Cel główny:\nPoprawa bezpieczeństwa dzieci w rodzinach.\nCele szczegółowe:\n– "
         "szkolenia dla rodziców,\n– dyżury psychologa.\n",
         "0|1|2", "Poprawa bezpieczeństwa dzieci w rodzinach|szkolenia dla rodziców|dyżury psychologa"},
        {"bullets on a deck's next slide",
         "Slajd 1\nProgram wsparcia rodzin\n\nSlajd 2\nCel nadrzędny\nStabilizacja sytuacji "
         "rodzin wielodzietnych\n\nSlajd 3\nCele szczegółowe\n• poradnictwo prawne\n• "
         "warsztaty kulinarne\n",
         "0|1|2",
         "Stabilizacja sytuacji rodzin wielodzietnych|poradnictwo prawne|warsztaty kulinarne",
         PageType::slide_transcript},
        {"a project's main goal as a slide title ('Cel główny projektu')",
         "Slajd 1\nKlub Integracji Społecznej\n\nSlajd 2\nCel główny projektu\nPowrót "
         "uczestników na rynek pracy.\n\nSlajd 3\nCele szczegółowe\n1. Nabycie kwalifikacji.\n"
         "2. Staże zawodowe.\n",
         "0|1|2", "Powrót uczestników na rynek pracy|Nabycie kwalifikacji|Staże zawodowe",
         PageType::slide_transcript},
        {"a main goal alone is goal 1, as any goal alone",
         "Cel główny\nOgraniczenie ubóstwa energetycznego.\n", "1",
         "Ograniczenie ubóstwa energetycznego"},
        {"'Główne cele' over a list: no one main goal, the list is 1, 2",
         "Główne cele programu to:\n- rozwój świetlic,\n- dożywianie dzieci.\n", "1|2",
         "rozwój świetlic|dożywianie dzieci"},
    });
  }

  TEST_CASE("a goal written as a sentence under its heading: the goal is what it states") {
    check_cases({
        {"'Cel projektu' over 'Celem projektu jest …', a date inside",
         "Cel projektu\nCelem projektu jest objęcie wsparciem 40 rodzin z terenu gminy do "
         "30.06.2027 r.\n\nUczestnicy\nRodziny z dziećmi.\n",
         "1", "objęcie wsparciem 40 rodzin z terenu gminy do 30.06.2027 r"},
    });
  }

  TEST_CASE("Roman-numbered goals with Arabic-numbered parts: 1, 1.1, 1.2, 2, 2.1") {
    check_cases({
        {"nested lists under I., II.",
         "Cele programu\nI. Profilaktyka uzależnień\n1. Kampanie w szkołach.\n2. Szkolenia "
         "sprzedawców alkoholu.\nII. Pomoc osobom uzależnionym\n1. Dyżury terapeuty.\n"
         "III. Współpraca z Policją\n\nFinansowanie\nŚrodki z opłat za zezwolenia.\n",
         "1|1.1|1.2|2|2.1|3",
         "Profilaktyka uzależnień|Kampanie w szkołach|Szkolenia sprzedawców alkoholu|Pomoc "
         "osobom uzależnionym|Dyżury terapeuty|Współpraca z Policją"},
        {"Roman goals alone keep their values",
         "Cele:\nI. Aktywizacja zawodowa.\nII. Integracja społeczna.\n", "1|2",
         "Aktywizacja zawodowa|Integracja społeczna"},
    });
  }

  TEST_CASE("a goals heading decorated by other words or a pictograph") {
    check_cases({
        {"a pictograph and words around 'cele'",
         "Podsumowanie roku w Klubie Seniora\n\n✅ Najważniejsze cele na 2026 rok:\n• remont "
         "sali spotkań,\n• nowe zajęcia ruchowe.\n\nDziękujemy za wspólny rok!\n",
         "1|2", "remont sali spotkań|nowe zajęcia ruchowe"},
        {"a preposition before 'cele' makes no heading",
         "Środki na cele społeczne w 2025 roku:\n• remont sali,\n• zakup sprzętu.\n", "", ""},
    });
  }

  TEST_CASE("a transcript's next slide goes on with the goals ('Cele (cd.)')") {
    check_cases({
        {"one slide a line",
         "Transkrypt\n1 Gminny Program Wspierania Rodziny\n2 Cele programu 1. Wsparcie rodzin "
         "1.1 Asystent rodziny 2. Rozwój pieczy 2.1 Rodziny wspierające\n3 Cele programu (cd.) "
         "3. Profilaktyka 3.1 Świetlice środowiskowe\n4 Budżet Koszt programu wynosi 200 000 zł.\n",
         "1|1.1|2|2.1|3|3.1",
         "Wsparcie rodzin|Asystent rodziny|Rozwój pieczy|Rodziny wspierające|Profilaktyka|"
         "Świetlice środowiskowe",
         PageType::slide_transcript},
    });
  }
}
