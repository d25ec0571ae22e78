/**
 * Issue 10's probes of params, files and the command line, driven as the prober did (the `weft` command as a child
 * process), each checked against what Dask 2022.12 does with the same pipeline where Dask accepts it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { findDaskPython, type NodeSpec } from '../../engine/index.js';
import { PYTHON, hasDask, requireOrSkip } from '../support/environment.js';
import { hasDistributed } from '../support/dask-cluster.js';
import { runCli, type CliResult } from '../support/run-cli.js';
import { runOnDask } from '../support/dask-reference.js';

/** What no message of Weft's may contain: a stack frame, or JavaScript speaking instead of Weft. */
const JS_NOISE = /\n\s+at |is not a function|Cannot read properties|undefined|internal error/;

function assertClean(r: CliResult, code: number, message: RegExp): void {
  assert.equal(r.code, code, `exit ${r.code}: ${r.stderr}`);
  assert.match(r.stderr, message);
  assert.doesNotMatch(r.stderr, JS_NOISE);
}

describe('hostile inputs to the weft command', () => {
  let dir = '';
  let n = 0;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-hostile-'));
    fs.writeFileSync(path.join(dir, 'lines.txt'), 'a\nb\nc\nd\ne\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (nodes: NodeSpec[], name = `p${++n}`): string => {
    const file = path.join(dir, `${name}.weft.json`);
    fs.writeFileSync(file, JSON.stringify({ weft: 1, nodes }));
    return file;
  };
  const seq = (params: Record<string, unknown> = {}): NodeSpec => ({ id: 's', op: 'bag.from_sequence', params: { seq: 'range(10)', npartitions: 3, ...params } });

  test('every numeric param out of range is refused at validation, naming node and param (exit 2)', async () => {
    const cases: Array<[NodeSpec[], RegExp]> = [
      [[{ id: 'raw', op: 'bag.read_text', params: { urlpath: 'lines.txt', files_per_partition: 0 } }], /node 'raw' \(bag\.read_text\): param 'files_per_partition' must be at least 1, not 0/],
      [[{ id: 's', op: 'bag.from_sequence', params: { seq: 'range(5)', npartitions: 0 } }], /node 's' \(bag\.from_sequence\): param 'npartitions' must be at least 1, not 0/],
      [[{ id: 's', op: 'bag.from_sequence', params: { seq: 'range(5)', partition_size: -3 } }], /param 'partition_size' must be at least 1, not -3/],
      [[seq(), { id: 'g', op: 'bag.groupby', inputs: ['s'], params: { grouper: 'lambda x: x % 2', npartitions: 0 } }], /node 'g' \(bag\.groupby\): param 'npartitions' must be at least 1/],
      [[seq(), { id: 'r', op: 'bag.repartition', inputs: ['s'], params: { npartitions: -1 } }], /node 'r' \(bag\.repartition\): param 'npartitions' must be at least 1/],
      [[seq(), { id: 't', op: 'bag.take', inputs: ['s'], params: { k: -1 } }], /node 't' \(bag\.take\): param 'k' must be at least 0, not -1/],
      [[seq(), { id: 'c', op: 'bag.sum', inputs: ['s'], params: { split_every: 1 } }], /node 'c' \(bag\.sum\): param 'split_every' must be at least 2, or false, not 1/],
      [[seq(), { id: 'f', op: 'bag.frequencies', inputs: ['s'], params: { split_every: 0 } }], /node 'f' \(bag\.frequencies\): param 'split_every' must be at least 2/],
      [[{ id: 'raw', op: 'bag.read_text', params: { urlpath: 'lines.txt', blocksize: 0 } }], /param 'blocksize' must be at least 1, not 0/],
      [[{ id: 'raw', op: 'bag.read_text', params: { urlpath: 'lines.txt', blocksize: '0B' } }], /param 'blocksize' must be at least 1, not 0 \("0B" is 0 bytes\)/],
      [[{ id: 'raw', op: 'bag.read_text', params: { urlpath: 'lines.txt', blocksize: {} } }], /node 'raw' \(bag\.read_text\): param 'blocksize' must be a whole number of bytes or a size such as "64MB", not an object/],
      [[{ id: 'raw', op: 'bag.read_text', params: { urlpath: 'lines.txt', blocksize: 1.5 } }], /param 'blocksize' must be a whole number of bytes/],
      [[{ id: 'raw', op: 'bag.read_text', params: { urlpath: 'lines.txt', blocksize: 'lots' } }], /param 'blocksize' could not interpret 'lots' as a byte size/],
      [[seq({ npartitions: 1e300 })], /param 'npartitions' must be a whole number of at most 9007199254740991/],
      [[seq({ npartitions: '3' })], /param 'npartitions' must be a whole number, not "3"/],
      [[seq(), { id: 'v', op: 'bag.var', inputs: ['s'], params: { ddof: true } }], /node 'v' \(bag\.var\): param 'ddof' must be a whole number, not true/],
    ];
    for (const [nodes, message] of cases) assertClean(await runCli(['check', write(nodes)]), 2, message);
  });

  test('the smallest values Dask accepts are accepted and give what Dask gives', async (t) => {
    if (!requireOrSkip(t, hasDask(), "Debian's python3-dask")) return;
    const file = write(
      [
        seq(),
        { id: 'take_zero_partitions', op: 'bag.take', inputs: ['s'], params: { k: 2, npartitions: 0 } },
        { id: 'take_none', op: 'bag.take', inputs: ['s'], params: { k: 0 } },
        { id: 'take_all', op: 'bag.take', inputs: ['s'], params: { k: 20, npartitions: -5 } },
        { id: 'top_negative', op: 'bag.topk', inputs: ['s'], params: { k: -1 } },
        { id: 'total', op: 'bag.sum', inputs: ['s'], params: { split_every: 2 } },
        { id: 'var_neg', op: 'bag.var', inputs: ['s'], params: { ddof: -1 } },
        { id: 'one', op: 'bag.from_sequence', params: { seq: 'range(4)', partition_size: 1 } },
        { id: 'one_count', op: 'bag.count', inputs: ['one'] },
        { id: 'blocks', op: 'bag.read_text', params: { urlpath: 'lines.txt', blocksize: 1 } },
        { id: 'files', op: 'bag.read_text', params: { urlpath: 'lines.txt', files_per_partition: 1 } },
        { id: 'both', op: 'bag.concat', inputs: ['blocks', 'files'] },
      ],
      'boundaries',
    );
    const [weft, dask] = await Promise.all([runCli(['run', file, '--json']), runOnDask(file)]);
    assert.equal(weft.code, 0, weft.stderr);
    assert.equal(dask.parsed.error, undefined, JSON.stringify(dask.parsed.error));
    const results = JSON.parse(weft.stdout).results;
    // Weft prints a take's tuple as {items: [...]}; Dask's reference prints the same tuple as a list.
    const plain = (v: unknown) => (v && typeof v === 'object' && 'items' in v ? (v as { items: unknown }).items : v);
    for (const [id, value] of Object.entries(dask.parsed.results!)) assert.deepEqual(plain(results[id]), value, id);
  });

  test('encodings: Python names and aliases read and write as Python does; others are refused with the list', async (t) => {
    const latin = path.join(dir, 'latin.txt');
    fs.writeFileSync(latin, Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a, 0xff, 0x0a]));
    const file = write(
      [
        { id: 'raw', op: 'bag.read_text', params: { urlpath: 'latin.txt', encoding: 'ISO-8859-1' } },
        { id: 'out', op: 'bag.to_textfiles', inputs: ['raw'], params: { path: 'latin-out/*.txt', encoding: 'latin_1' } },
      ],
      'latin',
    );
    const r = await runCli(['run', file]);
    assert.equal(r.code, 0, r.stderr);
    const written = fs.readFileSync(path.join(dir, 'latin-out', '0.txt'));
    if (requireOrSkip(t, hasDask(), "Debian's python3-dask")) {
      // Dask writes the same bytes from the same pipeline.
      const { execFileSync } = await import('node:child_process');
      const py = `import dask.bag as db\ndb.read_text(${JSON.stringify(latin)}, encoding='ISO-8859-1').to_textfiles(${JSON.stringify(path.join(dir, 'dask-latin', '*.txt'))}, encoding='latin_1')`;
      execFileSync(PYTHON, ['-c', py]);
      assert.deepEqual(written, fs.readFileSync(path.join(dir, 'dask-latin', '0.txt')));
    }
    // Lines keep their '\n' and to_textfiles joins them with another, as Dask does.
    assert.deepEqual(written, Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a, 0x0a, 0xff, 0x0a]));

    const ascii = write([
      { id: 's', op: 'bag.from_sequence', params: { seq: "['plain', 'café']", npartitions: 2 } },
      { id: 'out', op: 'bag.to_textfiles', inputs: ['s'], params: { path: 'ascii-out/*.txt', encoding: 'ascii' } },
    ]);
    assertClean(await runCli(['run', ascii]), 1, /node 'out', partition 1: UnicodeEncodeError: 'ascii' codec can't encode character '\\xe9' in position 3: ordinal not in range\(128\)\n\s+element: 'café'/);
    assert.ok(!fs.existsSync(path.join(dir, 'ascii-out', '1.txt')), 'nothing written under the name of the failed partition');

    const unknown = write([{ id: 'raw', op: 'bag.read_text', params: { urlpath: 'latin.txt', encoding: 'klingon' } }]);
    assertClean(await runCli(['check', unknown]), 2, /node 'raw' \(bag\.read_text\): param 'encoding' names an encoding Weft does not support: "klingon" \(supported: utf-8, latin-1, ascii/);
  });

  test('to_textfiles refuses a compression Weft cannot write, by param or by file name, and writes nothing', async () => {
    const byParam = write([seq(), { id: 'out', op: 'bag.to_textfiles', inputs: ['s'], params: { path: 'xz-out/*.txt', compression: 'xz' } }]);
    assertClean(await runCli(['run', byParam]), 2, /node 'out' \(bag\.to_textfiles\): param 'compression' must be 'infer', 'gzip' or null, not "xz"/);
    const byName = write([seq(), { id: 'out', op: 'bag.to_textfiles', inputs: ['s'], params: { path: 'bz-out/*.txt.bz2' } }]);
    assertClean(await runCli(['check', byName]), 2, /node 'out' \(bag\.to_textfiles\): .*0\.txt\.bz2 is bz2-compressed \(by its name, as Dask's compression='infer' reads it\), which Weft cannot read or write/);
    assertClean(await runCli(['run', byName]), 2, /bz2-compressed/);
    assert.ok(!fs.existsSync(path.join(dir, 'xz-out')) && !fs.existsSync(path.join(dir, 'bz-out')), 'no plain text under a compressed name');
    // A .gz name is gzip, as Dask infers it.
    const gz = write([seq(), { id: 'text', op: 'bag.map', inputs: ['s'], params: { func: 'str' } }, { id: 'out', op: 'bag.to_textfiles', inputs: ['text'], params: { path: 'gz-out/*.txt.gz' } }]);
    const written = await runCli(['run', gz]);
    assert.equal(written.code, 0, written.stderr);
    assert.equal(zlib.gunzipSync(fs.readFileSync(path.join(dir, 'gz-out', '0.txt.gz'))).toString(), '0\n1\n2\n3');
  });

  test('broken gzip and text name the node, the file and the byte offset; a folder or an empty urlpath says so', async () => {
    fs.writeFileSync(path.join(dir, 'fake.gz'), 'plain text, not gzip\n');
    const whole = zlib.gzipSync(Array.from({ length: 50_000 }, (_, i) => `line ${i}\n`).join(''));
    fs.writeFileSync(path.join(dir, 'cut.gz'), whole.subarray(0, whole.length >> 1));
    fs.writeFileSync(path.join(dir, 'bad.txt'), Buffer.concat([Buffer.from('fine\n'.repeat(3)), Buffer.from([0x78, 0xff, 0x0a])]));
    fs.mkdirSync(path.join(dir, 'folder'), { recursive: true });
    const read = (urlpath: string) => write([{ id: 'raw', op: 'bag.read_text', params: { urlpath } }, { id: 'n', op: 'bag.count', inputs: ['raw'] }]);
    assertClean(await runCli(['run', read('fake.gz')]), 1, /node 'raw' \(bag\.read_text\): BadGzipFile: .*fake\.gz is not a gzip file/);
    assertClean(await runCli(['run', read('cut.gz')]), 1, /node 'raw' \(bag\.read_text\): EOFError: Compressed file ended before the end-of-stream marker was reached \(.*cut\.gz is cut short after \d+ bytes\)/);
    // Dask: UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 16: invalid start byte
    assertClean(await runCli(['run', read('bad.txt'), '--scheduler', 'sync']), 1, /node 'raw' \(bag\.read_text\): UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 16: invalid start byte \(in .*bad\.txt, at byte 16\)/);
    assertClean(await runCli(['run', read('bad.txt')]), 1, /node 'raw'.*at byte 16\)/);
    assertClean(await runCli(['check', read('folder')]), 2, /node 'raw' \(bag\.read_text\): 'folder' is a directory, not a file; to read the files in it, use a glob such as 'folder\/\*'/);
    assertClean(await runCli(['check', read('')]), 2, /node 'raw' \(bag\.read_text\): param 'urlpath' is empty: a path is required/);
    // A device or a pipe has no size to plan blocks by, and reading one may never end: refused, saying what it is.
    assertClean(await runCli(['check', read('/dev/zero')]), 2, /node 'raw' \(bag\.read_text\): '\/dev\/zero' is not a regular file \(a device, a pipe or a socket\)/);
  });

  test('a groupby into one partition whose input feeds another node too gives what Dask gives (found by the fuzz test)', async (t) => {
    if (!requireOrSkip(t, hasDask(), "Debian's python3-dask")) return;
    const file = write([
      seq(),
      { id: 'g', op: 'bag.groupby', inputs: ['s'], params: { grouper: 'lambda x: x % 3', npartitions: 1 } },
      { id: 'sizes', op: 'bag.map', inputs: ['g'], params: { func: 'lambda kv: (kv[0], len(kv[1]))' } },
      { id: 'n', op: 'bag.count', inputs: ['s'] },
    ]);
    for (const scheduler of ['sync', 'threads']) {
      const [weft, dask] = await Promise.all([runCli(['run', file, '--json', '--scheduler', scheduler]), runOnDask(file)]);
      assert.equal(weft.code, 0, weft.stderr);
      const results = JSON.parse(weft.stdout).results;
      const pairs = (v: unknown) => (v as Array<{ items?: unknown[] } | unknown[]>).map((p) => (Array.isArray(p) ? p : p.items)).sort();
      assert.deepEqual(pairs(results.sizes), pairs(dask.parsed.results!.sizes), scheduler);
      assert.equal(results.n, dask.parsed.results!.n);
    }
  });

  test('a string ending in a backslash is unterminated, not a hang (found by the pipeline fuzz test, seed 7)', async () => {
    const file = write([seq(), { id: 'f', op: 'bag.filter', inputs: ['s'], params: { predicate: "'\\" } }]);
    assertClean(await runCli(['check', file], { timeoutMs: 20_000 }), 2, /node 'f' \(bag\.filter\): param 'predicate', line 1, column 1: unterminated string literal/);
  });

  test('a pipeline path that is a folder, missing, or binary garbage is named in words, with no errno code or quoted bytes', async () => {
    const folder = path.join(dir, 'folder.weft.json');
    fs.mkdirSync(folder, { recursive: true });
    assertClean(await runCli(['check', folder]), 2, /cannot read pipeline file .*folder\.weft\.json: it is a folder$/m);
    assertClean(await runCli(['run', path.join(dir, 'missing.weft.json')]), 2, /cannot read pipeline file .*missing\.weft\.json: there is no such file$/m);
    const junk = path.join(dir, 'junk.weft.json');
    fs.writeFileSync(junk, Buffer.from([0x55, 0x3b, 0xff, 0xfe, 0x00, 0x7b, 0x0a, 0x80]));
    const r = await runCli(['run', junk]);
    assertClean(r, 2, /junk\.weft\.json: not valid JSON: line 1, column 1: Unexpected token 'U'$/m);
    assert.doesNotMatch(r.stderr, /EISDIR|ENOENT|is not valid JSON/);
  });

  test("a mistyped op or param gets 'did you mean', an unlike one the list", async () => {
    assertClean(await runCli(['check', write([{ id: 'x', op: 'bag.filtr', params: {} }])]), 2, /node 'x': unknown operation "bag\.filtr" \(did you mean 'bag\.filter'\?\)/);
    const far = await runCli(['check', write([{ id: 'x', op: 'bag.zzzzzz' }])]);
    assertClean(far, 2, /unknown operation "bag\.zzzzzz" \(known: bag\.read_text, /);
    assertClean(await runCli(['check', write([seq({ npartition: 2 })])]), 2, /node 's' \(bag\.from_sequence\): unknown param 'npartition' \(did you mean 'npartitions'\?\)/);
  });

  test('export and import -o to a folder or an unwritable path exit 2 naming the path; --data-dir advice only for relative paths', async () => {
    const absolute = write([{ id: 'raw', op: 'bag.read_text', params: { urlpath: path.join(dir, 'lines.txt') } }, { id: 'n', op: 'bag.count', inputs: ['raw'] }], 'absolute');
    const folder = path.join(dir, 'a-folder');
    fs.mkdirSync(folder);
    assertClean(await runCli(['export', absolute, '--to', 'python', '-o', folder]), 2, new RegExp(`weft: cannot write ${folder}: it is a directory; give a file name`));
    // A folder nobody may write into (root ignores modes: then a system folder no one can create files in).
    const locked = path.join(dir, 'locked');
    fs.mkdirSync(locked, { mode: 0o555 });
    let unwritable = path.join(locked, 'out.py');
    try {
      fs.writeFileSync(unwritable, '');
      fs.rmSync(unwritable);
      unwritable = '/sys/weft-export.py';
    } catch {
      // Not root: the locked folder is refused, as it should be.
    }
    assertClean(await runCli(['export', absolute, '--to', 'python', '-o', unwritable]), 2, new RegExp(`weft: cannot write ${unwritable}: permission denied`));
    const sub = path.join(dir, 'elsewhere');
    fs.mkdirSync(sub);
    const quiet = await runCli(['export', absolute, '--to', 'python', '-o', path.join(sub, 'abs.py')]);
    assert.equal(quiet.code, 0, quiet.stderr);
    assert.doesNotMatch(quiet.stderr, /--data-dir/, 'every path is absolute: nothing to move');
    const relative = write([{ id: 'raw', op: 'bag.read_text', params: { urlpath: 'lines.txt' } }], 'relative');
    const advised = await runCli(['export', relative, '--to', 'python', '-o', path.join(sub, 'rel.py')]);
    assert.match(advised.stderr, new RegExp(`run it with --data-dir ${dir}`));

    assertClean(await runCli(['import', path.join(sub, 'abs.py'), '-o', folder]), 2, new RegExp(`weft: cannot write ${folder}: it is a directory`));
  });

  test('the usage says what the code does; dot labels count tasks in English', async () => {
    const help = await runCli(['--help']);
    assert.match(help.stdout, /results past 30% of it spill to DIR/);
    assert.match(help.stdout, /--timeout SECONDS/);
    const dot = await runCli(['graph', write([seq({ npartitions: 1 }), { id: 'n', op: 'bag.count', inputs: ['s'] }])]);
    assert.match(dot.stdout, /\(1 task\)"/);
    assert.doesNotMatch(dot.stdout, /\(1 tasks\)/);
  });

  test('run --cluster without --python finds an interpreter with dask, skipping ones without', async (t) => {
    if (!requireOrSkip(t, hasDask() && hasDistributed(), "Debian's python3-dask and python3-distributed")) return;
    const file = write([seq(), { id: 'n', op: 'bag.count', inputs: ['s'] }]);
    // $WEFT_PYTHON names nothing and python3 on the PATH (pyenv's, here) may lack dask: Debian's is found, so the
    // run gets as far as the (unreachable) scheduler.
    const r = await runCli(['run', file, '--cluster', 'tcp://127.0.0.1:1', '--timeout', '2'], { env: { ...process.env, WEFT_PYTHON: '/nonexistent/python3' } });
    assertClean(r, 1, /cannot reach the Dask scheduler at tcp:\/\/127\.0\.0\.1:1/);
    await assert.rejects(
      findDaskPython([
        { python: '/nonexistent/python3', from: '$WEFT_PYTHON' },
        { python: process.execPath, from: 'a Node binary' },
      ]),
      (e: Error) => /no Python interpreter with dask and distributed was found; tried:\n {2}\/nonexistent\/python3 \(\$WEFT_PYTHON\): not found\n {2}.*node.* \(a Node binary\): /.test(e.message),
    );
  });
});
