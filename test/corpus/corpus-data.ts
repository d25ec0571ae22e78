/**
 * The small data files the generated corpus reads, made from a seed (so every run has the same bytes): a text file
 * of words, a CSV of records, and a folder of parts for a glob. The KDD file is linked in beside them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Random } from './random.js';

const WORDS = ['apple', 'bag', 'cherry', 'dask', 'elm', 'fig', 'graph', 'hash', 'item', 'join', 'key', 'lambda', 'map', 'node', 'ünïcode'];
const GROUPS = ['north', 'south', 'east', 'west'];

/** Writes the corpus data into `dir/data` and links the KDD file there when it exists. */
export function writeCorpusData(dir: string, kddFile: string): void {
  const data = path.join(dir, 'data');
  fs.mkdirSync(path.join(data, 'parts'), { recursive: true });
  const random = new Random(1999);
  const sentence = () => Array.from({ length: random.int(1, 6) }, () => random.pick(WORDS)).join(' ');
  fs.writeFileSync(path.join(data, 'words.txt'), Array.from({ length: 240 }, sentence).join('\n') + '\n');
  const rows = Array.from({ length: 300 }, (_, i) => `person${i % 37},${random.pick(GROUPS)},${random.int(0, 100)}`);
  fs.writeFileSync(path.join(data, 'records.csv'), rows.join('\n') + '\n');
  for (let i = 0; i < 3; i++) fs.writeFileSync(path.join(data, 'parts', `part-${i}.txt`), Array.from({ length: 20 + i * 7 }, sentence).join('\n') + '\n');
  if (fs.existsSync(kddFile)) fs.symlinkSync(kddFile, path.join(data, path.basename(kddFile)));
}
