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

namespace {

// libsodium wants the hash as a C string in a buffer of crypto_pwhash_STRBYTES.
struct HashText {
  char text[crypto_pwhash_STRBYTES] = {};
  bool fits = false;
  explicit HashText(std::string_view hash) : fits(hash.size() < sizeof text) {
    if (fits) hash.copy(text, hash.size());
  }
};

}  // namespace

bool verify_password(std::string_view hash, std::string_view password) {
  const HashText stored(hash);
  if (!stored.fits || password.size() > password_max_bytes) return false;
  return crypto_pwhash_str_verify(stored.text, password.data(), password.size()) == 0;
}

bool needs_rehash(std::string_view hash) {
  const HashText stored(hash);
  return !stored.fits || crypto_pwhash_str_needs_rehash(stored.text, argon2_ops, argon2_memory_bytes) != 0;
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
