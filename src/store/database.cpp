// The RAII layer over SQLite (database.h): opening, the statement cache,
// typed binding and reading, and turning SQLite result codes into Errors.
#include "store/database.h"

namespace pathway::store::detail {

Statement::~Statement() {
  if (!stmt_) return;
  if (in_use_) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    *in_use_ = false;
  } else {
    sqlite3_finalize(stmt_);
  }
}

Statement& Statement::bind(int index, std::string_view text) {
  assert(text.data() != nullptr || text.empty());
  sqlite3_bind_text(stmt_, checked_parameter(index), text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::bind(int index, int64_t number) {
  sqlite3_bind_int64(stmt_, checked_parameter(index), number);
  return *this;
}

Statement& Statement::bind(int index, double number) {
  sqlite3_bind_double(stmt_, checked_parameter(index), number);
  return *this;
}

Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(stmt_, checked_parameter(index));
  return *this;
}

Result<bool> Statement::step() {
  if (db_->consume_fault_step()) return db_->error_from_code(SQLITE_IOERR, "writing to the database (injected fault)");
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return db_->last_error("running a query");
}

Status Statement::run() {
  for (;;) {
    auto row = step();
    if (!row) return row.error();
    if (!*row) return ok_status();
  }
}

std::string Statement::text(int column) const {
  const auto* bytes = sqlite3_column_text(stmt_, checked_column(column));
  if (!bytes) return {};
  return std::string(reinterpret_cast<const char*>(bytes), static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::optional<std::string> Statement::optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

std::optional<int64_t> Statement::optional_integer(int column) const {
  if (is_null(column)) return std::nullopt;
  return integer(column);
}

Database::~Database() {
  clear_statement_cache();
  if (db_) sqlite3_close_v2(db_);
}

void Database::clear_statement_cache() {
  for (auto& [sql, cached] : statements_) sqlite3_finalize(cached->stmt);
  statements_.clear();
}

Status Database::open(const std::string& path, const std::string& vfs) {
  assert(db_ == nullptr);  // one open per Database
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, vfs.empty() ? nullptr : vfs.c_str());
  if (rc != SQLITE_OK) {
    Error error = db_ ? last_error("opening the database") : error_from_code(rc, "opening the database");
    sqlite3_close_v2(db_);
    db_ = nullptr;
    return error;
  }
  return ok_status();
}

Status Database::exec(std::string_view sql) {
  assert(db_ != nullptr);
  if (consume_fault_step()) return error_from_code(SQLITE_IOERR, "writing to the database (injected fault)");
  const std::string text(sql);
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  sqlite3_free(message);
  if (rc != SQLITE_OK) return last_error("changing the database");
  return ok_status();
}

Result<Statement> Database::prepare(std::string_view sql) {
  assert(db_ != nullptr);
  auto found = statements_.find(sql);
  if (found == statements_.end()) found = statements_.emplace(std::string(sql), std::make_unique<CachedStatement>()).first;
  auto& slot = found->second;
  if (slot->stmt && !slot->in_use) {
    slot->in_use = true;
    return Statement(*this, slot->stmt, &slot->in_use);
  }
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    slot->stmt ? 0 : SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return last_error("preparing a query");
  }
  // One statement per prepare: anything after it would be silently ignored.
  assert(tail && std::string_view(tail, sql.data() + sql.size() - tail).find_first_not_of(" \t\n;") == std::string_view::npos);
  if (!stmt) return Error{ErrorCode::internal, "An empty query was prepared"};
  if (!slot->stmt) {
    slot->stmt = stmt;
    slot->in_use = true;
    return Statement(*this, stmt, &slot->in_use);
  }
  return Statement(*this, stmt, nullptr);
}

bool Database::consume_fault_step() {
  if (steps_until_fault_ <= 0) return false;
  return --steps_until_fault_ == 0;
}

Error Database::last_error(std::string_view doing) const {
  Error error = error_from_code(sqlite3_extended_errcode(db_), doing);
  if (error.code != ErrorCode::wrong_key) error.message += std::string(": ") + sqlite3_errmsg(db_);
  return error;
}

Error Database::error_from_code(int code, std::string_view doing) const {
  const int primary = code & 0xff;
  std::string message = "Database error while " + std::string(doing);
  switch (primary) {
    case SQLITE_NOTADB:
      return Error{ErrorCode::wrong_key, "The database could not be read: wrong passphrase or key, or not a Pathway database"};
    case SQLITE_CORRUPT:
      return Error{ErrorCode::corrupt, "The database is damaged (" + std::string(doing) + ")"};
    case SQLITE_CONSTRAINT:
      return Error{ErrorCode::conflict, "A change broke a database rule while " + std::string(doing)};
    case SQLITE_FULL:
      return Error{ErrorCode::storage, "The device is out of storage space while " + std::string(doing)};
    default:
      return Error{ErrorCode::storage, message + " (" + sqlite3_errstr(code) + ")"};
  }
}

ReadTransaction::ReadTransaction(Database& db) : db_(db) {
  // A failed BEGIN only costs the single snapshot; each statement then runs alone.
  began_ = sqlite3_get_autocommit(db.handle()) && sqlite3_exec(db.handle(), "BEGIN", nullptr, nullptr, nullptr) == SQLITE_OK;
}

ReadTransaction::~ReadTransaction() {
  if (began_) sqlite3_exec(db_.handle(), "COMMIT", nullptr, nullptr, nullptr);
}

std::string to_hex(const unsigned char* bytes, size_t size) {
  static const char digits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(size * 2);
  for (size_t i = 0; i < size; ++i) {
    hex += digits[bytes[i] >> 4];
    hex += digits[bytes[i] & 15];
  }
  return hex;
}

}  // namespace pathway::store::detail
