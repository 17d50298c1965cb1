// The subcommand table of the CLI. Each subcommand lives in its own src/cli/<name>_cmd.cpp
// and registers itself on the CLI11 app; `run` is set to the action main() calls after
// parsing. Exit codes: 0 ok, 1 some inputs failed / findings / differences, 2 usage or
// internal error.
#pragma once

#include <functional>
#include <string>

#include <CLI/CLI.hpp>

namespace bdp::cli {

/// Options shared by every subcommand (set on the top-level app).
struct GlobalOptions {
  std::string grammars_dir;  ///< --grammars DIR
  bool quiet = false;        ///< --quiet
  int verbose = 0;           ///< -v
};

using Runner = std::function<int()>;

CLI::App* add_ingest_command(CLI::App& app, const GlobalOptions& g, Runner& run);
CLI::App* add_explain_command(CLI::App& app, const GlobalOptions& g, Runner& run);
CLI::App* add_schema_command(CLI::App& app, const GlobalOptions& g, Runner& run);
CLI::App* add_validate_command(CLI::App& app, const GlobalOptions& g, Runner& run);
CLI::App* add_diff_command(CLI::App& app, const GlobalOptions& g, Runner& run);
CLI::App* add_stats_command(CLI::App& app, const GlobalOptions& g, Runner& run);
CLI::App* add_completions_command(CLI::App& app, const GlobalOptions& g, Runner& run);

/// Sets up the top-level app (global options and every subcommand). Used by main() and by
/// the generators of help, man page and completions, so all come from one definition.
CLI::App& configure_app(CLI::App& app, GlobalOptions& g, Runner& run);

}  // namespace bdp::cli
