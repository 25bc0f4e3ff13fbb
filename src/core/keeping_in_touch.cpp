// Keeping in touch: contact versions, due dates and the 903 in-touch
// judgement (see keeping_in_touch.h for the sources).
#include "core/keeping_in_touch.h"

#include <algorithm>
#include <cstring>

#include "core/category.h"

namespace pathway::core {

int contact_interval_days(ContactFrequency frequency) {
  int days = statutory_contact_floor_days;
  switch (frequency) {
    case ContactFrequency::weekly: days = 7; break;
    case ContactFrequency::fortnightly: days = 14; break;
    case ContactFrequency::every_3_weeks: days = 21; break;
    case ContactFrequency::every_4_weeks: days = 28; break;
    case ContactFrequency::every_6_weeks: days = 42; break;
    case ContactFrequency::every_8_weeks: days = 56; break;
  }
  return std::min(days, statutory_contact_floor_days);
}

// A hash of the last 16 bytes of an id (the random part of a UUID, and the
// changing part of a sequential id), read as two 64-bit words and mixed as
// splitmix64 does: a few multiplies instead of one per byte, which shows when
// every contact's id is hashed (compute_figures). In memory only, never stored.
uint32_t SupersededContacts::id_hash(std::string_view id) {
  const size_t n = std::min<size_t>(id.size(), 16);
  char tail[16] = {};
  if (n == 16)
    std::memcpy(tail, id.data() + id.size() - 16, 16);  // a fixed-size copy: two loads
  else
    std::memcpy(tail, id.data(), n);
  uint64_t low, high;
  std::memcpy(&low, tail, 8);
  std::memcpy(&high, tail + 8, 8);
  uint64_t h = (low ^ (high * 0x9E3779B97F4A7C15ull) ^ n) * 0xBF58476D1CE4E5B9ull;
  h = (h ^ (h >> 27)) * 0x94D049BB133111EBull;
  h ^= h >> 31;
  return static_cast<uint32_t>(h ^ (h >> 32));
}

SupersededContacts::SupersededContacts(std::span<const Contact> contacts) {
  for (const Contact& c : contacts)
    if (!c.supersedes.empty()) add(c.supersedes);
}

void SupersededContacts::add(std::string_view superseded_id) {
  if (!ids_.insert(superseded_id).second) return;
  // Keep about 32 bits per id (3% of other ids get past the bitmap): grow
  // by doubling and set the bits again, as a vector grows.
  if (ids_.size() * 32 > bitmap_.size() * 64) {
    bitmap_.assign(bitmap_.size() * 2, 0);
    mask_ = static_cast<uint32_t>(bitmap_.size() * 64 - 1);
    for (std::string_view id : ids_) set_bit(id);
  } else {
    set_bit(superseded_id);
  }
}

void SupersededContacts::set_bit(std::string_view id) {
  const uint32_t bit = id_hash(id) & mask_;
  bitmap_[bit >> 6] |= uint64_t{1} << (bit & 63);
}

std::vector<const Contact*> current_versions(std::span<const Contact> contacts) {
  const SupersededContacts superseded(contacts);
  std::vector<const Contact*> current;
  current.reserve(contacts.size());
  for (const Contact& c : contacts)
    if (!superseded.contains(c.id)) current.push_back(&c);
  return current;
}

bool counts_as_contact(const Contact& contact) {
  return !contact.withdrawn && contact.outcome != ContactOutcome::not_seen;
}

std::vector<OverdueFollowUp> overdue_follow_ups(std::span<const Contact> contacts, Date today) {
  std::vector<OverdueFollowUp> overdue;
  for (const Contact* c : current_versions(contacts)) {
    if (c->withdrawn) continue;
    for (size_t i = 0; i < c->follow_ups.size(); ++i) {
      const FollowUpAction& action = c->follow_ups[i];
      if (!action.done && action.due && *action.due < today) overdue.push_back({c, i, *action.due});
    }
  }
  std::stable_sort(overdue.begin(), overdue.end(),
                   [](const OverdueFollowUp& a, const OverdueFollowUp& b) { return a.due < b.due; });
  return overdue;
}

ContactDue contact_due_after(std::optional<Date> last_contact, ContactFrequency frequency, Date today) {
  if (!last_contact) return {std::nullopt, std::nullopt, true, 0};
  const Date due = last_contact->plus_days(contact_interval_days(frequency));
  const int late = days_between(due, today);
  return {last_contact, due, late > 0, std::max(late, 0)};
}

ContactDue next_contact_due(const YoungPerson& person, std::span<const Contact> contacts, Date today) {
  std::optional<Date> last;
  for (const Contact* c : current_versions(contacts)) {
    if (c->young_person_id != person.id || !counts_as_contact(*c)) continue;
    const Date day = uk_date_of(c->occurred_at);
    if (day <= today && (!last || day > *last)) last = day;
  }
  return contact_due_after(last, person.contact_frequency, today);
}

InTouchWindow in_touch_window(const YoungPerson& person, int age) {
  const Date day = birthday(person, age);
  return {day.plus_months(-3), day.plus_months(1)};
}

InTouchJudgement judge_in_touch(const YoungPerson& person, int age, bool contact_in_window, Date today) {
  InTouchJudgement judgement{age, InTouchCode::no, false, false, in_touch_window(person, age)};
  for (const InTouchRecord& record : person.in_touch_records) {
    if (record.age != age) continue;
    judgement.code = record.code;
    judgement.recorded = judgement.final = true;
    return judgement;
  }
  if (person.date_of_death && *person.date_of_death <= judgement.window.to && *person.date_of_death <= today) {
    judgement.code = InTouchCode::died;
    judgement.final = true;
    return judgement;
  }
  judgement.code = contact_in_window ? InTouchCode::yes : InTouchCode::no;
  judgement.final = contact_in_window || today > judgement.window.to;
  return judgement;
}

InTouchJudgement in_touch_judgement(const YoungPerson& person, std::span<const Contact> contacts, int age, Date today) {
  const InTouchWindow window = in_touch_window(person, age);
  bool found = false;
  for (const Contact* c : current_versions(contacts)) {
    if (c->young_person_id != person.id || !counts_as_contact(*c)) continue;
    const Date day = uk_date_of(c->occurred_at);
    if (day >= window.from && day <= window.to && day <= today) found = true;
  }
  return judge_in_touch(person, age, found, today);
}

}  // namespace pathway::core
