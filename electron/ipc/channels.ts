/** Electron IPC channel names: one for requests (invoke/handle), one for host events (main -> renderer). */
export const REQUEST_CHANNEL = 'weft:request';
export const EVENT_CHANNEL = 'weft:event';
