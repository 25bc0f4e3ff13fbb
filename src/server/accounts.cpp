// Role codes, username rules and account creation (see accounts.h).
#include "server/accounts.h"

#include "server/passwords.h"

namespace pathway::server {

std::string_view role_code(Role role) {
  switch (role) {
    case Role::pa: return "pa";
    case Role::team_manager: return "team_manager";
    case Role::service_manager: return "service_manager";
    case Role::admin: return "admin";
  }
  return "pa";
}

std::optional<Role> role_from_code(std::string_view code) {
  for (const Role role : {Role::pa, Role::team_manager, Role::service_manager, Role::admin}) {
    if (role_code(role) == code) return role;
  }
  return std::nullopt;
}

std::string_view outcome_code(AttemptOutcome outcome) {
  switch (outcome) {
    case AttemptOutcome::success: return "success";
    case AttemptOutcome::wrong_credentials: return "wrong_credentials";
    case AttemptOutcome::locked: return "locked";
    case AttemptOutcome::throttled: return "throttled";
  }
  return "wrong_credentials";
}

std::string normalise_username(std::string_view username) {
  std::string lower(username);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

Status check_username(std::string_view username) {
  const auto allowed = [](char c, bool first) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (!first && (c == '.' || c == '_' || c == '-'));
  };
  if (username.empty() || username.size() > username_max_bytes) {
    return invalid("username", "A username has 1 to " + std::to_string(username_max_bytes) + " characters");
  }
  for (size_t i = 0; i < username.size(); ++i) {
    if (!allowed(username[i], i == 0)) {
      return invalid("username", "A username has only letters, digits, '.', '_' and '-', and starts with a letter or digit");
    }
  }
  return ok_status();
}

Result<int64_t> create_account(AccountStore& store, const NewAccount& account, std::string_view password,
                               Instant now, AuditEntry by) {
  const std::string username = normalise_username(account.username);
  if (Status checked = check_username(username); !checked) return checked.error();
  if (Status checked = check_new_password(password); !checked) return checked.error();
  if (account.display_name.empty()) return invalid("display_name", "Give the name colleagues know this person by");
  if (account.role == Role::pa && account.staff_id.empty()) {
    return invalid("staff_id", "A Personal Adviser's account needs their staff id in the shared record");
  }
  auto hash = hash_password(password);
  if (!hash) return hash.error();
  by.at = now;
  by.action = "account_created";
  by.detail = "role " + std::string(role_code(account.role)) + ", username " + username;
  return store.create_user(User{.username = username,
                                .display_name = account.display_name,
                                .role = account.role,
                                .team_id = account.team_id,
                                .staff_id = account.staff_id,
                                .password_hash = std::move(*hash),
                                .created_at = now},
                           by);
}

Result<int64_t> create_first_admin(AccountStore& store, std::string_view username, std::string_view password,
                                   Instant now) {
  auto admins = store.count_users_with_role(Role::admin);
  if (!admins) return admins.error();
  if (*admins > 0) {
    return Error{ErrorCode::conflict, "An administrator exists already; they create the other accounts", "username"};
  }
  const std::string name = normalise_username(username);
  return create_account(store, {.username = name, .display_name = name, .role = Role::admin}, password, now,
                        {.username = "(command line)"});
}

}  // namespace pathway::server
