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

nlohmann::ordered_json to_json(const Diagnostic& d) {
  nlohmann::ordered_json j;
  j["severity"] = to_string(d.severity);
  j["code"] = d.code;
  j["line"] = d.line;
  if (d.column > 0) j["column"] = d.column;
  j["message"] = d.message;
  return j;
}

}  // namespace bdp
