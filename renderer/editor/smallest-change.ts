/**
 * The one replacement that turns `before` into `after`: what lies between their common prefix and common suffix.
 * Applied to an editor, it leaves the cursor where it was when the change is elsewhere (an undo of another edit).
 */
export function smallestChange(before: string, after: string): { from: number; to: number; insert: string } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { from: start, to: before.length - end, insert: after.slice(start, after.length - end) };
}
