// Publishing the guide: /api/guide answers the folder as one JSON bundle with
// its version and an ETag (304 when unchanged); a folder that does not parse
// is not published; /guide and /guide/<topic> are the app's page, and the
// page's relative links under /guide/ reach the app's files.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "server/routes.h"

namespace fs = std::filesystem;
using namespace pathway;
using namespace pathway::server;

namespace {

struct GuideSite {
  fs::path root = fs::temp_directory_path() / ("pathway-guide-test-" + std::to_string(getpid()));
  fs::path web = root / "web";
  fs::path guide = root / "guide";
  GuideSite() {
    fs::create_directories(web);
    fs::create_directories(guide);
    std::ofstream(web / "index.html") << "<!doctype html><title>app</title>";
    std::ofstream(web / "app.0123456789ab.css") << "body{}";
    std::ofstream(guide / "council.txt") << "---\nversion: 7\nname: Test Council\n---\n";
    std::ofstream(guide / "a.txt") << "---\ntopic: money\ntitle: Money\nsummary: s\nages: 16\nsource: Act\n---\n"
                                      "Words from {name}.\n=== easy read ===\nHi.\n";
  }
  ~GuideSite() { fs::remove_all(root); }
  Router router() const { return make_router({.web_root = web, .guide_dir = guide, .check_database = [] { return ok_status(); }}); }
};

Response get(const Router& router, std::string path, Headers headers = {}) {
  return router.handle(Request{.method = "GET", .path = std::move(path), .headers = std::move(headers)});
}

}  // namespace

TEST_CASE("/api/guide publishes the folder as a versioned bundle, with 304 when unchanged") {
  GuideSite site;
  Router router = site.router();
  Response response = get(router, "/api/guide");
  REQUIRE(response.status == 200);
  auto bundle = nlohmann::json::parse(response.body);
  CHECK(bundle["version"] == "7");
  REQUIRE(bundle["files"].size() == 2);
  CHECK(bundle["files"][0]["name"] == "a.txt");
  auto etag = response.header("ETag");
  REQUIRE(etag);
  Response again = get(router, "/api/guide", {{"If-None-Match", std::string(*etag)}});
  CHECK(again.status == 304);
  CHECK(again.body.empty());

  // A new version is published at once, with a new ETag.
  std::ofstream(site.guide / "council.txt") << "---\nversion: 8\nname: Test Council\n---\n";
  Response updated = get(router, "/api/guide", {{"If-None-Match", std::string(*etag)}});
  CHECK(updated.status == 200);
  CHECK(nlohmann::json::parse(updated.body)["version"] == "8");
}

TEST_CASE("/api/guide refuses to publish a guide that does not parse") {
  GuideSite site;
  std::ofstream(site.guide / "b.txt") << "---\ntopic: b\ntitle: B\nsummary: s\nages: 16\nsource: Act\n---\nCall {nobody}.\n=== easy read ===\nHi.\n";
  CHECK(get(site.router(), "/api/guide").status == 503);
}

TEST_CASE("/guide and /guide/<topic> are the app's page; its files resolve under /guide/") {
  GuideSite site;
  Router router = site.router();
  for (const char* path : {"/guide", "/guide/money", "/guide/anything-else"}) {
    CAPTURE(std::string(path));
    Response page = get(router, path);
    CHECK(page.status == 200);
    CHECK(page.body.find("<title>app</title>") != std::string::npos);
  }
  Response css = get(router, "/guide/app.0123456789ab.css");
  CHECK(css.status == 200);
  CHECK(css.body == "body{}");
  CHECK(get(router, "/guide/../index.html").status != 200);
}
