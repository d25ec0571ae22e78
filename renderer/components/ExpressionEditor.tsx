/**
 * The expression editor: CodeMirror 6 with Python, completion of the document's defs, column names and the engine's
 * builtins, and the engine's error as a lint mark at its column (the host validates the document with the engine's
 * own parser a moment after each keystroke). Controlled like an input: every edit is passed to `onChange`, and a
 * value that changes from outside (undo of the document, another document) is applied as the smallest change, so the
 * cursor stays where it was unless its text went away.
 */
import { useEffect, useId, useRef } from 'react';
import { setDiagnostics } from '@codemirror/lint';
import { Annotation, Compartment, EditorState, Transaction } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import type { Problem } from '../../electron/ipc/contract.js';
import { useDocument } from '../store/document-store.js';
import { editorSetup } from '../editor/editor-setup.js';
import { problemDiagnostics, problemText } from '../editor/problem-diagnostics.js';
import type { CompletionNames } from '../editor/python-completions.js';
import { smallestChange } from '../editor/smallest-change.js';

const NO_COLUMNS: readonly string[] = [];

/** Marks a transaction that applies the value from outside: it is no edit to report, nor one to undo here. */
const fromOutside = Annotation.define<boolean>();

export function ExpressionEditor(props: {
  label: string;
  value: string;
  problem: Problem | undefined;
  multiline?: boolean;
  /** The document's `functions`, whose defs the editor completes (not given to the functions editor itself). */
  functions?: string;
  /** Column names of the input, for completion. */
  columns?: readonly string[];
  /** A pandas query/eval expression: it names columns, never Python's builtins, so only columns are completed. */
  isPandasExpression?: boolean;
  onChange(value: string): void;
  onBlur(): void;
}) {
  const { value, problem } = props;
  const errorId = useId();
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const builtins = useDocument((s) => s.info?.builtins);
  // The editor lives across renders; what it reads of the props it reads through this.
  const names: CompletionNames = { builtins: props.isPandasExpression ? [] : (builtins ?? []), functions: props.isPandasExpression ? '' : (props.functions ?? ''), columns: props.columns ?? NO_COLUMNS };
  const latest = useRef({ props, names });
  latest.current = { props, names };
  const a11y = useRef(new Compartment());

  useEffect(() => {
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          editorSetup({ isMultiline: props.multiline === true, names: () => latest.current.names }),
          a11y.current.of(contentAttributes(latest.current.props.label, undefined, errorId)),
          EditorView.updateListener.of((update) => {
            if (update.docChanged && !update.transactions.some((t) => t.annotation(fromOutside))) latest.current.props.onChange(update.state.doc.toString());
          }),
          EditorView.domEventHandlers({ blur: () => latest.current.props.onBlur() }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // Made once: later props reach the editor through `latest` and the effects below.
  }, []);

  useEffect(() => {
    const editor = view.current!;
    const current = editor.state.doc.toString();
    if (current === value) return;
    editor.dispatch({ changes: smallestChange(current, value), annotations: [fromOutside.of(true), Transaction.addToHistory.of(false)] });
  }, [value]);

  useEffect(() => {
    const editor = view.current!;
    editor.dispatch(setDiagnostics(editor.state, problemDiagnostics(problem, editor.state.doc)));
    editor.dispatch({ effects: a11y.current.reconfigure(contentAttributes(props.label, problem, errorId)) });
    // On each validation's answer, not on each keystroke: until the next answer the mark moves with the text.
  }, [problem, props.label, errorId]);

  return (
    <div className={`expr-editor${props.multiline ? ' is-multiline' : ''}${problem ? ' has-error' : ''}`}>
      <div ref={host} className="expr-host" />
      {problem && (
        <div className="expr-error" id={errorId} role="alert">
          {problem.line !== undefined ? `Line ${problem.line}, column ${problem.column}: ` : ''}
          {problemText(problem)}
        </div>
      )}
    </div>
  );
}

function contentAttributes(label: string, problem: Problem | undefined, errorId: string) {
  return EditorView.contentAttributes.of({ 'aria-label': label, ...(problem ? { 'aria-invalid': 'true', 'aria-describedby': errorId } : {}) });
}
