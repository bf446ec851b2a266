#include "intake/complaints/form_stash.h"

#include "intake/survey/tokens.h"

namespace tilfreds::intake::complaints {

void FormStash::expire(Clock::time_point now) {
  for (auto it = entries_.begin(); it != entries_.end();) {
    it = now - it->second.at > keep_ ? entries_.erase(it) : std::next(it);
  }
}

std::string FormStash::put(const std::string& path, Fields fields, Clock::time_point now) {
  std::string id = survey::new_secret();
  std::lock_guard lock(mu_);
  expire(now);
  if (entries_.size() >= max_entries_) {
    // The oldest entry makes room: a flood of expired sessions cannot grow memory.
    auto oldest = entries_.begin();
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if (it->second.at < oldest->second.at) oldest = it;
    }
    entries_.erase(oldest);
  }
  entries_[id] = Entry{path, std::move(fields), now};
  return id;
}

std::optional<Fields> FormStash::take(const std::string& id, const std::string& path, Clock::time_point now) {
  std::lock_guard lock(mu_);
  expire(now);
  auto it = entries_.find(id);
  if (it == entries_.end() || it->second.path != path) return std::nullopt;
  Fields out = std::move(it->second.fields);
  entries_.erase(it);
  return out;
}

}  // namespace tilfreds::intake::complaints
