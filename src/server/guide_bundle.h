// Publishing the care leaver's guide. A council keeps the guide as text
// files in one folder (assets/guide: council.txt and one file a topic; the
// packaging step copies it to build/web/guide-content, and --guide DIR
// points the server at another). GET /api/guide answers with the whole guide
// as one JSON bundle, {"version": ..., "files": [{"name", "text"}...]}: the
// app takes it at its next online start and keeps it for offline use.
//
// A folder that does not parse as a guide (core/guide.h) is never published:
// the endpoint answers 503 and the log names the file and line, so a typo in
// a new version keeps devices on the last good one. The bundle has a strong
// ETag (a hash of its bytes): an app that has it gets 304.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/guide.h"
#include "core/result.h"
#include "server/http.h"

namespace pathway::server {

// The folder's *.txt files, in name order (topic order is file name order).
Result<std::vector<core::guide::SourceFile>> read_guide_folder(const std::filesystem::path& folder);

// The JSON bundle of a folder that parses as a guide.
Result<std::string> guide_bundle_json(const std::filesystem::path& folder);

// GET /api/guide.
Response guide_bundle(const std::filesystem::path& folder, const Request& request);

}  // namespace pathway::server
