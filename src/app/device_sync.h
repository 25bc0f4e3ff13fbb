// The app's side of sync: the sync engine (sync_engine.h) over fetch
// (net/browser_http_client.h), fed the browser's events (online, a timer,
// "Sync now", a local change), stepped once a frame, and the account the
// device syncs as. Signing in gives the member of staff and registers the
// device; both are kept in the store's local settings (never synced), so a
// later start knows them offline. The session itself is an HttpOnly cookie
// the app never sees: a 401 says it has ended, and the status strip offers
// "Sign in again to sync" while the app stays usable offline.
#pragma once

#include <string_view>

#include "app/app.h"
#include "app/net/http_client.h"
#include "app/sync_engine.h"

namespace pathway::app::device_sync {

inline constexpr std::string_view device_id_setting = "sync.device_id";
inline constexpr std::string_view staff_id_setting = "sync.staff_id";
inline constexpr std::string_view username_setting = "sync.username";

HttpClient& http();
const SyncEngine& engine();

// The database has just opened: a new one keeps the account signed in on
// this start; an existing one gives back the account it was signed in as.
// Starts syncing when there is an account.
Status database_opened(App& app, bool created);
// A sign-in succeeded (sign_in_screen.cpp): on a new device before its
// database exists (kept until it is created), or again on an open one (kept now).
Status signed_in(App& app, const Account& account);

// Once a frame, from draw(): applies an answer that arrived, starts what is
// due, and sets a timer for the next round.
void step(App& app);
void sync_now();

}  // namespace pathway::app::device_sync
