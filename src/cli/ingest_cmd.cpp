// `ingest` (the main job) and `explain` (one page, line by line, with the rule that decided).
// Workers serialise records; this thread only writes lines, in input order. With
// --cross-page both first run count_repeated_lines over all inputs (hashing only), then the
// pipeline with that read-only table.
#include <cstdlib>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "bdp/text.h"
#include "common.h"

namespace bdp::cli {

namespace {

struct IngestOptions {
  std::vector<std::string> inputs;
  std::string output;
  std::string files_from;
  int jobs = 0;
  std::uint64_t max_bytes = k_default_max_bytes;
  bool pretty = false;
  bool stats = false;
  bool explain = false;
  bool cross_page = false;
  std::string redact = "none";
  std::string salt;
};

int run_explain(const GlobalOptions& g, const IngestOptions& o);

/// The cross-page table of a run, or nullopt (message printed) when an input is stdin: the
/// first pass reads every input and the second reads it again.
std::optional<RepeatedLines> first_pass(const Pipeline& pipeline, const InputList& in,
                                        const IngestOptions& o) {
  for (const auto& path : in.paths) {
    if (path == "-") {
      fmt::print(stderr,
                 "bdp-ingest: --cross-page reads every input twice and cannot read stdin; "
                 "give the pages as files\n");
      return std::nullopt;
    }
  }
  return count_repeated_lines(pipeline, in.paths, o.jobs, o.max_bytes);
}

int run_ingest(const GlobalOptions& g, const IngestOptions& o) {
  if (o.explain) return run_explain(g, o);
  RecordOptions ropts;
  if (o.redact == "drop") ropts.redaction = Redaction::drop;
  if (o.redact == "hash") {
    ropts.redaction = Redaction::hash;
    ropts.salt = o.salt;
    if (ropts.salt.empty())
      if (const char* env = std::getenv("BDP_SALT")) ropts.salt = env;
    if (ropts.salt.empty()) {
      fmt::print(stderr, "bdp-ingest: --redact=hash needs --salt or BDP_SALT\n");
      return 2;
    }
  }
  // Inputs first: the directory walk's transient memory is given back before the pipeline
  // is built, so it does not add to the run's peak (see collect_inputs).
  InputList in = collect_inputs(o.inputs, o.files_from);
  auto pipeline = load_pipeline(g);
  if (!pipeline) return 2;
  std::optional<RepeatedLines> repeated;
  if (o.cross_page && !(repeated = first_pass(*pipeline, in, o))) return 2;
  for (const auto& [path, err] : in.failed) report_read_error(path, err);

  Output out(o.output);
  if (!out.ok()) {
    fmt::print(stderr, "bdp-ingest: {}\n", out.error());
    return 2;
  }
  std::size_t seen = in.failed.size(), written = 0, failed = in.failed.size(), done = 0;
  bool stopped = false;  // the output failed; the reason is out's
  Progress progress(in.paths.size(), g.quiet);
  for_each_page(
      *pipeline, in.paths, o.jobs, o.max_bytes,
      [&](PageOutcome& po) {
        ++seen;
        progress.tick(++done);
        if (!po.error.code.empty()) {
          report_read_error(po.path, po.error);
          ++failed;
          return true;
        }
        if (!po.notice.empty() && !g.quiet) fmt::print(stderr, "{}", po.notice);
        po.output.push_back('\n');
        if (!out.write(po.output)) {
          stopped = true;
          return false;
        }
        ++written;
        return true;
      },
      [&](PageOutcome& po) {
        // A page read but not usable (binary bytes, no text) is still a record, with the
        // error among its diagnostics; said on stderr too, so it is not missed in a crawl.
        for (const auto& d : po.result->diagnostics)
          if (d.severity == Severity::error)
            po.notice += fmt::format("{}: warning[{}]: {} (written as a record with this "
                                     "diagnostic)\n",
                                     printable(po.path), d.code, printable(d.message));
        po.output = o.pretty ? to_record(*po.result, ropts)
                                   .dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
                             : write_record(*po.result, ropts);
        po.result.reset();  // the record is all the writer needs; free the page early
      },
      repeated ? &*repeated : nullptr);
  progress.finish();
  // A closed pipe (| head) is not an error; a full disk or an I/O error is, and then the
  // file at -o keeps its old content.
  if ((stopped || !out.commit()) && !out.broken_pipe()) {
    fmt::print(stderr, "bdp-ingest: {}\n", out.error().empty() ? "write error" : out.error());
    return 2;
  }
  if (out.broken_pipe()) return failed ? 1 : 0;
  if (o.stats || g.verbose > 0)
    fmt::print(stderr, "inputs: {}, records: {}, failed: {}\n", seen, written, failed);
  return failed ? 1 : 0;
}

std::string clip(std::string_view s, std::size_t max_cps) {
  std::string out;
  std::size_t i = 0, n = 0;
  while (i < s.size() && n < max_cps) {
    std::size_t start = i;
    next_cp(s, i);
    out.append(s.substr(start, i - start));
    ++n;
  }
  if (i < s.size()) out += "…";
  return out;
}

int run_explain(const GlobalOptions& g, const IngestOptions& o) {
  auto pipeline = load_pipeline(g);
  if (!pipeline) return 2;
  InputList in = collect_inputs(o.inputs, "");
  std::optional<RepeatedLines> repeated;
  if (o.cross_page && !(repeated = first_pass(*pipeline, in, o))) return 2;
  const RepeatedLines* rep = repeated ? &*repeated : nullptr;
  for (const auto& [path, err] : in.failed) report_read_error(path, err);
  int rc = in.failed.empty() ? 0 : 1;
  for (const auto& path : in.paths) {
    ReadError err;
    auto raw = read_input(path, o.max_bytes, err);
    if (!raw) {
      report_read_error(path, err);
      rc = 1;
      continue;
    }
    PageResult r = pipeline->run_bytes(path, *raw, rep);
    const SourcePage& p = r.source;
    if (p.file_lines.empty())
      fmt::print("# {}  ({}, {} bytes, {} lines)\n", path, p.encoding, p.bytes, p.line_count());
    else  // the reflow stage joined wrapped lines: the listing numbers the page's lines
      fmt::print("# {}  ({}, {} bytes, {} lines of the file read as {})\n", path, p.encoding,
                 p.bytes, p.file_line_count(), p.line_count());
    fmt::print("# page_type {} (confidence {:.2f}; signals: {})\n",
               to_string(r.classification.type), r.classification.confidence,
               fmt::join(r.classification.signals, ", "));
    // What each line became: stripped by a rule, or a field, or body text.
    std::vector<std::string> role(p.line_count());
    auto mark = [&](int line, const std::string& what) {
      if (line > 0 && static_cast<std::size_t>(line) <= role.size()) {
        auto& s = role[static_cast<std::size_t>(line) - 1];
        s += s.empty() ? what : "," + what;
      }
    };
    mark(r.layout.title_line, "title");
    mark(r.layout.section_line, "section");
    for (const auto& [field, line] : r.metryka.field_lines) mark(line, "metryka." + field);
    for (const auto& [field, line] : r.programme.field_lines) mark(line, "programme." + field);
    mark(r.boilerplate.site.visitors_line, "site.visitors");
    mark(r.boilerplate.site.page_views_line, "site.page_views");
    mark(r.boilerplate.site.page_date_line, "site.page_date");
    mark(r.boilerplate.site.funding_line, "site.funding");
    // Quantities carry the file's lines; the listing is of the (reflowed) page's.
    auto page_line = [&](int file_line) {
      if (p.file_lines.empty() || file_line <= 0 ||
          static_cast<std::size_t>(file_line) > p.file_lines.size())
        return file_line;
      return static_cast<int>(p.file_lines[static_cast<std::size_t>(file_line) - 1].line) + 1;
    };
    for (const auto& q : r.quantities) mark(page_line(q.line), "quantity:" + q.kind);
    std::vector<bool> in_body(p.line_count(), false);
    for (const auto& b : r.body) in_body[static_cast<std::size_t>(b.line) - 1] = true;
    for (std::size_t i = 0; i < p.line_count(); ++i) {
      const LineDecision* d = i < r.boilerplate.lines.size() ? &r.boilerplate.lines[i] : nullptr;
      std::string verdict = in_body[i] ? "text" : (d && !d->keep ? "strip" : "field");
      if (!in_body[i] && role[i].empty() && d && d->keep) verdict = "skip";
      std::string rule = d ? d->rule : "";
      if (d && d->score != 0) rule += fmt::format(" {:.2f}", d->score);
      // cross_page_repeat: on how many of the site's pages of this run the line occurs.
      if (d && d->pages > 0) {
        const RepeatedLines::Site* site = rep ? rep->site(site_key(path)) : nullptr;
        rule += fmt::format(" {}/{}", d->pages, site ? site->pages : 0);
      }
      fmt::print("{:>4} {:<5} {:<28} {:<28} | {}\n", i + 1, verdict, clip(rule, 28),
                 clip(role[i], 28), printable(clip(normalize_space(p.line(i)), 90)));
    }
    for (const auto& d : r.diagnostics)
      fmt::print("# {}:{}: {}[{}]: {}\n", printable(path), d.line, to_string(d.severity), d.code,
                 printable(d.message));
  }
  return rc;
}

void add_cross_page_option(CLI::App* sub, IngestOptions& o) {
  sub->add_flag("--cross-page", o.cross_page,
                "Two passes: strip lines repeated on many pages of a site (directory) in this "
                "run; inputs must be files");
}

void add_ingest_options(CLI::App* sub, IngestOptions& o) {
  sub->add_option("inputs", o.inputs, "Pages (files, directories walked for *.txt, - = stdin)");
  sub->add_option("-o,--output", o.output, "Write to FILE atomically (temp file + rename)");
  sub->add_option("--files-from", o.files_from,
                  "Read input paths from FILE (- = stdin), one per line or NUL-separated");
  sub->add_option("-j,--jobs", o.jobs, "Worker threads (default: all cores)")
      ->check(CLI::Range(0, 4096));
  add_max_bytes_option(sub, o.max_bytes, "Skip inputs larger than this (default 64 MiB; 512K, 1M, 2G …)");
  sub->add_flag("--pretty", o.pretty, "Indented JSON (not JSON Lines)");
  sub->add_flag("--stats", o.stats, "Print 'inputs, records, failed' counts on stderr");
  sub->add_option("--redact", o.redact,
                  "Contact persons: drop (names, phones, e-mails removed; what a bare --redact "
                  "means) or hash (salted SHA-256, see --salt); without --redact they are kept")
      ->check(CLI::IsMember({"none", "drop", "hash"}))
      ->expected(0, 1)
      ->default_str("drop");
  sub->add_option("--salt", o.salt, "Salt for --redact=hash (or $BDP_SALT)");
  add_cross_page_option(sub, o);
}

}  // namespace

CLI::App* add_ingest_command(CLI::App& app, const GlobalOptions& g, Runner& run) {
  auto o = std::make_shared<IngestOptions>();
  CLI::App* sub = app.add_subcommand("ingest", "Pages → one JSON record per page (the default)");
  add_ingest_options(sub, *o);
  sub->add_flag("--explain", o->explain, "Show each line's fate instead of records");
  sub->callback([&g, &run, o] { run = [&g, o] { return run_ingest(g, *o); }; });
  return sub;
}

CLI::App* add_explain_command(CLI::App& app, const GlobalOptions& g, Runner& run) {
  auto o = std::make_shared<IngestOptions>();
  CLI::App* sub = app.add_subcommand(
      "explain", "Print each line of a page as text/field/strip with the rule that decided");
  sub->add_option("inputs", o->inputs, "Pages")->required();
  add_max_bytes_option(sub, o->max_bytes, "Skip inputs larger than this (512K, 1M, 2G …)");
  add_cross_page_option(sub, *o);
  sub->callback([&g, &run, o] { run = [&g, o] { return run_explain(g, *o); }; });
  return sub;
}

}  // namespace bdp::cli
