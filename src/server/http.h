// The server's own view of HTTP: a Request and a Response as plain values, and
// the handler type that maps one to the other. Every handler (static files,
// /api/health, and later sign-in, sync and audit) is a plain function of this
// shape, so it is tested in doctest without sockets; only http_listener.cpp
// knows about the HTTP library that moves the bytes.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pathway::server {

// ASCII letters compared without regard to case.
bool equal_ignoring_case(std::string_view a, std::string_view b);

// Header names are matched without regard to case (RFC 9110 5.1).
using Headers = std::vector<std::pair<std::string, std::string>>;

std::optional<std::string_view> find_header(const Headers& headers, std::string_view name);

struct Request {
  std::string method;  // "GET", "HEAD", ...
  std::string path;    // as sent, still percent-encoded, without the query
  std::string query;   // after '?', still encoded; never logged
  Headers headers;
  std::string body;
  std::string client_address;  // the connection's peer address, for rate limits and the audit log

  std::optional<std::string_view> header(std::string_view name) const { return find_header(headers, name); }
};

// The address a request came from, for rate limits and the audit log: the
// connection's peer, unless the peer is one of `trusted_proxies` (a reverse
// proxy in front of the server, e.g. one ending TLS). Then it is the last
// address in X-Forwarded-For that is not itself a trusted proxy: entries to
// its left were written by the client and cannot be believed (RFC 7239 s8.1
// explains the same for Forwarded). An entry that is not an IP address, or a
// header with none, leaves the peer's address.
std::string client_address_of(std::string_view peer, std::optional<std::string_view> forwarded_for,
                              const std::vector<std::string>& trusted_proxies);
// An IPv4 or IPv6 address as written (digits, hex, '.', ':'), at most 45 characters.
bool looks_like_ip_address(std::string_view text);

struct Response {
  int status = 200;
  Headers headers;
  std::string body;  // for HEAD the listener sends the headers only

  std::optional<std::string_view> header(std::string_view name) const { return find_header(headers, name); }
  // Replaces any header of the same name.
  void set_header(std::string_view name, std::string value);
};

using Handler = std::function<Response(const Request&)>;

// Small responses every handler shares.
Response text_response(int status, std::string_view text);
Response json_response(int status, std::string json);
// {"error": message} (and "field" when given): what every API refusal looks like.
Response json_error(int status, std::string_view message, std::string_view field = {});
Response not_found();
Response method_not_allowed(std::string_view allow);

// Splits "/a/b?x=1" into path and query.
std::pair<std::string, std::string> split_target(std::string_view target);

}  // namespace pathway::server
