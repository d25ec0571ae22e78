/** A push-based step of a partition pipeline: elements arrive one by one, then the end. */
export interface Consumer {
  push(element: unknown): void;
  end(): void;
}

/** Shared by a chain's steps: a `take` that has enough sets `stopped`, and the source stops reading. */
export interface ChainState {
  stopped: boolean;
}
