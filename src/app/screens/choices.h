// Choices between the values of one of core's enums (model.h code tables),
// drawn with the shared widgets: the value is kept as its stable code, as
// forms and drafts hold it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/ui/widgets.h"
#include "core/model.h"
#include "imgui.h"

namespace pathway::app {

// A choice between the values of one of core's enums (empty codes, and
// `left_out`, are not offered).
template <class E>
inline bool enum_choice(std::string& code, std::string_view id, std::optional<E> left_out = std::nullopt) {
  std::vector<std::string_view> labels, codes;
  int chosen = -1;
  for (const auto& entry : core::all_of<E>()) {
    if (entry.code.empty() || entry.value == left_out) continue;
    if (entry.code == code) chosen = static_cast<int>(labels.size());
    labels.push_back(entry.label);
    codes.push_back(entry.code);
  }
  if (!ui::choice_row(labels, chosen, id)) return false;
  code = std::string(codes[chosen]);
  return true;
}

// The same as a list of full-width choices (long labels: activity, accommodation).
template <class E>
inline bool enum_list(std::string& code, std::string_view id) {
  bool changed = false;
  ImGui::PushID(id.data(), id.data() + id.size());
  for (const auto& entry : core::all_of<E>()) {
    if (ui::choice(entry.label, entry.code == code, entry.code) && entry.code != code) {
      code = std::string(entry.code);
      changed = true;
    }
  }
  ImGui::PopID();
  return changed;
}

}  // namespace pathway::app
