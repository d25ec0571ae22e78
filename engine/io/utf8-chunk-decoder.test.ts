import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Utf8ChunkDecoder, Utf8DecodeError } from './utf8-chunk-decoder.js';

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

test("a decoding error says what Python's UTF-8 decoder says, at the offset in the whole stream", () => {
  // Python 3's own messages for `bytes.decode('utf-8')` of each input (checked with /usr/bin/python3).
  const cases: Array<[number[], string]> = [
    [[0x61, 0xff, 0x62], "'utf-8' codec can't decode byte 0xff in position 1: invalid start byte"],
    [[0x61, 0x62, 0xe9, 0x7a], "'utf-8' codec can't decode byte 0xe9 in position 2: invalid continuation byte"],
    [[0xe0, 0x80, 0x80], "'utf-8' codec can't decode byte 0xe0 in position 0: invalid continuation byte"],
    [[0xed, 0xa0, 0x80], "'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte"],
    [[0x6f, 0x6b, 0xf0, 0x9f, 0x98], "'utf-8' codec can't decode bytes in position 2-4: unexpected end of data"],
    [[0xc3], "'utf-8' codec can't decode byte 0xc3 in position 0: unexpected end of data"],
    [[0x78, 0xc3, 0xa9, 0x80], "'utf-8' codec can't decode byte 0x80 in position 3: invalid start byte"],
  ];
  for (const [bytes, message] of cases) {
    // Fed one byte at a time, so that positions must carry across chunks.
    const d = new Utf8ChunkDecoder();
    assert.throws(
      () => {
        for (const b of bytes) d.write(Buffer.from([b]));
        d.end();
      },
      (e: unknown) => e instanceof Utf8DecodeError && e.message === message,
      message,
    );
  }
});
