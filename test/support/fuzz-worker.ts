/**
 * The fuzz test's in-process cases (in-process for the engine: its API called directly), run in a child process the
 * test forks and watches, so that a case that blocks the thread (an endless loop) or runs V8 out of heap (a plan too
 * large: fatal to the whole process, worker threads included) is reported with its input instead of taking the test
 * down. For each case it sends `case` (the input) before and `ok` or `failure` after; `done` at the end.
 *
 * - `validate`: generated files (hostile) through validatePipeline, and planPipeline when valid.
 * - `run`: well-typed files that validate and plan, through runPipeline on the sync scheduler under a time budget.
 */
import fc from 'fast-check';
import { planPipeline, runPipeline, validatePipeline, type PipelineFile } from '../../engine/index.js';
import { engineProblem, pipelineArb } from './fuzz-pipelines.js';

/** What the test sends the worker. */
export interface FuzzJob {
  part: 'validate' | 'run';
  seed: number;
  cases: number;
  dir: string;
  runBudgetMs: number;
}

/** What the worker posts back. */
export type FuzzMessage = { kind: 'case'; index: number; input: unknown } | { kind: 'failure'; index: number; problem: string; input: unknown } | { kind: 'ok'; index: number } | { kind: 'done'; cases: number };

const job = JSON.parse(process.env.WEFT_FUZZ_JOB ?? '{}') as FuzzJob;
const post = (m: FuzzMessage) => process.send!(m);

function validateAndPlan(doc: unknown): string | null {
  let validation;
  try {
    validation = validatePipeline(doc);
  } catch (e) {
    return `validatePipeline threw: ${(e as Error)?.stack ?? e}`;
  }
  for (const error of validation.errors) {
    const problem = engineProblem(error);
    if (problem) return `validation: ${problem}`;
  }
  if (!validation.pipeline) return null;
  try {
    planPipeline(validation.pipeline, { baseDir: job.dir });
  } catch (e) {
    const problem = engineProblem(e);
    if (problem) return `planning: ${problem}`;
  }
  return null;
}

/** Well-typed pipelines that validate and plan; sampled in rounds until there are enough. */
function runnable(): PipelineFile[] {
  const found: PipelineFile[] = [];
  for (let round = 0; found.length < job.cases && round < 20; round++) {
    for (const doc of fc.sample(pipelineArb(false), { seed: job.seed + 1 + round, numRuns: job.cases * 2 })) {
      const { pipeline } = validatePipeline(doc);
      if (!pipeline) continue;
      try {
        planPipeline(pipeline, { baseDir: job.dir });
      } catch {
        continue;
      }
      found.push(pipeline);
      if (found.length === job.cases) break;
    }
  }
  return found;
}

if (job.part === 'validate') {
  fc.sample(pipelineArb(true), { seed: job.seed, numRuns: job.cases }).forEach((doc, index) => {
    post({ kind: 'case', index, input: doc });
    const problem = validateAndPlan(doc);
    post(problem ? { kind: 'failure', index, problem, input: doc } : { kind: 'ok', index });
  });
  post({ kind: 'done', cases: job.cases });
} else {
  const pipelines = runnable();
  for (const [index, pipeline] of pipelines.entries()) {
    post({ kind: 'case', index, input: pipeline });
    const signal = AbortSignal.timeout(job.runBudgetMs);
    let problem: string | null = null;
    try {
      await runPipeline(pipeline, { baseDir: job.dir, scheduler: 'sync', signal });
    } catch (e) {
      problem = signal.aborted ? `no result within ${job.runBudgetMs} ms (a hang)` : engineProblem(e);
    }
    post(problem ? { kind: 'failure', index, problem, input: pipeline } : { kind: 'ok', index });
  }
  post({ kind: 'done', cases: pipelines.length });
}
// The test ends this process once it has read `done`: leaving here could drop messages still queued.
