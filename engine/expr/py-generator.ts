/**
 * A Python generator: what a generator expression evaluates to when it is not consumed on the spot (`g = (x for x in
 * y)`). It wraps a JS iterator, so it can be iterated once, as in Python.
 */
export class PyGenerator {
  constructor(readonly it: Iterator<unknown> & Iterable<unknown>) {}
}
