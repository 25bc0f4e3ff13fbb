// Opening the store (key, schema check, migrations), the write path's
// transaction handling, the outbox and settings (store.h).
#include "store/store.h"

#include <cassert>

#include "store/change_capture.h"
#include "store/database.h"
#include "store/schema.h"
#include "store/uuid.h"

#include "core/wipe.h"

namespace pathway::store {
namespace {

bool is_hex_key(std::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
  }
  return true;
}

// Text limits for settings: they hold small app state, not documents.
constexpr size_t max_setting_key_bytes = 200;
constexpr size_t max_setting_value_bytes = 64 * 1024;

constexpr std::string_view raw_key_prefix = "raw:";

}  // namespace

// [SECTION] Writer

Date Writer::today() const { return uk_date_of(now_); }

detail::Database& Writer::db() {
  assert(db_.in_transaction() && "a save runs inside Store::write()");
  return db_;
}

Status Writer::remember(Status status) {
  if (!status && !first_error_) first_error_ = status.error();
  return status;
}

Status Writer::set_setting(std::string_view key, std::string_view value) {
  if (key.empty() || key.size() > max_setting_key_bytes) return remember(invalid("key", "A setting needs a name of 1 to 200 bytes"));
  if (value.size() > max_setting_value_bytes) return remember(invalid("value", "A setting's value is limited to 64 KiB"));
  auto query = db().prepare("INSERT INTO settings(key, value) VALUES (?1, ?2) "
                           "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  if (!query) return remember(query.error());
  query->bind_all(key, value);
  return remember(query->run());
}

// [SECTION] Opening

Store::Store() : db_(std::make_unique<detail::Database>()), context_(std::make_unique<detail::WriteContext>()) {}
Store::~Store() = default;

Result<std::unique_ptr<Store>> Store::open(const OpenOptions& options) {
  if (options.path.empty()) return invalid("path", "The database needs a file name (or \":memory:\")");
  if (!options.raw_key_hex.empty() && !is_hex_key(options.raw_key_hex)) {
    return invalid("raw_key_hex", "The database key must be 64 hexadecimal digits (256 bits)");
  }
  std::unique_ptr<Store> store(new Store());
  store->outbox_ = options.outbox;
  detail::Database& db = *store->db_;
  if (Status opened = db.open(options.path, options.vfs); !opened) return opened.error();

  if (!options.raw_key_hex.empty()) {
    // SQLite3MC's "raw:" syntax, built in one allocation that is wiped as soon as SQLite3MC has the key.
    std::string key;
    key.reserve(raw_key_prefix.size() + options.raw_key_hex.size());
    key.append(raw_key_prefix).append(options.raw_key_hex);
    const int keyed = sqlite3_key_v2(db.handle(), "main", key.data(), static_cast<int>(key.size()));
    wipe(key);
    if (keyed != SQLITE_OK) return db.last_error("applying the database key");
  }
  // The first read of page 1: with a wrong key (or a key on a plain file, or
  // no key on an encrypted one) SQLite reports SQLITE_NOTADB here.
  if (Status readable = db.exec("SELECT count(*) FROM sqlite_schema"); !readable) {
    if (readable.error().code == ErrorCode::wrong_key) {
      return Error{ErrorCode::wrong_key, options.raw_key_hex.empty()
                                             ? "The database is encrypted or is not a Pathway database"
                                             : "Wrong passphrase: the database could not be unlocked"};
    }
    return readable.error();
  }

  // A real file on the default VFS gets a write-ahead log (readers never wait
  // for the writer: the server). On the app's block VFS the journal lives in
  // memory and the VFS makes each commit atomic, so the default is kept.
  const bool plain_file = options.vfs.empty() && options.path != ":memory:";
  std::string pragmas = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA temp_store = MEMORY;"
                        "PRAGMA cache_size = -8192;";
  if (plain_file) pragmas += "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
  if (Status set = db.exec(pragmas); !set) return set.error();

  if (Status registered = detail::register_change_functions(db, *store->context_); !registered) {
    return registered.error();
  }
  if (Status migrated = detail::migrate(db, *store->context_); !migrated) return migrated.error();
  return store;
}

// [SECTION] The write path

Status Store::begin_write(const Actor& who, Instant now, bool queue_for_sync) {
  if (context_->in_write) return Error{ErrorCode::internal, "A write was started inside another write"};
  if (Status begun = db_->exec("BEGIN IMMEDIATE"); !begun) return begun;
  context_->in_write = true;
  context_->capture = queue_for_sync && outbox_;
  context_->write_id = new_uuid();
  context_->actor = who.staff_id;
  context_->device = who.device_id;
  context_->now_iso = now.iso();
  if (context_->capture) {
    // The number this write's change set takes if it queues anything; it
    // is used up (next_client_seq moves on) only then, in this transaction.
    auto next = db_->prepare("SELECT next_client_seq FROM sync_device");
    auto row = next ? next->step() : Result<bool>(next.error());
    if (!row || !*row) {
      (void)db_->exec("ROLLBACK");
      *context_ = detail::WriteContext{};
      return row ? Error{ErrorCode::corrupt, "The device's sync state is missing"} : row.error();
    }
    context_->client_seq = next->integer(0);
  }
  return ok_status();
}

Status Store::finish_write(Writer& writer, Status result) {
  assert(context_->in_write && "finish_write() without begin_write()");
  if (result && writer.first_error_) result = *writer.first_error_;
  if (result && context_->client_seq > 0) {
    auto used = db_->prepare("UPDATE sync_device SET next_client_seq = next_client_seq + 1 "
                             "WHERE EXISTS (SELECT 1 FROM outbox WHERE client_seq = ?1)");
    result = used ? used->bind(1, context_->client_seq).run() : Status(used.error());
  }
  if (result) result = db_->exec("COMMIT");
  // A failed COMMIT leaves the transaction open (e.g. SQLITE_BUSY): roll back
  // so the store is unchanged.
  if (!result && !sqlite3_get_autocommit(db_->handle())) (void)db_->exec("ROLLBACK");
  *context_ = detail::WriteContext{};
  return result;
}

// [SECTION] Outbox

Result<std::vector<OutboxEntry>> Store::outbox_after(int64_t after_seq, int limit) {
  auto query = db_->prepare(
      "SELECT seq, write_id, table_name, record_id, operation, row_json, actor, device, changed_at "
      "FROM outbox WHERE seq > ?1 ORDER BY seq LIMIT ?2");
  if (!query) return query.error();
  query->bind_all(after_seq, limit);
  std::vector<OutboxEntry> entries;
  for (;;) {
    auto row = query->step();
    if (!row) return row.error();
    if (!*row) return entries;
    entries.push_back(OutboxEntry{query->integer(0), query->text(1), query->text(2), query->text(3), query->text(4),
                                  query->text(5), query->text(6), query->text(7), query->text(8)});
  }
}

Status Store::outbox_acknowledge(int64_t up_to_seq) {
  auto query = db_->prepare("DELETE FROM outbox WHERE seq <= ?1");
  if (!query) return query.error();
  query->bind(1, up_to_seq);
  return query->run();
}

Result<int64_t> Store::outbox_size() {
  auto query = db_->prepare("SELECT count(*) FROM outbox");
  if (!query) return query.error();
  auto row = query->step();
  if (!row) return row.error();
  return query->integer(0);
}

// [SECTION] Settings and maintenance

Result<std::optional<std::string>> Store::setting(std::string_view key) {
  auto query = db_->prepare("SELECT value FROM settings WHERE key = ?1");
  if (!query) return query.error();
  query->bind(1, key);
  auto row = query->step();
  if (!row) return row.error();
  if (!*row) return std::optional<std::string>{};
  return std::optional<std::string>{query->text(0)};
}

Result<int> Store::schema_version() { return detail::read_schema_version(*db_); }

Status Store::set_cache_size_kib(int kib) {
  if (kib < 1024 || kib > 1024 * 1024) return invalid("kib", "Cache size must be between 1 MiB and 1 GiB");
  return db_->exec("PRAGMA cache_size = -" + std::to_string(kib));
}

}  // namespace pathway::store
