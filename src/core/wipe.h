// Overwriting secrets (passphrases, keys) in memory before it is reused or
// freed, in a way the compiler may not skip: the writes go through a volatile
// pointer, so they are not removed as stores to memory nobody reads again.
#pragma once

#include <cstddef>
#include <string>

namespace pathway {

inline void wipe(void* secret, std::size_t size) {
  volatile unsigned char* bytes = static_cast<volatile unsigned char*>(secret);
  for (std::size_t i = 0; i < size; ++i) bytes[i] = 0;
}

// The whole allocation, not only the characters in use, then empty.
inline void wipe(std::string& secret) {
  wipe(secret.data(), secret.capacity());
  secret.clear();
}

}  // namespace pathway
