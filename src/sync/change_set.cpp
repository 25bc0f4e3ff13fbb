// Parsing and serialising the sync messages (change_set.h). nlohmann::json is
// used without exceptions: parse errors come back as a discarded value, and
// every value's type is checked before it is read (the wasm build cannot
// catch exceptions, and a wrong type must be a clear error, not an abort).
#include "sync/change_set.h"

#include <optional>
#include <set>

#include "core/date.h"
#include "core/text.h"

namespace pathway::sync {
namespace {

// [SECTION] Reading members with a path for every error

std::string member_path(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}
std::string element_path(const std::string& path, size_t index) { return path + "[" + std::to_string(index) + "]"; }

// Deeper than `limit` levels of arrays and objects? Scanned before parsing so
// that no parser recursion or allocation follows a hostile nesting.
bool nests_deeper_than(std::string_view text, int limit) {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '[' || c == '{') {
      if (++depth > limit) return true;
    } else if (c == ']' || c == '}') --depth;
  }
  return false;
}

// The members of one JSON object, read once each; anything left unread at
// finish() is an unknown member. The first problem is kept and reported.
class Members {
 public:
  Members(const Json& json, std::string path) : json_(json), path_(std::move(path)) {
    if (!json_.is_object()) fail(path_.empty() ? "message" : path_, "must be a JSON object");
  }

  bool has(std::string_view key) const { return json_.is_object() && json_.contains(key); }

  const Json* member(std::string_view key) {
    if (error_) return nullptr;
    seen_.insert(std::string(key));
    auto found = json_.find(key);
    if (found == json_.end()) {
      fail(path(key), "is missing");
      return nullptr;
    }
    return &*found;
  }

  std::string text(std::string_view key, size_t max_bytes, bool allow_empty = false) {
    const Json* value = member(key);
    if (!value) return {};
    if (!value->is_string()) return fail(path(key), "must be a string"), std::string();
    const auto& text = value->get_ref<const std::string&>();
    if (text.empty() && !allow_empty) return fail(path(key), "must not be empty"), std::string();
    if (text.size() > max_bytes) {
      return fail(path(key), "is too long (at most " + std::to_string(max_bytes) + " bytes)"), std::string();
    }
    return text;
  }

  std::string id(std::string_view key) {
    const Json* value = member(key);
    if (!value) return {};
    if (Status checked = check_field_value({key, FieldKind::id}, *value, path(key)); !checked) {
      error_ = checked.error();
      return {};
    }
    return value->get<std::string>();
  }

  int64_t integer(std::string_view key, int64_t min, int64_t max) {
    const Json* value = member(key);
    if (!value) return 0;
    if (!value->is_number_integer()) return fail(path(key), "must be a whole number"), 0;
    // Unsigned values above int64's range are rejected before conversion.
    if (value->is_number_unsigned() && value->get<uint64_t>() > static_cast<uint64_t>(max)) {
      return fail(path(key), "must be at most " + std::to_string(max)), 0;
    }
    const int64_t number = value->get<int64_t>();
    if (number < min || number > max) {
      return fail(path(key), "must be between " + std::to_string(min) + " and " + std::to_string(max)), 0;
    }
    return number;
  }

  bool boolean(std::string_view key) {
    const Json* value = member(key);
    if (!value) return false;
    if (!value->is_boolean()) return fail(path(key), "must be true or false"), false;
    return value->get<bool>();
  }

  // An array of at most `max_items`; an empty array when missing or wrong
  // (the error is kept).
  const Json& array(std::string_view key, size_t max_items, bool allow_empty = true) {
    static const Json empty = Json::array();
    const Json* value = member(key);
    if (!value) return empty;
    if (!value->is_array()) return fail(path(key), "must be an array"), empty;
    if (value->size() > max_items) {
      return fail(path(key), "has too many items (at most " + std::to_string(max_items) + ")"), empty;
    }
    if (value->empty() && !allow_empty) return fail(path(key), "must not be empty"), empty;
    return *value;
  }

  const Json& object(std::string_view key) {
    static const Json empty = Json::object();
    const Json* value = member(key);
    if (!value) return empty;
    if (!value->is_object()) return fail(path(key), "must be a JSON object"), empty;
    return *value;
  }

  void format() {
    if (integer("format", 0, 1000000) != format_version && !error_) {
      fail(path("format"), "is not " + std::to_string(format_version) +
                               ", the only message format this build reads: update the app or the server");
    }
  }

  std::string path(std::string_view key) const { return member_path(path_, key); }
  void fail(const std::string& where, const std::string& what) {
    if (!error_) error_ = invalid(where, where + " " + what);
  }
  void adopt(const Status& status) {
    if (!status && !error_) error_ = status.error();
  }
  bool failed() const { return error_.has_value(); }

  Status finish() const {
    if (error_) return *error_;
    for (auto it = json_.begin(); it != json_.end(); ++it) {
      if (!seen_.count(it.key())) {
        const std::string where = member_path(path_, it.key());
        return invalid(where, where + " is not a member this format knows");
      }
    }
    return ok_status();
  }

 private:
  const Json& json_;
  std::string path_;
  std::set<std::string> seen_;
  std::optional<Error> error_;
};

Result<Json> parse_json(std::string_view text) {
  if (text.size() > max_message_bytes) {
    return invalid("message", "The message is too large (at most " + std::to_string(max_message_bytes >> 20) + " MiB)");
  }
  if (nests_deeper_than(text, max_json_depth)) {
    return invalid("message", "The message nests deeper than " + std::to_string(max_json_depth) + " levels");
  }
  Json json = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return invalid("message", "The message is not valid JSON (or not UTF-8)");
  return json;
}

bool is_id_character(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_' ||
         c == ':';
}

bool is_code_character(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
}

constexpr size_t max_code_bytes = 64;
constexpr int64_t max_json_integer = int64_t{1} << 53;  // exact in every JSON reader

// [SECTION] Operations and statuses as codes

struct OperationCode {
  Operation operation;
  std::string_view code;
};
constexpr OperationCode operation_codes[] = {
    {Operation::create, "create"}, {Operation::edit, "edit"}, {Operation::append, "append"}, {Operation::remove, "remove"}};

struct StatusCode {
  PushStatus status;
  std::string_view code;
};
constexpr StatusCode status_codes[] = {{PushStatus::applied, "applied"},
                                       {PushStatus::duplicate, "duplicate"},
                                       {PushStatus::refused, "refused"},
                                       {PushStatus::later, "later"}};

template <class Table, class Value>
std::optional<Value> value_of(const Table& table, std::string_view code) {
  for (const auto& entry : table) {
    if (entry.code == code) {
      if constexpr (std::is_same_v<Value, Operation>) return entry.operation;
      else return entry.status;
    }
  }
  return std::nullopt;
}

// [SECTION] Change sets

Status check_fields(const EntitySpec& entity, const Change& change, int schema_version, const std::string& path) {
  const std::string fields_path = member_path(path, "fields");
  for (auto it = change.fields.begin(); it != change.fields.end(); ++it) {
    const std::string field_path = member_path(fields_path, it.key());
    const FieldSpec* field = find_field(entity, it.key());
    if (!field) return invalid(field_path, field_path + " is not a field of " + std::string(entity.name));
    if (Status checked = check_field_value(*field, it.value(), field_path); !checked) return checked;
  }
  const bool complete = change.operation == Operation::create || change.operation == Operation::append;
  if (complete) {
    for (const FieldSpec& field : entity.fields) {
      if (field.since_schema <= schema_version && !change.fields.contains(field.name)) {
        const std::string field_path = member_path(fields_path, field.name);
        return invalid(field_path, field_path + " is missing: a new record carries every field");
      }
    }
  }
  return ok_status();
}

Result<Change> change_from_json(const Json& json, int schema_version, const std::string& path) {
  Members m(json, path);
  Change change;
  change.entity = m.text("entity", max_code_bytes);
  change.record_id = m.id("id");
  const std::string operation = m.text("op", max_code_bytes);
  if (m.failed()) return m.finish().error();
  const EntitySpec* entity = find_entity(change.entity);
  if (!entity) return invalid(m.path("entity"), m.path("entity") + " \"" + change.entity + "\" is not a synced entity");
  auto parsed_operation = value_of<decltype(operation_codes), Operation>(operation_codes, operation);
  if (!parsed_operation) {
    return invalid(m.path("op"), m.path("op") + " must be one of create, edit, append, remove");
  }
  change.operation = *parsed_operation;
  const bool append_only = entity->kind == EntityKind::append_only;
  if (append_only != (change.operation == Operation::append)) {
    return invalid(m.path("op"), m.path("op") + (append_only ? " must be append: " + std::string(entity->name) +
                                                                   " are never edited or removed"
                                                             : " cannot be append: " + std::string(entity->name) +
                                                                   " are versioned records"));
  }
  const bool is_new = change.operation == Operation::create || change.operation == Operation::append;
  // An edit or removal from base 0 is of a record this device created and
  // has not pulled back yet (the server knows the client made it).
  change.base_version = m.integer("base", 0, is_new ? 0 : max_json_integer);
  if (change.operation != Operation::remove) change.fields = m.object("fields");
  if (m.has("resolves")) {
    const Json& resolves = m.array("resolves", entity->fields.size());
    for (size_t i = 0; i < resolves.size() && !m.failed(); ++i) {
      const std::string item_path = element_path(m.path("resolves"), i);
      const FieldSpec* field = resolves[i].is_string() ? find_field(*entity, resolves[i].get<std::string>()) : nullptr;
      if (!field || field->kind != FieldKind::text) {
        m.fail(item_path, "must name a text field of " + std::string(entity->name));
      } else {
        change.resolves.push_back(resolves[i].get<std::string>());
      }
    }
    if (!m.failed() && change.operation != Operation::edit) m.fail(m.path("resolves"), "belongs only on an edit");
  }
  if (Status finished = m.finish(); !finished) return finished.error();
  if (change.operation == Operation::edit && change.fields.empty() && change.resolves.empty()) {
    return invalid(m.path("fields"), m.path("fields") + " must change at least one field");
  }
  if (Status fields = check_fields(*entity, change, schema_version, path); !fields) return fields.error();
  return change;
}

Result<ChangeSet> change_set_from_json(const Json& json, const std::string& path) {
  Members m(json, path);
  ChangeSet set;
  set.id = m.id("id");
  set.client_id = m.id("client_id");
  set.author = m.id("author");
  set.schema_version = static_cast<int>(m.integer("schema", 1, 100000));
  set.client_seq = m.integer("seq", 1, max_json_integer);
  set.made_at = m.text("made_at", 40);
  if (!m.failed() && !Instant::parse(set.made_at)) m.fail(m.path("made_at"), "must be a time like 2026-11-23T10:00:00Z");
  // Empty when everything a write did stays on the device: it still takes
  // its number, so the server's last seq has no gap.
  const Json& changes = m.array("changes", max_changes_per_change_set);
  if (Status finished = m.finish(); !finished) return finished.error();
  set.changes.reserve(changes.size());
  for (size_t i = 0; i < changes.size(); ++i) {
    auto change = change_from_json(changes[i], set.schema_version, element_path(m.path("changes"), i));
    if (!change) return change.error();
    set.changes.push_back(std::move(*change));
  }
  return set;
}

// [SECTION] Rows

Result<ServerRow> row_from_json(const Json& json, const std::string& path) {
  Members m(json, path);
  ServerRow row;
  row.entity = m.text("entity", max_code_bytes);
  row.record_id = m.id("id");
  row.version = m.integer("version", 1, max_json_integer);
  row.removed = m.boolean("removed");
  row.fields = m.object("fields");
  if (m.has("conflicts")) {
    const Json& conflicts = m.object("conflicts");
    for (auto it = conflicts.begin(); it != conflicts.end() && !m.failed(); ++it) {
      const std::string conflict_path = member_path(m.path("conflicts"), it.key());
      if (!it.value().is_array() || it.value().empty() || it.value().size() > max_list_items) {
        m.fail(conflict_path, "must be an array of 1 to " + std::to_string(max_list_items) + " texts");
        break;
      }
      auto& texts = row.conflicts[it.key()];
      for (size_t i = 0; i < it.value().size(); ++i) {
        m.adopt(check_field_value({it.key(), FieldKind::text}, it.value()[i], element_path(conflict_path, i)));
        if (m.failed()) break;
        texts.push_back(it.value()[i].get<std::string>());
      }
    }
  }
  if (Status finished = m.finish(); !finished) return finished.error();
  const EntitySpec* entity = find_entity(row.entity);
  if (!entity) return invalid(m.path("entity"), m.path("entity") + " \"" + row.entity + "\" is not a synced entity");
  const std::string fields_path = m.path("fields");
  for (auto it = row.fields.begin(); it != row.fields.end(); ++it) {
    const std::string field_path = member_path(fields_path, it.key());
    const FieldSpec* field = find_field(*entity, it.key());
    if (!field) return invalid(field_path, field_path + " is not a field of " + row.entity);
    if (Status checked = check_field_value(*field, it.value(), field_path); !checked) return checked.error();
  }
  for (const FieldSpec& field : entity->fields) {
    if (field.since_schema <= oldest_supported_schema_version && !row.fields.contains(field.name)) {
      const std::string field_path = member_path(fields_path, field.name);
      return invalid(field_path, field_path + " is missing: a pulled row carries every field");
    }
  }
  for (const auto& [name, texts] : row.conflicts) {
    const FieldSpec* field = find_field(*entity, name);
    if (!field || field->kind != FieldKind::text) {
      const std::string conflict_path = member_path(m.path("conflicts"), name);
      return invalid(conflict_path, conflict_path + " must name a text field of " + row.entity);
    }
  }
  return row;
}

Json strings_json(const std::vector<std::string>& items) {
  Json array = Json::array();
  for (const auto& item : items) array.push_back(item);
  return array;
}

std::string dump(const Json& json) { return json.dump(-1, ' ', false, Json::error_handler_t::strict); }

}  // namespace

// [SECTION] Public functions

std::string_view code_of(Operation operation) {
  for (const auto& entry : operation_codes) {
    if (entry.operation == operation) return entry.code;
  }
  return "edit";
}

std::string_view code_of(PushStatus status) {
  for (const auto& entry : status_codes) {
    if (entry.status == status) return entry.code;
  }
  return "later";
}

Status check_field_value(const FieldSpec& field, const Json& value, const std::string& path) {
  const auto fail = [&](const std::string& what) { return invalid(path, path + " " + what); };
  switch (field.kind) {
    case FieldKind::optional_id:
      if (value.is_null()) return ok_status();
      [[fallthrough]];
    case FieldKind::id: {
      if (!value.is_string()) return fail("must be a record id (a string)");
      const auto& id = value.get_ref<const std::string&>();
      if (id.empty() || id.size() > max_id_bytes) {
        return fail("must be a record id of 1 to " + std::to_string(max_id_bytes) + " characters");
      }
      for (char c : id) {
        if (!is_id_character(c)) return fail("must be a record id (letters, digits, '-', '_' or ':')");
      }
      return ok_status();
    }
    case FieldKind::text: {
      if (!value.is_string()) return fail("must be a string");
      const auto& text = value.get_ref<const std::string&>();
      if (text.size() > max_text_bytes) return fail("is too long (at most 100 KiB)");
      if (text.find('\0') != std::string::npos || !core::is_valid_utf8(text)) return fail("is not valid UTF-8 text");
      return ok_status();
    }
    case FieldKind::code: {
      if (!value.is_string()) return fail("must be a code (a string)");
      const auto& code = value.get_ref<const std::string&>();
      // Empty is core's code for "none" (a contact seen: no reason not seen).
      if (code.size() > max_code_bytes) return fail("must be a code of at most 64 characters");
      for (char c : code) {
        if (!is_code_character(c)) return fail("must be a code (letters, digits, '-' or '_')");
      }
      return ok_status();
    }
    case FieldKind::optional_date:
      if (value.is_null()) return ok_status();
      [[fallthrough]];
    case FieldKind::date:
      if (!value.is_string() || !Date::parse(value.get_ref<const std::string&>())) {
        return fail("must be a date like 2026-11-23");
      }
      return ok_status();
    case FieldKind::instant:
      if (!value.is_string() || !Instant::parse(value.get_ref<const std::string&>())) {
        return fail("must be a time like 2026-11-23T10:00:00Z");
      }
      return ok_status();
    case FieldKind::integer:
      if (!value.is_number_integer()) return fail("must be a whole number");
      if (value.is_number_unsigned() ? value.get<uint64_t>() > static_cast<uint64_t>(max_json_integer)
                                     : std::abs(value.get<int64_t>()) > max_json_integer) {
        return fail("is out of range");
      }
      return ok_status();
    case FieldKind::flag:
      if (!value.is_boolean()) return fail("must be true or false");
      return ok_status();
    case FieldKind::string_list:
      if (!value.is_array()) return fail("must be an array of strings");
      if (value.size() > max_list_items) return fail("has too many items (at most 100)");
      for (size_t i = 0; i < value.size(); ++i) {
        if (Status item = check_field_value({field.name, FieldKind::text}, value[i], element_path(path, i)); !item) {
          return item;
        }
      }
      return ok_status();
  }
  return fail("has an unknown kind");
}

size_t change_sets_in_page(const std::vector<size_t>& row_counts, size_t limit) {
  size_t rows = 0;
  size_t taken = 0;
  for (size_t count : row_counts) {
    if (taken > 0 && rows + count > limit) break;
    rows += count;
    ++taken;
  }
  return taken;
}

Result<ChangeSet> parse_change_set(std::string_view text) {
  auto json = parse_json(text);
  if (!json) return json.error();
  return change_set_from_json(*json, "");
}

Result<PushRequest> parse_push_request(std::string_view text) {
  auto json = parse_json(text);
  if (!json) return json.error();
  Members m(*json, "");
  m.format();
  PushRequest request;
  request.client_id = m.id("client_id");
  const Json& sets = m.array("change_sets", max_change_sets_per_message);
  if (Status finished = m.finish(); !finished) return finished.error();
  for (size_t i = 0; i < sets.size(); ++i) {
    const std::string path = element_path("change_sets", i);
    auto set = change_set_from_json(sets[i], path);
    if (!set) return set.error();
    if (set->client_id != request.client_id) {
      return invalid(path + ".client_id", path + ".client_id is not the client_id of the push");
    }
    if (!request.change_sets.empty() && set->client_seq <= request.change_sets.back().client_seq) {
      return invalid(path + ".seq", path + ".seq must be greater than the seq of the change set before it");
    }
    request.change_sets.push_back(std::move(*set));
  }
  return request;
}

Result<PushResponse> parse_push_response(std::string_view text) {
  auto json = parse_json(text);
  if (!json) return json.error();
  Members m(*json, "");
  m.format();
  PushResponse response;
  response.last_seq = m.integer("last_seq", 0, max_json_integer);
  const Json& results = m.array("results", max_change_sets_per_message);
  if (Status finished = m.finish(); !finished) return finished.error();
  for (size_t i = 0; i < results.size(); ++i) {
    Members r(results[i], element_path("results", i));
    PushResult result;
    result.id = r.id("id");
    result.client_seq = r.integer("seq", 1, max_json_integer);
    const std::string status = r.text("status", max_code_bytes);
    if (!r.failed()) {
      auto parsed = value_of<decltype(status_codes), PushStatus>(status_codes, status);
      if (!parsed) r.fail(r.path("status"), "must be one of applied, duplicate, refused, later");
      else result.status = *parsed;
    }
    if (r.has("reason")) result.reason = r.text("reason", max_reason_bytes);
    if (r.has("field")) result.field = r.text("field", max_reason_bytes);
    if (!r.failed() && result.status == PushStatus::refused && result.reason.empty()) {
      r.fail(r.path("reason"), "is missing: a refusal says why");
    }
    if (Status finished = r.finish(); !finished) return finished.error();
    response.results.push_back(std::move(result));
  }
  return response;
}

Result<PullRequest> parse_pull_request(std::string_view text) {
  auto json = parse_json(text);
  if (!json) return json.error();
  Members m(*json, "");
  m.format();
  PullRequest request;
  request.client_id = m.id("client_id");
  request.schema_version = static_cast<int>(m.integer("schema", 1, 100000));
  request.cursor = m.text("cursor", max_id_bytes, /*allow_empty=*/true);
  request.limit = static_cast<int>(m.integer("limit", 1, max_pull_limit));
  if (Status finished = m.finish(); !finished) return finished.error();
  return request;
}

Result<PullResponse> parse_pull_response(std::string_view text) {
  auto json = parse_json(text);
  if (!json) return json.error();
  Members m(*json, "");
  m.format();
  PullResponse response;
  response.cursor = m.text("cursor", max_id_bytes, /*allow_empty=*/true);
  response.more = m.boolean("more");
  const Json& sets = m.array("change_sets", max_pull_limit);
  const Json& leave = m.array("leave", max_pull_limit);
  if (Status finished = m.finish(); !finished) return finished.error();
  for (size_t i = 0; i < sets.size(); ++i) {
    const std::string path = element_path("change_sets", i);
    Members s(sets[i], path);
    PulledChangeSet pulled;
    pulled.server_seq = s.integer("server_seq", 1, max_json_integer);
    const Json& rows = s.array("rows", max_changes_per_change_set, /*allow_empty=*/false);
    if (Status finished = s.finish(); !finished) return finished.error();
    if (!response.change_sets.empty() && pulled.server_seq <= response.change_sets.back().server_seq) {
      return invalid(path + ".server_seq", path + ".server_seq must be greater than the one before it");
    }
    for (size_t r = 0; r < rows.size(); ++r) {
      auto row = row_from_json(rows[r], element_path(path + ".rows", r));
      if (!row) return row.error();
      pulled.rows.push_back(std::move(*row));
    }
    response.change_sets.push_back(std::move(pulled));
  }
  for (size_t i = 0; i < leave.size(); ++i) {
    const std::string path = element_path("leave", i);
    if (Status checked = check_field_value({"leave", FieldKind::id}, leave[i], path); !checked) return checked.error();
    response.leave.push_back(leave[i].get<std::string>());
  }
  return response;
}

Json to_json(const Change& change) {
  Json json = {{"entity", change.entity}, {"id", change.record_id}, {"op", code_of(change.operation)},
               {"base", change.base_version}};
  if (change.operation != Operation::remove) json["fields"] = change.fields;
  if (!change.resolves.empty()) json["resolves"] = strings_json(change.resolves);
  return json;
}

Json to_json(const ChangeSet& set) {
  Json changes = Json::array();
  for (const Change& change : set.changes) changes.push_back(to_json(change));
  return {{"id", set.id},           {"client_id", set.client_id}, {"author", set.author},
          {"schema", set.schema_version}, {"seq", set.client_seq}, {"made_at", set.made_at},
          {"changes", std::move(changes)}};
}

Json to_json(const ServerRow& row) {
  Json json = {{"entity", row.entity}, {"id", row.record_id}, {"version", row.version},
               {"removed", row.removed}, {"fields", row.fields}};
  if (!row.conflicts.empty()) {
    Json conflicts = Json::object();
    for (const auto& [field, texts] : row.conflicts) conflicts[field] = strings_json(texts);
    json["conflicts"] = std::move(conflicts);
  }
  return json;
}

std::string serialize(const ChangeSet& set) { return dump(to_json(set)); }
std::string serialize(const ServerRow& row) { return dump(to_json(row)); }

std::string serialize(const PushRequest& request) {
  Json sets = Json::array();
  for (const ChangeSet& set : request.change_sets) sets.push_back(to_json(set));
  return dump({{"format", format_version}, {"client_id", request.client_id}, {"change_sets", std::move(sets)}});
}

std::string serialize(const PushResponse& response) {
  Json results = Json::array();
  for (const PushResult& result : response.results) {
    Json json = {{"id", result.id}, {"seq", result.client_seq}, {"status", code_of(result.status)}};
    if (!result.reason.empty()) json["reason"] = result.reason;
    if (!result.field.empty()) json["field"] = result.field;
    results.push_back(std::move(json));
  }
  return dump({{"format", format_version}, {"last_seq", response.last_seq}, {"results", std::move(results)}});
}

std::string serialize(const PullRequest& request) {
  return dump({{"format", format_version},
               {"client_id", request.client_id},
               {"schema", request.schema_version},
               {"cursor", request.cursor},
               {"limit", request.limit}});
}

std::string serialize(const PullResponse& response) {
  Json sets = Json::array();
  for (const PulledChangeSet& set : response.change_sets) {
    Json rows = Json::array();
    for (const ServerRow& row : set.rows) rows.push_back(to_json(row));
    sets.push_back({{"server_seq", set.server_seq}, {"rows", std::move(rows)}});
  }
  return dump({{"format", format_version},
               {"cursor", response.cursor},
               {"more", response.more},
               {"change_sets", std::move(sets)},
               {"leave", strings_json(response.leave)}});
}

}  // namespace pathway::sync
