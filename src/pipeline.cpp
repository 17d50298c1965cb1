// The pipeline runs the stages in order on one page and assembles the record. It owns no rules
// of its own: which lines form `text` follows from the stages' results (boilerplate decisions,
// the title and breadcrumb lines, the metryka block's line range, slide-number prefixes).
#include "bdp/pipeline.h"

#include <algorithm>
#include <unicode/uchar.h>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <future>

#include <fmt/format.h>

#include "bdp/diacritics.h"
#include "bdp/reflow.h"
#include "bdp/text.h"

namespace bdp {

struct Pipeline::Stages {
  std::unique_ptr<Lemmatizer> lemmatizer;
  std::unique_ptr<ReflowRules> reflow;
  std::unique_ptr<DiacriticsRules> diacritics;
  std::unique_ptr<BoilerplateRules> boilerplate;
  std::unique_ptr<ClassifierRules> classifier;
  std::unique_ptr<LayoutRules> layout;
  std::unique_ptr<MetrykaRules> metryka;
  std::unique_ptr<ProgrammeRules> programme;
  std::unique_ptr<QuantityRules> quantities;
};

Pipeline::Pipeline(std::unique_ptr<Stages> s) : stages_(std::move(s)) {}
Pipeline::~Pipeline() = default;

std::unique_ptr<Pipeline> Pipeline::create(const Grammars& g, std::vector<GrammarError>& errors) {
  // Start-up is the dictionary load and RE2 building automata for every rule. The stages'
  // rules are independent, so half of them compile on a second thread while the dictionary
  // loads on a third; errors are gathered per thread and reported in stage order.
  auto s = std::make_unique<Stages>();
  std::vector<GrammarError> first_errors, second_errors;
  s->lemmatizer = Lemmatizer::create(g, first_errors);
  if (first_errors.empty()) s->lemmatizer->preload();
  auto second = std::async(std::launch::async, [&] {
    s->metryka = MetrykaRules::compile(g, second_errors);
    s->programme = ProgrammeRules::compile(g, second_errors);
    s->quantities = QuantityRules::compile(g, s->lemmatizer.get(), second_errors);
  });
  s->reflow = ReflowRules::compile(g, first_errors);
  s->diacritics = DiacriticsRules::compile(g, first_errors);
  s->boilerplate = BoilerplateRules::compile(g, first_errors);
  s->classifier = ClassifierRules::compile(g, first_errors);
  s->layout = LayoutRules::compile(g, first_errors);
  second.get();
  errors.insert(errors.end(), first_errors.begin(), first_errors.end());
  errors.insert(errors.end(), second_errors.begin(), second_errors.end());
  if (!first_errors.empty() || !second_errors.empty()) return nullptr;
  return std::unique_ptr<Pipeline>(new Pipeline(std::move(s)));
}

namespace {

/// Length in bytes of a leading slide number and the blanks after it ("12 Hel" → 3), a list's
/// dot or parenthesis included ("2. Cele" → 3).
std::size_t slide_number_prefix(std::string_view line, int number) {
  std::string digits = std::to_string(number);
  if (!line.starts_with(digits)) return 0;
  std::size_t i = digits.size();
  if (i + 1 < line.size() && (line[i] == '.' || line[i] == ')')) {
    std::size_t j = i + 1;
    if (is_space_cp(next_cp(line, j))) ++i;  // "2. Cele", "2.\u00a0Cele"
  }
  while (i < line.size()) {
    std::size_t j = i;
    if (!is_space_cp(next_cp(line, j))) break;
    i = j;
  }
  return i;
}

/// A paragraph of the body for the quantity parser: one body line, or several that a site or
/// pdftotext wrapped ("… objęli wsparciem łącznie 84" / "rodziny, w tym 173 dzieci"), joined
/// with a space so that a number meets its noun and a sentence its year. `starts` holds where
/// each joined line begins in `text`; the first is line `line`, the next line + 1, …
struct Paragraph {
  std::string_view first;  // the first line (the whole paragraph when nothing was joined)
  int line = 0;
  std::string joined;               // the joined lines; empty when nothing was joined
  std::vector<std::size_t> starts;  // where each joined line starts in `joined`
  std::string_view text() const { return joined.empty() ? first : std::string_view(joined); }
};

// Hard wrapping shows as a run of adjacent body lines of which several (kWrapNearMin) come
// within kWrapNear of the run's longest line. In such a run a line continues the one above
// it when the line above is itself near that width and ends with no sentence punctuation,
// and this line goes on its sentence (goes_on) which ends with a full stop further down. A list whose items start with their figures
// ("38 seniorów …" / "21 wolontariuszy"), vary in length or are phrases without a full stop
// ("wydłużenie godzin otwarcia …" / "dowóz uczestników …") is left line by line: joining it
// let one item's year date the next.
constexpr double kWrapNear = 0.8;
constexpr std::size_t kWrapNearMin = 2, kWrapRunMin = 3, kWrapMinBytes = 40;

/// Whether `line` can go on the sentence of `above`: it starts with a lower-case letter (and
/// is no lettered list item, "a) …"), or with a figure right after a short lower-case word
/// that cannot end a sentence ("… wzrosła z 14 w 2018 r. do" / "22 w 2020 r.", "… i" /
/// "12 rodzin"): a preposition or conjunction, not the end of a list item.
bool goes_on(std::string_view above, std::string_view line) {
  if (line.size() >= 2 && line[1] == ')') return false;
  std::size_t i = 0;
  const char32_t first = next_cp(line, i);
  if (first != 0xFFFD && u_islower(static_cast<UChar32>(first))) return true;
  if (first < '0' || first > '9') return false;
  std::size_t start = above.rfind(' ');
  start = start == std::string_view::npos ? 0 : start + 1;
  std::size_t letters = 0;
  for (std::size_t k = start; k < above.size();) {
    const char32_t c = next_cp(above, k);
    if (c == 0xFFFD || !u_islower(static_cast<UChar32>(c))) return false;
    ++letters;
  }
  return letters >= 1 && letters <= 3;
}

std::vector<Paragraph> paragraphs(const std::vector<NumberedLine>& body) {
  std::vector<Paragraph> out;
  out.reserve(body.size());
  std::vector<bool> sentence_ends_later;
  for (std::size_t run = 0; run < body.size();) {
    std::size_t end = run + 1;  // the run of adjacent lines [run, end)
    while (end < body.size() && body[end].line == body[end - 1].line + 1) ++end;
    std::size_t widest = 0, near = 0;
    // Lengths in bytes: Polish letters make two of a few of them, which a ratio shrugs off.
    for (std::size_t k = run; k < end; ++k) widest = std::max(widest, body[k].text.size());
    const auto is_near = [&](std::string_view t) {
      const std::size_t n = t.size();
      return n >= kWrapMinBytes && static_cast<double>(n) >= kWrapNear * static_cast<double>(widest);
    };
    for (std::size_t k = run; k < end; ++k) near += is_near(body[k].text);
    const bool wrapped = end - run >= kWrapRunMin && near >= kWrapNearMin;
    // Where the sentence that a joined line continues ends: the next line at or after k that
    // ends with sentence punctuation. A list of phrases has none and stays line by line.
    sentence_ends_later.assign(end - run + 1, false);
    for (std::size_t k = end; wrapped && k-- > run;) {
      const char c = body[k].text.empty() ? ' ' : body[k].text.back();
      sentence_ends_later[k - run] =
          sentence_ends_later[k - run + 1] || c == '.' || c == '!' || c == '?';
    }
    for (std::size_t k = run; k < end; ++k) {
      const std::string_view above = k > run ? body[k - 1].text : std::string_view();
      const char last = above.empty() ? '.' : above.back();
      if (wrapped && k > run && is_near(above) && last != '.' && last != '!' && last != '?' &&
          last != ':' && last != ';' && goes_on(above, body[k].text) &&
          sentence_ends_later[k - run]) {
        Paragraph& p = out.back();
        if (p.joined.empty()) {
          p.joined.assign(p.first);
          p.starts.push_back(0);
        }
        p.joined.push_back(' ');
        p.starts.push_back(p.joined.size());
        p.joined.append(body[k].text);
      } else {
        out.push_back({body[k].text, body[k].line, {}, {}});
      }
    }
    run = end;
  }
  return out;
}

/// The source line of each quantity read from joined paragraphs: the line its surface starts
/// on, looked for from where the paragraph's previous item was found.
void locate_lines(std::vector<Quantity>& qs, const std::vector<Paragraph>& paras) {
  std::size_t para = 0, from = 0;
  int para_line = paras.empty() ? 0 : paras.front().line;
  for (Quantity& q : qs) {
    if (q.line != para_line) {
      while (para < paras.size() && paras[para].line != q.line) ++para;
      if (para == paras.size()) return;  // not in order: leave the rest as they are
      para_line = q.line;
      from = 0;
    }
    const Paragraph& p = paras[para];
    if (p.starts.size() < 2 || q.surface.empty()) continue;
    std::size_t at = p.joined.find(q.surface, from);
    if (at == std::string::npos) at = p.joined.find(q.surface);
    if (at == std::string::npos) continue;
    from = at;
    const auto next = std::upper_bound(p.starts.begin(), p.starts.end(), at);
    q.line = p.line + static_cast<int>(next - p.starts.begin()) - 1;
  }
}

// Lines over this many bytes reach the quantity extractor in sentence-sized pieces: a page
// that is one giant line (a broken scrape) then costs linear time, and no sentence is lost.
constexpr std::size_t k_max_line_piece = 8192;

std::vector<NumberedLine> split_long_lines(const std::vector<NumberedLine>& lines) {
  std::vector<NumberedLine> out;
  out.reserve(lines.size());
  for (const NumberedLine& l : lines) {
    std::string_view rest = l.text;
    while (rest.size() > k_max_line_piece) {
      std::size_t cut = rest.rfind(". ", k_max_line_piece);
      if (cut == std::string_view::npos || cut < k_max_line_piece / 2) cut = rest.rfind(' ', k_max_line_piece);
      if (cut == std::string_view::npos || cut == 0) {
        cut = k_max_line_piece;
        while (cut > 0 && (static_cast<unsigned char>(rest[cut]) & 0xC0) == 0x80) --cut;
      } else {
        ++cut;
      }
      out.push_back({rest.substr(0, cut), l.line});
      rest.remove_prefix(cut);
    }
    out.push_back({rest, l.line});
  }
  return out;
}

}  // namespace

PageResult Pipeline::run(SourcePage page, const RepeatedLines* repeated) const {
  std::vector<SourcePage> one;
  one.push_back(std::move(page));
  return std::move(run_batch(std::move(one), repeated).front());
}

namespace {

/// Whether a metryka found on a page that is no card is a practice's all the same: one of the
/// fields only a card's metryka has (the unit's type, the implementing unit, the population,
/// the voivodeship). A BIP page's "Metryczka" ("Data wprowadzenia: 2024-01-16 12:41",
/// "Zmodyfikował: …") or a contact page's "Telefon: … / Fax: … / E-mail: …" describe the
/// document or the office, and the contract keeps `metryka` for cards.
bool practice_metryka(const Metryka& m) {
  return m.unit_type || m.implementing_unit || m.population || m.voivodeship;
}

/// The kept lines that no structured field already holds (`text` is made of their paragraphs).
void assemble_body(PageResult& r) {
  const SourcePage& p = r.source;
  std::vector<std::size_t> prefix(p.line_count(), 0);
  for (const Slide& sl : r.programme.slides)
    if (sl.line > 0 && static_cast<std::size_t>(sl.line) <= p.line_count())
      prefix[sl.line - 1] = slide_number_prefix(p.line(sl.line - 1), sl.number);
  for (std::size_t i = 0; i < p.line_count(); ++i) {
    int ln = static_cast<int>(i) + 1;
    if (i < r.boilerplate.lines.size() && !r.boilerplate.lines[i].keep) continue;
    if (ln == r.layout.title_line || ln == r.layout.section_line ||
        (ln > r.layout.section_line && ln <= r.layout.section_last_line))
      continue;
    if (r.metryka.found && ln >= r.metryka.first_line && ln <= r.metryka.last_line) continue;
    std::string_view t = trim(p.line(i).substr(prefix[i]));
    if (t.empty()) continue;
    r.body.push_back({t, ln});
  }
}

/// The words of `t` of three letters or more, cut to their first five letters, lower case and
/// without the punctuation around them.
std::vector<std::string> word_heads(std::string_view t) {
  std::vector<std::string> out;
  std::string w;
  auto flush = [&] {
    if (count_code_points(w) >= 3) {
      std::size_t i = 0, n = 0;
      while (i < w.size() && n < 5) {
        next_cp(w, i);
        ++n;
      }
      out.push_back(w.substr(0, i));
    }
    w.clear();
  };
  for (std::size_t i = 0; i < t.size();) {
    const std::size_t at = i;
    const char32_t c = next_cp(t, i);
    if (c != 0xFFFD && (u_isalnum(static_cast<UChar32>(c)))) w.append(t.substr(at, i - at));
    else flush();
  }
  flush();
  return out;
}

/// Whether a crumb (lower case) says the title (lower case) in other words and forms: see
/// drop_title_crumb.
bool crumb_restates_title(std::string_view crumb, std::string_view title) {
  const std::vector<std::string> c = word_heads(crumb), t = word_heads(title);
  if (c.size() < 4) return false;
  std::size_t found = 0;
  for (const std::string& w : c) found += std::find(t.begin(), t.end(), w) != t.end();
  return found * 4 >= c.size() * 3;
}

/// A breadcrumb whose last crumb is the page itself ("Strona główna > Programy > Asystent
/// osobisty – edycja 2024" over the title "Asystent osobisty – edycja 2024", or over the
/// heading right under the trail): the section is the path to the page, so that crumb is left
/// out. A crumb the site shortened ("Asystent osobisty
/// osoby…") is the page's when the title starts with what it keeps (at least a few words).
void drop_title_crumb(const SourcePage& source, bool card, PageLayout& layout) {
  if (layout.section.empty()) return;
  std::string crumb = to_lower(normalize_space(layout.section.back()));
  std::string title = to_lower(normalize_space(layout.title));
  // or the page's heading right under the trail, when the title was found elsewhere (a deck's
  // first slide); not on a card, whose category may stand under its trail ("… » Ochrona
  // zdrowia" / "Ochrona zdrowia" / the title)
  std::string heading;
  if (layout.section_line > 0 && !card) {
    auto i = static_cast<std::size_t>(std::max(layout.section_line, layout.section_last_line));
    while (i < source.line_count() && trim(source.line(i)).empty()) ++i;
    if (i < source.line_count()) heading = to_lower(normalize_space(source.line(i)));
  }
  bool page = (!title.empty() && crumb == title) || (!heading.empty() && crumb == heading);
  if (title.empty()) title = heading;
  if (!page) {
    std::string_view kept = crumb;
    bool shortened = false;
    for (std::string_view mark : {std::string_view("…"), std::string_view("...")})
      if (kept.ends_with(mark)) {
        kept.remove_suffix(mark.size());
        shortened = true;
        break;
      }
    kept = trim(kept);
    page = shortened && kept.size() >= 12 && std::string_view(title).starts_with(kept);
    // the title's head before its dash or colon ("Centrum Integracji Społecznej w Świeciu"
    // over "Centrum Integracji Społecznej w Świeciu – reintegracja …")
    // (after a word only when the crumb has three words or more: "Asystent osobisty" over
    // "Asystent osobisty osoby z niepełnosprawnością – edycja 2024" may be the programme's
    // category, "Powiatowy Program Rozwoju Pieczy Zastępczej" over "… w Powiecie Nyskim na lata
    // 2024–2026" is the page)
    if (!page && kept.size() >= 12 && std::string_view(title).starts_with(kept))
      for (std::string_view sep : {" - ", " – ", " — ", ": ", ". ", " "})
        page = page || (std::string_view(title).substr(kept.size()).starts_with(sep) &&
                        (sep != " " || std::count(kept.begin(), kept.end(), ' ') >= 2));
    // the title shortened by words left out ("Korpus Wsparcia Seniorów 2024" over "Korpus
    // Wsparcia Seniorów na rok 2024 – opaski …"): the crumb's words, three or more, the title's
    // first word first, in order among the title's first words (three more at most)
    if (!page) {
      auto words = [](std::string_view t) {
        std::vector<std::string_view> w;
        for (std::size_t i = 0; i < t.size();) {
          const std::size_t e = std::min(t.find(' ', i), t.size());
          if (e > i) w.push_back(t.substr(i, e - i));
          i = e + 1;
        }
        return w;
      };
      const auto c = words(kept), t = words(title);
      if (c.size() >= 3 && !t.empty() && c.front() == t.front()) {
        std::size_t k = 0;
        for (std::size_t j = 0; j < t.size() && j < c.size() + 3 && k < c.size(); ++j)
          if (t[j] == c[k]) ++k;
        page = k == c.size();
      }
    }
    // the title said in other words and forms ("Opieka wytchnieniowa – edycja 2024" over
    // "Program „Opieka wytchnieniowa” dla JST – edycja 2024", "Nabór na stanowisko pracownika
    // socjalnego" over "Ogłoszenie o naborze … – pracownik socjalny"): four of the crumb's
    // words of three letters or more at least (a shorter crumb may be the page's category:
    // "Zapytania ofertowe 2025" over "Zapytanie ofertowe nr 3/2025 …"), and three in four of
    // them begin as one of the title's words begins (their first five letters, the whole of a
    // shorter word)
    if (!page) page = crumb_restates_title(kept, title);
  }
  if (page) layout.section.pop_back();
}

/// A pictograph or its modifiers (emoji, dingbats, arrows and symbols posts put around a
/// headline: "📢 Program „…” 📢", "✅ Nabór …"), or a space.
bool pictograph_or_space(char32_t cp) {
  return is_space_cp(cp) || (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2190 && cp <= 0x21FF) ||
         (cp >= 0x2300 && cp <= 0x23FF) || (cp >= 0x25A0 && cp <= 0x27BF) ||
         (cp >= 0x2B00 && cp <= 0x2BFF) || cp == 0xFE0F || cp == 0x200D || cp == 0x20E3;
}

/// The id, and every stage's diagnostics in line order.
void wrap_up(PageResult& r, bool quantities_truncated) {
  // A post's headline keeps its words, not the pictographs around them.
  if (const std::string_view t = trim_if(r.layout.title, pictograph_or_space, pictograph_or_space);
      t.size() != r.layout.title.size())
    r.layout.title = std::string(t);
  drop_title_crumb(r.source, r.classification.type == PageType::bdp_practice, r.layout);
  // A page without a title is named by its first body paragraph instead, so that untitled
  // pages (news items, notices) do not all share one id.
  std::string locality = r.metryka.locality.value_or(r.programme.locality);
  std::string_view name = r.layout.title;
  if (name.empty() && !r.body.empty()) name = r.body.front().text;
  // Nothing left of the page ("W 2019 r. MOPS", all furniture): its whole text names it, so
  // different pages still get different ids; an empty page is named by its emptiness.
  std::string whole;
  if (name.empty()) {
    whole = normalize_space(r.source.text);
    name = whole;
  }
  // Two acts with one subject ("Powiatowy Program … na lata 2024–2030") and no locality read
  // are two pages: the act's header, its issuer and number, tells them apart.
  r.id = practice_id(to_string(r.classification.type), name, locality,
                     locality.empty() ? std::string_view(r.layout.act) : std::string_view());
  if (whole.empty() && name.empty())
    r.diagnostics.push_back({Severity::warning, "page.empty", 0, 0,
                             r.source.bytes == 0 ? "the input is empty" : "the page has only blanks"});
  auto add = [&](const std::vector<Diagnostic>& ds) {
    r.diagnostics.insert(r.diagnostics.end(), ds.begin(), ds.end());
  };
  add(r.source.diagnostics);
  add(r.boilerplate.diagnostics);
  add(r.layout.diagnostics);
  add(r.metryka.diagnostics);
  add(r.programme.diagnostics);
  // The stages counted the lines of the reflowed page; the record counts the file's.
  if (!r.source.file_lines.empty()) {
    for (Quantity& q : r.quantities) {
      std::size_t byte = 0;
      if (q.line > 0 && static_cast<std::size_t>(q.line) <= r.source.line_count()) {
        byte = r.source.line(static_cast<std::size_t>(q.line) - 1).find(q.surface);
        if (byte == std::string_view::npos) byte = 0;
      }
      q.line = file_line(r.source, q.line, byte);
    }
    for (Diagnostic& d : r.diagnostics) file_position(r.source, d.line, d.column);
  }
  if (quantities_truncated)
    r.diagnostics.push_back({Severity::warning, "quantities.truncated", 0, 0,
                             fmt::format("only the first {} quantities are kept",
                                         r.quantities.size())});
  std::stable_sort(r.diagnostics.begin(), r.diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.line < b.line; });
}

}  // namespace

std::vector<PageResult> Pipeline::run_batch(std::vector<SourcePage> pages,
                                            const RepeatedLines* repeated) const {
  // Stage-major: each stage runs over the whole batch before the next starts, so its
  // automata (RE2's DFA state tables, a few hundred kB per stage) stay in the core's cache
  // across pages instead of being evicted by the other stages' on every page. Each page's
  // result is still a function of that page alone.
  const Stages& s = *stages_;
  std::vector<PageResult> out(pages.size());
  for (std::size_t k = 0; k < pages.size(); ++k) out[k].source = std::move(pages[k]);
  for (PageResult& r : out) reflow_page(r.source, *s.reflow);
  for (PageResult& r : out) restore_diacritics(r.source, *s.diacritics, *s.lemmatizer);
  for (PageResult& r : out) r.boilerplate = strip_boilerplate(r.source, *s.boilerplate);
  for (PageResult& r : out)
    r.classification = classify_page(r.source, r.boilerplate, *s.classifier);
  for (PageResult& r : out)
    r.layout = find_layout(r.source, r.boilerplate, r.classification.type, *s.layout);
  for (PageResult& r : out) {
    r.metryka = parse_metryka(r.source, *s.metryka);
    if (r.classification.type != PageType::bdp_practice && r.metryka.found &&
        !practice_metryka(r.metryka))
      r.metryka = Metryka{};
  }
  for (PageResult& r : out) {
    PageType type = r.classification.type;
    if (type == PageType::mops_programme || type == PageType::slide_transcript)
      r.programme = parse_programme(r.source, r.boilerplate, type, *s.programme,
                                    s.lemmatizer.get());
  }
  // Lines repeated across the run's pages of the site leave `text` only: the parsers above
  // saw the page's own decisions.
  if (repeated)
    for (PageResult& r : out) r.boilerplate = strip_boilerplate(r.source, *s.boilerplate, repeated);
  for (PageResult& r : out) assemble_body(r);
  std::vector<char> truncated(out.size(), 0);
  for (std::size_t k = 0; k < out.size(); ++k) {
    bool t = false;
    const std::vector<Paragraph> paras = paragraphs(out[k].body);
    for (const Paragraph& p : paras) {  // the contract's text: paragraphs joined by "\n\n"
      if (!out[k].text.empty()) out[k].text += "\n\n";
      // most paragraphs are normal already: appended as they are, with no copy in between
      if (normal_already(p.text())) out[k].text += p.text();
      else out[k].text += normalize_space(p.text());
    }
    std::vector<NumberedLine> lines;
    lines.reserve(paras.size());
    for (const Paragraph& p : paras) lines.push_back({p.text(), p.line});
    // The title names a report's year ("Sprawozdanie … za 2022 rok"): it dates undated items.
    // A deck's slides bound the reach of a slide heading's year.
    std::vector<int> slide_starts;
    for (const Slide& slide : out[k].programme.slides)
      if (slide_starts.empty() || slide.line > slide_starts.back())
        slide_starts.push_back(slide.line);
    out[k].quantities = parse_quantities(split_long_lines(lines), *s.quantities, &t,
                                         out[k].layout.title, slide_starts);
    locate_lines(out[k].quantities, paras);
    truncated[k] = t;
  }
  for (std::size_t k = 0; k < out.size(); ++k) wrap_up(out[k], truncated[k] != 0);
  return out;
}

SourcePage Pipeline::read_page(std::string path, std::string_view raw) const {
  SourcePage page = decode_page(std::move(path), raw);
  reflow_page(page, *stages_->reflow);
  restore_diacritics(page, *stages_->diacritics, *stages_->lemmatizer);
  return page;
}

PageResult Pipeline::run_bytes(std::string path, std::string_view raw,
                               const RepeatedLines* repeated) const {
  return run(decode_page(std::move(path), raw), repeated);
}

std::string practice_id(std::string_view page_type, std::string_view title,
                        std::string_view locality, std::string_view qualifier) {
  static constexpr std::pair<std::string_view, std::string_view> k_prefix[] = {
      {"bdp_practice", "bdp"}, {"mops_programme", "mops"}, {"slide_transcript", "slides"}};
  std::string_view prefix = "page";
  for (const auto& [t, p] : k_prefix)
    if (t == page_type) prefix = p;
  std::string norm_title = to_lower(normalize_space(title));
  std::string norm_loc = to_lower(normalize_space(locality));
  std::string key = fmt::format("{}\x1f{}\x1f{}", page_type, norm_title, norm_loc);
  if (!qualifier.empty()) key += "\x1f" + to_lower(normalize_space(qualifier));
  std::string slug = slugify(fmt::format("{} {}", locality, title), 48);
  std::string id = std::string(prefix);
  if (!slug.empty()) id += "-" + slug;
  return id + "-" + sha256_hex(key).substr(0, 8);
}

namespace {

/// The contacts as the redaction option wants them: without name, phones and e-mails, or
/// with each of them replaced by a salted hash.
Metryka redacted(const Metryka& m, const RecordOptions& opts) {
  Metryka out = m;
  auto hash = [&](const std::string& v) {
    std::string h = "sha256:";
    h.append(sha256_hex(opts.salt + "\x1f" + v), 0, 16);
    return h;
  };
  for (auto& c : out.contacts) {
    if (opts.redaction == Redaction::drop) {
      c.name.clear();
      c.phones.clear();
      c.emails.clear();
      continue;
    }
    if (!c.name.empty()) c.name = hash(normalize_space(c.name));
    for (auto& v : c.phones) v = hash(v);
    for (auto& v : c.emails) v = hash(v);
  }
  return out;
}

}  // namespace

std::string write_record(const PageResult& r, const RecordOptions& opts) {
  std::string out;
  out.reserve(r.text.size() + 2048);
  JsonWriter w(out);
  w.begin_object();
  w.field("schema_version", 1);
  w.field("id", r.id);
  w.key("source").begin_object();
  w.field("path", r.source.path)
      .field("bytes", r.source.bytes)
      .field("sha256", r.source.sha256)
      .field("encoding", r.source.encoding)
      .field("line_count", r.source.file_line_count());
  w.end_object();
  w.field("page_type", to_string(r.classification.type));
  w.key("classification").begin_object();
  w.field("confidence", std::round(r.classification.confidence * 100.0) / 100.0);
  if (!r.classification.signals.empty()) {
    w.key("signals").begin_array();
    for (const auto& s : r.classification.signals) w.value(s);
    w.end_array();
  }
  w.end_object();
  if (!r.layout.title.empty()) w.field("title", normalize_space(r.layout.title));
  if (!r.layout.section.empty()) {
    w.key("section").begin_array();
    for (const auto& part : r.layout.section) w.value(normalize_space(part));
    w.end_array();
  }
  if (!r.text.empty()) w.field("text", r.text);
  // optional members whose object comes out empty are taken back
  auto member = [&](std::string_view key, const auto& value) {
    JsonWriter::Mark m = w.mark();
    w.key(key);
    write_json(w, value);
    if (w.wrote_empty()) w.rollback(m);
  };
  if (r.metryka.found) {
    if (opts.redaction == Redaction::none) member("metryka", r.metryka);
    else member("metryka", redacted(r.metryka, opts));
  }
  member("programme", r.programme);
  if (!r.quantities.empty()) {
    w.key("quantities").begin_array();
    for (const auto& q : r.quantities) write_json(w, q);
    w.end_array();
  }
  member("site", r.boilerplate.site);
  if (!r.diagnostics.empty()) {
    w.key("diagnostics").begin_array();
    for (const auto& d : r.diagnostics) write_json(w, d);
    w.end_array();
  }
  w.end_object();
  return out;
}

nlohmann::ordered_json to_record(const PageResult& r, const RecordOptions& opts) {
  return nlohmann::ordered_json::parse(write_record(r, opts));
}

namespace {

using nlohmann::ordered_json;

std::string nlohmann_dump(const ordered_json& j) {
  return j.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

void dump_value(const ordered_json& j, std::string& out) {
  switch (j.type()) {
    case ordered_json::value_t::object: {
      out.push_back('{');
      bool first = true;
      for (auto it = j.begin(); it != j.end(); ++it) {
        if (!first) out.push_back(',');
        first = false;
        if (!append_json_string(it.key(), out)) out += nlohmann_dump(ordered_json(it.key()));
        out.push_back(':');
        dump_value(it.value(), out);
      }
      out.push_back('}');
      return;
    }
    case ordered_json::value_t::array:
      out.push_back('[');
      for (auto it = j.begin(); it != j.end(); ++it) {
        if (it != j.begin()) out.push_back(',');
        dump_value(*it, out);
      }
      out.push_back(']');
      return;
    case ordered_json::value_t::string:
      if (!append_json_string(j.get_ref<const std::string&>(), out)) out += nlohmann_dump(j);
      return;
    case ordered_json::value_t::number_integer:
      out += std::to_string(j.get<std::int64_t>());
      return;
    case ordered_json::value_t::number_unsigned:
      out += std::to_string(j.get<std::uint64_t>());
      return;
    case ordered_json::value_t::boolean:
      out += j.get<bool>() ? "true" : "false";
      return;
    case ordered_json::value_t::null:
      out += "null";
      return;
    default:  // floats (nlohmann's shortest round-trip form), binary, discarded
      out += nlohmann_dump(j);
      return;
  }
}

}  // namespace

std::string dump_record(const nlohmann::ordered_json& record) {
  // nlohmann's serializer decodes every byte of every string through its UTF-8 automaton;
  // the record is mostly long valid UTF-8 text, so this writes it in runs and leaves only
  // floats and invalid UTF-8 to nlohmann. Byte-identical to
  // record.dump(-1, ' ', false, error_handler_t::replace) (tests/pipeline_test.cpp).
  std::string out;
  out.reserve(4096);
  dump_value(record, out);
  return out;
}

namespace detail {

std::string dump_record_nlohmann(const nlohmann::ordered_json& record) {
  return nlohmann_dump(record);
}

}  // namespace detail

}  // namespace bdp
