// The merge rules (merge.h).
#include "sync/merge.h"

#include <algorithm>

namespace pathway::sync {
namespace {

bool contains(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

void add_alternative(std::vector<std::string>& alternatives, const std::string& text, const Json& current) {
  if (current.is_string() && current.get_ref<const std::string&>() == text) return;
  if (!contains(alternatives, text)) alternatives.push_back(text);
}

// Whether anyone but `client_id` changed the record after version `base`.
bool changed_by_others_since(const RecordState& record, int64_t base, const std::string& client_id) {
  const auto newer = [&](const auto& entry) {
    return entry.second.version > base && entry.second.client_id != client_id;
  };
  return std::any_of(record.stamps.begin(), record.stamps.end(), newer) ||
         std::any_of(record.conflict_stamps.begin(), record.conflict_stamps.end(), newer);
}

MergeResult refused(const RecordState& current, std::string reason, std::string field) {
  MergeResult result;
  result.outcome = MergeOutcome::refused;
  result.record = current;
  result.reason = std::move(reason);
  result.field = std::move(field);
  return result;
}

MergeResult new_record(const Change& change, const std::string& client_id) {
  MergeResult result;
  result.outcome = MergeOutcome::applied;
  RecordState& record = result.record;
  record.exists = true;
  record.row = ServerRow{change.entity, change.record_id, 1, false, change.fields, {}};
  for (auto it = change.fields.begin(); it != change.fields.end(); ++it) record.stamps[it.key()] = {1, client_id};
  return result;
}

// One text field of an edit (see merge.h for the rules).
void merge_text(MergeResult& result, const RecordState& current, const std::string& field, const std::string& text,
                bool resolving, int64_t base, const std::string& client_id, int64_t next) {
  RecordState& record = result.record;
  const Json now = current.row.fields.contains(field) ? current.row.fields.at(field) : Json();
  const FieldStamp stamp = current.stamps.count(field) ? current.stamps.at(field) : FieldStamp{};
  const bool seen_field = stamp.version <= base || stamp.client_id == client_id;
  const bool has_conflict = current.row.conflicts.count(field) > 0;
  const bool seen_conflict = !has_conflict || current.conflict_stamps.at(field).version <= base;
  const bool equal = now.is_string() && now.get_ref<const std::string&>() == text;

  if (resolving && seen_field && seen_conflict && (has_conflict || !equal)) {
    record.row.fields[field] = text;
    record.stamps[field] = {next, client_id};
    if (has_conflict) {
      record.row.conflicts.erase(field);
      record.conflict_stamps.erase(field);
      result.resolved.push_back(field);
    }
    return;
  }
  if (equal) return;
  if (seen_field && !has_conflict) {
    record.row.fields[field] = text;
    record.stamps[field] = {next, client_id};
    return;
  }
  auto& alternatives = record.row.conflicts[field];
  const size_t alternatives_before = alternatives.size();
  if (seen_field) {
    // A new text over an open conflict it did not settle: the text it
    // replaces joins the others, so no text is lost.
    if (now.is_string()) add_alternative(alternatives, now.get<std::string>(), Json(text));
    record.row.fields[field] = text;
    record.stamps[field] = {next, client_id};
  } else {
    add_alternative(alternatives, text, now);
    if (alternatives.size() == alternatives_before) return;  // this text is already kept
  }
  record.conflict_stamps[field] = {next, client_id};
  result.conflicted.push_back(field);
}

}  // namespace

MergeResult merge(const RecordState& current, const Change& change, const std::string& client_id) {
  const EntitySpec* entity = find_entity(change.entity);
  if (!entity) return refused(current, "\"" + change.entity + "\" is not a synced entity", "entity");
  const int64_t next = current.row.version + 1;

  switch (change.operation) {
    case Operation::append:
      if (!current.exists) return new_record(change, client_id);
      if (current.row.fields == change.fields) return MergeResult{MergeOutcome::unchanged, current, {}, {}, {}, {}};
      return refused(current, "A different record with this id is already on the server", "id");

    case Operation::remove: {
      if (!current.exists || current.row.removed) return MergeResult{MergeOutcome::unchanged, current, {}, {}, {}, {}};
      if (changed_by_others_since(current, change.base_version, client_id)) {
        return refused(current,
                       "Someone else changed this record after it was opened here, so it was not removed: "
                       "it is back on the device to look at again",
                       "base");
      }
      MergeResult result{MergeOutcome::applied, current, {}, {}, {}, {}};
      result.record.row.removed = true;
      result.record.row.version = next;
      result.record.row.conflicts.clear();
      result.record.conflict_stamps.clear();
      return result;
    }

    case Operation::create:
    case Operation::edit: break;
  }

  if (!current.exists) {
    if (change.operation == Operation::edit) return refused(current, "This record is not on the server", "id");
    return new_record(change, client_id);
  }

  // An edit of an existing record (a create of an id the server has is an
  // edit from version 0: two devices adding the same list entry offline).
  const int64_t base = change.operation == Operation::create ? 0 : change.base_version;
  MergeResult result{MergeOutcome::unchanged, current, {}, {}, {}, {}};
  RecordState& record = result.record;
  bool changed = current.row.removed;
  record.row.removed = false;  // an edit brings a removed record back
  for (auto it = change.fields.begin(); it != change.fields.end(); ++it) {
    const FieldSpec* field = find_field(*entity, it.key());
    if (!field) return refused(current, it.key() + " is not a field of " + change.entity, "fields." + it.key());
    if (field->kind == FieldKind::text && it.value().is_string()) {
      const size_t conflicts_before = result.conflicted.size() + result.resolved.size();
      const Json before = record.row.fields.contains(it.key()) ? record.row.fields[it.key()] : Json();
      merge_text(result, current, it.key(), it.value().get<std::string>(), contains(change.resolves, it.key()), base,
                 client_id, next);
      changed = changed || record.row.fields[it.key()] != before ||
                result.conflicted.size() + result.resolved.size() != conflicts_before;
      continue;
    }
    // Any other kind: the later arrival wins.
    if (!record.row.fields.contains(it.key()) || record.row.fields[it.key()] != it.value()) {
      record.row.fields[it.key()] = it.value();
      record.stamps[it.key()] = {next, client_id};
      changed = true;
    }
  }
  // A resolution that chose the text already there changes no field.
  for (const std::string& field : change.resolves) {
    if (change.fields.contains(field) || !current.row.conflicts.count(field)) continue;
    const Json now = current.row.fields.contains(field) ? current.row.fields.at(field) : Json("");
    if (now.is_string()) {
      merge_text(result, current, field, now.get<std::string>(), true, base, client_id, next);
      changed = changed || contains(result.resolved, field) || contains(result.conflicted, field);
    }
  }
  if (changed) {
    result.outcome = MergeOutcome::applied;
    record.row.version = next;
  }
  return result;
}

PushDecision decide_push(int64_t last_seq, int64_t client_seq) {
  if (client_seq <= last_seq) return PushDecision::duplicate;
  if (client_seq == last_seq + 1) return PushDecision::apply;
  return PushDecision::out_of_order;
}

Status check_schema_version(int schema_version) {
  if (schema_version < oldest_supported_schema_version) {
    return Error{ErrorCode::conflict,
                 "This device's app is too old to sync (schema " + std::to_string(schema_version) +
                     "; the server needs " + std::to_string(oldest_supported_schema_version) +
                     " or later): update the app. Its changes stay on the device.",
                 "schema"};
  }
  if (schema_version > current_schema_version) {
    return Error{ErrorCode::conflict,
                 "This device's app is newer than the server (schema " + std::to_string(schema_version) +
                     "): the server must be updated first. Changes stay on the device.",
                 "schema"};
  }
  return ok_status();
}

}  // namespace pathway::sync
