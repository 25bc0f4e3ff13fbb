// Argon2id key derivation for the local database (see key_derivation.h).
#include "app/persist/key_derivation.h"

#include <unistd.h>

#include <charconv>
#include <optional>
#include <cstring>
#include <vector>

#include "core/text.h"
#include "pathway_sqlite.h"

namespace pathway::app {
namespace {

constexpr size_t kSaltBytes = 16;
constexpr size_t kKeyBytes = 32;
// Limits on what a stored record may ask for: never weaker than the minimum
// we ship, never so much memory that unlocking cannot finish on a phone.
constexpr uint32_t kMinMemoryKib = 19 * 1024;
constexpr uint32_t kMaxMemoryKib = 256 * 1024;
constexpr uint32_t kMinIterations = 1;
constexpr uint32_t kMaxIterations = 10;

std::string to_hex(const unsigned char* bytes, size_t size) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string hex(size * 2, '0');
  for (size_t i = 0; i < size; ++i) {
    hex[2 * i] = digits[bytes[i] >> 4];
    hex[2 * i + 1] = digits[bytes[i] & 15];
  }
  return hex;
}

bool from_hex(std::string_view hex, std::vector<unsigned char>& out) {
  if (hex.size() % 2 != 0) return false;
  out.resize(hex.size() / 2);
  for (size_t i = 0; i < out.size(); ++i) {
    const auto [end, error] = std::from_chars(hex.data() + 2 * i, hex.data() + 2 * i + 2, out[i], 16);
    if (error != std::errc() || end != hex.data() + 2 * i + 2) return false;
  }
  return true;
}

// The value of `name=` in a ';'-separated record, or empty.
std::string_view field(std::string_view text, std::string_view name) {
  for (size_t start = 0; start <= text.size();) {
    const size_t end = std::min(text.find(';', start), text.size());
    const std::string_view part = text.substr(start, end - start);
    if (part.size() > name.size() && part.substr(0, name.size()) == name && part[name.size()] == '=') {
      return part.substr(name.size() + 1);
    }
    start = end + 1;
  }
  return {};
}

bool parse_number(std::string_view text, uint32_t& out) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size() && !text.empty();
}

}  // namespace

std::string KdfParams::encode() const {
  return "argon2id;m=" + std::to_string(memory_kib) + ";t=" + std::to_string(iterations) + ";p=1;salt=" + salt_hex;
}

Result<KdfParams> KdfParams::decode(std::string_view text) {
  const Error unreadable{ErrorCode::corrupt, "The local database's key settings are unreadable."};
  if (text.substr(0, 9) != "argon2id;" || field(text, "p") != "1") return unreadable;
  KdfParams params;
  std::vector<unsigned char> salt;
  if (!parse_number(field(text, "m"), params.memory_kib) || !parse_number(field(text, "t"), params.iterations) ||
      !from_hex(field(text, "salt"), salt) || salt.size() != kSaltBytes) {
    return unreadable;
  }
  if (params.memory_kib < kMinMemoryKib || params.memory_kib > kMaxMemoryKib || params.iterations < kMinIterations ||
      params.iterations > kMaxIterations) {
    return unreadable;
  }
  params.salt_hex = std::string(field(text, "salt"));
  return params;
}

Result<KdfParams> new_kdf_params() {
  unsigned char salt[kSaltBytes];
  if (getentropy(salt, sizeof salt) != 0) {
    return Error{ErrorCode::unavailable, "This browser cannot generate secure random numbers."};
  }
  KdfParams params;
  params.salt_hex = to_hex(salt, sizeof salt);
  return params;
}

Result<std::string> derive_key_hex(std::string_view passphrase, const KdfParams& params) {
  std::vector<unsigned char> salt;
  if (!from_hex(params.salt_hex, salt) || salt.size() != kSaltBytes) {
    return Error{ErrorCode::corrupt, "The local database's key settings are unreadable."};
  }
  unsigned char key[kKeyBytes];
  if (pathway_argon2id(params.iterations, params.memory_kib, passphrase.data(), passphrase.size(), salt.data(),
                       salt.size(), key, sizeof key) != 0) {
    wipe(key, sizeof key);
    return Error{ErrorCode::internal, "The key could not be derived from the passphrase (out of memory?)."};
  }
  std::string hex = to_hex(key, sizeof key);
  wipe(key, sizeof key);
  return hex;
}

bool passphrase_long_enough(std::string_view passphrase) {
  const std::optional<size_t> characters = core::utf8_length(passphrase);
  return characters && *characters >= kMinimumPassphraseLength;
}

}  // namespace pathway::app
