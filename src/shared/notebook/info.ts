/** The info string of a fenced block (```sql name=female_share) and cell names. */

export interface InfoString {
  /** The first word: `sql` for a cell (compared without case). '' when the info string is empty. */
  language: string;
  /** The `name=` attribute, or null. */
  name: string | null;
  /** Every `key=value` attribute, in order (a bare word is a key with the value ''). */
  attributes: Array<[string, string]>;
}

const CELL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A cell name is SQL-identifier-like: a letter or underscore, then letters, digits and underscores.
 * Cell names become DuckDB view names, so later cells can select from an earlier cell's result.
 */
export function validCellName(name: string): boolean {
  return CELL_NAME.test(name);
}

/** True for the info string of a SQL cell: its first word is `sql`. */
export function isSqlInfo(info: string): boolean {
  return parseInfoString(info).language.toLowerCase() === 'sql';
}

/** The info-string language of a chart block. */
export const CHART_LANGUAGE = 'vega-lite';

/** Which kind of cell a fence's info string opens: `sql`, `vega-lite` (a chart), or none (a note). */
export function fencedKindOf(info: string): 'sql' | 'chart' | null {
  const language = parseInfoString(info).language.toLowerCase();
  return language === 'sql' ? 'sql' : language === CHART_LANGUAGE ? 'chart' : null;
}

/** An attribute's value, or null when the info string does not have it. */
export function infoAttribute(info: InfoString, key: string): string | null {
  const found = info.attributes.find(([k]) => k === key);
  return found ? found[1] : null;
}

/** Words separated by spaces; a value may be in double quotes, with `\"`, `\\` and `\n` inside. */
function tokens(info: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < info.length) {
    while (i < info.length && /\s/.test(info[i]!)) i++;
    if (i >= info.length) break;
    let token = '';
    while (i < info.length && !/\s/.test(info[i]!)) {
      if (info[i] === '"') {
        // Keep the quotes: attribute() decodes the value.
        let j = i + 1;
        while (j < info.length && info[j] !== '"') j += info[j] === '\\' ? 2 : 1;
        token += info.slice(i, Math.min(j + 1, info.length));
        i = j + 1;
      } else {
        token += info[i];
        i++;
      }
    }
    out.push(token);
  }
  return out;
}

function unquote(value: string): string {
  if (value.length < 2 || !value.startsWith('"') || !value.endsWith('"')) return value;
  return value.slice(1, -1).replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c));
}

export function parseInfoString(info: string): InfoString {
  const [language = '', ...rest] = tokens(info.trim());
  const attributes: Array<[string, string]> = rest.map((t) => {
    const eq = t.indexOf('=');
    return eq === -1 ? [t, ''] : [t.slice(0, eq), unquote(t.slice(eq + 1))];
  });
  const name = attributes.find(([k]) => k === 'name');
  return { language, name: name ? name[1] : null, attributes };
}

/** An attribute value as written: bare when it can be, else in double quotes. */
export function formatAttributeValue(value: string): string {
  if (value !== '' && /^[^\s"`\\]+$/.test(value)) return value;
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\r?\n|\r/g, '\\n')}"`;
}

/**
 * The info string with its `name=` set to `name` (or removed when null), every other word kept as
 * written. Without an original, the canonical `sql name=...`.
 */
export function infoWithName(original: string | null, name: string | null): string {
  return infoWithAttribute(original, 'name', name, 'sql');
}

/**
 * The info string with attribute `key` set to `value` (or removed when null), every other word kept
 * as written; a new attribute goes after the ones before it in `order`, or at the end when it is
 * not in `order`. Without an original, `language` and the attribute.
 */
export function infoWithAttribute(original: string | null, key: string, value: string | null, language: string, order: readonly string[] = ['name']): string {
  const words = original === null ? [language] : tokens(original.trim());
  if (words.length === 0) words.push(language);
  const isKey = (w: string, k: string): boolean => w === k || w.startsWith(`${k}=`);
  const set = value === null ? null : `${key}=${formatAttributeValue(value)}`;
  const at = words.findIndex((w, i) => i > 0 && isKey(w, key));
  if (at === -1) {
    if (set === null) return words.join(' ');
    const earlier = order.slice(0, Math.max(0, order.indexOf(key)));
    let insert = order.includes(key) ? 1 : words.length;
    words.forEach((w, i) => {
      if (i > 0 && earlier.some((k) => isKey(w, k))) insert = i + 1;
    });
    words.splice(insert, 0, set);
  } else if (set === null) {
    words.splice(at, 1);
  } else {
    words[at] = set;
  }
  return words.join(' ');
}
