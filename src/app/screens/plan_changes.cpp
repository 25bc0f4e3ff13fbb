// A plan's changes in words (plan_changes.h).
#include "app/screens/plan_changes.h"

#include "app/screens/text_formats.h"

namespace pathway::app {
namespace {

std::string quoted(std::string_view text) {
  constexpr size_t longest = 120;  // a long passage is named, not repeated
  std::string shown(text.substr(0, longest));
  if (text.size() > longest) shown += "...";
  return "\xe2\x80\x98" + shown + "\xe2\x80\x99";
}

std::string date_words(const std::optional<Date>& date) { return date ? short_date(*date) : std::string("no date"); }

std::string objective_summary(const core::Objective& objective) {
  std::string words = std::string(core::label_of(objective.status));
  if (objective.by_when) words += ", by " + short_date(*objective.by_when);
  if (!objective.who.empty()) words += ", " + objective.who;
  return quoted(objective.what) + " (" + words + ")";
}

void compare_objectives(std::vector<PlanChange>& changes, const std::string& part,
                        const std::vector<core::Objective>& before, const std::vector<core::Objective>& after) {
  // Each earlier objective matches one objective now with the same words: at
  // the same place if it is there, else the first not yet matched (two
  // objectives may have the same words).
  std::vector<bool> matched(before.size(), false);
  auto match = [&](size_t at, const std::string& what) -> const core::Objective* {
    if (at < before.size() && !matched[at] && before[at].what == what) return matched[at] = true, &before[at];
    for (size_t j = 0; j < before.size(); ++j)
      if (!matched[j] && before[j].what == what) return matched[j] = true, &before[j];
    return nullptr;
  };
  for (size_t k = 0; k < after.size(); ++k) {
    const core::Objective& now = after[k];
    const core::Objective* was = match(k, now.what);
    if (!was) {
      changes.push_back({part, "New objective " + objective_summary(now)});
      continue;
    }
    const std::string name = quoted(now.what) + ": ";
    if (was->status != now.status)
      changes.push_back({part, name + std::string(core::label_of(now.status)) + ", was " +
                                   std::string(core::label_of(was->status))});
    if (was->by_when != now.by_when)
      changes.push_back({part, name + "by " + date_words(now.by_when) + ", was " + date_words(was->by_when)});
    if (was->who != now.who)
      changes.push_back({part, name + "who: " + (now.who.empty() ? "nobody named" : now.who) + ", was " +
                                   (was->who.empty() ? "nobody named" : was->who)});
    if (was->how != now.how) changes.push_back({part, name + "how: " + quoted(now.how)});
  }
  for (size_t j = 0; j < before.size(); ++j)
    if (!matched[j]) changes.push_back({part, "Objective removed: " + quoted(before[j].what)});
}

void compare_text(std::vector<PlanChange>& changes, const std::string& part, std::string_view what,
                  const std::string& before, const std::string& after) {
  if (before == after) return;
  if (after.empty()) changes.push_back({part, std::string(what) + " removed"});
  else changes.push_back({part, std::string(what) + (before.empty() ? " added: " : " now: ") + quoted(after)});
}

}  // namespace

std::vector<PlanChange> plan_changes(const core::PathwayPlan* before, const core::PathwayPlan& after) {
  static const core::PathwayPlan empty_plan;
  const core::PathwayPlan& was = before ? *before : empty_plan;
  std::vector<PlanChange> changes;
  const std::string needs = "Needs assessment";
  compare_text(changes, needs, "Summary", was.needs_assessment.summary, after.needs_assessment.summary);
  if (was.needs_assessment.completed_on != after.needs_assessment.completed_on)
    changes.push_back({needs, "Completed on " + date_words(after.needs_assessment.completed_on)});
  for (size_t i = 0; i < after.sections.size(); ++i) {
    const core::PlanSectionContent& now = after.sections[i];
    const core::PlanSectionContent& then = was.sections[i];
    const std::string part(core::label_of(now.section));
    compare_text(changes, part, "Assessed needs", then.assessed_needs, now.assessed_needs);
    compare_text(changes, part, "The young person's views", then.young_persons_views, now.young_persons_views);
    compare_objectives(changes, part, then.objectives, now.objectives);
  }
  compare_text(changes, "The young person's views", "Their views on the plan", was.young_persons_overall_views,
               after.young_persons_overall_views);
  return changes;
}

}  // namespace pathway::app
