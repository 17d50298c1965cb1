// Reading stage: bytes of a scraped page → decoded UTF-8 text with provenance.
//
// Detection order: a BOM (UTF-8, UTF-16 LE/BE) wins; then strict UTF-8 validation; then ICU's
// charset detector limited to the encodings Polish sites use (windows-1250, ISO-8859-2, plus
// UTF-16 without BOM); the choice between windows-1250 and ISO-8859-2 is settled by the bytes
// where they differ (ą ś ź Ą Ś Ź). The text is converted to UTF-8, NFC-normalised, CRLF/CR
// become LF. NBSP and other Unicode spaces are kept, so parsers can tell them apart; the
// record writer normalises them in output strings.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bdp/diagnostic.h"
#include "bdp/text.h"

namespace bdp {

/// A decoded page and where it came from.
struct SourcePage {
  std::string path;               ///< as given on the command line ("-" for stdin)
  std::uint64_t bytes = 0;        ///< size of the raw input
  std::string sha256;             ///< hex SHA-256 of the raw input
  std::string encoding;           ///< "UTF-8", "UTF-16LE", "windows-1250", "ISO-8859-2", …
  double encoding_confidence = 1; ///< 1 for BOM/valid UTF-8, ICU's confidence otherwise
  std::string text;               ///< UTF-8, NFC, '\n' line ends
  std::vector<Diagnostic> diagnostics;  ///< e.g. `source.encoding_guessed`

  /// Number of lines (a final line without '\n' counts; an empty text has 0 lines).
  std::size_t line_count() const { return line_starts_.size(); }
  /// Line `i` (0-based), without its '\n'. Inline: the stages ask for lines many times a page.
  std::string_view line(std::size_t i) const {
    const std::size_t b = line_starts_[i];
    std::size_t e = i + 1 < line_starts_.size() ? line_starts_[i + 1] - 1 : text.size();
    if (e > b && text[e - 1] == '\n') --e;  // the final line's own '\n'
    return std::string_view(text.data() + b, e - b);
  }
  /// text_hash(line(i)), computed at the first ask and kept until index_lines(): the stages'
  /// memos of what a line's text gives (boilerplate, classify) key on it, so a line is hashed
  /// once a page, not once a stage. Not for concurrent use (a page is one thread's at a time).
  std::uint64_t line_hash(std::size_t i) const {
    if (line_hashes_.size() != line_starts_.size()) line_hashes_.assign(line_starts_.size(), 0);
    std::uint64_t& h = line_hashes_[i];
    if (h == 0) h = text_hash(line(i));
    return h;
  }
  /// Rebuilds the line index after `text` changed.
  void index_lines();

  /// Where each line of the file went when the reflow stage (reflow.h) rewrote `text`: the
  /// line of `text` (0-based) that holds it, the byte of that line where its text starts, and
  /// the code points of indentation taken off it. Empty when `text` has the file's lines.
  struct FileLine {
    std::uint32_t line = 0;
    std::uint32_t offset = 0;
    std::uint32_t dedent = 0;
  };
  std::vector<FileLine> file_lines;
  /// The lines (0-based, of `text`) that a form feed put on a new page: pdftotext's page
  /// breaks, a deck's slides or a document's pages. Empty for most pages.
  std::vector<std::uint32_t> page_breaks;
  /// Lines of the file (the record's `source.line_count`): line_count() unless reflowed.
  std::size_t file_line_count() const {
    return file_lines.empty() ? line_count() : file_lines.size();
  }

 private:
  std::vector<std::uint32_t> line_starts_;
  mutable std::vector<std::uint64_t> line_hashes_;  // line_hash; 0: not computed yet
};

/// Decodes raw bytes. Never fails: undecodable bytes become U+FFFD and a diagnostic says so.
SourcePage decode_page(std::string path, std::string_view raw);
/// The same, taking the bytes: UTF-8 text that needs no repair becomes the page's text without
/// a copy (a reader's buffer, std::move'd in).
SourcePage decode_page(std::string path, std::string raw);
/// The same (a literal would fit both of the above).
SourcePage decode_page(std::string path, const char* raw);

/// decode_page's fast paths (a SIMD check that the bytes are valid UTF-8 before they are read
/// one by one) give what the plain way of working gives. For tests: `false` turns them off,
/// which must change no result. Default on; process-wide.
void set_source_fast_paths(bool on);

/// Hex SHA-256 (OpenSSL) of `data`.
std::string sha256_hex(std::string_view data);

/// Why an input could not be read.
struct ReadError {
  std::string code;     ///< `input.missing`, `input.unreadable`, `input.too_large`, `input.not_file`,
                        ///< `input.loop`, `input.no_pages` (a directory without *.txt)
  std::string message;
};

/// Reads a whole file ("-" = stdin) up to `max_bytes`. The I/O seam of the reading stage.
/// Returns the bytes, or nullopt with `err` filled.
std::optional<std::string> read_input(const std::string& path, std::uint64_t max_bytes,
                                      ReadError& err);

/// Expands command-line inputs: directories are walked recursively for `*.txt` (sorted,
/// symlink loops reported, not followed twice); other paths are passed through.
/// Problems go to `errors` as (path, ReadError).
std::vector<std::string> expand_inputs(const std::vector<std::string>& args,
                                       std::vector<std::pair<std::string, ReadError>>& errors);

}  // namespace bdp
