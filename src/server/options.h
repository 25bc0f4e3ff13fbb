// Command-line options of pathway-server:
//   pathway-server --port N --data DIR --web DIR [--host 127.0.0.1] [--guide DIR] [--database URL]
//                  [--trusted-proxy ADDRESS]... [--demo]
//   pathway-server --data DIR --create-admin USERNAME   (password on stdin)
// Parsed into a value with a clear error for anything wrong, so main() stays
// a straight line and the rules are unit-tested.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace pathway::server {

struct Options {
  std::string host = "127.0.0.1";
  int port = 8080;                  // 0 picks a free port
  std::filesystem::path data_dir;   // created if missing; holds pathway.db
  std::filesystem::path web_dir;    // the packaged app (build/web)
  std::filesystem::path guide_dir;  // the published guide; default <web>/guide-content
  std::string database;             // accounts and sessions on PostgreSQL; empty: <data>/accounts.db (SQLite)
  std::vector<std::string> trusted_proxies;  // reverse proxies whose X-Forwarded-For is believed
  bool demo = false;                // load the demo council into an empty database
  std::string create_admin;         // create this first admin account and exit
  bool help = false;
};

// `args` excludes the program name.
Result<Options> parse_options(std::span<const std::string_view> args);

std::string_view usage();

}  // namespace pathway::server
