import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readSampleSync } from '../dataframe/csv/read-block-bytes.js';
import { globSync, isDynamicPattern } from 'tinyglobby';
import type { FileSystemView } from './file-system-view.js';

/** The real file system, for compiling pipelines on this machine. Globs expand in sorted order, as fsspec's do. */
export const nodeFileSystem: FileSystemView = {
  exists: (file) => fs.existsSync(file) && fs.statSync(file).isFile(),
  expand(pattern) {
    if (!isDynamicPattern(pattern)) return nodeFileSystem.exists(pattern) ? [pattern] : [];
    const root = path.parse(pattern).root;
    const matches = globSync(path.relative(root, pattern).split(path.sep).join('/'), { cwd: root, onlyFiles: true, absolute: true, expandDirectories: false });
    return matches.map((m) => path.resolve(m)).sort();
  },
  size: (file) => fs.statSync(file).size,
  version(file) {
    const stat = fs.statSync(file);
    return `${stat.size}:${stat.mtimeMs}`;
  },
  kind(file) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      // Nothing there, or a path through a file or a folder we may not search: the caller looks at the parent.
      return null;
    }
    return stat.isFile() ? 'file' : stat.isDirectory() ? 'folder' : 'other';
  },
  sample: (file, compression, bytes) => readSampleSync(file, compression, bytes),
  host: { totalMemory: os.totalmem(), cpuCount: os.cpus().length },
  canWriteIn(folder) {
    try {
      fs.accessSync(folder, fs.constants.W_OK | fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  },
};
