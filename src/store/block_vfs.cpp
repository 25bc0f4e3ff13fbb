// The "pathway-blocks" SQLite VFS (see block_vfs.h): the main database file is
// a BlockFile whose changed blocks go to a BlockSink at every xSync; journals
// and temporary files are plain memory buffers that vanish when deleted or
// closed. Locks are no-ops: one thread, one connection per file.
//
// Preconditions are asserts (active in Debug builds), as in SQLite: blocks
// are written only after a restore has finished, indexes and offsets are in
// range, a save that finishes is one that began.
#include "store/block_vfs.h"

#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cassert>
#include <chrono>
#include <cstring>
#include <map>
#include <new>

extern "C" int sqlite3mc_vfs_create(const char* real_vfs_name, int make_default);

namespace pathway::store {

// [SECTION] Allocation

namespace {

int allocations_until_failure = -1;  // -1: never fail
bool failures_persist = false;

// Zeroed bytes for file content, or null when memory has run out.
std::unique_ptr<std::byte[]> allocate_zeroed(size_t size) {
  if (allocations_until_failure == 0) {
    if (!failures_persist) allocations_until_failure = -1;
    return nullptr;
  }
  if (allocations_until_failure > 0) --allocations_until_failure;
  return std::unique_ptr<std::byte[]>(new (std::nothrow) std::byte[size]());
}

}  // namespace

void fail_block_allocations_after(int allocations, bool persistent) {
  allocations_until_failure = allocations < 0 ? -1 : allocations;
  failures_persist = persistent;
}

// [SECTION] BlockFile

BlockFile::BlockFile(uint32_t block_size, BlockSink& sink) : block_size_(block_size), sink_(sink) {}

Status BlockFile::begin_restore(uint64_t file_size, uint64_t generation) {
  if (size_ != 0 || last_begun_ != 0) return Error{ErrorCode::internal, "The database is already in use."};
  size_ = file_size;
  blocks_.clear();
  blocks_.resize(block_count());
  changed_in_.assign(block_count(), 0);
  restored_.assign(block_count(), false);
  next_generation_ = generation + 1;
  last_begun_ = last_finished_ = confirmed_ = generation;
  restoring_ = true;
  return ok_status();
}

Status BlockFile::restore_block(uint32_t index, std::span<const std::byte> bytes) {
  if (!restoring_) return Error{ErrorCode::internal, "Blocks arrived outside a restore."};
  // Blocks past the end are left over from a truncation whose delete never ran: ignore them.
  if (index >= block_count()) return ok_status();
  if (bytes.size() != block_size_) {
    return Error{ErrorCode::corrupt, "A stored block of the local database has the wrong size."};
  }
  blocks_[index] = allocate_zeroed(block_size_);
  if (!blocks_[index]) return Error{ErrorCode::storage, "There is not enough memory to open the local database."};
  std::memcpy(blocks_[index].get(), bytes.data(), block_size_);
  restored_[index] = true;
  return ok_status();
}

Status BlockFile::finish_restore() {
  restoring_ = false;
  if (std::find(restored_.begin(), restored_.end(), false) != restored_.end()) {
    return Error{ErrorCode::corrupt, "Part of the local database is missing from browser storage."};
  }
  restored_.clear();
  return ok_status();
}

std::byte* BlockFile::block_for_write(size_t index) {
  assert(!restoring_ && "SQLite writes only once the stored blocks are all in");
  assert(index < blocks_.size());
  auto& block = blocks_[index];
  if (!block) block = allocate_zeroed(block_size_);
  if (!block) return nullptr;
  changed_in_[index] = next_generation_;
  return block.get();
}

bool BlockFile::read(void* out, size_t amount, uint64_t offset) const {
  assert(out != nullptr || amount == 0);
  auto* destination = static_cast<std::byte*>(out);
  const uint64_t available = offset < size_ ? std::min<uint64_t>(amount, size_ - offset) : 0;
  for (uint64_t done = 0; done < available;) {
    const uint64_t position = offset + done;
    const size_t index = position / block_size_;
    const size_t within = position % block_size_;
    const size_t chunk = std::min<uint64_t>(block_size_ - within, available - done);
    if (blocks_[index]) {
      std::memcpy(destination + done, blocks_[index].get() + within, chunk);
    } else {
      std::memset(destination + done, 0, chunk);
    }
    done += chunk;
  }
  std::memset(destination + available, 0, amount - available);
  return available == amount;
}

// Out of memory part-way, the blocks already written stay written: SQLite
// rolls the transaction back through its journal, as after any failed write.
bool BlockFile::write(const void* data, size_t amount, uint64_t offset) {
  assert(data != nullptr || amount == 0);
  if (offset + amount > size_ && !truncate(offset + amount)) return false;
  const auto* source = static_cast<const std::byte*>(data);
  for (size_t done = 0; done < amount;) {
    const uint64_t position = offset + done;
    const size_t index = position / block_size_;
    const size_t within = position % block_size_;
    const size_t chunk = std::min<size_t>(block_size_ - within, amount - done);
    std::byte* block = block_for_write(index);
    if (!block) return false;
    std::memcpy(block + within, source + done, chunk);
    done += chunk;
  }
  return true;
}

bool BlockFile::truncate(uint64_t new_size) {
  if (new_size == size_) return true;
  const size_t old_count = block_count();
  const uint64_t old_size = size_;
  const size_t new_count = static_cast<size_t>((new_size + block_size_ - 1) / block_size_);
  if (new_count > old_count) {
    // Every block that now exists must reach storage, including ones nobody
    // wrote: all are allocated before the file changes, so running out of
    // memory leaves it as it was.
    std::vector<std::unique_ptr<std::byte[]>> added(new_count - old_count);
    for (auto& block : added) {
      block = allocate_zeroed(block_size_);
      if (!block) return false;
    }
    blocks_.resize(new_count);
    changed_in_.resize(new_count, 0);
    for (size_t index = old_count; index < new_count; ++index) {
      blocks_[index] = std::move(added[index - old_count]);
      changed_in_[index] = next_generation_;
    }
  } else {
    blocks_.resize(new_count);
    changed_in_.resize(new_count);
  }
  size_ = new_size;
  // The bytes past the end must read as zeros if the file grows again (a
  // block without memory reads as zeros already).
  if (new_size < old_size && new_size % block_size_ != 0 && blocks_[new_count - 1]) {
    const size_t within = new_size % block_size_;
    std::memset(blocks_[new_count - 1].get() + within, 0, block_size_ - within);
    changed_in_[new_count - 1] = next_generation_;
  }
  size_changed_in_ = next_generation_;
  return true;
}

bool BlockFile::has_unsaved_changes() const {
  return size_changed_in_ > confirmed_ ||
         std::any_of(changed_in_.begin(), changed_in_.end(), [&](uint64_t g) { return g > confirmed_; });
}

void BlockFile::sync() {
  ++sync_count_;
  commit_pending_ = true;
}

void BlockFile::commit_finished() {
  if (!commit_pending_) return;
  commit_pending_ = false;
  retry_save();
}

void BlockFile::retry_save() {
  if (!has_unsaved_changes()) return;
  BlockSave save{.generation = next_generation_++, .file_size = size_, .block_size = block_size_, .blocks = {}};
  for (size_t index = 0; index < changed_in_.size(); ++index) {
    if (changed_in_[index] > confirmed_) {
      assert(blocks_[index] && "a changed block exists");
      save.blocks.push_back({static_cast<uint32_t>(index), {blocks_[index].get(), block_size_}});
    }
  }
  last_begun_ = save.generation;
  sink_.begin_save(save);
  notify();
}

void BlockFile::save_finished(uint64_t generation, const Status& result) {
  assert(generation <= last_begun_ && "only a save that began can finish");
  last_finished_ = std::max(last_finished_, generation);
  if (result.ok()) {
    confirmed_ = std::max(confirmed_, generation);
    last_error_.clear();
  } else {
    last_error_ = result.error().message;
  }
  notify();
}

void BlockFile::notify() const {
  if (on_change_) on_change_();
}

// [SECTION] The VFS

namespace {

// A journal or temporary file: memory only, grown without aborting.
class MemoryFile {
 public:
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const std::byte* data() const { return data_.get(); }
  std::byte* data() { return data_.get(); }
  // Bytes past the old end read as zeros. False: out of memory, file unchanged.
  bool resize(size_t size) {
    if (size > capacity_) {
      const size_t capacity = std::max(size, capacity_ * 2);
      std::unique_ptr<std::byte[]> grown = allocate_zeroed(capacity);
      if (!grown) return false;
      if (size_) std::memcpy(grown.get(), data_.get(), size_);
      data_ = std::move(grown);
      capacity_ = capacity;
    } else if (size > size_) {
      std::memset(data_.get() + size_, 0, size - size_);
    }
    size_ = size;
    return true;
  }

 private:
  std::unique_ptr<std::byte[]> data_;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

struct OpenFile {
  sqlite3_file base;  // first: SQLite casts between the two
  BlockFile* block_file;               // the main database, or null
  std::shared_ptr<MemoryFile> memory;  // otherwise
};

std::map<std::string, BlockFile*>& attached_files() {
  static std::map<std::string, BlockFile*> files;
  return files;
}

// Named journals stay until xDelete so that every journal mode works.
std::map<std::string, std::shared_ptr<MemoryFile>>& memory_files() {
  static std::map<std::string, std::shared_ptr<MemoryFile>> files;
  return files;
}

OpenFile& open_file(sqlite3_file* file) { return *reinterpret_cast<OpenFile*>(file); }

int file_close(sqlite3_file* file) {
  OpenFile& f = open_file(file);
  if (f.block_file) f.block_file->commit_finished();
  f.memory.~shared_ptr();
  return SQLITE_OK;
}

int file_read(sqlite3_file* file, void* out, int amount, sqlite3_int64 offset) {
  assert(amount >= 0 && offset >= 0);
  OpenFile& f = open_file(file);
  if (f.block_file) return f.block_file->read(out, amount, offset) ? SQLITE_OK : SQLITE_IOERR_SHORT_READ;
  const MemoryFile& memory = *f.memory;
  const size_t available = static_cast<uint64_t>(offset) < memory.size()
                               ? std::min<size_t>(amount, memory.size() - offset) : 0;
  if (available) std::memcpy(out, memory.data() + offset, available);
  std::memset(static_cast<std::byte*>(out) + available, 0, amount - available);
  return available == static_cast<size_t>(amount) ? SQLITE_OK : SQLITE_IOERR_SHORT_READ;
}

int file_write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
  assert(amount >= 0 && offset >= 0);
  OpenFile& f = open_file(file);
  if (f.block_file) return f.block_file->write(data, amount, offset) ? SQLITE_OK : SQLITE_NOMEM;
  MemoryFile& memory = *f.memory;
  if (memory.size() < static_cast<uint64_t>(offset) + amount && !memory.resize(offset + amount)) return SQLITE_NOMEM;
  std::memcpy(memory.data() + offset, data, amount);
  return SQLITE_OK;
}

int file_truncate(sqlite3_file* file, sqlite3_int64 size) {
  assert(size >= 0);
  OpenFile& f = open_file(file);
  const bool done = f.block_file ? f.block_file->truncate(size) : f.memory->resize(size);
  return done ? SQLITE_OK : SQLITE_NOMEM;
}

int file_sync(sqlite3_file* file, int) {
  OpenFile& f = open_file(file);
  if (f.block_file) f.block_file->sync();
  return SQLITE_OK;
}

int file_size(sqlite3_file* file, sqlite3_int64* size) {
  OpenFile& f = open_file(file);
  *size = f.block_file ? f.block_file->size() : f.memory->size();
  return SQLITE_OK;
}

int file_lock(sqlite3_file*, int) { return SQLITE_OK; }

// A commit ends with SQLITE_FCNTL_COMMIT_PHASETWO and then drops the lock to
// SHARED (unless locking_mode=EXCLUSIVE): either completes it.
int file_unlock(sqlite3_file* file, int level) {
  OpenFile& f = open_file(file);
  if (f.block_file && level <= SQLITE_LOCK_SHARED) f.block_file->commit_finished();
  return SQLITE_OK;
}

int file_control(sqlite3_file* file, int operation, void*) {
  OpenFile& f = open_file(file);
  if (f.block_file && operation == SQLITE_FCNTL_COMMIT_PHASETWO) f.block_file->commit_finished();
  return SQLITE_NOTFOUND;
}
int file_check_reserved_lock(sqlite3_file*, int* reserved) {
  *reserved = 0;
  return SQLITE_OK;
}
int file_sector_size(sqlite3_file*) { return 4096; }
int file_device_characteristics(sqlite3_file*) { return SQLITE_IOCAP_POWERSAFE_OVERWRITE; }

const sqlite3_io_methods io_methods = {
    1, file_close, file_read, file_write, file_truncate, file_sync, file_size, file_lock, file_unlock,
    file_check_reserved_lock, file_control, file_sector_size, file_device_characteristics,
};

int vfs_open(sqlite3_vfs*, const char* name, sqlite3_file* file, int flags, int* out_flags) {
  OpenFile& f = open_file(file);
  f.base.pMethods = nullptr;
  f.block_file = nullptr;
  new (&f.memory) std::shared_ptr<MemoryFile>();
  if (flags & SQLITE_OPEN_MAIN_DB) {
    const auto found = name ? attached_files().find(name) : attached_files().end();
    if (found == attached_files().end()) {
      f.memory.~shared_ptr();
      return SQLITE_CANTOPEN;
    }
    f.block_file = found->second;
  } else if (name && !(flags & SQLITE_OPEN_DELETEONCLOSE)) {
    auto& slot = memory_files()[name];
    if (!slot) slot = std::make_shared<MemoryFile>();
    f.memory = slot;
  } else {
    f.memory = std::make_shared<MemoryFile>();
  }
  f.base.pMethods = &io_methods;
  if (out_flags) *out_flags = flags;
  return SQLITE_OK;
}

int vfs_delete(sqlite3_vfs*, const char* name, int) {
  memory_files().erase(name);
  return SQLITE_OK;
}

int vfs_access(sqlite3_vfs*, const char* name, int, int* result) {
  const auto attached = attached_files().find(name);
  const auto memory = memory_files().find(name);
  *result = (attached != attached_files().end() && attached->second->size() > 0) ||
            (memory != memory_files().end() && !memory->second->empty());
  return SQLITE_OK;
}

int vfs_full_pathname(sqlite3_vfs*, const char* name, int size, char* out) {
  sqlite3_snprintf(size, out, "%s", name);
  return SQLITE_OK;
}

int vfs_randomness(sqlite3_vfs*, int amount, char* out) {
  // getentropy takes at most 256 bytes a call; it is crypto.getRandomValues in the browser.
  for (int done = 0; done < amount;) {
    const int chunk = std::min(256, amount - done);
    if (getentropy(out + done, chunk) != 0) return done;
    done += chunk;
  }
  return amount;
}

int vfs_sleep(sqlite3_vfs*, int microseconds) { return microseconds; }

int vfs_current_time_int64(sqlite3_vfs*, sqlite3_int64* julian_ms) {
  // Julian day number of the Unix epoch, in milliseconds.
  constexpr sqlite3_int64 unix_epoch_julian_ms = 24405875 * static_cast<sqlite3_int64>(8640000);
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  *julian_ms = unix_epoch_julian_ms + std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch).count();
  return SQLITE_OK;
}

int vfs_current_time(sqlite3_vfs* vfs, double* julian_days) {
  sqlite3_int64 julian_ms = 0;
  vfs_current_time_int64(vfs, &julian_ms);
  *julian_days = julian_ms / 86400000.0;
  return SQLITE_OK;
}

int vfs_get_last_error(sqlite3_vfs*, int, char*) { return 0; }

sqlite3_vfs block_vfs = {
    2, sizeof(OpenFile), 512, nullptr, kBlockVfsName, nullptr,
    vfs_open, vfs_delete, vfs_access, vfs_full_pathname,
    nullptr, nullptr, nullptr, nullptr,
    vfs_randomness, vfs_sleep, vfs_current_time, vfs_get_last_error, vfs_current_time_int64,
    nullptr, nullptr, nullptr,
};

}  // namespace

Status register_block_vfs() {
  if (sqlite3_vfs_find(kEncryptedBlockVfsName)) return ok_status();
  if (sqlite3_initialize() != SQLITE_OK || sqlite3_vfs_register(&block_vfs, 0) != SQLITE_OK ||
      sqlite3mc_vfs_create(kBlockVfsName, 0) != SQLITE_OK) {
    return Error{ErrorCode::storage, "The local database could not be set up."};
  }
  return ok_status();
}

void attach_block_file(const std::string& path, BlockFile& file) { attached_files()[path] = &file; }

void detach_block_file(const std::string& path) { attached_files().erase(path); }

}  // namespace pathway::store
