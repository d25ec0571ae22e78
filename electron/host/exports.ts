/**
 * The document as code: for the code pane (text and each node's lines) and for the Export menu (written to a file).
 * The engine's exporter is pure; this validates first (it takes valid pipelines only), plans the task graph for dot
 * (planning reads the data files), and writes the file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { exportPipeline, nodePaths, planPipeline, validatePipeline, type PipelineFile } from '../../engine/index.js';
import type { ExportedCode, ExportFormat } from '../ipc/contract.js';
import { HostFailure } from './host-failure.js';
import { writeFileAtomically } from './write-file.js';

/** The extension of each format's files, as `weft export` names them. */
export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = { python: '.py', notebook: '.ipynb', typescript: '.ts', dot: '.dot' };

export function exportCode(pipeline: PipelineFile, baseDir: string, to: ExportFormat, scriptName: string): ExportedCode {
  const validation = validatePipeline(pipeline);
  if (!validation.pipeline) {
    const first = validation.errors[0];
    throw new HostFailure(first.code, `the pipeline has ${validation.errors.length} problem${validation.errors.length === 1 ? '' : 's'}; first: ${first.message}`, first.context.nodeId);
  }
  const valid = validation.pipeline;
  const result =
    to === 'dot'
      ? exportPipeline(valid, { to, graph: planPipeline(valid, { baseDir }).optimized })
      : to === 'notebook'
        ? exportPipeline(valid, { to })
        : exportPipeline(valid, { to, scriptName });
  return { text: result.text, nodeLines: result.nodeLines ?? {} };
}

export function exportToFile(file: string, pipeline: PipelineFile, baseDir: string, to: ExportFormat): { path: string; text: string; note?: string } {
  const absolute = path.resolve(file);
  const extension = EXPORT_EXTENSIONS[to];
  if (!absolute.endsWith(extension)) throw new HostFailure('BAD_INPUT', `${absolute}: a ${to} export is a ${extension} file`);
  const { text } = exportCode(pipeline, baseDir, to, path.basename(absolute));
  writeFileAtomically(absolute, text);
  return { path: absolute, text, ...relativePathNote(pipeline, baseDir, absolute, to) };
}

/** The exported code reads relative paths from its own folder by default (as `weft export -o` warns too). */
function relativePathNote(pipeline: PipelineFile, baseDir: string, file: string, to: ExportFormat): { note?: string } {
  const readsFiles = pipeline.nodes.some((n) => nodePaths(n).length > 0);
  if (to === 'dot' || !readsFiles || path.dirname(file) === path.resolve(baseDir)) return {};
  const how = to === 'python' ? `run it with --data-dir ${baseDir}` : to === 'notebook' ? `set DATA_DIR to ${baseDir}` : `run it with --data-dir ${baseDir}`;
  return { note: `it reads the pipeline's relative paths from its own folder; ${how}` };
}
