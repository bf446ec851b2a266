// The comments appendix as the committee gets it (issue 13 §4): per wave the
// comments counted by theme (as a secretary coded them on /rapporter/kommentarer),
// a "ris og ros" part, the chosen quotes in their edited wording, and the comments
// not yet given a theme listed as such. Every text is masked (redact.h) before
// anyone reads it, edits included.
//
// The counts are disclosure-controlled like every other count, and against the
// sums a reader can work out: the themes' counts add up to the comments minus those
// listed without a theme, ris / ros / neither to the comments. So each is protected
// as the parts of a known whole (stats::protect_parts): no hidden count alone, the
// hidden ones summing to the threshold or more, and no count at all when the whole
// is under it (a single theme of 3 would otherwise be 3, shown as – or not). Quotes
// show the theme and tone of a hidden count only as "other": a quote of one says
// that count is at least one. Comments are sorted by text, so neither a listing nor
// its order follows who answered when.
#include <algorithm>

#include "intake/reports/build_report.h"
#include "intake/reports/comment_coding.h"
#include "intake/reports/method_note.h"
#include "intake/text.h"
#include "stats/linked_suppression.h"

namespace tilfreds::intake::reports {

namespace {
// A table of one count column: `labels` with `counts`, those marked `hidden` as "–".
Table count_table(const std::string& id, const std::string& caption, const std::string& corner,
                  const std::vector<std::string>& labels, const std::vector<std::int64_t>& counts,
                  const std::vector<bool>& hidden, const ReportTexts& texts) {
  Table t;
  t.id = id;
  t.caption = caption;
  t.corner = corner;
  t.columns = {texts.get("coding_report_column_count")};
  t.specs = {ColumnSpec{CellKind::kCount, false, false}};
  for (std::size_t i = 0; i < labels.size(); ++i) {
    t.rows.push_back({labels[i], {hidden[i] ? Cell::hidden() : Cell::count(counts[i])}, ""});
  }
  return t;
}

Block table_block(Table t) {
  Block b;
  b.kind = Block::Kind::kTable;
  b.table = std::move(t);
  return b;
}

Block paragraph(std::string text) {
  Block b;
  b.text = std::move(text);
  return b;
}


// The sections of one wave's comments.
std::vector<Section> wave_sections(const WaveComments& wc, std::int64_t threshold, const ReportTexts& texts) {
  const std::string& label = wc.wave.label;
  std::vector<Section> out;
  Section themes{texts.fill("coding_report_themes_heading", {{"wave", label}}), {}};
  std::string questions;
  for (const auto& q : wc.questions) {
    questions += (questions.empty() ? "" : "; ") + survey::text_in(q.text, texts.lang());
  }
  themes.blocks.push_back(paragraph(texts.fill("coding_report_questions", {{"questions", questions}})));
  if (wc.comments.empty()) {
    themes.blocks.push_back(paragraph(texts.get("report_no_comments")));
    out.push_back(std::move(themes));
    return out;
  }
  std::vector<std::int64_t> per_theme(wc.themes.size(), 0);
  std::int64_t ris = 0, ros = 0, with_theme = 0;
  std::vector<const CodedComment*> uncoded, quotes;
  for (const auto& c : wc.comments) {
    ris += c.tone == "ris";
    ros += c.tone == "ros";
    if (c.quote) quotes.push_back(&c);
    std::size_t at = wc.themes.size();
    for (std::size_t i = 0; c.theme_id && i < wc.themes.size(); ++i) {
      if (wc.themes[i].id == *c.theme_id) at = i;
    }
    if (at == wc.themes.size()) {
      uncoded.push_back(&c);
    } else {
      ++per_theme[at];
      ++with_theme;
    }
  }
  const auto n = static_cast<std::int64_t>(wc.comments.size());
  themes.blocks.push_back(paragraph(texts.fill(
      "coding_report_summary",
      {{"n", std::to_string(n)}, {"coded", std::to_string(with_theme)}, {"uncoded", std::to_string(uncoded.size())}})));
  const std::string few = std::to_string(threshold);
  const auto theme_marks = per_theme.empty() ? stats::PartMarks{} : stats::protect_parts(per_theme, threshold);
  if (with_theme == 0) {
    themes.blocks.push_back(paragraph(texts.get("coding_report_no_themes")));
  } else if (!theme_marks.parts_printable) {
    themes.blocks.push_back(paragraph(texts.fill("coding_report_themes_too_few", {{"threshold", few}})));
  } else {
    std::vector<std::string> names;
    for (const auto& t : wc.themes) names.push_back(t.name);
    themes.blocks.push_back(table_block(count_table("themes_" + label,
                                                    texts.fill("coding_report_themes_caption", {{"wave", label}}),
                                                    texts.get("coding_report_corner_theme"), names, per_theme,
                                                    theme_marks.hidden, texts)));
  }
  const std::vector<bool>& theme_hidden = theme_marks.hidden;
  out.push_back(std::move(themes));

  Section praise{texts.fill("coding_report_tone_heading", {{"wave", label}}), {}};
  const std::vector<std::string> tone_names = {"ris", "ros"};
  const std::vector<std::int64_t> tones = {ris, ros, n - ris - ros};
  const auto tone_marks = stats::protect_parts(tones, threshold);
  if (tone_marks.parts_printable) {
    praise.blocks.push_back(table_block(
        count_table("tone_" + label, texts.fill("coding_report_tone_caption", {{"wave", label}}),
                    texts.get("coding_report_corner_tone"),
                    {texts.get("coding_tone_ris"), texts.get("coding_tone_ros"), texts.get("coding_tone_neither")},
                    tones, tone_marks.hidden, texts)));
  } else {
    praise.blocks.push_back(paragraph(texts.fill("coding_report_tone_too_few", {{"threshold", few}})));
  }
  // A quote's tone word, or none where that tone's count is not printed.
  auto tone_word = [&](const std::string& tone) -> std::string {
    for (std::size_t i = 0; i < tone_names.size(); ++i) {
      if (tone == tone_names[i] && tone_marks.parts_printable && !tone_marks.hidden[i]) {
        return texts.get("coding_tone_" + tone);
      }
    }
    return "";
  };
  if (quotes.empty()) {
    praise.blocks.push_back(paragraph(texts.get("coding_report_no_quotes")));
  } else {
    // By theme in the secretary's order, then by text. A quote of a theme whose
    // count is hidden (or not printed) is listed under "other themes", after the
    // rest: a quote shown under its theme would say the theme has at least that
    // many, narrower than its hidden count's range may be.
    auto rank = [&](const CodedComment* c) {
      for (std::size_t i = 0; c->theme_id && i < wc.themes.size(); ++i) {
        if (wc.themes[i].id == *c->theme_id) {
          return theme_hidden[i] || !theme_marks.parts_printable ? wc.themes.size() + 1 : i;
        }
      }
      return wc.themes.size();
    };
    std::stable_sort(quotes.begin(), quotes.end(),
                     [&](const CodedComment* a, const CodedComment* b) { return rank(a) < rank(b); });
    Table t;
    t.id = "quotes_" + label;
    t.caption = texts.fill("coding_report_quotes_caption", {{"wave", label}});
    t.corner = texts.get("coding_report_corner_theme");
    t.columns = {texts.get("coding_report_column_quote"), texts.get("coding_report_column_tone")};
    for (const auto* c : quotes) {
      const auto r = rank(c);
      const std::string theme = r < wc.themes.size()    ? wc.themes[r].name
                                : r == wc.themes.size() ? texts.get("coding_report_no_theme")
                                                        : texts.get("coding_report_other_themes");
      t.rows.push_back({theme, {Cell::text_cell(c->quote_text()), Cell::text_cell(tone_word(c->tone))}, ""});
    }
    praise.blocks.push_back(table_block(std::move(t)));
  }
  out.push_back(std::move(praise));

  Section rest{texts.fill("coding_report_uncoded_heading", {{"wave", label}}), {}};
  if (uncoded.empty()) {
    rest.blocks.push_back(paragraph(texts.get("coding_report_all_coded")));
  } else {
    Table t;
    t.id = "comments_" + label;
    t.caption = texts.fill("coding_report_uncoded_caption", {{"wave", label}, {"n", std::to_string(uncoded.size())}});
    t.corner = texts.get("report_corner_number");
    t.columns = {texts.get("report_column_comment")};
    for (std::size_t i = 0; i < uncoded.size(); ++i) {
      t.rows.push_back({std::to_string(i + 1), {Cell::text_cell(uncoded[i]->text)}, ""});
    }
    rest.blocks.push_back(table_block(std::move(t)));
  }
  out.push_back(std::move(rest));
  return out;
}
}  // namespace

Result<Document> comments_report(db::Database& db, const std::vector<WaveData>& waves,
                                 const ReportRequest& request, const ReportTexts& texts) {
  Document d;
  d.id = "comments";
  d.lang = texts.lang();
  d.title = texts.get("report_title_comments");
  d.subtitle = report_subtitle(waves, request, texts);
  MethodFacts facts;
  facts.tables = false;
  const std::int64_t threshold = facts.options.suppression_threshold;
  bool any_text_question = false;
  for (const auto& w : waves) {
    bool has_text = false;
    for (const auto& theme : w.questionnaire.themes) {
      for (const auto& q : theme.questions) has_text = has_text || q.type == survey::QuestionType::kText;
    }
    if (!has_text) continue;
    any_text_question = true;
    for (auto& s : wave_sections(wave_comments(db, w.wave, w.questionnaire), threshold, texts)) d.sections.push_back(std::move(s));
  }
  if (!any_text_question) {
    return Result<Document>::failure("--waves", "the questionnaire of these waves has no free-text question");
  }
  Section notice{texts.get("report_section_comments_notice"), {}};
  notice.blocks.push_back(paragraph(texts.get("report_comments_notice")));
  notice.blocks.push_back(paragraph(texts.get("report_comments_masking_caveat")));
  notice.blocks.push_back(paragraph(texts.fill("coding_report_hidden_note", {{"threshold", std::to_string(threshold)}})));
  d.sections.insert(d.sections.begin(), std::move(notice));
  d.method = method_note(waves, request, texts, facts);
  return {std::move(d), {}};
}

}  // namespace tilfreds::intake::reports
