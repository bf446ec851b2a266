#include "intake/staff/form_stash.h"

#include "intake/secret_shapes.h"

namespace tilfreds::intake::staff {

void FormStash::expire(Clock::time_point now) {
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (now - it->second.at > keep_) {
      bytes_ -= it->second.bytes;
      it = entries_.erase(it);
    } else {
      ++it;
    }
  }
}

void FormStash::erase_oldest() {
  auto oldest = entries_.begin();
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (it->second.at < oldest->second.at) oldest = it;
  }
  bytes_ -= oldest->second.bytes;
  entries_.erase(oldest);
}

std::string FormStash::put(const std::string& path, KeptFields fields, const std::string& binding,
                           Clock::time_point now, bool file_left_out) {
  std::size_t bytes = path.size();
  for (const auto& [k, v] : fields) bytes += k.size() + v.size();
  // 128 random bits in the shape of a letter token, so the access log masks it too.
  std::string id = random_base64url(16);
  std::lock_guard lock(mu_);
  expire(now);
  // A flood of expired sessions cannot grow memory: the oldest entries make room.
  while (!entries_.empty() && (entries_.size() >= max_entries_ || bytes_ + bytes > max_bytes_)) erase_oldest();
  bytes_ += bytes;
  entries_[id] = Entry{{path, std::move(fields), file_left_out}, binding, bytes, now};
  return id;
}

std::optional<FormStash::Kept> FormStash::take(const std::string& id, const std::string& binding,
                                               const std::optional<std::string>& path, Clock::time_point now) {
  std::lock_guard lock(mu_);
  expire(now);
  auto it = entries_.find(id);
  if (it == entries_.end() || it->second.binding != binding || (path && it->second.kept.path != *path)) {
    return std::nullopt;
  }
  Kept out = std::move(it->second.kept);
  bytes_ -= it->second.bytes;
  entries_.erase(it);
  return out;
}

}  // namespace tilfreds::intake::staff
