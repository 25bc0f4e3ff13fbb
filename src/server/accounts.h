// Making staff accounts: the username and password rules, and one way to
// create an account (the first admin from the command line, the demo
// accounts, later an admin screen), which hashes the password and writes the
// account with its audit row.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "server/account_store.h"

namespace pathway::server {

inline constexpr size_t username_max_bytes = 64;

// Usernames are compared in lower case: "Sam.Jones" and "sam.jones" are one account.
std::string normalise_username(std::string_view username);

// 1 to 64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit
// (after normalise_username). Field "username".
Status check_username(std::string_view username);

struct NewAccount {
  std::string username;  // normalised here
  std::string display_name;
  Role role = Role::pa;
  std::string team_id;
  std::string staff_id;  // required for a PA
};

// Checks the username and password, hashes the password (Argon2id) and
// creates the account; `by` is the audit row's who/where (action and record
// are filled in). ErrorCode::conflict when the username is taken.
Result<int64_t> create_account(AccountStore& store, const NewAccount& account, std::string_view password,
                               Instant now, AuditEntry by);

// pathway-server --create-admin: the first administrator (username as its
// display name). Refused once any admin exists: admins make the others.
Result<int64_t> create_first_admin(AccountStore& store, std::string_view username, std::string_view password,
                                   Instant now);

}  // namespace pathway::server
