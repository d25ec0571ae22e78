/**
 * The pipeline fuzz test (issue 10, "Systematic"): seeded fast-check generates pipeline files a hostile or careless
 * user could write — random operations from OPERATIONS with params of the right type, the wrong type, extreme
 * numbers and odd strings; nodes deleted, duplicated and re-wired; expressions mutated character by character — and
 * pushes them through the engine API in-process (validatePipeline, planPipeline, and runPipeline on small data under
 * a time budget) and, fewer of them, through `weft check` / `weft run` as child processes.
 *
 * The property, everywhere: no internal error, stack trace or JavaScript message ("is not a function",
 * "undefined", "Cannot read properties"), no hang past the budget, no dead process; only a result, or a WeftError
 * with a code (the CLI: exit 0, 1 or 2) whose message names the node or the field. A failure prints the seed, the
 * case's index and the pipeline, so `WEFT_FUZZ_SEED=<seed> node --test dist/test/integration/pipeline-fuzz.test.js`
 * reproduces it. WEFT_FUZZ_SCALE=<factor> runs more (or fewer) cases. The in-process cases run in a worker thread
 * with a heap limit, watched from here: a case that blocks its thread or exhausts its heap fails with its input too.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { runCli } from '../support/run-cli.js';
import { JS_NOISE, NAMES_PLACE, pipelineArb, show, writeFuzzData } from '../support/fuzz-pipelines.js';
import type { FuzzJob, FuzzMessage } from '../support/fuzz-worker.js';

const SEED = Number(process.env.WEFT_FUZZ_SEED ?? 20261202);
const SCALE = Number(process.env.WEFT_FUZZ_SCALE ?? 1);
const VALIDATE_CASES = Math.round(10_000 * SCALE);
// Each run starts its own worker thread on main (the sync scheduler too): about 80 ms apiece on 2 cores.
const RUN_CASES = Math.round(600 * SCALE);
const CLI_CASES = Math.round(150 * SCALE);
/** A run of these small inputs takes milliseconds; past this it is hanging. */
const RUN_BUDGET_MS = 10_000;
/** A case whose thread has said nothing for this long is blocked (the run budget cannot fire on a blocked thread). */
const CASE_BUDGET_MS = 20_000;
const CLI_BUDGET_MS = 30_000;
/** The worker's heap: a plan or a value past this is a failure of the case, not the death of the test. */
const WORKER_HEAP_MB = 1024;

/** Runs one part of the in-process fuzz in a watched child process; resolves to the failures, each with seed and input. */
function runInWorker(job: FuzzJob): Promise<{ failures: string[]; cases: number }> {
  return new Promise((resolve) => {
    const worker = fork(fileURLToPath(new URL('../support/fuzz-worker.js', import.meta.url)), [], {
      env: { ...process.env, WEFT_FUZZ_JOB: JSON.stringify(job) },
      execArgv: [`--max-old-space-size=${WORKER_HEAP_MB}`],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let fatal = '';
    worker.stderr!.on('data', (d) => (fatal ||= /FATAL ERROR[^\n]*|\w*Error: [^\n]*/.exec(String(d))?.[0] ?? ''));
    const failures: string[] = [];
    let current: { index: number; input: unknown } | null = null;
    let finished = false;
    const describeCase = (c: { index: number; input: unknown }) => `${job.part} #${c.index} (seed ${job.seed})`;
    let watchdog = setTimeout(() => undefined, 0);
    const rearm = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        if (current) failures.push(`${describeCase(current)}: its thread was blocked for ${CASE_BUDGET_MS} ms (a hang)\n  pipeline: ${show(current.input)}`);
        worker.kill('SIGKILL');
      }, CASE_BUDGET_MS);
    };
    rearm();
    worker.on('message', (m: FuzzMessage) => {
      rearm();
      if (m.kind === 'case') current = { index: m.index, input: m.input };
      else if (m.kind === 'failure') failures.push(`${job.part} #${m.index} (seed ${job.seed}): ${m.problem}\n  pipeline: ${show(m.input)}`);
      else if (m.kind === 'done') {
        finished = true;
        clearTimeout(watchdog);
        worker.kill();
        resolve({ failures, cases: m.cases });
      }
    });
    worker.on('exit', (code, signal) => {
      clearTimeout(watchdog);
      if (finished) return;
      // Out of heap, or a throw outside any case's checks: the case in hand is the culprit.
      if (signal !== 'SIGKILL' || !current) failures.push(`${current ? describeCase(current) : `${job.part} (seed ${job.seed}), before its first case`}: the process died (exit ${code}, ${signal ?? 'no signal'}): ${fatal || 'no message'}${current ? `\n  pipeline: ${show(current.input)}` : ''}`);
      resolve({ failures, cases: (current?.index ?? -1) + 1 });
    });
  });
}

async function inPool<T>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const i = next++;
        await work(items[i], i);
      }
    }),
  );
}

describe(`pipeline fuzz (seed ${SEED})`, () => {
  let dir = '';
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-fuzz-'));
    writeFuzzData(dir);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test(`${VALIDATE_CASES} mutated pipelines validate and plan to a result or a WeftError naming the node or field`, { timeout: 300_000 }, async () => {
    const { failures, cases } = await runInWorker({ part: 'validate', seed: SEED, cases: VALIDATE_CASES, dir, runBudgetMs: RUN_BUDGET_MS });
    assert.deepEqual(failures, [], `\n${failures.join('\n')}`);
    assert.equal(cases, VALIDATE_CASES);
  });

  test(`${RUN_CASES} runnable ones run in-process within ${RUN_BUDGET_MS / 1000} s each, to results or a clean WeftError`, { timeout: 300_000 }, async () => {
    const { failures, cases } = await runInWorker({ part: 'run', seed: SEED, cases: RUN_CASES, dir, runBudgetMs: RUN_BUDGET_MS });
    assert.deepEqual(failures, [], `\n${failures.join('\n')}`);
    assert.ok(cases >= RUN_CASES / 2, `only ${cases} runnable pipelines were generated`);
  });
  test(`${CLI_CASES} files through weft check and weft run: exit 0, 1 or 2 with a clean message`, { timeout: 300_000 }, async () => {
    // Half hostile (validation's refusals), half well-typed (runs that reach the kernels).
    const docs = fc.sample(pipelineArb(true), { seed: SEED + 100, numRuns: CLI_CASES }).map((d, i) => (i % 2 ? d : fc.sample(pipelineArb(false), { seed: SEED + 200 + i, numRuns: 1 })[0]));
    // Some files are not even JSON, as a hand edit can leave them.
    const texts = docs.map((doc, i) => {
      const text = JSON.stringify(doc, null, 2);
      return i % 10 === 7 ? text.slice(0, Math.max(1, (i * 37) % text.length)) : i % 10 === 8 ? text + '\n,}' : text;
    });
    const failures: string[] = [];
    await inPool(texts, 3, async (text, i) => {
      const file = path.join(dir, `case-${i}.weft.json`);
      fs.writeFileSync(file, text);
      for (const args of [['check', file], ['run', file, '--scheduler', i % 2 ? 'sync' : 'threads', '--workers', '2']]) {
        const started = Date.now();
        const r = await runCli(args, { cwd: dir, timeoutMs: CLI_BUDGET_MS });
        const where = `weft ${args[0]} #${i} (seed ${SEED})`;
        const took = Date.now() - started;
        if (r.signal || r.code === null) failures.push(`${where}: killed by ${r.signal ?? 'the time budget'} after ${took} ms\n  file: ${text}`);
        else if (![0, 1, 2].includes(r.code)) failures.push(`${where}: exit ${r.code}\n  stderr: ${r.stderr}\n  file: ${text}`);
        else if (JS_NOISE.test(r.stderr)) failures.push(`${where}: a JavaScript message or stack: ${r.stderr}\n  file: ${text}`);
        else if (r.code !== 0 && !(NAMES_PLACE.test(r.stderr) || r.stderr.includes(file))) failures.push(`${where}: exit ${r.code} naming neither node, field nor file: ${r.stderr}\n  file: ${text}`);
        if (r.code === 2) break;
      }
    });
    assert.deepEqual(failures, [], `\n${failures.join('\n\n')}`);
  });
});
