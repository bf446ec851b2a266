#include "intake/cli/input_files.h"

#include <fstream>
#include <sstream>

namespace tilfreds::intake::cli {

namespace {
constexpr int kRefused = 1;
}

std::optional<std::string> read_file(const std::string& path, Context& ctx) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *ctx.err << "tilfreds: cannot read " << path << ": check the path and permissions\n";
    ctx.exit_code = kRefused;
    return std::nullopt;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void report(const Problems& problems, const std::string& subject, Context& ctx) {
  *ctx.err << "tilfreds: " << subject << " has " << problems.size()
           << (problems.size() == 1 ? " problem" : " problems") << ":\n";
  for (const auto& p : problems) *ctx.err << "  " << p << "\n";
  ctx.exit_code = kRefused;
}

}  // namespace tilfreds::intake::cli
