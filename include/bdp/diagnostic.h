// Diagnostics: what was odd but survivable, as values with stable codes.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "bdp/json_writer.h"

namespace bdp {

enum class Severity { info, warning, error };

/// "info", "warning" or "error".
std::string_view to_string(Severity s);

/// One finding about a page. `code` is stable (`metryka.unknown_label`) and documented;
/// `line`/`column` are 1-based in the decoded page, 0 when the finding is about the whole page.
struct Diagnostic {
  Severity severity = Severity::warning;
  std::string code;
  int line = 0;
  int column = 0;
  std::string message;
};

/// `{severity, code, line, message}` as in the record contract (column only when known).
void write_json(JsonWriter& w, const Diagnostic& d);
/// The same as an object (for tests and tools; the record is written with write_json).
nlohmann::ordered_json to_json(const Diagnostic& d);

}  // namespace bdp
