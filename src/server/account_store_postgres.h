// The AccountStore on PostgreSQL (libpq, Debian's libpq-dev), chosen with
// `pathway-server --database postgresql://...`, so that several server
// instances behind a load balancer share staff accounts, sessions, lockouts
// and the audit log. The same numbered migrations as the SQLite engine, each
// in one transaction (table account_schema counts them); the audit log
// refuses UPDATE, DELETE and TRUNCATE by a trigger. Tables go in the first
// schema of the connection's search_path.
#pragma once

#include <memory>
#include <string>

#include "core/result.h"
#include "server/account_store.h"

namespace pathway::server {

// Connects with a libpq connection string or URI ("postgresql://user@host/db"),
// applies every pending migration, and keeps a small pool of connections for
// the request threads.
Result<std::unique_ptr<AccountStore>> open_postgres_account_store(const std::string& connection);

// True for a connection string that selects PostgreSQL rather than a file.
bool is_postgres_connection(std::string_view database);

}  // namespace pathway::server
