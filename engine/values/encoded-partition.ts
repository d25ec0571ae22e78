/**
 * A partition that stays in its encoded form (see codec.ts) inside a worker thread: a task streaming it through a
 * pipeline decodes it a chunk at a time, and a pipeline collecting a partition hands its encoding straight back,
 * so neither end holds the partition as objects and bytes at once. A collected partition is in segments (see
 * ListEncoder), copied once into the worker's answer; an input is one buffer.
 */
export class EncodedPartition {
  constructor(readonly segments: readonly Uint8Array[]) {}

  /** The encoding as one buffer. */
  bytes(): Uint8Array {
    return this.segments.length === 1 ? this.segments[0] : Buffer.concat(this.segments);
  }

  get byteLength(): number {
    return this.segments.reduce((n, s) => n + s.byteLength, 0);
  }
}
