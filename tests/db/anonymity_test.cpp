// Anonymity against a copy of the database file (issue 10 §1): a completed invitee
// keeps no group or background, rates come from counters that move with every
// status change, migration 005 converts a schema-004 database without losing a
// count, and the journal is emptied before a submission is acknowledged.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>

#include "db/database.h"
#include "db/invitee_store.h"
#include "db/migrate.h"
#include "db/response_store.h"
#include "db/survey_store.h"
#include "tests/support/test_database.h"

using namespace tilfreds::db;
using tilfreds::testing::TestDatabase;

namespace {
NewInvitee invitee(const std::string& ref, const std::string& group, const std::string& background) {
  return {ref, group, background, "t" + ref, "c" + ref, "sealed-t", "sealed-c"};
}

NewResponse response_of(std::int64_t wave, const std::string& group, const std::string& background,
                        std::vector<DimValue> dims) {
  NewResponse r;
  r.wave_id = wave;
  r.group = group;
  r.background = background;
  r.answers = R"({"q":"a"})";
  for (const auto& d : dims) r.answer_counts.push_back({d.dim, d.dim_value, "q", "a"});
  r.respondent_dims = dims;
  return r;
}

std::int64_t scalar(Connection& c, const std::string& sql) {
  auto st = c.prepare(sql);
  return st.step() ? st.int64(0) : -1;
}

std::uintmax_t wal_size(const std::string& db_path) {
  std::error_code ec;
  auto n = std::filesystem::file_size(db_path + "-wal", ec);
  return ec ? 0 : n;
}

std::int64_t page_size(Database& db) {
  return db.read([](Connection& c) { return scalar(c, "PRAGMA page_size"); });
}

std::string wal_text(const std::string& db_path) {
  std::ifstream in(db_path + "-wal", std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Pages the -shm's first index block lists (SQLite's wal.c: after two copies of the
// 48-byte header and the 40-byte checkpoint info, 4062 u32 page numbers, one per frame).
int shm_indexed_pages(const std::string& db_path) {
  std::ifstream in(db_path + "-shm", std::ios::binary);
  std::string shm{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  int n = 0;
  for (std::size_t off = 136; off + 4 <= shm.size() && off < 136 + 4062 * 4; off += 4) {
    n += shm[off] != 0 || shm[off + 1] != 0 || shm[off + 2] != 0 || shm[off + 3] != 0;
  }
  return n;
}

// The figures `wave status --by-group` printed before migration 005: a GROUP BY over
// invitee (the old status_counts / status_counts_by_group), here per any dimension.
std::map<std::string, std::map<std::string, std::int64_t>> old_figures(Connection& c, std::int64_t wave) {
  std::map<std::string, std::map<std::string, std::int64_t>> out;
  auto st = c.prepare("SELECT 'all', status, count(*) FROM invitee WHERE wave_id = ?1 GROUP BY status"
                      " UNION ALL SELECT 'group:' || grp, status, count(*) FROM invitee WHERE wave_id = ?1"
                      " GROUP BY grp, status"
                      " UNION ALL SELECT j.key || ':' || j.value, i.status, count(*)"
                      " FROM invitee i, json_each(i.background) j WHERE i.wave_id = ?1"
                      " GROUP BY j.key, j.value, i.status");
  st.bind_all(wave);
  while (st.step()) out[st.text(0)][st.text(1)] = st.int64(2);
  return out;
}

std::map<std::string, std::map<std::string, std::int64_t>> new_figures(Connection& c, std::int64_t wave,
                                                                       const std::vector<std::string>& dims) {
  std::map<std::string, std::map<std::string, std::int64_t>> out;
  for (const auto& [s, n] : status_counts(c, wave)) {
    if (n > 0) out["all"][status_name(s)] = n;
  }
  for (const auto& dim : dims) {
    for (const auto& [value, counts] : status_counts_by_dim(c, wave, dim)) {
      for (const auto& [s, n] : counts) {
        if (n > 0) out[dim + ":" + value][status_name(s)] = n;
      }
    }
  }
  return out;
}
}  // namespace

TEST_CASE("a completed invitee keeps no group or background, so a join finds nobody") {
  TestDatabase dir;
  Database db(dir.target());
  std::int64_t wave = 0, id = 0;
  db.write([&](Connection& c) {
    put_survey(c, {"s", 1, "{}"});
    wave = *create_wave(c, {0, "s", 1, "2024", std::nullopt, std::nullopt});
    insert_invitee(c, wave, invitee("rare", "dagpenge", R"({"alder":"67","tilbud":"praktik"})"));
    id = find_invitee_by_reference(c, wave, "rare")->id;
    save_draft(c, id, {R"({"q":"a"})", 2});
    submit_response(c, id,
                    response_of(wave, "dagpenge", R"({"alder":"67","tilbud":"praktik"})",
                                {{"all", ""}, {"group", "dagpenge"}, {"alder", "67"}, {"tilbud", "praktik"}}),
                    "2024-09-10");
  });
  db.read([&](Connection& c) {
    auto row = find_invitee(c, id);
    REQUIRE(row);
    CHECK(row->status == InviteeStatus::kCompleted);
    CHECK(row->group.empty());
    CHECK(row->background == "{}");
    CHECK(row->reference == "rare");
    // The response has them; the attacker's join on them has nothing to join with.
    CHECK(scalar(c, "SELECT count(*) FROM response WHERE background LIKE '%67%'") == 1);
    CHECK(scalar(c, "SELECT count(*) FROM invitee i JOIN response r"
                    " ON r.grp = i.grp OR r.background = i.background") == 0);
    CHECK(scalar(c, "SELECT count(*) FROM draft") == 0);
    // The rates still know the group and the background value.
    CHECK(status_counts_by_group(c, wave).at("dagpenge").at(InviteeStatus::kCompleted) == 1);
    CHECK(status_counts_by_dim(c, wave, "alder").at("67").at(InviteeStatus::kCompleted) == 1);
    CHECK(status_counts_by_dim(c, wave, "alder").at("67").at(InviteeStatus::kInvited) == 0);
    return 0;
  });
}

TEST_CASE("the counters follow import, opening, marking and submission per group and background value") {
  TestDatabase dir;
  Database db(dir.target());
  std::int64_t wave = 0;
  std::map<std::string, std::int64_t> id;
  db.write([&](Connection& c) {
    put_survey(c, {"s", 1, "{}"});
    wave = *create_wave(c, {0, "s", 1, "2024", std::nullopt, std::nullopt});
    const char* groups[] = {"dagpenge", "sygedagpenge"};
    for (int i = 0; i < 8; ++i) {
      std::string ref = "r" + std::to_string(i);
      insert_invitee(c, wave, invitee(ref, groups[i % 2], i < 3 ? R"({"tilbud":"kursus"})" : R"({"tilbud":"praktik"})"));
      id[ref] = find_invitee_by_reference(c, wave, ref)->id;
    }
    advance_status(c, id["r0"], InviteeStatus::kOpened);
    advance_status(c, id["r1"], InviteeStatus::kPartial);
    advance_status(c, id["r1"], InviteeStatus::kOpened);  // never backwards: no change
    mark_invitees(c, wave, {"r2", "r2"}, InviteeStatus::kIneligible);  // twice: counted once
    mark_invitees(c, wave, {"r3"}, InviteeStatus::kUndeliverable);
    submit_response(c, id["r1"], response_of(wave, "sygedagpenge", R"({"tilbud":"kursus"})", {{"all", ""}}), "2024-09-10");
    submit_response(c, id["r4"], response_of(wave, "dagpenge", R"({"tilbud":"praktik"})", {{"all", ""}}), "2024-09-10");
    CHECK(mark_invitees(c, wave, {"r4"}, InviteeStatus::kIneligible).completed == std::vector<std::string>{"r4"});
  });
  db.read([&](Connection& c) {
    auto all = status_counts(c, wave);
    CHECK(all[InviteeStatus::kInvited] == 3);  // r5, r6, r7
    CHECK(all[InviteeStatus::kOpened] == 1);
    CHECK(all[InviteeStatus::kPartial] == 0);
    CHECK(all[InviteeStatus::kCompleted] == 2);
    CHECK(all[InviteeStatus::kIneligible] == 1);
    CHECK(all[InviteeStatus::kUndeliverable] == 1);
    auto groups = status_counts_by_group(c, wave);
    CHECK(groups["dagpenge"][InviteeStatus::kCompleted] == 1);          // r4
    CHECK(groups["sygedagpenge"][InviteeStatus::kCompleted] == 1);      // r1
    CHECK(groups["dagpenge"][InviteeStatus::kIneligible] == 1);         // r2
    CHECK(groups["sygedagpenge"][InviteeStatus::kUndeliverable] == 1);  // r3
    auto offers = status_counts_by_dim(c, wave, "tilbud");
    CHECK(offers["kursus"][InviteeStatus::kCompleted] == 1);
    CHECK(offers["kursus"][InviteeStatus::kOpened] == 1);
    CHECK(offers["kursus"][InviteeStatus::kIneligible] == 1);
    CHECK(offers["praktik"][InviteeStatus::kCompleted] == 1);
    CHECK(offers["praktik"][InviteeStatus::kInvited] == 3);
    // The counters sum, per dimension, to the number of invitees: nothing lost or doubled.
    for (const char* dim : {"all", "group", "tilbud"}) {
      auto st = c.prepare("SELECT sum(n) FROM invitee_count WHERE wave_id = ? AND dim = ?");
      st.bind_all(wave, dim);
      REQUIRE(st.step());
      CHECK(st.int64(0) == 8);
    }
    return 0;
  });
}

TEST_CASE("migration 005 converts a schema-004 database without losing a count", "[sqlite]") {
  TestDatabase dir;
  const std::string path = dir.file("old.db");
  std::map<std::string, std::map<std::string, std::int64_t>> before;
  {
    // The database as tilfreds at schema 004 left it: invitees with group and background
    // at every status, responses that copy them, plain SHA-256 hashes.
    Connection c(path);
    migrate_to(c, 4);
    c.exec("INSERT INTO survey VALUES ('s', 1, '{}', '2024-01-01');"
           "INSERT INTO wave (id, survey_id, survey_version, label) VALUES (1, 's', 1, '2024');");
    const char* statuses[] = {"invited", "opened", "partial", "completed", "completed", "ineligible",
                              "undeliverable", "completed"};
    for (int i = 0; i < 40; ++i) {
      std::string status = statuses[i % 8];
      std::string group = i % 3 ? "dagpenge" : "sygedagpenge";
      std::string background = R"({"tilbud":")" + std::string(i % 5 ? "praktik" : "kursus") + R"(","alder":")" +
                               std::to_string(20 + i % 4 * 10) + R"("})";
      c.prepare("INSERT INTO invitee (wave_id, reference, grp, background, token_hash, code_hash, status,"
                " completed_day) VALUES (1, ?, ?, ?, ?, ?, ?, ?)")
          .bind_all("r" + std::to_string(i), group, background, "t" + std::to_string(i), "c" + std::to_string(i),
                    status, status == "completed" ? std::optional<std::string>("2024-09-10") : std::nullopt)
          .run();
      if (status == "completed") {
        c.prepare("INSERT INTO response (id, wave_id, grp, background, answers) VALUES (?, 1, ?, ?, '{}')")
            .bind_all(static_cast<std::int64_t>(1000 + i), group, background)
            .run();
      }
    }
    before = old_figures(c, 1);
  }
  Database db(path);  // migrates to the latest schema
  db.read([&](Connection& c) {
    CHECK(scalar(c, "SELECT max(version) FROM schema_migration") == latest_schema_version());
    CHECK(new_figures(c, 1, {"group", "tilbud", "alder"}) == before);
    // The same figures through the functions `wave status --by-group` prints.
    auto groups = status_counts_by_group(c, 1);
    for (const auto& [key, by_status] : before) {
      if (key.rfind("group:", 0) != 0) continue;
      for (const auto& [status, n] : by_status) {
        CHECK(groups[key.substr(6)][*parse_status(status)] == n);
      }
    }
    // Completed invitees lost group and background; the others keep them for later moves.
    CHECK(scalar(c, "SELECT count(*) FROM invitee WHERE status = 'completed' AND (grp <> '' OR background <> '{}')") == 0);
    CHECK(scalar(c, "SELECT count(*) FROM invitee WHERE status <> 'completed' AND grp = ''") == 0);
    CHECK(scalar(c, "SELECT count(*) FROM invitee WHERE hash_kind = 'sha256'") == 40);
    return 0;
  });
  // Counting goes on from the converted figures.
  std::string group;
  db.write([&](Connection& c) {
    auto row = find_invitee_by_reference(c, 1, "r2");  // partial
    REQUIRE(row);
    REQUIRE(row->status == InviteeStatus::kPartial);
    group = row->group;
    submit_response(c, row->id, response_of(1, row->group, row->background, {{"all", ""}}), "2024-09-11");
  });
  db.read([&](Connection& c) {
    CHECK(status_counts_by_group(c, 1)[group][InviteeStatus::kCompleted] == before["group:" + group]["completed"] + 1);
    CHECK(status_counts_by_group(c, 1)[group][InviteeStatus::kPartial] == before["group:" + group]["partial"] - 1);
    return 0;
  });
}

TEST_CASE("the journal is empty once a submission is acknowledged, and secure_delete is on", "[sqlite]") {
  TestDatabase dir;
  const std::string path = dir.target();
  Database db(path);
  std::int64_t wave = 0, id = 0;
  db.write([&](Connection& c) {
    put_survey(c, {"s", 1, "{}"});
    wave = *create_wave(c, {0, "s", 1, "2024", std::nullopt, std::nullopt});
    insert_invitee(c, wave, invitee("r0", "dagpenge", "{}"));
    id = find_invitee_by_reference(c, wave, "r0")->id;
  });
  for (int page = 1; page <= 3; ++page) {
    db.write([&](Connection& c) { save_draft(c, id, {R"({"q":"a"})", page}); });
  }
  CHECK(wal_text(path).find(R"({"q":"a"})") != std::string::npos);  // drafts alone stay, as they may
  CHECK(shm_indexed_pages(path) > 1);
  auto before = db.writer_stats();
  db.write([&](Connection& c) {
    submit_response(c, id, response_of(wave, "dagpenge", "{}", {{"all", ""}}), "2024-09-10");
  });
  // write() returned: the caller's acknowledgement may go out now. The -wal holds one
  // frame, the meaningless pad page, and the -shm indexes that page only.
  CHECK(wal_size(path) == static_cast<std::uintmax_t>(32 + 24 + page_size(db)));
  CHECK(wal_text(path).find(R"({"q":"a"})") == std::string::npos);
  CHECK(shm_indexed_pages(path) == 1);
  CHECK(db.writer_stats().journal_truncations == before.journal_truncations + 1);
  db.read([&](Connection& c) {
    CHECK(scalar(c, "PRAGMA secure_delete") == 1);
    return 0;
  });
}

TEST_CASE("without forgetting (the benchmark's baseline) the journal keeps the submission", "[sqlite]") {
  TestDatabase dir;
  const std::string path = dir.target();
  Database db(path, Database::Options{false});
  std::int64_t wave = 0;
  db.write([&](Connection& c) {
    put_survey(c, {"s", 1, "{}"});
    wave = *create_wave(c, {0, "s", 1, "2024", std::nullopt, std::nullopt});
    insert_invitee(c, wave, invitee("r0", "dagpenge", "{}"));
    auto id = find_invitee_by_reference(c, wave, "r0")->id;
    submit_response(c, id, response_of(wave, "dagpenge", "{}", {{"all", ""}}), "2024-09-10");
  });
  CHECK(wal_size(path) > 0);
}
