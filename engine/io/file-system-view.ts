/**
 * What compiling a pipeline needs to know of the file system (globs and sizes, to plan read_text partitions; what is
 * where an output goes, to refuse a target that cannot be written before anything runs),
 * passed in so that compile stays a pure function of its inputs.
 */
export interface FileSystemView {
  /** Absolute paths matching a pattern (or the path itself), sorted; empty when nothing matches. */
  expand(pattern: string): string[];
  /** Whether a plain file exists at this exact path (no glob). */
  exists(path: string): boolean;
  /** Size of a file in bytes. */
  size(path: string): number;
  /** Something that changes whenever the file's content may have (its size and modification time). */
  version(path: string): string;
  /** What is at a path (following links): a file, a folder, something else (a device, a pipe), or nothing. */
  kind(path: string): 'file' | 'folder' | 'other' | null;
  /** Whether this process may create files in a folder. */
  canWriteIn(folder: string): boolean;
  /**
   * Dask's sample of a file for `read_csv`'s meta: its first `bytes` bytes (decompressed) and on through the next
   * newline, or all of a shorter file.
   */
  sample(path: string, compression: 'gzip' | null, bytes: number): Uint8Array;
  /** The machine's memory and cores, which Dask's default `read_csv` blocksize is computed from. */
  host: { totalMemory: number; cpuCount: number };
}
