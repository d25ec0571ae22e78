#!/usr/bin/python3
"""Run every fixture pipeline through dask_run.py and write its ``NAME.expected.json`` sidecar.

Usage: /usr/bin/python3 test/reference/record_expected.py [NAME ...]

Policy: the fixtures tree (``pipelines/`` and ``data/``) is copied to a fresh temp folder for every run, exactly as
the engine's tests do, so ``to_textfiles`` writes ``out/`` there and never into the repository. Each pipeline runs
three times: sync scheduler, threads scheduler, and sync with another PYTHONHASHSEED. Outputs listed in UNORDERED
are canonicalised (see ``canonical``) before comparing and recording; any other output that differs between the
runs is reported as an error, so an undeclared order dependence cannot slip into a sidecar.
"""

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

# Outputs whose element order Dask does not define. "groups": elements are [key, values] pairs from groupby whose
# values order is undefined too (values are sorted before comparing).
UNORDERED = {
    "groupby": {"unordered": ["sizes", "by_parity"], "groups": ["by_parity"]},
    "kdd-groupby": {"unordered": ["counts"]},
    "set-valued": {"unordered": ["freq"]},
}


def canonical_sort(values):
    """Python's order when the values are comparable, else the order of their JSON text."""
    try:
        return sorted(values)
    except TypeError:
        return sorted(values, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))


def canonical(results, spec):
    out = dict(results)
    for nid in spec.get("groups", []):
        out[nid] = [[k, canonical_sort(vs)] for k, vs in out[nid]]
    for nid in spec.get("unordered", []):
        out[nid] = canonical_sort(out[nid])
    return out


def run_once(name, scheduler, hashseed):
    with tempfile.TemporaryDirectory(prefix="weft-ref-") as tmp:
        for sub in ("pipelines", "data"):
            shutil.copytree(os.path.join(FIXTURES, sub), os.path.join(tmp, sub))
        env = dict(os.environ, PYTHONHASHSEED=str(hashseed))
        proc = subprocess.run(
            [PYTHON, RUNNER, os.path.join(tmp, "pipelines", name + ".weft.json"), "--scheduler", scheduler],
            capture_output=True,
            env=env,
            timeout=300,
        )
    lines = proc.stdout.decode("utf-8").strip().splitlines()
    if len(lines) != 1:
        raise RuntimeError(f"{name}: expected one line of output, got {proc.stdout!r} / {proc.stderr!r}")
    out = json.loads(lines[0])
    if ("error" in out) != (proc.returncode == 1):
        raise RuntimeError(f"{name}: exit status {proc.returncode} does not match output")
    return out


def comparable(out, spec):
    if "error" in out:
        return {"error": out["error"]}
    return {
        "results": canonical(out["results"], spec),
        "npartitions": out["npartitions"],
        "warnings": sorted(out["warnings"]),
        "files": out.get("files"),
    }


def dump_sidecar(name, rec):
    """One key per line, each result on one line: readable and diff-friendly."""
    j = lambda v: json.dumps(v, ensure_ascii=False)  # noqa: E731
    lines = ["{", f'  "pipeline": {j(name + ".weft.json")},']
    if "error" in rec:
        lines.append(f'  "error": {j(rec["error"])}')
    else:
        body = []
        for key in ("results", "npartitions", "files"):
            if rec.get(key) is None:
                continue
            inner = ",\n".join(f"    {j(k)}: {j(v)}" for k, v in rec[key].items())
            body.append(f'  "{key}": {{\n{inner}\n  }}' if inner else f'  "{key}": {{}}')
        body.append(f'  "warnings": {j(rec["warnings"])}')
        body.append(f'  "unordered": {j(rec["unordered"])}')
        if rec.get("unorderedGroupValues"):
            body.append(f'  "unorderedGroupValues": {j(rec["unorderedGroupValues"])}')
        lines.append(",\n".join(body))
    lines.append("}")
    return "\n".join(lines) + "\n"


def record(name):
    spec = UNORDERED.get(name, {})
    runs = [("sync", 0), ("threads", 1), ("sync", 12345)]
    outs = [comparable(run_once(name, s, h), spec) for s, h in runs]
    problems = []
    for (s, h), other in zip(runs[1:], outs[1:]):
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
    with open(os.path.join(FIXTURES, "pipelines", name + ".expected.json"), "w", encoding="utf-8") as f:
        f.write(dump_sidecar(name, rec))
    return problems


def main(argv):
    names = argv or sorted(
        f[: -len(".weft.json")] for f in os.listdir(os.path.join(FIXTURES, "pipelines")) if f.endswith(".weft.json")
    )
    failed = False
    for name in names:
        problems = record(name)
        print(("FAIL " if problems else "ok   ") + name)
        for p in problems:
            print("     " + p)
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
