// Fields for secrets (see secret_field.h).
#include "app/ui/secret_field.h"

#include "core/wipe.h"
#include "imgui.h"
#include "imgui_internal.h"

namespace pathway::app::ui {
namespace {

template <typename T>
void wipe_all(ImVector<T>& vector) {
  if (vector.Data) wipe(vector.Data, static_cast<size_t>(vector.Capacity) * sizeof(T));
}

// What is past Size is stale (consumed input), what is before it still to come.
template <typename T>
void wipe_unused(ImVector<T>& vector) {
  if (vector.Data) wipe(vector.Data + vector.Size, static_cast<size_t>(vector.Capacity - vector.Size) * sizeof(T));
}

}  // namespace

bool secret_field(const char* label, char* buffer, std::size_t capacity) {
  ImGui::SetNextItemWidth(-1);
  return ImGui::InputText(label, buffer, capacity, ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
}

// The active field's edit state (UTF-16 TextW, UTF-8 TextA, InitialTextA
// kept for Escape, the undo buffer), the copy of a deactivated field, and the
// consumed characters and input events ImGui keeps for reuse.
void wipe_imgui_text_copies() {
  ImGui::ClearActiveID();  // deactivating copies the field into InputTextDeactivatedState: wiped below
  ImGuiContext& g = *ImGui::GetCurrentContext();
  ImGuiInputTextState& state = g.InputTextState;
  wipe_all(state.TextW);
  wipe_all(state.TextA);
  wipe_all(state.InitialTextA);
  wipe(&state.Stb, sizeof state.Stb);
  state.ID = 0;  // the next field to activate starts a fresh state
  state.CurLenA = state.CurLenW = 0;
  state.ClearFreeMemory();
  wipe_all(g.InputTextDeactivatedState.TextA);
  g.InputTextDeactivatedState.ClearFreeMemory();
  g.InputTextDeactivatedState.ID = 0;
  wipe_unused(g.IO.InputQueueCharacters);
  wipe_unused(g.InputEventsQueue);
  wipe_all(g.InputEventsTrail);
  g.InputEventsTrail.resize(0);
}

}  // namespace pathway::app::ui
