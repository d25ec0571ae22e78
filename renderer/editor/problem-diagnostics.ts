/** The engine's problem with an expression as a lint diagnostic: on the character (or name) its line and column point at. */
import type { Diagnostic } from '@codemirror/lint';
import type { Text } from '@codemirror/state';
import type { Problem } from '../../electron/ipc/contract.js';

export function problemDiagnostics(problem: Problem | undefined, doc: Text): Diagnostic[] {
  if (!problem || problem.line === undefined) return [];
  const line = doc.line(Math.min(Math.max(problem.line, 1), doc.lines));
  // A column past the line's end (an expression that stops too early) marks the end: CodeMirror draws a point there.
  const from = Math.min(line.from + Math.max((problem.column ?? 1) - 1, 0), line.to);
  // A name (an unknown one, one Weft refuses) is marked whole, as a person reads it; anything else by its character.
  const word = /^\w+/.exec(line.text.slice(from - line.from));
  const to = word ? from + word[0].length : Math.min(from + 1, line.to);
  return [{ from, to, severity: 'error', message: problemText(problem), source: 'weft' }];
}

/** The engine's message repeats the node, param and position, which the editor shows in place. */
export function problemText(problem: Problem): string {
  return problem.message.replace(/^node '[^']*' \([^)]*\): param '[^']*', line \d+, column \d+: /, '').replace(/^functions, line \d+, column \d+: /, '');
}
