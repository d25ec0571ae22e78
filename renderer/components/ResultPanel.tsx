/** The selected node's result: an aggregate's value, or a bag's first elements (marked as a preview), as a table for records. */
import type { ShownValue } from '../../electron/ipc/contract.js';
import { isWholePreview } from '../preview.js';
import { kindArticle, kindLabel } from '../port-kinds.js';
import { useShallow } from 'zustand/react/shallow';
import { currentOutcome, useDocument } from '../store/document-store.js';
import { nodeSignatures } from '../node-signature.js';
import { stateText } from './OpNode.js';

export function ResultPanel() {
  const selection = useDocument((s) => s.selection);
  const outcomes = useDocument(useShallow((s) => ({ nodeStates: s.nodeStates, results: s.results, stateSignatures: s.stateSignatures, resultSignatures: s.resultSignatures })));
  const pipeline = useDocument((s) => s.pipeline);
  const collections = useDocument((s) => s.collections);
  const id = selection.length === 1 ? selection[0] : null;
  if (!id) return <p className="muted">Select a node to see its result.</p>;
  const { state, result } = currentOutcome(outcomes, id, nodeSignatures(pipeline));
  if (state.kind === 'failed') {
    return (
      <div className="result-error" role="alert">
        {id} failed: {state.message}
      </div>
    );
  }
  if (!result) return <p className="muted">{id} has no result yet ({stateText(state)}). Run all, or run up to this node.</p>;
  if (result.kind === 'item') {
    return (
      <div aria-label={`Result of ${id}`}>
        <h3>
          {id} <span className="muted">{state.kind === 'cached' ? '(cached)' : ''}</span>
        </h3>
        <Value value={result.value} />
      </div>
    );
  }
  return (
    <div aria-label={`Result of ${id}`}>
      <h3>
        {id} <span className="preview-mark">{isWholePreview(result) ? `the whole ${kindLabel(collections, result.collection).toLowerCase()}: ${plural(result.elements.length, 'element')}` : `preview: first ${plural(result.elements.length, 'element')}`}</span>{' '}
        <span className="muted">
          of {kindArticle(collections, result.collection)} of {result.npartitions} partition{result.npartitions === 1 ? '' : 's'} {state.kind === 'cached' ? '(cached)' : ''}
        </span>
      </h3>
      <Records elements={result.elements} />
    </div>
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function Value({ value }: { value: ShownValue }) {
  if ((value.pyType === 'list' || value.pyType === 'tuple') && Array.isArray(value.json) && value.json.length > 0 && value.json.every((e) => Array.isArray(e) || isDict(e))) {
    return <JsonTable rows={value.json as unknown[]} />;
  }
  return <pre className="result-value">{value.repr}</pre>;
}

function isDict(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function Records({ elements }: { elements: ShownValue[] }) {
  const isRecords = elements.length > 0 && elements.every((e) => (e.pyType === 'tuple' || e.pyType === 'dict') && e.fields);
  if (isRecords) return <FieldTable records={elements.map((e) => e.fields!)} />;
  return (
    <ol className="result-list">
      {elements.map((e, i) => (
        <li key={i}>
          <code>{e.repr}</code>
        </li>
      ))}
    </ol>
  );
}

/** Records as rows: tuples get numbered columns, dicts their keys; each cell is the field's Python repr. */
function FieldTable({ records }: { records: Array<Array<{ name: string; repr: string }>> }) {
  const columns = [...new Set(records.flatMap((r) => r.map((f) => f.name)))];
  return <Table columns={columns} rows={records} cell={(record, c) => record.find((f) => f.name === c)?.repr ?? ''} />;
}

/** An aggregate's list of tuples or dicts (as JSON): tuples get numbered columns, dicts their keys. */
function JsonTable({ rows }: { rows: unknown[] }) {
  const columns = rows.every(Array.isArray) ? [...Array(Math.max(...rows.map((r) => (r as unknown[]).length))).keys()].map(String) : [...new Set(rows.flatMap((r) => (isDict(r) ? Object.keys(r) : [])))];
  const cell = (row: unknown, column: string) => {
    const v = Array.isArray(row) ? row[Number(column)] : isDict(row) ? row[column] : undefined;
    return v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  };
  return <Table columns={columns} rows={rows} cell={cell} />;
}

/** One numbered row per element, one column per field. */
function Table<Row>({ columns, rows, cell }: { columns: string[]; rows: Row[]; cell: (row: Row, column: string) => string }) {
  return (
    <div className="table-wrap">
      <table className="result-table">
        <thead>
          <tr>
            <th scope="col">#</th>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              <td>{i}</td>
              {columns.map((c) => (
                <td key={c}>{truncate(cell(row, c))}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function truncate(text: string): string {
  return text.length > 80 ? text.slice(0, 80) + '…' : text;
}
