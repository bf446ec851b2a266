// One database connection and its prepared statements: a SQLite file or a
// PostgreSQL server, chosen by the target string (dialect.h, engine_of). The
// stores see one API for both; the engines live in sqlite_connection.cpp and
// postgresql_connection.cpp, their SQL differences in dialect.cpp.
//
// Every fault (I/O error, corrupt file, busy beyond the timeout, a lost server,
// constraint broken by a bug) is thrown as db::Error; db::Unavailable is the
// subset a caller may retry later ("try again shortly"). Expected outcomes are
// return values of the stores.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "db/dialect.h"

namespace tilfreds::db {

// A fault in the database layer; what() names the operation and SQLite's message.
class Error : public std::runtime_error {
 public:
  Error(const std::string& what, int code) : std::runtime_error(what), code_(code) {}
  int code() const { return code_; }

 private:
  int code_;
};

// The database was locked, full or read-only, or the server was unreachable or
// shutting down: nothing was written, retry later.
class Unavailable : public Error {
 public:
  using Error::Error;
};

// What a NULL parameter stands for. SQLite ignores it; PostgreSQL must know a
// parameter's type, and cannot infer it where it only meets "? IS NULL".
enum class NullOf { kUnknown, kInteger, kText };

namespace detail {
// What an engine implements; only Connection and Statement call it.
class StatementBackend {
 public:
  virtual ~StatementBackend() = default;
  virtual void bind_int64(int index, std::int64_t value) = 0;
  virtual void bind_text(int index, std::string_view text) = 0;
  virtual void bind_blob(int index, std::string_view bytes) = 0;
  virtual void bind_null(int index, NullOf type) = 0;
  virtual bool step() = 0;
  virtual std::int64_t int64(int column) const = 0;
  virtual std::string text(int column) const = 0;
  virtual bool is_null(int column) const = 0;
  // Forgets the bindings and the rows, so the statement can be borrowed again.
  virtual void reset() = 0;
};

class ConnectionBackend {
 public:
  virtual ~ConnectionBackend() = default;
  // Owned by the backend's cache, valid as long as the connection.
  virtual StatementBackend* prepare(std::string_view sql) = 0;
  virtual void exec(std::string_view sql) = 0;
  virtual std::int64_t last_insert_rowid() = 0;
  virtual int changes() const = 0;
  virtual bool truncate_journal() = 0;
};
}  // namespace detail

// A prepared statement borrowed from a Connection's cache. Bind parameters are
// 1-based as in SQLite; columns 0-based. reset() happens on destruction.
class Statement {
 public:
  explicit Statement(detail::StatementBackend* impl) : impl_(impl) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Statement& bind_blob(int index, std::string_view bytes);
  Statement& bind_null(int index);
  Statement& bind(int index, const std::optional<std::string>& text);
  Statement& bind(int index, const std::optional<std::int64_t>& value);

  // Binds every argument in order, from parameter 1.
  template <typename... Args>
  Statement& bind_all(const Args&... args) {
    int i = 0;
    (bind(++i, args), ...);
    return *this;
  }

  // Advances to the next row: true when a row is available, false when done.
  bool step();
  // Runs a statement that returns no rows.
  void run() {
    while (step()) {
    }
  }

  std::int64_t int64(int column) const;
  std::string text(int column) const;
  std::optional<std::string> optional_text(int column) const;
  bool is_null(int column) const;

 private:
  detail::StatementBackend* impl_;
};

enum class Durability {
  kFull,    // synchronous=FULL: a committed transaction survives power loss
  kNormal,  // synchronous=NORMAL: for readers and tests that never commit answers
};

class Connection {
 public:
  // `target` a SQLite path: opens (creating if needed) the file in WAL mode with
  // foreign keys on and a busy timeout. `target` a postgresql:// URI: connects
  // (kFull: synchronous_commit = on). Throws Unavailable if the file cannot be
  // opened or the server cannot be reached.
  Connection(const std::string& target, Durability durability = Durability::kFull);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // A cached prepared statement for `sql`; throws Error on a syntax error.
  Statement prepare(std::string_view sql);
  // Runs one or more statements without parameters (schema, pragmas, BEGIN/COMMIT).
  void exec(std::string_view sql);

  std::int64_t last_insert_rowid() const;
  int changes() const;

  // Asks whoever commits this connection's transaction to empty the write-ahead log
  // before the commit is acknowledged: its frames would let a copy of the -wal file
  // pair rows that the committed state keeps apart (a completed invitee and its
  // response). take_forget_request() returns and clears the request.
  void forget_journal_after_commit() { forget_journal_ = true; }
  bool take_forget_request() { return std::exchange(forget_journal_, false); }

  // SQLite: copies every frame of the write-ahead log into the database file and
  // truncates the log to zero bytes (SQLITE_CHECKPOINT_TRUNCATE), waiting up to the
  // busy timeout for readers. Returns false if readers kept the log in use (it is
  // then not, or not fully, emptied); throws Error on an I/O fault.
  // PostgreSQL: returns true and does nothing. Its write-ahead log is not a file
  // beside the data that a copy of the database carries: it lives in the server's
  // pg_wal, is recycled after checkpoints, and reaches archives and replicas only
  // as the operator configures them (README, production section), so there is
  // nothing a client could empty.
  bool truncate_journal();

  Engine engine() const { return engine_; }

 private:
  Engine engine_;
  std::unique_ptr<detail::ConnectionBackend> impl_;
  bool forget_journal_ = false;
};

// BEGIN IMMEDIATE (PostgreSQL: BEGIN) … COMMIT, rolled back if destroyed without commit().
class Transaction {
 public:
  explicit Transaction(Connection& conn);
  ~Transaction();
  void commit();

 private:
  Connection& conn_;
  bool done_ = false;
};

}  // namespace tilfreds::db
