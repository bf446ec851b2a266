// page_bench: what one page view costs against the static ceiling, page by page.
//
// The whole Site (as `tilfreds serve` builds it, through tests/support/test_server)
// on 127.0.0.1 over a fresh database with the shipped questionnaire, one open wave,
// the demo complaints and a logged-in member of staff; C keep-alive clients in the
// same process (default 256, one citizen session each). For S seconds each it
// measures, in this order:
//   static     GET /static/style.css (the ceiling: same server, headers and log)
//   /kode      the code form
//   /tak       the thank-you page
//   intro      GET /svar of a session on the intro page
//   theme N    GET /svar of a session on theme page N (1..5; every client's session
//              is moved on by posting the page's answers between the phases)
//   save       POST /svar of page 1's answers: a durable draft save (group commit)
//   klager     GET /klager, the staff complaint list (36 complaints)
//   walks      whole citizens: link → intro → five pages → submit → /tak
//   static     the ceiling again, so drift on a shared machine shows
// and prints each phase's rate, p50, p99 and its ratio to the mean of the two
// ceilings. Exit 1 if any request failed.
//
//   page_bench [--clients 256] [--seconds 3] [--walk-seconds 5] [--server-log FILE]
//              [--only PHASE]   only the phases whose name starts with PHASE (a profile)
#include <malloc.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "bench/citizen_walk.h"
#include "intake/complaints/demo_complaints.h"
#include "intake/survey/answers.h"
#include "intake/survey/demo_data.h"
#include "tests/support/staff_login.h"
#include "tests/support/test_server.h"
#if !__has_include("intake/site.h")
// Built against a tree before the Site (main, for the baseline in bench/README.md):
// the complaint staff routes were attached by hand there.
#include "intake/complaints/staff_routes.h"
#define PAGE_BENCH_BEFORE_SITE 1
#endif

namespace tb = tilfreds::bench;
namespace survey = tilfreds::intake::survey;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
  int clients = 256;
  double seconds = 3;
  double walk_seconds = 5;
  std::string server_log = "/dev/null";
  std::string only;  // measure only the phases whose name starts with this (for a profile)
};

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::string cookie_from(const httplib::Result& r, const std::string& name) {
  if (!r) return "";
  auto range = r->headers.equal_range("Set-Cookie");
  for (auto it = range.first; it != range.second; ++it) {
    if (it->second.rfind(name + "=", 0) == 0) {
      return it->second.substr(name.size() + 1, it->second.find(';') - name.size() - 1);
    }
  }
  return "";
}

// One client: its keep-alive connection and its citizen session.
struct Client {
  explicit Client(int port) : http("127.0.0.1", port) {
    http.set_keep_alive(true);
    http.set_tcp_nodelay(true);  // else Nagle holds a POST's body for the delayed ACK
    http.set_read_timeout(30, 0);
  }
  httplib::Client http;
  httplib::Headers citizen;  // Cookie: tf_borger=…
  std::string csrf;
};

// The answers of theme `page` (1-based) that a browser would post: a value for every
// question shown at first, choosing, where a follow-up depends on a question, an
// option that keeps it hidden (so the page is accepted at once).
std::string page_answers(const survey::Questionnaire& q, std::size_t page, const std::string& csrf) {
  const auto& theme = q.themes.at(page - 1);
  std::string body = "csrf=" + csrf + "&side=" + std::to_string(page) + "&handling=naeste";
  std::string shown;
  for (const auto& question : theme.questions) {
    if (question.show_if) continue;
    shown += (shown.empty() ? "" : ",") + question.id;
    if (question.type == survey::QuestionType::kText) continue;
    std::string value = question.options.front().value;
    for (const auto& other : theme.questions) {
      if (other.show_if && other.show_if->question == question.id && other.show_if->equals == value) {
        value = question.options.back().value;
      }
    }
    body += "&" + survey::field_name(question.id) + "=" + value;
  }
  return body + "&vist=" + shown;
}

struct Figures {
  double per_second = 0, p50_ms = 0, p99_ms = 0;
  std::uint64_t errors = 0;
};

// Runs `request` on every client for `seconds`; it returns whether the reply was right.
Figures measure(std::vector<std::unique_ptr<Client>>& clients, double seconds,
                const std::function<bool(Client&, std::size_t)>& request) {
  tb::Histogram latency;
  std::atomic<std::uint64_t> errors{0};
  std::vector<std::thread> pool;
  const auto start = Clock::now();
  for (std::size_t i = 0; i < clients.size(); ++i) {
    pool.emplace_back([&, i] {
      while (seconds_since(start) < seconds) {
        const auto t = Clock::now();
        const bool ok = request(*clients[i], i);
        latency.record(static_cast<std::uint64_t>(
            std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - t).count()));
        if (!ok) errors.fetch_add(1);
      }
    });
  }
  for (auto& t : pool) t.join();
  const double s = seconds_since(start);
  return {static_cast<double>(latency.count()) / s, latency.quantile(0.5) / 1000, latency.quantile(0.99) / 1000,
          errors.load()};
}

// Runs `step` once on every client at once (setting sessions up, moving pages on).
bool on_every_client(std::vector<std::unique_ptr<Client>>& clients, const std::function<bool(Client&, std::size_t)>& step) {
  std::atomic<bool> ok{true};
  std::vector<std::thread> pool;
  for (std::size_t i = 0; i < clients.size(); ++i) {
    pool.emplace_back([&, i] {
      if (!step(*clients[i], i)) ok = false;
    });
  }
  for (auto& t : pool) t.join();
  return ok;
}

bool is(const httplib::Result& r, int status, const char* location = nullptr) {
  return r && r->status == status && (!location || r->get_header_value("Location") == location);
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&] {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "page_bench: %s needs a value\n", a.c_str());
        std::exit(2);
      }
      return std::string(argv[++i]);
    };
    if (a == "--clients") o.clients = std::max(1, std::stoi(value()));
    else if (a == "--seconds") o.seconds = std::stod(value());
    else if (a == "--walk-seconds") o.walk_seconds = std::stod(value());
    else if (a == "--server-log") o.server_log = value();
    else if (a == "--only") o.only = value();
    else {
      std::fprintf(stderr, "usage: page_bench [--clients N] [--seconds S] [--walk-seconds S] [--server-log FILE]\n"
                           "                  [--only PHASE]   (e.g. --only /klager, for perf record)\n");
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

  const auto clients_n = static_cast<std::size_t>(o.clients);
  // Sessions for the page phases, then fresh invitees for the walks (~a few hundred per second).
  const int walk_invitees = static_cast<int>(o.walk_seconds * 2000) + 1000;
#ifdef PAGE_BENCH_BEFORE_SITE
  std::unique_ptr<tilfreds::intake::complaints::StaffRoutes> complaint_routes;
  tilfreds::testing::TestServer server(
      o.clients + walk_invitees, {}, {}, tilfreds::testing::test_staff_options(),
      [&](tilfreds::testing::TestServer& t, httplib::Server& h) {
        complaint_routes = std::make_unique<tilfreds::intake::complaints::StaffRoutes>(
            t.db(), t.renderer(), t.staff(), tilfreds::intake::complaints::StaffRouteOptions{});
        complaint_routes->attach(h);
      });
#else
  tilfreds::testing::TestServer server(o.clients + walk_invitees);
#endif
  tilfreds::intake::complaints::ensure_demo_complaints(server.db());
  const auto questionnaire =
      *survey::parse_questionnaire(survey::shipped_survey("jobcenter.json")).questionnaire;
  const int port = server.port();
  std::printf("page_bench: the whole Site on 127.0.0.1:%d, %d keep-alive clients, %.0f s per phase, %u cores,"
              " load average %s\n",
              port, o.clients, o.seconds, std::thread::hardware_concurrency(), [] {
                static char buf[64] = "?";
                if (FILE* f = std::fopen("/proc/loadavg", "r")) {
                  if (!std::fgets(buf, sizeof buf, f)) buf[0] = 0;
                  std::fclose(f);
                  int fields = 0;  // the three averages, not the runnable/total counts
                  for (char* c = buf; *c; ++c) {
                    if (*c == ' ' && ++fields == 3) *c = 0;
                  }
                }
                return buf;
              }());

  std::vector<std::unique_ptr<Client>> clients;
  for (std::size_t i = 0; i < clients_n; ++i) clients.push_back(std::make_unique<Client>(port));

  // A member of staff, logged in through the real form; every client uses the session.
  const char* kPassword = "korrekt hest batteri staldbygning";
  tilfreds::testing::create_user(server.db(), "bench-staff", tilfreds::intake::staff::Role::kStaff, kPassword);
  tilfreds::testing::Browser staff(port);
  if (!tilfreds::testing::login(staff, "bench-staff", kPassword)) {
    std::printf("FAIL: the staff login\n");
    return 1;
  }
  const httplib::Headers staff_cookie{{"Cookie", "tf_staff=" + *staff.cookie("tf_staff")}};

  // Every client opens its letter: a session on the intro page.
  if (!on_every_client(clients, [&](Client& c, std::size_t i) {
        auto r = c.http.Get(server.link_path(i).c_str());
        if (!is(r, 303, "/svar")) return false;
        c.citizen = {{"Cookie", "tf_borger=" + cookie_from(r, "tf_borger")}};
        auto page = c.http.Get("/svar", c.citizen);
        c.csrf = is(page, 200) ? tb::hidden_value(page->body, "csrf") : "";
        return !c.csrf.empty();
      })) {
    std::printf("FAIL: opening the letters\n");
    return 1;
  }

  struct Row {
    std::string what;
    Figures f;
  };
  std::vector<Row> rows;
  // A phase not chosen by --only is skipped (its row shows zeros).
  auto phase = [&](const std::string& what, const std::function<bool(Client&, std::size_t)>& request,
                   double seconds) {
    Figures f;
    if (o.only.empty() || what.rfind(o.only, 0) == 0) f = measure(clients, seconds, request);
    rows.push_back({what, f});
  };
  auto get = [](const char* path, int status) {
    return [path, status](Client& c, std::size_t) { return is(c.http.Get(path), status); };
  };
  auto citizen_page = [](const char* marker) {
    return [marker](Client& c, std::size_t) {
      auto r = c.http.Get("/svar", c.citizen);
      return is(r, 200) && r->body.find(marker) != std::string::npos;
    };
  };

  const Figures ceiling_before = measure(clients, o.only.empty() ? o.seconds : 1, get("/static/style.css", 200));
  phase("/kode (code form)", get("/kode", 200), o.seconds);
  phase("/tak (thank-you page)", get("/tak", 200), o.seconds);
  phase("/svar intro", citizen_page("name=\"handling\" value=\"start\""), o.seconds);
  if (!on_every_client(clients, [&](Client& c, std::size_t) {
        return is(c.http.Post("/svar", c.citizen, "csrf=" + c.csrf + "&side=0&handling=start",
                              "application/x-www-form-urlencoded"),
                  303, "/svar");
      })) {
    std::printf("FAIL: start\n");
    return 1;
  }
  const std::size_t pages = questionnaire.themes.size();
  for (std::size_t p = 1; p <= pages; ++p) {
    const std::string marker = "name=\"side\" value=\"" + std::to_string(p) + "\"";
    phase("/svar theme page " + std::to_string(p), citizen_page(marker.c_str()), o.seconds);
    if (p == pages) break;
    if (!on_every_client(clients, [&](Client& c, std::size_t) {
          return is(c.http.Post("/svar", c.citizen, page_answers(questionnaire, p, c.csrf),
                                "application/x-www-form-urlencoded"),
                    303, "/svar");
        })) {
      std::printf("FAIL: answering page %zu\n", p);
      return 1;
    }
  }
  phase("POST /svar (durable draft save)", [&](Client& c, std::size_t) {
    return is(c.http.Post("/svar", c.citizen, page_answers(questionnaire, 1, c.csrf),
                          "application/x-www-form-urlencoded"),
              303, "/svar");
  }, o.seconds);
  phase("/klager (staff complaint list)", [&](Client& c, std::size_t) { return is(c.http.Get("/klager", staff_cookie), 200); },
        o.seconds);

  // Whole citizens, each client walking one fresh invitee after another.
  tb::WalkStats walk_stats;
  std::atomic<int> next{o.clients};
  const auto walk_start = Clock::now();
  if (o.only.empty() || std::string("walks").rfind(o.only, 0) == 0) on_every_client(clients, [&](Client& c, std::size_t i) {
    std::mt19937 rng(static_cast<unsigned>(i) + 1);
    for (int k = next++; k < o.clients + walk_invitees && seconds_since(walk_start) < o.walk_seconds; k = next++) {
      tb::walk_citizen(c.http, server.link_path(static_cast<std::size_t>(k)), questionnaire, rng, walk_stats);
    }
    return true;
  });
  const double walk_s = seconds_since(walk_start);
  const Figures ceiling_after = measure(clients, o.only.empty() ? o.seconds : 1, get("/static/style.css", 200));
  const double ceiling = (ceiling_before.per_second + ceiling_after.per_second) / 2;

  std::printf("%-34s %10s %9s %9s %8s %7s\n", "", "req/s", "p50 ms", "p99 ms", "ceiling", "errors");
  auto line = [&](const std::string& what, const Figures& f) {
    std::printf("%-34s %10.0f %9.2f %9.2f %7.0f%% %7llu\n", what.c_str(), f.per_second, f.p50_ms, f.p99_ms,
                100 * f.per_second / ceiling, static_cast<unsigned long long>(f.errors));
  };
  line("static (first)", ceiling_before);
  for (const auto& r : rows) line(r.what, r.f);
  line("static (last)", ceiling_after);
  const double walks = static_cast<double>(walk_stats.acknowledged.load()) / walk_s;
  std::printf("walks: %llu citizens in %.1f s = %.0f walks/s (all pages, submit, /tak), %llu errors;"
              " their page views p99 %.2f ms, saves p99 %.2f ms, submissions p99 %.2f ms\n",
              static_cast<unsigned long long>(walk_stats.acknowledged.load()), walk_s, walks,
              static_cast<unsigned long long>(walk_stats.errors.load()), walk_stats.views.quantile(0.99) / 1000,
              walk_stats.saves.quantile(0.99) / 1000, walk_stats.submissions.quantile(0.99) / 1000);
  std::printf("memory: page_bench process (server + clients) VmRSS %ld KiB\n", tb::resident_kib());

  std::uint64_t errors = ceiling_before.errors + ceiling_after.errors + walk_stats.errors.load();
  for (const auto& r : rows) errors += r.f.errors;
  if (errors != 0) std::printf("FAIL: %llu requests failed\n", static_cast<unsigned long long>(errors));
  return errors == 0 ? 0 : 1;
}
