#include "db/postgresql_connection.h"

#include <libpq-fe.h>

#include <cstdlib>
#include <unordered_map>
#include <vector>

namespace tilfreds::db::detail {

namespace {
// Type OIDs of the parameters we send (pg_type.dat): fixed since PostgreSQL 7.
constexpr Oid kInt8 = 20;
constexpr Oid kText = 25;
constexpr Oid kBytea = 17;
constexpr Oid kUnknown = 0;

// As SQLite's busy timeout: a lock held longer than this (a migration, a backup
// holding a table) is "try again shortly", not a hung page.
constexpr const char* kLockTimeout = "3s";

bool is_unavailable(const std::string& sqlstate) {
  auto klass = sqlstate.substr(0, 2);
  return sqlstate.empty() || klass == "08" || klass == "53" || klass == "58" || sqlstate == "57P01" ||
         sqlstate == "57P02" || sqlstate == "57P03" || sqlstate == "40001" || sqlstate == "40P01" ||
         sqlstate == "55P03" || sqlstate == "25006";
}

class PgConnection;

class PgStatement : public StatementBackend {
 public:
  PgStatement(PgConnection& conn, Rewritten sql) : conn_(conn), sql_(std::move(sql)) { clear_binds(); }
  ~PgStatement() override { PQclear(result_); }
  PgStatement(const PgStatement&) = delete;
  PgStatement& operator=(const PgStatement&) = delete;

  void bind_int64(int index, std::int64_t value) override { put(index, std::to_string(value), kInt8, 0); }
  void bind_text(int index, std::string_view text) override { put(index, std::string(text), kText, 0); }
  void bind_blob(int index, std::string_view bytes) override { put(index, std::string(bytes), kBytea, 1); }
  void bind_null(int index, NullOf type) override {
    check_index(index);
    auto i = static_cast<size_t>(index - 1);
    null_[i] = true;
    types_[i] = type == NullOf::kInteger ? kInt8 : type == NullOf::kText ? kText : kUnknown;
    formats_[i] = 0;
  }

  bool step() override;

  std::int64_t int64(int column) const override {
    const char* v = value(column);
    if (v[0] == 't' && v[1] == 0) return 1;  // a boolean column
    if (v[0] == 'f' && v[1] == 0) return 0;
    return std::strtoll(v, nullptr, 10);
  }
  std::string text(int column) const override {
    const char* v = value(column);
    if (PQftype(result_, column) != kBytea) {
      return std::string(v, static_cast<size_t>(PQgetlength(result_, row_, column)));
    }
    size_t n = 0;
    unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(v), &n);
    if (!bytes) throw Error("out of memory unescaping bytea", 0);
    std::string out(reinterpret_cast<const char*>(bytes), n);
    PQfreemem(bytes);
    return out;
  }
  bool is_null(int column) const override { return PQgetisnull(result_, row_, column) != 0; }

  void reset() override {
    PQclear(result_);
    result_ = nullptr;
    clear_binds();
  }

 private:
  void clear_binds() {
    auto n = static_cast<size_t>(sql_.parameters);
    values_.assign(n, {});
    null_.assign(n, true);
    types_.assign(n, kUnknown);
    formats_.assign(n, 0);
    row_ = -1;
  }
  void check_index(int index) const {
    if (index < 1 || index > sql_.parameters) {
      throw Error("bind: no parameter " + std::to_string(index) + " in: " + sql_.sql.substr(0, 80), 0);
    }
  }
  void put(int index, std::string value, Oid type, int format) {
    check_index(index);
    auto i = static_cast<size_t>(index - 1);
    values_[i] = std::move(value);
    null_[i] = false;
    types_[i] = type;
    formats_[i] = format;
  }
  const char* value(int column) const {
    if (!result_ || row_ < 0 || row_ >= PQntuples(result_) || column >= PQnfields(result_)) {
      throw Error("no row or column " + std::to_string(column) + " in: " + sql_.sql.substr(0, 80), 0);
    }
    return PQgetvalue(result_, row_, column);
  }

  PgConnection& conn_;
  Rewritten sql_;
  std::vector<std::string> values_;
  std::vector<bool> null_;
  std::vector<Oid> types_;
  std::vector<int> formats_;
  // Prepared names per parameter-type signature, valid for one session (generation_).
  std::unordered_map<std::string, std::string> prepared_;
  std::uint64_t generation_ = 0;
  PGresult* result_ = nullptr;
  int row_ = -1;
};

class PgConnection : public ConnectionBackend {
 public:
  PgConnection(const std::string& uri, Durability durability) : durability_(durability) {
    conn_ = PQconnectdb(uri.c_str());
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = "cannot connect to PostgreSQL: " + std::string(PQerrorMessage(conn_));
      PQfinish(conn_);
      conn_ = nullptr;
      throw Unavailable(msg, 0);
    }
    set_up_session();
  }
  ~PgConnection() override {
    cache_.clear();
    PQfinish(conn_);
  }
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  StatementBackend* prepare(std::string_view sql) override {
    ensure_open();
    std::string key(sql);
    auto it = cache_.find(key);
    if (it == cache_.end()) {
      auto owned = std::make_unique<PgStatement>(*this, to_postgresql(sql));
      it = cache_.emplace(std::move(key), std::move(owned)).first;
    }
    return it->second.get();
  }

  void exec(std::string_view sql) override {
    ensure_open();
    std::string s = to_postgresql(sql).sql;
    PGresult* res = PQexec(conn_, s.c_str());
    check(res, s);
    PQclear(res);
  }

  std::int64_t last_insert_rowid() override {
    ensure_open();
    // The value the last INSERT drew from a sequence (an identity column) in this
    // session, as last_insert_rowid() is SQLite's connection's last rowid.
    PGresult* res = PQexec(conn_, "SELECT lastval()");
    check(res, "SELECT lastval()");
    std::int64_t id = std::strtoll(PQgetvalue(res, 0, 0), nullptr, 10);
    PQclear(res);
    return id;
  }

  int changes() const override { return changes_; }

  bool truncate_journal() override { return true; }

  // Checks `res` (taking ownership on failure) and notes the rows an INSERT,
  // UPDATE or DELETE changed.
  void check(PGresult* res, std::string_view what) {
    auto status = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) {
      std::string_view command = PQcmdStatus(res);
      if (command.starts_with("INSERT") || command.starts_with("UPDATE") || command.starts_with("DELETE")) {
        changes_ = std::atoi(PQcmdTuples(res));
      }
      return;
    }
    std::string sqlstate;
    std::string msg;
    if (res) {
      const char* code = PQresultErrorField(res, PG_DIAG_SQLSTATE);
      sqlstate = code ? code : "";
      msg = PQresultErrorMessage(res);
      PQclear(res);
    }
    if (msg.empty()) msg = PQerrorMessage(conn_);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    msg += " [" + (sqlstate.empty() ? std::string("no SQLSTATE") : sqlstate) + "] in: " +
           std::string(what.substr(0, 80));
    // A result without a SQLSTATE is libpq's own: the connection is gone.
    if (PQstatus(conn_) == CONNECTION_OK && (sqlstate == "40P01" || sqlstate == "40001")) {
      throw Unavailable(msg, kPostgresqlConflict);
    }
    if (is_unavailable(sqlstate) || PQstatus(conn_) != CONNECTION_OK) throw Unavailable(msg, 0);
    throw Error(msg, 0);
  }

  PGconn* raw() { return conn_; }
  std::uint64_t generation() const { return generation_; }
  std::string next_statement_name() { return "tf" + std::to_string(++statement_names_); }

 private:
  void set_up_session() {
    // Notices ("relation already exists, skipping") are not faults; libpq would print them.
    PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
    exec(std::string("SET lock_timeout = '") + kLockTimeout + "'");
    // The acknowledgement of a citizen's answers waits for the commit's WAL flush.
    exec(durability_ == Durability::kFull ? "SET synchronous_commit = on" : "SET synchronous_commit = off");
  }

  // A connection that broke (the server restarted, the network went) is made again
  // here, before the next statement; its prepared statements belong to the old session.
  void ensure_open() {
    if (PQstatus(conn_) == CONNECTION_OK) return;
    PQreset(conn_);
    if (PQstatus(conn_) != CONNECTION_OK) {
      throw Unavailable("PostgreSQL connection lost: " + std::string(PQerrorMessage(conn_)), 0);
    }
    ++generation_;
    set_up_session();
  }

  PGconn* conn_ = nullptr;
  Durability durability_;
  std::unordered_map<std::string, std::unique_ptr<PgStatement>> cache_;
  std::uint64_t generation_ = 0;
  std::uint64_t statement_names_ = 0;
  int changes_ = 0;
};

bool PgStatement::step() {
  if (result_) {
    ++row_;
    return row_ < PQntuples(result_);
  }
  if (generation_ != conn_.generation()) {
    prepared_.clear();
    generation_ = conn_.generation();
  }
  std::string signature;
  for (size_t i = 0; i < types_.size(); ++i) signature += std::to_string(types_[i]) + ",";
  auto it = prepared_.find(signature);
  if (it == prepared_.end()) {
    std::string name = conn_.next_statement_name();
    PGresult* res = PQprepare(conn_.raw(), name.c_str(), sql_.sql.c_str(), sql_.parameters, types_.data());
    conn_.check(res, sql_.sql);
    PQclear(res);
    it = prepared_.emplace(signature, std::move(name)).first;
  }
  std::vector<const char*> values(types_.size());
  std::vector<int> lengths(types_.size());
  for (size_t i = 0; i < types_.size(); ++i) {
    values[i] = null_[i] ? nullptr : values_[i].data();
    lengths[i] = static_cast<int>(values_[i].size());
  }
  PGresult* res = PQexecPrepared(conn_.raw(), it->second.c_str(), sql_.parameters, values.data(),
                                 lengths.data(), formats_.data(), 0);
  conn_.check(res, sql_.sql);
  result_ = res;
  row_ = 0;
  return row_ < PQntuples(result_);
}
}  // namespace

std::unique_ptr<ConnectionBackend> open_postgresql(const std::string& uri, Durability durability) {
  return std::make_unique<PgConnection>(uri, durability);
}

}  // namespace tilfreds::db::detail
