#!/usr/bin/env node
// The installed `weft` command: runs the compiled CLI (npm install builds it through the `prepare` script).
import { main } from '../dist/cli/weft.js';

process.exitCode = await main(process.argv.slice(2));
