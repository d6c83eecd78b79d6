/**
 * An error boundary around one cell: whatever a cell's content makes React throw, that cell shows
 * its source as plain text with the error, and every other cell and tab keeps working.
 */
import { Component, type ReactNode } from 'react';
import { MAX_NOTE_FALLBACK_CHARS } from '../../shared/notebook/note-limits';

interface Props {
  /** The cell's source, shown as text when it cannot be shown otherwise. */
  source: string;
  label: string;
  children: ReactNode;
}

export class CellBoundary extends Component<Props, { error: Error | null; source: string }> {
  override state = { error: null as Error | null, source: this.props.source };

  static getDerivedStateFromError(error: Error): { error: Error } {
    return { error };
  }

  // An edit to the cell gives its content another chance.
  static getDerivedStateFromProps(props: Props, state: { error: Error | null; source: string }): { error: Error | null; source: string } | null {
    return props.source !== state.source ? { error: null, source: props.source } : null;
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <section className="cell cell-failed" aria-label={this.props.label} data-testid="cell-failed">
        <PlainSource warning={`This cell could not be shown (${this.state.error.message.split('\n')[0]}); its text follows.`} source={this.props.source} />
      </section>
    );
  }
}

/** A warning and the source as plain text, cut to a size the page can lay out. */
export function PlainSource({ warning, source }: { warning: string; source: string }): React.JSX.Element {
  const cut = source.length > MAX_NOTE_FALLBACK_CHARS;
  return (
    <div className="plain-source">
      <p className="note-warning" role="note" data-testid="note-warning">
        ⚠ {warning}
      </p>
      <pre>{cut ? source.slice(0, MAX_NOTE_FALLBACK_CHARS) : source}</pre>
      {cut && <p className="snapshot-note">… {(source.length - MAX_NOTE_FALLBACK_CHARS).toLocaleString('en')} more characters (edit the note to see them all).</p>}
    </div>
  );
}
