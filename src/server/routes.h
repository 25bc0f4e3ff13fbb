// The server's routing table in one place: which handler answers which path.
// main() builds it from the services it opened; tests build it with fakes.
// Every /api route but the public ones (health, the guide, signing in) sits
// behind the session guard (sessions.h).
#pragma once

#include <filesystem>
#include <functional>
#include <string_view>
#include <utility>

#include "core/result.h"
#include "server/account_store.h"
#include "server/router.h"
#include "server/shared_record.h"
#include "server/sync_store.h"

namespace pathway::server {

struct Services {
  std::filesystem::path web_root;          // the packaged app
  std::filesystem::path guide_dir;         // the published guide (guide_bundle.h)
  std::function<Status()> check_database;  // safe to call from any thread
  AccountStore* accounts = nullptr;        // staff accounts, sessions, audit (thread-safe)
  SharedRecord* record = nullptr;          // the shared record (locks itself)
  SyncStore* sync = nullptr;               // its sync ledger (push and pull); none: 503
  std::function<Instant()> now;            // the wall clock (tests move it)
};

// The routes anyone may call without a session: METHOD and path.
inline constexpr std::pair<std::string_view, std::string_view> public_routes[] = {
    {"GET", "/api/health"}, {"GET", "/api/guide"}, {"POST", "/api/session"}};

Router make_router(const Services& services);

}  // namespace pathway::server
