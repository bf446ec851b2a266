#include "db/sqlite_connection.h"

#include <sqlite3.h>

#include <unordered_map>

namespace tilfreds::db::detail {

namespace {
// Long enough to ride out a checkpoint or a backup tool, short enough that a
// citizen sees "try again shortly" instead of a hung page.
constexpr int kBusyTimeoutMs = 3000;

bool is_unavailable(int rc) {
  int primary = rc & 0xff;
  return primary == SQLITE_BUSY || primary == SQLITE_LOCKED || primary == SQLITE_FULL ||
         primary == SQLITE_READONLY || primary == SQLITE_CANTOPEN || primary == SQLITE_IOERR;
}

// Throws Unavailable or Error for SQLite result `rc`, naming `what`.
[[noreturn]] void fail(sqlite3* db, int rc, std::string_view what) {
  std::string msg = std::string(sqlite3_errmsg(db)) + " in: " + std::string(what.substr(0, 80));
  if (is_unavailable(rc)) throw Unavailable(msg, rc);
  throw Error(msg, rc);
}

class SqliteStatement : public StatementBackend {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  void bind_int64(int index, std::int64_t value) override {
    check(sqlite3_bind_int64(stmt_, index, value));
  }
  void bind_text(int index, std::string_view text) override {
    check(sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT));
  }
  void bind_blob(int index, std::string_view bytes) override {
    check(sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT));
  }
  void bind_null(int index, NullOf) override { check(sqlite3_bind_null(stmt_, index)); }

  bool step() override {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(db_, rc, sqlite3_sql(stmt_));
  }

  std::int64_t int64(int column) const override { return sqlite3_column_int64(stmt_, column); }
  std::string text(int column) const override {
    auto* p = reinterpret_cast<const char*>(sqlite3_column_blob(stmt_, column));
    int n = sqlite3_column_bytes(stmt_, column);
    return p ? std::string(p, static_cast<size_t>(n)) : std::string();
  }
  bool is_null(int column) const override { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

  void reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

 private:
  void check(int rc) {
    if (rc != SQLITE_OK) fail(db_, rc, "bind");
  }

  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

class SqliteConnection : public ConnectionBackend {
 public:
  SqliteConnection(const std::string& path, Durability durability) {
    int rc = sqlite3_open_v2(path.c_str(), &db_,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      std::string msg = "cannot open database " + path + ": " +
                        (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
      sqlite3_close(db_);
      db_ = nullptr;
      throw Unavailable(msg, rc);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, kBusyTimeoutMs);
    exec("PRAGMA foreign_keys = ON");
    // Deleted and overwritten cells are zeroed, in the file and in the journal frames, so
    // an erased group, a deleted draft or an old status leaves no bytes behind. Set here,
    // not left to how SQLite was built (Debian builds it off).
    exec("PRAGMA secure_delete = ON");
    exec("PRAGMA journal_mode = WAL");
    exec(durability == Durability::kFull ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
  }

  ~SqliteConnection() override {
    cache_.clear();  // finalized before the close
    sqlite3_close(db_);
  }
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  StatementBackend* prepare(std::string_view sql) override {
    std::string key(sql);
    auto it = cache_.find(key);
    if (it == cache_.end()) {
      sqlite3_stmt* stmt = nullptr;
      int rc = sqlite3_prepare_v3(db_, key.c_str(), static_cast<int>(key.size()),
                                  SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
      if (rc != SQLITE_OK) fail(db_, rc, key);
      auto owned = std::make_unique<SqliteStatement>(db_, stmt);
      it = cache_.emplace(std::move(key), std::move(owned)).first;
    }
    return it->second.get();
  }

  void exec(std::string_view sql) override {
    std::string s(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err ? err : sqlite3_errstr(rc);
      sqlite3_free(err);
      if (is_unavailable(rc)) throw Unavailable(msg + " (" + s.substr(0, 60) + ")", rc);
      throw Error(msg + " (" + s.substr(0, 60) + ")", rc);
    }
  }

  std::int64_t last_insert_rowid() override { return sqlite3_last_insert_rowid(db_); }
  int changes() const override { return sqlite3_changes(db_); }

  bool truncate_journal() override {
    int log_frames = 0;
    int done_frames = 0;
    int rc = sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_TRUNCATE, &log_frames, &done_frames);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) return false;
    if (rc != SQLITE_OK) fail(db_, rc, "wal_checkpoint(TRUNCATE)");
    return true;
  }

 private:
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, std::unique_ptr<SqliteStatement>> cache_;
};
}  // namespace

std::unique_ptr<ConnectionBackend> open_sqlite(const std::string& path, Durability durability) {
  return std::make_unique<SqliteConnection>(path, durability);
}

}  // namespace tilfreds::db::detail
