// What a secretary asks for, parsed once at the edge (the command line or the web
// form): which report, of which questionnaire and waves, for which group, in which
// format and language. Code behind the edge sees only this typed value.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "db/survey_store.h"
#include "intake/problem.h"

namespace tilfreds::intake::reports {

// kReview, kActions, kReviewOverview: case review (issue 15), by --area and
// --periods instead of --survey and --waves.
enum class ReportKind { kComparison, kTotal, kGroup, kRates, kComments, kCommittee, kReview, kActions, kReviewOverview };
enum class Format { kHtml, kCsv, kXlsx, kJson, kPdf, kText };

// "comparison", "total", "group", "rates", "comments", "committee", "review", "actions",
// "review-overview" / "html", "csv", "xlsx", "json", "pdf", "txt".
std::string kind_name(ReportKind kind);
std::string format_name(Format format);
// The format of a name format_name() gives, or nullopt.
std::optional<Format> parse_format(const std::string& name);

// Respondents with background column `dim` = `value`: dim "group" is the benefit
// group (`--group dagpenge`), any other dim a column of the frame (`--group tilbud=X`).
struct GroupFilter {
  std::string dim;
  std::string value;
};

struct ReportRequest {
  ReportKind kind = ReportKind::kComparison;
  std::string survey;
  std::vector<db::WaveRow> waves;  // as given, oldest first by convention
  std::optional<GroupFilter> group;
  Format format = Format::kHtml;
  std::string lang = "da";
  // Case review: the area and its periods (oldest first); `group` is then a target group.
  std::string area;
  std::vector<std::string> periods;
};

// "2022, 2023,,2024" → {"2022", "2023", "2024"}: a comma-separated list as typed.
std::vector<std::string> split_labels(const std::string& s);

// Whether the kind is a case-review report (area and periods, not survey and waves).
bool is_review_kind(ReportKind kind);
// The kind named `name` ("review-overview" → kReviewOverview), or nullopt.
std::optional<ReportKind> parse_kind(const std::string& name);

// The request as typed: strings from argv or a form.
struct ReportArgs {
  std::string kind;
  std::string survey;
  std::string waves;  // "2022,2023,2024"
  std::string group;  // "", "dagpenge", "tilbud=praktik"
  std::string format;
  std::string lang = "da";
  std::string area;     // case review: "jobcenter"
  std::string periods;  // case review: "2024Q1,2024Q2,2024Q3"
};

// Returns the request, or every problem found: unknown kind, survey, wave (each
// named), group or background column, format or language; a group report without
// --group; a repeated wave; --group with comments (comments carry no background).
// Problems name the option ("--waves", "--group", …) as `where`.
// Throws db::Error on a database fault.
Result<ReportRequest> parse_report_request(db::Database& db, const ReportArgs& args);

}  // namespace tilfreds::intake::reports
