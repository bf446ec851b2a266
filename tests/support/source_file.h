// A file of the source tree as text, for tests that load shipped data (schemes,
// questionnaires); CTest sets TILFREDS_SOURCE_DIR, else the working directory.
#pragma once

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace tilfreds::testing {

inline std::string source_file(const std::string& path) {
  const char* src = std::getenv("TILFREDS_SOURCE_DIR");
  std::ifstream in(std::string(src ? src : ".") + "/" + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace tilfreds::testing
