// What can travel in a change set: every synced entity (one per store table)
// with its fields and their kinds. The parser checks each value against its
// kind, the merge decides conflicts by kind (two edits of a `text` field keep
// both texts; other kinds take the later arrival), and scope follows each
// entity's owner up to a young person. The device store's tables must match
// this catalog column for column (a store test checks it), so a field added by
// a migration is declared here too, with the schema version it arrived in.
//
// Pure data, no I/O: compiled into the app and the server.
#pragma once

#include <string_view>
#include <vector>

namespace pathway::sync {

// The device store's schema version this build writes (PRAGMA user_version),
// and the oldest one whose change sets the server still accepts. Schema 4
// changed what a care period's last date means (SSDA903 ceased day), so
// change sets of schema 3 cannot be read rightly; no device ran schema 3
// against a server. Schema 5 (sync bookkeeping, all local tables) changed
// no synced record, so change sets of schema 4 read the same.
inline constexpr int current_schema_version = 5;
inline constexpr int oldest_supported_schema_version = 4;

enum class FieldKind {
  id,             // a record id (string, never null)
  optional_id,    // a record id or null
  text,           // free text typed by a person: concurrent edits keep both texts
  code,           // a stable enum code (core's code_of), e.g. "RELEVANT"; "" where core's is empty (none)
  date,           // "YYYY-MM-DD"
  optional_date,  // "YYYY-MM-DD" or null
  instant,        // "YYYY-MM-DDTHH:MM:SSZ"
  integer,        // a JSON integer
  flag,           // true or false
  string_list,    // an array of strings, e.g. languages
};

struct FieldSpec {
  std::string_view name;
  FieldKind kind;
  int since_schema = 1;  // a change set of an older schema may leave it out of a new record
};

enum class EntityKind {
  versioned,    // created, edited and removed, with a version per record
  append_only,  // appended once, never edited (contacts: a correction is a new record)
};

struct EntitySpec {
  std::string_view name;            // the store's table name, e.g. "care_periods"
  EntityKind kind;
  std::string_view owner_field;     // the field naming the record it belongs to; empty for
                                    // young_people (their own owner) and reference data
  std::string_view owner_entity;    // the entity owner_field points at
  std::vector<FieldSpec> fields;    // every field but "id" and "version"

  bool is_reference_data() const { return owner_entity.empty() && name != "young_people"; }
};

const std::vector<EntitySpec>& entities();
// nullptr when there is no such entity or field.
const EntitySpec* find_entity(std::string_view name);
const FieldSpec* find_field(const EntitySpec& entity, std::string_view name);

}  // namespace pathway::sync
