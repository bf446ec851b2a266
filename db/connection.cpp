#include "db/connection.h"

#include "db/postgresql_connection.h"
#include "db/sqlite_connection.h"

namespace tilfreds::db {

Statement::~Statement() { impl_->reset(); }

Statement& Statement::bind(int index, std::int64_t value) {
  impl_->bind_int64(index, value);
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  impl_->bind_text(index, text);
  return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
  impl_->bind_blob(index, bytes);
  return *this;
}

Statement& Statement::bind_null(int index) {
  impl_->bind_null(index, NullOf::kUnknown);
  return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& text) {
  if (text) return bind(index, *text);
  impl_->bind_null(index, NullOf::kText);
  return *this;
}

Statement& Statement::bind(int index, const std::optional<std::int64_t>& value) {
  if (value) return bind(index, *value);
  impl_->bind_null(index, NullOf::kInteger);
  return *this;
}

bool Statement::step() { return impl_->step(); }

std::int64_t Statement::int64(int column) const { return impl_->int64(column); }

std::string Statement::text(int column) const { return impl_->text(column); }

std::optional<std::string> Statement::optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

bool Statement::is_null(int column) const { return impl_->is_null(column); }

Connection::Connection(const std::string& target, Durability durability)
    : engine_(engine_of(target)),
      impl_(engine_ == Engine::kPostgresql ? detail::open_postgresql(target, durability)
                                           : detail::open_sqlite(target, durability)) {}

Connection::~Connection() = default;

Statement Connection::prepare(std::string_view sql) { return Statement(impl_->prepare(sql)); }

void Connection::exec(std::string_view sql) { impl_->exec(sql); }

std::int64_t Connection::last_insert_rowid() const { return impl_->last_insert_rowid(); }

int Connection::changes() const { return impl_->changes(); }

bool Connection::truncate_journal() { return impl_->truncate_journal(); }

Transaction::Transaction(Connection& conn) : conn_(conn) { conn_.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  if (!done_) {
    try {
      conn_.exec("ROLLBACK");
    } catch (...) {
      // A failed rollback leaves the engine to roll back on close (SQLite) or when the
      // broken session ends (PostgreSQL); nothing more to do here.
    }
  }
}

void Transaction::commit() {
  conn_.exec("COMMIT");
  done_ = true;
}

}  // namespace tilfreds::db
