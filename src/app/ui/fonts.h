// The app's fonts: Inter (regular and semibold) with Material Icons merged
// in, compiled into the module (see src/app/CMakeLists.txt). Sizes are in CSS
// pixels and grow with the text-size setting (theme.h); load() rasterises
// them at the screen's pixel ratio times that scale so that text is sharp at
// every size, and the platform layer draws them at 1/ratio.
#pragma once

struct ImFont;

namespace pathway::app::fonts {

inline constexpr float base_body_size = 16.0f;   // body text: readable on a phone at arm's length
inline constexpr float base_small_size = 14.0f;  // status bar, secondary details
inline constexpr float base_title_size = 22.0f;  // screen titles

// The sizes at the current text scale (set by load()).
inline float body_size = base_body_size;
inline float small_size = base_small_size;
inline float title_size = base_title_size;

// Adds the fonts to ImGui's (cleared) atlas at `pixel_ratio` x `text_scale`.
// The first one added, body, becomes ImGui's default font.
void load(float pixel_ratio, float text_scale);

ImFont* body();
ImFont* strong();  // semibold at body size: names, buttons
ImFont* small();
ImFont* title();

}  // namespace pathway::app::fonts
