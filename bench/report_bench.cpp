// report_bench: what the three-year comparison report costs as stored responses grow
// from 10^4 to 10^7 (DESIGN.md: reports read the counts maintained at submission,
// so the cost must not grow), beside Python/pandas computing the percent table
// from the raw response rows of the same database in the same run; and the
// resident size of a `tilfreds serve` process over 10^6 stored responses.
//
// One database grows step by step (each size reuses the rows before it), filled
// through db::store_responses with the demo's answer draws; it is deleted at the end.
//
//   report_bench [--max 1000000] [--dir /tmp] [--repetitions 5]
//                [--pandas bench/report_pandas.py] [--pandas-from 1000000]
//                [--tilfreds build/intake/tilfreds] [--python /usr/bin/python3]
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "bench/citizen_walk.h"
#include "db/response_store.h"
#include "intake/survey/demo_data.h"
#include "intake/survey/fieldwork.h"
#include "intake/reports/build_report.h"
#include "intake/reports/render.h"
#include "intake/web/render.h"

namespace sv = tilfreds::intake::survey;
using tilfreds::db::Connection;
using tilfreds::db::Database;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
  std::int64_t max = 1000000;
  std::string dir = std::filesystem::temp_directory_path().string();
  int repetitions = 5;
  std::string pandas = "bench/report_pandas.py";
  std::int64_t pandas_from = 1000000;
  std::string tilfreds = "build/intake/tilfreds";
  std::string python = "/usr/bin/python3";  // Debian's, where python3-pandas is installed
};

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// ---- The report ----------------------------------------------------------------

// "Build the comparison report": exactly what `tilfreds report comparison --format html`
// and the secretaries' web form do — parse the request, read the counts of every wave,
// build every table with its tests and the method note, render the HTML.
struct BuiltReport {
  std::size_t tables = 0;
  std::size_t bytes = 0;
};
BuiltReport build_report(Database& db, const std::vector<tilfreds::db::WaveRow>& waves,
                         const tilfreds::intake::web::Renderer& renderer) {
  namespace rp = tilfreds::intake::reports;
  rp::ReportArgs args;
  args.kind = "comparison";
  args.survey = waves.front().survey_id;
  for (const auto& w : waves) args.waves += (args.waves.empty() ? "" : ",") + w.label;
  args.format = "html";
  auto request = rp::parse_report_request(db, args);
  if (!request.ok()) throw std::runtime_error("report request refused: " + request.problems.front().message);
  auto document = rp::build_report(db, *request.value, renderer);
  if (!document.ok()) throw std::runtime_error("report refused: " + document.problems.front().message);
  BuiltReport out;
  for (const auto& section : document.value->sections) {
    for (const auto& block : section.blocks) out.tables += block.table.has_value();
  }
  out.bytes = rp::render(*document.value, rp::Format::kHtml, renderer).bytes.size();
  return out;
}

// ---- Filling the database ------------------------------------------------------

class Filler {
 public:
  Filler(Database& db, const sv::Questionnaire& q, const std::vector<tilfreds::db::WaveRow>& waves)
      : db_(db), rng_(20240901) {
    // A pool of distinct respondents per wave, drawn as the demo draws them; the
    // stored rows are picked from it at random (drawing 10^7 anew would dominate).
    for (std::size_t w = 0; w < waves.size(); ++w) {
      for (int i = 0; i < 4096; ++i) pool_.push_back(sv::random_response(q, waves[w].id, static_cast<int>(w), rng_));
    }
  }
  std::int64_t stored() const { return stored_; }

  // Stores responses until `target` are stored, in transactions of 10^5.
  void fill_to(std::int64_t target) {
    std::vector<tilfreds::db::NewResponse> batch;
    while (stored_ < target) {
      const auto n = static_cast<std::size_t>(std::min<std::int64_t>(100000, target - stored_));
      batch.resize(n);
      // Assignment reuses each element's strings: no allocation per response.
      for (auto& r : batch) r = pool_[rng_() % pool_.size()];
      db_.write([&](Connection& c) { tilfreds::db::store_responses(c, batch); });
      stored_ += static_cast<std::int64_t>(n);
    }
  }

 private:
  Database& db_;
  std::mt19937 rng_;
  std::vector<tilfreds::db::NewResponse> pool_;
  std::int64_t stored_ = 0;
};

// ---- Outside processes -----------------------------------------------------------

// Runs `argv` with stdout captured; returns it ("" if it failed).
std::string run_captured(const std::vector<std::string>& argv) {
  std::string command;
  for (const auto& a : argv) command += "'" + a + "' ";
  FILE* p = ::popen(command.c_str(), "r");
  if (!p) return "";
  std::string out;
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  return ::pclose(p) == 0 ? out : "";
}

// A free loopback port: a socket bound to port 0, its port read, the socket closed
// (the server binds the port next; SO_REUSEADDR there makes that safe).
int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  int port = 0;
  if (fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  if (fd >= 0) ::close(fd);
  return port;
}

// `tilfreds serve` on the database as production runs it; returns its VmRSS in
// KiB after `walks` citizens have gone through the questionnaire (-1 on failure).
long served_resident_kib(const Options& o, const std::string& db_path, const sv::Questionnaire& q,
                         const std::vector<sv::Letter>& letters, int walks, std::uint64_t& errors) {
  const int port = free_port();
  const std::string port_text = std::to_string(port);
  pid_t pid = ::fork();
  if (pid == 0) {
    std::freopen("/dev/null", "w", stdout);
    std::freopen("/dev/null", "w", stderr);
    ::execl(o.tilfreds.c_str(), o.tilfreds.c_str(), "--db", db_path.c_str(), "serve", "--port",
            port_text.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(1, 0);
  client.set_keep_alive(true);
  client.set_tcp_nodelay(true);
  bool up = false;
  for (int i = 0; i < 200 && !up; ++i) {
    auto r = client.Get("/healthz");
    up = r && r->status == 200;
    if (!up) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  long rss = -1;
  if (up) {
    tilfreds::bench::WalkStats stats;
    std::mt19937 rng(7);
    for (int i = 0; i < walks && i < static_cast<int>(letters.size()); ++i) {
      const std::string& url = letters[static_cast<std::size_t>(i)].url;
      tilfreds::bench::walk_citizen(client, url.substr(url.find("/s/")), q, rng, stats);
    }
    errors = stats.errors.load();
    rss = tilfreds::bench::resident_kib(pid);
  }
  ::kill(pid, SIGTERM);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return rss;
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i], v = argv[i + 1];
    if (a == "--max") o.max = std::stoll(v);
    else if (a == "--dir") o.dir = v;
    else if (a == "--repetitions") o.repetitions = std::max(1, std::stoi(v));
    else if (a == "--pandas") o.pandas = v;
    else if (a == "--pandas-from") o.pandas_from = std::stoll(v);
    else if (a == "--tilfreds") o.tilfreds = v;
    else if (a == "--python") o.python = v;
    else {
      std::fprintf(stderr, "report_bench: unknown option %s\n", a.c_str());
      std::exit(2);
    }
  }
  if (argc % 2 == 0) {
    std::fprintf(stderr, "usage: report_bench [--max N] [--dir D] [--repetitions R] [--pandas SCRIPT]"
                         " [--pandas-from N] [--tilfreds BINARY] [--python PYTHON3]\n");
    std::exit(2);
  }
  return o;
}

void remove_database(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  const std::string path = o.dir + "/tilfreds-report-bench.db";
  remove_database(path);
  int failures = 0;
  {
    Database db(path);
    if (!sv::import_survey(db, sv::shipped_survey("jobcenter.json")).ok()) return 1;
    std::vector<tilfreds::db::WaveRow> waves;
    for (const char* label : {"2022", "2023", "2024"}) {
      waves.push_back(*sv::create_wave(db, "jobcenter", label, std::nullopt, std::nullopt).value);
    }
    const sv::Questionnaire q = sv::questionnaire_for(db, waves.back());
    std::string frame = "reference;group\n";
    for (int i = 0; i < 100; ++i) frame += "rss-" + std::to_string(i) + ";dagpenge\n";
    const auto letters =
        sv::import_frame(db, sv::TokenKey::generate(), waves.back(), frame, "http://127.0.0.1", false).letters;

    std::printf("report_bench: the committee's comparison report over 3 waves, built and rendered to HTML"
                " as `tilfreds report comparison` does,\nmedian of %d; database %s\n\n",
                o.repetitions, path.c_str());
    std::printf("%12s %9s %9s %11s %9s %7s %4s %11s %10s\n", "responses", "fill s", "db MiB", "report ms",
                "vs 10^4", "tables", "KiB", "pandas s", "pandas/us");
    const tilfreds::intake::web::Renderer renderer;
    Filler filler(db, q, waves);
    double fill_total = 0, base_ms = 0;
    for (std::int64_t size = 10000; size <= o.max; size *= 10) {
      const auto t = Clock::now();
      filler.fill_to(size);
      const double fill_s = seconds_since(t);
      fill_total += fill_s;
      std::vector<double> ms;
      std::size_t tables = 0, kib = 0;
      for (int r = 0; r < o.repetitions; ++r) {
        const auto start = Clock::now();
        const auto report = build_report(db, waves, renderer);
        ms.push_back(seconds_since(start) * 1000);
        tables = report.tables;
        kib = report.bytes / 1024;
      }
      std::sort(ms.begin(), ms.end());
      const double median = ms[ms.size() / 2];
      if (base_ms == 0) base_ms = median;
      std::error_code ec;
      const double mib = static_cast<double>(std::filesystem::file_size(path, ec) +
                                             std::filesystem::file_size(path + "-wal", ec)) /
                         (1 << 20);
      std::string pandas = "-", ratio = "-";
      if (size >= o.pandas_from && !o.pandas.empty()) {
        // The script prints "seconds S cells C answers N" for its own timed part.
        const std::string out = run_captured({o.python, o.pandas, path});
        double seconds = 0;
        long long cells = 0, answers = 0;
        if (std::sscanf(out.c_str(), "seconds %lf cells %lld answers %lld", &seconds, &cells, &answers) == 3) {
          char secs[32];
          std::snprintf(secs, sizeof secs, "%.2f", seconds);
          pandas = secs;
          char buf[32];
          std::snprintf(buf, sizeof buf, "%.0fx", seconds * 1000 / median);
          ratio = buf;
          // The same answers behind both: pandas' total equals the maintained counts.
          std::int64_t counted = 0;
          db.read([&](Connection& c) {
            for (const auto& w : waves) {
              for (const auto& r : tilfreds::db::answer_counts(c, w.id, "all")) counted += r.n;
            }
          });
          if (counted != answers) {
            std::printf("FAIL: pandas counted %lld answers, the maintained counts %lld\n", answers,
                        static_cast<long long>(counted));
            ++failures;
          }
        } else {
          pandas = "failed";
          ++failures;
        }
      }
      std::printf("%12lld %9.1f %9.0f %11.2f %9.2f %7zu %4zu %11s %10s\n", static_cast<long long>(size), fill_s,
                  mib, median, median / base_ms, tables, kib, pandas.c_str(), ratio.c_str());
      if (size == 1000000) {
        std::uint64_t errors = 0;
        const long rss = served_resident_kib(o, path, q, letters, 50, errors);
        std::printf("%12s `tilfreds serve` over 10^6 stored responses, after 50 citizen walks: VmRSS %ld KiB"
                    " (%.1f MiB), %llu errors\n",
                    "", rss, rss / 1024.0, static_cast<unsigned long long>(errors));
        if (rss < 0 || errors) ++failures;
      }
    }
    std::printf("\nfilled %lld responses in %.1f s (%.0f responses/s)\n", static_cast<long long>(filler.stored()),
                fill_total, static_cast<double>(filler.stored()) / fill_total);
  }
  remove_database(path);
  if (failures) std::printf("FAIL\n");
  return failures ? 1 : 0;
}
