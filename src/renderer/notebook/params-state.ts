/**
 * The parameter inputs of one open notebook: the texts typed over the defaults (kept for the
 * session, not in the file), each parsed by its declared type, and saving them as the defaults.
 */
import { useCallback, useMemo, useState } from 'react';
import type { Notebook } from '../../shared/notebook/model';
import { notebookParams, paramsDeclaration, parseParamValue, type NotebookParam, type ParamValue } from '../../shared/notebook/params';

export interface ParamsState {
  params: NotebookParam[];
  /** Input texts that differ from the defaults. */
  texts: Record<string, string>;
  /** The values of the changed inputs that parse (the runner uses the default for the others). */
  values: Map<string, ParamValue>;
  errors: Map<string, string>;
  setText(name: string, text: string | null): void;
  reset(): void;
  saveDefaults(): void;
}

export function useParams(notebook: Notebook, onChange: (update: (nb: Notebook) => Notebook) => void): ParamsState {
  const params = useMemo(() => notebookParams(notebook.frontMatter), [notebook.frontMatter]);
  const [texts, setTexts] = useState<Record<string, string>>({});
  const { values, errors } = useMemo(() => {
    const values = new Map<string, ParamValue>();
    const errors = new Map<string, string>();
    for (const p of params) {
      const text = texts[p.name];
      if (text === undefined) continue;
      const parsed = parseParamValue(p, text);
      if (parsed.ok) values.set(p.name, parsed.value);
      else errors.set(p.name, parsed.message);
    }
    return { values, errors };
  }, [params, texts]);

  const setText = useCallback(
    (name: string, text: string | null) =>
      setTexts((t) => {
        const next = { ...t };
        if (text === null) delete next[name];
        else next[name] = text;
        return next;
      }),
    [],
  );
  const reset = useCallback(() => setTexts({}), []);
  const saveDefaults = (): void => {
    if (errors.size > 0) return;
    onChange((nb) => ({ ...nb, frontMatter: { ...nb.frontMatter, extra: { ...nb.frontMatter.extra, params: paramsDeclaration(params, values) } } }));
    setTexts({});
  };
  return { params, texts, values, errors, setText, reset, saveDefaults };
}
