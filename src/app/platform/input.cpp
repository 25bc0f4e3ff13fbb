// Input for the platform layer: the page's mouse, touch, wheel and keyboard
// events (emscripten/html5.h) become ImGui input, and the hidden DOM text
// field (js/platform.js) carries text in and out.
//
// Touch: ImGui knows taps only as a mouse press and release, and has no touch
// scrolling. A finger that lifts within a few pixels of where it went down is
// a tap: position and press go into one frame, the release into the next, and
// both frames are drawn inside the touchend handler so that a tap on a text
// field focuses the hidden input while the browser still counts it as a user
// gesture (otherwise phones do not open the on-screen keyboard). A finger that
// moves further scrolls the window under it, and keeps gliding after release.
//
// Keyboard: keys ImGui uses are passed on; the browser keeps keys we do not
// use (reload, zoom, address bar). While a text field is active, printable
// text does not come from key events but from the hidden input's beforeinput,
// composition and paste events, which is what on-screen keyboards and IMEs
// produce.
#include <cfloat>
#include <cmath>
#include <cstring>
#include <string>

#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

#include "app/platform/platform.h"
#include "app/platform/platform_internal.h"
#include "imgui.h"
#include "imgui_internal.h"

namespace pathway::app::platform {
namespace {

constexpr float tap_slop = 10.0f;          // CSS px a finger may wander and still tap
constexpr double glide_decay_per_ms = 0.997;
constexpr double glide_min_speed = 0.03;   // px/ms below which gliding stops
constexpr int frames_after_input = 2;
constexpr int frames_within_tap = 4;

struct TouchState {
  bool down = false;
  long identifier = 0;
  ImVec2 start, last;
  bool scrolling = false;
  ImGuiID scroll_window = 0;
  double last_time = 0;
  double velocity = 0;  // px/ms, positive = content moves up (scrolls down)
};

struct Glide {
  ImGuiID window = 0;
  double velocity = 0;
  double last_time = 0;
};

TouchState touch;
Glide glide;
ImGuiPlatformImeData ime;
bool text_field_focused = false;
bool refocus_text_field = false;  // inside a tap: focus the hidden input again so the keyboard reopens
std::string clipboard;

const ImVec2 no_pointer(-FLT_MAX, -FLT_MAX);

void input_arrived(int frames = frames_after_input) {
  note_input();
  request_frames(frames);
}

// [SECTION] Scrolling by touch

// The innermost window under `pos` that can scroll vertically.
ImGuiWindow* scrollable_window_at(ImVec2 pos) {
  ImGuiContext& g = *GImGui;
  for (int i = g.Windows.Size - 1; i >= 0; --i) {
    ImGuiWindow* window = g.Windows[i];
    if (!window->WasActive || window->Hidden || (window->Flags & ImGuiWindowFlags_NoMouseInputs)) continue;
    if (!window->OuterRectClipped.Contains(pos)) continue;
    while (window && window->ScrollMax.y <= 0.0f) window = window->ParentWindow;
    return window;
  }
  return nullptr;
}

// Scrolls by `delta` CSS px; returns false when the window is at its end.
bool scroll_window_by(ImGuiID id, double delta) {
  ImGuiWindow* window = ImGui::FindWindowByID(id);
  if (!window) return false;
  float from = window->ScrollTarget.y != FLT_MAX ? window->ScrollTarget.y : window->Scroll.y;
  float to = ImClamp(from + static_cast<float>(delta), 0.0f, window->ScrollMax.y);
  ImGui::SetScrollY(window, to);
  return to != from;
}

void apply_glide() {
  if (glide.window == 0) return;
  double now = emscripten_get_now();
  double elapsed = now - glide.last_time;
  glide.last_time = now;
  bool moved = scroll_window_by(glide.window, glide.velocity * elapsed);
  glide.velocity *= std::pow(glide_decay_per_ms, elapsed);
  if (!moved || std::fabs(glide.velocity) < glide_min_speed) {
    glide.window = 0;
    return;
  }
  request_frame();
}

// [SECTION] Touch events

const EmscriptenTouchPoint* find_touch(const EmscriptenTouchEvent* event, long identifier, bool changed_only) {
  for (int i = 0; i < event->numTouches; ++i) {
    const EmscriptenTouchPoint& point = event->touches[i];
    if (point.identifier == identifier && (!changed_only || point.isChanged)) return &point;
  }
  return nullptr;
}

EM_BOOL on_touch_start(int, const EmscriptenTouchEvent* event, void*) {
  glide.window = 0;  // a finger stops a gliding list, as on every phone
  if (touch.down) return EM_TRUE;  // a second finger: ignored
  const EmscriptenTouchPoint* point = nullptr;
  for (int i = 0; i < event->numTouches && !point; ++i)
    if (event->touches[i].isChanged) point = &event->touches[i];
  if (!point) return EM_TRUE;
  touch = TouchState{};
  touch.down = true;
  touch.identifier = point->identifier;
  touch.start = touch.last = ImVec2(static_cast<float>(point->targetX), static_cast<float>(point->targetY));
  touch.last_time = event->timestamp;
  ImGuiIO& io = ImGui::GetIO();
  io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
  io.AddMousePosEvent(touch.start.x, touch.start.y);  // shows what is under the finger as hovered
  input_arrived(1);
  return EM_TRUE;  // no emulated mouse events, no browser panning or zooming
}

EM_BOOL on_touch_move(int, const EmscriptenTouchEvent* event, void*) {
  const EmscriptenTouchPoint* point = touch.down ? find_touch(event, touch.identifier, true) : nullptr;
  if (!point) return EM_TRUE;
  ImVec2 pos(static_cast<float>(point->targetX), static_cast<float>(point->targetY));
  ImGuiIO& io = ImGui::GetIO();
  if (!touch.scrolling && ImLengthSqr(pos - touch.start) > tap_slop * tap_slop) {
    touch.scrolling = true;
    ImGuiWindow* window = scrollable_window_at(touch.start);
    touch.scroll_window = window ? window->ID : 0;
    io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
    io.AddMousePosEvent(no_pointer.x, no_pointer.y);  // a scroll is not a press: drop the hover
  }
  if (touch.scrolling && touch.scroll_window) {
    double delta = touch.last.y - pos.y;
    double elapsed = std::max(1.0, event->timestamp - touch.last_time);
    scroll_window_by(touch.scroll_window, delta);
    touch.velocity = 0.8 * (delta / elapsed) + 0.2 * touch.velocity;
  }
  touch.last = pos;
  touch.last_time = event->timestamp;
  input_arrived(1);
  return EM_TRUE;
}

EM_BOOL on_touch_end(int event_type, const EmscriptenTouchEvent* event, void*) {
  const EmscriptenTouchPoint* point = touch.down ? find_touch(event, touch.identifier, true) : nullptr;
  if (!point) return EM_TRUE;
  touch.down = false;
  ImGuiIO& io = ImGui::GetIO();
  io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
  if (touch.scrolling) {
    if (touch.scroll_window && std::fabs(touch.velocity) > glide_min_speed &&
        event->timestamp - touch.last_time < 80) {  // the finger was still moving when it lifted
      glide = Glide{touch.scroll_window, touch.velocity, emscripten_get_now()};
      request_frame();
    }
    return EM_TRUE;
  }
  if (event_type == EMSCRIPTEN_EVENT_TOUCHCANCEL) {
    io.AddMousePosEvent(no_pointer.x, no_pointer.y);
    input_arrived();
    return EM_TRUE;
  }
  // A tap: press with the position in one frame, release in the next (ImGui's
  // input queue spreads them), both drawn now, inside the user gesture.
  // A tap may open a form whose text field takes focus a frame or two later:
  // draw until ImGui wants text or a few frames have passed.
  io.AddMousePosEvent(touch.start.x, touch.start.y);
  io.AddMouseButtonEvent(ImGuiMouseButton_Left, true);
  io.AddMouseButtonEvent(ImGuiMouseButton_Left, false);
  refocus_text_field = true;
  for (int frame = 0; frame < frames_within_tap; ++frame) {
    draw_frame_now();
    if (frame >= 1 && io.WantTextInput) break;
  }
  refocus_text_field = false;
  io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
  io.AddMousePosEvent(no_pointer.x, no_pointer.y);  // fingers do not hover
  input_arrived();
  return EM_TRUE;
}

// [SECTION] Mouse and wheel

int imgui_button(unsigned short dom_button) {
  switch (dom_button) {
    case 0: return ImGuiMouseButton_Left;
    case 1: return ImGuiMouseButton_Middle;
    case 2: return ImGuiMouseButton_Right;
    default: return -1;
  }
}

EM_BOOL on_mouse(int event_type, const EmscriptenMouseEvent* event, void*) {
  ImGuiIO& io = ImGui::GetIO();
  io.AddMouseSourceEvent(ImGuiMouseSource_Mouse);
  if (event_type == EMSCRIPTEN_EVENT_MOUSELEAVE) {
    io.AddMousePosEvent(no_pointer.x, no_pointer.y);
    input_arrived();
    return EM_FALSE;
  }
  io.AddMousePosEvent(static_cast<float>(event->targetX), static_cast<float>(event->targetY));
  if (event_type == EMSCRIPTEN_EVENT_MOUSEMOVE) {
    input_arrived(1);
    return EM_FALSE;
  }
  int button = imgui_button(event->button);
  if (button < 0) return EM_FALSE;  // back/forward buttons stay the browser's
  io.AddMouseButtonEvent(button, event_type == EMSCRIPTEN_EVENT_MOUSEDOWN);
  if (event_type == EMSCRIPTEN_EVENT_MOUSEUP) draw_frame_now();  // focus text fields within the click
  input_arrived();
  // Pressing on the canvas must not take focus from the hidden text field.
  return event_type == EMSCRIPTEN_EVENT_MOUSEDOWN;
}

EM_BOOL on_wheel(int, const EmscriptenWheelEvent* event, void*) {
  // ImGui scrolls about five lines per wheel unit; a mouse notch is 100 px in
  // pixel mode or 3 lines in line mode.
  double scale = event->deltaMode == DOM_DELTA_PIXEL ? 1.0 / 100.0 : event->deltaMode == DOM_DELTA_LINE ? 1.0 / 3.0 : 1.0;
  ImGuiIO& io = ImGui::GetIO();
  io.AddMouseSourceEvent(ImGuiMouseSource_Mouse);
  io.AddMouseWheelEvent(static_cast<float>(-event->deltaX * scale), static_cast<float>(-event->deltaY * scale));
  glide.window = 0;
  input_arrived();
  return EM_TRUE;
}

// [SECTION] Keyboard

ImGuiKey key_from_dom(const EmscriptenKeyboardEvent* event) {
  const char* key = event->key;
  bool right = event->location == DOM_KEY_LOCATION_RIGHT;
  if (key[0] && !key[1]) {  // a single character: letters and digits for shortcuts
    char c = key[0];
    if (c >= 'a' && c <= 'z') return static_cast<ImGuiKey>(ImGuiKey_A + (c - 'a'));
    if (c >= 'A' && c <= 'Z') return static_cast<ImGuiKey>(ImGuiKey_A + (c - 'A'));
    if (c >= '0' && c <= '9') return static_cast<ImGuiKey>(ImGuiKey_0 + (c - '0'));
    if (c == ' ') return ImGuiKey_Space;
    return ImGuiKey_None;
  }
  static constexpr struct {
    const char* name;
    ImGuiKey key;
  } named[] = {
      {"Tab", ImGuiKey_Tab},           {"ArrowLeft", ImGuiKey_LeftArrow}, {"ArrowRight", ImGuiKey_RightArrow},
      {"ArrowUp", ImGuiKey_UpArrow},   {"ArrowDown", ImGuiKey_DownArrow}, {"PageUp", ImGuiKey_PageUp},
      {"PageDown", ImGuiKey_PageDown}, {"Home", ImGuiKey_Home},           {"End", ImGuiKey_End},
      {"Insert", ImGuiKey_Insert},     {"Delete", ImGuiKey_Delete},       {"Backspace", ImGuiKey_Backspace},
      {"Enter", ImGuiKey_Enter},       {"Escape", ImGuiKey_Escape},
  };
  for (const auto& entry : named)
    if (std::strcmp(key, entry.name) == 0) return entry.key;
  if (std::strcmp(key, "Control") == 0) return right ? ImGuiKey_RightCtrl : ImGuiKey_LeftCtrl;
  if (std::strcmp(key, "Shift") == 0) return right ? ImGuiKey_RightShift : ImGuiKey_LeftShift;
  if (std::strcmp(key, "Alt") == 0) return right ? ImGuiKey_RightAlt : ImGuiKey_LeftAlt;
  if (std::strcmp(key, "Meta") == 0) return right ? ImGuiKey_RightSuper : ImGuiKey_LeftSuper;
  return ImGuiKey_None;
}

bool is_modifier(ImGuiKey key) {
  return key == ImGuiKey_LeftCtrl || key == ImGuiKey_RightCtrl || key == ImGuiKey_LeftShift ||
         key == ImGuiKey_RightShift || key == ImGuiKey_LeftAlt || key == ImGuiKey_RightAlt ||
         key == ImGuiKey_LeftSuper || key == ImGuiKey_RightSuper;
}

EM_BOOL on_key(int event_type, const EmscriptenKeyboardEvent* event, void*) {
  ImGuiKey key = key_from_dom(event);
  if (key == ImGuiKey_None) return EM_FALSE;  // Unidentified (on-screen keyboards), F-keys...: not ours
  ImGuiIO& io = ImGui::GetIO();
  bool down = event_type == EMSCRIPTEN_EVENT_KEYDOWN;
  bool shortcut = io.ConfigMacOSXBehaviors ? event->metaKey : event->ctrlKey;
  bool editing = io.WantTextInput;
  bool letter = key >= ImGuiKey_A && key <= ImGuiKey_Z;
  bool digit_or_space = (key >= ImGuiKey_0 && key <= ImGuiKey_9) || key == ImGuiKey_Space;

  // Typed text arrives through the hidden input (beforeinput), not here, and
  // paste through its paste event: ImGui gets only the key's shortcut role.
  if (down && shortcut && key == ImGuiKey_V) return EM_FALSE;
  // Tab (outside a text field) is the browser's: it moves focus through the
  // DOM mirror in reading order, and the mirror moves ImGui's focus. On a
  // mirror element the browser also presses buttons (Enter, Space) itself.
  // Key releases always reach ImGui, so a key pressed inside a field is never left held down.
  if (down && !editing && key == ImGuiKey_Tab) return EM_FALSE;
  if (down && !editing && (key == ImGuiKey_Enter || key == ImGuiKey_Space) && pathway_js_mirror_focused()) return EM_FALSE;
  if ((letter || digit_or_space) && !shortcut && editing) return EM_FALSE;
  if (letter && !shortcut) return EM_FALSE;

  io.AddKeyEvent(ImGuiMod_Ctrl, event->ctrlKey);
  io.AddKeyEvent(ImGuiMod_Shift, event->shiftKey);
  io.AddKeyEvent(ImGuiMod_Alt, event->altKey);
  io.AddKeyEvent(ImGuiMod_Super, event->metaKey);
  io.AddKeyEvent(key, down);
  input_arrived();
  if (is_modifier(key) || !down) return EM_FALSE;

  if (shortcut && (key == ImGuiKey_C || key == ImGuiKey_X)) {
    // ImGui copies into our clipboard during this frame; the browser's copy
    // event, which follows this handler, hands it to the system clipboard.
    draw_frame_now();
    return EM_FALSE;
  }
  if (editing) return shortcut ? (key == ImGuiKey_A || key == ImGuiKey_Z || key == ImGuiKey_Y) : EM_TRUE;
  if (shortcut) return EM_FALSE;  // the browser's own shortcuts (reload, find, zoom)
  // Navigation keys would scroll the page or move browser focus.
  return key == ImGuiKey_Tab || key == ImGuiKey_Space || key == ImGuiKey_UpArrow || key == ImGuiKey_DownArrow ||
         key == ImGuiKey_PageUp || key == ImGuiKey_PageDown;
}

EM_BOOL on_window_focus(int event_type, const EmscriptenFocusEvent*, void*) {
  ImGui::GetIO().AddFocusEvent(event_type == EMSCRIPTEN_EVENT_FOCUS);
  input_arrived();
  return EM_FALSE;
}

// [SECTION] Text field and clipboard

void set_platform_ime_data(ImGuiViewport*, ImGuiPlatformImeData* data) { ime = *data; }

void set_clipboard_text(void*, const char* text) {
  clipboard = text ? text : "";
  pathway_js_set_clipboard(clipboard.c_str());
}

const char* get_clipboard_text(void*) { return clipboard.c_str(); }

}  // namespace

void install_input_handlers(const char* canvas) {
  emscripten_set_touchstart_callback(canvas, nullptr, EM_FALSE, on_touch_start);
  emscripten_set_touchmove_callback(canvas, nullptr, EM_FALSE, on_touch_move);
  emscripten_set_touchend_callback(canvas, nullptr, EM_FALSE, on_touch_end);
  emscripten_set_touchcancel_callback(canvas, nullptr, EM_FALSE, on_touch_end);
  emscripten_set_mousedown_callback(canvas, nullptr, EM_FALSE, on_mouse);
  emscripten_set_mouseup_callback(canvas, nullptr, EM_FALSE, on_mouse);
  emscripten_set_mousemove_callback(canvas, nullptr, EM_FALSE, on_mouse);
  emscripten_set_mouseleave_callback(canvas, nullptr, EM_FALSE, on_mouse);
  emscripten_set_wheel_callback(canvas, nullptr, EM_FALSE, on_wheel);
  emscripten_set_keydown_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_key);
  emscripten_set_keyup_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_key);
  emscripten_set_focus_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_window_focus);
  emscripten_set_blur_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_window_focus);

  ImGuiIO& io = ImGui::GetIO();
  io.SetPlatformImeDataFn = set_platform_ime_data;
  io.SetClipboardTextFn = set_clipboard_text;
  io.GetClipboardTextFn = get_clipboard_text;
}

void after_frame() {
  apply_glide();
  ImGuiContext& g = *GImGui;
  if (g.IO.WantTextInput) {
    const ImGuiInputTextState& state = g.InputTextState;
    bool own_state = state.ID != 0 && state.ID == g.ActiveId;
    int kind = !own_state ? 0
               : (state.Flags & ImGuiInputTextFlags_Password) ? 1
               : (state.Flags & ImGuiInputTextFlags_Multiline) ? 2
                                                                : 0;
    pathway_js_text_focus(kind, ime.InputPos.x, ime.InputPos.y, ime.InputLineHeight, refocus_text_field);
    refocus_text_field = false;
    text_field_focused = true;
  } else if (text_field_focused) {
    pathway_js_text_blur();
    text_field_focused = false;
  }
}

}  // namespace pathway::app::platform

using namespace pathway::app::platform;

// [SECTION] Called from js/platform.js

extern "C" {

// Text typed, composed (IME) or pasted into the hidden input.
EMSCRIPTEN_KEEPALIVE void pathway_platform_text(const char* utf8) {
  if (!utf8) return;  // the glue could not copy it (no memory): nothing arrives
  ImGui::GetIO().AddInputCharactersUTF8(utf8);
  input_arrived();
}

// Editing keys that on-screen keyboards send only as input events
// (deleteContentBackward...): 1 Backspace, 2 Delete, 3 Enter.
EMSCRIPTEN_KEEPALIVE void pathway_platform_edit_key(int which) {
  ImGuiKey key = which == 1 ? ImGuiKey_Backspace : which == 2 ? ImGuiKey_Delete : ImGuiKey_Enter;
  ImGuiIO& io = ImGui::GetIO();
  io.AddKeyEvent(key, true);
  io.AddKeyEvent(key, false);
  input_arrived();
}

// The browser took focus from the hidden input (the user tapped outside the
// page's text, closed the keyboard with a blur, or tabbed away): stop editing,
// keeping what was typed.
EMSCRIPTEN_KEEPALIVE void pathway_platform_text_blurred() {
  text_field_focused = false;
  if (ImGui::GetIO().WantTextInput) ImGui::ClearActiveID();
  request_frames(frames_after_input);
}

// Screen density or canvas size changed without a window resize event.
EMSCRIPTEN_KEEPALIVE void pathway_platform_layout_changed() {
  draw_frame_now();
  request_frames(1);
}
}
