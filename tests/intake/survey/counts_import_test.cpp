// Earlier years imported as aggregates: validated line by line against the
// questionnaire, all or nothing, landing in the same counts the reports read.
#include "intake/survey/counts_import.h"

#include <catch2/catch.hpp>

#include "db/response_store.h"
#include "intake/survey/demo_data.h"
#include "intake/survey/fieldwork.h"
#include "intake/survey/wave_totals.h"
#include "tests/support/temp_dir.h"

using namespace tilfreds;
using namespace tilfreds::intake::survey;

namespace {
struct Fixture {
  testing::TempDir dir;
  db::Database db{dir.file("t.db")};
  Fixture() { REQUIRE(import_survey(db, shipped_survey("jobcenter.json")).ok()); }

  CountsImportRequest request(std::string counts) const {
    CountsImportRequest r;
    r.survey_id = "jobcenter";
    r.label = "2022";
    r.counts_csv = std::move(counts);
    r.totals = db::ImportedDisposition{"", 2415, 160, 40, 495};
    return r;
  }
  std::int64_t count(const std::string& wave, const std::string& dim, const std::string& value,
                     const std::string& question, const std::string& answer) {
    auto w = find_wave(db, wave, "jobcenter");
    REQUIRE(w.ok());
    for (const auto& row : db.read([&](db::Connection& c) { return db::answer_counts(c, w.value->id, dim); })) {
      if (row.dim_value == value && row.question_id == question && row.answer == answer) return row.n;
    }
    return -1;
  }
  bool has_wave(const std::string& label) { return find_wave(db, label, "jobcenter").ok(); }
};

bool mentions(const intake::Problems& problems, const std::string& where, const std::string& words) {
  for (const auto& p : problems) {
    if (p.where == where && p.message.find(words) != std::string::npos) return true;
  }
  return false;
}
}  // namespace

TEST_CASE("Counts import by Danish label, English label or option id into the counts tables") {
  Fixture f;
  auto r = import_counts(f.db, f.request(
      "\xEF\xBB\xBFquestion;answer;count\r\n"
      "tilfreds_alt_i_alt;I høj grad;243\r\n"
      "tilfreds_alt_i_alt;to some degree;134\r\n"
      "tilfreds_alt_i_alt;i_mindre_grad;74\r\n"
      "tilfreds_alt_i_alt;Slet ikke;40\r\n"
      "indsats_deltaget;Ja;200\r\n"));
  REQUIRE(r.ok());
  CHECK(r.value->cells == 5);
  CHECK(r.value->questions == 2);
  CHECK(r.value->wave.imported);
  CHECK(f.count("2022", "all", "", "tilfreds_alt_i_alt", "i_hoej_grad") == 243);
  CHECK(f.count("2022", "all", "", "tilfreds_alt_i_alt", "i_nogen_grad") == 134);
  CHECK(f.count("2022", "all", "", "indsats_deltaget", "ja") == 200);

  auto totals = wave_totals(f.db, r.value->wave);
  CHECK(totals.imported);
  CHECK(totals.total.invited == 2415);
  CHECK(totals.total.ineligible == 160);
  CHECK(totals.total.unknown == 40);
  CHECK(totals.total.completed == 495);
  auto respondents = f.db.read([&](db::Connection& c) {
    return db::respondent_counts(c, r.value->wave.id, "all");
  });
  REQUIRE(respondents.size() == 1);
  CHECK(respondents[0].second == 495);
}

TEST_CASE("Counts per group add up to the whole wave and totals per group come from a file") {
  Fixture f;
  auto req = f.request(
      "group;question;answer;count\n"
      "sygedagpenge;tilfreds_alt_i_alt;I høj grad;30\n"
      "Dagpenge;tilfreds_alt_i_alt;I høj grad;12\n"
      "dagpenge;tilfreds_alt_i_alt;Slet ikke;3\n");
  req.totals.reset();
  req.totals_csv = "group;invited;answered;ineligible\nsygedagpenge;300;80;10\ndagpenge;200;40;\n";
  auto r = import_counts(f.db, req);
  REQUIRE(r.ok());
  CHECK(f.count("2022", "group", "sygedagpenge", "tilfreds_alt_i_alt", "i_hoej_grad") == 30);
  CHECK(f.count("2022", "group", "dagpenge", "tilfreds_alt_i_alt", "i_hoej_grad") == 12);
  CHECK(f.count("2022", "all", "", "tilfreds_alt_i_alt", "i_hoej_grad") == 42);
  CHECK(f.count("2022", "all", "", "tilfreds_alt_i_alt", "slet_ikke") == 3);
  auto totals = wave_totals(f.db, r.value->wave);
  CHECK(totals.total.invited == 500);
  CHECK(totals.total.completed == 120);
  CHECK(totals.total.ineligible == 10);
  REQUIRE(totals.by_group.count("dagpenge") == 1);
  CHECK(totals.by_group["dagpenge"].invited == 200);
  CHECK(totals.by_group["sygedagpenge"].completed == 80);
}

TEST_CASE("Every bad line is reported with its line number and nothing is imported") {
  Fixture f;
  auto r = import_counts(f.db, f.request(
      "question;answer;count;group\n"
      "tilfreds_alt_i_alt;I høj grad;243;\n"          // line 2: fine
      "ukendt;I høj grad;1;\n"                        // 3: unknown question
      "tilfreds_alt_i_alt;Meget;1;\n"                 // 4: unknown answer
      "tilfreds_alt_i_alt;Slet ikke;-4;\n"            // 5: negative count
      "tilfreds_alt_i_alt;Slet ikke;1;pensionister\n" // 6: unknown group
      "tilfreds_alt_i_alt;i høj grad;2;\n"            // 7: duplicate of line 2
      "kommentar;Fint;1;\n"                           // 8: free text has no counts
      "tilfreds_alt_i_alt;I nogen grad;1,5;\n"));     // 9: not a whole number
  REQUIRE_FALSE(r.ok());
  CHECK(mentions(r.problems, "counts line 3", "unknown question id 'ukendt'"));
  CHECK(mentions(r.problems, "counts line 4", "not an answer to 'tilfreds_alt_i_alt' (answers: I høj grad"));
  CHECK(mentions(r.problems, "counts line 5", "not a whole number"));
  CHECK(mentions(r.problems, "counts line 6", "unknown group 'pensionister'"));
  CHECK(mentions(r.problems, "counts line 7", "appears twice"));
  CHECK(mentions(r.problems, "counts line 8", "free-text question"));
  CHECK(mentions(r.problems, "counts line 9", "not a whole number"));
  CHECK(r.problems.size() == 7);
  CHECK_FALSE(f.has_wave("2022"));
}

TEST_CASE("Totals must be given and must hold the counts") {
  Fixture f;
  auto no_totals = f.request("question;answer;count\ntilfreds_alt_i_alt;Ja;1\n");
  no_totals.totals.reset();
  auto r = import_counts(f.db, no_totals);
  REQUIRE_FALSE(r.ok());
  CHECK(mentions(r.problems, "totals", "--invited N --answered N"));
  CHECK(mentions(r.problems, "counts line 2", "not an answer"));

  auto too_many = f.request("question;answer;count\ntilfreds_alt_i_alt;I høj grad;400\ntilfreds_alt_i_alt;Slet ikke;200\n");
  r = import_counts(f.db, too_many);
  REQUIRE_FALSE(r.ok());
  CHECK(mentions(r.problems, "totals", "question 'tilfreds_alt_i_alt' has 600 answers, more than the 495 who answered"));

  auto impossible = f.request("question;answer;count\ntilfreds_alt_i_alt;I høj grad;4\n");
  impossible.totals = db::ImportedDisposition{"", 100, 50, 10, 45};
  r = import_counts(f.db, impossible);
  REQUIRE_FALSE(r.ok());
  CHECK(mentions(r.problems, "totals", "exceed invited (100)"));
  CHECK_FALSE(f.has_wave("2022"));
}

TEST_CASE("A second import needs --replace and a fielded wave is never overwritten") {
  Fixture f;
  REQUIRE(import_counts(f.db, f.request("question;answer;count\ntilfreds_alt_i_alt;Slet ikke;40\n")).ok());
  auto again = f.request("question;answer;count\ntilfreds_alt_i_alt;Slet ikke;41\n");
  auto r = import_counts(f.db, again);
  REQUIRE_FALSE(r.ok());
  CHECK(mentions(r.problems, "--wave", "add --replace"));
  CHECK(f.count("2022", "all", "", "tilfreds_alt_i_alt", "slet_ikke") == 40);

  again.replace = true;
  r = import_counts(f.db, again);
  REQUIRE(r.ok());
  CHECK(r.value->replaced);
  CHECK(f.count("2022", "all", "", "tilfreds_alt_i_alt", "slet_ikke") == 41);

  REQUIRE(create_wave(f.db, "jobcenter", "2024", std::nullopt, std::nullopt).ok());
  auto fielded = f.request("question;answer;count\ntilfreds_alt_i_alt;Slet ikke;1\n");
  fielded.label = "2024";
  fielded.replace = true;
  r = import_counts(f.db, fielded);
  REQUIRE_FALSE(r.ok());
  CHECK(mentions(r.problems, "--wave", "fielded in tilfreds"));
  CHECK(f.count("2024", "all", "", "tilfreds_alt_i_alt", "slet_ikke") == -1);
}
