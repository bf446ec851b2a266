#include "intake/reports/report_request.h"

#include <algorithm>
#include <array>
#include <sstream>

#include "db/response_store.h"
#include "intake/review/review_data.h"
#include "intake/survey/fieldwork.h"
#include "intake/text.h"

namespace tilfreds::intake::reports {

namespace {
constexpr std::array kKinds = {std::pair{ReportKind::kComparison, "comparison"},
                               std::pair{ReportKind::kTotal, "total"},
                               std::pair{ReportKind::kGroup, "group"},
                               std::pair{ReportKind::kRates, "rates"},
                               std::pair{ReportKind::kComments, "comments"},
                               std::pair{ReportKind::kCommittee, "committee"},
                               std::pair{ReportKind::kReview, "review"},
                               std::pair{ReportKind::kActions, "actions"},
                               std::pair{ReportKind::kReviewOverview, "review-overview"}};
constexpr std::array kFormats = {std::pair{Format::kHtml, "html"}, std::pair{Format::kCsv, "csv"},
                                 std::pair{Format::kXlsx, "xlsx"}, std::pair{Format::kJson, "json"},
                                 std::pair{Format::kPdf, "pdf"}, std::pair{Format::kText, "txt"}};

template <typename E, std::size_t N>
std::optional<E> lookup(const std::array<std::pair<E, const char*>, N>& table, const std::string& s) {
  for (const auto& [value, name] : table) {
    if (s == name) return value;
  }
  return std::nullopt;
}

template <typename E, std::size_t N>
std::string name_of(const std::array<std::pair<E, const char*>, N>& table, E e) {
  for (const auto& [value, name] : table) {
    if (value == e) return name;
  }
  return "";
}

// A background column is known when some wave has counted respondents in it; a
// benefit group when the questionnaire lists it (a group may have no answers yet).
// Any value of a known column is accepted, whether anyone has it or not: refusing a
// value nobody has while answering for a value one person has would tell whether a
// named person took part (issue 10 §4). The report suppresses every figure of a
// group under the threshold, down to a group of none.
void check_group(db::Database& db, const ReportRequest& r, Problems& problems) {
  const GroupFilter& g = *r.group;
  if (g.dim.empty() || g.value.empty()) {
    problems.push_back({"--group", "write a benefit group, e.g. dagpenge, or COLUMN=VALUE"});
    return;
  }
  if (g.value.size() > 200 || !is_valid_utf8(g.value)) {
    problems.push_back({"--group", "a background value has at most 200 characters of readable text"});
    return;
  }
  if (g.dim == "group") {
    for (const auto& w : r.waves) {
      if (survey::questionnaire_for(db, w).has_group(g.value)) return;
    }
    problems.push_back({"--group", "there is no benefit group '" + g.value + "'"});
    return;
  }
  for (const auto& w : r.waves) {
    auto values = db.read([&](db::Connection& c) { return db::respondent_counts(c, w.id, g.dim); });
    if (!values.empty()) return;
  }
  problems.push_back({"--group", "there is no background column '" + g.dim + "'"});
}
}  // namespace

std::vector<std::string> split_labels(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string part;
  while (std::getline(ss, part, ',')) {
    part = trim(part);
    if (!part.empty()) out.push_back(part);
  }
  return out;
}

std::string kind_name(ReportKind kind) { return name_of(kKinds, kind); }
std::string format_name(Format format) { return name_of(kFormats, format); }

std::optional<Format> parse_format(const std::string& name) { return lookup(kFormats, name); }

std::optional<ReportKind> parse_kind(const std::string& name) { return lookup(kKinds, name); }

bool is_review_kind(ReportKind kind) {
  return kind == ReportKind::kReview || kind == ReportKind::kActions || kind == ReportKind::kReviewOverview;
}

Result<ReportRequest> parse_report_request(db::Database& db, const ReportArgs& args) {
  ReportRequest r;
  Problems problems;
  if (auto k = lookup(kKinds, args.kind)) {
    r.kind = *k;
  } else {
    problems.push_back({"KIND", "unknown report '" + args.kind +
                                    "': use comparison, total, group, rates, comments, committee, review, actions or "
                                    "review-overview"});
  }
  if (auto f = lookup(kFormats, args.format)) {
    r.format = *f;
  } else {
    problems.push_back({"--format", "unknown format '" + args.format + "': use html, pdf, txt, csv, xlsx or json"});
  }
  if (args.lang == "da" || args.lang == "en") {
    r.lang = args.lang;
  } else {
    problems.push_back({"--lang", "unknown language '" + args.lang + "': use da or en"});
  }
  if (problems.empty() && is_review_kind(r.kind)) {
    if (!trim(args.survey).empty() || !trim(args.waves).empty()) {
      problems.push_back({"--survey", "a case-review report takes --area and --periods, not --survey and --waves"});
    }
    for (auto& p : review::check_review_request(db, args, r)) problems.push_back(std::move(p));
    if (!problems.empty()) return {std::nullopt, problems};
    return {r, {}};
  }
  r.survey = trim(args.survey);
  auto survey = db.read([&](db::Connection& c) { return db::latest_survey(c, r.survey); });
  if (!survey) {
    problems.push_back({"--survey", "there is no questionnaire '" + r.survey + "'"});
    return {std::nullopt, problems};
  }
  std::vector<std::string> labels = split_labels(args.waves);
  if (labels.empty()) problems.push_back({"--waves", "name at least one wave, e.g. 2022,2023,2024"});
  for (const auto& label : labels) {
    if (std::count(labels.begin(), labels.end(), label) > 1 &&
        std::none_of(r.waves.begin(), r.waves.end(), [&](const auto& w) { return w.label == label; })) {
      problems.push_back({"--waves", "wave '" + label + "' is named twice"});
    }
    auto wave = survey::find_wave(db, label, r.survey);
    if (!wave.ok()) {
      problems.push_back({"--waves", "there is no wave '" + label + "' of " + r.survey});
    } else if (std::none_of(r.waves.begin(), r.waves.end(),
                            [&](const auto& w) { return w.id == wave.value->id; })) {
      r.waves.push_back(*wave.value);
    }
  }
  std::string group = trim(args.group);
  if (!group.empty()) {
    auto eq = group.find('=');
    r.group = eq == std::string::npos ? GroupFilter{"group", group}
                                      : GroupFilter{trim(group.substr(0, eq)), trim(group.substr(eq + 1))};
    if (r.kind == ReportKind::kComments) {
      problems.push_back({"--group", "comments are listed for the whole wave, without groups"});
    } else if (!r.waves.empty()) {
      check_group(db, r, problems);
    }
  } else if (r.kind == ReportKind::kGroup) {
    problems.push_back({"--group", "a group report needs --group, e.g. --group dagpenge"});
  }
  if (r.format == Format::kText && r.kind != ReportKind::kCommittee) {
    problems.push_back({"--format", "txt is the committee text only; use html, pdf, csv, xlsx or json"});
  }
  if (!problems.empty()) return {std::nullopt, problems};
  return {r, {}};
}

}  // namespace tilfreds::intake::reports
