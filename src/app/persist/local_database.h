// The app's encrypted local database: what the screens code against.
//
// At start it reads every stored block of the database from IndexedDB
// (src/app/js/idb_blocks.js) into memory. The user then sets a passphrase
// (first start) or types it (later starts); Argon2id turns it into the key and
// the store opens on "multipleciphers-pathway-blocks" (src/store/block_vfs.h),
// so SQLite3 Multiple Ciphers encrypts every page before it reaches a block.
// Each committed transaction saves its changed blocks to IndexedDB in one
// strict-durability transaction; save_state() is `saved` only once IndexedDB
// has confirmed every save, which is what the app shows as "saved": after
// that, a reload, a closed tab or a crash loses nothing.
//
// One writer per device: the database is taken under an exclusive Web Lock
// before its blocks are read (idb_blocks.js says how, and why it is
// race-free). A second tab finds it `open_elsewhere` and may take_over(); the
// holder then hands over: it closes the store at once (no new writes), lets
// every save finish (retrying a failed one once), closes and says why
// (`closed`). Nothing the holder showed as saved is lost, and the new tab
// reads the blocks only after the holder's last save.
//
// Everything read from IndexedDB is validated here: a stored copy that is
// unreadable (meta record, sizes, blocks) is `damaged`, and its bytes are
// left exactly as they are.
//
// One LocalDatabase may be started per page (IndexedDB answers arrive through
// exported C functions that reach the started instance).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "app/persist/key_derivation.h"
#include "core/result.h"
#include "store/block_vfs.h"
#include "store/store.h"

namespace pathway::app {

class LocalDatabase {
 public:
  enum class Phase {
    loading,
    needs_new_passphrase,
    locked,
    open,
    failed,          // storage cannot be used at all: failure() says why
    damaged,         // the stored copy cannot be read: failure() says what; its bytes are kept
    open_elsewhere,  // another tab or window holds the database: take_over() asks for it
    taking_over,     // waiting until the other tab has saved and closed
    handing_over,    // another tab asked for the database: finishing this tab's saves
    closed,          // handed to another tab: closed_reason() says why
  };
  enum class SaveState { saved, saving, failed };
  enum class StoragePersistence { unknown, granted, refused, unsupported };

  struct Options {
    std::string name = "pathway";  // the IndexedDB database
    uint32_t block_size = store::kDefaultBlockSize;  // for a new database; a stored one keeps its own
    KdfParams kdf;                                    // cost settings for a new database (salt is made)
  };

  LocalDatabase();
  explicit LocalDatabase(Options options);
  ~LocalDatabase();
  LocalDatabase(const LocalDatabase&) = delete;
  LocalDatabase& operator=(const LocalDatabase&) = delete;

  void start();  // begins reading IndexedDB (async) and asks for persistent storage
  Phase phase() const { return phase_; }
  const std::string& failure() const { return failure_; }  // when phase()==failed: for people

  void take_over();  // from open_elsewhere or closed: the database comes to this tab
  const std::string& closed_reason() const { return closed_reason_; }  // when phase()==closed

  Status create(std::string_view passphrase);  // first start; too short -> invalid_input
  Status unlock(std::string_view passphrase);  // wrong -> ErrorCode::wrong_key
  // Open -> locked (the auto-lock): the store closes, so SQLite's copy of the
  // key goes; the encrypted blocks stay in memory, a save in flight finishes
  // and a failed one is retried as before. unlock() opens them again.
  void lock();
  store::Store& store() { return *store_; }    // only when phase()==open

  SaveState save_state() const;
  bool has_unsaved_changes() const;  // a save in flight, or a failed one waiting for its retry
  const std::string& save_error() const;
  void retry_save();  // after a failed save: saves every unconfirmed block again
  StoragePersistence storage_persistence() const { return persistence_; }
  void set_on_change(std::function<void()> listener) { on_change_ = std::move(listener); }
  // Called as unlocking (or creating) passes each stage, "pathway-key-derived"
  // then "pathway-store-open": the app turns them into User Timing marks.
  void set_on_stage(std::function<void(const char* stage)> listener) { on_stage_ = std::move(listener); }

  // Figures for the persistence benchmark and tests.
  double last_kdf_ms() const { return last_kdf_ms_; }
  const store::BlockFile* block_file() const { return file_.get(); }

  // Called from the IndexedDB glue (through the exported C functions).
  // Numbers exactly as IndexedDB held them (NaN for a missing field).
  void on_load_begin(bool stored, double file_size, double generation, double block_size, std::string_view kdf);
  void on_block(double index, const std::byte* bytes, size_t size);
  void on_load_end(bool ok, std::string_view message);
  void on_saved(double generation, bool ok, std::string_view message);
  void on_persistence(int answer);
  void on_lock_busy();
  void on_release_requested();
  void on_lock_lost();

 private:
  class IdbSink;
  void fail(std::string message);
  void damaged(std::string what);
  void changed() const;
  void hand_over_when_saved();
  void close_for_other_tab();
  Status open_store(std::string_view passphrase, const KdfParams& params);

  Options options_;
  Phase phase_ = Phase::loading;
  std::string failure_;
  std::string closed_reason_;
  bool release_requested_ = false;  // while loading: hand over once loaded
  bool retried_before_handing_over_ = false;
  StoragePersistence persistence_ = StoragePersistence::unknown;
  std::unique_ptr<IdbSink> sink_;
  std::unique_ptr<store::BlockFile> file_;
  std::unique_ptr<store::Store> store_;
  KdfParams stored_kdf_;
  Status load_status_ = ok_status();
  double last_kdf_ms_ = 0;
  std::function<void()> on_change_;
  std::function<void(const char*)> on_stage_;
};

}  // namespace pathway::app
