/**
 * The code pane beside the canvas: the pipeline's Python as Export writes it, highlighted, following every edit, with
 * the selected nodes' lines marked and scrolled into view.
 */
import { Fragment, useEffect, useMemo, useRef } from 'react';
import { highlightLines, selectedLines } from '../code-lines.js';
import { toggleCodePane } from '../controller/code-pane.js';
import { useCode } from '../store/code-store.js';
import { useDocument } from '../store/document-store.js';

export function CodePane() {
  const code = useCode((s) => s.code);
  const staleReason = useCode((s) => s.staleReason);
  const selection = useDocument((s) => s.selection);
  const lines = useMemo(() => (code ? highlightLines(code.text) : []), [code]);
  const marked = useMemo(() => selectedLines(code?.nodeLines ?? {}, selection), [code, selection]);
  const body = useRef<HTMLDivElement>(null);
  const firstMarked = marked.size > 0 ? Math.min(...marked) : null;
  useEffect(() => {
    if (firstMarked === null) return;
    body.current?.querySelector(`[data-line="${firstMarked}"]`)?.scrollIntoView({ block: 'center', behavior: 'auto' });
  }, [firstMarked, selection]);
  return (
    <aside className="code-pane" aria-label="Python code">
      <div className="code-pane-head">
        <h2>Python</h2>
        <span className="muted">{selection.length === 1 && code?.nodeLines[selection[0]] ? `${selection[0]}: ${describe(code.nodeLines[selection[0]])}` : 'as Export writes it'}</span>
        <button type="button" className="link" onClick={toggleCodePane} aria-label="Hide the code pane">
          ×
        </button>
      </div>
      {staleReason && (
        <div className="code-stale" role="status">
          {staleReason}
        </div>
      )}
      <div className={`code-body${staleReason ? ' is-stale' : ''}`} ref={body} role="region" aria-label="Python of the pipeline" tabIndex={0}>
        {lines.map((tokens, i) => {
          const line = i + 1;
          return (
            <div key={line} className={`code-line${marked.has(line) ? ' is-marked' : ''}`} data-line={line}>
              <span className="code-line-no" aria-hidden="true">
                {line}
              </span>
              <span className="code-text">
                {tokens.map((t, j) => (t.kind === 'plain' ? <Fragment key={j}>{t.text}</Fragment> : <span key={j} className={`tok-${t.kind}`}>{t.text}</span>))}
              </span>
            </div>
          );
        })}
      </div>
    </aside>
  );
}

function describe(range: { start: number; end: number }): string {
  return range.start === range.end ? `line ${range.start}` : `lines ${range.start}–${range.end}`;
}
