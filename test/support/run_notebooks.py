#!/usr/bin/python3
"""Executes exported notebooks top to bottom with nbclient and reports each one's results as JSON.

Usage: /usr/bin/python3 test/support/run_notebooks.py NOTEBOOK.ipynb...

Each notebook runs in a fresh Python 3 kernel with its own folder as the working directory, every cell in order, as
Jupyter's "Run All" would; a cell that raises stops it. Then one more cell, added in memory only, prints the
``results`` dict the notebook built, as JSON (the value conventions of engine/run/python/run_exported.py). One line per
notebook on stdout: ``{"results": {...}}`` or ``{"error": "..."}``.
"""

import json
import os
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


REPORT = """
import json as _json, math as _math
from collections.abc import Iterator as _Iterator
def _to_json(v):
    if v is None or isinstance(v, (bool, str, int)):
        return v
    if isinstance(v, float):
        return v if _math.isfinite(v) else None
    import sys as _sys
    _np, _pd = _sys.modules.get("numpy"), _sys.modules.get("pandas")
    if _np is not None and isinstance(v, (_np.generic, _np.ndarray)):
        return _to_json(v.tolist())
    if _pd is not None and isinstance(v, _pd.DataFrame):
        # As `weft run --json` prints a DataFrame: pandas' orient="split" plus the dtypes.
        split = v.to_dict(orient="split")
        return {"columns": _to_json(list(v.columns)), "index": _to_json(v.index.tolist()), "data": _to_json(split["data"]), "dtypes": [str(t) for t in v.dtypes]}
    if _pd is not None and isinstance(v, _pd.Series):
        return {"name": _to_json(v.name), "index": _to_json(v.index.tolist()), "data": _to_json(v.tolist()), "dtype": str(v.dtype)}
    if isinstance(v, dict):
        if all(isinstance(k, str) for k in v):
            return {k: _to_json(x) for k, x in v.items()}
        return [[_to_json(k), _to_json(x)] for k, x in v.items()]
    if isinstance(v, (list, tuple, set, frozenset, _Iterator)):
        return [_to_json(x) for x in v]
    return repr(v)
print("WEFT-RESULTS " + _json.dumps({k: _to_json(v) for k, v in results.items()}))
"""


def run(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    nb.cells.append(nbformat.v4.new_code_cell(REPORT))
    client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": os.path.dirname(path)}})
    try:
        client.execute()
    except CellExecutionError as e:
        return {"error": str(e)[-2000:]}
    for output in nb.cells[-1].outputs:
        for line in output.get("text", "").splitlines():
            if line.startswith("WEFT-RESULTS "):
                return {"results": json.loads(line[len("WEFT-RESULTS "):])}
    return {"error": "the notebook left no results"}


def main(paths):
    for path in paths:
        sys.stdout.write(json.dumps(run(os.path.abspath(path))) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
