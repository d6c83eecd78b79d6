/** A result snapshot saved in the notebook file, shown until the cell runs in this session. */
import type { ResultSnapshot } from '../../shared/notebook/model';
import { columnAlign } from '../../shared/notebook/snapshot';
import { formatCount } from '../../shared/format';

export function SnapshotTable({ snapshot }: { snapshot: ResultSnapshot }): React.JSX.Element {
  return (
    <div className="snapshot" data-testid="snapshot">
      <table>
        <thead>
          <tr>
            {snapshot.columns.map((c, i) => (
              <th key={i} className={columnAlign(snapshot, i) === 'right' ? 'number' : undefined}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {snapshot.rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, c) => (
                <td key={c} className={[cell === 'NULL' ? 'null-cell' : '', columnAlign(snapshot, c) === 'right' ? 'number' : ''].join(' ').trim() || undefined}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="snapshot-note">
        Saved result: {formatCount(snapshot.rowCount)} {snapshot.rowCount === 1 ? 'row' : 'rows'}
        {snapshot.rows.length < snapshot.rowCount ? `, first ${snapshot.rows.length} shown` : ''}. Run the cell to see it live.
      </p>
    </div>
  );
}
