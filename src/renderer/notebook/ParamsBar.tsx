/**
 * The notebook's parameters above its cells (front matter `params:`), one typed input each. A
 * changed value is used by the next run (Run all, or a single cell) and kept for this session;
 * the file's defaults change only when the user saves them as defaults.
 */
import { formatParamValue, type NotebookParam } from '../../shared/notebook/params';

export interface ParamsBarProps {
  params: readonly NotebookParam[];
  /** The text in each input that differs from the default, by parameter name. */
  texts: Readonly<Record<string, string>>;
  /** What is wrong with an input's text, by parameter name. */
  errors: ReadonlyMap<string, string>;
  /** A new text for an input; null when it is back to the default. */
  onChange(name: string, text: string | null): void;
  onReset(): void;
  onSaveDefaults(): void;
}

const INPUT_TYPES: Partial<Record<NotebookParam['type'], string>> = { integer: 'number', double: 'number', date: 'date' };

export function ParamsBar({ params, texts, errors, onChange, onReset, onSaveDefaults }: ParamsBarProps): React.JSX.Element | null {
  if (params.length === 0) return null;
  const changed = Object.keys(texts).length > 0;
  return (
    <section className="params-bar" aria-label="Parameters">
      <span className="params-title">Parameters</span>
      {params.map((p) => {
        const text = texts[p.name] ?? formatParamValue(p.value);
        const error = errors.get(p.name);
        const id = `param-${p.name}`;
        const set = (t: string): void => onChange(p.name, t === formatParamValue(p.value) ? null : t);
        return (
          <span key={p.name} className={`param${error ? ' invalid' : ''}`}>
            <label htmlFor={id}>{p.name}</label>
            {p.type === 'boolean' ? (
              <input id={id} type="checkbox" checked={text === 'true'} onChange={(e) => set(String(e.target.checked))} />
            ) : (
              <input
                id={id}
                type={INPUT_TYPES[p.type] ?? 'text'}
                step={p.type === 'integer' ? 1 : 'any'}
                value={text}
                title={`${p.type}${p.type.endsWith('[]') ? ', items separated by commas' : ''}; default ${formatParamValue(p.value)}`}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-error` : undefined}
                onChange={(e) => set(e.target.value)}
              />
            )}
            {error && (
              <span id={`${id}-error`} className="param-error" role="alert">
                {error}
              </span>
            )}
          </span>
        );
      })}
      {changed && (
        <>
          <button type="button" className="button" onClick={onReset} title="Use the notebook's defaults again">
            Reset
          </button>
          <button
            type="button"
            className="button"
            disabled={errors.size > 0}
            onClick={onSaveDefaults}
            title="Make these values the notebook's defaults (saved with the notebook)"
          >
            Save as defaults
          </button>
        </>
      )}
    </section>
  );
}
