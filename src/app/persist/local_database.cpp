// The app's encrypted local database (see local_database.h): IndexedDB blocks
// in, Argon2id key, store on the encrypting block VFS, saves back out.
//
// [SECTION] The IndexedDB glue (src/app/js/idb_blocks.js)
// [SECTION] Loading
// [SECTION] One writer per device
// [SECTION] Create and unlock
// [SECTION] Saving
#include "app/persist/local_database.h"

#include <emscripten/emscripten.h>
#include <emscripten/eventloop.h>

#include <cmath>
#include <cstdint>
#include <vector>

namespace pathway::app {

// [SECTION] The IndexedDB glue (src/app/js/idb_blocks.js)

extern "C" {
void pathway_idb_open(const char* name);
void pathway_idb_take_over();
void pathway_idb_close();
void pathway_idb_save(double generation, double file_size, uint32_t block_size, uint32_t count,
                      const uint32_t* indices, const std::byte* const* pointers, const char* kdf_record);
void pathway_idb_request_persistence();
}

namespace {

LocalDatabase* started = nullptr;  // the instance IndexedDB answers reach
constexpr double kRetryAfterMs = 5000;

constexpr double min_block_size = 4096;
constexpr double max_block_size = 1024 * 1024;
// More than a wasm32 page can hold: a bigger stored size is damage, not data.
constexpr double max_file_size = 2.0 * 1024 * 1024 * 1024;
constexpr double max_generation = 9007199254740992.0;  // 2^53: every integer below is exact in a double

// The one rule for numbers read from IndexedDB: a whole number in [low, high]
// (NaN, infinities, fractions and strings that were not numbers all fail).
bool whole_number_in(double value, double low, double high) {
  return std::isfinite(value) && value == std::floor(value) && value >= low && value <= high;
}

bool valid_block_size(double size) {
  if (!whole_number_in(size, min_block_size, max_block_size)) return false;
  const auto bytes = static_cast<uint32_t>(size);
  return (bytes & (bytes - 1)) == 0;
}

// A C string from JavaScript as a view; null (never expected) reads as empty.
std::string_view text_from_js(const char* text) { return text ? std::string_view(text) : std::string_view(); }

}  // namespace

extern "C" {
EMSCRIPTEN_KEEPALIVE void pathway_idb_load_begin(int stored, double file_size, double generation, double block_size,
                                                 const char* kdf) {
  if (started) started->on_load_begin(stored != 0, file_size, generation, block_size, text_from_js(kdf));
}
EMSCRIPTEN_KEEPALIVE void pathway_idb_block(double index, const std::byte* bytes, uint32_t size) {
  if (started) started->on_block(index, bytes, size);
}
EMSCRIPTEN_KEEPALIVE void pathway_idb_load_end(int ok, const char* message) {
  if (started) started->on_load_end(ok != 0, text_from_js(message));
}
EMSCRIPTEN_KEEPALIVE void pathway_idb_saved(double generation, int ok, const char* message) {
  if (started) started->on_saved(generation, ok != 0, text_from_js(message));
}
EMSCRIPTEN_KEEPALIVE void pathway_idb_persistence(int answer) {
  if (started) started->on_persistence(answer);
}
EMSCRIPTEN_KEEPALIVE void pathway_idb_lock_busy() {
  if (started) started->on_lock_busy();
}
EMSCRIPTEN_KEEPALIVE void pathway_idb_release_requested() {
  if (started) started->on_release_requested();
}
EMSCRIPTEN_KEEPALIVE void pathway_idb_lock_lost() {
  if (started) started->on_lock_lost();
}
EMSCRIPTEN_KEEPALIVE int pathway_idb_unsaved() { return started && started->has_unsaved_changes() ? 1 : 0; }
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
  if (started == this) {
    started = nullptr;
    pathway_idb_close();  // releases the lock: the next database of this page may take it
  }
  wipe(sink_->kdf_record);
}

void LocalDatabase::fail(std::string message) {
  phase_ = Phase::failed;
  failure_ = std::move(message);
  file_.reset();
  changed();
}

// Reading stops and nothing is written: the stored bytes stay exactly as found.
void LocalDatabase::damaged(std::string what) {
  phase_ = Phase::damaged;
  failure_ = std::move(what);
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
  release_requested_ = false;
  if (Status registered = store::register_block_vfs(); !registered) {
    fail(registered.error().message);
    return;
  }
  pathway_idb_request_persistence();
  pathway_idb_open(options_.name.c_str());
}

void LocalDatabase::on_load_begin(bool stored, double file_size, double generation, double block_size,
                                  std::string_view kdf) {
  phase_ = Phase::loading;
  load_status_ = ok_status();
  file_.reset();
  if (!stored) return;  // nothing stored yet: a new device
  const Error unreadable{ErrorCode::corrupt, "The description of the stored copy (its size and layout) is unreadable."};
  if (!whole_number_in(file_size, 1, max_file_size) || !whole_number_in(generation, 0, max_generation) ||
      !valid_block_size(block_size)) {
    load_status_ = unreadable;
    return;
  }
  Result<KdfParams> params = KdfParams::decode(kdf);
  if (!params) {
    load_status_ = params.error();
    return;
  }
  stored_kdf_ = std::move(*params);
  file_ = std::make_unique<store::BlockFile>(static_cast<uint32_t>(block_size), *sink_);
  load_status_ = file_->begin_restore(static_cast<uint64_t>(file_size), static_cast<uint64_t>(generation));
}

void LocalDatabase::on_block(double index, const std::byte* bytes, size_t size) {
  if (!file_ || !load_status_) return;
  if (!whole_number_in(index, 0, UINT32_MAX)) {
    load_status_ = Error{ErrorCode::corrupt, "A stored block has an unreadable number."};
    return;
  }
  load_status_ = file_->restore_block(static_cast<uint32_t>(index), {bytes, bytes ? size : 0});
}

void LocalDatabase::on_load_end(bool ok, std::string_view message) {
  if (!ok) return fail(std::string(message));
  if (load_status_ && file_) load_status_ = file_->finish_restore();
  if (!load_status_) {
    const Error& error = load_status_.error();
    return error.code == ErrorCode::corrupt ? damaged(error.message) : fail(error.message);
  }
  phase_ = file_ ? Phase::locked : Phase::needs_new_passphrase;
  changed();
  if (release_requested_) close_for_other_tab();
}

void LocalDatabase::on_persistence(int answer) {
  persistence_ = answer == 1   ? StoragePersistence::granted
                 : answer == 2 ? StoragePersistence::refused
                               : StoragePersistence::unsupported;
  changed();
}

// [SECTION] One writer per device

void LocalDatabase::on_lock_busy() {
  phase_ = Phase::open_elsewhere;
  changed();
}

void LocalDatabase::take_over() {
  if (phase_ != Phase::open_elsewhere && phase_ != Phase::closed) return;
  phase_ = Phase::taking_over;
  closed_reason_.clear();
  changed();
  pathway_idb_take_over();
}

void LocalDatabase::on_release_requested() {
  switch (phase_) {
    case Phase::loading:
      release_requested_ = true;  // hands over once the load has ended
      return;
    case Phase::open:
      // No write may start from now on: the store closes, its file keeps the unsaved blocks.
      store_.reset();
      store::detach_block_file(options_.name);
      phase_ = Phase::handing_over;
      retried_before_handing_over_ = false;
      changed();
      hand_over_when_saved();
      return;
    case Phase::needs_new_passphrase:
    case Phase::locked:
    case Phase::failed:
    case Phase::damaged:
      close_for_other_tab();
      return;
    default:
      return;  // not holding the database
  }
}

// Waits for the save in flight (on_saved calls again); a failed save gets one
// more try; then the database goes to the other tab.
void LocalDatabase::hand_over_when_saved() {
  if (file_->save_in_flight()) return;
  if (file_->has_unsaved_changes() && !retried_before_handing_over_) {
    retried_before_handing_over_ = true;
    file_->retry_save();
    return;
  }
  close_for_other_tab();
}

void LocalDatabase::close_for_other_tab() {
  const bool unsaved = file_ && file_->has_unsaved_changes();
  store_.reset();
  store::detach_block_file(options_.name);
  file_.reset();
  release_requested_ = false;
  phase_ = Phase::closed;
  // Whatever stopped the last save (the other tab's fence, a full disk), what
  // the person can do is the same: make the change again where Pathway is open.
  closed_reason_ = unsaved ? "Pathway was opened in another tab, so this tab has stopped. Its last change could not "
                             "be saved here: make it again in the tab you are using now."
                           : "Pathway was opened in another tab; this tab has stopped so nothing is lost.";
  pathway_idb_close();
  changed();
}

void LocalDatabase::on_lock_lost() {
  if (phase_ == Phase::closed || phase_ == Phase::open_elsewhere || phase_ == Phase::taking_over) return;
  close_for_other_tab();
}

// [SECTION] Create and unlock

Status LocalDatabase::create(std::string_view passphrase) {
  if (phase_ != Phase::needs_new_passphrase) {
    return Error{ErrorCode::conflict, "A local database already exists on this device."};
  }
  if (!passphrase_long_enough(passphrase)) {
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
  else stored_kdf_ = *params;  // what unlock() uses after a lock
  return opened;
}

Status LocalDatabase::unlock(std::string_view passphrase) {
  if (phase_ != Phase::locked) return Error{ErrorCode::conflict, "The local database is not waiting to be unlocked."};
  return open_store(passphrase, stored_kdf_);
}

void LocalDatabase::lock() {
  if (phase_ != Phase::open) return;
  store_.reset();
  store::detach_block_file(options_.name);
  phase_ = Phase::locked;
  changed();
}

Status LocalDatabase::open_store(std::string_view passphrase, const KdfParams& params) {
  const double kdf_start = emscripten_get_now();
  Result<std::string> key = derive_key_hex(passphrase, params);
  last_kdf_ms_ = emscripten_get_now() - kdf_start;
  if (!key) return key.error();
  if (on_stage_) on_stage_("pathway-key-derived");
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
  if (on_stage_) on_stage_("pathway-store-open");
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

bool LocalDatabase::has_unsaved_changes() const { return file_ && file_->has_unsaved_changes(); }

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
  if (phase_ == Phase::handing_over) return hand_over_when_saved();
  if (!ok && !file_->save_in_flight()) {
    emscripten_set_timeout([](void*) { if (started) started->retry_save(); }, kRetryAfterMs, nullptr);
  }
}

}  // namespace pathway::app
