/**
 * Weft's engine: Dask-style Bag pipelines compiled to task graphs and run on an inline or worker-thread scheduler.
 * This file is the engine's one front door; the app and the command line import nothing else.
 *
 * @example
 * ```ts
 * import { loadPipelineFile, runPipeline } from './engine/index.js';
 * const pipeline = loadPipelineFile('samples/bag-basics.weft.json');
 * const { results } = await runPipeline(pipeline, { baseDir: 'samples' });
 * ```
 */

/** The pipeline file format. */
export type { PipelineFile, NodeSpec } from './spec/pipeline.js';
/** Checks a parsed pipeline and lists every problem, each naming its node. */
export { validatePipeline, type Validation } from './spec/validate.js';
/** The file paths a node reads or writes (its `paths` params). */
export { nodePaths } from './spec/node-paths.js';
/** The kind of collection a node makes (for ops like getitem, it depends on the params). */
export { nodeOutputKind } from './spec/node-output.js';
/** Writes a pipeline file pretty-printed with a stable key order. */
export { serializePipeline } from './spec/serialize.js';
/** Reads and validates a pipeline file; parses pipeline JSON with line/column errors. */
export { loadPipelineFile, parsePipelineText, PipelineInvalidError } from './run/load-pipeline.js';
/** Runs a pipeline; plans (compiles and optimizes) one without running it. */
export { runPipeline, type RunOptions } from './run/run-pipeline.js';
/** Runs pipelines one after another, keeping persisted partitions between runs until released. */
export { defaultMemoryLimit } from './run/session-executor.js';
export { Session, planPipeline, type SessionOptions, type RunRequest, type RunResult, type RunStats } from './run/session.js';
/** Errors with a code and where they happened. */
export { WeftError, CancelledError, type WeftErrorCode, type WeftErrorContext } from './errors.js';
/** The engine's hard limits (workers, plan size, plan-time user code, worker heap), stated once. */
export { MAX_WORKERS, MAX_PLAN_TASKS, MAX_PLAN_DEPENDENCIES, MAX_SEQUENCE_LENGTH, PLAN_TIME_BUDGET_MS, PLAN_HEAP_BUDGET_BYTES, MIN_WORKER_HEAP_MB, MAX_WORKER_HEAP_MB } from './limits.js';
/** Lifecycle events of a run. */
export type { RunEvent, LayerInfo } from './schedule/events.js';
/** Executors to pass as `RunOptions.executor` when one should outlive a run (the inline one cannot stop user code mid-task). */
export { createSyncExecutor } from './schedule/sync-executor.js';
export { createThreadExecutor, type ThreadExecutorOptions } from './schedule/thread-executor.js';
export type { StartedPool } from './schedule/thread-pool.js';
export type { Executor } from './schedule/executor.js';
/** The compiled task graph, and its renderings as Graphviz dot and JSON. */
export type { TaskGraph, OutputSpec } from './graph/task-graph.js';
/** Each node's schema before anything runs, node by node, as an editor shows it beside a mistake further down. */
export { inspectPlan } from './run/session.js';
export type { PipelineInspection, NodeSchema } from './graph/compile.js';
/** The schema types of DataFrame and Series collections (Dask's `_meta`). */
export type { FrameMeta, SeriesMeta, IndexMeta, DType, Label, Frame, Series } from './dataframe/frame.js';
/**
 * Checks a pandas `query`/`eval` expression against a frame's schema; each problem spans `[start, end)` of the text.
 * @example checkQueryExpression("prot == 'tcp'", meta, 'query').problems // [{ message: "UndefinedVariableError: name 'prot' is not defined...", start: 0, end: 4 }]
 */
export { checkQueryExpression } from './dataframe/query/query.js';
/** A DataFrame or Series as `weft run --json` prints it: pandas' split orient plus dtypes. */
export { frameToJson, type FrameJson, type SeriesJson } from './dataframe/frame-json.js';
/** Rows `[start, stop)` of a DataFrame or Series, as pandas' `iloc[start:stop]`. */
export { sliceRows } from './dataframe/frame-slice.js';
export type { TaskSpec } from './graph/task.js';
export { graphToDot, graphToJson } from './graph/render-graph.js';
/** The operations of the palette: ports, params and docs. */
export { OPERATIONS } from './ops/registry.js';
export type { OpDefinition, Operation, ParamSpec } from './ops/op-definition.js';
/** The kinds of ports (Bag, single value, ...) and what each means for a run, an export and a preview. */
export { PORT_KINDS, portKindOf, isVariadic, type PortKind, type InputPort } from './spec/port-kind.js';
export { COLLECTIONS, collectionKind } from './collections/collections.js';
export type { CollectionKind, PreviewStep } from './collections/collection-kind.js';
/** The names expressions may use without defining them (builtins and `json`), for an editor's completion. */
export { BUILTIN_NAMES, type BuiltinName } from './expr/builtins.js';
/** Python values: JSON text the way Weft prints results, and Python's repr. */
export { toJsonText } from './values/json.js';
export { pyRepr } from './values/repr.js';
/** Why a file operation failed, in words rather than Node's errno message. */
export { describeFileError } from './io/file-error.js';
/** Byte sizes like '64MB'. */
export { parseBytes } from './io/parse-bytes.js';
/**
 * Exports a pipeline as text: a Python script in the Dask tutorials' style (with each node's line range, for a code
 * pane that highlights the selected node), a Jupyter notebook, a TypeScript program on this API, or Graphviz dot of
 * its planned task graph. Pure: the caller writes the text where it wants. The pipeline must be valid.
 *
 * @example
 * ```ts
 * const { text, nodeLines } = exportPipeline(pipeline, { to: 'python', scriptName: 'bag-basics.py' });
 * const { start, end } = nodeLines!['kv']; // lines of `kv = raw.map(parse_interaction)`
 * const dot = exportPipeline(pipeline, { to: 'dot', graph: planPipeline(pipeline, { baseDir }).optimized }).text;
 * ```
 */
export { exportPipeline, type ExportRequest, type ExportResult } from './export/export-pipeline.js';
export type { LineRange } from './export/export-python.js';
/**
 * Reads a Python script of the exporter's shape (or a hand-written one of the same shape) back into a pipeline;
 * what it cannot read comes back as problems with their lines.
 *
 * @example
 * ```ts
 * const result = importPython(fs.readFileSync('bag-basics.py', 'utf8'));
 * if (result.ok) fs.writeFileSync('bag-basics.weft.json', serializePipeline(result.pipeline));
 * else for (const p of result.problems) console.error(`bag-basics.py:${p.line}: ${p.message}`);
 * ```
 */
export { importPython, type ImportResult, type ImportProblem } from './export/import-python.js';
/** Python values reported in typed JSON by a Python process running an export, as Weft's own values. */
export { fromTypedJson } from './export/python-values.js';
/**
 * Runs a pipeline on a Dask cluster: its Python export, unchanged, against a `distributed.Client` at `address`, with
 * the given interpreter (which needs dask and distributed). Resolves to the outputs as Weft's own values; failures
 * are `WeftError`s with code `CLUSTER`, naming the node a worker's exception came from. Needs Node (child_process).
 *
 * @example
 * ```ts
 * const results = await runOnDaskCluster({ pipeline, baseDir, address: 'tcp://127.0.0.1:8786', python: 'python3', onProgress: (f) => bar.set(f) });
 * ```
 */
export { runOnDaskCluster, type ClusterRunOptions } from './run/dask-cluster-run.js';

/**
 * The first interpreter of a list that imports dask and distributed — `defaultPythonCandidates()` lists
 * `$WEFT_PYTHON`, `python3` and `/usr/bin/python3` — or a `CLUSTER` error listing each one tried and why it failed.
 *
 * @example
 * ```ts
 * const python = await findDaskPython(defaultPythonCandidates());
 * ```
 */
export { findDaskPython, defaultPythonCandidates, type PythonCandidate } from './run/dask-cluster-run.js';
