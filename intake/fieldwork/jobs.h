// Work that runs while the administrator watches: a 100,000-row frame import takes
// seconds, and the PDF letters of a wave (one PDF per invitee in a zip) minutes —
// longer than a request should hold a browser. The form starts a job and
// redirects to its page, which reloads itself (a meta refresh: the CSP forbids
// script) until the job is done, then offers its file once.
//
// A job belongs to the user who started it. Its idempotency key (a hidden field
// of the form) makes a double click or a re-sent form return the job the first one
// started instead of importing twice or recording a second reminder round.
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

enum class JobKind { kImport, kLetters, kReminders };

// A file a job made, handed out once (the personal links are in it: kept in
// memory only, never stored or logged).
struct JobFile {
  std::string bytes;
  std::string content_type;
  std::string filename;
};

struct JobState {
  std::string id;
  JobKind kind = JobKind::kImport;
  std::int64_t user_id = 0;
  std::int64_t wave_id = 0;
  std::size_t done = 0;
  std::size_t total = 0;
  bool finished = false;
  std::size_t imported = 0;  // invitees imported, or letters made
  Problems problems;
  bool file = false;         // its file waits to be downloaded (take_file)
  std::string filename;
};

class FieldworkJobs {
 public:
  FieldworkJobs() = default;
  ~FieldworkJobs();  // waits for running jobs
  FieldworkJobs(const FieldworkJobs&) = delete;
  FieldworkJobs& operator=(const FieldworkJobs&) = delete;

  // Reports progress from inside a job.
  using Progress = std::function<void(std::size_t done, std::size_t total)>;
  // What a finished job leaves: how many it imported or made, its problems, its file.
  struct Outcome {
    std::size_t imported = 0;
    Problems problems;
    std::optional<JobFile> file;
  };
  using Work = std::function<Outcome(const Progress&)>;

  // Starts `work` on a thread of its own and returns the new job's id; or, if
  // `user_id` started a job with `key` before, that job's id (and `work` is not run).
  std::string start(JobKind kind, std::int64_t user_id, std::int64_t wave_id, const std::string& key, Work work);

  // The job `id` if `user_id` started it.
  std::optional<JobState> find(const std::string& id, std::int64_t user_id) const;

  // The job's file, handed out once; nullopt if taken or never made.
  std::optional<JobFile> take_file(const std::string& id, std::int64_t user_id);

 private:
  mutable std::mutex mu_;
  std::map<std::string, JobState> jobs_;
  std::map<std::string, JobFile> files_;
  std::map<std::pair<std::int64_t, std::string>, std::string> by_key_;
  std::vector<std::thread> threads_;
};

}  // namespace tilfreds::intake::fieldwork
