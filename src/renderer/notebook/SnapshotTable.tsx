/** A result snapshot saved in the notebook file, shown until the cell runs in this session. */
import type { ResultSnapshot } from '../../shared/notebook/model';
import { columnAlign } from '../../shared/notebook/snapshot';
import { formatCount } from '../../shared/format';

const NUMBER = /^-?\d+(?:\.\d+)?(?:e[-+]?\d+)?$/i;

/**
 * Right-aligned columns: as the snapshot says (`---:`); a snapshot saved before the app wrote
 * alignment has none, so there a column whose every value is a number is taken as one.
 */
function rightAligned(s: ResultSnapshot): boolean[] {
  if (s.align) return s.columns.map((_c, i) => columnAlign(s, i) === 'right');
  return s.columns.map((_c, i) => {
    const values = s.rows.map((r) => r[i] ?? '').filter((v) => v !== 'NULL');
    return values.length > 0 && values.every((v) => NUMBER.test(v));
  });
}

export function SnapshotTable({ snapshot }: { snapshot: ResultSnapshot }): React.JSX.Element {
  const right = rightAligned(snapshot);
  return (
    <div className="snapshot" data-testid="snapshot" tabIndex={0} role="group" aria-label="Saved result">
      <table>
        <thead>
          <tr>
            {snapshot.columns.map((c, i) => (
              <th key={i} className={right[i] ? 'number' : undefined}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {snapshot.rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, c) => (
                <td key={c} className={[cell === 'NULL' ? 'null-cell' : '', right[c] ? 'number' : ''].join(' ').trim() || undefined}>
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
