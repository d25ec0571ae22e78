/**
 * The pipeline files the fuzz test (test/integration/pipeline-fuzz.test.ts) generates, and the property they must
 * keep: random operations from OPERATIONS with params of the right type, the wrong type, extreme numbers and odd
 * strings; nodes deleted, duplicated and re-wired; expressions mutated character by character. Shared by the test
 * and its worker (fuzz-worker.ts), which runs the in-process cases where a case that blocks or exhausts its thread
 * cannot take the test down with it.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import fc from 'fast-check';
import { OPERATIONS, WeftError, type ParamSpec } from '../../engine/index.js';

/** JavaScript speaking instead of Weft: what no message may contain. */
export const JS_NOISE = /is not a function|Cannot read propert|\bundefined\b|internal error|\n\s+at .*[(:]\d+|\[object Object\]|Maximum call stack|(?<!object) is not iterable|ERR_[A-Z_]+/;
/** What a message must name: a node, or the part of the file it is about. */
export const NAMES_PLACE = /node '|node #|"nodes"|"functions"|functions, line|"weft"|pipeline|line \d+, column \d+|\.weft\.json/;

const OPS = [...OPERATIONS.values()];

// ---- values -------------------------------------------------------------------------------------------------------

const CALLABLES = ['lambda x: x', 'str', 'len', 'lambda x: x * 2', 'lambda x: 1 // 0', 'lambda a, b: a + b', 'lambda x: x[0]', 'lambda x: x.split()', 'sum', 'lambda part: list(part)', 'lambda x: (x, 1)', 'lambda x: [x, x]', 'max', 'lambda x: x % 3 == 0', 'lambda acc, x: acc + x', 'lambda x: str(x).upper()', 'lambda x: {"k": x}', 'lambda x: float(x) / 3', 'lambda x: x > 2', 'lambda i: "f" + str(i)', 'lambda x: json.dumps(x)'];
const KEYS = ['lambda x: x % 3', '0', "'a'", 'len', 'lambda x: str(x)[:1]', '1', 'None'];
const SEQUENCES = ['range(20)', '[1, 2, 3]', "['a b', 'c d e', 'f']", '[]', '"abc"', 'range(-5)', '[(1, 2), (3, 4), (1, 5)]', "[{'a': 1, 'b': 2}, {'a': 3}]", '[[1, 2], [3], []]', '[1.5, -2.0, 3]', "[None, True, 'x']", 'range(0, 30, 7)'];
const PATHS = ['data/table.csv', 'data/table.csv', 'data/lines.txt', 'data/*.txt', 'data/lines.txt.gz', 'data/latin.txt', 'data/bad.txt', 'data/fake.gz', 'data', 'data/missing.txt', ['data/lines.txt', 'data/lines.txt.gz'], 'out/*.txt', 'out/*.txt.gz', 'out', ['out/a.txt', 'out/b.txt'], 'out/*.bz2'];
const HOSTILE: unknown[] = [
  null, {}, [], [[]], '', ' ', 'NaN', 'Infinity', -0, 1e308, -1e308, 2 ** 53 + 2, 0.5, -1, 0, 1e9, true, false, '\u0000', '🙂🙂', 'x'.repeat(5000),
  '__proto__', 'constructor', 'toString', '${x}', "'; DROP TABLE", 'lambda', 'lambda x:', 'lambda x: ' + '('.repeat(40), '\ud800', { toString: 'x' }, [1, 'a', null], { __proto__: 1 },
];
const EXPRESSION_JUNK = ['(', ')', ':', 'lambda', ' ', '\n', '[', ']', '**', '//', '"', "'", '\\', 'x', '0', ',', '.', '_', '__class__', 'import', 'if', 'yield', 'await', '\t', 'é', '#'];

/** The columns of data/table.csv, and a name it lacks. */
const COLUMNS = ['k', 'name', 'v'];
/** pandas expressions over those columns, some wrong, for query and eval. */
const FRAME_EXPRESSIONS = ['v > 3', "k == 1 and v < 5", "name == 'name1'", 'k + v', 'w = k * v', 'nope > 1', 'v >', '`k` in [1, 2]'];

function validValue(spec: ParamSpec): fc.Arbitrary<unknown> {
  // DataFrame params that name columns or hold pandas expressions get names and expressions a user would write.
  if (spec.columns) return fc.constantFrom<unknown>(...COLUMNS, ['k', 'v'], ['name'], 'nope', null);
  if (spec.language) return fc.constantFrom(...FRAME_EXPRESSIONS);
  switch (spec.type) {
    case 'callable':
      return fc.constantFrom(...CALLABLES);
    case 'key':
      return fc.constantFrom(...KEYS, ...CALLABLES.slice(0, 4));
    case 'python':
      return fc.constantFrom(...SEQUENCES);
    case 'int':
      return fc.integer({ min: spec.min ?? -3, max: 12 });
    case 'number':
      return fc.double({ min: -10, max: 10, noNaN: true });
    case 'bool':
      return fc.boolean();
    case 'string':
      return spec.choices ? fc.constantFrom<unknown>(...spec.choices, null) : fc.constantFrom('\n', ',', ' ', 'ab', '', '\r\n', null);
    case 'paths':
      return fc.constantFrom(...PATHS);
    case 'json':
      return fc.oneof(fc.constantFrom(0, 1, null, 'a', [0, 1], 'name', [0]), fc.jsonValue({ maxDepth: 2 }));
    case 'bytes':
      return fc.constantFrom(1, 7, 100, '1kB', '20B', '64MB', '0.5kB');
    case 'encoding':
      return fc.constantFrom('utf-8', 'latin-1', 'ascii', 'UTF8', 'ISO-8859-1', 'us-ascii');
    case 'split_every':
      return fc.constantFrom(2, 3, 8, false, null);
  }
}

/** An expression with a few characters inserted, deleted or replaced, as a typing user would leave it. */
const mutatedExpression = fc
  .tuple(fc.constantFrom(...CALLABLES, ...KEYS, ...SEQUENCES), fc.array(fc.tuple(fc.nat(), fc.constantFrom('insert', 'delete', 'replace'), fc.constantFrom(...EXPRESSION_JUNK)), { minLength: 1, maxLength: 4 }))
  .map(([source, edits]) => {
    let s = source;
    for (const [at, kind, junk] of edits) {
      const i = s.length === 0 ? 0 : at % s.length;
      s = kind === 'insert' ? s.slice(0, i) + junk + s.slice(i) : kind === 'delete' ? s.slice(0, i) + s.slice(i + 1) : s.slice(0, i) + junk + s.slice(i + 1);
    }
    return s;
  });

/** A param's value: of its type mostly; hostile, mutated or random sometimes (never, for the runnable kind). */
function paramValue(spec: ParamSpec, hostile: boolean): fc.Arbitrary<unknown> {
  if (!hostile) return validValue(spec);
  const isCode = spec.type === 'callable' || spec.type === 'key' || spec.type === 'python';
  return fc.oneof(
    { weight: 8, arbitrary: validValue(spec) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE) },
    { weight: isCode ? 3 : 0, arbitrary: mutatedExpression },
    { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 })) },
  );
}

// ---- pipelines ----------------------------------------------------------------------------------------------------

const FUNCTIONS = ['', 'def inc(x):\n    return x + 1\n', 'def parse(line):\n    return line.split(",")\n', 'g = 1\ndef f(x):\n    return x + g\n', 'def broken(:\n', 'toString = 1\n'];

/** One node: an op of the registry (or a made-up one), its params mostly of the right type, inputs among `ids`. */
function nodeArb(index: number, ids: string[], hostile: boolean, ops: typeof OPS): fc.Arbitrary<unknown> {
  return fc
    .tuple(fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...ops) }, { weight: hostile ? 1 : 0, arbitrary: fc.constant(null) }), fc.boolean(), fc.nat(), fc.nat())
    .chain(([def, dropOptional, pick1, pick2]) => {
      const id = ids[index];
      if (!def) return fc.record({ id: fc.constant(id), op: fc.constantFrom('bag.filtr', 'map', 'bag.nope', 7, null, 'bag.__proto__'), params: fc.constant({}) });
      const wanted = def.params.filter((p) => p.required || !dropOptional);
      const params = fc.record(Object.fromEntries(wanted.map((p) => [p.name, paramValue(p, hostile)])), { requiredKeys: wanted.filter((p) => p.required).map((p) => p.name) });
      // Inputs: earlier nodes mostly (a DAG), any node sometimes (cycles, self-loops), names of none rarely.
      const earlier = ids.slice(0, index);
      const nIn = def.inputs[0] === 'bag*' ? 1 + (pick1 % 2) : def.inputs.length;
      const inputs = Array.from({ length: nIn }, (_, k) => (earlier.length ? earlier[(pick2 + k) % earlier.length] : ids[(pick2 + k) % ids.length]));
      return fc.record({
        id: fc.constant(id),
        op: fc.constant(def.op),
        params,
        inputs: fc.oneof({ weight: 10, arbitrary: fc.constant(inputs) }, { weight: hostile ? 1 : 0, arbitrary: fc.constantFrom([], ['ghost'], [id], ids, 'raw', [1], null) }),
      });
    });
}

/** Structural mutations of a whole file: delete, duplicate, re-wire, junk keys, or a broken top level. */
type Mutation = { kind: 'delete'; at: number } | { kind: 'duplicate'; at: number } | { kind: 'edge'; from: number; to: number } | { kind: 'unknown-param'; at: number; name: string; value: unknown } | { kind: 'drop-field'; at: number; field: string } | { kind: 'top'; change: string };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('edge' as const), from: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('unknown-param' as const), at: fc.nat(), name: fc.constantFrom('npartition', 'funcc', 'Key', '__proto__', 'constructor', 'x'), value: fc.constantFrom(...HOSTILE) }),
  fc.record({ kind: fc.constant('drop-field' as const), at: fc.nat(), field: fc.constantFrom('id', 'op', 'params', 'inputs') }),
  fc.record({ kind: fc.constant('top' as const), change: fc.constantFrom('weft: 2', 'nodes: {}', 'functions: 7', 'nodes: null', 'name: []', 'node: junk') }),
);

function mutate(doc: Record<string, unknown>, mutations: Mutation[]): Record<string, unknown> {
  const nodes = doc.nodes as Array<Record<string, unknown>>;
  for (const m of mutations) {
    if (!Array.isArray(doc.nodes) || nodes.length === 0) break;
    const at = (i: number) => i % nodes.length;
    switch (m.kind) {
      case 'delete':
        nodes.splice(at(m.at), 1);
        break;
      case 'duplicate':
        nodes.push(structuredClone(nodes[at(m.at)]));
        break;
      case 'edge': {
        const to = nodes[at(m.to)];
        to.inputs = [...(Array.isArray(to.inputs) ? to.inputs : []), nodes[at(m.from)].id];
        break;
      }
      case 'unknown-param': {
        const node = nodes[at(m.at)];
        const params = typeof node.params === 'object' && node.params !== null ? node.params : (node.params = {});
        Object.defineProperty(params, m.name, { value: m.value, enumerable: true, writable: true, configurable: true });
        break;
      }
      case 'drop-field':
        delete nodes[at(m.at)][m.field];
        break;
      case 'top': {
        const [key, value] = m.change.split(': ');
        doc[key] = value === '2' ? 2 : value === '{}' ? {} : value === '7' ? 7 : value === 'null' ? null : value === '[]' ? [] : value;
        break;
      }
    }
  }
  return doc;
}

/**
 * A pipeline file of 1 to 6 nodes. `hostile`: wrong types, odd values, mutated expressions and structure (for
 * validation); otherwise params of their types only, so that most plan and run (for the runs, where the kernels
 * meet the values).
 */
export function pipelineArb(hostile: boolean): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(fc.integer({ min: 1, max: 6 }), fc.constantFrom('any', 'bag', 'frame'))
    .chain(([count, family]) => {
      const ids = Array.from({ length: count }, (_, i) => ['raw', 'a', 'b', 'c', 'd', 'e'][i]);
      // Well-typed files keep to one family of collections now and then, so that their chains connect and run.
      const ops = hostile || family === 'any' ? OPS : OPS.filter((d) => (d.collection === 'bag') === (family === 'bag'));
      return fc.tuple(fc.tuple(...ids.map((_, i) => nodeArb(i, ids, hostile, ops))), fc.constantFrom(...FUNCTIONS), fc.array(mutationArb, { maxLength: 2 }), fc.nat(9));
    })
    .map(([nodes, functions, mutations, mutationChance]) => {
      const doc: Record<string, unknown> = { weft: 1, name: 'fuzz', ...(functions ? { functions } : {}), nodes: structuredClone(nodes) };
      // Most cases keep their structure, so that enough of them get past validation to plan and run.
      return hostile && mutationChance < 4 ? mutate(doc, mutations) : doc;
    });
}

// ---- checks -------------------------------------------------------------------------------------------------------

/** Why an engine outcome breaks the property, or null when it is fine. */
export function engineProblem(error: unknown): string | null {
  if (!(error instanceof WeftError)) return `threw a ${(error as Error)?.constructor?.name ?? typeof error}, not a WeftError: ${(error as Error)?.stack ?? String(error)}`;
  if (!error.code) return `a WeftError without a code: ${error.message}`;
  if (JS_NOISE.test(error.message)) return `a JavaScript message: ${error.message}`;
  if (!NAMES_PLACE.test(error.message) && error.context.nodeId === undefined && error.code !== 'CANCELLED') return `a message naming neither node nor field: ${error.message}`;
  return null;
}

export function show(input: unknown): string {
  return JSON.stringify(input, (_, v) => (typeof v === 'string' && v.length > 200 ? `${v.slice(0, 200)}...(${v.length} chars)` : v));
}

/** The small data files the generated pipelines read (`data/...`), written into `dir`. */
export function writeFuzzData(dir: string): void {
  const data = path.join(dir, 'data');
  fs.mkdirSync(data, { recursive: true });
  const lines = Array.from({ length: 30 }, (_, i) => `${i},name${i % 4},${(i * 7) % 11}\n`).join('');
  fs.writeFileSync(path.join(data, 'lines.txt'), lines);
  fs.writeFileSync(path.join(data, 'lines.txt.gz'), zlib.gzipSync(lines));
  fs.writeFileSync(path.join(data, 'latin.txt'), Buffer.from('caf\xe9\nna\xefve\n', 'latin1'));
  fs.writeFileSync(path.join(data, 'bad.txt'), Buffer.from([0x61, 0x0a, 0xff, 0xfe, 0x0a]));
  fs.writeFileSync(path.join(data, 'fake.gz'), 'not gzip\n');
  const table = Array.from({ length: 40 }, (_, i) => `${i % 5},name${i % 3},${(i * 7) % 11}\n`).join('');
  fs.writeFileSync(path.join(data, 'table.csv'), `k,name,v\n${table}`);
}
