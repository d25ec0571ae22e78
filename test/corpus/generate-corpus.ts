/**
 * A generated corpus of valid pipelines: random chains of Bag operations over small generated data (words, CSV
 * records, a glob of parts, Python ranges and lists) and over the KDD file, ending in aggregates or small bags.
 *
 * Policy: every step is chosen among the operations valid for the element type flowing there, so every pipeline
 * validates and runs on Weft and on Dask alike; what Dask leaves unordered (anything after a groupby) is listed so
 * that the tests compare it as a multiset. Chains on the KDD file always end in something small (an aggregate,
 * distinct, frequencies, take, topk), never the 494,021 lines themselves.
 */
import type { NodeSpec, PipelineFile } from '../../engine/index.js';
import { Random } from './random.js';

/** What the elements of a bag are. */
/** Pairs are (int, int), (str, int), or (anything, int): `pluck(0)` is typed only for the first two. */
type Elem = 'int' | 'str' | 'line' | 'csv' | 'kdd' | 'ipair' | 'spair' | 'xpair' | 'intlist' | 'strlist';

interface BagRef {
  id: string;
  elem: Elem;
  /** Downstream of a groupby: element order is undefined. */
  unordered: boolean;
  /** Many elements: never an output as a whole. */
  big: boolean;
}

interface Step {
  op: string;
  params?: Record<string, unknown>;
  to: Elem;
}

/** Element-wise and reshaping steps valid for each element type. */
const STEPS: Record<Elem, Step[]> = {
  int: [
    { op: 'bag.map', params: { func: 'lambda x: x * 3 + 1' }, to: 'int' },
    { op: 'bag.map', params: { func: 'lambda x: x % 10' }, to: 'int' },
    { op: 'bag.filter', params: { predicate: 'lambda x: x % 3 == 0' }, to: 'int' },
    { op: 'bag.remove', params: { predicate: 'lambda x: x % 4 == 1' }, to: 'int' },
    { op: 'bag.map', params: { func: 'lambda x: (x % 5, x)' }, to: 'ipair' },
    { op: 'bag.map', params: { func: 'lambda x: [x, x * 2]' }, to: 'intlist' },
    { op: 'bag.map', params: { func: 'square' }, to: 'int' },
    { op: 'bag.map_partitions', params: { func: 'lambda part: [x + 1 for x in part]' }, to: 'int' },
    { op: 'bag.repartition', params: { npartitions: 3 }, to: 'int' },
    { op: 'bag.filter', params: { predicate: 'is_even' }, to: 'int' },
  ],
  str: [
    { op: 'bag.map', params: { func: 'len' }, to: 'int' },
    { op: 'bag.map', params: { func: 'lambda s: s.upper()' }, to: 'str' },
    { op: 'bag.filter', params: { predicate: "lambda s: 'a' in s" }, to: 'str' },
    { op: 'bag.map', params: { func: 'lambda s: (s[:1], len(s))' }, to: 'spair' },
    { op: 'bag.map', params: { func: 'list' }, to: 'strlist' },
    { op: 'bag.map', params: { func: 'shout' }, to: 'str' },
  ],
  line: [
    { op: 'bag.map', params: { func: 'lambda line: line.strip()' }, to: 'str' },
    { op: 'bag.map', params: { func: "lambda line: line.rstrip('\\n').split(' ')" }, to: 'strlist' },
    { op: 'bag.filter', params: { predicate: 'lambda line: len(line) > 12' }, to: 'line' },
  ],
  csv: [
    { op: 'bag.pluck', params: { key: 0 }, to: 'str' },
    { op: 'bag.pluck', params: { key: 1 }, to: 'str' },
    { op: 'bag.map', params: { func: 'lambda row: int(row[2])' }, to: 'int' },
    { op: 'bag.map', params: { func: 'lambda row: (row[1], int(row[2]))' }, to: 'spair' },
    { op: 'bag.filter', params: { predicate: 'lambda row: int(row[2]) > 50' }, to: 'csv' },
  ],
  kdd: [
    { op: 'bag.pluck', params: { key: 1 }, to: 'str' },
    { op: 'bag.pluck', params: { key: 2 }, to: 'str' },
    { op: 'bag.map', params: { func: 'lambda fields: fields[41][:-2]' }, to: 'str' },
    { op: 'bag.map', params: { func: 'lambda fields: int(fields[4])' }, to: 'int' },
    { op: 'bag.filter', params: { predicate: "lambda fields: fields[1] == 'udp'" }, to: 'kdd' },
    { op: 'bag.map', params: { func: 'lambda fields: (fields[1], int(fields[5]))' }, to: 'spair' },
  ],
  ipair: [
    { op: 'bag.pluck', params: { key: 0 }, to: 'int' },
    { op: 'bag.pluck', params: { key: 1 }, to: 'int' },
    { op: 'bag.map', params: { func: 'lambda kv: kv[1]' }, to: 'int' },
  ],
  spair: [
    { op: 'bag.pluck', params: { key: 0 }, to: 'str' },
    { op: 'bag.pluck', params: { key: 1 }, to: 'int' },
    { op: 'bag.map', params: { func: 'lambda kv: (kv[0], kv[1] + 1)' }, to: 'spair' },
  ],
  xpair: [
    { op: 'bag.pluck', params: { key: 1 }, to: 'int' },
    { op: 'bag.map', params: { func: 'lambda kv: kv[1]' }, to: 'int' },
  ],
  intlist: [
    { op: 'bag.flatten', to: 'int' },
    { op: 'bag.map', params: { func: 'sum' }, to: 'int' },
  ],
  strlist: [
    { op: 'bag.flatten', to: 'str' },
    { op: 'bag.map', params: { func: 'len' }, to: 'int' },
  ],
};

/** The pipeline functions that steps may call by name. */
const FUNCTIONS = "def square(x):\n    return x * x\n\n\ndef is_even(x):\n    return x % 2 == 0\n\n\ndef shout(s):\n    return s.upper() + '!'\n";

/** One corpus pipeline, and which outputs to compare as multisets. */
export interface CorpusPipeline {
  name: string;
  pipeline: PipelineFile;
  unordered: string[];
  readsKdd: boolean;
}

class Builder {
  readonly nodes: NodeSpec[] = [];
  readonly unordered: string[] = [];
  private counter = 0;
  constructor(readonly random: Random) {}

  add(op: string, inputs: BagRef[], params: Record<string, unknown> | undefined, elem: Elem, extra: Partial<BagRef> = {}): BagRef {
    const id = `${op.slice(4)}_${++this.counter}`;
    this.nodes.push({ id, op, ...(inputs.length ? { inputs: inputs.map((b) => b.id) } : {}), ...(params ? { params } : {}) });
    return { id, elem, unordered: inputs.some((b) => b.unordered), big: inputs.some((b) => b.big), ...extra };
  }

  source(kdd: boolean): BagRef {
    const r = this.random;
    if (kdd) {
      const raw = this.add('bag.read_text', [], { urlpath: 'data/kddcup.data_10_percent.gz' }, 'line', { big: true, unordered: false });
      return this.add('bag.map', [raw], { func: "lambda line: line.split(',')" }, 'kdd');
    }
    switch (r.int(0, 5)) {
      case 0:
        return this.add('bag.from_sequence', [], { seq: `range(${r.int(5, 250)})`, npartitions: r.int(1, 6) }, 'int', { big: false, unordered: false });
      case 1:
        return this.add('bag.from_sequence', [], { seq: `range(${r.int(0, 120)})`, ...(r.chance(0.5) ? { partition_size: r.int(3, 40) } : {}) }, 'int', { big: false, unordered: false });
      case 2:
        return this.add('bag.from_sequence', [], { seq: "['alpha', 'beta', 'gamma', 'delta', 'alpha', 'omega', 'beta']", npartitions: r.int(1, 3) }, 'str', { big: false, unordered: false });
      case 3:
        return this.add('bag.read_text', [], { urlpath: 'data/words.txt', ...(r.chance(0.5) ? { blocksize: r.pick([500, 1000, '2kB']) } : {}) }, 'line', { big: false, unordered: false });
      case 4:
        return this.add('bag.read_text', [], { urlpath: 'data/parts/*.txt' }, 'line', { big: false, unordered: false });
      default: {
        const raw = this.add('bag.read_text', [], { urlpath: 'data/records.csv' }, 'line', { big: false, unordered: false });
        return this.add('bag.map', [raw], { func: "lambda line: line.rstrip('\\n').split(',')" }, 'csv');
      }
    }
  }

  /** Element-wise (and repartition) steps from `bag`. */
  chain(bag: BagRef, length: number): BagRef {
    for (let i = 0; i < length; i++) {
      const step = this.random.pick(STEPS[bag.elem]);
      bag = this.add(step.op, [bag], step.params && { ...step.params }, step.to);
    }
    return bag;
  }

  /** A groupby of pairs by key, then each group's size: unordered from here on. */
  grouped(bag: BagRef): BagRef {
    const groups = this.add('bag.groupby', [bag], { grouper: 'lambda kv: kv[0]', ...(this.random.chance(0.5) ? { npartitions: 2 } : {}) }, 'xpair', { unordered: true });
    return this.add('bag.map', [groups], { func: 'lambda group: (group[0], len(group[1]))' }, bag.elem);
  }

  /** Ends `bag` in an output: an aggregate, or a small bag. */
  terminal(bag: BagRef): void {
    const r = this.random;
    const options: Array<() => BagRef> = [
      () => this.add('bag.count', [bag], undefined, 'int'),
      () => this.add('bag.frequencies', [bag], r.chance(0.5) ? { sort: true } : undefined, 'xpair'),
    ];
    const hashable = bag.elem !== 'intlist' && bag.elem !== 'strlist' && bag.elem !== 'csv' && bag.elem !== 'kdd';
    if (!hashable) options.pop();
    if (hashable) options.push(() => this.add('bag.distinct', [bag], undefined, bag.elem));
    if (!bag.unordered) options.push(() => this.add('bag.take', [bag], { k: r.int(1, 5) }, bag.elem));
    if (bag.elem === 'int') {
      options.push(
        () => this.add('bag.sum', [bag], undefined, 'int'),
        () => this.add('bag.max', [bag], undefined, 'int'),
        () => this.add('bag.mean', [bag], undefined, 'int'),
        () => this.add('bag.std', [bag], undefined, 'int'),
        () => this.add('bag.var', [bag], { ddof: 1 }, 'int'),
        () => this.add('bag.topk', [bag], { k: r.int(1, 4) }, 'int'),
        () => this.add('bag.reduction', [bag], { perpartition: 'lambda part: sum(1 for _ in part)', aggregate: 'sum' }, 'int'),
        () => this.add('bag.any', [bag], undefined, 'int'),
        () => this.add('bag.foldby', [bag], { key: 'lambda x: x % 3', binop: 'lambda total, x: total + x', initial: 0, combine: 'lambda a, b: a + b', combine_initial: 0 }, 'ipair'),
      );
    }
    if (bag.elem === 'str') options.push(() => this.add('bag.min', [bag], undefined, 'str'), () => this.add('bag.topk', [bag], { k: 2, key: 'len' }, 'str'));
    if (bag.elem.endsWith('pair')) options.push(() => this.add('bag.foldby', [bag], { key: '0', binop: 'lambda total, kv: total + 1', initial: 0, combine: 'lambda a, b: a + b' }, 'xpair'));
    // A small bag may be an output as it is.
    if (!bag.big && !this.random.chance(0.6)) return this.markOutput(bag);
    this.markOutput(r.pick(options)());
  }

  private markOutput(bag: BagRef): void {
    if (bag.unordered) this.unordered.push(bag.id);
  }
}

/** Generates `count` pipelines; `kddEvery`-th one reads the KDD file. */
export function generateCorpus(count: number, options: { seed?: number; kddEvery?: number } = {}): CorpusPipeline[] {
  const random = new Random(options.seed ?? 5);
  const kddEvery = options.kddEvery ?? 7;
  const corpus: CorpusPipeline[] = [];
  for (let i = 0; i < count; i++) {
    const b = new Builder(random);
    const readsKdd = i % kddEvery === kddEvery - 1;
    const source = b.source(readsKdd);
    let bag = b.chain(source, random.int(0, 3));
    const shape = random.int(0, 4);
    if (shape === 0 && !bag.big && (bag.elem === 'int' || bag.elem === 'str')) {
      // Two branches of the same bag, concatenated.
      const other = b.chain(bag, 1);
      bag = other.elem === bag.elem ? b.add('bag.concat', [bag, other], undefined, bag.elem) : other;
    } else if (shape === 1 && bag.elem === 'int') {
      // Two element-wise branches zipped by a two-bag map (same partitions by construction).
      const left = b.add('bag.map', [bag], { func: 'lambda x: x + 1' }, 'int');
      const right = b.add('bag.map', [bag], { func: 'lambda x: x * 2' }, 'int');
      bag = b.add('bag.map', [left, right], { func: 'lambda a, b: a + b' }, 'int');
    } else if (shape === 2 && (bag.elem === 'ipair' || bag.elem === 'spair')) {
      bag = b.grouped(bag);
    } else if (shape === 3 && (bag.elem === 'int' || bag.elem === 'str')) {
      // The product of two small distinct sets, as in the set-operations tutorial.
      const left = b.add('bag.distinct', [bag], undefined, bag.elem, { big: false });
      const right = b.add('bag.distinct', [b.add('bag.map', [bag], { func: bag.elem === 'int' ? 'lambda x: x % 4' : 'len' }, 'int')], undefined, 'int', { big: false });
      bag = b.add('bag.product', [left, right], undefined, 'xpair', { big: false });
    }
    bag = b.chain(bag, random.int(0, 2));
    b.terminal(bag);
    // A second output now and then, sharing the upstream steps.
    if (random.chance(0.35)) b.terminal(b.chain(source, random.int(0, 2)));
    const name = `corpus-${String(i + 1).padStart(2, '0')}${readsKdd ? '-kdd' : ''}`;
    const uses = b.nodes.some((n) => Object.values(n.params ?? {}).some((v) => typeof v === 'string' && /\b(square|is_even|shout)\b/.test(v)));
    corpus.push({
      name,
      pipeline: { weft: 1, name: `Generated pipeline ${i + 1}`, description: `Random chain ${i + 1} of the export corpus.`, ...(uses ? { functions: FUNCTIONS } : {}), nodes: b.nodes },
      unordered: b.unordered,
      readsKdd,
    });
  }
  return corpus;
}
