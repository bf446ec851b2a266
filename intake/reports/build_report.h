// The one entry point from a parsed request to a format-free Document, shared by
// the command line (`tilfreds report`) and the web form for secretaries.
#pragma once

#include <vector>

#include "db/database.h"
#include "intake/problem.h"
#include "intake/reports/document.h"
#include "intake/reports/report_request.h"
#include "intake/reports/report_texts.h"
#include "intake/reports/wave_data.h"
#include "intake/web/render.h"

namespace tilfreds::intake::reports {

// Returns the report `request` asks for, in its language (texts from `renderer`).
// Problems: a comments report of waves without text questions. Counts are read,
// never responses, except for comments (the free-text answers themselves).
// Throws db::Error on a database fault.
Result<Document> build_report(db::Database& db, const ReportRequest& request,
                              const web::Renderer& renderer);

// The parts, for build_report and tests.
Document comparison_report(const std::vector<WaveData>& waves, const ReportRequest& request,
                           const ReportTexts& texts);
// The total report (no group in the request) or a group's report: response rate,
// headlines, a chart per theme and a table per question.
Document total_report(const std::vector<WaveData>& waves, const ReportRequest& request,
                      const ReportTexts& texts);
Document rates_report(const std::vector<WaveData>& waves, const ReportRequest& request,
                      const ReportTexts& texts);
Result<Document> comments_report(db::Database& db, const std::vector<WaveData>& waves,
                                 const ReportRequest& request, const ReportTexts& texts);

// "jobcenter 2022, 2023, 2024" (and the group): the subtitle every report carries.
std::string report_subtitle(const std::vector<WaveData>& waves, const ReportRequest& request,
                            const ReportTexts& texts);

}  // namespace tilfreds::intake::reports
