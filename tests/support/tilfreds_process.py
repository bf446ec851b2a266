"""The real `tilfreds` binary as a subprocess, for the fault tests (python3 standard library only).

prepare_db() builds a database through the command line as a jobcentre would (questionnaire,
an open wave, a frame with letters); Server starts `tilfreds serve --port 0` on loopback and
reads the port it prints; Citizen walks one letter through the questionnaire the way a browser
does (cookie, CSRF, one page per theme, follow-up questions) and records what it sent, so
check_db() can prove afterwards that every acknowledged submission is stored exactly once and
whole.
"""

import collections
import csv
import http.client
import html
import io
import json
import os
import random
import re
import select
import signal
import sqlite3
import subprocess
import threading
import time
import zlib

FORM = "application/x-www-form-urlencoded"


def prepare_db(binary, source_dir, work_dir, invitees, db=None, key_file=None):
    """Creates the database (work_dir/t.db, or `db`: a PostgreSQL URI, which needs `key_file`)
    with the shipped questionnaire, an open wave '2024' and `invitees` letters; returns it and
    the letter paths ('/s/TOKEN') in frame order (references() maps them to the frame's)."""
    db = db or os.path.join(work_dir, "t.db")
    frame = os.path.join(work_dir, "frame.csv")
    letters = os.path.join(work_dir, "letters.csv")
    with open(frame, "w") as f:
        f.write("reference;group;tilbud\n")
        for i in range(invitees):
            f.write("ref-%d;%s;%s\n" % (i, "dagpenge" if i % 2 else "sygedagpenge",
                                         "praktik" if i % 3 else "kursus"))
    for args in (["survey", "import", os.path.join(source_dir, "surveys", "jobcenter.json")],
                 ["wave", "create", "--survey", "jobcenter", "--label", "2024",
                  "--opens", "2000-01-01", "--closes", "2099-12-31"],
                 ["invite", "import", frame, "--wave", "2024", "--letters", letters]):
        subprocess.run([binary] + global_args(db, key_file) + args, check=True,
                       stdout=subprocess.DEVNULL)
    return db, [path for path, _ in letter_rows(work_dir)]


def letter_rows(work_dir):
    """(letter path, frame reference) of every letter prepare_db wrote, in frame order."""
    with open(os.path.join(work_dir, "letters.csv"), encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    return [(r["url"][r["url"].index("/s/"):], r["reference"]) for r in rows]


def references(work_dir):
    return dict(letter_rows(work_dir))


def global_args(db, key_file=None):
    return ["--db", db] + (["--key-file", key_file] if key_file else [])


class Server:
    """`tilfreds --db DB serve --port 0` with its stderr (the log) in a file."""

    def __init__(self, binary, db, log_path, extra_args=(), key_file=None):
        self.log_path = log_path
        self._log = open(log_path, "ab")
        self.proc = subprocess.Popen([binary] + global_args(db, key_file) + ["serve", "--port", "0"]
                                     + list(extra_args),
                                     stdout=subprocess.PIPE, stderr=self._log)
        self.port = self._read_port(timeout=20)

    def _read_port(self, timeout):
        deadline = time.monotonic() + timeout
        line = b""
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.proc.stdout], [], [], 0.1)
            if ready:
                chunk = os.read(self.proc.stdout.fileno(), 4096)
                if not chunk:
                    break
                line += chunk
                m = re.search(rb"listening on http://127\.0\.0\.1:(\d+)", line)
                if m:
                    return int(m.group(1))
        self.proc.kill()
        self.proc.wait()
        raise RuntimeError("server did not start: %r; log: %s" % (line, self.log()))

    def signal(self, sig):
        self.proc.send_signal(sig)

    def wait(self, timeout):
        """The exit code, or None if it did not exit within `timeout` seconds (then killed)."""
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return None
        finally:
            self.proc.stdout.close()
            self._log.close()

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.wait(10)

    def log(self):
        if not self._log.closed:
            self._log.flush()
        with open(self.log_path, "rb") as f:
            return f.read().decode("utf-8", "replace")


class Citizen:
    """One browser: keeps its cookie and the CSRF token of the last page, never follows
    redirects. `seed` chooses the answers, so different citizens store different responses."""

    def __init__(self, port, seed=0, timeout=10):
        self.timeout = timeout
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        self.seed = seed
        self.cookie = None
        self.page = ""
        self.answers = {}  # everything sent so far that the server keeps: question id → value

    def request(self, method, path, body=None, headers=None):
        h = dict(headers or {})
        if self.cookie:
            h["Cookie"] = self.cookie
        if body is not None:
            h.setdefault("Content-Type", FORM)
        self.conn.request(method, path, body=body, headers=h)
        r = self.conn.getresponse()
        text = r.read().decode("utf-8", "replace")
        for k, v in r.getheaders():
            if k.lower() == "set-cookie" and v.startswith("tf_borger="):
                value = v.split(";")[0]
                self.cookie = None if value == "tf_borger=" or "Max-Age=0" in v else value
        if r.status == 200:
            self.page = text
        return r.status, r.getheader("Location"), text, r

    def open(self, link_path):
        """Letter link → /svar intro → first theme. Raises unless every step went as designed."""
        status, location, _, _ = self.request("GET", link_path)
        expect((status, location) == (303, "/svar"), "letter link: %d %s" % (status, location))
        expect(self.request("GET", "/svar")[0] == 200, "intro page")
        expect(self.post(0, "start", {})[:2] == (303, "/svar"), "start")
        expect(self.request("GET", "/svar")[0] == 200, "first page")

    def resume(self, link_path):
        """Back to where this browser's session stands (after a move_to): the current page, past
        the intro if the walk had not started; through the letter's link again when the session
        is gone (no cookie yet, or a send that committed ended it). False when the server says
        it is already answered (no questionnaire page)."""
        status, location, _, _ = self.request("GET", "/svar") if self.cookie else (401, None, "", None)
        if status == 401:
            self.cookie = None
            status, location, _, _ = self.request("GET", link_path)
            if status == 200:
                return 'name="vist"' in self.page
            expect((status, location) == (303, "/svar"), "letter link again: %d" % status)
            status, location, _, _ = self.request("GET", "/svar")
        expect(status == 200, "resumed page: %d %s" % (status, location))
        if 'value="start"' in self.page:
            expect(self.post(0, "start", {})[:2] == (303, "/svar"), "start")
            expect(self.request("GET", "/svar")[0] == 200, "first page")
        return 'name="vist"' in self.page

    def post(self, side, action, fields, shown=None):
        return self.request("POST", "/svar", self.encode(side, action, fields, shown))

    def encode(self, side, action, fields, shown=None):
        pairs = [("csrf", self.csrf()), ("side", str(side)), ("handling", action)]
        if shown is not None:
            pairs.append(("vist", shown))
        pairs += sorted(fields.items())
        from urllib.parse import urlencode
        return urlencode(pairs)

    def csrf(self):
        m = re.search(r'name="csrf" value="([^"]+)"', self.page)
        return m.group(1) if m else ""

    def fill(self):
        """The current page's side number, shown questions and this citizen's answers to them."""
        side = int(re.search(r'name="side" value="(\d+)"', self.page).group(1))
        shown = re.search(r'name="vist" value="([^"]*)"', self.page).group(1)
        fields = {}
        radios = collections.OrderedDict()
        for name, value in re.findall(r'type="radio" id="[^"]*" name="([^"]+)" value="([^"]+)"', self.page):
            radios.setdefault(name, []).append(value)
        for name, values in radios.items():
            fields[name] = values[zlib.crc32(("%d %s" % (self.seed, name)).encode()) % len(values)]
        for name in re.findall(r'<textarea id="[^"]*" name="([^"]+)"', self.page):
            fields[name] = "Kommentar nr. %d æøå" % self.seed
        return side, shown, fields

    def answer_until_last(self):
        """Answers every theme up to (not including) sending; the last page is loaded.
        Returns (side, body) of the final 'send' post, ready to be sent."""
        for _ in range(30):
            side, shown, fields = self.fill()
            self.answers.update({k[2:]: v for k, v in fields.items()})
            if 'value="send"' in self.page:
                return side, self.encode(side, "send", fields, shown)
            status, location, _, _ = self.post(side, "naeste", fields, shown)
            if status == 303:
                expect(location == "/svar", "next page redirect")
                expect(self.request("GET", "/svar")[0] == 200, "next page")
            else:
                # 200: a follow-up question was revealed and the page came back to complete.
                expect(status == 200, "page %d answered: status %d" % (side, status))
        raise AssertionError("questionnaire did not end within 30 pages")

    def submit(self, body):
        """Posts the final page; True when the thank-you redirect came back."""
        status, location, _, _ = self.request("POST", "/svar", body)
        return status == 303 and location == "/tak"

    def move_to(self, port):
        """The same browser (cookie, last page) now reaching another server, as a proxy sends
        the next request elsewhere when one server is gone."""
        self.conn.close()
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=self.timeout)

    def close(self):
        self.conn.close()


class Ledger:
    """What citizens sent and which of it was acknowledged, shared by citizen threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.sent = []
        self.acknowledged = []
        self.acknowledged_links = []

    def walk(self, port, seed, link):
        """One citizen from the letter link to the thank-you page. True when acknowledged;
        False when not, e.g. the server went away (refused or dropped connection)."""
        c = Citizen(port, seed)
        try:
            c.open(link)
            _, body = c.answer_until_last()
            self.sending(c)
            if c.submit(body):
                self.acknowledge(c, link)
                return True
            return False
        except (OSError, http.client.HTTPException):
            return False
        finally:
            c.close()

    def sending(self, citizen):
        with self.lock:
            self.sent.append(dict(citizen.answers))

    def acknowledge(self, citizen, link):
        with self.lock:
            self.acknowledged.append(dict(citizen.answers))
            self.acknowledged_links.append(link)

    def check(self, db, source_dir):
        return check_db(db, source_dir, self.acknowledged, self.sent)


def seeded_random(what):
    """A random source from TILFREDS_SEED (or the clock), its seed printed to rerun a failure."""
    seed = int(os.environ.get("TILFREDS_SEED", time.time_ns() % 1000000))
    print("%s from TILFREDS_SEED=%d" % (what, seed), flush=True)
    return random.Random(seed)


def start_citizens(count, todo, lock, stop, walk):
    """`count` threads, staggered so submissions are in flight at any moment, each calling
    walk(n, link) with what it pops from `todo` (under `lock`) until it is empty or `stop` set."""
    def loop(delay):
        time.sleep(delay)
        while not stop.is_set():
            with lock:
                if not todo:
                    return
                n, link = todo.pop()
            walk(n, link)

    threads = [threading.Thread(target=loop, args=(i * 0.02,)) for i in range(count)]
    for t in threads:
        t.start()
    return threads


def random_moment(ledger, rng):
    """Returns after the next thank-you page (30 s at most) and up to 0.8 s more at random: a
    moment with submissions stored and others in flight, on a slow machine too."""
    acked_before = len(ledger.acknowledged)
    deadline = time.monotonic() + 30
    while len(ledger.acknowledged) == acked_before and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(rng.uniform(0.0, 0.8))


def expect_busy(status, r, body, fields, what):
    """The page a citizen gets while the database is unavailable: 503 with Retry-After, "Prøv
    igen om lidt", and every answer just posted (`fields`) still entered on it."""
    problems = busy_page_problems(status, r, body, fields)
    expect(not problems, "%s: %s" % (what, "; ".join(problems)))


def busy_page_problems(status, r, body, fields):
    """What expect_busy finds wrong with a page, as a list (empty: none)."""
    if status != 503:
        return ["status %d, not 503" % status]
    problems = []
    if r.getheader("Retry-After") != "5":
        problems.append("no Retry-After: 5")
    if "Prøv igen om lidt" not in body:
        problems.append("not the 'try again shortly' text")
    for name, value in fields.items():
        # On the questionnaire page again, or in the busy page's form that sends them again
        # (the page itself could not be built: the session is in the database too).
        if not ('name="%s" value="%s" checked' % (name, value) in body or
                'name="%s" rows="5"' % name in body and ">%s</textarea>" % value in body or
                '<input type="hidden" name="%s" value="%s">' % (name, html.escape(value, quote=True)) in body):
            problems.append("the entered answer %s=%s is not kept on the page" % (name, value))
    return problems


def expect(condition, what):
    if not condition:
        raise AssertionError(what)


def text_questions(source_dir):
    with open(os.path.join(source_dir, "surveys", "jobcenter.json")) as f:
        q = json.load(f)
    return {x["id"] for t in q["themes"] for x in t["questions"] if x["type"] == "text"}


class Reader:
    """Read-only queries on either engine, written once: rows come back as tuples of strings
    whether the database is a SQLite file (sqlite3) or a PostgreSQL URI (psql, Debian's
    postgresql-client, as CSV so no value can break a row). The queries select no NULLs."""

    def __init__(self, db):
        self.db = db
        self.postgresql = db.startswith(("postgresql:", "postgres:"))

    def rows(self, sql):
        if self.postgresql:
            out = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", self.db, "-c",
                                  "COPY (%s) TO STDOUT WITH (FORMAT csv)" % sql],
                                 check=True, capture_output=True).stdout.decode("utf-8")
            return [tuple(row) for row in csv.reader(io.StringIO(out, newline=""))]
        c = sqlite3.connect(self.db)
        try:
            return [tuple(str(v) for v in r) for r in c.execute(sql)]
        finally:
            c.close()

    def value(self, sql):
        return self.rows(sql)[0][0]

    def has_table(self, name):
        if self.postgresql:
            return self.value("SELECT to_regclass('%s') IS NOT NULL" % name) == "t"
        return self.value("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '%s'"
                          % name) != "0"


def check_db(db, source_dir, acknowledged_answers, sent_answers, queued=0):
    """Checks the stored state after a crash or a stop and returns the number of responses.

    acknowledged_answers: the answers of every submission that got its thank-you page;
    sent_answers: those of every submission posted at all (acknowledged or not); queued: how
    many submissions wait sealed in response_queue (PostgreSQL; their answers cannot be read).
    Holds, on either engine: integrity_check ok (SQLite); responses + queued = completed
    invitees; respondent_count = responses; nothing stored that was not sent; with nothing
    queued, every acknowledged submission stored (as a multiset); answer_count and
    respondent_count equal what the response rows imply."""
    r = Reader(db)
    problems = []
    if not r.postgresql:
        integrity = r.rows("PRAGMA integrity_check")
        if integrity != [("ok",)]:
            problems.append("integrity_check: %r" % integrity)
    completed = int(r.value("SELECT count(*) FROM invitee WHERE status = 'completed'"))
    rows = r.rows("SELECT grp, background, answers FROM response")
    respondents = int(r.value(
        "SELECT coalesce(sum(n), 0) FROM respondent_count WHERE dim = 'all'"))
    if not (len(rows) + queued == completed and len(rows) == respondents):
        problems.append("responses %d + queued %d, completed invitees %d, respondent_count %d"
                        % (len(rows), queued, completed, respondents))
    stored = collections.Counter(canonical(json.loads(a)) for _, _, a in rows)
    acked = collections.Counter(canonical(a) for a in acknowledged_answers)
    sent = collections.Counter(canonical(a) for a in sent_answers)
    if not queued and acked - stored:
        problems.append("%d acknowledged submissions missing" % sum((acked - stored).values()))
    if stored - sent:
        problems.append("%d stored responses were never sent whole (partial?)"
                        % sum((stored - sent).values()))
    if len(rows) + queued < len(acknowledged_answers):
        problems.append("fewer responses than acknowledgements")
    texts = text_questions(source_dir)
    want_answers = collections.Counter()
    want_respondents = collections.Counter()
    for grp, background, answers in rows:
        dims = [("all", ""), ("group", grp)] + sorted(json.loads(background).items())
        for d in dims:
            want_respondents[d] += 1
            for q, a in json.loads(answers).items():
                if q not in texts:
                    want_answers[d + (q, a)] += 1
    have_answers = collections.Counter(
        {tuple(x[:4]): int(x[4]) for x in r.rows(
            "SELECT dim, dim_value, question_id, answer, n FROM answer_count WHERE n > 0")})
    have_respondents = collections.Counter(
        {tuple(x[:2]): int(x[2]) for x in r.rows(
            "SELECT dim, dim_value, n FROM respondent_count WHERE n > 0")})
    if have_answers != want_answers:
        problems.append("answer_count differs from the response rows")
    if have_respondents != want_respondents:
        problems.append("respondent_count differs from the response rows")
    if problems:
        raise AssertionError("; ".join(problems))
    return len(rows)


def check_stored_exactly_once(binary, db, key_file, work_dir, source_dir, ledger, wave="2024",
                              close_wave=True):
    """Every acknowledged submission stored exactly once, on either engine; returns how many
    responses are stored. The one place that knows how a submission is stored, so it changes
    with the store:

    on PostgreSQL a submission is sealed into response_queue in the transaction that completes
    its invitee, and a later mixing transaction moves it into response (in batches of several
    per wave). So: every acknowledged letter's invitee is completed; responses + queued =
    completed invitees; then, with `close_wave` (the last check of a test: the wave cannot take
    submissions after it), `tilfreds wave close --wave LABEL` mixes every waiting submission
    into response; then check_db's content and count
    comparisons (which skip 'every acknowledged answer set is among the responses' while any
    submission still waits sealed)."""
    r = Reader(db)
    refs = references(work_dir)
    acked_refs = [refs[link] for link in ledger.acknowledged_links]
    if acked_refs:
        completed = {x[0] for x in r.rows(
            "SELECT i.reference FROM invitee i JOIN wave w ON w.id = i.wave_id "
            "WHERE w.label = '%s' AND i.status = 'completed'" % wave)}
        missing = [x for x in acked_refs if x not in completed]
        if missing:
            raise AssertionError("%d acknowledged letters' invitees are not completed, e.g. %s"
                                 % (len(missing), missing[:3]))
    queued = queued_submissions(r)
    if close_wave and queued:
        subprocess.run([binary] + global_args(db, key_file) + ["wave", "close", "--wave", wave],
                       check=True, stdout=subprocess.DEVNULL)
        queued = queued_submissions(r)
    return check_db(db, source_dir, ledger.acknowledged, ledger.sent, queued)


def queued_submissions(reader):
    """Submissions waiting sealed in response_queue (0 where the table does not exist)."""
    return int(reader.value("SELECT count(*) FROM response_queue")) \
        if reader.has_table("response_queue") else 0


def canonical(answers):
    return json.dumps(answers, sort_keys=True, ensure_ascii=False)
