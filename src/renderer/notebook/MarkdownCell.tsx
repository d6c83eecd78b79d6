/**
 * A note: rendered Markdown (or, when the note is beyond what the renderer handles, its text with a
 * warning); double-click or Edit to change it, Ctrl+Enter or Esc to finish.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { MarkdownBlock } from '../../shared/notebook/model';
import { CellToolbar, type CellToolbarProps } from './CellToolbar';
import { renderNote } from './markdown';
import { PlainSource } from './CellBoundary';

export interface MarkdownCellProps extends Omit<CellToolbarProps, 'kind'> {
  block: MarkdownBlock;
  onChange(block: MarkdownBlock): void;
  /** Starts in editing mode (a cell just added). */
  startEditing: boolean;
}

export function MarkdownCell(props: MarkdownCellProps): React.JSX.Element {
  const { block } = props;
  const [editing, setEditing] = useState(props.startEditing || block.text.trim() === '');
  const area = useRef<HTMLTextAreaElement>(null);
  const rendered = useMemo(() => (editing ? null : renderNote(block.text)), [block.text, editing]);

  useEffect(() => {
    if (!editing || !area.current) return;
    area.current.focus();
    area.current.style.height = 'auto';
    area.current.style.height = `${area.current.scrollHeight + 2}px`;
  }, [editing]);

  return (
    <section className={`cell markdown-cell${editing ? ' editing' : ''}`} aria-label={`Note ${props.index + 1}`} data-cell-id={block.id} data-cell-kind="markdown">
      <div className="cell-header">
        <span className="cell-kind">Note</span>
        {!editing && (
          <button type="button" className="icon-button" onClick={() => setEditing(true)} title="Edit this note" aria-label="Edit note">
            ✎
          </button>
        )}
        <CellToolbar {...props} kind="markdown" />
      </div>
      {editing ? (
        <textarea
          ref={area}
          className="markdown-editor"
          aria-label="Note (Markdown)"
          value={block.text}
          placeholder="Write a note in Markdown. Ctrl+Enter or Esc to finish."
          onChange={(e) => {
            props.onChange({ ...block, text: e.target.value });
            e.target.style.height = 'auto';
            e.target.style.height = `${e.target.scrollHeight + 2}px`;
          }}
          onKeyDown={(e) => {
            if ((e.key === 'Enter' && (e.ctrlKey || e.metaKey)) || e.key === 'Escape') {
              e.preventDefault();
              setEditing(false);
            }
          }}
          onBlur={() => block.text.trim() !== '' && setEditing(false)}
        />
      ) : rendered?.problem !== undefined ? (
        <div className="markdown-body" onDoubleClick={() => setEditing(true)}>
          <PlainSource warning={`${rendered.problem} It is shown as plain text.`} source={block.text} />
        </div>
      ) : (
        <div className="markdown-body" onDoubleClick={() => setEditing(true)} dangerouslySetInnerHTML={{ __html: rendered?.html ?? '' }} />
      )}
    </section>
  );
}
