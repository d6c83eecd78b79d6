/**
 * Just enough of DuckDB's type names (`DECIMAL(5,2)[]`, `STRUCT(a DECIMAL(4,2), "b c" INTEGER)`,
 * `MAP(VARCHAR, DECIMAL(9,3))`, `UNION(a INTEGER, b VARCHAR)`) to know where a result holds exact
 * numbers carried as text, so the JSON writers can print them as JSON numbers, nested or not; which
 * parts are maps (their text is DuckDB's map notation, see values.ts); and which cell kind a column
 * is for XLSX.
 */

export type DuckType =
  /** DECIMAL (and UHUGEINT, read as text): the value is the exact decimal text of a number. */
  | { kind: 'exact' }
  | { kind: 'list'; item: DuckType }
  /** STRUCT, and UNION (whose value is a one-member struct `{tag: value}`). */
  | { kind: 'struct'; fields: Map<string, DuckType> }
  | { kind: 'map'; key: DuckType; value: DuckType }
  | { kind: 'other' };

const OTHER: DuckType = { kind: 'other' };
const EXACT_TEXT = /^(DECIMAL|NUMERIC|UHUGEINT)$/i;

/** Parses a type name; anything it does not understand is `other` (written as the value is). */
export function parseDuckType(text: string): DuckType {
  try {
    const p = new Parser(text);
    const t = p.type();
    p.space();
    return p.done() ? t : OTHER;
  } catch {
    return OTHER;
  }
}

/** True when some part of the type is an exact number carried as text. */
export function hasExactText(t: DuckType): boolean {
  switch (t.kind) {
    case 'exact':
      return true;
    case 'list':
      return hasExactText(t.item);
    case 'struct':
      return [...t.fields.values()].some(hasExactText);
    case 'map':
      return hasExactText(t.key) || hasExactText(t.value);
    default:
      return false;
  }
}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  done(): boolean {
    return this.i >= this.s.length;
  }

  space(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i]!)) this.i++;
  }

  private expect(c: string): void {
    this.space();
    if (this.s[this.i] !== c) throw new Error(`expected ${c} at ${this.i}`);
    this.i++;
  }

  type(): DuckType {
    this.space();
    const start = this.i;
    while (this.i < this.s.length && !'()[],'.includes(this.s[this.i]!)) this.i++;
    const name = this.s.slice(start, this.i).trim().toUpperCase();
    if (!name) throw new Error(`expected a type at ${start}`);
    let t: DuckType;
    if (this.s[this.i] === '(') {
      this.i++;
      if (name === 'STRUCT' || name === 'UNION') t = { kind: 'struct', fields: this.fields() };
      else if (name === 'MAP') {
        const key = this.type();
        this.expect(',');
        const value = this.type();
        this.expect(')');
        t = { kind: 'map', key, value };
      } else {
        this.skipArguments();
        t = EXACT_TEXT.test(name) ? { kind: 'exact' } : OTHER;
      }
    } else t = EXACT_TEXT.test(name) ? { kind: 'exact' } : OTHER;
    // Any number of list (`[]`) or array (`[3]`) suffixes.
    for (;;) {
      this.space();
      if (this.s[this.i] !== '[') return t;
      const close = this.s.indexOf(']', this.i);
      if (close === -1 || !/^\d*$/.test(this.s.slice(this.i + 1, close).trim())) throw new Error('bad list suffix');
      this.i = close + 1;
      t = { kind: 'list', item: t };
    }
  }

  /** `name TYPE, "quoted name" TYPE, ...)` */
  private fields(): Map<string, DuckType> {
    const fields = new Map<string, DuckType>();
    for (;;) {
      this.space();
      const name = this.fieldName();
      fields.set(name, this.type());
      this.space();
      const c = this.s[this.i++];
      if (c === ')') return fields;
      if (c !== ',') throw new Error('expected , or )');
    }
  }

  private fieldName(): string {
    if (this.s[this.i] === '"') {
      let name = '';
      this.i++;
      for (;;) {
        const c = this.s[this.i++];
        if (c === undefined) throw new Error('unterminated name');
        if (c === '"') {
          if (this.s[this.i] !== '"') return name;
          this.i++;
        }
        name += c;
      }
    }
    const start = this.i;
    while (this.i < this.s.length && !/\s/.test(this.s[this.i]!)) this.i++;
    return this.s.slice(start, this.i);
  }

  /** Skips `(…)` arguments such as `5,2` or `'a', 'b''c'`, up to and including the `)`. */
  private skipArguments(): void {
    let depth = 1;
    while (this.i < this.s.length) {
      const c = this.s[this.i++];
      if (c === "'" || c === '"') {
        for (;;) {
          const d = this.s[this.i++];
          if (d === undefined) throw new Error('unterminated quote');
          if (d === c) {
            if (this.s[this.i] !== c) break;
            this.i++;
          }
        }
      } else if (c === '(') depth++;
      else if (c === ')' && --depth === 0) return;
    }
    throw new Error('unbalanced (');
  }
}

/** How a top-level column becomes a spreadsheet cell. */
export type CellKind = 'integer' | 'float' | 'decimal' | 'boolean' | 'date' | 'timestamp' | 'time' | 'text';

export function cellKind(duckdbType: string): CellKind {
  const t = duckdbType.trim().toUpperCase();
  if (/[[\]]$/.test(t) || /^(STRUCT|MAP|UNION)\b/.test(t)) return 'text';
  if (/^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|INT1|INT2|INT4|INT8)$/.test(t)) return 'integer';
  if (/^(FLOAT|REAL|DOUBLE|FLOAT4|FLOAT8)$/.test(t)) return 'float';
  if (/^(DECIMAL|NUMERIC)\b/.test(t)) return 'decimal';
  if (t === 'BOOLEAN' || t === 'BOOL') return 'boolean';
  if (t === 'DATE') return 'date';
  if (/^TIMESTAMP(_S|_MS| WITH TIME ZONE)?$/.test(t) || t === 'TIMESTAMPTZ' || t === 'DATETIME') return 'timestamp';
  if (t === 'TIME') return 'time';
  return 'text';
}

/** Number columns are right-aligned: in the grid, in snapshots and Markdown copies (`---:`). */
export function isNumberType(duckdbType: string): boolean {
  const kind = cellKind(duckdbType);
  return kind === 'integer' || kind === 'float' || kind === 'decimal';
}
