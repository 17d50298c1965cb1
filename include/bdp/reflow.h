// Reflow stage: runs right after decoding and turns a text dump (lynx -dump, w3m, html2text,
// a PDF export) into the page the other stages read. Each of these only where the page
// shows it (grammars/reflow.grammar):
//   1. a line of nothing but invisible characters (ZWSP, WORD JOINER, BOM, soft hyphen,
//      Unicode spaces) becomes empty;
//   2. the indentation most lines carry is taken off (relative indentation stays);
//   3. on a page wrapped at one width W, a full line (the next line's first word would not
//      have fitted within W) is joined with the next line of its block, unless that line
//      starts a list item, a label, a slide marker or a heading;
//   4. on any page, a line that goes on with the sentence of the line above
//      (a scraper that breaks the line at every inline tag: <strong>, <a>, <br>) is joined
//      with it, where the page's own sentences show such cuts (reflow.cpp: cut_joins);
//   5. on any page, a name cut at its hyphen ("Jolanta Kamińska-" / "Rybak") is joined, and
//      so is a word cut at a line-end hyphen whose next line goes on in lower case (a slide's
//      "kompe-" / "tencji", too short a page to show a wrap width);
// Where a joined line goes on a word cut at a hyphen, the hyphen goes when the typesetter
// put it there ("zapo-" / "biegać" → "zapobiegać", "wychowaw-" / "czych") and stays in a
// compound cut at its own hyphen ("opiekuńczo-" / "wychowawczych"): a rule on the parts.
//   6. on any page, two columns side by side (pdftotext -layout) are read column by column:
//      the left column's text on the passage's first line, the right column's on its second.
//   0. first, a table drawn with box characters (w3m's "┌──┬──┐" / "│Label│Value│") is opened:
//      a line of nothing but box characters becomes empty, and each vertical bar between cells
//      two blanks, so that the table reads as one aligned with blanks (its line count stays).
// A page showing none of these keeps its text byte for byte. Otherwise `SourcePage::file_lines`
// maps the file's lines into the new text, and the record reports the file's lines through
// file_position(); `source.line_count` stays the file's count.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "bdp/grammar.h"
#include "bdp/source.h"

namespace bdp {

/// The compiled settings of reflow.grammar.
class ReflowRules {
 public:
  /// Reads [settings] and [starts_block]; bad entries go to `errors`.
  static std::unique_ptr<ReflowRules> compile(const Grammars& g,
                                              std::vector<GrammarError>& errors);
  ~ReflowRules();
  struct Impl;
  const Impl& impl() const { return *impl_; }

 private:
  explicit ReflowRules(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// What reflow_page did to a page.
struct ReflowStats {
  int blanked = 0;  ///< lines of invisible characters made empty
  int dedent = 0;   ///< code points of common indentation taken off
  int width = 0;    ///< the wrap width found (0: the page is not wrapped)
  int joined = 0;   ///< lines joined to the line above
  int cut = 0;      ///< of them, lines of sentences cut at inline tags
  int names = 0;    ///< of them, lines that finish a name cut at its hyphen ("Kamińska-")
  int hyphens = 0;  ///< of them, lines that finish a word cut at a hyphen on an unwrapped page
  int unhyphenated = 0;  ///< of them, lines that finish a word the typesetter cut ("zapo-")
  int columns = 0;  ///< passages of two columns side by side read column by column
  int box_lines = 0;  ///< lines of a table drawn with box characters opened (w3m -graph)
  bool changed() const {
    return blanked > 0 || dedent > 0 || joined > 0 || columns > 0 || box_lines > 0;
  }
};

/// Reflows `page` in place (see the top of this file). When it changes the text, it fills
/// `page.file_lines` and adds a `source.reflowed` info diagnostic to `page.diagnostics`.
ReflowStats reflow_page(SourcePage& page, const ReflowRules& rules);

/// The file's line (1-based) of byte `byte` of line `line` (1-based) of a reflowed page;
/// `line` itself when the page was not reflowed or `line` is 0 or out of range.
int file_line(const SourcePage& page, int line, std::size_t byte = 0);

/// The file's line and column of a position given as line and column (1-based, code points)
/// of the reflowed page; a column of 0 stays 0. Unchanged when the page was not reflowed.
void file_position(const SourcePage& page, int& line, int& column);

}  // namespace bdp
