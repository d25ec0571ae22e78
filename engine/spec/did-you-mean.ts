/**
 * "Did you mean ...?" for a mistyped name: the known names closest to it by edit distance (Levenshtein, with a
 * swap of two neighbours counting as one edit), kept only when close enough to be a plausible typo — at most a
 * third of the name's length, and at least one edit — so that a name unlike any known one gets the list instead.
 */

/** The known names within a typo's distance of `name`, closest first (ties in the given order). */
export function closestNames(name: string, known: Iterable<string>): string[] {
  const limit = Math.max(1, Math.floor(name.length / 3));
  const scored: Array<[string, number]> = [];
  for (const k of known) {
    const d = editDistance(name.toLowerCase(), k.toLowerCase());
    if (d <= limit) scored.push([k, d]);
  }
  return scored.sort((a, b) => a[1] - b[1]).map(([k]) => k);
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function editDistance(a: string, b: string): number {
  // Names are short; a long input (a pasted blob) is not a typo of anything.
  if (Math.abs(a.length - b.length) > 8 || a.length > 200) return Infinity;
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
    }
  }
  return rows[a.length][b.length];
}
