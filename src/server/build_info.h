// Which build of the app the server is serving: scripts/package-web.mjs writes
// build.json ({"build": "<id>", ...}) into the web folder, where the id is a
// hash of every asset. /api/health reports it, so a test or an operator can
// see that a deployment took effect.
#pragma once

#include <filesystem>
#include <string>

namespace pathway::server {

// The build id from web_root/build.json, or "unknown" if it is missing or
// unreadable (the server still serves what is there).
std::string read_build_id(const std::filesystem::path& web_root);

}  // namespace pathway::server
