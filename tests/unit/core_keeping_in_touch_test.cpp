// Keeping in touch: contact versions, next contact due and overdue for every
// frequency, and the DfE 903 "in touch" windows around birthdays.
#include <doctest/doctest.h>

#include <vector>

#include "core/keeping_in_touch.h"
#include "core_fixtures.h"

using namespace pathway;
using namespace pathway::core;
using namespace pathway::core::testing;

TEST_CASE("core: contact interval per frequency, never beyond the 8-week floor") {
  struct Row { ContactFrequency frequency; int days; };
  // Needs-led frequencies (Kirklees 7.5); floor 8 weeks (Care Leavers (England) Regulations 2010).
  const Row rows[] = {
      {ContactFrequency::weekly, 7},         {ContactFrequency::fortnightly, 14},
      {ContactFrequency::every_3_weeks, 21}, {ContactFrequency::every_4_weeks, 28},
      {ContactFrequency::every_6_weeks, 42}, {ContactFrequency::every_8_weeks, 56},
  };
  for (const Row& row : rows) {
    CAPTURE(code_of(row.frequency));
    CHECK(contact_interval_days(row.frequency) == row.days);
    CHECK(contact_interval_days(row.frequency) <= statutory_contact_floor_days);
  }
  CHECK(std::size(rows) == all_of<ContactFrequency>().size());  // every frequency has a row
}

TEST_CASE("core: next contact due and overdue, each frequency, on the boundary") {
  // Last seen 2024-01-10. Due = last + interval; overdue from the day after.
  struct Row { ContactFrequency frequency; const char* today; const char* due; bool overdue; int days_overdue; };
  const Row rows[] = {
      {ContactFrequency::weekly, "2024-01-17", "2024-01-17", false, 0},
      {ContactFrequency::weekly, "2024-01-18", "2024-01-17", true, 1},
      {ContactFrequency::fortnightly, "2024-01-24", "2024-01-24", false, 0},
      {ContactFrequency::fortnightly, "2024-01-25", "2024-01-24", true, 1},
      {ContactFrequency::every_3_weeks, "2024-01-31", "2024-01-31", false, 0},
      {ContactFrequency::every_3_weeks, "2024-02-01", "2024-01-31", true, 1},
      {ContactFrequency::every_4_weeks, "2024-02-07", "2024-02-07", false, 0},
      {ContactFrequency::every_4_weeks, "2024-02-08", "2024-02-07", true, 1},
      {ContactFrequency::every_6_weeks, "2024-02-21", "2024-02-21", false, 0},
      {ContactFrequency::every_6_weeks, "2024-02-22", "2024-02-21", true, 1},
      {ContactFrequency::every_8_weeks, "2024-03-06", "2024-03-06", false, 0},
      {ContactFrequency::every_8_weeks, "2024-03-16", "2024-03-06", true, 10},
  };
  YoungPerson p = person("2004-06-15");
  const std::vector<Contact> contacts = {contact("c1", "yp-1", "2023-12-01"), contact("c2", "yp-1", "2024-01-10")};
  for (const Row& row : rows) {
    CAPTURE(code_of(row.frequency));
    CAPTURE(row.today);
    p.contact_frequency = row.frequency;
    const ContactDue due = next_contact_due(p, contacts, d(row.today));
    CHECK(due.last_contact == d("2024-01-10"));
    CHECK(due.due == d(row.due));
    CHECK(due.overdue == row.overdue);
    CHECK(due.days_overdue == row.days_overdue);
  }
}

TEST_CASE("core: which contacts reset the due date") {
  YoungPerson p = person("2004-06-15");
  p.contact_frequency = ContactFrequency::every_4_weeks;
  const Date today = d("2024-03-01");
  struct Row { const char* name; std::vector<Contact> contacts; const char* last; };
  Contact not_seen = contact("c2", "yp-1", "2024-02-20", ContactOutcome::not_seen);
  Contact by_social_worker = contact("c2", "yp-1", "2024-02-20", ContactOutcome::not_seen);
  by_social_worker.not_seen_reason = NotSeenReason::seen_by_social_worker;
  Contact alone = contact("c2", "yp-1", "2024-02-20", ContactOutcome::seen_alone);
  alone.type = ContactType::phone;
  Contact moved = contact("c3", "yp-1", "2024-02-05");  // corrects c2's date
  moved.supersedes = "c2";
  moved.correction_reason = "Wrong day entered";
  Contact withdrawn = contact("c3", "yp-1", "2024-02-20");
  withdrawn.supersedes = "c2";
  withdrawn.correction_reason = "Recorded on the wrong young person";
  withdrawn.withdrawn = true;
  const Row rows[] = {
      {"no contacts: never contacted", {}, nullptr},
      {"seen", {contact("c1", "yp-1", "2024-01-15"), contact("c2", "yp-1", "2024-02-20")}, "2024-02-20"},
      {"seen alone by phone counts", {contact("c1", "yp-1", "2024-01-15"), alone}, "2024-02-20"},
      {"not seen does not count", {contact("c1", "yp-1", "2024-01-15"), not_seen}, "2024-01-15"},
      // Kirklees 7.3 counts these as not seen by the service.
      {"seen by social worker instead does not count", {contact("c1", "yp-1", "2024-01-15"), by_social_worker},
       "2024-01-15"},
      {"another young person's contact is ignored", {contact("c1", "yp-1", "2024-01-15"), contact("c2", "yp-2", "2024-02-20")},
       "2024-01-15"},
      {"a contact dated after today is ignored", {contact("c1", "yp-1", "2024-01-15"), contact("c2", "yp-1", "2024-03-02")},
       "2024-01-15"},
      {"a correction replaces the date", {contact("c1", "yp-1", "2024-01-15"), contact("c2", "yp-1", "2024-02-20"), moved},
       "2024-02-05"},
      {"a withdrawn correction removes the contact",
       {contact("c1", "yp-1", "2024-01-15"), contact("c2", "yp-1", "2024-02-20"), withdrawn}, "2024-01-15"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    const ContactDue due = next_contact_due(p, row.contacts, today);
    CHECK(due.last_contact == maybe(row.last));
    if (!row.last) {
      CHECK(due.overdue);
      CHECK_FALSE(due.due.has_value());
    }
  }
}

TEST_CASE("core: a contact counts on its day in England, not its UTC day") {
  YoungPerson p = person("2004-06-15");
  p.contact_frequency = ContactFrequency::every_4_weeks;
  struct Row { const char* occurred_utc; const char* today; const char* last; const char* why; };
  const Row rows[] = {
      {"2024-07-01T23:30:00Z", "2024-07-02", "2024-07-02", "00:30 BST is the next day"},
      {"2024-07-01T22:30:00Z", "2024-07-01", "2024-07-01", "23:30 BST is the same day"},
      {"2024-07-01T23:30:00Z", "2024-07-01", nullptr, "00:30 BST tomorrow has not happened yet today"},
      {"2024-01-15T23:30:00Z", "2024-01-15", "2024-01-15", "23:30 GMT in winter is the UTC day"},
      {"2024-10-26T23:30:00Z", "2024-10-27", "2024-10-27", "the autumn change night: still BST"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.why);
    Contact c = contact("c1", "yp-1", "2024-01-01");
    c.occurred_at = c.recorded_at = *Instant::parse(row.occurred_utc);
    const std::vector<Contact> contacts{c};
    CHECK(next_contact_due(p, contacts, d(row.today)).last_contact == maybe(row.last));
  }
}

TEST_CASE("core: current versions of contact chains") {
  Contact a = contact("a", "yp-1", "2024-01-01");
  Contact b = contact("b", "yp-1", "2024-01-02");
  b.supersedes = "a";
  Contact c = contact("c", "yp-1", "2024-01-03");
  c.supersedes = "b";
  Contact other = contact("x", "yp-1", "2024-01-05");
  const std::vector<Contact> all = {c, a, other, b};  // any order
  const std::vector<const Contact*> current = current_versions(all);
  REQUIRE(current.size() == 2);
  CHECK(current[0]->id == "c");
  CHECK(current[1]->id == "x");
}

TEST_CASE("core: 903 in-touch window, 3 months before to 1 month after the birthday") {
  // DfE SSDA903 guidance. Born 2004-06-15: 19th birthday 2023-06-15, window 2023-03-15..2023-07-15.
  struct Row { const char* name; const char* contact_on; ContactOutcome outcome; const char* today; InTouchCode code; bool final; };
  const Row rows[] = {
      {"first day of the window", "2023-03-15", ContactOutcome::seen, "2023-08-01", InTouchCode::yes, true},
      {"day before the window", "2023-03-14", ContactOutcome::seen, "2023-08-01", InTouchCode::no, true},
      {"last day of the window", "2023-07-15", ContactOutcome::seen, "2023-08-01", InTouchCode::yes, true},
      {"day after the window", "2023-07-16", ContactOutcome::seen, "2023-08-01", InTouchCode::no, true},
      {"not seen in the window", "2023-06-01", ContactOutcome::not_seen, "2023-08-01", InTouchCode::no, true},
      {"window still open, no contact yet", "2023-03-01", ContactOutcome::seen, "2023-06-20", InTouchCode::no, false},
      {"window open, contact already made", "2023-06-01", ContactOutcome::seen, "2023-06-20", InTouchCode::yes, true},
      {"contact later than today does not count yet", "2023-07-01", ContactOutcome::seen, "2023-06-20",
       InTouchCode::no, false},
  };
  const YoungPerson p = person("2004-06-15");
  const InTouchWindow window = in_touch_window(p, 19);
  CHECK(window.from == d("2023-03-15"));
  CHECK(window.to == d("2023-07-15"));
  for (const Row& row : rows) {
    CAPTURE(row.name);
    const std::vector<Contact> contacts = {contact("c1", "yp-1", row.contact_on, row.outcome)};
    const InTouchJudgement j = in_touch_judgement(p, contacts, 19, d(row.today));
    CHECK(code_of(j.code) == code_of(row.code));
    CHECK(j.final == row.final);
    CHECK_FALSE(j.recorded);
  }
}

TEST_CASE("core: 903 in-touch codes the PA records, and DIED") {
  YoungPerson p = person("2004-06-15");
  const std::vector<Contact> none;
  // REFU / NREQ / RHOM only come from the PA's record (DfE SSDA903 codes).
  p.in_touch_records = {{20, InTouchCode::refuses, "Asked not to be contacted"},
                        {21, InTouchCode::no_longer_requires, ""}};
  InTouchJudgement j = in_touch_judgement(p, none, 20, d("2025-01-01"));
  CHECK(j.code == InTouchCode::refuses);
  CHECK(j.recorded);
  CHECK(j.final);
  CHECK(in_touch_judgement(p, none, 21, d("2026-01-01")).code == InTouchCode::no_longer_requires);
  CHECK(in_touch_judgement(p, none, 19, d("2024-01-01")).code == InTouchCode::no);
  // Died before the 19th birthday's window closed.
  p.date_of_death = d("2023-05-01");
  j = in_touch_judgement(p, none, 19, d("2023-08-01"));
  CHECK(j.code == InTouchCode::died);
  CHECK(j.final);
  // 29 February: the 19th birthday is 2023-02-28, window 2022-11-28..2023-03-28.
  const YoungPerson leap = person("2004-02-29");
  CHECK(in_touch_window(leap, 19).from == d("2022-11-28"));
  CHECK(in_touch_window(leap, 19).to == d("2023-03-28"));
  CHECK(in_touch_window(leap, 20).from == d("2023-11-29"));  // 2024 is a leap year
}

TEST_CASE("core: superseded contact ids, many of them") {
  // Enough ids to make the bitmap grow several times; every one is found,
  // and ids never added are not (whatever the bitmap says).
  std::vector<Contact> contacts;
  for (int i = 0; i < 5000; ++i) {
    Contact c = contact("fix-" + std::to_string(i), "yp-1", "2024-01-01");
    c.supersedes = "contact-" + std::to_string(i * 2);
    c.correction_reason = "typo";
    contacts.push_back(std::move(c));
  }
  const SupersededContacts superseded(contacts);
  int found = 0, wrongly = 0, past_bitmap = 0;
  for (int i = 0; i < 10000; ++i) {
    const std::string id = "contact-" + std::to_string(i);
    if (i % 2 == 0) found += superseded.contains(id);
    else wrongly += superseded.contains(id);
    if (i % 2 == 1) past_bitmap += superseded.may_contain(SupersededContacts::id_hash(id));
  }
  CHECK(found == 5000);
  CHECK(wrongly == 0);
  CHECK(past_bitmap < 5000 / 10);  // the bitmap turns most away without the set
  CHECK_FALSE(SupersededContacts().contains("contact-0"));
}

TEST_CASE("core: overdue follow-up actions") {
  Contact a = contact("a", "yp-1", "2024-01-01");
  a.follow_ups = {{"Chase bursary form", d("2024-01-20"), false},   // overdue
                  {"Book GP appointment", d("2024-01-05"), true},   // done
                  {"Ring housing", d("2024-02-01"), false},         // due today: not yet overdue
                  {"Ask about college", std::nullopt, false}};      // no due date
  Contact b = contact("b", "yp-1", "2024-01-10");
  b.follow_ups = {{"Old version's action", d("2024-01-11"), false}};
  Contact b2 = contact("b2", "yp-1", "2024-01-10");  // corrects b: its actions replace b's
  b2.supersedes = "b";
  b2.correction_reason = "Actions corrected";
  b2.follow_ups = {{"Send leaflet", d("2024-01-15"), false}};
  Contact w = contact("w", "yp-1", "2024-01-12");
  w.follow_ups = {{"Withdrawn action", d("2024-01-13"), false}};
  Contact w2 = contact("w2", "yp-1", "2024-01-12");
  w2.supersedes = "w";
  w2.correction_reason = "Wrong person";
  w2.withdrawn = true;
  w2.follow_ups = w.follow_ups;
  const std::vector<Contact> contacts = {a, b, b2, w, w2};
  const std::vector<OverdueFollowUp> overdue = overdue_follow_ups(contacts, d("2024-02-01"));
  REQUIRE(overdue.size() == 2);
  CHECK(overdue[0].contact->follow_ups[overdue[0].index].text == "Send leaflet");  // oldest due first
  CHECK(overdue[0].due == d("2024-01-15"));
  CHECK(overdue[1].contact->follow_ups[overdue[1].index].text == "Chase bursary form");
}
