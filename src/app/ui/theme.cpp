// The theme (see theme.h): ImGui's style set once at start.
#include "app/ui/theme.h"

#include "app/ui/fonts.h"

namespace pathway::app::theme {
namespace {
float frame_padding_y = 10.0f;

ImVec4 colour(ImU32 packed) { return ImGui::ColorConvertU32ToFloat4(packed); }
}  // namespace

void apply(bool touch) {
  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();
  ImGui::StyleColorsLight(&style);
  frame_padding_y = touch ? 14.0f : 10.0f;  // 16 px text + 2 x 14 = 44 px touch target
  style.WindowPadding = ImVec2(20, 16);
  style.FramePadding = ImVec2(14, frame_padding_y);
  style.ItemSpacing = ImVec2(12, 12);
  style.ItemInnerSpacing = ImVec2(8, 8);
  style.CellPadding = ImVec2(8, 8);
  style.ScrollbarSize = touch ? 6.0f : 14.0f;  // fingers scroll by dragging the list itself
  style.GrabMinSize = 24;
  style.WindowRounding = 0;
  style.ChildRounding = 8;
  style.FrameRounding = 8;
  style.PopupRounding = 8;
  style.GrabRounding = 8;
  style.ScrollbarRounding = 8;
  style.WindowBorderSize = 0;
  style.ChildBorderSize = 1;
  style.FrameBorderSize = 1;
  style.TouchExtraPadding = touch ? ImVec2(4, 4) : ImVec2(0, 0);

  ImVec4* c = style.Colors;
  c[ImGuiCol_Text] = colour(text);
  c[ImGuiCol_TextDisabled] = colour(text_muted);
  c[ImGuiCol_WindowBg] = colour(rgb(0xff, 0xff, 0xff));
  c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_PopupBg] = colour(rgb(0xff, 0xff, 0xff));
  c[ImGuiCol_Border] = colour(rgb(0x8a, 0x96, 0xa3));  // field edges 3:1 on white (WCAG non-text contrast)
  c[ImGuiCol_FrameBg] = colour(rgb(0xff, 0xff, 0xff));
  c[ImGuiCol_FrameBgHovered] = colour(rgb(0xf5, 0xf8, 0xfb));
  c[ImGuiCol_FrameBgActive] = colour(rgb(0xff, 0xff, 0xff));
  c[ImGuiCol_Button] = colour(accent);
  c[ImGuiCol_ButtonHovered] = colour(rgb(0x09, 0x4e, 0x88));
  c[ImGuiCol_ButtonActive] = colour(rgb(0x07, 0x3d, 0x6b));
  c[ImGuiCol_Header] = colour(row_hover);
  c[ImGuiCol_HeaderHovered] = colour(row_hover);
  c[ImGuiCol_HeaderActive] = colour(row_pressed);
  c[ImGuiCol_Separator] = colour(divider);
  c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_ScrollbarGrab] = colour(rgb(0xb8, 0xc1, 0xca));
  c[ImGuiCol_NavHighlight] = colour(accent);
  c[ImGuiCol_TextSelectedBg] = colour(rgb(0xb9, 0xd7, 0xf2));
  c[ImGuiCol_CheckMark] = colour(accent);
}

float control_height() { return fonts::body_size + 2 * frame_padding_y; }

}  // namespace pathway::app::theme
