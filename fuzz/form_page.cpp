// A posted questionnaire page: the body (urlencoded or multipart, as the library
// parses it) → web::form_fields → survey::apply_page on the shipped questionnaire.
// Input: byte 0 picks the page, the encoding and whether required answers are
// checked; the rest is the body.
#include "fuzz/fuzz_input.h"
#include "fuzz/in_memory_http.h"
#include "intake/survey/answers.h"
#include "intake/survey/demo_data.h"
#include "intake/web/http.h"

namespace {
using namespace tilfreds::intake;

const survey::Questionnaire& shipped() {
  static const survey::Questionnaire q =
      *survey::parse_questionnaire(survey::shipped_survey("jobcenter.json")).questionnaire;
  return q;
}

void check_page(const survey::Questionnaire& q, std::size_t theme, bool check_required,
                const survey::FormFields& fields) {
  using tilfreds::fuzz::expect;
  const survey::Answers before{{"tro_paa_arbejde", "i_hoej_grad"}, {"samtaletype", "telefon"}};
  std::set<std::string> shown;
  for (const auto& question : q.themes[theme].questions) shown.insert(question.id);
  survey::PageResult r = survey::apply_page(q, theme, before, fields, shown, check_required);
  for (const auto& [id, value] : r.answers) {
    const survey::Question* question = q.find(id);
    expect(question != nullptr, "an answer to a question that does not exist");
    if (question->type != survey::QuestionType::kText) {
      bool listed = false;
      for (const auto& o : question->options) listed = listed || o.value == value;
      expect(listed, "a stored answer outside the question's options");
    }
  }
  expect(survey::parse_answers(survey::answers_json(r.answers)) == r.answers,
         "answers do not survive their JSON round trip");
  (void)survey::first_incomplete_theme(q, r.answers);
  if (r.errors.empty() && r.form_errors.empty()) {
    (void)survey::build_response(q, 1, "dagpenge", {{"tilbud", "praktik"}}, r.answers);
  }
}

httplib::Server& server() {
  static httplib::Server* s = [] {
    auto* srv = new httplib::Server;
    // The library would turn an exception into a quiet 500; here it is a finding.
    srv->set_exception_handler([](const httplib::Request&, httplib::Response&, std::exception_ptr ep) {
      try {
        std::rethrow_exception(ep);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "exception: %s\n", e.what());
      }
      std::abort();
    });
    srv->Post("/f", [](const httplib::Request& req, httplib::Response& res) {
      auto fields = web::form_fields(req);
      if (!fields) return;
      const auto& q = shipped();
      std::size_t theme = std::stoul(req.get_header_value("X-Theme")) % q.themes.size();
      check_page(q, theme, req.get_header_value("X-Required") == "1", *fields);
      res.status = 204;
    });
    return srv;
  }();
  return *s;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1 || size > 64 * 1024) return 0;
  std::uint8_t selector = data[0];
  std::string body = tilfreds::fuzz::as_string(data + 1, size - 1);
  bool multipart = (selector & 0x40) != 0;
  std::string request = "POST /f HTTP/1.1\r\nHost: x\r\nX-Theme: " +
                        std::to_string(selector & 0x3f) + "\r\nX-Required: " +
                        (selector & 0x80 ? "1" : "0") + "\r\n";
  request += multipart ? "Content-Type: multipart/form-data; boundary=tfb\r\n"
                       : "Content-Type: application/x-www-form-urlencoded\r\n";
  request += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  tilfreds::fuzz::exchange(server(), request);
  return 0;
}
