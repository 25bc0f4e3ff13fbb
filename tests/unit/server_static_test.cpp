// Static files as the browser sees them, without sockets: MIME types,
// precompressed variant negotiation, ETag/304, cache lifetimes per kind of
// file, and every way a path could try to leave the web root.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "server/static_files.h"
#include "support/temp_folder.h"

namespace fs = std::filesystem;
using namespace pathway::server;

namespace {

// A throwaway web folder shaped like build/web.
struct WebFolder {
  pathway::testing::TempFolder folder{"static-test"};
  fs::path root = folder.path();
  WebFolder() {
    fs::create_directories(root / "icons");
    write("index.html", "<!doctype html><title>index</title>");
    write("index.html.br", "BR-index");
    write("index.html.gz", "GZ-index");
    write("pathway.0123456789ab.wasm", "wasm-plain");
    write("pathway.0123456789ab.wasm.br", "wasm-br");
    write("pathway.0123456789ab.wasm.gz", "wasm-gz");
    write("loader.89abcdef01.js", "js-plain");
    write("loader.89abcdef01.js.gz", "js-gz");  // gzip only: no .br
    write("sw.js", "sw");
    write("manifest.webmanifest", "{}");
    write("icons/icon-192.png", "png");
    write(".env", "secret");
    write("notes.txt.br", "raw variant");
    fs::create_symlink("/etc/hostname", root / "linked.txt");
  }
  void write(const std::string& name, const std::string& content) const {
    std::ofstream(root / name, std::ios::binary) << content;
  }
};

Response get(const WebFolder& web, std::string path, Headers headers = {}, std::string method = "GET") {
  return static_files(web.root)(Request{.method = std::move(method), .path = std::move(path), .headers = std::move(headers)});
}

}  // namespace

TEST_CASE("static: MIME types by extension") {
  const struct { const char* name; const char* type; } cases[] = {
      {"index.html", "text/html; charset=utf-8"},
      {"pathway.1a2b3c4d.js", "text/javascript; charset=utf-8"},
      {"app.1a2b3c4d.css", "text/css; charset=utf-8"},
      {"pathway.1a2b3c4d.wasm", "application/wasm"},  // required for instantiateStreaming
      {"manifest.webmanifest", "application/manifest+json"},
      {"build.json", "application/json"},
      {"icon.svg", "image/svg+xml"},
      {"icon-512.png", "image/png"},
      {"Inter.otf", "font/otf"},
      {"Icons.TTF", "font/ttf"},
      {"README", "application/octet-stream"},
      {"archive.zip", "application/octet-stream"},
  };
  for (const auto& row : cases) {
    CAPTURE(row.name);
    CHECK(mime_type(row.name) == row.type);
  }
}

TEST_CASE("static: Accept-Encoding negotiation (RFC 9110 12.5.3)") {
  const struct { const char* header; const char* coding; bool accepted; } cases[] = {
      {"gzip, deflate, br", "br", true},
      {"gzip, deflate, br", "gzip", true},
      {"gzip", "br", false},
      {"", "gzip", false},
      {"br;q=0", "br", false},
      {"BR;Q=0.5", "br", true},
      {"*", "br", true},
      {"*;q=0, gzip", "br", false},
      {"*, br;q=0", "br", false},
      {"gzip;q=1.5", "gzip", false},   // out of range: treated as refused
      {"gzip;q=abc", "gzip", false},
      {" gzip ; q=0.001 ", "gzip", true},
      {"xbr, brx", "br", false},
  };
  for (const auto& row : cases) {
    CAPTURE(row.header);
    CAPTURE(row.coding);
    CHECK(accepts_encoding(row.header, row.coding) == row.accepted);
  }
}

TEST_CASE("static: content-hashed names") {
  CHECK(is_content_hashed("pathway.0123456789ab.wasm"));
  CHECK(is_content_hashed("app.deadbeef.css"));
  CHECK_FALSE(is_content_hashed("app.deadbee.css"));      // too short to be a hash
  CHECK_FALSE(is_content_hashed("app.DEADBEEF.css"));     // we write lowercase hex only
  CHECK_FALSE(is_content_hashed("index.html"));
  CHECK_FALSE(is_content_hashed("sw.js"));
  CHECK_FALSE(is_content_hashed("manifest.webmanifest"));
  CHECK_FALSE(is_content_hashed(".0123456789ab.js"));
}

TEST_CASE("static: request paths that must be refused") {
  const struct { const char* path; bool served; } cases[] = {
      {"/", true},
      {"/index.html", true},
      {"/icons/icon-192.png", true},
      {"/icons%2Ficon-192.png", false},  // encoded slash hides a segment
      {"/../etc/passwd", false},
      {"/icons/../index.html", false},
      {"/%2e%2e/etc/passwd", false},
      {"/%2E%2E%2Fetc%2Fpasswd", false},
      {"/..%5c..%5cetc", false},         // encoded backslash
      {"/a\\b", false},
      {"/index.html%00.png", false},     // NUL
      {"/index.html%0d%0a", false},      // CR LF
      {"/.env", false},                  // dot file
      {"/%2eenv", false},
      {"/icons/", false},                // directories are not listed
      {"//etc/passwd", false},
      {"/./index.html", false},
      {"index.html", false},             // not absolute
      {"/notes.txt.br", false},          // variants only by negotiation
  };
  for (const auto& row : cases) {
    CAPTURE(row.path);
    CHECK(static_file_path(row.path).ok() == row.served);
  }
  CHECK(static_file_path("/" + std::string(600, 'a')).error().code == pathway::ErrorCode::not_found);
  CHECK(static_file_path("/bad%zzescape").error().code == pathway::ErrorCode::invalid_input);
  CHECK(static_file_path("/bad%2").error().code == pathway::ErrorCode::invalid_input);
  CHECK(*static_file_path("/") == "index.html");
  CHECK(*static_file_path("/icons/icon%2D192.png") == "icons/icon-192.png");
}

TEST_CASE("static: responses for refused and missing paths") {
  const WebFolder web;
  CHECK(get(web, "/%2e%2e/%2e%2e/etc/passwd").status == 404);
  CHECK(get(web, "/.env").status == 404);
  CHECK(get(web, "/missing.js").status == 404);
  CHECK(get(web, "/icons").status == 404);          // a directory
  CHECK(get(web, "/linked.txt").status == 404);     // a symlink out of the root
  CHECK(get(web, "/bad%zz").status == 400);
  const auto post = get(web, "/index.html", {}, "POST");
  CHECK(post.status == 405);
  CHECK(post.header("Allow") == "GET, HEAD");
  CHECK(get(web, "/index.html", {}, "DELETE").status == 405);
  CHECK(get(web, "/index.html", {}, "OPTIONS").status == 405);
}

TEST_CASE("static: precompressed variants by Accept-Encoding") {
  const WebFolder web;
  const struct { const char* path; const char* accept; const char* body; const char* coding; } cases[] = {
      {"/pathway.0123456789ab.wasm", "gzip, deflate, br", "wasm-br", "br"},   // br preferred
      {"/pathway.0123456789ab.wasm", "br;q=0.1, gzip", "wasm-br", "br"},
      {"/pathway.0123456789ab.wasm", "gzip", "wasm-gz", "gzip"},              // gzip fallback
      {"/pathway.0123456789ab.wasm", "br;q=0, gzip", "wasm-gz", "gzip"},
      {"/pathway.0123456789ab.wasm", "", "wasm-plain", ""},                   // identity
      {"/pathway.0123456789ab.wasm", "deflate", "wasm-plain", ""},
      {"/loader.89abcdef01.js", "br", "js-plain", ""},                         // no .br on disk
      {"/loader.89abcdef01.js", "br, gzip", "js-gz", "gzip"},
      {"/", "br", "BR-index", "br"},
  };
  for (const auto& row : cases) {
    CAPTURE(row.path);
    CAPTURE(row.accept);
    const auto response = get(web, row.path, {{"accept-encoding", row.accept}});
    CHECK(response.status == 200);
    CHECK(response.body == row.body);
    CHECK(response.header("Content-Encoding").value_or("") == row.coding);
    CHECK(response.header("Vary") == "Accept-Encoding");
  }
  // The type is the original file's, whichever variant is sent.
  CHECK(get(web, "/pathway.0123456789ab.wasm", {{"Accept-Encoding", "br"}}).header("Content-Type") ==
        "application/wasm");
  // No variants on disk: no Vary, no Content-Encoding.
  const auto png = get(web, "/icons/icon-192.png", {{"Accept-Encoding", "br, gzip"}});
  CHECK(png.body == "png");
  CHECK_FALSE(png.header("Vary"));
  CHECK_FALSE(png.header("Content-Encoding"));
}

TEST_CASE("static: ETag and If-None-Match") {
  const WebFolder web;
  const auto first = get(web, "/pathway.0123456789ab.wasm", {{"Accept-Encoding", "br"}});
  const auto etag = std::string(first.header("ETag").value());
  CHECK(etag.front() == '"');
  // Each variant has its own validator, so a cached br body is never revalidated as gzip.
  const auto gzip = get(web, "/pathway.0123456789ab.wasm", {{"Accept-Encoding", "gzip"}});
  CHECK(gzip.header("ETag") != etag);

  const auto revalidated = get(web, "/pathway.0123456789ab.wasm", {{"Accept-Encoding", "br"}, {"If-None-Match", etag}});
  CHECK(revalidated.status == 304);
  CHECK(revalidated.body.empty());
  CHECK(revalidated.header("ETag") == etag);
  CHECK(revalidated.header("Cache-Control") == first.header("Cache-Control"));

  const struct { std::string if_none_match; int status; } cases[] = {
      {"W/" + etag, 304},                   // weak comparison (RFC 9110 13.1.2)
      {"\"other\", " + etag, 304},
      {"*", 304},
      {"\"other\"", 200},
      {etag.substr(0, etag.size() - 2) + "\"", 200},
      {"", 200},
  };
  for (const auto& row : cases) {
    CAPTURE(row.if_none_match);
    CHECK(get(web, "/pathway.0123456789ab.wasm", {{"Accept-Encoding", "br"}, {"If-None-Match", row.if_none_match}})
              .status == row.status);
  }
}

TEST_CASE("static: a changed file gets a new ETag, even at the same size and time") {
  const WebFolder web;
  // A new build's sw.js differs from the old one only in its build id: same
  // length, and written within the same tick of the file system's clock.
  const auto before = get(web, "/sw.js");
  const std::string old_tag(before.header("ETag").value());
  const auto written_at = fs::last_write_time(web.root / "sw.js");
  web.write("sw.js", "SW");
  fs::last_write_time(web.root / "sw.js", written_at);
  const auto after = get(web, "/sw.js", {{"If-None-Match", old_tag}});
  CHECK(after.status == 200);  // the browser's cached copy is stale: not 304
  CHECK(after.body == "SW");
  CHECK_FALSE(etag_matches(after.header("ETag").value(), old_tag));
  // Unchanged, the file keeps its tag.
  CHECK(get(web, "/sw.js").header("ETag") == after.header("ETag"));
  // A change of size too.
  web.write("sw.js", "sw, new build, longer");
  CHECK_FALSE(etag_matches(get(web, "/sw.js").header("ETag").value(), after.header("ETag").value()));
}

TEST_CASE("static: cache lifetimes by kind of file") {
  const WebFolder web;
  const struct { const char* path; const char* cache_control; } cases[] = {
      {"/pathway.0123456789ab.wasm", "public, max-age=31536000, immutable"},
      {"/loader.89abcdef01.js", "public, max-age=31536000, immutable"},
      {"/", "no-cache"},
      {"/index.html", "no-cache"},
      {"/sw.js", "no-cache"},  // a new build's worker must be seen at once
      {"/manifest.webmanifest", "no-cache"},
      {"/icons/icon-192.png", "no-cache"},
  };
  for (const auto& row : cases) {
    CAPTURE(row.path);
    CHECK(get(web, row.path).header("Cache-Control") == row.cache_control);
  }
}

TEST_CASE("static: HEAD answers like GET") {
  const WebFolder web;
  const auto head = get(web, "/sw.js", {}, "HEAD");
  const auto full = get(web, "/sw.js");
  CHECK(head.status == 200);
  CHECK(head.header("ETag") == full.header("ETag"));
  CHECK(head.header("Content-Type") == full.header("Content-Type"));
}
