/**
 * `weft run` starts its worker threads first, before the rest of the command loads: a worker takes about 50 ms to
 * boot and load its own bundle, and would otherwise start only once the command's bundle has loaded (about 45 ms),
 * so a cold run waited for both in turn. Only a run on the pool a session makes by default starts early: the options
 * that decide the pool (POOL_OPTIONS) are read with the rest of the command line, later. The run's session adopts
 * the threads (cli/weft.ts); whatever else happens (a usage error, a bad file), main closes them.
 *
 * Only the threads start here, not an executor: the executor decodes results into Python values and names failures
 * with the engine's classes, which must be those of the engine the command loads, not copies in this small bundle.
 * This module reaches past the engine's front door (engine/index.ts) on purpose: loading the front door is what the
 * threads' start overlaps.
 */
import { sessionPoolOptions } from '../engine/run/session-executor.js';
import { startThreadPool, type StartedPool } from '../engine/schedule/thread-pool.js';

/** `weft run`'s options that decide how its pool is made (see commandRun in weft.ts). */
const POOL_OPTIONS = ['--scheduler', '--workers', '--memory-limit', '--cluster'];

/** The default pool's threads, started now, when `argv` is a `weft run` that will use them; otherwise undefined. */
export function startEarlyPool(argv: readonly string[]): StartedPool | undefined {
  if (argv[0] !== 'run') return undefined;
  if (argv.some((arg) => POOL_OPTIONS.some((option) => arg === option || arg.startsWith(`${option}=`)))) return undefined;
  return startThreadPool(sessionPoolOptions({}));
}
