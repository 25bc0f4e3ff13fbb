// The server's rules for applying a change set, as pure functions: the same
// inputs give the same record on every run, so every device that pulls the
// result agrees. Nothing here reads a clock or does I/O; the server's store
// supplies the current records and keeps the results, in one transaction
// with the client's last sequence number (decide_push()), as Replicache's
// push endpoint records lastMutationID.
//
// Per field, a change made from base version b meets the server's record:
//   - the field last changed at a version <= b, or by this same client: the
//     device saw the current value, so the change applies;
//   - otherwise the two edits were concurrent. A `text` field keeps both:
//     the current text stays and the incoming one joins the field's open
//     conflict, until someone who has seen the conflict edits the field with
//     the field in `resolves` (the choice, itself a change that syncs).
//     Any other kind takes the later arrival (codes, dates, flags, ids: a
//     person sees the result and can change it; no free text is lost).
// Appends never conflict. A removal made from an older version than the
// record's newest change by someone else is refused (the device is told and
// gets the record back); an edit that meets a removal brings the record back
// with the edit, since losing a record is the worst outcome.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/result.h"
#include "sync/change_set.h"

namespace pathway::sync {

// When, and by which client, a field (or a field's conflict) last changed.
struct FieldStamp {
  int64_t version = 0;
  std::string client_id;
};

// A record as the server keeps it: what devices pull, plus the stamps.
struct RecordState {
  bool exists = false;  // false: never seen (row.fields is empty)
  ServerRow row;
  std::map<std::string, FieldStamp> stamps;           // per field
  std::map<std::string, FieldStamp> conflict_stamps;  // per text field with an open conflict
};

enum class MergeOutcome {
  applied,    // row changed: version + 1
  unchanged,  // nothing to do (an identical append, a removal of a removed record, equal values)
  refused,    // the change set cannot be applied: reason (and field) say why
};

struct MergeResult {
  MergeOutcome outcome = MergeOutcome::unchanged;
  RecordState record;  // the record after the change (as it was, unless applied)
  std::string reason;
  std::string field;
  std::vector<std::string> conflicted;  // text fields whose conflict this change opened or added to
  std::vector<std::string> resolved;    // text fields whose conflict this change settled
};

// Applies one change (already parsed and validated) from `client_id` to the
// record `current` (exists = false when the server has none).
MergeResult merge(const RecordState& current, const Change& change, const std::string& client_id);

// Idempotency: what to do with a change set given the client's last
// processed sequence number (kept in the same transaction as the applies).
enum class PushDecision {
  apply,         // client_seq == last_seq + 1
  duplicate,     // client_seq <= last_seq: processed before, acknowledge again
  out_of_order,  // client_seq > last_seq + 1: an earlier one is missing; resend from last_seq + 1
};
PushDecision decide_push(int64_t last_seq, int64_t client_seq);

// Whether the server accepts change sets written at `schema_version`: a
// device older than the oldest supported schema is asked to update (nothing
// of it is applied); one newer than the server's is told the server must be
// updated first.
Status check_schema_version(int schema_version);

}  // namespace pathway::sync
