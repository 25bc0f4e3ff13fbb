// Every SQL statement about accounts, sessions, devices, sign-in attempts and
// the audit log (see account_store_sqlite.h). Reuses the shared record's thin
// SQLite layer (store/database.h: prepared statement cache, typed binding,
// errors as values) and its migration counter; one connection, held under a mutex, each method one
// transaction.
//
// Index of this file:
// [SECTION] Migrations
// [SECTION] Row reading
// [SECTION] The store
#include "server/account_store_sqlite.h"

#include <mutex>
#include <string_view>

#include "store/database.h"
#include "store/schema.h"

namespace pathway::server {

namespace {

using store::detail::Database;
using store::detail::read_schema_version;  // PRAGMA user_version, as the shared record counts its migrations
using store::detail::Statement;

// [SECTION] Migrations

// migrations[i] takes the database from version i to i + 1. Append only:
// a released migration is never edited.
constexpr std::string_view migrations[] = {
    // 1: accounts, devices, sessions, sign-in attempts, lockouts, the audit log.
    R"sql(
CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('pa', 'team_manager', 'service_manager', 'admin')),
  team_id       TEXT NOT NULL,
  staff_id      TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at    INTEGER NOT NULL,
  CHECK (role <> 'pa' OR staff_id <> '')  -- a PA's caseload is found by staff id
) STRICT;
CREATE UNIQUE INDEX users_by_staff ON users(staff_id) WHERE staff_id <> '';

CREATE TABLE devices (
  id            TEXT PRIMARY KEY,
  user_id       INTEGER NOT NULL REFERENCES users(id),
  name          TEXT NOT NULL,
  first_seen_at INTEGER NOT NULL,
  last_seen_at  INTEGER NOT NULL,
  revoked       INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1))
) STRICT;

CREATE TABLE sessions (
  id                  INTEGER PRIMARY KEY,
  token_hash          TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  user_id             INTEGER NOT NULL REFERENCES users(id),
  device_id           TEXT NOT NULL REFERENCES devices(id),
  created_at          INTEGER NOT NULL,
  idle_expires_at     INTEGER NOT NULL,
  absolute_expires_at INTEGER NOT NULL,
  revoked_at          INTEGER
) STRICT;
CREATE INDEX live_sessions_by_user ON sessions(user_id) WHERE revoked_at IS NULL;

CREATE TABLE sign_in_attempts (
  id             INTEGER PRIMARY KEY,
  username       TEXT NOT NULL,
  client_address TEXT NOT NULL,
  at             INTEGER NOT NULL,
  outcome        TEXT NOT NULL CHECK (outcome IN ('success', 'wrong_credentials', 'locked', 'throttled'))
) STRICT;
CREATE INDEX attempts_by_username ON sign_in_attempts(username, at);
CREATE INDEX attempts_by_address ON sign_in_attempts(client_address, at);

CREATE TABLE lockouts (
  username     TEXT PRIMARY KEY,
  locked_until INTEGER NOT NULL
) STRICT;

CREATE TABLE audit_log (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  at             INTEGER NOT NULL,
  user_id        INTEGER,
  username       TEXT NOT NULL,
  device_id      TEXT NOT NULL,
  client_address TEXT NOT NULL,
  action         TEXT NOT NULL,
  record_id      TEXT NOT NULL,
  detail         TEXT NOT NULL
) STRICT;
CREATE TRIGGER audit_log_refuses_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_refuses_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql",
};
static_assert(std::size(migrations) == account_schema_version);

// Runs `body` inside BEGIN IMMEDIATE ... COMMIT, rolling back on any error.
template <class F>
Status in_transaction(Database& db, F&& body) {
  if (Status begun = db.exec("BEGIN IMMEDIATE"); !begun) return begun;
  Status result = body();
  if (result) result = db.exec("COMMIT");
  if (!result && db.in_transaction()) (void)db.exec("ROLLBACK");
  return result;
}

Status migrate(Database& db) {
  auto version = read_schema_version(db);
  if (!version) return version.error();
  if (*version > account_schema_version) {
    return Error{ErrorCode::corrupt, "The account database was made by a newer Pathway server (schema " +
                                         std::to_string(*version) + "); update this server"};
  }
  for (int next = *version; next < account_schema_version; ++next) {
    Status migrated = in_transaction(db, [&] {
      if (Status ran = db.exec(migrations[next]); !ran) return ran;
      return db.exec("PRAGMA user_version = " + std::to_string(next + 1));
    });
    if (!migrated) return migrated;
  }
  return ok_status();
}

// [SECTION] Row reading

constexpr std::string_view user_columns =
    "id, username, display_name, role, team_id, staff_id, password_hash, disabled, created_at";

User read_user(const Statement& row) {
  return User{.id = row.integer(0),
              .username = row.text(1),
              .display_name = row.text(2),
              .role = role_from_code(row.text(3)).value_or(Role::pa),  // the CHECK allows only known roles
              .team_id = row.text(4),
              .staff_id = row.text(5),
              .password_hash = row.text(6),
              .disabled = row.integer(7) != 0,
              .created_at = Instant{row.integer(8)}};
}

std::string hex_of(const TokenHash& hash) { return store::detail::to_hex(hash.data(), hash.size()); }

// Steps a statement expected to give at most one row, through `read`.
template <class T, class Read>
Result<std::optional<T>> one_row(Result<Statement>& query, Read&& read) {
  if (!query) return query.error();
  auto row = query->step();
  if (!row) return row.error();
  if (!*row) return std::optional<T>{};
  return std::optional<T>{read(*query)};
}

Status run(Result<Statement> statement) {
  if (!statement) return statement.error();
  return statement->run();
}

// [SECTION] The store

class SqliteAccountStore final : public AccountStore {
 public:
  Status open(const std::string& path) {
    if (Status opened = db_.open(path, ""); !opened) return opened;
    std::string pragmas = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA trusted_schema = OFF;";
    // FULL: an acknowledged sign-in, sign-out or audit row survives a power cut.
    if (path != ":memory:") pragmas += "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;";
    if (Status set = db_.exec(pragmas); !set) return set;
    return migrate(db_);
  }

  Result<int64_t> create_user(const User& user, const AuditEntry& audit) override {
    const std::lock_guard lock(mutex_);
    int64_t id = 0;
    Status created = in_transaction(db_, [&]() -> Status {
      auto taken = db_.prepare("SELECT 1 FROM users WHERE username = ?1");
      if (!taken) return taken.error();
      auto found = taken->bind(1, user.username).step();
      if (!found) return found.error();
      if (*found) return Error{ErrorCode::conflict, "There is already an account called " + user.username, "username"};
      auto insert = db_.prepare(
          "INSERT INTO users(username, display_name, role, team_id, staff_id, password_hash, disabled, created_at) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
      if (!insert) return insert.error();
      insert->bind_all(user.username, user.display_name, role_code(user.role), user.team_id, user.staff_id,
                       user.password_hash, user.disabled, user.created_at.seconds);
      if (Status inserted = insert->run(); !inserted) return inserted;
      id = sqlite3_last_insert_rowid(db_.handle());
      AuditEntry row = audit;
      row.record_id = std::to_string(id);
      return append(row);
    });
    if (!created) return created.error();
    return id;
  }

  Result<std::optional<User>> user_by_username(std::string_view username) override {
    const std::lock_guard lock(mutex_);
    auto query = db_.prepare("SELECT " + std::string(user_columns) + " FROM users WHERE username = ?1");
    if (query) query->bind(1, username);
    return one_row<User>(query, read_user);
  }

  Result<std::optional<User>> user_by_id(int64_t id) override {
    const std::lock_guard lock(mutex_);
    auto query = db_.prepare("SELECT " + std::string(user_columns) + " FROM users WHERE id = ?1");
    if (query) query->bind(1, id);
    return one_row<User>(query, read_user);
  }

  Result<int64_t> count_users_with_role(Role role) override {
    const std::lock_guard lock(mutex_);
    auto query = db_.prepare("SELECT count(*) FROM users WHERE role = ?1");
    if (query) query->bind(1, role_code(role));
    auto count = one_row<int64_t>(query, [](const Statement& row) { return row.integer(0); });
    if (!count) return count.error();
    return count->value_or(0);
  }

  Status set_password_hash(int64_t user_id, const std::string& password_hash) override {
    const std::lock_guard lock(mutex_);
    return in_transaction(db_, [&] {
      auto update = db_.prepare("UPDATE users SET password_hash = ?2 WHERE id = ?1");
      if (update) update->bind_all(user_id, password_hash);
      return run(std::move(update));
    });
  }

  Result<StartedAttempt> start_sign_in_attempt(const SignInAttempt& attempt, Instant since) override {
    const std::lock_guard lock(mutex_);
    StartedAttempt started;
    Status done = in_transaction(db_, [&]() -> Status {
      // Failures after the username's last success only: signing in clears them.
      auto query = db_.prepare(
          "SELECT "
          " (SELECT count(*) FROM sign_in_attempts WHERE username = ?1 AND outcome = 'wrong_credentials' AND at >= ?3"
          "   AND id > coalesce((SELECT max(id) FROM sign_in_attempts WHERE username = ?1 AND outcome = 'success'), 0)),"
          " (SELECT count(*) FROM sign_in_attempts WHERE client_address = ?2 AND outcome = 'wrong_credentials'"
          "   AND at >= ?3),"
          " (SELECT locked_until FROM lockouts WHERE username = ?1 AND locked_until > ?4)");
      if (query) query->bind_all(attempt.username, attempt.client_address, since.seconds, attempt.at.seconds);
      auto counts = one_row<AttemptCounts>(query, [](const Statement& row) {
        AttemptCounts counts{.username_failures = static_cast<int>(row.integer(0)),
                             .address_failures = static_cast<int>(row.integer(1))};
        if (const auto until = row.optional_integer(2)) counts.locked_until = Instant{*until};
        return counts;
      });
      if (!counts) return counts.error();
      started.before = counts->value_or(AttemptCounts{});
      SignInAttempt provisional = attempt;
      provisional.outcome = AttemptOutcome::wrong_credentials;
      if (Status recorded = insert_attempt(provisional); !recorded) return recorded;
      started.id = sqlite3_last_insert_rowid(db_.handle());
      return ok_status();
    });
    if (!done) return done.error();
    return started;
  }

  Status record_refused_sign_in(int64_t attempt_id, const SignInAttempt& attempt, std::optional<Instant> lock_until,
                                const std::vector<AuditEntry>& audit) override {
    const std::lock_guard lock(mutex_);
    return in_transaction(db_, [&]() -> Status {
      if (Status marked = set_outcome(attempt_id, attempt.outcome); !marked) return marked;
      if (lock_until) {
        auto locked = db_.prepare(
            "INSERT INTO lockouts(username, locked_until) VALUES (?1, ?2) "
            "ON CONFLICT(username) DO UPDATE SET locked_until = excluded.locked_until");
        if (locked) locked->bind_all(attempt.username, lock_until->seconds);
        if (Status done = run(std::move(locked)); !done) return done;
      }
      for (const auto& entry : audit) {
        if (Status appended = append(entry); !appended) return appended;
      }
      return ok_status();
    });
  }

  Status record_sign_in(int64_t attempt_id, const Device& device, const Session& session,
                        const AuditEntry& audit) override {
    const std::lock_guard lock(mutex_);
    return in_transaction(db_, [&]() -> Status {
      if (Status marked = set_outcome(attempt_id, AttemptOutcome::success); !marked) return marked;
      auto registered = db_.prepare(
          "INSERT INTO devices(id, user_id, name, first_seen_at, last_seen_at) VALUES (?1, ?2, ?3, ?4, ?4) "
          "ON CONFLICT(id) DO UPDATE SET user_id = excluded.user_id, name = excluded.name, "
          "last_seen_at = excluded.last_seen_at");
      if (registered) registered->bind_all(device.id, device.user_id, device.name, device.last_seen.seconds);
      if (Status done = run(std::move(registered)); !done) return done;
      auto inserted = db_.prepare(
          "INSERT INTO sessions(token_hash, user_id, device_id, created_at, idle_expires_at, absolute_expires_at) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
      if (inserted) {
        inserted->bind_all(hex_of(session.token_hash), session.user_id, session.device_id,
                           session.created_at.seconds, session.idle_expires_at.seconds,
                           session.absolute_expires_at.seconds);
      }
      if (Status done = run(std::move(inserted)); !done) return done;
      return append(audit);
    });
  }

  Result<std::optional<Device>> device(std::string_view id) override {
    const std::lock_guard lock(mutex_);
    auto query =
        db_.prepare("SELECT id, user_id, name, first_seen_at, last_seen_at, revoked FROM devices WHERE id = ?1");
    if (query) query->bind(1, id);
    return one_row<Device>(query, [](const Statement& row) {
      return Device{.id = row.text(0),
                    .user_id = row.integer(1),
                    .name = row.text(2),
                    .first_seen = Instant{row.integer(3)},
                    .last_seen = Instant{row.integer(4)},
                    .revoked = row.integer(5) != 0};
    });
  }

  Result<std::optional<Session>> session_by_token_hash(const TokenHash& hash) override {
    const std::lock_guard lock(mutex_);
    auto query = db_.prepare(
        "SELECT s.id, s.user_id, s.device_id, s.created_at, s.idle_expires_at, s.absolute_expires_at, s.revoked_at, "
        "d.revoked FROM sessions s JOIN devices d ON d.id = s.device_id WHERE s.token_hash = ?1");
    if (query) query->bind(1, hex_of(hash));
    return one_row<Session>(query, [&](const Statement& row) {
      Session session{.id = row.integer(0),
                      .token_hash = hash,
                      .user_id = row.integer(1),
                      .device_id = row.text(2),
                      .created_at = Instant{row.integer(3)},
                      .idle_expires_at = Instant{row.integer(4)},
                      .absolute_expires_at = Instant{row.integer(5)}};
      if (const auto revoked = row.optional_integer(6)) session.revoked_at = Instant{*revoked};
      session.device_revoked = row.integer(7) != 0;
      return session;
    });
  }

  Status touch_session(int64_t session_id, Instant idle_expires_at, Instant now) override {
    const std::lock_guard lock(mutex_);
    return in_transaction(db_, [&]() -> Status {
      auto session = db_.prepare("UPDATE sessions SET idle_expires_at = max(idle_expires_at, ?2) WHERE id = ?1");
      if (session) session->bind_all(session_id, idle_expires_at.seconds);
      if (Status done = run(std::move(session)); !done) return done;
      auto device = db_.prepare(
          "UPDATE devices SET last_seen_at = ?2 WHERE id = (SELECT device_id FROM sessions WHERE id = ?1)");
      if (device) device->bind_all(session_id, now.seconds);
      return run(std::move(device));
    });
  }

  Status revoke_session(int64_t session_id, Instant at, const AuditEntry& audit) override {
    const std::lock_guard lock(mutex_);
    return in_transaction(db_, [&]() -> Status {
      auto revoke = db_.prepare("UPDATE sessions SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL");
      if (revoke) revoke->bind_all(session_id, at.seconds);
      if (Status done = run(std::move(revoke)); !done) return done;
      return append(audit);
    });
  }

  Result<int64_t> revoke_sessions_of_user(int64_t user_id, Instant at, const AuditEntry& audit) override {
    const std::lock_guard lock(mutex_);
    int64_t ended = 0;
    Status done = in_transaction(db_, [&]() -> Status {
      auto revoke = db_.prepare("UPDATE sessions SET revoked_at = ?2 WHERE user_id = ?1 AND revoked_at IS NULL");
      if (revoke) revoke->bind_all(user_id, at.seconds);
      if (Status ran = run(std::move(revoke)); !ran) return ran;
      ended = sqlite3_changes64(db_.handle());
      AuditEntry row = audit;
      row.detail = std::to_string(ended) + " sessions ended";
      return append(row);
    });
    if (!done) return done.error();
    return ended;
  }

  Status revoke_device(std::string_view device_id, Instant at, const AuditEntry& audit) override {
    const std::lock_guard lock(mutex_);
    return in_transaction(db_, [&]() -> Status {
      auto revoke = db_.prepare("UPDATE devices SET revoked = 1 WHERE id = ?1");
      if (revoke) revoke->bind(1, device_id);
      if (Status done = run(std::move(revoke)); !done) return done;
      if (sqlite3_changes64(db_.handle()) == 0) return Error{ErrorCode::not_found, "There is no such device", "device_id"};
      auto end_sessions =
          db_.prepare("UPDATE sessions SET revoked_at = ?2 WHERE device_id = ?1 AND revoked_at IS NULL");
      if (end_sessions) end_sessions->bind_all(device_id, at.seconds);
      if (Status done = run(std::move(end_sessions)); !done) return done;
      AuditEntry row = audit;
      row.record_id = std::string(device_id);
      return append(row);
    });
  }

  Status append_audit(const std::vector<AuditEntry>& entries) override {
    const std::lock_guard lock(mutex_);
    return in_transaction(db_, [&]() -> Status {
      for (const auto& entry : entries) {
        if (Status appended = append(entry); !appended) return appended;
      }
      return ok_status();
    });
  }

  Result<std::vector<AuditEntry>> audit_after(int64_t after_id, int limit) override {
    const std::lock_guard lock(mutex_);
    auto query = db_.prepare(
        "SELECT id, at, user_id, username, device_id, client_address, action, record_id, detail "
        "FROM audit_log WHERE id > ?1 ORDER BY id LIMIT ?2");
    if (!query) return query.error();
    query->bind_all(after_id, limit);
    std::vector<AuditEntry> entries;
    for (;;) {
      auto row = query->step();
      if (!row) return row.error();
      if (!*row) return entries;
      entries.push_back({.id = query->integer(0),
                         .at = Instant{query->integer(1)},
                         .user_id = query->optional_integer(2),
                         .username = query->text(3),
                         .device_id = query->text(4),
                         .client_address = query->text(5),
                         .action = query->text(6),
                         .record_id = query->text(7),
                         .detail = query->text(8)});
    }
  }

  Status check() override {
    const std::lock_guard lock(mutex_);
    return read_schema_version(db_).ok() ? ok_status() : Error{ErrorCode::storage, "The account database does not answer"};
  }

 private:
  // Inside a transaction, under the mutex.
  Status append(const AuditEntry& entry) {
    auto insert = db_.prepare(
        "INSERT INTO audit_log(at, user_id, username, device_id, client_address, action, record_id, detail) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (insert) {
      insert->bind_all(entry.at.seconds, entry.user_id, entry.username, entry.device_id, entry.client_address,
                       entry.action, entry.record_id, entry.detail);
    }
    return run(std::move(insert));
  }

  Status set_outcome(int64_t attempt_id, AttemptOutcome outcome) {
    auto update = db_.prepare("UPDATE sign_in_attempts SET outcome = ?2 WHERE id = ?1");
    if (update) update->bind_all(attempt_id, outcome_code(outcome));
    return run(std::move(update));
  }

  Status insert_attempt(const SignInAttempt& attempt) {
    auto insert = db_.prepare(
        "INSERT INTO sign_in_attempts(username, client_address, at, outcome) VALUES (?1, ?2, ?3, ?4)");
    if (insert) insert->bind_all(attempt.username, attempt.client_address, attempt.at.seconds, outcome_code(attempt.outcome));
    return run(std::move(insert));
  }

  std::mutex mutex_;
  Database db_;
};

}  // namespace

Result<std::unique_ptr<AccountStore>> open_sqlite_account_store(const std::string& path) {
  auto store = std::make_unique<SqliteAccountStore>();
  if (Status opened = store->open(path); !opened) return opened.error();
  return std::unique_ptr<AccountStore>(std::move(store));
}

}  // namespace pathway::server
