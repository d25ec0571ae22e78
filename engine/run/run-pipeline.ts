/** Running one pipeline end to end: a session of one run (see session.ts), closed when the run ends. */
import type { PipelineFile } from '../spec/pipeline.js';
import { Session, type RunRequest, type RunResult, type SessionOptions } from './session.js';

/** How to run a pipeline once. */
export type RunOptions = SessionOptions & RunRequest;

/** Runs a pipeline and returns its outputs' values. */
export async function runPipeline(pipeline: PipelineFile, options: RunOptions): Promise<RunResult> {
  const session = new Session(options);
  try {
    return await session.run(pipeline, options);
  } finally {
    await session.close();
  }
}
