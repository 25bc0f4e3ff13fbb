// The frame loop and the canvas (see platform.h). ImGui works in CSS pixels
// (io.DisplaySize); the canvas backing store has CSS size x devicePixelRatio
// pixels (io.DisplayFramebufferScale), and fonts are rasterised at that ratio
// and drawn at 1/ratio (io.FontGlobalScale), so one glyph texel lands on one
// screen pixel: sharp text at DPR 1, 2 or 3. When the ratio changes (browser
// zoom, a window moved to another screen) the font atlas is rebuilt.
//
// Frames are drawn on demand: request_frame() asks the browser for one
// animation frame if none is pending, and nothing else schedules frames, so an
// idle app draws zero frames. Input asks for a few frames in a row, because
// ImGui settles layout, hover and its input queue over several frames.
#include "app/platform/platform.h"

#include <malloc.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <vector>

#include <GLES3/gl3.h>
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

#include "app/platform/item_registry.h"
#include "app/platform/platform_internal.h"
#include "app/ui/fonts.h"
#include "core/wipe.h"
#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_internal.h"

namespace pathway::app::platform {
namespace {

constexpr const char* canvas_selector = "#canvas";

struct Canvas {
  double css_width = 0, css_height = 0;
  int pixel_width = 0, pixel_height = 0;
  double pixel_ratio = 0;
};

std::function<void()> draw_ui;
Canvas canvas;

// Dear ImGui's heap blocks are wiped before they are freed: its text-input
// state copies what is typed (a passphrase too), and a freed block keeps its
// bytes until it is reused. ImGui frees rarely (an idle frame never does).
void* imgui_allocate(size_t size, void*) { return std::malloc(size); }
void imgui_free(void* block, void*) {
  if (!block) return;
  wipe(block, malloc_usable_size(block));
  std::free(block);
}
double font_pixel_ratio = 0;
float text_scale = 1.0f;
float font_text_scale = 0;
bool frame_pending = false;
double last_input_at_ms = 0;
bool hidden = false;
std::function<void(bool)> on_visibility;
std::function<void(int)> on_history_moved;
bool in_frame = false;
int extra_frames = 0;
int frames = 0;
double last_frame_time = 0;
bool is_touch = false;
bool is_online = true;
std::vector<const char*> marks_when_drawn;  // string literals
std::vector<const char*> marks_set;

void rebuild_fonts(double pixel_ratio) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  fonts::load(static_cast<float>(pixel_ratio), text_scale);
  io.FontGlobalScale = static_cast<float>(1.0 / pixel_ratio);
  font_pixel_ratio = pixel_ratio;
  font_text_scale = text_scale;
  if (frames > 0) {  // the renderer uploads the first atlas itself
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }
}

// Reads the canvas' CSS size and the pixel ratio, and resizes the backing
// store to match. Returns true when anything changed.
bool update_canvas_size() {
  Canvas next;
  emscripten_get_element_css_size(canvas_selector, &next.css_width, &next.css_height);
  next.pixel_ratio = emscripten_get_device_pixel_ratio();
  if (next.pixel_ratio <= 0) next.pixel_ratio = 1;
  next.pixel_width = std::max(1, static_cast<int>(std::lround(next.css_width * next.pixel_ratio)));
  next.pixel_height = std::max(1, static_cast<int>(std::lround(next.css_height * next.pixel_ratio)));
  bool changed = next.pixel_width != canvas.pixel_width || next.pixel_height != canvas.pixel_height ||
                 next.css_width != canvas.css_width || next.css_height != canvas.css_height ||
                 next.pixel_ratio != canvas.pixel_ratio;
  if (!changed) return false;
  canvas = next;
  emscripten_set_canvas_element_size(canvas_selector, canvas.pixel_width, canvas.pixel_height);
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(static_cast<float>(canvas.css_width), static_cast<float>(canvas.css_height));
  if (canvas.css_width > 0 && canvas.css_height > 0)
    io.DisplayFramebufferScale = ImVec2(static_cast<float>(canvas.pixel_width / canvas.css_width),
                                        static_cast<float>(canvas.pixel_height / canvas.css_height));
  return true;
}

EM_BOOL on_resize(int, const EmscriptenUiEvent*, void*) {
  // Resizing clears the canvas, so redraw before the browser shows it.
  if (update_canvas_size()) draw_frame_now();
  return EM_FALSE;
}

EM_BOOL on_animation_frame(double, void*) {
  frame_pending = false;
  draw_frame_now();
  return EM_FALSE;
}

EM_BOOL on_visibility_change(int, const EmscriptenVisibilityChangeEvent* event, void*) {
  hidden = event->hidden != 0;
  if (!hidden) request_frames(1);
  if (on_visibility) on_visibility(hidden);
  return EM_FALSE;
}

// True while ImGui has work that completes in a later frame: queued input
// (a tap's press and release land in different frames), a focus request
// (SetKeyboardFocusHere) or keyboard navigation in flight.
bool imgui_settling() {
  const ImGuiContext& g = *GImGui;
  return !g.InputEventsQueue.empty() || g.NavMoveSubmitted || g.NavMoveScoringItems || g.NavMoveForwardToNextFrame ||
         g.NavInitRequest || g.NavNextActivateId != 0 || g.NavActivateId != 0 || g.NavJustMovedToId != 0;
}

void set_mouse_cursor() {
  static int shown = -2;
  int wanted = ImGui::GetIO().MouseSource == ImGuiMouseSource_Mouse ? ImGui::GetMouseCursor() : ImGuiMouseCursor_Arrow;
  if (wanted != shown) pathway_js_set_cursor(shown = wanted);
}

}  // namespace

Status init() {
  // web/loader.js has already made this context, with the same attributes
  // (keep the two in step): creating it again returns the loader's.
  EmscriptenWebGLContextAttributes attributes;
  emscripten_webgl_init_context_attributes(&attributes);
  attributes.majorVersion = 2;
  attributes.minorVersion = 0;
  attributes.alpha = EM_FALSE;
  attributes.depth = EM_FALSE;
  attributes.stencil = EM_FALSE;
  attributes.antialias = EM_FALSE;
  attributes.premultipliedAlpha = EM_FALSE;
  attributes.powerPreference = EM_WEBGL_POWER_PREFERENCE_LOW_POWER;
  EMSCRIPTEN_WEBGL_CONTEXT_HANDLE context = emscripten_webgl_create_context(canvas_selector, &attributes);
  if (context <= 0)
    return Error{ErrorCode::unavailable, "This browser cannot draw Pathway: WebGL 2 is not available."};
  emscripten_webgl_make_context_current(context);

  pathway_js_platform_init();
  is_touch = pathway_js_touch_device() != 0;
  is_online = pathway_js_online() != 0;

  IMGUI_CHECKVERSION();
  ImGui::SetAllocatorFunctions(imgui_allocate, imgui_free);
  ImGui::CreateContext();
  GImGui->TestEngineHookItems = true;  // feed item_registry every frame
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // no settings file: the layout is code
  io.LogFilename = nullptr;
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  io.ConfigInputTextCursorBlink = false;  // a blinking caret would need frames while idle
  io.ConfigMacOSXBehaviors = pathway_js_mac() != 0;
  io.ConfigWindowsMoveFromTitleBarOnly = true;
  io.BackendPlatformName = "pathway_html5";
  ImGui_ImplOpenGL3_Init("#version 300 es");

  update_canvas_size();
  rebuild_fonts(canvas.pixel_ratio);
  install_input_handlers(canvas_selector);
  emscripten_set_resize_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_resize);
  emscripten_set_visibilitychange_callback(nullptr, EM_FALSE, on_visibility_change);
  EmscriptenVisibilityChangeEvent visibility;
  if (emscripten_get_visibility_status(&visibility) == EMSCRIPTEN_RESULT_SUCCESS) hidden = visibility.hidden != 0;
  return ok_status();
}

void run(std::function<void()> draw) {
  draw_ui = std::move(draw);
  // The first frame at once, not at the next animation frame: the loading
  // screen gives way sooner. Later frames follow the display.
  draw_frame_now();
  request_frames(1);
}

void request_frame() {
  if (frame_pending) return;
  frame_pending = true;
  emscripten_request_animation_frame(on_animation_frame, nullptr);
}

void open_external_link(const std::string& href) {
  for (const char* scheme : {"tel:", "sms:", "mailto:"})
    if (href.rfind(scheme, 0) == 0) return pathway_js_open_external_link(href.c_str());
}

void push_history_entry(int depth) { pathway_js_history_push(depth); }
void go_back_in_history(int steps) { pathway_js_history_back(steps); }
void set_on_history_moved(std::function<void(int)> listener) { on_history_moved = std::move(listener); }

void note_input() { last_input_at_ms = emscripten_get_now(); }
double last_input_ms() { return last_input_at_ms; }
bool page_hidden() { return hidden; }
void set_on_visibility_change(std::function<void(bool)> listener) { on_visibility = std::move(listener); }

void request_frames(int count) {
  extra_frames = std::max(extra_frames, count);
  request_frame();
}

bool touch_device() { return is_touch; }

bool online() { return is_online; }

void show_failure(const std::string& message) { pathway_js_show_failure(message.c_str()); }

int frames_drawn() { return frames; }

void mark(const char* name) {
  if (std::find(marks_set.begin(), marks_set.end(), name) != marks_set.end()) return;
  marks_set.push_back(name);
  pathway_js_mark(name);
}

void mark_again(const char* name) { pathway_js_mark(name); }

void mark_when_drawn(const char* name) {
  if (std::find(marks_when_drawn.begin(), marks_when_drawn.end(), name) == marks_when_drawn.end())
    marks_when_drawn.push_back(name);
}

void set_text_scale(float scale) {
  text_scale = scale;
  request_frames(1);
}

bool prefers_dark() { return pathway_js_prefers_dark() != 0; }

std::string local_setting(const char* key) {
  char* value = pathway_js_local_setting(key);
  if (value == nullptr) return {};
  std::string copy(value);
  std::free(value);
  return copy;
}

void set_local_setting(const char* key, const std::string& value) { pathway_js_set_local_setting(key, value.c_str()); }

std::optional<std::string> guide_topic_in_address() {
  char* topic = pathway_js_guide_topic_in_address();
  if (topic == nullptr) return std::nullopt;
  std::string copy(topic);
  std::free(topic);
  return copy;
}

void show_guide_address(const std::string& topic, bool in_guide) { pathway_js_guide_set_address(topic.c_str(), in_guide ? 1 : 0); }

void draw_frame_now() {
  if (!draw_ui || in_frame) return;
  in_frame = true;
  update_canvas_size();
  if (canvas.pixel_ratio != font_pixel_ratio || text_scale != font_text_scale) rebuild_fonts(canvas.pixel_ratio);

  ImGuiIO& io = ImGui::GetIO();
  double now = emscripten_get_now();
  // Real time since the last frame (ImGui times double-clicks and key
  // repeat with it), capped because an idle app may not draw for hours.
  io.DeltaTime = last_frame_time > 0 ? static_cast<float>(std::clamp((now - last_frame_time) / 1000.0, 0.0001, 0.25)) : 1.0f / 60.0f;
  last_frame_time = now;

  ImGui_ImplOpenGL3_NewFrame();
  ImGui::NewFrame();
  item_registry::begin_frame();
  draw_ui();
  item_registry::draw_focus_ring(ImGui::GetColorU32(ImGuiCol_NavHighlight));
  item_registry::end_frame();
  ImGui::Render();
  glViewport(0, 0, canvas.pixel_width, canvas.pixel_height);
  const ImVec4 background = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(background.x, background.y, background.z, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  ++frames;
  in_frame = false;

  set_mouse_cursor();
  after_frame();
  pathway_js_frame_drawn(frames, emscripten_get_now() - now);
  for (const char* name : marks_when_drawn) mark(name);
  marks_when_drawn.clear();
  if (imgui_settling()) request_frames(1);
  if (extra_frames > 0) {
    --extra_frames;
    request_frame();
  }
}

}  // namespace pathway::app::platform

// The browser moved to another history entry (Back, a back gesture, Forward).
extern "C" EMSCRIPTEN_KEEPALIVE void pathway_platform_history_moved(int depth) {
  pathway::app::platform::note_input();
  if (pathway::app::platform::on_history_moved) pathway::app::platform::on_history_moved(depth);
  pathway::app::platform::request_frame();
}

extern "C" EMSCRIPTEN_KEEPALIVE void pathway_platform_online_changed(int online) {
  pathway::app::platform::is_online = online != 0;
  pathway::app::platform::request_frame();
}
