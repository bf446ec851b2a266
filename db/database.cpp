#include "db/database.h"

#include "db/migrate.h"
#include "db/postgresql_connection.h"

namespace tilfreds::db {
namespace {

// How often a job PostgreSQL picked as a deadlock's victim is tried (commit_batch).
constexpr int kConflictTries = 5;

bool is_conflict(const std::exception_ptr& e) {
  try {
    std::rethrow_exception(e);
  } catch (const Unavailable& u) {
    return u.code() == detail::kPostgresqlConflict;
  } catch (...) {
    return false;
  }
}

}  // namespace

Database::Database(std::string path, Options options) : path_(std::move(path)), options_(options) {
  writer_conn_ = std::make_unique<Connection>(path_, Durability::kFull);
  migrate(*writer_conn_);
  // A crash between a COMMIT and its checkpoint, or a migration that erased values,
  // leaves frames behind: gone before the first request. Another process holding
  // the file (a server while a command runs) makes this a no-op, which is fine.
  if (options_.forget_journal && writer_conn_->engine() == Engine::kSqlite) {
    try {
      empty_journal(*writer_conn_);
    } catch (const Unavailable&) {
      // Held by another process, or the disk is full: the first submission tries again.
    }
  }
  writer_ = std::thread([this] { writer_loop(); });
}

Database::~Database() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  writer_.join();
}

Database::Lease::Lease(Database& d) : db(d) {
  {
    std::lock_guard lock(db.pool_mu_);
    if (!db.pool_.empty()) {
      conn = std::move(db.pool_.back());
      db.pool_.pop_back();
    }
  }
  if (!conn) conn = std::make_unique<Connection>(db.path_, Durability::kNormal);
}

Database::Lease::~Lease() {
  std::lock_guard lock(db.pool_mu_);
  db.pool_.push_back(std::move(conn));
}

void Database::write(std::function<void(Connection&)> work) { enqueue(Job{std::move(work), {}, false}); }

void Database::write_alone(std::function<void(Connection&)> work) { enqueue(Job{std::move(work), {}, true}); }

void Database::enqueue(Job job) {
  std::future<void> done;
  {
    std::lock_guard lock(mu_);
    if (stopping_) throw Error("database is shutting down", 0);
    queue_.push_back(std::move(job));
    done = queue_.back().done.get_future();
  }
  wake_.notify_one();
  done.get();
}

Database::WriterStats Database::writer_stats() const {
  std::lock_guard lock(mu_);
  return stats_;
}

void Database::writer_loop() {
  std::vector<Job> batch;
  for (;;) {
    {
      std::unique_lock lock(mu_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty() && stopping_) return;
      while (!queue_.empty() && batch.size() < kMaxBatch) {
        if (queue_.front().alone && !batch.empty()) break;  // it starts the next batch
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
        if (batch.back().alone) break;
      }
    }
    commit_batch(batch);
    batch.clear();
  }
}

void Database::commit_batch(std::vector<Job>& batch) {
  Connection& conn = *writer_conn_;
  std::vector<std::exception_ptr> outcome(batch.size());
  std::vector<size_t> pending(batch.size());
  for (size_t i = 0; i < batch.size(); ++i) pending[i] = i;
  // A job chosen as a deadlock's victim (detail::kPostgresqlConflict) is set aside, the rest
  // commit, and it runs again in a transaction of its own: only then are the locks of the
  // batch's earlier jobs, which the other server's writer waits for, released.
  for (int attempt = 1; !pending.empty(); ++attempt) {
    std::vector<size_t> again;
    try {
      Transaction tx(conn);
      // Several servers on one PostgreSQL database: one batch at a time across all of them,
      // as SQLite's file lock gives one server. Every submission adds to the same count rows;
      // two writers doing so in batches would deadlock (PostgreSQL notices after its 1 s
      // deadlock_timeout) rather than wait. Measured in bench/pg_bench.sh: two servers made
      // 8 submissions/s with a 4 s p99 without this. Released by the COMMIT or ROLLBACK.
      if (conn.engine() == Engine::kPostgresql) conn.exec("SELECT pg_advisory_xact_lock(7627766)");
      for (size_t i : pending) {
        conn.exec("SAVEPOINT job");
        try {
          batch[i].work(conn);
          conn.exec("RELEASE job");
        } catch (...) {
          outcome[i] = std::current_exception();
          try {
            conn.exec("ROLLBACK TO job");
            conn.exec("RELEASE job");
          } catch (...) {
            // SQLite rolled back the whole transaction itself (it may after SQLITE_FULL or an
            // I/O error), taking the savepoint with it: the batch fails with this job's cause,
            // so callers learn "unavailable, retry" rather than "no such savepoint".
            std::rethrow_exception(outcome[i]);
          }
          if (attempt < kConflictTries && is_conflict(outcome[i])) again.push_back(i);
        }
      }
      tx.commit();
    } catch (...) {
      // BEGIN, a savepoint or COMMIT failed: nothing of this batch is stored.
      auto failure = std::current_exception();
      for (size_t i : pending) outcome[i] = failure;
      again.clear();
    }
    for (size_t i : again) outcome[i] = nullptr;
    pending = std::move(again);
  }
  forget_journal_if_asked(conn);
  {
    std::lock_guard lock(mu_);
    stats_.commits += 1;
    stats_.jobs += batch.size();
  }
  for (size_t i = 0; i < batch.size(); ++i) {
    if (outcome[i]) {
      batch[i].done.set_exception(outcome[i]);
    } else {
      batch[i].done.set_value();
    }
  }
}

bool Database::empty_journal(Connection& conn) {
  if (!conn.truncate_journal()) return false;
  // The -shm still lists the page numbers of the frames just checkpointed. SQLite zeroes
  // that index when the first frame of the new log is written: write one, a page of no
  // meaning. Unsynced, as losing it loses nothing; FULL again whatever happens.
  conn.exec("PRAGMA synchronous = OFF");
  try {
    conn.exec("UPDATE journal_pad SET n = n + 1");
  } catch (...) {
    conn.exec("PRAGMA synchronous = FULL");
    throw;
  }
  conn.exec("PRAGMA synchronous = FULL");
  return true;
}

void Database::forget_journal_if_asked(Connection& conn) {
  // Taken even when the batch failed, so a request of a rolled-back job does not linger.
  bool asked = conn.take_forget_request() || forget_pending_;
  // PostgreSQL keeps no journal beside the data for a copy to carry (Connection::
  // truncate_journal says where its WAL goes): nothing to empty, nothing to count.
  if (!asked || !options_.forget_journal || conn.engine() != Engine::kSqlite) return;
  bool emptied = false;
  try {
    emptied = empty_journal(conn);
  } catch (const Error&) {
    // The batch is committed and durable; failing its callers now would make citizens
    // send again. The next batch tries again.
  }
  forget_pending_ = !emptied;
  std::lock_guard lock(mu_);
  (emptied ? stats_.journal_truncations : stats_.journal_busy) += 1;
}

}  // namespace tilfreds::db
