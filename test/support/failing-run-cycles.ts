/**
 * Run as a child process by worker-teardown.test.ts: runs a pipeline whose one partition fails while the other is
 * still computing, again and again, each run with a thread pool of its own. Every failure aborts the
 * other task, piscina replaces that task's thread, and the pool is closed a moment later (as the app does when its
 * window closes, and the command line when it exits) while the new thread may still be loading: the moment at which
 * loading worker.js by require() aborted the whole process. Prints `cycles: N` when all
 * of them failed as they should.
 */
import { createThreadExecutor, runPipeline, WeftError, type PipelineFile } from '../../engine/index.js';

const cycles = Number(process.argv[2] ?? 100);

function pipeline(spin: number): PipelineFile {
  return {
    weft: 1,
    functions: `def f(x):\n    if x == 1:\n        i = 0\n        while i < ${spin}:\n            i += 1\n        raise ValueError('boom')\n    i = 0\n    while i < ${spin * 20}:\n        i += 1\n    return x\n`,
    nodes: [
      { id: 's', op: 'bag.from_sequence', params: { seq: '[0, 1]', npartitions: 2 } },
      { id: 'b', op: 'bag.map', inputs: ['s'], params: { func: 'f' } },
      { id: 'n', op: 'bag.count', inputs: ['b'] },
    ],
  };
}

for (let i = 0; i < cycles; i++) {
  // Spread the failure over the first milliseconds, and the close over the replacement thread's start-up and loading
  // (some tens of milliseconds), so that the close meets the new thread at every stage.
  const spin = 20_000 * (1 + (i % 7));
  const executor = createThreadExecutor({ workers: 2 });
  try {
    await runPipeline(pipeline(spin), { baseDir: process.cwd(), executor });
    throw new Error(`cycle ${i}: the run did not fail`);
  } catch (e) {
    if (!(e instanceof WeftError) || !/ValueError: boom/.test(e.message)) throw e;
  }
  await new Promise((resolve) => setTimeout(resolve, (i * 7) % 61));
  await executor.close();
}
process.stdout.write(`cycles: ${cycles}\n`);
