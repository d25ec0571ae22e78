/** The pipeline file (`*.weft.json`), version 1: what the canvas edits and the command line runs. */
export interface PipelineFile {
  /** Format version; always 1 for now. */
  weft: 1;
  name?: string;
  description?: string;
  /** Python source of `def`s that the nodes' callable params may name. */
  functions?: string;
  nodes: NodeSpec[];
  /** Canvas positions, kept apart from the nodes so that moving a node touches nothing else in a diff. */
  layout?: Record<string, { x: number; y: number }>;
}

/** One operation on the canvas: `op` is `bag.` + Dask's method name, `params` use Dask's parameter names. */
export interface NodeSpec {
  id: string;
  op: string;
  /** The ids of the nodes feeding this one, in Dask's argument order. */
  inputs?: string[];
  params?: Record<string, unknown>;
}
