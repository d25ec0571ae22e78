/**
 * The Python variable of each node in an exported script. A node id that is a usable Python name is its own variable,
 * so the script reads like the canvas; any other id (not an identifier, a keyword, or a name the script itself uses)
 * gets a variable derived from it, and the exporter writes a `# weft: node "<id>"` line above it for the importer.
 */
const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif',
  'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'try', 'while', 'with', 'yield', 'match', 'case', 'type',
]);

/** Names the exported script and notebook define or import, and the builtins expressions may call. */
export const SCRIPT_NAMES = new Set([
  'argparse', 'os', 'json', 'dask', 'db', 'ProgressBar', 'Client', 'progress', 'parser', 'args', 'client', 'data_path',
  'DATA_DIR', 'outputs', 'results', 'futures', 'name', 'value',
  'len', 'int', 'float', 'str', 'bool', 'abs', 'min', 'max', 'sum', 'round', 'sorted', 'range', 'enumerate', 'zip',
  'list', 'tuple', 'dict', 'set', 'any', 'all', 'map', 'filter', 'reversed', 'isinstance', 'print', 'repr', 'open',
]);

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Whether `name` can be a node's variable as it is. */
export function isPlainVariable(name: string, taken: ReadonlySet<string>): boolean {
  return IDENTIFIER.test(name) && !KEYWORDS.has(name) && !SCRIPT_NAMES.has(name) && !taken.has(name) && !name.startsWith('_');
}

/** A variable for every node id, unique, avoiding the script's names and `functionNames`. */
export function nodeVariables(ids: string[], functionNames: ReadonlySet<string>): Map<string, string> {
  const taken = new Set(functionNames);
  const out = new Map<string, string>();
  // Plain ids first, so that a derived name never takes the variable of a node that is named exactly that.
  for (const id of ids) if (isPlainVariable(id, taken)) taken.add(id);
  for (const id of ids) {
    if (IDENTIFIER.test(id) && taken.has(id) && !functionNames.has(id) && !SCRIPT_NAMES.has(id) && !KEYWORDS.has(id) && !id.startsWith('_')) {
      out.set(id, id);
      continue;
    }
    const base = `node_${id.replace(/[^A-Za-z0-9_]/g, '_')}`;
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
    taken.add(name);
    out.set(id, name);
  }
  return out;
}

/** The names a functions block defines at its top level (`def f`, `X = ...`), which node variables must not shadow. */
export function definedNames(functions: string): Set<string> {
  const names = new Set<string>();
  for (const match of functions.matchAll(/^(?:def\s+([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=))/gm)) names.add(match[1] ?? match[2]);
  return names;
}
