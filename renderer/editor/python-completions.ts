/**
 * What the expression editor completes, in this order of preference: the document's `def`s, column names, the
 * builtins the engine accepts (never all of Python's: `print` or `open` would only fail validation), then keywords.
 * Local names (a lambda's parameters, a def's variables) come from lang-python's own source, added beside this one.
 * Nothing is offered inside comments; inside a string only column names are (`row['pro` completes `protocol`).
 */
import type { Completion, CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete';
import { syntaxTree } from '@codemirror/language';
import type { BuiltinName } from '../../electron/ipc/contract.js';
import { functionDefs } from './function-defs.js';

export interface CompletionNames {
  builtins: readonly BuiltinName[];
  /** The document's `functions` source, whose defs expressions may call; empty in the functions editor itself. */
  functions: string;
  columns: readonly string[];
}

// The statements and operators of the subset the engine parses; a keyword it does not take is not worth offering.
const KEYWORDS = 'lambda if else elif for in not and or is None True False def return while break continue pass try except finally raise yield global'.split(' ');
const JSON_FUNCTIONS: Completion[] = [
  { label: 'loads', type: 'function', detail: '(s)', info: 'Parse JSON text into Python values.' },
  { label: 'dumps', type: 'function', detail: '(obj)', info: 'Write a Python value as JSON text.' },
];
const BUILTIN_TYPE: Record<BuiltinName['kind'], string> = { type: 'class', function: 'function', exception: 'class', module: 'namespace' };

export function pythonCompletions(names: () => CompletionNames): CompletionSource {
  return (context: CompletionContext): CompletionResult | null => {
    const inner = syntaxTree(context.state).resolveInner(context.pos, -1);
    if (inner.name === 'Comment') return null;
    const { builtins, functions, columns } = names();
    if (inner.name === 'String' || inner.name === 'FormatString') {
      if (columns.length === 0) return null;
      const word = context.matchBefore(/\w*/);
      if (!word || (word.from === word.to && !context.explicit)) return null;
      return { from: word.from, options: columns.map((c) => ({ label: c, type: 'property', detail: 'column' })), validFor: /^\w*$/ };
    }
    const member = context.matchBefore(/\bjson\.\w*/);
    if (member) return { from: member.from + 'json.'.length, options: JSON_FUNCTIONS, validFor: /^\w*$/ };
    // After any other dot the name is an attribute, which only the value's type knows.
    if (context.matchBefore(/\.\w*/)) return null;
    const word = context.matchBefore(/\w+/);
    if (!word && !context.explicit) return null;
    const options: Completion[] = [
      ...functionDefs(functions).map((d) => ({ label: d.name, type: 'function', detail: d.params, info: 'defined in functions', boost: 3 })),
      ...columns.map((c) => ({ label: c, type: 'property', detail: 'column', boost: 2 })),
      ...builtins.map((b) => ({ label: b.name, type: BUILTIN_TYPE[b.kind], detail: b.kind === 'exception' ? 'exception' : 'builtin' })),
      ...KEYWORDS.map((k) => ({ label: k, type: 'keyword', boost: -1 })),
    ];
    return { from: word ? word.from : context.pos, options, validFor: /^\w*$/ };
  };
}
