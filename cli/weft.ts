/**
 * The `weft` command: run, check and draw pipeline files, and fetch the sample data.
 * Exit codes: 0 success, 1 the run failed, 2 the pipeline or the command line is wrong (nothing was run),
 * 130 cancelled with Ctrl-C.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  CancelledError,
  PipelineInvalidError,
  WeftError,
  graphToDot,
  graphToJson,
  loadPipelineFile,
  parseBytes,
  planPipeline,
  pyRepr,
  runPipeline,
  toJsonText,
  type RunEvent,
} from '../engine/index.js';
import { ProgressBar } from './progress-bar.js';
import { fetchData, KDD_10_PERCENT } from './fetch-data.js';
import { startApp } from '../electron/launch.js';

const USAGE = `Usage:
  weft run FILE [--scheduler sync|threads] [--workers N] [--json]   run a pipeline and print its outputs
           [--memory-limit SIZE] [--spill-dir DIR]                 e.g. 512MB: results past half of it spill to DIR
  weft check FILE                                                  validate a pipeline without running it
  weft graph FILE [--format dot|json] [--raw]                      print the task graph (--raw: before culling and fusion)
  weft fetch-data [--url URL] [--dest PATH]                        download the KDD Cup 1999 10% sample data
  weft start [--browser] [--port N]                                open the app (the browser mode where Electron cannot start)

Pipeline files are *.weft.json; relative paths inside them resolve against the file's folder.`;

/** A command-line mistake: exit 2 with the usage. */
class UsageError extends Error {}

const PREVIEW_ELEMENTS = 10;

function previewValue(value: unknown): string {
  if (Array.isArray(value) && value.length > PREVIEW_ELEMENTS) {
    return `[${value.slice(0, PREVIEW_ELEMENTS).map((v) => pyRepr(v)).join(', ')}, ...] (${value.length} elements)`;
  }
  return pyRepr(value);
}

async function commandRun(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      scheduler: { type: 'string', default: 'threads' },
      workers: { type: 'string' },
      json: { type: 'boolean', default: false },
      'memory-limit': { type: 'string' },
      'spill-dir': { type: 'string' },
    },
  });
  const file = onePipeline(positionals);
  const scheduler = values.scheduler;
  if (scheduler !== 'sync' && scheduler !== 'threads') throw new UsageError(`--scheduler must be sync or threads, not '${scheduler}'`);
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1)) throw new UsageError(`--workers must be a whole number of at least 1`);
  let memoryLimit: number | undefined;
  if (values['memory-limit'] !== undefined) {
    try {
      memoryLimit = parseBytes(values['memory-limit']);
    } catch (e) {
      throw new UsageError(`--memory-limit: ${(e as Error).message}`);
    }
  }
  const spillDir = values['spill-dir'];
  const baseDir = path.dirname(path.resolve(file));
  const pipeline = loadPipelineFile(file);

  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    if (++interrupts > 1) process.exit(130);
    process.stderr.write('\nCancelling... (press Ctrl-C again to quit at once)\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  const bar = process.stderr.isTTY ? new ProgressBar(process.stderr) : null;
  const onEvent = (event: RunEvent) => bar?.onEvent(event);
  try {
    const result = await runPipeline(pipeline, { baseDir, scheduler, workers, memoryLimit, spillDir, signal: controller.signal, onEvent });
    for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
    if (values.json) {
      const stats = result.stats;
      process.stdout.write(`{"results": ${toJsonText(result.results)}, "stats": ${JSON.stringify(stats)}}\n`);
    } else {
      for (const [nodeId, value] of Object.entries(result.results)) process.stdout.write(`${nodeId}: ${previewValue(value)}\n`);
    }
    return 0;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

async function commandCheck(args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const file = onePipeline(positionals);
  const pipeline = loadPipelineFile(file);
  const { full, optimized } = planPipeline(pipeline, { baseDir: path.dirname(path.resolve(file)) });
  const outputs = optimized.outputs.map((o) => o.nodeId).join(', ');
  process.stdout.write(`${file}: ok: ${pipeline.nodes.length} nodes, ${full.tasks.size} tasks (${optimized.tasks.size} after fusion), outputs: ${outputs}\n`);
  return 0;
}

async function commandGraph(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string', default: 'dot' }, raw: { type: 'boolean', default: false } } });
  const file = onePipeline(positionals);
  if (values.format !== 'dot' && values.format !== 'json') throw new UsageError(`--format must be dot or json, not '${values.format}'`);
  const pipeline = loadPipelineFile(file);
  const { full, optimized } = planPipeline(pipeline, { baseDir: path.dirname(path.resolve(file)) });
  const graph = values.raw ? full : optimized;
  process.stdout.write(values.format === 'dot' ? graphToDot(graph) : JSON.stringify(graphToJson(graph), null, 2) + '\n');
  return 0;
}

async function commandFetchData(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { url: { type: 'string' }, dest: { type: 'string' } } });
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.on('SIGINT', onSigint);
  const tty = process.stderr.isTTY;
  try {
    const result = await fetchData({
      url: values.url,
      dest: values.dest,
      signal: controller.signal,
      onProgress: (received, total) => {
        if (tty) process.stderr.write(`\rDownloading ${KDD_10_PERCENT.fileName}: ${(received / 1e6).toFixed(1)} MB${total ? ` of ${(total / 1e6).toFixed(1)} MB` : ''}\x1b[K`);
      },
    });
    if (tty && !result.alreadyPresent) process.stderr.write('\n');
    process.stdout.write(result.alreadyPresent ? `${result.path} is already there and intact (MD5 checked).\n` : `Downloaded ${result.bytes} bytes to ${result.path} (size and MD5 checked).\n`);
    return 0;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

async function commandStart(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { port: { type: 'string' }, browser: { type: 'boolean', default: false } } });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) throw new UsageError('--port must be a port number');
  return startApp({ port, isBrowserMode: values.browser });
}

function onePipeline(positionals: string[]): string {
  if (positionals.length !== 1) throw new UsageError('give exactly one pipeline file');
  return positionals[0];
}

/** Runs the command line; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'run':
        return await commandRun(rest);
      case 'check':
        return await commandCheck(rest);
      case 'graph':
        return await commandGraph(rest);
      case 'fetch-data':
        return await commandFetchData(rest);
      case 'start':
        return await commandStart(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(USAGE + '\n');
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (e) {
    return report(e);
  }
}

function report(e: unknown): number {
  if (e instanceof CancelledError) {
    process.stderr.write('weft: cancelled\n');
    return 130;
  }
  if (e instanceof UsageError || (e as NodeJS.ErrnoException)?.code?.startsWith?.('ERR_PARSE_ARGS')) {
    process.stderr.write(`weft: ${(e as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (e instanceof PipelineInvalidError) {
    process.stderr.write(`weft: ${e.message}\n`);
    return 2;
  }
  if (e instanceof WeftError) {
    process.stderr.write(`weft: ${e.message}\n`);
    if (e.code === 'FILE_NOT_FOUND' && e.context.file?.includes(KDD_10_PERCENT.fileName)) {
      process.stderr.write(`hint: the samples' data set is not in the repository; run \`npx weft fetch-data\` to download it.\n`);
    }
    // Task failures happen while running; every other engine error is found before any work starts.
    return e.context.taskKey ? 1 : 2;
  }
  if ((e as { code?: string })?.code?.startsWith?.('FETCH_')) {
    process.stderr.write(`weft: ${(e as Error).message}\n`);
    return 1;
  }
  process.stderr.write(`weft: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
  return 1;
}
