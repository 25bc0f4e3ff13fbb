// Unique temporary folders (temp_folder.h).
#include "support/temp_folder.h"

#include <stdlib.h>

#include <cerrno>
#include <string>
#include <system_error>

namespace pathway::testing {

TempFolder::TempFolder(std::string_view purpose) {
  std::string name = (std::filesystem::temp_directory_path() / ("pathway-" + std::string(purpose) + "-XXXXXX")).string();
  if (!mkdtemp(name.data())) {
    throw std::filesystem::filesystem_error("cannot make a temporary folder", name,
                                            std::error_code(errno, std::generic_category()));
  }
  path_ = name;
}

TempFolder::~TempFolder() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace pathway::testing
