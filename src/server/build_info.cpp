// Reads the build id written by the packaging step. Small and defensive: the
// file is limited in size and parsed without exceptions.
#include "server/build_info.h"

#include <fstream>
#include <iterator>

#include <nlohmann/json.hpp>

namespace pathway::server {

std::string read_build_id(const std::filesystem::path& web_root) {
  constexpr std::streamsize kMaxBytes = 64 * 1024;
  std::ifstream in(web_root / "build.json", std::ios::binary);
  if (!in) return "unknown";
  std::string text(kMaxBytes, '\0');
  in.read(text.data(), kMaxBytes);
  text.resize(static_cast<size_t>(in.gcount()));
  const auto json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object() || !json.contains("build") || !json["build"].is_string()) return "unknown";
  return json["build"].get<std::string>();
}

}  // namespace pathway::server
