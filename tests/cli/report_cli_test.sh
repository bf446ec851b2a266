#!/usr/bin/env bash
# `tilfreds report` as secretaries and scripts use it: names, options, exit codes,
# files, on the demo database (three waves with answers).
# Usage: report_cli_test.sh PATH/TO/tilfreds
set -u
bin=$(realpath "$1")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
passed=0; failed=0
check() {  # check NAME COMMAND...: passes when the command succeeds
  local name=$1; shift
  if "$@" >/dev/null 2>&1; then passed=$((passed + 1)); echo "ok     $name"
  else failed=$((failed + 1)); echo "FAILED $name"; fi
}
exits() {  # exits CODE NAME COMMAND...: passes when the command exits with CODE
  local code=$1 name=$2; shift 2
  "$@" >out.txt 2>err.txt; local rc=$?
  if [ "$rc" -eq "$code" ]; then passed=$((passed + 1)); echo "ok     $name"
  else failed=$((failed + 1)); echo "FAILED $name (exit $rc, expected $code)"; cat err.txt; fi
}

"$bin" --db d.db demo --no-serve >/dev/null 2>&1 || { echo "FAILED demo"; exit 1; }
waves=$(python3 -c "import sqlite3; print(','.join(r[0] for r in sqlite3.connect('d.db').execute('SELECT label FROM wave ORDER BY label')))")
first=${waves%%,*}
r() { "$bin" --db d.db report "$@"; }

for f in html csv xlsx json; do
  exits 0 "comparison --format $f" r comparison --survey jobcenter --waves "$waves" --format $f --out c.$f
done
check "HTML has accessible tables" grep -q '<th scope="col">' c.html
check "HTML has no script" sh -c "! grep -q '<script' c.html"
check "CSV starts with a BOM and uses CRLF" python3 -c "
b = open('c.csv','rb').read(); assert b.startswith(b'\xef\xbb\xbf'); assert b'\r\n' in b and b'\n' not in b.replace(b'\r\n', b'')"
check "XLSX is a zip with a workbook" python3 -c "import zipfile; assert 'xl/workbook.xml' in zipfile.ZipFile('c.xlsx').namelist()"
check "JSON names the report and has a method note" python3 -c "
import json; d = json.load(open('c.json')); assert d['id'] == 'comparison' and d['lang'] == 'da' and d['method']"
exits 0 "total" r total --survey jobcenter --waves "$waves" --format html --out t.html
check "total has a chart as inline SVG" grep -q '<svg[^>]*role="img"' t.html
exits 0 "group --group dagpenge" r group --survey jobcenter --waves "$waves" --group dagpenge --format csv --out g.csv
exits 0 "rates" r rates --survey jobcenter --waves "$waves" --format xlsx --out r.xlsx
exits 0 "comments" r comments --survey jobcenter --waves "$waves" --format json --out k.json
exits 0 "--lang en" r comparison --survey jobcenter --waves "$first" --format json --out e.json --lang en
check "... is English" python3 -c "import json; assert json.load(open('e.json'))['lang'] == 'en'"

exits 1 "an unknown survey is refused" r comparison --survey nope --waves "$waves" --format html --out x.html
check "... and named" grep -q "no questionnaire 'nope'" err.txt
exits 1 "unknown waves and group are all listed" r group --survey jobcenter --waves "$first,1999" --group ingen --format html --out x.html
check "... the wave" grep -q "no wave '1999'" err.txt
check "... the group" grep -q "no benefit group 'ingen'" err.txt
check "... and nothing is written" test ! -e x.html
exits 1 "a group report needs --group" r group --survey jobcenter --waves "$waves" --format html --out x.html
exits 1 "an unknown background column is named" r comparison --survey jobcenter --waves "$waves" --group farve=blaa --format html --out x.html
exits 1 "an unwritable --out is refused" r comparison --survey jobcenter --waves "$waves" --format html --out /nonexistent/dir/x.html
exits 2 "an unknown KIND is a usage error" r summary --survey jobcenter --waves "$waves" --format html --out x.html
exits 2 "an unknown format is a usage error" r comparison --survey jobcenter --waves "$waves" --format pdf --out x.pdf
exits 2 "--out is required" r comparison --survey jobcenter --waves "$waves" --format html
check "--help lists the kinds" sh -c "'$bin' report --help | grep -q 'comparison | total | group | rates | comments'"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
