/**
 * The canvas: the document's nodes and connections drawn with @xyflow/react. It is controlled: every change the
 * user makes goes through the commands (and so into undo history); xyflow only reports what happened.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type MouseEvent } from 'react';
import { Background, Controls, MiniMap, ReactFlow, useReactFlow, type Connection, type Edge, type EdgeChange, type NodeChange } from '@xyflow/react';
import { currentOutcome, useDocument } from '../store/document-store.js';
import { nodeSignatures } from '../node-signature.js';
import { addNode } from '../commands/add-node.js';
import { isVariadic } from '../port-kinds.js';
import { connectNodes, portIndex } from '../commands/connect-nodes.js';
import { endMove, moveLive } from '../commands/move-nodes.js';
import { onFitViewRequest } from '../controller/view-requests.js';
import { OpNode, type OpFlowNode } from './OpNode.js';
import { QuickAdd } from './QuickAdd.js';
import { SchemaEdge } from './SchemaEdge.js';

const NODE_TYPES = { op: OpNode };
const EDGE_TYPES = { schema: SchemaEdge };
export const DRAG_TYPE = 'application/x-weft-op';

export function Canvas() {
  const pipeline = useDocument((s) => s.pipeline);
  const ops = useDocument((s) => s.ops);
  const selection = useDocument((s) => s.selection);
  const selectedEdge = useDocument((s) => s.selectedEdge);
  const measured = useDocument((s) => s.measured);
  const nodeStates = useDocument((s) => s.nodeStates);
  const results = useDocument((s) => s.results);
  const stateSignatures = useDocument((s) => s.stateSignatures);
  const resultSignatures = useDocument((s) => s.resultSignatures);
  const problems = useDocument((s) => s.problems);
  const schemas = useDocument((s) => s.schemas);
  const flow = useReactFlow();
  // The instance's identity changes as the canvas does; effects that must run once per cause read it through a ref.
  const flowRef = useRef(flow);
  flowRef.current = flow;
  const [quickAdd, setQuickAdd] = useState<{ screen: { x: number; y: number }; flow: { x: number; y: number } } | null>(null);
  const wrapper = useRef<HTMLDivElement>(null);

  useEffect(() => onFitViewRequest(() => void flowRef.current.fitView({ padding: 0.15, maxZoom: 1, duration: 200 })), []);
  // A newly opened document is shown whole (once its nodes are measured), never magnified past 100%; only the nodes
  // it opened with count, so nodes added right after (a fast user, a test) do not move the view under the pointer.
  const docVersion = useDocument((s) => s.docVersion);
  useEffect(() => {
    const ids = useDocument.getState().pipeline.nodes.map((n) => ({ id: n.id }));
    if (ids.length === 0) {
      void flowRef.current.setViewport({ x: 0, y: 0, zoom: 1 });
      return;
    }
    const timer = setTimeout(() => void flowRef.current.fitView({ nodes: ids, padding: 0.15, maxZoom: 1 }), 80);
    return () => clearTimeout(timer);
  }, [docVersion]);

  const nodes: OpFlowNode[] = useMemo(() => {
    const selected = new Set(selection);
    const signatures = nodeSignatures(pipeline);
    const outcomes = { nodeStates, results, stateSignatures, resultSignatures };
    return pipeline.nodes.map((n) => ({
      id: n.id,
      type: 'op' as const,
      position: pipeline.layout?.[n.id] ?? { x: 0, y: 0 },
      selected: selected.has(n.id),
      measured: measured[n.id],
      data: {
        nodeId: n.id,
        op: n.op,
        def: ops.get(n.op),
        ...currentOutcome(outcomes, n.id, signatures),
        problems: problems.filter((p) => p.nodeId === n.id),
      },
    }));
  }, [pipeline, ops, selection, measured, nodeStates, results, problems, stateSignatures, resultSignatures]);

  const edges: Edge[] = useMemo(() => {
    const ids = new Set(pipeline.nodes.map((n) => n.id));
    return pipeline.nodes.flatMap((n) => {
      const variadic = isVariadic(ops.get(n.op)?.inputs[0]);
      return (n.inputs ?? [])
        .map((input, i) => ({ input, i }))
        .filter(({ input }) => ids.has(input))
        .map(({ input, i }) => {
          const kind = ops.get(pipeline.nodes.find((m) => m.id === input)?.op ?? '')?.output ?? 'bag';
          const schema = schemas[input];
          return {
            ...(schema ? { type: 'schema', data: { schema, source: input } } : {}),
            id: `${input}->${n.id}:${i}`,
            source: input,
            sourceHandle: 'out',
            target: n.id,
            targetHandle: `in-${variadic ? 0 : i}`,
            className: `edge-${kind}`,
            selected: selectedEdge?.target === n.id && selectedEdge.port === i,
            animated: nodeStates[n.id]?.kind === 'running',
            ariaLabel: `connection from ${input} to ${n.id}`,
          };
        });
    });
  }, [pipeline, ops, selectedEdge, nodeStates, schemas]);

  const onNodesChange = useCallback((changes: NodeChange<OpFlowNode>[]) => {
    const state = useDocument.getState();
    const positions: Record<string, { x: number; y: number }> = {};
    let isDragEnd = false;
    let selection: Set<string> | null = null;
    let measuredNext: typeof state.measured | null = null;
    for (const change of changes) {
      if (change.type === 'position') {
        if (change.position) positions[change.id] = change.position;
        if (change.dragging === false) isDragEnd = true;
      } else if (change.type === 'select') {
        selection ??= new Set(state.selection);
        if (change.selected) selection.add(change.id);
        else selection.delete(change.id);
      } else if (change.type === 'dimensions' && change.dimensions) {
        const old = state.measured[change.id];
        if (!old || old.width !== change.dimensions.width || old.height !== change.dimensions.height) {
          measuredNext ??= { ...state.measured };
          measuredNext[change.id] = change.dimensions;
        }
      }
    }
    if (Object.keys(positions).length > 0) moveLive(positions);
    if (isDragEnd) endMove();
    if (selection) useDocument.setState({ selection: [...selection], selectedEdge: selection.size > 0 ? null : state.selectedEdge });
    if (measuredNext) useDocument.setState({ measured: measuredNext });
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    for (const change of changes) {
      if (change.type !== 'select') continue;
      const match = /^(.*)->(.*):(\d+)$/.exec(change.id);
      if (!match) continue;
      if (change.selected) useDocument.setState({ selectedEdge: { target: match[2], port: Number(match[3]) }, selection: [] });
      else if (useDocument.getState().selectedEdge?.target === match[2]) useDocument.setState({ selectedEdge: null });
    }
  }, []);

  const onConnect = useCallback((c: Connection) => {
    if (c.source && c.target) connectNodes(c.source, c.target, portIndex(c.targetHandle));
  }, []);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const op = event.dataTransfer.getData(DRAG_TYPE);
      if (!op) return;
      event.preventDefault();
      addNode(op, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [flow],
  );

  const onDoubleClick = useCallback(
    (event: MouseEvent) => {
      if (!(event.target as HTMLElement).classList.contains('react-flow__pane')) return;
      const box = wrapper.current!.getBoundingClientRect();
      setQuickAdd({ screen: { x: event.clientX - box.left, y: event.clientY - box.top }, flow: flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }) });
    },
    [flow],
  );

  return (
    <div className="canvas" ref={wrapper} onDoubleClick={onDoubleClick} aria-label="Pipeline canvas" role="region">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onDrop={onDrop}
        onDragOver={onDragOver}
        onPaneClick={() => useDocument.setState({ selection: [], selectedEdge: null })}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control']}
        zoomOnDoubleClick={false}
        minZoom={0.1}
        maxZoom={2}
        onlyRenderVisibleElements
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={20} />
        <MiniMap pannable zoomable ariaLabel="Minimap" nodeStrokeWidth={3} style={{ width: 150, height: 96 }} />
        <Controls showInteractive={false} aria-label="Zoom controls" />
      </ReactFlow>
      {quickAdd && (
        <QuickAdd
          at={quickAdd.screen}
          onChoose={(op) => {
            addNode(op, quickAdd.flow);
            setQuickAdd(null);
          }}
          onClose={() => setQuickAdd(null)}
        />
      )}
    </div>
  );
}
