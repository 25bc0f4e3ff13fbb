// The item registry (see item_registry.h): Dear ImGui's test-engine hooks
// record each visible item of the frame being built; end_frame() publishes the
// list, and items_json() serialises it on demand for window.pathway.items().
// Labels live in one character arena per frame, so a frame's bookkeeping
// allocates only while the lists grow to their working size.
#include "app/platform/item_registry.h"

#include <cstdarg>
#include <cstdio>
#include <string>
#include <vector>

#include <emscripten/emscripten.h>

#include "imgui.h"
#include "imgui_internal.h"

namespace pathway::app::item_registry {
namespace {

struct Item {
  ImGuiID id = 0;
  ImRect rect;
  std::uint32_t flags = 0;
  std::uint32_t label_offset = 0;
  std::uint32_t label_length = 0;
};

struct Frame {
  std::vector<Item> items;
  std::string labels;
  void clear() {
    items.clear();
    labels.clear();
  }
};

Frame building, published;
std::string published_json;
bool json_stale = true;

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

void set_label(Item& item, std::string_view label) {
  item.label_offset = static_cast<std::uint32_t>(building.labels.size());
  item.label_length = static_cast<std::uint32_t>(label.size());
  building.labels.append(label);
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

constexpr struct {
  Flag flag;
  const char* name;
} flag_names[] = {
    {button, "button"},   {input, "input"},         {checkbox, "checkbox"}, {text, "text"},
    {openable, "openable"}, {checked, "checked"},   {selected, "selected"}, {disabled, "disabled"},
    {active, "active"},   {focused, "focused"},     {password, "password"}, {multiline, "multiline"},
};

}  // namespace

void begin_frame() { building.clear(); }

void end_frame() {
  std::swap(building, published);
  json_stale = true;
}

void add_text(std::string_view text) {
  ImGuiContext& g = *GImGui;
  ImRect rect = g.LastItemData.Rect;
  if (g.CurrentWindow) rect.ClipWithFull(g.CurrentWindow->ClipRect);
  if (rect.GetWidth() <= 0 || rect.GetHeight() <= 0) return;
  Item item;
  item.rect = rect;
  item.flags = Flag::text;
  set_label(item, without_icon(text));
  building.items.push_back(item);
}

void mark_last_item(std::uint32_t flags) {
  if (Item* item = find_building(GImGui->LastItemData.ID)) item->flags |= flags;
}

const char* items_json() {
  if (!json_stale) return published_json.c_str();
  std::string& out = published_json;
  out.clear();
  out += '[';
  char number[96];
  for (const Item& item : published.items) {
    if (item.label_length == 0 && !(item.flags & (Flag::input | Flag::text))) continue;
    if (out.size() > 1) out += ',';
    out += "{\"label\":";
    append_json_string(out, std::string_view(published.labels).substr(item.label_offset, item.label_length));
    std::snprintf(number, sizeof number, ",\"x\":%.1f,\"y\":%.1f,\"w\":%.1f,\"h\":%.1f,\"flags\":[",
                  item.rect.Min.x, item.rect.Min.y, item.rect.GetWidth(), item.rect.GetHeight());
    out += number;
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
  out += ']';
  json_stale = false;
  return out.c_str();
}

}  // namespace pathway::app::item_registry

using namespace pathway::app::item_registry;

// [SECTION] Dear ImGui test-engine hooks (declared in imgui_internal.h)

void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, ImGuiID id, const ImRect& bb, const ImGuiLastItemData* item_data) {
  ImGuiContext& g = *ctx;
  if (id == 0 || g.CurrentWindow == nullptr) return;
  if (item_data == nullptr && ImGui::FindWindowByID(id) != nullptr) return;  // a window, not a widget
  ImRect visible = bb;
  visible.ClipWithFull(g.CurrentWindow->ClipRect);
  if (visible.GetWidth() <= 0 || visible.GetHeight() <= 0) return;  // scrolled out of view
  Item item;
  item.id = id;
  item.rect = visible;
  if (item_data && (item_data->InFlags & ImGuiItemFlags_Disabled)) item.flags |= Flag::disabled;
  if (g.ActiveId == id) item.flags |= Flag::active;
  if (g.NavId == id && g.NavDisableHighlight == false) item.flags |= Flag::focused;
  building.items.push_back(item);
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags status) {
  Item* item = find_building(id);
  if (item == nullptr || label == nullptr) return;
  set_label(*item, visible_label(label));
  if (status & ImGuiItemStatusFlags_Inputable) {
    item->flags |= Flag::input;
    const ImGuiInputTextState& state = ctx->InputTextState;
    if (state.ID == id && (state.Flags & ImGuiInputTextFlags_Password)) item->flags |= Flag::password;
    if (state.ID == id && (state.Flags & ImGuiInputTextFlags_Multiline)) item->flags |= Flag::multiline;
  } else if (status & ImGuiItemStatusFlags_Checkable) {
    item->flags |= Flag::checkbox;
  } else if (status & ImGuiItemStatusFlags_Openable) {
    item->flags |= Flag::openable;
  } else {
    item->flags |= Flag::button;
  }
  if (status & ImGuiItemStatusFlags_Checked) item->flags |= Flag::checked;
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }

// [SECTION] JavaScript access (window.pathway.items() in js/platform.js)

extern "C" EMSCRIPTEN_KEEPALIVE const char* pathway_items_json() { return items_json(); }
