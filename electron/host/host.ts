/**
 * The app's back end without Electron: one handler per request of the contract, and one event stream. Electron's
 * main process binds it to ipcMain, the browser mode to a WebSocket; both call {@link Host.handle} with untrusted
 * input, which is checked before any handler runs.
 */
import os from 'node:os';
import path from 'node:path';
import { BUILTIN_NAMES, COLLECTIONS, defaultMemoryLimit, MAX_WORKERS, OPERATIONS, planPipeline, validatePipeline, WeftError, graphToJson } from '../../engine/index.js';
import type { AppInfo, CollectionInfo, PortKind, HostError, HostEvent, OperationInfo, RequestName, RequestParams, RequestResult, TaskGraphView } from '../ipc/contract.js';
import { Autosave } from './autosave.js';
import { Documents } from './documents.js';
import { HostFailure } from './host-failure.js';
import { checkRequest } from './payload.js';
import { exportCode, exportToFile } from './exports.js';
import { importScript } from './import-script.js';
import { analyzePipeline, findProblems, problemOf } from './problems.js';
import { PREVIEW_PREFIX, RunManager, runPlan } from './runs.js';

export interface HostOptions {
  /** Where the tutorial pipelines are (their data in `data/` beside them). */
  samplesDir: string;
  /** Where recent files and autosave live (the user's app-data folder). */
  stateDir: string;
  transport: 'electron' | 'web';
  scheduler?: 'sync' | 'threads';
  /** Worker threads, 1 to MAX_WORKERS; the engine refuses any other count (BAD_OPTION) when the host is made. */
  workers?: number;
  memoryLimit?: number;
  /** Progress batching interval; the default 110 ms keeps progress under ten messages a second per run. */
  progressIntervalMs?: number;
  /** Where "Download the sample data" fetches from: the KDD archive by default (tests point it at a local server). */
  sampleDataUrl?: string;
}

type Handlers = { [K in RequestName]: (params: RequestParams<K>) => RequestResult<K> | Promise<RequestResult<K>> };

export class Host {
  private readonly listeners = new Set<(event: HostEvent) => void>();
  private readonly documents: Documents;
  private readonly autosave: Autosave;
  private readonly runs: RunManager;
  private readonly workers: number;
  private readonly memoryLimit: number;
  private readonly handlers: Handlers;

  constructor(private readonly options: HostOptions) {
    this.documents = new Documents(options.samplesDir, options.stateDir);
    this.autosave = new Autosave(options.stateDir);
    if (options.workers !== undefined && !(Number.isInteger(options.workers) && options.workers >= 1 && options.workers <= MAX_WORKERS)) {
      throw new WeftError('BAD_OPTION', `workers must be a whole number from 1 to ${MAX_WORKERS}, not ${String(options.workers)}`);
    }
    this.workers = options.scheduler === 'sync' ? 1 : (options.workers ?? Math.min(MAX_WORKERS, os.availableParallelism()));
    this.memoryLimit = options.memoryLimit ?? defaultMemoryLimit();
    this.runs = new RunManager({ scheduler: options.scheduler, workers: options.workers, memoryLimit: this.memoryLimit }, (e) => this.emit(e), options.progressIntervalMs);
    this.handlers = {
      getAppInfo: () => this.appInfo(),
      validate: ({ pipeline, baseDir }) => findProblems(pipeline, baseDir),
      analyze: ({ pipeline, baseDir }) => analyzePipeline(pipeline, baseDir),
      openFile: ({ path: file }) => this.documents.open(file),
      openSample: ({ file }) => this.documents.openSample(file),
      saveFile: ({ path: file, pipeline }) => this.documents.save(file, pipeline),
      listDir: ({ path: dir }) => this.documents.listDir(dir),
      autosave: ({ record }) => this.autosave.write(record),
      clearAutosave: () => {
        this.autosave.clear();
        return null;
      },
      startRun: ({ pipeline, baseDir, targets }) => this.runs.start(pipeline, baseDir, targets),
      cancelRun: ({ runId }) => {
        this.runs.cancel(runId);
        return null;
      },
      planGraph: ({ pipeline, baseDir, targets }) => planView(pipeline, baseDir, targets),
      downloadSampleData: async () => {
        // Loaded when asked for: the downloader is not needed to start, and the app should start fast.
        const { fetchData } = await import('../../cli/fetch-data.js');
        const dest = path.join(this.options.samplesDir, 'data', 'kddcup.data_10_percent.gz');
        try {
          const result = await fetchData({ dest, ...(this.options.sampleDataUrl ? { url: this.options.sampleDataUrl } : {}) });
          return { path: result.path };
        } catch (e) {
          // Whatever went wrong, the way out is the same: the file, got another way, copied to where the app reads it.
          const error = toHostError(e);
          if (error.message.includes('copy it to')) throw error;
          throw new HostFailure(error.code, `${error.message}. You can instead get ${path.basename(dest)} another way and copy it to ${dest}`);
        }
      },
      exportCode: ({ pipeline, baseDir, to, scriptName }) => exportCode(pipeline, baseDir, to, scriptName),
      exportFile: ({ path: file, pipeline, baseDir, to }) => exportToFile(file, pipeline, baseDir, to),
      importScript: ({ path: file }) => importScript(file),
      startClusterRun: ({ pipeline, baseDir, address, python }) => this.runs.startOnCluster(pipeline, baseDir, address, python),
      showFileDialog: () => {
        throw new HostFailure('UNSUPPORTED', 'there is no system file dialog here; the app shows its own');
      },
    };
  }

  /** Handles one request from a transport; rejects with a {@link HostError}. */
  async handle(name: unknown, params: unknown): Promise<unknown> {
    try {
      const request = checkRequest(name, params);
      const handler = this.handlers[request.name] as (p: unknown) => unknown;
      return await handler(request.params);
    } catch (e) {
      throw toHostError(e);
    }
  }

  onEvent(listener: (event: HostEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends an event to every window of this host (the Electron shell forwards its menu commands this way). */
  emit(event: HostEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  async close(): Promise<void> {
    await this.runs.close();
  }

  private appInfo(): AppInfo {
    return {
      operations: [...OPERATIONS.values()].map(operationInfo),
      collections: [...COLLECTIONS.values()].map(collectionInfo),
      builtins: [...BUILTIN_NAMES],
      samples: this.documents.samples(),
      recentFiles: this.documents.recentFiles(),
      scheduler: this.options.scheduler ?? 'threads',
      workers: this.workers,
      memoryLimitBytes: this.memoryLimit,
      defaultDir: os.homedir(),
      transport: this.options.transport,
      recovery: this.autosave.read(),
    };
  }
}

function operationInfo(def: Pick<OperationInfo, 'op' | 'collection' | 'name' | 'group' | 'doc' | 'inputs' | 'output' | 'params'> & { outputKinds?: PortKind[] }): OperationInfo {
  return { op: def.op, collection: def.collection, name: def.name, group: def.group, doc: def.doc, inputs: [...def.inputs], output: def.output, outputKinds: [...(def.outputKinds ?? [def.output])], params: def.params.map((p) => ({ ...p })) };
}

function collectionInfo(c: CollectionInfo): CollectionInfo {
  return { kind: c.kind, label: c.label, article: c.article, plural: c.plural, partitioned: c.partitioned };
}

function planView(pipeline: RequestParams<'planGraph'>['pipeline'], baseDir: string, targets: string[] | undefined): TaskGraphView {
  const validation = validatePipeline(pipeline);
  if (!validation.pipeline) {
    const first = validation.errors[0];
    throw new HostFailure(first.code, `the pipeline has ${validation.errors.length} problem(s); first: ${first.message}`, first.context.nodeId);
  }
  const plan = runPlan(validation.pipeline, targets);
  const { full, optimized } = planPipeline(plan.withPreviews.pipeline, { baseDir, targets: plan.previewTargets });
  const json = graphToJson(optimized) as { tasks: Array<{ key: string; layer: string; nodeIds: string[]; partition?: number; deps: string[]; produces?: string[] }> };
  // A fused tee task produces several results under their own keys; its consumers depend on those keys, so each
  // dependency is drawn from the task that produces it (as `weft graph --format dot` does), once.
  const producer = new Map(json.tasks.flatMap((t) => (t.produces ?? [t.key]).map((key) => [key, t.key] as const)));
  return {
    tasks: json.tasks.map((t) => ({ key: t.key, layer: t.layer, nodeIds: t.nodeIds.map(previewName), partition: t.partition ?? null, deps: [...new Set(t.deps.map((d) => producer.get(d) ?? d))] })),
    layers: optimized.layers.map((l) => ({ name: l.name, nodeIds: l.nodeIds.map(previewName), tasks: l.tasks })),
    tasksBeforeOptimization: full.tasks.size,
  };
}

/** The hidden preview nodes of a run are shown as what they are: the preview of their bag. */
function previewName(nodeId: string): string {
  return nodeId.startsWith(PREVIEW_PREFIX) ? `${nodeId.slice(PREVIEW_PREFIX.length)} (preview)` : nodeId;
}

export function toHostError(e: unknown): HostError {
  if (!(e instanceof Error) && typeof (e as HostError)?.code === 'string' && typeof (e as HostError)?.message === 'string') return e as HostError;
  if (e instanceof HostFailure) return { code: e.code, message: e.message, ...(e.nodeId ? { nodeId: e.nodeId } : {}) };
  if (e instanceof WeftError) {
    const p = problemOf(e);
    return { code: p.code, message: p.message, ...(p.nodeId ? { nodeId: p.nodeId } : {}) };
  }
  if (typeof (e as { code?: unknown })?.code === 'string' && e instanceof Error) return { code: (e as unknown as { code: string }).code, message: e.message };
  return { code: 'INTERNAL', message: (e as Error)?.message ?? String(e) };
}
