// JSON request bodies (see json_body.h).
#include "server/json_body.h"

namespace pathway::server {

std::variant<nlohmann::json, Response> read_json_object(const Request& request, size_t max_bytes,
                                                        std::initializer_list<std::string_view> known_fields) {
  if (request.body.size() > max_bytes) {
    return json_error(413, "The request body is larger than " + std::to_string(max_bytes / 1024) + " KiB");
  }
  bool too_deep = false;
  auto value = nlohmann::json::parse(
      request.body,
      [&](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
        if (depth > json_max_depth) too_deep = true;
        return !too_deep;  // keep nothing once too deep
      },
      /*allow_exceptions=*/false);
  if (too_deep) return json_error(400, "The request body is nested too deeply");
  if (value.is_discarded()) return json_error(400, "The request body is not valid JSON");
  if (!value.is_object()) return json_error(400, "The request body must be a JSON object");
  for (const auto& item : value.items()) {
    bool known = false;
    for (const auto name : known_fields) known = known || item.key() == name;
    if (!known) return json_error(400, "Unknown field \"" + item.key().substr(0, 64) + "\"", item.key().substr(0, 64));
  }
  return value;
}

Result<std::string> text_field(const nlohmann::json& object, std::string_view name, size_t max_bytes,
                               bool single_line) {
  const std::string key(name);
  const auto found = object.find(key);
  if (found == object.end() || found->is_null()) return invalid(key, "The field \"" + key + "\" is missing");
  if (!found->is_string()) return invalid(key, "The field \"" + key + "\" must be text");
  std::string text = found->get<std::string>();
  if (text.empty()) return invalid(key, "The field \"" + key + "\" is empty");
  if (text.size() > max_bytes) {
    return invalid(key, "The field \"" + key + "\" is longer than " + std::to_string(max_bytes) + " bytes");
  }
  if (single_line) {
    for (const char c : text) {
      const auto byte = static_cast<unsigned char>(c);
      if (byte < 0x20 || byte == 0x7f) return invalid(key, "The field \"" + key + "\" has a control character");
    }
  }
  return text;
}

std::string json_text(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Response error_response(const Error& error) {
  switch (error.code) {
    case ErrorCode::invalid_input: return json_error(400, error.message, error.field);
    case ErrorCode::storage: return json_error(503, "The server's database is not answering; try again shortly");
    default: return json_error(500, "Something went wrong on the server");
  }
}

}  // namespace pathway::server
