// Font loading (see fonts.h). The font files are subset at build time to
// assets/fonts/text.unicodes and the icons in icons.h; text_glyph_ranges
// below asks ImGui to rasterise the same characters. The byte arrays stay
// owned by the module (FontDataOwnedByAtlas = false), so rebuilding the atlas
// for a new pixel ratio copies nothing.
#include "app/ui/fonts.h"

#include <cstddef>

#include "app/ui/icons.h"
#include "imgui.h"

namespace pathway::app {
namespace embedded {
extern const unsigned char inter_regular[];
extern const std::size_t inter_regular_size;
extern const unsigned char inter_semibold[];
extern const std::size_t inter_semibold_size;
extern const unsigned char material_icons[];
extern const std::size_t material_icons_size;
}  // namespace embedded

namespace fonts {
namespace {

// Keep in step with assets/fonts/text.unicodes.
const ImWchar text_glyph_ranges[] = {
    0x0020, 0x007E, 0x00A0, 0x00FF, 0x0152, 0x0153, 0x2013, 0x2014, 0x2018, 0x2019,
    0x201C, 0x201D, 0x2022, 0x2022, 0x2026, 0x2026, 0x20AC, 0x20AC, 0x2212, 0x2212, 0,
};
const ImWchar icon_glyph_ranges[] = {icon::first_code_point, icon::last_code_point, 0};

ImFont* loaded_body = nullptr;
ImFont* loaded_strong = nullptr;
ImFont* loaded_small = nullptr;
ImFont* loaded_title = nullptr;

ImFont* add_font(const unsigned char* data, std::size_t size, float pixels, bool with_icons) {
  ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false;
  config.OversampleH = 1;  // rasterised at the screen's own resolution: no oversampling needed
  config.OversampleV = 1;
  config.PixelSnapH = true;
  ImFont* font = atlas.AddFontFromMemoryTTF(const_cast<unsigned char*>(data), static_cast<int>(size), pixels,
                                            &config, text_glyph_ranges);
  if (with_icons) {
    ImFontConfig icons;
    icons.FontDataOwnedByAtlas = false;
    icons.MergeMode = true;
    icons.OversampleH = 1;
    icons.OversampleV = 1;
    icons.PixelSnapH = true;
    icons.GlyphMinAdvanceX = pixels * 1.25f;  // icons line up in columns
    icons.GlyphOffset = ImVec2(0, pixels * 0.2f);  // Material Icons sit high next to Inter
    atlas.AddFontFromMemoryTTF(const_cast<unsigned char*>(embedded::material_icons),
                               static_cast<int>(embedded::material_icons_size), pixels * 1.25f, &icons,
                               icon_glyph_ranges);
  }
  return font;
}

}  // namespace

void load(float pixel_ratio, float text_scale) {
  body_size = base_body_size * text_scale;
  small_size = base_small_size * text_scale;
  title_size = base_title_size * text_scale;
  loaded_body = add_font(embedded::inter_regular, embedded::inter_regular_size, body_size * pixel_ratio, true);
  loaded_strong = add_font(embedded::inter_semibold, embedded::inter_semibold_size, body_size * pixel_ratio, true);
  loaded_small = add_font(embedded::inter_regular, embedded::inter_regular_size, small_size * pixel_ratio, true);
  loaded_title = add_font(embedded::inter_semibold, embedded::inter_semibold_size, title_size * pixel_ratio, true);
}

ImFont* body() { return loaded_body; }
ImFont* strong() { return loaded_strong; }
ImFont* small() { return loaded_small; }
ImFont* title() { return loaded_title; }

}  // namespace fonts
}  // namespace pathway::app
