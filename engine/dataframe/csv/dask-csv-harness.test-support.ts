import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { WeftError } from '../../errors.js';
import { PyFloat } from '../../values/py-types.js';
import type { Column, Frame } from '../frame.js';
import { planCsvBlocks } from './block-plan.js';
import { projectsAfterRead, type ReadCsvParams } from './csv-options.js';
import { readBlockBytes, readSample } from './read-block-bytes.js';
import { inferMeta, readBlock } from './read-csv.js';
import { PYTHON } from '../pandas-reference.test-support.js';

/**
 * For the read_csv tests: the same read run by real Dask/pandas (Debian's /usr/bin/python3, in one child process for
 * many cases) and by Weft, both encoded as one JSON shape so a test compares them whole: per partition its columns,
 * dtypes, length, index and values, object values tagged with their Python type, floats exact (JSON of Python's
 * repr round-trips), NaN as null; a failure as its message.
 */

/** Whether real Dask is here. */
export function hasDask(): boolean {
  return fs.existsSync(PYTHON) && fs.existsSync('/usr/lib/python3/dist-packages/dask');
}

/** One read: `dask` is `dd.read_csv(paths, blocksize=, **kwargs)`; `pandas` is `pd.read_csv(paths[0], **kwargs)`. */
export interface CsvCase {
  kind: 'dask' | 'pandas';
  paths: string[];
  params: ReadCsvParams;
  /** A column selection after the read (`ddf[columns]`), which Dask's optimizer pushes into the reader. */
  columns?: string[];
}

export type Encoded = { error: string } | { npartitions: number; meta: { columns: unknown[]; dtypes: string[] }; partitions: unknown[] };

const HARNESS = String.raw`
import json, sys, math, warnings
warnings.simplefilter('ignore')
import pandas as pd
import numpy as np

def enc_value(v):
    if isinstance(v, (bool, np.bool_)): return ['bool', bool(v)]
    if isinstance(v, (int, np.integer)): return ['int', int(v)]
    if isinstance(v, (float, np.floating)):
        v = float(v)
        if math.isnan(v): return ['nan']
        if math.isinf(v): return ['float', 'inf' if v > 0 else '-inf']
        return ['float', v]
    if isinstance(v, str): return ['str', v]
    return ['other', repr(v)]

def enc_number(v):
    v = float(v)
    if math.isnan(v): return None
    if math.isinf(v): return 'inf' if v > 0 else '-inf'
    return v

def enc_frame(df):
    cols = []
    for i in range(df.shape[1]):
        s = df.iloc[:, i]
        d = str(s.dtype)
        if d == 'int64': vals = [int(x) for x in s]
        elif d == 'float64': vals = [enc_number(x) for x in s]
        elif d == 'bool': vals = [bool(x) for x in s]
        else: vals = [enc_value(x) for x in s]
        cols.append(vals)
    idx = df.index
    index = [int(idx.start), int(idx.stop), int(idx.step)] if isinstance(idx, pd.RangeIndex) else ['labels', [int(x) for x in idx]]
    return {'columns': [c if isinstance(c, int) else str(c) for c in df.columns], 'dtypes': [str(t) for t in df.dtypes], 'length': len(df), 'index': index, 'data': cols}

out = []
for case in json.load(sys.stdin):
    kw = dict(case['params'])
    try:
        if case['kind'] == 'pandas':
            kw.pop('blocksize', None)
            df = pd.read_csv(case['paths'][0], **kw)
            out.append({'npartitions': 1, 'meta': {'columns': [], 'dtypes': []}, 'partitions': [enc_frame(df)]})
            continue
        import dask.dataframe as dd
        ddf = dd.read_csv(case['paths'] if len(case['paths']) > 1 else case['paths'][0], **kw)
        if case.get('columns'): ddf = ddf[case['columns']]
    except Exception as e:
        out.append({'error': str(e)})
        continue
    parts = []
    for i in range(ddf.npartitions):
        try:
            parts.append(enc_frame(ddf.partitions[i].compute(scheduler='sync')))
        except Exception as e:
            parts.append({'error': str(e)})
    out.append({'npartitions': ddf.npartitions, 'meta': {'columns': [c if isinstance(c, int) else str(c) for c in ddf._meta.columns], 'dtypes': [str(t) for t in ddf._meta.dtypes]}, 'partitions': parts})
print(json.dumps(out))
`;

/** Runs the cases on Dask/pandas. */
export function runReference(cases: CsvCase[]): Encoded[] {
  const run = spawnSync(PYTHON, ['-c', HARNESS], { input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 1 << 30, timeout: 120_000 });
  if (run.status !== 0) throw new Error(`the Python harness failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Encoded[];
}

function encodeNumber(v: number): unknown {
  if (Number.isNaN(v)) return null;
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  return v;
}

function encodeObject(v: unknown): unknown {
  if (typeof v === 'boolean') return ['bool', v];
  if (typeof v === 'string') return ['str', v];
  if (v instanceof PyFloat) return ['float', v.value];
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return ['nan'];
    if (!Number.isFinite(v)) return ['float', v > 0 ? 'inf' : '-inf'];
    return Number.isInteger(v) ? ['int', v] : ['float', v];
  }
  return ['other', String(v)];
}

function encodeColumn(column: Column): unknown[] {
  switch (column.dtype) {
    case 'int64':
    case 'float64':
      return Array.from(column.values, encodeNumber);
    case 'bool':
      return Array.from(column.values, (v) => v === 1);
    case 'object':
      return Array.from(column.codes, (code) => encodeObject(column.dictionary[code]));
  }
}

/** A Weft frame in the harness's shape. */
export function encodeFrame(frame: Frame): unknown {
  const index = frame.index.kind === 'range' ? [frame.index.start, frame.index.start + frame.length * frame.index.step, frame.index.step] : ['labels', frame.length === 0 ? [] : ['not compared']];
  return { columns: frame.names, dtypes: frame.columns.map((c) => c.dtype), length: frame.length, index, data: frame.columns.map(encodeColumn) };
}

function messageOf(e: unknown): string {
  if (e instanceof WeftError) return e.message;
  throw e;
}

/** The reader reads in the file's order; the selection after it (`ddf[columns]`) puts them in its own. */
function selected(frame: Frame, columns: string[]): Frame {
  const at = columns.map((c) => frame.names.findIndex((n) => String(n) === c));
  return { ...frame, names: at.map((i) => frame.names[i]), columns: at.map((i) => frame.columns[i]) };
}

/** The same read on Weft: plan, sample, meta, and every block. */
export async function runWeft(c: CsvCase): Promise<Encoded> {
  if (c.kind === 'pandas') throw new Error('runWeft reads Dask cases; use readTable for pandas ones');
  let meta;
  let blocks;
  try {
    const files = c.paths.map((path) => ({ path, size: fs.statSync(path).size }));
    blocks = planCsvBlocks(files, { blocksize: c.params.blocksize, totalMemory: os.totalmem(), cpuCount: os.cpus().length });
    const sample = await readSample(files[0].path, blocks[0]?.compression ?? null, c.params.sample ?? 256000);
    meta = inferMeta(sample, c.params);
  } catch (e) {
    return { error: messageOf(e) };
  }
  const partitions: unknown[] = [];
  for (const block of blocks) {
    try {
      const columns = c.columns ?? null;
      const frame = readBlock(await readBlockBytes(block), block, meta, c.params, columns, columns !== null && projectsAfterRead(c.params));
      partitions.push(encodeFrame(columns ? selected(frame, columns) : frame));
    } catch (e) {
      partitions.push({ error: messageOf(e) });
    }
  }
  const metaColumns = c.columns ? c.columns.map((name) => meta.meta.columns.find((col) => String(col.name) === name)!) : meta.meta.columns;
  return { npartitions: blocks.length, meta: { columns: metaColumns.map((col) => col.name), dtypes: metaColumns.map((col) => col.dtype) }, partitions };
}
