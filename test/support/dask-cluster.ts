/**
 * A local Dask cluster for the tests: Debian's `dask-scheduler` and two `dask-worker`s on 127.0.0.1 (no dashboards),
 * each in its own process group so that stopping it ends the nanny and its worker process too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

const SCHEDULER = '/usr/bin/dask-scheduler';
const WORKER = '/usr/bin/dask-worker';

/** A pipeline whose map raises ZeroDivisionError in a worker on the element 7, for the cluster error tests. */
export const WORKER_FAILURE_PIPELINE = {
  weft: 1,
  name: 'Failing',
  nodes: [
    { id: 'nums', op: 'bag.from_sequence', params: { seq: 'range(10)', npartitions: 2 } },
    { id: 'inverse', op: 'bag.map', inputs: ['nums'], params: { func: 'lambda x: 10 // (x - 7)' } },
    { id: 'total', op: 'bag.sum', inputs: ['inverse'] },
  ],
};

/** True when Debian's python3-distributed is installed. */
export function hasDistributed(): boolean {
  return fs.existsSync(SCHEDULER) && fs.existsSync(WORKER);
}

/** A port nothing listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface DaskCluster {
  address: string;
  stop(): Promise<void>;
}

function start(command: string, args: string[], ready: RegExp, log: string[], env: NodeJS.ProcessEnv = process.env): { child: ChildProcess; ready: Promise<void> } {
  const child = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
  const readyPromise = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} did not start within 60 s:\n${log.join('').slice(-3000)}`)), 60_000);
    const onData = (d: Buffer) => {
      log.push(String(d));
      if (ready.test(log.join(''))) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited (${code}) before it was ready:\n${log.join('').slice(-3000)}`));
    });
  });
  readyPromise.catch(() => {});
  return { child, ready: readyPromise };
}

function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => kill('SIGKILL'), 5000);
    child.on('exit', () => {
      clearTimeout(timer);
      // The nanny's worker process is in the same group: make sure it is gone too.
      kill('SIGKILL');
      resolve();
    });
    kill('SIGTERM');
  });
}

/**
 * Starts a scheduler and two single-threaded workers; `stop` ends them all, whatever state they are in. The workers
 * get `hashSeed` as PYTHONHASHSEED (as Dask's docs ask for groupby on a cluster), or none at all when it is null.
 */
export async function startDaskCluster(options: { hashSeed?: string | null } = {}): Promise<DaskCluster> {
  const { PYTHONHASHSEED: _inherited, ...env } = process.env;
  const hashSeed = options.hashSeed === undefined ? '0' : options.hashSeed;
  const workerEnv = hashSeed === null ? env : { ...env, PYTHONHASHSEED: hashSeed };
  const port = await freePort();
  const address = `tcp://127.0.0.1:${port}`;
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map(stopGroup));
  };
  try {
    const schedulerLog: string[] = [];
    const scheduler = start(SCHEDULER, ['--host', '127.0.0.1', '--port', String(port), '--no-dashboard'], /Scheduler at:/, schedulerLog);
    children.push(scheduler.child);
    await scheduler.ready;
    const workers = [0, 1].map(() => start(WORKER, [address, '--host', '127.0.0.1', '--nthreads', '1', '--no-dashboard'], /Registered to:/, [], workerEnv));
    children.push(...workers.map((w) => w.child));
    await Promise.all(workers.map((w) => w.ready));
    return { address, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
