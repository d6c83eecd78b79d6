/**
 * The one place where DuckDB values become JavaScript values and text. Arrow hands back BigInt,
 * unscaled decimals, epoch milliseconds and vector objects; everything downstream (grid, CLI,
 * exports) sees `Plain` values from `fromArrow` and text from `formatValue`.
 */
import { DataType, Type, type Table, type Field } from 'apache-arrow';
import type { Plain } from '../shared/types';

export function fromArrow(value: unknown, type: DataType): Plain {
  if (value === null || value === undefined) return null;
  switch (type.typeId) {
    case Type.Decimal:
      return decimalText(value, (type as unknown as { scale: number }).scale);
    case Type.Date:
    case Type.DateDay:
    case Type.DateMillisecond:
      return isoDate(Number(value));
    case Type.Timestamp:
    case Type.TimestampSecond:
    case Type.TimestampMillisecond:
    case Type.TimestampMicrosecond:
    case Type.TimestampNanosecond:
      return isoTimestamp(Number(value), (type as unknown as { timezone?: string | null }).timezone);
    case Type.Time:
    case Type.TimeSecond:
    case Type.TimeMillisecond:
    case Type.TimeMicrosecond:
    case Type.TimeNanosecond:
      return timeOfDay(value, (type as unknown as { unit: number }).unit);
    case Type.Binary:
    case Type.LargeBinary:
    case Type.FixedSizeBinary:
      return blobText(value as Uint8Array);
    case Type.List:
    case Type.FixedSizeList: {
      const child = (type.children[0] as Field).type;
      return Array.from(value as Iterable<unknown>, (v) => fromArrow(v, child));
    }
    case Type.Struct: {
      const out: Record<string, Plain> = {};
      const row = value as Record<string, unknown>;
      for (const f of type.children as Field[]) out[f.name] = fromArrow(row[f.name], f.type);
      return out;
    }
    case Type.Map: {
      const entry = (type.children[0] as Field).type.children as Field[];
      const pairs = Array.from(value as Iterable<[unknown, unknown]>, ([k, v]) => [
        fromArrow(k, entry[0]!.type),
        fromArrow(v, entry[1]!.type),
      ]);
      if (pairs.every(([k]) => typeof k === 'string')) return Object.fromEntries(pairs);
      return pairs.map(([key, val]) => ({ key: key as Plain, value: val as Plain }));
    }
    case Type.Dictionary:
      return fromArrow(value, (type as unknown as { dictionary: DataType }).dictionary);
    case Type.Float:
      return Number(value);
    case Type.Int:
      return typeof value === 'bigint' ? value : Number(value);
    case Type.Bool:
      return Boolean(value);
    default:
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean'
        ? value
        : String(value);
  }
}

/** Reads rows of an Arrow table as arrays of Plain values, column types applied. */
export function tableRows(table: Table): Plain[][] {
  const fields = table.schema.fields;
  const columns = fields.map((f) => table.getChild(f.name));
  const rows: Plain[][] = new Array(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    const row: Plain[] = new Array(fields.length);
    for (let c = 0; c < fields.length; c++) row[c] = fromArrow(columns[c]?.get(r), fields[c]!.type);
    rows[r] = row;
  }
  return rows;
}

function decimalText(value: unknown, scale: number): Plain {
  const digits = typeof value === 'bigint' ? value.toString() : String(value);
  const negative = digits.startsWith('-');
  const abs = negative ? digits.slice(1) : digits;
  if (scale === 0) return BigInt(digits);
  const padded = abs.padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
}

function isoDate(ms: number): string {
  return yearText(new Date(ms)) + new Date(ms).toISOString().slice(4, 10);
}

/** Arrow gives TIMESTAMP as milliseconds with the microseconds as a fraction. */
function isoTimestamp(ms: number, timezone: string | null | undefined): string {
  const whole = Math.floor(ms);
  const micros = Math.round((ms - whole) * 1000);
  const d = new Date(whole);
  const base = yearText(d) + d.toISOString().slice(4, 19);
  const fraction = (d.getUTCMilliseconds() * 1000 + micros).toString().padStart(6, '0').replace(/0+$/, '');
  return `${base}${fraction ? `.${fraction}` : ''}${timezone ? 'Z' : ''}`;
}

function yearText(d: Date): string {
  const y = d.getUTCFullYear();
  return y >= 0 && y <= 9999 ? String(y).padStart(4, '0') : String(y);
}

const TIME_UNIT_PER_SECOND = [1, 1_000, 1_000_000, 1_000_000_000];

function timeOfDay(value: unknown, unit: number): string {
  const perSecond = BigInt(TIME_UNIT_PER_SECOND[unit] ?? 1_000_000);
  const v = BigInt(value as bigint | number);
  const seconds = Number(v / perSecond);
  const frac = v % perSecond;
  const hh = Math.floor(seconds / 3600);
  const mm = Math.floor((seconds % 3600) / 60);
  const ss = seconds % 60;
  const two = (n: number): string => String(n).padStart(2, '0');
  const fracText = frac === 0n ? '' : `.${frac.toString().padStart(perSecond.toString().length - 1, '0').replace(/0+$/, '')}`;
  return `${two(hh)}:${two(mm)}:${two(ss)}${fracText}`;
}

/** Like DuckDB: printable ASCII as is, other bytes as \xHH. */
function blobText(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b >= 0x20 && b < 0x7f && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).toUpperCase().padStart(2, '0')}`;
  return s;
}

/** JSON text that keeps BigInt exact (as a bare number). */
export function toJson(value: Plain): string {
  if (value === null) return 'null';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : JSON.stringify(String(value));
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`).join(',')}}`;
}

/** Text for a cell: the grid and CSV use this. `nullText` is what NULL shows as. */
export function formatValue(value: Plain, nullText = 'NULL'): string {
  if (value === null) return nullText;
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return toJson(value);
  return String(value);
}

/** DuckDB types whose Arrow form is lossy or odd in JS: the engine reads them as DuckDB's own text. */
export function needsTextCast(duckdbType: string): boolean {
  return /\b(INTERVAL|BIT|UNION|VARINT|BIGNUM|TIME WITH TIME ZONE|TIMETZ|ENUM|TIMESTAMP_NS)\b/i.test(duckdbType);
}
