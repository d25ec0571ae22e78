#!/usr/bin/env python3
"""Runs scripts written by ``weft export --to python``, unchanged, and reports their results as JSON.

Used by ``weft run --cluster`` (one script) and by the tests (many scripts in one process, to pay for importing Dask
once). Usage::

    python3 run_exported.py MANIFEST.json

The manifest::

    {"jobs": [{"script": "/abs/pipeline.py", "argv": ["--scheduler", "sync"],
               "nodes": [{"id": "raw", "variable": "raw", "start": 40, "end": 40}, ...]}]}

Each job's script runs as ``__main__`` with ``sys.argv`` set to the script and its argv, in a fresh namespace; its
own printing (progress bar, results) goes to stderr. For each job one JSON line goes to stdout:
``{"results": {node id: value}}``, read from the ``results`` dict the script leaves, or
``{"error": {"kind": "cluster" | "node" | "script", "type": ..., "message": ..., "node": id or null}}``.

Values are written the way Weft prints results (``"values": "json"``, the default): tuples and sets as lists, dicts as
objects when every key is a str and as lists of [key, value] pairs otherwise, floats with a point (``2.0``), NaN and
infinities as null. With ``"values": "typed"`` they keep their Python types for Weft to rebuild (see
engine/export/python-values.ts): ``{"$tuple": [...]}``, ``{"$set": [...]}``, ``{"$dict": [[k, v], ...]}``,
``{"$float": x}``, ``{"$repr": "..."}``.

Policy for naming the node of a failure, first that applies:
1. the failing top-level statement is the ``Client(...)`` call: the scheduler could not be reached (kind cluster);
2. it is a node's statement (building failed there, or an eager ``persist``/``to_textfiles`` ran there);
3. the innermost traceback frame on a node's line (its lambda raised, on a worker or here);
4. recomputing each node alone, in dependency order, and taking the first that raises the same error.
"""

import builtins
import contextlib
import json
import math
import sys
import traceback
from collections.abc import Iterator


def to_json(v):
    if v is None or isinstance(v, (bool, str, int)):
        return v
    if isinstance(v, float):
        return v if math.isfinite(v) else None
    # numpy and pandas values exist only once a DataFrame pipeline has loaded them.
    np, pd = sys.modules.get("numpy"), sys.modules.get("pandas")
    if np is not None and isinstance(v, (np.generic, np.ndarray)):
        return to_json(v.tolist())
    if pd is not None and isinstance(v, pd.DataFrame):
        # pandas' to_dict(orient="split") plus the dtype names in column order, as `weft run --json` prints it.
        split = v.to_dict(orient="split")
        return {"columns": to_json(list(v.columns)), "index": to_json(v.index.tolist()), "data": to_json(split["data"]),
                "dtypes": [str(t) for t in v.dtypes]}
    if pd is not None and isinstance(v, pd.Series):
        return {"name": to_json(v.name), "index": to_json(v.index.tolist()), "data": to_json(v.tolist()), "dtype": str(v.dtype)}
    if isinstance(v, dict):
        if all(isinstance(k, str) for k in v):
            return {k: to_json(x) for k, x in v.items()}
        return [[to_json(k), to_json(x)] for k, x in v.items()]
    if isinstance(v, (list, tuple, set, frozenset)) or isinstance(v, Iterator):
        return [to_json(x) for x in v]
    if isinstance(v, (bytes, bytearray)):
        return bytes(v).decode("utf-8", "replace")
    return repr(v)


def frame_to_typed(v):
    """A pandas DataFrame or Series: labels, values and dtypes, each value typed (numpy scalars as Python's)."""
    import pandas as pd

    def cell(x):
        return to_typed(x.item() if hasattr(x, "item") and not isinstance(x, (str, bytes)) else x)

    def labels(index):
        return [cell(x) if not isinstance(x, tuple) else {"$tuple": [cell(y) for y in x]} for x in index.tolist()]

    if isinstance(v, pd.Series):
        return {"$series": {"name": cell(v.name), "index": labels(v.index), "index_names": [cell(n) for n in v.index.names],
                            "data": [cell(x) for x in v.tolist()], "dtype": str(v.dtype)}}
    return {"$frame": {"columns": [cell(c) for c in v.columns.tolist()], "index": labels(v.index),
                       "index_names": [cell(n) for n in v.index.names],
                       "data": [[cell(x) for x in row] for row in v.itertuples(index=False, name=None)],
                       "dtypes": [str(t) for t in v.dtypes]}}


def to_typed(v):
    if v is None or isinstance(v, (bool, str, int)):
        return v
    if type(v).__module__.startswith("pandas") and type(v).__name__ in ("DataFrame", "Series"):
        return frame_to_typed(v)
    if type(v).__module__ == "numpy" and hasattr(v, "item"):
        return to_typed(v.item())
    if isinstance(v, float):
        return {"$float": v if math.isfinite(v) else ("nan" if v != v else ("inf" if v > 0 else "-inf"))}
    if isinstance(v, tuple):
        return {"$tuple": [to_typed(x) for x in v]}
    if isinstance(v, (set, frozenset)):
        return {"$set": [to_typed(x) for x in v]}
    if isinstance(v, dict):
        return {"$dict": [[to_typed(k), to_typed(x)] for k, x in v.items()]}
    if isinstance(v, list) or isinstance(v, Iterator):
        return [to_typed(x) for x in v]
    return {"$repr": repr(v)}


def node_at(nodes, line):
    for node in nodes:
        if node["start"] <= line <= node["end"]:
            return node["id"]
    return None


def first_raising(exc, namespace, nodes):
    """The first node whose collection, computed alone, raises the same exception (type and message)."""
    import dask

    for node in nodes:
        obj = namespace.get(node["variable"])
        if obj is None or not dask.is_dask_collection(obj):
            continue
        try:
            dask.compute(obj)
        except Exception as again:  # noqa: BLE001 - any error may be the one
            if type(again) is type(exc) and str(again) == str(exc):
                return node["id"]
    return None


def attribute(exc, namespace, nodes, script, source_lines):
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == script]
    if frames:
        top = frames[0].lineno
        if "Client(" in source_lines[top - 1]:
            return "cluster", None
        node = node_at(nodes, top)
        if node is None:
            for frame in reversed(frames):
                node = node_at(nodes, frame.lineno)
                if node is not None:
                    break
        if node is not None and ".to_dataframe(" in source_lines[top - 1] and "meta=" not in source_lines[top - 1]:
            # Dask computes the bag's first element while it builds this node's graph: a failure there is the
            # building node's, as the reference runner (test/reference/dask_run.py) and Weft's plan name it.
            return "node", node
        if node is not None:
            # A statement that computes at once (len(df)) fails for its inputs' sake too: an earlier node that
            # raises the same error alone is where it happened.
            earlier = [n for n in nodes[: [m["id"] for m in nodes].index(node)]]
            return "node", first_raising(exc, namespace, earlier) or node
    # The error came out of dask.compute: find the first node that raises it alone.
    found = first_raising(exc, namespace, nodes)
    return ("node", found) if found is not None else ("script", None)


def run_job(job):
    script = job["script"]
    with open(script, encoding="utf-8") as f:
        source = f.read()
    namespace = {"__name__": "__main__", "__file__": script, "__builtins__": builtins}
    saved_argv = sys.argv
    sys.argv = [script] + list(job.get("argv", []))
    try:
        with contextlib.redirect_stdout(sys.stderr):
            exec(compile(source, script, "exec"), namespace)  # noqa: S102 - running the exported script is the point
        encode = to_typed if job.get("values") == "typed" else to_json
        return {"results": {k: encode(v) for k, v in namespace["results"].items()}}
    except SystemExit as e:
        return {"error": {"kind": "script", "type": "SystemExit", "message": "the script exited (status %s)" % e.code, "node": None}}
    except ImportError as e:
        # The interpreter lacks dask or distributed: no node to blame, and nothing to recompute with.
        return {"error": {"kind": "script", "type": type(e).__name__, "message": str(e), "node": None}}
    except Exception as e:  # noqa: BLE001 - every failure is reported as JSON
        kind, node = attribute(e, namespace, job.get("nodes", []), script, source.split("\n"))
        message = str(e) or repr(e)
        # Dask appends a traceback to "Metadata inference failed" errors, naming this machine's files: leave it out.
        cut = message.find("\n\nTraceback:\n---------\n")
        if cut >= 0 and message.startswith("Metadata inference failed"):
            message = message[:cut]
        return {"error": {"kind": kind, "type": type(e).__name__, "message": message, "node": node}}
    finally:
        sys.argv = saved_argv
        client = namespace.get("client")
        if client is not None:
            with contextlib.suppress(Exception):
                client.close()


def main(argv):
    if len(argv) != 1:
        sys.stderr.write("usage: run_exported.py MANIFEST.json\n")
        return 2
    with open(argv[0], encoding="utf-8") as f:
        manifest = json.load(f)
    for job in manifest["jobs"]:
        out = run_job(job)
        sys.stdout.write(json.dumps(out, ensure_ascii=False, allow_nan=False) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
