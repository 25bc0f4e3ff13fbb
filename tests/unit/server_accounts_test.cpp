// The account store on SQLite: migrations at open, the append-only audit
// log (raw SQL cannot rewrite it), account rules, the first admin, Argon2id
// hashes, and an admin ending every session of a user.
#include <doctest/doctest.h>

#include <string>

#include "server/account_store_sqlite.h"
#include "server/accounts.h"
#include "server/passwords.h"
#include "store/database.h"
#include "support/temp_folder.h"

using namespace pathway;
using namespace pathway::server;

namespace {

const Instant t0{1'780'000'000};

std::unique_ptr<AccountStore> open_memory_store() {
  auto opened = open_sqlite_account_store(":memory:");
  REQUIRE(opened.ok());
  return std::move(*opened);
}

// A second, raw connection to an account database file (what an intruder
// with the file, or a careless script, could do).
struct RawConnection {
  store::detail::Database db;
  explicit RawConnection(const std::string& path) { REQUIRE(db.open(path, "").ok()); }
  int64_t integer(std::string_view sql) {
    auto query = db.prepare(sql);
    REQUIRE(query.ok());
    auto row = query->step();
    REQUIRE(row.ok());
    REQUIRE(*row);
    return query->integer(0);
  }
};

}  // namespace

TEST_CASE("accounts: migrations run at open, once, and a newer database is refused") {
  const testing::TempFolder folder("accounts-migrate");
  const std::string path = (folder / "accounts.db").string();
  {
    auto first = open_sqlite_account_store(path);
    REQUIRE(first.ok());
    CHECK((*first)->check().ok());
  }
  RawConnection raw(path);
  CHECK(raw.integer("PRAGMA user_version") == account_schema_version);
  CHECK(raw.integer("SELECT count(*) FROM sqlite_schema WHERE name IN "
                    "('users','devices','sessions','sign_in_attempts','lockouts','audit_log')") == 6);
  CHECK(open_sqlite_account_store(path).ok());  // nothing left to run
  CHECK(raw.integer("PRAGMA user_version") == account_schema_version);

  REQUIRE(raw.db.exec("PRAGMA user_version = 99").ok());
  const auto newer = open_sqlite_account_store(path);
  REQUIRE_FALSE(newer.ok());
  CHECK(newer.error().message.find("newer") != std::string::npos);
}

TEST_CASE("accounts: the audit log refuses UPDATE and DELETE, even by raw SQL") {
  const testing::TempFolder folder("accounts-audit");
  const std::string path = (folder / "accounts.db").string();
  auto opened = open_sqlite_account_store(path);
  REQUIRE(opened.ok());
  AccountStore& accounts = **opened;
  REQUIRE(accounts.append_audit({{.at = t0, .username = "sam", .action = "sign_in"},
                                 {.at = t0, .username = "sam", .action = "sign_out"}})
              .ok());

  RawConnection raw(path);
  const char* rewrites[] = {
      "UPDATE audit_log SET action = 'nothing'",
      "UPDATE audit_log SET at = 0 WHERE id = 1",
      "DELETE FROM audit_log",
      "DELETE FROM audit_log WHERE id = 2",
  };
  for (const char* sql : rewrites) {
    CAPTURE(sql);
    const Status refused = raw.db.exec(sql);
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

TEST_CASE("accounts: username and password rules") {
  auto accounts = open_memory_store();
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

TEST_CASE("accounts: Argon2id at OWASP's cost; the first admin only once") {
  auto hash = hash_password("correct horse battery");
  REQUIRE(hash.ok());
  CHECK(hash->starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
  CHECK(verify_password(*hash, "correct horse battery"));
  CHECK_FALSE(verify_password(*hash, "correct horse batterY"));
  CHECK_FALSE(verify_password("not a hash", "correct horse battery"));
  CHECK(*hash_password("correct horse battery") != *hash);  // salted
  CHECK_FALSE(needs_rehash(*hash));
  CHECK(needs_rehash("$argon2id$v=19$m=8192,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA"));

  auto accounts = open_memory_store();
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

TEST_CASE("accounts: an admin ends every live session of a user") {
  auto accounts = open_memory_store();
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
