/** A push-based step of a partition pipeline: elements arrive one by one, then the end. */
export interface Consumer {
  push(element: unknown): void;
  /** Optional: take a whole list of elements at once, for consumers that do not look at them one by one (count). */
  pushAll?(elements: readonly unknown[]): void;
  /**
   * Optional: take lines of text known to be ASCII as they were read, as bytes (line i spans
   * `chunk[i === 0 ? start : ends[i - 1], ends[i])`, terminator included), for consumers that keep them encoded
   * rather than look at them (a repartition's pieces). Strings made from these bytes would be the same lines.
   */
  pushAsciiLines?(chunk: Uint8Array, start: number, ends: Int32Array, count: number): void;
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
