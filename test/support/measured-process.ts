/**
 * Runs a program as a child process for its wall time and its peak resident memory. The peak comes from GNU time's
 * `%M` (the kernel's ru_maxrss of the child): the whole process, worker threads included, which is what a user's
 * machine has to hold; no sampling, so a short spike is not missed.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

export const GNU_TIME = '/usr/bin/time';

export interface MeasuredRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall seconds from spawn to exit, process start-up included. */
  seconds: number;
  /** Peak resident set size in bytes. */
  peakBytes: number;
}

/** Whether GNU time is at /usr/bin/time and reports a peak RSS (BusyBox's `time` has no `-f %M -o`). */
export function hasGnuTime(): boolean {
  const probe = spawnSync(GNU_TIME, ['-f', '%M', 'true'], { encoding: 'utf8' });
  return probe.status === 0 && lastInteger(probe.stderr ?? '') !== undefined;
}

/** Throws unless {@link hasGnuTime}. */
export function requireGnuTime(): void {
  if (!hasGnuTime()) {
    throw new Error(`the larger-than-memory section measures peak memory with GNU time at ${GNU_TIME}, which is missing or not GNU time: install it (apt-get install -y time)`);
  }
}

/** Runs `program args` under GNU time; `scratchDir` holds time's report for the duration. Never rejects on exit codes. */
export function runMeasured(program: string, args: string[], options: { scratchDir: string; cwd?: string; env?: NodeJS.ProcessEnv }): Promise<MeasuredRun> {
  const report = fs.mkdtempSync(path.join(options.scratchDir, 'time-'));
  const reportFile = path.join(report, 'report.txt');
  const start = performance.now();
  const child = spawn(GNU_TIME, ['-f', '%M', '-o', reportFile, program, ...args], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (d: Buffer) => stdout.push(d));
  child.stderr.on('data', (d: Buffer) => stderr.push(d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const seconds = (performance.now() - start) / 1000;
      // On a non-zero exit GNU time writes "Command exited with non-zero status N" before the format's line.
      const kb = fs.existsSync(reportFile) ? lastInteger(fs.readFileSync(reportFile, 'utf8')) : undefined;
      fs.rmSync(report, { recursive: true, force: true });
      if (kb === undefined) return reject(new Error(`${GNU_TIME} reported no peak memory for ${program} ${args.join(' ')}`));
      resolve({ code, signal, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8'), seconds, peakBytes: kb * 1024 });
    });
  });
}

function lastInteger(text: string): number | undefined {
  const last = text.trim().split('\n').pop() ?? '';
  return /^\d+$/.test(last) ? Number(last) : undefined;
}
