/**
 * The benchmark's command line: `--repeat N` (timed runs per measurement, default 5), `--only NAME[,NAME]`, and
 * `--scale N` (copies of the KDD Cup 10% file the Bag and DataFrame larger-than-memory sections read, default 10,
 * ~75 MB each).
 */

export interface BenchOptions {
  repeat: number;
  scale: number;
  /** The selected names, in the order the caller listed as valid. */
  only: string[];
}

/** Thrown on a bad command line; the bench prints its message and the usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function usage(names: readonly string[]): string {
  return `usage: npm run bench -- [--repeat N] [--scale N] [--only NAME[,NAME...]]\n  names: ${names.join(', ')}`;
}

/** Parses `argv` (without node and the script); `names` are what `--only` may select, all selected by default. */
export function parseBenchOptions(argv: readonly string[], names: readonly string[]): BenchOptions {
  let repeat = 5;
  let scale = 10;
  let only = [...names];
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--repeat') {
      repeat = Number(value());
      if (!Number.isInteger(repeat) || repeat < 1) throw new UsageError(`--repeat must be a positive integer`);
    } else if (flag === '--scale') {
      scale = Number(value());
      if (!Number.isInteger(scale) || scale < 1) throw new UsageError(`--scale must be a positive integer`);
    } else if (flag === '--only') {
      const wanted = value().split(',').map((s) => s.trim()).filter(Boolean);
      const unknown = wanted.filter((w) => !names.includes(w));
      if (unknown.length) throw new UsageError(`unknown name(s) for --only: ${unknown.join(', ')}`);
      only = names.filter((n) => wanted.includes(n));
    } else {
      throw new UsageError(`unknown argument: ${argv[i]}`);
    }
  }
  return { repeat, scale, only };
}
