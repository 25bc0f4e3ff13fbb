// Tests of the "pathway-blocks" VFS (src/store/block_vfs.h) with SQLite used
// directly and an in-memory storage that records saves: data survives a
// reopen from persisted blocks; xSync (hence one save) happens once per
// committed write transaction; SQLite-style fault loops crash in the middle of
// every save and fail every save in turn, then check the reopened database is
// intact and holds the old or the new state; running out of memory at every
// allocation of file content in turn is SQLITE_NOMEM, never an abort, and
// leaves the old or the new state; and through SQLite3 Multiple Ciphers no
// plaintext reaches storage.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "store/block_vfs.h"

namespace pathway::store {
namespace {

using Bytes = std::vector<std::byte>;

// What IndexedDB holds: blocks by number plus the meta record.
struct Storage {
  std::map<uint32_t, Bytes> blocks;
  uint64_t file_size = 0;
  uint64_t generation = 0;

  // Applies a save whole (what an IndexedDB transaction does).
  void apply(const BlockSave& save) {
    apply_blocks(save, save.blocks.size());
    const uint64_t count = (save.file_size + save.block_size - 1) / save.block_size;
    blocks.erase(blocks.lower_bound(static_cast<uint32_t>(count)), blocks.end());
    file_size = save.file_size;
    generation = save.generation;
  }
  // Writes only the first `count` blocks in place: the torn write a sink must never produce.
  void apply_blocks(const BlockSave& save, size_t count) {
    for (size_t i = 0; i < count; ++i) {
      const BlockWrite& write = save.blocks[i];
      blocks[write.index].assign(write.bytes.begin(), write.bytes.end());
    }
  }
};

// The recording sink. Saves are applied at once unless `defer` is set, in which
// case they queue (copied, as the contract demands) until finish_next().
struct RecordingSink : BlockSink {
  Storage storage;
  BlockFile* file = nullptr;
  bool defer = false;
  int fail_save_number = 0;  // 1-based number of the save that fails; 0 = none
  int saves_begun = 0;
  std::vector<BlockSave> saves;          // copies of every save, for inspection
  std::vector<std::vector<Bytes>> data;  // their block bytes
  std::deque<size_t> queued;

  void begin_save(const BlockSave& save) override {
    ++saves_begun;
    std::vector<Bytes> copies;
    for (const BlockWrite& write : save.blocks) copies.emplace_back(write.bytes.begin(), write.bytes.end());
    data.push_back(std::move(copies));
    saves.push_back(save);
    for (size_t i = 0; i < save.blocks.size(); ++i) saves.back().blocks[i].bytes = data.back()[i];
    queued.push_back(saves.size() - 1);
    if (!defer) finish_next();
  }
  void finish_next() {
    const BlockSave& save = saves[queued.front()];
    queued.pop_front();
    if (static_cast<int>(save.generation) == fail_save_number) {
      file->save_finished(save.generation, Error{ErrorCode::storage, "The browser refused to store more data."});
      return;
    }
    storage.apply(save);
    file->save_finished(save.generation, ok_status());
  }
};

// A database file on the VFS with its sink, optionally restored from storage.
struct Device {
  RecordingSink sink;
  BlockFile file;
  std::string path;

  explicit Device(std::string name, uint32_t block_size = 16 * 1024) : file(block_size, sink), path(std::move(name)) {
    REQUIRE(register_block_vfs().ok());
    sink.file = &file;
    attach_block_file(path, file);
  }
  Device(std::string name, const Storage& from, uint32_t block_size = 16 * 1024) : Device(std::move(name), block_size) {
    sink.storage = from;
    REQUIRE(file.begin_restore(from.file_size, from.generation).ok());
    for (const auto& [index, bytes] : from.blocks) REQUIRE(file.restore_block(index, bytes).ok());
    REQUIRE(file.finish_restore().ok());
  }
  ~Device() { detach_block_file(path); }
};

struct Connection {
  sqlite3* db = nullptr;
  Connection(const std::string& path, const char* vfs, const std::string& key = {}) {
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, vfs) == SQLITE_OK);
    if (!key.empty()) REQUIRE(sqlite3_key_v2(db, "main", key.data(), static_cast<int>(key.size())) == SQLITE_OK);
  }
  ~Connection() { sqlite3_close(db); }
  int exec(const std::string& sql) const { return sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr); }
  std::string text(const std::string& sql) const {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) return "error: " + std::string(sqlite3_errmsg(db));
    std::string result;
    if (sqlite3_step(statement) == SQLITE_ROW) result = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    sqlite3_finalize(statement);
    return result;
  }
};

// A fictional row of roughly contact-note size, distinct per number.
std::string fictional_note(int number) {
  return "Fictional test note " + std::to_string(number) + std::string(300, static_cast<char>('a' + number % 26));
}

void insert_notes(const Connection& c, int first, int count) {
  REQUIRE(c.exec("BEGIN") == SQLITE_OK);
  for (int i = first; i < first + count; ++i) {
    REQUIRE(c.exec("INSERT INTO note(id, body) VALUES(" + std::to_string(i) + ", '" + fictional_note(i) + "')") == SQLITE_OK);
  }
  REQUIRE(c.exec("COMMIT") == SQLITE_OK);
}

// A summary that differs between any two states the tests produce.
std::string state_of(const Connection& c) {
  return c.text("SELECT count(*) || ':' || coalesce(sum(id), 0) || ':' || coalesce(sum(length(body)), 0) FROM note");
}

bool contains(const Bytes& haystack, std::string_view needle) {
  const auto* begin = reinterpret_cast<const char*>(haystack.data());
  return std::string_view(begin, haystack.size()).find(needle) != std::string_view::npos;
}

const std::string test_key = "raw:" + std::string(64, '7');

}  // namespace

TEST_CASE("block_vfs: data survives a reopen from the persisted blocks") {
  Storage persisted;
  {
    Device device("survives.db");
    Connection c(device.path, kBlockVfsName);
    REQUIRE(c.exec("CREATE TABLE note(id INTEGER PRIMARY KEY, body TEXT NOT NULL)") == SQLITE_OK);
    insert_notes(c, 1, 2000);  // about 700 KB: many blocks
    CHECK_FALSE(device.file.has_unsaved_changes());
    persisted = device.sink.storage;
  }
  CHECK(persisted.blocks.size() > 10);
  Device reopened("survives.db", persisted);
  Connection c(reopened.path, kBlockVfsName);
  CHECK(c.text("PRAGMA integrity_check") == "ok");
  CHECK(c.text("SELECT count(*) FROM note") == "2000");
  CHECK(c.text("SELECT body FROM note WHERE id = 1234") == fictional_note(1234));
}

TEST_CASE("block_vfs: one xSync, hence one save, per committed write transaction") {
  // Whichever rollback journal mode the store uses, journals stay in memory.
  for (const std::string locking_mode : {"normal", "exclusive"})
  for (const std::string journal_mode : {"delete", "memory", "truncate", "persist"}) {
    CAPTURE(locking_mode);
    CAPTURE(journal_mode);
    Device device("sync-" + locking_mode + "-" + journal_mode + ".db");
    Connection c(device.path, kBlockVfsName);
    REQUIRE(c.text("PRAGMA locking_mode=" + locking_mode) == locking_mode);
    REQUIRE(c.text("PRAGMA journal_mode=" + journal_mode) == journal_mode);
    REQUIRE(c.exec("CREATE TABLE note(id INTEGER PRIMARY KEY, body TEXT NOT NULL)") == SQLITE_OK);
    REQUIRE(c.exec("PRAGMA cache_size=10") == SQLITE_OK);  // small cache: big transactions spill pages mid-way

    struct Case { const char* name; std::string sql; size_t syncs; };
    const Case cases[] = {
        {"one autocommit insert", "INSERT INTO note(body) VALUES('one')", 1},
        {"explicit transaction, three statements",
         "BEGIN; INSERT INTO note(body) VALUES('a'); UPDATE note SET body='b'; DELETE FROM note WHERE id=1; COMMIT", 1},
        {"large transaction that spills the cache",
         "BEGIN; WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i<3000) "
         "INSERT INTO note(body) SELECT printf('%.300c', 'x') FROM n; COMMIT", 1},
        {"schema change", "CREATE INDEX note_body ON note(body)", 1},
        {"rolled back transaction", "BEGIN; DELETE FROM note; ROLLBACK", 0},
        {"read only", "SELECT count(*) FROM note", 0},
        {"shrinking vacuum", "DELETE FROM note; VACUUM", 2},  // two statements, two transactions
    };
    for (const Case& row : cases) {
      CAPTURE(row.name);
      const size_t syncs_before = device.file.sync_count();
      const int saves_before = device.sink.saves_begun;
      REQUIRE(c.exec(row.sql) == SQLITE_OK);
      CHECK(device.file.sync_count() - syncs_before == row.syncs);
      CHECK(static_cast<size_t>(device.sink.saves_begun - saves_before) == row.syncs);
    }
    // Whatever was saved last reopens as the current state.
    const std::string now = state_of(c);
    Device reopened(device.path + "-reopened", device.sink.storage);
    Connection r(reopened.path, kBlockVfsName);
    CHECK(r.text("PRAGMA integrity_check") == "ok");
    CHECK(state_of(r) == now);
    CHECK(device.sink.storage.file_size == device.file.size());
  }
}

TEST_CASE("block_vfs: a crash after any number of a save's blocks leaves the old or the new state") {
  // SQLite's own fault loop idea (test/malloc_common.tcl), applied to saves:
  // for every N, the page dies after the sink received N blocks of a large save.
  Device device("crash.db", 4096);  // small blocks: many blocks per save
  Connection c(device.path, kBlockVfsName);
  REQUIRE(c.exec("CREATE TABLE note(id INTEGER PRIMARY KEY, body TEXT NOT NULL)") == SQLITE_OK);
  insert_notes(c, 1, 300);
  const Storage before = device.sink.storage;
  const std::string old_state = state_of(c);

  // One transaction that rewrites much of the file: updates, deletes, inserts.
  device.sink.defer = true;
  REQUIRE(c.exec("BEGIN; UPDATE note SET body = upper(body) WHERE id % 3 = 0; DELETE FROM note WHERE id % 7 = 0;"
                 "WITH RECURSIVE n(i) AS (SELECT 1000 UNION ALL SELECT i + 1 FROM n WHERE i < 1199) "
                 "INSERT INTO note(id, body) SELECT i, printf('Fictional test note %d %.300c', i, 'q') FROM n; COMMIT") == SQLITE_OK);
  const std::string new_state = state_of(c);
  REQUIRE(new_state != old_state);
  REQUIRE(device.sink.queued.size() == 1);
  const BlockSave& save = device.sink.saves[device.sink.queued.front()];
  REQUIRE(save.blocks.size() > 20);

  int torn_states_seen = 0;
  for (size_t received = 0; received <= save.blocks.size(); ++received) {
    CAPTURE(received);
    // The sink's contract: a save is applied whole (all blocks received and committed) or not at all.
    Storage atomic = before;
    if (received == save.blocks.size()) atomic.apply(save);
    Device reopened("crash-reopened.db", atomic, 4096);
    Connection r(reopened.path, kBlockVfsName);
    CHECK(r.text("PRAGMA integrity_check") == "ok");
    CHECK(state_of(r) == (received == save.blocks.size() ? new_state : old_state));

    // The same crash with a sink that writes blocks in place is caught by this
    // check: proof that the check can fail, and why the contract matters.
    Storage torn = before;
    torn.apply_blocks(save, received);
    Device torn_device("crash-torn.db", torn, 4096);
    Connection t(torn_device.path, kBlockVfsName);
    const std::string integrity = t.text("PRAGMA integrity_check");
    const std::string torn_state = integrity == "ok" ? state_of(t) : "corrupt";
    if (torn_state != old_state && torn_state != new_state) ++torn_states_seen;
  }
  CHECK(torn_states_seen > 0);
}

TEST_CASE("block_vfs: a failed save loses nothing and never mixes states") {
  // Fail save number N for every N, with saves still in flight when it fails
  // (IndexedDB completes them later and in order), then reopen.
  constexpr int transactions = 6;
  constexpr int saves = 1 + 2 * (transactions - 1);
  for (int failing = 1; failing <= saves + 1; ++failing) {  // saves + 1: none fails
    CAPTURE(failing);
    Device device("failing.db");
    device.sink.defer = true;
    device.sink.fail_save_number = failing;
    Connection c(device.path, kBlockVfsName);
    std::map<uint64_t, std::string> state_saved_by;  // generation -> the state that save carries
    const auto remember = [&] { state_saved_by[device.sink.saves.back().generation] = state_of(c); };
    REQUIRE(c.exec("CREATE TABLE note(id INTEGER PRIMARY KEY, body TEXT NOT NULL)") == SQLITE_OK);
    remember();
    for (int t = 1; t < transactions; ++t) {
      insert_notes(c, t * 100, 50);
      remember();
      REQUIRE(c.exec("UPDATE note SET body = body || 'x' WHERE id % 5 = " + std::to_string(t % 5)) == SQLITE_OK);
      remember();
      if (t % 2 == 0) {
        while (!device.sink.queued.empty()) device.sink.finish_next();  // saves complete in order
      }
    }
    REQUIRE(device.sink.saves_begun == saves);
    while (!device.sink.queued.empty()) device.sink.finish_next();
    // Storage holds exactly the state of the last successful save.
    {
      const uint64_t stored = device.sink.storage.generation;
      REQUIRE(state_saved_by.count(stored) == 1);
      Device reopened("failing-reopened.db", device.sink.storage);
      Connection r(reopened.path, kBlockVfsName);
      CHECK(r.text("PRAGMA integrity_check") == "ok");
      CHECK(state_of(r) == state_saved_by[stored]);
    }
    const bool last_failed = failing == device.sink.saves_begun;
    CHECK(device.file.last_save_failed() == last_failed);
    CHECK(device.file.has_unsaved_changes() == last_failed);
    // A retry carries everything unconfirmed and brings storage up to date.
    device.file.retry_save();
    while (!device.sink.queued.empty()) device.sink.finish_next();
    CHECK_FALSE(device.file.has_unsaved_changes());
    CHECK_FALSE(device.file.last_save_failed());
    Device reopened("failing-reopened.db", device.sink.storage);
    Connection r(reopened.path, kBlockVfsName);
    CHECK(r.text("PRAGMA integrity_check") == "ok");
    CHECK(state_of(r) == state_saved_by.rbegin()->second);
  }
}

TEST_CASE("block_vfs: through SQLite3 Multiple Ciphers no plaintext reaches storage") {
  const std::string marker = "Fictional-Marker-Zebra-Quokka";
  Storage persisted;
  {
    Device device("encrypted.db");
    Connection c(device.path, kEncryptedBlockVfsName, test_key);
    REQUIRE(c.exec("CREATE TABLE note(id INTEGER PRIMARY KEY, body TEXT NOT NULL)") == SQLITE_OK);
    insert_notes(c, 1, 200);
    REQUIRE(c.exec("INSERT INTO note(body) VALUES('" + marker + "')") == SQLITE_OK);
    persisted = device.sink.storage;
    // Every byte any save carried, not only the final blocks.
    for (const auto& save_data : device.sink.data) {
      for (const Bytes& block : save_data) {
        CHECK_FALSE(contains(block, "SQLite format 3"));
        CHECK_FALSE(contains(block, marker));
        CHECK_FALSE(contains(block, "Fictional test note"));
        CHECK_FALSE(contains(block, "CREATE TABLE"));
      }
    }
  }
  REQUIRE_FALSE(persisted.blocks.empty());
  {
    // The same check on a plain database proves the check can fail.
    Device plain("plain.db");
    Connection c(plain.path, kBlockVfsName);
    REQUIRE(c.exec("CREATE TABLE note(id INTEGER PRIMARY KEY, body TEXT NOT NULL)") == SQLITE_OK);
    REQUIRE(c.exec("INSERT INTO note(body) VALUES('" + marker + "')") == SQLITE_OK);
    CHECK(contains(plain.sink.storage.blocks.at(0), "SQLite format 3"));
    CHECK(contains(plain.sink.storage.blocks.at(0), marker));
  }
  {
    Device reopened("encrypted.db", persisted);
    Connection wrong(reopened.path, kEncryptedBlockVfsName, "raw:" + std::string(64, '8'));
    CHECK(wrong.exec("SELECT count(*) FROM sqlite_schema") == SQLITE_NOTADB);
  }
  {
    Device reopened("encrypted.db", persisted);
    Connection right(reopened.path, kEncryptedBlockVfsName, test_key);
    CHECK(right.text("PRAGMA integrity_check") == "ok");
    CHECK(right.text("SELECT body FROM note WHERE body LIKE 'Fictional-Marker%'") == marker);
  }
}

TEST_CASE("block_vfs: restoring rejects incomplete or malformed storage") {
  RecordingSink sink;
  struct Case { const char* name; uint64_t size; std::vector<std::pair<uint32_t, size_t>> blocks; bool ok; };
  const Case cases[] = {
      {"empty database", 0, {}, true},
      {"two whole blocks", 8192, {{0, 4096}, {1, 4096}}, true},
      {"a block missing", 8192, {{0, 4096}}, false},
      {"a short block", 8192, {{0, 4096}, {1, 100}}, false},
      {"a leftover block past the end is ignored", 4096, {{0, 4096}, {5, 4096}}, true},
  };
  for (const Case& row : cases) {
    CAPTURE(row.name);
    BlockFile file(4096, sink);
    REQUIRE(file.begin_restore(row.size, 3).ok());
    bool ok = true;
    for (const auto& [index, length] : row.blocks) ok = ok && file.restore_block(index, Bytes(length)).ok();
    ok = file.finish_restore().ok() && ok;
    CHECK(ok == row.ok);
  }
}

TEST_CASE("block_vfs: out of memory at any allocation is SQLITE_NOMEM and leaves the old or the new state") {
  // SQLite's malloc tests (test/malloc_common.tcl): fail the N-th allocation
  // of file content, once (transient) or from then on (persistent), for every
  // N until the transaction gets through without meeting the failure.
  for (const bool persistent : {false, true}) {
    int failures_met = 0;
    bool finished = false;
    for (int failing = 0; !finished && failing < 200; ++failing) {
      CAPTURE(persistent);
      CAPTURE(failing);
      const std::string name = "nomem-" + std::to_string(persistent) + "-" + std::to_string(failing);
      Device device(name + ".db", 4096);
      Connection c(device.path, kBlockVfsName);
      REQUIRE(c.exec("CREATE TABLE note(id INTEGER PRIMARY KEY, body TEXT NOT NULL)") == SQLITE_OK);
      insert_notes(c, 1, 20);
      const std::string before = state_of(c);

      fail_block_allocations_after(failing, persistent);
      // Grows the file by many blocks, and its journal with it.
      int rc = c.exec("BEGIN");
      for (int i = 1000; rc == SQLITE_OK && i < 1100; ++i) {
        rc = c.exec("INSERT INTO note(id, body) VALUES(" + std::to_string(i) + ", '" + fictional_note(i) + "')");
      }
      if (rc == SQLITE_OK) rc = c.exec("COMMIT");
      fail_block_allocations_after(-1, false);
      CHECK((rc == SQLITE_OK || rc == SQLITE_NOMEM));
      if (rc != SQLITE_OK) {
        ++failures_met;
        c.exec("ROLLBACK");  // may already be rolled back
      }
      finished = rc == SQLITE_OK;

      // In memory and in storage: intact, and the old state or the new one.
      CHECK(c.text("PRAGMA integrity_check") == "ok");
      const std::string now = state_of(c);
      CHECK((now == before) == (rc != SQLITE_OK));
      insert_notes(c, 5000, 1);  // the next transaction saves whatever is unsaved
      const std::string last = state_of(c);
      Device reopened(name + "-reopened.db", device.sink.storage, 4096);
      Connection r(reopened.path, kBlockVfsName);
      CHECK(r.text("PRAGMA integrity_check") == "ok");
      CHECK(state_of(r) == last);
    }
    CHECK(finished);
    CHECK(failures_met > 5);  // the loop did meet failures at many points
  }
}

}  // namespace pathway::store
