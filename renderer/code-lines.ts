/**
 * Highlighted source split into lines, for the code pane: it draws one row per line (a line number, the tokens) so
 * that a node's lines can be marked and scrolled to. A token that spans lines (a docstring) is cut at each newline.
 */
import { tokenize, type Token } from './python-highlight.js';

export function highlightLines(source: string): Token[][] {
  const lines: Token[][] = [[]];
  for (const token of tokenize(source)) {
    const parts = token.text.split('\n');
    parts.forEach((text, i) => {
      if (i > 0) lines.push([]);
      if (text !== '') lines[lines.length - 1].push({ text, kind: token.kind });
    });
  }
  return lines;
}

/** The lines of the selected nodes, from the export's node -> line range table. */
export function selectedLines(nodeLines: Record<string, { start: number; end: number }>, selection: string[]): Set<number> {
  const lines = new Set<number>();
  for (const id of selection) {
    const range = nodeLines[id];
    if (range) for (let line = range.start; line <= range.end; line++) lines.add(line);
  }
  return lines;
}
