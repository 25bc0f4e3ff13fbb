// A small RAII layer over the SQLite C API, private to src/store (and reused
// by src/server's account store, which keeps its SQL in one file too): a
// connection that owns a cache of prepared statements, a borrowed statement
// that resets itself when it goes out of scope, and typed bind/column helpers.
// Every SQLite failure becomes an Error value with a message fit for people
// (SQLite's own messages name tables and constraints, never row contents).
//
// Fault injection, the SQLite way: a test can make the N-th statement step on
// a connection fail (as if the disk had failed), so every step of a
// multi-row write can be shown to roll back cleanly.
//
// Preconditions are asserts, as in SQLite: a statement exists, binding and
// column indexes are in range, the connection is open. They are active in
// Debug builds (the sanitizer test build) and cost nothing in Release.
#pragma once

#include <cassert>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/result.h"
#include "sqlite3.h"

namespace pathway::store::detail {

class Database;

// A prepared statement borrowed from the connection's cache. Binding indexes
// start at 1 (as in SQLite), column indexes at 0. Destruction resets it and
// clears its bindings so the cached statement is ready for the next use. If
// the same SQL is already borrowed (a query inside a loop over another), the
// second borrower gets a private statement, finalized on destruction.
class Statement {
 public:
  // `in_use` is the cache slot's flag, or nullptr for a private statement.
  Statement(Database& db, sqlite3_stmt* stmt, bool* in_use) : db_(&db), stmt_(stmt), in_use_(in_use) {
    assert(stmt != nullptr);
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_), in_use_(other.in_use_) {
    other.stmt_ = nullptr;
  }
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, int64_t number);
  Statement& bind(int index, int number) { return bind(index, int64_t{number}); }
  Statement& bind(int index, bool flag) { return bind(index, int64_t{flag ? 1 : 0}); }
  Statement& bind(int index, double number);
  Statement& bind_null(int index);
  template <class T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }
  // Binds each argument to ?1, ?2, ... in order.
  template <class... Args>
  Statement& bind_all(const Args&... args) {
    int index = 0;
    (bind(++index, args), ...);
    return *this;
  }

  // One step: true when a row is ready, false when done, an Error otherwise.
  Result<bool> step();
  // Steps to the end, for statements that return no rows.
  Status run();

  bool is_null(int column) const { return sqlite3_column_type(stmt_, checked_column(column)) == SQLITE_NULL; }
  int64_t integer(int column) const { return sqlite3_column_int64(stmt_, checked_column(column)); }
  double real(int column) const { return sqlite3_column_double(stmt_, checked_column(column)); }
  std::string text(int column) const;
  std::optional<std::string> optional_text(int column) const;
  std::optional<int64_t> optional_integer(int column) const;

  sqlite3_stmt* handle() const { return stmt_; }

 private:
  // A column of the current row: a row must be ready, the index in range.
  int checked_column(int column) const {
    assert(stmt_ && column >= 0 && column < sqlite3_data_count(stmt_));
    return column;
  }
  int checked_parameter(int index) const {
    assert(stmt_ && index >= 1 && index <= sqlite3_bind_parameter_count(stmt_));
    return index;
  }

  Database* db_;
  sqlite3_stmt* stmt_;
  bool* in_use_;
};

// One connection. Not thread-safe: a Store is used from one thread at a time.
class Database {
 public:
  Database() = default;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  // Opens (creating if needed) the database at `path` on the named VFS
  // (empty = SQLite's default). Nothing is read yet.
  Status open(const std::string& path, const std::string& vfs);

  // Runs one or more statements that take no parameters (schema scripts).
  Status exec(std::string_view sql);
  // A cached prepared statement for `sql`; `sql` must be one statement.
  Result<Statement> prepare(std::string_view sql);

  // An Error for the connection's last failure, with what we were doing.
  Error last_error(std::string_view doing) const;
  Error error_from_code(int code, std::string_view doing) const;
  sqlite3* handle() const { return db_; }
  // Inside BEGIN ... COMMIT (a write, a migration or a read snapshot).
  bool in_transaction() const { return db_ && !sqlite3_get_autocommit(db_); }
  void clear_statement_cache();

  // Makes the `n`-th statement step from now fail with SQLITE_IOERR
  // (n = 1 is the very next step); 0 turns injection off. Tests only.
  void inject_fault_at_step(int64_t n) { steps_until_fault_ = n; }
  // Counts down the injected fault; true when this step must fail.
  bool consume_fault_step();

 private:
  sqlite3* db_ = nullptr;
  struct CachedStatement {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };
  // Looked up by string_view: no copy of the SQL text per statement run.
  struct SqlHash {
    using is_transparent = void;
    size_t operator()(std::string_view sql) const { return std::hash<std::string_view>{}(sql); }
  };
  // unique_ptr so the in_use flag's address survives rehashing.
  std::unordered_map<std::string, std::unique_ptr<CachedStatement>, SqlHash, std::equal_to<>> statements_;
  int64_t steps_until_fault_ = 0;
};

// A read transaction for the life of the object, so a query made of several
// statements sees one snapshot of the database and takes the file lock once
// (not once per statement). Inside a write it does nothing: the write's
// transaction already holds the snapshot.
class ReadTransaction {
 public:
  explicit ReadTransaction(Database& db);
  ~ReadTransaction();
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;

 private:
  Database& db_;
  bool began_ = false;
};

// Hex text of `bytes` (lower case).
std::string to_hex(const unsigned char* bytes, size_t size);

}  // namespace pathway::store::detail
