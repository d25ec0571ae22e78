/**
 * The one contract between the app's renderer and its back end, whichever carries it: Electron's IPC (preload +
 * main) or the browser mode's WebSocket (electron/web). Requests return promises; events arrive through one
 * subscription that returns its unsubscribe. Errors cross as {@link HostError}. Type-only imports, so the renderer
 * can use this file without pulling Node or the engine into its bundle.
 */
import type { NodeSpec, PipelineFile } from '../../engine/spec/pipeline.js';
import type { InputPort, PortKind } from '../../engine/spec/port-kind.js';

export type { NodeSpec, PipelineFile };
/** What flows along an edge, and what an input port takes: the engine's one list (engine/spec/port-kind.ts). */
export type { InputPort, PortKind };

/** A kind of port as the app names it: on ports, palette headings and connection messages. */
export interface CollectionInfo {
  kind: PortKind;
  /** 'Bag', 'DataFrame', 'value'. */
  label: string;
  /** In a sentence: 'a bag', 'a single value'. */
  article: string;
  /** Several in a sentence: 'bags'. */
  plural: string;
  partitioned: boolean;
}

/** A parameter of an operation as the inspector shows it: Dask's name, its type and its short doc. */
export interface ParamInfo {
  name: string;
  type: 'callable' | 'key' | 'python' | 'int' | 'number' | 'bool' | 'string' | 'paths' | 'json' | 'bytes' | 'encoding' | 'split_every';
  required: boolean;
  default?: unknown;
  nullable?: boolean;
  /** The least value allowed (numbers, byte sizes, split_every). */
  min?: number;
  /** The only texts allowed. */
  choices?: readonly string[];
  /** Set when the param names columns of an input DataFrame: which input's (`left`/`right` for a merge's). */
  columns?: 'input' | 'left' | 'right';
  /** Set when the param is a pandas `query`/`eval` expression over the input's columns. */
  language?: 'query' | 'eval';
  /**
   * Set on groupby.agg's `arg`: the functions a column may be given by name, those an object column cannot take, and
   * the param naming the group keys (not aggregated). The inspector offers a grid of the other columns by function.
   */
  aggregations?: { functions: readonly string[]; notForObject: readonly string[]; keysParam: string };
  doc: string;
}

/** An operation of the palette. */
export interface OperationInfo {
  /** The node's op: `<collection>.<name>`, e.g. `bag.map`. */
  op: string;
  /** The collection whose Dask API it belongs to. */
  collection: PortKind;
  /** Dask's name for it, e.g. `map`: what the palette and the canvas show. */
  name: string;
  group: 'create' | 'transform' | 'combine' | 'aggregate' | 'shuffle' | 'output';
  doc: string;
  /** Input ports in Dask's argument order; `bag*` is one port taking one or more bags. */
  inputs: InputPort[];
  /** What it makes with its default params. */
  output: PortKind;
  /** Every kind it can make (getitem: a Series or a DataFrame, by its key). */
  outputKinds: PortKind[];
  params: ParamInfo[];
}

/** A name expressions may use without defining it, for the editor's completion (mirrors the engine's BuiltinName). */
export interface BuiltinName {
  name: string;
  kind: 'type' | 'function' | 'exception' | 'module';
}

/** A problem with the document, placed as precisely as it is known. */
export interface Problem {
  code: string;
  message: string;
  nodeId?: string;
  param?: string;
  /** 1-based position inside the param's expression. */
  line?: number;
  column?: number;
  /** Set when the problem is the samples' missing data file, which `downloadSampleData` can fix. */
  isMissingSampleData?: boolean;
}

/** An error as it crosses the boundary. */
export interface HostError {
  code: string;
  message: string;
  nodeId?: string;
}

/** A tutorial pipeline offered by the Samples menu. */
export interface SampleInfo {
  /** File name, e.g. `bag-basics.weft.json`. */
  file: string;
  name: string;
  description: string;
}

/** What the renderer learns once at start. */
export interface AppInfo {
  operations: OperationInfo[];
  /** Every port kind the operations use, with its words. */
  collections: CollectionInfo[];
  /** The Python builtins (and `json`) the engine lets expressions use: exactly what the editor completes. */
  builtins: BuiltinName[];
  samples: SampleInfo[];
  recentFiles: string[];
  /** The engine's settings for runs of this window. */
  scheduler: 'sync' | 'threads';
  workers: number;
  memoryLimitBytes: number;
  /** The folder relative paths resolve against for a document never saved. */
  defaultDir: string;
  /** Whether the back end is Electron (native dialogs) or the browser mode. */
  transport: 'electron' | 'web';
  /** Unsaved work found from a previous session that ended without closing its document (a crash or a reload). */
  recovery: AutosaveRecord | null;
}

/** A document as it is opened: the pipeline (possibly invalid, so the user can fix it) and where it lives. */
export interface OpenedDocument {
  /** Absolute path, or null for a sample opened as a new untitled document. */
  path: string | null;
  /** The folder relative paths resolve against. */
  baseDir: string;
  pipeline: PipelineFile;
  problems: Problem[];
}

/** What autosave keeps: the document and where it came from, so recovery can put it back as it was. */
export interface AutosaveRecord {
  path: string | null;
  baseDir: string;
  pipeline: PipelineFile;
  /** Whether the document differed from its file when it was autosaved. */
  isDirty: boolean;
  savedAt: number;
}

/** One entry of a folder listing, for the in-app file picker. */
export interface DirEntry {
  name: string;
  isDir: boolean;
}

/** A value as the result panel shows it: Python's repr, and the JSON form for tables. */
export interface ShownValue {
  repr: string;
  json: unknown;
  /** Python's type of the value at the top: tables are drawn for records that are tuples or dicts. */
  pyType: 'tuple' | 'list' | 'dict' | 'other';
  /** A tuple's items (named by position) or a dict's entries (named by the key's repr), each as Python's repr. */
  fields?: Array<{ name: string; repr: string }>;
}

/** A column of a schema: its label and pandas' dtype name. */
export interface ColumnSchema {
  /** A label; a list for a MultiIndex column (`('src_bytes', 'sum')` of a groupby.agg with lists). */
  name: string | number | Array<string | number>;
  dtype: string;
}

/** The row labels' schema: one dtype and name per level; a RangeIndex has `range`. */
export interface IndexSchema {
  dtypes: string[];
  names: Array<string | number | null>;
  range?: boolean;
}

/**
 * What a DataFrame or Series node makes, known before it runs (Dask's `_meta`), with its partition count and whether
 * its divisions are known.
 */
export type NodeSchema =
  | { kind: 'frame'; columns: ColumnSchema[]; index: IndexSchema; npartitions: number; divisionsKnown: boolean }
  | { kind: 'series'; name: string | number | null; dtype: string; index: IndexSchema; npartitions: number; divisionsKnown: boolean };

/** What the host says about a document as it is edited: its problems, and the schema of every node it could build. */
export interface Analysis {
  problems: Problem[];
  /** Node id -> schema, for the DataFrame and Series nodes above any mistake. */
  schemas: Record<string, NodeSchema>;
}

/** The result of one node after a run. */
export type NodeResult =
  | { kind: 'item'; value: ShownValue }
  /** A partitioned collection (a bag): its first elements only (a `take`), with its partition count. */
  | { kind: 'preview'; collection: PortKind; elements: ShownValue[]; npartitions: number; limit: number }
  /**
   * A DataFrame or Series (one column): the rows of its preview (a `head`), never the whole frame. `rowCount` is the
   * frame's length when the preview is all of it, else null; values are JSON as `weft run --json` prints them.
   */
  | {
      kind: 'table';
      collection: PortKind;
      columns: ColumnSchema[];
      /** The index's level names (one for a plain index) and its rows' labels. */
      indexNames: Array<string | number | null>;
      index: unknown[];
      rows: unknown[][];
      rowCount: number | null;
      npartitions: number;
      divisionsKnown: boolean;
      limit: number;
    };

/** What a node is doing, as its badge shows. */
export type NodeState =
  | { kind: 'idle' }
  | { kind: 'queued'; total: number }
  | { kind: 'running'; done: number; total: number }
  | { kind: 'done'; total: number }
  | { kind: 'cached' }
  | { kind: 'failed'; message: string }
  /**
   * Part of a run on a Dask cluster, which reports one share of tasks done for the whole run (its progress bar), not
   * per node: every node shows that share, and 100 when the run is done.
   */
  | { kind: 'on-cluster'; percent: number };

/** State of one task in the task graph view. */
export type TaskState = 'waiting' | 'running' | 'done' | 'spilled' | 'failed';

/** The compiled graph for the task graph view. */
export interface TaskGraphView {
  tasks: Array<{ key: string; layer: string; nodeIds: string[]; partition: number | null; deps: string[] }>;
  layers: Array<{ name: string; nodeIds: string[]; tasks: number }>;
  /** Tasks of the graph before fusion, as Dask would have them. */
  tasksBeforeOptimization: number;
}

/** What a pipeline exports to: a Python script, a Jupyter notebook, a TypeScript program, or Graphviz dot of its task graph. */
export type ExportFormat = 'python' | 'notebook' | 'typescript' | 'dot';

/** The kind of file a file dialog asks for, which sets its filter (`any` for a parameter's path). */
export type FileKind = 'pipeline' | ExportFormat | 'any';

/** Lines of exported code, 1-based and inclusive. */
export interface LineRange {
  start: number;
  end: number;
}

/** A pipeline as code; for Python, each node's lines, so the code pane can highlight the selected node. */
export interface ExportedCode {
  text: string;
  /** Python only (empty otherwise): node id -> the lines of its statement. */
  nodeLines: Record<string, LineRange>;
}

/** A line of a Python script that the importer could not read. */
export interface ImportProblem {
  line: number;
  message: string;
}

/** A Python script read as a pipeline: a new untitled document, or every line that could not be read (nothing opened). */
export type ImportedScript =
  | { kind: 'imported'; document: OpenedDocument }
  | { kind: 'unreadable'; path: string; problems: ImportProblem[] };

/** Requests: name -> params and result. */
export interface Requests {
  getAppInfo: { params: Record<string, never>; result: AppInfo };
  /** Validates a document; problems are placed on nodes, params and expression columns. */
  validate: { params: { pipeline: PipelineFile; baseDir: string }; result: Problem[] };
  /** Validates a document as `validate` does, and gives the schema of each DataFrame and Series node. */
  analyze: { params: { pipeline: PipelineFile; baseDir: string }; result: Analysis };
  openFile: { params: { path: string }; result: OpenedDocument };
  openSample: { params: { file: string }; result: OpenedDocument };
  /** Writes the document pretty-printed with a stable key order; returns the text written. */
  saveFile: { params: { path: string; pipeline: PipelineFile }; result: { path: string; text: string } };
  listDir: { params: { path: string }; result: { path: string; parent: string | null; entries: DirEntry[] } };
  autosave: { params: { record: AutosaveRecord }; result: { savedAt: number } };
  /** Called when a document is closed on purpose: there is nothing to recover. */
  clearAutosave: { params: Record<string, never>; result: null };
  /** Starts a run; its progress and end arrive as events with the returned id. */
  startRun: { params: { pipeline: PipelineFile; baseDir: string; targets?: string[] }; result: { runId: string } };
  cancelRun: { params: { runId: string }; result: null };
  planGraph: { params: { pipeline: PipelineFile; baseDir: string; targets?: string[] }; result: TaskGraphView };
  downloadSampleData: { params: Record<string, never>; result: { path: string } };
  /**
   * The system's file dialog, answered by the Electron shell; the browser mode has none (it answers UNSUPPORTED) and
   * the renderer shows its own picker. `path` is null when the user cancels.
   */
  showFileDialog: { params: { mode: 'open' | 'save' | 'pick'; title: string; defaultPath: string; fileKind?: FileKind }; result: { path: string | null } };
  /**
   * The document as code, for the code pane (`scriptName` is what the script calls itself in its usage line). The
   * pipeline must be valid; otherwise it fails with the first problem.
   */
  exportCode: { params: { pipeline: PipelineFile; baseDir: string; to: ExportFormat; scriptName: string }; result: ExportedCode };
  /**
   * Exports the document to a file whose extension matches the format (.py, .ipynb, .ts, .dot); returns the text
   * written, and a note when the code will look for the pipeline's relative paths in another folder than the document's.
   */
  exportFile: { params: { path: string; pipeline: PipelineFile; baseDir: string; to: ExportFormat }; result: { path: string; text: string; note?: string } };
  /** Reads a Python script of the export's shape (or hand-written in it) as a new, unsaved document. */
  importScript: { params: { path: string }; result: ImportedScript };
  /**
   * Starts a run of the whole pipeline on a Dask cluster: its exported Python, run by `python` (which needs dask and
   * distributed) against the scheduler at `address` (`tcp://HOST:PORT`). Its events are a local run's; `cancelRun`
   * stops it.
   */
  startClusterRun: { params: { pipeline: PipelineFile; baseDir: string; address: string; python: string }; result: { runId: string } };
}

export type RequestName = keyof Requests;
export type RequestParams<K extends RequestName> = Requests[K]['params'];
export type RequestResult<K extends RequestName> = Requests[K]['result'];

/** Progress of a run, batched by the host to at most ten messages a second. */
export interface RunProgress {
  kind: 'run-progress';
  runId: string;
  nodes: Record<string, NodeState>;
  /** Task states that changed since the last message. */
  tasks: Record<string, TaskState>;
  memoryBytes: number;
  spilledBytes: number;
}

/** Events from the host. */
export type HostEvent =
  | RunProgress
  | { kind: 'run-start'; runId: string; tasks: number; scheduler: string; workers: number; nodes: Record<string, NodeState> }
  | {
      kind: 'run-end';
      runId: string;
      status: 'done' | 'failed' | 'cancelled' | 'invalid';
      nodes: Record<string, NodeState>;
      results: Record<string, NodeResult>;
      /** Task states that changed since the last progress message. */
      tasks: Record<string, TaskState>;
      error?: HostError;
      problems?: Problem[];
      warnings: string[];
      elapsedMs: number;
      spilledBytes: number;
    }
  /** A menu command of the Electron shell, forwarded to the renderer that owns the document. */
  | { kind: 'menu'; command: MenuCommand };

export type MenuCommand =
  | 'new'
  | 'open'
  | 'save'
  | 'save-as'
  | 'import-python'
  | 'undo'
  | 'redo'
  | 'run'
  | 'run-on-cluster'
  | 'cancel'
  | 'fit-view'
  | 'auto-layout'
  | 'toggle-code'
  | { sample: string }
  | { export: ExportFormat };

/** The API the renderer sees as `window.weft`, the same in Electron and in the browser mode. */
export interface WeftApi {
  request<K extends RequestName>(name: K, params: RequestParams<K>): Promise<RequestResult<K>>;
  onEvent(listener: (event: HostEvent) => void): () => void;
}

/** The names of the requests, for the transports' checks. */
export const REQUEST_NAMES: readonly RequestName[] = [
  'getAppInfo', 'validate', 'analyze', 'openFile', 'openSample', 'saveFile', 'listDir', 'autosave', 'clearAutosave', 'startRun', 'cancelRun', 'planGraph', 'downloadSampleData', 'showFileDialog',
  'exportCode', 'exportFile', 'importScript', 'startClusterRun',
];

/** A scheduler address as Dask's Client takes it, e.g. `tcp://127.0.0.1:8786`. */
export const SCHEDULER_ADDRESS = /^(tcp|tls|inproc|ucx):\/\/\S+$/;
