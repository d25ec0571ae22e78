/**
 * The `weft run` progress bar: Dask's `ProgressBar` line plus task counts and the layer at work, on stderr.
 *
 * Drawing policy: one line, rewritten in place with `\r` and cleared to its end with `\x1b[K`. A redraw happens on an
 * event or on a clock tick (so the elapsed time moves during a long task), but never sooner than `minIntervalMs` after
 * the previous one; the end of a run always draws its final line and a newline. Nothing at all is written to a stream
 * that is not a TTY, where `\r` would leave a pile of lines in a log.
 *
 * Narrow terminals: the line is kept under `columns` by shrinking the bar (to 10 cells), then shortening and finally
 * dropping the layer name, then dropping the task count, then cutting the line.
 */
import type { RunEvent } from '../engine/schedule/events.js';

/** What the bar writes to: `process.stderr`, or anything with `write` (tests, a pipe wrapper). */
export type ProgressStream = NodeJS.WriteStream | { write(s: string): boolean; columns?: number; isTTY?: boolean };

/** Options of {@link ProgressBar}. */
export interface ProgressBarOptions {
  /** The least time between two redraws; 100 ms by default, as Dask's `dt`. */
  minIntervalMs?: number;
  /** The clock, in milliseconds; `performance.now` by default. */
  now?: () => number;
  /** The timer that ticks the clock between events; the global `setInterval` by default, unref'd. */
  timers?: {
    setInterval(callback: () => void, ms: number): unknown;
    clearInterval(handle: unknown): void;
  };
}

const BAR_WIDTH = 40;
const MIN_BAR_WIDTH = 10;
const MIN_LAYER_CHARS = 4;
const CLEAR_TO_END = '\x1b[K';
const STATUS_WORDS = { done: 'Completed', failed: 'Failed', cancelled: 'Cancelled' } as const;

/** Draws a run's progress from its {@link RunEvent}s. */
export class ProgressBar {
  private readonly stream: ProgressStream;
  private readonly minIntervalMs: number;
  private readonly now: () => number;
  private readonly timers: NonNullable<ProgressBarOptions['timers']>;
  private isRunning = false;
  private startedAt = 0;
  private lastDrawAt = -Infinity;
  private ticker: unknown = undefined;
  private total = 0;
  private done = 0;
  private failed = 0;
  /** What to call each layer on the line: the ids of the nodes it computes. */
  private labels = new Map<string, string>();
  /** Running tasks per layer; a Map keeps first-seen order, which breaks ties between equally busy layers. */
  private running = new Map<string, number>();
  /** Shown while no task runs (between two tasks of an inline run), so the name does not flicker. */
  private lastActiveLayer: string | undefined;

  constructor(stream: ProgressStream, options: ProgressBarOptions = {}) {
    this.stream = stream;
    this.minIntervalMs = Math.max(0, options.minIntervalMs ?? 100);
    this.now = options.now ?? (() => performance.now());
    this.timers = options.timers ?? {
      setInterval: (callback, ms) => setInterval(callback, ms).unref(),
      clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
    };
  }

  /** Feed one lifecycle event; draws when due. */
  onEvent(event: RunEvent): void {
    if (this.stream.isTTY !== true) return;
    switch (event.kind) {
      case 'run-start':
        this.stopTicker();
        this.isRunning = true;
        this.startedAt = this.now();
        this.lastDrawAt = -Infinity;
        this.total = event.tasks;
        this.done = 0;
        this.failed = 0;
        this.running = new Map(event.layers.map((layer) => [layer.name, 0]));
        // People know their nodes, not the hashed layer names: show the nodes a layer computes.
        this.labels = new Map(event.layers.map((layer) => [layer.name, layer.nodeIds.join(' + ') || layer.name]));
        this.lastActiveLayer = undefined;
        this.ticker = this.timers.setInterval(() => this.drawIfDue(), this.minIntervalMs || 100);
        this.drawIfDue();
        return;
      case 'task-start':
        if (!this.isRunning) return;
        this.running.set(event.layer, (this.running.get(event.layer) ?? 0) + 1);
        this.drawIfDue();
        return;
      case 'task-finish':
      case 'task-fail':
        if (!this.isRunning) return;
        this.running.set(event.layer, Math.max(0, (this.running.get(event.layer) ?? 0) - 1));
        if (event.kind === 'task-finish') this.done++;
        else this.failed++;
        this.drawIfDue();
        return;
      case 'run-end':
        // A second run-end (or one without a start) has no line to finish.
        if (!this.isRunning) return;
        this.isRunning = false;
        this.stopTicker();
        this.write(this.format(event.status, event.elapsedMs), '\n');
        return;
    }
  }

  private drawIfDue(): void {
    if (!this.isRunning) return;
    const now = this.now();
    if (now - this.lastDrawAt < this.minIntervalMs) return;
    this.lastDrawAt = now;
    this.write(this.format(undefined, now - this.startedAt));
  }

  private write(line: string, end = ''): void {
    this.stream.write(`\r${line}${CLEAR_TO_END}${end}`);
  }

  private stopTicker(): void {
    if (this.ticker !== undefined) this.timers.clearInterval(this.ticker);
    this.ticker = undefined;
  }

  private activeLayer(): string | undefined {
    let best: string | undefined;
    let bestCount = 0;
    for (const [layer, count] of this.running) {
      if (count > bestCount) {
        best = layer;
        bestCount = count;
      }
    }
    if (best !== undefined) this.lastActiveLayer = this.labels.get(best) ?? best;
    return this.lastActiveLayer;
  }

  /** The line without `\r` and clearing; `status` is undefined while the run goes on. */
  private format(status: keyof typeof STATUS_WORDS | undefined, elapsedMs: number): string {
    // As Dask: an empty graph is complete, and a successful run shows 100% whatever was counted.
    const fraction = status === 'done' || this.total === 0 ? 1 : Math.min(1, this.done / this.total);
    const word = status === undefined ? 'Completed' : STATUS_WORDS[status];
    const head = `| ${Math.floor(fraction * 100)}% ${word} | ${formatElapsed(elapsedMs)}`;
    const tasks = `${this.done}/${this.total} tasks${this.failed > 0 ? `, ${this.failed} failed` : ''}`;
    const layer = status === undefined ? this.activeLayer() : undefined;
    const limit = this.stream.columns !== undefined && this.stream.columns > 0 ? this.stream.columns - 1 : Infinity;

    const build = (barWidth: number, tail: string[]) =>
      [`[${'#'.repeat(Math.floor(fraction * barWidth)).padEnd(barWidth)}] ${head}`, ...tail].join(' | ');
    // The cursor may not reach the last column: some terminals wrap there and `\r` then returns to the wrong row.
    const fit = (tail: string[]): string | undefined => {
      const full = build(BAR_WIDTH, tail);
      if (full.length <= limit) return full;
      const width = BAR_WIDTH - (full.length - limit);
      return width >= MIN_BAR_WIDTH ? build(width, tail) : undefined;
    };

    if (layer !== undefined) {
      const line = fit([tasks, layer]);
      if (line !== undefined) return line;
      const room = limit - build(MIN_BAR_WIDTH, [tasks, '']).length;
      if (room >= MIN_LAYER_CHARS) return build(MIN_BAR_WIDTH, [tasks, `${layer.slice(0, room - 1)}…`]);
    }
    return fit([tasks]) ?? fit([]) ?? build(MIN_BAR_WIDTH, []).slice(0, limit);
  }
}

/** Dask's `format_time`: `' 1.2s'`, `' 2min  5.0s'`, `' 1hr  0min  3.4s'`, padded so the line does not jitter. */
function formatElapsed(ms: number): string {
  const tenths = Math.round(Math.max(0, ms) / 100);
  const seconds = `${((tenths % 600) / 10).toFixed(1).padStart(4)}s`;
  const minutes = Math.floor(tenths / 600) % 60;
  const hours = Math.floor(tenths / 36000);
  if (hours > 0) return `${String(hours).padStart(2)}hr ${String(minutes).padStart(2)}min ${seconds}`;
  if (minutes > 0) return `${String(minutes).padStart(2)}min ${seconds}`;
  return seconds;
}
