// The statistics calculator's CSV input (`tilfreds stats compare|rate FILE`): any
// bytes as the file. Bad input must end as a usage error (exit code 2), never as an
// exception escaping the command (a "fault", exit 3) or undefined behaviour.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "fuzz/fuzz_input.h"
#include "intake/cli/stats_command.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tilfreds::intake::cli;
  if (size < 1 || size > 64 * 1024) return 0;
  static const std::string file =
      (std::filesystem::exists("/dev/shm") ? std::string("/dev/shm") : std::string("/tmp")) +
      "/tilfreds-fuzz-stats-" + std::to_string(getpid()) + ".csv";
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data + 1), static_cast<std::streamsize>(size - 1));
  }
  std::ostringstream out, err;
  Context ctx;
  ctx.out = &out;
  ctx.err = &err;
  CLI::App app;
  add_stats_command(app, ctx);
  // CLI11 takes a vector of arguments in reverse order.
  std::vector<std::string> args{file, (data[0] & 1) ? "rate" : "compare", "stats"};
  app.parse(args);
  tilfreds::fuzz::expect(ctx.exit_code == 0 || ctx.exit_code == 2, "exit code 0 or 2");
  return 0;
}
