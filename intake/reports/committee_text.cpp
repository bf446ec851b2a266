#include "intake/reports/committee_text.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "intake/reports/build_report.h"
#include "intake/reports/disclosure.h"
#include "intake/reports/method_note.h"
#include "stats/response_rate.h"

namespace tilfreds::intake::reports {

namespace {
// "tilfredse med …" → "tilfredse"; "enige i, at …" → "enige".
std::string first_word(const std::string& phrase) {
  std::string w = phrase.substr(0, phrase.find(' '));
  while (!w.empty() && (w.back() == ',' || w.back() == '.')) w.pop_back();
  return w;
}

// 2415 → "2.415" (Danish), "2,415" (English): counts in running text.
std::string count_text(std::int64_t n, const ReportTexts& texts) {
  std::string digits = std::to_string(n);
  const char sep = texts.lang() == "da" ? '.' : ',';
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += sep;
    out += digits[i];
  }
  return out;
}

std::string percent_text(double p, const ReportTexts& texts) { return texts.number(p, 0); }

// The words for the change of a share, decided by the test and its interval.
std::optional<std::string> change_words(const stats::Change& c, const ReportTexts& texts, double prev_percent) {
  const std::map<std::string, std::string> vars = {{"prev_wave", c.from}, {"prev", percent_text(prev_percent, texts)}};
  if (c.verdict == stats::Verdict::kNoClearChange) return texts.fill("report_sentence_same", vars);
  const bool up = c.verdict == stats::Verdict::kHigher;
  const double reach = up ? c.test.lower : -c.test.upper;  // how far the interval keeps from 0
  const std::string key = std::string("report_sentence_") + (up ? "higher" : "lower") +
                          (reach * 100 >= kClearChangePoints ? "" : "_little");
  return texts.fill(key, vars);
}

Block paragraph(Sentence s, Block::Kind kind = Block::Kind::kParagraph) {
  Block b;
  b.kind = kind;
  b.text = std::move(s.text);
  b.source = std::move(s.source);
  return b;
}
}  // namespace

std::vector<Sentence> question_sentences(const QuestionResult& q, const std::vector<WaveData>& waves,
                                         const ReportTexts& texts, std::int64_t threshold) {
  std::vector<Sentence> out;
  if (waves.empty() || !q.has_top) return out;
  const std::size_t newest = waves.size() - 1;
  if (!q.row_of_wave[newest]) return out;
  const stats::Row& row = q.stats.rows[*q.row_of_wave[newest]];
  if (!row.top || !row.top->percent || row.hidden) return out;
  const survey::Question* question = waves[newest].questionnaire.find(q.question_id);
  const std::string summary = question ? survey::text_in(question->summary, texts.lang()) : "";
  const stats::Cell& first = row.cells.front();
  const stats::Cell& bottom = row.cells.back();
  std::map<std::string, std::string> vars = {{"top", percent_text(*row.top->percent, texts)},
                                             {"summary", summary},
                                             {"short", first_word(summary)},
                                             {"question", q.table.caption},
                                             {"wave", waves[newest].wave.label},
                                             {"first_label", q.categories.front()},
                                             {"second_label", q.categories[1]},
                                             {"last", q.categories.back()}};
  std::string text;
  if (summary.empty()) {
    text = texts.fill("report_sentence_top_plain", vars);
  } else if (first.percent) {
    vars["first"] = percent_text(*first.percent, texts);
    text = texts.fill("report_sentence_top", vars);
  } else {
    text = texts.fill("report_sentence_top_only", vars);
  }
  if (bottom.percent && *bottom.percent >= kLargeBottomPercent) {
    vars["bottom"] = percent_text(*bottom.percent, texts);
    text += " " + texts.fill("report_sentence_bottom", vars);
  }
  if (row.top->change && newest > 0 && q.row_of_wave[newest - 1]) {
    const auto& prev = q.stats.rows[*q.row_of_wave[newest - 1]];
    if (prev.top && prev.top->percent) {
      if (auto words = change_words(*row.top->change, texts, *prev.top->percent)) text += " " + *words;
    }
  }
  if (row.not_representative) text += " " + texts.get("report_sentence_not_representative");
  const std::string preliminary = preliminary_note(waves[newest], texts, threshold);
  if (!preliminary.empty()) text += " (" + preliminary + ")";
  out.push_back({text, q.table.caption});
  return out;
}

std::optional<Sentence> response_sentence(const std::vector<WaveData>& waves, const ReportTexts& texts,
                                          std::int64_t threshold) {
  if (waves.empty()) return std::nullopt;
  const WaveData& w = waves.back();
  if (respondents_hidden(w, threshold)) return std::nullopt;
  const stats::Disposition& d = w.totals.total;
  const auto r = stats::response_rates(d);
  if (!r.plain || d.invited == 0) return std::nullopt;
  std::string text = texts.fill("report_sentence_response", {{"invited", count_text(d.invited, texts)},
                                                             {"answered", count_text(d.completed, texts)},
                                                             {"rate", percent_text(*r.plain * 100, texts)}});
  if (waves.size() > 1) {
    const auto prev = stats::response_rates(waves[waves.size() - 2].totals.total);
    if (prev.plain) {
      text += " " + texts.fill("report_sentence_response_prev", {{"prev_wave", waves[waves.size() - 2].wave.label},
                                                                 {"prev_rate", texts.number(*prev.plain * 100, 1)}});
    }
  }
  if (d.ineligible > 0 && r.rr1) {
    text += " " + texts.fill("report_sentence_ineligible", {{"ineligible", count_text(d.ineligible, texts)},
                                                            {"rr1", percent_text(*r.rr1 * 100, texts)}});
  }
  const std::string preliminary = preliminary_note(w, texts, threshold);
  if (!preliminary.empty()) text += " (" + preliminary + ")";
  return Sentence{text, texts.get("report_rate_caption")};
}

std::optional<Sentence> mix_sentence(const std::vector<WaveData>& waves, const ReportTexts& texts,
                                     std::int64_t threshold) {
  if (waves.empty()) return std::nullopt;
  const WaveData& w = waves.back();
  if (w.respondents_by_value.size() < 2 || w.all_respondents <= 0) return std::nullopt;
  const auto hidden = sizes_hidden(w, threshold);
  std::vector<std::pair<std::int64_t, std::string>> sizes;
  for (const auto& [value, n] : w.respondents_by_value) {
    auto h = hidden.find(value);
    if (h != hidden.end() && h->second) continue;
    sizes.emplace_back(n, value);
  }
  if (sizes.size() < 2) return std::nullopt;
  std::sort(sizes.begin(), sizes.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  auto label = [&](const std::string& id) {
    for (const auto& g : w.questionnaire.groups) {
      if (g.id == id) {
        std::string l = survey::text_in(g.label, texts.lang());
        if (!l.empty() && texts.lang() == "da") l[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(l[0])));
        return l;
      }
    }
    return id;
  };
  auto share = [&](std::int64_t n) {
    return percent_text(100.0 * static_cast<double>(n) / static_cast<double>(w.all_respondents), texts);
  };
  std::string text = texts.fill("report_sentence_mix", {{"first", label(sizes[0].second)},
                                                        {"second", label(sizes[1].second)},
                                                        {"p1", share(sizes[0].first)},
                                                        {"p2", share(sizes[1].first)}});
  const bool small_others = std::any_of(sizes.begin() + 2, sizes.end(), [](const auto& s) {
    return stats::not_representative(s.first);
  }) || hidden.size() > sizes.size();
  if (small_others) text += " " + texts.get("report_sentence_mix_warning");
  return Sentence{text, texts.get("report_rates_table_caption")};
}

Document committee_report(const std::vector<WaveData>& waves, const ReportRequest& request,
                          const ReportTexts& texts) {
  QuestionTables qt = build_question_tables(waves, texts);
  const std::int64_t threshold = qt.options.suppression_threshold;
  Document d;
  d.id = "committee";
  d.lang = texts.lang();
  d.title = texts.get("report_title_committee");
  d.subtitle = report_subtitle(waves, request, texts);

  Section participation{texts.get("report_committee_participation"), {}};
  if (auto s = response_sentence(waves, texts, threshold)) participation.blocks.push_back(paragraph(*s));
  if (auto s = mix_sentence(waves, texts, threshold)) participation.blocks.push_back(paragraph(*s));
  if (!participation.blocks.empty()) d.sections.push_back(std::move(participation));

  Section results{texts.get("report_committee_results"), {}};
  for (const auto& q : qt.questions) {
    for (auto& s : question_sentences(q, waves, texts, threshold)) {
      results.blocks.push_back(paragraph(std::move(s), Block::Kind::kHeadline));
    }
  }
  if (!results.blocks.empty()) d.sections.push_back(std::move(results));

  // The comparison's marked changes per category: a shift the committee may want
  // to discuss ("flere svarer »slet ikke«"), each beyond noise after the false
  // alarm control over the whole report.
  Section changes{texts.get("report_committee_changes"), {}};
  for (const auto& q : qt.questions) {
    for (std::size_t w = 1; w < waves.size(); ++w) {
      if (!q.row_of_wave[w] || !q.row_of_wave[w - 1]) continue;
      const auto& row = q.stats.rows[*q.row_of_wave[w]];
      const auto& prev = q.stats.rows[*q.row_of_wave[w - 1]];
      for (std::size_t j = 0; j < row.cells.size(); ++j) {
        const auto& c = row.cells[j];
        if (!c.change || c.change->verdict == stats::Verdict::kNoClearChange || !c.percent ||
            !prev.cells[j].percent) {
          continue;
        }
        const bool up = c.change->verdict == stats::Verdict::kHigher;
        changes.blocks.push_back(paragraph(
            {texts.fill(up ? "report_sentence_shift_up" : "report_sentence_shift_down",
                        {{"category", q.categories[j]},
                         {"question", q.table.caption},
                         {"from", percent_text(*prev.cells[j].percent, texts)},
                         {"to", percent_text(*c.percent, texts)},
                         {"from_wave", waves[w - 1].wave.label},
                         {"to_wave", waves[w].wave.label}}),
             q.table.caption}));
      }
    }
  }
  if (changes.blocks.empty()) {
    Block none;
    none.text = texts.get("report_committee_no_changes");
    changes.blocks.push_back(std::move(none));
  }
  d.sections.push_back(std::move(changes));
  d.reading = reading_guide(texts, {qt.options, qt.comparisons, true, {}});
  d.method = method_note(waves, request, texts, {qt.options, qt.comparisons, true, qt.warnings});
  return d;
}

std::string render_text(const Document& d, const ReportTexts& texts) {
  std::string out = d.title + "\n" + d.subtitle + "\n";
  for (const auto& s : d.sections) {
    out += "\n" + s.heading + "\n\n";
    for (const auto& b : s.blocks) {
      if (b.kind != Block::Kind::kParagraph && b.kind != Block::Kind::kHeadline) continue;
      out += b.text;
      if (!b.source.empty()) out += " [" + texts.fill("report_source", {{"table", b.source}}) + "]";
      out += "\n\n";
    }
  }
  return out;
}

}  // namespace tilfreds::intake::reports
