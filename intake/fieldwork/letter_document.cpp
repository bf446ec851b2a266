#include "intake/fieldwork/letter_document.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <nlohmann/json.hpp>

#include "intake/fieldwork/qr_code.h"
#include "intake/reports/pdf_merge.h"
#include "intake/reports/render_pdf.h"
#include "intake/settings/site_frame.h"
#include "intake/text.h"
#include "intake/web/long_date.h"
#include "intake/zip_archive.h"

namespace tilfreds::intake::fieldwork {

namespace {
// Letters are written in Danish: the frame has no language per citizen, and the
// questionnaire behind the link offers English on its first page.
constexpr const char* kLang = "da";

// Letters printed as one Chromium document before the parts are merged: a few
// seconds each, far from the superlinear range.
constexpr std::size_t kLettersPerPart = 250;

std::string setting(const settings::Settings& s, const char* key) {
  auto it = s.find(key);
  return it == s.end() ? std::string() : it->second;
}

std::string without_trailing_slashes(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

std::string base_name(bool reminder) { return reminder ? "paamindelser" : "breve"; }

// A reference as a file name inside the zip: the batch systems match on it, so it
// is kept as it is where it is safe, and anything else becomes "_".
std::string file_name(const std::string& reference) {
  std::string out;
  for (char c : reference) {
    const bool safe = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' ||
                      c == '_' || c == '.';
    out += safe ? c : '_';
  }
  if (out.empty() || out.front() == '.') out.insert(out.begin(), '_');
  return out + ".pdf";
}
}  // namespace

std::optional<LetterFormat> parse_letter_format(const std::string& name) {
  if (name == "csv") return LetterFormat::kCsv;
  if (name == "pdf") return LetterFormat::kPdf;
  if (name == "zip") return LetterFormat::kZip;
  return std::nullopt;
}

std::string letter_text(const settings::Settings& s, const web::Renderer& renderer, bool reminder) {
  std::string text = setting(s, reminder ? "letter.reminder" : "letter.invitation");
  return text.empty() ? renderer.text(kLang, reminder ? "letter_default_reminder" : "letter_default_invitation") : text;
}

std::vector<std::string> letter_paragraphs(const std::string& text, const settings::Settings& s,
                                           const web::Renderer& renderer, const LetterContext& context) {
  std::string jobcenter = setting(s, "organisation.unit");
  if (jobcenter.empty()) jobcenter = setting(s, "organisation.name");
  if (jobcenter.empty()) jobcenter = renderer.text(kLang, "site_who_default");
  std::vector<std::string> out;
  for (const auto& p : settings::paragraphs(text)) {
    std::string paragraph = p.get<std::string>();
    replace_all(paragraph, "{lukkedato}", web::long_date(renderer, kLang, context.closes));
    replace_all(paragraph, "{jobcenter}", jobcenter);
    out.push_back(std::move(paragraph));
  }
  return out;
}

std::string letters_html(const std::vector<survey::Letter>& letters, const settings::Settings& s,
                         const web::Renderer& renderer, const LetterContext& context) {
  const std::string base = without_trailing_slashes(context.base_url);
  nlohmann::json body = letter_paragraphs(letter_text(s, renderer, context.reminder), s, renderer, context);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& letter : letters) {
    const auto qr = qr_code(letter.url);
    items.push_back({{"url", letter.url}, {"code", letter.code}, {"qr_side", qr.side}, {"qr_path", qr.path}});
  }
  nlohmann::json ctx{{"letters", items},
                     {"paragraphs", body},
                     {"reminder", context.reminder},
                     {"date", web::long_date(renderer, kLang, context.today)},
                     {"code_url", base + "/kode"},
                     {"privacy_url", base + "/privatliv/undersoegelse"}};
  return renderer.standalone("letters", ctx, kLang);
}

LetterFile letters_file(const std::vector<survey::Letter>& letters, LetterFormat format,
                        const settings::Settings& s, const web::Renderer& renderer, const LetterContext& context,
                        const std::function<void(std::size_t, std::size_t)>& progress) {
  const std::string name = base_name(context.reminder);
  switch (format) {
    case LetterFormat::kCsv:
      return {survey::letters_csv(letters), "text/csv; charset=utf-8", name + ".csv"};
    case LetterFormat::kPdf: {
      // Printed in parts and merged: Chromium lays out one long document in more
      // than linear time (12 ms a letter for 400, 25 ms for 4,000: bench/README.md).
      reports::PdfPrinter printer;
      std::vector<std::string> parts;
      for (std::size_t first = 0; first < letters.size(); first += kLettersPerPart) {
        const auto end = letters.begin() + static_cast<std::ptrdiff_t>(std::min(first + kLettersPerPart, letters.size()));
        const std::vector<survey::Letter> part(letters.begin() + static_cast<std::ptrdiff_t>(first), end);
        parts.push_back(printer.print(letters_html(part, s, renderer, context)));
        if (progress) progress(first + part.size(), letters.size());
      }
      if (parts.empty()) parts.push_back(printer.print(letters_html({}, s, renderer, context)));
      return {reports::merge_pdfs(parts), "application/pdf", name + ".pdf"};
    }
    case LetterFormat::kZip: {
      // One printToPDF per letter costs ~95 ms, nearly all of it fixed (bench/README.md):
      // browsers side by side, one per core (two at most: each holds ~200 MB), each
      // taking the next letter; the entries keep the letters' order.
      std::vector<ZipEntry> entries(letters.size());
      std::atomic<std::size_t> next{0}, done{0};
      std::atomic<bool> failed{false};
      std::mutex progress_mu;
      std::exception_ptr failure;
      auto work = [&] {
        try {
          reports::PdfPrinter printer;
          for (std::size_t i = next++; i < letters.size() && !failed; i = next++) {
            entries[i] = {file_name(letters[i].reference), printer.print(letters_html({letters[i]}, s, renderer, context))};
            std::lock_guard lock(progress_mu);
            if (progress) progress(++done, letters.size());
          }
        } catch (...) {
          std::lock_guard lock(progress_mu);
          if (!failure) failure = std::current_exception();
          failed = true;
        }
      };
      const std::size_t browsers = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 2);
      std::vector<std::thread> pool;
      for (std::size_t b = 1; b < std::min(browsers, letters.size()); ++b) pool.emplace_back(work);
      work();
      for (auto& t : pool) t.join();
      if (failure) std::rethrow_exception(failure);
      return {write_zip(entries), "application/zip", name + ".zip"};
    }
  }
  return {};
}

}  // namespace tilfreds::intake::fieldwork
