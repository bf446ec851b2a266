#include "intake/fieldwork/import_jobs.h"

#include "intake/survey/tokens.h"
#include "intake/web/http.h"

namespace tilfreds::intake::fieldwork {

ImportJobs::~ImportJobs() {
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(mu_);
    threads.swap(threads_);
  }
  for (auto& t : threads) t.join();
}

std::string ImportJobs::start(std::int64_t user_id, std::int64_t wave_id, const std::string& key, Work work) {
  std::lock_guard lock(mu_);
  auto seen = by_key_.find({user_id, key});
  if (!key.empty() && seen != by_key_.end()) return seen->second;
  // Not guessable, so one user's job page cannot be found by counting.
  std::string id = survey::new_secret().substr(0, 16);
  JobState& job = jobs_[id];
  job.id = id;
  job.user_id = user_id;
  job.wave_id = wave_id;
  if (!key.empty()) by_key_[{user_id, key}] = id;
  threads_.emplace_back([this, id, work = std::move(work)] {
    Outcome outcome;
    try {
      outcome = work([this, &id](std::size_t done, std::size_t total) {
        std::lock_guard lock(mu_);
        jobs_[id].done = done;
        jobs_[id].total = total;
      });
    } catch (const std::exception& e) {
      // A fault (the database busy or full): nothing was imported, as the import is one transaction.
      web::log_line(std::string("frame import failed: ") + e.what());
      outcome.problems.push_back({"import", "the database could not store the frame; nothing was imported. "
                                            "Try again in a moment."});
    }
    std::lock_guard lock(mu_);
    JobState& j = jobs_[id];
    j.finished = true;
    j.imported = outcome.imported;
    j.problems = std::move(outcome.problems);
    j.letters = outcome.letters_csv.has_value();
    if (outcome.letters_csv) letters_[id] = std::move(*outcome.letters_csv);
  });
  return id;
}

std::optional<JobState> ImportJobs::find(const std::string& id, std::int64_t user_id) const {
  std::lock_guard lock(mu_);
  auto it = jobs_.find(id);
  if (it == jobs_.end() || it->second.user_id != user_id) return std::nullopt;
  return it->second;
}

std::optional<std::string> ImportJobs::take_letters(const std::string& id, std::int64_t user_id) {
  std::lock_guard lock(mu_);
  auto it = jobs_.find(id);
  auto letters = letters_.find(id);
  if (it == jobs_.end() || it->second.user_id != user_id || letters == letters_.end()) return std::nullopt;
  std::optional<std::string> out = std::move(letters->second);
  letters_.erase(letters);
  it->second.letters = false;
  return out;
}

}  // namespace tilfreds::intake::fieldwork
