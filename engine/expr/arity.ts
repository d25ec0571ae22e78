import { raise } from './py-exception.js';

/**
 * Checks the number of positional arguments given to a builtin or a method, raising TypeError worded as CPython words
 * it for functions without keyword arguments (`str.upper() takes no arguments (1 given)`).
 */
export function checkArity(label: string, given: number, min: number, max: number): void {
  if (given >= min && given <= max) return;
  if (max === 0) raise('TypeError', `${label}() takes no arguments (${given} given)`);
  if (min === 1 && max === 1) raise('TypeError', `${label}() takes exactly one argument (${given} given)`);
  if (given < min) raise('TypeError', `${label}() takes at least ${min} argument${min === 1 ? '' : 's'} (${given} given)`);
  raise('TypeError', `${label}() takes at most ${max} argument${max === 1 ? '' : 's'} (${given} given)`);
}
