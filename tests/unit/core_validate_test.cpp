// Validation: a valid record of each kind passes; each row breaks one rule
// and expects the field at fault and a message that says what is wrong.
// Any byte sequence in any text field is rejected or accepted, never a crash.
#include <doctest/doctest.h>

#include <functional>
#include <random>
#include <string>
#include <vector>

#include "core/text.h"
#include "core/validate.h"
#include "core_fixtures.h"

using namespace pathway;
using namespace pathway::core;
using namespace pathway::core::testing;

namespace {

const Date today = Date::from_ymd(2024, 6, 1);

YoungPerson valid_person() {
  YoungPerson p = person("2004-06-15");
  p.preferred_name = "Tes";
  p.phone = "+44 (0)1632 960000";  // Ofcom drama range
  p.email = "testy@example.org";
  p.address_line1 = "1 Example Street";
  p.town = "Exampleton";
  p.postcode = "ZZ1 1ZZ";
  p.languages = {"English", "Tigrinya"};
  p.care_periods = {looked_after("2019-01-01", "2019-07-01"), looked_after("2020-01-01", "2022-06-15")};
  p.allocated_pa_id = "pa-1";
  p.team_id = "team-a";
  p.in_touch_records = {{19, InTouchCode::yes, ""}};
  return p;
}

Contact valid_contact() {
  Contact c = contact("c-1", "yp-1", "2024-05-30");
  c.young_persons_words = "Things are better at the flat.\nI start college soon.";
  c.follow_ups = {{"Chase the housing benefit claim", d("2024-06-07"), false}};
  return c;
}

PathwayPlan valid_plan() {
  PathwayPlan p;
  p.id = "plan-1";
  p.young_person_id = "yp-1";
  p.author_id = "pa-1";
  p.team_id = "team-a";
  p.sections[0].objectives.push_back({"Weekly visits", "Home visit", "PA", d("2024-12-01")});
  return p;
}

template <class Record>
struct Case {
  const char* name;
  std::function<void(Record&)> change;
  const char* field;        // the Error's field
  const char* message_has;  // part of the message
};

template <class Record>
void run_cases(const Record& valid, const std::vector<Case<Record>>& cases) {
  REQUIRE(validate(valid, today).ok());
  for (const Case<Record>& row : cases) {
    CAPTURE(row.name);
    Record record = valid;
    row.change(record);
    const Status status = validate(record, today);
    REQUIRE_FALSE(status.ok());
    CHECK(status.error().code == ErrorCode::invalid_input);
    CHECK(status.error().field == row.field);
    CHECK_MESSAGE(status.error().message.find(row.message_has) != std::string::npos, status.error().message);
  }
}

}  // namespace

TEST_CASE("core: validate young person") {
  run_cases<YoungPerson>(valid_person(), {
      {"bad id", [](YoungPerson& p) { p.id = "has space"; }, "id", "not a valid id"},
      {"missing id", [](YoungPerson& p) { p.id.clear(); }, "id", "required"},
      {"blank given name", [](YoungPerson& p) { p.legal_given_name = "  "; }, "legal_given_name", "required"},
      {"family name too long", [](YoungPerson& p) { p.legal_family_name = std::string(101, 'x'); },
       "legal_family_name", "at most 100"},
      {"100 characters of 2 bytes each are fine, 101 are not",
       [](YoungPerson& p) { p.legal_family_name.clear(); for (int i = 0; i < 101; ++i) p.legal_family_name += "\xC3\xA9"; },
       "legal_family_name", "101 characters"},
      {"invalid UTF-8", [](YoungPerson& p) { p.preferred_name = "Te\xC3"; }, "preferred_name", "UTF-8"},
      {"control character", [](YoungPerson& p) { p.legal_given_name = "Te\x01st"; }, "legal_given_name", "control"},
      {"newline in a name", [](YoungPerson& p) { p.legal_given_name = "Te\nst"; }, "legal_given_name", "control"},
      {"born in the future", [](YoungPerson& p) { p.date_of_birth = d("2024-06-02"); }, "date_of_birth", "future"},
      {"too young for the service", [](YoungPerson& p) { p.date_of_birth = d("2012-01-01"); p.care_periods.clear(); },
       "date_of_birth", "records start at 13"},
      {"open case aged 26", [](YoungPerson& p) { p.date_of_birth = d("1998-01-01"); p.care_periods.clear(); },
       "date_of_birth", "aged 25 or under"},
      {"implausible year", [](YoungPerson& p) { p.date_of_birth = Date::from_ymd(1850, 1, 1); }, "date_of_birth",
       "not a plausible date"},
      {"died before birth", [](YoungPerson& p) { p.date_of_death = d("2000-01-01"); }, "date_of_death",
       "before the date of birth"},
      {"unknown gender value", [](YoungPerson& p) { p.gender = static_cast<Gender>(42); }, "gender", "listed"},
      {"bad phone", [](YoungPerson& p) { p.phone = "call me"; }, "phone", "digits"},
      {"bad email", [](YoungPerson& p) { p.email = "testy.example.org"; }, "email", "name@example.org"},
      {"bad postcode", [](YoungPerson& p) { p.postcode = "ZZ11ZZ"; }, "postcode", "AB1 2CD"},
      {"empty language", [](YoungPerson& p) { p.languages.push_back(""); }, "languages[2]", "required"},
      {"too many languages", [](YoungPerson& p) { p.languages.assign(11, "English"); }, "languages", "at most 10"},
      // SSDA903: the ceased day (DEC) is the first day no longer looked after.
      {"care period ceasing before it starts",
       [](YoungPerson& p) { p.care_periods[0] = looked_after("2019-06-30", "2019-01-02"); }, "care_periods[0].ceased",
       "on or before the day it starts"},
      {"care period ceasing the day it starts (no day looked after)",
       [](YoungPerson& p) { p.care_periods[0] = looked_after("2019-06-30", "2019-06-30"); }, "care_periods[0].ceased",
       "first day no longer looked after"},
      {"care period in the future", [](YoungPerson& p) { p.care_periods[1].ceased = d("2024-06-10"); },
       "care_periods[1].ceased", "future"},
      {"care period past 18 (ceased the day after the 18th birthday)",
       [](YoungPerson& p) { p.care_periods[1].ceased = d("2022-06-16"); }, "care_periods[1]", "past the 18th birthday"},
      {"periods overlapping by one day",
       [](YoungPerson& p) { p.care_periods[0] = looked_after("2019-01-01", "2020-01-02"); }, "care_periods[1]",
       "overlap"},
      // Care Leavers (England) Regulations 2010 reg 3: the detention on the 16th birthday, home with a parent.
      {"detention start without a detention", [](YoungPerson& p) { p.detention_began = d("2020-06-01"); },
       "detention_began", "only recorded for a child detained"},
      {"detention starting after the 16th birthday",
       [](YoungPerson& p) {
         p.detained_on_16th_birthday = DetainedOn16th::custody;
         p.detention_began = d("2020-06-16");
       },
       "detention_began", "by the 16th birthday"},
      {"living with a parent, ending before it starts",
       [](YoungPerson& p) { p.lived_with_parent = {{d("2021-05-01"), d("2021-04-01")}}; }, "lived_with_parent[0]",
       "before it starts"},
      {"living with a parent from the future", [](YoungPerson& p) { p.lived_with_parent = {{d("2024-07-01"), {}}}; },
       "lived_with_parent[0].start", "future"},
      // s24(1A): the special guardianship order's dates.
      {"special guardianship order ending without being made",
       [](YoungPerson& p) { p.qualifying.special_guardianship_order_ended = d("2020-01-01"); },
       "qualifying.special_guardianship_order_ended", "needs the date it was made"},
      {"special guardianship order ending before it was made",
       [](YoungPerson& p) {
         p.qualifying.special_guardianship_order_made = d("2020-01-01");
         p.qualifying.special_guardianship_order_ended = d("2019-01-01");
       },
       "qualifying.special_guardianship_order_ended", "after the day it was made"},
      {"care period before birth", [](YoungPerson& p) { p.care_periods[0].start = d("2004-01-01"); },
       "care_periods[0].start", "before the date of birth"},
      {"overlapping care periods", [](YoungPerson& p) { p.care_periods[1].start = d("2019-06-30"); },
       "care_periods[1]", "overlap"},
      {"open period overlapping a later one",
       [](YoungPerson& p) { p.care_periods[0].ceased.reset(); }, "care_periods[1]", "overlap"},
      {"unknown legal basis", [](YoungPerson& p) { p.care_periods[0].basis = static_cast<LegalBasis>(99); },
       "care_periods[0].basis", "SSDA903"},
      {"closed without a date", [](YoungPerson& p) { p.case_status = CaseStatus::closed; }, "case_closed_on",
       "date it was closed"},
      {"in-touch record for the 16th birthday", [](YoungPerson& p) { p.in_touch_records[0].age = 16; },
       "in_touch_records[0].age", "17 to 21"},
      {"two in-touch records for one birthday",
       [](YoungPerson& p) { p.in_touch_records.push_back({19, InTouchCode::refuses, ""}); }, "in_touch_records[1].age",
       "two in-touch records"},
      {"education ends before it starts",
       [](YoungPerson& p) { p.education_or_training = {DateRange{d("2024-01-01"), d("2023-01-01")}}; },
       "education_or_training[0]", "before it starts"},
  });
  // A closed case may be for someone over 25; a 13-year-old's record may be opened.
  YoungPerson older = valid_person();
  older.date_of_birth = d("1990-01-01");
  older.care_periods.clear();
  older.case_status = CaseStatus::closed;
  older.case_closed_on = d("2015-01-01");
  CHECK(validate(older, today).ok());
}

TEST_CASE("core: validate contact") {
  run_cases<Contact>(valid_contact(), {
      {"no young person", [](Contact& c) { c.young_person_id.clear(); }, "young_person_id", "required"},
      {"no staff", [](Contact& c) { c.staff_id.clear(); }, "staff_id", "required"},
      {"in the future", [](Contact& c) { c.occurred_at = noon("2024-06-02"); }, "occurred_at", "future"},
      {"not seen without a reason",
       [](Contact& c) { c.outcome = ContactOutcome::not_seen; c.not_seen_reason = NotSeenReason::none; },
       "not_seen_reason", "why"},
      {"seen with a not-seen reason", [](Contact& c) { c.not_seen_reason = NotSeenReason::declined; },
       "not_seen_reason", "was seen"},
      {"notes too long", [](Contact& c) { c.pa_notes = std::string(limits::long_text + 1, 'x'); }, "pa_notes",
       "at most 20000"},
      {"follow-up without text", [](Contact& c) { c.follow_ups[0].text = ""; }, "follow_ups[0].text", "required"},
      {"correction without a reason", [](Contact& c) { c.supersedes = "c-0"; }, "correction_reason", "required"},
      {"correcting itself",
       [](Contact& c) { c.supersedes = c.id; c.correction_reason = "typo"; }, "supersedes", "itself"},
      {"withdrawn without being a correction", [](Contact& c) { c.withdrawn = true; }, "withdrawn",
       "Only a correction"},
      {"unknown type", [](Contact& c) { c.type = static_cast<ContactType>(7); }, "type", "listed"},
  });
  Contact today_at_night = valid_contact();
  today_at_night.occurred_at = *uk_instant_of(today, 23, 59);
  CHECK(validate(today_at_night, today).ok());  // later today (in England) is not the future
}

TEST_CASE("core: validate pathway plan") {
  run_cases<PathwayPlan>(valid_plan(), {
      {"no author", [](PathwayPlan& p) { p.author_id.clear(); }, "author_id", "required"},
      {"sections out of order", [](PathwayPlan& p) { std::swap(p.sections[0], p.sections[1]); },
       "sections[0].section", "out of order"},
      {"submitted without a date", [](PathwayPlan& p) { p.status = PlanStatus::submitted; }, "submitted_on",
       "date it was submitted"},
      {"authorised without who",
       [](PathwayPlan& p) { p.status = PlanStatus::authorised; p.submitted_on = p.authorised_on = d("2024-05-01"); },
       "authorised_by", "who authorised"},
      {"authorised by its author",
       [](PathwayPlan& p) {
         p.status = PlanStatus::authorised;
         p.submitted_on = p.authorised_on = d("2024-05-01");
         p.authorised_by = p.author_id;
       },
       "authorised_by", "its author"},
      {"authorised in the future",
       [](PathwayPlan& p) {
         p.status = PlanStatus::authorised;
         p.submitted_on = d("2024-05-01");
         p.authorised_on = d("2024-07-01");
         p.authorised_by = "tm-a";
       },
       "authorised_on", "future"},
      {"returned without comments",
       [](PathwayPlan& p) { p.status = PlanStatus::returned; p.submitted_on = d("2024-05-01"); }, "return_comments",
       "required"},
      {"objective text too long", [](PathwayPlan& p) { p.sections[0].objectives[0].how = std::string(501, 'x'); },
       "sections[0].objectives[0].how", "at most 500"},
      {"early review without a reason", [](PathwayPlan& p) { p.early_review_requested_for = d("2024-07-01"); },
       "early_review_reason", "required"},
      {"follows itself", [](PathwayPlan& p) { p.previous_plan_id = p.id; }, "previous_plan_id", "itself"},
  });
}

TEST_CASE("core: validate histories, risk, staff, teams, duty rota") {
  const ActivitySpell activity{"a-1", "yp-1", d("2023-09-01"), std::nullopt, ActivityCode::training_full_time};
  run_cases<ActivitySpell>(activity, {
      {"starts in the future", [](ActivitySpell& s) { s.start = d("2024-09-01"); }, "start", "future"},
      {"ends before it starts", [](ActivitySpell& s) { s.end = d("2023-01-01"); }, "end", "before it starts"},
      {"unknown code", [](ActivitySpell& s) { s.code = static_cast<ActivityCode>(50); }, "code", "SSDA903"},
  });
  const AccommodationSpell home{"h-1", "yp-1", d("2023-09-01"), std::nullopt, AccommodationCode::supported_lodgings,
                                Suitability::suitable};
  run_cases<AccommodationSpell>(home, {
      {"no young person", [](AccommodationSpell& s) { s.young_person_id.clear(); }, "young_person_id", "required"},
      {"unknown suitability", [](AccommodationSpell& s) { s.suitability = static_cast<Suitability>(9); },
       "suitability", "listed"},
  });
  const RiskAssessment risk{"r-1", "yp-1", "pa-1", d("2024-05-01"), d("2024-08-01"), RiskLevel::high,
                            {RiskFactor::exploitation, RiskFactor::going_missing}, "Summary of concerns."};
  run_cases<RiskAssessment>(risk, {
      {"review before assessment", [](RiskAssessment& r) { r.review_due = d("2024-04-01"); }, "review_due",
       "after the assessment"},
      {"assessed in the future", [](RiskAssessment& r) { r.assessed_on = d("2024-06-02"); r.review_due = d("2024-09-01"); },
       "assessed_on", "future"},
      {"factor twice", [](RiskAssessment& r) { r.factors.push_back(RiskFactor::exploitation); }, "factors[2]",
       "twice"},
      {"no summary", [](RiskAssessment& r) { r.summary.clear(); }, "summary", "required"},
  });
  const Staff pa{"pa-1", "Pat Example", StaffRole::personal_adviser, "team-a", true};
  run_cases<Staff>(pa, {
      {"no name", [](Staff& s) { s.name.clear(); }, "name", "required"},
      {"PA without a team", [](Staff& s) { s.team_id.clear(); }, "team_id", "must belong to a team"},
  });
  run_cases<Team>(Team{"team-a", "North", "tm-a"}, {
      {"no name", [](Team& t) { t.name = " "; }, "name", "required"},
  });
  run_cases<DutyManagerEntry>(DutyManagerEntry{"d-1", "tm-a", "", d("2024-06-01"), d("2024-06-07")}, {
      {"ends before it starts", [](DutyManagerEntry& e) { e.to = d("2024-05-01"); }, "to", "before it starts"},
      {"no manager", [](DutyManagerEntry& e) { e.staff_id.clear(); }, "staff_id", "required"},
  });
}

TEST_CASE("core: UTF-8 checks") {
  struct Row { std::string_view bytes; std::optional<size_t> length; };
  const Row rows[] = {
      {"", 0},
      {"abc", 3},
      {"\xC3\xA9", 1},                     // e acute
      {"\xE2\x82\xAC", 1},                 // euro sign
      {"\xF0\x9F\x98\x80", 1},             // emoji
      {"\xC3", std::nullopt},              // truncated
      {"\xE2\x82", std::nullopt},          // truncated
      {"\x80", std::nullopt},              // lone continuation byte
      {"\xC0\xAF", std::nullopt},          // overlong '/'
      {"\xED\xA0\x80", std::nullopt},      // UTF-16 surrogate
      {"\xF4\x90\x80\x80", std::nullopt},  // past U+10FFFF
      {"\xFF", std::nullopt},
  };
  for (const Row& row : rows) {
    CAPTURE(row.bytes.size());
    CHECK(utf8_length(row.bytes) == row.length);
  }
}

TEST_CASE("core: validation survives any bytes in every text field") {
  std::mt19937 random(20240601);  // fixed seed: the same bytes every run
  const auto noise = [&] {
    std::string s(random() % 40, '\0');
    for (char& c : s) c = static_cast<char>(random() & 0xFF);
    return s;
  };
  int accepted = 0;
  for (int i = 0; i < 2000; ++i) {
    YoungPerson p = valid_person();
    for (std::string* field : {&p.id, &p.legal_given_name, &p.legal_family_name, &p.preferred_name, &p.phone,
                               &p.email, &p.address_line1, &p.postcode, &p.allocated_pa_id})
      if (random() % 3 == 0) *field = noise();
    Contact c = valid_contact();
    c.pa_notes = noise();
    c.supersedes = noise();
    const Status person_status = validate(p, today);
    const Status contact_status = validate(c, today);
    if (person_status.ok()) ++accepted;
    // Whatever is accepted is valid text.
    if (person_status.ok()) CHECK(is_valid_utf8(p.legal_given_name));
    if (contact_status.ok()) CHECK(is_valid_utf8(c.pa_notes));
    if (!person_status.ok()) CHECK_FALSE(person_status.error().message.empty());
  }
  CHECK(accepted < 2000);  // the noise was noticed
}
