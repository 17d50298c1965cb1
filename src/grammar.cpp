// Grammar files: a tiny line format (see grammar.h) parsed into sections of entries.
// Embedded files come from the generated embedded_data.cpp; --grammars DIR replaces them by
// name. Parsing never throws: problems become GrammarErrors with origin and line.
#include "bdp/grammar.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <unicode/uchar.h>

#include "bdp/text.h"

namespace bdp::detail {
std::span<const std::pair<std::string_view, std::string_view>> embedded_files();
}

namespace bdp {

namespace {

constexpr std::string_view k_extension = ".grammar";

bool is_grammar_name(std::string_view name) {
  return name.size() > k_extension.size() && name.ends_with(k_extension);
}

void sort_by_name(std::vector<GrammarFile>& files) {
  std::sort(files.begin(), files.end(),
            [](const GrammarFile& a, const GrammarFile& b) { return a.name < b.name; });
}

}  // namespace

const GrammarSection* GrammarFile::section(std::string_view wanted) const {
  for (const auto& s : sections)
    if (s.name == wanted) return &s;
  return nullptr;
}

std::string GrammarError::to_string() const {
  return line > 0 ? fmt::format("{}:{}: {}", origin, line, message)
                  : fmt::format("{}: {}", origin, message);
}

GrammarFile parse_grammar(std::string name, std::string origin, std::string_view text,
                          std::vector<GrammarError>& errors) {
  GrammarFile file{std::move(name), std::move(origin), {}};
  file.sections.push_back({"", {}});
  int line_no = 0;
  std::size_t pos = 0;
  if (text.starts_with("\xEF\xBB\xBF")) pos = 3;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view raw = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    std::string_view line = trim(raw);
    if (line.empty() || line.front() == '#') {
      if (end == text.size()) break;
      continue;
    }
    if (line.front() == '[') {
      if (line.back() != ']' || line.size() < 3) {
        errors.push_back({file.origin, line_no, fmt::format("malformed section header '{}'", line)});
      } else {
        std::string sec(trim(line.substr(1, line.size() - 2)));
        auto it = std::find_if(file.sections.begin(), file.sections.end(),
                               [&](const GrammarSection& s) { return s.name == sec; });
        if (it != file.sections.end()) {
          // Reopening a section appends to it, so rules may be grouped freely.
          std::rotate(it, it + 1, file.sections.end());
        } else {
          file.sections.push_back({sec, {}, line_no});
        }
      }
    } else {
      GrammarEntry e;
      e.line = line_no;
      std::size_t eq = line.starts_with("= ") ? 0 : line.find(" = ");
      if (eq == 0 && line.starts_with("= ")) {
        errors.push_back({file.origin, line_no, "entry has an empty key before ' = '"});
        if (end == text.size()) break;
        continue;
      }
      if (eq == std::string_view::npos) {
        e.key = std::string(line);
      } else {
        e.key = std::string(trim(line.substr(0, eq)));
        e.value = std::string(trim(line.substr(eq + 3)));
        if (e.key.empty()) {
          errors.push_back({file.origin, line_no, "entry has an empty key before ' = '"});
          if (end == text.size()) break;
          continue;
        }
      }
      file.sections.back().entries.push_back(std::move(e));
    }
    if (end == text.size()) break;
  }
  return file;
}

Grammars Grammars::embedded() {
  Grammars g;
  std::vector<GrammarError> errors;
  for (const auto& [name, data] : detail::embedded_files()) {
    if (!is_grammar_name(name)) continue;
    g.files_.push_back(
        parse_grammar(std::string(name), "embedded:" + std::string(name), data, errors));
  }
  // The embedded grammars are tested at build time; errors here would be a build defect.
  sort_by_name(g.files_);
  return g;
}

Grammars Grammars::with_overrides(const std::filesystem::path& dir,
                                  std::vector<GrammarError>& errors) {
  Grammars g = embedded();
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    errors.push_back({dir.string(), 0, "not a directory"});
    return g;
  }
  // In name order, so errors come in the same order on every file system.
  std::vector<std::filesystem::directory_entry> listed;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) listed.push_back(entry);
  std::sort(listed.begin(), listed.end(),
            [](const auto& a, const auto& b) { return a.path().filename() < b.path().filename(); });
  for (const auto& entry : listed) {
    std::string name = entry.path().filename().string();
    if (!is_grammar_name(name) || !entry.is_regular_file(ec)) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    if (!in) {
      errors.push_back({entry.path().string(), 0, "cannot read"});
      continue;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    GrammarFile f = parse_grammar(name, entry.path().string(), ss.str(), errors);
    auto it = std::find_if(g.files_.begin(), g.files_.end(),
                           [&](const GrammarFile& x) { return x.name == name; });
    if (it == g.files_.end()) {
      std::string known;
      for (const auto& x : g.files_) known += (known.empty() ? "" : ", ") + x.name;
      errors.push_back({f.origin, 0, fmt::format("no grammar of this name (known: {})", known)});
      continue;
    }
    // The embedded file is the schema: a section it does not have is read by no stage.
    for (const auto& sec : f.sections) {
      if (sec.entries.empty() && sec.line == 0) continue;
      if (it->section(sec.name)) continue;
      std::string known;
      for (const auto& x : it->sections)
        if (!x.name.empty()) known += (known.empty() ? "[" : ", [") + x.name + "]";
      errors.push_back(
          {f.origin, sec.line ? sec.line : sec.entries.front().line,
           sec.name.empty() ? fmt::format("entries before any [section] (sections: {})", known)
                            : fmt::format("unknown section [{}] (sections: {})", sec.name, known)});
    }
    *it = std::move(f);
  }
  if (ec) errors.push_back({dir.string(), 0, ec.message()});
  sort_by_name(g.files_);
  return g;
}

std::string Grammars::origin(std::string_view name) const {
  const GrammarFile* f = file(name);
  return f ? f->origin : "embedded:" + std::string(name);
}

const GrammarFile* Grammars::file(std::string_view name) const {
  for (const auto& f : files_)
    if (f.name == name) return &f;
  return nullptr;
}

std::span<const GrammarEntry> Grammars::entries(std::string_view name,
                                                std::string_view section) const {
  const GrammarFile* f = file(name);
  if (!f) return {};
  const GrammarSection* s = f->section(section);
  if (!s) return {};
  return s->entries;
}

GrammarError Grammars::error_at(std::string_view name, const GrammarEntry& entry,
                                std::string message) const {
  const GrammarFile* f = file(name);
  return {f ? f->origin : std::string(name), entry.line, std::move(message)};
}

namespace {

enum class CharClass { letter, upper, lower, number };

/// The class body (no brackets) of the code points of Latin, Greek and Cyrillic blocks in
/// `which`, from ICU's character data, as `\x{..}-\x{..}` ranges.
std::string class_body(CharClass which) {
  std::string out;
  auto wanted = [which](UChar32 c) {
    switch (which) {
      case CharClass::letter: return (U_GET_GC_MASK(c) & U_GC_L_MASK) != 0;
      case CharClass::upper: return u_charType(c) == U_UPPERCASE_LETTER;
      case CharClass::lower: return u_charType(c) == U_LOWERCASE_LETTER;
      case CharClass::number: return (U_GET_GC_MASK(c) & U_GC_N_MASK) != 0;
    }
    return false;
  };
  for (auto [lo, hi] : {std::pair<UChar32, UChar32>{0, 0x52F}, {0x1E00, 0x1EFF}}) {
    for (UChar32 c = lo; c <= hi; ++c) {
      if (!wanted(c)) continue;
      UChar32 end = c;
      while (end < hi && wanted(end + 1)) ++end;
      out += end == c ? fmt::format("\\x{{{:x}}}", c)
                      : fmt::format("\\x{{{:x}}}-\\x{{{:x}}}", c, end);
      c = end;
    }
  }
  return out;
}

const std::string& cached_body(CharClass which) {
  static const std::string bodies[] = {class_body(CharClass::letter), class_body(CharClass::upper),
                                       class_body(CharClass::lower), class_body(CharClass::number)};
  return bodies[static_cast<int>(which)];
}

}  // namespace

std::string narrow_unicode_classes(std::string_view p) {
  static constexpr std::pair<std::string_view, CharClass> k_names[] = {
      {"\\pL", CharClass::letter},      {"\\p{L}", CharClass::letter},
      {"\\p{Lu}", CharClass::upper},    {"\\p{Ll}", CharClass::lower},
      {"\\pN", CharClass::number},      {"\\p{N}", CharClass::number},
  };
  std::string out;
  out.reserve(p.size());
  bool in_class = false;
  std::size_t class_start = 0;  // index in `out` just after '[' or '[^'
  for (std::size_t i = 0; i < p.size();) {
    char c = p[i];
    if (c == '\\' && i + 1 < p.size()) {
      bool replaced = false;
      for (const auto& [name, which] : k_names) {
        if (p.substr(i).starts_with(name)) {
          const std::string& body = cached_body(which);
          if (!in_class) out.push_back('[');
          out += body;
          if (!in_class) out.push_back(']');
          i += name.size();
          replaced = true;
          break;
        }
      }
      if (!replaced) {  // any other escape is copied whole, so `\[` and `\\` stay literal
        out.append(p.substr(i, 2));
        i += 2;
      }
      continue;
    }
    if (in_class) {
      if (c == '[' && i + 1 < p.size() && p[i + 1] == ':') {  // [:alpha:] inside a class
        std::size_t end = p.find(":]", i + 2);
        std::size_t n = end == std::string_view::npos ? p.size() - i : end + 2 - i;
        out.append(p.substr(i, n));
        i += n;
        continue;
      }
      if (c == ']' && out.size() > class_start) in_class = false;  // `[]...]`: literal first ]
    } else if (c == '[') {
      in_class = true;
      out.push_back(c);
      ++i;
      if (i < p.size() && p[i] == '^') {
        out.push_back('^');
        ++i;
      }
      class_start = out.size();
      continue;
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

std::string_view embedded_resource(std::string_view name) {
  for (const auto& [n, data] : detail::embedded_files())
    if (n == name) return data;
  return {};
}

}  // namespace bdp
