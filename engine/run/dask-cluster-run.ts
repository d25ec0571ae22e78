/**
 * Running a pipeline on a Dask cluster (`weft run --cluster`, the app's "Run on Dask cluster..."): export it as
 * Python, run that script unchanged against a dask.distributed scheduler through python/run_exported.py, and bring
 * its results back as Weft's own values. Progress comes from the script's progress bar ("NN% Completed"), read from
 * the runner's stderr as it runs.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PipelineFile } from '../spec/pipeline.js';
import { WeftError } from '../errors.js';
import { exportPipeline } from '../export/export-pipeline.js';
import { fromTypedJson } from '../export/python-values.js';
import type { Operation } from '../ops/op-definition.js';
import { OPERATIONS } from '../ops/registry.js';

/** The runner, kept in the sources beside this file (from dist/engine/run, three folders up to the package root). */
export const RUNNER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../engine/run/python/run_exported.py');

/** What a cluster run needs. */
export interface ClusterRunOptions {
  pipeline: PipelineFile;
  /** The pipeline file's folder: relative paths resolve against it, on the workers too (same file system). */
  baseDir: string;
  address: string;
  /** The Python interpreter that has dask and distributed. */
  python: string;
  /** Seconds to wait for the scheduler. */
  timeout?: number;
  /** Called with the share of tasks done, 0..1, as the script's progress bar reports it. */
  onProgress?(fraction: number): void;
  signal?: AbortSignal;
  /** How the caller's user picks another interpreter, for the advice when this one lacks Dask (default: the CLI's flag). */
  interpreterAdvice?: string;
}

interface RunnerError {
  kind: 'cluster' | 'node' | 'script';
  type: string;
  message: string;
  node: string | null;
}

/** Runs the pipeline on the cluster; resolves to its results keyed by output node, as Weft's values. */
export async function runOnDaskCluster(options: ClusterRunOptions): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-cluster-'));
  try {
    const name = 'pipeline.py';
    const exported = exportPipeline(options.pipeline, { to: 'python', scriptName: name });
    const script = path.join(dir, name);
    fs.writeFileSync(script, exported.text);
    const nodes = Object.entries(exported.nodeLines!).map(([id, lines]) => ({ id, variable: exported.variables![id], ...lines }));
    const argv = ['--address', options.address, '--data-dir', options.baseDir, '--timeout', String(options.timeout ?? 10)];
    const manifest = path.join(dir, 'manifest.json');
    fs.writeFileSync(manifest, JSON.stringify({ jobs: [{ script, argv, nodes, values: 'typed' }] }));
    const { stdout, stderr, code } = await runRunner(options.python, manifest, options);
    const line = stdout.trim().split('\n').pop() ?? '';
    let outcome: { results?: Record<string, unknown>; error?: RunnerError };
    try {
      outcome = JSON.parse(line);
    } catch {
      throw new WeftError('CLUSTER', `the Python runner (${options.python}) failed (exit ${code}): ${lastLines(stderr)}`, {});
    }
    if (outcome.error) throw clusterError(outcome.error, options.address, options.python, options.interpreterAdvice ?? 'choose the interpreter with --python');
    const opOf = new Map(options.pipeline.nodes.map((n) => [n.id, OPERATIONS.get(n.op)]));
    return Object.fromEntries(Object.entries(outcome.results!).map(([id, v]) => [id, asDaskReturns(opOf.get(id), fromTypedJson(v))]));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The script computes every output lazily, so that one `dask.compute` covers them all; an op whose lazy form returns
 * another type than its own call (`take(k, compute=False)` gives a list, `take` a tuple) says how to turn it back.
 */
function asDaskReturns(def: Operation | undefined, value: unknown): unknown {
  return def?.fromLazyResult ? def.fromLazyResult(value) : value;
}

function clusterError(error: RunnerError, address: string, python: string, advice: string): WeftError {
  if (error.type === 'ModuleNotFoundError' || error.type === 'ImportError') {
    return new WeftError('CLUSTER', `${python} cannot run the exported script: ${error.type}: ${error.message} (it needs dask and distributed; ${advice})`, {});
  }
  if (error.kind === 'cluster') {
    return new WeftError('CLUSTER', `cannot reach the Dask scheduler at ${address}: ${error.type}: ${error.message}`, {});
  }
  if (error.node) {
    return new WeftError('CLUSTER', `node '${error.node}' failed on the Dask cluster: ${error.type}: ${error.message}`, { nodeId: error.node });
  }
  return new WeftError('CLUSTER', `the run on the Dask cluster failed: ${error.type}: ${error.message}`, {});
}

/** Where an interpreter to try came from, for the message that lists what was tried. */
export interface PythonCandidate {
  python: string;
  /** e.g. '$WEFT_PYTHON', 'python3 on the PATH'. */
  from: string;
}

/**
 * The interpreters `weft run --cluster` tries when none is given, in order: `$WEFT_PYTHON`, `python3` on the PATH,
 * Debian's `/usr/bin/python3`. An interpreter given on purpose (`--python`, the app's field) is used alone, so that
 * a mistyped choice is reported rather than quietly replaced.
 */
export function defaultPythonCandidates(env: NodeJS.ProcessEnv = process.env): PythonCandidate[] {
  const list: PythonCandidate[] = [];
  if (env.WEFT_PYTHON) list.push({ python: env.WEFT_PYTHON, from: '$WEFT_PYTHON' });
  list.push({ python: 'python3', from: 'python3 on the PATH' }, { python: '/usr/bin/python3', from: "Debian's python3" });
  return list;
}

/**
 * The first candidate that imports dask and distributed; none doing so is a CLUSTER error listing each one tried
 * and why it failed (not found, or the import error).
 */
export async function findDaskPython(candidates: PythonCandidate[], signal?: AbortSignal): Promise<string> {
  const tried: string[] = [];
  const seen = new Set<string>();
  for (const { python, from } of candidates) {
    if (seen.has(python)) continue;
    seen.add(python);
    const problem = await daskImportProblem(python, signal);
    if (problem === null) return python;
    tried.push(`  ${python} (${from}): ${problem}`);
  }
  throw new WeftError('CLUSTER', `no Python interpreter with dask and distributed was found; tried:\n${tried.join('\n')}\ninstall them (Debian: apt install python3-dask python3-distributed; pip: pip install "dask[distributed]") or give the interpreter with --python`, {});
}

/** Null when `python` imports dask and distributed, else why not, in a few words. */
function daskImportProblem(python: string, signal?: AbortSignal): Promise<string | null> {
  return new Promise((resolve) => {
    const child = spawn(python, ['-c', 'import dask, distributed'], { stdio: ['ignore', 'ignore', 'pipe'], signal });
    // Not spawn's own `timeout`: its timer outlives a spawn that fails (ENOENT) and holds the process for its length.
    const timer = setTimeout(() => child.kill(), 30_000);
    let stderr = '';
    child.stderr?.on('data', (d) => (stderr += d));
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve((e as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : e.message);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) return resolve(null);
      const last = stderr.trim().split('\n').pop() ?? '';
      resolve(last || `exit ${code}`);
    });
  });
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-8).join('\n');
}

function runRunner(python: string, manifest: string, options: ClusterRunOptions): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, [RUNNER, manifest], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PYTHONUNBUFFERED: '1' } });
    let stdout = '';
    let stderr = '';
    const onAbort = () => child.kill('SIGINT');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (e) => reject(new WeftError('CLUSTER', `cannot start the Python interpreter '${python}': ${e.message}`, {})));
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      const text = String(d);
      stderr += text;
      // Both Dask progress bars draw "[####    ] | 45% Completed | 1.2s", redrawn with \r.
      const matches = [...text.matchAll(/(\d+)% Completed/g)];
      if (matches.length) options.onProgress?.(Number(matches[matches.length - 1][1]) / 100);
    });
    child.on('close', (code) => {
      options.signal?.removeEventListener('abort', onAbort);
      resolve({ stdout, stderr, code });
    });
  });
}
