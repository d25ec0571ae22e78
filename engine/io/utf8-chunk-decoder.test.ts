import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Utf8ChunkDecoder } from './utf8-chunk-decoder.js';

test('characters split across chunks at every byte boundary decode whole', () => {
  const text = 'aé€𝄞z'.repeat(5);
  const bytes = Buffer.from(text);
  for (let cut = 0; cut <= bytes.length; cut++) {
    const d = new Utf8ChunkDecoder();
    assert.equal(d.write(bytes.subarray(0, cut)) + d.write(bytes.subarray(cut)) + d.end(), text, `cut at ${cut}`);
  }
});

test('invalid or truncated UTF-8 is an error', () => {
  assert.throws(() => new Utf8ChunkDecoder().write(Buffer.from([0x61, 0xff, 0x62])));
  const d = new Utf8ChunkDecoder();
  d.write(Buffer.from([0xe2, 0x82]));
  assert.throws(() => d.end());
});
