/**
 * The DataFrame section's queries in DuckDB (`@duckdb/node-api`), written as an analyst would write them in SQL over
 * `read_csv` (types sniffed, gzip read natively, all cores). Run as a script: see df-engine-script.ts.
 *
 * `set_index('service')` sorts the whole frame; SQL has no index, so its counterpart materialises the table sorted
 * by service (a CREATE TABLE ... ORDER BY, which DuckDB must honour as it keeps insertion order) and counts it, so
 * the sort cannot be optimised away as it would be in `SELECT count(*) FROM (... ORDER BY service)`.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { DfQueryName } from './catalog.js';
import type { DfAnswer, DfRow } from './df-answers.js';
import { failScript, runEngineScript, type DfEngine, type DfQueryInputs } from './df-engine-script.js';

const DESCRIBE_COLUMNS = ['duration', 'src_bytes', 'dst_bytes', 'count', 'srv_count'];
const DESCRIBE_STATS: Array<[string, (c: string) => string]> = [
  ['count', (c) => `count(${c})`],
  ['mean', (c) => `avg(${c})`],
  ['std', (c) => `stddev_samp(${c})`],
  ['min', (c) => `min(${c})`],
  // pandas' default interpolation is linear, which is quantile_cont's.
  ['25%', (c) => `quantile_cont(${c}, 0.25)`],
  ['50%', (c) => `quantile_cont(${c}, 0.5)`],
  ['75%', (c) => `quantile_cont(${c}, 0.75)`],
  ['max', (c) => `max(${c})`],
];

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function identifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function source(inputs: DfQueryInputs): string {
  return `read_csv(${literal(inputs.file)}, header = false, names = [${inputs.names.map(literal).join(', ')}])`;
}

function sql(query: DfQueryName, inputs: DfQueryInputs): string[] {
  const src = source(inputs);
  switch (query) {
    case 'len':
      return [`SELECT count(*) FROM ${src}`];
    case 'query-len':
      return [`SELECT count(*) FROM ${src} WHERE label = 'normal.'`];
    case 'value-counts':
      return [`SELECT label, count(*) FROM ${src} GROUP BY label`];
    case 'groupby-agg':
      return [`SELECT protocol_type, sum(src_bytes), avg(src_bytes), max(duration) FROM ${src} GROUP BY protocol_type`];
    case 'describe':
      return [`SELECT ${DESCRIBE_STATS.flatMap(([, f]) => DESCRIBE_COLUMNS.map((c) => f(identifier(c)))).join(', ')} FROM ${src}`];
    case 'merge-groupby-size': {
      const lookup = inputs.lookup;
      if (!lookup) throw new Error('the merge query needs the lookup frame (a from_dict node in its pipeline)');
      const values = lookup.label.map((label, i) => `(${literal(label)}, ${literal(lookup.kind[i])})`).join(', ');
      return [`WITH kinds(label, kind) AS (VALUES ${values}) SELECT kind, count(*) FROM ${src} JOIN kinds USING (label) GROUP BY kind`];
    }
    case 'set-index-len':
      return [`CREATE OR REPLACE TEMP TABLE by_service AS SELECT * FROM ${src} ORDER BY service`, 'SELECT count(*) FROM by_service'];
  }
}

/** DuckDB's BIGINT and HUGEINT arrive as bigint; every count and sum here is far below 2^53. */
function plain(value: unknown): string | number | null {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'string' || value === null) return value;
  throw new Error(`unexpected DuckDB value ${String(value)}`);
}

async function answer(connection: DuckDBConnection, query: DfQueryName, inputs: DfQueryInputs): Promise<DfAnswer> {
  let rows: DfRow[] = [];
  for (const statement of sql(query, inputs)) rows = (await connection.runAndReadAll(statement)).getRows().map((r) => r.map(plain));
  if (query === 'len' || query === 'query-len' || query === 'set-index-len') return { kind: 'count', n: rows[0][0] as number };
  if (query === 'describe') {
    // One row of stat-major cells back into describe's shape: a row per statistic, a cell per column.
    const cells = rows[0];
    return { kind: 'rows', rows: DESCRIBE_STATS.map(([stat], s) => [stat, ...cells.slice(s * DESCRIBE_COLUMNS.length, (s + 1) * DESCRIBE_COLUMNS.length)]) };
  }
  return { kind: 'rows', rows };
}

async function openDuckDb(): Promise<DfEngine> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  return { run: (query, inputs) => answer(connection, query, inputs) };
}

runEngineScript(openDuckDb, process.argv.slice(2)).catch(failScript);
