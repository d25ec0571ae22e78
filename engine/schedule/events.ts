/** Lifecycle events of a run, in the order a scheduler emits them; the progress bar, `--json` stats and the app read them. */
export type RunEvent =
  | { kind: 'run-start'; tasks: number; layers: LayerInfo[]; scheduler: string; workers: number }
  /** The worker is known only once a pool has picked one, so task-start carries none. */
  | { kind: 'task-start'; key: string; layer: string }
  | { kind: 'task-finish'; key: string; layer: string; worker: number; startMs: number; endMs: number }
  | { kind: 'task-fail'; key: string; layer: string; worker: number; message: string }
  | { kind: 'run-end'; status: 'done' | 'failed' | 'cancelled'; elapsedMs: number }
  /** Results written to the spill database to stay under the memory limit, or read back from it. */
  | { kind: 'spill' | 'unspill'; keys: string[]; bytes: number };

/** A layer of the compiled graph as a run reports it: the canvas node it came from and its task count. */
export interface LayerInfo {
  /** The layer's name, `<op>-<hash>`; task keys are `<name>:<partition>`. */
  name: string;
  /** The pipeline nodes whose work the layer does (several after fusion). */
  nodeIds: string[];
  tasks: number;
}
