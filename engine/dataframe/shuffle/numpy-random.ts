/**
 * numpy's legacy `np.random.RandomState` (MT19937), as far as Dask's `partition_quantiles` draws from it: seeding
 * from an int (`mt19937_seed`) or an array of uint32 (`init_by_array`), `bytes()` (whole uint32 draws,
 * little-endian) and `rand()` (53-bit doubles from two draws). Same seed, same numbers as numpy.
 */

const N = 624;
const M = 397;

export class RandomState {
  private readonly key = new Uint32Array(N);
  private pos = N;

  /** `RandomState(seed)`: an int in [0, 2**32) or an array of uint32 words. */
  constructor(seed: number | Uint32Array) {
    if (typeof seed === 'number') this.seedInt(seed);
    else this.seedArray(seed);
  }

  private seedInt(seed: number): void {
    let s = seed >>> 0;
    for (let pos = 0; pos < N; pos++) {
      this.key[pos] = s;
      s = (Math.imul(1812433253, (s ^ (s >>> 30)) >>> 0) + pos + 1) >>> 0;
    }
    this.pos = N;
  }

  private seedArray(initKey: Uint32Array): void {
    const mt = this.key;
    this.seedInt(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, initKey.length); k; k--) {
      mt[i] = ((mt[i] ^ Math.imul((mt[i - 1] ^ (mt[i - 1] >>> 30)) >>> 0, 1664525)) + initKey[j] + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= initKey.length) j = 0;
    }
    for (let k = N - 1; k; k--) {
      mt[i] = ((mt[i] ^ Math.imul((mt[i - 1] ^ (mt[i - 1] >>> 30)) >>> 0, 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000;
    this.pos = N;
  }

  private generate(): void {
    const key = this.key;
    const twist = (y: number): number => (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    let i = 0;
    for (; i < N - M; i++) key[i] = key[i + M] ^ twist((key[i] & 0x80000000) | (key[i + 1] & 0x7fffffff));
    for (; i < N - 1; i++) key[i] = key[i + (M - N)] ^ twist((key[i] & 0x80000000) | (key[i + 1] & 0x7fffffff));
    key[N - 1] = key[M - 1] ^ twist((key[N - 1] & 0x80000000) | (key[0] & 0x7fffffff));
    this.pos = 0;
  }

  /** One tempered 32-bit draw. */
  nextUint32(): number {
    if (this.pos === N) this.generate();
    let y = this.key[this.pos++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** `rand(n)`: n doubles in [0, 1). */
  rand(n: number): Float64Array {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const a = this.nextUint32() >>> 5;
      const b = this.nextUint32() >>> 6;
      out[i] = (a * 67108864.0 + b) / 9007199254740992.0;
    }
    return out;
  }
}

/** Dask's `random_state_data(n, seed)`: n arrays of 624 uint32s from `RandomState(seed).bytes(...)`. */
export function randomStateData(n: number, seed: number): Uint32Array[] {
  const state = new RandomState(seed);
  return Array.from({ length: n }, () => Uint32Array.from({ length: N }, () => state.nextUint32()));
}
