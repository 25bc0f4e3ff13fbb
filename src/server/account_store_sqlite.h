// The AccountStore on SQLite: a file of its own beside the shared record
// (<data>/accounts.db), in WAL mode. A file of its own because the shared
// record's change capture puts outbox triggers on every table of its file,
// and credentials, sessions and the audit log must never be queued for a
// device. Numbered migrations run at open, each in one transaction
// (PRAGMA user_version counts them). The audit log refuses UPDATE and DELETE
// by triggers, so not even raw SQL can rewrite it.
#pragma once

#include <memory>
#include <string>

#include "core/result.h"
#include "server/account_store.h"

namespace pathway::server {

// Opens (creating if needed) the account database at `path` (":memory:"
// for tests) and applies every pending migration.
Result<std::unique_ptr<AccountStore>> open_sqlite_account_store(const std::string& path);

}  // namespace pathway::server
