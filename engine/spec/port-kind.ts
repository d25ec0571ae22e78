/**
 * What flows along an edge of the canvas, named once for the engine, the IPC contract and the renderer: a partitioned
 * collection (a Dask Bag, DataFrame or Series) or a single computed value (`item`: a count, a tuple from `take`).
 */
export const PORT_KINDS = ['bag', 'dataframe', 'series', 'item'] as const;

/** One of {@link PORT_KINDS}. */
export type PortKind = (typeof PORT_KINDS)[number];

/** An input port: one collection of a kind, or (`kind*`) one port taking a list of one or more of that kind. */
export type InputPort = PortKind | `${PortKind}*`;

/** The kind an input port takes, without the list marker. */
export function portKindOf(port: InputPort): PortKind {
  return (port.endsWith('*') ? port.slice(0, -1) : port) as PortKind;
}

/** Whether an input port takes a list of one or more inputs (`db.concat([a, b])`, `b.map(f, other)`). */
export function isVariadic(port: InputPort): boolean {
  return port.endsWith('*');
}
