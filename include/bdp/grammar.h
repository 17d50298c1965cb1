// Grammar files: the rules of every stage, kept as data in grammars/.
//
// A grammar file is UTF-8 text, one entry per line:
//
//     # comment (a line whose first non-blank character is '#')
//     [section]
//     key = value        (split at the first " = ")
//     bare value         (key is the whole line, value empty)
//
// Leading/trailing blanks are trimmed. Files are embedded into the binary at build time;
// `with_overrides(dir)` replaces embedded files by the files of the same name in `dir`.
// Each stage compiles the sections it needs once per process (see `compile_*` functions of
// the stages) and reports problems as `GrammarError`s naming file and line.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bdp {

/// One entry of a grammar section; `line` is 1-based in its file.
struct GrammarEntry {
  std::string key;
  std::string value;
  int line = 0;
};

/// A `[section]` of a grammar file, entries in file order.
struct GrammarSection {
  std::string name;
  std::vector<GrammarEntry> entries;
  int line = 0;  ///< of its first `[name]` header; 0 for the entries before any header
};

/// A parsed grammar file. `origin` is where it came from (`embedded:units.grammar` or a path).
struct GrammarFile {
  std::string name;
  std::string origin;
  std::vector<GrammarSection> sections;

  /// The section called `name`, or nullptr.
  const GrammarSection* section(std::string_view name) const;
};

/// A problem in a grammar file: `origin:line: message`.
struct GrammarError {
  std::string origin;
  int line = 0;
  std::string message;

  std::string to_string() const;
};

/// Parses grammar text. Malformed lines (an unterminated `[section`, an empty key before
/// " = ") are reported in `errors` and skipped.
GrammarFile parse_grammar(std::string name, std::string origin, std::string_view text,
                          std::vector<GrammarError>& errors);

/// The set of grammar files a run uses.
class Grammars {
 public:
  /// The files embedded at build time.
  static Grammars embedded();
  /// The embedded files, with each `*.grammar` file of `dir` replacing the embedded file of the
  /// same name. Unreadable files, parse errors, a file whose name no embedded file has and a
  /// section its embedded file does not have (a misspelling the stages would ignore) go to
  /// `errors`.
  static Grammars with_overrides(const std::filesystem::path& dir,
                                 std::vector<GrammarError>& errors);

  /// The file called `name` (e.g. "metryka.grammar"), or nullptr.
  const GrammarFile* file(std::string_view name) const;
  /// Entries of `section` in file `name`; empty when either is missing.
  std::span<const GrammarEntry> entries(std::string_view name, std::string_view section) const;
  /// Where file `name` comes from (its path when overridden), for errors about the whole file.
  std::string origin(std::string_view name) const;
  /// An error located at `entry` of file `name`.
  GrammarError error_at(std::string_view name, const GrammarEntry& entry,
                        std::string message) const;
  /// All files, in name order.
  const std::vector<GrammarFile>& files() const { return files_; }

 private:
  std::vector<GrammarFile> files_;
};

/// A grammar pattern made cheap to compile: `\pL`/`\p{L}`, `\p{Lu}`, `\p{Ll}` and
/// `\pN`/`\p{N}` become explicit classes of the letters (or numbers) of U+0000–U+052F and
/// U+1E00–U+1EFF — Latin, Greek, Cyrillic — inside or outside brackets. RE2 compiles
/// `\pL` into an automaton for every script, ~100 times slower than the explicit class,
/// and the grammars hold over a hundred of them; a Chinese or Arabic letter does not count
/// as a letter for the rules (none is expected on Polish municipal pages). Every stage
/// passes its patterns through this before building an RE2.
std::string narrow_unicode_classes(std::string_view pattern);

/// Bytes of a resource embedded at build time (`record.schema.json`, a grammar file), or an
/// empty view when there is none of that name.
std::string_view embedded_resource(std::string_view name);

}  // namespace bdp
