// One HTTP exchange with a cpp-httplib server without a socket: the request bytes
// go through the library's own request parser, routing, handlers and response
// writer, so a fuzz target reaches our handlers exactly as a client would, at the
// speed of a function call.
#pragma once

#include <httplib.h>

#include <string>

#include "tests/support/raw_http.h"

namespace tilfreds::fuzz {

class StringStream : public httplib::Stream {
 public:
  explicit StringStream(const std::string& in) : in_(in) {}
  bool is_readable() const override { return true; }
  bool is_writable() const override { return true; }
  ssize_t read(char* ptr, size_t size) override {
    size_t n = std::min(size, in_.size() - pos_);
    in_.copy(ptr, n, pos_);
    pos_ += n;
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char* ptr, size_t size) override {
    out_.append(ptr, size);
    return static_cast<ssize_t>(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 40000;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 8080;
  }
  socket_t socket() const override { return INVALID_SOCKET; }
  const std::string& written() const { return out_; }

 private:
  const std::string& in_;
  size_t pos_ = 0;
  std::string out_;
};

// process_request is protected: a using-declaration in a derived class names it
// publicly, and the member pointer it yields works on any httplib::Server.
struct ServerAccess : httplib::Server {
  using httplib::Server::process_request;
};

// Feeds `request` (raw bytes) to `server` as one connection and parses its reply.
inline testing::RawResponse exchange(httplib::Server& server, const std::string& request) {
  StringStream stream(request);
  bool closed = false;
  auto process = &ServerAccess::process_request;
  (server.*process)(stream, true, closed, [](httplib::Request&) {});
  return testing::parse_response(stream.written());
}

}  // namespace tilfreds::fuzz
