#!/usr/bin/env bash
# The offers' quality on the command line (issue 16): imports that refuse a bad file
# whole, targets, the supervisor permission, and `report offers` per provider and
# as a zip of one file per provider, each without the others' offers.
# Usage: offer_quality_cli_test.sh PATH/TO/tilfreds
set -u
here=$(dirname "$(realpath "$0")")
bin=$(realpath "$1")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
source "$here/checks.sh"
has() {  # has NAME FILE TEXT: passes when FILE contains TEXT
  if grep -qF -- "$3" "$2"; then passed=$((passed + 1)); echo "ok     $1"
  else failed=$((failed + 1)); echo "FAILED $1: no '$3' in $2"; head -c 2000 "$2"; echo; fi
}
hasnt() {  # hasnt NAME FILE TEXT: passes when FILE does not contain TEXT
  if grep -qF -- "$3" "$2"; then failed=$((failed + 1)); echo "FAILED $1: '$3' in $2"
  else passed=$((passed + 1)); echo "ok     $1"; fi
}
t="$bin --db t.db"
sql() { python3 -c "import sqlite3,sys; print(sqlite3.connect('t.db').execute(sys.argv[1]).fetchone()[0])" "$1"; }

exits 0 "offer add (own)" $t offer add "Praktik Nord" --provider "Jobværkstedet" --groups dagpenge
exits 0 "offer add (external)" $t offer add "Mentor Syd" --provider "Mentorhuset ApS" --external

printf 'offer;period;ended;in_work;in_education\nPraktik Nord;2025H2;60;40;5\nMentor Syd;2025H2;10;8;3\nUkendt;2025H2;5;1;1\nPraktik Nord;2999H1;5;1;1\n' > bad_effects.csv
exits 1 "effects: a file with bad rows is refused" $t offer effects import bad_effects.csv
has "the sum that does not add up is named by line" err.txt "line 3 (in_work): In work plus in education is more than those who ended the offer."
has "an unknown offer is named" err.txt "line 4 (offer): There is no such offer in the register."
has "a future half-year is named" err.txt "line 5 (period): The half-year has not begun yet."
check "nothing was stored from it" test "$(sql 'SELECT count(*) FROM offer_effect')" = 0

printf 'offer;period;ended;in_work;in_education\nPraktik Nord;2025H2;60;40;5\nMentor Syd;2025H2;30;9;3\n' > effects.csv
exits 0 "effects import" $t offer effects import effects.csv
has "says how many rows" out.txt "imported 2 rows"

printf 'offer;period;under_30;age_30_49;age_50_plus;citizens\nPraktik Nord;2025H2;20;30;10;60\nMentor Syd;2025H2;3;15;12;30\n' > ages.csv
exits 0 "ages import" $t offer ages import ages.csv
check "ages set the citizens" test "$(sql "SELECT citizens FROM offer_citizens o JOIN offer f ON f.id = o.offer_id WHERE f.name = 'Mentor Syd'")" = 30

printf 'offer;period;smiley;visited;supervisor;summary\nMentor Syd;2025H2;happy;2025-09-01;Tilsynet;x\n' > bad_ratings.csv
exits 1 "ratings: a smiley outside the scale is refused" $t offer ratings import bad_ratings.csv
has "the smiley is named" err.txt "line 2 (smiley): Choose glad, neutral or sur."
printf 'offer;period;smiley;visited;supervisor;summary\nPraktik Nord;2025H2;glad;2025-09-01;Tilsynet;Praktikopfølgning i orden\nMentor Syd;2025H2;sur;2025-09-02;Tilsynet;Mentorhusets møder aflyst\n' > ratings.csv
exits 0 "ratings import" $t offer ratings import ratings.csv
exits 0 "a second import is a new version" $t offer ratings import ratings.csv
check "both versions are kept" test "$(sql 'SELECT count(*) FROM offer_rating_version')" = 4
check "every version is audited" test "$(sql "SELECT count(*) FROM audit_event WHERE entity = 'offer_rating'")" = 4
exits 2 "ratings import needs an existing file" $t offer ratings import nope.csv

exits 0 "target set" $t offer target set effect --green 60 --yellow 40
exits 1 "target: yellow above green is refused" $t offer target set effect --green 40 --yellow 60
exits 2 "target: an unknown column is a usage error" $t offer target set smiley --green 1 --yellow 0
exits 0 "target list" $t offer target list
has "the list shows the effect target" out.txt $'effect\t60\t40'
exits 0 "target clear" $t offer target clear effect
exits 0 "target list after clear" $t offer target list
has "no effect target after clear" out.txt $'effect\tnone'

printf '%s\n' "korrekt hest batteri" | $t user add tilsyn --role secretary >/dev/null 2>&1
exits 0 "user grant supervisor" $t user grant tilsyn supervisor
check "the permission is stored" test "$(sql 'SELECT count(*) FROM staff_permission')" = 1
exits 1 "grant to an unknown user" $t user grant ingen supervisor
exits 2 "an unknown permission is a usage error" $t user grant tilsyn superuser
exits 0 "user revoke" $t user revoke tilsyn supervisor
check "the permission is gone" test "$(sql 'SELECT count(*) FROM staff_permission')" = 0

r() { $t report offers "$@"; }
for f in html csv json xlsx; do
  exits 0 "report offers --provider --format $f" r --period 2025H2 --provider "Mentorhuset ApS" --format $f --out m.$f
done
for f in html csv json; do
  has "$f holds the provider's offer" m.$f "Mentor Syd"
  hasnt "$f holds no other provider's offer" m.$f "Praktik Nord"
  hasnt "$f holds no other provider's summary" m.$f "Praktikopfølgning"
done
python3 -c "import zipfile; print(''.join(zipfile.ZipFile('m.xlsx').read(n).decode('utf-8', 'replace') for n in zipfile.ZipFile('m.xlsx').namelist()))" > m.xlsx.txt
has "xlsx holds the provider's offer" m.xlsx.txt "Mentor Syd"
hasnt "xlsx holds no other provider's offer" m.xlsx.txt "Praktik Nord"
has "json has the effect column" m.json "I job eller uddannelse"
exits 0 "report offers, every offer" r --period 2025H2 --format csv --out all.csv
has "the whole overview has both" all.csv "Praktik Nord"
exits 0 "report offers --per-provider" r --period 2025H2 --per-provider --format xlsx --out all.zip
check "the zip has one file per provider" test "$(python3 -c "import zipfile; print(len(zipfile.ZipFile('all.zip').namelist()))")" = 2
# The overview as the PDF the provider is sent (issue 16: every format, PDF once it exists).
exits 0 "report offers --provider --format pdf" r --period 2025H2 --provider "Mentorhuset ApS" --format pdf --out m.pdf
check "... a tagged PDF" sh -c "pdfinfo m.pdf | grep -Eq 'Tagged: +yes'"
pdftotext m.pdf m.pdf.txt
has "... holding the provider's offer" m.pdf.txt "Mentor Syd"
hasnt "... and no other provider's" m.pdf.txt "Praktik Nord"
exits 0 "report offers --per-provider --format pdf" r --period 2025H2 --per-provider --format pdf --out pdf.zip
check "... one PDF per provider" python3 -c "
import zipfile; names = zipfile.ZipFile('pdf.zip').namelist()
assert len(names) == 2 and all(n.endswith('.pdf') for n in names), names"
exits 0 "report offers --format zip (HTML files)" r --period 2025H2 --format zip --out html.zip
python3 - <<'PY' > zipcheck.txt
import zipfile
z = zipfile.ZipFile('html.zip')
for name in z.namelist():
    text = z.read(name).decode()
    own = 'Mentor Syd' in text, 'Praktik Nord' in text
    print(name, 'mentor' if own == (True, False) else 'praktik' if own == (False, True) else 'MIXED')
PY
hasnt "no file in the zip mixes providers" zipcheck.txt "MIXED"
has "the mentor file is named after its provider" zipcheck.txt "mentorhuset-aps.html mentor"
exits 1 "an unknown provider is refused" r --period 2025H2 --provider "Ingen" --format html --out x.html
exits 1 "a half-year not begun is refused" r --period 2999H1 --format html --out x.html
exits 1 "a bad half-year is refused" r --period 2025-2 --format html --out x.html
exits 1 "--provider with --per-provider is refused" r --period 2025H2 --provider "Mentorhuset ApS" --per-provider --format csv --out x.zip
exits 2 "--period belongs to the offers report" $t report comparison --survey jobcenter --waves 2024 --period 2025H2 --format html --out x.html
exits 2 "other reports still need --survey" $t report comparison --waves 2024 --format html --out x.html
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
