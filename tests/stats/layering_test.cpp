// stats/ must know nobody (DESIGN.md): Boost.Math and std only.
#include <catch2/catch.hpp>

#include "tests/support/includes.h"

using tilfreds::testing::includes_of;
using tilfreds::testing::mentions;

TEST_CASE("stats/ includes only std, Boost.Math and stats/", "[layering]") {
  auto lines = includes_of("stats");
  CHECK(lines.size() > 10);
  for (const auto& inc : lines) {
    CAPTURE(inc.file, inc.line);
    if (inc.line.find('"') != std::string::npos) {
      CHECK(inc.line.find("\"stats/") != std::string::npos);
    } else {
      CHECK_FALSE(mentions(inc.line, {"sqlite", "httplib", "nlohmann", "mustache", "sodium", "CLI/"}));
      if (inc.line.find("<boost/") != std::string::npos) CHECK(inc.line.find("<boost/math/") != std::string::npos);
    }
  }
}
