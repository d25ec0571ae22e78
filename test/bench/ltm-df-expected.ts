/**
 * What the DataFrame larger-than-memory pipelines must answer, worked out in plain Node from one copy of the KDD Cup
 * 10% file and scaled by the number of copies: a check independent of both engines. Sums and counts scale; means and
 * maxes do not (a mean of N copies is N*sum / N*count, the same division of exact integers, so the same double).
 * Rows are compared as a set keyed by their index label: row order is Dask's business, checked against Dask.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { LtmDfName } from './catalog.js';
import { LTM_DF_PIPELINES_DIR } from './big-input.js';
import { canonical } from '../support/compare-json.js';
import { ResultMismatchError } from './verify.js';

/** Per-protocol sums of one copy, and how often each label occurs (label without its trailing newline). */
export interface KddFrameTallies {
  rows: number;
  protocols: Map<string, { srcBytes: number; rows: number; maxDuration: number }>;
  labels: Map<string, number>;
}

export function tallyKddFrame(gzFile: string): KddFrameTallies {
  const text = zlib.gunzipSync(fs.readFileSync(gzFile)).toString('utf8');
  const t: KddFrameTallies = { rows: 0, protocols: new Map(), labels: new Map() };
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const f = line.split(',');
    t.rows++;
    let p = t.protocols.get(f[1]);
    if (!p) t.protocols.set(f[1], (p = { srcBytes: 0, rows: 0, maxDuration: -Infinity }));
    p.srcBytes += Number(f[4]);
    p.rows++;
    p.maxDuration = Math.max(p.maxDuration, Number(f[0]));
    t.labels.set(f[41], (t.labels.get(f[41]) ?? 0) + 1);
  }
  return t;
}

/** Each output's expected value, as `{index label: row}` (a frame's row, a Series' value) or a number. */
export function expectedDfResults(name: LtmDfName, t: KddFrameTallies, copies: number): Record<string, unknown> {
  const bytesPerProtocol = () =>
    Object.fromEntries([...t.protocols].map(([k, p]) => [k, [p.srcBytes * copies, { $float: (p.srcBytes * copies) / (p.rows * copies) }, p.maxDuration]]));
  switch (name) {
    case 'groupby-agg':
      return { bytes: bytesPerProtocol() };
    case 'set-index-len':
      return { n_by_service: t.rows * copies };
    case 'merge-groupby-size': {
      const kinds = lookupKinds();
      const perKind: Record<string, number> = {};
      for (const [label, n] of t.labels) {
        const kind = kinds.get(label);
        // An inner merge drops labels the lookup lacks.
        if (kind !== undefined) perKind[kind] = (perKind[kind] ?? 0) + n * copies;
      }
      return { per_kind: perKind };
    }
    case 'persist-two-outputs':
      return { n: t.rows * copies, bytes: bytesPerProtocol() };
  }
}

/** The label -> kind lookup as the merge pipeline's from_dict node holds it (the pipeline is the one source). */
function lookupKinds(): Map<string, string> {
  const pipeline = JSON.parse(fs.readFileSync(path.join(LTM_DF_PIPELINES_DIR, 'merge-groupby-size.weft.json'), 'utf8')) as {
    nodes: Array<{ id: string; params?: { data?: { label: string[]; kind: string[] } } }>;
  };
  const data = pipeline.nodes.find((n) => n.id === 'kinds')!.params!.data!;
  return new Map(data.label.map((label, i) => [label, data.kind[i]]));
}

/** A frame's or Series' JSON (`{index, data}`, parsed keeping floats) as `{index label: row}`; others as they are. */
function byIndexLabel(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !('index' in value) || !('data' in value)) return value;
  const { index, data } = value as { index: unknown[]; data: unknown[] };
  return Object.fromEntries(index.map((label, i) => [String(label), data[i]]));
}

/** Throws ResultMismatchError unless every output of `actual` (parsed keeping floats) equals the expected one. */
export function checkExpectedDf(pipeline: string, actual: Record<string, unknown>, expected: Record<string, unknown>): void {
  for (const id of new Set([...Object.keys(actual), ...Object.keys(expected)])) {
    const [a, e] = [sortedText(byIndexLabel(actual[id])), sortedText(expected[id])];
    if (a !== e) throw new ResultMismatchError(`${pipeline}: output '${id}' is not what ${pipeline} must give on this input\n  got:      ${a}\n  expected: ${e}`);
  }
}

/** JSON text with object keys sorted, so that row order does not count. */
function sortedText(value: unknown): string {
  if (value === undefined) return '(missing)';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return canonical(value);
  return canonical(Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}
