// Which caseload cards to show, and in what order: search by name as you
// type, overdue only, categories and flags (UASC, parent, custody, SEND),
// sorted by due first (the store's order), name or age. Plain C++ on the
// store's caseload lines, tested natively (tests/unit/app_caseload_filter_test.cpp).
//
// The rule, as a faceted list filters: within categories any chosen one
// matches, within flags any chosen one matches, and a card must pass every
// kind of filter that has something chosen (search and category and flag
// and overdue). Nothing chosen in a kind lets every card through.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "store/store.h"

namespace pathway::app {

enum class PersonFlag { uasc, parent, custody, send };
inline constexpr PersonFlag person_flags[] = {PersonFlag::uasc, PersonFlag::parent, PersonFlag::custody,
                                              PersonFlag::send};
bool has_flag(const core::PersonFlags& flags, PersonFlag flag);
std::string_view label_of(PersonFlag flag);  // "UASC", "Parent", "Custody", "SEND"

// A category's name on a filter button, short enough for a phone's row
// ("21-25 (s23CZB)" for a former relevant young person who may ask for
// support to 25).
std::string_view filter_label(core::Category category);

enum class SortBy { due, name, age };

struct CaseloadFilter {
  std::string search;         // part of a name, any case (spaces around it ignored)
  SortBy sort = SortBy::due;
  bool overdue_only = false;  // contact overdue, or never contacted
  uint32_t categories = 0;    // bit (1 << Category): any of these
  uint32_t flags = 0;         // bit (1 << PersonFlag): any of these

  bool matches(const store::CaseloadRow& row) const;
  // How many category and flag choices are on (the "Filters (2)" button).
  int chosen_count() const;
  // Whether any card could be left out: a search, overdue only, or a choice on.
  bool narrows() const;
  void toggle(core::Category category) { categories ^= 1u << static_cast<int>(category); }
  void toggle(PersonFlag flag) { flags ^= 1u << static_cast<int>(flag); }
  bool chosen(core::Category category) const { return categories >> static_cast<int>(category) & 1u; }
  bool chosen(PersonFlag flag) const { return flags >> static_cast<int>(flag) & 1u; }
};

// The rows that match, in the filter's order (`rows` come due first).
std::vector<const store::CaseloadRow*> rows_matching(std::span<const store::CaseloadRow> rows,
                                                     const CaseloadFilter& filter);

// What a caseload holds, for the filter buttons: each category and flag
// with how many young people have it (zero counts left out), in the
// order core lists categories and person_flags lists flags.
struct FilterChoices {
  std::vector<std::pair<core::Category, int>> categories;
  std::vector<std::pair<PersonFlag, int>> flags;
};
FilterChoices filter_choices(std::span<const store::CaseloadRow> rows);

}  // namespace pathway::app
