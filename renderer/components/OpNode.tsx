/** One operation on the canvas: its ports, its id and op, its state (with tasks done of total), its value or failure. */
import { Handle, Position, type NodeProps, type Node } from '@xyflow/react';
import type { NodeResult, NodeState, OperationInfo, Problem } from '../../electron/ipc/contract.js';
import { isWholePreview } from '../preview.js';
import { useDocument } from '../store/document-store.js';
import { inputPortWords, kindArticle, portKindOf } from '../port-kinds.js';

export interface OpNodeData extends Record<string, unknown> {
  nodeId: string;
  op: string;
  def: OperationInfo | undefined;
  state: NodeState;
  result: NodeResult | undefined;
  problems: Problem[];
}

export type OpFlowNode = Node<OpNodeData, 'op'>;

export function stateText(state: NodeState): string {
  switch (state.kind) {
    case 'idle':
      return 'idle';
    case 'queued':
      return `queued (${state.total} tasks)`;
    case 'running':
      return `running ${state.done}/${state.total}`;
    case 'done':
      return `done ${state.total}/${state.total}`;
    case 'cached':
      return 'cached';
    case 'failed':
      return 'failed';
    case 'on-cluster':
      return state.percent >= 100 ? 'done on the Dask cluster' : `on the Dask cluster ${state.percent}%`;
  }
}

function resultLine(result: NodeResult | undefined): string | null {
  if (!result) return null;
  if (result.kind === 'item') return result.value.repr.length > 60 ? result.value.repr.slice(0, 60) + '…' : result.value.repr;
  if (result.kind === 'table') {
    const rows = result.rowCount !== null ? `${result.rowCount} row${result.rowCount === 1 ? '' : 's'}` : `preview: ${result.rows.length} rows`;
    return `${rows} × ${result.columns.length} column${result.columns.length === 1 ? '' : 's'}, ${result.npartitions} partition${result.npartitions === 1 ? '' : 's'}`;
  }
  const elements = `${result.elements.length} element${result.elements.length === 1 ? '' : 's'}`;
  return `${isWholePreview(result) ? `all ${elements}` : `preview: ${elements}`}, ${result.npartitions} partition${result.npartitions === 1 ? '' : 's'}`;
}

/** The node is drawn around the message, so the engine's "node 'x' (bag.op): " or "node 'x', " prefix is left out. */
function withoutNodePrefix(message: string): string {
  return message.replace(/^node '[^']*'(?: \([^)]*\))?[:,]? /, '');
}

/**
 * Ports sit at fixed heights from the top, level with the title, so they stay put when a node grows (a message,
 * a value): a connection being drawn never lands on a port that just moved.
 */
function portTop(index: number): number {
  return 16 + index * 18;
}

/** A cluster run's node looks like a local run's: running until the run is done, then done. */
function cssState(state: NodeState): string {
  if (state.kind !== 'on-cluster') return state.kind;
  return state.percent >= 100 ? 'done' : 'running';
}

export function OpNode({ data, selected }: NodeProps<OpFlowNode>) {
  const { def, state, problems } = data;
  const inputs = def?.inputs ?? [];
  const isInvalid = problems.length > 0;
  const status = isInvalid ? 'invalid' : stateText(state);
  const line = resultLine(data.result);
  const collections = useDocument((s) => s.collections);
  const shortOp = def?.name ?? data.op;
  return (
    <div
      className={`op-node state-${cssState(state)}${isInvalid ? ' is-invalid' : ''}${selected ? ' is-selected' : ''}`}
      role="group"
      aria-label={`${data.nodeId}: ${shortOp}, ${status}`}
      title={def?.doc}
    >
      {inputs.map((kind, i) => (
        <Handle
          key={i}
          id={`in-${i}`}
          type="target"
          position={Position.Left}
          className={`port port-${portKindOf(kind)}`}
          style={{ top: portTop(i) }}
          aria-label={`${data.nodeId} input ${i + 1} (${inputPortWords(collections, kind)})`}
        />
      ))}
      <div className="op-node-head">
        <span className="op-node-op">{shortOp}</span>
        <span className="op-node-id">{data.nodeId}</span>
      </div>
      <div className="op-node-state" data-state={isInvalid ? 'invalid' : cssState(state)}>
        {status}
      </div>
      {(state.kind === 'running' || (state.kind === 'on-cluster' && state.percent < 100)) && (
        <div className="op-node-progress" aria-hidden="true">
          <div style={{ width: `${state.kind === 'running' ? (100 * state.done) / Math.max(1, state.total) : state.percent}%` }} />
        </div>
      )}
      {line !== null && state.kind !== 'failed' && (
        <div className="op-node-value" aria-label={`${data.nodeId} value`}>
          {line}
        </div>
      )}
      {state.kind === 'failed' && <div className="op-node-error">{withoutNodePrefix(state.message)}</div>}
      {isInvalid && state.kind !== 'failed' && <div className="op-node-error">{withoutNodePrefix(problems[0].message)}</div>}
      {def && (
        <Handle
          id="out"
          type="source"
          position={Position.Right}
          className={`port port-${def.output}`}
          style={{ top: portTop(0) }}
          aria-label={`${data.nodeId} output (${kindArticle(collections, def.output).replace(/^an? /, '')})`}
        />
      )}
    </div>
  );
}
