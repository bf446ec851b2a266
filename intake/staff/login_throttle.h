// Who may try a staff password now (issue 10 §3; OWASP ASVS 2.2.1): counting and
// checking are one step under one lock, so 40 parallel guesses cannot all pass a
// check before any is counted, and the limits are drawn so that knowing a user name
// does not let anyone keep that user out.
//
// Three limits, each checked and counted before the password is verified:
// - per user name and address: the first `free_failures` tries are free, then each
//   further one waits twice as long as the last (1 s, 2 s, 4 s … at most `max_delay`);
//   a success clears it, an hour of quiet forgets it.
// - per address, whatever the names: `per_address` tries per `address_window`.
// - per user name, from addresses the user has never logged in from: `per_account`
//   tries per `account_window` (ASVS: at most 100 failures an hour on an account).
//   The addresses a user logged in from before are exempt, so a guesser elsewhere
//   cannot lock the user out of their own desk.
// Unknown names are counted exactly like real ones: a refusal says nothing of
// whether a name exists. In memory, bounded; a restart forgets.
//
// Shared (issue 17, on PostgreSQL, where several servers serve one database): the
// same three limits counted in the database (db/limit_store.h), each attempt
// in one write, so a name throttled on one server is throttled on every other. One
// server's attempts are counted in turn by its writer, as under the lock here; two
// servers' counts of one address or name take turns on a row lock. A SQLite file has
// one server, and keeps the counts in memory as before: no commit per attempt.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "db/database.h"
#include "intake/web/rate_limit.h"

namespace tilfreds::intake::staff {

struct LoginLimits {
  int free_failures = 3;
  std::int64_t max_delay_seconds = 15 * 60;
  int per_address = 20;
  std::int64_t address_window_seconds = 15 * 60;
  int per_account = 100;
  std::int64_t account_window_seconds = 60 * 60;
};

class LoginThrottle {
 public:
  explicit LoginThrottle(LoginLimits limits, std::size_t max_entries = 10000);
  // Counted in `shared` instead of memory (see above) when it has a database.
  LoginThrottle(LoginLimits limits, web::SharedLimits shared);

  struct Attempt {
    bool admitted = false;
    std::int64_t retry_after_seconds = 0;  // when refused
    std::string name, address;
    std::int64_t at = 0;
    bool counted_for_account = false;
  };
  // Admits and counts one attempt at `now` (unix seconds), or refuses it with the
  // seconds to wait.
  Attempt admit(const std::string& name, const std::string& address, std::int64_t now);
  // The admitted attempt had the right password: its counts are given back, the
  // name and address pair starts afresh, and the address becomes one of the user's.
  void succeeded(const Attempt& attempt);

  // Pairs held in memory now (the memory bound, tests).
  std::size_t pairs() const;

 private:
  struct Pair {
    int attempts = 0;
    std::int64_t next_allowed = 0;
    std::int64_t last = 0;
  };
  bool known_address(const std::string& name, const std::string& address) const;
  // The wait after the `attempts`-th try of a pair (0 while free).
  std::int64_t delay_after(std::int64_t attempts) const;
  void admit_shared(Attempt& a);
  void succeeded_shared(const Attempt& a);
  void make_room(std::int64_t now);

  LoginLimits limits_;
  std::size_t max_entries_;
  web::SharedLimits shared_;
  mutable std::mutex mu_;
  web::RateLimiter per_address_;
  web::RateLimiter per_account_;
  std::map<std::string, Pair> pairs_;                          // name '\n' address
  std::map<std::string, std::vector<std::string>> known_;      // name → addresses, newest last
};

}  // namespace tilfreds::intake::staff
