// Rows as sync records and back (sync_rows.h).
#include "store/sync_rows.h"

#include <algorithm>

namespace pathway::store::detail {

using sync::Json;

Result<sync::Json> fields_of_row(const sync::EntitySpec& entity, const sync::Json& row) {
  if (!row.is_object()) return Error{ErrorCode::corrupt, "A stored " + std::string(entity.name) + " row cannot be read"};
  sync::Json fields = sync::Json::object();
  for (const sync::FieldSpec& field : entity.fields) {
    const auto found = row.find(field.name);
    if (found == row.end()) continue;
    const sync::Json& value = *found;
    switch (field.kind) {
      case sync::FieldKind::flag:
        fields[std::string(field.name)] = value.is_number() ? Json(value.get<int64_t>() != 0) : value;
        break;
      case sync::FieldKind::string_list: {
        if (!value.is_string()) return Error{ErrorCode::corrupt, "A stored list in " + std::string(field.name) + " cannot be read"};
        const auto& text = value.get_ref<const std::string&>();
        sync::Json list = sync::Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
        if (list.is_discarded() || !list.is_array()) {
          return Error{ErrorCode::corrupt, "A stored list in " + std::string(field.name) + " cannot be read"};
        }
        fields[std::string(field.name)] = std::move(list);
        break;
      }
      default: fields[std::string(field.name)] = value;
    }
  }
  return fields;
}

Result<sync::Json> fields_of_row_text(const sync::EntitySpec& entity, std::string_view row_json) {
  sync::Json row = sync::Json::parse(row_json.begin(), row_json.end(), nullptr, /*allow_exceptions=*/false);
  if (row.is_discarded()) return Error{ErrorCode::corrupt, "A stored " + std::string(entity.name) + " row cannot be read"};
  return fields_of_row(entity, row);
}

std::string row_json_sql(const TableSpec& spec, std::string_view alias) {
  std::string sql = "json_object(";
  for (size_t i = 0; i < spec.columns.size(); ++i) {
    if (i) sql += ", ";
    sql += "'" + spec.columns[i] + "', " + std::string(alias) + "." + spec.columns[i];
  }
  return sql + ")";
}

void bind_field_value(Statement& statement, int index, const sync::FieldSpec& field, const sync::Json& value) {
  if (value.is_null()) {
    statement.bind_null(index);
    return;
  }
  switch (field.kind) {
    case sync::FieldKind::flag: statement.bind(index, value.get<bool>()); return;
    case sync::FieldKind::integer: statement.bind(index, value.get<int64_t>()); return;
    case sync::FieldKind::string_list: {
      std::vector<std::string> items;
      for (const auto& item : value) items.push_back(item.get<std::string>());
      statement.bind(index, json_string_array(items));  // as the typed saves write it
      return;
    }
    default: statement.bind(index, value.get_ref<const std::string&>());
  }
}

Status delete_with_owned(Database& db, const sync::EntitySpec& entity, std::string_view id) {
  for (const sync::EntitySpec& owned : sync::entities()) {
    if (owned.owner_entity != entity.name) continue;
    std::vector<std::string> ids;
    {
      auto query = db.prepare("SELECT id FROM " + std::string(owned.name) + " WHERE " + std::string(owned.owner_field) +
                              " = ?1");
      if (!query) return query.error();
      query->bind(1, id);
      for (;;) {
        auto row = query->step();
        if (!row) return row.error();
        if (!*row) break;
        ids.push_back(query->text(0));
      }
    }
    for (const std::string& owned_id : ids) {
      if (Status deleted = delete_with_owned(db, owned, owned_id); !deleted) return deleted;
    }
  }
  auto statement = db.prepare("DELETE FROM " + std::string(entity.name) + " WHERE id = ?1");
  if (!statement) return statement.error();
  statement->bind(1, id);
  return statement->run();
}

bool EntityTable::has_version() const {
  return std::find(table->columns.begin(), table->columns.end(), "version") != table->columns.end();
}

Result<EntityTable> entity_table(std::string_view name) {
  EntityTable found{sync::find_entity(name), table_named(name)};
  if (!found.entity || !found.table) return invalid("entity", "\"" + std::string(name) + "\" is not a synced entity");
  return found;
}

}  // namespace pathway::store::detail
