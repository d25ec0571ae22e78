/**
 * Dask's plan for cutting a plain file into blocks (`read_bytes` in dask/bytes/core.py): when the size is not a
 * multiple of the block size, the block size is stretched so that the spare bytes spread over the blocks; an empty
 * file has no blocks. Each block then extends to the next line delimiter (fsspec's `read_block`).
 */
export function blockOffsets(size: number, blocksize: number): Array<{ offset: number; length: number }> {
  if (size === 0) return [];
  const stretched = size % blocksize && size > blocksize ? size / Math.floor(size / blocksize) : blocksize;
  let place = 0;
  const offsets = [0];
  while (size - place > stretched * 2 - 1) {
    place += stretched;
    offsets.push(Math.trunc(place));
  }
  return offsets.map((offset, i) => ({ offset, length: (i + 1 < offsets.length ? offsets[i + 1] : size) - offset }));
}
