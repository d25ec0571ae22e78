/**
 * The DataFrame section's engine-neutral answers: DuckDB and Polars have neither pandas' index nor its dtypes, so
 * their answers and Dask's are brought to one shape, a count or a list of rows `[key, ...values]`, and compared there.
 *
 * Policy: rows are compared as a set keyed by their first cell, because only Dask's groupby defines an order (sorted
 * keys) and DuckDB's and Polars' GROUP BY do not; value_counts' order among equal counts is undefined everywhere.
 * Numbers are compared as numbers (DuckDB's BIGINT count and Dask's float describe count both are 494021) to
 * {@link RELATIVE_TOLERANCE}. Weft is not judged here: its answer must equal Dask's JSON (see dataframe.ts).
 */

/** A count (len), or rows whose first cell is the key: a label, a group, a describe statistic. */
export type DfAnswer = { kind: 'count'; n: number } | { kind: 'rows'; rows: DfRow[] };

export type DfRow = Array<string | number | null>;

/**
 * Three engines, three summation orders and three variance algorithms: Dask's own std of `duration` is 2e-12
 * relative from pandas' on the same data, so 1e-12 would fail on rounding alone, while a real bug is far larger.
 */
export const RELATIVE_TOLERANCE = 1e-9;

/** Dask's answer (dask_run.py's JSON for one output, parsed with JSON.parse) in the neutral shape. */
export function daskAnswer(value: unknown): DfAnswer {
  if (typeof value === 'number') return { kind: 'count', n: value };
  if (value !== null && typeof value === 'object' && 'index' in value && 'data' in value) {
    const { index, data } = value as { index: unknown[]; data: unknown[] };
    // A frame's data is one list per row; a series' one value per row.
    const isFrame = 'columns' in value;
    return { kind: 'rows', rows: index.map((key, i) => [key, ...(isFrame ? (data[i] as unknown[]) : [data[i]])] as DfRow) };
  }
  throw new Error(`no neutral form for Dask's answer ${JSON.stringify(value).slice(0, 200)}`);
}

/** Where `ours` differs from `dask`, or null; rows keyed in `skipRows` are left out of the comparison. */
export function answerDifference(ours: DfAnswer, dask: DfAnswer, skipRows: readonly string[] = []): string | null {
  if (ours.kind === 'count' || dask.kind === 'count') {
    if (ours.kind !== dask.kind) return `a ${ours.kind} against Dask's ${dask.kind}`;
    return numbersClose(ours.kind === 'count' ? ours.n : NaN, dask.kind === 'count' ? dask.n : NaN) ? null : `${JSON.stringify(ours)} against Dask's ${JSON.stringify(dask)}`;
  }
  const keep = (rows: DfRow[]) => rows.filter((r) => !skipRows.includes(String(r[0])));
  const byKey = (rows: DfRow[]) => new Map(keep(rows).map((r) => [String(r[0]), r]));
  const a = byKey(ours.rows);
  const b = byKey(dask.rows);
  if (a.size !== keep(ours.rows).length) return 'a key appears in more than one row';
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const [x, y] = [a.get(key), b.get(key)];
    if (!x || !y) return `row ${JSON.stringify(key)} ${x ? 'is not in Dask\'s answer' : 'is missing'}`;
    if (x.length !== y.length || x.some((cell, i) => !cellsEqual(cell, y[i]))) return `row ${JSON.stringify(x)} against Dask's ${JSON.stringify(y)}`;
  }
  return null;
}

function cellsEqual(a: DfRow[number], b: DfRow[number]): boolean {
  return typeof a === 'number' && typeof b === 'number' ? numbersClose(a, b) : a === b;
}

function numbersClose(a: number, b: number): boolean {
  if (a === b) return true;
  return Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}
