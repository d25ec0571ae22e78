/**
 * A connection out of a DataFrame or Series node: the usual curve, with a badge of what flows along it ('42
 * columns'); hovering or focusing the badge lists each column's name and dtype, and the index.
 */
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps } from '@xyflow/react';
import type { NodeSchema } from '../../electron/ipc/contract.js';
import { indexWords, schemaColumns, schemaSummary } from '../schema-words.js';

export type SchemaFlowEdge = Edge<{ schema: NodeSchema; source: string }, 'schema'>;

export function SchemaEdge(props: EdgeProps<SchemaFlowEdge>) {
  const [path, labelX, labelY] = getBezierPath(props);
  const schema = props.data!.schema;
  const columns = schemaColumns(schema);
  return (
    <>
      <BaseEdge id={props.id} path={path} markerEnd={props.markerEnd} style={props.style} interactionWidth={props.interactionWidth} />
      <EdgeLabelRenderer>
        <div
          className="edge-schema nodrag nopan"
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          tabIndex={0}
          role="note"
          aria-label={`schema from ${props.data!.source}: ${columns.map((c) => `${c.name}: ${c.dtype}`).join(', ')}`}
        >
          {schemaSummary(schema)}
          <div className="edge-schema-list" role="list">
            {columns.map((c) => (
              <div key={c.name} role="listitem" className="edge-schema-column">
                <span className="schema-name">{c.name}</span>: <span className="schema-dtype">{c.dtype}</span>
              </div>
            ))}
            <div className="edge-schema-index muted">index: {indexWords(schema)}</div>
          </div>
        </div>
      </EdgeLabelRenderer>
    </>
  );
}
