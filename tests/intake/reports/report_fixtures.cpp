#include "tests/intake/reports/report_fixtures.h"

#include <array>
#include <cstdio>
#include <fstream>
#include <memory>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "tests/support/temp_dir.h"

namespace tilfreds::testing {

std::string fixture_questionnaire(int version) {
  std::string q2 = version >= 2 ? R"(,{"id":"q2","type":"yesno","scale":"ja_nej","text":{"da":"Har du deltaget i et tilbud?","en":"Did you take part in an offer?"}})" : "";
  return R"({"id":"fixture","version":)" + std::to_string(version) + R"(,"languages":["da","en"],
    "title":{"da":"Testundersøgelse","en":"Test survey"},"intro":{"da":"i","en":"i"},
    "scales":{"grad":[{"value":"hoej","label":{"da":"I høj grad","en":"To a high degree"}},
                      {"value":"nogen","label":{"da":"I nogen grad","en":"To some degree"}},
                      {"value":"mindre","label":{"da":"I mindre grad","en":"To a lesser degree"}},
                      {"value":"slet","label":{"da":"Slet ikke","en":"Not at all"}}],
              "ja_nej":[{"value":"ja","label":{"da":"Ja","en":"Yes"}},{"value":"nej","label":{"da":"Nej","en":"No"}}]},
    "groups":[{"id":"stor","label":{"da":"Stor","en":"Large"}},{"id":"lille","label":{"da":"Lille","en":"Small"}}],
    "themes":[{"id":"t","title":{"da":"Overordnet","en":"Overall"},"questions":[
      {"id":"q1","type":"scale4","scale":"grad","text":{"da":"Hvor tilfreds er du alt i alt?","en":"How satisfied are you overall?"},
       "summary":{"da":"tilfredse alt i alt med jobcentret","en":"satisfied overall with the jobcentre"}})" +
         q2 + R"(,{"id":"kommentar","type":"text","text":{"da":"Kommentarer","en":"Comments"}}]}]})";
}

intake::reports::WaveData fixture_wave(const FixtureWave& f) {
  auto parsed = intake::survey::parse_questionnaire(fixture_questionnaire(f.version));
  if (!parsed.questionnaire) throw std::logic_error("fixture questionnaire does not parse");
  intake::reports::WaveData w;
  w.wave.id = 1;
  w.wave.survey_id = "fixture";
  w.wave.survey_version = f.version;
  w.wave.label = f.label;
  w.wave.opens = f.label + "-09-01";
  w.wave.closes = f.label + "-09-30";
  w.questionnaire = *parsed.questionnaire;
  w.counts = f.counts;
  w.respondents = f.respondents;
  w.totals.imported = f.imported;
  return w;
}

const intake::web::Renderer& report_renderer() {
  static intake::web::Renderer r;
  return r;
}

intake::reports::ReportRequest fixture_request(intake::reports::ReportKind kind) {
  intake::reports::ReportRequest r;
  r.kind = kind;
  r.survey = "fixture";
  return r;
}

namespace {
std::string decode(std::string s) {
  s = std::regex_replace(s, std::regex("<[^>]*>"), "");
  const std::array<std::pair<const char*, const char*>, 5> entities = {
      {{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}}};
  for (const auto& [from, to] : entities) {
    for (auto p = s.find(from); p != std::string::npos; p = s.find(from, p + 1)) s.replace(p, std::string(from).size(), to);
  }
  return s;
}
}  // namespace

Rows html_table(const std::string& html, const std::string& id) {
  auto start = html.find("<table id=\"" + id + "\">");
  if (start == std::string::npos) throw std::runtime_error("no table " + id);
  auto end = html.find("</table>", start);
  std::string table = html.substr(start, end - start);
  Rows rows;
  std::regex tr("<tr>([\\s\\S]*?)</tr>"), cell("<t[hd][^>]*>([\\s\\S]*?)</t[hd]>");
  for (std::sregex_iterator r(table.begin(), table.end(), tr), e; r != e; ++r) {
    std::string inner = (*r)[1];
    std::vector<std::string> cells;
    for (std::sregex_iterator c(inner.begin(), inner.end(), cell); c != e; ++c) cells.push_back(decode((*c)[1]));
    rows.push_back(cells);
  }
  return rows;
}

Rows csv_block(const std::string& csv, const std::string& caption) {
  std::vector<std::string> lines;
  std::size_t pos = 0;
  while (pos < csv.size()) {
    auto nl = csv.find("\r\n", pos);
    if (nl == std::string::npos) throw std::runtime_error("CSV line without CRLF");
    lines.push_back(csv.substr(pos, nl - pos));
    pos = nl + 2;
  }
  Rows rows;
  bool in = false;
  for (const auto& line : lines) {
    std::vector<std::string> fields;
    std::string f;
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
      char c = line[i];
      if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') { f += '"'; ++i; }
      else if (c == '"') quoted = !quoted;
      else if (c == ';' && !quoted) { fields.push_back(f); f.clear(); }
      else f += c;
    }
    fields.push_back(f);
    if (!in) {
      in = fields.size() == 1 && fields[0] == caption;
      continue;
    }
    if (fields.size() == 1) break;  // a footnote or the blank line ends the block
    rows.push_back(fields);
  }
  if (!in) throw std::runtime_error("no CSV block " + caption);
  return rows;
}

std::string command_output(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> p(popen(command.c_str(), "r"), pclose);
  if (!p) throw std::runtime_error("cannot run " + command);
  std::string out;
  char buf[4096];
  while (std::size_t n = fread(buf, 1, sizeof buf, p.get())) out.append(buf, n);
  return out;
}

std::string run_report_script(const std::string& script, const std::string& args) {
  const char* src = std::getenv("TILFREDS_SOURCE_DIR");
  const std::string path = std::string(src ? src : ".") + "/tests/intake/reports/" + script;
  return command_output("/usr/bin/python3 '" + path + "' " + args);
}

std::string xlsx_cells_json(const std::string& bytes) {
  TempDir dir;
  const std::string path = dir.file("r.xlsx");
  std::ofstream(path, std::ios::binary) << bytes;
  return run_report_script("xlsx_cells.py", "'" + path + "'");
}

}  // namespace tilfreds::testing
