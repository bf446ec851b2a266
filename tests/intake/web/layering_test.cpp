// intake/web is the bottom of intake (DESIGN.md): the server, requests, pages and
// routing know nothing of the survey, complaints, staff, reports, the CLI or the
// Site that assembles them — those depend on web/, never the reverse. What web/ may
// use besides db/ are intake's shared helpers at intake/'s root, which themselves
// include nothing of the project but their own header.
#include <catch2/catch.hpp>

#include "tests/support/includes.h"

using namespace tilfreds::testing;

TEST_CASE("intake/web includes only itself, db/ and intake's shared helpers", "[layering]") {
  CHECK(includes_of("intake/web").size() > 10);
  for (const auto& bad : layer_violations("intake/web",
                                          {"\"intake/web/", "\"db/", "\"intake/text.h\"", "\"intake/dates.h\"",
                                           "\"intake/problem.h\"", "\"intake/secret_shapes.h\"",
                                           "\"embedded_file.h\""},
                                          {})) {
    FAIL_CHECK(bad.file << ": " << bad.line);
  }
  // The helpers stay below web/: each includes only its own header.
  for (const auto& inc : includes_of("intake")) {
    const std::string& f = inc.file;
    if (f.rfind("text.", 0) != 0 && f.rfind("dates.", 0) != 0 && f.rfind("problem.", 0) != 0 &&
        f.rfind("secret_shapes.", 0) != 0) {
      continue;
    }
    if (inc.line.find('"') == std::string::npos) continue;
    const std::string own = "\"intake/" + f.substr(0, f.find('.')) + ".h\"";
    if (inc.line.find(own) == std::string::npos) FAIL_CHECK(f << ": " << inc.line);
  }
}
