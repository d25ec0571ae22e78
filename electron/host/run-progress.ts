/**
 * Folds a run's lifecycle events into node and task states, and hands them out in batches: however many tasks a run
 * has, at most one progress message per interval crosses to the renderer: 110 ms, so never more than ten in any
 * second even after timer and delivery jitter. Task states
 * accumulate between flushes; what is pending when the run ends travels with the run's end event (from `close`),
 * so the last state of every task arrives without an eleventh message.
 */
import type { RunEvent } from '../../engine/index.js';
import type { NodeState, RunProgress, TaskState } from '../ipc/contract.js';

interface NodeCount {
  total: number;
  started: number;
  done: number;
}

export class RunProgressBatcher {
  private readonly counts = new Map<string, NodeCount>();
  private readonly layerNodes = new Map<string, string[]>();
  private pendingTasks: Record<string, TaskState> = {};
  private timer: NodeJS.Timeout | null = null;
  private lastFlush = 0;
  private spilledBytes = 0;
  private failed: { nodeId: string; message: string } | null = null;
  private isClosed = false;

  constructor(
    private readonly runId: string,
    private readonly send: (progress: RunProgress) => void,
    private readonly intervalMs = 110,
  ) {}

  onEvent(event: RunEvent): void {
    switch (event.kind) {
      case 'run-start':
        for (const layer of event.layers) {
          this.layerNodes.set(layer.name, layer.nodeIds);
          for (const id of layer.nodeIds) {
            const count = this.counts.get(id) ?? { total: 0, started: 0, done: 0 };
            count.total += layer.tasks;
            this.counts.set(id, count);
          }
        }
        return;
      case 'task-start':
        this.bump(event.layer, 'started');
        this.pendingTasks[event.key] = 'running';
        break;
      case 'task-finish':
        this.bump(event.layer, 'done');
        this.pendingTasks[event.key] = 'done';
        break;
      case 'task-fail':
        this.pendingTasks[event.key] = 'failed';
        this.failed ??= { nodeId: this.layerNodes.get(event.layer)?.at(-1) ?? event.layer, message: event.message };
        break;
      case 'spill':
        this.spilledBytes += event.bytes;
        for (const key of event.keys) this.pendingTasks[key] = 'spilled';
        break;
      case 'unspill':
        for (const key of event.keys) this.pendingTasks[key] = 'done';
        break;
      case 'run-end':
        return;
    }
    this.schedule();
  }

  /** The states of the nodes this run computes, as they are now. */
  nodeStates(): Record<string, NodeState> {
    const states: Record<string, NodeState> = {};
    for (const [id, c] of this.counts) {
      states[id] = c.done >= c.total ? { kind: 'done', total: c.total } : c.started > 0 || c.done > 0 ? { kind: 'running', done: c.done, total: c.total } : { kind: 'queued', total: c.total };
    }
    if (this.failed) states[this.failed.nodeId] = { kind: 'failed', message: this.failed.message };
    return states;
  }

  get spilled(): number {
    return this.spilledBytes;
  }

  /** Stops sending; returns the task states not sent yet, for the run's end event. */
  close(): Record<string, TaskState> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.isClosed = true;
    const pending = this.pendingTasks;
    this.pendingTasks = {};
    return pending;
  }

  private bump(layer: string, field: 'started' | 'done'): void {
    for (const id of this.layerNodes.get(layer) ?? []) {
      const count = this.counts.get(id);
      if (count) count[field]++;
    }
  }

  private schedule(): void {
    if (this.timer || this.isClosed) return;
    const wait = Math.max(0, this.lastFlush + this.intervalMs - Date.now());
    this.timer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    this.timer = null;
    if (this.isClosed) return;
    // Timers may fire a millisecond early; the spacing is a promise, so wait out the rest.
    if (Date.now() < this.lastFlush + this.intervalMs) {
      this.schedule();
      return;
    }
    this.lastFlush = Date.now();
    const tasks = this.pendingTasks;
    this.pendingTasks = {};
    this.send({ kind: 'run-progress', runId: this.runId, nodes: this.nodeStates(), tasks, memoryBytes: process.memoryUsage().rss, spilledBytes: this.spilledBytes });
  }
}
