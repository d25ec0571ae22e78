/**
 * Random Python test cases for the differential test: typed expression grammars (int, float, str, bool, list, tuple,
 * dict, set, any) that nest every supported feature, plus random `def` programs with loops, branches, try/except and
 * mutation, and random generator defs (the same statements with `yield`s among them) consumed by list(), sum() and
 * friends. Generation is deterministic for a seed. Cases may raise; the test compares exception types then.
 *
 * Policy for staying comparable with CPython: sets are never iterated into an ordered result or printed inside a
 * string (their order is Python's hash order), and floats are only summed from lists, so that order is fixed.
 */
export interface DiffCase {
  /** A `functions` block, possibly empty. */
  functions: string;
  /** The expression to evaluate against it. */
  expr: string;
}

/** mulberry32: small, fast and good enough to drive a grammar. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STR_LITERALS = [
  "'abc'", "'a,b,,c'", "' x  y '", "'normal.'", "'Hello World'", "''", `"it's"`, `'a"b'`, "'tab\\there'",
  "'caf\\xe9'", "'x\\ny'", "'12'", "'-7'", "' 42 '", "'3.5'", "'1e3'", "'AbC dEf'", "'a_b-c'", "'---'", "r'a\\d'",
  "'\\u00e9t\\u00e9'", "'0,tcp,http,SF,181,5450,normal.'", "'  lead'", "'trail  '", "'aaa'", "'banana'", "'x'",
  "'1,2,3'", "'\\\\'", "'one two  three'",
];
const SHORT_STRS = ["'a'", "'b'", "','", "'an'", "'x'", "''", "' '", "'na'", "'.'", "'ab'", "'é'", "'-'"];
const FLOAT_LITERALS = [
  '0.5', '2.0', '1e3', '1.5e-3', '0.1', '3.25', '(-2.5)', '0.0', '(-0.0)', '1e-05', '123.456', '1e16', '2.5e20', '7.0',
  '0.3', '(-1.75)', '1e22', '2.675', '0.125',
];
const FLOAT_TEXTS = ["'1.5'", "' -2.25 '", "'1e3'", "'inf'", "'-Infinity'", "'nan'", "'1_000.5'", "'.5'", "'5.'", "'abc'", "''", "'0x10'"];
const INT_TEXTS = ["'12'", "' -7 '", "'+3'", "'1_000'", "'0'", "'007'", "'1.5'", "'x'", "''", "'  '", "'-0'"];
const JSON_TEXTS = [
  `'{"a": 1, "b": [1, 2.0, 2.5, null, true], "c": {"d": "x"}}'`,
  "'[1, 2, 3]'", `'"str"'`, "'3'", "'3.0'", "'-0'", "'1e2'", `'{"a": }'`, "'[1,]'", `'"\\\\u00e9"'`,
  `'{"x": NaN, "y": -Infinity}'`, "' [ ] '", `'{"a":1}{'`, `'"abc'`, "'tru'", `'{"k": [[], {}], "n": -12.5e-1}'`,
  `'{"a": 1, "a": 2}'`, "''", "'[1 2]'", `'{"a" 1}'`, `'{1: 2}'`, "'12345678901'", `'"tab\\\\there"'`,
];

class Grammar {
  private readonly random: () => number;
  private loops = 0;
  /** Set while generating a generator def: which `yield` statements the statement grammar may add. */
  private yields: 'int' | 'any' | null = null;
  constructor(seed: number) {
    this.random = prng(seed);
  }

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.random() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
  /** Picks one generator by weight and runs it. */
  choose(options: readonly (readonly [number, () => string])[]): string {
    const total = options.reduce((s, [w]) => s + w, 0);
    let r = this.random() * total;
    for (const [w, f] of options) {
      r -= w;
      if (r < 0) return f();
    }
    return options[options.length - 1][1]();
  }

  lit(n: number): string {
    return n < 0 ? `(${n})` : String(n);
  }
  smallInt(): string {
    return this.lit(this.int(-5, 9));
  }
  intLit(): string {
    return this.chance(0.8) ? this.lit(this.int(-20, 20)) : this.lit(this.int(-100000, 100000));
  }

  // ---- int ---------------------------------------------------------------------------------------------------------

  intE(d: number): string {
    if (d <= 0) return this.choose([[6, () => this.intLit()], [1, () => 'True'], [1, () => `len(${this.pick(STR_LITERALS)})`]]);
    const e = () => this.intE(d - 1);
    return this.choose([
      [3, () => this.intLit()],
      [3, () => `(${e()} + ${e()})`],
      [3, () => `(${e()} - ${e()})`],
      [3, () => `(${e()} * ${this.smallInt()})`],
      [3, () => `(${e()} // ${this.chance(0.15) ? '0' : e()})`],
      [3, () => `(${e()} % ${this.chance(0.15) ? '0' : e()})`],
      [2, () => `(${this.lit(this.int(-4, 6))} ** ${this.int(0, 5)})`],
      [1, () => `(-${e()})`],
      [1, () => `abs(${e()})`],
      [2, () => `len(${this.listIntE(d - 1)})`],
      [2, () => `len(${this.strE(d - 1)})`],
      [2, () => `int(${this.pick(INT_TEXTS)})`],
      [2, () => `int(${this.floatE(d - 1)})`],
      [2, () => `round(${this.floatE(d - 1)})`],
      [3, () => `${this.listIntE(d - 1)}[${this.int(-5, 5)}]`],
      [2, () => `min(${this.listIntE(d - 1)})`],
      [2, () => `max(${this.listIntE(d - 1)}, default=${this.intLit()})`],
      [2, () => `sum(${this.listIntE(d - 1)})`],
      [2, () => `sum(x * ${this.smallInt()} for x in ${this.listIntE(d - 1)})`],
      [2, () => `${this.strE(d - 1)}.find(${this.pick(SHORT_STRS)})`],
      [1, () => `${this.strE(d - 1)}.count(${this.pick(SHORT_STRS)})`],
      [1, () => `${this.strE(d - 1)}.index(${this.pick(SHORT_STRS)})`],
      [2, () => `(${e()} if ${this.boolE(d - 1)} else ${e()})`],
      [1, () => `(${this.boolE(d - 1)} + ${e()})`],
      [2, () => `${this.dictE(d - 1)}.get(${this.keyE()}, ${this.intLit()})`],
      [2, () => `${this.dictE(d - 1)}[${this.keyE()}]`],
      [2, () => `(${e()} ${this.pick(['&', '|', '^'])} ${e()})`],
      [1, () => `(${e()} ${this.pick(['<<', '>>'])} ${this.int(-1, 6)})`],
      [1, () => `(~${e()})`],
      [1, () => `divmod(${e()}, ${e()})[${this.int(0, 1)}]`],
      [1, () => `len(set(${this.listIntE(d - 1)}))`],
      [1, () => `ord(${this.pick(SHORT_STRS)})`],
      [1, () => `${this.listIntE(d - 1)}.index(${e()})`],
      [1, () => `int(${this.pick(["'ff'", "'0x1F'", "'777'", "'z'", "'101'"])}, ${this.pick(['16', '8', '2', '36', '0', '1'])})`],
      [1, () => `round(${e()}, ${this.int(-3, 1)})`],
      [2, () => `(lambda x, y=${this.smallInt()}: x * y - ${this.smallInt()})(${e()})`],
      [1, () => `len([x for x in range(${this.int(0, 12)}) if x % ${this.int(1, 4)} == ${this.int(0, 2)}])`],
      [1, () => `max(${this.listIntE(d - 1)}, key=lambda v: (v % 3, v))`],
      [1, () => `sorted(${this.listIntE(d - 1)})[0]`],
      [1, () => `${this.tupleE(d - 1)}.count(${e()})`],
      [1, () => `pow(${this.int(-3, 5)}, ${this.int(0, 4)}, ${this.pick(['7', '(-5)', '1'])})`],
      [1, () => `(${this.strE(d - 1)} > ${this.strE(d - 1)}) * 3`],
    ]);
  }

  // ---- float -------------------------------------------------------------------------------------------------------

  numE(d: number): string {
    return this.chance(0.5) ? this.intE(d) : this.floatE(d);
  }

  floatE(d: number): string {
    if (d <= 0) return this.pick(FLOAT_LITERALS);
    const f = () => this.floatE(d - 1);
    const n = () => this.numE(d - 1);
    return this.choose([
      [4, () => this.pick(FLOAT_LITERALS)],
      [3, () => `(${this.intE(d - 1)} / ${this.chance(0.1) ? '0' : this.intE(d - 1)})`],
      [3, () => `(${f()} + ${n()})`],
      [3, () => `(${f()} * ${n()})`],
      [2, () => `(${n()} - ${f()})`],
      [2, () => `(${n()} / ${this.chance(0.1) ? '0.0' : f()})`],
      [2, () => `(${f()} // ${this.chance(0.1) ? '0' : n()})`],
      [2, () => `(${f()} % ${this.chance(0.1) ? '0.0' : n()})`],
      [2, () => `float(${this.intE(d - 1)})`],
      [2, () => `float(${this.pick(FLOAT_TEXTS)})`],
      [2, () => `round(${f()}, ${this.int(-2, 4)})`],
      [1, () => `abs(${f()})`],
      [2, () => `(${this.pick(['1.5', '2.0', '0.5', '(-2.0)', '10.0', '3'])} ** ${this.lit(this.int(-3, 4))})`],
      [1, () => `sum([${f()}, ${f()}, ${n()}])`],
      [1, () => `max(${f()}, ${this.intE(d - 1)})`],
      [1, () => `(-${f()})`],
      [1, () => `min([${f()}, ${n()}], key=abs)`],
      [1, () => `divmod(${f()}, ${this.chance(0.1) ? '0.0' : n()})[${this.int(0, 1)}]`],
      [1, () => `json.loads(${this.pick(["'2.5'", "'1e2'", "'-0.0'", "'3.0'"])})`],
    ]);
  }

  // ---- str ---------------------------------------------------------------------------------------------------------

  sliceText(): string {
    const part = () => (this.chance(0.35) ? '' : this.lit(this.int(-6, 6)));
    if (this.chance(0.3)) {
      const step = this.chance(0.05) ? '0' : this.lit(this.pick([-3, -2, -1, 1, 2, 3]));
      return `${part()}:${part()}:${step}`;
    }
    return `${part()}:${part()}`;
  }

  strE(d: number): string {
    if (d <= 0) return this.pick(STR_LITERALS);
    const s = () => this.strE(d - 1);
    return this.choose([
      [5, () => this.pick(STR_LITERALS)],
      [3, () => `(${s()} + ${s()})`],
      [2, () => `(${s()} * ${this.int(-1, 3)})`],
      [3, () => `${s()}[${this.sliceText()}]`],
      [2, () => `${s()}[${this.int(-6, 6)}]`],
      [2, () => `${s()}.${this.pick(['upper', 'lower', 'strip', 'lstrip', 'rstrip', 'title', 'capitalize', 'swapcase'])}()`],
      [2, () => `${s()}.${this.pick(['strip', 'lstrip', 'rstrip'])}(${this.pick(["'a'", "' x'", "'-.'", "'ab'", 'None'])})`],
      [2, () => `${s()}.replace(${this.pick(SHORT_STRS)}, ${this.pick(SHORT_STRS)}${this.chance(0.3) ? ', ' + this.int(-1, 2) : ''})`],
      [3, () => `${this.pick(["'-'", "', '", "''", "'.'"])}.join(${this.listStrE(d - 1)})`],
      [3, () => `str(${this.anyE(d - 1, false)})`],
      [2, () => `repr(${this.anyE(d - 1, false)})`],
      [1, () => `${s()}.zfill(${this.int(0, 8)})`],
      [1, () => `${s()}.${this.pick(['center', 'ljust', 'rjust'])}(${this.int(0, 9)}${this.chance(0.5) ? ", '*'" : ''})`],
      [2, () => `(${s()} if ${this.boolE(d - 1)} else ${s()})`],
      [2, () => `${this.listStrE(d - 1)}[${this.int(-3, 3)}]`],
      [2, () => `json.dumps(${this.jsonableE(d - 1)})`],
      [2, () => `str(${this.floatE(d - 1)})`],
      [1, () => `${s()}.split(',')[${this.int(-2, 2)}]`],
      // A name's split by a literal, indexed by a literal: compiled to a field scan without the list (codegen's splitField).
      [1, () => `(lambda w: w.split(${this.pick(["','", "'a'", "'na'", "'aa'", "' '"])})[${this.int(0, 3)}])(${s()})`],
      [1, () => `chr(${this.pick(['65', '233', '8364', '(-1)', '97'])})`],
      [1, () => `${s()}.partition(${this.pick(SHORT_STRS.filter((x) => x !== "''"))})[${this.int(0, 2)}]`],
      [1, () => `${s()}.removeprefix(${this.pick(SHORT_STRS)})`],
      [3, () => `(${this.percentE(d - 1)})`],
    ]);
  }

  percentE(d: number): string {
    return this.choose([
      [2, () => `'%d items' % ${this.numE(d)}`],
      [2, () => `'%.${this.int(0, 4)}f' % ${this.numE(d)}`],
      [2, () => `'%s=%r' % (${this.strE(d)}, ${this.anyE(d, false)})`],
      [2, () => `'%5.1f|%-4d|%x' % (${this.floatE(d)}, ${this.intE(d)}, ${this.intE(d)})`],
      [2, () => `'%${this.pick(['', '.3', '.1', '#', '10.2'])}${this.pick(['g', 'e', 'G', 'E'])}' % ${this.numE(d)}`],
      [1, () => `'%(a)s and %(b)05.1f' % ${this.dictE(d)}`],
      [1, () => `'%s %s' % ${this.tupleE(d)}`],
      [1, () => `'%c%c' % (${this.int(60, 125)}, ${this.pick(["'z'", '10', "'ab'", '2.5'])})`],
      [1, () => `'%+d|% d|%03i' % (${this.intE(d)}, ${this.intE(d)}, ${this.intE(d)})`],
      [1, () => `${this.pick(["'100%'", "'%y'", "'%s%%'", "'%.*f'"])} % ${this.pick(['()', '(2, 3.14159)', '5', "('a',)"])}`],
    ]);
  }

  listStrE(d: number): string {
    if (d <= 0) return this.pick(["['a', 'b']", "[]", "['x', 'yy', '']", `${this.pick(STR_LITERALS)}.split(',')`]);
    const s = () => this.strE(d - 1);
    return this.choose([
      [3, () => `${s()}.split(${this.pick(["','", "' '", "'a'", "'na'"])})`],
      [3, () => `${s()}.split()`],
      [2, () => `${s()}.split(',', ${this.int(-1, 2)})`],
      [2, () => `${s()}.rsplit(${this.pick(["','", 'None'])}, ${this.int(-1, 2)})`],
      [2, () => `[${s()}, ${s()}]`],
      [2, () => `sorted(${this.listStrE(d - 1)}${this.chance(0.4) ? ', key=len' : ''}${this.chance(0.3) ? ', reverse=True' : ''})`],
      [2, () => `[c for c in ${s()}${this.chance(0.5) ? " if c != 'a'" : ''}]`],
      [2, () => `[w.upper() for w in ${this.listStrE(d - 1)}]`],
      [1, () => `list(${s()})`],
      [1, () => `${s()}.splitlines()`],
      [1, () => `sorted(set(${this.listStrE(d - 1)}))`],
      [1, () => `${this.listStrE(d - 1)}[${this.sliceText()}]`],
      [1, () => `[str(x) for x in ${this.listIntE(d - 1)}]`],
    ]);
  }

  // ---- bool --------------------------------------------------------------------------------------------------------

  boolE(d: number): string {
    if (d <= 0) return this.pick(['True', 'False', `(${this.intLit()} < ${this.intLit()})`]);
    const i = () => this.intE(d - 1);
    return this.choose([
      [3, () => `(${i()} ${this.pick(['<', '<=', '>', '>=', '==', '!='])} ${i()})`],
      [2, () => `(${i()} < ${i()} <= ${i()})`],
      [2, () => `(${this.anyE(d - 1, true)} ${this.pick(['==', '!='])} ${this.anyE(d - 1, true)})`],
      [3, () => `(${this.pick(SHORT_STRS)} in ${this.strE(d - 1)})`],
      [2, () => `(${i()} ${this.pick(['in', 'not in'])} ${this.listIntE(d - 1)})`],
      [2, () => `(${i()} ${this.pick(['in', 'not in'])} ${this.setE(d - 1)})`],
      [2, () => `(${this.keyE()} in ${this.dictE(d - 1)})`],
      [1, () => `(${this.anyE(d - 1, true)} ${this.pick(['is None', 'is not None'])})`],
      [2, () => `(${this.boolE(d - 1)} ${this.pick(['and', 'or'])} ${this.boolE(d - 1)})`],
      [2, () => `(not ${this.anyE(d - 1, true)})`],
      [2, () => `${this.strE(d - 1)}.${this.pick(['startswith', 'endswith'])}(${this.chance(0.3) ? `(${this.pick(SHORT_STRS)}, ${this.pick(SHORT_STRS)})` : this.pick(SHORT_STRS)})`],
      [1, () => `${this.strE(d - 1)}.${this.pick(['isdigit', 'isalpha', 'isspace', 'islower', 'isupper', 'isalnum'])}()`],
      [1, () => `isinstance(${this.anyE(d - 1, true)}, ${this.pick(['int', 'float', 'str', '(int, float)', 'list', 'tuple', 'dict', 'bool'])})`],
      [1, () => `${this.pick(['any', 'all'])}(x > ${this.smallInt()} for x in ${this.listIntE(d - 1)})`],
      [1, () => `bool(${this.anyE(d - 1, true)})`],
      [1, () => `(${this.listIntE(d - 1)} ${this.pick(['<', '>=', '=='])} ${this.listIntE(d - 1)})`],
      [1, () => `(${this.tupleE(d - 1)} ${this.pick(['<', '==', '>'])} ${this.tupleE(d - 1)})`],
      [1, () => `(${this.strE(d - 1)} ${this.pick(['<', '>='])} ${this.strE(d - 1)})`],
      [1, () => `(${this.strE(d - 1)} < ${i()})`],
      [1, () => `(${this.setE(d - 1)} ${this.pick(['<', '<=', '==', '>='])} ${this.setE(d - 1)})`],
      [1, () => `(${this.floatE(d - 1)} ${this.pick(['<', '==', '>='])} ${this.numE(d - 1)})`],
    ]);
  }

  // ---- containers --------------------------------------------------------------------------------------------------

  listIntE(d: number): string {
    const literal = () => `[${Array.from({ length: this.int(0, 5) }, () => this.intLit()).join(', ')}]`;
    if (d <= 0) return literal();
    const l = () => this.listIntE(d - 1);
    return this.choose([
      [4, literal],
      [2, () => `list(range(${this.lit(this.int(-3, 5))}, ${this.lit(this.int(-3, 12))}${this.chance(0.4) ? ', ' + this.lit(this.pick([-2, -1, 1, 2, 3, 0])) : ''}))`],
      [3, () => `[x ${this.pick(['+', '*', '-', '%', '//'])} ${this.int(1, 4)} for x in ${l()}${this.chance(0.5) ? ` if x ${this.pick(['>', '<', '!='])} ${this.smallInt()}` : ''}]`],
      [2, () => `sorted(${l()}${this.chance(0.5) ? ', reverse=True' : ''})`],
      [1, () => `sorted(${l()}, key=lambda v: ${this.pick(['-v', 'abs(v)', 'v % 3', '(v % 2, -v)', 'str(v)'])})`],
      [2, () => `${l()}[${this.sliceText()}]`],
      [2, () => `(${l()} + ${l()})`],
      [1, () => `(${l()} * ${this.int(-1, 2)})`],
      [1, () => `list(map(lambda v: v * ${this.smallInt()}, ${l()}))`],
      [1, () => `list(filter(lambda v: v % 2, ${l()}))`],
      [1, () => `[len(w) for w in ${this.strE(d - 1)}.split()]`],
      [1, () => `list(reversed(${l()}))`],
      [1, () => `[i * j for i in range(${this.int(0, 4)}) for j in range(i)]`],
      [1, () => `(lambda l: (l.append(${this.intE(d - 1)}), l)[1])(${l()})`],
      [1, () => `(lambda l: (l.sort(reverse=${this.pick(['True', 'False'])}), l)[1])(${l()})`],
      [1, () => `(lambda l: (l.pop(${this.chance(0.5) ? '' : this.int(-3, 3)}), l)[1])(${l()})`],
      [1, () => `(lambda l: (l.insert(${this.int(-3, 6)}, ${this.intLit()}), l)[1])(${l()})`],
      [1, () => `(lambda l: (l.extend(${l()}), l)[1])(${l()})`],
      [1, () => `(lambda l: (l.remove(${this.smallInt()}), l)[1])(${l()})`],
      [1, () => `(lambda l: (l.reverse(), l)[1])(${l()})`],
      [1, () => `(lambda l: [l.count(v) for v in l])(${l()})`],
      [1, () => `sorted({x % ${this.int(1, 5)} for x in ${l()}})`],
      [1, () => `[x for x, y in zip(${l()}, ${this.listStrE(d - 1)})]`],
      [1, () => `[i for i, v in enumerate(${l()}) if v > ${this.smallInt()}]`],
      [1, () => `sorted(${this.setE(d - 1)})`],
      [1, () => `list(${this.tupleE(d - 1)})`],
      [1, () => `(lambda l: l.copy() + [0])(${l()})`],
    ]);
  }

  tupleE(d: number, sets = false): string {
    if (d <= 0) return this.pick(['()', '(1,)', "(1, 'a')", '(2.0, None, True)', "(1, (2, 'x'))"]);
    return this.choose([
      [3, () => `(${this.anyE(d - 1, sets)}, ${this.anyE(d - 1, sets)})`],
      [1, () => `(${this.anyE(d - 1, sets)},)`],
      [2, () => `tuple(${this.listIntE(d - 1)})`],
      [2, () => `divmod(${this.numE(d - 1)}, ${this.numE(d - 1)})`],
      [1, () => `(${this.tupleE(d - 1, sets)} + ${this.tupleE(d - 1, sets)})`],
      [1, () => `${this.tupleE(d - 1)}[${this.sliceText()}]`],
      [1, () => `tuple(sorted(${this.dictE(d - 1)}.items()))`],
      [1, () => `${this.strE(d - 1)}.rpartition(',')`],
      [1, () => `(${this.tupleE(d - 1)} * ${this.int(0, 2)})`],
      [1, () => `tuple(x for x in ${this.listIntE(d - 1)} if x)`],
    ]);
  }

  keyE(): string {
    return this.pick(["'a'", "'b'", "'zz'", '1', '2', '(1, 2)', '2.0', 'True']);
  }

  dictE(d: number): string {
    const value = () => this.intE(Math.max(0, d - 2));
    const literal = () => {
      const keys = Array.from({ length: this.int(0, 3) }, () => this.keyE());
      return `{${keys.map((k) => `${k}: ${value()}`).join(', ')}}`;
    };
    if (d <= 0) return literal();
    return this.choose([
      [4, literal],
      [2, () => `{w: len(w) for w in ${this.listStrE(d - 1)}}`],
      [2, () => `dict(zip(${this.listStrE(d - 1)}, ${this.listIntE(d - 1)}))`],
      [1, () => `dict(a=${value()}, b=${value()})`],
      [1, () => `(lambda d: (d.update({${this.keyE()}: ${value()}}), d)[1])(${this.dictE(d - 1)})`],
      [1, () => `(lambda d: (d.setdefault(${this.keyE()}, ${value()}), d)[1])(${this.dictE(d - 1)})`],
      [1, () => `(lambda d: (d.pop(${this.keyE()}), d)[1])(${this.dictE(d - 1)})`],
      [1, () => `{k: v for k, v in ${this.dictE(d - 1)}.items() if v ${this.pick(['>', '<'])} ${this.smallInt()}}`],
      [1, () => `dict([(1, 2), ('x', 3)])`],
      [1, () => `(lambda d: (d.clear(), d)[1])({'a': 1})`],
    ]);
  }

  setE(d: number): string {
    const literal = () => {
      const n = this.int(0, 4);
      return n === 0 ? 'set()' : `{${Array.from({ length: n }, () => this.smallInt()).join(', ')}}`;
    };
    if (d <= 0) return literal();
    return this.choose([
      [3, literal],
      [2, () => `set(${this.listIntE(d - 1)})`],
      [2, () => `{x % ${this.int(1, 5)} for x in ${this.listIntE(d - 1)}}`],
      [3, () => `(${this.setE(d - 1)} ${this.pick(['|', '&', '-', '^'])} ${this.setE(d - 1)})`],
      [1, () => `frozenset(${this.listIntE(d - 1)})`],
      [1, () => `${this.setE(d - 1)}.union(${this.listIntE(d - 1)})`],
      [1, () => `(lambda s: (s.add(${this.smallInt()}), s)[1])(${this.setE(d - 1)})`],
      [1, () => `(lambda s: (s.discard(${this.smallInt()}), s)[1])(${this.setE(d - 1)})`],
    ]);
  }

  jsonableE(d: number): string {
    return this.choose([
      [2, () => this.intE(d)],
      [1, () => this.pick(FLOAT_LITERALS)],
      [2, () => this.strE(d)],
      [2, () => this.listIntE(d)],
      [1, () => `{'k': ${this.listStrE(d)}, 'n': None, 'b': True}`],
      [1, () => `{1: 'one', 2.5: [1.0]}`],
      [1, () => `json.loads(${this.pick(JSON_TEXTS)})`],
    ]);
  }

  /** Any value; `sets` allows set-valued results (never inside str/repr, where order would show). */
  anyE(d: number, sets: boolean): string {
    const options: [number, () => string][] = [
      [4, () => this.intE(d)],
      [3, () => this.floatE(d)],
      [4, () => this.strE(d)],
      [2, () => this.boolE(d)],
      [1, () => 'None'],
      [3, () => this.listIntE(d)],
      [2, () => this.listStrE(d)],
      [2, () => this.tupleE(d, sets)],
      [2, () => this.dictE(d)],
      [1, () => `(${this.anyE(d - 1, sets)} ${this.pick(['and', 'or'])} ${this.anyE(d - 1, sets)})`],
      [1, () => `json.loads(${this.pick(JSON_TEXTS)})`],
    ];
    if (sets) options.push([2, () => this.setE(d)]);
    return this.choose(options);
  }

  // ---- programs ----------------------------------------------------------------------------------------------------

  /** A random def over ints `a`, `b`, `k`, a list `xs`, a str `s`, a dict `d` and an output list `out`. */
  program(): DiffCase {
    const lines = [
      'def f(xs, s, k=3):',
      '    a = 0',
      '    b = 1',
      '    d = {}',
      '    out = []',
      ...this.block(3, 4, []).map((l) => '    ' + l),
      '    return (a, b, sorted(d.items()), out)',
    ];
    const helper = ['def g(y, z=2):', '    if y > z:', '        return y - z', '    return [y, z]', ''];
    const args = `${this.listIntE(1)}, ${this.pick(STR_LITERALS)}${this.chance(0.5) ? ', ' + this.smallInt() : ''}`;
    return { functions: ['import json', ...helper, ...lines].join('\n'), expr: `f(${args})` };
  }

  /**
   * A random generator def: `program`'s statements with `yield`s among them (inside loops, branches, try/finally),
   * consumed by list(), sum(), a comprehension, `in` followed by list() (which resumes it), or another generator.
   */
  generatorProgram(): DiffCase {
    const consumer = this.pick(['list', 'sum', 'comp', 'in', 'chain'] as const);
    this.yields = consumer === 'sum' ? 'int' : 'any';
    const lines = [
      'def f(xs, s, k=3):',
      '    a = 0',
      '    b = 1',
      '    d = {}',
      '    out = []',
      ...this.block(3, 4, []).map((l) => '    ' + l),
      `    yield ${consumer === 'sum' ? 'a + b' : this.pick(['(a, b, sorted(d.items()), out)', 'b', 'len(out)'])}`,
    ];
    this.yields = null;
    const helper = ['def g(y, z=2):', '    if y > z:', '        return y - z', '    return [y, z]', ''];
    const twice = ['def twice(it):', '    for v in it:', '        yield v', '        if v is None:', '            return', '        yield v', ''];
    const call = `f(${this.listIntE(1)}, ${this.pick(STR_LITERALS)}${this.chance(0.5) ? ', ' + this.smallInt() : ''})`;
    const expr = {
      list: `list(${call})`,
      sum: `sum(${call})`,
      comp: `[v for v in ${call} if v is not None][::${this.int(1, 2)}]`,
      in: `(lambda it: (${this.smallInt()} in it, list(it)))(${call})`,
      chain: `list(twice(${call}))`,
    }[consumer];
    return { functions: ['import json', ...helper, ...twice, ...lines].join('\n'), expr };
  }

  private varInt(vars: string[]): string {
    return this.pick(['a', 'b', 'k', 'len(xs)', 'len(s)', 'len(out)', ...vars, this.smallInt()]);
  }

  private progInt(vars: string[], depth = 2): string {
    if (depth <= 0) return this.varInt(vars);
    const e = () => this.progInt(vars, depth - 1);
    return this.choose([
      [4, () => this.varInt(vars)],
      [2, () => `(${e()} + ${e()})`],
      [2, () => `(${e()} - ${e()})`],
      [2, () => `(${e()} * ${this.smallInt()})`],
      [1, () => `(${e()} // ${e()})`],
      [1, () => `(${e()} % ${this.int(1, 7)})`],
      [1, () => `xs[${e()}]`],
      [1, () => `d.get(${this.progKey(vars)}, 0)`],
      [1, () => `int(${this.pick(["'12'", "'x'", 's[:1]'])})`],
      [1, () => `(${e()} if ${this.progCond(vars)} else ${e()})`],
      [1, () => `sum(v for v in xs if v > ${e()})`],
    ]);
  }

  private progKey(vars: string[]): string {
    return this.pick(["'a'", "'b'", 's[:2]', "str(a % 3)", ...(vars.includes('x') ? ['str(x)'] : [])]);
  }

  private progCond(vars: string[]): string {
    return this.choose([
      [3, () => `${this.progInt(vars, 1)} ${this.pick(['<', '>', '==', '!=', '<=', '>='])} ${this.progInt(vars, 1)}`],
      [1, () => `${this.pick(SHORT_STRS)} in s`],
      [1, () => `${this.progKey(vars)} in d`],
      [1, () => `${this.progInt(vars, 0)} in xs`],
      [1, () => `not out`],
      [1, () => `${this.progInt(vars, 0)} % 2 == 0 and ${this.progInt(vars, 0)} > 0`],
      [1, () => `a < b < k or len(out) > 3`],
    ]);
  }

  private block(depth: number, count: number, vars: string[], inLoop = false): string[] {
    const out: string[] = [];
    const n = this.int(count, count + 2);
    for (let i = 0; i < n; i++) out.push(...this.statement(depth, vars, inLoop));
    return out;
  }

  private statement(depth: number, vars: string[], inLoop: boolean): string[] {
    const sub = (v: string[], loop: boolean) => this.block(depth - 1, 1, v, loop).map((l) => '    ' + l);
    const simple: [number, () => string[]][] = [
      [4, () => [`a = ${this.progInt(vars)} % 1009`]],
      [3, () => [`b ${this.pick(['+=', '-='])} ${this.progInt(vars)}`]],
      [1, () => [`b = (b * ${this.smallInt()}) % 10007`]],
      [3, () => [`d[${this.progKey(vars)}] = d.get(${this.progKey(vars)}, 0) + ${this.progInt(vars, 1)}`]],
      [3, () => [`out.append(${this.pick([this.progInt(vars), 's[a % 3:]', '(a, b)', 'str(b)', `${this.progInt(vars, 0)} / ${this.progInt(vars, 0)}`])})`]],
      [1, () => ['a, b = b, a']],
      [1, () => [`xs[${this.progInt(vars, 0)}] = ${this.progInt(vars, 0)}`]],
      [1, () => [`if out:`, `    del out[${this.int(-1, 0)}]`]],
      [1, () => ['pass']],
      [1, () => [`s = (s ${this.pick(["+ 'x'", '* 2'])})[:12]`]],
      [1, () => [`out.append(g(${this.progInt(vars)}))`]],
      [1, () => [`out.append(g(z=${this.progInt(vars, 0)}, y=${this.progInt(vars, 1)}))`]],
    ];
    if (this.yields) {
      simple.push([4, () => [`yield ${this.progInt(vars)}`]]);
      if (this.yields === 'any') {
        simple.push([1, () => ['yield']]);
        simple.push([1, () => [`yield ${this.pick(['a, len(out)', 's[:3]', 'list(d)', 'str(b)'])}`]]);
      }
    }
    if (inLoop) {
      simple.push([1, () => [`if ${this.progCond(vars)}:`, '    break']]);
      simple.push([1, () => [`if ${this.progCond(vars)}:`, '    continue']]);
    }
    if (depth <= 0) return this.choose(simple.map(([w, f]) => [w, () => f().join('\n')] as const)).split('\n');
    const compound: [number, () => string[]][] = [
      [3, () => {
        const lines = [`if ${this.progCond(vars)}:`, ...sub(vars, inLoop)];
        if (this.chance(0.4)) lines.push(`elif ${this.progCond(vars)}:`, ...sub(vars, inLoop));
        if (this.chance(0.5)) lines.push('else:', ...sub(vars, inLoop));
        return lines;
      }],
      [2, () => ['for x in xs:', ...sub([...vars, 'x'], true)]],
      [2, () => [`for i in range(${this.pick(['3', 'k', 'len(xs)', '1, 6, 2', '5, 0, -1'])}):`, ...sub([...vars, 'i'], true)]],
      [1, () => ['for i, x in enumerate(xs):', ...sub([...vars, 'i', 'x'], true)]],
      [1, () => ['for key, val in sorted(d.items()):', `    out.append(key)`, ...sub([...vars, 'val'], true)]],
      [1, () => ['for ch in s:', `    d[ch] = d.get(ch, 0) + 1`]],
      [1, () => ['for key, val in d.items():', `    out.append((key, val * ${this.smallInt()}))`, ...(this.chance(0.2) ? ["    d['new'] = 1"] : [])]],
      [1, () => ['try:', ...sub(vars, inLoop), `    raise ${this.pick(['ValueError', 'KeyError', 'IndexError'])}('bad ' + str(a))`, 'except LookupError as e:', '    out.append(repr(e))', 'finally:', '    b += 1']],
      [1, () => [`h = lambda t, u=${this.smallInt()}: t * u + a`, `out.append(h(${this.progInt(vars, 1)}))`]],
      [1, () => [`if ${this.progKey(vars)} in d:`, `    del d[${this.progKey(vars)}]`]],
      [1, () => [`d[${this.progKey(vars)}] += ${this.progInt(vars, 1)}`]],
      [1, () => [`out.append((sorted(d.keys()), sum(d.values()), list(d)))`]],
      [1, () => [`assert ${this.progCond(vars)}, 'check failed'`]],
      [1, () => {
        // Each while loop gets its own counter, so that nested loops cannot reset each other's.
        const w = `w${this.loops++}`;
        return [`${w} = 0`, `while ${w} < 4:`, `    ${w} += 1`, ...sub([...vars, w], true)];
      }],
      [2, () => [
        'try:',
        ...sub(vars, inLoop),
        `except (${this.pick(['ValueError, IndexError', 'ZeroDivisionError', 'KeyError, TypeError', 'Exception', 'LookupError'])}) as e:`,
        '    out.append(str(e))',
        ...(this.chance(0.3) ? ['else:', '    out.append(-1)'] : []),
      ]],
      [1, () => ['for x in xs:', '    if x > k:', '        break', 'else:', '    out.append("no break")']],
      [1, () => [`if ${this.progCond(vars)}:`, `    return ${this.progInt(vars)}`]],
      [1, () => ['out.extend(v * 2 for v in xs[:3])']],
    ];
    return this.choose([...simple, ...compound].map(([w, f]) => [w, () => f().join('\n')] as const)).split('\n');
  }
}

/** `count` cases: mostly expressions of every type, with a share of random programs. */
export function generateCases(seed: number, count: number): DiffCase[] {
  const g = new Grammar(seed);
  const cases: DiffCase[] = [];
  const kinds = [
    () => g.intE(3),
    () => g.floatE(3),
    () => g.strE(3),
    () => g.boolE(3),
    () => g.listIntE(3),
    () => g.listStrE(3),
    () => g.tupleE(2, true),
    () => g.dictE(3),
    () => g.setE(3),
    () => g.anyE(3, true),
    () => `json.loads(${g.pick(JSON_TEXTS)})`,
  ];
  for (let i = 0; i < count; i++) {
    if (i % 6 === 5) cases.push(g.program());
    else cases.push({ functions: '', expr: kinds[i % kinds.length]() });
  }
  // Generator defs come from a grammar of their own, so that adding them left the cases above as they were.
  const gens = new Grammar(seed ^ 0x5f3759df);
  for (let i = 0; i < Math.ceil(count / 24); i++) cases.push(gens.generatorProgram());
  return cases;
}
