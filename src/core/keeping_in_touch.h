// Contacts and keeping in touch: the current version of each (append-only)
// contact, when the next contact is due for a young person, and the DfE "in
// touch" judgement for the SSDA903 return around each birthday from 17 to 21.
//
// Sources: frequency is needs-led and set by the PA (Kirklees report 7.2 and
// 7.5; Nottinghamshire 2013). The floor of 8 weeks is the longest interval
// the Care Leavers (England) Regulations 2010 allow between a PA's visits to
// a relevant child; we apply it to every care leaver with a PA, so no setting
// can be less frequent. The in-touch window (3 months before to 1 month after
// the birthday) and the codes YES/NO/DIED/REFU/NREQ/RHOM are from the DfE
// SSDA903 guidance for care leavers.
#pragma once

#include <optional>
#include <cstdint>
#include <span>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/date.h"
#include "core/model.h"

namespace pathway::core {

inline constexpr int statutory_contact_floor_days = 8 * 7;

// Days between planned contacts for a frequency, never above the floor.
int contact_interval_days(ContactFrequency frequency);

// The ids of contacts that a later version supersedes. A bitmap in front of
// the set makes the common case (a contact nobody corrected) one bit test on
// a hash of its id, which matters when scanning every contact.
class SupersededContacts {
 public:
  SupersededContacts() = default;
  explicit SupersededContacts(std::span<const Contact> contacts);  // every id they supersede
  void add(std::string_view superseded_id);

  static uint32_t id_hash(std::string_view contact_id);
  // False means certainly not superseded; true means ask contains().
  bool may_contain(uint32_t hash) const {
    const uint32_t bit = hash & mask_;
    return !ids_.empty() && ((bitmap_[bit >> 6] >> (bit & 63)) & 1) != 0;
  }
  bool contains(std::string_view contact_id) const {
    return may_contain(id_hash(contact_id)) && ids_.contains(contact_id);
  }

 private:
  void set_bit(std::string_view id);
  std::unordered_set<std::string_view> ids_;
  std::vector<uint64_t> bitmap_ = std::vector<uint64_t>(1);
  uint32_t mask_ = 63;
};

// The newest version of every contact chain (corrections replace what they
// supersede), in input order. Withdrawn versions are included: they are the
// current word on that contact, which counts_as_contact() then ignores.
std::vector<const Contact*> current_versions(std::span<const Contact> contacts);

// A contact that keeps the young person in touch: not withdrawn, and the
// young person was seen or spoken to (seen, seen alone). "Not seen" visits,
// including those seen by a social worker instead, do not count (Kirklees
// 7.3 counts those as not in touch with the service).
bool counts_as_contact(const Contact& contact);

// A follow-up action from a contact that is not done and past its due date.
struct OverdueFollowUp {
  const Contact* contact;
  size_t index;  // into contact->follow_ups
  Date due;
};
// From current, not withdrawn versions only (a correction's actions replace
// the original's), oldest due first. For a PA's list of things to chase.
std::vector<OverdueFollowUp> overdue_follow_ups(std::span<const Contact> contacts, Date today);

struct ContactDue {
  std::optional<Date> last_contact;  // last counted contact on or before today
  std::optional<Date> due;           // none: never contacted, due now
  bool overdue = false;              // today is past `due`, or never contacted
  int days_overdue = 0;
};

// The rule behind next_contact_due, for callers that found the last contact themselves.
ContactDue contact_due_after(std::optional<Date> last_contact, ContactFrequency frequency, Date today);

// `contacts` may hold anyone's contacts (only the person's are used) and
// old versions (only current ones are used).
ContactDue next_contact_due(const YoungPerson& person, std::span<const Contact> contacts, Date today);

struct InTouchWindow {
  Date from;  // 3 months before the birthday
  Date to;    // 1 month after the birthday
};
inline constexpr int first_in_touch_age = 17;
inline constexpr int last_in_touch_age = 21;
InTouchWindow in_touch_window(const YoungPerson& person, int age);

struct InTouchJudgement {
  int age = 0;
  InTouchCode code = InTouchCode::no;
  bool recorded = false;  // the PA recorded the code (REFU, NREQ, RHOM, or a YES/NO override)
  bool final = false;     // the window has closed (or the code was recorded)
  InTouchWindow window;
};

// The judgement for one birthday from `contact_in_window` (a counted contact
// dated inside the window, on or before today): shared by
// in_touch_judgement and the figures.
InTouchJudgement judge_in_touch(const YoungPerson& person, int age, bool contact_in_window, Date today);
InTouchJudgement in_touch_judgement(const YoungPerson& person, std::span<const Contact> contacts, int age, Date today);

}  // namespace pathway::core
