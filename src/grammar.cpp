// Grammar files: a tiny line format (see grammar.h) parsed into sections of entries.
// Embedded files come from the generated embedded_data.cpp; --grammars DIR replaces them by
// name. Parsing never throws: problems become GrammarErrors with origin and line.
#include "bdp/grammar.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

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
          file.sections.push_back({sec, {}});
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
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
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
    if (it != g.files_.end())
      *it = std::move(f);
    else
      g.files_.push_back(std::move(f));
  }
  if (ec) errors.push_back({dir.string(), 0, ec.message()});
  sort_by_name(g.files_);
  return g;
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

std::string_view embedded_resource(std::string_view name) {
  for (const auto& [n, data] : detail::embedded_files())
    if (n == name) return data;
  return {};
}

}  // namespace bdp
