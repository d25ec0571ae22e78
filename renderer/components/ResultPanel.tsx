/**
 * The selected node's result: an aggregate's value, a bag's first elements (marked as a preview), as a table for
 * records, or a DataFrame's (or Series') first rows as a table with its dtypes, its index, and sortable columns.
 */
import { useState } from 'react';
import type { NodeResult, ShownValue } from '../../electron/ipc/contract.js';
import { isWholePreview } from '../preview.js';
import { kindArticle, kindLabel } from '../port-kinds.js';
import { useShallow } from 'zustand/react/shallow';
import { currentOutcome, useDocument } from '../store/document-store.js';
import { nodeSignatures } from '../node-signature.js';
import { stateText } from './OpNode.js';
import { columnLabel } from '../schema-words.js';

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
  if (result.kind === 'table') return <FrameTable id={id} result={result} isCached={state.kind === 'cached'} />;
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

type TableResult = Extract<NodeResult, { kind: 'table' }>;

/** Which column the table is sorted by (-1: the index), and which way; null keeps the frame's own order. */
type SortOrder = { column: number; isDescending: boolean } | null;

/**
 * A DataFrame preview: the header names each column with its dtype, the index comes first, and a click on a header
 * sorts the rows shown (the preview's rows only; the frame itself is not sorted), a second click reverses, a third
 * restores the frame's order.
 */
function FrameTable({ id, result, isCached }: { id: string; result: TableResult; isCached: boolean }) {
  const collections = useDocument((s) => s.collections);
  const [sort, setSort] = useState<SortOrder>(null);
  const order = sortedRows(result, sort);
  const rowWords = result.rowCount !== null ? `${plural(result.rowCount, 'row')}` : `preview: first ${plural(result.rows.length, 'row')}`;
  const indexName = result.indexNames.map((n) => (n === null ? '' : String(n))).join(', ');
  const onHeader = (column: number) => setSort((s) => (s?.column !== column ? { column, isDescending: false } : s.isDescending ? null : { column, isDescending: true }));
  const ariaSort = (column: number) => (sort?.column === column ? (sort.isDescending ? 'descending' : 'ascending') : 'none');
  return (
    <div aria-label={`Result of ${id}`}>
      <h3>
        {id} <span className="preview-mark">{rowWords}</span>{' '}
        <span className="muted">
          × {plural(result.columns.length, 'column')} of {kindArticle(collections, result.collection)} of {plural(result.npartitions, 'partition')}, divisions {result.divisionsKnown ? 'known' : 'unknown'} {isCached ? '(cached)' : ''}
        </span>
      </h3>
      <div className="table-wrap">
        <table className="result-table frame-table" aria-label={`Table of ${id}`}>
          <thead>
            <tr>
              <th scope="col" aria-sort={ariaSort(-1)}>
                <button type="button" className="sort-header" onClick={() => onHeader(-1)} aria-label={`Sort by index${indexName ? ` ${indexName}` : ''}`}>
                  {indexName || 'index'}
                  {sortMark(sort, -1)}
                </button>
              </th>
              {result.columns.map((c, i) => (
                <th key={i} scope="col" aria-sort={ariaSort(i)}>
                  <button type="button" className="sort-header" onClick={() => onHeader(i)} aria-label={`Sort by ${columnLabel(c.name)}`}>
                    <span className="column-name">{columnLabel(c.name)}</span>
                    {sortMark(sort, i)}
                    <span className="column-dtype">{c.dtype}</span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {order.map((r) => (
              <tr key={r}>
                <th scope="row">{cellText(result.index[r])}</th>
                {result.rows[r].map((v, i) => (
                  <td key={i} className={typeof v === 'number' ? 'is-number' : undefined}>
                    {truncate(cellText(v, result.columns[i].dtype))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function sortMark(sort: SortOrder, column: number): string {
  return sort?.column === column ? (sort.isDescending ? ' ▼' : ' ▲') : '';
}

/** Row positions in the order asked for: pandas' sort_values order for the values shown (missing values last). */
function sortedRows(result: TableResult, sort: SortOrder): number[] {
  const positions = result.rows.map((_, i) => i);
  if (!sort) return positions;
  const value = (r: number) => (sort.column === -1 ? result.index[r] : result.rows[r][sort.column]);
  return positions.sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null || y === null) return x === y ? a - b : x === null ? 1 : -1;
    const c = compareValues(x, y);
    return (sort.isDescending ? -c : c) || a - b;
  });
}

function compareValues(x: unknown, y: unknown): number {
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  if (typeof x === 'boolean' && typeof y === 'boolean') return Number(x) - Number(y);
  const a = typeof x === 'string' ? x : JSON.stringify(x);
  const b = typeof y === 'string' ? y : JSON.stringify(y);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A cell as pandas prints it: NaN for a missing value (null in the JSON), True/False, a float64 with its point. */
function cellText(v: unknown, dtype?: string): string {
  if (v === null) return 'NaN';
  if (dtype === 'float64' && typeof v === 'number' && Number.isInteger(v)) return `${v}.0`;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}
