// The account store's two engines, for the tests that run on each
// (TEST_CASE_TEMPLATE(..., Engine, SqliteEngine, PostgresEngine)): SQLite
// always; PostgreSQL when PATHWAY_TEST_POSTGRES holds a connection string to
// make throwaway schemas in. ./test always sets it (scripts/test-postgres.sh
// starts a cluster for the run); without it the PostgreSQL cases say so and
// pass without running.
#pragma once

#include <doctest/doctest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>

#include "server/account_store_postgres.h"
#include "server/account_store_sqlite.h"
#include "store/database.h"
#include "support/temp_folder.h"

namespace pathway::testing {

// Every table of the account schema, for checks that the migration made them.
inline constexpr const char* account_tables = "('users','devices','sessions','sign_in_attempts','lockouts','audit_log')";

// Whether the database is opened by one store only (SQLite keeps it in
// memory, which is quicker) or by several, as server processes would.
enum class Sharing { private_to_one_store, shared };

struct SqliteEngine {
  static bool available() { return true; }

  class Database {
   public:
    explicit Database(Sharing sharing = Sharing::shared)
        : path_(sharing == Sharing::shared ? (folder_ / "accounts.db").string() : ":memory:") {}
    Result<std::unique_ptr<server::AccountStore>> open() const { return server::open_sqlite_account_store(path_); }
    // SQL behind the store's back, on a connection of its own (what an
    // intruder with the file, or a careless script, could do).
    Status exec(std::string_view sql) { return raw().exec(sql); }
    int64_t integer(std::string_view sql) {
      auto query = raw().prepare(sql);
      REQUIRE(query.ok());
      auto row = query->step();
      REQUIRE(row.ok());
      REQUIRE(*row);
      return query->integer(0);
    }

   private:
    store::detail::Database& raw() {
      if (!raw_) {
        raw_.emplace();
        REQUIRE(raw_->open(path_, "").ok());
      }
      return *raw_;
    }
    TempFolder folder_{"accounts"};
    std::string path_;
    std::optional<store::detail::Database> raw_;
  };

  static constexpr const char* schema_version_sql = "PRAGMA user_version";
  static constexpr const char* make_schema_newer_sql = "PRAGMA user_version = 99";
  static std::string count_tables_sql() {
    return std::string("SELECT count(*) FROM sqlite_schema WHERE name IN ") + account_tables;
  }
};

struct PostgresEngine {
  static const char* server() { return std::getenv("PATHWAY_TEST_POSTGRES"); }
  static bool available() {
    if (server() != nullptr) return true;
    MESSAGE("PATHWAY_TEST_POSTGRES is not set: skipping the PostgreSQL engine (./test sets it)");
    return false;
  }

  // A schema of its own in the test server, dropped afterwards: the store's
  // tables go there through the connection's search_path.
  class Database {
   public:
    explicit Database(Sharing = Sharing::shared) {
      static std::atomic<int> made = 0;
      schema_ = "test_" + std::to_string(getpid()) + "_" + std::to_string(made++);
      REQUIRE(exec("CREATE SCHEMA " + schema_).ok());
      const std::string base = server();
      url_ = base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema_;
    }
    ~Database() {
      (void)exec("DROP SCHEMA " + schema_ + " CASCADE");
      PQfinish(raw_);
    }
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    Result<std::unique_ptr<server::AccountStore>> open() const { return server::open_postgres_account_store(url_); }
    Status exec(const std::string& sql) {
      PGresult* result = PQexec(raw(), sql.c_str());
      const auto status = PQresultStatus(result);
      Status outcome = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK
                           ? ok_status()
                           : Status(Error{ErrorCode::storage, PQresultErrorMessage(result)});
      PQclear(result);
      return outcome;
    }
    int64_t integer(const std::string& sql) {
      PGresult* result = PQexec(raw(), sql.c_str());
      REQUIRE_MESSAGE(PQresultStatus(result) == PGRES_TUPLES_OK, PQresultErrorMessage(result));
      REQUIRE(PQntuples(result) == 1);
      const int64_t value = std::atoll(PQgetvalue(result, 0, 0));
      PQclear(result);
      return value;
    }

   private:
    PGconn* raw() {
      if (raw_ == nullptr) {
        raw_ = PQconnectdb(server());
        REQUIRE_MESSAGE(PQstatus(raw_) == CONNECTION_OK, PQerrorMessage(raw_));
        PQclear(PQexec(raw_, "SET client_min_messages = warning"));  // no notices from DROP ... CASCADE
        PQclear(PQexec(raw_, ("SET search_path = " + schema_).c_str()));
      }
      return raw_;
    }
    PGconn* raw_ = nullptr;
    std::string schema_;
    std::string url_;
  };

  static constexpr const char* schema_version_sql = "SELECT max(version) FROM account_schema";
  static constexpr const char* make_schema_newer_sql = "UPDATE account_schema SET version = 99";
  static std::string count_tables_sql() {
    return std::string("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename IN ") +
           account_tables;
  }
};

// The store opened, or the test stops with the engine's reason.
inline std::unique_ptr<server::AccountStore> opened(Result<std::unique_ptr<server::AccountStore>> result) {
  REQUIRE_MESSAGE(result.ok(), (result.ok() ? "" : result.error().message));
  return std::move(*result);
}

// A new, empty account store on the engine, for one test.
template <class Engine>
struct FreshAccounts {
  typename Engine::Database database{Sharing::private_to_one_store};
  std::unique_ptr<server::AccountStore> store = opened(database.open());
};

}  // namespace pathway::testing

TYPE_TO_STRING(pathway::testing::SqliteEngine);
TYPE_TO_STRING(pathway::testing::PostgresEngine);
