// The auto-lock: Pathway locks itself after a time with no input (the
// council's setting, 5 minutes by default) and after the page has been
// hidden for a while (lock_times.h). Locking first keeps what is typed on an
// open form as its draft, then closes the store (LocalDatabase::lock): the
// key goes with SQLite's connection, the encrypted blocks stay, and a save in
// flight finishes. The screen that was open stays the App's screen, so
// unlocking with the passphrase returns to it, its form as it was.
#pragma once

#include "app/app.h"

namespace pathway::app::auto_lock {

// Once a frame: starts the idle clock when the database has opened (and
// reads the lock times then), and listens to the page's visibility.
void watch(App& app);

// The device's own shorter lock times, in whole seconds, in local storage
// (platform::local_setting): the browser tests set a few seconds.
inline constexpr const char* device_idle_setting = "lock.idle_seconds";
inline constexpr const char* device_hidden_setting = "lock.hidden_seconds";
// The council's setting in the store, whole minutes (until sync brings the
// council's settings, a device has none and locks after 5 minutes).
inline constexpr std::string_view council_setting = "council.auto_lock_minutes";

}  // namespace pathway::app::auto_lock
