#!/usr/bin/env bash
# Anonymity against the database file, as an operator meets it (issue 10 §1): the key
# file beside the database and what happens without it, files only their owner can
# read, and a database from schema 004 converted with the same figures.
# Usage: anonymity_cli_test.sh PATH/TO/tilfreds SOURCE_DIR
set -u
here=$(dirname "$(realpath "$0")")
bin=$(realpath "$1"); src=$(realpath "$2")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
source "$here/checks.sh"
umask 022  # as a shell usually has it: tilfreds must not rely on the caller's umask
mode() { stat -c %a "$1"; }

exits 0 "survey import creates the database" "$bin" --db t.db survey import "$src/surveys/jobcenter.json"
check "the key file is created beside it" test -f t.db.key
check "... 32 bytes" test "$(stat -c %s t.db.key)" -eq 32
exits 0 "wave create" "$bin" --db t.db wave create --survey jobcenter --label 2024 --opens 2000-01-01 --closes 2099-12-31
printf 'reference;group\nA-1;dagpenge\nA-2;sygedagpenge\n' > frame.csv
exits 0 "invite import" "$bin" --db t.db invite import frame.csv --wave 2024 --letters letters.csv
for f in t.db t.db.key letters.csv; do
  check "$f is 0600" test "$(mode $f)" = 600
done
# -wal and -shm exist while the database is open (SQLite removes them at the last close).
"$bin" --db t.db serve --port 0 > serve.out 2>&1 & server=$!
for _ in $(seq 100); do grep -q listening serve.out && break; sleep 0.1; done
for f in t.db-wal t.db-shm; do
  check "$f is 0600 (while serving)" test "$(mode $f)" = 600
done
kill $server; wait $server 2>/dev/null
code=$(grep '^A-1;' letters.csv | cut -d';' -f3 | tr -d '\r-')
check "the code is not in the database in plain" sh -c "[ -n '$code' ] && ! grep -aq '$code' t.db t.db-wal"
check "nor as its unkeyed SHA-256" python3 -c "
import hashlib, sqlite3
h = hashlib.sha256(b'$code').digest()
assert sqlite3.connect('t.db').execute('SELECT count(*) FROM invitee WHERE code_hash = ?', (h,)).fetchone()[0] == 0"

mv t.db.key elsewhere.key
exits 3 "without its key file the database refuses to start" "$bin" --db t.db wave status --wave 2024
check "... saying the key file is missing" grep -q "key file .*t.db.key.* is missing" err.txt
check "... and no new key file was made" test ! -e t.db.key
exits 3 "the server refuses too" "$bin" --db t.db serve --port 0
exits 0 "--key-file names where it is" "$bin" --db t.db --key-file elsewhere.key wave status --wave 2024
"$bin" --db other.db survey import "$src/surveys/jobcenter.json" >/dev/null 2>&1
exits 3 "another database's key file is refused" "$bin" --db t.db --key-file other.db.key wave status --wave 2024
check "... saying it does not belong" grep -q "does not belong" err.txt
mv elsewhere.key t.db.key

"$bin" --db d.db demo --no-serve >/dev/null 2>&1 || echo "FAILED demo"
exits 0 "a report export" "$bin" --db d.db report rates --survey jobcenter --waves "$(date +%Y)" --format csv --out r.csv
check "the exported report is 0600" test "$(mode r.csv)" = 600

# A database as schema 004 left it, written with raw SQL; this tilfreds migrates it on
# open and must print the same figures `wave status --by-group` printed before.
python3 - "$src" <<'EOF' || echo "FAILED building the schema-004 database"
import glob, json, os, sqlite3, sys
src = sys.argv[1]
c = sqlite3.connect("old.db")
c.execute("PRAGMA journal_mode=WAL")
c.execute("CREATE TABLE schema_migration (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
for path in sorted(glob.glob(os.path.join(src, "db", "migrations", "00[1-4]_*.sql"))):
    c.executescript(open(path, encoding="utf-8").read())
    name = os.path.basename(path)
    c.execute("INSERT INTO schema_migration VALUES (?, ?, datetime('now'))", (int(name[:3]), name))
c.execute("INSERT INTO survey VALUES ('jobcenter', 1, ?, '2024-01-01')",
          (open(os.path.join(src, "surveys", "jobcenter.json"), encoding="utf-8").read(),))
c.execute("INSERT INTO wave (id, survey_id, survey_version, label, opens, closes) VALUES (1, 'jobcenter', 1, '2024', '2000-01-01', '2099-12-31')")
statuses = ["invited", "opened", "partial", "completed", "completed", "ineligible", "undeliverable"]
for i in range(70):
    status = statuses[i % 7]
    grp = ["dagpenge", "sygedagpenge", "kontanthjaelp"][i % 3]
    bg = json.dumps({"tilbud": "praktik" if i % 4 else "kursus"})
    c.execute("INSERT INTO invitee (wave_id, reference, grp, background, token_hash, code_hash, status, completed_day)"
              " VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
              ("r%d" % i, grp, bg, b"t%d" % i, b"c%d" % i, status, "2024-09-10" if status == "completed" else None))
    if status == "completed":
        c.execute("INSERT INTO response (id, wave_id, grp, background, answers) VALUES (?, 1, ?, ?, '{}')", (5000 + i, grp, bg))
        for dim, value in [("all", ""), ("group", grp), ("tilbud", json.loads(bg)["tilbud"])]:
            c.execute("INSERT INTO respondent_count VALUES (1, ?, ?, 1) ON CONFLICT DO UPDATE SET n = n + 1", (dim, value))
c.commit()
want = {s: 0 for s in ["invited", "opened", "partial", "completed", "ineligible", "undeliverable"]}
for s, n in c.execute("SELECT status, count(*) FROM invitee GROUP BY status"):
    want[s] = n
want["groups"] = {}
for g, s, n in c.execute("SELECT grp, status, count(*) FROM invitee GROUP BY grp, status"):
    want["groups"].setdefault(g, {k: 0 for k in want if k != "groups"})[s] = n
json.dump(want, open("want.json", "w"))
EOF
exits 0 "the schema-004 database opens (and migrates)" "$bin" --db old.db wave status --wave 2024 --by-group --json
check "wave status --by-group gives the figures of before the migration" python3 -c "
import json; got = json.load(open('out.txt')); want = json.load(open('want.json'))
statuses = [k for k in want if k != 'groups']
pick = lambda d: {k: d[k] for k in statuses}
assert pick(got) == pick(want), (got, want)
assert {g: pick(c) for g, c in got['groups'].items()} == want['groups'], (got['groups'], want['groups'])"
check "the completed invitees lost group and background" python3 -c "
import sqlite3; c = sqlite3.connect('old.db')
assert c.execute(\"SELECT count(*) FROM invitee WHERE status = 'completed' AND (grp <> '' OR background <> '{}')\").fetchone()[0] == 0
assert c.execute(\"SELECT count(*) FROM invitee WHERE status = 'completed'\").fetchone()[0] == 20"
exits 0 "the rates report of the migrated wave" "$bin" --db old.db report rates --survey jobcenter --waves 2024 --format json --out rates.json
check "... counts the invited and answered of each group as before" python3 -c "
import json; want = json.load(open('want.json')); doc = json.load(open('rates.json', encoding='utf-8'))
label = {'dagpenge': 'Dagpenge', 'sygedagpenge': 'Sygedagpenge', 'kontanthjaelp': 'Kontanthjælp'}
rows = {r['header']: r['cells'] for s in doc['sections'] for b in s['blocks'] if b.get('table')
        for r in b['table']['rows'] if b['table']['id'].startswith('rates')}
# Columns: invited, ineligible, undeliverable, answered, then the rates.
for g, counts in want['groups'].items():
    cells = [c['value'] for c in rows[label[g] + ' 2024']]
    assert cells[:4] == [sum(counts.values()), counts['ineligible'], counts['undeliverable'], counts['completed']], (g, cells)"

echo "anonymity cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
