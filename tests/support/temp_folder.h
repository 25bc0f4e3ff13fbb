// A temporary folder of this process's own, removed with everything in it
// when the object goes. Several test and benchmark runs share this machine
// at once, so a fixed name under /tmp would let one run delete or read
// another's files: the name is made unique by mkdtemp.
#pragma once

#include <filesystem>
#include <string_view>

namespace pathway::testing {

class TempFolder {
 public:
  // A new empty folder in the system's temporary folder, named
  // "pathway-<purpose>-XXXXXX"; throws std::filesystem::filesystem_error if
  // it cannot be made.
  explicit TempFolder(std::string_view purpose);
  ~TempFolder();
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(std::string_view name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

}  // namespace pathway::testing
