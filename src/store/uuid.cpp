// Random UUIDs from the system CSPRNG (uuid.h).
#include "store/uuid.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "store/database.h"

namespace pathway::store {
namespace {

bool fill_random(unsigned char* bytes, size_t size) {
  if (getentropy(bytes, size) == 0) return true;
  FILE* urandom = std::fopen("/dev/urandom", "rb");
  if (!urandom) return false;
  const bool ok = std::fread(bytes, 1, size, urandom) == size;
  std::fclose(urandom);
  return ok;
}

}  // namespace

std::string new_uuid() {
  unsigned char bytes[16];
  if (!fill_random(bytes, sizeof bytes)) std::abort();
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0f) | 0x40);  // version 4
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3f) | 0x80);  // RFC 4122 variant
  const std::string hex = detail::to_hex(bytes, sizeof bytes);
  return hex.substr(0, 8) + '-' + hex.substr(8, 4) + '-' + hex.substr(12, 4) + '-' + hex.substr(16, 4) + '-' +
         hex.substr(20, 12);
}

bool is_uuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

}  // namespace pathway::store
