// Argon2id password hashing (see passwords.h).
#include "server/passwords.h"

#include <sodium.h>

namespace pathway::server {

namespace {

// OWASP: Argon2id with m = 19 MiB, t = 2, p = 1 (libsodium always uses p = 1).
constexpr unsigned long long argon2_ops = 2;
constexpr size_t argon2_memory_bytes = size_t{19} << 20;

}  // namespace

Status init_crypto() {
  if (sodium_init() < 0) return Error{ErrorCode::internal, "libsodium could not be initialised"};
  return ok_status();
}

Status check_new_password(std::string_view password) {
  if (password.size() < password_min_bytes) {
    return invalid("password", "The password must be at least " + std::to_string(password_min_bytes) + " characters");
  }
  if (password.size() > password_max_bytes) {
    return invalid("password", "The password must be at most " + std::to_string(password_max_bytes) + " bytes");
  }
  return ok_status();
}

Result<std::string> hash_password(std::string_view password) {
  if (Status ready = init_crypto(); !ready) return ready.error();
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(hash, password.data(), password.size(), argon2_ops, argon2_memory_bytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Error{ErrorCode::internal, "Out of memory while hashing a password"};
  }
  return std::string(hash);
}

bool verify_password(std::string_view hash, std::string_view password) {
  if (hash.size() >= crypto_pwhash_STRBYTES || password.size() > password_max_bytes) return false;
  char terminated[crypto_pwhash_STRBYTES] = {};
  hash.copy(terminated, hash.size());
  return crypto_pwhash_str_verify(terminated, password.data(), password.size()) == 0;
}

const std::string& dummy_password_hash() {
  static const std::string hash = [] {
    unsigned char random[32];
    (void)init_crypto();
    randombytes_buf(random, sizeof random);
    auto made = hash_password(std::string_view(reinterpret_cast<const char*>(random), sizeof random));
    return made ? *made : std::string();
  }();
  return hash;
}

}  // namespace pathway::server
