/** Where a task writes an output file before the run succeeds and renames it into place. */
export function partialPathFor(target: string): string {
  return `${target}.weft-partial`;
}
