// Session tokens, cookies and the request guard (see sessions.h).
#include "server/sessions.h"

#include <sodium.h>

#include "server/json_body.h"
#include "server/passwords.h"

namespace pathway::server {

namespace {

constexpr size_t token_bytes = 32;
constexpr size_t token_chars = 43;  // unpadded base64url of 32 bytes

TokenHash hash_token_bytes(const unsigned char* bytes, size_t size) {
  TokenHash hash{};
  crypto_generichash(hash.data(), hash.size(), bytes, size, nullptr, 0);
  return hash;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::optional<std::string> cookie_value(std::string_view cookies, std::string_view name) {
  while (!cookies.empty()) {
    const auto end = cookies.find(';');
    const auto pair = trim(cookies.substr(0, end));
    const auto equals = pair.find('=');
    if (equals != std::string_view::npos && pair.substr(0, equals) == name) return std::string(pair.substr(equals + 1));
    if (end == std::string_view::npos) break;
    cookies.remove_prefix(end + 1);
  }
  return std::nullopt;
}

Response unauthorised(std::string_view message) {
  Response response = json_error(401, message);
  response.set_header("WWW-Authenticate", "Bearer");
  return response;
}

}  // namespace

SessionToken new_session_token() {
  (void)init_crypto();
  unsigned char bytes[token_bytes];
  randombytes_buf(bytes, sizeof bytes);
  char text[token_chars + 1];
  sodium_bin2base64(text, sizeof text, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  SessionToken token{std::string(text, token_chars), hash_token_bytes(bytes, sizeof bytes)};
  sodium_memzero(bytes, sizeof bytes);
  return token;
}

std::optional<TokenHash> token_hash_of(std::string_view token) {
  if (token.size() != token_chars) return std::nullopt;
  unsigned char bytes[token_bytes];
  size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(bytes, sizeof bytes, token.data(), token.size(), nullptr, &length, &end,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      length != token_bytes || end != token.data() + token.size()) {
    return std::nullopt;
  }
  const TokenHash hash = hash_token_bytes(bytes, length);
  sodium_memzero(bytes, sizeof bytes);
  return hash;
}

std::optional<std::string> session_token_of(const Request& request) {
  if (const auto authorization = request.header("Authorization")) {
    constexpr std::string_view scheme = "Bearer ";  // the scheme is not case-sensitive (RFC 9110 11.1)
    if (authorization->size() > scheme.size() &&
        equal_ignoring_case(authorization->substr(0, scheme.size()), scheme)) {
      return std::string(trim(authorization->substr(scheme.size())));
    }
  }
  if (const auto cookies = request.header("Cookie")) return cookie_value(*cookies, session_cookie_name);
  return std::nullopt;
}

bool came_over_https(const Request& request) {
  if (const auto proto = request.header("X-Forwarded-Proto")) return trim(*proto) == "https";
  if (const auto forwarded = request.header("Forwarded")) return forwarded->find("proto=https") != std::string_view::npos;
  return false;
}

std::string session_cookie(const std::string& token, int64_t max_age_seconds, bool secure) {
  return std::string(session_cookie_name) + "=" + token + "; Path=/api; Max-Age=" + std::to_string(max_age_seconds) +
         "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
}

std::variant<Principal, Response> authenticate(const AccountServices& services, const Request& request) {
  const auto token = session_token_of(request);
  if (!token) return unauthorised("Sign in first");
  const auto hash = token_hash_of(*token);
  if (!hash) return unauthorised("The session is not valid; sign in again");
  auto session = services.store->session_by_token_hash(*hash);
  if (!session) return error_response(session.error());
  if (!*session) return unauthorised("The session is not valid; sign in again");
  const Instant now = services.now();
  if ((*session)->device_revoked) return unauthorised("This device has been removed from Pathway; ask an administrator");
  if ((*session)->revoked_at) return unauthorised("The session was ended; sign in again");
  if (now >= (*session)->idle_expires_at || now >= (*session)->absolute_expires_at) {
    return unauthorised("The session has expired; sign in again");
  }
  auto user = services.store->user_by_id((*session)->user_id);
  if (!user) return error_response(user.error());
  if (!*user || (*user)->disabled) return unauthorised("The account is not active; ask an administrator");

  // Idle expiry moves with use, but not past the absolute expiry.
  const Instant idle_expires{std::min(now.seconds + session_idle_seconds, (*session)->absolute_expires_at.seconds)};
  if (idle_expires.seconds - (*session)->idle_expires_at.seconds >= session_touch_interval_seconds) {
    if (Status touched = services.store->touch_session((*session)->id, idle_expires, now); !touched) {
      return error_response(touched.error());
    }
  }
  const User& signed_in = **user;
  return Principal{.user_id = signed_in.id,
                   .username = signed_in.username,
                   .display_name = signed_in.display_name,
                   .role = signed_in.role,
                   .team_id = signed_in.team_id,
                   .staff_id = signed_in.staff_id,
                   .device_id = (*session)->device_id,
                   .session_id = (*session)->id};
}

Handler require_session(AccountServices services, PrincipalHandler handler) {
  return [services = std::move(services), handler = std::move(handler)](const Request& request) {
    auto checked = authenticate(services, request);
    if (auto* refusal = std::get_if<Response>(&checked)) return std::move(*refusal);
    return handler(std::get<Principal>(checked), request);
  };
}

AuditEntry audit_of(const Principal& principal, const Request& request, Instant at, std::string action,
                    std::string record_id) {
  return AuditEntry{.at = at,
                    .user_id = principal.user_id,
                    .username = principal.username,
                    .device_id = principal.device_id,
                    .client_address = request.client_address,
                    .action = std::move(action),
                    .record_id = std::move(record_id)};
}

}  // namespace pathway::server
