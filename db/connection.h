// One SQLite connection and its prepared statements.
//
// The only place besides the stores that touches the SQLite C API. Every fault
// (I/O error, corrupt file, busy beyond the timeout, constraint broken by a bug)
// is thrown as db::Error; db::Busy is the subset a caller may retry later
// ("try again shortly"). Expected outcomes are return values of the stores.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace tilfreds::db {

// A fault in the database layer; what() names the operation and SQLite's message.
class Error : public std::runtime_error {
 public:
  Error(const std::string& what, int code) : std::runtime_error(what), code_(code) {}
  int code() const { return code_; }

 private:
  int code_;
};

// The database was locked, full or read-only: nothing was written, retry later.
class Unavailable : public Error {
 public:
  using Error::Error;
};

class Connection;

// A prepared statement borrowed from a Connection's cache. Bind parameters are
// 1-based as in SQLite; columns 0-based. reset() happens on destruction.
class Statement {
 public:
  Statement(sqlite3_stmt* stmt, Connection& conn) : stmt_(stmt), conn_(conn) {}
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
  sqlite3_stmt* stmt_;
  Connection& conn_;
};

enum class Durability {
  kFull,    // synchronous=FULL: a committed transaction survives power loss
  kNormal,  // synchronous=NORMAL: for readers and tests that never commit answers
};

class Connection {
 public:
  // Opens (creating if needed) the database at `path` in WAL mode with foreign keys
  // on and a busy timeout. Throws Error if the file cannot be opened.
  Connection(const std::string& path, Durability durability = Durability::kFull);
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

  // Copies every frame of the write-ahead log into the database file and truncates
  // the log to zero bytes (SQLITE_CHECKPOINT_TRUNCATE), waiting up to the busy
  // timeout for readers. Returns false if readers kept the log in use (it is then
  // not, or not fully, emptied); throws Error on an I/O fault.
  bool truncate_journal();

  // Throws Unavailable or Error for SQLite result `rc`, naming `what`.
  [[noreturn]] void fail(int rc, std::string_view what) const;

 private:
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
  bool forget_journal_ = false;
};

// BEGIN IMMEDIATE … COMMIT, rolled back if destroyed without commit().
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
