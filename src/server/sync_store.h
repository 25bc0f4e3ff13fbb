// The shared record's sync state as the push and pull handlers (sync_api.h)
// use it: an interface, like AccountStore, so the rules stay in one place
// and the storage can change engine. Today one engine, SQLite
// (sync_store_sqlite.cpp), where the ledger lives beside the shared record in
// pathway.db and is written in the same transactions as its rows
// (store/ledger.h). A PostgreSQL engine must keep the same promises: one
// transaction per change set with the client's last seq, and server_seq
// numbers that a pull never sees out of commit order.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/date.h"
#include "core/result.h"
#include "server/shared_record.h"
#include "store/ledger.h"
#include "sync/change_set.h"
#include "sync/merge.h"

namespace pathway::server {

// One write transaction on the shared record and its ledger; the meaning of
// each call is store::Ledger's (ledger.h).
class SyncTransaction {
 public:
  virtual ~SyncTransaction() = default;
  virtual Result<int64_t> last_seq(const std::string& client_id) = 0;
  virtual Status set_last_seq(const std::string& client_id, int64_t seq) = 0;
  virtual Result<std::optional<store::LedgerRefusal>> refusal(const std::string& client_id, int64_t client_seq) = 0;
  virtual Status record_refusal(const sync::ChangeSet& change_set, const store::LedgerRefusal& refusal) = 0;
  virtual Result<sync::RecordState> record(const std::string& entity, const std::string& id) = 0;
  virtual Result<std::string> young_person_of(const sync::Change& change) = 0;
  virtual Result<store::Placement> placement(const std::string& young_person_id) = 0;
  virtual Result<int64_t> log_entry(const std::string& kind, const sync::ChangeSet& change_set) = 0;
  virtual Status put(const sync::RecordState& state, const std::string& young_person_id, int64_t server_seq) = 0;
  virtual Status resend(const std::string& entity, const std::string& id, int64_t server_seq) = 0;
  // Runs `work`; when it fails, undoes what it did and the transaction goes on.
  virtual Status attempt(const std::function<Status()>& work) = 0;
};

class SyncStore {
 public:
  virtual ~SyncStore() = default;
  // `work` in one transaction, committed when it returns ok.
  virtual Status write(Instant now, const std::function<Status(SyncTransaction&)>& work) = 0;
  virtual Result<store::LedgerPage> pull(const store::RecordScope& scope, const sync::PullRequest& request) = 0;
  // Records loaded without sync (the demo council) become pullable.
  virtual Result<int64_t> adopt_unlogged_records(Instant now) = 0;
};

// The ledger in the shared record's own SQLite database, under its lock.
std::unique_ptr<SyncStore> open_sqlite_sync_store(SharedRecord& record);

}  // namespace pathway::server
