// The server's sync ledger (docs/sync.md), kept beside the shared record in
// the same SQLite database (the server_* tables of schema 5) and written in
// the same transactions as the record's rows, so a change set, the rows it
// made, the change log and the client's last seq commit together or not at
// all. The rules (merge, idempotency, authorisation) are not here: they are
// in src/sync and src/server; this is their storage, all of its SQL.
//
//   server_records     per record: its merge state (sync::RecordState: every
//                      field, version, open text conflicts, per-field stamps),
//                      the young person it belongs to (scope) and last_seq,
//                      the change-log entry that last changed or re-sent it
//   server_change_log  one entry per change set processed (applied or
//                      refused), per adoption of records loaded without sync,
//                      per reallocation: the server_seq a cursor counts
//   server_change_rows the records each entry wrote, at which version
//   server_clients     per client (device) the last seq it processed
//   server_refusals    per client and seq the reason, repeated on a retry
//   server_placements  to whom each young person was allocated from which
//                      server_seq on: a cursor then says whose device held
//                      them, so `leave` can be told after a reallocation
//
// A pull sends each record in scope whose last_seq is after the cursor, as
// it now stands, grouped by last_seq; a reallocation re-sends everything the
// young person owns at its own server_seq, so the new PA's device gets all of
// it and the old one is told to `leave`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "store/store.h"
#include "sync/merge.h"

namespace pathway::store {

// Whose young people a pull (or a write) may reach, as SQL can ask it: those
// allocated to a PA, those allocated to any PA of a team, or everyone; none
// of these: reference data only (an administrator).
struct RecordScope {
  std::string allocated_pa_id;  // a PA's own caseload
  std::string pa_team_id;       // a team manager's team
  bool everyone = false;        // a service manager
};

// Where a young person's record belongs now.
struct Placement {
  bool exists = false;
  std::string allocated_pa_id;  // empty: not allocated
  std::string pa_team_id;       // that PA's team
};

// A pull page and whose records it holds (the audit log says who read whom).
struct LedgerPage {
  sync::PullResponse response;
  std::vector<std::string> young_people;  // each young person with a record in the page, once
};

struct LedgerRefusal {
  std::string reason;
  std::string field;
};

// Inside one Store::apply_pulled() on the server's store (opened without an
// outbox): everything below is that write's transaction.
class Ledger {
 public:
  explicit Ledger(Writer& writer) : writer_(writer) {}

  Result<int64_t> last_seq(std::string_view client_id);
  Status set_last_seq(std::string_view client_id, int64_t seq);
  Result<std::optional<LedgerRefusal>> refusal(std::string_view client_id, int64_t client_seq);
  Status record_refusal(const sync::ChangeSet& change_set, const LedgerRefusal& refusal);

  // The record's merge state (exists = false: the server never had it).
  Result<sync::RecordState> record(std::string_view entity, std::string_view id);
  // The young person a change's record belongs to: itself for a young
  // person, through its owner field (and the owner's owner) otherwise; ""
  // for reference data (teams, staff, duty rota). not_found when its owner
  // is not on the server.
  Result<std::string> young_person_of(const sync::Change& change);
  Result<Placement> placement(std::string_view young_person_id);

  // A new change-log entry ("applied", "refused", "adopted", "reallocated")
  // for `change_set`; its server_seq.
  Result<int64_t> log_entry(std::string_view kind, const sync::ChangeSet& change_set);
  // Keeps the merged state and writes the row into the shared record's
  // tables (Writer::apply_server_row), logged at server_seq.
  Status put(const sync::RecordState& state, std::string_view young_person_id, int64_t server_seq);
  // Sends the record again at server_seq (a refusal puts it back on the
  // device that changed it; a change that changed nothing still sends its
  // device the record as it stands). No record: nothing to do.
  Status resend(std::string_view entity, std::string_view id, int64_t server_seq);
  // The young person is allocated to `allocated_pa_id` from server_seq on;
  // everything they own is sent again at server_seq.
  Status reallocated(std::string_view young_person_id, std::string_view allocated_pa_id, int64_t server_seq);

  // Runs `work` inside a savepoint: when it fails, everything it did is
  // undone and the write goes on (a refused change set is still recorded).
  template <class F>
  Status attempt(F&& work) {
    if (Status begun = savepoint("SAVEPOINT attempt"); !begun) return begun;
    Status result = work();
    if (!result) {
      if (Status undone = savepoint("ROLLBACK TO attempt"); !undone) return undone;
      forget_failure();
    }
    if (Status released = savepoint("RELEASE attempt"); !released) return released;
    return result;
  }

  // Records of the shared record the ledger has never seen (the demo
  // council loaded with --demo, a council imported before sync) are
  // adopted at version 1: one change-log entry for the reference data and
  // one per young person, so every device in scope pulls them. Returns how
  // many records were adopted. One transaction.
  static Result<int64_t> adopt_unlogged_records(Store& store, Instant now);

  // One page of a pull for `scope` (store.h sync section, docs/sync.md):
  // records after the cursor, whole change-log entries, about
  // `request.limit` rows; `leave` for young people in scope at the cursor
  // and not now. A cursor that is not one this server gave is invalid_input.
  static Result<LedgerPage> pull(Store& store, const RecordScope& scope, const sync::PullRequest& request);

 private:
  Status savepoint(std::string_view sql);
  void forget_failure();
  Writer& writer_;
};

}  // namespace pathway::store
