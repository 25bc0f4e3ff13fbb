// The account store, on each engine: migrations at open, the append-only audit
// log (raw SQL cannot rewrite it), account rules, the first admin, Argon2id
// hashes, and an admin ending every session of a user.
#include <doctest/doctest.h>

#include <string>

#include "server/accounts.h"
#include "server/passwords.h"
#include "server_account_engines.h"

using namespace pathway;
using namespace pathway::server;
using testing::FreshAccounts;
using testing::PostgresEngine;
using testing::SqliteEngine;

namespace {

const Instant t0{1'780'000'000};

}  // namespace

TEST_CASE_TEMPLATE("accounts: migrations run at open, once, and a newer database is refused", Engine, SqliteEngine,
                   PostgresEngine) {
  if (!Engine::available()) return;
  typename Engine::Database database;
  {
    auto first = database.open();
    REQUIRE(first.ok());
    CHECK((*first)->check().ok());
  }
  CHECK(database.integer(Engine::schema_version_sql) == account_schema_version);
  CHECK(database.integer(Engine::count_tables_sql()) == 6);
  CHECK(database.open().ok());  // nothing left to run
  CHECK(database.integer(Engine::schema_version_sql) == account_schema_version);

  REQUIRE(database.exec(Engine::make_schema_newer_sql).ok());
  const auto newer = database.open();
  REQUIRE_FALSE(newer.ok());
  CHECK(newer.error().message.find("newer") != std::string::npos);
}

TEST_CASE_TEMPLATE("accounts: the audit log refuses UPDATE and DELETE, even by raw SQL", Engine, SqliteEngine,
                   PostgresEngine) {
  if (!Engine::available()) return;
  typename Engine::Database database;
  const auto store = testing::opened(database.open());
  AccountStore& accounts = *store;
  REQUIRE(accounts.append_audit({{.at = t0, .username = "sam", .action = "sign_in"},
                                 {.at = t0, .username = "sam", .action = "sign_out"}})
              .ok());

  const char* rewrites[] = {
      "UPDATE audit_log SET action = 'nothing'",
      "UPDATE audit_log SET at = 0 WHERE id = 1",
      "DELETE FROM audit_log",
      "DELETE FROM audit_log WHERE id = 2",
  };
  for (const char* sql : rewrites) {
    CAPTURE(sql);
    const Status refused = database.exec(sql);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.find("append-only") != std::string::npos);
  }
  const auto rows = accounts.audit_after(0, 10);
  REQUIRE(rows.ok());
  REQUIRE(rows->size() == 2);
  CHECK((*rows)[0].action == "sign_in");
  CHECK((*rows)[1].action == "sign_out");
  CHECK((*rows)[0].id < (*rows)[1].id);
}

TEST_CASE_TEMPLATE("accounts: username and password rules", Engine, SqliteEngine, PostgresEngine) {
  if (!Engine::available()) return;
  FreshAccounts<Engine> fresh;
  auto& accounts = fresh.store;
  const struct {
    std::string username;
    std::string password;
    const char* field;  // "" = created
  } cases[] = {
      {"sam.jones", "twelve chars", ""},
      {"Sam.Jones", "twelve chars", "username"},  // the same account in lower case: taken
      {"", "twelve chars", "username"},
      {".dot-first", "twelve chars", "username"},
      {"has space", "twelve chars", "username"},
      {"caf\xc3\xa9", "twelve chars", "username"},
      {std::string(65, 'a'), "twelve chars", "username"},
      {"short.password", "eleven char", "password"},
      {"long.password", std::string(password_max_bytes + 1, 'x'), "password"},
      {"longest.password", std::string(password_max_bytes, 'x'), ""},
  };
  for (const auto& row : cases) {
    CAPTURE(row.username);
    const auto created = create_account(*accounts, {.username = row.username, .display_name = "Sam Jones",
                                                    .role = Role::team_manager},
                                        row.password, t0, {.username = "test"});
    if (std::string(row.field).empty()) {
      CHECK(created.ok());
    } else {
      REQUIRE_FALSE(created.ok());
      CHECK(created.error().field == row.field);
      CHECK_FALSE(created.error().message.empty());
    }
  }
  // A PA's account needs the staff id their caseload is found by.
  const auto pa = create_account(*accounts, {.username = "pa.nostaff", .display_name = "P A", .role = Role::pa},
                                 "twelve chars", t0, {});
  REQUIRE_FALSE(pa.ok());
  CHECK(pa.error().field == "staff_id");
}

TEST_CASE_TEMPLATE("accounts: Argon2id at OWASP's cost; the first admin only once", Engine, SqliteEngine, PostgresEngine) {
  if (!Engine::available()) return;
  auto hash = hash_password("correct horse battery");
  REQUIRE(hash.ok());
  CHECK(hash->starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
  CHECK(verify_password(*hash, "correct horse battery"));
  CHECK_FALSE(verify_password(*hash, "correct horse batterY"));
  CHECK_FALSE(verify_password("not a hash", "correct horse battery"));
  CHECK(*hash_password("correct horse battery") != *hash);  // salted
  CHECK_FALSE(needs_rehash(*hash));
  CHECK(needs_rehash("$argon2id$v=19$m=8192,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA"));

  FreshAccounts<Engine> fresh;
  auto& accounts = fresh.store;
  const auto admin = create_first_admin(*accounts, "Admin", "a long admin password", t0);
  REQUIRE(admin.ok());
  const auto stored = accounts->user_by_username("admin");
  REQUIRE(stored.ok());
  REQUIRE(stored->has_value());
  CHECK((*stored)->role == Role::admin);
  CHECK(verify_password((*stored)->password_hash, "a long admin password"));
  CHECK((*stored)->password_hash.find("a long admin password") == std::string::npos);

  const auto second = create_first_admin(*accounts, "other", "a long admin password", t0);
  REQUIRE_FALSE(second.ok());
  CHECK(second.error().code == ErrorCode::conflict);

  const auto audit = accounts->audit_after(0, 10);
  REQUIRE(audit.ok());
  REQUIRE(audit->size() == 1);
  CHECK((*audit)[0].action == "account_created");
  CHECK((*audit)[0].record_id == std::to_string(*admin));
  CHECK((*audit)[0].detail.find("password") == std::string::npos);
}

TEST_CASE_TEMPLATE("accounts: an admin ends every live session of a user", Engine, SqliteEngine, PostgresEngine) {
  if (!Engine::available()) return;
  FreshAccounts<Engine> fresh;
  auto& accounts = fresh.store;
  const auto user = create_account(*accounts, {.username = "tm", .display_name = "T M", .role = Role::team_manager},
                                   "twelve chars!", t0, {});
  const auto other = create_account(*accounts, {.username = "sm", .display_name = "S M", .role = Role::service_manager},
                                    "twelve chars!", t0, {});
  REQUIRE(user.ok());
  REQUIRE(other.ok());
  const auto start = [&](int64_t user_id, unsigned char tag) {
    Session session{.user_id = user_id, .device_id = "device-" + std::to_string(tag), .created_at = t0,
                    .idle_expires_at = Instant{t0.seconds + 60}, .absolute_expires_at = Instant{t0.seconds + 600}};
    session.token_hash.fill(tag);
    const auto attempt = accounts->start_sign_in_attempt({.username = "x", .at = t0}, t0);
    REQUIRE(attempt.ok());
    REQUIRE(accounts
                ->record_sign_in(attempt->id,
                                 {.id = session.device_id, .user_id = user_id, .name = "tablet", .last_seen = t0},
                                 session, {.at = t0, .action = "sign_in"})
                .ok());
    return session.token_hash;
  };
  const auto first = start(*user, 1);
  const auto second = start(*user, 2);
  const auto others = start(*other, 3);

  const auto ended = accounts->revoke_sessions_of_user(*user, Instant{t0.seconds + 5},
                                                       {.at = t0, .username = "admin", .action = "sessions_revoked"});
  REQUIRE(ended.ok());
  CHECK(*ended == 2);
  for (const auto& hash : {first, second}) CHECK((*accounts->session_by_token_hash(hash))->revoked_at.has_value());
  CHECK_FALSE((*accounts->session_by_token_hash(others))->revoked_at.has_value());
  CHECK(*accounts->revoke_sessions_of_user(*user, Instant{t0.seconds + 6}, {.action = "sessions_revoked"}) == 0);
  const auto audit = accounts->audit_after(0, 100);
  REQUIRE(audit.ok());
  CHECK(audit->back().detail == "0 sessions ended");
}
