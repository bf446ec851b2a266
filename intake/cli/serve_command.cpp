#include "intake/cli/serve_command.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <memory>
#include <mutex>
#include <thread>

#include "db/database.h"
#include "db/dialect.h"
#include "intake/cli/keyed_database.h"
#include "intake/dates.h"
#include "intake/complaints/demo_complaints.h"
#include "intake/reports/demo_comments.h"
#include "intake/review/demo_review.h"
#include "intake/offers/demo_quality.h"
#include "intake/survey/demo_data.h"
#include "intake/survey/submission.h"
#include "intake/settings/site_frame.h"
#include "intake/site.h"
#include "intake/staff/demo_users.h"
#include "intake/web/http.h"
#include "intake/web/server.h"

namespace tilfreds::intake::cli {

namespace {
struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string base_url;
  int threads = web::ServerOptions{}.threads;
  bool behind_proxy = false;
  int complaint_days = 28;
};

void add_server_options(CLI::App* cmd, ServeOptions& o) {
  cmd->add_option("--host", o.host, "Address to listen on (behind nginx: 127.0.0.1)")->capture_default_str();
  // Port 0 takes any free port and prints it: test harnesses start the binary without racing
  // each other for a port.
  cmd->add_option("--port", o.port, "Port to listen on (0: any free port, printed)")->capture_default_str()
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--base-url", o.base_url, "Public address, as printed in letters (default http://HOST:PORT)");
  cmd->add_option("--threads", o.threads, "Worker threads: above the number of keep-alive clients expected")->capture_default_str()
      ->check(CLI::Range(8, 4096));
  cmd->add_flag("--behind-proxy", o.behind_proxy,
                "A reverse proxy on loopback sets X-Forwarded-For to the client's address");
  cmd->add_option("--complaint-days", o.complaint_days, "Handling time of a complaint in days (the deadline)")
      ->capture_default_str()->check(CLI::Range(1, 365));
}

// SIGTERM and SIGINT, blocked in the calling thread. Signals are taken by one thread with
// sigwait, so stop() is never called from a signal handler. Call this before any thread is
// started (the database's writer): a thread created earlier keeps the signals unblocked, the
// kernel may deliver SIGTERM there, and its default action kills the process mid-request.
sigset_t stop_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return signals;
}

// Mixes waiting submissions (survey/submission.h) once at start-up, for those a crash
// left between their two transactions, and then every ten minutes, for the last ones of
// a wave that closed since (no submission comes to trigger them).
class WaitingMixer {
 public:
  WaitingMixer(db::Database& db, const survey::TokenKey& key, survey::MixPolicy policy)
      : db_(db), key_(key), policy_(policy) {
    if (!policy_.queued) return;
    mix();
    thread_ = std::thread([this] {
      std::unique_lock lock(mu_);
      while (!wake_.wait_for(lock, std::chrono::minutes(10), [this] { return stopping_; })) mix();
    });
  }
  ~WaitingMixer() {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  void mix() {
    try {
      if (auto n = survey::mix_all_waiting(db_, key_, policy_, today_iso())) {
        web::log_line("mixed " + std::to_string(n) + " waiting submissions into the responses");
      }
    } catch (const std::exception& e) {
      web::log_line(std::string("mixing waiting submissions failed (tried again later): ") + e.what());
    }
  }
  db::Database& db_;
  const survey::TokenKey& key_;
  survey::MixPolicy policy_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

// Serves until SIGTERM or SIGINT; requests in flight finish before it returns. The caller has
// called stop_signals() before starting any thread.
void serve(KeyedDatabase& db, const ServeOptions& o, const std::string& base_url, Context& ctx,
           const std::string& banner) {
  SiteOptions site_options;
  site_options.server.host = o.host;
  site_options.server.port = o.port;
  site_options.server.base_url = base_url;
  site_options.server.threads = o.threads;
  site_options.trust_forwarded_for = o.behind_proxy;
  site_options.complaint_days = o.complaint_days;
  Site site(db, db.key(), site_options);
  web::Server& server = site.server();
  WaitingMixer mixer(db, db.key(), survey::mix_policy_for(db, site_options.citizen.mix_batch));

  sigset_t signals = stop_signals();
  int port = server.bind();
  if (port == 0) {
    *ctx.err << "tilfreds: cannot listen on " << o.host << ":" << o.port
             << ": is another server running there? Try --port\n";
    ctx.exit_code = 3;
    return;
  }
  std::atomic<bool> finished{false};
  std::thread stopper([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    // A signal right after start-up can come before the library's listen loop runs, and its
    // stop() does nothing until then: the server would ignore the signal and serve on.
    while (!finished && !server.is_running()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    server.stop();
  });
  *ctx.out << banner << "tilfreds is listening on http://" << o.host << ":" << port
           << "  (stop with Ctrl-C)\n"
           << std::flush;
  server.run();
  finished = true;
  // Wake the stopper if the server ended on its own.
  pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
}

std::string default_base_url(const ServeOptions& o) {
  return o.base_url.empty() ? "http://" + o.host + ":" + std::to_string(o.port) : o.base_url;
}
}  // namespace

void add_serve_commands(CLI::App& root, Context& ctx) {
  auto serve_opts = std::make_shared<ServeOptions>();
  auto* serve_cmd = root.add_subcommand("serve", "Run the web server for citizens, staff and secretaries");
  add_server_options(serve_cmd, *serve_opts);
  serve_cmd->callback([&ctx, serve_opts] {
    stop_signals();
    KeyedDatabase db(ctx);
    serve(db, *serve_opts, default_base_url(*serve_opts), ctx, "");
  });

  auto demo_opts = std::make_shared<ServeOptions>();
  auto no_serve = std::make_shared<bool>(false);
  auto* demo = root.add_subcommand(
      "demo", "Create the demo (questionnaire, three waves, answers, offers, complaints, staff) if missing, print a fresh demo link and staff logins, serve");
  add_server_options(demo, *demo_opts);
  demo->add_flag("--no-serve", *no_serve, "Only create the demo data and print a link");
  demo->callback([&ctx, demo_opts, no_serve] {
    if (!*no_serve) stop_signals();
    KeyedDatabase db(ctx);
    // Before any demo data goes in: a real database keeps its data and its logins.
    if (auto other = staff::user_not_from_demo(db)) {
      *ctx.err << "tilfreds: " << db::shown_target(ctx.db_path) << " is not a demo database (user '" << *other
               << "' was not created by tilfreds demo); nothing was changed. Start the demo on a new file:"
               << " tilfreds --db demo.db demo\n";
      ctx.exit_code = 1;
      return;
    }
    std::string base_url = default_base_url(*demo_opts);
    auto letter = survey::new_demo_invitee(db, db.key(), base_url);
    complaints::ensure_demo_complaints(db);
    settings::ensure_demo_settings(db);
    review::ensure_demo_review(db);
    offers::ensure_demo_quality(db);
    reports::ensure_demo_comments(db);
    staff::PasswordHasher hasher;
    std::string banner = "Demo database: " + db::shown_target(ctx.db_path) + "\n" +
                         "Try the questionnaire as a citizen:\n  link: " + letter.url +
                         "\n  or open " + base_url + "/kode and type the code " + letter.code + "\n" +
                         "File a complaint as a citizen: " + base_url + "/klage\n" +
                         "Staff log in at " + base_url + "/login (new passwords every run):\n";
    for (const auto& login : staff::demo_logins(db, hasher)) {
      banner += "  " + login.name + " / " + login.password + "  (" + login.role + ")\n";
    }
    if (*no_serve) {
      *ctx.out << banner;
      return;
    }
    serve(db, *demo_opts, base_url, ctx, banner);
  });
}

}  // namespace tilfreds::intake::cli
