/**
 * Messages above the notebook: problems (red, announced at once as alerts) and notes (neutral,
 * announced politely), e.g. that dropped files are not recorded or that the user declined a
 * notebook's imports. A message about a notebook goes when that notebook closes.
 */
export interface Message {
  id: number;
  text: string;
  /** A note, not a problem. */
  note?: boolean;
  /** The notebook (document id) the message is about. */
  doc?: string;
}

function List({ items, className, role, onDismiss }: { items: Message[]; className: string; role: 'alert' | 'status'; onDismiss(id: number): void }) {
  if (items.length === 0) return null;
  return (
    <div className={className} role={role}>
      {items.map((m) => (
        <p key={m.id} className="message">
          <span>{m.text}</span>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => onDismiss(m.id)}>
            ×
          </button>
        </p>
      ))}
    </div>
  );
}

export function Messages({ messages, onDismiss }: { messages: Message[]; onDismiss(id: number): void }): React.JSX.Element {
  return (
    <>
      <List items={messages.filter((m) => !m.note)} className="messages" role="alert" onDismiss={onDismiss} />
      <List items={messages.filter((m) => m.note)} className="messages notes" role="status" onDismiss={onDismiss} />
    </>
  );
}
