// Staff passwords: Argon2id through libsodium (crypto_pwhash_str, algorithm
// ARGON2ID13) at OWASP's minimum cost for Argon2id, m = 19 MiB, t = 2, p = 1
// (OWASP Password Storage Cheat Sheet). The stored text carries its own salt
// and cost, so raising the cost later only needs a rehash at the next sign-in.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace pathway::server {

inline constexpr size_t password_min_bytes = 12;
inline constexpr size_t password_max_bytes = 1024;  // beyond this, hashing is a denial of service

// Initialises libsodium once (safe to call from any thread, any number of times).
Status init_crypto();

// Whether `password` may be set: 12 to 1024 bytes. Field "password".
Status check_new_password(std::string_view password);

// A crypto_pwhash_str string for `password`.
Result<std::string> hash_password(std::string_view password);

// Whether `password` matches `hash`. A malformed hash never matches.
bool verify_password(std::string_view hash, std::string_view password);

// Whether `hash` was made at another cost than today's (sign-in then stores
// a new one, made from the password just checked).
bool needs_rehash(std::string_view hash);

// A hash of a password nobody knows, made once: sign-in checks against it
// when the username does not exist, so that answer takes as long as a wrong
// password and does not tell which usernames exist.
const std::string& dummy_password_hash();

}  // namespace pathway::server
