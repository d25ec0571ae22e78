#!/usr/bin/python3
"""Reference runner: execute a Weft pipeline (``*.weft.json``, version 1) with real dask.bag.

Usage (Debian's Python, which has Dask 2022.12; not the pyenv ``python3``)::

    /usr/bin/python3 test/reference/dask_run.py PIPELINE.weft.json [--scheduler sync|threads] [--repeat N]

Policy:
- Each node becomes the dask.bag call named by its ``op`` (``bag.<name>``): a ``dask.bag`` module function for
  ``read_text``/``from_sequence``/``concat``, otherwise the method on ``inputs[0]`` with ``inputs[1:]`` passed
  positionally (after ``func`` for ``map``/``map_partitions``). Params are passed by Dask's names as keywords.
- Callable params are Python source evaluated in a namespace holding ``json`` and the pipeline's ``functions``;
  ``from_sequence``'s ``seq`` is evaluated there too. Relative paths resolve against the pipeline file's folder.
- ``take`` is built lazily (``compute=False``) and ``to_textfiles`` as delayed writes, so that every output (each
  node no other node consumes) is computed by ONE ``dask.compute`` call. ``persist`` is eager in Dask, so it runs
  during graph building, with the same scheduler.
- Each of the ``--repeat`` runs rebuilds the graph from the parsed file and computes it; ``seconds`` holds the wall
  time of each (building, file reading and writing included). Results come from the first run.

Output: one line of JSON on stdout::

    {"results": {id: value}, "npartitions": {bag id: n}, "seconds": [...], "warnings": [...], "files": {...}}

``warnings`` lists the messages of warnings raised while building/computing (e.g. ``take`` finding fewer than k
elements), deduplicated, in order. ``files`` is present only when the pipeline has ``to_textfiles`` nodes: it maps
each written file (path relative to the pipeline folder, ``/``-separated) to its text, decompressed if the name
implies compression. A ``to_textfiles`` node's value is that list of relative paths (Dask returns absolute paths).

Value conventions: tuples/lists -> arrays; sets -> arrays sorted by their JSON text; dict -> object when every key
is a str, else an array of [key, value] pairs; NaN/inf -> null; bytes -> str (UTF-8, replacement on error);
other iterators -> arrays; anything else -> its repr(). A bag's value is the list of its elements (Dask's own
``finalize``: a bag whose first partition is not a non-str iterable yields the list of per-partition values).

On failure: ``{"error": {"type": ..., "message": ..., "node": id or null}}`` on stdout and exit status 1. For errors
raised while computing, the node is found by recomputing each upstream collection alone (sync scheduler, in
pipeline order) and taking the first that raises the same exception type and message.
"""

import argparse
import json
import math
import os
import sys
import time
import warnings
from collections.abc import Iterator

# Params Dask takes as callables. ``key`` is a callable everywhere except ``pluck`` (an index or dict key there).
CALLABLE_PARAMS = {
    "func",
    "predicate",
    "key",
    "binop",
    "combine",
    "grouper",
    "perpartition",
    "aggregate",
    "name_function",
}
NON_CALLABLE = {("pluck", "key")}
MODULE_FUNCTIONS = {"read_text", "from_sequence", "concat"}
FUNC_FIRST = {"map", "map_partitions"}


class PipelineError(Exception):
    """An error tied to a node; ``cause`` is the original exception when there is one."""

    def __init__(self, node, cause):
        super().__init__(str(cause))
        self.node = node
        self.cause = cause


def load_pipeline(path):
    with open(path, encoding="utf-8") as f:
        pipeline = json.load(f)
    if pipeline.get("weft") != 1:
        raise ValueError(f"unsupported pipeline version: {pipeline.get('weft')!r}")
    ids = [n["id"] for n in pipeline["nodes"]]
    if len(set(ids)) != len(ids):
        raise ValueError("duplicate node ids")
    return pipeline


def topo_order(nodes):
    """Nodes in dependency order, ties kept in file order (so the output is stable)."""
    by_id = {n["id"]: n for n in nodes}
    done, order, visiting = set(), [], set()

    def visit(node):
        nid = node["id"]
        if nid in done:
            return
        if nid in visiting:
            raise PipelineError(nid, ValueError(f"cycle through node {nid!r}"))
        visiting.add(nid)
        for dep in node.get("inputs", []):
            if dep not in by_id:
                raise PipelineError(nid, ValueError(f"unknown input {dep!r}"))
            visit(by_id[dep])
        visiting.discard(nid)
        done.add(nid)
        order.append(node)

    for node in nodes:
        visit(node)
    return order


def output_ids(nodes):
    consumed = {dep for n in nodes for dep in n.get("inputs", [])}
    return [n["id"] for n in nodes if n["id"] not in consumed]


def resolve_path(base, p):
    if "://" in p or os.path.isabs(p):
        return p
    return os.path.join(base, p)


def make_namespace(pipeline):
    ns = {"__name__": "__weft__", "json": json}
    exec(compile(pipeline.get("functions", "") or "", "<functions>", "exec"), ns)
    return ns


def build_node(node, built, ns, base, scheduler):
    """Build one node; returns the Dask object (a Bag, an Item, or for to_textfiles a list of Delayed)."""
    import dask.bag as db

    op = node["op"]
    if not op.startswith("bag."):
        raise ValueError(f"unknown op {op!r}")
    name = op[len("bag."):]
    params = dict(node.get("params", {}))
    inputs = [built[i] for i in node.get("inputs", [])]

    for k, v in list(params.items()):
        if k in CALLABLE_PARAMS and (name, k) not in NON_CALLABLE and isinstance(v, str):
            params[k] = eval(v, ns)

    if name == "read_text":
        up = params["urlpath"]
        params["urlpath"] = [resolve_path(base, p) for p in up] if isinstance(up, list) else resolve_path(base, up)
        return db.read_text(**params)
    if name == "from_sequence":
        params["seq"] = eval(params["seq"], ns) if isinstance(params["seq"], str) else params["seq"]
        return db.from_sequence(**params)
    if name == "concat":
        return db.concat(inputs)
    if name in MODULE_FUNCTIONS:
        raise ValueError(f"{op} takes no bag method form")

    if not inputs:
        raise ValueError(f"{op} needs at least one input")
    self, rest = inputs[0], inputs[1:]
    if name == "take":
        return self.take(compute=False, **params)
    if name == "persist":
        return self.persist(scheduler=scheduler, **params)
    if name == "to_textfiles":
        params["path"] = resolve_path(base, params["path"])
        return self.to_textfiles(compute=False, **params)
    method = getattr(self, name, None)
    if method is None or name.startswith("_"):
        raise ValueError(f"unknown op {op!r}")
    if name in FUNC_FIRST and "func" in params:
        func = params.pop("func")
        return method(func, *rest, **params)
    return method(*rest, **params)


def build(pipeline, order, base, scheduler):
    ns = make_namespace(pipeline)
    built = {}
    for node in order:
        try:
            built[node["id"]] = build_node(node, built, ns, base, scheduler)
        except PipelineError:
            raise
        except Exception as e:  # noqa: BLE001 - every failure is reported as JSON
            raise PipelineError(node["id"], e) from e
    return built


def collection_args(obj):
    return list(obj) if isinstance(obj, list) else [obj]


def compute_outputs(built, outputs, scheduler):
    import dask

    args, spans = [], []
    for oid in outputs:
        parts = collection_args(built[oid])
        spans.append((oid, len(args), len(parts)))
        args.extend(parts)
    values = dask.compute(*args, scheduler=scheduler)
    return {oid: values[start] if not isinstance(built[oid], list) else list(values[start : start + n])
            for oid, start, n in spans}


def attribute_error(order, built_factory, exc, upto=None):
    """Find the first node (pipeline order) whose own computation raises the same error as ``exc``."""
    import dask

    try:
        built = built_factory()
    except PipelineError as e:
        return e.node
    for node in order:
        nid = node["id"]
        if upto is not None and nid == upto:
            return upto
        obj = built.get(nid)
        if obj is None:
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                dask.compute(*collection_args(obj), scheduler="sync")
        except Exception as e:  # noqa: BLE001
            if type(e) is type(exc) and str(e) == str(exc):
                return nid
    return upto


def to_json(v):
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        return v if math.isfinite(v) else None
    if isinstance(v, dict):
        if all(isinstance(k, str) for k in v):
            return {k: to_json(x) for k, x in v.items()}
        return [[to_json(k), to_json(x)] for k, x in v.items()]
    if isinstance(v, (list, tuple)):
        return [to_json(x) for x in v]
    if isinstance(v, (set, frozenset)):
        return sorted((to_json(x) for x in v), key=lambda x: json.dumps(x, sort_keys=True))
    if isinstance(v, (bytes, bytearray)):
        return bytes(v).decode("utf-8", "replace")
    if isinstance(v, Iterator):
        return [to_json(x) for x in v]
    return repr(v)


def textfile_paths(node, bag, base):
    """The paths Dask's to_textfiles writes for this node (same open_files call as dask.bag.core.to_textfiles)."""
    from fsspec.core import open_files

    from dask.utils import system_encoding

    params = node.get("params", {})
    encoding = params.get("encoding", system_encoding)
    files = open_files(
        resolve_path(base, params["path"]),
        compression=params.get("compression", "infer"),
        mode="wb" if encoding is None else "wt",
        encoding=encoding,
        name_function=None,
        num=bag.npartitions,
    )
    return [f.path for f in files]


def read_written(path, compression):
    import fsspec
    from fsspec.utils import infer_compression

    comp = infer_compression(path) if compression == "infer" else compression
    with fsspec.open(path, mode="rb", compression=comp) as f:
        return f.read().decode("utf-8", "replace")


def relpath(base, p):
    return os.path.relpath(p, base).replace(os.sep, "/")


def run(path, scheduler, repeat):
    import dask.bag as db

    pipeline = load_pipeline(path)
    base = os.path.dirname(os.path.abspath(path))
    nodes = pipeline["nodes"]
    order = topo_order(nodes)
    outputs = output_ids(nodes)
    by_id = {n["id"]: n for n in nodes}

    seconds, results, caught = [], None, []
    for i in range(repeat):
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            t0 = time.perf_counter()
            try:
                built = build(pipeline, order, base, scheduler)
            except PipelineError as e:
                if by_id[e.node]["op"] == "bag.persist":
                    upstream = [n for n in order if n["id"] != e.node]
                    e.node = attribute_error(upstream, lambda: build_upto(pipeline, order, base, e.node), e.cause,
                                             upto=e.node)
                raise
            try:
                values = compute_outputs(built, outputs, scheduler)
            except Exception as exc:  # noqa: BLE001
                node = attribute_error(order, lambda: build(pipeline, order, base, "sync"), exc)
                raise PipelineError(node, exc) from exc
            seconds.append(time.perf_counter() - t0)
        if i == 0:
            results, first_built = values, built
            for rec in w:
                msg = str(rec.message)
                if msg not in caught:
                    caught.append(msg)

    out = {"results": {}, "npartitions": {}, "seconds": seconds, "warnings": caught}
    files = {}
    for oid in outputs:
        node = by_id[oid]
        if node["op"] == "bag.to_textfiles":
            bag = first_built[node["inputs"][0]]
            paths = textfile_paths(node, bag, base)
            out["results"][oid] = [relpath(base, p) for p in paths]
            for p in paths:
                files[relpath(base, p)] = read_written(p, node.get("params", {}).get("compression", "infer"))
        else:
            out["results"][oid] = to_json(results[oid])
    for node in nodes:
        obj = first_built[node["id"]]
        if isinstance(obj, db.Bag) and node["op"] != "bag.take":
            out["npartitions"][node["id"]] = obj.npartitions
    if files:
        out["files"] = files
    return out


def build_upto(pipeline, order, base, stop):
    """Build the nodes before ``stop`` only (used to attribute an error raised by an eager persist)."""
    ns = make_namespace(pipeline)
    built = {}
    for node in order:
        if node["id"] == stop:
            break
        try:
            built[node["id"]] = build_node(node, built, ns, base, "sync")
        except Exception as e:  # noqa: BLE001
            raise PipelineError(node["id"], e) from e
    return built


def emit(obj):
    sys.stdout.buffer.write(json.dumps(obj, ensure_ascii=False, allow_nan=False).encode("utf-8") + b"\n")
    sys.stdout.flush()


def main(argv):
    ap = argparse.ArgumentParser(description="Run a Weft pipeline with real dask.bag")
    ap.add_argument("pipeline")
    ap.add_argument("--scheduler", choices=["sync", "threads"], default="sync")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args(argv)
    if args.repeat < 1:
        ap.error("--repeat must be >= 1")
    try:
        out = run(args.pipeline, args.scheduler, args.repeat)
    except PipelineError as e:
        cause = e.cause
        emit({"error": {"type": type(cause).__name__, "message": str(cause), "node": e.node}})
        return 1
    except Exception as e:  # noqa: BLE001
        emit({"error": {"type": type(e).__name__, "message": str(e), "node": None}})
        return 1
    emit(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
