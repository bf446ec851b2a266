// A sliding-window counter per key (e.g. per client address): at most `limit`
// events per `window`. In memory: a restart forgets, which is acceptable for
// slowing code guessing (a code has ~40 bits; guessing needs millions of tries).
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace tilfreds::intake::web {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  RateLimiter(int limit, Clock::duration window) : limit_(limit), window_(window) {}

  // Whether `key` has used up its events in the current window.
  bool exhausted(const std::string& key, Clock::time_point now = Clock::now());
  // Records one event for `key`.
  void record(const std::string& key, Clock::time_point now = Clock::now());

 private:
  void expire(std::deque<Clock::time_point>& events, Clock::time_point now);

  int limit_;
  Clock::duration window_;
  std::mutex mu_;
  std::map<std::string, std::deque<Clock::time_point>> events_;
};

}  // namespace tilfreds::intake::web
