// The item registry: every item of the frame just drawn (widgets and the text
// the UI registers), with a stable id, a role, its label and value, the list
// it belongs to, its rectangle (CSS pixels) and state. It feeds two readers:
// - the semantic DOM mirror (js/platform.js, PathwayMirror): a hidden tree of
//   real headings, paragraphs, lists, links, buttons, fields and a live
//   region over the canvas, kept in step after every drawn frame, so screen
//   readers, browser find and translate see the app. Actions on it (focus,
//   activate, start typing) come back through act() and reach the ImGui item.
// - browser tests: window.pathway.items() (visible items, as before) and
//   window.pathway.allItems() (also those scrolled out of view).
//
// It is fed by Dear ImGui's test-engine hooks (IMGUI_ENABLE_TEST_ENGINE):
// ImGui calls ItemAdd with each item's id and rectangle and ItemInfo with its
// label. To see items scrolled out of view too, the registry runs each frame
// with ImGui's "logging" switch on, which makes ImGui submit every item
// instead of skipping clipped ones (its log text goes to a buffer that is
// emptied each frame). Text has no ImGui id: the UI reports it with add_text()
// (ui::text and friends do), and its id is a hash of the window, the words
// and how many times the same words came before, so it is stable from frame
// to frame. Labels are what a person sees ("Save"), or for a widget without
// a visible label the part after "##" ("##New note" -> "New note").
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
  offscreen = 1u << 12,  // scrolled out of view (or outside the window)
  clipped = 1u << 13,    // partly cut off by the edge of its pane (a tap on its middle may miss it)
};

// What the DOM mirror makes of an item.
enum class Role : std::uint8_t { text, heading, paragraph, list, link, button, text_field, checkbox, status };

void begin_frame();  // before ImGui::NewFrame(): starts a new list, applies queued DOM actions
void end_frame();    // after the UI is drawn, before ImGui::Render(): the list becomes what JS sees

// Adds text drawn with the last item's rectangle (call right after the ImGui
// text call) so it can be found by what it says, as a role (text, heading,
// paragraph or status: a live region read out when its words change).
void add_text(std::string_view text, Role role = Role::text, int heading_level = 0);

// Adds flags to the last item drawn (e.g. `selected` for the row on screen).
void mark_last_item(std::uint32_t flags);
// Changes what the last item is to the mirror (a button drawn as a link).
void set_last_item_role(Role role);
// The value of the last item: a field's text (never a password's), or where a link goes.
void set_last_item_value(std::string_view value);
// More words for the last item, read after its label: the details drawn over a row.
void add_detail_to_last_item(std::string_view words);

// Items added between these are one list (a <ul>, each item an <li>).
void begin_list(std::string_view name);
void end_list();

// Whether an item has keyboard focus that shows (reached with Tab, or through
// the DOM mirror), rather than the last input being a pointer.
bool keyboard_focus_shown();

// Gives the last item keyboard focus, shown, as if Tab had reached it (the
// mirror's DOM focus follows).
void focus_last_item();

// Draws a focus ring around the item with keyboard focus (WCAG 2.4.7), for
// every kind of item, including those ImGui draws no highlight for.
void draw_focus_ring(std::uint32_t colour);

// The published list as JSON: [{"id","role","label","value","x","y","w","h","flags":[...]}...].
// Valid until the next end_frame().
const char* items_json();
// For the DOM mirror: what changed in the published list since its last call,
// {"items":[...],"gone":[ids],"order":[id,parent,...],"focused":id,"editing":id}.
// "items" holds new and changed items as items_json() writes them, and moved
// ones as {"id","x","y","w","h"} (not those scrolled out of view that stay
// out of view); "order" comes only when the items or their lists changed.
const char* mirror_changes_json();
// Changes whenever the published list differs from the one before (the
// mirror does nothing on frames that changed nothing it shows).
std::uint32_t items_version();

}  // namespace pathway::app::item_registry
