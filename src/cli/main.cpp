// bdp-ingest: a thin CLI over the bdp_core library. Subcommands are listed once in
// k_commands; `bdp-ingest FILE...` without a subcommand means `ingest`. Library exceptions
// are caught here, at the edge; SIGPIPE is ignored so a closed pipe surfaces as a write error
// that ends the run quietly.
#include <algorithm>
#include <csignal>
#include <cstring>
#include <exception>
#include <string>
#include <system_error>
#include <vector>

#include <fmt/format.h>

#include "commands.h"

namespace {

using bdp::cli::GlobalOptions;
using bdp::cli::Runner;

struct CommandEntry {
  const char* name;
  CLI::App* (*add)(CLI::App&, const GlobalOptions&, Runner&);
};

constexpr CommandEntry k_commands[] = {
    {"ingest", bdp::cli::add_ingest_command},
    {"explain", bdp::cli::add_explain_command},
    {"validate", bdp::cli::add_validate_command},
    {"diff", bdp::cli::add_diff_command},
    {"stats", bdp::cli::add_stats_command},
    {"schema", bdp::cli::add_schema_command},
    {"completions", bdp::cli::add_completions_command},
};

constexpr const char* k_examples = R"(Examples:
  bdp-ingest pages/*.txt > practices.jsonl     ingest pages (same as `ingest`)
  bdp-ingest -o practices.jsonl --jobs 4 pages/
  find pages -name '*.txt' -print0 | bdp-ingest --files-from - > out.jsonl
  bdp-ingest explain pages/plonsk.txt          why each line was kept or stripped
  bdp-ingest validate --format github pages/   check new scrapes in CI
  bdp-ingest diff old.jsonl new.jsonl          what changed between two snapshots
  bdp-ingest stats --format html practices.jsonl > summary.html
  bdp-ingest schema > record.schema.json

Options of each command (-o, -j/--jobs, --files-from, --redact, --cross-page, …):
  bdp-ingest COMMAND --help, e.g. bdp-ingest ingest --help

Exit status: 0 all good; 1 some inputs failed (ingest), findings (validate) or
differences (diff); 2 usage or internal error.)";

bool is_command(const char* arg) {
  for (const auto& c : k_commands)
    if (std::strcmp(arg, c.name) == 0) return true;
  return false;
}

}  // namespace

namespace bdp::cli {

CLI::App& configure_app(CLI::App& app, GlobalOptions& g, Runner& run) {
  app.set_version_flag("-V,--version", std::string("bdp-ingest ") + BDP_VERSION);
  app.footer(k_examples);
  app.fallthrough();
  app.require_subcommand(0, 1);
  app.add_option("--grammars", g.grammars_dir,
                 "Directory of *.grammar files overriding the embedded ones")
      ->check(CLI::ExistingDirectory);
  app.add_flag("-q,--quiet", g.quiet, "No progress line, no summary on stderr");
  app.add_flag("-v,--verbose", g.verbose, "More detail on stderr (repeatable)");
  for (const auto& c : k_commands) c.add(app, g, run);
  return app;
}

}  // namespace bdp::cli

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  // `bdp-ingest FILE...` means `bdp-ingest ingest FILE...`.
  std::vector<char*> args(argv, argv + argc);
  static char ingest[] = "ingest";
  bool top_level_only = argc > 1 && (std::strcmp(argv[1], "-h") == 0 ||
                                     std::strcmp(argv[1], "--help") == 0 ||
                                     std::strcmp(argv[1], "-V") == 0 ||
                                     std::strcmp(argv[1], "--version") == 0);
  // Global options may come first (`bdp-ingest --grammars DIR validate …`); the subcommand is
  // the first word after them.
  std::size_t first = 1;
  while (first < args.size()) {
    std::string_view a = args[first];
    if (a == "--grammars") {
      first += 2;
    } else if (a.starts_with("--grammars=") || a == "-q" || a == "--quiet" || a == "-v" ||
               a == "--verbose" || a == "-vv") {
      ++first;
    } else {
      break;
    }
  }
  first = std::min(first, args.size());
  if (!top_level_only && (first == args.size() || !is_command(args[first])))
    args.insert(args.begin() + static_cast<std::ptrdiff_t>(first), ingest);

  // `--redact` takes an optional value; CLI11 would take the next word for it even when it is
  // a path (`--redact page.txt`). A bare `--redact` not followed by a mode means drop.
  static char redact_drop[] = "--redact=drop";
  for (std::size_t i = first; i < args.size(); ++i) {
    if (std::strcmp(args[i], "--") == 0) break;
    if (std::strcmp(args[i], "--redact") != 0) continue;
    std::string_view next = i + 1 < args.size() ? args[i + 1] : "";
    if (next != "none" && next != "drop" && next != "hash") args[i] = redact_drop;
  }

  CLI::App app{"bdp-ingest: scraped Polish good-practice pages → normalised JSON Lines",
               "bdp-ingest"};
  GlobalOptions g;
  Runner run;
  bdp::cli::configure_app(app, g, run);
  try {
    app.parse(static_cast<int>(args.size()), args.data());
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  try {
    return run ? run() : 0;
  } catch (const std::system_error& e) {
    // fmt::print to a pipe whose reader went away (`explain … | less`, quit early): the
    // reader had what it wanted.
    if (e.code() == std::errc::broken_pipe) return 0;
    fmt::print(stderr, "bdp-ingest: internal error: {}\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    fmt::print(stderr, "bdp-ingest: internal error: {}\n", e.what());
    return 2;
  }
}
