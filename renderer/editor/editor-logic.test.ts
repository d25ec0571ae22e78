/** The expression editor's pure parts under Node: what it completes where, where it marks a problem, how it applies outside values. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { pythonLanguage } from '@codemirror/lang-python';
import { EditorState, Text } from '@codemirror/state';
import type { BuiltinName, Problem } from '../../electron/ipc/contract.js';
import { functionDefs } from './function-defs.js';
import { pythonCompletions, type CompletionNames } from './python-completions.js';
import { problemDiagnostics, problemText } from './problem-diagnostics.js';
import { smallestChange } from './smallest-change.js';

const FUNCTIONS = "import json\n\ndef parse_interaction(line):\n    def inner(x):\n        return x\n    return line.split(',')\n\n@staticmethod\ndef tagged(kv, sep=':'):\n    return kv\n";
const BUILTINS: BuiltinName[] = [{ name: 'len', kind: 'function' }, { name: 'list', kind: 'type' }, { name: 'ValueError', kind: 'exception' }, { name: 'json', kind: 'module' }];

/** Completes `doc` at its `|`, as typing there would. */
function complete(doc: string, names: Partial<CompletionNames> = {}, explicit = false): CompletionResult | null {
  const pos = doc.indexOf('|');
  const state = EditorState.create({ doc: doc.replace('|', ''), extensions: [pythonLanguage] });
  const source = pythonCompletions(() => ({ builtins: BUILTINS, functions: FUNCTIONS, columns: [], ...names }));
  return source(new CompletionContext(state, pos, explicit)) as CompletionResult | null;
}
const labels = (r: CompletionResult | null) => (r ? r.options.map((o) => o.label) : null);

test('function defs: the top-level defs with their params, decorated or not; nested defs are not callable from outside', () => {
  assert.deepEqual(functionDefs(FUNCTIONS), [{ name: 'parse_interaction', params: '(line)' }, { name: 'tagged', params: "(kv, sep=':')" }]);
  assert.deepEqual(functionDefs(''), []);
  // Half-typed source still yields the defs before the break.
  assert.deepEqual(functionDefs('def a(x):\n    return x\ndef b(').map((d) => d.name), ['a', 'b']);
});

test('completion: defs first, then columns, builtins and keywords; from the start of the word', () => {
  const result = complete('lambda x: pa|', { columns: ['protocol'] });
  assert.equal(result?.from, 'lambda x: '.length);
  const options = labels(result)!;
  assert.deepEqual(options.slice(0, 3), ['parse_interaction', 'tagged', 'protocol']);
  assert.ok(options.includes('len') && options.includes('ValueError') && options.includes('lambda'));
  const def = result!.options.find((o) => o.label === 'parse_interaction')!;
  assert.equal(def.detail, '(line)');
  // CodeMirror ranks by how well the typed word matches, then by boost: a def outranks a builtin that matches as well.
  assert.ok(def.boost! > (result!.options.find((o) => o.label === 'len')!.boost ?? 0));
});

test('completion: nothing in comments or after a dot, json members after json., columns inside strings', () => {
  assert.equal(complete('lambda x: x # le|'), null);
  assert.equal(complete('lambda x: x.spl|'), null);
  assert.deepEqual(labels(complete('lambda s: json.lo|')), ['loads', 'dumps']);
  assert.equal(complete('lambda s: json.lo|')!.from, 'lambda s: json.'.length);
  assert.equal(complete("lambda row: row['pro|']"), null, 'no columns known: nothing in a string');
  const inString = complete("lambda row: row['pro|']", { columns: ['protocol', 'bytes'] });
  assert.deepEqual(labels(inString), ['protocol', 'bytes']);
  assert.equal(inString!.from, "lambda row: row['".length);
  // Not on an empty word unless asked (Ctrl+Space).
  assert.equal(complete('lambda x: |'), null);
  assert.ok(labels(complete('lambda x: |', {}, true))!.includes('len'));
});

test('problems: marked on the character or name their line and column point at, the end when past it, nowhere without a position', () => {
  const doc = Text.of(['def f(x):', '    return x +', 'y = 1']);
  const at = (line: number, column: number) => {
    const problem: Problem = { code: 'EXPRESSION', message: `functions, line ${line}, column ${column}: invalid syntax`, line, column };
    const [d] = problemDiagnostics(problem, doc);
    return { text: doc.sliceString(d.from, d.to), from: d.from, message: d.message };
  };
  assert.deepEqual(at(2, 14), { text: '+', from: 10 + 13, message: 'invalid syntax' });
  assert.deepEqual(at(1, 1), { text: 'def', from: 0, message: 'invalid syntax' });
  assert.deepEqual(at(2, 12), { text: 'x', from: 10 + 11, message: 'invalid syntax' });
  // Past the end of line 2: a point at its end, not the start of line 3.
  assert.deepEqual(at(2, 40), { text: '', from: 10 + 14, message: 'invalid syntax' });
  assert.deepEqual(problemDiagnostics({ code: 'PARAM', message: 'required' }, doc), []);
  assert.deepEqual(problemDiagnostics(undefined, doc), []);
  assert.equal(problemText({ code: 'EXPRESSION', message: "node 'f' (bag.filter): param 'predicate', line 1, column 18: invalid syntax" }), 'invalid syntax');
});

test('outside values: the smallest replacement, which turns one text into the other', () => {
  const cases: Array<[string, string]> = [['lambda x: x', 'lambda x: x * 2'], ['abcabc', 'abc'], ['', 'x'], ['x', ''], ['same', 'same'], ['aXb', 'aYb'], ['aa', 'aaa']];
  for (const [before, after] of cases) {
    const { from, to, insert } = smallestChange(before, after);
    assert.equal(before.slice(0, from) + insert + before.slice(to), after, `${before} -> ${after}`);
    assert.ok(to - from + insert.length <= Math.max(before.length, after.length));
  }
  assert.deepEqual(smallestChange('lambda x: x', 'lambda x: x * 2'), { from: 11, to: 11, insert: ' * 2' });
  assert.deepEqual(smallestChange('aXb', 'aYb'), { from: 1, to: 2, insert: 'Y' });
});
