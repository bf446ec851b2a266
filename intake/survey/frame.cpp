#include "intake/survey/frame.h"

#include <set>

#include "intake/csv.h"
#include "intake/text.h"

namespace tilfreds::intake::survey {

Frame parse_frame(const std::string& csv_text, const Questionnaire& questionnaire) {
  Frame frame;
  CsvTable table = parse_csv(csv_text);
  frame.problems = table.problems;
  if (table.header.empty()) return frame;
  auto ref_col = column_index(table.header, "reference");
  auto group_col = column_index(table.header, "group");
  if (table.header.size() == 1 && table.header[0].find_first_of("\t|") != std::string::npos) {
    // A tab- or |-separated export reads as one column; say so instead of only
    // "needs a column named 'reference'".
    frame.problems.push_back({"header", "has one column only: separate the columns with ';' or ',' "
                                        "(as Excel saves \"CSV (semikolonsepareret)\")"});
  }
  if (!ref_col) frame.problems.push_back({"header", "needs a column named 'reference'"});
  if (!group_col) frame.problems.push_back({"header", "needs a column named 'group'"});
  if (!ref_col || !group_col) return frame;

  std::set<std::string> seen;
  for (const auto& row : table.rows) {
    std::string where = "line " + std::to_string(row.line);
    if (row.fields.size() > table.header.size()) {
      frame.problems.push_back({where, "has " + std::to_string(row.fields.size()) +
                                           " fields but the header has " +
                                           std::to_string(table.header.size())});
      continue;
    }
    auto field = [&](size_t i) { return i < row.fields.size() ? trim(row.fields[i]) : std::string(); };
    FrameRow out{row.line, field(*ref_col), field(*group_col), {}};
    if (out.reference.empty()) {
      frame.problems.push_back({where, "the reference is empty"});
      continue;
    }
    if (!seen.insert(out.reference).second) {
      frame.problems.push_back({where, "reference '" + out.reference + "' appears twice in the file"});
      continue;
    }
    if (!questionnaire.groups.empty()) {
      // By id or by its label in any case, as `wave import-counts` accepts it.
      auto id = questionnaire.group_id(out.group);
      if (!id) {
        std::string known;
        for (const auto& g : questionnaire.groups) known += (known.empty() ? "" : ", ") + g.id;
        frame.problems.push_back({where, "unknown group '" + out.group + "' (known: " + known + ")"});
        continue;
      }
      out.group = *id;
    }
    for (size_t i = 0; i < table.header.size(); ++i) {
      if (i == *ref_col || i == *group_col || table.header[i].empty()) continue;
      out.background[table.header[i]] = field(i);
    }
    frame.rows.push_back(std::move(out));
  }
  return frame;
}

}  // namespace tilfreds::intake::survey
