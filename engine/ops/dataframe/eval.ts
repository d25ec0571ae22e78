import type { OpDefinition } from '../op-definition.js';
import type { Label } from '../../dataframe/frame.js';
import { inputOf } from '../layer-builders.js';
import { evalMeta } from '../../dataframe/query/query.js';
import { parseExpression } from '../../dataframe/query/parse.js';
import { partitionStepLayer } from './partition-step.js';

/** `df.eval(expr)` on each partition. */
export interface EvalStage {
  kind: 'dataframe-eval';
  nodeId: string;
  expr: string;
  /**
   * The name of the Series an expression without assignment gives: its meta's. Dask's map_partitions renames each
   * partition's result to the meta (`apply_and_enforce`), and pandas' eval names the meta's Series where numexpr
   * names a partition's None.
   */
  seriesName?: Label | null;
}

declare module '../../graph/task.js' {
  interface StageKinds {
    'dataframe-eval': EvalStage;
  }
}

/**
 * Whether an eval expression's last statement assigns a column (`name = ...`), which makes the result a DataFrame,
 * as pandas decides it; an expression that does not parse is taken as a Series (building the node reports it).
 */
export function evalAssigns(expr: unknown): boolean {
  if (typeof expr !== 'string') return false;
  try {
    const statements = parseExpression(expr);
    return statements.length > 0 && statements[statements.length - 1].target !== null;
  } catch {
    return false;
  }
}

/** `df.eval(expr)`: a pandas expression of the columns as a Series, or with `name = expression` the frame with that column. */
export const evalOp: OpDefinition = {
  collection: 'dataframe',
  name: 'eval',
  group: 'transform',
  doc: "Compute an expression of the columns, in pandas' syntax: src_bytes + dst_bytes gives a Series; total = src_bytes + dst_bytes gives the DataFrame with a new column total.",
  inputs: ['dataframe'],
  output: 'series',
  outputKinds: ['series', 'dataframe'],
  outputFor: (params) => (evalAssigns(params.expr) ? 'dataframe' : 'series'),
  params: [{ name: 'expr', type: 'string', required: true, language: 'eval', doc: "The expression, in pandas' eval syntax; `name = expression` adds (or replaces) a column." }],
  python: { call: 'method', positional: ['expr'] },
  build(ctx) {
    const input = inputOf(ctx, 'dataframe');
    const expr = ctx.params.expr as string;
    const stage: EvalStage = { kind: 'dataframe-eval', nodeId: ctx.node.id, expr };
    return partitionStepLayer(ctx, input, stage, () => {
      const meta = evalMeta(input.meta, expr);
      if (meta.kind === 'series') stage.seriesName = meta.name;
      return meta;
    });
  },
};
