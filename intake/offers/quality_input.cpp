#include "intake/offers/quality_input.h"

#include <algorithm>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "db/audit_store.h"
#include "intake/complaints/complaint.h"
#include "intake/complaints/figures.h"
#include "intake/csv.h"
#include "intake/dates.h"
#include "intake/text.h"

namespace tilfreds::intake::offers {

namespace {
constexpr std::size_t kMaxSummaryChars = 2000;  // a paragraph, as the supervisor's letter sums it up
constexpr std::int64_t kMaxCount = 10'000'000;  // more citizens than Denmark has is a typing error

// A whole, non-negative count as typed ("12", " 12 "); nullopt otherwise.
std::optional<std::int64_t> parse_count(const std::string& s) {
  std::string t = trim(s);
  if (t.empty() || t.size() > 8 || !std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  std::int64_t n = std::stoll(t);
  return n <= kMaxCount ? std::optional(n) : std::nullopt;
}

void audit(db::Connection& c, const Editor& editor, const std::string& action, const std::string& entity,
           const std::string& entity_id, const nlohmann::json& detail) {
  db::record_audit(c, db::AuditEvent{editor.id, editor.name, action, entity, entity_id, "", detail.dump()});
}

// A CSV file checked as a whole: the header names the columns a row reads by
// name; every row is checked before anything is stored.
struct File {
  CsvTable table;
  std::map<std::string, std::size_t> index;
  Problems problems;

  std::string get(const CsvRow& row, const std::string& column) const {
    auto it = index.find(column);
    if (it == index.end() || it->second >= row.fields.size()) return "";
    return trim(row.fields[it->second]);
  }
};

File open_file(const std::string& text, const std::vector<std::string>& required,
               const std::vector<std::string>& optional) {
  File f;
  f.table = parse_csv(text);
  for (const auto& p : f.table.problems) f.problems.push_back({p.where, "offer_error_csv"});
  for (const auto& name : required) {
    if (auto i = column_index(f.table.header, name)) {
      f.index[name] = *i;
    } else {
      f.problems.push_back({"line 1 (" + name + ")", "offer_error_column_missing"});
    }
  }
  for (const auto& name : optional) {
    if (auto i = column_index(f.table.header, name)) f.index[name] = *i;
  }
  if (f.problems.empty() && f.table.rows.empty()) f.problems.push_back({"line 2", "offer_error_file_empty"});
  return f;
}

std::string where(const CsvRow& row, const std::string& column) {
  return "line " + std::to_string(row.line) + " (" + column + ")";
}

// The offers of the register by name, read once per file.
std::map<std::string, db::OfferRow> offers_by_name(db::Database& db) {
  std::map<std::string, db::OfferRow> out;
  for (auto& o : db.read([](db::Connection& c) { return db::list_offers(c); })) out[o.name] = o;
  return out;
}

// Checks the offer and period columns every file has, and that the pair is new in
// the file. Returns the offer when both are good.
std::optional<db::OfferRow> offer_and_period(const File& f, const CsvRow& row,
                                             const std::map<std::string, db::OfferRow>& offers,
                                             const std::string& today, std::set<std::string>& seen,
                                             Problems& problems) {
  std::string name = f.get(row, "offer"), period = f.get(row, "period");
  std::optional<db::OfferRow> offer;
  if (auto it = offers.find(name); it != offers.end()) {
    offer = it->second;
  } else {
    problems.push_back({where(row, "offer"), "offer_error_unknown_offer"});
  }
  if (auto p = period_problem(period, today)) {
    problems.push_back({where(row, "period"), *p});
    return std::nullopt;
  }
  if (offer && !seen.insert(name + "\n" + period).second) {
    problems.push_back({where(row, "period"), "offer_error_duplicate"});
    return std::nullopt;
  }
  return offer;
}

ImportResult refused(Problems problems) { return ImportResult{0, std::move(problems)}; }
}  // namespace

std::optional<std::string> period_problem(const std::string& label, const std::string& today) {
  auto p = complaints::parse_period(label);
  if (!p) return "offer_error_period";
  if (p->from > today) return "offer_error_period_future";
  return std::nullopt;
}

Result<db::RatingRow> parse_rating(const RatingFields& f, const std::optional<db::OfferRow>& offer,
                                   const std::string& today) {
  Problems problems;
  if (!offer) {
    problems.push_back({"tilbud", "offer_error_unknown_offer"});
  } else if (!offer->active) {
    problems.push_back({"tilbud", "offer_error_inactive"});
  }
  std::string period = trim(f.period);
  if (auto p = period_problem(period, today)) problems.push_back({"periode", *p});
  std::string smiley = trim(f.smiley);
  if (std::find(kSmileys.begin(), kSmileys.end(), smiley) == kSmileys.end()) {
    problems.push_back({"smiley", "offer_error_smiley"});
  }
  std::string visited = trim(f.visited_on);
  if (!is_iso_date(visited)) {
    problems.push_back({"besoeg", "offer_error_visit_date"});
  } else if (visited > today) {
    problems.push_back({"besoeg", "offer_error_visit_future"});
  }
  std::string supervisor = trim(f.supervisor);
  if (supervisor.empty() || !is_valid_utf8(supervisor) || complaints::code_points(supervisor) > complaints::kMaxShortChars) {
    problems.push_back({"tilsynsfoerende", "offer_error_supervisor"});
  }
  std::string summary = trim(f.summary);
  if (!is_valid_utf8(summary) || complaints::code_points(summary) > kMaxSummaryChars) {
    problems.push_back({"resume", "offer_error_summary"});
  }
  if (!problems.empty()) return {std::nullopt, problems};
  db::RatingRow r;
  r.offer_id = offer->id;
  r.period = period;
  r.smiley = smiley;
  r.visited_on = visited;
  r.supervisor = supervisor;
  r.summary = summary;
  return {r, {}};
}

namespace {
std::int64_t store_rating(db::Connection& c, db::RatingRow& rating, const Editor& editor, const char* action) {
  rating.changed_by = editor.id;
  rating.changed_by_name = editor.name;
  std::int64_t version = db::add_rating_version(c, rating);
  audit(c, editor, action, "offer_rating", std::to_string(rating.offer_id) + "/" + rating.period,
        {{"version", version}, {"smiley", rating.smiley}, {"visited_on", rating.visited_on},
         {"supervisor", rating.supervisor}});
  return version;
}
}  // namespace

std::int64_t save_rating(db::Database& db, db::RatingRow rating, const Editor& editor) {
  std::int64_t version = 0;
  db.write([&](db::Connection& c) { version = store_rating(c, rating, editor, "rate"); });
  return version;
}

ImportResult import_ratings(db::Database& db, const std::string& csv, const Editor& editor,
                            const std::string& today) {
  File f = open_file(csv, {"offer", "period", "smiley", "visited", "supervisor"}, {"summary"});
  if (!f.problems.empty()) return refused(f.problems);
  auto offers = offers_by_name(db);
  std::set<std::string> seen;
  Problems problems;
  std::vector<db::RatingRow> rows;
  const std::map<std::string, std::string> column_of{{"tilbud", "offer"}, {"periode", "period"},
                                                     {"smiley", "smiley"}, {"besoeg", "visited"},
                                                     {"tilsynsfoerende", "supervisor"}, {"resume", "summary"}};
  for (const auto& row : f.table.rows) {
    auto offer = offer_and_period(f, row, offers, today, seen, problems);
    std::string name = f.get(row, "offer");
    if (!offers.count(name)) continue;  // reported above
    auto parsed = parse_rating({f.get(row, "period"), f.get(row, "smiley"), f.get(row, "visited"),
                                f.get(row, "supervisor"), f.get(row, "summary")},
                               offers.at(name), today);
    for (const auto& p : parsed.problems) {
      if (p.where == "periode") continue;  // offer_and_period said it
      problems.push_back({where(row, column_of.at(p.where)), p.message});
    }
    if (parsed.ok() && offer) rows.push_back(*parsed.value);
  }
  if (!problems.empty()) return refused(problems);
  db.write([&](db::Connection& c) {
    for (auto& r : rows) store_rating(c, r, editor, "import");
  });
  return {rows.size(), {}};
}

namespace {
// Reads the count columns of a row; nullopt (and problems) when one is not a count.
std::optional<std::vector<std::int64_t>> counts(const File& f, const CsvRow& row,
                                                const std::vector<std::string>& columns, Problems& problems) {
  std::vector<std::int64_t> out;
  bool ok = true;
  for (const auto& col : columns) {
    auto n = parse_count(f.get(row, col));
    if (!n) {
      problems.push_back({where(row, col), "offer_error_count"});
      ok = false;
    }
    out.push_back(n.value_or(0));
  }
  return ok ? std::optional(out) : std::nullopt;
}

// The shared shape of the two count files: check every row with `check` (which
// adds its own problems and returns whether the row is good), then store every
// row with `store` in one transaction with one audit event.
template <typename Row>
ImportResult import_counts(db::Database& db, const std::string& csv, const Editor& editor, const std::string& today,
                           const std::vector<std::string>& required, const std::vector<std::string>& optional,
                           const std::string& entity,
                           const std::function<std::optional<Row>(const File&, const CsvRow&, const db::OfferRow&,
                                                                  Problems&)>& check,
                           const std::function<void(db::Connection&, const Row&)>& store) {
  File f = open_file(csv, required, optional);
  if (!f.problems.empty()) return refused(f.problems);
  auto offers = offers_by_name(db);
  std::set<std::string> seen;
  Problems problems;
  std::vector<Row> rows;
  for (const auto& row : f.table.rows) {
    auto offer = offer_and_period(f, row, offers, today, seen, problems);
    auto parsed = check(f, row, offer.value_or(db::OfferRow{}), problems);
    if (offer && parsed) rows.push_back(*parsed);
  }
  if (!problems.empty()) return refused(problems);
  db.write([&](db::Connection& c) {
    for (const auto& r : rows) store(c, r);
    audit(c, editor, "import", entity, "", {{"rows", rows.size()}});
  });
  return {rows.size(), {}};
}
}  // namespace

ImportResult import_effects(db::Database& db, const std::string& csv, const Editor& editor,
                            const std::string& today) {
  return import_counts<db::EffectRow>(
      db, csv, editor, today, {"offer", "period", "ended", "in_work", "in_education"}, {}, "offer_effect",
      [](const File& f, const CsvRow& row, const db::OfferRow& offer, Problems& problems) -> std::optional<db::EffectRow> {
        auto n = counts(f, row, {"ended", "in_work", "in_education"}, problems);
        if (!n) return std::nullopt;
        if ((*n)[1] + (*n)[2] > (*n)[0]) {
          problems.push_back({where(row, "in_work"), "offer_error_effect_sum"});
          return std::nullopt;
        }
        return db::EffectRow{offer.id, f.get(row, "period"), (*n)[0], (*n)[1], (*n)[2]};
      },
      [](db::Connection& c, const db::EffectRow& r) { db::put_effect(c, r); });
}

ImportResult import_ages(db::Database& db, const std::string& csv, const Editor& editor, const std::string& today) {
  return import_counts<db::AgeRow>(
      db, csv, editor, today, {"offer", "period", "under_30", "age_30_49", "age_50_plus"}, {"citizens"}, "offer_age",
      [](const File& f, const CsvRow& row, const db::OfferRow& offer, Problems& problems) -> std::optional<db::AgeRow> {
        auto n = counts(f, row, {"under_30", "age_30_49", "age_50_plus"}, problems);
        if (!n) return std::nullopt;
        std::string given = f.get(row, "citizens");
        if (!given.empty()) {
          auto total = parse_count(given);
          if (!total) {
            problems.push_back({where(row, "citizens"), "offer_error_count"});
            return std::nullopt;
          }
          if (*total != (*n)[0] + (*n)[1] + (*n)[2]) {
            problems.push_back({where(row, "citizens"), "offer_error_age_sum"});
            return std::nullopt;
          }
        }
        return db::AgeRow{offer.id, f.get(row, "period"), (*n)[0], (*n)[1], (*n)[2]};
      },
      [](db::Connection& c, const db::AgeRow& r) {
        // The bands are the citizens: the overview's citizens column and its
        // suppression use the same total.
        db::put_age(c, r);
        db::set_offer_citizens(c, r.offer_id, r.period, r.under_30 + r.age_30_49 + r.age_50_plus);
      });
}

}  // namespace tilfreds::intake::offers
