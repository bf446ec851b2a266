// A small fixed survey for the report tests, built in memory (no database): two
// questionnaire versions, so a question can be missing in a wave, and waves whose
// counts are chosen by hand so that the expected percents are known in advance.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "intake/reports/report_request.h"
#include "intake/reports/wave_data.h"
#include "intake/web/render.h"

namespace tilfreds::testing {

// Version 1 has the scale question "q1" and the text question "kommentar";
// version 2 adds the yes/no question "q2". Groups "stor" and "lille".
std::string fixture_questionnaire(int version);

struct FixtureWave {
  std::string label;
  int version = 1;
  std::map<std::string, std::map<std::string, std::int64_t>> counts;
  std::int64_t respondents = 0;
  bool imported = false;
};

intake::reports::WaveData fixture_wave(const FixtureWave& w);

// One renderer (templates and texts) for every report test.
const intake::web::Renderer& report_renderer();

// The request a test passes with in-memory waves: survey "fixture", kind and format as given.
intake::reports::ReportRequest fixture_request(intake::reports::ReportKind kind);

// ---- Reading the formats back, as a reader's program would ----------------

using Rows = std::vector<std::vector<std::string>>;
// The rows (header row first) of <table id="ID">: the text of every th/td, tags
// stripped and entities decoded.
Rows html_table(const std::string& html, const std::string& id);
// The CSV block whose first line is `caption`: the header and data rows up to the
// footnotes. Fields unquoted. Requires CRLF line ends (fails otherwise).
Rows csv_block(const std::string& csv, const std::string& caption);
// Every sheet's cells via tests/intake/reports/xlsx_cells.py (standard-library Python).
std::string xlsx_cells_json(const std::string& xlsx_bytes);
// The standard output of tests/intake/reports/SCRIPT run by /usr/bin/python3 with
// `args` (already quoted for the shell).
std::string run_report_script(const std::string& script, const std::string& args);
// The standard output of a shell command (pdftotext, pdfinfo, …).
std::string command_output(const std::string& command);

}  // namespace tilfreds::testing
