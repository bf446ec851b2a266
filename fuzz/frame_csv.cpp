// The invitation frame as a jobcentre exports it: any bytes → parse_csv →
// parse_frame against the shipped questionnaire. Rows that pass must be usable.
#include <algorithm>
#include <set>

#include "fuzz/fuzz_input.h"
#include "intake/csv.h"
#include "intake/survey/demo_data.h"
#include "intake/survey/frame.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tilfreds::intake;
  using tilfreds::fuzz::expect;
  if (size > 256 * 1024) return 0;
  static const survey::Questionnaire q =
      *survey::parse_questionnaire(survey::shipped_survey("jobcenter.json")).questionnaire;
  std::string text = tilfreds::fuzz::as_string(data, size);

  CsvTable table = parse_csv(text);
  int last_line = 0;
  for (const auto& row : table.rows) {
    expect(row.line > last_line, "rows come in line order");
    last_line = row.line;
  }
  // What we write, we read back: the letters file and exports go through csv_line.
  // Promised for a header of two or more columns, not all blank (all we write); a
  // single column says nothing about the separator, and a blank header is skipped.
  bool named = std::any_of(table.header.begin(), table.header.end(),
                           [](const std::string& h) { return !h.empty(); });
  if (table.header.size() >= 2 && named && table.problems.empty()) {
    std::string again = csv_line(table.header, table.separator);
    for (const auto& row : table.rows) again += csv_line(row.fields, table.separator);
    CsvTable reread = parse_csv(again);
    // Unless it begins with U+FEFF, which a reader rightly takes for the BOM.
    expect(reread.problems.empty() || again.rfind("\xEF\xBB\xBF", 0) == 0,
           "csv_line output parses without problems");
  }

  survey::Frame frame = survey::parse_frame(text, q);
  std::set<std::string> references;
  for (const auto& row : frame.rows) {
    expect(!row.reference.empty(), "an accepted row has a reference");
    expect(q.has_group(row.group), "an accepted row has a known group");
    expect(references.insert(row.reference).second, "accepted references are unique");
  }
  return 0;
}
