#include "intake/reports/wave_data.h"

#include "db/response_store.h"
#include "intake/survey/fieldwork.h"

namespace tilfreds::intake::reports {

std::vector<WaveData> load_waves(db::Database& db, const ReportRequest& request) {
  const std::string dim = request.group ? request.group->dim : "all";
  const std::string value = request.group ? request.group->value : "";
  std::vector<WaveData> out;
  for (const auto& wave : request.waves) {
    WaveData w;
    w.wave = wave;
    w.of_group = request.group.has_value();
    w.questionnaire = survey::questionnaire_for(db, wave);
    w.totals = survey::wave_totals(db, wave);
    db.read([&](db::Connection& c) {
      for (const auto& row : db::answer_counts(c, wave.id, dim)) {
        if (row.dim_value == value) w.counts[row.question_id][row.answer] += row.n;
      }
      for (const auto& [v, n] : db::respondent_counts(c, wave.id, dim)) {
        if (v == value) w.respondents += n;
      }
      return 0;
    });
    out.push_back(std::move(w));
  }
  return out;
}

bool too_few(const WaveData& w, std::int64_t threshold) {
  return w.respondents < threshold && (w.respondents > 0 || w.of_group);
}

}  // namespace tilfreds::intake::reports
