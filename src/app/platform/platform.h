// The app's platform layer: Dear ImGui in a browser page without GLFW or SDL.
// It owns the WebGL2 context on the page's canvas, sizes the canvas backing
// store to CSS pixels x devicePixelRatio (so text is sharp on tablets and
// phones), turns the page's mouse, touch, wheel and keyboard events into
// ImGui input, keeps a hidden DOM text field focused while ImGui edits text
// (on-screen keyboards, IME, paste), and draws frames only when something
// changed: an idle app draws nothing at all.
//
// Everything here runs on the browser's main thread. Callers build their UI in
// the draw function passed to run(); other code that changes what is on screen
// (a save finished, the network came back) calls request_frame().
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "core/result.h"

namespace pathway::app::platform {

// Creates the WebGL2 context and the ImGui context, loads fonts at the
// screen's pixel density and installs the event handlers. A clear error when
// the browser cannot give us WebGL2.
Status init();

// Starts drawing: `draw` is called between ImGui::NewFrame() and Render() for
// every frame. Draws the first frame, then returns (the browser's event loop
// drives the frames after it).
void run(std::function<void()> draw);

// Schedules a frame (at most one pending at a time). Cheap: call it whenever
// state that the UI shows has changed.
void request_frame();

// True on phones and tablets (coarse pointer): bigger touch targets.
bool touch_device();

// navigator.onLine, kept up to date (a change draws a frame).
bool online();

// Replaces the loading screen with a message for the person (the app cannot run).
void show_failure(const std::string& message);

// The text-size setting (1 = 100%): fonts are rebuilt for the next frame.
void set_text_scale(float scale);

// True when the system asks for a dark theme (prefers-color-scheme).
bool prefers_dark();

// Small device settings in the browser's local storage: display settings and
// the guide's saved pages. Never personal data or records: those live only in
// the encrypted database. "" when unset or when storage is unavailable.
std::string local_setting(const char* key);
void set_local_setting(const char* key, const std::string& value);

// The guide's address: the topic of a /guide or /guide/<topic> link the page
// was opened at (nullopt for other addresses), and showing the guide's link
// for a topic ("" = the guide's start; in_guide false: the app's own address).
std::optional<std::string> guide_topic_in_address();
void show_guide_address(const std::string& topic, bool in_guide);

// When a person last did something on the page (touch, mouse, keys, typing,
// the DOM mirror), on emscripten_get_now()'s clock; 0 before any input.
double last_input_ms();
// Whether the page is hidden (another tab, the app in the background, the
// screen off), and a listener called when that changes.
bool page_hidden();
void set_on_visibility_change(std::function<void(bool hidden)> listener);

// Follows a tel:, sms: or mailto: link (the dialler, messages or mail app),
// as a tap on a real link would; other addresses are ignored. Called while
// the tap that asked for it still counts as the person's gesture.
void open_external_link(const std::string& href);

// The browser's history, for Back (the button, the gesture): an entry per
// screen opened deeper than the caseload, holding only its depth (never a
// record id or a name: the address does not change). go_back_in_history(n)
// is history.go(-n); `listener` is told the depth of the entry the browser
// went to (0 for the first).
void push_history_entry(int depth);
void go_back_in_history(int steps);
void set_on_history_moved(std::function<void(int depth)> listener);

// Frames drawn since start (also published as window.pathway.frames).
int frames_drawn();

// User Timing marks (performance.mark) for benchmarks and field measurement
// of what a person waits for: now, or once the frame being built has been
// drawn. `name` is a string literal ("pathway-..."); each is set once.
void mark(const char* name);
void mark_when_drawn(const char* name);
// A mark set again each time (the sync's rounds): tests count them.
void mark_again(const char* name);

}  // namespace pathway::app::platform
