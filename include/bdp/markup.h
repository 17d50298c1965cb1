// Markdown, as scrapers that write it give a page (Jina Reader, Firecrawl, markdownify,
// html2text, trafilatura's Markdown output), made plain text before the stages read the page.
// Part of decoding (source.cpp runs it after HTML and before character references).
//
// Line by line, so every line keeps its number in the file: "# Heading" → "Heading",
// "**Miejscowość:** Płońsk" → "Miejscowość: Płońsk", "[Kontakt](/kontakt)" → "Kontakt",
// "![logo](a.png)" → "", "\-" → "-", "* item" → "• item", "> quote" → "quote", a table's
// "|---|---|" and a code fence's "```" → an empty line; Jina Reader's header ("Title:", "URL
// Source:", "Published Time:", "Markdown Content:") → empty lines. Only a page that reads as Markdown
// (at least two marks of it: a heading, a link, strong emphasis, an escape, a fence) is
// converted; single '*' and '_' are emphasis only at word boundaries, so "e_mail@gmina.pl",
// "5 * 3" and snake_case stay as they are.
//
// A `lynx -dump` page too (lynx_to_text, run before the Markdown check): its link numbers
// and its closing list of URLs removed, each line kept in its place.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace bdp {

struct MarkdownCounts {
  std::size_t headings = 0, links = 0, emphases = 0, other = 0;
  std::size_t total() const { return headings + links + emphases + other; }
};

/// The plain text of `text` ('\n' line ends) when it reads as Markdown, with what was removed
/// counted in `counts`; nullopt (and counts zero) when it does not.
std::optional<std::string> markdown_to_text(std::string_view text, MarkdownCounts& counts);

struct LynxCounts {
  std::size_t marks = 0;       ///< link numbers "[14]" and placeholders "[IMG]" removed
  std::size_t references = 0;  ///< numbered URLs of the closing "References" list blanked
};

/// A `lynx -dump` page made plain text: each link's number ("[14]Usługi społeczne",
/// "[21]www.ops-trzebnica.pl") and lynx's placeholders ("[IMG]", "[INLINE]", "[BUTTON]")
/// removed, the closing list of numbered URLs ("References" / "Odnośniki" over "1.
/// https://…") left as empty lines, so every line keeps its number. A page is a dump only on
/// lynx's own marks: at least three link numbers that run up the page, glued to their link's
/// text (a footnote's "tekst[1] " or "[1] Ustawa" is not one), and that list or six numbers.
/// nullopt (counts zero) otherwise.
std::optional<std::string> lynx_to_text(std::string_view text, LynxCounts& counts);

}  // namespace bdp
