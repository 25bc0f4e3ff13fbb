// Request dispatch and the headers every response carries. /api/ paths never
// fall through to static files, so an API typo is a JSON 404, not a file.
#include "server/router.h"

#include <cassert>

namespace pathway::server {

namespace {

bool is_api_path(std::string_view path) { return path == "/api" || path.starts_with("/api/"); }

}  // namespace

void add_security_headers(Response& response) {
  response.set_header("Content-Security-Policy", std::string(kContentSecurityPolicy));
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("Referrer-Policy", "no-referrer");
  response.set_header("Cross-Origin-Opener-Policy", "same-origin");
  response.set_header("Cross-Origin-Resource-Policy", "same-origin");
  response.set_header("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
  response.set_header("X-Frame-Options", "DENY");
}

void Router::add(std::string method, std::string path, Handler handler) {
  assert(is_api_path(path));
  routes_.push_back({std::move(method), std::move(path), std::move(handler)});
}

void Router::add_prefix(std::string method, std::string prefix, Handler handler) {
  assert(is_api_path(prefix) && prefix.ends_with('/'));
  routes_.push_back({std::move(method), std::move(prefix), std::move(handler), /*prefix=*/true});
}

Response Router::handle(const Request& request) const {
  Response response;
  if (is_api_path(request.path)) {
    std::string allowed;
    const Route* match = nullptr;
    for (const auto& route : routes_) {
      const bool matches = route.prefix ? request.path.size() > route.path.size() && request.path.starts_with(route.path)
                                        : route.path == request.path;
      if (!matches) continue;
      if (route.method == request.method) match = &route;
      allowed += (allowed.empty() ? "" : ", ") + route.method;
    }
    if (match) response = match->handler(request);
    else if (!allowed.empty()) response = method_not_allowed(allowed);
    else response = json_response(404, R"({"error":"not found"})");
  } else if (static_) {
    response = static_(request);
  } else {
    response = not_found();
  }
  add_security_headers(response);
  return response;
}

}  // namespace pathway::server
