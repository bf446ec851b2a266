#include "intake/staff/form_stash.h"

#include <nlohmann/json.hpp>

#include "db/kept_form_store.h"
#include "intake/secret_shapes.h"

namespace tilfreds::intake::staff {

namespace {
std::int64_t wall_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}
}  // namespace

std::string FormStash::put_shared(const std::string& id, const std::string& path, const KeptFields& fields,
                                  const std::string& binding, std::size_t bytes, bool file_left_out) {
  nlohmann::json pairs = nlohmann::json::array();
  for (const auto& [k, v] : fields) pairs.push_back({k, v});
  const std::int64_t now = wall_seconds();
  const db::KeptFormRow row{id, binding, path, pairs.dump(), file_left_out, static_cast<std::int64_t>(bytes), now};
  shared_->write([&](db::Connection& c) {
    db::keep_form_row(c, row, now - std::chrono::duration_cast<std::chrono::seconds>(keep_).count(),
                      static_cast<std::int64_t>(max_entries_), static_cast<std::int64_t>(max_bytes_));
  });
  return id;
}

std::optional<FormStash::Kept> FormStash::take_shared(const std::string& id, const std::string& binding,
                                                      const std::optional<std::string>& path) {
  const std::int64_t kept_before = wall_seconds() - std::chrono::duration_cast<std::chrono::seconds>(keep_).count();
  std::optional<db::KeptFormRow> row;
  shared_->write([&](db::Connection& c) { row = db::take_kept_form_row(c, id, binding, path, kept_before); });
  if (!row) return std::nullopt;
  Kept out{row->path, {}, row->file_left_out};
  for (const auto& pair : nlohmann::json::parse(row->fields)) {
    out.fields.emplace(pair.at(0).get<std::string>(), pair.at(1).get<std::string>());
  }
  return out;
}

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
  if (shared_) return put_shared(id, path, fields, binding, bytes, file_left_out);
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
  if (shared_) return take_shared(id, binding, path);
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
