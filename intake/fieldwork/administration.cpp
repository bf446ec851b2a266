#include "intake/fieldwork/administration.h"

#include <algorithm>
#include <ctime>
#include <nlohmann/json.hpp>
#include <set>

#include "db/audit_store.h"
#include "db/fieldwork_store.h"
#include "intake/csv.h"
#include "intake/dates.h"
#include "intake/survey/submission.h"
#include "intake/text.h"
#include "intake/web/http.h"

namespace tilfreds::intake::fieldwork {

namespace {
void audit(db::Connection& c, const Actor& actor, const char* action, const char* entity,
           const std::string& entity_id, const nlohmann::json& detail, const std::string& subject = "") {
  db::record_audit(c, db::AuditEvent{actor.id, actor.name, action, entity, entity_id, subject, detail.dump()});
}

nlohmann::json date_json(const std::optional<std::string>& d) { return d ? nlohmann::json(*d) : nlohmann::json(); }

std::optional<std::string> day_before(const std::string& iso) {
  std::tm tm{};
  tm.tm_year = std::stoi(iso.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(iso.substr(5, 2)) - 1;
  tm.tm_mday = std::stoi(iso.substr(8, 2)) - 1;
  tm.tm_hour = 12;  // away from any daylight-saving edge
  std::mktime(&tm);
  char buf[11];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return std::string(buf);
}
}  // namespace

Result<survey::ImportedSurvey> upload_questionnaire(db::Database& db, const Actor& actor,
                                                    const std::string& json_text) {
  return survey::import_survey(db, json_text, [&](db::Connection& c, const survey::ImportedSurvey& s) {
    audit(c, actor, "import", "questionnaire", s.id, {{"version", s.version}});
  });
}

Result<db::WaveRow> create_wave(db::Database& db, const Actor& actor, const std::string& survey_id,
                                std::optional<std::int64_t> version, const std::string& label,
                                const std::optional<std::string>& opens,
                                const std::optional<std::string>& closes) {
  return survey::create_wave(db, survey_id, label, opens, closes, version,
                             [&](db::Connection& c, const db::WaveRow& w) {
                               audit(c, actor, "create", "wave", std::to_string(w.id),
                                     {{"survey", w.survey_id}, {"version", w.survey_version},
                                      {"label", w.label}, {"opens", date_json(w.opens)},
                                      {"closes", date_json(w.closes)}});
                             });
}

Problems change_wave_dates(db::Database& db, const Actor& actor, const db::WaveRow& wave,
                           const std::optional<std::string>& opens, const std::optional<std::string>& closes,
                           const std::string& today) {
  Problems problems;
  if (wave.imported) problems.push_back({"wave", "an earlier year imported as counts has no fieldwork to change"});
  if (survey::wave_state(wave, today) != survey::WaveState::kNotYetOpen) {
    problems.push_back({"opens", "the wave has opened: its letters carry the dates; you can only close it early"});
  }
  if (opens && !is_iso_date(*opens)) problems.push_back({"opens", "must be a date like 2024-09-01"});
  if (closes && !is_iso_date(*closes)) problems.push_back({"closes", "must be a date like 2024-09-30"});
  if (problems.empty() && opens && closes && *closes < *opens) problems.push_back({"closes", "is before the first day"});
  if (problems.empty() && closes && *closes < today) problems.push_back({"closes", "is in the past"});
  if (!problems.empty()) return problems;
  db.write([&](db::Connection& c) {
    db::update_wave_dates(c, wave.id, opens, closes);
    audit(c, actor, "dates", "wave", std::to_string(wave.id),
          {{"label", wave.label}, {"before", {{"opens", date_json(wave.opens)}, {"closes", date_json(wave.closes)}}},
           {"after", {{"opens", date_json(opens)}, {"closes", date_json(closes)}}}});
  });
  return {};
}

Problems close_wave_early(db::Database& db, const survey::TokenKey& key, const Actor& actor,
                          const db::WaveRow& wave, const std::string& today) {
  if (wave.imported || survey::wave_state(wave, today) != survey::WaveState::kOpen) {
    return {{"wave", "only an open wave can be closed"}};
  }
  auto last_day = day_before(today);
  // Opened today and closed at once: its first and last day is yesterday, which is
  // before today, so it is closed (the method note shows no fieldwork days).
  std::optional<std::string> opens = wave.opens && *wave.opens > *last_day ? last_day : wave.opens;
  db.write([&](db::Connection& c) {
    db::update_wave_dates(c, wave.id, opens, last_day);
    audit(c, actor, "close", "wave", std::to_string(wave.id),
          {{"label", wave.label}, {"before", {{"closes", date_json(wave.closes)}}}, {"after", {{"closes", *last_day}}}});
  });
  try {
    survey::mix_waiting(db, key, survey::mix_policy_for(db), wave.id, true);
  } catch (const std::exception& e) {
    // The wave is closed either way; the server's periodic mix tries again.
    web::log_line("closing wave " + std::to_string(wave.id) + ": mixing its waiting submissions failed: " + e.what());
  }
  return {};
}

Result<std::int64_t> mix_closed_wave(db::Database& db, const survey::TokenKey& key, const db::WaveRow& wave,
                                     const std::string& today) {
  if (survey::wave_state(wave, today) != survey::WaveState::kClosed) {
    return Result<std::int64_t>::failure(
        "wave", "the wave is not closed: close it first (its last submissions are kept back until then)");
  }
  return {survey::mix_waiting(db, key, survey::mix_policy_for(db), wave.id, true), {}};
}

survey::FrameImport import_frame(db::Database& db, const survey::TokenKey& key, const Actor& actor,
                                 const db::WaveRow& wave,
                                 const std::string& csv_text, const std::string& base_url, bool allow_errors,
                                 std::function<void(std::size_t, std::size_t)> progress) {
  survey::FrameHooks hooks;
  hooks.progress = std::move(progress);
  hooks.in_transaction = [&](db::Connection& c, std::size_t imported) {
    audit(c, actor, "import_frame", "wave", std::to_string(wave.id),
          {{"label", wave.label}, {"invitees", imported}});
  };
  return survey::import_frame(db, key, wave, csv_text, base_url, allow_errors, hooks);
}

Result<std::vector<std::string>> references_csv(const std::string& csv_text) {
  CsvTable table = parse_csv(csv_text);
  auto col = column_index(table.header, "reference");
  Problems problems = table.problems;
  if (!col) problems.push_back({"header", "needs a column named 'reference'"});
  if (!problems.empty()) return {std::nullopt, problems};
  std::vector<std::string> refs;
  for (const auto& row : table.rows) {
    if (*col < row.fields.size() && !trim(row.fields[*col]).empty()) refs.push_back(trim(row.fields[*col]));
  }
  if (refs.empty()) return Result<std::vector<std::string>>::failure("file", "has no references below the header");
  return {refs, {}};
}

db::MarkResult mark_invitees(db::Database& db, const Actor& actor, const db::WaveRow& wave,
                             const std::vector<std::string>& references, db::InviteeStatus status) {
  db::MarkResult result;
  db.write([&](db::Connection& c) {
    result = db::mark_invitees(c, wave.id, references, status);
    std::set<std::string> skipped(result.unknown.begin(), result.unknown.end());
    skipped.insert(result.completed.begin(), result.completed.end());
    std::set<std::string> done;
    for (const auto& r : references) {
      if (skipped.count(r) || !done.insert(r).second) continue;
      audit(c, actor, "mark", "invitee", std::to_string(wave.id),
            {{"wave", wave.label}, {"status", db::status_name(status)}}, r);
    }
  });
  return result;
}

Result<survey::CountsImport> import_counts(db::Database& db, const Actor& actor,
                                           const survey::CountsImportRequest& request) {
  return survey::import_counts(db, request, [&](db::Connection& c, std::size_t cells) {
    audit(c, actor, request.replace ? "replace_counts" : "import_counts", "wave", request.label,
          {{"survey", request.survey_id}, {"label", request.label}, {"counts", cells}});
  });
}

}  // namespace tilfreds::intake::fieldwork
