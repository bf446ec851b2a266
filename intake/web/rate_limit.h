// A sliding-window counter per key (e.g. per client address): at most `limit`
// events per `window`. In memory: a restart forgets, which is acceptable for
// slowing code guessing (a code has ~40 bits; guessing needs millions of tries).
//
// Bounded (issue 10 §2: 30,000 forwarded addresses once added 25 MB for good): a key
// keeps at most `limit` event times, keys whose events have all expired are dropped,
// and at most `max_keys` keys are held — past that, the tenth idle longest is
// forgotten. Forgetting can only let an address that has been quiet longest try
// again early; whoever can spray that many addresses is not slowed per address anyway.
//
// Shared (issue 17, on PostgreSQL, where several servers share the database and a
// guesser's requests may reach any of them): the events are rows of limit_event
// under the limiter's kind (db/limit_store.h), counted in wall-clock seconds; the
// time points given are then not used. A SQLite file has one server, and keeps the
// counts in memory: no commit per counted event.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "db/database.h"

namespace tilfreds::intake::web {

// Where the limits are counted when several servers share the database (PostgreSQL),
// and the key what they count is hashed under there: a client address, or a user name
// as typed (sometimes a password typed in the wrong field), is never stored in clear.
struct SharedLimits {
  db::Database* db = nullptr;  // null: a SQLite file (one server), counted in memory
  std::string key;             // secret bytes, the same on every server (from the key file)
  // HMAC-SHA-256 of `value` under `key`, in hex: what the rows hold instead of it.
  std::string pseudonym(const std::string& value) const;
};
// `db` and `key` when the engine is one several servers share (PostgreSQL), else none.
SharedLimits shared_by_servers(db::Database& db, std::string key);

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  RateLimiter(int limit, Clock::duration window, std::size_t max_keys = 10000)
      : limit_(limit), window_(window), max_keys_(max_keys) {}
  // Counted in `shared` under `kind` instead of memory (see above) when it has a database.
  RateLimiter(int limit, Clock::duration window, SharedLimits shared, std::string kind)
      : RateLimiter(limit, window) {
    shared_ = std::move(shared);
    kind_ = std::move(kind);
  }

  // Whether `key` has used up its events in the current window.
  bool exhausted(const std::string& key, Clock::time_point now = Clock::now());
  // Records one event for `key`.
  void record(const std::string& key, Clock::time_point now = Clock::now());
  // Checks and counts in one step, so parallel requests cannot all pass the check
  // before any is counted: false (nothing counted) if `key` is exhausted, else one
  // event is counted and true returned.
  bool try_acquire(const std::string& key, Clock::time_point now = Clock::now());
  // Takes back the newest event of `key` (the attempt it counted went well).
  void give_back(const std::string& key);

  // Keys held now, and the most events any key holds: the memory bound (tests).
  std::size_t keys() const;
  std::size_t max_events_per_key() const;
  std::size_t max_keys() const { return max_keys_; }

 private:
  using Events = std::vector<Clock::time_point>;  // oldest first, at most limit_
  void expire(Events& events, Clock::time_point now) const;
  // The events of `key`, created if new (making room first when the table is full).
  Events& events_of(const std::string& key, Clock::time_point now);
  void make_room(Clock::time_point now);

  std::int64_t window_seconds() const;

  int limit_;
  Clock::duration window_;
  std::size_t max_keys_;
  SharedLimits shared_;
  std::string kind_;
  mutable std::mutex mu_;
  std::map<std::string, Events> events_;
  std::size_t inserts_since_sweep_ = 0;
};

}  // namespace tilfreds::intake::web
