// load_bench: the real server (web::Server + CitizenRoutes, as `tilfreds serve`
// builds it) on 127.0.0.1 over a fresh database with the shipped questionnaire,
// driven by keep-alive clients in the same process. In one run it measures
//   1. the disk: 4 KiB write + fdatasync in the database's directory (fsyncs/s);
//   2. the static ceiling: GET /static/style.css from N connections;
//   3. citizen walks by C clients: link → intro → five theme pages → submit → /tak,
//      every submission durable (group commit) before its 303 to /tak;
// and prints the ratios to the ceiling, the writer's commits against its jobs,
// and checks that every acknowledged submission is stored (FAIL, exit 1, if not).
//
// With --soak it instead holds a steady request rate of citizen walks for a given
// time and prints, per minute: requests, errors, p99, resident size, WAL size.
//
//   load_bench [--clients 64] [--walks 4000] [--seconds 60] [--static-seconds 5]
//              [--server-log FILE]
//   load_bench --soak [--minutes 30] [--clients 64] [--rate 1000] [--server-log FILE]
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "bench/citizen_walk.h"
#include "db/response_store.h"
#include "intake/survey/demo_data.h"
#include "tests/support/test_server.h"

namespace tb = tilfreds::bench;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
  bool soak = false;
  int clients = 64;
  int walks = 4000;
  double seconds = 60;         // bound on the walk phase
  double static_seconds = 5;
  double minutes = 30;         // soak
  double rate = 1000;          // soak: requests/s over all clients
  std::string server_log = "/dev/null";
};

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

httplib::Client loopback_client(int port) {
  httplib::Client c("127.0.0.1", port);
  c.set_keep_alive(true);
  // A POST goes out as headers then body: without this Nagle holds the body for the
  // server's delayed ACK (~40 ms), which would be measured as server latency.
  c.set_tcp_nodelay(true);
  c.set_read_timeout(30, 0);
  return c;
}

// ---- The disk ----------------------------------------------------------------

// What one durable commit costs at least on this file system: a 4 KiB page written
// into an already allocated file and made durable with fdatasync, as SQLite does for
// a WAL commit once the WAL has its size (it is rewritten from the start, not grown).
void measure_fsync(const std::string& dir) {
  const std::string path = dir + "/fsync-probe";
  int fd = ::open(path.c_str(), O_CREAT | O_WRONLY | O_TRUNC, 0600);
  if (fd < 0) {
    std::printf("fsync probe: cannot open %s\n", path.c_str());
    return;
  }
  std::vector<char> page(4096, 'x');
  for (int i = 0; i < 256; ++i) {
    if (::write(fd, page.data(), page.size()) != static_cast<ssize_t>(page.size())) break;
  }
  ::fsync(fd);
  const auto start = Clock::now();
  int n = 0;
  while (n < 5000 && seconds_since(start) < 2.0) {
    off_t at = static_cast<off_t>(n % 256) * 4096;
    if (::pwrite(fd, page.data(), page.size(), at) != static_cast<ssize_t>(page.size()) ||
        ::fdatasync(fd) != 0) {
      std::printf("fsync probe: write failed\n");
      break;
    }
    ++n;
  }
  const double s = seconds_since(start);
  ::close(fd);
  std::filesystem::remove(path);
  std::printf("disk:      %6d x (4 KiB write + fdatasync) in %.2f s = %8.0f fsyncs/s, %7.1f us per fsync\n",
              n, s, n / s, s * 1e6 / n);
}

// ---- The static ceiling ------------------------------------------------------

struct Ceiling {
  double per_second;
  double p50_us, p99_us;
  std::uint64_t errors;
};

Ceiling static_ceiling(int port, int connections, double seconds) {
  tb::Histogram latency;
  std::atomic<std::uint64_t> errors{0};
  std::vector<std::thread> pool;
  const auto start = Clock::now();
  for (int i = 0; i < connections; ++i) {
    pool.emplace_back([&] {
      auto client = loopback_client(port);
      while (seconds_since(start) < seconds) {
        auto t = Clock::now();
        auto r = client.Get("/static/style.css");
        latency.record(static_cast<std::uint64_t>(
            std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - t).count()));
        if (!r || r->status != 200) errors.fetch_add(1);
      }
    });
  }
  for (auto& t : pool) t.join();
  const double s = seconds_since(start);
  return {static_cast<double>(latency.count()) / s, latency.quantile(0.5), latency.quantile(0.99),
          errors.load()};
}

// ---- Checks ------------------------------------------------------------------

std::int64_t stored_responses(tilfreds::testing::TestServer& server) {
  std::int64_t n = 0;
  server.db().read([&](tilfreds::db::Connection& c) {
    for (const auto& [value, count] : tilfreds::db::respondent_counts(c, server.wave().id, "all")) n += count;
  });
  return n;
}

// Every 303 → /tak must be a stored response (and nothing else may be).
bool verify_stored(tilfreds::testing::TestServer& server, const tb::WalkStats& stats) {
  const auto stored = stored_responses(server);
  const auto acknowledged = static_cast<std::int64_t>(stats.acknowledged.load());
  const bool ok = stored == acknowledged;
  std::printf("check:     %lld acknowledged (303 -> /tak), %lld stored: %s\n",
              static_cast<long long>(acknowledged), static_cast<long long>(stored),
              ok ? "PASS" : "FAIL");
  return ok;
}

long file_kib(const std::string& path) {
  std::error_code ec;
  auto size = std::filesystem::file_size(path, ec);
  return ec ? 0 : static_cast<long>(size / 1024);
}

// ---- Peak: how fast, against the ceiling ---------------------------------------

int run_peak(const Options& o) {
  tilfreds::testing::TestServer server(o.walks);
  const auto questionnaire = *tilfreds::intake::survey::parse_questionnaire(
                                  tilfreds::intake::survey::shipped_survey("jobcenter.json"))
                                  .questionnaire;
  const std::string dir = std::filesystem::path(server.db().path()).parent_path().string();
  std::printf("load_bench: server on 127.0.0.1:%d, database %s, %u cores\n", server.port(),
              server.db().path().c_str(), std::thread::hardware_concurrency());
  measure_fsync(dir);

  const Ceiling ceiling = static_ceiling(server.port(), o.clients, o.static_seconds);
  std::printf("static:    GET /static/style.css, %d connections, %.0f s: %9.0f req/s, p50 %6.2f ms, p99 %6.2f ms, %llu errors\n",
              o.clients, o.static_seconds, ceiling.per_second, ceiling.p50_us / 1000, ceiling.p99_us / 1000,
              static_cast<unsigned long long>(ceiling.errors));

  tb::WalkStats stats;
  std::atomic<int> next{0};
  const auto before = server.db().writer_stats();
  const auto start = Clock::now();
  std::vector<std::thread> pool;
  for (int i = 0; i < o.clients; ++i) {
    pool.emplace_back([&, i] {
      auto client = loopback_client(server.port());
      std::mt19937 rng(static_cast<unsigned>(i) + 1);
      for (int k = next++; k < o.walks && seconds_since(start) < o.seconds; k = next++) {
        tb::walk_citizen(client, server.link_path(static_cast<std::size_t>(k)), questionnaire, rng, stats);
      }
    });
  }
  for (auto& t : pool) t.join();
  const double s = seconds_since(start);
  const auto after = server.db().writer_stats();

  const double submissions = static_cast<double>(stats.submissions.count()) / s;
  const double views = static_cast<double>(stats.views.count()) / s;
  const double saves = static_cast<double>(stats.saves.count()) / s;
  const double all = submissions + views + saves;
  std::printf("walks:     %d clients, %llu walks in %.2f s (%llu errors)\n", o.clients,
              static_cast<unsigned long long>(stats.acknowledged.load()), s,
              static_cast<unsigned long long>(stats.errors.load()));
  auto line = [](const char* what, double rate, const tb::Histogram& h) {
    std::printf("  %-34s %9.0f /s, p50 %6.2f ms, p99 %6.2f ms\n", what, rate, h.quantile(0.5) / 1000,
                h.quantile(0.99) / 1000);
  };
  line("page views (GET)", views, stats.views);
  line("page saves (POST, durable draft)", saves, stats.saves);
  line("submissions (POST, durable)", submissions, stats.submissions);
  std::printf("  %-34s %9.0f /s\n", "all requests", all);
  const auto jobs = after.jobs - before.jobs, commits = after.commits - before.commits;
  std::printf("writer:    %llu durable writes in %llu commits = %.1f writes per commit (%.0f commits/s)\n",
              static_cast<unsigned long long>(jobs), static_cast<unsigned long long>(commits),
              commits ? static_cast<double>(jobs) / static_cast<double>(commits) : 0.0,
              static_cast<double>(commits) / s);
  std::printf("ratios to the static ceiling: all requests %.3f, page views %.3f, submissions %.4f"
              " (a walk is %.1f requests)\n",
              all / ceiling.per_second, views / ceiling.per_second, submissions / ceiling.per_second,
              stats.acknowledged ? all * s / static_cast<double>(stats.acknowledged.load()) : 0.0);
  std::printf("memory:    load_bench process (server + clients) VmRSS %ld KiB, WAL %ld KiB\n",
              tb::resident_kib(), file_kib(server.db().path() + "-wal"));
  const bool ok = verify_stored(server, stats) && stats.errors.load() == 0 && ceiling.errors == 0;
  if (!ok) std::printf("FAIL\n");
  return ok ? 0 : 1;
}

// ---- Soak: steady for a long time ---------------------------------------------

int run_soak(const Options& o) {
  // A walk is ~14 requests; enough invitees for the whole run at the target rate.
  const int invitees = static_cast<int>(o.rate * o.minutes * 60 / 13 * 1.1) + o.clients;
  std::printf("soak: importing %d invitees...\n", invitees);
  tilfreds::testing::TestServer server(invitees);
  const auto questionnaire = *tilfreds::intake::survey::parse_questionnaire(
                                  tilfreds::intake::survey::shipped_survey("jobcenter.json"))
                                  .questionnaire;
  const std::string wal = server.db().path() + "-wal";
  std::printf("soak: %d keep-alive clients, target %.0f requests/s, %.0f minutes, server on 127.0.0.1:%d\n",
              o.clients, o.rate, o.minutes, server.port());
  std::printf("%6s %9s %7s %9s %9s %11s %9s\n", "minute", "requests", "errors", "p99 ms", "submits",
              "RSS KiB", "WAL KiB");

  tb::WalkStats stats;
  std::atomic<int> next{0};
  std::atomic<bool> stop{false};
  const auto interval = std::chrono::duration_cast<Clock::duration>(
      std::chrono::duration<double>(o.clients / o.rate));
  std::vector<std::thread> pool;
  for (int i = 0; i < o.clients; ++i) {
    pool.emplace_back([&, i] {
      auto client = loopback_client(server.port());
      std::mt19937 rng(static_cast<unsigned>(i) + 1);
      // Spread the clients' first requests over one interval.
      auto due = Clock::now() + interval * i / o.clients;
      auto pace = [&] {
        due += interval;
        // Behind by more than a second (a stall): start afresh rather than burst.
        if (Clock::now() - due > std::chrono::seconds(1)) due = Clock::now();
        std::this_thread::sleep_until(due);
      };
      for (int k = next++; k < invitees && !stop; k = next++) {
        tb::walk_citizen(client, server.link_path(static_cast<std::size_t>(k)), questionnaire, rng, stats, pace);
      }
    });
  }

  auto merged = [&] {
    auto a = stats.views.snapshot(), b = stats.saves.snapshot(), c = stats.submissions.snapshot();
    for (std::size_t i = 0; i < a.size(); ++i) a[i] += b[i] + c[i];
    return a;
  };
  auto total = [](const std::vector<std::uint64_t>& v) {
    std::uint64_t n = 0;
    for (auto x : v) n += x;
    return n;
  };
  const auto start = Clock::now();
  auto previous = merged();
  std::uint64_t previous_errors = 0, previous_submits = 0;
  long rss_min = -1, rss_max = 0, wal_max = 0;
  std::uint64_t worst_minute_errors = 0;
  const int minutes = static_cast<int>(o.minutes + 0.5);
  for (int m = 1; m <= minutes && next < invitees; ++m) {
    std::this_thread::sleep_until(start + std::chrono::minutes(m));
    auto now = merged();
    const auto errors = stats.errors.load(), submits = stats.submissions.count();
    const long rss = tb::resident_kib(), wal_kib = file_kib(wal);
    std::printf("%6d %9llu %7llu %9.2f %9llu %11ld %9ld\n", m,
                static_cast<unsigned long long>(total(now) - total(previous)),
                static_cast<unsigned long long>(errors - previous_errors),
                tb::Histogram::quantile_between(previous, now, 0.99) / 1000,
                static_cast<unsigned long long>(submits - previous_submits), rss, wal_kib);
    std::fflush(stdout);
    worst_minute_errors = std::max(worst_minute_errors, errors - previous_errors);
    if (m > 1) rss_min = rss_min < 0 ? rss : std::min(rss_min, rss);  // after warm-up
    rss_max = std::max(rss_max, rss);
    wal_max = std::max(wal_max, wal_kib);
    previous = std::move(now);
    previous_errors = errors;
    previous_submits = submits;
  }
  stop = true;
  for (auto& t : pool) t.join();
  const double s = seconds_since(start);
  const auto all = total(merged());
  std::printf("soak: %llu requests in %.0f s (%.0f/s), %llu errors, %llu submissions; RSS after minute 1 %ld..%ld KiB;"
              " WAL max %ld KiB\n",
              static_cast<unsigned long long>(all), s, static_cast<double>(all) / s,
              static_cast<unsigned long long>(stats.errors.load()),
              static_cast<unsigned long long>(stats.acknowledged.load()), rss_min, rss_max, wal_max);
  const bool ok = verify_stored(server, stats) && stats.errors.load() == 0;
  if (!ok) std::printf("FAIL\n");
  return ok ? 0 : 1;
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&] {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "load_bench: %s needs a value\n", a.c_str());
        std::exit(2);
      }
      return std::string(argv[++i]);
    };
    if (a == "--soak") o.soak = true;
    else if (a == "--clients") o.clients = std::max(1, std::stoi(value()));
    else if (a == "--walks") o.walks = std::max(1, std::stoi(value()));
    else if (a == "--seconds") o.seconds = std::stod(value());
    else if (a == "--static-seconds") o.static_seconds = std::stod(value());
    else if (a == "--minutes") o.minutes = std::stod(value());
    else if (a == "--rate") o.rate = std::max(1.0, std::stod(value()));
    else if (a == "--server-log") o.server_log = value();
    else {
      std::fprintf(stderr, "usage: load_bench [--clients N] [--walks N] [--seconds S] [--static-seconds S]\n"
                           "                  [--soak --minutes M --rate R] [--server-log FILE]\n");
      std::exit(2);
    }
  }
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  // The server writes one access-log line per request to stderr.
  if (!std::freopen(o.server_log.c_str(), "a", stderr)) return 2;
  return o.soak ? run_soak(o) : run_peak(o);
}
