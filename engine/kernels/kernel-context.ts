/**
 * What a worker keeps between tasks: the kernels it runs tasks with, the compiled `functions` module of each pipeline
 * and the callables compiled from each expression, so that an expression compiles once per worker, not once per
 * element or per task; and the warnings the running task gave (Dask's `warnings.warn` inside a task, such as
 * `safe_head`'s), which its executor takes after the task and hands back with its results.
 */
import type { KernelRegistry } from './kernel-registry.js';
import { compileCallable, compileModule, evaluateExpression, type PyCallable, type PyModule } from '../expr/index.js';

export class KernelContext {
  /**
   * @param kernels the code of every kind of task step (ops/kernels.ts).
   * @param encodesPartitions whether collected partitions are encoded as they are built (in worker threads, whose
   * results leave as bytes anyway) rather than gathered as objects (the inline scheduler, which keeps objects).
   */
  constructor(
    readonly kernels: KernelRegistry,
    readonly encodesPartitions = false,
  ) {}

  private readonly modules = new Map<string, PyModule>();
  private warnings: string[] = [];

  /** A warning of the running task, as runs report it: `node '<id>': <message>`. */
  warn(nodeId: string, message: string): void {
    this.warnings.push(`node '${nodeId}': ${message}`);
  }

  /** The warnings given since the last call (by the task that just ran), and none kept. */
  takeWarnings(): string[] {
    const taken = this.warnings;
    this.warnings = [];
    return taken;
  }
  private readonly callables = new Map<PyModule, Map<string, PyCallable>>();

  /** The compiled module of a pipeline's `functions`. */
  module(functions: string): PyModule {
    let module = this.modules.get(functions);
    if (!module) {
      module = compileModule(functions);
      this.modules.set(functions, module);
    }
    return module;
  }

  /** A callable param (`lambda x: ...`, a def's name, a builtin). */
  callable(functions: string, source: string): PyCallable {
    const module = this.module(functions);
    let cache = this.callables.get(module);
    if (!cache) this.callables.set(module, (cache = new Map()));
    let fn = cache.get(source);
    if (!fn) {
      fn = compileCallable(source, module);
      cache.set(source, fn);
    }
    return fn;
  }

  /**
   * A key param as Dask reads it: a callable is called, anything else selects `element[key]`
   * (`distinct(key='name')`, `foldby(0, ...)`).
   */
  keyFunction(functions: string, source: string): PyCallable {
    const value = evaluateExpression(source, this.module(functions));
    if (typeof value === 'function') return value as PyCallable;
    return this.callable(functions, `lambda element_: element_[(${source})]`);
  }
}
