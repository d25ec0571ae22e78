#!/usr/bin/python3
"""Dask's per-task scheduler overhead, the reference for Weft's: N independent ``(inc, i)`` tasks and one task
summing them, run with ``dask.local.get_sync`` and with ``dask.threaded.get``.

Usage (Debian's Python, which has Dask 2022.12)::

    /usr/bin/python3 test/bench/dask-overhead.py [--tasks N] [--repeat R]

The graph is a plain dict built once, outside the timing, just as Weft's scheduler time excludes compiling the
pipeline. Each scheduler gets one untimed call first (the threaded one creates its pool then). Prints one line of
JSON: ``{"tasks": N + 1, "result": sum, "seconds": {"sync": [...], "threads": [...]}}``.
"""

import argparse
import json
import time

import dask.local
import dask.threaded


def inc(x):
    return x + 1


def graph(n):
    dsk = {("inc", i): (inc, i) for i in range(n)}
    # Dask substitutes the keys inside the list with their results before calling sum.
    dsk["total"] = (sum, [("inc", i) for i in range(n)])
    return dsk


def timed(get, dsk, repeat):
    result = get(dsk, "total")
    seconds = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        if get(dsk, "total") != result:
            raise RuntimeError("a repeated run gave a different result")
        seconds.append(time.perf_counter() - t0)
    return result, seconds


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tasks", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    dsk = graph(args.tasks)
    result, sync = timed(dask.local.get_sync, dsk, args.repeat)
    _, threads = timed(dask.threaded.get, dsk, args.repeat)
    print(json.dumps({"tasks": len(dsk), "result": result, "seconds": {"sync": sync, "threads": threads}}))


if __name__ == "__main__":
    main()
