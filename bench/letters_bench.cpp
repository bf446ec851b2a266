// The letters of a wave as files (issue 14), the ways an administrator makes them:
// the mail-merge CSV (the baseline: no layout at all), the letters' HTML (layout
// and QR codes, no printing), one combined PDF for printing, and the zip of one
// PDF per invitee (Digital Post). Two sizes in the same run, so the per-letter
// ratio shows whether the cost grows linearly.
//
//   ./build/bench/letters_bench [letters=10000] [zip_letters=1000]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "intake/fieldwork/letter_document.h"
#include "intake/settings/site_frame.h"
#include "intake/web/render.h"

namespace fieldwork = tilfreds::intake::fieldwork;
using Clock = std::chrono::steady_clock;

namespace {
double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::vector<tilfreds::intake::survey::Letter> letters_of(int n) {
  std::vector<tilfreds::intake::survey::Letter> out;
  for (int i = 0; i < n; ++i) {
    // The shapes of real ones: a 22-character token, an 8-character code.
    std::string token = std::to_string(1000000 + i);
    token = token + std::string(22 - token.size(), 'x');
    out.push_back({"R-" + std::to_string(i), "https://svar.lejre.dk/s/" + token, "ABCD-" + std::to_string(1000 + i % 9000)});
  }
  return out;
}

const tilfreds::intake::settings::Settings kSite = {{"organisation.name", "Lejre Kommune"},
                                                     {"organisation.unit", "Jobcenter Lejre"},
                                                     {"contact.phone", "46 46 49 00"},
                                                     {"contact.hours", "man–fre 9–15"}};

void row(const tilfreds::intake::web::Renderer& renderer, fieldwork::LetterFormat format, const char* name, int n) {
  const auto letters = letters_of(n);
  const fieldwork::LetterContext context{false, "2026-09-30", "2026-09-01", "https://svar.lejre.dk"};
  const auto t = Clock::now();
  std::size_t bytes = 0;
  if (name == std::string("html")) {
    bytes = fieldwork::letters_html(letters, kSite, renderer, context).size();
  } else {
    bytes = fieldwork::letters_file(letters, format, kSite, renderer, context).bytes.size();
  }
  const double s = seconds_since(t);
  std::printf("| %-4s | %6d | %8.2f s | %8.2f ms | %8.1f MB |\n", name, n, s, 1000.0 * s / n, bytes / 1e6);
  std::fflush(stdout);
}
}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 10000;
  const int zip_n = argc > 2 ? std::atoi(argv[2]) : 1000;
  tilfreds::intake::web::Renderer renderer;
  tilfreds::intake::settings::publish(kSite, renderer);
  std::printf("| what | letters | time | per letter | file |\n|---|---:|---:|---:|---:|\n");
  for (int size : {n / 10, n}) {
    row(renderer, fieldwork::LetterFormat::kCsv, "csv", size);
    row(renderer, fieldwork::LetterFormat::kCsv, "html", size);
    row(renderer, fieldwork::LetterFormat::kPdf, "pdf", size);
  }
  for (int size : {zip_n / 10, zip_n}) row(renderer, fieldwork::LetterFormat::kZip, "zip", size);
  return 0;
}
