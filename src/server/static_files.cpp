// Static files for the built app: path checks, MIME types, precompressed
// variants, ETags and cache lifetimes. See static_files.h for the rules.
#include "server/static_files.h"

#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iterator>
#include <optional>
#include <system_error>
#include <utility>

namespace pathway::server {

namespace {

constexpr size_t kMaxPathLength = 512;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Calls fn(item) for each comma-separated item of a header value, trimmed.
template <class F>
void for_each_list_item(std::string_view list, F&& fn) {
  while (!list.empty()) {
    const auto comma = list.find(',');
    const auto item = trim(list.substr(0, comma));
    if (!item.empty()) fn(item);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
}

// The q-value of an Accept-Encoding item ("br;q=0.5" -> 0.5); 1 when absent,
// 0 when malformed (a client that sends nonsense gets the plain file).
double quality(std::string_view parameters) {
  while (!parameters.empty()) {
    const auto semicolon = parameters.find(';');
    const auto parameter = trim(parameters.substr(0, semicolon));
    if (parameter.size() > 2 && (parameter[0] == 'q' || parameter[0] == 'Q') && parameter[1] == '=') {
      const auto number = parameter.substr(2);
      double value = 0;
      const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), value);
      if (error != std::errc{} || end != number.data() + number.size() || value < 0 || value > 1) return 0;
      return value;
    }
    if (semicolon == std::string_view::npos) break;
    parameters.remove_prefix(semicolon + 1);
  }
  return 1;
}

bool is_control(unsigned char c) { return c < 0x20 || c == 0x7f; }

struct FileVariant {
  std::filesystem::path path;
  std::string_view coding;  // "" for the file itself
};

std::optional<std::filesystem::file_status> regular_file_status(const std::filesystem::path& path) {
  std::error_code error;
  const auto status = std::filesystem::symlink_status(path, error);
  if (error || !std::filesystem::is_regular_file(status)) return std::nullopt;
  return status;
}

// A strong validator from the bytes themselves (size and a hash), distinct
// per variant. Size and modification time are not enough: a new build's
// sw.js has the old one's length, and a file rewritten within one tick of
// the file system's clock (or copied with its time kept) keeps its time, so
// a browser would be told its stale copy is current.
std::string entity_tag(std::string_view content, std::string_view coding) {
  char tag[80];
  std::snprintf(tag, sizeof tag, "\"%zx-%zx%s%.*s\"", content.size(), std::hash<std::string_view>{}(content),
                coding.empty() ? "" : "-", static_cast<int>(coding.size()), coding.data());
  return tag;
}

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return std::nullopt;
  return content;
}

Response serve_file(const std::filesystem::path& web_root, const std::string& relative, const Request& request) {
  const auto file = web_root / relative;
  if (!regular_file_status(file)) return not_found();

  // Precompressed siblings, in the server's order of preference.
  constexpr std::array<std::pair<std::string_view, std::string_view>, 2> kCodings{{{"br", ".br"}, {"gzip", ".gz"}}};
  const auto accept_encoding = request.header("Accept-Encoding").value_or("");
  bool has_variants = false;
  FileVariant chosen{file, ""};
  for (const auto& [coding, suffix] : kCodings) {
    auto variant = file;
    variant += suffix;
    if (!regular_file_status(variant)) continue;
    has_variants = true;
    if (chosen.coding.empty() && accepts_encoding(accept_encoding, coding)) chosen = {variant, coding};
  }

  auto content = read_file(chosen.path);
  if (!content) return not_found();
  const std::string tag = entity_tag(*content, chosen.coding);

  Response response;
  const auto name = std::string_view(relative).substr(relative.rfind('/') + 1);
  response.set_header("Cache-Control", is_content_hashed(name) ? "public, max-age=31536000, immutable" : "no-cache");
  response.set_header("ETag", tag);
  if (has_variants) response.set_header("Vary", "Accept-Encoding");

  if (const auto if_none_match = request.header("If-None-Match"); if_none_match && etag_matches(*if_none_match, tag)) {
    response.status = 304;
    return response;
  }
  response.set_header("Content-Type", std::string(mime_type(name)));
  if (!chosen.coding.empty()) response.set_header("Content-Encoding", std::string(chosen.coding));
  response.body = std::move(*content);
  return response;
}

// The guide's shareable links (/guide, /guide/<topic>) are pages of the app:
// they get index.html. The page's relative links then ask for
// /guide/<file> ("/guide/app.<hash>.css"), which is the app's own file.
std::string app_file_for(const std::filesystem::path& web_root, const std::string& relative) {
  constexpr std::string_view guide_path = "guide";
  if (relative == guide_path) return "index.html";
  if (!relative.starts_with("guide/")) return relative;
  const std::string rest = relative.substr(guide_path.size() + 1);
  std::error_code error;
  if (rest.find('/') == std::string::npos && !rest.empty() &&
      std::filesystem::is_regular_file(web_root / rest, error))
    return rest;
  return "index.html";
}

}  // namespace

Result<std::string> static_file_path(std::string_view encoded_path) {
  const Error refused{ErrorCode::not_found, "No such file", ""};
  if (encoded_path.empty() || encoded_path.front() != '/' || encoded_path.size() > kMaxPathLength) return refused;
  if (encoded_path == "/") return std::string("index.html");

  std::string decoded;
  decoded.reserve(encoded_path.size());
  for (size_t i = 1; i < encoded_path.size(); ++i) {
    char c = encoded_path[i];
    if (c == '%') {
      const int high = i + 2 < encoded_path.size() ? hex_value(encoded_path[i + 1]) : -1;
      const int low = i + 2 < encoded_path.size() ? hex_value(encoded_path[i + 2]) : -1;
      if (high < 0 || low < 0) return invalid("path", "Malformed percent-encoding in the request path");
      c = static_cast<char>(high * 16 + low);
      // An encoded slash would hide a segment from the checks below.
      if (c == '/') return refused;
      i += 2;
    }
    if (c == '\\' || is_control(static_cast<unsigned char>(c))) return refused;
    decoded.push_back(c);
  }

  // Every segment must be a plain, visible name: no "", ".", "..", ".hidden".
  std::string_view rest = decoded;
  for (;;) {
    const auto slash = rest.find('/');
    const auto segment = rest.substr(0, slash);
    if (segment.empty() || segment.front() == '.') return refused;
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  // Precompressed variants are chosen by negotiation, never asked for by name.
  if (ends_with(decoded, ".br") || ends_with(decoded, ".gz")) return refused;
  return decoded;
}

std::string_view mime_type(std::string_view file_name) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 15> kTypes{{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".wasm", "application/wasm"},
      {".json", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".otf", "font/otf"},
      {".ttf", "font/ttf"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"},
  }};
  const auto dot = file_name.rfind('.');
  if (dot == std::string_view::npos) return "application/octet-stream";
  const auto extension = lowercase(file_name.substr(dot));
  for (const auto& [known, type] : kTypes) {
    if (extension == known) return type;
  }
  return "application/octet-stream";
}

bool accepts_encoding(std::string_view accept_encoding, std::string_view coding) {
  std::optional<double> listed, wildcard;
  for_each_list_item(accept_encoding, [&](std::string_view item) {
    const auto semicolon = item.find(';');
    const auto name = lowercase(trim(item.substr(0, semicolon)));
    const double q = semicolon == std::string_view::npos ? 1.0 : quality(item.substr(semicolon + 1));
    if (name == coding) listed = q;
    else if (name == "*") wildcard = q;
  });
  if (listed) return *listed > 0;
  return wildcard && *wildcard > 0;
}

bool is_content_hashed(std::string_view file_name) {
  // base.<hex, at least 8>.ext
  const auto last_dot = file_name.rfind('.');
  if (last_dot == std::string_view::npos || last_dot == 0) return false;
  const auto hash_dot = file_name.rfind('.', last_dot - 1);
  if (hash_dot == std::string_view::npos || hash_dot == 0) return false;
  const auto hash = file_name.substr(hash_dot + 1, last_dot - hash_dot - 1);
  if (hash.size() < 8) return false;
  for (char c : hash) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  const auto opaque = [](std::string_view tag) { return tag.starts_with("W/") ? tag.substr(2) : tag; };
  bool matched = false;
  for_each_list_item(if_none_match, [&](std::string_view item) {
    if (item == "*" || opaque(item) == opaque(etag)) matched = true;
  });
  return matched;
}

Handler static_files(std::filesystem::path web_root) {
  return [web_root = std::move(web_root)](const Request& request) {
    if (request.method != "GET" && request.method != "HEAD") return method_not_allowed("GET, HEAD");
    auto relative = static_file_path(request.path);
    if (!relative) {
      return relative.error().code == ErrorCode::invalid_input ? text_response(400, "Bad request\n") : not_found();
    }
    return serve_file(web_root, app_file_for(web_root, *relative), request);
  };
}

}  // namespace pathway::server
