#include "db/database.h"

#include "db/migrate.h"

namespace tilfreds::db {

Database::Database(std::string path) : path_(std::move(path)) {
  writer_conn_ = std::make_unique<Connection>(path_, Durability::kFull);
  migrate(*writer_conn_);
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

void Database::write(std::function<void(Connection&)> work) {
  std::future<void> done;
  {
    std::lock_guard lock(mu_);
    if (stopping_) throw Error("database is shutting down", 0);
    queue_.push_back(Job{std::move(work), {}});
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
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    commit_batch(batch);
    batch.clear();
  }
}

void Database::commit_batch(std::vector<Job>& batch) {
  Connection& conn = *writer_conn_;
  std::vector<std::exception_ptr> outcome(batch.size());
  try {
    Transaction tx(conn);
    for (size_t i = 0; i < batch.size(); ++i) {
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
      }
    }
    tx.commit();
  } catch (...) {
    // BEGIN, a savepoint or COMMIT failed: nothing of this batch is stored.
    auto failure = std::current_exception();
    for (auto& o : outcome) o = failure;
  }
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

}  // namespace tilfreds::db
