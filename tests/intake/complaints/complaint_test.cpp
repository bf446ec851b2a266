// Parsing complaint forms: each bad field gives its own problem; deadlines,
// receipts and the audit-safe list of changed fields.
#include "intake/complaints/complaint.h"

#include <catch2/catch.hpp>
#include <set>

#include "intake/complaints/form_stamp.h"

using namespace tilfreds::intake::complaints;
namespace db = tilfreds::db;

namespace {
std::vector<db::OfferRow> offers() { return {db::OfferRow{7, "Praktik Nord", 1, "Jobværkstedet", false, "", true}}; }

Fields staff_form() {
  return {{"modtaget", "2026-03-02"}, {"kanal", "phone"}, {"tilbud", "7"}, {"enhed", ""},
          {"ydelse", "kontanthjaelp"}, {"tekst", "Klage"}, {"navn", ""}, {"kontakt", ""}};
}

std::string first_problem(const tilfreds::intake::Result<db::ComplaintState>& r) {
  return r.problems.empty() ? "" : r.problems[0].where + ":" + r.problems[0].message;
}
}  // namespace

TEST_CASE("a staff registration gets status received and the deadline received + handling days") {
  auto r = parse_new_complaint(staff_form(), offers(), {"2026-03-10", 28, true});
  REQUIRE(r.ok());
  CHECK(r.value->deadline == "2026-03-30");
  CHECK(r.value->status == "received");
  CHECK(r.value->offer_id == 7);
  CHECK_FALSE(r.value->citizen_name);
  CHECK(add_days("2024-02-28", 2) == "2024-03-01");
  CHECK(days_between("2025-12-31", "2026-01-28") == 28);
}

TEST_CASE("each bad field of a complaint form is named with its problem") {
  IntakeRules rules{"2026-03-10", 28, true};
  auto with = [&](const std::string& name, const std::string& value) {
    Fields f = staff_form();
    f.erase(name);
    f.emplace(name, value);
    return first_problem(parse_new_complaint(f, offers(), rules));
  };
  CHECK(with("modtaget", "2026-03-11") == "modtaget:complaint_error_future");
  CHECK(with("modtaget", "2026-02-30") == "modtaget:complaint_error_date");
  CHECK(with("kanal", "fax") == "kanal:complaint_error_channel");
  CHECK(with("tilbud", "8") == "tilbud:complaint_error_offer");
  CHECK(with("tilbud", "7 OR 1=1") == "tilbud:complaint_error_offer");
  CHECK(with("ydelse", "pension") == "ydelse:complaint_error_group");
  CHECK(with("tekst", " ") == "tekst:complaint_error_text_missing");
  CHECK(with("tekst", std::string(10001, 'a')) == "tekst:complaint_error_text_long");
  // 10,000 code points of a two-byte letter are within the cap.
  std::string ae;
  for (int i = 0; i < 10000; ++i) ae += "æ";
  CHECK(with("tekst", ae).empty());
  CHECK(with("navn", std::string(201, 'n')) == "navn:complaint_error_short_long");
  Fields twice = staff_form();
  twice.emplace("tekst", "again");
  CHECK(first_problem(parse_new_complaint(twice, offers(), rules)) == "tekst:complaint_error_repeated");
}

TEST_CASE("an edit validates the handling fields and moves the deadline with the received date") {
  auto created = parse_new_complaint(staff_form(), offers(), {"2026-03-10", 28, true});
  Fields f = staff_form();
  f.erase("modtaget");
  f.emplace("modtaget", "2026-03-01");
  f.emplace("kategori", "formalitet");
  f.emplace("kategori", "realitet");
  f.emplace("status", "decided");
  f.emplace("udfald", "partly_upheld");
  f.emplace("afgjort", "2026-03-09");
  f.emplace("videresendt", "ankestyrelsen");
  auto edited = parse_edit(f, *created.value, offers(), {3}, {"2026-03-10", 28, true});
  REQUIRE(edited.ok());
  CHECK(edited.value->categories == "realitet,formalitet");
  CHECK(edited.value->deadline == "2026-03-29");
  auto changed = changed_fields(*created.value, *edited.value);
  CHECK(std::set<std::string>(changed.begin(), changed.end()) ==
        std::set<std::string>{"received_on", "categories", "status", "deadline", "outcome", "decided_on",
                              "forwarded_to"});
  f.erase("udfald");
  CHECK(first_problem(parse_edit(f, *created.value, offers(), {3}, {"2026-03-10", 28, true})) ==
        "udfald:complaint_error_outcome_missing");
  f.emplace("udfald", "upheld");
  f.emplace("sagsbehandler", "4");
  CHECK(first_problem(parse_edit(f, *created.value, offers(), {3}, {"2026-03-10", 28, true})) ==
        "sagsbehandler:complaint_error_assignee");
}

TEST_CASE("receipts are random and unguessable in shape") {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(new_receipt());
  CHECK(seen.size() == 1000);
  CHECK(seen.begin()->size() == 21);
}

TEST_CASE("a form stamp proves its age and cannot be forged or reused with another key") {
  FormStamp stamp(std::string(32, 'k'));
  std::string s = stamp.issue(1000);
  CHECK(stamp.check(s, 1001, 5, 3600) == StampCheck::kTooFast);
  CHECK(stamp.check(s, 1010, 5, 3600) == StampCheck::kOk);
  CHECK(stamp.check(s, 5000, 5, 3600) == StampCheck::kTooOld);
  CHECK(stamp.check("900." + s.substr(5), 1010, 5, 3600) == StampCheck::kInvalid);
  CHECK(FormStamp(std::string(32, 'x')).check(s, 1010, 5, 3600) == StampCheck::kInvalid);
  CHECK(stamp.check("", 1010, 5, 3600) == StampCheck::kInvalid);
}
