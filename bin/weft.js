#!/usr/bin/env node
// The installed `weft` command: runs the compiled CLI (npm install builds it through the `prepare` script), from its
// bundle when that was made after the last compile (build/bundle.mjs says why it starts faster), else from the
// compiled modules, so that a `tsc -b` alone never leaves the command running older code.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const dist = new URL('../dist/', import.meta.url);
const modified = (name) => fs.statSync(new URL(name, dist), { throwIfNoEntry: false })?.mtimeMs ?? -Infinity;
const bundle = 'cli/bundle/weft.cjs';
const { main } =
  modified(bundle) >= modified('tsconfig.tsbuildinfo')
    ? createRequire(import.meta.url)('../dist/engine/schedule/bundle-loader.cjs').loadBundle(fileURLToPath(new URL(bundle, dist)))
    : await import('../dist/cli/weft.js');

process.exitCode = await main(process.argv.slice(2));
