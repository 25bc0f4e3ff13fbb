// The sync schedule's decisions (see schedule.h).
#include "sync/schedule.h"

#include <algorithm>

namespace pathway::sync {

void SyncSchedule::start(bool online, bool signed_in, int64_t now) {
  online_ = online;
  signed_in_ = signed_in;
  next_at_ = now;
}

void SyncSchedule::network_changed(bool online, int64_t now) {
  if (online && !online_) {  // the network is back: sync now, and forget the failures made offline
    failures_ = 0;
    next_at_ = now;
  }
  online_ = online;
}

void SyncSchedule::signed_in(int64_t now) {
  signed_in_ = true;
  failures_ = 0;
  next_at_ = now;
}

void SyncSchedule::requested() { requested_ = true; }

void SyncSchedule::changed(int64_t now) {
  if (failures_ == 0) next_at_ = std::min(next_at_, now + times_.after_change_ms);  // a retry keeps its wait
}

void SyncSchedule::round_started() {
  running_ = true;
  requested_ = false;
}

int64_t SyncSchedule::retry_wait(const ScheduleTimes& times, int failures, double jitter) {
  int64_t wait = times.first_retry_ms;
  for (int i = 1; i < failures && wait < times.longest_retry_ms; ++i) wait *= 2;
  wait = std::min(wait, times.longest_retry_ms);
  const double draw = std::clamp(jitter, 0.0, 1.0);
  return wait / 2 + static_cast<int64_t>(static_cast<double>(wait - wait / 2) * draw);
}

void SyncSchedule::round_ended(RoundEnd end, int64_t now, double jitter) {
  running_ = false;
  switch (end) {
    case RoundEnd::done:
    case RoundEnd::refused:
      failures_ = 0;
      next_at_ = now + times_.interval_ms;
      break;
    case RoundEnd::network_error:
      ++failures_;
      next_at_ = now + retry_wait(times_, failures_, jitter);
      break;
    case RoundEnd::signed_out:
      signed_in_ = false;
      failures_ = 0;
      break;
    case RoundEnd::interrupted:
      next_at_ = now;
      break;
  }
}

bool SyncSchedule::due(int64_t now) const {
  return online_ && signed_in_ && !running_ && (requested_ || now >= next_at_);
}

std::optional<int64_t> SyncSchedule::next_check() const {
  if (!online_ || !signed_in_ || running_) return std::nullopt;
  return requested_ ? 0 : next_at_;
}

}  // namespace pathway::sync
