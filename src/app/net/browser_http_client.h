// HttpClient in the browser: fetch() through js/http.js (see http_client.h).
#pragma once

#include "app/net/http_client.h"

namespace pathway::app {

class BrowserHttpClient : public HttpClient {
 public:
  void post_json(std::string_view path, std::string body, int timeout_ms, Callback done) override;
};

}  // namespace pathway::app
