// `bdp-ingest diff OLD NEW`: compares two snapshots by practice id. Each side becomes a
// seekable FILE* of JSON Lines first: a JSONL file is read in place (a pipe or stdin is copied
// to a temp file, since the second pass reads records back by offset), pages (a directory, a
// .txt or .html file, or @LIST naming one page per line) are ingested into a temp file. The rest is
// bdp/diff.h; this file only does the I/O and turns the outcome into diff(1)'s exit codes.
#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "bdp/diff.h"
#include "bdp/grammar.h"
#include "bdp/text.h"
#include "common.h"

namespace bdp::cli {
namespace {

struct DiffArgs {
  std::string old_side, new_side;
  std::vector<std::string> ignore, only;
  bool no_default_ignores = false;
  std::string format = "text";
  bool stat = false;
  bool word_diff = false;
  std::string colour = "auto";
  std::string output;
  int jobs = 0;
};

struct FileCloser {
  void operator()(std::FILE* f) const {
    if (f) std::fclose(f);
  }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

/// Copies the rest of `in` into a fresh temp file (for stdin and pipes).
FilePtr spool(std::FILE* in, const std::string& name) {
  FilePtr tmp(std::tmpfile());
  if (!tmp) {
    fmt::print(stderr, "{}: cannot create a temp file: {}\n", name, std::strerror(errno));
    return nullptr;
  }
  char buf[1 << 16];
  std::size_t got;
  while ((got = std::fread(buf, 1, sizeof buf, in)) > 0)
    if (std::fwrite(buf, 1, got, tmp.get()) != got) {
      fmt::print(stderr, "{}: cannot write a temp file: {}\n", name, std::strerror(errno));
      return nullptr;
    }
  if (std::ferror(in)) {
    fmt::print(stderr, "{}: read error: {}\n", name, std::strerror(errno));
    return nullptr;
  }
  return tmp;
}

class SideLoader {
 public:
  SideLoader(const GlobalOptions& g, int jobs) : g_(g), jobs_(jobs) {}

  /// The side as seekable JSON Lines, or null after printing why not. `trouble` is set when
  /// some page could not be read (the side is still usable).
  FilePtr open(const std::string& side, bool& trouble) {
    if (side == "-") return spool(stdin, "<stdin>");
    if (!side.empty() && side[0] == '@') return ingest({}, side.substr(1), side, trouble);
    struct stat st{};
    if (::stat(side.c_str(), &st) != 0) {
      fmt::print(stderr, "{}: {}\n", side, std::strerror(errno));
      return nullptr;
    }
    if (S_ISDIR(st.st_mode) || ends_with(side, ".txt") || ends_with(side, ".html") ||
        ends_with(side, ".htm"))
      return ingest({side}, "", side, trouble);
    FilePtr f(std::fopen(side.c_str(), "rb"));
    if (!f) {
      fmt::print(stderr, "{}: {}\n", side, std::strerror(errno));
      return nullptr;
    }
    if (!S_ISREG(st.st_mode)) return spool(f.get(), side);  // e.g. <(zcat old.jsonl.gz)
    return f;
  }

 private:
  FilePtr ingest(const std::vector<std::string>& args, const std::string& files_from,
                 const std::string& name, bool& trouble) {
    if (!pipeline_) {
      pipeline_ = load_pipeline(g_);
      if (!pipeline_) return nullptr;
    }
    InputList inputs = collect_inputs(args, files_from);
    for (const auto& [path, err] : inputs.failed) {
      report_read_error(path, err);
      trouble = true;
    }
    FilePtr tmp(std::tmpfile());
    if (!tmp) {
      fmt::print(stderr, "{}: cannot create a temp file: {}\n", name, std::strerror(errno));
      return nullptr;
    }
    bool write_ok = true;
    for_each_page(*pipeline_, inputs.paths, jobs_, k_default_max_bytes, [&](PageOutcome& o) {
      if (!o.result) {
        report_read_error(o.path, o.error);
        trouble = true;
        return true;
      }
      std::string line = write_record(*o.result);
      line += '\n';
      write_ok = std::fwrite(line.data(), 1, line.size(), tmp.get()) == line.size();
      return write_ok;
    });
    if (!write_ok || std::fflush(tmp.get()) != 0) {
      fmt::print(stderr, "{}: cannot write a temp file: {}\n", name, std::strerror(errno));
      return nullptr;
    }
    return tmp;
  }

  const GlobalOptions& g_;
  int jobs_;
  std::unique_ptr<Pipeline> pipeline_;
};

/// Prints diagnostics from `from` on, at most k_max_shown of one code per snapshot (then how
/// many more); true when any of them is an error.
bool report(const std::vector<SnapshotDiagnostic>& diags, std::size_t from, bool quiet) {
  constexpr std::size_t k_max_shown = 10;
  bool error = false;
  std::map<std::pair<std::string, std::string>, std::size_t> seen;
  for (std::size_t i = from; i < diags.size(); ++i) {
    bool is_error = diags[i].diagnostic.severity == Severity::error;
    error |= is_error;
    if (!is_error && quiet) continue;
    std::size_t n = ++seen[{diags[i].origin, diags[i].diagnostic.code}];
    if (n <= k_max_shown) fmt::print(stderr, "{}\n", printable(format_diagnostic(diags[i])));
  }
  for (const auto& [key, n] : seen)
    if (n > k_max_shown)
      fmt::print(stderr, "{}: … and {} more {} diagnostics\n", key.first, n - k_max_shown, key.second);
  return error;
}

/// A side that gave no record although it had lines (all malformed: a gzip file, a binary, a
/// page file under a .jsonl name) is no snapshot: comparing it would report every practice
/// of the other side as added or removed.
bool unusable(const Snapshot& snap, const std::vector<SnapshotDiagnostic>& diags) {
  if (!snap.records().empty()) return false;
  std::size_t bad = 0;
  for (const auto& d : diags)
    if (d.origin == snap.origin() && d.diagnostic.severity == Severity::error) ++bad;
  if (bad == 0) return false;
  fmt::print(stderr, "bdp-ingest diff: {}: no record could be read ({} bad line{}){}\n",
             snap.origin(), bad, bad == 1 ? "" : "s",
             snap.origin().ends_with(".gz") ? "; decompress it first (zcat)" : "");
  return true;
}

/// Whether `path` names a field the record schema has (a typo in --only would otherwise
/// compare nothing in silence). `$ref`s are followed; an object with additionalProperties
/// (metryka.other) takes any key.
bool schema_has(const std::vector<PathSegment>& path) {
  static const nlohmann::json schema = nlohmann::json::parse(embedded_resource("record.schema.json"));
  const nlohmann::json* node = &schema;
  auto resolve = [&](const nlohmann::json* n) {
    for (int depth = 0; n && n->is_object() && n->contains("$ref") && depth < 8; ++depth) {
      std::string ref = (*n)["$ref"].get<std::string>();  // "#/$defs/name"
      const std::string prefix = "#/$defs/";
      if (!ref.starts_with(prefix) || !schema["$defs"].contains(ref.substr(prefix.size())))
        return static_cast<const nlohmann::json*>(nullptr);
      n = &schema["$defs"][ref.substr(prefix.size())];
    }
    return n;
  };
  for (const auto& seg : path) {
    node = resolve(node);
    if (!node || !node->is_object()) return false;
    if (seg.kind != PathSegment::Kind::key) {
      if (!node->contains("items")) return false;
      node = &(*node)["items"];
      continue;
    }
    if (node->contains("properties") && (*node)["properties"].contains(seg.key)) {
      node = &(*node)["properties"][seg.key];
    } else if (node->contains("additionalProperties") && (*node)["additionalProperties"].is_object()) {
      node = &(*node)["additionalProperties"];
    } else {
      return false;
    }
  }
  return true;
}

int run_diff(const DiffArgs& a, const GlobalOptions& g) {
  if (a.old_side == "-" && a.new_side == "-") {
    fmt::print(stderr, "bdp-ingest diff: only one side can be stdin\n");
    return 2;
  }
  std::string error;
  auto filter = PathFilter::create(a.ignore, a.only, !a.no_default_ignores, &error);
  if (!filter) {
    fmt::print(stderr, "bdp-ingest diff: {}\n", error);
    return 2;
  }
  for (const auto* list : {&a.only, &a.ignore})
    for (const auto& text : *list) {
      std::vector<PathSegment> path;
      if (parse_path(text, path, nullptr) && !schema_has(path))
        fmt::print(stderr, "bdp-ingest diff: warning: '{}' names no field of the record (see "
                           "`bdp-ingest schema`)\n", text);
    }
  bool trouble = false;
  SideLoader loader(g, a.jobs);
  FilePtr old_file = loader.open(a.old_side, trouble);
  if (!old_file) return 2;
  FilePtr new_file = loader.open(a.new_side, trouble);
  if (!new_file) return 2;

  std::vector<SnapshotDiagnostic> diags;
  Snapshot old_snap = Snapshot::index(old_file.get(), a.old_side, *filter, diags);
  Snapshot new_snap = Snapshot::index(new_file.get(), a.new_side, *filter, diags);
  trouble |= report(diags, 0, g.quiet);
  std::size_t reported = diags.size();
  // Both sides are checked (each reports its own trouble) before giving up.
  const bool old_unusable = unusable(old_snap, diags);
  const bool new_unusable = unusable(new_snap, diags);
  if (old_unusable || new_unusable) return 2;

  Output out(a.output);
  if (!out.ok()) {
    fmt::print(stderr, "bdp-ingest diff: {}\n", out.error());
    return 2;
  }
  DiffFormat format = a.format == "jsonl" ? DiffFormat::jsonl
                      : a.format == "csv" ? DiffFormat::csv
                                          : DiffFormat::text;
  TextStyle style;
  style.word_diff = a.word_diff;
  style.colour = a.colour == "always" ||
                 (a.colour == "auto" && is_tty(out.file()) && !std::getenv("NO_COLOR"));
  bool write_ok = true, any_practice = false;
  if (!a.stat) write_ok = out.write(format_header(format));
  DiffSummary sum = diff_snapshots(
      old_snap, new_snap, *filter,
      [&](const PracticeDiff& p) {
        any_practice = true;
        if (!a.stat) write_ok = write_ok && out.write(format_practice(p, format, style));
        return write_ok;
      },
      diags);
  trouble |= report(diags, reported, g.quiet);
  if (write_ok && (a.stat || format == DiffFormat::text))
    write_ok = out.write(format_summary(sum, format, any_practice && !a.stat));
  // A closed pipe (`| head`) is not trouble; any other write failure is.
  if ((!write_ok || !out.commit()) && !out.broken_pipe()) {
    fmt::print(stderr, "bdp-ingest diff: {}\n", out.error().empty() ? "write error" : out.error());
    return 2;
  }
  if (trouble) return 2;
  return sum.any() ? 1 : 0;
}

}  // namespace

CLI::App* add_diff_command(CLI::App& app, const GlobalOptions& g, Runner& run) {
  auto args = std::make_shared<DiffArgs>();
  CLI::App* cmd = app.add_subcommand(
      "diff",
      "Compare two snapshots practice by practice (matched by id). Exit 0: no differences, "
      "1: differences, 2: trouble.");
  cmd->add_option("OLD", args->old_side,
                  "old snapshot: a JSONL file ('-' = stdin), or pages: a directory, a .txt "
                  "or .html file, @LIST (one page path per line)")
      ->required();
  cmd->add_option("NEW", args->new_side, "new snapshot, as OLD")->required();
  cmd->add_option("--ignore", args->ignore,
                  "leave PATH and what lies below it out of the comparison (repeatable; "
                  "e.g. metryka.contacts, quantities[*].context)")
      ->type_name("PATH");
  cmd->add_option("--only", args->only,
                  "compare only PATH and what lies below it (repeatable); turns the default "
                  "ignores off")
      ->type_name("PATH");
  cmd->add_flag("--no-default-ignores", args->no_default_ignores,
                "also compare the volatile fields (source, classification, site.visitors, "
                "site.visitors_since, site.page_views, site.page_date, diagnostics, "
                "quantities[*].line)");
  cmd->add_option("--format", args->format, "text (default), jsonl or csv")
      ->check(CLI::IsMember({"text", "jsonl", "csv"}));
  cmd->add_flag("--stat", args->stat,
                "print only the counts: N added, N removed, N changed, N unchanged");
  cmd->add_flag("--text", args->word_diff,
                "show a unified word diff under each changed text field (text format)");
  cmd->add_option("--color", args->colour, "colour the text format: auto (on a terminal), "
                                           "always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd->add_option("-o,--output", args->output, "write the report to FILE (atomically)")
      ->type_name("FILE");
  cmd->add_option("-j,--jobs", args->jobs, "threads for ingesting page sides (0 = all cores)");
  cmd->callback([args, &g, &run] { run = [args, &g] { return run_diff(*args, g); }; });
  return cmd;
}

}  // namespace bdp::cli
