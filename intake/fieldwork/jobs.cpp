#include "intake/fieldwork/jobs.h"

#include "intake/survey/tokens.h"
#include "intake/web/http.h"

namespace tilfreds::intake::fieldwork {

FieldworkJobs::~FieldworkJobs() {
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(mu_);
    threads.swap(threads_);
  }
  for (auto& t : threads) t.join();
}

std::string FieldworkJobs::start(JobKind kind, std::int64_t user_id, std::int64_t wave_id, const std::string& key, Work work) {
  std::lock_guard lock(mu_);
  auto seen = by_key_.find({user_id, key});
  if (!key.empty() && seen != by_key_.end()) return seen->second;
  // Not guessable, so one user's job page cannot be found by counting.
  std::string id = survey::new_secret().substr(0, 16);
  JobState& job = jobs_[id];
  job.id = id;
  job.kind = kind;
  job.user_id = user_id;
  job.wave_id = wave_id;
  if (!key.empty()) by_key_[{user_id, key}] = id;
  threads_.emplace_back([this, id, kind, work = std::move(work)] {
    Outcome outcome;
    try {
      outcome = work([this, &id](std::size_t done, std::size_t total) {
        std::lock_guard lock(mu_);
        jobs_[id].done = done;
        jobs_[id].total = total;
      });
    } catch (const std::exception& e) {
      // A fault (the database busy or full, Chromium failing): an import is one
      // transaction, so nothing was imported; letters are only made, never stored.
      if (kind == JobKind::kImport) {
        web::log_line(std::string("frame import failed: ") + e.what());
        outcome.problems.push_back({"import", "the database could not store the frame; nothing was imported. "
                                              "Try again in a moment."});
      } else {
        web::log_line(std::string("letters failed: ") + e.what());
        outcome.problems.push_back({"letters", "the letters could not be made. Try again in a moment."});
      }
    }
    std::lock_guard lock(mu_);
    JobState& j = jobs_[id];
    j.finished = true;
    j.imported = outcome.imported;
    j.problems = std::move(outcome.problems);
    j.file = outcome.file.has_value();
    if (outcome.file) {
      j.filename = outcome.file->filename;
      files_[id] = std::move(*outcome.file);
    }
  });
  return id;
}

std::optional<JobState> FieldworkJobs::find(const std::string& id, std::int64_t user_id) const {
  std::lock_guard lock(mu_);
  auto it = jobs_.find(id);
  if (it == jobs_.end() || it->second.user_id != user_id) return std::nullopt;
  return it->second;
}

std::optional<JobFile> FieldworkJobs::take_file(const std::string& id, std::int64_t user_id) {
  std::lock_guard lock(mu_);
  auto it = jobs_.find(id);
  auto file = files_.find(id);
  if (it == jobs_.end() || it->second.user_id != user_id || file == files_.end()) return std::nullopt;
  std::optional<JobFile> out = std::move(file->second);
  files_.erase(file);
  it->second.file = false;
  return out;
}

}  // namespace tilfreds::intake::fieldwork
