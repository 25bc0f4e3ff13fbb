// The look: a light and a dark theme (palette.h; both meet WCAG AA contrast,
// measured by tests/unit/theme_contrast_test.cpp), text at 100% to 200%, and
// sizes that suit the device: touch targets of at least 44 CSS px on phones
// and tablets, 36 px with a mouse.
//
// The display settings belong to the device, not to a person's records: they
// are kept in the browser's local storage (platform::local_setting), so the
// public guide has them before anyone unlocks anything.
#pragma once

#include "app/ui/palette.h"
#include "imgui.h"

namespace pathway::app::theme {

enum class Mode { light, dark };

inline constexpr float smallest_text_scale = 1.0f;
inline constexpr float largest_text_scale = 2.0f;  // WCAG 1.4.4: text resizes to 200%
inline constexpr float text_scale_step = 0.25f;

struct Display {
  Mode mode = Mode::light;
  float text_scale = 1.0f;
};

// Reads the saved display settings (or the system's dark-mode preference),
// sets ImGui's style and the colours below. Call once at start.
void init(bool touch);

const Display& display();
// Changes and saves a setting; the next frame draws with it.
void set_mode(Mode mode);
void set_text_scale(float scale);

// Height of a button or text field row, in CSS px (grows with the text).
float control_height();

// The current theme's colours, for what screens draw themselves. They change
// with set_mode(): read them while drawing, never keep a copy.
inline constexpr ImU32 rgb(unsigned r, unsigned g, unsigned b) { return IM_COL32(r, g, b, 255); }
inline ImU32 window = 0;
inline ImU32 text = 0;
inline ImU32 text_muted = 0;
inline ImU32 accent = 0;
inline ImU32 on_accent = 0;
inline ImU32 overdue = 0;
inline ImU32 ok = 0;
inline ImU32 warning_fill = 0;
inline ImU32 warning_text = 0;
inline ImU32 bar_fill = 0;
inline ImU32 divider = 0;
inline ImU32 row_hover = 0;
inline ImU32 row_pressed = 0;

const Palette& palette();

}  // namespace pathway::app::theme
