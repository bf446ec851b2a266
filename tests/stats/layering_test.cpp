// stats/ must know nobody (DESIGN.md): Boost.Math and std only. Link lines
// cannot enforce that for headers, so this test reads the #includes.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

TEST_CASE("stats/ includes only std, Boost and stats/", "[layering]") {
  // CTest sets TILFREDS_SOURCE_DIR; run by hand, fall back to this file's place.
  const char* root = std::getenv("TILFREDS_SOURCE_DIR");
  const std::filesystem::path source =
      root != nullptr ? std::filesystem::path(root)
                      : std::filesystem::path(__FILE__).parent_path().parent_path().parent_path();
  const std::filesystem::path dir = source / "stats";
  REQUIRE(std::filesystem::is_directory(dir));
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const auto ext = entry.path().extension();
    if (ext != ".h" && ext != ".cpp") continue;
    ++files;
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind("#include", 0) != 0) continue;
      CAPTURE(entry.path().filename().string(), line);
      const bool quoted = line.find('"') != std::string::npos;
      if (quoted) {
        CHECK(line.find("\"stats/") != std::string::npos);
      } else {
        const bool boost = line.find("<boost/") != std::string::npos;
        const bool bad =
            line.find("sqlite") != std::string::npos || line.find("httplib") != std::string::npos ||
            line.find("nlohmann") != std::string::npos ||
            line.find("mustache") != std::string::npos ||
            line.find("sodium") != std::string::npos || line.find("CLI/") != std::string::npos;
        CHECK_FALSE(bad);
        if (boost) CHECK(line.find("<boost/math/") != std::string::npos);
      }
    }
  }
  CHECK(files > 10);
}
