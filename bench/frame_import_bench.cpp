// A frame of N invitees imported the three ways an administrator can: checked only
// (the parse every upload gets before anything is stored), imported by the shared
// function (`tilfreds invite import`), and uploaded through the real server's page
// until its import job has finished (what the browser waits for). Sizes 10,000 and
// N in the same run, so the per-row ratio shows whether the cost grows linearly.
//
//   ./build/bench/frame_import_bench [rows=100000]
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

#include "intake/fieldwork/administration.h"
#include "intake/survey/frame.h"
#include "tests/support/staff_login.h"
#include "tests/support/test_server.h"
#include "tests/support/temp_dir.h"

namespace survey = tilfreds::intake::survey;
namespace fieldwork = tilfreds::intake::fieldwork;
using Clock = std::chrono::steady_clock;

namespace {
std::string frame_of(int rows) {
  std::string f = "\xEF\xBB\xBFreference;group;tilbud\r\n";
  for (int i = 0; i < rows; ++i) {
    f += "B-" + std::to_string(i) + ";" + (i % 2 ? "Kontanthjælp" : "dagpenge") + ";praktik\r\n";
  }
  return f;
}

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

void run(int rows) {
  std::string frame = frame_of(rows);
  tilfreds::testing::TestServer server(0);
  auto q = survey::questionnaire_for(server.db(), server.wave());
  auto t = Clock::now();
  auto parsed = survey::parse_frame(frame, q);
  double check = seconds_since(t);
  if (!parsed.problems.empty()) std::fprintf(stderr, "frame has problems\n");

  auto wave = fieldwork::create_wave(server.db(), tilfreds::intake::staff::Actor::cli(), "jobcenter", 1, "cli", {}, {});
  t = Clock::now();
  auto imported = fieldwork::import_frame(server.db(), tilfreds::intake::staff::Actor::cli(), *wave.value, frame,
                                          "https://svar.example.dk", false);
  double cli = seconds_since(t);

  tilfreds::testing::create_user(server.db(), "bench", tilfreds::intake::staff::Role::kSecretary, "korrekt hest batteri");
  tilfreds::testing::Browser b(server.port());
  tilfreds::testing::login(b, "bench", "korrekt hest batteri");
  b.get("/undersoegelser");
  t = Clock::now();
  auto r = b.post_files("/undersoegelser/runder/" + std::to_string(server.wave().id) + "/ramme",
                        {{"csrf", b.csrf()}, {"noegle", "bench"}}, {{"fil", "ramme.csv", frame}});
  std::string job = r ? r->get_header_value("Location") : "";
  while (r && r->status < 400) {
    r = b.get(job);
    if (!r || r->body.find("http-equiv=\"refresh\"") == std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  double web = seconds_since(t);
  std::printf("%7d rows  %6.1f MB  check %6.3f s  import (CLI) %6.2f s = %5.1f µs/row  upload+job (web) %6.2f s"
              "  (%zu imported)\n",
              rows, frame.size() / 1e6, check, cli, cli * 1e6 / rows, web, imported.letters.size());
}
}  // namespace

int main(int argc, char** argv) {
  int rows = argc > 1 ? std::atoi(argv[1]) : 100000;
  run(10000);
  run(rows);
}
