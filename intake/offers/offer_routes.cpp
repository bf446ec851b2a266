#include "intake/offers/offer_routes.h"

#include <cmath>
#include <map>

#include "db/complaint_store.h"
#include "db/offer_quality_store.h"
#include "db/offer_store.h"
#include "db/response_store.h"
#include "db/audit_store.h"
#include "db/staff_permission_store.h"
#include "db/staff_store.h"
#include "intake/complaints/figures.h"
#include "intake/complaints/form_view.h"
#include "intake/dates.h"
#include "intake/offers/overview_columns.h"
#include "intake/offers/provider_report.h"
#include "intake/offers/quality_input.h"
#include "intake/text.h"
#include "intake/web/http.h"
#include "stats/proportion.h"
#include "stats/suppression.h"

namespace tilfreds::intake::offers {

namespace {
using staff::Role;
using nlohmann::json;

bool small(std::int64_t n) { return n > 0 && n < stats::kDefaultSuppressionThreshold; }

std::string param(const httplib::Request& req, const char* name) {
  std::string v = req.has_param(name) ? trim(req.get_param_value(name)) : "";
  return v.size() > 64 || !is_valid_utf8(v) ? std::string("\x01") : v;  // \x01: unreadable, refused below
}

// A number as the reader's language writes it: "4,8" in Danish, "4.8" in English.
std::string decimal(double v, int decimals, const std::string& lang) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  if (lang == "da") {
    for (auto& c : s) c = c == '.' ? ',' : c;
  }
  return s;
}

// "83 % (44–97)": a share k/n with its Wilson interval, whole percents.
std::string share_text(std::int64_t k, std::int64_t n) {
  auto ci = stats::proportion_interval(k, n);
  auto pct = [](double x) { return std::to_string(static_cast<int>(std::floor(100.0 * x + 0.5))); };
  return pct(ci->estimate) + " % (" + pct(ci->lower) + "–" + pct(ci->upper) + ")";
}

std::string with(const web::Renderer& r, const std::string& lang, const std::string& key, std::int64_t n) {
  std::string s = r.text(lang, key);
  auto at = s.find("{n}");
  return at == std::string::npos ? s : s.replace(at, 3, std::to_string(n));
}

bool serves(const db::OfferRow& o, const std::string& group) {
  if (group.empty() || o.target_groups.empty()) return true;
  for (const auto& g : complaints::split_words(o.target_groups)) {
    if (g == group) return true;
  }
  return false;
}

json smiley_json(const db::RatingRow& r, const web::Renderer& renderer, const std::string& lang) {
  return {{"shape", smiley_shape(r.smiley)},
          {"word", renderer.text(lang, "offer_smiley_" + r.smiley)},
          {"cls", "smiley smiley-" + r.smiley},
          {"visited", r.visited_on},
          {"period", r.period}};
}
}  // namespace

OfferRoutes::OfferRoutes(db::Database& db, const web::Renderer& renderer, staff::StaffAccess& access)
    : db_(db), renderer_(renderer), access_(access) {}

void OfferRoutes::attach(web::Router& s) {
  auto route = [this](auto handler) { return web::member_route(this, handler); };
  s.Get("/tilbud", route(&OfferRoutes::guide));
  s.Get(R"(/tilbud/(\d{1,12}))", route(&OfferRoutes::details));
  s.Get("/tilbud/tilsyn", route(&OfferRoutes::ratings));
  s.Post("/tilbud/tilsyn", route(&OfferRoutes::post_rating));
  s.Post("/tilbud/tilsyn/tilladelse", route(&OfferRoutes::post_permission));
}

bool OfferRoutes::may_rate(const staff::StaffUser& user) {
  if (user.role == Role::kAdmin) return true;
  return db_.read([&](db::Connection& c) { return db::has_permission(c, user.id, "supervisor"); });
}

void OfferRoutes::guide(const httplib::Request& req, httplib::Response& res) {
  auto user = access_.require(req, res, {Role::kStaff, Role::kSecretary, Role::kAdmin});
  if (!user) return;
  std::string lang = access_.language(req, res);
  std::string group = param(req, "ydelse");
  if (!group.empty() && std::find(complaints::kBenefitGroups.begin(), complaints::kBenefitGroups.end(), group) ==
                            complaints::kBenefitGroups.end()) {
    return web::message_page(res, renderer_, lang, 400, "offer_guide_bad_group");
  }
  // Complaints per 1,000 citizens of the last whole half-year; the other figures
  // are each offer's latest.
  const complaints::Period period = complaints::previous_period(complaints::period_of(today_iso()));
  auto wave = latest_offer_wave(db_);
  struct Data {
    std::vector<db::OfferRow> offers;
    std::vector<db::ComplaintRow> complaints;
    std::map<std::int64_t, std::int64_t> citizens;
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> satisfaction;
    std::map<std::int64_t, db::EffectRow> effects;
    std::map<std::int64_t, db::RatingRow> ratings;
  };
  Data d = db_.read([&](db::Connection& c) {
    Data out;
    out.offers = db::list_offers(c, true);
    out.complaints = db::complaints_received(c, period.from, period.to);
    for (const auto& o : out.offers) {
      if (auto n = db::offer_citizens(c, o.id, period.label)) out.citizens[o.id] = *n;
      // Rows come by period, oldest first: the last one per offer is the latest.
      for (const auto& e : db::list_effects(c, o.id, "")) out.effects[o.id] = e;
      auto history = db::rating_history(c, o.id);
      if (!history.empty()) out.ratings[o.id] = history.front();
    }
    return out;
  });
  if (wave) d.satisfaction = satisfaction_by_offer(db_, *wave);
  auto figures = complaints::tally(d.complaints, d.offers, d.citizens);
  json rows = json::array();
  for (std::size_t i = 0; i < d.offers.size(); ++i) {
    const auto& o = d.offers[i];
    if (!serves(o, group)) continue;
    const std::string href = "/tilbud/" + std::to_string(o.id);
    json row{{"name", o.name}, {"provider", o.provider_name}, {"href", href}};
    auto s = d.satisfaction.find(o.name);
    std::int64_t n = s == d.satisfaction.end() ? 0 : s->second.second;
    row["satisfaction"] = n == 0 ? json(false)
                                 : json{{"text", small(n) ? "–" : share_text(s->second.first, n)},
                                        {"basis", small(n) ? renderer_.text(lang, "offer_guide_few_answers")
                                                           : with(renderer_, lang, "offer_guide_answers", n)},
                                        {"href", "/statistik/kvalitet?periode=" + period.label +
                                                     "&boelge=" + std::to_string(*wave)}};
    const auto& f = figures[i];
    // Of fewer than 5 citizens the rate would give their number away with the complaints.
    row["complaints"] = !f.citizens || *f.citizens == 0 || small(*f.citizens)
                            ? json(false)
                            : json{{"text", decimal(1000.0 * static_cast<double>(f.complaints) /
                                                        static_cast<double>(*f.citizens), 1, lang)},
                                   {"basis", with(renderer_, lang, "offer_guide_complaints", f.complaints) + ", " +
                                                 with(renderer_, lang, "offer_guide_citizens", *f.citizens) + ", " +
                                                 period.label},
                                   {"href", "/statistik/klager?periode=" + period.label}};
    if (auto e = d.effects.find(o.id); e != d.effects.end() && e->second.ended > 0) {
      const auto& x = e->second;
      row["effect"] = {{"text", small(x.ended) ? "–" : share_text(x.in_work + x.in_education, x.ended)},
                       {"basis", (small(x.ended) ? renderer_.text(lang, "offer_guide_few_ended")
                                                 : with(renderer_, lang, "offer_guide_ended", x.ended)) +
                                     ", " + x.period},
                       {"href", href + "#effekt"}};
    } else {
      row["effect"] = false;
    }
    if (auto r = d.ratings.find(o.id); r != d.ratings.end()) {
      row["smiley"] = smiley_json(r->second, renderer_, lang);
      row["smiley"]["href"] = href + "#tilsyn";
    } else {
      row["smiley"] = false;
    }
    rows.push_back(row);
  }
  json ctx{{"page_title", renderer_.text(lang, "offer_guide_heading")},
           {"rows", rows},
           {"none", rows.empty()},
           {"period", period.label},
           {"may_rate", may_rate(*user)},
           {"groups", complaints::choices(renderer_, lang, complaints::kBenefitGroups, "complaint_group_", {group})}};
  web::send_html(res, 200, access_.page(*user, "offer_guide", ctx, lang));
}

void OfferRoutes::details(const httplib::Request& req, httplib::Response& res) {
  auto user = access_.require(req, res, {Role::kStaff, Role::kSecretary, Role::kAdmin});
  if (!user) return;
  std::string lang = access_.language(req, res);
  const std::int64_t id = std::stoll(req.matches[1]);
  struct Data {
    std::optional<db::OfferRow> offer;
    std::vector<db::RatingRow> ratings;
    std::vector<db::EffectRow> effects;
    std::vector<db::AgeRow> ages;
  };
  Data d = db_.read([&](db::Connection& c) {
    return Data{db::find_offer(c, id), db::rating_history(c, id), db::list_effects(c, id, ""),
                db::list_ages(c, id, "")};
  });
  if (!d.offer) return web::message_page(res, renderer_, lang, 404, "not_found");
  json ratings = json::array();
  for (const auto& r : d.ratings) {
    json j = smiley_json(r, renderer_, lang);
    j.update({{"version", r.version}, {"supervisor", r.supervisor}, {"summary", r.summary},
              {"by", r.changed_by_name}, {"at", r.changed_at}});
    ratings.push_back(j);
  }
  json effects = json::array();
  for (const auto& e : d.effects) {
    effects.push_back({{"period", e.period},
                       {"ended", small(e.ended) ? "–" : std::to_string(e.ended)},
                       {"share", e.ended == 0 ? "" : small(e.ended) ? "–" : share_text(e.in_work + e.in_education, e.ended)}});
  }
  json ages = json::array();
  if (!d.ages.empty()) {
    stats::CountTable bands;
    for (const auto& a : d.ages) bands.push_back({a.under_30, a.age_30_49, a.age_50_plus});
    stats::SuppressionOptions options;
    options.column_totals_published = false;
    options.grand_total_published = false;
    auto marks = stats::suppress(bands, options);
    for (std::size_t i = 0; i < d.ages.size(); ++i) {
      std::int64_t total = bands[i][0] + bands[i][1] + bands[i][2];
      json cells = json::array();
      for (std::size_t j = 0; j < 3; ++j) cells.push_back(marks.hidden(i, j) ? "–" : std::to_string(bands[i][j]));
      ages.push_back({{"period", d.ages[i].period}, {"citizens", small(total) ? "–" : std::to_string(total)},
                      {"bands", cells}});
    }
  }
  json ctx{{"page_title", d.offer->name},
           {"name", d.offer->name},
           {"provider", d.offer->provider_name},
           {"active", d.offer->active},
           {"ratings", ratings},
           {"effects", effects},
           {"ages", ages},
           {"no_ratings", ratings.empty()},
           {"no_effects", effects.empty()},
           {"no_ages", ages.empty()},
           {"may_rate", may_rate(*user)}};
  web::send_html(res, 200, access_.page(*user, "offer_detail", ctx, lang));
}

void OfferRoutes::render_ratings(httplib::Response& res, int status, const staff::StaffUser& user,
                                 const std::string& lang, const std::string& period,
                                 const complaints::Fields& entered, const Problems& problems) {
  auto [offers, current] = db_.read([&](db::Connection& c) {
    return std::make_pair(db::list_offers(c, true), db::current_ratings(c, period));
  });
  std::map<std::int64_t, std::string> names;
  for (const auto& o : db_.read([](db::Connection& c) { return db::list_offers(c); })) names[o.id] = o.name;
  json list = json::array();
  for (const auto& r : current) {
    json j = smiley_json(r, renderer_, lang);
    j.update({{"offer", names[r.offer_id]}, {"href", "/tilbud/" + std::to_string(r.offer_id) + "#tilsyn"},
              {"supervisor", r.supervisor}, {"version", r.version}});
    list.push_back(j);
  }
  json ctx{{"page_title", renderer_.text(lang, "offer_ratings_heading")},
           {"csrf", user.csrf},
           {"period", period},
           {"current", list},
           {"none", list.empty()}};
  complaints::add_form(ctx, renderer_, lang, entered, offers, problems);
  json smileys = json::array();
  std::string chosen = web::field(entered, "smiley");
  for (const auto& s : kSmileys) {
    smileys.push_back({{"value", s}, {"shape", smiley_shape(s)}, {"word", renderer_.text(lang, "offer_smiley_" + s)},
                       {"checked", s == chosen}, {"cls", "smiley smiley-" + s}});
  }
  ctx["smileys"] = smileys;
  // The admin hands out the supervisor permission here, beside the ratings it is for.
  ctx["admin"] = user.role == Role::kAdmin;
  if (user.role == Role::kAdmin) {
    json people = json::array();
    json supervisors = json::array();
    std::string chosen_user = web::field(entered, "bruger");
    db_.read([&](db::Connection& c) {
      for (const auto& u : db::list_staff_users(c)) {
        if (!u.active) continue;
        std::string id = std::to_string(u.id);
        people.push_back({{"value", id}, {"label", u.name}, {"selected", id == chosen_user}});
        if (db::has_permission(c, u.id, "supervisor")) supervisors.push_back({{"name", u.name}});
      }
      return 0;
    });
    ctx["people"] = people;
    ctx["supervisors"] = supervisors;
    ctx["no_supervisors"] = supervisors.empty();
  }
  if (!problems.empty()) ctx["page_title"] = renderer_.text(lang, "error_prefix") + " " + ctx["page_title"].get<std::string>();
  web::send_html(res, status, access_.page(user, "offer_ratings", ctx, lang));
}

void OfferRoutes::ratings(const httplib::Request& req, httplib::Response& res) {
  auto user = access_.require(req, res, {Role::kAdmin, Role::kStaff, Role::kSecretary});
  if (!user) return;
  std::string lang = access_.language(req, res);
  if (!may_rate(*user)) return web::message_page(res, renderer_, lang, 403, "offer_not_supervisor");
  std::string period = param(req, "periode");
  if (period.empty()) period = complaints::period_of(today_iso()).label;
  if (period_problem(period, today_iso())) return web::message_page(res, renderer_, lang, 400, "offer_bad_period");
  render_ratings(res, 200, *user, lang, period, {{"periode", period}, {"besoeg", today_iso()}}, {});
}

void OfferRoutes::post_rating(const httplib::Request& req, httplib::Response& res) {
  std::string lang = access_.language(req, res);
  auto fields = web::form_fields(req);
  if (!fields) return web::message_page(res, renderer_, lang, 400, "bad_request");
  auto user = access_.require_post(req, res, *fields, {Role::kAdmin, Role::kStaff, Role::kSecretary});
  if (!user) return;
  if (!may_rate(*user)) return web::message_page(res, renderer_, lang, 403, "offer_not_supervisor");
  fields->erase("csrf");
  auto offer_id = complaints::parse_id(web::field(*fields, "tilbud"));
  auto offer = offer_id ? db_.read([&](db::Connection& c) { return db::find_offer(c, *offer_id); })
                        : std::optional<db::OfferRow>();
  auto parsed = parse_rating({web::field(*fields, "periode"), web::field(*fields, "smiley"),
                              web::field(*fields, "besoeg"), web::field(*fields, "tilsynsfoerende"),
                              web::field(*fields, "resume")},
                             offer, today_iso());
  if (!parsed.ok()) {
    std::string period = web::field(*fields, "periode");
    if (period_problem(period, today_iso())) period = complaints::period_of(today_iso()).label;
    return render_ratings(res, 422, *user, lang, period, *fields, parsed.problems);
  }
  save_rating(db_, *parsed.value, Editor{user->id, user->name});
  web::redirect(res, "/tilbud/" + std::to_string(parsed.value->offer_id) + "#tilsyn");
}

void OfferRoutes::post_permission(const httplib::Request& req, httplib::Response& res) {
  std::string lang = access_.language(req, res);
  auto fields = web::form_fields(req);
  if (!fields) return web::message_page(res, renderer_, lang, 400, "bad_request");
  auto user = access_.require_post(req, res, *fields, {Role::kAdmin});
  if (!user) return;
  auto target = complaints::parse_id(web::field(*fields, "bruger"));
  std::string action = web::field(*fields, "handling");
  Problems problems;
  if (action != "tildel" && action != "fratag") problems.push_back({"bruger", "offer_error_permission_action"});
  bool found = false;
  if (problems.empty() && target) {
    db_.write([&](db::Connection& c) {
      auto u = db::find_staff_user(c, *target);
      if (!u || !u->active) return;
      found = true;
      bool changed = action == "tildel" ? db::grant_permission(c, u->id, "supervisor")
                                        : db::revoke_permission(c, u->id, "supervisor");
      if (changed) {
        db::record_audit(c, db::AuditEvent{user->id, user->name, action == "tildel" ? "grant" : "revoke", "user",
                                           std::to_string(u->id), "", R"({"permission":"supervisor"})"});
      }
    });
  }
  if (problems.empty() && !found) problems.push_back({"bruger", "offer_error_user"});
  if (!problems.empty()) {
    fields->erase("csrf");
    return render_ratings(res, 422, *user, lang, complaints::period_of(today_iso()).label, *fields, problems);
  }
  web::redirect(res, "/tilbud/tilsyn");
}

}  // namespace tilfreds::intake::offers
