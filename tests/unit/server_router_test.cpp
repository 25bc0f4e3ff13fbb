// The server's routing table without sockets: /api/health, API 404/405, the
// security headers on every response, options and access-log lines.
#include <doctest/doctest.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "server/access_log.h"
#include "server/http.h"
#include "server/options.h"
#include "server/routes.h"
#include "support/temp_folder.h"

namespace fs = std::filesystem;
using namespace pathway;
using namespace pathway::server;

namespace {

struct ServedFolder {
  testing::TempFolder folder{"router-test"};
  fs::path root = folder.path();
  ServedFolder() {
    std::ofstream(root / "index.html") << "<!doctype html>";
    std::ofstream(root / "build.json") << R"({"build":"0123456789ab","assets":{}})";
  }
};

Response call(const Router& router, std::string method, std::string path) {
  return router.handle(Request{.method = std::move(method), .path = std::move(path)});
}

Status database_down() { return Error{ErrorCode::storage, "disk I/O error", ""}; }

}  // namespace

TEST_CASE("router: /api/health reports build and database") {
  const ServedFolder web;
  const auto healthy = make_router({.web_root = web.root, .check_database = [] { return ok_status(); }});
  const auto ok = call(healthy, "GET", "/api/health");
  CHECK(ok.status == 200);
  CHECK(ok.header("Content-Type") == "application/json");
  CHECK(ok.header("Cache-Control") == "no-store");
  const auto body = nlohmann::json::parse(ok.body, nullptr, false);
  CHECK(body == nlohmann::json{{"status", "ok"}, {"version", "0123456789ab"}, {"database", "ok"}});

  const auto failing = make_router({.web_root = web.root, .check_database = database_down});
  const auto down = call(failing, "GET", "/api/health");
  CHECK(down.status == 503);
  const auto down_body = nlohmann::json::parse(down.body, nullptr, false);
  CHECK(down_body["database"] == "unavailable");
  CHECK(down.body.find("disk") == std::string::npos);  // the cause stays in the server

  // A web folder without build.json (or with a broken one) still answers.
  fs::remove(web.root / "build.json");
  CHECK(nlohmann::json::parse(call(healthy, "GET", "/api/health").body)["version"] == "unknown");
  std::ofstream(web.root / "build.json") << "{\"build\": \"\xff\xfe\"}";
  CHECK(call(healthy, "GET", "/api/health").status == 200);  // invalid UTF-8 cannot make it throw
}

TEST_CASE("router: API paths never fall through to files") {
  const ServedFolder web;
  const auto router = make_router({.web_root = web.root, .check_database = [] { return ok_status(); }});
  const auto missing = call(router, "GET", "/api/nothing-here");
  CHECK(missing.status == 404);
  CHECK(missing.header("Content-Type") == "application/json");
  const auto wrong_method = call(router, "POST", "/api/health");
  CHECK(wrong_method.status == 405);
  CHECK(wrong_method.header("Allow") == "GET");
  CHECK(call(router, "GET", "/api").status == 404);
  CHECK(call(router, "GET", "/").status == 200);
  CHECK(call(router, "PUT", "/").status == 405);
}

TEST_CASE("router: every response carries the security headers") {
  const ServedFolder web;
  const auto router = make_router({.web_root = web.root, .check_database = [] { return ok_status(); }});
  const std::array<std::pair<const char*, const char*>, 5> requests{{
      {"GET", "/"}, {"GET", "/api/health"}, {"GET", "/missing"}, {"POST", "/"}, {"GET", "/%2e%2e/x"}}};
  for (const auto& [method, path] : requests) {
    const char* const requested = path;  // clang 14 cannot capture a structured binding
    CAPTURE(requested);
    const auto response = call(router, method, path);
    const auto csp = std::string(response.header("Content-Security-Policy").value_or(""));
    CHECK(csp.find("default-src 'self'") != std::string::npos);
    CHECK(csp.find("script-src 'self' 'wasm-unsafe-eval';") != std::string::npos);
    CHECK(csp.find("'unsafe-inline'") == std::string::npos);
    CHECK(csp.find("object-src 'none'") != std::string::npos);
    CHECK(csp.find("frame-ancestors 'none'") != std::string::npos);
    CHECK(csp.find("worker-src 'self'") != std::string::npos);
    CHECK(response.header("X-Content-Type-Options") == "nosniff");
    CHECK(response.header("Referrer-Policy") == "no-referrer");
    CHECK(response.header("Cross-Origin-Opener-Policy") == "same-origin");
    CHECK(response.header("Cross-Origin-Resource-Policy") == "same-origin");
    CHECK(response.header("Permissions-Policy").has_value());
  }
}

TEST_CASE("options: command line") {
  using Args = std::vector<std::string_view>;
  const auto parse = [](Args args) { return parse_options(args); };

  const auto full = parse({"--port", "9000", "--data", "d", "--web", "w", "--host", "0.0.0.0", "--demo", "--database",
                           "postgresql://pathway@db.example/pathway"});
  REQUIRE(full.ok());
  CHECK(full->database == "postgresql://pathway@db.example/pathway");
  CHECK(full->port == 9000);
  CHECK(full->data_dir == "d");
  CHECK(full->web_dir == "w");
  CHECK(full->host == "0.0.0.0");
  CHECK(full->demo);

  const auto defaults = parse({"--data", "d", "--web", "w"});
  REQUIRE(defaults.ok());
  CHECK(defaults->port == 8080);
  CHECK(defaults->host == "127.0.0.1");
  CHECK_FALSE(defaults->demo);
  CHECK(defaults->database.empty());  // SQLite in the data folder
  CHECK(parse({"--help"})->help);
  const auto admin = parse({"--data", "d", "--create-admin", "first.admin"});  // serves nothing: no --web
  REQUIRE(admin.ok());
  CHECK(admin->create_admin == "first.admin");
  const auto proxied = parse({"--data", "d", "--web", "w", "--trusted-proxy", "10.0.0.5", "--trusted-proxy", "::1"});
  REQUIRE(proxied.ok());
  CHECK(proxied->trusted_proxies == std::vector<std::string>{"10.0.0.5", "::1"});

  const struct { Args args; const char* field; } errors[] = {
      {{"--web", "w"}, "--data"},
      {{"--data", "d"}, "--web"},
      {{"--data", "d", "--web", "w", "--port", "70000"}, "--port"},
      {{"--data", "d", "--web", "w", "--port", "-1"}, "--port"},
      {{"--data", "d", "--web", "w", "--port", "80x"}, "--port"},
      {{"--data", "d", "--web", "w", "--port"}, "--port"},
      {{"--data", "", "--web", "w"}, "--data"},
      {{"--data", "d", "--web", "w", "--verbose"}, "--verbose"},
      {{"--data", "d", "--create-admin"}, "--create-admin"},
      {{"--create-admin", "a"}, "--data"},
      {{"--data", "d", "--web", "w", "--database", "d/accounts.db"}, "--database"},
      {{"--data", "d", "--web", "w", "--trusted-proxy", "proxy.example"}, "--trusted-proxy"},
  };
  for (const auto& row : errors) {
    CAPTURE(row.field);
    const auto result = parse(row.args);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().field == row.field);
    CHECK_FALSE(result.error().message.empty());
  }
}

// Behind a reverse proxy every request's peer is the proxy: without this, one
// person's wrong passwords would lock every colleague out of signing in from
// the office (the per-address limit), and the audit log would name the proxy.
TEST_CASE("client address: X-Forwarded-For is believed only from a trusted proxy, and only its own entries") {
  const std::vector<std::string> proxies = {"10.0.0.5", "10.0.0.6"};
  const struct {
    const char* why;
    const char* peer;
    std::optional<std::string_view> forwarded;
    const char* expected;
  } rows[] = {
      {"no proxy configured for this peer: the header is ignored", "203.0.113.9", "198.51.100.1", "203.0.113.9"},
      {"from the proxy, no header", "10.0.0.5", std::nullopt, "10.0.0.5"},
      {"from the proxy: the address it saw", "10.0.0.5", "198.51.100.7", "198.51.100.7"},
      {"a client's own entry on the left is not believed", "10.0.0.5", "1.2.3.4, 198.51.100.7", "198.51.100.7"},
      {"two proxies in a row: the first untrusted from the right", "10.0.0.5", "198.51.100.7,10.0.0.6", "198.51.100.7"},
      {"spaces and tabs around entries", "10.0.0.5", " 198.51.100.7 \t", "198.51.100.7"},
      {"IPv6", "10.0.0.5", "2001:db8::1", "2001:db8::1"},
      {"only proxies: the peer", "10.0.0.5", "10.0.0.6", "10.0.0.5"},
      {"garbage from the proxy: the peer", "10.0.0.5", "unknown", "10.0.0.5"},
      {"an empty entry: the peer", "10.0.0.5", "198.51.100.7, ", "10.0.0.5"},
      {"an empty header: the peer", "10.0.0.5", "", "10.0.0.5"},
      {"a hostname is not an address", "10.0.0.5", "evil.example", "10.0.0.5"},
      {"too long for an address", "10.0.0.5", "1111:2222:3333:4444:5555:6666:7777:8888:9999:0000", "10.0.0.5"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.why);
    CHECK(client_address_of(row.peer, row.forwarded, proxies) == row.expected);
  }
}

TEST_CASE("access log: method, path without query, status, bytes, ms") {
  const auto when = *Instant::parse("2026-01-02T03:04:05Z");
  const struct { const char* path; const char* expected; } cases[] = {
      {"/pathway.0123.wasm", "2026-01-02T03:04:05Z GET /pathway.0123.wasm 200 1234 5.5ms"},
      {"/api/x?name=Example+Person", "2026-01-02T03:04:05Z GET /api/x 200 1234 5.5ms"},  // no query
      {"/a b\r\nFAKE", "2026-01-02T03:04:05Z GET /a?b??FAKE 200 1234 5.5ms"},              // no forged lines
      {"/api/young-people/264998e2-d2af-42a2-8626-bf4016061c52", "2026-01-02T03:04:05Z GET /api/young-people/:id 200 1234 5.5ms"},
  };
  for (const auto& row : cases) {
    CAPTURE(row.path);
    CHECK(access_log_line({.when = when, .method = "GET", .path = row.path, .status = 200, .bytes = 1234,
                           .milliseconds = 5.5}) == row.expected);
  }
  const auto long_line = access_log_line({.when = when, .method = "GET", .path = std::string(5000, 'a')});
  CHECK(long_line.size() < 300);
}
