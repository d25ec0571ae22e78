/**
 * Spilled partitions in SQLite (better-sqlite3): one table of (key, piece, bytes), a partition cut into 1 MB pieces
 * so that neither SQLite nor the reader ever holds a second whole copy of it (binding or reading one 20 MB blob
 * costs SQLite a 20 MB buffer of its own, outside V8's count). WAL journal, statements prepared once,
 * each batch of writes in one transaction. Every failure (disk full, the file deleted or corrupted under a run)
 * becomes a WeftError naming the database file.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { WeftError } from '../errors.js';

// Loaded when a run first spills, not when the engine loads: most runs never spill, and the native module and its
// bindings cost a cold start some tens of milliseconds.
const require = createRequire(import.meta.url);

/** Bytes per stored piece of a partition. */
export const PIECE_BYTES = 1 << 20;

export class SpillDatabase {
  readonly file: string;
  private readonly db: Database.Database;
  private readonly insert: Database.Statement<[string, number, Uint8Array]>;
  private readonly select: Database.Statement<[string], { data: Buffer }>;
  private readonly remove: Database.Statement<[string]>;
  private readonly writeMany: (rows: Array<[string, Uint8Array]>) => void;

  /** `maxBytes`: a cap on the database's size; past it writes fail as on a full disk. */
  constructor(folder: string, maxBytes?: number) {
    this.file = path.join(folder, 'spill.db');
    try {
      const Sqlite = require('better-sqlite3') as typeof Database;
      this.db = new Sqlite(this.file);
      // Partitions are large blobs: big pages cut SQLite's per-page work (about 3x the throughput of 4 KB pages).
      this.db.pragma('page_size = 65536');
      this.db.pragma('journal_mode = WAL');
      if (maxBytes !== undefined) {
        const pageSize = this.db.pragma('page_size', { simple: true }) as number;
        this.db.pragma(`max_page_count = ${Math.max(1, Math.floor(maxBytes / pageSize))}`);
      }
      // Spilled data lives only as long as the run: durability across power loss is not worth an fsync per write.
      this.db.pragma('synchronous = OFF');
      this.db.exec('CREATE TABLE spill (key TEXT NOT NULL, piece INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (key, piece))');
      this.insert = this.db.prepare('INSERT OR REPLACE INTO spill (key, piece, data) VALUES (?, ?, ?)');
      this.select = this.db.prepare('SELECT data FROM spill WHERE key = ? ORDER BY piece');
      this.remove = this.db.prepare('DELETE FROM spill WHERE key = ?');
      this.writeMany = this.db.transaction((rows: Array<[string, Uint8Array]>) => {
        for (const [key, data] of rows) {
          // An empty partition still gets its (empty) piece, so that a read can tell it from a lost one.
          for (let at = 0, piece = 0; piece === 0 || at < data.byteLength; at += PIECE_BYTES, piece++) {
            this.insert.run(key, piece, data.subarray(at, at + PIECE_BYTES));
          }
        }
      });
    } catch (e) {
      throw this.failure('open', e);
    }
  }

  /** Writes partitions in one transaction. */
  write(rows: Array<[string, Uint8Array]>): void {
    try {
      this.writeMany(rows);
    } catch (e) {
      throw this.failure('write to', e);
    }
  }

  /** Reads a spilled partition of `byteLength` bytes back, into a buffer of its own. */
  read(key: string, byteLength: number): Uint8Array {
    const out = new Uint8Array(byteLength);
    let at = 0;
    let pieces = 0;
    try {
      this.checkPresent();
      for (const { data } of this.select.iterate(key)) {
        if (at + data.byteLength > byteLength) break;
        out.set(data, at);
        at += data.byteLength;
        pieces++;
      }
    } catch (e) {
      throw this.failure('read from', e);
    }
    if (pieces === 0 || at !== byteLength) {
      throw new WeftError('IO', `the spill database ${this.file} lost partition ${key}: was it modified by another program?`, { file: this.file, taskKey: key });
    }
    return out;
  }

  delete(key: string): void {
    try {
      this.remove.run(key);
    } catch (e) {
      throw this.failure('delete from', e);
    }
  }

  /** Closes the database; the caller removes the folder. */
  close(): void {
    try {
      this.db.close();
    } catch {
      // Closing a database whose file was deleted can fail; the folder is removed next anyway.
    }
  }

  /** SQLite keeps reading an unlinked file through its open handle: notice a deleted database instead. */
  private checkPresent(): void {
    if (!fs.existsSync(this.file)) throw Object.assign(new Error('the file was deleted'), { code: 'ENOENT' });
  }

  private failure(action: string, e: unknown): WeftError {
    const code = (e as { code?: string }).code;
    const reason = code === 'SQLITE_FULL' ? 'the disk is full' : (e as Error).message;
    return new WeftError('IO', `cannot ${action} the spill database ${this.file}: ${reason}`, { file: this.file }, { cause: e });
  }
}
