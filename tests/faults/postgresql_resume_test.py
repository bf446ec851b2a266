"""A citizen who starts on one server and resumes on the other (issue 17), over HTTP with the
real binary: two `tilfreds serve` on one PostgreSQL database, as two servers behind a proxy
that sends each request wherever it likes.

One citizen saves two pages on server A, then the same browser (cookie) reaches server B, which
shows the page where A left off and, going back, the answers saved on A; the citizen finishes
on B. Another saves a page on A, server A is killed, and the citizen comes back later with the
letter's link in a new browser on B: the draft is there. Both submissions are stored once, with
the answers given on both servers (tilfreds_process.check_stored_exactly_once).

Usage: postgresql_resume_test.py PATH/TO/tilfreds SOURCE_DIR
"""

import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import postgres_cluster  # noqa: E402
import tilfreds_process as tp  # noqa: E402


def side(page):
    return int(re.search(r'name="side" value="(\d+)"', page).group(1))


def save_page(c):
    """Answers the current page and goes on; returns the answers and the page's number."""
    n, shown, fields = c.fill()
    status, location, _, _ = c.post(n, "naeste", fields, shown)
    tp.expect((status, location) == (303, "/svar"), "page %d saved: %d" % (n, status))
    c.answers.update({k[2:]: v for k, v in fields.items()})
    tp.expect(c.request("GET", "/svar")[0] == 200, "next page")
    return fields, n


def checked(page, fields):
    return all('name="%s" value="%s" checked' % (k, v) in page or
               ">%s</textarea>" % v in page for k, v in fields.items())


def main():
    binary, source = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as work, postgres_cluster.Cluster(source, work) as pg:
        key = os.path.join(work, "key")
        db, links = tp.prepare_db(binary, source, work, 4, db=pg.uri, key_file=key)
        a, b = (tp.Server(binary, db, os.path.join(work, "server_%s.log" % n), key_file=key)
                for n in "ab")
        ledger = tp.Ledger()
        try:
            # The same browser, A then B.
            c = tp.Citizen(a.port, 1)
            c.open(links[0])
            first, n1 = save_page(c)
            save_page(c)
            on_a = side(c.page)
            c.move_to(b.port)
            tp.expect(c.request("GET", "/svar")[0] == 200, "B shows the questionnaire")
            tp.expect(side(c.page) == on_a, "B shows page %d, A had reached %d"
                      % (side(c.page), on_a))
            for _ in range(on_a - n1):
                n, shown, fields = c.fill()
                status, _, _, _ = c.post(n, "tilbage", fields, shown)
                tp.expect(status == 303, "back on B")
                tp.expect(c.request("GET", "/svar")[0] == 200, "earlier page on B")
            tp.expect(side(c.page) == n1 and checked(c.page, first),
                      "B shows page %d with the answers saved on A" % n1)
            _, body = c.answer_until_last()
            ledger.sending(c)
            tp.expect(c.submit(body), "submitted on B")
            ledger.acknowledge(c, links[0])
            c.close()
            print("one browser: pages saved on A, resumed at page %d on B, sent on B" % on_a)

            # A new browser with the letter's link on B, after A is gone.
            c = tp.Citizen(a.port, 2)
            c.open(links[1])
            first, n1 = save_page(c)
            on_a = side(c.page)
            c.close()
            a.kill()
            c = tp.Citizen(b.port, 2)
            from_a = {k[2:]: v for k, v in first.items()}
            c.answers = dict(from_a)
            tp.expect(c.request("GET", links[1])[:2] == (303, "/svar"), "the link on B")
            tp.expect(c.request("GET", "/svar")[0] == 200, "B shows the questionnaire")
            tp.expect(side(c.page) == on_a, "the link on B resumes at page %d, not %d"
                      % (on_a, side(c.page)))
            n, shown, fields = c.fill()
            tp.expect(c.post(n, "tilbage", fields, shown)[0] == 303, "back on B")
            tp.expect(c.request("GET", "/svar")[0] == 200 and checked(c.page, first),
                      "the draft saved on A is on B")
            _, body = c.answer_until_last()
            ledger.sending(c)
            tp.expect(c.submit(body), "submitted on B")
            ledger.acknowledge(c, links[1])
            tp.expect(from_a.items() <= c.answers.items(), "answers from A sent")
            c.close()
            print("letter link: a page saved on A, A killed, resumed on B with the draft, sent")
            tp.check_stored_exactly_once(binary, db, key, work, source, ledger)
        finally:
            a.kill()
            b.kill()
    print("ok")


if __name__ == "__main__":
    main()
