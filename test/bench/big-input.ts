/**
 * The larger-than-memory workspace: a temp folder holding copies of a folder of pipelines (pipelines-ltm for the
 * Bag, pipelines-ltm-df for the DataFrame) and, in data/, a plain text file of N copies of the decompressed KDD Cup
 * 10% file (~75 MB each; a headerless CSV, so the Bag reads it as text and the DataFrame as CSV), so that no
 * pipeline can read it whole into a 256 MB budget. It is never inside the repository, and it is removed on dispose, on an error that reaches the
 * caller's `finally`, and on Ctrl-C (a forgotten 750 MB file in /tmp is worse than a forgotten symlink).
 */
import fs from 'node:fs';
import { removableTempDir } from './workspace.js';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { KDD_FILE, REPO_ROOT } from '../support/environment.js';

/** Where the Bag's larger-than-memory pipelines live in the source tree; they read `data/kddcup-big.txt`. */
export const LTM_PIPELINES_DIR = path.join(REPO_ROOT, 'test/bench/pipelines-ltm');
/** Where the DataFrame's live; they read `data/kddcup-big.csv` (the same bytes). */
export const LTM_DF_PIPELINES_DIR = path.join(REPO_ROOT, 'test/bench/pipelines-ltm-df');

/** The data file each pipeline folder's pipelines read. */
const DATA_NAMES = new Map([
  [LTM_PIPELINES_DIR, 'kddcup-big.txt'],
  [LTM_DF_PIPELINES_DIR, 'kddcup-big.csv'],
]);

export interface BigInputWorkspace {
  dir: string;
  dataFile: string;
  bytes: number;
  dispose: () => void;
}

/** The block size of the larger-than-memory pipelines (`"blocksize": "16MB"`, which Dask reads as 16 * 10^6). */
export const LTM_BLOCK_BYTES = 16e6;

/**
 * A fresh workspace whose data file holds `copies` copies of the KDD Cup 10% file, or, with `bytes`, only the whole
 * lines of the first that many bytes of one copy (an input of a chosen number of blocks). `pipelinesDir` picks the
 * pipelines (the Bag's by default).
 */
export function makeBigInputWorkspace(copies: number, options: { bytes?: number; pipelinesDir?: string } = {}): BigInputWorkspace {
  const pipelinesDir = options.pipelinesDir ?? LTM_PIPELINES_DIR;
  const dataName = DATA_NAMES.get(pipelinesDir);
  if (dataName === undefined) throw new Error(`no larger-than-memory data file is known for ${pipelinesDir}`);
  const { dir, dispose } = removableTempDir('weft-bench-ltm-');
  try {
    for (const f of fs.readdirSync(pipelinesDir)) {
      if (f.endsWith('.weft.json')) fs.copyFileSync(path.join(pipelinesDir, f), path.join(dir, f));
    }
    fs.mkdirSync(path.join(dir, 'data'));
    const dataFile = path.join(dir, 'data', dataName);
    // One decompression, written N times: the same bytes as gunzipping N times, in a fraction of the time.
    let text = zlib.gunzipSync(fs.readFileSync(KDD_FILE));
    if (options.bytes !== undefined) text = text.subarray(0, text.lastIndexOf(10, options.bytes - 1) + 1);
    const fd = fs.openSync(dataFile, 'w');
    try {
      for (let i = 0; i < copies; i++) fs.writeSync(fd, text);
    } finally {
      fs.closeSync(fd);
    }
    return { dir, dataFile, bytes: text.byteLength * copies, dispose };
  } catch (e) {
    dispose();
    throw e;
  }
}
