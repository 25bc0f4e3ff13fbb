// The queries the screens and dashboards need (store.h): a PA's caseload
// with what is due, a young person's timeline, a team's plans awaiting
// authorisation, and the whole world the statutory figures read. SQL picks
// the few rows each answer needs (using the indexes the schema makes for
// them; tests/unit/store_query_plan_test.cpp checks with EXPLAIN QUERY PLAN);
// core's rules decide what is due, so the store never re-implements a rule.
#include <algorithm>
#include <unordered_map>

#include "core/category.h"
#include "core/histories.h"
#include "core/keeping_in_touch.h"
#include "core/plans.h"
#include "store/load.h"
#include "store/queries_sql.h"
#include "store/records.h"
#include "store/store.h"

namespace pathway::store {

using detail::Filter;

namespace {

std::string display_name(const std::string& preferred, const std::string& given, const std::string& family) {
  return (preferred.empty() ? given : preferred) + " " + family;
}

// Records grouped by the young person they belong to.
template <class T>
std::unordered_map<std::string, std::vector<T>> by_person(std::vector<T> records) {
  std::unordered_map<std::string, std::vector<T>> grouped;
  for (auto& record : records) grouped[record.young_person_id].push_back(std::move(record));
  return grouped;
}

template <class T>
std::span<const T> records_of(const std::unordered_map<std::string, std::vector<T>>& grouped, const std::string& id) {
  const auto found = grouped.find(id);
  if (found == grouped.end()) return {};
  return found->second;
}

// The last contact on or before `today` that counts (core's rule), walking
// the person's current contact versions newest first; usually one row.
Result<std::optional<Date>> last_counted_contact(detail::Database& db, const std::string& person_id, Date today) {
  auto query = db.prepare(detail::sql::current_contacts_newest_first());
  if (!query) return query.error();
  query->bind_all(person_id, today.plus_days(1).iso());
  for (;;) {
    auto row = query->step();
    if (!row) return row.error();
    if (!*row) return std::optional<Date>{};
    core::Contact contact;
    detail::Reader reader(*query, detail::contacts_table());
    detail::read(reader, contact);
    if (Status read_ok = reader.finish(); !read_ok) return read_ok.error();
    if (core::counts_as_contact(contact)) return std::optional<Date>{uk_date_of(contact.occurred_at)};
  }
}

// One person's line of the caseload from their records (any in `plans`,
// oldest first; activity and risks up to `today` suffice).
Result<CaseloadRow> caseload_row(detail::Database& db, const core::YoungPerson& person,
                                 std::span<const core::ActivitySpell> activity,
                                 std::span<const core::PathwayPlan> plans, std::span<const core::RiskAssessment> risks,
                                 Date today) {
  CaseloadRow row;
  row.young_person_id = person.id;
  row.display_name = display_name(person.preferred_name, person.legal_given_name, person.legal_family_name);
  row.age = core::age_on(person, today);
  row.flags = person.flags;
  row.allocated_pa_id = person.allocated_pa_id;
  const core::ActivitySpell* activity_today = core::activity_on(activity, today);
  row.category = core::categorise(person, today, activity_today ? std::optional(activity_today->code) : std::nullopt);

  auto last_contact = last_counted_contact(db, person.id, today);
  if (!last_contact) return last_contact.error();
  row.contact = core::contact_due_after(*last_contact, person.contact_frequency, today);

  const core::PathwayPlan* current = core::current_plan(plans, today);
  row.plan_standing = core::plan_standing(current, today);
  if (current) row.plan_review_due = core::next_review_due(*current);
  if (!plans.empty()) row.newest_plan_status = plans.back().status;

  if (const core::RiskAssessment* risk = core::current_risk(risks, today)) {
    row.risk_level = risk->level;
    row.risk_review_overdue = core::risk_review_overdue(*risk, today);
  }
  return row;
}

// "<at>|<kind>|<key>": where the next timeline page starts.
struct TimelineCursor {
  std::string at;
  int64_t kind = 0;
  std::string key;
};

std::optional<TimelineCursor> parse_cursor(std::string_view text) {
  const size_t first = text.find('|');
  const size_t second = first == std::string_view::npos ? first : text.find('|', first + 1);
  if (second == std::string_view::npos || second != first + 2) return std::nullopt;
  const char kind = text[first + 1];
  if (kind < '0' || kind > '4') return std::nullopt;
  TimelineCursor cursor{std::string(text.substr(0, first)), kind - '0', std::string(text.substr(second + 1))};
  if (cursor.at.empty() || cursor.key.empty() || cursor.at.size() > 32 || cursor.key.size() > 200) return std::nullopt;
  return cursor;
}

}  // namespace

// [SECTION] Caseload

namespace {

// The caseload lines of the open cases `scope` picks (?1 = `who`), most
// urgent first: never contacted or overdue longest, then soonest due.
Result<std::vector<CaseloadRow>> caseload_lines(detail::Database& db, const detail::sql::CaseloadScope& scope,
                                                const std::string& who, Date today) {
  detail::ReadTransaction snapshot(db);
  const std::string day = today.iso();
  auto people = detail::load_people(db, Filter{scope.people, {who}});
  if (!people) return people.error();
  auto activity = detail::load_activity(db, Filter{scope.activity_on_day, {who, day}});
  if (!activity) return activity.error();
  // Plans are grouped as they are read: their rows only (no sections).
  std::unordered_map<std::string, std::vector<core::PathwayPlan>> plans_by_person;
  if (Status read = detail::visit_records<core::PathwayPlan>(
          db, detail::plans_table(), Filter{scope.records, {who}, "created_on, id"},
          [&](core::PathwayPlan&& plan) { plans_by_person[plan.young_person_id].push_back(std::move(plan)); });
      !read) {
    return read.error();
  }
  auto risks = detail::load_risks(db, Filter{scope.risks_until, {who, day}});
  if (!risks) return risks.error();
  const auto activity_by_person = by_person(std::move(*activity));
  const auto risks_by_person = by_person(std::move(*risks));

  std::vector<CaseloadRow> rows;
  rows.reserve(people->size());
  for (const core::YoungPerson& person : *people) {
    auto row = caseload_row(db, person, records_of(activity_by_person, person.id), records_of(plans_by_person, person.id),
                            records_of(risks_by_person, person.id), today);
    if (!row) return row.error();
    rows.push_back(std::move(*row));
  }
  std::sort(rows.begin(), rows.end(), [](const CaseloadRow& a, const CaseloadRow& b) {
    const auto urgency = [](const CaseloadRow& r) {
      return std::tuple(r.contact.due.has_value(), r.contact.due.value_or(Date{}), r.display_name);
    };
    return urgency(a) < urgency(b);
  });
  return rows;
}

}  // namespace

Result<std::vector<CaseloadRow>> Store::caseload(std::string_view staff_id, Date today) {
  return caseload_lines(*db_, detail::sql::pa_caseload, std::string(staff_id), today);
}

Result<std::vector<PaCaseload>> Store::team_caseload(std::string_view team_id, Date today) {
  detail::ReadTransaction snapshot(*db_);  // the staff and their cases from the same moment
  const std::string team(team_id);
  auto staff = detail::load_staff(*db_, Filter{"team_id = ?1", {team}, "name, id"});
  if (!staff) return staff.error();
  auto rows = caseload_lines(*db_, detail::sql::team_caseload, team, today);
  if (!rows) return rows.error();
  std::vector<PaCaseload> groups;
  for (const core::Staff& member : *staff) {
    PaCaseload group{member.id, member.name, {}, 0, 0};
    for (CaseloadRow& row : *rows) {
      if (row.allocated_pa_id != member.id) continue;
      group.contacts_overdue += row.contact.overdue;
      group.plans_late += row.plan_standing != core::PlanStanding::up_to_date;
      group.rows.push_back(std::move(row));
    }
    // Every PA of the team, with or without cases; anyone else only with some.
    const bool adviser = member.active && member.role == core::StaffRole::personal_adviser;
    if (adviser || !group.rows.empty()) groups.push_back(std::move(group));
  }
  return groups;
}

Result<CaseloadRow> Store::caseload_row_of(std::string_view young_person_id, Date today) {
  detail::ReadTransaction snapshot(*db_);
  auto person = young_person(young_person_id);
  if (!person) return person.error();
  auto activity = activity_of(young_person_id);
  if (!activity) return activity.error();
  auto plans = plans_of(young_person_id);
  if (!plans) return plans.error();
  auto risks = risks_of(young_person_id);
  if (!risks) return risks.error();
  return caseload_row(*db_, *person, *activity, *plans, *risks, today);
}

// [SECTION] Timeline

Result<TimelinePage> Store::timeline(std::string_view young_person_id, std::string_view cursor_text, int limit) {
  if (limit < 1 || limit > 500) return invalid("limit", "A timeline page holds 1 to 500 entries");
  TimelineCursor cursor{"~", 9, ""};  // sorts after everything: the first page
  if (!cursor_text.empty()) {
    auto parsed = parse_cursor(cursor_text);
    if (!parsed) return invalid("cursor", "The timeline position is not one this store gave out");
    cursor = std::move(*parsed);
  }
  auto query = db_->prepare(detail::sql::timeline_page);
  if (!query) return query.error();
  query->bind_all(std::string(young_person_id), cursor.at, cursor.kind, cursor.key, int64_t{limit} + 1);
  TimelinePage page;
  std::string last_key;  // of the last entry on the page: where the next page starts
  for (;;) {
    auto row = query->step();
    if (!row) return row.error();
    if (!*row) break;
    if (static_cast<int>(page.entries.size()) == limit) {  // one row more than asked: there is a next page
      const TimelineEntry& last = page.entries.back();
      page.next_cursor = last.at + "|" + std::to_string(static_cast<int>(last.kind)) + "|" + last_key;
      break;
    }
    last_key = query->text(6);
    TimelineEntry entry;
    entry.kind = static_cast<TimelineEntry::Kind>(query->integer(0));
    entry.record_id = query->text(1);
    entry.at = query->text(2);
    entry.code = query->text(3);
    entry.detail_code = query->text(4);
    entry.text = query->text(5);
    page.entries.push_back(std::move(entry));
  }
  return page;
}

// [SECTION] Plans awaiting authorisation

Result<std::vector<PlanAwaitingAuthorisation>> Store::plans_awaiting_authorisation(std::string_view team_id) {
  auto query = db_->prepare(detail::sql::plans_awaiting_authorisation);
  if (!query) return query.error();
  query->bind(1, team_id);
  std::vector<PlanAwaitingAuthorisation> plans;
  for (;;) {
    auto row = query->step();
    if (!row) return row.error();
    if (!*row) return plans;
    PlanAwaitingAuthorisation plan;
    plan.plan_id = query->text(0);
    plan.young_person_id = query->text(1);
    plan.display_name = display_name(query->text(2), query->text(3), query->text(4));
    plan.author_id = query->text(5);
    if (auto on = query->optional_text(6)) plan.submitted_on = Date::parse(*on);
    plans.push_back(std::move(plan));
  }
}

// [SECTION] The world, for figures

Result<core::Caseworld> Store::load_world(const WorldScope& scope) {
  const bool whole_council = scope.team_id.empty();
  std::vector<std::string> args;
  if (!whole_council) args.push_back(scope.team_id);
  // Records of the people in scope; rowid order reads each table front to back.
  const std::string people_where = whole_council ? "1" : "team_id = ?1";
  const std::string owned_where =
      whole_council ? "1" : "young_person_id IN (SELECT id FROM young_people WHERE team_id = ?1)";
  // The figures count contacts; they never read what was said.
  Filter contacts_filter{owned_where, args, "rowid", {"present", "young_persons_words", "pa_notes", "correction_reason"}};
  if (scope.contacts_from) {
    contacts_filter.args.push_back(scope.contacts_from->iso());
    contacts_filter.where += " AND occurred_at >= ?" + std::to_string(contacts_filter.args.size());
  }

  detail::ReadTransaction snapshot(*db_);  // every figure from the same moment
  core::Caseworld world;
  auto people = detail::load_people(*db_, Filter{people_where, args, "rowid"});
  if (!people) return people.error();
  world.people = std::move(*people);
  auto contacts = detail::load_contacts(*db_, contacts_filter, false);
  if (!contacts) return contacts.error();
  world.contacts = std::move(*contacts);
  auto plans = detail::load_plans(*db_, Filter{owned_where, args, "rowid"}, false);
  if (!plans) return plans.error();
  world.plans = std::move(*plans);
  auto activity = detail::load_activity(*db_, Filter{owned_where, args, "rowid"});
  if (!activity) return activity.error();
  world.activities = std::move(*activity);
  auto accommodation = detail::load_accommodation(*db_, Filter{owned_where, args, "rowid"});
  if (!accommodation) return accommodation.error();
  world.accommodations = std::move(*accommodation);
  auto risks = detail::load_risks(*db_, Filter{owned_where, args, "rowid"});
  if (!risks) return risks.error();
  world.risks = std::move(*risks);
  auto staff = detail::load_staff(*db_, Filter{whole_council ? "1" : "team_id = ?1", args, "name, id"});
  if (!staff) return staff.error();
  world.staff = std::move(*staff);
  auto teams = detail::load_teams(*db_, Filter{"1", {}, "name, id"});
  if (!teams) return teams.error();
  world.teams = std::move(*teams);
  auto rota = detail::load_duty_rota(*db_, Filter{"1", {}, "from_date, id"});
  if (!rota) return rota.error();
  world.duty_rota = std::move(*rota);
  return world;
}

}  // namespace pathway::store
