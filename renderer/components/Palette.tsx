/** The palette: every operation grouped by its collection (Bag, DataFrame, Series), then by kind, with search; drag one onto the canvas, or click it (or press Enter) to add it in view. */
import { useMemo, useState, type DragEvent } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useDocument } from '../store/document-store.js';
import { addLabels, GROUP_TITLES, paletteSections, searchOperations } from '../palette-search.js';
import { addNode } from '../commands/add-node.js';
import { kindLabel } from '../port-kinds.js';
import { DRAG_TYPE } from './Canvas.js';

function onDragStart(event: DragEvent, op: string): void {
  event.dataTransfer.setData(DRAG_TYPE, op);
  event.dataTransfer.effectAllowed = 'copy';
}

/**
 * Where a node added without dragging goes: the middle of the visible canvas, moved down past any node already
 * there, so it is in view and covers nothing.
 */
function freeSpot(center: { x: number; y: number }): { x: number; y: number } {
  const { pipeline, measured } = useDocument.getState();
  const boxes = Object.entries(pipeline.layout ?? {}).map(([id, p]) => ({ ...p, w: measured[id]?.width ?? 200, h: measured[id]?.height ?? 60 }));
  const spot = { x: Math.round(center.x - 100), y: Math.round(center.y - 30) };
  const overlaps = () => boxes.some((b) => spot.x < b.x + b.w + 20 && spot.x + 220 > b.x && spot.y < b.y + b.h + 20 && spot.y + 60 > b.y);
  for (let i = 0; i < 50 && overlaps(); i++) spot.y += 90;
  return spot;
}

export function Palette() {
  const ops = useDocument((s) => s.ops);
  const collections = useDocument((s) => s.collections);
  const flow = useReactFlow();
  const [query, setQuery] = useState('');
  const visibleCenter = () => {
    const box = document.querySelector('.react-flow')?.getBoundingClientRect();
    return box ? flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 }) : { x: 0, y: 0 };
  };
  const found = useMemo(() => searchOperations(ops.values(), query), [ops, query]);
  const sections = useMemo(() => paletteSections(found, [...collections.keys()]), [found, collections]);
  const labels = useMemo(() => addLabels([...ops.values()], collections), [ops, collections]);
  return (
    <aside className="palette" aria-label="Operations palette">
      <input className="palette-search" type="search" placeholder="Search operations" aria-label="Search operations" value={query} onChange={(e) => setQuery(e.target.value)} />
      <div className="palette-list">
        {sections.length === 0 && <p className="muted">No operation matches “{query}”.</p>}
        {sections.map(({ kind, groups }) => (
          <section key={kind} className="palette-collection" aria-label={`${kindLabel(collections, kind)} operations`}>
            <h2 className={`palette-collection-title kind-${kind}`}>{kindLabel(collections, kind)}</h2>
            {groups.map(([group, list]) => (
              <section key={group} aria-label={`${kindLabel(collections, kind)} ${GROUP_TITLES[group]}`}>
                <h3>{GROUP_TITLES[group]}</h3>
                <ul>
                  {list.map((o) => (
                    <li key={o.op}>
                      <button
                        type="button"
                        className="palette-item"
                        draggable
                        onDragStart={(e) => onDragStart(e, o.op)}
                        onClick={() => addNode(o.op, freeSpot(visibleCenter()))}
                        title={o.doc}
                        aria-label={labels.get(o.op)}
                        data-op={o.op}
                      >
                        <span className="palette-name">{o.name}</span>
                        <span className={`kind kind-${o.output}`}>{kindLabel(collections, o.output).toLowerCase()}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </section>
        ))}
      </div>
    </aside>
  );
}
