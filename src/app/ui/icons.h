// Icons from Google's Material Icons font (Debian fonts-material-design-icons-
// iconfont), merged into the UI font. Each is a UTF-8 string of one private-
// use code point. This header is the only list of icons: the build subsets the
// icon font to exactly the code points written here (assets/fonts/
// icon_unicodes.cmake reads the \u escapes below), so adding an icon is one line.
#pragma once

namespace pathway::app::icon {

inline constexpr const char* add = "\ue145";
inline constexpr const char* back = "\ue5c4";
inline constexpr const char* chevron_right = "\ue5cc";
inline constexpr const char* close = "\ue5cd";
inline constexpr const char* cloud_done = "\ue2bf";
inline constexpr const char* cloud_off = "\ue2c1";
inline constexpr const char* error = "\ue000";
inline constexpr const char* group = "\ue7ef";
inline constexpr const char* lock = "\ue897";
inline constexpr const char* person = "\ue7fd";
inline constexpr const char* saved = "\ue86c";     // check_circle
inline constexpr const char* saving = "\ue627";    // sync
inline constexpr const char* schedule = "\ue8b5";
inline constexpr const char* update = "\ue923";
inline constexpr const char* warning = "\ue002";

// The range ImGui rasterises for the icon font (covers every code point above).
inline constexpr unsigned short first_code_point = 0xe000;
inline constexpr unsigned short last_code_point = 0xe923;

}  // namespace pathway::app::icon
