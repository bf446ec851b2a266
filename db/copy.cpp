#include "db/copy.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "db/migrate.h"

namespace tilfreds::db {

namespace {
// Made by the migrations on each side, not data: the target has its own.
const std::set<std::string> kMigrationTables = {"schema_migration", "journal_pad"};

enum class Kind { kInteger, kBlob, kText };

// From the declared type: SQLite's INTEGER/BLOB/TEXT, PostgreSQL's bigint/bytea/text.
Kind kind_of(std::string type) {
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::tolower(c); });
  if (type.find("int") != std::string::npos) return Kind::kInteger;
  if (type.find("blob") != std::string::npos || type.find("bytea") != std::string::npos) return Kind::kBlob;
  return Kind::kText;
}

std::vector<std::string> names(Connection& c, const char* sql, const std::string* table = nullptr) {
  auto st = c.prepare(sql);
  if (table) st.bind(1, *table);
  std::vector<std::string> out;
  while (st.step()) out.push_back(st.text(0));
  return out;
}

std::set<std::string> data_tables(Connection& c) {
  std::set<std::string> out;
  for (auto& t : names(c, list_tables_sql(c.engine()))) {
    if (kMigrationTables.count(t) == 0) out.insert(t);
  }
  return out;
}

// Column name → kind, in the table's order.
std::vector<std::pair<std::string, Kind>> columns(Connection& c, const std::string& table) {
  auto st = c.prepare(list_columns_sql(c.engine()));
  st.bind(1, table);
  std::vector<std::pair<std::string, Kind>> out;
  while (st.step()) out.emplace_back(st.text(0), kind_of(st.text(1)));
  return out;
}

std::int64_t count_rows(Connection& c, const std::string& table) {
  auto st = c.prepare("SELECT count(*) FROM " + quote_identifier(table));
  st.step();
  return st.int64(0);
}

std::set<std::int64_t> versions(Connection& c) {
  std::set<std::int64_t> out;
  auto st = c.prepare("SELECT version FROM schema_migration");
  while (st.step()) out.insert(st.int64(0));
  return out;
}

// Parents before children (Kahn's algorithm on the foreign keys of `from`).
std::vector<std::string> dependency_order(Connection& from, const std::set<std::string>& tables) {
  std::map<std::string, std::set<std::string>> parents;
  for (const auto& t : tables) {
    for (auto& p : names(from, list_parent_tables_sql(from.engine()), &t)) {
      if (p != t && tables.count(p) != 0) parents[t].insert(p);
    }
  }
  std::vector<std::string> order;
  std::set<std::string> placed;
  while (order.size() < tables.size()) {
    bool progress = false;
    for (const auto& t : tables) {
      if (placed.count(t) != 0) continue;
      const auto& ps = parents[t];
      if (std::all_of(ps.begin(), ps.end(), [&](const std::string& p) { return placed.count(p) != 0; })) {
        order.push_back(t);
        placed.insert(t);
        progress = true;
      }
    }
    if (!progress) throw Error("db copy: the foreign keys of the schema form a cycle", 0);
  }
  return order;
}

std::int64_t copy_rows(Connection& from, Connection& to, const std::string& table) {
  // The columns both sides have (PostgreSQL's staff_session has a `rowid` column of
  // its own, SQLite's is implicit), typed as the target declares them.
  std::map<std::string, Kind> target;
  for (auto& [name, kind] : columns(to, table)) target[name] = kind;
  std::vector<std::pair<std::string, Kind>> shared;
  for (auto& [name, kind] : columns(from, table)) {
    if (auto it = target.find(name); it != target.end()) shared.emplace_back(name, it->second);
  }
  if (shared.empty()) return 0;
  std::string list, marks;
  for (const auto& [name, kind] : shared) {
    list += (list.empty() ? "" : ", ") + quote_identifier(name);
    marks += marks.empty() ? "?" : ", ?";
  }
  const std::string insert = "INSERT INTO " + quote_identifier(table) + " (" + list + ") VALUES (" + marks + ")";
  auto rows = from.prepare("SELECT " + list + " FROM " + quote_identifier(table));
  std::int64_t n = 0;
  while (rows.step()) {
    auto st = to.prepare(insert);
    for (size_t i = 0; i < shared.size(); ++i) {
      const int col = static_cast<int>(i);
      if (rows.is_null(col)) {
        st.bind_null(col + 1);
      } else if (shared[i].second == Kind::kInteger) {
        st.bind(col + 1, rows.int64(col));
      } else if (shared[i].second == Kind::kBlob) {
        st.bind_blob(col + 1, rows.text(col));
      } else {
        st.bind(col + 1, rows.text(col));
      }
    }
    st.run();
    ++n;
  }
  return n;
}
}  // namespace

CopyResult copy_database(Connection& from, Connection& to) {
  migrate(from);
  migrate(to);
  CopyResult result;
  if (versions(from) != versions(to)) {
    result.refused = "the two databases have different schema migrations";
    return result;
  }
  const auto tables = data_tables(from);
  if (tables != data_tables(to)) {
    result.refused = "the two databases have different tables";
    return result;
  }
  // Held until the counts are compared: no server writes to the source meanwhile.
  Transaction source(from);
  for (const auto& t : tables) {
    if (auto n = count_rows(to, t); n > 0) {
      result.refused = "the target is not empty (table " + t + " has " + std::to_string(n) +
                       " rows): copy only into a new, empty database";
      return result;
    }
  }
  const auto order = dependency_order(from, tables);
  {
    Transaction target(to);
    for (const auto& t : order) result.tables.push_back({t, copy_rows(from, to, t), 0});
    if (const char* restart = restart_identities_sql(to.engine()); *restart) to.exec(restart);
    target.commit();
  }
  for (auto& t : result.tables) {
    t.target_rows = count_rows(to, t.table);
    const auto source_rows = count_rows(from, t.table);
    if (t.target_rows != t.source_rows || source_rows != t.source_rows) {
      throw Error("db copy: table " + t.table + " has " + std::to_string(source_rows) + " rows in the source but " +
                      std::to_string(t.target_rows) + " in the target",
                  0);
    }
  }
  return result;
}

}  // namespace tilfreds::db
