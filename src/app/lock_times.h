// How long Pathway waits before it locks itself: after a time with no input
// (the council's setting, 5 minutes unless it says otherwise) and after the
// page has been hidden for a while (60 s: a tablet put down in a car, the
// app sent to the background). The device may lock sooner than the council
// asks, never later. Plain C++ (no browser): tested natively.
#pragma once

#include <string_view>

namespace pathway::app {

inline constexpr int default_lock_after_idle_minutes = 5;
inline constexpr int longest_lock_after_idle_minutes = 60;  // a setting past this is a mistake: capped
inline constexpr int lock_after_hidden_seconds = 60;

struct LockTimes {
  double idle_seconds = default_lock_after_idle_minutes * 60;
  double hidden_seconds = lock_after_hidden_seconds;
};

// council_minutes: the council's setting (whole minutes, 1 to 60; empty or
// unreadable: the default). device_idle_seconds / device_hidden_seconds: this
// device's own shorter choice in whole seconds (empty: none); a choice longer
// than the council's, or unreadable, is ignored.
LockTimes lock_times(std::string_view council_minutes, std::string_view device_idle_seconds,
                     std::string_view device_hidden_seconds);

}  // namespace pathway::app
