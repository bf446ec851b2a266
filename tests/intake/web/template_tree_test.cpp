// Our walk over kainjow's parsed tree (intake/web/template_tree.h) against kainjow's
// own render of the same template and the same context: the promise is byte for
// byte the same output, including kainjow's rule for lines that held only section
// tags. Each case is a template written to meet one of those rules.
#include "intake/web/template_tree.h"

#include <catch2/catch.hpp>
#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>
#include <string>

using tilfreds::intake::web::TemplateData;
using tilfreds::intake::web::TemplateTree;
namespace mustache = kainjow::mustache;

namespace {
// The conversion Renderer did before the walk: JSON to kainjow's data.
mustache::data to_kainjow(const nlohmann::json& j) {
  if (j.is_object()) {
    mustache::data d{mustache::data::type::object};
    for (const auto& [k, v] : j.items()) d.set(k, to_kainjow(v));
    return d;
  }
  if (j.is_array()) {
    mustache::data d{mustache::data::type::list};
    for (const auto& v : j) d.push_back(to_kainjow(v));
    return d;
  }
  if (j.is_string()) return mustache::data{j.get<std::string>()};
  if (j.is_boolean()) return mustache::data{j.get<bool>()};
  if (j.is_null()) return mustache::data{false};
  return mustache::data{j.dump()};
}

std::string kainjow_render(const std::string& source, const nlohmann::json& ctx) {
  mustache::mustache t{source};
  REQUIRE(t.is_valid());
  return t.render(to_kainjow(ctx));
}

std::string our_render(const std::string& source, const nlohmann::json& ctx) {
  TemplateTree t{source};
  REQUIRE(t.error().empty());
  const TemplateData data = TemplateData::from_json(ctx);
  const TemplateData* layers[] = {&data};
  std::string out;
  t.render(layers, out);
  return out;
}
}  // namespace

TEST_CASE("the walk prints what kainjow prints") {
  const nlohmann::json ctx = {
      {"name", "Ann & <Bo> \"q\" 'a'"},
      {"yes", true},
      {"no", false},
      {"nothing", nullptr},
      {"number", 5},
      {"empty", nlohmann::json::array()},
      {"items", {{{"label", "a"}, {"on", true}}, {{"label", "b<"}, {"on", false}}}},
      {"words", {"x", "y&"}},
      {"t", {{"hello", "Hej"}, {"deep", {{"er", "dybt"}}}}},
      {"html", "<b>fed</b>"},
      {"obj", {{"inner", "i"}}},
  };
  const char* templates[] = {
      "plain text\nline two\n",
      "{{name}} {{{html}}} {{&html}} {{number}} {{missing}}|",
      "{{#yes}}\n  shown\n{{/yes}}\nafter\n",
      "  {{#no}}\nhidden\n  {{/no}}\nafter\n",
      "{{^no}}\n  not no\n{{/no}}\n{{^yes}}never{{/yes}}\n",
      "{{#items}}\n  <li{{#on}} class=\"on\"{{/on}}>{{label}}</li>\n{{/items}}\n",
      "<ul>{{#items}}<li>{{label}}{{name}}</li>{{/items}}</ul>\n",
      "{{#words}}{{.}},{{/words}}\n{{#empty}}x{{/empty}}{{^empty}}none{{/empty}}\n",
      "{{t.hello}} {{t.deep.er}} {{t.nope.er}} {{#obj}}{{inner}}{{name}}{{/obj}}\n",
      "a{{! a comment }}b\n  {{! standalone comment }}\n\t{{#yes}}\t\n{{/yes}}\nc\n",
      "line\r\n{{#yes}}\r\n crlf\r\n{{/yes}}\r\nend",
      "{{#nothing}}x{{/nothing}}{{^nothing}}null is false{{/nothing}}\n{{#items}}{{#on}}\n{{label}}\n{{/on}}{{/items}}",
      "{{=<% %>=}}<% name %> {{name}}\n<%={{ }}=%>{{name}}\n",
      "  {{#yes}}  {{/yes}}  \nx  {{#yes}}\n{{/yes}}y\n",
      "no newline at the end {{#yes}}{{/yes}}",
  };
  for (const char* source : templates) {
    INFO(source);
    CHECK(our_render(source, ctx) == kainjow_render(source, ctx));
  }
}

TEST_CASE("a template that does not parse gives kainjow's message") {
  TemplateTree unclosed{"{{#open}}x"};
  CHECK(unclosed.error() == mustache::mustache{"{{#open}}x"}.error_message());
  CHECK(!unclosed.error().empty());
}

TEST_CASE("data laid over shared data, refs, views and kept escapes print as the data written out") {
  // The shapes a theme page is built of (intake/survey/page_view.cpp): a request's object
  // over a shared one, lists of refs to shared items, strings viewed, not copied, and
  // shared strings escaped once beforehand.
  const nlohmann::json flat = {
      {"title", "Ann & <Bo>"},
      {"own", "mine"},
      {"shared", "theirs"},
      {"items", {{{"label", "a\""}, {"on", true}}, {{"label", "b'"}, {"on", false}}}},
  };
  TemplateData shared = TemplateData::object();
  shared.set("shared", "theirs").set("own", "replaced by the request's");
  TemplateData item_a = TemplateData::object();
  item_a.set("label", "a\"").set("on", true);
  TemplateData item_b = TemplateData::object();
  item_b.set("label", "b'").set("on", false);
  const std::string title = "Ann & <Bo>";
  shared.set("title", TemplateData::view(title));
  shared.prepare_escaped();
  item_a.prepare_escaped();
  TemplateData request = TemplateData::over(shared);
  request.set("own", "mine");
  TemplateData items = TemplateData::list(2);
  items.push(TemplateData::ref(item_a)).push(TemplateData::ref(item_b));
  request.set("items", std::move(items));

  const char* source =
      "{{title}} {{{title}}} {{own}} {{shared}}\n{{#items}}\n  <li{{#on}} class=\"on\"{{/on}}>{{label}}{{own}}</li>\n"
      "{{/items}}\n{{^items}}none{{/items}}{{missing}}\n";
  TemplateTree t{source};
  REQUIRE(t.error().empty());
  const TemplateData* layers[] = {&request};
  std::string out;
  t.render(layers, out);
  CHECK(out == our_render(source, flat));
  CHECK(out == kainjow_render(source, flat));
  CHECK(out.find("Ann &amp; &lt;Bo&gt; Ann & <Bo> mine theirs") == 0);
  CHECK(*request.string("shared") == "theirs");  // found in the shared object
  CHECK(*request.string("own") == "mine");       // the request's own value first
}
