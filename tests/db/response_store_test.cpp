// The anonymity rule: nothing in a stored response can be joined back to an invitee.
#include "db/response_store.h"

#include <catch2/catch.hpp>
#include <set>

#include "db/database.h"
#include "db/invitee_store.h"
#include "db/survey_store.h"
#include "tests/support/test_database.h"

using namespace tilfreds::db;
using tilfreds::testing::TestDatabase;

namespace {
struct Fixture {
  TestDatabase dir;
  Database db{dir.target()};
  std::int64_t wave = 0;
  std::vector<std::int64_t> invitees;

  explicit Fixture(int n) {
    db.write([&](Connection& c) {
      put_survey(c, {"s", 1, "{}"});
      wave = *create_wave(c, {0, "s", 1, "2024", std::nullopt, std::nullopt});
      for (int i = 0; i < n; ++i) {
        std::string k = std::to_string(i);
        insert_invitee(c, wave, {"r" + k, "dagpenge", "{}", "t" + k, "c" + k, "", ""});
        invitees.push_back(find_invitee_by_reference(c, wave, "r" + k)->id);
      }
    });
  }
  NewResponse response(const std::string& answer) const {
    return {wave, "dagpenge", "{}", "{\"q\":\"" + answer + "\"}",
            {{"all", "", "q", answer}, {"group", "dagpenge", "q", answer}},
            {{"all", ""}, {"group", "dagpenge"}}};
  }
};

std::vector<std::string> columns(Database& db, const std::string& table) {
  return db.read([&](Connection& c) {
    std::vector<std::string> out;
    auto st = c.prepare(tilfreds::db::list_columns_sql(c.engine()));
    st.bind_all(table);
    while (st.step()) out.push_back(st.text(0));
    return out;
  });
}
}  // namespace

TEST_CASE("a response row holds wave, group, background and answers only") {
  Fixture f(1);
  CHECK(columns(f.db, "response") == std::vector<std::string>{"id", "wave_id", "grp", "background", "answers"});
  // The counts have no column that could point at a person either.
  CHECK(columns(f.db, "answer_count") ==
        std::vector<std::string>{"wave_id", "dim", "dim_value", "question_id", "answer", "n"});
  // Nothing shared with invitee beyond the wave and the group (no id, token, date).
  auto invitee = columns(f.db, "invitee");
  for (const auto& col : columns(f.db, "response")) {
    if (col == "id" || col == "wave_id" || col == "background") continue;  // id: random, see below
    if (col == "grp") continue;                                             // the published breakdown
    CHECK(std::find(invitee.begin(), invitee.end(), col) == invitee.end());
  }
}

TEST_CASE("response ids do not follow submission order") {
  Fixture f(200);
  std::vector<std::int64_t> ids;
  std::set<std::int64_t> seen;
  for (auto id : f.invitees) {
    f.db.write([&](Connection& c) { submit_response(c, id, f.response("a"), "2024-09-10"); });
    f.db.read([&](Connection& c) {
      auto st = c.prepare("SELECT id FROM response");
      while (st.step()) {
        if (seen.insert(st.int64(0)).second) ids.push_back(st.int64(0));
      }
      return 0;
    });
  }
  REQUIRE(ids.size() == f.invitees.size());
  // If ids were sequential, the table's order would equal submission order.
  // Count rank agreements of consecutive submissions: random ids agree about half the time.
  int increasing = 0;
  for (size_t i = 1; i < ids.size(); ++i) increasing += ids[i] > ids[i - 1];
  CHECK(increasing > 60);
  CHECK(increasing < 140);
}

TEST_CASE("submitting is exactly once and does everything in one transaction") {
  Fixture f(2);
  SubmitOutcome first{}, second{};
  f.db.write([&](Connection& c) {
    save_draft(c, f.invitees[0], {"{\"q\":\"a\"}", 3});
    first = submit_response(c, f.invitees[0], f.response("a"), "2024-09-10");
    second = submit_response(c, f.invitees[0], f.response("b"), "2024-09-10");
  });
  CHECK(first == SubmitOutcome::kStored);
  CHECK(second == SubmitOutcome::kAlreadyCompleted);
  f.db.read([&](Connection& c) {
    CHECK(find_invitee(c, f.invitees[0])->status == InviteeStatus::kCompleted);
    CHECK_FALSE(find_draft(c, f.invitees[0]));
    auto counts = answer_counts(c, f.wave, "all");
    REQUIRE(counts.size() == 1);
    CHECK(counts[0].answer == "a");
    CHECK(counts[0].n == 1);
    CHECK(respondent_counts(c, f.wave, "group").at(0).second == 1);
    return 0;
  });

  // A job that fails after submitting leaves no trace of the submission.
  CHECK_THROWS(f.db.write([&](Connection& c) {
    submit_response(c, f.invitees[1], f.response("b"), "2024-09-11");
    throw Error("injected fault after submit", 0);
  }));
  f.db.read([&](Connection& c) {
    CHECK(find_invitee(c, f.invitees[1])->status == InviteeStatus::kInvited);
    CHECK(answer_counts(c, f.wave, "all").size() == 1);
    return 0;
  });
}

TEST_CASE("ineligible invitees cannot submit and statuses only move forward") {
  Fixture f(2);
  f.db.write([&](Connection& c) {
    CHECK(mark_invitees(c, f.wave, {"r0", "nobody"}, InviteeStatus::kIneligible).unknown ==
          std::vector<std::string>{"nobody"});
    CHECK(submit_response(c, f.invitees[0], f.response("a"), "2024-09-10") == SubmitOutcome::kNotOpen);
    CHECK(advance_status(c, f.invitees[1], InviteeStatus::kPartial));
    CHECK_FALSE(advance_status(c, f.invitees[1], InviteeStatus::kOpened));
    CHECK_FALSE(advance_status(c, f.invitees[0], InviteeStatus::kOpened));
  });
  auto counts = f.db.read([&](Connection& c) { return status_counts(c, f.wave); });
  CHECK(counts[InviteeStatus::kIneligible] == 1);
  CHECK(counts[InviteeStatus::kPartial] == 1);
  CHECK(counts[InviteeStatus::kCompleted] == 0);
}

TEST_CASE("responses stored in bulk leave the same rows and counts as submitting them one by one") {
  Fixture one_by_one(6), bulk(0);
  const std::vector<std::string> answers{"a", "b", "a", "c", "a", "b"};
  std::vector<NewResponse> batch;
  for (size_t i = 0; i < answers.size(); ++i) {
    one_by_one.db.write([&](Connection& c) {
      submit_response(c, one_by_one.invitees[i], one_by_one.response(answers[i]), "2024-09-10");
    });
    batch.push_back(bulk.response(answers[i]));
  }
  bulk.db.write([&](Connection& c) {
    store_responses(c, std::span<const NewResponse>(batch).first(2));
    store_responses(c, std::span<const NewResponse>(batch).subspan(2));
  });
  auto counts = [](Fixture& f, const std::string& dim) {
    return f.db.read([&](Connection& c) {
      std::vector<std::tuple<std::string, std::string, std::int64_t>> out;
      for (const auto& r : answer_counts(c, f.wave, dim)) out.emplace_back(r.dim_value, r.answer, r.n);
      return std::make_pair(out, respondent_counts(c, f.wave, dim));
    });
  };
  CHECK(counts(bulk, "all") == counts(one_by_one, "all"));
  CHECK(counts(bulk, "group") == counts(one_by_one, "group"));
  CHECK(counts(bulk, "all").second.at(0).second == 6);
  auto rows = [](Fixture& f) {
    return f.db.read([&](Connection& c) {
      std::multiset<std::string> out;
      auto st = c.prepare("SELECT grp || background || answers FROM response WHERE wave_id = ?");
      st.bind_all(f.wave);
      while (st.step()) out.insert(st.text(0));
      return out;
    });
  };
  CHECK(rows(bulk) == rows(one_by_one));
}
