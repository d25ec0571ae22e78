/**
 * Defined by build/bundle.mjs in the CLI's bundle only: code running from it starts its threads on their bundles too
 * (one file each to read and compile instead of some 260 modules: the worker's load went from 260-270 ms to
 * 65-100 ms, which a cold `weft run` waits for).
 */
declare const WEFT_BUNDLED: boolean | undefined;

/**
 * The module a thread loads, `name` beside its caller: its bundle (a CommonJS script, loaded with its code cache:
 * bundle-loader.cts) when running from the CLI's bundle.
 */
export function threadModule(name: string): string {
  return typeof WEFT_BUNDLED === 'boolean' && WEFT_BUNDLED ? `./${name}.bundle.cjs` : `./${name}.js`;
}
