/** Runs pipeline files on real Dask through test/reference/dask_run.py and returns what it printed. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { PYTHON, REPO_ROOT } from './environment.js';

export interface DaskOutput {
  /** The raw JSON text, for float-aware comparison. */
  text: string;
  parsed: {
    results?: Record<string, unknown>;
    npartitions?: Record<string, number>;
    /** DataFrame/Series nodes: their divisions, null when unknown. */
    divisions?: Record<string, unknown[] | null>;
    /** DataFrame/Series nodes: Dask's `_meta` in the shape of FrameMeta/SeriesMeta. */
    meta?: Record<string, unknown>;
    seconds?: number[];
    warnings?: string[];
    files?: Record<string, string>;
    error?: { type: string; message: string; node?: string };
  };
}

export function runOnDask(pipelineFile: string, options: { scheduler?: 'sync' | 'threads'; repeat?: number } = {}): Promise<DaskOutput> {
  const script = path.join(REPO_ROOT, 'test/reference/dask_run.py');
  const args = [script, pipelineFile, '--scheduler', options.scheduler ?? 'sync', '--repeat', String(options.repeat ?? 1)];
  return new Promise((resolve, reject) => {
    execFile(PYTHON, args, { maxBuffer: 512 * 1024 * 1024, env: { ...process.env, PYTHONHASHSEED: '0' } }, (error, stdout, stderr) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve({ text: line, parsed: JSON.parse(line) });
      } catch {
        reject(new Error(`dask_run.py failed on ${pipelineFile}: ${error?.message ?? ''}\n${stderr}`));
      }
    });
  });
}

/** Runs several pipeline files in one dask_run.py process (Dask is imported once); one output per file, in order. */
export function runManyOnDask(pipelineFiles: string[], options: { scheduler?: 'sync' | 'threads' } = {}): Promise<DaskOutput[]> {
  const script = path.join(REPO_ROOT, 'test/reference/dask_run.py');
  const args = [script, ...pipelineFiles, '--scheduler', options.scheduler ?? 'sync'];
  return new Promise((resolve, reject) => {
    execFile(PYTHON, args, { maxBuffer: 512 * 1024 * 1024, env: { ...process.env, PYTHONHASHSEED: '0' } }, (error, stdout, stderr) => {
      const lines = stdout.trim().split('\n');
      if (lines.length !== pipelineFiles.length) {
        reject(new Error(`dask_run.py printed ${lines.length} lines for ${pipelineFiles.length} pipelines: ${error?.message ?? ''}\n${stderr}`));
        return;
      }
      resolve(lines.map((line) => ({ text: line, parsed: JSON.parse(line) })));
    });
  });
}

/** Each partition of one DataFrame/Series/Bag node of a pipeline, computed by Dask (`dask_run.py --partitions`). */
export function partitionsOnDask(pipelineFile: string, nodeId: string): Promise<{ text: string; parsed: { partitions?: unknown[]; error?: { type: string; message: string; node?: string } } }> {
  const script = path.join(REPO_ROOT, 'test/reference/dask_run.py');
  return new Promise((resolve, reject) => {
    execFile(PYTHON, [script, pipelineFile, '--partitions', nodeId], { maxBuffer: 512 * 1024 * 1024, env: { ...process.env, PYTHONHASHSEED: '0' } }, (error, stdout, stderr) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve({ text: line, parsed: JSON.parse(line) });
      } catch {
        reject(new Error(`dask_run.py --partitions failed on ${pipelineFile}: ${error?.message ?? ''}\n${stderr}`));
      }
    });
  });
}
