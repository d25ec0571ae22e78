/**
 * An encoding in segments (codec.ts's Writer, frame-codec.ts's columns) as one buffer: a fresh ArrayBuffer, or a
 * SharedArrayBuffer when it is to cross threads without a copy (worker.ts).
 */
export function concatSegments(segments: readonly Uint8Array[], shared = false): Uint8Array {
  const length = segments.reduce((n, s) => n + s.byteLength, 0);
  const out = new Uint8Array(shared ? new SharedArrayBuffer(length) : new ArrayBuffer(length));
  let at = 0;
  for (const s of segments) {
    out.set(s, at);
    at += s.byteLength;
  }
  return out;
}
