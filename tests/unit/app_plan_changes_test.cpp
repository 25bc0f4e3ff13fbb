// "What changed since the last authorised version" (issue 10, the pathway
// plan editor and the authorisation queue), as a table: a change made to an
// authorised plan, and the words a manager reads.
#include <doctest/doctest.h>

#include <functional>
#include <string>
#include <vector>

#include "app/screens/plan_changes.h"

using namespace pathway;
using namespace pathway::app;

namespace {

core::PathwayPlan authorised() {
  core::PathwayPlan plan;
  plan.status = core::PlanStatus::authorised;
  plan.needs_assessment.summary = "Needs help with budgeting";
  auto& eet = plan.sections[static_cast<size_t>(core::PlanSection::education_training_employment)];
  eet.young_persons_views = "I want to go to college";
  eet.objectives.push_back({"Apply to college", "Visit the open day", "Sam and PA", Date::from_ymd(2027, 3, 1),
                            core::ObjectiveStatus::not_started});
  plan.young_persons_overall_views = "Happy with the plan";
  return plan;
}

core::Objective& first_eet_objective(core::PathwayPlan& plan) {
  return plan.sections[static_cast<size_t>(core::PlanSection::education_training_employment)].objectives.front();
}

}  // namespace

TEST_CASE("plan changes since the last authorised version, in words") {
  struct Case {
    const char* name;
    std::function<void(core::PathwayPlan&)> change;
    std::vector<std::string> expected;  // "part | words"
  };
  const Case cases[] = {
      {"nothing changed", [](core::PathwayPlan&) {}, {}},
      {"an objective's status", [](core::PathwayPlan& p) { first_eet_objective(p).status = core::ObjectiveStatus::in_progress; },
       {"Education, training and employment | \xe2\x80\x98" "Apply to college\xe2\x80\x99: In progress, was Not started"}},
      {"its date and who", [](core::PathwayPlan& p) {
         first_eet_objective(p).by_when = Date::from_ymd(2027, 4, 1);
         first_eet_objective(p).who = "PA";
       },
       {"Education, training and employment | \xe2\x80\x98" "Apply to college\xe2\x80\x99: by 1 Apr 2027, was 1 Mar 2027",
        "Education, training and employment | \xe2\x80\x98" "Apply to college\xe2\x80\x99: who: PA, was Sam and PA"}},
      {"a new objective in another section", [](core::PathwayPlan& p) {
         p.sections[static_cast<size_t>(core::PlanSection::health_and_wellbeing)].objectives.push_back(
             {"Register with a GP", "", "PA", std::nullopt, core::ObjectiveStatus::not_started});
       },
       {"Health and wellbeing | New objective \xe2\x80\x98Register with a GP\xe2\x80\x99 (Not started, PA)"}},
      {"a reworded objective reads as removed and added", [](core::PathwayPlan& p) { first_eet_objective(p).what = "Apply to two colleges"; },
       {"Education, training and employment | New objective \xe2\x80\x98" "Apply to two colleges\xe2\x80\x99 (Not started, by 1 Mar 2027, Sam and PA)",
        "Education, training and employment | Objective removed: \xe2\x80\x98" "Apply to college\xe2\x80\x99"}},
      {"two objectives with the same words pair up in order: only the second changed", [](core::PathwayPlan& p) {
         auto& objectives = p.sections[static_cast<size_t>(core::PlanSection::education_training_employment)].objectives;
         objectives.push_back(objectives.front());
         objectives.back().who = "PA";
       },
       {"Education, training and employment | New objective \xe2\x80\x98" "Apply to college\xe2\x80\x99 (Not started, by 1 Mar 2027, PA)"}},
      {"an objective removed", [](core::PathwayPlan& p) {
         auto& objectives = p.sections[static_cast<size_t>(core::PlanSection::education_training_employment)].objectives;
         objectives.clear();
       },
       {"Education, training and employment | Objective removed: \xe2\x80\x98" "Apply to college\xe2\x80\x99"}},
      {"views and the needs assessment", [](core::PathwayPlan& p) {
         p.needs_assessment.summary.clear();
         p.sections[static_cast<size_t>(core::PlanSection::education_training_employment)].young_persons_views = "College, then work";
         p.young_persons_overall_views = "I asked for a review";
       },
       {"Needs assessment | Summary removed",
        "Education, training and employment | The young person's views now: \xe2\x80\x98" "College, then work\xe2\x80\x99",
        "The young person's views | Their views on the plan now: \xe2\x80\x98I asked for a review\xe2\x80\x99"}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    const core::PathwayPlan before = authorised();
    core::PathwayPlan after = before;
    c.change(after);
    std::vector<std::string> got;
    for (const PlanChange& change : plan_changes(&before, after)) got.push_back(change.part + " | " + change.words);
    CHECK(got == c.expected);
  }
}

TEST_CASE("plan changes: a first plan (nothing authorised before) lists everything in it as new") {
  const core::PathwayPlan plan = authorised();
  std::vector<std::string> got;
  for (const PlanChange& change : plan_changes(nullptr, plan)) got.push_back(change.part + " | " + change.words);
  CHECK(got == std::vector<std::string>{
                   "Needs assessment | Summary added: \xe2\x80\x98Needs help with budgeting\xe2\x80\x99",
                   "Education, training and employment | The young person's views added: \xe2\x80\x98I want to go to college\xe2\x80\x99",
                   "Education, training and employment | New objective \xe2\x80\x98" "Apply to college\xe2\x80\x99 (Not started, by 1 Mar 2027, Sam and PA)",
                   "The young person's views | Their views on the plan added: \xe2\x80\x98Happy with the plan\xe2\x80\x99",
               });
}
