// Client-generated record ids: random (version 4) UUIDs from the operating
// system's CSPRNG, so a device can create records offline without asking the
// server and two devices never collide.
#pragma once

#include <string>
#include <string_view>

namespace pathway::store {

// A new random UUID in canonical lower-case form
// ("xxxxxxxx-xxxx-4xxx-Yxxx-xxxxxxxxxxxx"). Uses getentropy(), which
// Emscripten maps to crypto.getRandomValues; natively /dev/urandom is the
// fallback. Aborts if no CSPRNG is available at all: a guessable id is worse
// than no id.
std::string new_uuid();

// True for the canonical 36-character form with hex digits (any version),
// lower case, as new_uuid() makes and the store keeps.
bool is_uuid(std::string_view text);

}  // namespace pathway::store
