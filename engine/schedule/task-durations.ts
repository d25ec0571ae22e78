/**
 * How long the tasks of each layer take, and so how many of them to send to a worker at once.
 *
 * Policy: a layer starts at batches of one. Once it has a running average duration, a batch holds as many of its
 * tasks as fit in BATCH_TARGET_MS (at most MAX_BATCH, and never more than an even share of the ready tasks across
 * the workers), so tiny tasks stop paying a thread round trip each while long tasks keep their own batch and their
 * results come back, and are released, one by one.
 */
const BATCH_TARGET_MS = 2;
const MAX_BATCH = 256;
const SMOOTHING = 0.2;

export class TaskDurations {
  private readonly averageMs = new Map<string, number>();

  record(layer: string, durationMs: number): void {
    const previous = this.averageMs.get(layer);
    this.averageMs.set(layer, previous === undefined ? durationMs : previous + SMOOTHING * (durationMs - previous));
  }

  /** How many tasks of `layer` to send together, given each worker's share of the ready tasks. */
  batchSize(layer: string, share: number): number {
    const average = this.averageMs.get(layer);
    if (average === undefined) return 1;
    const fitting = average <= 0 ? MAX_BATCH : Math.floor(BATCH_TARGET_MS / average);
    return Math.max(1, Math.min(MAX_BATCH, fitting, share));
  }
}
