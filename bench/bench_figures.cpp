// Benchmark: all figures (compute_figures) for 300, 10,000 and 100,000 young
// people with about five years of contacts each, and, as the same-run
// baseline, a naive "contacts overdue" figure that rescans every contact for
// each person (what per-person calls to the public API would do). The goal
// (issue 4): all figures for 10,000 young people in <= 100 ms natively.
//
// The world is synthetic and built here, deterministically (a fixed seed and
// the demo generator's portable random numbers, so native and wasm build the
// same world), and the benchmark needs no store or demo data: ages 16-25,
// care histories that make every category, contacts every 1-8 weeks with
// jitter, some not seen and some corrected, EET and accommodation spells,
// plans every ~6 months, yearly risk assessments.
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "bench.h"
#include "core/category.h"
#include "core/figures.h"
#include "core/histories.h"
#include "core/keeping_in_touch.h"
#include "demo/random.h"

namespace {

using namespace pathway;
using namespace pathway::core;

const Date kTo = Date::from_ymd(2025, 3, 31);
const Date kFrom = Date::from_ymd(2024, 4, 1);

class WorldBuilder {
 public:
  explicit WorldBuilder(uint64_t seed) : random_(seed) {}

  Caseworld build(int people) {
    Caseworld world;
    const int pas = std::max(1, people / 22);  // national average caseload (Notts report)
    const int teams = std::max(1, pas / 8);
    for (int t = 0; t < teams; ++t) {
      world.teams.push_back({uuid(), "Team " + std::to_string(t + 1), ""});
      world.staff.push_back({uuid(), "Manager " + std::to_string(t + 1), StaffRole::team_manager, world.teams[t].id});
      world.teams[t].manager_id = world.staff.back().id;
    }
    std::vector<size_t> pa_index;
    for (int p = 0; p < pas; ++p) {
      pa_index.push_back(world.staff.size());
      world.staff.push_back(
          {uuid(), "Adviser " + std::to_string(p + 1), StaffRole::personal_adviser, world.teams[p % teams].id});
    }
    world.people.reserve(people);
    world.contacts.reserve(static_cast<size_t>(people) * 45);
    for (int i = 0; i < people; ++i) {
      const Staff& pa = world.staff[pa_index[i % pas]];
      add_person(world, pa);
    }
    return world;
  }

 private:
  int between(int lo, int hi) { return random_.between(lo, hi); }
  bool chance(int per_mille) { return random_.chance(per_mille); }

  std::string uuid() {
    const uint64_t high = random_.next(), low = random_.next();  // drawn in this order on every compiler
    char text[40];
    std::snprintf(text, sizeof text, "%08x-%04x-4%03x-8%03x-%012" PRIx64, static_cast<unsigned>(high >> 32),
                  static_cast<unsigned>((high >> 16) & 0xFFFF), static_cast<unsigned>(high & 0xFFF),
                  static_cast<unsigned>(low >> 52), low & uint64_t{0xFFFFFFFFFFFF});
    return text;
  }

  void add_person(Caseworld& world, const Staff& pa) {
    YoungPerson p;
    p.id = uuid();
    p.legal_given_name = "Sample";
    p.legal_family_name = "Person";
    p.date_of_birth = kTo.plus_days(-between(16 * 365, 25 * 365 + 364));
    p.allocated_pa_id = pa.id;
    p.team_id = pa.team_id;
    static constexpr ContactFrequency frequencies[] = {
        ContactFrequency::weekly,        ContactFrequency::fortnightly,   ContactFrequency::every_3_weeks,
        ContactFrequency::every_4_weeks, ContactFrequency::every_4_weeks, ContactFrequency::every_6_weeks,
        ContactFrequency::every_6_weeks, ContactFrequency::every_8_weeks, ContactFrequency::every_8_weeks};
    p.contact_frequency = frequencies[between(0, 8)];
    const Date at14 = p.date_of_birth.plus_years(14), at16 = p.date_of_birth.plus_years(16);
    const Date at18 = p.date_of_birth.plus_years(18);
    const int kind = between(0, 99);
    if (kind < 85) {  // long enough for eligible / relevant / former relevant
      const Date start = at14.plus_days(between(0, 700));
      std::optional<Date> end = at16.plus_days(between(30, 700));
      if (*end >= at18) end = at18.plus_days(-1);
      if (*end > kTo) end.reset();
      p.care_periods.push_back({start, end, chance(600) ? LegalBasis::care_order : LegalBasis::accommodated_s20});
    } else if (kind < 95) {  // short, after 16: qualifying
      const Date start = at16.plus_days(between(0, 500));
      const Date end = start.plus_days(between(10, 80));
      if (end < kTo) p.care_periods.push_back({start, end, LegalBasis::accommodated_s20});
    } else {  // respite only
      p.care_periods.push_back({at14, at16.plus_days(100), LegalBasis::short_breaks_agreement});
    }
    if (chance(80)) p.case_status = CaseStatus::open_support_to_25;
    world.people.push_back(std::move(p));
    const YoungPerson& person = world.people.back();
    add_contacts(world, person, pa);
    add_histories(world, person, pa);
  }

  void add_contacts(Caseworld& world, const YoungPerson& person, const Staff& pa) {
    const int interval = contact_interval_days(person.contact_frequency);
    Date day = std::max(person.date_of_birth.plus_years(16), kTo.plus_days(-5 * 365));
    day = day.plus_days(between(0, interval));
    // About one in eight loses touch for 4-9 months at some point (so in touch is ~90%, not 100%).
    const bool loses_touch = chance(120);
    const Date gap_from = kTo.plus_days(-between(0, 5 * 365));
    const Date gap_to = gap_from.plus_days(between(120, 270));
    while (day <= kTo) {
      if (loses_touch && day >= gap_from && day < gap_to) day = gap_to;
      if (day > kTo) break;
      Contact c;
      c.id = uuid();
      c.young_person_id = person.id;
      c.staff_id = pa.id;
      c.occurred_at = *uk_instant_of(day, between(9, 18), 0);
      c.recorded_at = c.occurred_at;
      c.type = static_cast<ContactType>(between(0, 5));
      c.outcome = chance(80)  ? ContactOutcome::not_seen
                  : chance(500) ? ContactOutcome::seen_alone
                                : ContactOutcome::seen;
      if (c.outcome == ContactOutcome::not_seen) c.not_seen_reason = NotSeenReason::no_answer;
      c.pa_notes = "Visit notes: talked about college, money and the flat.";
      const bool correct = chance(10);
      world.contacts.push_back(std::move(c));
      if (correct) {
        Contact fix = world.contacts.back();
        fix.supersedes = fix.id;
        fix.id = uuid();
        fix.correction_reason = "Corrected the date";
        world.contacts.push_back(std::move(fix));
      }
      day = day.plus_days(std::max(3, interval + between(-interval / 3, interval / 2)));
    }
  }

  void add_histories(Caseworld& world, const YoungPerson& person, const Staff& pa) {
    const Date at16 = person.date_of_birth.plus_years(16);
    for (Date start = at16; start <= kTo;) {
      const Date end = start.plus_days(between(90, 900));
      world.activities.push_back({uuid(), person.id, start, end < kTo ? std::optional(end) : std::nullopt,
                                  static_cast<ActivityCode>(between(0, 10))});
      start = end.plus_days(1);
    }
    for (Date start = at16; start <= kTo;) {
      const Date end = start.plus_days(between(180, 1200));
      world.accommodations.push_back({uuid(), person.id, start, end < kTo ? std::optional(end) : std::nullopt,
                                      static_cast<AccommodationCode>(between(0, 15)),
                                      chance(880) ? Suitability::suitable : Suitability::unsuitable});
      start = end.plus_days(1);
    }
    for (Date day = at16.plus_days(between(0, 60)); day <= kTo; day = day.plus_months(6).plus_days(between(-10, 40))) {
      PathwayPlan plan;
      plan.id = uuid();
      plan.young_person_id = person.id;
      plan.author_id = pa.id;
      plan.team_id = pa.team_id;
      plan.status = chance(900) ? PlanStatus::authorised : PlanStatus::submitted;
      plan.submitted_on = day;
      if (plan.status == PlanStatus::authorised) plan.authorised_on = day.plus_days(between(0, 14));
      world.plans.push_back(std::move(plan));
    }
    for (Date day = at16.plus_days(between(0, 300)); day <= kTo; day = day.plus_years(1)) {
      world.risks.push_back({uuid(),
                             person.id,
                             pa.id,
                             day,
                             day.plus_months(between(3, 12)),
                             static_cast<RiskLevel>(between(0, 2)),
                             {RiskFactor::going_missing},
                             "Summary."});
    }
  }

  demo::DemoRandom random_;
};

// The baseline: for each person, rescan every contact (and activity) to
// find theirs, then ask the public per-person rules. Quadratic in the size of
// the service, so at 10,000 it runs for the first `people` only.
int naive_contacts_overdue(const Caseworld& world, size_t people) {
  int overdue = 0;
  std::vector<Contact> theirs;
  std::vector<ActivitySpell> activities;
  for (size_t i = 0; i < people && i < world.people.size(); ++i) {
    const YoungPerson& person = world.people[i];
    activities.clear();
    for (const ActivitySpell& a : world.activities)
      if (a.young_person_id == person.id) activities.push_back(a);
    const ActivitySpell* activity = activity_on(activities, kTo);
    if (!needs_personal_adviser(
            categorise(person, kTo, activity ? std::optional(activity->code) : std::nullopt).category))
      continue;
    theirs.clear();
    for (const Contact& c : world.contacts)
      if (c.young_person_id == person.id) theirs.push_back(c);
    overdue += next_contact_due(person, theirs, kTo).overdue;
  }
  return overdue;
}

}  // namespace

PATHWAY_BENCH(bench_figures) {
  // naive_people: how many people the quadratic baseline runs for (its time
  // is scaled up to the whole world when that is fewer than everyone).
  struct Size {
    int people;
    int runs;
    int naive_people;
    int naive_runs;
  };
  const Size sizes[] = {{300, 50, 300, 5}, {10'000, 20, 200, 3}, {100'000, 3, 0, 0}};
  // PATHWAY_BENCH_MAX_PEOPLE=10000 skips the 100,000 world (about 2.5 GB and minutes to build).
  const char* max_env = std::getenv("PATHWAY_BENCH_MAX_PEOPLE");
  const int max_people = max_env ? std::atoi(max_env) : 100'000;
  for (const Size& size : sizes) {
    if (size.people > max_people) continue;
    WorldBuilder builder(20250331);
    Caseworld world;
    const bench::Stats build = bench::measure(1, [&] { world = builder.build(size.people); });
    std::printf(
        "  %d young people: %zu contacts, %zu plans, %zu activity + %zu accommodation spells (built in %.0f ms)\n",
        size.people, world.contacts.size(), world.plans.size(), world.activities.size(), world.accommodations.size(),
        build.p50_ms);

    Figures figures;
    const bench::Stats fast = bench::measure(size.runs, [&] { figures = compute_figures(world, kFrom, kTo); });
    bench::print_stats("all figures, " + std::to_string(size.people) + " young people", fast,
                       size.people == 10'000 ? bench::goal_note(fast, 100) : std::string());
    std::printf(
        "    care leavers %d, in touch %.1f%%, EET %.1f%%, suitable accommodation %.1f%%, plans %d/%d/%d, "
        "contacts overdue %d\n",
        figures.all.care_leavers, figures.all.in_touch.percent(), figures.all.eet.percent(),
        figures.all.suitable_accommodation.percent(), figures.all.plans_up_to_date, figures.all.plans_overdue,
        figures.all.no_plan, figures.all.contacts_overdue);
    if (size.naive_runs == 0) continue;

    int naive_overdue = 0;
    bench::Stats naive = bench::measure(size.naive_runs, [&] {
      naive_overdue = naive_contacts_overdue(world, static_cast<size_t>(size.naive_people));
    });
    // Each person's pass reads every contact of the world, so the time grows
    // with the people counted: a part timed, scaled up, stands for the whole.
    const double scale = static_cast<double>(size.people) / size.naive_people;
    naive.p50_ms *= scale;
    naive.p95_ms *= scale;
    naive.min_ms *= scale;
    naive.max_ms *= scale;
    if (naive.cpu_ms_per_run) *naive.cpu_ms_per_run *= scale;
    char note[160];
    if (scale == 1)
      std::snprintf(note, sizeof note, "baseline; all figures %.0fx faster%s", naive.p50_ms / fast.p50_ms,
                    naive_overdue == figures.all.contacts_overdue ? "" : " (COUNTS DIFFER)");
    else
      std::snprintf(note, sizeof note,
                    "baseline, EXTRAPOLATED: %d of the %d people timed, times x%.0f; all figures %.0fx faster",
                    size.naive_people, size.people, scale, naive.p50_ms / fast.p50_ms);
    bench::print_stats("naive contacts overdue, " + std::to_string(size.people) + " young people" +
                           (scale == 1 ? "" : " (extrapolated)"),
                       naive, note);
  }
}
