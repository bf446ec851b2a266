#include "db/dialect.h"

#include <algorithm>
#include <regex>
#include <utility>
#include <vector>

namespace tilfreds::db {

namespace {
// statement_timestamp(), not now(): the writer runs a whole batch of jobs in one
// transaction, and now() would give every audit event of a batch the same instant.
constexpr const char* kUtcNow = "(statement_timestamp() AT TIME ZONE 'UTC')";

// SQLite's date(x) is NULL for text that is no date ("2026-02-31", "igår"), and a
// filter on it then matches nothing; CAST(x AS date) would fail the statement.
// Nested CASE, because PostgreSQL folds a CASE arm's result only once its
// condition is not constant false (clauses.c), so a custom plan with the typed
// text as a constant never casts what is not a date. `x` must be a numbered
// placeholder (it appears several times); `$$` is a plain `$` in a regex_replace format.
std::string checked_date(const std::string& x, const std::string& plus) {
  return "(CASE WHEN " + x + " ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$$' THEN"
         " (CASE WHEN CAST(substr(" + x + ", 9, 2) AS int) <= CAST(extract(day FROM CAST(substr(" + x +
         ", 1, 8) || '01' AS date) + interval '1 month' - interval '1 day') AS int) THEN"
         " to_char(CAST(" + x + " AS date)" + plus + ", 'YYYY-MM-DD') END) END)";
}

struct Rule {
  std::regex pattern;
  std::string replacement;
};

const std::vector<Rule>& rules() {
  static const std::vector<Rule> all = [] {
    const std::string now = kUtcNow;
    std::vector<std::pair<const char*, std::string>> text = {
        // PostgreSQL takes its row locks as it writes; one writer per server and
        // READ COMMITTED give what BEGIN IMMEDIATE gives SQLite.
        {R"(\bBEGIN IMMEDIATE\b)", "BEGIN"},
        {R"(datetime\('now'\))", "to_char(" + now + ", 'YYYY-MM-DD HH24:MI:SS')"},
        {R"(strftime\('%Y-%m-%dT%H:%M:%fZ', 'now'\))",
         "to_char(" + now + ", 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"},
        {R"(strftime\('%Y-%m-%dT%H:%M:%SZ', 'now'\))",
         "to_char(" + now + ", 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"},
        {R"(\bdate\((\?\d+), '\+1 day'\))", checked_date("$1", " + 1")},
        {R"(\bdate\((\?\d+)\))", checked_date("$1", "")},
        {R"(\binstr\()", "strpos("},
        // A random key instead of a sequence (DESIGN.md: no insertion order in
        // `response`). gen_random_uuid() draws from the server's strong random source;
        // its first 64 bits hold 60 random ones (4 are the UUID version).
        {R"(abs\(random\(\) % 9223372036854775807\))",
         "((('x' || translate(CAST(gen_random_uuid() AS text), '-', ''))::bit(64)::bigint)"
         " & 9223372036854775807)"},
        // SQLite's json_each(doc) with the key, value and type columns the stores read.
        {R"(\bjson_each\(([^()]*)\) (\w+))",
         "LATERAL (SELECT e.key, e.value #>> '{}' AS value, CASE jsonb_typeof(e.value)"
         " WHEN 'string' THEN 'text' ELSE jsonb_typeof(e.value) END AS type"
         " FROM jsonb_each(CAST($1 AS jsonb)) e) $2"},
    };
    std::vector<Rule> out;
    for (auto& [pattern, replacement] : text) out.push_back({std::regex(pattern), std::move(replacement)});
    return out;
  }();
  return all;
}

// `?` and `?NNN` → `$n`, outside quotes. A bare `?` takes one more than the highest
// number so far, as SQLite numbers it.
Rewritten number_placeholders(const std::string& sql) {
  Rewritten out;
  out.sql.reserve(sql.size() + 8);
  char quote = 0;
  int highest = 0;
  for (size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
      out.sql += c;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      out.sql += c;
      continue;
    }
    if (c != '?') {
      out.sql += c;
      continue;
    }
    size_t j = i + 1;
    while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9') ++j;
    int n = j > i + 1 ? std::stoi(sql.substr(i + 1, j - i - 1)) : highest + 1;
    if (n > highest) highest = n;
    out.sql += '$';
    out.sql += std::to_string(n);
    i = j - 1;
  }
  out.parameters = highest;
  return out;
}
}  // namespace

Engine engine_of(std::string_view target) {
  for (std::string_view scheme : {"postgresql://", "postgres://"}) {
    if (target.substr(0, scheme.size()) == scheme) return Engine::kPostgresql;
  }
  return Engine::kSqlite;
}

std::string shown_target(std::string_view target) {
  std::string out(target);
  if (engine_of(target) != Engine::kPostgresql) return out;
  const std::size_t start = out.find("://") + 3;
  const std::size_t end = std::min(out.find_first_of("/?", start), out.size());
  const std::size_t at = out.rfind('@', end);
  if (at != std::string::npos && at >= start) {
    const std::size_t colon = out.find(':', start);
    if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
  }
  static const std::regex password_parameter(R"(([?&]password=)[^&]*)", std::regex::icase);
  return std::regex_replace(out, password_parameter, "$1***");
}

Rewritten to_postgresql(std::string_view sql) {
  std::string s(sql);
  for (const auto& rule : rules()) s = std::regex_replace(s, rule.pattern, rule.replacement);
  return number_placeholders(s);
}

const char* list_tables_sql(Engine engine) {
  if (engine == Engine::kPostgresql) {
    return "SELECT CAST(table_name AS text) FROM information_schema.tables"
           " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
           " ORDER BY CAST(table_name AS text) COLLATE \"C\"";
  }
  return "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
}

const char* list_columns_sql(Engine engine) {
  if (engine == Engine::kPostgresql) {
    return "SELECT CAST(column_name AS text), CAST(data_type AS text) FROM information_schema.columns"
           " WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position";
  }
  return "SELECT name, type FROM pragma_table_info(?) ORDER BY cid";
}

const char* list_parent_tables_sql(Engine engine) {
  if (engine == Engine::kPostgresql) {
    return "SELECT DISTINCT CAST(p.relname AS text) FROM pg_constraint k"
           " JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid"
           " WHERE k.contype = 'f' AND c.relname = ? AND c.relnamespace = CAST(current_schema() AS regnamespace)";
  }
  return "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?)";
}

const char* restart_identities_sql(Engine engine) {
  if (engine != Engine::kPostgresql) return "";
  return "DO $$ DECLARE r record; BEGIN"
         " FOR r IN SELECT table_name, column_name FROM information_schema.columns"
         "  WHERE table_schema = current_schema() AND is_identity = 'YES' LOOP"
         "  EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, %L), coalesce(max(%I), 0) + 1, false) FROM %I',"
         "   r.table_name, r.column_name, r.column_name, r.table_name);"
         " END LOOP; END $$";
}

std::string quote_identifier(const std::string& name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string literal_of(Engine engine, const std::string& quoted_column) {
  return (engine == Engine::kPostgresql ? "quote_nullable(" : "quote(") + quoted_column + ")";
}

}  // namespace tilfreds::db
