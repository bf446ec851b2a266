// The complaint form, public and staff: fields as the form parser hands them over
// (name=value lines; names may repeat) → complaints::parse_new_complaint. Input:
// byte 0 picks the public or the staff rules; the rest is the fields.
// Invariants: an accepted complaint uses only the closed vocabularies, a known
// offer, a received date that is not in the future and a deadline after it, and
// texts within their caps.
#include <algorithm>

#include "fuzz/fuzz_input.h"
#include "intake/complaints/complaint.h"
#include "intake/dates.h"

namespace {
using namespace tilfreds::intake;
using tilfreds::fuzz::expect;

bool listed(const std::vector<std::string>& words, const std::string& w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1 || size > 64 * 1024) return 0;
  complaints::IntakeRules rules;
  rules.today = "2026-06-15";
  rules.staff = (data[0] & 1) != 0;
  complaints::Fields fields;
  std::string text = tilfreds::fuzz::as_string(data + 1, size - 1);
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(pos, end - pos);
    std::size_t eq = line.find('=');
    if (eq != std::string::npos) fields.emplace(line.substr(0, eq), line.substr(eq + 1));
    pos = end + 1;
  }
  // The active offers, as the routes pass them.
  const std::vector<tilfreds::db::OfferRow> offers{{7, "Praktik Nord", 1, "Jobværkstedet", false, "", true}};
  auto r = complaints::parse_new_complaint(fields, offers, rules);
  expect(r.ok() != !r.problems.empty(), "a complaint both accepted and refused, or neither");
  if (!r.ok()) return 0;
  const auto& s = *r.value;
  expect(is_iso_date(s.received_on) && s.received_on <= rules.today, "received date invalid or in the future");
  expect(s.deadline > s.received_on, "deadline not after the received date");
  expect(listed(complaints::kChannels, s.channel), "channel outside the vocabulary");
  expect(s.benefit_group.empty() || listed(complaints::kBenefitGroups, s.benefit_group),
         "benefit group outside the list");
  expect(!s.offer_id || *s.offer_id == 7, "an unknown offer accepted");
  expect(s.text && !s.text->empty() && complaints::code_points(*s.text) <= complaints::kMaxTextChars,
         "text missing or over its cap");
  expect(!s.citizen_name || complaints::code_points(*s.citizen_name) <= complaints::kMaxShortChars,
         "name over its cap");
  return 0;
}
