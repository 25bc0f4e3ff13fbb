// Shared widgets (see widgets.h).
#include "app/ui/widgets.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "app/platform/item_registry.h"
#include "app/platform/platform.h"
#include "app/ui/fonts.h"
#include "app/ui/icons.h"
#include "app/ui/theme.h"
#include "imgui_internal.h"
#include "misc/cpp/imgui_stdlib.h"

namespace pathway::app::ui {

bool button(const char* label, Emphasis emphasis, float width) {
  bool primary = emphasis == Emphasis::primary;
  ImGui::PushFont(fonts::strong());
  ImGui::PushStyleColor(ImGuiCol_Text, primary ? theme::on_accent : theme::accent);
  if (!primary) {
    ImGui::PushStyleColor(ImGuiCol_Button, theme::window);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, theme::row_hover);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, theme::row_pressed);
    ImGui::PushStyleColor(ImGuiCol_Border, theme::accent);
  }
  bool pressed = ImGui::Button(label, ImVec2(width, theme::control_height()));
  ImGui::PopStyleColor(primary ? 1 : 5);
  ImGui::PopFont();
  return pressed;
}

void text(std::string_view words) {
  ImGui::TextUnformatted(words.data(), words.data() + words.size());
  item_registry::add_text(words);
}

void text_coloured(ImU32 colour, std::string_view words) {
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  text(words);
  ImGui::PopStyleColor();
}

void text_muted(std::string_view words) { text_coloured(theme::text_muted, words); }



void heading(std::string_view words, int level) {
  ImGui::PushFont(level <= 1 ? fonts::title() : fonts::strong());
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(words.data(), words.data() + words.size());
  item_registry::add_text(words, item_registry::Role::heading, level);
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
}

void text_wrapped(std::string_view words) {
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(words.data(), words.data() + words.size());
  item_registry::add_text(words, item_registry::Role::paragraph);
  ImGui::PopTextWrapPos();
}

void list_item(std::string_view words) {
  ImGui::Bullet();
  ImGui::SameLine();
  text_wrapped(words);
}

void live_text(ImU32 colour, std::string_view words) {
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(words.data(), words.data() + words.size());
  item_registry::add_text(words, item_registry::Role::status);
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}

namespace {

enum class WrappedStyle { link, choice, chosen };

// A full-width button whose words wrap (so nothing is cut off at 200% text
// or 320 px wide), drawn in one of the styles above.
bool wrapped_button(std::string_view words, std::string_view id, WrappedStyle style) {
  const ImVec2 padding = ImGui::GetStyle().FramePadding;
  const float width = ImGui::GetContentRegionAvail().x;
  const float wrap = std::max(1.0f, width - 2 * padding.x);
  const ImVec2 text_size = ImGui::CalcTextSize(words.data(), words.data() + words.size(), false, wrap);
  const ImVec2 size(width, std::max(theme::control_height(), text_size.y + 2 * padding.y));
  const ImVec2 top_left = ImGui::GetCursorScreenPos();
  std::string label(words);
  label += "##";
  label += id.empty() ? words : id;
  bool pressed = ImGui::InvisibleButton(label.c_str(), size);
  bool hovered = ImGui::IsItemHovered(), held = ImGui::IsItemActive();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 bottom_right = top_left + size;
  ImU32 ink = theme::accent;
  if (style == WrappedStyle::chosen) {
    draw->AddRectFilled(top_left, bottom_right, ImGui::GetColorU32(held ? ImGuiCol_ButtonActive : hovered ? ImGuiCol_ButtonHovered : ImGuiCol_Button), 8);
    ink = theme::on_accent;
  } else {
    if (hovered || held) draw->AddRectFilled(top_left, bottom_right, held ? theme::row_pressed : theme::row_hover, 8);
    if (style == WrappedStyle::choice) draw->AddRect(top_left, bottom_right, theme::accent, 8);
  }
  const ImVec2 text_pos = top_left + ImVec2(padding.x, (size.y - text_size.y) / 2);
  ImFont* font = style == WrappedStyle::link ? ImGui::GetFont() : fonts::strong();
  draw->AddText(font, ImGui::GetFontSize(), text_pos, ink, words.data(), words.data() + words.size(), wrap);
  if (style == WrappedStyle::link) {
    // Underlined, as links are: colour is not the only sign (WCAG 1.4.1).
    float line_y = text_pos.y + text_size.y;
    float line_width = std::min(text_size.x, wrap);
    draw->AddLine(ImVec2(text_pos.x, line_y), ImVec2(text_pos.x + line_width, line_y), ink, 1.0f);
  }
  return pressed;
}

}  // namespace

bool link(std::string_view words, std::string_view href, std::string_view id) {
  bool pressed = wrapped_button(words, id, WrappedStyle::link);
  item_registry::set_last_item_role(item_registry::Role::link);
  item_registry::set_last_item_value(href);
  return pressed;
}

bool choice(std::string_view words, bool chosen, std::string_view id) {
  bool pressed = wrapped_button(words, id, chosen ? WrappedStyle::chosen : WrappedStyle::choice);
  if (chosen) item_registry::mark_last_item(item_registry::Flag::selected);
  return pressed;
}

void group_caption(std::string_view words) {
  ImGui::PushFont(fonts::strong());
  text(words);
  ImGui::PopFont();
}

void field_caption(std::string_view words) {
  ImGui::PushFont(fonts::strong());
  ImGui::TextUnformatted(words.data(), words.data() + words.size());
  ImGui::PopFont();
}

bool text_field(std::string_view caption, std::string& value, int lines, std::string_view error) {
  field_caption(caption);
  std::string label = "##" + std::string(caption);
  bool changed;
  if (lines <= 1) {
    ImGui::SetNextItemWidth(-1);
    changed = ImGui::InputText(label.c_str(), &value);
  } else {
    const int typed_lines = 1 + static_cast<int>(std::count(value.begin(), value.end(), '\n'));
    const int shown = std::clamp(typed_lines + 1, lines, 2 * lines);
    const float height = ImGui::GetTextLineHeight() * shown + 2 * ImGui::GetStyle().FramePadding.y;
    changed = ImGui::InputTextMultiline(label.c_str(), &value, ImVec2(-1, height));
  }
  item_registry::set_last_item_value(value);
  if (!error.empty()) field_error(error);
  return changed;
}

void field_error(std::string_view words) {
  if (words.empty()) return;
  ImGui::PushStyleColor(ImGuiCol_Text, theme::overdue);
  ImGui::TextUnformatted(icon::error);
  ImGui::SameLine(0, 6);
  text_wrapped(words);
  ImGui::PopStyleColor();
}

float button_width(const char* label) {
  ImGui::PushFont(fonts::strong());
  const float width = ImGui::CalcTextSize(label, nullptr, true).x + 2 * ImGui::GetStyle().FramePadding.x;
  ImGui::PopFont();
  return width;
}

bool same_line_if_fits(float width, float spacing) {
  const float gap = spacing < 0 ? ImGui::GetStyle().ItemSpacing.x : spacing;
  // After an item the cursor waits at the start of the next line.
  const float right_edge = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  if (ImGui::GetItemRectMax().x + gap + width > right_edge) return false;
  ImGui::SameLine(0, gap);
  return true;
}

bool toggle_in_row(const std::string& label, bool on, bool first_in_row) {
  if (!first_in_row) same_line_if_fits(button_width(label.c_str()));
  const bool pressed = button(label.c_str(), on ? Emphasis::primary : Emphasis::secondary);
  if (on) item_registry::mark_last_item(item_registry::selected);
  return pressed;
}

void status_after_buttons(ImU32 colour, std::string_view words) {
  if (same_line_if_fits(ImGui::CalcTextSize(words.data(), words.data() + words.size()).x, 16)) {
    ImGui::AlignTextToFramePadding();
    text_coloured(colour, words);
    return;
  }
  ImGui::PushTextWrapPos(0.0f);
  text_coloured(colour, words);
  ImGui::PopTextWrapPos();
}

float Footer::height() const {
  return height_ >= 0 ? height_ : theme::control_height() + 2 * ImGui::GetStyle().ItemSpacing.y;
}

void Footer::end() {
  const float measured = ImGui::GetCursorPosY() - top_;
  if (std::abs(measured - height_) > 0.5f) {
    height_ = measured;
    platform::request_frame();
  }
}

bool choice_row(std::span<const std::string_view> labels, int& chosen, std::string_view id) {
  bool changed = false;
  ImGui::PushID(id.data(), id.data() + id.size());
  for (size_t i = 0; i < labels.size(); ++i) {
    const bool is_chosen = chosen == static_cast<int>(i);
    if (toggle_in_row(std::string(labels[i]), is_chosen, i == 0) && !is_chosen) {
      chosen = static_cast<int>(i);
      changed = true;
    }
  }
  ImGui::PopID();
  return changed;
}

void banner(const char* icon, std::string_view words, ImU32 fill, ImU32 ink) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->ChannelsSplit(2);
  draw->ChannelsSetCurrent(1);
  ImVec2 padding(12, 10);
  ImVec2 start = ImGui::GetCursorScreenPos();
  ImGui::SetCursorScreenPos(start + padding);
  ImGui::BeginGroup();
  ImGui::PushStyleColor(ImGuiCol_Text, ink);
  ImGui::TextUnformatted(icon);
  ImGui::SameLine();
  ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x - padding.x);
  text(words);
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  ImGui::EndGroup();
  ImVec2 end(ImGui::GetWindowPos().x + ImGui::GetContentRegionMax().x, ImGui::GetItemRectMax().y + padding.y);
  draw->ChannelsSetCurrent(0);
  draw->AddRectFilled(start, end, fill, 8.0f);
  draw->ChannelsMerge();
  ImGui::SetCursorScreenPos(ImVec2(start.x, end.y));
  ImGui::Dummy(ImVec2(0, 0));
}

}  // namespace pathway::app::ui
