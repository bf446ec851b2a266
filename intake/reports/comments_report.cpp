// The comments appendix: every free-text answer per question and wave, with
// personal data masked (redact.h) before the secretary's own edit. Sorted by text,
// so neither the listing nor its order follows who answered when.
#include <algorithm>

#include "db/response_store.h"
#include "intake/reports/build_report.h"
#include "intake/reports/method_note.h"
#include "intake/reports/redact.h"
#include "intake/survey/answers.h"
#include "intake/text.h"

namespace tilfreds::intake::reports {

Result<Document> comments_report(db::Database& db, const std::vector<WaveData>& waves,
                                 const ReportRequest& request, const ReportTexts& texts) {
  Document d;
  d.id = "comments";
  d.lang = texts.lang();
  d.title = texts.get("report_title_comments");
  d.subtitle = report_subtitle(waves, request, texts);
  bool any_text_question = false;
  for (const auto& w : waves) {
    std::vector<const survey::Question*> questions;
    for (const auto& theme : w.questionnaire.themes) {
      for (const auto& q : theme.questions) {
        if (q.type == survey::QuestionType::kText) questions.push_back(&q);
      }
    }
    if (questions.empty()) continue;
    any_text_question = true;
    auto all = db.read([&](db::Connection& c) { return db::response_answers(c, w.wave.id); });
    for (const auto* q : questions) {
      std::vector<std::string> comments;
      for (const auto& json : all) {
        auto answers = survey::parse_answers(json);
        auto it = answers.find(q->id);
        if (it != answers.end() && !trim(it->second).empty()) {
          comments.push_back(mask_personal_data(trim(it->second)));
        }
      }
      std::sort(comments.begin(), comments.end());
      Section s{texts.fill("report_comments_heading",
                           {{"question", survey::text_in(q->text, texts.lang())}, {"wave", w.wave.label}}),
                {}};
      if (comments.empty()) {
        Block none;
        none.text = texts.get("report_no_comments");
        s.blocks.push_back(std::move(none));
      } else {
        Table t;
        t.id = "comments_" + q->id + "_" + w.wave.label;
        t.caption = texts.fill("report_comments_caption", {{"wave", w.wave.label}, {"n", std::to_string(comments.size())}});
        t.corner = texts.get("report_corner_number");
        t.columns = {texts.get("report_column_comment")};
        for (std::size_t i = 0; i < comments.size(); ++i) {
          t.rows.push_back({std::to_string(i + 1), {Cell::text_cell(comments[i])}, ""});
        }
        Block b;
        b.kind = Block::Kind::kTable;
        b.table = std::move(t);
        s.blocks.push_back(std::move(b));
      }
      d.sections.push_back(std::move(s));
    }
  }
  if (!any_text_question) {
    return Result<Document>::failure("--waves", "the questionnaire of these waves has no free-text question");
  }
  Section notice{texts.get("report_section_comments_notice"), {}};
  Block p;
  p.text = texts.get("report_comments_notice");
  notice.blocks.push_back(std::move(p));
  Block caveat;
  caveat.text = texts.get("report_comments_masking_caveat");
  notice.blocks.push_back(std::move(caveat));
  d.sections.insert(d.sections.begin(), std::move(notice));
  MethodFacts facts;
  facts.tables = false;
  d.method = method_note(waves, request, texts, facts);
  return {std::move(d), {}};
}

}  // namespace tilfreds::intake::reports
