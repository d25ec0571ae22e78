/** Runs the installed `weft` command (bin/weft.js) as a user would and collects what it printed. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './environment.js';

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts `weft ARGS`; `done` resolves when it exits. */
export function startCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/weft.js'), ...args], { cwd: options.cwd ?? REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<CliResult>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

/** Runs `weft ARGS` to its end; with `timeoutMs`, kills it (SIGKILL) once it has run that long. */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<CliResult> {
  const { child, done } = startCli(args, options);
  if (options.timeoutMs === undefined) return done;
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
  return done.finally(() => clearTimeout(timer));
}
