/**
 * Everything wrong with a document, placed on its nodes, params and expression columns: the engine's validation,
 * then (when that passes) planning, which finds what only the file system can tell, such as a missing input file.
 */
import { checkQueryExpression, inspectPlan, OPERATIONS, planPipeline, validatePipeline, WeftError, type NodeSchema as EngineSchema, type PipelineFile, type PipelineInspection } from '../../engine/index.js';
import type { Analysis, NodeSchema, Problem } from '../ipc/contract.js';

/** The samples' data file, which the app can download when it is missing. */
export const SAMPLE_DATA_FILE = 'kddcup.data_10_percent.gz';

export function problemOf(error: WeftError): Problem {
  const context = error.context as WeftError['context'] & { param?: string };
  const problem: Problem = { code: error.code, message: error.message };
  if (context.nodeId !== undefined) problem.nodeId = context.nodeId;
  if (context.param !== undefined) problem.param = context.param;
  if (error.code === 'EXPRESSION' && context.line !== undefined) {
    problem.line = context.line;
    problem.column = context.column;
  }
  if (error.code === 'FILE_NOT_FOUND' && (context.file?.includes(SAMPLE_DATA_FILE) || error.message.includes(SAMPLE_DATA_FILE))) {
    problem.isMissingSampleData = true;
  }
  return problem;
}

export function findProblems(pipeline: PipelineFile, baseDir: string): Problem[] {
  return analyzePipeline(pipeline, baseDir).problems;
}

/**
 * The document's problems and its nodes' schemas. A `query`/`eval` expression is checked against its input's columns
 * and its problem placed at its line and column, as an expression's is; the other problems are validation's, then
 * planning's (which also finds what only the file system can tell, such as a missing input file). While validation
 * refuses some nodes, the nodes that do not depend on them are still checked, so a misspelled column in a query stays
 * marked while a node below it is being filled in.
 */
export function analyzePipeline(pipeline: PipelineFile, baseDir: string): Analysis {
  const validation = validatePipeline(pipeline);
  if (validation.pipeline) return analyzeValid(validation.pipeline, baseDir, { isWhole: true });
  const refused = validation.errors.map(problemOf);
  const part = partAboveMistakes(pipeline, validation.errors);
  if (!part) return { problems: refused, schemas: {} };
  const above = analyzeValid(part, baseDir, { isWhole: false });
  return { problems: [...refused, ...above.problems], schemas: above.schemas };
}

/**
 * A validated pipeline's problems and schemas, node by node; the document's whole plan is tried as well (it may be too
 * large) only when the pipeline is the whole document and nothing else is wrong.
 */
function analyzeValid(valid: PipelineFile, baseDir: string, options: { isWhole: boolean }): Analysis {
  const inspection = inspectPlan(valid, { baseDir });
  const expressionProblems = valid.nodes.flatMap((node) => queryProblems(node, inspection.schemas));
  const placed = new Set(expressionProblems.map((p) => p.nodeId));
  let problems = [...expressionProblems, ...inspection.errors.filter((e) => !placed.has(e.context.nodeId)).map(problemOf)];
  if (problems.length === 0 && options.isWhole) {
    // Node by node all is well; the whole plan may still be too large, which only planning it whole tells.
    try {
      planPipeline(valid, { baseDir });
    } catch (e) {
      if (!(e instanceof WeftError)) throw e;
      problems = [problemOf(e)];
    }
  }
  return { problems, schemas: schemasOf(inspection) };
}

/** Problems of a node's `query`/`eval` params against its input's schema, each at its line and column (1-based). */
function queryProblems(node: PipelineFile['nodes'][number], schemas: Record<string, EngineSchema>): Problem[] {
  const def = OPERATIONS.get(node.op);
  const input = schemas[node.inputs?.[0] ?? ''];
  if (!def || input?.kind !== 'frame') return [];
  return def.params.flatMap((param) => {
    const expr = node.params?.[param.name];
    if (!param.language || typeof expr !== 'string') return [];
    return checkQueryExpression(expr, input, param.language).problems.map((problem): Problem => {
      const before = expr.slice(0, problem.start).split('\n');
      return { code: 'EXPRESSION', message: problem.message, nodeId: node.id, param: param.name, line: before.length, column: before[before.length - 1].length + 1 };
    });
  });
}

/**
 * While some nodes are invalid, the others that do not depend on them: the part of the document that validates on its
 * own, or null if there is none. A problem with the document as a whole (no node named) leaves no such part.
 */
function partAboveMistakes(pipeline: PipelineFile, errors: WeftError[]): PipelineFile | null {
  if (!Array.isArray(pipeline.nodes) || errors.some((e) => e.context.nodeId === undefined)) return null;
  const bad = new Set(errors.map((e) => e.context.nodeId));
  const kept = new Set<string>();
  let grew = true;
  // The nodes whose inputs are all kept, repeated until none is added: the valid nodes above every mistake.
  while (grew) {
    grew = false;
    for (const node of pipeline.nodes) {
      if (kept.has(node.id) || bad.has(node.id) || !Array.isArray(node.inputs ?? []) || !(node.inputs ?? []).every((id) => kept.has(id))) continue;
      kept.add(node.id);
      grew = true;
    }
  }
  const part = validatePipeline({ ...pipeline, nodes: pipeline.nodes.filter((n) => kept.has(n.id)) });
  return part.pipeline && part.pipeline.nodes.length > 0 ? part.pipeline : null;
}

/** Each node's meta as the contract's schema; a MultiIndex column (groupby.agg with lists) is named by its tuple. */
function schemasOf(inspection: PipelineInspection): Record<string, NodeSchema> {
  const out: Record<string, NodeSchema> = {};
  for (const [nodeId, meta] of Object.entries(inspection.schemas)) {
    const facts = { npartitions: inspection.npartitions[nodeId] ?? 0, divisionsKnown: inspection.divisionsKnown[nodeId] ?? false };
    const index = { dtypes: [...meta.index.dtypes], names: [...meta.index.names], ...(meta.index.range ? { range: true } : {}) };
    out[nodeId] = meta.kind === 'frame' ? { kind: 'frame', columns: meta.columns.map((c, i) => ({ name: meta.columnTuples?.[i]?.slice() ?? c.name, dtype: c.dtype })), index, ...facts } : { kind: 'series', name: meta.name, dtype: meta.dtype, index, ...facts };
  }
  return out;
}
