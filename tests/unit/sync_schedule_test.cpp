// When a device syncs (sync/schedule.h, docs/sync.md "Client"), as tables: a
// script of events, each at its time (ms), then whether a round is due at a
// given time and when the app should check again. Backoff: "Exponential
// Backoff And Jitter" (AWS Architecture Blog, 2015), equal jitter.
#include <doctest/doctest.h>

#include <optional>
#include <vector>

#include "sync/schedule.h"

using namespace pathway::sync;

namespace {

enum class E { start_online, start_offline, start_signed_out, online, offline, sign_in, request, change,
               begin, done, network_error, signed_out, refused, interrupted };
struct Event {
  E kind;
  int64_t at = 0;
  double jitter = 0;
};

SyncSchedule run(const std::vector<Event>& events) {
  SyncSchedule schedule;  // default times: 60 s interval, 2 s after a change, retries from 2 s to 5 min
  for (const Event& e : events) {
    switch (e.kind) {
      case E::start_online: schedule.start(true, true, e.at); break;
      case E::start_offline: schedule.start(false, true, e.at); break;
      case E::start_signed_out: schedule.start(true, false, e.at); break;
      case E::online: schedule.network_changed(true, e.at); break;
      case E::offline: schedule.network_changed(false, e.at); break;
      case E::sign_in: schedule.signed_in(e.at); break;
      case E::request: schedule.requested(); break;
      case E::change: schedule.changed(e.at); break;
      case E::begin: schedule.round_started(); break;
      case E::done: schedule.round_ended(RoundEnd::done, e.at, e.jitter); break;
      case E::network_error: schedule.round_ended(RoundEnd::network_error, e.at, e.jitter); break;
      case E::signed_out: schedule.round_ended(RoundEnd::signed_out, e.at, e.jitter); break;
      case E::refused: schedule.round_ended(RoundEnd::refused, e.at, e.jitter); break;
      case E::interrupted: schedule.round_ended(RoundEnd::interrupted, e.at, e.jitter); break;
    }
  }
  return schedule;
}

constexpr std::optional<int64_t> never = std::nullopt;

}  // namespace

TEST_CASE("sync schedule: when a round is due") {
  struct Case {
    const char* what;
    std::vector<Event> events;
    int64_t asked_at;
    bool due;
    std::optional<int64_t> next_check;
  };
  const Case cases[] = {
      {"an online start syncs at once", {{E::start_online, 0}}, 0, true, 0},
      {"an offline start waits for the network", {{E::start_offline, 0}}, 1'000'000, false, never},
      {"the network returns: sync then", {{E::start_offline, 0}, {E::online, 5'000}}, 5'000, true, 5'000},
      {"one round at a time", {{E::start_online, 0}, {E::begin}}, 0, false, never},
      {"after a round, the next at the interval", {{E::start_online, 0}, {E::begin}, {E::done, 1'000}}, 60'999, false, 61'000},
      {"... and not before", {{E::start_online, 0}, {E::begin}, {E::done, 1'000}}, 61'000, true, 61'000},
      {"Sync now while a round runs: another follows it",
       {{E::start_online, 0}, {E::begin}, {E::request}, {E::done, 1'000}}, 1'000, true, 0},
      {"Sync now between rounds", {{E::start_online, 0}, {E::begin}, {E::done, 0}, {E::request}}, 10, true, 0},
      {"Sync now offline does nothing", {{E::start_offline, 0}, {E::request}}, 10, false, never},
      {"a local change is pushed 2 s later",
       {{E::start_online, 0}, {E::begin}, {E::done, 0}, {E::change, 10'000}}, 12'000, true, 12'000},
      {"... not sooner", {{E::start_online, 0}, {E::begin}, {E::done, 0}, {E::change, 10'000}}, 11'999, false, 12'000},
      {"a change never delays a round already due sooner",
       {{E::start_online, 0}, {E::begin}, {E::done, 0}, {E::change, 59'999}}, 60'000, true, 60'000},
      {"a network error: retry after 1-2 s (jitter 0 = 1 s)",
       {{E::start_online, 0}, {E::begin}, {E::network_error, 0, 0.0}}, 999, false, 1'000},
      {"a network error, jitter near 1: nearly 2 s",
       {{E::start_online, 0}, {E::begin}, {E::network_error, 0, 0.999}}, 1'999, true, 1'999},
      {"a local change does not cut a retry's wait short",
       {{E::start_online, 0}, {E::begin}, {E::network_error, 0, 0.999}, {E::change, 0}}, 1'000, false, 1'999},
      {"Sync now cuts a retry's wait short",
       {{E::start_online, 0}, {E::begin}, {E::network_error, 0, 0.9}, {E::request}}, 1, true, 0},
      {"the network returning forgets the wait",
       {{E::start_online, 0}, {E::begin}, {E::network_error, 0, 0.9}, {E::offline, 5}, {E::online, 100}}, 100, true, 100},
      {"offline, nothing is due", {{E::start_online, 0}, {E::offline, 5}}, 100, false, never},
      {"a 401 stops syncing", {{E::start_online, 0}, {E::begin}, {E::signed_out, 0}}, 10'000'000, false, never},
      {"... until the person signs in again",
       {{E::start_online, 0}, {E::begin}, {E::signed_out, 0}, {E::sign_in, 500}}, 500, true, 500},
      {"a device not signed in never syncs", {{E::start_signed_out, 0}, {E::request}}, 0, false, never},
      {"a refused request (409: update the app) waits the interval, not a retry",
       {{E::start_online, 0}, {E::begin}, {E::refused, 0}}, 59'999, false, 60'000},
      {"the store closed mid-round: due again at once (the request applies once)",
       {{E::start_online, 0}, {E::begin}, {E::interrupted, 7}}, 7, true, 7},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    const SyncSchedule schedule = run(c.events);
    CHECK(schedule.due(c.asked_at) == c.due);
    CHECK(schedule.next_check() == c.next_check);
  }
}

TEST_CASE("sync schedule: the wait doubles after each failure in a row, up to 5 minutes, with equal jitter") {
  struct Case {
    int failures;
    double jitter;
    int64_t wait_ms;
  };
  const Case cases[] = {
      {1, 0.0, 1'000},    {1, 0.5, 1'500},    {1, 0.999, 1'999},  // 2 s: between half and all of it
      {2, 0.0, 2'000},    {3, 0.0, 4'000},    {4, 0.0, 8'000},    {5, 0.5, 24'000},
      {7, 0.0, 64'000},   {8, 0.0, 128'000},  {9, 0.0, 150'000},  // 512 s is past the 5 minute cap
      {10, 0.999, 299'850}, {200, 0.0, 150'000},                 // no overflow however long it fails
      {1, -1.0, 1'000},   {1, 7.0, 2'000},                         // a draw out of range is clamped
  };
  for (const Case& c : cases) {
    CAPTURE(c.failures);
    CAPTURE(c.jitter);
    CHECK(SyncSchedule::retry_wait(ScheduleTimes{}, c.failures, c.jitter) == c.wait_ms);
  }
}

TEST_CASE("sync schedule: failures in a row count up and a finished round resets them") {
  SyncSchedule schedule = run({{E::start_online, 0}});
  for (int i = 1; i <= 3; ++i) {
    schedule.round_started();
    schedule.round_ended(RoundEnd::network_error, 0, 0);
    CHECK(schedule.failures_in_a_row() == i);
  }
  CHECK(schedule.next_check() == 4'000);
  schedule.round_started();
  schedule.round_ended(RoundEnd::done, 10'000, 0);
  CHECK(schedule.failures_in_a_row() == 0);
  CHECK(schedule.next_check() == 70'000);
}
