/**
 * The window's state in one zustand store: the document (a pipeline file, the same shape the engine reads), its
 * undo history, the selection, what the host said about it (problems, node states, results) and the run.
 * Edits go through {@link DocumentStore.edit}, which records them in history; everything else is not undoable.
 * History keeps whole snapshots of the document: documents are small, and a snapshot cannot drift from the file.
 */
import { create } from 'zustand';
import type { AppInfo, CollectionInfo, PortKind, NodeResult, NodeSchema, NodeState, OperationInfo, PipelineFile, Problem, TaskGraphView, TaskState } from '../../electron/ipc/contract.js';

/** How many edits undo can go back. */
const HISTORY_LIMIT = 200;

export interface HistoryEntry {
  pipeline: PipelineFile;
  label: string;
}

export interface RunInfo {
  runId: string;
  status: 'starting' | 'running' | 'done' | 'failed' | 'cancelled' | 'invalid';
  tasks: number;
  elapsedMs?: number;
  targets?: string[];
  /** The scheduler address of a run on a Dask cluster; absent for a run on Weft's engine. */
  cluster?: string;
}

/**
 * What a run bar message is about, so that it goes when its cause does (stale-messages.ts): the canvas gets a node,
 * the problems are fixed, the node that failed (or anything, for a failure without a node) is edited.
 */
export type RunMessageCause =
  | { kind: 'empty-canvas' }
  | { kind: 'problems' }
  | { kind: 'no-selection' }
  | { kind: 'run-failed'; nodeId?: string; signatures: Record<string, string> };

/** A message of the run bar: why a run did not start, failed, or what it did. */
export interface RunMessage {
  kind: 'error' | 'info';
  text: string;
  problems?: Problem[];
  cause?: RunMessageCause;
}

export interface DocumentState {
  info: AppInfo | null;
  ops: Map<string, OperationInfo>;
  /** The port kinds' words, by kind (from the host's descriptors). */
  collections: Map<PortKind, CollectionInfo>;
  pipeline: PipelineFile;
  path: string | null;
  baseDir: string;
  /** The document as last opened or saved, to tell whether it has unsaved changes. */
  savedJson: string;
  past: HistoryEntry[];
  future: HistoryEntry[];
  /** Consecutive edits with the same merge key (typing in one field) are one undo step. */
  lastMergeKey: string | null;
  selection: string[];
  /** A selected connection, `target:port`, which Delete removes. */
  selectedEdge: { target: string; port: number } | null;
  measured: Record<string, { width: number; height: number }>;
  problems: Problem[];
  /** What each DataFrame and Series node makes, from the host's last analysis of the document. */
  schemas: Record<string, NodeSchema>;
  nodeStates: Record<string, NodeState>;
  results: Record<string, NodeResult>;
  /** Node signatures (node-signature.ts) when the latest run started: its states hold while they match. */
  stateSignatures: Record<string, string>;
  /** The signature each node had in the run that gave its result. */
  resultSignatures: Record<string, string>;
  run: RunInfo | null;
  runMessage: RunMessage | null;
  /** A short message near the canvas, such as why a connection was refused; a sticky one stays until dismissed. */
  notice: { text: string; at: number; isSticky?: boolean } | null;
  /** The sample a document was opened from (untitled until saved), or null. */
  sampleFile: string | null;
  taskGraph: TaskGraphView | null;
  taskGraphError: string | null;
  taskStates: Record<string, TaskState>;
  memoryBytes: number;
  spilledBytes: number;
  autosavedAt: number | null;
  /** Whether the document has changed since the last autosave finished. */
  isAutosavePending: boolean;
  recoveredAt: number | null;
  /** Counts documents loaded (open, new, recovery): the canvas fits a new document in view. */
  docVersion: number;
}

export const EMPTY_PIPELINE: PipelineFile = { weft: 1, name: 'Untitled', nodes: [], layout: {} };

export const useDocument = create<DocumentState>(() => ({
  info: null,
  ops: new Map(),
  collections: new Map(),
  pipeline: EMPTY_PIPELINE,
  path: null,
  baseDir: '/',
  savedJson: JSON.stringify(EMPTY_PIPELINE),
  past: [],
  future: [],
  lastMergeKey: null,
  selection: [],
  selectedEdge: null,
  measured: {},
  problems: [],
  schemas: {},
  nodeStates: {},
  results: {},
  stateSignatures: {},
  resultSignatures: {},
  run: null,
  runMessage: null,
  notice: null,
  sampleFile: null,
  taskGraph: null,
  taskGraphError: null,
  taskStates: {},
  memoryBytes: 0,
  spilledBytes: 0,
  autosavedAt: null,
  isAutosavePending: false,
  recoveredAt: null,
  docVersion: 0,
}));

/** Applies an undoable edit to the document. */
export function edit(label: string, change: (pipeline: PipelineFile) => PipelineFile, mergeKey: string | null = null): void {
  const state = useDocument.getState();
  const next = change(state.pipeline);
  if (next === state.pipeline) return;
  const merge = mergeKey !== null && mergeKey === state.lastMergeKey;
  useDocument.setState({
    pipeline: next,
    past: merge ? state.past : [...state.past, { pipeline: state.pipeline, label }].slice(-HISTORY_LIMIT),
    future: [],
    lastMergeKey: mergeKey,
  });
}

/** Ends merging: the next edit of the same field is a new undo step (called when a field loses focus). */
export function breakMerge(): void {
  useDocument.setState({ lastMergeKey: null });
}

/** Replaces the document (open, new, recovery): history starts over. */
export function loadDocument(pipeline: PipelineFile, path: string | null, baseDir: string, options: { problems?: Problem[]; isDirty?: boolean; sampleFile?: string } = {}): void {
  const { run } = useDocument.getState();
  const isRunActive = run !== null && (run.status === 'starting' || run.status === 'running');
  useDocument.setState({
    // The last run was another document's: the status bar must not report it for this one (a run still going
    // stays, so that it can be cancelled).
    ...(isRunActive ? {} : { run: null, spilledBytes: 0 }),
    sampleFile: options.sampleFile ?? null,
    pipeline,
    path,
    baseDir,
    savedJson: options.isDirty ? '' : JSON.stringify(pipeline),
    past: [],
    future: [],
    lastMergeKey: null,
    selection: [],
    problems: options.problems ?? [],
    schemas: {},
    nodeStates: {},
    results: {},
    stateSignatures: {},
    resultSignatures: {},
    runMessage: null,
    taskGraph: null,
    taskGraphError: null,
    taskStates: {},
    recoveredAt: null,
    docVersion: useDocument.getState().docVersion + 1,
  });
}

/** The state and result of a node as the canvas shows them: those of the last run, unless the node changed since. */
export function currentOutcome(state: Pick<DocumentState, 'nodeStates' | 'results' | 'stateSignatures' | 'resultSignatures'>, id: string, signatures: Record<string, string>): { state: NodeState; result: NodeResult | undefined } {
  const isStateCurrent = state.stateSignatures[id] === signatures[id];
  return {
    state: isStateCurrent ? (state.nodeStates[id] ?? { kind: 'idle' }) : { kind: 'idle' },
    result: state.resultSignatures[id] === signatures[id] ? state.results[id] : undefined,
  };
}

export function isDirty(state: Pick<DocumentState, 'pipeline' | 'savedJson'>): boolean {
  return JSON.stringify(state.pipeline) !== state.savedJson;
}

/** Shows a notice; a sticky one (holding something to act on, such as copy instructions) stays until dismissed. */
export function notify(text: string, options: { isSticky?: boolean } = {}): void {
  useDocument.setState({ notice: { text, at: Date.now(), ...(options.isSticky ? { isSticky: true } : {}) } });
}
