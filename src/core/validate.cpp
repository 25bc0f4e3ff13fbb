// Field validation (see validate.h). A small Checker keeps the first problem
// found, so each validate() reads as a list of the rules for its record.
#include "core/validate.h"

#include <algorithm>
#include <optional>
#include <set>
#include <string>

#include "core/category.h"
#include "core/keeping_in_touch.h"
#include "core/text.h"

namespace pathway::core {
namespace {

enum class Need { optional, required };
enum class Lines { single, multi };

std::string indexed(std::string_view field, size_t index) {
  return std::string(field) + "[" + std::to_string(index) + "]";
}

class Checker {
 public:
  explicit Checker(Date today) : today_(today) {}

  // `label` names the field for people: "Legal family name".
  Checker& text(std::string_view field, std::string_view label, std::string_view value, size_t max,
                Need need = Need::optional, Lines lines = Lines::single) {
    if (failed()) return *this;
    const std::optional<size_t> length = utf8_length(value);
    if (!length) return fail(field, std::string(label) + " contains bytes that are not valid text (UTF-8).");
    if (has_control_characters(value, lines == Lines::multi))
      return fail(field, std::string(label) + " contains control characters.");
    if (need == Need::required && is_blank(value)) return fail(field, std::string(label) + " is required.");
    if (*length > max)
      return fail(field, std::string(label) + " is too long: " + std::to_string(*length) + " characters, at most " +
                             std::to_string(max) + ".");
    return *this;
  }

  Checker& id(std::string_view field, std::string_view label, std::string_view value, Need need = Need::required) {
    if (failed() || (need == Need::optional && value.empty())) return *this;
    if (value.empty()) return fail(field, std::string(label) + " is required.");
    if (!is_valid_id(value))
      return fail(field, std::string(label) + " is not a valid id (letters, digits, '-' or '_', at most " +
                             std::to_string(limits::id) + ").");
    return *this;
  }

  Checker& date(std::string_view field, std::string_view label, const std::optional<Date>& value) {
    if (failed() || !value) return *this;
    if (value->year() < limits::earliest_year || value->year() > limits::latest_year)
      return fail(field, std::string(label) + " (" + value->iso() + ") is not a plausible date.");
    return *this;
  }

  // A fact about the past: it cannot be dated after today.
  Checker& past_date(std::string_view field, std::string_view label, const std::optional<Date>& value) {
    date(field, label, value);
    if (failed() || !value || *value <= today_) return *this;
    return fail(field, std::string(label) + " (" + value->iso() + ") is in the future.");
  }

  // A date range: the end (if any) is not before the start.
  Checker& range(std::string_view field, std::string_view label, Date start, const std::optional<Date>& end) {
    if (failed() || !end || *end >= start) return *this;
    return fail(field, std::string(label) + " ends (" + end->iso() + ") before it starts (" + start.iso() + ").");
  }

  // A list of date ranges: at most `max`, each plausible and not ending
  // before it starts; with When::past a range cannot start after today.
  enum class When { any, past };
  Checker& ranges(std::string_view field, std::string_view label, std::string_view plural,
                  const std::vector<DateRange>& list, size_t max, When when) {
    count(field, plural, list.size(), max);
    for (size_t i = 0; i < list.size() && !failed(); ++i) {
      const std::string at = indexed(field, i);
      if (when == When::past) past_date(at + ".start", label, list[i].start);
      date(at + ".start", label, list[i].start).date(at + ".end", label, list[i].end);
      range(at, label, list[i].start, list[i].end);
    }
    return *this;
  }

  Checker& count(std::string_view field, std::string_view label, size_t n, size_t max) {
    if (failed() || n <= max) return *this;
    return fail(field,
                "Too many " + std::string(label) + ": " + std::to_string(n) + ", at most " + std::to_string(max) + ".");
  }

  Checker& require(bool condition, std::string_view field, std::string message) {
    if (failed() || condition) return *this;
    return fail(field, std::move(message));
  }

  bool failed() const { return error_.has_value(); }
  Date today() const { return today_; }
  Status done() const { return error_ ? Status(*error_) : ok_status(); }

 private:
  Checker& fail(std::string_view field, std::string message) {
    error_ = invalid(std::string(field), std::move(message));
    return *this;
  }
  Date today_;
  std::optional<Error> error_;
};

bool plausible_email(std::string_view email) {
  const size_t at = email.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < email.size() && email.find('@', at + 1) == email.npos &&
         email.find(' ') == email.npos && email.find('.', at) != email.npos;
}

bool plausible_phone(std::string_view phone) {
  int digits = 0;
  for (char c : phone) {
    if (c >= '0' && c <= '9')
      ++digits;
    else if (c != ' ' && c != '+' && c != '(' && c != ')' && c != '-')
      return false;
  }
  return digits >= 6;
}

// UK postcode shape: outward code of 2-4 letters/digits starting with a
// letter, a space, inward code digit-letter-letter ("AB1 2CD", "SW1A 1AA").
bool plausible_postcode(std::string_view postcode) {
  const size_t space = postcode.find(' ');
  if (space == postcode.npos || space < 2 || space > 4 || postcode.size() != space + 4) return false;
  const auto is_letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
  const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  if (!is_letter(postcode[0])) return false;
  for (size_t i = 1; i < space; ++i)
    if (!is_letter(postcode[i]) && !is_digit(postcode[i])) return false;
  return is_digit(postcode[space + 1]) && is_letter(postcode[space + 2]) && is_letter(postcode[space + 3]);
}

template <class E>
bool known(E value) {
  return !code_of(value).empty() || value == E{};
}

}  // namespace

bool is_valid_id(std::string_view id) {
  if (id.empty() || id.size() > limits::id) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
  });
}

Status validate(const YoungPerson& person, Date today) {
  Checker check(today);
  check.id("id", "Id", person.id)
      .text("legal_given_name", "Legal given name", person.legal_given_name, limits::name, Need::required)
      .text("legal_family_name", "Legal family name", person.legal_family_name, limits::name, Need::required)
      .text("preferred_name", "Preferred name", person.preferred_name, limits::name)
      .past_date("date_of_birth", "Date of birth", person.date_of_birth)
      .past_date("date_of_death", "Date of death", person.date_of_death)
      .require(!person.date_of_death || *person.date_of_death >= person.date_of_birth, "date_of_death",
               "Date of death is before the date of birth.");
  const int age = age_on(person, today);
  check
      .require(age >= limits::youngest_on_record, "date_of_birth",
               "Date of birth " + person.date_of_birth.iso() + " makes them " + std::to_string(age) +
                   ": records start at " + std::to_string(limits::youngest_on_record) + ".")
      .require(person.case_status == CaseStatus::closed || age <= limits::oldest_open_case, "date_of_birth",
               "Date of birth " + person.date_of_birth.iso() + " makes them " + std::to_string(age) +
                   ": an open case must be for someone aged 25 or under (close the case instead).")
      .require(known(person.gender), "gender", "Gender is not one of the listed values.")
      .require(known(person.ethnicity), "ethnicity", "Ethnicity is not one of the listed codes.")
      .text("phone", "Phone", person.phone, limits::phone)
      .require(person.phone.empty() || plausible_phone(person.phone), "phone",
               "Phone should be digits, with spaces, +, brackets or dashes only.")
      .text("email", "Email", person.email, limits::email)
      .require(person.email.empty() || plausible_email(person.email), "email",
               "Email should look like name@example.org.")
      .text("address_line1", "Address line 1", person.address_line1, limits::address_line)
      .text("address_line2", "Address line 2", person.address_line2, limits::address_line)
      .text("town", "Town", person.town, limits::address_line)
      .text("postcode", "Postcode", person.postcode, limits::postcode)
      .require(person.postcode.empty() || plausible_postcode(person.postcode), "postcode",
               "Postcode should look like AB1 2CD, with one space.")
      .count("languages", "languages", person.languages.size(), limits::languages);
  for (size_t i = 0; i < person.languages.size(); ++i)
    check.text(indexed("languages", i), "Language", person.languages[i], limits::language, Need::required);

  check.count("care_periods", "periods looked after", person.care_periods.size(), limits::care_periods);
  const Date turned_18 = birthday(person, 18);
  for (size_t i = 0; i < person.care_periods.size(); ++i) {
    const CarePeriod& period = person.care_periods[i];
    const std::string field = indexed("care_periods", i);
    check.require(known(period.basis), field + ".basis", "Legal basis is not one of the SSDA903 codes.")
        .past_date(field + ".start", "A period looked after", period.start)
        .past_date(field + ".ceased", "The day a period looked after ceased", period.ceased)
        .require(!period.ceased || *period.ceased > period.start, field + ".ceased",
                 "A period looked after ceases on or before the day it starts: the ceased day is the first day "
                 "no longer looked after (SSDA903 DEC).")
        .require(period.start >= person.date_of_birth, field + ".start",
                 "A period looked after starts before the date of birth.")
        .require(period.start < turned_18 && (!period.ceased || *period.ceased <= turned_18), field,
                 "A period looked after runs past the 18th birthday: nobody is looked after as an adult.");
    for (size_t j = 0; j < i && !check.failed(); ++j) {
      const CarePeriod& other = person.care_periods[j];
      const bool overlap =
          period.start < other.ceased.value_or(turned_18) && other.start < period.ceased.value_or(turned_18);
      check.require(!overlap, field,
                    "Periods looked after overlap (" + period.start.iso() + " and " + other.start.iso() +
                        "): a child is looked after once at a time.");
    }
  }
  const Date turned_16 = birthday(person, 16);
  check.past_date("detention_began", "The start of the detention", person.detention_began)
      .require(!person.detention_began || person.detained_on_16th_birthday != DetainedOn16th::no, "detention_began",
               "A detention start is only recorded for a child detained on their 16th birthday.")
      .require(!person.detention_began || *person.detention_began <= turned_16, "detention_began",
               "The detention must have begun by the 16th birthday (" + turned_16.iso() + ").");
  const QualifyingFacts& qualifying = person.qualifying;
  check.ranges("lived_with_parent", "Living with a parent", "times living with a parent", person.lived_with_parent,
               limits::parent_home_ranges, Checker::When::past)
      .past_date("qualifying.special_guardianship_order_ended", "The end of the special guardianship order",
                 qualifying.special_guardianship_order_ended)
      .require(!qualifying.special_guardianship_order_ended || qualifying.special_guardianship_order_made,
               "qualifying.special_guardianship_order_ended",
               "A special guardianship order's end needs the date it was made.")
      .require(!qualifying.special_guardianship_order_ended ||
                       (qualifying.special_guardianship_order_made &&
                    *qualifying.special_guardianship_order_ended > *qualifying.special_guardianship_order_made),
               "qualifying.special_guardianship_order_ended",
               "A special guardianship order ends after the day it was made.");
  check
      .past_date("qualifying.special_guardianship_order_made", "Special guardianship order date",
                 person.qualifying.special_guardianship_order_made)
      .past_date("qualifying.privately_fostered_or_accommodated_until", "End of private fostering",
                 person.qualifying.privately_fostered_or_accommodated_until)
      .ranges("education_or_training", "Education or training", "education or training dates",
              person.education_or_training, limits::education_ranges, Checker::When::any);

  check.id("allocated_pa_id", "Allocated PA", person.allocated_pa_id, Need::optional)
      .id("team_id", "Team", person.team_id, Need::optional)
      .require(known(person.case_status), "case_status", "Case status is not one of the listed values.")
      .require(person.case_status != CaseStatus::closed || person.case_closed_on.has_value(), "case_closed_on",
               "A closed case needs the date it was closed.")
      .past_date("case_closed_on", "Case closed date", person.case_closed_on)
      .require(known(person.contact_frequency), "contact_frequency",
               "Contact frequency is not one of the listed values.")
      .count("in_touch_records", "in-touch records", person.in_touch_records.size(),
             static_cast<size_t>(last_in_touch_age - first_in_touch_age + 1));
  std::set<int> ages;
  for (size_t i = 0; i < person.in_touch_records.size(); ++i) {
    const InTouchRecord& record = person.in_touch_records[i];
    const std::string field = indexed("in_touch_records", i);
    check
        .require(record.age >= first_in_touch_age && record.age <= last_in_touch_age, field + ".age",
                 "In-touch records are for the birthdays from 17 to 21.")
        .require(ages.insert(record.age).second, field + ".age",
                 "There are two in-touch records for the " + std::to_string(record.age) + "th birthday.")
        .require(known(record.code), field + ".code", "In-touch code is not one of the SSDA903 codes.")
        .text(field + ".note", "In-touch note", record.note, limits::short_text, Need::optional, Lines::multi);
  }
  return check.done();
}

Status validate(const Contact& contact, Date today) {
  Checker check(today);
  check.id("id", "Id", contact.id)
      .id("young_person_id", "Young person", contact.young_person_id)
      .id("staff_id", "Staff member", contact.staff_id)
      .past_date("occurred_at", "The contact", uk_date_of(contact.occurred_at))
      .require(known(contact.type), "type", "Contact type is not one of the listed values.")
      .require(known(contact.outcome), "outcome", "Outcome is not one of the listed values.")
      .require(known(contact.not_seen_reason), "not_seen_reason", "Reason not seen is not one of the listed values.")
      .require(contact.outcome != ContactOutcome::not_seen || contact.not_seen_reason != NotSeenReason::none,
               "not_seen_reason", "Say why the young person was not seen.")
      .require(contact.outcome == ContactOutcome::not_seen || contact.not_seen_reason == NotSeenReason::none,
               "not_seen_reason", "A reason for not being seen is set, but the young person was seen.")
      .text("present", "Who was present", contact.present, limits::short_text, Need::optional, Lines::multi)
      .text("young_persons_words", "The young person's words", contact.young_persons_words, limits::long_text,
            Need::optional, Lines::multi)
      .text("pa_notes", "PA notes", contact.pa_notes, limits::long_text, Need::optional, Lines::multi)
      .count("follow_ups", "follow-up actions", contact.follow_ups.size(), limits::follow_ups);
  for (size_t i = 0; i < contact.follow_ups.size(); ++i) {
    const std::string field = indexed("follow_ups", i);
    check
        .text(field + ".text", "A follow-up action", contact.follow_ups[i].text, limits::short_text, Need::required,
              Lines::multi)
        .date(field + ".due", "A follow-up action's due date", contact.follow_ups[i].due)
        .text(field + ".owner", "Who does a follow-up action", contact.follow_ups[i].owner, limits::name,
              Need::optional, Lines::single);
  }
  check.id("supersedes", "Superseded contact", contact.supersedes, Need::optional)
      .require(contact.supersedes != contact.id, "supersedes", "A contact cannot correct itself.")
      .text("correction_reason", "Reason for the correction", contact.correction_reason, limits::short_text,
            contact.supersedes.empty() ? Need::optional : Need::required, Lines::multi)
      .require(!contact.withdrawn || !contact.supersedes.empty(), "withdrawn",
               "Only a correction can withdraw a contact recorded in error.");
  return check.done();
}

Status validate(const PathwayPlan& plan, Date today) {
  Checker check(today);
  check.id("id", "Id", plan.id)
      .id("young_person_id", "Young person", plan.young_person_id)
      .id("previous_plan_id", "Previous plan", plan.previous_plan_id, Need::optional)
      .require(plan.previous_plan_id != plan.id, "previous_plan_id", "A plan cannot follow itself.")
      .id("author_id", "Author", plan.author_id)
      .id("team_id", "Team", plan.team_id)
      .require(known(plan.status), "status", "Plan status is not one of the listed values.")
      .past_date("needs_assessment.completed_on", "The needs assessment", plan.needs_assessment.completed_on)
      .id("needs_assessment.completed_by", "Needs assessment author", plan.needs_assessment.completed_by,
          Need::optional)
      .text("needs_assessment.summary", "Needs assessment summary", plan.needs_assessment.summary, limits::long_text,
            Need::optional, Lines::multi)
      .text("young_persons_overall_views", "The young person's views", plan.young_persons_overall_views,
            limits::long_text, Need::optional, Lines::multi);
  for (size_t i = 0; i < plan.sections.size(); ++i) {
    const PlanSectionContent& section = plan.sections[i];
    const std::string field = indexed("sections", i);
    const std::string label(label_of(section.section));
    check.require(static_cast<size_t>(section.section) == i, field + ".section", "Plan sections are out of order.")
        .text(field + ".assessed_needs", label + ": assessed needs", section.assessed_needs, limits::long_text,
              Need::optional, Lines::multi)
        .text(field + ".young_persons_views", label + ": the young person's views", section.young_persons_views,
              limits::long_text, Need::optional, Lines::multi)
        .count(field + ".objectives", "objectives in " + label, section.objectives.size(),
               limits::objectives_per_section);
    for (size_t j = 0; j < section.objectives.size(); ++j) {
      const Objective& o = section.objectives[j];
      const std::string at = field + indexed(".objectives", j);
      check.text(at + ".what", label + ": what", o.what, limits::short_text, Need::optional, Lines::multi)
          .text(at + ".how", label + ": how", o.how, limits::short_text, Need::optional, Lines::multi)
          .text(at + ".who", label + ": who", o.who, limits::short_text, Need::optional, Lines::multi)
          .date(at + ".by_when", label + ": by when", o.by_when)
          .require(known(o.status), at + ".status", "Objective status is not one of the listed values.");
    }
  }
  const bool authorised = plan.status == PlanStatus::authorised;
  const bool returned = plan.status == PlanStatus::returned;
  check.past_date("created_on", "The plan's creation", plan.created_on)
      .past_date("submitted_on", "Submission", plan.submitted_on)
      .require(plan.status == PlanStatus::draft || plan.submitted_on.has_value(), "submitted_on",
               "A plan past draft needs the date it was submitted.")
      .past_date("authorised_on", "Authorisation", plan.authorised_on)
      .require(!authorised || (plan.authorised_on && !plan.authorised_by.empty()), "authorised_by",
               "An authorised plan needs who authorised it and when.")
      .id("authorised_by", "Authorised by", plan.authorised_by, Need::optional)
      .require(plan.authorised_by.empty() || plan.authorised_by != plan.author_id, "authorised_by",
               "A plan cannot be authorised by its author.")
      .past_date("returned_on", "Return", plan.returned_on)
      .id("returned_by", "Returned by", plan.returned_by, Need::optional)
      .text("return_comments", "Comments on return", plan.return_comments, limits::long_text,
            returned ? Need::required : Need::optional, Lines::multi)
      .date("early_review_requested_for", "Early review date", plan.early_review_requested_for)
      .text("early_review_reason", "Reason for an early review", plan.early_review_reason, limits::short_text,
            plan.early_review_requested_for ? Need::required : Need::optional, Lines::multi);
  return check.done();
}

namespace {

template <class Spell>
Checker& check_spell(Checker& check, const Spell& spell) {
  return check.id("id", "Id", spell.id)
      .id("young_person_id", "Young person", spell.young_person_id)
      .past_date("start", "The start", spell.start)
      .date("end", "The end", spell.end)
      .range("end", "This spell", spell.start, spell.end)
      .require(known(spell.code), "code", "The code is not one of the SSDA903 codes.")
      .text("detail", "Detail", spell.detail, limits::short_text, Need::optional, Lines::multi);
}

}  // namespace

Status validate(const ActivitySpell& spell, Date today) {
  Checker check(today);
  return check_spell(check, spell).done();
}

Status validate(const AccommodationSpell& spell, Date today) {
  Checker check(today);
  return check_spell(check, spell)
      .require(known(spell.suitability), "suitability", "Suitability is not one of the listed values.")
      .done();
}

Status validate(const RiskAssessment& assessment, Date today) {
  Checker check(today);
  check.id("id", "Id", assessment.id)
      .id("young_person_id", "Young person", assessment.young_person_id)
      .id("assessed_by", "Assessed by", assessment.assessed_by)
      .past_date("assessed_on", "The assessment", assessment.assessed_on)
      .date("review_due", "The review date", assessment.review_due)
      .require(assessment.review_due > assessment.assessed_on, "review_due",
               "The review must be due after the assessment date.")
      .require(known(assessment.level), "level", "Risk level is not one of the listed values.")
      .count("factors", "risk factors", assessment.factors.size(), limits::risk_factors)
      .text("summary", "Summary", assessment.summary, limits::long_text, Need::required, Lines::multi);
  std::set<RiskFactor> seen;
  for (size_t i = 0; i < assessment.factors.size(); ++i)
    check.require(known(assessment.factors[i]), indexed("factors", i), "A risk factor is not one of the listed values.")
        .require(seen.insert(assessment.factors[i]).second, indexed("factors", i), "A risk factor is listed twice.");
  return check.done();
}

Status validate(const Staff& staff, Date today) {
  Checker check(today);
  return check.id("id", "Id", staff.id)
      .text("name", "Name", staff.name, limits::name, Need::required)
      .require(known(staff.role), "role", "Role is not one of the listed values.")
      .id("team_id", "Team", staff.team_id, Need::optional)
      .require(staff.role != StaffRole::personal_adviser || !staff.team_id.empty(), "team_id",
               "A Personal Adviser must belong to a team.")
      .done();
}

Status validate(const Team& team, Date today) {
  Checker check(today);
  return check.id("id", "Id", team.id)
      .text("name", "Team name", team.name, limits::name, Need::required)
      .id("manager_id", "Team manager", team.manager_id, Need::optional)
      .done();
}

Status validate(const DutyManagerEntry& entry, Date today) {
  Checker check(today);
  return check.id("id", "Id", entry.id)
      .id("staff_id", "Duty manager", entry.staff_id)
      .id("team_id", "Team", entry.team_id, Need::optional)
      .date("from", "The first day on duty", entry.from)
      .date("to", "The last day on duty", entry.to)
      .range("to", "The duty period", entry.from, entry.to)
      .done();
}

std::vector<Warning> care_history_warnings(const YoungPerson& person, Date today) {
  std::vector<Warning> warnings;
  for (size_t i = 0; i < person.care_periods.size(); ++i) {
    const CarePeriod& period = person.care_periods[i];
    if (period.basis != LegalBasis::short_breaks_episodes) continue;
    const int days = days_between(period.start, period.ceased.value_or(today.plus_days(1)));
    if (days <= short_break_limit_days) continue;
    warnings.push_back({indexed("care_periods", i),
                        "A short break (V3) of " + count_phrase(days, "day") + " from " + period.start.iso() +
                            ": a short break lasts at most four weeks, so these days count toward the 13 weeks. "
                            "Check its legal status."});
  }
  return warnings;
}

}  // namespace pathway::core
