/** A CodeMirror 6 SQL editor: DuckDB-flavoured highlighting, completion of the live schema, run/cancel keys. */
import { useEffect, useRef, type RefObject } from 'react';
import { autocompletion, closeCompletion } from '@codemirror/autocomplete';
import { basicSetup } from 'codemirror';
import { EditorView, keymap, placeholder as placeholderExt } from '@codemirror/view';
import { Compartment, EditorSelection, Prec } from '@codemirror/state';
import { sql, PostgreSQL, type SQLNamespace } from '@codemirror/lang-sql';
import type { SourcePosition, TableInfo } from '../../shared/types';
import { columnCompletions, completionKeys } from './completion';
import { editorColours } from './highlight';

export interface SqlEditorProps {
  value: string;
  onChange(value: string): void;
  onRun(): void;
  /** Shift+Enter: run, then move to the next cell. */
  onRunAndAdvance?(): void;
  onCancel(): void;
  tables: TableInfo[];
  /** When set, the cursor jumps there (an error position). */
  focusPosition?: SourcePosition | null;
  placeholder?: string;
  autoFocus?: boolean;
  /** Each new value moves the keyboard focus into this editor. */
  focusSignal?: number;
  /** Set to a function that moves the keyboard focus into this editor (e.g. Tab from the cell's name). */
  focusRef?: RefObject<(() => void) | null>;
}

function schemaNamespace(tables: TableInfo[]): SQLNamespace {
  const ns: Record<string, string[]> = {};
  for (const t of tables) ns[t.name] = t.columns.map((c) => c.name);
  return ns;
}

export function SqlEditor(props: SqlEditorProps): React.JSX.Element {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const language = useRef(new Compartment());
  // Callbacks change every render; the editor's keymap reads the latest through this ref.
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    const v = new EditorView({
      parent: host.current!,
      doc: latest.current.value,
      extensions: [
        Prec.highest(
          keymap.of([
            // Running closes an open completion list: it would cover the result's buttons.
            { key: 'Mod-Enter', run: (v) => (closeCompletion(v), latest.current.onRun(), true) },
            {
              key: 'Shift-Enter',
              run: (v) => (latest.current.onRunAndAdvance ? (closeCompletion(v), latest.current.onRunAndAdvance(), true) : false),
            },
            { key: 'Escape', run: () => (latest.current.onCancel(), false) },
            ...completionKeys,
          ]),
        ),
        basicSetup,
        editorColours,
        // No option is chosen until the user moves to one (Enter is a new line) or presses Tab.
        autocompletion({ selectOnOpen: false, interactionDelay: 0 }),
        PostgreSQL.language.data.of({ autocomplete: columnCompletions(() => latest.current.tables) }),
        language.current.of(sql({ dialect: PostgreSQL, schema: schemaNamespace(latest.current.tables), upperCaseKeywords: true })),
        placeholderExt(latest.current.placeholder ?? 'SELECT * FROM arrivals  -- Ctrl+Enter runs'),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': 'SQL editor' }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) latest.current.onChange(u.state.doc.toString());
        }),
      ],
    });
    view.current = v;
    if (latest.current.autoFocus) v.focus();
    const focusRef = latest.current.focusRef;
    if (focusRef) focusRef.current = () => v.focus();
    return () => {
      v.destroy();
      view.current = null;
      if (focusRef) focusRef.current = null;
    };
  }, []);

  useEffect(() => {
    view.current?.dispatch({
      effects: language.current.reconfigure(sql({ dialect: PostgreSQL, schema: schemaNamespace(props.tables), upperCaseKeywords: true })),
    });
  }, [props.tables]);

  useEffect(() => {
    const v = view.current;
    if (v && props.value !== v.state.doc.toString()) {
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: props.value } });
    }
  }, [props.value]);

  useEffect(() => {
    const v = view.current;
    const p = props.focusPosition;
    if (!v || !p || p.line > v.state.doc.lines) return;
    const line = v.state.doc.line(p.line);
    const pos = Math.min(line.from + p.column - 1, line.to);
    v.dispatch({ selection: EditorSelection.cursor(pos), scrollIntoView: true });
  }, [props.focusPosition]);

  useEffect(() => {
    if (props.focusSignal) view.current?.focus();
  }, [props.focusSignal]);

  return <div className="sql-editor" ref={host} />;
}
