// The database as the rest of tilfreds sees it: one file, migrated at open, read by
// any number of threads through a small connection pool, written by exactly one
// writer thread that folds concurrent transactions into one durable commit.
//
// Group commit after LevelDB's DBImpl::Write / BuildBatchGroup: callers queue their
// work, the writer takes up to kMaxBatch waiting jobs, runs each inside its own
// SAVEPOINT of one BEGIN IMMEDIATE … COMMIT (synchronous=FULL), and only after the
// COMMIT returns does each caller learn its own outcome. A job that throws is rolled
// back to its savepoint alone; a COMMIT that fails fails the whole batch.
//
// The journal as a witness (issue 10 §1): a WAL frame keeps a page as one commit
// left it, so a commit that carried one submission pairs "invitee → completed"
// with the new response and its counts, and the frames of earlier commits hold the
// invitee's draft. When a job asks for it (Connection::forget_journal_after_commit,
// which submit_response does), the writer checkpoints with TRUNCATE after the
// COMMIT and before anyone of the batch is acknowledged, so no -wal frame outlives
// the acknowledgement; secure_delete zeroes what the checkpoint overwrites in the
// file; one write of a meaningless page then makes SQLite clear the -shm's index
// of the page numbers the checkpointed frames had. After every such batch, not only after small ones: the draft frames of
// earlier commits pair an invitee with its answers however large the batch is.
//
// On PostgreSQL the same writer runs the same batches: BEGIN, a SAVEPOINT per job,
// COMMIT with synchronous_commit = on (the COMMIT returns once its WAL is flushed),
// then the acknowledgements. Forgetting the journal is SQLite's alone (see
// Connection::truncate_journal): the server's WAL is not ours to empty.
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
  // Opens or creates the file at `path`, or connects to the PostgreSQL database of
  // a postgresql:// URI (dialect.h, engine_of), and applies every pending migration.
  // Throws Error if the file cannot be opened or the server reached (Unavailable),
  // is not a tilfreds database, or was written by a newer tilfreds (its schema
  // version is unknown to this binary).
  struct Options {
    // Empty the journal after a batch that asked for it (see above). Off only to
    // measure what it costs (bench/group_commit_bench --keep-journal).
    bool forget_journal = true;
  };
  explicit Database(std::string path) : Database(std::move(path), Options{}) {}
  Database(std::string path, Options options);
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
  // As write, but `work` gets a transaction of its own, shared with no other job:
  // for work whose rows must not carry the transaction id of anyone else's (mixing
  // waiting submissions, response_store.h), and which takes locks in an order a
  // batch of other jobs could cross.
  void write_alone(std::function<void(Connection&)> work);

  const std::string& path() const { return path_; }

  // Most jobs one commit may carry, so a single write is never held back long.
  static constexpr size_t kMaxBatch = 512;

  // Figures for benchmarks and tests: batches committed and jobs carried.
  struct WriterStats {
    std::uint64_t commits = 0;
    std::uint64_t jobs = 0;
    std::uint64_t journal_truncations = 0;  // checkpoints that emptied the -wal file
    std::uint64_t journal_busy = 0;         // ones that readers held up (retried next batch)
  };
  WriterStats writer_stats() const;

 private:
  struct Job {
    std::function<void(Connection&)> work;
    std::promise<void> done;
    bool alone = false;  // write_alone: the only job of its batch
  };
  void enqueue(Job job);
  struct Lease {
    explicit Lease(Database& db);
    ~Lease();
    Database& db;
    std::unique_ptr<Connection> conn;
  };

  void writer_loop();
  void commit_batch(std::vector<Job>& batch);

  // After COMMIT: empties the journal if the batch (or an earlier one whose attempt
  // was held up by readers) asked for it.
  void forget_journal_if_asked(Connection& conn);
  // Checkpoint with TRUNCATE, then one write that clears the -shm's page index;
  // false if readers held the log (nothing cleared).
  static bool empty_journal(Connection& conn);

  std::string path_;
  Options options_;
  std::unique_ptr<Connection> writer_conn_;
  bool forget_pending_ = false;  // writer thread only

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
