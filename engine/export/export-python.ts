/**
 * A pipeline as a Python script in the style of the Dask tutorials: imports, the pipeline's functions as real defs,
 * one variable per node in dependency order (expressions verbatim), then one `dask.compute` of every output under a
 * progress bar, and the results printed. The script takes `--scheduler`, `--address tcp://HOST:PORT` (a
 * dask.distributed scheduler), `--timeout` and `--data-dir`.
 *
 * The same pieces make the notebook (export-notebook.ts); `weft import` (import-python.ts) reads the shape back.
 */
import type { PipelineFile } from '../spec/pipeline.js';
import { OPERATIONS } from '../ops/registry.js';
import { topologicalOrder, sinkNodes } from '../graph/compile.js';
import { pythonCall, PATH_HELPER } from './python-call.js';
import { moduleImports } from './python-ops.js';
import { definedNames, nodeVariables } from './python-names.js';
import { reprString } from '../values/repr.js';

/** Lines of a script, 1-based and inclusive. */
export interface LineRange {
  start: number;
  end: number;
}

/** A pipeline exported as Python: the script, and the lines of each node's statement (for the app's code pane). */
export interface PythonExport {
  text: string;
  /** Node id -> the lines of its statement, in the order the script builds the nodes. */
  nodeLines: Record<string, LineRange>;
  /** Node id -> its Python variable (the id itself unless the id is not a usable name). */
  variables: Record<string, string>;
}

/** The first line of the paragraph that ends an exported docstring; the importer drops it and what follows. */
export const EXPORT_NOTE = 'Exported from Weft.';
/** The comment above a node whose id is not its variable. */
export const NODE_MARKER = '# weft: node ';
/** The comment that carries what the code does not say (canvas layout, node order in the file). */
export const CANVAS_MARKER = '# weft: canvas ';

/** One node's statement, and what the importer needs to name it. */
export interface NodeStatement {
  id: string;
  variable: string;
  /** The assignment, preceded by the id marker when the id is not the variable. */
  code: string;
}

/** The parts an exported script and notebook are made of. */
export interface PythonParts {
  docstring: string;
  functions: string;
  nodes: NodeStatement[];
  /** The outputs: node id and variable, in the order Weft reports them. */
  outputs: Array<{ id: string; variable: string }>;
  /** The trailing canvas comment, or '' when the code says everything. */
  canvas: string;
  /** The imports of the Dask modules the nodes use (`import dask.bag as db`). */
  imports: string[];
}

/** Splits a pipeline into the pieces of its Python form. */
export function pythonParts(pipeline: PipelineFile, scriptName = 'pipeline.py'): PythonParts {
  const functions = pipeline.functions ?? '';
  const order = topologicalOrder(pipeline.nodes);
  const variables = nodeVariables(order.map((n) => n.id), definedNames(functions));
  const nodes = order.map((node) => {
    const def = OPERATIONS.get(node.op);
    if (!def) throw new Error(`node '${node.id}': unknown operation '${node.op}'`);
    const variable = variables.get(node.id)!;
    const assignment = `${variable} = ${pythonCall(node, def, variables)}`;
    const code = variable === node.id ? assignment : `${NODE_MARKER}${JSON.stringify(node.id)}\n${assignment}`;
    return { id: node.id, variable, code };
  });
  const canvas: Record<string, unknown> = {};
  if (pipeline.name === undefined) canvas.untitled = true;
  if (order.some((node, i) => node !== pipeline.nodes[i])) canvas.order = pipeline.nodes.map((n) => n.id);
  if (pipeline.layout !== undefined) canvas.layout = pipeline.layout;
  return {
    docstring: docstring(pipeline, scriptName),
    functions,
    nodes,
    outputs: sinkNodes(pipeline).map((id) => ({ id, variable: variables.get(id)! })),
    canvas: Object.keys(canvas).length ? `${CANVAS_MARKER}${JSON.stringify(canvas)}` : '',
    imports: moduleImports(order.map((node) => OPERATIONS.get(node.op)!)),
  };
}

function docstring(pipeline: PipelineFile, scriptName: string): string {
  const paragraphs = [pipeline.name ?? 'Untitled pipeline'];
  if (pipeline.description !== undefined) paragraphs.push(pipeline.description);
  paragraphs.push(
    `${EXPORT_NOTE} Run it with Debian's python3-dask (or pip's dask[bag]):\n` +
      `    python3 ${scriptName} [--scheduler sync|threads|processes] [--address tcp://HOST:PORT] [--data-dir DIR]`,
  );
  return `"""${escapeDocstring(paragraphs.join('\n\n'))}\n"""`;
}

/** Escapes what would end or bend a triple-quoted string. */
function escapeDocstring(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"').replace(/"$/, '\\"');
}

/**
 * Dask's groupby sends each element to the partition `hash(key)` picks, in whichever worker process holds it; Python
 * salts str hashes per process unless PYTHONHASHSEED fixes them, so on a cluster whose workers hash differently a
 * group comes back split in pieces, silently. A script with a groupby checks the workers first and stops with the fix.
 */
function hashSeedCheck(pipeline: PipelineFile): string {
  const hashing = pipeline.nodes.filter((n) => OPERATIONS.get(n.op)?.python.hashesInWorkers);
  if (hashing.length === 0) return '';
  const names = [...new Set(hashing.map((n) => OPERATIONS.get(n.op)!.name))].join('/');
  const ids = hashing.map((n) => `'${n.id}'`);
  const message = `${names} node${ids.length > 1 ? 's' : ''} ${ids.join(', ')} need${ids.length > 1 ? '' : 's'} every Dask worker to hash alike: start them all with the same PYTHONHASHSEED, e.g. PYTHONHASHSEED=0 dask-worker ...`;
  return `
    # ${names} hashes keys in every worker: they must all use the same fixed PYTHONHASHSEED, or groups split.
    seeds = set(client.run(os.getenv, "PYTHONHASHSEED").values())
    if len(seeds) != 1 or not str(next(iter(seeds))).isdigit():
        raise RuntimeError(${reprString(message)})`;
}

/** The dict literal of the outputs, keyed by node id. */
export function outputsDict(parts: PythonParts): string {
  return `{${parts.outputs.map((o) => `${reprString(o.id)}: ${o.variable}`).join(', ')}}`;
}

/** Exports a pipeline as a runnable Python script. */
export function exportPython(pipeline: PipelineFile, options: { scriptName?: string } = {}): PythonExport {
  const parts = pythonParts(pipeline, options.scriptName);
  const lines: string[] = [];
  const add = (text: string) => lines.push(...text.split('\n'));
  add(parts.docstring);
  add(`import argparse
import json
import os

import dask
${parts.imports.join('\n')}
from dask.diagnostics import ProgressBar

parser = argparse.ArgumentParser(description=${reprString(`${pipeline.name ?? 'A pipeline'} (exported from Weft)`)})
parser.add_argument("--scheduler", choices=["sync", "threads", "processes"], default="threads",
                    help="Dask's local scheduler (default: threads)")
parser.add_argument("--address", help="run on the dask.distributed scheduler at this address, e.g. tcp://127.0.0.1:8786")
parser.add_argument("--timeout", type=float, default=10, help="seconds to wait for that scheduler (default: 10)")
parser.add_argument("--data-dir", default=os.path.dirname(os.path.abspath(__file__)),
                    help="the folder that the pipeline's relative paths start from (default: this script's folder)")
args = parser.parse_args()

client = None
if args.address:
    from dask.distributed import Client, progress

    client = Client(args.address, timeout=args.timeout)${hashSeedCheck(pipeline)}
else:
    dask.config.set(scheduler=args.scheduler)


def ${PATH_HELPER}(path):
    # Absolute, so that the workers of a cluster find the file too.
    return os.path.join(os.path.abspath(args.data_dir), path)
`);
  if (parts.functions.trim() !== '') {
    add('\n# The pipeline\'s functions.');
    add(parts.functions.replace(/\n+$/, ''));
    add('');
  }
  add('\n# The pipeline: one variable per node.');
  const nodeLines: Record<string, LineRange> = {};
  for (const node of parts.nodes) {
    const start = lines.length + 1;
    add(node.code);
    nodeLines[node.id] = { start, end: lines.length };
  }
  add(`
# Compute every output in one pass, so that the steps they share run once.
outputs = ${outputsDict(parts)}
if client is not None:
    futures = client.compute(list(outputs.values()))
    progress(futures)
    results = dict(zip(outputs, client.gather(futures)))
else:
    with ProgressBar():
        results = dict(zip(outputs, dask.compute(*outputs.values())))

for name, value in results.items():
    print("%s: %r" % (name, value))`);
  if (parts.canvas) add(`\n${parts.canvas}`);
  return { text: lines.join('\n') + '\n', nodeLines, variables: Object.fromEntries(parts.nodes.map((n) => [n.id, n.variable])) };
}
