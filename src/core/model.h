// The leaving care domain as plain data: young people and the care-history
// facts the law uses, contacts, pathway plans, EET and accommodation
// histories, risk assessments, staff, teams and the duty manager rota.
//
// Everything here is a struct or an enum with no behaviour: the rules live in
// rules.h (categories, due dates, plan workflow), validate.h (field checks)
// and figures.h (statutory figures). The store persists every field of these
// structs and the demo generator fills them, so fields may be added but are
// never renamed.
//
// Conventions:
//  * Ids are client-generated UUID strings (records are made offline).
//  * `version` counts saved revisions of a mutable record (optimistic
//    concurrency in store and sync); 0 means never saved.
//  * Optional dates are std::optional; an open-ended history spell has no end.
//  * Every enum has a table of stable codes (what the store and sync write;
//    SSDA903 codes where the DfE defines them) and labels (for people):
//    code_of(), label_of(), enum_from_code<E>() and all_of<E>().
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"

namespace pathway::core {

using Id = std::string;

// [SECTION] Enum code tables ------------------------------------------------

template <class E>
struct EnumEntry {
  E value;
  std::string_view code;   // stable: stored, synced, exported
  std::string_view label;  // for people
};

// Specialised below for every enum with `static constexpr EnumEntry<E> entries[]`.
template <class E>
struct EnumTable;

template <class E>
constexpr std::span<const EnumEntry<E>> all_of() {
  return EnumTable<E>::entries;
}
template <class E>
constexpr std::string_view code_of(E value) {
  for (const auto& e : EnumTable<E>::entries)
    if (e.value == value) return e.code;
  return {};
}
template <class E>
constexpr std::string_view label_of(E value) {
  for (const auto& e : EnumTable<E>::entries)
    if (e.value == value) return e.label;
  return {};
}
template <class E>
constexpr std::optional<E> enum_from_code(std::string_view code) {
  for (const auto& e : EnumTable<E>::entries)
    if (e.code == code) return e.value;
  return std::nullopt;
}

// [SECTION] Staff, teams, duty rota -----------------------------------------

enum class StaffRole { personal_adviser, team_manager, service_manager, admin };
template <>
struct EnumTable<StaffRole> {
  static constexpr EnumEntry<StaffRole> entries[] = {
      {StaffRole::personal_adviser, "PA", "Personal Adviser"},
      {StaffRole::team_manager, "TM", "Team Manager"},
      {StaffRole::service_manager, "SM", "Service Manager"},
      {StaffRole::admin, "ADMIN", "Administrator"},
  };
};

struct Staff {
  Id id;
  std::string name;  // as shown to colleagues and young people
  StaffRole role = StaffRole::personal_adviser;
  Id team_id;        // empty for staff outside any team (e.g. a service manager)
  bool active = true;
  int64_t version = 0;
};

struct Team {
  Id id;
  std::string name;
  Id manager_id;  // the team manager who authorises the team's pathway plans
  int64_t version = 0;
};

// A named manager who may authorise plans while the team manager is away
// (the reports: "authorisation stalls when a manager is absent").
struct DutyManagerEntry {
  Id id;
  Id staff_id;
  Id team_id;  // empty: on duty for every team
  Date from;   // inclusive
  Date to;     // inclusive
  int64_t version = 0;
};

// [SECTION] Young person ----------------------------------------------------

enum class Gender { male, female, other, not_stated };
template <>
struct EnumTable<Gender> {
  // SSDA903 uses 1 = male, 2 = female; other/not stated are ours.
  static constexpr EnumEntry<Gender> entries[] = {
      {Gender::male, "1", "Male"},
      {Gender::female, "2", "Female"},
      {Gender::other, "OTHER", "Other"},
      {Gender::not_stated, "NS", "Not stated"},
  };
};

// DfE ethnicity codes (SSDA903 / school census main categories).
enum class Ethnicity {
  white_british, white_irish, traveller_irish_heritage, gypsy_roma, white_other,
  mixed_white_black_caribbean, mixed_white_black_african, mixed_white_asian, mixed_other,
  asian_indian, asian_pakistani, asian_bangladeshi, asian_other,
  black_caribbean, black_african, black_other,
  chinese, other, refused, not_obtained,
};
template <>
struct EnumTable<Ethnicity> {
  static constexpr EnumEntry<Ethnicity> entries[] = {
      {Ethnicity::white_british, "WBRI", "White British"},
      {Ethnicity::white_irish, "WIRI", "White Irish"},
      {Ethnicity::traveller_irish_heritage, "WIRT", "Traveller of Irish heritage"},
      {Ethnicity::gypsy_roma, "WROM", "Gypsy / Roma"},
      {Ethnicity::white_other, "WOTH", "Any other White background"},
      {Ethnicity::mixed_white_black_caribbean, "MWBC", "White and Black Caribbean"},
      {Ethnicity::mixed_white_black_african, "MWBA", "White and Black African"},
      {Ethnicity::mixed_white_asian, "MWAS", "White and Asian"},
      {Ethnicity::mixed_other, "MOTH", "Any other mixed background"},
      {Ethnicity::asian_indian, "AIND", "Indian"},
      {Ethnicity::asian_pakistani, "APKN", "Pakistani"},
      {Ethnicity::asian_bangladeshi, "ABAN", "Bangladeshi"},
      {Ethnicity::asian_other, "AOTH", "Any other Asian background"},
      {Ethnicity::black_caribbean, "BCRB", "Caribbean"},
      {Ethnicity::black_african, "BAFR", "African"},
      {Ethnicity::black_other, "BOTH", "Any other Black background"},
      {Ethnicity::chinese, "CHNE", "Chinese"},
      {Ethnicity::other, "OOTH", "Any other ethnic group"},
      {Ethnicity::refused, "REFU", "Refused"},
      {Ethnicity::not_obtained, "NOBT", "Information not yet obtained"},
  };
};

// The legal basis of a period looked after, with SSDA903 legal status codes.
// Short breaks (V3, V4) are pre-planned respite and do not count toward the
// 13 weeks (Care Leavers (England) Regulations 2010, reg 3).
enum class LegalBasis {
  interim_care_order,     // C1: s38 Children Act 1989
  care_order,             // C2: s31
  freeing_order,          // D1: s18 Adoption Act 1976
  placement_order,        // E1: s21 Adoption and Children Act 2002
  accommodated_s20,       // V2: s20 single period of accommodation
  short_breaks_episodes,  // V3: s20 agreed series of short breaks (respite)
  short_breaks_agreement, // V4: s20 short breaks recorded as one agreement (respite)
  remanded,               // J1: remanded to local authority accommodation (LASPO 2012 s104)
  pace_transfer,          // J2: placed under PACE 1984
  youth_rehabilitation,   // J3: youth rehabilitation order with residence requirement
  police_protection,      // L1: s46
  emergency_protection,   // L2: s44
  child_assessment,       // L3: s43 with accommodation
};
template <>
struct EnumTable<LegalBasis> {
  static constexpr EnumEntry<LegalBasis> entries[] = {
      {LegalBasis::interim_care_order, "C1", "Interim care order (s38)"},
      {LegalBasis::care_order, "C2", "Full care order (s31)"},
      {LegalBasis::freeing_order, "D1", "Freeing order"},
      {LegalBasis::placement_order, "E1", "Placement order"},
      {LegalBasis::accommodated_s20, "V2", "Accommodated (s20)"},
      {LegalBasis::short_breaks_episodes, "V3", "Short breaks, each episode (s20 respite)"},
      {LegalBasis::short_breaks_agreement, "V4", "Short breaks under one agreement (s20 respite)"},
      {LegalBasis::remanded, "J1", "Remanded to local authority accommodation"},
      {LegalBasis::pace_transfer, "J2", "Placed under PACE"},
      {LegalBasis::youth_rehabilitation, "J3", "Youth rehabilitation order with residence requirement"},
      {LegalBasis::police_protection, "L1", "Police protection (s46)"},
      {LegalBasis::emergency_protection, "L2", "Emergency protection order (s44)"},
      {LegalBasis::child_assessment, "L3", "Child assessment order (s43)"},
  };
};

// One period looked after by the local authority. Periods may be several and
// separated by gaps; the law adds them up (13 weeks "in total").
// A period looked after, dated as councils' case systems export it for the
// DfE's SSDA903 return: the start day (DECOM) is looked after; the ceased day
// (DEC) is not, as the child stopped being looked after that day. A period
// from 1 March ceased on 2 March is one day. (Stores before migration 4 kept
// the last day looked after; the migration moved those dates on a day.)
struct CarePeriod {
  Date start;
  std::optional<Date> ceased;  // DEC; none = still looked after
  LegalBasis basis = LegalBasis::accommodated_s20;

  bool looked_after_on(Date day) const { return start <= day && (!ceased || day < *ceased); }
};

// Where a child was on their 16th birthday if detained (s23A(3) Children Act
// 1989 and Care Leavers (England) Regulations 2010 reg 3: such a child, looked
// after for 13 weeks immediately before the detention began and not under a
// care order, is a relevant child). The detention's start is on YoungPerson.
enum class DetainedOn16th { no, custody, hospital };
template <>
struct EnumTable<DetainedOn16th> {
  static constexpr EnumEntry<DetainedOn16th> entries[] = {
      {DetainedOn16th::no, "NO", "Not detained"},
      {DetainedOn16th::custody, "CUSTODY", "In custody"},
      {DetainedOn16th::hospital, "HOSPITAL", "In hospital"},
  };
};

// Facts for "qualifying" (s24 Children Act 1989) that are not periods looked
// after by this authority.
struct QualifyingFacts {
  // Special guardianship order (s14A): made, and ended (the first day it was
  // no longer in force; none = in force). s24(1A) needs it in force at 18 (or
  // now, if younger) and the child looked after immediately before it was
  // made: a period here that ceased the day it was made, or this flag when
  // another authority looked after the child.
  std::optional<Date> special_guardianship_order_made;
  std::optional<Date> special_guardianship_order_ended;
  bool looked_after_before_sgo = false;
  // Last day privately fostered, or accommodated by a voluntary organisation,
  // a private children's home, the NHS or an education authority (s24(2)).
  std::optional<Date> privately_fostered_or_accommodated_until;
};

enum class CaseStatus {
  open,
  closed,
  open_support_to_25,  // reopened: the care leaver asked for PA support to 25 (s23CZB, CSWA 2017 s3)
};
template <>
struct EnumTable<CaseStatus> {
  static constexpr EnumEntry<CaseStatus> entries[] = {
      {CaseStatus::open, "OPEN", "Open"},
      {CaseStatus::closed, "CLOSED", "Closed"},
      {CaseStatus::open_support_to_25, "OPEN25", "Open: PA support to 25 on request"},
  };
};

// How often the PA aims to be in contact: needs-led and set by the PA
// (Kirklees 7.5, Notts), never less often than the statutory floor (rules.h).
enum class ContactFrequency { weekly, fortnightly, every_3_weeks, every_4_weeks, every_6_weeks, every_8_weeks };
template <>
struct EnumTable<ContactFrequency> {
  static constexpr EnumEntry<ContactFrequency> entries[] = {
      {ContactFrequency::weekly, "W1", "Weekly"},
      {ContactFrequency::fortnightly, "W2", "Fortnightly"},
      {ContactFrequency::every_3_weeks, "W3", "Every 3 weeks"},
      {ContactFrequency::every_4_weeks, "W4", "Every 4 weeks"},
      {ContactFrequency::every_6_weeks, "W6", "Every 6 weeks"},
      {ContactFrequency::every_8_weeks, "W8", "Every 8 weeks"},
  };
};

// DfE "in touch" codes for the SSDA903 care leaver return, recorded around
// each birthday from 17 to 21.
enum class InTouchCode { yes, no, died, refuses, no_longer_requires, returned_home };
template <>
struct EnumTable<InTouchCode> {
  static constexpr EnumEntry<InTouchCode> entries[] = {
      {InTouchCode::yes, "YES", "In touch"},
      {InTouchCode::no, "NO", "Not in touch"},
      {InTouchCode::died, "DIED", "Died"},
      {InTouchCode::refuses, "REFU", "Refuses contact"},
      {InTouchCode::no_longer_requires, "NREQ", "No longer requires services"},
      {InTouchCode::returned_home, "RHOM", "Returned home for six months or more"},
  };
};

// A PA's recorded judgement for one birthday; DIED / REFU / NREQ / RHOM can
// only come from here; YES / NO are otherwise derived from contacts.
struct InTouchRecord {
  int age = 17;  // the birthday it is about: 17..21
  InTouchCode code = InTouchCode::yes;
  std::string note;
};

// A dated fact "pursuing, or wishing to pursue, education or training"
// (s23CA and s24B Children Act 1989), as told to the authority; EET activity
// codes for education/training also count (rules.h).
struct DateRange {
  Date start;
  std::optional<Date> end;  // inclusive; none = continuing
};

struct PersonFlags {
  bool uasc = false;        // unaccompanied asylum-seeking child
  bool parent = false;
  bool disability = false;
  bool in_custody = false;
  bool send = false;        // special educational needs and disabilities
};

struct YoungPerson {
  Id id;
  std::string legal_given_name;
  std::string legal_family_name;
  std::string preferred_name;  // empty: use the legal given name
  Date date_of_birth;
  std::optional<Date> date_of_death;
  Gender gender = Gender::not_stated;
  Ethnicity ethnicity = Ethnicity::not_obtained;

  std::string phone;
  std::string email;
  std::string address_line1;
  std::string address_line2;
  std::string town;
  std::string postcode;
  std::vector<std::string> languages;  // first is the main language
  bool interpreter_needed = false;
  PersonFlags flags;

  // The care history the law uses (category, support end).
  std::vector<CarePeriod> care_periods;  // in any order; rules sort copies
  DetainedOn16th detained_on_16th_birthday = DetainedOn16th::no;
  std::optional<Date> detention_began;  // the detention that included the 16th birthday
  // Times living, while not looked after, with a parent or a person with
  // parental responsibility (end inclusive): six continuous months of it stop
  // a child being relevant while it lasts (Care Leavers (England) Regulations
  // 2010 reg 3).
  std::vector<DateRange> lived_with_parent;
  QualifyingFacts qualifying;
  std::vector<DateRange> education_or_training;

  Id allocated_pa_id;  // empty: not allocated
  Id team_id;
  CaseStatus case_status = CaseStatus::open;
  std::optional<Date> case_closed_on;
  ContactFrequency contact_frequency = ContactFrequency::every_8_weeks;
  std::vector<InTouchRecord> in_touch_records;
  int64_t version = 0;
};

// [SECTION] Category (derived by rules.h, never typed in) -------------------

enum class Category {
  eligible,
  relevant,
  former_relevant,
  former_relevant_in_education,  // s23CA / s24B: former relevant back in education, to 25
  // s23CZB: a former relevant child aged 21 to 24 whose s23C duties have
  // ended, who may ask for a PA, an assessment and a pathway plan until 25.
  former_relevant_may_ask,
  qualifying,
  not_a_care_leaver,
};
template <>
struct EnumTable<Category> {
  static constexpr EnumEntry<Category> entries[] = {
      {Category::eligible, "ELIGIBLE", "Eligible"},
      {Category::relevant, "RELEVANT", "Relevant"},
      {Category::former_relevant, "FORMER_RELEVANT", "Former relevant"},
      {Category::former_relevant_in_education, "FORMER_RELEVANT_EDU", "Former relevant pursuing education"},
      {Category::former_relevant_may_ask, "FORMER_RELEVANT_ASK", "Former relevant, may ask for support to 25"},
      {Category::qualifying, "QUALIFYING", "Qualifying"},
      {Category::not_a_care_leaver, "NONE", "Not a care leaver"},
  };
};

struct CategoryResult {
  Category category = Category::not_a_care_leaver;
  // The first day without leaving care duties: when support ends, or for
  // someone whose support has ended, when it ended; for former_relevant_may_ask
  // the first day support can no longer be asked for; none if never a care leaver.
  std::optional<Date> support_ends;
  std::string reason;                // one sentence for the UI, citing the rule
};

// [SECTION] Contacts (append-only) ------------------------------------------

enum class ContactType { home_visit, office, phone, video, message, other };
template <>
struct EnumTable<ContactType> {
  static constexpr EnumEntry<ContactType> entries[] = {
      {ContactType::home_visit, "HOME_VISIT", "Home visit"},
      {ContactType::office, "OFFICE", "Office"},
      {ContactType::phone, "PHONE", "Phone call"},
      {ContactType::video, "VIDEO", "Video call"},
      {ContactType::message, "MESSAGE", "Message"},
      {ContactType::other, "OTHER", "Other"},
  };
};

enum class ContactOutcome { seen_alone, seen, not_seen };
template <>
struct EnumTable<ContactOutcome> {
  static constexpr EnumEntry<ContactOutcome> entries[] = {
      {ContactOutcome::seen_alone, "SEEN_ALONE", "Seen alone"},
      {ContactOutcome::seen, "SEEN", "Seen"},
      {ContactOutcome::not_seen, "NOT_SEEN", "Not seen"},
  };
};

enum class NotSeenReason { none, no_answer, declined, in_custody, seen_by_social_worker, in_hospital, other };
template <>
struct EnumTable<NotSeenReason> {
  static constexpr EnumEntry<NotSeenReason> entries[] = {
      {NotSeenReason::none, "", "(seen)"},
      {NotSeenReason::no_answer, "NO_ANSWER", "No answer"},
      {NotSeenReason::declined, "DECLINED", "Declined"},
      {NotSeenReason::in_custody, "CUSTODY", "In custody"},
      {NotSeenReason::seen_by_social_worker, "SEEN_BY_SW", "Seen by social worker instead"},
      {NotSeenReason::in_hospital, "HOSPITAL", "In hospital"},
      {NotSeenReason::other, "OTHER", "Other"},
  };
};

struct FollowUpAction {
  std::string text;
  std::optional<Date> due;
  bool done = false;
  std::string owner;  // who will do it: the PA, the young person, another service
};

// One contact with a young person. Never edited: a correction is a new
// Contact whose `supersedes` names the version it replaces (current_versions()
// in rules.h picks the newest of each chain); `withdrawn` marks a contact
// recorded in error.
struct Contact {
  Id id;
  Id young_person_id;
  Id staff_id;
  Instant occurred_at;
  Instant recorded_at;
  ContactType type = ContactType::home_visit;
  ContactOutcome outcome = ContactOutcome::seen;
  NotSeenReason not_seen_reason = NotSeenReason::none;
  std::string present;              // who else was there
  std::string young_persons_words;  // in their own words
  std::string pa_notes;
  std::vector<FollowUpAction> follow_ups;
  Id supersedes;                    // empty for an original record
  std::string correction_reason;    // required when supersedes is set
  bool withdrawn = false;           // this correction says the contact did not happen
};

// [SECTION] Pathway plan ----------------------------------------------------

enum class PlanSection {
  contact_and_support, health_and_wellbeing, education_training_employment, family_and_social,
  practical_living_skills, finance, accommodation, risk,
};
inline constexpr int plan_section_count = 8;
template <>
struct EnumTable<PlanSection> {
  static constexpr EnumEntry<PlanSection> entries[] = {
      {PlanSection::contact_and_support, "CONTACT", "Contact and personal support"},
      {PlanSection::health_and_wellbeing, "HEALTH", "Health and wellbeing"},
      {PlanSection::education_training_employment, "EET", "Education, training and employment"},
      {PlanSection::family_and_social, "FAMILY", "Family and social relationships"},
      {PlanSection::practical_living_skills, "SKILLS", "Practical and independent living skills"},
      {PlanSection::finance, "FINANCE", "Finance"},
      {PlanSection::accommodation, "ACCOMMODATION", "Accommodation, including Staying Put"},
      {PlanSection::risk, "RISK", "Risk"},
  };
};

enum class ObjectiveStatus { not_started, in_progress, achieved, not_achieved };
template <>
struct EnumTable<ObjectiveStatus> {
  static constexpr EnumEntry<ObjectiveStatus> entries[] = {
      {ObjectiveStatus::not_started, "NOT_STARTED", "Not started"},
      {ObjectiveStatus::in_progress, "IN_PROGRESS", "In progress"},
      {ObjectiveStatus::achieved, "ACHIEVED", "Achieved"},
      {ObjectiveStatus::not_achieved, "NOT_ACHIEVED", "Not achieved"},
  };
};

struct Objective {
  std::string what;
  std::string how;
  std::string who;
  std::optional<Date> by_when;
  ObjectiveStatus status = ObjectiveStatus::not_started;
};

struct PlanSectionContent {
  PlanSection section = PlanSection::contact_and_support;
  std::string assessed_needs;       // from the needs assessment (plan part 1)
  std::string young_persons_views;  // the plan must reflect their own views
  std::vector<Objective> objectives;
};

struct NeedsAssessment {
  std::optional<Date> completed_on;
  Id completed_by;
  std::string summary;
};

enum class PlanStatus { draft, submitted, authorised, returned };
template <>
struct EnumTable<PlanStatus> {
  static constexpr EnumEntry<PlanStatus> entries[] = {
      {PlanStatus::draft, "DRAFT", "Draft"},
      {PlanStatus::submitted, "SUBMITTED", "Awaiting authorisation"},
      {PlanStatus::authorised, "AUTHORISED", "Authorised"},
      {PlanStatus::returned, "RETURNED", "Returned with comments"},
  };
};

// One version of a young person's pathway plan. A review starts a new version
// (previous_plan_id) from the last authorised one; the person's plan status
// on a date comes from their latest authorised version (rules.h).
struct PathwayPlan {
  Id id;
  Id young_person_id;
  Id previous_plan_id;  // empty for the first plan
  Id author_id;         // the PA (or social worker for a first plan)
  Id team_id;           // whose manager authorises
  PlanStatus status = PlanStatus::draft;
  NeedsAssessment needs_assessment;
  std::array<PlanSectionContent, plan_section_count> sections{{
      {PlanSection::contact_and_support}, {PlanSection::health_and_wellbeing},
      {PlanSection::education_training_employment}, {PlanSection::family_and_social},
      {PlanSection::practical_living_skills}, {PlanSection::finance},
      {PlanSection::accommodation}, {PlanSection::risk},
  }};
  std::string young_persons_overall_views;

  std::optional<Date> created_on;
  std::optional<Date> submitted_on;
  Id authorised_by;
  std::optional<Date> authorised_on;
  Id returned_by;
  std::optional<Date> returned_on;
  std::string return_comments;
  // An earlier review asked for by the young person, or for changed
  // circumstances; the review is then due on this date, not 6 months on.
  std::optional<Date> early_review_requested_for;
  std::string early_review_reason;
  int64_t version = 0;
};

// [SECTION] EET activity and accommodation histories ------------------------

// Care leaver activity codes, DfE SSDA903 guidance (F3/P3 "training or
// employment" were split into F4/P4 training and F5/P5 employment).
enum class ActivityCode {
  higher_education_full_time,   // F1
  higher_education_part_time,   // P1
  other_education_full_time,    // F2
  other_education_part_time,    // P2
  training_full_time,           // F4: training or apprenticeship
  training_part_time,           // P4
  employment_full_time,         // F5
  employment_part_time,         // P5
  neet_illness_disability,      // G4
  neet_other,                   // G5
  neet_pregnancy_parenting,     // G6
};
template <>
struct EnumTable<ActivityCode> {
  static constexpr EnumEntry<ActivityCode> entries[] = {
      {ActivityCode::higher_education_full_time, "F1", "Higher education, full time"},
      {ActivityCode::higher_education_part_time, "P1", "Higher education, part time"},
      {ActivityCode::other_education_full_time, "F2", "Other education, full time"},
      {ActivityCode::other_education_part_time, "P2", "Other education, part time"},
      {ActivityCode::training_full_time, "F4", "Training or apprenticeship, full time"},
      {ActivityCode::training_part_time, "P4", "Training or apprenticeship, part time"},
      {ActivityCode::employment_full_time, "F5", "Employment, full time"},
      {ActivityCode::employment_part_time, "P5", "Employment, part time"},
      {ActivityCode::neet_illness_disability, "G4", "Not in EET: illness or disability"},
      {ActivityCode::neet_other, "G5", "Not in EET: other reasons"},
      {ActivityCode::neet_pregnancy_parenting, "G6", "Not in EET: pregnancy or parenting"},
  };
};

struct ActivitySpell {
  Id id;
  Id young_person_id;
  Date start;
  std::optional<Date> end;  // inclusive; none = continuing
  ActivityCode code = ActivityCode::neet_other;
  std::string detail;       // provider, course or employer
  int64_t version = 0;
};

// Care leaver accommodation codes, DfE SSDA903 guidance.
enum class AccommodationCode {
  with_parents_or_relatives,   // B
  community_home,              // C: residential care incl. NHS
  semi_independent,            // D: transitional accommodation
  supported_lodgings,          // E
  gone_abroad,                 // G
  deported,                    // H
  ordinary_lodgings,           // K: without formal support
  residence_not_known,         // R
  no_fixed_abode,              // S: homeless
  foyer,                       // T: foyers and similar supported accommodation
  independent_living,          // U: e.g. own tenancy
  emergency_accommodation,     // V: night shelter, direct access
  bed_and_breakfast,           // W
  in_custody,                  // X
  other,                       // Y
  former_foster_carers,        // Z: Staying Put
};
template <>
struct EnumTable<AccommodationCode> {
  static constexpr EnumEntry<AccommodationCode> entries[] = {
      {AccommodationCode::with_parents_or_relatives, "B", "With parents or relatives"},
      {AccommodationCode::community_home, "C", "Community home or other residential care"},
      {AccommodationCode::semi_independent, "D", "Semi-independent, transitional accommodation"},
      {AccommodationCode::supported_lodgings, "E", "Supported lodgings"},
      {AccommodationCode::gone_abroad, "G", "Gone abroad"},
      {AccommodationCode::deported, "H", "Deported"},
      {AccommodationCode::ordinary_lodgings, "K", "Ordinary lodgings, without formal support"},
      {AccommodationCode::residence_not_known, "R", "Residence not known"},
      {AccommodationCode::no_fixed_abode, "S", "No fixed abode / homeless"},
      {AccommodationCode::foyer, "T", "Foyer or similar supported accommodation"},
      {AccommodationCode::independent_living, "U", "Independent living, e.g. own tenancy"},
      {AccommodationCode::emergency_accommodation, "V", "Emergency accommodation"},
      {AccommodationCode::bed_and_breakfast, "W", "Bed and breakfast"},
      {AccommodationCode::in_custody, "X", "In custody"},
      {AccommodationCode::other, "Y", "Other accommodation"},
      {AccommodationCode::former_foster_carers, "Z", "With former foster carers (Staying Put)"},
  };
};

enum class Suitability { suitable, unsuitable, not_recorded };
template <>
struct EnumTable<Suitability> {
  // SSDA903: 1 = suitable, 2 = unsuitable.
  static constexpr EnumEntry<Suitability> entries[] = {
      {Suitability::suitable, "1", "Suitable"},
      {Suitability::unsuitable, "2", "Unsuitable"},
      {Suitability::not_recorded, "0", "Not recorded"},
  };
};

struct AccommodationSpell {
  Id id;
  Id young_person_id;
  Date start;
  std::optional<Date> end;  // inclusive; none = continuing
  AccommodationCode code = AccommodationCode::other;
  Suitability suitability = Suitability::not_recorded;
  std::string detail;
  int64_t version = 0;
};

// [SECTION] Risk ------------------------------------------------------------

enum class RiskLevel { low, medium, high };
template <>
struct EnumTable<RiskLevel> {
  static constexpr EnumEntry<RiskLevel> entries[] = {
      {RiskLevel::low, "LOW", "Low"},
      {RiskLevel::medium, "MEDIUM", "Medium"},
      {RiskLevel::high, "HIGH", "High"},
  };
};

enum class RiskFactor {
  exploitation, self_harm, substance_misuse, domestic_abuse, homelessness, offending,
  going_missing, mental_health, radicalisation, financial_hardship, other,
};
template <>
struct EnumTable<RiskFactor> {
  static constexpr EnumEntry<RiskFactor> entries[] = {
      {RiskFactor::exploitation, "EXPLOITATION", "Exploitation"},
      {RiskFactor::self_harm, "SELF_HARM", "Self-harm"},
      {RiskFactor::substance_misuse, "SUBSTANCE", "Substance misuse"},
      {RiskFactor::domestic_abuse, "DOMESTIC_ABUSE", "Domestic abuse"},
      {RiskFactor::homelessness, "HOMELESSNESS", "Homelessness"},
      {RiskFactor::offending, "OFFENDING", "Offending"},
      {RiskFactor::going_missing, "MISSING", "Going missing"},
      {RiskFactor::mental_health, "MENTAL_HEALTH", "Mental health"},
      {RiskFactor::radicalisation, "RADICALISATION", "Radicalisation"},
      {RiskFactor::financial_hardship, "FINANCE", "Financial hardship or debt"},
      {RiskFactor::other, "OTHER", "Other"},
  };
};

struct RiskAssessment {
  Id id;
  Id young_person_id;
  Id assessed_by;
  Date assessed_on;
  Date review_due;
  RiskLevel level = RiskLevel::low;
  std::vector<RiskFactor> factors;
  std::string summary;
  int64_t version = 0;
};

}  // namespace pathway::core
