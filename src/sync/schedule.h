// When a device syncs (docs/sync.md, "Client"): the decisions only, with no
// I/O and no clock of its own (every event carries the time, any monotonic
// milliseconds, and the random draw for the jitter is passed in), so they are
// tested as tables. The app's sync engine (src/app/sync_engine.h) feeds it the
// browser's events and asks it when a round is due; a round pushes the
// outbox in batches, then pulls pages until the server has no more.
//
// A round is due:
//  * when the network returns, at sign-in, and at start when online;
//  * on demand ("Sync now"), even while waiting to retry;
//  * a few seconds after a local change (the note reaches the server soon);
//  * every `interval_ms` while online.
// After a network error or a 5xx the next round waits first_retry_ms, then
// twice that, and so on up to longest_retry_ms, each wait drawn between half
// and all of that ("equal jitter", AWS Architecture Blog, "Exponential
// Backoff And Jitter", 2015), so devices that lost the server together do not
// come back together. A 401 stops syncing until the person signs in again.
// Only one round runs at a time.
#pragma once

#include <cstdint>
#include <optional>

namespace pathway::sync {

struct ScheduleTimes {
  int64_t interval_ms = 60'000;        // between rounds while online
  int64_t after_change_ms = 2'000;     // a local change is pushed this soon
  int64_t first_retry_ms = 2'000;      // after the first failure in a row
  int64_t longest_retry_ms = 5 * 60'000;
};

// How a round ended.
enum class RoundEnd {
  done,           // pushed everything it could and pulled to the end
  network_error,  // no answer (offline, timed out, dropped) or a 5xx: retried with backoff
  signed_out,     // 401: the session has ended; nothing more until a new sign-in
  refused,        // another answer (400, 409 "update the app", 413): tried again at the interval
  interrupted,    // the store closed while a request was out (auto-lock): due again at once
};

class SyncSchedule {
 public:
  explicit SyncSchedule(ScheduleTimes times = {}) : times_(times) {}

  // [Events]
  void start(bool online, bool signed_in, int64_t now);
  void network_changed(bool online, int64_t now);
  void signed_in(int64_t now);
  void requested();              // "Sync now": due at once, after the round running now if any
  void changed(int64_t now);     // a local write queued a change
  void round_started();
  void round_ended(RoundEnd end, int64_t now, double jitter);  // jitter: a random draw in [0, 1)

  // [Decisions]
  bool due(int64_t now) const;
  // When due() may next turn true without a new event: set a timer for then.
  // nullopt while offline, signed out or running (only an event can change it).
  std::optional<int64_t> next_check() const;

  // [For the status strip]
  bool online() const { return online_; }
  bool running() const { return running_; }
  bool needs_sign_in() const { return !signed_in_; }
  int failures_in_a_row() const { return failures_; }

  // The wait before retrying after the n-th failure in a row (n >= 1), for a jitter draw in [0, 1).
  static int64_t retry_wait(const ScheduleTimes& times, int failures, double jitter);

 private:
  ScheduleTimes times_;
  bool online_ = false;
  bool signed_in_ = false;
  bool running_ = false;
  bool requested_ = false;
  int failures_ = 0;
  int64_t next_at_ = 0;  // when a round is due, online and signed in
};

}  // namespace pathway::sync
