#!/usr/bin/env bash
# Case review from the command line (issue 15): areas, schemes, samples, results,
# the report's JSON keys, action plans, anonymising, and every bad input refused
# with its line and nothing stored.
# Usage: review_cli_test.sh PATH/TO/tilfreds SOURCE_DIR
set -u
bin=$(realpath "$1")
data=$(realpath "$2")/tests/data/review
checks=$(realpath "$(dirname "$0")/checks.sh")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
# shellcheck source=checks.sh
source "$checks"
has() {  # has NAME TEXT: passes when the last command's stderr or stdout contains TEXT
  if grep -qF -- "$2" out.txt err.txt; then passed=$((passed + 1)); echo "ok     $1"
  else failed=$((failed + 1)); echo "FAILED $1: no '$2' in"; cat out.txt err.txt; fi
}
t="$bin --db t.db"
count() { python3 -c "import sqlite3, sys; print(sqlite3.connect('t.db').execute(sys.argv[1]).fetchone()[0])" "$1"; }

exits 0 "area add" $t review area add jobcenter --name Jobcenter --risk tilsyn --frequency quarterly --sample 4
exits 1 "area add refuses a taken id" $t review area add jobcenter --name X --risk tilsyn --frequency monthly
exits 2 "area add refuses an unknown risk" $t review area add x --name X --risk hoej --frequency monthly
exits 1 "area add refuses an id that is no stable id" $t review area add "Job Center" --name X --risk tilsyn --frequency monthly
exits 0 "area list" $t review area list
has "list shows the area" $'jobcenter\tJobcenter\ttilsyn\tquarterly\t4\t-'

exits 0 "scheme import v1" $t review scheme import "$data/scheme_v1.json"
exits 0 "scheme import v2" $t review scheme import "$data/scheme_v2.json"
exits 0 "scheme import again is fine" $t review scheme import "$data/scheme_v1.json"
sed 's/Rettidig opfølgning/Noget andet/' "$data/scheme_v1.json" > changed.json
exits 1 "a changed scheme under the same version is refused" $t review scheme import changed.json
has "... naming the version" "/version"
sed 's/"noeglekontrol"/"vigtig"/' "$data/scheme_v1.json" > bad.json
exits 1 "a scheme with a bad category is refused" $t review scheme import bad.json
has "... with the JSON path" "/groups/0/control_points/0/category"
sed 's/"area": "jobcenter"/"area": "ukendt"/' "$data/scheme_v1.json" > bad.json
exits 1 "a scheme of an unknown area is refused" $t review scheme import bad.json
has "... naming the area" "/area: there is no review area 'ukendt'"

# Q1: sygedagpenge 4 cases (1 error: old by date, a day over 12 months), dagpenge 4 cases (2 errors).
cat > q1.csv <<'CSV'
group;case;control_point;result;error_age;act_date;reproduced
sygedagpenge;S1;opfoelgning;ok;;;
sygedagpenge;S1;plan;ok;;;
sygedagpenge;S2;opfoelgning;fejl;;2023-03-30;nej
sygedagpenge;S3;opfoelgning;ok;;;
sygedagpenge;S4;opfoelgning;ikke_relevant;;;
dagpenge;D1;cv;fejl;ny;;
dagpenge;D2;cv;fejl;;2020-02-01;ja
dagpenge;D3;cv;ok;;;
dagpenge;D4;journal;ok;;;
CSV
exits 0 "import Q1" $t review import q1.csv --area jobcenter --period 2024Q1
has "... counts cases and errors" "imported 8 cases, 9 results, 3 errors (2 new)"
exits 1 "importing the period again needs --replace" $t review import q1.csv --area jobcenter --period 2024Q1
exits 0 "... and with it replaces" $t review import q1.csv --area jobcenter --period 2024Q1 --replace
check "... without doubling the cases" [ "$(count 'SELECT count(*) FROM review_case')" = 8 ]
check "the act of 2023-03-30 is old at 2024-03-31" [ "$(count "SELECT error_age FROM review_result WHERE act_date = '2023-03-30'")" = gammel ]
check "an error still reproduced is new" [ "$(count "SELECT error_age FROM review_result WHERE act_date = '2020-02-01'")" = ny ]

# Q2 with ',' and a BOM: fewer errors in dagpenge, one more in sygedagpenge.
printf '\xef\xbb\xbfgroup,case,control_point,result,error_age\r\nsygedagpenge,S5,opfoelgning,fejl,ny\r\nsygedagpenge,S6,opfoelgning,fejl,gammel\r\nsygedagpenge,S7,plan,ok,\r\nsygedagpenge,S8,plan,ok,\r\ndagpenge,D5,cv,ok,\r\ndagpenge,D6,cv,fejl,ny\r\ndagpenge,D7,journal,ok,\r\ndagpenge,D8,cv,ok,\r\n' > q2.csv
exits 0 "import Q2 (comma, BOM, CRLF)" $t review import q2.csv --area jobcenter --period 2024Q2
# Q3 on scheme v2 (valid from 2024-08-01): journal removed, jobsamtale added.
printf 'group;case;control_point;result;error_age\nsygedagpenge;S9;opfoelgning;ok;\nsygedagpenge;S10;opfoelgning;fejl;ny\nsygedagpenge;S11;opfoelgning;ok;\nsygedagpenge;S12;opfoelgning;ok;\ndagpenge;D9;jobsamtale;fejl;ny\ndagpenge;D10;cv;ok;\ndagpenge;D11;cv;ok;\ndagpenge;D12;cv;ok;\n' > q3.csv
exits 0 "import Q3 on scheme v2" $t review import q3.csv --area jobcenter --period 2024Q3
has "... bound to version 2" "scheme version 2"

cat > bad.csv <<'CSV'
group;case;control_point;result;error_age;act_date;reproduced
ukendt;X1;cv;ok;;;
dagpenge;X2;nope;ok;;;
dagpenge;X3;cv;maaske;;;
dagpenge;X4;cv;ok;ny;;
dagpenge;X5;cv;fejl;;;
dagpenge;X6;cv;fejl;;2099-01-01;nej
dagpenge;X7;cv;ok;;;
dagpenge;X7;cv;fejl;ny;;
dagpenge;X8;cv;fejl;ny;2024-01-01;ja
CSV
before=$(count 'SELECT count(*) FROM review_result')
exits 1 "a file with bad lines is refused" $t review import bad.csv --area jobcenter --period 2024Q4 --review-date 2024-10-15
has "... unknown group on its line" "line 2: there is no target group 'ukendt'"
has "... unknown control point" "line 3: group dagpenge has no control point 'nope'"
has "... a result not one of three" "line 4: result 'maaske' must be ok, fejl or ikke_relevant"
has "... new/old on a correct point" "line 5: new/old is recorded only for an error"
has "... an error without its age" "line 6: an error needs error_age"
has "... a date in the future" "line 7: act_date 2099-01-01 is in the future"
has "... a case recorded twice" "line 9: case X7 has control point cv twice in this review (first on line 8)"
has "... both ways of giving the age" "line 10: give either error_age or act_date, not both"
check "... and nothing is stored" [ "$(count 'SELECT count(*) FROM review_result')" = "$before" ]
check "... not even the review" [ "$(count "SELECT count(*) FROM review WHERE period = '2024Q4'")" = 0 ]
exits 1 "an unknown area is refused" $t review import q1.csv --area ukendt --period 2024Q1
has "... and named" "--area: there is no review area 'ukendt'"
exits 1 "a period before the scheme's first version" $t review import q1.csv --area jobcenter --period 2023Q4
has "... says so" "2023Q4 is before the scheme's first version (valid from 2024-01-01)"
exits 1 "a review date in the future" $t review import q1.csv --area jobcenter --period 2099Q1
has "... says so" "in the future"
exits 1 "a bad period" $t review import q1.csv --area jobcenter --period 2024Q5
has "... says how to write one" "write 2024Q3, 2024H2 or 2024-09"

seq -f "S-%03g" 1 40 > list.txt
exits 0 "sample draws from a list with a seed" $t review sample --area jobcenter --period 2024Q4 --review-date 2024-10-15 --group dagpenge --list list.txt --seed 42
head -n 5 out.txt | tail -n 4 > first.txt
has "... the area's sample size and the seed" "drew 4 of 40 cases, seed 42"
exits 1 "a group is drawn once per review" $t review sample --area jobcenter --period 2024Q4 --group dagpenge --list list.txt --seed 42
exits 0 "the same list and seed give the same cases (another period)" $t review sample --area jobcenter --period 2025Q1 --review-date 2025-01-15 --group dagpenge --list list.txt --seed 42
check "... in the same order" diff <(head -n 5 out.txt | tail -n 4) first.txt
exits 1 "a sample larger than the population" $t review sample --area jobcenter --period 2024Q4 --group sygedagpenge --list list.txt --size 41
has "... says so" "a sample of 41 is larger than the 40 cases in the list"
printf 'S-1\nS-2\nS-1\n' > dup.txt
exits 1 "a list with a repeated reference" $t review sample --area jobcenter --period 2024Q4 --group sygedagpenge --list dup.txt --size 1
has "... names its line" "line 3: case S-1 is listed twice (first on line 1)"

exits 0 "advise a sample size" $t review advise --population 200 --margin 0.05
has "... with the FPC (scipy: 131.75 → 132)" "132 cases"
exits 0 "advise what zero errors prove" $t review advise --zero-errors 10 --population 50
has "... exact hypergeometric (scipy: D = 11)" "at most 11 of 50 cases"

for f in html csv xlsx json; do
  exits 0 "report review --format $f" $t report review --area jobcenter --periods 2024Q1,2024Q2,2024Q3 --format $f --out r.$f
done
check "the JSON holds the issue's keys" python3 -c "
import json; f = json.load(open('r.json'))['figures']; p = f['periods']
assert [x['period'] for x in p] == ['2024Q1', '2024Q2', '2024Q3'], p
g = {x['id']: x for x in p[0]['groups']}
assert g['sygedagpenge']['cases'] == 4 and g['sygedagpenge']['correct_cases'] == 3, g
assert g['sygedagpenge']['share_correct'] == 0.75 and g['sygedagpenge']['light'] == 'yellow', g
assert g['dagpenge']['light'] == 'red', g
assert 'change_from_previous' not in p[0] and p[0]['errors'] == 3, p[0]
cp = {c['id']: c for c in g['dagpenge']['control_points']}
assert cp['cv']['errors'] == 2 and cp['cv']['new_errors'] == 2 and cp['cv']['old_errors'] == 0, cp
assert 'arrow' not in cp['cv'], cp
g2 = {x['id']: x for x in p[1]['groups']}
cp2 = {c['id']: c for c in g2['dagpenge']['control_points']}
assert cp2['cv']['arrow'] == 'down', cp2
sy = {c['id']: c for c in g2['sygedagpenge']['control_points']}
assert sy['opfoelgning']['arrow'] == 'up' and sy['plan']['arrow'] == 'same', sy
assert abs(p[1]['change_from_previous'] - 0.0) < 1e-12 and p[1]['errors'] == 3, p[1]
assert abs(p[2]['change_from_previous'] - (2 - 3) / 3) < 1e-12, p[2]
g3 = {x['id']: x for x in p[2]['groups']}
cp3 = {c['id']: c for c in g3['dagpenge']['control_points']}
assert 'arrow' not in cp3['jobsamtale'] and 'journal' not in cp3, cp3
"
check "the method note warns that Q2 and Q3 are on different schemes, naming the points" python3 -c "
import json; m = json.load(open('r.json'))['method']
w = [x['text'] for x in m if x['warning']]
assert any('dagpenge/jobsamtale' in t and 'dagpenge/journal' in t for t in w), w"
exits 0 "report review --group --lang en" $t report review --area jobcenter --periods 2024Q2,2024Q3 --group dagpenge --format json --out g.json --lang en
check "... only that group, in English" python3 -c "
import json; d = json.load(open('g.json')); assert d['lang'] == 'en'
assert all(len(p['groups']) == 1 and p['groups'][0]['id'] == 'dagpenge' for p in d['figures']['periods'])"
exits 1 "report review of a period without a review" $t report review --area jobcenter --periods 2024Q1,2023Q1 --format html --out x.html
has "... names it" "jobcenter has no review in 2023Q1"
exits 1 "report review of an unknown area" $t report review --area ukendt --periods 2024Q1 --format html --out x.html
exits 1 "report review of an unknown group" $t report review --area jobcenter --periods 2024Q1 --group ingen --format html --out x.html
exits 0 "report review-overview" $t report review-overview --periods 2024Q3 --format json --out o.json

cat > plan.json <<'JSON'
{"area": "jobcenter", "period": "2024Q3", "actions": [
 {"number": "1", "theme": "Opfølgning", "text": "Tjekliste for rettidig opfølgning", "control_points": ["opfoelgning"],
  "owner": "Teamleder", "expected": "Q4 2024", "status": [{"period": "2024Q3", "text": "Tjeklisten er i brug", "colour": "green"}]},
 {"number": "2", "theme": "Dagpenge", "text": "Undervisning i CV-godkendelse", "control_points": ["cv"],
  "owner": "Fagkoordinator", "expected": "2025-03-31", "status": [{"period": "2024Q3", "text": "Planlagt", "colour": "yellow"}]}]}
JSON
exits 0 "actions import" $t review actions import plan.json
exits 0 "actions import again adds no status" $t review actions import plan.json
has "... says so" "0 new statuses"
exits 0 "actions status" $t review actions status --area jobcenter --plan-period 2024Q3 --action 2 --period 2024Q4 --colour red --text "Udskudt"
exits 1 "actions status of an unknown action" $t review actions status --area jobcenter --plan-period 2024Q3 --action 9 --period 2024Q4 --colour red --text x
exits 1 "actions status with a bad colour" $t review actions status --area jobcenter --plan-period 2024Q3 --action 2 --period 2024Q4 --colour blue --text x
sed 's/"cv"/"ukendt"/; s/"green"/"blaa"/' plan.json > badplan.json
exits 1 "a plan with an unknown control point and colour is refused" $t review actions import badplan.json
has "... with paths" "/actions/1/control_points/0"
has "... and the colour" "/actions/0/status/0/colour"
for f in html csv xlsx json; do
  exits 0 "report actions --format $f" $t report actions --area jobcenter --periods 2024Q3 --format $f --out a.$f
done
check "the actions JSON has the latest status and the history" python3 -c "
import json; a = json.load(open('a.json'))['figures']['plans'][0]['actions']
assert a[1]['status']['colour'] == 'red' and len(a[1]['history']) == 2, a[1]"
check "the committee's columns" grep -q "Forventet afslutning" a.csv
check "... and Status i farver" grep -q "Status i farver" a.csv

exits 0 "anonymise clears old references" $t review anonymise --older-than 30
has "... and says how many" "anonymised 32 case references"
check "... leaving the results" [ "$(count 'SELECT count(*) FROM review_case WHERE case_ref IS NULL')" = 32 ]
exits 2 "anonymise needs --older-than" $t review anonymise
check "every change is audited" [ "$(count "SELECT count(*) FROM audit_event WHERE entity LIKE 'review%' OR entity LIKE 'action%'")" -ge 8 ]

# The demo (scripts/demo) carries a case-review area with three registered quarters,
# an action plan and the reviewer login, on top of the survey, complaints and offers.
d="$bin --db d.db"
dcount() { python3 -c "import sqlite3, sys; print(sqlite3.connect('d.db').execute(sys.argv[1]).fetchone()[0])" "$1"; }
exits 0 "demo --no-serve" $d demo --no-serve
has "... prints the reviewer login" "kvalitet"
check "... as a reviewer" [ "$(dcount "SELECT role FROM staff_user WHERE name = 'kvalitet'")" = reviewer ]
check "... with three reviews of the jobcentre" [ "$(dcount "SELECT count(*) FROM review WHERE area_id = 'jobcenter'")" = 3 ]
check "... and an action plan" [ "$(dcount 'SELECT count(*) FROM review_action')" -gt 0 ]
check "... beside the offers' supervision login" [ "$(dcount "SELECT count(*) FROM staff_permission")" = 1 ]
periods=$(dcount "SELECT group_concat(period, ',') FROM (SELECT period FROM review ORDER BY period)")
exits 0 "report review on the demo's quarters" $d report review --area jobcenter --periods "$periods" --format json --out demo.json
check "... has a light per group in the last quarter" python3 -c "
import json; p = json.load(open('demo.json'))['figures']['periods'][-1]
assert p['groups'] and all(g['light'] in ('green', 'yellow', 'red') for g in p['groups']), p"
exits 0 "a second demo run keeps one area" $d demo --no-serve
check "... and three reviews" [ "$(dcount 'SELECT count(*) FROM review')" = 3 ]
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
