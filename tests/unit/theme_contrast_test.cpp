// Every pair of colours the screens draw together, in the light and the dark
// theme, measured against WCAG 2.2 AA: 4.5:1 for text (1.4.3), 3:1 for field
// edges and the focus ring (1.4.11). A new colour pair gets a row here.
#include <doctest/doctest.h>

#include "app/ui/palette.h"

using namespace pathway::app::theme;

TEST_CASE("contrast ratio matches WCAG's own examples") {
  CHECK(contrast_ratio({0, 0, 0}, {0xff, 0xff, 0xff}) == doctest::Approx(21.0));
  CHECK(contrast_ratio({0x77, 0x77, 0x77}, {0xff, 0xff, 0xff}) == doctest::Approx(4.48).epsilon(0.01));  // just fails AA
}

TEST_CASE("both themes meet WCAG AA for every colour pair the screens use") {
  constexpr double text_minimum = 4.5, non_text_minimum = 3.0;
  struct Pair {
    const char* what;
    Rgb Palette::*foreground;
    Rgb Palette::*background;
    double minimum;
  } pairs[] = {
      {"text on page", &Palette::text, &Palette::window, text_minimum},
      {"muted text on page", &Palette::text_muted, &Palette::window, text_minimum},
      {"link and secondary button text on page", &Palette::accent, &Palette::window, text_minimum},
      {"primary button text", &Palette::on_accent, &Palette::accent_fill, text_minimum},
      {"primary button text, hovered", &Palette::on_accent, &Palette::accent_hover, text_minimum},
      {"primary button text, pressed", &Palette::on_accent, &Palette::accent_pressed, text_minimum},
      {"overdue on page", &Palette::overdue, &Palette::window, text_minimum},
      {"ok on page", &Palette::ok, &Palette::window, text_minimum},
      {"warning banner", &Palette::warning_text, &Palette::warning_fill, text_minimum},
      {"text on a bar", &Palette::text, &Palette::bar_fill, text_minimum},
      {"muted text on a bar", &Palette::text_muted, &Palette::bar_fill, text_minimum},
      {"text on a hovered row", &Palette::text, &Palette::row_hover, text_minimum},
      {"muted text on a hovered row", &Palette::text_muted, &Palette::row_hover, text_minimum},
      {"muted text on a pressed row", &Palette::text_muted, &Palette::row_pressed, text_minimum},
      {"overdue on a hovered row", &Palette::overdue, &Palette::row_hover, text_minimum},
      {"link on a hovered row", &Palette::accent, &Palette::row_hover, text_minimum},
      {"selected text", &Palette::text, &Palette::selection, text_minimum},
      {"field edge on page", &Palette::border, &Palette::window, non_text_minimum},
      {"focus ring on page", &Palette::accent, &Palette::window, non_text_minimum},
      {"primary button edge on page", &Palette::accent_fill, &Palette::window, non_text_minimum},
  };
  for (const auto& [theme, palette] : {std::pair{"light", light_palette}, std::pair{"dark", dark_palette}}) {
    const char* const name = theme;  // clang 14 cannot capture a structured binding
    for (const Pair& pair : pairs) {
      CAPTURE(name);
      CAPTURE(pair.what);
      double ratio = contrast_ratio(palette.*pair.foreground, palette.*pair.background);
      CAPTURE(ratio);
      CHECK(ratio >= pair.minimum);
    }
  }
}
