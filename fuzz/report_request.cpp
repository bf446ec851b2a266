// Report parameters as the web form and the command line pass them (kind, survey,
// waves, group, format, language, case-review area, periods: one per line) → reports::parse_report_request on
// a database with the shipped questionnaire and three waves, then, when accepted,
// build_report and every renderer. Invariants: an accepted request names only
// existing waves of its survey, each once; building and rendering never throw.
#include <filesystem>
#include <set>
#include <unistd.h>

#include "fuzz/fuzz_input.h"
#include "intake/reports/build_report.h"
#include "intake/reports/render.h"
#include "intake/survey/demo_data.h"
#include "intake/survey/fieldwork.h"

namespace {
using namespace tilfreds::intake;
using tilfreds::fuzz::expect;

struct Fixture {
  std::string path = (std::filesystem::temp_directory_path() /
                      ("tilfreds-fuzz-report-" + std::to_string(getpid()) + ".db")).string();
  tilfreds::db::Database db{path};
  web::Renderer renderer;
  Fixture() {
    survey::import_survey(db, survey::shipped_survey("jobcenter.json"));
    for (const char* label : {"2022", "2023", "2024"}) survey::create_wave(db, "jobcenter", label, {}, {});
  }
  ~Fixture() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 4096) return 0;
  std::string text = tilfreds::fuzz::as_string(data, size);
  std::vector<std::string> parts;
  std::size_t pos = 0;
  // One line a field of ReportArgs, in its order (the case review's area and periods last).
  constexpr std::size_t kFields = 8;
  while (parts.size() < kFields) {
    std::size_t end = text.find('\n', pos);
    parts.push_back(text.substr(std::min(pos, text.size()), end == std::string::npos ? std::string::npos : end - pos));
    if (end == std::string::npos) break;
    pos = end + 1;
  }
  parts.resize(kFields);
  reports::ReportArgs args{parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], parts[6], parts[7]};
  auto& f = fixture();
  auto request = reports::parse_report_request(f.db, args);
  expect(request.ok() != !request.problems.empty(), "a request both accepted and refused, or neither");
  if (!request.ok()) return 0;
  std::set<std::string> labels;
  for (const auto& w : request.value->waves) {
    expect(w.survey_id == request.value->survey, "a wave of another survey");
    expect(labels.insert(w.label).second, "a wave twice");
  }
  expect(!labels.empty(), "a report without waves");
  auto document = reports::build_report(f.db, *request.value, f.renderer);
  if (!document.ok()) return 0;
  for (auto format : {reports::Format::kHtml, reports::Format::kCsv, reports::Format::kXlsx, reports::Format::kJson}) {
    expect(!reports::render(*document.value, format, f.renderer).bytes.empty(), "an empty rendering");
  }
  return 0;
}
