// Pathway plans: review due dates, standing on a date, and every workflow
// transition allowed or refused (Care Leavers (England) Regulations 2010:
// review at least every 6 months; Kirklees 4.4-4.5: manager or duty manager
// authorises).
#include <doctest/doctest.h>

#include <functional>
#include <string>
#include <vector>

#include "core/plans.h"
#include "core_fixtures.h"

using namespace pathway;
using namespace pathway::core;
using namespace pathway::core::testing;

namespace {

Staff staff(const char* id, StaffRole role, const char* team, bool active = true) {
  return Staff{id, std::string("Staff ") + id, role, team, active};
}

PathwayPlan authorised_plan(const char* id, const char* on) {
  PathwayPlan plan;
  plan.id = id;
  plan.young_person_id = "yp-1";
  plan.author_id = "pa-1";
  plan.team_id = "team-a";
  plan.status = PlanStatus::authorised;
  plan.submitted_on = d(on);
  plan.authorised_by = "tm-a";
  plan.authorised_on = d(on);
  return plan;
}

// A draft that can be submitted: one objective with what and by when, and views.
PathwayPlan complete_draft() {
  PathwayPlan plan;
  plan.id = "plan-1";
  plan.young_person_id = "yp-1";
  plan.author_id = "pa-1";
  plan.team_id = "team-a";
  plan.sections[2].objectives.push_back(
      Objective{"Enrol at college", "Visit open day together", "PA and young person", d("2024-09-01")});
  plan.sections[2].young_persons_views = "I want to do catering.";
  return plan;
}

}  // namespace

TEST_CASE("core: next pathway plan review") {
  struct Row { const char* authorised; const char* early; const char* due; };
  const Row rows[] = {
      {"2024-01-15", nullptr, "2024-07-15"},       // 6 months
      {"2024-08-31", nullptr, "2025-02-28"},       // month end: last day of February
      {"2023-08-29", nullptr, "2024-02-29"},       // into a leap February
      {"2024-01-15", "2024-03-01", "2024-03-01"},  // earlier review asked for
      {"2024-01-15", "2024-09-01", "2024-07-15"},  // a later "early" date never delays the 6-month review
  };
  for (const Row& row : rows) {
    CAPTURE(row.authorised);
    PathwayPlan plan = authorised_plan("p", row.authorised);
    plan.early_review_requested_for = maybe(row.early);
    CHECK(next_review_due(plan) == d(row.due));
  }
  PathwayPlan draft = complete_draft();
  CHECK_FALSE(next_review_due(draft).has_value());
}

TEST_CASE("core: plan standing on a date (up to date / overdue / no plan)") {
  PathwayPlan first = authorised_plan("p1", "2024-01-15");
  PathwayPlan second = authorised_plan("p2", "2024-07-10");
  second.previous_plan_id = "p1";
  PathwayPlan pending = complete_draft();  // a review being written does not count until authorised
  pending.status = PlanStatus::submitted;
  struct Row { const char* name; std::vector<PathwayPlan> plans; const char* day; PlanStanding standing; };
  const Row rows[] = {
      {"no plans", {}, "2024-03-01", PlanStanding::no_plan},
      {"only a submitted plan", {pending}, "2024-03-01", PlanStanding::no_plan},
      {"before the first authorisation", {first}, "2024-01-14", PlanStanding::no_plan},
      {"on the review date", {first}, "2024-07-15", PlanStanding::up_to_date},
      {"the day after the review date", {first, pending}, "2024-07-16", PlanStanding::overdue},
      {"reviewed in time: the new version counts", {second, first}, "2024-07-16", PlanStanding::up_to_date},
      {"a past date ignores later versions", {second, first}, "2024-07-09", PlanStanding::up_to_date},
      {"the new version's review is also due in 6 months", {first, second}, "2025-01-11", PlanStanding::overdue},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    CHECK(code_of(plan_standing(row.plans, d(row.day))) == code_of(row.standing));
  }
}

TEST_CASE("core: a young person's latest plan version, whatever its status") {
  PathwayPlan first = authorised_plan("p1", "2024-01-15");
  first.created_on = d("2024-01-02");
  PathwayPlan second = authorised_plan("p2", "2024-07-10");
  second.previous_plan_id = "p1";
  second.created_on = d("2024-07-01");
  PathwayPlan review = complete_draft();  // a review of the second, being drafted on the same day it was made
  review.id = "p3";
  review.previous_plan_id = "p2";
  review.created_on = d("2024-07-01");
  struct Row { const char* name; std::vector<PathwayPlan> plans; const char* latest; };
  const Row rows[] = {
      {"no plans", {}, ""},
      {"one plan", {first}, "p1"},
      {"the version that follows, in any order", {second, first}, "p2"},
      {"a review draft made the day its plan was: it follows, so it is the latest", {review, second, first}, "p3"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    const PathwayPlan* latest = latest_version(row.plans);
    CHECK(std::string(latest ? latest->id : "") == row.latest);
  }
}

TEST_CASE("core: who may authorise a plan") {
  const PathwayPlan plan = [] { PathwayPlan p = complete_draft(); p.status = PlanStatus::submitted; return p; }();
  const std::vector<DutyManagerEntry> rota = {
      {"d1", "tm-b", "team-a", d("2024-05-01"), d("2024-05-07")},  // covers team A for a week
      {"d2", "sm-1", "", d("2024-05-10"), d("2024-05-10")},        // every team, one day
      {"d3", "pa-2", "team-a", d("2024-05-01"), d("2024-05-31")},  // a PA on the rota is not a manager
  };
  struct Row { const char* name; Staff who; const char* today; bool allowed; };
  const Row rows[] = {
      {"team manager of the plan's team", staff("tm-a", StaffRole::team_manager, "team-a"), "2024-04-01", true},
      {"team manager of another team", staff("tm-b", StaffRole::team_manager, "team-b"), "2024-04-01", false},
      {"another team's manager on duty for this team", staff("tm-b", StaffRole::team_manager, "team-b"), "2024-05-07", true},
      {"duty ended the day before", staff("tm-b", StaffRole::team_manager, "team-b"), "2024-05-08", false},
      {"service manager on duty for every team", staff("sm-1", StaffRole::service_manager, ""), "2024-05-10", true},
      {"service manager off duty", staff("sm-1", StaffRole::service_manager, ""), "2024-05-11", false},
      {"a PA, even on the rota", staff("pa-2", StaffRole::personal_adviser, "team-a"), "2024-05-05", false},
      {"inactive team manager", staff("tm-a", StaffRole::team_manager, "team-a", false), "2024-04-01", false},
      {"the author, though a team manager", staff("pa-1", StaffRole::team_manager, "team-a"), "2024-04-01", false},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    const Status result = can_authorise(row.who, plan, rota, d(row.today));
    CHECK(result.ok() == row.allowed);
    if (!result.ok()) {
      CHECK(result.error().code == ErrorCode::forbidden);
      CHECK_FALSE(result.error().message.empty());
    }
  }
}

TEST_CASE("core: plan workflow transitions, allowed and refused") {
  const Staff pa = staff("pa-1", StaffRole::personal_adviser, "team-a");
  const Staff manager = staff("tm-a", StaffRole::team_manager, "team-a");
  const std::vector<DutyManagerEntry> no_rota;
  const Date today = d("2024-05-01");
  using Transition = std::function<Result<PathwayPlan>(PathwayPlan)>;
  const Transition submit = [&](PathwayPlan p) { return submit_plan(std::move(p), pa, today); };
  const Transition authorise = [&](PathwayPlan p) { return authorise_plan(std::move(p), manager, no_rota, today); };
  const Transition authorise_own = [&](PathwayPlan p) {
    p.author_id = manager.id;
    return authorise_plan(std::move(p), manager, no_rota, today);
  };
  const Transition give_back = [&](PathwayPlan p) {
    return return_plan(std::move(p), manager, "Add the young person's views on housing.", no_rota, today);
  };
  const Transition give_back_silently = [&](PathwayPlan p) {
    return return_plan(std::move(p), manager, "  ", no_rota, today);
  };
  const auto with = [](PlanStatus status, std::function<void(PathwayPlan&)> change = {}) {
    PathwayPlan p = complete_draft();
    p.status = status;
    if (change) change(p);
    return p;
  };
  struct Row {
    const char* name;
    PathwayPlan plan;
    Transition transition;
    std::optional<PlanStatus> becomes;  // nullopt: refused
    ErrorCode error = ErrorCode::internal;
    const char* message_has = "";
  };
  const Row rows[] = {
      {"submit a complete draft", with(PlanStatus::draft), submit, PlanStatus::submitted},
      {"resubmit a returned plan", with(PlanStatus::returned), submit, PlanStatus::submitted},
      {"submit an empty plan", PathwayPlan{}, submit, std::nullopt, ErrorCode::invalid_input, "no objectives"},
      {"submit with an objective missing what",
       with(PlanStatus::draft, [](PathwayPlan& p) { p.sections[2].objectives[0].what.assign(1, ' '); }), submit, std::nullopt,
       ErrorCode::invalid_input, "does not say what"},
      {"submit with an objective missing by when",
       with(PlanStatus::draft, [](PathwayPlan& p) { p.sections[2].objectives[0].by_when.reset(); }), submit,
       std::nullopt, ErrorCode::invalid_input, "no date"},
      {"submit without the young person's views",
       with(PlanStatus::draft, [](PathwayPlan& p) { p.sections[2].young_persons_views.clear(); }), submit,
       std::nullopt, ErrorCode::invalid_input, "views"},
      {"submit twice", with(PlanStatus::submitted), submit, std::nullopt, ErrorCode::conflict, "Awaiting"},
      {"submit an authorised plan", with(PlanStatus::authorised), submit, std::nullopt, ErrorCode::conflict, ""},
      {"authorise a submitted plan", with(PlanStatus::submitted), authorise, PlanStatus::authorised},
      {"authorise a draft", with(PlanStatus::draft), authorise, std::nullopt, ErrorCode::conflict, "Draft"},
      {"authorise your own plan", with(PlanStatus::submitted), authorise_own, std::nullopt, ErrorCode::forbidden,
       "You wrote this plan"},
      {"return with comments", with(PlanStatus::submitted), give_back, PlanStatus::returned},
      {"return without comments", with(PlanStatus::submitted), give_back_silently, std::nullopt,
       ErrorCode::invalid_input, "Say what needs to change"},
      {"return a draft", with(PlanStatus::draft), give_back, std::nullopt, ErrorCode::conflict, ""},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    const Result<PathwayPlan> result = row.transition(row.plan);
    REQUIRE(result.ok() == row.becomes.has_value());
    if (result.ok()) {
      CHECK(result->status == *row.becomes);
    } else {
      CHECK(result.error().code == row.error);
      CHECK(result.error().message.find(row.message_has) != std::string::npos);
    }
  }
}

TEST_CASE("core: a plan's dates and people through its life") {
  const Staff pa = staff("pa-1", StaffRole::personal_adviser, "team-a");
  const Staff manager = staff("tm-a", StaffRole::team_manager, "team-a");
  Result<PathwayPlan> submitted = submit_plan(complete_draft(), pa, d("2024-05-01"));
  REQUIRE(submitted.ok());
  CHECK(submitted->submitted_on == d("2024-05-01"));
  CHECK_FALSE(check_editable(*submitted).ok());
  Result<PathwayPlan> returned = return_plan(*submitted, manager, "Add housing views.", {}, d("2024-05-02"));
  REQUIRE(returned.ok());
  CHECK(returned->returned_by == "tm-a");
  CHECK(returned->return_comments == "Add housing views.");
  CHECK(check_editable(*returned).ok());
  Result<PathwayPlan> authorised = authorise_plan(*submit_plan(*returned, pa, d("2024-05-03")), manager, {}, d("2024-05-04"));
  REQUIRE(authorised.ok());
  CHECK(authorised->authorised_by == "tm-a");
  CHECK(next_review_due(*authorised) == d("2024-11-04"));

  // Review: a new draft version that keeps the content.
  Result<PathwayPlan> review = start_review(*authorised, "plan-2", pa, d("2024-10-01"));
  REQUIRE(review.ok());
  CHECK(review->status == PlanStatus::draft);
  CHECK(review->previous_plan_id == "plan-1");
  CHECK(review->sections[2].objectives.size() == 1);
  CHECK_FALSE(review->authorised_on.has_value());
  CHECK_FALSE(start_review(*review, "plan-3", pa, d("2024-10-01")).ok());  // only from an authorised plan

  // Early review: asked for by the young person or for changed circumstances.
  CHECK_FALSE(request_early_review(*authorised, d("2024-05-10"), "Moving out", d("2024-06-01")).ok());  // past
  CHECK_FALSE(request_early_review(*authorised, d("2024-12-01"), "Moving out", d("2024-06-01")).ok());  // after 6 months
  CHECK_FALSE(request_early_review(*authorised, d("2024-07-01"), "", d("2024-06-01")).ok());           // no reason
  Result<PathwayPlan> early = request_early_review(*authorised, d("2024-07-01"), "Moving out", d("2024-06-01"));
  REQUIRE(early.ok());
  CHECK(next_review_due(*early) == d("2024-07-01"));
  CHECK(plan_standing(&*early, d("2024-07-02")) == PlanStanding::overdue);
}
