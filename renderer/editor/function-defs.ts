/** The `def`s of the document's `functions`, read with the editor's own Python parser, for completion in expressions. */
import { pythonLanguage } from '@codemirror/lang-python';

export interface FunctionDef {
  name: string;
  /** The parameter list as written, e.g. `(line)`. */
  params: string;
}

/** Top-level defs only: those are the names an expression may call (a nested def is local to its function). */
export function functionDefs(source: string): FunctionDef[] {
  const defs: FunctionDef[] = [];
  const top = pythonLanguage.parser.parse(source).topNode;
  for (let node = top.firstChild; node; node = node.nextSibling) {
    const def = node.name === 'DecoratedStatement' ? node.getChild('FunctionDefinition') : node.name === 'FunctionDefinition' ? node : null;
    const name = def?.getChild('VariableName');
    if (!def || !name) continue;
    const params = def.getChild('ParamList');
    defs.push({ name: source.slice(name.from, name.to), params: params ? source.slice(params.from, params.to) : '()' });
  }
  return defs;
}
