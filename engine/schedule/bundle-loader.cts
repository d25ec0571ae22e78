/**
 * Loads a CommonJS bundle (build/bundle.mjs makes them: the `weft` command and the worker thread's module) through a
 * V8 code cache kept beside it, `<bundle>.cache`, so that a cold process deserializes the compiled code instead of
 * parsing and compiling close to a megabyte of JavaScript on its critical path (the command's bundle: 31 ms to
 * compile without the cache, 10 with it; each worker thread saves as much before it can take its first task).
 *
 * Policy: the cache is an optimization only. It is made at build time (`makeCodeCache`) after the bundle's top level
 * has run, so it also holds the functions compiled while loading. V8 checks it against the source, its own version
 * and its flags, and rejects a stale or foreign one; a missing, unreadable or rejected cache means the bundle is
 * compiled as usual, never an error.
 */
import fs = require('node:fs');
import path = require('node:path');
import vm = require('node:vm');
import Module = require('node:module');

/** The cache file of a bundle. */
function cacheFileOf(bundle: string): string {
  return `${bundle}.cache`;
}

/** The bundle's exports, after running it as Node would run a CommonJS module. */
function run(bundle: string, cachedData: Buffer | undefined): { exports: unknown; script: vm.Script } {
  const source = fs.readFileSync(bundle, 'utf8');
  const script = new vm.Script(Module.wrap(source), {
    filename: bundle,
    cachedData,
    // The bundle's own dynamic import()s (of packages left outside it) resolve as a module's would.
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeRequire, module: { exports: unknown }, filename: string, dirname: string) => void;
  const module = { exports: {} as unknown };
  wrapper.call(module.exports, module.exports, Module.createRequire(bundle), module, bundle, path.dirname(bundle));
  return { exports: module.exports, script };
}

function readCache(bundle: string): Buffer | undefined {
  try {
    return fs.readFileSync(cacheFileOf(bundle));
  } catch {
    return undefined;
  }
}

/** Runs `bundle` (an absolute path) with its code cache when it has a usable one; returns its exports. */
export function loadBundle(bundle: string): unknown {
  return run(bundle, readCache(bundle)).exports;
}

/** Runs `bundle` and writes the code V8 compiled for it, loading included, to its cache file. */
export function makeCodeCache(bundle: string): void {
  const { script } = run(bundle, undefined);
  fs.writeFileSync(cacheFileOf(bundle), script.createCachedData());
}
