#!/usr/bin/python3
"""Reference runner: execute a Weft pipeline (``*.weft.json``, version 1) with real dask.bag and dask.dataframe.

Usage (Debian's Python, which has Dask 2022.12 and pandas 1.5.3; not the pyenv ``python3``)::

    /usr/bin/python3 test/reference/dask_run.py PIPELINE.weft.json [MORE.weft.json ...]
        [--scheduler sync|threads] [--repeat N] [--partitions NODE]

Policy:
- Each node becomes the Dask call named by its ``op``. ``bag.<name>``: a ``dask.bag`` module function for
  ``read_text``/``from_sequence``/``concat``, otherwise the method on ``inputs[0]`` with ``inputs[1:]`` passed
  positionally (after ``func`` for ``map``/``map_partitions``); ``bag.to_dataframe`` is the Bag method.
  ``dataframe.<name>``: a ``dask.dataframe`` function for ``read_csv``/``from_dict``/``merge`` (inputs
  ``[left, right]``)/``concat`` (inputs: the frames), otherwise the method on ``inputs[0]``, which must be a Dask
  DataFrame; ``series.<name>``: the method on ``inputs[0]``, which must be a Dask Series. Params are passed by
  Dask's names as keywords. Special forms: ``dataframe.getitem`` is ``df[key]``; ``dataframe.groupby.agg`` and
  ``dataframe.groupby.size`` are ``df.groupby(by, sort=, dropna=).agg(arg, split_every=, split_out=)`` /
  ``.size(...)`` (``by``/``sort``/``dropna``/``observed``/``group_keys`` go to ``groupby``, the rest to the
  aggregation); ``dataframe.head`` is ``head(..., compute=False)``; ``dataframe.len`` is ``len(df)`` built lazily
  the way ``_Frame.__len__`` computes it (``df.iloc[:, 0]`` when the frame has columns, then
  ``reduction(len, np.sum, token="len", meta=int, split_every=False)``); ``dataframe.to_csv`` is
  ``to_csv(..., compute=False)``.
- Callable params are Python source evaluated in a namespace holding ``json`` and the pipeline's ``functions``
  (bag: ``func``, ``predicate``, ...; ``series.map``'s ``arg`` when it is a string, a dict is a mapping);
  ``from_sequence``'s ``seq`` is evaluated there too. Relative paths (``urlpath``, ``path``, ``filename``) resolve
  against the pipeline file's folder. ``merge``'s ``suffixes`` list becomes a tuple.
- ``take``/``head`` are built lazily and ``to_textfiles``/``to_csv`` as delayed writes, so that every output (each
  node no other node consumes) is computed by ONE ``dask.compute`` call. ``persist`` is eager in Dask, and so are
  ``set_index`` (without ``divisions=``) and ``sort_values``, which compute their divisions (min/max, quantiles)
  while the graph is built: building and computing both run under ``dask.config.set(scheduler=...)``.
- Each of the ``--repeat`` runs rebuilds the graph from the parsed file and computes it; ``seconds`` holds the wall
  time of each (building, file reading and writing included). Results come from the first run.
- Several pipeline files run one after another in the same process (one import of Dask), one output line each, in
  order; the exit status is 1 if any failed.

Output: one line of JSON on stdout per pipeline::

    {"results": {id: value}, "npartitions": {id: n}, "divisions": {id: [...] or null}, "meta": {id: {...}},
     "seconds": [...], "warnings": [...], "files": {...}}

``npartitions`` has every node whose Dask object is a Bag (not Items, ``take`` or ``to_textfiles``), a DataFrame or
a Series. ``divisions`` (present when the pipeline has DataFrame/Series nodes) has each DataFrame/Series node: null
when Dask does not know them (``known_divisions`` false), else the list of divisions JSON-converted. ``meta`` has,
for the same nodes, Dask's ``_meta`` (the schema known before computing) in the shape of Weft's FrameMeta/SeriesMeta
(engine/dataframe/frame.ts): ``{"kind": "frame", "columns": [{"name", "dtype"}], "index": {"dtypes", "names"[,
"range": true]}}`` or ``{"kind": "series", "name", "dtype", "index": {...}}``. It can disagree with the computed
dtypes (a left merge's int column with misses: int64 in the meta, float64 computed).
``warnings`` lists the messages of warnings raised while building/computing (e.g. ``take`` finding fewer than k
elements), deduplicated, in order; FutureWarning and DeprecationWarning (pandas' notes about its next versions) are
left out. ``files`` is present only when the pipeline has ``to_textfiles``/``to_csv``
nodes: it maps each written file (path relative to the pipeline folder, ``/``-separated) to its text, decompressed
if the name implies compression. Such a node's value is that list of relative paths (Dask returns absolute paths;
``to_csv`` with ``single_file=True`` writes one file).

``--partitions NODE`` (one pipeline only): instead of the results, prints ``{"partitions": [value, ...]}``, the
value of each partition of that DataFrame/Series (or Bag) node computed separately, in partition order, with the
conventions below.

Value conventions: tuples/lists -> arrays; sets -> arrays sorted by their JSON text; dict -> object when every key
is a str, else an array of [key, value] pairs; NaN/inf -> null; numpy scalars -> Python numbers/bools (an integral
float stays a float and prints as ``2.0``); bytes -> str (UTF-8, replacement on error); other iterators -> arrays;
anything else -> its repr(). A bag's value is the list of its elements (Dask's own ``finalize``: a bag whose first
partition is not a non-str iterable yields the list of per-partition values).
A DataFrame's value is ``{"columns": [...], "index": [...], "data": [[row values], ...], "dtypes": [...]}``
(pandas' ``to_dict(orient="split")`` plus the dtype names in column order); a Series' value is
``{"name": ..., "index": [...], "data": [...], "dtype": "..."}``. Labels of a MultiIndex (index entries, and
the tuple column labels that ``agg`` with lists of functions gives) are arrays. A Dask Scalar (``len``,
``series.sum``, ``nunique``) is its value as a number.

On failure: ``{"error": {"type": ..., "message": ..., "node": id or null}}`` on stdout and exit status 1 (Dask's
"Metadata inference failed in `op`" messages end at the original error: the traceback Dask appends is cut). For errors
raised while computing, the node is found by recomputing each upstream collection alone (sync scheduler, in
pipeline order) and taking the first that raises the same exception type and message; an error raised by an eager
node while building (``persist``, ``set_index``, ``sort_values``) is attributed the same way among its upstream
nodes, else to that node.
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

# dask.dataframe functions (the rest of ``dataframe.<name>`` are DataFrame methods).
FRAME_MODULE_FUNCTIONS = {"read_csv", "from_dict", "merge", "concat"}
# Params of ``df.groupby(...)``; the others of a ``dataframe.groupby.<agg>`` node go to the aggregation.
GROUPBY_PARAMS = {"by", "sort", "dropna", "observed", "group_keys"}
# Ops whose Dask call computes while the graph is built (their errors may come from upstream nodes).
EAGER_OPS = {"bag.persist", "dataframe.persist", "dataframe.set_index", "dataframe.sort_values"}
# Ops whose value is a list of written paths.
WRITE_OPS = {"bag.to_textfiles", "dataframe.to_csv"}


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
    """Build one node; returns the Dask object (a Bag, an Item, a DataFrame, a Series, a Scalar, or for
    to_textfiles/to_csv a list of Delayed)."""
    op = node["op"]
    params = dict(node.get("params", {}))
    inputs = [built[i] for i in node.get("inputs", [])]
    if op.startswith("bag."):
        return build_bag_node(op, op[len("bag."):], params, inputs, ns, base, scheduler)
    if op.startswith("dataframe."):
        return build_frame_node(op, op[len("dataframe."):], params, inputs, base, scheduler)
    if op.startswith("series."):
        return build_series_node(op, op[len("series."):], params, inputs, ns)
    raise ValueError(f"unknown op {op!r}")


def build_bag_node(op, name, params, inputs, ns, base, scheduler):
    import dask.bag as db

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


def resolve_urlpath(base, up):
    return [resolve_path(base, p) for p in up] if isinstance(up, list) else resolve_path(base, up)


def need_input(op, inputs, kind):
    """The node's first input, which must be a Dask collection of ``kind`` ('dataframe' or 'series')."""
    import dask.dataframe as dd

    if not inputs:
        raise ValueError(f"{op} needs an input")
    cls = dd.DataFrame if kind == "dataframe" else dd.Series
    if not isinstance(inputs[0], cls):
        raise TypeError(f"{op} needs a {kind} input, got {type(inputs[0]).__name__}")
    return inputs[0]


def lazy_len(df):
    """``len(df)`` without computing: the collection ``_Frame.__len__``/``DataFrame.__len__`` compute."""
    import numpy as np

    if len(df.columns) > 0:
        df = df.iloc[:, 0]
    return df.reduction(len, np.sum, token="len", meta=int, split_every=False)


def build_frame_node(op, name, params, inputs, base, scheduler):
    import dask.dataframe as dd

    if name == "read_csv":
        params["urlpath"] = resolve_urlpath(base, params["urlpath"])
        return dd.read_csv(**params)
    if name == "from_dict":
        return dd.from_dict(params.pop("data"), **params)
    if name == "merge":
        if len(inputs) != 2:
            raise ValueError(f"{op} takes two inputs [left, right], got {len(inputs)}")
        if isinstance(params.get("suffixes"), list):
            params["suffixes"] = tuple(params["suffixes"])
        return dd.merge(inputs[0], inputs[1], **params)
    if name == "concat":
        return dd.concat(inputs, **params)

    df = need_input(op, inputs, "dataframe")
    if name.startswith("groupby."):
        how = name[len("groupby."):]
        grouping = {k: params.pop(k) for k in list(params) if k in GROUPBY_PARAMS}
        grouped = df.groupby(**grouping)
        if how.startswith("_") or not hasattr(grouped, how):
            raise ValueError(f"unknown op {op!r}")
        return getattr(grouped, how)(**params)
    if name == "getitem":
        return df[params["key"]]
    if name == "head":
        return df.head(compute=False, **params)
    if name == "len":
        return lazy_len(df)
    if name == "persist":
        return df.persist(scheduler=scheduler, **params)
    if name == "to_csv":
        params["filename"] = resolve_path(base, params["filename"])
        return df.to_csv(compute=False, **params)
    method = getattr(df, name, None)
    if method is None or name.startswith("_") or not callable(method):
        raise ValueError(f"unknown op {op!r}")
    return method(*inputs[1:], **params)


def build_series_node(op, name, params, inputs, ns):
    s = need_input(op, inputs, "series")
    if name == "map" and isinstance(params.get("arg"), str):
        params["arg"] = eval(params["arg"], ns)
    method = getattr(s, name, None)
    if method is None or name.startswith("_") or not callable(method):
        raise ValueError(f"unknown op {op!r}")
    return method(*inputs[1:], **params)


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
    # numpy/pandas values exist only once those modules are loaded: a Bag-only run need not import them.
    np, pd = sys.modules.get("numpy"), sys.modules.get("pandas")
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        return v if math.isfinite(v) else None
    if np is not None and isinstance(v, (np.generic, np.ndarray)):
        return to_json(v.tolist())
    if pd is not None:
        if isinstance(v, pd.DataFrame):
            return frame_json(v)
        if isinstance(v, pd.Series):
            return series_json(v)
        if isinstance(v, pd.Index):
            return to_json(v.tolist())
        if v is pd.NA or v is pd.NaT:
            return None
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


def frame_json(df):
    """pandas' ``to_dict(orient="split")`` plus the dtype names in column order."""
    split = df.to_dict(orient="split")
    return {
        "columns": to_json(list(df.columns)),
        "index": to_json(df.index.tolist()),
        "data": to_json(split["data"]),
        "dtypes": [str(t) for t in df.dtypes],
    }


def series_json(s):
    return {"name": to_json(s.name), "index": to_json(s.index.tolist()), "data": to_json(s.tolist()),
            "dtype": str(s.dtype)}


def is_frame_like(obj):
    dd = sys.modules.get("dask.dataframe")
    return dd is not None and isinstance(obj, (dd.DataFrame, dd.Series))


def meta_json(obj):
    """Dask's ``_meta`` in the shape of Weft's FrameMeta/SeriesMeta (engine/dataframe/frame.ts)."""
    import pandas as pd

    meta = obj._meta
    index = meta.index
    names = list(index.names)
    dtypes = [str(index.levels[i].dtype) for i in range(index.nlevels)] if isinstance(index, pd.MultiIndex) else [str(index.dtype)]
    index_meta = {"dtypes": dtypes, "names": to_json(names)}
    if isinstance(index, pd.RangeIndex):
        index_meta["range"] = True
    if isinstance(meta, pd.DataFrame):
        columns = [{"name": to_json(c), "dtype": str(t)} for c, t in zip(meta.columns, meta.dtypes)]
        return {"kind": "frame", "columns": columns, "index": index_meta}
    return {"kind": "series", "name": to_json(meta.name), "dtype": str(meta.dtype), "index": index_meta}


def divisions_json(obj):
    return to_json(list(obj.divisions)) if obj.known_divisions else None


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


def csv_paths(node, df, base):
    """The paths Dask's to_csv writes for this node (same open_file(s) calls as dask.dataframe.io.csv.to_csv)."""
    from fsspec.core import open as open_file
    from fsspec.core import open_files

    params = node.get("params", {})
    filename = resolve_path(base, params["filename"])
    options = dict(compression=params.get("compression"), encoding=params.get("encoding", "utf-8"), newline="")
    if params.get("single_file"):
        return [open_file(filename, mode=params.get("mode", "wt"), **options).path]
    files = open_files(filename, mode=params.get("mode", "wt"), name_function=None, num=df.npartitions, **options)
    return [f.path for f in files]


def written_paths(node, built, base):
    source = built[node["inputs"][0]]
    if node["op"] == "bag.to_textfiles":
        return textfile_paths(node, source, base), node.get("params", {}).get("compression", "infer")
    return csv_paths(node, source, base), node.get("params", {}).get("compression")


def read_written(path, compression):
    import fsspec
    from fsspec.utils import infer_compression

    comp = infer_compression(path) if compression == "infer" else compression
    with fsspec.open(path, mode="rb", compression=comp) as f:
        return f.read().decode("utf-8", "replace")


def relpath(base, p):
    return os.path.relpath(p, base).replace(os.sep, "/")


def build_attributing(pipeline, order, base, scheduler, by_id):
    """``build``, with an eager node's build-time error attributed to the upstream node that raises it, if any."""
    try:
        return build(pipeline, order, base, scheduler)
    except PipelineError as e:
        if by_id[e.node]["op"] in EAGER_OPS:
            upstream = [n for n in order if n["id"] != e.node]
            e.node = attribute_error(upstream, lambda: build_upto(pipeline, order, base, e.node), e.cause,
                                     upto=e.node)
        raise


def run(path, scheduler, repeat):
    import dask
    import dask.bag as db

    pipeline = load_pipeline(path)
    base = os.path.dirname(os.path.abspath(path))
    nodes = pipeline["nodes"]
    order = topo_order(nodes)
    outputs = output_ids(nodes)
    by_id = {n["id"]: n for n in nodes}

    seconds, results, caught = [], None, []
    for i in range(repeat):
        with warnings.catch_warnings(record=True) as w, dask.config.set(scheduler=scheduler):
            warnings.simplefilter("always")
            # pandas' notes about its own future versions are not Dask's answer, and under the threads scheduler
            # some arrive only now and then.
            warnings.simplefilter("ignore", FutureWarning)
            warnings.simplefilter("ignore", DeprecationWarning)
            t0 = time.perf_counter()
            built = build_attributing(pipeline, order, base, scheduler, by_id)
            try:
                values = compute_outputs(built, outputs, scheduler)
            except Exception as exc:  # noqa: BLE001
                with dask.config.set(scheduler="sync"):
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
    files, divisions, metas = {}, {}, {}
    for oid in outputs:
        node = by_id[oid]
        if node["op"] in WRITE_OPS:
            paths, compression = written_paths(node, first_built, base)
            out["results"][oid] = [relpath(base, p) for p in paths]
            for p in paths:
                files[relpath(base, p)] = read_written(p, compression)
        else:
            out["results"][oid] = to_json(results[oid])
    for node in nodes:
        obj = first_built[node["id"]]
        if isinstance(obj, db.Bag) and node["op"] != "bag.take":
            out["npartitions"][node["id"]] = obj.npartitions
        elif is_frame_like(obj):
            out["npartitions"][node["id"]] = obj.npartitions
            divisions[node["id"]] = divisions_json(obj)
            metas[node["id"]] = meta_json(obj)
    if divisions:
        out["divisions"] = divisions
        out["meta"] = metas
    if files:
        out["files"] = files
    return out


def run_partitions(path, scheduler, node_id):
    """Each partition of one node, computed separately (``to_delayed``), in partition order."""
    import dask
    import dask.bag as db

    pipeline = load_pipeline(path)
    base = os.path.dirname(os.path.abspath(path))
    nodes = pipeline["nodes"]
    by_id = {n["id"]: n for n in nodes}
    if node_id not in by_id:
        raise ValueError(f"no node {node_id!r} in the pipeline")
    order = topo_order(nodes)
    with warnings.catch_warnings(), dask.config.set(scheduler=scheduler):
        warnings.simplefilter("ignore")
        built = build_attributing(pipeline, order, base, scheduler, by_id)
        obj = built[node_id]
        if not (is_frame_like(obj) or isinstance(obj, db.Bag)):
            raise PipelineError(node_id, TypeError(f"node {node_id!r} is not a partitioned collection"))
        try:
            parts = dask.compute(*obj.to_delayed(), scheduler=scheduler)
        except Exception as exc:  # noqa: BLE001
            with dask.config.set(scheduler="sync"):
                node = attribute_error(order, lambda: build(pipeline, order, base, "sync"), exc, upto=node_id)
            raise PipelineError(node, exc) from exc
    return {"partitions": [to_json(p) for p in parts]}


def build_upto(pipeline, order, base, stop):
    """Build the nodes before ``stop`` only (used to attribute an error raised by an eager node)."""
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


def error_message(exc):
    """The exception's message, without the traceback Dask appends to "Metadata inference failed" errors: it names
    this machine's files and lines."""
    message = str(exc)
    cut = message.find("\n\nTraceback:\n---------\n")
    return message[:cut] if cut >= 0 and message.startswith("Metadata inference failed") else message


def run_one(path, args):
    """Runs one pipeline file and prints its line; returns whether it succeeded."""
    try:
        if args.partitions is not None:
            out = run_partitions(path, args.scheduler, args.partitions)
        else:
            out = run(path, args.scheduler, args.repeat)
    except PipelineError as e:
        cause = e.cause
        emit({"error": {"type": type(cause).__name__, "message": error_message(cause), "node": e.node}})
        return False
    except Exception as e:  # noqa: BLE001
        emit({"error": {"type": type(e).__name__, "message": error_message(e), "node": None}})
        return False
    emit(out)
    return True


def main(argv):
    ap = argparse.ArgumentParser(description="Run Weft pipelines with real dask.bag and dask.dataframe")
    ap.add_argument("pipeline", nargs="+")
    ap.add_argument("--scheduler", choices=["sync", "threads"], default="sync")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--partitions", metavar="NODE", help="print each partition of NODE instead of the results")
    args = ap.parse_args(argv)
    if args.repeat < 1:
        ap.error("--repeat must be >= 1")
    if args.partitions is not None and len(args.pipeline) != 1:
        ap.error("--partitions takes one pipeline")
    ok = [run_one(path, args) for path in args.pipeline]
    return 0 if all(ok) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
