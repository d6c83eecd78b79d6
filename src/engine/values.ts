/**
 * The one place where DuckDB values become JavaScript values and text. Arrow hands back BigInt,
 * unscaled decimals, epoch milliseconds and vector objects; everything downstream (grid, CLI,
 * exports) sees `Plain` values from `fromArrow` and text from `formatValue`.
 */
import { DataType, Precision, Type, Vector, type Data, type Table, type Field } from 'apache-arrow';
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
      return typeof value === 'bigint'
        ? exactTimestamp(value, (type as unknown as { unit: number }).unit, (type as unknown as { timezone?: string | null }).timezone)
        : isoTimestamp(Number(value), (type as unknown as { timezone?: string | null }).timezone);
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
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean'
        ? value
        : String(value);
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
  let read: ((i: number) => Plain) | null = null;
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
        read = (i) => exactTimestamp(values[i] as bigint, unit, tz);
        break;
      }
      return false;
  }
  for (let i = 0; i < n; i++) rows[base + i]![c] = isNull(i) ? null : read(i);
  return true;
}

/** `YYYY-MM-DD` for days since 1970-01-01 without a Date object (Hinnant's civil-from-days). */
function dateFromDays(days: number): string {
  if (Math.abs(days) >= 2_147_483_647) return days > 0 ? 'infinity' : '-infinity';
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const y = year < 0 ? `-${String(-year).padStart(4, '0')}` : String(year).padStart(4, '0');
  return `${y}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
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
  if (!isTimestamp(vector.type)) return vector.get(index);
  if (!vector.isValid(index)) return null;
  let i = index;
  for (const data of vector.data) {
    if (i < data.length) return rawInt64(data.values, i) ?? vector.get(index);
    i -= data.length;
  }
  return vector.get(index);
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

/** DuckDB stores infinity dates and timestamps as the largest integers of their type. */
const DATE_INFINITY_MS = 2_147_483_647 * 86_400_000;
const TIMESTAMP_INFINITY = 9_223_372_036_854_775_807n;

function isoDate(ms: number): string {
  if (Math.abs(ms) >= DATE_INFINITY_MS) return ms > 0 ? 'infinity' : '-infinity';
  return dayText(new Date(ms));
}

function dayText(d: Date): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${yearText(d)}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
}

const TIMESTAMP_UNIT_PER_SECOND = [1n, 1_000n, 1_000_000n, 1_000_000_000n];

/** A timestamp from its stored integer (seconds, ms, µs or ns since 1970), exact to the unit. */
function exactTimestamp(value: bigint, unit: number, timezone: string | null | undefined): string {
  if (value >= TIMESTAMP_INFINITY || value <= -TIMESTAMP_INFINITY) return value > 0n ? 'infinity' : '-infinity';
  const perSecond = TIMESTAMP_UNIT_PER_SECOND[unit] ?? 1_000_000n;
  let seconds = value / perSecond;
  let frac = value % perSecond;
  if (frac < 0n) {
    frac += perSecond;
    seconds -= 1n;
  }
  const d = new Date(Number(seconds) * 1000);
  const two = (n: number): string => String(n).padStart(2, '0');
  const digits = perSecond.toString().length - 1;
  const fraction = frac === 0n ? '' : `.${frac.toString().padStart(digits, '0').replace(/0+$/, '')}`;
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  return `${dayText(d)}T${time}${fraction}${timezone ? 'Z' : ''}`;
}

/** Arrow gives TIMESTAMP as milliseconds with the microseconds as a fraction. */
function isoTimestamp(ms: number, timezone: string | null | undefined): string {
  const whole = Math.floor(ms);
  const micros = Math.round((ms - whole) * 1000);
  const d = new Date(whole);
  const two = (n: number): string => String(n).padStart(2, '0');
  const base = `${dayText(d)}T${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  const fraction = (d.getUTCMilliseconds() * 1000 + micros).toString().padStart(6, '0').replace(/0+$/, '');
  return `${base}${fraction ? `.${fraction}` : ''}${timezone ? 'Z' : ''}`;
}

function yearText(d: Date): string {
  const y = d.getUTCFullYear();
  return y < 0 ? `-${String(-y).padStart(4, '0')}` : String(y).padStart(4, '0');
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
  return /\b(INTERVAL|BIT|UNION|VARINT|BIGNUM|TIME WITH TIME ZONE|TIMETZ|ENUM|TIMESTAMP_NS|UHUGEINT)\b/i.test(duckdbType);
}
