import { isUtf8 } from 'node:buffer';

/**
 * Decodes UTF-8 arriving in chunks, strictly (invalid input is an error, as Python's 'strict' is), with Node's native
 * decoder: several times faster than a streaming TextDecoder on large files. A character split across two chunks
 * is held back until the next chunk completes it.
 */
export class Utf8ChunkDecoder {
  private pending: Buffer | null = null;

  /** The text of `chunk` up to its last complete character; throws on invalid UTF-8. */
  write(chunk: Buffer): string {
    const bytes = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    const end = completeLength(bytes);
    this.pending = end < bytes.length ? Buffer.from(bytes.subarray(end)) : null;
    const complete = bytes.subarray(0, end);
    if (!isUtf8(complete)) throw new Error('invalid UTF-8');
    return complete.toString('utf8');
  }

  /** Ends the stream; a character still incomplete is an error. */
  end(): string {
    if (this.pending) throw new Error('truncated UTF-8 at the end of the input');
    return '';
  }
}

/** The length of the longest prefix of `bytes` that does not end inside a multi-byte character. */
function completeLength(bytes: Buffer): number {
  const n = bytes.length;
  // Walk back over at most 3 continuation bytes (10xxxxxx) to the lead byte of the last character.
  for (let back = 1; back <= Math.min(4, n); back++) {
    const b = bytes[n - back];
    if ((b & 0xc0) === 0x80) continue;
    const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return needed > back ? n - back : n;
  }
  return n;
}
