// The one entry point for every request: API routes by exact path and method
// under /api/, static files for everything else, and the security headers
// every response carries (a strict Content-Security-Policy for an app that
// runs only its own scripts and WebAssembly). Later handlers (sign-in, sync,
// audit) are added with add(), each a plain Handler.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "server/http.h"

namespace pathway::server {

// The policy the app is built to run under: no inline script or style, no
// eval except WebAssembly compilation, nothing loaded from elsewhere.
inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

void add_security_headers(Response& response);

class Router {
 public:
  // Handles `method` on exactly `path` (which must start with /api/).
  void add(std::string method, std::string path, Handler handler);
  // Handles `method` on every path under `prefix` (ending in '/'), for
  // addresses that carry a record id: /api/young-people/<id>.
  void add_prefix(std::string method, std::string prefix, Handler handler);
  // Handles every path outside /api/ (the built app).
  void set_static(Handler handler) { static_ = std::move(handler); }

  Response handle(const Request& request) const;

  struct Route {
    std::string method;
    std::string path;
    Handler handler;
    bool prefix = false;  // `path` and anything after it
  };
  // Every API route, in the order added (tests check each is guarded).
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  Handler static_;
};

}  // namespace pathway::server
