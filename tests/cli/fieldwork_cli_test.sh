#!/usr/bin/env bash
# The fieldwork commands as scripts use them: names, options, exit codes, files.
# Usage: fieldwork_cli_test.sh PATH/TO/tilfreds SOURCE_DIR
set -u
here=$(dirname "$(realpath "$0")")
bin=$(realpath "$1"); src=$(realpath "$2")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
source "$here/checks.sh"

exits 0 "survey import" "$bin" --db t.db survey import "$src/surveys/jobcenter.json"
check "import reports the id" grep -q "imported jobcenter version 1" out.txt
exits 0 "importing the same version again is fine" "$bin" --db t.db survey import "$src/surveys/jobcenter.json"
sed 's/"Værdighed"/"Respekt"/' "$src/surveys/jobcenter.json" > changed.json
exits 1 "a changed questionnaire under the same version is refused" "$bin" --db t.db survey import changed.json
check "... saying to raise the version" grep -q 'raise "version"' err.txt
printf '{"id":"x","version":1,"title":{"da":"t"},"intro":{"da":"i"},"themes":[{"id":"a","title":{"da":"A"},"questions":[{"id":"q","type":"scale4","scale":"mangler","text":{}}]}]}' > bad.json
exits 1 "an invalid questionnaire is refused" "$bin" --db t.db survey import bad.json
check "... with JSON paths" grep -q "/themes/0/questions/0/scale" err.txt
check "... every problem" grep -q "/themes/0/questions/0/text/da" err.txt

exits 0 "wave create" "$bin" --db t.db wave create --survey jobcenter --label 2024 --opens 2024-09-01 --closes 2099-09-30
exits 1 "a wave label is unique per survey" "$bin" --db t.db wave create --survey jobcenter --label 2024
exits 1 "a bad date is refused" "$bin" --db t.db wave create --survey jobcenter --label 2025 --opens 2025-02-30
exits 2 "a missing option is a usage error" "$bin" --db t.db wave create --label 2026

printf '\xef\xbb\xbfreference;group;tilbud\r\nA-1;dagpenge;praktik\r\nA-2;ukendt;\r\nA-3;sygedagpenge;\r\n' > frame.csv
exits 1 "a frame with a bad row imports nothing" "$bin" --db t.db invite import frame.csv --wave 2024 --letters letters.csv
check "... and names the line" grep -q "line 3: unknown group 'ukendt'" err.txt
check "... and writes no letters" test ! -e letters.csv
exits 0 "--allow-errors imports the good rows" "$bin" --db t.db invite import frame.csv --wave 2024 --letters letters.csv --base-url https://svar.example.dk --allow-errors
check "letters file header is reference;url;code" sh -c "head -1 letters.csv | tr -d '\r\357\273\277' | grep -qx 'reference;url;code'"
check "letters carry a link and a code" grep -Eq '^A-1;https://svar.example.dk/s/[A-Za-z0-9_-]{22};[A-Z2-9]{4}-[A-Z2-9]{4}' letters.csv
token=$(grep '^A-1;' letters.csv | cut -d';' -f2 | sed 's|.*/s/||')
check "only the token's hash is stored" sh -c "[ -n '$token' ] && ! grep -aq '$token' t.db t.db-wal 2>/dev/null"
exits 1 "re-importing the same references is refused" "$bin" --db t.db invite import frame.csv --wave 2024 --letters again.csv --allow-errors

exits 0 "invite mark" "$bin" --db t.db invite mark --wave 2024 --status ineligible A-3
exits 1 "marking an unknown reference says so" "$bin" --db t.db invite mark --wave 2024 --status undeliverable NOPE
exits 0 "wave status --json" "$bin" --db t.db wave status --wave 2024 --json
check "status counts" python3 -c "
import json; s = json.load(open('out.txt'))
assert s['invited'] == 1 and s['ineligible'] == 1 and s['completed'] == 0, s
for k in ['invited','opened','partial','completed','ineligible','undeliverable']: assert k in s"
exits 1 "an unknown wave is named" "$bin" --db t.db wave status --wave 1999
check "--help on a subcommand" "$bin" invite import --help

# Issue 14: the CLI twins of the survey administration pages.
exits 0 "wave create --version picks the questionnaire version" "$bin" --db t.db wave create --survey jobcenter --version 1 --label 2030
exits 1 "... an unknown version is refused" "$bin" --db t.db wave create --survey jobcenter --version 9 --label 2031
check "... naming it" grep -q "has no version 9" err.txt
printf 'reference;group\nL-1;Kontanthjælp\nL-2;KONTANTHJÆLP\nL-3;dagpenge\n' > labels.csv
exits 0 "the group by its Danish label in any case" "$bin" --db t.db invite import labels.csv --wave 2030 --letters l2030.csv
exits 0 "wave status prints the state and the response rates" "$bin" --db t.db wave status --wave 2030 --by-group
check "... RR1 and RR2" grep -q "RR1: 0.0%" out.txt
check "... per group id" grep -q "^kontanthjaelp: invited=2" out.txt
python3 -c "
print('reference;group')
for i in range(20000): print(f'P-{i};dagpenge')" > big.csv
exits 0 "a 20,000-row frame imports" "$bin" --db t.db invite import big.csv --wave 2030 --letters big-letters.csv
check "... telling how far it is" grep -q "10000 of 20000 rows" err.txt
exits 0 "invite letters makes the letters again from the sealed links" "$bin" --db t.db invite letters --wave 2030 --format csv --out again.csv --base-url http://127.0.0.1:8080
check "... the very links and codes the import printed" python3 -c "
rows = lambda f: set(open(f, encoding='utf-8-sig').read().splitlines()[1:])
again, first = rows('again.csv'), rows('l2030.csv') | rows('big-letters.csv')
assert len(first) == 20003 and again == first, (len(again), len(first), sorted(again ^ first)[:3])"
"$bin" --db other.db settings list > /dev/null 2>&1  # creates other.db.key
exits 3 "... and never under another key file" "$bin" --db t.db --key-file other.db.key invite letters --wave 2030 --format csv --out wrong.csv
check "... saying which" grep -q "key file" err.txt

# PDF letters and the zip of one PDF per invitee (issue 14): the QR code read back
# from the printed page (zbarimg) is the letter's own link.
url_of() { grep "^$1;" letters.csv | cut -d';' -f2; }
code_of() { grep "^$1;" letters.csv | cut -d';' -f3 | tr -d '\r'; }
TILFREDS_CHROMIUM=/nonexistent exits 1 "without Chromium --format pdf says what to install" "$bin" --db t.db invite reminders --wave 2024 --format pdf --out r.pdf
check "... naming the package" grep -q "apt-get install chromium" err.txt
"$bin" --db t.db wave status --wave 2024 > status.txt 2>&1
check "... and records no reminder round" sh -c "! grep -q reminders status.txt"
exits 0 "invite letters --format pdf" "$bin" --db t.db invite letters --wave 2024 --format pdf --out l.pdf --base-url https://svar.example.dk
check "... one tagged A4 page per invitee" sh -c "pdfinfo l.pdf | grep -Eq 'Pages: +2' && pdfinfo l.pdf | grep -Eq 'Tagged: +yes' && pdfinfo l.pdf | grep -Eq 'Page size: +59[45](\.[0-9]+)? x 84[12]'"
pdftotext -layout l.pdf l.txt
check "... each with its code, the close date and the privacy notice" sh -c "grep -q '$(code_of A-1)' l.txt && grep -q '$(code_of A-3)' l.txt && grep -q '30. september 2099' l.txt && grep -q 'https://svar.example.dk/privatliv/undersoegelse' l.txt"
pdftoppm -r 150 -png l.pdf page
check "... and a QR code that opens that citizen's own link" sh -c "[ \"\$(zbarimg --raw -q page-1.png)\" = '$(url_of A-1)' ] && [ \"\$(zbarimg --raw -q page-2.png)\" = '$(url_of A-3)' ]"
exits 0 "invite reminders --format zip" "$bin" --db t.db invite reminders --wave 2024 --format zip --out r.zip --base-url https://svar.example.dk
check "... one PDF per invitee still to answer, named by reference" sh -c "[ \"\$(unzip -Z1 r.zip)\" = 'A-1.pdf' ]"
unzip -o -q r.zip A-1.pdf && pdftoppm -r 150 -png A-1.pdf reminder
check "... whose QR code is A-1's link" sh -c "[ \"\$(zbarimg --raw -q reminder-1.png)\" = '$(url_of A-1)' ]"
check "... worded as a reminder" sh -c "pdftotext A-1.pdf - | grep -q 'Påmindelse' && pdftotext A-1.pdf - | grep -q 'Du har endnu ikke svaret'"
exits 1 "a letter text with an unknown placeholder is refused" "$bin" --db t.db settings set letter.invitation "Svar inden {slutdato}"
check "... naming the placeholders there are" grep -q "{lukkedato}" err.txt
exits 0 "a letter text of the administration's own" "$bin" --db t.db settings set letter.invitation "Hej fra {jobcenter}. Svar inden {lukkedato}, tak."
exits 0 "... is the body of the next letters" "$bin" --db t.db invite letters --wave 2024 --format pdf --out own.pdf --base-url https://svar.example.dk
check "... with its placeholders filled in" sh -c "pdftotext own.pdf - | grep -q 'Svar inden 30. september 2099, tak.'"
exits 2 "an unknown --format is a usage error" "$bin" --db t.db invite reminders --wave 2030 --format docx --out r.docx

# Earlier years as aggregates (issue 4): names and options as scripts call them.
printf 'question;answer;count;group\ntilfreds_alt_i_alt;I høj grad;30;sygedagpenge\ntilfreds_alt_i_alt;Slet ikke;5;dagpenge\n' > counts.csv
printf 'group;invited;answered;ineligible;undeliverable\nsygedagpenge;100;40;5;1\ndagpenge;80;20;;\n' > totals.csv
exits 0 "wave import-counts with a totals file" "$bin" --db t.db wave import-counts --survey jobcenter --wave 2022 counts.csv --totals totals.csv --opens 2022-09-01 --closes 2022-09-30
check "... says what it stored" grep -q "imported wave 2022 of jobcenter version 1: 4 counts for 1 question" out.txt
exits 1 "importing the same year again needs --replace" "$bin" --db t.db wave import-counts --survey jobcenter --wave 2022 counts.csv --invited 200 --answered 60
exits 0 "... and --replace replaces" "$bin" --db t.db wave import-counts --survey jobcenter --wave 2022 counts.csv --invited 200 --answered 60 --replace
printf 'question;answer;count\nukendt;Ja;1\ntilfreds_alt_i_alt;Måske;2\n' > badcounts.csv
exits 1 "bad counts are refused" "$bin" --db t.db wave import-counts --survey jobcenter --wave 2021 badcounts.csv --invited 10 --answered 5
check "... by line" grep -q "counts line 2: unknown question id 'ukendt'" err.txt
check "... every line" grep -q "counts line 3: 'Måske' is not an answer" err.txt
exits 1 "a fielded wave is never overwritten" "$bin" --db t.db wave import-counts --survey jobcenter --wave 2024 counts.csv --invited 200 --answered 60 --replace
exits 2 "--invited without --answered is a usage error" "$bin" --db t.db wave import-counts --survey jobcenter --wave 2020 counts.csv --invited 200

# Closing a wave (issue 17): its last day becomes yesterday and nothing waits to be mixed.
exits 0 "wave close" "$bin" --db t.db wave close --wave 2024
check "... says so, with the last day" grep -q "closed wave 2024 of jobcenter: its last day was $(date -d yesterday +%F)" out.txt
check "... and that no submission waits" grep -q "no submission waits to be mixed" out.txt
"$bin" --db t.db wave status --wave 2024 > status.txt 2>&1
check "... which wave status shows" grep -q "wave 2024 (jobcenter), closed" status.txt
exits 0 "closing it again" "$bin" --db t.db wave close --wave 2024
check "... says it was closed already" grep -q "was already closed" out.txt
exits 1 "an unknown wave cannot be closed" "$bin" --db t.db wave close --wave 1999

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
