// Obviously fictional records for the store tests: one of every kind, each
// valid on the fixed test day, with every optional field filled so that a
// round trip through the store exercises every column.
#pragma once

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "core/model.h"
#include "store/schema.h"
#include "store/store.h"
#include "support/store_testing.h"

namespace pathway::store_test {

// The test day: Monday 23 November 2026, 10:00 UTC.
inline const Instant test_now = *Instant::parse("2026-11-23T10:00:00Z");
inline const Date test_today = *Date::parse("2026-11-23");
inline const store::Actor test_actor{"staff-pa-1", "device-test"};

inline Date day(const char* iso) { return *Date::parse(iso); }
inline Instant at(const char* iso) { return *Instant::parse(iso); }

using Rows = std::vector<std::vector<std::string>>;

// The rows of a raw SQL query; the test fails where the query does.
inline Rows query(store::Store& store, const std::string& sql) {
  auto rows = store::testing::query(store, sql);
  REQUIRE_MESSAGE(rows.ok(), sql, ": ", rows.error().message);
  return *rows;
}

// What an open returned; the test stops where it failed.
template <class T>
T required(Result<T> opened) {
  REQUIRE_MESSAGE(opened.ok(), opened.error().message);
  return std::move(*opened);
}

inline std::unique_ptr<store::Store> open_memory_store() {
  auto opened = store::Store::open({.path = ":memory:"});
  return opened ? std::move(*opened) : nullptr;
}

inline core::Team sample_team(std::string id = "team-1") {
  core::Team team;
  team.id = std::move(id);
  team.name = "Test Team North";
  team.manager_id = "staff-tm-1";
  return team;
}

inline core::Staff sample_staff(std::string id = "staff-pa-1", core::StaffRole role = core::StaffRole::personal_adviser) {
  core::Staff staff;
  staff.id = std::move(id);
  staff.name = "Testa Adviser-" + staff.id;
  staff.role = role;
  staff.team_id = "team-1";
  return staff;
}

inline core::DutyManagerEntry sample_duty(std::string id = "duty-1") {
  core::DutyManagerEntry entry;
  entry.id = std::move(id);
  entry.staff_id = "staff-tm-2";
  entry.team_id = "team-1";
  entry.from = day("2026-11-20");
  entry.to = day("2026-11-27");
  return entry;
}

// A former relevant care leaver aged 19: looked after from 14 to 18.
inline core::YoungPerson sample_person(std::string id = "yp-1", std::string pa = "staff-pa-1") {
  core::YoungPerson p;
  p.id = std::move(id);
  p.legal_given_name = "Zed";
  p.legal_family_name = "Testperson";
  p.preferred_name = "Zeddy";
  p.date_of_birth = day("2007-03-14");
  p.gender = core::Gender::other;
  p.ethnicity = core::Ethnicity::mixed_other;
  p.phone = "01632 960000";  // Ofcom's range for drama: never a real number
  p.email = "zed@example.org";
  p.address_line1 = "1 Fictional Row";
  p.address_line2 = "Flat B";
  p.town = "Exampleton";
  p.postcode = "ZZ1 1ZZ";
  p.languages = {"English", "Welsh \"Cymraeg\""};
  p.interpreter_needed = true;
  p.flags = {true, false, true, false, true};
  p.care_periods = {{day("2021-04-01"), day("2022-01-31"), core::LegalBasis::accommodated_s20},
                    {day("2022-06-01"), day("2025-03-13"), core::LegalBasis::care_order}};
  p.detained_on_16th_birthday = core::DetainedOn16th::no;
  p.qualifying.special_guardianship_order_made = day("2019-01-01");
  p.qualifying.special_guardianship_order_ended = day("2019-06-01");
  p.lived_with_parent = {{day("2025-04-01"), std::nullopt}};
  p.qualifying.looked_after_before_sgo = true;
  p.qualifying.privately_fostered_or_accommodated_until = day("2020-01-01");
  p.education_or_training = {{day("2025-09-01"), day("2026-07-01")}, {day("2026-09-01"), std::nullopt}};
  p.allocated_pa_id = std::move(pa);
  p.team_id = "team-1";
  p.case_status = core::CaseStatus::open;
  p.contact_frequency = core::ContactFrequency::every_4_weeks;
  p.in_touch_records = {{17, core::InTouchCode::yes, "Seen at college"}, {18, core::InTouchCode::refuses, ""}};
  return p;
}

inline core::Contact sample_contact(std::string id = "contact-1", std::string person = "yp-1",
                                    Instant when = *Instant::parse("2026-11-02T14:30:00Z")) {
  core::Contact c;
  c.id = std::move(id);
  c.young_person_id = std::move(person);
  c.staff_id = "staff-pa-1";
  c.occurred_at = when;
  c.recorded_at = when;
  c.type = core::ContactType::home_visit;
  c.outcome = core::ContactOutcome::seen_alone;
  c.present = "Nobody else";
  c.young_persons_words = "College is going fine, I want to learn to drive.";
  c.pa_notes = "Visited at home. Fictional test note with 'quotes' and \"double quotes\".\nSecond line.";
  c.follow_ups = {{"Find driving lesson grant", day("2026-12-01"), false, "Zeddy's PA"},
                 {"Send college letter", std::nullopt, true}};
  return c;
}

inline core::PathwayPlan sample_plan(std::string id = "plan-1", std::string person = "yp-1") {
  core::PathwayPlan plan;
  plan.id = std::move(id);
  plan.young_person_id = std::move(person);
  plan.author_id = "staff-pa-1";
  plan.team_id = "team-1";
  plan.status = core::PlanStatus::authorised;
  plan.needs_assessment = {day("2026-05-01"), "staff-pa-1", "Needs help with budgeting."};
  plan.sections[2].assessed_needs = "Wants an apprenticeship.";
  plan.sections[2].young_persons_views = "I like fixing bikes.";
  plan.sections[2].objectives = {{"Apply for apprenticeship", "With the PA", "Zed and PA", day("2027-01-31"),
                                  core::ObjectiveStatus::in_progress},
                                 {"Visit open day", "Bus", "Zed", day("2026-12-10"), core::ObjectiveStatus::not_started}};
  plan.sections[5].objectives = {{"Open a bank account", "", "Zed", std::nullopt, core::ObjectiveStatus::achieved}};
  plan.young_persons_overall_views = "Happy with the plan.";
  plan.created_on = day("2026-05-01");
  plan.submitted_on = day("2026-05-10");
  plan.authorised_by = "staff-tm-1";
  plan.authorised_on = day("2026-05-12");
  return plan;
}

inline core::ActivitySpell sample_activity(std::string id = "eet-1", std::string person = "yp-1") {
  core::ActivitySpell s;
  s.id = std::move(id);
  s.young_person_id = std::move(person);
  s.start = day("2026-09-01");
  s.code = core::ActivityCode::training_full_time;
  s.detail = "Example College bike mechanics";
  return s;
}

inline core::AccommodationSpell sample_accommodation(std::string id = "home-1", std::string person = "yp-1") {
  core::AccommodationSpell s;
  s.id = std::move(id);
  s.young_person_id = std::move(person);
  s.start = day("2025-03-14");
  s.end = day("2026-08-31");
  s.code = core::AccommodationCode::former_foster_carers;
  s.suitability = core::Suitability::suitable;
  s.detail = "Staying Put";
  return s;
}

inline core::RiskAssessment sample_risk(std::string id = "risk-1", std::string person = "yp-1") {
  core::RiskAssessment r;
  r.id = std::move(id);
  r.young_person_id = std::move(person);
  r.assessed_by = "staff-pa-1";
  r.assessed_on = day("2026-10-01");
  r.review_due = day("2027-01-01");
  r.level = core::RiskLevel::medium;
  r.factors = {core::RiskFactor::substance_misuse, core::RiskFactor::financial_hardship};
  r.summary = "Fictional summary: some debt.";
  return r;
}

// Saves one of every record (with the team and staff they name). The
// results of the saves before the last are not checked on purpose: the
// Writer remembers the first failure and the write fails with it.
inline Status save_one_of_everything(store::Store& store) {
  return store.write(test_actor, test_now, [](store::Writer& w) {
    (void)w.save(sample_team());
    (void)w.save(sample_staff());
    (void)w.save(sample_staff("staff-tm-1", core::StaffRole::team_manager));
    (void)w.save(sample_duty());
    (void)w.save(sample_person());
    (void)w.save(sample_contact());
    (void)w.save(sample_plan());
    (void)w.save(sample_activity());
    (void)w.save(sample_accommodation());
    return w.save(sample_risk());
  });
}

// Every row of the domain tables: no local table (outbox, settings, sync
// bookkeeping...) and no plan events (whose ids and times differ from store
// to store).
inline std::string domain_dump(store::Store& store) {
  auto dump = store::testing::dump(store);
  if (!dump) return "dump failed: " + dump.error().message;
  std::string kept;
  bool keep = true;
  size_t start = 0;
  while (start < dump->size()) {
    size_t end = dump->find('\n', start);
    if (end == std::string::npos) end = dump->size();
    const std::string line = dump->substr(start, end - start);
    if (line.starts_with("[")) {
      const std::string table = line.substr(1, line.size() - 2);
      const auto& local = store::detail::local_tables();
      keep = table != "plan_events" && table != "sqlite_sequence" &&
             std::find(local.begin(), local.end(), table) == local.end();
    }
    if (keep) kept += line + "\n";
    start = end + 1;
  }
  return kept;
}

}  // namespace pathway::store_test
