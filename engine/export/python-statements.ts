/**
 * Splits a Python script into its top-level statements, by lines: a statement starts on an unindented line that is
 * not inside brackets, a string or a backslash continuation, and runs up to the next such line (its indented block
 * included), less trailing blank and comment lines. It only scans quotes, brackets and comments, so code that Weft
 * does not run (f-strings, `with`, classes) still splits; only the statements the importer reads get parsed.
 */

/** One top-level statement: its lines (1-based, inclusive) and text. */
export interface TopStatement {
  startLine: number;
  endLine: number;
  text: string;
}

/** Splits `source` into top-level statements. Comment-only and blank lines between statements belong to none. */
export function splitStatements(source: string): TopStatement[] {
  const lines = source.split(/\r\n|\r|\n/);
  const starts: number[] = [];
  let depth = 0;
  let quote: string | null = null; // the open string's quote ("'", '"', "'''" or '"""'), across lines when triple
  let continued = false;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    const atTop = depth === 0 && quote === null && !continued;
    if (atTop && line.length > 0 && !/^[\s#]/.test(line)) starts.push(n);
    continued = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quote !== null) {
        if (c === '\\') i++;
        else if (line.startsWith(quote, i)) {
          i += quote.length - 1;
          quote = null;
        }
        continue;
      }
      if (c === '#') break;
      if (c === '"' || c === "'") {
        quote = line.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
        i += quote.length - 1;
      } else if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
      else if (c === '\\' && i === line.length - 1) continued = true;
    }
    // A one-quote string cannot span lines (an unclosed one is a syntax error the parser will report).
    if (quote === "'" || quote === '"') quote = null;
  }
  return starts.map((start, k) => {
    let end = (k + 1 < starts.length ? starts[k + 1] : lines.length) - 1;
    while (end > start && /^\s*(#.*)?$/.test(lines[end])) end--;
    return { startLine: start + 1, endLine: end + 1, text: lines.slice(start, end + 1).join('\n') };
  });
}
