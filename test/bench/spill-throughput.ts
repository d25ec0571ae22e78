/**
 * The spill store's raw throughput: 256 MB written as 16 MB partitions (the larger-than-memory pipelines' block
 * size) through the engine's SpillDatabase, one partition per write call (one transaction each, as a run spilling one partition at a time does), then read back and deleted, in
 * a temp folder. Random bytes, so nothing is helped by repetition. Every blob read back is checked against what was
 * written; the check is a memcmp, negligible next to SQLite.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { SpillDatabase } from '../../engine/store/spill-database.js';
import type { CellsRow, CellsTable } from './table.js';

const BLOB_BYTES = 16_000_000;
const BLOBS = 16;
const TARGET_MB_PER_S = 200;

export function runSpillThroughputSection(log: (line: string) => void): CellsTable {
  log('spill store: write and read back 256 MB');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-bench-spill-'));
  // A handful of distinct blobs reused under different keys keeps the bench's own memory small.
  const blobs = Array.from({ length: 2 }, () => crypto.randomBytes(BLOB_BYTES));
  const blobOf = (i: number) => blobs[i % blobs.length];
  const db = new SpillDatabase(dir);
  try {
    const write = timed(() => {
      for (let i = 0; i < BLOBS; i++) db.write([[`blob:${i}`, blobOf(i)]]);
    });
    const read = timed(() => {
      for (let i = 0; i < BLOBS; i++) {
        if (!Buffer.from(db.read(`blob:${i}`, BLOB_BYTES)).equals(blobOf(i))) throw new Error(`spill store: blob ${i} came back different`);
      }
    });
    const remove = timed(() => {
      for (let i = 0; i < BLOBS; i++) db.delete(`blob:${i}`);
    });
    const total = BLOBS * BLOB_BYTES;
    return {
      title: `Spill store throughput (${BLOBS} x ${BLOB_BYTES / 1e6} MB blobs through SpillDatabase)`,
      columns: [
        { header: 'MB', isNumeric: true },
        { header: 's', isNumeric: true },
        { header: 'MB/s', isNumeric: true },
      ],
      rows: [throughputRow('spill write', total, write), throughputRow('spill read', total, read)],
      notes: [`In ${os.tmpdir()}, before the larger-than-memory pipelines; one write() per blob (one transaction each); deleting them all took ${remove.toFixed(3)} s.`],
    };
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function throughputRow(name: string, bytes: number, seconds: number): CellsRow {
  const mbPerS = bytes / 1e6 / seconds;
  return {
    name,
    cells: [(bytes / 1e6).toFixed(0), seconds.toFixed(3), mbPerS.toFixed(0)],
    target: `> ${TARGET_MB_PER_S} MB/s`,
    ok: mbPerS > TARGET_MB_PER_S,
  };
}

function timed(fn: () => void): number {
  const start = performance.now();
  fn();
  return (performance.now() - start) / 1000;
}
