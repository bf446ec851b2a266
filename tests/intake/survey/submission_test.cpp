// Submissions through the queue (intake/survey/submission.h, migration 014): mixed in
// batches of at least k, whole once the wave closes, sealed while they wait, and on
// PostgreSQL never sharing a transaction id with the invitee they came from. The
// batching runs on both engines (the queue is engine-neutral; SQLite simply does not
// need it); the xmin checks only where rows carry one.
#include <catch2/catch.hpp>
#include <set>

#include "db/response_store.h"
#include "db/table_contents.h"
#include "intake/fieldwork/administration.h"
#include "intake/fieldwork/progress.h"
#include "intake/dates.h"
#include "intake/survey/submission.h"
#include "tests/support/test_server.h"

namespace survey = tilfreds::intake::survey;
using tilfreds::db::Connection;
using tilfreds::testing::TestServer;

namespace {
constexpr std::int64_t kBatch = 5;
const survey::MixPolicy kQueued{true, kBatch};

std::vector<std::int64_t> invitee_ids(TestServer& s) {
  return s.db().read([&](Connection& c) {
    auto st = c.prepare("SELECT id FROM invitee WHERE wave_id = ? ORDER BY id");
    st.bind_all(s.wave().id);
    std::vector<std::int64_t> out;
    while (st.step()) out.push_back(st.int64(0));
    return out;
  });
}

std::int64_t count_of(TestServer& s, const std::string& sql) {
  return s.db().read([&](Connection& c) {
    auto st = c.prepare(sql);
    st.step();
    return st.int64(0);
  });
}

// A response whose answer names its sender, so the test can tell them apart.
tilfreds::db::NewResponse response_for(std::int64_t wave_id, int i) {
  std::string answer = "svar-" + std::to_string(i);
  return {wave_id, "dagpenge", "{}", R"({"q":")" + answer + R"("})", {{"all", "", "q", answer}}, {{"all", ""}}};
}

std::multiset<std::string> stored_answers(TestServer& s) {
  auto all = s.db().read([&](Connection& c) { return tilfreds::db::response_answers(c, s.wave().id); });
  return {all.begin(), all.end()};
}

// On PostgreSQL: for every transaction that wrote a response, the invitees it also
// wrote are none, or (the latest mix, which rewrites them all) every invitee that had
// completed by then, i.e. all completed but those whose own submission transaction
// came later; and it wrote at least `fewest` responses.
void check_transactions(TestServer& s, std::int64_t fewest) {
  if (!s.postgresql()) return;
  auto by_then = count_of(s, "SELECT count(*) FROM invitee WHERE status = 'completed'") -
                 count_of(s, "SELECT count(*) FROM invitee i WHERE status = 'completed' AND EXISTS"
                             " (SELECT 1 FROM response_queue q WHERE q.xmin = i.xmin)");
  auto rows = s.db().read([&](Connection& c) {
    auto st = c.prepare(
        "SELECT r.xmin::text, count(*), (SELECT count(*) FROM invitee i WHERE i.xmin = r.xmin)"
        " FROM response r GROUP BY r.xmin");
    std::vector<std::tuple<std::string, std::int64_t, std::int64_t>> out;
    while (st.step()) out.emplace_back(st.text(0), st.int64(1), st.int64(2));
    return out;
  });
  // No completed invitee keeps the id of its own submission's transaction once mixed:
  // they share one (the latest mix's), apart from those whose submissions wait.
  CHECK(count_of(s, "SELECT count(DISTINCT i.xmin::text) FROM invitee i WHERE status = 'completed' AND NOT EXISTS"
                    " (SELECT 1 FROM response_queue q WHERE q.xmin = i.xmin)") <= 1);
  for (const auto& [xid, responses, invitees] : rows) {
    INFO("transaction " << xid);
    CHECK(responses >= fewest);
    CHECK((invitees == 0 || invitees == by_then));
  }
}
}  // namespace

TEST_CASE("queued submissions become responses only in batches of at least k, all of them once the wave closes") {
  TestServer s(23);
  auto ids = invitee_ids(s);
  REQUIRE(ids.size() == 23);
  std::int64_t responses = 0;
  for (int i = 0; i < 23; ++i) {
    CHECK(survey::submit(s.db(), s.key(), kQueued, ids[i], response_for(s.wave().id, i), "2024-09-10") ==
          tilfreds::db::SubmitOutcome::kStored);
    auto now = count_of(s, "SELECT count(*) FROM response");
    auto waiting = count_of(s, "SELECT count(*) FROM response_queue");
    INFO("after submission " << i + 1);
    CHECK(now + waiting == i + 1);  // each stored once, in one place or the other
    CHECK(waiting < 2 * kBatch);
    CHECK(waiting >= std::min<std::int64_t>(kBatch, i + 1));  // the last ones are kept back
    if (now != responses) CHECK(now - responses >= kBatch);
    responses = now;
    // Completed at once: response rates do not wait for the mix.
    CHECK(count_of(s, "SELECT count(*) FROM invitee WHERE status = 'completed'") == i + 1);
    check_transactions(s, kBatch);
  }
  CHECK(responses >= 23 - 2 * kBatch + 1);
  // Submitting twice stores nothing more.
  CHECK(survey::submit(s.db(), s.key(), kQueued, ids[0], response_for(s.wave().id, 0), "2024-09-10") ==
        tilfreds::db::SubmitOutcome::kAlreadyCompleted);

  auto problems = tilfreds::intake::fieldwork::close_wave_early(s.db(), s.key(), tilfreds::intake::staff::Actor::cli(),
                                                                 s.wave(), tilfreds::intake::today_iso());
  REQUIRE(problems.empty());
  CHECK(count_of(s, "SELECT count(*) FROM response_queue") == 0);
  std::multiset<std::string> expected;
  for (int i = 0; i < 23; ++i) expected.insert(response_for(s.wave().id, i).answers);
  CHECK(stored_answers(s) == expected);
  // The counts are the responses'.
  CHECK(count_of(s, "SELECT sum(n) FROM answer_count WHERE dim = 'all'") == 23);
  CHECK(count_of(s, "SELECT n FROM respondent_count WHERE dim = 'all'") == 23);
  check_transactions(s, kBatch);  // the last mix too: what was kept back is at least k
}

TEST_CASE("a waiting submission holds its answers sealed, and opens only with the key file's key") {
  TestServer s(3);
  auto ids = invitee_ids(s);
  auto marked = [&](int i) {
    auto r = response_for(s.wave().id, i);
    r.answers = R"({"q":"Hemmeligt-svar-4711"})";
    r.group = "Hemmelig-gruppe";
    return r;
  };
  for (int i = 0; i < 3; ++i) survey::submit(s.db(), s.key(), kQueued, ids[i], marked(i), "2024-09-10");
  CHECK(count_of(s, "SELECT count(*) FROM response_queue") == 3);
  // The progress says how many are not yet in the answer counts.
  auto progress = tilfreds::intake::fieldwork::wave_progress(s.db(), s.wave(), tilfreds::intake::today_iso());
  CHECK(progress.waiting_to_mix == 3);
  CHECK(tilfreds::intake::fieldwork::progress_json(progress, false)["waiting_to_mix"] == 3);
  auto tables = s.db().read([](Connection& c) { return tilfreds::db::table_contents(c); });
  for (const auto& [table, rows] : tables) {
    for (const auto& row : rows) {
      INFO(table << ": " << row);
      CHECK(row.find("Hemmeligt-svar-4711") == std::string::npos);
      CHECK(row.find("Hemmelig-gruppe") == std::string::npos);
    }
  }
  // Another key cannot open them: the mix fails whole and keeps them waiting.
  const auto other = survey::TokenKey::generate();
  CHECK_THROWS_AS(survey::mix_waiting(s.db(), other, kQueued, s.wave().id, true), tilfreds::db::Error);
  CHECK(count_of(s, "SELECT count(*) FROM response_queue") == 3);
  CHECK(count_of(s, "SELECT count(*) FROM response") == 0);
  CHECK(survey::mix_waiting(s.db(), s.key(), kQueued, s.wave().id, true) == 3);
  CHECK(stored_answers(s).count(R"({"q":"Hemmeligt-svar-4711"})") == 3);
}

TEST_CASE("a draft is sealed under the key; a draft stored in clear before still opens; an altered one gives nothing") {
  const auto key = survey::TokenKey::generate();
  survey::Answers answers{{"q_tilfreds", "i_hoej_grad"}, {"q_kommentar", "Mit navn er Hemmelig"}};
  auto sealed = survey::seal_draft(key, answers);
  CHECK(sealed.find("Hemmelig") == std::string::npos);
  CHECK(sealed.find("i_hoej_grad") == std::string::npos);
  CHECK(survey::seal_draft(key, answers) != sealed);  // a fresh nonce each time
  CHECK(survey::open_draft(key, sealed) == answers);
  CHECK(survey::open_draft(key, survey::answers_json(answers)) == answers);  // as drafts were stored before
  CHECK(survey::open_draft(survey::TokenKey::generate(), sealed).empty());
  std::string altered = sealed;
  altered[altered.size() / 2] = altered[altered.size() / 2] == 'A' ? 'B' : 'A';
  CHECK(survey::open_draft(key, altered).empty());
  CHECK(survey::open_draft(key, "not base64 at all!").empty());
}

TEST_CASE("submissions left waiting by a crash are mixed at start-up: an open wave's down to k, a closed one's whole") {
  // The crash: the submission transactions committed, no mix followed.
  const std::string today = tilfreds::intake::today_iso();
  TestServer open_wave(12, {std::nullopt, today});  // its last day is today
  auto ids = invitee_ids(open_wave);
  for (int i = 0; i < 12; ++i) {
    open_wave.db().write([&](Connection& c) {
      tilfreds::db::queue_submission(c, ids[i], open_wave.wave().id,
                                     open_wave.key().seal(R"({"group":"g","background":"{}","answers":"{}",)"
                                                          R"("counts":[],"dims":[["all",""]]})"),
                                     "2024-09-10");
    });
  }
  CHECK(survey::mix_all_waiting(open_wave.db(), open_wave.key(), kQueued, today) == 12 - kBatch);
  CHECK(count_of(open_wave, "SELECT count(*) FROM response_queue") == kBatch);
  CHECK(survey::mix_all_waiting(open_wave.db(), open_wave.key(), kQueued, today) == 0);  // nothing more to do
  // Once the wave has closed (a start-up on a later day), the rest.
  CHECK(survey::mix_all_waiting(open_wave.db(), open_wave.key(), kQueued, "2999-12-31") == kBatch);
  CHECK(count_of(open_wave, "SELECT n FROM respondent_count WHERE dim = 'all'") == 12);
}
