import path from 'node:path';
import type { OpDefinition } from '../op-definition.js';
import type { TaskSpec } from '../../graph/task.js';
import { chainTask } from '../layer-builders.js';
import { WeftError } from '../../errors.js';
import { matchingFiles } from '../../io/matching-files.js';
import { planCsvBlocks, type CsvBlock } from '../../dataframe/csv/block-plan.js';
import { inferMeta, type CsvMeta } from '../../dataframe/csv/read-csv.js';
import { projectsAfterRead, type ReadCsvParams } from '../../dataframe/csv/csv-options.js';
import type { Label } from '../../dataframe/frame.js';

/** One partition of `read_csv`: its block, the sample's verdict, and the keywords, as plain data. */
export interface CsvBlockSource {
  kind: 'csv-block';
  nodeId: string;
  block: CsvBlock;
  csvMeta: CsvMeta;
  params: ReadCsvParams;
  /** The columns to parse, when the consumers select fewer than the file has (graph/column-projection.ts). */
  columns?: Label[];
  /** The user passed pandas keywords: Dask then parses every column and projects after the read. */
  projectAfterRead: boolean;
}


declare module '../../graph/task.js' {
  interface SourceKinds {
    'csv-block': CsvBlockSource;
  }
}

/** Dask's default sample for the meta: the first 256000 bytes of the first file. */
const SAMPLE_BYTES = 256000;

/** The engine's errors of a reader step, with the node they belong to. */
export function nodeError(e: unknown, nodeId: string, op: string): never {
  if (e instanceof WeftError && e.context.nodeId === undefined) {
    throw new WeftError(e.code, `node '${nodeId}' (${op}): ${e.message}`, { ...e.context, nodeId }, { cause: e });
  }
  throw e;
}

/**
 * `dd.read_csv(urlpath, sep=, header=, names=, usecols=, dtype=, blocksize=)`: one partition per block of each file
 * (a gzip file is one), the meta inferred from the first file's sample as Dask does, divisions unknown.
 */
export const readCsv: OpDefinition = {
  collection: 'dataframe',
  name: 'read_csv',
  group: 'create',
  doc: 'Read CSV files into a DataFrame: one partition per blocksize bytes of a plain file (a gzip file is one partition). Column dtypes are inferred from the first 256 kB, as Dask does; give dtype= when later rows disagree.',
  inputs: [],
  output: 'dataframe',
  params: [
    { name: 'urlpath', type: 'paths', required: true, doc: 'A path, a glob such as data/*.csv, or a list of them; relative to the pipeline file.' },
    { name: 'sep', type: 'string', required: false, default: ',', doc: 'The field delimiter, one character.' },
    { name: 'header', type: 'json', required: false, default: 'infer', doc: "'infer' (the first row names the columns unless names is given), a row number, or None for no header row." },
    { name: 'names', type: 'json', required: false, default: null, nullable: true, doc: 'The column names, as a list; with header=0 they replace the header row.' },
    { name: 'usecols', type: 'json', required: false, default: null, nullable: true, doc: 'Read only these columns: a list of names or positions.' },
    { name: 'dtype', type: 'json', required: false, default: null, nullable: true, doc: "One dtype for every column ('int64', 'float64', 'bool', 'object', 'str'), or a dict of column name to dtype." },
    { name: 'blocksize', type: 'json', required: false, default: 'default', nullable: true, doc: "Bytes per partition of a plain file: an int, text like '64MB', 'default' (Dask's, up to 64 MB), or None for one partition per file." },
  ],
  python: { call: 'function', positional: ['urlpath'] },
  columnUse: {
    sources: {
      'csv-block': {
        columns: (source: CsvBlockSource) => source.csvMeta.meta.columns.map((c) => c.name),
        project: (source: CsvBlockSource, columns: Label[]) => ({ ...source, columns }),
      },
    },
  },
  dataVersion(ctx) {
    return matchingFiles(ctx.params.urlpath as string | string[], ctx.baseDir, ctx.fs, '', 'dataframe.read_csv')
      .map((file) => `${file}@${ctx.fs.version(file)}`)
      .join('|');
  },
  build(ctx) {
    const nodeId = ctx.node.id;
    const op = 'dataframe.read_csv';
    const p = ctx.params;
    const params: ReadCsvParams = { sep: p.sep as string, header: p.header as ReadCsvParams['header'], names: p.names as ReadCsvParams['names'], usecols: p.usecols as ReadCsvParams['usecols'], dtype: p.dtype as ReadCsvParams['dtype'], blocksize: p.blocksize as ReadCsvParams['blocksize'], sample: SAMPLE_BYTES };
    const files = matchingFiles(p.urlpath as string | string[], ctx.baseDir, ctx.fs, nodeId, op);
    let blocks: CsvBlock[];
    let csvMeta: CsvMeta;
    try {
      blocks = planCsvBlocks(
        files.map((file) => ({ path: file, size: ctx.fs.size(file) })),
        { blocksize: params.blocksize, totalMemory: ctx.fs.host.totalMemory, cpuCount: ctx.fs.host.cpuCount, where: `read_csv` },
      );
      const first = blocks[0];
      csvMeta = inferMeta(ctx.fs.sample(first.path, first.compression, SAMPLE_BYTES), params);
    } catch (e) {
      nodeError(e, nodeId, op);
    }
    const projectAfterRead = projectsAfterRead(ctx.node.params ?? {});
    const tasks: TaskSpec[] = blocks.map((block, i) => chainTask(ctx, i, [], { kind: 'csv-block', nodeId, block, csvMeta, params, projectAfterRead }, []));
    const collection = { kind: 'dataframe' as const, nodeId, name: ctx.name, npartitions: tasks.length, meta: csvMeta.meta, divisions: null };
    // Dask reads a compressed file whole, and says so when a blocksize asked otherwise.
    const compression = blocks[0].compression;
    const warnings = compression && params.blocksize ? [`Warning ${compression} compression does not support breaking apart files\nPlease ensure that each individual file can fit in memory and\nuse the keyword \`\`blocksize=None to remove this message\`\`\nSetting \`\`blocksize=None\`\``] : [];
    return { collection, tasks, warnings };
  },
};

