/**
 * What the DuckDB and Polars bench scripts share: `node dist/test/bench/<engine>-run.js QUERY PIPELINE [--repeat N]`
 * runs one of the DataFrame section's queries N times (default 1) in one process and prints one line of JSON,
 * `{"answer": DfAnswer, "seconds": [...]}`. Run with `--repeat 1` as a fresh process it is the engine "as an
 * analyst's script"; with more, its later runs are the engine warm in-process.
 *
 * The query's inputs come from the Weft pipeline file itself, so all engines read the same file with the same
 * column names and join the same lookup frame: the CSV path and `names` from its read_csv node, the lookup from its
 * from_dict node.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DfQueryName } from './catalog.js';
import type { DfAnswer } from './df-answers.js';

/** A query's inputs, read from its Weft pipeline. */
export interface DfQueryInputs {
  /** The CSV file (gzip or plain), absolute. */
  file: string;
  names: string[];
  /** The lookup frame's columns (label → kind), for the merge query. */
  lookup?: { label: string[]; kind: string[] };
}

/** An engine: opens what it needs once, then answers one query per call. */
export interface DfEngine {
  run(query: DfQueryName, inputs: DfQueryInputs): Promise<DfAnswer>;
}

interface PipelineNode {
  op: string;
  params?: Record<string, unknown>;
}

export function queryInputs(pipelineFile: string): DfQueryInputs {
  const nodes = (JSON.parse(fs.readFileSync(pipelineFile, 'utf8')) as { nodes: PipelineNode[] }).nodes;
  const read = nodes.find((n) => n.op === 'dataframe.read_csv')?.params;
  if (!read) throw new Error(`${pipelineFile} has no read_csv node`);
  const lookup = nodes.find((n) => n.op === 'dataframe.from_dict')?.params?.data as DfQueryInputs['lookup'];
  return { file: path.resolve(path.dirname(pipelineFile), read.urlpath as string), names: read.names as string[], lookup };
}

/** The script's main: parses argv, opens the engine, times the runs, prints the JSON line. */
export async function runEngineScript(open: () => Promise<DfEngine>, argv: readonly string[]): Promise<void> {
  const [query, pipelineFile, flag, count] = argv;
  const repeat = flag === '--repeat' ? Number(count) : 1;
  if (!query || !pipelineFile || !Number.isInteger(repeat) || repeat < 1) throw new Error('usage: QUERY PIPELINE [--repeat N]');
  const inputs = queryInputs(pipelineFile);
  const start = performance.now();
  // Opening the engine counts in the first run: an analyst's script pays for it too.
  const engine = await open();
  const seconds: number[] = [];
  let answer: DfAnswer | undefined;
  for (let i = 0; i < repeat; i++) {
    const t0 = i === 0 ? start : performance.now();
    answer = await engine.run(query as DfQueryName, inputs);
    seconds.push((performance.now() - t0) / 1000);
  }
  process.stdout.write(JSON.stringify({ answer, seconds }) + '\n');
}

/** A script's last words: the error on stderr and exit code 1 (the bench reports it). */
export function failScript(error: unknown): void {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
}
