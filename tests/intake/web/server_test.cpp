// The server's own behaviour over real sockets: headers, limits, tuning, logging.
#include "intake/web/server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <sstream>

#include "intake/web/http.h"
#include "tests/support/raw_http.h"
#include "tests/support/test_server.h"

using tilfreds::testing::Browser;
using tilfreds::testing::TestServer;

namespace {
// A raw loopback connection that sends `request` and then stays open, idle.
int idle_connection(int port, const std::string& request) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return -1;
  if (!request.empty()) (void)!write(fd, request.data(), request.size());
  return fd;
}
}  // namespace

TEST_CASE("every response carries the security headers", "[http]") {
  TestServer s;
  Browser b(s.port());
  // The letter link's 303 too (its Location must not leak through Referer either).
  for (std::string path : {std::string("/"), std::string("/kode"), std::string("/s/unknown"),
                           std::string("/no-such-page"), std::string("/static/style.css"),
                           std::string("/static/report.css"), s.link_path(0)}) {
    auto r = b.get(path);
    INFO(path);
    REQUIRE(r);
    CHECK(r->get_header_value("Referrer-Policy") == "no-referrer");
    CHECK(r->get_header_value("X-Content-Type-Options") == "nosniff");
    auto csp = r->get_header_value("Content-Security-Policy");
    CHECK(csp.find("frame-ancestors 'none'") != std::string::npos);
    CHECK(csp.find("script-src") == std::string::npos);  // default-src 'none' forbids all script
    CHECK(csp.find("unsafe-inline") == std::string::npos);
  }
}

TEST_CASE("unknown paths and wrong methods get a Danish page, not a stack trace", "[http]") {
  TestServer s;
  Browser b(s.port());
  auto r = b.get("/no-such-page");
  CHECK(r->status == 404);
  CHECK(r->body.find("Siden findes ikke") != std::string::npos);
  CHECK(r->get_header_value("Content-Type").find("text/html") == 0);
  // No route takes PUT, DELETE or PATCH: 405 with Allow on every path, known or not.
  auto put = b.client().Put("/svar", "x=1", "application/x-www-form-urlencoded");
  REQUIRE(put);
  CHECK(put->status == 405);
  CHECK(put->get_header_value("Allow") == "GET, HEAD, POST");
  CHECK(put->body.find("Det kan man ikke her") != std::string::npos);
  CHECK(b.client().Delete("/anything")->status == 405);
}

TEST_CASE("requests the library refuses before routing still carry the security headers", "[http]") {
  // A broken request line never reaches the pre-routing handler that sets them.
  TestServer s;
  auto r = tilfreds::testing::raw_exchange(s.port(), "GARBAGE\r\n\r\n");
  CHECK(r.status == 400);
  CHECK(r.headers.count("Content-Security-Policy") == 1);
  CHECK(r.headers.count("X-Content-Type-Options") == 1);
  CHECK(r.headers.count("Referrer-Policy") == 1);
}

TEST_CASE("chunked and over-long bodies are refused before they are read", "[http]") {
  TestServer s;
  int fd = idle_connection(s.port(),
                           "POST /svar HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                           "Content-Type: application/x-www-form-urlencoded\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
  REQUIRE(fd >= 0);
  char buf[256] = {};
  auto n = read(fd, buf, sizeof buf - 1);
  close(fd);
  REQUIRE(n > 0);
  CHECK(std::string(buf).rfind("HTTP/1.1 411", 0) == 0);

  fd = idle_connection(s.port(), "POST /kode HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n"
                                 "Content-Type: application/x-www-form-urlencoded\r\n\r\n");
  REQUIRE(fd >= 0);
  n = read(fd, buf, sizeof buf - 1);
  close(fd);
  REQUIRE(n > 0);
  buf[n] = 0;
  CHECK(std::string(buf).rfind("HTTP/1.1 413", 0) == 0);
}

TEST_CASE("the library's defaults are overridden, so idle keep-alive clients stall nobody", "[http]") {
  TestServer s;
  const auto& applied = s.server().applied();
  CHECK(applied.tcp_nodelay);
  // Each open connection holds a thread: hundreds of idle browsers or slow clients must not
  // use up the pool (tests/faults/slow_clients_test.py measures it against the binary).
  CHECK(applied.threads >= 512);
  CHECK(applied.keep_alive_idle_seconds <= 2);
  CHECK(applied.keep_alive_max_requests >= 100);
  CHECK(applied.listen_backlog >= 1024);
  CHECK(applied.max_body_bytes <= 1024 * 1024);

  // cpp-httplib's defaults (8 threads, 5 s keep-alive) made a new request wait ~5 s
  // behind 8 idle browsers. Hold 40 idle keep-alive connections open and time one
  // more request: it must not queue behind them.
  std::vector<int> idle;
  for (int i = 0; i < 40; ++i) {
    int fd = idle_connection(s.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    REQUIRE(fd >= 0);
    idle.push_back(fd);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  Browser b(s.port());
  auto start = std::chrono::steady_clock::now();
  auto r = b.get("/healthz");
  auto waited = std::chrono::steady_clock::now() - start;
  for (int fd : idle) close(fd);
  REQUIRE(r);
  CHECK(r->status == 200);
  // Generous bound: the failure mode this guards against is a 5 s stall.
  CHECK(waited < std::chrono::seconds(2));
}

TEST_CASE("tokens never reach the access log", "[http]") {
  TestServer s;
  std::ostringstream captured;
  auto* old = std::cerr.rdbuf(captured.rdbuf());
  {
    Browser b(s.port());
    b.get(s.link_path(0));
    b.get(s.link_path(1) + "?x=1");
  }
  std::cerr.rdbuf(old);
  std::string log = captured.str();
  std::string token = s.link_path(0).substr(3);
  CHECK(log.find("/s/[token]") != std::string::npos);
  CHECK(log.find(token) == std::string::npos);
  CHECK(log.find(s.link_path(1).substr(3)) == std::string::npos);
  using tilfreds::intake::web::loggable_path;
  CHECK(loggable_path("/s/abc") == "/s/[token]");
  // Found while reading the hostile table's log: secrets in other paths, forged lines.
  CHECK(loggable_path("//s/" + token) == "//s/[token]");
  CHECK(loggable_path("/S/" + token + "/x") == "/S/[token]/x");
  CHECK(loggable_path("/kode/" + s.letters().at(0).code) == "/kode/[code]");
  CHECK(loggable_path("/x\r\naccess 1.2.3.4 GET /") == "/x%0D%0Aaccess%201.2.3.4%20GET%20/");
  CHECK(loggable_path("/" + std::string(1000, 'a')).size() < 210);
  CHECK(loggable_path("/static/style.css") == "/static/style.css");
}

TEST_CASE("a log line stays one line whatever the message under it carries", "[http]") {
  std::ostringstream captured;
  auto* old = std::cerr.rdbuf(captured.rdbuf());
  // libpq's message when PostgreSQL restarts, and a value a client sent echoed back.
  tilfreds::intake::web::log_line(
      "unavailable ref=x: server closed the connection unexpectedly\n\tThis probably means\r\n"
      "access 1.2.3.4 GET / 200\x1b[2J\x7f");
  std::cerr.rdbuf(old);
  CHECK(captured.str() ==
        "unavailable ref=x: server closed the connection unexpectedly This probably means "
        "access 1.2.3.4 GET / 200\\x1B[2J\\x7F\n");
}

TEST_CASE("a form posted while the database is unavailable comes back on the busy page, ready to send again",
          "[http]") {
  // A route whose database is gone before it can build its own page (on PostgreSQL, the
  // session lookup): the server's busy page carries what was posted.
  TestServer s(1, {}, {}, tilfreds::testing::test_staff_options(), [](TestServer&, httplib::Server& http) {
    auto gone = [](const httplib::Request&, httplib::Response&) -> void {
      throw tilfreds::db::Unavailable("connection to server lost", 0);
    };
    http.Post("/utilgaengelig", gone);
    http.Get("/utilgaengelig", gone);
  });
  httplib::Client c("127.0.0.1", s.port());
  auto posted = c.Post("/utilgaengelig", "csrf=abc&q_kommentar=%22Hej%22+%3Cb%3E+%C3%A6%C3%B8%C3%A5&side=2",
                       "application/x-www-form-urlencoded");
  REQUIRE(posted);
  CHECK(posted->status == 503);
  CHECK(posted->get_header_value("Retry-After") == "5");
  CHECK(posted->body.find("Prøv igen om lidt") != std::string::npos);
  CHECK(posted->body.find(R"(<form method="post" action="/utilgaengelig">)") != std::string::npos);
  // Every field, escaped, and a button that sends them again.
  CHECK(posted->body.find(R"(<input type="hidden" name="q_kommentar" value="&quot;Hej&quot; &lt;b&gt; æøå">)") !=
        std::string::npos);
  CHECK(posted->body.find(R"(<input type="hidden" name="csrf" value="abc">)") != std::string::npos);
  CHECK(posted->body.find(R"(<input type="hidden" name="side" value="2">)") != std::string::npos);
  CHECK(posted->body.find("<button type=\"submit\">Prøv igen</button>") != std::string::npos);
  CHECK(posted->get_header_value("Cache-Control") == "no-store");
  // A GET has nothing to send again; an uploaded file cannot be put back into a page.
  auto got = c.Get("/utilgaengelig");
  REQUIRE(got);
  CHECK(got->status == 503);
  CHECK(got->body.find("<form method=\"post\"") == std::string::npos);
  httplib::MultipartFormDataItems upload = {{"fil", "a;b\n", "frame.csv", "text/csv"}, {"csrf", "abc", "", ""}};
  auto uploaded = c.Post("/utilgaengelig", upload);
  REQUIRE(uploaded);
  CHECK(uploaded->status == 503);
  CHECK(uploaded->body.find("<form method=\"post\"") == std::string::npos);
}
