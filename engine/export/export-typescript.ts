/**
 * A pipeline as a TypeScript program on Weft's public engine API: the pipeline as a typed literal, run with
 * `runPipeline`, its outputs printed as Weft prints them (`--json` for the JSON form).
 */
import type { PipelineFile } from '../spec/pipeline.js';

/** The module a program imports the engine from: the `weft` package's `engine` entry. */
export const ENGINE_MODULE = 'weft/engine';

/** Exports a pipeline as a TypeScript program. */
export function exportTypeScript(pipeline: PipelineFile, options: { scriptName?: string; engineModule?: string } = {}): string {
  const scriptName = options.scriptName ?? 'pipeline.ts';
  const compiled = scriptName.replace(/\.ts$/, '.js');
  const header = [pipeline.name ?? 'Untitled pipeline', ...(pipeline.description ? ['', pipeline.description] : [])];
  return `/**
${header.map((line) => ` * ${line.replace(/\*\//g, '*\\/')}`.trimEnd()).join('\n')}
 *
 * Exported from Weft: a program on Weft's engine API that runs the pipeline and prints its outputs.
 * In a project that depends on weft: npx tsc && node ${compiled} [--scheduler sync|threads] [--json] [--data-dir DIR]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { pyRepr, runPipeline, toJsonText, type PipelineFile } from '${options.engineModule ?? ENGINE_MODULE}';

${pipelineLiteral(pipeline)}

const { values } = parseArgs({
  options: {
    scheduler: { type: 'string', default: 'threads' },
    json: { type: 'boolean', default: false },
    // The folder that the pipeline's relative paths start from: this program's folder unless told.
    'data-dir': { type: 'string', default: path.dirname(fileURLToPath(import.meta.url)) },
  },
});
if (values.scheduler !== 'sync' && values.scheduler !== 'threads') throw new Error('--scheduler must be sync or threads');

const { results } = await runPipeline(pipeline, { baseDir: values['data-dir'], scheduler: values.scheduler });
if (values.json) {
  console.log(toJsonText(results));
} else {
  for (const [id, value] of Object.entries(results)) console.log(\`\${id}: \${pyRepr(value)}\`);
}
`;
}

/** A JSON value as a TypeScript literal on one line, keys bare where they are identifiers. */
function tsValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(tsValue).join(', ')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  return `{ ${entries.map(([k, v]) => `${/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : JSON.stringify(k)}: ${tsValue(v)}`).join(', ')} }`;
}

/** Text inside a template literal: backslashes, backticks and `${` escaped. */
function templateText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

/**
 * The pipeline as a typed constant: the functions as a template literal that reads like Python, then one node per
 * line. The canvas layout is left out: the program needs only what runs.
 */
function pipelineLiteral(pipeline: PipelineFile): string {
  const lines: string[] = [];
  if (pipeline.functions) lines.push("// The pipeline's Python functions, which its nodes call by name.", `const functions = \`${templateText(pipeline.functions)}\`;`, '');
  lines.push('const pipeline: PipelineFile = {', '  weft: 1,');
  if (pipeline.name !== undefined) lines.push(`  name: ${JSON.stringify(pipeline.name)},`);
  if (pipeline.description !== undefined) lines.push(`  description: ${JSON.stringify(pipeline.description)},`);
  if (pipeline.functions) lines.push('  functions,');
  lines.push('  nodes: [', ...pipeline.nodes.map((node) => `    ${tsValue(node)},`), '  ],', '};');
  return lines.join('\n');
}
