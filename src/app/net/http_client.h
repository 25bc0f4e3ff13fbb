// The app's one way to reach the server: a POST of a JSON body to a path of
// the app's own origin (the session cookie goes with it), answered later,
// never blocking the frame loop. In the browser it is fetch()
// (browser_http_client.cpp, js/http.js); the sync engine's native tests use
// a fake. Bodies can hold a password or a caseload: no implementation logs
// them, or the cookie.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace pathway::app {

struct HttpResponse {
  int status = 0;    // the HTTP status; 0 when no answer came (offline, timed out, connection dropped)
  std::string body;  // empty when status is 0
};

class HttpClient {
 public:
  using Callback = std::function<void(HttpResponse)>;
  virtual ~HttpClient() = default;
  // Sends `body` as application/json to `path` (relative to the app, e.g.
  // "api/sync/push"). `done` is called exactly once, later, never from
  // inside post_json; a request without an answer in `timeout_ms` ends with
  // status 0.
  virtual void post_json(std::string_view path, std::string body, int timeout_ms, Callback done) = 0;
};

// The server's words in an error answer ({"error": "..."}), or `otherwise`
// when the body has none.
std::string error_words(const HttpResponse& response, std::string_view otherwise);

}  // namespace pathway::app
