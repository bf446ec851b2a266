// The HTTP server: cpp-httplib 0.11.4 tuned past its defaults (DESIGN.md lists
// why each setting matters), security headers on every response, request limits
// enforced before a body is read, and error pages instead of stack traces.
#pragma once

#include <httplib.h>

#include <atomic>
#include <regex>
#include <string>

#include "intake/web/render.h"

namespace tilfreds::intake::web {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                   // 0: any free port (tests)
  std::string base_url;              // as printed in letters; https:// makes cookies Secure
  // cpp-httplib gives each open connection a whole thread (reading, or idle in keep-alive), so
  // the pool bounds how many browsers and slow clients can be connected at once. An idle
  // thread costs ~6 KiB resident; 512 keeps hundreds of idle or trickling connections from
  // stalling anyone (tests/faults/slow_clients_test.py). Beyond that, nginx in front.
  int threads = 512;
  size_t max_body_bytes = 256 * 1024;
  // The upload forms of the survey administration (a questionnaire, a frame of 100,000 rows is
  // ~5 MB, a marking or counts file) may send up to this much; only POSTs to paths matching
  // `upload_paths` (whole path) get it, every other request keeps max_body_bytes.
  size_t max_upload_bytes = 20 * 1024 * 1024;
  std::string upload_paths =
      R"(/undersoegelser/(skemaer|tidligere|runder/\d{1,12}/(ramme|marker)))";
  int keep_alive_max_requests = 1000;
  // A browser reuses its connection within one page load (the CSS right after the page); the
  // next page comes after reading, so a longer idle wait would only hold a thread.
  int keep_alive_idle_seconds = 2;
  int read_timeout_seconds = 10;     // slow clients cannot hold a thread for long
  int write_timeout_seconds = 10;
  int listen_backlog = 1024;         // the library compiles in 5: bursts would lose SYNs
};

// The settings actually applied, for tests that guard against a default creeping back.
struct AppliedSettings {
  bool tcp_nodelay = false;
  int threads = 0;
  int keep_alive_max_requests = 0;
  int keep_alive_idle_seconds = 0;
  int listen_backlog = 0;
  size_t max_body_bytes = 0;
  size_t max_upload_bytes = 0;
};

class Server {
 public:
  Server(ServerOptions options, const Renderer& renderer);

  httplib::Server& http() { return http_; }
  const ServerOptions& options() const { return options_; }
  const AppliedSettings& applied() const { return applied_; }
  bool secure_cookies() const { return options_.base_url.rfind("https://", 0) == 0; }

  // Binds the port (returns it; 0 on failure) and raises the listen backlog.
  int bind();
  // Serves until stop(); requests in flight finish first.
  void run();
  void stop() { http_.stop(); }
  bool is_running() const { return http_.is_running(); }

 private:
  ServerOptions options_;
  const Renderer& renderer_;
  httplib::Server http_;
  AppliedSettings applied_;
  std::regex upload_paths_;
  int socket_ = -1;
};

// The request path safe to log: tokens in /s/{token}, and path segments shaped like a
// token or a code anywhere, are replaced; control bytes, spaces and non-ASCII are
// %-escaped (no forged log lines); at most ~200 characters; no query string.
std::string loggable_path(const std::string& path);

}  // namespace tilfreds::intake::web
