/**
 * A pipeline as a Jupyter notebook (nbformat 4): a title cell, a setup cell (imports, scheduler, data folder), the
 * pipeline's functions, then for each node a markdown cell explaining its operation and params and a code cell with
 * its statement, and last the cells that compute the outputs in one pass and print them. Runnable top to bottom.
 */
import type { PipelineFile } from '../spec/pipeline.js';
import { OPERATIONS } from '../ops/registry.js';
import { isSourceValue } from '../ops/op-definition.js';
import { PATH_HELPER } from './python-call.js';
import { pythonLiteral } from './python-literal.js';
import { outputsDict, pythonParts } from './export-python.js';

interface Cell {
  cell_type: 'markdown' | 'code';
  id: string;
  metadata: Record<string, never>;
  source: string[];
  execution_count?: null;
  outputs?: never[];
}

/** nbformat stores a cell's text as lines that keep their newlines. */
function sourceLines(text: string): string[] {
  const lines = text.split('\n');
  return lines.map((line, i) => (i < lines.length - 1 ? line + '\n' : line)).filter((line) => line !== '');
}

/** Exports a pipeline as the JSON text of an `.ipynb` notebook. */
export function exportNotebook(pipeline: PipelineFile): string {
  const parts = pythonParts(pipeline);
  const cells: Cell[] = [];
  const markdown = (text: string) => cells.push({ cell_type: 'markdown', id: `cell-${cells.length}`, metadata: {}, source: sourceLines(text) });
  const code = (text: string) => cells.push({ cell_type: 'code', id: `cell-${cells.length}`, metadata: {}, execution_count: null, outputs: [], source: sourceLines(text) });

  markdown(`# ${pipeline.name ?? 'Untitled pipeline'}\n\n${pipeline.description ? pipeline.description + '\n\n' : ''}Exported from Weft. Each node of the pipeline is a cell below; the last cells compute every output in one pass.`);
  code(`import json
import os

import dask
${parts.imports.join('\n')}
from dask.diagnostics import ProgressBar

# Dask's local scheduler: "sync", "threads" or "processes". On a cluster, connect a client instead:
#     from dask.distributed import Client
#     client = Client("tcp://HOST:PORT")
dask.config.set(scheduler="threads")

# The folder that the pipeline's relative paths start from: the notebook's folder.
DATA_DIR = os.getcwd()


def ${PATH_HELPER}(path):
    return os.path.join(os.path.abspath(DATA_DIR), path)`);
  if (parts.functions.trim() !== '') {
    markdown("## Functions\n\nThe pipeline's own Python functions, which its nodes call by name.");
    code(parts.functions.replace(/\n+$/, ''));
  }
  markdown('## The pipeline\n\nOne variable per node, each built from the nodes it reads. Nothing is computed yet: Dask builds a task graph.');
  const byId = new Map(pipeline.nodes.map((n) => [n.id, n]));
  for (const statement of parts.nodes) {
    const node = byId.get(statement.id)!;
    const def = OPERATIONS.get(node.op)!;
    const params = Object.entries(node.params ?? {}).map(([name, value]) => {
      const spec = def.params.find((p) => p.name === name);
      const shown = spec && isSourceValue(spec, value) ? value : pythonLiteral(value);
      return `- \`${name}\` = \`${shown.replace(/`/g, "'")}\`: ${spec?.doc ?? ''}`;
    });
    const inputs = node.inputs?.length ? `\n\nReads: ${node.inputs.map((i) => `\`${i}\``).join(', ')}.` : '';
    markdown(`### \`${node.id}\`: \`${node.op}\`\n\n${def.doc}${inputs}${params.length ? '\n\n' + params.join('\n') : ''}`);
    code(statement.code);
  }
  markdown('## Compute the outputs\n\nThe outputs are the nodes no other node reads. One `dask.compute` of all of them runs the steps they share once.');
  code(`outputs = ${outputsDict(parts)}
with ProgressBar():
    results = dict(zip(outputs, dask.compute(*outputs.values())))`);
  code(`for name, value in results.items():
    print("%s: %r" % (name, value))`);
  const notebook = {
    cells,
    metadata: {
      kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' },
      language_info: { name: 'python' },
      weft: parts.canvas ? JSON.parse(parts.canvas.slice(parts.canvas.indexOf('{'))) : {},
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return JSON.stringify(notebook, null, 1) + '\n';
}
