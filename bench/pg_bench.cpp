// pg_bench: citizens against `tilfreds serve` processes that are already running (one or
// several on one database), for bench/pg_bench.sh, which starts them on SQLite and on
// PostgreSQL and reads the CPU time of every process. Each client walks whole citizens
// (bench/citizen_walk.h: link → intro → every theme → submit → /tak) on one server, the
// clients spread evenly over the servers, as a proxy's round robin would; every submission
// is durable before its 303 to /tak.
//
//   pg_bench --letters LETTERS.csv --ports 8081[,8082…] [--clients 32] [--walks 3000]
//            [--seconds 20]
//
// Prints one line: acknowledged submissions per second, p50/p99 of the submitting POST and
// of every request, errors, and this client's own CPU seconds (it shares the cores).
#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench/citizen_walk.h"
#include "intake/survey/demo_data.h"
#include "intake/survey/questionnaire.h"

namespace tb = tilfreds::bench;
using Clock = std::chrono::steady_clock;

namespace {

std::vector<std::string> letter_paths(const std::string& csv) {
  std::ifstream in(csv);
  std::vector<std::string> paths;
  std::string line;
  while (std::getline(in, line)) {
    auto at = line.find("/s/");
    if (at == std::string::npos) continue;  // the header
    paths.push_back(line.substr(at, line.find(';', at) - at));
  }
  return paths;
}

double cpu_seconds_of_this_process() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
  std::string letters;
  std::vector<int> ports;
  int clients = 32, walks = 3000;
  double seconds = 20;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i], v = argv[i + 1];
    if (a == "--letters") {
      letters = v;
    } else if (a == "--ports") {
      std::stringstream s(v);
      for (std::string p; std::getline(s, p, ',');) ports.push_back(std::stoi(p));
    } else if (a == "--clients") {
      clients = std::stoi(v);
    } else if (a == "--walks") {
      walks = std::stoi(v);
    } else if (a == "--seconds") {
      seconds = std::stod(v);
    }
  }
  const auto paths = letter_paths(letters);
  if (ports.empty() || paths.empty()) {
    std::fprintf(stderr, "usage: pg_bench --letters LETTERS.csv --ports P[,P…] [--clients N] [--walks N] [--seconds S]\n");
    return 2;
  }
  if (static_cast<std::size_t>(walks) > paths.size()) walks = static_cast<int>(paths.size());
  const auto questionnaire = *tilfreds::intake::survey::parse_questionnaire(
                                  tilfreds::intake::survey::shipped_survey("jobcenter.json"))
                                  .questionnaire;
  tb::WalkStats stats;
  std::atomic<int> next{0};
  const double cpu_before = cpu_seconds_of_this_process();
  const auto start = Clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
  std::vector<std::thread> pool;
  for (int i = 0; i < clients; ++i) {
    pool.emplace_back([&, i] {
      httplib::Client client("127.0.0.1", ports[static_cast<std::size_t>(i) % ports.size()]);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);  // (load_bench says why)
      client.set_read_timeout(30, 0);
      std::mt19937 rng(static_cast<unsigned>(i) + 1);
      for (int k = next++; k < walks && elapsed() < seconds; k = next++) {
        tb::walk_citizen(client, paths[static_cast<std::size_t>(k)], questionnaire, rng, stats);
      }
    });
  }
  for (auto& t : pool) t.join();
  const double s = elapsed();
  const double requests =
      static_cast<double>(stats.views.count() + stats.saves.count() + stats.submissions.count());
  std::printf("%zu server(s), %d clients: %6.1f submissions/s (%llu in %.1f s), submit p50 %6.2f ms"
              " p99 %7.2f ms; page save p99 %7.2f ms; %6.0f requests/s; %llu errors;"
              " client CPU %.1f s\n",
              ports.size(), clients, static_cast<double>(stats.acknowledged.load()) / s,
              static_cast<unsigned long long>(stats.acknowledged.load()), s,
              stats.submissions.quantile(0.5) / 1000, stats.submissions.quantile(0.99) / 1000,
              stats.saves.quantile(0.99) / 1000, requests / s,
              static_cast<unsigned long long>(stats.errors.load()),
              cpu_seconds_of_this_process() - cpu_before);
  return stats.errors.load() == 0 ? 0 : 1;
}
