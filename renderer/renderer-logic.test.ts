/** The renderer's pure logic, run by node's test runner (compiled by the root tsconfig; the UI itself is tested in test/e2e). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CollectionInfo, OperationInfo, PipelineFile, PortKind } from '../electron/ipc/contract.js';
import { nodeSignatures } from './node-signature.js';
import { addLabels, paletteSections, searchOperations } from './palette-search.js';
import { columnLabel, pickableColumns, toggleColumn } from './schema-words.js';
import { aggEntries, toggleAggregation } from './agg-spec.js';
import { tokenize } from './python-highlight.js';
import { highlightLines, selectedLines } from './code-lines.js';

test('highlighter: tokens cover the source exactly and are classified', () => {
  const source = "lambda x: x[0] == 'normal' # tag\nreturn 1.5";
  const tokens = tokenize(source);
  assert.equal(tokens.map((t) => t.text).join(''), source);
  assert.deepEqual(tokens.filter((t) => t.kind !== 'plain').map((t) => [t.kind, t.text]), [
    ['keyword', 'lambda'],
    ['number', '0'],
    ['string', "'normal'"],
    ['comment', '# tag'],
    ['keyword', 'return'],
    ['number', '1.5'],
  ]);
});

test('palette search: names first, then docs; every word must match', () => {
  const op = (name: string, doc: string): OperationInfo => ({ op: `bag.${name}`, collection: 'bag', name, group: 'transform', doc, inputs: ['bag'], output: 'bag', outputKinds: ['bag'], params: [] });
  const ops = [op('map', 'Apply a function to every element.'), op('filter', 'Keep the elements for which the predicate is true.'), op('map_partitions', 'Apply a function to each partition.')];
  assert.deepEqual(searchOperations(ops, 'map').map((o) => o.op), ['bag.map', 'bag.map_partitions']);
  assert.deepEqual(searchOperations(ops, 'predicate').map((o) => o.op), ['bag.filter']);
  assert.deepEqual(searchOperations(ops, 'apply partition').map((o) => o.op), ['bag.map_partitions']);
  assert.equal(searchOperations(ops, '').length, 3);
});

test('node signatures change with a node and everything downstream of it, not upstream or beside it', () => {
  const base: PipelineFile = {
    weft: 1,
    nodes: [
      { id: 'a', op: 'bag.from_sequence', params: { seq: 'range(3)' } },
      { id: 'b', op: 'bag.map', inputs: ['a'], params: { func: 'lambda x: x' } },
      { id: 'c', op: 'bag.count', inputs: ['b'] },
      { id: 'd', op: 'bag.sum', inputs: ['a'] },
    ],
    layout: { a: { x: 0, y: 0 } },
  };
  const before = nodeSignatures(base);
  const edited = nodeSignatures({ ...base, nodes: base.nodes.map((n) => (n.id === 'b' ? { ...n, params: { func: 'lambda x: x + 1' } } : n)) });
  assert.equal(edited.a, before.a);
  assert.equal(edited.d, before.d);
  assert.notEqual(edited.b, before.b);
  assert.notEqual(edited.c, before.c);
  const moved = nodeSignatures({ ...base, layout: { a: { x: 50, y: 0 } } });
  assert.deepEqual(moved, before, 'moving a node changes no result');
  const functions = nodeSignatures({ ...base, functions: 'def f(x):\n    return x\n' });
  assert.notEqual(functions.b, before.b, 'the functions a node may call are part of it');
});

test('code pane lines: a docstring is one string cut at its newlines; every line keeps its text; nodes map to lines', () => {
  const source = '"""Bag basics\n\nfor the tutorial\n"""\nimport dask\nkv = raw.map(lambda x: x)  # parse\n';
  const lines = highlightLines(source);
  assert.deepEqual(lines.map((l) => l.map((t) => t.text).join('')), source.split('\n'));
  assert.deepEqual(lines[2], [{ text: 'for the tutorial', kind: 'string' }], 'a keyword inside a docstring is string text');
  assert.deepEqual(lines[4].filter((t) => t.kind !== 'plain').map((t) => [t.kind, t.text]), [['keyword', 'import']]);
  assert.deepEqual(lines[5].filter((t) => t.kind !== 'plain').map((t) => [t.kind, t.text]), [['builtin', 'map'], ['keyword', 'lambda'], ['comment', '# parse']]);
  assert.deepEqual([...selectedLines({ a: { start: 3, end: 4 }, b: { start: 6, end: 6 } }, ['b', 'a', 'gone'])].sort(), [3, 4, 6]);
});

test('palette sections: by collection in the host\'s order, then by group; a name two collections share stays unique', () => {
  const op = (collection: PortKind, name: string, group: OperationInfo['group']): OperationInfo => ({ op: `${collection}.${name}`, collection, name, group, doc: '', inputs: [], output: collection, outputKinds: [collection], params: [] });
  const ops = [op('dataframe', 'sum', 'aggregate'), op('dataframe', 'read_csv', 'create'), op('bag', 'sum', 'aggregate'), op('series', 'value_counts', 'aggregate'), op('bag', 'map', 'transform')];
  const info = (kind: PortKind, label: string): [PortKind, CollectionInfo] => [kind, { kind, label, article: '', plural: '', partitioned: true }];
  const collections = new Map([info('bag', 'Bag'), info('dataframe', 'DataFrame'), info('series', 'Series'), info('item', 'value')]);
  const sections = paletteSections(ops, [...collections.keys()]);
  assert.deepEqual(
    sections.map((s) => [s.kind, s.groups.map(([g, list]) => [g, list.map((o) => o.name)])]),
    [
      ['bag', [['transform', ['map']], ['aggregate', ['sum']]]],
      ['dataframe', [['create', ['read_csv']], ['aggregate', ['sum']]]],
      ['series', [['aggregate', ['value_counts']]]],
    ],
  );
  const labels = addLabels(ops, collections);
  assert.equal(labels.get('bag.sum'), 'Add sum');
  assert.equal(labels.get('dataframe.sum'), 'Add sum (DataFrame)');
  assert.equal(labels.get('dataframe.read_csv'), 'Add read_csv');
  assert.equal(new Set(labels.values()).size, ops.length);
});

test('column picker: one tick names a column, a second makes a list, a list stays a list, nothing ticked is no value', () => {
  assert.equal(toggleColumn(undefined, 'a', true), 'a');
  assert.deepEqual(toggleColumn('a', 'b', true), ['a', 'b']);
  assert.equal(toggleColumn('a', 'a', false), undefined);
  assert.equal(toggleColumn('a', 'b', false), 'a');
  assert.deepEqual(toggleColumn(['a', 'b'], 'a', false), ['b']);
  assert.deepEqual(toggleColumn(['b'], 'c', true), ['b', 'c']);
  assert.deepEqual(toggleColumn(['b'], 'b', true), ['b']);
  assert.equal(toggleColumn(['b'], 'b', false), undefined);
});

test("aggregation grid: ticks rewrite groupby.agg's arg as a dict, keeping each column's form and the order", () => {
  const columns = ['name', 'amount', 'score'];
  // From nothing: lists, so the result columns are (column, function) tuples.
  assert.deepEqual(toggleAggregation('', columns, 'amount', 'sum', true), { amount: ['sum'] });
  assert.deepEqual(toggleAggregation({ amount: ['sum'] }, columns, 'amount', 'count', true), { amount: ['sum', 'count'] });
  assert.deepEqual(toggleAggregation({ amount: ['sum'] }, columns, 'score', 'mean', true), { amount: ['sum'], score: ['mean'] });
  // A flat spec stays flat while each column has one function; a second makes that column's a list.
  assert.deepEqual(toggleAggregation({ amount: 'sum' }, columns, 'score', 'max', true), { amount: 'sum', score: 'max' });
  assert.deepEqual(toggleAggregation({ amount: 'sum' }, columns, 'amount', 'mean', true), { amount: ['sum', 'mean'] });
  // A whole-frame name or list is spelled out over the columns, then ticked.
  assert.deepEqual(toggleAggregation('max', ['amount', 'score'], 'score', 'max', false), { amount: 'max' });
  assert.deepEqual(toggleAggregation(['sum', 'min'], ['amount', 'score'], 'amount', 'min', false), { amount: ['sum'], score: ['sum', 'min'] });
  // Unticking the last function drops the column; nothing left is no value.
  assert.deepEqual(toggleAggregation({ amount: ['sum'], score: 'mean' }, columns, 'score', 'mean', false), { amount: ['sum'] });
  assert.equal(toggleAggregation({ amount: ['sum'] }, columns, 'amount', 'sum', false), undefined);
  // The engine's entries form is read as the order it gives.
  assert.deepEqual(aggEntries({ entries: [['b', 'sum'], [3, ['min']]] }, []), [['b', 'sum'], [3, ['min']]]);
  // What is none of Dask's forms is not read as ticks.
  assert.equal(aggEntries({ amount: 3 }, columns), null);
  assert.equal(aggEntries(7, columns), null);
});

test('column labels: a MultiIndex column prints as its Python tuple, and is no name a picker offers', () => {
  assert.equal(columnLabel('amount'), 'amount');
  assert.equal(columnLabel(['amount', 'sum']), "('amount', 'sum')");
  assert.equal(columnLabel([3, "it's"]), `(3, "it's")`);
  const index = { dtypes: ['object'], names: ['kind'] };
  assert.deepEqual(pickableColumns({ kind: 'frame', columns: [{ name: 'kind', dtype: 'object' }, { name: ['amount', 'sum'], dtype: 'int64' }], index, npartitions: 1, divisionsKnown: false }), ['kind']);
});
