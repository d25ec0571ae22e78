/**
 * A collection as a descriptor: what the rest of the engine, the CLI and the app need to know about a kind of port
 * without naming it: its words, its Python module, how its partitions' results make the value a run returns, and how
 * the app previews one without computing it whole. Each kind is a file beside this one; collections.ts lists them.
 */
import type { PortKind } from '../spec/port-kind.js';

/** A node the app appends after a target to preview it (a bag's `take`): its op and params. */
export interface PreviewStep {
  op: string;
  params: Record<string, unknown>;
}

/** One kind of collection (or the single value). */
export interface CollectionKind {
  kind: PortKind;
  /** The name a user reads on a port or a palette heading: 'Bag', 'DataFrame', 'value'. */
  label: string;
  /** The kind in a sentence: 'a bag', 'a single value'. */
  article: string;
  /** Several of them in a sentence: 'bags', 'single values'. */
  plural: string;
  /** Whether the collection has partitions (one task per partition) rather than being one value. */
  partitioned: boolean;
  /** The Dask module whose functions make this collection, as exported scripts import it (`import dask.bag as db`). */
  python?: { module: string; alias: string };
  /** The value a run returns from the results of the collection's partitions, in order. */
  gather(partitions: unknown[]): unknown;
  /** The step the app appends to show a preview of at most `limit` elements instead of the whole collection. */
  preview?(limit: number): PreviewStep;
}
