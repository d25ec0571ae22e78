/**
 * What compiling a pipeline needs to know of the file system (globs and sizes, to plan read_text partitions),
 * passed in so that compile stays a pure function of its inputs.
 */
export interface FileSystemView {
  /** Absolute paths matching a pattern (or the path itself), sorted; empty when nothing matches. */
  expand(pattern: string): string[];
  /** Whether a plain file exists at this exact path (no glob). */
  exists(path: string): boolean;
  /** Whether a folder is at this exact path (so that "no file" can say it is a folder). */
  isDirectory?(path: string): boolean;
  /** Size of a file in bytes. */
  size(path: string): number;
  /** Something that changes whenever the file's content may have (its size and modification time). */
  version(path: string): string;
}
