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
  // The canvas layout is the app's business; the program needs only what runs.
  const { layout: _layout, ...runnable } = pipeline;
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

const pipeline: PipelineFile = ${JSON.stringify(runnable, null, 2)};

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
