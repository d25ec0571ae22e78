/** What a bag's preview is: its first elements, or, when the bag has fewer than the preview's limit, all of it. */
import type { NodeResult } from '../electron/ipc/contract.js';

/**
 * A preview is a `take` of the first `limit` elements over all partitions: fewer than the limit means the bag has
 * no more, so what is shown is all of it. (Exactly `limit` may or may not be all; it is called a preview.)
 */
export function isWholeBag(result: Extract<NodeResult, { kind: 'bag-preview' }>): boolean {
  return result.elements.length < result.limit;
}
