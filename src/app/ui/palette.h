// The app's two colour palettes, light and dark, as plain data (no ImGui),
// and the WCAG 2.2 contrast ratio, so a native unit test can measure every
// pair of colours the screens draw together (tests/unit/theme_contrast_test.cpp):
// text 4.5:1 or more (1.4.3), field edges, focus rings and icons 3:1 (1.4.11).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace pathway::app::theme {

struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
};

struct Palette {
  Rgb window;        // page background
  Rgb text;
  Rgb text_muted;    // secondary text: still 4.5:1
  Rgb accent;        // links, secondary button text and edges, focus
  Rgb accent_fill;   // primary button fill
  Rgb on_accent;     // text on accent_fill
  Rgb accent_hover;
  Rgb accent_pressed;
  Rgb overdue;
  Rgb ok;
  Rgb warning_fill;
  Rgb warning_text;
  Rgb bar_fill;      // top and status bars
  Rgb divider;       // decoration only
  Rgb border;        // field edges: 3:1
  Rgb row_hover;
  Rgb row_pressed;
  Rgb selection;
  Rgb scrollbar;
};

inline constexpr Palette light_palette{
    .window = {0xff, 0xff, 0xff},        .text = {0x1b, 0x1f, 0x24},          .text_muted = {0x4a, 0x55, 0x60},
    .accent = {0x0b, 0x5f, 0xa5},        .accent_fill = {0x0b, 0x5f, 0xa5},   .on_accent = {0xff, 0xff, 0xff},
    .accent_hover = {0x09, 0x4e, 0x88},  .accent_pressed = {0x07, 0x3d, 0x6b}, .overdue = {0xb3, 0x26, 0x1e},
    .ok = {0x1e, 0x6b, 0x34},            .warning_fill = {0xff, 0xf4, 0xce},  .warning_text = {0x5c, 0x44, 0x00},
    .bar_fill = {0xf1, 0xf4, 0xf7},      .divider = {0xd5, 0xdb, 0xe1},       .border = {0x8a, 0x96, 0xa3},
    .row_hover = {0xe8, 0xf1, 0xfa},     .row_pressed = {0xd3, 0xe5, 0xf5},   .selection = {0xb9, 0xd7, 0xf2},
    .scrollbar = {0xb8, 0xc1, 0xca},
};

inline constexpr Palette dark_palette{
    .window = {0x12, 0x14, 0x17},        .text = {0xe8, 0xea, 0xed},          .text_muted = {0xa9, 0xb3, 0xbd},
    .accent = {0x7c, 0xc0, 0xff},        .accent_fill = {0x7c, 0xc0, 0xff},   .on_accent = {0x0a, 0x1a, 0x2b},
    .accent_hover = {0x9c, 0xd0, 0xff},  .accent_pressed = {0xb8, 0xdd, 0xff}, .overdue = {0xff, 0x8a, 0x80},
    .ok = {0x7d, 0xd8, 0x95},            .warning_fill = {0x3d, 0x32, 0x0a},  .warning_text = {0xff, 0xe0, 0x8a},
    .bar_fill = {0x1d, 0x21, 0x26},      .divider = {0x33, 0x3a, 0x42},       .border = {0x7d, 0x88, 0x94},
    .row_hover = {0x1f, 0x2b, 0x38},     .row_pressed = {0x27, 0x38, 0x4a},   .selection = {0x2a, 0x4d, 0x70},
    .scrollbar = {0x4a, 0x53, 0x5c},
};

// WCAG 2.2 relative luminance and contrast ratio (1 to 21).
inline double relative_luminance(Rgb colour) {
  auto channel = [](std::uint8_t value) {
    double c = value / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b);
}

inline double contrast_ratio(Rgb a, Rgb b) {
  double la = relative_luminance(a), lb = relative_luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace pathway::app::theme
