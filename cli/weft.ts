/**
 * The `weft` command: run, check and draw pipeline files, and fetch the sample data.
 * Exit codes: 0 success, 1 the run failed, 2 the pipeline or the command line is wrong (nothing was run),
 * 130 cancelled with Ctrl-C.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import fs from 'node:fs';
import {
  CancelledError,
  describeFileError,
  exportPipeline,
  importPython,
  runOnDaskCluster,
  findDaskPython,
  defaultPythonCandidates,
  serializePipeline,
  PipelineInvalidError,
  WeftError,
  graphToDot,
  graphToJson,
  loadPipelineFile,
  MAX_WORKERS,
  nodePaths,
  parseBytes,
  planPipeline,
  pyRepr,
  runPipeline,
  toJsonText,
  type RunEvent,
  type StartedPool,
} from '../engine/index.js';
import { ProgressBar } from './progress-bar.js';
import { KDD_10_PERCENT } from './kdd-source.js';

const USAGE = `Usage:
  weft run FILE [--scheduler sync|threads] [--workers N] [--json]   run a pipeline and print its outputs
           [--memory-limit SIZE] [--spill-dir DIR]                 e.g. 512MB: results past 30% of it spill to DIR
  weft run FILE --cluster tcp://HOST:PORT [--python PATH]          run it on a Dask cluster (its exported Python);
           [--timeout SECONDS] [--json]                            --timeout: wait for the scheduler (default 10)
  weft export FILE --to python|notebook|typescript|dot [-o OUT]    the pipeline as code, or its task graph
  weft import SCRIPT.py [-o OUT]                                   a Python script of the export's shape as a pipeline
  weft check FILE                                                  validate a pipeline without running it
  weft graph FILE [--format dot|json] [--raw]                      print the task graph (--raw: before culling and fusion)
  weft fetch-data [--url URL] [--dest PATH]                        download the KDD Cup 1999 10% sample data
  weft start [--browser] [--port N]                                open the app (the browser mode where Electron cannot start)

Pipeline files are *.weft.json; relative paths inside them resolve against the file's folder.`;

/** A command-line mistake: exit 2 with the usage. */
class UsageError extends Error {}

/** An output path (-o) that cannot be written: exit 2 with the path and why, without the usage. */
class OutputPathError extends Error {}

const PREVIEW_ELEMENTS = 10;

function previewValue(value: unknown): string {
  if (Array.isArray(value) && value.length > PREVIEW_ELEMENTS) {
    return `[${value.slice(0, PREVIEW_ELEMENTS).map((v) => pyRepr(v)).join(', ')}, ...] (${value.length} elements)`;
  }
  return pyRepr(value);
}

async function commandRun(args: string[], pool: StartedPool | undefined): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      scheduler: { type: 'string', default: 'threads' },
      workers: { type: 'string' },
      json: { type: 'boolean', default: false },
      'memory-limit': { type: 'string' },
      'spill-dir': { type: 'string' },
      cluster: { type: 'string' },
      python: { type: 'string' },
      timeout: { type: 'string' },
    },
  });
  const file = onePipeline(positionals);
  if (values.cluster !== undefined) {
    const local = ['workers', 'memory-limit', 'spill-dir'].filter((name) => values[name as keyof typeof values] !== undefined);
    if (values.scheduler !== 'threads') local.unshift('scheduler');
    if (local.length) throw new UsageError(`--${local.join(', --')} ${local.length === 1 ? 'is' : 'are'} for Weft's own engine, not with --cluster`);
    return commandRunOnCluster(file, values.cluster, values);
  }
  if (values.python !== undefined || values.timeout !== undefined) throw new UsageError('--python and --timeout go with --cluster');
  const scheduler = values.scheduler;
  if (scheduler !== 'sync' && scheduler !== 'threads') throw new UsageError(`--scheduler must be sync or threads, not '${scheduler}'`);
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1 && workers <= MAX_WORKERS)) throw new UsageError(`--workers must be a whole number from 1 to ${MAX_WORKERS}`);
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

  // Ctrl-C and SIGTERM cancel the run: the signal aborts it, the workers running user code are stopped, the spill
  // folder and partial outputs are removed, exit 130. Task code runs in worker threads, so this thread always hears
  // the signal; plan-time code runs here but within its time budget (PLAN_TIME_BUDGET_MS), after which it is heard.
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (++interrupts > 1) process.exit(130);
    process.stderr.write(signal === 'SIGINT' ? '\nCancelling... (press Ctrl-C again to quit at once)\n' : `\nCancelling (${signal})...\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const bar = process.stderr.isTTY ? new ProgressBar(process.stderr) : null;
  const onEvent = (event: RunEvent) => bar?.onEvent(event);
  try {
    // Threads started early are those these options would start (cli/early-pool.ts).
    const result = await runPipeline(pipeline, { baseDir, scheduler, workers, memoryLimit, spillDir, signal: controller.signal, onEvent, startedPool: pool });
    for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
    printResults(result.results, values.json, result.stats);
    return 0;
  } catch (e) {
    // A signal that came while planning: the user asked to stop, whatever planning then said.
    if (controller.signal.aborted) throw new CancelledError();
    throw e;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function commandRunOnCluster(file: string, address: string, values: { python?: string; json?: boolean; timeout?: string }): Promise<number> {
  if (!/^(tcp|tls|inproc|ucx):\/\/./.test(address)) throw new UsageError(`--cluster needs a scheduler address like tcp://127.0.0.1:8786, not '${address}'`);
  const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeout !== undefined && !(timeout > 0)) throw new UsageError('--timeout must be a number of seconds above 0');
  const pipeline = loadPipelineFile(file);
  const controller = new AbortController();
  // The interpreter that has dask and distributed: --python as given, else the first of $WEFT_PYTHON, python3 and
  // /usr/bin/python3 that imports them.
  const python = values.python ?? (await findDaskPython(defaultPythonCandidates(), controller.signal));
  const onSigint = () => controller.abort();
  process.on('SIGINT', onSigint);
  const tty = process.stderr.isTTY;
  let shown = -1;
  const onProgress = (fraction: number) => {
    const percent = Math.floor(fraction * 100);
    if (tty) {
      const width = 30;
      const done = Math.round(fraction * width);
      process.stderr.write(`\r[${'#'.repeat(done)}${' '.repeat(width - done)}] ${percent}% of tasks on ${address}\x1b[K`);
    } else if (Math.floor(percent / 10) > Math.floor(shown / 10)) {
      // Not a terminal: a line per tenth, so that logs show the run moving without a line per redraw.
      process.stderr.write(`progress: ${percent}% of tasks on ${address}\n`);
    }
    shown = percent;
  };
  try {
    const results = await runOnDaskCluster({ pipeline, baseDir: path.dirname(path.resolve(file)), address, python, timeout, onProgress, signal: controller.signal });
    if (tty && shown >= 0) process.stderr.write('\n');
    if (controller.signal.aborted) throw new CancelledError();
    printResults(results, values.json ?? false, null);
    return 0;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

function printResults(results: Record<string, unknown>, json: boolean, stats: unknown): void {
  if (json) {
    process.stdout.write(`{"results": ${toJsonText(results)}${stats === null ? '' : `, "stats": ${JSON.stringify(stats)}`}}\n`);
  } else {
    for (const [nodeId, value] of Object.entries(results)) process.stdout.write(`${nodeId}: ${previewValue(value)}\n`);
  }
}

const EXPORT_EXTENSIONS: Record<string, string> = { python: '.py', notebook: '.ipynb', typescript: '.ts', dot: '.dot' };

async function commandExport(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { to: { type: 'string' }, output: { type: 'string', short: 'o' } } });
  const file = onePipeline(positionals);
  const to = values.to;
  if (to !== 'python' && to !== 'notebook' && to !== 'typescript' && to !== 'dot') throw new UsageError(`--to must be python, notebook, typescript or dot${to ? `, not '${to}'` : ''}`);
  const pipeline = loadPipelineFile(file);
  const baseDir = path.dirname(path.resolve(file));
  const out = values.output;
  const scriptName = out ? path.basename(out) : path.basename(file).replace(/\.weft\.json$|\.json$/, '') + EXPORT_EXTENSIONS[to];
  const { text } =
    to === 'dot'
      ? exportPipeline(pipeline, { to, graph: planPipeline(pipeline, { baseDir }).optimized })
      : to === 'notebook'
        ? exportPipeline(pipeline, { to })
        : exportPipeline(pipeline, { to, scriptName });
  if (!out) {
    process.stdout.write(text);
    return 0;
  }
  writeOutput(out, text);
  const hasRelativePaths = pipeline.nodes.some((n) => relativePaths(n).length > 0);
  if (to !== 'dot' && hasRelativePaths && path.resolve(path.dirname(out)) !== baseDir) {
    // The exported code reads relative paths from its own folder by default.
    process.stderr.write(`note: ${out} reads the pipeline's relative paths from its own folder; run it with --data-dir ${baseDir} (a notebook: set DATA_DIR)\n`);
  }
  process.stderr.write(`Wrote ${out}\n`);
  return 0;
}

/** The relative paths a node reads or writes: what --data-dir moves. */
function relativePaths(node: { op: string; params?: Record<string, unknown> }): string[] {
  return nodePaths(node).filter((p) => !path.isAbsolute(p));
}

/**
 * Writes a command's output file (export -o, import -o). A path that cannot be written is a command-line mistake
 * found before anything was produced, like an unreadable input: exit 2 with the path and the reason, never a stack.
 */
function writeOutput(out: string, text: string): void {
  try {
    fs.writeFileSync(out, text);
  } catch (e) {
    throw new OutputPathError(`cannot write ${out}: ${describeFileError(e, { EISDIR: 'it is a directory; give a file name', ENOENT: 'its folder does not exist' })}`);
  }
}

async function commandImport(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { output: { type: 'string', short: 'o' } } });
  if (positionals.length !== 1) throw new UsageError('give exactly one Python script');
  const script = positionals[0];
  let source: string;
  try {
    source = fs.readFileSync(script, 'utf8');
  } catch (e) {
    process.stderr.write(`weft: cannot read ${script}: ${(e as Error).message}\n`);
    return 2;
  }
  const result = importPython(source);
  if (!result.ok) {
    for (const problem of result.problems) process.stderr.write(`${script}:${problem.line}: ${problem.message}\n`);
    process.stderr.write(`weft: ${script}: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}; nothing written\n`);
    return 2;
  }
  const text = serializePipeline(result.pipeline);
  if (values.output) {
    writeOutput(values.output, text);
    process.stderr.write(`Wrote ${values.output} (${result.pipeline.nodes.length} nodes)\n`);
  } else {
    process.stdout.write(text);
  }
  return 0;
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
    // Loaded here: the download's http, https and crypto modules are of no use to the other commands' start-up.
    const { fetchData } = await import('./fetch-data.js');
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
  // Loaded here, not at the top: the app's host, its server and ws are ~40 modules that `weft run` never needs.
  const { startApp } = await import('../electron/launch.js');
  return startApp({ port, isBrowserMode: values.browser });
}

function onePipeline(positionals: string[]): string {
  if (positionals.length !== 1) throw new UsageError('give exactly one pipeline file');
  return positionals[0];
}

/** Runs the command line; resolves to the exit code. */
/**
 * The command line's command. `started.pool`: the worker pool bin/weft.js started before loading this module
 * (cli/early-pool.ts), which a run adopts; closed here whatever happens.
 */
export async function main(argv: string[], started: { pool?: StartedPool } = {}): Promise<number> {
  const [command, ...rest] = argv;
  // `weft run FILE | head`: once the reader has gone, what is left to print has nobody to read it. Stop quietly, as
  // Unix tools do, instead of dying of an unhandled EPIPE with a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(0);
  });
  try {
    switch (command) {
      case 'run':
        return await commandRun(rest, started.pool);
      case 'check':
        return await commandCheck(rest);
      case 'export':
        return await commandExport(rest);
      case 'import':
        return await commandImport(rest);
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
  } finally {
    await started.pool?.close();
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
  if (e instanceof PipelineInvalidError || e instanceof OutputPathError) {
    process.stderr.write(`weft: ${e.message}\n`);
    return 2;
  }
  if (e instanceof WeftError) {
    process.stderr.write(`weft: ${e.message}\n`);
    if (e.code === 'FILE_NOT_FOUND' && e.context.file?.includes(KDD_10_PERCENT.fileName)) {
      process.stderr.write(`hint: the samples' data set is not in the repository; run \`npx weft fetch-data\` to download it.\n`);
    }
    // Task failures and cluster runs happen while running; every other engine error is found before any work starts.
    return e.context.taskKey || e.code === 'CLUSTER' ? 1 : 2;
  }
  if ((e as { code?: string })?.code?.startsWith?.('FETCH_')) {
    process.stderr.write(`weft: ${(e as Error).message}\n`);
    return 1;
  }
  process.stderr.write(`weft: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
  return 1;
}
