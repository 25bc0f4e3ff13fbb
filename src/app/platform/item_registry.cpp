// The item registry (see item_registry.h): Dear ImGui's test-engine hooks
// record each item of the frame being built; end_frame() publishes the list
// and a hash of it, and items_json() serialises it on demand for the DOM
// mirror and window.pathway.items(). Strings live in one character arena per
// frame, and the per-frame vectors keep their capacity, so an idle frame's
// bookkeeping does not allocate once the lists reach their working size.
#include "app/platform/item_registry.h"

#include <cmath>
#include <cstdarg>
#include <deque>
#include <unordered_map>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include <emscripten/emscripten.h>

#include "app/platform/platform_internal.h"
#include "imgui.h"
#include "imgui_internal.h"

namespace pathway::app::item_registry {
namespace {

struct Span {
  std::uint32_t offset = 0, length = 0;
};

struct Item {
  ImGuiID id = 0;
  ImGuiID window = 0;
  ImGuiID parent = 0;  // the list it is in, 0 for none
  ImRect rect;         // full rectangle, screen (CSS px) coordinates, even when scrolled out of view
  std::uint32_t flags = 0;
  Role role = Role::text;
  std::uint8_t level = 0;
  Span label, value, detail;
};

struct Frame {
  std::vector<Item> items;
  std::string strings;
  std::vector<ImGuiID> text_ids;  // open-addressed set of the text ids used this frame
  std::vector<ImGuiID> lists;     // the lists open while building
  std::uint64_t hash = 0;
  void clear() {
    items.clear();
    strings.clear();
    std::fill(text_ids.begin(), text_ids.end(), 0);
    lists.clear();
  }
};

constexpr std::size_t text_id_slots = 4096;  // a power of two, well above a screen's texts
constexpr float focus_ring_thickness = 3.0f;
constexpr float focus_ring_gap = 2.0f;

enum class Action { focus = 0, activate = 1, edit = 2 };

Frame building, published;
std::string published_json;
bool json_stale = true;
std::uint32_t version = 0;
// Requests from the DOM, oldest first, one applied a frame: taps that come
// faster than frames (a screen reader's double activation, a test) all count.
struct PendingAction {
  ImGuiID id;
  Action action;
};
std::deque<PendingAction> pending_actions;
constexpr std::size_t max_pending_actions = 32;

// Drops a leading icon (a private-use code point, U+E000..U+F8FF, which is
// EE..EF 80..BF 80..BF in UTF-8) and the spaces after it: "<icon> Save" is "Save".
std::string_view without_icon(std::string_view label) {
  while (label.size() >= 3 && (static_cast<unsigned char>(label[0]) == 0xEE ||
                               (static_cast<unsigned char>(label[0]) == 0xEF &&
                                static_cast<unsigned char>(label[1]) < 0xA4))) {
    label.remove_prefix(3);
    while (!label.empty() && label.front() == ' ') label.remove_prefix(1);
  }
  return label;
}

// What a person sees of an ImGui label: the text before "##", or when that is
// empty the id part after it ("##New note" names an unlabelled field).
std::string_view visible_label(const char* label) {
  std::string_view full(label);
  std::size_t hashes = full.find("##");
  if (hashes == std::string_view::npos) return without_icon(full);
  if (hashes > 0) return without_icon(full.substr(0, hashes));
  std::string_view rest = full.substr(2);
  if (!rest.empty() && rest.front() == '#') rest.remove_prefix(1);
  return rest;
}

Item* find_building(ImGuiID id) {
  for (auto it = building.items.rbegin(); it != building.items.rend(); ++it)
    if (it->id == id) return &*it;
  return nullptr;
}

const Item* find_published(ImGuiID id) {
  for (const Item& item : published.items)
    if (item.id == id) return &item;
  return nullptr;
}

Span keep(std::string_view words) {
  Span span{static_cast<std::uint32_t>(building.strings.size()), static_cast<std::uint32_t>(words.size())};
  building.strings.append(words);
  return span;
}

std::string_view words_of(const Frame& frame, Span span) {
  return std::string_view(frame.strings).substr(span.offset, span.length);
}

// A text's id: its words hashed with its window, made unique in the frame by
// rehashing on a clash (the second "Yes" on a screen), so it stays the same
// from frame to frame while the screen shows the same words.
ImGuiID unique_text_id(std::string_view words, ImGuiID window) {
  if (building.text_ids.empty()) building.text_ids.assign(text_id_slots, 0);
  ImGuiID id = ImHashData(words.data(), words.size(), window ^ 0x7e47u);
  for (;;) {
    if (id == 0) id = 1;
    std::size_t slot = id & (text_id_slots - 1);
    bool clash = false;
    for (std::size_t probe = 0; probe < text_id_slots; ++probe) {
      ImGuiID& entry = building.text_ids[(slot + probe) & (text_id_slots - 1)];
      if (entry == 0) {
        entry = id;
        return id;
      }
      if (entry == id) {
        clash = true;
        break;
      }
    }
    if (!clash) return id;  // the set is full: accept a repeat rather than loop
    id = ImHashData(&id, sizeof id, 0x5eedu);
  }
}

Item& push_item(ImGuiID id, const ImRect& rect, Role role) {
  ImGuiContext& g = *GImGui;
  Item item;
  item.id = id;
  item.window = g.CurrentWindow ? g.CurrentWindow->ID : 0;
  item.parent = building.lists.empty() ? 0 : building.lists.back();
  item.rect = rect;
  item.role = role;
  if (g.CurrentWindow) {
    ImRect visible = rect;
    visible.ClipWithFull(g.CurrentWindow->ClipRect);
    if (visible.GetWidth() <= 0 || visible.GetHeight() <= 0)
      item.flags |= Flag::offscreen;
    else if (visible.Min.x != rect.Min.x || visible.Min.y != rect.Min.y || visible.Max.x != rect.Max.x ||
             visible.Max.y != rect.Max.y)
      item.flags |= Flag::clipped;
  }
  building.items.push_back(item);
  return building.items.back();
}

std::uint64_t hash_frame(const Frame& frame) {
  std::uint64_t hash = 14695981039346656037ull;
  auto mix = [&hash](const void* data, std::size_t size) {
    const unsigned char* bytes = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i) hash = (hash ^ bytes[i]) * 1099511628211ull;
  };
  for (const Item& item : frame.items) {
    int box[4] = {static_cast<int>(item.rect.Min.x), static_cast<int>(item.rect.Min.y),
                  static_cast<int>(item.rect.Max.x), static_cast<int>(item.rect.Max.y)};
    mix(&item.id, sizeof item.id);
    mix(&item.parent, sizeof item.parent);
    mix(&item.flags, sizeof item.flags);
    mix(&item.role, sizeof item.role);
    mix(box, sizeof box);
  }
  mix(frame.strings.data(), frame.strings.size());
  return hash;
}

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
          out += escaped;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

// `value` to one decimal place ("-12.5"), without printf: the mirror's JSON
// has four of these an item, rebuilt on every scrolled frame, and wasm's
// printf of a float costs several microseconds each.
void append_tenths(std::string& out, float value) {
  long tenths = std::lround(static_cast<double>(value) * 10.0);
  if (tenths < 0) {
    out += '-';
    tenths = -tenths;
  }
  out += std::to_string(tenths / 10);
  out += '.';
  out += static_cast<char>('0' + tenths % 10);
}

constexpr struct {
  Flag flag;
  const char* name;
} flag_names[] = {
    {button, "button"},     {input, "input"},       {checkbox, "checkbox"}, {text, "text"},
    {openable, "openable"}, {checked, "checked"},   {selected, "selected"}, {disabled, "disabled"},
    {active, "active"},     {focused, "focused"},   {password, "password"}, {multiline, "multiline"},
    {offscreen, "offscreen"}, {clipped, "clipped"},
};

constexpr const char* role_names[] = {"text", "heading", "paragraph", "list", "link", "button", "textbox", "checkbox", "status"};

// Applies the DOM's last request (focus, activate, edit) to its ImGui item.
void apply_pending_action() {
  if (pending_actions.empty()) return;
  const auto [id, pending_action] = pending_actions.front();
  pending_actions.pop_front();
  if (!pending_actions.empty()) pathway::app::platform::request_frames(3);
  const Item* item = find_published(id);
  if (item == nullptr) return;
  ImGuiWindow* window = ImGui::FindWindowByID(item->window);
  if (window == nullptr) return;
  ImGuiContext& g = *GImGui;
  if (g.NavId != id) {
    ImGui::SetFocusID(id, window);
    ImGui::ScrollToRectEx(window, item->rect, ImGuiScrollFlags_KeepVisibleEdgeY | ImGuiScrollFlags_KeepVisibleEdgeX);
  }
  g.NavDisableHighlight = false;
  g.NavDisableMouseHover = true;
  if (pending_action == Action::focus) return;
  ImGui::ActivateItemByID(id);
  if (pending_action == Action::edit) g.NavNextActivateFlags |= ImGuiActivateFlags_PreferInput;
}

// Items a reader can use: those with words, fields and text, and lists.
bool shown(const Item& item) {
  return item.label.length != 0 || (item.flags & (Flag::input | Flag::text)) || item.role == Role::list;
}

void append_box(std::string& out, const Item& item) {
  const std::pair<const char*, float> box[] = {{",\"x\":", item.rect.Min.x},
                                               {",\"y\":", item.rect.Min.y},
                                               {",\"w\":", item.rect.GetWidth()},
                                               {",\"h\":", item.rect.GetHeight()}};
  for (const auto& [name, value] : box) {
    out += name;
    append_tenths(out, value);
  }
}

void append_item(std::string& out, const Frame& frame, const Item& item) {
  out += "{\"id\":";
  out += std::to_string(item.id);
  out += ",\"parent\":";
  out += std::to_string(item.parent);
  out += ",\"role\":\"";
  out += role_names[static_cast<int>(item.role)];
  out += "\",\"level\":";
  out += std::to_string(item.level);
  out += ",\"label\":";
  append_json_string(out, words_of(frame, item.label));
  if (item.value.length) {
    out += ",\"value\":";
    append_json_string(out, words_of(frame, item.value));
  }
  if (item.detail.length) {
    out += ",\"detail\":";
    append_json_string(out, words_of(frame, item.detail));
  }
  append_box(out, item);
  out += ",\"flags\":[";
  bool first = true;
  for (const auto& [flag, name] : flag_names) {
    if (!(item.flags & flag)) continue;
    if (!first) out += ',';
    first = false;
    out += '"';
    out += name;
    out += '"';
  }
  out += "]}";
}

// What the DOM mirror was last sent of each item, so that each frame sends
// only what changed: new items and items whose words or state changed in
// full, moved ones as a position, and nothing of those scrolled out of view
// that stay out of view (a caseload of 200 scrolls them all every frame, and
// a dozen are seen).
struct Mirrored {
  std::uint64_t content = 0;
  ImRect rect;
  bool offscreen = false;
  std::uint32_t pass = 0;
};
std::unordered_map<ImGuiID, Mirrored> mirrored;
std::vector<ImGuiID> mirrored_order;  // id, parent, id, parent... in frame order
std::uint32_t mirror_pass = 0;
std::string mirror_json;

std::uint64_t content_hash(const Frame& frame, const Item& item) {
  std::uint64_t hash = 14695981039346656037ull;
  auto mix = [&hash](const void* data, std::size_t size) {
    const unsigned char* bytes = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i) hash = (hash ^ bytes[i]) * 1099511628211ull;
  };
  const std::uint32_t fixed[] = {item.parent,      item.flags,        static_cast<std::uint32_t>(item.role),
                                 item.level,       item.label.length, item.value.length,
                                 item.detail.length};
  mix(fixed, sizeof fixed);
  for (Span span : {item.label, item.value, item.detail}) {
    std::string_view words = words_of(frame, span);
    mix(words.data(), words.size());
  }
  return hash;
}

}  // namespace

void begin_frame() {
  ImGuiContext& g = *GImGui;
  // ImGui's "log" mode submits every item, clipped or not: the mirror keeps
  // what is scrolled out of view. Nothing reads the log; empty it each frame.
  g.LogEnabled = true;
  g.LogBuffer.Buf.resize(0);
  building.clear();
  apply_pending_action();
}

void end_frame() {
  building.hash = hash_frame(building);
  if (building.hash != published.hash) {
    ++version;
    json_stale = true;
  }
  std::swap(building, published);
}

void add_text(std::string_view text, Role role, int heading_level) {
  ImGuiContext& g = *GImGui;
  std::string_view words = without_icon(text);
  if (words.empty() || g.CurrentWindow == nullptr) return;
  Item& item = push_item(unique_text_id(words, g.CurrentWindow->ID), g.LastItemData.Rect, role);
  item.flags |= Flag::text;
  item.level = static_cast<std::uint8_t>(heading_level);
  item.label = keep(words);
}

void mark_last_item(std::uint32_t flags) {
  if (Item* item = find_building(GImGui->LastItemData.ID)) item->flags |= flags;
}

void set_last_item_role(Role role) {
  if (Item* item = find_building(GImGui->LastItemData.ID)) item->role = role;
}

void set_last_item_value(std::string_view value) {
  Item* item = find_building(GImGui->LastItemData.ID);
  if (item && !(item->flags & Flag::password)) item->value = keep(value);
}

void add_detail_to_last_item(std::string_view words) {
  Item* item = find_building(GImGui->LastItemData.ID);
  words = without_icon(words);
  if (item == nullptr || words.empty()) return;
  std::string joined(words_of(building, item->detail));
  if (!joined.empty()) joined += ", ";
  joined += words;
  item->detail = keep(joined);
}

void begin_list(std::string_view name) {
  ImGuiContext& g = *GImGui;
  if (g.CurrentWindow == nullptr) return;
  ImGuiID id = ImHashData(name.data(), name.size(), g.CurrentWindow->ID ^ 0x115u);
  Item& item = push_item(id, ImRect(ImGui::GetCursorScreenPos(), ImGui::GetCursorScreenPos()), Role::list);
  item.label = keep(name);
  item.flags &= ~Flag::offscreen;
  building.lists.push_back(id);
}

void end_list() {
  if (!building.lists.empty()) building.lists.pop_back();
}

bool keyboard_focus_shown() {
  const ImGuiContext& g = *GImGui;
  return g.NavId != 0 && !g.NavDisableHighlight && g.NavWindow != nullptr;
}

void focus_last_item() {
  ImGuiContext& g = *GImGui;
  if (g.LastItemData.ID == 0 || g.CurrentWindow == nullptr) return;
  ImGui::SetFocusID(g.LastItemData.ID, g.CurrentWindow);
  g.NavDisableHighlight = false;
}

void draw_focus_ring(std::uint32_t colour) {
  ImGuiContext& g = *GImGui;
  if (!keyboard_focus_shown()) return;
  Item* item = find_building(g.NavId);
  if (item == nullptr || (item->flags & Flag::offscreen)) return;
  ImRect ring = item->rect;
  ring.Expand(focus_ring_gap);
  ImGui::GetForegroundDrawList()->AddRect(ring.Min, ring.Max, colour, 8.0f, 0, focus_ring_thickness);
}

std::uint32_t items_version() { return version; }

const char* items_json() {
  if (!json_stale) return published_json.c_str();
  std::string& out = published_json;
  out.clear();
  out += '[';
  for (const Item& item : published.items) {
    if (!shown(item)) continue;
    if (out.size() > 1) out += ',';
    append_item(out, published, item);
  }
  out += ']';
  json_stale = false;
  return out.c_str();
}

const char* mirror_changes_json() {
  ++mirror_pass;
  std::string& out = mirror_json;
  out.assign("{\"items\":[");
  bool first = true;
  std::vector<ImGuiID> order;
  order.reserve(mirrored_order.size());
  ImGuiID focused = 0, editing = 0;
  for (const Item& item : published.items) {
    if (!shown(item)) continue;
    auto [entry, added] = mirrored.try_emplace(item.id);
    Mirrored& known = entry->second;
    if (!added && known.pass == mirror_pass) continue;  // an id drawn twice in a frame: the first wins
    known.pass = mirror_pass;
    order.push_back(item.id);
    order.push_back(item.parent);
    if ((item.flags & Flag::focused) && focused == 0) focused = item.id;
    if (item.role == Role::text_field && (item.flags & Flag::active)) editing = item.id;
    const bool offscreen = item.flags & Flag::offscreen;
    const std::uint64_t content = content_hash(published, item);
    const bool moved = known.rect.Min != item.rect.Min || known.rect.Max != item.rect.Max;
    if (!added && content == known.content && (!moved || (known.offscreen && offscreen))) continue;
    if (!first) out += ',';
    first = false;
    if (added || content != known.content) {
      append_item(out, published, item);
    } else {
      out += "{\"id\":";
      out += std::to_string(item.id);
      append_box(out, item);
      out += '}';
    }
    known.content = content;
    known.rect = item.rect;
    known.offscreen = offscreen;
  }
  out += "],\"gone\":[";
  first = true;
  for (auto it = mirrored.begin(); it != mirrored.end();) {
    if (it->second.pass == mirror_pass) {
      ++it;
      continue;
    }
    if (!first) out += ',';
    first = false;
    out += std::to_string(it->first);
    it = mirrored.erase(it);
  }
  out += ']';
  if (order != mirrored_order) {
    out += ",\"order\":[";
    for (std::size_t i = 0; i < order.size(); ++i) {
      if (i) out += ',';
      out += std::to_string(order[i]);
    }
    out += ']';
    mirrored_order = std::move(order);
  }
  out += ",\"focused\":";
  out += std::to_string(focused);
  out += ",\"editing\":";
  out += std::to_string(editing);
  out += '}';
  return out.c_str();
}


}  // namespace pathway::app::item_registry

using namespace pathway::app::item_registry;

// [SECTION] Dear ImGui test-engine hooks (declared in imgui_internal.h)

void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, ImGuiID id, const ImRect& bb, const ImGuiLastItemData* item_data) {
  ImGuiContext& g = *ctx;
  if (id == 0 || g.CurrentWindow == nullptr) return;
  if (item_data == nullptr && ImGui::FindWindowByID(id) != nullptr) return;  // a window, not a widget
  if (g.CurrentWindow->SkipItems) return;
  Item& item = push_item(id, bb, Role::button);
  if (item_data && (item_data->InFlags & ImGuiItemFlags_Disabled)) item.flags |= Flag::disabled;
  if (g.ActiveId == id) item.flags |= Flag::active;
  if (g.NavId == id && g.NavDisableHighlight == false) item.flags |= Flag::focused;
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags status) {
  Item* item = find_building(id);
  if (item == nullptr || label == nullptr) return;
  item->label = keep(visible_label(label));
  if (status & ImGuiItemStatusFlags_Inputable) {
    item->flags |= Flag::input;
    item->role = Role::text_field;
    const ImGuiInputTextState& state = ctx->InputTextState;
    if (state.ID == id && (state.Flags & ImGuiInputTextFlags_Password)) item->flags |= Flag::password;
    if (state.ID == id && (state.Flags & ImGuiInputTextFlags_Multiline)) item->flags |= Flag::multiline;
  } else if (status & ImGuiItemStatusFlags_Checkable) {
    item->flags |= Flag::checkbox;
    item->role = Role::checkbox;
  } else if (status & ImGuiItemStatusFlags_Openable) {
    item->flags |= Flag::openable;
  } else {
    item->flags |= Flag::button;
  }
  if (status & ImGuiItemStatusFlags_Checked) item->flags |= Flag::checked;
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }

// [SECTION] JavaScript access (window.pathway.items() and the mirror in js/platform.js)

extern "C" EMSCRIPTEN_KEEPALIVE const char* pathway_items_json() { return items_json(); }
extern "C" EMSCRIPTEN_KEEPALIVE std::uint32_t pathway_items_version() { return items_version(); }
extern "C" EMSCRIPTEN_KEEPALIVE const char* pathway_mirror_changes_json() { return mirror_changes_json(); }

// The DOM mirror asks for an item to be focused (0), activated (1) or edited (2).
// A focus supersedes focuses still waiting (Tab pressed faster than frames
// moves focus once, to where the DOM now is); activations all count.
extern "C" EMSCRIPTEN_KEEPALIVE void pathway_mirror_act(std::uint32_t id, int action) {
  const Action requested = static_cast<Action>(action < 0 || action > 2 ? 0 : action);
  if (requested == Action::focus)
    while (!pending_actions.empty() && pending_actions.back().action == Action::focus) pending_actions.pop_back();
  if (pending_actions.size() < max_pending_actions) pending_actions.push_back({id, requested});
  pathway::app::platform::note_input();
  pathway::app::platform::request_frames(3);  // focus, then activation, then the result
}

// Requests from the DOM not yet applied: while there are some, the DOM is
// ahead of the app, and the mirror must not move DOM focus back to the app's.
extern "C" EMSCRIPTEN_KEEPALIVE int pathway_mirror_pending_actions() { return static_cast<int>(pending_actions.size()); }
