// The auto-lock's times from the council's and the device's settings (lock_times.h).
#include "app/lock_times.h"

#include <algorithm>
#include <optional>

namespace pathway::app {
namespace {

// A whole number from 1 to `most`, as typed in a setting ("5"); nullopt otherwise.
std::optional<int> whole_number(std::string_view text, int most) {
  if (text.empty() || text.size() > 6) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value < 1) return std::nullopt;
  return std::min(value, most);
}

}  // namespace

LockTimes lock_times(std::string_view council_minutes, std::string_view device_idle_seconds,
                     std::string_view device_hidden_seconds) {
  LockTimes times;
  times.idle_seconds =
      60.0 * whole_number(council_minutes, longest_lock_after_idle_minutes).value_or(default_lock_after_idle_minutes);
  if (auto idle = whole_number(device_idle_seconds, 999999); idle && *idle < times.idle_seconds)
    times.idle_seconds = *idle;
  times.hidden_seconds = std::min<double>(lock_after_hidden_seconds, times.idle_seconds);
  if (auto hidden = whole_number(device_hidden_seconds, 999999); hidden && *hidden < times.hidden_seconds)
    times.hidden_seconds = *hidden;
  return times;
}

}  // namespace pathway::app
