// Issue 12: a report document carries the municipality's frame as every page does
// — its name above the title and in the running header, a colophon with phone and
// hours, e-mail, the accessibility statement and the privacy notice — from the
// same settings (intake/settings/site_frame.h); without settings, nothing broken.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "intake/reports/build_report.h"
#include "intake/reports/render.h"
#include "intake/reports/render_pdf.h"
#include "intake/settings/site_frame.h"
#include "tests/intake/reports/report_fixtures.h"
#include "tests/support/temp_dir.h"

using namespace tilfreds;
using namespace tilfreds::intake::reports;
namespace settings = tilfreds::intake::settings;

namespace {
bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// A renderer of its own: the shared report renderer has no settings, and must keep none.
struct Framed {
  intake::web::Renderer renderer;
  explicit Framed(const settings::Settings& s) { settings::publish(s, renderer); }
};

Document comparison(const intake::web::Renderer& r, const std::string& lang = "da") {
  testing::FixtureWave a;
  a.label = "2024";
  a.version = 2;
  a.counts["q1"] = {{"hoej", 40}, {"nogen", 30}, {"mindre", 20}, {"slet", 10}};
  a.respondents = 100;
  auto request = testing::fixture_request(ReportKind::kComparison);
  request.lang = lang;
  Document d = comparison_report({testing::fixture_wave(a)}, request, ReportTexts(r, lang));
  d.lang = lang;
  return d;
}

}  // namespace

TEST_CASE("report HTML with the demo settings: name above the title, colophon with contact, statement, privacy") {
  Framed f(settings::demo_settings());
  Document d = comparison(f.renderer);
  const std::string html = render(d, Format::kHtml, f.renderer).bytes;
  CHECK(has(html, "<p class=\"report-org\">Lejre Kommune, Jobcenter Lejre</p>\n<h1>"));
  CHECK(has(html, "<footer class=\"report-colophon\" aria-labelledby=\"colophon-heading\">"));
  CHECK(has(html, "<dt>Udgivet af</dt><dd>Lejre Kommune, Jobcenter Lejre</dd>"));
  CHECK(has(html, "<a href=\"tel:+4546464646\">46 46 46 46</a> (man.–tors. 9–15, fre. 9–13)"));
  CHECK(has(html, "<a href=\"mailto:jobcenter@lejre.dk\">jobcenter@lejre.dk</a>"));
  CHECK(has(html, "<dt>Tilgængelighedserklæring</dt><dd><a href=\"https://www.was.digst.dk/lejre-dk\">"));
  CHECK(has(html, "<dt>Sådan behandler vi dine svar</dt><dd><p>Lejre Kommune, Møllebjergvej 4"));
  // Saved as a file (or a PDF) there is no site to link back to: the notice is printed.
  CHECK_FALSE(has(html, "href=\"/privatliv/"));
  // The running header of print and PDF names the municipality, the footer its phone.
  CHECK(has(html, "@top-left { content: \"Lejre Kommune\\2c  Jobcenter Lejre\"; }"));
  CHECK(has(html, "@bottom-left { content: \"Telefon 46 46 46 46\"; }"));

  // Served by the web, the colophon links to the site's own privacy notice.
  const std::string served = render(d, Format::kHtml, f.renderer, {"/static/report.css"}).bytes;
  CHECK(has(served, "<a href=\"/privatliv/undersoegelse\">Læs hele privatlivserklæringen</a>"));
  // A complaint document names the complaints' notice.
  Document complaints = d;
  complaints.privacy = Document::Privacy::kComplaints;
  const std::string c = render(complaints, Format::kHtml, f.renderer, {"/static/report.css"}).bytes;
  CHECK(has(c, "<dt>Sådan behandler vi din klage</dt><dd><p>Lejre Kommune, Møllebjergvej 4, 4330 Hvalsø, er dataansvarlig for klager"));
  CHECK(has(c, "href=\"/privatliv/klager\""));

  // English: the labels in English, the municipality's own words as set.
  Document en = comparison(f.renderer, "en");
  const std::string english = render(en, Format::kHtml, f.renderer).bytes;
  CHECK(has(english, "<h2 id=\"colophon-heading\">Publisher and contact</h2>"));
  CHECK(has(english, "<dt>Accessibility statement</dt>"));
}

TEST_CASE("report HTML without settings: no empty header line, no colophon, no dangling labels") {
  Framed f({});
  const std::string html = render(comparison(f.renderer), Format::kHtml, f.renderer).bytes;
  CHECK_FALSE(has(html, "<p class=\"report-org\""));
  CHECK_FALSE(has(html, "<footer class=\"report-colophon\""));
  CHECK_FALSE(has(html, "Telefon"));
  CHECK(has(html, "@top-left { content: \"\"; }"));
  // The shared renderer was never given settings at all: the same.
  const auto& bare = testing::report_renderer();
  CHECK_FALSE(has(render(comparison(bare), Format::kHtml, bare).bytes, "<footer"));

  // Only some settings: the lines that are set, nothing for the others.
  Framed partial({{"organisation.unit", "Jobcenter Lejre"}, {"accessibility.url", "https://www.was.digst.dk/lejre-dk"}});
  const std::string p = render(comparison(partial.renderer), Format::kHtml, partial.renderer).bytes;
  CHECK(has(p, "<p class=\"report-org\">Jobcenter Lejre</p>"));
  CHECK(has(p, "<dt>Tilgængelighedserklæring</dt>"));
  CHECK_FALSE(has(p, "<dt>Telefon</dt>"));
  CHECK_FALSE(has(p, "<dt>E-mail</dt>"));
  CHECK_FALSE(has(p, "Sådan behandler vi"));
  CHECK(has(p, "@bottom-left { content: \"\"; }"));
}

TEST_CASE("report JSON and XLSX carry the publisher") {
  Framed f(settings::demo_settings());
  Document d = comparison(f.renderer);
  auto j = nlohmann::json::parse(render(d, Format::kJson, f.renderer).bytes);
  CHECK(j["publisher"]["name"] == "Lejre Kommune");
  CHECK(j["publisher"]["unit"] == "Jobcenter Lejre");
  CHECK(j["publisher"]["phone"] == "46 46 46 46");
  CHECK(j["publisher"]["accessibility_url"] == "https://www.was.digst.dk/lejre-dk");
  Framed none({});
  CHECK_FALSE(nlohmann::json::parse(render(comparison(none.renderer), Format::kJson, none.renderer).bytes)
                  .contains("publisher"));

  auto cells = nlohmann::json::parse(testing::xlsx_cells_json(render(d, Format::kXlsx, f.renderer).bytes));
  std::set<std::string> texts;
  for (const auto& s : cells["sheets"]) {
    for (auto& [ref, c] : s["cells"].items()) {
      if (c["t"] == "s") texts.insert(c["v"].get<std::string>());
    }
  }
  CHECK(texts.count("Udgiver og kontakt"));
  CHECK(texts.count("Lejre Kommune, Jobcenter Lejre"));
  CHECK(texts.count("46 46 46 46 (man.–tors. 9–15, fre. 9–13)"));
  CHECK(texts.count("https://www.was.digst.dk/lejre-dk"));
}

TEST_CASE("report PDF: the municipality in the running header, the colophon read back by pdftotext") {
  Framed f(settings::demo_settings());
  testing::TempDir dir;
  const std::string path = dir.file("r.pdf");
  std::ofstream(path, std::ios::binary) << render(comparison(f.renderer), Format::kPdf, f.renderer).bytes;
  const std::string text = testing::command_output("pdftotext -layout '" + path + "' -");
  INFO(text);
  CHECK(has(text, "Lejre Kommune, Jobcenter Lejre"));
  CHECK(std::regex_search(text, std::regex("Telefon +46 46 46 46 \\(man\\.–tors\\. 9–15, fre\\. 9–13\\)")));
  CHECK(has(text, "https://www.was.digst.dk/lejre-dk"));
  CHECK(has(text, "dpo@lejre.dk"));
  CHECK(has(text, "Telefon 46 46 46 46"));  // the running footer of every page
}
