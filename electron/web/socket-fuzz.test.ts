/**
 * Fuzz of the browser mode's socket, as a hostile page holding the token would drive it: `weft start --browser` in a
 * child process, and thousands of seeded, mutated messages over a real WebSocket, one at a time. Property, for every
 * message: a reply within REPLY_BUDGET_MS that is a result or a typed `{code, message, nodeId?}` error whose message
 * is meant for a person (no stack, no JavaScript wording, never code INTERNAL); a malformed frame closes only that
 * socket, with the protocol's close code. After the barrage the server still serves its page, and a real run works.
 *
 * Reproduce a failure with the seed it prints: WEFT_FUZZ_SEED=<seed> node --test dist/electron/web/socket-fuzz.test.js
 *
 * Not fuzzed: downloadSampleData (it goes to the network) and startClusterRun with a real interpreter (it would run a
 * program); startClusterRun gets every other mutation. Paths the requests would write to stay inside a temp folder.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { WebSocket, type RawData } from 'ws';
import { REPO_ROOT } from '../../test/support/environment.js';
import { OPERATIONS } from '../../engine/index.js';
import { REQUEST_NAMES } from '../ipc/contract.js';

const SEED = Number(process.env.WEFT_FUZZ_SEED ?? 20261210);
const CASES = Number(process.env.WEFT_FUZZ_CASES ?? 5000);
/** The barrage stops after this long, however many cases it has sent (the whole test stays near 30 s). */
const BARRAGE_MS = 22_000;
/** The longest a single reply may take; planning a sample pipeline takes milliseconds. */
const REPLY_BUDGET_MS = 10_000;

/** Wording that only a program's internals produce: a message with any of it is not meant for a person. */
const NOT_FOR_PEOPLE = [
  /\n\s+at \S/, /is not a function/, /Cannot read propert/, /Cannot convert/, /undefined is not/, /is not iterable/, /\[object Object\]/, /Maximum call stack/,
  /Unexpected token/, /Invalid (array|string) length/, /\bERR_[A-Z_]+/, /no such file or directory, /, /\{ \[native code\] \}/, /^undefined$|^null$/,
];

type Reply = { kind: 'reply'; id: number; result?: unknown; error?: { code?: unknown; message?: unknown; nodeId?: unknown } };
type RunEnd = { kind: 'run-end'; runId: string; status: string; error?: { code: string; message: string }; problems?: Array<{ code: string; message: string }> };

/** What is wrong with an error a person would read, or null. */
function unfitError(error: { code?: unknown; message?: unknown; nodeId?: unknown }): string | null {
  if (typeof error.code !== 'string' || error.code === '') return `code ${JSON.stringify(error.code)} is not a non-empty string`;
  if (error.code === 'INTERNAL') return `code INTERNAL (${String(error.message)})`;
  if (typeof error.message !== 'string' || error.message.trim() === '') return 'message is not a non-empty string';
  if (error.nodeId !== undefined && typeof error.nodeId !== 'string') return 'nodeId is not a string';
  const bad = NOT_FOR_PEOPLE.find((pattern) => pattern.test(error.message as string));
  return bad ? `message ${JSON.stringify(error.message)} matches ${bad}` : null;
}

// ---- the server, as a user starts it ----

interface Server {
  child: ChildProcess;
  url: URL;
  stderr: () => string;
}

async function startServer(stateDir: string): Promise<Server> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/weft.js'), 'start', '--browser'], {
    env: { ...process.env, WEFT_STATE_DIR: stateDir, DISPLAY: '', WAYLAND_DISPLAY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const url = await new Promise<URL>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      stdout += d;
      const found = /http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+/.exec(stdout);
      if (found) resolve(new URL(found[0]));
    });
    child.once('exit', (code) => reject(new Error(`weft start exited with ${code}: ${stderr}`)));
    setTimeout(() => reject(new Error(`weft start printed no URL in 20 s: ${stdout} ${stderr}`)), 20_000).unref();
  });
  return { child, url, stderr: () => stderr };
}

/** One socket to the server: replies by id, run-end events, and how it closed. */
class Client {
  readonly runEnds: RunEnd[] = [];
  private readonly waiting = new Map<number, (reply: Reply) => void>();
  closed: Promise<number>;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: RawData) => {
      const message = JSON.parse(String(data)) as Reply | { kind: 'event'; event: RunEnd };
      if (message.kind === 'event') {
        if (message.event.kind === 'run-end') this.runEnds.push(message.event);
        return;
      }
      this.waiting.get(message.id)?.(message);
    });
    ws.on('error', () => {});
    this.closed = new Promise((resolve) => ws.once('close', (code) => resolve(code)));
  }

  static open(url: URL): Promise<Client> {
    const ws = new WebSocket(`ws://${url.host}/socket?token=${url.searchParams.get('token')}`, { origin: url.origin });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new Client(ws)));
      ws.once('error', reject);
    });
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Sends a frame and waits for the reply with `id`, or rejects after the budget. */
  exchange(frame: string | Buffer, isBinary: boolean, id: number): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`no reply to id ${id} within ${REPLY_BUDGET_MS} ms`));
      }, REPLY_BUDGET_MS);
      this.waiting.set(id, (reply) => {
        clearTimeout(timer);
        this.waiting.delete(id);
        resolve(reply);
      });
      this.ws.send(frame, { binary: isBinary });
    });
  }

  request(name: string, params: unknown, id: number): Promise<Reply> {
    return this.exchange(JSON.stringify({ id, name, params }), false, id);
  }

  /** Sends a frame the protocol forbids and waits for the server to close this socket. */
  async sendForbidden(frame: Buffer): Promise<number> {
    this.ws.send(frame, { binary: false });
    return withTimeout(this.closed, REPLY_BUDGET_MS, 'the socket to close after a malformed frame');
  }

  close(): void {
    this.ws.close();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e as Error);
      },
    );
  });
}

// ---- what a hostile page sends ----

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'then'];

/** An own, enumerable property, even for `__proto__` (plain assignment would set the prototype instead). */
function withKey<T extends object>(target: T, key: string, value: unknown): T {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

/**
 * Deep nesting stands in the case as a placeholder string and is spliced into the JSON text when it is sent: the
 * test's own JSON.stringify and fast-check's printing recurse, and would overflow on 100,000 levels.
 */
const nested = (depth: number, asObject: boolean): string => `\u0000deep:${depth}:${asObject ? 'object' : 'list'}\u0000`;
const NESTED_PLACEHOLDER = /"\\u0000deep:(\d+):(object|list)\\u0000"/g;
function spliceNested(json: string): string {
  return json.replace(NESTED_PLACEHOLDER, (_m, depth: string, kind: string) => {
    const n = Number(depth);
    return kind === 'object' ? '{"a":'.repeat(n) + '1' + '}'.repeat(n) : '['.repeat(n) + '1' + ']'.repeat(n);
  });
}

const extremeNumber = fc.constantFrom(0, -1, 1, 2, -0.5, 1.5, 2 ** 31, 2 ** 53, 2 ** 53 + 2, 1e308, -1e308, 5e-324, 10 ** 9, 1e21);
const oddString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\0', '\u202e', '\ud800', '%C3%A9', '../../etc/passwd', 'lambda x: x', 'range(10)', '[1, 2, 3]', 'lambda x: (', 'def f(:', ...PROTOTYPE_KEYS),
  fc.integer({ min: 10_000, max: 2_000_000 }).map((n) => 'x'.repeat(n)),
);
const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.oneof(oddString, extremeNumber, fc.boolean(), fc.constant(null)) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 30, max: 100_000 }), fc.boolean()).map(([depth, asObject]) => nested(depth, asObject)) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...PROTOTYPE_KEYS), fc.jsonValue({ maxDepth: 2 })).map(([key, value]) => withKey({}, key, value)) },
);

const SAMPLES = fs.readdirSync(path.join(REPO_ROOT, 'samples')).filter((f) => f.endsWith('.weft.json'));
const BASE_DOCS: unknown[] = [
  ...SAMPLES.map((f) => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'samples', f), 'utf8')) as unknown),
  {
    weft: 1,
    name: 'small',
    functions: 'def double(x):\n    return x * 2\n',
    nodes: [
      { id: 'n', op: 'bag.from_sequence', params: { seq: 'range(30)', npartitions: 3 } },
      { id: 'd', op: 'bag.map', inputs: ['n'], params: { func: 'double' } },
      { id: 'f', op: 'bag.frequencies', inputs: ['d'] },
      { id: 'c', op: 'bag.count', inputs: ['d'] },
    ],
  },
];
const OPS = [...OPERATIONS.keys()];
const PARAM_NAMES = [...new Set([...OPERATIONS.values()].flatMap((d) => d.params.map((p) => p.name)))];

/** One mutation of a pipeline document, applied in place to a deep copy. */
type Mutation = (doc: Record<string, unknown>, pick: (n: number) => number, value: () => unknown) => void;

function mutations(): fc.Arbitrary<Mutation> {
  const nodesOf = (doc: Record<string, unknown>) => (Array.isArray(doc.nodes) ? (doc.nodes as Array<Record<string, unknown>>) : []);
  const someNode = (doc: Record<string, unknown>, pick: (n: number) => number) => {
    const nodes = nodesOf(doc).filter((n) => typeof n === 'object' && n !== null);
    return nodes.length ? nodes[pick(nodes.length)] : null;
  };
  return fc.oneof(
    fc.constant<Mutation>((doc, pick) => {
      const nodes = nodesOf(doc);
      if (nodes.length) nodes.splice(pick(nodes.length), 1);
    }),
    fc.constant<Mutation>((doc, pick) => {
      const nodes = nodesOf(doc);
      if (nodes.length) nodes.push(structuredClone(nodes[pick(nodes.length)]));
    }),
    fc.constantFrom(...OPS, 'bag.filtr', 'map', '', 'bag.__proto__').map((op): Mutation => (doc, pick) => {
      const node = someNode(doc, pick);
      if (node) node.op = op;
    }),
    fc.constantFrom(...PARAM_NAMES).map((name): Mutation => (doc, pick, value) => {
      const node = someNode(doc, pick);
      if (!node) return;
      if (typeof node.params !== 'object' || node.params === null) node.params = {};
      (node.params as Record<string, unknown>)[name] = value();
    }),
    fc.constant<Mutation>((doc, pick) => {
      const node = someNode(doc, pick);
      const ids = nodesOf(doc).map((n) => n?.id);
      if (node) node.inputs = Array.from({ length: pick(4) }, () => ids[pick(ids.length + 1)] ?? 'nowhere');
    }),
    fc.constant<Mutation>((doc, pick) => {
      // An expression with a character inserted or removed: the parser's error paths.
      const node = someNode(doc, pick);
      const params = node?.params as Record<string, unknown> | undefined;
      if (typeof params !== 'object' || params === null) return;
      const key = Object.keys(params).find((k) => typeof params[k] === 'string');
      if (!key) return;
      const text = params[key] as string;
      const at = pick(text.length + 1);
      params[key] = pick(2) ? text.slice(0, at) + '()[]:,\'"\\#\n\t=λ'[pick(15)] + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
    }),
    fc.constantFrom('id', 'op', 'inputs', 'params').map((field): Mutation => (doc, pick, value) => {
      const node = someNode(doc, pick);
      if (node) node[field] = value();
    }),
    fc.constantFrom('nodes', 'functions', 'weft', 'name').map((field): Mutation => (doc, _pick, value) => {
      doc[field] = value();
    }),
    fc.constantFrom(...PROTOTYPE_KEYS).map((key): Mutation => (doc, pick, value) => {
      const node = someNode(doc, pick);
      const where = [doc, node, node?.params].filter((o): o is Record<string, unknown> => typeof o === 'object' && o !== null);
      withKey(where[pick(where.length)], key, value());
    }),
  );
}

interface Case {
  /** What to send: a message (serialized here), or a frame as it is. */
  frame: { kind: 'message'; id: unknown; name: unknown; params: unknown; extra?: [string, unknown] } | { kind: 'text'; text: string } | { kind: 'binary'; bytes: Uint8Array } | { kind: 'bad-utf8'; bytes: Uint8Array };
}

function caseArbitrary(tempDir: string): fc.Arbitrary<Case> {
  const insideTemp = oddString.map((s) => path.join(tempDir, s.replace(/\.\./g, '_').slice(0, 300)));
  const pathLike = fc.oneof({ weight: 6, arbitrary: insideTemp }, { weight: 1, arbitrary: junk }, { weight: 1, arbitrary: fc.constantFrom(tempDir, path.join(tempDir, 'x.weft.json'), path.join(tempDir, 'x.py'), '/', '/nonexistent/x.weft.json', '') });
  // A pipeline: one of the base documents after 0-4 mutations whose values come from a seeded stream.
  const pipeline = fc.tuple(fc.nat(BASE_DOCS.length - 1), fc.array(mutations(), { maxLength: 4 }), fc.infiniteStream(fc.nat()), fc.infiniteStream(fc.oneof(extremeNumber, junk))).map(([base, chosen, picks, values]) => {
    const doc = structuredClone(BASE_DOCS[base]) as Record<string, unknown>;
    const pickIt = picks[Symbol.iterator]();
    const valueIt = values[Symbol.iterator]();
    const pick = (n: number) => (n <= 0 ? 0 : (pickIt.next().value as number) % n);
    for (const mutate of chosen) mutate(doc, pick, () => valueIt.next().value);
    return doc;
  });
  const targets = fc.oneof(fc.constant(undefined), fc.array(fc.constantFrom('n', 'd', 'c', 'normal_count', 'raw', 'nowhere', '__preview__d'), { maxLength: 3 }), junk);
  const paramsFor: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
    getAppInfo: fc.constant({}),
    clearAutosave: fc.constant({}),
    validate: fc.record({ pipeline, baseDir: pathLike }),
    analyze: fc.record({ pipeline, baseDir: pathLike }),
    planGraph: fc.record({ pipeline, baseDir: pathLike, targets }),
    startRun: fc.record({ pipeline, baseDir: pathLike, targets }),
    cancelRun: fc.record({ runId: oddString }),
    openFile: fc.record({ path: pathLike }),
    openSample: fc.record({ file: fc.oneof(fc.constantFrom(...SAMPLES), oddString) }),
    saveFile: fc.record({ path: pathLike, pipeline }),
    listDir: fc.record({ path: pathLike }),
    autosave: fc.record({ record: fc.oneof(fc.record({ pipeline, path: fc.oneof(fc.constant(null), pathLike), baseDir: pathLike, savedAt: fc.oneof(extremeNumber, junk) }), junk) }),
    showFileDialog: fc.record({ mode: fc.oneof(fc.constantFrom('open', 'save', 'pick'), junk), title: oddString, defaultPath: pathLike, fileKind: fc.oneof(fc.constantFrom('pipeline', 'any', 'python'), junk) }),
    exportCode: fc.record({ pipeline, baseDir: pathLike, to: fc.oneof(fc.constantFrom('python', 'notebook', 'typescript', 'dot'), junk), scriptName: oddString }),
    exportFile: fc.record({ path: pathLike, pipeline, baseDir: pathLike, to: fc.oneof(fc.constantFrom('python', 'notebook', 'typescript', 'dot'), junk) }),
    importScript: fc.record({ path: pathLike }),
    startClusterRun: fc.record({ pipeline, baseDir: pathLike, address: fc.oneof(oddString, fc.constant('tcp://127.0.0.1:1')), python: fc.oneof(fc.constant(path.join(tempDir, 'no-python')), junk) }),
  };
  const fuzzed = REQUEST_NAMES.filter((n) => n !== 'downloadSampleData');
  const wellFormed = fc.constantFrom(...fuzzed).chain((name) => paramsFor[name].map((params) => ({ name, params })));
  // A well-formed request with one field dropped, replaced by junk, or joined by an unknown or prototype key.
  const tampered = fc.tuple(wellFormed, fc.nat(), fc.oneof(fc.constant('drop'), fc.constant('junk'), fc.constantFrom('extra', ...PROTOTYPE_KEYS)), junk).map(([request, at, how, value]) => {
    const params = { ...request.params };
    const keys = Object.keys(params);
    const key = keys[at % Math.max(keys.length, 1)];
    if (how === 'drop' && key) delete params[key];
    else if (how === 'junk' && key) params[key] = value;
    else withKey(params, how, value);
    return { name: request.name as unknown, params: params as unknown };
  });
  const anyName = fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS, 'deleteEverything', 'handle', 'handlers'), junk);
  const message = fc.oneof(
    { weight: 12, arbitrary: wellFormed.map((r) => ({ name: r.name as unknown, params: r.params as unknown })) },
    { weight: 4, arbitrary: tampered },
    { weight: 1, arbitrary: fc.record({ name: anyName, params: junk }) },
    { weight: 1, arbitrary: fc.record({ name: fc.constantFrom(...fuzzed), params: junk }) },
  );
  const id = fc.oneof({ weight: 12, arbitrary: fc.constant('next') }, { weight: 1, arbitrary: fc.oneof(junk, fc.constantFrom(1.5, -0, 2 ** 60, 'one')) });
  return fc.oneof(
    { weight: 40, arbitrary: fc.tuple(id, message, fc.option(fc.tuple(fc.constantFrom('extra', ...PROTOTYPE_KEYS), junk), { nil: undefined })).map(([i, m, extra]): Case => ({ frame: { kind: 'message', id: i, name: m.name, params: m.params, extra } })) },
    { weight: 2, arbitrary: fc.oneof(fc.string(), fc.constantFrom('{', '{"id": 1', '[1,2]', 'null', '"text"', '1e999', '{"id": 1, "name": "getAppInfo", "params": {}}}')).map((text): Case => ({ frame: { kind: 'text', text } })) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes): Case => ({ frame: { kind: 'binary', bytes } })) },
    { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 20 }), fc.constantFrom([0xff], [0xc3], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xc0, 0xaf])).map(([text, bytes]): Case => ({ frame: { kind: 'bad-utf8', bytes: Uint8Array.from([...Buffer.from(text), ...bytes]) } })) },
  );
}

/** Writes a case's message as JSON text; prototype keys stay own properties through JSON.stringify. */
function frameOf(c: Case, id: number): { data: string | Buffer; isBinary: boolean; replyId: number } {
  const frame = c.frame;
  if (frame.kind === 'text') return { data: frame.text, isBinary: false, replyId: -1 };
  if (frame.kind === 'binary') return { data: Buffer.from(frame.bytes), isBinary: true, replyId: -1 };
  if (frame.kind === 'bad-utf8') return { data: Buffer.from(frame.bytes), isBinary: false, replyId: -1 };
  const message: Record<string, unknown> = {};
  const useId = frame.id === 'next' ? id : frame.id;
  if (useId !== undefined) message.id = useId;
  message.name = frame.name;
  message.params = frame.params;
  if (frame.extra) withKey(message, frame.extra[0], frame.extra[1]);
  const replyId = typeof useId === 'number' && Number.isSafeInteger(useId) ? useId : -1;
  return { data: spliceNested(JSON.stringify(message)), isBinary: false, replyId };
}

/** The case as a person would read it in a failure: long strings cut. */
function describe(c: Case): string {
  const text = JSON.stringify(c, (_k, v: unknown) => (typeof v === 'string' && v.length > 200 ? `${v.slice(0, 200)}…(${v.length} chars)` : v instanceof Uint8Array ? [...v] : v));
  return text.length > 4000 ? `${text.slice(0, 4000)}…` : text;
}

test(`browser-mode socket fuzz: seeded mutated messages all get typed replies, and the app still works (seed ${SEED})`, { timeout: 90_000 }, async () => {
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-fuzz-'));
  const server = await startServer(path.join(tempDir, 'state'));
  let client = await Client.open(server.url);
  const runEnds: RunEnd[] = [];
  const counts = { cases: 0, replies: 0, results: 0, errors: 0, closedByProtocol: 0 };
  const codes = new Map<string, number>();
  let nextId = 1;
  const started = Date.now();
  try {
    const property = fc.asyncProperty(caseArbitrary(tempDir), async (c) => {
      if (server.child.exitCode !== null) throw new Error(`the server has exited (${server.child.exitCode}): ${server.stderr()}`);
      if (!client.isOpen) {
        runEnds.push(...client.runEnds);
        client = await Client.open(server.url);
      }
      counts.cases++;
      const id = nextId++;
      const { data, isBinary, replyId } = frameOf(c, id);
      if (c.frame.kind === 'bad-utf8') {
        const code = await client.sendForbidden(data as Buffer);
        assert.equal(code, 1007, 'invalid UTF-8 in a text frame closes the socket with 1007');
        counts.closedByProtocol++;
        return;
      }
      // A reply to an unreadable id comes back as -1; only one such message is in flight at a time.
      const reply = await client.exchange(data, isBinary, replyId);
      counts.replies++;
      if (reply.error) {
        counts.errors++;
        const problem = unfitError(reply.error);
        if (problem) throw new Error(`reply error unfit for a person: ${problem}`);
        codes.set(String(reply.error.code), (codes.get(String(reply.error.code)) ?? 0) + 1);
      } else {
        counts.results++;
        assert.ok('result' in reply, 'a reply carries a result or an error');
      }
    });
    const outcome = await fc.check(property, { seed: SEED, numRuns: CASES, endOnFailure: true, interruptAfterTimeLimit: BARRAGE_MS, markInterruptAsFailure: false });
    if (outcome.failed) {
      const input = outcome.counterexample ? describe(outcome.counterexample[0]) : '(none)';
      assert.fail(`socket fuzz failed; seed ${SEED}, path ${outcome.counterexamplePath ?? ''}\ninput: ${input}\nerror: ${String(outcome.errorInstance)}\nserver stderr: ${server.stderr()}`);
    }
    assert.ok(counts.cases >= 1000, `at least 1000 cases in the time budget (ran ${counts.cases})`);

    // After the barrage: the page is served, and a real run (after any fuzzed run has ended) gives the right answer.
    assert.equal(server.child.exitCode, null, 'the server is still running');
    if (!client.isOpen) client = await Client.open(server.url);
    assert.equal((await fetch(server.url)).status, 200);
    const small = BASE_DOCS[BASE_DOCS.length - 1];
    const deadline = Date.now() + 30_000;
    let runId = '';
    while (!runId) {
      const reply = await client.request('startRun', { pipeline: small, baseDir: tempDir, targets: ['c'] }, nextId++);
      if (reply.result) runId = (reply.result as { runId: string }).runId;
      else if (reply.error?.code !== 'RUN_IN_PROGRESS' || Date.now() > deadline) assert.fail(`a run after the barrage: ${JSON.stringify(reply.error)}`);
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await withTimeout(
      (async () => {
        while (!client.runEnds.some((e) => e.runId === runId)) await new Promise((resolve) => setTimeout(resolve, 20));
      })(),
      30_000,
      'the run after the barrage to end',
    );
    runEnds.push(...client.runEnds);
    const end = runEnds.find((e) => e.runId === runId)!;
    assert.equal(end.status, 'done', JSON.stringify(end));
    assert.deepEqual((end as unknown as { results: Record<string, { value: { repr: string } }> }).results.c.value.repr, '30');

    // Every run the barrage started ended with words for a person too.
    for (const e of runEnds) {
      assert.ok(['done', 'failed', 'invalid', 'cancelled'].includes(e.status), `run status ${e.status}`);
      if (e.error) assert.equal(unfitError(e.error), null, `a fuzzed run's error: ${JSON.stringify(e.error)}`);
      for (const p of e.problems ?? []) assert.equal(unfitError(p), null, `a fuzzed run's problem: ${JSON.stringify(p)}`);
    }
    assert.doesNotMatch(server.stderr(), /internal error|\n\s+at /, 'the server printed no stack');
    const byCode = [...codes].sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code} ${n}`).join(', ');
    process.stdout.write(`# socket fuzz, seed ${SEED}: ${counts.cases} cases in ${Date.now() - started} ms: ${counts.results} results, ${counts.errors} typed errors (${byCode}), ${counts.closedByProtocol} sockets closed for bad UTF-8; ${runEnds.length} runs ended\n`);
  } finally {
    client.close();
    server.child.kill('SIGTERM');
    await new Promise((resolve) => (server.child.exitCode !== null ? resolve(null) : server.child.once('exit', resolve)));
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
});
