// Wires handlers to paths (see routes.h).
#include "server/routes.h"

#include "server/api_health.h"
#include "server/build_info.h"
#include "server/guide_bundle.h"
#include "server/static_files.h"

namespace pathway::server {

Router make_router(const Services& services) {
  Router router;
  const HealthSources health_sources{
      .version = [web_root = services.web_root] { return read_build_id(web_root); },
      .check_database = services.check_database,
  };
  router.add("GET", "/api/health", [health_sources](const Request& request) { return health(health_sources, request); });
  router.add("GET", "/api/guide",
             [guide_dir = services.guide_dir](const Request& request) { return guide_bundle(guide_dir, request); });
  router.set_static(static_files(services.web_root));
  return router;
}

}  // namespace pathway::server
