// The health endpoint. JSON is written with nlohmann::json, replacing any
// invalid UTF-8 in the version so no input can make dump() throw.
#include "server/api_health.h"

#include <nlohmann/json.hpp>

namespace pathway::server {

Response health(const HealthSources& sources, const Request&) {
  const bool database_ok = sources.check_database && sources.check_database().ok();
  const nlohmann::json body = {
      {"status", database_ok ? "ok" : "degraded"},
      {"version", sources.version ? sources.version() : std::string("unknown")},
      {"database", database_ok ? "ok" : "unavailable"},
  };
  return json_response(database_ok ? 200 : 503, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace pathway::server
