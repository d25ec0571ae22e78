import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { PYTHON, hasDask } from '../../../test/support/environment.js';
import { arrayTreeShape, dataframeTreeShape } from './tree.js';

/** For each case, the input ranges of every task of every level above the chunks, read off Dask's own graphs. */
const GRAPHS = String.raw`
import json, sys, dask, dask.dataframe as dd, pandas as pd
from dask.core import get_dependencies
cases = json.load(sys.stdin)
def ranges(graph, tasks, parent):
    out = []
    for key in tasks:
        deps = sorted(d for d in get_dependencies(graph, key) if d[0] in parent)
        idx = [d[1] for d in deps]
        out.append([min(idx), max(idx) + 1])
    return out
res = []
for n, every, kind in cases:
    df = dd.from_pandas(pd.DataFrame({'a': range(max(n, 1) * 2)}), npartitions=n)
    assert df.npartitions == n
    split = False if every is None and kind == 'frame' else every
    if kind == 'frame':
        c = df.a.value_counts(split_every=split) if split is not False else df.a.sum(split_every=False)
    else:
        c = df.a.var(split_every=split)
    g = dict(c.__dask_graph__())
    names = [name for name in c.__dask_graph__().layers]
    chunk = [nm for nm in names if 'chunk' in nm][0]
    levels = []
    parent = {chunk}
    above = [nm for nm in names if ('combine' in nm or '-agg' in nm or 'aggregate' in nm) and 'var-1d' not in nm]
    if kind == 'frame':
        combine = sorted({k[0] for k in g if isinstance(k, tuple) and '-combine-' in k[0]})
        agg = [nm for nm in above if '-agg-' in nm][0]
        depths = sorted({k[2] for k in g if isinstance(k, tuple) and k[0] in combine})
        for d in depths:
            tasks = sorted(k for k in g if isinstance(k, tuple) and k[0] in combine and k[2] == d)
            levels.append(ranges(g, tasks, parent | set(combine)))
        levels.append(ranges(g, [k for k in g if isinstance(k, tuple) and k[0] == agg], parent | set(combine)))
    else:
        for layer in above:
            tasks = sorted(k for k in g if isinstance(k, tuple) and k[0] == layer)
            levels.append(ranges(g, tasks, parent))
            parent = {layer}
    res.append(levels)
print(json.dumps(res))
`;

test("tree shapes are Dask's: dask.dataframe's combine levels and dask.array's partial reductions", { skip: !hasDask() }, () => {
  const cases: Array<[number, number | null, 'frame' | 'array']> = [
    [1, null, 'frame'], [5, null, 'frame'], [13, 3, 'frame'], [9, 2, 'frame'], [64, 8, 'frame'], [20, 4, 'frame'],
    [1, null, 'array'], [4, null, 'array'], [5, null, 'array'], [13, 3, 'array'], [17, null, 'array'], [64, 4, 'array'], [9, 2, 'array'],
  ];
  const dask = JSON.parse(execFileSync(PYTHON, ['-c', GRAPHS], { input: JSON.stringify(cases), encoding: 'utf8' })) as number[][][][];
  cases.forEach(([n, every, kind], i) => {
    const shape = kind === 'frame' ? dataframeTreeShape(n, every ?? false) : arrayTreeShape(n, every);
    assert.deepEqual(shape.levels, dask[i], `${kind} tree of ${n} partitions, split_every=${every}`);
  });
  assert.throws(() => dataframeTreeShape(4, 1), /split_every must be an integer >= 2/);
});
