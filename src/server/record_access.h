// Reading the shared record by role and caseload, every read audited.
//
// Who sees whose young people (UK GDPR Article 5(1)(c) and (f): staff see
// the records their role needs, no more):
//  * a Personal Adviser: the young people allocated to them;
//  * a team manager: those allocated to the PAs of their team;
//  * a service manager: everyone;
//  * an administrator: no case records (they manage accounts and devices).
//
// GET /api/caseload: the caseload lines in scope (a PA's own, a team
// manager's team, a service manager's service), each with its PA. One audit
// row per line returned, written before the answer goes (no audit, no data).
// GET /api/young-people/<id>: that young person's caseload line, or 403 with
// the same body whether or not the record exists, so the answer never says
// what exists outside one's scope. Refusals are audited too.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "server/access_log.h"
#include "server/http.h"
#include "server/sessions.h"
#include "server/shared_record.h"

namespace pathway::server {

struct RecordServices {
  SharedRecord* record = nullptr;
  AccountServices accounts;
};

// Where a young person's record belongs: their PA and that PA's team.
struct RecordPlace {
  std::string allocated_pa_id;  // empty: not allocated
  std::string pa_team_id;
};

bool may_see(const Principal& principal, const RecordPlace& place);

inline constexpr std::string_view young_people_prefix = record_path_prefixes[0];

Response caseload_lines(const RecordServices& services, const Principal& principal, const Request& request);
Response young_person_line(const RecordServices& services, const Principal& principal, const Request& request);

}  // namespace pathway::server
