// Parses pathway-server's command line. Every option is checked here; main()
// only acts on a valid Options.
#include "server/options.h"

#include <charconv>

#include "server/account_store_postgres.h"
#include "server/http.h"

namespace pathway::server {

std::string_view usage() {
  return "usage: pathway-server --data DIR --web DIR [--port N] [--host ADDRESS] [--guide DIR] [--database URL]\n"
         "                      [--trusted-proxy ADDRESS]... [--demo]\n"
         "       pathway-server --data DIR --create-admin USERNAME   (reads the password from stdin)\n"
         "  --data DIR      folder for the server database (created if missing)\n"
         "  --web DIR       the packaged app to serve (build/web)\n"
         "  --port N        TCP port, default 8080 (0 picks a free one)\n"
         "  --host ADDRESS  address to listen on, default 127.0.0.1\n"
         "  --guide DIR     the care leaver's guide to publish, default WEB/guide-content\n"
         "  --database URL  keep accounts, sessions and the audit log in PostgreSQL\n"
         "                  (postgresql://user@host/db), shared by several servers;\n"
         "                  default DIR/accounts.db (SQLite)\n"
         "  --trusted-proxy ADDRESS  a reverse proxy in front of this server (repeat for\n"
         "                  several): requests from it are counted, for sign-in limits and\n"
         "                  the audit log, as from the address it puts in X-Forwarded-For\n"
         "  --demo          load the Example Council demo data into an empty database,\n"
         "                  and make its demo accounts (README: Signing in)\n"
         "  --create-admin USERNAME  create the first administrator and exit; the password\n"
         "                  (12 to 1024 bytes) is the first line of stdin, never an argument\n";
}

Result<Options> parse_options(std::span<const std::string_view> args) {
  Options options;
  for (size_t i = 0; i < args.size(); ++i) {
    const auto name = args[i];
    if (name == "--demo") { options.demo = true; continue; }
    if (name == "--help" || name == "-h") { options.help = true; continue; }
    if (name != "--port" && name != "--data" && name != "--web" && name != "--host" && name != "--guide" &&
        name != "--database" && name != "--create-admin" && name != "--trusted-proxy") {
      return invalid(std::string(name), "Unknown option " + std::string(name));
    }
    if (i + 1 >= args.size() || args[i + 1].empty()) {
      return invalid(std::string(name), "Option " + std::string(name) + " needs a value");
    }
    const auto value = args[++i];
    if (name == "--port") {
      int port = -1;
      const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), port);
      if (error != std::errc{} || end != value.data() + value.size() || port < 0 || port > 65535) {
        return invalid("--port", "The port must be a number from 0 to 65535");
      }
      options.port = port;
    } else if (name == "--data") {
      options.data_dir = value;
    } else if (name == "--web") {
      options.web_dir = value;
    } else if (name == "--guide") {
      options.guide_dir = value;
    } else if (name == "--database") {
      if (!is_postgres_connection(value)) {
        return invalid("--database", "--database takes a PostgreSQL URL (postgresql://user@host/db)");
      }
      options.database = value;
    } else if (name == "--trusted-proxy") {
      if (!looks_like_ip_address(value)) {
        return invalid("--trusted-proxy", "--trusted-proxy takes the proxy's IP address, e.g. 10.0.0.5 or ::1");
      }
      options.trusted_proxies.emplace_back(value);
    } else if (name == "--create-admin") {
      options.create_admin = value;
    } else {
      options.host = value;
    }
  }
  if (options.help) return options;
  if (options.data_dir.empty()) return invalid("--data", "Give the data folder with --data DIR");
  if (!options.create_admin.empty()) return options;  // serves nothing: no --web needed
  if (options.web_dir.empty()) return invalid("--web", "Give the packaged app folder with --web DIR");
  if (options.guide_dir.empty()) options.guide_dir = options.web_dir / "guide-content";
  return options;
}

}  // namespace pathway::server
