// Serving the built app (build/web) as static files, the way a PWA wants it:
// the right MIME type for every file the packaging step writes; brotli or
// gzip files written next to the original at build time, chosen by the
// client's Accept-Encoding; strong ETags with If-None-Match -> 304; and cache
// lifetimes by kind of file (content-hashed names are immutable for a year,
// index.html, sw.js and the manifest are revalidated every time so a new
// build is seen at once).
//
// A request path is trusted for nothing: it is percent-decoded once, and any
// segment that could leave the web root or reach a hidden file ("..", ".x",
// encoded slashes or backslashes, NUL and control bytes) is refused before the
// file system is touched. Only regular files (never symlinks) are served.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.h"
#include "server/http.h"

namespace pathway::server {

// "index.html" for "/", else the decoded relative path ("icons/icon-192.png");
// not_found for anything that must not be served, invalid_input when the
// percent-encoding itself is malformed.
Result<std::string> static_file_path(std::string_view encoded_path);

// Content-Type for a file name, by extension; application/octet-stream when unknown.
std::string_view mime_type(std::string_view file_name);

// True when the client's Accept-Encoding value allows `coding` ("br", "gzip"):
// listed with q > 0, or covered by "*" with q > 0 and not listed itself.
bool accepts_encoding(std::string_view accept_encoding, std::string_view coding);

// Names the packaging step content-hashes: "pathway.3f9a0c12b4de.wasm".
bool is_content_hashed(std::string_view file_name);

// True when the If-None-Match value lists `etag` (weak comparison) or "*".
bool etag_matches(std::string_view if_none_match, std::string_view etag);

// The handler for GET and HEAD of files under `web_root`; 405 for other methods.
Handler static_files(std::filesystem::path web_root);

}  // namespace pathway::server
