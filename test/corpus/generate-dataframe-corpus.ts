/**
 * A generated corpus of valid DataFrame pipelines: random chains of dask.dataframe operations over a small generated
 * CSV (several partitions) and over the KDD file, ending in something small (a length, a reduction, value counts,
 * a groupby), for the three-ways export test.
 *
 * Policy: the generator tracks each node's schema (columns and dtypes, as Dask's `_meta` would have them), so
 * every step names columns that exist and applies to their dtype: every pipeline validates and runs on Weft and on
 * Dask alike. Row order is defined by every step used here (split_out's hash shuffle keeps the input order within a
 * partition), so outputs compare exactly.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { NodeSpec } from '../../engine/index.js';
import type { CorpusPipeline } from './generate-corpus.js';
import { Random } from './random.js';

type DType = 'int64' | 'float64' | 'object' | 'bool';

interface FrameRef {
  id: string;
  columns: Array<{ name: string; dtype: DType }>;
}

const GROUPS = ['north', 'south', 'east', 'west', 'centre'];

/** The corpus's CSV: an id, a group, an int, a float with missing values, a flag; 400 rows in several blocks. */
export function writeDataframeCorpusData(dir: string): void {
  const random = new Random(2012);
  const rows = ['id,grp,n,x,flag'];
  for (let i = 0; i < 400; i++) {
    const x = random.chance(0.1) ? '' : (random.int(-500, 500) / 8).toString();
    rows.push(`${i},${random.pick(GROUPS)},${random.int(0, 60)},${x},${random.chance(0.5) ? 'True' : 'False'}`);
  }
  fs.mkdirSync(path.join(dir, 'data'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'data', 'frame.csv'), rows.join('\n') + '\n');
}

const FRAME_COLUMNS: FrameRef['columns'] = [
  { name: 'id', dtype: 'int64' },
  { name: 'grp', dtype: 'object' },
  { name: 'n', dtype: 'int64' },
  { name: 'x', dtype: 'float64' },
  { name: 'flag', dtype: 'bool' },
];

const KDD_COLUMNS: FrameRef['columns'] = [
  { name: 'duration', dtype: 'int64' },
  { name: 'protocol_type', dtype: 'object' },
  { name: 'service', dtype: 'object' },
  { name: 'flag', dtype: 'object' },
  { name: 'src_bytes', dtype: 'int64' },
  { name: 'dst_bytes', dtype: 'int64' },
];

class Builder {
  readonly nodes: NodeSpec[] = [];
  private counter = 0;
  constructor(private readonly random: Random) {}

  add(op: string, inputs: FrameRef[], params: Record<string, unknown> | undefined, columns: FrameRef['columns']): FrameRef {
    const id = `${op.slice(op.indexOf('.') + 1).replace(/\./g, '_')}_${++this.counter}`;
    this.nodes.push({ id, op, ...(inputs.length ? { inputs: inputs.map((i) => i.id) } : {}), ...(params ? { params } : {}) });
    return { id, columns };
  }

  source(readsKdd: boolean, kddNames: string[]): FrameRef {
    if (!readsKdd) return this.add('dataframe.read_csv', [], { urlpath: 'data/frame.csv', blocksize: 2000 }, FRAME_COLUMNS);
    const read = this.add('dataframe.read_csv', [], { urlpath: 'data/kddcup.data_10_percent.gz', names: kddNames }, []);
    // The KDD chains start from six of its columns, so that later steps need not know the other 36.
    return this.add('dataframe.getitem', [read], { key: KDD_COLUMNS.map((c) => c.name) }, KDD_COLUMNS);
  }

  private numeric(frame: FrameRef): FrameRef['columns'] {
    return frame.columns.filter((c) => c.dtype === 'int64' || c.dtype === 'float64');
  }

  /** One step that keeps a DataFrame, chosen among those its schema allows. */
  step(frame: FrameRef): FrameRef {
    const r = this.random;
    const numeric = this.numeric(frame);
    const texts = frame.columns.filter((c) => c.dtype === 'object');
    const options: Array<() => FrameRef> = [];
    if (numeric.length) {
      const c = r.pick(numeric);
      options.push(() => this.add('dataframe.query', [frame], { expr: `${c.name} > ${r.int(0, 30)}` }, frame.columns));
    }
    if (texts.length) {
      const c = r.pick(texts);
      const value = c.name === 'grp' ? r.pick(GROUPS) : c.name === 'protocol_type' ? r.pick(['tcp', 'udp', 'icmp']) : 'SF';
      options.push(() => this.add('dataframe.query', [frame], { expr: `${c.name} != '${value}'` }, frame.columns));
    }
    if (frame.columns.length > 2) {
      const kept = frame.columns.filter(() => r.chance(0.7));
      if (kept.length >= 2) options.push(() => this.add('dataframe.getitem', [frame], { key: kept.map((c) => c.name) }, kept));
      const dropped = r.pick(frame.columns);
      options.push(() => this.add('dataframe.drop', [frame], { columns: [dropped.name] }, frame.columns.filter((c) => c !== dropped)));
    }
    if (numeric.length >= 2) {
      const [a, b] = [numeric[0], numeric[numeric.length - 1]];
      const dtype: DType = a.dtype === 'float64' || b.dtype === 'float64' ? 'float64' : 'int64';
      options.push(() => this.add('dataframe.eval', [frame], { expr: `total = ${a.name} + ${b.name}` }, [...frame.columns.filter((c) => c.name !== 'total'), { name: 'total', dtype }]));
    }
    const renamed = r.pick(frame.columns);
    if (!frame.columns.some((c) => c.name === `${renamed.name}_r`)) {
      options.push(() => this.add('dataframe.rename', [frame], { columns: { [renamed.name]: `${renamed.name}_r` } }, frame.columns.map((c) => (c === renamed ? { ...c, name: `${c.name}_r` } : c))));
    }
    if (frame.columns.some((c) => c.dtype === 'float64')) options.push(() => this.add('dataframe.dropna', [frame], undefined, frame.columns));
    const ints = frame.columns.filter((c) => c.dtype === 'int64');
    if (ints.length) {
      const c = r.pick(ints);
      options.push(() => this.add('dataframe.astype', [frame], { dtype: { [c.name]: 'float64' } }, frame.columns.map((d) => (d === c ? { ...d, dtype: 'float64' } : d))));
    }
    return r.pick(options)();
  }

  /** A small result of a DataFrame: its length, a reduction, value counts, a groupby. */
  terminal(frame: FrameRef): void {
    const r = this.random;
    const numeric = this.numeric(frame);
    const texts = frame.columns.filter((c) => c.dtype === 'object');
    const options: Array<() => void> = [() => void this.add('dataframe.len', [frame], undefined, [])];
    if (numeric.length) {
      const c = r.pick(numeric);
      const series = () => this.add('dataframe.getitem', [frame], { key: c.name }, [c]);
      options.push(
        () => void this.add(`series.${r.pick(['sum', 'mean', 'max', 'min', 'count'])}`, [series()], undefined, []),
        () => void this.add('dataframe.getitem', [frame], { key: [c.name] }, [c]),
      );
    }
    if (texts.length) {
      const g = r.pick(texts);
      // Some spread their result over several partitions (split_out: a hash shuffle or a tree per partition).
      const splitOut = (): Record<string, unknown> => (r.chance(0.3) ? { split_out: r.int(2, 4), ...(r.chance(0.3) ? { shuffle: false } : {}) } : {});
      options.push(
        () => void this.add('series.value_counts', [this.add('dataframe.getitem', [frame], { key: g.name }, [g])], r.chance(0.3) ? { split_out: r.int(2, 4) } : undefined, []),
        () => void this.add('dataframe.groupby.size', [frame], { by: g.name, ...splitOut() }, []),
      );
      if (numeric.length) {
        const c = r.pick(numeric);
        options.push(() => void this.add('dataframe.groupby.agg', [frame], { by: g.name, arg: { [c.name]: r.pick(['sum', 'max', 'count', 'mean']) }, ...splitOut() }, []));
      }
    }
    r.pick(options)();
  }
}

/** Generates `count` DataFrame pipelines; every `kddEvery`-th reads the KDD file (with its 42 names). */
export function generateDataframeCorpus(count: number, kddNames: string[], options: { seed?: number; kddEvery?: number } = {}): CorpusPipeline[] {
  const random = new Random(options.seed ?? 11);
  const kddEvery = options.kddEvery ?? 6;
  const corpus: CorpusPipeline[] = [];
  for (let i = 0; i < count; i++) {
    const b = new Builder(random);
    const readsKdd = i % kddEvery === kddEvery - 1;
    let frame = b.source(readsKdd, kddNames);
    for (let k = random.int(0, 3); k > 0; k--) frame = b.step(frame);
    b.terminal(frame);
    if (random.chance(0.3)) b.terminal(frame);
    const name = `df-corpus-${String(i + 1).padStart(2, '0')}${readsKdd ? '-kdd' : ''}`;
    corpus.push({ name, pipeline: { weft: 1, name: `Generated DataFrame pipeline ${i + 1}`, nodes: b.nodes }, unordered: [], readsKdd });
  }
  return corpus;
}
