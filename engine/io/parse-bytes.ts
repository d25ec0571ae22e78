/** Byte sizes the way Dask's `parse_bytes` reads them: `'64MB'` is 64e6, `'64MiB'` is 64 * 2**20, `'1e6'` works. */
const UNITS: Record<string, number> = (() => {
  const base: Record<string, number> = { kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, pb: 1e15, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40, pib: 2 ** 50, b: 1, '': 1 };
  const units = { ...base };
  for (const [k, v] of Object.entries(base)) {
    if (k && !k.includes('i')) units[k[0]] = v;
    if (k && k.includes('i')) units[k.slice(0, -1)] = v;
  }
  return units;
})();

/** Parses `'64MB'`, `'1.5 GiB'`, `1000`; throws a plain Error naming the text on anything else. */
export function parseBytes(text: string | number): number {
  if (typeof text === 'number') return Math.trunc(text);
  // Callers outside validation (the CLI, the API) may hand over anything a JSON file holds.
  if (typeof text !== 'string') throw new Error(`could not interpret ${JSON.stringify(text) ?? String(text)} as a byte size (use e.g. 64MB, 128MiB, 1GB)`);
  let s = text.replace(/ /g, '');
  if (!/\d/.test(s)) s = '1' + s;
  const match = /^([0-9.eE+-]*?)([a-zA-Z]*)$/.exec(s);
  const n = match ? Number(match[1]) : NaN;
  const unit = match ? UNITS[match[2].toLowerCase()] : undefined;
  if (!match || match[1] === '' || Number.isNaN(n) || unit === undefined) {
    throw new Error(`could not interpret '${text}' as a byte size (use e.g. 64MB, 128MiB, 1GB)`);
  }
  return Math.trunc(n * unit);
}
