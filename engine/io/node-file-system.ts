import fs from 'node:fs';
import path from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';
import type { FileSystemView } from './file-system-view.js';

/** The real file system, for compiling pipelines on this machine. Globs expand in sorted order, as fsspec's do. */
export const nodeFileSystem: FileSystemView = {
  exists: (file) => fs.existsSync(file) && fs.statSync(file).isFile(),
  isDirectory: (file) => fs.existsSync(file) && fs.statSync(file).isDirectory(),
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
};
