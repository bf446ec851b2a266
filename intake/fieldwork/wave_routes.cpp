// The pages of one wave: its dates, closing early, the frame import and its
// progress page, marking invitees, and the progress figures.
#include <algorithm>

#include "db/audit_store.h"
#include "db/fieldwork_store.h"
#include "intake/dates.h"
#include "intake/fieldwork/administration.h"
#include "intake/fieldwork/fieldwork_routes.h"
#include "intake/fieldwork/letter_document.h"
#include "intake/fieldwork/page_parts.h"
#include "intake/fieldwork/progress.h"
#include "intake/reports/render_pdf.h"
#include "intake/settings/site_settings.h"
#include "intake/survey/frame.h"
#include "intake/survey/tokens.h"
#include "intake/text.h"
#include "intake/web/http.h"

namespace tilfreds::intake::fieldwork {

namespace {
using staff::Role;

std::string wave_path(const db::WaveRow& w) { return "/undersoegelser/runder/" + std::to_string(w.id); }

constexpr const char* kCsvType = "text/csv; charset=utf-8";

std::string job_path(JobKind kind, const std::string& id) {
  return (kind == JobKind::kImport ? "/undersoegelser/import/" : "/undersoegelser/breve/") + id;
}

JobFile to_job_file(LetterFile f) { return {std::move(f.bytes), std::move(f.content_type), std::move(f.filename)}; }

// A file with the citizens' personal links: a download, never cached.
void send_file(httplib::Response& res, const JobFile& file) {
  res.set_header("Cache-Control", "no-store");
  res.set_header("Content-Disposition", "attachment; filename=\"" + file.filename + "\"");
  res.set_content(file.bytes, file.content_type);
}

constexpr int kChartWidth = 600;
constexpr int kChartHeight = 120;

// Bars of completed questionnaires per day, drawn by the template from numbers
// only (no markup from C++ reaches the page).
nlohmann::json day_bars(const std::vector<db::DayCount>& days) {
  nlohmann::json bars = nlohmann::json::array();
  std::int64_t most = 1;
  for (const auto& d : days) most = std::max(most, d.completed);
  const int slot = days.empty() ? kChartWidth : std::max(2, kChartWidth / static_cast<int>(days.size()));
  for (std::size_t i = 0; i < days.size(); ++i) {
    int h = static_cast<int>(days[i].completed * (kChartHeight - 10) / most);
    bars.push_back({{"x", static_cast<int>(i) * slot}, {"y", kChartHeight - h}, {"w", std::max(1, slot - 2)},
                    {"h", h}, {"day", days[i].day}, {"n", days[i].completed}});
  }
  return bars;
}
}  // namespace

std::optional<db::WaveRow> FieldworkRoutes::wave_of(const httplib::Request& req, httplib::Response& res,
                                                    const std::string& lang) {
  std::optional<db::WaveRow> wave;
  std::string id = req.matches[1];
  if (id.size() <= 12) wave = db_.read([&](db::Connection& c) { return db::find_wave(c, std::stoll(id)); });
  if (!wave || wave->imported) {
    web::message_page(res, renderer_, lang, 404, "not_found");
    return std::nullopt;
  }
  return wave;
}

void FieldworkRoutes::wave_page(const httplib::Request& req, httplib::Response& res) {
  auto user = access_.require(req, res, {Role::kAdmin, Role::kSecretary});
  if (!user) return;
  std::string lang = access_.language(req, res);
  auto wave = wave_of(req, res, lang);
  if (!wave) return;
  render_wave(res, 200, *user, lang, *wave, {}, {}, "");
}

void FieldworkRoutes::render_wave(httplib::Response& res, int status, const staff::StaffUser& user,
                                  const std::string& lang, const db::WaveRow& wave, const Fields& entered,
                                  const Problems& problems, const std::string& form, nlohmann::json extra) {
  auto state = survey::wave_state(wave, today_iso());
  auto counts = db_.read([&](db::Connection& c) { return db::status_counts(c, wave.id); });
  std::int64_t invited = 0;
  for (const auto& [s, n] : counts) invited += n;
  nlohmann::json ctx = std::move(extra);
  ctx["page_title"] = renderer_.text(lang, "fieldwork_wave_heading") + " " + wave.label;
  ctx["csrf"] = user.csrf;
  ctx["label"] = wave.label;
  ctx["survey"] = wave.survey_id;
  ctx["version"] = wave.survey_version;
  ctx["opens"] = wave.opens.value_or("");
  ctx["closes"] = wave.closes.value_or("");
  ctx["state"] = renderer_.text(lang, std::string("fieldwork_state_") + state_name(state));
  ctx["can_change_dates"] = state == survey::WaveState::kNotYetOpen;
  ctx["can_close"] = state == survey::WaveState::kOpen;
  ctx["can_import"] = state != survey::WaveState::kClosed;
  ctx["invited"] = invited;
  ctx["base"] = wave_path(wave);
  // A fresh key per form shown: the same key posted twice is the same import.
  ctx["key"] = survey::new_secret().substr(0, 22);
  std::map<std::string, std::string> anchors;
  if (form == "dates") anchors = {{"opens", "aabner"}, {"closes", "lukker"}};
  if (form == "frame") anchors = {{"fil", "fil"}};
  if (form == "mark") anchors = {{"reference", "reference"}, {"status", "status"}, {"fil", "marker-fil"}};
  add_problems(ctx, problems, anchors, entered);
  if (!ctx["v"].contains("aabner")) ctx["v"]["aabner"] = wave.opens.value_or("");
  if (!ctx["v"].contains("lukker")) ctx["v"]["lukker"] = wave.closes.value_or("");
  ctx["frame_problems"] = form == "frame" && !problems.empty();
  ctx["form_" + (form.empty() ? std::string("none") : form)] = true;
  ctx["undeliverable_checked"] = web::field(entered, "status") == "undeliverable";
  if (!problems.empty()) {
    ctx["page_title"] = renderer_.text(lang, "error_prefix") + " " + ctx["page_title"].get<std::string>();
  }
  web::send_html(res, status, access_.page(user, "fieldwork_wave", ctx, lang));
}

void FieldworkRoutes::post_dates(const httplib::Request& req, httplib::Response& res, const std::string& lang,
                                 const staff::StaffUser& user, const Fields& fields) {
  auto wave = wave_of(req, res, lang);
  if (!wave) return;
  auto problems = change_wave_dates(db_, Actor{user.id, user.name}, *wave, nonempty(web::field(fields, "aabner")),
                                    nonempty(web::field(fields, "lukker")), today_iso());
  if (!problems.empty()) return render_wave(res, 422, user, lang, *wave, fields, problems, "dates");
  web::redirect(res, wave_path(*wave));
}

void FieldworkRoutes::post_close(const httplib::Request& req, httplib::Response& res, const std::string& lang,
                                 const staff::StaffUser& user, const Fields& fields) {
  auto wave = wave_of(req, res, lang);
  if (!wave) return;
  auto problems = close_wave_early(db_, key_, Actor{user.id, user.name}, *wave, today_iso());
  if (!problems.empty()) return render_wave(res, 422, user, lang, *wave, fields, problems, "close");
  web::redirect(res, wave_path(*wave));
}

// ---- The frame: checked completely first, then imported as a job

void FieldworkRoutes::post_frame(const httplib::Request& req, httplib::Response& res, const std::string& lang,
                                 const staff::StaffUser& user, const Fields& fields) {
  auto wave = wave_of(req, res, lang);
  if (!wave) return;
  auto file = uploaded_file(req, "fil");
  if (!file || file->empty()) {
    return render_wave(res, 422, user, lang, *wave, fields, {{"fil", renderer_.text(lang, "fieldwork_no_file")}},
                       "frame");
  }
  if (survey::wave_state(*wave, today_iso()) == survey::WaveState::kClosed) {
    return render_wave(res, 422, user, lang, *wave, fields, {{"fil", renderer_.text(lang, "fieldwork_closed_import")}},
                       "frame");
  }
  // Every bad line is listed before anything is stored: the check is the parse the
  // import itself makes, so it cannot pass a file the import would refuse.
  auto frame = survey::parse_frame(*file, survey::questionnaire_for(db_, *wave));
  if (!frame.problems.empty()) return render_wave(res, 422, user, lang, *wave, fields, frame.problems, "frame");
  std::string key = web::field(fields, "noegle").substr(0, 64);
  Actor actor{user.id, user.name};
  std::string csv = std::move(*file);
  std::string id = jobs_->start(JobKind::kImport, user.id, wave->id, key,
                                [this, actor, w = *wave, csv = std::move(csv)](const FieldworkJobs::Progress& progress) {
                                  auto result = import_frame(db_, key_, actor, w, csv, options_.base_url, false, progress);
                                  FieldworkJobs::Outcome out;
                                  out.imported = result.letters.size();
                                  out.problems = std::move(result.problems);
                                  if (!result.letters.empty()) {
                                    out.file = JobFile{survey::letters_csv(result.letters), kCsvType, "breve.csv"};
                                  }
                                  return out;
                                });
  web::redirect(res, job_path(JobKind::kImport, id));
}

void FieldworkRoutes::job_page(const httplib::Request& req, httplib::Response& res) {
  auto user = access_.require(req, res, {Role::kAdmin, Role::kSecretary});
  if (!user) return;
  std::string lang = access_.language(req, res);
  auto job = job_of(req, *user);
  if (!job) return web::message_page(res, renderer_, lang, 404, "not_found");
  auto wave = db_.read([&](db::Connection& c) { return db::find_wave(c, job->wave_id); });
  const bool import = job->kind == JobKind::kImport;
  const std::string texts = import ? "fieldwork_job_" : "fieldwork_letters_job_";
  nlohmann::json ctx{{"page_title", renderer_.text(lang, texts + (job->finished ? "done_heading" : "running_heading"))},
                     {"running_heading", renderer_.text(lang, texts + "running_heading")},
                     {"done_heading", renderer_.text(lang, texts + "done_heading")},
                     {"progress_text", renderer_.text(lang, texts + "progress")},
                     {"outcome_text", renderer_.text(lang, import ? "fieldwork_job_imported" : "fieldwork_letters_job_made")},
                     {"file_text", renderer_.text(lang, import ? "fieldwork_job_letters" : "fieldwork_letters_job_file")},
                     {"import", import},
                     {"finished", job->finished}, {"done", job->done}, {"total", job->total},
                     {"imported", job->imported}, {"letters", job->file},
                     {"letters_href", job_path(job->kind, job->id) + (import ? "/breve.csv" : "/fil")},
                     {"wave", wave ? wave->label : ""},
                     {"wave_href", wave ? wave_path(*wave) : "/undersoegelser"}};
  // Reloads itself while running; a screen reader hears the figure in the status region.
  if (!job->finished) ctx["refresh"] = "2";
  add_problems(ctx, job->problems, {}, {});
  web::send_html(res, 200, access_.page(*user, "fieldwork_job", ctx, lang));
}

void FieldworkRoutes::job_file(const httplib::Request& req, httplib::Response& res) {
  auto user = access_.require(req, res, {Role::kAdmin, Role::kSecretary});
  if (!user) return;
  std::string lang = access_.language(req, res);
  auto job = job_of(req, *user);
  if (!job) return web::message_page(res, renderer_, lang, 404, "not_found");
  auto file = jobs_->take_file(job->id, user->id);
  if (!file) return web::message_page(res, renderer_, lang, 410, "fieldwork_letters_taken");
  if (job->kind == JobKind::kImport) {
    // The letters of a wave made again are audited when made (make_letters); the
    // import's own letters when they leave the server.
    db_.write([&](db::Connection& c) {
      db::record_audit(c, {user->id, user->name, "letters", "wave", std::to_string(job->wave_id), "",
                           nlohmann::json{{"format", "csv"}, {"letters", job->imported}}.dump()});
    });
  }
  send_file(res, *file);
}

std::optional<JobState> FieldworkRoutes::job_of(const httplib::Request& req, const staff::StaffUser& user) {
  auto job = jobs_->find(req.matches[1], user.id);
  // An import's id under /breve/ (or the other way round) is not that page.
  const bool import_path = req.path.rfind("/undersoegelser/import/", 0) == 0;
  if (!job || (job->kind == JobKind::kImport) != import_path) return std::nullopt;
  return job;
}

// ---- Letters and reminders made again

void FieldworkRoutes::letters(const httplib::Request& req, httplib::Response& res) {
  auto user = access_.require(req, res, {Role::kAdmin, Role::kSecretary});
  if (!user) return;
  std::string lang = access_.language(req, res);
  auto wave = wave_of(req, res, lang);
  if (!wave) return;
  send_letters(res, lang, *user, *wave, false, {});
}

void FieldworkRoutes::post_letters(const httplib::Request& req, httplib::Response& res, const std::string& lang,
                                   const staff::StaffUser& user, const Fields& fields) {
  auto wave = wave_of(req, res, lang);
  if (!wave) return;
  send_letters(res, lang, user, *wave, false, fields);
}

void FieldworkRoutes::post_reminders(const httplib::Request& req, httplib::Response& res, const std::string& lang,
                                     const staff::StaffUser& user, const Fields& fields) {
  auto wave = wave_of(req, res, lang);
  if (!wave) return;
  send_letters(res, lang, user, *wave, true, fields);
}

// CSV at once; PDF and zip as a job with a progress page (a zip of 10,000
// single-letter PDFs takes minutes), started once per form key.
void FieldworkRoutes::send_letters(httplib::Response& res, const std::string& lang, const staff::StaffUser& user,
                                   const db::WaveRow& wave, bool reminder, const Fields& fields) {
  const std::string format_name = fields.empty() ? "csv" : web::field(fields, "format");
  auto format = parse_letter_format(format_name);
  if (!format) {
    return render_wave(res, 422, user, lang, wave, fields,
                       {{"format", renderer_.text(lang, "fieldwork_letters_format_unknown")}}, "letters");
  }
  if (*format != LetterFormat::kCsv && reports::pdf_engine().empty()) {
    return web::message_page(res, renderer_, lang, 503, "report_pdf_missing");
  }
  const Actor actor{user.id, user.name};
  const LetterContext context{reminder, wave.closes.value_or(""), today_iso(), options_.base_url};
  if (*format == LetterFormat::kCsv) {
    auto set = make_letters(db_, actor, wave, reminder, options_.open, context.today);
    if (!set.unopened.empty()) return refuse_unopened(res, lang, wave, set.unopened.size());
    return send_file(res, to_job_file(letters_file(set.letters, *format, {}, renderer_, context)));
  }
  const JobKind kind = reminder ? JobKind::kReminders : JobKind::kLetters;
  std::string key = web::field(fields, "noegle").substr(0, 64);
  std::string id = jobs_->start(kind, user.id, wave.id, key, [this, actor, wave, format = *format, context, lang](
                                                               const FieldworkJobs::Progress& progress) {
    FieldworkJobs::Outcome out;
    auto set = make_letters(db_, actor, wave, context.reminder, options_.open, context.today);
    if (!set.unopened.empty()) {
      out.problems.push_back({"letters", renderer_.text(lang, "fieldwork_letters_sealed_text") + " " +
                                             std::to_string(set.unopened.size())});
      return out;
    }
    // Nobody to write to (every reminder answered or marked): no file, "0 letters made".
    if (set.letters.empty()) return out;
    progress(0, set.letters.size());
    auto file = letters_file(set.letters, format, settings::load(db_), renderer_, context, progress);
    progress(set.letters.size(), set.letters.size());
    out.imported = set.letters.size();
    out.file = to_job_file(std::move(file));
    return out;
  });
  web::redirect(res, job_path(kind, id));
}

void FieldworkRoutes::refuse_unopened(httplib::Response& res, const std::string& lang, const db::WaveRow& wave,
                                      std::size_t unopened) {
  web::message_page(res, renderer_, lang, 409, "fieldwork_letters_sealed",
                    {{"detail", std::to_string(unopened)},
                     {"link_href", wave_path(wave)},
                     {"link_text", renderer_.text(lang, "fieldwork_back_to_wave")}});
}

// ---- Marking ineligible or undeliverable

void FieldworkRoutes::post_mark(const httplib::Request& req, httplib::Response& res, const std::string& lang,
                                const staff::StaffUser& user, const Fields& fields) {
  auto wave = wave_of(req, res, lang);
  if (!wave) return;
  Problems problems;
  std::string status_name = web::field(fields, "status");
  auto status = db::parse_status(status_name);
  if (!status || (*status != db::InviteeStatus::kIneligible && *status != db::InviteeStatus::kUndeliverable)) {
    problems.push_back({"status", renderer_.text(lang, "fieldwork_mark_choose_status")});
  }
  std::vector<std::string> refs;
  if (auto one = nonempty(web::field(fields, "reference"))) refs.push_back(*one);
  if (auto file = uploaded_file(req, "fil"); file && !file->empty()) {
    auto listed = references_csv(*file);
    if (!listed.ok()) {
      for (auto p : listed.problems) problems.push_back({"fil", p.where + ": " + p.message});
    } else {
      refs.insert(refs.end(), listed.value->begin(), listed.value->end());
    }
  } else if (refs.empty()) {
    problems.push_back({"reference", renderer_.text(lang, "fieldwork_mark_none")});
  }
  if (!problems.empty()) return render_wave(res, 422, user, lang, *wave, fields, problems, "mark");
  auto result = mark_invitees(db_, Actor{user.id, user.name}, *wave, refs, *status);
  nlohmann::json unknown = result.unknown, completed = result.completed;
  render_wave(res, result.unknown.empty() ? 200 : 422, user, lang, *wave, {}, {}, "mark",
              {{"marked", true}, {"changed", result.changed}, {"unknown", unknown},
               {"has_unknown", !result.unknown.empty()}, {"completed", completed},
               {"has_completed", !result.completed.empty()}});
}

// ---- Progress

void FieldworkRoutes::progress(const httplib::Request& req, httplib::Response& res) {
  auto user = access_.require(req, res, {Role::kAdmin, Role::kSecretary, Role::kStaff});
  if (!user) return;
  std::string lang = access_.language(req, res);
  auto wave = wave_of(req, res, lang);
  if (!wave) return;
  WaveProgress p = wave_progress(db_, *wave, today_iso());
  if (req.has_param("format") && req.get_param_value("format") == "json") {
    res.set_header("Cache-Control", "no-store");
    return res.set_content(progress_json(p, true).dump(2) + "\n", "application/json; charset=utf-8");
  }
  auto q = survey::questionnaire_for(db_, *wave);
  auto row_json = [&](const ProgressRow& r, const std::string& label) {
    using S = db::InviteeStatus;
    auto at = [&](S s) { auto it = r.counts.find(s); return it == r.counts.end() ? 0 : it->second; };
    return nlohmann::json{{"label", label}, {"in_frame", r.in_frame}, {"invited", at(S::kInvited)},
                          {"opened", at(S::kOpened)}, {"partial", at(S::kPartial)},
                          {"completed", at(S::kCompleted)}, {"ineligible", at(S::kIneligible)},
                          {"undeliverable", at(S::kUndeliverable)}, {"rr1", percent(r.rr1, lang)},
                          {"rr2", percent(r.rr2, lang)}};
  };
  nlohmann::json groups = nlohmann::json::array();
  for (const auto& g : p.groups) {
    std::string label = g.group;
    for (const auto& qg : q.groups) {
      if (qg.id == g.group) label = survey::text_in(qg.label, lang);
    }
    groups.push_back(row_json(g, label));
  }
  nlohmann::json days = nlohmann::json::array();
  for (const auto& d : p.per_day) days.push_back({{"day", d.day}, {"n", d.completed}});
  nlohmann::json reminders = nlohmann::json::array();
  for (const auto& r : p.reminders) reminders.push_back({{"sent_on", r.sent_on}, {"letters", r.letters}});
  nlohmann::json ctx{{"page_title", renderer_.text(lang, "fieldwork_progress_heading") + " " + wave->label},
                     {"label", wave->label}, {"survey", wave->survey_id},
                     {"state", renderer_.text(lang, std::string("fieldwork_state_") + state_name(p.state))},
                     {"groups", groups}, {"total", row_json(p.total, renderer_.text(lang, "fieldwork_total"))},
                     {"days", days}, {"has_days", !days.empty()}, {"bars", day_bars(p.per_day)},
                     {"chart_width", kChartWidth}, {"chart_height", kChartHeight},
                     {"reminders", reminders}, {"has_reminders", !reminders.empty()},
                     {"waiting_to_mix", p.waiting_to_mix},
                     {"json_href", wave_path(*wave) + "/fremdrift?format=json"},
                     {"admin", user->role != Role::kStaff}, {"wave_href", wave_path(*wave)}};
  web::send_html(res, 200, access_.page(*user, "fieldwork_progress", ctx, lang));
}

}  // namespace tilfreds::intake::fieldwork
