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
  const specs = new Map(def.params.map((p) => [p.name, p]));
  const inputs = (node.inputs ?? []).map((id) => variables.get(id)!);
  const form = def.python;
  const args: string[] = [];
  const written = new Set<string>();
  // The leading required params go by position, as Dask's docs write them (`b.map(func)`, `b.take(3)`).
  for (const name of form.positional) {
    const spec = specs.get(name)!;
    if (!spec.required || params[name] === undefined) break;
    args.push(pythonParam(spec, params[name]));
    written.add(name);
  }
  if (form.call === 'builtin') return `${daskName(def)}(${inputs.join(', ')})`;
  const self = form.call === 'method' ? inputs.shift() : undefined;
  if (form.inputs === 'list') args.push(`[${inputs.join(', ')}]`);
  else args.push(...inputs);
  for (const spec of def.params) {
    if (written.has(spec.name) || params[spec.name] === undefined) continue;
    args.push(`${spec.name}=${pythonParam(spec, params[spec.name])}`);
  }
  if (form.lazyKeyword) args.push(form.lazyKeyword);
  const callee = form.call === 'method' ? `${self}.${daskName(def)}` : `${moduleAlias(def)}.${daskName(def)}`;
  return `${callee}(${args.join(', ')})`;
}
