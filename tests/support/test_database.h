// A fresh, empty database for one test, on the engine the test run asks for.
//
// Without TILFREDS_TEST_DB: a SQLite file in a temporary folder, as every test had.
// With TILFREDS_TEST_DB=postgresql://… (ctest sets it for the second run of the
// store tests, against the cluster tests/support/postgres_cluster.sh starts): a
// database of its own on that server, created here and dropped at the end, so
// tests running in parallel never meet.
#pragma once

#include <cstdlib>
#include <random>
#include <stdexcept>
#include <string>

#include "db/connection.h"
#include "tests/support/temp_dir.h"

namespace tilfreds::testing {

class TestDatabase {
 public:
  explicit TestDatabase(const std::string& sqlite_file = "t.db") {
    const char* server = std::getenv("TILFREDS_TEST_DB");
    if (!server || db::engine_of(server) != db::Engine::kPostgresql) {
      target_ = dir_.file(sqlite_file);
      return;
    }
    server_ = server;
    std::random_device rd;
    name_ = "t_" + std::to_string(rd()) + "_" + std::to_string(rd());
    db::Connection(server_, db::Durability::kNormal).exec("CREATE DATABASE " + name_);
    target_ = with_database(server_, name_);
  }
  ~TestDatabase() {
    if (name_.empty()) return;
    try {
      db::Connection(server_, db::Durability::kNormal).exec("DROP DATABASE " + name_ + " WITH (FORCE)");
    } catch (...) {
      // The cluster goes at the end of the run anyway (postgres_cluster.sh stop).
    }
  }
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  // What --db would be given: the SQLite path or the PostgreSQL URI.
  const std::string& target() const { return target_; }
  bool postgresql() const { return !name_.empty(); }
  // A file beside the database (a key file, an export), in the test's own folder.
  std::string file(const std::string& name) const { return dir_.file(name); }

  // `uri` with its database name (the path after the authority) replaced by `name`.
  static std::string with_database(const std::string& uri, const std::string& name) {
    auto authority = uri.find("://");
    if (authority == std::string::npos) throw std::runtime_error("not a URI: " + uri);
    auto path = uri.find('/', authority + 3);
    auto query = uri.find('?', authority + 3);
    if (path == std::string::npos || (query != std::string::npos && path > query)) {
      return uri.substr(0, query == std::string::npos ? uri.size() : query) + "/" + name +
             (query == std::string::npos ? "" : uri.substr(query));
    }
    auto end = query == std::string::npos ? uri.size() : query;
    return uri.substr(0, path + 1) + name + uri.substr(end);
  }

 private:
  TempDir dir_;
  std::string server_;
  std::string name_;
  std::string target_;
};

}  // namespace tilfreds::testing
