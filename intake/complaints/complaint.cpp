#include "intake/complaints/complaint.h"

#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include "intake/dates.h"
#include "intake/text.h"
#include "intake/web/http.h"

namespace tilfreds::intake::complaints {

const std::vector<std::string> kChannels{"letter",    "email",        "phone",
                                         "in_person", "digital_form", "advisor"};
const std::vector<std::string> kCategories{"realitet", "formalitet", "borgerservice"};
const std::vector<std::string> kStatuses{"received", "in_progress", "decided", "closed"};
const std::vector<std::string> kOutcomes{"upheld", "partly_upheld", "not_upheld", "rejected",
                                         "withdrawn"};
const std::vector<std::string> kForwardBodies{"ankestyrelsen", "borgerraadgiver"};
const std::vector<std::string> kBenefitGroups{
    "sygedagpenge",         "dagpenge",         "kontanthjaelp",
    "uddannelseshjaelp",    "jobafklaringsforloeb", "ressourceforloeb",
    "ledighedsydelse_fleksjob", "foertidspension", "selvforsoergende_hjemsendte",
    "flere_ydelser",        "ukendt"};

namespace {
std::chrono::sys_days to_days(const std::string& iso) {
  using namespace std::chrono;
  return sys_days{year{std::stoi(iso.substr(0, 4))} /
                  month{static_cast<unsigned>(std::stoi(iso.substr(5, 2)))} /
                  day{static_cast<unsigned>(std::stoi(iso.substr(8, 2)))}};
}

bool one_of(const std::vector<std::string>& words, const std::string& w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

// Lists a problem if `v` is not a real date or lies after today.
void check_date(const std::string& v, const char* name, const IntakeRules& rules, Problems& problems) {
  if (!is_iso_date(v)) {
    problems.push_back({name, "complaint_error_date"});
  } else if (v > rules.today) {
    problems.push_back({name, "complaint_error_future"});
  }
}

// Reads the fields every complaint form shares into `s`, listing problems.
void read_common(const Fields& f, const std::vector<db::OfferRow>& offers, const IntakeRules& rules,
                 db::ComplaintState& s, Problems& problems) {
  for (const auto& [name, value] : f) {
    if (name != "kategori" && f.count(name) > 1) {
      problems.push_back({name, "complaint_error_repeated"});
      return;
    }
  }
  if (rules.staff) {
    s.received_on = trim(web::field(f, "modtaget"));
    check_date(s.received_on, "modtaget", rules, problems);
    s.channel = web::field(f, "kanal");
    if (!one_of(kChannels, s.channel)) problems.push_back({"kanal", "complaint_error_channel"});
  }
  std::string offer = web::field(f, "tilbud");
  s.offer_id.reset();
  if (!offer.empty()) {
    auto id = parse_id(offer);
    auto it = std::find_if(offers.begin(), offers.end(),
                           [&](const db::OfferRow& o) { return id && o.id == *id; });
    if (it == offers.end()) {
      problems.push_back({"tilbud", "complaint_error_offer"});
    } else {
      s.offer_id = it->id;
    }
  }
  s.unit = trim(web::field(f, "enhed"));
  s.benefit_group = web::field(f, "ydelse");
  if (s.benefit_group.empty()) s.benefit_group = "ukendt";
  if (!one_of(kBenefitGroups, s.benefit_group)) problems.push_back({"ydelse", "complaint_error_group"});
  std::string text = web::field(f, "tekst");
  if (trim(text).empty()) {
    problems.push_back({"tekst", "complaint_error_text_missing"});
  } else if (code_points(text) > kMaxTextChars) {
    problems.push_back({"tekst", "complaint_error_text_long"});
  }
  s.text = text;
  for (const char* name : {"enhed", "navn", "kontakt"}) {
    if (code_points(web::field(f, name)) > kMaxShortChars) {
      problems.push_back({name, "complaint_error_short_long"});
    }
  }
  std::string name = trim(web::field(f, "navn")), contact = trim(web::field(f, "kontakt"));
  s.citizen_name = name.empty() ? std::nullopt : std::optional(name);
  s.citizen_contact = contact.empty() ? std::nullopt : std::optional(contact);
}

std::optional<std::string> optional_date(const Fields& f, const char* name, const IntakeRules& rules,
                                         Problems& problems) {
  std::string v = trim(web::field(f, name));
  if (v.empty()) return std::nullopt;
  check_date(v, name, rules, problems);
  return v;
}
}  // namespace

std::optional<std::int64_t> parse_id(const std::string& s) {
  if (s.empty() || s.size() > 12 || s.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return std::stoll(s);
}

std::string add_days(const std::string& iso_date, int days) {
  std::chrono::year_month_day ymd{to_days(iso_date) + std::chrono::days{days}};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

int days_between(const std::string& from, const std::string& to) {
  return static_cast<int>((to_days(to) - to_days(from)).count());
}

std::size_t code_points(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

Result<db::ComplaintState> parse_new_complaint(const Fields& fields,
                                               const std::vector<db::OfferRow>& offers,
                                               const IntakeRules& rules) {
  db::ComplaintState s;
  Problems problems;
  if (!rules.staff) {
    s.received_on = rules.today;
    s.channel = "digital_form";
  }
  read_common(fields, offers, rules, s, problems);
  if (!problems.empty()) return {std::nullopt, problems};
  s.status = "received";
  s.deadline = add_days(s.received_on, rules.handling_days);
  return {s, {}};
}

Result<db::ComplaintState> parse_edit(const Fields& fields, const db::ComplaintState& current,
                                      const std::vector<db::OfferRow>& offers,
                                      const std::vector<std::int64_t>& staff_ids,
                                      const IntakeRules& rules) {
  db::ComplaintState s = current;
  Problems problems;
  IntakeRules staff_rules = rules;
  staff_rules.staff = true;
  read_common(fields, offers, staff_rules, s, problems);
  if (!problems.empty()) return {std::nullopt, problems};
  std::vector<std::string> categories;
  auto range = fields.equal_range("kategori");
  for (auto it = range.first; it != range.second; ++it) {
    if (!one_of(kCategories, it->second)) {
      problems.push_back({"kategori", "complaint_error_category"});
    } else if (!one_of(categories, it->second)) {
      categories.push_back(it->second);
    }
  }
  // Stored in the vocabulary's order, so equal sets compare equal.
  s.categories.clear();
  for (const auto& c : kCategories) {
    if (one_of(categories, c)) s.categories += (s.categories.empty() ? "" : ",") + c;
  }
  s.status = web::field(fields, "status");
  if (!one_of(kStatuses, s.status)) problems.push_back({"status", "complaint_error_status"});
  std::string assignee = web::field(fields, "sagsbehandler");
  s.assignee_id.reset();
  if (!assignee.empty()) {
    auto id = parse_id(assignee);
    if (!id || std::find(staff_ids.begin(), staff_ids.end(), *id) == staff_ids.end()) {
      problems.push_back({"sagsbehandler", "complaint_error_assignee"});
    } else {
      s.assignee_id = id;
    }
  }
  s.outcome = web::field(fields, "udfald");
  if (!s.outcome.empty() && !one_of(kOutcomes, s.outcome)) {
    problems.push_back({"udfald", "complaint_error_outcome"});
  }
  s.decided_on = optional_date(fields, "afgjort", rules, problems);
  if (!s.outcome.empty() && !s.decided_on) problems.push_back({"afgjort", "complaint_error_decided_missing"});
  s.forwarded_to = web::field(fields, "videresendt");
  if (!s.forwarded_to.empty() && !one_of(kForwardBodies, s.forwarded_to)) {
    problems.push_back({"videresendt", "complaint_error_forward"});
  }
  s.forwarded_on = optional_date(fields, "videresendt_dato", rules, problems);
  s.forward_result = web::field(fields, "resultat");
  if (!s.forward_result.empty() && !one_of(kOutcomes, s.forward_result)) {
    problems.push_back({"resultat", "complaint_error_outcome"});
  }
  if ((s.status == "decided" || s.status == "closed") && s.outcome.empty()) {
    problems.push_back({"udfald", "complaint_error_outcome_missing"});
  }
  if (!problems.empty()) return {std::nullopt, problems};
  if (s.received_on != current.received_on) {
    s.deadline = add_days(s.received_on, rules.handling_days);
  }
  return {s, {}};
}

std::string new_receipt() {
  static const char kAlphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";  // 31 letters, no look-alikes
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  std::string out = "K-";
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 8 || i == 12) out += '-';
    out += kAlphabet[randombytes_uniform(31)];
  }
  return out;
}

std::vector<std::string> changed_fields(const db::ComplaintState& a, const db::ComplaintState& b) {
  std::vector<std::string> out;
  auto check = [&](const char* name, bool differs) {
    if (differs) out.emplace_back(name);
  };
  check("received_on", a.received_on != b.received_on);
  check("channel", a.channel != b.channel);
  check("offer_id", a.offer_id != b.offer_id);
  check("unit", a.unit != b.unit);
  check("benefit_group", a.benefit_group != b.benefit_group);
  check("categories", a.categories != b.categories);
  check("status", a.status != b.status);
  check("assignee_id", a.assignee_id != b.assignee_id);
  check("deadline", a.deadline != b.deadline);
  check("outcome", a.outcome != b.outcome);
  check("decided_on", a.decided_on != b.decided_on);
  check("forwarded_to", a.forwarded_to != b.forwarded_to);
  check("forwarded_on", a.forwarded_on != b.forwarded_on);
  check("forward_result", a.forward_result != b.forward_result);
  check("citizen_name", a.citizen_name != b.citizen_name);
  check("citizen_contact", a.citizen_contact != b.citizen_contact);
  check("text", a.text != b.text);
  return out;
}

}  // namespace tilfreds::intake::complaints
