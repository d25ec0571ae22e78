/**
 * Run all, run up to the selected nodes, cancel, and the run's events. A document with problems does not start a
 * run: the run bar explains what to fix instead. Node states and task states follow the host's batched progress.
 */
import type { HostEvent, NodeState } from '../../electron/ipc/contract.js';
import { errorText, getApi } from '../api/api.js';
import { useDocument } from '../store/document-store.js';
import { nodeSignatures } from '../node-signature.js';
import { refreshTaskGraph } from './task-graph.js';
import { revalidate } from './revalidate.js';
import { problemsText } from './stale-messages.js';

export function isRunning(): boolean {
  const run = useDocument.getState().run;
  return run !== null && (run.status === 'starting' || run.status === 'running');
}

/**
 * Each node's state as a run starts, for the nodes the run does not report: a node whose last run finished it and
 * that has not changed since keeps that state, as it keeps its result (len below a run-to-selected target still shows
 * its count, and says done, not idle beside it); any other node is idle.
 */
function statesBeforeRun(): Record<string, NodeState> {
  const { pipeline, nodeStates, stateSignatures } = useDocument.getState();
  const signatures = nodeSignatures(pipeline);
  const states: Record<string, NodeState> = {};
  for (const n of pipeline.nodes) {
    const last = nodeStates[n.id];
    const isFinished = last !== undefined && (last.kind === 'done' || last.kind === 'cached' || (last.kind === 'on-cluster' && last.percent >= 100));
    states[n.id] = isFinished && stateSignatures[n.id] === signatures[n.id] ? last : { kind: 'idle' };
  }
  return states;
}

/** The states of the nodes outside the current run (see statesBeforeRun), taken when it starts. */
let statesOutsideRun: Record<string, NodeState> = {};

/** Every node as the run has not (yet) reported it: as it was when the run started, or idle. */
function outsideRunStates(): Record<string, NodeState> {
  const states: Record<string, NodeState> = {};
  for (const n of useDocument.getState().pipeline.nodes) states[n.id] = statesOutsideRun[n.id] ?? { kind: 'idle' };
  return states;
}

/** Whether the document can run now; if not, the run bar says why. */
export function isReadyToRun(): boolean {
  if (isRunning()) return false;
  const { pipeline, problems } = useDocument.getState();
  if (pipeline.nodes.length === 0) {
    useDocument.setState({ runMessage: { kind: 'error', text: 'Cannot run: the canvas is empty. Drag an operation from the palette to start.', cause: { kind: 'empty-canvas' } } });
    return false;
  }
  if (problems.length > 0) {
    useDocument.setState({ runMessage: { kind: 'error', text: problemsText(problems.length), problems, cause: { kind: 'problems' } } });
    return false;
  }
  return true;
}

/** True while Run re-checks the document: a second Run (a double click) in that moment must not start another. */
let isChecking = false;

export async function startRun(targets?: string[]): Promise<void> {
  if (isRunning() || isChecking) return;
  // The data files may have appeared (or gone) since the last check: a run goes by the disk as it is now.
  isChecking = true;
  try {
    await revalidate();
  } finally {
    isChecking = false;
  }
  if (!isReadyToRun()) return;
  const { pipeline, baseDir } = useDocument.getState();
  statesOutsideRun = statesBeforeRun();
  // States and results that arrive belong to the pipeline as it is now, whatever is edited while it runs.
  useDocument.setState({ run: { runId: '', status: 'starting', tasks: 0, targets }, runMessage: null, nodeStates: outsideRunStates(), taskStates: {}, spilledBytes: 0, stateSignatures: nodeSignatures(pipeline) });
  try {
    const { runId } = await getApi().request('startRun', { pipeline, baseDir, targets });
    const run = useDocument.getState().run;
    if (run && run.runId === '') useDocument.setState({ run: { ...run, runId } });
    void refreshTaskGraph(targets);
  } catch (e) {
    useDocument.setState({ run: null, runMessage: { kind: 'error', text: `Cannot start the run: ${errorText(e)}` } });
  }
}

export function runSelected(): void {
  const { selection } = useDocument.getState();
  if (selection.length === 0) {
    useDocument.setState({ runMessage: { kind: 'error', text: 'Select the node to run up to first.', cause: { kind: 'no-selection' } } });
    return;
  }
  void startRun(selection);
}

export async function cancelRun(): Promise<void> {
  const run = useDocument.getState().run;
  if (!run || !isRunning() || !run.runId) return;
  await getApi().request('cancelRun', { runId: run.runId });
}

/** Applies a host event to the store. */
export function onHostEvent(event: HostEvent): void {
  const state = useDocument.getState();
  if (event.kind === 'menu') return;
  // Events of a run started by another window of the same host (another browser tab) are not this document's.
  if (state.run && state.run.runId !== '' && state.run.runId !== event.runId) return;
  switch (event.kind) {
    case 'run-start':
      useDocument.setState({ run: { runId: event.runId, status: 'running', tasks: event.tasks, targets: state.run?.targets, cluster: state.run?.cluster }, nodeStates: { ...outsideRunStates(), ...event.nodes } });
      return;
    case 'run-progress':
      useDocument.setState({
        nodeStates: { ...state.nodeStates, ...event.nodes },
        taskStates: { ...state.taskStates, ...event.tasks },
        memoryBytes: event.memoryBytes,
        spilledBytes: event.spilledBytes,
      });
      return;
    case 'run-end': {
      const run = { runId: event.runId, status: event.status, tasks: state.run?.tasks ?? 0, elapsedMs: event.elapsedMs, targets: state.run?.targets, cluster: state.run?.cluster };
      const taskStates = { ...state.taskStates, ...event.tasks };
      if (event.status === 'cancelled') {
        useDocument.setState({ run, taskStates, nodeStates: outsideRunStates(), runMessage: { kind: 'info', text: 'Run cancelled.' } });
        return;
      }
      if (event.status === 'invalid') {
        useDocument.setState({ run, nodeStates: outsideRunStates(), problems: event.problems ?? state.problems, runMessage: { kind: 'error', text: problemsText(event.problems?.length ?? 0), problems: event.problems ?? state.problems, cause: { kind: 'problems' } } });
        return;
      }
      const seconds = (event.elapsedMs / 1000).toFixed(2);
      const text =
        event.status === 'done'
          ? `Run${run.cluster ? ` on the Dask cluster at ${run.cluster}` : ''} finished in ${seconds} s${event.warnings.length ? ` — ${event.warnings.join('; ')}` : ''}`
          : `Run failed${event.error?.nodeId ? ` at node ${event.error.nodeId}` : ''}: ${event.error?.message ?? 'unknown error'}`;
      const resultSignatures = { ...state.resultSignatures };
      for (const id of Object.keys(event.results)) resultSignatures[id] = state.stateSignatures[id];
      useDocument.setState({
        run,
        taskStates,
        nodeStates: { ...outsideRunStates(), ...event.nodes },
        results: { ...state.results, ...event.results },
        resultSignatures,
        spilledBytes: event.spilledBytes,
        runMessage: event.status === 'done' ? { kind: 'info', text } : { kind: 'error', text, cause: { kind: 'run-failed', nodeId: event.error?.nodeId, signatures: state.stateSignatures } },
      });
    }
  }
}
