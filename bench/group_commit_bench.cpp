// Durable writes through db::Database: one writer at a time (one fsync per commit)
// against many concurrent writers sharing commits (group commit), on the same file
// system in the same run. Prints writes/s, commits, and the ratio.
//
// Then the cost of anonymity against the journal (issue 10 §1): the same writes as
// submissions, each asking the writer to empty the -wal before it acknowledges
// (Connection::forget_journal_after_commit, a checkpoint with TRUNCATE after the
// batch), against the same writes with the journal kept, in the same run.
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
  std::uint64_t truncations = 0;
};

enum class Kind { kPlain, kSubmissionKeep, kSubmissionForget };

Run run(const std::string& path, int threads, int writes_per_thread, Kind kind = Kind::kPlain) {
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
  Database db(path, Database::Options{kind != Kind::kSubmissionKeep});
  const bool submission = kind != Kind::kPlain;
  db.write([](Connection& c) { c.exec("CREATE TABLE r (id INTEGER PRIMARY KEY, body TEXT)"); });
  auto before = db.writer_stats();
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      for (int i = 0; i < writes_per_thread; ++i) {
        db.write([submission](Connection& c) {
          c.prepare("INSERT INTO r (body) VALUES (?)").bind_all(std::string(200, 'x')).run();
          if (submission) c.forget_journal_after_commit();
        });
      }
    });
  }
  for (auto& t : pool) t.join();
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  auto after = db.writer_stats();
  return {s, after.jobs - before.jobs, after.commits - before.commits,
          after.journal_truncations - before.journal_truncations};
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

  // Submissions: journal kept (before issue 10) and emptied before acknowledging (after).
  std::printf("durable submissions, -wal kept vs emptied (checkpoint TRUNCATE) before the acknowledgement\n");
  for (int t : {1, threads}) {
    const int per = t == 1 ? per_thread * threads / 16 : per_thread;
    Run keep = run(path, t, per, Kind::kSubmissionKeep);
    Run forget = run(path, t, per, Kind::kSubmissionForget);
    double keep_rate = keep.writes / keep.seconds, forget_rate = forget.writes / forget.seconds;
    std::printf("  %2d writer%s kept:    %9.0f submissions/s, %8llu commits\n", t, t == 1 ? ": " : "s:",
                keep_rate, static_cast<unsigned long long>(keep.commits));
    std::printf("  %2d writer%s emptied: %9.0f submissions/s, %8llu commits, %llu truncations"
                "  (emptied / kept: %.2fx)\n",
                t, t == 1 ? ": " : "s:", forget_rate, static_cast<unsigned long long>(forget.commits),
                static_cast<unsigned long long>(forget.truncations), forget_rate / keep_rate);
  }
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
}
