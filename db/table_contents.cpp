#include "db/table_contents.h"

#include <algorithm>

namespace tilfreds::db {

std::map<std::string, std::vector<std::string>> table_contents(Connection& conn) {
  std::vector<std::string> tables;
  {
    auto st = conn.prepare(list_tables_sql(conn.engine()));
    while (st.step()) tables.push_back(st.text(0));
  }
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& table : tables) {
    std::string row_expr;
    {
      auto st = conn.prepare(list_columns_sql(conn.engine()));
      st.bind_all(table);
      while (st.step()) {
        row_expr += (row_expr.empty() ? "" : " || ',' || ") +
                    literal_of(conn.engine(), quote_identifier(st.text(0)));
      }
    }
    auto& rows = out[table];
    if (row_expr.empty()) continue;
    // Table names come from the schema itself, never from a request.
    auto st = conn.prepare("SELECT " + row_expr + " FROM " + quote_identifier(table));
    while (st.step()) rows.push_back(st.text(0));
    std::sort(rows.begin(), rows.end());
  }
  return out;
}

}  // namespace tilfreds::db
