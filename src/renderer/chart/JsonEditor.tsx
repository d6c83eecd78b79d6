/** A CodeMirror 6 JSON editor for a chart's Vega-Lite spec (the builder's "Edit spec"). */
import { useEffect, useRef } from 'react';
import { basicSetup } from 'codemirror';
import { editorColours } from '../editor/highlight';
import { EditorView } from '@codemirror/view';
import { json } from '@codemirror/lang-json';

export function JsonEditor({ value, onChange, label }: { value: string; onChange(value: string): void; label: string }): React.JSX.Element {
  const parent = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef(onChange);
  latest.current = onChange;

  useEffect(() => {
    const v = new EditorView({
      parent: parent.current!,
      doc: value,
      extensions: [
        basicSetup,
        editorColours,
        json(),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': label }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) latest.current(u.state.doc.toString());
        }),
      ],
    });
    view.current = v;
    return () => v.destroy();
    // The editor is created once; outside changes arrive through the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const v = view.current;
    if (v && value !== v.state.doc.toString()) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  return <div className="json-editor" ref={parent} />;
}
