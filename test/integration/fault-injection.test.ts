/**
 * Fault injection (issue 10, "Systematic"): `weft run` is killed with SIGKILL or SIGTERM at random points of
 * (a) a multi-partition run that spills under `--memory-limit` and (b) a `to_textfiles` run, some at a random time,
 * some the moment the run starts spilling or starts its commit. After each kill:
 *  - no output file is torn: each target holds its old content or its full new content, and once the next run has
 *    started the folder holds one whole state, the old one or the new one;
 *  - the next run removes the spill folders and partial files of dead runs (and never those of a live process:
 *    decoys of a live process sit in the spill folder and the output folder throughout), and its results are right;
 *  - a SIGTERM that Weft handles (exit 130 or 143) has removed its spill folder and partials by the time it exits.
 * Seeded: WEFT_FAULT_SEED picks the kill points (printed with every failure); WEFT_FAULT_BUDGET_S bounds the time.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCli, type CliResult } from '../support/run-cli.js';
import { Random } from '../corpus/random.js';
import { markerOf, processStartTime } from '../../engine/io/process-marker.js';

const SEED = Number(process.env.WEFT_FAULT_SEED ?? 20261202);
const BUDGET_MS = Number(process.env.WEFT_FAULT_BUDGET_S ?? 24) * 1000;
const MIN_INJECTIONS = 4;
const LINES = 100_000;

function line(i: number): string {
  return `${i},k${i % 97},${(i * 7919) % 10007},the quick brown fox jumps over the lazy dog ${i % 13}`;
}

let dir = '';
let spillDir = '';
let live: ChildProcess;
let liveSpillDecoy = '';
let liveOutputDecoy = '';
let deadPid = 0;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-fault-'));
  spillDir = path.join(dir, 'spill');
  fs.mkdirSync(spillDir);
  fs.mkdirSync(path.join(dir, 'data'));
  fs.writeFileSync(path.join(dir, 'data', 'lines.txt'), Array.from({ length: LINES }, (_, i) => line(i) + '\n').join(''));
  // A live process's spill folder and partial output look like a dead one's to a careless cleanup.
  live = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  await new Promise((resolve) => live.once('spawn', resolve));
  const liveMarker = markerOf(live.pid!, processStartTime(live.pid!)!);
  liveSpillDecoy = `weft-spill-${liveMarker}-decoy1`;
  fs.mkdirSync(path.join(spillDir, liveSpillDecoy));
  fs.writeFileSync(path.join(spillDir, liveSpillDecoy, 'spill.db'), 'a live run spills here');
  liveOutputDecoy = `99.txt.${liveMarker}.weft-partial`;
  deadPid = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
});

after(() => {
  live?.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

function writePipeline(name: string, nodes: unknown[]): string {
  const file = path.join(dir, `${name}.weft.json`);
  fs.writeFileSync(file, JSON.stringify({ weft: 1, nodes }));
  return file;
}

const RAW = { id: 'raw', op: 'bag.read_text', params: { urlpath: 'data/lines.txt', blocksize: '1MB' } };

/** When to send the signal: after a time, or some time after a name (given the run's pid) appears in a folder. */
type Trigger = { kind: 'time'; ms: number } | { kind: 'appears'; folder: string; what: string; matches: (name: string, pid: number) => boolean; ms: number };

interface Injection {
  result: CliResult;
  pid: number;
  /** Whether the signal reached a running process (otherwise the run had ended first). */
  injected: boolean;
}

/** Starts `weft run`, sends `signal` when the trigger fires, and waits for the process to end. */
async function runAndKill(args: string[], signal: NodeJS.Signals, trigger: Trigger): Promise<Injection> {
  const { child, done } = startCli(['run', ...args], { cwd: dir });
  const pid = child.pid!;
  let injected = false;
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) injected = child.kill(signal);
  };
  let watcher: fs.FSWatcher | null = null;
  let timer: NodeJS.Timeout | null = null;
  if (trigger.kind === 'time') {
    timer = setTimeout(kill, trigger.ms);
  } else {
    watcher = fs.watch(trigger.folder, (_event, name) => {
      if (!name || !trigger.matches(name, pid) || timer) return;
      if (trigger.ms === 0) kill();
      else timer = setTimeout(kill, trigger.ms);
    });
  }
  const result = await done;
  watcher?.close();
  if (timer) clearTimeout(timer);
  return { result, pid, injected };
}

function describeTrigger(trigger: Trigger): string {
  return trigger.kind === 'time' ? `after ${trigger.ms} ms` : `${trigger.ms} ms after ${trigger.what}`;
}

async function runToEnd(args: string[]): Promise<CliResult> {
  return startCli(['run', ...args], { cwd: dir }).done;
}

/** What ended the run: it finished first, Weft handled the signal, or the signal ended it. */
function outcome(injection: Injection, context: string): 'finished' | 'graceful' | 'killed' {
  const { code, signal, stderr } = injection.result;
  if (code === 0) return 'finished';
  if (code === 130 || code === 143) return 'graceful';
  assert.ok(signal === 'SIGKILL' || signal === 'SIGTERM', `${context}: the run ended with code ${code}, signal ${signal}: ${stderr}`);
  return 'killed';
}

function spillFoldersOf(pid: number): string[] {
  return fs.readdirSync(spillDir).filter((name) => name.startsWith(`weft-spill-${pid}-`));
}

test('killed spilling runs and to_textfiles runs leave no torn output, and the next run cleans up and is right', { timeout: 240_000 }, async (t) => {
  // Seeded, so that a failing sequence of kill points can be replayed (WEFT_FAULT_SEED).
  const rng = new Random(SEED);
  const next = () => rng.next();
  const counts = new Map<string, number>();
  const count = (what: string) => counts.set(what, (counts.get(what) ?? 0) + 1);
  const report = () => [...counts].map(([k, v]) => `${k}: ${v}`).join(', ');
  const step = (context: string) => `seed ${SEED}, ${context}`;

  // (a) A shuffle and a persisted bag under 16 MB: the groupby holds every line, well past 30% of the limit.
  const spillPipeline = writePipeline('spill', [
    RAW,
    { id: 'groups', op: 'bag.groupby', inputs: ['raw'], params: { grouper: "lambda line: line.split(',')[1]", npartitions: 4 } },
    { id: 'sizes', op: 'bag.map', inputs: ['groups'], params: { func: 'lambda g: (g[0], len(g[1]))' } },
    { id: 'kept', op: 'bag.persist', inputs: ['raw'] },
    { id: 'n', op: 'bag.count', inputs: ['kept'] },
    {
      id: 'by_mod',
      op: 'bag.foldby',
      inputs: ['kept'],
      params: { key: "lambda line: int(line.split(',')[2]) % 100", binop: 'lambda n, line: n + 1', initial: 0, combine: 'lambda a, b: a + b', combine_initial: 0 },
    },
  ]);
  const spillArgs = [spillPipeline, '--memory-limit', '16MB', '--spill-dir', spillDir, '--workers', '2', '--json'];
  const sizes = new Map<string, number>();
  const byMod = new Map<number, number>();
  for (let i = 0; i < LINES; i++) {
    sizes.set(`k${i % 97}`, (sizes.get(`k${i % 97}`) ?? 0) + 1);
    byMod.set(((i * 7919) % 10007) % 100, (byMod.get(((i * 7919) % 10007) % 100) ?? 0) + 1);
  }
  const sorted = (pairs: unknown[]) => pairs.map((p) => JSON.stringify(p)).sort();
  const checkSpillRun = (r: CliResult, context: string) => {
    assert.equal(r.code, 0, `${context}: ${r.stderr}`);
    const { results, stats } = JSON.parse(r.stdout);
    assert.equal(results.n, LINES, context);
    assert.deepEqual(sorted(results.sizes), sorted([...sizes]), context);
    assert.deepEqual(sorted(results.by_mod), sorted([...byMod]), context);
    assert.ok(stats.spill.bytesSpilled > 0, `${context}: the run spilled`);
    return stats;
  };
  const started = performance.now();
  const reference = await runToEnd(spillArgs);
  const runMs = performance.now() - started;
  checkSpillRun(reference, step('the first spilling run'));
  t.diagnostic(`a spilling run takes ${runMs.toFixed(0)} ms`);

  let spillInjections = 0;
  const spillEnd = performance.now() + BUDGET_MS / 2;
  while (spillInjections < MIN_INJECTIONS || performance.now() < spillEnd) {
    const signal = next() < 0.5 ? 'SIGKILL' : 'SIGTERM';
    const trigger: Trigger =
      next() < 0.5
        ? { kind: 'time', ms: Math.round(next() * runMs * 1.1) }
        : { kind: 'appears', folder: spillDir, what: 'it starts spilling', matches: (name, pid) => name.startsWith(`weft-spill-${pid}-`), ms: Math.round(next() * runMs * 0.3) };
    const context = step(`spilling run, ${signal} ${describeTrigger(trigger)}`);
    const killed = await runAndKill(spillArgs, signal, trigger);
    const how = outcome(killed, context);
    if (killed.injected) spillInjections++;
    count(`spill ${killed.injected ? how : 'not reached'}`);
    if (how === 'finished') checkSpillRun(killed.result, context);
    if (how === 'graceful') assert.deepEqual(spillFoldersOf(killed.pid), [], `${context}: a handled SIGTERM removes its spill folder before it exits`);
    if (how === 'killed' && spillFoldersOf(killed.pid).length > 0) count('spill folders left by a killed run');
    checkSpillRun(await runToEnd(spillArgs), `${context}: the next run`);
    assert.deepEqual(fs.readdirSync(spillDir), [liveSpillDecoy], `${context}: after the next run only the live process's spill folder is left`);
    assert.equal(fs.readFileSync(path.join(spillDir, liveSpillDecoy, 'spill.db'), 'utf8'), 'a live run spills here');
  }

  // (b) to_textfiles: versions 1 and 2 of the same lines, one file per partition; each run replaces the other's.
  const textPipeline = (version: number | 'fail', out: string) =>
    writePipeline(`text-${version}-${out}`, [
      // More, smaller files than the spilling run's partitions: a longer commit to land in.
      { ...RAW, params: { ...RAW.params, blocksize: '256kB' } },
      {
        id: 'tagged',
        op: 'bag.map',
        inputs: ['raw'],
        // The failing version stops at the first line of partition 0, after the run has started and cleaned up.
        params: { func: version === 'fail' ? "lambda line: 1 / 0 if line.startswith('0,') else line" : `lambda line: 'v${version}|' + line` },
      },
      { id: 'write', op: 'bag.to_textfiles', inputs: ['tagged'], params: { path: `${out}/*.txt` } },
    ]);
  const textArgs = (file: string) => [file, '--spill-dir', spillDir, '--workers', '2'];
  const refs = new Map<number, Map<string, string>>();
  for (const version of [1, 2]) {
    const r = await runToEnd(textArgs(textPipeline(version, `ref${version}`)));
    assert.equal(r.code, 0, r.stderr);
    const folder = path.join(dir, `ref${version}`);
    const files = new Map(fs.readdirSync(folder).sort().map((name) => [name, fs.readFileSync(path.join(folder, name), 'utf8')]));
    // read_text keeps each line's newline, and to_textfiles puts one between elements, as Dask does.
    const expected = Array.from({ length: LINES }, (_, i) => `v${version}|${line(i)}\n`).join('\n');
    assert.ok([...files.values()].join('\n') === expected, `version ${version} holds every line once, in order`);
    assert.ok(files.size >= 20, `${files.size} partitions`);
    refs.set(version, files);
  }
  const names = [...refs.get(1)!.keys()];
  assert.deepEqual([...refs.get(2)!.keys()], names);
  const out = path.join(dir, 'out');
  const textTimer = performance.now();
  assert.equal((await runToEnd(textArgs(textPipeline(1, 'out')))).code, 0);
  const textMs = performance.now() - textTimer;
  t.diagnostic(`a to_textfiles run takes ${textMs.toFixed(0)} ms`);
  fs.writeFileSync(path.join(out, liveOutputDecoy), 'a live run writes this');
  let committed = 1;
  const isLeftover = (name: string) => /\.weft-(partial|backup|copy)$|^\.weft-commit\./.test(name);
  /** Which whole state the folder holds (1 or 2), or null when some targets are old and some new. */
  const stateOf = (context: string, allowLeftovers: boolean): number | null => {
    const present = fs.readdirSync(out).filter((n) => n !== liveOutputDecoy);
    const others = present.filter((n) => !names.includes(n) && !(allowLeftovers && isLeftover(n)));
    assert.deepEqual(others, [], `${context}: files that are neither targets nor ${allowLeftovers ? 'leftovers' : 'expected'}`);
    const versions = names.map((name) => {
      assert.ok(present.includes(name), `${context}: ${name} is missing`);
      const text = fs.readFileSync(path.join(out, name), 'utf8');
      const version = [1, 2].find((v) => refs.get(v)!.get(name) === text);
      assert.ok(version !== undefined, `${context}: ${name} is torn (${text.length} characters, neither version)`);
      return version;
    });
    assert.equal(fs.readFileSync(path.join(out, liveOutputDecoy), 'utf8'), 'a live run writes this', `${context}: a live process's partial file is kept`);
    return versions.every((v) => v === versions[0]) ? versions[0] : null;
  };

  let textInjections = 0;
  const textEnd = performance.now() + BUDGET_MS / 2;
  while (textInjections < MIN_INJECTIONS || performance.now() < textEnd) {
    const version = committed === 1 ? 2 : 1;
    const signal = next() < 0.5 ? 'SIGKILL' : 'SIGTERM';
    // Half at a random time; the others in the commit, which takes a millisecond or two: as its journal appears, or
    // as one of the targets is replaced.
    const choice = next();
    const target = names[Math.floor(next() * names.length)];
    const trigger: Trigger =
      choice < 0.5
        ? { kind: 'time', ms: Math.round(next() * textMs * 1.1) }
        : choice < 0.75
          ? { kind: 'appears', folder: out, what: 'its commit journal appears', matches: (name, pid) => name.startsWith(`.weft-commit.${pid}-`) && name.endsWith('.json'), ms: 0 }
          : { kind: 'appears', folder: out, what: `it replaces ${target}`, matches: (name) => name === target, ms: 0 };
    const context = step(`to_textfiles run of version ${version} over ${committed}, ${signal} ${describeTrigger(trigger)}`);
    // A dead run's spill folder, which a run that does not spill must remove as it starts.
    const deadSpill = path.join(spillDir, `weft-spill-${markerOf(deadPid, 1)}-dead01`);
    fs.mkdirSync(deadSpill);
    const killed = await runAndKill(textArgs(textPipeline(version, 'out')), signal, trigger);
    const how = outcome(killed, context);
    if (killed.injected) textInjections++;
    count(`to_textfiles ${killed.injected ? how : 'not reached'}`);
    const afterKill = stateOf(`${context}: after the kill`, how === 'killed');
    if (how === 'finished') assert.equal(afterKill, version, `${context}: a run that finished wrote every file`);
    // A handled SIGTERM stops the run before its commit or lets a commit in progress finish (it is synchronous): one
    // whole state, and (stateOf without leftovers) nothing else.
    if (how === 'graceful') assert.ok(afterKill === committed || afterKill === version, `${context}: a handled SIGTERM leaves one whole state`);
    if (afterKill === null) count('to_textfiles killed mid-commit (old and new files)');
    if (fs.readdirSync(out).some((n) => n.startsWith('.weft-commit.'))) count('commit journals left by a killed run');
    // The next run fails at once, after it has cleared up: what it leaves is one whole state and nothing else.
    const failing = await runToEnd(textArgs(textPipeline('fail', 'out')));
    assert.equal(failing.code, 1, `${context}: ${failing.stderr}`);
    assert.match(failing.stderr, /ZeroDivisionError/);
    const recovered = stateOf(`${context}: after the next run`, false);
    assert.ok(recovered !== null, `${context}: the next run restores one whole state`);
    assert.ok(recovered === committed || recovered === version);
    assert.equal(fs.existsSync(deadSpill), false, `${context}: a run that does not spill still removes dead runs' spill folders`);
    assert.deepEqual(fs.readdirSync(spillDir), [liveSpillDecoy], context);
    committed = recovered;
    const good = await runToEnd(textArgs(textPipeline(version, 'out')));
    assert.equal(good.code, 0, `${context}: ${good.stderr}`);
    assert.equal(stateOf(`${context}: after a good run`, false), version);
    committed = version;
  }
  t.diagnostic(`fault injections: ${spillInjections + textInjections} (${spillInjections} spilling, ${textInjections} to_textfiles); ${report()}`);
});
