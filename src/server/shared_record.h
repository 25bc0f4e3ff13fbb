// The shared record (src/store) as the server's request threads use it: one
// SQLite connection, so one thread at a time, each use under the lock.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "store/store.h"

namespace pathway::server {

// The server's store holds the shared record itself: nothing it writes is
// waiting to be pushed anywhere, so it keeps no outbox.
inline Result<std::unique_ptr<store::Store>> open_shared_record(const std::string& path) {
  return store::Store::open({.path = path, .outbox = false});
}

class SharedRecord {
 public:
  explicit SharedRecord(store::Store& store) : store_(store) {}

  // Calls `use(store)` holding the lock, and returns what it returns.
  template <class F>
  auto with(F&& use) {
    const std::lock_guard lock(mutex_);
    return use(store_);
  }

 private:
  std::mutex mutex_;
  store::Store& store_;
};

}  // namespace pathway::server
