/**
 * What a reduction step returns for an empty partition that is not the last step (Dask's `no_result`): the next
 * aggregate skips it, so `max` of a bag with an empty partition is the max of the others rather than an error.
 */
export const NO_RESULT: unique symbol = Symbol('no_result');
export type NoResult = typeof NO_RESULT;
