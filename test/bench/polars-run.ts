/**
 * The DataFrame section's queries in Polars (`nodejs-polars`), written as an analyst would write them: the lazy API
 * over `scanCSV` (types inferred, gzip read natively, all cores), so Polars projects and counts as its optimizer
 * sees fit, as Weft's read_csv projection does. Run as a script: see df-engine-script.ts.
 *
 * `set_index('service')` sorts the whole frame; Polars has no index, so its counterpart collects the frame sorted by
 * service and takes its height (collecting the frame, not a count, so the sort cannot be optimised away).
 */
import pl from 'nodejs-polars';
import type { DfQueryName } from './catalog.js';
import type { DfAnswer, DfRow } from './df-answers.js';
import { failScript, runEngineScript, type DfEngine, type DfQueryInputs } from './df-engine-script.js';

const DESCRIBE_COLUMNS = ['duration', 'src_bytes', 'dst_bytes', 'count', 'srv_count'];
const DESCRIBE_STATS: Array<[string, (c: string) => ReturnType<typeof pl.col>]> = [
  ['count', (c) => pl.col(c).count()],
  ['mean', (c) => pl.col(c).mean()],
  ['std', (c) => pl.col(c).std()],
  ['min', (c) => pl.col(c).min()],
  // pandas' default interpolation is linear.
  ['25%', (c) => pl.col(c).quantile(0.25, 'linear')],
  ['50%', (c) => pl.col(c).quantile(0.5, 'linear')],
  ['75%', (c) => pl.col(c).quantile(0.75, 'linear')],
  ['max', (c) => pl.col(c).max()],
];

function scan(inputs: DfQueryInputs) {
  // scanCSV has no names option: a headerless file's columns are column_1..column_N, renamed as one lazy step.
  const names = Object.fromEntries(inputs.names.map((name, i) => [`column_${i + 1}`, name]));
  return pl.scanCSV(inputs.file, { hasHeader: false }).rename(names);
}

/** Polars' Int64 cells are numbers, but a count or sum past 2^53 would come as bigint: none here does. */
function rowsOf(df: { rows(): unknown[][] }): DfRow[] {
  return df.rows().map((r) => r.map((v) => (typeof v === 'bigint' ? Number(v) : (v as string | number | null))));
}

function answer(query: DfQueryName, inputs: DfQueryInputs): DfAnswer {
  const lf = scan(inputs);
  const count = (frame: typeof lf): DfAnswer => ({ kind: 'count', n: rowsOf(frame.select(pl.len()).collectSync())[0][0] as number });
  switch (query) {
    case 'len':
      return count(lf);
    case 'query-len':
      return count(lf.filter(pl.col('label').eq(pl.lit('normal.'))));
    case 'value-counts':
      return { kind: 'rows', rows: rowsOf(lf.groupBy('label').agg(pl.len()).collectSync()) };
    case 'groupby-agg':
      return {
        kind: 'rows',
        rows: rowsOf(lf.groupBy('protocol_type').agg(pl.col('src_bytes').sum().alias('sum'), pl.col('src_bytes').mean().alias('mean'), pl.col('duration').max().alias('max')).collectSync()),
      };
    case 'describe': {
      const cells = rowsOf(lf.select(...DESCRIBE_STATS.flatMap(([stat, f]) => DESCRIBE_COLUMNS.map((c) => f(c).alias(`${stat}|${c}`)))).collectSync())[0];
      return { kind: 'rows', rows: DESCRIBE_STATS.map(([stat], s) => [stat, ...cells.slice(s * DESCRIBE_COLUMNS.length, (s + 1) * DESCRIBE_COLUMNS.length)]) };
    }
    case 'merge-groupby-size': {
      if (!inputs.lookup) throw new Error('the merge query needs the lookup frame (a from_dict node in its pipeline)');
      const kinds = pl.DataFrame({ label: inputs.lookup.label, kind: inputs.lookup.kind }).lazy();
      return { kind: 'rows', rows: rowsOf(lf.join(kinds, { on: 'label', how: 'inner' }).groupBy('kind').agg(pl.len()).collectSync()) };
    }
    case 'set-index-len':
      return { kind: 'count', n: lf.sort('service').collectSync().height };
  }
}

async function openPolars(): Promise<DfEngine> {
  return { run: async (query, inputs) => answer(query, inputs) };
}

runEngineScript(openPolars, process.argv.slice(2)).catch(failScript);
