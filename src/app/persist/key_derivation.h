// The database key from the user's passphrase: Argon2id (SQLite3MC's own
// implementation, exported by src/sqlite/pathway_sqlite.h) with a random
// 16-byte salt per device. The salt and cost parameters are stored next to the
// blocks as a short text record (they are not secret); the key never is.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/wipe.h"

namespace pathway::app {

struct KdfParams {
  // OWASP Password Storage Cheat Sheet (2023): Argon2id with at least 19 MiB
  // of memory, 2 iterations, 1 lane. Measured in the browser (README, "Local
  // store"), so raised where it stays under about half a second.
  uint32_t memory_kib = 19 * 1024;
  uint32_t iterations = 2;
  std::string salt_hex;  // 16 random bytes

  std::string encode() const;                              // "argon2id;m=...;t=...;p=1;salt=..."
  static Result<KdfParams> decode(std::string_view text);  // rejects unknown or weak settings
};

inline constexpr size_t kMinimumPassphraseLength = 10;

// New parameters with a fresh salt from the platform's CSPRNG.
Result<KdfParams> new_kdf_params();
// The 256-bit key as 64 hex digits, for store::OpenOptions::raw_key_hex.
Result<std::string> derive_key_hex(std::string_view passphrase, const KdfParams& params);
// The passphrase rule, shared by the screen and create(): at least
// kMinimumPassphraseLength characters (code points, so a passphrase in any
// script counts what a person counts), in valid UTF-8.
bool passphrase_long_enough(std::string_view passphrase);

}  // namespace pathway::app
