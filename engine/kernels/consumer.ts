/** A push-based step of a partition pipeline: elements arrive one by one, then the end. */
export interface Consumer {
  push(element: unknown): void;
  /** Optional: take a whole list of elements at once, for consumers that do not look at them one by one (count). */
  pushAll?(elements: readonly unknown[]): void;
  end(): void;
}

/** The last consumer of a pipeline (a sink, or a reducer's per-partition step): it has a result once ended. */
export interface SinkConsumer extends Consumer {
  result(): unknown;
}

/** Shared by a chain's steps: a `take` that has enough sets `stopped`, and the source stops reading. */
export interface ChainState {
  stopped: boolean;
}
