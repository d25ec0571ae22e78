import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { generateCases } from './differential-cases.js';

/**
 * Fuzzing the expression language (issue 10, "Systematic"): valid expressions and `functions` blocks (the
 * differential test's generator, plus names that are JS or Object.prototype members) are mutated by random tokens,
 * deletions, duplications, deep nesting, odd unicode, huge numbers and prototype names, and then:
 * - checkSource never throws; what it returns is null or an ExprError whose line and column lie inside the source
 *   it names (the expression or the functions block);
 * - what checks cleanly runs (compileModule + evaluateExpression) in a worker thread, where the only thing that may
 *   escape is a PyException of a Python type (never SystemError, Weft's "internal error"), and the value holds only
 *   Python values: no undefined, no int past 2**53 - 1, no int -0, no symbol, no JS object or unmarked function;
 * - a run ends within a time budget; one that does not counts as a hang unless the input loops or repeats (`while`,
 *   `for`, `range`, `*`), which Python would also spend time on.
 * Seeded (WEFT_FUZZ_SEED) and bounded (WEFT_FUZZ_RUNS, and a time limit); fast-check prints the seed, the path and
 * the shrunk input of a failure.
 */
const SEED = Number(process.env.WEFT_FUZZ_SEED ?? 20261202);
const RUNS = Number(process.env.WEFT_FUZZ_RUNS ?? 12000);
const TIME_LIMIT_MS = 45_000;
const RUN_BUDGET_MS = 3_000;

const CORPUS = [
  ...generateCases(SEED, 600),
  { functions: 'toString = 1\nconstructor = 2\n__proto__ = 3\ndef valueOf(hasOwnProperty):\n    return hasOwnProperty\n', expr: 'valueOf(toString) + constructor + __proto__' },
  { functions: 'def f(x):\n    try:\n        return x\n    finally:\n        x = 2\n', expr: 'f(1)' },
  { functions: 'g = 1\ndel g\n', expr: '[g for _ in range(2)]' },
  { functions: '', expr: "{'__proto__': 1, 'constructor': dict(toString=2, valueOf=3)}" },
  { functions: '', expr: '(lambda prototype, arguments, eval: prototype + arguments + eval)(1, 2, 3)' },
];

const TOKENS = [
  '(', ')', '[', ']', '{', '}', ':', ',', '.', ';', '=', '==', '+', '-', '*', '**', '/', '//', '%', '<<', '>>', '&', '|', '^',
  '~', '<', '>', '!=', '@', '->', ':=', '...', '\\', '#', "'", '"', "'''", '\n', '\t', '    ', ' ', 'lambda', 'lambda x:', 'if',
  'else', 'for', 'in', 'not', 'and', 'or', 'is', 'None', 'True', 'False', 'def', 'return', 'yield', 'try:', 'except', 'finally:',
  'while', 'break', 'continue', 'del', 'raise', 'assert', 'import', 'json', 'global', 'class', 'with', 'async', 'await', 'x', 'y',
  'toString', 'constructor', '__proto__', 'valueOf', 'hasOwnProperty', 'prototype', '__defineGetter__', 'arguments', 'eval',
  'this', 'undefined', 'NaN', 'Infinity', 'globalThis', 'process', 'require', 'Function', 'new', 'typeof', 'void', 'delete',
  'rt', '$add', 'p_x', '0', '1', '-1', '9007199254740993', '9007199254740991', '1e308', '1e309', '2**53', '2**64', '10**9',
  '0x1fffffffffffff', '0.1', '1_000', '0o777', '0b1', '1j', '07', 'é', '𝔘', '\u200b', '\u0301', '\ud800', '\ufeff', 'ℌ', '🧵',
  '\u2028', '\u0000', '\r', '\r\n', 'ﬁ', 'İ', 'ß', 'x.upper()', '.split(', 'sorted(', 'range(', "'%*d' %", '.ljust(', '[0] *',
];

const NESTERS: ReadonlyArray<readonly [string, string]> = [['(', ')'], ['[', ']'], ['{', '}'], ['-', ''], ['not ', ''], ['lambda: ', ''], ['(1, ', ')'], ['abs(', ')'], ['x if ', ' else 1']];

type Mutation =
  | { kind: 'insert'; at: number; token: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'nest'; at: number; length: number; depth: number; nester: number }
  | { kind: 'rename'; name: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), token: fc.constantFrom(...TOKENS) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('nest' as const),
      at: fc.nat(),
      length: fc.nat({ max: 20 }),
      depth: fc.oneof(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 190, max: 210 }), fc.integer({ min: 400, max: 3000 })),
      nester: fc.nat({ max: NESTERS.length - 1 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rename' as const), name: fc.constantFrom('toString', 'constructor', '__proto__', 'valueOf', 'hasOwnProperty', 'arguments', 'eval', 'undefined') }) },
);

function apply(text: string, m: Mutation): string {
  if (m.kind === 'rename') return text.replace(/\b[a-z]\b/g, m.name);
  const at = text.length === 0 ? 0 : m.at % (text.length + 1);
  switch (m.kind) {
    case 'insert':
      return text.slice(0, at) + m.token + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'duplicate':
      return text.slice(0, at + m.length) + text.slice(at, at + m.length) + text.slice(at + m.length);
    case 'nest': {
      const [open, close] = NESTERS[m.nester];
      const inner = text.slice(at, at + m.length);
      return text.slice(0, at) + open.repeat(m.depth) + inner + close.repeat(m.depth) + text.slice(at + m.length);
    }
  }
}

interface FuzzCase {
  functions: string;
  expr: string;
}

const fuzzCase: fc.Arbitrary<FuzzCase> = fc
  .record({
    base: fc.nat({ max: CORPUS.length - 1 }),
    target: fc.constantFrom('expr', 'functions', 'both'),
    // Mostly one mutation, so that a good share of the cases still parse and get to run.
    mutations: fc.oneof({ weight: 3, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 1 }) }, fc.array(mutation, { minLength: 2, maxLength: 4 })),
  })
  .map(({ base, target, mutations }) => {
    let { functions, expr } = CORPUS[base];
    for (const [i, m] of mutations.entries()) {
      if (target === 'expr' || (target === 'both' && i % 2 === 0) || functions === '') expr = apply(expr, m);
      else functions = apply(functions, m);
    }
    return { functions, expr };
  });

/** The worker: compiles and runs a case, and says whether anything but Python escaped. */
const WORKER = String.raw`
const { parentPort } = require('node:worker_threads');
const base = process.env.WEFT_FUZZ_ENGINE;
let engine;
parentPort.on('message', async ({ id, functions, expr }) => {
  engine ??= Object.assign(
    {},
    await import(new URL('./index.js', base).href),
    await import(new URL('../values/py-types.js', base).href),
    await import(new URL('./py-generator.js', base).href),
  );
  parentPort.postMessage({ id, ...run(id, functions, expr) });
});
function positionProblem(e, functions, expr) {
  const source = e.origin === 'functions' ? functions : expr;
  const lines = source.split(/\r\n|\r|\n/);
  if (!Number.isInteger(e.line) || !Number.isInteger(e.column) || e.line < 1 || e.column < 1) return 'bad position ' + e.line + ':' + e.column;
  if (e.line > lines.length + 1) return 'line ' + e.line + ' past the ' + lines.length + ' lines of the ' + e.origin;
  const line = lines[e.line - 1] ?? '';
  if (e.column > line.length + 2) return 'column ' + e.column + ' past the end of line ' + e.line + ' (' + line.length + ' characters) of the ' + e.origin;
  return null;
}
function check(functions, expr) {
  const { checkSource, ExprError } = engine;
  let refused = false;
  for (const kind of ['value', 'callable']) {
    let result;
    try {
      result = checkSource(expr, functions, kind);
    } catch (e) {
      return { problem: 'checkSource(' + kind + ') threw ' + (e && e.name) + ': ' + (e && e.stack) };
    }
    if (result === null) continue;
    if (!(result instanceof ExprError)) return { problem: 'checkSource returned a ' + typeof result };
    const p = positionProblem(result, functions, expr);
    if (p) return { problem: p + ': ' + result.message };
    // A message made of JS text (a prototype member's source, a file of Weft's) is a leak, not an explanation.
    if (/\[native code\]|\.js:\d/.test(result.message)) return { problem: 'JS text in the message: ' + result.message };
    if (kind === 'value') refused = true;
  }
  return { problem: null, refused };
}
function run(id, functions, expr) {
  const checked = check(functions, expr);
  if (checked.problem || checked.refused) return checked;
  parentPort.postMessage({ id, checked: true });
  return { problem: execute(functions, expr), refused: false };
}
function execute(functions, expr) {
  const { compileModule, evaluateExpression, ExprError, PyException, PyTuple, PyDict, PySet, PyFloat, PyGenerator } = engine;
  const leak = (v, seen, path) => {
    switch (typeof v) {
      case 'string': case 'boolean': return null;
      case 'number':
        if (Number.isInteger(v) && !Number.isSafeInteger(v)) return path + ': an int past 2**53 - 1: ' + v;
        if (Object.is(v, -0)) return path + ': int -0';
        return null;
      case 'function': return v.pyKind ? null : path + ': a JS function without Python meaning';
      case 'undefined': return path + ': undefined';
      case 'object': {
        if (v === null || v instanceof PyFloat || v instanceof PyGenerator) return null;
        if (seen.has(v)) return null;
        seen.add(v);
        let items;
        if (Array.isArray(v)) items = v;
        else if (v instanceof PyTuple) items = v.items;
        else if (v instanceof PySet) items = [...v];
        else if (v instanceof PyDict) items = [...v.items()].flat();
        else return path + ': a JS object ' + Object.prototype.toString.call(v);
        for (let i = 0; i < items.length; i++) {
          const p = leak(items[i], seen, path + '[' + i + ']');
          if (p) return p;
        }
        return null;
      }
      default: return path + ': a JS ' + typeof v;
    }
  };
  try {
    const module = compileModule(functions);
    for (const [name, value] of module.names) {
      const p = leak(value, new Set(), 'module name ' + name);
      if (p) return p;
    }
    return leak(evaluateExpression(expr, module), new Set(), 'result');
  } catch (e) {
    if (e instanceof PyException) {
      if (e.pyType === 'SystemError' || /internal error/.test(e.pyMessage)) return 'internal error: ' + e.message;
      if (typeof e.pyMessage !== 'string') return 'a PyException without a message';
      if (/\[native code\]|\.js:\d/.test(e.pyMessage)) return 'JS text in the message: ' + e.message;
      return null;
    }
    if (e instanceof ExprError) return 'checkSource accepted the input, but compiling it threw ExprError ' + e.code + ': ' + e.message;
    return 'a JS ' + (e && e.name) + ' escaped: ' + (e && e.stack);
  }
}
`;

interface Verdict {
  problem: string | null;
  refused: boolean;
}

class Runner {
  private worker: Worker | null = null;
  private next = 0;
  restarts = 0;

  private start(): Worker {
    const engine = new URL('./', import.meta.url).href;
    this.worker = new Worker(WORKER, { eval: true, env: { ...process.env, WEFT_FUZZ_ENGINE: engine }, resourceLimits: { maxOldGenerationSizeMb: 2048 } });
    this.worker.unref();
    return this.worker;
  }

  /** What the worker found: a problem ('timeout' and 'out of memory' included) or none, and whether check refused. */
  run(c: FuzzCase): Promise<Verdict> {
    const worker = this.worker ?? this.start();
    const id = this.next++;
    return new Promise((resolve) => {
      const done = (result: Verdict, restart: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (restart) {
          void worker.terminate();
          this.worker = null;
          this.restarts++;
        }
        resolve(result);
      };
      let checked = false;
      const onMessage = (m: { id: number; checked?: true } & Verdict) => {
        if (m.id !== id) return;
        if (m.checked) checked = true;
        else done(m, false);
      };
      const fault = (problem: string): Verdict => ({ problem, refused: false });
      const onError = (e: Error & { code?: string }) => done(fault(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out of memory' : `the worker failed: ${e.stack}`), true);
      const onExit = (code: number) => done(fault(`the worker exited with code ${code}`), true);
      const timer = setTimeout(() => done(fault(checked ? 'timeout' : `checking took over ${RUN_BUDGET_MS} ms`), true), RUN_BUDGET_MS);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ id, ...c });
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
  }
}

test('expression fuzz: mutated expressions and functions blocks never escape as anything but ExprError or PyException', { timeout: 120_000 }, async (t) => {
  const runner = new Runner();
  const stats = { cases: 0, refused: 0, ran: 0, slow: 0, outOfMemory: 0 };
  const started = Date.now();
  try {
    await fc.assert(
      fc.asyncProperty(fuzzCase, async (c) => {
        stats.cases++;
        const shown = `functions:\n${c.functions}\nexpression:\n${c.expr}`;
        const { problem, refused } = await runner.run(c);
        if (refused) {
          stats.refused++;
          return;
        }
        if (problem === 'timeout') {
          // Check must never be slow; a run may be, if the input loops or repeats.
          stats.slow++;
          assert.match(c.functions + c.expr, /\bwhile\b|\bfor\b|range|\*/, `a run without loops took over ${RUN_BUDGET_MS} ms\n${shown}`);
          return;
        }
        if (problem === 'out of memory') {
          stats.outOfMemory++;
          return;
        }
        stats.ran++;
        assert.equal(problem, null, `${problem}\n${shown}`);
      }),
      { seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false, endOnFailure: true },
    );
  } finally {
    await runner.close();
  }
  t.diagnostic(
    `seed ${SEED}: ${stats.cases} cases in ${Date.now() - started} ms; ${stats.refused} refused by check, ${stats.ran} run ` +
      `(${stats.slow} past ${RUN_BUDGET_MS} ms in loops, ${stats.outOfMemory} out of worker memory, ${runner.restarts} worker restarts)`,
  );
  assert.ok(stats.cases >= 500, `only ${stats.cases} cases ran in the time limit`);
  assert.ok(stats.ran >= stats.cases / 10, `only ${stats.ran} of ${stats.cases} mutated cases got past check: the mutations are too destructive to test running`);
});
