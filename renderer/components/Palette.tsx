/** The palette: every operation grouped by kind, with search; drag one onto the canvas, or press Enter to add it. */
import { useMemo, useState, type DragEvent } from 'react';
import type { OperationInfo } from '../../electron/ipc/contract.js';
import { useDocument } from '../store/document-store.js';
import { GROUP_TITLES, searchOperations } from '../palette-search.js';
import { addNode } from '../commands/add-node.js';
import { DRAG_TYPE } from './Canvas.js';

function onDragStart(event: DragEvent, op: string): void {
  event.dataTransfer.setData(DRAG_TYPE, op);
  event.dataTransfer.effectAllowed = 'copy';
}

/** Where a node added without dragging goes: right of everything on the canvas. */
function freeSpot(): { x: number; y: number } {
  const { pipeline } = useDocument.getState();
  const positions = Object.values(pipeline.layout ?? {});
  if (positions.length === 0) return { x: 0, y: 0 };
  return { x: Math.max(...positions.map((p) => p.x)) + 240, y: Math.min(...positions.map((p) => p.y)) };
}

export function Palette() {
  const ops = useDocument((s) => s.ops);
  const [query, setQuery] = useState('');
  const found = useMemo(() => searchOperations(ops.values(), query), [ops, query]);
  const groups = useMemo(() => {
    const map = new Map<OperationInfo['group'], OperationInfo[]>();
    for (const op of found) map.set(op.group, [...(map.get(op.group) ?? []), op]);
    return [...map];
  }, [found]);
  return (
    <aside className="palette" aria-label="Operations palette">
      <input className="palette-search" type="search" placeholder="Search operations" aria-label="Search operations" value={query} onChange={(e) => setQuery(e.target.value)} />
      <div className="palette-list">
        {groups.length === 0 && <p className="muted">No operation matches “{query}”.</p>}
        {groups.map(([group, list]) => (
          <section key={group} aria-label={GROUP_TITLES[group]}>
            <h3>{GROUP_TITLES[group]}</h3>
            <ul>
              {list.map((o) => (
                <li key={o.op}>
                  <button
                    type="button"
                    className="palette-item"
                    draggable
                    onDragStart={(e) => onDragStart(e, o.op)}
                    onClick={() => addNode(o.op, freeSpot())}
                    title={o.doc}
                    aria-label={`Add ${o.op.replace(/^bag\./, '')}`}
                    data-op={o.op}
                  >
                    <span className="palette-name">{o.op.replace(/^bag\./, '')}</span>
                    <span className={`kind kind-${o.output}`}>{o.output === 'item' ? 'value' : 'bag'}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </aside>
  );
}
