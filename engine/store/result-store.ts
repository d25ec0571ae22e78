/**
 * Where the scheduler keeps finished task results until nothing needs them.
 *
 * Policy (with a memory limit): results are counted in bytes. When what is held passes SPILL_AT of the limit, the
 * least recently used results are written to the spill database until what is held is back under SPILL_TO; a
 * spilled result stays spilled: it is read back for each task that needs it and handed over without being held
 * again (holding it would only push others out, and a read costs less than a write), and leaves the disk when
 * nothing needs it any more. Past PAUSE_AT of the limit, measured as
 * the whole process's resident memory (worker threads included), the scheduler starts no new task while others
 * run. Without a limit nothing is counted and nothing spills. Dask's workers use 60% / 70% / 80%; Weft spills
 * at 30% (down to 20%) because the count is only the results the scheduler holds: the rest of the limit is for
 * what each worker thread holds while it runs a task (its input partition, the partition it builds, their objects
 * and its young generation; see thread-executor.ts) and for buffers on their way between threads.
 */
import fs from 'node:fs';
import type { Executor } from '../schedule/executor.js';
import { SpillDatabase } from './spill-database.js';
import { createSpillFolder, removeStaleSpillFolders } from './spill-folder.js';
import { GarbageBudget, garbageBudgetFor } from './garbage-budget.js';
import type { SpilledInput } from './spilled-partition.js';

export const SPILL_AT = 0.3;
export const SPILL_TO = 0.2;
export const PAUSE_AT = 0.8;
/** How long one reading of the process's resident memory is used for isPaused. */
const RSS_READING_MS = 10;

/** What spilling did during a run. */
export interface SpillStats {
  bytesSpilled: number;
  partitionsSpilled: number;
  bytesReadBack: number;
  partitionsReadBack: number;
  /** The most result bytes held in memory at once (counted only with a memory limit). */
  peakBytesHeld: number;
}

/** How a store turns payloads into bytes and back; the executor knows its payloads. */
export type PayloadCodec<P> = Pick<Executor<P>, 'sizeOf' | 'toBytes' | 'fromBytes'>;

/** Options of a result store. */
export interface ResultStoreOptions {
  /** Bytes; absent: no limit, no spilling. */
  memoryLimit?: number;
  /** Where to create the spill folder; default the system temp folder. */
  spillDir: string;
  /** The most bytes the spill database may take on disk; past it a run fails as on a full disk. */
  maxSpillBytes?: number;
  onSpill?: (event: { kind: 'spill' | 'unspill'; keys: string[]; bytes: number }) => void;
}

interface Held<P> {
  payload: P;
  bytes: number;
}

export class ResultStore<P> {
  private readonly held = new Map<string, Held<P>>();
  private readonly spilled = new Map<string, number>();
  private heldBytes = 0;
  private database: SpillDatabase | null = null;
  private folder: string | null = null;
  /** The last reading of the resident size (isPaused) and when it was taken. */
  private rss = 0;
  private rssReadAt = -Infinity;
  readonly stats: SpillStats = { bytesSpilled: 0, partitionsSpilled: 0, bytesReadBack: 0, partitionsReadBack: 0, peakBytesHeld: 0 };
  /** Results dropped from memory are dead buffers until a collection: under a limit they are collected promptly. */
  private readonly garbage: GarbageBudget;

  constructor(
    private readonly codec: PayloadCodec<P>,
    private readonly options: ResultStoreOptions,
  ) {
    this.garbage = new GarbageBudget(options.memoryLimit === undefined ? Infinity : garbageBudgetFor(options.memoryLimit));
    // A killed run's folder goes when the next store starts, not only when the next run happens to spill.
    removeStaleSpillFolders(options.spillDir);
  }

  /** How many results are held, in memory or on disk. */
  get size(): number {
    return this.held.size + this.spilled.size;
  }

  put(key: string, payload: P): void {
    const bytes = this.options.memoryLimit === undefined ? 0 : this.codec.sizeOf(payload);
    this.held.set(key, { payload, bytes });
    this.heldBytes += bytes;
    if (this.heldBytes > this.stats.peakBytesHeld) this.stats.peakBytesHeld = this.heldBytes;
    this.spillIfNeeded();
  }

  /**
   * A result, read back from disk if it was spilled (and left there, unless `lastUse`: no other task will read it).
   */
  get(key: string, lastUse = false): P {
    const entry = this.held.get(key);
    if (entry) {
      // Most recently used goes last: spilling takes from the front.
      this.held.delete(key);
      this.held.set(key, entry);
      return entry.payload;
    }
    const bytes = this.spilled.get(key);
    if (bytes === undefined) throw new Error(`no result for ${key}`);
    const data = this.database!.read(key, bytes);
    this.stats.bytesReadBack += data.byteLength;
    this.stats.partitionsReadBack++;
    this.options.onSpill?.({ kind: 'unspill', keys: [key], bytes: data.byteLength });
    if (lastUse) {
      this.spilled.delete(key);
      this.database!.delete(key);
    }
    // Dead once the task that asked for it has it.
    this.garbage.release(data.byteLength);
    return this.codec.fromBytes(data);
  }

  /**
   * Where a spilled result is, for a task that reads it from the spill database itself (spilled-partition.ts); null
   * if it is held in memory. It stays on disk until released, since the task reads it after this returns.
   */
  spilledInput(key: string): SpilledInput | null {
    const byteLength = this.spilled.get(key);
    if (byteLength === undefined) return null;
    this.stats.bytesReadBack += byteLength;
    this.stats.partitionsReadBack++;
    this.options.onSpill?.({ kind: 'unspill', keys: [key], bytes: byteLength });
    return { kind: 'spilled', file: this.database!.file, key, byteLength };
  }

  release(key: string): void {
    const entry = this.held.get(key);
    if (entry) {
      this.held.delete(key);
      this.heldBytes -= entry.bytes;
      this.garbage.release(entry.bytes);
    } else if (this.spilled.delete(key)) {
      this.database!.delete(key);
    }
  }

  /** Whether a result is held, in memory or on disk. */
  has(key: string): boolean {
    return this.held.has(key) || this.spilled.has(key);
  }

  /** Releases every result but `keep` (after a run: what the run does not persist). */
  retainOnly(keep: ReadonlySet<string>): void {
    for (const key of [...this.held.keys(), ...this.spilled.keys()]) if (!keep.has(key)) this.release(key);
  }

  /** Whether the process is so full that no new task should start while others run. */
  isPaused(): boolean {
    const limit = this.options.memoryLimit;
    if (limit === undefined) return false;
    // Reading the resident size is a system call: with thousands of tiny tasks, asked before each batch, it took
    // 3% of a run (tens of microseconds each in a busy process). A reading stays good for RSS_READING_MS (at worst one
    // more batch starts before the pause).
    const now = performance.now();
    if (now - this.rssReadAt > RSS_READING_MS) {
      this.rss = process.memoryUsage.rss();
      this.rssReadAt = now;
    }
    return this.rss > PAUSE_AT * limit;
  }

  /** Drops everything and removes the spill folder (end, failure or cancellation of a run). */
  close(): void {
    this.held.clear();
    this.spilled.clear();
    this.heldBytes = 0;
    this.database?.close();
    this.database = null;
    if (this.folder) fs.rmSync(this.folder, { recursive: true, force: true });
    this.folder = null;
  }

  private spillIfNeeded(): void {
    const limit = this.options.memoryLimit;
    if (limit === undefined || this.heldBytes <= SPILL_AT * limit) return;
    const rows: Array<[string, Uint8Array]> = [];
    let freed = 0;
    for (const [key, entry] of this.held) {
      if (this.heldBytes - freed <= SPILL_TO * limit) break;
      freed += entry.bytes;
      rows.push([key, this.codec.toBytes(entry.payload)]);
    }
    if (rows.length === 0) return;
    if (!this.database) {
      this.folder = createSpillFolder(this.options.spillDir);
      this.database = new SpillDatabase(this.folder, this.options.maxSpillBytes);
    }
    this.database.write(rows);
    let bytes = 0;
    for (const [key, data] of rows) {
      const entry = this.held.get(key)!;
      this.held.delete(key);
      this.heldBytes -= entry.bytes;
      this.spilled.set(key, data.byteLength);
      bytes += data.byteLength;
    }
    this.stats.bytesSpilled += bytes;
    this.stats.partitionsSpilled += rows.length;
    this.garbage.release(bytes);
    this.options.onSpill?.({ kind: 'spill', keys: rows.map((r) => r[0]), bytes });
  }
}
