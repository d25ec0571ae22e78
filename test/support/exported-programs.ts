/**
 * Running exported programs the way a user would: Python scripts unchanged under Debian's python3 (many in one
 * process through engine/run/python/run_exported.py, to import Dask once), TypeScript programs compiled by tsc in a project
 * that depends on the `weft` package and run with node.
 */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PYTHON, REPO_ROOT } from './environment.js';

export interface PythonJob {
  script: string;
  argv: string[];
  nodes?: Array<{ id: string; variable: string; start: number; end: number }>;
}

/** What run_exported.py printed for one job: the raw JSON line and its parse. */
export interface PythonOutcome {
  text: string;
  parsed: { results?: Record<string, unknown>; error?: { kind: string; type: string; message: string; node: string | null } };
}

/** The nodes of an exported script as run_exported.py wants them, to name the node of a failure. */
export function scriptNodes(exported: { nodeLines?: Record<string, { start: number; end: number }>; variables?: Record<string, string> }): PythonJob['nodes'] {
  return Object.entries(exported.nodeLines ?? {}).map(([id, lines]) => ({ id, variable: exported.variables![id], ...lines }));
}

/** Runs exported scripts in one Python process; `onStderr` sees their progress output as it comes. */
export function runExportedPython(jobs: PythonJob[], workDir: string, onStderr?: (text: string) => void): Promise<PythonOutcome[]> {
  const manifest = path.join(workDir, `manifest-${process.pid}-${Date.now()}.json`);
  fs.writeFileSync(manifest, JSON.stringify({ jobs }));
  const runner = path.join(REPO_ROOT, 'engine/run/python/run_exported.py');
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [runner, manifest], { env: { ...process.env, PYTHONHASHSEED: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      onStderr?.(String(d));
    });
    child.on('close', (code) => {
      const lines = stdout.split('\n').filter((l) => l.trim() !== '');
      if (code !== 0 || lines.length !== jobs.length) {
        reject(new Error(`run_exported.py exited ${code} after ${lines.length} of ${jobs.length} jobs:\n${stderr.slice(-4000)}`));
        return;
      }
      resolve(lines.map((text) => ({ text, parsed: JSON.parse(text) })));
    });
  });
}

/**
 * Makes `dir` a TypeScript project that depends on this repository as the `weft` package (linked, as `npm link`
 * would), and compiles every `.ts` in it with the repository's tsc (type-checking against the public API).
 */
export async function compileTypeScriptProject(dir: string): Promise<void> {
  fs.mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
  fs.symlinkSync(REPO_ROOT, path.join(dir, 'node_modules', 'weft'), 'dir');
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  const compilerOptions = {
    target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true,
    types: ['node'], typeRoots: [path.join(REPO_ROOT, 'node_modules/@types')], outDir: 'out', rootDir: '.',
  };
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['*.ts'] }));
  const tsc = path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, [tsc, '-p', dir], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(`tsc failed on the exported programs:\n${stdout}${stderr}`)) : resolve(),
    );
  });
}

export interface ProgramOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a compiled program with node. */
export function runProgram(file: string, args: string[]): Promise<ProgramOutcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, [file, ...args], { maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Runs `work` over `items` with at most `limit` at a time, keeping the order of results. */
export async function mapLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}
