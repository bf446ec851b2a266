// Captures what the server writes to std::cerr (its access and error log) while
// alive, thread-safely: handler threads log while the test thread reads.
#pragma once

#include <iostream>
#include <mutex>
#include <streambuf>
#include <string>

namespace tilfreds::testing {

class LogCapture : private std::streambuf {
 public:
  LogCapture() : old_(std::cerr.rdbuf(this)) {}
  ~LogCapture() override { std::cerr.rdbuf(old_); }
  LogCapture(const LogCapture&) = delete;
  LogCapture& operator=(const LogCapture&) = delete;

  std::string text() const {
    std::lock_guard lock(mu_);
    return text_;
  }

 private:
  int_type overflow(int_type c) override {
    if (c != traits_type::eof()) {
      std::lock_guard lock(mu_);
      text_ += static_cast<char>(c);
    }
    return c;
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    std::lock_guard lock(mu_);
    text_.append(s, static_cast<size_t>(n));
    return n;
  }

  std::streambuf* old_;
  mutable std::mutex mu_;
  std::string text_;
};

}  // namespace tilfreds::testing
