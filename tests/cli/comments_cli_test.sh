#!/usr/bin/env bash
# `tilfreds comments list|theme|code` (issue 13 §4) on the demo database: the demo's
# closed waves come coded, a secretary's script can add a theme and code a comment,
# refusals exit 1 with the reason, and `report comments` shows the coding.
# Usage: comments_cli_test.sh PATH/TO/tilfreds
set -u
here=$(dirname "$(realpath "$0")")
bin=$(realpath "$1")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
source "$here/checks.sh"

"$bin" --db d.db demo --no-serve >/dev/null 2>&1 || { echo "FAILED demo"; exit 1; }
closed=$(python3 -c "import sqlite3; print(sqlite3.connect('d.db').execute(\"SELECT label FROM wave ORDER BY label\").fetchall()[1][0])")
open=$(python3 -c "import sqlite3; print(sqlite3.connect('d.db').execute(\"SELECT label FROM wave ORDER BY label\").fetchall()[2][0])")
c() { "$bin" --db d.db comments "$@"; }

exits 0 "list a closed demo wave" c list --wave "$closed"
check "... has the demo's themes" grep -q '^themes: \[Kontakt og ventetid\] \[Sagsbehandleren\] \[Tilbud og aktivering\]' out.txt
check "... has an edited quote" grep -q 'quote (edited).Svært at komme igennem på telefonen.$' out.txt
check "... masks the phone number of the uncoded original" sh -c "! grep -q '12 34 56 78' out.txt"
exits 0 "the open wave is not coded" c list --wave "$open"
check "... has no themes" grep -q '^themes: (none)' out.txt
id=$(awk -F'\t' 'NR == 2 {print $1}' out.txt)
exits 0 "add a theme" c theme --wave "$open" --name "Breve"
exits 1 "the same theme again is refused" c theme --wave "$open" --name "Breve"
check "... saying why" grep -q 'already has a theme of that name' err.txt
exits 0 "code a comment" c code --wave "$open" --comment "$id" --theme Breve --tone ris --quote --wording "Breve er svære"
exits 0 "change only its tone" c code --wave "$open" --comment "$id" --tone ros
exits 0 "list again" c list --wave "$open"
check "... the theme, quote and wording kept, the tone changed" grep -q "^$id	Breve	ros	quote (edited)	Breve er svære\$" out.txt
exits 1 "an unknown theme is refused" c code --wave "$open" --comment "$id" --theme "Findes ikke"
check "... saying why" grep -q -- "--theme: Choose one of the wave's themes." err.txt
exits 1 "an unknown comment is refused" c code --wave "$open" --comment 1.nope --tone ris
exits 2 "a tone outside ris/ros/ingen is a usage error" c code --wave "$open" --comment "$id" --tone meh
exits 1 "an unknown wave is refused" c list --wave 1999
check "every change is audited as cli" python3 -c "
import sqlite3; n = sqlite3.connect('d.db').execute(\"SELECT count(*) FROM audit_event WHERE actor_name = 'cli' AND entity IN ('comment', 'comment_theme')\").fetchone()[0]; assert n == 3, n"
exits 0 "report comments" "$bin" --db d.db report comments --survey jobcenter --waves "$closed,$open" --format csv --out k.csv
check "... by theme" grep -q "^Kontakt og ventetid;[0-9]" k.csv
# One coded comment in the open wave: its theme's 1 is all the comments minus those
# listed without a theme, so no theme is counted there, and the quote names neither
# its theme nor its tone (ros 1 is hidden).
check "... with the new quote, under other themes, without its tone" grep -q "^Øvrige temaer;Breve er svære;[[:space:]]*$" k.csv
check "... and Breve not counted, saying why" sh -c "! grep -q '^Breve;' k.csv && grep -q 'Færre end 5 kommentarer har fået et tema' k.csv"
check "... and the uncoded listed" grep -q "^Kommentarer uden tema $open" k.csv

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
