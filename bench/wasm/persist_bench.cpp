// A wasm module that drives the app's LocalDatabase (src/app/persist) for the
// browser persistence benchmark (bench/browser_persist.mjs) and the browser
// tests (tests/e2e/persist*.test.mjs). persist.html loads it; the Node side
// calls these functions through Module.ccall and waits for Module.onPersistChange.
//
// Bulk filler rows and checks use sqlite3 directly on the store's own
// connection (caught with sqlite3_auto_extension when the store opens it):
// that is test and benchmark scaffolding, the product's SQL stays in src/store.
#include <emscripten/emscripten.h>
#include <sqlite3.h>

#include <memory>
#include <string>

#include "app/persist/local_database.h"

using pathway::app::LocalDatabase;

namespace {

std::unique_ptr<LocalDatabase> database;
sqlite3* connection = nullptr;  // the store's connection, for filler rows and checks
std::string message;            // returned to JavaScript; valid until the next call

// SQLite calls auto extensions as int(sqlite3*, char**, const sqlite3_api_routines*):
// in wasm any other signature traps ("function signature mismatch") at open.
int remember_connection(sqlite3* db, char**, const sqlite3_api_routines*) {
  connection = db;
  return SQLITE_OK;
}

int error_code(const pathway::Status& status) {
  return status ? 0 : static_cast<int>(status.error().code) + 1;
}

// The first column of the first row of `sql`, or "error: ..." .
const char* query_text(const char* sql) {
  message = "error: no database";
  if (!connection) return message.c_str();
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(connection, sql, -1, &statement, nullptr) != SQLITE_OK) {
    message = std::string("error: ") + sqlite3_errmsg(connection);
    return message.c_str();
  }
  const int step = sqlite3_step(statement);
  if (step == SQLITE_ROW) {
    const unsigned char* text = sqlite3_column_text(statement, 0);
    message = text ? reinterpret_cast<const char*>(text) : "";
  } else {
    message = step == SQLITE_DONE ? "" : std::string("error: ") + sqlite3_errmsg(connection);
  }
  sqlite3_finalize(statement);
  return message.c_str();
}

}  // namespace

extern "C" {

// Starts reading IndexedDB database `name`; block size (0: the app's) and
// Argon2id cost apply to a new database.
EMSCRIPTEN_KEEPALIVE void bench_start(const char* name, int block_size, int kdf_memory_kib, int kdf_iterations) {
  database.reset();
  connection = nullptr;
  LocalDatabase::Options options;
  options.name = name;
  if (block_size > 0) options.block_size = static_cast<uint32_t>(block_size);
  options.kdf.memory_kib = static_cast<uint32_t>(kdf_memory_kib);
  options.kdf.iterations = static_cast<uint32_t>(kdf_iterations);
  sqlite3_auto_extension(reinterpret_cast<void (*)()>(remember_connection));
  database = std::make_unique<LocalDatabase>(options);
  database->set_on_change([] { EM_ASM(if (Module.onPersistChange) Module.onPersistChange();); });
  database->start();
}

EMSCRIPTEN_KEEPALIVE void bench_stop() {
  database.reset();
  connection = nullptr;
}

EMSCRIPTEN_KEEPALIVE int bench_phase() { return database ? static_cast<int>(database->phase()) : -1; }
EMSCRIPTEN_KEEPALIVE int bench_save_state() { return static_cast<int>(database->save_state()); }
EMSCRIPTEN_KEEPALIVE int bench_persistence() { return static_cast<int>(database->storage_persistence()); }
EMSCRIPTEN_KEEPALIVE double bench_kdf_ms() { return database->last_kdf_ms(); }
EMSCRIPTEN_KEEPALIVE double bench_file_size() {
  return database->block_file() ? static_cast<double>(database->block_file()->size()) : 0;
}
EMSCRIPTEN_KEEPALIVE const char* bench_failure() {
  const LocalDatabase::Phase phase = database->phase();
  message = phase == LocalDatabase::Phase::failed || phase == LocalDatabase::Phase::damaged ? database->failure()
                                                                                            : database->save_error();
  return message.c_str();
}

// The hex key Argon2id derives from `passphrase` with a stored key-settings
// record: what the browser test of secrets looks for in the app's memory.
EMSCRIPTEN_KEEPALIVE const char* bench_key_hex(const char* passphrase, const char* kdf_record) {
  auto params = pathway::app::KdfParams::decode(kdf_record);
  pathway::Result<std::string> key =
      params ? pathway::app::derive_key_hex(passphrase, *params) : pathway::Result<std::string>(params.error());
  message = key ? *key : "error: " + key.error().message;
  return message.c_str();
}

// 0 on success, otherwise ErrorCode + 1 (wrong_key is 6).
EMSCRIPTEN_KEEPALIVE int bench_create(const char* passphrase) { return error_code(database->create(passphrase)); }
EMSCRIPTEN_KEEPALIVE int bench_unlock(const char* passphrase) { return error_code(database->unlock(passphrase)); }

// One small write transaction through the store's write path.
EMSCRIPTEN_KEEPALIVE int bench_small_write(const char* key, const char* value) {
  return error_code(database->store().write({}, pathway::Instant{}, [&](pathway::store::Writer& writer) {
    return writer.set_setting(key, value);
  }));
}

EMSCRIPTEN_KEEPALIVE const char* bench_setting(const char* key) {
  auto value = database->store().setting(key);
  message = !value ? "error: " + value.error().message : value->value_or("");
  return message.c_str();
}

// Adds about `kib` KiB of random (incompressible, like encrypted) filler rows
// and records their count, in one transaction.
EMSCRIPTEN_KEEPALIVE int bench_grow(int kib) {
  const std::string sql =
      "BEGIN;"
      "CREATE TABLE IF NOT EXISTS bench_filler(id INTEGER PRIMARY KEY, body BLOB NOT NULL);"
      "CREATE TABLE IF NOT EXISTS bench_state(id INTEGER PRIMARY KEY CHECK (id = 1), rows INTEGER NOT NULL);"
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + std::to_string(kib) + ") "
      "INSERT INTO bench_filler(body) SELECT randomblob(1000) FROM n;"
      "INSERT INTO bench_state(id, rows) VALUES(1, (SELECT count(*) FROM bench_filler)) "
      "ON CONFLICT(id) DO UPDATE SET rows = excluded.rows;"
      "COMMIT;";
  const int rc = sqlite3_exec(connection, sql.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) sqlite3_exec(connection, "ROLLBACK", nullptr, nullptr, nullptr);
  return rc;
}

// "ok <rows>" when the database passes integrity_check and its filler rows
// match the count stored in the same transaction; otherwise what is wrong.
EMSCRIPTEN_KEEPALIVE const char* bench_check() {
  const std::string integrity = query_text("PRAGMA integrity_check");
  if (integrity != "ok") {
    message = "integrity: " + integrity;
    return message.c_str();
  }
  return query_text(
      "SELECT CASE WHEN (SELECT count(*) FROM bench_filler) = (SELECT rows FROM bench_state) "
      "THEN 'ok ' || (SELECT rows FROM bench_state) ELSE 'mismatch' END");
}

EMSCRIPTEN_KEEPALIVE const char* bench_query(const char* sql) { return query_text(sql); }
}

int main() { return 0; }
