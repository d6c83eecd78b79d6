/** Buttons every cell has: move, convert (to the kind its entry in cell-kinds.tsx names), delete. */
export interface CellToolbarProps {
  index: number;
  count: number;
  convert: { label: string; title: string; aria: string };
  onMove(delta: -1 | 1): void;
  onConvert(): void;
  onDelete(): void;
}

export function CellToolbar({ index, count, convert, onMove, onConvert, onDelete }: CellToolbarProps): React.JSX.Element {
  return (
    <span className="cell-actions">
      <button type="button" className="icon-button" disabled={index === 0} onClick={() => onMove(-1)} title="Move cell up" aria-label="Move cell up">
        ↑
      </button>
      <button type="button" className="icon-button" disabled={index === count - 1} onClick={() => onMove(1)} title="Move cell down" aria-label="Move cell down">
        ↓
      </button>
      <button type="button" className="icon-button" onClick={onConvert} title={convert.title} aria-label={convert.aria}>
        {convert.label}
      </button>
      <button type="button" className="icon-button danger" onClick={onDelete} title="Delete cell" aria-label="Delete cell">
        ✕
      </button>
    </span>
  );
}
