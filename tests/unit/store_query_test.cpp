// The store's queries: a PA's caseload with what is due (core's rules on the
// rows SQL picks), a young person's timeline newest first and paged, a
// team's plans awaiting authorisation, the world the figures read; and, with
// EXPLAIN QUERY PLAN, that each query searches the index made for it rather
// than scanning a table.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "core/category.h"
#include "core/figures.h"
#include "store/change_capture.h"
#include "store/database.h"
#include "store/queries_sql.h"
#include "store/records.h"
#include "store/schema.h"
#include "store_fixtures.h"

using namespace pathway;
using namespace pathway::store_test;

namespace {

core::Contact seen_on(std::string id, std::string person, const char* when) {
  return sample_contact(std::move(id), std::move(person), at(when));
}

// staff-pa-1's caseload on the test day (Monday 23 November 2026):
//  yp-1: seen 2 Nov, every 4 weeks -> due 30 Nov; plan authorised 12 May ->
//        review due 12 Nov, overdue; medium risk.
//  yp-2: never contacted -> overdue; no plan.
//  yp-3: seen 1 Sep; a visit on 20 Nov where they were not seen, and one on
//        15 Nov withdrawn by a correction -> due 29 Sep, overdue.
//  yp-closed (closed case) and yp-other (another PA) are not on it.
void fill_caseload(store::Store& store) {
  REQUIRE(save_one_of_everything(store).ok());
  auto saved = store.write(test_actor, test_now, [](store::Writer& w) -> Status {
    core::YoungPerson two = sample_person("yp-2");
    two.preferred_name = "";
    two.legal_given_name = "Ada";
    if (Status s = w.save(two); !s) return s;
    core::YoungPerson three = sample_person("yp-3");
    three.preferred_name = "Bea";
    if (Status s = w.save(three); !s) return s;
    if (Status s = w.save(seen_on("c3-sep", "yp-3", "2026-09-01T10:00:00Z")); !s) return s;
    core::Contact not_seen = seen_on("c3-not-seen", "yp-3", "2026-11-20T10:00:00Z");
    not_seen.outcome = core::ContactOutcome::not_seen;
    not_seen.not_seen_reason = core::NotSeenReason::no_answer;
    if (Status s = w.save(not_seen); !s) return s;
    if (Status s = w.save(seen_on("c3-mistake", "yp-3", "2026-11-15T10:00:00Z")); !s) return s;
    core::Contact withdrawal = seen_on("c3-withdrawn", "yp-3", "2026-11-15T10:00:00Z");
    withdrawal.supersedes = "c3-mistake";
    withdrawal.correction_reason = "Recorded on the wrong young person";
    withdrawal.withdrawn = true;
    if (Status s = w.save(withdrawal); !s) return s;
    core::YoungPerson closed = sample_person("yp-closed");
    closed.case_status = core::CaseStatus::closed;
    closed.case_closed_on = day("2026-10-01");
    if (Status s = w.save(closed); !s) return s;
    return w.save(sample_person("yp-other", "staff-pa-2"));
  });
  REQUIRE_MESSAGE(saved.ok(), saved.error().message);
}

}  // namespace

TEST_CASE("store caseload: a PA's open cases, most urgent first, with due dates from core's rules") {
  auto store = open_memory_store();
  REQUIRE(store);
  fill_caseload(*store);
  auto caseload = store->caseload("staff-pa-1", test_today);
  REQUIRE_MESSAGE(caseload.ok(), caseload.error().message);
  REQUIRE(caseload->size() == 3);
  const auto& [two, three, one] = std::tie((*caseload)[0], (*caseload)[1], (*caseload)[2]);

  CHECK(two.young_person_id == "yp-2");
  CHECK(two.display_name == "Ada Testperson");  // no preferred name: the legal given name
  CHECK_FALSE(two.contact.due.has_value());
  CHECK(two.contact.overdue);
  CHECK(two.plan_standing == core::PlanStanding::no_plan);
  CHECK_FALSE(two.risk_level.has_value());

  CHECK(three.young_person_id == "yp-3");
  CHECK(three.display_name == "Bea Testperson");
  CHECK(three.contact.last_contact == day("2026-09-01"));
  CHECK(three.contact.due == day("2026-09-29"));
  CHECK(three.contact.overdue);
  CHECK(three.contact.days_overdue == 55);

  CHECK(one.young_person_id == "yp-1");
  CHECK(one.display_name == "Zeddy Testperson");
  CHECK(one.age == 19);
  CHECK(core::is_care_leaver(one.category.category));
  CHECK(one.contact.last_contact == day("2026-11-02"));
  CHECK(one.contact.due == day("2026-11-30"));
  CHECK_FALSE(one.contact.overdue);
  CHECK(one.plan_standing == core::PlanStanding::overdue);
  CHECK(one.plan_review_due == day("2026-11-12"));
  CHECK(one.newest_plan_status == core::PlanStatus::authorised);
  CHECK(one.risk_level == core::RiskLevel::medium);
  CHECK_FALSE(one.risk_review_overdue);

  // The same person on another day: what is due moves with "today".
  auto earlier = store->caseload("staff-pa-1", day("2026-11-10"));
  REQUIRE(earlier.ok());
  const auto yp1 = std::find_if(earlier->begin(), earlier->end(), [](const auto& r) { return r.young_person_id == "yp-1"; });
  REQUIRE(yp1 != earlier->end());
  CHECK(yp1->plan_standing == core::PlanStanding::up_to_date);
  CHECK(yp1->contact.last_contact == day("2026-11-02"));

  CHECK(store->caseload("staff-pa-2", test_today)->size() == 1);
  CHECK(store->caseload("staff-nobody", test_today)->empty());
}

TEST_CASE("store team caseload: the team's open cases grouped by PA, with counts") {
  auto store = open_memory_store();
  REQUIRE(store);
  fill_caseload(*store);
  // Team 1: staff-pa-1 (3 open cases), staff-pa-2 (yp-other), staff-pa-3 (none),
  // a PA who has left (inactive, none) and the manager (none). staff-pa-9 is
  // in team 2; yp-elsewhere is recorded against team 1 but allocated to
  // staff-pa-9, so it is team 2's (the server's rule goes by the PA's team).
  auto saved = store->write(test_actor, test_now, [](store::Writer& w) -> Status {
    (void)w.save(sample_team("team-2"));
    (void)w.save(sample_staff("staff-pa-2"));
    (void)w.save(sample_staff("staff-pa-3"));
    core::Staff left = sample_staff("staff-pa-0-left");
    left.active = false;
    (void)w.save(left);
    core::Staff elsewhere = sample_staff("staff-pa-9");
    elsewhere.team_id = "team-2";
    (void)w.save(elsewhere);
    return w.save(sample_person("yp-elsewhere", "staff-pa-9"));
  });
  REQUIRE_MESSAGE(saved.ok(), saved.error().message);

  auto groups = store->team_caseload("team-1", test_today);
  REQUIRE_MESSAGE(groups.ok(), groups.error().message);
  struct Expected {
    const char* staff_id;
    std::vector<std::string> people;  // in caseload order: most urgent first
    int contacts_overdue, plans_late;
  };
  const Expected expected[] = {
      {"staff-pa-1", {"yp-2", "yp-3", "yp-1"}, 2, 3},  // yp-2 never contacted, yp-3 seen in September; yp-1 review late, no plans for 2 and 3
      {"staff-pa-2", {"yp-other"}, 1, 1},  // never contacted, no plan
      {"staff-pa-3", {}, 0, 0},
  };
  REQUIRE(groups->size() == std::size(expected));
  for (size_t i = 0; i < groups->size(); ++i) {
    const store::PaCaseload& group = (*groups)[i];
    CAPTURE(group.staff_id);
    CHECK(group.staff_id == expected[i].staff_id);
    CHECK(group.name == "Testa Adviser-" + group.staff_id);  // by name
    std::vector<std::string> people;
    for (const store::CaseloadRow& row : group.rows) {
      people.push_back(row.young_person_id);
      CHECK(row.allocated_pa_id == group.staff_id);
    }
    CHECK(people == expected[i].people);
    CHECK(group.contacts_overdue == expected[i].contacts_overdue);
    CHECK(group.plans_late == expected[i].plans_late);
  }
  // Each PA's lines are the lines of their own caseload.
  auto own = store->caseload("staff-pa-1", test_today);
  REQUIRE(own.ok());
  for (size_t i = 0; i < own->size(); ++i) CHECK((*groups)[0].rows[i].contact.due == (*own)[i].contact.due);

  auto other_team = store->team_caseload("team-2", test_today);
  REQUIRE(other_team.ok());
  REQUIRE(other_team->size() == 1);
  CHECK(other_team->front().rows.size() == 1);
  CHECK(other_team->front().rows.front().young_person_id == "yp-elsewhere");
  CHECK(store->team_caseload("team-nobody", test_today)->empty());
}

TEST_CASE("store caseload: one young person's line, by id, is the line the caseload shows") {
  auto store = open_memory_store();
  REQUIRE(store);
  fill_caseload(*store);
  auto caseload = store->caseload("staff-pa-1", test_today);
  REQUIRE(caseload.ok());
  for (const store::CaseloadRow& expected : *caseload) {
    CAPTURE(expected.young_person_id);
    auto row = store->caseload_row_of(expected.young_person_id, test_today);
    REQUIRE_MESSAGE(row.ok(), row.error().message);
    CHECK(row->display_name == expected.display_name);
    CHECK(row->age == expected.age);
    CHECK(row->category.category == expected.category.category);
    CHECK(row->contact.due == expected.contact.due);
    CHECK(row->contact.days_overdue == expected.contact.days_overdue);
    CHECK(row->plan_standing == expected.plan_standing);
    CHECK(row->plan_review_due == expected.plan_review_due);
    CHECK(row->newest_plan_status == expected.newest_plan_status);
    CHECK(row->risk_level == expected.risk_level);
    CHECK(row->flags.uasc == expected.flags.uasc);
  }
  CHECK(caseload->back().flags.uasc);  // yp-1's flags (the fixture sets UASC, disability, SEND)
  CHECK(caseload->back().flags.send);
  CHECK(store->caseload_row_of("yp-nobody", test_today).error().code == ErrorCode::not_found);
}

TEST_CASE("store timeline: newest first across contacts, plan events, spells and risks, paged without gaps") {
  auto store = open_memory_store();
  REQUIRE(store);
  fill_caseload(*store);
  auto all = store->timeline("yp-1", "", 500);
  REQUIRE_MESSAGE(all.ok(), all.error().message);
  CHECK(all->next_cursor.empty());
  std::vector<std::string> seen;
  for (const auto& e : all->entries) seen.push_back(e.at.substr(0, 10) + " " + e.code);
  // contact 2 Nov, risk 1 Oct, activity 1 Sep, plan created/submitted/authorised in May, accommodation Mar 2025.
  CHECK(seen == std::vector<std::string>{"2026-11-02 HOME_VISIT", "2026-10-01 MEDIUM", "2026-09-01 F4",
                                         "2026-05-12 authorised", "2026-05-10 submitted", "2026-05-01 created",
                                         "2025-03-14 Z"});
  CHECK(all->entries[0].kind == store::TimelineEntry::Kind::contact);
  CHECK(all->entries[0].detail_code == "SEEN_ALONE");
  CHECK(all->entries[0].text.starts_with("Visited at home."));
  CHECK(all->entries.back().detail_code == "1");  // suitable

  // Withdrawn and superseded contacts are not on the timeline; the not-seen visit is.
  auto three = store->timeline("yp-3");
  REQUIRE(three.ok());
  std::vector<std::string> contacts;
  for (const auto& e : three->entries) contacts.push_back(e.record_id + " " + e.detail_code);
  CHECK(contacts == std::vector<std::string>{"c3-not-seen NOT_SEEN", "c3-sep SEEN_ALONE"});

  // Pages of 3: the same entries in the same order, none twice.
  std::vector<std::string> paged;
  std::string cursor;
  int pages = 0;
  do {
    auto page = store->timeline("yp-1", cursor, 3);
    REQUIRE(page.ok());
    CHECK(page->entries.size() <= 3);
    for (const auto& e : page->entries) paged.push_back(e.at.substr(0, 10) + " " + e.code);
    cursor = page->next_cursor;
    ++pages;
  } while (!cursor.empty() && pages < 10);
  CHECK(pages == 3);
  CHECK(paged == seen);

  for (const char* bad : {"nonsense", "2026-01-01|7|x", "|0|", "2026-01-01|0"}) {
    auto refused = store->timeline("yp-1", bad);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().field == "cursor");
  }
  CHECK(store->timeline("yp-1", "", 0).error().field == "limit");
}

TEST_CASE("store plans awaiting authorisation: the team's submitted plans, oldest submission first") {
  auto store = open_memory_store();
  REQUIRE(store);
  fill_caseload(*store);
  auto saved = store->write(test_actor, test_now, [](store::Writer& w) -> Status {
    auto submitted = [](std::string id, std::string person, std::string team, const char* on) {
      core::PathwayPlan plan = sample_plan(std::move(id), std::move(person));
      plan.status = core::PlanStatus::submitted;
      plan.team_id = std::move(team);
      plan.submitted_on = day(on);
      plan.authorised_by.clear();
      plan.authorised_on.reset();
      return plan;
    };
    if (Status s = w.save(submitted("plan-late", "yp-2", "team-1", "2026-11-20")); !s) return s;
    if (Status s = w.save(submitted("plan-early", "yp-3", "team-1", "2026-11-02")); !s) return s;
    return w.save(submitted("plan-elsewhere", "yp-other", "team-2", "2026-11-01"));
  });
  REQUIRE_MESSAGE(saved.ok(), saved.error().message);
  auto awaiting = store->plans_awaiting_authorisation("team-1");
  REQUIRE(awaiting.ok());
  REQUIRE(awaiting->size() == 2);
  CHECK((*awaiting)[0].plan_id == "plan-early");
  CHECK((*awaiting)[0].display_name == "Bea Testperson");
  CHECK((*awaiting)[0].submitted_on == day("2026-11-02"));
  CHECK((*awaiting)[1].plan_id == "plan-late");
  CHECK((*awaiting)[1].author_id == "staff-pa-1");
  CHECK(store->plans_awaiting_authorisation("team-2")->size() == 1);

  // Authorising takes a plan off the list (and records the event).
  auto plan = store->pathway_plan("plan-early");
  REQUIRE(plan.ok());
  plan->status = core::PlanStatus::authorised;
  plan->authorised_by = "staff-tm-1";
  plan->authorised_on = test_today;
  REQUIRE(store->write(test_actor, test_now, [&](store::Writer& w) { return w.save(*plan); }).ok());
  CHECK(store->plans_awaiting_authorisation("team-1")->size() == 1);
  CHECK(store->timeline("yp-3")->entries.front().code == "authorised");
}

TEST_CASE("store load_world: a team or the council, ready for core's figures") {
  auto store = open_memory_store();
  REQUIRE(store);
  fill_caseload(*store);
  auto moved = store->write(test_actor, test_now, [&](store::Writer& w) {
    core::YoungPerson other = *store->young_person("yp-other");
    other.team_id = "team-2";
    return w.save(other);
  });
  REQUIRE(moved.ok());

  auto council = store->load_world();
  REQUIRE_MESSAGE(council.ok(), council.error().message);
  CHECK(council->people.size() == 5);
  CHECK(council->contacts.size() == 5);
  CHECK(council->contacts[0].follow_ups.empty());  // figures need no follow-ups
  CHECK(council->contacts[0].pa_notes.empty());     // nor notes
  CHECK(council->contacts[0].occurred_at == at("2026-11-02T14:30:00Z"));
  CHECK(council->plans.size() == 1);
  CHECK(council->activities.size() == 1);
  CHECK(council->accommodations.size() == 1);
  CHECK(council->risks.size() == 1);
  CHECK(council->risks[0].factors.size() == 2);
  CHECK(council->staff.size() == 2);
  CHECK(council->teams.size() == 1);
  CHECK(council->duty_rota.size() == 1);
  CHECK(council->people[0].care_periods.size() == 2);

  auto team = store->load_world({.team_id = "team-1"});
  REQUIRE(team.ok());
  CHECK(team->people.size() == 4);
  CHECK(team->contacts.size() == 5);
  auto recent = store->load_world({.contacts_from = day("2026-11-01")});
  REQUIRE(recent.ok());
  CHECK(recent->contacts.size() == 4);  // not the September visit

  const core::Figures figures = core::compute_figures(*council, day("2026-04-01"), test_today);
  CHECK(figures.by_pa.size() >= 1);
}

TEST_CASE("store query plans: every query searches its index instead of scanning a table") {
  store::detail::Database db;
  store::detail::WriteContext context;
  REQUIRE(db.open(":memory:", "").ok());
  REQUIRE(store::detail::register_change_functions(db, context).ok());
  REQUIRE(store::detail::migrate(db, context).ok());

  const auto plan_of = [&](const std::string& sql) {
    auto query = db.prepare("EXPLAIN QUERY PLAN " + sql);
    REQUIRE_MESSAGE(query.ok(), query.error().message);
    std::string plan;
    while (*query->step()) plan += query->text(3) + "\n";
    return plan;
  };
  const auto filtered = [](const store::detail::TableSpec& spec, const char* where) {
    return spec.select_sql + " WHERE " + where;
  };
  struct Case {
    const char* name;
    std::string sql;
    std::vector<std::string> indexes;  // each must be searched
  };
  const store::detail::sql::CaseloadScope& pa = store::detail::sql::pa_caseload;
  const store::detail::sql::CaseloadScope& team = store::detail::sql::team_caseload;
  const Case cases[] = {
      {"caseload: the PA's people", filtered(store::detail::young_people_table(), pa.people), {"young_people_by_pa"}},
      {"caseload: their care periods", filtered(store::detail::care_periods_table(), pa.records),
       {"young_people_by_pa", "care_periods_by_person"}},
      {"caseload: activity on the day", filtered(store::detail::activity_table(), pa.activity_on_day),
       {"young_people_by_pa", "activity_by_person"}},
      {"caseload: plans", filtered(store::detail::plans_table(), pa.records), {"young_people_by_pa", "plans_by_person"}},
      {"caseload: risks", filtered(store::detail::risks_table(), pa.risks_until), {"young_people_by_pa", "risks_by_person"}},
      {"team caseload: the team's people", filtered(store::detail::young_people_table(), team.people),
       {"staff_by_team", "young_people_by_pa"}},
      {"team caseload: activity on the day", filtered(store::detail::activity_table(), team.activity_on_day),
       {"staff_by_team", "young_people_by_pa", "activity_by_person"}},
      {"team caseload: plans", filtered(store::detail::plans_table(), team.records),
       {"staff_by_team", "young_people_by_pa", "plans_by_person"}},
      {"team caseload: risks", filtered(store::detail::risks_table(), team.risks_until),
       {"staff_by_team", "young_people_by_pa", "risks_by_person"}},
      {"caseload: last contact", store::detail::sql::current_contacts_newest_first(),
       {"contacts_by_person", "contacts_by_supersedes"}},
      {"timeline", store::detail::sql::timeline_page,
       {"contacts_by_person", "contacts_by_supersedes", "plans_by_person", "plan_events_by_plan", "activity_by_person",
        "accommodation_by_person", "risks_by_person"}},
      {"plans awaiting authorisation", store::detail::sql::plans_awaiting_authorisation,
       {"plans_awaiting_authorisation"}},
  };
  const std::set<std::string> tables = {"young_people", "care_periods", "contacts", "pathway_plans", "plan_events",
                                        "activity_spells", "accommodation_spells", "risk_assessments"};
  for (const Case& c : cases) {
    const std::string name = c.name;
    CAPTURE(name);
    const std::string plan = plan_of(c.sql);
    CAPTURE(plan);
    for (const auto& index : c.indexes) CHECK(plan.find("INDEX " + index + " ") != std::string::npos);
    for (const auto& table : tables) {
      CHECK(plan.find("SCAN " + table + "\n") == std::string::npos);
      CHECK(plan.find("SCAN " + table + " ") == std::string::npos);
    }
    CHECK(plan.find("SCAN c\n") == std::string::npos);  // aliases of contacts in the timeline
    CHECK(plan.find("SCAN p\n") == std::string::npos);
  }
}
