#include "intake/web/server.h"

#include <sys/socket.h>

#include <chrono>

#include "db/connection.h"
#include "intake/secret_shapes.h"
#include "intake/web/http.h"

namespace tilfreds::intake::web {

namespace {
// No inline script or style anywhere, so the policy can forbid both.
constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'";

// On every response, including the library's own refusals (a broken request line,
// an unknown method, an over-long URI or header) that never reach pre-routing.
void set_security_headers(httplib::Response& res) {
  res.set_header("Content-Security-Policy", kContentSecurityPolicy);
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Cross-Origin-Opener-Policy", "same-origin");
}

}  // namespace

std::string loggable_path(const std::string& path) {
  if (path.rfind("/s/", 0) == 0) return "/s/[token]";
  // A token or code pasted into the wrong path (//s/…, /S/…) is still a secret; and
  // the path is decoded, so %0d%0a would otherwise forge log lines.
  constexpr size_t kMaxLogged = 200;
  std::string out;
  size_t start = 0;
  while (start <= path.size() && out.size() < kMaxLogged) {
    size_t end = std::min(path.find('/', start), path.size());
    std::string segment = path.substr(start, end - start);
    if (looks_like_token(segment)) {
      out += "[token]";
    } else if (normalise_code(segment)) {
      out += "[code]";
    } else {
      for (unsigned char c : segment) {
        if (c > 0x20 && c < 0x7f && c != '%') {
          out += static_cast<char>(c);
        } else {
          static const char* kHex = "0123456789ABCDEF";
          out += {'%', kHex[c >> 4], kHex[c & 15]};
        }
      }
    }
    if (end < path.size()) out += '/';
    start = end + 1;
  }
  return out.size() > kMaxLogged ? out.substr(0, kMaxLogged) + "..." : out;
}

Server::Server(ServerOptions options, const Renderer& renderer)
    : options_(std::move(options)), renderer_(renderer) {
  auto& s = http_;
  // Nagle + delayed ACK otherwise add ~40 ms to every response.
  s.set_tcp_nodelay(true);
  int threads = options_.threads;
  s.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  s.set_keep_alive_max_count(static_cast<size_t>(options_.keep_alive_max_requests));
  s.set_keep_alive_timeout(options_.keep_alive_idle_seconds);
  s.set_read_timeout(options_.read_timeout_seconds, 0);
  s.set_write_timeout(options_.write_timeout_seconds, 0);
  s.set_payload_max_length(options_.max_body_bytes);
  s.set_socket_options([this](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    socket_ = sock;
  });
  applied_ = {true, threads, options_.keep_alive_max_requests, options_.keep_alive_idle_seconds,
              options_.listen_backlog, options_.max_body_bytes};

  s.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    set_security_headers(res);
    std::string lang = renderer_.language(cookie(req, "sprog").value_or("da"));
    // Every page is read with GET (HEAD) and every form posts: PUT, DELETE, PATCH,
    // OPTIONS, TRACE mean nothing here, whatever the path.
    if (req.method != "GET" && req.method != "HEAD" && req.method != "POST") {
      res.set_header("Allow", "GET, HEAD, POST");
      message_page(res, renderer_, lang, 405, "method");
      return httplib::Server::HandlerResponse::Handled;
    }
    // Refused before the body is read: the library would inflate compressed bodies
    // without a cap and has had bugs in chunked parsing; no form of ours needs either.
    if (req.has_header("Content-Encoding")) {
      message_page(res, renderer_, lang, 415, "bad_request");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.has_header("Transfer-Encoding")) {
      message_page(res, renderer_, lang, 411, "bad_request");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.has_header("Content-Length")) {
      const std::string& v = req.get_header_value("Content-Length");
      bool digits = !v.empty() && v.size() < 19 &&
                    v.find_first_not_of("0123456789") == std::string::npos;
      if (!digits || std::stoull(v) > options_.max_body_bytes) {
        message_page(res, renderer_, lang, digits ? 413 : 400, digits ? "too_large" : "bad_request");
        return httplib::Server::HandlerResponse::Handled;
      }
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  s.set_error_handler(httplib::Server::HandlerWithResponse([this](const httplib::Request& req,
                                                                  httplib::Response& res) {
    if (!res.has_header("Content-Security-Policy")) set_security_headers(res);
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;  // a page of ours
    std::string lang = renderer_.language(cookie(req, "sprog").value_or("da"));
    const char* key = res.status == 404   ? "not_found"
                      : res.status == 405 ? "method"
                      : res.status == 413 ? "too_large"
                                          : "bad_request";
    if (res.status >= 500) key = "error";
    message_page(res, renderer_, lang, res.status, key);
    return httplib::Server::HandlerResponse::Handled;
  }));

  s.set_exception_handler([this](const httplib::Request& req, httplib::Response& res,
                                 std::exception_ptr ep) {
    std::string lang = renderer_.language(cookie(req, "sprog").value_or("da"));
    std::string reference = new_secret().substr(0, 10);
    try {
      std::rethrow_exception(ep);
    } catch (const db::Unavailable& e) {
      log_line("unavailable ref=" + reference + " " + req.method + " " + loggable_path(req.path) +
               ": " + e.what());
      res.set_header("Retry-After", "5");
      message_page(res, renderer_, lang, 503, "busy");
      return;
    } catch (const std::exception& e) {
      log_line("error ref=" + reference + " " + req.method + " " + loggable_path(req.path) + ": " +
               e.what());
    } catch (...) {
      log_line("error ref=" + reference + " " + req.method + " " + loggable_path(req.path));
    }
    message_page(res, renderer_, lang, 500, "error", {{"detail", reference}});
  });

  s.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    // The method too: from a request line the library could not parse, it is raw bytes.
    log_line("access " + req.remote_addr + " " + loggable_path(req.method) + " " +
             loggable_path(req.path) + " " + std::to_string(res.status));
  });

  // The two stylesheets by name: no path from the request ever reaches a file lookup.
  s.Get(R"(/static/(style|report)\.css)", [this](const httplib::Request& req, httplib::Response& res) {
    res.set_header("Cache-Control", "public, max-age=3600");
    res.set_content(*renderer_.static_file(req.matches[1].str() + ".css"), "text/css; charset=utf-8");
  });
  s.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("ok\n", "text/plain; charset=utf-8");
  });
}

int Server::bind() {
  int port = options_.port == 0 ? http_.bind_to_any_port(options_.host)
                                : (http_.bind_to_port(options_.host, options_.port) ? options_.port : -1);
  if (port <= 0) return 0;
  // The library listens with a backlog of 5; Linux lets a second listen() raise it.
  if (socket_ >= 0) ::listen(socket_, options_.listen_backlog);
  return port;
}

void Server::run() { http_.listen_after_bind(); }

}  // namespace tilfreds::intake::web
