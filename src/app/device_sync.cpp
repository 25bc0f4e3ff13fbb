// The app's side of sync (see device_sync.h).
#include "app/device_sync.h"

#include <algorithm>

#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

#include "app/net/browser_http_client.h"
#include "app/platform/platform.h"

namespace pathway::app::device_sync {
namespace {

BrowserHttpClient browser_http;
SyncEngine sync_engine(browser_http);
bool started = false;
long timer = 0;
int64_t timer_at = -1;
int64_t pending_seen = -1;            // change sets waiting when last counted
uint64_t counted_at_version = ~0ull;  // App::data_version then

int64_t clock_ms() { return static_cast<int64_t>(emscripten_get_now()); }

void on_timer(void*) {
  timer = 0;
  timer_at = -1;
  platform::request_frame();  // the frame steps the engine
}

// One timer, set for the engine's next check (none while a request is out: its answer asks for a frame).
void set_timer() {
  const std::optional<int64_t> at = sync_engine.next_check();
  const int64_t wanted = at ? *at : -1;
  if (wanted == timer_at) return;
  if (timer) emscripten_clear_timeout(timer);
  timer = 0;
  timer_at = wanted;
  if (at) timer = emscripten_set_timeout(on_timer, static_cast<double>(std::max<int64_t>(0, *at - clock_ms())), nullptr);
}

Status keep_account(store::Store& store, const Account& account) {
  return store.write(store::Actor{account.staff_id, account.device_id}, now(), [&](store::Writer& writer) {
    if (Status s = writer.set_setting(device_id_setting, account.device_id); !s) return s;
    if (Status s = writer.set_setting(staff_id_setting, account.staff_id); !s) return s;
    return writer.set_setting(username_setting, account.username);
  });
}

std::string setting_or_empty(store::Store& store, std::string_view key) {
  auto value = store.setting(key);
  return value && value->has_value() ? **value : std::string();
}

void start_syncing(App& app) {
  sync_engine.set_client_id(app.account.device_id);
  if (!started) {
    started = true;
    sync_engine.set_on_answer([] { platform::request_frame(); });
    sync_engine.schedule().start(platform::online(), /*signed_in=*/true, clock_ms());
  } else {
    sync_engine.schedule().signed_in(clock_ms());
  }
  platform::request_frame();
}

}  // namespace

HttpClient& http() { return browser_http; }
const SyncEngine& engine() { return sync_engine; }

Status database_opened(App& app, bool created) {
  store::Store& store = app.database.store();
  if (created) {
    if (Status kept = keep_account(store, app.account); !kept) return kept;
  } else {
    app.account = Account{setting_or_empty(store, staff_id_setting), setting_or_empty(store, username_setting),
                          setting_or_empty(store, device_id_setting)};
  }
  app.staff_id = app.account.staff_id;
  if (!app.account.device_id.empty() && sync_engine.client_id().empty()) start_syncing(app);
  return ok_status();
}

Status signed_in(App& app, const Account& account) {
  app.account = account;
  if (app.database.phase() != LocalDatabase::Phase::open) return ok_status();  // kept once the database is made
  if (Status kept = keep_account(app.database.store(), account); !kept) return kept;
  app.staff_id = account.staff_id;
  start_syncing(app);
  return ok_status();
}

void step(App& app) {
  if (!started) return;
  const bool open = app.database.phase() == LocalDatabase::Phase::open;
  const int64_t at = clock_ms();
  sync::SyncSchedule& schedule = sync_engine.schedule();
  if (platform::online() != schedule.online()) schedule.network_changed(platform::online(), at);
  if (open && counted_at_version != app.data_version) {  // a write may have queued a change set
    counted_at_version = app.data_version;
    auto pending = app.database.store().pending_change_set_count();
    if (pending && *pending > pending_seen && pending_seen >= 0) schedule.changed(at);
    if (pending) pending_seen = *pending;
  }
  const bool was_running = sync_engine.running();
  if (sync_engine.step(open ? &app.database.store() : nullptr, at, now(), emscripten_random())) {
    ++app.data_version;
    platform::request_frame();
  }
  // User Timing marks: the browser tests wait for a round to end, the benchmarks time the first sync.
  if (!was_running && sync_engine.running()) platform::mark_again("pathway-sync-started");
  if (was_running && !sync_engine.running()) {
    platform::mark_again("pathway-sync-ended");
    platform::request_frame();  // the strip says how it went
  }
  set_timer();
}

void sync_now() {
  sync_engine.schedule().requested();
  platform::request_frame();
}

}  // namespace pathway::app::device_sync
