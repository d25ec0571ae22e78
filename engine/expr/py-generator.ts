import { raise } from './py-exception.js';

let nextAddress = 0x7f0000001000;

/**
 * A Python generator: what a generator expression evaluates to when it is not consumed on the spot (`g = (x for x in
 * y)`), and what calling a def that contains `yield` returns. It wraps a JS generator, so it can be iterated once,
 * as in Python, and nothing in its body runs before the first item is asked for.
 *
 * It is its own iterator and deliberately has no `return` method: a JS `for...of` that stops early (`break`, `in`
 * finding the item, `any`) would otherwise close the generator, where Python leaves it suspended so that a later loop
 * resumes it.
 */
export class PyGenerator implements Iterator<unknown>, Iterable<unknown> {
  private running = false;
  private address = 0;

  constructor(
    private readonly it: Iterator<unknown>,
    /** The qualified name Python prints: `<genexpr>`, `running_total`, `f.<locals>.g`. */
    readonly name = '<genexpr>',
  ) {}

  next(): IteratorResult<unknown> {
    // JS would throw its own TypeError for a generator that iterates itself; Python raises ValueError.
    if (this.running) raise('ValueError', 'generator already executing');
    this.running = true;
    try {
      return this.it.next();
    } finally {
      this.running = false;
    }
  }

  [Symbol.iterator](): this {
    return this;
  }

  /** `<generator object running_total at 0x7f...>`: the address is a per-object counter, stable for its life. */
  repr(): string {
    if (this.address === 0) this.address = (nextAddress += 0x70);
    return `<generator object ${this.name} at 0x${this.address.toString(16)}>`;
  }
}
