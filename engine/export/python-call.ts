/**
 * The Python of one node: the Dask call its operation's `python` form describes, with the node's params as the file
 * gives them (defaults stay implicit), expressions verbatim, paths through `data_path` so that they resolve against
 * the pipeline's folder wherever the script runs.
 */
import type { NodeSpec } from '../spec/pipeline.js';
import { isSourceValue, type Operation, type ParamSpec } from '../ops/op-definition.js';
import { daskName, moduleAlias } from './python-ops.js';
import { pythonLiteral } from './python-literal.js';

/** The helper that exported scripts call on relative paths. */
export const PATH_HELPER = 'data_path';

/** Whether a path is used as given rather than relative to the pipeline's folder. */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.includes('://');
}

/** The Python source of one param value. */
export function pythonParam(spec: ParamSpec, value: unknown): string {
  if (isSourceValue(spec, value)) return value;
  if (spec.type === 'paths') {
    const one = (p: unknown) => (typeof p === 'string' && !isAbsolutePath(p) ? `${PATH_HELPER}(${pythonLiteral(p)})` : pythonLiteral(p));
    return Array.isArray(value) ? `[${value.map(one).join(', ')}]` : one(value);
  }
  return pythonLiteral(value);
}

/** The call expression that builds `node`, its inputs named by `variables`. */
export function pythonCall(node: NodeSpec, def: Operation, variables: ReadonlyMap<string, string>): string {
  const params = node.params ?? {};
  const inputs = (node.inputs ?? []).map((id) => variables.get(id)!);
  const form = def.python;
  if (form.call === 'builtin') return `${daskName(def)}(${inputs.join(', ')})`;
  if (form.call === 'subscript') {
    const spec = def.params.find((p) => p.name === form.positional[0])!;
    return `${inputs[0]}[${pythonParam(spec, params[spec.name] ?? spec.default)}]`;
  }
  const self = form.call === 'method' ? inputs.shift() : undefined;
  if (form.via) {
    // `df.groupby(by, sort=...).agg(arg, ...)`: the intermediate call takes its own params, the op's method the rest.
    const via = form.via;
    const viaArgs = argumentList(def, params, via.positional, (name) => via.params.includes(name));
    const ownArgs = argumentList(def, params, form.positional, (name) => !via.params.includes(name));
    if (form.lazyKeyword) ownArgs.push(form.lazyKeyword);
    return `${self}.${via.method}(${viaArgs.join(', ')}).${daskName(def)}(${ownArgs.join(', ')})`;
  }
  const args = argumentList(def, params, form.positional, () => true, inputs, form.inputs === 'list');
  if (form.lazyKeyword) args.push(form.lazyKeyword);
  const callee = form.call === 'method' ? `${self}.${daskName(def)}` : `${moduleAlias(def)}.${daskName(def)}`;
  return `${callee}(${args.join(', ')})`;
}

/**
 * A call's arguments: the leading required params by position, as Dask's docs write them (`b.map(func)`,
 * `b.take(3)`), then the inputs (after the positional params, or as one list), then the other given params by name.
 */
function argumentList(def: Operation, params: Record<string, unknown>, positional: string[], takes: (name: string) => boolean, inputs: string[] = [], inputsAsList = false): string[] {
  const specs = new Map(def.params.map((p) => [p.name, p]));
  const args: string[] = [];
  const written = new Set<string>();
  for (const name of positional) {
    const spec = specs.get(name)!;
    if (!spec.required || params[name] === undefined) break;
    args.push(pythonParam(spec, params[name]));
    written.add(name);
  }
  if (inputsAsList) args.push(`[${inputs.join(', ')}]`);
  else args.push(...inputs);
  for (const spec of def.params) {
    if (!takes(spec.name) || written.has(spec.name) || params[spec.name] === undefined) continue;
    args.push(`${spec.name}=${pythonParam(spec, params[spec.name])}`);
  }
  return args;
}
