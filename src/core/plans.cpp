// The pathway plan workflow and review dates (see plans.h for the sources).
#include "core/plans.h"

#include <algorithm>

#include "core/text.h"

namespace pathway::core {
namespace {

Error wrong_state(const PathwayPlan& plan, std::string_view action) {
  return Error{ErrorCode::conflict,
               "This plan is " + std::string(label_of(plan.status)) + ": it cannot be " + std::string(action) + ".",
               "status"};
}

Error forbidden(std::string message) { return Error{ErrorCode::forbidden, std::move(message), {}}; }

bool has_young_persons_views(const PathwayPlan& plan) {
  if (!is_blank(plan.young_persons_overall_views)) return true;
  return std::any_of(plan.sections.begin(), plan.sections.end(),
                     [](const PlanSectionContent& s) { return !is_blank(s.young_persons_views); });
}

// What stops a plan being submitted, or ok.
Status check_complete(const PathwayPlan& plan) {
  int objectives = 0;
  for (const PlanSectionContent& section : plan.sections) {
    for (const Objective& objective : section.objectives) {
      ++objectives;
      const std::string where = std::string(label_of(section.section));
      if (is_blank(objective.what))
        return invalid("objectives", "An objective in \"" + where + "\" does not say what will be done.");
      if (!objective.by_when)
        return invalid("objectives", "An objective in \"" + where + "\" has no date to be done by.");
    }
  }
  if (objectives == 0)
    return invalid("objectives", "The plan has no objectives: add at least one, saying what, how, who and by when.");
  if (!has_young_persons_views(plan))
    return invalid("young_persons_views", "Record the young person's own views before submitting the plan.");
  return ok_status();
}

}  // namespace

std::optional<Date> next_review_due(const PathwayPlan& plan) {
  if (plan.status != PlanStatus::authorised || !plan.authorised_on) return std::nullopt;
  const Date six_months = plan.authorised_on->plus_months(plan_review_months);
  if (plan.early_review_requested_for && *plan.early_review_requested_for < six_months)
    return plan.early_review_requested_for;
  return six_months;
}

void keep_latest_on(const PathwayPlan*& kept, const PathwayPlan& plan, Date day) {
  if (plan.status != PlanStatus::authorised || !plan.authorised_on || *plan.authorised_on > day) return;
  if (!kept || *plan.authorised_on > *kept->authorised_on) kept = &plan;
}

const PathwayPlan* current_plan(std::span<const PathwayPlan> plans, Date day) {
  const PathwayPlan* found = nullptr;
  for (const PathwayPlan& plan : plans) keep_latest_on(found, plan, day);
  return found;
}

const PathwayPlan* latest_version(std::span<const PathwayPlan> plans) {
  const PathwayPlan* latest = nullptr;
  for (const PathwayPlan& plan : plans) {
    bool followed = false;
    for (const PathwayPlan& other : plans) followed |= other.previous_plan_id == plan.id;
    if (followed) continue;
    if (!latest || plan.created_on > latest->created_on || (plan.created_on == latest->created_on && plan.id > latest->id))
      latest = &plan;
  }
  return latest;
}

PlanStanding plan_standing(const PathwayPlan* current, Date day) {
  if (!current) return PlanStanding::no_plan;
  return day <= *next_review_due(*current) ? PlanStanding::up_to_date : PlanStanding::overdue;
}

PlanStanding plan_standing(std::span<const PathwayPlan> plans, Date day) {
  return plan_standing(current_plan(plans, day), day);
}

Status can_authorise(const Staff& staff, const PathwayPlan& plan, std::span<const DutyManagerEntry> duty_rota,
                     Date today) {
  if (!staff.active) return forbidden("Your account is not active, so you cannot authorise plans.");
  if (staff.id == plan.author_id)
    return forbidden("You wrote this plan, so you cannot authorise it: ask your team manager or the duty manager.");
  if (staff.role == StaffRole::team_manager && !staff.team_id.empty() && staff.team_id == plan.team_id)
    return ok_status();
  const bool is_manager = staff.role == StaffRole::team_manager || staff.role == StaffRole::service_manager;
  for (const DutyManagerEntry& duty : duty_rota) {
    if (duty.staff_id != staff.id || today < duty.from || today > duty.to) continue;
    if (is_manager && (duty.team_id.empty() || duty.team_id == plan.team_id)) return ok_status();
  }
  return forbidden("Only the manager of this plan's team, or the duty manager on " + today.iso() +
                   ", can authorise it.");
}

Status check_editable(const PathwayPlan& plan) {
  if (plan.status == PlanStatus::draft || plan.status == PlanStatus::returned) return ok_status();
  return wrong_state(plan, "changed; start a review to make a new version");
}

Result<PathwayPlan> submit_plan(PathwayPlan plan, const Staff& by, Date on) {
  if (plan.status != PlanStatus::draft && plan.status != PlanStatus::returned) return wrong_state(plan, "submitted");
  if (!by.active) return forbidden("Your account is not active, so you cannot submit plans.");
  if (Status complete = check_complete(plan); !complete) return complete.error();
  plan.status = PlanStatus::submitted;
  plan.submitted_on = on;
  return plan;
}

Result<PathwayPlan> authorise_plan(PathwayPlan plan, const Staff& by, std::span<const DutyManagerEntry> duty_rota,
                                   Date on) {
  if (plan.status != PlanStatus::submitted) return wrong_state(plan, "authorised");
  if (Status allowed = can_authorise(by, plan, duty_rota, on); !allowed) return allowed.error();
  plan.status = PlanStatus::authorised;
  plan.authorised_by = by.id;
  plan.authorised_on = on;
  return plan;
}

Result<PathwayPlan> return_plan(PathwayPlan plan, const Staff& by, std::string comments,
                                std::span<const DutyManagerEntry> duty_rota, Date on) {
  if (plan.status != PlanStatus::submitted) return wrong_state(plan, "returned");
  if (Status allowed = can_authorise(by, plan, duty_rota, on); !allowed) return allowed.error();
  if (is_blank(comments)) return invalid("return_comments", "Say what needs to change before returning the plan.");
  plan.status = PlanStatus::returned;
  plan.returned_by = by.id;
  plan.returned_on = on;
  plan.return_comments = std::move(comments);
  return plan;
}

Result<PathwayPlan> start_review(const PathwayPlan& authorised, Id new_plan_id, const Staff& author, Date on) {
  if (authorised.status != PlanStatus::authorised) return wrong_state(authorised, "reviewed until it is authorised");
  PathwayPlan next;
  next.id = std::move(new_plan_id);
  next.young_person_id = authorised.young_person_id;
  next.previous_plan_id = authorised.id;
  next.author_id = author.id;
  next.team_id = author.team_id.empty() ? authorised.team_id : author.team_id;
  next.needs_assessment = authorised.needs_assessment;
  next.sections = authorised.sections;
  next.young_persons_overall_views = authorised.young_persons_overall_views;
  next.created_on = on;
  return next;
}

Result<PathwayPlan> request_early_review(PathwayPlan plan, Date review_by, std::string reason, Date today) {
  const std::optional<Date> due = next_review_due(plan);
  if (!due) return wrong_state(plan, "given an early review until it is authorised");
  if (review_by < today) return invalid("early_review_requested_for", "The review date cannot be in the past.");
  if (review_by > plan.authorised_on->plus_months(plan_review_months))
    return invalid("early_review_requested_for", "An early review must come before the 6-monthly review.");
  if (is_blank(reason))
    return invalid("early_review_reason", "Say why the review is brought forward (asked for, or what changed).");
  plan.early_review_requested_for = review_by;
  plan.early_review_reason = std::move(reason);
  return plan;
}

}  // namespace pathway::core
