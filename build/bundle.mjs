// Bundles what tsc cannot ship as is: the renderer (React, @xyflow/react, elkjs and its CSS, as one script and one
// stylesheet a strict Content-Security-Policy allows), Electron's preload (a sandboxed preload cannot import
// files, so it must be one CommonJS file), and the CLI with the modules its threads load (see cliBundles below).
// Runs after `tsc -b`, which has already type-checked all of them.
import { build, transform } from 'esbuild';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The name a CLI bundle gives its own URL, which each bundled module's `import.meta.url` is made from (moduleUrlsKept). */
const BUNDLE_URL = '__weftBundleUrl';
const out = path.join(root, 'dist/renderer');
fs.mkdirSync(out, { recursive: true });

await build({
  // The layout engine is its own script, loaded on first use (renderer/layout/load-elk.ts).
  entryPoints: { app: path.join(root, 'renderer/main.tsx'), elk: path.join(root, 'renderer/layout/elk-global.ts') },
  outdir: out,
  bundle: true,
  // A classic script, not a module: Electron loads the page from file://, where module scripts meet CORS checks.
  format: 'iife',
  platform: 'browser',
  target: 'chrome120',
  minify: true,
  sourcemap: true,
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});
fs.copyFileSync(path.join(root, 'renderer/index.html'), path.join(out, 'index.html'));

await build({
  entryPoints: [path.join(root, 'electron/preload/preload.ts')],
  outfile: path.join(root, 'dist/electron/preload/preload.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  external: ['electron'],
  target: 'node20',
  logLevel: 'warning',
});

await cliBundles();

/**
 * The `weft` command and the modules its threads load, as CommonJS scripts beside the compiled code they are made of
 * (dist/cli/bundle/weft.cjs and early-pool.cjs, dist/engine/schedule/worker.bundle.cjs,
 * dist/engine/run/first-partition-probe-worker.bundle.cjs), all but the last with a V8 code cache each
 * (engine/schedule/bundle-loader.cts loads them through it).
 * A cold `weft run` otherwise spends most of its start-up resolving, opening and compiling some 330 modules on the main thread, then
 * 260 more on each worker thread before the first task runs (measured: the worker's modules 260-270 ms, its bundle
 * 65-100 ms). CommonJS because V8's code cache is open to scripts, not to ES modules, on Node 20; what the command
 * loads only for some commands (the app's server and ws, the download) is still in the bundle, compiled from the cache
 * but not run until imported. Packages stay outside (piscina starts threads from its own files; better-sqlite3 is
 * native). bin/weft.js uses the bundle only when it is newer than the last `tsc -b`, so a build without this step never runs
 * stale code. Not minified, so stack traces stay readable. Names are not kept (keepNames): it wraps every nested function in a
 * defineProperty call made each time the function is created, which cost a cold foldby 10% of its time, and nothing
 * reads a function's name (errors set theirs).
 */
async function cliBundles() {
  const bundles = [
    { entry: 'dist/cli/weft.js', outfile: 'dist/cli/bundle/weft.cjs', define: { WEFT_BUNDLED: 'true' }, cached: true },
    // What `weft run` loads first, to start its worker threads while the command's bundle loads (cli/early-pool.ts).
    { entry: 'dist/cli/early-pool.js', outfile: 'dist/cli/bundle/early-pool.cjs', define: { WEFT_BUNDLED: 'true' }, cached: true },
    // The threads it starts (engine/schedule/thread-module.ts), each beside the module it bundles.
    { entry: 'dist/engine/schedule/worker.js', outfile: 'dist/engine/schedule/worker.bundle.cjs', define: {}, cached: true },
    // Started rarely (a to_dataframe without meta), by new Worker(), which runs the file as is.
    { entry: 'dist/engine/run/first-partition-probe-worker.js', outfile: 'dist/engine/run/first-partition-probe-worker.bundle.cjs', define: {}, cached: false },
  ];
  fs.rmSync(path.join(root, 'dist/cli/bundle'), { recursive: true, force: true });
  for (const { entry, outfile, define, cached } of bundles) {
    const out = path.join(root, outfile);
    await build({
      entryPoints: [path.join(root, entry)],
      outfile: out,
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      // Pure-JS packages go in, so that the code cache covers them too; these stay out: piscina starts its threads from
      // its own files, better-sqlite3 is native, ws is for the app's server only.
      external: ['piscina', 'better-sqlite3', 'ws'],
      // Their ES module builds: jsonc-parser's UMD one requires its parts by computed names, which cannot be bundled.
      mainFields: ['module', 'main'],
      define,
      banner: { js: `const ${BUNDLE_URL} = require('node:url').pathToFileURL(__filename).href;` },
      plugins: [moduleUrlsKept(path.dirname(out))],
      logLevel: 'warning',
    });
    if (cached) makeCodeCache(out);
  }
}

/** Writes the bundle's code cache in a process of its own, as the bundle would run in a fresh `weft` process. */
function makeCodeCache(bundle) {
  const loader = path.join(root, 'dist/engine/schedule/bundle-loader.cjs');
  const result = spawnSync(process.execPath, ['-e', 'require(process.argv[1]).makeCodeCache(process.argv[2])', loader, bundle], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`making the code cache of ${bundle} failed (exit ${result.status})`);
}

/**
 * In a bundle every module's `import.meta.url` would be the bundle's, and the modules that find files beside
 * themselves (the worker entry, the samples, the renderer, the Python runner) would look in the wrong folder. This
 * gives each module the URL of its own compiled file instead, relative to the bundle's so the checkout can move.
 * esbuild's define replaces only code, not the same words inside strings (export-typescript writes them into the
 * program it exports).
 */
function moduleUrlsKept(bundleDir) {
  return {
    name: 'module-urls-kept',
    setup(build) {
      build.onLoad({ filter: /\.m?js$/ }, async (args) => {
        const source = await fs.promises.readFile(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return undefined;
        const own = path.relative(bundleDir, args.path).split(path.sep).join('/');
        const { code } = await transform(source, { define: { 'import.meta.url': '__moduleUrl' }, format: 'esm', loader: 'js' });
        return { contents: `const __moduleUrl = new URL(${JSON.stringify(own)}, ${BUNDLE_URL}).href;\n${code}`, loader: 'js', resolveDir: path.dirname(args.path) };
      });
    },
  };
}
