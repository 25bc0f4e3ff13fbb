// Store rows as sync records and back (internal to src/store), generically
// from the sync catalog (sync/catalog.h): the outbox triggers and the ledger
// read a row as SQLite's json_object() of its columns, where flags are 0/1
// and string lists are JSON text; a change set carries true/false and real
// arrays. Also the one way a record and everything it owns is deleted when
// the server says so (a tombstone, a young person leaving a device's scope),
// walking the catalog's owner relations rather than relying on foreign keys,
// which a pull may meet out of order.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "store/database.h"
#include "store/records.h"
#include "sync/catalog.h"
#include "sync/change_set.h"

namespace pathway::store::detail {

// The catalog fields of a store row (a JSON object of its columns; columns
// the catalog does not know, such as `version`, are left out).
Result<sync::Json> fields_of_row(const sync::EntitySpec& entity, const sync::Json& row);
Result<sync::Json> fields_of_row_text(const sync::EntitySpec& entity, std::string_view row_json);

// json_object('id', a.id, 'c', a.c, ...) over every column of `spec`.
std::string row_json_sql(const TableSpec& spec, std::string_view alias);

// Binds a field's value (checked against its kind by the caller) as the
// store keeps it.
void bind_field_value(Statement& statement, int index, const sync::FieldSpec& field, const sync::Json& value);

// Deletes the record and every record it owns, owned records first.
Status delete_with_owned(Database& db, const sync::EntitySpec& entity, std::string_view id);

// The catalog entity and the store table of `name`, or an error naming it.
struct EntityTable {
  const sync::EntitySpec* entity = nullptr;
  const TableSpec* table = nullptr;
  bool has_version() const;
};
Result<EntityTable> entity_table(std::string_view name);

}  // namespace pathway::store::detail
