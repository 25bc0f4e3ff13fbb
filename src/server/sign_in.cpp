// The sign-in endpoints (see sign_in.h).
#include "server/sign_in.h"

#include <nlohmann/json.hpp>

#include "server/accounts.h"
#include "server/json_body.h"
#include "server/passwords.h"

namespace pathway::server {

namespace {

using nlohmann::json;

struct SignInFields {
  std::string username;  // normalised
  std::string password;
  std::string device_id;
  std::string device_name;
};

Result<SignInFields> read_fields(const json& body) {
  auto username = text_field(body, "username", username_max_bytes);
  if (!username) return username.error();
  auto password = text_field(body, "password", password_max_bytes, /*single_line=*/false);
  if (!password) return password.error();
  auto device_id = text_field(body, "device_id", device_id_max_bytes);
  if (!device_id) return device_id.error();
  for (const char c : *device_id) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!allowed) return invalid("device_id", "The device id has only letters, digits, '-' and '_'");
  }
  auto device_name = text_field(body, "device_name", device_name_max_bytes);
  if (!device_name) return device_name.error();
  // A name no account can have is kept as one placeholder: it is often a
  // password typed into the wrong field, and must not reach the audit log.
  std::string name = normalise_username(*username);
  if (!check_username(name)) name = "(not a valid username)";
  return SignInFields{std::move(name), std::move(*password), std::move(*device_id), std::move(*device_name)};
}

Response too_many(std::string_view message, int64_t retry_after_seconds) {
  Response response = json_error(429, message);
  response.set_header("Retry-After", std::to_string(std::max<int64_t>(retry_after_seconds, 1)));
  return response;
}

constexpr std::string_view locked_message =
    "Too many wrong passwords for this username. Wait 15 minutes, then try again, or ask an administrator.";

json user_json(std::string_view username, std::string_view display_name, Role role, std::string_view team_id,
               std::string_view staff_id) {
  return {{"username", username}, {"display_name", display_name}, {"role", role_code(role)},
          {"team_id", team_id}, {"staff_id", staff_id}};
}

}  // namespace

Response sign_in(const AccountServices& services, const Request& request) {
  auto body = read_json_object(request, sign_in_max_body_bytes, {"username", "password", "device_id", "device_name"});
  if (auto* refusal = std::get_if<Response>(&body)) return std::move(*refusal);
  auto fields = read_fields(std::get<json>(body));
  if (!fields) return error_response(fields.error());
  AccountStore& store = *services.store;

  const Instant now = services.now();
  SignInAttempt attempt{.username = fields->username, .client_address = request.client_address, .at = now};
  const AuditEntry about{.at = now,
                         .username = fields->username,
                         .device_id = fields->device_id,
                         .client_address = request.client_address};
  const auto audit = [&](std::string action, std::string detail) {
    AuditEntry entry = about;
    entry.action = std::move(action);
    entry.detail = std::move(detail);
    return entry;
  };
  auto started = store.start_sign_in_attempt(attempt, Instant{now.seconds - failure_window_seconds});
  if (!started) return error_response(started.error());
  const AttemptCounts* counts = &started->before;
  const auto refuse = [&](AttemptOutcome outcome, std::optional<Instant> lock_until, std::vector<AuditEntry> rows,
                          Response answer) {
    attempt.outcome = outcome;
    if (Status recorded = store.record_refused_sign_in(started->id, attempt, lock_until, rows); !recorded) {
      return error_response(recorded.error());
    }
    return answer;
  };
  if (counts->address_failures >= failures_per_address_limit) {
    return refuse(AttemptOutcome::throttled, std::nullopt,
                  {audit("sign_in_throttled", "too many wrong passwords from this address")},
                  too_many("Too many wrong passwords from this network. Wait 15 minutes, then try again.",
                           failure_window_seconds));
  }
  // Locked, or as good as: the attempts before this one that are still
  // being checked will lock it if they fail.
  if (counts->locked_until || counts->username_failures >= failures_before_lockout) {
    return refuse(AttemptOutcome::locked, std::nullopt, {audit("sign_in_locked", "the username is locked")},
                  too_many(locked_message, counts->locked_until ? counts->locked_until->seconds - now.seconds
                                                                : lockout_seconds));
  }

  auto user = store.user_by_username(fields->username);
  if (!user) return error_response(user.error());
  const bool active = *user && !(*user)->disabled;
  // The same Argon2id work whether or not the account exists.
  const bool password_matches = verify_password(active ? (*user)->password_hash : dummy_password_hash(), fields->password);
  if (!active || !password_matches) {
    std::vector<AuditEntry> rows{audit("sign_in_failed", "wrong username or password")};
    if (*user) rows.front().user_id = (*user)->id;
    if (counts->username_failures + 1 < failures_before_lockout) {
      return refuse(AttemptOutcome::wrong_credentials, std::nullopt, std::move(rows),
                    json_error(401, "Wrong username or password"));
    }
    rows.push_back(audit("account_locked", "5 wrong passwords within 15 minutes; locked for 15 minutes"));
    rows.back().user_id = rows.front().user_id;
    return refuse(AttemptOutcome::wrong_credentials, Instant{now.seconds + lockout_seconds}, std::move(rows),
                  too_many(locked_message, lockout_seconds));
  }
  const User& account = **user;
  if (needs_rehash(account.password_hash)) {
    // A hash from before a cost change: replace it while the password is at hand.
    auto rehashed = hash_password(fields->password);
    if (!rehashed) return error_response(rehashed.error());
    if (Status saved = store.set_password_hash(account.id, *rehashed); !saved) return error_response(saved.error());
  }

  auto known_device = store.device(fields->device_id);
  if (!known_device) return error_response(known_device.error());
  if (*known_device && (*known_device)->revoked) {
    AuditEntry refused = audit("sign_in_refused_device", "the device was revoked");
    refused.user_id = account.id;
    // The password was right: the attempt counts as a success, not a guess.
    return refuse(AttemptOutcome::success, std::nullopt, {refused},
                  json_error(403, "This device has been removed from Pathway. Ask an administrator."));
  }

  const SessionToken token = new_session_token();
  const Session session{.token_hash = token.hash,
                        .user_id = account.id,
                        .device_id = fields->device_id,
                        .created_at = now,
                        .idle_expires_at = Instant{now.seconds + session_idle_seconds},
                        .absolute_expires_at = Instant{now.seconds + session_absolute_seconds}};
  AuditEntry signed_in = audit("sign_in", "");
  signed_in.user_id = account.id;
  const Device device{.id = fields->device_id, .user_id = account.id, .name = fields->device_name,
                      .first_seen = now, .last_seen = now};
  if (Status recorded = store.record_sign_in(started->id, device, session, signed_in); !recorded) {
    return error_response(recorded.error());
  }

  const json answer = {
      {"token", token.text},
      {"expires_at", session.absolute_expires_at.iso()},
      {"idle_timeout_seconds", session_idle_seconds},
      {"user", user_json(account.username, account.display_name, account.role, account.team_id, account.staff_id)},
      {"device", {{"id", device.id}, {"name", device.name}}},
  };
  Response response = json_response(200, json_text(answer));
  response.set_header("Set-Cookie", session_cookie(token.text, session_absolute_seconds, came_over_https(request)));
  return response;
}

Response who_is_signed_in(const AccountServices& services, const Principal& principal, const Request&) {
  auto device = services.store->device(principal.device_id);
  if (!device) return error_response(device.error());
  const json answer = {
      {"user", user_json(principal.username, principal.display_name, principal.role, principal.team_id,
                         principal.staff_id)},
      {"device", {{"id", principal.device_id}, {"name", *device ? (*device)->name : std::string()}}},
  };
  return json_response(200, json_text(answer));
}

Response sign_out(const AccountServices& services, const Principal& principal, const Request& request) {
  const Instant now = services.now();
  if (Status ended = services.store->revoke_session(principal.session_id, now,
                                                    audit_of(principal, request, now, "sign_out"));
      !ended) {
    return error_response(ended.error());
  }
  Response response = json_response(200, R"({"signed_out":true})");
  response.set_header("Set-Cookie", session_cookie("", 0, came_over_https(request)));
  return response;
}

}  // namespace pathway::server
