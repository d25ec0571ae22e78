/** The inspector: the selected node's input and output schemas and its params with Dask's names and docs (column params pick from the input's columns); with nothing selected, the document's own fields. */
import { useState } from 'react';
import { useDocument } from '../store/document-store.js';
import { renameNode } from '../commands/rename-node.js';
import { setFunctions } from '../commands/set-param.js';
import { edit, breakMerge } from '../store/document-store.js';
import { ExpressionEditor } from './ExpressionEditor.js';
import { ParamField } from './ParamField.js';
import { SchemaView } from './SchemaView.js';
import { pickableColumns } from '../schema-words.js';
import type { NodeSchema, ParamInfo } from '../../electron/ipc/contract.js';
import { getApi, errorText } from '../api/api.js';
import { notify } from '../store/document-store.js';
import { revalidate } from '../controller/revalidate.js';

export function Inspector() {
  const selection = useDocument((s) => s.selection);
  const pipeline = useDocument((s) => s.pipeline);
  const ops = useDocument((s) => s.ops);
  const problems = useDocument((s) => s.problems);
  const schemas = useDocument((s) => s.schemas);
  const node = selection.length === 1 ? pipeline.nodes.find((n) => n.id === selection[0]) : undefined;

  if (selection.length > 1) {
    return (
      <aside className="inspector" aria-label="Inspector">
        <h2>{selection.length} nodes selected</h2>
        <p className="muted">Delete removes them; Ctrl+C copies them.</p>
      </aside>
    );
  }
  if (!node) {
    const functionsProblem = problems.find((p) => p.nodeId === undefined && p.code === 'EXPRESSION');
    const general = problems.filter((p) => p.nodeId === undefined && p !== functionsProblem);
    return (
      <aside className="inspector" aria-label="Inspector">
        <h2>Pipeline</h2>
        <label className="param">
          <span className="param-name">name</span>
          <input type="text" aria-label="Pipeline name" value={pipeline.name ?? ''} onChange={(e) => edit('Rename pipeline', (p) => ({ ...p, name: e.target.value }), 'name')} onBlur={breakMerge} />
        </label>
        <div className="param">
          <span className="param-name">functions</span>
          <p className="param-doc">Python defs that callable params may name (e.g. func: parse_interaction).</p>
          <ExpressionEditor label="Functions" multiline value={pipeline.functions ?? ''} problem={functionsProblem} onChange={setFunctions} onBlur={breakMerge} />
        </div>
        {general.map((p, i) => (
          <div key={i} className="param-error" role="alert">
            {p.message}
          </div>
        ))}
        <p className="muted">Select a node to edit its parameters.</p>
      </aside>
    );
  }
  const def = ops.get(node.op);
  const nodeProblems = problems.filter((p) => p.nodeId === node.id);
  const general = nodeProblems.filter((p) => !p.param || !def?.params.some((d) => d.name === p.param));
  return (
    <aside className="inspector" aria-label="Inspector">
      <h2>
        {node.id} <span className="muted">{node.op}</span>
      </h2>
      <NodeName key={node.id} id={node.id} />
      <p className="op-doc">{def?.doc ?? `Unknown operation ${node.op}`}</p>
      {general.map((p, i) => (
        <div key={i} className="param-error" role="alert">
          {p.message}
          {p.isMissingSampleData && <DownloadButton />}
        </div>
      ))}
      {(node.inputs ?? []).map((input, i) => schemas[input] && <SchemaView key={`in-${i}`} title={(node.inputs ?? []).length > 1 ? `input ${i + 1} (${input})` : `input (${input})`} schema={schemas[input]} />)}
      {schemas[node.id] && <SchemaView title="output" schema={schemas[node.id]} />}
      {def?.params.map((param) => (
        <ParamField key={`${node.id}:${param.name}`} nodeId={node.id} param={param} value={node.params?.[param.name]} problems={nodeProblems} columns={columnsFor(param, node.inputs ?? [], schemas)} input={schemas[(node.inputs ?? [])[0] ?? '']} nodeParams={node.params} />
      ))}
      {def && def.params.length === 0 && <p className="muted">This operation has no parameters.</p>}
    </aside>
  );
}

/**
 * The column names a param may pick or complete: of the input its spec names (a merge's left or right), or of the
 * first input for a query/eval expression; undefined for params that name no columns.
 */
function columnsFor(param: ParamInfo, inputs: string[], schemas: Record<string, NodeSchema>): string[] | undefined {
  const source = param.columns ?? (param.language ? 'input' : undefined);
  if (!source) return undefined;
  return pickableColumns(schemas[inputs[source === 'right' ? 1 : 0] ?? '']);
}

/** The node's name, applied when the field is left or Enter is pressed (a half-typed name is no rename). */
function NodeName({ id }: { id: string }) {
  const [text, setText] = useState(id);
  const apply = () => {
    if (!renameNode(id, text.trim())) setText(id);
  };
  return (
    <label className="param">
      <span className="param-name">name</span>
      <input
        type="text"
        aria-label="Node name"
        value={text}
        spellCheck={false}
        onChange={(e) => setText(e.target.value)}
        onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === 'Enter') apply();
          if (e.key === 'Escape') setText(id);
        }}
      />
    </label>
  );
}

function DownloadButton() {
  return (
    <button
      type="button"
      onClick={async () => {
        notify('Downloading the KDD Cup 1999 10% file…');
        try {
          const { path } = await getApi().request('downloadSampleData', {});
          notify(`Downloaded ${path}`);
          await revalidate();
        } catch (e) {
          // The message says where to copy the file by hand: it stays until the user has read it and dismisses it.
          notify(`Download failed: ${errorText(e)}`, { isSticky: true });
        }
      }}
    >
      Download the sample data
    </button>
  );
}
