// Keeps a form in progress as a draft in the encrypted store (store.h,
// [SECTION] Drafts) about 250 ms after the last keystroke, so a reload, a
// crash or a flat battery loses nothing; only the fields that changed since
// the last keep are written, in one small transaction. Used by every form
// that drafts (the visit, the pathway plan): the form lists its fields as
// text, the keeper compares and writes them.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "app/app.h"
#include "store/store.h"

namespace pathway::app {

class DraftKeeper {
 public:
  using Fields = std::function<std::vector<store::DraftField>()>;  // the form's fields as typed now

  DraftKeeper(store::DraftForm form, std::string what, Fields fields)
      : form_(form), what_(std::move(what)), fields_(std::move(fields)) {}

  // A form opens for `person_id` with what the store holds for it (or nothing).
  void open(App& app, core::Id person_id, std::vector<store::DraftField> kept);
  // Something was typed or chosen: keep the draft once typing pauses.
  void changed();
  // Keeps what differs now (leaving the form, the auto-lock). No-op when closed.
  void keep_now();
  // The form became a record or was thrown away: nothing more to keep.
  void close();
  // Back from the form: keeps it, closes, and opens the young person's
  // screen, which reads again what is kept (App::data_version).
  void keep_and_leave(App& app);

  bool anything_kept() const { return !kept_.empty(); }
  bool pending() const { return timer_ != 0; }
  // Every field as typed is in the store, and the store has saved it.
  bool all_kept() const;
  const std::string& error() const { return error_; }
  void set_error(std::string error) { error_ = std::move(error); }

 private:
  static void on_timer(void* keeper);

  store::DraftForm form_;
  std::string what_;  // "This visit", for the error
  Fields fields_;
  App* app_ = nullptr;
  core::Id person_id_;
  std::vector<store::DraftField> kept_;  // the fields as the store holds them
  double last_change_ms_ = 0;
  long timer_ = 0;  // 0: no keep pending
  std::string error_;
};

}  // namespace pathway::app
