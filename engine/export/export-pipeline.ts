/**
 * One entry point for every export target. Pure: it returns text and never touches the file system, so the app and
 * the command line decide where it goes.
 */
import type { PipelineFile } from '../spec/pipeline.js';
import type { TaskGraph } from '../graph/task-graph.js';
import { graphToDot } from '../graph/render-graph.js';
import { exportPython, type LineRange } from './export-python.js';
import { exportNotebook } from './export-notebook.js';
import { exportTypeScript } from './export-typescript.js';

/** What to export to; `dot` needs the planned graph (`planPipeline(...).optimized`), since planning reads files. */
export type ExportRequest =
  | { to: 'python'; scriptName?: string }
  | { to: 'notebook' }
  | { to: 'typescript'; scriptName?: string; engineModule?: string }
  | { to: 'dot'; graph: TaskGraph };

/** The exported text; for python, the lines of each node's statement. */
export interface ExportResult {
  text: string;
  /** Python only: node id -> its lines in `text` (1-based, inclusive), for highlighting the selected node. */
  nodeLines?: Record<string, LineRange>;
  /** Python only: node id -> its variable in the script. */
  variables?: Record<string, string>;
}

/** Exports a validated pipeline. */
export function exportPipeline(pipeline: PipelineFile, request: ExportRequest): ExportResult {
  switch (request.to) {
    case 'python':
      return exportPython(pipeline, { scriptName: request.scriptName });
    case 'notebook':
      return { text: exportNotebook(pipeline) };
    case 'typescript':
      return { text: exportTypeScript(pipeline, request) };
    case 'dot':
      return { text: graphToDot(request.graph) };
  }
}
