// The #include lines of a source folder, for the layering tests (DESIGN.md: stats
// knows nobody, db knows nobody in the project). Link lines cannot enforce that
// for headers, so the tests read the includes.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace tilfreds::testing {

struct IncludeLine {
  std::string file;
  std::string line;  // e.g. #include "db/connection.h"
};

// Every #include in FOLDER's .h/.cpp files (recursively), FOLDER relative to the
// source tree (CTest sets TILFREDS_SOURCE_DIR).
inline std::vector<IncludeLine> includes_of(const std::string& folder) {
  const char* root = std::getenv("TILFREDS_SOURCE_DIR");
  std::filesystem::path dir = std::filesystem::path(root ? root : ".") / folder;
  std::vector<IncludeLine> out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    auto ext = entry.path().extension();
    if (ext != ".h" && ext != ".cpp") continue;
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind("#include", 0) == 0) out.push_back({entry.path().filename().string(), line});
    }
  }
  return out;
}

inline bool mentions(const std::string& line, std::initializer_list<const char*> words) {
  for (const char* w : words) {
    if (line.find(w) != std::string::npos) return true;
  }
  return false;
}

// The includes of FOLDER that break its layer: a quoted include naming none of
// `own` (the folder's own prefixes), or an <include> naming any of `forbidden`.
inline std::vector<IncludeLine> layer_violations(const std::string& folder,
                                                 std::initializer_list<const char*> own,
                                                 std::initializer_list<const char*> forbidden) {
  std::vector<IncludeLine> out;
  for (const auto& inc : includes_of(folder)) {
    bool quoted = inc.line.find('"') != std::string::npos;
    if (quoted ? !mentions(inc.line, own) : mentions(inc.line, forbidden)) out.push_back(inc);
  }
  return out;
}

}  // namespace tilfreds::testing
