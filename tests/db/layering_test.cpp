// db/ knows nobody in the project (DESIGN.md): SQLite and std only, no HTTP,
// templates, JSON, intake/ or stats/. embedded_file.h is the build's table of
// embedded migrations.
#include <catch2/catch.hpp>

#include "tests/support/includes.h"

using namespace tilfreds::testing;

TEST_CASE("db/ includes only std, SQLite and db/", "[layering]") {
  CHECK(includes_of("db").size() > 10);
  for (const auto& bad : layer_violations("db", {"\"db/", "\"embedded_file.h\""},
                                          {"httplib", "nlohmann", "mustache", "sodium", "CLI/", "boost"})) {
    FAIL_CHECK(bad.file << ": " << bad.line);
  }
}
