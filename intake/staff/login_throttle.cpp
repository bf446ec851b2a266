#include "intake/staff/login_throttle.h"

#include <algorithm>

#include "db/limit_store.h"

namespace tilfreds::intake::staff {

namespace {
using web::RateLimiter;
// Unix seconds as a time point of the limiter's clock: the limiters then follow the
// staff clock, which tests move.
RateLimiter::Clock::time_point at(std::int64_t unix_seconds) {
  return RateLimiter::Clock::time_point(std::chrono::seconds(unix_seconds));
}
constexpr std::int64_t kForgetPairAfter = 60 * 60;
constexpr std::size_t kKnownAddresses = 8;
}  // namespace

LoginThrottle::LoginThrottle(LoginLimits limits, std::size_t max_entries)
    : limits_(limits),
      max_entries_(max_entries),
      per_address_(limits.per_address, std::chrono::seconds(limits.address_window_seconds), max_entries),
      per_account_(limits.per_account, std::chrono::seconds(limits.account_window_seconds), max_entries) {}

LoginThrottle::LoginThrottle(LoginLimits limits, web::SharedLimits shared) : LoginThrottle(limits) {
  shared_ = std::move(shared);
}

std::int64_t LoginThrottle::delay_after(std::int64_t attempts) const {
  const std::int64_t over = attempts - limits_.free_failures;
  if (over <= 0) return 0;
  return over >= 31 ? limits_.max_delay_seconds
                    : std::min<std::int64_t>(std::int64_t{1} << (over - 1), limits_.max_delay_seconds);
}

bool LoginThrottle::known_address(const std::string& name, const std::string& address) const {
  auto it = known_.find(name);
  return it != known_.end() && std::find(it->second.begin(), it->second.end(), address) != it->second.end();
}

void LoginThrottle::make_room(std::int64_t now) {
  for (auto it = pairs_.begin(); it != pairs_.end();) {
    bool quiet = now - it->second.last > kForgetPairAfter && now >= it->second.next_allowed;
    it = quiet ? pairs_.erase(it) : std::next(it);
  }
  while (pairs_.size() >= max_entries_) {
    auto oldest = std::min_element(pairs_.begin(), pairs_.end(),
                                   [](const auto& a, const auto& b) { return a.second.last < b.second.last; });
    pairs_.erase(oldest);
  }
}

LoginThrottle::Attempt LoginThrottle::admit(const std::string& name, const std::string& address,
                                            std::int64_t now) {
  Attempt a;
  a.name = name;
  a.address = address;
  a.at = now;
  if (shared_.db) {
    admit_shared(a);
    return a;
  }
  std::lock_guard lock(mu_);
  const std::string key = name + '\n' + address;
  auto found = pairs_.find(key);
  if (found != pairs_.end() && now < found->second.next_allowed) {
    a.retry_after_seconds = found->second.next_allowed - now;
    return a;
  }
  if (!per_address_.try_acquire(address, at(now))) {
    a.retry_after_seconds = limits_.address_window_seconds;
    return a;
  }
  if (!known_address(name, address)) {
    if (!per_account_.try_acquire(name, at(now))) {
      per_address_.give_back(address);
      a.retry_after_seconds = limits_.account_window_seconds;
      return a;
    }
    a.counted_for_account = true;
  }
  if (found == pairs_.end()) {
    if (pairs_.size() >= max_entries_) make_room(now);
    found = pairs_.emplace(key, Pair{}).first;
  }
  Pair& p = found->second;
  // Counted before the password is checked, as if it failed: a success gives it back.
  p.attempts += 1;
  p.last = now;
  if (const std::int64_t delay = delay_after(p.attempts)) p.next_allowed = now + delay;
  a.admitted = true;
  return a;
}

void LoginThrottle::admit_shared(Attempt& a) {
  const std::int64_t now = a.at;
  // The rows hold keyed hashes of the name as typed and of the address, never either.
  const std::string name = shared_.pseudonym(a.name), address = shared_.pseudonym(a.address);
  shared_.db->write([&](db::Connection& c) {
    db::forget_quiet_logins(c, now - kForgetPairAfter, now,
                            now - std::max(limits_.address_window_seconds, limits_.account_window_seconds));
    const auto pair = db::lock_login_pair(c, name, address, now);
    if (now < pair.next_allowed) {
      a.retry_after_seconds = pair.next_allowed - now;
      return;
    }
    if (!db::acquire_limit_event(c, "address", address, now, limits_.address_window_seconds,
                                 limits_.per_address)) {
      a.retry_after_seconds = limits_.address_window_seconds;
      return;
    }
    if (!db::is_known_login_address(c, name, address)) {
      if (!db::acquire_limit_event(c, "account", name, now, limits_.account_window_seconds,
                                   limits_.per_account)) {
        db::give_back_limit_event(c, "address", address);
        a.retry_after_seconds = limits_.account_window_seconds;
        return;
      }
      a.counted_for_account = true;
    }
    if (const std::int64_t delay = delay_after(db::count_login_try(c, name, address, now))) {
      db::set_login_next_allowed(c, name, address, now + delay);
    }
    a.admitted = true;
  });
}

void LoginThrottle::succeeded_shared(const Attempt& a) {
  const std::string name = shared_.pseudonym(a.name), address = shared_.pseudonym(a.address);
  shared_.db->write([&](db::Connection& c) {
    db::delete_login_pair(c, name, address);
    db::give_back_limit_event(c, "address", address);
    if (a.counted_for_account) db::give_back_limit_event(c, "account", name);
    db::remember_login_address(c, name, address, a.at, static_cast<int>(kKnownAddresses));
  });
}

void LoginThrottle::succeeded(const Attempt& a) {
  if (!a.admitted) return;
  if (shared_.db) return succeeded_shared(a);
  std::lock_guard lock(mu_);
  pairs_.erase(a.name + '\n' + a.address);
  per_address_.give_back(a.address);
  if (a.counted_for_account) per_account_.give_back(a.name);
  auto& addresses = known_[a.name];
  addresses.erase(std::remove(addresses.begin(), addresses.end(), a.address), addresses.end());
  addresses.push_back(a.address);
  if (addresses.size() > kKnownAddresses) addresses.erase(addresses.begin());
}

std::size_t LoginThrottle::pairs() const {
  std::lock_guard lock(mu_);
  return pairs_.size();
}

}  // namespace tilfreds::intake::staff
