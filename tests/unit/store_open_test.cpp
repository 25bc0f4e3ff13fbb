// Opening the store: plain and encrypted files, the raw key, wrong keys,
// migrations on a fresh database, and what an encrypted file looks like on disk.
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

#include "store/store.h"
#include "support/store_testing.h"
#include "store/uuid.h"

using namespace pathway;

namespace {

const std::string key_a(64, 'a');
const std::string key_b = std::string(63, 'a') + "b";

// A fresh path under /tmp, removed (with its WAL files) on destruction.
struct TempPath {
  std::string path = "/tmp/pathway_store_test_" + store::new_uuid() + ".db";
  ~TempPath() {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::remove((path + suffix).c_str());
  }
};

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("store open: in memory, migrated to the latest schema") {
  auto opened = store::Store::open({.path = ":memory:"});
  REQUIRE(opened.ok());
  auto version = (*opened)->schema_version();
  REQUIRE(version.ok());
  CHECK(*version >= 1);
}

TEST_CASE("store open: bad options are rejected with the field") {
  struct Case {
    store::OpenOptions options;
    std::string field;
  };
  const Case cases[] = {
      {{.path = ""}, "path"},
      {{.path = ":memory:", .raw_key_hex = "abc"}, "raw_key_hex"},               // too short
      {{.path = ":memory:", .raw_key_hex = std::string(64, 'g')}, "raw_key_hex"},  // not hex
      {{.path = ":memory:", .raw_key_hex = std::string(66, 'a')}, "raw_key_hex"},  // too long
  };
  for (const auto& c : cases) {
    auto opened = store::Store::open(c.options);
    REQUIRE_FALSE(opened.ok());
    CHECK(opened.error().code == ErrorCode::invalid_input);
    CHECK(opened.error().field == c.field);
  }
}

TEST_CASE("store open: an encrypted file opens with its key only, and holds no plaintext") {
  TempPath file;
  const std::string marker = "Fictional-Marker-Zebra-Quokka";
  {
    auto opened = store::Store::open({.path = file.path, .raw_key_hex = key_a});
    REQUIRE(opened.ok());
    auto saved = (*opened)->write({}, Instant{1'700'000'000}, [&](store::Writer& w) {
      return w.set_setting("marker", marker);
    });
    REQUIRE(saved.ok());
  }
  {
    auto wrong = store::Store::open({.path = file.path, .raw_key_hex = key_b});
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().code == ErrorCode::wrong_key);
    auto unkeyed = store::Store::open({.path = file.path});
    REQUIRE_FALSE(unkeyed.ok());
    CHECK(unkeyed.error().code == ErrorCode::wrong_key);
  }
  {
    auto right = store::Store::open({.path = file.path, .raw_key_hex = key_a});
    REQUIRE(right.ok());
    auto value = (*right)->setting("marker");
    REQUIRE(value.ok());
    CHECK(value->value_or("") == marker);
  }
  const std::string bytes = file_bytes(file.path) + file_bytes(file.path + "-wal");
  CHECK(bytes.size() > 4096);
  CHECK(bytes.find("SQLite format 3") == std::string::npos);
  CHECK(bytes.find(marker) == std::string::npos);
  CHECK(bytes.find("outbox") == std::string::npos);  // table names are encrypted too
}

TEST_CASE("store open: a plain file is readable as SQLite (the control for the test above)") {
  TempPath file;
  const std::string marker = "Fictional-Marker-Zebra-Quokka";
  {
    auto opened = store::Store::open({.path = file.path});
    REQUIRE(opened.ok());
    REQUIRE((*opened)->write({}, Instant{1'700'000'000}, [&](store::Writer& w) { return w.set_setting("marker", marker); }).ok());
    REQUIRE(store::testing::execute(**opened, "PRAGMA wal_checkpoint(TRUNCATE)").ok());
  }
  const std::string bytes = file_bytes(file.path);
  CHECK(bytes.starts_with("SQLite format 3"));
  CHECK(bytes.find(marker) != std::string::npos);
  auto keyed = store::Store::open({.path = file.path, .raw_key_hex = key_a});
  REQUIRE_FALSE(keyed.ok());
  CHECK(keyed.error().code == ErrorCode::wrong_key);
}

TEST_CASE("store uuid: version 4, canonical, distinct") {
  const std::string a = store::new_uuid(), b = store::new_uuid();
  CHECK(store::is_uuid(a));
  CHECK(a != b);
  CHECK(a[14] == '4');
  CHECK(std::string("89ab").find(a[19]) != std::string::npos);
  CHECK_FALSE(store::is_uuid("not-a-uuid"));
  CHECK_FALSE(store::is_uuid(std::string(36, 'a')));
}
