// The SQL of the store's queries (internal to src/store), in one place so
// that tests/unit/store_query_plan_test.cpp can check with EXPLAIN QUERY PLAN
// that each uses the index made for it.
#pragma once

#include <string>

namespace pathway::store::detail::sql {

// Whose open cases a caseload holds: conditions for load.h filters on the
// young people, on their records (young_person_id IN ...), on the activity
// spell of the day and on risk assessments up to the day (?2 = the day, ISO).
struct CaseloadScope {
  const char* people;
  const char* records;
  const char* activity_on_day;
  const char* risks_until;
};
#define PATHWAY_CASELOAD_SCOPE(PEOPLE)                                                                   \
  CaseloadScope {                                                                                        \
    PEOPLE, "young_person_id IN (SELECT id FROM young_people WHERE " PEOPLE ")",                         \
        "young_person_id IN (SELECT id FROM young_people WHERE " PEOPLE ")"                              \
        " AND start_date <= ?2 AND (end_date IS NULL OR end_date >= ?2)",                                \
        "young_person_id IN (SELECT id FROM young_people WHERE " PEOPLE ") AND assessed_on <= ?2"        \
  }
// ?1 = the PA's staff id.
inline constexpr CaseloadScope pa_caseload =
    PATHWAY_CASELOAD_SCOPE("allocated_pa_id = ?1 AND case_status <> 'CLOSED'");
// ?1 = a team id: the open cases of every member of the team (as the server's
// record_access rule: a team manager sees those allocated to their team's PAs).
inline constexpr CaseloadScope team_caseload = PATHWAY_CASELOAD_SCOPE(
    "allocated_pa_id IN (SELECT id FROM staff WHERE team_id = ?1) AND case_status <> 'CLOSED'");
#undef PATHWAY_CASELOAD_SCOPE

// A person's current contact versions (none supersedes them) that occurred
// before ?2 (the day after "today"), newest first; columns as contacts_table().
const std::string& current_contacts_newest_first();

// ?1 person, (?2 at, ?3 kind, ?4 key) = cursor, ?5 = rows wanted. Columns:
// kind, record id, at, code, detail code, text, key.
inline constexpr const char* timeline_page = R"sql(
SELECT kind, record_id, at, code, detail_code, text, key FROM (
  SELECT 0 AS kind, c.id AS record_id, c.occurred_at AS at, c.type AS code, c.outcome AS detail_code,
         substr(c.pa_notes, 1, 200) AS text, c.id AS key
    FROM contacts c
   WHERE c.young_person_id = ?1 AND c.withdrawn = 0
     AND NOT EXISTS (SELECT 1 FROM contacts s WHERE s.supersedes = c.id)
  UNION ALL
  SELECT 1, e.plan_id, e.on_date, e.event, '', substr(e.comments, 1, 200), e.id
    FROM plan_events e JOIN pathway_plans p ON p.id = e.plan_id
   WHERE p.young_person_id = ?1
  UNION ALL
  SELECT 2, a.id, a.start_date, a.code, '', substr(a.detail, 1, 200), a.id
    FROM activity_spells a WHERE a.young_person_id = ?1
  UNION ALL
  SELECT 3, m.id, m.start_date, m.code, m.suitability, substr(m.detail, 1, 200), m.id
    FROM accommodation_spells m WHERE m.young_person_id = ?1
  UNION ALL
  SELECT 4, r.id, r.assessed_on, r.level, '', substr(r.summary, 1, 200), r.id
    FROM risk_assessments r WHERE r.young_person_id = ?1
)
WHERE (at, kind, key) < (?2, ?3, ?4)
ORDER BY at DESC, kind DESC, key DESC
LIMIT ?5
)sql";

// ?1 = team id.
inline constexpr const char* plans_awaiting_authorisation = R"sql(
SELECT p.id, p.young_person_id, y.preferred_name, y.legal_given_name, y.legal_family_name, p.author_id, p.submitted_on
  FROM pathway_plans p JOIN young_people y ON y.id = p.young_person_id
 WHERE p.team_id = ?1 AND p.status = 'SUBMITTED'
 ORDER BY p.submitted_on, p.id
)sql";

}  // namespace pathway::store::detail::sql
