// What only tests and benchmarks may do to a store: run raw SQL on its
// connection (outside any write), read rows as text, make the n-th statement
// step fail, and dump every table to compare a store before and after. Built
// into pathway_test_support, which the app and the server never link: the
// store's public interface (store.h) has no way in around Store::write().
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "store/store.h"

namespace pathway::store::testing {

// Runs one or more statements that take no parameters.
Status execute(Store& store, std::string_view sql);
// Runs one query and returns its rows as text (NULL as "NULL").
Result<std::vector<std::vector<std::string>>> query(Store& store, std::string_view sql);
// Makes the n-th statement step from now fail as if the disk had (0 = off).
void inject_fault(Store& store, int64_t nth_step);
// Every row of every table as text, tables by name, rows by their first column.
Result<std::string> dump(Store& store);

}  // namespace pathway::store::testing
