"""Storage faults under the real server: the database locked by another process, the disk full,
the file system turned read-only under the server (what ext4 does with errors=remount-ro);
a page save each time, and the final submission with the disk full. Each time the citizen gets 503 "Prøv igen om lidt" with Retry-After and the answers just entered
still checked, the saved draft survives, the server keeps serving, the log names the cause;
where the fault can pass, the same page then saves and the questionnaire ends stored.

Disk full and read-only need a small file system of their own: a loop-mounted ext4 image
(root, mount, mkfs.ext4). Where that is impossible the test exits 77, which CTest reports as
skipped with the reason printed; CI runs as root and can.

Usage: storage_faults_test.py PATH/TO/tilfreds SOURCE_DIR
"""

import contextlib
import errno
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import tilfreds_process as tp  # noqa: E402

SKIP = 77
IMAGE_MB = 16


@contextlib.contextmanager
def small_file_system(work):
    """A fresh ext4 of IMAGE_MB mounted at work/mnt (errors=remount-ro); yields (path, device
    name). Unmounted on every path out."""
    image, mnt = os.path.join(work, "fs.img"), os.path.join(work, "mnt")
    os.mkdir(mnt)
    with open(image, "wb") as f:
        f.truncate(IMAGE_MB << 20)
    subprocess.run(["mkfs.ext4", "-q", "-m", "0", "-F", image], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run(["mount", "-o", "loop,errors=remount-ro", image, mnt], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        device = subprocess.run(["findmnt", "-n", "-o", "SOURCE", mnt], check=True,
                                capture_output=True, text=True).stdout.strip()
        yield mnt, os.path.basename(device)
    finally:
        if subprocess.run(["umount", mnt], stderr=subprocess.DEVNULL).returncode != 0:
            subprocess.run(["umount", "-l", mnt])


def can_mount():
    """None if a loop-mounted ext4 works here, else why not."""
    if os.geteuid() != 0:
        return "not root"
    try:
        with tempfile.TemporaryDirectory() as work, small_file_system(work):
            return None
    except (OSError, subprocess.CalledProcessError) as e:
        return "cannot mount a loop ext4 image: %s" % (getattr(e, "stderr", None) or e)


def fill(path):
    """Writes a file until the file system has no block left."""
    with open(os.path.join(path, "filler"), "wb", buffering=0) as f:
        for size in (1 << 20, 4096, 1):
            while True:
                try:
                    f.write(b"\0" * size)
                except OSError as e:
                    if e.errno != errno.ENOSPC:
                        raise
                    break


class Case:
    """A server over `db`, citizen A on page 2 with page 1 saved as a draft, or with
    `at_last_page` on the last page with every earlier page saved, about to send."""

    def __init__(self, binary, source, work, db, links, name, at_last_page=False):
        self.source = source
        self.log = os.path.join(work, name + ".log")
        self.server = tp.Server(binary, db, self.log)
        self.db = db
        self.a = tp.Citizen(self.server.port, 1)
        self.a.open(links[0])
        side, shown, fields = self.a.fill()
        tp.expect(self.a.post(side, "naeste", fields, shown)[:2] == (303, "/svar"), "page 1 saved")
        self.a.answers.update({k[2:]: v for k, v in fields.items()})
        tp.expect(self.a.request("GET", "/svar")[0] == 200, "page 2")
        if at_last_page:
            self.a.answer_until_last()

    def during_fault(self, cause):
        """The checks every fault shares; `cause` is what the log must say."""
        side, shown, fields = self.a.fill()
        action = "send" if 'value="send"' in self.a.page else "naeste"
        status, _, body, r = self.a.post(side, action, fields, shown)
        tp.expect_busy(status, r, body, fields, cause)
        # Everybody else is still served: a static page, and the saved draft (page 2) of A.
        probe = tp.Citizen(self.server.port)
        tp.expect(probe.request("GET", "/healthz")[0] == 200, "%s: /healthz" % cause)
        tp.expect(probe.request("GET", "/kode")[0] == 200, "%s: /kode" % cause)
        probe.close()
        again = self.a.request("GET", "/svar")
        tp.expect(again[0] == 200 and 'name="side" value="%d"' % side in again[2],
                  "%s: the draft is not kept" % cause)
        log = self.server.log()
        tp.expect("unavailable" in log and cause in log,
                  "%s: the log does not say what happened:\n%s" % (cause, log[-2000:]))

    def finish_after_recovery(self):
        """The same page saves now, the questionnaire ends stored; the server stops cleanly."""
        _, body = self.a.answer_until_last()
        tp.expect(self.a.submit(body), "submission after the fault passed")
        self.stop()
        tp.check_db(self.db, self.source, [self.a.answers], [self.a.answers])

    def stop(self):
        self.a.close()
        self.server.signal(signal.SIGTERM)
        tp.expect(self.server.wait(10) == 0, "server exits cleanly after the fault")


def locked(binary, source, work):
    db, links = tp.prepare_db(binary, source, work, 2)
    case = Case(binary, source, work, db, links, "locked")
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # a backup tool or an admin's shell holding the lock
    try:
        case.during_fault("database is locked")
    finally:
        other.execute("ROLLBACK")
        other.close()
    case.finish_after_recovery()
    print("locked: ok", flush=True)


def disk_full(binary, source, work):
    with small_file_system(work) as (mnt, _):
        db, links = tp.prepare_db(binary, source, mnt, 2)
        case = Case(binary, source, work, db, links, "full", at_last_page=True)
        try:
            # An empty WAL, so the next commit must allocate blocks rather than reuse them.
            c = sqlite3.connect(db)
            c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            c.close()
            fill(mnt)
            case.during_fault("database or disk is full")
            os.remove(os.path.join(mnt, "filler"))
            case.finish_after_recovery()
        finally:
            if case.server.proc.poll() is None:
                case.server.kill()
    print("disk full: ok", flush=True)


def read_only(binary, source, work):
    with small_file_system(work) as (mnt, device):
        trigger = "/sys/fs/ext4/%s/trigger_fs_error" % device
        if not os.path.exists(trigger):
            print("read-only: SKIPPED, this kernel has no %s" % trigger, flush=True)
            return
        db, links = tp.prepare_db(binary, source, mnt, 2)
        case = Case(binary, source, work, db, links, "readonly")
        try:
            with open(trigger, "w") as f:
                f.write("tilfreds storage fault test\n")  # ext4 remounts itself read-only
            case.during_fault("disk I/O error")
            case.stop()
        finally:
            if case.server.proc.poll() is None:
                case.server.kill()
        # What was saved before the file system turned read-only is intact and readable.
        c = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
        try:
            tp.expect(c.execute("PRAGMA integrity_check").fetchone() == ("ok",), "integrity")
            tp.expect(c.execute("SELECT count(*) FROM draft").fetchone() == (1,), "draft kept")
        finally:
            c.close()
    print("read-only: ok", flush=True)


def main():
    binary, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    with tempfile.TemporaryDirectory() as work:
        locked(binary, source, work)
    why = can_mount()
    if why:
        print("SKIPPED disk full and read-only: %s" % why, flush=True)
        sys.exit(SKIP)
    with tempfile.TemporaryDirectory() as work:
        disk_full(binary, source, work)
    with tempfile.TemporaryDirectory() as work:
        read_only(binary, source, work)
    print("ok")


if __name__ == "__main__":
    main()
