/**
 * A lookup table keyed by names that may come from user code (method names, type names). Its object has no
 * prototype, so `toString`, `constructor` or `__proto__` are plain missing keys rather than Object.prototype's members.
 */
export function nameTable<T>(entries: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
}
