/**
 * Import of a Python script as a new document: the engine's importer reads it, and the document opens untitled in
 * the script's folder (relative paths resolve against it, as the exported script's own `--data-dir` default does).
 * A script with lines the importer cannot read opens nothing: every such line comes back with its number.
 */
import fs from 'node:fs';
import path from 'node:path';
import { importPython } from '../../engine/index.js';
import type { ImportedScript } from '../ipc/contract.js';
import { findProblems } from './problems.js';
import { HostFailure } from './host-failure.js';
import { fileErrorReason } from './write-file.js';

export function importScript(file: string): ImportedScript {
  const absolute = path.resolve(file);
  let source: string;
  try {
    source = fs.readFileSync(absolute, 'utf8');
  } catch (e) {
    throw new HostFailure('FILE_NOT_FOUND', `cannot read ${absolute}: ${fileErrorReason(e)}`);
  }
  const result = importPython(source);
  if (!result.ok) return { kind: 'unreadable', path: absolute, problems: result.problems.map((p) => ({ line: p.line, message: p.message })) };
  const baseDir = path.dirname(absolute);
  return { kind: 'imported', document: { path: null, baseDir, pipeline: result.pipeline, problems: findProblems(result.pipeline, baseDir) } };
}
