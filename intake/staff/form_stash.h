// What a member of staff typed when their session had ended (issue 12): kept in
// memory under a random id for a while, so that after logging in again they get
// it back — on the page the form came from, or on a page that sends it again after
// they confirm — instead of "Det, du sendte, er ikke gemt". StaffAccess keeps every
// staff POST this way (access.h), so no route needs its own.
//
// In memory on purpose: it holds personal data that was never stored, a restart
// forgets it, and an entry is handed out once, only to a logged-in user in the
// browser that posted it (`binding`: the hash of that browser's tf_kept cookie).
// Passwords and CSRF tokens are never kept (the caller leaves them out). Bounded
// in entries, bytes and age.
//
// Shared (issue 17, on PostgreSQL, where the login may reach another server than
// the post did): the same entries as rows of kept_form (db/kept_form_store.h), under
// the same bounds, taken once; their age is counted in wall-clock seconds there.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "db/database.h"

namespace tilfreds::intake::staff {

using KeptFields = std::multimap<std::string, std::string>;

class FormStash {
 public:
  using Clock = std::chrono::steady_clock;
  explicit FormStash(Clock::duration keep = std::chrono::minutes(60), std::size_t max_entries = 500,
                     std::size_t max_bytes = 64u << 20)
      : keep_(keep), max_entries_(max_entries), max_bytes_(max_bytes) {}
  // Kept in `shared` instead of memory (see above); null: in memory.
  explicit FormStash(db::Database* shared) : FormStash() { shared_ = shared; }

  struct Kept {
    std::string path;  // where it is to be shown or sent again
    KeptFields fields;
    bool file_left_out = false;  // the form carried a file, which is not kept
  };

  // Keeps `fields` for `path` and the browser `binding`; returns the id to put in
  // the return URL. The oldest entries make room when the bounds are reached.
  std::string put(const std::string& path, KeptFields fields, const std::string& binding,
                  Clock::time_point now = Clock::now(), bool file_left_out = false);

  // The entry under `id`, removed on the way out; nullopt when unknown, for another
  // browser, for another path (when `path` is given), or older than the keep time.
  std::optional<Kept> take(const std::string& id, const std::string& binding,
                           const std::optional<std::string>& path = std::nullopt,
                           Clock::time_point now = Clock::now());

 private:
  struct Entry {
    Kept kept;
    std::string binding;
    std::size_t bytes = 0;
    Clock::time_point at;
  };
  void expire(Clock::time_point now);
  void erase_oldest();
  std::string put_shared(const std::string& id, const std::string& path, const KeptFields& fields,
                         const std::string& binding, std::size_t bytes, bool file_left_out);
  std::optional<Kept> take_shared(const std::string& id, const std::string& binding,
                                  const std::optional<std::string>& path);

  Clock::duration keep_;
  std::size_t max_entries_;
  std::size_t max_bytes_;
  std::size_t bytes_ = 0;
  db::Database* shared_ = nullptr;
  std::mutex mu_;
  std::map<std::string, Entry> entries_;
};

}  // namespace tilfreds::intake::staff
