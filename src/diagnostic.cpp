#include "bdp/diagnostic.h"

namespace bdp {

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::info: return "info";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "warning";
}

void write_json(JsonWriter& w, const Diagnostic& d) {
  w.begin_object();
  w.field("severity", to_string(d.severity));
  w.field("code", d.code);
  w.field("line", d.line);
  if (d.column > 0) w.field("column", d.column);
  w.field("message", d.message);
  w.end_object();
}

nlohmann::ordered_json to_json(const Diagnostic& d) { return parsed_json(d); }

}  // namespace bdp
