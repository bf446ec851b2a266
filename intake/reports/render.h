// Writing a Document in a format: HTML (screen and A4 print), CSV (Danish Excel),
// XLSX, JSON. The one entry point the command line and the web share.
#pragma once

#include <string>

#include "intake/reports/document.h"
#include "intake/reports/report_request.h"
#include "intake/web/render.h"

namespace tilfreds::intake::reports {

struct Rendered {
  std::string bytes;
  std::string content_type;  // "text/html; charset=utf-8", "text/csv; charset=utf-8", …
  std::string file_name;     // "comparison.html": the document's id and the format's extension
};

struct RenderOptions {
  // HTML only. Empty: the stylesheet (templates/static/report.css) is embedded in
  // the page, for a file opened and printed offline. The web sets "/static/report.css",
  // as its Content-Security-Policy forbids inline style.
  std::string stylesheet_href;
};

// Returns the document in `format`, labels in the document's language (Danish
// when unknown). Hidden cells print no number in any format. Throws
// std::runtime_error when the XLSX library or the PDF engine fails (a fault), and
// PdfEngineMissing (render_pdf.h) when PDF is asked for without Chromium.
Rendered render(const Document& document, Format format, const web::Renderer& renderer,
                const RenderOptions& options = {});

}  // namespace tilfreds::intake::reports
