// Page layout. BDP cards: the breadcrumb line (the first line within `breadcrumb_max_line`
// that matches a [breadcrumb] pattern) gives the section, split by its separator, and the next
// non-blank line is the title; a banner above the menu is never considered because the title
// is tied to the breadcrumb. Slide transcripts: the title quoted in "Prezentacja na temat:",
// else the first slide's title. Other pages, and cards without a breadcrumb: the first kept
// line that looks like a heading (capitalised, short, no final full stop, not "Label: value"),
// except on a page that opens with an official act's header ("Zarządzenie Nr 12/2023 … w sprawie
// przyjęcia Gminnego Programu …"): its subject, the head turned to the nominative by the word
// tables of [act_header] ("Gminny Program …"), unless the subject has no head the tables know.
// Pages other than cards take their section from a line the boilerplate stage stripped as a
// breadcrumb ([breadcrumb] stripped_by).
#include "bdp/layout.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include <re2/re2.h>
#include <re2/set.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "bdp/atoms.h"
#include "bdp/text.h"

namespace bdp {

namespace {

constexpr std::string_view kFile = "layout.grammar";

std::atomic<bool> layout_fast_paths_on{true};

std::size_t word_count(std::string_view s) {
  std::size_t n = 0;
  bool in = false;
  for (char c : s) {
    if (c == ' ') {
      in = false;
    } else if (!in) {
      in = true;
      ++n;
    }
  }
  return n;
}

}  // namespace

struct LayoutRules::Impl {
  struct Breadcrumb {
    std::unique_ptr<RE2> line;
    std::unique_ptr<RE2> guard;  // must match too; null = none
    std::unique_ptr<RE2> separator;
  };
  std::vector<Breadcrumb> breadcrumbs;
  /// Every `line` pattern with its counted repetitions opened (atoms::open_repeats), as one
  /// alternation: a line it does not match whole is none of them (fast paths; null: not built).
  /// One DFA pass instead of a FullMatch a pattern on each line near a card's top.
  std::unique_ptr<RE2> breadcrumb_any;
  /// breadcrumb_any does not match an empty line: a blank line is no breadcrumb, whatever the
  /// prefixes do (each leaves it empty). Fast paths.
  bool blank_never_breadcrumb = false;
  std::vector<std::unique_ptr<RE2>> breadcrumb_prefixes;  // "Jesteś tutaj:", taken off first
  std::vector<std::unique_ptr<RE2>> breadcrumb_suffixes;  // " · Dodano: …", taken off the end
  std::vector<std::unique_ptr<RE2>> card_parts;  // "Opis praktyki": a card's part, no title
  std::vector<std::string> breadcrumb_home;               // lower case; a first part dropped
  /// [breadcrumb] stripped_by: on pages other than BDP cards, only a line the boilerplate stage
  /// stripped by one of these rules is read as the breadcrumb; empty = no section there
  std::vector<std::string> breadcrumb_stripped_by;
  std::unique_ptr<RE2> presentation_title;
  std::unique_ptr<RE2> first_slide;
  std::unique_ptr<RE2> first_slide_bare;  // "Slajd 1" alone: the title is the next line; optional
  std::unique_ptr<RE2> first_slide_listed;  // "1. Title" of a listed deck; optional
  std::unique_ptr<RE2> numbered_slide;    // any slide's "N Title"; optional
  std::vector<std::string> slide_header_rules;  // boilerplate rules of the deck's running header
  /// boilerplate rules that strip the host's title of a deck above "Slajd 1" as a repeat of the
  /// first slide's heading ([slides] title_stripped_by)
  std::vector<std::string> slide_title_rules;
  std::vector<std::string> heading_name_words;  // [heading_name_words], lower case
  std::unique_ptr<RE2> crumbs_heading;  // [breadcrumb] crumbs_heading; optional
  /// boilerplate rules whose stripped lines between a card's breadcrumb and its title are
  /// passed over ([breadcrumb] title_passes_over: a one-line menu)
  std::vector<std::string> title_passes_over;
  /// … and a line stripped by one of these block rules when the next line's rule is the same:
  /// a block of menu items may end in the title, no line before its last is it
  /// ([breadcrumb] title_passes_over_block)
  std::vector<std::string> title_passes_over_block;
  /// [title_above_body] kept_by: boilerplate rules that keep a line as the page's title (right
  /// above the body, under a breadcrumb); such a line is the title before any other heading
  std::vector<std::string> title_kept_rules;
  /// [title_above_body] passes_over: boilerplate rules of an article's metadata between its
  /// heading and its body ("Szczegóły" / "Kategoria: …" / "Opublikowano: …" / "Odsłony: …")
  std::vector<std::string> title_passes_over_meta;
  std::vector<std::string> title_passes_over_word;  ///< … and these when the line is one word
  /// [breadcrumb] stripped_from_home_by: boilerplate rules whose line is a breadcrumb too when
  /// it opens with the site's home item ("Start / Pomoc społeczna / …" taken for a menu)
  std::vector<std::string> breadcrumb_from_home_by;
  /// [breadcrumb] home_pattern: whole-part patterns of the site's home ("jst.org.pl")
  std::vector<std::unique_ptr<RE2>> breadcrumb_home_patterns;
  /// A title written over several lines: a line right under it continues it when it matches
  /// `continuation_next`, or when the title so far matches `continuation_open_end`. Optional.
  std::unique_ptr<RE2> continuation_next, continuation_open_end;
  /// A line that only continues a title ("NA LATA 2021-2023"), never one alone. Optional.
  std::unique_ptr<RE2> continuation_only;
  /// A title in Title Case wrapped after any word ("Powiatowy Program Rozwoju" / "Pieczy
  /// Zastępczej"): a line matching `title_case_next` continues a title so far matching
  /// `title_case_end`, unless it only names an institution (site_name). Optional.
  std::unique_ptr<RE2> continuation_title_case_next, continuation_title_case_end;
  double continuation_max_lines = 2;
  std::vector<std::string> continuation_stop_rules;  // boilerplate rules: such a line never continues
  /// [title_above_body] stripped_by: boilerplate rules whose stripped heading right above the
  /// body may be the page's title (the short-line rule); empty = none
  std::vector<std::string> title_above_body_rules;
  /// [chapter]: a document's chapter heading ("I. Wprowadzenie"), never its title when a
  /// heading the boilerplate stage stripped stands above it, past lines of `passes_over` rules
  /// (a table of contents)
  std::unique_ptr<RE2> chapter;
  std::vector<std::string> chapter_passes_over;
  std::unique_ptr<RE2::Set> not_heading;
  /// boilerplate.grammar [abbreviations] (lower case, no full stop): a line ending in one
  /// ("Dofinansowanie turnusów w 2024 r.") is read by `not_heading` without that full stop.
  std::unordered_set<std::string> abbreviations;
  /// Per pattern of `not_heading`: a guard that must match too, or null.
  std::vector<std::unique_ptr<RE2>> not_heading_guards;
  /// A line that only names the site's institution ("MOPS w Tczewie"): not the title when a
  /// heading follows right under it. Null = none.
  std::unique_ptr<RE2::Set> site_name;
  /// [letterhead]: the institution's address and contact lines under its name (whole line)
  std::vector<std::unique_ptr<RE2>> letterhead;
  /// [act_header]: a page that opens with an official act's header takes the act's subject
  /// ("w sprawie przyjęcia Gminnego Programu …") as its title, its head in the nominative.
  struct Act {
    std::unique_ptr<RE2> header;   // alternation of the `header` patterns; null = no act rule
    std::unique_ptr<RE2> subject;  // capture 1: the subject
    std::unique_ptr<RE2> body;     // a line that opens the act's text; optional
    std::unique_ptr<RE2> date;     // the header's date line ("z dnia …"); optional
    std::vector<std::string> openers;  // lower case, longest first
    struct Noun {
      std::string nominative;  // lower case
      char gender;             // m, f, n, p
    };
    std::unordered_map<std::string, Noun> nouns;  // by the lower-case genitive
    struct Ending {
      char gender;
      std::string genitive, nominative;  // lower case
    };
    std::vector<Ending> endings;  // in file order: the longest of a gender first
    double max_lines = 4;
    double max_words = 40;
  } act;
  double max_words = 25;
  double breadcrumb_max_line = 60;
  double section_label_max_words = 1;
};

LayoutRules::LayoutRules(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
LayoutRules::~LayoutRules() = default;

std::unique_ptr<LayoutRules> LayoutRules::compile(const Grammars& g,
                                                  std::vector<GrammarError>& errors) {
  auto impl = std::make_unique<Impl>();
  RE2::Options opts;
  opts.set_log_errors(false);
  opts.set_encoding(RE2::Options::EncodingUTF8);
  auto compile = [&](const GrammarEntry& e, int captures) -> std::unique_ptr<RE2> {
    auto re = std::make_unique<RE2>(narrow_unicode_classes(e.value), opts);
    if (!re->ok()) {
      errors.push_back(g.error_at(kFile, e, "bad regex: " + re->error()));
      return nullptr;
    }
    if (captures >= 0 && re->NumberOfCapturingGroups() < captures) {
      errors.push_back(g.error_at(kFile, e, "pattern needs a capture"));
      return nullptr;
    }
    return re;
  };
  for (const auto& e : g.entries(kFile, "breadcrumb")) {
    if (e.key == "prefix") {
      if (auto re = compile(e, 0)) impl->breadcrumb_prefixes.push_back(std::move(re));
    } else if (e.key == "suffix") {
      if (auto re = compile(e, 0)) impl->breadcrumb_suffixes.push_back(std::move(re));
    } else if (e.key == "card_part") {
      if (auto re = compile(e, 0)) impl->card_parts.push_back(std::move(re));
    } else if (e.key == "home") {
      impl->breadcrumb_home.push_back(to_lower(e.value));
    } else if (e.key == "home_pattern") {
      if (auto re = compile(e, 0)) impl->breadcrumb_home_patterns.push_back(std::move(re));
    } else if (e.key == "stripped_by") {
      impl->breadcrumb_stripped_by.push_back(e.value);
    } else if (e.key == "stripped_from_home_by") {
      impl->breadcrumb_from_home_by.push_back(e.value);
    } else if (e.key == "title_passes_over") {
      impl->title_passes_over.push_back(e.value);
    } else if (e.key == "title_passes_over_block") {
      impl->title_passes_over_block.push_back(e.value);
    } else if (e.key == "crumbs_heading") {
      impl->crumbs_heading = compile(e, 0);
    } else if (e.key == "line") {
      impl->breadcrumbs.push_back({compile(e, 0), nullptr, nullptr});
    } else if (e.key == "guard" && !impl->breadcrumbs.empty() &&
               !impl->breadcrumbs.back().guard && !impl->breadcrumbs.back().separator) {
      impl->breadcrumbs.back().guard = compile(e, 0);
      if (!impl->breadcrumbs.back().guard) impl->breadcrumbs.back().line.reset();
    } else if (e.key == "separator" && !impl->breadcrumbs.empty() &&
               !impl->breadcrumbs.back().separator) {
      impl->breadcrumbs.back().separator = compile(e, 0);
    } else {
      errors.push_back(g.error_at(kFile, e, "expected 'line = …', optionally 'guard = …', then 'separator = …' (or 'prefix', 'home', 'stripped_by')"));
    }
  }
  std::erase_if(impl->breadcrumbs, [](const Impl::Breadcrumb& b) { return !b.line || !b.separator; });
  if (!impl->breadcrumbs.empty()) {
    std::string any;
    for (const auto& b : impl->breadcrumbs)
      any += (any.empty() ? "(?:" : "|(?:") + atoms::open_repeats(b.line->pattern(), 2) + ")";
    auto re = std::make_unique<RE2>(any, opts);
    if (re->ok()) {
      impl->blank_never_breadcrumb = !re->Match("", 0, 0, RE2::ANCHOR_BOTH, nullptr, 0);
      impl->breadcrumb_any = std::move(re);
    }
  }
  for (const auto& e : g.entries(kFile, "presentation"))
    if (e.key == "title") impl->presentation_title = compile(e, 1);
  for (const auto& e : g.entries(kFile, "slides")) {
    if (e.key == "first") impl->first_slide = compile(e, 1);
    else if (e.key == "first_bare") impl->first_slide_bare = compile(e, 0);
    else if (e.key == "first_listed") impl->first_slide_listed = compile(e, 1);
    else if (e.key == "numbered") impl->numbered_slide = compile(e, 1);
    else if (e.key == "header_stripped_by") impl->slide_header_rules.push_back(e.value);
    else if (e.key == "title_stripped_by") impl->slide_title_rules.push_back(e.value);
    else errors.push_back(g.error_at(kFile, e, "expected 'first = …', 'first_bare = …', 'first_listed = …', 'numbered = …', 'header_stripped_by = …' or 'title_stripped_by = …'"));
  }
  std::vector<std::string> next_patterns;
  for (const auto& e : g.entries(kFile, "title_continuation")) {
    if (e.key == "next") {
      // Several `next` patterns: one regex, their alternation (each checked on its own first).
      if (compile(e, -1)) next_patterns.push_back("(?:" + e.value + ")");
    } else if (e.key == "open_end") {
      impl->continuation_open_end = compile(e, 0);
    } else if (e.key == "only") {
      impl->continuation_only = compile(e, 0);
    } else if (e.key == "title_case_next") {
      impl->continuation_title_case_next = compile(e, 0);
    } else if (e.key == "title_case_end") {
      impl->continuation_title_case_end = compile(e, 0);
    } else if (e.key == "not_stripped_by") {
      impl->continuation_stop_rules.push_back(e.value);
    } else {
      errors.push_back(g.error_at(kFile, e, "expected 'next = …', 'open_end = …', 'only = …', 'title_case_next = …', 'title_case_end = …' or 'not_stripped_by = …'"));
    }
  }
  if (!next_patterns.empty()) {
    std::string joined;
    for (const auto& p : next_patterns) joined += (joined.empty() ? "" : "|") + p;
    impl->continuation_next = std::make_unique<RE2>(narrow_unicode_classes(joined), opts);
    if (!impl->continuation_next->ok()) impl->continuation_next.reset();
  }
  for (const auto& e : g.entries(kFile, "chapter")) {
    if (e.key == "heading") impl->chapter = compile(e, 0);
    else if (e.key == "passes_over") impl->chapter_passes_over.push_back(e.value);
    else errors.push_back(g.error_at(kFile, e, "expected 'heading = regex' or 'passes_over = rule'"));
  }
  for (const auto& e : g.entries(kFile, "title_above_body")) {
    if (e.key == "stripped_by") impl->title_above_body_rules.push_back(e.value);
    else if (e.key == "kept_by") impl->title_kept_rules.push_back(e.value);
    else if (e.key == "passes_over") impl->title_passes_over_meta.push_back(e.value);
    else if (e.key == "passes_over_one_word") impl->title_passes_over_word.push_back(e.value);
    else errors.push_back(g.error_at(kFile, e, "expected 'stripped_by = rule', 'kept_by = rule', 'passes_over = rule' or 'passes_over_one_word = rule'"));
  }
  std::string act_headers;
  std::vector<const GrammarEntry*> act_header_entries;
  for (const auto& e : g.entries(kFile, "act_header")) {
    auto words = split_words(e.value);
    if (e.key == "header") {
      // one regex, their alternation; each compiled on its own only to say which is wrong
      act_headers += (act_headers.empty() ? "(?:" : "|(?:") + e.value + ")";
      act_header_entries.push_back(&e);
    } else if (e.key == "subject") {
      impl->act.subject = compile(e, 1);
    } else if (e.key == "body") {
      impl->act.body = compile(e, 0);
    } else if (e.key == "date") {
      impl->act.date = compile(e, 0);
    } else if (e.key == "opener" && !words.empty()) {
      impl->act.openers.push_back(to_lower(normalize_space(e.value)));
    } else if (e.key == "noun" && words.size() == 3 && words[2].size() == 1 &&
               std::string_view("mfnp").find(words[2][0]) != std::string_view::npos) {
      impl->act.nouns[to_lower(words[0])] = {to_lower(words[1]), words[2][0]};
    } else if (e.key == "adjective" && words.size() == 3 && words[0].size() == 1 &&
               std::string_view("mfnp").find(words[0][0]) != std::string_view::npos) {
      impl->act.endings.push_back({words[0][0], to_lower(words[1]), to_lower(words[2])});
    } else {
      errors.push_back(g.error_at(kFile, e, "expected 'header = …', 'subject = …', 'body = …', 'date = …', 'opener = words', 'noun = genitive nominative m|f|n|p' or 'adjective = m|f|n|p genitive nominative'"));
    }
  }
  if (!act_headers.empty()) {
    impl->act.header = std::make_unique<RE2>(narrow_unicode_classes(act_headers), opts);
    if (!impl->act.header->ok()) {
      const std::size_t before = errors.size();
      for (const GrammarEntry* e : act_header_entries) compile(*e, -1);
      if (errors.size() == before)
        errors.push_back({g.origin("layout.grammar"), 0, "act_header patterns do not compile together"});
      impl->act.header.reset();
    }
    if (!impl->act.subject) impl->act.header.reset();
  }
  std::stable_sort(impl->act.openers.begin(), impl->act.openers.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  for (const auto& e : g.entries("boilerplate.grammar", "abbreviations")) {
    const std::string words = e.key + " " + e.value;
    for (auto w : split_words(words)) {
      std::string a = to_lower(w);
      while (!a.empty() && a.back() == '.') a.pop_back();
      if (!a.empty()) impl->abbreviations.insert(std::move(a));
    }
  }
  impl->not_heading = std::make_unique<RE2::Set>(opts, RE2::UNANCHORED);
  bool last_added = false;
  for (const auto& e : g.entries(kFile, "heading")) {
    if (e.key == "guard") {
      if (!last_added || impl->not_heading_guards.back()) {
        errors.push_back(g.error_at(kFile, e, "a guard must follow a pattern"));
      } else {
        impl->not_heading_guards.back() = compile(e, -1);
      }
      continue;
    }
    std::string err;
    last_added = impl->not_heading->Add(narrow_unicode_classes(e.value), &err) >= 0;
    if (!last_added)
      errors.push_back(g.error_at(kFile, e, "bad regex: " + err));
    else
      impl->not_heading_guards.emplace_back();
  }
  if (!impl->not_heading->Compile())
    errors.push_back({g.origin("layout.grammar"), 0, "heading patterns do not compile"});
  for (const auto& e : g.entries(kFile, "heading_name_words"))
    for (auto w : split_words(e.key)) impl->heading_name_words.push_back(to_lower(w));
  if (!g.entries(kFile, "site_name").empty()) {
    impl->site_name = std::make_unique<RE2::Set>(opts, RE2::ANCHOR_BOTH);
    for (const auto& e : g.entries(kFile, "site_name")) {
      std::string err;
      if (impl->site_name->Add(narrow_unicode_classes(e.value), &err) < 0)
        errors.push_back(g.error_at(kFile, e, "bad regex: " + err));
    }
    if (!impl->site_name->Compile())
      errors.push_back({g.origin("layout.grammar"), 0, "site_name patterns do not compile"});
  }
  for (const auto& e : g.entries(kFile, "letterhead"))
    if (auto re = compile(e, 0)) impl->letterhead.push_back(std::move(re));
  for (const auto& e : g.entries(kFile, "thresholds")) {
    double v = 0;
    auto r = std::from_chars(e.value.data(), e.value.data() + e.value.size(), v);
    double* slot = e.key == "max_words"             ? &impl->max_words
                   : e.key == "breadcrumb_max_line" ? &impl->breadcrumb_max_line
                   : e.key == "section_label_max_words" ? &impl->section_label_max_words
                   : e.key == "continuation_max_lines"  ? &impl->continuation_max_lines
                   : e.key == "act_header_max_lines"    ? &impl->act.max_lines
                   : e.key == "act_subject_max_words"   ? &impl->act.max_words
                                                        : nullptr;
    if (!slot || r.ec != std::errc())
      errors.push_back(g.error_at(kFile, e, "unknown threshold or not a number"));
    else
      *slot = v;
  }
  if (!impl->presentation_title || !impl->first_slide)
    errors.push_back({g.origin("layout.grammar"), 0, "missing [presentation] title or [slides] first"});
  return std::unique_ptr<LayoutRules>(new LayoutRules(std::move(impl)));
}

namespace {

/// Whether `line` ends with an abbreviation's full stop ("… w 2024 r.", "… przy ul.").
bool ends_with_abbreviation(std::string_view line, const LayoutRules::Impl& r) {
  if (!line.ends_with('.') || r.abbreviations.empty()) return false;
  std::size_t start = line.rfind(' ', line.size() - 1);
  start = start == std::string_view::npos ? 0 : start + 1;
  std::string_view w = line.substr(start, line.size() - 1 - start);
  while (!w.empty() && (w.front() == '(' || w.front() == '"' || w.front() == '['))
    w.remove_prefix(1);
  return !w.empty() && r.abbreviations.contains(to_lower(w));
}

bool not_heading(const std::string& line, const LayoutRules::Impl& r) {
  // an abbreviation's full stop is no sentence's end
  if (ends_with_abbreviation(line, r)) return not_heading(line.substr(0, line.size() - 1), r);
  std::vector<int> hits;
  if (!r.not_heading->Match(line, &hits)) return false;
  for (int h : hits) {
    const auto& guard = r.not_heading_guards[static_cast<std::size_t>(h)];
    if (!guard || RE2::PartialMatch(line, *guard)) return true;
  }
  return false;
}

/// `line` past what may open a heading before its first word: opening quotes („Ciepły kąt” –
/// punkt wsparcia), pictographs of social posts (📢 Ruszają zapisy …) with their variation
/// selectors and joiners, and the blanks after them.
std::string_view heading_start(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size()) {
    std::size_t next = i;
    const auto cp = static_cast<UChar32>(next_cp(line, next));
    const auto type = static_cast<UCharCategory>(u_charType(cp));
    const bool opening = type == U_INITIAL_PUNCTUATION || type == U_START_PUNCTUATION ||
                         cp == '"' || cp == '\'';
    const bool pictograph = type == U_OTHER_SYMBOL || type == U_NON_SPACING_MARK ||
                            type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR;
    if (!opening && !pictograph && !(i > 0 && cp == ' ')) break;
    i = next;
  }
  return line.substr(i);
}

bool is_heading(const std::string& line, const LayoutRules::Impl& r) {
  return !line.empty() && starts_upper(heading_start(line)) &&
         static_cast<double>(word_count(line)) <= r.max_words && !not_heading(line, r);
}

bool kept(const BoilerplateResult& bp, std::size_t i) {
  return i < bp.lines.size() ? bp.lines[i].keep : true;
}

/// The title of `out`, at title_line, with the lines right under it that continue it ("Asystent
/// rodziny w gminie miejsko-wiejskiej –" / "model pracy z rodzinami …", "Powiatowy Program …" /
/// "w Powiecie Oleskim na lata 2022–2024"): no blank line between, not a "Label: value" line
/// nor a sentence, the whole at most max_words words. The boilerplate stage may have stripped
/// such a line as a short one; a line it stripped by a `not_stripped_by` rule (navigation) does
/// not continue a title.
void extend_title(const SourcePage& page, const BoilerplateResult& bp, const LayoutRules::Impl& r,
                  PageLayout& out) {
  if (out.title_line <= 0 || (!r.continuation_next && !r.continuation_open_end)) return;
  for (std::size_t k = static_cast<std::size_t>(out.title_line), n = 0;
       k < page.line_count() && n < r.continuation_max_lines; ++k, ++n) {
    std::string next = normalize_space(page.line(k));
    if (next.empty() || not_heading(next, r)) return;
    if (k < bp.lines.size() && !bp.lines[k].keep &&
        std::find(r.continuation_stop_rules.begin(), r.continuation_stop_rules.end(),
                  bp.lines[k].rule) != r.continuation_stop_rules.end())
      return;
    const bool open = r.continuation_open_end && RE2::PartialMatch(out.title, *r.continuation_open_end);
    const bool title_case = r.continuation_title_case_next && r.continuation_title_case_end &&
                            RE2::FullMatch(next, *r.continuation_title_case_next) &&
                            RE2::PartialMatch(out.title, *r.continuation_title_case_end) &&
                            !(r.site_name && r.site_name->Match(next, nullptr));
    if (!open && !title_case &&
        !(r.continuation_next && RE2::PartialMatch(next, *r.continuation_next)))
      return;
    if (static_cast<double>(word_count(out.title) + word_count(next)) > r.max_words) return;
    out.title += ' ';
    out.title += next;
  }
}

/// `t` without an opening quote („Aktywny Senior” w Gminie Pleśna: a heading's second line).
std::string unquoted(const std::string& t) {
  for (std::string_view q : {"„", "\"", "“", "”", "'"})
    if (t.starts_with(q)) return t.substr(q.size());
  return t;
}

/// The heading right above the body that the boilerplate stage stripped as a short line
/// ([title_above_body]): the first line of the block of such lines just above the first kept
/// line `body` (blank lines between), past a line naming the institution; none when a line of
/// that block is no heading, was stripped by another rule, or is a single word (a section's
/// name, "Aktualności"). Returns the line's index, or page.line_count().
std::size_t stripped_heading_above(const SourcePage& page, const BoilerplateResult& bp,
                                   const LayoutRules::Impl& r, std::size_t body) {
  const std::size_t none = page.line_count();
  if (r.title_above_body_rules.empty()) return none;
  std::size_t k = body;
  // blank lines, and an article's metadata block under its heading
  auto passed_over = [&](std::size_t j) {
    if (j >= bp.lines.size() || bp.lines[j].keep) return false;
    const std::string& rule = bp.lines[j].rule;
    auto listed = [&](const std::vector<std::string>& rules) {
      return std::find(rules.begin(), rules.end(), rule) != rules.end();
    };
    return listed(r.title_passes_over_meta) ||
           (listed(r.title_passes_over_word) && word_count(normalize_space(page.line(j))) == 1);
  };
  while (k > 0 && (normalize_space(page.line(k - 1)).empty() || passed_over(k - 1))) --k;
  std::size_t top = k;
  while (top > 0) {
    const std::size_t j = top - 1;
    std::string t = normalize_space(page.line(j));
    if (t.empty() || j >= bp.lines.size() || bp.lines[j].keep ||
        std::find(r.title_above_body_rules.begin(), r.title_above_body_rules.end(),
                  bp.lines[j].rule) == r.title_above_body_rules.end() ||
        !is_heading(unquoted(t), r))
      break;
    top = j;
  }
  for (std::size_t j = top; j < k; ++j) {
    std::string t = normalize_space(page.line(j));
    if (r.site_name && r.site_name->Match(t, nullptr)) continue;
    if (static_cast<double>(word_count(t)) <= r.section_label_max_words) return none;
    return j;
  }
  return none;
}

/// How many kept lines under a line that only names the institution first_heading reads for a
/// stripped heading above the body.
constexpr std::size_t k_institution_lookahead = 4;

bool read_breadcrumb(std::string_view raw, const LayoutRules::Impl& r,
                     std::vector<std::string>& section);

/// Whether `line` (line i, kept) is a breadcrumb whose last part opens the next kept line
/// ("Programy » Program profilaktyki …" over "Program profilaktyki …"): the trail of a page
/// whose breadcrumb has no home item, kept as text. Its parts are then the section, when the
/// page has none yet. The last part has two words at least.
bool trail_to_next(const SourcePage& page, const BoilerplateResult& bp, const LayoutRules::Impl& r,
                   std::size_t i, const std::string& line, PageLayout& out) {
  std::size_t k = i + 1;
  while (k < page.line_count() && normalize_space(page.line(k)).empty()) ++k;
  if (k >= page.line_count() || !kept(bp, k)) return false;
  const std::string next = to_lower(normalize_space(page.line(k)));
  for (std::string_view sep : {" » ", " › ", " > ", " / ", " | "}) {
    const std::size_t at = line.rfind(sep);
    if (at == std::string::npos) continue;
    const std::string tail = line.substr(at + sep.size());
    if (word_count(tail) < 2 || !next.starts_with(to_lower(tail))) continue;
    if (out.section.empty()) {
      std::vector<std::string> parts;
      if (!read_breadcrumb(line, r, parts)) {
        for (std::size_t from = 0; from <= line.size();) {
          const std::size_t to = std::min(line.find(sep, from), line.size());
          if (std::string part = normalize_space(line.substr(from, to - from)); !part.empty())
            parts.push_back(std::move(part));
          from = to + sep.size();
        }
        if (!parts.empty() && std::find(r.breadcrumb_home.begin(), r.breadcrumb_home.end(),
                                        to_lower(parts.front())) != r.breadcrumb_home.end())
          parts.erase(parts.begin());
      }
      out.section = std::move(parts);
      out.section_line = static_cast<int>(i) + 1;
    }
    return true;
  }
  return false;
}

void first_heading(const SourcePage& page, const BoilerplateResult& bp,
                   const LayoutRules::Impl& r, PageLayout& out, std::size_t from = 0) {
  // The line the boilerplate stage kept as the title when a breadcrumb a few lines above
  // ends with it ("Aktualności » Dzień Babci i Dziadka w naszej szkole" over "Dzień Babci i
  // Dziadka w naszej szkole"), before a widget's heading higher up ("Dziennik elektroniczny
  // Librus").
  if (!r.title_kept_rules.empty())
    for (std::size_t i = from; i < page.line_count() && i < bp.lines.size(); ++i) {
      if (!bp.lines[i].keep || std::find(r.title_kept_rules.begin(), r.title_kept_rules.end(),
                                         bp.lines[i].rule) == r.title_kept_rules.end())
        continue;
      std::string line = normalize_space(page.line(i));
      if (!is_heading(line, r)) break;
      bool trail_above = false;
      for (std::size_t j = i, seen = 0; j > 0 && seen < 3 && !trail_above;) {
        const std::string above = normalize_space(page.line(--j));
        if (above.empty()) continue;
        ++seen;
        for (std::string_view sep : {" » ", " › ", " > ", " / ", " | "})
          trail_above = trail_above ||
                        (above.size() > line.size() + sep.size() && above.ends_with(line) &&
                         std::string_view(above).substr(0, above.size() - line.size()).ends_with(sep));
      }
      if (!trail_above) break;
      out.title = std::move(line);
      out.title_line = static_cast<int>(i) + 1;
      return;
    }
  bool body_seen = false;
  for (std::size_t i = from; i < page.line_count(); ++i) {
    if (!kept(bp, i)) continue;
    std::string line = normalize_space(page.line(i));
    if (!body_seen && !line.empty()) {
      body_seen = true;
      // The first kept line is body text, not the page's heading: the heading the boilerplate
      // stage stripped as a short line right above it is the title.
      if (!is_heading(line, r) || (r.site_name && r.site_name->Match(line, nullptr))) {
        if (std::size_t h = stripped_heading_above(page, bp, r, i); h < page.line_count()) {
          out.title = normalize_space(page.line(h));
          out.title_line = static_cast<int>(h) + 1;
          return;
        }
      }
    }
    if (!is_heading(line, r)) continue;
    if (r.continuation_only && RE2::FullMatch(line, *r.continuation_only)) {
      // "NA LATA 2021-2023" under a heading the boilerplate stage took for a short line: the
      // heading right above is the title (extend_title joins the two); alone it is none.
      if (i > 0 && !bp.lines.empty() && i - 1 < bp.lines.size() &&
          std::find(r.continuation_stop_rules.begin(), r.continuation_stop_rules.end(),
                    bp.lines[i - 1].rule) == r.continuation_stop_rules.end()) {
        std::string above = normalize_space(page.line(i - 1));
        if (is_heading(above, r) && !(r.site_name && r.site_name->Match(above, nullptr))) {
          out.title = std::move(above);
          out.title_line = static_cast<int>(i);
          return;
        }
      }
      continue;
    }
    if (r.site_name && r.site_name->Match(line, nullptr)) {
      // The institution's name as a header, with the page's own heading under it, past blank
      // lines and its other names ("GOPS Wola" / "Gminny Ośrodek Pomocy Społecznej w Woli" /
      // "" / "Wypoczynek letni … w 2025 r."; a deck's cover: "PCPR w Braniewie" / "" / its
      // subject).
      std::size_t k = i + 1;
      while (k < page.line_count()) {
        std::string next = normalize_space(page.line(k));
        // the name's own second line ("Miejski Ośrodek Pomocy Społecznej" / "w Puławach")
        const bool name_goes_on = k == i + 1 && kept(bp, k) &&
                                  (next.starts_with("w ") || next.starts_with("we ")) &&
                                  r.site_name->Match(line + " " + next, nullptr);
        // and its address and contacts, a letterhead
        const bool letterhead =
            k > i && std::any_of(r.letterhead.begin(), r.letterhead.end(),
                                 [&](const auto& re) { return RE2::FullMatch(next, *re); });
        if (!next.empty() && !name_goes_on && !letterhead &&
            !(kept(bp, k) && r.site_name->Match(next, nullptr)))
          break;
        ++k;
      }
      if (k < page.line_count() && kept(bp, k)) {
        std::string next = normalize_space(page.line(k));
        if (is_heading(next, r) && !r.site_name->Match(next, nullptr)) {
          i = k - 1;  // the heading is next
          continue;
        }
      }
      // Else a heading the boilerplate stage stripped as a short line right above the body
      // further down ("CENTRUM USŁUG SPOŁECZNYCH W REDZIE" / "Infolinia: …" / menus / "KLUB
      // SENIORA+ „POD LIPAMI”" / "Termin realizacji: …"), before any kept heading.
      for (std::size_t j = i + 1, looked = 0;
           j < page.line_count() && looked < k_institution_lookahead; ++j) {
        if (!kept(bp, j) || normalize_space(page.line(j)).empty()) continue;
        ++looked;
        if (const std::size_t h = stripped_heading_above(page, bp, r, j);
            h < page.line_count() && h > i) {
          out.title = normalize_space(page.line(h));
          out.title_line = static_cast<int>(h) + 1;
          return;
        }
        const std::string t = normalize_space(page.line(j));
        if (is_heading(t, r) && !r.site_name->Match(t, nullptr)) break;
      }
    }
    if (static_cast<double>(word_count(line)) <= r.section_label_max_words &&
        i + 1 < page.line_count() && kept(bp, i + 1)) {
      // A section's name ("Ogłoszenia", "Aktualności") with the page's longer heading right
      // under it.
      std::string next = normalize_space(page.line(i + 1));
      if (is_heading(next, r) && word_count(next) > word_count(line)) continue;
    }
    // A breadcrumb the boilerplate stage kept ("Programy » Program profilaktyki …", no home
    // item) whose last part opens the next kept line: the trail, the next line the title.
    if (trail_to_next(page, bp, r, i, line, out)) continue;
    out.title = std::move(line);
    out.title_line = static_cast<int>(i) + 1;
    return;
  }
}

/// A line the boilerplate stage stripped by a `not_stripped_by` rule (a menu): it never
/// continues a title.
bool stripped_as_navigation(const BoilerplateResult& bp, std::size_t k, const LayoutRules::Impl& r) {
  return k < bp.lines.size() && !bp.lines[k].keep &&
         std::find(r.continuation_stop_rules.begin(), r.continuation_stop_rules.end(),
                   bp.lines[k].rule) != r.continuation_stop_rules.end();
}

bool has_lower(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    if (u_islower(static_cast<UChar32>(next_cp(s, i)))) return true;
  }
  return false;
}

std::string to_upper(std::string_view s) {
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.toUpper(icu::Locale::getRoot());
  std::string out;
  u.toUTF8String(out);
  return out;
}

/// A word of an act's subject: its letters (`core`, from its first to its last letter:
/// "Miejsko-Gminnego") and what stands around them (quotes, punctuation).
struct SubjectWord {
  std::string lead, core, trail;
  std::string lower;  // of core; empty when its case mapping changes its length
  enum class Case { lower, capital, upper } shape = Case::lower;

  explicit SubjectWord(std::string_view w) {
    std::size_t first = w.size(), last = 0;
    for (std::size_t i = 0; i < w.size();) {
      const std::size_t at = i;
      if (u_isalpha(static_cast<UChar32>(next_cp(w, i)))) {
        first = std::min(first, at);
        last = i;
      }
    }
    if (first == w.size()) {
      lead = std::string(w);
      return;
    }
    lead = std::string(w.substr(0, first));
    core = std::string(w.substr(first, last - first));
    trail = std::string(w.substr(last));
    lower = to_lower(core);
    if (lower.size() != core.size()) lower.clear();
    if (!has_lower(core) && count_code_points(core) > 1) shape = Case::upper;
    else if (starts_upper(core)) shape = Case::capital;
  }
  /// `form` (lower case) written as this word is: "PROGRAM", "Program", "program".
  std::string cased(const std::string& form) const {
    return shape == Case::upper ? to_upper(form) : shape == Case::capital ? capitalize_first(form) : form;
  }
  std::string text() const { return lead + core + trail; }
};

using Act = LayoutRules::Impl::Act;

/// The ending rule of `gender` that `w` (a genitive adjective) ends with; null = none.
const Act::Ending* adjective_ending(const SubjectWord& w, char gender, const Act& a) {
  if (w.lower.empty()) return nullptr;
  for (const auto& e : a.endings)
    if ((gender == 0 || e.gender == gender) && w.lower.size() > e.genitive.size() + 1 &&
        w.lower.ends_with(e.genitive))
      return &e;
  return nullptr;
}

/// `w` turned to the nominative by ending `e`, written in its case.
void to_nominative(SubjectWord& w, const Act::Ending& e) {
  const std::string stem = w.core.substr(0, w.core.size() - e.genitive.size());
  w.core = stem + (w.shape == SubjectWord::Case::upper ? to_upper(e.nominative) : e.nominative);
}

/// The act's subject ("przyjęcia Gminnego Programu Wspierania Rodziny na lata 2021-2023") as a
/// title ("Gminny Program Wspierania Rodziny na lata 2021-2023"): the opener taken off, a quote
/// around the name taken off, the head (a [act_header] noun within the first four words) and
/// the adjectives before it in the nominative, and one adjective after it when it agrees with
/// the head (see the grammar). Nothing when unsure: a word before the head that is no adjective
/// of the head's gender, no head.
std::optional<std::string> subject_title(std::string s, const SourcePage& page,
                                         const LayoutRules::Impl& r) {
  const Act& a = r.act;
  s = normalize_space(s);
  while (!s.empty() && (s.back() == ';' || s.back() == ',' ||
                        (s.back() == '.' && !s.ends_with(" r."))))
    s.pop_back();
  const std::string lower = to_lower(s);
  if (lower.size() != s.size()) return std::nullopt;
  std::size_t start = 0;
  for (const auto& op : a.openers)
    if (lower.size() > op.size() && lower.starts_with(op) && lower[op.size()] == ' ') {
      start = op.size() + 1;
      break;
    }
  std::string rest = s.substr(start);
  // "przyjęcia „Gminnego Programu … na lata 2021-2023”": the quote marks the name, no part of it
  for (std::string_view q : {"„", "\"", "“", "«"}) {
    if (!rest.starts_with(q)) continue;
    rest.erase(0, q.size());
    std::size_t close = std::string::npos, len = 0;
    for (std::string_view c : {"”", "\"", "“", "»"})
      if (auto at = rest.find(c); at < close) close = at, len = c.size();
    if (close != std::string::npos) rest.erase(close, len);
    rest = normalize_space(rest);
    break;
  }
  std::vector<SubjectWord> words;
  for (auto w : split_words(rest)) words.emplace_back(w);
  if (words.empty() || static_cast<double>(words.size()) > a.max_words) return std::nullopt;
  std::size_t head = words.size();
  for (std::size_t j = 0; j < std::min<std::size_t>(words.size(), 4); ++j) {
    if (words[j].lower.empty()) return std::nullopt;
    if (a.nouns.contains(words[j].lower)) {
      head = j;
      break;
    }
    if (!adjective_ending(words[j], 0, a)) return std::nullopt;
  }
  if (head == words.size()) return std::nullopt;
  const Act::Noun& noun = a.nouns.at(words[head].lower);
  for (std::size_t j = 0; j < head; ++j) {
    const Act::Ending* e = adjective_ending(words[j], noun.gender, a);
    if (!e) return std::nullopt;
    to_nominative(words[j], *e);
  }
  words[head].core = words[head].cased(noun.nominative);
  if (std::size_t j = head + 1; j < words.size() && words[j].lead.empty() &&
                                !a.nouns.contains(words[j].lower)) {
    if (const Act::Ending* e = adjective_ending(words[j], noun.gender, a)) {
      // An adjective after the head agrees with it when no noun follows it (the subject's end,
      // a preposition, a quote, a year, another adjective); before a noun it may be the
      // noun's ("Karty Dużej Rodziny"), and is the head's only when the page writes them so.
      std::string after;
      for (std::size_t k = j + 1; k < words.size(); ++k) {
        if (k > j + 1) after += ' ';
        after += words[k].text();
      }
      bool agrees = after.empty() || !words[j].trail.empty() ||
                    (r.continuation_next && RE2::PartialMatch(after, *r.continuation_next)) ||
                    (words[j + 1].lead.empty() && adjective_ending(words[j + 1], 0, a));
      SubjectWord turned = words[j];
      to_nominative(turned, *e);
      if (!agrees)
        agrees = to_lower(normalize_space(page.text))
                     .find(to_lower(words[head].core + " " + turned.core)) != std::string::npos;
      if (agrees) words[j] = std::move(turned);
    }
  }
  std::string title;
  for (const auto& w : words) {
    if (!title.empty()) title += ' ';
    title += w.text();
  }
  if (!starts_upper(title)) title = capitalize_first(title);
  return title;
}

/// The title of a page that opens with an official act's header ([act_header]): the header is
/// the first kept line (past a line naming the institution, or lines stripped as short ones,
/// which may be the header too) or the title line first_heading chose; its subject ("w sprawie …") is on that line or on one of the few lines under it and
/// may go on over the next lines. False, and `out` untouched, when there is no act header or its
/// subject cannot be turned into a title.
bool act_title(const SourcePage& page, const BoilerplateResult& bp, const LayoutRules::Impl& r,
               PageLayout& out) {
  const Act& a = r.act;
  if (!a.header) return false;
  std::size_t header = page.line_count(), looked_at = page.line_count();
  std::string line;
  for (std::size_t i = 0; i < page.line_count(); ++i) {
    // a header the boilerplate stage stripped as a short line (a small page's act) counts too
    const bool short_line =
        !kept(bp, i) && std::find(r.title_above_body_rules.begin(), r.title_above_body_rules.end(),
                                  bp.lines[i].rule) != r.title_above_body_rules.end();
    if (!kept(bp, i) && !short_line) continue;
    line = normalize_space(page.line(i));
    if (line.empty()) continue;
    looked_at = i;
    if (RE2::PartialMatch(line, *a.header)) header = i;
    else if (short_line || (r.site_name && r.site_name->Match(line, nullptr))) continue;
    break;
  }
  if (header == page.line_count() && out.title_line > 0 &&
      static_cast<std::size_t>(out.title_line) - 1 != looked_at) {
    line = normalize_space(page.line(static_cast<std::size_t>(out.title_line) - 1));
    if (RE2::PartialMatch(line, *a.header)) header = static_cast<std::size_t>(out.title_line) - 1;
  }
  if (header == page.line_count()) return false;
  // The subject: on the header's line ("Zarządzenie nr … z dnia … w sprawie …"), or under the
  // issuer's and the date's lines.
  std::string subject;
  std::size_t at = header;
  if (RE2::PartialMatch(line, *a.subject, &subject)) {
    // a sentence that opens with an act's name ("Uchwała nr … w sprawie przyjęcia programu
    // została podjęta jednogłośnie.") is no header
    if (line.ends_with('.') && !line.ends_with(" r.")) return false;
  } else {
    at = page.line_count();
    for (std::size_t k = header + 1, n = 0; k < page.line_count() && n < a.max_lines; ++k) {
      std::string t = normalize_space(page.line(k));
      if (t.empty()) continue;
      ++n;
      if (stripped_as_navigation(bp, k, r) || (a.body && RE2::PartialMatch(t, *a.body))) break;
      if (RE2::PartialMatch(t, *a.subject, &subject)) {
        at = k;
        break;
      }
      if (a.date && RE2::PartialMatch(t, *a.date)) continue;
      if (static_cast<double>(word_count(t)) > r.max_words || not_heading(t, r)) break;
    }
    if (at == page.line_count()) return false;
  }
  // The subject wrapped over the lines under it, up to a blank line, the act's text or a
  // sentence; its last line may end in a full stop ("na lata 2021-2023.").
  for (std::size_t k = at + 1, n = 0; k < page.line_count() && n < r.continuation_max_lines; ++k, ++n) {
    std::string t = normalize_space(page.line(k));
    if (t.empty() || stripped_as_navigation(bp, k, r) || (a.body && RE2::PartialMatch(t, *a.body)) ||
        RE2::PartialMatch(t, *a.header) || static_cast<double>(word_count(t)) > r.max_words)
      break;
    const bool full_stop = t.ends_with('.') && !t.ends_with(" r.");
    if (full_stop) {
      if (starts_upper(heading_start(t)) && has_lower(t)) break;  // a sentence of the act's text
      t.pop_back();
    }
    if (not_heading(t, r)) break;
    subject += ' ';
    subject += t;
    if (full_stop) break;
  }
  auto title = subject_title(std::move(subject), page, r);
  if (!title) return false;
  out.title = std::move(*title);
  out.title_line = static_cast<int>(at) + 1;
  out.act.clear();
  for (std::size_t k = header; k <= at; ++k) {
    const std::string t = normalize_space(page.line(k));
    if (t.empty()) continue;
    if (!out.act.empty()) out.act += ' ';
    out.act += t;
  }
  return true;
}

/// The parts of `raw` when a [breadcrumb] pattern reads it as a breadcrumb (its prefix
/// "Jesteś tutaj:" and the site's home taken off), appended to `section`; false otherwise.
bool read_breadcrumb(std::string_view raw, const LayoutRules::Impl& r,
                     std::vector<std::string>& section) {
  const bool fast = layout_fast_paths_on.load(std::memory_order_relaxed);
  if (fast && r.blank_never_breadcrumb && trim(raw).empty()) return false;
  // The line as normalize_space gives it: most lines are normal already and are read in place
  // (fast paths), copied only when a prefix is taken off.
  std::string owned;
  std::string_view line;
  if (fast && normal_already(raw)) {
    line = raw;
  } else {
    owned = normalize_space(raw);
    line = owned;
  }
  for (const auto& p : r.breadcrumb_prefixes) {
    // RE2's DFA tells first whether the prefix is there (most lines: no); Replace, which asks
    // for the match's span, only then
    if (fast && !p->Match(line, 0, line.size(), RE2::UNANCHORED, nullptr, 0)) continue;
    if (line.data() != owned.data()) owned.assign(line);
    if (RE2::Replace(&owned, *p, "")) owned = normalize_space(owned);
    line = owned;
  }
  for (const auto& p : r.breadcrumb_suffixes) {
    if (fast && !p->Match(line, 0, line.size(), RE2::UNANCHORED, nullptr, 0)) continue;
    if (line.data() != owned.data()) owned.assign(line);
    if (RE2::Replace(&owned, *p, "")) owned = normalize_space(owned);
    line = owned;
  }
  if (r.breadcrumb_any && fast &&
      !r.breadcrumb_any->Match(line, 0, line.size(), RE2::ANCHOR_BOTH, nullptr, 0))
    return false;
  for (const auto& b : r.breadcrumbs) {
    if (!RE2::FullMatch(line, *b.line) || (b.guard && !RE2::FullMatch(line, *b.guard))) continue;
    std::string parts(line);
    RE2::GlobalReplace(&parts, *b.separator, "\n");
    const std::size_t first = section.size();
    std::size_t start = 0;
    while (start <= parts.size()) {
      std::size_t end = std::min(parts.find('\n', start), parts.size());
      std::string part = normalize_space(std::string_view(parts).substr(start, end - start));
      // The site's home ("Strona główna") opens many breadcrumbs; it is no section.
      // So are the parts before the first section: the site's domain, the database's name
      // ("jst.org.pl » Baza Dobrych Praktyk » Usługi społeczne").
      bool home = section.size() == first &&
                  (std::find(r.breadcrumb_home.begin(), r.breadcrumb_home.end(),
                             to_lower(part)) != r.breadcrumb_home.end() ||
                   std::any_of(r.breadcrumb_home_patterns.begin(), r.breadcrumb_home_patterns.end(),
                               [&](const auto& re) { return RE2::FullMatch(part, *re); }));
      if (!part.empty() && !home) section.push_back(std::move(part));
      start = end + 1;
    }
    return true;
  }
  return false;
}

/// The section of a page other than a BDP card: the first line near the top that the
/// boilerplate stage stripped as a breadcrumb ([breadcrumb] stripped_by) and that a
/// [breadcrumb] pattern reads. The title is left to the page type's own rules.
/// A breadcrumb written a crumb a line under its heading ("Ścieżka nawigacyjna" / "Strona
/// główna" / "Projekty" / "Mieszkania wspomagane", Drupal's): the lines under a crumbs_heading
/// line the boilerplate stage stripped, to the first blank or kept line, at most
/// section_max_crumbs of them, each a short one; the home item left out.
bool crumbs_under_heading(const SourcePage& page, const BoilerplateResult& bp,
                          const LayoutRules::Impl& r, std::size_t limit, PageLayout& out) {
  if (!r.crumbs_heading) return false;
  const bool fast = layout_fast_paths_on.load(std::memory_order_relaxed);
  for (std::size_t i = 0; i < limit; ++i) {
    if (bp.lines[i].keep) continue;
    // Most lines are normal already and are matched in place, without a copy (fast paths).
    const std::string_view line = page.line(i);
    if (fast && normal_already(line) ? !RE2::FullMatch(line, *r.crumbs_heading)
                                     : !RE2::FullMatch(normalize_space(line), *r.crumbs_heading))
      continue;
    std::vector<std::string> section;
    std::size_t k = i + 1;
    for (; k < page.line_count() && k < bp.lines.size() && !bp.lines[k].keep; ++k) {
      std::string crumb = normalize_space(page.line(k));
      // the whole trail on the line under the heading ("Jesteś tutaj:" / "Strona główna »
      // Projekty » …"): read as a breadcrumb line
      if (std::vector<std::string> trail; k == i + 1 && read_breadcrumb(crumb, r, trail)) {
        section = std::move(trail);
        break;
      }
      if (crumb.empty() || count_code_points(crumb) > 60 || section.size() >= 6) break;
      const bool home = section.empty() && std::find(r.breadcrumb_home.begin(), r.breadcrumb_home.end(),
                                                     to_lower(crumb)) != r.breadcrumb_home.end();
      if (!home) section.push_back(std::move(crumb));
    }
    if (section.empty()) continue;
    out.section = std::move(section);
    out.section_line = static_cast<int>(i) + 2;
    return true;
  }
  return false;
}

/// A trail written a crumb a line after its home item, with no separators and no heading
/// (gov.pl: "Strona główna" / "Powiat Sejneński" / "Powiatowe Centrum Pomocy Rodzinie w Sejnach"
/// / "Programy i projekty" / the page's heading; Liferay: "Start" / "Kariera" / "Oferty pracy"):
/// the lines under a line that is only a [breadcrumb] home item, each of which repeats a line
/// higher up the page (the crumbs are the menu's items), up to the first that does not, two of
/// them at least (one could be a menu's next item). It is no trail when it holds more than five
/// lines, when no line stands above it, when
/// body text (a kept line of over 12 words) stands above it, or when its lines stand above it in
/// the same order one under another after the same home item (the menu written twice). Sets
/// `out.section`, `section_line` and `section_last_line`; the page's title is looked for under it.
bool crumbs_after_home(const SourcePage& page, const BoilerplateResult& bp,
                       const LayoutRules::Impl& r, PageLayout& out) {
  constexpr std::size_t k_max_crumbs = 5;
  const std::size_t limit = std::min(
      {page.line_count(), bp.lines.size(), static_cast<std::size_t>(r.breadcrumb_max_line)});
  // Most pages have no home item alone on a line: a line longer than the longest home item
  // (twice, for blanks normalize_space would collapse) is not one, and the lines above are
  // normalised only once one is found.
  std::size_t home_max = 0;
  for (const std::string& h : r.breadcrumb_home) home_max = std::max(home_max, h.size());
  bool text_above = false;
  for (std::size_t i = 0; i < limit; ++i) {
    const std::string_view t = trim(page.line(i));
    if (t.empty()) continue;
    // body text above (thirteen words take 25 bytes at least)
    if (kept(bp, i) && t.size() > 24 && word_count(normalize_space(t)) > 12) return false;
    const bool above_any = text_above;
    text_above = true;
    if (!above_any || t.size() > 2 * home_max) continue;
    std::string line = normalize_space(t);
    if (std::find(r.breadcrumb_home.begin(), r.breadcrumb_home.end(), to_lower(line)) ==
        r.breadcrumb_home.end())
      continue;
    std::vector<std::string> above;  // the non-blank lines above line i, normalised
    for (std::size_t j = 0; j < i; ++j)
      if (std::string a = normalize_space(page.line(j)); !a.empty()) above.push_back(std::move(a));
    // (under a crumbs_heading, crumbs_under_heading reads the trail)
    if (r.crumbs_heading && RE2::FullMatch(above.back(), *r.crumbs_heading)) continue;
    std::vector<std::string> crumbs;
    std::vector<std::size_t> where;  // each crumb's line higher up, in `above`
    std::size_t k = i + 1;
    for (; k < page.line_count(); ++k) {
      std::string crumb = normalize_space(page.line(k));
      if (crumb.empty() || count_code_points(crumb) > 60) break;
      const auto at = std::find(above.begin(), above.end(), crumb);
      if (at == above.end()) break;
      crumbs.push_back(std::move(crumb));
      where.push_back(static_cast<std::size_t>(at - above.begin()));
    }
    bool twice = !crumbs.empty() && where.front() > 0 && above[where.front() - 1] == line;
    for (std::size_t c = 1; twice && c < where.size(); ++c) twice = where[c] == where[c - 1] + 1;
    if (crumbs.size() >= 2 && crumbs.size() <= k_max_crumbs && !twice && k < page.line_count() &&
        !normalize_space(page.line(k)).empty()) {
      out.section = std::move(crumbs);
      out.section_line = static_cast<int>(i) + 2;
      out.section_last_line = static_cast<int>(k);
      return true;
    }
  }
  return false;
}

void other_section(const SourcePage& page, const BoilerplateResult& bp,
                   const LayoutRules::Impl& r, PageLayout& out) {
  if (r.breadcrumb_stripped_by.empty()) return;
  const std::size_t limit = std::min(
      {page.line_count(), bp.lines.size(), static_cast<std::size_t>(r.breadcrumb_max_line)});
  if (crumbs_under_heading(page, bp, r, limit, out)) return;
  for (std::size_t i = 0; i < limit; ++i) {
    const auto& d = bp.lines[i];
    if (d.keep) continue;
    if (std::find(r.breadcrumb_stripped_by.begin(), r.breadcrumb_stripped_by.end(), d.rule) ==
        r.breadcrumb_stripped_by.end()) {
      if (std::find(r.breadcrumb_from_home_by.begin(), r.breadcrumb_from_home_by.end(), d.rule) ==
          r.breadcrumb_from_home_by.end())
        continue;
      // the home item, then a breadcrumb's separator
      const std::string lower = to_lower(normalize_space(page.line(i)));
      const bool from_home = std::any_of(
          r.breadcrumb_home.begin(), r.breadcrumb_home.end(), [&](const std::string& h) {
            if (!lower.starts_with(h) || lower.size() < h.size() + 3 || lower[h.size()] != ' ')
              return false;
            const std::string_view rest = std::string_view(lower).substr(h.size() + 1);
            return rest.starts_with("/ ") || rest.starts_with("> ") || rest.starts_with(": ") ||
                   rest.starts_with("» ") || rest.starts_with("› ");
          });
      if (!from_home) continue;
    }
    std::vector<std::string> section;
    if (!read_breadcrumb(page.line(i), r, section)) continue;
    if (section.empty()) continue;  // only the site's home
    out.section = std::move(section);
    out.section_line = static_cast<int>(i) + 1;
    return;
  }
}

bool breadcrumb(const SourcePage& page, const BoilerplateResult& bp, const LayoutRules::Impl& r,
                PageLayout& out) {
  const std::size_t limit =
      std::min(page.line_count(), static_cast<std::size_t>(r.breadcrumb_max_line));
  for (std::size_t i = 0; i < limit; ++i) {
    if (!read_breadcrumb(page.line(i), r, out.section)) continue;
    out.section_line = static_cast<int>(i) + 1;
    // The title: the next line that reads as a heading, passing over a link or two
    // ("« wróć do wyników wyszukiwania") between them.
    // A line a one-line [strip] rule took for furniture (a card's number "Praktyka nr 1347",
    // a rating widget) is passed over without counting.
    for (std::size_t k = i + 1, seen = 0; k < page.line_count() && seen < 3; ++k) {
      std::string t = normalize_space(page.line(k));
      if (t.empty()) continue;
      if (k < bp.lines.size() && !bp.lines[k].keep && bp.lines[k].line_rule) continue;
      // and so is a one-line menu ("Szukaj praktyki | Dodaj praktykę | Ranking"), and a line
      // the stage stripped that only repeats the trail's last part, the card's category
      // ("… » Usługi społeczne » Ochrona zdrowia" over "Ochrona zdrowia" over the title)
      // and the trail written again ("Strona główna > Usługi społeczne > Pomoc społeczna" over
      // "Usługi społeczne : Pomoc społeczna"), a line the stage stripped as a trail
      if (k < bp.lines.size() && !bp.lines[k].keep &&
          (std::find(r.title_passes_over.begin(), r.title_passes_over.end(), bp.lines[k].rule) !=
               r.title_passes_over.end() ||
           std::find(r.breadcrumb_stripped_by.begin(), r.breadcrumb_stripped_by.end(),
                     bp.lines[k].rule) != r.breadcrumb_stripped_by.end() ||
           (!out.section.empty() && to_lower(t) == to_lower(out.section.back()))))
        continue;
      if (k < bp.lines.size() && !bp.lines[k].keep &&
          std::find(r.title_passes_over_block.begin(), r.title_passes_over_block.end(),
                    bp.lines[k].rule) != r.title_passes_over_block.end()) {
        std::size_t n = k + 1;
        while (n < page.line_count() && normalize_space(page.line(n)).empty()) ++n;
        // the block goes on, or a heading comes after it (kept, or stripped as a short line):
        // the title, not a card's part ("Opis praktyki")
        if (n < bp.lines.size()) {
          const auto& nl = bp.lines[n];
          const std::string next = normalize_space(page.line(n));
          const bool goes_on = !nl.keep && nl.rule == bp.lines[k].rule;
          const bool heading_next =
              (nl.keep || (!nl.line_rule && std::find(r.title_passes_over.begin(),
                                                      r.title_passes_over.end(),
                                                      nl.rule) == r.title_passes_over.end())) &&
              is_heading(next, r) &&
              std::none_of(r.card_parts.begin(), r.card_parts.end(),
                           [&](const auto& re) { return RE2::FullMatch(next, *re); });
          if (goes_on || heading_next) continue;
        }
      }
      ++seen;
      // A title may open with a quote („Młodzi dla Seniorów” – …); a back link or a tab
      // bar opens with «, [ or <.
      std::string_view head = t;
      for (std::string_view q : {"„", "\"", "“", "”", "'"})
        if (head.starts_with(q)) head.remove_prefix(q.size());
      if (!starts_upper(head) && seen < 3) continue;
      // A card's part ("Opis praktyki") under the trail: the card's heading is above the
      // trail's line (a Markdown export's "# Title" / "Obszar: …" / "## Opis praktyki"), the
      // nearest non-blank line, when it reads as one.
      const auto card_part = [&](const std::string& line) {
        return std::any_of(r.card_parts.begin(), r.card_parts.end(),
                           [&](const auto& re) { return RE2::FullMatch(line, *re); });
      };
      if (card_part(t)) {
        std::size_t j = i;
        while (j > 0 && normalize_space(page.line(j - 1)).empty()) --j;
        if (j > 0) {
          std::string above = normalize_space(page.line(j - 1));
          if (is_heading(above, r) && !card_part(above)) {
            out.title = std::move(above);
            out.title_line = static_cast<int>(j);
            break;
          }
        }
      }
      out.title = std::move(t);
      out.title_line = static_cast<int>(k) + 1;
      break;
    }
    return true;
  }
  return false;
}

/// The title of a deck whose first slide opens with its running header (line `header`): the
/// first kept line under it, or the title of the slide line it is ("2 PROGRAM …"), when that
/// reads as a heading. False when the first kept line is no heading.
bool title_under_header(const SourcePage& page, const BoilerplateResult& bp,
                        const LayoutRules::Impl& r, std::size_t header, PageLayout& out) {
  for (std::size_t k = header + 1; k < page.line_count(); ++k) {
    std::string t = normalize_space(page.line(k));
    if (t.empty() || !kept(bp, k)) continue;  // blanks, the next slides' running header
    std::string rest;
    if (r.numbered_slide && RE2::FullMatch(t, *r.numbered_slide, &rest)) t = normalize_space(rest);
    if (!is_heading(t, r)) return false;
    out.title = std::move(t);
    out.title_line = static_cast<int>(k) + 1;
    return true;
  }
  return false;
}

/// A page with no heading found whose first kept line (under the breadcrumb, when there is
/// one) is written as "Label: value" and stands alone ("Nabór na wolne stanowisko
/// urzędnicze: pracownik socjalny …", "Asystent rodziny: wsparcie dla rodzin"): that line is
/// the title when it reads as one but for its colon (capitalised, no sentence's end, at most
/// max_words) and no kept line follows it before a blank or stripped one (a run of fields,
/// "Telefon: …" / "E-mail: …", is no title).
void title_after_section(const SourcePage& page, const BoilerplateResult& bp,
                         const LayoutRules::Impl& r, PageLayout& out) {
  const std::size_t n = page.line_count();
  for (std::size_t k = out.section_line > 0 ? static_cast<std::size_t>(out.section_line) : 0;
       k < n; ++k) {
    std::string t = normalize_space(page.line(k));
    if (t.empty() || !kept(bp, k)) continue;
    const std::size_t colon = t.find(": ");
    if (colon == std::string::npos) return;
    std::string without = t.substr(0, colon) + " " + t.substr(colon + 2);
    if (!is_heading(without, r)) return;
    if (k + 1 < n && kept(bp, k + 1) && !normalize_space(page.line(k + 1)).empty()) return;
    out.title = std::move(t);
    out.title_line = static_cast<int>(k) + 1;
    return;
  }
}

/// The host's title of a deck above line `before`, which the boilerplate stage stripped as a
/// repeat of the deck's heading (a [slides] title_stripped_by rule), when it reads as a heading:
/// the title. False when there is none.
bool host_deck_title(const SourcePage& page, const BoilerplateResult& bp,
                     const LayoutRules::Impl& r, std::size_t before, PageLayout& out) {
  for (std::size_t k = 0; k < before && k < bp.lines.size(); ++k) {
    if (bp.lines[k].keep || std::find(r.slide_title_rules.begin(), r.slide_title_rules.end(),
                                      bp.lines[k].rule) == r.slide_title_rules.end())
      continue;
    std::string t = normalize_space(page.line(k));
    if (!is_heading(t, r)) continue;
    out.title = std::move(t);
    out.title_line = static_cast<int>(k) + 1;
    return true;
  }
  return false;
}

/// The first slide of a transcript that numbers its slides as a list: a first_listed line
/// ("1. Korpus Wsparcia Seniorów") that opens a block, with a "2." line opening another further
/// down. A goals list ("Cele:" / "1. …" / "2. …") opens no blocks.
bool listed_first_slide(const SourcePage& page, const BoilerplateResult& bp,
                        const LayoutRules::Impl& r, PageLayout& out) {
  if (!r.first_slide_listed) return false;
  auto opens_block = [&](std::size_t i) {
    return i == 0 || normalize_space(page.line(i - 1)).empty() || !kept(bp, i - 1);
  };
  for (std::size_t i = 0; i < page.line_count(); ++i) {
    std::string line = normalize_space(page.line(i));
    std::string title;
    if (!opens_block(i) || !RE2::FullMatch(line, *r.first_slide_listed, &title)) continue;
    for (std::size_t j = i + 1; j < page.line_count(); ++j) {
      const std::string next = normalize_space(page.line(j));
      if ((next.starts_with("2. ") || next.starts_with("2) ")) && opens_block(j) &&
          is_heading(normalize_space(title), r)) {
        out.title = normalize_space(title);
        out.title_line = static_cast<int>(i) + 1;
        return true;
      }
    }
    // A slide a line (SlideShare's transcript: "1. Rodzinna piecza … Powiatowe Centrum …" right
    // over "2. Stan pieczy …"): the heading that opens the line.
    // The line above it (past blank ones) is furniture (the transcript's heading): a list of
    // goals under a slide's heading ("Cele programu" / "1. …" / "2. …") is none.
    std::size_t above = i;
    while (above > 0 && normalize_space(page.line(above - 1)).empty()) --above;
    if (const std::string next = i + 1 < page.line_count() ? normalize_space(page.line(i + 1)) : "";
        (next.starts_with("2. ") || next.starts_with("2) ")) && kept(bp, i + 1) &&
        (above == 0 || !kept(bp, above - 1))) {
      // The host's title of the deck, which the boilerplate stage stripped above as a repeat of
      // the deck's heading (title_stripped_by), is the title: the first line holds the whole
      // cover slide, its heading cut out only by guess.
      if (host_deck_title(page, bp, r, i, out)) return true;
      // … or the line above the transcript the boilerplate stage kept as the page's title
      for (std::size_t k = i; k-- > 0;) {
        if (k >= bp.lines.size() || !bp.lines[k].keep || bp.lines[k].rule != "title") continue;
        std::string t = normalize_space(page.line(k));
        if (!is_heading(t, r) || (r.site_name && r.site_name->Match(t, nullptr))) break;
        out.title = std::move(t);
        out.title_line = static_cast<int>(k) + 1;
        return true;
      }
      std::string head =
          normalize_space(std::string_view(title).substr(0, heading_end(title, r.heading_name_words)));
      if (is_heading(head, r)) {
        out.title = std::move(head);
        out.title_line = static_cast<int>(i) + 1;
        return true;
      }
    }
  }
  return false;
}

bool presentation(const SourcePage& page, const BoilerplateResult& bp, const LayoutRules::Impl& r,
                  PageLayout& out) {
  for (std::size_t i = 0; i < page.line_count(); ++i) {
    std::string line = normalize_space(page.line(i));
    std::string title;
    if (RE2::FullMatch(line, *r.presentation_title, &title) && !normalize_space(title).empty()) {
      out.title = normalize_space(title);
      out.title_line = static_cast<int>(i) + 1;
      return true;
    }
  }
  for (std::size_t i = 0; i < page.line_count(); ++i) {
    std::string line = normalize_space(page.line(i));
    std::string title;
    // a title that reads as a heading: "1 876 odsłon · 11 pobrań" is a view counter
    if (RE2::FullMatch(line, *r.first_slide, &title) && is_heading(normalize_space(title), r)) {
      if (i < bp.lines.size() && !bp.lines[i].keep &&
          std::find(r.slide_header_rules.begin(), r.slide_header_rules.end(),
                    bp.lines[i].rule) != r.slide_header_rules.end() &&
          title_under_header(page, bp, r, i, out))
        return true;
      out.title = normalize_space(title);
      out.title_line = static_cast<int>(i) + 1;
      // A cover that opens with the institution ("1 Gminny Ośrodek Pomocy Społecznej w
      // Przodkowie" / "Usługi sąsiedzkie – pilotaż 2022–2023"): the heading under it.
      if (r.site_name && r.site_name->Match(out.title, nullptr))
        for (std::size_t k = i + 1; k < page.line_count(); ++k) {
          std::string t = normalize_space(page.line(k));
          if (t.empty() || !kept(bp, k)) continue;
          if (is_heading(t, r) && !r.site_name->Match(t, nullptr) &&
              !(r.numbered_slide && RE2::FullMatch(t, *r.numbered_slide))) {
            out.title = std::move(t);
            out.title_line = static_cast<int>(k) + 1;
          }
          break;
        }
      return true;
    }
    // "Slajd 1" alone on its line: a kept heading above it that does not only name the
    // institution (the host's title of the deck) is the title, else the heading under it
    if (r.first_slide_bare && RE2::FullMatch(line, *r.first_slide_bare)) {
      // The host's title of the deck, stripped above as a repeat of the first slide's heading.
      if (host_deck_title(page, bp, r, i, out)) return true;
      // The first slide's heading that the host repeats above the deck (a conference page:
      // "Konferencja …" / "Prezentacja 3 z 5" / "Centrum Usług Społecznych w Nisku – pierwsze
      // dwa lata" / "Slajd 1" / "Centrum Usług Społecznych w Nisku – pierwsze dwa lata").
      for (std::size_t k = i + 1; k < page.line_count(); ++k) {
        std::string first = normalize_space(page.line(k));
        if (first.empty() || !kept(bp, k)) continue;
        if (!is_heading(first, r)) break;
        for (std::size_t j = 0; j < i; ++j)
          if (kept(bp, j) && normalize_space(page.line(j)) == first) {
            out.title = std::move(first);
            out.title_line = static_cast<int>(j) + 1;
            return true;
          }
        break;
      }
      for (std::size_t k = 0; k < i; ++k) {
        if (!kept(bp, k)) continue;
        std::string t = normalize_space(page.line(k));
        if (!is_heading(t, r) || (r.site_name && r.site_name->Match(t, nullptr))) continue;
        out.title = std::move(t);
        out.title_line = static_cast<int>(k) + 1;
        return true;
      }
      // A line under it that only names the institution ("Gminny Ośrodek Pomocy Społecznej w
      // Kobylnicy" over "Program aktywizacji seniorów 2020-2022") gives way to a heading
      // right under it; alone, it is the title.
      std::string institution;
      std::size_t institution_line = 0;
      for (std::size_t k = i + 1; k < page.line_count(); ++k) {
        std::string t = normalize_space(page.line(k));
        if (t.empty() || !kept(bp, k)) continue;  // the deck's running header
        if (!is_heading(t, r)) break;
        if (institution.empty() && r.site_name && r.site_name->Match(t, nullptr)) {
          institution = std::move(t);
          institution_line = k;
          continue;
        }
        out.title = std::move(t);
        out.title_line = static_cast<int>(k) + 1;
        return true;
      }
      if (!institution.empty()) {
        out.title = std::move(institution);
        out.title_line = static_cast<int>(institution_line) + 1;
        return true;
      }
    }
  }
  return listed_first_slide(page, bp, r, out);
}

/// A document with no title found, whose running header repeats on every page ("Program
/// Przeciwdziałania Bezdomności w Mieście Żary na lata 2024-2027" over each page of a Word
/// export, its cover's title in capitals stripped as short lines): the header, when it reads
/// as a heading of three words or more.
void running_header_title(const SourcePage& page, const BoilerplateResult& bp,
                          const LayoutRules::Impl& r, PageLayout& out) {
  for (std::size_t k = 0; k < page.line_count() && k < bp.lines.size(); ++k) {
    if (bp.lines[k].keep || bp.lines[k].rule != "repeated_header") continue;
    std::string t = normalize_space(page.line(k));
    if (word_count(t) < 3 || !is_heading(t, r)) continue;
    out.title = std::move(t);
    out.title_line = static_cast<int>(k) + 1;
    return;
  }
}

}  // namespace

/// The title a chapter heading was taken for (line out.title_line): the nearest line above it,
/// past blank lines and lines of [chapter] passes_over rules (a table of contents and its
/// heading), when the boilerplate stage stripped it and it reads as a heading ("PROGRAM
/// MIESZKAŃ WSPOMAGANYCH …" over "Spis treści" over "I. Wprowadzenie ……… 2").
void chapter_title(const SourcePage& page, const BoilerplateResult& bp, const LayoutRules::Impl& r,
                   PageLayout& out) {
  for (std::size_t k = static_cast<std::size_t>(out.title_line - 1); k > 0;) {
    --k;
    const std::string t = normalize_space(page.line(k));
    if (t.empty()) continue;
    if (k < bp.lines.size() && !bp.lines[k].keep &&
        std::find(r.chapter_passes_over.begin(), r.chapter_passes_over.end(), bp.lines[k].rule) !=
            r.chapter_passes_over.end())
      continue;
    if (kept(bp, k) || !is_heading(t, r) || RE2::PartialMatch(t, *r.chapter)) return;
    out.title = t;
    out.title_line = static_cast<int>(k) + 1;
    return;
  }
}

/// A PDF's cover page, all of it stripped as short lines (the institution and its address, the
/// title over several lines in capitals, the place and date): the longest run of lines on it,
/// no blank between, that is neither the institution, its letterhead nor a place and date,
/// none of them a sentence, at most max_words words together, is the document's title. False
/// when the first page keeps a line or holds no such run.
bool cover_title(const SourcePage& page, const BoilerplateResult& bp, const LayoutRules::Impl& r,
                 PageLayout& out) {
  const std::size_t end = std::min<std::size_t>(page.page_breaks.front(), page.line_count());
  for (std::size_t i = 0; i < end; ++i)
    if (kept(bp, i)) return false;
  auto other = [&](const std::string& t) {
    if (r.site_name && r.site_name->Match(t, nullptr)) return true;
    if (std::any_of(r.letterhead.begin(), r.letterhead.end(),
                    [&](const auto& re) { return RE2::FullMatch(t, *re); }))
      return true;
    // "Suchy Las, marzec 2024 r.": a place, a comma, a date
    const std::size_t comma = t.find(", ");
    return comma != std::string::npos && comma < 40 &&
           std::any_of(t.begin() + static_cast<std::ptrdiff_t>(comma), t.end(),
                       [](char c) { return c >= '0' && c <= '9'; }) &&
           t.find_first_of("0123456789") > comma;
  };
  std::string best;
  std::size_t best_line = 0;
  for (std::size_t i = 0; i < end;) {
    std::string run;
    std::size_t b = i;
    bool ok = true;
    for (; i < end; ++i) {
      const std::string t = normalize_space(page.line(i));
      if (t.empty()) break;
      if (other(t) || t.back() == '.') ok = false;
      if (!run.empty()) run += ' ';
      run += t;
    }
    while (i < end && normalize_space(page.line(i)).empty()) ++i;
    if (ok && !run.empty() && static_cast<double>(word_count(run)) <= r.max_words &&
        word_count(run) >= 2 && run.size() > best.size()) {
      best = std::move(run);
      best_line = b;
    }
    if (i == b) ++i;
  }
  if (best.empty()) return false;
  out.title = std::move(best);
  out.title_line = static_cast<int>(best_line) + 1;
  return true;
}

/// The page's own heading right under its breadcrumb, which the boilerplate stage stripped
/// because it repeats a menu item and the trail's last crumb ("Strona główna » O nas »
/// Kontakt" / "Kontakt"): the title, when the title found is further down (a team's block)
/// and the heading stands alone, with a blank line under it and no kept heading after that (a
/// section's name over a longer heading, "Aktualności" / "Dzień Babci …", leaves that heading
/// the title).
void heading_under_trail(const SourcePage& page, const BoilerplateResult& bp,
                         const LayoutRules::Impl& r, PageLayout& out) {
  if (out.section_line <= 0 || out.section.empty()) return;
  const std::size_t n = std::min(page.line_count(), bp.lines.size());
  std::size_t k = static_cast<std::size_t>(out.section_line);
  while (k < n && trim(page.line(k)).empty()) ++k;
  if (k >= n || kept(bp, k)) return;
  if (out.title_line > 0 && static_cast<std::size_t>(out.title_line) <= k + 1) return;
  std::string heading = normalize_space(page.line(k));
  if (to_lower(heading) != to_lower(out.section.back()) || !is_heading(heading, r)) return;
  // the heading stands alone: a line right under it is a menu's next item or the heading's own
  if (k + 1 < n && !trim(page.line(k + 1)).empty()) return;
  std::size_t j = k + 1;
  while (j < n && trim(page.line(j)).empty()) ++j;
  if (j < n && kept(bp, j) && is_heading(normalize_space(page.line(j)), r)) return;
  out.title = std::move(heading);
  out.title_line = static_cast<int>(k) + 1;
}

PageLayout find_layout(const SourcePage& page, const BoilerplateResult& bp, PageType type,
                       const LayoutRules& rules) {
  const auto& r = rules.impl();
  PageLayout out;
  bool found = false;
  if (type == PageType::bdp_practice) found = breadcrumb(page, bp, r, out);
  if (type == PageType::slide_transcript) found = presentation(page, bp, r, out);
  bool act = false;
  // a trail a crumb a line: the title is under it
  const bool trail = type != PageType::bdp_practice && out.section.empty() &&
                     crumbs_after_home(page, bp, r, out);
  if (!found || out.title.empty()) {
    first_heading(page, bp, r, out, trail ? static_cast<std::size_t>(out.section_last_line) : 0);
    act = act_title(page, bp, r, out);
  }
  if (type != PageType::bdp_practice && !trail) {
    other_section(page, bp, r, out);
    if (!act) heading_under_trail(page, bp, r, out);
  }
  // a chapter heading taken for the title: the document's heading above its contents
  if (type != PageType::bdp_practice && r.chapter && out.title_line > 0 &&
      RE2::PartialMatch(out.title, *r.chapter))
    chapter_title(page, bp, r, out);
  // a PDF's cover page, when the title was found past it or not at all
  bool cover = false;
  if ((type == PageType::mops_programme || type == PageType::unknown) && !page.page_breaks.empty() &&
      (out.title.empty() || out.title_line > static_cast<int>(page.page_breaks.front())))
    cover = cover_title(page, bp, r, out);
  if (out.title.empty()) title_after_section(page, bp, r, out);
  if (out.title.empty()) {
    running_header_title(page, bp, r, out);
  } else if (type == PageType::mops_programme && r.site_name &&
             r.site_name->Match(out.title, nullptr)) {
    // An institution's name taken for the title (a PDF's cover: "Opracowanie:" / "Miejski
    // Ośrodek Pomocy Rodzinie w Chełmie"), when the document's running header names it.
    PageLayout header;
    running_header_title(page, bp, r, header);
    if (!header.title.empty() && !r.site_name->Match(header.title, nullptr)) {
      out.title = std::move(header.title);
      out.title_line = header.title_line;
    }
  }
  if (!act && !cover) extend_title(page, bp, r, out);
  if (type != PageType::unknown && out.title.empty())
    out.diagnostics.push_back({Severity::warning, "layout.no_title", 0, 0,
                               fmt::format("no title found on a {} page", to_string(type))});
  if (type == PageType::bdp_practice && out.section.empty())
    out.diagnostics.push_back({Severity::warning, "layout.no_section", 0, 0,
                               "no breadcrumb (section) line found on a BDP card"});
  return out;
}

void set_layout_fast_paths(bool on) { layout_fast_paths_on.store(on, std::memory_order_relaxed); }

}  // namespace bdp
