// Reading an API request's JSON body with every failure a clear answer: over
// the size limit 413, not JSON (or nested deeper than the API ever needs)
// 400, not an object of known fields 400 naming the field. nlohmann::json is
// used without exceptions, and its own messages are never passed on (they
// quote the input, which may hold a password).
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "server/http.h"

namespace pathway::server {

inline constexpr int json_max_depth = 8;

// The body as a JSON object whose keys are all in `known_fields`, or the
// refusal to send.
std::variant<nlohmann::json, Response> read_json_object(const Request& request, size_t max_bytes,
                                                        std::initializer_list<std::string_view> known_fields);

// A required text field of 1 to max_bytes bytes (JSON text is valid UTF-8 by
// then); control characters are refused when `single_line`.
Result<std::string> text_field(const nlohmann::json& object, std::string_view name, size_t max_bytes,
                               bool single_line = true);

// JSON text for a response; invalid UTF-8 (from a stored record) is replaced,
// never thrown on.
std::string json_text(const nlohmann::json& value);

// 400 {"error","field"} for a field error, 503 for storage, 500 otherwise.
Response error_response(const Error& error);

}  // namespace pathway::server
