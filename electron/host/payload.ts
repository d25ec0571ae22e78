/**
 * Checks of what arrives at the boundary: a transport hands the host untrusted JSON, and each request's params are
 * checked here before any handler sees them. Past this point the handlers trust the contract's types.
 */
import type { AutosaveRecord, PipelineFile, RequestName, RequestParams } from '../ipc/contract.js';
import { REQUEST_NAMES, SCHEDULER_ADDRESS } from '../ipc/contract.js';
import { HostFailure } from './host-failure.js';

type Checker = (params: Record<string, unknown>) => void;

function bad(name: string, what: string): never {
  throw new HostFailure('BAD_REQUEST', `${name}: ${what}`);
}

function string(name: string, params: Record<string, unknown>, key: string, label = key): void {
  if (typeof params[key] !== 'string' || params[key] === '') bad(name, `"${label}" must be a non-empty string`);
}

/** The longest path the host takes (Linux's PATH_MAX); a path past it, or with a NUL byte, no file system accepts. */
const MAX_PATH_LENGTH = 4096;

function filePath(name: string, params: Record<string, unknown>, key: string, label = key): void {
  string(name, params, key, label);
  const value = params[key] as string;
  if (value.includes('\0')) bad(name, `"${label}" must not contain a NUL character`);
  if (value.length > MAX_PATH_LENGTH) bad(name, `"${label}" is longer than ${MAX_PATH_LENGTH} characters`);
}

/**
 * What is wrong with the shape of a pipeline document, or null: the types PipelineFile promises (a list of nodes,
 * each with a string id and op, inputs a list of ids, params an object; the top-level texts strings). Whether the
 * ops, params and expressions make sense is the engine's validation, which reports it on the nodes.
 */
export function pipelineShapeProblem(value: unknown): string | null {
  const doc = value as Partial<PipelineFile> | null;
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return '"pipeline" must be an object';
  if (!Array.isArray(doc.nodes)) return '"pipeline.nodes" must be a list';
  for (const key of ['name', 'description', 'functions'] as const) {
    if (doc[key] !== undefined && typeof doc[key] !== 'string') return `"pipeline.${key}" must be a string`;
  }
  if (doc.layout !== undefined) {
    if (!isPlainObject(doc.layout)) return '"pipeline.layout" must be an object';
    for (const [id, at] of Object.entries(doc.layout)) {
      if (!isPlainObject(at) || typeof at.x !== 'number' || typeof at.y !== 'number') return `"pipeline.layout" of '${id}' must be {"x": number, "y": number}`;
    }
  }
  for (const node of doc.nodes as unknown[]) {
    if (!isPlainObject(node) || typeof node.id !== 'string' || typeof node.op !== 'string') return 'every node needs a string "id" and "op"';
    // The host names its hidden preview nodes so; a user's node by that name would be confused with them.
    if (node.id.startsWith('__')) return `node '${node.id}': ids starting with "__" are reserved`;
    if (node.inputs !== undefined && !(Array.isArray(node.inputs) && node.inputs.every((i) => typeof i === 'string'))) return `node '${node.id}': "inputs" must be a list of node ids`;
    if (node.params !== undefined && !isPlainObject(node.params)) return `node '${node.id}': "params" must be an object`;
  }
  return null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pipeline(name: string, value: unknown): asserts value is PipelineFile {
  const problem = pipelineShapeProblem(value);
  if (problem) bad(name, problem);
}

function targets(name: string, value: unknown): void {
  if (value !== undefined && !(Array.isArray(value) && value.every((t) => typeof t === 'string'))) bad(name, '"targets" must be a list of node ids');
}

const EXPORT_FORMATS: readonly string[] = ['python', 'notebook', 'typescript', 'dot'];
const FILE_KINDS: readonly string[] = ['pipeline', 'any', ...EXPORT_FORMATS];

function exportFormat(name: string, value: unknown): void {
  if (typeof value !== 'string' || !EXPORT_FORMATS.includes(value)) bad(name, '"to" must be python, notebook, typescript or dot');
}

const CHECKS: Record<RequestName, Checker> = {
  getAppInfo: () => {},
  validate: (p) => {
    pipeline('validate', p.pipeline);
    filePath('validate', p, 'baseDir');
  },
  analyze: (p) => {
    pipeline('analyze', p.pipeline);
    filePath('analyze', p, 'baseDir');
  },
  openFile: (p) => filePath('openFile', p, 'path'),
  openSample: (p) => filePath('openSample', p, 'file'),
  saveFile: (p) => {
    filePath('saveFile', p, 'path');
    pipeline('saveFile', p.pipeline);
  },
  listDir: (p) => filePath('listDir', p, 'path'),
  autosave: (p) => {
    const record = p.record as Partial<AutosaveRecord> | undefined;
    if (typeof record !== 'object' || record === null) bad('autosave', '"record" must be an object');
    pipeline('autosave', record.pipeline);
    if (record.path !== null) filePath('autosave', record, 'path', 'record.path');
    filePath('autosave', record, 'baseDir', 'record.baseDir');
    if (typeof record.savedAt !== 'number') bad('autosave', '"record.savedAt" must be a number');
  },
  clearAutosave: () => {},
  startRun: (p) => {
    pipeline('startRun', p.pipeline);
    filePath('startRun', p, 'baseDir');
    targets('startRun', p.targets);
  },
  cancelRun: (p) => string('cancelRun', p, 'runId'),
  planGraph: (p) => {
    pipeline('planGraph', p.pipeline);
    filePath('planGraph', p, 'baseDir');
    targets('planGraph', p.targets);
  },
  downloadSampleData: () => {},
  showFileDialog: (p) => {
    if (p.mode !== 'open' && p.mode !== 'save' && p.mode !== 'pick') bad('showFileDialog', '"mode" must be open, save or pick');
    string('showFileDialog', p, 'title');
    filePath('showFileDialog', p, 'defaultPath');
    if (p.fileKind !== undefined && (typeof p.fileKind !== 'string' || !FILE_KINDS.includes(p.fileKind))) bad('showFileDialog', `"fileKind" must be one of ${FILE_KINDS.join(', ')}`);
  },
  exportCode: (p) => {
    pipeline('exportCode', p.pipeline);
    filePath('exportCode', p, 'baseDir');
    exportFormat('exportCode', p.to);
    string('exportCode', p, 'scriptName');
  },
  exportFile: (p) => {
    filePath('exportFile', p, 'path');
    pipeline('exportFile', p.pipeline);
    filePath('exportFile', p, 'baseDir');
    exportFormat('exportFile', p.to);
  },
  importScript: (p) => filePath('importScript', p, 'path'),
  startClusterRun: (p) => {
    pipeline('startClusterRun', p.pipeline);
    filePath('startClusterRun', p, 'baseDir');
    string('startClusterRun', p, 'address');
    filePath('startClusterRun', p, 'python');
    // The address goes to Dask's Client as it is; a mistyped one is better refused here, with an example, than in Python.
    if (!SCHEDULER_ADDRESS.test(p.address as string)) bad('startClusterRun', `the scheduler address must look like tcp://127.0.0.1:8786, not '${p.address as string}'`);
  },
};

/**
 * How deep a request's params may nest (objects and lists inside each other). A document nests a few levels (a
 * node's params hold lists); anything deeper is refused here, before a recursive step of a handler could overflow.
 */
export const MAX_PARAMS_DEPTH = 64;

/** The depth of a JSON value, counted without recursion, stopping as soon as it passes `limit`. */
function depthExceeds(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

/** A request name as an error quotes it: a string cut short, anything else by its JSON type (it may be huge or deep). */
function describeName(name: unknown): string {
  if (typeof name === 'string') return JSON.stringify(name.length > 60 ? `${name.slice(0, 60)}…` : name);
  if (typeof name === 'number' || typeof name === 'boolean' || name === null || name === undefined) return String(name);
  return Array.isArray(name) ? '(a list)' : '(an object)';
}

/** Checks a request's name and params; returns them typed. */
export function checkRequest(name: unknown, params: unknown): { name: RequestName; params: RequestParams<RequestName> } {
  if (typeof name !== 'string' || !(REQUEST_NAMES as readonly string[]).includes(name)) throw new HostFailure('BAD_REQUEST', `unknown request ${describeName(name)}`);
  const p = params ?? {};
  if (typeof p !== 'object' || Array.isArray(p)) bad(name, 'params must be an object');
  if (depthExceeds(p, MAX_PARAMS_DEPTH)) bad(name, `params nest deeper than ${MAX_PARAMS_DEPTH} levels`);
  CHECKS[name as RequestName](p as Record<string, unknown>);
  return { name: name as RequestName, params: p as RequestParams<RequestName> };
}
