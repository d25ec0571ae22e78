/** A schema in the inspector: how many columns, then each column's name and dtype, and the index. */
import type { NodeSchema } from '../../electron/ipc/contract.js';
import { indexWords, schemaColumns, schemaSummary } from '../schema-words.js';

export function SchemaView({ title, schema }: { title: string; schema: NodeSchema }) {
  const columns = schemaColumns(schema);
  return (
    <details className="schema-view" open={columns.length <= 12} aria-label={`${title} schema`}>
      <summary>
        <span className="param-name">{title}</span> <span className="muted">{schemaSummary(schema)}, {schema.npartitions} partition{schema.npartitions === 1 ? '' : 's'}, divisions {schema.divisionsKnown ? 'known' : 'unknown'}</span>
      </summary>
      <table className="schema-table">
        <tbody>
          {columns.map((c) => (
            <tr key={c.name}>
              <td className="schema-name">{c.name}</td>
              <td className="schema-dtype">{c.dtype}</td>
            </tr>
          ))}
          <tr className="muted">
            <td>index</td>
            <td>{indexWords(schema)}</td>
          </tr>
        </tbody>
      </table>
    </details>
  );
}
