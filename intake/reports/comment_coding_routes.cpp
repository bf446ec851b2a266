#include "intake/reports/comment_coding_routes.h"

#include <algorithm>

#include "db/survey_store.h"
#include "intake/reports/comment_coding.h"
#include "intake/text.h"
#include "intake/web/http.h"
#include "intake/web/params.h"

namespace tilfreds::intake::reports {

namespace {
using nlohmann::json;
using staff::Role;
constexpr std::size_t kMaxField = 200;
// Every comment on the page carries its own form: a wave of several hundred would
// be one very long page to tab through and to read out.
constexpr std::size_t kCommentsPerPage = 25;

std::size_t page_count(const WaveComments& wc) {
  return std::max<std::size_t>(1, (wc.comments.size() + kCommentsPerPage - 1) / kCommentsPerPage);
}

// The page that holds the comment with `id`, or the first with no theme yet (where
// the secretary left off) when `id` is none of them; page 1 when all are coded.
std::size_t page_holding(const WaveComments& wc, const std::string& id) {
  std::optional<std::size_t> uncoded;
  for (std::size_t i = 0; i < wc.comments.size(); ++i) {
    if (wc.comments[i].id == id) return i / kCommentsPerPage + 1;
    if (!uncoded && !wc.comments[i].theme_id) uncoded = i;
  }
  return uncoded.value_or(0) / kCommentsPerPage + 1;
}

std::string base_of(std::int64_t wave_id) { return "/rapporter/kommentarer/" + std::to_string(wave_id); }

std::optional<db::WaveRow> wave_of(db::Database& db, const httplib::Request& req) {
  if (req.matches.size() < 2) return std::nullopt;
  const auto id = std::stoll(req.matches[1].str());
  return db.read([&](db::Connection& c) { return db::find_wave(c, id); });
}

// What was posted and what was wrong with it, to show the page again.
struct Posted {
  std::string form;  // "theme" or the comment id whose form was posted
  std::map<std::string, std::string> values;
  Problems problems;
  std::string notice;  // UI text key after a saved change
};

json page_context(const WaveComments& wc, const web::Renderer& r, const std::string& lang,
                  const staff::StaffUser& user, const Posted& posted, std::size_t page_no) {
  const std::string base = base_of(wc.wave.id);
  json errors = json::array();
  json theme_error = false;
  for (const auto& p : posted.problems) {
    const std::string message = r.text(lang, p.message);
    if (posted.form == "theme") {
      theme_error = message;
      errors.push_back({{"anchor", "tema-navn"}, {"message", message}});
    }
  }
  json themes = json::array();
  for (const auto& t : wc.themes) themes.push_back({{"name", t.name}});
  json comments = json::array();
  std::size_t coded = 0;
  for (const auto& c : wc.comments) coded += c.theme_id.has_value();
  const std::size_t pages = page_count(wc);
  page_no = std::clamp<std::size_t>(page_no, 1, pages);
  const std::size_t first = (page_no - 1) * kCommentsPerPage;
  for (std::size_t i = first; i < std::min(first + kCommentsPerPage, wc.comments.size()); ++i) {
    const auto& c = wc.comments[i];
    const std::string fid = "k" + std::to_string(i + 1);
    const bool mine = posted.form == c.id;
    auto value = [&](const std::string& f, const std::string& current) {
      return mine && posted.values.count(f) ? posted.values.at(f) : current;
    };
    const std::string current_theme = c.theme_id && wc.theme(*c.theme_id) ? wc.theme(*c.theme_id)->name : "";
    const std::string theme = value("theme", current_theme);
    const std::string tone = value("tone", c.tone.empty() ? "ingen" : c.tone);
    const bool quote = mine ? posted.values.count("quote") && posted.values.at("quote") == "ja" : c.quote;
    json e = json::object();
    if (mine) {
      for (const auto& p : posted.problems) {
        const std::string message = r.text(lang, p.message);
        e[p.where] = message;
        const std::string anchor = p.where == "tone" ? "tone-ingen" : p.where == "wording" ? "wording" : "theme";
        errors.push_back({{"anchor", fid + "-" + anchor},
                          {"message", r.text(lang, "coding_comment") + " " + std::to_string(i + 1) + ": " + message}});
      }
    }
    json theme_options = json::array();
    theme_options.push_back({{"value", ""}, {"label", r.text(lang, "coding_no_theme")}, {"selected", theme.empty()}});
    for (const auto& t : wc.themes) {
      theme_options.push_back({{"value", t.name}, {"label", t.name}, {"selected", t.name == theme}});
    }
    json tones = json::array();
    for (const char* v : {"ingen", "ris", "ros"}) {
      tones.push_back({{"value", v}, {"label", r.text(lang, std::string("coding_tone_") + (std::string(v) == "ingen" ? "neither" : v))},
                       {"input_id", fid + "-tone-" + v}, {"checked", tone == v}});
    }
    std::string status = current_theme.empty() ? r.text(lang, "coding_status_uncoded") : current_theme;
    if (!c.tone.empty()) status += " · " + r.text(lang, "coding_tone_" + c.tone);
    if (c.quote) status += " · " + r.text(lang, "coding_status_quote");
    if (c.wording) status += " · " + r.text(lang, "coding_status_edited");
    comments.push_back({{"number", i + 1}, {"fid", fid}, {"id", c.id}, {"text", c.text}, {"themes", theme_options},
                        {"tones", tones}, {"quote", quote}, {"wording", value("wording", c.quote_text())},
                        {"edited", c.wording.has_value()}, {"status", status}, {"e", e},
                        {"has_error", mine && !posted.problems.empty()}});
  }
  std::string heading = r.text(lang, "coding_heading") + " " + wc.wave.label + " (" + wc.wave.survey_id + ")";
  json ctx = {{"page_title", (posted.problems.empty() ? "" : r.text(lang, "error_prefix") + " ") + heading},
              {"heading", heading}, {"csrf", user.csrf}, {"theme_action", base + "/tema"},
              {"code_action", base + "/kode"}, {"themes", themes}, {"has_themes", !themes.empty()},
              {"comments", comments}, {"has_comments", !comments.empty()},
              {"progress", std::to_string(coded) + " / " + std::to_string(wc.comments.size())},
              {"theme_name", posted.form == "theme" && posted.values.count("name") ? posted.values.at("name") : ""},
              {"theme_error", theme_error}, {"errors", errors}, {"has_errors", !errors.empty()},
              {"notice", posted.notice.empty() ? json(false) : json(r.text(lang, posted.notice))},
              {"has_pager", pages > 1}, {"page_no", std::to_string(page_no)}, {"page_count", std::to_string(pages)}};
  if (page_no > 1) ctx["previous_href"] = base + "?side=" + std::to_string(page_no - 1) + "#kommentarer";
  if (page_no < pages) ctx["next_href"] = base + "?side=" + std::to_string(page_no + 1) + "#kommentarer";
  return ctx;
}
}  // namespace

CommentCodingRoutes::CommentCodingRoutes(db::Database& db, const web::Renderer& renderer, staff::StaffAccess& access)
    : db_(db), renderer_(renderer), access_(access) {}

void CommentCodingRoutes::attach(web::Router& s) {
  s.Get("/rapporter/kommentarer", web::member_route(this, &CommentCodingRoutes::list_waves));
  s.Get(R"(/rapporter/kommentarer/(\d{1,12}))", web::member_route(this, &CommentCodingRoutes::show));
  s.Post(R"(/rapporter/kommentarer/(\d{1,12})/tema)", web::member_route(this, &CommentCodingRoutes::post_theme));
  s.Post(R"(/rapporter/kommentarer/(\d{1,12})/kode)", web::member_route(this, &CommentCodingRoutes::post_code));
}

void CommentCodingRoutes::list_waves(const httplib::Request& req, httplib::Response& res) {
  auto user = access_.require(req, res, {Role::kAdmin, Role::kSecretary});
  if (!user) return;
  const std::string lang = access_.language(req, res);
  json waves = json::array();
  for (const auto& w : db_.read([](db::Connection& c) { return db::all_waves(c); })) {
    if (w.imported) continue;  // aggregates only: no comments
    const WaveComments wc = wave_comments(db_, w);
    if (wc.questions.empty()) continue;
    std::size_t coded = 0;
    for (const auto& c : wc.comments) coded += c.theme_id.has_value();
    waves.push_back({{"label", w.label}, {"survey", w.survey_id}, {"href", base_of(w.id)},
                     {"comments", wc.comments.size()}, {"coded", coded}});
  }
  json ctx = {{"page_title", renderer_.text(lang, "coding_waves_heading")}, {"waves", waves},
              {"has_waves", !waves.empty()}};
  web::send_html(res, 200, access_.page(*user, "comment_waves", ctx, lang));
}

void CommentCodingRoutes::show(const httplib::Request& req, httplib::Response& res) {
  auto user = access_.require(req, res, {Role::kAdmin, Role::kSecretary});
  if (!user) return;
  const std::string lang = access_.language(req, res);
  auto wave = wave_of(db_, req);
  if (!wave) return web::message_page(res, renderer_, lang, 404, "not_found");
  web::QueryParams params(req);
  const auto side = params.number("side", 1, 1'000'000);
  if (!params.ok()) return params.refuse(res, renderer_, lang);
  const WaveComments wc = wave_comments(db_, *wave);
  if (wc.questions.empty()) return web::message_page(res, renderer_, lang, 404, "not_found");
  // Free text may still name people after masking: who read it is on record
  // (a wave without comments shows nobody's words).
  if (!wc.comments.empty()) audit_comment_read(db_, {user->id, user->name}, *wave);
  Posted none;
  if (req.has_param("gemt")) none.notice = "coding_saved";
  const std::size_t page_no = side ? static_cast<std::size_t>(*side) : page_holding(wc, "");
  web::send_html(res, 200,
                 access_.page(*user, "comment_coding", page_context(wc, renderer_, lang, *user, none, page_no), lang));
}

std::optional<CommentCodingRoutes::Post> CommentCodingRoutes::begin_post(const httplib::Request& req,
                                                                         httplib::Response& res) {
  const std::string lang = access_.language(req, res);
  auto fields = web::form_fields(req);
  if (!fields) {
    web::message_page(res, renderer_, lang, 400, "bad_request");
    return std::nullopt;
  }
  auto user = access_.require_post(req, res, *fields, {Role::kAdmin, Role::kSecretary});
  if (!user) return std::nullopt;
  auto wave = wave_of(db_, req);
  if (!wave) {
    web::message_page(res, renderer_, lang, 404, "not_found");
    return std::nullopt;
  }
  return Post{lang, std::move(*fields), std::move(*user), std::move(*wave)};
}

void CommentCodingRoutes::post_theme(const httplib::Request& req, httplib::Response& res) {
  auto post = begin_post(req, res);
  if (!post) return;
  const auto& [lang, fields, user, wave] = *post;
  const std::string name = web::field(fields, "name");
  auto added = add_theme(db_, {user.id, user.name}, wave, name);
  if (added.ok()) return web::redirect(res, base_of(wave.id) + "?gemt=tema#temaer");
  Posted posted{"theme", {{"name", name}}, added.problems, ""};
  const WaveComments wc = wave_comments(db_, wave);
  web::send_html(res, 422, access_.page(user, "comment_coding",
                                        page_context(wc, renderer_, lang, user, posted, page_holding(wc, "")), lang));
}

void CommentCodingRoutes::post_code(const httplib::Request& req, httplib::Response& res) {
  auto post = begin_post(req, res);
  if (!post) return;
  const auto& [lang, fields, user, wave] = *post;
  CodingInput in{web::field(fields, "comment"), web::field(fields, "theme"), web::field(fields, "tone"),
                 web::field(fields, "quote") == "ja", web::field(fields, "wording")};
  if (in.comment.size() > kMaxField) return web::message_page(res, renderer_, lang, 400, "bad_request");
  Problems problems = code_comment(db_, {user.id, user.name}, wave, in);
  if (problems.empty()) {
    // Back to the comment just saved, on its page.
    const WaveComments wc = wave_comments(db_, wave);
    std::size_t at = 0;
    for (std::size_t i = 0; i < wc.comments.size(); ++i) {
      if (wc.comments[i].id == trim(in.comment)) at = i + 1;
    }
    return web::redirect(res, base_of(wave.id) + "?side=" + std::to_string(page_holding(wc, trim(in.comment))) +
                                  "&gemt=1#k" + std::to_string(at));
  }
  Posted posted{trim(in.comment), {{"theme", in.theme}, {"tone", in.tone}, {"quote", in.quote ? "ja" : ""}, {"wording", in.wording}},
                problems, ""};
  const WaveComments wc = wave_comments(db_, wave);
  // An unknown comment has no form to keep: the summary says what was wrong.
  bool known = false;
  for (const auto& c : wc.comments) known = known || c.id == posted.form;
  json ctx = page_context(wc, renderer_, lang, user, posted, page_holding(wc, posted.form));
  if (!known) {
    for (const auto& p : problems) ctx["errors"].push_back({{"anchor", "kommentarer"}, {"message", renderer_.text(lang, p.message)}});
    ctx["has_errors"] = true;
    ctx["page_title"] = renderer_.text(lang, "error_prefix") + " " + ctx["heading"].get<std::string>();
  }
  web::send_html(res, 422, access_.page(user, "comment_coding", ctx, lang));
}

}  // namespace tilfreds::intake::reports
