// Issue 10 §2 over real sockets: what a refusal does to the connection, byte ranges,
// duplicate lengths and forwarded addresses.
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "intake/web/server.h"
#include "tests/support/raw_http.h"
#include "tests/support/test_server.h"

using tilfreds::testing::TestServer;

namespace {
// Sends `head`, then after a pause `rest`, on one connection, and reads until the
// server closes it or `timeout` passes: everything the server answered, however many
// responses. The pause puts `rest` in a read of its own, as a slow sender's body is.
std::string everything_answered(int port, const std::string& head, const std::string& rest = "",
                                std::chrono::milliseconds timeout = std::chrono::milliseconds(1500)) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return "";
  auto send_all = [fd](const std::string& bytes) {
    for (size_t sent = 0; sent < bytes.size();) {
      ssize_t n = send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return;
      sent += static_cast<size_t>(n);
    }
  };
  send_all(head);
  if (!rest.empty()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    send_all(rest);
  }
  std::string out;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  char buf[16384];
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 50) <= 0) continue;
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  close(fd);
  return out;
}

size_t responses_in(const std::string& raw) {
  size_t n = 0;
  for (size_t p = raw.find("HTTP/1.1 "); p != std::string::npos; p = raw.find("HTTP/1.1 ", p + 1)) ++n;
  return n;
}

const std::string kSmuggled = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
}  // namespace

TEST_CASE("after a refusal before the body is read the connection ends: the body is no request", "[http]") {
  TestServer s(1);
  SECTION("411 for a chunked body") {
    std::string raw = everything_answered(
        s.port(), "POST /kode HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n", kSmuggled);
    INFO(raw);
    CHECK(raw.rfind("HTTP/1.1 411", 0) == 0);
    CHECK(raw.find("Connection: close") != std::string::npos);
    CHECK(responses_in(raw) == 1);
  }
  SECTION("413 for a body over the limit") {
    std::string raw = everything_answered(
        s.port(), "POST /kode HTTP/1.1\r\nHost: x\r\nContent-Length: 300000\r\n"
                  "Content-Type: application/x-www-form-urlencoded\r\n\r\n", kSmuggled);
    INFO(raw);
    CHECK(raw.rfind("HTTP/1.1 413", 0) == 0);
    CHECK(responses_in(raw) == 1);
  }
  SECTION("the library's refusal of a multipart body with too many parts") {
    std::string body;
    for (int i = 0; i < 1100; ++i) body += "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n";
    body += "--b--\r\n";
    std::string request = "POST /kode HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                          "Content-Length: " + std::to_string(body.size() + kSmuggled.size()) + "\r\n\r\n" + body;
    std::string raw = everything_answered(s.port(), request, kSmuggled);
    INFO(raw.substr(0, 400));
    CHECK(raw.rfind("HTTP/1.1 4", 0) == 0);
    CHECK(responses_in(raw) == 1);
    CHECK(raw.find("ok\n") == std::string::npos);
  }
  SECTION("a page of ours keeps the connection for the next request") {
    std::string raw = everything_answered(s.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", kSmuggled);
    CHECK(responses_in(raw) == 2);
  }
}

TEST_CASE("two Content-Length headers are refused with 400", "[http]") {
  TestServer s(1);
  auto r = tilfreds::testing::raw_exchange(
      s.port(), "POST /kode HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\nContent-Length: 40\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n\r\nkode=x");
  CHECK(r.status == 400);
}

TEST_CASE("a Range header gets the whole file once, however many ranges it asks for", "[http]") {
  TestServer s(1);
  auto plain = tilfreds::testing::raw_exchange(s.port(), "GET /static/style.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  REQUIRE(plain.status == 200);
  std::string ranges = "bytes=0-";
  while (ranges.size() < 3000) ranges += ",0-";
  for (const std::string& range : {ranges, std::string("bytes=0-10"), std::string("bytes=-5")}) {
    INFO(range.substr(0, 40));
    std::string raw = everything_answered(
        s.port(), "GET /static/style.css HTTP/1.1\r\nHost: x\r\nRange: " + range + "\r\nConnection: close\r\n\r\n");
    auto r = tilfreds::testing::parse_response(raw);
    CHECK(r.status == 200);
    CHECK(r.body == plain.body);
    CHECK(raw.find("multipart/byteranges") == std::string::npos);
  }
}

TEST_CASE("behind a proxy, an X-Forwarded-For that is not one address is refused with a message", "[http]") {
  auto staff = tilfreds::testing::test_staff_options();
  staff.trust_forwarded_for = true;
  TestServer s(1, {}, {}, staff);
  for (const std::string& forwarded : {std::string("\xff\xfe\xc0"), std::string("1.2.3.4, 5.6.7.8"),
                                       std::string("evil.example")}) {
    INFO(forwarded);
    auto r = tilfreds::testing::raw_exchange(
        s.port(), "POST /login HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: " + forwarded +
                      "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 20\r\n"
                      "Connection: close\r\n\r\nnavn=a&adgangskode=b");
    CHECK(r.status == 400);
    CHECK(r.body.find("adressen p\xc3\xa5 afsenderen") != std::string::npos);
  }
  auto ok = tilfreds::testing::raw_exchange(
      s.port(), "GET /login HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 2001:db8::7\r\nConnection: close\r\n\r\n");
  CHECK(ok.status == 200);
}
