// The Example Council generator (see council.h for what it makes and why).
//
// Index of this file:
// [SECTION] Ids, dates and weighted choices
// [SECTION] Staff, teams and the duty rota
// [SECTION] A young person: profile, identity and care history
// [SECTION] Contacts
// [SECTION] EET activity and accommodation
// [SECTION] Pathway plans and risk assessments
// [SECTION] Whole council, device caseload, fingerprint
//
// Each young person is built by a PersonBuilder from their own random stream
// (seed, index): the profile first (which category they are meant to be in,
// how engaged they are, what plan standing they have), then the facts that
// make the core rules derive that category, then the histories. Rates are
// set by the profile weights below, tuned against core's rules (see
// tests/unit/demo_council_tests.cpp for the tolerances).
#include "demo/council.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "core/category.h"
#include "core/keeping_in_touch.h"
#include "core/plans.h"
#include "demo/random.h"
#include "demo/words.h"

namespace pathway::demo {
namespace {

using namespace pathway::core;
using Words = std::span<const std::string_view>;

// [SECTION] Ids, dates and weighted choices

// Random streams: staff use stream 0; young person i uses person_stream + i.
constexpr uint64_t staff_stream = 0;
constexpr uint64_t person_stream = 1'000'000;

// A version-4-shaped UUID from the generator (deterministic, unlike the
// store's new_uuid(), so the same seed gives the same ids everywhere).
Id make_id(DemoRandom& random) {
  const uint64_t high = (random.next() & 0xFFFFFFFFFFFF0FFFull) | 0x0000000000004000ull;
  const uint64_t low = (random.next() & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;
  static constexpr char hex[] = "0123456789abcdef";
  Id id(36, '-');
  size_t at = 0;
  for (int nibble = 0; nibble < 32; ++nibble) {
    if (at == 8 || at == 13 || at == 18 || at == 23) ++at;
    const uint64_t word = nibble < 16 ? high : low;
    id[at++] = hex[(word >> (60 - 4 * (nibble % 16))) & 0xF];
  }
  return id;
}

Date date_between(DemoRandom& random, Date from, Date to) {
  return to <= from ? from
                    : from.plus_days(static_cast<int>(random.below(static_cast<uint32_t>(days_between(from, to) + 1))));
}

// A UK wall-clock time. The demo uses midnight and working hours, which exist
// on every day (the clocks change at 01:00 and 02:00).
Instant at_time(Date day, int hour, int minute) { return uk_instant_of(day, hour, minute).value(); }

template <class E, size_t N>
E choose(DemoRandom& random, const std::array<std::pair<E, int>, N>& table) {
  std::array<int, N> weights{};
  for (size_t i = 0; i < N; ++i) weights[i] = table[i].second;
  return table[random.weighted(weights)].first;
}

// [SECTION] Staff, teams and the duty rota

constexpr int teams_in_council = 3;
constexpr int pas_per_team = 6;
constexpr std::array<std::string_view, teams_in_council> team_names = {"North Team", "South Team", "Central Team"};

// Relative caseload sizes, PA by PA, team by team: uneven like real teams,
// and the first PA carries about 22 open cases in the default council (the
// demo device user: seed_device_caseload).
constexpr std::array<int, teams_in_council* pas_per_team> caseload_weights = {27, 17, 15, 18, 16, 14, 17, 18, 16,
                                                                              15, 17, 16, 18, 15, 17, 16, 14, 18};

// The PA slot of young person `index`: a smooth weighted round robin over
// caseload_weights, so allocation depends on the index alone.
int pa_slot(int index) {
  static const std::vector<int> cycle = [] {
    int total = 0;
    for (int w : caseload_weights) total += w;
    std::vector<int> order, current(caseload_weights.size(), 0);
    for (int step = 0; step < total; ++step) {
      size_t best = 0;
      for (size_t i = 0; i < current.size(); ++i) {
        current[i] += caseload_weights[i];
        if (current[i] > current[best]) best = i;
      }
      current[best] -= total;
      order.push_back(static_cast<int>(best));
    }
    return order;
  }();
  return cycle[static_cast<size_t>(index) % cycle.size()];
}

Staff make_staff(DemoRandom& random, StaffRole role, const Id& team_id) {
  Staff staff;
  staff.id = make_id(random);
  // One draw per statement: the order operands are evaluated in is
  // unspecified, and compilers differ (native and wasm would disagree).
  staff.name = given_name(random, NameStyle::any);
  staff.name += ' ';
  staff.name += family_name(random);
  staff.role = role;
  staff.team_id = team_id;
  return staff;
}

// Staff order in Council::staff: service manager, admin, then per team its
// manager and its PAs. These helpers find them by that order.
constexpr size_t first_team_staff = 2;
size_t manager_index(int team) { return first_team_staff + static_cast<size_t>(team) * (1 + pas_per_team); }
size_t pa_index(int slot) { return manager_index(slot / pas_per_team) + 1 + static_cast<size_t>(slot % pas_per_team); }

// Managers cover each other's teams a week at a time, every twelve weeks
// over the last year and into next month, and the service manager covers
// every team in the current week (so the demo always has a duty manager).
void add_duty_rota(DemoRandom& random, Council& council) {
  const Date monday = council.today.plus_days(-council.today.weekday());
  for (int team = 0; team < teams_in_council; ++team) {
    const int covering = (team + 1) % teams_in_council;
    for (int weeks_ago = 50 - 4 * team; weeks_ago > -6; weeks_ago -= 12) {
      if (weeks_ago == 0) continue;
      const Date from = monday.plus_days(-7 * weeks_ago);
      council.duty_rota.push_back({make_id(random), council.staff[manager_index(covering)].id,
                                   council.teams[static_cast<size_t>(team)].id, from, from.plus_days(4)});
    }
  }
  council.duty_rota.push_back({make_id(random), council.staff[0].id, Id(), monday, monday.plus_days(4)});
}

// The manager who authorised a plan of `team` on `day`: the duty manager if
// the team's own manager was away (on the rota for another team's cover
// means away from their own), else the team manager.
const Staff& authoriser(const Council& council, int team, Date day) {
  const Id& team_id = council.teams[static_cast<size_t>(team)].id;
  for (const DutyManagerEntry& duty : council.duty_rota)
    if (duty.team_id == team_id && day >= duty.from && day <= duty.to)
      for (const Staff& s : council.staff)
        if (s.id == duty.staff_id) return s;
  return council.staff[manager_index(team)];
}

// [SECTION] A young person: profile, identity and care history

// What the person is meant to be on `today`; the care history is made so
// that core's categorise() derives it.
enum class Profile {
  eligible,               // 16-17, still looked after
  relevant,               // 16-17, left care (a few detained on their 16th birthday)
  former_relevant,        // 18-20
  former_relevant_study,  // 21-24 in education or training: support to 25
  former_relevant_asked,  // 21-24, asked for PA support to 25
  returned_to_study,      // 21-24, case closed at 21, back in education (s23CA)
  qualifying,             // 17-20, left care after 16 short of 13 weeks, or SGO
  closed,                 // 21-25, support ended
};
constexpr std::array<std::pair<Profile, int>, 8> profile_weights = {{
    {Profile::eligible, 60},
    {Profile::relevant, 45},
    {Profile::former_relevant, 530},
    {Profile::former_relevant_study, 40},
    {Profile::former_relevant_asked, 150},
    {Profile::returned_to_study, 20},
    {Profile::qualifying, 20},
    {Profile::closed, 70},
}};

bool has_personal_adviser(Profile p) { return p != Profile::qualifying && p != Profile::closed; }

// How the person keeps in touch. Most are engaged and seen when planned; a
// few are a little overdue now (days or weeks: the PA is still trying); some
// drifted away, or refused contact, for a few months around a birthday the
// SSDA903 return has judged (not in touch then) and have been seen again
// since. Nobody on a caseload goes unseen for months now: the demo shows a
// mostly well-run team.
enum class Engagement { engaged, overdue_now, drifted, refused };

enum class PlanShape { up_to_date, overdue, no_plan };

struct UascOrigin {
  Ethnicity ethnicity;
  std::string_view language;
};
constexpr std::array<UascOrigin, 8> uasc_origins = {{
    {Ethnicity::black_african, "Tigrinya"},
    {Ethnicity::asian_other, "Pashto"},
    {Ethnicity::asian_other, "Dari"},
    {Ethnicity::other, "Arabic"},
    {Ethnicity::other, "Kurdish (Sorani)"},
    {Ethnicity::white_other, "Albanian"},
    {Ethnicity::asian_other, "Vietnamese"},
    {Ethnicity::black_african, "Amharic"},
}};
constexpr std::array<std::pair<Ethnicity, int>, 19> ethnicity_weights = {{
    {Ethnicity::white_british, 660},
    {Ethnicity::white_irish, 10},
    {Ethnicity::traveller_irish_heritage, 8},
    {Ethnicity::gypsy_roma, 10},
    {Ethnicity::white_other, 35},
    {Ethnicity::mixed_white_black_caribbean, 60},
    {Ethnicity::mixed_white_black_african, 20},
    {Ethnicity::mixed_white_asian, 20},
    {Ethnicity::mixed_other, 30},
    {Ethnicity::asian_indian, 8},
    {Ethnicity::asian_pakistani, 30},
    {Ethnicity::asian_bangladeshi, 8},
    {Ethnicity::asian_other, 10},
    {Ethnicity::black_caribbean, 25},
    {Ethnicity::black_african, 25},
    {Ethnicity::black_other, 10},
    {Ethnicity::chinese, 5},
    {Ethnicity::other, 12},
    {Ethnicity::not_obtained, 14},
}};
constexpr std::array<std::string_view, 4> second_languages = {"Polish", "Urdu", "Romanian", "Punjabi"};

constexpr std::array<std::string_view, 5> present_people = {"Foster carer", "Support worker", "Partner", "Friend",
                                                            "Baby"};
constexpr std::array<std::string_view, 4> correction_reasons = {"Wrong date recorded", "Added the young person's words",
                                                                "Typing errors corrected", "Outcome recorded wrongly"};

NoteSetting note_setting(ContactType type) {
  switch (type) {
    case ContactType::home_visit:
      return NoteSetting::home_visit;
    case ContactType::office:
      return NoteSetting::office;
    case ContactType::phone:
      return NoteSetting::phone;
    case ContactType::video:
      return NoteSetting::video;
    case ContactType::message:
      return NoteSetting::message;
    case ContactType::other:
      break;
  }
  return NoteSetting::other;
}

class PersonBuilder {
 public:
  PersonBuilder(const DemoOptions& options, int index, Council& council)
      : random_(options.seed, person_stream + static_cast<uint64_t>(index)),
        council_(council),
        today_(options.today),
        history_start_(options.today.plus_years(-5)),
        slot_(pa_slot(index)) {}

  void build() {
    choose_profile();
    choose_identity();
    make_care_history();
    allocate();
    make_activities();
    make_accommodation();
    make_contacts();
    if (has_personal_adviser(profile_)) {
      make_plans();
      make_risk_assessments();
    }
    council_.people.push_back(std::move(person_));
  }

 private:
  // -- profile and identity

  void choose_profile() {
    profile_ = choose(random_, profile_weights);
    int age = 18;
    switch (profile_) {
      case Profile::eligible:
        age = random_.chance(550) ? 16 : 17;
        break;
      case Profile::relevant:
        age = random_.chance(350) ? 16 : 17;
        break;
      case Profile::former_relevant:
        age = random_.between(18, 20);
        break;
      case Profile::former_relevant_study:
      case Profile::former_relevant_asked:
        age = 21 + static_cast<int>(random_.weighted(std::array{35, 28, 22, 15}));
        break;
      case Profile::returned_to_study:
        age = random_.between(22, 24);
        break;  // closed at 21, then came back
      case Profile::qualifying:
        age = random_.between(17, 20);
        break;
      case Profile::closed:
        age = 21 + static_cast<int>(random_.weighted(std::array{25, 25, 20, 15, 15}));
        break;
    }
    person_.date_of_birth = today_.plus_years(-age).plus_days(-static_cast<int>(random_.below(365)));
    // A relevant child has left care after turning 16: leave room for that.
    if (profile_ == Profile::relevant && days_between(birthday(16), today_) < 45)
      person_.date_of_birth = person_.date_of_birth.plus_days(-60);
    age_ = whole_years_between(person_.date_of_birth, today_);

    engagement_ = Engagement::engaged;
    if (age_ >= 17 && profile_ != Profile::closed) {
      const int roll = static_cast<int>(random_.below(1000));
      if (roll < 100)
        engagement_ = Engagement::drifted;
      else if (roll < 130)
        engagement_ = Engagement::refused;
      else if (roll < 190 && has_personal_adviser(profile_))
        engagement_ = Engagement::overdue_now;
    }
    // Kirklees: 240 up to date, 34 overdue, 9 no plan of 283.
    // (the qualifying, who have no plan, count among the 9 there).
    const int plan_roll = static_cast<int>(random_.below(283));
    plan_shape_ = plan_roll < 5 ? PlanShape::no_plan : plan_roll < 5 + 34 ? PlanShape::overdue : PlanShape::up_to_date;
  }

  Date birthday(int years) const { return person_.date_of_birth.plus_years(years); }
  int age_on(Date day) const { return whole_years_between(person_.date_of_birth, day); }

  void choose_identity() {
    YoungPerson& p = person_;
    p.id = make_id(random_);
    p.flags.uasc = random_.chance(125);
    const int gender_roll = static_cast<int>(random_.below(1000));
    const int male_share = p.flags.uasc ? 900 : 550;
    p.gender = gender_roll < male_share ? Gender::male
               : gender_roll < 985      ? Gender::female
               : gender_roll < 993      ? Gender::other
                                        : Gender::not_stated;
    const NameStyle style = p.gender == Gender::male     ? NameStyle::masculine
                            : p.gender == Gender::female ? NameStyle::feminine
                                                         : NameStyle::any;
    p.legal_given_name = given_name(random_, style);
    p.legal_family_name = family_name(random_);
    if (random_.chance(150)) p.preferred_name = given_name(random_, style);
    if (p.preferred_name == p.legal_given_name) p.preferred_name.clear();

    if (p.flags.uasc) {
      const UascOrigin& origin = random_.pick(std::span<const UascOrigin>(uasc_origins));
      p.ethnicity = origin.ethnicity;
      p.languages = {std::string(origin.language), "English"};
      p.interpreter_needed = random_.chance(450);
    } else {
      p.ethnicity = choose(random_, ethnicity_weights);
      p.languages = {"English"};
      if (random_.chance(40)) p.languages.emplace_back(random_.pick(Words{second_languages}));
    }

    const DemoAddress home = address(random_);
    p.address_line1 = home.line1;
    if (random_.chance(350)) p.address_line2 = "Flat " + std::to_string(random_.between(1, 24));
    p.town = home.town;
    p.postcode = home.postcode;
    if (random_.chance(950)) p.phone = drama_phone(random_.below(1000));
    if (random_.chance(700)) p.email = example_email(p.legal_given_name, p.legal_family_name, random_.below(100));

    p.flags.disability = random_.chance(80);
    p.flags.send = random_.chance(150);
    p.flags.parent = age_ >= 17 && random_.chance(p.gender == Gender::female ? 180 : 60);
    p.flags.in_custody = age_ >= 17 && profile_ != Profile::closed && random_.chance(15);
  }

  std::string display_name() const {
    return person_.preferred_name.empty() ? person_.legal_given_name : person_.preferred_name;
  }

  // -- care history (what categorise() reads)

  void make_care_history() {
    YoungPerson& p = person_;
    const Date at14 = birthday(14), at16 = birthday(16), at18 = birthday(18);
    const Date last_child_day = at18.plus_days(-1);
    if (profile_ == Profile::qualifying) {
      make_qualifying_history();
      return;
    }
    // When the main period started: UASC on arrival (14 to 17 and a half),
    // others from childhood (care order) or as teenagers (s20 or care order).
    Date start;
    LegalBasis basis = LegalBasis::care_order;
    if (p.flags.uasc) {
      start = date_between(random_, at14, birthday(17).plus_days(150));
      basis = LegalBasis::accommodated_s20;
    } else if (random_.chance(500)) {
      start = date_between(random_, birthday(11), birthday(13));
    } else {
      start = date_between(random_, at14.plus_days(-400), at16.plus_days(-120));
      if (random_.chance(450)) basis = LegalBasis::accommodated_s20;
    }
    // The 13-week test must be met before leaving (or by today, in care);
    // a relevant child has left a while ago.
    const Date latest_start =
        std::min(today_.plus_days(profile_ == Profile::relevant ? -130 : -100), last_child_day.plus_days(-100));
    if (start > latest_start) start = latest_start;
    add_earlier_care(start);

    std::optional<Date> end;
    switch (profile_) {
      case Profile::eligible:
        break;
      case Profile::relevant:
        if (random_.chance(120)) {
          // In custody on the 16th birthday, looked after immediately before.
          end = at16.plus_days(-random_.between(1, 40));
          if (start > end->plus_days(-100)) start = end->plus_days(-100);
          basis = LegalBasis::remanded;
          p.detained_on_16th_birthday = DetainedOn16th::custody;
          p.detention_began = end->plus_days(1);  // remanded, then sentenced: no longer looked after
          p.flags.in_custody = random_.chance(500);
        } else {
          const Date earliest = std::max(at16, start.plus_days(100));
          end = date_between(random_, earliest, today_.plus_days(-14));
        }
        break;
      default:
        // Most leave care at 18; some move on at 16 or 17.
        end = random_.chance(700) ? last_child_day
                                  : date_between(random_, std::max(at16, start.plus_days(100)), last_child_day);
        break;
    }
    if (basis == LegalBasis::care_order && random_.chance(400)) {
      // An interim care order came first (s38), then the full order (s31).
      const Date full_order = start.plus_days(random_.between(60, 200));
      if (!end || full_order < end->plus_days(-30)) {
        p.care_periods.push_back({start, full_order, LegalBasis::interim_care_order});
        start = full_order;
      }
    }
    // `end` is the last day looked after; a period records the day after (SSDA903 DEC).
    const std::optional<Date> ceased = end ? std::optional(end->plus_days(1)) : std::nullopt;
    p.care_periods.push_back({start, ceased, basis});
    left_care_ = ceased.value_or(today_);
  }

  // Earlier care, for some, ending well before `main_start`: a spell in
  // childhood that ended (returned home) or, for disabled children,
  // pre-planned short breaks, which never count toward the 13 weeks.
  void add_earlier_care(Date main_start) {
    if (person_.flags.disability && random_.chance(300)) {
      const Date start = date_between(random_, birthday(9), std::min(birthday(12), main_start.plus_days(-60)));
      if (start < main_start.plus_days(-60))
        person_.care_periods.push_back(
            {start, start.plus_days(random_.between(4, 21)), LegalBasis::short_breaks_episodes});
    } else if (random_.chance(150)) {
      const Date start = date_between(random_, birthday(6), std::min(birthday(10), main_start.plus_days(-400)));
      if (start < main_start.plus_days(-400))
        person_.care_periods.push_back(
            {start, start.plus_days(random_.between(61, 301)), LegalBasis::accommodated_s20});
    }
  }

  void make_qualifying_history() {
    YoungPerson& p = person_;
    if (random_.chance(400)) {
      // A special guardianship order made after a period looked after.
      const Date order = date_between(random_, birthday(8), birthday(15));
      const Date start = order.plus_days(-random_.between(120, 700));
      p.care_periods.push_back({start, order, LegalBasis::care_order});  // ceased the day the order was made
      p.qualifying.special_guardianship_order_made = order;
      p.qualifying.looked_after_before_sgo = true;
      left_care_ = order;
    } else {
      // Accommodated after 16 for less than 13 weeks in total.
      const Date start = date_between(random_, birthday(16).plus_days(10),
                                      std::min(birthday(18).plus_days(-90), today_.plus_days(-100)));
      const Date end = start.plus_days(random_.between(14, 80));
      p.care_periods.push_back({start, end.plus_days(1), LegalBasis::accommodated_s20});
      left_care_ = end.plus_days(1);
    }
  }

  // -- allocation and case status

  void allocate() {
    YoungPerson& p = person_;
    const Staff& pa = council_.staff[pa_index(slot_)];
    team_ = slot_ / pas_per_team;
    p.team_id = pa.team_id;
    worker_ = &pa;
    // A third changed PA at some point: their earlier contacts are by a colleague.
    if (random_.chance(330)) {
      previous_worker_ = &council_.staff[pa_index(team_ * pas_per_team + (slot_ + 1) % pas_per_team)];
      handover_ = date_between(random_, today_.plus_years(-3), today_.plus_days(-60));
    }
    if (has_personal_adviser(profile_)) p.allocated_pa_id = pa.id;

    if (profile_ == Profile::closed) {
      p.case_status = CaseStatus::closed;
      closed_on_ = birthday(21).plus_days(random_.between(0, 60));
      if (*closed_on_ >= today_) closed_on_ = today_.plus_days(-1);
      p.case_closed_on = closed_on_;
    } else if (profile_ == Profile::former_relevant_asked) {
      p.case_status = CaseStatus::open_support_to_25;
    } else if (profile_ == Profile::returned_to_study) {
      // Closed at 21, reopened when they went back to college (s23CA).
      closed_on_ = birthday(21).plus_days(random_.between(0, 60));
      returned_on_ = date_between(random_, closed_on_->plus_days(60), today_.plus_days(-30));
      if (returned_on_ <= *closed_on_) returned_on_ = closed_on_->plus_days(1);
      p.education_or_training.push_back({returned_on_, std::nullopt});
    }

    p.contact_frequency = choose_frequency();
    if (p.flags.in_custody) p.contact_frequency = ContactFrequency::every_4_weeks;
  }

  ContactFrequency choose_frequency() {
    using F = ContactFrequency;
    if (!has_personal_adviser(profile_)) return F::every_8_weeks;
    if (age_ <= 17)
      return choose(random_,
                    std::array<std::pair<F, int>, 4>{
                        {{F::weekly, 10}, {F::fortnightly, 30}, {F::every_3_weeks, 20}, {F::every_4_weeks, 40}}});
    if (age_ <= 20)
      return choose(random_, std::array<std::pair<F, int>, 6>{{{F::weekly, 4},
                                                               {F::fortnightly, 14},
                                                               {F::every_3_weeks, 12},
                                                               {F::every_4_weeks, 40},
                                                               {F::every_6_weeks, 18},
                                                               {F::every_8_weeks, 12}}});
    return choose(random_, std::array<std::pair<F, int>, 3>{
                               {{F::every_4_weeks, 20}, {F::every_6_weeks, 35}, {F::every_8_weeks, 45}}});
  }

  // [SECTION] Contacts

  // The day the leaving care service starts work with the person: at 16 (or
  // on arrival for later UASC), within the last five years.
  Date service_start() const {
    Date start = birthday(16);
    for (const CarePeriod& c : person_.care_periods)
      if (c.start > start && c.basis != LegalBasis::short_breaks_episodes) start = c.start.plus_days(14);
    if (profile_ == Profile::qualifying) start = std::max(birthday(16), left_care_);
    return std::max(start, history_start_);
  }

  int interval_on(Date day) const {
    const int planned = contact_interval_days(person_.contact_frequency);
    const int age = age_on(day);
    if (!has_personal_adviser(profile_)) return 90;  // advice and assistance: now and then
    if (age <= 17) return std::min(planned, 28);
    if (age_ >= 21 && age <= 20) return std::min(planned, 42);
    return planned;
  }

  // A spell out of touch: from `from` (attempts fail) until `until`, the day
  // they are seen again.
  struct LostTouch {
    Date from, until;
    int birthday_age;  // the birthday whose in-touch window it covers
  };

  // For those who drifted or refused: around the in-touch window (3 months
  // before to 1 month after the birthday, core::in_touch_window) of the last
  // birthday whose window closed at least a week ago, ending a few weeks
  // after it and before today. None when that birthday is before 17 or the
  // spell would begin before the service did.
  std::optional<LostTouch> lost_touch(Date service_start) {
    if (engagement_ != Engagement::drifted && engagement_ != Engagement::refused) return std::nullopt;
    int age = age_;
    if (in_touch_window(person_, age).to >= today_.plus_days(-7)) --age;
    const InTouchWindow window = in_touch_window(person_, age);
    const Date from = std::max(window.from.plus_days(-random_.between(0, 30)), service_start);
    // Drawn one after the other: the order of a call's arguments is unspecified.
    const int seen_again_after = random_.between(1, 40);
    const int seen_again_before = random_.between(1, 7);
    const Date until = std::min(window.to.plus_days(seen_again_after), today_.plus_days(-seen_again_before));
    if (age < first_in_touch_age || from >= until) return std::nullopt;
    return LostTouch{from, until, age};
  }

  void make_contacts() {
    const Date start = service_start();
    Date end = today_.plus_days(-1);
    if (profile_ == Profile::closed) end = std::min(end, *closed_on_);
    const std::optional<LostTouch> gap = lost_touch(start);
    // A little overdue now: the last time seen was a few days to six weeks
    // more than the planned interval ago.
    std::optional<Date> last_seen;
    if (engagement_ == Engagement::overdue_now)
      last_seen = std::max(today_.plus_days(-interval_on(today_) - random_.between(3, 42)), start);

    Date day = start.plus_days(random_.between(0, 10));
    while (day <= end) {
      if (profile_ == Profile::returned_to_study && day > *closed_on_ && day < returned_on_) {
        day = returned_on_;  // the case was closed until they went back to education
        continue;
      }
      // Out of touch: an attempt about every seven weeks fails (fewer are
      // made for those who refused), until the day they are seen again.
      if (gap && day >= gap->from && day < gap->until) {
        if (engagement_ != Engagement::refused || random_.chance(300)) add_contact(day, true);
        day = std::min(day.plus_days(49), gap->until);
        continue;
      }
      // Before the last time seen, one planned contact in nine fails and is
      // tried again within a week; after it, attempts fail.
      const bool after_last_seen = last_seen && day > *last_seen;
      const bool retry = !after_last_seen && !(last_seen && day == *last_seen) && random_.chance(110);
      add_contact(day, after_last_seen || retry);
      const int interval = after_last_seen ? 49 : interval_on(day);
      Date next = retry ? day.plus_days(random_.between(3, 7))
                        : day.plus_days(std::max(3, interval + random_.between(-interval / 4, interval / 10)));
      if (last_seen && day < *last_seen && next > *last_seen) next = *last_seen;
      if (gap && day < gap->from && next > gap->from) next = gap->from;
      day = next;
    }
    if (gap) record_in_touch_judgement(gap->birthday_age);
  }

  const Staff& worker_on(Date day) const { return previous_worker_ && day < handover_ ? *previous_worker_ : *worker_; }

  void add_contact(Date day, bool not_seen) {
    using T = ContactType;
    const int age = age_on(day);
    // Visits fall on weekdays; messages come any day.
    ContactType type = age <= 17   ? choose(random_, std::array<std::pair<T, int>, 6>{{{T::home_visit, 55},
                                                                                       {T::office, 10},
                                                                                       {T::phone, 15},
                                                                                       {T::video, 5},
                                                                                       {T::message, 10},
                                                                                       {T::other, 5}}})
                       : age >= 21 ? choose(random_, std::array<std::pair<T, int>, 6>{{{T::home_visit, 25},
                                                                                       {T::office, 10},
                                                                                       {T::phone, 30},
                                                                                       {T::video, 10},
                                                                                       {T::message, 20},
                                                                                       {T::other, 5}}})
                                   : choose(random_, std::array<std::pair<T, int>, 6>{{{T::home_visit, 45},
                                                                                       {T::office, 10},
                                                                                       {T::phone, 20},
                                                                                       {T::video, 5},
                                                                                       {T::message, 15},
                                                                                       {T::other, 5}}});
    if (!has_personal_adviser(profile_)) type = random_.chance(500) ? T::office : T::phone;
    if (type != T::message && day.weekday() >= 5) day = day.plus_days(day.weekday() == 5 ? -1 : 1);
    if (day >= today_) day = today_.plus_days(-1);

    Contact& c = council_.contacts.emplace_back();
    c.id = make_id(random_);
    c.young_person_id = person_.id;
    c.staff_id = worker_on(day).id;
    const int hour = random_.between(9, 16);
    c.occurred_at = at_time(day, hour, 5 * random_.between(0, 11));
    // Most are written up the same day; some later ("delay in recording").
    const int delay_roll = static_cast<int>(random_.below(100));
    c.recorded_at = Instant{c.occurred_at.seconds + (delay_roll < 70   ? 3600 * random_.between(1, 6)
                                                     : delay_roll < 90 ? 86400
                                                                       : 86400 * random_.between(2, 7))};
    const Instant latest = at_time(today_, 0, 0);
    if (c.recorded_at > latest) c.recorded_at = Instant{std::max(c.occurred_at.seconds, latest.seconds - 60)};
    c.type = type;
    const std::string name = display_name();
    if (not_seen) {
      c.outcome = ContactOutcome::not_seen;
      using R = NotSeenReason;
      c.not_seen_reason =
          person_.flags.in_custody && random_.chance(500) ? R::in_custody
          : age <= 17 && random_.chance(200)
              ? R::seen_by_social_worker
              : choose(random_, std::array<std::pair<R, int>, 4>{
                                    {{R::no_answer, 60}, {R::declined, 25}, {R::in_hospital, 5}, {R::other, 10}}});
      c.pa_notes = not_seen_note(random_, note_setting(type), name);
    } else {
      c.outcome = random_.chance(680) ? ContactOutcome::seen_alone : ContactOutcome::seen;
      if (c.outcome == ContactOutcome::seen) c.present = random_.pick(Words{present_people});
      c.pa_notes = contact_note(random_, note_setting(type), name);
      if (random_.chance(600)) c.young_persons_words = young_person_words(random_);
      if (random_.chance(250)) {
        const Date due = day.plus_days(random_.between(7, 21));
        c.follow_ups.push_back({std::string(follow_up_action(random_)), due,
                                due < today_.plus_days(-7) ? random_.chance(900) : random_.chance(300)});
      }
    }
    if (random_.chance(10)) add_correction(council_.contacts.size() - 1);
  }

  // A correction: a new version that supersedes the original (append-only).
  void add_correction(size_t original_index) {
    Contact copy = council_.contacts[original_index];
    council_.contacts.push_back(std::move(copy));
    const Contact& original = council_.contacts[original_index];
    Contact& fixed = council_.contacts.back();
    fixed.id = make_id(random_);
    fixed.supersedes = original.id;
    fixed.correction_reason = random_.pick(Words{correction_reasons});
    fixed.recorded_at = Instant{
        std::min(original.recorded_at.seconds + 86400 * random_.between(1, 10), at_time(today_, 0, 0).seconds - 60)};
    if (fixed.recorded_at < original.recorded_at) fixed.recorded_at = original.recorded_at;
    if (fixed.correction_reason == "Wrong date recorded" &&
        uk_date_of(original.occurred_at) > history_start_.plus_days(2))
      fixed.occurred_at = Instant{original.occurred_at.seconds - 86400};
    else if (fixed.correction_reason == "Added the young person's words" && fixed.outcome != ContactOutcome::not_seen)
      fixed.young_persons_words = young_person_words(random_);
    else
      fixed.pa_notes += " (Corrected.)";
  }

  // The PA records REFU for the birthday a young person refused contact
  // around, and NREQ for some 21-year-olds who drifted away once settled.
  void record_in_touch_judgement(int age) {
    if (age > last_in_touch_age) return;
    if (engagement_ == Engagement::refused)
      person_.in_touch_records.push_back(
          {age, InTouchCode::refuses, "Said they do not want contact with the service."});
    else if (age == last_in_touch_age && random_.chance(300))
      person_.in_touch_records.push_back(
          {age, InTouchCode::no_longer_requires, "Settled in work and said they no longer need the service."});
  }

  // [SECTION] EET activity and accommodation

  // Spells from 16 (or five years ago) to today, each a few months to two
  // years, one starting on `split_on` if given (leaving care, returning to
  // education); `pick(spell, age, current)` chooses the code.
  template <class Spell, class Pick>
  void make_spells(std::vector<Spell>& out, Pick pick, std::optional<Date> split_on = {}) {
    Date start = std::max(service_start().plus_days(-random_.between(0, 30)), history_start_);
    while (start < today_) {
      Date next = start.plus_days(random_.between(120, 700));
      if (split_on && start < *split_on && next > *split_on) next = *split_on;
      Spell spell;
      spell.id = make_id(random_);
      spell.young_person_id = person_.id;
      spell.start = start;
      const bool current = next >= today_;
      pick(spell, current ? age_ : age_on(start), current);
      if (!current) spell.end = next.plus_days(-1);
      out.push_back(std::move(spell));
      start = next;
    }
  }

  void make_activities() {
    using A = ActivityCode;
    const bool parent = person_.flags.parent;
    const auto pick = [&](ActivitySpell& spell, int age, bool current) {
      if (current && profile_ == Profile::former_relevant_study) {
        spell.code = choose(random_, std::array<std::pair<A, int>, 4>{{{A::higher_education_full_time, 45},
                                                                       {A::other_education_full_time, 30},
                                                                       {A::training_full_time, 20},
                                                                       {A::higher_education_part_time, 5}}});
      } else if (current && profile_ == Profile::returned_to_study) {
        spell.code = random_.chance(500) ? A::other_education_full_time : A::other_education_part_time;
      } else if (current && (profile_ == Profile::former_relevant_asked || profile_ == Profile::closed || age_ >= 21)) {
        spell.code =
            choose(random_, std::array<std::pair<A, int>, 5>{{{A::employment_full_time, 26},
                                                              {A::employment_part_time, 12},
                                                              {A::neet_illness_disability, 16},
                                                              {A::neet_other, 34},
                                                              {A::neet_pregnancy_parenting, parent ? 14 : 0}}});
      } else if (age <= 17) {
        spell.code = choose(random_, std::array<std::pair<A, int>, 6>{{{A::other_education_full_time, 48},
                                                                       {A::training_full_time, 10},
                                                                       {A::other_education_part_time, 4},
                                                                       {A::employment_part_time, 3},
                                                                       {A::neet_other, 29},
                                                                       {A::neet_illness_disability, 6}}});
      } else {
        spell.code =
            choose(random_, std::array<std::pair<A, int>, 10>{{{A::higher_education_full_time, 7},
                                                               {A::other_education_full_time, 14},
                                                               {A::other_education_part_time, 3},
                                                               {A::training_full_time, 8},
                                                               {A::training_part_time, 2},
                                                               {A::employment_full_time, 10},
                                                               {A::employment_part_time, 7},
                                                               {A::neet_illness_disability, 10},
                                                               {A::neet_other, 33},
                                                               {A::neet_pregnancy_parenting, parent ? 12 : 0}}});
      }
      spell.detail = activity_detail(spell.code);
    };
    make_spells(council_.activities, pick,
                profile_ == Profile::returned_to_study ? std::optional<Date>(returned_on_) : std::nullopt);
  }

  std::string activity_detail(ActivityCode code) {
    switch (code) {
      case ActivityCode::higher_education_full_time:
      case ActivityCode::higher_education_part_time:
        return "Example University, " + std::string(random_.pick(Words{std::array<std::string_view, 4>{
                                            "Nursing", "Computing", "Social Work", "Business"}}));
      case ActivityCode::other_education_full_time:
      case ActivityCode::other_education_part_time:
        return "Example College, " + std::string(random_.pick(Words{std::array<std::string_view, 5>{
                                         "Level 2 Catering", "Level 1 Construction", "ESOL", "Level 3 Childcare",
                                         "Level 2 Hair and Beauty"}}));
      case ActivityCode::training_full_time:
      case ActivityCode::training_part_time:
        return "Apprenticeship with " + std::string(random_.pick(Words{std::array<std::string_view, 3>{
                                            "Example Motors", "Sample Street Builders", "the council's parks team"}}));
      case ActivityCode::employment_full_time:
      case ActivityCode::employment_part_time:
        return std::string(random_.pick(Words{std::array<std::string_view, 4>{
            "Warehouse work", "Kitchen assistant at a cafe", "Shop assistant", "Care assistant"}}));
      default:
        return {};
    }
  }

  void make_accommodation() {
    using C = AccommodationCode;
    const bool custody = person_.flags.in_custody;
    const auto pick = [&](AccommodationSpell& spell, int age, bool current) {
      const bool in_care = spell.start < left_care_ && profile_ != Profile::qualifying;
      if (in_care) {
        spell.code = random_.chance(750) ? C::other : C::community_home;
        spell.detail = spell.code == C::other ? "Foster placement" : "Children's home";
      } else if (current && custody) {
        spell.code = C::in_custody;
      } else if (current && random_.chance(40)) {
        spell.code = choose(random_, std::array<std::pair<C, int>, 4>{{{C::no_fixed_abode, 35},
                                                                       {C::emergency_accommodation, 30},
                                                                       {C::bed_and_breakfast, 20},
                                                                       {C::residence_not_known, 15}}});
      } else if (age <= 20) {
        spell.code = choose(random_, std::array<std::pair<C, int>, 8>{{{C::former_foster_carers, 22},
                                                                       {C::supported_lodgings, 15},
                                                                       {C::semi_independent, 22},
                                                                       {C::foyer, 8},
                                                                       {C::independent_living, 20},
                                                                       {C::with_parents_or_relatives, 8},
                                                                       {C::ordinary_lodgings, 4},
                                                                       {C::no_fixed_abode, 1}}});
      } else {
        spell.code = choose(random_, std::array<std::pair<C, int>, 6>{{{C::independent_living, 58},
                                                                       {C::with_parents_or_relatives, 12},
                                                                       {C::ordinary_lodgings, 10},
                                                                       {C::semi_independent, 8},
                                                                       {C::foyer, 7},
                                                                       {C::supported_lodgings, 5}}});
      }
      if (spell.code == C::former_foster_carers && age >= 21)
        spell.code = C::independent_living;  // Staying Put ends at 21
      spell.suitability = suitability_of(spell.code);
      if (spell.detail.empty()) spell.detail = accommodation_detail(spell.code);
    };
    make_spells(council_.accommodations, pick, std::optional<Date>(left_care_));
  }

  Suitability suitability_of(AccommodationCode code) {
    switch (code) {
      case AccommodationCode::no_fixed_abode:
      case AccommodationCode::emergency_accommodation:
      case AccommodationCode::bed_and_breakfast:
      case AccommodationCode::in_custody:
        return Suitability::unsuitable;
      case AccommodationCode::residence_not_known:
        return Suitability::not_recorded;
      default:
        // A few tenancies and lodgings are judged unsuitable (overcrowded, unsafe).
        return random_.chance(30) ? Suitability::unsuitable : Suitability::suitable;
    }
  }

  std::string accommodation_detail(AccommodationCode code) {
    switch (code) {
      case AccommodationCode::former_foster_carers:
        return "Staying Put with former foster carers";
      case AccommodationCode::supported_lodgings:
        return "Supported lodgings with a host family";
      case AccommodationCode::semi_independent:
        return "Semi-independent flat, Pretend Close";
      case AccommodationCode::foyer:
        return "Example Town Foyer";
      case AccommodationCode::independent_living:
        return "Own tenancy, Example Housing";
      case AccommodationCode::with_parents_or_relatives:
        return random_.chance(500) ? "With mum" : "With an aunt";
      case AccommodationCode::ordinary_lodgings:
        return "Lodging with a friend's family";
      case AccommodationCode::no_fixed_abode:
        return "Sofa surfing";
      case AccommodationCode::emergency_accommodation:
        return "Night shelter";
      case AccommodationCode::bed_and_breakfast:
        return "Bed and breakfast, Demo Avenue";
      case AccommodationCode::in_custody:
        return "Young offender institution";
      default:
        return {};
    }
  }

  // [SECTION] Pathway plans and risk assessments

  PathwayPlan new_plan(const Staff& author, Date created) {
    PathwayPlan plan;
    plan.id = make_id(random_);
    plan.young_person_id = person_.id;
    plan.author_id = author.id;
    plan.team_id = person_.team_id;
    plan.created_on = created;
    plan.needs_assessment.completed_on = created;
    plan.needs_assessment.completed_by = author.id;
    plan.needs_assessment.summary = "Needs assessment with " + display_name() + ". " +
                                    contact_note(random_, NoteSetting::home_visit, display_name());
    for (int s = 0; s < plan_section_count; ++s) {
      PlanSectionContent& section = plan.sections[static_cast<size_t>(s)];
      section.assessed_needs = std::string(objective_what(random_, s)) + " is the main need here.";
      section.young_persons_views = section_views(random_, s);
      const int objectives = random_.between(1, 2);
      for (int o = 0; o < objectives; ++o) {
        Objective objective;
        objective.what = objective_what(random_, s);
        objective.how = objective_how(random_, s);
        objective.who =
            random_.pick(Words{std::array<std::string_view, 4>{"My PA", "Me", "Me and my PA", "Housing officer"}});
        objective.by_when = created.plus_months(random_.between(1, 6));
        objective.status = random_.pick(
            std::span<const ObjectiveStatus>(std::array{ObjectiveStatus::not_started, ObjectiveStatus::in_progress,
                                                        ObjectiveStatus::in_progress, ObjectiveStatus::achieved}));
        section.objectives.push_back(std::move(objective));
      }
    }
    plan.young_persons_overall_views = young_person_words(random_);
    return plan;
  }

  void authorise(PathwayPlan& plan, Date on) {
    plan.status = PlanStatus::authorised;
    plan.submitted_on = std::max(*plan.created_on, on.plus_days(-random_.between(1, 10)));
    const Staff& manager = authoriser(council_, team_, on);
    plan.authorised_by = manager.id;
    plan.authorised_on = on;
  }

  // An in-progress version: a draft, or submitted and waiting, or returned.
  void leave_in_progress(PathwayPlan& plan) {
    const int roll = static_cast<int>(random_.below(10));
    const Date created = *plan.created_on;
    if (roll < 5) return;  // draft
    plan.submitted_on = std::min(created.plus_days(random_.between(1, 7)), today_.plus_days(-1));
    plan.status = PlanStatus::submitted;
    if (roll < 8) return;
    plan.status = PlanStatus::returned;
    plan.returned_by = authoriser(council_, team_, *plan.submitted_on).id;
    plan.returned_on = std::min(plan.submitted_on->plus_days(random_.between(1, 5)), today_.plus_days(-1));
    plan.return_comments = random_.pick(Words{std::array<std::string_view, 3>{
        "Please add the young person's views on accommodation.", "The EET objectives need dates.",
        "Say who will help with the bills, and by when."}});
  }

  void make_plans() {
    const Date start = service_start();
    const Staff& pa = *worker_;
    std::vector<PathwayPlan> plans;
    if (plan_shape_ == PlanShape::no_plan || days_between(start, today_) < 45) {
      // New to the service, or the plan is late: at most a first draft.
      if (random_.chance(500)) {
        PathwayPlan draft =
            new_plan(pa, date_between(random_, std::max(start, today_.plus_days(-40)), today_.plus_days(-1)));
        leave_in_progress(draft);
        plans.push_back(std::move(draft));
      }
    } else {
      // The last authorisation: within six months, or six months and a few
      // days to seven weeks ago (the review is that late).
      Date last = plan_shape_ == PlanShape::up_to_date
                      ? today_.plus_days(-random_.between(1, 175))
                      : today_.plus_months(-plan_review_months).plus_days(-random_.between(2, 49));
      if (last < start.plus_days(20)) last = std::min(start.plus_days(20), today_.plus_days(-1));
      // Up to two earlier versions, about six months apart (some reviews late).
      std::vector<Date> authorised_on = {last};
      for (int i = 0; i < 2; ++i) {
        const Date earlier = authorised_on.back().plus_months(-plan_review_months).plus_days(-random_.between(-14, 20));
        if (earlier < start.plus_days(20)) break;
        authorised_on.push_back(earlier);
      }
      std::reverse(authorised_on.begin(), authorised_on.end());
      for (Date on : authorised_on) {
        PathwayPlan plan = new_plan(worker_on(on), on.plus_days(-random_.between(14, 40)));
        if (!plans.empty()) plan.previous_plan_id = plans.back().id;
        authorise(plan, on);
        plans.push_back(std::move(plan));
      }
      PathwayPlan& current = plans.back();
      if (plan_shape_ == PlanShape::up_to_date && random_.chance(60)) {
        const Date six_months = current.authorised_on->plus_months(plan_review_months);
        const Date early = today_.plus_days(random_.between(7, 40));
        if (early < six_months) {
          current.early_review_requested_for = early;
          current.early_review_reason = "Asked for a review before moving to a new flat.";
        }
      }
      // A review under way: for most overdue plans, and some others.
      if (random_.chance(plan_shape_ == PlanShape::overdue ? 500 : 150)) {
        PathwayPlan review = new_plan(
            pa, date_between(random_, std::max(*current.authorised_on, today_.plus_days(-40)), today_.plus_days(-1)));
        review.previous_plan_id = current.id;
        leave_in_progress(review);
        plans.push_back(std::move(review));
      }
    }
    for (PathwayPlan& plan : plans) council_.plans.push_back(std::move(plan));
  }

  void make_risk_assessments() {
    using F = RiskFactor;
    const Date start = service_start();
    if (days_between(start, today_) < 20) return;
    Date assessed = today_.plus_days(-random_.between(5, 200));
    if (assessed < start) assessed = start;
    std::vector<RiskAssessment> made;
    for (int i = 0; i < 2 && assessed >= start; ++i) {
      RiskAssessment risk;
      risk.id = make_id(random_);
      risk.young_person_id = person_.id;
      risk.assessed_by = worker_on(assessed).id;
      risk.assessed_on = assessed;
      risk.level = choose(random_, std::array<std::pair<RiskLevel, int>, 3>{
                                       {{RiskLevel::low, 55}, {RiskLevel::medium, 33}, {RiskLevel::high, 12}}});
      risk.review_due = assessed.plus_months(risk.level == RiskLevel::high ? 3 : 6);
      const int factors = risk.level == RiskLevel::low      ? random_.between(0, 1)
                          : risk.level == RiskLevel::medium ? random_.between(1, 2)
                                                            : random_.between(2, 3);
      for (int f = 0; f < factors; ++f) {
        const F factor = choose(random_, std::array<std::pair<F, int>, 10>{{{F::exploitation, 10},
                                                                            {F::self_harm, 10},
                                                                            {F::substance_misuse, 14},
                                                                            {F::domestic_abuse, 6},
                                                                            {F::homelessness, 8},
                                                                            {F::offending, 8},
                                                                            {F::going_missing, 8},
                                                                            {F::mental_health, 16},
                                                                            {F::financial_hardship, 18},
                                                                            {F::other, 2}}});
        if (std::find(risk.factors.begin(), risk.factors.end(), factor) == risk.factors.end())
          risk.factors.push_back(factor);
      }
      risk.summary = std::string(label_of(risk.level)) + " risk.";
      if (risk.factors.empty()) risk.summary += " No concerns raised; settled.";
      for (F factor : risk.factors) {
        risk.summary += ' ';
        risk.summary += label_of(factor);
        risk.summary += ": safety plan agreed.";
      }
      made.push_back(std::move(risk));
      assessed = assessed.plus_months(-6).plus_days(-random_.between(0, 30));
    }
    for (auto it = made.rbegin(); it != made.rend(); ++it) council_.risks.push_back(std::move(*it));
  }

  DemoRandom random_;
  Council& council_;
  const Date today_;
  const Date history_start_;
  const int slot_;

  YoungPerson person_;
  Profile profile_ = Profile::former_relevant;
  Engagement engagement_ = Engagement::engaged;
  PlanShape plan_shape_ = PlanShape::up_to_date;
  int age_ = 18;
  int team_ = 0;
  Date left_care_;
  std::optional<Date> closed_on_;
  Date returned_on_;
  const Staff* worker_ = nullptr;
  const Staff* previous_worker_ = nullptr;
  Date handover_;
};

}  // namespace

// [SECTION] Whole council, device caseload, fingerprint

size_t Council::record_count() const {
  return teams.size() + staff.size() + duty_rota.size() + people.size() + contacts.size() + plans.size() +
         activities.size() + accommodations.size() + risks.size();
}

Council generate_staff(const DemoOptions& options) {
  DemoRandom random(options.seed, staff_stream);
  Council council;
  council.today = options.today;
  council.staff.push_back(make_staff(random, StaffRole::service_manager, Id()));
  council.staff.push_back(make_staff(random, StaffRole::admin, Id()));
  for (int t = 0; t < teams_in_council; ++t) {
    Team team{make_id(random), std::string(team_names[static_cast<size_t>(t)]), Id()};
    council.staff.push_back(make_staff(random, StaffRole::team_manager, team.id));
    team.manager_id = council.staff.back().id;
    for (int p = 0; p < pas_per_team; ++p)
      council.staff.push_back(make_staff(random, StaffRole::personal_adviser, team.id));
    council.teams.push_back(std::move(team));
  }
  add_duty_rota(random, council);
  return council;
}

void generate_young_people(const DemoOptions& options, int first, int count, Council& council) {
  for (int i = first; i < first + count; ++i) PersonBuilder(options, i, council).build();
}

Council generate_council(const DemoOptions& options) {
  Council council = generate_staff(options);
  const int n = std::clamp(options.young_people, 0, max_young_people);
  council.people.reserve(static_cast<size_t>(n));
  council.contacts.reserve(static_cast<size_t>(n) * 50);
  generate_young_people(options, 0, n, council);
  return council;
}

Council caseload_of(const Council& council, const Id& pa_id) {
  Council part;
  part.today = council.today;
  part.teams = council.teams;
  part.staff = council.staff;
  part.duty_rota = council.duty_rota;
  std::vector<std::string_view> ids;
  for (const YoungPerson& p : council.people)
    if (p.allocated_pa_id == pa_id && p.case_status != CaseStatus::closed) {
      part.people.push_back(p);
      ids.push_back(p.id);
    }
  std::sort(ids.begin(), ids.end());
  const auto mine = [&](const Id& id) { return std::binary_search(ids.begin(), ids.end(), std::string_view(id)); };
  const auto copy_mine = [&](const auto& from, auto& to) {
    for (const auto& record : from)
      if (mine(record.young_person_id)) to.push_back(record);
  };
  copy_mine(council.contacts, part.contacts);
  copy_mine(council.plans, part.plans);
  copy_mine(council.activities, part.activities);
  copy_mine(council.accommodations, part.accommodations);
  copy_mine(council.risks, part.risks);
  return part;
}

Id demo_device_pa(const Council& council) {
  constexpr int device_slot = 0;
  return council.staff.size() > pa_index(device_slot) ? council.staff[pa_index(device_slot)].id : Id();
}

Council generate_device_caseload(const DemoOptions& options) {
  Council council = generate_staff(options);
  const int n = std::clamp(options.young_people, 0, max_young_people);
  const Id pa = demo_device_pa(council);
  for (int i = 0; i < n; ++i)
    if (council.staff[pa_index(pa_slot(i))].id == pa) generate_young_people(options, i, 1, council);
  return caseload_of(council, pa);
}

namespace {

// FNV-1a over every field the generator sets, with a separator after each
// value so that ("ab","c") and ("a","bc") differ.
class Fingerprint {
 public:
  Fingerprint& add(std::string_view text) {
    for (unsigned char c : text) mix(c);
    mix(0xFF);
    return *this;
  }
  Fingerprint& add(int64_t value) {
    for (int i = 0; i < 8; ++i) mix(static_cast<unsigned char>(value >> (8 * i)));
    return *this;
  }
  Fingerprint& add(bool value) { return add(int64_t{value}); }
  Fingerprint& add(Date value) { return add(int64_t{value.days}); }
  Fingerprint& add(Instant value) { return add(value.seconds); }
  Fingerprint& add(const std::optional<Date>& value) { return value ? add(true).add(*value) : add(false); }
  template <class E>
  requires std::is_enum_v<E> Fingerprint& add(E value) { return add(static_cast<int64_t>(value)); }
  uint64_t value() const { return hash_; }

 private:
  void mix(unsigned char byte) {
    hash_ ^= byte;
    hash_ *= 0x100000001B3ull;
  }
  uint64_t hash_ = 0xCBF29CE484222325ull;
};

}  // namespace

uint64_t fingerprint(const Council& council) {
  Fingerprint f;
  f.add(council.today);
  for (const Team& t : council.teams) f.add(t.id).add(t.name).add(t.manager_id);
  for (const Staff& s : council.staff) f.add(s.id).add(s.name).add(s.role).add(s.team_id).add(s.active);
  for (const DutyManagerEntry& d : council.duty_rota) f.add(d.id).add(d.staff_id).add(d.team_id).add(d.from).add(d.to);
  for (const YoungPerson& p : council.people) {
    f.add(p.id)
        .add(p.legal_given_name)
        .add(p.legal_family_name)
        .add(p.preferred_name)
        .add(p.date_of_birth)
        .add(p.date_of_death)
        .add(p.gender)
        .add(p.ethnicity)
        .add(p.phone)
        .add(p.email)
        .add(p.address_line1)
        .add(p.address_line2)
        .add(p.town)
        .add(p.postcode)
        .add(p.interpreter_needed)
        .add(p.flags.uasc)
        .add(p.flags.parent)
        .add(p.flags.disability)
        .add(p.flags.in_custody)
        .add(p.flags.send)
        .add(p.detained_on_16th_birthday)
        .add(p.qualifying.special_guardianship_order_made)
        .add(p.qualifying.looked_after_before_sgo)
        .add(p.qualifying.privately_fostered_or_accommodated_until)
        .add(p.allocated_pa_id)
        .add(p.team_id)
        .add(p.case_status)
        .add(p.case_closed_on)
        .add(p.contact_frequency);
    for (const std::string& l : p.languages) f.add(l);
    for (const CarePeriod& c : p.care_periods) f.add(c.start).add(c.ceased).add(c.basis);
    f.add(p.detention_began).add(p.qualifying.special_guardianship_order_ended);
    for (const DateRange& r : p.lived_with_parent) f.add(r.start).add(r.end);
    for (const DateRange& r : p.education_or_training) f.add(r.start).add(r.end);
    for (const InTouchRecord& r : p.in_touch_records) f.add(int64_t{r.age}).add(r.code).add(r.note);
  }
  for (const Contact& c : council.contacts) {
    f.add(c.id)
        .add(c.young_person_id)
        .add(c.staff_id)
        .add(c.occurred_at)
        .add(c.recorded_at)
        .add(c.type)
        .add(c.outcome)
        .add(c.not_seen_reason)
        .add(c.present)
        .add(c.young_persons_words)
        .add(c.pa_notes)
        .add(c.supersedes)
        .add(c.correction_reason)
        .add(c.withdrawn);
    for (const FollowUpAction& a : c.follow_ups) f.add(a.text).add(a.due).add(a.done);
  }
  for (const PathwayPlan& p : council.plans) {
    f.add(p.id)
        .add(p.young_person_id)
        .add(p.previous_plan_id)
        .add(p.author_id)
        .add(p.team_id)
        .add(p.status)
        .add(p.needs_assessment.completed_on)
        .add(p.needs_assessment.completed_by)
        .add(p.needs_assessment.summary)
        .add(p.young_persons_overall_views)
        .add(p.created_on)
        .add(p.submitted_on)
        .add(p.authorised_by)
        .add(p.authorised_on)
        .add(p.returned_by)
        .add(p.returned_on)
        .add(p.return_comments)
        .add(p.early_review_requested_for)
        .add(p.early_review_reason);
    for (const PlanSectionContent& s : p.sections) {
      f.add(s.section).add(s.assessed_needs).add(s.young_persons_views);
      for (const Objective& o : s.objectives) f.add(o.what).add(o.how).add(o.who).add(o.by_when).add(o.status);
    }
  }
  for (const ActivitySpell& a : council.activities)
    f.add(a.id).add(a.young_person_id).add(a.start).add(a.end).add(a.code).add(a.detail);
  for (const AccommodationSpell& a : council.accommodations)
    f.add(a.id).add(a.young_person_id).add(a.start).add(a.end).add(a.code).add(a.suitability).add(a.detail);
  for (const RiskAssessment& r : council.risks) {
    f.add(r.id)
        .add(r.young_person_id)
        .add(r.assessed_by)
        .add(r.assessed_on)
        .add(r.review_due)
        .add(r.level)
        .add(r.summary);
    for (RiskFactor factor : r.factors) f.add(factor);
  }
  return f.value();
}

}  // namespace pathway::demo
