"""A throwaway PostgreSQL cluster for one fault test (python3 standard library only).

Cluster(source_dir, parent) is a context manager around tests/support/postgres_cluster.sh:
initdb and start in parent/pg (a folder of the test's own, so tests running in parallel never
share a server), a database of its own, stopped and removed on every way out — an exception,
a failed check, or SIGTERM/SIGINT (ctest's timeout), which are turned into an exception so the
`finally` runs. down()/up() take the server away under running tilfreds servers and bring it
back on the same data (after a fast or an immediate stop).
"""

import os
import signal
import subprocess


class Cluster:
    def __init__(self, source_dir, parent, database="tilfreds"):
        self.script = os.path.join(source_dir, "tests", "support", "postgres_cluster.sh")
        self.dir = os.path.join(parent, "pg")
        self.database = database
        self.uri = None
        # As root the server runs as "postgres" (postgres_cluster.sh), which must be able to
        # pass through the test's temporary folder (mode 0700) to reach its own.
        if os.geteuid() == 0:
            os.chmod(parent, 0o711)

    def _run(self, action):
        return subprocess.run(["bash", self.script, action, self.dir], check=True,
                              capture_output=True, text=True).stdout.strip()

    def __enter__(self):
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, _raise)
        try:
            server = self._run("start").splitlines()[-1]
            subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", server,
                            "-c", "CREATE DATABASE " + self.database], check=True)
            self.uri = server.replace(":///postgres?", ":///%s?" % self.database, 1)
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()
        return False

    def down(self, immediate=False):
        """Stops the server, cutting off every client; the data stays. `immediate`: as a
        crash, the next start recovers from the WAL."""
        self._run("crash" if immediate else "down")

    def up(self):
        self._run("up")

    def stop(self):
        subprocess.run(["bash", self.script, "stop", self.dir],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def log(self):
        try:
            with open(os.path.join(self.dir, "server.log"), errors="replace") as f:
                return f.read()
        except OSError:
            return ""


class Interrupted(Exception):
    pass


def _raise(signum, _frame):
    raise Interrupted("signal %d" % signum)
