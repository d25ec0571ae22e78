#!/usr/bin/python3
"""Write the small data files under test/fixtures/data/ (deterministic; rerunning gives identical bytes).

Usage: /usr/bin/python3 test/reference/make_data.py [--kdd /work/shared/data/kddcup.data_10_percent.gz]

The KDD sample is every 988th line (494021 // 500) of the public KDD Cup 1999 10% file, starting at line 0: 500
lines. Without the source file the existing sample is kept (and its gzip copy is written from it).

The CSV files are for the DataFrame fixtures (``df-*``): ``frame.csv`` (a mix of dtypes and missing values),
``lookup.csv`` (a merge table missing one of frame.csv's keys), ``big.csv`` (large enough for several ``blocksize``
partitions), ``mismatch.csv`` (an int-looking column that turns float after the 10 rows Dask infers dtypes from),
``mismatch-text.csv`` (one that turns to text) and
``semicolon.csv`` (``sep=";"``, no header).
"""

import argparse
import gzip
import io
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "fixtures", "data")

WORDS = (
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon "
    "phi chi psi omega"
).split()
NAMES = ["Alice", "Bob", "Charlie", "Dana", "Edith", "Frank", "Grace", "Heidi"]
CITIES = ["Paris", "Lyon", "Oslo", "Kyoto", "Lima", "Cairo", "Québec"]


def write(rel, data):
    path = os.path.join(DATA, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def gzip_bytes(data):
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0) as g:
        g.write(data)
    return buf.getvalue()


def lines_txt():
    # 40 lines of 3-7 words, one with non-ASCII text; ~1.3 KB so blocksize=300 gives several partitions.
    out = []
    for i in range(40):
        n = 3 + (i * 7) % 5
        words = [WORDS[(i * 5 + j * 3) % len(WORDS)] for j in range(n)]
        if i == 17:
            words.append("café")
        out.append(" ".join(words))
    return ("\n".join(out) + "\n").encode("utf-8")


def people_csv():
    # Header plus 199 rows: id,name,city,age,score  (score has 1-2 decimals, some rows have an empty score).
    rows = ["id,name,city,age,score"]
    for i in range(1, 200):
        name = NAMES[(i * 3) % len(NAMES)]
        city = CITIES[(i * 5) % len(CITIES)]
        age = 18 + (i * 37) % 60
        score = "" if i % 23 == 0 else f"{(i * 7919) % 1000 / 10:.1f}"
        rows.append(f"{i},{name},{city},{age},{score}")
    return ("\n".join(rows) + "\n").encode("utf-8")


def records_jsonl():
    out = []
    for i in range(40):
        rec = {
            "id": i,
            "name": NAMES[i % len(NAMES)],
            "tags": [WORDS[(i + k) % len(WORDS)] for k in range(i % 4)],
            "amount": round((i * 37 % 101) / 4, 2),
        }
        if i % 5 == 0:
            rec["vip"] = True
        out.append(json.dumps(rec))
    return ("\n".join(out) + "\n").encode("utf-8")


DEPTS = ["eng", "ops", "sales", "hr"]


def frame_csv():
    # 60 rows: id (int), name (str, 8 distinct), dept (str; empty every 9th row -> NaN, a groupby key for dropna),
    # city (str, one non-ASCII), age (int), score (float, empty every 7th row), qty (int-looking with empties ->
    # float64; the first empty is row 5, inside the 10 rows Dask infers dtypes from), active (bool).
    rows = ["id,name,dept,city,age,score,qty,active"]
    for i in range(1, 61):
        name = NAMES[(i * 5) % len(NAMES)]
        dept = "" if i % 9 == 0 else DEPTS[(i * 7) % len(DEPTS)]
        city = CITIES[(i * 3) % len(CITIES)]
        age = 20 + (i * 13) % 45
        score = "" if i % 7 == 0 else f"{(i * 6271) % 1000 / 8:.3f}".rstrip("0").rstrip(".")
        qty = "" if i % 11 == 5 else str((i * 17) % 9)
        active = "True" if (i * 3) % 5 < 2 else "False"
        rows.append(f"{i},{name},{dept},{city},{age},{score},{qty},{active}")
    return ("\n".join(rows) + "\n").encode("utf-8")


def lookup_csv():
    # A dept -> (dept_name, budget) table without "hr" and with a key frame.csv lacks: a left merge misses rows.
    rows = ["dept,dept_name,budget", "eng,Engineering,120", "ops,Operations,80", "sales,Sales,95", "legal,Legal,40"]
    return ("\n".join(rows) + "\n").encode("utf-8")


def big_csv():
    # 2000 rows, ~45 KB: key (int), cat (str, 5 distinct), val (float, empty every 13th), flag (bool).
    rows = ["key,cat,val,flag"]
    cats = ["red", "green", "blue", "cyan", "magenta"]
    for i in range(2000):
        val = "" if i % 13 == 0 else f"{((i * 7919) % 10007) / 100:.2f}"
        rows.append(f"{(i * 37) % 500},{cats[(i * 3) % 5]},{val},{'True' if i % 4 == 0 else 'False'}")
    return ("\n".join(rows) + "\n").encode("utf-8")


def mismatch_csv():
    # id,n with n an integer on every row but one near the end (2.5), ~3 KB: Dask infers the dtypes from the first
    # 10 rows of its sample (read_csv's sample_rows=10), so n is int64 in the metadata while the block holding 2.5
    # parses as float64.
    rows = ["id,n"]
    for i in range(400):
        rows.append(f"{i},{'2.5' if i == 380 else i % 10}")
    return ("\n".join(rows) + "\n").encode("utf-8")


def mismatch_text_csv():
    # id,n with n an integer except the text "oops" on row 31: the block parses n as object, which cannot be cast to
    # the int64 of the metadata, so Dask's mismatch error also lists the conversion's exception.
    rows = ["id,n"] + [f"{i},{'oops' if i == 30 else i * 3}" for i in range(40)]
    return ("\n".join(rows) + "\n").encode("utf-8")


def semicolon_csv():
    rows = [f"{i};{WORDS[i % 6]};{i * 0.5}" for i in range(12)]
    return ("\n".join(rows) + "\n").encode("utf-8")


def kdd_sample(src):
    with gzip.open(src, "rb") as f:
        lines = f.read().splitlines(keepends=True)
    stride = len(lines) // 500
    return b"".join(lines[i * stride] for i in range(500))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kdd", default="/work/shared/data/kddcup.data_10_percent.gz")
    args = ap.parse_args()

    write("lines.txt", lines_txt())
    write("lines.txt.gz", gzip_bytes(lines_txt()))
    write("people.csv", people_csv())
    write("records.jsonl", records_jsonl())
    write("no-trailing-newline.txt", b"first line\nsecond line\nthird line without newline")
    write("empty.txt", b"")
    write("crlf.txt", b"one\r\ntwo\r\n\r\nfour\r\n")
    # One 400-byte line in the middle: with blocksize=100 some blocks start and end inside it and come out empty.
    write("long-line.txt", b"short 1\nshort 2\n" + b"x" * 400 + b"\nshort 3\nshort 4\n")
    for i, part in enumerate(
        [
            ["apple 3", "banana 5", "cherry 7"],
            ["apple 1", "date 2"],
            ["banana 4", "elderberry 6", "fig 8", "apple 2"],
        ]
    ):
        write(f"parts/part-{i}.txt", ("\n".join(part) + "\n").encode())
    if os.path.exists(args.kdd):
        write("kddcup-sample.txt", kdd_sample(args.kdd))
    with open(os.path.join(DATA, "kddcup-sample.txt"), "rb") as f:
        write("kddcup-sample.txt.gz", gzip_bytes(f.read()))
    write("frame.csv", frame_csv())
    write("lookup.csv", lookup_csv())
    write("big.csv", big_csv())
    write("mismatch.csv", mismatch_csv())
    write("mismatch-text.csv", mismatch_text_csv())
    write("semicolon.csv", semicolon_csv())


if __name__ == "__main__":
    main()
