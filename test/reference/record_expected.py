#!/usr/bin/python3
"""Run every fixture pipeline through dask_run.py and write its ``NAME.expected.json`` sidecar.

Usage: /usr/bin/python3 test/reference/record_expected.py [NAME ...]

Policy: the fixtures tree (``pipelines/`` and ``data/``) is copied to a fresh temp folder for every run, exactly as
the engine's tests do, so ``to_textfiles``/``to_csv`` write ``out/`` there and never into the repository. Each
pipeline runs three times: sync scheduler, threads scheduler, and sync with another PYTHONHASHSEED (each of the
three is one dask_run.py process running every named pipeline in turn, so Dask is imported three times, not three
times per pipeline). Outputs listed in UNORDERED are canonicalised (see ``canonical``) before comparing and
recording; any other output that differs between the runs is reported as an error, so an undeclared order
dependence cannot slip into a sidecar. DataFrame fixtures (``df-*``) also record ``divisions`` and ``meta``.

The ``df-kdd-full-*`` fixtures read the KDD Cup 1999 10% file, which is not in the repository: for them the file
is linked into the temp ``data/`` folder (from the first of KDD_PLACES that has it) with a gunzipped copy beside it.
"""

import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.normpath(os.path.join(HERE, "..", "fixtures"))
RUNNER = os.path.join(HERE, "dask_run.py")
PYTHON = "/usr/bin/python3"
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))

KDD_NAME = "kddcup.data_10_percent.gz"
# Where test/support/environment.ts looks for the KDD file, then make_data.py's default.
KDD_PLACES = [
    os.path.join(REPO, "samples", "data", KDD_NAME),
    os.path.join(REPO, "..", "shared", "data", KDD_NAME),
    os.path.join("/work/shared/data", KDD_NAME),
]
KDD_FIXTURE_PREFIX = "df-kdd-full-"

# Outputs whose element order Dask does not define. "groups": elements are [key, values] pairs from groupby whose
# values order is undefined too (values are sorted before comparing).
UNORDERED = {
    "groupby": {"unordered": ["sizes", "by_parity"], "groups": ["by_parity"]},
    "kdd-groupby": {"unordered": ["counts"]},
    "set-valued": {"unordered": ["freq"]},
}

# DataFrame nodes whose divisions Dask computes from random percentiles (set_index/sort_values on partitions longer
# than partitionquantiles.sample_percentiles' threshold), seeded by the graph's token, which includes the absolute
# input paths: they differ between copies of the fixtures, and so may the partition count (duplicate divisions are
# merged), so both are left out of the sidecar and the nodes listed under "approximateDivisions" instead.
APPROXIMATE_DIVISIONS = {
    "df-set-index-npartitions": ["s"],
    "df-set-index-string": ["s"],
    "df-kdd-full-gz": ["by_service"],
    "df-kdd-full-blocksize": ["by_service"],
}


def canonical_sort(values):
    """Python's order when the values are comparable, else the order of their JSON text."""
    try:
        return sorted(values)
    except TypeError:
        return sorted(values, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))


def canonical_rows(value):
    """A DataFrame/Series value with its rows (index label and values together) in canonical order."""
    rows = sorted(zip(value["index"], value["data"]), key=lambda r: json.dumps(r, sort_keys=True, ensure_ascii=False))
    return dict(value, index=[r[0] for r in rows], data=[r[1] for r in rows])


def canonical(results, spec):
    out = dict(results)
    for nid in spec.get("groups", []):
        out[nid] = [[k, canonical_sort(vs)] for k, vs in out[nid]]
    for nid in spec.get("unordered", []):
        out[nid] = canonical_rows(out[nid]) if isinstance(out[nid], dict) and "index" in out[nid] else canonical_sort(out[nid])
    return out


def add_kdd_file(data_dir):
    """Links the KDD file into ``data_dir`` and writes its gunzipped copy there."""
    source = next((p for p in KDD_PLACES if os.path.exists(p)), None)
    if source is None:
        raise RuntimeError(f"the {KDD_FIXTURE_PREFIX}* fixtures need {KDD_NAME}, which is in none of {KDD_PLACES}")
    os.symlink(os.path.abspath(source), os.path.join(data_dir, KDD_NAME))
    with gzip.open(source, "rb") as f, open(os.path.join(data_dir, KDD_NAME[: -len(".gz")]), "wb") as out:
        shutil.copyfileobj(f, out)


def run_batch(names, scheduler, hashseed):
    """Every pipeline in ``names`` through one dask_run.py process; returns {name: output}."""
    with tempfile.TemporaryDirectory(prefix="weft-ref-") as tmp:
        for sub in ("pipelines", "data"):
            shutil.copytree(os.path.join(FIXTURES, sub), os.path.join(tmp, sub))
        if any(name.startswith(KDD_FIXTURE_PREFIX) for name in names):
            add_kdd_file(os.path.join(tmp, "data"))
        env = dict(os.environ, PYTHONHASHSEED=str(hashseed))
        files = [os.path.join(tmp, "pipelines", name + ".weft.json") for name in names]
        proc = subprocess.run([PYTHON, RUNNER, *files, "--scheduler", scheduler], capture_output=True, env=env,
                              timeout=1800)
    lines = proc.stdout.decode("utf-8").strip().splitlines()
    if len(lines) != len(names):
        raise RuntimeError(f"expected {len(names)} lines of output, got {len(lines)}: {proc.stderr!r}")
    outs = {name: json.loads(line) for name, line in zip(names, lines)}
    if any("error" in out for out in outs.values()) != (proc.returncode == 1):
        raise RuntimeError(f"exit status {proc.returncode} does not match output")
    return outs


def comparable(out, spec):
    if "error" in out:
        return {"error": out["error"]}
    approximate = spec.get("approximateDivisions", [])
    divisions = out.get("divisions")
    if divisions is not None:
        divisions = {k: v for k, v in divisions.items() if k not in approximate}
    rec = {
        "results": canonical(out["results"], spec),
        "npartitions": {k: v for k, v in out["npartitions"].items() if k not in approximate},
        "divisions": divisions,
        "meta": out.get("meta"),
        "warnings": sorted(out["warnings"]),
        "files": out.get("files"),
    }
    return rec


def dump_sidecar(name, rec):
    """One key per line, each result on one line: readable and diff-friendly."""
    j = lambda v: json.dumps(v, ensure_ascii=False)  # noqa: E731
    lines = ["{", f'  "pipeline": {j(name + ".weft.json")},']
    if "error" in rec:
        lines.append(f'  "error": {j(rec["error"])}')
    else:
        body = []
        for key in ("results", "npartitions", "divisions", "meta", "files"):
            if rec.get(key) is None:
                continue
            inner = ",\n".join(f"    {j(k)}: {j(v)}" for k, v in rec[key].items())
            body.append(f'  "{key}": {{\n{inner}\n  }}' if inner else f'  "{key}": {{}}')
        body.append(f'  "warnings": {j(rec["warnings"])}')
        body.append(f'  "unordered": {j(rec["unordered"])}')
        if rec.get("unorderedGroupValues"):
            body.append(f'  "unorderedGroupValues": {j(rec["unorderedGroupValues"])}')
        if rec.get("approximateDivisions"):
            body.append(f'  "approximateDivisions": {j(rec["approximateDivisions"])}')
        lines.append(",\n".join(body))
    lines.append("}")
    return "\n".join(lines) + "\n"


def record(name, outs_per_run):
    """Compares one pipeline's three runs, writes its sidecar, returns the problems found."""
    spec = dict(UNORDERED.get(name, {}), approximateDivisions=APPROXIMATE_DIVISIONS.get(name, []))
    outs = [comparable(run_outs[name], spec) for run_outs in outs_per_run]
    problems = []
    for (s, h), other in zip(RUNS[1:], outs[1:]):
        for key in set(outs[0]) | set(other):
            a, b = outs[0].get(key), other.get(key)
            if key == "results" and a and b:
                diff = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
                if diff:
                    problems.append(f"{s}/PYTHONHASHSEED={h}: outputs differ: {diff}")
            elif a != b:
                problems.append(f"{s}/PYTHONHASHSEED={h}: {key} differs")
    rec = dict(outs[0])
    if "error" not in rec:
        rec["unordered"] = spec.get("unordered", [])
        rec["unorderedGroupValues"] = spec.get("groups", [])
        rec["approximateDivisions"] = spec["approximateDivisions"]
    with open(os.path.join(FIXTURES, "pipelines", name + ".expected.json"), "w", encoding="utf-8") as f:
        f.write(dump_sidecar(name, rec))
    return problems


RUNS = [("sync", 0), ("threads", 1), ("sync", 12345)]


def main(argv):
    names = argv or sorted(
        f[: -len(".weft.json")] for f in os.listdir(os.path.join(FIXTURES, "pipelines")) if f.endswith(".weft.json")
    )
    failed = False
    outs_per_run = [run_batch(names, s, h) for s, h in RUNS]
    for name in names:
        problems = record(name, outs_per_run)
        print(("FAIL " if problems else "ok   ") + name)
        for p in problems:
            print("     " + p)
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
