#include "intake/reports/wave_data.h"

#include "db/response_store.h"
#include "intake/dates.h"
#include "intake/survey/fieldwork.h"

namespace tilfreds::intake::reports {

bool wave_is_open(const db::WaveRow& wave, const std::string& today) {
  return !wave.imported && survey::wave_state(wave, today) != survey::WaveState::kClosed;
}

std::vector<WaveData> load_waves(db::Database& db, const ReportRequest& request) {
  // The total report is published beside the benefit-group reports.
  const std::string dim = request.group ? request.group->dim : "group";
  const std::optional<std::string> value =
      request.group ? std::optional<std::string>(request.group->value) : std::nullopt;
  const std::string today = today_iso();
  std::vector<WaveData> out;
  for (const auto& wave : request.waves) {
    WaveData w;
    w.wave = wave;
    w.open = wave_is_open(wave, today);
    w.questionnaire = survey::questionnaire_for(db, wave);
    w.totals = survey::wave_totals(db, wave);
    db.read([&](db::Connection& c) {
      for (const auto& row : db::answer_counts(c, wave.id, "all")) {
        w.all_counts[row.question_id][row.answer] += row.n;
      }
      for (const auto& [v, n] : db::respondent_counts(c, wave.id, "all")) w.all_respondents += n;
      for (const auto& row : db::answer_counts(c, wave.id, dim)) {
        w.counts_by_value[row.dim_value][row.question_id][row.answer] += row.n;
      }
      for (const auto& [v, n] : db::respondent_counts(c, wave.id, dim)) w.respondents_by_value[v] += n;
      return 0;
    });
    w.view = value;
    if (value) {
      auto it = w.counts_by_value.find(*value);
      if (it != w.counts_by_value.end()) w.counts = it->second;
      auto r = w.respondents_by_value.find(*value);
      if (r != w.respondents_by_value.end()) w.respondents = r->second;
    } else {
      w.counts = w.all_counts;
      w.respondents = w.all_respondents;
    }
    out.push_back(std::move(w));
  }
  return out;
}

}  // namespace tilfreds::intake::reports
