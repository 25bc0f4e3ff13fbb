// The typed saves of Writer (store.h). Each one validates the record with
// core's validate() before any SQL runs, then writes its row and child rows
// inside the transaction Store::write() holds; the schema's triggers add the
// outbox entries. Any failure is remembered so the whole write rolls back.
#include "core/validate.h"
#include "store/database.h"
#include "store/records.h"
#include "store/store.h"
#include "store/uuid.h"

namespace pathway::store {

using detail::Binder;
using detail::Database;
using detail::TableSpec;

namespace {

// Binds `bind_values` (a callable taking Binder&) to `sql` and runs it.
// Returns the number of rows the statement itself changed.
template <class BindValues>
Result<int> run_bound(Database& db, const TableSpec& spec, const std::string& sql, BindValues&& bind_values) {
  auto statement = db.prepare(sql);
  if (!statement) return statement.error();
  Binder binder(*statement, spec);
  bind_values(binder);
  if (Status bound = binder.finish(); !bound) return bound.error();
  if (Status ran = statement->run(); !ran) return ran.error();
  return sqlite3_changes(db.handle());
}

// A mutable record: inserted as version 1, or updated only from the version
// it was read at.
template <class Record, class... Extra>
Status save_versioned(Database& db, const TableSpec& spec, const Record& record, std::string_view what,
                      const Extra&... extra) {
  auto changed = run_bound(db, spec, spec.versioned_upsert_sql, [&](Binder& b) { detail::bind(b, record, extra...); });
  if (!changed) return changed.error();
  if (*changed == 0) {
    return Error{ErrorCode::conflict,
                 record.version == 0
                     ? std::string(what) + " already exists"
                     : std::string(what) + " was changed by someone else since it was opened: reload it and try again"};
  }
  return ok_status();
}

// Deletes the parent's child rows whose ids are not in `kept_ids`.
Status delete_other_children(Database& db, const TableSpec& spec, std::string_view parent_column,
                             std::string_view parent_id, const std::vector<std::string>& kept_ids) {
  auto statement = db.prepare("DELETE FROM " + spec.table + " WHERE " + std::string(parent_column) +
                              " = ?1 AND id NOT IN (SELECT value FROM json_each(?2))");
  if (!statement) return statement.error();
  statement->bind_all(parent_id, detail::json_string_array(kept_ids));
  return statement->run();
}

// The rows of one list a record owns: each inserted, or updated only when it
// differs (an unchanged child makes no outbox entry); rows no longer in the
// list are deleted. `key_of(i, item)` names the child within its parent.
template <class Item, class KeyOf>
Status save_children(Database& db, const TableSpec& spec, std::string_view parent_column, std::string_view parent_id,
                     std::string_view kind, const std::vector<Item>& items, KeyOf&& key_of) {
  std::vector<std::string> kept_ids;
  kept_ids.reserve(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    const detail::ChildKey key{detail::child_id(parent_id, kind, key_of(i, items[i])), parent_id};
    auto changed = run_bound(db, spec, spec.upsert_if_changed_sql,
                             [&](Binder& b) { detail::bind(b, key, static_cast<int>(i), items[i]); });
    if (!changed) return changed.error();
    kept_ids.push_back(key.id);
  }
  return delete_other_children(db, spec, parent_column, parent_id, kept_ids);
}

// Children keyed by their place in the list.
const auto by_position = [](size_t i, const auto&) { return std::to_string(i); };

Result<std::optional<std::string>> stored_text(Database& db, const std::string& sql, std::string_view id) {
  auto query = db.prepare(sql);
  if (!query) return query.error();
  query->bind(1, id);
  auto row = query->step();
  if (!row) return row.error();
  if (!*row) return std::optional<std::string>{};
  return std::optional<std::string>{query->text(0)};
}

// A workflow event: who did what to a plan, and when.
struct PlanEvent {
  std::string_view event;
  std::string_view staff_id;
  std::optional<Date> on;
  std::string_view comments;
};

// The event a plan's new status means (none for a return to draft).
std::optional<PlanEvent> event_for_status(const core::PathwayPlan& plan) {
  switch (plan.status) {
    case core::PlanStatus::draft: return std::nullopt;
    case core::PlanStatus::submitted: return PlanEvent{"submitted", plan.author_id, plan.submitted_on, ""};
    case core::PlanStatus::authorised: return PlanEvent{"authorised", plan.authorised_by, plan.authorised_on, ""};
    case core::PlanStatus::returned:
      return PlanEvent{"returned", plan.returned_by, plan.returned_on, plan.return_comments};
  }
  return std::nullopt;
}

// The history of a plan first saved with its dates filled in (a plan made
// elsewhere, the demo council): one event per dated stage, as migration 2
// derives them for plans saved before events existed.
std::vector<PlanEvent> events_of_new_plan(const core::PathwayPlan& plan) {
  std::vector<PlanEvent> events{{"created", plan.author_id, plan.created_on, ""}};
  if (plan.submitted_on) events.push_back({"submitted", plan.author_id, plan.submitted_on, ""});
  if (plan.authorised_on) events.push_back({"authorised", plan.authorised_by, plan.authorised_on, ""});
  if (plan.returned_on) events.push_back({"returned", plan.returned_by, plan.returned_on, plan.return_comments});
  return events;
}

Status insert_plan_event(Database& db, std::string_view plan_id, const PlanEvent& event, Date today) {
  auto statement = db.prepare(detail::plan_events_table().insert_sql);
  if (!statement) return statement.error();
  Binder b(*statement, detail::plan_events_table());
  b.id(new_uuid()).id(plan_id).text(event.event).optional_id(event.staff_id).date(event.on.value_or(today));
  b.text(event.comments);
  if (Status bound = b.finish(); !bound) return bound;
  return statement->run();
}

Status save_plan_contents(Database& db, const core::PathwayPlan& plan) {
  const std::vector<core::PlanSectionContent> sections(plan.sections.begin(), plan.sections.end());
  if (Status saved = save_children(db, detail::plan_sections_table(), "plan_id", plan.id, "section", sections,
                                   [](size_t, const core::PlanSectionContent& s) { return std::string(core::code_of(s.section)); });
      !saved) {
    return saved;
  }
  std::vector<detail::SectionObjective> objectives;
  std::vector<std::string> keys;
  for (const auto& section : plan.sections) {
    for (size_t i = 0; i < section.objectives.size(); ++i) {
      objectives.push_back({section.section, section.objectives[i]});
      keys.push_back(std::string(core::code_of(section.section)) + ":" + std::to_string(i));
    }
  }
  return save_children(db, detail::objectives_table(), "plan_id", plan.id, "objective", objectives,
                       [&](size_t i, const detail::SectionObjective&) { return keys[i]; });
}

}  // namespace

// [SECTION] Saves

Status Writer::save(const core::Team& team) {
  if (Status valid = core::validate(team, today()); !valid) return remember(valid);
  return remember(save_versioned(db(), detail::teams_table(), team, "This team"));
}

Status Writer::save(const core::Staff& staff) {
  if (Status valid = core::validate(staff, today()); !valid) return remember(valid);
  return remember(save_versioned(db(), detail::staff_table(), staff, "This member of staff"));
}

Status Writer::save(const core::DutyManagerEntry& entry) {
  if (Status valid = core::validate(entry, today()); !valid) return remember(valid);
  return remember(save_versioned(db(), detail::duty_rota_table(), entry, "This duty rota entry"));
}

Status Writer::save(const core::YoungPerson& person) {
  if (Status valid = core::validate(person, today()); !valid) return remember(valid);
  const std::string languages = detail::json_string_array(person.languages);
  if (Status saved = save_versioned(db(), detail::young_people_table(), person, "This young person", languages); !saved) {
    return remember(saved);
  }
  if (Status saved = save_children(db(), detail::care_periods_table(), "young_person_id", person.id, "care",
                                   person.care_periods, by_position);
      !saved) {
    return remember(saved);
  }
  if (Status saved = save_children(db(), detail::education_periods_table(), "young_person_id", person.id, "education",
                                   person.education_or_training, by_position);
      !saved) {
    return remember(saved);
  }
  if (Status saved = save_children(db(), detail::parent_home_periods_table(), "young_person_id", person.id,
                                   "parent_home", person.lived_with_parent, by_position);
      !saved) {
    return remember(saved);
  }
  return remember(save_children(db(), detail::in_touch_table(), "young_person_id", person.id, "in_touch",
                                person.in_touch_records,
                                [](size_t, const core::InTouchRecord& r) { return std::to_string(r.age); }));
}

Status Writer::save(const core::Contact& contact) {
  if (Status valid = core::validate(contact, today()); !valid) return remember(valid);
  if (!contact.supersedes.empty()) {
    auto corrected_person = stored_text(db(), "SELECT young_person_id FROM contacts WHERE id = ?1", contact.supersedes);
    if (!corrected_person) return remember(corrected_person.error());
    if (!*corrected_person) {
      return remember(invalid("supersedes", "The contact this corrects is not on this device"));
    }
    if (**corrected_person != contact.young_person_id) {
      return remember(invalid("supersedes", "A correction must be for the same young person as the contact it corrects"));
    }
  }
  auto inserted = run_bound(db(), detail::contacts_table(), detail::contacts_table().insert_sql,
                            [&](Binder& b) { detail::bind(b, contact); });
  if (!inserted) {
    if (inserted.error().code == ErrorCode::conflict) {
      return remember(Error{ErrorCode::conflict, "This contact is already recorded: contacts are never edited, record a correction"});
    }
    return remember(inserted.error());
  }
  return remember(save_children(db(), detail::follow_ups_table(), "contact_id", contact.id, "follow_up",
                                contact.follow_ups, by_position));
}

Status Writer::save(const core::PathwayPlan& plan) {
  if (Status valid = core::validate(plan, today()); !valid) return remember(valid);
  auto stored_status = stored_text(db(), "SELECT status FROM pathway_plans WHERE id = ?1", plan.id);
  if (!stored_status) return remember(stored_status.error());
  if (Status saved = save_versioned(db(), detail::plans_table(), plan, "This pathway plan"); !saved) return remember(saved);
  if (Status saved = save_plan_contents(db(), plan); !saved) return remember(saved);
  std::vector<PlanEvent> events;
  if (!*stored_status) {
    events = events_of_new_plan(plan);
  } else if (**stored_status != core::code_of(plan.status)) {
    if (auto event = event_for_status(plan)) events.push_back(*event);
  }
  for (const PlanEvent& event : events) {
    if (Status recorded = insert_plan_event(db(), plan.id, event, today()); !recorded) return remember(recorded);
  }
  return ok_status();
}

Status Writer::save(const core::ActivitySpell& spell) {
  if (Status valid = core::validate(spell, today()); !valid) return remember(valid);
  return remember(save_versioned(db(), detail::activity_table(), spell, "This activity"));
}

Status Writer::save(const core::AccommodationSpell& spell) {
  if (Status valid = core::validate(spell, today()); !valid) return remember(valid);
  return remember(save_versioned(db(), detail::accommodation_table(), spell, "This accommodation"));
}

Status Writer::save(const core::RiskAssessment& assessment) {
  if (Status valid = core::validate(assessment, today()); !valid) return remember(valid);
  if (Status saved = save_versioned(db(), detail::risks_table(), assessment, "This risk assessment"); !saved) {
    return remember(saved);
  }
  return remember(save_children(db(), detail::risk_factors_table(), "risk_assessment_id", assessment.id, "factor",
                                assessment.factors,
                                [](size_t, core::RiskFactor f) { return std::string(core::code_of(f)); }));
}

// [SECTION] Removals

Status Writer::remove(std::string_view table, std::string_view id, std::string_view what) {
  auto statement = db().prepare("DELETE FROM " + std::string(table) + " WHERE id = ?1");
  if (!statement) return remember(statement.error());
  statement->bind(1, id);
  if (Status ran = statement->run(); !ran) return remember(ran);
  if (sqlite3_changes(db().handle()) == 0) return remember(Error{ErrorCode::not_found, std::string(what) + " does not exist"});
  return ok_status();
}

Status Writer::remove_duty_entry(std::string_view id) { return remove("duty_rota", id, "This duty rota entry"); }
Status Writer::remove_activity_spell(std::string_view id) { return remove("activity_spells", id, "This activity"); }
Status Writer::remove_accommodation_spell(std::string_view id) {
  return remove("accommodation_spells", id, "This accommodation");
}
Status Writer::remove_risk_assessment(std::string_view id) {
  return remove("risk_assessments", id, "This risk assessment");
}

}  // namespace pathway::store
