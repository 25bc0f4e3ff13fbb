// What changed in a pathway plan since its last authorised version, in words
// a manager reads before authorising: "Health and wellbeing: new objective
// 'Register with a GP' (Not started, by 3 Mar 2027, PA)", "Education, training
// and employment: 'Apply to college' In progress, was Not started". Objectives
// carry no id of their own, so one is the same objective while its "what" is
// the same (two with the same words pair up in order); rewording it reads as
// one removed and one added. Plain C++ (no
// browser): tested natively.
#pragma once

#include <string>
#include <vector>

#include "core/model.h"

namespace pathway::app {

struct PlanChange {
  std::string part;   // "Needs assessment", a section's name, "The young person's views"
  std::string words;  // what changed there
};

// Every change from `before` (the last authorised version; null for a first
// plan: everything in it is new) to `after`, in the plan's order.
std::vector<PlanChange> plan_changes(const core::PathwayPlan* before, const core::PathwayPlan& after);

}  // namespace pathway::app
