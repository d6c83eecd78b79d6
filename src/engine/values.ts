/**
 * The one place where DuckDB values become JavaScript values and text. Arrow hands back BigInt,
 * unscaled decimals, epoch integers, unions and vector objects; everything downstream (grid, CLI,
 * exports, snapshots) sees `Plain` values from `fromArrow` and a column's text from `cellText`.
 *
 * The text of every value is one DuckDB casts back to the same value of the column's type
 * (`CAST(text AS type)`): scalars as DuckDB prints them (timestamps in ISO 8601, see
 * datetime-text.ts); LIST and STRUCT in JSON notation, MAP as `{"key"=value, ...}` (DuckDB's map
 * notation; JSON objects do not cast to MAP); a UNION as a one-member struct `{"tag":value}`, so
 * the tag is kept. Strings inside nested values are quoted with `\"` and `\\` escaped only, which
 * is what DuckDB's nested-text parser reads (it has no `\n`).
 */
import { DataType, Precision, Type, UnionMode, Vector, type Data, type Table, type Field } from 'apache-arrow';
import type { Plain } from '../shared/types';
import { dateFromDays, timeText, timestampText } from './datetime-text';
import { parseDuckType, type DuckType } from './export/duck-type';

/** A value `exactItem` or a struct has already converted (a UNION with its tag). */
class Converted {
  constructor(readonly plain: Plain) {}
}

export function fromArrow(value: unknown, type: DataType): Plain {
  if (value === null || value === undefined) return null;
  if (value instanceof Converted) return value.plain;
  switch (type.typeId) {
    case Type.Decimal:
      return decimalText(value, (type as unknown as { scale: number }).scale);
    case Type.Date:
    case Type.DateDay:
    case Type.DateMillisecond:
      // Arrow's getter gives milliseconds for both units.
      return dateFromDays(Math.round(Number(value) / 86_400_000));
    case Type.Timestamp:
    case Type.TimestampSecond:
    case Type.TimestampMillisecond:
    case Type.TimestampMicrosecond:
    case Type.TimestampNanosecond: {
      const utc = Boolean((type as unknown as { timezone?: string | null }).timezone);
      // A bigint is the stored integer; a number is arrow's float milliseconds (exact to the µs near 1970).
      return typeof value === 'bigint'
        ? timestampText(value, (type as unknown as { unit: number }).unit, utc)
        : timestampText(BigInt(Math.round(Number(value) * 1000)), 2, utc);
    }
    case Type.Time:
    case Type.TimeSecond:
    case Type.TimeMillisecond:
    case Type.TimeMicrosecond:
    case Type.TimeNanosecond:
      return timeText(value as bigint | number, (type as unknown as { unit: number }).unit);
    case Type.Binary:
    case Type.LargeBinary:
    case Type.FixedSizeBinary:
      return blobText(value as Uint8Array);
    case Type.List:
    case Type.FixedSizeList: {
      const child = (type.children[0] as Field).type;
      const items = value as Vector;
      if (typeof items.get !== 'function') return Array.from(value as Iterable<unknown>, (v) => fromArrow(v, child));
      return Array.from({ length: items.length }, (_, i) => fromArrow(exactItem(items, i), child));
    }
    case Type.Struct: {
      const out: Record<string, Plain> = {};
      const row = value as Record<string | symbol, unknown>;
      const parent = row[ROW_PARENT] as { children?: Data[] } | undefined;
      const index = row[ROW_INDEX] as number | undefined;
      (type.children as Field[]).forEach((f, j) => {
        // The getter turns 64-bit timestamps into float milliseconds (and throws on infinity);
        // read the stored integer instead.
        const child = parent?.children?.[j];
        if (isTimestamp(f.type) && child && index !== undefined) {
          out[f.name] = child.getValid(index) ? fromArrow(rawInt64(child.values, index) ?? row[f.name], f.type) : null;
        } else if (f.type.typeId === Type.Union && child && index !== undefined) {
          out[f.name] = unionAt(child, index);
        } else out[f.name] = fromArrow(row[f.name], f.type);
      });
      return out;
    }
    case Type.Map: {
      const entry = (type.children[0] as Field).type.children as Field[];
      const keys = (value as Record<symbol, unknown>)[MAP_KEYS] as Vector | undefined;
      const valsData = (value as Record<symbol, unknown>)[MAP_VALS] as Data | Vector | undefined;
      const vals = valsData && typeof (valsData as Vector).get !== 'function' ? new Vector([valsData as Data]) : (valsData as Vector | undefined);
      const pairs =
        keys && vals && typeof keys.get === 'function' && typeof vals.get === 'function'
          ? Array.from({ length: keys.length }, (_, i) => [fromArrow(exactItem(keys, i), entry[0]!.type), fromArrow(exactItem(vals, i), entry[1]!.type)])
          : Array.from(value as Iterable<[unknown, unknown]>, ([k, v]) => [fromArrow(k, entry[0]!.type), fromArrow(v, entry[1]!.type)]);
      if (pairs.every(([k]) => typeof k === 'string')) return Object.fromEntries(pairs);
      return pairs.map(([key, val]) => ({ key: key as Plain, value: val as Plain }));
    }
    case Type.Dictionary:
      return fromArrow(value, (type as unknown as { dictionary: DataType }).dictionary);
    case Type.Float:
      return (type as unknown as { precision: number }).precision === Precision.SINGLE ? shortestFloat32(Number(value)) : Number(value);
    case Type.Int:
      return typeof value === 'bigint' ? value : Number(value);
    case Type.Bool:
      return Boolean(value);
    default:
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean' ? value : String(value);
  }
}

/** Reads rows of an Arrow table as arrays of Plain values, column types applied. */
export function tableRows(table: Table): Plain[][] {
  const fields = table.schema.fields;
  const rows: Plain[][] = new Array(table.numRows);
  for (let r = 0; r < table.numRows; r++) rows[r] = new Array(fields.length);
  fields.forEach((field, c) => {
    const column = table.getChildAt(c);
    if (!column) {
      for (const row of rows) row[c] = null;
      return;
    }
    let base = 0;
    for (const data of column.data) {
      if (!readFlat(data, field.type, rows, c, base)) {
        // Nested and rare types: arrow's getter, one item at a time.
        const chunk = new Vector([data]);
        for (let i = 0; i < data.length; i++) rows[base + i]![c] = fromArrow(exactItem(chunk, i), field.type);
      }
      base += data.length;
    }
  });
  return rows;
}

const utf8 = new TextDecoder();

/**
 * Fast path for flat columns: reads the chunk's buffers directly instead of arrow's per-item
 * getter (several times faster; exports read millions of rows). False when the type is not flat.
 */
function readFlat(data: Data, type: DataType, rows: Plain[][], c: number, base: number): boolean {
  if (data.offset !== 0) return false;
  const n = data.length;
  const valid = data.nullCount === 0 ? null : data.nullBitmap;
  const isNull = (i: number): boolean => valid !== null && valid !== undefined && (valid[i >> 3]! & (1 << (i & 7))) === 0;
  const values = data.values as ArrayLike<number | bigint> & { [i: number]: number | bigint };
  let read: (i: number) => Plain;
  switch (type.typeId) {
    case Type.Int: {
      const bits = (type as unknown as { bitWidth: number }).bitWidth;
      read = bits === 64 ? (i) => values[i] as bigint : (i) => values[i] as number;
      break;
    }
    case Type.Float: {
      const single = (type as unknown as { precision: number }).precision === Precision.SINGLE;
      const half = (type as unknown as { precision: number }).precision === Precision.HALF;
      if (half) return false;
      read = single ? (i) => shortestFloat32(values[i] as number) : (i) => values[i] as number;
      break;
    }
    case Type.Utf8: {
      const offsets = data.valueOffsets as Int32Array;
      const bytes = data.values as Uint8Array;
      read = (i) => utf8.decode(bytes.subarray(offsets[i]!, offsets[i + 1]!));
      break;
    }
    case Type.Bool: {
      const bits = data.values as Uint8Array;
      read = (i) => (bits[i >> 3]! & (1 << (i & 7))) !== 0;
      break;
    }
    case Type.Date:
    case Type.DateDay: {
      if ((type as unknown as { unit: number }).unit !== 0) return false; // DateUnit.DAY
      read = (i) => dateFromDays(values[i] as number);
      break;
    }
    case Type.Decimal: {
      const words = data.values as Uint32Array;
      const scale = (type as unknown as { scale: number }).scale;
      const bitWidth = (type as unknown as { bitWidth: number }).bitWidth ?? 128;
      if (bitWidth !== 128) return false;
      read = (i) => decimalText(int128(words, i * 4), scale);
      break;
    }
    default:
      if (isTimestamp(type)) {
        const unit = (type as unknown as { unit: number }).unit;
        const tz = (type as unknown as { timezone?: string | null }).timezone;
        read = (i) => timestampText(values[i] as bigint, unit, Boolean(tz));
        break;
      }
      return false;
  }
  for (let i = 0; i < n; i++) rows[base + i]![c] = isNull(i) ? null : read(i);
  return true;
}

/** A little-endian two's-complement 128-bit integer from four 32-bit words. */
function int128(words: Uint32Array, at: number): bigint {
  const lo = BigInt(words[at]!) | (BigInt(words[at + 1]!) << 32n);
  const hi = BigInt(words[at + 2]!) | (BigInt(words[at + 3]!) << 32n);
  const unsigned = lo | (hi << 64n);
  return words[at + 3]! & 0x80000000 ? unsigned - (1n << 128n) : unsigned;
}

// Arrow's row objects keep their source under these registered symbols.
const ROW_PARENT = Symbol.for('parent');
const ROW_INDEX = Symbol.for('rowIndex');
const MAP_KEYS = Symbol.for('keys');
const MAP_VALS = Symbol.for('vals');

function isTimestamp(type: DataType): boolean {
  return type.typeId === Type.Timestamp || (type.typeId >= Type.TimestampSecond && type.typeId <= Type.TimestampNanosecond);
}

function rawInt64(values: unknown, index: number): bigint | undefined {
  const v = (values as ArrayLike<unknown> | undefined)?.[index];
  return typeof v === 'bigint' ? v : undefined;
}

/**
 * Item `index` of a vector as `fromArrow` wants it. Arrow's getter divides 64-bit timestamps into
 * float milliseconds, which loses microseconds far from 1970; for those, the stored integer.
 */
function exactItem(vector: Vector, index: number): unknown {
  const union = vector.type.typeId === Type.Union;
  if (!union && !isTimestamp(vector.type)) return vector.get(index);
  if (!union && !vector.isValid(index)) return null;
  let i = index;
  for (const data of vector.data) {
    if (i < data.length) return union ? new Converted(unionAt(data, i)) : (rawInt64(data.values, i) ?? vector.get(index));
    i -= data.length;
  }
  return vector.get(index);
}

/**
 * Item `index` of a UNION as `{member: value}`. Arrow's getter gives only the value, which loses
 * the tag. Arrow unions have no validity bitmap: DuckDB's NULL union is a NULL member value.
 */
function unionAt(data: Data, index: number): Plain {
  const type = data.type as unknown as { mode: UnionMode; typeIdToChildIndex: Record<number, number>; children: Field[] };
  const typeIds = (data as unknown as { typeIds: Int8Array }).typeIds;
  // A sliced Data has its type ids and offsets (and a sparse union's children) sliced with it.
  const child = type.typeIdToChildIndex[typeIds[index]!]!;
  const at = type.mode === UnionMode.Dense ? (data.valueOffsets as Int32Array)[index]! : index;
  const field = type.children[child]!;
  const value = fromArrow(exactItem(new Vector([data.children[child]!]), at), field.type);
  return value === null ? null : { [field.name]: value };
}

/** The shortest decimal that reads back as the same 32-bit float: REAL 0.1 shows as 0.1. */
function shortestFloat32(v: number): number {
  if (!Number.isFinite(v) || v === 0) return v;
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(v.toPrecision(digits));
    if (Math.fround(candidate) === v) return candidate;
  }
  return v;
}

function decimalText(value: unknown, scale: number): Plain {
  const digits = typeof value === 'bigint' ? value.toString() : String(value);
  const negative = digits.startsWith('-');
  const abs = negative ? digits.slice(1) : digits;
  if (scale === 0) return BigInt(digits);
  const padded = abs.padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
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
  return `{${Object.entries(value)
    .map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`)
    .join(',')}}`;
}

/** Text of a scalar value, or JSON of a nested one when its type is unknown. `nullText` is what NULL shows as. */
export function formatValue(value: Plain, nullText = 'NULL'): string {
  if (value === null) return nullText;
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return toJson(value);
  return String(value);
}

/**
 * The text of a column's values, for the grid, CSV/TSV, copies, snapshots and XLSX text cells:
 * text DuckDB casts back to the same value of `duckdbType` (see the header). Null for NULL.
 */
export function cellText(duckdbType: string): (value: Plain) => string | null {
  const type = parseDuckType(duckdbType);
  return (v) => valueText(v, type);
}

/** `cellText` for a type already parsed (writers parse each column's type once). */
export function valueText(v: Plain, type: DuckType): string | null {
  return v === null ? null : typeof v === 'string' ? v : typeof v === 'object' ? nestedText(v, type) : String(v);
}

const OTHER: DuckType = { kind: 'other' };
const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

function quoted(s: string): string {
  return `"${s.replace(/["\\]/g, '\\$&')}"`;
}

/** A value inside a LIST, STRUCT, MAP or UNION, in the notation DuckDB's VARCHAR-to-nested cast reads. */
function nestedText(v: Plain, t: DuckType): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return t.kind === 'exact' && DECIMAL_TEXT.test(v) ? v : quoted(v);
    case 'number':
      return Number.isFinite(v) ? String(v) : `"${v}"`;
    case 'bigint':
    case 'boolean':
      return String(v);
  }
  if (t.kind === 'map') {
    // Text keys arrive as an object, other keys as [{key, value}, ...].
    const entries = Array.isArray(v)
      ? v.map((e) => (e !== null && typeof e === 'object' && !Array.isArray(e) ? [e.key ?? null, e.value ?? null] : [e, null]))
      : Object.entries(v);
    return `{${entries.map(([k, x]) => `${nestedText(k as Plain, t.key)}=${nestedText(x as Plain, t.value)}`).join(',')}}`;
  }
  if (Array.isArray(v)) return `[${v.map((x) => nestedText(x, t.kind === 'list' ? t.item : OTHER)).join(',')}]`;
  const fields = t.kind === 'struct' ? t.fields : null;
  return `{${Object.entries(v)
    .map(([k, x]) => `${quoted(k)}:${nestedText(x, fields?.get(k) ?? OTHER)}`)
    .join(',')}}`;
}

/**
 * DuckDB types whose Arrow form is lossy or odd in JS: the engine reads them as DuckDB's own text
 * (which casts back). TIMESTAMP_NS and UNION are read from Arrow (nanoseconds as integers, the union's tag).
 */
export function needsTextCast(duckdbType: string): boolean {
  return /\b(INTERVAL|BIT|VARINT|BIGNUM|TIME WITH TIME ZONE|TIMETZ|ENUM|UHUGEINT)\b/i.test(duckdbType);
}
