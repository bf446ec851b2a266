// db/ knows nobody in the project (DESIGN.md): SQLite and std only, no HTTP,
// templates, JSON, intake/ or stats/.
#include <catch2/catch.hpp>

#include "tests/support/includes.h"

using tilfreds::testing::includes_of;
using tilfreds::testing::mentions;

TEST_CASE("db/ includes only std, SQLite and db/", "[layering]") {
  auto lines = includes_of("db");
  CHECK(lines.size() > 10);
  for (const auto& inc : lines) {
    CAPTURE(inc.file, inc.line);
    if (inc.line.find('"') != std::string::npos) {
      // embedded_file.h is the build's own table of embedded migrations.
      CHECK(mentions(inc.line, {"\"db/", "\"embedded_file.h\""}));
    } else {
      CHECK_FALSE(mentions(inc.line, {"httplib", "nlohmann", "mustache", "sodium", "CLI/", "boost"}));
    }
  }
}
