#include "intake/reports/method_note.h"

#include <map>

#include "intake/reports/disclosure.h"

namespace tilfreds::intake::reports {

namespace {
std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}
}  // namespace

std::string preliminary_note(const WaveData& w, const ReportTexts& texts, std::int64_t threshold) {
  if (!w.open) return "";
  const std::string closes = w.wave.closes.value_or(texts.get("report_method_date_unknown"));
  if (respondents_hidden(w, threshold)) return texts.fill("report_preliminary_hidden", {{"closes", closes}});
  return texts.fill("report_preliminary", {{"answered", texts.number(static_cast<double>(w.respondents), 0)},
                                           {"invited", texts.number(static_cast<double>(w.totals.total.invited), 0)},
                                           {"closes", closes}});
}

std::vector<MethodItem> reading_guide(const ReportTexts& texts, const MethodFacts& facts) {
  std::vector<MethodItem> out;
  const std::vector<std::string> parts =
      facts.tables ? std::vector<std::string>{"percent", "interval", "change", "nonresponse", "hidden"}
                   : std::vector<std::string>{"rate", "nonresponse", "hidden"};
  for (const auto& p : parts) {
    out.push_back({texts.get("report_reading_" + p),
                   texts.fill("report_reading_" + p + "_text",
                              {{"threshold", std::to_string(facts.options.suppression_threshold)},
                               {"level", texts.number(facts.options.level * 100, 0)}}),
                   false});
  }
  return out;
}

std::vector<MethodItem> method_note(const std::vector<WaveData>& waves, const ReportRequest& request,
                                    const ReportTexts& texts, const MethodFacts& facts) {
  std::vector<MethodItem> note;
  auto item = [&](const std::string& label_key, std::string text, bool warning = false) {
    note.push_back({texts.get(label_key), std::move(text), warning});
  };

  std::map<std::int64_t, std::vector<std::string>> by_version;
  for (const auto& w : waves) by_version[w.wave.survey_version].push_back(w.wave.label);
  std::vector<std::string> versions;
  for (const auto& [version, labels] : by_version) {
    versions.push_back(texts.fill("report_method_questionnaire_text",
                                  {{"survey", request.survey},
                                   {"version", std::to_string(version)},
                                   {"waves", join(labels, ", ")}}));
  }
  item("report_method_questionnaire", join(versions, "; "));

  std::vector<std::string> fielding, sizes, imported;
  const std::string unknown = texts.get("report_method_date_unknown");
  for (const auto& w : waves) {
    fielding.push_back(texts.fill("report_method_fielding_text",
                                  {{"wave", w.wave.label},
                                   {"opens", w.wave.opens.value_or(unknown)},
                                   {"closes", w.wave.closes.value_or(unknown)}}));
    const bool small = respondents_hidden(w, facts.options.suppression_threshold);
    sizes.push_back(small ? texts.fill("report_method_n_hidden",
                                       {{"wave", w.wave.label},
                                        {"threshold", std::to_string(facts.options.suppression_threshold)}})
                          : texts.fill("report_method_n_text",
                                       {{"wave", w.wave.label}, {"n", std::to_string(w.respondents)}}));
    if (w.totals.imported) imported.push_back(w.wave.label);
  }
  item("report_method_fielding", join(fielding, "; "));
  item("report_method_n", join(sizes, "; "));
  if (request.group) {
    item("report_method_group", texts.fill("report_method_group_text",
                                           {{"dim", request.group->dim}, {"value", request.group->value}}));
  }
  item("report_method_rate", texts.get("report_method_rate_text"));
  item("report_method_suppression",
       texts.fill("report_method_suppression_text",
                  {{"threshold", std::to_string(facts.options.suppression_threshold)},
                   {"minimum", std::to_string(facts.options.representative_minimum)}}));
  if (facts.tables) {
    item("report_method_rounding", texts.get("report_method_rounding_text"));
    item("report_method_tests",
         texts.fill("report_method_tests_text",
                    {{"level", texts.number(facts.options.level * 100, 0)},
                     {"comparisons", std::to_string(facts.comparisons)}}));
  }
  if (!imported.empty()) {
    item("report_method_imported", texts.fill("report_method_imported_text", {{"waves", join(imported, ", ")}}),
         true);
  }
  for (const auto& w : waves) {
    if (!w.open) continue;
    note.push_back({texts.get("report_method_preliminary"),
                    texts.fill("report_method_preliminary_text",
                               {{"wave", w.wave.label},
                                {"note", preliminary_note(w, texts, facts.options.suppression_threshold)}}),
                    true});
  }
  for (const auto& w : facts.warnings) note.push_back(w);
  return note;
}

}  // namespace tilfreds::intake::reports
