// The caseload's filters as a table: each row a filter, the cards it shows
// (by name, in order). Categories and flags as the Children Act 1989 and the
// caseload card name them (core::Category; UASC, parent, custody, SEND).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "app/screens/caseload_filter.h"

using namespace pathway;
using namespace pathway::app;
using core::Category;

namespace {

store::CaseloadRow card(std::string name, int age, Category category, core::PersonFlags flags, bool overdue) {
  store::CaseloadRow row;
  row.young_person_id = name;
  row.display_name = std::move(name);
  row.age = age;
  row.category.category = category;
  row.flags = flags;
  row.contact.overdue = overdue;
  return row;
}

// In the store's order (due first).
const std::vector<store::CaseloadRow> caseload = {
    card("Zara Example", 19, Category::former_relevant, {.uasc = true}, true),
    card("Amir Sample", 17, Category::relevant, {.uasc = true, .in_custody = true}, true),
    card("Bea Demo", 22, Category::former_relevant_may_ask, {.parent = true}, false),
    card("Cal Pretend", 18, Category::qualifying, {}, false),
    card("Dee Fictional", 20, Category::former_relevant, {.send = true}, false),
};

std::vector<std::string> names(const CaseloadFilter& filter) {
  std::vector<std::string> shown;
  for (const store::CaseloadRow* row : rows_matching(caseload, filter)) shown.push_back(row->display_name);
  return shown;
}

CaseloadFilter with(std::initializer_list<Category> categories, std::initializer_list<PersonFlag> flags) {
  CaseloadFilter filter;
  for (Category c : categories) filter.toggle(c);
  for (PersonFlag f : flags) filter.toggle(f);
  return filter;
}

}  // namespace

TEST_CASE("caseload filters: any chosen category, any chosen flag, and every kind of filter at once") {
  struct Case {
    const char* what;
    CaseloadFilter filter;
    std::vector<std::string> expected;
  };
  CaseloadFilter overdue_uasc = with({}, {PersonFlag::uasc});
  overdue_uasc.overdue_only = true;
  CaseloadFilter searched = with({Category::former_relevant}, {});
  searched.search = "  dee ";
  CaseloadFilter by_name = with({Category::former_relevant, Category::relevant}, {});
  by_name.sort = SortBy::name;
  CaseloadFilter by_age = with({}, {PersonFlag::uasc, PersonFlag::parent});
  by_age.sort = SortBy::age;
  const Case cases[] = {
      {"nothing chosen: everyone, due first", {}, {"Zara Example", "Amir Sample", "Bea Demo", "Cal Pretend", "Dee Fictional"}},
      {"one category", with({Category::former_relevant}, {}), {"Zara Example", "Dee Fictional"}},
      {"two categories: either", with({Category::relevant, Category::qualifying}, {}), {"Amir Sample", "Cal Pretend"}},
      {"s23CZB 21-25", with({Category::former_relevant_may_ask}, {}), {"Bea Demo"}},
      {"a category nobody is in", with({Category::eligible}, {}), {}},
      {"one flag", with({}, {PersonFlag::uasc}), {"Zara Example", "Amir Sample"}},
      {"two flags: either", with({}, {PersonFlag::parent, PersonFlag::send}), {"Bea Demo", "Dee Fictional"}},
      {"custody", with({}, {PersonFlag::custody}), {"Amir Sample"}},
      {"a category and a flag: both", with({Category::former_relevant}, {PersonFlag::uasc}), {"Zara Example"}},
      {"a flag and overdue only", overdue_uasc, {"Zara Example", "Amir Sample"}},
      {"a category and a search", searched, {"Dee Fictional"}},
      {"sorted by name", by_name, {"Amir Sample", "Dee Fictional", "Zara Example"}},
      {"sorted by age", by_age, {"Amir Sample", "Zara Example", "Bea Demo"}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    CHECK(names(c.filter) == c.expected);
  }
  CHECK(with({Category::relevant}, {PersonFlag::uasc, PersonFlag::send}).chosen_count() == 3);
  CHECK_FALSE(CaseloadFilter{}.narrows());
  CaseloadFilter spaces;
  spaces.search = "  ";
  CHECK_FALSE(spaces.narrows());
  CHECK(searched.narrows());
  CHECK(overdue_uasc.narrows());
  CHECK(with({}, {PersonFlag::send}).narrows());
  CaseloadFilter off = with({Category::relevant}, {});
  off.toggle(Category::relevant);  // a second tap turns it off
  CHECK(off.chosen_count() == 0);
  CHECK_FALSE(off.narrows());
}

TEST_CASE("caseload filters: the choices are what the caseload holds, with counts") {
  const FilterChoices choices = filter_choices(caseload);
  const std::vector<std::pair<Category, int>> categories = {
      {Category::relevant, 1}, {Category::former_relevant, 2}, {Category::former_relevant_may_ask, 1},
      {Category::qualifying, 1}};
  CHECK(choices.categories == categories);
  const std::vector<std::pair<PersonFlag, int>> flags = {
      {PersonFlag::uasc, 2}, {PersonFlag::parent, 1}, {PersonFlag::custody, 1}, {PersonFlag::send, 1}};
  CHECK(choices.flags == flags);
  CHECK(filter_label(Category::former_relevant_may_ask) == "21-25 (s23CZB)");
  CHECK(filter_label(Category::former_relevant) == "Former relevant");
}
