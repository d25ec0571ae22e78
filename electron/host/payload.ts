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

function string(name: string, params: Record<string, unknown>, key: string): void {
  if (typeof params[key] !== 'string' || params[key] === '') bad(name, `"${key}" must be a non-empty string`);
}

function pipeline(name: string, value: unknown): asserts value is PipelineFile {
  const doc = value as Partial<PipelineFile> | null;
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) bad(name, '"pipeline" must be an object');
  if (!Array.isArray(doc.nodes)) bad(name, '"pipeline.nodes" must be a list');
  for (const node of doc.nodes) {
    if (typeof node !== 'object' || node === null || typeof node.id !== 'string' || typeof node.op !== 'string') bad(name, 'every node needs a string "id" and "op"');
    // The host names its hidden preview nodes so; a user's node by that name would be confused with them.
    if (node.id.startsWith('__')) bad(name, `node '${node.id}': ids starting with "__" are reserved`);
  }
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
    string('validate', p, 'baseDir');
  },
  openFile: (p) => string('openFile', p, 'path'),
  openSample: (p) => string('openSample', p, 'file'),
  saveFile: (p) => {
    string('saveFile', p, 'path');
    pipeline('saveFile', p.pipeline);
  },
  listDir: (p) => string('listDir', p, 'path'),
  autosave: (p) => {
    const record = p.record as Partial<AutosaveRecord> | undefined;
    if (typeof record !== 'object' || record === null) bad('autosave', '"record" must be an object');
    pipeline('autosave', record.pipeline);
    if (record.path !== null && typeof record.path !== 'string') bad('autosave', '"record.path" must be a string or null');
    if (typeof record.baseDir !== 'string') bad('autosave', '"record.baseDir" must be a string');
    if (typeof record.savedAt !== 'number') bad('autosave', '"record.savedAt" must be a number');
  },
  clearAutosave: () => {},
  startRun: (p) => {
    pipeline('startRun', p.pipeline);
    string('startRun', p, 'baseDir');
    targets('startRun', p.targets);
  },
  cancelRun: (p) => string('cancelRun', p, 'runId'),
  planGraph: (p) => {
    pipeline('planGraph', p.pipeline);
    string('planGraph', p, 'baseDir');
    targets('planGraph', p.targets);
  },
  downloadSampleData: () => {},
  showFileDialog: (p) => {
    if (p.mode !== 'open' && p.mode !== 'save' && p.mode !== 'pick') bad('showFileDialog', '"mode" must be open, save or pick');
    string('showFileDialog', p, 'title');
    string('showFileDialog', p, 'defaultPath');
    if (p.fileKind !== undefined && (typeof p.fileKind !== 'string' || !FILE_KINDS.includes(p.fileKind))) bad('showFileDialog', `"fileKind" must be one of ${FILE_KINDS.join(', ')}`);
  },
  exportCode: (p) => {
    pipeline('exportCode', p.pipeline);
    string('exportCode', p, 'baseDir');
    exportFormat('exportCode', p.to);
    string('exportCode', p, 'scriptName');
  },
  exportFile: (p) => {
    string('exportFile', p, 'path');
    pipeline('exportFile', p.pipeline);
    string('exportFile', p, 'baseDir');
    exportFormat('exportFile', p.to);
  },
  importScript: (p) => string('importScript', p, 'path'),
  startClusterRun: (p) => {
    pipeline('startClusterRun', p.pipeline);
    string('startClusterRun', p, 'baseDir');
    string('startClusterRun', p, 'address');
    string('startClusterRun', p, 'python');
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

/** Checks a request's name and params; returns them typed. */
export function checkRequest(name: unknown, params: unknown): { name: RequestName; params: RequestParams<RequestName> } {
  if (typeof name !== 'string' || !(REQUEST_NAMES as readonly string[]).includes(name)) throw new HostFailure('BAD_REQUEST', `unknown request ${JSON.stringify(name)}`);
  const p = params ?? {};
  if (typeof p !== 'object' || Array.isArray(p)) bad(name, 'params must be an object');
  if (depthExceeds(p, MAX_PARAMS_DEPTH)) bad(name, `params nest deeper than ${MAX_PARAMS_DEPTH} levels`);
  CHECKS[name as RequestName](p as Record<string, unknown>);
  return { name: name as RequestName, params: p as RequestParams<RequestName> };
}
