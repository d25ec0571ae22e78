import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PipelineFile } from '../spec/pipeline.js';
import { exportPython, NODE_MARKER } from './export-python.js';
import { pythonLiteral } from './python-literal.js';

const pipeline: PipelineFile = {
  weft: 1,
  name: 'Lines',
  functions: 'def parse(line):\n    return line.split(",")\n',
  nodes: [
    { id: 'count', op: 'bag.count', inputs: ['raw data'] },
    { id: 'raw data', op: 'bag.read_text', params: { urlpath: ['a.txt', '/abs/b.txt'], blocksize: '1kB' } },
    { id: 'parse', op: 'bag.map', inputs: ['raw data'], params: { func: 'parse' } },
    { id: 'first', op: 'bag.take', inputs: ['parse'], params: { k: 2, npartitions: -1 } },
    { id: 'both', op: 'bag.concat', inputs: ['raw data', 'raw data'] },
    { id: 'n', op: 'bag.var', inputs: ['both'], params: { ddof: 1 } },
  ],
};

test('each node is one statement at the lines the export reports, in dependency order', () => {
  const { text, nodeLines, variables } = exportPython(pipeline);
  const lines = text.split('\n');
  const at = (id: string) => lines.slice(nodeLines[id].start - 1, nodeLines[id].end).join('\n');
  assert.equal(at('raw data'), `${NODE_MARKER}"raw data"\nnode_raw_data = db.read_text([data_path('a.txt'), '/abs/b.txt'], blocksize='1kB')`);
  // A node named like a pipeline function gets another variable, so the def stays callable.
  assert.equal(variables.parse, 'node_parse');
  assert.equal(at('parse'), `${NODE_MARKER}"parse"\nnode_parse = node_raw_data.map(parse)`);
  assert.equal(at('count'), 'count = node_raw_data.count()');
  assert.equal(at('first'), 'first = node_parse.take(2, npartitions=-1, compute=False)');
  assert.equal(at('both'), 'both = db.concat([node_raw_data, node_raw_data])');
  assert.equal(at('n'), 'n = both.var(ddof=1)');
  assert.ok(nodeLines['raw data'].end < nodeLines.count.start, 'inputs come before the nodes that read them');
  assert.match(text, /^def parse\(line\):\n {4}return line\.split\(","\)$/m);
  assert.match(text, /outputs = \{'count': count, 'first': first, 'n': n\}/);
  assert.match(text, /# weft: canvas \{"order":\["count","raw data"/);
});

test('JSON params become Python literals', () => {
  assert.equal(pythonLiteral({ a: [1, 2.5, null, true], "it's": 'x"y' }), `{'a': [1, 2.5, None, True], "it's": 'x"y'}`);
  assert.equal(pythonLiteral(1e-5), '1e-05');
});
