// The auto-lock (auto_lock.h). One timer runs while the database is open: it
// is set for the idle time and, when it fires early because input came in
// meanwhile, set again for what is left, so input itself costs nothing and an
// idle app draws no frames. Browsers slow a hidden page's timers down, so the
// hidden time is also checked when the page shows again.
#include "app/auto_lock.h"

#include <algorithm>
#include <string>

#include <emscripten/emscripten.h>
#include <emscripten/eventloop.h>

#include "app/lock_times.h"
#include "app/platform/platform.h"
#include "app/screens/screens.h"

namespace pathway::app::auto_lock {
namespace {

App* watched = nullptr;
LockTimes times;
bool armed = false;       // the idle timer runs (the database is open)
double opened_at_ms = 0;  // idle time counts from the unlock when nothing was done since
long idle_timer = 0;
long hidden_timer = 0;
double hidden_since_ms = 0;  // 0 while the page shows

bool database_open() { return watched && watched->database.phase() == LocalDatabase::Phase::open; }

std::string duration_words(double seconds) {
  const int whole = static_cast<int>(seconds);
  if (whole % 60 == 0) return std::to_string(whole / 60) + (whole == 60 ? " minute" : " minutes");
  return std::to_string(whole) + (whole == 1 ? " second" : " seconds");
}

void stop_timers() {
  if (idle_timer) emscripten_clear_timeout(idle_timer);
  if (hidden_timer) emscripten_clear_timeout(hidden_timer);
  idle_timer = hidden_timer = 0;
  armed = false;
}

void lock_now(std::string why) {
  if (!database_open()) return;
  App& app = *watched;
  keep_visit_draft(app);  // what is typed is in the store before it closes
  keep_plan_draft(app);
  stop_timers();
  app.database.lock();
  app.locked_because = std::move(why);
  app.resume_after_unlock = true;
  platform::request_frame();
}

void on_idle_timer(void*) {
  idle_timer = 0;
  if (!database_open()) {
    armed = false;
    return;
  }
  const double idle_ms = emscripten_get_now() - std::max(platform::last_input_ms(), opened_at_ms);
  const double limit_ms = times.idle_seconds * 1000;
  if (idle_ms >= limit_ms) lock_now("Pathway locked itself after " + duration_words(times.idle_seconds) + " without use.");
  else idle_timer = emscripten_set_timeout(on_idle_timer, limit_ms - idle_ms, nullptr);
}

void lock_if_hidden_too_long() {
  if (hidden_since_ms && emscripten_get_now() - hidden_since_ms >= times.hidden_seconds * 1000)
    lock_now("Pathway locked itself while it was out of sight.");
}

void on_hidden_timer(void*) {
  hidden_timer = 0;
  if (platform::page_hidden()) lock_if_hidden_too_long();
}

void visibility_changed(bool hidden) {
  if (hidden_timer) emscripten_clear_timeout(hidden_timer);
  hidden_timer = 0;
  if (hidden) {
    hidden_since_ms = emscripten_get_now();
    if (database_open()) hidden_timer = emscripten_set_timeout(on_hidden_timer, times.hidden_seconds * 1000, nullptr);
    return;
  }
  lock_if_hidden_too_long();
  hidden_since_ms = 0;
}

LockTimes read_times(App& app) {
  auto council = app.database.store().setting(council_setting);
  const std::string council_minutes = council && council->has_value() ? **council : std::string();
  return lock_times(council_minutes, platform::local_setting(device_idle_setting),
                    platform::local_setting(device_hidden_setting));
}

}  // namespace

void watch(App& app) {
  if (!watched) {
    watched = &app;
    platform::set_on_visibility_change(visibility_changed);
  }
  if (armed || !database_open()) return;
  armed = true;
  times = read_times(app);
  opened_at_ms = emscripten_get_now();
  idle_timer = emscripten_set_timeout(on_idle_timer, times.idle_seconds * 1000, nullptr);
}

}  // namespace pathway::app::auto_lock
