// Sessions and the request guard. A session token is 32 random bytes
// (libsodium randombytes), sent as 43 characters of unpadded base64url; the
// server keeps only its BLAKE2b-256 hash. The app gets it twice at sign-in:
// as the cookie `pathway_session` (HttpOnly, SameSite=Strict, Path=/api,
// Secure over https) and in the JSON, to keep in its encrypted store and send
// as `Authorization: Bearer`; either is accepted.
//
// A session ends after 12 hours unused (idle expiry, moved forward as it is
// used, at most once a minute so a busy device does not write at every
// request), 14 days after sign-in whatever happens (absolute expiry), at
// sign-out, or when an admin revokes it. Everything is in the AccountStore:
// any server process can check any session.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "core/date.h"
#include "server/account_store.h"
#include "server/http.h"

namespace pathway::server {

inline constexpr std::string_view session_cookie_name = "pathway_session";
inline constexpr int64_t session_idle_seconds = 12 * 3600;
inline constexpr int64_t session_absolute_seconds = 14 * 24 * 3600;
inline constexpr int64_t session_touch_interval_seconds = 60;

struct SessionToken {
  std::string text;  // what the client holds
  TokenHash hash;    // what the server keeps
};

SessionToken new_session_token();
// The hash of a well-formed token, or nullopt for anything else.
std::optional<TokenHash> token_hash_of(std::string_view token);

// The token a request carries: `Authorization: Bearer`, else the cookie.
std::optional<std::string> session_token_of(const Request& request);

// Whether the request reached us over https (directly, or through a proxy
// that says so): the cookie is then marked Secure.
bool came_over_https(const Request& request);
std::string session_cookie(const std::string& token, int64_t max_age_seconds, bool secure);

// Who is asking: the signed-in member of staff, their role and team, and
// the device and session they use.
struct Principal {
  int64_t user_id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::pa;
  std::string team_id;
  std::string staff_id;
  std::string device_id;
  int64_t session_id = 0;
};

struct AccountServices {
  AccountStore* store = nullptr;
  std::function<Instant()> now;  // the wall clock; tests move it
};

// The session of a request, checked and refreshed, or the 401 (or 503) to send.
std::variant<Principal, Response> authenticate(const AccountServices& services, const Request& request);

// The guard every /api handler but health and the public guide sits behind.
using PrincipalHandler = std::function<Response(const Principal&, const Request&)>;
Handler require_session(AccountServices services, PrincipalHandler handler);

// An audit row about `principal`'s request, with `action` and `record_id`.
AuditEntry audit_of(const Principal& principal, const Request& request, Instant at, std::string action,
                    std::string record_id = {});

}  // namespace pathway::server
