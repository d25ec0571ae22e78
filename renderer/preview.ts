/** What a collection's preview is: its first elements, or, when it has fewer than the preview's limit, all of it. */
import type { NodeResult } from '../electron/ipc/contract.js';

/**
 * A preview is the first `limit` elements over all partitions (a bag's `take`): fewer than the limit means the
 * collection has no more, so what is shown is all of it. (Exactly `limit` may or may not be all; it is called a preview.)
 */
export function isWholePreview(result: Extract<NodeResult, { kind: 'preview' }>): boolean {
  return result.elements.length < result.limit;
}
