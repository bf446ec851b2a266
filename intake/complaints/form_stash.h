// What a member of staff typed when their session had ended (issue 12): kept in
// memory under a random id for a while, so the page they return to after logging
// in again shows it instead of losing it ("Det, du sendte, er ikke gemt").
//
// In memory on purpose: it holds personal data that was never stored, a restart
// forgets it, and an entry is handed out once and only to a logged-in user with
// the page's role (the route checks). Bounded in entries and age.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "intake/complaints/complaint.h"

namespace tilfreds::intake::complaints {

class FormStash {
 public:
  using Clock = std::chrono::steady_clock;
  explicit FormStash(Clock::duration keep = std::chrono::minutes(60), std::size_t max_entries = 500)
      : keep_(keep), max_entries_(max_entries) {}

  // Keeps `fields` posted to `path`; returns the id to put in the return URL.
  std::string put(const std::string& path, Fields fields, Clock::time_point now = Clock::now());

  // The fields kept under `id` for `path`, removed on the way out; nullopt when
  // unknown, for another path, or older than the keep time.
  std::optional<Fields> take(const std::string& id, const std::string& path, Clock::time_point now = Clock::now());

 private:
  struct Entry {
    std::string path;
    Fields fields;
    Clock::time_point at;
  };
  void expire(Clock::time_point now);

  Clock::duration keep_;
  std::size_t max_entries_;
  std::mutex mu_;
  std::map<std::string, Entry> entries_;
};

}  // namespace tilfreds::intake::complaints
