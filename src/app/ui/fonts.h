// The app's fonts: Inter (regular and semibold) with Material Icons merged
// in, compiled into the module (see src/app/CMakeLists.txt). Sizes are in CSS
// pixels; load() rasterises them at the screen's pixel ratio so that text is
// sharp, and the platform layer draws them at 1/ratio.
#pragma once

struct ImFont;

namespace pathway::app::fonts {

inline constexpr float body_size = 16.0f;   // body text: readable on a phone at arm's length
inline constexpr float small_size = 14.0f;  // status bar, secondary details
inline constexpr float title_size = 22.0f;  // screen titles

// Adds the fonts to ImGui's (cleared) atlas at `pixel_ratio`. The first one
// added, body, becomes ImGui's default font.
void load(float pixel_ratio);

ImFont* body();
ImFont* strong();  // semibold at body size: names, buttons
ImFont* small();
ImFont* title();

}  // namespace pathway::app::fonts
