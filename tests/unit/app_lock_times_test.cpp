// The auto-lock's times (issue 10: "auto-lock after a time with no input, 5
// minutes by default, set by the council, and after the tab has been hidden
// for a while"), as a table: the council's setting, the device's own choices,
// and the times that follow. The device may only lock sooner.
#include <doctest/doctest.h>

#include "app/lock_times.h"

using namespace pathway::app;

TEST_CASE("auto-lock times: the council's minutes, 5 by default; a device may lock sooner, never later") {
  struct Case {
    const char* council_minutes;
    const char* device_idle;
    const char* device_hidden;
    double idle_seconds;
    double hidden_seconds;
  };
  const Case cases[] = {
      {"", "", "", 300, 60},          // nothing set: 5 minutes idle, 60 s hidden
      {"10", "", "", 600, 60},        // the council asks for 10 minutes
      {"2", "", "", 120, 60},
      {"90", "", "", 3600, 60},       // past an hour is a mistake: capped at 60 minutes
      {"0", "", "", 300, 60},         // unreadable settings fall back to the default
      {"-3", "", "", 300, 60},
      {"5 min", "", "", 300, 60},
      {"", "30", "", 30, 30},         // the device locks sooner; hidden never outlasts idle
      {"", "600", "", 300, 60},       // a device cannot lock later than the council asks
      {"", "20", "1", 20, 1},         // a test's short times
      {"", "", "120", 300, 60},       // nor stay unlocked longer when hidden
      {"", "abc", "x", 300, 60},
      {"1", "", "", 60, 60},
  };
  for (const Case& c : cases) {
    CAPTURE(c.council_minutes);
    CAPTURE(c.device_idle);
    CAPTURE(c.device_hidden);
    const LockTimes times = lock_times(c.council_minutes, c.device_idle, c.device_hidden);
    CHECK(times.idle_seconds == c.idle_seconds);
    CHECK(times.hidden_seconds == c.hidden_seconds);
  }
}
