// A SQLite VFS that keeps the database in memory as fixed-size blocks and
// persists only the blocks a transaction changed.
//
// The browser has no file system we want to use (Emscripten's IDBFS rewrites
// the whole file on every sync), so the main database file lives in memory as
// blocks of `block_size` bytes. SQLite writes pages into the blocks; when it
// syncs the main database at commit (xSync, once per committed write
// transaction), every block changed since the last confirmed save is handed to
// a BlockSink together with the file size, as one save. The sink (IndexedDB in
// the browser, a recorder in tests) must apply a save whole or not at all, in
// the order saves were begun, and report back with BlockFile::save_finished().
// Journals and temporary files live only in memory: durability comes from the
// sink's atomic saves, not from a hot journal.
//
// The VFS is registered as "pathway-blocks"; SQLite3 Multiple Ciphers wraps it
// as "multipleciphers-pathway-blocks", which encrypts pages before they reach
// these blocks, so a sink never sees a plaintext page.
//
// Saves are cumulative since the last confirmed save: while a save is in
// flight, the next one carries its blocks again. A failed save (quota, closed
// database) therefore loses nothing and never leaves storage with a mix of
// states: the next save, or retry_save(), carries every unconfirmed block.
//
// Running out of memory never aborts: every allocation of file content
// (blocks, in-memory journals) goes through one function that may return
// nothing, and the VFS then answers SQLITE_NOMEM, which SQLite turns into a
// rolled-back statement. (The block index, 12 bytes a block, is not guarded.)
//
// Single-threaded by design (the wasm build has one thread): a BlockFile and
// the VFS are used from one thread only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"

namespace pathway::store {

inline constexpr const char* kBlockVfsName = "pathway-blocks";
inline constexpr const char* kEncryptedBlockVfsName = "multipleciphers-pathway-blocks";
// Chosen by measuring open time against save time (bench/browser_persist.mjs,
// see README, "Local store"): Chromium keeps each IndexedDB value over 64 KiB
// in a file of its own, so fewer, larger blocks read back faster, while a
// small save still writes only a few of them.
inline constexpr uint32_t kDefaultBlockSize = 256 * 1024;

// One changed block. `bytes` is valid only during BlockSink::begin_save().
struct BlockWrite {
  uint32_t index = 0;
  std::span<const std::byte> bytes;  // always block_size bytes (the end of the last block is zeros)
};

// Everything storage needs to move from the last confirmed state to this one.
struct BlockSave {
  uint64_t generation = 0;  // strictly increasing per file
  uint64_t file_size = 0;   // bytes; blocks at or past ceil(file_size / block_size) must be deleted
  uint32_t block_size = 0;
  std::vector<BlockWrite> blocks;
};

class BlockSink {
 public:
  virtual ~BlockSink() = default;
  // Contract: copy what you need before returning; apply the save atomically
  // (whole or not at all) after every save begun before it; then call
  // BlockFile::save_finished(save.generation, result), possibly later.
  virtual void begin_save(const BlockSave& save) = 0;
};

// The main database file: its blocks, dirty tracking and save bookkeeping.
class BlockFile {
 public:
  BlockFile(uint32_t block_size, BlockSink& sink);
  BlockFile(const BlockFile&) = delete;
  BlockFile& operator=(const BlockFile&) = delete;

  // Restoring persisted state before SQLite opens the file: begin, hand every
  // block, finish (which checks that no block is missing).
  Status begin_restore(uint64_t file_size, uint64_t generation);
  Status restore_block(uint32_t index, std::span<const std::byte> bytes);  // ErrorCode::storage: no memory
  Status finish_restore();

  // Called by the sink when a save is durable (ok) or has failed.
  void save_finished(uint64_t generation, const Status& result);
  // Begins a save of every unconfirmed block if there is one (after a failure).
  void retry_save();

  bool has_unsaved_changes() const;  // written or in flight, not yet confirmed
  bool save_in_flight() const { return last_begun_ > last_finished_; }
  bool last_save_failed() const { return !last_error_.empty(); }
  const std::string& last_error() const { return last_error_; }
  uint64_t confirmed_generation() const { return confirmed_; }
  // Called after every change of the save state above (begun, finished).
  void set_on_save_state_change(std::function<void()> listener) { on_change_ = std::move(listener); }

  uint32_t block_size() const { return block_size_; }
  uint64_t size() const { return size_; }
  size_t sync_count() const { return sync_count_; }

  // The file operations the VFS needs.
  bool read(void* out, size_t amount, uint64_t offset) const;  // false: short read (rest zero-filled)
  bool write(const void* data, size_t amount, uint64_t offset);  // false: out of memory (SQLITE_NOMEM)
  bool truncate(uint64_t size);                                   // false: out of memory
  void sync();             // SQLite's commit point: the transaction's pages are all written
  void commit_finished();  // the commit is complete: begin a save if one was synced

 private:
  size_t block_count() const { return static_cast<size_t>((size_ + block_size_ - 1) / block_size_); }
  std::byte* block_for_write(size_t index);
  void notify() const;

  uint32_t block_size_;
  BlockSink& sink_;
  uint64_t size_ = 0;
  std::vector<std::unique_ptr<std::byte[]>> blocks_;  // null: never written (zeros)
  // The generation of the save that first carries each block's latest write;
  // a block is unconfirmed while this is above confirmed_.
  std::vector<uint64_t> changed_in_;
  uint64_t next_generation_ = 1;
  uint64_t last_begun_ = 0;
  uint64_t last_finished_ = 0;
  uint64_t confirmed_ = 0;
  uint64_t size_changed_in_ = 0;  // a truncation is a change even without a block write
  size_t sync_count_ = 0;
  bool commit_pending_ = false;
  std::string last_error_;
  std::function<void()> on_change_;
  // Restore bookkeeping.
  std::vector<bool> restored_;
  bool restoring_ = false;
};

// Fault injection for tests, in SQLite's style (test/malloc_common.tcl): the
// `allocations`-th allocation of file content from now fails, and (when
// `persistent`) every one after it; a negative count turns failures off.
void fail_block_allocations_after(int allocations, bool persistent);

// Registers "pathway-blocks" and its encrypting wrapper (idempotent).
Status register_block_vfs();
// Makes `file` the content of database `path` on the VFS until detached. The
// file must outlive every connection that opens the path.
void attach_block_file(const std::string& path, BlockFile& file);
void detach_block_file(const std::string& path);

}  // namespace pathway::store
