// Cookie banners (boilerplate.grammar's cookie_notice rules): short ones that only say the site
// uses cookies, perhaps with their button, are furniture; a sentence of the text that speaks of
// cookies among other things is not.
#include <doctest/doctest.h>

#include <string>

#include "bdp/boilerplate.h"
#include "bdp/source.h"
#include "test_util.h"

namespace {

/// Whether line 3 of `body` + blank + `line` + blank + `body` is kept.
bool kept(const std::string& line) {
  const std::string body =
      "Gminny Ośrodek Pomocy Społecznej w Ropie prowadzi klub seniora, w którym co tydzień "
      "spotyka się kilkanaście osób.";
  const auto page = bdp::decode_page("c.txt", body + "\n\n" + line + "\n\n" + body + "\n");
  const auto bp = bdp::strip_boilerplate(page, bdp::test::boilerplate_rules());
  REQUIRE(bp.lines.size() >= 3);
  CHECK(bp.lines[0].keep);
  return bp.lines[2].keep;
}

}  // namespace

TEST_CASE("short cookie banners are furniture, with or without their button") {
  for (const char* banner : {
           "Nasz portal stosuje pliki cookie.",
           "Witryna używa ciasteczek. Akceptuję",
           "Ten serwis zapisuje ciasteczka w Twoim urządzeniu. Zamknij",
           "Korzystamy z plików cookies. OK",
           "Strona internetowa gminy wykorzystuje pliki cookie.",
           "Pliki cookie pomagają nam ulepszać serwis. Rozumiem",
           "Nasze strony korzystają z ciasteczek.",
       }) {
    const std::string shown = banner;
    CAPTURE(shown);
    CHECK_FALSE(kept(banner));
  }
}

TEST_CASE("a sentence of the text about cookies stays") {
  for (const char* sentence : {
           // an article about a computer course: no site, no reader, however short
           "Na warsztatach seniorzy dowiedzieli się, jak usuwać pliki cookies w przeglądarce.",
           "Uczestnicy kursu poznali zasady korzystania z bankowości elektronicznej, dowiedzieli "
           "się, czym są ciasteczka i jak zmienić ustawienia przeglądarki, a na koniec każdy "
           "otrzymał certyfikat.",
           "Seniorzy z klubu upiekli ciasteczka na kiermasz świąteczny.",
           // a long sentence that starts like a banner but goes on about other things
           "Strona używa plików cookie tylko do liczenia odwiedzin, a wszystkie informacje o "
           "programie, terminach naboru i wymaganych dokumentach znajdują się poniżej w "
           "zakładce Dokumenty do pobrania przygotowanej przez pracowników ośrodka.",
       }) {
    const std::string shown = sentence;
    CAPTURE(shown);
    CHECK(kept(sentence));
  }
}
