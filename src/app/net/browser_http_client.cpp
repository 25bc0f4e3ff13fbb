// HttpClient in the browser (see browser_http_client.h). Each request waits
// in a table under a number until js/http.js calls pathway_http_done() with
// its answer; the body handed to JavaScript is wiped here once fetch() has
// its own copy (a sign-in body holds a password).
#include "app/net/browser_http_client.h"

#include <map>

#include <emscripten/emscripten.h>

#include "core/wipe.h"

extern "C" void pathway_js_http_post(int request, const char* path, const char* body, int timeout_ms);

namespace pathway::app {
namespace {

std::map<int, HttpClient::Callback>& waiting() {
  static std::map<int, HttpClient::Callback> requests;
  return requests;
}
int last_request = 0;

}  // namespace

void BrowserHttpClient::post_json(std::string_view path, std::string body, int timeout_ms, Callback done) {
  const int request = ++last_request;
  waiting().emplace(request, std::move(done));
  pathway_js_http_post(request, std::string(path).c_str(), body.c_str(), timeout_ms);
  wipe(body);
}

}  // namespace pathway::app

extern "C" EMSCRIPTEN_KEEPALIVE void pathway_http_done(int request, int status, const char* body) {
  auto& requests = pathway::app::waiting();
  const auto found = requests.find(request);
  if (found == requests.end()) return;
  pathway::app::HttpClient::Callback done = std::move(found->second);
  requests.erase(found);
  done(pathway::app::HttpResponse{status, body ? std::string(body) : std::string()});
}
