/** One parameter in the inspector, edited as its type needs: expressions, numbers, flags, paths (with a picker), column pickers, groupby.agg's grid of aggregations, JSON. */
import { useEffect, useState } from 'react';
import type { NodeSchema, ParamInfo, Problem } from '../../electron/ipc/contract.js';
import { setParam } from '../commands/set-param.js';
import { breakMerge, useDocument } from '../store/document-store.js';
import { chooseFile } from '../controller/file-dialog.js';
import { ExpressionEditor } from './ExpressionEditor.js';
import { toggleColumn } from '../schema-words.js';
import { aggEntries, groupKeys, tickedFunctions, toggleAggregation, type ColumnLabel } from '../agg-spec.js';

function describeDefault(p: ParamInfo): string {
  if (p.required) return 'required';
  return p.default === undefined ? 'optional' : `default ${p.default === null ? 'None' : JSON.stringify(p.default)}`;
}

/** Each param type in a person's words (the engine's type names are for programs: `split_every` is no type). */
const TYPE_WORDS: Record<ParamInfo['type'], string> = {
  callable: 'Python function',
  key: 'function, index or key',
  python: 'Python value',
  int: 'whole number',
  number: 'number',
  bool: 'true or false',
  string: 'text',
  paths: 'path, glob or list of them',
  json: 'JSON value',
  split_every: 'whole number ≥ 2, or false',
  bytes: 'size in bytes (a number, or text such as 64MB)',
  encoding: 'text encoding',
};

/** The type in words, with its range; None is named only where the default does not already say it is allowed. */
export function typeWords(param: Pick<ParamInfo, 'type' | 'nullable' | 'default' | 'min' | 'choices'>): string {
  const range = param.choices ? ` (one of ${param.choices.join(', ')})` : param.min !== undefined && param.type !== 'split_every' ? ` ≥ ${param.min}` : '';
  return `${TYPE_WORDS[param.type]}${range}${param.nullable && param.default !== null ? ', or None' : ''}`;
}

export function ParamField({ nodeId, param, value, problems, columns, input, nodeParams }: { nodeId: string; param: ParamInfo; value: unknown; problems: Problem[]; columns?: readonly string[]; input?: NodeSchema; nodeParams?: Record<string, unknown> }) {
  const problem = problems.find((p) => p.param === param.name);
  const functions = useDocument((s) => s.pipeline.functions);
  const label = param.name;
  const help = (
    <div className="param-head">
      <span className="param-name">{param.name}</span>
      <span className="param-type">
        {typeWords(param)} · {describeDefault(param)}
      </span>
      <p className="param-doc">{param.doc}</p>
    </div>
  );
  const error = problem && param.type !== 'callable' && param.type !== 'key' && param.type !== 'python' ? <div className="param-error" role="alert">{problem.message}</div> : null;
  const commit = (v: unknown) => setParam(nodeId, param.name, v);

  if (param.language) {
    // A pandas expression: the code editor, completing the input's columns, with the host's check as lint marks.
    return (
      <div className="param">
        {help}
        <ExpressionEditor label={label} value={typeof value === 'string' ? value : ''} problem={problem} columns={columns} isPandasExpression onChange={(v) => commit(v === '' && !param.required ? undefined : v)} onBlur={breakMerge} />
      </div>
    );
  }
  if (param.aggregations && input?.kind === 'frame') {
    // An aggregation per column: a grid of the columns not grouped by, by function; the JSON field for the rest.
    const keys = groupKeys(nodeParams?.[param.aggregations.keysParam]);
    const aggregated = input.columns.filter((c) => !Array.isArray(c.name) && !keys.includes(c.name as ColumnLabel));
    return (
      <div className="param">
        {help}
        <AggregationGrid label={label} functions={param.aggregations.functions} notForObject={param.aggregations.notForObject} columns={aggregated.map((c) => ({ name: c.name as ColumnLabel, dtype: c.dtype }))} dtypeOf={(name) => input.columns.find((c) => c.name === name)?.dtype} value={value} onChange={commit} />
        <TextInput label={`${label} (JSON)`} value={value === undefined ? '' : JSON.stringify(value)} parse={(t) => parseJson(t)} onCommit={commit} />
        {error}
      </div>
    );
  }
  if (param.columns && columns && columns.length > 0) {
    return (
      <div className="param">
        {help}
        {param.type === 'string' ? (
          <ColumnSelect label={label} columns={columns} value={typeof value === 'string' ? value : ''} onChoose={(name) => commit(name === '' && !param.required ? undefined : name)} />
        ) : (
          <>
            <ColumnChecklist label={label} columns={columns} value={value} onChange={commit} />
            <TextInput label={`${label} (JSON)`} value={value === undefined ? '' : JSON.stringify(value)} parse={(t) => parseJson(t)} onCommit={commit} />
          </>
        )}
        {error}
      </div>
    );
  }

  switch (param.type) {
    case 'callable':
    case 'key':
    case 'python':
      return (
        <div className="param">
          {help}
          <ExpressionEditor label={label} value={typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value)} problem={problem} functions={functions} onChange={(v) => commit(v === '' && !param.required ? undefined : v)} onBlur={breakMerge} />
        </div>
      );
    case 'bool':
      return (
        <div className="param">
          {help}
          <label className="param-check">
            <input type="checkbox" aria-label={label} checked={value === true} onChange={(e) => commit(e.target.checked)} /> {param.name}
          </label>
          {error}
        </div>
      );
    case 'int':
    case 'number':
      return (
        <div className="param">
          {help}
          <TextInput label={label} value={value === undefined || value === null ? '' : String(value)} parse={(t) => parseNumber(t, param)} onCommit={commit} />
          {error}
        </div>
      );
    case 'paths':
      return (
        <div className="param">
          {help}
          <div className="param-path">
            <TextInput label={label} value={typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value)} parse={(t) => parsePaths(t)} onCommit={commit} />
            <button
              type="button"
              aria-label={`Browse for ${param.name}`}
              onClick={() => {
                const { baseDir } = useDocument.getState();
                chooseFile({ mode: 'pick', title: `Choose ${param.name}`, dir: baseDir, onChoose: (p) => commit(relativeTo(baseDir, p)) });
              }}
            >
              Browse…
            </button>
          </div>
          {error}
        </div>
      );
    case 'string':
    case 'encoding':
      return (
        <div className="param">
          {help}
          <TextInput label={label} value={typeof value === 'string' ? value : ''} parse={(t) => ({ value: t === '' && !param.required ? undefined : t })} onCommit={commit} />
          {error}
        </div>
      );
    case 'json':
    case 'bytes':
    case 'split_every':
      return (
        <div className="param">
          {help}
          <TextInput label={label} value={value === undefined ? '' : JSON.stringify(value)} parse={(t) => parseJson(t)} onCommit={commit} />
          {error}
        </div>
      );
  }
}

/** One column of the input, picked from a list (a param that names a single column). */
function ColumnSelect({ label, columns, value, onChoose }: { label: string; columns: readonly string[]; value: string; onChoose(name: string): void }) {
  const options = value !== '' && !columns.includes(value) ? [value, ...columns] : columns;
  return (
    <select aria-label={label} className="column-select" value={value} onChange={(e) => onChoose(e.target.value)}>
      <option value="">(choose a column)</option>
      {options.map((c) => (
        <option key={c} value={c}>
          {c}
          {columns.includes(c) ? '' : ' (not in the input)'}
        </option>
      ))}
    </select>
  );
}

/** Columns of the input, ticked to name one or several (a param that takes a name or a list: see toggleColumn). */
function ColumnChecklist({ label, columns, value, onChange }: { label: string; columns: readonly string[]; value: unknown; onChange(value: unknown): void }) {
  const picked = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
  const toggle = (name: string, isOn: boolean) => onChange(toggleColumn(value, name, isOn));
  return (
    <fieldset className="column-checklist" aria-label={`${label} columns`}>
      {columns.map((c) => (
        <label key={c} className="column-check">
          <input type="checkbox" aria-label={`${label}: ${c}`} checked={picked.includes(c)} onChange={(e) => toggle(c, e.target.checked)} /> {c}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * The aggregations of each column, ticked in a grid (rows: the input's columns not grouped by, then any other the
 * spec names; columns: the functions). A function an object column cannot take is not offered for one.
 * How a tick rewrites the spec: agg-spec.ts.
 */
function AggregationGrid({ label, functions, notForObject, columns, dtypeOf, value, onChange }: { label: string; functions: readonly string[]; notForObject: readonly string[]; columns: Array<{ name: ColumnLabel; dtype: string }>; dtypeOf(name: ColumnLabel): string | undefined; value: unknown; onChange(value: unknown): void }) {
  const [find, setFind] = useState('');
  const names = columns.map((c) => c.name);
  const entries = aggEntries(value, names);
  // Columns the spec names beyond those: a group key (Dask aggregates it too) or a column the input lacks.
  const others = (entries ?? []).filter(([c]) => !names.includes(c)).map(([c]) => ({ name: c, dtype: dtypeOf(c) ?? '' }));
  const all = [...columns, ...others];
  // A wide frame (KDD's 41 columns) gets a search by name; a short one needs none.
  const hasFind = all.length > FIND_FROM;
  const rows = hasFind && find.trim() !== '' ? all.filter((c) => String(c.name).toLowerCase().includes(find.trim().toLowerCase())) : all;
  return (
    <>
      {hasFind && <input type="search" className="agg-grid-find" aria-label={`${label}: find a column`} placeholder={`Find a column (${all.length})`} value={find} spellCheck={false} onChange={(e) => setFind(e.target.value)} />}
      <div className="agg-grid-wrap">
        <table className="agg-grid" aria-label={`${label}: aggregations by column`}>
          <thead>
            <tr>
              <th scope="col" className="agg-grid-corner">
                column
              </th>
              {functions.map((f) => (
                <th key={f} scope="col" className="agg-grid-function">
                  <span>{f}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => {
              const ticked = entries ? tickedFunctions(entries, c.name) : [];
              const isMissing = c.dtype === '';
              return (
                <tr key={`${typeof c.name}:${c.name}`} className={isMissing ? 'is-missing' : undefined}>
                  <th scope="row" title={isMissing ? `${c.name} is not a column of the input` : `${c.name}: ${c.dtype}`}>
                    {String(c.name)}
                  </th>
                  {functions.map((f) => {
                    const isWithheld = c.dtype === 'object' && notForObject.includes(f) && !ticked.includes(f);
                    return (
                      <td key={f}>
                        <input
                          type="checkbox"
                          aria-label={`${label}: ${c.name} ${f}`}
                          title={isWithheld ? `${f} of a text column: Dask cannot infer its result` : `${f} of ${c.name}`}
                          checked={ticked.includes(f)}
                          disabled={entries === null || isWithheld || (isMissing && !ticked.includes(f))}
                          onChange={(e) => onChange(toggleAggregation(value, names, c.name, f, e.target.checked))}
                        />
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** How many columns the aggregation grid lists before it offers a search. */
const FIND_FROM = 12;

type Parsed = { value: unknown } | { error: string };

/** A text field that commits what parses and keeps what does not, saying why, until it does. */
function TextInput({ label, value, parse, onCommit }: { label: string; value: string; parse(text: string): Parsed; onCommit(v: unknown): void }) {
  const [text, setText] = useState(value);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText(value);
    setError(null);
  }, [value]);
  return (
    <>
      <input
        type="text"
        aria-label={label}
        value={text}
        spellCheck={false}
        onChange={(e) => {
          setText(e.target.value);
          const parsed = parse(e.target.value);
          if ('error' in parsed) setError(parsed.error);
          else {
            setError(null);
            onCommit(parsed.value);
          }
        }}
        onBlur={breakMerge}
      />
      {error && <div className="param-error">{error}</div>}
    </>
  );
}

function parseNumber(text: string, param: ParamInfo): Parsed {
  if (text.trim() === '') return { value: param.nullable || !param.required ? undefined : undefined };
  const n = Number(text);
  if (!Number.isFinite(n)) return { error: `${param.name} must be a number` };
  if (param.type === 'int' && !Number.isInteger(n)) return { error: `${param.name} must be a whole number` };
  return { value: n };
}

function parsePaths(text: string): Parsed {
  const t = text.trim();
  if (t.startsWith('[')) return parseJson(t);
  return { value: t === '' ? '' : t };
}

/** JSON params take Python-ish input too: None, True and False. */
function parseJson(text: string): Parsed {
  const t = text.trim();
  if (t === '') return { value: undefined };
  const pythonish = t === 'None' ? 'null' : t === 'True' ? 'true' : t === 'False' ? 'false' : t;
  try {
    return { value: JSON.parse(pythonish) };
  } catch {
    return { error: 'not valid JSON (strings need double quotes, e.g. "name")' };
  }
}

function relativeTo(baseDir: string, file: string): string {
  const base = baseDir.endsWith('/') ? baseDir : baseDir + '/';
  return file.startsWith(base) ? file.slice(base.length) : file;
}
