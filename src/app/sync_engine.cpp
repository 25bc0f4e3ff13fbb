// The sync engine's rounds (see sync_engine.h).
#include "app/sync_engine.h"

#include "sync/change_set.h"

namespace pathway::app {

using sync::RoundEnd;

bool SyncEngine::step(store::Store* store, int64_t now_ms, Instant now, double jitter) {
  bool changed = false;
  if (answer_) {
    const HttpResponse answer = std::move(*answer_);
    answer_.reset();
    in_flight_ = false;
    if (!store) {
      end_round(RoundEnd::interrupted, "", now_ms, jitter);  // sent again once unlocked: it applies once
      return false;
    }
    Next next = handle(answer, *store, now, changed);
    if (!next.go_on) end_round(next.end, std::move(next.problem), now_ms, jitter);
  }
  if (!store || in_flight_) return changed;
  if (round_ == Round::idle) {
    if (client_id_.empty() || !schedule_.due(now_ms)) return changed;
    auto cursor = store->sync_cursor();
    schedule_.round_started();
    round_ = Round::pushing;
    first_sync_ = cursor && cursor->empty();
    rows_pulled_ = 0;
  }
  send_next(*store, now_ms, jitter);
  return changed;
}

std::optional<int64_t> SyncEngine::next_check() const {
  if (round_ != Round::idle || client_id_.empty()) return std::nullopt;
  return schedule_.next_check();
}

void SyncEngine::send(std::string_view path, std::string body) {
  in_flight_ = true;
  http_.post_json(path, std::move(body), sync_request_timeout_ms, [this](HttpResponse response) {
    answer_ = std::move(response);
    if (on_answer_) on_answer_();
  });
}

void SyncEngine::send_next(store::Store& store, int64_t now_ms, double jitter) {
  if (round_ == Round::pushing) {
    auto sets = store.pending_change_sets(client_id_);
    if (!sets) return end_round(RoundEnd::refused, sets.error().message, now_ms, jitter);
    if (!sets->empty()) return send("api/sync/push", sync::serialize(sync::PushRequest{client_id_, std::move(*sets)}));
    round_ = Round::pulling;  // push before pulling: docs/sync.md
  }
  auto cursor = store.sync_cursor();
  if (!cursor) return end_round(RoundEnd::refused, cursor.error().message, now_ms, jitter);
  send("api/sync/pull",
       sync::serialize(sync::PullRequest{client_id_, sync::current_schema_version, *cursor, pull_page_rows}));
}

SyncEngine::Next SyncEngine::handle(const HttpResponse& answer, store::Store& store, Instant now, bool& changed) {
  if (answer.status == 0 || answer.status >= 500)
    return {false, RoundEnd::network_error, "Cannot reach the server just now"};
  if (answer.status == 401) return {false, RoundEnd::signed_out, ""};
  if (answer.status != 200)
    return {false, RoundEnd::refused, error_words(answer, "The server did not accept this device's sync")};
  if (round_ == Round::pushing) {
    auto response = sync::parse_push_response(answer.body);
    if (!response) return {false, RoundEnd::refused, "The server's answer could not be read"};
    bool progress = false;
    for (const sync::PushResult& result : response->results) progress |= result.status != sync::PushStatus::later;
    if (Status recorded = store.record_push_results(*response, now); !recorded)
      return {false, RoundEnd::refused, recorded.error().message};
    changed = true;
    // Every change set answered `later` would be sent again unchanged: stop until the next round.
    if (!progress) return {false, RoundEnd::refused, "The server asked this device to send its changes later"};
    return {};
  }
  auto page = sync::parse_pull_response(answer.body);
  if (!page) return {false, RoundEnd::refused, "The server's answer could not be read"};
  if (Status applied = store.apply_pull_page(*page, now); !applied)
    return {false, RoundEnd::refused, applied.error().message};
  for (const sync::PulledChangeSet& set : page->change_sets) rows_pulled_ += static_cast<int64_t>(set.rows.size());
  changed = true;
  if (page->more) return {};
  return {false, RoundEnd::done, ""};
}

void SyncEngine::end_round(RoundEnd end, std::string problem, int64_t now_ms, double jitter) {
  round_ = Round::idle;
  first_sync_ = false;
  problem_ = std::move(problem);
  schedule_.round_ended(end, now_ms, jitter);
}

}  // namespace pathway::app
