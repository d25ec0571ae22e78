/**
 * A run that fails (or is cancelled) closes its thread pool while piscina is replacing the aborted tasks' threads.
 * A thread terminated while it loaded its module through require() hit V8's fatal "IsGraphAsync must be used on an
 * instantiated module", and the whole process died with exit 134 and no message, about once in some hundreds of
 * failed runs (see engine/schedule/worker-entry.cts). This runs failing runs back to back in a child process, each
 * closing its pool at a different moment of the replacement thread's start, and the child must live. (A probe, not a
 * proof: before the fix it caught the crash in about one of three runs of 250 cycles.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CYCLES = 200;

test(`${CYCLES} failing runs in a row, each closing its pool while aborted threads are replaced: the process lives`, { timeout: 120_000 }, async () => {
  const script = fileURLToPath(new URL('../support/failing-run-cycles.js', import.meta.url));
  const result = await new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [script, String(CYCLES)], { maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
      const e = error as (NodeJS.ErrnoException & { code?: number | string; signal?: string }) | null;
      resolve({ code: e ? (typeof e.code === 'number' ? e.code : null) : 0, signal: e?.signal ?? null, stdout, stderr });
    });
  });
  assert.equal(result.signal, null, `killed by ${result.signal}: ${result.stderr.slice(0, 2000)}`);
  assert.equal(result.code, 0, result.stderr.slice(0, 2000));
  assert.equal(result.stdout.trim(), `cycles: ${CYCLES}`);
});
