"""The journal as a witness (issue 10 §1): while citizens submit, copies of the database and its
-wal are taken the way an administrator or a backup would take them; every commit in each copied
-wal is rebuilt (the -wal cut after that commit's frame, opened by SQLite itself, which checks the
frames' salts and checksums as on recovery). For every submission acknowledged before a copy
began, no rebuilt state of that copy may show the invitee before its completion, its draft, its
group or background — the rows that paired invitee and response in one commit before the fix
re-identified every respondent. What is left is the committed state, where a join can only pick
among the wave's completers: checked too, by the attacker's joins.

Usage: journal_test.py PATH/TO/tilfreds SOURCE_DIR
"""

import os
import shutil
import sqlite3
import struct
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import tilfreds_process as tp  # noqa: E402

CITIZENS_AT_ONCE = 8
INVITEES = 160
WAL_HEADER = 32
FRAME_HEADER = 24


def commit_ends(wal_bytes):
    """Byte offsets just past each commit frame of a -wal (a frame whose 'database size after
    commit' field is non-zero), in order; SQLite's recovery decides which of them are valid."""
    if len(wal_bytes) < WAL_HEADER:
        return []
    page_size = struct.unpack(">I", wal_bytes[8:12])[0]
    if page_size == 1:
        page_size = 65536
    if page_size < 512:
        return []
    frame = FRAME_HEADER + page_size
    ends = []
    offset = WAL_HEADER
    while offset + frame <= len(wal_bytes):
        if struct.unpack(">I", wal_bytes[offset + 4:offset + 8])[0] != 0:
            ends.append(offset + frame)
        offset += frame
    return ends


def states(copy_dir):
    """Yields an open connection to each state the copy can be rebuilt to: the database file
    alone, then after each commit of its -wal."""
    with open(os.path.join(copy_dir, "t.db"), "rb") as f:
        db_bytes = f.read()
    wal_path = os.path.join(copy_dir, "t.db-wal")
    wal_bytes = open(wal_path, "rb").read() if os.path.exists(wal_path) else b""
    for end in [0] + commit_ends(wal_bytes):
        scratch = tempfile.mkdtemp(dir=copy_dir)
        with open(os.path.join(scratch, "s.db"), "wb") as f:
            f.write(db_bytes)
        if end:
            with open(os.path.join(scratch, "s.db-wal"), "wb") as f:
                f.write(wal_bytes[:end])
        c = sqlite3.connect(os.path.join(scratch, "s.db"))
        try:
            yield end, c
        finally:
            c.close()
            shutil.rmtree(scratch, ignore_errors=True)


def pairings(c, acknowledged):
    """What a rebuilt state reveals about acknowledged invitees beyond their completion."""
    found = []
    marks = ",".join("?" * len(acknowledged))
    refs = sorted(acknowledged)
    for ref, status, grp, background in c.execute(
            "SELECT reference, status, grp, background FROM invitee WHERE reference IN (%s)" % marks, refs):
        if status != "completed":
            found.append("%s seen as %s after its acknowledgement" % (ref, status))
        if grp or background != "{}":
            found.append("%s still has group/background %r %r" % (ref, grp, background))
    for (ref,) in c.execute(
            "SELECT i.reference FROM draft d JOIN invitee i ON i.id = d.invitee_id"
            " WHERE i.reference IN (%s)" % marks, refs):
        found.append("%s has its draft" % ref)
    # The attacker's join of the issue: background and group, byte for byte.
    joined = c.execute("SELECT count(*) FROM invitee i JOIN response r ON r.wave_id = i.wave_id"
                       " AND r.grp = i.grp AND r.background = i.background"
                       " WHERE i.status = 'completed'").fetchone()[0]
    if joined:
        found.append("%d completed invitees join a response on group and background" % joined)
    return found


def main():
    binary, source = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as work:
        db, links = tp.prepare_db(binary, source, work, INVITEES)
        server = tp.Server(binary, db, os.path.join(work, "server.log"))
        todo = list(enumerate(links))
        lock = threading.Lock()
        acknowledged = set()  # references whose thank-you page came back
        stop = threading.Event()

        def citizen_loop():
            while not stop.is_set():
                with lock:
                    if not todo:
                        return
                    i, link = todo.pop()
                c = tp.Citizen(server.port, i)
                try:
                    c.open(link)
                    _, body = c.answer_until_last()
                    if c.submit(body):
                        with lock:
                            acknowledged.add("ref-%d" % i)
                finally:
                    c.close()

        copies = []

        def copier():
            n = 0
            while not stop.is_set():
                with lock:
                    known = set(acknowledged)
                d = os.path.join(work, "copy-%03d" % n)
                os.mkdir(d)
                # As `cp` or a backup tool that knows nothing of SQLite would: file by file.
                for suffix in ("", "-wal"):
                    try:
                        shutil.copyfile(db + suffix, os.path.join(d, "t.db" + suffix))
                    except FileNotFoundError:
                        pass
                copies.append((d, known))
                n += 1
                time.sleep(0.05)

        threads = [threading.Thread(target=citizen_loop) for _ in range(CITIZENS_AT_ONCE)]
        copy_thread = threading.Thread(target=copier)
        for t in threads:
            t.start()
        copy_thread.start()
        for t in threads:
            t.join()
        stop.set()
        copy_thread.join()
        server.signal(15)
        server.wait(20)

        problems = []
        in_journal = 0  # of them, found in a state rebuilt from -wal commits
        rebuilt = readable = frames_seen = 0
        for d, known in copies:
            if not known:
                continue
            for end, c in states(d):
                rebuilt += 1
                frames_seen += end > 0
                try:
                    found = pairings(c, known)
                    readable += 1
                except sqlite3.DatabaseError:
                    continue  # a copy torn by a concurrent checkpoint: it reveals nothing either
                problems += ["%s @%d: %s" % (os.path.basename(d), end, p) for p in found]
                in_journal += len(found) if end else 0
            if in_journal >= 10:
                break  # proven; the rest would only take time
        print("%d citizens acknowledged, %d copies, %d states rebuilt (%d from -wal commits), %d readable"
              % (len(acknowledged), len(copies), rebuilt, frames_seen, readable))
        if problems:
            raise AssertionError("%d pairings (%d in -wal commits), e.g.\n  %s"
                                 % (len(problems), in_journal, "\n  ".join(problems[:5] + problems[-5:])))
        tp.expect(len(acknowledged) >= INVITEES // 2, "too few submissions to prove anything")
        tp.expect(readable >= len(copies) // 2, "too few readable copies to prove anything")
        tp.expect(frames_seen > 0, "no copy caught a -wal commit: the test proves nothing")

        # The end state: each response could have come from any completer of the wave.
        c = sqlite3.connect(db)
        completers = c.execute("SELECT count(*) FROM invitee WHERE status = 'completed'").fetchone()[0]
        responses = c.execute("SELECT count(*) FROM response").fetchone()[0]
        distinct = c.execute("SELECT count(DISTINCT grp || background) FROM invitee"
                             " WHERE status = 'completed'").fetchone()[0]
        c.close()
        tp.expect(completers == responses == len(acknowledged), "completers, responses, acknowledged")
        tp.expect(distinct == 1, "completed invitees differ in group or background")
        print("ok: no pairing in any rebuilt state; %d completers indistinguishable" % completers)


if __name__ == "__main__":
    main()
