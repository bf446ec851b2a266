#!/usr/bin/env bash
# `tilfreds report` as secretaries and scripts use it: names, options, exit codes,
# files, on the demo database (three waves with answers).
# Usage: report_cli_test.sh PATH/TO/tilfreds
set -u
here=$(dirname "$(realpath "$0")")
bin=$(realpath "$1")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
source "$here/checks.sh"

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
check "XLSX sheet names are unique and at most 31 characters" python3 -c "
import re, zipfile
names = re.findall(r'<sheet name=\"([^\"]*)\"', zipfile.ZipFile('c.xlsx').read('xl/workbook.xml').decode())
assert len(names) > 3 and len(set(n.lower() for n in names)) == len(names) and max(map(len, names)) <= 31, names"
check "JSON names the report and has a method note" python3 -c "
import json; d = json.load(open('c.json')); assert d['id'] == 'comparison' and d['lang'] == 'da' and d['method']"
exits 0 "total" r total --survey jobcenter --waves "$waves" --format html --out t.html
check "total has a chart as inline SVG" grep -q '<svg[^>]*role="img"' t.html
exits 0 "group --group dagpenge" r group --survey jobcenter --waves "$waves" --group dagpenge --format csv --out g.csv
exits 0 "rates" r rates --survey jobcenter --waves "$waves" --format xlsx --out r.xlsx
exits 0 "comments" r comments --survey jobcenter --waves "$waves" --format json --out k.json
exits 0 "--lang en" r comparison --survey jobcenter --waves "$first" --format json --out e.json --lang en
check "... is English" python3 -c "import json; assert json.load(open('e.json'))['lang'] == 'en'"

# An earlier year imported as aggregates (DOMAIN.md's 2022 row: 49/27/15/8 of 99,
# 49/99 = 49.5 → 49 … a row summing to 99 that must stay 99) is compared like any wave.
printf 'question;answer;count\ntilfreds_alt_i_alt;I høj grad;49\ntilfreds_alt_i_alt;I nogen grad;27\ntilfreds_alt_i_alt;I mindre grad;15\ntilfreds_alt_i_alt;Slet ikke;8\n' > counts.csv
exits 0 "import an earlier year" "$bin" --db d.db wave import-counts --survey jobcenter --wave 2019 counts.csv --invited 500 --answered 99
exits 0 "comparison with the imported year" r comparison --survey jobcenter --waves "2019,$waves" --format json --out i.json
check "... shows its percents, summing to 99" python3 -c "
import json; d = json.load(open('i.json'))
t = [b['table'] for s in d['sections'] for b in s['blocks'] if b['kind'] == 'table' and b['table']['id'] == 'q_tilfreds_alt_i_alt'][0]
row = t['rows'][0]; assert row['header'] == '2019', row
assert [c['value'] for c in row['cells'][:4]] == [49, 27, 15, 8], row
assert row['cells'][4]['value'] == 99"
check "... the method note names it imported" python3 -c "
import json; d = json.load(open('i.json'))
assert any(m['warning'] and '2019' in m['text'] and 'importeret' in m['text'] for m in d['method']), d['method']"
check "... and questions it lacks are marked missing, not zero" python3 -c "
import json; d = json.load(open('i.json'))
t = [b['table'] for s in d['sections'] for b in s['blocks'] if b['kind'] == 'table' and b['table']['id'] == 'q_samarbejde'][0]
assert all(c['kind'] == 'missing' for c in t['rows'][0]['cells']), t['rows'][0]"

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
exits 2 "an unknown format is a usage error" r comparison --survey jobcenter --waves "$waves" --format docx --out x.docx
exits 2 "--out is required" r comparison --survey jobcenter --waves "$waves" --format html
check "--help lists the kinds" sh -c "'$bin' report --help | grep -q 'comparison | total | group | rates | comments'"

# The complaint statistics per offer (/statistik/klager) from the command line,
# disclosure-controlled as the page: no hidden cell carries a value.
exits 0 "report complaints" r complaints --period "$(date +%Y)H1" --format json --out kl.json
check "... names its table and hides without values" python3 -c "
import json; d = json.load(open('kl.json')); ids = [b['table']['id'] for s in d['sections'] for b in s['blocks'] if b['kind'] == 'table']
assert 'complaints_per_offer' in ids and 'outcomes_per_offer' in ids, ids
cells = [c for s in d['sections'] for b in s['blocks'] if b['kind'] == 'table' for r in b['table']['rows'] for c in r['cells']]
assert any(c['kind'] == 'hidden' for c in cells) and all('value' not in c for c in cells if c['kind'] == 'hidden')"
exits 1 "report complaints refuses a malformed period" r complaints --period 2026H3 --format csv --out x.csv
exits 1 "... and the committee text format" r complaints --format txt --out x.txt

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
