/**
 * What the larger-than-memory pipelines must answer, worked out in plain Node from one copy of the KDD Cup 10% file
 * and scaled by the number of copies: a check independent of both engines (Weft and Dask could agree on a wrong
 * answer, e.g. if the copies were cut at block boundaries twice). Compared as multisets: order is Dask's business.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { asMultiset } from '../support/compare-json.js';
import type { LtmName } from './catalog.js';
import { ResultMismatchError } from './verify.js';

/** Tallies of one copy; keys are fields as `line.split(',')` gives them (field 41 keeps its `\n`, as in read_text). */
export interface KddTallies {
  lines: number;
  labels: Map<string, number>;
  services: Set<string>;
  flags: Map<string, number>;
  protocols: Set<string>;
  /** Distinct lines per src_bytes (field 4): the same for any number of copies. */
  distinctLinesBySrcBytes: Map<string, number>;
}

export function tallyKdd(gzFile: string): KddTallies {
  const text = zlib.gunzipSync(fs.readFileSync(gzFile)).toString('utf8');
  const t: KddTallies = { lines: 0, labels: new Map(), services: new Set(), flags: new Map(), protocols: new Set(), distinctLinesBySrcBytes: new Map() };
  const linesBySrcBytes = new Map<string, Set<string>>();
  for (const line of text.split(/(?<=\n)/)) {
    const f = line.split(',');
    t.lines++;
    t.labels.set(f[41], (t.labels.get(f[41]) ?? 0) + 1);
    t.services.add(f[2]);
    t.flags.set(f[3], (t.flags.get(f[3]) ?? 0) + 1);
    t.protocols.add(f[1]);
    let lines = linesBySrcBytes.get(f[4]);
    if (!lines) linesBySrcBytes.set(f[4], (lines = new Set()));
    lines.add(line);
  }
  for (const [k, lines] of linesBySrcBytes) t.distinctLinesBySrcBytes.set(k, lines.size);
  return t;
}

/** Each output's expected value as JSON, for `copies` copies. */
export function expectedResults(name: LtmName, t: KddTallies, copies: number): Record<string, unknown> {
  const scaled = (m: Map<string, number>) => [...m].map(([k, n]) => [k, n * copies]);
  switch (name) {
    case 'count':
      return { n: t.lines * copies };
    case 'label-frequencies':
      return { label_counts: scaled(t.labels) };
    case 'distinct-services':
      return { distinct_services: [...t.services] };
    case 'groupby-flag':
      return { sizes: scaled(t.flags) };
    case 'groupby-src-bytes':
      return { distinct_lines: [...t.distinctLinesBySrcBytes] };
    case 'persist-two-outputs':
      return { n: t.lines * copies, distinct_protocols: [...t.protocols] };
    case 'shared-parse':
      return { flag_sizes: scaled(t.flags), label_counts: scaled(t.labels), n: t.lines * copies };
  }
}

/** Throws ResultMismatchError unless every output of `actual` equals the expected one as a multiset. */
export function checkExpected(pipeline: string, actual: Record<string, unknown>, expected: Record<string, unknown>): void {
  for (const id of new Set([...Object.keys(actual), ...Object.keys(expected)])) {
    const [a, e] = [JSON.stringify(asMultiset(actual[id])), JSON.stringify(asMultiset(expected[id]))];
    if (a !== e) throw new ResultMismatchError(`${pipeline}: output '${id}' is not what ${pipeline} must give on this input\n  got:      ${clip(a)}\n  expected: ${clip(e)}`);
  }
}

function clip(text: string | undefined): string {
  if (text === undefined) return '(missing)';
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
}
