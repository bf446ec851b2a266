// HTML → PDF through headless Chromium: the report's print stylesheet (A4, running
// header in the @page margin box, page numbers, headings kept with their tables,
// header rows repeated) is laid out by the browser that already renders the screen
// version, so the PDF and the printed HTML are one layout, not two. Chromium
// (Skia/PDF) writes tagged PDF — headings, tables with TH cells, figures with their
// SVG title as alt text — with /Lang from <html lang>, the <title> as document
// title and subset-embedded fonts: what Danish public bodies must publish
// (webtilgængelighedsloven, EN 301 549 / PDF/UA in spirit). Reused by the fieldwork
// letters (issue 14): any self-contained HTML page goes in, PDF bytes come out.
#pragma once

#include <chrono>
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
  std::chrono::seconds timeout{90};
};

// Returns the PDF of `html`, a self-contained page (styles inline, no scripts:
// the report HTML has none; Chromium runs with a fresh profile in a private
// temporary directory; turning scripts off with --blink-settings also stops
// --print-to-pdf from writing, so it is not done). Throws PdfEngineMissing when no Chromium is found, and
// std::runtime_error when it fails or takes longer than the timeout (a fault).
std::string html_to_pdf(const std::string& html, const PdfOptions& options = {});

// The Chromium executable that html_to_pdf would run, or "" when none is found:
// $TILFREDS_CHROMIUM, else chromium, chromium-browser or google-chrome on PATH.
std::string pdf_engine();

}  // namespace tilfreds::intake::reports
