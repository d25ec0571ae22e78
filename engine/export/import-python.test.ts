import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importPython } from './import-python.js';

const HAND_WRITTEN = `"""Word lengths

Counts words by length, as in a tutorial.
"""
import dask
import dask.bag as db

MIN_LENGTH = 3
UNUSED = 'not read by anything'


def clean(word):
    return word.strip().lower()


lines = db.read_text('data/words-*.txt', blocksize=None)
words = lines.map(lambda line: line.split(' ')).flatten().map(clean)
long_words = words.filter(lambda w: len(w) >= MIN_LENGTH)
numbers = db.from_sequence(range(10), npartitions=2)
both = db.concat([numbers, numbers])
shifted = numbers.map(lambda x: x + 1)
pairs = numbers.map(lambda a, b: (a, b), shifted)
total = long_words.count().compute()
per_key = long_words.foldby(len, lambda acc, w: acc + 1, 0, combine=lambda a, b: a + b)
first = numbers.take(3)

if __name__ == "__main__":
    print(f"{total} long words")
    print(per_key.compute(), first)
`;

test('a hand-written script of the same shape reads back: chains, positional and keyword params, constants', () => {
  const result = importPython(HAND_WRITTEN);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
  const p = result.pipeline;
  assert.equal(p.name, 'Word lengths');
  assert.equal(p.description, 'Counts words by length, as in a tutorial.');
  assert.equal(p.functions, "MIN_LENGTH = 3\nUNUSED = 'not read by anything'\n\n\ndef clean(word):\n    return word.strip().lower()\n");
  assert.deepEqual(p.nodes, [
    { id: 'lines', op: 'bag.read_text', params: { urlpath: 'data/words-*.txt', blocksize: null } },
    { id: 'words_1', op: 'bag.map', inputs: ['lines'], params: { func: "lambda line: line.split(' ')" } },
    { id: 'words_2', op: 'bag.flatten', inputs: ['words_1'] },
    { id: 'words', op: 'bag.map', inputs: ['words_2'], params: { func: 'clean' } },
    { id: 'long_words', op: 'bag.filter', inputs: ['words'], params: { predicate: 'lambda w: len(w) >= MIN_LENGTH' } },
    { id: 'numbers', op: 'bag.from_sequence', params: { seq: 'range(10)', npartitions: 2 } },
    { id: 'both', op: 'bag.concat', inputs: ['numbers', 'numbers'] },
    { id: 'shifted', op: 'bag.map', inputs: ['numbers'], params: { func: 'lambda x: x + 1' } },
    { id: 'pairs', op: 'bag.map', inputs: ['numbers', 'shifted'], params: { func: 'lambda a, b: (a, b)' } },
    // `.compute()` ends the chain: the node is an output anyway.
    { id: 'total', op: 'bag.count', inputs: ['long_words'] },
    { id: 'per_key', op: 'bag.foldby', inputs: ['long_words'], params: { key: 'len', binop: 'lambda acc, w: acc + 1', initial: 0, combine: 'lambda a, b: a + b' } },
    { id: 'first', op: 'bag.take', inputs: ['numbers'], params: { k: 3 } },
  ]);
});

test('what cannot be read is reported with its line', () => {
  const script = [
    'import dask.bag as db',
    'b = db.from_sequence(range(4))',
    'up = b.str.upper()',
    'n = 3',
    'first = b.take(n)',
    'b.map(lambda x: x + 1)',
    'other = db.from_delayed([])',
    'if True:',
    '    inner = db.from_sequence([1])',
    'c = b.map(lambda x: x, b.map(len))',
  ].join('\n');
  const result = importPython(script);
  assert.ok(!result.ok);
  const byLine = Object.fromEntries(result.problems.map((p) => [p.line, p.message]));
  assert.match(byLine[3], /cannot read 'up = b\.str\.upper\(\)'/);
  assert.match(byLine[5], /parameter 'k' must be a literal/);
  assert.match(byLine[6], /not assigned to a variable/);
  assert.match(byLine[7], /db\.from_delayed is not an operation Weft has/);
  assert.match(byLine[9], /'inner' is inside a block/);
  assert.match(byLine[10], /takes at most 1 positional argument/);
  assert.equal(result.problems.length, 6);
});

test('round trip keeps what code cannot say: odd ids, quotes in texts, no name, node order, layout', async () => {
  const { exportPython } = await import('./export-python.js');
  const pipeline = {
    weft: 1 as const,
    description: 'Says """hi""" and C:\\temp, then ends with a quote: "',
    nodes: [
      { id: 'total count', op: 'bag.count', inputs: ['for'] },
      { id: 'for', op: 'bag.from_sequence', params: { seq: "[1, 2, 'a,b']", partition_size: 2 } },
      { id: 'db', op: 'bag.map', inputs: ['for'], params: { func: "lambda x: {'k': x}" } },
    ],
    layout: { 'total count': { x: 1, y: 2 } },
  };
  const result = importPython(exportPython(pipeline).text);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
  assert.deepEqual(result.pipeline, pipeline);
});

test('a problem in the functions block is reported at its line of the script, not line 1 (issue 10, item 13)', () => {
  const script = ['import dask.bag as db', '', '', 'def f(x):', '    return x +* 2', '', '', 'nums = db.from_sequence(range(4), npartitions=2)', 'm = nums.map(f)'].join('\n');
  const result = importPython(script);
  assert.ok(!result.ok);
  assert.deepEqual(result.problems, [{ line: 5, message: 'invalid syntax (column 15)' }]);
});

test('a problem in a step of a chain is reported at the line of that call', () => {
  const script = ['import dask.bag as db', 'nums = db.from_sequence(range(4), npartitions=2)', '', 'm = (nums.map(str)', '     .map(lambda x: zz)', '     .filter(bool))'].join('\n');
  const result = importPython(script);
  assert.ok(!result.ok);
  assert.equal(result.problems.length, 1);
  assert.equal(result.problems[0].line, 5);
  assert.match(result.problems[0].message, /name 'zz' is not defined/);
});

test('try/finally without except in a def imports (issue 10, item 6)', () => {
  const script = ['import dask.bag as db', 'def f(x):', '    try:', '        return x * 2', '    finally:', '        pass', 'nums = db.from_sequence(range(4), npartitions=2)', 'm = nums.map(f)'].join('\n');
  const result = importPython(script);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
  assert.match(result.pipeline.functions!, /finally:/);
});

test('deeply nested scripts are refused with a limit at their line, not a stack overflow (issue 10, item 7)', () => {
  const deepLambda = ['import dask.bag as db', 'nums = db.from_sequence(range(4), npartitions=2)', '', '', `m = nums.map(lambda x: ${'('.repeat(500)}x${')'.repeat(500)})`].join('\n');
  const deepList = ['import dask.bag as db', `nums = db.from_sequence(${'['.repeat(5000)}${']'.repeat(5000)}, npartitions=2)`].join('\n');
  const longChain = ['import dask.bag as db', 'nums = db.from_sequence(range(4), npartitions=2)', `m = nums${'.map(str)'.repeat(3000)}`].join('\n');
  const deepDef = ['import dask.bag as db', 'def f(x):', ...Array.from({ length: 300 }, (_, i) => `${' '.repeat(4 * (i + 1))}if x:`), `${' '.repeat(1204)}return x`, 'nums = db.from_sequence(range(4))', 'm = nums.map(f)'].join('\n');
  for (const [script, line] of [[deepLambda, 5], [deepList, 2], [longChain, 3], [deepDef, 2]] as const) {
    const result = importPython(script);
    assert.ok(!result.ok);
    assert.equal(result.problems.length, 1, JSON.stringify(result.problems));
    assert.match(result.problems[0].message, /nested deeper than \d+ levels/);
    assert.ok(result.problems[0].line >= line, `${result.problems[0].line} >= ${line}`);
  }
});
