/**
 * Reads a Python script back into a pipeline: scripts that `exportPipeline(..., {to: 'python'})` writes, and
 * hand-written ones of the same shape.
 *
 * Policy, statement by top-level statement (see python-statements.ts):
 * - `NAME = <chain>` where the chain starts at `db.<function>(...)` or at a bag variable and goes through Bag methods
 *   is one node per call, the last one named NAME (the ones before it `NAME_1`, `NAME_2`, ...); a trailing
 *   `.compute()` is dropped (the node is an output anyway). Arguments map onto Dask's parameter names; callables and
 *   other expressions keep their source text verbatim; paths may be wrapped in `data_path(...)`.
 * - `def`s (except the exporter's own `data_path`) are the pipeline's functions, kept as one block of source lines
 *   from the first to the last; so are literal constants (`LIMIT = 5`) that a function or expression reads.
 * - The module docstring gives the name (its first line) and description (up to the exporter's note).
 * - Comments the exporter writes: `# weft: node "<id>"` above a node whose id is not its variable, and one
 *   `# weft: canvas {...}` with what code cannot say (the file's node order, the canvas layout).
 * - Everything else (imports, argument parsing, computing and printing) is the script running itself, and is skipped.
 *   A pipeline step that cannot be read (an unknown method, a non-literal param, a step inside a block, a step not
 *   assigned to a name) is a problem reported with its line; the pipeline is returned only when there is none.
 */
import type { Expr, CallExpr } from '../expr/ast.js';
import { parseModule } from '../expr/parser.js';
import { tokenize, type Token } from '../expr/tokenizer.js';
import { ExprError } from '../expr/expr-error.js';
import type { NodeSpec, PipelineFile } from '../spec/pipeline.js';
import type { WeftError } from '../errors.js';
import type { OpDefinition, Operation } from '../ops/op-definition.js';
import { OPERATIONS } from '../ops/registry.js';
import { validatePipeline } from '../spec/validate.js';
import { splitStatements, type TopStatement } from './python-statements.js';
import { literalValue } from './python-literal.js';
import { PATH_HELPER } from './python-call.js';
import { MODULE_ALIASES, callableNames, formOp, functionOp, methodOp, viaOp } from './python-ops.js';
import type { PortKind } from '../spec/port-kind.js';
import { COLLECTIONS } from '../collections/collections.js';
import { nodeOutputKind } from '../spec/node-output.js';

/** The module aliases as a regular expression alternative (`db`), for spotting steps in a statement's text. */
const ALIASES = [...MODULE_ALIASES.keys()].join('|');
import { CANVAS_MARKER, EXPORT_NOTE, NODE_MARKER } from './export-python.js';

/** Something in the script that could not be read into the pipeline. */
export interface ImportProblem {
  line: number;
  message: string;
}

/** The pipeline read from a script, or the problems that prevented it. */
export type ImportResult = { ok: true; pipeline: PipelineFile } | { ok: false; problems: ImportProblem[] };

class Problem extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** One argument of a call: its source text, and its keyword if it has one. */
interface ArgText {
  keyword: string | null;
  text: string;
}

/** The arguments of the call whose `(` follows the token at `attrPos`, as source text split at top-level commas. */
function argumentTexts(text: string, tokens: Token[], lineStarts: number[], attrLine: number, attrColumn: number): ArgText[] {
  const offset = (t: Token) => lineStarts[t.line - 1] + t.column - 1;
  let i = tokens.findIndex((t) => t.line === attrLine && t.column === attrColumn) + 1;
  if (tokens[i]?.text !== '(') return [];
  const args: ArgText[] = [];
  let depth = 0;
  let start = i + 1;
  // The commas between a lambda's parameters are not argument separators: ignore them up to the lambda's ':'.
  let inLambdaParams = false;
  for (i++; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'name' && t.text === 'lambda' && depth === 0) inLambdaParams = true;
    if (t.kind !== 'op') continue;
    if (inLambdaParams) {
      if (t.text === ':' && depth === 0) inLambdaParams = false;
      continue;
    }
    if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
    else if ((t.text === ')' || t.text === ']' || t.text === '}') && depth > 0) depth--;
    else if (depth === 0 && (t.text === ',' || t.text === ')')) {
      if (start < i) {
        const keyword = tokens[start].kind === 'name' && tokens[start + 1]?.text === '=' && start + 1 < i ? tokens[start].text : null;
        const first = keyword ? tokens[start + 2] : tokens[start];
        args.push({ keyword, text: text.slice(offset(first), offset(t)).trim() });
      }
      if (t.text === ')') break;
      start = i + 1;
    }
  }
  return args;
}

/**
 * One step of a chain: a call (the Dask name, the call, and whether it is `db.<name>` rather than a method), a
 * subscript (`df['a']`: `index` is the key's expression), or a builtin applied to the root (`len(df)`).
 */
interface ChainLink {
  name: string;
  call: CallExpr | null;
  isFunction: boolean;
  index?: Expr;
  isBuiltin?: boolean;
  /** Where the step is written, 1-based within the statement. */
  pos: { line: number; column: number };
}

/** Unwinds `root.a(...).b(...)` into its root name and calls; null when the expression is not such a chain. */
function unwind(expr: Expr): { root: string; links: ChainLink[] } | null {
  const links: ChainLink[] = [];
  let e = expr;
  // `len(df)`: a builtin form applied to a collection variable.
  if (e.kind === 'Call' && e.func.kind === 'Name' && e.args.length === 1 && e.keywords.length === 0 && e.args[0].kind === 'Name') {
    return { root: e.args[0].id, links: [{ name: e.func.id, call: null, isFunction: false, isBuiltin: true, pos: { line: e.line, column: e.column } }] };
  }
  for (;;) {
    if (e.kind === 'Call' && e.func.kind === 'Attribute') {
      links.unshift({ name: e.func.attr, call: e, isFunction: false, pos: e.func.attrPos });
      e = e.func.value;
    } else if (e.kind === 'Subscript' && e.index.kind !== 'Slice') {
      links.unshift({ name: '[]', call: null, isFunction: false, index: e.index, pos: { line: e.line, column: e.column } });
      e = e.value;
    } else break;
  }
  if (e.kind !== 'Name' || links.length === 0) return null;
  if (MODULE_ALIASES.has(e.id)) links[0].isFunction = true;
  return { root: e.id, links };
}

/** The name an expression of attributes, calls and subscripts starts from (`b` in `b.str.lower()`). */
function rootName(expr: Expr): string | null {
  let e = expr;
  for (;;) {
    if (e.kind === 'Call') e = e.func;
    else if (e.kind === 'Attribute' || e.kind === 'Subscript') e = e.value;
    else return e.kind === 'Name' ? e.id : null;
  }
}

/** Reads a Python script into a pipeline. `fileName` only names the script in messages. */
export function importPython(source: string): ImportResult {
  const lines = source.split(/\r\n|\r|\n/);
  const problems: ImportProblem[] = [];
  const statements = splitStatements(source);
  const bags = new Map<string, string>(); // variable -> node id
  const nodes: NodeSpec[] = [];
  /** The script line of the call that made each node, for validation problems. */
  const nodeLines = new Map<string, number>();
  const functionStatements: TopStatement[] = [];
  const constants: Array<{ name: string; statement: TopStatement }> = [];
  let docstring: string | null = null;
  let canvas: { untitled?: boolean; order?: string[]; layout?: PipelineFile['layout'] } = {};

  for (const line of lines) {
    if (!line.startsWith(CANVAS_MARKER)) continue;
    try {
      canvas = JSON.parse(line.slice(CANVAS_MARKER.length));
    } catch {
      problems.push({ line: lines.indexOf(line) + 1, message: 'the weft canvas comment is not valid JSON' });
    }
  }

  statements.forEach((statement, index) => {
    try {
      const first = /^[A-Za-z_][A-Za-z0-9_.]*|^\S/.exec(statement.text)?.[0] ?? '';
      if (index === 0 && /^[rRuU]?("""|'''|"|')/.test(statement.text)) {
        docstring = readDocstring(statement);
        return;
      }
      if (first === 'def') {
        if (!/^def\s+data_path\s*\(/.test(statement.text)) functionStatements.push(statement);
        return;
      }
      if (['import', 'from'].includes(first)) return;
      if (['if', 'with', 'for', 'while', 'try', 'class', 'async'].includes(first)) {
        const step = new RegExp(`^[ \\t]+([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(${ALIASES})\\.`, 'm').exec(statement.text);
        if (step) throw new Problem(statement.startLine + statement.text.slice(0, step.index).split('\n').length - 1, `the pipeline step '${step[1]}' is inside a block; Weft reads top-level steps only`);
        return;
      }
      const assignment = /^([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=)/.exec(statement.text);
      const mentionsBag = new RegExp(`\\b(${ALIASES})\\s*\\.`).test(statement.text) || [...bags.keys()].some((v) => new RegExp(`\\b${v}\\s*[.[]|^[A-Za-z_][A-Za-z0-9_]*\\s*=\\s*[A-Za-z_][A-Za-z0-9_]*\\(\\s*${v}\\s*\\)\\s*$`).test(statement.text));
      if (!assignment) {
        if (mentionsBag && !/^print\s*\(/.test(statement.text)) {
          const parsed = parseStatement(statement);
          const chain = parsed.kind === 'Expr' ? unwind(parsed.value) : null;
          if (chain && (MODULE_ALIASES.has(chain.root) || bags.has(chain.root)) && chain.links.at(-1)!.name !== 'compute') {
            throw new Problem(statement.startLine, 'this pipeline step is not assigned to a variable; Weft needs a name for each node');
          }
        }
        return;
      }
      const variable = assignment[1];
      if (!mentionsBag) {
        if (/^[A-Za-z_][A-Za-z0-9_]*\s*=\s*[-\d'"[({TFN]/.test(statement.text)) {
          const parsed = safeParse(statement);
          if (parsed?.kind === 'Assign' && literalValue(parsed.value) !== undefined) constants.push({ name: variable, statement });
        }
        return;
      }
      const parsed = parseStatement(statement);
      if (parsed.kind !== 'Assign' || parsed.targets.length !== 1) throw new Problem(statement.startLine, 'expected one variable = one chain of Dask calls');
      const chain = unwind(parsed.value);
      if (!chain || !(MODULE_ALIASES.has(chain.root) || bags.has(chain.root))) {
        const root = rootName(parsed.value);
        if (root !== null && (MODULE_ALIASES.has(root) || bags.has(root))) {
          throw new Problem(statement.startLine, `cannot read '${statement.text.split('\n')[0].trim()}': a step is a call of a Dask collection function (such as db.read_text) or a collection's method, chained by '.'`);
        }
        // Plumbing that reads bags (a dict of outputs, a compute call): not a step.
        return;
      }
      const links = chain.links.at(-1)!.name === 'compute' ? chain.links.slice(0, -1) : chain.links;
      if (links.length === 0) return;
      const marker = lines[statement.startLine - 2]?.startsWith(NODE_MARKER) ? JSON.parse(lines[statement.startLine - 2].slice(NODE_MARKER.length)) : null;
      const tokens = tokenize(statement.text, 'module');
      const lineStarts = [0];
      for (let i = 0; i < statement.text.length; i++) if (statement.text[i] === '\n') lineStarts.push(i + 1);
      let previous = MODULE_ALIASES.has(chain.root) ? null : bags.get(chain.root)!;
      const steps = pairVias(links, previous, nodes);
      steps.forEach((step, k) => {
        const isLast = k === steps.length - 1;
        const id = isLast ? (marker ?? variable) : uniqueId(`${variable}_${k + 1}`, nodes);
        const [first, last] = [step[0], step[step.length - 1]];
        const line = statement.startLine + first.pos.line - 1;
        const argsOf = (link: ChainLink) => (link.call ? argumentTexts(statement.text, tokens, lineStarts, link.pos.line, link.pos.column) : []);
        const node = step.length === 2 ? readViaNode(id, first, last, previous, nodes, argsOf(first), argsOf(last), bags, line) : readNode(id, last, chain.root, previous, nodes, argsOf(last), bags, line);
        nodes.push(node);
        nodeLines.set(id, line);
        previous = id;
      });
      bags.set(variable, previous!);
    } catch (e) {
      if (e instanceof Problem) problems.push({ line: e.line, message: e.message });
      else if (e instanceof ExprError) problems.push({ line: statement.startLine + e.line - 1, message: `${e.message} (column ${e.column})` });
      else throw e;
    }
  });

  if (problems.length) return { ok: false, problems };
  if (nodes.length === 0) return { ok: false, problems: [{ line: 1, message: 'no pipeline steps found: expected assignments like `raw = db.read_text(...)`' }] };

  const pipeline: PipelineFile = { weft: 1, nodes: [] };
  const { name, description } = splitDocstring(docstring);
  if (name !== null && !canvas.untitled) pipeline.name = name;
  if (description !== null) pipeline.description = description;
  const functions = functionsBlock(lines, functionStatements, constants, nodes);
  if (functions) pipeline.functions = functions.text;
  pipeline.nodes = ordered(nodes, canvas.order);
  if (canvas.layout) pipeline.layout = canvas.layout;
  const validation = validatePipeline(pipeline);
  if (validation.errors.length) {
    return { ok: false, problems: validation.errors.map((e) => validationProblem(e, functions, nodeLines)) };
  }
  return { ok: true, pipeline };
}

function parseStatement(statement: TopStatement) {
  const body = parseModule(statement.text);
  if (body.length !== 1) throw new Problem(statement.startLine, 'expected one statement');
  return body[0];
}

function safeParse(statement: TopStatement) {
  try {
    return parseStatement(statement);
  } catch {
    return null;
  }
}

function uniqueId(base: string, nodes: NodeSpec[]): string {
  let id = base;
  for (let i = 2; nodes.some((n) => n.id === id); i++) id = `${base}_${i}`;
  return id;
}

/**
 * The chain's steps, one per node: a call, or two calls when the first is the intermediate of an op's Python form
 * (`df.groupby(by).agg(arg)` is one `dataframe.groupby.agg`). `self` is the node the chain starts from.
 */
function pairVias(links: ChainLink[], self: string | null, nodes: NodeSpec[]): ChainLink[][] {
  const steps: ChainLink[][] = [];
  let receiver = self === null ? undefined : nodeOutputKind(nodes.find((n) => n.id === self));
  for (let i = 0; i < links.length; i++) {
    const via = receiver && links[i + 1] ? viaOp(receiver, links[i].name, links[i + 1].name) : undefined;
    steps.push(via ? [links[i], links[++i]] : [links[i]]);
    // Later steps are methods of what the step made (unknown kinds resolve no method and are reported).
    receiver = via ? via.output : undefined;
    if (!via) {
      const step = links[i];
      const def = step.isFunction || receiver === undefined ? undefined : methodOp(receiver, step.name);
      receiver = def?.output;
    }
  }
  return steps;
}

/** The node two calls of a chain make together (`.groupby(by, sort=...).agg(arg, ...)`), the params of each mapped. */
function readViaNode(id: string, first: ChainLink, last: ChainLink, self: string | null, nodes: NodeSpec[], firstArgs: ArgText[], lastArgs: ArgText[], bags: Map<string, string>, line: number): NodeSpec {
  const receiver = nodeOutputKind(nodes.find((n) => n.id === self))!;
  const def = viaOp(receiver, first.name, last.name)!;
  const via = def.python.via!;
  const intermediate = readArguments(def, firstArgs, via.positional, `.${first.name}()`, line, bags);
  const own = readArguments(def, lastArgs, def.python.positional, `.${last.name}()`, line, bags);
  const params = { ...intermediate.params, ...own.params };
  return { id, op: def.op, inputs: [self!], ...(Object.keys(params).length ? { params } : {}) };
}

/** The node one call of a chain makes; `root` is the chain's first name, `self` the node the call is a method of. */
function readNode(id: string, link: ChainLink, root: string, self: string | null, nodes: NodeSpec[], args: ArgText[], bags: Map<string, string>, line: number): NodeSpec {
  const receiver = self === null ? undefined : nodeOutputKind(nodes.find((n) => n.id === self));
  if (link.index || link.isBuiltin) return readFormNode(id, link, receiver, self, line);
  const def = link.isFunction ? functionOp(root, link.name) : receiver && methodOp(receiver, link.name);
  if (!def) {
    const where = link.isFunction ? `${root}.${link.name}` : `.${link.name}()`;
    const module = [...COLLECTIONS.values()].find((c) => c.python?.alias === root)?.python?.module;
    const what = link.isFunction ? `${module} functions` : `${receiver ? COLLECTIONS.get(receiver)?.label ?? receiver : 'its input'} methods`;
    const known = link.isFunction ? callableNames({ alias: root }) : receiver ? callableNames({ receiver }) : [];
    throw new Problem(line, `${where} is not an operation Weft has (${what}: ${known.join(', ')})`);
  }
  const where = link.isFunction ? `${root}.${link.name}` : `.${link.name}()`;
  const { inputs, params } = readArguments(def, args, def.python.positional, where, line, bags);
  if (self) inputs.unshift(self);
  return { id, op: def.op, ...(inputs.length ? { inputs } : {}), ...(Object.keys(params).length ? { params } : {}) };
}

/** A call's arguments as an op's inputs (collection variables) and params (by position, then by keyword). */
function readArguments(def: Operation, args: ArgText[], positional: string[], where: string, line: number, bags: Map<string, string>): { inputs: string[]; params: Record<string, unknown> } {
  const inputs: string[] = [];
  const params: Record<string, unknown> = {};
  let p = 0;
  const bagOf = (text: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(text) ? bags.get(text) : undefined);
  for (const arg of args) {
    if (arg.keyword === null) {
      if (def.python.inputs === 'list') {
        const items = /^\[(.*)\]$/s.exec(arg.text)?.[1].split(',').map((s) => s.trim()).filter(Boolean) ?? [];
        const ids = items.map(bagOf);
        if (!items.length || ids.includes(undefined)) throw new Problem(line, `${where} takes a list of collection variables, not ${arg.text}`);
        inputs.push(...(ids as string[]));
        continue;
      }
      const bag = bagOf(arg.text);
      if (bag !== undefined && (p >= positional.length || def.params.find((s) => s.name === positional[p])?.type !== 'callable')) {
        inputs.push(bag);
        continue;
      }
      if (p >= positional.length) throw new Problem(line, `${where} takes at most ${positional.length} positional argument(s) besides collections; got '${arg.text}'`);
      params[positional[p]] = paramValue(def, positional[p], arg.text, line, where);
      p++;
      continue;
    }
    if (def.python.lazyKeyword?.startsWith(`${arg.keyword}=`) || (arg.keyword === 'compute' && def.python.lazyKeyword)) continue;
    if (!def.params.some((s) => s.name === arg.keyword)) {
      throw new Problem(line, `${where} has no parameter '${arg.keyword}' in Weft (known: ${def.params.map((s) => s.name).join(', ') || 'none'})`);
    }
    params[arg.keyword] = paramValue(def, arg.keyword, arg.text, line, where);
  }
  return { inputs, params };
}

/** The node of `df[key]` (the key a literal) or of `len(df)`: an op whose Python form is that syntax. */
function readFormNode(id: string, link: ChainLink, receiver: PortKind | undefined, self: string | null, line: number): NodeSpec {
  const def = receiver && formOp(receiver, link.index ? 'subscript' : 'builtin', link.name);
  const where = link.index ? '[...]' : `${link.name}(...)`;
  if (!def || self === null) throw new Problem(line, `${where} of ${receiver ? COLLECTIONS.get(receiver)?.article ?? receiver : 'this value'} is not an operation Weft has`);
  if (!link.index) return { id, op: def.op, inputs: [self] };
  const key = literalValue(link.index);
  if (key === undefined) throw new Problem(line, `${def.op}: the key in [...] must be a literal (a column name or a list of them)`);
  return { id, op: def.op, inputs: [self], params: { [def.python.positional[0]]: key } };
}

/** A param's value from its source text: expressions verbatim, paths unwrapped from data_path, literals as JSON. */
function paramValue(def: OpDefinition, name: string, text: string, line: number, where: string): unknown {
  const spec = def.params.find((s) => s.name === name)!;
  if ((spec.type === 'callable' || spec.type === 'key' || spec.type === 'python') && text !== 'None') return text;
  const expr = parseModule(text)[0];
  const value = expr?.kind === 'Expr' ? pathOrLiteral(expr.value, spec.type === 'paths') : undefined;
  // Code where a param may be code or a literal (series.map's function or dict): the code's text.
  if (spec.stringIsSource && (value === undefined || typeof value === 'string')) return text;
  if (value === undefined) throw new Problem(line, `${where}: parameter '${name}' must be a literal${spec.type === 'paths' ? ` or ${PATH_HELPER}('...')` : ''}, not ${text}`);
  return value;
}

function pathOrLiteral(expr: Expr, isPath: boolean): unknown {
  if (isPath && expr.kind === 'Call' && expr.func.kind === 'Name' && expr.func.id === PATH_HELPER && expr.args.length === 1 && expr.args[0].kind === 'Str') {
    return expr.args[0].value;
  }
  if (isPath && expr.kind === 'List') {
    const items = expr.elts.map((e) => pathOrLiteral(e, true));
    return items.includes(undefined) ? undefined : items;
  }
  return literalValue(expr);
}

function readDocstring(statement: TopStatement): string {
  const body = parseModule(statement.text);
  const value = body[0]?.kind === 'Expr' && body[0].value.kind === 'Str' ? body[0].value.value : null;
  if (value === null) throw new Problem(statement.startLine, 'the first statement looks like a docstring but is not a string');
  return value;
}

/** The name (first line) and description (the paragraphs before the exporter's note) of a docstring. */
function splitDocstring(docstring: string | null): { name: string | null; description: string | null } {
  if (docstring === null) return { name: null, description: null };
  const text = docstring.replace(/\n+$/, '');
  const note = text.startsWith(EXPORT_NOTE) ? 0 : text.indexOf(`\n\n${EXPORT_NOTE}`);
  const kept = note === -1 ? text : text.slice(0, note);
  const [name, ...rest] = kept.split('\n\n');
  const description = rest.join('\n\n');
  return { name: name.trim() || null, description: rest.length ? description : null };
}

/**
 * A validation problem of the imported pipeline at its line of the script: a node's at the call that made it, the
 * functions block's at its own line counted from where the block starts in the script, with the block-relative
 * prefix (`functions, line 2, column 15:`) replaced by the script's column.
 */
function validationProblem(error: WeftError, functions: FunctionsBlock | null, nodeLines: ReadonlyMap<string, number>): ImportProblem {
  const { nodeId, line, column } = error.context as { nodeId?: string; line?: unknown; column?: unknown };
  if (nodeId !== undefined && nodeLines.has(nodeId)) return { line: nodeLines.get(nodeId)!, message: error.message };
  if (functions && nodeId === undefined && typeof line === 'number') {
    const message = error.message.replace(/^functions, line \d+, column \d+: /, '');
    return { line: functions.startLine + line - 1, message: typeof column === 'number' ? `${message} (column ${column})` : message };
  }
  return { line: 1, message: error.message };
}

interface FunctionsBlock {
  text: string;
  /** The script line the block starts at. */
  startLine: number;
}

/** The functions block: source lines from the first def (or constant a def or expression reads) to the last. */
function functionsBlock(lines: string[], defs: TopStatement[], constants: Array<{ name: string; statement: TopStatement }>, nodes: NodeSpec[]): FunctionsBlock | null {
  const code = [...defs.map((d) => d.text), ...nodes.flatMap((n) => Object.values(n.params ?? {}).filter((v): v is string => typeof v === 'string'))].join('\n');
  const used = constants.filter((c) => new RegExp(`\\b${c.name}\\b`).test(code)).map((c) => c.statement);
  const parts = [...defs, ...used];
  if (parts.length === 0) return null;
  const start = Math.min(...parts.map((s) => s.startLine));
  const end = Math.max(...parts.map((s) => s.endLine));
  return { text: lines.slice(start - 1, end).join('\n') + '\n', startLine: start };
}

function ordered(nodes: NodeSpec[], order: string[] | undefined): NodeSpec[] {
  if (!order || order.length !== nodes.length || !order.every((id) => nodes.some((n) => n.id === id))) return nodes;
  return order.map((id) => nodes.find((n) => n.id === id)!);
}
