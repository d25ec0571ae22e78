#!/usr/bin/env node
// The installed `weft` command: runs the compiled CLI (npm install builds it through the `prepare` script), from its
// bundle when that was made after the last compile (build/bundle.mjs says why it starts faster), else from the
// compiled modules, so that a `tsc -b` alone never leaves the command running older code.
import fs from 'node:fs';

const dist = new URL('../dist/', import.meta.url);
const modified = (name) => fs.statSync(new URL(name, dist), { throwIfNoEntry: false })?.mtimeMs ?? -Infinity;
const bundled = modified('cli/bundle/weft.js') >= modified('tsconfig.tsbuildinfo');
const { main } = await import(bundled ? '../dist/cli/bundle/weft.js' : '../dist/cli/weft.js');

process.exitCode = await main(process.argv.slice(2));
