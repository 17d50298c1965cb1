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

}  // namespace bdp
