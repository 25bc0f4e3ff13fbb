// The server's routing table in one place: which handler answers which path.
// main() builds it from the services it opened; tests build it with fakes.
// The next issues add sign-in, sync and audit routes here.
#pragma once

#include <filesystem>
#include <functional>

#include "core/result.h"
#include "server/router.h"

namespace pathway::server {

struct Services {
  std::filesystem::path web_root;          // the packaged app
  std::filesystem::path guide_dir;         // the published guide (guide_bundle.h)
  std::function<Status()> check_database;  // safe to call from any thread
};

Router make_router(const Services& services);

}  // namespace pathway::server
