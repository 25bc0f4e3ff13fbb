// Every SQL statement of the PostgreSQL engine (see account_store_postgres.h),
// through libpq with $1... parameters only: no value is ever spliced into SQL
// text, and each statement prepared once per connection. A small pool of
// connections, handed out under a mutex, serves the request threads; each
// method is one transaction on one connection.
//
// Across server processes: the sign-in attempt counts are read and the new
// attempt recorded under transaction-scoped advisory locks on the username
// and the client address, so two instances serialise exactly as SQLite's
// BEGIN IMMEDIATE does on one file; every other write is a single-row upsert
// or UPDATE, which row locks make safe.
//
// Index of this file:
// [SECTION] Migrations
// [SECTION] libpq, as values
// [SECTION] The store
#include "server/account_store_postgres.h"

#include <libpq-fe.h>

#include <condition_variable>
#include <cstdlib>
#include <map>
#include <mutex>
#include <string_view>
#include <utility>
#include <vector>

#include "store/database.h"  // to_hex, as the SQLite engine stores token hashes

namespace pathway::server {

namespace {

// [SECTION] Migrations

// The same steps as the SQLite engine's migrations, in PostgreSQL's types.
// Append only: a released migration is never edited.
constexpr std::string_view migrations[] = {
    // 1: accounts, devices, sessions, sign-in attempts, lockouts, the audit log.
    R"sql(
CREATE TABLE users (
  id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('pa', 'team_manager', 'service_manager', 'admin')),
  team_id       TEXT NOT NULL,
  staff_id      TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  disabled      BOOLEAN NOT NULL DEFAULT false,
  created_at    BIGINT NOT NULL,
  CHECK (role <> 'pa' OR staff_id <> '')  -- a PA's caseload is found by staff id
);
CREATE UNIQUE INDEX users_by_staff ON users(staff_id) WHERE staff_id <> '';

CREATE TABLE devices (
  id            TEXT PRIMARY KEY,
  user_id       BIGINT NOT NULL REFERENCES users(id),
  name          TEXT NOT NULL,
  first_seen_at BIGINT NOT NULL,
  last_seen_at  BIGINT NOT NULL,
  revoked       BOOLEAN NOT NULL DEFAULT false
);

CREATE TABLE sessions (
  id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token_hash          TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  user_id             BIGINT NOT NULL REFERENCES users(id),
  device_id           TEXT NOT NULL REFERENCES devices(id),
  created_at          BIGINT NOT NULL,
  idle_expires_at     BIGINT NOT NULL,
  absolute_expires_at BIGINT NOT NULL,
  revoked_at          BIGINT
);
CREATE INDEX live_sessions_by_user ON sessions(user_id) WHERE revoked_at IS NULL;

CREATE TABLE sign_in_attempts (
  id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username       TEXT NOT NULL,
  client_address TEXT NOT NULL,
  at             BIGINT NOT NULL,
  outcome        TEXT NOT NULL CHECK (outcome IN ('success', 'wrong_credentials', 'locked', 'throttled'))
);
CREATE INDEX attempts_by_username ON sign_in_attempts(username, at);
CREATE INDEX attempts_by_address ON sign_in_attempts(client_address, at);

CREATE TABLE lockouts (
  username     TEXT PRIMARY KEY,
  locked_until BIGINT NOT NULL
);

CREATE TABLE audit_log (
  id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at             BIGINT NOT NULL,
  user_id        BIGINT,
  username       TEXT NOT NULL,
  device_id      TEXT NOT NULL,
  client_address TEXT NOT NULL,
  action         TEXT NOT NULL,
  record_id      TEXT NOT NULL,
  detail         TEXT NOT NULL
);
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;
-- Per statement, so it fires even when no row matches, and for TRUNCATE too.
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
)sql",
};
static_assert(std::size(migrations) == account_schema_version);

// Any number, the same in every instance: only one of them migrates at a time.
constexpr std::string_view migration_lock = "SELECT pg_advisory_xact_lock(7061746877617901)";

// [SECTION] libpq, as values

// One query parameter in PostgreSQL's text form; none is SQL NULL.
struct Param {
  std::optional<std::string> text;
  Param(std::string_view value) : text(std::string(value)) {}
  Param(const std::string& value) : text(value) {}
  Param(const char* value) : text(std::string(value)) {}
  Param(int64_t value) : text(std::to_string(value)) {}
  Param(int value) : text(std::to_string(value)) {}
  Param(bool value) : text(value ? "true" : "false") {}
  Param(std::optional<int64_t> value) {
    if (value) text = std::to_string(*value);
  }
};

struct ResultFree {
  void operator()(PGresult* result) const { PQclear(result); }
};
struct ConnectionFree {
  void operator()(PGconn* connection) const { PQfinish(connection); }
};
using Connection = std::unique_ptr<PGconn, ConnectionFree>;

// A connection and the statements prepared on it. Each SQL text is parsed and
// planned once per connection (PQprepare) and then only executed
// (PQexecPrepared): a signed-in request's session lookup is then one short
// round trip. Prepared statements outlive transactions, so a rollback keeps them.
struct Link {
  Connection connection;
  std::map<std::string, std::string, std::less<>> prepared;  // SQL text -> statement name
  PGconn* get() const { return connection.get(); }
};

// The rows of a query that succeeded.
class Rows {
 public:
  explicit Rows(PGresult* result) : result_(result) {}
  int size() const { return PQntuples(result_.get()); }
  bool null(int row, int column) const { return PQgetisnull(result_.get(), row, column) != 0; }
  std::string text(int row, int column) const { return PQgetvalue(result_.get(), row, column); }
  int64_t integer(int row, int column) const { return std::stoll(PQgetvalue(result_.get(), row, column)); }
  std::optional<int64_t> optional_integer(int row, int column) const {
    if (null(row, column)) return std::nullopt;
    return integer(row, column);
  }
  bool boolean(int row, int column) const { return PQgetvalue(result_.get(), row, column)[0] == 't'; }
  int64_t affected() const { return std::strtoll(PQcmdTuples(result_.get()), nullptr, 10); }  // "" reads as 0

 private:
  std::unique_ptr<PGresult, ResultFree> result_;
};

Error storage_error(std::string_view what, const char* detail) {
  std::string message = "The account database (PostgreSQL) failed: " + std::string(what);
  if (detail != nullptr && *detail != '\0') {
    message += ": ";
    message += detail;
    while (!message.empty() && message.back() == '\n') message.pop_back();
  }
  return Error{ErrorCode::storage, std::move(message)};
}

Result<Rows> checked(PGresult* result) {
  Rows rows(result);
  const auto status = PQresultStatus(result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    return storage_error("a query was refused", PQresultErrorMessage(result));
  }
  return rows;
}

Result<Rows> query(Link& link, std::string_view sql, std::initializer_list<Param> params = {}) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& param : params) values.push_back(param.text ? param.text->c_str() : nullptr);
  auto statement = link.prepared.find(sql);
  if (statement == link.prepared.end()) {
    std::string name = "pathway_" + std::to_string(link.prepared.size());
    auto prepared = checked(PQprepare(link.get(), name.c_str(), std::string(sql).c_str(), static_cast<int>(values.size()),
                                      nullptr));
    if (!prepared) return prepared.error();
    statement = link.prepared.emplace(std::string(sql), std::move(name)).first;
  }
  return checked(PQexecPrepared(link.get(), statement->second.c_str(), static_cast<int>(values.size()), values.data(),
                                nullptr, nullptr, 0));
}

// Several statements without parameters: a migration.
Status run_script(PGconn* connection, std::string_view sql) {
  auto done = checked(PQexec(connection, std::string(sql).c_str()));
  if (!done) return done.error();
  return ok_status();
}

Status run(Link& connection, std::string_view sql, std::initializer_list<Param> params = {}) {
  auto done = query(connection, sql, params);
  if (!done) return done.error();
  return ok_status();
}

// Runs `body` between BEGIN and COMMIT, rolling back on any error.
template <class F>
Status in_transaction(Link& connection, F&& body) {
  if (Status begun = run(connection, "BEGIN"); !begun) return begun;
  Status result = body();
  if (result) result = run(connection, "COMMIT");
  if (!result) (void)run(connection, "ROLLBACK");
  return result;
}

Status migrate(Link& connection) {
  for (;;) {
    int version = 0;
    bool migrated_one = false;
    Status step = in_transaction(connection, [&]() -> Status {
      if (Status locked = run(connection, migration_lock); !locked) return locked;
      if (Status made = run(connection, "CREATE TABLE IF NOT EXISTS account_schema (version INTEGER NOT NULL)");
          !made) {
        return made;
      }
      auto found = query(connection, "SELECT max(version) FROM account_schema");
      if (!found) return found.error();
      version = static_cast<int>(found->optional_integer(0, 0).value_or(0));
      if (version > account_schema_version) {
        return Error{ErrorCode::corrupt, "The account database was made by a newer Pathway server (schema " +
                                             std::to_string(version) + "); update this server"};
      }
      if (version == account_schema_version) return ok_status();
      if (Status ran = run_script(connection.get(), migrations[version]); !ran) return ran;
      migrated_one = true;
      if (Status cleared = run(connection, "DELETE FROM account_schema"); !cleared) return cleared;
      return run(connection, "INSERT INTO account_schema(version) VALUES ($1)", {version + 1});
    });
    if (!step) return step;
    if (!migrated_one) return ok_status();
  }
}

Result<Connection> connect(const std::string& conninfo) {
  Connection connection(PQconnectdb(conninfo.c_str()));
  if (!connection) return Error{ErrorCode::storage, "Out of memory connecting to PostgreSQL"};
  if (PQstatus(connection.get()) != CONNECTION_OK) {
    return storage_error("cannot connect", PQerrorMessage(connection.get()));
  }
  // Short statements only: a stuck lock fails the request rather than hanging
  // it. Notices ("already exists, skipping") are not for the server's log.
  if (Status set = run_script(connection.get(), "SET lock_timeout = '5s'; SET client_min_messages = warning");
      !set) {
    return set.error();
  }
  return connection;
}

// A few connections shared by the request threads; a thread waits for one
// when all are in use. A broken connection (the database restarted) is
// replaced the next time it is handed out.
class Pool {
 public:
  static constexpr size_t max_connections = 8;

  Pool(std::string conninfo, Link first) : conninfo_(std::move(conninfo)) {
    idle_.push_back(std::move(first));
    opened_ = 1;
  }

  // Calls body(Link&) with a connection of its own and returns what it returns.
  template <class F>
  auto with_connection(F&& body) -> decltype(body(std::declval<Link&>())) {
    Link link;
    {
      std::unique_lock lock(mutex_);
      available_.wait(lock, [&] { return !idle_.empty() || opened_ < max_connections; });
      if (!idle_.empty()) {
        link = std::move(idle_.back());
        idle_.pop_back();
      } else {
        ++opened_;
      }
    }
    if (!link.connection || PQstatus(link.get()) != CONNECTION_OK) {
      auto fresh = connect(conninfo_);
      if (!fresh) {
        give_back(Link{});
        return fresh.error();
      }
      link = Link{.connection = std::move(*fresh)};  // a new connection has nothing prepared
    }
    auto result = body(link);
    give_back(std::move(link));
    return result;
  }

 private:
  void give_back(Link link) {
    {
      const std::lock_guard lock(mutex_);
      if (link.connection) {
        idle_.push_back(std::move(link));
      } else {
        --opened_;
      }
    }
    available_.notify_one();
  }

  std::string conninfo_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<Link> idle_;
  size_t opened_ = 0;
};

// [SECTION] The store

constexpr std::string_view select_user =
    "SELECT id, username, display_name, role, team_id, staff_id, password_hash, disabled, created_at FROM users ";

User read_user(const Rows& rows) {
  return User{.id = rows.integer(0, 0),
              .username = rows.text(0, 1),
              .display_name = rows.text(0, 2),
              .role = role_from_code(rows.text(0, 3)).value_or(Role::pa),  // the CHECK allows only known roles
              .team_id = rows.text(0, 4),
              .staff_id = rows.text(0, 5),
              .password_hash = rows.text(0, 6),
              .disabled = rows.boolean(0, 7),
              .created_at = Instant{rows.integer(0, 8)}};
}

std::string hex_of(const TokenHash& hash) { return store::detail::to_hex(hash.data(), hash.size()); }

Result<std::optional<User>> one_user(Result<Rows> rows) {
  if (!rows) return rows.error();
  if (rows->size() == 0) return std::optional<User>{};
  return std::optional<User>{read_user(*rows)};
}

Status append(Link& db, const AuditEntry& entry) {
  return run(db,
             "INSERT INTO audit_log(at, user_id, username, device_id, client_address, action, record_id, detail) "
             "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
             {entry.at.seconds, entry.user_id, entry.username, entry.device_id, entry.client_address, entry.action,
              entry.record_id, entry.detail});
}

Status append_all(Link& db, const std::vector<AuditEntry>& entries) {
  for (const auto& entry : entries) {
    if (Status appended = append(db, entry); !appended) return appended;
  }
  return ok_status();
}

Status set_outcome(Link& db, int64_t attempt_id, AttemptOutcome outcome) {
  return run(db, "UPDATE sign_in_attempts SET outcome = $2 WHERE id = $1", {attempt_id, outcome_code(outcome)});
}

class PostgresAccountStore final : public AccountStore {
 public:
  PostgresAccountStore(std::string conninfo, Link first) : pool_(std::move(conninfo), std::move(first)) {}

  Result<int64_t> create_user(const User& user, const AuditEntry& audit) override {
    return pool_.with_connection([&](Link& db) -> Result<int64_t> {
      int64_t id = 0;
      Status created = in_transaction(db, [&]() -> Status {
        auto inserted = query(
            db,
            "INSERT INTO users(username, display_name, role, team_id, staff_id, password_hash, disabled, created_at) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (username) DO NOTHING RETURNING id",
            {user.username, user.display_name, role_code(user.role), user.team_id, user.staff_id, user.password_hash,
             user.disabled, user.created_at.seconds});
        if (!inserted) return inserted.error();
        if (inserted->size() == 0) {
          return Error{ErrorCode::conflict, "There is already an account called " + user.username, "username"};
        }
        id = inserted->integer(0, 0);
        AuditEntry row = audit;
        row.record_id = std::to_string(id);
        return append(db, row);
      });
      if (!created) return created.error();
      return id;
    });
  }

  Result<std::optional<User>> user_by_username(std::string_view username) override {
    return pool_.with_connection([&](Link& db) {
      return one_user(query(db, std::string(select_user) + "WHERE username = $1", {username}));
    });
  }

  Result<std::optional<User>> user_by_id(int64_t id) override {
    return pool_.with_connection(
        [&](Link& db) { return one_user(query(db, std::string(select_user) + "WHERE id = $1", {id})); });
  }

  Result<int64_t> count_users_with_role(Role role) override {
    return pool_.with_connection([&](Link& db) -> Result<int64_t> {
      auto rows = query(db, "SELECT count(*) FROM users WHERE role = $1", {role_code(role)});
      if (!rows) return rows.error();
      return rows->integer(0, 0);
    });
  }

  Status set_password_hash(int64_t user_id, const std::string& password_hash) override {
    return pool_.with_connection([&](Link& db) {
      return run(db, "UPDATE users SET password_hash = $2 WHERE id = $1", {user_id, password_hash});
    });
  }

  Result<StartedAttempt> start_sign_in_attempt(const SignInAttempt& attempt, Instant since) override {
    return pool_.with_connection([&](Link& db) -> Result<StartedAttempt> {
      StartedAttempt started;
      Status done = in_transaction(db, [&]() -> Status {
        // Username first, then address, in every instance: no two wait on each other.
        const char* lock = "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))";
        if (Status locked = run(db, lock, {"sign-in username " + attempt.username}); !locked) return locked;
        if (Status locked = run(db, lock, {"sign-in address " + attempt.client_address}); !locked) return locked;
        // Failures after the username's last success only: signing in clears them.
        auto counts = query(
            db,
            "SELECT"
            " (SELECT count(*) FROM sign_in_attempts WHERE username = $1 AND outcome = 'wrong_credentials' AND at >= $3"
            "   AND id > coalesce((SELECT max(id) FROM sign_in_attempts WHERE username = $1 AND outcome = 'success'), 0)),"
            " (SELECT count(*) FROM sign_in_attempts WHERE client_address = $2 AND outcome = 'wrong_credentials'"
            "   AND at >= $3),"
            " (SELECT locked_until FROM lockouts WHERE username = $1 AND locked_until > $4)",
            {attempt.username, attempt.client_address, since.seconds, attempt.at.seconds});
        if (!counts) return counts.error();
        started.before = {.username_failures = static_cast<int>(counts->integer(0, 0)),
                          .address_failures = static_cast<int>(counts->integer(0, 1))};
        if (const auto until = counts->optional_integer(0, 2)) started.before.locked_until = Instant{*until};
        auto inserted = query(db,
                              "INSERT INTO sign_in_attempts(username, client_address, at, outcome) "
                              "VALUES ($1, $2, $3, 'wrong_credentials') RETURNING id",
                              {attempt.username, attempt.client_address, attempt.at.seconds});
        if (!inserted) return inserted.error();
        started.id = inserted->integer(0, 0);
        return ok_status();
      });
      if (!done) return done.error();
      return started;
    });
  }

  Status record_refused_sign_in(int64_t attempt_id, const SignInAttempt& attempt, std::optional<Instant> lock_until,
                                const std::vector<AuditEntry>& audit) override {
    return pool_.with_connection([&](Link& db) {
      return in_transaction(db, [&]() -> Status {
        if (Status marked = set_outcome(db, attempt_id, attempt.outcome); !marked) return marked;
        if (lock_until) {
          Status locked = run(db,
                              "INSERT INTO lockouts(username, locked_until) VALUES ($1, $2) "
                              "ON CONFLICT (username) DO UPDATE SET locked_until = excluded.locked_until",
                              {attempt.username, lock_until->seconds});
          if (!locked) return locked;
        }
        return append_all(db, audit);
      });
    });
  }

  Status record_sign_in(int64_t attempt_id, const Device& device, const Session& session,
                        const AuditEntry& audit) override {
    return pool_.with_connection([&](Link& db) {
      return in_transaction(db, [&]() -> Status {
        if (Status marked = set_outcome(db, attempt_id, AttemptOutcome::success); !marked) return marked;
        Status registered = run(db,
                                "INSERT INTO devices(id, user_id, name, first_seen_at, last_seen_at) "
                                "VALUES ($1, $2, $3, $4, $4) "
                                "ON CONFLICT (id) DO UPDATE SET user_id = excluded.user_id, name = excluded.name, "
                                "last_seen_at = excluded.last_seen_at",
                                {device.id, device.user_id, device.name, device.last_seen.seconds});
        if (!registered) return registered;
        Status inserted = run(db,
                              "INSERT INTO sessions(token_hash, user_id, device_id, created_at, idle_expires_at, "
                              "absolute_expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
                              {hex_of(session.token_hash), session.user_id, session.device_id,
                               session.created_at.seconds, session.idle_expires_at.seconds,
                               session.absolute_expires_at.seconds});
        if (!inserted) return inserted;
        return append(db, audit);
      });
    });
  }

  Result<std::optional<Device>> device(std::string_view id) override {
    return pool_.with_connection([&](Link& db) -> Result<std::optional<Device>> {
      auto rows = query(db, "SELECT id, user_id, name, first_seen_at, last_seen_at, revoked FROM devices WHERE id = $1",
                        {id});
      if (!rows) return rows.error();
      if (rows->size() == 0) return std::optional<Device>{};
      return std::optional<Device>{Device{.id = rows->text(0, 0),
                                          .user_id = rows->integer(0, 1),
                                          .name = rows->text(0, 2),
                                          .first_seen = Instant{rows->integer(0, 3)},
                                          .last_seen = Instant{rows->integer(0, 4)},
                                          .revoked = rows->boolean(0, 5)}};
    });
  }

  Result<std::optional<Session>> session_by_token_hash(const TokenHash& hash) override {
    return pool_.with_connection([&](Link& db) -> Result<std::optional<Session>> {
      auto rows = query(db,
                        "SELECT s.id, s.user_id, s.device_id, s.created_at, s.idle_expires_at, "
                        "s.absolute_expires_at, s.revoked_at, d.revoked "
                        "FROM sessions s JOIN devices d ON d.id = s.device_id WHERE s.token_hash = $1",
                        {hex_of(hash)});
      if (!rows) return rows.error();
      if (rows->size() == 0) return std::optional<Session>{};
      Session session{.id = rows->integer(0, 0),
                      .token_hash = hash,
                      .user_id = rows->integer(0, 1),
                      .device_id = rows->text(0, 2),
                      .created_at = Instant{rows->integer(0, 3)},
                      .idle_expires_at = Instant{rows->integer(0, 4)},
                      .absolute_expires_at = Instant{rows->integer(0, 5)},
                      .device_revoked = rows->boolean(0, 7)};
      if (const auto revoked = rows->optional_integer(0, 6)) session.revoked_at = Instant{*revoked};
      return std::optional<Session>{session};
    });
  }

  Status touch_session(int64_t session_id, Instant idle_expires_at, Instant now) override {
    return pool_.with_connection([&](Link& db) {
      return in_transaction(db, [&]() -> Status {
        Status session = run(db, "UPDATE sessions SET idle_expires_at = greatest(idle_expires_at, $2) WHERE id = $1",
                             {session_id, idle_expires_at.seconds});
        if (!session) return session;
        return run(db,
                   "UPDATE devices SET last_seen_at = greatest(last_seen_at, $2) "
                   "WHERE id = (SELECT device_id FROM sessions WHERE id = $1)",
                   {session_id, now.seconds});
      });
    });
  }

  Status revoke_session(int64_t session_id, Instant at, const AuditEntry& audit) override {
    return pool_.with_connection([&](Link& db) {
      return in_transaction(db, [&]() -> Status {
        Status revoked = run(db, "UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL",
                             {session_id, at.seconds});
        if (!revoked) return revoked;
        return append(db, audit);
      });
    });
  }

  Result<int64_t> revoke_sessions_of_user(int64_t user_id, Instant at, const AuditEntry& audit) override {
    return pool_.with_connection([&](Link& db) -> Result<int64_t> {
      int64_t ended = 0;
      Status done = in_transaction(db, [&]() -> Status {
        auto revoked = query(db, "UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL",
                             {user_id, at.seconds});
        if (!revoked) return revoked.error();
        ended = revoked->affected();
        AuditEntry row = audit;
        row.detail = std::to_string(ended) + " sessions ended";
        return append(db, row);
      });
      if (!done) return done.error();
      return ended;
    });
  }

  Status revoke_device(std::string_view device_id, Instant at, const AuditEntry& audit) override {
    return pool_.with_connection([&](Link& db) {
      return in_transaction(db, [&]() -> Status {
        auto revoked = query(db, "UPDATE devices SET revoked = true WHERE id = $1", {device_id});
        if (!revoked) return revoked.error();
        if (revoked->affected() == 0) return Error{ErrorCode::not_found, "There is no such device", "device_id"};
        Status ended = run(db, "UPDATE sessions SET revoked_at = $2 WHERE device_id = $1 AND revoked_at IS NULL",
                           {device_id, at.seconds});
        if (!ended) return ended;
        AuditEntry row = audit;
        row.record_id = std::string(device_id);
        return append(db, row);
      });
    });
  }

  Status append_audit(const std::vector<AuditEntry>& entries) override {
    return pool_.with_connection([&](Link& db) { return in_transaction(db, [&] { return append_all(db, entries); }); });
  }

  Result<std::vector<AuditEntry>> audit_after(int64_t after_id, int limit) override {
    return pool_.with_connection([&](Link& db) -> Result<std::vector<AuditEntry>> {
      auto rows = query(db,
                        "SELECT id, at, user_id, username, device_id, client_address, action, record_id, detail "
                        "FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2",
                        {after_id, limit});
      if (!rows) return rows.error();
      std::vector<AuditEntry> entries;
      for (int r = 0; r < rows->size(); ++r) {
        entries.push_back({.id = rows->integer(r, 0),
                           .at = Instant{rows->integer(r, 1)},
                           .user_id = rows->optional_integer(r, 2),
                           .username = rows->text(r, 3),
                           .device_id = rows->text(r, 4),
                           .client_address = rows->text(r, 5),
                           .action = rows->text(r, 6),
                           .record_id = rows->text(r, 7),
                           .detail = rows->text(r, 8)});
      }
      return entries;
    });
  }

  Status check() override {
    return pool_.with_connection([&](Link& db) -> Status {
      if (run(db, "SELECT 1")) return ok_status();
      return Error{ErrorCode::storage, "The account database does not answer"};
    });
  }

 private:
  Pool pool_;
};

}  // namespace

bool is_postgres_connection(std::string_view database) {
  return database.starts_with("postgresql://") || database.starts_with("postgres://");
}

Result<std::unique_ptr<AccountStore>> open_postgres_account_store(const std::string& connection) {
  auto connected = connect(connection);
  if (!connected) return connected.error();
  Link first{.connection = std::move(*connected)};
  if (Status migrated = migrate(first); !migrated) return migrated.error();
  return std::unique_ptr<AccountStore>(std::make_unique<PostgresAccountStore>(connection, std::move(first)));
}

}  // namespace pathway::server
