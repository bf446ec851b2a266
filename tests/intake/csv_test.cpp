#include "intake/csv.h"
#include "intake/survey/fieldwork.h"

#include <catch2/catch.hpp>

#include "intake/text.h"

using namespace tilfreds::intake;

TEST_CASE("CSV as Danish Excel writes it: BOM, semicolons, quotes, CRLF") {
  auto t = parse_csv("\xEF\xBB\xBFreference;group;note\r\nA1;dagpenge;\"Hansen; Jens\"\r\n\r\nA2;kontanthjaelp;\"sagde \"\"hej\"\"\"\r\n");
  REQUIRE(t.problems.empty());
  CHECK(t.separator == ';');
  CHECK(t.header == std::vector<std::string>{"reference", "group", "note"});
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0].fields[2] == "Hansen; Jens");
  CHECK(t.rows[0].line == 2);
  CHECK(t.rows[1].fields[2] == "sagde \"hej\"");
  CHECK(t.rows[1].line == 4);  // the blank line 3 is skipped but counted
}

TEST_CASE("comma-separated files and quoted line breaks keep line numbers right") {
  auto t = parse_csv("reference,group\n\"A\nB\",dagpenge\nC,sygedagpenge\n");
  REQUIRE(t.problems.empty());
  CHECK(t.separator == ',');
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0].fields[0] == "A\nB");
  CHECK(t.rows[1].line == 4);
}

TEST_CASE("files that are not UTF-8, empty, or with an open quote are problems") {
  CHECK(parse_csv("reference;group\nA;\xE6\xF8\xE5\n").problems.at(0).message.find("UTF-8") != std::string::npos);
  CHECK(parse_csv("").problems.at(0).message.find("empty") != std::string::npos);
  CHECK(parse_csv("a;b\n\"open;x\n").problems.at(0).message.find("never closed") != std::string::npos);
}

TEST_CASE("every cell a spreadsheet would run gets a leading apostrophe, in every CSV writer") {
  for (const std::string cell : {"=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "=cmd|' /C calc'!A0"}) {
    INFO(cell);
    std::string written = csv_cell(cell);
    CHECK(written.rfind("\"'", 0) == 0);
    CHECK(csv_line({cell}).rfind("\"'", 0) == 0);
    auto back = parse_csv("h\r\n" + csv_line({cell}));
    REQUIRE(back.rows.size() == 1);
    CHECK(back.rows[0].fields[0] == "'" + cell);
  }
  // The letters file (the one other writer) goes through the same cell.
  auto letters = tilfreds::intake::survey::letters_csv({{"=ref", "https://x/s/t", "+ABC-DEFG"}});
  CHECK(letters.find("\"'=ref\"") != std::string::npos);
  CHECK(letters.find("\"'+ABC-DEFG\"") != std::string::npos);
  // Numbers the program wrote stay numbers; inner signs and plain text are untouched.
  CHECK(csv_cell("-3,2", false) == "\"-3,2\"");
  CHECK(csv_cell("a=b") == "a=b");
  CHECK(csv_cell(" =x") == " =x");
}

TEST_CASE("CSV lines are quoted where needed and formulas are defused") {
  CHECK(csv_line({"a", "b;c", "d\"e"}) == "a;\"b;c\";\"d\"\"e\"\r\n");
  CHECK(csv_line({"=HYPERLINK(\"x\")"}) == "\"'=HYPERLINK(\"\"x\"\")\"\r\n");
  auto back = parse_csv("h\r\n" + csv_line({"x;y\nz"}));
  CHECK(back.rows.at(0).fields.at(0) == "x;y\nz");
}

TEST_CASE("the separator is read from the header outside quotes, and what we write reads back") {
  // Found by fuzz/frame_csv: a quoted header name with commas made a ';' file ','.
  auto t = parse_csv("\nreference;\"tilbud, hold, uge\"\nA1;praktik\n");
  REQUIRE(t.problems.empty());
  CHECK(t.separator == ';');
  CHECK(t.header == std::vector<std::string>{"reference", "tilbud, hold, uge"});
  // Unquoted commas in a ';' header were another way to make the guess wrong.
  std::string written = csv_line({"a,b,c", "d"}) + csv_line({"1", "x;y,z"});
  auto back = parse_csv(written);
  REQUIRE(back.problems.empty());
  CHECK(back.header == std::vector<std::string>{"a,b,c", "d"});
  CHECK(back.rows.at(0).fields == std::vector<std::string>{"1", "x;y,z"});
  // Also found by fuzz/frame_csv: an escaped quote inside a quoted header name.
  auto quoted = parse_csv(csv_line({"a", "b \"c\", d,"}) + csv_line({"1", ",x,y,"}));
  REQUIRE(quoted.problems.empty());
  CHECK(quoted.separator == ';');
  CHECK(quoted.rows.at(0).fields == std::vector<std::string>{"1", ",x,y,"});
}

TEST_CASE("UTF-8 validation refuses overlongs, surrogates and truncation") {
  CHECK(is_valid_utf8("Ærø æøå €"));
  CHECK(is_valid_utf8("\xF0\x9F\x98\x80"));       // emoji
  CHECK_FALSE(is_valid_utf8("\xC0\xAF"));         // overlong '/'
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));     // surrogate
  CHECK_FALSE(is_valid_utf8("\xE2\x82"));         // truncated
  CHECK_FALSE(is_valid_utf8("\xF5\x80\x80\x80")); // beyond U+10FFFF
  CHECK_FALSE(is_valid_utf8("\xFF"));
}

TEST_CASE("markup escaping: the five entities, runs between them kept, appended in place") {
  using tilfreds::intake::escape_markup;
  CHECK(escape_markup("") == "");
  CHECK(escape_markup("Tilfreds i høj grad") == "Tilfreds i høj grad");
  CHECK(escape_markup("<script>alert('x & \"y\"')</script>") ==
        "&lt;script&gt;alert(&apos;x &amp; &quot;y&quot;&apos;)&lt;/script&gt;");
  CHECK(escape_markup("&amp;") == "&amp;amp;");  // escaped once more, never taken as already escaped
  std::string out = "<p>";
  tilfreds::intake::append_escaped_markup(out, "a<b");
  CHECK(out == "<p>a&lt;b");
}
