// Wires handlers to paths (see routes.h).
#include "server/routes.h"

#include "server/api_health.h"
#include "server/build_info.h"
#include "server/guide_bundle.h"
#include "server/record_access.h"
#include "server/sign_in.h"
#include "server/static_files.h"
#include "server/sync_api.h"

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
  const AccountServices accounts{.store = services.accounts, .now = services.now};
  router.add("POST", "/api/session", [accounts](const Request& request) { return sign_in(accounts, request); });
  router.add("GET", "/api/session",
             require_session(accounts, [accounts](const Principal& principal, const Request& request) {
               return who_is_signed_in(accounts, principal, request);
             }));
  router.add("DELETE", "/api/session",
             require_session(accounts, [accounts](const Principal& principal, const Request& request) {
               return sign_out(accounts, principal, request);
             }));
  const RecordServices records{.record = services.record, .accounts = accounts};
  router.add("GET", "/api/caseload",
             require_session(accounts, [records](const Principal& principal, const Request& request) {
               return caseload_lines(records, principal, request);
             }));
  router.add_prefix("GET", std::string(young_people_prefix),
                    require_session(accounts, [records](const Principal& principal, const Request& request) {
                      return young_person_line(records, principal, request);
                    }));
  const SyncServices sync{.sync = services.sync, .accounts = accounts};
  router.add("POST", "/api/sync/push", require_session(accounts, [sync](const Principal& principal, const Request& request) {
               return sync_push(sync, principal, request);
             }));
  router.add("POST", "/api/sync/pull", require_session(accounts, [sync](const Principal& principal, const Request& request) {
               return sync_pull(sync, principal, request);
             }));
  router.set_static(static_files(services.web_root));
  return router;
}

}  // namespace pathway::server
