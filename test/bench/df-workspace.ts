/**
 * The DataFrame section's workspace: a temp folder with data/ holding a link to the KDD file and a plain gunzipped
 * copy (75 MB, so it is never in the repository and is removed on dispose and on Ctrl-C), and two copies of each
 * pipeline of test/bench/pipelines-df/: `<name>.gz.weft.json` as written (the gzip file, one partition) and
 * `<name>.plain.weft.json` reading the plain copy in blocks of {@link PLAIN_BLOCKSIZE}, so many partitions.
 */
import fs from 'node:fs';
import { removableTempDir } from './workspace.js';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { KDD_FILE, REPO_ROOT } from '../support/environment.js';

/** Where the DataFrame bench pipelines live in the source tree; they read `data/kddcup.data_10_percent.gz`. */
export const DF_PIPELINES_DIR = path.join(REPO_ROOT, 'test/bench/pipelines-df');

/** The plain copy's block size, as Dask reads it (8 * 10^6 bytes): nine partitions of the 75 MB file. */
export const PLAIN_BLOCKSIZE = '8MB';

export type DfInput = 'gz' | 'plain';

export interface DfWorkspace {
  dir: string;
  /** The data file each input reads. */
  dataFiles: Record<DfInput, string>;
  /** The pipeline file of a query on an input. */
  pipelineFile(query: string, input: DfInput): string;
  dispose: () => void;
}

interface PipelineJson {
  nodes: Array<{ op: string; params?: Record<string, unknown> }>;
}

export function makeDfWorkspace(): DfWorkspace {
  const { dir, dispose } = removableTempDir('weft-bench-df-');
  try {
    const data = path.join(dir, 'data');
    fs.mkdirSync(data);
    const gz = path.join(data, path.basename(KDD_FILE));
    const plain = gz.replace(/\.gz$/, '');
    fs.symlinkSync(KDD_FILE, gz);
    fs.writeFileSync(plain, zlib.gunzipSync(fs.readFileSync(KDD_FILE)));
    const pipelineFile = (query: string, input: DfInput) => path.join(dir, `${query}.${input}.weft.json`);
    for (const f of fs.readdirSync(DF_PIPELINES_DIR)) {
      if (!f.endsWith('.weft.json')) continue;
      const query = f.slice(0, -'.weft.json'.length);
      const text = fs.readFileSync(path.join(DF_PIPELINES_DIR, f), 'utf8');
      fs.writeFileSync(pipelineFile(query, 'gz'), text);
      fs.writeFileSync(pipelineFile(query, 'plain'), JSON.stringify(onPlainCopy(JSON.parse(text) as PipelineJson, path.relative(dir, plain)), null, 2));
    }
    return { dir, dataFiles: { gz, plain }, pipelineFile, dispose };
  } catch (e) {
    dispose();
    throw e;
  }
}

/** The same pipeline with its read_csv reading the plain copy in blocks. */
function onPlainCopy(pipeline: PipelineJson, urlpath: string): PipelineJson {
  return {
    ...pipeline,
    nodes: pipeline.nodes.map((n) => (n.op === 'dataframe.read_csv' ? { ...n, params: { ...n.params, urlpath, blocksize: PLAIN_BLOCKSIZE } } : n)),
  };
}
