/**
 * Comparing results as JSON text from two implementations (Weft and Dask) without losing what JSON.parse drops:
 * whether a number was a float (`2.0` vs `2`). Numbers written with a point or exponent become `{ $float: n }`.
 */

/** Parses JSON text, marking float literals. */
export function parseJsonKeepingFloats(text: string): unknown {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (ch === '-' || (ch >= '0' && ch <= '9')) {
      const match = /^-?\d+(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(i, i + 64))!;
      const lexeme = match[0];
      out += match[1] || match[2] ? `{"$float": ${lexeme}}` : lexeme;
      i += lexeme.length;
    } else {
      out += ch;
      i++;
    }
  }
  return JSON.parse(out);
}

/** A canonical string of a parsed value, for sorting unordered results. */
export function canonical(value: unknown): string {
  return JSON.stringify(value);
}

/** Sorts a list (of groups, when `sortGroupValues`, also the values inside each `[key, values]` group). */
export function asMultiset(value: unknown, sortGroupValues = false): unknown {
  if (!Array.isArray(value)) return value;
  const items = sortGroupValues
    ? value.map((g) => (Array.isArray(g) && Array.isArray(g[1]) ? [g[0], [...g[1]].sort((a, b) => (canonical(a) < canonical(b) ? -1 : 1))] : g))
    : value;
  return [...items].sort((a, b) => (canonical(a) < canonical(b) ? -1 : canonical(a) > canonical(b) ? 1 : 0));
}
