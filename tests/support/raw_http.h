// Raw HTTP over a loopback socket, for requests no well-behaved client sends
// (broken request lines, CRLF and NUL bytes, lying Content-Length) and for seeing
// exactly the bytes the server answers with.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>

#include <httplib.h>

namespace tilfreds::testing {

struct RawResponse {
  int status = 0;  // 0: no parsable status line arrived
  httplib::Headers headers;
  std::string body;
  std::string raw;  // everything received
};

// Splits a raw HTTP/1.x response into status, headers and body.
inline RawResponse parse_response(std::string raw_bytes) {
  RawResponse out;
  out.raw = std::move(raw_bytes);
  const std::string& raw = out.raw;
  if (raw.rfind("HTTP/1.", 0) != 0 || raw.size() < 12) return out;
  out.status = std::atoi(raw.substr(9, 3).c_str());
  size_t end = raw.find("\r\n\r\n");
  size_t pos = raw.find("\r\n") + 2;
  while (end != std::string::npos && pos < end) {
    size_t eol = raw.find("\r\n", pos);
    std::string line = raw.substr(pos, eol - pos);
    size_t colon = line.find(':');
    if (colon != std::string::npos) {
      size_t v = line.find_first_not_of(' ', colon + 1);
      out.headers.emplace(line.substr(0, colon), v == std::string::npos ? "" : line.substr(v));
    }
    pos = eol + 2;
  }
  if (end != std::string::npos) out.body = raw.substr(end + 4);
  return out;
}

// Sends `bytes` to 127.0.0.1:`port` and reads one response: until its
// Content-Length is complete, the server closes, or `timeout` passes. (After a
// request it cannot parse, cpp-httplib keeps the connection open for keep-alive.)
inline RawResponse raw_exchange(int port, const std::string& bytes,
                                std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  RawResponse out;
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return out;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return out;
  }
  for (size_t sent = 0; sent < bytes.size();) {
    ssize_t n = send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may refuse early and close: read what it said
    sent += static_cast<size_t>(n);
  }
  auto deadline = std::chrono::steady_clock::now() + timeout;
  char buf[16384];
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (poll(&p, 1, static_cast<int>(left.count()) + 1) <= 0) break;
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.raw.append(buf, static_cast<size_t>(n));
    size_t head = out.raw.find("\r\n\r\n");
    if (head == std::string::npos) continue;
    constexpr std::string_view kLength = "\r\nContent-Length: ";  // as cpp-httplib writes it
    size_t h = out.raw.find(kLength);
    if (h == std::string::npos || h > head) continue;
    size_t length = std::strtoul(out.raw.c_str() + h + kLength.size(), nullptr, 10);
    if (out.raw.size() >= head + 4 + length) break;
  }
  close(fd);
  return parse_response(std::move(out.raw));
}

}  // namespace tilfreds::testing
