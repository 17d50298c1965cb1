// `bdp-ingest stats INPUT...`: a summary of records (bdp/stats.h). Inputs are told apart as
// diff does: "-" and any other file are JSON Lines, streamed line by line; a directory, a .txt
// file or @LIST (one page path per line) are pages, ingested on the fly (in parallel, in
// memory, no temp file). A malformed line is reported as `path:line: error: …` and counted;
// the run goes on and exits 2 at the end, as does an unreadable input.
#include <fmt/format.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>

#include "bdp/stats.h"
#include "common.h"

namespace bdp::cli {
namespace {

struct StatsArgs {
  std::vector<std::string> inputs;
  std::string format = "text";
  std::string output;
  std::string title;
  std::size_t top = 20;
  int jobs = 0;
};

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

std::string parse_error_text(const std::exception& e) {
  // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error …"
  std::string_view w = e.what();
  if (auto close = w.find("] "); w.rfind("[json.exception", 0) == 0 && close != w.npos)
    w.remove_prefix(close + 2);
  return std::string(w);
}

/// Streams one JSON Lines input into `acc`; false when the input could not be opened.
bool read_jsonl(std::istream& in, const std::string& name, StatsAccumulator& acc,
                StatsContext& ctx) {
  std::string line;
  std::uint64_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    nlohmann::json rec;
    std::string problem;
    try {
      rec = nlohmann::json::parse(line);
      if (!rec.is_object()) problem = "not a record (a JSON object expected)";
    } catch (const std::exception& e) {
      problem = "malformed JSON: " + parse_error_text(e);
    }
    if (!problem.empty()) {
      fmt::print(stderr, "{}:{}: error: {} [stats.malformed_line]\n", name, line_no, problem);
      ++ctx.malformed_lines;
      continue;
    }
    acc.add(rec);
  }
  if (in.bad()) {
    fmt::print(stderr, "{}: read error: {}\n", name, std::strerror(errno));
    return false;
  }
  return true;
}

int run_stats(const StatsArgs& a, const GlobalOptions& g) {
  StatsAccumulator acc;
  StatsContext ctx;
  ctx.inputs = a.inputs.empty() ? std::vector<std::string>{"-"} : a.inputs;
  ctx.title = a.title.empty() ? "bdp-ingest stats" : a.title;
  bool trouble = false;

  // JSON Lines inputs are read here, in order; pages are gathered and ingested in one go.
  std::vector<std::string> page_args, page_lists;
  for (const auto& in : ctx.inputs) {
    if (in == "-") {
      trouble |= !read_jsonl(std::cin, "<stdin>", acc, ctx);
      continue;
    }
    if (in.size() > 1 && in[0] == '@') {
      page_lists.push_back(in.substr(1));
      continue;
    }
    struct stat st {};
    if (::stat(in.c_str(), &st) != 0) {
      fmt::print(stderr, "{}: {}\n", in, std::strerror(errno));
      trouble = true;
      ++ctx.unreadable_inputs;
      continue;
    }
    if (S_ISDIR(st.st_mode) || ends_with(in, ".txt")) {
      page_args.push_back(in);
      continue;
    }
    std::ifstream f(in, std::ios::binary);
    if (!f) {
      fmt::print(stderr, "{}: {}\n", in, std::strerror(errno));
      trouble = true;
      ++ctx.unreadable_inputs;
      continue;
    }
    trouble |= !read_jsonl(f, in, acc, ctx);
  }

  if (!page_args.empty() || !page_lists.empty()) {
    auto pipeline = load_pipeline(g);
    if (!pipeline) return 2;
    InputList pages;  // collect_inputs({}, "") would mean stdin
    if (!page_args.empty()) pages = collect_inputs(page_args, "");
    for (const auto& list : page_lists) {
      InputList more = collect_inputs({}, list);
      pages.paths.append(more.paths);
      for (auto& f : more.failed) pages.failed.push_back(std::move(f));
    }
    for (const auto& [path, err] : pages.failed) report_read_error(path, err);
    ctx.unreadable_pages += pages.failed.size();
    Progress progress(pages.paths.size(), g.quiet);
    std::size_t done = 0;
    for_each_page(
        *pipeline, pages.paths, a.jobs, k_default_max_bytes,
        [&](PageOutcome& po) {
          progress.tick(++done);
          if (!po.error.code.empty()) {
            report_read_error(po.path, po.error);
            ++ctx.unreadable_pages;
            return true;
          }
          acc.add(nlohmann::json::parse(po.output));
          return true;
        },
        [](PageOutcome& po) {
          // Built and serialised on the worker; the page itself is freed early.
          po.output = write_record(*po.result);
          po.result.reset();
        });
    progress.finish();
    trouble |= ctx.unreadable_pages > 0;
  }
  trouble |= ctx.malformed_lines > 0;

  Stats stats = acc.result(a.top);
  std::string report = a.format == "json"   ? format_stats_json(stats, ctx)
                       : a.format == "html" ? format_stats_html(stats, ctx)
                                            : format_stats_text(stats, ctx);
  Output out(a.output);
  if (!out.ok()) {
    fmt::print(stderr, "bdp-ingest stats: {}\n", out.error());
    return 2;
  }
  bool write_ok = out.write(report);
  if ((!write_ok || !out.commit()) && !out.broken_pipe()) {
    fmt::print(stderr, "bdp-ingest stats: {}\n", out.error().empty() ? "write error" : out.error());
    return 2;
  }
  return trouble ? 2 : 0;
}

}  // namespace

CLI::App* add_stats_command(CLI::App& app, const GlobalOptions& g, Runner& run) {
  auto args = std::make_shared<StatsArgs>();
  CLI::App* cmd = app.add_subcommand(
      "stats",
      "Summarise records: by page type, voivodeship, unit type, year entered; quantity units "
      "with totals; diagnostics by code. Exit 0: ok, 2: malformed lines or unreadable inputs.");
  cmd->add_option("inputs", args->inputs,
                  "JSONL files ('-' = stdin, the default), or pages: directories, .txt files, "
                  "@LIST (one page path per line)");
  cmd->add_option("--format", args->format,
                  "text (default), json or html (one self-contained "
                  "page with SVG bar charts)")
      ->check(CLI::IsMember({"text", "json", "html"}));
  cmd->add_option("--top", args->top,
                  "show the N most frequent quantity units (0 = all; "
                  "default 20)")
      ->type_name("N");
  cmd->add_option("--title", args->title, "title of the HTML report")->type_name("TEXT");
  cmd->add_option("-o,--output", args->output, "write the report to FILE (atomically)")
      ->type_name("FILE");
  cmd->add_option("-j,--jobs", args->jobs, "threads for ingesting pages (0 = all cores)")
      ->check(CLI::Range(0, 4096));
  cmd->callback([args, &g, &run] { run = [args, &g] { return run_stats(*args, g); }; });
  return cmd;
}

}  // namespace bdp::cli
