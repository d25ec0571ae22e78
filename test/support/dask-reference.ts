/** Runs a pipeline file on real Dask through test/reference/dask_run.py and returns what it printed. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { PYTHON, REPO_ROOT } from './environment.js';

export interface DaskOutput {
  /** The raw JSON text, for float-aware comparison. */
  text: string;
  parsed: { results?: Record<string, unknown>; npartitions?: Record<string, number>; seconds?: number[]; warnings?: string[]; files?: Record<string, string>; error?: { type: string; message: string; node?: string } };
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
