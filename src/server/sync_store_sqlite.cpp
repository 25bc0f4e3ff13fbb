// The SQLite engine of the sync state (sync_store.h): store::Ledger inside a
// Store::apply_pulled() on the shared record, under SharedRecord's lock.
#include "server/sync_store.h"

namespace pathway::server {
namespace {

class SqliteSyncTransaction final : public SyncTransaction {
 public:
  explicit SqliteSyncTransaction(store::Writer& writer) : ledger_(writer) {}

  Result<int64_t> last_seq(const std::string& client_id) override { return ledger_.last_seq(client_id); }
  Status set_last_seq(const std::string& client_id, int64_t seq) override { return ledger_.set_last_seq(client_id, seq); }
  Result<std::optional<store::LedgerRefusal>> refusal(const std::string& client_id, int64_t client_seq) override {
    return ledger_.refusal(client_id, client_seq);
  }
  Status record_refusal(const sync::ChangeSet& change_set, const store::LedgerRefusal& refusal) override {
    return ledger_.record_refusal(change_set, refusal);
  }
  Result<sync::RecordState> record(const std::string& entity, const std::string& id) override {
    return ledger_.record(entity, id);
  }
  Result<std::string> young_person_of(const sync::Change& change) override { return ledger_.young_person_of(change); }
  Result<store::Placement> placement(const std::string& young_person_id) override {
    return ledger_.placement(young_person_id);
  }
  Result<int64_t> log_entry(const std::string& kind, const sync::ChangeSet& change_set) override {
    return ledger_.log_entry(kind, change_set);
  }
  Status put(const sync::RecordState& state, const std::string& young_person_id, int64_t server_seq) override {
    return ledger_.put(state, young_person_id, server_seq);
  }
  Status resend(const std::string& entity, const std::string& id, int64_t server_seq) override {
    return ledger_.resend(entity, id, server_seq);
  }
  Status attempt(const std::function<Status()>& work) override { return ledger_.attempt(work); }

 private:
  store::Ledger ledger_;
};

class SqliteSyncStore final : public SyncStore {
 public:
  explicit SqliteSyncStore(SharedRecord& record) : record_(record) {}

  Status write(Instant now, const std::function<Status(SyncTransaction&)>& work) override {
    return record_.with([&](store::Store& store) {
      return store.apply_pulled({}, now, [&](store::Writer& writer) {
        SqliteSyncTransaction transaction(writer);
        return work(transaction);
      });
    });
  }

  Result<store::LedgerPage> pull(const store::RecordScope& scope, const sync::PullRequest& request) override {
    return record_.with([&](store::Store& store) { return store::Ledger::pull(store, scope, request); });
  }

  Result<int64_t> adopt_unlogged_records(Instant now) override {
    return record_.with([&](store::Store& store) { return store::Ledger::adopt_unlogged_records(store, now); });
  }

 private:
  SharedRecord& record_;
};

}  // namespace

std::unique_ptr<SyncStore> open_sqlite_sync_store(SharedRecord& record) {
  return std::make_unique<SqliteSyncStore>(record);
}

}  // namespace pathway::server
