// The draft keeper (draft_keeper.h).
#include "app/screens/draft_keeper.h"

#include <algorithm>

#include <emscripten/emscripten.h>
#include <emscripten/eventloop.h>

#include "app/platform/platform.h"
#include "imgui_internal.h"

namespace pathway::app {
namespace {

constexpr double debounce_ms = 250;

store::DraftField* find(std::vector<store::DraftField>& fields, const std::string& name) {
  auto found = std::find_if(fields.begin(), fields.end(), [&](const store::DraftField& f) { return f.name == name; });
  return found == fields.end() ? nullptr : &*found;
}

}  // namespace

void DraftKeeper::open(App& app, core::Id person_id, std::vector<store::DraftField> kept) {
  close();
  app_ = &app;
  person_id_ = std::move(person_id);
  kept_ = std::move(kept);
}

void DraftKeeper::close() {
  if (timer_) emscripten_clear_timeout(timer_);
  timer_ = 0;
  kept_.clear();
  error_.clear();
  person_id_.clear();
}

void DraftKeeper::keep_and_leave(App& app) {
  keep_now();
  close();
  ++app.data_version;
  open_young_person(app, app.person_id);
  ImGui::ClearActiveID();
  platform::request_frame();
}

void DraftKeeper::changed() {
  last_change_ms_ = emscripten_get_now();
  if (!timer_ && !person_id_.empty()) timer_ = emscripten_set_timeout(on_timer, debounce_ms, this);
}

void DraftKeeper::on_timer(void* data) {
  DraftKeeper& keeper = *static_cast<DraftKeeper*>(data);
  keeper.timer_ = 0;
  const double waited = emscripten_get_now() - keeper.last_change_ms_;
  if (waited < debounce_ms) {
    keeper.timer_ = emscripten_set_timeout(on_timer, debounce_ms - waited, data);
    return;
  }
  keeper.keep_now();
}

void DraftKeeper::keep_now() {
  if (timer_) emscripten_clear_timeout(timer_);
  timer_ = 0;
  if (!app_ || person_id_.empty() || app_->database.phase() != LocalDatabase::Phase::open) return;
  std::vector<store::DraftField> changed;
  for (store::DraftField& field : fields_()) {
    const store::DraftField* kept = find(kept_, field.name);
    if (!kept || kept->value != field.value) changed.push_back(std::move(field));
  }
  if (changed.empty()) return;
  Status kept = app_->database.store().write(store::Actor{app_->staff_id, {}}, now(), [&](store::Writer& writer) {
    return writer.save_draft(person_id_, form_, changed);
  });
  if (!kept) {
    error_ = what_ + " could not be kept on the device: " + kept.error().message;
  } else {
    error_.clear();
    for (store::DraftField& field : changed) {
      if (store::DraftField* old = find(kept_, field.name)) old->value = std::move(field.value);
      else kept_.push_back(std::move(field));
    }
  }
  platform::request_frame();
}

bool DraftKeeper::all_kept() const {
  if (timer_ || !app_ || app_->database.has_unsaved_changes()) return false;
  std::vector<store::DraftField> kept = kept_;
  for (const store::DraftField& field : fields_()) {
    const store::DraftField* stored = find(kept, field.name);
    if (!stored || stored->value != field.value) return false;
  }
  return true;
}

}  // namespace pathway::app
