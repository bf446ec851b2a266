// stats/ must know nobody (DESIGN.md): Boost.Math and std only.
#include <catch2/catch.hpp>

#include "tests/support/includes.h"

using namespace tilfreds::testing;

TEST_CASE("stats/ includes only std, Boost.Math and stats/", "[layering]") {
  CHECK(includes_of("stats").size() > 10);
  for (const auto& bad : layer_violations("stats", {"\"stats/"},
                                          {"sqlite", "httplib", "nlohmann", "mustache", "sodium", "CLI/"})) {
    FAIL_CHECK(bad.file << ": " << bad.line);
  }
  for (const auto& inc : includes_of("stats")) {
    if (inc.line.find("<boost/") != std::string::npos) CHECK(inc.line.find("<boost/math/") != std::string::npos);
  }
}
