#!/usr/bin/env node
// The installed `weft` command: runs the compiled CLI (npm install builds it through the `prepare` script), from its
// bundles when they were made after the last compile (build/bundle.mjs says why that starts faster), else from the
// compiled modules, so that a `tsc -b` alone never leaves the command running older code. A `weft run` starts its
// worker threads first, so that they boot while the rest loads (cli/early-pool.ts).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const argv = process.argv.slice(2);
const dist = new URL('../dist/', import.meta.url);
const modified = (name) => fs.statSync(new URL(name, dist), { throwIfNoEntry: false })?.mtimeMs ?? -Infinity;
const bundled = modified('cli/bundle/weft.cjs') >= modified('tsconfig.tsbuildinfo');
const loadBundle = (name) => createRequire(import.meta.url)('../dist/engine/schedule/bundle-loader.cjs').loadBundle(fileURLToPath(new URL(`cli/bundle/${name}.cjs`, dist)));
const { startEarlyPool } = bundled ? loadBundle('early-pool') : await import('../dist/cli/early-pool.js');
const pool = startEarlyPool(argv);
const { main } = bundled ? loadBundle('weft') : await import('../dist/cli/weft.js');

process.exitCode = await main(argv, { pool });
