/** `weft run FILE --json` as a user runs it, a fresh process each time: the benchmark's headline figure. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { parseJsonKeepingFloats } from '../support/compare-json.js';
import { REPO_ROOT } from '../support/environment.js';

/** Room for a child's whole --json output (a DataFrame result, a bag of thousands of elements). */
export const CHILD_BUFFER = 256 * 1024 * 1024;

/** The results of `weft run FILE --json`, parsed keeping floats as floats. */
export function runWeftCli(file: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [path.join(REPO_ROOT, 'bin/weft.js'), 'run', file, '--json'], { maxBuffer: CHILD_BUFFER }, (error, stdout, stderr) => {
      if (error) reject(new Error(`weft run ${path.basename(file)} failed: ${error.message}\n${stderr}`));
      else resolve((parseJsonKeepingFloats(stdout) as { results: Record<string, unknown> }).results);
    });
  });
}
