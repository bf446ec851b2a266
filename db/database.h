// The database as the rest of tilfreds sees it: one file, migrated at open, read by
// any number of threads through a small connection pool, written by exactly one
// writer thread that folds concurrent transactions into one durable commit.
//
// Group commit after LevelDB's DBImpl::Write / BuildBatchGroup: callers queue their
// work, the writer takes up to kMaxBatch waiting jobs, runs each inside its own
// SAVEPOINT of one BEGIN IMMEDIATE … COMMIT (synchronous=FULL), and only after the
// COMMIT returns does each caller learn its own outcome. A job that throws is rolled
// back to its savepoint alone; a COMMIT that fails fails the whole batch.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "db/connection.h"

namespace tilfreds::db {

class Database {
 public:
  // Opens or creates the file at `path` and applies every pending migration.
  // Throws Error if the file cannot be opened, is not a tilfreds database, or was
  // written by a newer tilfreds (its schema version is unknown to this binary).
  explicit Database(std::string path);
  // Finishes the queued writes, then stops the writer.
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs `f` with a pooled read connection and returns its result. Reads see the
  // last committed state; exceptions from `f` propagate.
  template <typename F>
  auto read(F&& f) {
    Lease lease(*this);
    return f(*lease.conn);
  }

  // Runs `work` in the writer thread inside the next batch and returns after that
  // batch is durably committed. Rethrows `work`'s own exception (its changes rolled
  // back, others' kept) or the batch's commit failure (nothing of the batch kept).
  void write(std::function<void(Connection&)> work);

  const std::string& path() const { return path_; }

  // Most jobs one commit may carry, so a single write is never held back long.
  static constexpr size_t kMaxBatch = 512;

  // Figures for benchmarks and tests: batches committed and jobs carried.
  struct WriterStats {
    std::uint64_t commits = 0;
    std::uint64_t jobs = 0;
  };
  WriterStats writer_stats() const;

 private:
  struct Job {
    std::function<void(Connection&)> work;
    std::promise<void> done;
  };
  struct Lease {
    explicit Lease(Database& db);
    ~Lease();
    Database& db;
    std::unique_ptr<Connection> conn;
  };

  void writer_loop();
  void commit_batch(std::vector<Job>& batch);

  std::string path_;
  std::unique_ptr<Connection> writer_conn_;

  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  WriterStats stats_;

  std::mutex pool_mu_;
  std::vector<std::unique_ptr<Connection>> pool_;

  std::thread writer_;
};

}  // namespace tilfreds::db
