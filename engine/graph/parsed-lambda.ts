/**
 * The lambdas of a graph's stages, sinks and reducers, parsed once per source text for every pass that asks what
 * they read (field-usage.ts, split-projection.ts, group-size-projection.ts). A graph of thousands of partitions
 * repeats the same few sources in every task, and each pass asked again of each: parsing was a third of planning a
 * shared split over 4000 partitions. The trees are shared, so the passes only read them.
 */
import type { LambdaExpr } from '../expr/ast.js';
import { parseExpression } from '../expr/parser.js';

/** Enough for any pipeline's distinct sources; past it the cache starts over rather than growing with edits. */
const MAX_CACHED = 1024;
const cache = new Map<string, LambdaExpr | null>();

/** The parsed lambda of `source`, or null when it is not a lambda or does not parse. */
export function parsedLambda(source: string): LambdaExpr | null {
  let parsed = cache.get(source);
  if (parsed !== undefined) return parsed;
  try {
    const expr = parseExpression(source);
    parsed = expr.kind === 'Lambda' ? expr : null;
  } catch {
    parsed = null;
  }
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(source, parsed);
  return parsed;
}
