// The device's sync engine (docs/sync.md, "Client"): moves the store's change
// sets to the server and the server's pages back, one request at a time,
// never blocking a frame. The schedule (sync/schedule.h) decides when a round
// is due; a round pushes the outbox in batches (Store::pending_change_sets ->
// POST api/sync/push -> record_push_results), then pulls page after page
// (sync_cursor -> POST api/sync/pull -> apply_pull_page) until the server says
// there is no more. An answer is kept when it arrives and applied in the next
// step(), which the app calls once a frame; the store is written only there.
// A push whose answer was lost is sent again (the server's per-device seq
// makes it apply once); a refused change set stays on the device with the
// server's reason (Store::refused_change_sets). No I/O of its own beyond the
// HttpClient it is given, so it runs natively in the unit tests.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "app/net/http_client.h"
#include "core/date.h"
#include "store/store.h"
#include "sync/schedule.h"

namespace pathway::app {

inline constexpr int sync_request_timeout_ms = 30'000;
inline constexpr int pull_page_rows = 1000;

class SyncEngine {
 public:
  explicit SyncEngine(HttpClient& http, sync::ScheduleTimes times = {}) : http_(http), schedule_(times) {}

  // The device id registered at sign-in: change sets are sent as from it.
  void set_client_id(std::string client_id) { client_id_ = std::move(client_id); }
  const std::string& client_id() const { return client_id_; }
  // The browser's events go here (online, sign-in, "Sync now", a local change).
  sync::SyncSchedule& schedule() { return schedule_; }
  const sync::SyncSchedule& schedule() const { return schedule_; }
  // Called when an answer has arrived (the app draws a frame, which steps).
  void set_on_answer(std::function<void()> listener) { on_answer_ = std::move(listener); }

  // Once a frame: `store` is the open store, or nullptr while locked. Applies
  // an answer that has arrived, then sends the round's next request, or
  // starts a round when one is due. True when the store's records or outbox
  // changed (the screens read them again).
  bool step(store::Store* store, int64_t now_ms, Instant now, double jitter);
  // When to step again without an event (a timer), or nullopt.
  std::optional<int64_t> next_check() const;

  // [For the status strip]
  bool running() const { return round_ != Round::idle; }
  bool first_sync() const { return first_sync_; }         // this round started from an empty cursor
  int64_t rows_pulled() const { return rows_pulled_; }    // in this round
  const std::string& problem() const { return problem_; } // why the last round did not finish, for people

 private:
  enum class Round { idle, pushing, pulling };
  // The outcome of handling one answer: go on with the round, or end it.
  struct Next {
    bool go_on = true;
    sync::RoundEnd end = sync::RoundEnd::done;
    std::string problem;
  };
  void send_next(store::Store& store, int64_t now_ms, double jitter);
  void send(std::string_view path, std::string body);
  Next handle(const HttpResponse& answer, store::Store& store, Instant now, bool& changed);
  void end_round(sync::RoundEnd end, std::string problem, int64_t now_ms, double jitter);

  HttpClient& http_;
  sync::SyncSchedule schedule_;
  std::string client_id_;
  std::function<void()> on_answer_;
  Round round_ = Round::idle;
  bool in_flight_ = false;
  std::optional<HttpResponse> answer_;
  bool first_sync_ = false;
  int64_t rows_pulled_ = 0;
  std::string problem_;
};

}  // namespace pathway::app
