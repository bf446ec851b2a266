#include "intake/fieldwork/progress.h"

#include "db/response_store.h"
#include "stats/response_rate.h"

namespace tilfreds::intake::fieldwork {

namespace {
ProgressRow row_of(const std::string& group, const std::map<db::InviteeStatus, std::int64_t>& counts) {
  using S = db::InviteeStatus;
  ProgressRow row{group, counts, 0, std::nullopt, std::nullopt};
  for (const auto& [status, n] : counts) row.in_frame += n;
  auto at = [&](S s) { auto it = counts.find(s); return it == counts.end() ? 0 : it->second; };
  // AAPOR dispositions (stats/response_rate.h): a letter that came back is of
  // unknown eligibility; opened without answering is an eligible non-respondent.
  stats::Disposition d{row.in_frame, at(S::kIneligible), at(S::kUndeliverable), at(S::kPartial),
                       at(S::kCompleted)};
  auto rates = stats::response_rates(d);
  row.rr1 = rates.rr1;
  row.rr2 = rates.rr2;
  return row;
}

nlohmann::json row_json(const ProgressRow& r) {
  nlohmann::json j;
  for (const auto& [s, n] : r.counts) j[db::status_name(s)] = n;
  j["in_frame"] = r.in_frame;
  j["rr1"] = r.rr1 ? nlohmann::json(*r.rr1) : nlohmann::json();
  j["rr2"] = r.rr2 ? nlohmann::json(*r.rr2) : nlohmann::json();
  return j;
}
}  // namespace

const char* state_name(survey::WaveState state) {
  switch (state) {
    case survey::WaveState::kNotYetOpen: return "not_yet_open";
    case survey::WaveState::kOpen: return "open";
    case survey::WaveState::kClosed: return "closed";
  }
  return "open";
}

WaveProgress wave_progress(db::Database& db, const db::WaveRow& wave, const std::string& today) {
  WaveProgress p;
  p.wave = wave;
  p.state = survey::wave_state(wave, today);
  db.read([&](db::Connection& c) {
    p.total = row_of("", db::status_counts(c, wave.id));
    for (const auto& [group, counts] : db::status_counts_by_group(c, wave.id)) {
      p.groups.push_back(row_of(group, counts));
    }
    p.per_day = db::completions_per_day(c, wave.id);
    p.reminders = db::reminder_rounds(c, wave.id);
    for (const auto& [waiting_wave, n] : db::waiting_per_wave(c)) {
      if (waiting_wave == wave.id) p.waiting_to_mix = n;
    }
  });
  return p;
}

nlohmann::json progress_json(const WaveProgress& p, bool by_group) {
  nlohmann::json j = row_json(p.total);
  j["wave"] = p.wave.label;
  j["survey"] = p.wave.survey_id;
  j["state"] = state_name(p.state);
  j["per_day"] = nlohmann::json::array();
  for (const auto& d : p.per_day) j["per_day"].push_back({{"day", d.day}, {"completed", d.completed}});
  j["waiting_to_mix"] = p.waiting_to_mix;
  j["reminders"] = nlohmann::json::array();
  for (const auto& r : p.reminders) j["reminders"].push_back({{"sent_on", r.sent_on}, {"letters", r.letters}});
  if (by_group) {
    j["groups"] = nlohmann::json::object();
    for (const auto& g : p.groups) j["groups"][g.group] = row_json(g);
  }
  return j;
}

}  // namespace tilfreds::intake::fieldwork
