#include "intake/web/rate_limit.h"

#include <sodium.h>

#include <algorithm>

#include "db/dialect.h"
#include "db/limit_store.h"

namespace tilfreds::intake::web {

namespace {
// Expired keys are swept after this many new keys even when the table is not full,
// so quiet hours give the memory back.
constexpr std::size_t kSweepEvery = 1024;

std::int64_t wall_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}
}  // namespace

std::string SharedLimits::pseudonym(const std::string& value) const {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(value.data()), value.size());
  crypto_auth_hmacsha256_final(&state, mac);
  char hex[2 * sizeof mac + 1];
  return sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
}

SharedLimits shared_by_servers(db::Database& db, std::string key) {
  if (db::engine_of(db.path()) != db::Engine::kPostgresql) return {};
  return {&db, std::move(key)};
}

std::int64_t RateLimiter::window_seconds() const {
  return std::chrono::duration_cast<std::chrono::seconds>(window_).count();
}

void RateLimiter::expire(Events& events, Clock::time_point now) const {
  auto live = std::find_if(events.begin(), events.end(), [&](auto t) { return now - t < window_; });
  events.erase(events.begin(), live);
}

void RateLimiter::make_room(Clock::time_point now) {
  for (auto it = events_.begin(); it != events_.end();) {
    expire(it->second, now);
    it = it->second.empty() ? events_.erase(it) : std::next(it);
  }
  inserts_since_sweep_ = 0;
  if (events_.size() < max_keys_) return;
  // Still full of live keys: forget the tenth whose last event is oldest.
  std::vector<std::pair<Clock::time_point, std::string>> by_last;
  by_last.reserve(events_.size());
  for (const auto& [key, events] : events_) by_last.emplace_back(events.back(), key);
  std::size_t drop = std::max<std::size_t>(1, max_keys_ / 10);
  drop = std::min(drop, by_last.size());
  std::nth_element(by_last.begin(), by_last.begin() + static_cast<std::ptrdiff_t>(drop - 1), by_last.end());
  for (std::size_t i = 0; i < drop; ++i) events_.erase(by_last[i].second);
}

RateLimiter::Events& RateLimiter::events_of(const std::string& key, Clock::time_point now) {
  auto it = events_.find(key);
  if (it != events_.end()) {
    expire(it->second, now);
    return it->second;
  }
  if (events_.size() >= max_keys_ || ++inserts_since_sweep_ >= kSweepEvery) make_room(now);
  return events_[key];
}

bool RateLimiter::exhausted(const std::string& key, Clock::time_point now) {
  if (shared_.db) {
    return shared_.db->read([&](db::Connection& c) {
      return db::count_limit_events(c, kind_, shared_.pseudonym(key), wall_seconds(), window_seconds()) >= limit_;
    });
  }
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
  if (shared_.db) {
    return shared_.db->write([&](db::Connection& c) {
      db::record_limit_event(c, kind_, shared_.pseudonym(key), wall_seconds(), window_seconds(), limit_);
    });
  }
  std::lock_guard lock(mu_);
  Events& events = events_of(key, now);
  // Past the limit only the newest `limit` times matter: the key stays exhausted until
  // the oldest of them leaves the window.
  if (static_cast<int>(events.size()) >= limit_ && !events.empty()) events.erase(events.begin());
  events.push_back(now);
}

bool RateLimiter::try_acquire(const std::string& key, Clock::time_point now) {
  if (shared_.db) {
    bool acquired = false;
    shared_.db->write([&](db::Connection& c) {
      acquired = db::acquire_limit_event(c, kind_, shared_.pseudonym(key), wall_seconds(), window_seconds(), limit_);
    });
    return acquired;
  }
  std::lock_guard lock(mu_);
  Events& events = events_of(key, now);
  if (static_cast<int>(events.size()) >= limit_) return false;
  events.push_back(now);
  return true;
}

void RateLimiter::give_back(const std::string& key) {
  if (shared_.db) {
    return shared_.db->write([&](db::Connection& c) { db::give_back_limit_event(c, kind_, shared_.pseudonym(key)); });
  }
  std::lock_guard lock(mu_);
  auto it = events_.find(key);
  if (it == events_.end() || it->second.empty()) return;
  it->second.pop_back();
  if (it->second.empty()) events_.erase(it);
}

std::size_t RateLimiter::keys() const {
  std::lock_guard lock(mu_);
  return events_.size();
}

std::size_t RateLimiter::max_events_per_key() const {
  std::lock_guard lock(mu_);
  std::size_t most = 0;
  for (const auto& [key, events] : events_) most = std::max(most, events.size());
  return most;
}

}  // namespace tilfreds::intake::web
