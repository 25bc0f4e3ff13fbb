// Figures on a small world checked by hand. The range is the year
// 2023-07-01..2024-06-30; ages and categories are on 2024-06-30.
//
//  P1 born 2007-01-10 (17) eligible, pa-1/team-a, weekly; last seen 06-25 -> due 07-02 (within 7 days);
//     F2 education; community home, suitable; plan authorised 2024-03-01 (up to date); high risk.
//     17th birthday 2024-01-10, window 2023-10-10..2024-02-10: seen 2024-01-05 -> YES.
//  P2 born 2005-03-01 (19) former relevant, pa-1/team-a, 4-weekly; last seen 05-01 -> due 05-29, overdue;
//     G5 NEET; no fixed abode, unsuitable; plan authorised 2023-11-15 (due 2024-05-15: overdue);
//     risk review due 2024-03-01 (overdue). 19th birthday window 2023-12-01..2024-04-01: only a
//     "not seen" on 2023-12-10 -> NO.
//  P3 born 2003-09-20 (20) former relevant, pa-2/team-a, 8-weekly; seen 2023-09-15 (video) and
//     2024-06-01, corrected to 2024-06-02 -> due 07-28; F5 employed; own tenancy, suitable; no plan.
//     20th birthday window 2023-06-20..2023-10-20 -> YES.
//  P4 born 2002-05-10 (22) former relevant pursuing education (F1), pa-3/team-b; never contacted
//     (overdue); accommodation not recorded; plan authorised 2024-02-01 (up to date).
//  P5 born 2006-11-01 (17) qualifying (looked after 2023-02-01..03-01), team-b, no PA; no activity;
//     with parents, suitable; no plan. Seen by phone 2024-02-01. Not in the 903 in-touch cohort.
//  P6 born 2010-01-01 (14): not a care leaver; its contact is not counted.
//  P7 born 2003-07-15 (20) former relevant, pa-3/team-b, case closed: a care leaver but not on a
//     caseload; weekly, seen 06-29 -> due 07-06 (within 7 days); P5 employed; Staying Put, suitable;
//     plan authorised 2024-06-01. 20th birthday: PA recorded REFU. A contact on 06-20 was withdrawn.
//  P8 born 2004-08-01 died 2023-08-20, inside the 19th birthday window: DIED, left out of in touch.
//  P9 born 2003-01-20 (21), pa-2/team-a: s23C duties ended at 21; still a former relevant child
//     who may ask for a PA until 25 (s23CZB), so a care leaver, owed neither a PA nor a plan until
//     they ask; no activity or accommodation recorded. 21st birthday (2024-01-20) in the range: seen
//     2024-01-25 -> YES.
//
// Expected, everyone: care leavers 7 (P1 P2 P3 P4 P5 P7 P9), owed a PA 5 (not P5, P9), contacts
// overdue 2 (P2, P4), due within 7 days 2 (P1, P7), in touch 3 of 5 (YES P1 P3 P9; NO P2; REFU
// P7), EET 4 of 7 (P1 P3 P4 P7), suitable 4 of 7 (P1 P3 P5 P7), unsuitable 1 (P2), not recorded
// 2 (P4 P9), plans 3 up to date (P1 P4 P7) / 1 overdue (P2) / 2 none (P3 P5), high risk 1
// (P1), risk reviews overdue 1 (P2). Contacts in range 9: home visit 5 (P1 01-05, P2 05-01, P3
// 06-02, P7 06-29, P9 01-25), office 1 (P2), phone 2 (P1 06-25 seen alone, P5), video 1 (P3).
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/figures.h"
#include "core_fixtures.h"

using namespace pathway;
using namespace pathway::core;
using namespace pathway::core::testing;

namespace {

Contact typed(Contact c, ContactType type) {
  c.type = type;
  return c;
}

PathwayPlan plan(const char* id, const char* person, const char* author, const char* team, PlanStatus status,
                 const char* authorised_on) {
  PathwayPlan p;
  p.id = id;
  p.young_person_id = person;
  p.author_id = author;
  p.team_id = team;
  p.status = status;
  p.authorised_on = maybe(authorised_on);
  return p;
}

YoungPerson care_leaver(const char* id, const char* dob, std::vector<CarePeriod> periods, const char* pa,
                        const char* team, ContactFrequency frequency) {
  YoungPerson p = person(dob, id);
  p.care_periods = std::move(periods);
  p.allocated_pa_id = pa;
  p.team_id = team;
  p.contact_frequency = frequency;
  return p;
}

Caseworld hand_checked_world() {
  using F = ContactFrequency;
  Caseworld w;
  w.staff = {{"pa-1", "Alex Sample", StaffRole::personal_adviser, "team-a"},
             {"pa-2", "Bo Sample", StaffRole::personal_adviser, "team-a"},
             {"pa-9", "Old Sample", StaffRole::personal_adviser, "team-a", false},
             {"tm-a", "Cass Sample", StaffRole::team_manager, "team-a"},
             {"pa-3", "Dee Sample", StaffRole::personal_adviser, "team-b"}};
  w.teams = {{"team-a", "North", "tm-a"}, {"team-b", "South", ""}};

  w.people.push_back(care_leaver("P1", "2007-01-10", {looked_after("2020-01-01", nullptr)}, "pa-1", "team-a", F::weekly));
  w.people.push_back(
      care_leaver("P2", "2005-03-01", {looked_after("2019-01-01", "2022-07-01")}, "pa-1", "team-a", F::every_4_weeks));
  w.people.push_back(
      care_leaver("P3", "2003-09-20", {looked_after("2018-01-01", "2021-09-20")}, "pa-2", "team-a", F::every_8_weeks));
  w.people.push_back(
      care_leaver("P4", "2002-05-10", {looked_after("2017-01-01", "2020-05-10")}, "pa-3", "team-b", F::every_8_weeks));
  w.people.push_back(care_leaver("P5", "2006-11-01", {looked_after("2023-02-01", "2023-03-02")}, "", "team-b", F::weekly));
  w.people.push_back(care_leaver("P6", "2010-01-01", {looked_after("2023-01-01", nullptr)}, "pa-2", "team-a", F::weekly));
  YoungPerson p7 = care_leaver("P7", "2003-07-15", {looked_after("2018-01-01", "2021-07-15")}, "pa-3", "team-b", F::weekly);
  p7.case_status = CaseStatus::closed;
  p7.case_closed_on = d("2024-06-30");
  p7.in_touch_records = {{20, InTouchCode::refuses, ""}};
  w.people.push_back(p7);
  YoungPerson p8 = care_leaver("P8", "2004-08-01", {looked_after("2018-01-01", "2022-08-01")}, "pa-2", "team-a", F::weekly);
  p8.date_of_death = d("2023-08-20");
  w.people.push_back(p8);
  w.people.push_back(
      care_leaver("P9", "2003-01-20", {looked_after("2016-01-01", "2021-01-20")}, "pa-2", "team-a", F::weekly));

  Contact p3_original = typed(contact("c3b", "P3", "2024-06-01"), ContactType::home_visit);
  Contact p3_corrected = typed(contact("c3c", "P3", "2024-06-02"), ContactType::home_visit);
  p3_corrected.supersedes = "c3b";
  p3_corrected.correction_reason = "Wrong day";
  Contact p7_original = contact("c7a", "P7", "2024-06-20");
  Contact p7_withdrawn = contact("c7b", "P7", "2024-06-20");
  p7_withdrawn.supersedes = "c7a";
  p7_withdrawn.correction_reason = "Recorded on the wrong person";
  p7_withdrawn.withdrawn = true;
  Contact p1_alone = typed(contact("c1b", "P1", "2024-06-25", ContactOutcome::seen_alone), ContactType::phone);
  w.contacts = {
      typed(contact("c1a", "P1", "2024-01-05"), ContactType::home_visit),
      p1_alone,
      typed(contact("c1z", "P1", "2023-06-01"), ContactType::home_visit),  // before the range
      typed(contact("c2a", "P2", "2023-12-10", ContactOutcome::not_seen), ContactType::office),
      typed(contact("c2b", "P2", "2024-05-01"), ContactType::home_visit),
      typed(contact("c3a", "P3", "2023-09-15"), ContactType::video),
      p3_original,
      typed(contact("c5a", "P5", "2024-02-01"), ContactType::phone),
      typed(contact("c6a", "P6", "2024-02-01"), ContactType::home_visit),
      typed(contact("c7c", "P7", "2024-06-29"), ContactType::home_visit),
      p7_original,
      typed(contact("c8a", "P8", "2023-08-10"), ContactType::home_visit),
      typed(contact("c9a", "P9", "2024-01-25"), ContactType::home_visit),
      p3_corrected,
      p7_withdrawn,
      typed(contact("c1c", "P1", "2024-07-05"), ContactType::home_visit),  // after the range
  };
  w.activities = {
      {"a1", "P1", d("2023-09-01"), std::nullopt, ActivityCode::other_education_full_time},
      {"a2", "P2", d("2024-01-01"), std::nullopt, ActivityCode::neet_other},
      {"a2x", "P2", d("2023-01-01"), d("2023-12-31"), ActivityCode::employment_full_time},
      {"a3", "P3", d("2023-06-01"), std::nullopt, ActivityCode::employment_full_time},
      {"a4", "P4", d("2022-09-01"), std::nullopt, ActivityCode::higher_education_full_time},
      {"a7", "P7", d("2024-01-01"), std::nullopt, ActivityCode::employment_part_time},
  };
  w.accommodations = {
      {"h1", "P1", d("2020-01-01"), std::nullopt, AccommodationCode::community_home, Suitability::suitable},
      {"h2", "P2", d("2024-04-01"), std::nullopt, AccommodationCode::no_fixed_abode, Suitability::unsuitable},
      {"h3", "P3", d("2022-01-01"), std::nullopt, AccommodationCode::independent_living, Suitability::suitable},
      {"h4", "P4", d("2021-01-01"), d("2024-01-01"), AccommodationCode::supported_lodgings, Suitability::suitable},
      {"h5", "P5", d("2023-03-02"), std::nullopt, AccommodationCode::with_parents_or_relatives, Suitability::suitable},
      {"h7", "P7", d("2021-07-15"), std::nullopt, AccommodationCode::former_foster_carers, Suitability::suitable},
  };
  w.plans = {
      plan("pl1", "P1", "pa-1", "team-a", PlanStatus::authorised, "2024-03-01"),
      plan("pl1r", "P1", "pa-1", "team-a", PlanStatus::submitted, nullptr),  // awaiting authorisation
      plan("pl2", "P2", "pa-1", "team-a", PlanStatus::authorised, "2023-11-15"),
      plan("pl4", "P4", "pa-3", "team-b", PlanStatus::authorised, "2024-02-01"),
      plan("pl7", "P7", "pa-3", "team-b", PlanStatus::authorised, "2024-06-01"),
      plan("pl7n", "P7", "pa-3", "team-b", PlanStatus::authorised, "2024-07-10"),  // after the range
  };
  w.risks = {
      {"r1", "P1", "pa-1", d("2024-06-01"), d("2024-09-01"), RiskLevel::high, {RiskFactor::going_missing}, "x"},
      {"r2", "P2", "pa-1", d("2023-12-01"), d("2024-03-01"), RiskLevel::medium, {RiskFactor::homelessness}, "y"},
  };
  return w;
}

// Fields set by name, so each expectation reads like the comment above.
struct Expect {
  int care_leavers = 0, owed_pa = 0, overdue = 0, due_soon = 0;
  Ratio in_touch, eet, suitable;
  int unsuitable = 0, not_recorded = 0, up_to_date = 0, plans_overdue = 0, no_plan = 0, high_risk = 0,
      risk_overdue = 0, contacts = 0, seen_alone = 0;
  std::array<int, contact_type_count> by_type{};
};

void check_group(const GroupFigures& g, const Expect& e) {
  CHECK(g.care_leavers == e.care_leavers);
  CHECK(g.owed_pa == e.owed_pa);
  CHECK(g.contacts_overdue == e.overdue);
  CHECK(g.contacts_due_within_7_days == e.due_soon);
  CHECK(g.in_touch == e.in_touch);
  CHECK(g.in_touch_not_yet_final == 0);
  CHECK(g.eet == e.eet);
  CHECK(g.suitable_accommodation == e.suitable);
  CHECK(g.unsuitable_accommodation == e.unsuitable);
  CHECK(g.accommodation_not_recorded == e.not_recorded);
  CHECK(g.plans_up_to_date == e.up_to_date);
  CHECK(g.plans_overdue == e.plans_overdue);
  CHECK(g.no_plan == e.no_plan);
  CHECK(g.high_risk == e.high_risk);
  CHECK(g.risk_reviews_overdue == e.risk_overdue);
  CHECK(g.contacts_in_range == e.contacts);
  CHECK(g.contacts_seen_alone == e.seen_alone);
  CHECK(g.contacts_by_type == e.by_type);
}

}  // namespace

TEST_CASE("core: figures on a hand-checked world") {
  const Caseworld world = hand_checked_world();
  const Figures f = compute_figures(world, d("2023-07-01"), d("2024-06-30"));

  SUBCASE("everyone") {
    // by_type order: home visit, office, phone, video, message, other.
    check_group(f.all, {.care_leavers = 7, .owed_pa = 5, .overdue = 2, .due_soon = 2, .in_touch = {3, 5},
                        .eet = {4, 7}, .suitable = {4, 7}, .unsuitable = 1, .not_recorded = 2, .up_to_date = 3,
                        .plans_overdue = 1, .no_plan = 2, .high_risk = 1, .risk_overdue = 1, .contacts = 9,
                        .seen_alone = 1, .by_type = {5, 1, 2, 1, 0, 0}});
    CHECK(f.all.in_touch.percent() == doctest::Approx(60.0));
    CHECK(f.unallocated == 0);
  }
  SUBCASE("by age band") {
    // 16-17: P1, P5 (P6 is 14 and not a care leaver).
    check_group(f.by_age_band[0], {.care_leavers = 2, .owed_pa = 1, .overdue = 0, .due_soon = 1, .in_touch = {1, 1},
                                   .eet = {1, 2}, .suitable = {2, 2}, .up_to_date = 1, .no_plan = 1, .high_risk = 1,
                                   .contacts = 3, .seen_alone = 1, .by_type = {1, 0, 2, 0, 0, 0}});
    // 18-20: P2, P3, P7; in touch P2 NO, P3 YES, P7 REFU (P8 DIED left out).
    check_group(f.by_age_band[1], {.care_leavers = 3, .owed_pa = 3, .overdue = 1, .due_soon = 1, .in_touch = {1, 3},
                                   .eet = {2, 3}, .suitable = {2, 3}, .unsuitable = 1, .up_to_date = 1,
                                   .plans_overdue = 1, .no_plan = 1, .risk_overdue = 1, .contacts = 5,
                                   .by_type = {3, 1, 0, 1, 0, 0}});
    // 21-25: P4 and P9 (s23CZB); in touch P9 YES.
    check_group(f.by_age_band[2], {.care_leavers = 2, .owed_pa = 1, .overdue = 1, .in_touch = {1, 1}, .eet = {1, 2},
                                   .suitable = {0, 2}, .not_recorded = 2, .up_to_date = 1, .contacts = 1, .by_type = {1, 0, 0, 0, 0, 0}});
  }
  SUBCASE("by category") {
    const auto at = [&](Category c) -> const GroupFigures& { return f.by_category[static_cast<size_t>(c)]; };
    check_group(at(Category::eligible), {.care_leavers = 1, .owed_pa = 1, .due_soon = 1, .in_touch = {1, 1},
                                         .eet = {1, 1}, .suitable = {1, 1}, .up_to_date = 1, .high_risk = 1,
                                         .contacts = 2, .seen_alone = 1, .by_type = {1, 0, 1, 0, 0, 0}});
    check_group(at(Category::relevant), {});
    check_group(at(Category::former_relevant), {.care_leavers = 3, .owed_pa = 3, .overdue = 1, .due_soon = 1,
                                                .in_touch = {1, 3}, .eet = {2, 3}, .suitable = {2, 3},
                                                .unsuitable = 1, .up_to_date = 1, .plans_overdue = 1, .no_plan = 1,
                                                .risk_overdue = 1, .contacts = 5, .by_type = {3, 1, 0, 1, 0, 0}});
    check_group(at(Category::former_relevant_in_education),
                {.care_leavers = 1, .owed_pa = 1, .overdue = 1, .eet = {1, 1}, .suitable = {0, 1},
                 .not_recorded = 1, .up_to_date = 1});
    check_group(at(Category::qualifying), {.care_leavers = 1, .eet = {0, 1}, .suitable = {1, 1}, .no_plan = 1,
                                           .contacts = 1, .by_type = {0, 0, 1, 0, 0, 0}});
    check_group(at(Category::former_relevant_may_ask), {.care_leavers = 1, .in_touch = {1, 1}, .eet = {0, 1},
                                                        .suitable = {0, 1}, .not_recorded = 1, .contacts = 1, .by_type = {1, 0, 0, 0, 0, 0}});
    check_group(at(Category::not_a_care_leaver), {});
  }
  SUBCASE("caseloads") {
    // Active PAs in staff order (pa-9 is inactive). P7 is closed.
    REQUIRE(f.by_pa.size() == 3);
    struct Row { const char* id; int people, overdue, plans_overdue, no_plan, awaiting; };
    const Row pa_rows[] = {{"pa-1", 2, 1, 1, 0, 1}, {"pa-2", 2, 0, 0, 1, 0}, {"pa-3", 1, 1, 0, 0, 0}};
    for (size_t i = 0; i < 3; ++i) {
      CAPTURE(pa_rows[i].id);
      CHECK(f.by_pa[i].id == pa_rows[i].id);
      CHECK(f.by_pa[i].young_people == pa_rows[i].people);
      CHECK(f.by_pa[i].contacts_overdue == pa_rows[i].overdue);
      CHECK(f.by_pa[i].plans_overdue == pa_rows[i].plans_overdue);
      CHECK(f.by_pa[i].no_plan == pa_rows[i].no_plan);
      CHECK(f.by_pa[i].plans_awaiting_authorisation == pa_rows[i].awaiting);
    }
    CHECK(f.by_pa[0].name == "Alex Sample");
    REQUIRE(f.by_team.size() == 2);
    // North: P1 P2 P3 P9; South: P4 P5 (P5 and P9 are not owed a PA, so never overdue).
    const Row team_rows[] = {{"team-a", 4, 1, 1, 1, 1}, {"team-b", 2, 1, 0, 1, 0}};
    for (size_t i = 0; i < 2; ++i) {
      CAPTURE(team_rows[i].id);
      CHECK(f.by_team[i].id == team_rows[i].id);
      CHECK(f.by_team[i].young_people == team_rows[i].people);
      CHECK(f.by_team[i].contacts_overdue == team_rows[i].overdue);
      CHECK(f.by_team[i].plans_overdue == team_rows[i].plans_overdue);
      CHECK(f.by_team[i].no_plan == team_rows[i].no_plan);
      CHECK(f.by_team[i].plans_awaiting_authorisation == team_rows[i].awaiting);
    }
  }
}

TEST_CASE("core: figures do not depend on record order") {
  Caseworld world = hand_checked_world();
  const Figures before = compute_figures(world, d("2023-07-01"), d("2024-06-30"));
  std::reverse(world.contacts.begin(), world.contacts.end());
  std::reverse(world.activities.begin(), world.activities.end());
  std::reverse(world.plans.begin(), world.plans.end());
  std::reverse(world.accommodations.begin(), world.accommodations.end());
  const Figures after = compute_figures(world, d("2023-07-01"), d("2024-06-30"));
  CHECK(before.all == after.all);
  CHECK(before.by_age_band == after.by_age_band);
  CHECK(before.by_category == after.by_category);
}

TEST_CASE("core: figures of an empty world, and a window still open") {
  const Figures empty = compute_figures(Caseworld{}, d("2024-01-01"), d("2024-06-30"));
  CHECK(empty.all == GroupFigures{});
  CHECK(empty.all.eet.percent() == 0.0);
  // A 19th birthday 10 days before `to`: window still open, no contact yet.
  Caseworld one;
  one.people.push_back(care_leaver("Q1", "2005-06-20", {looked_after("2019-01-01", "2022-01-02")}, "pa-1", "t",
                                   ContactFrequency::weekly));
  const Figures f = compute_figures(one, d("2024-01-01"), d("2024-06-30"));
  CHECK(f.all.in_touch == Ratio{0, 1});
  CHECK(f.all.in_touch_not_yet_final == 1);
  CHECK(f.unallocated == 0);
  one.people[0].allocated_pa_id.clear();
  CHECK(compute_figures(one, d("2024-01-01"), d("2024-06-30")).unallocated == 1);
}
