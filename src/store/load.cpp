// Set-based loading of records and their child rows (load.h).
#include "store/load.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "store/records.h"

namespace pathway::store::detail {

std::string select_sql(const TableSpec& spec, const Filter& filter) {
  if (filter.blank_columns.empty()) return spec.select_sql;
  std::string sql = "SELECT ";
  for (size_t i = 0; i < spec.columns.size(); ++i) {
    const std::string& column = spec.columns[i];
    const bool blank = std::find(filter.blank_columns.begin(), filter.blank_columns.end(), column) != filter.blank_columns.end();
    sql += (i ? ", " : "") + (blank ? "''" : column);
  }
  return sql + " FROM " + spec.table;
}

namespace {

Result<Statement> prepare_filtered(Database& db, const std::string& sql, const Filter& filter) {
  auto statement = db.prepare(sql);
  if (!statement) return statement.error();
  for (size_t i = 0; i < filter.args.size(); ++i) statement->bind(static_cast<int>(i + 1), filter.args[i]);
  return statement;
}

template <class T>
Result<std::vector<T>> select_records(Database& db, const TableSpec& spec, const Filter& filter) {
  std::vector<T> records;
  if (Status s = visit_records<T>(db, spec, filter, [&](T&& record) { records.push_back(std::move(record)); }); !s) {
    return s.error();
  }
  return records;
}

// Reads the child rows of `parents` (selected from `parent_table` by
// `filter`) and hands each to `add(parent, reader)`. Column 1 of every child
// table is its parent's id.
template <class Parent, class Add>
Status attach_children(Database& db, const TableSpec& child, std::string_view parent_column,
                       std::string_view parent_table, std::string_view order_column, const Filter& filter,
                       std::vector<Parent>& parents, Add&& add) {
  if (parents.empty()) return ok_status();
  std::unordered_map<std::string_view, Parent*> by_id;
  by_id.reserve(parents.size());
  for (auto& parent : parents) by_id.emplace(parent.id, &parent);
  const std::string sql = child.select_sql + " WHERE " + std::string(parent_column) + " IN (SELECT id FROM " +
                          std::string(parent_table) + " WHERE " + filter.where + ") ORDER BY " +
                          std::string(parent_column) + ", " + std::string(order_column);
  auto statement = prepare_filtered(db, sql, filter);
  if (!statement) return statement.error();
  for (;;) {
    auto row = statement->step();
    if (!row) return row.error();
    if (!*row) return ok_status();
    const auto found = by_id.find(statement->text(1));
    if (found == by_id.end()) continue;
    Reader reader(*statement, child);
    add(*found->second, reader);
    if (Status read_ok = reader.finish(); !read_ok) return read_ok;
  }
}

template <class Item>
auto append_to(std::vector<Item> core::YoungPerson::*list) {
  return [list](core::YoungPerson& person, Reader& reader) { read(reader, (person.*list).emplace_back()); };
}

}  // namespace

Result<std::vector<core::YoungPerson>> load_people(Database& db, const Filter& filter) {
  ReadTransaction snapshot(db);  // the people and their child rows from one snapshot
  std::vector<core::YoungPerson> result;
  std::optional<Error> unreadable;
  Status read_all = visit_records<PersonRow>(db, young_people_table(), filter, [&](PersonRow&& row) {
    auto languages = parse_json_string_array(db, row.languages_json);
    if (!languages) unreadable = unreadable.value_or(languages.error());
    else row.person.languages = std::move(*languages);
    result.push_back(std::move(row.person));
  });
  if (!read_all) return read_all.error();
  if (unreadable) return *unreadable;
  if (Status s = attach_children(db, care_periods_table(), "young_person_id", "young_people", "position", filter,
                                 result, append_to(&core::YoungPerson::care_periods));
      !s) {
    return s.error();
  }
  if (Status s = attach_children(db, education_periods_table(), "young_person_id", "young_people", "position", filter,
                                 result, append_to(&core::YoungPerson::education_or_training));
      !s) {
    return s.error();
  }
  if (Status s = attach_children(db, parent_home_periods_table(), "young_person_id", "young_people", "position",
                                 filter, result, append_to(&core::YoungPerson::lived_with_parent));
      !s) {
    return s.error();
  }
  if (Status s = attach_children(db, in_touch_table(), "young_person_id", "young_people", "age", filter, result,
                                 append_to(&core::YoungPerson::in_touch_records));
      !s) {
    return s.error();
  }
  return result;
}

Result<std::vector<core::Contact>> load_contacts(Database& db, const Filter& filter, bool with_children) {
  ReadTransaction snapshot(db);
  auto contacts = select_records<core::Contact>(db, contacts_table(), filter);
  if (!contacts || !with_children) return contacts;
  if (Status s = attach_children(db, follow_ups_table(), "contact_id", "contacts", "position", filter, *contacts,
                                 [](core::Contact& c, Reader& r) { read(r, c.follow_ups.emplace_back()); });
      !s) {
    return s.error();
  }
  return contacts;
}

Result<std::vector<core::PathwayPlan>> load_plans(Database& db, const Filter& filter, bool with_children) {
  ReadTransaction snapshot(db);
  auto plans = select_records<core::PathwayPlan>(db, plans_table(), filter);
  if (!plans || !with_children) return plans;
  const auto section_of = [](core::PathwayPlan& plan, core::PlanSection section) -> core::PlanSectionContent& {
    for (auto& content : plan.sections) {
      if (content.section == section) return content;
    }
    return plan.sections[0];  // unreachable: every section code has its slot
  };
  if (Status s = attach_children(db, plan_sections_table(), "plan_id", "pathway_plans", "position", filter, *plans,
                                 [&](core::PathwayPlan& plan, Reader& r) {
                                   core::PlanSectionContent content;
                                   read(r, content);
                                   auto& slot = section_of(plan, content.section);
                                   slot.assessed_needs = std::move(content.assessed_needs);
                                   slot.young_persons_views = std::move(content.young_persons_views);
                                 });
      !s) {
    return s.error();
  }
  if (Status s = attach_children(db, objectives_table(), "plan_id", "pathway_plans", "position", filter, *plans,
                                 [&](core::PathwayPlan& plan, Reader& r) {
                                   SectionObjective objective;
                                   read(r, objective);
                                   section_of(plan, objective.section).objectives.push_back(std::move(objective.objective));
                                 });
      !s) {
    return s.error();
  }
  return plans;
}

Result<std::vector<core::ActivitySpell>> load_activity(Database& db, const Filter& filter) {
  return select_records<core::ActivitySpell>(db, activity_table(), filter);
}

Result<std::vector<core::AccommodationSpell>> load_accommodation(Database& db, const Filter& filter) {
  return select_records<core::AccommodationSpell>(db, accommodation_table(), filter);
}

Result<std::vector<core::RiskAssessment>> load_risks(Database& db, const Filter& filter) {
  ReadTransaction snapshot(db);
  auto risks = select_records<core::RiskAssessment>(db, risks_table(), filter);
  if (!risks) return risks;
  if (Status s = attach_children(db, risk_factors_table(), "risk_assessment_id", "risk_assessments", "position", filter,
                                 *risks, [](core::RiskAssessment& a, Reader& r) { read(r, a.factors.emplace_back()); });
      !s) {
    return s.error();
  }
  return risks;
}

Result<std::vector<core::Staff>> load_staff(Database& db, const Filter& filter) {
  return select_records<core::Staff>(db, staff_table(), filter);
}

Result<std::vector<core::Team>> load_teams(Database& db, const Filter& filter) {
  return select_records<core::Team>(db, teams_table(), filter);
}

Result<std::vector<core::DutyManagerEntry>> load_duty_rota(Database& db, const Filter& filter) {
  return select_records<core::DutyManagerEntry>(db, duty_rota_table(), filter);
}

}  // namespace pathway::store::detail
