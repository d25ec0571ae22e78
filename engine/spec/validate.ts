/**
 * Checks a parsed pipeline file before any work: structure, operations, inputs and their port kinds, params and their
 * types, every expression (parsed and name-checked with the engine's own compiler), and cycles. It reports every
 * problem it finds, each naming its node, rather than stopping at the first.
 */
import type { NodeSpec, PipelineFile } from './pipeline.js';
import type { OpDefinition, ParamSpec } from '../ops/op-definition.js';
import { isVariadic, portKindOf, type PortKind } from './port-kind.js';
import { COLLECTIONS } from '../collections/collections.js';
import { nodeOutputKind } from './node-output.js';
import { OPERATIONS } from '../ops/registry.js';
import { WeftError } from '../errors.js';
import { checkSource } from '../expr/index.js';
import { closestNames } from './did-you-mean.js';
import { lookupCodec, SUPPORTED_ENCODINGS } from '../io/text-codecs.js';
import { parseBytes } from '../io/parse-bytes.js';

/** The result of validation: the pipeline (typed) when it is usable, and every problem found. */
export interface Validation {
  pipeline: PipelineFile | null;
  errors: WeftError[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validates a pipeline document (already parsed from JSON). */
export function validatePipeline(raw: unknown): Validation {
  const errors: WeftError[] = [];
  const fail = (code: WeftError['code'], message: string, nodeId?: string, extra: Record<string, unknown> = {}) =>
    errors.push(new WeftError(code, message, { nodeId, ...extra }));
  if (!isObject(raw)) return { pipeline: null, errors: [new WeftError('PIPELINE_FORMAT', 'a pipeline file must hold a JSON object')] };
  if (raw.weft !== 1) fail('PIPELINE_FORMAT', `unsupported pipeline format version ${JSON.stringify(raw.weft)} (expected "weft": 1)`);
  if (raw.functions !== undefined && typeof raw.functions !== 'string') fail('PIPELINE_FORMAT', '"functions" must be a string of Python source');
  if (!Array.isArray(raw.nodes)) {
    fail('PIPELINE_FORMAT', '"nodes" must be a list');
    return { pipeline: null, errors };
  }
  const functions = typeof raw.functions === 'string' ? raw.functions : '';
  let functionsOk = true;
  if (functions) {
    const problem = checkSource('', functions, 'callable-module');
    if (problem) {
      functionsOk = false;
      fail('EXPRESSION', `functions, line ${problem.line}, column ${problem.column}: ${problem.message}`, undefined, { line: problem.line, column: problem.column });
    }
  }

  const nodes = raw.nodes as unknown[];
  const byId = new Map<string, NodeSpec>();
  nodes.forEach((node, index) => {
    if (!isObject(node) || typeof node.id !== 'string' || node.id === '') {
      fail('PIPELINE_FORMAT', `node #${index + 1} needs a non-empty string "id"`);
      return;
    }
    if (byId.has(node.id)) fail('PIPELINE_FORMAT', `two nodes have the id '${node.id}'`, node.id);
    byId.set(node.id, node as unknown as NodeSpec);
  });

  const outputKind = (id: string): PortKind | undefined => {
    const node = byId.get(id);
    return typeof node?.op === 'string' ? nodeOutputKind(node) : undefined;
  };

  for (const node of byId.values()) {
    const def = typeof node.op === 'string' ? OPERATIONS.get(node.op) : undefined;
    if (node.op === undefined) {
      fail('PIPELINE_FORMAT', `node '${node.id}' needs an "op": the operation it performs, such as "bag.map"`, node.id);
      continue;
    }
    if (typeof node.op !== 'string' || !def) {
      fail('UNKNOWN_OP', `node '${node.id}': unknown operation ${JSON.stringify(node.op)}${suggest(String(node.op))}`, node.id);
      continue;
    }
    checkInputs(node, def, byId, outputKind, fail);
    // Expressions are checked against the functions' names, which are unknown while the functions do not compile.
    checkParams(node, def, functionsOk ? functions : null, fail);
  }
  const cycle = findCycle(byId);
  if (cycle) fail('CYCLE', `the pipeline has a cycle: ${cycle.join(' -> ')}`, cycle[0]);
  return { pipeline: errors.length === 0 ? (raw as unknown as PipelineFile) : null, errors };
}

type Fail = (code: WeftError['code'], message: string, nodeId?: string, extra?: Record<string, unknown>) => void;

/** The operations an unknown op may have meant: the same name in another collection, or a close spelling. */
function suggest(op: string): string {
  const known = [...OPERATIONS.keys()];
  const bare = op.slice(op.indexOf('.') + 1);
  const sameName = [...OPERATIONS.values()].filter((d) => d.name === bare || d.name === op).map((d) => d.op);
  if (sameName.length) return ` (did you mean ${sameName.map((k) => `'${k}'`).join(' or ')}?)`;
  const close = closestNames(op, known);
  return close.length ? ` (did you mean ${close.map((k) => `'${k}'`).join(' or ')}?)` : ` (known: ${known.join(', ')})`;
}

function checkInputs(node: NodeSpec, def: OpDefinition, byId: Map<string, NodeSpec>, outputKind: (id: string) => PortKind | undefined, fail: Fail): void {
  const where = `node '${node.id}' (${node.op})`;
  if (node.inputs !== undefined && (!Array.isArray(node.inputs) || !node.inputs.every((i) => typeof i === 'string'))) {
    fail('PIPELINE_FORMAT', `${where}: "inputs" must be a list of node ids`, node.id);
    return;
  }
  const inputs = node.inputs ?? [];
  const variadic = def.inputs.length > 0 && isVariadic(def.inputs[0]);
  if (variadic ? inputs.length === 0 : inputs.length !== def.inputs.length) {
    const wanted = variadic ? `one or more ${COLLECTIONS.get(portKindOf(def.inputs[0]))?.plural ?? portKindOf(def.inputs[0])}` : `${def.inputs.length} input${def.inputs.length === 1 ? '' : 's'}`;
    fail('BAD_INPUT', `${where} takes ${wanted}, got ${inputs.length}`, node.id);
  }
  inputs.forEach((inputId, i) => {
    if (!byId.has(inputId)) {
      fail('BAD_INPUT', `${where}: input '${inputId}' names no node`, node.id);
      return;
    }
    const port = variadic ? def.inputs[0] : def.inputs[i];
    const expected = port === undefined ? undefined : portKindOf(port);
    const actual = outputKind(inputId);
    if (expected && actual && expected !== actual) {
      fail('BAD_INPUT', `${where}: input '${inputId}' gives ${kindWords(actual)}, but this input needs ${kindWords(expected)}`, node.id);
    }
  });
}

/** A port kind in a sentence ('a bag'). */
function kindWords(kind: PortKind): string {
  return COLLECTIONS.get(kind)?.article ?? `a ${kind}`;
}

function checkParams(node: NodeSpec, def: OpDefinition, functions: string | null, fail: Fail): void {
  const where = `node '${node.id}' (${node.op})`;
  if (node.params !== undefined && !isObject(node.params)) {
    fail('PIPELINE_FORMAT', `${where}: "params" must be an object`, node.id);
    return;
  }
  const params = node.params ?? {};
  const known = new Map(def.params.map((p) => [p.name, p]));
  for (const name of Object.keys(params)) {
    if (!known.has(name)) {
      const close = closestNames(name, known.keys());
      const hint = close.length ? `did you mean ${close.map((k) => `'${k}'`).join(' or ')}?` : `known: ${def.params.map((p) => p.name).join(', ') || 'none'}`;
      fail('BAD_PARAM', `${where}: unknown param '${name}' (${hint})`, node.id, { param: name });
    }
  }
  for (const spec of def.params) {
    const value = params[spec.name];
    if (value === undefined) {
      if (spec.required) fail('BAD_PARAM', `${where}: missing param '${spec.name}': ${spec.doc}`, node.id, { param: spec.name });
      continue;
    }
    const problem = typeProblem(spec, value);
    if (problem) {
      fail('BAD_PARAM', `${where}: param '${spec.name}' ${problem}`, node.id, { param: spec.name });
      continue;
    }
    if (functions !== null && (spec.type === 'callable' || spec.type === 'key' || spec.type === 'python') && typeof value === 'string') {
      const error = checkSource(value, functions, spec.type === 'callable' ? 'callable' : 'value');
      if (error) {
        fail('EXPRESSION', `${where}: param '${spec.name}', line ${error.line}, column ${error.column}: ${error.message}`, node.id, {
          param: spec.name,
          line: error.line,
          column: error.column,
        });
      }
    }
  }
}

/**
 * What is wrong with a param's value, from its spec alone (one rule per type, then the spec's `min` and `choices`):
 * the text after "param 'NAME'", or null when the value is fine.
 */
function typeProblem(spec: ParamSpec, value: unknown): string | null {
  if (value === null) return spec.nullable || spec.type === 'json' ? null : 'must not be null';
  switch (spec.type) {
    case 'callable':
    case 'key':
    case 'python':
      return typeof value === 'string' ? null : `must be a string of Python source, not ${describe(value)}`;
    case 'string':
      if (typeof value !== 'string') return `must be a string, not ${describe(value)}`;
      if (spec.choices && !spec.choices.includes(value)) {
        const allowed = [...spec.choices.map((c) => `'${c}'`), ...(spec.nullable ? ['null'] : [])];
        return `must be ${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}, not ${JSON.stringify(value)}`;
      }
      return null;
    case 'encoding':
      if (typeof value !== 'string') return `must be the name of a text encoding, not ${describe(value)}`;
      return lookupCodec(value) ? null : `names an encoding Weft does not support: ${JSON.stringify(value)} (supported: ${SUPPORTED_ENCODINGS.join(', ')}, and Python's other names for them, such as 'utf8', 'latin1', 'iso-8859-1')`;
    case 'int':
      // Past 2**53 a JSON number is no longer the integer that was written.
      if (!Number.isSafeInteger(value)) return `must be a whole number${typeof value === 'number' && Number.isInteger(value) ? ` of at most ${Number.MAX_SAFE_INTEGER}` : `, not ${describe(value)}`}`;
      return belowMin(spec, value as number);
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return `must be a number, not ${describe(value)}`;
      return belowMin(spec, value);
    case 'bool':
      return typeof value === 'boolean' ? null : `must be true or false, not ${describe(value)}`;
    case 'bytes': {
      // Dask: an int, or text its parse_bytes reads; a float is a TypeError ("blocksize must be an integer").
      let bytes: number;
      if (typeof value === 'number') {
        if (!Number.isSafeInteger(value)) return `must be a whole number of bytes or a size such as "64MB", not ${describe(value)}`;
        bytes = value;
      } else if (typeof value === 'string') {
        try {
          bytes = parseBytes(value);
        } catch (e) {
          return (e as Error).message;
        }
        if (!Number.isSafeInteger(bytes)) return `is too large a size: ${JSON.stringify(value)}`;
      } else {
        return `must be a whole number of bytes or a size such as "64MB", not ${describe(value)}`;
      }
      return belowMin(spec, bytes, { note: typeof value === 'string' ? ` (${JSON.stringify(value)} is ${bytes} bytes)` : '' });
    }
    case 'paths':
      if (typeof value === 'string') return value.trim() === '' ? 'is empty: a path is required' : null;
      if (!Array.isArray(value) || value.length === 0) return `must be a path or a non-empty list of paths, not ${describe(value)}`;
      if (!value.every((v) => typeof v === 'string')) return 'must be a list of paths (strings) only';
      return value.some((v: string) => v.trim() === '') ? 'has an empty path in its list' : null;
    case 'split_every':
      if (value === false) return null;
      if (!Number.isSafeInteger(value)) return `must be a whole number or false, not ${describe(value)}`;
      return belowMin(spec, value as number, { alternative: ', or false', floor: 2 });
    case 'json':
      return null;
  }
}

/** The range check every numeric spec shares; `floor` is the type's own least value when the spec gives none. */
function belowMin(spec: ParamSpec, value: number, how: { alternative?: string; note?: string; floor?: number } = {}): string | null {
  const min = spec.min ?? how.floor;
  if (min === undefined || value >= min) return null;
  return `must be at least ${min}${how.alternative ?? ''}, not ${value}${how.note ?? ''}`;
}

/** A value as a person would name it in a message: its JSON, cut short, or its kind. */
function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'an object';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function findCycle(byId: Map<string, NodeSpec>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  // Depth-first with an explicit stack of [node, next input] (a chain of thousands of nodes would overflow
  // recursion); `path` holds the ids being visited, so a cycle is the path from the id seen again.
  for (const root of byId.keys()) {
    if (state.has(root)) continue;
    const path: string[] = [root];
    const next: number[] = [0];
    state.set(root, 'visiting');
    while (path.length) {
      const id = path[path.length - 1];
      // Malformed inputs are reported by checkInputs; here they lead nowhere.
      const listed = byId.get(id)?.inputs;
      const inputs = Array.isArray(listed) ? listed : [];
      const i = next[next.length - 1]++;
      if (i >= inputs.length) {
        state.set(id, 'done');
        path.pop();
        next.pop();
        continue;
      }
      const input = inputs[i];
      if (!byId.has(input) || state.get(input) === 'done') continue;
      if (state.get(input) === 'visiting') return [...path.slice(path.indexOf(input)), input].reverse();
      state.set(input, 'visiting');
      path.push(input);
      next.push(0);
    }
  }
  return null;
}
