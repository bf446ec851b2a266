// The invitation frame: the CSV of invited citizens a jobcentre exports, one row
// per invitee with `reference`, `group` (benefit group) and any further background
// columns (e.g. `tilbud` for the offer a citizen attends).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "intake/problem.h"
#include "intake/survey/questionnaire.h"

namespace tilfreds::intake::survey {

struct FrameRow {
  int line = 0;
  std::string reference;
  std::string group;
  std::map<std::string, std::string> background;  // column name → value
};

struct Frame {
  std::vector<FrameRow> rows;  // the rows without problems
  Problems problems;           // "line N" or "header", with what to fix
};

// Parses frame CSV text. Every bad row is reported by line and left out of `rows`:
// a missing reference, a reference repeated in the file, a group the questionnaire
// does not list, a row with more fields than the header.
Frame parse_frame(const std::string& csv_text, const Questionnaire& questionnaire);

}  // namespace tilfreds::intake::survey
