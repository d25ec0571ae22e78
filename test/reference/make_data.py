#!/usr/bin/python3
"""Write the small data files under test/fixtures/data/ (deterministic; rerunning gives identical bytes).

Usage: /usr/bin/python3 test/reference/make_data.py [--kdd /work/shared/data/kddcup.data_10_percent.gz]

The KDD sample is every 988th line (494021 // 500) of the public KDD Cup 1999 10% file, starting at line 0: 500
lines. Without the source file the existing sample is kept.
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


if __name__ == "__main__":
    main()
