/**
 * `weft run FILE --cluster` against a real local Dask cluster (a dask-scheduler and two dask-workers on 127.0.0.1):
 * the samples give Weft's own results, progress is reported while they run, and failures come back as clear
 * messages: a worker's exception on the node that raised it, an unreachable scheduler by its address.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadPipelineFile, runPipeline, toJsonText } from '../../engine/index.js';
import { KDD_FILE, PYTHON, REPO_ROOT, hasDask, requireOrSkip, requireKddFile } from '../support/environment.js';
import { makeSamplesWorkspace } from '../support/samples-workspace.js';
import { asMultiset, parseJsonKeepingFloats } from '../support/compare-json.js';
import { runCli } from '../support/run-cli.js';
import { freePort, hasDistributed, startDaskCluster, WORKER_FAILURE_PIPELINE, type DaskCluster } from '../support/dask-cluster.js';

const SAMPLES = ['bag-creation', 'bag-basics', 'set-operations', 'dataframe-basics'];

describe('weft run --cluster on a local Dask cluster', () => {
  let dir = '';
  let cluster: DaskCluster | null = null;
  let startError: Error | null = null;
  const available = () => fs.existsSync(KDD_FILE) && hasDask() && hasDistributed();

  before(async () => {
    if (!available()) return;
    dir = makeSamplesWorkspace();
    fs.writeFileSync(path.join(dir, 'failing.weft.json'), JSON.stringify(WORKER_FAILURE_PIPELINE));
    fs.cpSync(path.join(REPO_ROOT, 'test/fixtures/pipelines/groupby.weft.json'), path.join(dir, 'groupby.weft.json'));
    try {
      cluster = await startDaskCluster();
    } catch (e) {
      startError = e as Error;
    }
  });
  after(async () => {
    await cluster?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const ready = (t: Parameters<typeof requireOrSkip>[0]) => {
    if (!requireKddFile(t)) return false;
    if (!requireOrSkip(t, hasDask() && hasDistributed(), "Debian's python3-dask and python3-distributed")) return false;
    if (startError) throw startError;
    return true;
  };

  for (const name of SAMPLES) {
    test(`${name}: the cluster's results are Weft's, with progress while it runs`, async (t) => {
      if (!ready(t)) return;
      const file = path.join(dir, `${name}.weft.json`);
      const run = await runCli(['run', file, '--cluster', cluster!.address, '--python', PYTHON, '--json']);
      assert.equal(run.code, 0, run.stderr);
      const ours = await runPipeline(loadPipelineFile(file), { baseDir: dir });
      const theirs = parseJsonKeepingFloats(run.stdout) as { results: Record<string, unknown> };
      assert.deepEqual(theirs.results, parseJsonKeepingFloats(toJsonText(ours.results)));
      assert.match(run.stderr, new RegExp(`progress: 100% of tasks on ${cluster!.address}`));
    });
  }

  test("the cluster's values print as Weft prints its own: tuples, reprs, previews", async (t) => {
    if (!ready(t)) return;
    const file = path.join(dir, 'bag-basics.weft.json');
    const [remote, local] = await Promise.all([runCli(['run', file, '--cluster', cluster!.address, '--python', PYTHON]), runCli(['run', file])]);
    assert.equal(remote.code, 0, remote.stderr);
    assert.match(remote.stdout, /^tag_counts: \[\('smurf', 280790\), \('neptune', 107201\), .*\] \(23 elements\)$/m);
    assert.equal(remote.stdout, local.stdout);
  });

  test("a take's result comes back as Dask's eager take and Weft give it: a tuple, printed as one", async (t) => {
    if (!ready(t)) return;
    const file = path.join(dir, 'set-operations.weft.json');
    const [remote, local] = await Promise.all([runCli(['run', file, '--cluster', cluster!.address, '--python', PYTHON]), runCli(['run', file])]);
    assert.equal(remote.code, 0, remote.stderr);
    assert.match(remote.stdout, /^protocol_list: \('tcp', 'udp', 'icmp'\)$/m);
    assert.equal(remote.stdout, local.stdout);
  });

  test('groupby on workers that share a PYTHONHASHSEED gives the groups whole, as Weft does', async (t) => {
    if (!ready(t)) return;
    const file = path.join(dir, 'groupby.weft.json');
    const run = await runCli(['run', file, '--cluster', cluster!.address, '--python', PYTHON, '--json']);
    assert.equal(run.code, 0, run.stderr);
    const theirs = (parseJsonKeepingFloats(run.stdout) as { results: Record<string, unknown> }).results;
    const ours = parseJsonKeepingFloats(toJsonText((await runPipeline(loadPipelineFile(file), { baseDir: dir })).results)) as Record<string, unknown>;
    // Dask leaves the order of groups (and of a group's elements across partitions) undefined.
    for (const id of ['by_parity', 'sizes']) assert.deepEqual(asMultiset(theirs[id], true), asMultiset(ours[id], true), id);
    assert.deepEqual(theirs.ngroups, ours.ngroups);
  });

  test("a worker's exception names the node that raised it", async (t) => {
    if (!ready(t)) return;
    const run = await runCli(['run', path.join(dir, 'failing.weft.json'), '--cluster', cluster!.address, '--python', PYTHON]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /weft: node 'inverse' failed on the Dask cluster: ZeroDivisionError: integer division or modulo by zero/);
  });

  test('an unreachable scheduler is reported by its address', async (t) => {
    if (!ready(t)) return;
    const address = `tcp://127.0.0.1:${await freePort()}`;
    const run = await runCli(['run', path.join(dir, 'failing.weft.json'), '--cluster', address, '--python', PYTHON, '--timeout', '2']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, new RegExp(`weft: cannot reach the Dask scheduler at ${address}: OSError: Timed out trying to connect`));
  });

  test('an address that is not a scheduler address is a usage error, before anything runs', async () => {
    const run = await runCli(['run', 'any.weft.json', '--cluster', '127.0.0.1:8786']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--cluster needs a scheduler address like tcp:\/\/127\.0\.0\.1:8786, not '127\.0\.0\.1:8786'/);
    const mixed = await runCli(['run', 'any.weft.json', '--cluster', 'tcp://127.0.0.1:8786', '--scheduler', 'sync', '--workers', '2']);
    assert.equal(mixed.code, 2);
    assert.match(mixed.stderr, /--scheduler, --workers are for Weft's own engine, not with --cluster/);
  });

  test('a missing interpreter is reported by its name', async () => {
    const run = await runCli(['run', path.join(dir || '.', 'failing.weft.json'), '--cluster', 'tcp://127.0.0.1:1', '--python', '/nonexistent/python3']);
    assert.equal(run.code, dir ? 1 : 2);
    if (dir) assert.match(run.stderr, /cannot start the Python interpreter '\/nonexistent\/python3'/);
  });
});

describe('weft run --cluster on workers that hash strings differently', () => {
  let dir = '';
  let cluster: DaskCluster | null = null;
  let startError: Error | null = null;
  before(async () => {
    if (!hasDask() || !hasDistributed()) return;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-cluster-seed-'));
    fs.cpSync(path.join(REPO_ROOT, 'test/fixtures/pipelines/groupby.weft.json'), path.join(dir, 'groupby.weft.json'));
    try {
      cluster = await startDaskCluster({ hashSeed: null });
    } catch (e) {
      startError = e as Error;
    }
  });
  after(async () => {
    await cluster?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a groupby stops with the fix instead of returning split groups', async (t) => {
    if (!requireOrSkip(t, hasDask() && hasDistributed(), "Debian's python3-dask and python3-distributed")) return;
    if (startError) throw startError;
    const run = await runCli(['run', path.join(dir, 'groupby.weft.json'), '--cluster', cluster!.address, '--python', PYTHON]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /groupby nodes 'by_mod', 'by_parity' need every Dask worker to hash alike: start them all with the same PYTHONHASHSEED/);
  });
});
