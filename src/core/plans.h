// Pathway plans: the workflow draft -> submitted -> authorised (or returned
// with comments), who may authorise, when the next review is due, and a
// young person's plan standing on a date (up to date / overdue / no plan, as
// the Kirklees report counts them: 240 / 34 / 9 of 283).
//
// Every transition is a pure function: it takes the plan and returns the
// changed copy, or an Error saying why not. The store saves what it returns.
//
// Sources: Care Leavers (England) Regulations 2010 (a pathway plan is
// reviewed at least every six months, and whenever the young person asks or
// the PA thinks it necessary); Kirklees report 4.1-4.5 (authorised by a
// manager; the duty manager authorises in the manager's absence).
#pragma once

#include <optional>
#include <span>
#include <string>

#include "core/date.h"
#include "core/model.h"
#include "core/result.h"

namespace pathway::core {

inline constexpr int plan_review_months = 6;

enum class PlanStanding { up_to_date, overdue, no_plan };
template <>
struct EnumTable<PlanStanding> {
  static constexpr EnumEntry<PlanStanding> entries[] = {
      {PlanStanding::up_to_date, "UP_TO_DATE", "Up to date"},
      {PlanStanding::overdue, "OVERDUE", "Review overdue"},
      {PlanStanding::no_plan, "NO_PLAN", "No plan"},
  };
};

// The next review of an authorised plan: 6 months after authorisation, or
// the earlier review asked for. Nullopt if the plan is not authorised.
std::optional<Date> next_review_due(const PathwayPlan& plan);

// The person's plan in force on `day`: the version authorised most recently
// on or before that day. `plans` holds one person's versions, in any order.
const PathwayPlan* current_plan(std::span<const PathwayPlan> plans, Date day);
// The same rule one plan at a time: `kept` becomes `plan` if it is authorised
// on or before `day` and later than `kept`.
void keep_latest_on(const PathwayPlan*& kept, const PathwayPlan& plan, Date day);
// The person's newest version, whatever its status (a review being drafted,
// one awaiting authorisation or returned): the one no other version follows
// (previous_plan_id); of several, the last created. Null when there is none.
const PathwayPlan* latest_version(std::span<const PathwayPlan> plans);
PlanStanding plan_standing(const PathwayPlan* current, Date day);
PlanStanding plan_standing(std::span<const PathwayPlan> plans, Date day);

// Whether `staff` may authorise (or return) `plan` on `today`: the team
// manager of the plan's team, or a manager on the duty rota for that team
// (or for every team) that day; never the plan's own author.
Status can_authorise(const Staff& staff, const PathwayPlan& plan, std::span<const DutyManagerEntry> duty_rota,
                     Date today);

// Drafts and returned plans can be edited; submitted and authorised ones
// cannot (start a review instead).
Status check_editable(const PathwayPlan& plan);

// Draft or returned -> submitted. Refused if the plan has no objective, an
// objective lacks what or by when, or the young person's views are missing.
Result<PathwayPlan> submit_plan(PathwayPlan plan, const Staff& by, Date on);
// Submitted -> authorised.
Result<PathwayPlan> authorise_plan(PathwayPlan plan, const Staff& by, std::span<const DutyManagerEntry> duty_rota,
                                   Date on);
// Submitted -> returned, with the comments the author must address.
Result<PathwayPlan> return_plan(PathwayPlan plan, const Staff& by, std::string comments,
                                std::span<const DutyManagerEntry> duty_rota, Date on);
// A new draft version from an authorised plan, for its review.
Result<PathwayPlan> start_review(const PathwayPlan& authorised, Id new_plan_id, const Staff& author, Date on);
// Brings the next review forward (the young person asked, or circumstances
// changed). The date may not be in the past or after the 6-month review.
Result<PathwayPlan> request_early_review(PathwayPlan plan, Date review_by, std::string reason, Date today);

}  // namespace pathway::core
