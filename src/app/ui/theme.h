// The look: a calm, high-contrast light theme (text and controls meet WCAG AA
// contrast on white) and sizes that suit the device: touch targets of at
// least 44 CSS px on phones and tablets, 36 px with a mouse.
#pragma once

#include "imgui.h"

namespace pathway::app::theme {

void apply(bool touch);

// Height of a button or text field row, in CSS px.
float control_height();

// Colours the screens use beyond ImGui's own style.
inline constexpr ImU32 rgb(unsigned r, unsigned g, unsigned b) { return IM_COL32(r, g, b, 255); }
inline constexpr ImU32 text = rgb(0x1b, 0x1f, 0x24);
inline constexpr ImU32 text_muted = rgb(0x4a, 0x55, 0x60);     // 7.4:1 on white
inline constexpr ImU32 accent = rgb(0x0b, 0x5f, 0xa5);         // buttons, links: 6.3:1 on white
inline constexpr ImU32 overdue = rgb(0xb3, 0x26, 0x1e);        // 6.5:1 on white
inline constexpr ImU32 ok = rgb(0x1e, 0x6b, 0x34);             // 6.4:1 on white
inline constexpr ImU32 warning_fill = rgb(0xff, 0xf4, 0xce);
inline constexpr ImU32 warning_text = rgb(0x5c, 0x44, 0x00);
inline constexpr ImU32 bar_fill = rgb(0xf1, 0xf4, 0xf7);       // top and status bars
inline constexpr ImU32 divider = rgb(0xd5, 0xdb, 0xe1);
inline constexpr ImU32 row_hover = rgb(0xe8, 0xf1, 0xfa);
inline constexpr ImU32 row_pressed = rgb(0xd3, 0xe5, 0xf5);

}  // namespace pathway::app::theme
