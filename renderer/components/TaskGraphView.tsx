/**
 * The task graph view: the compiled low-level graph (Dask's `visualize()`), laid out by elkjs, one box per task,
 * grouped and outlined by canvas node, filled by state as the run goes (waiting, running, done, spilled, failed).
 * Drawn as SVG rather than as canvas nodes: graphs of thousands of tasks stay cheap.
 */
import { useEffect, useMemo, useState } from 'react';
import { loadElk } from '../layout/load-elk.js';
import type { TaskGraphView as Graph, TaskState } from '../../electron/ipc/contract.js';
import { useDocument } from '../store/document-store.js';
import { refreshTaskGraph } from '../controller/task-graph.js';

/** Past this many tasks the view draws layers only: a box per task would be unreadable and slow. */
const MAX_DRAWN_TASKS = 1500;
const TASK_W = 150;
const TASK_H = 26;
const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#b07aa1', '#76b7b2', '#edc948', '#ff9da7', '#9c755f', '#e15759', '#bab0ac'];

interface Laid {
  boxes: Array<{ key: string; label: string; layer: string; x: number; y: number }>;
  edges: Array<{ fromKey: string; toKey: string; from: { x: number; y: number }; to: { x: number; y: number } }>;
  width: number;
  height: number;
}

async function layout(graph: Graph): Promise<Laid> {
  const drawn = graph.tasks.slice(0, MAX_DRAWN_TASKS);
  const keys = new Set(drawn.map((t) => t.key));
  const elk = await loadElk();
  const result: { children?: Array<{ id: string; x?: number; y?: number }>; width?: number; height?: number } = await elk.layout({
    id: 'root',
    layoutOptions: { 'elk.algorithm': 'layered', 'elk.direction': 'RIGHT', 'elk.spacing.nodeNode': '8', 'elk.layered.spacing.nodeNodeBetweenLayers': '40' },
    children: drawn.map((t) => ({ id: t.key, width: TASK_W, height: TASK_H })),
    edges: drawn.flatMap((t) => t.deps.filter((d) => keys.has(d)).map((d, i) => ({ id: `${d}->${t.key}#${i}`, sources: [d], targets: [t.key] }))),
  });
  const pos = new Map((result.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }]));
  // A fused task does the work of several nodes: it is named by the first and the last.
  const name = (ids: string[]) => (ids.length > 1 ? `${ids[0]}…${ids.at(-1)}` : (ids[0] ?? ''));
  const boxes = drawn.map((t) => ({ key: t.key, label: `${name(t.nodeIds)}${t.partition === null ? '' : ` :${t.partition}`}`, layer: t.layer, ...pos.get(t.key)! }));
  const edges = drawn.flatMap((t) => t.deps.filter((d) => pos.has(d)).map((d) => ({ fromKey: d, toKey: t.key, from: { x: pos.get(d)!.x + TASK_W, y: pos.get(d)!.y + TASK_H / 2 }, to: { x: pos.get(t.key)!.x, y: pos.get(t.key)!.y + TASK_H / 2 } })));
  return { boxes, edges, width: (result.width ?? 0) + 20, height: (result.height ?? 0) + 20 };
}

export function TaskGraphView() {
  const graph = useDocument((s) => s.taskGraph);
  const error = useDocument((s) => s.taskGraphError);
  const states = useDocument((s) => s.taskStates);
  const selection = useDocument((s) => s.selection);
  const [laid, setLaid] = useState<Laid | null>(null);
  useEffect(() => {
    let isCurrent = true;
    setLaid(null);
    if (graph) void layout(graph).then((l) => isCurrent && setLaid(l));
    return () => {
      isCurrent = false;
    };
  }, [graph]);
  const colors = useMemo(() => new Map((graph?.layers ?? []).map((l, i) => [l.name, PALETTE[i % PALETTE.length]])), [graph]);
  const counts = useMemo(() => {
    const c: Record<TaskState, number> = { waiting: 0, running: 0, done: 0, spilled: 0, failed: 0 };
    for (const t of graph?.tasks ?? []) c[states[t.key] ?? 'waiting']++;
    return c;
  }, [graph, states]);

  return (
    <div className="task-graph" aria-label="Task graph">
      <div className="task-graph-bar">
        <button type="button" onClick={() => void refreshTaskGraph()}>
          Show whole pipeline
        </button>
        <button type="button" disabled={selection.length === 0} onClick={() => void refreshTaskGraph(selection)}>
          Show upstream of selection
        </button>
        {graph && (
          <span className="task-count" aria-label="Task count">
            {graph.tasks.length} tasks ({graph.tasksBeforeOptimization} before fusion) · {counts.done} done · {counts.running} running · {counts.waiting} waiting
            {counts.spilled ? ` · ${counts.spilled} spilled` : ''}
            {counts.failed ? ` · ${counts.failed} failed` : ''}
          </span>
        )}
      </div>
      {error && <p className="muted">{error}</p>}
      {!graph && !error && <p className="muted">Press “Show whole pipeline” or run to see the task graph.</p>}
      {graph && graph.tasks.length > MAX_DRAWN_TASKS && <p className="muted">Showing the first {MAX_DRAWN_TASKS} tasks.</p>}
      {graph && (
        <ul className="task-legend" aria-label="Layers">
          {graph.layers.map((l) => (
            <li key={l.name}>
              <span className="swatch" style={{ background: colors.get(l.name) }} /> {l.nodeIds.join(' + ')} ({l.tasks})
            </li>
          ))}
        </ul>
      )}
      {laid && (
        <div className="task-graph-scroll">
          <svg width={laid.width} height={laid.height} role="img" aria-label={`Task graph of ${graph?.tasks.length ?? 0} tasks`}>
            {laid.edges.map((e, i) => (
              <line key={i} x1={e.from.x} y1={e.from.y} x2={e.to.x} y2={e.to.y} className="task-edge" data-from={e.fromKey} data-to={e.toKey} />
            ))}
            {laid.boxes.map((b) => (
              <g key={b.key} transform={`translate(${b.x},${b.y})`} className={`task task-${states[b.key] ?? 'waiting'}`} data-task-key={b.key}>
                <title>{`${b.key}: ${states[b.key] ?? 'waiting'}`}</title>
                <rect width={TASK_W} height={TASK_H} rx={4} style={{ stroke: colors.get(b.layer) }} />
                <text x={6} y={17}>
                  {b.label.length > 22 ? b.label.slice(0, 21) + '…' : b.label}
                </text>
              </g>
            ))}
          </svg>
        </div>
      )}
    </div>
  );
}
