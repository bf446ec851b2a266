#include "intake/web/server.h"

#include <arpa/inet.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <memory>

#include "db/connection.h"
#include "intake/secret_shapes.h"
#include "intake/text.h"
#include "intake/web/http.h"

namespace tilfreds::intake::web {

namespace {
// No inline script or style anywhere, so the policy can forbid both.
constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'";

// On every response, including the library's own refusals (a broken request line,
// an unknown method, an over-long URI or header) that never reach pre-routing.
void set_security_headers(httplib::Response& res, bool https) {
  res.set_header("Content-Security-Policy", kContentSecurityPolicy);
  // Served over https (the base URL says so): browsers must not try plain http again.
  if (https) res.set_header("Strict-Transport-Security", "max-age=31536000");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Cross-Origin-Opener-Policy", "same-origin");
}

// Ends the connection once `res` is written. After a refusal before the body was read
// (411, 413, a malformed or over-long multipart body), the unread bytes would otherwise
// be parsed as the next request on the keep-alive connection: a body could smuggle a
// request past every check of the one that carried it. cpp-httplib 0.11.4 closes a
// connection only when writing fails, so the body goes out through a content provider
// that reports failure after writing it all.
void close_after(httplib::Response& res) {
  auto body = std::make_shared<std::string>(std::move(res.body));
  res.body.clear();
  std::string type = res.get_header_value("Content-Type");
  res.headers.erase("Content-Type");
  res.set_header("Connection", "close");
  res.set_content_provider(body->size(), type,
                           [body](size_t offset, size_t length, httplib::DataSink& sink) {
                             sink.write(body->data() + offset, length);
                             return false;
                           });
}

// Whether a POST comes from a page of another site (CSRF). Browsers say so in
// Sec-Fetch-Site and send Origin with every form post; a client that sends neither is
// no browser a page could drive. The origin must name this host, as the request's
// Host header or the public base URL does. This guards every form, /kode included,
// whose token is the citizen's own code and would not stop a login CSRF otherwise.
bool cross_site_post(const httplib::Request& req, const std::string& base_url) {
  if (req.method != "POST") return false;
  // Browsers that send Sec-Fetch-Site (all current ones) are judged by it alone: under
  // our Referrer-Policy: no-referrer they send "Origin: null" with every form post, even
  // a same-origin one.
  if (req.has_header("Sec-Fetch-Site")) {
    const std::string site = req.get_header_value("Sec-Fetch-Site");
    return site != "same-origin" && site != "none";
  }
  if (!req.has_header("Origin")) return false;
  const std::string origin = req.get_header_value("Origin");
  auto scheme_end = origin.find("://");
  // "null": an older browser under no-referrer; the forms' CSRF tokens still hold.
  if (scheme_end == std::string::npos) return false;
  const std::string host = origin.substr(scheme_end + 3);
  if (!base_url.empty() && origin == base_url.substr(0, base_url.find('/', base_url.find("://") + 3))) return false;
  return host != req.get_header_value("Host");
}

// What a POST the database could not take sent, as a form that sends it again: the
// busy page's button ("Prøv igen"), so a citizen's answers or a clerk's text are not lost
// when the page that would have shown them cannot be built either (the session itself is
// in the database). Not for an uploaded file, which a page cannot fill in again, nor a
// path that is not plainly ours.
nlohmann::json resend_form(const httplib::Request& req) {
  if (req.method != "POST" || req.path.empty() || req.path[0] != '/' || req.path.rfind("//", 0) == 0) return {};
  for (const auto& [name, file] : req.files) {
    if (!file.filename.empty()) return {};
  }
  auto fields = form_fields(req);
  if (!fields) return {};
  nlohmann::json list = nlohmann::json::array();
  for (const auto& [name, value] : *fields) list.push_back({{"name", name}, {"value", value}});
  return {{"resend", {{"action", req.path}, {"fields", list}}}};
}

bool declares_body(const httplib::Request& req) {
  return req.has_header("Transfer-Encoding") ||
         (req.has_header("Content-Length") && req.get_header_value("Content-Length") != "0");
}

// One IPv4 or IPv6 address, as nginx writes $remote_addr.
bool is_ip_address(const std::string& s) {
  unsigned char buf[sizeof(in6_addr)];
  return inet_pton(AF_INET, s.c_str(), buf) == 1 || inet_pton(AF_INET6, s.c_str(), buf) == 1;
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
  upload_paths_ = std::regex(options_.upload_paths);
  s.set_payload_max_length(std::max(options_.max_body_bytes, options_.max_upload_bytes));
  s.set_socket_options([this](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    socket_ = sock;
  });
  applied_ = {true, threads, options_.keep_alive_max_requests, options_.keep_alive_idle_seconds,
              options_.listen_backlog, options_.max_body_bytes, options_.max_upload_bytes};

  const bool https = secure_cookies();
  s.set_pre_routing_handler([this, https](const httplib::Request& req, httplib::Response& res) {
    set_security_headers(res, https);
    // No byte ranges: cpp-httplib answers "Range: bytes=0-,0-,…" (3 KB of header) with
    // every range in one multipart body, megabytes from a 5 KB stylesheet. Nothing here
    // is large enough to resume; the whole response with 200 serves every client.
    // (The request object is the library's own mutable one, passed as const.)
    const_cast<httplib::Request&>(req).ranges.clear();
    std::string lang = renderer_.language(cookie(req, "sprog").value_or("da"));
    auto refuse = [&](int status, const char* key) {
      message_page(res, renderer_, lang, status, key);
      if (declares_body(req)) close_after(res);
      return httplib::Server::HandlerResponse::Handled;
    };
    // Every page is read with GET (HEAD) and every form posts: PUT, DELETE, PATCH,
    // OPTIONS, TRACE mean nothing here, whatever the path.
    if (req.method != "GET" && req.method != "HEAD" && req.method != "POST") {
      res.set_header("Allow", "GET, HEAD, POST");
      return refuse(405, "method");
    }
    // Refused before the body is read: the library would inflate compressed bodies
    // without a cap and has had bugs in chunked parsing; no form of ours needs either.
    if (req.has_header("Content-Encoding")) return refuse(415, "bad_request");
    if (req.has_header("Transfer-Encoding")) return refuse(411, "bad_request");
    if (req.has_header("Content-Length")) {
      // Two lengths: which one a proxy in front believed decides where the next request
      // starts (request smuggling). RFC 9112 §6.3: an error.
      if (req.get_header_value_count("Content-Length") > 1) return refuse(400, "bad_request");
      const std::string& v = req.get_header_value("Content-Length");
      bool digits = !v.empty() && v.size() < 19 &&
                    v.find_first_not_of("0123456789") == std::string::npos;
      if (!digits) return refuse(400, "bad_request");
      const bool upload = req.method == "POST" && std::regex_match(req.path, upload_paths_);
      const size_t limit = upload ? options_.max_upload_bytes : options_.max_body_bytes;
      if (std::stoull(v) > limit) {
        if (!upload) return refuse(413, "too_large");
        // Named, so the administrator knows how far to split the file.
        message_page(res, renderer_, lang, 413, "fieldwork_too_large",
                     {{"detail", std::to_string(limit / (1024 * 1024)) + " MB"}});
        close_after(res);
        return httplib::Server::HandlerResponse::Handled;
      }
    }
    if (cross_site_post(req, options_.base_url)) return refuse(403, "cross_site");
    // The proxy on loopback writes one address; anything else in the header (bytes that
    // are not UTF-8, a list, a name) is not from it and would reach logs and audit rows.
    bool from_loopback = req.remote_addr == "127.0.0.1" || req.remote_addr == "::1";
    if (from_loopback && req.has_header("X-Forwarded-For") &&
        (req.get_header_value_count("X-Forwarded-For") > 1 ||
         !is_ip_address(trim(req.get_header_value("X-Forwarded-For"))))) {
      return refuse(400, "bad_forwarded_for");
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  s.set_error_handler(httplib::Server::HandlerWithResponse([this, https](const httplib::Request& req,
                                                                         httplib::Response& res) {
    if (!res.has_header("Content-Security-Policy")) set_security_headers(res, https);
    // A page of ours (with its body, or already sent through close_after).
    if (!res.body.empty() || res.content_length_ > 0) return httplib::Server::HandlerResponse::Unhandled;
    std::string lang = renderer_.language(cookie(req, "sprog").value_or("da"));
    const char* key = res.status == 404   ? "not_found"
                      : res.status == 405 ? "method"
                      : res.status == 413 ? "too_large"
                                          : "bad_request";
    if (res.status >= 500) key = "error";
    message_page(res, renderer_, lang, res.status, key);
    // The library refused while reading the body (too large, malformed multipart, too
    // many parts): what it did not read must not become the next request.
    if (declares_body(req) && res.status != 404 && res.status != 405) close_after(res);
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
      message_page(res, renderer_, lang, 503, "busy", resend_form(req));
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
