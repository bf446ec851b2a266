// intake/web is the bottom of intake (DESIGN.md): the server, requests, pages and
// routing know nothing of the survey, complaints, staff, reports, the CLI or the
// Site that assembles them — those depend on web/, never the reverse.
#include <catch2/catch.hpp>

#include "tests/support/includes.h"

using namespace tilfreds::testing;

TEST_CASE("intake/web includes only itself, db/ and intake's shared helpers", "[layering]") {
  CHECK(includes_of("intake/web").size() > 10);
  for (const auto& bad : layer_violations("intake/web",
                                          {"\"intake/web/", "\"db/", "\"intake/text.h\"",
                                           "\"intake/secret_shapes.h\"", "\"embedded_file.h\""},
                                          {})) {
    FAIL_CHECK(bad.file << ": " << bad.line);
  }
}
