// Internal interface between the parts of the platform layer: the frame loop
// and canvas (platform.cpp), input events (input.cpp) and the browser glue in
// js/platform.js. Nothing outside src/app/platform includes this.
#pragma once

namespace pathway::app::platform {

// Draws one frame now, synchronously (used inside event handlers when the
// result must be known before the handler returns: a tap that focuses a text
// field must focus the hidden input while the browser still counts the
// handler as a user gesture).
void draw_frame_now();

// Asks for `count` frames after this one (ImGui settles layout and hover over
// a couple of frames after input).
void request_frames(int count);

// A person did something (touch, mouse, wheel, key, typing, an action on the
// DOM mirror): the auto-lock's idle time starts again (platform.h, last_input_ms).
void note_input();

// Installs the mouse, touch, wheel and keyboard handlers on the canvas/page.
void install_input_handlers(const char* canvas_selector);

// After each frame: focus, move or blur the hidden text field so that it
// follows ImGui's wish for text input; apply touch scrolling momentum.
void after_frame();

}  // namespace pathway::app::platform

// Browser glue implemented in js/platform.js (an Emscripten JS library).
extern "C" {
void pathway_js_platform_init();
int pathway_js_touch_device();
int pathway_js_online();
int pathway_js_mac();
// kind: 0 line, 1 password, 2 multi-line; refocus: focus again even if focused
// (a tap on the active field reopens a dismissed on-screen keyboard).
void pathway_js_text_focus(int kind, float x, float y, float line_height, int refocus);
void pathway_js_text_blur();
void pathway_js_set_clipboard(const char* utf8);
void pathway_js_set_cursor(int imgui_cursor);
void pathway_js_frame_drawn(int frames, double frame_ms);  // frame_ms: the C++ frame, for benchmarks
void pathway_js_show_failure(const char* utf8);
void pathway_js_mark(const char* name);
int pathway_js_prefers_dark();
int pathway_js_mirror_focused();  // keyboard focus is on an element of the DOM mirror
char* pathway_js_guide_topic_in_address();  // malloc'd, or null (js/guide.js)
void pathway_js_guide_set_address(const char* topic, int in_guide);
char* pathway_js_local_setting(const char* key);  // malloc'd UTF-8, or null; the caller frees it
void pathway_js_set_local_setting(const char* key, const char* value);
void pathway_js_open_external_link(const char* href);
void pathway_js_history_push(int depth);
void pathway_js_history_back(int steps);
}
