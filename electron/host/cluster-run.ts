/**
 * A run of the whole pipeline on a Dask cluster (the app's "Run on Dask cluster..."), reported with a local run's
 * events so the canvas shows it the same way. Policy:
 * - Dask's progress bar gives one share of tasks done for the whole run, not per node, so every node shows that share
 *   (`on-cluster`), at most one progress message per interval (110 ms: under ten a second, as local runs).
 * - Results come back whole from the cluster; the canvas shows them as it shows a local run's: an item's value, a
 *   bag's first elements with its partition count (the planned count, which is Dask's: Weft partitions as Dask does).
 * - A worker's exception is a failure of the node it came from, in place; a failure without a node (an unreachable
 *   scheduler, an interpreter without Dask) is the run's. Cancelling stops the interpreter and is not a failure.
 */
import { COLLECTIONS, planPipeline, runOnDaskCluster, WeftError, type PipelineFile } from '../../engine/index.js';
import type { HostEvent, NodeResult, NodeState } from '../ipc/contract.js';
import { findProblems } from './problems.js';
import { fileErrorReason } from './write-file.js';
import { outputKind, PREVIEW_LIMIT } from './runs.js';
import { previewOf, showValue } from './show-value.js';

/** The app's words for choosing another interpreter: the field of the Run on Dask cluster dialog, not a CLI flag. */
export const INTERPRETER_ADVICE = 'choose another in the Python interpreter field of Run on Dask cluster…';

function cut(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

export interface ClusterRunRequest {
  runId: string;
  pipeline: PipelineFile;
  baseDir: string;
  address: string;
  python: string;
  signal: AbortSignal;
  emit(event: HostEvent): void;
  progressIntervalMs: number;
}

export async function executeClusterRun(request: ClusterRunRequest): Promise<void> {
  const { runId, pipeline, baseDir, address, signal, emit } = request;
  const started = Date.now();
  const end = (fields: Omit<Extract<HostEvent, { kind: 'run-end' }>, 'kind' | 'runId' | 'elapsedMs' | 'tasks' | 'spilledBytes' | 'warnings'>) =>
    emit({ kind: 'run-end', runId, elapsedMs: Date.now() - started, tasks: {}, spilledBytes: 0, warnings: [], ...fields });
  const problems = findProblems(pipeline, baseDir);
  if (problems.length > 0) {
    end({ status: 'invalid', nodes: {}, results: {}, problems });
    return;
  }
  const everyNode = (state: NodeState) => Object.fromEntries(pipeline.nodes.map((n) => [n.id, state]));
  emit({ kind: 'run-start', runId, tasks: 0, scheduler: `dask.distributed at ${address}`, workers: 0, nodes: everyNode({ kind: 'on-cluster', percent: 0 }) });

  let lastSent = 0;
  let pending: number | null = null;
  let timer: NodeJS.Timeout | null = null;
  const send = () => {
    timer = null;
    if (pending === null || signal.aborted) return;
    lastSent = Date.now();
    emit({ kind: 'run-progress', runId, nodes: everyNode({ kind: 'on-cluster', percent: pending }), tasks: {}, memoryBytes: process.memoryUsage().rss, spilledBytes: 0 });
    pending = null;
  };
  const onProgress = (fraction: number) => {
    pending = Math.floor(fraction * 100);
    timer ??= setTimeout(send, Math.max(0, lastSent + request.progressIntervalMs - Date.now()));
  };
  try {
    const values = await runOnDaskCluster({ pipeline, baseDir, address, python: request.python, onProgress, signal, interpreterAdvice: INTERPRETER_ADVICE });
    if (signal.aborted) {
      end({ status: 'cancelled', nodes: {}, results: {} });
      return;
    }
    const npartitions = planPipeline(pipeline, { baseDir }).optimized.npartitions;
    const results: Record<string, NodeResult> = {};
    for (const [id, value] of Object.entries(values)) {
      const kind = outputKind(pipeline, id);
      // A cluster run computes each output whole: the panel shows the first elements, as a local run's preview does.
      results[id] = COLLECTIONS.get(kind)?.preview ? previewOf(Array.isArray(value) ? value.slice(0, PREVIEW_LIMIT) : value, kind, npartitions[id] ?? 0, PREVIEW_LIMIT) : { kind: 'item', value: showValue(value) };
    }
    end({ status: 'done', nodes: everyNode({ kind: 'on-cluster', percent: 100 }), results });
  } catch (e) {
    if (signal.aborted) {
      end({ status: 'cancelled', nodes: {}, results: {} });
      return;
    }
    // Node throws some spawn failures (a name too long) instead of reporting them: they are the interpreter's too.
    const code = e instanceof WeftError ? e.code : 'CLUSTER';
    const message = e instanceof WeftError ? e.message : `cannot start the Python interpreter '${cut(request.python)}': ${fileErrorReason(e)}`;
    const nodeId = e instanceof WeftError ? e.context.nodeId : undefined;
    const nodes = everyNode({ kind: 'idle' });
    if (nodeId) nodes[nodeId] = { kind: 'failed', message };
    end({ status: 'failed', nodes, results: {}, error: { code, message, ...(nodeId ? { nodeId } : {}) } });
  } finally {
    if (timer) clearTimeout(timer);
  }
}
