// What the caseload card and the young person's screen both say about a
// young person, from their caseload line: "19 · Former relevant · UASC ·
// High risk", "Contact overdue by 3 days", "Plan review by 4 Jun 2027".
#pragma once

#include <string>

#include "core/date.h"
#include "store/store.h"

namespace pathway::app {

std::string details_of(const store::CaseloadRow& row);                // age, category, flags, risk
std::string contact_summary(const core::ContactDue& due, Date today);  // what is due, or how overdue
std::string last_contact_words(const core::ContactDue& due);           // "Last contact 3 Nov 2026"
std::string plan_summary(const store::CaseloadRow& row, Date today);   // the plan review

}  // namespace pathway::app
