// HTML → PDF through headless Chromium: the report's print stylesheet (A4, running
// header in the @page margin box, page numbers, headings kept with their tables,
// header rows repeated) is laid out by the browser that already renders the screen
// version, so the PDF and the printed HTML are one layout, not two. Chromium
// (Skia/PDF) writes tagged PDF — headings, tables with TH cells, figures with their
// SVG title as alt text — with /Lang from <html lang>, the <title> as document
// title and subset-embedded fonts: what Danish public bodies must publish
// (webtilgængelighedsloven, EN 301 549 / PDF/UA in spirit). Reused by the fieldwork
// letters (issue 14): any self-contained HTML page goes in, PDF bytes come out.
//
// Chromium is driven over its DevTools protocol on a pipe (--remote-debugging-pipe:
// JSON messages ending in NUL on file descriptors 3 and 4), not with --print-to-pdf,
// so that one browser start (about a second) serves many documents: a zip of
// 10,000 single-letter PDFs would otherwise start 10,000 browsers.
#pragma once

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>

namespace tilfreds::intake::reports {

// The engine is not installed (or not where TILFREDS_CHROMIUM points): the
// message says what to install. A configuration problem, shown as such.
class PdfEngineMissing : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct PdfOptions {
  std::chrono::seconds timeout{90};  // for starting the browser, and again for each document
};

// One running headless Chromium, with a fresh profile in a private temporary
// directory, that prints documents one after another. Not thread-safe: one
// printer per thread of work. The destructor closes the browser and every
// process it started.
class PdfPrinter {
 public:
  // Starts Chromium. Throws PdfEngineMissing when none is found, and
  // std::runtime_error when it does not start (a fault).
  explicit PdfPrinter(const PdfOptions& options = {});
  ~PdfPrinter();
  PdfPrinter(const PdfPrinter&) = delete;
  PdfPrinter& operator=(const PdfPrinter&) = delete;

  // The PDF of `html`, a self-contained page (styles inline; the pages we print
  // have no scripts). A4 unless its CSS says otherwise (@page size). Throws
  // std::runtime_error when Chromium fails or takes longer than the timeout; the
  // printer is then unusable.
  std::string print(const std::string& html);

 private:
  struct Browser;
  std::unique_ptr<Browser> browser_;
};

// One document: a printer started for it and closed again.
std::string html_to_pdf(const std::string& html, const PdfOptions& options = {});

// The Chromium executable that PdfPrinter would run, or "" when none is found:
// $TILFREDS_CHROMIUM, else chromium, chromium-browser or google-chrome on PATH.
std::string pdf_engine();

}  // namespace tilfreds::intake::reports
