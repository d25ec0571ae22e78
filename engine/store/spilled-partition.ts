/**
 * A spilled result that a task reads from the spill database itself, in its worker thread, instead of the main
 * thread reading it back whole and sending it (result-store.ts hands out a {@link SpilledInput} for the inputs a
 * task reads in place: see SourceKernel.readsSpilled). A groupby's gather reads a bucket to find its groups, keeps
 * the large groups' items where they are, and reads those ranges again only when they are iterated: so no thread
 * holds the whole of a partition whose group is larger than memory.
 *
 * Policy: one read-only connection per thread, opened by the first read of a batch of tasks and closed after the
 * batch. SQLite in WAL mode lets readers read while the main thread writes; a row is deleted only once the task that
 * reads it has finished (the scheduler releases it then). A failed read is a WeftError naming the file, as the main
 * thread's reads are.
 */
import { createRequire } from 'node:module';
import type Database from 'better-sqlite3';
import { WeftError } from '../errors.js';
import { PIECE_BYTES } from './spill-database.js';
import type { GarbageBudget } from './garbage-budget.js';

const require = createRequire(import.meta.url);

/** Where a spilled result is: what crosses to a worker instead of its bytes. */
export interface SpilledInput {
  kind: 'spilled';
  file: string;
  key: string;
  byteLength: number;
}

export function isSpilledInput(value: unknown): value is SpilledInput {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'spilled';
}

interface Reader {
  file: string;
  db: Database.Database;
  select: Database.Statement<[string, number, number], { piece: number; data: Buffer }>;
}

let reader: Reader | null = null;

/**
 * The thread's garbage budget (garbage-budget.ts): a read's buffer is dead once its items are decoded, and a task
 * that reads a large group range by range would otherwise pile up dead buffers until V8 collects on its own.
 */
let readGarbage: GarbageBudget | null = null;

/** Counts what this thread reads in place against `budget` (the worker's, under a memory limit). */
export function setReadGarbageBudget(budget: GarbageBudget): void {
  readGarbage = budget;
}

function readerFor(file: string): Reader {
  if (reader?.file === file) return reader;
  closeSpillReader();
  try {
    const Sqlite = require('better-sqlite3') as typeof Database;
    const db = new Sqlite(file, { readonly: true, fileMustExist: true });
    const select = db.prepare('SELECT piece, data FROM spill WHERE key = ? AND piece BETWEEN ? AND ? ORDER BY piece') as Reader['select'];
    reader = { file, db, select };
    return reader;
  } catch (e) {
    throw failure(file, e);
  }
}

function failure(file: string, e: unknown): WeftError {
  return new WeftError('IO', `cannot read from the spill database ${file}: ${(e as Error).message}`, { file }, { cause: e });
}

/**
 * Closes the thread's connection (after each batch): the run that spilled removes its database when it ends, and
 * an open connection would keep the deleted file's disk space for as long as the idle thread lives.
 */
export function closeSpillReader(): void {
  try {
    reader?.db.close();
  } catch {
    // A database removed under the connection can fail to close; it is dropped either way.
  }
  reader = null;
}

/** A spilled result read in place: whole, or a range of its bytes at a time. */
export class SpilledPartition {
  constructor(readonly input: SpilledInput) {}

  get byteLength(): number {
    return this.input.byteLength;
  }

  /** The whole encoding, in a buffer of its own. */
  bytes(): Uint8Array {
    return this.range(0, this.input.byteLength);
  }

  /** `length` bytes from `start`, in a buffer of their own: only the pieces of the database that hold them are read. */
  range(start: number, length: number): Uint8Array {
    const { file, key } = this.input;
    // The reads before this one are, by the time it is made, mostly dead: each made its buffer and, as large, the
    // buffers of the database's rows it was copied from.
    readGarbage?.release(2 * length);
    const out = Buffer.allocUnsafe(length);
    const first = Math.floor(start / PIECE_BYTES);
    const last = length === 0 ? first : Math.floor((start + length - 1) / PIECE_BYTES);
    let copied = 0;
    try {
      for (const { piece, data } of readerFor(file).select.iterate(key, first, last)) {
        const from = Math.max(0, start - piece * PIECE_BYTES);
        const to = Math.min(data.byteLength, start + length - piece * PIECE_BYTES);
        if (to > from) copied += data.copy(out, copied, from, to);
      }
    } catch (e) {
      throw failure(file, e);
    }
    if (copied !== length) {
      throw new WeftError('IO', `the spill database ${file} lost partition ${key}: was it modified by another program?`, { file, taskKey: key });
    }
    return out;
  }
}
