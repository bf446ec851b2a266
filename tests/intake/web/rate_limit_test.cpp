// The rate limiter's memory stays bounded (issue 10 §2: 30,000 forwarded addresses
// once added 25 MB for good) and its check-and-count is one step.
#include "intake/web/rate_limit.h"

#include <catch2/catch.hpp>
#include <thread>

using tilfreds::intake::web::RateLimiter;

TEST_CASE("30,000 addresses keep at most max_keys keys, and quiet keys are given back") {
  RateLimiter limiter(20, std::chrono::minutes(15));
  auto t0 = RateLimiter::Clock::time_point(std::chrono::hours(1));
  for (int i = 0; i < 30000; ++i) {
    std::string address = "10." + std::to_string(i / 65536) + "." + std::to_string(i / 256 % 256) + "." +
                          std::to_string(i % 256);
    limiter.record(address, t0 + std::chrono::milliseconds(i));
    REQUIRE(limiter.keys() <= limiter.max_keys());
  }
  CHECK(limiter.keys() <= 10000);
  // One key hammered keeps only `limit` times, and stays exhausted.
  for (int i = 0; i < 100000; ++i) limiter.record("198.51.100.1", t0 + std::chrono::seconds(40));
  CHECK(limiter.max_events_per_key() <= 20);
  CHECK(limiter.exhausted("198.51.100.1", t0 + std::chrono::seconds(41)));
  // After the window every key has expired: the next new key sweeps them away.
  auto later = t0 + std::chrono::minutes(16);
  for (int i = 0; i < 1024; ++i) limiter.record("fresh-" + std::to_string(i), later);
  CHECK(limiter.keys() <= 1024);
  CHECK_FALSE(limiter.exhausted("198.51.100.1", later));
}

TEST_CASE("a full table forgets the keys idle longest, not the busy ones") {
  RateLimiter limiter(3, std::chrono::minutes(15), 100);
  auto t0 = RateLimiter::Clock::time_point(std::chrono::hours(1));
  for (int i = 0; i < 3; ++i) limiter.record("busy", t0 + std::chrono::seconds(200));
  for (int i = 0; i < 500; ++i) limiter.record("k" + std::to_string(i), t0 + std::chrono::seconds(i % 100));
  CHECK(limiter.keys() <= 100);
  CHECK(limiter.exhausted("busy", t0 + std::chrono::seconds(201)));
}

TEST_CASE("try_acquire counts and checks at once: 40 threads, exactly `limit` pass") {
  RateLimiter limiter(20, std::chrono::minutes(15));
  std::atomic<int> passed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 40; ++i) {
    threads.emplace_back([&] {
      if (limiter.try_acquire("203.0.113.5")) ++passed;
    });
  }
  for (auto& t : threads) t.join();
  CHECK(passed == 20);
  limiter.give_back("203.0.113.5");
  CHECK(limiter.try_acquire("203.0.113.5"));
  CHECK_FALSE(limiter.try_acquire("203.0.113.5"));
}
