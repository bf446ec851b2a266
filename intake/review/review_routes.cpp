#include "intake/review/review_routes.h"

#include <set>

#include "db/audit_store.h"
#include "db/review_store.h"
#include "intake/dates.h"
#include "intake/review/registration.h"
#include "intake/review/sample.h"
#include "intake/text.h"
#include "intake/web/http.h"

namespace tilfreds::intake::review {

namespace {
using staff::Role;
using nlohmann::json;
constexpr std::size_t kMaxField = 200;
constexpr std::size_t kMaxList = 200000;

staff::Actor actor_of(const staff::StaffUser& u) { return {u.id, u.name}; }

std::optional<std::int64_t> id_of(const httplib::Request& req) {
  if (req.matches.size() < 2) return std::nullopt;
  return std::stoll(req.matches[1].str());
}

// Maps problem places ("--period", "line 3", a control point id) to a form field.
std::string draw_field(const std::string& where) {
  for (const char* f : {"area", "period", "group", "size"}) {
    if (where == std::string("--") + f) return f;
  }
  return "list";
}

void audit_view(db::Database& db, const staff::StaffUser& u, const std::string& entity, std::int64_t id) {
  db.write([&](db::Connection& c) { db::record_audit(c, {u.id, u.name, "view", entity, std::to_string(id), "", "{}"}); });
}
}  // namespace

ReviewRoutes::ReviewRoutes(db::Database& db, const web::Renderer& renderer, staff::StaffAccess& access)
    : db_(db), renderer_(renderer), access_(access) {}

void ReviewRoutes::attach(web::Router& s) {
  s.Get("/tilsyn", web::member_route(this, &ReviewRoutes::home));
  s.Post("/tilsyn/udtraek", web::member_route(this, &ReviewRoutes::post_draw));
  s.Get(R"(/tilsyn/gennemgang/(\d{1,12}))", web::member_route(this, &ReviewRoutes::show_review));
  s.Get(R"(/tilsyn/sag/(\d{1,12}))", web::member_route(this, &ReviewRoutes::show_case));
  s.Post(R"(/tilsyn/sag/(\d{1,12}))", web::member_route(this, &ReviewRoutes::post_case));
}

namespace {
json home_context(db::Database& db, const web::Renderer& r, const std::string& lang, const staff::StaffUser& user,
                  const std::map<std::string, std::string>& values, const Problems& problems) {
  json reviews = json::array();
  json areas = json::array();
  db.read([&](db::Connection& c) {
    for (const auto& a : db::review_areas(c)) {
      areas.push_back({{"value", a.id}, {"label", a.name}, {"selected", values.count("area") && values.at("area") == a.id}});
      for (const auto& rv : db::reviews_of_area(c, a.id)) {
        auto cases = db::review_cases(c, rv.id);
        std::size_t done = 0;
        for (const auto& k : cases) done += k.done;
        reviews.push_back({{"area", a.name}, {"period", rv.period}, {"href", "/tilsyn/gennemgang/" + std::to_string(rv.id)},
                           {"done", done}, {"cases", cases.size()}});
      }
    }
    return 0;
  });
  json ctx = {{"page_title", r.text(lang, "review_home_heading")}, {"reviews", reviews},
              {"has_reviews", !reviews.empty()}, {"areas", areas}, {"can_draw", !areas.empty()},
              {"csrf", user.csrf}, {"v", values}, {"e", json::object()}, {"errors", json::array()},
              {"has_errors", !problems.empty()}, {"notice", false}};
  for (const auto& p : problems) {
    const std::string f = draw_field(p.where);
    // The page's language for the field; a line of the list is named as the check named it.
    std::string message = r.text(lang, "review_draw_error_" + f);
    if (p.where.rfind("line ", 0) == 0) message += " (" + r.text(lang, "review_draw_line") + " " + p.where.substr(5) + ")";
    if (!ctx["e"].contains(f)) ctx["e"][f] = message;
    ctx["errors"].push_back({{"anchor", "f-" + f}, {"message", message}});
  }
  if (!problems.empty()) ctx["page_title"] = r.text(lang, "error_prefix") + " " + ctx["page_title"].get<std::string>();
  return ctx;
}
}  // namespace

void ReviewRoutes::home(const httplib::Request& req, httplib::Response& res) {
  auto user = access_.require(req, res, {Role::kReviewer, Role::kAdmin});
  if (!user) return;
  std::string lang = access_.language(req, res);
  web::send_html(res, 200, access_.page(*user, "review_home", home_context(db_, renderer_, lang, *user, {}, {}), lang));
}

void ReviewRoutes::post_draw(const httplib::Request& req, httplib::Response& res) {
  std::string lang = access_.language(req, res);
  auto fields = web::form_fields(req);
  if (!fields) return web::message_page(res, renderer_, lang, 400, "bad_request");
  auto user = access_.require_post(req, res, *fields, {Role::kReviewer, Role::kAdmin});
  if (!user) return;
  std::map<std::string, std::string> v;
  for (const char* f : {"area", "period", "group", "size", "list"}) v[f] = web::field(*fields, f);
  Problems problems;
  for (const char* f : {"area", "period", "group", "size"}) {
    if (v[f].size() > kMaxField) problems.push_back({std::string("--") + f, renderer_.text(lang, "review_error_too_long")});
  }
  if (v["list"].size() > kMaxList) problems.push_back({"--list", renderer_.text(lang, "review_error_too_long")});
  std::optional<std::int64_t> size;
  const std::string sz = trim(v["size"]);
  if (!sz.empty()) {
    if (sz.size() > 6 || sz.find_first_not_of("0123456789") != std::string::npos) {
      problems.push_back({"--size", renderer_.text(lang, "review_error_size")});
    } else {
      size = std::stoll(sz);
    }
  }
  if (problems.empty()) {
    auto drawn = sample_cases(db_, actor_of(*user),
                              {trim(v["area"]), trim(v["period"]), std::nullopt, trim(v["group"]), v["list"], size, std::nullopt});
    if (drawn.ok()) return web::redirect(res, "/tilsyn/gennemgang/" + std::to_string(drawn.value->review_id));
    problems = drawn.problems;
  }
  json ctx = home_context(db_, renderer_, lang, *user, v, problems);
  web::send_html(res, 422, access_.page(*user, "review_home", ctx, lang));
}

void ReviewRoutes::show_review(const httplib::Request& req, httplib::Response& res) {
  auto user = access_.require(req, res, {Role::kReviewer, Role::kAdmin});
  if (!user) return;
  std::string lang = access_.language(req, res);
  auto id = id_of(req);
  auto review = db_.read([&](db::Connection& c) { return db::find_review_by_id(c, *id); });
  if (!review) return web::message_page(res, renderer_, lang, 404, "not_found");
  auto cases = db_.read([&](db::Connection& c) { return db::review_cases(c, review->id); });
  audit_view(db_, *user, "review", review->id);
  json items = json::array();
  json next = false;
  for (const auto& k : cases) {
    const std::string href = "/tilsyn/sag/" + std::to_string(k.id);
    if (!k.done && next == false) next = href;
    items.push_back({{"group", k.group_id}, {"href", href},
                     {"ref", k.case_ref.value_or(renderer_.text(lang, "review_list_anonymised"))},
                     {"status", renderer_.text(lang, k.done ? "review_list_done" : "review_list_todo")}});
  }
  json ctx = {{"page_title", review->area_id + " " + review->period}, {"heading", review->area_id + " " + review->period},
              {"cases", items}, {"next_href", next}};
  web::send_html(res, 200, access_.page(*user, "review_list", ctx, lang));
}

namespace {
// The case page: step 1 asks every control point's result; step 2 keeps the
// results hidden and asks act date and "still reproduced" for the errors only.
json case_context_json(const web::Renderer& r, const std::string& lang, const staff::StaffUser& user,
                       const CaseContext& c, int step, const std::map<std::string, std::string>& v,
                       const Problems& problems) {
  const TargetGroup& g = *c.scheme.find(c.kase.group_id);
  std::map<std::string, std::string> error_of;
  for (const auto& p : problems) error_of.emplace(p.where, p.message);
  json points = json::array();
  json errors = json::array();
  for (std::size_t i = 0; i < g.control_points.size(); ++i) {
    const auto& cp = g.control_points[i];
    const std::string field = "r_" + cp.id;
    const std::string result = v.count(field) ? v.at(field) : "";
    const std::string fid = "kp-" + cp.id;
    json pj = {{"field", field}, {"field_id", fid}, {"text", survey::text_in(cp.text, lang)},
               {"category", r.text(lang, "review_category_" + cp.category)}, {"ask_result", step == 1},
               {"ask_age", step == 2 && result == "fejl"}, {"result", result},
               {"date_field", "d_" + cp.id}, {"reproduced_field", "p_" + cp.id},
               {"act_date", v.count("d_" + cp.id) ? v.at("d_" + cp.id) : ""},
               {"reproduced_ja", v.count("p_" + cp.id) && v.at("p_" + cp.id) == "ja"},
               {"reproduced_nej", v.count("p_" + cp.id) && v.at("p_" + cp.id) == "nej"},
               {"error", error_of.count(cp.id) ? json(error_of[cp.id]) : json(false)}};
    json options = json::array();
    for (const char* o : {"ok", "fejl", "ikke_relevant"}) {
      options.push_back({{"value", o}, {"label", r.text(lang, std::string("review_result_") + o)},
                         {"input_id", fid + "-" + o}, {"field", field}, {"checked", result == o},
                         {"invalid", error_of.count(cp.id) > 0}});
    }
    pj["options"] = options;
    if (error_of.count(cp.id)) errors.push_back({{"anchor", fid}, {"message", survey::text_in(cp.text, lang) + ": " + error_of[cp.id]}});
    points.push_back(std::move(pj));
  }
  const std::string heading = r.text(lang, "review_case_heading") + " " + c.kase.case_ref.value_or("#" + std::to_string(c.kase.id));
  json ctx = {{"page_title", (problems.empty() ? "" : r.text(lang, "error_prefix") + " ") + heading},
              {"heading", heading},
              {"intro", survey::text_in(g.label, lang) + " · " + c.review.area_id + " " + c.review.period + " · " +
                            r.text(lang, step == 1 ? "review_case_step1" : "review_case_step2")},
              {"points", points}, {"errors", errors}, {"has_errors", !problems.empty()}, {"csrf", user.csrf},
              {"step", step}, {"action", "/tilsyn/sag/" + std::to_string(c.kase.id)},
              {"submit", r.text(lang, "review_case_save")},
              {"back_href", "/tilsyn/gennemgang/" + std::to_string(c.review.id)}};
  return ctx;
}
}  // namespace

void ReviewRoutes::show_case(const httplib::Request& req, httplib::Response& res) {
  auto user = access_.require(req, res, {Role::kReviewer, Role::kAdmin});
  if (!user) return;
  std::string lang = access_.language(req, res);
  auto c = case_context(db_, *id_of(req));
  if (!c || !c->scheme.find(c->kase.group_id)) return web::message_page(res, renderer_, lang, 404, "not_found");
  audit_view(db_, *user, "review_case", c->kase.id);
  // A registered case opens with its results, so a correction starts from them.
  std::map<std::string, std::string> v;
  for (const auto& r : db_.read([&](db::Connection& conn) { return db::case_results(conn, c->kase.id); })) {
    v["r_" + r.control_point] = r.result;
    if (r.act_date) v["d_" + r.control_point] = *r.act_date;
    if (r.reproduced) v["p_" + r.control_point] = *r.reproduced ? "ja" : "nej";
  }
  web::send_html(res, 200, access_.page(*user, "review_case", case_context_json(renderer_, lang, *user, *c, 1, v, {}), lang));
}

void ReviewRoutes::post_case(const httplib::Request& req, httplib::Response& res) {
  std::string lang = access_.language(req, res);
  auto fields = web::form_fields(req);
  if (!fields) return web::message_page(res, renderer_, lang, 400, "bad_request");
  auto user = access_.require_post(req, res, *fields, {Role::kReviewer, Role::kAdmin});
  if (!user) return;
  auto c = case_context(db_, *id_of(req));
  if (!c || !c->scheme.find(c->kase.group_id)) return web::message_page(res, renderer_, lang, 404, "not_found");
  const TargetGroup& g = *c->scheme.find(c->kase.group_id);
  const int step = web::field(*fields, "step") == "2" ? 2 : 1;
  std::map<std::string, std::string> v;
  std::vector<CaseAnswer> answers;
  bool any_error = false;
  for (const auto& cp : g.control_points) {
    CaseAnswer a{cp.id, web::field(*fields, "r_" + cp.id), "", ""};
    if (a.result.size() > kMaxField) return web::message_page(res, renderer_, lang, 400, "bad_request");
    v["r_" + cp.id] = a.result;
    if (step == 2 && a.result == "fejl") {
      a.act_date = trim(web::field(*fields, "d_" + cp.id)).substr(0, kMaxField);
      a.reproduced = web::field(*fields, "p_" + cp.id).substr(0, kMaxField);
      v["d_" + cp.id] = a.act_date;
      v["p_" + cp.id] = a.reproduced;
    }
    any_error = any_error || a.result == "fejl";
    answers.push_back(std::move(a));
  }
  const std::string today = today_iso();
  Problems problems = check_answers(*c, answers, today, step == 1);
  if (problems.empty() && step == 1 && any_error) {
    return web::send_html(res, 200, access_.page(*user, "review_case", case_context_json(renderer_, lang, *user, *c, 2, v, {}), lang));
  }
  if (problems.empty()) problems = save_case(db_, actor_of(*user), c->kase.id, answers, today);
  if (!problems.empty()) {
    // The message in the page's language: the checks' English words name the fault for logs and the CLI.
    for (auto& p : problems) p.message = renderer_.text(lang, "review_case_invalid");
    return web::send_html(res, 422, access_.page(*user, "review_case", case_context_json(renderer_, lang, *user, *c, step, v, problems), lang));
  }
  // On to the next case not yet registered, or back to the review.
  for (const auto& k : db_.read([&](db::Connection& conn) { return db::review_cases(conn, c->review.id); })) {
    if (!k.done) return web::redirect(res, "/tilsyn/sag/" + std::to_string(k.id));
  }
  web::redirect(res, "/tilsyn/gennemgang/" + std::to_string(c->review.id));
}

}  // namespace tilfreds::intake::review
