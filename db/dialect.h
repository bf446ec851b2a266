// The SQL dialects tilfreds speaks, and the one place where they differ.
//
// Every store writes its statements once, in SQLite's dialect, and runs on both
// engines from the same code (issue 17). What PostgreSQL spells differently is
// rewritten here when a statement is prepared: `?`/`?NNN` placeholders become
// `$n`, SQLite's date and time functions become to_char(statement_timestamp()…),
// instr() becomes strpos(), json_each() a lateral jsonb_each(), the random row id
// a draw from gen_random_uuid(). What can be written portably is written so in
// the stores instead (an explicit ON CONFLICT target, CASE in place of summing a
// boolean, an alias on every subquery in FROM). Schema statements are not
// rewritten: each engine has its own migration files (see migrate.h).
#pragma once

#include <string>
#include <string_view>

namespace tilfreds::db {

enum class Engine { kSqlite, kPostgresql };

// A `postgresql://` or `postgres://` URI is PostgreSQL; anything else is the path
// of a SQLite file (as --db has always taken).
Engine engine_of(std::string_view target);

// `target` as it may be printed (a banner, an error): a URI's password, in its
// user-info part or as a password= parameter, becomes "***". A SQLite path is
// returned as it is.
std::string shown_target(std::string_view target);

// `sql` (SQLite dialect) as PostgreSQL runs it, and how many parameters it takes.
struct Rewritten {
  std::string sql;
  int parameters = 0;
};
// Throws nothing; text inside quotes is left alone. Only the constructs the
// stores use are known: a statement that uses another SQLite-only function
// fails at PostgreSQL's prepare, which every store test runs on both engines.
Rewritten to_postgresql(std::string_view sql);

// The tables of the schema (one column, the name) and the columns of table ?1
// (the name and its declared type, in their order): for table_contents and db copy.
const char* list_tables_sql(Engine engine);
const char* list_columns_sql(Engine engine);
// The tables table ?1 refers to by foreign key (one column, the name).
const char* list_parent_tables_sql(Engine engine);
// After rows with explicit ids went into identity columns: each sequence continues
// after the highest id (PostgreSQL; SQLite's rowids need nothing). Empty: nothing to run.
const char* restart_identities_sql(Engine engine);
// `name` as a quoted identifier ("a""b"), the same on both engines.
std::string quote_identifier(const std::string& name);
// An expression that renders column `quoted_column` as a SQL literal ('NULL' for null).
std::string literal_of(Engine engine, const std::string& quoted_column);

}  // namespace tilfreds::db
