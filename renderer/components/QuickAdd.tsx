/** The search box a double-click on empty canvas opens: type, then Enter (or click) adds the operation there. */
import { useMemo, useState } from 'react';
import { useDocument } from '../store/document-store.js';
import { searchOperations } from '../palette-search.js';

export function QuickAdd({ at, onChoose, onClose }: { at: { x: number; y: number }; onChoose(op: string): void; onClose(): void }) {
  const ops = useDocument((s) => s.ops);
  const [query, setQuery] = useState('');
  const found = useMemo(() => searchOperations(ops.values(), query).slice(0, 8), [ops, query]);
  return (
    <div className="quick-add" style={{ left: at.x, top: at.y }} role="dialog" aria-label="Add an operation">
      <input
        autoFocus
        type="search"
        aria-label="Operation to add"
        placeholder="Operation…"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && found[0]) onChoose(found[0].op);
          if (e.key === 'Escape') onClose();
        }}
        onBlur={() => setTimeout(onClose, 150)}
      />
      <ul>
        {found.map((o) => (
          <li key={o.op}>
            <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => onChoose(o.op)} aria-label={`Add ${o.name} here`}>
              {o.name}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
