import type { LayerInfo, RunEvent } from '../schedule/events.js';

/** Where a run's time went, per layer of the graph (the nodes it computes) and per worker. */
export interface RunTimings {
  layers: Array<{ name: string; nodeIds: string[]; tasks: number; busyMs: number }>;
  /** Milliseconds each worker spent running tasks, by worker index. */
  workerBusyMs: number[];
}

/** Builds {@link RunTimings} from the lifecycle events of one run, as the progress bar and the app see them. */
export class StatsCollector {
  private layers: LayerInfo[] = [];
  private readonly busy = new Map<string, number>();
  private readonly workers: number[] = [];

  onEvent(event: RunEvent): void {
    if (event.kind === 'run-start') this.layers = event.layers;
    if (event.kind !== 'task-finish') return;
    const ms = event.endMs - event.startMs;
    this.busy.set(event.layer, (this.busy.get(event.layer) ?? 0) + ms);
    while (this.workers.length <= event.worker) this.workers.push(0);
    this.workers[event.worker] += ms;
  }

  timings(): RunTimings {
    const round = (ms: number) => Math.round(ms * 10) / 10;
    return {
      layers: this.layers.map((l) => ({ name: l.name, nodeIds: l.nodeIds, tasks: l.tasks, busyMs: round(this.busy.get(l.name) ?? 0) })),
      workerBusyMs: this.workers.map(round),
    };
  }
}
