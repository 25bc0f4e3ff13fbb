// Reading the server's error answers (see http_client.h).
#include "app/net/http_client.h"

#include <nlohmann/json.hpp>

namespace pathway::app {

std::string error_words(const HttpResponse& response, std::string_view otherwise) {
  const auto body = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_object() && body.contains("error") && body["error"].is_string() && !body["error"].empty())
    return body["error"].get<std::string>();
  return std::string(otherwise);
}

}  // namespace pathway::app
