// GET /api/health: whether the server is up, which build it serves, and
// whether its database answers. Load balancers and the browser tests poll it;
// it never says why the database failed (that goes to the server log).
#pragma once

#include <functional>
#include <string>

#include "core/result.h"
#include "server/http.h"

namespace pathway::server {

struct HealthSources {
  std::function<std::string()> version;      // the build id being served
  std::function<Status()> check_database;    // a cheap query on the server store
};

// 200 {"status":"ok","version":"...","database":"ok"}, or 503 with
// "status":"degraded" and "database":"unavailable".
Response health(const HealthSources& sources, const Request& request);

}  // namespace pathway::server
