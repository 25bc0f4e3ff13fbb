// The guide's JSON bundle (see guide_bundle.h). The folder is read on every
// request: it is a few tens of kilobytes, and a council that edits a file
// sees the new version at once, with no restart.
#include "server/guide_bundle.h"

#include <algorithm>
#include <fstream>
#include <iterator>

#include <nlohmann/json.hpp>

namespace pathway::server {
namespace {

constexpr std::size_t max_guide_file_bytes = 256 * 1024;

// FNV-1a, 64 bit: the bundle's ETag only needs to change when the bytes do.
std::string fingerprint(const std::string& bytes) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  char text[20];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
  return text;
}

}  // namespace

Result<std::vector<core::guide::SourceFile>> read_guide_folder(const std::filesystem::path& folder) {
  std::error_code error;
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error))
    if (entry.is_regular_file() && entry.path().extension() == ".txt") paths.push_back(entry.path());
  if (error) return Error{ErrorCode::not_found, "The guide folder " + folder.string() + " cannot be read: " + error.message(), ""};
  std::sort(paths.begin(), paths.end());
  std::vector<core::guide::SourceFile> files;
  for (const auto& path : paths) {
    if (std::filesystem::file_size(path, error) > max_guide_file_bytes || error)
      return invalid(path.filename().string(), path.filename().string() + " is too large for a guide page");
    std::ifstream in(path, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) return Error{ErrorCode::storage, "Cannot read " + path.string(), ""};
    files.push_back({path.filename().string(), std::move(text)});
  }
  return files;
}

Result<std::string> guide_bundle_json(const std::filesystem::path& folder) {
  auto files = read_guide_folder(folder);
  if (!files) return files.error();
  auto guide = core::guide::parse_guide(*files);
  if (!guide) return guide.error();
  nlohmann::json bundle = {{"version", guide->version}, {"files", nlohmann::json::array()}};
  for (const auto& file : *files) bundle["files"].push_back({{"name", file.name}, {"text", file.text}});
  return bundle.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Response guide_bundle(const std::filesystem::path& folder, const Request& request) {
  auto json = guide_bundle_json(folder);
  if (!json) {
    std::fprintf(stderr, "pathway-server: the guide is not published: %s\n", json.error().message.c_str());
    return text_response(503, "The guide is not available just now.\n");
  }
  const std::string etag = "\"" + fingerprint(*json) + "\"";
  if (auto match = request.header("If-None-Match"); match && *match == etag) {
    Response not_modified = text_response(304, "");
    not_modified.body.clear();
    not_modified.set_header("ETag", etag);
    return not_modified;
  }
  Response response = json_response(200, std::move(*json));
  response.set_header("ETag", etag);
  response.set_header("Cache-Control", "no-cache");
  return response;
}

}  // namespace pathway::server
