// A young person's caseload line in words (person_words.h).
#include "app/screens/person_words.h"

#include <utility>

#include "app/screens/text_formats.h"

namespace pathway::app {

std::string contact_summary(const core::ContactDue& due, Date day) {
  if (!due.last_contact) return "Never contacted: contact due now";
  if (due.overdue) return "Contact overdue by " + days_phrase(due.days_overdue);
  if (due.due && *due.due == day) return "Contact due today";
  if (due.due) return "Next contact by " + short_date(*due.due);
  return "";
}

std::string last_contact_words(const core::ContactDue& due) {
  return due.last_contact ? "Last contact " + short_date(*due.last_contact) : "Last contact: none recorded";
}

std::string plan_summary(const store::CaseloadRow& row, Date day) {
  switch (row.plan_standing) {
    case core::PlanStanding::no_plan: return "No pathway plan";
    case core::PlanStanding::overdue:
      if (row.plan_review_due) return "Plan review overdue by " + days_phrase(days_between(*row.plan_review_due, day));
      return "Plan review overdue";
    case core::PlanStanding::up_to_date:
      return row.plan_review_due ? "Plan review by " + short_date(*row.plan_review_due) : "Plan up to date";
  }
  return {};
}

std::string details_of(const store::CaseloadRow& row) {
  const char* dot = " \xc2\xb7 ";
  std::string details = std::to_string(row.age) + dot + std::string(core::label_of(row.category.category));
  for (auto [flag, words] : {std::pair{row.flags.uasc, "UASC"}, std::pair{row.flags.parent, "Parent"},
                             std::pair{row.flags.in_custody, "Custody"}, std::pair{row.flags.send, "SEND"}})
    if (flag) details += dot + std::string(words);
  if (row.risk_level) details += dot + std::string(core::label_of(*row.risk_level)) + " risk";
  return details;
}

}  // namespace pathway::app
