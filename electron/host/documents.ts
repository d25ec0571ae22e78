/**
 * Pipeline documents on disk: open (also a file that does not validate, so the user can fix it on the canvas),
 * save (the engine's pretty-printed, stable serialization: the same bytes the command line reads), the samples,
 * the recent-files list and folder listings for the in-app file picker.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parsePipelineText, serializePipeline, WeftError, type PipelineFile } from '../../engine/index.js';
import type { DirEntry, OpenedDocument, SampleInfo } from '../ipc/contract.js';
import { findProblems } from './problems.js';
import { HostFailure } from './host-failure.js';
import { pipelineShapeProblem } from './payload.js';
import { fileErrorReason, writeFileAtomically } from './write-file.js';

const RECENT_LIMIT = 10;

export class Documents {
  constructor(
    private readonly samplesDir: string,
    private readonly stateDir: string,
  ) {}

  samples(): SampleInfo[] {
    if (!fs.existsSync(this.samplesDir)) return [];
    return fs
      .readdirSync(this.samplesDir)
      .filter((f) => f.endsWith('.weft.json'))
      .sort(sampleOrder)
      .map((file) => {
        const raw = readPipeline(path.join(this.samplesDir, file));
        return { file, name: raw.name ?? file, description: raw.description ?? '' };
      });
  }

  open(file: string): OpenedDocument {
    const absolute = path.resolve(file);
    const pipeline = readPipeline(absolute);
    this.addRecent(absolute);
    const baseDir = path.dirname(absolute);
    return { path: absolute, baseDir, pipeline, problems: findProblems(pipeline, baseDir) };
  }

  /** A sample opens as an untitled copy: saving asks where, so the tutorial files stay as shipped. */
  openSample(file: string): OpenedDocument {
    if (!this.samples().some((s) => s.file === file)) throw new HostFailure('BAD_INPUT', `no sample named '${file}'`);
    const pipeline = readPipeline(path.join(this.samplesDir, file));
    return { path: null, baseDir: this.samplesDir, pipeline, problems: findProblems(pipeline, this.samplesDir) };
  }

  save(file: string, pipeline: PipelineFile): { path: string; text: string } {
    const absolute = path.resolve(file);
    if (!absolute.endsWith('.weft.json')) throw new HostFailure('BAD_INPUT', `${absolute}: pipeline files end in .weft.json`);
    const text = serializePipeline(pipeline);
    writeFileAtomically(absolute, text);
    this.addRecent(absolute);
    return { path: absolute, text };
  }

  listDir(dir: string): { path: string; parent: string | null; entries: DirEntry[] } {
    const absolute = path.resolve(dir);
    let dirents: fs.Dirent[];
    try {
      dirents = fs.readdirSync(absolute, { withFileTypes: true });
    } catch (e) {
      throw new HostFailure('FILE_NOT_FOUND', `cannot list ${absolute}: ${fileErrorReason(e)}`);
    }
    const entries = dirents
      .filter((d) => !d.name.startsWith('.'))
      .map((d) => ({ name: d.name, isDir: d.isDirectory() || (d.isSymbolicLink() && isDir(path.join(absolute, d.name))) }))
      .sort((a, b) => (a.isDir === b.isDir ? a.name.localeCompare(b.name) : a.isDir ? -1 : 1));
    const parent = path.dirname(absolute);
    return { path: absolute, parent: parent === absolute ? null : parent, entries };
  }

  recentFiles(): string[] {
    try {
      const list = JSON.parse(fs.readFileSync(this.recentPath(), 'utf8')) as unknown;
      return Array.isArray(list) ? list.filter((f): f is string => typeof f === 'string' && fs.existsSync(f)) : [];
    } catch {
      return [];
    }
  }

  private addRecent(file: string): void {
    const list = [file, ...this.recentFiles().filter((f) => f !== file)].slice(0, RECENT_LIMIT);
    try {
      fs.mkdirSync(this.stateDir, { recursive: true });
    } catch (e) {
      throw new HostFailure('FILE_WRITE', `cannot make the app's state folder ${this.stateDir}: ${fileErrorReason(e)}`);
    }
    writeFileAtomically(this.recentPath(), JSON.stringify(list, null, 2) + '\n');
  }

  private recentPath(): string {
    return path.join(this.stateDir, 'recent-files.json');
  }
}

/** The tutorials in the order they are taught. */
function sampleOrder(a: string, b: string): number {
  const order = ['bag-creation.weft.json', 'bag-basics.weft.json', 'set-operations.weft.json', 'dataframe-basics.weft.json'];
  const rank = (f: string) => (order.includes(f) ? order.indexOf(f) : order.length);
  return rank(a) - rank(b) || a.localeCompare(b);
}

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Reads a pipeline file as a document: it must be JSON with a list of nodes; anything else can be fixed on the canvas. */
function readPipeline(file: string): PipelineFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new HostFailure('FILE_NOT_FOUND', `cannot read ${file}: ${fileErrorReason(e)}`);
  }
  let raw: unknown;
  try {
    raw = parsePipelineText(text, file);
  } catch (e) {
    throw new HostFailure('PIPELINE_FORMAT', e instanceof WeftError ? e.message : String(e));
  }
  const doc = raw as Partial<PipelineFile> | null;
  if (typeof doc !== 'object' || doc === null || !Array.isArray(doc.nodes) || !doc.nodes.every((n) => typeof n === 'object' && n !== null && typeof n.id === 'string' && typeof n.op === 'string')) {
    throw new HostFailure('PIPELINE_FORMAT', `${file}: not a Weft pipeline (a JSON object with "weft": 1 and a list of "nodes", each with an "id" and an "op")`);
  }
  // A document the window could not send back (every request checks this shape) is refused when it is opened.
  const problem = pipelineShapeProblem(doc);
  if (problem) throw new HostFailure('PIPELINE_FORMAT', `${file}: ${problem}`);
  return doc as PipelineFile;
}
