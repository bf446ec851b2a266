#!/usr/bin/env python3
"""The comparison table as an analyst would compute it with pandas from the raw
response rows: percent of each answer per wave for every closed question.

Reads the database read-only in chunks (10^7 rows of JSON do not fit comfortably
in one frame), decodes the answers with pandas' own JSON reader, counts, and turns
counts into percents. Prints "seconds S cells C answers N" for its timed part
(interpreter start and `import pandas` excluded), so report_bench can print the
ratio and check N against the counts tilfreds maintains.

    python3 bench/report_pandas.py DB [--show]
"""
import io
import json
import sqlite3
import sys
import time

import pandas as pd


def main(path, show):
    start = time.perf_counter()
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    # Free text is never counted (tilfreds does not count it either).
    text = set()
    for (definition,) in con.execute("SELECT definition FROM survey"):
        for theme in json.loads(definition)["themes"]:
            text.update(q["id"] for q in theme["questions"] if q["type"] == "text")
    parts = []
    for chunk in pd.read_sql_query("SELECT wave_id, answers FROM response", con, chunksize=1_000_000):
        answers = pd.read_json(io.StringIO("\n".join(chunk["answers"])), lines=True, dtype=False)
        answers = answers.drop(columns=[c for c in answers.columns if c in text])
        answers["wave_id"] = chunk["wave_id"].to_numpy()
        long = answers.melt(id_vars="wave_id", var_name="question", value_name="answer").dropna()
        parts.append(long.groupby(["question", "answer", "wave_id"]).size())
    counts = pd.concat(parts).groupby(level=[0, 1, 2]).sum()
    percent = counts / counts.groupby(level=["question", "wave_id"]).transform("sum") * 100
    table = percent.unstack("wave_id").round(0)
    seconds = time.perf_counter() - start
    print(f"seconds {seconds:.3f} cells {table.size} answers {int(counts.sum())}")
    if show:
        print(table.to_string())


if __name__ == "__main__":
    main(sys.argv[1], "--show" in sys.argv[2:])
