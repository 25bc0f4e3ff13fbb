// The theme (see theme.h): ImGui's style and the screens' colours from the
// current palette; sizes from the device and the text scale.
#include "app/ui/theme.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "app/platform/platform.h"
#include "app/ui/fonts.h"

namespace pathway::app::theme {
namespace {

constexpr const char* mode_setting = "display.mode";
constexpr const char* text_scale_setting = "display.text_scale";

Display current;
bool is_touch = false;
float frame_padding_y = 10.0f;

ImU32 packed(Rgb c) { return IM_COL32(c.r, c.g, c.b, 255); }
ImVec4 colour(Rgb c) { return ImGui::ColorConvertU32ToFloat4(packed(c)); }

void apply_style() {
  const Palette& p = palette();
  window = packed(p.window);
  text = packed(p.text);
  text_muted = packed(p.text_muted);
  accent = packed(p.accent);
  on_accent = packed(p.on_accent);
  overdue = packed(p.overdue);
  ok = packed(p.ok);
  warning_fill = packed(p.warning_fill);
  warning_text = packed(p.warning_text);
  bar_fill = packed(p.bar_fill);
  divider = packed(p.divider);
  row_hover = packed(p.row_hover);
  row_pressed = packed(p.row_pressed);

  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();
  if (current.mode == Mode::dark) ImGui::StyleColorsDark(&style);
  else ImGui::StyleColorsLight(&style);
  frame_padding_y = is_touch ? 14.0f : 10.0f;  // 16 px text + 2 x 14 = 44 px touch target
  style.WindowPadding = ImVec2(20, 16);
  style.FramePadding = ImVec2(14, frame_padding_y);
  style.ItemSpacing = ImVec2(12, 12);
  style.ItemInnerSpacing = ImVec2(8, 8);
  style.CellPadding = ImVec2(8, 8);
  style.ScrollbarSize = is_touch ? 6.0f : 14.0f;  // fingers scroll by dragging the list itself
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
  style.TouchExtraPadding = is_touch ? ImVec2(4, 4) : ImVec2(0, 0);

  ImVec4* c = style.Colors;
  c[ImGuiCol_Text] = colour(p.text);
  c[ImGuiCol_TextDisabled] = colour(p.text_muted);
  c[ImGuiCol_WindowBg] = colour(p.window);
  c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_PopupBg] = colour(p.window);
  c[ImGuiCol_Border] = colour(p.border);  // field edges 3:1 (WCAG non-text contrast)
  c[ImGuiCol_FrameBg] = colour(p.window);
  c[ImGuiCol_FrameBgHovered] = colour(p.bar_fill);
  c[ImGuiCol_FrameBgActive] = colour(p.window);
  c[ImGuiCol_Button] = colour(p.accent_fill);
  c[ImGuiCol_ButtonHovered] = colour(p.accent_hover);
  c[ImGuiCol_ButtonActive] = colour(p.accent_pressed);
  c[ImGuiCol_Header] = colour(p.row_hover);
  c[ImGuiCol_HeaderHovered] = colour(p.row_hover);
  c[ImGuiCol_HeaderActive] = colour(p.row_pressed);
  c[ImGuiCol_Separator] = colour(p.divider);
  c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_ScrollbarGrab] = colour(p.scrollbar);
  c[ImGuiCol_NavHighlight] = colour(p.accent);
  c[ImGuiCol_TextSelectedBg] = colour(p.selection);
  c[ImGuiCol_CheckMark] = colour(p.accent);
}

}  // namespace

void init(bool touch) {
  is_touch = touch;
  std::string mode = platform::local_setting(mode_setting);
  current.mode = mode == "dark" || (mode.empty() && platform::prefers_dark()) ? Mode::dark : Mode::light;
  std::string scale = platform::local_setting(text_scale_setting);
  float saved = scale.empty() ? 1.0f : std::strtof(scale.c_str(), nullptr);
  current.text_scale = std::isfinite(saved) ? std::clamp(saved, smallest_text_scale, largest_text_scale) : 1.0f;
  platform::set_text_scale(current.text_scale);
  apply_style();
}

const Display& display() { return current; }

const Palette& palette() { return current.mode == Mode::dark ? dark_palette : light_palette; }

void set_mode(Mode mode) {
  if (mode == current.mode) return;
  current.mode = mode;
  platform::set_local_setting(mode_setting, mode == Mode::dark ? "dark" : "light");
  apply_style();
  platform::request_frame();
}

void set_text_scale(float scale) {
  scale = std::clamp(scale, smallest_text_scale, largest_text_scale);
  if (scale == current.text_scale) return;
  current.text_scale = scale;
  platform::set_local_setting(text_scale_setting, std::to_string(scale));
  platform::set_text_scale(scale);
}

float control_height() { return fonts::body_size + 2 * frame_padding_y; }

}  // namespace pathway::app::theme
