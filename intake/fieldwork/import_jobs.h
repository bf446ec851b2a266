// Frame imports that run while the administrator watches: a 100,000-row frame
// takes seconds, longer than a request should hold a browser. The upload starts a
// job and redirects to its page, which reloads itself (a meta refresh: the CSP
// forbids script) until the job is done.
//
// A job belongs to the user who started it. Its idempotency key (a hidden field
// of the upload form) makes a double click or a re-sent form return the job the
// first one started instead of importing twice.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "intake/problem.h"

namespace tilfreds::intake::fieldwork {

struct JobState {
  std::string id;
  std::int64_t user_id = 0;
  std::int64_t wave_id = 0;
  std::size_t done = 0;
  std::size_t total = 0;
  bool finished = false;
  std::size_t imported = 0;
  Problems problems;
  bool letters = false;  // the letters file waits to be downloaded (take_letters)
};

class ImportJobs {
 public:
  ImportJobs() = default;
  ~ImportJobs();  // waits for running jobs
  ImportJobs(const ImportJobs&) = delete;
  ImportJobs& operator=(const ImportJobs&) = delete;

  // Reports progress from inside a job.
  using Progress = std::function<void(std::size_t done, std::size_t total)>;
  // What a finished job leaves: how many were imported, its problems, its letters.
  struct Outcome {
    std::size_t imported = 0;
    Problems problems;
    std::optional<std::string> letters_csv;
  };
  using Work = std::function<Outcome(const Progress&)>;

  // Starts `work` on a thread of its own and returns the new job's id; or, if
  // `user_id` started a job with `key` before, that job's id (and `work` is not run).
  std::string start(std::int64_t user_id, std::int64_t wave_id, const std::string& key, Work work);

  // The job `id` if `user_id` started it.
  std::optional<JobState> find(const std::string& id, std::int64_t user_id) const;

  // The job's letters, handed out once; nullopt if taken or never made.
  std::optional<std::string> take_letters(const std::string& id, std::int64_t user_id);

 private:
  mutable std::mutex mu_;
  std::map<std::string, JobState> jobs_;
  // The letters CSV of a job's imported invitees, until downloaded once (the tokens
  // are in it: kept in memory only, never stored or logged).
  std::map<std::string, std::string> letters_;
  std::map<std::pair<std::int64_t, std::string>, std::string> by_key_;
  std::vector<std::thread> threads_;
};

}  // namespace tilfreds::intake::fieldwork
