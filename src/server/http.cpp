// Plain HTTP values: header lookup, the shared small responses (404, 405,
// JSON), target splitting and the client's address. No sockets here.
#include "server/http.h"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

namespace pathway::server {

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::optional<std::string_view> find_header(const Headers& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (equal_ignoring_case(key, name)) return std::string_view(value);
  }
  return std::nullopt;
}

void Response::set_header(std::string_view name, std::string value) {
  std::erase_if(headers, [&](const auto& header) { return equal_ignoring_case(header.first, name); });
  headers.emplace_back(std::string(name), std::move(value));
}

Response text_response(int status, std::string_view text) {
  Response response{.status = status, .body = std::string(text)};
  response.set_header("Content-Type", "text/plain; charset=utf-8");
  response.set_header("Cache-Control", "no-store");
  return response;
}

Response json_response(int status, std::string json) {
  Response response{.status = status, .body = std::move(json)};
  response.set_header("Content-Type", "application/json");
  response.set_header("Cache-Control", "no-store");
  return response;
}

Response json_error(int status, std::string_view message, std::string_view field) {
  nlohmann::json body = {{"error", message}};
  if (!field.empty()) body["field"] = field;
  return json_response(status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

Response not_found() { return text_response(404, "Not found\n"); }

Response method_not_allowed(std::string_view allow) {
  Response response = text_response(405, "Method not allowed\n");
  response.set_header("Allow", std::string(allow));
  return response;
}

std::pair<std::string, std::string> split_target(std::string_view target) {
  const auto question = target.find('?');
  if (question == std::string_view::npos) return {std::string(target), {}};
  return {std::string(target.substr(0, question)), std::string(target.substr(question + 1))};
}

bool looks_like_ip_address(std::string_view text) {
  if (text.empty() || text.size() > 45) return false;
  bool colon = false, dot = false;
  for (char c : text) {
    if (c == ':') colon = true;
    else if (c == '.') dot = true;
    else if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  // IPv4 is decimal with dots; IPv6 has colons (and may end in dotted IPv4).
  return colon || (dot && std::all_of(text.begin(), text.end(), [](char c) { return c == '.' || std::isdigit(static_cast<unsigned char>(c)); }));
}

std::string client_address_of(std::string_view peer, std::optional<std::string_view> forwarded_for,
                              const std::vector<std::string>& trusted_proxies) {
  const auto trusted = [&](std::string_view address) {
    return std::find(trusted_proxies.begin(), trusted_proxies.end(), address) != trusted_proxies.end();
  };
  if (!forwarded_for || !trusted(peer)) return std::string(peer);
  std::string_view rest = *forwarded_for;
  while (!rest.empty()) {
    const auto comma = rest.rfind(',');
    std::string_view entry = comma == std::string_view::npos ? rest : rest.substr(comma + 1);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    while (!entry.empty() && (entry.front() == ' ' || entry.front() == '\t')) entry.remove_prefix(1);
    while (!entry.empty() && (entry.back() == ' ' || entry.back() == '\t')) entry.remove_suffix(1);
    if (!looks_like_ip_address(entry)) return std::string(peer);
    if (!trusted(entry)) return std::string(entry);
  }
  return std::string(peer);
}

}  // namespace pathway::server
