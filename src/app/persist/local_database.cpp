// The app's encrypted local database (see local_database.h): IndexedDB blocks
// in, Argon2id key, store on the encrypting block VFS, saves back out.
//
// [SECTION] The IndexedDB glue (src/app/js/idb_blocks.js)
// [SECTION] Loading
// [SECTION] Create and unlock
// [SECTION] Saving
#include "app/persist/local_database.h"

#include <emscripten/emscripten.h>
#include <emscripten/eventloop.h>

#include <vector>

namespace pathway::app {

// [SECTION] The IndexedDB glue (src/app/js/idb_blocks.js)

extern "C" {
void pathway_idb_open(const char* name);
void pathway_idb_save(double generation, double file_size, uint32_t block_size, uint32_t count,
                      const uint32_t* indices, const std::byte* const* pointers, const char* kdf_record);
void pathway_idb_request_persistence();
}

namespace {

LocalDatabase* started = nullptr;  // the instance IndexedDB answers reach
constexpr double kRetryAfterMs = 5000;

bool valid_block_size(uint32_t size) {
  return size >= 4096 && size <= 1024 * 1024 && (size & (size - 1)) == 0;
}

// Characters, not bytes: a passphrase in any script counts the same.
size_t utf8_length(std::string_view text) {
  size_t count = 0;
  for (const char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

}  // namespace

extern "C" {
EMSCRIPTEN_KEEPALIVE void pathway_idb_load_begin(double file_size, double generation, uint32_t block_size,
                                                 const char* kdf) {
  if (started) started->on_load_begin(file_size, generation, block_size, kdf);
}
EMSCRIPTEN_KEEPALIVE void pathway_idb_block(uint32_t index, const std::byte* bytes, uint32_t size) {
  if (started) started->on_block(index, bytes, size);
}
EMSCRIPTEN_KEEPALIVE void pathway_idb_load_end(int ok, const char* message) {
  if (started) started->on_load_end(ok != 0, message);
}
EMSCRIPTEN_KEEPALIVE void pathway_idb_saved(double generation, int ok, const char* message) {
  if (started) started->on_saved(generation, ok != 0, message);
}
EMSCRIPTEN_KEEPALIVE void pathway_idb_persistence(int answer) {
  if (started) started->on_persistence(answer);
}
}

// Hands each save to IndexedDB: block numbers and pointers into our memory,
// which the glue copies before it returns (the BlockSink contract).
class LocalDatabase::IdbSink : public store::BlockSink {
 public:
  std::string kdf_record;  // stored with every save, so the salt is never apart from the blocks

  void begin_save(const store::BlockSave& save) override {
    indices_.clear();
    pointers_.clear();
    for (const store::BlockWrite& block : save.blocks) {
      indices_.push_back(block.index);
      pointers_.push_back(block.bytes.data());
    }
    pathway_idb_save(static_cast<double>(save.generation), static_cast<double>(save.file_size), save.block_size,
                     static_cast<uint32_t>(indices_.size()), indices_.data(), pointers_.data(), kdf_record.c_str());
  }

 private:
  std::vector<uint32_t> indices_;
  std::vector<const std::byte*> pointers_;
};

LocalDatabase::LocalDatabase() : LocalDatabase(Options{}) {}

LocalDatabase::LocalDatabase(Options options) : options_(std::move(options)), sink_(std::make_unique<IdbSink>()) {}

LocalDatabase::~LocalDatabase() {
  store_.reset();  // closes SQLite before its file goes
  store::detach_block_file(options_.name);
  if (started == this) started = nullptr;
  wipe(sink_->kdf_record);
}

void LocalDatabase::fail(std::string message) {
  phase_ = Phase::failed;
  failure_ = std::move(message);
  file_.reset();
  changed();
}

void LocalDatabase::changed() const {
  if (on_change_) on_change_();
}

// [SECTION] Loading

void LocalDatabase::start() {
  if (started && started != this) {
    fail("The local database is already open in this page.");
    return;
  }
  started = this;
  phase_ = Phase::loading;
  if (Status registered = store::register_block_vfs(); !registered) {
    fail(registered.error().message);
    return;
  }
  pathway_idb_request_persistence();
  pathway_idb_open(options_.name.c_str());
}

void LocalDatabase::on_load_begin(double file_size, double generation, uint32_t block_size, std::string_view kdf) {
  load_status_ = ok_status();
  file_.reset();
  if (file_size <= 0) return;  // nothing stored yet: a new device
  Result<KdfParams> params = KdfParams::decode(kdf);
  if (!params) {
    load_status_ = params.error();
    return;
  }
  if (!valid_block_size(block_size)) {
    load_status_ = Error{ErrorCode::corrupt, "The stored local database has an unreadable layout."};
    return;
  }
  stored_kdf_ = std::move(*params);
  file_ = std::make_unique<store::BlockFile>(block_size, *sink_);
  load_status_ = file_->begin_restore(static_cast<uint64_t>(file_size), static_cast<uint64_t>(generation));
}

void LocalDatabase::on_block(uint32_t index, const std::byte* bytes, size_t size) {
  if (file_ && load_status_) load_status_ = file_->restore_block(index, {bytes, size});
}

void LocalDatabase::on_load_end(bool ok, std::string_view message) {
  if (!ok) return fail(std::string(message));
  if (load_status_ && file_) load_status_ = file_->finish_restore();
  if (!load_status_) {
    return fail("The local database in this browser is damaged and cannot be opened. " +
                load_status_.error().message);
  }
  phase_ = file_ ? Phase::locked : Phase::needs_new_passphrase;
  changed();
}

void LocalDatabase::on_persistence(int answer) {
  persistence_ = answer == 1   ? StoragePersistence::granted
                 : answer == 2 ? StoragePersistence::refused
                               : StoragePersistence::unsupported;
  changed();
}

// [SECTION] Create and unlock

Status LocalDatabase::create(std::string_view passphrase) {
  if (phase_ != Phase::needs_new_passphrase) {
    return Error{ErrorCode::conflict, "A local database already exists on this device."};
  }
  if (utf8_length(passphrase) < kMinimumPassphraseLength) {
    return invalid("passphrase", "Use at least " + std::to_string(kMinimumPassphraseLength) +
                                     " characters: three or more random words are easy to remember and hard to guess.");
  }
  Result<KdfParams> params = new_kdf_params();
  if (!params) return params.error();
  params->memory_kib = options_.kdf.memory_kib;
  params->iterations = options_.kdf.iterations;
  file_ = std::make_unique<store::BlockFile>(options_.block_size, *sink_);
  Status opened = open_store(passphrase, *params);
  if (!opened) file_.reset();
  return opened;
}

Status LocalDatabase::unlock(std::string_view passphrase) {
  if (phase_ != Phase::locked) return Error{ErrorCode::conflict, "The local database is not waiting to be unlocked."};
  return open_store(passphrase, stored_kdf_);
}

Status LocalDatabase::open_store(std::string_view passphrase, const KdfParams& params) {
  const double kdf_start = emscripten_get_now();
  Result<std::string> key = derive_key_hex(passphrase, params);
  last_kdf_ms_ = emscripten_get_now() - kdf_start;
  if (!key) return key.error();
  sink_->kdf_record = params.encode();
  store::attach_block_file(options_.name, *file_);
  store::OpenOptions options{.path = options_.name, .vfs = store::kEncryptedBlockVfsName, .raw_key_hex = *key};
  wipe(*key);
  Result<std::unique_ptr<store::Store>> opened = store::Store::open(options);
  wipe(options.raw_key_hex);
  if (!opened) {
    store::detach_block_file(options_.name);
    return opened.error();
  }
  store_ = std::move(*opened);
  file_->set_on_save_state_change([this] { changed(); });
  phase_ = Phase::open;
  changed();
  return ok_status();
}

// [SECTION] Saving

LocalDatabase::SaveState LocalDatabase::save_state() const {
  if (!file_) return SaveState::saved;
  if (file_->last_save_failed()) return SaveState::failed;
  return file_->has_unsaved_changes() ? SaveState::saving : SaveState::saved;
}

const std::string& LocalDatabase::save_error() const {
  static const std::string none;
  return file_ ? file_->last_error() : none;
}

void LocalDatabase::retry_save() {
  if (file_ && !file_->save_in_flight()) file_->retry_save();
}

void LocalDatabase::on_saved(double generation, bool ok, std::string_view message) {
  if (!file_) return;
  file_->save_finished(static_cast<uint64_t>(generation),
                       ok ? ok_status() : Status(Error{ErrorCode::storage, std::string(message)}));
  // Nothing is lost while the blocks stay dirty; try again a little later
  // (the next commit would also carry them).
  if (!ok && !file_->save_in_flight()) {
    emscripten_set_timeout([](void*) { if (started) started->retry_save(); }, kRetryAfterMs, nullptr);
  }
}

}  // namespace pathway::app
