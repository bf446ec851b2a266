// Durable writes through db::Database: one writer at a time (one fsync per commit)
// against many concurrent writers sharing commits (group commit), on the same file
// system in the same run. Prints writes/s, commits, and the ratio.
//
//   ./build/bench/group_commit_bench [writes_per_thread=2000] [threads=64]
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "db/database.h"

using tilfreds::db::Connection;
using tilfreds::db::Database;

namespace {
struct Run {
  double seconds;
  std::uint64_t writes;
  std::uint64_t commits;
};

Run run(const std::string& path, int threads, int writes_per_thread) {
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
  Database db(path);
  db.write([](Connection& c) { c.exec("CREATE TABLE r (id INTEGER PRIMARY KEY, body TEXT)"); });
  auto before = db.writer_stats();
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      for (int i = 0; i < writes_per_thread; ++i) {
        db.write([](Connection& c) {
          c.prepare("INSERT INTO r (body) VALUES (?)").bind_all(std::string(200, 'x')).run();
        });
      }
    });
  }
  for (auto& t : pool) t.join();
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  auto after = db.writer_stats();
  return {s, after.jobs - before.jobs, after.commits - before.commits};
}
}  // namespace

int main(int argc, char** argv) {
  int per_thread = argc > 1 ? std::stoi(argv[1]) : 2000;
  int threads = argc > 2 ? std::stoi(argv[2]) : 64;
  std::string path = (std::filesystem::temp_directory_path() / "tilfreds-group-commit-bench.db").string();
  // Same total number of writes in both runs.
  Run single = run(path, 1, per_thread * threads / 16);
  Run group = run(path, threads, per_thread);
  double single_rate = single.writes / single.seconds, group_rate = group.writes / group.seconds;
  std::printf("durable writes (synchronous=FULL, WAL) on %s\n", path.c_str());
  std::printf("  1 writer:   %8llu writes in %6.2f s = %9.0f writes/s, %8llu commits (fsync-bound)\n",
              static_cast<unsigned long long>(single.writes), single.seconds, single_rate,
              static_cast<unsigned long long>(single.commits));
  std::printf("  %d writers: %8llu writes in %6.2f s = %9.0f writes/s, %8llu commits (%.1f writes/commit)\n",
              threads, static_cast<unsigned long long>(group.writes), group.seconds, group_rate,
              static_cast<unsigned long long>(group.commits),
              static_cast<double>(group.writes) / static_cast<double>(group.commits));
  std::printf("  group commit / one writer: %.1fx\n", group_rate / single_rate);
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
}
