// The store: Pathway's records in SQLite, on the server (a plain file) and on
// a device (encrypted with SQLite3 Multiple Ciphers, on the block VFS that
// persists pages to IndexedDB). The only place that writes SQL.
//
// Reading is a set of typed queries. Writing has exactly one path,
// Store::write(): the caller's lambda makes typed saves through a Writer, all
// of it one SQLite transaction, rolled back entirely on any error. Every row
// change in a synced table appends one outbox entry (by triggers in the
// schema, so even raw SQL cannot change a row without one); the sync layer
// reads the outbox with outbox_after() and clears it with
// outbox_acknowledge(). Changes pulled from the server are applied with
// Store::apply_pulled(), which does not queue them again.
//
// Index of this file:
// [SECTION] Opening
// [SECTION] Actor and outbox entries
// [SECTION] Writer: the typed saves available inside a write
// [SECTION] Store
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"

namespace pathway::store {

namespace detail {
class Database;
struct WriteContext;
}  // namespace detail

// [SECTION] Opening

struct OpenOptions {
  std::string path;         // file path, or ":memory:"
  std::string vfs;          // SQLite VFS name; empty = default VFS
  std::string raw_key_hex;  // 64 hex chars = 256-bit key, applied with SQLite3MC's
                            // "raw:" key syntax, so SQLite3MC's own PBKDF2 never
                            // runs (the app derives the key with Argon2id).
                            // Empty = not encrypted (server, tests).
};

// [SECTION] Actor and outbox entries

// Who makes a change; recorded with every outbox entry.
struct Actor {
  std::string staff_id;   // the signed-in member of staff; empty for the system (demo loader, migrations)
  std::string device_id;  // the device the change was made on, when known
};

// One row change waiting to be pushed to the server.
struct OutboxEntry {
  int64_t seq = 0;           // increasing, never reused
  std::string write_id;      // the same for every change made by one Store::write
  std::string table;         // table name, e.g. "contacts"
  std::string record_id;     // the row's id
  std::string operation;     // "insert", "update" or "delete"
  std::string row_json;      // the row after the change (before it, for a delete) as a JSON object
  std::string actor;         // Actor::staff_id
  std::string device;        // Actor::device_id
  std::string changed_at;    // the write's time, ISO 8601 UTC
};

// [SECTION] Writer: the typed saves available inside a write

// Handed to the lambda of Store::write() / Store::apply_pulled(). Each save
// validates its record first (field + message) and touches no SQL when the
// record is invalid. The first failure is remembered: the write is rolled
// back even if the lambda ignores the error and returns ok.
class Writer {
 public:
  // App state that stays on this device (not synced, no outbox entry).
  Status set_setting(std::string_view key, std::string_view value);

  Instant now() const { return now_; }
  // The latest UK calendar date at `now` (UK time is UTC or UTC+1): dates up
  // to and including it are not "in the future".
  Date today() const;

 private:
  friend class Store;
  Writer(detail::Database& db, Instant now) : db_(db), now_(now) {}
  Status remember(Status status);

  detail::Database& db_;
  Instant now_;
  std::optional<Error> first_error_;
};

// [SECTION] Store

class Store {
 public:
  // Opens or creates the database, applies the key (when given), checks it
  // can be read (a wrong key is ErrorCode::wrong_key) and applies every
  // pending migration, each in its own transaction.
  static Result<std::unique_ptr<Store>> open(const OpenOptions&);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // The one write path. `changes` is called as `Status changes(Writer&)`;
  // everything it saves is one transaction, committed only if it returns ok
  // and no save failed, otherwise rolled back entirely. Writes do not nest.
  template <class F>
  Status write(const Actor& who, Instant now, F&& changes) {
    return run_write(who, now, /*queue_for_sync=*/true, std::forward<F>(changes));
  }

  // The same, for changes pulled from the server by the sync layer: rows
  // change exactly as with write(), but no outbox entries are queued (they
  // came from the outbox of another device).
  template <class F>
  Status apply_pulled(const Actor& who, Instant now, F&& changes) {
    return run_write(who, now, /*queue_for_sync=*/false, std::forward<F>(changes));
  }

  // Outbox entries with seq > `after_seq`, oldest first, at most `limit`.
  Result<std::vector<OutboxEntry>> outbox_after(int64_t after_seq, int limit);
  // Removes entries with seq <= `up_to_seq` (the server has them).
  Status outbox_acknowledge(int64_t up_to_seq);

  // A device-local setting, or nullopt when never set.
  Result<std::optional<std::string>> setting(std::string_view key);

  // The schema version of the open database (PRAGMA user_version).
  Result<int> schema_version();

  // Bulk loads (demo data, first sync): a larger page cache while loading.
  Status set_cache_size_kib(int kib);

  // Tests only: runs raw SQL on the store's connection (outside any write),
  // and makes the n-th statement step from now fail (0 = off).
  Status execute_for_testing(std::string_view sql);
  void inject_fault_for_testing(int64_t nth_step);

 private:
  Store();
  template <class F>
  Status run_write(const Actor& who, Instant now, bool queue_for_sync, F&& changes) {
    if (Status begun = begin_write(who, now, queue_for_sync); !begun) return begun;
    Writer writer(*db_, now);
    Status result = changes(writer);
    return finish_write(writer, std::move(result));
  }
  Status begin_write(const Actor& who, Instant now, bool queue_for_sync);
  Status finish_write(Writer& writer, Status result);

  std::unique_ptr<detail::Database> db_;
  std::unique_ptr<detail::WriteContext> context_;
};

}  // namespace pathway::store
