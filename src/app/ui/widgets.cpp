// Shared widgets (see widgets.h).
#include "app/ui/widgets.h"

#include "app/platform/item_registry.h"
#include "app/ui/fonts.h"
#include "app/ui/theme.h"
#include "imgui_internal.h"

namespace pathway::app::ui {

bool button(const char* label, Emphasis emphasis, float width) {
  bool primary = emphasis == Emphasis::primary;
  ImGui::PushFont(fonts::strong());
  ImGui::PushStyleColor(ImGuiCol_Text, primary ? theme::rgb(0xff, 0xff, 0xff) : theme::accent);
  if (!primary) {
    ImGui::PushStyleColor(ImGuiCol_Button, theme::rgb(0xff, 0xff, 0xff));
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

void text_wrapped(std::string_view words) {
  ImGui::PushTextWrapPos(0.0f);
  text(words);
  ImGui::PopTextWrapPos();
}

void heading(std::string_view words) {
  ImGui::PushFont(fonts::title());
  text(words);
  ImGui::PopFont();
}

void field_caption(std::string_view words) {
  ImGui::PushFont(fonts::strong());
  ImGui::TextUnformatted(words.data(), words.data() + words.size());
  ImGui::PopFont();
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
