// `schema`: prints the JSON Schema of the record, embedded from docs/record.schema.json.
#include <cerrno>
#include <cstdio>

#include "bdp/grammar.h"
#include "common.h"

namespace bdp::cli {

CLI::App* add_schema_command(CLI::App& app, const GlobalOptions&, Runner& run) {
  CLI::App* sub = app.add_subcommand("schema", "Print the JSON Schema of the record");
  sub->callback([&run] {
    run = [] {
      std::string_view s = embedded_resource("record.schema.json");
      const bool ok = std::fwrite(s.data(), 1, s.size(), stdout) == s.size() &&
                      std::fflush(stdout) == 0;
      if (ok || errno == EPIPE) return 0;  // `schema | head`: the reader had enough
      std::perror("bdp-ingest schema: cannot write");
      return 2;
    };
  });
  return sub;
}

}  // namespace bdp::cli
