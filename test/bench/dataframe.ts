/**
 * The DataFrame section (`--only dataframe`): the issue's seven DataFrame queries on the KDD file, gzip (one
 * partition) and a plain copy read in blocks (many partitions), on Weft, Dask, DuckDB and Polars in one run.
 *
 * The headline is the whole process, as a user runs it: `node bin/weft.js run FILE --json`, dask_run.py under
 * /usr/bin/python3, and a small node script per rival engine (duckdb-run.ts, polars-run.ts), each started fresh for
 * every timed run, so start-up, imports and reading the file count. Beside it each engine warm in-process: Weft's
 * runPipeline on the bench's shared thread pool after one untimed run, and Dask's, DuckDB's and Polars' later runs in
 * one process (the first dropped). Nothing overlaps, so the engines never compete for the cores.
 *
 * A fast wrong answer is worthless: Weft's answers (every run, CLI and in-process) must equal Dask's JSON (floats to
 * 1e-12 relative, order included), DuckDB's and Polars' must equal Dask's as sets of rows (df-answers.ts); any
 * mismatch aborts the bench. A query using an op this build of Weft does not register is measured on the other
 * engines and its Weft cells read "op n/a", a missed target rather than a crash.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OPERATIONS, loadPipelineFile, runPipeline, type Executor } from '../../engine/index.js';
import { firstDifference } from '../support/compare-dask-values.js';
import { parseJsonKeepingFloats } from '../support/compare-json.js';
import { runOnDask } from '../support/dask-reference.js';
import { REPO_ROOT } from '../support/environment.js';
import { DF_QUERIES, type DfBenchQuery } from './catalog.js';
import { answerDifference, daskAnswer, type DfAnswer } from './df-answers.js';
import { PLAIN_BLOCKSIZE, makeDfWorkspace, type DfInput, type DfWorkspace } from './df-workspace.js';
import { measureFloor } from './floor.js';
import { median, timeRepeated } from './measure.js';
import type { CellsRow, CellsTable } from './table.js';
import { judge, type Target } from './targets.js';
import { ResultMismatchError, resultsAsJson } from './verify.js';
import { CHILD_BUFFER, runWeftCli } from './weft-cli.js';

export interface DataframeContext {
  executor: Executor<unknown>;
  repeat: number;
  log: (line: string) => void;
}

const TARGET: Target = { kind: 'dask-or-floor-and-rivals', factor: 5, maxRatio: 1.3 };
const INPUTS: readonly DfInput[] = ['gz', 'plain'];
const RIVALS = ['duckdb', 'polars'] as const;
type Rival = (typeof RIVALS)[number];
const RIVAL_NAMES: Record<Rival, string> = { duckdb: 'DuckDB', polars: 'Polars' };
const RIVAL_PACKAGES: Record<Rival, string> = { duckdb: '@duckdb/node-api', polars: 'nodejs-polars' };
const HERE = path.dirname(fileURLToPath(import.meta.url));

const COLUMNS: CellsTable['columns'] = [
  'weft (s)', 'weft warm', 'dask (s)', 'dask in-proc', 'duckdb (s)', 'duckdb in-proc', 'polars (s)', 'polars in-proc', 'dask/weft', 'duckdb/weft', 'polars/weft',
].map((header) => ({ header, isNumeric: true }));

/** Medians of one query on one input, in seconds; Weft's are absent when an op is not available. */
interface QueryMedians {
  weft?: { whole: number; warm: number };
  dask: { whole: number; inProcess: number };
  rivals: Record<Rival, { whole: number; inProcess: number }>;
}

export async function runDataframeSection(ctx: DataframeContext): Promise<CellsTable> {
  const workspace = makeDfWorkspace();
  try {
    const floors = {} as Record<DfInput, number>;
    for (const input of INPUTS) {
      ctx.log(`dataframe: floor (${input})`);
      floors[input] = median((await measureFloor(workspace.dataFiles[input], ctx.repeat)).seconds);
    }
    const rows: CellsRow[] = [];
    const approximations: string[] = [];
    for (const query of DF_QUERIES) {
      for (const input of INPUTS) {
        const measured = await measureQuery(query, input, workspace, ctx);
        rows.push(tableRow(`${query.name} (${input})`, measured.medians, measured.missingOps, floors[input]));
        if (measured.approximated) approximations.push(`${query.name} (${input}): ${measured.approximated}`);
      }
    }
    return {
      title: `DataFrame queries (KDD Cup 10%, gz: 1 partition; plain: blocksize ${PLAIN_BLOCKSIZE}), medians of ${ctx.repeat} runs`,
      columns: COLUMNS,
      rows,
      notes: [
        `(s): whole process, started fresh per run: \`node bin/weft.js run FILE --json\`; dask_run.py (threads) under /usr/bin/python3; a node script per engine (test/bench/duckdb-run.ts, polars-run.ts).`,
        `weft warm: runPipeline in-process on the shared ${ctx.executor.name} executor (${ctx.executor.capacity} workers) after one untimed run; in-proc: later runs in one process, the first dropped. Ratios are of whole-process medians.`,
        `floor: ${INPUTS.map((i) => `${i} ${floors[i].toFixed(3)} s`).join(', ')} (\`gunzip -c | wc -l\`, \`wc -l\` for the plain copy, process start-up included).`,
        `${RIVALS.map((r) => `${RIVAL_NAMES[r]} ${packageVersion(RIVAL_PACKAGES[r])}`).join(', ')}; answers checked: Weft's equal Dask's JSON, DuckDB's and Polars' Dask's rows as sets (floats to 1e-9 relative).`,
        ...approximations.map((a) => `not held to Dask: ${a}`),
      ],
    };
  } finally {
    workspace.dispose();
  }
}

async function measureQuery(query: DfBenchQuery, input: DfInput, workspace: DfWorkspace, ctx: DataframeContext) {
  const label = `${query.name} (${input})`;
  const file = workspace.pipelineFile(query.name, input);
  // Read as plain JSON first: loading validates, and fails on an op this build does not register.
  const nodes = (JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: Array<{ op: string }> }).nodes;
  const missingOps = [...new Set(nodes.map((n) => n.op))].filter((op) => !OPERATIONS.has(op));

  ctx.log(`dataframe: ${label}: dask in-process`);
  const daskInProcess = await runDask(file, ctx.repeat + 1);
  const outputs = Object.keys(daskInProcess.results);
  if (outputs.length !== 1) throw new Error(`${label}: a bench query has one output, Dask gave ${outputs.length}`);
  const [output] = outputs;
  const daskValue = daskInProcess.results[output];
  ctx.log(`dataframe: ${label}: dask whole process`);
  const daskWhole = await timeRepeated(ctx.repeat, () => runDask(file, 1));

  let weft: QueryMedians['weft'];
  if (missingOps.length === 0) {
    const checkWeft = (how: string, results: Record<string, unknown>) => {
      const difference = firstDifference(results[output], daskValue);
      if (difference) throw new ResultMismatchError(`${label}: Weft (${how}) differs from Dask at ${difference}`);
    };
    ctx.log(`dataframe: ${label}: weft whole process`);
    const whole = await timeRepeated(ctx.repeat, () => runWeftCli(file));
    whole.values.forEach((results) => checkWeft('weft run', results));
    ctx.log(`dataframe: ${label}: weft warm`);
    const pipeline = loadPipelineFile(file);
    const run = () => runPipeline(pipeline, { baseDir: workspace.dir, executor: ctx.executor });
    checkWeft('in-process', resultsAsJson((await run()).results));
    const warm = await timeRepeated(ctx.repeat, run);
    warm.values.forEach((r) => checkWeft('in-process', resultsAsJson(r.results)));
    weft = { whole: median(whole.seconds), warm: median(warm.seconds) };
  }

  const manyPartitions = (daskInProcess.npartitions.kdd ?? 1) > 1;
  const skipRows = manyPartitions ? (query.approximateOnManyPartitions?.rows ?? []) : [];
  const expected = daskAnswer(JSON.parse(daskInProcess.rawResult) as unknown);
  const rivals = {} as QueryMedians['rivals'];
  for (const rival of RIVALS) {
    const check = (answer: DfAnswer) => {
      const difference = answerDifference(answer, expected, skipRows);
      if (difference) throw new ResultMismatchError(`${label}: ${RIVAL_NAMES[rival]} differs from Dask: ${difference}`);
    };
    ctx.log(`dataframe: ${label}: ${rival} whole process`);
    const whole = await timeRepeated(ctx.repeat, () => runRival(rival, query.name, file, 1));
    whole.values.forEach((v) => check(v.answer));
    ctx.log(`dataframe: ${label}: ${rival} in-process`);
    const inProcess = await runRival(rival, query.name, file, ctx.repeat + 1);
    check(inProcess.answer);
    rivals[rival] = { whole: median(whole.seconds), inProcess: median(inProcess.seconds.slice(1)) };
  }

  const medians: QueryMedians = { weft, dask: { whole: median(daskWhole.seconds), inProcess: median(daskInProcess.seconds.slice(1)) }, rivals };
  const approximated = skipRows.length ? `${RIVAL_NAMES.duckdb}'s and ${RIVAL_NAMES.polars}' rows ${skipRows.join(', ')}, as ${query.approximateOnManyPartitions?.why}` : undefined;
  return { medians, missingOps, approximated };
}

function tableRow(name: string, m: QueryMedians, missingOps: readonly string[], floor: number): CellsRow {
  const s = (seconds: number) => seconds.toFixed(3);
  const rivalCells = RIVALS.flatMap((r) => [s(m.rivals[r].whole), s(m.rivals[r].inProcess)]);
  const dask = [s(m.dask.whole), s(m.dask.inProcess)];
  if (!m.weft) {
    const na = 'op n/a';
    return { name, cells: [na, na, ...dask, ...rivalCells, na, na, na], target: `op not available: ${missingOps.join(', ')}`, ok: false };
  }
  const weft = m.weft.whole;
  const ratio = (seconds: number) => `${(seconds / weft).toFixed(2)}x`;
  const verdict = judge(TARGET, { weft, dask: m.dask.whole, floor, rivals: Object.fromEntries(RIVALS.map((r) => [RIVAL_NAMES[r], m.rivals[r].whole])) });
  return {
    name,
    cells: [s(weft), s(m.weft.warm), ...dask, ...rivalCells, ratio(m.dask.whole), ...RIVALS.map((r) => ratio(m.rivals[r].whole))],
    ...verdict,
  };
}

interface DaskRun {
  results: Record<string, unknown>;
  /** The one output's JSON text, for the rivals' check (plain JSON.parse, no float marks). */
  rawResult: string;
  npartitions: Record<string, number>;
  seconds: number[];
}

/** dask_run.py with the threaded scheduler, `repeat` runs in one process; a Dask failure is the bench's bug. */
async function runDask(file: string, repeat: number): Promise<DaskRun> {
  const out = await runOnDask(file, { scheduler: 'threads', repeat });
  const e = out.parsed.error;
  if (e) throw new Error(`${path.basename(file)}: Dask failed: ${e.type}: ${e.message}${e.node ? ` (node '${e.node}')` : ''}`);
  const results = (parseJsonKeepingFloats(out.text) as { results: Record<string, unknown> }).results;
  const plainResults = out.parsed.results ?? {};
  return { results, rawResult: JSON.stringify(Object.values(plainResults)[0]), npartitions: out.parsed.npartitions ?? {}, seconds: out.parsed.seconds ?? [] };
}

/** One rival engine's script (compiled beside this file) as a fresh process. */
function runRival(rival: Rival, query: string, file: string, repeat: number): Promise<{ answer: DfAnswer; seconds: number[] }> {
  const script = path.join(HERE, `${rival}-run.js`);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [script, query, file, '--repeat', String(repeat)], { maxBuffer: CHILD_BUFFER }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${RIVAL_NAMES[rival]} on ${path.basename(file)} failed: ${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as { answer: DfAnswer; seconds: number[] });
    });
  });
}

function packageVersion(name: string): string {
  const file = path.join(REPO_ROOT, 'node_modules', name, 'package.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version : '(not installed)';
}
