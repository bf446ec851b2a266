#!/usr/bin/env bash
# `tilfreds settings set|list` (issue 12) as an operator scripts them: the exact keys,
# refusals with a message and exit 1, the warning about keys a public site needs,
# and every change in the audit log with the actor cli.
# Usage: settings_cli_test.sh PATH/TO/tilfreds
set -u
bin=$(realpath "$1"); here=$(dirname "$(realpath "$0")")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
source "$here/checks.sh"
sql() { sqlite3 t.db "$1"; }

exits 0 "settings list on a new database" "$bin" --db t.db settings list
check "... lists every key, unset as -" grep -q "^contact.phone	-$" out.txt
check "... warns that a public site needs organisation.name" grep -q "organisation.name is not set; a public site needs it" err.txt
exits 0 "settings set organisation.name" "$bin" --db t.db settings set organisation.name "Lejre Kommune"
exits 0 "settings set contact.phone" "$bin" --db t.db settings set contact.phone "46 46 46 46"
exits 0 "settings set accessibility.url" "$bin" --db t.db settings set accessibility.url https://www.was.digst.dk/lejre-dk
exits 0 "settings set privacy.survey (two paragraphs)" "$bin" --db t.db settings set privacy.survey "$(printf 'Lejre Kommune er dataansvarlig.\n\nKontakt dpo@lejre.dk.')"
exits 0 "settings list" "$bin" --db t.db settings list
check "... shows the value" grep -q "^organisation.name	Lejre Kommune$" out.txt
check "... a long text on one line" grep -q '^privacy.survey	Lejre Kommune er dataansvarlig.\\n\\nKontakt dpo@lejre.dk.$' out.txt
check "... no warning for a key that is set" sh -c "! grep -q 'organisation.name is not set' err.txt"
check "... still a warning for contact.hours" grep -q "contact.hours is not set" err.txt
exits 1 "an unknown key is refused" "$bin" --db t.db settings set organisation.navn "Lejre"
check "... naming the known keys" grep -q "known keys: organisation.name" err.txt
exits 1 "a malformed URL is refused" "$bin" --db t.db settings set accessibility.url "javascript:alert(1)"
check "... saying what a URL must look like" grep -q "starting with https://" err.txt
exits 1 "a malformed phone number is refused" "$bin" --db t.db settings set contact.phone "ring os op"
exits 1 "a malformed e-mail address is refused" "$bin" --db t.db settings set contact.email "jobcenter"
check "... and nothing refused was stored" test "$(sql "SELECT value FROM site_setting WHERE key = 'accessibility.url'")" = "https://www.was.digst.dk/lejre-dk"
exits 0 "an empty value unsets a key" "$bin" --db t.db settings set contact.phone ""
check "... the row is gone" test "$(sql "SELECT count(*) FROM site_setting WHERE key = 'contact.phone'")" = 0
check "every change is audited with the actor cli" test "$(sql "SELECT count(*) FROM audit_event WHERE entity = 'setting' AND actor_name = 'cli'")" = 5

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
