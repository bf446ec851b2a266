"""Two `tilfreds serve` on one PostgreSQL database (issue 17): citizens submit concurrently
through both, one server is killed with SIGKILL at a random moment and restarted, three times.

While one is down, new citizens go to the other (as nginx's upstream does), and a citizen whose
server died mid-walk carries on there with the same cookie (the session is in the database).
Holds: every walk that ran on the surviving server succeeded; every submission that got its
thank-you page is stored exactly once, nothing partial, the counts equal what the responses
imply (tilfreds_process.check_stored_exactly_once, which also knows the sealed queue).
The cluster is a throwaway one in the test's own folder, stopped on every way out.

Usage: postgresql_kill_test.py PATH/TO/tilfreds SOURCE_DIR
"""

import http.client
import os
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import postgres_cluster  # noqa: E402
import tilfreds_process as tp  # noqa: E402

KILLS = 3
CITIZENS_AT_ONCE = 12
INVITEES = 900
SURVIVOR_SECONDS = 1.5  # load on the survivor alone before the killed server comes back,
SURVIVOR_ACKS = 5  # and until it has finished this many walks


class Site:
    """Two servers and what a proxy knows of them: which is up, on which port."""

    def __init__(self, binary, db, key, work):
        self.args = (binary, db)
        self.key = key
        self.work = work
        self.lock = threading.Lock()
        self.servers = [self.start(i) for i in (0, 1)]
        self.up = [True, True]

    def start(self, i):
        return tp.Server(self.args[0], self.args[1], os.path.join(self.work, "server%d.log" % i),
                         key_file=self.key)

    def pick(self, preferred):
        """(index, port) of the preferred server, or of the other while it is down."""
        with self.lock:
            i = preferred if self.up[preferred] else 1 - preferred
            return i, self.servers[i].port

    def kill(self, i):
        with self.lock:
            self.up[i] = False
        self.servers[i].kill()

    def restart(self, i):
        server = self.start(i)
        with self.lock:
            self.servers[i] = server
            self.up[i] = True


def walk(site, ledger, seed, link, outcomes):
    """One citizen: starts on the server its seed prefers, moves to the other if its server
    goes away; records (server, ok) for every server it used."""
    i, port = site.pick(seed % 2)
    c = tp.Citizen(port, seed)
    used = [i]
    try:
        for attempt in range(2):
            try:
                if attempt == 0:
                    c.open(link)
                elif not c.resume(link):
                    # 'Already answered': the send committed before its server died.
                    outcomes.append((used[-1], True))
                    return
                _, body = c.answer_until_last()
                ledger.sending(c)
                status, location, _, _ = c.request("POST", "/svar", body)
                if (status, location) == (303, "/tak"):
                    ledger.acknowledge(c, link)
                    outcomes.append((used[-1], True))
                    return
                outcomes.append((used[-1], False, "answered wrongly: sent, %d %s"
                                 % (status, location)))
                return
            except AssertionError as e:
                # A page that came back wrong (a 503, say) is a failure on any server.
                outcomes.append((used[-1], False, "answered wrongly: %s" % e))
                return
            except (OSError, http.client.HTTPException) as e:
                outcomes.append((used[-1], False, repr(e)))
                i, port = site.pick(1 - used[-1])
                if i == used[-1]:
                    return
                used.append(i)
                c.move_to(port)
    finally:
        c.close()


def main():
    binary, source = sys.argv[1], sys.argv[2]
    rng = tp.seeded_random("victims and kill moments")
    with tempfile.TemporaryDirectory() as work, postgres_cluster.Cluster(source, work) as pg:
        key = os.path.join(work, "key")
        db, links = tp.prepare_db(binary, source, work, INVITEES, db=pg.uri, key_file=key)
        todo = list(enumerate(links))
        ledger = tp.Ledger()
        site = Site(binary, db, key, work)
        lock = threading.Lock()
        try:
            for round_no in range(KILLS):
                victim = rng.randrange(2)
                stop = threading.Event()
                during = []  # (server, ok[, why]) of every walk this round
                threads = tp.start_citizens(CITIZENS_AT_ONCE, todo, lock, stop,
                                            lambda n, link: walk(site, ledger, n, link, during))
                tp.random_moment(ledger, rng)
                site.kill(victim)
                killed_at = len(during)
                # The survivor alone for a while, and until it has acknowledged citizens of its
                # own (a loaded machine may take longer than SURVIVOR_SECONDS).
                time.sleep(SURVIVOR_SECONDS)
                deadline = time.monotonic() + 30
                while (sum(1 for o in during[killed_at:] if o[0] != victim and o[1]) < SURVIVOR_ACKS
                       and time.monotonic() < deadline):
                    time.sleep(0.05)
                alone = during[killed_at:]
                site.restart(victim)
                time.sleep(0.5)
                stop.set()
                for t in threads:
                    t.join(30)
                    if t.is_alive():
                        raise AssertionError("a citizen thread hung after the kill")
                failed_on_survivor = [o for o in during if not o[1] and
                                      (o[0] != victim or o[2].startswith("answered wrongly"))]
                if failed_on_survivor:
                    log = site.servers[failed_on_survivor[0][0]].log()
                    print("\n".join(l for l in log.splitlines() if "unavailable" in l or
                                    "error" in l.lower())[-3000:], flush=True)
                    if os.environ.get("PGLOG"):
                        print(pg.log()[-int(os.environ["PGLOG"]):])
                    raise AssertionError("round %d: %d walks failed on the server that was not "
                                         "killed, or with a wrong answer, e.g. %s" % (round_no + 1, len(failed_on_survivor),
                                                              failed_on_survivor[0][2]))
                served = sum(1 for o in alone if o[0] != victim and o[1])
                if served < SURVIVOR_ACKS:
                    raise AssertionError("round %d: the survivor finished %d walks in 30 s while "
                                         "the other was down" % (round_no + 1, served))
                stored = tp.check_stored_exactly_once(binary, db, key, work, source, ledger,
                                                      close_wave=False)
                print("kill %d (server %d): %d acknowledged, %d sent, %d stored, %d walks finished "
                      "on the other while it was down"
                      % (round_no + 1, victim, len(ledger.acknowledged), len(ledger.sent), stored,
                         served), flush=True)
            # Both serve from the database the kills left.
            for i in (0, 1):
                c = tp.Citizen(site.servers[i].port, 1)
                c.open(todo.pop()[1])
                c.close()
            stored = tp.check_stored_exactly_once(binary, db, key, work, source, ledger)
            print("at the end: %d acknowledged, %d stored" % (len(ledger.acknowledged), stored))
        finally:
            for s in site.servers:
                s.kill()
        if len(ledger.acknowledged) < 3 * KILLS:
            raise AssertionError("too few submissions got through to test anything")
    print("ok")


if __name__ == "__main__":
    main()
