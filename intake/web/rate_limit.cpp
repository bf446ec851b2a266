#include "intake/web/rate_limit.h"

namespace tilfreds::intake::web {

void RateLimiter::expire(std::deque<Clock::time_point>& events, Clock::time_point now) {
  while (!events.empty() && now - events.front() >= window_) events.pop_front();
}

bool RateLimiter::exhausted(const std::string& key, Clock::time_point now) {
  std::lock_guard lock(mu_);
  auto it = events_.find(key);
  if (it == events_.end()) return false;
  expire(it->second, now);
  if (it->second.empty()) {
    events_.erase(it);
    return false;
  }
  return static_cast<int>(it->second.size()) >= limit_;
}

void RateLimiter::record(const std::string& key, Clock::time_point now) {
  std::lock_guard lock(mu_);
  auto& events = events_[key];
  expire(events, now);
  events.push_back(now);
}

}  // namespace tilfreds::intake::web
