// Fields for secrets (the device passphrase, the sign-in password): the text
// lives only in a fixed buffer the screen owns, and after each attempt the
// screen wipes it together with Dear ImGui's own copies of what was typed
// (its edit state, the copy it keeps of a deactivated field, its input
// queues). Blocks ImGui frees are wiped too (platform.cpp).
#pragma once

#include <cstddef>

namespace pathway::app::ui {

// A masked one-line field over `buffer` (`capacity` bytes); true when Enter is pressed in it.
bool secret_field(const char* label, char* buffer, std::size_t capacity);
// Zeroes Dear ImGui's copies of typed text and deactivates the active field
// (which also closes the on-screen keyboard).
void wipe_imgui_text_copies();

}  // namespace pathway::app::ui
