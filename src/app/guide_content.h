// The care leaver's guide on this device: the version in use, its search
// index, what changed in the last update, and the pages saved for later.
//
// The guide is public and has nothing to do with the staff database: it is
// never written to SQLite (change capture would put it in the outbox). The
// published bundle (GET /api/guide, server/guide_bundle.h) is kept in the
// browser's local storage by js/guide.js, which hands its files here at
// start, and again when a newer version arrives at an online start. Saved
// pages and "what's new" are small local settings (platform::local_setting).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/guide.h"
#include "core/guide_search.h"

namespace pathway::app {

class GuideContent {
 public:
  bool loaded() const { return guide_ != nullptr; }
  const core::guide::Guide& guide() const { return *guide_; }
  const core::guide::SearchIndex& index() const { return *index_; }
  const std::string& load_error() const { return load_error_; }

  // A bundle's files, as js/guide.js delivers them. `is_update`: a new
  // version fetched now (not the one kept from before): "what's new" is
  // worked out against the version in use.
  void begin_files();
  void add_file(std::string name, std::string text);
  void finish_files(bool is_update);

  // Topics changed by the last update, with the version they came in.
  const std::vector<std::string>& whats_new() const { return whats_new_; }
  const std::string& whats_new_version() const { return whats_new_version_; }

  bool is_saved(const std::string& topic) const;
  void toggle_saved(const std::string& topic);
  const std::vector<std::string>& saved() const { return saved_; }

  void load_settings();  // saved pages and what's new, from local settings

 private:
  std::unique_ptr<core::guide::Guide> guide_;
  std::unique_ptr<core::guide::SearchIndex> index_;
  std::vector<core::guide::SourceFile> incoming_;
  std::string load_error_;
  std::vector<std::string> whats_new_;
  std::string whats_new_version_;
  std::vector<std::string> saved_;
};

}  // namespace pathway::app
