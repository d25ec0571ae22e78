/**
 * The floor for I/O-bound pipelines: how long the machine's own `gunzip -c FILE | wc -l` takes to decompress and
 * count the file (`wc -l FILE` for a plain file). A pipeline that only reads and counts cannot be much faster than
 * this, so its target is a ratio to the floor rather than to Dask.
 */
import { execFile } from 'node:child_process';
import { timeRepeated } from './measure.js';

/** Wall times of `repeat` runs of `gunzip -c file | wc -l` (`wc -l` of a plain file; process start-up included) and the line count. */
export async function measureFloor(file: string, repeat: number): Promise<{ seconds: number[]; lines: number }> {
  const { seconds, values } = await timeRepeated(repeat, () => gunzipLineCount(file));
  return { seconds, lines: values[0] };
}

function gunzipLineCount(file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    // bash for pipefail (a failing gunzip must not pass as "0 lines"); the file is passed as $1, never spliced in.
    const script = file.endsWith('.gz') ? 'set -o pipefail; gunzip -c "$1" | wc -l' : 'wc -l < "$1"';
    execFile('bash', ['-c', script, 'bash', file], (error, stdout, stderr) => {
      const lines = Number(stdout.trim());
      if (error || !Number.isInteger(lines)) reject(new Error(`counting the lines of ${file} failed: ${error?.message ?? stdout}\n${stderr}`));
      else resolve(lines);
    });
  });
}
