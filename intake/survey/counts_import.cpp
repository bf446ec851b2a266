#include "intake/survey/counts_import.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "db/survey_store.h"
#include "intake/csv.h"
#include "intake/dates.h"
#include "intake/survey/questionnaire.h"
#include "intake/text.h"

namespace tilfreds::intake::survey {

namespace {

// Beyond any municipality's frame; keeps sums far from overflow.
constexpr std::int64_t kMaxCount = 100'000'000;

std::string lower_ascii(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::optional<std::int64_t> parse_count(const std::string& s) {
  if (s.empty() || s.size() > 9 || s.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  std::int64_t n = std::stoll(s);
  if (n > kMaxCount) return std::nullopt;
  return n;
}

// Labels as a secretary types them: any language of the questionnaire, case aside.
bool matches(const Text& text, const std::string& wanted) {
  for (const auto& [lang, label] : text) {
    if (lower_ascii(trim(label)) == wanted) return true;
  }
  return false;
}

const Option* find_option(const Question& q, const std::string& answer) {
  std::string wanted = lower_ascii(answer);
  for (const auto& o : q.options) {
    if (o.value == answer || matches(o.label, wanted)) return &o;
  }
  return nullptr;
}

bool names_whole_wave(const std::string& group) {
  std::string g = lower_ascii(group);
  return g.empty() || g == "total" || g == "i alt" || g == "alle" || g == "all";
}

// The group id for a group cell: "" for the whole wave, nullopt if unknown.
std::optional<std::string> find_group(const Questionnaire& q, const std::string& group) {
  if (names_whole_wave(group)) return std::string();
  return q.group_id(group);
}

std::string known_groups(const Questionnaire& q) {
  std::string out;
  for (const auto& g : q.groups) out += (out.empty() ? "" : ", ") + g.id;
  return out;
}

std::string known_labels(const Question& q) {
  std::string out;
  for (const auto& o : q.options) out += (out.empty() ? "" : ", ") + text_in(o.label, "da");
  return out;
}

// Reads a CSV file whose header must have `required` columns; problems carry `name`.
std::optional<CsvTable> read_table(const std::string& text, const std::string& name,
                                   const std::vector<std::string>& required, Problems& problems) {
  CsvTable table = parse_csv(text);
  for (auto p : table.problems) problems.push_back({name + " " + p.where, p.message});
  if (table.header.empty()) return std::nullopt;
  bool complete = true;
  for (const auto& column : required) {
    if (!column_index(table.header, column)) {
      problems.push_back({name + " header", "needs a column named '" + column + "'"});
      complete = false;
    }
  }
  if (!complete) return std::nullopt;
  return table;
}

using CountMap = std::map<std::tuple<std::string, std::string, std::string>, std::int64_t>;

// group id ("" = whole wave), question id, option value → n
CountMap parse_counts(const std::string& text, const Questionnaire& q, Problems& problems) {
  CountMap counts;
  auto table = read_table(text, "counts", {"question", "answer", "count"}, problems);
  if (!table) return counts;
  size_t qc = *column_index(table->header, "question");
  size_t ac = *column_index(table->header, "answer");
  size_t nc = *column_index(table->header, "count");
  auto gc = column_index(table->header, "group");
  for (const auto& row : table->rows) {
    std::string where = "counts line " + std::to_string(row.line);
    auto field = [&](size_t i) { return i < row.fields.size() ? trim(row.fields[i]) : std::string(); };
    const Question* question = q.find(field(qc));
    if (!question) {
      problems.push_back({where, "unknown question id '" + field(qc) + "'"});
      continue;
    }
    if (question->type == QuestionType::kText) {
      problems.push_back({where, "'" + question->id + "' is a free-text question: it has no counts"});
      continue;
    }
    const Option* option = find_option(*question, field(ac));
    if (!option) {
      problems.push_back({where, "'" + field(ac) + "' is not an answer to '" + question->id +
                                     "' (answers: " + known_labels(*question) + ")"});
      continue;
    }
    auto n = parse_count(field(nc));
    if (!n) {
      problems.push_back({where, "the count '" + field(nc) + "' is not a whole number from 0 to 100000000"});
      continue;
    }
    auto group = gc ? find_group(q, field(*gc)) : std::optional<std::string>("");
    if (!group) {
      problems.push_back({where, "unknown group '" + field(*gc) + "' (known: " + known_groups(q) + ")"});
      continue;
    }
    if (!counts.emplace(std::tuple(*group, question->id, option->value), *n).second) {
      problems.push_back({where, "'" + question->id + "' / '" + field(ac) + "'" +
                                     (group->empty() ? "" : " for group " + *group) +
                                     " appears twice in the file"});
    }
  }
  if (table->rows.empty()) problems.push_back({"counts", "has no rows below the header"});
  return counts;
}

std::vector<db::ImportedDisposition> parse_totals(const std::string& text, const Questionnaire& q,
                                                  Problems& problems) {
  std::vector<db::ImportedDisposition> out;
  auto table = read_table(text, "totals", {"invited", "answered"}, problems);
  if (!table) return out;
  auto gc = column_index(table->header, "group");
  size_t ic = *column_index(table->header, "invited");
  size_t ac = *column_index(table->header, "answered");
  auto ec = column_index(table->header, "ineligible");
  auto uc = column_index(table->header, "undeliverable");
  std::map<std::string, int> seen;
  for (const auto& row : table->rows) {
    std::string where = "totals line " + std::to_string(row.line);
    auto field = [&](size_t i) { return i < row.fields.size() ? trim(row.fields[i]) : std::string(); };
    auto group = gc ? find_group(q, field(*gc)) : std::optional<std::string>("");
    if (!group) {
      problems.push_back({where, "unknown group '" + field(*gc) + "' (known: " + known_groups(q) + ")"});
      continue;
    }
    db::ImportedDisposition d{*group};
    bool ok = true;
    auto number = [&](std::optional<size_t> column, const char* name, std::int64_t& into) {
      if (!column || field(*column).empty()) return;
      auto n = parse_count(field(*column));
      if (!n) {
        problems.push_back({where, std::string("the ") + name + " count '" + field(*column) +
                                       "' is not a whole number from 0 to 100000000"});
        ok = false;
        return;
      }
      into = *n;
    };
    number(ic, "invited", d.invited);
    number(ac, "answered", d.answered);
    number(ec, "ineligible", d.ineligible);
    number(uc, "undeliverable", d.undeliverable);
    if (!ok) continue;
    if (!seen.emplace(d.group, row.line).second) {
      problems.push_back({where, (d.group.empty() ? std::string("the whole wave") : "group " + d.group) +
                                     " appears twice in the file"});
      continue;
    }
    out.push_back(d);
  }
  return out;
}

// Whole-wave totals first; summed from the groups when the file gave none.
void complete_totals(std::vector<db::ImportedDisposition>& totals) {
  std::sort(totals.begin(), totals.end(),
            [](const auto& a, const auto& b) { return a.group < b.group; });
  if (!totals.empty() && totals.front().group.empty()) return;
  db::ImportedDisposition whole;
  for (const auto& d : totals) {
    whole.invited += d.invited;
    whole.ineligible += d.ineligible;
    whole.undeliverable += d.undeliverable;
    whole.answered += d.answered;
  }
  totals.insert(totals.begin(), whole);
}

void check_totals(const std::vector<db::ImportedDisposition>& totals, const CountMap& counts,
                  Problems& problems) {
  std::map<std::pair<std::string, std::string>, std::int64_t> per_question;  // (group, q) → n
  for (const auto& [key, n] : counts) per_question[{std::get<0>(key), std::get<1>(key)}] += n;
  for (const auto& d : totals) {
    std::string who = d.group.empty() ? "the whole wave" : "group " + d.group;
    if (d.answered + d.ineligible + d.undeliverable > d.invited) {
      problems.push_back({"totals", who + ": answered + ineligible + undeliverable (" +
                                        std::to_string(d.answered + d.ineligible + d.undeliverable) +
                                        ") exceed invited (" + std::to_string(d.invited) + ")"});
    }
    for (const auto& [key, n] : per_question) {
      if (key.first == d.group && n > d.answered) {
        problems.push_back({"totals", who + ": question '" + key.second + "' has " + std::to_string(n) +
                                          " answers, more than the " + std::to_string(d.answered) +
                                          " who answered"});
      }
    }
  }
}

std::vector<db::ImportedCount> to_rows(const CountMap& counts) {
  std::vector<db::ImportedCount> rows;
  std::map<std::pair<std::string, std::string>, std::int64_t> summed;  // whole wave from groups
  std::set<std::string> with_whole_rows;
  for (const auto& [key, n] : counts) {
    const auto& [group, question, answer] = key;
    if (group.empty()) {
      with_whole_rows.insert(question);
      rows.push_back({"all", "", question, answer, n});
    } else {
      rows.push_back({"group", group, question, answer, n});
      summed[{question, answer}] += n;
    }
  }
  for (const auto& [key, n] : summed) {
    if (!with_whole_rows.count(key.first)) rows.push_back({"all", "", key.first, key.second, n});
  }
  return rows;
}

}  // namespace

Result<CountsImport> import_counts(db::Database& db, const CountsImportRequest& request,
                                   const CountsHook& in_transaction) {
  Problems problems;
  if (request.label.empty() || request.label.size() > 64) {
    problems.push_back({"--wave", "must be 1 to 64 characters"});
  }
  if (request.opens && !is_iso_date(*request.opens)) {
    problems.push_back({"--opens", "must be a date like 2022-09-01"});
  }
  if (request.closes && !is_iso_date(*request.closes)) {
    problems.push_back({"--closes", "must be a date like 2022-09-30"});
  }
  auto survey = db.read([&](db::Connection& c) {
    return request.survey_version ? db::find_survey(c, request.survey_id, *request.survey_version)
                                  : db::latest_survey(c, request.survey_id);
  });
  if (!survey) {
    problems.push_back({"--survey", "no questionnaire '" + request.survey_id +
                                        (request.survey_version ? " version " + std::to_string(*request.survey_version) : "") +
                                        "' is imported: run `tilfreds survey import FILE` first"});
    return {std::nullopt, problems};
  }
  ParsedQuestionnaire parsed = parse_questionnaire(survey->definition);
  if (!parsed.questionnaire) throw db::Error("stored questionnaire " + survey->id + " no longer parses", 0);
  const Questionnaire& q = *parsed.questionnaire;

  CountMap counts = parse_counts(request.counts_csv, q, problems);
  std::vector<db::ImportedDisposition> totals;
  if (request.totals_csv) totals = parse_totals(*request.totals_csv, q, problems);
  if (request.totals) totals.push_back(*request.totals);
  if (totals.empty()) {
    problems.push_back({"totals", "give how many were invited and answered: --invited N --answered N, "
                                  "or --totals FILE"});
  } else {
    complete_totals(totals);
    check_totals(totals, counts, problems);
  }
  if (!problems.empty()) return {std::nullopt, problems};

  db::WaveRow wave{0, q.id, q.version, request.label, request.opens, request.closes, true};
  auto rows = to_rows(counts);
  db::PutImportedWave outcome{};
  db.write([&](db::Connection& c) {
    outcome = db::put_imported_wave(c, wave, rows, totals, request.replace);
    bool stored = outcome != db::PutImportedWave::kExists && outcome != db::PutImportedWave::kFielded;
    if (stored && in_transaction) in_transaction(c, rows.size());
  });
  if (outcome == db::PutImportedWave::kExists) {
    return Result<CountsImport>::failure(
        "--wave", "'" + request.label + "' was imported before: add --replace to replace its counts");
  }
  if (outcome == db::PutImportedWave::kFielded) {
    return Result<CountsImport>::failure(
        "--wave", "'" + request.label + "' was fielded in tilfreds: its counts come from its answers "
                  "and are never overwritten");
  }
  auto stored = db.read([&](db::Connection& c) { return db::find_waves_by_label(c, request.label, q.id); });
  std::set<std::string> questions;
  for (const auto& [key, n] : counts) questions.insert(std::get<1>(key));
  return {CountsImport{stored.front(), rows.size(), questions.size(),
                       outcome == db::PutImportedWave::kReplaced},
          {}};
}

}  // namespace tilfreds::intake::survey
