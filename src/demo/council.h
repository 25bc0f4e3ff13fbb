// Example Council: an obviously fictional leaving care service, generated
// from a seed so that dashboards, screens, tests and benchmarks have
// realistic data without any real person in it.
//
// generate_council() is pure: the same DemoOptions give the same records,
// field for field, natively and in wasm (own PRNG, integers only). Its output
// is plain core records, so core's figures run on it with no store; load.h
// puts it into a store.
//
// The mix follows the council reports in shared/context: 3 teams, 18
// Personal Advisers (plus 3 team managers, a service manager, an admin),
// mostly former relevant 18-20, fewer 21-24 in education or asking for
// support to 25, some eligible and relevant 16-17, a few qualifying,
// UASC about 12%, parents, custody; 5 years of needs-led contacts; plans in
// every state (Kirklees: 240 up to date / 34 overdue / 9 none of 283); in
// touch about 90%, EET about 55%, suitable accommodation about 90%. A mostly
// well-run service: about 88% of contacts in time, the rest overdue by days
// or weeks (never 8 weeks, the statutory floor), and late plan reviews late
// by days or weeks; those not in touch at a birthday were seen again since.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/figures.h"
#include "core/model.h"
#include "core/result.h"

namespace pathway::demo {

struct DemoOptions {
  uint64_t seed = 31;  // a seed whose 300-person council lands close to the reports' rates
  int young_people = 300;
  Date today = Date::from_ymd(2026, 4, 1);
};

// Limits accepted by generate_council (the CLI and tests check them).
inline constexpr int max_young_people = 1'000'000;

// The council's records: a core Caseworld (so compute_figures runs on it
// directly) and the day it was generated for.
struct Council : core::Caseworld {
  Date today;  // every record is dated before this day

  // Every record, counted once (the rows a load writes, before child rows
  // such as care periods and objectives).
  size_t record_count() const;
};

Council generate_council(const DemoOptions& options);

// Calls `save(record)` for every record in an order a store accepts (teams,
// staff, duty rota, people, then their contacts, plans, activity,
// accommodation and risk; an original contact before its correction, a plan
// before its review), stopping at the first save that fails.
template <class Save>
Status for_each_record(const Council& council, Save&& save) {
  Status status = ok_status();
  const auto each = [&](const auto& records) {
    for (const auto& record : records) {
      if (!status) return;
      status = save(record);
    }
  };
  each(council.teams);
  each(council.staff);
  each(council.duty_rota);
  each(council.people);
  each(council.contacts);
  each(council.plans);
  each(council.activities);
  each(council.accommodations);
  each(council.risks);
  return status;
}

// The staff and teams alone (what every store needs first).
Council generate_staff(const DemoOptions& options);
// Adds young people [first, first + count) and their histories to `council`,
// which must hold generate_staff(options). Each person comes from their own
// random stream, so any slice can be generated alone and in any order:
// generate_council is generate_staff + generate_young_people(0, n).
void generate_young_people(const DemoOptions& options, int first, int count, Council& council);

// The records of one Personal Adviser's open cases: every member of staff,
// the teams and the duty rota, the young people allocated to the PA and not
// closed, and every record about them.
Council caseload_of(const Council& council, const core::Id& pa_id);

// The demo user of a device: the first PA of the first team, whose
// caseload is the largest by design (about 22 in the default council).
core::Id demo_device_pa(const Council& council);

// caseload_of(generate_council(options), demo_device_pa(...)), generating
// only that PA's young people (a tenth of the work: the wasm app calls it).
Council generate_device_caseload(const DemoOptions& options);

// A 64-bit FNV-1a fingerprint of every generated field, for determinism
// tests and for comparing builds (native and wasm must agree).
uint64_t fingerprint(const Council& council);

}  // namespace pathway::demo
