// The status bar along the bottom, on every screen but the public guide:
// whether everything is saved on this device ("Saving..." / "Saved" / what
// went wrong, with Retry), whether the device is online or offline, how many
// changes wait to be synced (the store's outbox), the sync: "Syncing...",
// "Last sync: 2 min ago" with "Sync now", why the last sync did not finish,
// "Sign in again to sync" when the session has ended; change sets the server
// refused, with its reason; a warning when the browser refused persistent
// storage, and the offer to reload into a new version. The update waits until
// everything is saved, so reloading never loses a note.
#include <cstdint>
#include <optional>
#include <string>

#include <emscripten/emscripten.h>

#include "app/device_sync.h"
#include "app/platform/platform.h"
#include "app/screens/screens.h"
#include "app/screens/text_formats.h"
#include "app/ui/fonts.h"
#include "app/ui/icons.h"
#include "app/ui/theme.h"
#include "app/ui/widgets.h"
#include "imgui.h"

extern "C" void pathway_js_apply_update();  // src/app/js/update.js

namespace pathway::app {
namespace {

bool update_announced = false;  // set from JavaScript, possibly before the first frame

// What the store says about sync, read again after each write or sync step (App::data_version).
struct SyncFacts {
  uint64_t version = ~0ull;
  std::string waiting;                 // "3 changes waiting to sync"
  std::optional<Instant> last_pull;    // the last page applied
  std::string refused;                 // "1 change was not accepted: <the server's reason>"
};
SyncFacts facts;

const SyncFacts& sync_facts(App& app) {
  if (facts.version == app.data_version) return facts;
  facts.version = app.data_version;
  store::Store& store = app.database.store();
  auto size = store.outbox_size();
  if (!size) facts.waiting = "Changes waiting to sync: unknown";
  else if (*size == 0) facts.waiting = "Nothing waiting to sync";
  else facts.waiting = std::to_string(*size) + (*size == 1 ? " change" : " changes") + " waiting to sync";
  auto last = store.last_pull_at();
  facts.last_pull = last && last->has_value() ? Instant::parse(**last) : std::nullopt;
  facts.refused.clear();
  if (auto refused = store.refused_change_sets(app.account.device_id); refused && !refused->empty()) {
    facts.refused = std::to_string(refused->size()) + (refused->size() == 1 ? " change was" : " changes were") +
                    " not accepted by the server and stay on this device: " + refused->front().reason;
  }
  return facts;
}

// Muted words after the last item, on the same line when they fit.
void next_part(std::string_view words) {
  const float gap = 24;
  const float width = ImGui::CalcTextSize(words.data(), words.data() + words.size()).x;
  ImGui::SameLine(0, gap);
  if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
  ui::text_muted(words);
}

void draw_save_state(LocalDatabase& database) {
  using SaveState = LocalDatabase::SaveState;
  switch (database.save_state()) {
    case SaveState::saved:
      ui::live_text(theme::ok, std::string(icon::saved) + " Saved on this device");
      break;
    case SaveState::saving:
      ui::live_text(theme::text_muted, std::string(icon::saving) + " Saving...");
      break;
    case SaveState::failed:
      ui::live_text(theme::overdue, std::string(icon::error) + " Not saved: " + database.save_error());
      ImGui::SameLine();
      if (ui::button("Retry", ui::Emphasis::secondary)) database.retry_save();
      break;
  }
}

// A small button after the last part, on the same line when it fits.
bool next_button(const char* label) {
  ImGui::SameLine(0, 12);
  if (ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize(label).x + 32) ImGui::NewLine();
  return ui::button(label, ui::Emphasis::secondary);
}

void draw_sync_state(App& app, const SyncFacts& sync) {
  const SyncEngine& engine = device_sync::engine();
  if (engine.client_id().empty() || engine.schedule().needs_sign_in()) {
    if (next_button(engine.client_id().empty() ? "Sign in to sync" : "Sign in again to sync")) {
      app.screen = Screen::sign_in;
      platform::request_frame();
    }
    return;
  }
  if (engine.running()) {
    next_part("Syncing...");
    return;
  }
  if (!engine.problem().empty()) next_part("Not synced: " + engine.problem());
  next_part("Last sync: " + (sync.last_pull ? time_ago(*sync.last_pull, now()) : std::string("never")));
  if (platform::online() && next_button("Sync now")) device_sync::sync_now();
}

}  // namespace

void draw_status_bar(App& app) {
  app.update_available |= update_announced;
  LocalDatabase& database = app.database;
  bool open = database.phase() == LocalDatabase::Phase::open;
  ImGui::PushFont(fonts::small());

  if (database.storage_persistence() == LocalDatabase::StoragePersistence::refused && open) {
    ui::banner(icon::warning, "This browser may clear Pathway's data when space runs low. Sync soon.",
               theme::warning_fill, theme::warning_text);
  }
  if (app.update_available) {
    bool saved = !database.has_unsaved_changes();
    if (app.update_requested && saved) {
      app.update_requested = false;
      pathway_js_apply_update();
    }
    ui::banner(icon::update,
               app.update_requested ? "Finishing saving, then Pathway will reload..."
                                    : "A new version of Pathway is ready.",
               theme::bar_fill, theme::text);
    if (!app.update_requested && ui::button("Reload to update")) {
      app.update_requested = true;
      platform::request_frame();
    }
  }

  const std::string offline = std::string(icon::cloud_off) + " Offline: your work is kept on this device";
  if (open) {
    const SyncFacts& sync = sync_facts(app);
    if (!sync.refused.empty()) ui::banner(icon::warning, sync.refused, theme::warning_fill, theme::warning_text);
    draw_save_state(database);
    next_part(platform::online() ? std::string(icon::cloud_done) + " Online" : offline);
    next_part(sync.waiting);
    draw_sync_state(app, sync);
  } else {
    ui::text_muted(platform::online() ? std::string(icon::lock) + " Records are encrypted on this device" : offline);
  }
  ImGui::PopFont();
}

}  // namespace pathway::app

// A new version has been installed and waits (src/app/js/update.js).
extern "C" EMSCRIPTEN_KEEPALIVE void pathway_update_available() {
  pathway::app::update_announced = true;
  pathway::app::platform::request_frame();
}
