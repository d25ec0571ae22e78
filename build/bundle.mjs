// Bundles what tsc cannot ship as is: the renderer (React, @xyflow/react, elkjs and its CSS, as one script and one
// stylesheet a strict Content-Security-Policy allows) and Electron's preload (a sandboxed preload cannot import
// files, so it must be one CommonJS file). Runs after `tsc -b`, which has already type-checked both.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
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
