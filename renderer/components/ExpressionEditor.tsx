/**
 * The expression editor: a textarea over its highlighted copy, with the engine's parse error marked at its column as
 * you type (the host validates the document with the engine's own parser a moment after each keystroke).
 */
import { Fragment, useId, useRef } from 'react';
import type { Problem } from '../../electron/ipc/contract.js';
import { offsetOf, tokenize } from '../python-highlight.js';

export function ExpressionEditor(props: { label: string; value: string; problem: Problem | undefined; multiline?: boolean; onChange(value: string): void; onBlur(): void }) {
  const { value, problem } = props;
  const errorId = useId();
  const pre = useRef<HTMLPreElement>(null);
  const mark = problem?.line !== undefined ? offsetOf(value, problem.line, problem.column ?? 1) : -1;
  const before = mark >= 0 ? value.slice(0, mark) : value;
  const marked = mark >= 0 ? value.slice(mark, mark + 1) || ' ' : '';
  const after = mark >= 0 ? value.slice(mark + 1) : '';
  return (
    <div className={`expr-editor${props.multiline ? ' is-multiline' : ''}${problem ? ' has-error' : ''}`}>
      <div className="expr-stack">
        <pre ref={pre} aria-hidden="true" className="expr-highlight">
          {highlight(before)}
          {mark >= 0 && <span className="expr-error-mark">{marked}</span>}
          {highlight(after)}
          {'\n'}
        </pre>
        <textarea
          aria-label={props.label}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? errorId : undefined}
          spellCheck={false}
          value={value}
          rows={props.multiline ? 8 : Math.max(1, value.split('\n').length)}
          onChange={(e) => props.onChange(e.target.value)}
          onBlur={props.onBlur}
          onScroll={(e) => {
            if (pre.current) pre.current.scrollTop = e.currentTarget.scrollTop;
          }}
        />
      </div>
      {problem && (
        <div className="expr-error" id={errorId} role="alert">
          {problem.line !== undefined ? `Line ${problem.line}, column ${problem.column}: ` : ''}
          {stripLocation(problem.message)}
        </div>
      )}
    </div>
  );
}

function highlight(source: string) {
  return tokenize(source).map((t, i) => (t.kind === 'plain' ? <Fragment key={i}>{t.text}</Fragment> : <span key={i} className={`tok-${t.kind}`}>{t.text}</span>));
}

/** The engine's message repeats the node, param and position, which the editor shows in place. */
function stripLocation(message: string): string {
  return message.replace(/^node '[^']*' \([^)]*\): param '[^']*', line \d+, column \d+: /, '').replace(/^functions, line \d+, column \d+: /, '');
}
