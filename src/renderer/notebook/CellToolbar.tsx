/** Buttons every cell has: move, convert, delete. */
export interface CellToolbarProps {
  index: number;
  count: number;
  kind: 'sql' | 'markdown';
  onMove(delta: -1 | 1): void;
  onConvert(): void;
  onDelete(): void;
}

export function CellToolbar({ index, count, kind, onMove, onConvert, onDelete }: CellToolbarProps): React.JSX.Element {
  return (
    <span className="cell-actions">
      <button type="button" className="icon-button" disabled={index === 0} onClick={() => onMove(-1)} title="Move cell up" aria-label="Move cell up">
        ↑
      </button>
      <button type="button" className="icon-button" disabled={index === count - 1} onClick={() => onMove(1)} title="Move cell down" aria-label="Move cell down">
        ↓
      </button>
      <button type="button" className="icon-button" onClick={onConvert} title={kind === 'sql' ? 'Convert to a note' : 'Convert to SQL'} aria-label={kind === 'sql' ? 'Convert to note' : 'Convert to SQL'}>
        {kind === 'sql' ? 'M↓' : 'SQL'}
      </button>
      <button type="button" className="icon-button danger" onClick={onDelete} title="Delete cell" aria-label="Delete cell">
        ✕
      </button>
    </span>
  );
}
