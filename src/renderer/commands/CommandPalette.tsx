/**
 * The command palette (Ctrl+K / Ctrl+Shift+P, Cmd on macOS): a search box over every action, recent
 * notebook, table and named cell (palette-items.ts), as an ARIA combobox with a listbox. Arrows move,
 * Enter runs, Esc closes, `?` in the empty box opens the keyboard help; the focus goes back where it was.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { rankItems, type PaletteItem } from './palette-items';
import './commands.css';

export interface CommandPaletteProps {
  items: readonly PaletteItem[];
  onRun(item: PaletteItem): void;
  onHelp(): void;
  onClose(): void;
}

export function CommandPalette({ items, onRun, onHelp, onClose }: CommandPaletteProps): React.JSX.Element {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const id = useId();
  const shown = useMemo(() => rankItems(items, query), [items, query]);
  const current = shown[Math.min(active, shown.length - 1)];
  const optionId = (item: PaletteItem): string => `${id}-opt-${shown.indexOf(item)}`;

  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    if (current) list.current?.querySelector(`[id="${CSS.escape(optionId(current))}"]`)?.scrollIntoView({ block: 'nearest' });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- optionId is derived from `shown`, covered by `current`
  }, [current]);

  const onKeyDown = (e: React.KeyboardEvent): void => {
    const move = (to: number): void => {
      e.preventDefault();
      if (shown.length > 0) setActive((to + shown.length) % shown.length);
    };
    if (e.key === 'ArrowDown') move(Math.min(active, shown.length - 1) + 1);
    else if (e.key === 'ArrowUp') move(Math.min(active, shown.length - 1) - 1);
    else if (e.key === 'Home' && e.ctrlKey) move(0);
    else if (e.key === 'End' && e.ctrlKey) move(shown.length - 1);
    else if (e.key === 'Enter') {
      e.preventDefault();
      if (current) onRun(current);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    } else if (e.key === 'Tab')
      e.preventDefault(); // the box is the dialog's only control: focus stays
    else if (e.key === '?' && query === '') {
      e.preventDefault();
      onHelp();
    }
  };

  return (
    <div className="modal-backdrop palette-backdrop" role="presentation" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="modal palette" role="dialog" aria-modal="true" aria-label="Command palette" data-testid="command-palette" onKeyDown={onKeyDown}>
        <input
          ref={input}
          className="palette-input"
          type="text"
          role="combobox"
          aria-label="Search commands, tables, cells and recent notebooks"
          aria-expanded="true"
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={current ? optionId(current) : undefined}
          placeholder="Type a command, a table or a cell…   (? for keyboard shortcuts)"
          value={query}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
        />
        <ul ref={list} id={`${id}-list`} className="palette-list" role="listbox" aria-label="Commands">
          {shown.map((item, i) => (
            <li
              key={item.key}
              id={optionId(item)}
              role="option"
              aria-selected={item === current}
              className={`palette-option${item === current ? ' active' : ''}`}
              data-key={item.key}
              onMouseMove={() => i !== active && setActive(i)}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => onRun(item)}
            >
              <span className="palette-title">{item.title}</span>
              <span className="palette-detail">{item.detail}</span>
              {item.shortcut && <kbd className="palette-key">{item.shortcut}</kbd>}
            </li>
          ))}
        </ul>
        {shown.length === 0 && (
          <p className="palette-empty" role="status">
            Nothing matches “{query}”.
          </p>
        )}
      </div>
    </div>
  );
}
