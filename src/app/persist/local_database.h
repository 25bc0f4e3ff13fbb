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
  enum class Phase { loading, needs_new_passphrase, locked, open, failed };
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

  Status create(std::string_view passphrase);  // first start; too short -> invalid_input
  Status unlock(std::string_view passphrase);  // wrong -> ErrorCode::wrong_key
  store::Store& store() { return *store_; }    // only when phase()==open

  SaveState save_state() const;
  const std::string& save_error() const;
  void retry_save();  // after a failed save: saves every unconfirmed block again
  StoragePersistence storage_persistence() const { return persistence_; }
  void set_on_change(std::function<void()> listener) { on_change_ = std::move(listener); }

  // Figures for the persistence benchmark and tests.
  double last_kdf_ms() const { return last_kdf_ms_; }
  const store::BlockFile* block_file() const { return file_.get(); }

  // Called from the IndexedDB glue (through the exported C functions).
  void on_load_begin(double file_size, double generation, uint32_t block_size, std::string_view kdf);
  void on_block(uint32_t index, const std::byte* bytes, size_t size);
  void on_load_end(bool ok, std::string_view message);
  void on_saved(double generation, bool ok, std::string_view message);
  void on_persistence(int answer);

 private:
  class IdbSink;
  void fail(std::string message);
  void changed() const;
  Status open_store(std::string_view passphrase, const KdfParams& params);

  Options options_;
  Phase phase_ = Phase::loading;
  std::string failure_;
  StoragePersistence persistence_ = StoragePersistence::unknown;
  std::unique_ptr<IdbSink> sink_;
  std::unique_ptr<store::BlockFile> file_;
  std::unique_ptr<store::Store> store_;
  KdfParams stored_kdf_;
  Status load_status_ = ok_status();
  double last_kdf_ms_ = 0;
  std::function<void()> on_change_;
};

}  // namespace pathway::app
