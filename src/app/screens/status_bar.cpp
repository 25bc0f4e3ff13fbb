// The status bar along the bottom, on every screen but the public guide:
// whether everything is saved on this device ("Saving..." / "Saved" / what
// went wrong, with Retry), whether the device is online or offline, how many
// changes wait to be synced (the store's outbox) and when it last synced
// ("never" until sync exists), a warning when the browser refused persistent storage,
// and the offer to reload into a new version. The update waits until
// everything is saved, so reloading never loses a note.
#include <cstdint>
#include <string>

#include <emscripten/emscripten.h>

#include "app/platform/platform.h"
#include "app/screens/screens.h"
#include "app/ui/fonts.h"
#include "app/ui/icons.h"
#include "app/ui/theme.h"
#include "app/ui/widgets.h"
#include "imgui.h"

extern "C" void pathway_js_apply_update();  // src/app/js/update.js

namespace pathway::app {
namespace {

bool update_announced = false;  // set from JavaScript, possibly before the first frame

// The outbox size, read again after each write (App::data_version).
struct OutboxCount {
  uint64_t version = ~0ull;
  std::string words;
};
OutboxCount outbox;

std::string waiting_words(App& app) {
  if (outbox.version == app.data_version) return outbox.words;
  outbox.version = app.data_version;
  auto size = app.database.store().outbox_size();
  if (!size) outbox.words = "Changes waiting to sync: unknown";
  else if (*size == 0) outbox.words = "Nothing waiting to sync";
  else outbox.words = std::to_string(*size) + (*size == 1 ? " change" : " changes") + " waiting to sync";
  return outbox.words;
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
    draw_save_state(database);
    next_part(platform::online() ? std::string(icon::cloud_done) + " Online" : offline);
    next_part(waiting_words(app));
    next_part("Last sync: never");
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
