// The server's routing table without sockets: /api/health, API 404/405, the
// security headers on every response, options and access-log lines.
#include <doctest/doctest.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "server/access_log.h"
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
    CAPTURE(path);
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
  };
  for (const auto& row : errors) {
    CAPTURE(row.field);
    const auto result = parse(row.args);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().field == row.field);
    CHECK_FALSE(result.error().message.empty());
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
