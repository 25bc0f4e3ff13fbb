// The item registry: every widget drawn in the last frame, with its label,
// rectangle (CSS pixels) and state, published to JavaScript as
// window.pathway.items(). Browser tests find and tap widgets by label with it,
// and the accessibility layer will mirror it into the DOM.
//
// It is fed by Dear ImGui's test-engine hooks (IMGUI_ENABLE_TEST_ENGINE):
// ImGui calls ItemAdd with each item's rectangle and ItemInfo with its label.
// Plain text has no ImGui id, so the UI reports text it wants to be findable
// with add_text(). Labels are what a person sees ("Save"), or for a widget
// without a visible label the part after "##" ("##New note" -> "New note").
#pragma once

#include <cstdint>
#include <string_view>

struct ImRect;

namespace pathway::app::item_registry {

enum Flag : std::uint32_t {
  button = 1u << 0,
  input = 1u << 1,
  checkbox = 1u << 2,
  text = 1u << 3,
  openable = 1u << 4,
  checked = 1u << 5,
  selected = 1u << 6,
  disabled = 1u << 7,
  active = 1u << 8,    // being pressed or edited
  focused = 1u << 9,   // keyboard focus (navigation)
  password = 1u << 10,
  multiline = 1u << 11,
};

void begin_frame();  // before ImGui::NewFrame(): starts a new list
void end_frame();    // after ImGui::Render(): the list becomes what JS sees

// Adds text drawn with the last item's rectangle (call right after the ImGui
// text call) so it can be found by what it says.
void add_text(std::string_view text);

// Adds flags to the last item drawn (e.g. `selected` for the row on screen).
void mark_last_item(std::uint32_t flags);

// The published list as JSON: [{"label","x","y","w","h","flags":[...]}...].
// Valid until the next end_frame().
const char* items_json();

}  // namespace pathway::app::item_registry
