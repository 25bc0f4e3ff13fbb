// The caseload's filters and order (caseload_filter.h).
#include "app/screens/caseload_filter.h"

#include <algorithm>
#include <bit>

namespace pathway::app {
namespace {

bool lower_contains(std::string_view text, std::string_view wanted) {
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  return std::search(text.begin(), text.end(), wanted.begin(), wanted.end(),
                     [&](char a, char b) { return lower(a) == lower(b); }) != text.end();
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

}  // namespace

bool has_flag(const core::PersonFlags& flags, PersonFlag flag) {
  switch (flag) {
    case PersonFlag::uasc: return flags.uasc;
    case PersonFlag::parent: return flags.parent;
    case PersonFlag::custody: return flags.in_custody;
    case PersonFlag::send: return flags.send;
  }
  return false;
}

std::string_view label_of(PersonFlag flag) {
  switch (flag) {
    case PersonFlag::uasc: return "UASC";
    case PersonFlag::parent: return "Parent";
    case PersonFlag::custody: return "Custody";
    case PersonFlag::send: return "SEND";
  }
  return {};
}

std::string_view filter_label(core::Category category) {
  switch (category) {
    case core::Category::former_relevant_in_education: return "Pursuing education";
    case core::Category::former_relevant_may_ask: return "21-25 (s23CZB)";
    default: return core::label_of(category);
  }
}

bool CaseloadFilter::matches(const store::CaseloadRow& row) const {
  if (overdue_only && !row.contact.overdue) return false;
  if (categories != 0 && !chosen(row.category.category)) return false;
  if (flags != 0 && std::none_of(std::begin(person_flags), std::end(person_flags), [&](PersonFlag flag) {
        return chosen(flag) && has_flag(row.flags, flag);
      }))
    return false;
  return lower_contains(row.display_name, trimmed(search));
}

int CaseloadFilter::chosen_count() const { return std::popcount(categories) + std::popcount(flags); }

bool CaseloadFilter::narrows() const { return overdue_only || chosen_count() > 0 || !trimmed(search).empty(); }

std::vector<const store::CaseloadRow*> rows_matching(std::span<const store::CaseloadRow> rows,
                                                     const CaseloadFilter& filter) {
  std::vector<const store::CaseloadRow*> shown;
  for (const store::CaseloadRow& row : rows)
    if (filter.matches(row)) shown.push_back(&row);
  if (filter.sort == SortBy::name)
    std::stable_sort(shown.begin(), shown.end(), [](auto* a, auto* b) { return a->display_name < b->display_name; });
  else if (filter.sort == SortBy::age)
    std::stable_sort(shown.begin(), shown.end(), [](auto* a, auto* b) { return a->age < b->age; });
  return shown;
}

FilterChoices filter_choices(std::span<const store::CaseloadRow> rows) {
  FilterChoices choices;
  for (const auto& entry : core::all_of<core::Category>()) {
    const int count = static_cast<int>(std::count_if(
        rows.begin(), rows.end(), [&](const store::CaseloadRow& row) { return row.category.category == entry.value; }));
    if (count > 0) choices.categories.emplace_back(entry.value, count);
  }
  for (PersonFlag flag : person_flags) {
    const int count = static_cast<int>(
        std::count_if(rows.begin(), rows.end(), [&](const store::CaseloadRow& row) { return has_flag(row.flags, flag); }));
    if (count > 0) choices.flags.emplace_back(flag, count);
  }
  return choices;
}

}  // namespace pathway::app
