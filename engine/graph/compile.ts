/**
 * Compiles a validated pipeline into its low-level task graph: every node becomes one layer of tasks (one per
 * partition) named `<op>-<hash>`, where the hash covers the op, its params, its inputs' names and the functions it may
 * call, so the same pipeline always gives the same keys. Pure: the file system is read only through the view given.
 */
import type { PipelineFile, NodeSpec } from '../spec/pipeline.js';
import type { BuildContext, BuiltLayer, Collection, OpDefinition } from '../ops/op-definition.js';
import type { FileSystemView } from '../io/file-system-view.js';
import type { TaskSpec } from './task.js';
import { OPERATIONS } from '../ops/registry.js';
import { WeftError } from '../errors.js';
import { canonicalJson, hashText } from './hash.js';
import { layersOf, type OutputSpec, type TaskGraph } from './task-graph.js';
import { taskKey } from '../ops/layer-builders.js';
import { evaluateAtPlanTime, type HeapMeasure } from './plan-time-code.js';
import { PlanSize } from './plan-limits.js';
import { optimize } from './optimize.js';
import type { FrameMeta, SeriesMeta } from '../dataframe/frame.js';

/** Where and how to compile. */
export interface CompileOptions {
  /** Folder that relative paths in the pipeline resolve against (the pipeline file's folder). */
  baseDir: string;
  fs: FileSystemView;
  /** Node ids to compute; by default every node that no other node consumes. */
  targets?: string[];
  /**
   * The heap in use in bytes (Node: `v8.getHeapStatistics().used_heap_size`), and how much plan-time user code may
   * add to it; without it only the time budget applies. Compile stays free of Node APIs, so the caller measures.
   */
  heap?: HeapMeasure;
  /**
   * Runs a graph now and gives its outputs' values in order, for the ops that compute data while planning as Dask
   * does while building (engine/run/first-partition-probe.ts); without it their schemas stay unknown until a run.
   */
  computeAtPlanTime?: (graph: TaskGraph) => unknown[];
}

/** The nodes in an order where every node comes after its inputs. */
export function topologicalOrder(nodes: NodeSpec[]): NodeSpec[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const done = new Set<string>();
  const order: NodeSpec[] = [];
  // Depth-first with an explicit stack (a chain of thousands of nodes would overflow recursion): a node is placed
  // after its inputs, in the order a recursive walk would place it.
  for (const root of nodes) {
    if (done.has(root.id)) continue;
    done.add(root.id);
    const stack: Array<[NodeSpec, number]> = [[root, 0]];
    while (stack.length) {
      const top = stack[stack.length - 1];
      const inputs = top[0].inputs ?? [];
      if (top[1] < inputs.length) {
        const next = byId.get(inputs[top[1]++])!;
        if (!done.has(next.id)) {
          done.add(next.id);
          stack.push([next, 0]);
        }
      } else {
        stack.pop();
        order.push(top[0]);
      }
    }
  }
  return order;
}

/** Nodes that no other node consumes: the pipeline's results. */
export function sinkNodes(pipeline: PipelineFile): string[] {
  const consumed = new Set(pipeline.nodes.flatMap((n) => n.inputs ?? []));
  return pipeline.nodes.filter((n) => !consumed.has(n.id)).map((n) => n.id);
}

/** A data version, or none when the files cannot be read now (build then reports that with the node). */
function safeVersion(version: () => string): string {
  try {
    return version();
  } catch {
    return '';
  }
}

/** Builds a node's layer; an error whose message does not name the node gets its name, as every build error must. */
function buildNamingNode(def: OpDefinition, ctx: BuildContext): BuiltLayer {
  try {
    return def.build(ctx);
  } catch (e) {
    if (e instanceof WeftError && !e.message.startsWith(`node '${ctx.node.id}'`)) {
      throw new WeftError(e.code, `node '${ctx.node.id}' (${ctx.node.op}): ${e.message}`, { ...e.context, nodeId: ctx.node.id }, { cause: e });
    }
    throw e;
  }
}

/** A collection's schema as Dask's `_meta` knows it before any data: a DataFrame's or a Series'. */
export type NodeSchema = FrameMeta | SeriesMeta;

/** Builds the full (unoptimized) task graph of a validated pipeline. */
export function compilePipeline(pipeline: PipelineFile, options: CompileOptions): TaskGraph {
  const { collections, tasks, warnings } = buildLayers(pipeline, options, (error) => {
    throw error;
  });
  const targets = options.targets ?? sinkNodes(pipeline);
  const outputs: OutputSpec[] = targets.map((nodeId) => {
    const c = collections.get(nodeId);
    if (!c) throw new WeftError('BAD_INPUT', `cannot compute '${nodeId}': no such node`, { nodeId });
    const keys = 'npartitions' in c ? Array.from({ length: c.npartitions }, (_, i) => taskKey(c.name, i)) : [taskKey(c.name, 0)];
    return { nodeId, kind: c.kind, keys };
  });
  return { tasks, outputs, layers: layersOf(tasks.values()), functions: pipeline.functions ?? '', ...collectionFacts(collections), warnings };
}

/** What {@link inspectPipeline} learns: each node's schema and partitions where it could be built, and why not elsewhere. */
export interface PipelineInspection {
  schemas: Record<string, NodeSchema>;
  npartitions: Record<string, number>;
  divisionsKnown: Record<string, boolean>;
  /** The error of each node that could not be built; the nodes downstream of it are skipped without one. */
  errors: WeftError[];
}

/**
 * Every node's schema, as far as the pipeline can be built: unlike {@link compilePipeline}, a node that fails does not
 * stop the others, so an editor can show the columns of every node above a mistake while the mistake is marked.
 */
export function inspectPipeline(pipeline: PipelineFile, options: Omit<CompileOptions, 'targets'>): PipelineInspection {
  const errors: WeftError[] = [];
  const { collections } = buildLayers(pipeline, options, (error) => {
    if (!(error instanceof WeftError)) throw error;
    errors.push(error);
  });
  return { ...collectionFacts(collections), errors };
}

/** The schemas, partition counts and divisions of the collections built. */
function collectionFacts(collections: Map<string, Collection>): Pick<TaskGraph, 'schemas' | 'npartitions' | 'divisionsKnown'> {
  const schemas: Record<string, NodeSchema> = {};
  const npartitions: Record<string, number> = {};
  const divisionsKnown: Record<string, boolean> = {};
  for (const [nodeId, c] of collections) {
    if ('npartitions' in c) npartitions[nodeId] = c.npartitions;
    if (c.kind === 'dataframe' || c.kind === 'series') {
      schemas[nodeId] = c.meta;
      divisionsKnown[nodeId] = c.divisions !== null;
    }
  }
  return { schemas, npartitions, divisionsKnown };
}

/**
 * Builds each node's layer in topological order. A node whose build throws is passed to `onError`; if that returns,
 * the node and everything downstream of it are left out.
 */
function buildLayers(pipeline: PipelineFile, options: Omit<CompileOptions, 'targets'>, onError: (error: unknown) => void): { collections: Map<string, Collection>; tasks: Map<string, TaskSpec>; warnings: string[] } {
  const functions = pipeline.functions ?? '';
  const collections = new Map<string, Collection>();
  const tasks = new Map<string, TaskSpec>();
  const size = new PlanSize();
  const warnings: string[] = [];
  for (const node of topologicalOrder(pipeline.nodes)) {
    if ((node.inputs ?? []).some((id) => !collections.has(id))) continue;
    try {
      const built = buildNode(node, functions, collections, tasks, options);
      size.add(node, built.tasks);
      for (const task of built.tasks) tasks.set(task.key, task);
      collections.set(node.id, built.collection);
      for (const warning of built.warnings ?? []) warnings.push(`node '${node.id}': ${warning}`);
    } catch (e) {
      onError(e);
    }
  }
  return { collections, tasks, warnings };
}

/**
 * The graph that computes `task` from the tasks built so far: culled to what it reads and fused as a run would be, so
 * that a `take` stage stops its upstream chain as soon as it has its elements.
 */
function graphOfOne(task: TaskSpec, built: Map<string, TaskSpec>, functions: string, nodeId: string): TaskGraph {
  const tasks = new Map(built);
  tasks.set(task.key, task);
  return optimize({ tasks, outputs: [{ nodeId, kind: 'bag', keys: [task.key] }], layers: layersOf(tasks.values()), functions, npartitions: {}, schemas: {}, divisionsKnown: {} });
}

function buildNode(node: NodeSpec, functions: string, collections: Map<string, Collection>, built: Map<string, TaskSpec>, options: Omit<CompileOptions, 'targets'>): BuiltLayer {
  const def = OPERATIONS.get(node.op)!;
  const params: Record<string, unknown> = {};
  // A param given as None stays None (Dask's blocksize=None differs from its default): only an absent one defaults.
  for (const spec of def.params) params[spec.name] = node.params?.[spec.name] !== undefined ? node.params[spec.name] : (spec.default ?? null);
  const inputs = (node.inputs ?? []).map((id) => collections.get(id)!);
  const usesCode = def.params.some((p) => ((p.type === 'callable' || p.type === 'key' || p.type === 'python') && params[p.name] !== null) || (p.stringIsSource && typeof params[p.name] === 'string'));
  const dataVersion = def.dataVersion ? safeVersion(() => def.dataVersion!({ params, baseDir: options.baseDir, fs: options.fs })) : '';
  const identity = canonicalJson({ op: node.op, params, inputs: inputs.map((c) => c.name), functions: usesCode ? functions : '', data: dataVersion });
  const ctx: BuildContext = {
    node,
    params,
    inputs,
    name: `${def.name.replace(/[._]/g, '-')}-${hashText(identity)}`,
    baseDir: options.baseDir,
    fs: options.fs,
    evaluate(source) {
      try {
        return evaluateAtPlanTime(functions, source, options.heap);
      } catch (e) {
        throw new WeftError('EXPRESSION', `node '${node.id}' (${node.op}): ${(e as Error).message}`, { nodeId: node.id }, { cause: e });
      }
    },
    computeNow(task, what) {
      if (!options.computeAtPlanTime) return undefined;
      try {
        return options.computeAtPlanTime(graphOfOne(task, built, functions, node.id))[0];
      } catch (e) {
        if (!(e instanceof WeftError)) throw e;
        throw new WeftError(e.code, `node '${node.id}' (${node.op}): ${what}: ${e.message}`, { ...e.context, nodeId: node.id }, { cause: e });
      }
    },
  };
  const layer = buildNamingNode(def, ctx);
  if (layer.materialize) for (const task of layer.tasks) if (task.layer === ctx.name) task.persist = true;
  return layer;
}
