// Markdown and lynx dumps made plain text, line by line (see markup.h).
#include "bdp/markup.h"

#include <algorithm>
#include <cstring>

namespace bdp {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

/// ASCII punctuation: what a Markdown backslash escapes.
bool is_punct(char c) {
  return c != '\0' && std::strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) != nullptr;
}

/// A byte of a word: ASCII letter or digit, or any byte of a multi-byte character (Polish
/// letters), so "_" inside "e_mail" or "ł_ó" is not emphasis.
bool is_word(char c) {
  const auto b = static_cast<unsigned char>(c);
  return b >= 0x80 || (b >= '0' && b <= '9') || ((b | 0x20) >= 'a' && (b | 0x20) <= 'z');
}

std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

/// "|---|:---:|", "--- | ---": a table's header rule (at least one '|' and one "---" cell).
bool is_table_rule(std::string_view t) {
  if (t.find('|') == std::string_view::npos || t.find("---") == std::string_view::npos) return false;
  for (char c : t)
    if (c != '|' && c != '-' && c != ':' && !is_blank(c)) return false;
  return true;
}

class Converter {
 public:
  explicit Converter(MarkdownCounts& c) : c_(c) {}

  /// How surely the marks seen tell Markdown from plain text: a heading or a link 2, an
  /// escape, strong emphasis, code or a fence 1, single '*' or '_' emphasis 0 (plain text has
  /// "*" footnotes and "_" in names). A page is Markdown from 2 on.
  std::size_t signals = 0;

  void line(std::string_view s, std::string& out) {
    std::string_view t = trim_blanks(s);
    if (t.starts_with("```") || t.starts_with("~~~")) {  // a code fence: an empty line
      fence_ = !fence_;
      ++c_.other;
      ++signals;
      return;
    }
    if (fence_) {  // code: as it is
      out.append(s);
      return;
    }
    if (is_table_rule(t)) {
      ++c_.other;
      ++signals;
      return;
    }
    // A setext heading's underline ("Title" over "=====" or "-----"): an empty line. Markdown
    // writers draw it as long as the heading; a rule much longer than the line above, or under
    // a menu ("Start | O nas | Kontakt"), is a plain-text page's separator, left as it is.
    if (t.size() >= 3 && previous_text_ && t.find_first_not_of(t[0]) == std::string_view::npos &&
        (t[0] == '=' || t[0] == '-')) {
      previous_text_ = false;
      if (underlines(t.size(), previous_)) {
        ++c_.headings;
        signals += t[0] == '=' ? 2 : 1;
        return;
      }
      out.append(s);
      return;
    }
    previous_text_ = !t.empty();
    previous_ = t;
    std::size_t i = 0;
    while (i < s.size() && is_blank(s[i])) ++i;
    const std::size_t indent = i;
    // Block quotes ("> ", "> > ").
    while (i < s.size() && s[i] == '>' && indent <= 3) {
      ++i;
      if (i < s.size() && is_blank(s[i])) ++i;
      ++c_.other;
    }
    out.append(s.substr(0, indent));
    std::string_view rest = s.substr(i);
    // An ATX heading: "# Title", "### Title ###".
    if (indent <= 3) {
      std::size_t h = 0;
      while (h < rest.size() && rest[h] == '#') ++h;
      if (h >= 1 && h <= 6 && (h == rest.size() || is_blank(rest[h]))) {
        rest = trim_blanks(rest.substr(h));
        while (!rest.empty() && rest.back() == '#') rest.remove_suffix(1);
        rest = trim_blanks(rest);
        ++c_.headings;
        signals += 2;  // "# " opening a line is Markdown's alone
      }
    }
    // A bullet "* item" / "+ item" reads as the bullet plain text uses.
    if (rest.size() >= 2 && (rest[0] == '*' || rest[0] == '+') && is_blank(rest[1])) {
      out += "\u2022 ";
      rest = trim_blanks(rest.substr(2));
    }
    inline_text(rest, out);
  }

 private:
  /// Inline marks of `s` removed into `out`.
  void inline_text(std::string_view s, std::string& out) {
    std::size_t i = 0;
    while (i < s.size()) {
      const char ch = s[i];
      if (ch == '\\' && i + 1 < s.size() && is_punct(s[i + 1])) {  // an escape
        out += s[i + 1];
        i += 2;
        ++c_.other;
        ++signals;
        continue;
      }
      if (ch == '!' && i + 1 < s.size() && s[i + 1] == '[') {  // an image: its alt text
        std::string_view text;
        std::size_t end = 0;
        if (link_at(s, i + 1, text, end)) {
          inline_text(text, out);
          i = end;
          ++c_.links;
          ++signals;
          continue;
        }
      }
      if (ch == '[') {
        std::string_view text;
        std::size_t end = 0;
        if (link_at(s, i, text, end)) {
          if (text.empty()) out.append(url_);
          else inline_text(text, out);
          i = end;
          ++c_.links;
          signals += 2;  // so is "[text](url)"
          continue;
        }
      }
      if (ch == '<') {  // an autolink: <https://…>, <mailto:…>, <name@host>
        const std::size_t close = s.find('>', i + 1);
        if (close != std::string_view::npos) {
          std::string_view inner = s.substr(i + 1, close - i - 1);
          const bool url = inner.starts_with("http://") || inner.starts_with("https://") ||
                           inner.starts_with("mailto:") ||
                           (inner.find('@') != std::string_view::npos && inner.find('.') != std::string_view::npos);
          if (url && inner.find(' ') == std::string_view::npos && !inner.empty()) {
            if (inner.starts_with("mailto:")) inner.remove_prefix(7);
            out.append(inner);
            i = close + 1;
            ++c_.links;
            ++signals;
            continue;
          }
        }
      }
      if (ch == '*' || ch == '_' || ch == '`' || ch == '~') {
        std::size_t run = 1;
        while (i + run < s.size() && s[i + run] == ch) ++run;
        // "*** Slajd 3 ***", "~~~", "___": runs of three or more are text; "~" alone too.
        const bool mark = ch == '`' ? run == 1 : ch == '~' ? run == 2 : run <= 2;
        if (mark && emphasis_at(s, i, run, out)) continue;
        out.append(s.substr(i, run));
        i += run;
        continue;
      }
      out += ch;
      ++i;
    }
  }

  /// "[text](url)", "[text](url "title")", "[text][ref]" at s[i] == '['; `text` the link's
  /// text, `end` the index after it, url_ its URL.
  bool link_at(std::string_view s, std::size_t i, std::string_view& text, std::size_t& end) {
    int depth = 0;
    std::size_t close = std::string_view::npos;
    for (std::size_t k = i; k < s.size(); ++k) {
      if (s[k] == '\\') {
        ++k;
        continue;
      }
      if (s[k] == '[') ++depth;
      if (s[k] == ']' && --depth == 0) {
        close = k;
        break;
      }
    }
    if (close == std::string_view::npos || close + 1 >= s.size()) return false;
    text = s.substr(i + 1, close - i - 1);
    const char open = s[close + 1];
    if (open == '[') {  // a reference link
      const std::size_t e = s.find(']', close + 2);
      if (e == std::string_view::npos || s.substr(close + 2, e - close - 2).find(' ') != std::string_view::npos)
        return false;
      url_ = {};
      end = e + 1;
      return !text.empty();
    }
    if (open != '(') return false;
    std::size_t k = close + 2;
    const std::size_t url_start = k;
    int parens = 0;
    while (k < s.size() && !is_blank(s[k]) && (s[k] != ')' || parens > 0)) {
      if (s[k] == '(') ++parens;
      if (s[k] == ')') --parens;
      ++k;
    }
    url_ = s.substr(url_start, k - url_start);
    if (k < s.size() && is_blank(s[k])) {  // a title: "…"
      while (k < s.size() && is_blank(s[k])) ++k;
      if (k < s.size() && (s[k] == '"' || s[k] == '\'')) {
        const std::size_t q = s.find(s[k], k + 1);
        if (q == std::string_view::npos) return false;
        k = q + 1;
        while (k < s.size() && is_blank(s[k])) ++k;
      }
    }
    if (k >= s.size() || s[k] != ')' || url_.empty()) return false;
    end = k + 1;
    return true;
  }

  /// Emphasis or code opened by the `run` marks at s[i]: its content (marks removed) into
  /// `out`, i moved past the closing marks. A mark opens before a non-blank and not inside a
  /// word ('_' and single '*'), and closes after a non-blank and before no word.
  bool emphasis_at(std::string_view s, std::size_t& i, std::size_t run, std::string& out) {
    const char ch = s[i];
    const std::size_t from = i + run;
    if (from >= s.size() || is_blank(s[from])) return false;
    const bool strict = ch == '_' || (ch == '*' && run == 1);
    if (strict && i > 0 && is_word(s[i - 1])) return false;
    const std::string marks(run, ch);
    // "________" (a signature line), "*****" (a separator): marks with no word between
    // them are text.
    for (std::size_t k = s.find(marks, from); k != std::string_view::npos; k = s.find(marks, k + 1)) {
      if (k == from || is_blank(s[k - 1])) continue;
      if (s[k - 1] == ch) continue;  // inside a longer run: not this close
      const std::size_t after = k + run;
      if (after < s.size() && s[after] == ch) continue;  // a longer run: not this close
      if (strict && after < s.size() && is_word(s[after])) continue;
      std::string_view inner = s.substr(from, k - from);
      bool word = false;
      for (char w : inner) word = word || is_word(w);
      if (!word) return false;
      if (ch == '`') {
        out.append(s.substr(from, k - from));
      } else {
        inline_text(s.substr(from, k - from), out);
      }
      i = after;
      ++c_.emphases;
      if (!(ch == '*' && run == 1) && ch != '_') ++signals;  // "**", "__", "`", "~~"
      else if (ch == '_' && run == 2) ++signals;
      return true;
    }
    return false;
  }

  /// A rule of `rule` characters under the line `above` is its underline: not longer than
  /// the line by more than a third (at least 3), and the line is no menu of '|' items.
  static bool underlines(std::size_t rule, std::string_view above) {
    std::size_t chars = 0, bars = 0;
    for (char ch : above) {
      chars += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
      bars += ch == '|';
    }
    return rule <= chars + std::max<std::size_t>(3, chars / 3) && bars < 2;
  }

  MarkdownCounts& c_;
  bool fence_ = false;
  std::string_view previous_;  ///< the line before (trimmed), when it was not blank
  bool previous_text_ = false;  ///< the line before was not blank (a setext underline's text)
  std::string_view url_;
};

}  // namespace

std::optional<std::string> markdown_to_text(std::string_view text, MarkdownCounts& counts) {
  counts = {};
  // Nothing Markdown marks a page with: the page as it is (the usual case, checked fast).
  if (text.find("](") == std::string_view::npos && text.find("**") == std::string_view::npos &&
      text.find("__") == std::string_view::npos && text.find('#') == std::string_view::npos &&
      text.find('\\') == std::string_view::npos && text.find("```") == std::string_view::npos &&
      text.find("---") == std::string_view::npos && text.find('`') == std::string_view::npos &&
      text.find("===") == std::string_view::npos)
    return std::nullopt;
  MarkdownCounts c;
  Converter conv(c);
  std::string out;
  out.reserve(text.size());
  // Jina Reader's header ("Title: …", "URL Source: …", "Published Time: …", then "Markdown
  // Content:" over the page): the scraper's, not the page's; its lines are left empty.
  std::size_t header_end = 0;
  if (text.starts_with("Title: ")) {
    const std::size_t m = text.find("\nMarkdown Content:");
    if (m != std::string_view::npos && std::count(text.begin(), text.begin() + m, '\n') < 12) {
      header_end = text.find('\n', m + 1);
      if (header_end == std::string_view::npos) header_end = text.size();
      c.other += 1;
      conv.signals += 2;
    }
  }
  std::size_t b = 0;
  while (b <= text.size()) {
    std::size_t e = text.find('\n', b);
    if (e == std::string_view::npos) e = text.size();
    if (e > header_end) conv.line(text.substr(b, e - b), out);
    if (e == text.size()) break;
    out += '\n';
    b = e + 1;
  }
  if (conv.signals < 2) return std::nullopt;
  counts = c;
  return out;
}

namespace {

/// A link number "[14]" at s[i] == '[' (one to four digits): its value, and `end` after ']'.
bool link_number_at(std::string_view s, std::size_t i, unsigned& n, std::size_t& end) {
  std::size_t k = i + 1;
  n = 0;
  while (k < s.size() && k - i <= 4 && s[k] >= '0' && s[k] <= '9') n = n * 10 + unsigned(s[k++] - '0');
  if (k == i + 1 || k >= s.size() || s[k] != ']') return false;
  end = k + 1;
  return true;
}

/// The character before s[i] is a letter or a digit: "tekst[1]" is a footnote, not a link.
bool after_word(std::string_view s, std::size_t i) {
  if (i == 0) return false;
  const auto b = static_cast<unsigned char>(s[i - 1]);
  if (b < 0x80) return is_word(s[i - 1]);
  std::size_t k = i - 1;
  while (k > 0 && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
  const auto lead = static_cast<unsigned char>(s[k]);
  return lead >= 0xC3 && lead <= 0xC5;  // U+00C0–U+017F: Latin letters, Polish ones among them
}

/// lynx's placeholders for what has no text: an image without alt text, a button.
constexpr std::string_view k_lynx_placeholders[] = {"[IMG]", "[INLINE]", "[LINK]", "[BUTTON]",
                                                    "[EMBED]", "(BUTTON)"};

/// The heading of lynx's closing list of URLs, in its English and Polish messages.
bool is_reference_heading(std::string_view t) {
  for (std::string_view h : {"References", "Odnośniki", "Visible links:", "Hidden links:",
                             "Visible links", "Hidden links"})
    if (t == h) return true;
  return false;
}

/// "   3. https://www.dobrepraktyki.pl/": an entry of that list (a number, ". ", a URL).
bool is_reference_entry(std::string_view t) {
  std::size_t k = 0;
  while (k < t.size() && t[k] >= '0' && t[k] <= '9') ++k;
  if (k == 0 || k + 2 >= t.size() || t[k] != '.' || t[k + 1] != ' ') return false;
  const std::string_view url = t.substr(k + 2);
  return url.find(' ') == std::string_view::npos && url.find(':') != std::string_view::npos;
}

}  // namespace

std::optional<std::string> lynx_to_text(std::string_view text, LynxCounts& counts) {
  counts = {};
  if (text.find('[') == std::string_view::npos) return std::nullopt;
  // Link numbers glued to their link's text, and how many run up the page.
  std::size_t marks = 0, rising = 0;
  unsigned previous = 0;
  for (std::size_t i = text.find('['); i != std::string_view::npos; i = text.find('[', i + 1)) {
    unsigned n = 0;
    std::size_t end = 0;
    if (!link_number_at(text, i, n, end) || end >= text.size() || after_word(text, i)) continue;
    const char next = text[end];
    if (is_blank(next) || next == '\n' || next == ':' || next == ']') continue;
    ++marks;
    rising += n > previous;
    previous = n;
  }
  if (marks < 3 || rising * 5 < marks * 4) return std::nullopt;
  // The closing list: its heading, then numbered URLs (and blank lines) to its end.
  std::size_t list_begin = std::string_view::npos, list_end = 0, references = 0;
  {
    std::size_t b = 0;
    std::size_t heading = std::string_view::npos;
    while (b < text.size()) {
      std::size_t e = text.find('\n', b);
      if (e == std::string_view::npos) e = text.size();
      const std::string_view t = trim_blanks(text.substr(b, e - b));
      if (is_reference_heading(t)) {
        if (heading == std::string_view::npos) heading = b;
      } else if (heading != std::string_view::npos && is_reference_entry(t)) {
        ++references;
        list_begin = std::min(list_begin, heading);
        list_end = e;
      } else if (!t.empty() && heading != std::string_view::npos) {
        if (list_begin == std::string_view::npos) heading = std::string_view::npos;
        else break;
      }
      b = e + 1;
    }
  }
  if (references == 0 && marks < 6) return std::nullopt;
  LynxCounts c;
  c.references = references;
  std::string out;
  out.reserve(text.size());
  std::size_t b = 0;
  while (b <= text.size()) {
    std::size_t e = text.find('\n', b);
    if (e == std::string_view::npos) e = text.size();
    if (b >= list_begin && e <= list_end) {  // the list of URLs: an empty line
    } else {
      const std::string_view s = text.substr(b, e - b);
      const std::size_t from = out.size();
      bool removed = false;
      for (std::size_t i = 0; i < s.size();) {
        std::size_t end = 0;
        unsigned n = 0;
        if (s[i] == '[' && link_number_at(s, i, n, end) && !after_word(s, i)) {
          i = end;
          ++c.marks;
          removed = true;
          continue;
        }
        if (s[i] == '[' || s[i] == '(') {
          bool placeholder = false;
          for (std::string_view p : k_lynx_placeholders)
            if (s.substr(i).starts_with(p)) {
              i += p.size();
              ++c.marks;
              removed = placeholder = true;
              break;
            }
          if (placeholder) continue;
        }
        out += s[i++];
      }
      if (removed)
        while (out.size() > from && is_blank(out.back())) out.pop_back();
    }
    if (e == text.size()) break;
    out += '\n';
    b = e + 1;
  }
  counts = c;
  return out;
}

}  // namespace bdp
